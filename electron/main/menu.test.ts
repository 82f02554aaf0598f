import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuOptions } from './menu';

const base: MenuOptions = {
  dev: false,
  updater: 'off',
  onCheckForUpdates: vi.fn(),
  onInstallUpdate: vi.fn(),
  onOpenDataFolder: vi.fn(),
  onAbout: vi.fn(),
};

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('application menu', () => {
  it('is in Vietnamese', () => {
    expect(buildMenuTemplate(base).map((m) => m.label)).toEqual(['Tệp', 'Chỉnh sửa', 'Xem', 'Trợ giúp']);
  });

  it('has no developer tools and no reload in production', () => {
    const roles = flatten(buildMenuTemplate(base)).map((i) => i.role);
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forceReload');
  });

  it('offers developer tools in dev', () => {
    expect(flatten(buildMenuTemplate({ ...base, dev: true })).map((i) => i.role)).toContain('toggleDevTools');
  });

  it('shows update items according to the updater status', () => {
    const labels = (u: MenuOptions['updater']) => flatten(buildMenuTemplate({ ...base, updater: u })).map((i) => i.label);
    expect(labels('off')).not.toContain('Kiểm tra cập nhật');
    expect(labels('idle')).toContain('Kiểm tra cập nhật');
    expect(labels('ready')).toContain('Cài đặt bản cập nhật và khởi động lại');
    expect(labels('idle')).not.toContain('Cài đặt bản cập nhật và khởi động lại');
  });
});
