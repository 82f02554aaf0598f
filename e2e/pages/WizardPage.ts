import { expect, type Locator, type Page } from '@playwright/test';

export interface SiteData {
  name: string;
  address: string;
  isMain?: boolean;
}

export interface SchoolData {
  code?: string;
  name: string;
  /** Labels as shown: 'Mầm non', 'Tiểu học', 'THCS', 'THPT', 'GDTX'. */
  levels: string[];
  /** Label as shown: 'Công lập', 'Tư thục', 'Dân lập'. */
  ownership?: string;
  address?: string;
  province?: string;
  managingBody?: string;
  principal?: string;
  phone?: string;
  email?: string;
  /** The first is the main site (pre-filled by the wizard, overwritten here). */
  sites: SiteData[];
}

export interface AdminData {
  displayName: string;
  username: string;
  password: string;
}

/** The first-run wizard: Thông tin trường → Điểm trường → Tài khoản quản trị → Xem lại. */
export class WizardPage {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('wizard');
  }

  async expectVisible() {
    await expect(this.root).toBeVisible();
    await expect(this.root.getByRole('heading', { name: 'Thiết lập ban đầu' })).toBeVisible();
  }

  private async fill(testId: string, value: string | undefined) {
    if (value !== undefined) await this.page.getByTestId(testId).fill(value);
  }

  async fillSchool(s: SchoolData) {
    const step = this.page.getByTestId('wizard-step-school');
    await expect(step).toBeVisible();
    await this.fill('school-code', s.code);
    await this.fill('school-name', s.name);
    for (const level of s.levels) await step.getByLabel(level, { exact: true }).check();
    if (s.ownership) await step.getByText(s.ownership, { exact: true }).click();
    await this.fill('school-address', s.address);
    await this.fill('school-province', s.province);
    await this.fill('school-managing-body', s.managingBody);
    await this.fill('school-principal', s.principal);
    await this.fill('school-phone', s.phone);
    await this.fill('school-email', s.email);
  }

  async fillSites(sites: SiteData[]) {
    await expect(this.page.getByTestId('wizard-step-sites')).toBeVisible();
    for (const [i, site] of sites.entries()) {
      if ((await this.page.getByTestId(`site-row-${i}`).count()) === 0) await this.page.getByTestId('site-add').click();
      await this.fill(`site-name-${i}`, site.name);
      await this.fill(`site-address-${i}`, site.address);
      if (site.isMain) await this.page.getByTestId(`site-main-${i}`).check();
    }
  }

  async fillAdmin(a: AdminData, confirm = a.password) {
    await expect(this.page.getByTestId('wizard-step-admin')).toBeVisible();
    await this.fill('admin-display-name', a.displayName);
    await this.fill('admin-username', a.username);
    await this.fill('admin-password', a.password);
    await this.fill('admin-password-confirm', confirm);
  }

  async next() {
    await this.page.getByTestId('wizard-next').click();
  }

  async finish() {
    await expect(this.page.getByTestId('wizard-step-review')).toBeVisible();
    await this.page.getByTestId('wizard-finish').click();
  }

  /**
   * First run as a Phòng/Sở GDĐT review workstation instead of a school: the server account and
   * this computer's password, in one step; the app then opens on Thẩm định.
   */
  async completeDepartment(o: { serverUrl: string; username: string; password: string; localPassword: string }) {
    await this.expectVisible();
    await this.page.getByTestId('wizard-mode').getByText('Phòng/Sở GDĐT – máy thẩm định', { exact: true }).click();
    const form = this.page.getByTestId('wizard-dept');
    await expect(form).toBeVisible();
    await this.fill('dept-server-url', o.serverUrl);
    await this.fill('dept-username', o.username);
    await this.fill('dept-password', o.password);
    await this.fill('dept-local-password', o.localPassword);
    await this.fill('dept-local-password-confirm', o.localPassword);
    await this.page.getByTestId('wizard-dept-finish').click();
    await expect(this.root).toBeHidden({ timeout: 30_000 });
  }

  /** The whole wizard in one go. */
  async complete(school: SchoolData, admin: AdminData) {
    await this.expectVisible();
    await this.fillSchool(school);
    await this.next();
    await this.fillSites(school.sites);
    await this.next();
    await this.fillAdmin(admin);
    await this.next();
    await this.finish();
  }
}
