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
 *   npx tsx bench/sync.bench.ts [--only changes,blobs,schools] [--dialects sqlite,postgres]
 *     [--changes 100000] [--blob-mb 2048] [--blob-file-mb 40] [--schools 200] [--school-changes 500]
 *     [--server-heap-mb 256]
 *
 * PouchDB/CouchDB as a yardstick is skipped unless `pouchdb` is installed (it is not a dependency).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
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

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}
const ONLY = arg('only', 'changes,blobs,schools').split(',');
const DIALECTS = arg('dialects', 'sqlite,postgres').split(',') as Dialect[];
const CHANGES = Number(arg('changes', '100000'));
const BLOB_MB = Number(arg('blob-mb', '2048'));
const BLOB_FILE_MB = Number(arg('blob-file-mb', '40'));
const SCHOOLS = Number(arg('schools', '200'));
const SCHOOL_CHANGES = Number(arg('school-changes', '500'));
/** Caps the server's V8 heap (e.g. 256) to show its memory is bounded, not just lazily collected. */
const SERVER_HEAP_MB = arg('server-heap-mb', '');

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

async function main(): Promise<void> {
  console.log(
    `Node ${process.version}, ${os.cpus().length} CPU, ${fmt(os.totalmem() / MB / 1024)} GB RAM, load ${os
      .loadavg()
      .map((l) => fmt(l))
      .join(' ')}` + (SERVER_HEAP_MB ? `, server heap capped at ${SERVER_HEAP_MB} MB` : ''),
  );
  if (ONLY.includes('changes')) for (const d of DIALECTS) await benchChanges(d);
  if (ONLY.includes('blobs')) await benchBlobs();
  if (ONLY.includes('schools')) await benchSchools();
  try {
    createRequire(import.meta.url).resolve('pouchdb');
    console.log('PouchDB yardstick: installed but not wired yet (see docs/sync.md).');
  } catch {
    console.log('PouchDB yardstick: skipped (pouchdb is not installed).');
  }
}

await main();
