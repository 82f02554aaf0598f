import { expect, type Locator, type Page } from '@playwright/test';

/** The app shell: left navigation, header with school and user, connection banner. */
export class ShellPage {
  readonly root: Locator;
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('app-shell');
    this.banner = page.getByTestId('connection-banner');
  }

  async expectLoaded(user?: { displayName: string; role?: string }, schoolName?: string) {
    await expect(this.root).toBeVisible();
    if (user) await expect(this.page.getByTestId('header-user-name')).toHaveText(user.displayName);
    if (user?.role) await expect(this.page.getByTestId('header-user-role')).toHaveText(user.role);
    if (schoolName) await expect(this.page.getByTestId('header-school-name')).toHaveText(schoolName);
  }

  /** Opens a module by its menu label, e.g. 'Hồ sơ nhà trường', 'Cài đặt'. */
  async open(label: string) {
    await this.page.getByTestId('nav').getByRole('menuitem', { name: label }).click();
  }

  async logout() {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByTestId('menu-logout').click();
  }
}
