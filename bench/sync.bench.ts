/**
 * Sync benchmark (issue 7). Three parts, each against a real department server running as a
 * separate process (tsx src/server/run.ts), so its peak memory (VmHWM) is its own:
 *
 *  1. changes: one school pushes N changes (default 100,000 SchoolSite inserts), pulls its
 *     own changes back (recognised, not re-applied), then a second computer of the school
 *     pulls all N. On SQLite and on PostgreSQL.
 *  2. blobs: one school uploads F files totalling B MB (default 2,048 MB in 40 MB files) in
 *     4 MB chunks, each verified by SHA-256 on arrival. SQLite server.
 *  3. schools: S schools (default 200) sync at once against one server on PostgreSQL: each
 *     pushes C changes (default 500, in pushes of 100) and pulls them back. Clients are the
 *     app's own HTTP layer (SyncHttp) in this process, not 200 full backends.
 *
 *  4. pouchdb (the yardstick): the same number of records (default: --changes) shaped like our
 *     SchoolSite rows, replicated by PouchDB to a pouchdb-server (leveldb on both sides) started
 *     as a child process on this machine: push, own documents back, a second empty db pulls all.
 *     The PouchDB client runs as its own process (bench/pouchdb-yardstick.ts). PouchDB is not a
 *     dependency of the app: the first run installs pinned versions into bench/.deps
 *     (git-ignored) with npm; if that fails the section is skipped with the reason.
 *
 *   npx tsx bench/sync.bench.ts [--only changes,blobs,schools,pouchdb] [--dialects sqlite,postgres]
 *     [--changes 100000] [--blob-mb 2048] [--blob-file-mb 40] [--schools 200] [--school-changes 500]
 *     [--server-heap-mb 256] [--pouch-docs 100000] [--pouch-batch-size 500]
 *
 * Every option can also be given as an environment variable SYNC_BENCH_<NAME> (e.g.
 * SYNC_BENCH_ONLY, SYNC_BENCH_SERVER_HEAP_MB), which is how `npm run bench` passes them:
 *
 *   SYNC_BENCH_ONLY=changes,pouchdb SYNC_BENCH_DIALECTS=sqlite npm run bench -- sync
 *
 * runs only our 100,000-change push/pull and the PouchDB yardstick, in one run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { SchoolEntity, SchoolSiteEntity } from '../src/backend/db/entities';
import { BlobStore } from '../src/backend/modules/evidence/blob-store';
import { EvidenceEntity } from '../src/backend/modules/evidence/entities';
import { SyncHttp } from '../src/backend/modules/sync/http';
import { openLocal, type LocalBackend } from '../src/cli/local-backend';
import { resolveConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/data-source';
import { createTestDatabase, type TestDatabase } from '../src/server/db/test-database';
import type { Dialect } from '../src/server/db/dialect';
import { contextFor, createServices } from '../src/server/services/index';
import { seedFixture, TEST_PASSWORD, testConfig } from '../src/server/testing';
import type { WireChange } from '../src/contract/sync-protocol';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `--name value`, else the environment's SYNC_BENCH_NAME (dashes as underscores), else the default. */
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1]!;
  return process.env[`SYNC_BENCH_${name.toUpperCase().replaceAll('-', '_')}`] || fallback;
}
const ONLY = arg('only', 'changes,blobs,schools,pouchdb').split(',');
const DIALECTS = arg('dialects', 'sqlite,postgres').split(',') as Dialect[];
const CHANGES = Number(arg('changes', '100000'));
const BLOB_MB = Number(arg('blob-mb', '2048'));
const BLOB_FILE_MB = Number(arg('blob-file-mb', '40'));
const SCHOOLS = Number(arg('schools', '200'));
const SCHOOL_CHANGES = Number(arg('school-changes', '500'));
/** Caps the server's V8 heap (e.g. 256) to show its memory is bounded, not just lazily collected. */
const SERVER_HEAP_MB = arg('server-heap-mb', '');
/** Records the PouchDB yardstick replicates: the same as our changes bench by default. */
const POUCH_DOCS = Number(arg('pouch-docs', String(CHANGES)));
/** PouchDB's replication batch_size. 500 = our push batch and pull page; PouchDB's own default is 100. */
const POUCH_BATCH_SIZE = Number(arg('pouch-batch-size', '500'));
/** Pinned, so runs compare; installed on demand into bench/.deps (git-ignored), never app dependencies. */
const POUCH_DEPS = { pouchdb: '9.0.0', 'pouchdb-server': '4.2.0' };
const DEPS_DIR = path.join(ROOT, 'bench', '.deps');

