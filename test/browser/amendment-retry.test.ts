import { sql } from 'kysely';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuditView, MotionView } from '../../shared/api.ts';
import { SUGGEST_INSERT } from '../../shared/editor/suggestion-marks.ts';
import { tokenFor } from '../helpers/api.ts';
import { browserSuite, describeInBrowser, expectConnection } from '../helpers/browser.ts';
import { stockClient, whenSynced } from '../helpers/clients.ts';
import { command, votingRoom } from '../helpers/vote-pages.ts';

describeInBrowser('browser: an amendment whose outcome could not be applied', () => {
  const suite = browserSuite();

  it(
    '[AM12] the secretary sees "Chưa áp dụng kết quả sửa đổi" in the motion, and "Áp dụng lại" says why it failed while storage refuses, then applies it',
    async () => {
      const room = await votingRoom(suite, [
        { fullName: 'Cung Hồng Kiên', role: 'chair' },
        { fullName: 'Trần Thu Hà', role: 'secretary' },
        { fullName: 'Lê Văn Dũng', role: 'delegate' },
      ]);
      const [, secretaryAccount, delegateAccount] = room.accounts;
      const writer = stockClient(suite.server.url, room.documentId, { token: await tokenFor(suite.admin, delegateAccount!.userId, 'am') });
      try {
        await whenSynced(writer);
        const text = new Y.XmlText();
        const p = new Y.XmlElement('paragraph');
        writer.doc.transact(() => {
          p.insert(0, [text]);
          writer.doc.getXmlFragment('default').push([p]);
          text.insert(0, 'Điều 8. Kinh phí ');
          text.insert(text.length, 'từ nguồn tự chủ', {
            [SUGGEST_INSERT]: { id: 'sRetry', by: delegateAccount!.userId, name: delegateAccount!.fullName, at: '2026-12-03T08:00:00.000Z' },
          });
        });
        await new Promise((r) => setTimeout(r, 500));
      } finally {
        writer.destroy();
      }
      const [chairClient, secretaryClient, delegateClient] = room.clients;
      const amendment = await command(secretaryClient!, `/api/meetings/${room.meetingId}/amendments`, { documentId: room.documentId, suggestionIds: ['sRetry'] }, 201);
      await command(chairClient!, `/api/motions/${amendment.id}/open`);
      for (const client of [chairClient, secretaryClient, delegateClient]) await command(client!, `/api/motions/${amendment.id}/ballots`, { choice: 'for' }, 201);
      // Storage refuses the server's change to the text (the document's head row locked): the outcome is not applied.
      await sql`UPDATE doc_head SET lock = 'hold' WHERE doc_id = ${room.documentId}`.execute(suite.server.sql);
      const closed = await command<MotionView>(chairClient!, `/api/motions/${amendment.id}/close`);
      expect(closed.amendment).toMatchObject({ settledAt: null, frozen: true });

      const secretary = await suite.person({ account: { username: secretaryAccount!.username, password: secretaryAccount!.password } });
      await secretary.page.goto(`/m/${room.meetingId}/d/${room.documentId}`);
      await expectConnection(secretary.page, 'connected');
      const item = secretary.page.getByTestId('motion').filter({ hasText: amendment.title });
      await expect.poll(() => item.getByTestId('amendment-not-applied').textContent()).toContain('Chưa áp dụng kết quả sửa đổi');
      const again = item.getByTestId('amendment-apply-again');
      expect(await again.textContent()).toBe('Áp dụng lại');
      await again.click();
      await expect.poll(() => item.getByTestId('amendment-error').getAttribute('data-code')).toBe('amendment_not_applied');

      // Storage takes it again: the button (or the server's own retry, whichever comes first) applies it.
      await sql`UPDATE doc_head SET lock = NULL WHERE doc_id = ${room.documentId}`.execute(suite.server.sql);
      if (await again.isVisible()) await again.click({ timeout: 2000 }).catch(() => {});
      await expect.poll(() => item.getByTestId('amendment-applied').count(), { timeout: 30_000 }).toBe(1);
      expect(await item.getByTestId('amendment-not-applied').count()).toBe(0);
      const audit = (await chairClient!.get<AuditView>(`/api/meetings/${room.meetingId}/audit`)).body.entries;
      expect(audit.filter((e) => e.action === 'amendment.apply_requested' && e.actorId === secretaryAccount!.userId).length).toBeGreaterThan(0);
      expect(audit.filter((e) => e.action === 'amendment.adopted')).toHaveLength(1);
    },
    120_000,
  );
});
