import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Department server foundation on SQLite: the organisation tree, accounts, bearer tokens
 * (hashes only) and failed sign-ins for the login limit. Generated from the entities once,
 * then tidied by hand; the schema-drift test keeps entities and migrations in agreement.
 */
export class ServerInit1767225600000 implements MigrationInterface {
  name = 'ServerInit1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "org_unit" ("id" varchar(36) PRIMARY KEY NOT NULL, "parent_id" varchar(36), "kind" varchar(32) NOT NULL, "code" varchar(64) NOT NULL, "name" varchar(255) NOT NULL, "created_at" datetime NOT NULL, CONSTRAINT "fk_org_unit_parent" FOREIGN KEY ("parent_id") REFERENCES "org_unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE UNIQUE INDEX "ux_org_unit_code" ON "org_unit" ("code")`);
    await q.query(`CREATE INDEX "ix_org_unit_parent" ON "org_unit" ("parent_id")`);
    await q.query(
      `CREATE TABLE "account" ("id" varchar(36) PRIMARY KEY NOT NULL, "username" varchar(64) NOT NULL, "display_name" varchar(255) NOT NULL, "role" varchar(32) NOT NULL, "org_unit_id" varchar(36) NOT NULL, "password_hash" varchar(255) NOT NULL, "disabled" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL, CONSTRAINT "ck_account_role" CHECK ("role" IN ('dept_admin', 'inspector', 'school_user')), CONSTRAINT "fk_account_org_unit" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE UNIQUE INDEX "ux_account_username" ON "account" ("username")`);
    await q.query(`CREATE INDEX "ix_account_org_unit" ON "account" ("org_unit_id")`);
    await q.query(
      `CREATE TABLE "auth_token" ("id" varchar(36) PRIMARY KEY NOT NULL, "token_hash" varchar(64) NOT NULL, "kind" varchar(16) NOT NULL, "account_id" varchar(36) NOT NULL, "device_name" varchar(255), "created_at" datetime NOT NULL, "last_used_at" datetime, "expires_at" datetime NOT NULL, "revoked_at" datetime, CONSTRAINT "ck_auth_token_kind" CHECK ("kind" IN ('session', 'device')), CONSTRAINT "fk_auth_token_account" FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE UNIQUE INDEX "ux_auth_token_hash" ON "auth_token" ("token_hash")`);
    await q.query(`CREATE INDEX "ix_auth_token_account" ON "auth_token" ("account_id")`);
    await q.query(
      `CREATE TABLE "login_failure" ("id" varchar(36) PRIMARY KEY NOT NULL, "username" varchar(64) NOT NULL, "ip" varchar(64) NOT NULL, "failed_at" datetime NOT NULL)`,
    );
    await q.query(`CREATE INDEX "ix_login_failure_key" ON "login_failure" ("username", "ip", "failed_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "login_failure"`);
    await q.query(`DROP TABLE "auth_token"`);
    await q.query(`DROP TABLE "account"`);
    await q.query(`DROP TABLE "org_unit"`);
  }
}
