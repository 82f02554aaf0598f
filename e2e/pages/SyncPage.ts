import { expect, type Locator, type Page } from '@playwright/test';

/** Đồng bộ at #/sync: connect to the department server, status, sync now, submissions. */
export class SyncPage {
  readonly screen: Locator;
  readonly panel: Locator;
  readonly pending: Locator;
  readonly lastError: Locator;
  readonly submissions: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('sy-screen');
    this.panel = page.getByTestId('sy-panel');
    this.pending = page.getByTestId('sy-pending');
    this.lastError = page.getByTestId('sy-last-error');
    this.submissions = page.getByTestId('sy-subs');
  }

  async enrol(o: { serverUrl: string; username: string; password: string; deviceName?: string }) {
    const card = this.page.getByTestId('sy-enrol');
    await expect(card).toContainText('Kết nối máy chủ Sở');
    await card.getByTestId('sy-enrol-url').fill(o.serverUrl);
    await card.getByTestId('sy-enrol-user').fill(o.username);
    await card.getByTestId('sy-enrol-password').fill(o.password);
    if (o.deviceName) await card.getByTestId('sy-enrol-device').fill(o.deviceName);
    await card.getByTestId('sy-enrol-submit').click();
    await expect(this.panel).toBeVisible({ timeout: 30_000 });
  }

  async syncNow() {
    const button = this.page.getByTestId('sy-run');
    await expect(button).toBeEnabled();
    await button.click();
    await expect(this.page.getByTestId('sy-run-result')).toBeVisible({ timeout: 60_000 });
  }

  /** Waits until the status says this many changes wait (0: nothing waits). */
  async expectPending(changes: number | 'some') {
    if (changes === 'some') await expect(this.pending).not.toHaveAttribute('data-changes', '0');
    else await expect(this.pending).toHaveAttribute('data-changes', String(changes));
  }

  async tab(name: 'Trạng thái đồng bộ' | 'Nộp hồ sơ') {
    await this.page.getByTestId('sy-tabs').getByRole('tab', { name }).click();
  }

  async submit(what: string | RegExp) {
    await this.page.getByTestId('sy-submit-what').click();
    await this.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: what }).first().click();
    await this.page.getByTestId('sy-submit').click();
    await expect(this.page.getByTestId('sy-submit-confirm')).toContainText('chốt');
    await this.page.getByTestId('sy-submit-ok').click();
    await expect(this.page.getByTestId('sy-submit-confirm')).toBeHidden({ timeout: 60_000 });
  }

  /** The rows of the submissions table, newest first. */
  submissionRows(): Locator {
    return this.submissions.locator('tr[data-state]');
  }
}
