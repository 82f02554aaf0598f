import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulledChange } from '../../../contract/sync-protocol';
import { openBackend, type Backend } from '../../backend';
import { EvidenceEntity } from '../evidence/entities';
import { applyPage, retryInbox } from './inbox';

let dir: string;
let backend: Backend;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-inbox-'));
  backend = await openBackend({ dataDir: dir });
});
afterEach(async () => {
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ID = '0190bbbb-0000-7000-8000-000000000001';
const insert: PulledChange = {
  seq: 1,
  changeId: '0190bbbb-0000-7000-8000-0000000000c1',
  entity: 'Evidence',
  rowId: ID,
  op: 'insert',
  at: '2026-01-01T00:00:00.000Z',
  actor: null,
  data: {
    id: ID,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    deletedAt: null,
    code: 'MC.1.1.01',
    sortKey: 'MC.1.1.01',
    title: 'Bản đầu',
    kind: 'paper',
    notes: 'Ghi chú đầu',
    firstCriterionCode: '1.1',
    frameworkId: 'tt17',
    searchText: 'ban dau',
    unknownFutureField: 'bỏ qua',
  },
};
const upd = (seq: number, data: Record<string, unknown>): PulledChange => ({
  ...insert,
  seq,
  op: 'update',
  changeId: `0190bbbb-0000-7000-8000-0000000000${String(seq).padStart(2, '0')}`,
  data: { ...data, updatedAt: `2026-01-0${seq}T00:00:00.000Z` },
});
const changes = [
  insert,
  upd(2, { title: 'Tên thứ hai' }),
  upd(3, { notes: 'Ghi chú thứ ba', title: 'Tên thứ ba' }),
  upd(4, { deletedAt: '2026-01-04T00:00:00.000Z' }),
];

const apply = (page: PulledChange[]) => backend.writes.run(null, (tx) => applyPage(tx.manager, page, '2026-01-09T00:00:00.000Z'));
const row = async () =>
  (await backend.dataSource.query('select title, notes, deletedAt, updatedAt, rev from evidence where id = ?', [ID]))[0];
const logged = async () => (await backend.dataSource.query('select count(*) as n from change_log'))[0].n;

describe('applying pulled changes', () => {
  it('lands on the same state in order, in reverse, one by one or twice, and never logs a change', async () => {
    await apply(changes);
    const inOrder = await row();
    expect(inOrder).toMatchObject({
      title: 'Tên thứ ba',
      notes: 'Ghi chú thứ ba',
      deletedAt: '2026-01-04T00:00:00.000Z',
      updatedAt: '2026-01-04T00:00:00.000Z',
    });
    await apply(changes);
    expect({ ...(await row()), rev: 0 }).toEqual({ ...inOrder, rev: 0 });
    expect(await logged()).toBe(0);

    await backend.dataSource.query('delete from evidence');
    await backend.dataSource.query('delete from sync_row_meta');
    // Reverse order: the insert comes last; the updates before it cannot land (no row yet) and
    // are kept for retry; the insert applies only fields newer than what is held.
    for (const c of [...changes].reverse()) await apply([c]);
    const failures = await backend.dataSource.query('select seq from sync_inbox_failure order by seq');
    expect(failures.length).toBeGreaterThan(0);
    await backend.writes.run(null, (tx) => retryInbox(tx.manager, '2026-01-09T00:00:00.000Z', 5));
    expect({ ...(await row()), rev: 0 }).toEqual({ ...inOrder, rev: 0 });
    expect(await backend.dataSource.query('select seq from sync_inbox_failure')).toEqual([]);
    expect(await logged()).toBe(0);
  });

  it('a field edited here and not yet pushed is not overwritten by a remote change', async () => {
    await apply([insert]);
    await backend.writes.run('u', (tx) => tx.update(EvidenceEntity, ID, { notes: 'Sửa trên máy này' }));
    await apply([upd(2, { notes: 'Sửa ở máy khác', title: 'Tên từ máy khác' })]);
    expect(await row()).toMatchObject({ notes: 'Sửa trên máy này', title: 'Tên từ máy khác' });
  });

  it('a change this database refuses is isolated and recorded, the rest of the page applies', async () => {
    // Two assets with one live code (the asset register's code is unique): the second is refused.
    const asset = (seq: number, id: string): PulledChange => ({
      ...insert,
      seq,
      changeId: `0190bbbb-0000-7000-8000-0000000000c${seq}`,
      entity: 'Asset',
      rowId: id,
      data: {
        id,
        createdAt: insert.data.createdAt,
        updatedAt: insert.data.updatedAt,
        deletedAt: null,
        code: 'TS000001',
        name: 'Máy chiếu',
        assetClass: 'tangible.5',
        category: 'fixed',
      },
    });
    const clash = asset(5, 'khac');
    const other = {
      ...insert,
      seq: 6,
      changeId: '0190bbbb-0000-7000-8000-0000000000c6',
      rowId: 'thu-ba',
      data: { ...insert.data, id: 'thu-ba', code: 'MC.1.1.02' },
    };
    const outcome = await apply([insert, asset(4, 'tai-san'), clash, other]);
    expect(outcome).toMatchObject({ failed: 1, remote: 4 });
    const [f] = await backend.dataSource.query('select seq, lastError from sync_inbox_failure');
    expect(f.seq).toBe(5);
    expect(f.lastError).toMatch(/trùng với dữ liệu đã có trên máy/);
    expect(await backend.dataSource.query('select id from asset order by id')).toEqual([{ id: 'tai-san' }]);
    expect(await backend.dataSource.query('select id from evidence order by id')).toEqual([{ id: ID }, { id: 'thu-ba' }]);
  });

  it('takes a second live evidence with a code this computer already holds (ADR 0013: sync settles it, not the index)', async () => {
    const twin = {
      ...insert,
      seq: 2,
      changeId: '0190bbbb-0000-7000-8000-0000000000c2',
      rowId: 'hai',
      data: { ...insert.data, id: 'hai' },
    };
    expect(await apply([insert, twin])).toMatchObject({ failed: 0, remote: 2 });
    expect(await backend.dataSource.query(`select id from evidence where code = 'MC.1.1.01' order by id`)).toHaveLength(2);
    expect(await backend.dataSource.query('select seq from sync_inbox_failure')).toEqual([]);
  });

  it('code counters older apps still send are skipped and counted, never failures', async () => {
    const counter = (seq: number, id: string): PulledChange => ({
      seq,
      changeId: `0190bbbb-0000-7000-8000-0000000000d${seq}`,
      entity: 'EvidenceCodeCounter',
      rowId: id,
      op: 'insert',
      at: insert.at,
      actor: null,
      data: {
        id,
        frameworkId: 'tt17',
        criterionCode: '1.1',
        lastSeq: 2,
        createdAt: insert.at,
        updatedAt: insert.at,
        deletedAt: null,
      },
    });
    // Two computers' counters for the same criterion: the old unique-key clash cannot happen any more.
    const outcome = await apply([counter(1, 'k-a'), insert, counter(3, 'k-b')]);
    expect(outcome).toMatchObject({ failed: 0, skipped: 2, remote: 3 });
    expect(await backend.dataSource.query('select count(*) as n from evidence_code_counter')).toEqual([{ n: 0 }]);
    expect(await backend.dataSource.query('select seq from sync_inbox_failure')).toEqual([]);
    expect(
      await backend.dataSource.query(`select count(*) as n from sync_row_meta where entity = 'EvidenceCodeCounter'`),
    ).toEqual([{ n: 0 }]);
  });
});
