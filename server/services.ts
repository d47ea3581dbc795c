import { AuditLog } from './audit.ts';
import type { AuditKey } from './audit-key.ts';
import { Credentials } from './accounts/sessions.ts';
import { Users } from './accounts/users.ts';
import type { Kysely } from 'kysely';
import type { Dialect, Engine } from './db/engine.ts';
import type { Schema } from './db/schema.ts';
import type { DomainEvent, UnitOfWork } from './db/uow.ts';
import type { MotionView } from '../shared/api.ts';
import type { RoomManager } from './collab/rooms.ts';
import type { Bus } from './cluster/bus.ts';
import type { MeetingProjection } from './meetings/projection.ts';
import type { MeetingFactsWriter } from './documents/meeting-facts.ts';
import { Motions } from './motions/repo.ts';
import { Amendments } from './motions/amendments-repo.ts';
import { Versions } from './documents/versions-repo.ts';
import { Finalisations } from './documents/finalisations-repo.ts';
import { DocumentHeads } from './documents/heads-repo.ts';
import type { MotionTimers } from './motions/timers.ts';
import type { SettleRetry } from './motions/settle-retry.ts';
import { Meetings } from './meetings/repo.ts';
import { Comments } from './comments/repo.ts';
import type { DocumentStore } from './storage/store.ts';

/** The repositories: what a command reads and writes, bound to a unit of work's transaction or to none. */
export interface Repositories {
  users: Users;
  credentials: Credentials;
  meetings: Meetings;
  motions: Motions;
  /** The motions that are amendments to a document's text (`server/motions/amendments.ts`). */
  amendments: Amendments;
  versions: Versions;
  finalisations: Finalisations;
  /** Documents' locks as every append sees them, and their stored text (the freeze). */
  heads: DocumentHeads;
  /** Comment threads on documents' text. */
  comments: Comments;
  audit: AuditLog;
}

/**
 * What the commands work with: the repositories (outside a transaction, for reads), the unit of work that runs a
 * command's reads and writes in one transaction, the document store, and the live parts.
 */
export interface Services extends Repositories {
  uow: UnitOfWork<Repositories>;
  /**
   * After a secret vote closes: removes what the engine keeps, beyond the tables, of the order its ballots were
   * written in (SQLite's write-ahead log holds each ballot's frames beside the count it moved). See
   * docs/architecture.md for what remains on each engine.
   */
  forgetBallotOrder(): Promise<void>;
  store: DocumentStore;
  /** The live documents, to hold one for a vote and lock or unlock it; absent in the command line. */
  rooms: Pick<RoomManager, 'hold' | 'setLock' | 'freeze' | 'setFrozen' | 'change' | 'snapshot' | 'connectionsOf'> | null;
  /** Close timed votes when their time is up; absent in the command line. */
  motionTimers: MotionTimers | null;
  /** Tries again to apply an amendment's outcome that failed (`settle-retry.ts`); absent in the command line. */
  settleRetry: SettleRetry | null;
  /** Writes a closed vote's result into the vote-result blocks of the meeting's documents. */
  voteResults: ((motion: MotionView) => Promise<void>) | null;
  /** Absent in the command line, which has no live clients to tell; they catch up when the room loads. */
  projection: MeetingProjection | null;
  /** Keeps the meeting-fact blocks of a meeting's documents current; absent in the command line. */
  meetingFacts: MeetingFactsWriter | null;
  /**
   * Closes open sync connections whose admission no longer holds: `access` when a role or membership changed
   * (the client reconnects and the gate decides again), `signedOut` when the session or token ended.
   */
  closeSockets(match: SocketMatch, why: 'access' | 'signedOut'): void;
  /**
   * How this process tells the installation's other processes what happened (`server/cluster/`): Redis with
   * `REDIS_URL`, else a bus of this process alone. Absent in the command line, which tells no one.
   */
  bus: Bus | null;
}

/** Which connections: all fields given must match. */
export interface SocketMatch {
  userId?: string;
  meetingId?: string;
  credential?: string;
  /** Only connections admitted by a session (not by an API token), except this one. */
  sessionsExcept?: string | null;
  /** Only connections admitted by an API token. */
  credentialKind?: 'token';
}

export function matches(m: SocketMatch, p: { userId: string; meetingId: string; credential: string }): boolean {
  if (m.userId !== undefined && p.userId !== m.userId) return false;
  if (m.meetingId !== undefined && p.meetingId !== m.meetingId) return false;
  if (m.credential !== undefined && p.credential !== m.credential) return false;
  if (m.sessionsExcept !== undefined && (!p.credential.startsWith('session:') || p.credential === m.sessionsExcept)) {
    return false;
  }
  if (m.credentialKind === 'token' && !p.credential.startsWith('token:')) return false;
  return true;
}

export interface ServiceOptions {
  sessionTtlMs: number;
  /** Without it (seeds that write no audit entries) the audit record can be neither appended to nor verified. */
  auditKey?: AuditKey;
  projection?: (meetings: Meetings, motions: Motions, comments: Comments) => MeetingProjection;
  rooms?: Services['rooms'];
  closeSockets?: Services['closeSockets'];
  bus?: Bus;
  /** Delivers the events a committed unit of work emitted. */
  deliver?: (events: readonly DomainEvent[]) => Promise<void>;
}

/** The repositories on `db`: the engine's query layer, or a unit of work's transaction. */
function repositoriesOn(db: Kysely<Schema>, dialect: Dialect, options: ServiceOptions): Repositories {
  return {
    users: new Users(db, dialect),
    credentials: new Credentials(db, options.sessionTtlMs),
    meetings: new Meetings(db, dialect),
    motions: new Motions(db, dialect),
    amendments: new Amendments(db),
    versions: new Versions(db),
    finalisations: new Finalisations(db),
    heads: new DocumentHeads(db),
    comments: new Comments(db, dialect),
    audit: new AuditLog(db, dialect, options.auditKey),
  };
}

export function createServices(engine: Engine, options: ServiceOptions): Services {
  const repositories = repositoriesOn(engine.db, engine.dialect, options);
  return {
    ...repositories,
    forgetBallotOrder: () => engine.forgetBallotOrder(),
    uow: engine.unitOfWork((db) => repositoriesOn(db, engine.dialect, options), options.deliver ?? (async () => {})),
    store: engine.store,
    rooms: options.rooms ?? null,
    motionTimers: null,
    settleRetry: null,
    voteResults: null,
    projection: options.projection?.(repositories.meetings, repositories.motions, repositories.comments) ?? null,
    meetingFacts: null,
    closeSockets: options.closeSockets ?? (() => {}),
    bus: options.bus ?? null,
  };
}
