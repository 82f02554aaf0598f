import { expect, type Locator, type Page } from '@playwright/test';

/** Shares of a drawn PDF page's pixels (0..1), by colour. */
export interface PdfInk {
  nonWhite: number;
  /** Clearly red (r high, g and b low). */
  red: number;
  /** Clearly blue. */
  blue: number;
  /** Near black. */
  dark: number;
}

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
  /** The drawer's PDF preview (components/pdf/PdfPreview): data-pages, data-rendered-page. */
  readonly pdfPreview: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('ev-screen');
    this.table = page.getByTestId('ev-table');
    this.search = page.getByTestId('ev-search');
    this.uploadModal = page.getByRole('dialog', { name: 'Thêm tệp minh chứng' });
    this.drawer = page.getByTestId('ev-drawer');
    this.pdfPreview = this.drawer.getByTestId('pdf-preview');
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

  /**
   * Picks a criterion by its code ("1.1") in the upload dialog, and waits until the select shows
   * it and its list has closed: files dropped before that would go under the previous criterion,
   * and a list still closing (antd animates it) would catch the next click. The code is typed
   * first: the dialog keeps the last pick, and an unfiltered list opens by scrolling to it,
   * which can move another option under the click.
   */
  async uploadCriterion(code: string) {
    const select = this.uploadModal.getByTestId('ev-upload-criterion');
    const label = new RegExp(`^${code.replace('.', '\\.')}\\. `);
    await expect(this.page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
    await select.click();
    await select.locator('input').fill(code);
    await this.page.locator('.ant-select-dropdown:visible').last().locator('.ant-select-item-option', { hasText: label }).click();
    await expect(select).toContainText(`${code}. `);
    await expect(this.page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
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

  /** Reads the pixels pdf.js drew on the preview's canvas: proof that a page was really rendered. */
  async pdfInk(): Promise<PdfInk> {
    return this.pdfPreview.getByTestId('pdf-canvas').evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const count = { nonWhite: 0, red: 0, blue: 0, dark: 0 };
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (r < 240 || g < 240 || b < 240) count.nonWhite++;
        if (r > 180 && g < 80 && b < 80) count.red++;
        if (b > 120 && r < 80 && g < 120) count.blue++;
        if (r < 60 && g < 60 && b < 60) count.dark++;
      }
      const total = data.length / 4;
      return { nonWhite: count.nonWhite / total, red: count.red / total, blue: count.blue / total, dark: count.dark / total };
    });
  }

  /** The page's width on screen (CSS pixels), which zoom changes. */
  async pdfCanvasCssWidth(): Promise<number> {
    return this.pdfPreview
      .getByTestId('pdf-canvas')
      .evaluate((canvas: HTMLCanvasElement) => canvas.getBoundingClientRect().width);
  }

  async closeDrawer() {
    await this.drawer
      .getByRole('button', { name: /close|đóng/i })
      .first()
      .click();
    await expect(this.drawer).toBeHidden();
  }
}
