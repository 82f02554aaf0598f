import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dossier review by the department (issue 8, docs/review.md): assignments of a review team to
 * a dossier (followed across its versions by dossier key `unit/kind/subject`), members'
 * judgments and comments (client ids: idempotent pushes), the team's conclusion, decisions of
 * recognition with their validity, and the audit log of every review action. Plain tables read
 * and written with SQL by src/server/review/service.ts (no TypeORM entities); times are ISO
 * text (sorts correctly on both dialects).
 */
export class ServerReview1767398400000 implements MigrationInterface {
  name = 'ServerReview1767398400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "review_assignment" ("dossier_key" varchar(200) PRIMARY KEY NOT NULL, "unit_id" varchar(36) NOT NULL, "lead_id" varchar(36) NOT NULL, "member_ids" text NOT NULL, "deadline" varchar(10), "assigned_by" varchar(36), "assigned_at" varchar(30) NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE "review_judgment" ("id" varchar(36) PRIMARY KEY NOT NULL, "dossier_key" varchar(200) NOT NULL, "submission_id" varchar(36) NOT NULL, "account_id" varchar(36) NOT NULL, "criterion_code" varchar(20) NOT NULL, "level" integer NOT NULL, "requirement_code" varchar(20) NOT NULL, "judgment" varchar(12) NOT NULL, "level_reached" integer, "agree" varchar(10) NOT NULL, "note" text NOT NULL, "updated_at" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "ix_review_judgment_dossier" ON "review_judgment" ("dossier_key", "account_id")`);
    await q.query(
      `CREATE TABLE "review_comment" ("id" varchar(36) PRIMARY KEY NOT NULL, "dossier_key" varchar(200) NOT NULL, "unit_id" varchar(36) NOT NULL, "submission_id" varchar(36) NOT NULL, "account_id" varchar(36) NOT NULL, "author_name" varchar(255) NOT NULL, "kind" varchar(20) NOT NULL, "criterion_code" varchar(20) NOT NULL, "requirement_ref" varchar(40) NOT NULL, "evidence_id" varchar(64) NOT NULL, "body" text NOT NULL, "created_at" varchar(30) NOT NULL, "returned_with" varchar(36), "reply" text NOT NULL, "reply_by" varchar(255) NOT NULL, "reply_at" varchar(30))`,
    );
    await q.query(`CREATE INDEX "ix_review_comment_dossier" ON "review_comment" ("dossier_key")`);
    await q.query(`CREATE INDEX "ix_review_comment_unit" ON "review_comment" ("unit_id")`);
    await q.query(
      `CREATE TABLE "review_conclusion" ("dossier_key" varchar(200) PRIMARY KEY NOT NULL, "submission_id" varchar(36) NOT NULL, "level" integer NOT NULL, "findings" text NOT NULL, "conclusion" text NOT NULL, "recommendation" text NOT NULL, "set_by" varchar(36) NOT NULL, "set_at" varchar(30) NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE "review_recognition" ("id" varchar(36) PRIMARY KEY NOT NULL, "dossier_key" varchar(200) NOT NULL, "unit_id" varchar(36) NOT NULL, "submission_id" varchar(36) NOT NULL, "framework_id" varchar(60) NOT NULL, "level" integer NOT NULL, "decision_number" varchar(60) NOT NULL, "decision_date" varchar(10) NOT NULL, "valid_until" varchar(10) NOT NULL, "recorded_by" varchar(36) NOT NULL, "recorded_at" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "ix_review_recognition_unit" ON "review_recognition" ("unit_id", "valid_until")`);
    await q.query(
      `CREATE TABLE "review_audit" ("id" varchar(36) PRIMARY KEY NOT NULL, "dossier_key" varchar(200) NOT NULL, "submission_id" varchar(36) NOT NULL, "account_id" varchar(36), "actor_name" varchar(255) NOT NULL, "action" varchar(30) NOT NULL, "detail" text NOT NULL, "at" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "ix_review_audit_dossier" ON "review_audit" ("dossier_key", "at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'review_audit',
      'review_recognition',
      'review_conclusion',
      'review_comment',
      'review_judgment',
      'review_assignment',
    ])
      await q.query(`DROP TABLE "${t}"`);
  }
}
