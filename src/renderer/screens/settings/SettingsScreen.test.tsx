import '../../test/dom-env';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { seededBridge } from '../../test/fake-bridge';
import { renderApp } from '../../test/render-app';
import { currentLanguage, setLanguage } from '../../i18n';

afterEach(async () => {
  cleanup();
  await setLanguage('vi');
});

describe('SettingsScreen', () => {
  it('lets an admin add a user', async () => {
    const bridge = seededBridge();
    bridge.state.sessionUserId = bridge.state.users[0]!.id;
    renderApp(bridge, '/settings/users');
    const table = await screen.findByTestId('users-table');
    await within(table).findByText('admin');
    fireEvent.click(screen.getByTestId('users-add'));
    fireEvent.change(screen.getByTestId('add-user-display-name'), { target: { value: 'Phạm Thu Hà' } });
    fireEvent.change(screen.getByTestId('add-user-username'), { target: { value: 'thuha' } });
    fireEvent.change(screen.getByTestId('add-user-password'), { target: { value: 'matkhau-ha-1' } });
    fireEvent.change(screen.getByTestId('add-user-confirm'), { target: { value: 'matkhau-ha-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Thêm' }));
    await within(table).findByText('thuha');
    expect(bridge.state.users.find((u) => u.username === 'thuha')).toMatchObject({ role: 'viewer', displayName: 'Phạm Thu Hà' });
  });

  it('shows a taken username on the field', async () => {
    const bridge = seededBridge();
    bridge.state.sessionUserId = bridge.state.users[0]!.id;
    renderApp(bridge, '/settings/users');
    await screen.findByTestId('users-table');
    fireEvent.click(screen.getByTestId('users-add'));
    fireEvent.change(screen.getByTestId('add-user-display-name'), { target: { value: 'Người trùng tên' } });
    fireEvent.change(screen.getByTestId('add-user-username'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByTestId('add-user-password'), { target: { value: 'matkhau-123' } });
    fireEvent.change(screen.getByTestId('add-user-confirm'), { target: { value: 'matkhau-123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Thêm' }));
    expect(await screen.findByText('Tên đăng nhập đã tồn tại')).toBeTruthy();
  });

  it('offers a non-admin only the password and language tabs', async () => {
    const bridge = seededBridge();
    bridge.state.sessionUserId = bridge.addUser('canbo', 'equipment_officer').id;
    renderApp(bridge, '/settings');
    await screen.findByTestId('change-password');
    const tabs = screen.getAllByRole('tab').map((t) => t.textContent);
    expect(tabs).toEqual(['Đổi mật khẩu', 'Ngôn ngữ']);
  });

  it('puts a wrong current password on its field', async () => {
    const bridge = seededBridge();
    bridge.state.sessionUserId = bridge.state.users[0]!.id;
    renderApp(bridge, '/settings/password');
    await screen.findByTestId('change-password');
    fireEvent.change(screen.getByTestId('cp-current'), { target: { value: 'khong-dung' } });
    fireEvent.change(screen.getByTestId('cp-new'), { target: { value: 'matkhau-moi-1' } });
    fireEvent.change(screen.getByTestId('cp-confirm'), { target: { value: 'matkhau-moi-1' } });
    fireEvent.click(screen.getByTestId('cp-submit'));
    expect(await screen.findByText('Mật khẩu hiện tại không đúng')).toBeTruthy();
    expect(bridge.state.users[0]!.password).toBe('matkhau123');
  });

  it('switches the interface to English and remembers it', async () => {
    const bridge = seededBridge();
    bridge.state.sessionUserId = bridge.state.users[0]!.id;
    renderApp(bridge, '/settings/language');
    fireEvent.click(await screen.findByLabelText('English'));
    await waitFor(() => expect(screen.getByRole('menuitem', { name: 'Settings' })).toBeTruthy());
    expect(currentLanguage()).toBe('en');
    expect(localStorage.getItem('tc.lang')).toBe('en');
  });

  it('shows the database check to an admin', async () => {
    const bridge = seededBridge();
    bridge.state.sessionUserId = bridge.state.users[0]!.id;
    renderApp(bridge, '/settings/database');
    const check = await screen.findByTestId('db-check');
    expect(within(check).getByText('Bình thường')).toBeTruthy();
    expect(within(check).getByText('wal')).toBeTruthy();
  });
});
