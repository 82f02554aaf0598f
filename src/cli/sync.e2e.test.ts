import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../backend/modules/evidence/blob-store';
import { DIALECTS } from '../server/db/test-database';
import {
  addEvidence,
  addSites,
  changeLogCount,
  editEvidence,
  enrol,
  newDevice,
  pendingCount,
  removeSites,
  rowsOfDevice,
  rowsOfServer,
  sameRows,
  startSyncServer,
  type Device,
  type TestSyncServer,
} from './sync.testkit';

/**
 * Sync end to end: a real department server (HTTP on 127.0.0.1), real school backends in
 * temp dirs, every call through the RPC router as the app makes it. After each scenario the
 * devices and the server hold the same rows, nothing lost and nothing doubled.
 */
describe.each(DIALECTS)('sync end to end on %s', (dialect) => {
  let s: TestSyncServer;
  const devices: Device[] = [];
  const device = async (name: string, school?: { code?: string; name?: string }) => {
    const d = await newDevice(name, school);
    devices.push(d);
    return d;
  };
  const run = (d: Device, confirmBulkDelete = false) => d.local.call('sync.run', { confirmBulkDelete });
  const expectConverged = async (...ds: Device[]) => {
    const server = await rowsOfServer(s, s.fx.units.schA1.id);
    for (const d of ds) {
      expect(sameRows(await rowsOfDevice(d), server), `${d.name} vs server`).toEqual([]);
      expect(await pendingCount(d)).toBe(0);
    }
    // Nothing doubled: every change the devices logged reached the server once.
    const logged = (await Promise.all(ds.map(changeLogCount))).reduce((a, b) => a + b, 0);
    return { server, logged };
  };

  beforeAll(async () => {
    s = await startSyncServer(dialect, { maxBlobBytes: 256 * 1024 });
  });
  afterEach(async () => {
    for (const d of devices.splice(0)) await d.close();
  });
  afterAll(async () => s?.stop());

  it('two devices of one school converge; the second adopts the school from the server; files follow', async () => {
    const a = await device('A');
    const enrolA = await enrol(a, s.url);
    expect(enrolA).toMatchObject({ school: { code: 'SCH-A1' }, adoptsServerData: false });
    const file = randomBytes(100_000);
    const ev = await addEvidence(a, { title: 'Kế hoạch năm học', notes: 'Ghi chú', bytes: file });
    const r1 = await run(a);
    expect(r1).toMatchObject({ errors: [], blobsUploaded: 1, conflicts: 0 });
    expect(r1.pushed).toBe(await changeLogCount(a));

    const b = await device('B');
    const enrolB = await enrol(b, s.url);
    expect(enrolB.adoptsServerData).toBe(true);
    const r2 = await run(b);
    expect(r2.errors).toEqual([]);
    expect(r2.blobsDownloaded).toBe(1);
    expect(r2.pulled).toBeGreaterThan(0);
    // B shows A's school (one school, same id), and holds the evidence file.
    const schoolA = await a.local.call('school.get', {});
    const schoolB = await b.local.call('school.get', {});
    expect(schoolB.id).toBe(schoolA.id);
    expect(schoolB.sites.map((x) => x.id)).toEqual(schoolA.sites.map((x) => x.id));
    expect(Buffer.compare(await new BlobStore(b.dir).read(ev.blobHash!), file)).toBe(0);
    // B's own setup rows are gone, not pushed: the server has one school.
    expect((await rowsOfServer(s, s.fx.units.schA1.id)).School).toHaveLength(1);

    // Edits on both sides, different fields: both survive everywhere.
    await b.local.call('school.update', {
      expectedRev: schoolB.rev,
      profile: { ...schoolB, name: 'Trường Tiểu học A1 (mới)', sites: undefined },
    });
    await a.local.call('school.update', {
      expectedRev: schoolA.rev,
      profile: { ...schoolA, phone: '0281234567', sites: undefined },
    });
    for (const d of [a, b, a]) expect((await run(d)).errors).toEqual([]);
    const finalA = await a.local.call('school.get', {});
    const finalB = await b.local.call('school.get', {});
    expect(finalA).toMatchObject({ name: 'Trường Tiểu học A1 (mới)', phone: '0281234567' });
    expect({ ...finalB, rev: 0 }).toEqual({ ...finalA, rev: 0 });
    await expectConverged(a, b);

    // Pulling never logs: nothing echoes back.
    const before = await changeLogCount(b);
    await run(b);
    expect(await changeLogCount(b)).toBe(before);
  });

  it('three devices: per-field merge, a long-text conflict surfaced everywhere, resolved once for all', async () => {
    const [a, b, c] = [await device('A3'), await device('B3'), await device('C3')];
    for (const d of [a, b, c]) await enrol(d, s.url);
    const ev = await addEvidence(a, { title: 'Biên bản họp', notes: 'Bản gốc' });
    for (const d of [a, b, c]) expect((await run(d)).errors).toEqual([]);

    // Offline, A and B edit the same narrative text and different structured fields.
    await editEvidence(a, ev.id, { notes: 'Ý kiến của tổ chuyên môn (máy A)', issuer: 'Tổ 1' });
    await editEvidence(b, ev.id, { notes: 'Ý kiến của hội đồng (máy B)', documentNumber: '12/BB' });
    await run(a);
    const rb = await run(b);
    expect(rb.conflicts).toBe(1);
    await run(a);
    await run(c);
    for (const d of [a, b, c]) {
      const conflicts = await d.local.call('sync.conflicts', { status: 'open' });
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({
        entity: 'Evidence',
        rowId: ev.id,
        field: 'notes',
        keptValue: 'Ý kiến của hội đồng (máy B)',
        otherValue: 'Ý kiến của tổ chuyên môn (máy A)',
      });
      expect((await d.local.call('sync.status', {})).conflicts).toBe(1);
    }
    // Structured fields merged per field: both edits kept.
    const row = await c.local.backend.dataSource.query('select notes, issuer, documentNumber from evidence where id = ?', [
      ev.id,
    ]);
    expect(row).toEqual([{ notes: 'Ý kiến của hội đồng (máy B)', issuer: 'Tổ 1', documentNumber: '12/BB' }]);

    const [conflict] = await c.local.call('sync.conflicts', { status: 'open' });
    const merged = 'Ý kiến của tổ chuyên môn và của hội đồng';
    const resolved = await c.local.call('sync.resolveConflict', { id: conflict!.id, choice: 'custom', value: merged });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedValue: merged });
    for (const d of [c, a, b, c]) expect((await run(d)).errors).toEqual([]);
    for (const d of [a, b, c]) {
      expect(await d.local.call('sync.conflicts', { status: 'open' })).toEqual([]);
      expect(await d.local.backend.dataSource.query('select notes from evidence where id = ?', [ev.id])).toEqual([
        { notes: merged },
      ]);
    }
    // The resolution itself raised no new conflict, and everyone agrees with the server.
    expect((await rowsOfServer(s, s.fx.units.schA1.id)).SyncConflict.filter((x) => x.status === 'open')).toEqual([]);
    await expectConverged(a, b, c);
  });

  it('a poison change is recorded and set aside after 3 tries; the queue keeps moving', async () => {
    const a = await device('P');
    await enrol(a, s.url);
    await a.local.backend.dataSource.query(
      `insert into change_log (changeId, entity, rowId, op, rev, data, at) values ('0190ffff-0000-7000-8000-000000000001', 'Bad Entity', 'x', 'insert', 1, '{}', '2026-01-01T00:00:00.000Z')`,
    );
    const ev = await addEvidence(a, { title: 'Minh chứng hợp lệ' });
    const r1 = await run(a);
    expect(r1.errors).toEqual([
      expect.objectContaining({
        kind: 'change',
        message: expect.stringMatching(/Máy chủ từ chối thay đổi Bad Entity x: Tên bảng/),
      }),
    ]);
    await run(a);
    await editEvidence(a, ev.id, { title: 'Sửa sau khi có thay đổi lỗi' });
    const r3 = await run(a);
    expect(r3.errors[0]!.message).toMatch(/Đã tạm gác lại sau 3 lần thử/);
    const st = await a.local.call('sync.status', {});
    expect(st.poisoned).toEqual([expect.objectContaining({ entity: 'Bad Entity', tries: 3 })]);
    expect(st.pendingChanges).toBe(0);
    // Later runs skip it: no error, and the good edits are on the server.
    expect((await run(a)).errors).toEqual([]);
    const server = await rowsOfServer(s, s.fx.units.schA1.id);
    expect(server.Evidence.find((e) => e.id === ev.id)).toMatchObject({ title: 'Sửa sau khi có thay đổi lỗi' });
  });

  it('a bulk delete waits for explicit confirmation; other changes go meanwhile', async () => {
    const a = await device('D');
    const b = await device('D2');
    await enrol(a, s.url);
    await enrol(b, s.url);
    await run(a);
    const ids = await addSites(a, 60);
    await run(a);
    await run(b);
    await removeSites(a, ids);
    const ev = await addEvidence(a, { title: 'Thêm trong lúc xoá' });
    const r = await run(a);
    expect(r.needsBulkDeleteConfirmation).toMatchObject({ total: 60 });
    expect(r.needsBulkDeleteConfirmation!.message).toMatch(/xác nhận việc xoá hàng loạt/);
    const st = await a.local.call('sync.status', {});
    expect(st.blocked).toBe('bulk_delete');
    expect(st.pendingChanges).toBe(60);
    // The evidence went; the sites are still there for B.
    await run(b);
    expect(await b.local.backend.dataSource.query('select count(*) as n from evidence where id = ?', [ev.id])).toEqual([
      { n: 1 },
    ]);
    expect(
      await b.local.backend.dataSource.query(
        `select count(*) as n from school_site where name like 'Phòng %' and deletedAt is null`,
      ),
    ).toEqual([{ n: 60 }]);

    const ok = await run(a, true);
    expect(ok.errors).toEqual([]);
    expect((await a.local.call('sync.status', {})).blocked).toBeNull();
    await run(b);
    expect(
      await b.local.backend.dataSource.query(
        `select count(*) as n from school_site where name like 'Phòng %' and deletedAt is null`,
      ),
    ).toEqual([{ n: 0 }]);
    await expectConverged(a, b);
  });

  it('a file over the size limit is a per-file error; the rest syncs', async () => {
    const a = await device('L');
    await enrol(a, s.url);
    const big = await addEvidence(a, { title: 'Video lớn', bytes: randomBytes(300 * 1024) });
    const small = await addEvidence(a, { title: 'Ảnh nhỏ', bytes: randomBytes(10 * 1024) });
    const r = await run(a);
    expect(r.blobsUploaded).toBe(1);
    expect(r.errors).toEqual([
      expect.objectContaining({
        kind: 'blob',
        ref: big.blobHash,
        message: expect.stringMatching(/vượt giới hạn 0\.3 MB|vượt giới hạn 256/),
      }),
    ]);
    expect(await pendingCount(a)).toBe(0);
    const server = await rowsOfServer(s, s.fx.units.schA1.id);
    expect(server.Evidence.map((e) => e.id)).toEqual(expect.arrayContaining([big.id, small.id]));
    const st = await a.local.call('sync.status', {});
    expect(st.blobIssues).toEqual([expect.objectContaining({ sha256: big.blobHash, status: 'too_large' })]);
  });

  it('a revoked device stops with a Vietnamese message and keeps its data', async () => {
    const a = await device('R');
    await enrol(a, s.url);
    await addEvidence(a, { title: 'Chưa gửi' });
    const tokens = await s.server.services.auth.listOwnTokens({ ...s.fx.actors.a1User });
    const mine = tokens.find((t) => t.deviceName === 'R')!;
    await s.server.services.auth.revokeToken({ kind: 'system' }, mine.id);
    const pending = await pendingCount(a);
    const r = await run(a);
    expect(r.errors).toEqual([
      expect.objectContaining({ kind: 'auth', message: expect.stringMatching(/đăng nhập lại|đăng ký lại/) }),
    ]);
    const st = await a.local.call('sync.status', {});
    expect(st).toMatchObject({ blocked: 'unenrolled', nextRetryAt: null });
    expect(await pendingCount(a)).toBe(pending);
  });

  it('the device token never reaches the renderer and is stored 0600', async () => {
    const a = await device('T');
    const out = await enrol(a, s.url);
    const status = await a.local.call('sync.status', {});
    const token = fs.readFileSync(`${a.dir}/secrets/sync-device-token`, 'utf8');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const shown of [out, status]) expect(JSON.stringify(shown)).not.toContain(token);
    if (process.platform !== 'win32') expect(fs.statSync(`${a.dir}/secrets/sync-device-token`).mode & 0o777).toBe(0o600);
  });

  it("another school's device sees none of this school's data", async () => {
    const other = await device('O', { code: 'SCH-B1', name: 'Trường THCS B1' });
    await enrol(other, s.url, 'b1.user');
    expect((await run(other)).errors).toEqual([]);
    const rows = await rowsOfDevice(other);
    expect(rows.Evidence).toEqual([]);
    expect(rows.School).toHaveLength(1);
    // Enrolling with the wrong school's account is refused before anything mixes.
    const wrong = await device('W', { code: 'SCH-B1' });
    await expect(enrol(wrong, s.url, 'a1.user')).rejects.toThrow(/Mã trường trên máy này \(SCH-B1\) khác mã trường/);
  });
});

