import { expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MotionView } from '../../shared/api.ts';
import { SUGGEST_DELETE, SUGGEST_INSERT } from '../../shared/editor/suggestion-marks.ts';
import { tokenFor } from '../helpers/api.ts';
import { browserSuite, caretInBody, convergedText, describeInBrowser, editorText, expectConnection, openDocument } from '../helpers/browser.ts';
import { stockClient, whenSynced } from '../helpers/clients.ts';
import { command, votingRoom } from '../helpers/vote-pages.ts';

describeInBrowser('browser: amendments', () => {
  const suite = browserSuite();

  it(
    '[AM7][PJ7] the secretary makes an amendment from the document, the chair sees old and new text side by side and opens it, the frozen suggestion is framed and refuses typing, and the adopted text reaches every screen',
    async () => {
      const room = await votingRoom(suite, [
        { fullName: 'Cung Hồng Kiên', role: 'chair' },
        { fullName: 'Trần Thu Hà', role: 'secretary' },
        { fullName: 'Lê Văn Dũng', role: 'delegate' },
        { fullName: 'Phạm Thị Lan', role: 'delegate' },
      ]);
      const [chairAccount, secretaryAccount, delegateAccount] = room.accounts;
      // Dũng's suggestions, written by a stock client as his editor's suggest mode would.
      const writer = stockClient(suite.server.url, room.documentId, { token: await tokenFor(suite.admin, delegateAccount!.userId, 'am') });
      try {
        await whenSynced(writer);
        const by = { by: delegateAccount!.userId, name: delegateAccount!.fullName, at: '2026-12-03T08:00:00.000Z' };
        const fragment = writer.doc.getXmlFragment('default');
        writer.doc.transact(() => {
          for (const runs of [
            [['Điều 8. Nhiệm vụ năm 2024', {}]],
            [
              ['1. Giao Giám đốc tổ chức ', {}],
              ['ngay ', { [SUGGEST_DELETE]: { id: 'sDel', ...by } }],
              ['thực hiện ', {}],
              ['trong quý I ', { [SUGGEST_INSERT]: { id: 'sIns', ...by } }],
              ['và báo cáo.', {}],
            ],
          ] as [string, Record<string, unknown>][][]) {
            const text = new Y.XmlText();
            const p = new Y.XmlElement('paragraph');
            p.insert(0, [text]);
            fragment.insert(fragment.length, [p]);
            let at = 0;
            for (const [s, attrs] of runs) {
              text.insert(at, s, attrs);
              at += s.length;
            }
          }
        });
        await new Promise((r) => setTimeout(r, 500));
      } finally {
        writer.destroy();
      }
      const account = (a: typeof chairAccount) => ({ account: { username: a!.username, password: a!.password } });
      const documentPage = `/m/${room.meetingId}/d/${room.documentId}`;

      // The secretary picks both suggestions and makes one amendment of them.
      const secretary = await suite.person(account(secretaryAccount));
      await secretary.page.goto(documentPage);
      await expectConnection(secretary.page, 'connected');
      await secretary.page.locator('[data-testid="amendment-maker"] summary').click();
      await secretary.page.locator('[data-testid="amendment-pick"][data-suggestion-id="sIns"]').check();
      await secretary.page.locator('[data-testid="amendment-pick"][data-suggestion-id="sDel"]').check();
      await secretary.page.getByTestId('amendment-make').click();
      await expect.poll(() => secretary.page.getByTestId('amendment-made').textContent()).toContain('Sửa đổi Điều 8, khoản 1');

      // The chair sees it in the motions list, the paragraph as it reads and as amended, and opens the vote.
      const chair = await suite.person(account(chairAccount));
      await chair.page.goto(documentPage);
      await expectConnection(chair.page, 'connected');
      const item = chair.page.getByTestId('motion').filter({ hasText: 'Sửa đổi Điều 8, khoản 1' });
      await expect.poll(() => item.getByTestId('amendment-before').textContent()).toBe('1. Giao Giám đốc tổ chức ngay thực hiện và báo cáo.');
      expect(await item.getByTestId('amendment-after').textContent()).toBe('1. Giao Giám đốc tổ chức thực hiện trong quý I và báo cáo.');
      const beside = await Promise.all([item.getByTestId('amendment-before').boundingBox(), item.getByTestId('amendment-after').boundingBox()]);
      expect(beside[1]!.x).toBeGreaterThan(beside[0]!.x + beside[0]!.width - 1);
      await item.getByTestId('motion-open').click();

      // In the delegate's editor the amendment's suggestions are framed; typing inside one changes nothing.
      const delegate = await suite.person(account(delegateAccount));
      await delegate.page.goto(documentPage);
      await expectConnection(delegate.page, 'connected');
      const frozen = delegate.page.locator('.ProseMirror .suggestion-frozen');
      await expect.poll(() => frozen.count()).toBeGreaterThan(0);
      const inserted = delegate.page.locator('.ProseMirror ins[data-suggestion-id="sIns"]');
      await inserted.click();
      await delegate.page.keyboard.type('xyz');
      await new Promise((r) => setTimeout(r, 300));
      expect(await inserted.textContent()).toBe('trong quý I ');
      // Elsewhere the text is open: the document is not locked.
      expect(await delegate.page.getByTestId('editor').getAttribute('data-editable')).toBe('true');

      // The hall's projector shows the amendment being voted on: the paragraph as it reads and as amended (PJ7).
      const projector = await suite.person({ ...account(room.accounts[3]), viewport: { width: 1920, height: 1080 } });
      await projector.page.goto(`/m/${room.meetingId}/screen`);
      await expect.poll(() => projector.page.getByTestId('screen-motion-title').textContent()).toContain('Sửa đổi Điều 8, khoản 1');
      expect(await projector.page.getByTestId('screen-amendment-old').textContent()).toContain('1. Giao Giám đốc tổ chức ngay thực hiện và báo cáo.');
      expect(await projector.page.getByTestId('screen-amendment-new').textContent()).toContain('1. Giao Giám đốc tổ chức thực hiện trong quý I và báo cáo.');

      // Three vote for; the chair closes; every screen shows the adopted text, the suggestions gone.
      const motions = (await room.clients[0]!.get<MotionView[]>(`/api/meetings/${room.meetingId}/motions`)).body;
      const amendment = motions.find((m) => m.amendment)!;
      for (const client of room.clients.slice(0, 3)) await command(client, `/api/motions/${amendment.id}/ballots`, { choice: 'for' }, 201);
      await command(room.clients[0]!, `/api/motions/${amendment.id}/close`);
      for (const page of [secretary.page, chair.page, delegate.page]) {
        await expect.poll(() => editorText(page)).toContain('1. Giao Giám đốc tổ chức thực hiện trong quý I và báo cáo.');
        expect(await page.locator('.ProseMirror [data-suggestion-id]').count()).toBe(0);
        expect(await page.locator('.ProseMirror .suggestion-frozen').count()).toBe(0);
      }
      await expect.poll(() => item.getByTestId('amendment-applied').count()).toBe(1);
      // The projector, without a reload, gives the result with the change it made.
      await expect.poll(() => projector.page.getByTestId('screen-outcome').textContent()).toBe('Được thông qua');
      expect(await projector.page.getByTestId('screen-amendment-new').textContent()).toContain('trong quý I');
    },
    120_000,
  );
  it(
    '[AM8][PJ7] the whole flow: two delegates suggest changes to two articles in their editors, the secretary makes two amendments, three people vote in their browsers, one is adopted and one rejected, the text shows both outcomes and the projector follows it all',
    async () => {
      const room = await votingRoom(
        suite,
        [
          { fullName: 'Cung Hồng Kiên', role: 'chair' },
          { fullName: 'Trần Thu Hà', role: 'secretary' },
          { fullName: 'Lê Văn Dũng', role: 'delegate' },
          { fullName: 'Phạm Thị Lan', role: 'delegate' },
          { fullName: 'Hoàng Văn Khôi', role: 'delegate' },
        ],
        'blank',
      );
      const [chairAccount, secretaryAccount, dungAccount, lanAccount, projectorAccount] = room.accounts;
      const account = (a: typeof chairAccount) => ({ account: { username: a!.username, password: a!.password } });
      const documentPage = `/m/${room.meetingId}/d/${room.documentId}`;

      // The chair drafts two articles; then the meeting restricts its delegates to suggesting.
      const chair = await suite.person(account(chairAccount));
      await openDocument(chair.page, room.documentId);
      await caretInBody(chair.page, 0, 'end');
      await chair.page.keyboard.type('Điều 1. Thông qua báo cáo');
      await chair.page.keyboard.press('Enter');
      await chair.page.keyboard.type('Điều 2. Giao nhiệm vụ');
      expect((await suite.admin.patch(`/api/meetings/${room.meetingId}`, { delegatesSuggest: true })).status).toBe(200);

      // The projector, on the hall's screen all along.
      const projector = await suite.person({ ...account(projectorAccount), viewport: { width: 1920, height: 1080 } });
      await projector.page.goto(`/m/${room.meetingId}/screen`);
      await expect.poll(() => projector.page.getByTestId('screen-overview').count()).toBe(1);

      // Dũng suggests an addition to article 1, Lan one to article 2, each in their own editor (suggest mode is forced).
      const dung = await suite.person(account(dungAccount));
      const lan = await suite.person(account(lanAccount));
      for (const [person, block, words] of [[dung, 0, ' năm 2024'], [lan, 1, ' trong quý I']] as const) {
        await openDocument(person.page, room.documentId);
        await expect.poll(() => person.page.getByTestId('toolbar-suggest').getAttribute('aria-pressed')).toBe('true');
        await expect.poll(() => editorText(person.page)).toContain('Điều 2. Giao nhiệm vụ');
        await caretInBody(person.page, block, 'end');
        await person.page.keyboard.type(words);
      }
      const suggestion = (words: string) => chair.page.locator('.ProseMirror ins.suggestion-insert', { hasText: words });
      await expect.poll(() => suggestion('năm 2024').count()).toBe(1);
      await expect.poll(() => suggestion('trong quý I').count()).toBe(1);
      const [first, second] = [await suggestion('năm 2024').getAttribute('data-suggestion-id'), await suggestion('trong quý I').getAttribute('data-suggestion-id')];

      // The secretary makes one amendment of each.
      const secretary = await suite.person(account(secretaryAccount));
      await secretary.page.goto(documentPage);
      await expectConnection(secretary.page, 'connected');
      const maker = secretary.page.getByTestId('amendment-maker');
      for (const [id, title] of [[first, 'Sửa đổi Điều 1'], [second, 'Sửa đổi Điều 2']] as const) {
        if ((await maker.getAttribute('open')) === null) await maker.locator('summary').click();
        await secretary.page.locator(`[data-testid="amendment-pick"][data-suggestion-id="${id}"]`).check();
        await secretary.page.getByTestId('amendment-make').click();
        await expect.poll(() => secretary.page.getByTestId('amendment-made').textContent()).toContain(title);
      }

      // Each is opened by the chair and voted on by three people in their browsers: the first for, the second against.
      await chair.page.goto(documentPage);
      await expectConnection(chair.page, 'connected');
      await dung.page.goto(documentPage);
      const voters = [chair.page, secretary.page, dung.page];
      for (const [title, choice, outcome] of [
        ['Sửa đổi Điều 1', 'for', 'Được thông qua'],
        ['Sửa đổi Điều 2', 'against', 'Không được thông qua'],
      ] as const) {
        const item = chair.page.getByTestId('motion').filter({ hasText: title });
        await item.getByTestId('motion-open').click();
        // The projector shows the amendment being decided: its paragraph as it reads and as it would read.
        await expect.poll(() => projector.page.getByTestId('screen-motion-title').textContent()).toContain(title);
        expect(await projector.page.getByTestId('screen-amendment-old').count()).toBe(1);
        for (const page of voters) {
          const button = page.getByTestId(`ballot-${choice}`).first();
          await expect.poll(() => button.isEnabled()).toBe(true);
          await button.click();
        }
        await expect.poll(() => projector.page.getByTestId('screen-turnout').textContent()).toMatch(/^3\//);
        const motions = (await room.clients[0]!.get<MotionView[]>(`/api/meetings/${room.meetingId}/motions`)).body;
        await command(room.clients[0]!, `/api/motions/${motions.find((m) => m.title.startsWith(title))!.id}/close`);
        await expect.poll(() => projector.page.getByTestId('screen-outcome').textContent()).toBe(outcome);
      }

      // The adopted addition is in the text, the rejected one gone, on every screen; no suggestion is left.
      for (const page of [chair.page, secretary.page, dung.page, lan.page]) {
        await expect.poll(() => page.locator('.ProseMirror [data-suggestion-id]').count()).toBe(0);
      }
      const text = await convergedText([chair.page, secretary.page, dung.page, lan.page]);
      expect(text.split('\n').slice(0, 2)).toEqual(['Điều 1. Thông qua báo cáo năm 2024', 'Điều 2. Giao nhiệm vụ']);
      // The projector was never reloaded: it followed the whole flow live.
      expect(await projector.page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    },
    180_000,
  );
});
