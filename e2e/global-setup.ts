import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Newest modification time under `dir` (files only), 0 when it does not exist. */
function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.includes('.test.')) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export default function globalSetup(): void {
  if (!fs.existsSync(chromium)) {
    throw new Error(
      `Chromium không có ở ${chromium} (Chromium binary not found).\n` +
        '  Cài bằng: sudo apt-get install chromium   (Debian/Ubuntu; the e2e tests never download a browser)\n' +
        '  hoặc đặt biến môi trường CHROMIUM_PATH=/đường/dẫn/tới/chromium',
    );
  }
  if (!fs.existsSync(path.join(root, 'src/backend/entry.bridge.ts'))) {
    throw new Error('src/backend/entry.bridge.ts is missing: the e2e tests need the backend bridge.');
  }

  // The bridge serves out/web: rebuild it when any renderer, contract or core source is newer.
  const built = path.join(root, 'out/web/index.html');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  const sourcesAt = Math.max(
    newestMtime(path.join(root, 'src/renderer')),
    newestMtime(path.join(root, 'src/contract')),
    newestMtime(path.join(root, 'src/core')),
    fs.statSync(path.join(root, 'vite.web.config.ts')).mtimeMs,
  );
  if (builtAt > sourcesAt) return;
  console.log('[e2e] building the renderer (vite build --config vite.web.config.ts)…');
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const res = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (res.status !== 0) throw new Error('The renderer build failed; see the output above.');
}
