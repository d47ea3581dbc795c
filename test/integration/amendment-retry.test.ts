import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuditView, MotionView } from '../../shared/api.ts';
import { SUGGEST_INSERT } from '../../shared/editor/suggestion-marks.ts';
import { listSuggestions } from '../../shared/suggestions.ts';
import type { Schema } from '../../server/db/schema.ts';
import { tokenFor } from '../helpers/api.ts';
import { stockClientsForEachTest, whenSynced } from '../helpers/clients.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { open, votingMeeting, type VotingMeeting } from '../helpers/votes.ts';

const server = serversForEachTest();
const tracked = stockClientsForEachTest();

/** A closed amendment (adopted) of one suggestion of Dũng's, its outcome not yet applied while storage refuses. */
async function adoptedWhileStorageRefuses(url: string, q: Kysely<Schema>): Promise<{ m: VotingMeeting; motionId: string; closed: MotionView }> {
  const m = await votingMeeting(url);
  const c = tracked(url, m.documentId, { token: await tokenFor(m.admin, m.people.dung!.userId, 'dung') });
  await whenSynced(c);
  const fragment = c.doc.getXmlFragment('default');
  const text = new Y.XmlText();
  const p = new Y.XmlElement('paragraph');
  c.doc.transact(() => {
    p.insert(0, [text]);
    fragment.insert(fragment.length, [p]);
    text.insert(0, 'Điều 8. Kinh phí ');
    text.insert(text.length, 'từ nguồn tự chủ', { [SUGGEST_INSERT]: { id: 'sRetry', by: m.people.dung!.userId, name: 'dung', at: '2026-12-03T08:00:00.000Z' } });
  });
  await new Promise((r) => setTimeout(r, 300));
  const made = await m.as.ha!.post<MotionView>(`/api/meetings/${m.meetingId}/amendments`, { documentId: m.documentId, suggestionIds: ['sRetry'] });
  expect(made.status).toBe(201);
  const motionId = made.body.id;
  await open(m, motionId);
  for (const who of ['kien', 'ha', 'dung']) expect((await m.as[who]!.post(`/api/motions/${motionId}/ballots`, { choice: 'for' })).status).toBe(201);
  // A real refusal: the document's head row is locked in storage, so the server's own change to the text is not stored.
  await sql`UPDATE doc_head SET lock = 'hold' WHERE doc_id = ${m.documentId}`.execute(q);
  const closed = await m.as.kien!.post<MotionView>(`/api/motions/${motionId}/close`);
  expect(closed.status).toBe(200);
  return { m, motionId, closed: closed.body };
}

const unlock = (q: Kysely<Schema>, docId: string) => sql`UPDATE doc_head SET lock = NULL WHERE doc_id = ${docId}`.execute(q);

async function actions(m: VotingMeeting): Promise<string[]> {
  return (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body.entries.map((e) => e.action);
}

describe('an amendment whose outcome could not be applied', () => {
  it('[AM9] the vote closes all the same, shown not applied (frozen); the server tries again by itself with back-off and applies it once storage takes it', async () => {
    const { url, sql: q, rooms } = await server({ AMENDMENT_RETRY_FIRST_MS: 200 });
    const { m, motionId, closed } = await adoptedWhileStorageRefuses(url, q);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'adopted', amendment: { frozen: true, settledAt: null } });
    // Still refused for a while: it stays pending, tried again and again.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await m.as.dung!.get<MotionView>(`/api/motions/${motionId}`)).body.amendment).toMatchObject({ frozen: true, settledAt: null });
    await unlock(q, m.documentId);
    await expect
      .poll(async () => (await m.as.dung!.get<MotionView>(`/api/motions/${motionId}`)).body.amendment?.settledAt ?? null, { timeout: 15_000 })
      .not.toBeNull();
    const after = (await m.as.dung!.get<MotionView>(`/api/motions/${motionId}`)).body.amendment;
    expect(after).toMatchObject({ frozen: false, resultVersionId: expect.any(String) });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await rooms.snapshot(m.documentId));
    expect(listSuggestions(doc).map((s) => s.id)).toEqual([]);
    expect(doc.getXmlFragment('default').toString()).toContain('Điều 8. Kinh phí từ nguồn tự chủ');
    // Applied once, whatever the number of tries.
    expect((await actions(m)).filter((a) => a === 'amendment.adopted')).toHaveLength(1);
  });

  it('[AM10] "Áp dụng lại": the chair or the secretary asks again (audited); refused to a delegate, while storage still refuses, and once applied', async () => {
    // The server's own retries wait long here, so that the request is what applies it.
    const { url, sql: q } = await server({ AMENDMENT_RETRY_FIRST_MS: 600_000 });
    const { m, motionId } = await adoptedWhileStorageRefuses(url, q);
    const apply = (who: string) => m.as[who]!.post<MotionView & { code?: string }>(`/api/motions/${motionId}/amendment/apply`);
    expect((await apply('dung')).status).toBe(403);
    const stillRefused = await apply('ha');
    expect(stillRefused.status).toBe(503);
    expect(stillRefused.body.code).toBe('amendment_not_applied');
    expect((await m.as.ha!.get<MotionView>(`/api/motions/${motionId}`)).body.amendment).toMatchObject({ frozen: true, settledAt: null });
    await unlock(q, m.documentId);
    const applied = await apply('ha');
    expect(applied.status).toBe(200);
    expect(applied.body.amendment).toMatchObject({ frozen: false, resultVersionId: expect.any(String) });
    expect(applied.body.amendment?.settledAt).not.toBeNull();
    const again = await apply('kien');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('amendment_settled');
    const entries = (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body.entries;
    const asked = entries.filter((e) => e.action === 'amendment.apply_requested');
    expect(asked).toHaveLength(2);
    expect(asked[0]).toMatchObject({ actorId: m.people.ha!.userId, payload: { motionId, documentId: m.documentId } });
    expect(entries.filter((e) => e.action === 'amendment.adopted')).toHaveLength(1);
  });

  it('[AM11] at start the server applies a closed amendment left unsettled in the database', async () => {
    const first = await server({ AMENDMENT_RETRY_FIRST_MS: 600_000 });
    const { m, motionId } = await adoptedWhileStorageRefuses(first.url, first.sql);
    await unlock(first.sql, m.documentId);
    await first.close();
    const again = await server({ DATA_DIR: first.dataDir, AMENDMENT_RETRY_FIRST_MS: 600_000 });
    const amendment = (await again.services.amendments.byMotion(motionId))!;
    expect(amendment.settledAt).not.toBeNull();
    expect(amendment.resultVersionId).not.toBeNull();
  });
});
