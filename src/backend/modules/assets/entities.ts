import { EntitySchema } from 'typeorm';
import { syncedColumns, type SyncedRow } from '../../db/entities/base';

/**
 * Entities of the assets module (issue 6). See docs/decisions/0010-assets-ledger.md.
 *
 * Synced (change-logged): buildings, rooms, assets, the append-only ledger `asset_event`, wear
 * runs, stocktakes with their count lines and follow-ups, and the module settings.
 * Local only: the frozen book snapshot of a stocktake (`asset_stocktake_book`, rebuilt from the
 * ledger on any device) and saved import mappings. `asset_fts` (FTS5 trigram over the folded
 * `asset.searchText`) is created by migration 0004 with its triggers; it is not an entity.
 */

export interface BuildingRow extends SyncedRow {
  siteId: string;
  code: string;
  name: string;
  grade: string | null;
  constructionType: string;
  floors: number | null;
  floorAreaM2: number | null;
  yearInUse: number | null;
  costVnd: number | null;
  fundingSource: string | null;
  note: string;
}

export const BuildingEntity = new EntitySchema<BuildingRow>({
  name: 'AssetBuilding',
  tableName: 'asset_building',
  columns: {
    ...syncedColumns,
    siteId: { type: 'varchar', length: 36 },
    code: { type: 'varchar', length: 40, default: '' },
    name: { type: 'varchar', length: 200 },
    grade: { type: 'varchar', length: 10, nullable: true },
    constructionType: { type: 'varchar', length: 20 },
    floors: { type: 'integer', nullable: true },
    floorAreaM2: { type: 'real', nullable: true },
    yearInUse: { type: 'integer', nullable: true },
    costVnd: { type: 'integer', nullable: true },
    fundingSource: { type: 'varchar', length: 30, nullable: true },
    note: { type: 'text', default: '' },
  },
  indices: [{ name: 'idx_asset_building_site', columns: ['siteId'] }],
  foreignKeys: [{ name: 'fk_asset_building_site', columnNames: ['siteId'], target: 'SchoolSite', referencedColumnNames: ['id'] }],
});

export interface RoomRow extends SyncedRow {
  siteId: string;
  buildingId: string | null;
  code: string;
  name: string;
  floor: number | null;
  block: string;
  roomType: string;
  areaM2: number | null;
  seats: number | null;
  constructionType: string | null;
  meetsTt14: boolean | null;
  personInCharge: string;
  internet: boolean;
  status: string;
  inUseFromYear: number | null;
  inUseToYear: number | null;
  note: string;
}

export const RoomEntity = new EntitySchema<RoomRow>({
  name: 'AssetRoom',
  tableName: 'asset_room',
  columns: {
    ...syncedColumns,
    siteId: { type: 'varchar', length: 36 },
    buildingId: { type: 'varchar', length: 36, nullable: true },
    code: { type: 'varchar', length: 40 },
    name: { type: 'varchar', length: 200 },
    floor: { type: 'integer', nullable: true },
    block: { type: 'varchar', length: 60, default: '' },
    roomType: { type: 'varchar', length: 60, default: 'phong_khac' },
    areaM2: { type: 'real', nullable: true },
    seats: { type: 'integer', nullable: true },
    constructionType: { type: 'varchar', length: 20, nullable: true },
    meetsTt14: { type: 'boolean', nullable: true },
    personInCharge: { type: 'varchar', length: 120, default: '' },
    internet: { type: 'boolean', default: false },
    status: { type: 'varchar', length: 20, default: 'in_use' },
    inUseFromYear: { type: 'integer', nullable: true },
    inUseToYear: { type: 'integer', nullable: true },
    note: { type: 'text', default: '' },
  },
  indices: [
    { name: 'idx_asset_room_code_live', columns: ['code'], unique: true, where: '"deletedAt" IS NULL' },
    { name: 'idx_asset_room_site', columns: ['siteId'] },
    { name: 'idx_asset_room_building', columns: ['buildingId'] },
  ],
  foreignKeys: [
    { name: 'fk_asset_room_site', columnNames: ['siteId'], target: 'SchoolSite', referencedColumnNames: ['id'] },
    { name: 'fk_asset_room_building', columnNames: ['buildingId'], target: 'AssetBuilding', referencedColumnNames: ['id'] },
  ],
});

