import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcError } from '../../contract/rpc';
import { ChangeLogEntity, SchoolEntity, SchoolSiteEntity, type ChangeLogRow, type SchoolRow } from './entities';
import { openDatabase } from './open-database';
import { SyncTx } from './sync-tx';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let dir: string;
let ds: DataSource;

const schoolData = (over: Partial<SchoolRow> = {}) => ({
  code: '79000001',
  name: 'Trường THCS Lê Lợi',
  levels: '["thcs"]',
  ownership: 'cong_lap',
  address: '12 Lê Lợi',
  province: 'TP. Hồ Chí Minh',
  managingBody: 'Phòng GD&ĐT Quận 1',
  principal: 'Nguyễn Văn An',
  phone: '028 3822 0000',
  email: 'thcsleloi@example.edu.vn',
  ...over,
});

/** Runs work in one transaction with a SyncTx, as WriteQueue does. */
function tx<T>(work: (t: SyncTx) => Promise<T>, actor: string | null = 'actor-1'): Promise<T> {
  return ds.transaction((manager) => work(new SyncTx(manager, actor)));
}

const changeLog = () => ds.getRepository(ChangeLogEntity).find({ order: { seq: 'ASC' } });
const schoolRow = (id: string) => ds.getRepository(SchoolEntity).findOneByOrFail({ id });

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-'));
  ds = (await openDatabase(path.join(dir, 'db.sqlite'))).dataSource;
});

afterEach(async () => {
  if (ds.isInitialized) await ds.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SyncTx.insert', () => {
  it('writes the row and exactly one change-log row (insert, rev 1, all fields) in the same transaction', async () => {
    let logInsideTx: ChangeLogRow[] = [];
    const row = await tx(async (t) => {
      const inserted = await t.insert(SchoolEntity, schoolData());
      logInsideTx = await t.manager.getRepository(ChangeLogEntity).find();
      return inserted;
    });
    expect(logInsideTx).toHaveLength(1);
    expect(row.id).toMatch(UUID_V7);
    expect(row.rev).toBe(1);
    expect(row.deletedAt).toBeNull();
    expect(row.createdAt).toBe(row.updatedAt);

    const stored = await schoolRow(row.id);
    expect(stored).toMatchObject({ ...schoolData(), rev: 1, deletedAt: null });

    const log = await changeLog();
    expect(log).toHaveLength(1);
    const [entry] = log;
    expect(entry).toMatchObject({ entity: 'School', rowId: row.id, op: 'insert', rev: 1, actor: 'actor-1', pushedAt: null });
    const data = JSON.parse(entry!.data) as Record<string, unknown>;
    const columns = ds
      .getMetadata(SchoolEntity)
      .columns.map((c) => c.propertyName)
      .sort();
    expect(Object.keys(data).sort()).toEqual(columns);
    expect(data).toMatchObject({ ...schoolData(), id: row.id, rev: 1, deletedAt: null });
  });

  it('keeps a caller-given id', async () => {
    const id = '0190a000-0000-7000-8000-0000000000ff';
    const row = await tx((t) => t.insert(SchoolEntity, { ...schoolData(), id }));
    expect(row.id).toBe(id);
    expect((await changeLog())[0]!.rowId).toBe(id);
  });
});

