import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, freePort } from './fixtures/backend';
import { ADMIN, SCHOOL } from './fixtures/school-data';
import { ServerProcess } from './fixtures/server';
import { SchoolProfilePage } from './pages/SchoolProfilePage';
import { SelfAssessmentPage } from './pages/SelfAssessmentPage';
import { ShellPage } from './pages/ShellPage';
import { SyncPage } from './pages/SyncPage';
import { WizardPage } from './pages/WizardPage';

const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

const DEPT_ADMIN = { username: 'quantri.so', password: 'MatKhauSo@2026' };
const SCHOOL_ACCOUNT = { user: 'c2chuvanan', password: 'TruongChuVanAn@2026' };

interface ServerSubmission {
  id: string;
  kind: string;
  subjectId: string;
  version: number;
  state: string;
  manifestHash: string;
}

test('sync: enrol, work offline, sync when the server is back, submit the self-assessment', async ({
  page,
  backend,
}, testInfo) => {
  test.setTimeout(300_000);
  const serverDir = await mkdtemp(path.join(os.tmpdir(), 'truong-chuan-e2e-server-'));
  const server = new ServerProcess(serverDir, await freePort());
  const wizard = new WizardPage(page);
  const shell = new ShellPage(page);
  const sa = new SelfAssessmentPage(page);
  const profile = new SchoolProfilePage(page);
  const sync = new SyncPage(page);

  try {
    await test.step('the department server with an account for the school', async () => {
      server.init(DEPT_ADMIN.username, DEPT_ADMIN.password);
      server.addSchool({ code: SCHOOL.code ?? '', name: SCHOOL.name, ...SCHOOL_ACCOUNT });
      await server.start();
    });

    await test.step('set up the THCS school and its 2026-2027 self-assessment', async () => {
      await page.goto(backend.url);
      await wizard.complete(SCHOOL, ADMIN);
      await shell.expectLoaded({ displayName: ADMIN.displayName });
      await shell.open('Tự đánh giá');
      await sa.createAssessment('TT 57/2026');
    });

    await test.step('connect this computer on the Đồng bộ screen and sync everything', async () => {
      await shell.open('Đồng bộ');
      await sync.enrol({
        serverUrl: server.url,
        username: SCHOOL_ACCOUNT.user,
        password: SCHOOL_ACCOUNT.password,
        deviceName: 'Máy phòng Hiệu trưởng',
      });
      await expect(page.getByTestId('sy-school')).toHaveText(`${SCHOOL.code} — ${SCHOOL.name}`);
      await expect(page.getByTestId('sy-device')).toHaveText('Máy phòng Hiệu trưởng');
      await sync.syncNow();
      await sync.expectPending(0);
      await expect(page.getByTestId('sy-last-success')).toHaveText(/^lúc \d\d:\d\d \d\d\/\d\d\/\d{4}$/);
    });

    await test.step('the server goes away; an edit of the school profile waits, with the error and a retry time', async () => {
      await server.stop();
      await shell.open('Hồ sơ nhà trường');
      await profile.expectVisible();
      await profile.edit();
      await profile.set('school-phone', '024 3385 9999');
      await profile.save();
      await shell.open('Đồng bộ');
      await sync.expectPending('some');
      await page.getByTestId('sy-run').click();
      await expect(sync.lastError).toBeVisible({ timeout: 60_000 });
      await expect(sync.lastError).toContainText('Lần đồng bộ gần nhất không thành công');
      await expect(page.getByTestId('sy-next-retry')).toHaveText(/^Sẽ thử lại lúc \d\d:\d\d \d\d\/\d\d\/\d{4}\.$/);
      await sync.expectPending('some');
      await page.screenshot({ path: path.join(artifacts, 'sync-offline.png'), fullPage: true });
    });

    await test.step('the server is back: Đồng bộ ngay sends the edit', async () => {
      await server.start();
      await sync.syncNow();
      await expect(page.getByTestId('sy-run-counts')).toContainText(/Đã gửi [1-9]\d* thay đổi/);
      await sync.expectPending(0);
      await expect(sync.lastError).toBeHidden();
      await page.getByTestId('sy-screen').screenshot({ path: path.join(artifacts, 'sync-panel.png') });
    });

    let uiHash = '';
    await test.step('submit the self-assessment: the department has received version 1', async () => {
      await sync.tab('Nộp hồ sơ');
      await expect(sync.submissions).toContainText('Chưa nộp hồ sơ nào.');
      await sync.submit(/Tự đánh giá năm học 2026-2027/);
      const row = sync.submissionRows().first();
      await expect(row.getByTestId('sy-sub-state')).toHaveText('Đã nhận', { timeout: 30_000 });
      await expect(row.getByTestId('sy-sub-version')).toHaveText('Phiên bản 1');
      await expect(row).toContainText('Tự đánh giá năm học 2026-2027');
      uiHash = (await row.getByTestId('sy-sub-hash').getAttribute('data-hash')) ?? '';
      expect(uiHash).toMatch(/^[0-9a-f]{64}$/);
      await expect(row.getByTestId('sy-sub-hash')).toContainText(uiHash.slice(0, 12));
      await page.getByTestId('sy-screen').screenshot({ path: path.join(artifacts, 'sync-submissions.png') });
    });

    await test.step('the department server holds the dossier with the same manifest hash', async () => {
      const token = await server.login(DEPT_ADMIN.username, DEPT_ADMIN.password);
      const { submissions } = await server.get<{ submissions: ServerSubmission[] }>(token, '/api/submissions');
      expect(submissions).toHaveLength(1);
      expect(submissions[0]).toMatchObject({ kind: 'assessment', version: 1, state: 'received', manifestHash: uiHash });
      const one = await server.get<ServerSubmission>(token, `/api/submissions/${submissions[0]!.id}`);
      expect(one.manifestHash).toBe(uiHash);
    });
  } finally {
    await server.stop();
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('server.log', { body: server.log(), contentType: 'text/plain' });
    }
    await rm(serverDir, { recursive: true, force: true });
  }
});
