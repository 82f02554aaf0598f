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
import { Assets1764600000000 } from './0004-assets';
import { Sync1764700000000 } from './0005-sync';
import { EvidenceCodes1764800000000 } from './0006-evidence-codes';
import { insertSql } from './test-support';

const NOW = '2026-01-05T08:00:00.000Z';
const FW = 'tt57-2026-pl2-pho-thong';

let dir: string;
let file: string;
const sources: DataSource[] = [];
const track = <T extends DataSource>(ds: T) => (sources.push(ds), ds);

const evidenceRow = (id: string, code: string, extra: Record<string, string | null> = {}) =>
  insertSql('evidence', {
    id,
    createdAt: NOW,
    updatedAt: NOW,
    rev: 1,
    code,
    sortKey: code,
    title: `Minh chứng ${id}`,
    kind: 'paper',
    firstCriterionCode: '1.1',
    frameworkId: FW,
    searchText: 'minh chung',
    ...extra,
  });

const changeRow = (changeId: string, entity: string, rowId: string, pushedAt: string | null) =>
  insertSql('change_log', { changeId, entity, rowId, op: 'insert', rev: 1, data: '{}', at: NOW, pushedAt });

/**
 * A database as the previous release left it (migrations up to 0005): evidence, counters that
 * were synced (pushed and unpushed change-log rows, a refusal of an unpushed one), a pulled
 * counter change refused as "trùng", field sequences — next to evidence rows of each kind.
 */
async function seedBefore0006(): Promise<void> {
  const ds = track(
    createDataSource({
      file,
      migrations: [Initial1764320000000, Assessment1764400000000, Evidence1764500000000, Assets1764600000000, Sync1764700000000],
    }),
  );
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  const run = async (q: { sql: string; params: unknown[] }) => ds.query(q.sql, q.params);
  await run(evidenceRow('e1', 'MC.1.1.01'));
  await run(evidenceRow('e2', 'MC.1.1.02', { deletedAt: NOW }));
  await run(
    insertSql('evidence_code_counter', {
      id: 'k1',
      createdAt: NOW,
      updatedAt: NOW,
      rev: 2,
      frameworkId: FW,
      criterionCode: '1.1',
      lastSeq: 2,
    }),
  );
  await run(changeRow('c-counter-pushed', 'EvidenceCodeCounter', 'k1', NOW));
  await run(changeRow('c-counter-pending', 'EvidenceCodeCounter', 'k1', null));
  await run(changeRow('c-evidence-pushed', 'Evidence', 'e1', NOW));
  await run(changeRow('c-evidence-pending', 'Evidence', 'e2', null));
  for (const changeId of ['c-counter-pending', 'c-evidence-pending']) {
    await run(insertSql('sync_outbox_failure', { changeId, tries: 1, lastError: 'từ chối', lastTriedAt: NOW }));
  }
  for (const [seq, entity] of [
    [7, 'EvidenceCodeCounter'],
    [8, 'Evidence'],
  ] as const) {
    await run(
      insertSql('sync_inbox_failure', {
        seq,
        changeId: `p${seq}`,
        entity,
        rowId: `r${seq}`,
        change: '{}',
        tries: 2,
        lastError: 'Không ghi được … trùng với dữ liệu đã có trên máy',
        lastTriedAt: NOW,
      }),
    );
  }
  await run(insertSql('sync_row_meta', { entity: 'EvidenceCodeCounter', rowId: 'k1', seqs: '{"lastSeq":3}' }));
  await run(insertSql('sync_row_meta', { entity: 'Evidence', rowId: 'e1', seqs: '{"code":4}' }));
  await ds.destroy();
}

