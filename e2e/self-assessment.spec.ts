import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures/backend';
import { ADMIN, SCHOOL } from './fixtures/school-data';
import { EvidencePage } from './pages/EvidencePage';
import { LoginPage } from './pages/LoginPage';
import { SelfAssessmentPage, type CouncilMember } from './pages/SelfAssessmentPage';
import { ShellPage } from './pages/ShellPage';
import { WizardPage } from './pages/WizardPage';

const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

/** The school year in progress (it starts in August/September), as the app proposes it. */
const START = new Date().getMonth() >= 7 ? new Date().getFullYear() : new Date().getFullYear() - 1;
const YEAR = `${START}-${START + 1}`;

const COUNCIL: CouncilMember[] = [
  // The principal signs in with her own account; the others are known by name only.
  { account: 'Nguyễn Thị Hằng (hieutruong)', fullName: 'Nguyễn Thị Hằng', position: 'Hiệu trưởng', role: 'Chủ tịch' },
  { fullName: 'Lê Văn Bình', position: 'Giáo viên, thư ký hội đồng trường', role: 'Thư ký' },
  { fullName: 'Trần Minh Đức', position: 'Phó Hiệu trưởng', role: 'Ủy viên' },
  { fullName: 'Phạm Thu Trang', position: 'Tổ trưởng tổ Khoa học tự nhiên', role: 'Ủy viên' },
  { fullName: 'Hoàng Văn Nam', position: 'Tổ trưởng tổ Văn phòng', role: 'Ủy viên' },
];

