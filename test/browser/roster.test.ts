import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { MemberView } from '../../shared/api.ts';
import { ApiClient } from '../helpers/api.ts';
import { browserSuite, canSignIn, describeInBrowser, seedDocument } from '../helpers/browser.ts';

const names = (page: import('playwright-core').Page, scope: string) =>
  page.locator(`[data-testid="${scope}"] .member-name`).allTextContents();

describeInBrowser('browser: roster and attendance', () => {
  const suite = browserSuite();

  it(
    '[B15] the secretary marks people present and excused (with a reason); every screen shows it live, in Vietnamese roster order',
    async () => {
      const { meetingId, people } = await seedDocument(
        suite.admin,
        [
          { fullName: 'Trần Thu Hà', role: 'secretary' },
          { fullName: 'Cung Hồng Kiên', role: 'chair' },
          { fullName: 'Vũ Đức Thắng', role: 'delegate' },
          { fullName: 'Nguyễn Văn Hùng', role: 'delegate' },
          { fullName: 'Hoàng Thị Ngọc Anh', role: 'delegate' },
        ],
        { inSession: true },
      );
      const ha = await suite.person({ account: people[0] });
      const thang = await suite.person({ account: people[2] });
      await Promise.all([ha.page.goto(`/m/${meetingId}`), thang.page.goto(`/m/${meetingId}`)]);
      // By given name (the last word), with Vietnamese collation: Anh, Hà, Hùng, Kiên, Thắng.
      const order = ['Hoàng Thị Ngọc Anh', 'Trần Thu Hà (bạn)', 'Nguyễn Văn Hùng', 'Cung Hồng Kiên', 'Vũ Đức Thắng'];
      await expect.poll(() => names(ha.page, 'roster')).toEqual(order);

      const row = (page: typeof ha.page, fullName: string) =>
        page.locator('[data-testid="member"]').filter({ has: page.getByText(fullName, { exact: true }) });
      await row(ha.page, 'Cung Hồng Kiên').getByTestId('mark-present').click();
      // Absent and excused are behind the row's "⋯" menu (SC5).
      await row(ha.page, 'Nguyễn Văn Hùng').getByTestId('member-menu').click();
      await row(ha.page, 'Nguyễn Văn Hùng').getByTestId('mark-excused').click();
      await ha.page.getByTestId('excuse-reason').fill('Đi công tác tại Đà Nẵng');
      await ha.page.getByTestId('excuse-submit').click();

      // The delegate's screen, which marks nobody, shows both without a reload.
      const seen = thang.page;
      await expect.poll(() => row(seen, 'Cung Hồng Kiên').getAttribute('data-attendance')).toBe('present');
      await expect.poll(() => row(seen, 'Nguyễn Văn Hùng').getAttribute('data-attendance')).toBe('excused');
      expect(await row(seen, 'Nguyễn Văn Hùng').getByTestId('member-attendance').textContent()).toBe('Vắng có lý do');
      expect(await row(seen, 'Nguyễn Văn Hùng').getByTestId('member-reason').textContent()).toBe(
        'Lý do: Đi công tác tại Đà Nẵng',
      );
      await expect.poll(() => seen.getByTestId('quorum-count').textContent()).toBe('1/5');
      expect(await seen.getByTestId('mark-present').count()).toBe(0);
    },
    60_000,
  );

  it(
    '[B16] a roster CSV is previewed row by row with each error, then only the valid rows are imported and their passwords shown once',
    async () => {
      const { meetingId, people } = await seedDocument(suite.admin, [{ fullName: 'Trần Thu Hà', role: 'secretary' }]);
      const ha = await suite.person({ account: people[0] });
      const { page } = ha;
      await page.goto(`/m/${meetingId}/settings`);
      await page.getByTestId('roster-add-import').click();
      const csv = [
        'Họ và tên,Tên đăng nhập,Vai trò,Đơn vị',
        'Phạm Quốc Bảo,bao-b16,Đại biểu,Phòng Thiết kế',
        'Đỗ Minh Tuấn,Tuấn Đỗ,Đại biểu,Phòng Nghiên cứu',
        'Ngô Văn Long,long-b16,Thư ký,Xưởng Thực nghiệm',
        'Lê Thị Lan,lan-b16,Trưởng phòng,Phòng Hành chính',
      ].join('\n');
      await page.getByTestId('import-csv').fill(csv);
      await page.getByTestId('import-preview').click();

      // Every data row, each with what it would do or why not; nothing is imported yet.
      const rows = page.getByTestId('import-row');
      await expect.poll(() => rows.count()).toBe(4);
      expect(await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-valid')))).toEqual([
        'true',
        'false',
        'true',
        'false',
      ]);
      const outcomes = await page.getByTestId('import-row-outcome').allTextContents();
      expect(outcomes[0]).toBe('Tạo tài khoản mới');
      expect(outcomes[1]).toContain('Tuấn Đỗ');
      expect(outcomes[3]).toContain('Trưởng phòng');
      expect(await page.locator('[data-testid="roster-member"]').count()).toBe(1);

      await page.getByTestId('import-apply').click();
      await page.getByTestId('import-done').waitFor();
      expect(await page.getByTestId('import-done').locator('p').first().textContent()).toBe('Đã nhập 2 dòng.');
      const passwords = await page.getByTestId('import-password').allTextContents();
      expect(passwords).toHaveLength(2);
      for (const password of passwords) expect(password.length).toBeGreaterThanOrEqual(8);

      // The roster shows the two new members at once, in roster order (Bảo, Hà, Long).
      await expect
        .poll(() => page.locator('[data-testid="roster-member"] .member-name').allTextContents())
        .toEqual(['Phạm Quốc Bảo', 'Trần Thu Hà', 'Ngô Văn Long']);

      // And the passwords work.
      const baoPassword = await page
        .getByTestId('import-passwords')
        .locator('li')
        .filter({ hasText: 'bao-b16' })
        .getByTestId('import-password')
        .textContent();
      expect(await canSignIn(suite.server.url, 'bao-b16', baoPassword ?? '')).toBe(true);
    },
    60_000,
  );

  it(
    '[B20] the secretary finds an existing account and adds it, changes a role, removes a member, and edits the details; the room follows live; the chair’s role and her own are not hers to change',
    async () => {
      const { meetingId, people } = await seedDocument(suite.admin, [
        { fullName: 'Trần Thu Hà', role: 'secretary' },
        { fullName: 'Cung Hồng Kiên', role: 'chair' },
        { fullName: 'Bùi Thị Hương', role: 'delegate' },
      ]);
      // Someone with an account who is not on this meeting yet.
      const outsider = await seedDocument(suite.admin, [{ fullName: 'Đỗ Minh Tuấn', role: 'delegate' }]);
      const tuan = outsider.people[0]!;
      const ha = await suite.person({ account: people[0] });
      const huong = await suite.person({ account: people[2] });
      const { page } = ha;
      await huong.page.goto(`/m/${meetingId}`);
      await huong.page.getByTestId('meeting-room').waitFor();
      await page.goto(`/m/${meetingId}/settings`);
      const editor = (fullName: string) =>
        page.locator('[data-testid="roster-member"]').filter({ has: page.getByText(fullName, { exact: true }) });

      // Search by part of the name, then add as delegate.
      await page.getByTestId('user-search').fill('Minh Tu');
      const result = page.locator(`[data-testid="user-result"][data-username="${tuan.username}"]`);
      await result.getByTestId('add-user').click();
      await editor('Đỗ Minh Tuấn').waitFor();
      await expect.poll(() => result.textContent()).toContain('Đã có trong thành phần');

      // Role changes and removals reach the delegate's room without a reload.
      await editor('Bùi Thị Hương').getByTestId('roster-member-role').selectOption('observer');
      const huongRow = huong.page.locator('[data-testid="member"]').filter({ hasText: 'Bùi Thị Hương' });
      await expect.poll(() => huongRow.getByTestId('member-role').textContent()).toBe('Khách mời');
      await expect.poll(() => huong.page.locator('[data-testid="roster"] .member-name').allTextContents()).toContain('Đỗ Minh Tuấn');
      await editor('Đỗ Minh Tuấn').getByTestId('roster-remove').click();
      await editor('Đỗ Minh Tuấn').getByTestId('roster-remove-confirm').click();
      await expect.poll(() => editor('Đỗ Minh Tuấn').count()).toBe(0);
      await expect
        .poll(() => huong.page.locator('[data-testid="roster"] .member-name').allTextContents())
        .not.toContain('Đỗ Minh Tuấn');

      // The chair's role is not the secretary's to change or take away, nor is her own role hers to change (RL1,
      // RL2): those rows offer nothing, and the chair's role is not offered for anyone else.
      expect(await editor('Cung Hồng Kiên').getByTestId('roster-remove').count()).toBe(0);
      expect(await editor('Cung Hồng Kiên').getByTestId('roster-member-role').isDisabled()).toBe(true);
      expect(await editor('Trần Thu Hà').getByTestId('roster-member-role').isDisabled()).toBe(true);
      expect(await editor('Bùi Thị Hương').getByTestId('roster-member-role').locator('option').allTextContents()).not.toContain('Chủ tọa');

      // Details saved here show in the room at once.
      await page.getByTestId('meeting-title').fill('Hội nghị cán bộ viên chức năm 2024');
      await page.getByTestId('quorum-numerator').fill('1');
      await page.getByTestId('quorum-denominator').fill('2');
      await page.getByTestId('details-save').click();
      await page.getByTestId('details-saved').waitFor();
      await expect.poll(() => huong.page.getByTestId('room-title').textContent()).toBe('Hội nghị cán bộ viên chức năm 2024');
      await expect.poll(() => huong.page.getByTestId('quorum').textContent()).toContain('(1/2 số thành viên)');
    },
    60_000,
  );

  it(
    '[RI8] a row with someone else’s username is shown in red with both names, and changes them only once ticked',
    async () => {
      const { meetingId, people } = await seedDocument(suite.admin, [
        { fullName: 'Trần Thu Hà', role: 'secretary' },
        { fullName: 'Nguyễn Văn Hùng', role: 'delegate' },
      ]);
      const hung = people[1]!;
      const ha = await suite.person({ account: people[0] });
      const { page } = ha;
      const hungOnRoster = async () =>
        (await suite.admin.get<{ members: MemberView[] }>(`/api/meetings/${meetingId}/members`)).body.members.find(
          (m) => m.userId === hung.userId,
        );
      await page.goto(`/m/${meetingId}/settings`);
      await page.getByTestId('roster-add-import').click();
      const conflictRow = `Phạm Thị Hồng;${hung.username};Khách mời;Công đoàn`;
      await page.getByTestId('import-csv').fill(`${conflictRow}\nVũ Quang Huy;;Đại biểu;Phòng Laser`);
      await page.getByTestId('import-preview').click();

      const rows = page.getByTestId('import-row');
      await expect.poll(() => rows.count()).toBe(2);
      const conflict = rows.nth(0);
      expect(await conflict.getAttribute('data-conflict')).toBe('true');
      // Red, as an error is.
      expect(await conflict.locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor)).toBe('rgb(253, 240, 240)');
      const said = await conflict.getByTestId('import-row-outcome').textContent();
      expect(said).toContain('Nguyễn Văn Hùng');
      expect(said).toContain('Phạm Thị Hồng');
      expect(said).toContain('Đại biểu → Khách mời');
      expect(await rows.nth(1).getByTestId('import-generated').count()).toBe(1);
      expect(await page.getByTestId('import-to-confirm').textContent()).toContain('1 dòng');
      // Not ticked: only Huy goes in, Hùng stays as he is.
      expect(await page.getByTestId('import-apply').textContent()).toBe('Nhập 1 dòng');
      await page.getByTestId('import-apply').click();
      await page.getByTestId('import-done').waitFor();
      expect(await hungOnRoster()).toMatchObject({ fullName: 'Nguyễn Văn Hùng', role: 'delegate', unit: '' });
      await expect.poll(() => page.locator('[data-testid="roster-member"] .member-name').allTextContents()).toContain('Vũ Quang Huy');

      // Ticked, deliberately: the row applies to Hùng's account, whose name stays.
      await page.getByTestId('import-csv').fill(conflictRow);
      await page.getByTestId('import-preview').click();
      await expect.poll(() => rows.count()).toBe(1);
      expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
      await page.getByTestId('import-confirm').check();
      expect(await page.getByTestId('import-apply').textContent()).toBe('Nhập 1 dòng');
      await page.getByTestId('import-apply').click();
      await page.getByTestId('import-done').waitFor();
      expect(await hungOnRoster()).toMatchObject({ fullName: 'Nguyễn Văn Hùng', role: 'observer', unit: 'Công đoàn' });
    },
    60_000,
  );

  it(
    '[RI8] while a vote is open the preview says why and the import button is disabled',
    async () => {
      const { meetingId, documentId, people } = await seedDocument(
        suite.admin,
        [
          { fullName: 'Trần Thu Hà', role: 'secretary' },
          { fullName: 'Cung Hồng Kiên', role: 'chair' },
        ],
        { inSession: true },
      );
      const kien = new ApiClient(suite.server.url);
      await kien.signIn(people[1]!.username, people[1]!.password);
      // Quorum first (both present), then the vote.
      for (const person of people) {
        const marked = await kien.post(`/api/meetings/${meetingId}/attendance`, { userId: person.userId, status: 'present' });
        expect(marked.status).toBe(200);
      }
      const created = await kien.post(`/api/meetings/${meetingId}/motions`, { title: 'Thông qua Nghị quyết', documentId });
      const opened = await kien.post(`/api/motions/${created.body.id}/open`);
      expect(opened.status, JSON.stringify(opened.body)).toBe(200);
      const { page } = await suite.person({ account: people[0] });
      await page.goto(`/m/${meetingId}/settings`);
      await page.getByTestId('roster-add-import').click();
      await page.getByTestId('import-csv').fill('Vũ Quang Huy,huy-vote,Đại biểu,');
      await page.getByTestId('import-preview').click();
      await page.getByTestId('import-blocked').waitFor();
      expect(await page.getByTestId('import-blocked').textContent()).toContain('Đang có biểu quyết');
      expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
    },
    60_000,
  );

  it(
    '[RI9] the new accounts’ sign-in details print as slips, eight to an A4 page, and download as CSV, once',
    async () => {
      const { meetingId, people } = await seedDocument(suite.admin, [{ fullName: 'Trần Thu Hà', role: 'secretary' }]);
      const { page } = await suite.person({ account: people[0] });
      await page.goto(`/m/${meetingId}/settings`);
      await page.getByTestId('roster-add-import').click();
      const names = ['Phạm Quốc Bảo', 'Đỗ Minh Tuấn', 'Ngô Văn Long', 'Lê Thị Lan', 'Bùi Thị Ngọc Anh', 'Hoàng Văn Nam', 'Vũ Thị Hoa', 'Đặng Đình Đức', 'Cao Thị Mai'];
      await page.getByTestId('import-csv').fill(['Họ và tên\tTên đăng nhập\tVai trò\tĐơn vị', ...names.map((n) => `${n}\t\tĐại biểu\t`)].join('\r\n'));
      await page.getByTestId('import-preview').click();
      await expect.poll(() => page.getByTestId('import-row').count()).toBe(9);
      await page.getByTestId('import-apply').click();
      await page.getByTestId('sign-in-slips').waitFor();
      expect(await page.getByTestId('slips-memory-only').textContent()).toContain('chỉ có ở trang này');
      const usernames = await page.getByTestId('import-username').allTextContents();
      const passwords = await page.getByTestId('import-password').allTextContents();
      expect(usernames).toHaveLength(9);
      expect(usernames[7]).toMatch(/^ducdd\d*$/);

      // On screen the slips are not shown; printed, they are all there is.
      expect(await page.getByTestId('slip-sheet').isVisible()).toBe(false);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('#root').isVisible()).toBe(false);
      expect(await page.getByTestId('slip').count()).toBe(9);
      expect(await page.getByTestId('slip-username').allTextContents()).toEqual(usernames);
      expect(await page.getByTestId('slip-password').allTextContents()).toEqual(passwords);
      const first = await page.getByTestId('slip').first().textContent();
      expect(first).toContain('Hội nghị cán bộ viên chức năm 2023');
      expect(first).toContain(`${suite.server.url}/signin`);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-slips-'));
      const pdf = path.join(dir, 'slips.pdf');
      await page.pdf({ path: pdf, preferCSSPageSize: true });
      const info = execFileSync('pdfinfo', [pdf]).toString();
      expect(info).toMatch(/Pages:\s+2\n/);
      expect(info).toMatch(/Page size:.*\(A4\)/);
      const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-']).toString();
      for (const username of usernames.slice(0, 8)) expect(text).toContain(username);
      expect(text).not.toContain('Thành phần tham dự');
      fs.rmSync(dir, { recursive: true, force: true });
      await page.emulateMedia({ media: 'screen' });

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('slips-download').click()]);
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      expect(csv.startsWith('\uFEFF"Họ và tên","Tên đăng nhập","Mật khẩu ban đầu","Địa chỉ đăng nhập"\r\n')).toBe(true);
      expect(csv).toContain(`"Đặng Đình Đức","${usernames[7]}","${passwords[7]}","${suite.server.url}/signin"`);
      expect(await canSignIn(suite.server.url, usernames[0]!, passwords[0]!)).toBe(true);

      // Only in this page's memory: after a reload they are gone.
      await page.reload();
      await page.getByTestId('roster-settings').waitFor();
      expect(await page.getByTestId('slip').count()).toBe(0);
    },
    90_000,
  );
});