const MB = 1024 * 1024;
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** Peak RSS of this process, sampled every 20 ms while `work` runs. */
async function measure<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; peakRssMb: number; startRssMb: number }> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const t0 = process.hrtime.bigint();
  try {
    const value = await work();
    return {
      value,
      seconds: Number(process.hrtime.bigint() - t0) / 1e9,
      peakRssMb: Math.max(peak, process.memoryUsage.rss()) / MB,
      startRssMb: start / MB,
    };
  } finally {
    clearInterval(timer);
  }
}

/** VmHWM (peak resident set) of another process, from /proc (Linux). */
function peakOf(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

interface ServerProc {
  url: string;
  child: ChildProcess;
  tdb: TestDatabase;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** A seeded server (fixture tree: SCH-A1 with user a1.user) as a child process. */
async function startServer(dialect: Dialect, extraEnv: Record<string, string> = {}, schools = 0): Promise<ServerProc> {
  const tdb = await createTestDatabase(dialect);
  const dataDir = path.join(tdb.dir, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', SCRYPT_LOG_N: '14', ...extraEnv };
  delete env.DATABASE_URL;
  if (tdb.config.kind === 'postgres') env.DATABASE_URL = tdb.config.url;
  const config = resolveConfig({ dataDir }, env);
  const db = await openDatabase(config.database);
  const services = createServices(contextFor(db, testConfig(config.database, tdb.dir).security));
  const fx = await seedFixture(services);
  for (let i = 0; i < schools; i++) {
    const unit = await services.units.create(
      { kind: 'system' },
      { parentId: fx.units.pgdA.id, kind: 'school', code: `BENCH-${i}`, name: `Trường ${i}` },
    );
    await services.accounts.create(
      { kind: 'system' },
      { username: `bench${i}`, displayName: `Trường ${i}`, role: 'school_user', orgUnitId: unit.id, password: TEST_PASSWORD },
    );
  }
  await db.close();
  const heap = SERVER_HEAP_MB ? [`--max-old-space-size=${SERVER_HEAP_MB}`] : [];
  const child = spawn(process.execPath, [...heap, '--import', 'tsx', 'src/server/run.ts', '--data-dir', dataDir, '--port', '0'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (out += s));
  const url = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', () => {
      const m = /đang chạy tại (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1]!);
      }
    });
    child.on('exit', (c) => reject(new Error(`server exited ${c}:\n${out}`)));
  });
  return {
    url,
    child,
    tdb,
    dataDir,
    env,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      await tdb.cleanup();
    },
  };
}

