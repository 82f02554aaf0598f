import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sync and submissions on SQLite (issue 7, ADR 0011): per-school sequence state, the change
 * log (unique client change ids), merged row state, content-addressed blobs and which school
 * sent them, frozen dossier submissions and their state history. Generated from
 * src/server/sync/entities.ts, tidied by hand; the schema-drift test keeps them in agreement.
 */
export class ServerSync1767312000000 implements MigrationInterface {
  name = 'ServerSync1767312000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "sync_unit_state" ("unit_id" varchar(36) PRIMARY KEY NOT NULL, "stream_id" varchar(36) NOT NULL, "last_seq" integer NOT NULL DEFAULT (0), "updated_at" datetime NOT NULL, CONSTRAINT "fk_sync_unit_state_unit" FOREIGN KEY ("unit_id") REFERENCES "org_unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await q.query(
      `CREATE TABLE "sync_change" ("unit_id" varchar(36) NOT NULL, "seq" integer NOT NULL, "change_id" varchar(36) NOT NULL, "device_id" varchar(36), "account_id" varchar(36), "entity" varchar(64) NOT NULL, "row_id" varchar(64) NOT NULL, "op" varchar(10) NOT NULL, "data" text NOT NULL, "base" text, "client_rev" integer NOT NULL, "client_at" varchar(40) NOT NULL, "actor" varchar(64), "source" varchar(10) NOT NULL, "received_at" datetime NOT NULL, CONSTRAINT "fk_sync_change_unit" FOREIGN KEY ("unit_id") REFERENCES "org_unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, PRIMARY KEY ("unit_id", "seq"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "ux_sync_change_change_id" ON "sync_change" ("change_id")`);
    await q.query(`CREATE INDEX "ix_sync_change_row" ON "sync_change" ("unit_id", "entity", "row_id")`);
    await q.query(
      `CREATE TABLE "sync_row" ("unit_id" varchar(36) NOT NULL, "entity" varchar(64) NOT NULL, "row_id" varchar(64) NOT NULL, "data" text NOT NULL, "field_meta" text NOT NULL, "deleted" boolean NOT NULL DEFAULT (0), "created_seq" integer NOT NULL, "updated_seq" integer NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "fk_sync_row_unit" FOREIGN KEY ("unit_id") REFERENCES "org_unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, PRIMARY KEY ("unit_id", "entity", "row_id"))`,
    );
    await q.query(`CREATE INDEX "ix_sync_row_live" ON "sync_row" ("unit_id", "entity", "deleted")`);
    await q.query(
      `CREATE TABLE "sync_blob" ("sha256" varchar(64) PRIMARY KEY NOT NULL, "size_bytes" bigint NOT NULL, "stored_at" datetime NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE "sync_blob_ref" ("unit_id" varchar(36) NOT NULL, "sha256" varchar(64) NOT NULL, "via" varchar(10) NOT NULL, "uploaded_at" datetime NOT NULL, CONSTRAINT "fk_sync_blob_ref_unit" FOREIGN KEY ("unit_id") REFERENCES "org_unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_sync_blob_ref_blob" FOREIGN KEY ("sha256") REFERENCES "sync_blob" ("sha256") ON DELETE RESTRICT ON UPDATE NO ACTION, PRIMARY KEY ("unit_id", "sha256"))`,
    );
    await q.query(`CREATE INDEX "ix_sync_blob_ref_sha256" ON "sync_blob_ref" ("sha256")`);
    await q.query(
      `CREATE TABLE "sync_submission" ("id" varchar(36) PRIMARY KEY NOT NULL, "unit_id" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "subject_id" varchar(64) NOT NULL, "version" integer NOT NULL, "state" varchar(20) NOT NULL, "manifest_hash" varchar(64) NOT NULL, "manifest" text NOT NULL, "snapshot" text NOT NULL, "diff" text, "previous_id" varchar(36), "submitted_by" varchar(36), "device_id" varchar(36), "submitted_at" datetime NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "ck_sync_submission_state" CHECK ("state" IN ('submitted', 'received', 'under_review', 'returned', 'accepted')), CONSTRAINT "fk_sync_submission_unit" FOREIGN KEY ("unit_id") REFERENCES "org_unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "ux_sync_submission_version" ON "sync_submission" ("unit_id", "kind", "subject_id", "version")`,
    );
    await q.query(
      `CREATE TABLE "sync_submission_event" ("id" varchar(36) PRIMARY KEY NOT NULL, "submission_id" varchar(36) NOT NULL, "state" varchar(20) NOT NULL, "comment" text NOT NULL DEFAULT (''), "actor_id" varchar(36), "actor_name" varchar(255) NOT NULL DEFAULT (''), "at" datetime NOT NULL, CONSTRAINT "fk_sync_submission_event_submission" FOREIGN KEY ("submission_id") REFERENCES "sync_submission" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE INDEX "ix_sync_submission_event_submission" ON "sync_submission_event" ("submission_id", "at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sync_submission_event"`);
    await q.query(`DROP TABLE "sync_submission"`);
    await q.query(`DROP TABLE "sync_blob_ref"`);
    await q.query(`DROP TABLE "sync_blob"`);
    await q.query(`DROP TABLE "sync_row"`);
    await q.query(`DROP TABLE "sync_change"`);
    await q.query(`DROP TABLE "sync_unit_state"`);
  }
}
