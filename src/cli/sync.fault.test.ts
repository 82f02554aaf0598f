import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../backend/modules/evidence/blob-store';
import { resolveConfig } from '../server/config';
import { openDatabase } from '../server/db/data-source';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../server/db/test-database';
import { contextFor, createServices } from '../server/services/index';
import { DEFAULT_SYNC_OPTIONS } from '../server/sync/options';
import { SyncService } from '../server/sync/service';
import { seedFixture, testConfig } from '../server/testing';
import {
  addEvidence,
  addSites,
  changeLogCount,
  FaultyProxy,
  newDevice,
  pendingCount,
  portOf,
  rowsOfDevice,
  sameRows,
  startSyncServer,
  TEST_PASSWORD,
  type Device,
  type TestSyncServer,
} from './sync.testkit';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Client tuning read when a backend opens: small pushes and chunks so cuts land mid-sync. */
function withSyncEnv<T>(env: Record<string, string>, open: () => Promise<T>): Promise<T> {
  const old = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  return open().finally(() => {
    for (const [k, v] of Object.entries(old)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pushedCount = async (d: Device) =>
  Number(
    (
      (await d.local.backend.dataSource.query('select count(*) as n from change_log where pushedAt is not null')) as {
        n: number;
      }[]
    )[0]!.n,
  );

/**
 * Fault injection end to end: a TCP proxy between the school and the server cuts connections
 * mid-push, right after the server applied a batch (the client never hears: the batch is
 * replayed), and mid-file-upload; the server process is killed and restarted mid-sync. After
 * each, devices and server hold the same rows, nothing lost, nothing doubled.
 */
describe.each(DIALECTS)('sync under faults on %s', (dialect) => {
  let s: TestSyncServer;
  let proxy: FaultyProxy;
  const devices: Device[] = [];

  beforeAll(async () => {
    s = await startSyncServer(dialect, { maxBlobBytes: 8 * 1024 * 1024 });
    proxy = new FaultyProxy({ host: '127.0.0.1', port: portOf(s.url) });
    await proxy.listen();
  });
  afterEach(async () => {
    for (const d of devices.splice(0)) await d.close();
  });
  afterAll(async () => {
    await proxy?.close();
    await s?.stop();
  });

  const device = async (name: string) => {
    const d = await withSyncEnv({ TRUONG_CHUAN_SYNC_BATCH: '100', TRUONG_CHUAN_SYNC_CHUNK_KB: '256' }, () => newDevice(name));
    devices.push(d);
    await d.local.call('sync.enrol', { serverUrl: proxy.url, username: 'a1.user', password: TEST_PASSWORD, deviceName: name });
    return d;
  };
  const unit = () => s.fx.units.schA1.id;
  const serverRows = async () => {
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const r of await s.server.sync.rowsOf(unit())) (out[r.entity] ??= []).push(r.data);
    return out;
  };

  it('a push cut mid-request, then a batch applied but never acknowledged (replayed): exactly once', async () => {
    const a = await device('F1');
    const b = await device('F2');
    await a.local.call('sync.run', {});
    await b.local.call('sync.run', {});
    const pushedBase = await pushedCount(a);
    await addSites(a, 700);
    const changesBefore = await s.server.sync.changeCount(unit());

    proxy.cutAfterUpBytes = proxy.upBytes + 90_000;
    const cut = await a.local.call('sync.run', {});
    expect(cut.errors).toEqual([expect.objectContaining({ kind: 'network' })]);
    expect(proxy.cuts).toBeGreaterThanOrEqual(1);
    const partly = (await pushedCount(a)) - pushedBase;
    // Cut mid-request: the server never saw that batch, only the ones before it.
    expect(await s.server.sync.changeCount(unit())).toBe(changesBefore + partly);

    proxy.cutResponseTo = /^POST \/api\/sync\/push/;
    const lost = await a.local.call('sync.run', {});
    expect(lost.errors).toEqual([expect.objectContaining({ kind: 'network' })]);
    // The server applied that batch; the device does not know it yet.
    expect((await pushedCount(a)) - pushedBase).toBe(partly);
    expect(await s.server.sync.changeCount(unit())).toBe(changesBefore + partly + Math.min(100, 700 - partly));

    const st = await a.local.call('sync.status', {});
    expect(st.lastError).toMatch(/Không kết nối được máy chủ của Sở/);
    expect(Date.parse(st.nextRetryAt!)).toBeGreaterThan(Date.now());

    const ok = await a.local.call('sync.run', {});
    expect(ok.errors).toEqual([]);
    expect(await pendingCount(a)).toBe(0);
    expect((await b.local.call('sync.run', {})).errors).toEqual([]);

    // Nothing doubled: the server holds each change of A and B exactly once.
    expect(await s.server.sync.changeCount(unit())).toBe(changesBefore + 700);
    const server = await serverRows();
    expect(sameRows(await rowsOfDevice(a), server)).toEqual([]);
    expect(sameRows(await rowsOfDevice(b), server)).toEqual([]);
    expect(server.SchoolSite!.filter((x) => String(x.name).startsWith('Phòng ')).length).toBeGreaterThanOrEqual(700);
  });

  it('a file upload cut mid-way resumes from the server’s offset, and the file arrives intact', async () => {
    const a = await device('F3');
    const b = await device('F4');
    const bytes = randomBytes(3 * 1024 * 1024 + 12_345);
    const ev = await addEvidence(a, { title: 'Biên bản kiểm kê (bản quét)', bytes });
    proxy.cutAfterUpBytes = proxy.upBytes + 1_300_000;
    const cut = await a.local.call('sync.run', {});
    expect(cut.errors).toEqual([expect.objectContaining({ kind: 'network' })]);
    const sentBefore = proxy.upBytes;
    const ok = await a.local.call('sync.run', {});
    expect(ok).toMatchObject({ errors: [], blobsUploaded: 1 });
    // Resumed: far less than the whole file went up the second time.
    expect(proxy.upBytes - sentBefore).toBeLessThan(bytes.length - 800_000);
    const r = await b.local.call('sync.run', {});
    expect(r).toMatchObject({ errors: [], blobsDownloaded: 1 });
    expect(Buffer.compare(await new BlobStore(b.dir).read(ev.blobHash!), bytes)).toBe(0);
    expect(await pendingCount(a)).toBe(0);
  });

  it('a forged token gets 401 and leaves the device blocked, data intact', async () => {
    const a = await device('F5');
    await addEvidence(a, { title: 'Giữ nguyên' });
    fs.writeFileSync(path.join(a.dir, 'secrets', 'sync-device-token'), 'x'.repeat(43));
    const pending = await pendingCount(a);
    const r = await a.local.call('sync.run', {});
    expect(r.errors).toEqual([expect.objectContaining({ kind: 'auth' })]);
    expect((await a.local.call('sync.status', {})).blocked).toBe('unenrolled');
    expect(await pendingCount(a)).toBe(pending);
  });
});

/** A real server process (tsx src/server/run.ts) that the test kills with SIGKILL mid-sync. */
describe.each(DIALECTS)('server killed and restarted mid-sync on %s', (dialect) => {
  let tdb: TestDatabase;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let child: ChildProcess | null = null;
  let proxy: FaultyProxy;
  const devices: Device[] = [];

  const startChild = async (): Promise<number> => {
    const c = spawn(process.execPath, ['--import', 'tsx', 'src/server/run.ts', '--data-dir', dataDir, '--port', '0'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    let out = '';
    c.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
    c.stderr!.setEncoding('utf8').on('data', (s: string) => (out += s));
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
      c.stdout!.on('data', () => {
        const m = /đang chạy tại http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      c.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
    });
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    dataDir = path.join(tdb.dir, 'data');
    env = { ...process.env, LOG_LEVEL: 'silent', SCRYPT_LOG_N: '14' };
    delete env.DATABASE_URL;
    if (tdb.config.kind === 'postgres') env.DATABASE_URL = tdb.config.url;
    const config = resolveConfig({ dataDir }, env);
    fs.mkdirSync(dataDir, { recursive: true });
    const db = await openDatabase(config.database);
    await seedFixture(createServices(contextFor(db, testConfig(config.database, tdb.dir).security)));
    await db.close();
    proxy = new FaultyProxy({ host: '127.0.0.1', port: await startChild() });
    await proxy.listen();
  });
  afterAll(async () => {
    for (const d of devices.splice(0)) await d.close();
    child?.kill('SIGKILL');
    await proxy?.close();
    await tdb?.cleanup();
  });

  it('nothing is lost or doubled when the server dies between batches and comes back', async () => {
    const a = await withSyncEnv({ TRUONG_CHUAN_SYNC_BATCH: '50' }, () => newDevice('K'));
    devices.push(a);
    await a.local.call('sync.enrol', { serverUrl: proxy.url, username: 'a1.user', password: TEST_PASSWORD });
    await addSites(a, 2500);
    const logged = await changeLogCount(a);

    const running = a.local.call('sync.run', {});
    await waitFor(async () => (await pushedCount(a)) >= 300);
    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGKILL');
    await exited;
    const r1 = await running;
    expect(r1.errors).toEqual([expect.objectContaining({ kind: 'network' })]);
    const acked = await pushedCount(a);
    expect(acked).toBeGreaterThanOrEqual(300);
    expect(acked).toBeLessThan(logged);

    proxy.target = { host: '127.0.0.1', port: await startChild() };
    const r2 = await a.local.call('sync.run', {});
    expect(r2.errors).toEqual([]);
    expect(await pendingCount(a)).toBe(0);

    const b = await newDevice('K2');
    devices.push(b);
    await b.local.call('sync.enrol', { serverUrl: proxy.url, username: 'a1.user', password: TEST_PASSWORD });
    expect((await b.local.call('sync.run', {})).errors).toEqual([]);

    // Read the server's database directly: every change once, rows equal on all three.
    const config = resolveConfig({ dataDir }, env);
    const db = await openDatabase(config.database);
    try {
      const services = createServices(contextFor(db, config.security));
      const sync = new SyncService({ db, services, config, options: DEFAULT_SYNC_OPTIONS });
      const unitRows: { id: string }[] = await db.ds.query(`SELECT id FROM org_unit WHERE code = 'SCH-A1'`);
      const unitId = unitRows[0]!.id;
      expect(await sync.changeCount(unitId)).toBe(logged);
      const server: Record<string, Record<string, unknown>[]> = {};
      for (const r of await sync.rowsOf(unitId)) (server[r.entity] ??= []).push(r.data);
      expect(server.SchoolSite).toHaveLength(2501);
      expect(sameRows(await rowsOfDevice(a), server)).toEqual([]);
      expect(sameRows(await rowsOfDevice(b), server)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
