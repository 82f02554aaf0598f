// `npm test`: the whole suite, the same on a laptop and in CI.
// lint → typecheck → vitest (core, backend, server on SQLite and PostgreSQL, renderer) →
// Playwright end to end in Chromium. Ends with one line "N passed, M failed".
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- unit` runs one stage

let passed = 0;
let failed = 0;
const problems = [];

const wanted = (name) => !only.length || only.includes(name);

/** Runs one stage; returns true/false, or null when the stage was not asked for. */
function run(name, cmd, args, env = {}) {
  if (!wanted(name)) return null;
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (!ok) problems.push(name);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  console.error(`npm test must run under the project's Node 24 (got ${process.version}). Run it through npm: npm test`);
  process.exit(1);
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

// Lint and each type check count as one check each in the closing line. They need no
// database or browser and are CPU-bound single processes, so they run two at a time (one per
// core of the CI machine); each one's output is printed whole when it ends.
function runBuffered(name, cmd, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd: root, env: process.env });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('close', (code) => {
      const ok = code === 0;
      console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
      process.stdout.write(Buffer.concat(out));
      console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (!ok) problems.push(name);
      resolve(ok);
    });
  });
}

const staticChecks = [
  ['lint', bin('eslint'), ['--max-warnings', '0', '.']],
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']],
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.dom.json', '--noEmit']],
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.e2e.json', '--noEmit']],
].filter(([name]) => wanted(name));
const queue = [...staticChecks];
await Promise.all(
  [0, 1].map(async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (await runBuffered(...next)) passed++;
      else failed++;
    }
  }),
);

const vitestJson = path.join(tmp, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
run('unit', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const v = readJson(vitestJson);
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests + (v.numTotalTestSuites === 0 ? 1 : 0);
} else if (wanted('unit')) failed++;

const pwJson = path.join(tmp, 'playwright.json');
fs.rmSync(pwJson, { force: true });
run('e2e', process.execPath, [path.join(root, 'scripts', 'e2e.mjs')], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
const p = readJson(pwJson);
if (p?.stats) {
  // A flaky test failed once and passed on a retry: it counts as passed and is named here.
  passed += p.stats.expected + (p.stats.flaky ?? 0);
  failed += p.stats.unexpected;
  if (p.stats.flaky) console.log(`\nFlaky (passed on retry): ${p.stats.flaky} end-to-end test(s); see the list above.`);
} else if (wanted('e2e')) failed++;

console.log(problems.length ? `\nFailed stages: ${[...new Set(problems)].join(', ')}` : '\nAll stages passed.');
console.log(`${passed} passed, ${failed} failed`);
process.exit(problems.length || failed ? 1 : 0);