/**
 * One line of the register: a labelled item (tracking 'unit') or a set counted by quantity
 * (tracking 'quantity', e.g. 40 chairs or a teaching-equipment set) whose per-unit condition
 * is `conditionCounts` (JSON). Money is integer VND. `searchText` is the folded text the FTS
 * table indexes. Every change writes an `asset_event` row in the same transaction.
 */
export interface AssetRow extends SyncedRow {
  code: string;
  name: string;
  model: string;
  brand: string;
  serial: string;
  originCountry: string;
  yearMade: number | null;
  unit: string;
  tracking: string;
  quantity: number;
  assetClass: string;
  category: string;
  wearGroupKey: string | null;
  usefulLifeYears: number | null;
  wearRatePercent: number | null;
  costVnd: number;
  costParts: string | null;
  accumulatedWearVnd: number;
  remainingVnd: number;
  lastWearYear: number | null;
  fundingSource: string | null;
  acquiredVia: string;
  documentNo: string;
  documentDate: string | null;
  handoverDate: string | null;
  putInUseDate: string | null;
  bookedDate: string | null;
  siteId: string | null;
  roomId: string | null;
  custodian: string;
  condition: string;
  conditionCounts: string | null;
  lifecycleState: string;
  disposalCandidate: boolean;
  warrantyUntil: string | null;
  itKind: string | null;
  itCpu: string;
  itRam: string;
  itStorage: string;
  itOs: string;
  itMac: string;
  itInternet: boolean | null;
  itUse: string | null;
  equipmentItemCode: string;
  specs: string;
  notes: string;
  attachments: string;
  searchText: string;
}

export const AssetEntity = new EntitySchema<AssetRow>({
  name: 'Asset',
  tableName: 'asset',
  columns: {
    ...syncedColumns,
    code: { type: 'varchar', length: 64 },
    name: { type: 'varchar', length: 300 },
    model: { type: 'varchar', length: 120, default: '' },
    brand: { type: 'varchar', length: 120, default: '' },
    serial: { type: 'varchar', length: 120, default: '' },
    originCountry: { type: 'varchar', length: 80, default: '' },
    yearMade: { type: 'integer', nullable: true },
    unit: { type: 'varchar', length: 30, default: '' },
    tracking: { type: 'varchar', length: 10, default: 'unit' },
    quantity: { type: 'integer', default: 1 },
    assetClass: { type: 'varchar', length: 40 },
    category: { type: 'varchar', length: 20 },
    wearGroupKey: { type: 'varchar', length: 20, nullable: true },
    usefulLifeYears: { type: 'integer', nullable: true },
    wearRatePercent: { type: 'real', nullable: true },
    costVnd: { type: 'integer', default: 0 },
    costParts: { type: 'text', nullable: true },
    accumulatedWearVnd: { type: 'integer', default: 0 },
    remainingVnd: { type: 'integer', default: 0 },
    lastWearYear: { type: 'integer', nullable: true },
    fundingSource: { type: 'varchar', length: 30, nullable: true },
    acquiredVia: { type: 'varchar', length: 30, default: 'mua_sam' },
    documentNo: { type: 'varchar', length: 100, default: '' },
    documentDate: { type: 'varchar', length: 10, nullable: true },
    handoverDate: { type: 'varchar', length: 10, nullable: true },
    putInUseDate: { type: 'varchar', length: 10, nullable: true },
    bookedDate: { type: 'varchar', length: 10, nullable: true },
    siteId: { type: 'varchar', length: 36, nullable: true },
    roomId: { type: 'varchar', length: 36, nullable: true },
    custodian: { type: 'varchar', length: 120, default: '' },
    condition: { type: 'varchar', length: 30, default: 'dang_hoat_dong' },
    conditionCounts: { type: 'text', nullable: true },
    lifecycleState: { type: 'varchar', length: 20, default: 'in_use' },
    disposalCandidate: { type: 'boolean', default: false },
    warrantyUntil: { type: 'varchar', length: 10, nullable: true },
    itKind: { type: 'varchar', length: 30, nullable: true },
    itCpu: { type: 'varchar', length: 120, default: '' },
    itRam: { type: 'varchar', length: 60, default: '' },
    itStorage: { type: 'varchar', length: 60, default: '' },
    itOs: { type: 'varchar', length: 60, default: '' },
    itMac: { type: 'varchar', length: 60, default: '' },
    itInternet: { type: 'boolean', nullable: true },
    itUse: { type: 'varchar', length: 20, nullable: true },
    equipmentItemCode: { type: 'varchar', length: 40, default: '' },
    specs: { type: 'text', default: '' },
    notes: { type: 'text', default: '' },
    attachments: { type: 'text', default: '[]' },
    searchText: { type: 'text', default: '' },
  },
  indices: [
    // One live asset per code; tombstoned rows keep their old code.
    { name: 'idx_asset_code_live', columns: ['code'], unique: true, where: '"deletedAt" IS NULL' },
    { name: 'idx_asset_room', columns: ['roomId', 'code'] },
    { name: 'idx_asset_class', columns: ['assetClass'] },
    { name: 'idx_asset_condition', columns: ['condition'] },
    { name: 'idx_asset_state', columns: ['lifecycleState'] },
    { name: 'idx_asset_funding', columns: ['fundingSource'] },
    { name: 'idx_asset_equipment_item', columns: ['equipmentItemCode'] },
  ],
  foreignKeys: [{ name: 'fk_asset_room', columnNames: ['roomId'], target: 'AssetRoom', referencedColumnNames: ['id'] }],
});

