import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDataSource } from '../src/backend/db/data-source';
import { openDatabase } from '../src/backend/db/open-database';
import { ASSESSMENT_ENTITIES, ASSESSMENT_TABLES } from '../src/backend/modules/assessment/entities';
import { Initial1764320000000 } from './0001-initial';
import { Assessment1764400000000 } from './0002-assessment';

const NOW = '2026-01-05T08:00:00.000Z';
const SCHOOL = '0190a000-0000-7000-8000-000000000001';
const A1 = '0190a000-0000-7000-8000-0000000000a1';

let dir: string;
let file: string;
const sources: DataSource[] = [];

async function track<T extends DataSource>(ds: T): Promise<T> {
  sources.push(ds);
  return ds;
}

/** A database as the first release left it: migration 0001 only, with data. */
async function seedBefore0002(): Promise<void> {
  const ds = await track(createDataSource({ file, migrations: [Initial1764320000000] }));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.query(`insert into meta (key, value) values ('installationId', 'cài-đặt-1')`);
  await ds.query(
    `insert into school (id, createdAt, updatedAt, rev, name, levels, ownership, province) values (?, ?, ?, 2, ?, '["thcs"]', 'cong_lap', 'Đắk Lắk')`,
    [SCHOOL, NOW, NOW, 'Trường THCS Nguyễn Du'],
  );
  await ds.query(
    `insert into school_site (id, createdAt, updatedAt, rev, schoolId, name, isMain) values ('0190a000-0000-7000-8000-000000000002', ?, ?, 1, ?, 'Điểm chính', 1)`,
    [NOW, NOW, SCHOOL],
  );
  await ds.query(
    `insert into app_user (id, username, displayName, role, passwordHash, createdAt, updatedAt) values ('0190a000-0000-7000-8000-000000000003', 'admin', 'Quản trị viên', 'admin', 'scrypt$x', ?, ?)`,
    [NOW, NOW],
  );
  await ds.query(
    `insert into change_log (changeId, entity, rowId, op, rev, data, at) values ('c1', 'School', ?, 'insert', 1, '{}', ?)`,
    [SCHOOL, NOW],
  );
  await ds.destroy();
}

async function names(ds: DataSource, type: 'table' | 'index'): Promise<string[]> {
  const rows = (await ds.query(`select name from sqlite_master where type = ? and name not like 'sqlite_%' order by name`, [
    type,
  ])) as {
    name: string;
  }[];
  return rows.map((r) => r.name);
}

const assessment = (id: string, year: string, extra = '') =>
  `insert into assessment (id, createdAt, updatedAt, schoolYear, educationLevel, frameworkId, frameworkVersion${extra ? ', deletedAt' : ''}) values ('${id}', '${NOW}', '${NOW}', '${year}', 'thcs', 'tt57-2026-pl2-pho-thong', '2026.1'${extra ? `, '${extra}'` : ''})`;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-mig2-'));
  file = path.join(dir, 'truong-chuan.sqlite');
});

