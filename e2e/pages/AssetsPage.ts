import { expect, type Locator, type Page } from '@playwright/test';

export interface XlsxFile {
  name: string;
  buffer: Buffer;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type AssetTab = 'register' | 'places' | 'import' | 'export' | 'wear' | 'summary' | 'tasks';

/** Tài sản & phòng at #/assets: the register, the Excel import, the asset drawer. */
export class AssetsPage {
  readonly root: Locator;
  readonly table: Locator;
  readonly search: Locator;
  readonly drawer: Locator;
  readonly importRoot: Locator;
  readonly checkResult: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('as-screen');
    this.table = page.getByTestId('as-table');
    this.search = page.getByTestId('as-search');
    this.drawer = page.getByTestId('as-drawer');
    this.importRoot = page.getByTestId('as-import');
    this.checkResult = page.getByTestId('as-import-check-result');
  }

  async expectVisible() {
    await expect(this.root).toBeVisible();
    await expect(this.root.getByRole('heading', { name: 'Tài sản & phòng' })).toBeVisible();
  }

  async tab(key: AssetTab) {
    await this.page.getByTestId(`as-tab-${key}`).click();
  }

  // ── import ──

  /** Picks the register file in the first step; the mapping step follows. */
  async chooseFile(file: XlsxFile) {
    await expect(this.page.getByTestId('as-import-drop')).toBeVisible();
    await this.importRoot
      .locator('input[type="file"]')
      .first()
      .setInputFiles({ name: file.name, mimeType: XLSX_MIME, buffer: file.buffer });
    await expect(this.page.getByTestId('as-import-mapping')).toBeVisible();
  }

  /** The field chosen for a column letter in the mapping step. */
  mappedField(letter: string): Locator {
    return this.page.getByTestId(`as-import-map-${letter}`);
  }

  async check() {
    await this.page.getByTestId('as-import-check').click();
    await expect(this.checkResult).toBeVisible();
  }

  /** Each problem of the dry run as [row, column, message]. */
  async problems(): Promise<string[][]> {
    const rows = this.page.getByTestId('as-import-error-row');
    const out: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++)
      out.push((await rows.nth(i).locator('td').allTextContents()).map((s) => s.trim()));
    return out;
  }

  get writeButton(): Locator {
    return this.page.getByTestId('as-import-write');
  }

  /** "Tải lại sau khi sửa": the corrected file; the same headers are checked again at once. */
  async reloadFixed(file: XlsxFile) {
    await this.checkResult
      .locator('input[type="file"]')
      .setInputFiles({ name: file.name, mimeType: XLSX_MIME, buffer: file.buffer });
  }

  async write() {
    await this.writeButton.click();
    await expect(this.page.getByTestId('as-import-done')).toBeVisible({ timeout: 60_000 });
  }

  // ── register ──

  row(code: string): Locator {
    return this.page.getByTestId(`as-row-${code}`);
  }

  async find(text: string) {
    await this.search.fill(text);
  }

  async openAsset(code: string) {
    await this.row(code).getByTestId('as-row-name').click();
    await expect(this.drawer.getByTestId('as-drawer-code')).toHaveText(code);
  }

  async drawerTab(key: 'info' | 'events' | 'history' | 'stateAt') {
    await this.drawer.getByTestId(`as-drawer-tab-${key}`).click();
  }

  historyItems(): Locator {
    return this.drawer.getByTestId('as-history-item');
  }

  async closeDrawer() {
    await this.drawer
      .getByRole('button', { name: /close|đóng/i })
      .first()
      .click();
    await expect(this.drawer).toBeHidden();
  }
}
