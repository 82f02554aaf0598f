// Builds the renderer, then runs the Playwright suite (Debian's Chromium) against the real
// backend through the WebSocket bridge. Used by `npm test` and `npm run test:e2e`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step(bin('vite'), ['build', '--config', 'vite.web.config.ts', '--logLevel', 'warn']);
const reporters = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? ['--reporter=list,json'] : [];
step(bin('playwright'), ['test', '-c', 'playwright.config.ts', ...reporters, ...process.argv.slice(2)]);
