import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schema of the sync client (issue 7, ADR 0011): local sync state (server, device id, cursor),
 * per-row field sequences (idempotent apply, conflict bases), refused outgoing and incoming
 * changes (the queue never wedges), file upload/download state, conflict records (the only
 * table here whose rows travel, as entity `SyncConflict`) and frozen dossier submissions.
 *
 * Generated from src/backend/modules/sync/entities.ts with TypeORM's schema builder, then
 * tidied; the drift checks (src/backend/db/open-database.test.ts, 0005-sync.test.ts) keep
 * them in agreement. Nothing existing is touched: the change log is read, never altered.
 */
export class Sync1764700000000 implements MigrationInterface {
  name = 'Sync1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "sync_state" ("key" varchar(60) PRIMARY KEY NOT NULL, "value" text NOT NULL)`);
    await q.query(
      `CREATE TABLE "sync_row_meta" ("entity" varchar(64) NOT NULL, "rowId" varchar(64) NOT NULL, "seqs" text NOT NULL, PRIMARY KEY ("entity", "rowId"))`,
    );
    await q.query(
      `CREATE TABLE "sync_outbox_failure" ("changeId" varchar(36) PRIMARY KEY NOT NULL, "tries" integer NOT NULL DEFAULT (0), "lastError" text NOT NULL DEFAULT (''), "lastTriedAt" varchar(30) NOT NULL, "poisonedAt" varchar(30))`,
    );
    await q.query(
      `CREATE TABLE "sync_inbox_failure" ("seq" integer PRIMARY KEY NOT NULL, "changeId" varchar(36) NOT NULL, "entity" varchar(64) NOT NULL, "rowId" varchar(64) NOT NULL, "change" text NOT NULL, "tries" integer NOT NULL DEFAULT (0), "lastError" text NOT NULL DEFAULT (''), "lastTriedAt" varchar(30) NOT NULL, "givenUpAt" varchar(30))`,
    );
    await q.query(
      `CREATE TABLE "sync_blob_state" ("sha256" varchar(64) NOT NULL, "direction" varchar(4) NOT NULL, "status" varchar(12) NOT NULL, "sizeBytes" integer, "tries" integer NOT NULL DEFAULT (0), "lastError" text NOT NULL DEFAULT (''), "updatedAt" varchar(30) NOT NULL, PRIMARY KEY ("sha256", "direction"))`,
    );
    await q.query(`CREATE INDEX "idx_sync_blob_state_status" ON "sync_blob_state" ("direction", "status")`);
    await q.query(
      `CREATE TABLE "sync_conflict" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "entity" varchar(64) NOT NULL, "rowId" varchar(64) NOT NULL, "field" varchar(64) NOT NULL, "keptValue" text NOT NULL, "otherValue" text NOT NULL, "keptSeq" integer NOT NULL, "otherSeq" integer NOT NULL, "keptDevice" varchar(36) NOT NULL, "otherDevice" varchar(36) NOT NULL, "status" varchar(10) NOT NULL DEFAULT ('open'), "resolution" varchar(10), "resolvedValue" text, "resolvedBy" varchar(36), "resolvedAt" varchar(30))`,
    );
    await q.query(`CREATE INDEX "idx_sync_conflict_status" ON "sync_conflict" ("status")`);
    await q.query(`CREATE INDEX "idx_sync_conflict_row" ON "sync_conflict" ("entity", "rowId")`);
    await q.query(
      `CREATE TABLE "sync_submission" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(20) NOT NULL, "subjectId" varchar(64) NOT NULL, "version" integer, "state" varchar(20) NOT NULL, "manifestHash" varchar(64) NOT NULL, "manifest" text NOT NULL, "payload" text NOT NULL, "rowCount" integer NOT NULL DEFAULT (0), "blobCount" integer NOT NULL DEFAULT (0), "submittedAt" varchar(30) NOT NULL, "sentAt" varchar(30), "updatedAt" varchar(30) NOT NULL, "events" text NOT NULL DEFAULT ('[]'), "diff" text NOT NULL DEFAULT (''), "lastError" text NOT NULL DEFAULT (''))`,
    );
    await q.query(`CREATE INDEX "idx_sync_submission_subject" ON "sync_submission" ("kind", "subjectId")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sync_submission"`);
    await q.query(`DROP TABLE "sync_conflict"`);
    await q.query(`DROP TABLE "sync_blob_state"`);
    await q.query(`DROP TABLE "sync_inbox_failure"`);
    await q.query(`DROP TABLE "sync_outbox_failure"`);
    await q.query(`DROP TABLE "sync_row_meta"`);
    await q.query(`DROP TABLE "sync_state"`);
  }
}
