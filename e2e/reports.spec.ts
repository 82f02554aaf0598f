import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures/backend';
import { ADMIN, SCHOOL } from './fixtures/school-data';
import { ReportsPage } from './pages/ReportsPage';
import { SelfAssessmentPage } from './pages/SelfAssessmentPage';
import { ShellPage } from './pages/ShellPage';
import { WizardPage } from './pages/WizardPage';

const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

test('reports: preview Biểu 1 with its gaps, export a draft, download the .docx', async ({ page, backend }) => {
  test.setTimeout(240_000);
  const wizard = new WizardPage(page);
  const shell = new ShellPage(page);
  const sa = new SelfAssessmentPage(page);
  const rp = new ReportsPage(page);

  await test.step('set up the THCS school and create this year’s self-assessment', async () => {
    await page.goto(backend.url);
    await wizard.complete(SCHOOL, ADMIN);
    await shell.expectLoaded({ displayName: ADMIN.displayName });
    await shell.open('Tự đánh giá');
    await sa.createAssessment('TT 57/2026');
  });

  await test.step('Báo cáo: Biểu 1 is chosen; the 2018 report is greyed with the reason', async () => {
    await shell.open('Báo cáo');
    await rp.expectVisible();
    await expect(rp.kind('bieu1')).toHaveAttribute('aria-checked', 'true');
    await expect(rp.kind('legacy')).toHaveAttribute('aria-disabled', 'true');
    await expect(page.getByTestId('rp-kind-legacy-reason')).toContainText('TT 17/18/19/2018');
  });

  await test.step('the preview lists the outline and the required gaps; the final version is refused with reasons', async () => {
    await expect(page.getByTestId('rp-outline')).toBeVisible({ timeout: 30_000 });
    await expect(rp.gaps.getByTestId('rp-sev-required').first()).toBeVisible();
    await expect(page.getByTestId('rp-build-final')).toBeDisabled();
    await expect(page.getByTestId('rp-final-reasons')).not.toBeEmpty();
  });

  await test.step('export a draft: the result card shows the file, its hash and the preflight checks', async () => {
    await rp.buildDraft();
    await expect(page.getByTestId('rp-result-file')).toContainText('.docx');
    await expect(page.getByTestId('rp-result-sha')).toHaveText(/^[0-9a-f]{12}$/);
    await expect(page.getByTestId('rp-preflight').locator('li').first()).toBeVisible();
    await expect(rp.history.getByTestId('rp-history-download')).toHaveCount(1);
    await rp.result.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'reports.png'), fullPage: true });
  });

  await test.step('download it: a Word file (a zip, "PK")', async () => {
    const download = await rp.downloadResult();
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = await download.path();
    const head = fs.readFileSync(file).subarray(0, 2).toString('latin1');
    expect(head).toBe('PK');
  });
});
