import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures/backend';
import { ADMIN, SCHOOL } from './fixtures/school-data';
import { FrameworksPage } from './pages/FrameworksPage';
import { LoginPage } from './pages/LoginPage';
import { ShellPage } from './pages/ShellPage';
import { WizardPage } from './pages/WizardPage';

const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
const TT57 = 'tt57-2026-pl2-pho-thong';

test('browse TT 57 PL II: search without accents, read criterion 4.2, try the level rule', async ({ page, backend }) => {
  const wizard = new WizardPage(page);
  const login = new LoginPage(page);
  const shell = new ShellPage(page);
  const fw = new FrameworksPage(page);

  await test.step('set up the school, then log in', async () => {
    await page.goto(backend.url);
    await wizard.complete(SCHOOL, ADMIN);
    await shell.expectLoaded({ displayName: ADMIN.displayName });
    await shell.logout();
    await login.login(ADMIN.username, ADMIN.password);
    await shell.expectLoaded({ displayName: ADMIN.displayName });
  });

  await test.step('the list shows the frameworks the backend ships, with status and provenance', async () => {
    await shell.open('Bộ tiêu chí');
    await expect(page).toHaveURL(/#\/frameworks$/);
    await fw.expectList();
    const card = fw.card(TT57);
    await expect(card.getByTestId('fw-card-number')).toHaveText('57/2026/TT-BGDĐT');
    await expect(card.getByTestId('fw-card-dates')).toHaveText('từ 07/07/2026');
    await expect(card.getByTestId('fw-card-grade')).toHaveText('Văn bản thứ cấp');
    await expect(fw.card('tt18-2018-thcs-thpt').getByTestId('fw-card-status')).toHaveText('Hết hiệu lực');
    await expect(fw.card('qd4725-2022-cds').getByTestId('fw-card-incomplete')).toHaveText('Chưa đầy đủ');
    await page.screenshot({ path: path.join(artifacts, 'framework-list.png'), fullPage: true });
  });

  await test.step('open TT 57 PL II and search "an toan"', async () => {
    await fw.openFramework(TT57);
    await expect(page).toHaveURL(new RegExp(`#/frameworks/${TT57}$`));
    await expect(fw.node('4.2').getByText('Bắt buộc')).toBeVisible();
    await fw.searchFor('an toan');
    await expect(fw.node('1.1')).toHaveCount(0);
    await expect(fw.node('4.2').locator('mark')).toHaveText('an toàn');
  });

  await test.step('open criterion 4.2 and read its Mức 1 text', async () => {
    await fw.openCriterion('4.2');
    await expect(page).toHaveURL(new RegExp(`#/frameworks/${TT57}/4\\.2$`));
    await expect(page.getByTestId('fw-criterion-title')).toHaveText(
      'Tiêu chí 4.2: Môi trường giáo dục an toàn, tích cực, hỗ trợ phát triển học sinh',
    );
    await expect(fw.level(1)).toContainText('Mức 1');
    await expect(fw.level(1)).toContainText('Nhà trường bảo đảm các điều kiện tối thiểu về vệ sinh, nước sạch');
    await expect(fw.level(2)).toContainText('Nhà trường phân tích dữ liệu về sức khỏe, an toàn');
    await expect(page.getByTestId('fw-criterion-grade')).toHaveText('Văn bản thứ cấp');
    await page.screenshot({ path: path.join(artifacts, 'framework-browser.png') });
    await page.getByTestId('fw-provenance').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('fw-evidence')).toContainText('Hồ sơ y tế học đường');
    await page.screenshot({ path: path.join(artifacts, 'framework-criterion-end.png') });
  });

  await test.step('after a reload and a new login, the same criterion is open', async () => {
    await page.reload();
    await login.login(ADMIN.username, ADMIN.password);
    await expect(fw.criterion).toHaveAttribute('data-code', '4.2');
    await expect(fw.level(1)).toContainText('Mức 1');
  });

  await test.step('"Thử tính mức": every criterion at Mức 1 gives Mức 1; one mandatory at "Không đạt" drops it', async () => {
    await fw.openTryLevels();
    const result = page.getByTestId('try-drawer').getByTestId('level-result');
    await expect(result).toHaveText('Chưa đạt');
    await page.getByTestId('try-all-1').click();
    await expect(result).toHaveText('Mức 1');
    await page.getByTestId('try-level-4.2').getByText('Không đạt').click();
    await expect(result).toHaveText('Chưa đạt');
    await expect(page.getByTestId('try-drawer').getByTestId('level-blockers')).toHaveText(
      'Tiêu chí 4.2 (bắt buộc) cần Mức 1, hiện Không đạt',
    );
    await page.getByTestId('whatif-suggest').click();
    await expect(page.getByTestId('whatif-after')).toHaveText('Mức 1');
    await page.screenshot({ path: path.join(artifacts, 'framework-try-levels.png') });
  });

  await test.step('the overview of the framework, then the points index with its "Chưa đầy đủ" notice', async () => {
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('try-drawer')).toBeHidden();
    await fw.search.fill('');
    await page.getByTestId('fw-node-info').click();
    await expect(page.getByTestId('fw-overview')).toBeVisible();
    await expect(page.getByTestId('fw-level-rule')).toContainText('ít nhất 05 trong 07 tiêu chí còn lại');
    await page.screenshot({ path: path.join(artifacts, 'framework-overview.png') });

    await page.getByTestId('fw-back').click();
    await fw.expectList();
    await page.getByTestId('fw-open-qd4725-2022-cds').click();
    await expect(page.getByTestId('fw-incomplete')).toContainText('Chưa đầy đủ');
    await expect(page.getByTestId('fw-group-1').getByTestId('fw-item-mandatory-1.1')).toHaveText('Điều kiện bắt buộc');
    await page.screenshot({ path: path.join(artifacts, 'framework-points.png') });
  });

  await test.step('a legacy framework: indicators a, b, c at Mức 1 and the Mức 4 clauses', async () => {
    await page.getByTestId('fw-back').click();
    await fw.openFramework('tt18-2018-thcs-thpt');
    await fw.openCriterion('1.1');
    await expect(fw.level(1).getByTestId('fw-req-1-a')).toContainText('a)');
    await page.screenshot({ path: path.join(artifacts, 'framework-legacy.png') });
    await page.getByTestId('fw-node-level4').click();
    await expect(page.getByTestId('fw-level4')).toContainText('Khoản 1 Điều 22');
  });
});
