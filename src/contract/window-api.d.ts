import type { ApiBridge } from './methods';

/**
 * `window.api` is exposed by the Electron preload (electron/preload/index.ts) and is the
 * renderer's only way to reach the backend in the desktop app. Absent in a plain browser
 * (dev:web), where the renderer uses the WebSocket client instead.
 */
declare global {
  interface Window {
    api?: ApiBridge;
  }
}

export {};
