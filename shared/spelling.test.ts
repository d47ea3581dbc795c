import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { ERRORS } from './errors.ts';
import { messages } from './i18n.ts';
import { DOCUMENT_KINDS } from './meeting.ts';
import { otherStyleTones, titleStyle } from './spelling.ts';
import { buildTemplate, type TemplateData } from './templates/index.ts';
import { TEXT_ISSUE_MESSAGES } from './text.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The rule's own module and tests quote the other style on purpose. */
const QUOTING = new Set([path.join('shared', 'spelling.ts'), path.join('shared', 'spelling.test.ts')]);

describe('the spelling check', () => {
  it('[VN1] flags a syllable ending in oa, oe or uy with the tone on its second vowel', () => {
    const written = ['hoà', 'khoá', 'Khoá', 'huỷ', 'Huỷ', 'thuỷ', 'luỹ', 'khoẻ', 'toà', 'hoạ', 'loè', 'tuỳ', 'uỷ', 'oà'];
    for (const word of written) expect(otherStyleTones(`Đã ${word} xong.`), word).toEqual([word]);
    // Capitals, as in a document title, and a word at the very start or end of the text.
    expect(otherStyleTones('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toEqual(['HOÀ']);
    expect(otherStyleTones('Khoá')).toEqual(['Khoá']);
    expect(otherStyleTones('Mở khoá, huỷ.')).toEqual(['khoá', 'huỷ']);
  });

  it('[VN1] passes the national title’s style and the words where the tone is on the second vowel in both', () => {
    const right = ['hòa', 'khóa', 'hủy', 'thủy', 'lũy', 'khỏe', 'tòa', 'họa', 'lòe', 'tùy', 'ủy', 'òa', 'CỘNG HÒA'];
    // The diphthong followed by a consonant: the tone goes on its second vowel in either style.
    const closed = ['hoàn', 'toàn', 'khoản', 'quyết', 'tuyển', 'hoạt', 'khoảng', 'thuyết', 'huyện', 'xoắn', 'khoèo'];
    // "qu" + y: the u is part of the consonant, y the only vowel.
    const qu = ['quý', 'Quỹ', 'quỳ', 'quỷ', 'quỵ'];
    for (const word of [...right, ...closed, ...qu]) expect(otherStyleTones(`Đã ${word} xong.`), word).toEqual([]);
    // Other words with the same letters: English, and Vietnamese without these diphthongs.
    expect(otherStyleTones('Thành phố Hồ Chí Minh, café, Noël, ngày 19 tháng 12')).toEqual([]);
  });

  it('[VN1] reads decomposed text (as some keyboards type it) the same as composed text', () => {
    expect(otherStyleTones('kho\u0061\u0301')).toEqual(['khoá']);
    expect(otherStyleTones('kho\u0301a')).toEqual([]);
  });

  it('[VN1] says how the national title’s style writes the word', () => {
    expect(titleStyle('khoá')).toBe('khóa');
    expect(titleStyle('Huỷ')).toBe('Hủy');
    expect(titleStyle('HOÀ')).toBe('HÒA');
    expect(titleStyle('khoẻ')).toBe('khỏe');
    expect(titleStyle('thuỵ')).toBe('thụy');
    expect(otherStyleTones(titleStyle('luỹ'))).toEqual([]);
  });
});

/** Every string found inside a template's JSON: text nodes and attributes alike. */
function strings(node: JSONContent | unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(strings);
  if (node && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
}

const TEMPLATE_DATA: TemplateData = {
  meeting: {
    title: 'Hội nghị Tổng kết công tác năm 2023',
    kind: 'employee_conference',
    startsAt: '2023-12-19T08:00',
    place: 'Hội trường Trung tâm Công nghệ Laser',
    locality: 'Hà Nội',
    issuingBody: 'Trung tâm Công nghệ Laser',
    parentBody: 'Viện Ứng dụng công nghệ',
    symbol: 'TTCNL',
    agenda: ['Báo cáo tổng kết công tác năm 2023'],
  },
  chairs: ['Cung Hồng Kiên'],
  secretaries: ['Trần Thị Thu Hà'],
  attendance: { present: 23, total: 25 },
};

/** `where: word → the title style's word`, for a failure that says what to change. */
function offences(entries: [string, string][]): string[] {
  return entries.flatMap(([where, text]) => otherStyleTones(text).map((word) => `${where}: ${word} → ${titleStyle(word)}`));
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(full);
    return /\.(ts|tsx|js|md|css|html|csv|txt)$/.test(entry.name) ? [full] : [];
  });
}

describe('one spelling style throughout', () => {
  it('[VN1] the Vietnamese interface table uses the national title’s style', () => {
    expect(offences(Object.entries(messages.vi).map(([key, text]) => [`i18n ${key}`, text]))).toEqual([]);
  });

  it('[VN1] the server’s error messages do', () => {
    const errors = Object.entries(ERRORS).map(([code, error]): [string, string] => [`error ${code}`, error.vi]);
    const issues = Object.entries(TEXT_ISSUE_MESSAGES).map(([code, text]): [string, string] => [`issue ${code}`, text.vi]);
    expect(offences([...errors, ...issues])).toEqual([]);
  });

  it('[VN1] every document template does', () => {
    const texts = DOCUMENT_KINDS.flatMap((kind) =>
      strings(buildTemplate(kind, TEMPLATE_DATA)).map((text): [string, string] => [`template ${kind}`, text]),
    );
    expect(texts.length).toBeGreaterThan(20);
    expect(offences(texts)).toEqual([]);
  });

  // Not the test suites' data: a name typed by a person (a roster's "Thuỷ") is kept as it was typed.
  it('[VN1] so do the sources, the docs, README and SPEC (demo data, server messages, quoted Vietnamese)', () => {
    const files = [
      ...['client', 'server', 'shared', 'docs'].flatMap((dir) => filesUnder(path.join(root, dir))),
      path.join(root, 'README.md'),
      path.join(root, 'test', 'SPEC.md'),
    ].filter((file) => !QUOTING.has(path.relative(root, file)));
    expect(files.length).toBeGreaterThan(100);
    const texts = files.map((file): [string, string] => [path.relative(root, file), fs.readFileSync(file, 'utf8')]);
    expect(offences(texts)).toEqual([]);
  });
});
