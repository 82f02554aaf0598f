import type { MenuItemConstructorOptions } from 'electron';

/**
 * The minimal Vietnamese application menu. Built as plain data (type-only Electron import)
 * so tests can check that developer tools and reload appear only in dev.
 */
export interface MenuOptions {
  dev: boolean;
  updater: 'off' | 'idle' | 'downloading' | 'ready';
  onCheckForUpdates: () => void;
  onInstallUpdate: () => void;
  onOpenDataFolder: () => void;
  onAbout: () => void;
}

export function buildMenuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'zoomIn', label: 'Phóng to' },
    { role: 'zoomOut', label: 'Thu nhỏ' },
    { role: 'resetZoom', label: 'Cỡ chữ mặc định' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Toàn màn hình' },
  ];
  if (o.dev) {
    view.push(
      { type: 'separator' },
      { role: 'reload', label: 'Tải lại (phát triển)' },
      { role: 'toggleDevTools', label: 'Công cụ phát triển' },
    );
  }
  const help: MenuItemConstructorOptions[] = [];
  if (o.updater !== 'off') {
    help.push({
      label: o.updater === 'downloading' ? 'Đang tải bản cập nhật…' : 'Kiểm tra cập nhật',
      enabled: o.updater === 'idle',
      click: o.onCheckForUpdates,
    });
  }
  if (o.updater === 'ready') {
    help.push({ label: 'Cài đặt bản cập nhật và khởi động lại', click: o.onInstallUpdate });
  }
  help.push(
    { label: 'Mở thư mục dữ liệu', click: o.onOpenDataFolder },
    { type: 'separator' },
    { label: 'Giới thiệu Trường Chuẩn', click: o.onAbout },
  );
  return [
    { label: 'Tệp', submenu: [{ role: 'quit', label: 'Thoát' }] },
    {
      label: 'Chỉnh sửa',
      submenu: [
        { role: 'undo', label: 'Hoàn tác' },
        { role: 'redo', label: 'Làm lại' },
        { type: 'separator' },
        { role: 'cut', label: 'Cắt' },
        { role: 'copy', label: 'Sao chép' },
        { role: 'paste', label: 'Dán' },
        { role: 'selectAll', label: 'Chọn tất cả' },
      ],
    },
    { label: 'Xem', submenu: view },
    { label: 'Trợ giúp', submenu: help },
  ];
}
