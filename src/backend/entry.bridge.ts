/**
 * Backend + WebSocket bridge for the browser (`npm run dev:web`, e2e). Prints
 * `BRIDGE_URL=<url>` when ready; stops cleanly on SIGINT/SIGTERM.
 *   tsx src/backend/entry.bridge.ts [--data-dir DIR] [--port N] [--host H] [--static DIR]
 */
import path from 'node:path';
import { openBackend } from './backend';
import { readArg } from './platform/args';
import { defaultDataDir, defaultResourcesDir } from './platform/paths';
import { startBridge } from './transports/ws-bridge';

const argv = process.argv.slice(2);
const dataDir = path.resolve(readArg(argv, 'data-dir') ?? defaultDataDir());
const staticDir = readArg(argv, 'static');

try {
  const backend = await openBackend({
    dataDir,
    resourcesDir: readArg(argv, 'resources') ?? defaultResourcesDir(),
    log: (level, message, extra) => console[level === 'error' ? 'error' : 'log'](`[backend] ${message}`, extra ?? ''),
  });
  const bridge = await startBridge({
    router: backend.router,
    host: readArg(argv, 'host') ?? '127.0.0.1',
    port: Number(readArg(argv, 'port') ?? 0),
    staticDir: staticDir ? path.resolve(staticDir) : undefined,
    // Fixed token only for scripted clients (tests); the page gets it injected either way.
    token: process.env.TRUONG_CHUAN_BRIDGE_TOKEN || undefined,
  });
  console.log(`[backend] data: ${dataDir}`);
  console.log(`BRIDGE_URL=${bridge.url}`);
  const stop = async () => {
    await bridge.close();
    await backend.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  console.error(`[backend] không khởi động được: ${(err as Error).message}`);
  process.exit(1);
}