describe.each(DIALECTS)('schema negotiation on %s', (dialect) => {
  it('a server that needs a newer app answers 426; the client stops without touching its data', async () => {
    const s = await startSyncServer(dialect, {}, { minAppVersion: '9.0.0' });
    const a = await newDevice('V');
    try {
      await expect(enrol(a, s.url)).rejects.toThrow(/Vui lòng cập nhật ứng dụng/);
      // Enrolled with an older server rule, then the server is upgraded:
      s.server.sync.deps.options.minAppVersion = '0.1.0';
      await enrol(a, s.url);
      await addEvidence(a, { title: 'Giữ nguyên' });
      s.server.sync.deps.options.minAppVersion = '9.0.0';
      const before = await a.local.backend.dataSource.query('select changeId, pushedAt from change_log order by seq');
      const r = await a.local.call('sync.run', {});
      expect(r.errors).toEqual([
        expect.objectContaining({
          kind: 'upgrade',
          message: expect.stringMatching(/9\.0\.0 trở lên.*Dữ liệu trên máy vẫn được giữ nguyên/),
        }),
      ]);
      const st = await a.local.call('sync.status', {});
      expect(st).toMatchObject({ blocked: 'upgrade_required', nextRetryAt: null });
      expect(await a.local.backend.dataSource.query('select changeId, pushedAt from change_log order by seq')).toEqual(before);
    } finally {
      await a.close();
      await s.stop();
    }
  });
});
