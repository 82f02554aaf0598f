import '../../test/dom-env';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge } from '../../test/fake-bridge';
import { renderApp } from '../../test/render-app';
import { ReviewBridge } from '../../modules/review/test-support';

afterEach(cleanup);

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const next = () => fireEvent.click(screen.getByTestId('wizard-next'));

async function fillSchoolStep() {
  await screen.findByTestId('wizard');
  type('school-name', 'Trường THCS Lê Quý Đôn');
  type('school-address', '5 Trần Phú, Hà Đông');
  type('school-principal', 'Nguyễn Văn An');
  fireEvent.click(screen.getByLabelText('THCS'));
}

describe('FirstRunWizard', () => {
  it('refuses to leave step 1 without an education level', async () => {
    renderApp(new FakeBridge());
    await screen.findByTestId('wizard');
    type('school-name', 'Trường Tiểu học Kim Đồng');
    next();
    expect(await screen.findByText('Chọn ít nhất một cấp học')).toBeTruthy();
    // Still on the first step.
    expect(screen.getByTestId('wizard-step-school').hidden).toBe(false);
    expect(screen.getByTestId('wizard-step-sites').hidden).toBe(true);
  });

  it('pre-fills the main site with the school address', async () => {
    renderApp(new FakeBridge());
    await fillSchoolStep();
    next();
    await waitFor(() => expect(screen.getByTestId('wizard-step-sites').hidden).toBe(false));
    expect((screen.getByTestId('site-name-0') as HTMLInputElement).value).toBe('Điểm trường chính');
    expect((screen.getByTestId('site-address-0') as HTMLInputElement).value).toBe('5 Trần Phú, Hà Đông');
    expect((screen.getByTestId('site-main-0') as HTMLInputElement).checked).toBe(true);
  });

  it('says so when the two passwords differ', async () => {
    renderApp(new FakeBridge());
    await fillSchoolStep();
    next();
    await waitFor(() => expect(screen.getByTestId('wizard-step-sites').hidden).toBe(false));
    next();
    await waitFor(() => expect(screen.getByTestId('wizard-step-admin').hidden).toBe(false));
    // The principal's name is offered for the admin account.
    expect((screen.getByTestId('admin-display-name') as HTMLInputElement).value).toBe('Nguyễn Văn An');
    type('admin-username', 'hieutruong');
    type('admin-password', 'matkhau-123');
    type('admin-password-confirm', 'matkhau-124');
    next();
    expect(await screen.findByText('Mật khẩu nhập lại không khớp')).toBeTruthy();
    expect(screen.getByTestId('wizard-step-admin').hidden).toBe(false);
  });

  it('creates the school with two sites and its admin, then opens the app', async () => {
    const bridge = new FakeBridge();
    renderApp(bridge);
    await fillSchoolStep();
    next();
    await waitFor(() => expect(screen.getByTestId('wizard-step-sites').hidden).toBe(false));
    fireEvent.click(screen.getByTestId('site-add'));
    type('site-name-1', 'Điểm trường Yên Nghĩa');
    type('site-address-1', 'Thôn 3, Yên Nghĩa');
    next();
    await waitFor(() => expect(screen.getByTestId('wizard-step-admin').hidden).toBe(false));
    type('admin-username', 'hieutruong');
    type('admin-password', 'matkhau-123');
    type('admin-password-confirm', 'matkhau-123');
    next();
    const review = await screen.findByTestId('wizard-step-review');
    expect(within(review).getByText('Điểm trường Yên Nghĩa')).toBeTruthy();
    fireEvent.click(screen.getByTestId('wizard-finish'));

    await screen.findByTestId('app-shell');
    expect(bridge.state.school?.levels).toEqual(['thcs']);
    expect(bridge.state.school?.sites.map((s) => [s.name, s.isMain])).toEqual([
      ['Điểm trường chính', true],
      ['Điểm trường Yên Nghĩa', false],
    ]);
    expect(bridge.state.users.map((u) => [u.username, u.role, u.displayName])).toEqual([
      ['hieutruong', 'admin', 'Nguyễn Văn An'],
    ]);
    expect(await screen.findByTestId('header-user-name')).toHaveProperty('textContent', 'Nguyễn Văn An');
  });

  it('sets up a department workstation in one step and opens Thẩm định with the school modules hidden', async () => {
    const bridge = new ReviewBridge();
    renderApp(bridge);
    await fillSchoolStep();
    fireEvent.click(screen.getByText('Phòng/Sở GDĐT – máy thẩm định'));
    const dept = await screen.findByTestId('wizard-dept');
    // The school steps are out of the way (and keep what was typed).
    expect(screen.getByTestId('wizard-step-school').closest('[hidden]')).not.toBeNull();

    fireEvent.click(within(dept).getByTestId('wizard-dept-finish'));
    expect(await within(dept).findByText('Vui lòng nhập địa chỉ máy chủ của Sở')).toBeTruthy();
    expect(bridge.calls.some((c) => c.method === 'review.initWorkstation')).toBe(false);

    type('dept-server-url', 'https://dongbo.sogd.edu.vn');
    type('dept-username', 'pgd.admin');
    type('dept-password', 'sai');
    type('dept-local-password', 'may-tham-dinh-1');
    type('dept-local-password-confirm', 'may-tham-dinh-1');
    fireEvent.click(within(dept).getByTestId('wizard-dept-finish'));
    // A wrong server password shows on its field; nothing is set up.
    expect(await within(dept).findByText('Tên đăng nhập hoặc mật khẩu trên máy chủ của Sở không đúng.')).toBeTruthy();
    expect(bridge.state.school).toBeNull();

    type('dept-password', 'dung');
    fireEvent.click(within(dept).getByTestId('wizard-dept-finish'));
    await screen.findByTestId('app-shell');
    // Thẩm định is loaded on first visit (lazy): give it the time a shared 2-core machine needs.
    expect(await screen.findByTestId('rv-inbox', {}, { timeout: 8000 })).toBeTruthy();
    expect(bridge.calls.filter((c) => c.method === 'review.initWorkstation').at(-1)?.params).toEqual({
      serverUrl: 'https://dongbo.sogd.edu.vn',
      username: 'pgd.admin',
      password: 'dung',
      localPassword: 'may-tham-dinh-1',
    });
    expect(bridge.state.users.map((u) => [u.username, u.role, u.displayName])).toEqual([
      ['pgd.admin', 'admin', 'Nguyễn Văn Quản'],
    ]);
    expect(screen.getByTestId('header-school-name').textContent).toBe('Phòng GD&ĐT Quận 1');
    const menu = within(screen.getByTestId('nav'))
      .getAllByRole('menuitem')
      .map((i) => i.textContent);
    expect(menu).toEqual(['Bộ tiêu chí', 'Thẩm định', 'Cài đặt']);
  });

  it('goes back to the school steps with what was typed', async () => {
    renderApp(new ReviewBridge());
    await fillSchoolStep();
    fireEvent.click(screen.getByText('Phòng/Sở GDĐT – máy thẩm định'));
    await screen.findByTestId('wizard-dept');
    fireEvent.click(screen.getByText('Trường học'));
    await waitFor(() => expect(screen.queryByTestId('wizard-dept')).toBeNull());
    expect((screen.getByTestId('school-name') as HTMLInputElement).value).toBe('Trường THCS Lê Quý Đôn');
    next();
    await waitFor(() => expect(screen.getByTestId('wizard-step-sites').hidden).toBe(false));
  });
});
