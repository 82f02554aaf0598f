import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** Báo cáo at #/reports: kind cards, preview (outline, gaps), export, report texts, history. */
export class ReportsPage {
  readonly root: Locator;
  readonly preview: Locator;
  readonly gaps: Locator;
  readonly build: Locator;
  readonly result: Locator;
  readonly history: Locator;
  readonly texts: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('rp-screen');
    this.preview = page.getByTestId('rp-preview');
    this.gaps = page.getByTestId('rp-gaps');
    this.build = page.getByTestId('rp-build');
    this.result = page.getByTestId('rp-result');
    this.history = page.getByTestId('rp-history');
    this.texts = page.getByTestId('rp-texts');
  }

  async expectVisible() {
    await expect(this.root).toBeVisible();
    await expect(this.root.getByRole('heading', { name: 'Báo cáo', exact: true })).toBeVisible();
  }

  kind(kind: string): Locator {
    return this.page.getByTestId(`rp-kind-${kind}`);
  }

  async chooseKind(kind: string) {
    await this.kind(kind).click();
    await expect(this.kind(kind)).toHaveAttribute('aria-checked', 'true');
  }

  async buildDraft() {
    await this.page.getByTestId('rp-build-draft').click();
    await expect(this.result).toBeVisible({ timeout: 60_000 });
  }

  /** Clicks "Tải về" on the result card and waits for the browser's download. */
  async downloadResult(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId('rp-result-download').click(),
    ]);
    return download;
  }
}