/**
 * The ledger: one row per change to an asset, insert-only (never updated or tombstoned; a
 * reversal is a new event). `payload` is JSON: `before`/`after` hold the changed state fields,
 * plus type-specific data. `date` is the effective date (document date, 31/12 for wear).
 */
export interface AssetEventRow extends SyncedRow {
  assetId: string;
  type: string;
  date: string;
  documentNo: string;
  documentDate: string | null;
  attachmentSha256: string | null;
  refId: string | null;
  payload: string;
  note: string;
  actor: string | null;
}

export const AssetEventEntity = new EntitySchema<AssetEventRow>({
  name: 'AssetEvent',
  tableName: 'asset_event',
  columns: {
    ...syncedColumns,
    assetId: { type: 'varchar', length: 36 },
    type: { type: 'varchar', length: 30 },
    date: { type: 'varchar', length: 10 },
    documentNo: { type: 'varchar', length: 100, default: '' },
    documentDate: { type: 'varchar', length: 10, nullable: true },
    attachmentSha256: { type: 'varchar', length: 64, nullable: true },
    refId: { type: 'varchar', length: 36, nullable: true },
    payload: { type: 'text', default: '{}' },
    note: { type: 'text', default: '' },
    actor: { type: 'varchar', length: 36, nullable: true },
  },
  indices: [
    { name: 'idx_asset_event_asset', columns: ['assetId', 'date'] },
    { name: 'idx_asset_event_type_date', columns: ['type', 'date'] },
    { name: 'idx_asset_event_ref', columns: ['refId'] },
  ],
  foreignKeys: [{ name: 'fk_asset_event_asset', columnNames: ['assetId'], target: 'Asset', referencedColumnNames: ['id'] }],
});

export interface WearRunRow extends SyncedRow {
  year: number;
  status: string;
  assetCount: number;
  totalVnd: number;
  runAt: string;
  actor: string | null;
  reversedAt: string | null;
}

export const WearRunEntity = new EntitySchema<WearRunRow>({
  name: 'AssetWearRun',
  tableName: 'asset_wear_run',
  columns: {
    ...syncedColumns,
    year: { type: 'integer' },
    status: { type: 'varchar', length: 10, default: 'done' },
    assetCount: { type: 'integer', default: 0 },
    totalVnd: { type: 'integer', default: 0 },
    runAt: { type: 'varchar', length: 30 },
    actor: { type: 'varchar', length: 36, nullable: true },
    reversedAt: { type: 'varchar', length: 30, nullable: true },
  },
  indices: [
    // At most one standing run per year.
    { name: 'idx_asset_wear_run_year_done', columns: ['year'], unique: true, where: `"status" = 'done' AND "deletedAt" IS NULL` },
  ],
});

export interface StocktakeRow extends SyncedRow {
  name: string;
  decisionNo: string;
  decisionDate: string | null;
  members: string;
  roomIds: string;
  cutoffAt: string;
  status: string;
  principalDecision: string;
  closedAt: string | null;
  bookItems: number;
  bookQuantity: number;
  bookCostVnd: number;
  bookRemainingVnd: number;
  resultSummary: string | null;
}

