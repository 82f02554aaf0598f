#!/usr/bin/env node
// The `truong-chuan` command. It needs Node 24 (the project's own, from the npm `node`
// package); started by an older node (say the system's Node 20), it re-runs itself under
// node_modules/.bin/node so `npx truong-chuan …` works on a machine with only Node 20.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const major = Number(process.versions.node.split('.')[0]);

if (major < 24) {
  // The npm `node` package links the real executable into node_modules/node/bin (node.exe on
  // Windows): spawn it directly, without a shell, so arguments with spaces stay whole.
  const node24 = path.join(root, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(node24)) {
    console.error(`Trường Chuẩn cần Node 24 (đang chạy ${process.version}). Hãy chạy "npm install" trong thư mục dự án.`);
    process.exit(1);
  }
  const run = spawnSync(node24, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

// A packaged build ships the bundled CLI; a source checkout runs the TypeScript through tsx.
const bundled = path.join(root, 'out', 'cli', 'main.js');
if (existsSync(bundled) && !process.env.TRUONG_CHUAN_FROM_SOURCE) {
  await import(pathToFileURL(bundled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(root, 'src', 'cli', 'main.ts')).href);
}
