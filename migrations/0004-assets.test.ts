import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDataSource } from '../src/backend/db/data-source';
import { openDatabase } from '../src/backend/db/open-database';
import { SchoolEntity, SchoolSiteEntity } from '../src/backend/db/entities';
import { ASSETS_ENTITIES } from '../src/backend/modules/assets/entities';
import { Initial1764320000000 } from './0001-initial';
import { Assessment1764400000000 } from './0002-assessment';
import { Evidence1764500000000 } from './0003-evidence';
import { Assets1764600000000 } from './0004-assets';
import { insertSql } from './test-support';

const ASSET_TABLES = [
  'asset',
  'asset_building',
  'asset_event',
  'asset_import_mapping',
  'asset_room',
  'asset_settings',
  'asset_stocktake',
  'asset_stocktake_book',
  'asset_stocktake_followup',
  'asset_stocktake_line',
  'asset_wear_run',
];
const NOW = '2026-01-05T08:00:00.000Z';
const SCHOOL = '0190a000-0000-7000-8000-000000000001';
const SITE = '0190a000-0000-7000-8000-000000000002';

let dir: string;
let file: string;
const sources: DataSource[] = [];

async function track<T extends DataSource>(ds: T): Promise<T> {
  sources.push(ds);
  return ds;
}

/** A database as the previous release left it: migrations up to 0003, with data. */
async function seedBefore0004(): Promise<void> {
  const ds = await track(
    createDataSource({ file, migrations: [Initial1764320000000, Assessment1764400000000, Evidence1764500000000] }),
  );
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.query(
    `insert into school (id, createdAt, updatedAt, rev, name, levels, ownership) values (?, ?, ?, 1, 'Trường THCS Nguyễn Du', '["thcs"]', 'cong_lap')`,
    [SCHOOL, NOW, NOW],
  );
  await ds.query(
    `insert into school_site (id, createdAt, updatedAt, rev, schoolId, name, isMain) values (?, ?, ?, 1, ?, 'Điểm chính', 1)`,
    [SITE, NOW, NOW, SCHOOL],
  );
  await ds.query(
    `insert into evidence (id, createdAt, updatedAt, code, sortKey, title, kind, firstCriterionCode, frameworkId, searchText) values ('e1', ?, ?, 'MC.1.1.01', 'MC.1.1.01', 'Kế hoạch', 'paper', '1.1', 'tt57', 'ke hoach')`,
    [NOW, NOW],
  );
  await ds.destroy();
}

async function names(ds: DataSource, type: 'table' | 'trigger'): Promise<string[]> {
  const rows = (await ds.query(`select name from sqlite_master where type = ? and name not like 'sqlite_%' order by name`, [
    type,
  ])) as { name: string }[];
  return rows.map((r) => r.name);
}

const assetRow = (id: string, code: string, extra: Record<string, string | number | null> = {}) => {
  const row: Record<string, string | number | null> = {
    id,
    createdAt: NOW,
    updatedAt: NOW,
    rev: 1,
    code,
    name: 'Máy tính',
    assetClass: 'tangible.5',
    category: 'fixed',
    searchText: 'may tinh',
    ...extra,
  };
  return insertSql('asset', row);
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-mig4-'));
  file = path.join(dir, 'truong-chuan.sqlite');
});

