/**
 * The print view as Chromium prints it: the demo minutes (long enough to reach page 3) to PDF, read back page by
 * page with pdftotext. Checks what a clerk would otherwise fix by hand: page numbers, the draft mark, the closing
 * line kept with the signatures, "a)" sub-points, and lines before a hard break left unstretched.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoLoaded, MeetingView } from '../../shared/api.ts';
import { printHtml } from '../../server/export/print.ts';
import { ADMIN } from '../helpers/api.ts';
import { browserSuite, describeInBrowser } from '../helpers/browser.ts';
import { PDFTOTEXT, PDFTOTEXT_HOW, linesOf, pageWith, pdfPages, pdftotextFound } from '../helpers/pdf.ts';

const para = (content: object[]) => ({ type: 'paragraph', attrs: { textAlign: 'justify' }, content });
const text = (t: string) => ({ type: 'text', text: t });
const item = (...content: object[]) => ({ type: 'listItem', content });

/** A justified paragraph whose first line ends with a hard break, and points nested three deep. */
const BREAKS_AND_POINTS = {
  type: 'doc',
  content: [
    para([
      text('Kính gửi: Ban Chấp hành Công đoàn Viện'),
      { type: 'hardBreak' },
      text(
        'Trung tâm Công nghệ Laser báo cáo kết quả thực hiện nhiệm vụ năm 2023 và đề xuất phương hướng nhiệm vụ năm 2024 để Hội nghị xem xét, cho ý kiến.',
      ),
    ]),
    {
      type: 'orderedList',
      attrs: { start: 1 },
      content: [
        item(para([text('Điểm một')]), {
          type: 'orderedList',
          attrs: { start: 1 },
          content: [
            item(para([text('Điểm con thứ nhất')]), {
              type: 'orderedList',
              attrs: { start: 1 },
              content: [item(para([text('Ý nhỏ thứ nhất')])), item(para([text('Ý nhỏ thứ hai')]))],
            }),
            item(para([text('Điểm con thứ hai')])),
          ],
        }),
      ],
    },
  ],
};

describe.skipIf(!pdftotextFound)(pdftotextFound ? 'print view PDF' : `print view PDF (skipped: no ${PDFTOTEXT}; ${PDFTOTEXT_HOW})`, () => {
  describeInBrowser('browser: the print view on paper', () => {
    const suite = browserSuite();
    let dir = '';
    beforeAll(async () => {
      dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'quorum-print-'));
    });
    afterAll(async () => {
      if (dir) await fs.promises.rm(dir, { recursive: true, force: true });
    });

    /** The page printed as Chromium prints it (A4 from its @page rule), read back page by page. */
    async function printed(page: Page, name: string, options: { displayHeaderFooter?: boolean } = {}): Promise<string[]> {
      const file = path.join(dir, `${name}.pdf`);
      await page.pdf({ path: file, preferCSSPageSize: true, ...options });
      return pdfPages(file);
    }

    /** The demo minutes' print view, opened by the administrator as anyone would open it. */
    async function demoMinutes(): Promise<Page> {
      const loaded = await suite.admin.post<DemoLoaded>('/api/demo');
      expect(loaded.status).toBe(201);
      const meeting = (await suite.admin.get<MeetingView>(`/api/meetings/${loaded.body.meetingId}`)).body;
      const minutes = meeting.documents.find((d) => d.kind === 'BB')!;
      const { page } = await suite.person({ account: ADMIN });
      const response = await page.goto(`/api/documents/${minutes.id}/print`);
      expect(response?.status()).toBe(200);
      return page;
    }

    it(
      '[X10] [X12] [X6] numbers pages from 2 at the top, marks page 1 only as a draft, and keeps the closing line with the signatures',
      async () => {
        const page = await demoMinutes();
        // Chromium's own date, title and address lines would be printed here, were there no margin boxes.
        const pages = await printed(page, 'minutes', { displayHeaderFooter: true });
        expect(pages.length).toBeGreaterThanOrEqual(3);
        const [first = '', second = ''] = pages;
        // Page 1: no number, the draft mark above the header.
        expect(linesOf(first)[0]).toBe('DỰ THẢO');
        expect(linesOf(first).some((l) => /^\d+$/.test(l))).toBe(false);
        // Page 2 on: the number alone on the first line, and no draft mark.
        pages.slice(1).forEach((p, i) => expect(linesOf(p)[0]).toBe(String(i + 2)));
        expect(second).not.toContain('DỰ THẢO');
        for (const p of pages) expect(p).not.toMatch(/\d+\/\d+\/\d+, \d+:\d+|http:\/\/|Biên bản Hội nghị/);
        // The closing line on the page of the signatures, which is not a page of signatures alone.
        const closing = pageWith(pages, 'Hội nghị kết thúc vào');
        expect(closing).toBeGreaterThan(0);
        expect(pageWith(pages, 'THƯ KÝ')).toBe(closing);
        expect(pageWith(pages, 'CHỦ TỌA')).toBe(closing);
        expect(pageWith(pages, 'Trần Thị Thu Hà')).toBe(closing);
        const lines = linesOf(pages[closing] ?? '');
        expect(lines.findIndex((l) => l.startsWith('Hội nghị kết thúc vào'))).toBeLessThan(lines.findIndex((l) => l.includes('THƯ KÝ')));
      },
      60_000,
    );

    it('[X10] prints none of Chromium\'s own date, title, address or page lines around a final document', async () => {
      const { page } = await suite.person();
      await page.setContent(printHtml({ content: BREAKS_AND_POINTS, kind: 'blank', title: 'Văn bản cuối cùng', draft: false }));
      const [only = '', ...more] = await printed(page, 'final', { displayHeaderFooter: true });
      expect(more).toEqual([]);
      expect(linesOf(only)[0]).toBe('Kính gửi: Ban Chấp hành Công đoàn Viện');
      expect(only).not.toMatch(/Văn bản cuối cùng|about:blank|\d+\/\d+\/\d+|1\/1/);
    });

    it('[X13] [X5] sets the line before a hard break flush left, and prints sub-points "a)" and "i."', async () => {
      const { page } = await suite.person();
      await page.setContent(printHtml({ content: BREAKS_AND_POINTS, kind: 'blank', title: 'Ngắt dòng', draft: false }));
      const widths = await page.evaluate(() => {
        const p = document.querySelector('main p')!;
        const [before, after] = [p.firstChild!, p.lastChild!];
        const lineRects = (node: Node) => {
          const range = document.createRange();
          range.selectNodeContents(node);
          return [...range.getClientRects()];
        };
        const box = p.getBoundingClientRect();
        return { text: box.width, before: lineRects(before).at(-1)!.width, wrapped: lineRects(after)[0]!.width };
      });
      // A justified line fills the text width; the one the hard break ends keeps its natural length.
      expect(widths.wrapped).toBeGreaterThan(widths.text * 0.97);
      expect(widths.before).toBeLessThan(widths.text * 0.7);
      const [only = ''] = await printed(page, 'points');
      const lines = linesOf(only);
      expect(lines).toContain('1. Điểm một');
      expect(lines).toContain('a) Điểm con thứ nhất');
      expect(lines).toContain('i. Ý nhỏ thứ nhất');
      expect(lines).toContain('ii. Ý nhỏ thứ hai');
      expect(lines).toContain('b) Điểm con thứ hai');
    });
  });
});

