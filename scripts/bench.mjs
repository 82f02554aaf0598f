// `npm run bench [-- name…]`: runs every bench/*.bench.ts (or the named ones) one after the
// other under the project's Node 24 and prints their results. Numbers worth keeping go to
// docs/benchmarks.md by hand, with the machine they were measured on.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !wanted.length || wanted.some((w) => f.includes(w)))
  .sort();
if (!files.length) {
  console.error(`No benchmark matches ${wanted.join(' ')}`);
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['--expose-gc', path.join('bench', file)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
