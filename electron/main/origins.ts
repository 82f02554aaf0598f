import { APP_ORIGIN, APP_SCHEME } from './constants';

/**
 * Origin checks shared by the IPC guard and the navigation guards. Node's WHATWG URL gives
 * `origin === 'null'` for schemes it does not know (app:), so the app origin is rebuilt from
 * protocol and host here instead of trusting `url.origin`.
 */
export function originOf(rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  if (url.protocol === `${APP_SCHEME}:` && url.host !== '' && !url.username && !url.password && !url.port) {
    return `${url.protocol}//${url.host.toLowerCase()}`;
  }
  return null;
}

/** The origins our own pages are loaded from: app://truong-chuan, plus the dev server in dev. */
export function trustedOrigins(devServerUrl: string | null): readonly string[] {
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  return dev ? [dev] : [APP_ORIGIN];
}

export function isTrustedUrl(rawUrl: string, trusted: readonly string[]): boolean {
  const origin = originOf(rawUrl);
  return origin !== null && trusted.includes(origin);
}

/**
 * The dev server URL is honoured only for an unpackaged app and only on loopback http(s):
 * a packaged app never loads remote code because an environment variable says so.
 */
export function acceptDevServerUrl(raw: string | undefined, isPackaged: boolean): string | null {
  if (isPackaged || !raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return null;
  return url.toString();
}

const MAX_EXTERNAL_URL = 2048;

/**
 * Links the renderer may hand to the system browser (target=_blank, window.open): http(s)
 * only, with a host, no embedded credentials, bounded length. Everything else (file:,
 * javascript:, custom schemes that start other programs, smb:, ms-* handlers) is refused.
 */
export function isSafeExternalUrl(rawUrl: string): boolean {
  if (typeof rawUrl !== 'string' || rawUrl.length === 0 || rawUrl.length > MAX_EXTERNAL_URL) return false;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return false;
  return true;
}

export type NavigationDecision = 'allow' | 'deny';

/** will-navigate / will-redirect / will-frame-navigate: stay on our own origin, always. */
export function decideNavigation(targetUrl: string, trusted: readonly string[]): NavigationDecision {
  return isTrustedUrl(targetUrl, trusted) ? 'allow' : 'deny';
}

/** window.open / target=_blank: never a new Electron window; safe links go to the browser. */
export function decideWindowOpen(targetUrl: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isSafeExternalUrl(targetUrl) };
}
