import { describe, expect, it } from 'vitest';
import type { MotionView } from './api.ts';
import { DEFAULT_QUORUM_RULE } from './meeting.ts';
import { decide, type AdoptionRule, type Tally } from './motions.ts';
import { documentVoteResult, formatVoteResult } from './vote-result.ts';

/** The conference's resolution vote: 47 of 50 present, the default rules. */
function motion(overrides: Partial<MotionView> = {}): MotionView {
  return {
    id: 'm1',
    meetingId: 'meeting1',
    number: 1,
    title: 'Thông qua Nghị quyết Hội nghị CBVC năm 2023',
    description: '',
    documentId: 'doc1',
    documentTitle: 'Nghị quyết Hội nghị CBVC',
    documentKind: 'NQ',
    form: 'named',
    rule: 'present_majority',
    quorumRule: DEFAULT_QUORUM_RULE,
    durationSeconds: null,
    status: 'draft',
    outcome: null,
    revoteOf: null,
    revotedBy: null,
    createdAt: '2023-12-19T01:00:00.000Z',
    openedAt: null,
    closesAt: null,
    closedAt: null,
    version: null,
    members: 50,
    present: 47,
    voted: 0,
    tally: null,
    decision: null,
    amendment: null,
    ...overrides,
  };
}

/** A closed motion whose decision is what the server would have recorded for these counts. */
function closed(
  rule: AdoptionRule,
  tally: Tally,
  electorate = { members: 50, present: 47 },
  extra: Partial<MotionView> = {},
): MotionView {
  const decision = decide(rule, DEFAULT_QUORUM_RULE, tally, electorate);
  return motion({
    rule,
    status: 'closed',
    outcome: decision.outcome,
    openedAt: '2023-12-19T03:00:00.000Z',
    closedAt: '2023-12-19T03:05:00.000Z',
    ...electorate,
    voted: tally.for + tally.against + tally.abstain,
    tally,
    decision,
    ...extra,
  });
}