async function device(name: string): Promise<{ dir: string; local: LocalBackend; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tc-bench-sync-${name}-`));
  const local = await openLocal(dir);
  await local.call('setup.initialize', {
    school: { name: 'Trường Tiểu học A1', levels: ['tieu_hoc'], code: 'SCH-A1' },
    admin: { username: 'admin', displayName: 'Quản trị', password: 'mat-khau-admin' },
  });
  return {
    dir,
    local,
    async close() {
      await local.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function line(label: string, parts: string[]): void {
  console.log(`${label.padEnd(44)} ${parts.join('  ')}`);
}

async function benchChanges(dialect: Dialect): Promise<void> {
  const server = await startServer(dialect);
  const a = await device('a');
  const b = await device('b');
  try {
    await a.local.call('sync.enrol', { serverUrl: server.url, username: 'a1.user', password: TEST_PASSWORD, deviceName: 'A' });
    await a.local.call('sync.run', {});
    const gen = await measure(async () => {
      const school = await a.local.backend.dataSource.getRepository(SchoolEntity).findOneByOrFail({});
      for (let done = 0; done < CHANGES; done += 5000) {
        await a.local.backend.writes.run('bench', async (tx) => {
          for (let i = done; i < Math.min(CHANGES, done + 5000); i++) {
            await tx.insert(SchoolSiteEntity, {
              schoolId: school.id,
              name: `Phòng học số ${i}`,
              address: `Dãy ${i % 20}, tầng ${i % 4}`,
              isMain: false,
              sortOrder: i,
            });
          }
        });
      }
    });
    line(`[${dialect}] write ${CHANGES} changes locally`, [
      `${fmt(gen.seconds, 2)} s`,
      `${fmt(CHANGES / gen.seconds, 0)} changes/s`,
    ]);

    const push = await measure(() => a.local.call('sync.run', {}));
    if (push.value.errors.length) throw new Error(JSON.stringify(push.value.errors));
    line(`[${dialect}] push ${push.value.pushed} + pull own back`, [
      `${fmt(push.seconds, 2)} s`,
      `${fmt(push.value.pushed / push.seconds, 0)} changes/s`,
      `client RSS ${fmt(push.startRssMb, 0)} → peak ${fmt(push.peakRssMb, 0)} MB`,
    ]);

    await b.local.call('sync.enrol', { serverUrl: server.url, username: 'a1.user', password: TEST_PASSWORD, deviceName: 'B' });
    const pull = await measure(() => b.local.call('sync.run', {}));
    if (pull.value.errors.length) throw new Error(JSON.stringify(pull.value.errors));
    const [n] = await b.local.backend.dataSource.query('select count(*) as n from school_site');
    line(`[${dialect}] second computer pulls ${pull.value.pulled}`, [
      `${fmt(pull.seconds, 2)} s`,
      `${fmt(pull.value.pulled / pull.seconds, 0)} changes/s`,
      `client RSS ${fmt(pull.startRssMb, 0)} → peak ${fmt(pull.peakRssMb, 0)} MB`,
      `sites there: ${n.n}`,
    ]);
    line(`[${dialect}] server process`, [`peak RSS (VmHWM) ${fmt(peakOf(server.child.pid!) ?? NaN, 0)} MB`]);
  } finally {
    await a.close();
    await b.close();
    await server.stop();
  }
}

async function benchBlobs(): Promise<void> {
  const fileMb = Math.min(BLOB_FILE_MB, 48);
  const files = Math.max(1, Math.round(BLOB_MB / fileMb));
  const server = await startServer('sqlite', { MAX_BLOB_BYTES: String(50 * MB) });
  const a = await device('blobs');
  try {
    await a.local.call('sync.enrol', { serverUrl: server.url, username: 'a1.user', password: TEST_PASSWORD, deviceName: 'A' });
    const store = new BlobStore(a.dir);
    const buf = Buffer.allocUnsafe(fileMb * MB);
    const add = await measure(async () => {
      for (let i = 0; i < files; i++) {
        randomBytes(4096).copy(buf, 0);
        buf.writeUInt32BE(i, 0);
        for (let o = 4096; o < buf.length; o += 4096) buf.copy(buf, o, 0, 4096);
        randomBytes(64).copy(buf, buf.length - 64);
        const put = await store.putBuffer(buf);
        await a.local.backend.writes.run('bench', (tx) =>
          tx.insert(EvidenceEntity, {
            code: `MC.B.${i}`,
            sortKey: `MC.B.${String(i).padStart(5, '0')}`,
            legacyCode: '',
            title: `Tệp ${i}`,
            documentNumber: '',
            issuedDate: null,
            issuer: '',
            format: '',
            storageLocation: '',
            url: '',
            kind: 'file',
            validFrom: null,
            validUntil: null,
            notes: '',
            blobHash: put.sha256,
            fileName: `tep-${i}.pdf`,
            mimeType: 'application/pdf',
            sizeBytes: put.sizeBytes,
            firstCriterionCode: '1.1',
            frameworkId: 'bench',
            assessmentId: null,
            verification: 'pending',
            verifiedBy: null,
            verifiedAt: null,
            rejectReason: '',
            searchText: `tep ${i}`,
          }),
        );
      }
    });
    const totalMb = files * fileMb;
    line(`[sqlite] store ${files} × ${fileMb} MB locally`, [`${fmt(add.seconds, 2)} s`, `${fmt(totalMb / add.seconds)} MB/s`]);
    const up = await measure(() => a.local.call('sync.run', {}));
    if (up.value.errors.length) throw new Error(JSON.stringify(up.value.errors));
    line(`[sqlite] upload ${up.value.blobsUploaded} files, ${totalMb} MB`, [
      `${fmt(up.seconds, 2)} s`,
      `${fmt(totalMb / up.seconds)} MB/s`,
      `client RSS ${fmt(up.startRssMb, 0)} → peak ${fmt(up.peakRssMb, 0)} MB`,
      `server peak RSS ${fmt(peakOf(server.child.pid!) ?? NaN, 0)} MB`,
    ]);
    const again = await measure(() => a.local.call('sync.run', {}));
    line('[sqlite] second run (nothing to upload)', [`${fmt(again.seconds, 2)} s`, `uploaded ${again.value.blobsUploaded}`]);
  } finally {
    await a.close();
    await server.stop();
  }
}

async function benchSchools(): Promise<void> {
  const server = await startServer('postgres', {}, SCHOOLS);
  try {
    const common = { appVersion: '0.1.0', schemaVersion: 'bench', timeoutMs: 300_000 };
    const clients = await Promise.all(
      Array.from({ length: SCHOOLS }, async (_, i) => {
        const deviceId = uuidv7();
        const issued = await SyncHttp.enrol(
          server.url,
          { username: `bench${i}`, password: TEST_PASSWORD, deviceName: `Máy ${i}` },
          { ...common, deviceId },
        );
        return new SyncHttp({ ...common, deviceId, baseUrl: server.url, token: issued.token });
      }),
    );
    const latencies: number[] = [];
    const run = await measure(async () => {
      await Promise.all(
        clients.map(async (http, i) => {
          await http.hello();
          for (let done = 0; done < SCHOOL_CHANGES; done += 100) {
            const changes: WireChange[] = Array.from({ length: Math.min(100, SCHOOL_CHANGES - done) }, (_, k) => {
              const id = randomUUID();
              return {
                changeId: uuidv7(),
                entity: 'SchoolSite',
                rowId: id,
                op: 'insert',
                rev: 1,
                at: new Date().toISOString(),
                actor: null,
                data: {
                  id,
                  schoolId: `school-${i}`,
                  name: `Phòng ${done + k}`,
                  address: 'Dãy A',
                  isMain: false,
                  sortOrder: done + k,
                  createdAt: 'x',
                  updatedAt: 'x',
                  deletedAt: null,
                },
              };
            });
            const t0 = performance.now();
            const res = await http.push(changes, false);
            latencies.push(performance.now() - t0);
            if (res.results.some((r) => r.status !== 'applied')) throw new Error('push refused');
          }
          let after = 0;
          for (;;) {
            const page = await http.pull(after, 500);
            after = page.lastSeq;
            if (!page.hasMore) break;
          }
          if (after < SCHOOL_CHANGES) throw new Error(`school ${i} pulled only ${after}`);
        }),
      );
    });
    latencies.sort((x, y) => x - y);
    const total = SCHOOLS * SCHOOL_CHANGES;
    line(`[postgres] ${SCHOOLS} schools × ${SCHOOL_CHANGES} changes at once`, [
      `${fmt(run.seconds, 2)} s`,
      `${fmt(total / run.seconds, 0)} changes/s pushed+pulled`,
      `push p50 ${fmt(latencies[Math.floor(latencies.length * 0.5)]!, 0)} ms`,
      `p95 ${fmt(latencies[Math.floor(latencies.length * 0.95)]!, 0)} ms`,
      `server peak RSS ${fmt(peakOf(server.child.pid!) ?? NaN, 0)} MB`,
      `clients' process peak ${fmt(run.peakRssMb, 0)} MB`,
    ]);
  } finally {
    await server.stop();
  }
}

