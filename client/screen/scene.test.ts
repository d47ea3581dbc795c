import { describe, expect, it } from 'vitest';
import type { DocumentView, MotionView, VersionView } from '../../shared/api.ts';
import { lastSettled, projectorScene } from './scene.ts';

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

const version = (id: string, documentId: string): VersionView =>
  ({ id, documentId, kind: 'vote', label: '', createdBy: null, createdAt: '2023-12-19T02:00:00.000Z', contentHash: 'h' }) as VersionView;

function document(id: string, fields: Partial<DocumentView> = {}): DocumentView {
  return {
    ...{ id, meetingId: 'x', kind: 'NQ', title: `Văn bản ${id}`, createdAt: '2023-12-19T00:00:00.000Z', createdBy: null },
    ...{ lock: null, finalisation: null, origin: null, restore: null },
    ...fields,
  };
}

const at = (minute: number) => `2023-12-19T02:${String(minute).padStart(2, '0')}:00.000Z`;
const opened = (number: number, minute: number, fields: Partial<MotionView> = {}) =>
  motion(number, { status: 'open', openedAt: at(minute), ...fields });
const closed = (number: number, minute: number, fields: Partial<MotionView> = {}) =>
  motion(number, { status: 'closed', outcome: 'adopted', openedAt: at(minute - 1), closedAt: at(minute), ...fields });

describe('what the projector shows', () => {
  it('[PJ2] an open vote first: the one opened last when several are open, and how many others are', () => {
    const scene = projectorScene([opened(1, 5), opened(2, 7), closed(3, 9)], []);
    expect(scene).toMatchObject({ kind: 'vote', motion: { id: 'm2' }, alsoOpen: 1 });
    expect(projectorScene([opened(4, 3)], [])).toMatchObject({ kind: 'vote', motion: { id: 'm4' }, alsoOpen: 0 });
  });

  it('[PJ2] then the last result, until a vote opens, it is repeated, or the next motion is prepared after it', () => {
    const first = closed(1, 5, { outcome: 'rejected' });
    expect(projectorScene([first], [])).toMatchObject({ kind: 'result', motion: { id: 'm1' }, settled: null });
    // A draft prepared before the vote closed does not move the screen on; one prepared after it does.
    const earlier = motion(2, { createdAt: at(1) });
    expect(projectorScene([first, earlier], [])).toMatchObject({ kind: 'result', motion: { id: 'm1' } });
    const after = motion(3, { createdAt: at(6) });
    expect(projectorScene([first, earlier, after], [])).toMatchObject({ kind: 'overview', next: { id: 'm3' } });
    // A re-vote set the result aside (as the room's banner, RB2).
    expect(projectorScene([{ ...first, revotedBy: 'm4' }, motion(4, { revoteOf: 'm1', createdAt: at(1) })], [])).toMatchObject({
      kind: 'overview',
      next: { id: 'm4' },
    });
    // A show of hands closed but not yet decided shows no result.
    expect(projectorScene([{ ...first, outcome: null }], [])).toMatchObject({ kind: 'overview', next: null, settled: null });
  });

  it('[PJ2] an adopted result brings the text it adopted: the version voted on, or the final one once finalised', () => {
    const adopted = closed(1, 5, { documentId: 'd1', documentTitle: 'Nghị quyết', version: version('v-vote', 'd1') });
    expect(projectorScene([adopted], [document('d1')])).toMatchObject({
      kind: 'result',
      settled: { documentId: 'd1', versionId: 'v-vote', number: null, title: 'Văn bản d1' },
    });
    const final = document('d1', {
      finalisation: {
        status: 'final',
        requestedBy: { id: 'u', fullName: 'Hà' },
        requestedAt: at(10),
        confirmedBy: { id: 'k', fullName: 'Kiên' },
        confirmedAt: at(12),
        number: '01/NQ-TTCNL',
        contentHash: 'h',
        versionId: 'v-final',
      },
    });
    expect(projectorScene([adopted], [final])).toMatchObject({ settled: { versionId: 'v-final', number: '01/NQ-TTCNL' } });
    // A rejected vote settles nothing.
    expect(projectorScene([{ ...adopted, outcome: 'rejected' }], [document('d1')])).toMatchObject({ settled: null });
  });

  it('[PJ7] an adopted amendment settles no text: it adopted a change to one, which its result shows instead', () => {
    const amendment = {
      suggestionIds: ['s1'],
      suggestions: [],
      clauses: [{ article: 8, clause: 1, before: 'Giao ngay.', after: 'Giao trong quý I.' }],
      omittedClauses: 0,
      setAside: null,
      frozen: false,
      settledAt: at(6),
      resultVersionId: 'v-after',
    };
    const adopted = closed(1, 5, { documentId: 'd1', documentTitle: 'Nghị quyết', version: version('v-vote', 'd1'), amendment });
    expect(projectorScene([adopted], [document('d1')])).toMatchObject({ kind: 'result', settled: null });
  });

  it('[PJ2] otherwise the meeting: the next motion prepared, and the text settled last, adopted or finalised', () => {
    expect(projectorScene([], [])).toEqual({ kind: 'overview', next: null, discussed: null, settled: null });
    const adopted = closed(1, 5, { documentId: 'd1', version: version('v1', 'd1') });
    const next = motion(2, { createdAt: at(6) });
    expect(projectorScene([adopted, next], [document('d1')])).toMatchObject({
      kind: 'overview',
      next: { id: 'm2' },
      discussed: null,
      settled: { documentId: 'd1', versionId: 'v1' },
    });
    // The next motion's draft is the text under discussion, unless it is locked already.
    const onDraft = motion(3, { createdAt: at(7), documentId: 'd3' });
    expect(projectorScene([adopted, next, onDraft], [document('d1'), document('d3')])).toMatchObject({
      next: { id: 'm3' },
      discussed: { id: 'd3' },
      settled: { documentId: 'd1' },
    });
    const locked = document('d3', { lock: { reason: 'finalising', motionId: null, motionTitle: null } });
    expect(projectorScene([adopted, next, onDraft], [document('d1'), locked])).toMatchObject({ discussed: null });
    // Minutes finalised without a vote, after the resolution was adopted: they are the text settled last.
    const minutes = document('d2', {
      kind: 'BB',
      finalisation: {
        status: 'final',
        requestedBy: { id: 'u', fullName: 'Hà' },
        requestedAt: at(20),
        confirmedBy: null,
        confirmedAt: at(21),
        number: '01/BB-TTCNL',
        contentHash: 'h',
        versionId: 'v-bb',
      },
    });
    expect(lastSettled([adopted], [document('d1'), minutes])).toMatchObject({ documentId: 'd2', number: '01/BB-TTCNL', motion: null });
    // Requested but not yet confirmed is not settled.
    expect(lastSettled([], [{ ...minutes, finalisation: { ...minutes.finalisation!, status: 'requested' } }])).toBeNull();
  });
});
