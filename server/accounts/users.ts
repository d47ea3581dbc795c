import type { UserView } from '../../shared/api.ts';
import type { Db } from '../db/database.ts';
import { newId, nowIso } from '../ids.ts';

export interface UserRow {
  id: string;
  username: string;
  full_name: string;
  password_hash: string;
  is_admin: number;
  is_demo: number;
  disabled: number;
  created_at: string;
}

/** Who is acting: the signed-in person (or the owner of the API token). */
export interface Actor {
  id: string;
  username: string;
  fullName: string;
  isAdmin: boolean;
}

export function actorOf(row: UserRow): Actor {
  return { id: row.id, username: row.username, fullName: row.full_name, isAdmin: row.is_admin === 1 };
}

export function presentUser(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    isAdmin: row.is_admin === 1,
    disabled: row.disabled === 1,
    isDemo: row.is_demo === 1,
    createdAt: row.created_at,
  };
}

export class Users {
  constructor(private readonly db: Db) {}

  async count(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  async byId(id: string): Promise<UserRow | undefined> {
    return this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  }

  async byUsername(username: string): Promise<UserRow | undefined> {
    return this.db.prepare('SELECT * FROM users WHERE username = ?').get(username.toLowerCase()) as UserRow | undefined;
  }

  async list(): Promise<UserRow[]> {
    return this.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[];
  }

  /** Accounts whose name or username contains `q` (case-insensitive for ASCII; Vietnamese as typed). */
  async search(q: string, limit = 20): Promise<UserRow[]> {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.db
      .prepare(
        `SELECT * FROM users WHERE disabled = 0 AND (username LIKE ? ESCAPE '\\' OR full_name LIKE ? ESCAPE '\\')
         ORDER BY username LIMIT ?`,
      )
      .all(like, like, limit) as UserRow[];
  }

  async demoUsers(): Promise<UserRow[]> {
    return this.db.prepare('SELECT * FROM users WHERE is_demo = 1 AND disabled = 0 ORDER BY username').all() as UserRow[];
  }

  /** Inserts an account; the caller checks the username is free (inside its transaction). */
  async insert(input: { username: string; fullName: string; passwordHash: string; isAdmin?: boolean; isDemo?: boolean }): Promise<UserRow> {
    const row: UserRow = {
      id: newId('u'),
      username: input.username.toLowerCase(),
      full_name: input.fullName,
      password_hash: input.passwordHash,
      is_admin: input.isAdmin ? 1 : 0,
      is_demo: input.isDemo ? 1 : 0,
      disabled: 0,
      created_at: nowIso(),
    };
    this.db
      .prepare(
        `INSERT INTO users (id, username, full_name, password_hash, is_admin, is_demo, disabled, created_at)
         VALUES (@id, @username, @full_name, @password_hash, @is_admin, @is_demo, @disabled, @created_at)`,
      )
      .run(row);
    return row;
  }

  async update(id: string, changes: { fullName?: string; passwordHash?: string; isAdmin?: boolean; disabled?: boolean }): Promise<void> {
    const sets: string[] = [];
    const values: (string | number)[] = [];
    if (changes.fullName !== undefined) {
      sets.push('full_name = ?');
      values.push(changes.fullName);
    }
    if (changes.passwordHash !== undefined) {
      // A demo account whose password changed is no longer one whose password the sign-in page may show.
      sets.push('password_hash = ?', 'is_demo = 0');
      values.push(changes.passwordHash);
    }
    if (changes.isAdmin !== undefined) {
      sets.push('is_admin = ?');
      values.push(changes.isAdmin ? 1 : 0);
    }
    if (changes.disabled !== undefined) {
      sets.push('disabled = ?');
      values.push(changes.disabled ? 1 : 0);
    }
    if (sets.length === 0) return;
    this.db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  }
}
