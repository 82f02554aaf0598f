import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDocx } from '../src/backend/reports/docx-read';
import { test, expect, freePort } from './fixtures/backend';
import { truongChuanAsync } from './fixtures/cli';
import { ServerProcess } from './fixtures/server';
import { LoginPage } from './pages/LoginPage';
import { ReviewPage } from './pages/ReviewPage';
import { SelfAssessmentPage } from './pages/SelfAssessmentPage';
import { ShellPage } from './pages/ShellPage';
import { SyncPage } from './pages/SyncPage';
import { WizardPage } from './pages/WizardPage';

const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

/** `truong-chuan demo seed`: a THCS school in Đắk Lắk with its TT 57 self-assessment under way. */
const SCHOOL = { code: '66000517', name: 'Trường THCS Nguyễn Chí Thanh', admin: 'admin', password: 'truongchuan2026' };
const SCHOOL_ACCOUNT = { user: 'thcs.nguyenchithanh', password: 'NguyenChiThanh@2026' };
const DEPT_ADMIN = { username: 'quantri.so', password: 'MatKhauSo@2026', displayName: 'Quản trị Sở Giáo dục và Đào tạo' };
const INSPECTOR = { username: 'chuyenvien.lan', password: 'ChuyenVienLan@2026', displayName: 'Lê Thị Lan' };
/** The department workstation's own password (this computer, not the server). */
const WORKSTATION_PASSWORD = 'MayThamDinh@2026';

const COMMENT_11 = 'Đề nghị bổ sung biên bản họp hội đồng trường có chữ ký thông qua kế hoạch năm học.';
const COMMENT_13 = 'Mô tả hiện trạng cần nêu số liệu dự toán, quyết toán cụ thể của năm 2026.';
const ANSWER_11 = 'Nhà trường đã bổ sung biên bản họp hội đồng trường có chữ ký vào mô tả tiêu chí 1.1.';
const ANSWER_13 = 'Đã cập nhật: dự toán 12,4 tỷ đồng, quyết toán 12,1 tỷ đồng năm 2026.';

/**
 * Issue 8 in the UI: a real department server, a school backend (seeded with the demo school)
 * and a department workstation backend, one browser context each. The school submits → the
 * admin assigns a team → the reviewer downloads, comments on two criteria and returns → the
 * school answers and resubmits → the reviewer sees the diff and accepts → the dashboard shows
 * the school accepted with its level, and the review report is produced and read back.
 */
