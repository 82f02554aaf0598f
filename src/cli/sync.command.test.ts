import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSubmission, SyncRunResult, SyncStatus } from '../contract/schemas/sync';
import { DIALECTS } from '../server/db/test-database';
import { openLocal } from './local-backend';
import { runCli } from './program';
import {
  addEvidence,
  addSites,
  changeLogCount,
  editEvidence,
  FaultyProxy,
  newDevice,
  pendingCount,
  portOf,
  rowsOfDevice,
  rowsOfServer,
  sameRows,
  startSyncServer,
  TEST_PASSWORD,
  type Device,
  type TestSyncServer,
} from './sync.testkit';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function cli(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  process.exitCode = undefined;
  return { code, out, err };
}

async function json<T>(...argv: string[]): Promise<T> {
  const r = await cli(...argv, '--json');
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.err}${r.out}`);
  return JSON.parse(r.out) as T;
}

/** A device whose data folder the CLI opens command by command (no backend kept open). */
async function cliDevice(
  name: string,
): Promise<{ dir: string; withDevice<T>(fn: (d: Device) => Promise<T>): Promise<T>; close(): void }> {
  const d = await newDevice(name);
  const dir = d.dir;
  await d.local.close();
  return {
    dir,
    async withDevice(fn) {
      const local = await openLocal(dir);
      try {
        return await fn({ name, dir, local, close: () => local.close() });
      } finally {
        await local.close();
      }
    },
    close: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

describe.each(DIALECTS)('truong-chuan sync / submit / server sync on %s', (dialect) => {
  let s: TestSyncServer;
  const cleanups: (() => unknown)[] = [];

  beforeAll(async () => {
    s = await startSyncServer(dialect);
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  afterAll(async () => s?.stop());

  it('sync enrol / status / run print the documented JSON', async () => {
    const dev = await cliDevice('CLI');
    cleanups.push(dev.close);
    const enrolled = await json<{ serverUrl: string; deviceName: string; school: { code: string }; adoptsServerData: boolean }>(
      '--data-dir',
      dev.dir,
      'sync',
      'enrol',
      '--server',
      `${s.url}/`,
      '--user',
      'a1.user',
      '--password',
      TEST_PASSWORD,
      '--device',
      'Máy văn phòng',
    );
    expect(enrolled).toEqual({
      serverUrl: s.url,
      deviceName: 'Máy văn phòng',
      school: expect.objectContaining({ code: 'SCH-A1' }),
      adoptsServerData: false,
    });
    const before = await json<SyncStatus>('--data-dir', dev.dir, 'sync', 'status');
    expect(before).toMatchObject({ enrolled: true, serverUrl: s.url, lastSuccessAt: null, blocked: null });
    expect(before.pendingChanges).toBeGreaterThan(0);
    expect(before.pendingBytes).toBeGreaterThan(0);
    const run = await json<SyncRunResult>('--data-dir', dev.dir, 'sync', 'run');
    expect(Object.keys(run)).toEqual(expect.arrayContaining(['pushed', 'pulled', 'blobsUploaded', 'conflicts', 'errors']));
    expect(run).toMatchObject({ pushed: before.pendingChanges, errors: [], conflicts: 0 });
    const after = await json<SyncStatus>('--data-dir', dev.dir, 'sync', 'status');
    expect(after).toMatchObject({ pendingChanges: 0, pendingBytes: 0, lastError: null });
    expect(after.lastSuccessAt).not.toBeNull();
    expect(Date.parse(after.nextRetryAt!)).toBeGreaterThan(Date.now());
    const human = await cli('--data-dir', dev.dir, 'sync', 'status');
    expect(human.out).toMatch(/Máy "Máy văn phòng" đồng bộ với/);
    const wrong = await cli(
      '--data-dir',
      dev.dir,
      'sync',
      'enrol',
      '--server',
      s.url,
      '--user',
      'a1.user',
      '--password',
      'sai-mat-khau',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/Tên đăng nhập hoặc mật khẩu không đúng/);
  });

  it('submit freezes a versioned dossier; the school sees the department’s state and comments; a resubmission carries the diff', async () => {
    const dev = await cliDevice('NOP');
    cleanups.push(dev.close);
    const assessmentId = '0190aaaa-0000-7000-8000-000000000001';
    const file = randomBytes(20_000);
    const [e1, e2] = await dev.withDevice(async (d) => [
      await addEvidence(d, { title: 'Kế hoạch tự đánh giá', assessmentId, bytes: file }),
      await addEvidence(d, { title: 'Biên bản họp hội đồng', assessmentId }),
      await addEvidence(d, { title: 'Không thuộc hồ sơ', assessmentId: null }),
    ]);
    expect(
      (await cli('--data-dir', dev.dir, 'sync', 'enrol', '--server', s.url, '--user', 'a1.user', '--password', TEST_PASSWORD))
        .code,
    ).toBe(0);

    const v1 = await json<LocalSubmission>('--data-dir', dev.dir, 'submit', '--assessment', assessmentId);
    expect(v1).toMatchObject({
      kind: 'assessment',
      subjectId: assessmentId,
      version: 1,
      state: 'received',
      blobCount: 1,
      lastError: null,
    });
    // Two evidence rows, the school and its main site.
    expect(v1.rowCount).toBe(4);
    const onServer = await s.server.sync.submissions.get({ kind: 'system' }, v1.id);
    expect(onServer.manifestHash).toBe(v1.manifestHash);
    const snapshot = await s.server.sync.submissions.snapshot({ kind: 'system' }, v1.id);
    expect((snapshot.rows as { id: string }[]).map((r) => r.id)).toEqual(expect.arrayContaining([e1!.id, e2!.id]));

    await s.server.sync.submissions.review({ kind: 'system' }, v1.id, 'start_review');
    await s.server.sync.submissions.review({ kind: 'system' }, v1.id, 'return', 'Bổ sung chữ ký của hiệu trưởng vào biên bản.');
    const list = await json<{ submissions: LocalSubmission[]; refreshed: boolean }>('--data-dir', dev.dir, 'sync', 'submissions');
    expect(list.refreshed).toBe(true);
    expect(list.submissions[0]).toMatchObject({ id: v1.id, state: 'returned', stateLabel: 'Trả lại để bổ sung' });
    expect(list.submissions[0]!.events.at(-1)).toMatchObject({ comment: 'Bổ sung chữ ký của hiệu trưởng vào biên bản.' });
    expect((await cli('--data-dir', dev.dir, 'sync', 'submissions')).out).toMatch(
      /lần 1: Trả lại để bổ sung — Quản trị máy chủ: Bổ sung chữ ký/,
    );

    await dev.withDevice((d) => editEvidence(d, e2!.id, { title: 'Biên bản họp hội đồng (có chữ ký)' }));
    const v2 = await json<LocalSubmission>('--data-dir', dev.dir, 'submit', '--assessment', assessmentId);
    expect(v2).toMatchObject({ version: 2, state: 'received' });
    expect(v2.diff).toMatchObject({ previousVersion: 1, added: [], removed: [], changed: [{ entity: 'Evidence', id: e2!.id }] });
    // The first version is still exactly what was submitted.
    expect((await s.server.sync.submissions.snapshot({ kind: 'system' }, v1.id)).manifestHash).toBe(v1.manifestHash);

    const bad = await cli('--data-dir', dev.dir, 'submit', '--assessment', '0190aaaa-0000-7000-8000-00000000ffff');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/Không tìm thấy đợt tự đánh giá/);
  });

  it('a dossier submitted offline is frozen, queued, and sent by the next sync', async () => {
    const proxy = new FaultyProxy({ host: '127.0.0.1', port: portOf(s.url) });
    await proxy.listen();
    const d = await newDevice('OFF');
    cleanups.push(
      () => d.close(),
      () => proxy.close(),
    );
    const assessmentId = '0190aaaa-0000-7000-8000-000000000002';
    await addEvidence(d, { title: 'Báo cáo', assessmentId });
    await d.local.call('sync.enrol', { serverUrl: proxy.url, username: 'a1.user', password: TEST_PASSWORD });
    proxy.goOffline();
    const queued = await d.local.call('sync.submit', { kind: 'assessment', assessmentId });
    expect(queued).toMatchObject({ state: 'queued', version: null, stateLabel: 'Chờ gửi lên Sở' });
    expect(queued.lastError).toMatch(/Không kết nối được máy chủ của Sở.*sẽ tự gửi ở lần đồng bộ tới/);
    // Edits after submitting do not change the frozen dossier.
    const evidence = await d.local.backend.dataSource.query('select id from evidence where assessmentId = ?', [assessmentId]);
    await editEvidence(d, evidence[0].id, { title: 'Báo cáo (sửa sau khi nộp)' });
    expect((await d.local.call('sync.status', {})).submissionsQueued).toBe(1);

    proxy.goOnline();
    const r = await d.local.call('sync.run', {});
    expect(r.errors).toEqual([]);
    const [sent] = (await d.local.call('sync.submissions', {})).submissions;
    expect(sent).toMatchObject({ id: queued.id, state: 'received', version: 1, manifestHash: queued.manifestHash });
    const snap = await s.server.sync.submissions.snapshot({ kind: 'system' }, queued.id);
    expect(JSON.stringify(snap.rows)).toContain('"Báo cáo"');
    expect(JSON.stringify(snap.rows)).not.toContain('sửa sau khi nộp');
  });

  it('sneakernet: export-package, server sync import-package exactly once, then online sync is a no-op', async () => {
    const d = await newDevice('USB');
    cleanups.push(() => d.close());
    const file = randomBytes(50_000);
    await addEvidence(d, { title: 'Ảnh phòng học', bytes: file });
    await addSites(d, 3, 'Điểm lẻ');
    const logged = await changeLogCount(d);
    await d.local.close();
    const zip = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-pkg-')), 'gói.zip');
    cleanups.push(() => fs.rmSync(path.dirname(zip), { recursive: true, force: true }));
    const exported = await json<{ file: string; changes: number; blobs: number; manifestSha256: string }>(
      '--data-dir',
      d.dir,
      'sync',
      'export-package',
      '--out',
      zip,
    );
    expect(exported).toMatchObject({ file: zip, changes: logged, blobs: 1 });
    expect(fs.existsSync(zip)).toBe(true);

    // The running server's own data dir (its SQLite file and blobs), or its PostgreSQL.
    const serverArgs = ['server', 'sync', 'import-package', zip, '--school', 'SCH-A1', '--data-dir', s.config.dataDir];
    const env = process.env.DATABASE_URL;
    if (s.config.database.kind === 'postgres') process.env.DATABASE_URL = s.config.database.url;
    else delete process.env.DATABASE_URL;
    try {
      const first = await json<{
        changes: { total: number; applied: number; duplicate: number };
        blobs: { stored: number };
        manifestSha256: string;
      }>(...serverArgs);
      expect(first.changes).toMatchObject({ total: logged, applied: logged, duplicate: 0 });
      expect(first.blobs.stored).toBe(1);
      expect(first.manifestSha256).toBe(exported.manifestSha256);
      const again = await json<{ changes: { applied: number; duplicate: number }; blobs: { stored: number; present: number } }>(
        ...serverArgs,
      );
      expect(again.changes).toMatchObject({ applied: 0, duplicate: logged });
      expect(again.blobs).toMatchObject({ stored: 0, present: 1 });
    } finally {
      if (env === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = env;
    }
    const unit = s.fx.units.schA1.id;
    const count = await s.server.sync.changeCount(unit);

    // Online later: every change is a duplicate; nothing doubles.
    const local = await openLocal(d.dir);
    d.local = local;
    await local.call('sync.enrol', { serverUrl: s.url, username: 'a1.user', password: TEST_PASSWORD });
    const r = await local.call('sync.run', {});
    expect(r.errors).toEqual([]);
    expect(r.pushed).toBe(logged);
    expect(await s.server.sync.changeCount(unit)).toBeGreaterThanOrEqual(count);
    expect(await pendingCount(d)).toBe(0);
    const serverRows = await rowsOfServer(s, unit);
    const mine = await rowsOfDevice(d);
    for (const id of mine.Evidence!.map((e) => e.id)) expect(serverRows.Evidence!.some((e) => e.id === id)).toBe(true);
    const dup = await s.server.sync.store.read((m) =>
      m.query(`SELECT change_id, COUNT(*) AS n FROM sync_change GROUP BY change_id HAVING COUNT(*) > 1`),
    );
    expect(dup).toEqual([]);
  });

  it('a second computer that did its own work after enrolling keeps it (no adoption), nothing is lost', async () => {
    const first = await newDevice('K1');
    const second = await newDevice('K2');
    cleanups.push(
      () => first.close(),
      () => second.close(),
    );
    await first.local.call('sync.enrol', { serverUrl: s.url, username: 'a1.user', password: TEST_PASSWORD });
    await first.local.call('sync.run', {});
    const enrolled = await second.local.call('sync.enrol', { serverUrl: s.url, username: 'a1.user', password: TEST_PASSWORD });
    expect(enrolled.adoptsServerData).toBe(true);
    const [site] = await addSites(second, 1, 'Điểm mới của máy 2');
    expect((await second.local.call('sync.run', {})).errors).toEqual([]);
    expect(await second.local.backend.dataSource.query('select name from school_site where id = ?', [site])).toEqual([
      { name: 'Điểm mới của máy 2 1' },
    ]);
    await first.local.call('sync.run', {});
    expect(await first.local.backend.dataSource.query('select name from school_site where id = ?', [site])).toEqual([
      { name: 'Điểm mới của máy 2 1' },
    ]);
    const server = await rowsOfServer(s, s.fx.units.schA1.id);
    expect(sameRows(await rowsOfDevice(first), server)).toEqual([]);
    expect(sameRows(await rowsOfDevice(second), server)).toEqual([]);
  });
});
