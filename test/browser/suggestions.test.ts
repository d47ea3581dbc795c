import { expect, it } from 'vitest';
import { caretColor } from '../../shared/presence.ts';
import { browserSuite, caretInBody, convergedText, describeInBrowser, pageWidth } from '../helpers/browser.ts';
import { openDocument, seedDocument } from '../helpers/browser.ts';
import { seedMeeting } from '../helpers/api.ts';

const CHAIR = { fullName: 'Cung Hồng Kiên', role: 'chair' } as const;
const DELEGATE = { fullName: 'Nguyễn Thị Lan', role: 'delegate' } as const;
const LAPTOP = { width: 1366, height: 768 };
const PHONE_390 = { width: 390, height: 844 };

describeInBrowser('browser: suggestions', () => {
  const suite = browserSuite();

  it(
    '[SG7][SG9] a delegate who may only suggest types and deletes; the chair sees the marks live, accepts one and rejects the other',
    async () => {
      const { documentId, meetingId, people } = await seedDocument(suite.admin, [CHAIR, DELEGATE]);
      const chair = await suite.person({ account: people[0], viewport: LAPTOP });
      await openDocument(chair.page, documentId);
      await caretInBody(chair.page, 0, 'end');
      await chair.page.keyboard.type('Thông qua báo cáo tổng kết');

      const setting = await suite.admin.patch(`/api/meetings/${meetingId}`, { delegatesSuggest: true });
      expect(setting.status).toBe(200);
      // The delegate, on a phone: suggest mode is on and cannot be turned off.
      const delegate = await suite.person({ account: people[1], viewport: PHONE_390, mobile: true });
      await openDocument(delegate.page, documentId);
      const toggle = delegate.page.getByTestId('toolbar-suggest');
      await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
      expect(await toggle.isDisabled()).toBe(true);
      await expect.poll(() => convergedText([chair.page, delegate.page])).toContain('tổng kết');

      // She adds words at the end and deletes the first word.
      await caretInBody(delegate.page, 0, 'end');
      await delegate.page.keyboard.type(' năm 2024');
      await caretInBody(delegate.page, 0, 'start');
      for (let i = 0; i < 'Thông'.length; i++) await delegate.page.keyboard.press('Delete');

      // The chair sees both, live, in Lan's colour, the deleted word still there.
      const inserted = chair.page.locator('.ProseMirror ins.suggestion-insert');
      const deleted = chair.page.locator('.ProseMirror del.suggestion-delete');
      await expect.poll(() => inserted.textContent()).toBe(' năm 2024');
      await expect.poll(() => deleted.textContent()).toBe('Thông');
      const color = caretColor(people[1]!.userId);
      const rgb = `rgb(${[1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)).join(', ')})`;
      expect(await inserted.evaluate((el) => getComputedStyle(el).color)).toBe(rgb);
      expect(await deleted.evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('line-through');
      expect((await convergedText([chair.page, delegate.page])).split('\n')[0]).toBe('Thông qua báo cáo tổng kết năm 2024');

      // The panel lists them, with the author; the delegate may withdraw her own, not accept them.
      const panel = chair.page.getByTestId('suggestions');
      await expect.poll(() => panel.getByTestId('suggestion').count()).toBe(2);
      expect(await panel.getByTestId('suggestion').first().textContent()).toContain(DELEGATE.fullName);
      const herPanel = delegate.page.getByTestId('suggestions');
      await expect.poll(() => herPanel.getByTestId('suggestion-withdraw').count()).toBe(2);
      expect(await herPanel.getByTestId('suggestion-accept').count()).toBe(0);
      expect(await pageWidth(delegate.page)).toBeLessThanOrEqual(PHONE_390.width);
      expect(await pageWidth(chair.page)).toBeLessThanOrEqual(LAPTOP.width);
      // On the laptop the panel sits beside the page, its buttons within the screen.
      const accept = panel.getByTestId('suggestion-accept').first();
      const box = await accept.boundingBox();
      expect(box && box.x + box.width <= LAPTOP.width && box.y >= 0).toBe(true);

      // The chair accepts the insertion and rejects the deletion.
      const withInsert = panel.getByTestId('suggestion').filter({ has: chair.page.getByTestId('suggestion-inserted') });
      await withInsert.getByTestId('suggestion-accept').click();
      await expect.poll(() => panel.getByTestId('suggestion').count()).toBe(1);
      await panel.getByTestId('suggestion').getByTestId('suggestion-reject').click();
      await expect.poll(() => panel.getByTestId('suggestion').count()).toBe(0);

      for (const page of [chair.page, delegate.page]) {
        await expect.poll(() => page.locator('.ProseMirror :is(ins, del).suggestion').count()).toBe(0);
      }
      expect((await convergedText([chair.page, delegate.page])).split('\n')[0]).toBe('Thông qua báo cáo tổng kết năm 2024');
      // Her connection was never refused.
      expect(await delegate.page.getByTestId('close-notice').count()).toBe(0);
    },
    90_000,
  );

  // The composition starts inside her insertion mark and the chair's caret holds still while she composes (SG7). One
  // residue is known: with the machine starved of CPU (4 busy processes on 2 cores) the browser can still end the
  // first step's composition and start another, and the first letter comes out twice ("VViệt"); at the CI's own load
  // it passed 13 runs of 13. It is retried, not skipped: a systematic doubling fails all three tries.
  it(
    '[SG7] a word composed with an input method (Telex) in suggest mode arrives whole, as the author’s suggestion',
    { timeout: 60_000, retry: 2 },
    async () => {
      const { documentId, meetingId, people } = await seedDocument(suite.admin, [CHAIR, DELEGATE]);
      expect((await suite.admin.patch(`/api/meetings/${meetingId}`, { delegatesSuggest: true })).status).toBe(200);
      const [chair, delegate] = await suite.inDocument(documentId, [{ account: people[0] }, { account: people[1] }]);
      await caretInBody(chair.page, 0, 'end');
      await chair.page.keyboard.type('Hội nghị ');
      await expect.poll(() => convergedText([chair.page, delegate.page])).toBe('Hội nghị ');
      await caretInBody(delegate.page, 0, 'end');
      const ime = await delegate.context.newCDPSession(delegate.page);
      // A person types slower than the editor reads the page: it reads each step of the composition as it comes.
      const compose = async (word: string, steps: string[]) => {
        for (const step of steps) {
          await ime.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length });
          await delegate.page.waitForTimeout(60);
        }
        await ime.send('Input.insertText', { text: word });
      };
      await compose('Việt', ['V', 'Vi', 'Vie', 'Viê', 'Việ', 'Việt']);
      await expect.poll(() => chair.page.locator('.ProseMirror ins.suggestion-insert').textContent()).toBe('Việt');
      // The next word, composed right after it, grows the same suggestion.
      await delegate.page.keyboard.type(' ');
      await compose('Nam', ['N', 'Na', 'Nam']);
      await expect.poll(() => chair.page.locator('.ProseMirror ins.suggestion-insert').textContent()).toBe('Việt Nam');
      expect(await convergedText([chair.page, delegate.page])).toBe('Hội nghị Việt Nam');
      expect(await delegate.page.getByTestId('close-notice').count()).toBe(0);
    },
  );

  for (const [kind, paragraph] of [['NQ', 'Điều 2.'], ['BB', 'Thời gian bắt đầu:']] as const) {
    it(
      `[SG7] a ${kind} from its template (header, articles or meeting facts, a table the chair added) opens in suggest mode without a direct edit, and takes a suggestion`,
      async () => {
        const suffix = `${process.pid.toString(36)}-${kind.toLowerCase()}`;
        const seeded = await seedMeeting(suite.admin, {
          people: [
            { username: `kien-${suffix}`, fullName: CHAIR.fullName, role: 'chair' },
            { username: `lan-${suffix}`, fullName: DELEGATE.fullName, role: 'delegate' },
          ],
          document: kind,
          inSession: true,
        });
        expect((await suite.admin.patch(`/api/meetings/${seeded.meeting.id}`, { delegatesSuggest: true })).status).toBe(200);
        const chair = await suite.person({ account: seeded.people[`kien-${suffix}`]! });
        await openDocument(chair.page, seeded.documentId!);
        await chair.page.locator('.ProseMirror p', { hasText: paragraph }).first().click();
        await chair.page.keyboard.press('End');
        await chair.page.getByTestId('toolbar-insertTable').click();
        await expect.poll(() => chair.page.locator('.ProseMirror table').count()).toBe(1);

        const delegate = await suite.person({ account: seeded.people[`lan-${suffix}`]! });
        await openDocument(delegate.page, seeded.documentId!);
        await expect.poll(() => delegate.page.locator('.ProseMirror table').count()).toBe(1);
        const target = delegate.page.locator('.ProseMirror p', { hasText: paragraph }).first();
        await target.click();
        await delegate.page.keyboard.press('End');
        await delegate.page.keyboard.type(' (dự kiến)');
        await expect.poll(() => chair.page.locator('.ProseMirror ins.suggestion-insert').textContent()).toBe(' (dự kiến)');
        const listed = delegate.page.getByTestId('suggestion');
        await expect.poll(() => listed.count()).toBe(1);
        if (kind === 'NQ') expect(await listed.textContent()).toContain('Điều 2');
        expect(await delegate.page.getByTestId('close-notice').count()).toBe(0);
      },
      60_000,
    );
  }

  it(
    '[SG12][SG10] a delegate who may only suggest presses Enter at the end of an article’s clause and types a new clause; the chair sees it live and accepts it',
    async () => {
      const suffix = `${process.pid.toString(36)}-clause`;
      const seeded = await seedMeeting(suite.admin, {
        people: [
          { username: `kien-${suffix}`, fullName: CHAIR.fullName, role: 'chair' },
          { username: `lan-${suffix}`, fullName: DELEGATE.fullName, role: 'delegate' },
        ],
        document: 'NQ',
        inSession: true,
      });
      expect((await suite.admin.patch(`/api/meetings/${seeded.meeting.id}`, { delegatesSuggest: true })).status).toBe(200);
      const [chair, delegate] = await suite.inDocument(seeded.documentId!, [
        { account: seeded.people[`kien-${suffix}`]!, viewport: LAPTOP },
        { account: seeded.people[`lan-${suffix}`]! },
      ]);
      const before = await convergedText([chair.page, delegate.page]);
      const lines = before.split('\n');
      const article = lines.findIndex((line) => line.startsWith('Điều 2.'));
      expect(article).toBeGreaterThan(0);

      // At the end of "Điều 2. …", Enter opens a new paragraph (the clause stays whole) and she types a clause.
      await delegate.page.locator('.ProseMirror p', { hasText: 'Điều 2.' }).first().click();
      await delegate.page.keyboard.press('End');
      await delegate.page.keyboard.press('Enter');
      const clause = 'Khen thưởng tập thể có thành tích xuất sắc.';
      await delegate.page.keyboard.type(clause);

      // The chair sees it live, after that clause, as Lan's suggested paragraph, her insertion underlined.
      const suggested = chair.page.locator('.ProseMirror p.suggestion-paragraph');
      // (Her caret stands in it, its name label inside the paragraph: the words are read from her insertion.)
      await expect.poll(() => suggested.locator('ins.suggestion-insert').textContent()).toBe(clause);
      expect(await suggested.getAttribute('data-suggestion-by')).toBe(seeded.people[`lan-${suffix}`]!.userId);
      const withClause = [...lines.slice(0, article + 1), clause, ...lines.slice(article + 1)].join('\n');
      expect(await convergedText([chair.page, delegate.page])).toBe(withClause);
      // Listed once, as a new paragraph of Điều 2, by her.
      const panel = chair.page.getByTestId('suggestions');
      await expect.poll(() => panel.getByTestId('suggestion').count()).toBe(1);
      const item = panel.getByTestId('suggestion');
      // The panel reads the text again a moment after the last change.
      await expect.poll(() => item.getByTestId('suggestion-inserted').textContent()).toBe(clause);
      expect(await item.textContent()).toContain(DELEGATE.fullName);
      expect(await item.textContent()).toContain('Điều 2');
      expect(await item.getByTestId('suggestion-paragraphs').count()).toBe(1);

      await item.getByTestId('suggestion-accept').click();
      await expect.poll(() => panel.getByTestId('suggestion').count()).toBe(0);
      for (const page of [chair.page, delegate.page]) {
        await expect.poll(() => page.locator('.ProseMirror :is(p.suggestion-paragraph, ins.suggestion)').count()).toBe(0);
      }
      expect(await convergedText([chair.page, delegate.page])).toBe(withClause);
      // Her connection was never refused.
      expect(await delegate.page.getByTestId('close-notice').count()).toBe(0);
    },
    90_000,
  );
});
