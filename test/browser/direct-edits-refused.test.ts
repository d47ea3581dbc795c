import { expect, it } from 'vitest';
import type { MeetingView } from '../../shared/api.ts';
import { browserSuite, caretInBody, describeInBrowser, editorText, expectConnection, openDocument, seedDocument } from '../helpers/browser.ts';

const CHAIR = { fullName: 'Cung Hồng Kiên', role: 'chair' } as const;
const DELEGATE = { fullName: 'Nguyễn Thị Lan', role: 'delegate' } as const;

describeInBrowser('browser: direct edits refused to someone who may only suggest', () => {
  const suite = browserSuite();

  it(
    '[SG15] a delegate’s direct edits made offline before the meeting said "delegates suggest" go to her draft; her page says where and goes on suggesting in the server’s text',
    async () => {
      const { documentId, meetingId, people } = await seedDocument(suite.admin, [CHAIR, DELEGATE]);
      const delegate = await suite.person({ account: people[1] });
      await openDocument(delegate.page, documentId);

      await delegate.context.setOffline(true);
      await expectConnection(delegate.page, 'offline');
      await caretInBody(delegate.page, 0, 'end');
      await delegate.page.keyboard.type('Sửa trực tiếp khi mất mạng', { delay: 5 });
      await expect.poll(() => editorText(delegate.page)).toContain('Sửa trực tiếp khi mất mạng');
      await expect.poll(() => delegate.page.getByTestId('save-state').getAttribute('data-state')).toBe('unsent');

      expect((await suite.admin.patch(`/api/meetings/${meetingId}`, { delegatesSuggest: true })).status).toBe(200);
      await delegate.context.setOffline(false);

      // Told, with the link to her draft; the page's copy is the server's again, and stays connected.
      const notice = delegate.page.getByTestId('refused-edits-notice');
      await notice.waitFor({ timeout: 20_000 });
      expect(await notice.textContent()).toContain('chỉ được đề xuất sửa đổi');
      await expect.poll(() => editorText(delegate.page), { timeout: 20_000 }).not.toContain('Sửa trực tiếp');
      await expectConnection(delegate.page, 'connected');
      await expect.poll(() => delegate.page.getByTestId('save-state').getAttribute('data-state')).toBe('server');

      // She goes on suggesting: what she types now arrives as her suggestion, not refused.
      const toggle = delegate.page.getByTestId('toolbar-suggest');
      await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
      await caretInBody(delegate.page, 0, 'end');
      await delegate.page.keyboard.type('Đề xuất mới', { delay: 5 });
      await expect.poll(() => delegate.page.locator('.ProseMirror ins.suggestion-insert').textContent()).toBe('Đề xuất mới');
      await expect.poll(() => delegate.page.getByTestId('save-state').getAttribute('data-state')).toBe('server');
      await expectConnection(delegate.page, 'connected');

      // The draft holds what she typed offline.
      await notice.getByTestId('refused-edits-draft').click();
      await expect.poll(() => delegate.page.getByTestId('document-title').textContent()).toContain(DELEGATE.fullName);
      await expectConnection(delegate.page, 'connected');
      await expect.poll(() => editorText(delegate.page)).toContain('Sửa trực tiếp khi mất mạng');
      const meeting = (await suite.admin.get<MeetingView>(`/api/meetings/${meetingId}`)).body;
      expect(meeting.documents.filter((doc) => doc.origin?.documentId === documentId)).toHaveLength(1);
    },
    120_000,
  );
});
