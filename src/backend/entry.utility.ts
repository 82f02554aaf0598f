/**
 * Backend entry inside Electron's utilityProcess. Main passes --data-dir (userData) and
 * --resources; messages arrive on process.parentPort.
 */
import path from 'node:path';
import { openBackend } from './backend';
import { readArg } from './platform/args';
import { defaultDataDir, defaultResourcesDir } from './platform/paths';
import { SealedSecretStore } from './platform/sealed-secret-store';
import { portSealer, serveParentPort, type ParentPortLike } from './transports/utility-process';

const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!port) throw new Error('entry.utility must run in an Electron utilityProcess');
const argv = process.argv.slice(2);

const dataDir = readArg(argv, 'data-dir') ?? defaultDataDir();

try {
  const backend = await openBackend({
    dataDir,
    // Tokens at rest are sealed by main's safeStorage (electron/main/secret-sealer.ts).
    secrets: new SealedSecretStore(path.join(dataDir, 'secrets'), portSealer(port), (m) => console.error(m)),
    resourcesDir: readArg(argv, 'resources') ?? defaultResourcesDir(),
    log: (level, message, extra) => console[level === 'error' ? 'error' : 'log'](message, extra ?? ''),
  });
  serveParentPort(port, backend.router, {
    pendingWrites: () => backend.writes.pending,
    shutdown: async () => {
      await backend.close();
      process.exit(0);
    },
    log: (message) => console.error(message),
  });
} catch (err) {
  const e = err as { message: string; code?: string };
  port.postMessage({ type: 'fatal', message: e.message, code: e.code });
}
