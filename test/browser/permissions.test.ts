import { expect, it } from 'vitest';
import {
  browserSuite,
  caretInBody,
  describeInBrowser,
  editorText,
  expectConnection,
  openDocument,
  seedDocument,
  signInOnPage,
} from '../helpers/browser.ts';

describeInBrowser('browser: what each person may do', () => {
  const suite = browserSuite();

  it(
    '[B14] an observer reads along in a read-only editor and is offered nothing else; made a delegate, they can write at once',
    async () => {
      const { meetingId, documentId, people } = await seedDocument(
        suite.admin,
        [
          { fullName: 'Giang Mạnh Khôi', role: 'observer' },
          { fullName: 'Lê Văn Dũng', role: 'delegate' },
        ],
        { inSession: true },
      );
      const [observerAccount, delegateAccount] = people;
      const [khoi, dung] = await suite.inDocument(documentId, [{ account: observerAccount }, { account: delegateAccount }]);
      const { page } = khoi;
      await page.getByTestId('read-only').waitFor();
      expect(await page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
      expect(await page.getByTestId('toolbar-bold').count()).toBe(0);
      // What the server's permissions leave out for an observer, the page does not offer.
      for (const testId of ['new-document', 'open-settings', 'check-in', 'mark-present']) {
        expect(await page.getByTestId(testId).count(), testId).toBe(0);
      }

      // The delegate writes; the observer reads it live; the observer's keys change nothing anywhere.
      await caretInBody(dung.page, 0, 'end');
      await dung.page.keyboard.type('Dự thảo của đại biểu');
      await expect.poll(() => editorText(page)).toBe('Dự thảo của đại biểu');
      await page.locator('.ProseMirror').click();
      await page.keyboard.type('chữ của khách mời');
      await dung.page.keyboard.type('.');
      await expect.poll(() => editorText(page)).toBe('Dự thảo của đại biểu.');
      expect(await editorText(dung.page)).toBe('Dự thảo của đại biểu.');
      expect(await dung.page.getByTestId('read-only').count()).toBe(0);

      // The administrator makes him a delegate: his page learns it live and the editor becomes writable.
      const changed = await suite.admin.patch(`/api/meetings/${meetingId}/members/${observerAccount!.userId}`, {
        role: 'delegate',
      });
      expect(changed.status).toBe(200);
      await expect.poll(() => page.getByTestId('read-only').count(), { timeout: 15_000 }).toBe(0);
      await expectConnection(page, 'connected');
      await expect.poll(() => page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('true');
      await page.getByTestId('check-in').waitFor();
      await caretInBody(page, 0, 'end');
      await page.keyboard.type(' Đồng ý.');
      await expect.poll(() => editorText(dung.page)).toBe('Dự thảo của đại biểu. Đồng ý.');
    },
    60_000,
  );

  it(
    '[B17] when the session ends the person is sent to sign-in, by the sync socket or by the next request, and comes back to the same page',
    async () => {
      const { meetingId, documentId, people } = await seedDocument(
        suite.admin,
        [{ fullName: 'Bùi Thị Hương', role: 'delegate' }],
        { inSession: true },
      );
      const account = people[0]!;
      const huong = await suite.person({ account });
      const { page } = huong;
      await openDocument(page, documentId);
      const roomUrl = page.url();
      expect(roomUrl).toContain(`/m/${meetingId}/d/${documentId}`);

      // Disabled by an administrator: the server closes her sockets, and the reconnect is refused as
      // unauthenticated (4401), which is enough for the page to ask her to sign in.
      expect((await suite.admin.patch(`/api/users/${account.userId}`, { disabled: true })).status).toBe(200);
      await page.getByTestId('sign-in-form').waitFor({ timeout: 15_000 });
      expect(await page.locator('.ProseMirror').count()).toBe(0);
      await signInOnPage(page, account);
      await expect.poll(() => page.getByTestId('form-error').textContent()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');

      // Enabled again: signing in leads back to the document she was in.
      expect((await suite.admin.patch(`/api/users/${account.userId}`, { disabled: false })).status).toBe(200);
      await page.getByTestId('sign-in-submit').click();
      await expectConnection(page, 'connected');
      expect(page.url()).toBe(roomUrl);

      // A password reset by the administrator ends her session, and the server closes the sockets it opened.
      const newPassword = 'mat-khau-moi-2024';
      expect((await suite.admin.patch(`/api/users/${account.userId}`, { password: newPassword })).status).toBe(200);
      await page.getByTestId('sign-in-form').waitFor({ timeout: 15_000 });
      await signInOnPage(page, { username: account.username, password: newPassword });
      await expectConnection(page, 'connected');
      expect(page.url()).toBe(roomUrl);

      // A session lost without the server closing anything (the cookie gone): the next request (checking in)
      // answers 401, and that too leads to sign-in and back.
      await huong.context.clearCookies();
      await page.getByTestId('check-in').click();
      await page.getByTestId('sign-in-form').waitFor();
      await signInOnPage(page, { username: account.username, password: newPassword });
      await expectConnection(page, 'connected');
      expect(page.url()).toBe(roomUrl);
    },
    60_000,
  );
});