function depVersion(name: string): string | null {
  try {
    return (JSON.parse(fs.readFileSync(path.join(DEPS_DIR, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return null;
  }
}

/**
 * Installs the pinned PouchDB packages into bench/.deps unless they are there already. Uses the
 * npm that runs `npm run bench` (else the one on PATH) with node_modules/.bin first on PATH, so
 * any install script sees the project's Node 24. LevelDOWN ships N-API prebuilds inside its npm
 * package, so nothing is fetched but from the registry. Returns why it could not, or null.
 */
function ensurePouchDeps(): string | null {
  const wanted = Object.entries(POUCH_DEPS);
  if (wanted.every(([name, v]) => depVersion(name) === v)) return null;
  fs.mkdirSync(DEPS_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(DEPS_DIR, 'package.json'),
    JSON.stringify(
      {
        name: 'tc-bench-deps',
        private: true,
        description: 'Installed on demand by bench/sync.bench.ts (git-ignored).',
        dependencies: POUCH_DEPS,
      },
      null,
      2,
    ) + '\n',
  );
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Drop what `npm run` exported about the app's own package (local prefix, package fields,
    // lifecycle); keep registry, proxy and cache settings.
    if (/^npm_/i.test(k) && !/^npm_config_(registry|.*proxy|cafile|strict_ssl|cache|userconfig)$/i.test(k)) continue;
    env[k] = v;
  }
  env.PATH = [path.join(ROOT, 'node_modules', '.bin'), process.env.PATH ?? ''].join(path.delimiter);
  const npmCli = process.env.npm_execpath;
  // --ignore-scripts: LevelDOWN loads its bundled prebuild at run time without its install step, and
  // the optional sqlite3 (only for pouchdb-server --sqlite) would try to download a binary.
  const args = ['install', '--prefix', DEPS_DIR, '--no-audit', '--no-fund', '--ignore-scripts'];
  const [cmd, cmdArgs] = npmCli && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli, ...args]] : ['npm', args];
  console.log(`installing ${wanted.map(([n, v]) => `${n}@${v}`).join(' ')} into bench/.deps (once; a few minutes)…`);
  const r = spawnSync(cmd, cmdArgs, { cwd: DEPS_DIR, env, stdio: 'inherit', timeout: 20 * 60_000 });
  if (r.status !== 0) return `npm install into bench/.deps failed (${r.error?.message ?? `exit ${r.status}`})`;
  const bad = wanted.filter(([name, v]) => depVersion(name) !== v);
  return bad.length ? `not installed: ${bad.map(([n]) => n).join(', ')}` : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The yardstick: the same records replicated by PouchDB to a pouchdb-server, measured like ours. */
async function benchPouchdb(): Promise<void> {
  console.log('\n--- yardstick: PouchDB → pouchdb-server');
  const missing = ensurePouchDeps();
  if (missing) {
    console.log(`PouchDB yardstick: skipped (${missing}).`);
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-bench-pouch-'));
  const serverDir = path.join(tmp, 'server');
  const clientDir = path.join(tmp, 'client');
  fs.mkdirSync(serverDir);
  fs.mkdirSync(clientDir);
  const port = await freePort();
  const heap = SERVER_HEAP_MB ? [`--max-old-space-size=${SERVER_HEAP_MB}`] : [];
  // Its config.json and log.txt go to the cwd: the temp folder too. -n: no request log on stdout.
  const server = spawn(
    process.execPath,
    [
      ...heap,
      path.join(DEPS_DIR, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server'),
      '-n',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--dir',
      serverDir,
    ],
    { cwd: serverDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  server.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  server.stderr!.setEncoding('utf8').on('data', (s: string) => (out += s));
  const serverExit = new Promise<number | null>((r) => server.once('exit', r));
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let t0 = Date.now(); ;) {
      if (server.exitCode !== null) throw new Error(`pouchdb-server exited ${server.exitCode}:\n${out}`);
      if (Date.now() - t0 > 60_000) throw new Error(`pouchdb-server did not start:\n${out}`);
      const ok = await fetch(base).then(
        (res) => res.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const versions = `pouchdb ${depVersion('pouchdb')} → pouchdb-server ${depVersion('pouchdb-server')} (pouchdb-core ${depVersion('pouchdb-core')})`;
    const client = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join('bench', 'pouchdb-yardstick.ts'),
        JSON.stringify({ deps: DEPS_DIR, url: `${base}/bench`, docs: POUCH_DOCS, batchSize: POUCH_BATCH_SIZE, dir: clientDir }),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const results: Record<string, Record<string, number | string>> = {};
    let buf = '';
    client.stdout!.setEncoding('utf8').on('data', (s: string) => {
      buf += s;
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const l = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!l.startsWith('RESULT ')) {
          console.log(l);
          continue;
        }
        const r = JSON.parse(l.slice(7)) as Record<string, number | string>;
        results[r.phase!] = r;
        const n = (k: string) => Number(r[k]);
        const rss = () => `client RSS ${fmt(n('startRssMb'), 0)} → peak ${fmt(n('peakRssMb'), 0)} MB`;
        if (r.phase === 'info')
          line('[pouchdb] setup', [
            versions,
            `adapter ${r.adapter} (on disk) on both sides`,
            `batch_size ${POUCH_BATCH_SIZE}`,
            `one doc ${r.docBytes} bytes of JSON`,
          ]);
        if (r.phase === 'write')
          line(`[pouchdb] write ${r.docs} docs locally (bulkDocs of 5000)`, [
            `${fmt(n('seconds'), 2)} s`,
            `${fmt(n('docs') / n('seconds'), 0)} docs/s`,
          ]);
        if (r.phase === 'push')
          line(`[pouchdb] replicate.to ${r.docs}`, [
            `${fmt(n('seconds'), 2)} s`,
            `${fmt(n('docs') / n('seconds'), 0)} docs/s`,
            rss(),
          ]);
        if (r.phase === 'ownBack') {
          line(`[pouchdb] replicate.from (own docs back, ${r.written} written)`, [`${fmt(n('seconds'), 2)} s`, rss()]);
          const both = n('seconds') + Number(results.push!.seconds);
          line(`[pouchdb] push + own back (compare ours)`, [
            `${fmt(both, 2)} s`,
            `${fmt(Number(results.push!.docs) / both, 0)} docs/s`,
          ]);
        }
        if (r.phase === 'pull')
          line(`[pouchdb] second empty db pulls ${r.docs}`, [
            `${fmt(n('seconds'), 2)} s`,
            `${fmt(n('docs') / n('seconds'), 0)} docs/s`,
            rss(),
            `docs there: ${r.count}`,
          ]);
        if (r.phase === 'end') line('[pouchdb] client process', [`peak RSS (VmHWM) ${fmt(n('vmHwmMb'), 0)} MB`]);
      }
    });
    const code = await new Promise<number | null>((r) => client.once('exit', r));
    if (code !== 0) throw new Error(`PouchDB client exited ${code}`);
    if (Number(results.pull?.count) !== POUCH_DOCS)
      throw new Error(`second db holds ${results.pull?.count} docs, expected ${POUCH_DOCS}`);
    line('[pouchdb] server process (pouchdb-server)', [
      `peak RSS (VmHWM) ${fmt(peakOf(server.pid!) ?? NaN, 0)} MB` +
        (SERVER_HEAP_MB ? `, heap capped at ${SERVER_HEAP_MB} MB` : ''),
    ]);
  } finally {
    if (server.exitCode === null) server.kill('SIGTERM');
    await serverExit;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(
    `Node ${process.version}, ${os.cpus().length} CPU, ${fmt(os.totalmem() / MB / 1024)} GB RAM, load ${os
      .loadavg()
      .map((l) => fmt(l))
      .join(' ')}` + (SERVER_HEAP_MB ? `, server heap capped at ${SERVER_HEAP_MB} MB` : ''),
  );
  if (ONLY.some((o) => o !== 'pouchdb')) console.log('\n--- ours: Trường Chuẩn sync client → department server');
  if (ONLY.includes('changes')) for (const d of DIALECTS) await benchChanges(d);
  if (ONLY.includes('blobs')) await benchBlobs();
  if (ONLY.includes('schools')) await benchSchools();
  if (ONLY.includes('pouchdb')) await benchPouchdb();
}

await main();
