import { expect, type Locator, type Page } from '@playwright/test';

export interface CouncilMember {
  /** A local account ("Họ tên (tên đăng nhập)" as listed); else the member is known by name only. */
  account?: string;
  fullName: string;
  position: string;
  /** As shown: 'Chủ tịch', 'Phó Chủ tịch', 'Thư ký', 'Ủy viên'. */
  role: string;
}

type Tab = 'Tổng quan' | 'Hội đồng' | 'Kế hoạch' | 'Phân công' | 'Việc của tôi' | 'Tiêu chí' | 'Cải tiến' | 'Dữ liệu trường';

/** Tự đánh giá at #/self-assessment: the list of years, one year's workspace and its criterion editor. */
export class SelfAssessmentPage {
  readonly list: Locator;
  readonly workspace: Locator;
  readonly editor: Locator;
  readonly reviewBar: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByTestId('sa-list');
    this.workspace = page.getByTestId('sa-workspace');
    this.editor = page.getByTestId('criterion-editor');
    this.reviewBar = page.getByTestId('review-bar');
  }

  /** An open modal by its title. */
  dialog(title: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name: title });
  }

  /** The option of the open antd Select dropdown (the newest one) whose text matches. */
  private option(text: string | RegExp): Locator {
    return this.page.locator('.ant-select-dropdown:visible').last().locator('.ant-select-item-option', { hasText: text }).first();
  }

  /** Picks one option of a single select (nothing to do when it already shows it). */
  private async choose(select: Locator, text: string | RegExp) {
    const shown = (await select.textContent()) ?? '';
    if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return;
    await select.click();
    await this.option(text).click();
    await expect(select).toContainText(text);
    await this.dropdownsClosed();
  }

  /**
   * antd closes a dropdown with an animation; a click on the next select while one is still
   * closing only closes it, and `option()` would then look in the wrong list.
   */
  private async dropdownsClosed() {
    await expect(this.page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  }

  /** Opens a multiple select and picks each option, waiting for the list to be there. */
  private async pickMany(select: Locator, texts: readonly (string | RegExp)[]) {
    await this.dropdownsClosed();
    await select.click();
    await expect(this.page.locator('.ant-select-dropdown:visible')).toHaveCount(1);
    for (const t of texts) await this.option(t).click();
  }

  // ---- list ------------------------------------------------------------------------------

  async createAssessment(expectFramework = 'TT 57/2026') {
    await expect(this.list).toBeVisible();
    await this.page.getByTestId('sa-create').click();
    const modal = this.dialog('Tạo đợt tự đánh giá');
    await expect(modal.getByTestId('sa-create-framework')).toContainText(expectFramework);
    await this.page.getByTestId('sa-create-ok').click();
    await expect(this.workspace).toBeVisible();
  }

  async tab(name: Tab) {
    await this.page.getByTestId('sa-tabs').getByRole('tab', { name }).click();
  }

  // ---- council ---------------------------------------------------------------------------

  async addMember(m: CouncilMember) {
    await this.page.getByTestId('council-add-member').click();
    const modal = this.dialog('Thêm thành viên');
    await expect(modal).toBeVisible();
    if (m.account) {
      await this.choose(modal.getByTestId('member-user'), m.account);
    } else {
      await modal.getByText('Chỉ ghi tên', { exact: true }).click();
      await modal.getByTestId('member-name').fill(m.fullName);
    }
    await modal.getByTestId('member-position').fill(m.position);
    await this.choose(modal.getByTestId('member-role'), new RegExp(`^${m.role}$`));
    await this.page.getByTestId('member-save').click();
    await expect(modal).toBeHidden();
    await expect(this.page.getByTestId(`council-member-${m.fullName}`)).toBeVisible();
  }

  async addGroup(name: string, leader: string, members: string[]) {
    await this.page.getByTestId('council-add-group').click();
    const modal = this.dialog('Thêm nhóm');
    await modal.getByTestId('group-name').fill(name);
    await this.choose(modal.getByTestId('group-leader'), leader);
    await this.pickMany(modal.getByTestId('group-members'), members);
    await modal.getByTestId('group-name').click();
    await this.page.getByTestId('group-save').click();
    await expect(modal).toBeHidden();
  }

  // ---- assignments -----------------------------------------------------------------------

  /** Selects the criteria (all when codes is empty) and assigns them to groups and/or members. */
  async assign(codes: string[], to: { groups?: string[]; members?: string[]; due?: string }) {
    const table = this.page.getByTestId('assignments');
    if (codes.length === 0) {
      await table.locator('thead .ant-checkbox-input').check();
    } else {
      for (const c of codes) await this.page.getByTestId(`assign-row-${c}`).locator('.ant-checkbox-input').check();
    }
    await this.page.getByTestId('assign-selected').click();
    const modal = this.dialog(/^Phân công tiêu chí/);
    if (to.groups?.length) {
      await modal.getByTestId('assign-groups').click();
      for (const g of to.groups) await this.option(g).click();
      await modal.locator('.ant-modal-title').click();
    }
    if (to.members?.length) {
      await modal.getByTestId('assign-members').click();
      for (const m of to.members) {
        await this.option(m).click();
        // The pick must show as a tag before saving; an option clicked while the list was
        // still scrolling into place is lost otherwise, and the save assigns nobody.
        await expect(modal.getByTestId('assign-members')).toContainText(m);
      }
    }
    // Close the multi-select's dropdown before saving.
    await modal.locator('.ant-modal-title').click();
    if (to.due) {
      await modal.getByTestId('assign-due').fill(to.due);
      await modal.getByTestId('assign-due').press('Enter');
    }
    await this.page.getByTestId('assign-save').click();
    await expect(modal).toBeHidden();
    // The table shows the new assignee before the next selection starts (the list refetches
    // after the save; checking rows of a table that is about to re-render can be lost).
    const who = to.groups?.[0] ?? to.members?.[0];
    if (codes.length > 0 && who) {
      await expect(this.page.getByTestId(`assign-row-${codes[0]}`).getByTestId('assign-who')).toContainText(who);
    }
  }

  // ---- criterion editor ------------------------------------------------------------------

  async openCriterion(code: string) {
    await this.page.getByTestId(`nav-criterion-${code}`).click();
    await expect(this.editor).toHaveAttribute('data-code', code);
  }

  requirement(level: number, code = '1'): Locator {
    return this.page.getByTestId(`req-${level}-${code}`);
  }

  description(level: number, code = '1'): Locator {
    return this.page.getByTestId(`req-${level}-${code}-description`);
  }

  /** Key by key at the end of the description, as a user types. */
  async typeKeys(level: number, text: string, code = '1') {
    const field = this.description(level, code);
    await field.click();
    await field.press('Control+End');
    await field.pressSequentially(text);
  }

  /** Text at the end of the description in one input event (as an input method commits it, or a paste). */
  async type(level: number, text: string, code = '1') {
    const field = this.description(level, code);
    await field.click();
    await field.press('Control+End');
    await this.page.keyboard.insertText(text);
  }

  /**
   * Cites evidence at the caret through the picker: a code linked to the criterion, else a
   * search of the library.
   */
  async cite(level: number, evidenceCode: string, search?: string, code = '1') {
    await this.page.getByTestId(`req-${level}-${code}-insert`).click();
    const modal = this.dialog('Chèn minh chứng vào mô tả');
    await expect(modal).toBeVisible();
    if (search) {
      await modal.getByTestId('sa-pick-search').click();
      await this.page.keyboard.type(search);
      // The picker searches the server after a debounce and re-renders its list: a click can land
      // on an option that is being replaced. Click until the pick closes the dialog.
      await expect(async () => {
        if (await modal.isVisible()) await this.page.getByTestId(`evidence-option-${evidenceCode}`).click({ timeout: 2_000 });
        await expect(modal).toBeHidden({ timeout: 1_500 });
      }).toPass({ timeout: 20_000 });
    } else {
      await modal.getByTestId(`sa-pick-${evidenceCode}`).click();
    }
    await expect(modal).toBeHidden();
  }

  async judge(level: number, judgment: 'met' | 'not_met' | 'unassessed', code = '1') {
    await this.page.getByTestId(`req-${level}-${code}-judge-${judgment}`).click();
    await expect(this.requirement(level, code)).toHaveAttribute('data-judgment', judgment);
  }

  /** The department's comments on the open criterion, returned with the dossier (issue 8). */
  deptComment(body: string | RegExp): Locator {
    return this.page.getByTestId('dept-comments').getByTestId('dept-comment').filter({ hasText: body });
  }

  /** Answers one of them; the answer shows in place of the box once the server (or the queue) has it. */
  async answerDeptComment(body: string | RegExp, reply: string) {
    const comment = this.deptComment(body);
    await expect(comment).toHaveAttribute('data-answered', 'false');
    await comment.getByRole('textbox', { name: 'Trả lời ý kiến của đoàn' }).fill(reply);
    await comment.getByRole('button', { name: 'Gửi trả lời' }).click();
    await expect(comment).toHaveAttribute('data-answered', 'true');
    await expect(comment.getByTestId('dept-reply')).toContainText(reply);
  }

  async expectSaved() {
    await expect(this.page.getByTestId('save-status')).toHaveAttribute('data-kind', 'saved');
    await expect(this.page.getByTestId('save-status')).toContainText(/Đã lưu lúc \d{2}:\d{2}/);
  }

  async next() {
    await this.page.getByTestId('editor-next').click();
  }

  async review(action: 'submit' | 'withdraw' | 'forward' | 'return' | 'approve' | 'reopen', note?: string) {
    await this.reviewBar.getByTestId(`review-${action}`).click();
    if (note !== undefined) {
      const modal = this.dialog(action === 'return' ? 'Trả lại tiêu chí để sửa' : 'Mở lại tiêu chí đã duyệt');
      await modal.getByTestId('review-note').fill(note);
      await this.page.getByTestId('review-note-ok').click();
      await expect(modal).toBeHidden();
    }
  }

  async expectState(label: string) {
    await expect(this.reviewBar.getByTestId('review-state')).toHaveText(label);
  }
}
