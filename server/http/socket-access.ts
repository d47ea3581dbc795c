import type { IncomingMessage } from 'node:http';
import { meetingIdOfDocument } from '../../shared/meeting.ts';
import { CloseCode } from '../../shared/protocol.ts';
import type { CollabAccess } from '../collab/ws-adapter.ts';
import { documentAccess } from '../policies.ts';
import type { Services } from '../services.ts';
import { identify, originAllowed } from './auth.ts';

/**
 * The sync socket's gate, decided once at connect time with the same policies as HTTP: refuse, read-only or
 * read-write. A browser page on another site cannot open the socket with our cookie (Origin check).
 */
export function socketAccess(s: Services, allowedOrigins: readonly string[]) {
  return (req: IncomingMessage, docId: string): CollabAccess => {
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin, req.headers.host, allowedOrigins)) {
      return { refuse: CloseCode.ForbiddenOrigin, reason: 'origin not allowed' };
    }
    const who = identify(s.credentials, req, { allowQueryToken: true });
    if (!who) return { refuse: CloseCode.Unauthenticated, reason: 'sign in' };
    const projectionOf = meetingIdOfDocument(docId);
    const meetingId = projectionOf ?? s.meetings.document(docId)?.meetingId;
    const meeting = meetingId === undefined ? undefined : s.meetings.byId(meetingId);
    if (!meeting) return { refuse: CloseCode.NotFound, reason: 'not found' };
    const access = documentAccess(who.actor, {
      kind: projectionOf === null ? 'document' : 'projection',
      meeting: { role: s.meetings.roleOf(meeting.id, who.actor.id), status: meeting.status },
    });
    if (access === 'refuse') return { refuse: CloseCode.NotFound, reason: 'not found' };
    if (projectionOf !== null) s.projection?.refreshIfCold(meeting.id);
    return { readOnly: access === 'read', principal: { userId: who.actor.id, meetingId: meeting.id, credential: who.credential } };
  };
}
