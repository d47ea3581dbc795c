import { describe, expect, it } from 'vitest';
import type { MeetingView } from '../../shared/api.ts';
import { t, type MessageKey } from '../../shared/i18n.ts';
import { actionWords, summarizePayload } from './auditWords.ts';

const vi = (key: MessageKey, params?: Record<string, string | number>) => t('vi', key, params);

// Only the lists the summary looks names up in.
const meeting = {
  members: [{ userId: 'u1', fullName: 'Phạm Quốc Bảo' }],
  documents: [{ id: 'd1', title: 'Nghị quyết Hội nghị' }],
  motions: [{ id: 'm1', number: 2 }],
} as unknown as MeetingView;

describe('the audit log in words', () => {
  it('names actions it knows and shows the others as recorded', () => {
    expect(actionWords('ballot.recorded', vi)).toBe('Bỏ phiếu');
    expect(actionWords('something.new', vi)).toBe('something.new');
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