describe('the result of a closed vote', () => {
  it('[V9] the conference resolution: counts of those present, two-digit small numbers, decimal comma', () => {
    const m = closed('present_majority', { for: 45, against: 1, abstain: 1 });
    expect(formatVoteResult(m, 'vi')).toBe(
      'Kết quả biểu quyết: 45/47 đại biểu có mặt lúc mở biểu quyết tán thành (95,7%), 01 không tán thành (2,1%), ' +
        '01 không biểu quyết (2,1%). Nghị quyết được thông qua.',
    );
    expect(formatVoteResult(m, 'en')).toBe(
      'Vote result: 45 of 47 members present when voting opened in favour (95.7%), 1 against (2.1%), 1 abstained (2.1%). ' +
        'The resolution is adopted.',
    );
  });

  it('[V9] those present who did not vote are counted, only when there are any', () => {
    const m = closed('present_majority', { for: 40, against: 3, abstain: 2 });
    expect(formatVoteResult(m, 'vi')).toBe(
      'Kết quả biểu quyết: 40/47 đại biểu có mặt lúc mở biểu quyết tán thành (85,1%), 03 không tán thành (6,4%), ' +
        '02 không biểu quyết (4,3%), 02 đại biểu có mặt không tham gia biểu quyết (4,3%). Nghị quyết được thông qua.',
    );
    expect(formatVoteResult(m, 'en')).toBe(
      'Vote result: 40 of 47 members present when voting opened in favour (85.1%), 3 against (6.4%), 2 abstained (4.3%), ' +
        '2 members present did not vote (4.3%). The resolution is adopted.',
    );
  });

  it('[V9] a rejected vote, with zero written as "00" in Vietnamese', () => {
    const m = closed('present_majority', { for: 20, against: 27, abstain: 0 });
    expect(formatVoteResult(m, 'vi')).toBe(
      'Kết quả biểu quyết: 20/47 đại biểu có mặt lúc mở biểu quyết tán thành (42,6%), 27 không tán thành (57,4%), ' +
        '00 không biểu quyết (0,0%). Nghị quyết không được thông qua.',
    );
    expect(formatVoteResult(m, 'en')).toBe(
      'Vote result: 20 of 47 members present when voting opened in favour (42.6%), 27 against (57.4%), 0 abstained (0.0%). ' +
        'The resolution is not adopted.',
    );
  });

  it('[V9] small meetings pad every count under 10, the base included', () => {
    const m = closed('present_two_thirds', { for: 6, against: 2, abstain: 1 }, { members: 9, present: 9 });
    expect(formatVoteResult(m, 'vi')).toBe(
      'Kết quả biểu quyết: 06/09 đại biểu có mặt lúc mở biểu quyết tán thành (66,7%), 02 không tán thành (22,2%), ' +
        '01 không biểu quyết (11,1%). Nghị quyết được thông qua.',
    );
    expect(formatVoteResult(m, 'en')).toBe(
      'Vote result: 6 of 9 members present when voting opened in favour (66.7%), 2 against (22.2%), 1 abstained (11.1%). ' +
        'The resolution is adopted.',
    );
  });

  it('[V9] a members rule gives its shares of all members, absentees among those who did not vote', () => {
    const m = closed('members_majority', { for: 45, against: 1, abstain: 1 });
    expect(formatVoteResult(m, 'vi')).toBe(
      'Kết quả biểu quyết: 45/50 tổng số đại biểu tán thành (90,0%), 01 không tán thành (2,0%), ' +
        '01 không biểu quyết (2,0%), 03 đại biểu không tham gia biểu quyết (6,0%). Nghị quyết được thông qua.',
    );
    expect(formatVoteResult(m, 'en')).toBe(
      'Vote result: 45 of all 50 members in favour (90.0%), 1 against (2.0%), 1 abstained (2.0%), ' +
        '3 members did not vote (6.0%). The resolution is adopted.',
    );
  });

  it('[V9] two thirds of all members, everyone voting', () => {
    const m = closed('members_two_thirds', { for: 30, against: 10, abstain: 5 }, { members: 45, present: 45 });
    expect(formatVoteResult(m, 'vi')).toBe(
      'Kết quả biểu quyết: 30/45 tổng số đại biểu tán thành (66,7%), 10 không tán thành (22,2%), ' +
        '05 không biểu quyết (11,1%). Nghị quyết được thông qua.',
    );
  });

  it('[V9] votes cast: the base is for + against, and abstentions are said to be outside it', () => {
    const m = closed('cast_majority', { for: 45, against: 1, abstain: 1 });
    expect(formatVoteResult(m, 'vi')).toBe(
      'Kết quả biểu quyết: 45/46 phiếu tán thành trên tổng số phiếu tán thành và không tán thành (97,8%), ' +
        '01 phiếu không tán thành (2,2%); 01 đại biểu không biểu quyết (không tính vào tổng số phiếu trên). ' +
        'Nghị quyết được thông qua.',
    );
    expect(formatVoteResult(m, 'en')).toBe(
      'Vote result: 45 in favour out of 46 votes cast for or against (97.8%), 1 against (2.2%); ' +
        '1 abstained (not counted in that total). The resolution is adopted.',
    );
  });

  it('[V9] votes cast, with members present who did not vote', () => {
    const m = closed('cast_majority', { for: 10, against: 12, abstain: 20 });
    expect(formatVoteResult(m, 'vi')).toBe(
      'Kết quả biểu quyết: 10/22 phiếu tán thành trên tổng số phiếu tán thành và không tán thành (45,5%), ' +
        '12 phiếu không tán thành (54,5%); 20 đại biểu không biểu quyết (không tính vào tổng số phiếu trên); ' +
        '05 đại biểu có mặt không tham gia biểu quyết. Nghị quyết không được thông qua.',
    );
    expect(formatVoteResult(m, 'en')).toBe(
      'Vote result: 10 in favour out of 22 votes cast for or against (45.5%), 12 against (54.5%); ' +
        '20 abstained (not counted in that total); 5 members present did not vote. The resolution is not adopted.',
    );
  });

  it('[V9] no votes cast at all: no percentages of an empty base', () => {
    const m = closed('cast_majority', { for: 0, against: 0, abstain: 47 });
    expect(formatVoteResult(m, 'vi')).toBe(
      'Kết quả biểu quyết: 00/00 phiếu tán thành trên tổng số phiếu tán thành và không tán thành, ' +
        '00 phiếu không tán thành; 47 đại biểu không biểu quyết (không tính vào tổng số phiếu trên). ' +
        'Nghị quyết không được thông qua.',
    );
  });

  const OUTCOMES = [
    ['NQ', 'Nghị quyết', 'The resolution is'],
    ['KH', 'Kế hoạch', 'The plan is'],
    ['BC', 'Báo cáo', 'The report is'],
    ['BB', 'Biên bản', 'The minutes are'],
    ['blank', 'Nội dung biểu quyết', 'The motion is'],
    [null, 'Nội dung biểu quyết', 'The motion is'],
  ] as const;
  it.each(OUTCOMES)('[V9] the outcome sentence names the kind of document: %s', (kind, vi, en) => {
    const adopted = closed('present_majority', { for: 45, against: 1, abstain: 1 }, undefined, { documentKind: kind });
    const rejected = closed('present_majority', { for: 1, against: 45, abstain: 1 }, undefined, { documentKind: kind });
    // The sentence after the counts.
    const outcome = (m: MotionView, lang: 'vi' | 'en') => formatVoteResult(m, lang).split('). ')[1];
    expect(outcome(adopted, 'vi')).toBe(`${vi} được thông qua.`);
    expect(outcome(rejected, 'vi')).toBe(`${vi} không được thông qua.`);
    expect(outcome(adopted, 'en')).toBe(`${en} adopted.`);
    expect(outcome(rejected, 'en')).toBe(`${en} not adopted.`);
  });

  it('[V9] a void vote says why it has no effect, with those present and the quorum required', () => {
    const m = closed('present_majority', { for: 30, against: 0, abstain: 0 }, { members: 50, present: 30 });
    expect(m.decision?.outcome).toBe('void');
    expect(formatVoteResult(m, 'vi')).toBe(
      'Biểu quyết không có giá trị vì không đủ số đại biểu có mặt theo quy định: có mặt 30/50 đại biểu, ' +
        'cần ít nhất 34 đại biểu (2/3 tổng số đại biểu).',
    );
    expect(formatVoteResult(m, 'en')).toBe(
      'The vote is not valid because the quorum was not met: 30 of 50 members present, at least 34 required ' +
        '(2/3 of all members).',
    );
    const small = closed('present_majority', { for: 5, against: 0, abstain: 0 }, { members: 9, present: 5 });
    expect(formatVoteResult(small, 'vi')).toContain('có mặt 05/09 đại biểu, cần ít nhất 06 đại biểu');
  });

  it('[V9] a closed motion lacking its decision is worded from its counts; without counts it says it closed', () => {
    const m = closed('present_majority', { for: 45, against: 1, abstain: 1 });
    expect(formatVoteResult({ ...m, decision: null }, 'vi')).toBe(formatVoteResult(m, 'vi'));
    expect(formatVoteResult({ ...m, decision: null, tally: null }, 'vi')).toBe('Đã kết thúc biểu quyết.');
    expect(formatVoteResult({ ...m, decision: null, tally: null }, 'en')).toBe('Voting has closed.');
  });
});

