import { expect, it } from 'vitest';
import {
  convergedText,
  browserSuite,
  describeInBrowser,
  editorText,
  newPerson,
  openDocument,
  remoteCarets,
  uniqueDocumentId,
} from '../helpers/browser.ts';

const RESOLUTION = 'Nghị quyết Hội nghị cán bộ viên chức năm 2024';
const PLAN = 'Phương hướng nhiệm vụ năm 2025';

describeInBrowser('browser: two people in one document', () => {
  const suite = browserSuite();

  it(
    '[B1] two people typing into one document at the same time end with identical text, Vietnamese diacritics included',
    async () => {
      const documentId = uniqueDocumentId('b1');
      const lan = await newPerson(suite.browser, suite.server.url, { name: 'Nguyễn Thị Lan', color: '#0369a1' });
      const binh = await newPerson(suite.browser, suite.server.url, { name: 'Trần Văn Bình', color: '#b91c1c' });
      try {
        await Promise.all([openDocument(lan.page, documentId), openDocument(binh.page, documentId)]);

        // Two paragraphs, one each: people drafting together work on different parts of the text.
        await lan.page.locator('.ProseMirror').click();
        await lan.page.keyboard.press('Enter');
        await expect.poll(() => binh.page.locator('.ProseMirror p').count()).toBe(2);
        await binh.page.locator('.ProseMirror').click();
        await lan.page.keyboard.press('Control+Home');
        await binh.page.keyboard.press('Control+End');
        await expect.poll(() => remoteCarets(binh.page)).toEqual([{ name: 'Nguyễn Thị Lan', block: 0, offset: 0 }]);
        await expect.poll(() => remoteCarets(lan.page)).toEqual([{ name: 'Trần Văn Bình', block: 1, offset: 0 }]);

        // Character by character with a delay, so that the two streams of edits really overlap.
        await Promise.all([
          lan.page.keyboard.type(RESOLUTION, { delay: 15 }),
          binh.page.keyboard.type(PLAN, { delay: 15 }),
        ]);

        const text = await convergedText([lan.page, binh.page]);
        expect(text.normalize('NFC')).toBe(text);
        expect(text.split('\n')).toEqual([RESOLUTION, PLAN]);
        expect(lan.errors).toEqual([]);
        expect(binh.errors).toEqual([]);
      } finally {
        await Promise.all([lan.context.close(), binh.context.close()]);
      }
    },
    60_000,
  );

  it(
    "[B2] each person sees the other's caret labelled with their name",
    async () => {
      const documentId = uniqueDocumentId('b2');
      const lan = await newPerson(suite.browser, suite.server.url, { name: 'Nguyễn Thị Lan', color: '#0369a1' });
      // Bình has not been here before: he gives his name in the form.
      const binh = await newPerson(suite.browser, suite.server.url);
      try {
        await openDocument(lan.page, documentId);
        await binh.page.goto(`/d/${documentId}`);
        await binh.page.getByTestId('name-input').fill('Trần Văn Bình');
        await binh.page.getByTestId('name-save').click();
        await binh.page.locator('.ProseMirror').waitFor();

        await lan.page.locator('.ProseMirror').click();
        await lan.page.keyboard.type('Biên bản');
        await expect.poll(() => editorText(binh.page)).toBe('Biên bản');
        await binh.page.locator('.ProseMirror').click();
        await binh.page.keyboard.press('Control+End');
        await binh.page.keyboard.type(' họp');

        const labels = (person: typeof lan) => person.page.locator('.collaboration-carets__label').allTextContents();
        await expect.poll(() => labels(lan)).toEqual(['Trần Văn Bình']);
        await expect.poll(() => labels(binh)).toEqual(['Nguyễn Thị Lan']);
        // The label carries the person's colour.
        await expect
          .poll(() => binh.page.locator('.collaboration-carets__label').evaluate((el) => getComputedStyle(el).backgroundColor))
          .toBe('rgb(3, 105, 161)');

        // Both are listed in each presence list, yourself marked as you.
        const presence = (person: typeof lan) => person.page.getByTestId('presence-person').allTextContents();
        await expect.poll(() => presence(lan)).toEqual(['Nguyễn Thị Lan(bạn)', 'Trần Văn Bình']);
        await expect.poll(() => presence(binh)).toEqual(['Trần Văn Bình(bạn)', 'Nguyễn Thị Lan']);
        expect(lan.errors).toEqual([]);
        expect(binh.errors).toEqual([]);
      } finally {
        await Promise.all([lan.context.close(), binh.context.close()]);
      }
    },
    60_000,
  );

  // The brief: "the editor must never break a word being composed when a remote edit arrives".
  it(
    '[B7] a word being composed with an input method (Telex, VNI) is not broken by a remote edit to the same paragraph',
    async () => {
      const documentId = uniqueDocumentId('b7');
      const lan = await newPerson(suite.browser, suite.server.url, { name: 'Nguyễn Thị Lan' });
      const binh = await newPerson(suite.browser, suite.server.url, { name: 'Trần Văn Bình' });
      try {
        await Promise.all([openDocument(lan.page, documentId), openDocument(binh.page, documentId)]);
        await lan.page.locator('.ProseMirror').click();
        await lan.page.keyboard.type('Hội nghị ');
        await expect.poll(() => editorText(binh.page)).toBe('Hội nghị ');
        await binh.page.locator('.ProseMirror').click();
        await binh.page.keyboard.press('Control+Home');
        await expect.poll(() => remoteCarets(lan.page)).toEqual([{ name: 'Trần Văn Bình', block: 0, offset: 0 }]);

        // What a Telex IME sends while "Vieejt" is typed: a composition that grows and is then committed.
        // After every step Bình edits the same paragraph, and Lan's page receives it mid-composition.
        const ime = await lan.context.newCDPSession(lan.page);
        const steps = ['V', 'Vi', 'Vie', 'Viê', 'Việ', 'Việt'];
        for (const [index, step] of steps.entries()) {
          await ime.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length });
          await binh.page.keyboard.type('x');
          await expect.poll(async () => (await editorText(lan.page)).split('x').length - 1).toBe(index + 1);
        }
        await ime.send('Input.insertText', { text: 'Việt' });

        const text = await convergedText([lan.page, binh.page]);
        expect(text).toBe('xxxxxxHội nghị Việt');
        expect(lan.errors).toEqual([]);
        expect(binh.errors).toEqual([]);
      } finally {
        await Promise.all([lan.context.close(), binh.context.close()]);
      }
    },
    60_000,
  );
});
