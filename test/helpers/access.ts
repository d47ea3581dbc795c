import { openDatabase } from '../../server/db/database.ts';
import { createServices } from '../../server/services.ts';
import { SqliteStore } from '../../server/storage/sqlite.ts';
import { DEFAULT_QUORUM_RULE } from '../../shared/meeting.ts';
import { MEETING_FIELDS } from './api.ts';

/**
 * For tests about syncing rather than permissions: writes into a data directory's database (before or while a
 * server uses it) a meeting holding documents with the given ids and a delegate on it, and returns that
 * delegate's API token. The server then admits the token read-write to exactly those documents.
 */
export function seedWriter(dataDir: string, docIds: readonly string[], options: { role?: 'delegate' | 'observer' } = {}): string {
  const db = openDatabase(dataDir);
  try {
    const s = createServices(db, SqliteStore.on(db), { sessionTtlMs: 3600_000 });
    return db.transaction(() => {
      const user = s.users.insert({
        username: `writer-${Math.random().toString(36).slice(2, 8)}`,
        fullName: 'Người Soạn Thảo',
        // Not a scrypt hash: this account signs in with its token only.
        passwordHash: '!',
      });
      const meeting = s.meetings.insert(
        { ...MEETING_FIELDS, agenda: [...MEETING_FIELDS.agenda], quorumRule: DEFAULT_QUORUM_RULE },
        null,
      );
      s.meetings.addMember(meeting.id, user.id, options.role ?? 'delegate', '');
      for (const id of docIds) {
        if (!s.meetings.document(id)) s.meetings.insertDocument(id, meeting.id, 'blank', id, null);
      }
      return s.credentials.createToken(user.id, 'test').secret;
    })();
  } finally {
    db.close();
  }
}
