import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sync and submissions on PostgreSQL (issue 7, ADR 0011): per-school sequence state, the
 * change log (unique client change ids), merged row state, content-addressed blobs and which
 * school sent them, frozen dossier submissions and their state history. Generated from
 * src/server/sync/entities.ts, tidied by hand; the schema-drift test keeps them in agreement.
 */
export class ServerSync1767312000000 implements MigrationInterface {
  name = 'ServerSync1767312000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "sync_unit_state" ("unit_id" uuid NOT NULL, "stream_id" uuid NOT NULL, "last_seq" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_sync_unit_state" PRIMARY KEY ("unit_id"))`,
    );
    await q.query(
      `CREATE TABLE "sync_change" ("unit_id" uuid NOT NULL, "seq" integer NOT NULL, "change_id" uuid NOT NULL, "device_id" uuid, "account_id" uuid, "entity" character varying(64) NOT NULL, "row_id" character varying(64) NOT NULL, "op" character varying(10) NOT NULL, "data" text NOT NULL, "base" text, "client_rev" integer NOT NULL, "client_at" character varying(40) NOT NULL, "actor" character varying(64), "source" character varying(10) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_sync_change" PRIMARY KEY ("unit_id", "seq"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "ux_sync_change_change_id" ON "sync_change" ("change_id")`);
    await q.query(`CREATE INDEX "ix_sync_change_row" ON "sync_change" ("unit_id", "entity", "row_id")`);
    await q.query(
      `CREATE TABLE "sync_row" ("unit_id" uuid NOT NULL, "entity" character varying(64) NOT NULL, "row_id" character varying(64) NOT NULL, "data" text NOT NULL, "field_meta" text NOT NULL, "deleted" boolean NOT NULL DEFAULT false, "created_seq" integer NOT NULL, "updated_seq" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_sync_row" PRIMARY KEY ("unit_id", "entity", "row_id"))`,
    );
    await q.query(`CREATE INDEX "ix_sync_row_live" ON "sync_row" ("unit_id", "entity", "deleted")`);
    await q.query(
      `CREATE TABLE "sync_blob" ("sha256" character varying(64) NOT NULL, "size_bytes" bigint NOT NULL, "stored_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_sync_blob" PRIMARY KEY ("sha256"))`,
    );
    await q.query(
      `CREATE TABLE "sync_blob_ref" ("unit_id" uuid NOT NULL, "sha256" character varying(64) NOT NULL, "via" character varying(10) NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_sync_blob_ref" PRIMARY KEY ("unit_id", "sha256"))`,
    );
    await q.query(`CREATE INDEX "ix_sync_blob_ref_sha256" ON "sync_blob_ref" ("sha256")`);
    await q.query(
      `CREATE TABLE "sync_submission" ("id" uuid NOT NULL, "unit_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "subject_id" character varying(64) NOT NULL, "version" integer NOT NULL, "state" character varying(20) NOT NULL, "manifest_hash" character varying(64) NOT NULL, "manifest" text NOT NULL, "snapshot" text NOT NULL, "diff" text, "previous_id" uuid, "submitted_by" uuid, "device_id" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_sync_submission_state" CHECK ("state" IN ('submitted', 'received', 'under_review', 'returned', 'accepted')), CONSTRAINT "pk_sync_submission" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "ux_sync_submission_version" ON "sync_submission" ("unit_id", "kind", "subject_id", "version")`,
    );
    await q.query(
      `CREATE TABLE "sync_submission_event" ("id" uuid NOT NULL, "submission_id" uuid NOT NULL, "state" character varying(20) NOT NULL, "comment" text NOT NULL DEFAULT '', "actor_id" uuid, "actor_name" character varying(255) NOT NULL DEFAULT '', "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_sync_submission_event" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_sync_submission_event_submission" ON "sync_submission_event" ("submission_id", "at")`);
    await q.query(
      `ALTER TABLE "sync_unit_state" ADD CONSTRAINT "fk_sync_unit_state_unit" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "sync_change" ADD CONSTRAINT "fk_sync_change_unit" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "sync_row" ADD CONSTRAINT "fk_sync_row_unit" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "sync_blob_ref" ADD CONSTRAINT "fk_sync_blob_ref_unit" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "sync_blob_ref" ADD CONSTRAINT "fk_sync_blob_ref_blob" FOREIGN KEY ("sha256") REFERENCES "sync_blob"("sha256") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "sync_submission" ADD CONSTRAINT "fk_sync_submission_unit" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "sync_submission_event" ADD CONSTRAINT "fk_sync_submission_event_submission" FOREIGN KEY ("submission_id") REFERENCES "sync_submission"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
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