describe('SyncTx.update', () => {
  it('logs only the fields that changed (plus updatedAt) and bumps rev', async () => {
    const row = await tx((t) => t.insert(SchoolEntity, schoolData()));
    await new Promise((r) => setTimeout(r, 2));
    const updated = await tx((t) =>
      t.update(SchoolEntity, row.id, { ...schoolData(), name: 'Trường THCS Lê Lợi (mới)', principal: 'Trần Thị Bình' }, 1),
    );
    expect(updated.rev).toBe(2);
    expect(updated.name).toBe('Trường THCS Lê Lợi (mới)');

    const stored = await schoolRow(row.id);
    expect(stored).toMatchObject({ rev: 2, name: 'Trường THCS Lê Lợi (mới)', principal: 'Trần Thị Bình', code: '79000001' });
    expect(stored.updatedAt > row.updatedAt).toBe(true);
    expect(stored.createdAt).toBe(row.createdAt);

    const log = await changeLog();
    expect(log.map((l) => [l.op, l.rev])).toEqual([
      ['insert', 1],
      ['update', 2],
    ]);
    const data = JSON.parse(log[1]!.data) as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(['name', 'principal', 'updatedAt']);
    expect(data.updatedAt).toBe(stored.updatedAt);
  });

  it('writes no log row and keeps rev when nothing changes (booleans and numbers read back from SQLite included)', async () => {
    const school = await tx((t) => t.insert(SchoolEntity, schoolData()));
    const site = await tx((t) =>
      t.insert(SchoolSiteEntity, { schoolId: school.id, name: 'Điểm chính', address: '', isMain: true, sortOrder: 0 }),
    );
    const same = await tx((t) => t.update(SchoolEntity, school.id, schoolData()));
    expect(same.rev).toBe(1);
    const sameSite = await tx((t) =>
      t.update(SchoolSiteEntity, site.id, { name: 'Điểm chính', address: '', isMain: true, sortOrder: 0 }),
    );
    expect(sameSite.rev).toBe(1);
    expect(await changeLog()).toHaveLength(2);
    expect((await schoolRow(school.id)).rev).toBe(1);
  });

  it('ignores attempts to patch the base columns (id, rev, timestamps)', async () => {
    const row = await tx((t) => t.insert(SchoolEntity, schoolData()));
    const patch = { rev: 99, createdAt: 'x', deletedAt: 'y' } as unknown as Partial<SchoolRow>;
    const same = await tx((t) => t.update(SchoolEntity, row.id, patch));
    expect(same.rev).toBe(1);
    expect(await schoolRow(row.id)).toMatchObject({ rev: 1, createdAt: row.createdAt, deletedAt: null });
    expect(await changeLog()).toHaveLength(1);
  });

  it('rejects a stale expectedRev with CONFLICT and writes nothing', async () => {
    const row = await tx((t) => t.insert(SchoolEntity, schoolData()));
    await tx((t) => t.update(SchoolEntity, row.id, { name: 'Tên thứ hai' }, 1));
    const err = await tx((t) => t.update(SchoolEntity, row.id, { name: 'Tên thứ ba' }, 1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toBe('CONFLICT');
    expect(await schoolRow(row.id)).toMatchObject({ name: 'Tên thứ hai', rev: 2 });
    expect(await changeLog()).toHaveLength(2);
  });

  it('answers NOT_FOUND for a missing or tombstoned row', async () => {
    const missing = await tx((t) => t.update(SchoolEntity, '0190a000-0000-7000-8000-000000000000', { name: 'x' })).catch(
      (e: unknown) => e,
    );
    expect((missing as RpcError).code).toBe('NOT_FOUND');
    const row = await tx((t) => t.insert(SchoolEntity, schoolData()));
    await tx((t) => t.remove(SchoolEntity, row.id));
    const gone = await tx((t) => t.update(SchoolEntity, row.id, { name: 'x' })).catch((e: unknown) => e);
    expect((gone as RpcError).code).toBe('NOT_FOUND');
  });
});

describe('SyncTx.remove', () => {
  it('tombstones the row: it stays with deletedAt set, rev+1, and a delete log row', async () => {
    const row = await tx((t) => t.insert(SchoolEntity, schoolData()));
    await tx((t) => t.remove(SchoolEntity, row.id));
    const stored = await schoolRow(row.id);
    expect(stored.deletedAt).not.toBeNull();
    expect(stored.rev).toBe(2);
    expect(stored.name).toBe(schoolData().name);
    const log = await changeLog();
    expect(log.map((l) => [l.op, l.rev])).toEqual([
      ['insert', 1],
      ['delete', 2],
    ]);
    expect(JSON.parse(log[1]!.data)).toEqual({ deletedAt: stored.deletedAt });
  });

  it('removing an already removed or unknown row changes nothing', async () => {
    const row = await tx((t) => t.insert(SchoolEntity, schoolData()));
    await tx((t) => t.remove(SchoolEntity, row.id));
    await tx((t) => t.remove(SchoolEntity, row.id));
    await tx((t) => t.remove(SchoolEntity, '0190a000-0000-7000-8000-000000000000'));
    expect((await schoolRow(row.id)).rev).toBe(2);
    expect(await changeLog()).toHaveLength(2);
  });
});

describe('SyncTx atomicity and change ids', () => {
  it('a transaction that throws after an insert leaves neither the row nor the log row', async () => {
    let insertedId = '';
    await expect(
      tx(async (t) => {
        insertedId = (await t.insert(SchoolEntity, schoolData())).id;
        throw new Error('hỏng giữa chừng');
      }),
    ).rejects.toThrow('hỏng giữa chừng');
    expect(insertedId).not.toBe('');
    expect(await ds.getRepository(SchoolEntity).count()).toBe(0);
    expect(await changeLog()).toHaveLength(0);
  });

  it('gives every change a unique UUIDv7 changeId and an increasing seq', async () => {
    const row = await tx((t) => t.insert(SchoolEntity, schoolData()));
    for (let i = 0; i < 5; i++) await tx((t) => t.update(SchoolEntity, row.id, { name: `Tên ${i}` }));
    await tx((t) => t.remove(SchoolEntity, row.id));
    const log = await changeLog();
    expect(log).toHaveLength(7);
    expect(new Set(log.map((l) => l.changeId)).size).toBe(7);
    for (const l of log) expect(l.changeId).toMatch(UUID_V7);
    for (let i = 1; i < log.length; i++) {
      expect(log[i]!.seq).toBeGreaterThan(log[i - 1]!.seq);
      expect(log[i]!.rev).toBe(log[i - 1]!.rev + 1);
    }
    // UUIDv7 is time-ordered: sorting the ids gives the order they were made in.
    expect([...log.map((l) => l.changeId)].sort()).toEqual(log.map((l) => l.changeId));
  });

  it('records the actor, or null for system writes', async () => {
    await tx((t) => t.insert(SchoolEntity, schoolData()), null);
    await tx((t) => t.insert(SchoolEntity, schoolData({ name: 'Trường khác' })), 'user-42');
    expect((await changeLog()).map((l) => l.actor)).toEqual([null, 'user-42']);
  });
});
