import { describe, expect, it } from 'vitest';
import type { MeetingView } from '../../shared/api.ts';
import { AUDIT_ACTIONS } from '../../shared/audit-actions.ts';
import { LANGS, t, type MessageKey } from '../../shared/i18n.ts';
import { actionWords, detailLabel, summarizePayload } from './auditWords.ts';

const vi = (key: MessageKey, params?: Record<string, string | number>) => t('vi', key, params);
const en = (key: MessageKey, params?: Record<string, string | number>) => t('en', key, params);
const words = { vi, en } as const;

// Only the lists the summary looks names up in.
const meeting = {
  members: [{ userId: 'u1', fullName: 'Phạm Quốc Bảo' }],
  documents: [{ id: 'd1', title: 'Nghị quyết Hội nghị' }],
  motions: [{ id: 'm1', number: 2 }],
} as unknown as MeetingView;

describe('the audit log in words', () => {
  it('[AU5] names actions it knows, and reads one it does not know as a sentence, never as its code', () => {
    expect(actionWords('ballot.recorded', vi)).toBe('Bỏ phiếu');
    expect(actionWords('version.saved', vi)).toBe('Lưu phiên bản');
    expect(actionWords('finalisation.requested', en)).toBe('Submitted for issue');
    expect(actionWords('something.new', vi)).toBe('Thao tác khác (phiên bản phần mềm này chưa có mô tả)');
    expect(actionWords('something.new', en)).not.toContain('something');
    expect(summarizePayload({ somethingNew: 'x' }, meeting, vi)).toBe('Chi tiết khác: x');
  });

  it('[AU5] every action the server writes has its own words in Vietnamese and in English', () => {
    const actions = Object.keys(AUDIT_ACTIONS);
    expect(actions.length).toBeGreaterThan(30);
    for (const lang of LANGS) {
      const seen = new Map<string, string>();
      for (const action of actions) {
        const text = actionWords(action, words[lang]);
        expect(text, `${lang} ${action}`).not.toBe(words[lang]('audit.action.unknown'));
        expect(text, `${lang} ${action}`).not.toContain(action);
        // Two actions under one name would make the record ambiguous.
        expect(seen.get(text), `${lang}: ${action} reads like ${seen.get(text)}`).toBeUndefined();
        seen.set(text, action);
      }
    }
  });

  it('[AU5] every detail key the server writes has words in both languages, or is deliberately left to the record', () => {
    const keys = new Set(Object.values(AUDIT_ACTIONS).flat());
    for (const lang of LANGS) {
      const other = words[lang]('audit.key.other');
      for (const key of keys) {
        const label = detailLabel(key, words[lang]);
        if (label === null) continue;
        expect(label, `${lang} ${key}`).not.toBe(other);
        expect(label, `${lang} ${key}`).not.toBe(key);
      }
    }
    // What is left to the record: ids, times, long text and the fields a new meeting repeats from its title.
    const skipped = [...keys].filter((key) => detailLabel(key, vi) === null).sort();
    expect(skipped).toEqual(
      [
        'agenda',
        'closesAt',
        'commentId',
        'description',
        'duration_seconds',
        'expiresAt',
        'id',
        'issuingBody',
        'locality',
        'number',
        'parentBody',
        'quorum_den',
        'quorum_num',
        'replacedVersionId',
        'startsAt',
        'symbol',
        'threadId',
        'tokenId',
        'versionId',
      ].sort(),
    );
  });

  it('reads ids as names, codes as words and counts as counts, leaving times and numbers to the table', () => {
    expect(summarizePayload({ motionId: 'm1', userId: 'u1', choice: 'against' }, meeting, vi)).toBe(
      'Biểu quyết: Biểu quyết số 2; Người: Phạm Quốc Bảo; Lựa chọn: Không tán thành',
    );
    expect(
      summarizePayload({ motionId: 'm1', number: 2, outcome: 'adopted', tally: { for: 5, against: 1, abstain: 1 }, closesAt: 'x' }, meeting, vi),
    ).toBe('Biểu quyết: Biểu quyết số 2; Kết quả: Thông qua; Số phiếu: Tán thành 5, Không tán thành 1, Không biểu quyết 1');
    expect(summarizePayload({ document_id: 'd1', byTimer: true }, meeting, vi)).toBe(
      'Văn bản: Nghị quyết Hội nghị; Tự kết thúc khi hết giờ: có',
    );
    expect(summarizePayload({ contentHash: 'c63e0c01023abcdef0123' }, meeting, vi)).toBe('Mã băm văn bản: c63e0c01023a…');
    expect(summarizePayload({ userId: 'u1', role: 'secretary', roleFrom: 'delegate' }, meeting, vi)).toBe(
      'Người: Phạm Quốc Bảo; Vai trò: Thư ký; Vai trò trước đó: Đại biểu',
    );
    // SG6: a decision on suggestions names their authors and counts them.
    expect(summarizePayload({ documentId: 'd1', suggestionIds: ['s1', 's2'], authorIds: ['u1'] }, meeting, vi)).toBe(
      'Văn bản: Nghị quyết Hội nghị; Đề xuất: 2; Người đề xuất: Phạm Quốc Bảo',
    );
  });

  it('reads a new meeting as its title, kind, place and quorum rule, not its raw fields', () => {
    const created = {
      id: 'm_x',
      title: 'Hội nghị CBVC',
      kind: 'employee_conference',
      startsAt: '2023-12-19T08:00',
      place: 'Hội trường',
      locality: 'Hà Nội',
      issuingBody: 'Trung tâm Công nghệ Laser',
      parentBody: 'Viện',
      symbol: 'TTCNL',
      status: 'scheduled',
      quorumRule: { numerator: 2, denominator: 3 },
      agenda: ['Báo cáo'],
      creatorRole: null,
    };
    expect(summarizePayload(created, meeting, vi)).toBe(
      'Tiêu đề: Hội nghị CBVC; Loại: Hội nghị cán bộ viên chức; Địa điểm: Hội trường; Trạng thái: Chưa bắt đầu; Điều kiện hợp lệ: 2/3',
    );
  });
});
