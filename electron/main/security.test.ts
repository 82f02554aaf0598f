import { describe, expect, it, vi } from 'vitest';
import {
  denyPermissionCheck,
  denyPermissionRequest,
  denyWebviewAttach,
  navigationGuard,
  shouldBlockRequest,
  windowOpenHandler,
} from './security';

const event = (url: string) => ({ url, preventDefault: vi.fn() });

describe('webContents guards', () => {
  it('navigation: same app origin allowed, everything else prevented', () => {
    const guard = navigationGuard(['app://truong-chuan']);
    const inside = event('app://truong-chuan/ho-so');
    guard(inside);
    expect(inside.preventDefault).not.toHaveBeenCalled();
    for (const url of ['https://example.com', 'file:///etc/passwd', 'app://evil/', 'javascript:alert(1)', 'about:blank']) {
      const e = event(url);
      guard(e);
      expect(e.preventDefault, url).toHaveBeenCalledOnce();
    }
  });

  it('window.open: always denied; safe links opened in the system browser', () => {
    const open = vi.fn();
    const handler = windowOpenHandler(open);
    expect(handler({ url: 'https://moet.gov.vn/' })).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledWith('https://moet.gov.vn/');
    open.mockClear();
    expect(handler({ url: 'file:///C:/Windows/System32/calc.exe' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://truong-chuan/x' })).toEqual({ action: 'deny' });
    expect(open).not.toHaveBeenCalled();
  });

  it('webview attach is prevented', () => {
    const e = { preventDefault: vi.fn() };
    denyWebviewAttach(e);
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('permission requests and checks are all denied', () => {
    const cb = vi.fn();
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) denyPermissionRequest()(null, p, cb);
    expect(cb.mock.calls.every(([granted]) => granted === false)).toBe(true);
    expect(cb).toHaveBeenCalledTimes(5);
    expect(denyPermissionCheck()).toBe(false);
  });

  it('network requests from the renderer session: none in production, only the dev server in dev', () => {
    const prod = ['app://truong-chuan'];
    expect(shouldBlockRequest('https://fonts.googleapis.com/css', prod)).toBe(true);
    expect(shouldBlockRequest('http://127.0.0.1:8080/rpc', prod)).toBe(true);
    const dev = ['http://localhost:5173'];
    expect(shouldBlockRequest('http://localhost:5173/src/main.tsx', dev)).toBe(false);
    expect(shouldBlockRequest('ws://localhost:5173/?token=x', dev)).toBe(false);
    expect(shouldBlockRequest('ws://localhost:9999/', dev)).toBe(true);
    expect(shouldBlockRequest('https://example.com/', dev)).toBe(true);
  });
});