export const StocktakeEntity = new EntitySchema<StocktakeRow>({
  name: 'AssetStocktake',
  tableName: 'asset_stocktake',
  columns: {
    ...syncedColumns,
    name: { type: 'varchar', length: 200 },
    decisionNo: { type: 'varchar', length: 100, default: '' },
    decisionDate: { type: 'varchar', length: 10, nullable: true },
    members: { type: 'text', default: '[]' },
    roomIds: { type: 'text', default: '[]' },
    cutoffAt: { type: 'varchar', length: 30 },
    status: { type: 'varchar', length: 10, default: 'counting' },
    principalDecision: { type: 'text', default: '' },
    closedAt: { type: 'varchar', length: 30, nullable: true },
    bookItems: { type: 'integer', default: 0 },
    bookQuantity: { type: 'integer', default: 0 },
    bookCostVnd: { type: 'integer', default: 0 },
    bookRemainingVnd: { type: 'integer', default: 0 },
    resultSummary: { type: 'text', nullable: true },
  },
});

/**
 * The books frozen at the cut-off (local, not synced). At close the reconciliation result is
 * written into the same rows (`actual*`, `status`) plus one row per unknown code, so the
 * biên bản of a closed session never changes with later edits to the register.
 */
export interface StocktakeBookRow {
  seq: number;
  stocktakeId: string;
  assetId: string | null;
  code: string;
  name: string;
  roomId: string | null;
  groupKey: string;
  tracking: string;
  quantity: number;
  costVnd: number;
  remainingVnd: number;
  inBooks: boolean;
  actualQuantity: number | null;
  actualCostVnd: number | null;
  actualRemainingVnd: number | null;
  status: string | null;
  flags: string | null;
}

export const StocktakeBookEntity = new EntitySchema<StocktakeBookRow>({
  name: 'AssetStocktakeBook',
  tableName: 'asset_stocktake_book',
  columns: {
    seq: { type: 'integer', primary: true, generated: 'increment' },
    stocktakeId: { type: 'varchar', length: 36 },
    assetId: { type: 'varchar', length: 36, nullable: true },
    code: { type: 'varchar', length: 64 },
    name: { type: 'varchar', length: 300 },
    roomId: { type: 'varchar', length: 36, nullable: true },
    groupKey: { type: 'varchar', length: 40 },
    tracking: { type: 'varchar', length: 10 },
    quantity: { type: 'integer' },
    costVnd: { type: 'integer' },
    remainingVnd: { type: 'integer' },
    inBooks: { type: 'boolean', default: true },
    actualQuantity: { type: 'integer', nullable: true },
    actualCostVnd: { type: 'integer', nullable: true },
    actualRemainingVnd: { type: 'integer', nullable: true },
    status: { type: 'varchar', length: 20, nullable: true },
    flags: { type: 'text', nullable: true },
  },
  indices: [
    { name: 'idx_asset_stocktake_book_session', columns: ['stocktakeId', 'roomId'] },
    { name: 'idx_asset_stocktake_book_code', columns: ['stocktakeId', 'code'] },
  ],
});

export interface StocktakeLineRow extends SyncedRow {
  stocktakeId: string;
  code: string;
  assetId: string | null;
  roomId: string | null;
  foundQuantity: number;
  condition: string | null;
  location: string;
  note: string;
  counter: string;
  method: string;
  countedAt: string;
  device: string;
}

export const StocktakeLineEntity = new EntitySchema<StocktakeLineRow>({
  name: 'AssetStocktakeLine',
  tableName: 'asset_stocktake_line',
  columns: {
    ...syncedColumns,
    stocktakeId: { type: 'varchar', length: 36 },
    code: { type: 'varchar', length: 64, default: '' },
    assetId: { type: 'varchar', length: 36, nullable: true },
    roomId: { type: 'varchar', length: 36, nullable: true },
    foundQuantity: { type: 'integer', default: 1 },
    condition: { type: 'varchar', length: 30, nullable: true },
    location: { type: 'varchar', length: 300, default: '' },
    note: { type: 'text', default: '' },
    counter: { type: 'varchar', length: 120, default: '' },
    method: { type: 'varchar', length: 10, default: 'scan' },
    countedAt: { type: 'varchar', length: 30 },
    device: { type: 'varchar', length: 100, default: '' },
  },
  indices: [
    { name: 'idx_asset_stocktake_line_session', columns: ['stocktakeId', 'roomId'] },
    { name: 'idx_asset_stocktake_line_code', columns: ['stocktakeId', 'code'] },
    { name: 'idx_asset_stocktake_line_asset', columns: ['stocktakeId', 'assetId'] },
  ],
  foreignKeys: [
    {
      name: 'fk_asset_stocktake_line_session',
      columnNames: ['stocktakeId'],
      target: 'AssetStocktake',
      referencedColumnNames: ['id'],
    },
  ],
});

