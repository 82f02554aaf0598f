import '../../test/dom-env';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { seededBridge } from '../../test/fake-bridge';
import { renderApp } from '../../test/render-app';

afterEach(cleanup);

async function submit(username: string, password: string) {
  await screen.findByTestId('login');
  fireEvent.change(screen.getByTestId('login-username'), { target: { value: username } });
  fireEvent.change(screen.getByTestId('login-password'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('login-submit'));
}

describe('LoginScreen', () => {
  it('shows the school name and a Vietnamese error for a wrong password', async () => {
    renderApp(seededBridge());
    expect(await screen.findByTestId('login-school-name')).toHaveProperty('textContent', 'Trường THCS Nguyễn Du');
    await submit('admin', 'sai-mat-khau');
    const error = await screen.findByTestId('login-error');
    expect(error.textContent).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    // The wrong password is cleared so the next attempt starts clean.
    expect((screen.getByTestId('login-password') as HTMLInputElement).value).toBe('');
  });

  it('asks for both fields before calling the server', async () => {
    const bridge = seededBridge();
    renderApp(bridge);
    await screen.findByTestId('login');
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByText('Vui lòng nhập tên đăng nhập')).toBeTruthy();
    expect(screen.getByText('Vui lòng nhập mật khẩu')).toBeTruthy();
    expect(bridge.calls.some((c) => c.method === 'auth.login')).toBe(false);
  });

  it('opens the app shell with the user and school after a correct login', async () => {
    renderApp(seededBridge());
    await submit('admin', 'matkhau123');
    await screen.findByTestId('app-shell');
    expect(screen.getByTestId('header-user-role').textContent).toBe('Quản trị viên');
    expect((await screen.findByTestId('header-school-name')).textContent).toBe('Trường THCS Nguyễn Du');
  });
});
