// `npm start` / `npm run dev:web`: the whole app in a browser on this machine. Builds the
// renderer, starts the backend with the WebSocket bridge on 127.0.0.1 with the default data
// folder (or --data-dir DIR), and prints the address to open.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const args = process.argv.slice(2);
const port = process.env.PORT ?? '5180';

const build = spawnSync(bin('vite'), ['build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const child = spawn(bin('tsx'), ['src/backend/entry.bridge.ts', '--port', port, '--static', 'out/web', ...args], {
  cwd: root,
  stdio: ['inherit', 'pipe', 'inherit'],
});
child.stdout.on('data', (chunk) => {
  const text = chunk.toString();
  process.stdout.write(text);
  const m = /BRIDGE_URL=(\S+)/.exec(text);
  if (m) console.log(`\nTrường Chuẩn đang chạy: mở ${m[1]} trong trình duyệt (Ctrl+C để dừng).`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
