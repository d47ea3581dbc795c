import { afterEach, describe, expect, it } from 'vitest';
import type { MotionView } from '../../shared/api.ts';
import { ApiClient, tokenFor } from '../helpers/api.ts';
import { stockClient, whenSynced, type StockClient } from '../helpers/clients.ts';
import { clustersForEachTest } from '../helpers/cluster.ts';
import { OwnRedis } from '../helpers/redis.ts';
import { until } from '../helpers/wait.ts';
import { motion, open, votingMeeting } from '../helpers/votes.ts';

const installation = clustersForEachTest();
let redis: OwnRedis | null = null;
const clients: StockClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await redis?.stop();
  redis = null;
});

describe('catching up after Redis was away', () => {
  it('[C18] news lost while Redis was away is read from the database once it is back: the room’s lock, the vote’s timer', async () => {
    redis = await OwnRedis.start();
    const cluster = await installation({ processes: 2, redisUrl: redis.url });
    const [a, b] = cluster.urls as [string, string];
    const m = await votingMeeting(a);
    const writer = stockClient(b, m.documentId, { token: await tokenFor(m.admin, m.people.dung!.userId) });
    const witness = stockClient(b, m.documentId, { token: await tokenFor(m.admin, m.people.lan!.userId) });
    clients.push(writer, witness);
    await Promise.all([whenSynced(writer), whenSynced(witness)]);

    // Redis goes; meanwhile A opens a timed vote on the document and is killed before it could tell anyone.
    await redis.stop();
    await expect.poll(async () => (await fetch(`${b}/healthz`)).status, { timeout: 5000 }).toBe(503);
    const draft = await motion(m, { durationSeconds: 10 });
    const opened = await open(m, draft.id);
    cluster.processes[0]!.proc.kill('SIGKILL');
    await cluster.processes[0]!.exited;

    await redis.restart();
    await expect.poll(async () => (await fetch(`${b}/healthz`)).status, { timeout: 10_000 }).toBe(200);
    // B holds the document as the database says: an edit typed on B reaches no one.
    await new Promise((r) => setTimeout(r, 300));
    writer.doc.getText('t').insert(0, 'trong khi biểu quyết. ');
    await new Promise((r) => setTimeout(r, 800));
    expect(witness.text()).not.toContain('trong khi biểu quyết. ');

    // And B closes the vote at its time, which only the database told it.
    const chair = Object.assign(new ApiClient(b), { cookie: m.as.kien!.cookie });
    await expect
      .poll(async () => (await chair.get<MotionView>(`/api/motions/${draft.id}`)).body.status, { timeout: 20_000, interval: 250 })
      .toBe('closed');
    expect(Date.now() - Date.parse(opened.closesAt!)).toBeLessThan(5000);
    // Not adopted: the text is open again and the edit the hold dropped comes back.
    await until(() => witness.text().includes('trong khi biểu quyết. '), 5000, 'the held edit after the close');
  });
});