afterEach(async () => {
  for (const ds of sources.splice(0)) if (ds.isInitialized) await ds.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration 0004 Assets', () => {
  it('is recorded under its class name', () => {
    expect(new Assets1764600000000().name).toBe('Assets1764600000000');
  });

  it('applies on a database with 0003 data, keeps that data, backs it up first, and creates the asset tables, FTS table and triggers', async () => {
    await seedBefore0004();
    const opened = await openDatabase(file);
    const ds = await track(opened.dataSource);
    expect(opened.appliedMigrations).toContain('Assets1764600000000');
    expect(opened.backupFile).not.toBeNull();
    expect(await ds.query('select name from school')).toEqual([{ name: 'Trường THCS Nguyễn Du' }]);
    expect(await ds.query('select code from evidence')).toEqual([{ code: 'MC.1.1.01' }]);
    expect(await names(ds, 'table')).toEqual(expect.arrayContaining([...ASSET_TABLES, 'asset_fts']));
    expect((await names(ds, 'trigger')).filter((t) => t.startsWith('asset'))).toEqual([
      'asset_fts_delete',
      'asset_fts_insert',
      'asset_fts_update',
    ]);
    for (const t of ASSET_TABLES) expect(await ds.query(`select count(*) as n from "${t}"`)).toEqual([{ n: 0 }]);
  });

  it('has no drift: after the migrations the asset entities need no further DDL (the FTS table is ignored)', async () => {
    await seedBefore0004();
    await track((await openDatabase(file)).dataSource);
    const only = await track(
      new DataSource({
        type: 'better-sqlite3',
        database: file,
        entities: [SchoolEntity, SchoolSiteEntity, ...ASSETS_ENTITIES],
        synchronize: false,
      }),
    );
    await only.initialize();
    const log = await only.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query).filter((q) => /asset/i.test(q))).toEqual([]);
  });

  it('the drift check is not vacuous: a missing index or column shows up as DDL', async () => {
    const ds = await track((await openDatabase(file)).dataSource);
    await ds.query('DROP INDEX "idx_asset_code_live"');
    await ds.query('ALTER TABLE "asset_stocktake_line" DROP COLUMN "counter"');
    const ddl = (await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query).join('\n');
    expect(ddl).toContain('idx_asset_code_live');
    expect(ddl).toContain('"counter"');
  });

  it('codes are unique among live assets only; events need an existing asset; one standing wear run per year', async () => {
    const ds = await track((await openDatabase(file)).dataSource);
    const a = assetRow('a1', 'TS000001');
    await ds.query(a.sql, a.params);
    const clash = assetRow('a2', 'TS000001');
    await expect(ds.query(clash.sql, clash.params)).rejects.toThrow(/UNIQUE/);
    await ds.query(`update asset set deletedAt = ? where id = 'a1'`, [NOW]);
    await ds.query(clash.sql, clash.params);
    await expect(
      ds.query(
        `insert into asset_event (id, createdAt, updatedAt, assetId, type, date) values ('e1', ?, ?, 'nope', 'move', '2026-01-01')`,
        [NOW, NOW],
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
    const run = (id: string, status: string) =>
      ds.query(`insert into asset_wear_run (id, createdAt, updatedAt, year, status, runAt) values (?, ?, ?, 2025, ?, ?)`, [
        id,
        NOW,
        NOW,
        status,
        NOW,
      ]);
    await run('r1', 'reversed');
    await run('r2', 'done');
    await expect(run('r3', 'done')).rejects.toThrow(/UNIQUE/);
  });

  it('triggers keep asset_fts in step with live rows (insert, edit, tombstone, delete)', async () => {
    const ds = await track((await openDatabase(file)).dataSource);
    const fts = async (q: string) =>
      (
        (await ds.query(`select assetId from asset_fts where asset_fts match ? order by assetId`, [q])) as { assetId: string }[]
      ).map((r) => r.assetId);
    for (const [id, text] of [
      ['a1', 'may vi tinh dell'],
      ['a2', 'may chieu epson'],
      ['a3', 'ban ghe hoc sinh'],
    ] as const) {
      const r = assetRow(id, `C-${id}`, { searchText: text });
      await ds.query(r.sql, r.params);
    }
    const dead = assetRow('a4', 'C-a4', { searchText: 'may da xoa', deletedAt: NOW });
    await ds.query(dead.sql, dead.params);
    expect(await fts('"may"')).toEqual(['a1', 'a2']);
    await ds.query(`update asset set searchText = 'loa keo' where id = 'a2'`);
    expect(await fts('"may"')).toEqual(['a1']);
    await ds.query(`update asset set deletedAt = ? where id = 'a1'`, [NOW]);
    expect(await fts('"may"')).toEqual([]);
    await ds.query(`delete from asset where id = 'a3'`);
    expect(await ds.query('select assetId from asset_fts order by assetId')).toEqual([{ assetId: 'a2' }]);
  });

  it('is reversible: down() drops its tables, triggers and FTS table; up() restores a schema equal to the entities', async () => {
    const ds = await track((await openDatabase(file)).dataSource);
    const migration = new Assets1764600000000();
    const runner = ds.createQueryRunner();
    try {
      await migration.down(runner);
      const left = await names(ds, 'table');
      expect(left.filter((t) => t.startsWith('asset'))).toEqual([]);
      expect((await names(ds, 'trigger')).filter((t) => t.startsWith('asset'))).toEqual([]);
      expect(left).toEqual(expect.arrayContaining(['school', 'evidence', 'change_log']));
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const only = await track(
      new DataSource({ type: 'better-sqlite3', database: file, entities: [SchoolEntity, SchoolSiteEntity, ...ASSETS_ENTITIES] }),
    );
    await only.initialize();
    expect((await only.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query).filter((q) => /asset/i.test(q))).toEqual(
      [],
    );
  });
});
