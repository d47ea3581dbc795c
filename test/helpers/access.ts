import { openDatabase } from '../../server/db/database.ts';
import { createServices } from '../../server/services.ts';
import { SqliteStore } from '../../server/storage/sqlite.ts';

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
        {
          title: 'Cuộc họp kiểm thử',
          kind: 'regular',
          startsAt: '2024-01-05T08:00',
          place: 'Phòng họp',
          locality: 'Hà Nội',
          issuingBody: 'Trung tâm Công nghệ Laser',
          parentBody: '',
          symbol: 'TTCNL',
          quorumRule: { numerator: 2, denominator: 3 },
          agenda: [],
        },
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
