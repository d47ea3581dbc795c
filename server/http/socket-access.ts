import type { IncomingMessage } from 'node:http';
import { meetingIdOfDocument } from '../../shared/meeting.ts';
import { caretColor } from '../../shared/presence.ts';
import { CloseCode } from '../../shared/protocol.ts';
import type { CollabAccess } from '../collab/ws-adapter.ts';
import { documentAccess } from '../policies.ts';
import type { Services } from '../services.ts';
import { identify } from './auth.ts';
import type { OriginPolicy } from './origins.ts';

/**
 * The sync socket's gate, decided once at connect time with the same policies as HTTP: refuse, read-only or
 * read-write. A browser page on another site cannot open the socket with our cookie (Origin check), nor a page
 * on another name that resolves to this server (Host check).
 */
export function socketAccess(s: Services, origins: OriginPolicy, limits: { maxSocketsPerPerson: number }) {
  return async (req: IncomingMessage, docId: string): Promise<CollabAccess> => {
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.originAllowed(origin)) {
      return { refuse: CloseCode.ForbiddenOrigin, reason: 'origin not allowed' };
    }
    const who = await identify(s.credentials, req, { allowQueryToken: true });
    // As for HTTP: a socket addressed to another name (DNS rebinding) is refused unless it holds a token.
    if (who?.via !== 'token' && !origins.hostAllowed(req)) {
      return { refuse: CloseCode.ForbiddenOrigin, reason: 'host not allowed' };
    }
    if (!who) return { refuse: CloseCode.Unauthenticated, reason: 'sign in' };
    const projectionOf = meetingIdOfDocument(docId);
    const meetingId = projectionOf ?? (await s.meetings.document(docId))?.meetingId;
    const meeting = meetingId === undefined ? undefined : await s.meetings.byId(meetingId);
    if (!meeting) return { refuse: CloseCode.NotFound, reason: 'not found' };
    const access = documentAccess(who.actor, {
      kind: projectionOf === null ? 'document' : 'projection',
      meeting: { role: await s.meetings.roleOf(meeting.id, who.actor.id), status: meeting.status, delegatesSuggest: meeting.delegatesSuggest },
    });
    if (access === 'refuse') return { refuse: CloseCode.NotFound, reason: 'not found' };
    // Every tab and device of one person together: enough for any real use, and a cap on what one account can hold.
    if ((s.rooms?.connectionsOf(who.actor.id) ?? 0) >= limits.maxSocketsPerPerson) {
      return { refuse: CloseCode.TooManyConnections, reason: 'too many connections' };
    }
    if (projectionOf !== null) s.projection?.refreshIfCold(meeting.id);
    return {
      readOnly: access === 'read',
      suggestOnly: access === 'suggest',
      principal: { userId: who.actor.id, meetingId: meeting.id, credential: who.credential },
      // What others see on this person's caret comes from the account, not from the client.
      identity: { name: who.actor.fullName, color: caretColor(who.actor.id) },
    };
  };
}
