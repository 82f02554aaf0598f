import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDataSource } from '../src/backend/db/data-source';
import { openDatabase } from '../src/backend/db/open-database';
import { Initial1764320000000 } from './0001-initial';

const TABLES = ['app_user', 'change_log', 'meta', 'school', 'school_site'];

let dir: string;
let file: string;
const sources: DataSource[] = [];

async function open(): Promise<DataSource> {
  const { dataSource } = await openDatabase(file);
  sources.push(dataSource);
  return dataSource;
}

/** Every table, index and trigger with its DDL, in a stable order. */
async function schema(ds: DataSource): Promise<{ type: string; name: string; sql: string | null }[]> {
  return ds.query(`select type, name, sql from sqlite_master where name not like 'sqlite_%' order by type, name`);
}

async function tables(ds: DataSource): Promise<string[]> {
  const rows = (await ds.query(
    `select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name`,
  )) as { name: string }[];
  return rows.map((r) => r.name);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-'));
  file = path.join(dir, 'truong-chuan.sqlite');
});

afterEach(async () => {
  for (const ds of sources.splice(0)) if (ds.isInitialized) await ds.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration 0001 Initial', () => {
  it('is recorded under its class name', () => {
    expect(new Initial1764320000000().name).toBe('Initial1764320000000');
  });

  it('creates the foundation tables; rows seeded by SQL survive close and reopen', async () => {
    const ds = await open();
    expect(await tables(ds)).toEqual(expect.arrayContaining([...TABLES, 'migrations']));
    const now = '2026-01-05T08:00:00.000Z';
    await ds.query(`insert into meta (key, value) values ('installationId', 'abc')`);
    await ds.query(
      `insert into school (id, createdAt, updatedAt, rev, name, levels, ownership) values (?, ?, ?, 1, ?, ?, 'cong_lap')`,
      ['0190a000-0000-7000-8000-000000000001', now, now, 'Trường THCS Nguyễn Du', '["thcs"]'],
    );
    await ds.query(
      `insert into school_site (id, createdAt, updatedAt, rev, schoolId, name, isMain) values (?, ?, ?, 1, ?, ?, 1)`,
      ['0190a000-0000-7000-8000-000000000002', now, now, '0190a000-0000-7000-8000-000000000001', 'Điểm chính'],
    );
    await ds.query(
      `insert into app_user (id, username, displayName, role, passwordHash, createdAt, updatedAt) values (?, 'admin', 'Quản trị viên', 'admin', 'scrypt$x', ?, ?)`,
      ['0190a000-0000-7000-8000-000000000003', now, now],
    );
    await ds.query(
      `insert into change_log (changeId, entity, rowId, op, rev, data, at) values ('0190a000-0000-7000-8000-00000000000a', 'School', '0190a000-0000-7000-8000-000000000001', 'insert', 1, '{}', ?), ('0190a000-0000-7000-8000-00000000000b', 'SchoolSite', '0190a000-0000-7000-8000-000000000002', 'insert', 1, '{}', ?)`,
      [now, now],
    );
    await ds.destroy();

    const again = await open();
    expect(await again.query('select name, levels, code, address, deletedAt from school')).toEqual([
      { name: 'Trường THCS Nguyễn Du', levels: '["thcs"]', code: '', address: '', deletedAt: null },
    ]);
    expect(await again.query('select name, isMain, sortOrder, address from school_site')).toEqual([
      { name: 'Điểm chính', isMain: 1, sortOrder: 0, address: '' },
    ]);
    expect(await again.query('select username, disabled from app_user')).toEqual([{ username: 'admin', disabled: 0 }]);
    expect(await again.query('select seq, entity, op, pushedAt, actor from change_log order by seq')).toEqual([
      { seq: 1, entity: 'School', op: 'insert', pushedAt: null, actor: null },
      { seq: 2, entity: 'SchoolSite', op: 'insert', pushedAt: null, actor: null },
    ]);
    expect(await again.query('select value from meta')).toEqual([{ value: 'abc' }]);
  });

  it('enforces the unique change id and unique username it declares', async () => {
    const ds = await open();
    const now = '2026-01-05T08:00:00.000Z';
    const change = `insert into change_log (changeId, entity, rowId, op, rev, data, at) values ('dup', 'School', 'r', 'insert', 1, '{}', '${now}')`;
    await ds.query(change);
    await expect(ds.query(change)).rejects.toThrow(/UNIQUE/);
    const user = (id: string) =>
      `insert into app_user (id, username, displayName, role, passwordHash, createdAt, updatedAt) values ('${id}', 'gv', 'x', 'viewer', 'h', '${now}', '${now}')`;
    await ds.query(user('u1'));
    await expect(ds.query(user('u2'))).rejects.toThrow(/UNIQUE/);
  });

  it('up() on an empty database creates exactly its tables; down() removes them all; up() again gives the same schema', async () => {
    // A data source that has run no migration at all: 0001 alone, in isolation.
    const ds = createDataSource({ file, migrations: [] });
    sources.push(ds);
    await ds.initialize();
    const migration = new Initial1764320000000();
    const runner = ds.createQueryRunner();
    try {
      await migration.up(runner);
      const first = await schema(ds);
      expect(await tables(ds)).toEqual(TABLES);
      await migration.down(runner);
      expect(await schema(ds)).toEqual([]);
      await migration.up(runner);
      expect(await schema(ds)).toEqual(first);
    } finally {
      await runner.release();
    }
  });

  it('is reversible in a full database: down() drops its tables (others untouched), up() leaves no drift against the entities', async () => {
    const ds = await open();
    const others = (await tables(ds)).filter((t) => !TABLES.includes(t));
    const migration = new Initial1764320000000();
    const runner = ds.createQueryRunner();
    try {
      await migration.down(runner);
      expect(await tables(ds)).toEqual(others);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await tables(ds)).toEqual(expect.arrayContaining([...TABLES, ...others]));
    const log = await ds.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query)).toEqual([]);
  });
});
