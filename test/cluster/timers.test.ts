import { describe, expect, it } from 'vitest';
import type { MotionView } from '../../shared/api.ts';
import { ApiClient } from '../helpers/api.ts';
import { clustersForEachTest, stopProcess } from '../helpers/cluster.ts';
import { motion, open, votingMeeting } from '../helpers/votes.ts';

const installation = clustersForEachTest();

/** The shortest duration a vote may have. */
const DURATION_S = 10;

describe('timed votes with several processes', () => {
  it('[C17] a timed vote closes exactly once when every process holds its timer, and also when its opener is gone', async () => {
    const cluster = await installation({ processes: 3 });
    const [a, b, c] = cluster.urls as [string, string, string];
    const m = await votingMeeting(a);
    const closes = async (motionId: string) =>
      cluster.query<{ action: string; actor_id: string | null; payload: string }>(
        `SELECT action, actor_id, payload FROM audit WHERE action IN ('motion.closed', 'document.adopted', 'document.unfrozen') AND payload LIKE $1 ORDER BY seq`,
        [`%${motionId}%`],
      );
    // The chair's session, used on B and C.
    const chairOn = (url: string) => Object.assign(new ApiClient(url), { cookie: m.as.kien!.cookie });

    // All three processes up: their timers fire together, and the closes race in the database.
    const first = await motion(m, { durationSeconds: DURATION_S });
    const opened = await open(m, first.id);
    const statusOn = (url: string, id: string) => chairOn(url).get<MotionView>(`/api/motions/${id}`).then((r) => r.body.status);
    await expect.poll(() => statusOn(c, first.id), { timeout: (DURATION_S + 10) * 1000, interval: 250 }).toBe('closed');
    const closedAt = Date.now();
    expect(closedAt - Date.parse(opened.closesAt!)).toBeLessThan(5000);
    // Nobody voted: not adopted, so the document is unfrozen, once.
    const entries = await closes(first.id);
    expect(entries.map((e) => e.action)).toEqual(['motion.closed', 'document.unfrozen']);
    expect(entries[0]!.actor_id).toBeNull();
    expect(JSON.parse(entries[0]!.payload)).toMatchObject({ motionId: first.id, byTimer: true });
    // A close that comes late (by hand, on another process) is refused and writes nothing.
    const late = await chairOn(b).post(`/api/motions/${first.id}/close`);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('motion_not_open');
    expect(await closes(first.id)).toHaveLength(2);

    // The process that opened the vote stopped at once: the others close it at its time.
    const second = await motion(m, { durationSeconds: DURATION_S });
    await open(m, second.id);
    await stopProcess(cluster.processes[0]!);
    await expect.poll(() => statusOn(b, second.id), { timeout: (DURATION_S + 10) * 1000, interval: 250 }).toBe('closed');
    expect((await closes(second.id)).map((e) => e.action)).toEqual(['motion.closed', 'document.unfrozen']);
  });
});
