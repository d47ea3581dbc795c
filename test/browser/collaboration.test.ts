import { expect, it } from 'vitest';
import { caretColor } from '../../shared/presence.ts';
import {
  browserSuite,
  caretInBody,
  convergedText,
  describeInBrowser,
  editorText,
  openDocument,
  remoteCarets,
  seedDocument,
  signInOnPage,
} from '../helpers/browser.ts';

const RESOLUTION = 'Nghị quyết Hội nghị cán bộ viên chức năm 2024';
const PLAN = 'Phương hướng nhiệm vụ năm 2025';
const LAN = { fullName: 'Nguyễn Thị Lan', role: 'delegate' } as const;
const BINH = { fullName: 'Trần Văn Bình', role: 'delegate' } as const;

describeInBrowser('browser: two people in one document', () => {
  const suite = browserSuite();

  it(
    '[B1] two people typing into one document at the same time end with identical text, Vietnamese diacritics included',
    async () => {
      const { documentId, people } = await seedDocument(suite.admin, [LAN, BINH]);
      const [lan, binh] = await suite.inDocument(documentId, [
        { account: people[0] },
        { account: people[1] },
      ]);

      // Two paragraphs, one each: people drafting together work on different parts of the text.
      await caretInBody(lan.page, 0, 'end');
      await lan.page.keyboard.press('Enter');
      await expect.poll(() => binh.page.locator('.ProseMirror p:not([data-type="columns"] *)').count()).toBe(2);
      await caretInBody(lan.page, 0, 'start');
      await caretInBody(binh.page, 'last', 'end');
      await expect.poll(() => remoteCarets(binh.page)).toEqual([{ name: LAN.fullName, block: 0, offset: 0 }]);
      await expect.poll(() => remoteCarets(lan.page)).toEqual([{ name: BINH.fullName, block: 1, offset: 0 }]);

      // Character by character with a delay, so that the two streams of edits really overlap.
      await Promise.all([
        lan.page.keyboard.type(RESOLUTION, { delay: 15 }),
        binh.page.keyboard.type(PLAN, { delay: 15 }),
      ]);

      const text = await convergedText([lan.page, binh.page]);
      expect(text.normalize('NFC')).toBe(text);
      expect(text.split('\n')).toEqual([RESOLUTION, PLAN]);
    },
    60_000,
  );

  it(
    "[B2] each person sees the other's caret labelled with their name",
    async () => {
      const { documentId, people } = await seedDocument(suite.admin, [LAN, BINH]);
      const lan = await suite.person({ account: people[0] });
      // Bình has not signed in on this device: the link takes him through sign-in and then to the document,
      // where the name on his caret is the one on his account.
      const binh = await suite.person();
      await openDocument(lan.page, documentId);
      await binh.page.goto(`/d/${documentId}`);
      await signInOnPage(binh.page, people[1]!);
      await binh.page.locator('.ProseMirror').waitFor();

      await caretInBody(lan.page, 0, 'end');
      await lan.page.keyboard.type('Biên bản');
      await expect.poll(() => editorText(binh.page)).toBe('Biên bản');
      await caretInBody(binh.page, 0, 'end');
      await binh.page.keyboard.type(' họp');

      const labels = (person: typeof lan) => person.page.locator('.collaboration-carets__label').allTextContents();
      await expect.poll(() => labels(lan)).toEqual([BINH.fullName]);
      await expect.poll(() => labels(binh)).toEqual([LAN.fullName]);
      // The label carries the person's colour: the account's, the same on every device (R15).
      const hex = caretColor(people[0]!.userId);
      const rgb = `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
      await expect
        .poll(() => binh.page.locator('.collaboration-carets__label').evaluate((el) => getComputedStyle(el).backgroundColor))
        .toBe(rgb);

      // Both are listed in each presence list, yourself marked as you.
      const presence = (person: typeof lan) => person.page.getByTestId('presence-person').allTextContents();
      await expect.poll(() => presence(lan)).toEqual([`${LAN.fullName}(bạn)`, BINH.fullName]);
      await expect.poll(() => presence(binh)).toEqual([`${BINH.fullName}(bạn)`, LAN.fullName]);
    },
    60_000,
  );

  // The brief: "the editor must never break a word being composed when a remote edit arrives".
  it(
    '[B7] a word being composed with an input method (Telex, VNI) is not broken by a remote edit to the same paragraph',
    async () => {
      const { documentId, people } = await seedDocument(suite.admin, [LAN, BINH]);
      const [lan, binh] = await suite.inDocument(documentId, [{ account: people[0] }, { account: people[1] }]);
      await caretInBody(lan.page, 0, 'end');
      await lan.page.keyboard.type('Hội nghị ');
      await expect.poll(() => editorText(binh.page)).toBe('Hội nghị ');
      await caretInBody(binh.page, 0, 'start');
      await expect.poll(() => remoteCarets(lan.page)).toEqual([{ name: BINH.fullName, block: 0, offset: 0 }]);

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
    },
    60_000,
  );
});
