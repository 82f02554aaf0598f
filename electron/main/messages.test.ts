import { describe, expect, it } from 'vitest';
import { fatalDialog, gaveUpDialog } from './messages';

describe('startup dialogs', () => {
  it('DATA_TOO_NEW asks to update the app and offers no retry (retrying cannot help)', () => {
    const d = fatalDialog('DATA_TOO_NEW', 'Cơ sở dữ liệu phiên bản 0005 mới hơn 0003', '/home/gv/.config/Trường Chuẩn');
    expect(d.message).toMatch(/phiên bản Trường Chuẩn mới hơn/);
    expect(d.detail).toContain('0005');
    expect(d.detail).toContain('/home/gv/.config/Trường Chuẩn');
    expect(d.buttons.map((b) => b.action)).toEqual(['quit', 'open-data-folder']);
  });

  it('other fatal errors can be retried', () => {
    const d = fatalDialog(undefined, 'SQLITE_CANTOPEN', '/data');
    expect(d.buttons.map((b) => b.action)).toEqual(['retry', 'open-data-folder', 'quit']);
    expect(d.detail).toContain('SQLITE_CANTOPEN');
  });

  it('crash loop dialog names the exit code and the log file', () => {
    const d = gaveUpDialog(134, '/data');
    expect(d.detail).toContain('134');
    expect(d.detail).toContain('backend.log');
    expect(d.buttons[0]!.label).toBe('Thử lại');
  });
});
