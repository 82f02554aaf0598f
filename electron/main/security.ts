import { decideNavigation, decideWindowOpen, isTrustedUrl } from './origins';

/**
 * Event handlers that lock down every webContents and the default session. Written against
 * minimal structural types (no Electron import) so tests can drive them with plain objects;
 * index.ts attaches them to the real objects in `app.on('web-contents-created')`.
 */

export interface Preventable {
  url: string;
  preventDefault(): void;
}

type Log = (message: string) => void;

/** will-navigate, will-frame-navigate, will-redirect: only our own origin. */
export function navigationGuard(trustedOrigins: readonly string[], log: Log = () => {}) {
  return (event: Preventable): void => {
    if (decideNavigation(event.url, trustedOrigins) === 'deny') {
      event.preventDefault();
      log(`navigation blocked: ${event.url.slice(0, 200)}`);
    }
  };
}

/** setWindowOpenHandler: never a new Electron window; safe http(s) links open in the browser. */
export function windowOpenHandler(openExternal: (url: string) => void, log: Log = () => {}) {
  return (details: { url: string }): { action: 'deny' } => {
    const d = decideWindowOpen(details.url);
    if (d.openExternally) openExternal(details.url);
    else log(`window.open blocked: ${details.url.slice(0, 200)}`);
    return { action: 'deny' };
  };
}

/** will-attach-webview: <webview> is never allowed (webviewTag is off as well). */
export function denyWebviewAttach(event: { preventDefault(): void }): void {
  event.preventDefault();
}

/** Permission requests (camera, notifications, clipboard-read, …) are all refused. */
export function denyPermissionRequest(log: Log = () => {}) {
  return (_contents: unknown, permission: string, callback: (granted: boolean) => void): void => {
    log(`permission denied: ${permission}`);
    callback(false);
  };
}

export const denyPermissionCheck = (): boolean => false;

/**
 * Second layer behind the CSP: the renderer's session may not reach the network at all in
 * production; in dev only the Vite dev server. (electron-updater uses its own session.)
 */
export function shouldBlockRequest(url: string, trustedOrigins: readonly string[]): boolean {
  // Vite's HMR socket (ws://localhost:5173) counts as the dev server's origin.
  const asHttp = url.replace(/^ws(s?):/i, 'http$1:');
  return !isTrustedUrl(asHttp, trustedOrigins);
}
