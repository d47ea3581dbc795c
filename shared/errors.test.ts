import { describe, expect, it } from 'vitest';
import { ERRORS, type ErrorCode } from './errors.ts';

const codes = Object.keys(ERRORS) as ErrorCode[];

describe('error codes and their messages', () => {
  it('[H19] every code has an HTTP status and a message in Vietnamese and in English', () => {
    for (const code of codes) {
      const { status, vi, en } = ERRORS[code];
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
      expect(vi.trim().length, `${code} vi`).toBeGreaterThan(5);
      expect(en.trim().length, `${code} en`).toBeGreaterThan(5);
      expect(vi, code).not.toBe(en);
      // Vietnamese text has Vietnamese letters (its spelling style is shared/spelling.test.ts's check, VN1).
      expect(vi, code).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i);
    }
  });

  it('[H19] each refusal says its own reason: no two codes share a message', () => {
    for (const lang of ['vi', 'en'] as const) {
      const seen = new Map<string, ErrorCode>();
      for (const code of codes) {
        const message = ERRORS[code][lang];
        expect(seen.get(message), `${lang}: ${code} says what ${seen.get(message)} says`).toBeUndefined();
        seen.set(message, code);
      }
    }
  });

  it('[H19] a vote refused on a meeting not sitting says so, not the reason for attendance', () => {
    expect(ERRORS.not_in_session.vi).toContain('điểm danh');
    for (const code of ['meeting_closed', 'meeting_not_started'] as const) {
      expect(ERRORS[code].vi, code).toContain('biểu quyết');
      expect(ERRORS[code].vi, code).not.toContain('điểm danh');
      expect(ERRORS[code].en, code).toContain('vote');
      expect(ERRORS[code].status, code).toBe(409);
    }
  });
});