const indexSql = async (ds: DataSource): Promise<string> =>
  (
    (await ds.query(`select sql from sqlite_master where type = 'index' and name = 'idx_evidence_code_live'`)) as {
      sql: string;
    }[]
  )[0]!.sql;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-mig6-'));
  file = path.join(dir, 'truong-chuan.sqlite');
});
afterEach(async () => {
  for (const ds of sources.splice(0)) if (ds.isInitialized) await ds.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration 0006 EvidenceCodes', () => {
  it('is recorded under its class name', () => {
    expect(new EvidenceCodes1764800000000().name).toBe('EvidenceCodes1764800000000');
  });

  it('applies on a 0005 database: keeps evidence and counters, drops only the unpushed counter changes and counter refusals', async () => {
    await seedBefore0006();
    const opened = await openDatabase(file);
    const ds = track(opened.dataSource);
    track(opened.readSource);
    expect(opened.appliedMigrations).toContain('EvidenceCodes1764800000000');
    expect(opened.backupFile).not.toBeNull();
    expect(await ds.query('select id, code, deletedAt is not null as dead from evidence order by id')).toEqual([
      { id: 'e1', code: 'MC.1.1.01', dead: 0 },
      { id: 'e2', code: 'MC.1.1.02', dead: 1 },
    ]);
    expect(await ds.query('select id, lastSeq from evidence_code_counter')).toEqual([{ id: 'k1', lastSeq: 2 }]);
    expect(await ds.query('select changeId from change_log order by changeId')).toEqual([
      { changeId: 'c-counter-pushed' },
      { changeId: 'c-evidence-pending' },
      { changeId: 'c-evidence-pushed' },
    ]);
    expect(await ds.query('select changeId from sync_outbox_failure')).toEqual([{ changeId: 'c-evidence-pending' }]);
    expect(await ds.query('select seq, entity from sync_inbox_failure')).toEqual([{ seq: 8, entity: 'Evidence' }]);
    expect(await ds.query('select entity, rowId from sync_row_meta')).toEqual([{ entity: 'Evidence', rowId: 'e1' }]);
  });

  it('the code index stays (live rows, used for lookups by code) but takes a second live row with the same code', async () => {
    const ds = track((await openDatabase(file)).dataSource);
    expect(await indexSql(ds)).toBe(
      `CREATE INDEX "idx_evidence_code_live" ON "evidence" ("frameworkId", "code") WHERE "deletedAt" IS NULL`,
    );
    const plan = (await ds.query(
      `explain query plan select id from evidence where frameworkId = ? and code = ? and deletedAt is null`,
      [FW, 'MC.1.1.01'],
    )) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('idx_evidence_code_live');
    for (const [id, code] of [
      ['a', 'MC.1.1.01'],
      ['b', 'MC.1.1.01'],
    ] as const) {
      const r = evidenceRow(id, code);
      await ds.query(r.sql, r.params);
    }
    expect(await ds.query(`select count(*) as n from evidence where code = 'MC.1.1.01' and deletedAt is null`)).toEqual([
      { n: 2 },
    ]);
  });

  it('has no drift: after the migrations the evidence entities need no further DDL', async () => {
    const opened = await openDatabase(file);
    track(opened.dataSource);
    track(opened.readSource);
    const only = track(
      new DataSource({ type: 'better-sqlite3', database: file, entities: EVIDENCE_ENTITIES, synchronize: false }),
    );
    await only.initialize();
    expect((await only.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
  });

  it('is reversible: down() makes codes unique again (refused while two live rows share one); up() restores the entities’ schema', async () => {
    const opened = await openDatabase(file);
    const ds = track(opened.dataSource);
    track(opened.readSource);
    const m = new EvidenceCodes1764800000000();
    const runner = ds.createQueryRunner();
    try {
      for (const id of ['a', 'b']) {
        const r = evidenceRow(id, 'MC.1.1.01');
        await ds.query(r.sql, r.params);
      }
      // Migrations run in a transaction: a refused down() leaves the index as it was.
      await runner.startTransaction();
      await expect(m.down(runner)).rejects.toThrow(/UNIQUE/);
      await runner.rollbackTransaction();
      expect(await indexSql(ds)).toMatch(/^CREATE INDEX/);
      await ds.query(`update evidence set code = 'MC.1.1.02' where id = 'b'`);
      await m.down(runner);
      expect(await indexSql(ds)).toMatch(/^CREATE UNIQUE INDEX/);
      const clash = evidenceRow('c', 'MC.1.1.01');
      await expect(ds.query(clash.sql, clash.params)).rejects.toThrow(/UNIQUE/);
      // The drift check sees the difference (unique vs not), so the one below means something.
      const drift = track(new DataSource({ type: 'better-sqlite3', database: file, entities: EVIDENCE_ENTITIES }));
      await drift.initialize();
      const ddl = (await drift.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query).join('\n');
      expect(ddl).toContain('CREATE INDEX "idx_evidence_code_live"');
      await drift.destroy();
      await m.up(runner);
    } finally {
      await runner.release();
    }
    const only = track(new DataSource({ type: 'better-sqlite3', database: file, entities: EVIDENCE_ENTITIES }));
    await only.initialize();
    expect((await only.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
