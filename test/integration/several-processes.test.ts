import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentDetail, DocumentView, MotionView } from '../../shared/api.ts';
import { startServer, type RunningServer } from '../../server/app.ts';
import { testConfig } from '../../server/config.ts';
import { DocumentHeads } from '../../server/documents/heads-repo.ts';
import { relock } from '../../server/documents/lock.ts';
import { contentHash } from '../../server/documents/versions.ts';
import { tokenFor } from '../helpers/api.ts';
import { stockClientsForEachTest, typeParagraph, whenSynced, type StockClient } from '../helpers/clients.ts';
import { databaseFor, TEST_ENGINE } from '../helpers/database.ts';
import { requestFinalisation } from '../helpers/finalise.ts';
import { BusHub } from '../helpers/relay-bus.ts';
import { motion, open, votingMeeting, type VotingMeeting } from '../helpers/votes.ts';

/**
 * Two real servers in this test process on one PostgreSQL database, their rooms relaying over one in-memory bus
 * (the three-process suite with Redis runs them as child processes). Only the document's relay and the lock in
 * storage join them here: a lock taken on one reaches the other's room by storage refusing its next append, and a
 * lock lifted is delivered to the other by hand, as the cross-process delivery of `document.lock` does.
 */
let servers: RunningServer[] = [];
let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  [servers, dirs] = [[], []];
});
const tracked = stockClientsForEachTest();

async function twoProcesses(): Promise<[RunningServer, RunningServer]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-two-'));
  dirs.push(dir);
  const hub = new BusHub();
  // One DATA_DIR for both (PostgreSQL takes no lock on it): they share the audit key, as processes of one
  // installation do.
  const config = testConfig({ ...(await databaseFor(dir)) });
  const a = await startServer(config, { bus: hub.join('A') });
  const b = await startServer(config, { bus: hub.join('B') });
  servers.push(a, b);
  return [a, b];
}

async function client(url: string, m: VotingMeeting, who: string, docId: string): Promise<StockClient> {
  const c = tracked(url, docId, { token: await tokenFor(m.admin, m.people[who]!.userId, `${who}-${url}`) });
  await whenSynced(c);
  return c;
}

/** Clients typing a numbered paragraph each every few milliseconds, each word with the time it was typed. */
function typing(clients: StockClient[], names: string[]) {
  const typed: { word: string; at: number }[] = [];
  let n = 0;
  const timer = setInterval(() => {
    clients.forEach((c, i) => {
      const word = `${names[i]}-${String(n).padStart(3, '0')};`;
      typeParagraph(c.doc, word);
      typed.push({ word, at: performance.now() });
    });
    n++;
  }, 8);
  return { typed, stop: () => clearInterval(timer) };
}

const xml = (c: StockClient) => c.doc.getXmlFragment('default').toString();
const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

/** The text as stored, as one state, read as a unit of work reads it. */
async function stored(s: RunningServer, docId: string): Promise<Uint8Array> {
  return new DocumentHeads(s.sql).storedState(docId);
}

describe.runIf(TEST_ENGINE === 'postgres')('two processes, one document: the freeze holds on both', () => {
  it('[C8] a vote opened on one process while clients on the other type: nothing typed after the answer is stored or shown, the version is the stored text, and the held edits come back when the vote is rejected', async () => {
    const [a, b] = await twoProcesses();
    const m = await votingMeeting(a.url);
    const docId = m.documentId;
    const a1 = await client(a.url, m, 'minh', docId);
    const [b1, b2] = [await client(b.url, m, 'dung', docId), await client(b.url, m, 'lan', docId)];
    const draft = await motion(m);
    const burst = typing([b1, b2], ['b1', 'b2']);
    await settle(250);
    const opened = await open(m, draft.id);
    const answeredAt = performance.now();
    await settle(300);
    burst.stop();
    await settle();

    const after = burst.typed.filter((t) => t.at > answeredAt).map((t) => t.word);
    const before = burst.typed.filter((t) => t.at < answeredAt - 50).map((t) => t.word);
    expect(after.length).toBeGreaterThan(10);
    const text = await stored(a, docId);
    // The version is the stored text, and stays it.
    expect(opened.version?.contentHash).toBe(contentHash(text));
    for (const word of after) expect(xml(a1)).not.toContain(word);
    expect(contentHash(await stored(b, docId))).toBe(opened.version?.contentHash);
    // Typed well before the opening: in the version.
    const version = (await a.services.versions.state(opened.version!.id))!;
    expect(contentHash(version)).toBe(opened.version?.contentHash);
    for (const word of before.slice(0, 5)) expect(xml(a1)).toContain(word);
    await settle();
    expect(contentHash(await stored(a, docId))).toBe(opened.version?.contentHash);

    // Rejected: the lock lifts on both processes, and every edit the hold kept out comes back.
    for (const who of ['kien', 'ha', 'dung']) await m.as[who]!.post(`/api/motions/${draft.id}/ballots`, { choice: 'against' });
    const closed = (await m.as.kien!.post<MotionView>(`/api/motions/${draft.id}/close`)).body;
    expect(closed.outcome).toBe('rejected');
    await relock(b.services, docId);
    await expect.poll(() => burst.typed.every((t) => xml(a1).includes(t.word)), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => xml(b1) === xml(a1) && xml(b2) === xml(a1), { timeout: 10_000 }).toBe(true);
  });

  it('[C9] finalisation asked and confirmed on one process while clients on the other type: each version is the stored text, the number included, and nothing is stored after the seal', async () => {
    const [a, b] = await twoProcesses();
    const m = await votingMeeting(a.url);
    const minutes = (await m.as.ha!.post<DocumentView>(`/api/meetings/${m.meetingId}/documents`, { kind: 'BB' })).body;
    expect((await m.admin.patch(`/api/meetings/${m.meetingId}`, { status: 'closed' })).status).toBe(200);
    const a1 = await client(a.url, m, 'minh', minutes.id);
    const [b1, b2] = [await client(b.url, m, 'dung', minutes.id), await client(b.url, m, 'lan', minutes.id)];
    const burst = typing([b1, b2], ['b1', 'b2']);
    await settle(250);
    const requested = await requestFinalisation(m.as.ha!, minutes.id);
    expect(requested.status).toBe(200);
    const answeredAt = performance.now();
    await settle(200);
    const asked = (await m.as.ha!.get<DocumentDetail>(`/api/documents/${minutes.id}`)).body;
    const submitted = (await a.services.finalisations.byDocument(minutes.id))!.versionId;
    const submittedHash = contentHash((await a.services.versions.state(submitted))!);
    expect(contentHash(await stored(a, minutes.id))).toBe(submittedHash);
    for (const word of burst.typed.filter((t) => t.at > answeredAt).map((t) => t.word)) expect(xml(a1)).not.toContain(word);
    expect(asked.lock?.reason).toBe('finalising');

    // Confirmed on A while B's clients still type: the number is the one change stored through the lock.
    const final = (await m.as.kien!.post<DocumentDetail>(`/api/documents/${minutes.id}/finalisation/confirm`)).body;
    expect(final.finalisation?.number).toBe('01/BB-TTCNL');
    await settle(300);
    burst.stop();
    await settle();
    const finalHash = contentHash(await stored(a, minutes.id));
    expect(final.finalisation?.contentHash).toBe(finalHash);
    await expect.poll(() => xml(a1)).toContain('Số: 01/BB-TTCNL');
    await settle();
    expect(contentHash(await stored(b, minutes.id))).toBe(finalHash);
  });
});