/** A proposed follow-up of a reconciliation and the board's decision on it. `key` is stable across re-runs. */
export interface StocktakeFollowUpRow extends SyncedRow {
  stocktakeId: string;
  key: string;
  kind: string;
  assetId: string | null;
  code: string | null;
  name: string | null;
  quantity: number;
  fromRoomId: string | null;
  toRoomId: string | null;
  reason: string;
  article: string;
  decision: string;
  action: string | null;
  details: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  stale: boolean;
}

export const StocktakeFollowUpEntity = new EntitySchema<StocktakeFollowUpRow>({
  name: 'AssetStocktakeFollowUp',
  tableName: 'asset_stocktake_followup',
  columns: {
    ...syncedColumns,
    stocktakeId: { type: 'varchar', length: 36 },
    key: { type: 'varchar', length: 300 },
    kind: { type: 'varchar', length: 20 },
    assetId: { type: 'varchar', length: 36, nullable: true },
    code: { type: 'varchar', length: 64, nullable: true },
    name: { type: 'varchar', length: 300, nullable: true },
    quantity: { type: 'integer', default: 0 },
    fromRoomId: { type: 'varchar', length: 36, nullable: true },
    toRoomId: { type: 'varchar', length: 36, nullable: true },
    reason: { type: 'text', default: '' },
    article: { type: 'varchar', length: 300, default: '' },
    decision: { type: 'varchar', length: 10, default: 'pending' },
    action: { type: 'varchar', length: 20, nullable: true },
    details: { type: 'text', nullable: true },
    decidedBy: { type: 'varchar', length: 36, nullable: true },
    decidedAt: { type: 'varchar', length: 30, nullable: true },
    stale: { type: 'boolean', default: false },
  },
  indices: [{ name: 'idx_asset_stocktake_followup_key', columns: ['stocktakeId', 'key'], unique: true }],
  foreignKeys: [
    {
      name: 'fk_asset_stocktake_followup_session',
      columnNames: ['stocktakeId'],
      target: 'AssetStocktake',
      referencedColumnNames: ['id'],
    },
  ],
});

/** Module settings: one live row. */
export interface AssetSettingsRow extends SyncedRow {
  roundingUnit: string;
  provinceOverrideId: string | null;
  selfFunded: boolean;
  disposalDelegated: boolean;
}

export const AssetSettingsEntity = new EntitySchema<AssetSettingsRow>({
  name: 'AssetSettings',
  tableName: 'asset_settings',
  columns: {
    ...syncedColumns,
    roundingUnit: { type: 'varchar', length: 10, default: 'vnd' },
    provinceOverrideId: { type: 'varchar', length: 80, nullable: true },
    selfFunded: { type: 'boolean', default: false },
    disposalDelegated: { type: 'boolean', default: false },
  },
});

/** A column mapping remembered per header signature (local to this PC). */
export interface ImportMappingRow {
  signature: string;
  headers: string;
  mapping: string;
  updatedAt: string;
}

export const ImportMappingEntity = new EntitySchema<ImportMappingRow>({
  name: 'AssetImportMapping',
  tableName: 'asset_import_mapping',
  columns: {
    signature: { type: 'varchar', length: 64, primary: true },
    headers: { type: 'text' },
    mapping: { type: 'text' },
    updatedAt: { type: 'varchar', length: 30 },
  },
});

/** Entities of the assets module; all of them, and the synced subset. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ASSETS_ENTITIES: EntitySchema<any>[] = [
  BuildingEntity,
  RoomEntity,
  AssetEntity,
  AssetEventEntity,
  WearRunEntity,
  StocktakeEntity,
  StocktakeBookEntity,
  StocktakeLineEntity,
  StocktakeFollowUpEntity,
  AssetSettingsEntity,
  ImportMappingEntity,
];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ASSETS_SYNCED: EntitySchema<any>[] = [
  BuildingEntity,
  RoomEntity,
  AssetEntity,
  AssetEventEntity,
  WearRunEntity,
  StocktakeEntity,
  StocktakeLineEntity,
  StocktakeFollowUpEntity,
  AssetSettingsEntity,
];
