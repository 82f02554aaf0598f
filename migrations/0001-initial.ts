import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation schema: meta, the change log, local accounts, the school and its sites.
 * Hand-reviewed: generated from the entities once, then tidied; the schema-drift test keeps
 * it and the entities in agreement.
 */
export class Initial1764320000000 implements MigrationInterface {
  name = 'Initial1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "meta" ("key" varchar(60) PRIMARY KEY NOT NULL, "value" text NOT NULL)`);
    await q.query(
      `CREATE TABLE "change_log" ("seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "changeId" varchar(36) NOT NULL, "entity" varchar(60) NOT NULL, "rowId" varchar(36) NOT NULL, "op" varchar(10) NOT NULL, "rev" integer NOT NULL, "data" text NOT NULL, "at" varchar(30) NOT NULL, "actor" varchar(36), "pushedAt" varchar(30))`,
    );
    await q.query(`CREATE UNIQUE INDEX "idx_change_log_change_id" ON "change_log" ("changeId")`);
    await q.query(`CREATE INDEX "idx_change_log_pending" ON "change_log" ("pushedAt", "seq")`);
    await q.query(`CREATE INDEX "idx_change_log_row" ON "change_log" ("entity", "rowId")`);
    await q.query(
      `CREATE TABLE "app_user" ("id" varchar(36) PRIMARY KEY NOT NULL, "username" varchar(40) NOT NULL, "displayName" varchar(120) NOT NULL, "role" varchar(30) NOT NULL, "passwordHash" varchar(300) NOT NULL, "disabled" boolean NOT NULL DEFAULT (0), "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "idx_app_user_username" ON "app_user" ("username")`);
    await q.query(
      `CREATE TABLE "school" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "code" varchar(30) NOT NULL DEFAULT (''), "name" varchar(200) NOT NULL, "levels" text NOT NULL, "ownership" varchar(20) NOT NULL, "address" varchar(300) NOT NULL DEFAULT (''), "province" varchar(100) NOT NULL DEFAULT (''), "managingBody" varchar(200) NOT NULL DEFAULT (''), "principal" varchar(120) NOT NULL DEFAULT (''), "phone" varchar(20) NOT NULL DEFAULT (''), "email" varchar(120) NOT NULL DEFAULT (''))`,
    );
    await q.query(
      `CREATE TABLE "school_site" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "schoolId" varchar(36) NOT NULL, "name" varchar(200) NOT NULL, "address" varchar(300) NOT NULL DEFAULT (''), "isMain" boolean NOT NULL DEFAULT (0), "sortOrder" integer NOT NULL DEFAULT (0), CONSTRAINT "fk_school_site_school" FOREIGN KEY ("schoolId") REFERENCES "school" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE INDEX "idx_school_site_school" ON "school_site" ("schoolId")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "school_site"`);
    await q.query(`DROP TABLE "school"`);
    await q.query(`DROP TABLE "app_user"`);
    await q.query(`DROP TABLE "change_log"`);
    await q.query(`DROP TABLE "meta"`);
  }
}
