import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDataSource } from '../src/backend/db/data-source';
import { openDatabase } from '../src/backend/db/open-database';
import { SYNC_ENTITIES } from '../src/backend/modules/sync/entities';
import { Initial1764320000000 } from './0001-initial';
import { Assessment1764400000000 } from './0002-assessment';
import { Evidence1764500000000 } from './0003-evidence';
import { Assets1764600000000 } from './0004-assets';
import { Sync1764700000000 } from './0005-sync';

const SYNC_TABLES = [
  'sync_blob_state',
  'sync_conflict',
  'sync_inbox_failure',
  'sync_outbox_failure',
  'sync_row_meta',
  'sync_state',
  'sync_submission',
];
const NOW = '2026-01-05T08:00:00.000Z';
const SCHOOL = '0190a000-0000-7000-8000-000000000001';

let dir: string;
let file: string;
const sources: DataSource[] = [];
const track = <T extends DataSource>(ds: T) => (sources.push(ds), ds);

/** A database as the previous release left it (migrations up to 0004), with data and unpushed changes. */
async function seedBefore0005(): Promise<void> {
  const ds = track(
    createDataSource({
      file,
      migrations: [Initial1764320000000, Assessment1764400000000, Evidence1764500000000, Assets1764600000000],
    }),
  );
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.query(
    `insert into school (id, createdAt, updatedAt, rev, name, levels, ownership) values (?, ?, ?, 2, 'Trường THCS Nguyễn Du', '["thcs"]', 'cong_lap')`,
    [SCHOOL, NOW, NOW],
  );
  await ds.query(
    `insert into change_log (changeId, entity, rowId, op, rev, data, at) values ('c1', 'School', ?, 'insert', 1, '{}', ?)`,
    [SCHOOL, NOW],
  );
  await ds.destroy();
}

const tables = async (ds: DataSource) =>
  (
    (await ds.query(`select name from sqlite_master where type = 'table' and name like 'sync_%' order by name`)) as {
      name: string;
    }[]
  ).map((r) => r.name);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-mig5-'));
  file = path.join(dir, 'truong-chuan.sqlite');
});
afterEach(async () => {
  for (const ds of sources.splice(0)) if (ds.isInitialized) await ds.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration 0005 Sync', () => {
  it('is recorded under its class name', () => {
    expect(new Sync1764700000000().name).toBe('Sync1764700000000');
  });

  it('applies on a 0004 database, keeps its data and its unpushed changes, backs it up first', async () => {
    await seedBefore0005();
    const opened = await openDatabase(file);
    const ds = track(opened.dataSource);
    track(opened.readSource);
    expect(opened.appliedMigrations).toContain('Sync1764700000000');
    expect(opened.backupFile).not.toBeNull();
    expect(await ds.query('select name, rev from school')).toEqual([{ name: 'Trường THCS Nguyễn Du', rev: 2 }]);
    expect(await ds.query('select changeId, pushedAt from change_log')).toEqual([{ changeId: 'c1', pushedAt: null }]);
    expect(await tables(ds)).toEqual(SYNC_TABLES);
    for (const t of SYNC_TABLES) expect(await ds.query(`select count(*) as n from "${t}"`)).toEqual([{ n: 0 }]);
  });

  it('has no drift: after the migrations the sync entities need no further DDL', async () => {
    const opened = await openDatabase(file);
    track(opened.dataSource);
    track(opened.readSource);
    const only = track(new DataSource({ type: 'better-sqlite3', database: file, entities: SYNC_ENTITIES, synchronize: false }));
    await only.initialize();
    expect((await only.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
  });

  it('is reversible: down() drops exactly its tables; up() restores a schema equal to the entities', async () => {
    const opened = await openDatabase(file);
    const ds = track(opened.dataSource);
    track(opened.readSource);
    const m = new Sync1764700000000();
    const runner = ds.createQueryRunner();
    try {
      await m.down(runner);
      expect(await tables(ds)).toEqual([]);
      expect(await ds.query(`select count(*) as n from sqlite_master where name = 'change_log'`)).toEqual([{ n: 1 }]);
      await m.up(runner);
    } finally {
      await runner.release();
    }
    expect(await tables(ds)).toEqual(SYNC_TABLES);
    const only = track(new DataSource({ type: 'better-sqlite3', database: file, entities: SYNC_ENTITIES }));
    await only.initialize();
    expect((await only.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
