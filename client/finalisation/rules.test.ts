import { describe, expect, it } from 'vitest';
import type { DocumentLock, DocumentView, FinalisationView, MeetingPermissions } from '../../shared/api.ts';
import type { DocumentKind } from '../../shared/meeting.ts';
import { finalisationOffer } from './rules.ts';

type Perms = Pick<MeetingPermissions, 'requestFinalisation' | 'confirmFinalisation'>;
const secretary: Perms = { requestFinalisation: true, confirmFinalisation: false };
const chair: Perms = { requestFinalisation: false, confirmFinalisation: true };
const delegate: Perms = { requestFinalisation: false, confirmFinalisation: false };

const adopted: DocumentLock = { reason: 'adopted', motionId: 'm1', motionTitle: 'Thông qua Nghị quyết' };
const voting: DocumentLock = { reason: 'vote', motionId: 'm1', motionTitle: 'Thông qua Nghị quyết' };
const person = { id: 'u1', fullName: 'Nguyễn Thị Thư' };
const requested: FinalisationView = {
  ...{ status: 'requested', requestedBy: person, requestedAt: '2023-12-19T04:00:00.000Z' },
  ...{ confirmedBy: null, confirmedAt: null, number: null, contentHash: null, versionId: 'v1' },
};
const final: FinalisationView = { ...requested, status: 'final', number: '01/NQ-TTCNL', contentHash: 'ab'.repeat(32) };

const doc = (kind: DocumentKind, lock: DocumentLock | null, finalisation: FinalisationView | null = null) =>
  ({ kind, lock, finalisation }) satisfies Pick<DocumentView, 'kind' | 'lock' | 'finalisation'>;

describe('the steps of finalisation the document bar offers', () => {
  it('[F1] offers the secretary "submit for issue" once a resolution, plan or report is adopted', () => {
    for (const kind of ['NQ', 'KH', 'BC', 'BB'] as const) {
      expect(finalisationOffer(doc(kind, adopted), 'in_session', secretary).request).toEqual({ allowed: true });
    }
  });

  it('[F1] offers minutes for issue once the meeting is closed, adopted or not', () => {
    expect(finalisationOffer(doc('BB', null), 'closed', secretary).request).toEqual({ allowed: true });
    expect(finalisationOffer(doc('BB', null), 'in_session', secretary).request).toEqual({
      allowed: false,
      reason: 'finalise.notYet.minutes',
    });
    expect(finalisationOffer(doc('NQ', null), 'in_session', secretary).request).toEqual({
      allowed: false,
      reason: 'finalise.notYet.adoption',
    });
    // After the close (FN3) nothing can adopt it: the reason says so, rather than asking for a vote that cannot come.
    expect(finalisationOffer(doc('NQ', null), 'closed', secretary).request).toEqual({
      allowed: false,
      reason: 'finalise.notYet.meetingClosed',
    });
  });

  it('[F1] shows the button disabled with the reason while a vote on the text is open', () => {
    expect(finalisationOffer(doc('NQ', voting), 'in_session', secretary).request).toEqual({
      allowed: false,
      reason: 'finalise.notYet.vote',
    });
  });

  it('[F1] offers nothing to those without the permission, and nothing on a blank document', () => {
    expect(finalisationOffer(doc('NQ', adopted), 'in_session', chair).request).toBeNull();
    expect(finalisationOffer(doc('NQ', adopted), 'in_session', delegate).request).toBeNull();
    expect(finalisationOffer(doc('blank', adopted), 'closed', secretary)).toEqual({
      request: null,
      confirm: false,
      decline: false,
      withdraw: false,
    });
  });

  it('[F2] while a request waits: chairs confirm or decline, secretaries withdraw, nobody asks again', () => {
    const waiting = doc('NQ', { reason: 'finalising', motionId: null, motionTitle: null }, requested);
    expect(finalisationOffer(waiting, 'in_session', chair)).toEqual({ request: null, confirm: true, decline: true, withdraw: false });
    expect(finalisationOffer(waiting, 'in_session', secretary)).toEqual({ request: null, confirm: false, decline: false, withdraw: true });
    expect(finalisationOffer(waiting, 'in_session', delegate)).toEqual({ request: null, confirm: false, decline: false, withdraw: false });
  });

  it('[F2] offers no step at all once the document is issued', () => {
    const issued = doc('NQ', { reason: 'final', motionId: null, motionTitle: null }, final);
    for (const perms of [secretary, chair, { requestFinalisation: true, confirmFinalisation: true }]) {
      expect(finalisationOffer(issued, 'closed', perms)).toEqual({ request: null, confirm: false, decline: false, withdraw: false });
    }
  });
});
