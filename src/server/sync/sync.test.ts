import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_VERSION, type PullResponse, type WireChange } from '../../contract/sync-protocol';
import { buildServer, type BuiltServer } from '../app';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/test-database';
import { seedFixture, TEST_PASSWORD, TestClock, testConfig, type Fixture } from '../testing';

const DEVICE_A = '01900000-0000-7000-8000-00000000000a';
const DEVICE_B = '01900000-0000-7000-8000-00000000000b';

/** The sync API end to end through `app.inject()` on both databases. */
describe.each(DIALECTS)('sync API on %s', (dialect) => {
  let tdb: TestDatabase;
  let server: BuiltServer;
  let app: FastifyInstance;
  let fx: Fixture;
  const clock = new TestClock();
  let tokenA1: string;
  let tokenB1: string;

  const enrol = async (username: string, deviceName = 'Máy thử') => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/devices/enrol',
      payload: { username, password: TEST_PASSWORD, deviceName },
    });
    expect(res.statusCode).toBe(201);
    return res.json().token as string;
  };
  const headers = (token: string, device = DEVICE_A, version = '0.1.0') => ({
    authorization: `Bearer ${token}`,
    'x-tc-protocol': String(SYNC_PROTOCOL_VERSION),
    'x-tc-app-version': version,
    'x-tc-device-id': device,
  });
  const push = (token: string, changes: WireChange[], device = DEVICE_A, confirmBulkDelete?: boolean) =>
    app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: headers(token, device),
      payload: { changes, confirmBulkDelete },
    });
  const pull = async (token: string, after = 0, limit = 500): Promise<PullResponse> => {
    const res = await app.inject({ method: 'GET', url: `/api/sync/pull?after=${after}&limit=${limit}`, headers: headers(token) });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const change = (over: Partial<WireChange> & Pick<WireChange, 'entity' | 'rowId' | 'data'>): WireChange => ({
    changeId: uuidv7(),
    op: 'update',
    rev: 2,
    at: '2026-03-02T08:00:00.000Z',
    actor: null,
    ...over,
  });
  const insertSite = (rowId: string, name: string): WireChange =>
    change({
      entity: 'SchoolSite',
      rowId,
      op: 'insert',
      rev: 1,
      data: {
        id: rowId,
        name,
        address: '',
        isMain: false,
        sortOrder: 0,
        schoolId: 'x',
        createdAt: 'c',
        updatedAt: 'u',
        deletedAt: null,
        rev: 1,
      },
    });

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    server = await buildServer({
      config: testConfig(tdb.config, tdb.dir, { maxBlobBytes: 64 * 1024 }),
      logger: false,
      now: clock.now,
      sync: { minAppVersion: '0.1.0' },
    });
    app = server.app;
    fx = await seedFixture(server.services);
    tokenA1 = await enrol('a1.user');
    tokenB1 = await enrol('b1.user');
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.cleanup();
  });

  it('hello names the school, its stream and the limits; a school account only', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/sync/hello', headers: headers(tokenA1) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ protocol: 1, serverSeq: 0, unit: { id: fx.units.schA1.id, code: 'SCH-A1', kind: 'school' } });
    expect(body.streamId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.limits.maxBlobBytes).toBe(64 * 1024);

    const admin = await enrol('pgda.admin');
    const denied = await app.inject({ method: 'GET', url: '/api/sync/hello', headers: headers(admin) });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toMatch(/Chỉ tài khoản của trường/);
  });

  it('a forged token is 401; an old app version is 426 with a Vietnamese "please update"', async () => {
    const forged = await app.inject({ method: 'GET', url: '/api/sync/hello', headers: headers('A'.repeat(43)) });
    expect(forged.statusCode).toBe(401);
    const old = await app.inject({ method: 'GET', url: '/api/sync/hello', headers: headers(tokenA1, DEVICE_A, '0.0.9') });
    expect(old.statusCode).toBe(426);
    expect(old.json().error).toMatchObject({ code: 'CLIENT_UPGRADE_REQUIRED' });
    expect(old.json().error.message).toMatch(/Vui lòng cập nhật ứng dụng/);
    const noProtocol = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { authorization: `Bearer ${tokenA1}`, 'x-tc-app-version': '0.1.0' },
      payload: { changes: [] },
    });
    expect(noProtocol.statusCode).toBe(426);
  });

  it('applies each change exactly once: a replayed batch is a no-op returning the same sequence numbers', async () => {
    const batch = [
      insertSite('site-1', 'Điểm 1'),
      insertSite('site-2', 'Điểm 2'),
      change({ entity: 'SchoolSite', rowId: 'site-1', data: { name: 'Điểm Một' } }),
    ];
    const first = await push(tokenA1, batch);
    expect(first.statusCode).toBe(200);
    expect(first.json().results.map((r: { status: string; seq: number }) => [r.status, r.seq])).toEqual([
      ['applied', 1],
      ['applied', 2],
      ['applied', 3],
    ]);
    const again = await push(tokenA1, batch);
    expect(again.json().results.map((r: { status: string; seq: number }) => [r.status, r.seq])).toEqual([
      ['duplicate', 1],
      ['duplicate', 2],
      ['duplicate', 3],
    ]);
    expect(again.json().serverSeq).toBe(3);
    expect(await server.sync.changeCount(fx.units.schA1.id)).toBe(3);
    const rows = await server.sync.rowsOf(fx.units.schA1.id, 'SchoolSite');
    expect(rows.map((r) => [r.rowId, r.data.name])).toEqual([
      ['site-1', 'Điểm Một'],
      ['site-2', 'Điểm 2'],
    ]);
    // rev describes the local copy only and does not travel.
    expect(rows[0]!.data.rev).toBeUndefined();
  });

  it('pulls by cursor in pages, never by clock', async () => {
    const p1 = await pull(tokenA1, 0, 2);
    expect(p1.changes.map((c) => c.seq)).toEqual([1, 2]);
    expect(p1).toMatchObject({ lastSeq: 2, hasMore: true, serverSeq: 3 });
    expect(p1.changes[0]).toMatchObject({ entity: 'SchoolSite', rowId: 'site-1', op: 'insert', data: { name: 'Điểm 1' } });
    const p2 = await pull(tokenA1, p1.lastSeq, 2);
    expect(p2.changes.map((c) => c.seq)).toEqual([3]);
    expect(p2).toMatchObject({ lastSeq: 3, hasMore: false });
    const p3 = await pull(tokenA1, 3);
    expect(p3).toMatchObject({ changes: [], lastSeq: 3, hasMore: false });
  });

  it('merges per field by server order: different fields both survive, the same field takes the later write', async () => {
    await push(
      tokenA1,
      [change({ entity: 'SchoolSite', rowId: 'site-2', data: { name: 'Tên của A', address: 'Địa chỉ của A' } })],
      DEVICE_A,
    );
    await push(tokenA1, [change({ entity: 'SchoolSite', rowId: 'site-2', data: { sortOrder: 7, name: 'Tên của B' } })], DEVICE_B);
    const [row] = (await server.sync.rowsOf(fx.units.schA1.id, 'SchoolSite')).filter((r) => r.rowId === 'site-2');
    expect(row!.data).toMatchObject({ name: 'Tên của B', address: 'Địa chỉ của A', sortOrder: 7 });
  });

  it('long text edited on two devices from the same base keeps both versions as a conflict record', async () => {
    const ev = 'evidence-1';
    const ins = await push(tokenA1, [
      change({ entity: 'Evidence', rowId: ev, op: 'insert', rev: 1, data: { id: ev, title: 'Kế hoạch', notes: 'Bản gốc' } }),
    ]);
    const baseSeq = ins.json().results[0].seq as number;
    // A edits having seen the insert: no conflict.
    const a = await push(
      tokenA1,
      [change({ entity: 'Evidence', rowId: ev, data: { notes: 'Bản của máy A' }, base: { notes: baseSeq } })],
      DEVICE_A,
    );
    expect(a.json().conflicts).toBe(0);
    // B edits from the same base, without having seen A's edit: conflict, both kept.
    const b = await push(
      tokenA1,
      [
        change({
          entity: 'Evidence',
          rowId: ev,
          data: { notes: 'Bản của máy B', title: 'Kế hoạch năm học' },
          base: { notes: baseSeq },
        }),
      ],
      DEVICE_B,
    );
    expect(b.json().conflicts).toBe(1);
    const page = await pull(tokenA1, 0, 2000);
    const conflicts = page.changes.filter((c) => c.entity === 'SyncConflict');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.data).toMatchObject({
      entity: 'Evidence',
      rowId: ev,
      field: 'notes',
      keptValue: 'Bản của máy B',
      otherValue: 'Bản của máy A',
      status: 'open',
      keptDevice: DEVICE_B,
      otherDevice: DEVICE_A,
    });
    // The conflict record comes right after the change that raised it.
    expect(conflicts[0]!.seq).toBe(b.json().results[0].seq + 1);
    // A later edit from B that has seen the latest value raises nothing; nor does A editing its own text again.
    const latest = b.json().results[0].seq as number;
    expect(
      (
        await push(
          tokenA1,
          [change({ entity: 'Evidence', rowId: ev, data: { notes: 'B sửa tiếp' }, base: { notes: latest } })],
          DEVICE_B,
        )
      ).json().conflicts,
    ).toBe(0);
    const [row] = (await server.sync.rowsOf(fx.units.schA1.id, 'Evidence')).filter((r) => r.rowId === ev);
    expect(row!.data).toMatchObject({ notes: 'B sửa tiếp', title: 'Kế hoạch năm học' });
    // Structured fields never conflict: title took the later write silently.
  });

  it('rejects a poison change alone; the rest of the batch applies', async () => {
    const good = insertSite('site-3', 'Điểm 3');
    const res = await push(tokenA1, [
      change({ entity: 'bad entity!', rowId: 'x', data: {} }),
      good,
      change({ entity: 'SchoolSite', rowId: 'site-3', op: 'drop', data: {} }),
    ]);
    const results = res.json().results;
    expect(results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'applied', 'rejected']);
    expect(results[0].message).toMatch(/Tên bảng dữ liệu không hợp lệ/);
    expect(results[2].message).toMatch(/Thao tác không hợp lệ/);
  });

  it('refuses a bulk delete without confirmation (nothing applied), accepts it with', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `bulk-${i}`);
    await push(
      tokenA1,
      ids.map((id) => insertSite(id, `Phòng ${id}`)),
    );
    const before = await server.sync.changeCount(fx.units.schA1.id);
    const deletes = ids.map((id) =>
      change({ entity: 'SchoolSite', rowId: id, op: 'delete', data: { deletedAt: '2026-03-02T09:00:00.000Z' } }),
    );
    const refused = await push(tokenA1, deletes);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('BULK_DELETE_UNCONFIRMED');
    expect(refused.json().error.message).toMatch(/Có 60 bản ghi bị xoá cùng lúc.*xác nhận/);
    expect(await server.sync.changeCount(fx.units.schA1.id)).toBe(before);
    // 20 % of a table is also a bulk delete (12 of the 63 sites here), even under 50.
    const some = await push(tokenA1, deletes.slice(0, 15));
    expect(some.statusCode).toBe(409);
    // A few deletes pass without asking.
    expect((await push(tokenA1, deletes.slice(0, 3))).statusCode).toBe(200);
    const ok = await push(tokenA1, deletes, DEVICE_A, true);
    expect(ok.statusCode).toBe(200);
    const live = (await server.sync.rowsOf(fx.units.schA1.id, 'SchoolSite')).filter((r) => !r.deleted);
    expect(live.map((r) => r.rowId).sort()).toEqual(['site-1', 'site-2', 'site-3']);
  });

  it('keeps schools apart: another school sees none of it and cannot reuse a change id', async () => {
    const page = await pull(tokenB1, 0);
    expect(page.changes).toEqual([]);
    const stolen = (await pull(tokenA1, 0, 1)).changes[0]!;
    const res = await push(tokenB1, [{ ...insertSite('site-x', 'X'), changeId: stolen.changeId }]);
    expect(res.json().results[0]).toMatchObject({ status: 'rejected', code: 'CHANGE_ID_TAKEN' });
    expect(await server.sync.changeCount(fx.units.schB1.id)).toBe(0);
  });

  describe('blobs', () => {
    const bytes = randomBytes(40_000);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const head = (token: string, hash = sha) =>
      app.inject({ method: 'HEAD', url: `/api/blobs/${hash}`, headers: headers(token) });
    const put = (token: string, offset: number, chunk: Buffer, total = bytes.length, hash = sha) =>
      app.inject({
        method: 'PUT',
        url: `/api/blobs/${hash}`,
        headers: {
          ...headers(token),
          'content-type': 'application/octet-stream',
          'upload-offset': String(offset),
          'upload-length': String(total),
        },
        payload: chunk,
      });

    it('uploads in chunks, resumes from the offset the server reports, verifies the hash, never twice', async () => {
      const h0 = await head(tokenA1);
      expect(h0.statusCode).toBe(404);
      expect(h0.headers['upload-offset']).toBe('0');
      expect((await put(tokenA1, 0, bytes.subarray(0, 15_000))).json()).toEqual({ offset: 15_000, complete: false });
      // A client that lost track (the cut connection) sends from the wrong offset: 409 tells it where.
      const wrong = await put(tokenA1, 0, bytes.subarray(0, 15_000));
      expect(wrong.statusCode).toBe(409);
      expect(wrong.headers['upload-offset']).toBe('15000');
      expect((await head(tokenA1)).headers['upload-offset']).toBe('15000');
      expect((await put(tokenA1, 15_000, bytes.subarray(15_000, 30_000))).json()).toEqual({ offset: 30_000, complete: false });
      expect((await put(tokenA1, 30_000, bytes.subarray(30_000))).json()).toEqual({ offset: 40_000, complete: true });
      const done = await head(tokenA1);
      expect(done.statusCode).toBe(200);
      expect(done.headers['upload-length']).toBe('40000');
      // Already complete: a further PUT stores nothing and says so.
      expect((await put(tokenA1, 0, bytes.subarray(0, 10))).json()).toEqual({ offset: 40_000, complete: true });
      const got = await app.inject({ method: 'GET', url: `/api/blobs/${sha}`, headers: headers(tokenA1) });
      expect(got.statusCode).toBe(200);
      expect(Buffer.compare(got.rawPayload, bytes)).toBe(0);
    });

    it("another school cannot see or fetch a school's file (404), and must upload its own copy", async () => {
      expect((await head(tokenB1)).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: `/api/blobs/${sha}`, headers: headers(tokenB1) })).statusCode).toBe(404);
      expect((await put(tokenB1, 0, bytes)).json()).toEqual({ offset: 40_000, complete: true });
      expect((await head(tokenB1)).statusCode).toBe(200);
    });

    it('discards bytes whose hash does not match (422) and refuses a file over the size limit (413) in Vietnamese', async () => {
      const other = randomBytes(1000);
      const res = await put(tokenA1, 0, other, other.length, 'a'.repeat(64));
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toMatch(/mã băm SHA-256 không khớp/);
      expect((await head(tokenA1, 'a'.repeat(64))).headers['upload-offset']).toBe('0');
      const big = await put(tokenA1, 0, Buffer.alloc(10), 65 * 1024, 'b'.repeat(64));
      expect(big.statusCode).toBe(413);
      expect(big.json().error).toMatchObject({ code: 'BLOB_TOO_LARGE' });
      expect(big.json().error.message).toMatch(/vượt giới hạn 0\.1 MB|vượt giới hạn 64/);
    });
  });

  it('school and department routes need the right role', async () => {
    const school = await app.inject({ method: 'GET', url: '/api/submissions', headers: { authorization: `Bearer ${tokenA1}` } });
    expect(school.statusCode).toBe(200);
    const insp = await enrol('pgda.insp');
    const list = await app.inject({ method: 'GET', url: '/api/submissions', headers: { authorization: `Bearer ${insp}` } });
    expect(list.json()).toEqual({ submissions: [] });
    const push403 = await push(insp, []);
    expect(push403.statusCode).toBe(403);
  });

  it('tolerates many concurrent pushes of one school without gaps or repeats in the sequence', async () => {
    const before = (await pull(tokenB1, 0, 2000)).serverSeq;
    const batches = Array.from({ length: 8 }, (_, b) =>
      Array.from({ length: 25 }, (_, i) => insertSite(`par-${b}-${i}`, `P${b}-${i}`)),
    );
    const results = await Promise.all(batches.map((batch) => push(tokenB1, batch)));
    for (const r of results) expect(r.statusCode).toBe(200);
    const page = await pull(tokenB1, before, 2000);
    expect(page.changes.map((c) => c.seq)).toEqual(Array.from({ length: 200 }, (_, i) => before + 1 + i));
  });
});
