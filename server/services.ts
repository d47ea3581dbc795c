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
  /** A person's access changed (role, membership, account disabled): close their open sync connections. */
  accessChanged(userId: string, meetingId: string | null): void;
}

export function createServices(
  db: Db,
  store: DocumentStore,
  options: {
    sessionTtlMs: number;
    projection?: (meetings: Meetings) => MeetingProjection;
    accessChanged?: (userId: string, meetingId: string | null) => void;
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
    accessChanged: options.accessChanged ?? (() => {}),
  };
}