describeInBrowser('browser: the print view on a phone', () => {
  const suite = browserSuite();
  const PHONE_390 = { width: 390, height: 844 };

  /** How the demo minutes' print view is laid out on one device. */
  async function printView(minutesId: string, options: { viewport: { width: number; height: number }; mobile?: boolean }) {
    const { page } = await suite.person({ account: ADMIN, ...options });
    expect((await page.goto(`/api/documents/${minutesId}/print`))?.status()).toBe(200);
    const layout = await page.evaluate(() => {
      const sheet = document.querySelector('.sheet')!.getBoundingClientRect();
      const button = document.getElementById('print')!.getBoundingClientRect();
      return {
        innerWidth,
        scrollWidth: document.documentElement.scrollWidth,
        sheet: { left: sheet.left, right: sheet.right, width: sheet.width, height: sheet.height },
        button: { width: button.width, height: button.height },
      };
    });
    return { page, layout };
  }

  it('[X15] scales the A4 sheet to a phone\'s width, proportions kept, with nothing to scroll sideways and the printed page unchanged', async () => {
    const loaded = await suite.admin.post<DemoLoaded>('/api/demo');
    expect(loaded.status).toBe(201);
    const meeting = (await suite.admin.get<MeetingView>(`/api/meetings/${loaded.body.meetingId}`)).body;
    const minutesId = meeting.documents.find((d) => d.kind === 'BB')!.id;
    const laptop = await printView(minutesId, { viewport: { width: 1280, height: 900 } });
    const phone = await printView(minutesId, { viewport: PHONE_390, mobile: true });
    const { layout } = phone;
    // The page is laid out at the screen's width (a phone widens it to what overflows) and nothing overflows it.
    expect(layout.innerWidth).toBe(PHONE_390.width);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
    // The whole sheet on the screen, nearly all of its width…
    expect(layout.sheet.left).toBeGreaterThanOrEqual(0);
    expect(layout.sheet.right).toBeLessThanOrEqual(PHONE_390.width);
    expect(layout.sheet.width).toBeGreaterThan(PHONE_390.width * 0.95);
    // …the sheet the laptop shows, scaled: as tall for its width, so every line breaks where it does on paper.
    expect(laptop.layout.sheet.width).toBeCloseTo(794, 0);
    const ratio = (sheet: { width: number; height: number }) => sheet.height / sheet.width;
    expect(ratio(layout.sheet)).toBeCloseTo(ratio(laptop.layout.sheet), 2);
    // The toolbar is not scaled with it: its button is as big as on the laptop.
    expect(layout.button).toEqual(laptop.layout.button);
    // On paper the sheet is not scaled (the print test checks the pages themselves).
    await phone.page.emulateMedia({ media: 'print' });
    expect(await phone.page.evaluate(() => getComputedStyle(document.querySelector('.sheet')!).zoom)).toBe('1');
  });
});
