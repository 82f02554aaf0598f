import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schema of the evidence module: evidence, its links to criteria, the per-criterion code
 * counters, and a full-text index.
 *
 * Tables: generated from the entities with TypeORM's schema builder, then tidied by hand; the
 * drift check in 0003-evidence.test.ts keeps them and the entities in agreement.
 *
 * `evidence_fts` is not an entity (TypeORM ignores tables it does not know): an FTS5 table
 * with the trigram tokenizer over the folded `evidence.searchText` of live rows, kept in step
 * by three triggers. It stores its own copy of the text and the evidence id instead of
 * pointing at evidence's rowid, because VACUUM (and VACUUM INTO backups) may renumber the
 * rowids of tables without an INTEGER PRIMARY KEY. A later migration that rebuilds the
 * evidence table (SQLite's copy-and-rename) must recreate the triggers.
 */
export class Evidence1764500000000 implements MigrationInterface {
  name = 'Evidence1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "evidence" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "code" varchar(40) NOT NULL, "sortKey" varchar(40) NOT NULL, "legacyCode" varchar(40) NOT NULL DEFAULT (''), "title" varchar(500) NOT NULL, "documentNumber" varchar(100) NOT NULL DEFAULT (''), "issuedDate" varchar(10), "issuer" varchar(300) NOT NULL DEFAULT (''), "format" varchar(60) NOT NULL DEFAULT (''), "storageLocation" varchar(500) NOT NULL DEFAULT (''), "url" varchar(2000) NOT NULL DEFAULT (''), "kind" varchar(10) NOT NULL, "validFrom" varchar(10), "validUntil" varchar(10), "notes" text NOT NULL DEFAULT (''), "blobHash" varchar(64), "fileName" varchar(255) NOT NULL DEFAULT (''), "mimeType" varchar(100) NOT NULL DEFAULT (''), "sizeBytes" integer, "firstCriterionCode" varchar(20) NOT NULL, "frameworkId" varchar(60) NOT NULL, "assessmentId" varchar(36), "verification" varchar(10) NOT NULL DEFAULT ('pending'), "verifiedBy" varchar(36), "verifiedAt" varchar(30), "rejectReason" varchar(500) NOT NULL DEFAULT (''), "searchText" text NOT NULL DEFAULT (''))`,
    );
    await q.query(`CREATE UNIQUE INDEX "idx_evidence_code_live" ON "evidence" ("frameworkId", "code") WHERE "deletedAt" IS NULL`);
    await q.query(`CREATE INDEX "idx_evidence_sort" ON "evidence" ("frameworkId", "sortKey")`);
    await q.query(`CREATE INDEX "idx_evidence_blob" ON "evidence" ("blobHash")`);
    await q.query(`CREATE INDEX "idx_evidence_valid_until" ON "evidence" ("validUntil")`);
    await q.query(`CREATE INDEX "idx_evidence_assessment" ON "evidence" ("assessmentId")`);

    await q.query(
      `CREATE TABLE "evidence_link" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "evidenceId" varchar(36) NOT NULL, "frameworkId" varchar(60) NOT NULL, "criterionCode" varchar(20) NOT NULL, "assessmentId" varchar(36), CONSTRAINT "fk_evidence_link_evidence" FOREIGN KEY ("evidenceId") REFERENCES "evidence" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE INDEX "idx_evidence_link_evidence" ON "evidence_link" ("evidenceId")`);
    await q.query(`CREATE INDEX "idx_evidence_link_criterion" ON "evidence_link" ("frameworkId", "criterionCode")`);

    await q.query(
      `CREATE TABLE "evidence_code_counter" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "frameworkId" varchar(60) NOT NULL, "criterionCode" varchar(20) NOT NULL, "lastSeq" integer NOT NULL DEFAULT (0))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "idx_evidence_code_counter_key" ON "evidence_code_counter" ("frameworkId", "criterionCode")`,
    );

    // Full-text search over live evidence (see the class comment).
    await q.query(`CREATE VIRTUAL TABLE "evidence_fts" USING fts5("evidenceId" UNINDEXED, "searchText", tokenize = 'trigram')`);
    await q.query(
      `CREATE TRIGGER "evidence_fts_insert" AFTER INSERT ON "evidence" WHEN NEW."deletedAt" IS NULL BEGIN INSERT INTO "evidence_fts" ("evidenceId", "searchText") VALUES (NEW."id", NEW."searchText"); END`,
    );
    await q.query(
      `CREATE TRIGGER "evidence_fts_update" AFTER UPDATE OF "searchText", "deletedAt" ON "evidence" BEGIN DELETE FROM "evidence_fts" WHERE "evidenceId" = OLD."id"; INSERT INTO "evidence_fts" ("evidenceId", "searchText") SELECT NEW."id", NEW."searchText" WHERE NEW."deletedAt" IS NULL; END`,
    );
    await q.query(
      `CREATE TRIGGER "evidence_fts_delete" AFTER DELETE ON "evidence" BEGIN DELETE FROM "evidence_fts" WHERE "evidenceId" = OLD."id"; END`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "evidence_fts_delete"`);
    await q.query(`DROP TRIGGER "evidence_fts_update"`);
    await q.query(`DROP TRIGGER "evidence_fts_insert"`);
    await q.query(`DROP TABLE "evidence_fts"`);
    await q.query(`DROP TABLE "evidence_code_counter"`);
    await q.query(`DROP TABLE "evidence_link"`);
    await q.query(`DROP TABLE "evidence"`);
  }
}
