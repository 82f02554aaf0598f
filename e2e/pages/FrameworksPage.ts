import { expect, type Locator, type Page } from '@playwright/test';

/** Bộ tiêu chí at #/frameworks: the list of frameworks, then one framework's tree and criterion. */
export class FrameworksPage {
  readonly list: Locator;
  readonly detail: Locator;
  readonly tree: Locator;
  readonly search: Locator;
  readonly criterion: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByTestId('fw-list');
    this.detail = page.getByTestId('fw-detail');
    this.tree = page.getByTestId('fw-tree');
    this.search = page.getByTestId('fw-search');
    this.criterion = page.getByTestId('fw-criterion');
  }

  async expectList() {
    await expect(this.list).toBeVisible();
  }

  /** A framework's card in the list, by id (e.g. "tt57-2026-pl2-pho-thong"). */
  card(id: string): Locator {
    return this.page.getByTestId(`fw-card-${id}`);
  }

  async openFramework(id: string) {
    await this.page.getByTestId(`fw-open-${id}`).click();
    await expect(this.detail).toHaveAttribute('data-framework', id);
    await expect(this.tree).toBeVisible();
  }

  async searchFor(text: string) {
    await this.search.fill(text);
  }

  /** A criterion's node in the tree, e.g. "4.2". */
  node(code: string): Locator {
    return this.tree.getByTestId(`fw-node-${code}`);
  }

  async openCriterion(code: string) {
    await this.node(code).click();
    await expect(this.criterion).toHaveAttribute('data-code', code);
  }

  /** The requirements of one level of the open criterion. */
  level(n: number): Locator {
    return this.criterion.getByTestId(`fw-level-${n}`);
  }

  async openTryLevels() {
    await this.page.getByTestId('fw-try').click();
    await expect(this.page.getByTestId('try-drawer')).toBeVisible();
  }
}
