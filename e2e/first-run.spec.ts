import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures/backend';
import { ADMIN, SCHOOL } from './fixtures/school-data';
import { WizardPage } from './pages/WizardPage';
import { LoginPage } from './pages/LoginPage';
import { ShellPage } from './pages/ShellPage';
import { SchoolProfilePage } from './pages/SchoolProfilePage';

const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

test('first run, profile edit, and the data survives a backend restart', async ({ page, backend }) => {
  const wizard = new WizardPage(page);
  const login = new LoginPage(page);
  const shell = new ShellPage(page);
  const profile = new SchoolProfilePage(page);

  await test.step('the first run sets up the school (THCS, two sites) and its admin', async () => {
    await page.goto(backend.url);
    await wizard.complete(SCHOOL, ADMIN);
    await shell.expectLoaded({ displayName: ADMIN.displayName, role: 'Quản trị viên' }, SCHOOL.name);
  });

  await test.step('log out, then log in again', async () => {
    await shell.logout();
    await login.expectVisible();
    await expect(page.getByTestId('login-school-name')).toHaveText(SCHOOL.name);
    await login.login(ADMIN.username, ADMIN.password);
    await shell.expectLoaded({ displayName: ADMIN.displayName });
  });

  await test.step('the profile shows what the wizard saved', async () => {
    await shell.open('Hồ sơ nhà trường');
    await expect(page).toHaveURL(/#\/school$/);
    await profile.expectVisible();
    await expect(profile.field('levels')).toHaveText('THCS');
    await expect(profile.field('ownership')).toHaveText('Công lập');
    await expect(profile.sites.getByRole('row')).toHaveCount(3); // header + two sites
    await expect(profile.sites).toContainText('Điểm trường thôn Đồng Tâm');
  });

  await test.step('the admin changes the principal and the phone number', async () => {
    await profile.edit();
    await profile.set('school-principal', 'Trần Văn Bình');
    await profile.set('school-phone', '024 3385 9999');
    await profile.save();
    await expect(page.getByText('Đã lưu hồ sơ nhà trường')).toBeVisible();
    await expect(profile.field('principal')).toHaveText('Trần Văn Bình');
    await expect(profile.field('phone')).toHaveText('024 3385 9999');
  });

  await test.step('while the backend is down the banner says so; when it is back the page reconnects', async () => {
    await backend.stop();
    await expect(shell.banner).toBeVisible();
    await expect(shell.banner).toContainText('Mất kết nối với máy chủ');
    await backend.start();
    await expect(shell.banner).toBeHidden({ timeout: 30_000 });
    // A restarted backend has no sessions: the page falls back to the login screen by itself.
    await login.expectVisible();
  });

  await test.step('after a reload and a new login, the edited data is still there', async () => {
    await page.reload();
    await login.login(ADMIN.username, ADMIN.password);
    await shell.expectLoaded({ displayName: ADMIN.displayName }, SCHOOL.name);
    await expect(page).toHaveURL(/#\/school$/);
    await profile.expectVisible();
    await expect(profile.field('principal')).toHaveText('Trần Văn Bình');
    await expect(profile.field('phone')).toHaveText('024 3385 9999');
    await expect(profile.field('email')).toHaveText(SCHOOL.email!);
    await expect(profile.sites).toContainText('Điểm trường thôn Đồng Tâm');
    await profile.screenshot(path.join(artifacts, 'school-profile.png'));
    await page.screenshot({ path: path.join(artifacts, 'app-shell.png'), fullPage: true });
  });
});

test('a wrong password shows the Vietnamese error', async ({ page, backend }) => {
  const wizard = new WizardPage(page);
  const login = new LoginPage(page);
  const shell = new ShellPage(page);

  await page.goto(backend.url);
  await wizard.expectVisible();
  await wizard.fillSchool(SCHOOL);
  await page.screenshot({ path: path.join(artifacts, 'wizard-school.png'), fullPage: true });
  await wizard.next();
  await wizard.fillSites(SCHOOL.sites);
  await page.screenshot({ path: path.join(artifacts, 'wizard-sites.png'), fullPage: true });
  await wizard.next();
  await wizard.fillAdmin(ADMIN);
  await wizard.next();
  await wizard.finish();
  await shell.expectLoaded();
  await shell.logout();

  await login.login(ADMIN.username, 'sai-mat-khau');
  await expect(login.error).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await page.screenshot({ path: path.join(artifacts, 'login-error.png') });
  await expect(shell.root).toHaveCount(0);

  // The right password still works afterwards.
  await login.login(ADMIN.username, ADMIN.password);
  await shell.expectLoaded({ displayName: ADMIN.displayName });
});