/** Small text files stand in for scanned documents. */
const file = (name: string, text: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
const PLAN = file('Kế hoạch phát triển nhà trường 2025-2030.txt', 'KE HOACH PHAT TRIEN NHA TRUONG GIAI DOAN 2025-2030');
const MINUTES = file('Biên bản họp hội đồng trường tháng 9.txt', 'BIEN BAN HOP HOI DONG TRUONG THANG 9/2026');
const STAFF = file('Danh sách cán bộ, giáo viên năm học 2026-2027.txt', 'DANH SACH CAN BO GIAO VIEN 2026-2027');

test('self-assessment: council, assignments, descriptions citing evidence, levels, review, renumbering', async ({
  page,
  backend,
}) => {
  // One long flow; on a loaded 2-core machine it takes 3–5 minutes.
  test.setTimeout(600_000);
  const wizard = new WizardPage(page);
  const login = new LoginPage(page);
  const shell = new ShellPage(page);
  const ev = new EvidencePage(page);
  const sa = new SelfAssessmentPage(page);

  await test.step('set up the THCS school, log in again', async () => {
    await page.goto(backend.url);
    await wizard.complete(SCHOOL, ADMIN);
    await shell.expectLoaded({ displayName: ADMIN.displayName });
    await shell.logout();
    await login.login(ADMIN.username, ADMIN.password);
    await shell.expectLoaded({ displayName: ADMIN.displayName });
  });

  await test.step('create the self-assessment of this school year with the TT 57 annex for phổ thông', async () => {
    await shell.open('Tự đánh giá');
    await expect(sa.list).toContainText('Chưa có đợt tự đánh giá nào');
    await sa.createAssessment('TT 57/2026');
    await expect(page.getByTestId('sa-title')).toHaveText(`Tự đánh giá năm học ${YEAR} — Trung học cơ sở`);
    await expect(page.getByTestId('sa-header-level')).toHaveText('Không đạt');
  });

  await test.step('council of five (the chair from her account, others by name): the rule check turns OK', async () => {
    await sa.tab('Hội đồng');
    await expect(page.getByTestId('council-check')).toHaveAttribute('data-ok', 'false');
    for (const m of COUNCIL) await sa.addMember(m);
    await expect(page.getByTestId('council-check')).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId('council-check')).toContainText('Thành phần hội đồng đúng quy định');
    await sa.addGroup('Nhóm 1 — Tiêu chuẩn 1 và 2', 'Trần Minh Đức', ['Phạm Thu Trang']);
    await expect(page.getByTestId('council')).toContainText('Nhóm 1 — Tiêu chuẩn 1 và 2');
    await page.screenshot({ path: test.info().outputPath('council.png'), fullPage: true });
  });

  await test.step('assign the criteria: standards 1–2 to the group, 3 to a member, 4 to the chair, with due dates', async () => {
    await sa.tab('Phân công');
    await sa.assign(['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3'], { groups: ['Nhóm 1'], due: '31/03/2027' });
    await sa.assign(['3.1', '3.2', '3.3', '3.4', '3.5'], { members: ['Hoàng Văn Nam'], due: '31/03/2027' });
    await sa.assign(['4.1', '4.2', '4.3'], { members: ['Nguyễn Thị Hằng'], due: '15/04/2027' });
    await expect(page.getByTestId('assign-row-1.1').getByTestId('assign-who')).toContainText('Nhóm 1');
    await expect(page.getByTestId('assign-row-3.5').getByTestId('assign-who')).toContainText('Hoàng Văn Nam');
    await expect(page.getByTestId('assign-row-4.3')).toContainText('15/04/2027');
    await page.screenshot({ path: test.info().outputPath('assignments.png'), fullPage: true });
  });

  await test.step('three evidence files in Minh chứng; one dropped twice is reported as a duplicate', async () => {
    await shell.open('Minh chứng');
    await ev.expectVisible();
    await ev.openUpload();
    await ev.uploadCriterion('1.1');
    await ev.drop([PLAN, MINUTES]);
    await expect(ev.uploadItem(1)).toHaveAttribute('data-status', 'done');
    await ev.uploadCriterion('2.1');
    await ev.drop([STAFF]);
    await expect(ev.uploadItem(2)).toHaveAttribute('data-status', 'done');
    await ev.drop([{ ...PLAN, name: 'ke-hoach-ban-sao.txt' }]);
    await expect(ev.uploadItem(3)).toHaveAttribute('data-status', 'duplicate');
    await expect(ev.uploadItem(3).getByTestId('ev-upload-status')).toContainText('MC.1.1.01');
    await ev.uploadItem(3).getByTestId('ev-dup-skip').click();
    await ev.closeUpload();
    await expect.poll(() => ev.codes()).toEqual(['MC.1.1.01', 'MC.1.1.02', 'MC.2.1.01']);
  });

  await test.step('criterion 1.1: "Đạt" needs a description citing evidence; cite inside the sentence; Mức 2 opens', async () => {
    await shell.open('Tự đánh giá');
    await page.getByTestId(`sa-row-${YEAR}-thcs`).click();
    await sa.tab('Tiêu chí');
    await expect(sa.editor).toHaveAttribute('data-code', '1.1');
    await expect(page.getByTestId('req-1-1-judge-met')).toBeDisabled();
    await expect(page.getByTestId('req-1-1-met-reasons')).toContainText('Chưa có mô tả hiện trạng.');
    await expect(page.getByTestId('level-2-gated')).toHaveText('Chỉ xem xét Mức 2 khi đạt Mức 1.');

    await sa.typeKeys(1, 'Nhà trường có kế hoạch phát triển');
    await sa.type(1, ' giai đoạn 2025–2030 được hội đồng trường thông qua');
    await sa.cite(1, 'MC.1.1.02');
    await sa.type(1, ', công khai trên cổng thông tin ');
    await sa.cite(1, 'MC.1.1.01');
    await sa.type(1, '.');
    await expect(sa.description(1)).toHaveValue(
      'Nhà trường có kế hoạch phát triển giai đoạn 2025–2030 được hội đồng trường thông qua [MC.1.1.02], công khai trên cổng thông tin [MC.1.1.01].',
    );
    await expect(page.getByTestId('req-1-1-judge-met')).toBeEnabled();
    await sa.judge(1, 'met');
    await expect(page.getByTestId('level-2')).toHaveAttribute('data-considered', 'true');
    await expect(page.getByTestId('live-criterion-level')).toHaveText('Mức 1');
    await sa.expectSaved();
    await expect(page.getByTestId('req-1-1-preview')).toContainText('MC.1.1.02');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(artifacts, 'criterion-editor.png') });
  });

  await test.step('criteria 1.2 to 4.3: a short description citing evidence found by search, "Đạt"', async () => {
    const codes = ['1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '3.1', '3.2', '3.3', '3.4', '3.5', '4.1', '4.2', '4.3'];
    for (const code of codes) {
      await sa.next();
      await expect(sa.editor).toHaveAttribute('data-code', code);
      await sa.type(1, `Tiêu chí ${code}: nhà trường thực hiện đầy đủ theo kế hoạch năm học`);
      if (code === '2.1') await sa.cite(1, 'MC.2.1.01');
      else await sa.cite(1, 'MC.1.1.02', 'bien ban hop');
      await sa.type(1, '.');
      await sa.judge(1, 'met');
      await sa.expectSaved();
      await expect(page.getByTestId(`nav-criterion-${code}`)).toHaveAttribute('data-level', '1');
    }
    await expect(page.getByTestId('live-school-level')).toHaveText('Mức 1');
  });

  await test.step('the overview shows the school at Mức 1, with its explanation and what Mức 2 needs', async () => {
    await sa.tab('Tổng quan');
    await expect(page.getByTestId('overview-level').getByTestId('level-result')).toHaveText('Mức 1');
    await expect(page.getByTestId('level-blockers')).toContainText('cần Mức 2');
    await expect(page.getByTestId('overview-explanation')).not.toBeEmpty();
    await expect(page.getByTestId('sa-header-level')).toHaveText('Mức 1');
    await expect(page.getByTestId('overview-calendar')).toContainText(`15/06/${START + 1}`);
    await page.screenshot({ path: path.join(artifacts, 'assessment-overview.png'), fullPage: true });
  });

  await test.step('review 1.1: submit, return with a comment, fix, submit, forward, approve', async () => {
    await sa.tab('Tiêu chí');
    await sa.openCriterion('1.1');
    await sa.review('submit');
    await sa.expectState('Chờ rà soát');
    await expect(page.getByTestId('editor-readonly')).toContainText('chờ rà soát');
    await sa.review('return', 'Cần nêu rõ số quyết định phê duyệt kế hoạch.');
    await sa.expectState('Trả lại');
    await expect(page.getByTestId('comments')).toContainText('Cần nêu rõ số quyết định phê duyệt kế hoạch.');

    await sa.type(1, ' Kế hoạch được phê duyệt theo Quyết định số 45/QĐ-THCS.');
    await sa.expectSaved();
    await sa.expectState('Nháp');
    await sa.review('submit');
    await sa.expectState('Chờ rà soát');
    await sa.review('forward');
    await sa.expectState('Chờ duyệt');
    await sa.review('approve');
    await sa.expectState('Đã duyệt');
    await expect(sa.description(1)).toHaveAttribute('readonly', '');
    await expect(page.getByTestId('nav-criterion-1.1')).toHaveAttribute('data-state', 'approved');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: test.info().outputPath('approved.png') });
  });

  await test.step('"Việc của tôi" of the chair lists the criteria assigned to her', async () => {
    await sa.tab('Việc của tôi');
    await expect(page.getByTestId('my-work')).toContainText('Vai trò của bạn trong hội đồng: Chủ tịch.');
    await expect(page.getByTestId('mine-4.1')).toContainText('hạn 15/04/2027');
    await page.screenshot({ path: test.info().outputPath('my-work.png'), fullPage: true });
  });

  await test.step('plan: the usual steps with dates of this school year, the approval before 15/6', async () => {
    await sa.tab('Kế hoạch');
    await page.getByTestId('plan-defaults').click();
    await expect(page.getByTestId('plan')).toContainText(`15/06/${START + 1}`);
    await expect(page.getByTestId('plan')).toContainText('Phê duyệt báo cáo tự đánh giá');
    await page.screenshot({ path: test.info().outputPath('plan.png'), fullPage: true });
  });

  await test.step('standard 1 analysis autosaves; its weakness becomes a Biểu 2 issue, then a plan row', async () => {
    await sa.tab('Tiêu chí');
    await page.getByTestId('nav-summary-1').click();
    await page.getByTestId('summary-strengths').fill('Kế hoạch phát triển rõ ràng, được công khai trên cổng thông tin.');
    await page.getByTestId('summary-weaknesses').fill('Chưa rà soát, điều chỉnh kế hoạch giữa năm học.');
    await expect(page.getByTestId('summary-form').getByTestId('save-status')).toHaveAttribute('data-kind', 'saved');
    await sa.tab('Cải tiến');
    await page.getByTestId('improve-pull').click();
    await expect(page.getByTestId('improvement')).toContainText('Chưa rà soát, điều chỉnh kế hoạch giữa năm học.');
    await page.getByTestId('improve-add-item').click();
    const modal = sa.dialog('Thêm nội dung cải tiến');
    await modal.getByTestId('item-modal-content').fill('Rà soát kế hoạch phát triển sau học kỳ I');
    await modal.getByTestId('item-modal-goal').fill('Kế hoạch được điều chỉnh theo kết quả thực hiện');
    await modal.getByTestId('item-modal-owner').fill('Ban giám hiệu');
    await page.getByTestId('item-modal-save').click();
    await expect(modal).toBeHidden();
    await expect(page.locator('[data-testid^="improve-item-"]')).toContainText('Rà soát kế hoạch phát triển sau học kỳ I');
    await page.screenshot({ path: test.info().outputPath('improvement.png'), fullPage: true });
  });

  await test.step('school data: figures typed once per year, the total computed', async () => {
    await sa.tab('Dữ liệu trường');
    for (const [grade, n] of [
      ['khoi_6', '8'],
      ['khoi_7', '7'],
    ] as const) {
      const cell = page.getByTestId(`data-${YEAR}-lop.${grade}`);
      await cell.fill(n);
      await cell.press('Enter');
    }
    await expect(page.getByTestId(`data-${YEAR}-lop.tong`)).toHaveText('15');
    await page.screenshot({ path: test.info().outputPath('school-data.png') });
  });

  await test.step('move MC.1.1.02 to criterion 2.1: every description shows its new code', async () => {
    await shell.open('Minh chứng');
    await ev.open('MC.1.1.02');
    await ev.drawerTab('Tiêu chí và mã');
    await page.getByTestId('ev-move').click();
    await page.getByTestId('ev-move-target').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^2\.1\. / }).click();
    await expect(page.getByTestId('ev-move-preview')).toContainText('MC.2.1.02');
    await page.getByTestId('ev-move-ok').click();
    await ev.closeDrawer();
    await expect.poll(() => ev.codes()).toContain('MC.2.1.02');

    await shell.open('Tự đánh giá');
    await page.getByTestId(`sa-row-${YEAR}-thcs`).click();
    await sa.tab('Tiêu chí');
    await sa.openCriterion('1.1');
    await expect(page.getByTestId('req-1-1-preview')).toContainText('MC.2.1.02');
    await expect(page.getByTestId('req-1-1-preview')).not.toContainText('MC.1.1.02');
    await expect(sa.description(1)).toHaveValue(/thông qua \[MC\.2\.1\.02\], công khai/);
    await sa.openCriterion('3.4');
    await expect(page.getByTestId('req-1-1-preview')).toContainText('MC.2.1.02');
    await expect(sa.description(1)).toHaveValue(/\[MC\.2\.1\.02\]/);
  });
});