afterEach(async () => {
  for (const ds of sources.splice(0)) if (ds.isInitialized) await ds.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration 0002 Assessment', () => {
  it('is recorded under its class name and creates the fifteen tables of the module', () => {
    expect(new Assessment1764400000000().name).toBe('Assessment1764400000000');
    expect(ASSESSMENT_TABLES).toHaveLength(15);
  });

  it('applies on a database with 0001 data, keeps that data, and backs it up first', async () => {
    await seedBefore0002();
    const opened = await openDatabase(file);
    const ds = await track(opened.dataSource);
    expect(opened.appliedMigrations).toContain('Assessment1764400000000');
    expect(opened.backupFile).not.toBeNull();
    expect(await ds.query('select name, rev, levels, province from school')).toEqual([
      { name: 'Trường THCS Nguyễn Du', rev: 2, levels: '["thcs"]', province: 'Đắk Lắk' },
    ]);
    expect(await ds.query('select name, isMain from school_site')).toEqual([{ name: 'Điểm chính', isMain: 1 }]);
    expect(await ds.query('select username from app_user')).toEqual([{ username: 'admin' }]);
    expect(await ds.query('select changeId, entity from change_log')).toEqual([{ changeId: 'c1', entity: 'School' }]);
    expect(await ds.query('select value from meta')).toEqual([{ value: 'cài-đặt-1' }]);
    expect(await names(ds, 'table')).toEqual(expect.arrayContaining(ASSESSMENT_TABLES));
    for (const t of ASSESSMENT_TABLES) expect(await ds.query(`select count(*) as n from "${t}"`)).toEqual([{ n: 0 }]);
  });

  it('has no drift: after the migrations the assessment entities need no further DDL', async () => {
    await seedBefore0002();
    const opened = await openDatabase(file);
    const full = await track(opened.dataSource);
    const only = await track(
      new DataSource({ type: 'better-sqlite3', database: file, entities: ASSESSMENT_ENTITIES, synchronize: false }),
    );
    await only.initialize();
    expect((await only.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
    const fullLog = await full.driver.createSchemaBuilder().log();
    const mine = new RegExp(`"(${ASSESSMENT_TABLES.join('|')})"`);
    expect(fullLog.upQueries.map((q) => q.query).filter((q) => mine.test(q))).toEqual([]);
  });

  it('the drift check is not vacuous: a missing index or column shows up as DDL', async () => {
    const ds = await track((await openDatabase(file)).dataSource);
    await ds.query('DROP INDEX "idx_requirement_entry_key"');
    await ds.query('ALTER TABLE "plan_task" DROP COLUMN "calendarKey"');
    const ddl = (await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query).join('\n');
    expect(ddl).toContain('idx_requirement_entry_key');
    expect(ddl).toContain('"calendarKey"');
  });

  it('one live assessment per school year and level; children need their assessment; one entry per requirement', async () => {
    const ds = await track((await openDatabase(file)).dataSource);
    await ds.query(assessment(A1, '2026-2027'));
    await expect(ds.query(assessment('a2', '2026-2027'))).rejects.toThrow(/UNIQUE/);
    await ds.query(assessment('a3', '2026-2027', NOW)); // a tombstoned duplicate is fine
    await ds.query(assessment('a4', '2027-2028'));
    await expect(
      ds.query(
        `insert into council_member (id, createdAt, updatedAt, assessmentId, fullName) values ('m1', ?, ?, 'nope', 'Ai')`,
        [NOW, NOW],
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
    const entry = (id: string) =>
      ds.query(
        `insert into requirement_entry (id, createdAt, updatedAt, assessmentId, criterionCode, level, requirementCode) values (?, ?, ?, ?, '1.1', 1, '1')`,
        [id, NOW, NOW, A1],
      );
    await entry('r1');
    await expect(entry('r2')).rejects.toThrow(/UNIQUE/);
    expect(await ds.query(`select description, judgment, carriedOver, confirmedAt from requirement_entry`)).toEqual([
      { description: '', judgment: 'unassessed', carriedOver: 0, confirmedAt: null },
    ]);
  });

  it('up() then down() in isolation leaves exactly the tables of 0001; up() again gives the same schema', async () => {
    const ds = await track(createDataSource({ file, migrations: [] }));
    await ds.initialize();
    const runner = ds.createQueryRunner();
    try {
      await new Initial1764320000000().up(runner);
      const before = await names(ds, 'table');
      const migration = new Assessment1764400000000();
      await migration.up(runner);
      const schema = await ds.query(
        `select type, name, sql from sqlite_master where name not like 'sqlite_%' order by type, name`,
      );
      expect(await names(ds, 'table')).toEqual([...before, ...ASSESSMENT_TABLES].sort());
      await migration.down(runner);
      expect(await names(ds, 'table')).toEqual(before);
      await migration.up(runner);
      expect(
        await ds.query(`select type, name, sql from sqlite_master where name not like 'sqlite_%' order by type, name`),
      ).toEqual(schema);
    } finally {
      await runner.release();
    }
  });
});
