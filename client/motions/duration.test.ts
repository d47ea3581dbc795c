import { describe, expect, it } from 'vitest';
import { t, type MessageKey } from '../../shared/i18n.ts';
import { durationWords } from './duration.ts';

describe('a vote’s time limit in words', () => {
  it('shows whole minutes as minutes and anything else in seconds, never as a fraction of a minute', () => {
    const vi = (key: MessageKey, params?: Record<string, string | number>) => t('vi', key, params);
    const en = (key: MessageKey, params?: Record<string, string | number>) => t('en', key, params);
    expect(durationWords(120, vi)).toBe('2 phút');
    expect(durationWords(10, vi)).toBe('10 giây');
    expect(durationWords(90, en)).toBe('90 s');
  });
});
