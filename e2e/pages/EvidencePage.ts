import { expect, type Locator, type Page } from '@playwright/test';

export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Kho minh chứng at #/evidence: list, upload dialog, detail drawer, library check. */
export class EvidencePage {
  readonly root: Locator;
  readonly table: Locator;
  readonly search: Locator;
  readonly uploadModal: Locator;
  readonly drawer: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('ev-screen');
    this.table = page.getByTestId('ev-table');
    this.search = page.getByTestId('ev-search');
    this.uploadModal = page.getByRole('dialog', { name: 'Thêm tệp minh chứng' });
    this.drawer = page.getByTestId('ev-drawer');
  }

  async expectVisible() {
    await expect(this.root).toBeVisible();
    await expect(this.root.getByRole('heading', { name: 'Kho minh chứng' })).toBeVisible();
  }

  row(code: string): Locator {
    return this.page.getByTestId(`ev-row-${code}`);
  }

  /** The codes in the table, top to bottom. */
  async codes(): Promise<string[]> {
    return this.table.getByTestId('ev-row-code').allTextContents();
  }

  async openUpload() {
    await this.page.getByTestId('ev-add-files').click();
    await expect(this.uploadModal).toBeVisible();
  }

  /** Picks a criterion by its code ("1.1") in the upload dialog. */
  async uploadCriterion(code: string) {
    await this.uploadModal.getByTestId('ev-upload-criterion').click();
    await this.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', {
        hasText: new RegExp(`^${code.replace('.', '\\.')}\\. `),
      })
      .click();
  }

  async drop(files: UploadFile[]) {
    await this.uploadModal.locator('input[type="file"]').setInputFiles(files);
  }

  uploadItem(index: number): Locator {
    return this.uploadModal.getByTestId(`ev-upload-item-${index}`);
  }

  async closeUpload() {
    await this.uploadModal.getByTestId('ev-upload-close').click();
    await expect(this.uploadModal).toBeHidden();
  }

  async open(code: string) {
    await this.row(code).getByTestId('ev-row-title').click();
    await expect(this.drawer.getByTestId('ev-drawer-code')).toHaveText(code);
  }

  async drawerTab(name: 'Xem trước' | 'Thông tin' | 'Tiêu chí và mã' | 'Xác minh') {
    await this.drawer.getByRole('tab', { name }).click();
  }

  async closeDrawer() {
    await this.drawer
      .getByRole('button', { name: /close|đóng/i })
      .first()
      .click();
    await expect(this.drawer).toBeHidden();
  }
}
