import { AuditLog } from './audit.ts';
import { Credentials } from './accounts/sessions.ts';
import { Users } from './accounts/users.ts';
import type { Db } from './db/database.ts';
import type { MeetingProjection } from './meetings/projection.ts';
import { Meetings } from './meetings/repo.ts';
import type { DocumentStore } from './storage/store.ts';

/** What the commands work with: the database's repositories, the document store, and the live projection. */
export interface Services {
  db: Db;
  users: Users;
  credentials: Credentials;
  meetings: Meetings;
  audit: AuditLog;
  store: DocumentStore;
  /** Absent in the command line, which has no live clients to tell; they catch up when the room loads. */
  projection: MeetingProjection | null;
  /**
   * Closes open sync connections whose admission no longer holds: `access` when a role or membership changed
   * (the client reconnects and the gate decides again), `signedOut` when the session or token ended.
   */
  closeSockets(match: SocketMatch, why: 'access' | 'signedOut'): void;
}

/** Which connections: all fields given must match. */
export interface SocketMatch {
  userId?: string;
  meetingId?: string;
  credential?: string;
  /** Only connections admitted by a session (not by an API token), except this one. */
  sessionsExcept?: string | null;
}

export function matches(m: SocketMatch, p: { userId: string; meetingId: string; credential: string }): boolean {
  if (m.userId !== undefined && p.userId !== m.userId) return false;
  if (m.meetingId !== undefined && p.meetingId !== m.meetingId) return false;
  if (m.credential !== undefined && p.credential !== m.credential) return false;
  if (m.sessionsExcept !== undefined && (!p.credential.startsWith('session:') || p.credential === m.sessionsExcept)) {
    return false;
  }
  return true;
}

export function createServices(
  db: Db,
  store: DocumentStore,
  options: {
    sessionTtlMs: number;
    projection?: (meetings: Meetings) => MeetingProjection;
    closeSockets?: Services['closeSockets'];
  },
): Services {
  const meetings = new Meetings(db);
  return {
    db,
    users: new Users(db),
    credentials: new Credentials(db, options.sessionTtlMs),
    meetings,
    audit: new AuditLog(db),
    store,
    projection: options.projection?.(meetings) ?? null,
    closeSockets: options.closeSockets ?? (() => {}),
  };
}
