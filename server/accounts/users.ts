import { sql, type Kysely, type Selectable } from 'kysely';
import type { UserView } from '../../shared/api.ts';
import type { Dialect } from '../db/engine.ts';
import type { Schema, UsersTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';

/** An account. The username is stored lower-case. */
export interface User {
  id: string;
  username: string;
  fullName: string;
  passwordHash: string;
  isAdmin: boolean;
  isDemo: boolean;
  disabled: boolean;
  createdAt: string;
}

/** Who is acting: the signed-in person (or the owner of the API token). */
export interface Actor {
  id: string;
  username: string;
  fullName: string;
  isAdmin: boolean;
}

export function actorOf(user: User): Actor {
  return { id: user.id, username: user.username, fullName: user.fullName, isAdmin: user.isAdmin };
}

export function presentUser(user: User): UserView {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    isAdmin: user.isAdmin,
    disabled: user.disabled,
    isDemo: user.isDemo,
    createdAt: user.createdAt,
  };
}

/** The account a `users` row holds (also used by the credentials, which read it joined to a session or token). */
export function userOf(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    passwordHash: row.password_hash,
    isAdmin: row.is_admin === 1,
    isDemo: row.is_demo === 1,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
  };
}

/** `LIKE` on SQLite folds ASCII letters only; on PostgreSQL the same folding is spelled out (no locale's lower()). */
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

export class Users {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: Dialect,
  ) {}

  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * The number of accounts, for the first-run check: on PostgreSQL two first-run forms submitted at once take
   * turns until the transaction ends, so the second sees the first one's administrator. (SQLite's unit of work is
   * already one at a time.)
   */
  async countForSetup(): Promise<number> {
    if (this.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtextextended('quorum:first-run', 0))`.execute(this.db);
    return this.count();
  }

  async byId(id: string): Promise<User | undefined> {
    // Asked on many commands' paths: `sql`, not the builder (see Credentials.sessionUser).
    const row = (await sql<Selectable<UsersTable>>`SELECT * FROM users WHERE id = ${id}`.execute(this.db)).rows[0];
    return row && userOf(row);
  }

  /** Usernames are stored lower-case, so the lookup ignores case. */
  async byUsername(username: string): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
    return row && userOf(row);
  }

  async list(): Promise<User[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('username').execute()).map(userOf);
  }

  /** Enabled accounts whose name or username contains `q` (case-insensitive for ASCII letters; Vietnamese as typed). */
  async search(q: string, limit = 20): Promise<User[]> {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows =
      this.dialect === 'postgres'
        ? await sql<Selectable<UsersTable>>`
            SELECT * FROM users WHERE disabled = 0
              AND (translate(username, ${UPPER}, ${LOWER}) LIKE translate(${like}, ${UPPER}, ${LOWER}) ESCAPE '\\'
                OR translate(full_name, ${UPPER}, ${LOWER}) LIKE translate(${like}, ${UPPER}, ${LOWER}) ESCAPE '\\')
            ORDER BY username LIMIT ${limit}`.execute(this.db)
        : await sql<Selectable<UsersTable>>`
            SELECT * FROM users WHERE disabled = 0
              AND (username LIKE ${like} ESCAPE '\\' OR full_name LIKE ${like} ESCAPE '\\')
            ORDER BY username LIMIT ${limit}`.execute(this.db);
    return rows.rows.map(userOf);
  }

  async demoUsers(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().where('is_demo', '=', 1).where('disabled', '=', 0).orderBy('username').execute();
    return rows.map(userOf);
  }

  /** Inserts an account; a username already taken is refused (`username_taken`), whoever took it first. */
  async insert(input: { username: string; fullName: string; passwordHash: string; isAdmin?: boolean; isDemo?: boolean }): Promise<User> {
    const row = {
      id: newId('u'),
      username: input.username.toLowerCase(),
      full_name: input.fullName,
      password_hash: input.passwordHash,
      is_admin: input.isAdmin ? 1 : 0,
      is_demo: input.isDemo ? 1 : 0,
      disabled: 0,
      created_at: nowIso(),
    };
    const inserted = await this.db
      .insertInto('users')
      .values(row)
      .onConflict((oc) => oc.column('username').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('username_taken', 'username');
    return userOf(row);
  }

  async update(id: string, changes: { fullName?: string; passwordHash?: string; isAdmin?: boolean; disabled?: boolean }): Promise<void> {
    const set: { full_name?: string; password_hash?: string; is_demo?: number; is_admin?: number; disabled?: number } = {};
    if (changes.fullName !== undefined) set.full_name = changes.fullName;
    if (changes.passwordHash !== undefined) {
      // A demo account whose password changed is no longer one whose password the sign-in page may show.
      set.password_hash = changes.passwordHash;
      set.is_demo = 0;
    }
    if (changes.isAdmin !== undefined) set.is_admin = changes.isAdmin ? 1 : 0;
    if (changes.disabled !== undefined) set.disabled = changes.disabled ? 1 : 0;
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('users').set(set).where('id', '=', id).execute();
  }
}
