import { expect, type Locator, type Page } from '@playwright/test';

export interface ServerAccount {
  serverUrl: string;
  username: string;
  password: string;
}

type DossierTab = 'Thẩm định' | 'Đoàn thẩm định' | 'So sánh phiên bản' | 'Nhật ký';

/**
 * Thẩm định at #/review on a department workstation: the inbox and the dashboard, the team
 * assignment, one dossier downloaded for offline review (criteria, comments, push), the team's
 * conclusion, return and acceptance, the diff of a resubmission and the team's documents.
 */
export class ReviewPage {
  readonly screen: Locator;
  readonly account: Locator;
  readonly inbox: Locator;
  readonly dossier: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('rv-screen');
    this.account = page.getByTestId('rv-account');
    this.inbox = page.getByTestId('rv-inbox');
    this.dossier = page.getByTestId('rv-dossier');
  }

  /** The option of the open antd dropdown (the newest one) whose text matches. */
  private option(text: string | RegExp): Locator {
    return this.page.locator('.ant-select-dropdown:visible').last().locator('.ant-select-item-option', { hasText: text }).first();
  }

  /** antd closes dropdowns and pickers with an animation: wait until none is left open. */
  private async popupsClosed() {
    await expect(this.page.locator('.ant-select-dropdown:visible, .ant-picker-dropdown:visible')).toHaveCount(0);
  }

  /** Types into a searchable select and picks the option that the search leaves. */
  private async search(select: Locator, text: string, option: string | RegExp) {
    await this.popupsClosed();
    await select.click();
    await this.page.keyboard.type(text);
    await this.option(option).click();
  }

  // ---- account ---------------------------------------------------------------------------

  async expectSignedInAs(displayName: string) {
    await expect(this.account).toContainText(displayName);
  }

  /** "Đăng nhập lại": the workstation signs in to the server with another department account. */
  async signInAs(a: ServerAccount, displayName: string) {
    await this.page.getByTestId('rv-setup-again').click();
    const card = this.page.getByTestId('rv-setup');
    await expect(card).toBeVisible();
    await card.getByTestId('rv-setup-url').fill(a.serverUrl);
    await card.getByTestId('rv-setup-user').fill(a.username);
    await card.getByTestId('rv-setup-password').fill(a.password);
    await card.getByTestId('rv-setup-submit').click();
    await expect(card).toBeHidden({ timeout: 30_000 });
    await this.expectSignedInAs(displayName);
  }

  // ---- inbox -----------------------------------------------------------------------------

  async tab(name: 'Hộp thư' | 'Bảng theo dõi') {
    await this.page.getByTestId('rv-tabs').getByRole('tab', { name }).click();
  }

  /** The inbox row of a school (the latest version of its dossier). */
  row(school: string | RegExp): Locator {
    return this.inbox.locator('tr[data-row-key]').filter({ hasText: school });
  }

  /** "Làm mới": asks the server again (what schools submit does not arrive by itself). */
  async refresh() {
    const button = this.page.getByTestId('rv-inbox-refresh');
    // A loading button ignores clicks: wait for the fetch under way to end first.
    await expect(button).not.toHaveClass(/ant-btn-loading/);
    await button.click();
    await expect(button).not.toHaveClass(/ant-btn-loading/);
  }

  /** Waits for a school's row to show a state, asking the server again until it does. */
  async expectState(school: string | RegExp, state: string, version?: number) {
    await expect(async () => {
      await this.refresh();
      await expect(this.row(school).getByTestId('rv-state')).toHaveText(state, { timeout: 2_000 });
      if (version !== undefined)
        await expect(this.row(school).locator('td').nth(3)).toHaveText(String(version), { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
  }

  /**
   * "Phân công": lead and members are searched among the server's accounts (names without
   * marks find names with them), the deadline typed day first.
   */
  async assign(
    school: string | RegExp,
    team: {
      lead: { search: string; option: string | RegExp };
      members?: { search: string; option: string | RegExp }[];
      deadline?: string;
    },
  ) {
    await this.row(school).getByRole('button', { name: 'Phân công' }).click();
    const modal = this.page.getByRole('dialog', { name: /^Phân công thẩm định/ });
    await expect(modal).toBeVisible();
    await this.search(modal.getByTestId('rv-assign-lead'), team.lead.search, team.lead.option);
    await expect(modal.getByTestId('rv-assign-lead')).toContainText(team.lead.option);
    for (const m of team.members ?? []) {
      await this.search(modal.getByTestId('rv-assign-members'), m.search, m.option);
      await expect(modal.getByTestId('rv-assign-members')).toContainText(m.option);
      // Close the multiple select's list before the next field.
      await modal.locator('.ant-modal-title').click();
    }
    if (team.deadline) {
      await this.popupsClosed();
      const date = modal.getByPlaceholder('dd/mm/yyyy');
      await date.click();
      await date.fill(team.deadline);
      await date.press('Enter');
      await expect(date).toHaveValue(team.deadline);
    }
    await this.popupsClosed();
    await modal.getByRole('button', { name: 'Lưu phân công' }).click();
    await expect(modal).toBeHidden();
  }

  // ---- one dossier -----------------------------------------------------------------------

  async open(school: string | RegExp) {
    await this.row(school).getByTestId('rv-open').click();
    await expect(this.dossier).toBeVisible();
  }

  async backToInbox() {
    await this.dossier.getByRole('button', { name: 'Về hộp thư' }).click();
    await expect(this.inbox).toBeVisible();
  }

  /** "Tải về để thẩm định": the dossier and its files come to this computer; the review opens. */
  async download() {
    await this.dossier.getByRole('button', { name: 'Tải về để thẩm định' }).click();
    await expect(this.page.getByTestId('rv-dossier-tabs')).toBeVisible({ timeout: 60_000 });
  }

  async dossierTab(name: DossierTab) {
    await this.page.getByTestId('rv-dossier-tabs').getByRole('tab', { name, exact: true }).click();
  }

  /** A comment on a whole criterion (written offline; sent with "Gửi lên máy chủ"). */
  async comment(code: string, body: string) {
    await this.page.getByTestId(`rv-criterion-${code}`).click();
    const pane = this.page.getByTestId('rv-criterion-pane');
    await expect(pane.getByRole('heading', { level: 4 })).toHaveText(new RegExp(`^${code.replace('.', '\\.')}\\. `));
    const card = pane.getByTestId('rv-comments');
    await card.getByPlaceholder('Nội dung nhận xét hoặc minh chứng cần bổ sung').fill(body);
    await card.getByRole('button', { name: 'Thêm nhận xét' }).click();
    await expect(card).toContainText(body);
  }

  /** "Gửi lên máy chủ": every judgment and comment waiting on this computer. */
  async push() {
    const button = this.page.getByRole('button', { name: 'Gửi lên máy chủ' });
    await expect(button).toBeEnabled();
    await button.click();
    await expect(button).toBeDisabled();
  }

  /** "Trả lại trường" with what to complete; the team's comments go with it. */
  async returnToSchool(message: string) {
    await this.page.getByRole('button', { name: 'Trả lại trường' }).click();
    const modal = this.page.getByRole('dialog', { name: 'Trả lại hồ sơ để trường bổ sung' });
    await modal.getByRole('textbox').fill(message);
    await modal.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await expect(modal).toBeHidden();
  }

  /** The lead's conclusion: the level reached and the conclusion text. */
  async conclude(level: number, conclusion: string) {
    const card = this.page.getByTestId('rv-conclusion');
    const select = card.getByTestId('rv-conclusion-level');
    await this.popupsClosed();
    await select.click();
    await this.option(new RegExp(`^Mức ${level}$`)).click();
    await expect(select).toContainText(`Mức ${level}`);
    await this.popupsClosed();
    await card.getByLabel('Kết luận', { exact: true }).fill(conclusion);
    await card.getByRole('button', { name: 'Lưu kết luận' }).click();
    await expect(card).toContainText('Kết luận ghi lúc');
  }

  async accept() {
    const button = this.page.getByTestId('rv-conclusion').getByRole('button', { name: 'Chấp nhận', exact: true });
    await expect(button).toBeEnabled();
    await button.click();
    const confirm = this.page.getByRole('dialog', { name: /^Chấp nhận kết quả tự đánh giá/ });
    await confirm.getByRole('button', { name: 'Chấp nhận', exact: true }).click();
    await expect(confirm).toBeHidden();
  }

  /** Generates one of the team's documents and returns where the backend wrote it. */
  async document(name: string | RegExp): Promise<string> {
    await this.page.getByTestId('rv-documents').getByRole('button', { name }).click();
    const saved = this.page.getByTestId('rv-report-path');
    await expect(saved).toContainText(/\.docx/, { timeout: 60_000 });
    const m = /Đã lưu tại: (.+?\.docx)/.exec((await saved.textContent()) ?? '');
    if (!m) throw new Error(`no path in "${await saved.textContent()}"`);
    return m[1]!;
  }

  // ---- dashboard -------------------------------------------------------------------------

  /** The dashboard's row of a school (state, framework, level). */
  dashboardRow(school: string | RegExp): Locator {
    return this.page.getByTestId('rv-dashboard').locator('tr[data-row-key]').filter({ hasText: school });
  }
}
