import { expect, type Locator, type Page } from '@playwright/test';

export class LoginPage {
  readonly root: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('login');
    this.error = page.getByTestId('login-error');
  }

  async expectVisible() {
    await expect(this.root).toBeVisible();
    await expect(this.root.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  }

  async login(username: string, password: string) {
    await this.expectVisible();
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
  }
}
