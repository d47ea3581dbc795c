import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import {
  PROJECTION,
  type DocumentView,
  type MeetingInfo,
  type MemberView,
  type MotionView,
  type ProjectedBallot,
} from '../../shared/api.ts';
import { meetingDocumentId, type QuorumState } from '../../shared/meeting.ts';
import type { MeetingFactTexts } from '../../shared/meeting-facts.ts';
import type { CommentsByDocument, DocumentCommentsState } from '../../shared/comments.ts';
import { compareVietnameseNames } from '../../shared/names.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { reconnectPolicy } from '../live/reconnect.ts';
import { notifyUnauthenticated } from '../api/http.ts';
import { collabUrl } from '../document/useCollabDocument.ts';
import { useOnline } from '../document/useOnline.ts';
import { reportConnection } from '../live/liveState.ts';

/** The meeting's public state as the server last wrote it into `meeting:<id>`. */
export interface ProjectedMeeting {
  info: MeetingInfo;
  quorum: QuorumState;
  /** In roster order: Vietnamese given name, then the rest. */
  members: MemberView[];
  /** Oldest first, the order they were drafted in. */
  documents: DocumentView[];
  /** By number: the order they were put. */
  motions: MotionView[];
  /** Per motion, who has voted: userId → their choice (named vote) or 'voted' (secret). */
  ballots: MotionBallots;
  /** The meeting's facts as the minutes word them; null from a server that does not send them. */
  facts: MeetingFactTexts | null;
  /** Per document with comments: its open threads and the revision of its comments. */
  comments: CommentsByDocument;
}

export type MotionBallots = Readonly<Record<string, Readonly<Record<string, ProjectedBallot>>>>;

export interface MeetingProjection {
  /** null until the first sync brings the server's state (the page shows the HTTP answer meanwhile). */
  state: ProjectedMeeting | null;
  /** The live feed is connected and in sync; when false, what is shown may be out of date. */
  live: boolean;
  /** The server refused the feed (not a member any more, or no such meeting). */
  refused: boolean;
}

function read(doc: Y.Doc): ProjectedMeeting | null {
  const meeting = doc.getMap<unknown>(PROJECTION.meeting);
  const info = meeting.get('info') as MeetingInfo | undefined;
  const quorum = meeting.get('quorum') as QuorumState | undefined;
  if (!info || !quorum) return null;
  const members = [...doc.getMap<MemberView>(PROJECTION.members).values()].sort(
    (a, b) => compareVietnameseNames(a.fullName, b.fullName) || a.userId.localeCompare(b.userId),
  );
  const documents = [...doc.getMap<DocumentView>(PROJECTION.documents).values()].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  const motions = [...doc.getMap<MotionView>(PROJECTION.motions).values()].sort((a, b) => a.number - b.number);
  const facts = (meeting.get('facts') as MeetingFactTexts | undefined) ?? null;
  const comments = Object.fromEntries(doc.getMap<DocumentCommentsState>(PROJECTION.comments).entries());
  return { info, quorum, members, documents, motions, ballots: readBallots(doc), facts, comments };
}

/** The flat `motionId/userId` entries (one per ballot, so each sends a few bytes) grouped by motion. */
function readBallots(doc: Y.Doc): MotionBallots {
  const ballots: Record<string, Record<string, ProjectedBallot>> = {};
  for (const [key, ballot] of doc.getMap<ProjectedBallot>(PROJECTION.ballots)) {
    const slash = key.indexOf('/');
    if (slash < 0) continue;
    (ballots[key.slice(0, slash)] ??= {})[key.slice(slash + 1)] = ballot;
  }
  return ballots;
}

/**
 * Subscribes, read-only, to the server-owned Y.Doc of a meeting with the stock y-websocket client: roster,
 * attendance, quorum and documents arrive live, and a reconnect catches up through the same sync, with no
 * polling. Nothing is ever written to it here (the server would drop it anyway).
 */
export function useMeetingProjection(meetingId: string): MeetingProjection {
  const [state, setState] = useState<ProjectedMeeting | null>(null);
  const [live, setLive] = useState(false);
  const [refused, setRefused] = useState(false);
  const [provider, setProvider] = useState<WebsocketProvider | null>(null);
  const online = useOnline();

  useEffect(() => {
    const doc = new Y.Doc();
    const reconnect = reconnectPolicy();
    const provider = new WebsocketProvider(collabUrl(), meetingDocumentId(meetingId), doc, {
      connect: navigator.onLine,
      shouldReconnect: reconnect.shouldReconnect,
    });
    setProvider(provider);
    // Nobody is "in" the projection: announcing a presence there would only be noise.
    provider.awareness.setLocalState(null);
    setState(null);
    setLive(false);
    setRefused(false);

    const onUpdate = () => setState(read(doc));
    const onSync = (synced: boolean) => {
      setLive(synced);
      if (synced) onUpdate();
    };
    const onStatus = ({ status }: { status: string }) => {
      if (status !== 'connected') setLive(false);
    };
    const onClosed = ({ code }: { code: number }) => {
      if (code === CloseCode.Unauthenticated) notifyUnauthenticated();
      else setRefused(true);
    };
    doc.on('update', onUpdate);
    provider.on('sync', onSync);
    provider.on('status', onStatus);
    provider.on('closed', onClosed);
    return () => {
      reconnect.cancel();
      setProvider(null);
      provider.destroy();
      doc.destroy();
    };
  }, [meetingId]);

  // As the document's socket does: a socket whose network is gone can look open for up to 30 s, and the header
  // would say "live" while the editor says "offline" (SV2). Follow the browser both ways.
  useEffect(() => {
    if (!provider || refused) return;
    if (!online) provider.disconnect();
    else if (!provider.shouldConnect) provider.connect();
  }, [online, provider, refused]);

  const connection = !online || refused ? 'offline' : live ? 'connected' : 'connecting';
  useEffect(() => {
    reportConnection('feed', connection);
  }, [connection]);
  useEffect(() => () => reportConnection('feed', null), []);

  return { state, live, refused };
}
