import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schema of the self-assessment workspace (ADR 0009): assessment years, the council and its
 * working groups, assignments, per-criterion review records, requirement entries (hiện trạng and
 * judgment), criterion version history, review events and comments, per-standard summaries,
 * the self-assessment plan, the improvement plan (Biểu 2: issues, rows, monitoring) and the
 * data annex values.
 *
 * Generated from the entities with TypeORM's schema builder, then tidied by hand (foreign keys
 * folded into CREATE TABLE); the drift checks in 0002-assessment.test.ts and
 * src/backend/db/open-database.test.ts keep it and the entities in agreement.
 */
export class Assessment1764400000000 implements MigrationInterface {
  name = 'Assessment1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "assessment" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "schoolYear" varchar(9) NOT NULL, "educationLevel" varchar(10) NOT NULL, "frameworkId" varchar(60) NOT NULL, "frameworkVersion" varchar(20) NOT NULL, "title" varchar(300) NOT NULL DEFAULT (''), "notes" text NOT NULL DEFAULT (''), "previousId" varchar(36), "status" varchar(20) NOT NULL DEFAULT ('in_progress'), "pinnedAt" varchar(30), "approvedAt" varchar(30), "approvedBy" varchar(36), "createdBy" varchar(36))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "idx_assessment_year_level_live" ON "assessment" ("schoolYear", "educationLevel") WHERE "deletedAt" IS NULL`,
    );
    await q.query(
      `CREATE TABLE "council_member" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "assessmentId" varchar(36) NOT NULL, "userId" varchar(36), "fullName" varchar(120) NOT NULL, "position" varchar(200) NOT NULL DEFAULT (''), "councilRole" varchar(20) NOT NULL DEFAULT ('member'), "groupId" varchar(36), "duties" text NOT NULL DEFAULT (''), "sortOrder" integer NOT NULL DEFAULT (0), CONSTRAINT "fk_council_member_assessment" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE INDEX "idx_council_member_assessment" ON "council_member" ("assessmentId")`);
    await q.query(`CREATE INDEX "idx_council_member_user" ON "council_member" ("userId")`);
    await q.query(
      `CREATE TABLE "working_group" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "assessmentId" varchar(36) NOT NULL, "name" varchar(200) NOT NULL, "leaderMemberId" varchar(36), "duties" text NOT NULL DEFAULT (''), "sortOrder" integer NOT NULL DEFAULT (0), CONSTRAINT "fk_working_group_assessment" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE INDEX "idx_working_group_assessment" ON "working_group" ("assessmentId")`);
    await q.query(
      `CREATE TABLE "criterion_assignment" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "assessmentId" varchar(36) NOT NULL, "criterionCode" varchar(20) NOT NULL, "memberId" varchar(36), "groupId" varchar(36), "dueDate" varchar(10), CONSTRAINT "fk_criterion_assignment_assessment" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(
      `CREATE INDEX "idx_criterion_assignment_criterion" ON "criterion_assignment" ("assessmentId", "criterionCode")`,
    );
    await q.query(`CREATE INDEX "idx_criterion_assignment_member" ON "criterion_assignment" ("memberId")`);
    await q.query(
      `CREATE TABLE "criterion_record" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "assessmentId" varchar(36) NOT NULL, "criterionCode" varchar(20) NOT NULL, "reviewState" varchar(20) NOT NULL DEFAULT ('draft'), "stateChangedAt" varchar(30), "stateChangedBy" varchar(36), "approvedAt" varchar(30), "approvedBy" varchar(36), "lastVersionNo" integer NOT NULL DEFAULT (0), CONSTRAINT "fk_criterion_record_assessment" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE UNIQUE INDEX "idx_criterion_record_key" ON "criterion_record" ("assessmentId", "criterionCode")`);
    await q.query(
      `CREATE TABLE "requirement_entry" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "assessmentId" varchar(36) NOT NULL, "criterionCode" varchar(20) NOT NULL, "level" integer NOT NULL, "requirementCode" varchar(20) NOT NULL, "description" text NOT NULL DEFAULT (''), "judgment" varchar(12) NOT NULL DEFAULT ('unassessed'), "carriedOver" boolean NOT NULL DEFAULT (0), "confirmedAt" varchar(30), "confirmedBy" varchar(36), "updatedBy" varchar(36), CONSTRAINT "fk_requirement_entry_assessment" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "idx_requirement_entry_key" ON "requirement_entry" ("assessmentId", "criterionCode", "level", "requirementCode")`,
    );
    await q.query(
      `CREATE TABLE "criterion_version" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "assessmentId" varchar(36) NOT NULL, "criterionCode" varchar(20) NOT NULL, "versionNo" integer NOT NULL, "kind" varchar(10) NOT NULL DEFAULT ('edit'), "actorId" varchar(36), "actorName" varchar(120) NOT NULL DEFAULT (''), "summary" varchar(500) NOT NULL DEFAULT (''), "changes" text NOT NULL DEFAULT ('[]'), "snapshot" text NOT NULL DEFAULT ('[]'), CONSTRAINT "fk_criterion_version_assessment" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(
      `CREATE INDEX "idx_criterion_version_key" ON "criterion_version" ("assessmentId", "criterionCode", "versionNo")`,
    );
    await q.query(
      `CREATE TABLE "review_event" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "assessmentId" varchar(36) NOT NULL, "criterionCode" varchar(20) NOT NULL, "action" varchar(20) NOT NULL, "fromState" varchar(20) NOT NULL, "toState" varchar(20) NOT NULL, "actorId" varchar(36), "actorName" varchar(120) NOT NULL DEFAULT (''), "note" text NOT NULL DEFAULT (''), CONSTRAINT "fk_review_event_assessment" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE INDEX "idx_review_event_criterion" ON "review_event" ("assessmentId", "criterionCode")`);
    await q.query(
      `CREATE TABLE "review_comment" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "assessmentId" varchar(36) NOT NULL, "criterionCode" varchar(20) NOT NULL, "level" integer, "requirementCode" varchar(20), "authorId" varchar(36), "authorName" varchar(120) NOT NULL DEFAULT (''), "body" text NOT NULL, "resolvedAt" varchar(30), "resolvedBy" varchar(36), "eventId" varchar(36), CONSTRAINT "fk_review_comment_assessment" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE INDEX "idx_review_comment_criterion" ON "review_comment" ("assessmentId", "criterionCode")`);
    await q.query(
      `CREATE TABLE "assessment_summary" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "assessmentId" varchar(36) NOT NULL, "scopeCode" varchar(20) NOT NULL, "strengths" text NOT NULL DEFAULT (''), "weaknesses" text NOT NULL DEFAULT (''), "causes" text NOT NULL DEFAULT (''), "trend" text NOT NULL DEFAULT (''), "priorities" text NOT NULL DEFAULT (''), "updatedBy" varchar(36), CONSTRAINT "fk_assessment_summary_assessment" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE UNIQUE INDEX "idx_assessment_summary_key" ON "assessment_summary" ("assessmentId", "scopeCode")`);
    await q.query(
      `CREATE TABLE "plan_task" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "assessmentId" varchar(36) NOT NULL, "title" varchar(300) NOT NULL, "details" text NOT NULL DEFAULT (''), "ownerMemberId" varchar(36), "ownerName" varchar(120) NOT NULL DEFAULT (''), "startDate" varchar(10), "dueDate" varchar(10), "status" varchar(12) NOT NULL DEFAULT ('todo'), "calendarKey" varchar(40), "sortOrder" integer NOT NULL DEFAULT (0), "completedAt" varchar(30), "carriedOver" boolean NOT NULL DEFAULT (0), "confirmedAt" varchar(30), CONSTRAINT "fk_plan_task_assessment" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE INDEX "idx_plan_task_assessment" ON "plan_task" ("assessmentId")`);
    await q.query(
      `CREATE TABLE "improvement_issue" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "assessmentId" varchar(36) NOT NULL, "standardCode" varchar(20) NOT NULL, "criterionCodes" text NOT NULL DEFAULT ('[]'), "currentState" text NOT NULL DEFAULT (''), "weakness" text NOT NULL DEFAULT (''), "cause" text NOT NULL DEFAULT (''), "sortOrder" integer NOT NULL DEFAULT (0), "carriedOver" boolean NOT NULL DEFAULT (0), "confirmedAt" varchar(30), CONSTRAINT "fk_improvement_issue_assessment" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE INDEX "idx_improvement_issue_assessment" ON "improvement_issue" ("assessmentId")`);
    await q.query(
      `CREATE TABLE "improvement_item" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "assessmentId" varchar(36) NOT NULL, "issueId" varchar(36), "content" text NOT NULL DEFAULT (''), "goal" text NOT NULL DEFAULT (''), "actions" text NOT NULL DEFAULT (''), "indicator" text NOT NULL DEFAULT (''), "timeframe" varchar(200) NOT NULL DEFAULT (''), "startDate" varchar(10), "dueDate" varchar(10), "owner" varchar(300) NOT NULL DEFAULT (''), "ownerMemberId" varchar(36), "resources" text NOT NULL DEFAULT (''), "expectedEvidence" text NOT NULL DEFAULT (''), "progress" varchar(12) NOT NULL DEFAULT ('not_started'), "progressNote" text NOT NULL DEFAULT (''), "evidenceIds" text NOT NULL DEFAULT ('[]'), "sortOrder" integer NOT NULL DEFAULT (0), "carriedFromId" varchar(36), "carriedOver" boolean NOT NULL DEFAULT (0), "confirmedAt" varchar(30), CONSTRAINT "fk_improvement_item_assessment" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE INDEX "idx_improvement_item_assessment" ON "improvement_item" ("assessmentId")`);
    await q.query(
      `CREATE TABLE "improvement_monitoring" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "assessmentId" varchar(36) NOT NULL, "checkpoint" varchar(12) NOT NULL, "itemId" varchar(36), "content" text NOT NULL DEFAULT (''), "result" text NOT NULL DEFAULT (''), "adjustment" text NOT NULL DEFAULT (''), "reviewer" varchar(200) NOT NULL DEFAULT (''), "reviewedOn" varchar(10), "sortOrder" integer NOT NULL DEFAULT (0), CONSTRAINT "fk_improvement_monitoring_assessment" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE INDEX "idx_improvement_monitoring_assessment" ON "improvement_monitoring" ("assessmentId")`);
    await q.query(
      `CREATE TABLE "school_data_value" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "schoolYear" varchar(9) NOT NULL, "dataKey" varchar(80) NOT NULL, "value" varchar(200) NOT NULL, "updatedBy" varchar(36))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "idx_school_data_value_key_live" ON "school_data_value" ("schoolYear", "dataKey") WHERE "deletedAt" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "school_data_value"`);
    await q.query(`DROP TABLE "improvement_monitoring"`);
    await q.query(`DROP TABLE "improvement_item"`);
    await q.query(`DROP TABLE "improvement_issue"`);
    await q.query(`DROP TABLE "plan_task"`);
    await q.query(`DROP TABLE "assessment_summary"`);
    await q.query(`DROP TABLE "review_comment"`);
    await q.query(`DROP TABLE "review_event"`);
    await q.query(`DROP TABLE "criterion_version"`);
    await q.query(`DROP TABLE "requirement_entry"`);
    await q.query(`DROP TABLE "criterion_record"`);
    await q.query(`DROP TABLE "criterion_assignment"`);
    await q.query(`DROP TABLE "working_group"`);
    await q.query(`DROP TABLE "council_member"`);
    await q.query(`DROP TABLE "assessment"`);
  }
}