test('review: submit, assign, comment and return, answer and resubmit, diff and accept, dashboard and report', async ({
  page,
  browser,
  startBackend,
}, testInfo) => {
  test.setTimeout(300_000);
  const serverDir = await mkdtemp(path.join(os.tmpdir(), 'truong-chuan-e2e-server-'));
  const server = new ServerProcess(serverDir, await freePort());
  // The department works in its own browser, as it would on its own computer.
  const deptContext = await browser.newContext({
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 768 },
  });
  const dept = await deptContext.newPage();
  const school = { shell: new ShellPage(page), sync: new SyncPage(page), sa: new SelfAssessmentPage(page) };
  const rv = new ReviewPage(dept);
  const deptAccount = (a: { username: string; password: string }) => ({ serverUrl: server.url, ...a });

  try {
    const [schoolBackend, deptBackend] =
      await test.step('a department server with the school and an inspector; two backends', async () => {
        // Side by side: the server's accounts, the seeded school (what is tedious to type: its
        // self-assessment with descriptions, evidence and judgments) and an empty department computer.
        const [, ...backends] = await Promise.all([
          server
            .setUp({
              admin: DEPT_ADMIN,
              schools: [{ code: SCHOOL.code, name: SCHOOL.name, ...SCHOOL_ACCOUNT }],
              accounts: [{ user: INSPECTOR.username, name: INSPECTOR.displayName, password: INSPECTOR.password }],
            })
            .then(() => server.start()),
          startBackend('school', (dir) => truongChuanAsync(['demo', 'seed', '--data-dir', dir])),
          startBackend('department'),
        ]);
        return backends;
      });

    await test.step('the school connects to the server and submits its self-assessment', async () => {
      await page.goto(schoolBackend.url);
      await new LoginPage(page).login(SCHOOL.admin, SCHOOL.password);
      await school.shell.expectLoaded(undefined, SCHOOL.name);
      await school.shell.open('Đồng bộ');
      await school.sync.enrol({ serverUrl: server.url, username: SCHOOL_ACCOUNT.user, password: SCHOOL_ACCOUNT.password });
      await school.sync.syncNow();
      await school.sync.expectPending(0);
      await school.sync.tab('Nộp hồ sơ');
      await school.sync.submit(/2026-2027/);
      const v1 = school.sync.submissionRows().first();
      await expect(v1.getByTestId('sy-sub-state')).toHaveText('Đã nhận', { timeout: 30_000 });
      await expect(v1.getByTestId('sy-sub-version')).toHaveText('Phiên bản 1');
    });

    await test.step('first run of the department computer as a review workstation, signed in as the admin', async () => {
      await dept.goto(deptBackend.url);
      await new WizardPage(dept).completeDepartment({ ...deptAccount(DEPT_ADMIN), localPassword: WORKSTATION_PASSWORD });
      await expect(rv.screen).toBeVisible();
      await rv.expectSignedInAs(DEPT_ADMIN.displayName);
      // A workstation has no school of its own: only Thẩm định and what it needs.
      await expect(dept.getByTestId('nav').getByRole('menuitem')).toHaveText(['Bộ tiêu chí', 'Thẩm định', 'Cài đặt']);
      await expect(rv.row(SCHOOL.name).getByTestId('rv-state')).toHaveText('Sở đã nhận');
    });

    await test.step('the admin assigns the inspector as the lead, found by a search without marks', async () => {
      await rv.assign(SCHOOL.name, {
        lead: { search: 'le thi lan', option: /^Lê Thị Lan \(chuyenvien\.lan\)/ },
        deadline: '30/06/2027',
      });
      await expect(rv.row(SCHOOL.name).getByTestId('rv-lead')).toHaveText(INSPECTOR.displayName);
      await expect(rv.row(SCHOOL.name)).toContainText('30/06/2027');
      await dept.getByTestId('rv-screen').screenshot({ path: path.join(artifacts, 'review-inbox.png') });
    });

    await test.step('the inspector downloads the dossier, comments on criteria 1.1 and 1.3 and returns it', async () => {
      await rv.signInAs(deptAccount(INSPECTOR), INSPECTOR.displayName);
      await expect(rv.row(SCHOOL.name)).toContainText('Trưởng đoàn');
      await rv.open(SCHOOL.name);
      await rv.download();
      await rv.comment('1.1', COMMENT_11);
      await rv.comment('1.3', COMMENT_13);
      await rv.push();
      await rv.dossierTab('Đoàn thẩm định');
      await rv.returnToSchool('Đề nghị nhà trường bổ sung theo các nhận xét của đoàn.');
      await rv.backToInbox();
      await rv.expectState(SCHOOL.name, 'Trả lại để bổ sung');
    });

    await test.step('the school sees the comments beside the criteria, answers them, edits 1.1 and resubmits', async () => {
      await school.shell.open('Tự đánh giá');
      await page.getByTestId('sa-row-2026-2027-thcs').click();
      await school.sa.tab('Tiêu chí');
      await school.sa.openCriterion('1.1');
      await expect(school.sa.deptComment(COMMENT_11)).toBeVisible();
      await school.sa.answerDeptComment(COMMENT_11, ANSWER_11);
      await school.sa.type(1, ' Biên bản họp hội đồng trường có chữ ký đã được bổ sung.');
      await school.sa.expectSaved();
      await school.sa.openCriterion('1.3');
      await school.sa.answerDeptComment(COMMENT_13, ANSWER_13);
      await page.getByTestId('dept-comments').screenshot({ path: path.join(artifacts, 'review-school-answers.png') });

      await school.shell.open('Đồng bộ');
      await school.sync.syncNow();
      await school.sync.expectPending(0);
      await school.sync.tab('Nộp hồ sơ');
      await school.sync.submit(/2026-2027/);
      const v2 = school.sync.submissionRows().first();
      await expect(v2.getByTestId('sy-sub-version')).toHaveText(/^Phiên bản 2\b/);
      await expect(v2.getByTestId('sy-sub-state')).toHaveText('Đã nhận', { timeout: 30_000 });
    });

    await test.step('the inspector sees what changed and the answers, concludes and accepts', async () => {
      await rv.expectState(SCHOOL.name, 'Sở đã nhận', 2);
      await rv.open(SCHOOL.name);
      await rv.download();
      await rv.dossierTab('So sánh phiên bản');
      const diff = dept.getByTestId('rv-diff');
      await expect(diff.getByTestId('rv-diff-criteria')).toHaveText('1.1');
      await expect(diff).toContainText('Nhận xét đã trả lời: 2/2');
      await expect(diff.getByRole('row').filter({ hasText: COMMENT_11 })).toContainText('Tiêu chí đã sửa');
      await expect(diff.getByRole('row').filter({ hasText: COMMENT_13 })).toContainText(ANSWER_13);
      await diff.screenshot({ path: path.join(artifacts, 'review-diff.png') });

      await rv.dossierTab('Đoàn thẩm định');
      await rv.conclude(1, 'Trường THCS Nguyễn Chí Thanh đạt Mức 1.');
      await rv.accept();
    });

    let reportPath = '';
    await test.step('the review report (.docx) names the school and its level', async () => {
      reportPath = await rv.document('Báo cáo kết quả đánh giá ngoài');
      const doc = await readDocx(reportPath);
      expect(doc.text).toContain(SCHOOL.name);
      expect(doc.text).toContain('Mức 1');
    });

    await test.step('the dashboard shows the school accepted, at Mức 1', async () => {
      await rv.backToInbox();
      await rv.expectState(SCHOOL.name, 'Đã chấp nhận', 2);
      await rv.tab('Bảng theo dõi');
      const row = rv.dashboardRow(SCHOOL.name);
      await expect(row).toContainText('Đã được công nhận kết quả');
      await expect(row).toContainText('Mức 1');
      await expect(dept.getByTestId('rv-count-accepted')).toContainText('1');
      await dept.getByTestId('rv-screen').screenshot({ path: path.join(artifacts, 'review-dashboard.png') });
    });
    expect(reportPath).toMatch(/\.docx$/);
  } finally {
    await deptContext.close();
    await server.stop();
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('server.log', { body: server.log(), contentType: 'text/plain' });
    }
    await rm(serverDir, { recursive: true, force: true });
  }
});
