import '../../test/dom-env';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { seededBridge } from '../../test/fake-bridge';
import { renderApp } from '../../test/render-app';

afterEach(cleanup);

describe('SchoolProfileScreen', () => {
  it('is read-only for a user who is not an admin', async () => {
    const bridge = seededBridge();
    const viewer = bridge.addUser('thuky', 'secretary');
    bridge.state.sessionUserId = viewer.id;
    renderApp(bridge, '/school');
    await screen.findByTestId('profile-view');
    expect(screen.getByTestId('profile-readonly').textContent).toContain('Chỉ quản trị viên được chỉnh sửa');
    expect(screen.queryByTestId('profile-edit')).toBeNull();
    expect(screen.getByTestId('profile-field-principal').textContent).toBe('Trần Thị Bích');
  });

  it('lets an admin change the principal and phone', async () => {
    const bridge = seededBridge();
    bridge.state.sessionUserId = bridge.state.users[0]!.id;
    renderApp(bridge, '/school');
    fireEvent.click(await screen.findByTestId('profile-edit'));
    fireEvent.change(screen.getByTestId('school-principal'), { target: { value: 'Lê Văn Cường' } });
    fireEvent.change(screen.getByTestId('school-phone'), { target: { value: '028 3999 8888' } });
    fireEvent.click(screen.getByTestId('profile-save'));
    await waitFor(() => expect(screen.getByTestId('profile-field-principal').textContent).toBe('Lê Văn Cường'));
    expect(screen.getByTestId('profile-field-phone').textContent).toBe('028 3999 8888');
    expect(bridge.state.school?.rev).toBe(2);
    // The existing site keeps its id: an edit does not recreate sites.
    expect(bridge.state.school?.sites).toHaveLength(1);
  });

  it('rejects a malformed phone number before saving', async () => {
    const bridge = seededBridge();
    bridge.state.sessionUserId = bridge.state.users[0]!.id;
    renderApp(bridge, '/school');
    fireEvent.click(await screen.findByTestId('profile-edit'));
    fireEvent.change(screen.getByTestId('school-phone'), { target: { value: 'gọi cô Lan' } });
    fireEvent.click(screen.getByTestId('profile-save'));
    expect(await screen.findByText('Số điện thoại không hợp lệ')).toBeTruthy();
    expect(bridge.calls.some((c) => c.method === 'school.update')).toBe(false);
  });

  it('tells the admin when someone else saved first, and reloads', async () => {
    const bridge = seededBridge();
    bridge.state.sessionUserId = bridge.state.users[0]!.id;
    renderApp(bridge, '/school');
    fireEvent.click(await screen.findByTestId('profile-edit'));
    // Another admin saves meanwhile.
    bridge.state.school = { ...bridge.state.school!, principal: 'Phạm Minh Đức', rev: 5 };
    fireEvent.change(screen.getByTestId('school-phone'), { target: { value: '0909 000 111' } });
    fireEvent.click(screen.getByTestId('profile-save'));
    expect((await screen.findAllByText(/Người khác vừa cập nhật hồ sơ nhà trường/)).length).toBeGreaterThan(0);
    await waitFor(() => expect(screen.getByTestId('profile-field-principal').textContent).toBe('Phạm Minh Đức'));
    expect(bridge.state.school?.phone).toBe('028 3822 1234');
  });
});
