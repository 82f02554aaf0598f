import fs from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';

export interface BoardMember {
  name: string;
  title: string;
  representing?: string;
}

export interface NewStocktake {
  name: string;
  decisionNo: string;
  /** dd/mm/yyyy */
  decisionDate: string;
  members: BoardMember[];
  /** Room labels as the picker shows them ("P101"). */
  rooms: string[];
}

/** Kiểm kê at #/inventory: sessions, counting a room with the scanner input, reconciliation, closing. */
export class InventoryPage {
  readonly createModal: Locator;
  readonly scanInput: Locator;
  readonly feedback: Locator;
  readonly scanItems: Locator;

  constructor(readonly page: Page) {
    this.createModal = page.getByRole('dialog', { name: 'Tạo đợt kiểm kê' });
    this.scanInput = page.getByTestId('inv-scan-input');
    this.feedback = page.getByTestId('inv-scan-feedback');
    this.scanItems = page.getByTestId('inv-scan-item');
  }

  async expectList() {
    await expect(this.page.getByTestId('inv-sessions')).toBeVisible();
  }

  /** `beforeSubmit` runs with the dialog filled in (e.g. a screenshot). */
  async create(s: NewStocktake, beforeSubmit?: () => Promise<unknown>) {
    await this.page.getByTestId('inv-create').click();
    await expect(this.createModal).toBeVisible();
    await this.page.getByTestId('inv-create-name').fill(s.name);
    await this.page.getByTestId('inv-create-decision-no').fill(s.decisionNo);
    const date = this.page.getByTestId('inv-create-decision-date');
    await date.click();
    await date.fill(s.decisionDate);
    await date.press('Enter');
    for (const [i, m] of s.members.entries()) {
      if ((await this.page.getByTestId(`inv-member-name-${i}`).count()) === 0)
        await this.page.getByTestId('inv-member-add').click();
      await this.page.getByTestId(`inv-member-name-${i}`).fill(m.name);
      await this.page.getByTestId(`inv-member-title-${i}`).fill(m.title);
      if (m.representing !== undefined) await this.page.getByTestId(`inv-member-repr-${i}`).fill(m.representing);
    }
    await this.page.getByTestId('inv-create-rooms').click();
    for (const r of s.rooms) {
      await this.page.keyboard.type(r);
      await this.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: new RegExp(`^${r}$`) }).click();
    }
    // Closes the room list without Escape (which would close the dialog too).
    await this.createModal.locator('.ant-modal-title').click();
    await beforeSubmit?.();
    await this.page.getByTestId('inv-create-ok').click();
    await expect(this.createModal).toBeHidden();
    await expect(this.page.getByTestId('inv-session')).toBeVisible();
    await expect(this.page.getByTestId('inv-session-name')).toHaveText(s.name);
  }

  roomRow(code: string): Locator {
    return this.page.getByTestId(`inv-room-${code}`);
  }

  async countRoom(code: string) {
    await this.page.getByTestId(`inv-count-${code}`).click();
    await expect(this.page.getByTestId('inv-scan-room')).toContainText(code);
    await expect(this.scanInput).toBeFocused();
  }

  /** Types each code as a keyboard-wedge scanner does (characters, then Enter). */
  async scan(codes: string[]) {
    for (const code of codes) {
      await this.scanInput.pressSequentially(code);
      await this.scanInput.press('Enter');
    }
  }

  /** Waits until `n` scans are listed and none is still being checked. */
  async scansSettled(n: number) {
    await expect(this.scanItems).toHaveCount(n);
    await expect(this.page.locator('[data-testid="inv-scan-item"][data-status="pending"]')).toHaveCount(0);
  }

  scanStatus(code: string): Locator {
    return this.page.locator(`[data-testid="inv-scan-item"][data-code="${code}"]`);
  }

  async backToSession() {
    await this.page.getByTestId('inv-back').click();
    await expect(this.page.getByTestId('inv-session')).toBeVisible();
  }

  async openReconcile() {
    await this.page.getByTestId('inv-open-reconcile').click();
    await expect(this.page.getByTestId('inv-reconcile')).toBeVisible();
  }

  followUp(kind: 'move' | 'investigate' | 'recognise' | 'disposalCandidate', code: string): Locator {
    return this.page.getByTestId(`inv-followup-${kind}-${code}`);
  }

  async accept(kind: 'move' | 'investigate' | 'recognise' | 'disposalCandidate', code: string) {
    const row = this.followUp(kind, code);
    await row.getByTestId('inv-accept').click();
    if (kind !== 'recognise') await expect(row).toHaveAttribute('data-decision', 'accepted');
  }

  /** A shortage: choose "Ghi giảm (mất)" then accept. */
  async acceptWriteOff(code: string) {
    const row = this.followUp('investigate', code);
    await row.getByTestId('inv-action').click();
    await this.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Ghi giảm (mất)' }).click();
    await row.getByTestId('inv-accept').click();
    await expect(row).toHaveAttribute('data-decision', 'accepted');
  }

  /** An unknown code: book it as a new asset with a name and cost. */
  async acceptUnknown(code: string, name: string, cost: string) {
    await this.accept('recognise', code);
    const modal = this.page.getByRole('dialog', { name: /^Ghi tăng tài sản mã/ });
    await expect(modal).toBeVisible();
    await this.page.getByTestId('inv-recognise-name').fill(name);
    await this.page.getByTestId('inv-recognise-cost').fill(cost);
    await this.page.getByTestId('inv-recognise-ok').click();
    await expect(modal).toBeHidden();
    await expect(this.followUp('recognise', code)).toHaveAttribute('data-decision', 'accepted');
  }

  async close(principalDecision: string, beforeSubmit?: () => Promise<unknown>) {
    await this.page.getByTestId('inv-close').click();
    const modal = this.page.getByRole('dialog', { name: /^Khoá sổ đợt kiểm kê/ });
    await expect(modal).toBeVisible();
    await expect(this.page.getByTestId('inv-close-ok')).toBeDisabled();
    await this.page.getByTestId('inv-close-decision').fill(principalDecision);
    await this.page.getByTestId('inv-close-phrase').fill('KHOÁ SỔ');
    await expect(this.page.getByTestId('inv-close-ok')).toBeEnabled();
    await beforeSubmit?.();
    await this.page.getByTestId('inv-close-ok').click();
    await expect(modal).toBeHidden({ timeout: 30_000 });
    await expect(this.page.getByTestId('inv-closed-note')).toBeVisible();
  }

  /** Clicks "Biên bản" and returns the downloaded file. */
  async downloadReport(format: 'docx' | 'xlsx'): Promise<{ name: string; buffer: Buffer }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(`inv-report-${format}`).click(),
    ]);
    const file = await download.path();
    return { name: download.suggestedFilename(), buffer: fs.readFileSync(file) };
  }
}
