import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence codes across the computers of a school (issue 7, ADR 0013).
 *
 * - The live-code index of `evidence` stays, no longer unique: two computers that issued the
 *   same code offline must both be able to take the other's row from the server; sync then
 *   renumbers the one whose code the server numbered later, on the computer that made it.
 * - Code counters are local from now on (not synced): their change-log rows that never left
 *   this computer are dropped (with any refusal recorded for them), as are pulled counter
 *   changes this database had refused ("trùng") and the field sequences of counter rows.
 *   Pushed change-log rows stay: the log is the history.
 *
 * Written by hand; the drift checks (0003-evidence.test.ts, 0006-evidence-codes.test.ts,
 * src/backend/db/open-database.test.ts) keep it in agreement with the entities.
 */
export class EvidenceCodes1764800000000 implements MigrationInterface {
  name = 'EvidenceCodes1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_evidence_code_live"`);
    await q.query(`CREATE INDEX "idx_evidence_code_live" ON "evidence" ("frameworkId", "code") WHERE "deletedAt" IS NULL`);
    await q.query(
      `DELETE FROM "sync_outbox_failure" WHERE "changeId" IN (SELECT "changeId" FROM "change_log" WHERE "entity" = 'EvidenceCodeCounter' AND "pushedAt" IS NULL)`,
    );
    await q.query(`DELETE FROM "change_log" WHERE "entity" = 'EvidenceCodeCounter' AND "pushedAt" IS NULL`);
    await q.query(`DELETE FROM "sync_inbox_failure" WHERE "entity" = 'EvidenceCodeCounter'`);
    await q.query(`DELETE FROM "sync_row_meta" WHERE "entity" = 'EvidenceCodeCounter'`);
  }

  /**
   * Makes the index unique again. Refused (UNIQUE constraint) while two live evidence share a
   * code: renumber one first. The dropped change-log rows do not come back; an app of the
   * older schema logs a counter again at the next code it issues.
   */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_evidence_code_live"`);
    await q.query(`CREATE UNIQUE INDEX "idx_evidence_code_live" ON "evidence" ("frameworkId", "code") WHERE "deletedAt" IS NULL`);
  }
}
