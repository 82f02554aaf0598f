import { describe, expect, it } from 'vitest';
import {
  acceptDevServerUrl,
  decideNavigation,
  decideWindowOpen,
  isSafeExternalUrl,
  isTrustedUrl,
  originOf,
  trustedOrigins,
} from './origins';

describe('originOf', () => {
  it.each([
    ['app://truong-chuan/index.html', 'app://truong-chuan'],
    ['app://TRUONG-CHUAN/x', 'app://truong-chuan'],
    ['http://localhost:5173/src/main.tsx', 'http://localhost:5173'],
    ['https://moet.gov.vn/a?b', 'https://moet.gov.vn'],
    ['file:///etc/passwd', null],
    ['app://user@truong-chuan/', null],
    ['app://truong-chuan:99/', null],
    ['javascript:alert(1)', null],
    ['nonsense', null],
  ])('%s → %s', (url, origin) => expect(originOf(url)).toBe(origin));
});

describe('trusted origins and navigation', () => {
  const prod = trustedOrigins(null);
  const dev = trustedOrigins('http://localhost:5173/');

  it('production trusts only app://truong-chuan; dev only the dev server', () => {
    expect(prod).toEqual(['app://truong-chuan']);
    expect(dev).toEqual(['http://localhost:5173']);
  });

  it.each([
    ['app://truong-chuan/ho-so', 'allow'],
    ['app://truong-chuan.evil/x', 'deny'],
    ['app://other/x', 'deny'],
    ['https://example.com/', 'deny'],
    ['http://localhost:5173/', 'deny'],
    ['file:///C:/Windows/system32/calc.exe', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['data:text/html,<script>1</script>', 'deny'],
  ] as const)('prod: navigate to %s → %s', (url, decision) => {
    expect(decideNavigation(url, prod)).toBe(decision);
  });

  it('dev: only the dev server origin', () => {
    expect(decideNavigation('http://localhost:5173/x', dev)).toBe('allow');
    expect(decideNavigation('http://localhost:5174/x', dev)).toBe('deny');
    expect(isTrustedUrl('app://truong-chuan/', dev)).toBe(false);
  });
});

describe('external links (shell.openExternal)', () => {
  it.each([
    ['https://moet.gov.vn/van-ban', true],
    ['http://example.com', true],
    ['HTTPS://EXAMPLE.COM/A', true],
    ['file:///C:/Windows/system32/calc.exe', false],
    ['javascript:alert(1)', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['smb://server/share', false],
    ['mailto:a@b.vn', false],
    ['app://truong-chuan/', false],
    ['https://user:pass@example.com/', false],
    ['https://', false],
    ['', false],
    [`https://example.com/${'a'.repeat(3000)}`, false],
  ])('%s → %s', (url, ok) => expect(isSafeExternalUrl(url)).toBe(ok));

  it('window.open is always denied as a window; safe links go to the browser', () => {
    expect(decideWindowOpen('https://example.com')).toEqual({ action: 'deny', openExternally: true });
    expect(decideWindowOpen('file:///etc/passwd')).toEqual({ action: 'deny', openExternally: false });
    expect(decideWindowOpen('app://truong-chuan/other')).toEqual({ action: 'deny', openExternally: false });
  });
});

describe('acceptDevServerUrl', () => {
  it('is ignored in a packaged app, whatever the environment says', () => {
    expect(acceptDevServerUrl('http://localhost:5173', true)).toBeNull();
  });
  it('accepts only loopback http(s)', () => {
    expect(acceptDevServerUrl('http://localhost:5173', false)).toBe('http://localhost:5173/');
    expect(acceptDevServerUrl('http://127.0.0.1:5173/', false)).toBe('http://127.0.0.1:5173/');
    expect(acceptDevServerUrl('https://evil.example/', false)).toBeNull();
    expect(acceptDevServerUrl('file:///tmp/index.html', false)).toBeNull();
    expect(acceptDevServerUrl(undefined, false)).toBeNull();
    expect(acceptDevServerUrl('::', false)).toBeNull();
  });
});
