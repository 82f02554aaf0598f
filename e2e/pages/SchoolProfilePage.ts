import { expect, type Locator, type Page } from '@playwright/test';

/** Hồ sơ nhà trường at #/school: view mode (Descriptions + sites) and edit mode (form). */
export class SchoolProfilePage {
  readonly root: Locator;
  readonly view: Locator;
  readonly sites: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('school-profile');
    this.view = page.getByTestId('profile-view');
    this.sites = page.getByTestId('sites-table');
  }

  async expectVisible() {
    await expect(this.view).toBeVisible();
  }

  /** The shown value of a profile field: name, code, levels, ownership, address, principal, phone… */
  field(key: string): Locator {
    return this.page.getByTestId(`profile-field-${key}`);
  }

  async edit() {
    await this.page.getByTestId('profile-edit').click();
    await expect(this.page.getByTestId('profile-form')).toBeVisible();
  }

  async set(testId: 'school-principal' | 'school-phone' | 'school-email' | 'school-address' | 'school-name', value: string) {
    await this.page.getByTestId(testId).fill(value);
  }

  async save() {
    await this.page.getByTestId('profile-save').click();
    await expect(this.view).toBeVisible();
  }

  async screenshot(path: string) {
    await this.root.screenshot({ path });
  }
}
