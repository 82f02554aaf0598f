import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDataSource } from '../src/backend/db/data-source';
import { openDatabase } from '../src/backend/db/open-database';
import { EVIDENCE_ENTITIES } from '../src/backend/modules/evidence/entities';
import { Initial1764320000000 } from './0001-initial';
import { Assessment1764400000000 } from './0002-assessment';
import { Evidence1764500000000 } from './0003-evidence';
import { EvidenceCodes1764800000000 } from './0006-evidence-codes';
import { insertSql } from './test-support';

const EVIDENCE_TABLES = ['evidence', 'evidence_code_counter', 'evidence_link'];
const NOW = '2026-01-05T08:00:00.000Z';
const SCHOOL = '0190a000-0000-7000-8000-000000000001';

let dir: string;
let file: string;
const sources: DataSource[] = [];

async function track<T extends DataSource>(ds: T): Promise<T> {
  sources.push(ds);
  return ds;
}

/** A database as the previous release left it: migrations up to 0002, with data. */
async function seedBefore0003(): Promise<void> {
  const ds = await track(createDataSource({ file, migrations: [Initial1764320000000, Assessment1764400000000] }));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.query(`insert into meta (key, value) values ('installationId', 'cài-đặt-1')`);
  await ds.query(
    `insert into school (id, createdAt, updatedAt, rev, name, levels, ownership) values (?, ?, ?, 3, ?, '["thcs"]', 'cong_lap')`,
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

async function names(ds: DataSource, type: 'table' | 'trigger' | 'index'): Promise<string[]> {
  const rows = (await ds.query(`select name from sqlite_master where type = ? and name not like 'sqlite_%' order by name`, [
    type,
  ])) as { name: string }[];
  return rows.map((r) => r.name);
}

const evidenceRow = (id: string, code: string, extra: Record<string, string | null> = {}) => {
  const row: Record<string, string | number | null> = {
    id,
    createdAt: NOW,
    updatedAt: NOW,
    rev: 1,
    code,
    sortKey: code,
    title: 'Minh chứng',
    kind: 'paper',
    firstCriterionCode: '1.1',
    frameworkId: 'tt57-2026-pl2-pho-thong',
    searchText: 'minh chung',
    ...extra,
  };
  return insertSql('evidence', row);
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-mig3-'));
  file = path.join(dir, 'truong-chuan.sqlite');
});

afterEach(async () => {
  for (const ds of sources.splice(0)) if (ds.isInitialized) await ds.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration 0003 Evidence', () => {
  it('is recorded under its class name', () => {
    expect(new Evidence1764500000000().name).toBe('Evidence1764500000000');
  });

  it('applies on a database with 0001 data, keeps that data, and backs it up first', async () => {
    await seedBefore0003();
    const opened = await openDatabase(file);
    const ds = await track(opened.dataSource);
    expect(opened.appliedMigrations).toContain('Evidence1764500000000');
    expect(opened.backupFile).not.toBeNull();

    expect(await ds.query('select name, rev, levels from school')).toEqual([
      { name: 'Trường THCS Nguyễn Du', rev: 3, levels: '["thcs"]' },
    ]);
    expect(await ds.query('select name, isMain from school_site')).toEqual([{ name: 'Điểm chính', isMain: 1 }]);
    expect(await ds.query('select username from app_user')).toEqual([{ username: 'admin' }]);
    expect(await ds.query('select changeId, entity from change_log')).toEqual([{ changeId: 'c1', entity: 'School' }]);
    expect(await ds.query('select value from meta')).toEqual([{ value: 'cài-đặt-1' }]);

    const tables = await names(ds, 'table');
    expect(tables).toEqual(expect.arrayContaining([...EVIDENCE_TABLES, 'evidence_fts']));
    expect((await names(ds, 'trigger')).filter((t) => t.startsWith('evidence'))).toEqual([
      'evidence_fts_delete',
      'evidence_fts_insert',
      'evidence_fts_update',
    ]);
    for (const t of EVIDENCE_TABLES) expect(await ds.query(`select count(*) as n from "${t}"`)).toEqual([{ n: 0 }]);
  });

  it('has no drift: after the migrations the evidence entities need no further DDL (the FTS table is ignored)', async () => {
    await seedBefore0003();
    const opened = await openDatabase(file);
    const full = await track(opened.dataSource);
    const onlyEvidence = await track(
      new DataSource({ type: 'better-sqlite3', database: file, entities: EVIDENCE_ENTITIES, synchronize: false }),
    );
    await onlyEvidence.initialize();
    const log = await onlyEvidence.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query)).toEqual([]);
    // The full entity set sees no evidence DDL either (other modules' drift is their own test's business).
    const fullLog = await full.driver.createSchemaBuilder().log();
    expect(fullLog.upQueries.map((q) => q.query).filter((q) => /evidence/i.test(q))).toEqual([]);
  });

  it('the drift check is not vacuous: a missing index or column shows up as DDL', async () => {
    const ds = await track((await openDatabase(file)).dataSource);
    await ds.query('DROP INDEX "idx_evidence_code_live"');
    await ds.query('ALTER TABLE "evidence_link" DROP COLUMN "assessmentId"');
    const ddl = (await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query).join('\n');
    expect(ddl).toContain('idx_evidence_code_live');
    expect(ddl).toContain('"assessmentId"');
  });

  it('codes are unique among live rows of a framework only (until 0006); links need an existing evidence', async () => {
    // Migration 0006 makes the code index non-unique (ADR 0013): check the schema 0003 left.
    const ds = await track(
      createDataSource({ file, migrations: [Initial1764320000000, Assessment1764400000000, Evidence1764500000000] }),
    );
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    const a = evidenceRow('e1', 'MC.1.1.01');
    await ds.query(a.sql, a.params);
    const clash = evidenceRow('e2', 'MC.1.1.01');
    await expect(ds.query(clash.sql, clash.params)).rejects.toThrow(/UNIQUE/);
    const otherFramework = evidenceRow('e3', 'MC.1.1.01', { frameworkId: 'tt57-2026-pl1-mam-non' });
    await ds.query(otherFramework.sql, otherFramework.params);
    await ds.query(`update evidence set deletedAt = ? where id = 'e1'`, [NOW]);
    await ds.query(clash.sql, clash.params);
    await expect(
      ds.query(
        `insert into evidence_link (id, createdAt, updatedAt, evidenceId, frameworkId, criterionCode) values ('l1', ?, ?, 'nope', 'x', '1.1')`,
        [NOW, NOW],
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('triggers keep evidence_fts in step with live rows (insert, edit, tombstone, delete)', async () => {
    const ds = await track((await openDatabase(file)).dataSource);
    const fts = async (q: string) =>
      (
        (await ds.query(`select evidenceId from evidence_fts where evidence_fts match ? order by evidenceId`, [q])) as {
          evidenceId: string;
        }[]
      ).map((r) => r.evidenceId);
    for (const [id, text] of [
      ['e1', 'nghi quyet dang uy'],
      ['e2', 'ke hoach nam hoc'],
      ['e3', 'ke hoach chien luoc'],
    ] as const) {
      const r = evidenceRow(id, `MC.1.1.0${id.slice(1)}`, { searchText: text });
      await ds.query(r.sql, r.params);
    }
    const dead = evidenceRow('e4', 'MC.1.1.04', { searchText: 'ke hoach da xoa', deletedAt: NOW });
    await ds.query(dead.sql, dead.params);
    expect(await fts('"ke hoach"')).toEqual(['e2', 'e3']);
    expect(await fts('"dang"')).toEqual(['e1']);
    await ds.query(`update evidence set searchText = 'bien ban hop' where id = 'e2'`);
    expect(await fts('"ke hoach"')).toEqual(['e3']);
    expect(await fts('"bien ban"')).toEqual(['e2']);
    await ds.query(`update evidence set deletedAt = ? where id = 'e3'`, [NOW]);
    expect(await fts('"ke hoach"')).toEqual([]);
    await ds.query(`update evidence set title = 'khác' where id = 'e1'`); // not an indexed column: no change
    await ds.query(`delete from evidence where id = 'e1'`);
    expect(await ds.query('select evidenceId from evidence_fts')).toEqual([{ evidenceId: 'e2' }]);
  });

  it('is reversible: down() drops its tables, triggers and FTS table; up() restores a schema equal to the entities', async () => {
    const ds = await track((await openDatabase(file)).dataSource);
    const migration = new Evidence1764500000000();
    const runner = ds.createQueryRunner();
    try {
      await migration.down(runner);
      const left = await names(ds, 'table');
      expect(left.filter((t) => t.startsWith('evidence'))).toEqual([]);
      expect((await names(ds, 'trigger')).filter((t) => t.startsWith('evidence'))).toEqual([]);
      expect(left).toEqual(expect.arrayContaining(['school', 'app_user', 'change_log']));
      await migration.up(runner);
      // 0006 changes the code index 0003 creates: apply it again to reach the entities' schema.
      await new EvidenceCodes1764800000000().up(runner);
    } finally {
      await runner.release();
    }
    const onlyEvidence = await track(new DataSource({ type: 'better-sqlite3', database: file, entities: EVIDENCE_ENTITIES }));
    await onlyEvidence.initialize();
    expect((await onlyEvidence.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