describe('a vote that is not closed', () => {
  it('[V9] a draft has not been put to the vote', () => {
    expect(formatVoteResult(motion(), 'vi')).toBe('Chưa biểu quyết.');
    expect(formatVoteResult(motion(), 'en')).toBe('Not yet put to the vote.');
  });

  it('[V9] an open secret ballot shows only how many have voted', () => {
    const m = motion({ status: 'open', form: 'secret', voted: 12, tally: null });
    expect(formatVoteResult(m, 'vi')).toBe('Đang biểu quyết: 12/47 đại biểu đã biểu quyết.');
    expect(formatVoteResult(m, 'en')).toBe('Voting in progress: 12 of 47 members present have voted.');
    expect(formatVoteResult({ ...m, voted: 3 }, 'vi')).toBe('Đang biểu quyết: 03/47 đại biểu đã biểu quyết.');
  });

  it('[V9] an open named vote also shows its running count', () => {
    const m = motion({ status: 'open', voted: 12, tally: { for: 10, against: 1, abstain: 1 } });
    expect(formatVoteResult(m, 'vi')).toBe(
      'Đang biểu quyết: 12/47 đại biểu đã biểu quyết (10 tán thành, 01 không tán thành, 01 không biểu quyết).',
    );
    expect(formatVoteResult(m, 'en')).toBe(
      'Voting in progress: 12 of 47 members present have voted (10 for, 1 against, 1 abstained).',
    );
  });

  it('[V9] an open show of hands waits for the secretary, then shows what was recorded', () => {
    const waiting = motion({ status: 'open', form: 'hands', tally: null });
    expect(formatVoteResult(waiting, 'vi')).toBe('Đang biểu quyết (giơ tay): chờ thư ký ghi nhận kết quả.');
    expect(formatVoteResult(waiting, 'en')).toBe(
      'Voting by show of hands: waiting for the secretary to record the count.',
    );
    const recorded = { ...waiting, voted: 47, tally: { for: 45, against: 1, abstain: 1 } };
    expect(formatVoteResult(recorded, 'vi')).toBe(
      'Đang biểu quyết (giơ tay): đã ghi nhận 45 tán thành, 01 không tán thành, 01 không biểu quyết.',
    );
    expect(formatVoteResult(recorded, 'en')).toBe('Voting by show of hands: recorded 45 for, 1 against, 1 abstained.');
  });
});

