import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schema of the assets module (issue 6): buildings and rooms, the asset register, the
 * append-only ledger `asset_event`, wear runs, stocktakes (sessions, frozen book snapshot, count
 * lines, follow-ups), settings and saved import mappings.
 *
 * Tables: generated from the entities with TypeORM's schema builder (foreign keys folded into
 * the CREATE TABLE instead of the builder's copy-and-rename), then tidied by hand; the drift
 * checks in 0004-assets.test.ts and src/backend/db/open-database.test.ts keep them and the
 * entities in agreement.
 *
 * `asset_fts` is not an entity (TypeORM ignores tables it does not know): an FTS5 table with
 * the trigram tokenizer over the folded `asset.searchText` of live rows, kept in step by three
 * triggers. Like `evidence_fts` it stores its own copy of the text and the asset id rather than
 * pointing at rowids (VACUUM may renumber them). A later migration that rebuilds the asset table
 * (SQLite's copy-and-rename) must recreate the triggers.
 */
export class Assets1764600000000 implements MigrationInterface {
  name = 'Assets1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "asset_building" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "siteId" varchar(36) NOT NULL, "code" varchar(40) NOT NULL DEFAULT (''), "name" varchar(200) NOT NULL, "grade" varchar(10), "constructionType" varchar(20) NOT NULL, "floors" integer, "floorAreaM2" real, "yearInUse" integer, "costVnd" integer, "fundingSource" varchar(30), "note" text NOT NULL DEFAULT (''), CONSTRAINT "fk_asset_building_site" FOREIGN KEY ("siteId") REFERENCES "school_site" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE INDEX "idx_asset_building_site" ON "asset_building" ("siteId")`);

    await q.query(
      `CREATE TABLE "asset_room" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "siteId" varchar(36) NOT NULL, "buildingId" varchar(36), "code" varchar(40) NOT NULL, "name" varchar(200) NOT NULL, "floor" integer, "block" varchar(60) NOT NULL DEFAULT (''), "roomType" varchar(60) NOT NULL DEFAULT ('phong_khac'), "areaM2" real, "seats" integer, "constructionType" varchar(20), "meetsTt14" boolean, "personInCharge" varchar(120) NOT NULL DEFAULT (''), "internet" boolean NOT NULL DEFAULT (0), "status" varchar(20) NOT NULL DEFAULT ('in_use'), "inUseFromYear" integer, "inUseToYear" integer, "note" text NOT NULL DEFAULT (''), CONSTRAINT "fk_asset_room_site" FOREIGN KEY ("siteId") REFERENCES "school_site" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION, CONSTRAINT "fk_asset_room_building" FOREIGN KEY ("buildingId") REFERENCES "asset_building" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE UNIQUE INDEX "idx_asset_room_code_live" ON "asset_room" ("code") WHERE "deletedAt" IS NULL`);
    await q.query(`CREATE INDEX "idx_asset_room_site" ON "asset_room" ("siteId")`);
    await q.query(`CREATE INDEX "idx_asset_room_building" ON "asset_room" ("buildingId")`);

    await q.query(
      `CREATE TABLE "asset" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "code" varchar(64) NOT NULL, "name" varchar(300) NOT NULL, "model" varchar(120) NOT NULL DEFAULT (''), "brand" varchar(120) NOT NULL DEFAULT (''), "serial" varchar(120) NOT NULL DEFAULT (''), "originCountry" varchar(80) NOT NULL DEFAULT (''), "yearMade" integer, "unit" varchar(30) NOT NULL DEFAULT (''), "tracking" varchar(10) NOT NULL DEFAULT ('unit'), "quantity" integer NOT NULL DEFAULT (1), "assetClass" varchar(40) NOT NULL, "category" varchar(20) NOT NULL, "wearGroupKey" varchar(20), "usefulLifeYears" integer, "wearRatePercent" real, "costVnd" integer NOT NULL DEFAULT (0), "costParts" text, "accumulatedWearVnd" integer NOT NULL DEFAULT (0), "remainingVnd" integer NOT NULL DEFAULT (0), "lastWearYear" integer, "fundingSource" varchar(30), "acquiredVia" varchar(30) NOT NULL DEFAULT ('mua_sam'), "documentNo" varchar(100) NOT NULL DEFAULT (''), "documentDate" varchar(10), "handoverDate" varchar(10), "putInUseDate" varchar(10), "bookedDate" varchar(10), "siteId" varchar(36), "roomId" varchar(36), "custodian" varchar(120) NOT NULL DEFAULT (''), "condition" varchar(30) NOT NULL DEFAULT ('dang_hoat_dong'), "conditionCounts" text, "lifecycleState" varchar(20) NOT NULL DEFAULT ('in_use'), "disposalCandidate" boolean NOT NULL DEFAULT (0), "warrantyUntil" varchar(10), "itKind" varchar(30), "itCpu" varchar(120) NOT NULL DEFAULT (''), "itRam" varchar(60) NOT NULL DEFAULT (''), "itStorage" varchar(60) NOT NULL DEFAULT (''), "itOs" varchar(60) NOT NULL DEFAULT (''), "itMac" varchar(60) NOT NULL DEFAULT (''), "itInternet" boolean, "itUse" varchar(20), "equipmentItemCode" varchar(40) NOT NULL DEFAULT (''), "specs" text NOT NULL DEFAULT (''), "notes" text NOT NULL DEFAULT (''), "attachments" text NOT NULL DEFAULT ('[]'), "searchText" text NOT NULL DEFAULT (''), CONSTRAINT "fk_asset_room" FOREIGN KEY ("roomId") REFERENCES "asset_room" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE UNIQUE INDEX "idx_asset_code_live" ON "asset" ("code") WHERE "deletedAt" IS NULL`);
    await q.query(`CREATE INDEX "idx_asset_room" ON "asset" ("roomId", "code")`);
    await q.query(`CREATE INDEX "idx_asset_class" ON "asset" ("assetClass")`);
    await q.query(`CREATE INDEX "idx_asset_condition" ON "asset" ("condition")`);
    await q.query(`CREATE INDEX "idx_asset_state" ON "asset" ("lifecycleState")`);
    await q.query(`CREATE INDEX "idx_asset_funding" ON "asset" ("fundingSource")`);
    await q.query(`CREATE INDEX "idx_asset_equipment_item" ON "asset" ("equipmentItemCode")`);

    await q.query(
      `CREATE TABLE "asset_event" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "assetId" varchar(36) NOT NULL, "type" varchar(30) NOT NULL, "date" varchar(10) NOT NULL, "documentNo" varchar(100) NOT NULL DEFAULT (''), "documentDate" varchar(10), "attachmentSha256" varchar(64), "refId" varchar(36), "payload" text NOT NULL DEFAULT ('{}'), "note" text NOT NULL DEFAULT (''), "actor" varchar(36), CONSTRAINT "fk_asset_event_asset" FOREIGN KEY ("assetId") REFERENCES "asset" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE INDEX "idx_asset_event_asset" ON "asset_event" ("assetId", "date")`);
    await q.query(`CREATE INDEX "idx_asset_event_type_date" ON "asset_event" ("type", "date")`);
    await q.query(`CREATE INDEX "idx_asset_event_ref" ON "asset_event" ("refId")`);

    await q.query(
      `CREATE TABLE "asset_wear_run" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "year" integer NOT NULL, "status" varchar(10) NOT NULL DEFAULT ('done'), "assetCount" integer NOT NULL DEFAULT (0), "totalVnd" integer NOT NULL DEFAULT (0), "runAt" varchar(30) NOT NULL, "actor" varchar(36), "reversedAt" varchar(30))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "idx_asset_wear_run_year_done" ON "asset_wear_run" ("year") WHERE "status" = 'done' AND "deletedAt" IS NULL`,
    );

    await q.query(
      `CREATE TABLE "asset_stocktake" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "name" varchar(200) NOT NULL, "decisionNo" varchar(100) NOT NULL DEFAULT (''), "decisionDate" varchar(10), "members" text NOT NULL DEFAULT ('[]'), "roomIds" text NOT NULL DEFAULT ('[]'), "cutoffAt" varchar(30) NOT NULL, "status" varchar(10) NOT NULL DEFAULT ('counting'), "principalDecision" text NOT NULL DEFAULT (''), "closedAt" varchar(30), "bookItems" integer NOT NULL DEFAULT (0), "bookQuantity" integer NOT NULL DEFAULT (0), "bookCostVnd" integer NOT NULL DEFAULT (0), "bookRemainingVnd" integer NOT NULL DEFAULT (0), "resultSummary" text)`,
    );

    await q.query(
      `CREATE TABLE "asset_stocktake_book" ("seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "stocktakeId" varchar(36) NOT NULL, "assetId" varchar(36), "code" varchar(64) NOT NULL, "name" varchar(300) NOT NULL, "roomId" varchar(36), "groupKey" varchar(40) NOT NULL, "tracking" varchar(10) NOT NULL, "quantity" integer NOT NULL, "costVnd" integer NOT NULL, "remainingVnd" integer NOT NULL, "inBooks" boolean NOT NULL DEFAULT (1), "actualQuantity" integer, "actualCostVnd" integer, "actualRemainingVnd" integer, "status" varchar(20), "flags" text)`,
    );
    await q.query(`CREATE INDEX "idx_asset_stocktake_book_session" ON "asset_stocktake_book" ("stocktakeId", "roomId")`);
    await q.query(`CREATE INDEX "idx_asset_stocktake_book_code" ON "asset_stocktake_book" ("stocktakeId", "code")`);

    await q.query(
      `CREATE TABLE "asset_stocktake_line" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "stocktakeId" varchar(36) NOT NULL, "code" varchar(64) NOT NULL DEFAULT (''), "assetId" varchar(36), "roomId" varchar(36), "foundQuantity" integer NOT NULL DEFAULT (1), "condition" varchar(30), "location" varchar(300) NOT NULL DEFAULT (''), "note" text NOT NULL DEFAULT (''), "counter" varchar(120) NOT NULL DEFAULT (''), "method" varchar(10) NOT NULL DEFAULT ('scan'), "countedAt" varchar(30) NOT NULL, "device" varchar(100) NOT NULL DEFAULT (''), CONSTRAINT "fk_asset_stocktake_line_session" FOREIGN KEY ("stocktakeId") REFERENCES "asset_stocktake" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE INDEX "idx_asset_stocktake_line_session" ON "asset_stocktake_line" ("stocktakeId", "roomId")`);
    await q.query(`CREATE INDEX "idx_asset_stocktake_line_code" ON "asset_stocktake_line" ("stocktakeId", "code")`);
    await q.query(`CREATE INDEX "idx_asset_stocktake_line_asset" ON "asset_stocktake_line" ("stocktakeId", "assetId")`);

    await q.query(
      `CREATE TABLE "asset_stocktake_followup" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "stocktakeId" varchar(36) NOT NULL, "key" varchar(300) NOT NULL, "kind" varchar(20) NOT NULL, "assetId" varchar(36), "code" varchar(64), "name" varchar(300), "quantity" integer NOT NULL DEFAULT (0), "fromRoomId" varchar(36), "toRoomId" varchar(36), "reason" text NOT NULL DEFAULT (''), "article" varchar(300) NOT NULL DEFAULT (''), "decision" varchar(10) NOT NULL DEFAULT ('pending'), "action" varchar(20), "details" text, "decidedBy" varchar(36), "decidedAt" varchar(30), "stale" boolean NOT NULL DEFAULT (0), CONSTRAINT "fk_asset_stocktake_followup_session" FOREIGN KEY ("stocktakeId") REFERENCES "asset_stocktake" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`,
    );
    await q.query(`CREATE UNIQUE INDEX "idx_asset_stocktake_followup_key" ON "asset_stocktake_followup" ("stocktakeId", "key")`);

    await q.query(
      `CREATE TABLE "asset_settings" ("id" varchar(36) PRIMARY KEY NOT NULL, "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "deletedAt" varchar(30), "rev" integer NOT NULL DEFAULT (1), "roundingUnit" varchar(10) NOT NULL DEFAULT ('vnd'), "provinceOverrideId" varchar(80), "selfFunded" boolean NOT NULL DEFAULT (0), "disposalDelegated" boolean NOT NULL DEFAULT (0))`,
    );

    await q.query(
      `CREATE TABLE "asset_import_mapping" ("signature" varchar(64) PRIMARY KEY NOT NULL, "headers" text NOT NULL, "mapping" text NOT NULL, "updatedAt" varchar(30) NOT NULL)`,
    );
    // Full-text search over live assets (see the class comment).
    await q.query(`CREATE VIRTUAL TABLE "asset_fts" USING fts5("assetId" UNINDEXED, "searchText", tokenize = 'trigram')`);
    await q.query(
      `CREATE TRIGGER "asset_fts_insert" AFTER INSERT ON "asset" WHEN NEW."deletedAt" IS NULL BEGIN INSERT INTO "asset_fts" ("assetId", "searchText") VALUES (NEW."id", NEW."searchText"); END`,
    );
    await q.query(
      `CREATE TRIGGER "asset_fts_update" AFTER UPDATE OF "searchText", "deletedAt" ON "asset" BEGIN DELETE FROM "asset_fts" WHERE "assetId" = OLD."id"; INSERT INTO "asset_fts" ("assetId", "searchText") SELECT NEW."id", NEW."searchText" WHERE NEW."deletedAt" IS NULL; END`,
    );
    await q.query(
      `CREATE TRIGGER "asset_fts_delete" AFTER DELETE ON "asset" BEGIN DELETE FROM "asset_fts" WHERE "assetId" = OLD."id"; END`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "asset_fts_delete"`);
    await q.query(`DROP TRIGGER "asset_fts_update"`);
    await q.query(`DROP TRIGGER "asset_fts_insert"`);
    await q.query(`DROP TABLE "asset_fts"`);
    await q.query(`DROP TABLE "asset_import_mapping"`);
    await q.query(`DROP TABLE "asset_settings"`);
    await q.query(`DROP TABLE "asset_stocktake_followup"`);
    await q.query(`DROP TABLE "asset_stocktake_line"`);
    await q.query(`DROP TABLE "asset_stocktake_book"`);
    await q.query(`DROP TABLE "asset_stocktake"`);
    await q.query(`DROP TABLE "asset_wear_run"`);
    await q.query(`DROP TABLE "asset_event"`);
    await q.query(`DROP TABLE "asset"`);
    await q.query(`DROP TABLE "asset_room"`);
    await q.query(`DROP TABLE "asset_building"`);
  }
}
