import { describe, expect, it } from 'vitest';
import { DEFAULT_LANG, LANGS, messages, t, type MessageKey } from './i18n.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n tables', () => {
  it('Vietnamese is the default language', () => {
    expect(DEFAULT_LANG).toBe('vi');
  });

  it('every language has every key, non-empty, with the same placeholders as Vietnamese', () => {
    const keys = Object.keys(messages.vi) as MessageKey[];
    for (const lang of LANGS) {
      expect(Object.keys(messages[lang]).sort()).toEqual([...keys].sort());
      for (const key of keys) {
        expect(messages[lang][key].trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(messages[lang][key]), `${lang} ${key}`).toEqual(placeholders(messages.vi[key]));
      }
    }
  });

  it('strings are NFC, so that they compare equal to what people type', () => {
    for (const lang of LANGS) {
      for (const text of Object.values(messages[lang])) expect(text).toBe(text.normalize('NFC'));
    }
  });

  it('t fills placeholders and leaves unknown ones visible', () => {
    expect(t('vi', 'presence.heading', { count: 3 })).toBe('Đang trong văn bản (3)');
    expect(t('en', 'close.unknown', { code: 4999 })).toBe('The connection closed (code 4999); reconnecting…');
    expect(t('en', 'presence.heading')).toBe('In this document ({count})');
  });
});