describe('the text stored in the document', () => {
  it('[V9] is the Vietnamese sentence once closed, and empty before', () => {
    const m = closed('present_majority', { for: 45, against: 1, abstain: 1 });
    expect(documentVoteResult(m)).toBe(formatVoteResult(m, 'vi'));
    expect(documentVoteResult(motion())).toBe('');
    expect(documentVoteResult(motion({ status: 'open', voted: 12 }))).toBe('');
  });
});

describe('an amendment’s result', () => {
  const amendment = {
    suggestionIds: ['s1'],
    suggestions: [],
    clauses: [],
    omittedClauses: 0,
    setAside: null,
    frozen: false,
    settledAt: null,
    resultVersionId: null,
  };

  it('[AM6] names the amendment and says whether the amendment, not the document, is adopted', () => {
    const adopted = closed('present_majority', { for: 30, against: 10, abstain: 5 }, { members: 50, present: 45 }, { title: 'Sửa đổi Điều 2', amendment });
    expect(formatVoteResult(adopted, 'vi')).toBe(
      'Sửa đổi Điều 2 — Kết quả biểu quyết: 30/45 đại biểu có mặt lúc mở biểu quyết tán thành (66,7%), 10 không tán thành (22,2%), ' +
        '05 không biểu quyết (11,1%). Sửa đổi được thông qua.',
    );
    expect(formatVoteResult(adopted, 'en')).toMatch(/^Sửa đổi Điều 2 — Vote result: 30 of 45 .*The amendment is adopted\.$/);
    const rejected = closed('present_majority', { for: 20, against: 20, abstain: 5 }, { members: 50, present: 45 }, { title: 'Sửa đổi Điều 3', amendment });
    expect(documentVoteResult(rejected)).toMatch(/^Sửa đổi Điều 3 — Kết quả biểu quyết: 20\/45 .*Sửa đổi không được thông qua\.$/);
    const voided = closed('present_majority', { for: 20, against: 0, abstain: 0 }, { members: 50, present: 20 }, { title: 'Sửa đổi Điều 4', amendment });
    expect(documentVoteResult(voided)).toMatch(/^Sửa đổi Điều 4 — Biểu quyết không có giá trị/);
  });
});
