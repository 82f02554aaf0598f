import '../test/dom-env';
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { controllableTransport, seededBridge } from '../test/fake-bridge';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

function loggedIn(role: 'admin' | 'viewer' = 'admin') {
  const bridge = seededBridge();
  const user = role === 'admin' ? bridge.state.users[0]! : bridge.addUser('nguoixem', 'viewer');
  bridge.state.sessionUserId = user.id;
  return bridge;
}

describe('AppShell', () => {
  it('lists every module in the navigation and routes to it', async () => {
    renderApp(loggedIn(), '/overview');
    await screen.findByTestId('app-shell');
    for (const label of [
      'Tổng quan',
      'Tự đánh giá',
      'Minh chứng',
      'Báo cáo',
      'Tài sản & phòng',
      'Kiểm kê',
      'Đồng bộ',
      'Thẩm định',
      'Cài đặt',
    ]) {
      expect(screen.getByRole('menuitem', { name: label })).toBeTruthy();
    }
    fireEvent.click(screen.getByRole('menuitem', { name: 'Hồ sơ nhà trường' }));
    expect(await screen.findByText('Danh sách điểm trường')).toBeTruthy();
  });

  it('logs out to the login screen', async () => {
    const bridge = loggedIn();
    renderApp(bridge, '/overview');
    fireEvent.click(await screen.findByTestId('user-menu'));
    fireEvent.click(await screen.findByTestId('menu-logout'));
    await screen.findByTestId('login');
    expect(bridge.state.sessionUserId).toBeNull();
  });

  it('goes to the login screen when the server says the session is gone', async () => {
    const bridge = loggedIn();
    renderApp(bridge, '/overview');
    await screen.findByTestId('app-shell');
    bridge.state.sessionUserId = null; // e.g. the backend restarted
    // The users list is not cached yet, so opening it asks the server.
    fireEvent.click(screen.getByRole('menuitem', { name: 'Cài đặt' }));
    await screen.findByTestId('login');
  });

  it('shows the connection banner while the backend is unreachable', async () => {
    const bridge = loggedIn();
    const { transport, setStatus } = controllableTransport(bridge);
    renderApp(bridge, '/overview', transport);
    await screen.findByTestId('app-shell');
    expect(screen.queryByTestId('connection-banner')).toBeNull();
    act(() => setStatus('reconnecting'));
    expect(screen.getByTestId('connection-banner').textContent).toContain('Mất kết nối với máy chủ. Đang kết nối lại…');
    act(() => setStatus('online'));
    await waitFor(() => expect(screen.queryByTestId('connection-banner')).toBeNull());
  });
});
