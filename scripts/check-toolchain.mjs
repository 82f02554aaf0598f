// Runs after `npm install`: proves the project's own Node 24 (the npm `node` package) is
// what npm scripts run, and that the native SQLite driver loads in it. A fresh clone on a
// machine with only Node 20 must end up here with a working toolchain and no manual step.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  console.error(
    `[toolchain] npm scripts run Node ${process.version}, expected 24.x from node_modules/.bin/node.\n` +
      '  Fix: run `npm install` again (the `node` package must be allowed to run its preinstall script).',
  );
  process.exit(1);
}
try {
  const Database = require('better-sqlite3');
  const db = new Database(':memory:');
  const { v } = db.prepare('select sqlite_version() as v').get();
  db.close();
  console.log(`[toolchain] Node ${process.version}, better-sqlite3 with SQLite ${v}: ok`);
} catch (err) {
  console.error('[toolchain] better-sqlite3 does not load in Node 24:', err.message);
  process.exit(1);
}
