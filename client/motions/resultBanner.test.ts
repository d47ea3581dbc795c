import { describe, expect, it } from 'vitest';
import type { MotionView } from '../../shared/api.ts';
import { bannerMotion } from './ResultBanner.tsx';

function motion(number: number, fields: Partial<MotionView>): MotionView {
  return {
    ...{ id: `m${number}`, meetingId: 'x', number, title: `Biểu quyết ${number}`, description: '' },
    ...{ documentId: null, documentTitle: null, documentKind: null, form: 'named', rule: 'present_majority' },
    ...{ quorumRule: { numerator: 2, denominator: 3 }, durationSeconds: null, status: 'draft', outcome: null },
    ...{ revoteOf: null, revotedBy: null, createdAt: '2023-12-19T01:00:00.000Z', openedAt: null, closesAt: null },
    ...{ closedAt: null, version: null, members: 10, present: 9, voted: 0, tally: null, decision: null, amendment: null },
    ...fields,
  };
}

const closed = (number: number, openedAt: string, closedAt: string, fields: Partial<MotionView> = {}) =>
  motion(number, { status: 'closed', outcome: 'adopted', openedAt, closedAt, ...fields });

describe('the result banner', () => {
  it('[RB1] shows one result, the newest closed, once it has its outcome', () => {
    const first = closed(1, '2023-12-19T02:00:00.000Z', '2023-12-19T02:05:00.000Z');
    const second = closed(2, '2023-12-19T02:10:00.000Z', '2023-12-19T02:15:00.000Z', { outcome: 'rejected' });
    expect(bannerMotion([first, second])?.id).toBe('m2');
    expect(bannerMotion([second, first])?.id).toBe('m2');
    expect(bannerMotion([first])?.id).toBe('m1');
    // A show of hands closed but not yet counted: no banner, and not the older result instead.
    expect(bannerMotion([first, { ...second, outcome: null }])).toBeNull();
    expect(bannerMotion([motion(1, {})])).toBeNull();
  });

  it('[RB2] a result that was re-voted is not shown, to anyone, from the moment the re-vote is made', () => {
    const voided = closed(1, '2023-12-19T02:00:00.000Z', '2023-12-19T02:05:00.000Z', { outcome: 'void', revotedBy: 'm2' });
    const revote = motion(2, { revoteOf: 'm1' });
    expect(bannerMotion([voided, revote])).toBeNull();
    const revoted = closed(2, '2023-12-19T02:10:00.000Z', '2023-12-19T02:15:00.000Z', { revoteOf: 'm1' });
    expect(bannerMotion([voided, revoted])?.id).toBe('m2');
  });

  it('[RB3] leaves when any vote opens after it closed, and stays for drafts', () => {
    const first = closed(1, '2023-12-19T02:00:00.000Z', '2023-12-19T02:05:00.000Z');
    expect(bannerMotion([first, motion(2, {})])?.id).toBe('m1');
    const open = motion(2, { status: 'open', openedAt: '2023-12-19T02:06:00.000Z' });
    expect(bannerMotion([first, open])).toBeNull();
    // A vote that was open before this one closed (two at once) does not take it away.
    const earlier = motion(3, { status: 'open', openedAt: '2023-12-19T02:01:00.000Z' });
    expect(bannerMotion([first, earlier])?.id).toBe('m1');
  });
});
