import * as Y from 'yjs';
import { PROJECTION, ballotKey, type MotionView, type ProjectedBallot } from '../../shared/api.ts';
import { computeQuorum, meetingDocumentId } from '../../shared/meeting.ts';
import type { Logger } from '../collab/peer.ts';
import type { RoomManager } from '../collab/rooms.ts';
import type { Motions } from '../motions/repo.ts';
import type { Comments } from '../comments/repo.ts';
import { meetingFactsOf } from './facts.ts';
import { presentMeetingInfo } from './present.ts';
import type { Meetings } from './repo.ts';
import { presentMotion } from '../motions/present.ts';

/**
 * Writes a meeting's public state into its server-owned Y.Doc `meeting:<id>` (maps described by PROJECTION).
 * It always rewrites from the database and changes only the entries that differ, so it is idempotent, heals a
 * projection that missed a change (say, one made by the command line), and sends clients small updates.
 */
export class MeetingProjection {
  /** The facts last published per meeting, so that only a real change reaches the documents. */
  private readonly factsSeen = new Map<string, string>();

  constructor(
    private readonly meetings: Meetings,
    private readonly motions: Motions,
    private readonly comments: Comments,
    private readonly rooms: RoomManager,
    private readonly log: Logger,
    /** The meeting's facts (meeting-facts.ts) differ from the last ones published: its documents should follow. */
    private readonly onFactsChanged: (meetingId: string) => void = () => {},
  ) {}

  /**
   * Called when someone subscribes: a projection not in memory is rewritten from the database, so changes made
   * while nobody watched (by the command line, or by another process) show up at once.
   */
  refreshIfCold(meetingId: string): void {
    if (!this.rooms.loadedRoom(meetingDocumentId(meetingId))) void this.publish(meetingId);
  }

  async publish(meetingId: string): Promise<void> {
    const row = await this.meetings.byId(meetingId);
    if (!row) return;
    const info = presentMeetingInfo(row);
    const members = await this.meetings.members(meetingId);
    const documents = await this.meetings.documents(meetingId);
    const quorum = computeQuorum(members, info.quorumRule);
    const facts = await meetingFactsOf(this.meetings, row, members);
    const motions = (await this.motions.detailsOf(meetingId)).map(presentMotion);
    const comments = await this.comments.stateOfMeeting(meetingId);
    // A secret ballot's row has no choice: it shows as 'voted'.
    const ballots = new Map<string, ProjectedBallot>(
      (await this.motions.ballotEntries(meetingId)).map((b) => [ballotKey(b.motionId, b.userId), b.choice ?? 'voted']),
    );
    await this.write(meetingId, (doc) => {
      const meeting = doc.getMap<unknown>(PROJECTION.meeting);
      setIfChanged(meeting, 'info', info);
      setIfChanged(meeting, 'quorum', quorum);
      setIfChanged(meeting, 'facts', facts);
      syncMap(doc.getMap<unknown>(PROJECTION.members), new Map(members.map((m) => [m.userId, m])));
      syncMap(doc.getMap<unknown>(PROJECTION.documents), new Map(documents.map((d) => [d.id, d])));
      syncMap(doc.getMap<unknown>(PROJECTION.motions), new Map(motions.map((m) => [m.id, m])));
      syncMap(doc.getMap<unknown>(PROJECTION.ballots), ballots);
      syncMap(doc.getMap<unknown>(PROJECTION.comments), new Map(Object.entries(comments)));
    });
    // Also the first time after a start: documents written by an older version, or while the server was down,
    // catch up once (a document already right is not written).
    const key = JSON.stringify(facts);
    if (this.factsSeen.get(meetingId) !== key) {
      this.factsSeen.set(meetingId, key);
      this.onFactsChanged(meetingId);
    }
  }

  /**
   * A ballot changes only its motion's count and adds one entry: written alone, so a burst of hundreds of
   * ballots sends each watcher a few small updates instead of the whole meeting each time.
   */
  /**
   * Ballots of one motion committed together: the motion's count once and each ballot's entry, in one change (one
   * store write and one message to the watchers, however many ballots a group commit took).
   */
  async publishBallots(meetingId: string, motion: MotionView, ballots: readonly { userId: string; ballot: ProjectedBallot }[]): Promise<void> {
    await this.write(meetingId, (doc) => {
      setIfChanged(doc.getMap<unknown>(PROJECTION.motions), motion.id, motion);
      const entries = doc.getMap<unknown>(PROJECTION.ballots);
      for (const { userId, ballot } of ballots) setIfChanged(entries, ballotKey(motion.id, userId), ballot);
    });
  }

  /** A document's comments changed: only its entry is written (its open threads and revision). */
  async publishComments(meetingId: string, documentId: string): Promise<void> {
    const state = await this.comments.stateOfDocument(documentId);
    await this.write(meetingId, (doc) => {
      const map = doc.getMap<unknown>(PROJECTION.comments);
      if (state.revision === 0) map.delete(documentId);
      else setIfChanged(map, documentId, state);
    });
  }

  private async write(meetingId: string, change: (doc: Y.Doc) => void): Promise<void> {
    try {
      await this.rooms.change(meetingDocumentId(meetingId), change);
    } catch (err) {
      // The command itself has committed; clients catch up on the next publish or when the room reloads.
      this.log.error({ meetingId, err: String(err) }, 'could not publish the meeting state');
    }
  }
}

function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
}

function syncMap(map: Y.Map<unknown>, wanted: Map<string, unknown>): void {
  for (const key of [...map.keys()]) if (!wanted.has(key)) map.delete(key);
  for (const [key, value] of wanted) setIfChanged(map, key, value);
}
