import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Department server foundation on PostgreSQL: the organisation tree, accounts, bearer tokens
 * (hashes only) and failed sign-ins for the login limit. Generated from the entities once,
 * then tidied by hand; the schema-drift test keeps entities and migrations in agreement.
 */
export class ServerInit1767225600000 implements MigrationInterface {
  name = 'ServerInit1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "org_unit" ("id" uuid NOT NULL, "parent_id" uuid, "kind" character varying(32) NOT NULL, "code" character varying(64) NOT NULL, "name" character varying(255) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_org_unit" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "ux_org_unit_code" ON "org_unit" ("code")`);
    await q.query(`CREATE INDEX "ix_org_unit_parent" ON "org_unit" ("parent_id")`);
    await q.query(
      `CREATE TABLE "account" ("id" uuid NOT NULL, "username" character varying(64) NOT NULL, "display_name" character varying(255) NOT NULL, "role" character varying(32) NOT NULL, "org_unit_id" uuid NOT NULL, "password_hash" character varying(255) NOT NULL, "disabled" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_account_role" CHECK ("role" IN ('dept_admin', 'inspector', 'school_user')), CONSTRAINT "pk_account" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "ux_account_username" ON "account" ("username")`);
    await q.query(`CREATE INDEX "ix_account_org_unit" ON "account" ("org_unit_id")`);
    await q.query(
      `CREATE TABLE "auth_token" ("id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "kind" character varying(16) NOT NULL, "account_id" uuid NOT NULL, "device_name" character varying(255), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_auth_token_kind" CHECK ("kind" IN ('session', 'device')), CONSTRAINT "pk_auth_token" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "ux_auth_token_hash" ON "auth_token" ("token_hash")`);
    await q.query(`CREATE INDEX "ix_auth_token_account" ON "auth_token" ("account_id")`);
    await q.query(
      `CREATE TABLE "login_failure" ("id" uuid NOT NULL, "username" character varying(64) NOT NULL, "ip" character varying(64) NOT NULL, "failed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_login_failure" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_login_failure_key" ON "login_failure" ("username", "ip", "failed_at")`);
    await q.query(
      `ALTER TABLE "org_unit" ADD CONSTRAINT "fk_org_unit_parent" FOREIGN KEY ("parent_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "account" ADD CONSTRAINT "fk_account_org_unit" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "auth_token" ADD CONSTRAINT "fk_auth_token_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "login_failure"`);
    await q.query(`DROP TABLE "auth_token"`);
    await q.query(`DROP TABLE "account"`);
    await q.query(`DROP TABLE "org_unit"`);
  }
}
