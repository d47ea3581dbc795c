import { describe, expect, it } from 'vitest';
import type { FinalisationView, MotionView } from '../../shared/api.ts';
import { t } from '../../shared/i18n.ts';
import { lockWords, type Words } from './lockWords.ts';

const person = { id: 'u1', fullName: 'Nguyễn Thị Thư' };
const finalisation: FinalisationView = {
  ...{ status: 'final', requestedBy: person, requestedAt: '2023-12-19T04:00:00.000Z' },
  ...{ confirmedBy: { id: 'u2', fullName: 'Cung Hồng Kiên' }, confirmedAt: '2023-12-19T05:00:00.000Z' },
  ...{ number: '01/NQ-TTCNL', contentHash: 'ab'.repeat(32), versionId: 'v2' },
};
const motion = { id: 'm1', number: 2 } as MotionView;
const say = (words: Words | string | null) => (words === null || typeof words === 'string' ? words : t('vi', words.key, words.params));

describe('what the lock banner says', () => {
  it('[F3] an issued document says so with its number', () => {
    const words = lockWords({ reason: 'final', motionId: null, motionTitle: null }, finalisation, []);
    expect(say(words.title)).toBe('Văn bản đã ban hành — Số: 01/NQ-TTCNL');
    expect(say(lockWords({ reason: 'final', motionId: null, motionTitle: null }, null, []).title)).toBe('Văn bản đã ban hành');
  });

  it('[F3] a document awaiting the chair says it is locked meanwhile, and who asked', () => {
    const words = lockWords({ reason: 'finalising', motionId: null, motionTitle: null }, { ...finalisation, status: 'requested' }, []);
    expect(say(words.title)).toBe('Đang chờ chủ tọa xác nhận ban hành — tạm khóa');
    expect(say(words.detail)).toContain('Nguyễn Thị Thư');
  });

  it('[F3] a vote or an adoption names the motion, and copes without one', () => {
    const adopted = lockWords({ reason: 'adopted', motionId: 'm1', motionTitle: 'Thông qua Nghị quyết' }, null, [motion]);
    expect(say(adopted.title)).toBe('Văn bản đã được thông qua tại biểu quyết số 2 — đã khóa');
    expect(say(adopted.detail)).toBe('Biểu quyết số 2: Thông qua Nghị quyết');
    const unknown = lockWords({ reason: 'adopted', motionId: null, motionTitle: null }, null, [motion]);
    expect(say(unknown.title)).toBe('Văn bản đã được thông qua — đã khóa');
    expect(unknown.detail).toBeNull();
    expect(say(lockWords({ reason: 'vote', motionId: 'm9', motionTitle: 'Khác' }, null, []).detail)).toBe('Khác');
  });
});
