/**
 * Standalone entry for the department server: `npx tsx src/server/run.ts [--data-dir D]
 * [--port P] [--host H]`, configuration otherwise from the environment (see config.ts). Used
 * by e2e tests and process supervisors; people use `truong-chuan server start`.
 */
import { parseArgs } from 'node:util';
import { resolveConfig } from './config';
import { serveUntilStopped } from './main';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
  },
});

try {
  const config = resolveConfig({ dataDir: values['data-dir'], port: values.port, host: values.host });
  await serveUntilStopped(config);
  process.exit(0);
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
