import { z } from 'zod';
import { CONDITIONS, FUNDING_SOURCES, LIFECYCLE_STATES, ORIGINS, SCHOOL_LEVELS } from '../../core/assets/catalog.schema';
import { idSchema, requiredText, text } from './common';

/**
 * Shapes of the assets module (issue 6): places (buildings, rooms), the asset register, the
 * append-only ledger, yearly wear runs, stocktakes, import/export and summaries.
 * Money is integer VND; dates are ISO `yyyy-mm-dd`; timestamps ISO-8601.
 * Code lists mirror resources/catalogs/asset-classes.json (labels come from `assets.catalogs`).
 */

/** Who may change assets, rooms, wear runs and stocktakes; everyone logged in may read. */
export const ASSET_EDITORS = ['admin', 'equipment_officer'] as const;

export const CONSTRUCTION_TYPES = ['kien_co', 'ban_kien_co', 'tam'] as const;
export const constructionTypeSchema = z.enum(CONSTRUCTION_TYPES);
export type ConstructionType = z.infer<typeof constructionTypeSchema>;

/** Building grade (cấp công trình), drives the useful life (wear group 1.1–1.5). */
export const BUILDING_GRADES = ['dac_biet', 'I', 'II', 'III', 'IV'] as const;
export const buildingGradeSchema = z.enum(BUILDING_GRADES);

export const ROOM_STATUSES = ['in_use', 'under_repair', 'closed'] as const;
export const roomStatusSchema = z.enum(ROOM_STATUSES);

export const conditionSchema = z.enum(CONDITIONS);
export const lifecycleStateSchema = z.enum(LIFECYCLE_STATES);
export const originSchema = z.enum(ORIGINS);
export const fundingSourceSchema = z.enum(FUNDING_SOURCES);
export const schoolLevelSchema = z.enum(SCHOOL_LEVELS);

/** 'unit' = one labelled item (quantity 1 for a fixed asset); 'quantity' = a set counted by quantity. */
export const TRACKINGS = ['unit', 'quantity'] as const;
export const trackingSchema = z.enum(TRACKINGS);

/** What classifyAsset (TT 141 art. 3) makes of the class and cost. */
export const ASSET_CATEGORIES = ['fixed', 'special', 'land', 'tool', 'consumable'] as const;
export const assetCategorySchema = z.enum(ASSET_CATEGORIES);

export const IT_KINDS = [
  'desktop',
  'laptop',
  'tablet',
  'printer',
  'scanner',
  'photocopier',
  'projector',
  'interactive_display',
  'tv',
  'network',
  'other',
] as const;
export const IT_USES = ['teaching', 'management'] as const;

/** States in which an asset is still on the books. */
export const ACTIVE_STATES = ['in_use', 'idle', 'under_repair', 'pending_disposal'] as const;

export const EVENT_TYPES = [
  'recognise', // ghi tăng
  'edit', // correction of descriptive fields / condition
  'move', // room or custodian
  'repair',
  'cost_change', // TT 141 art. 9
  'wear', // yearly hao mòn
  'wear_reversal', // a rerun reverses the previous run's wear event
  'stocktake_result',
  'disposal_request',
  'disposal_decision',
  'disposal_execution',
  'write_off',
  'declaration', // change declaration filed (NĐ 186 art. 21(4), 29(4))
  'attachment',
] as const;
export const eventTypeSchema = z.enum(EVENT_TYPES);
export type AssetEventType = z.infer<typeof eventTypeSchema>;

export const DISPOSAL_METHODS = ['transfer', 'sale', 'scrap', 'destroy', 'loss'] as const;
export const disposalMethodSchema = z.enum(DISPOSAL_METHODS);

export const COST_CHANGE_REASONS = [
  'upgrade',
  'component_added',
  'component_removed',
  'partial_loss',
  'revaluation',
  'correction',
] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Ngày phải có dạng yyyy-mm-dd' });
const vnd = z.number().int({ message: 'Số tiền phải là số nguyên VNĐ' }).nonnegative({ message: 'Số tiền không được âm' });
const year = z.number().int().min(1900).max(2100);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

// ───────────────────────────── files ─────────────────────────────

/**
 * Where a file comes from: a handle granted by a native open dialog (Electron main), or the
 * bytes themselves (drag and drop, browser; ≤ 40 MB of base64).
 */
export const fileSourceSchema = z.union([
  z.object({ fileHandle: z.string().min(1).max(200) }).strict(),
  z.object({ contentBase64: z.string().max(56_000_000), fileName: z.string().min(1).max(255) }).strict(),
]);
export type FileSource = z.infer<typeof fileSourceSchema>;

/** A generated file: written to the granted save-dialog path, or returned inline when no handle is given. */
export const fileTargetSchema = z.object({ fileHandle: z.string().min(1).max(200).optional() });
export const fileResultSchema = z.object({
  fileName: z.string(),
  bytes: z.number().int(),
  mimeType: z.string(),
  /** Present when no fileHandle was given. */
  contentBase64: z.string().optional(),
});
export type FileResult = z.infer<typeof fileResultSchema>;

export const docFormatSchema = z.enum(['xlsx', 'docx']);

// ───────────────────────────── places ─────────────────────────────

export const buildingInputSchema = z.object({
  siteId: idSchema.optional(),
  code: text(40, 'Mã công trình').default(''),
  name: requiredText(200, 'Tên công trình'),
  grade: buildingGradeSchema.nullable().default(null),
  constructionType: constructionTypeSchema,
  floors: z.number().int().min(0).max(100).nullable().default(null),
  floorAreaM2: z.number().nonnegative().nullable().default(null),
  yearInUse: year.nullable().default(null),
  costVnd: vnd.nullable().default(null),
  fundingSource: fundingSourceSchema.nullable().default(null),
  note: text(1000, 'Ghi chú').default(''),
});
export const buildingSchema = z.object({
  id: idSchema,
  siteId: idSchema,
  code: z.string(),
  name: z.string(),
  grade: buildingGradeSchema.nullable(),
  constructionType: constructionTypeSchema,
  floors: z.number().nullable(),
  floorAreaM2: z.number().nullable(),
  yearInUse: z.number().nullable(),
  costVnd: z.number().nullable(),
  fundingSource: fundingSourceSchema.nullable(),
  note: z.string(),
  roomCount: z.number().int(),
  rev: z.number().int(),
  updatedAt: z.string(),
});
export type Building = z.infer<typeof buildingSchema>;

export const roomInputSchema = z.object({
  siteId: idSchema.optional(),
  buildingId: idSchema.nullable().default(null),
  code: requiredText(40, 'Mã phòng'),
  name: requiredText(200, 'Tên phòng'),
  floor: z.number().int().min(-5).max(100).nullable().default(null),
  /** Functional block code (room-types.json `blocks`). */
  block: text(60, 'Khối chức năng').default(''),
  /** Room type code (room-types.json `roomTypes`), e.g. "bm_tin_hoc". */
  roomType: text(60, 'Loại phòng').default('phong_khac'),
  areaM2: z.number().nonnegative().nullable().default(null),
  seats: z.number().int().nonnegative().nullable().default(null),
  /** Overrides the building's construction type (a room outside any building). */
  constructionType: constructionTypeSchema.nullable().default(null),
  meetsTt14: z.boolean().nullable().default(null),
  personInCharge: text(120, 'Người phụ trách').default(''),
  internet: z.boolean().default(false),
  status: roomStatusSchema.default('in_use'),
  inUseFromYear: year.nullable().default(null),
  inUseToYear: year.nullable().default(null),
  note: text(1000, 'Ghi chú').default(''),
});
export const roomSchema = z.object({
  id: idSchema,
  siteId: idSchema,
  buildingId: idSchema.nullable(),
  buildingName: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  floor: z.number().nullable(),
  block: z.string(),
  roomType: z.string(),
  areaM2: z.number().nullable(),
  seats: z.number().nullable(),
  constructionType: constructionTypeSchema.nullable(),
  /** The room's own construction type, else its building's. */
  effectiveConstructionType: constructionTypeSchema.nullable(),
  meetsTt14: z.boolean().nullable(),
  personInCharge: z.string(),
  internet: z.boolean(),
  status: roomStatusSchema,
  inUseFromYear: z.number().nullable(),
  inUseToYear: z.number().nullable(),
  note: z.string(),
  assetCount: z.number().int(),
  /** Desktops, laptops and tablets in the room (sum of quantities). */
  pcCount: z.number().int(),
  rev: z.number().int(),
  updatedAt: z.string(),
});
export type Room = z.infer<typeof roomSchema>;

export const normsReportInputSchema = z.object({
  level: schoolLevelSchema,
  classes: z.number().int().nonnegative(),
  students: z.number().int().nonnegative(),
  tier: z.enum(['toi_thieu', 'muc_1', 'muc_2']).default('toi_thieu'),
});
const ruleSourceOut = z.object({ document: z.string(), article: z.string(), grade: z.string(), note: z.string().optional() });
export const normsReportSchema = z.object({
  level: schoolLevelSchema,
  tier: z.string(),
  classes: z.number(),
  students: z.number(),
  rows: z.array(
    z.object({
      normId: z.string(),
      block: z.string(),
      blockLabel: z.string(),
      roomType: z.string(),
      roomTypeLabel: z.string(),
      required: z.number().nullable(),
      actual: z.number(),
      gap: z.number().nullable(),
      requiredAreaM2: z.number().nullable(),
      roomsBelowArea: z.number(),
      roomsWithoutArea: z.number(),
      source: ruleSourceOut,
      verified: z.boolean(),
      incomplete: z.boolean(),
      note: z.string().optional(),
    }),
  ),
  /** Whole areas the catalog does not cover for this level (from the catalog's `gaps`). */
  catalogGaps: z.array(z.object({ block: z.string().nullable(), note: z.string() })),
  /** Rooms whose type the catalog does not know, or that has no norm at this level. */
  roomsWithoutNorm: z.array(z.object({ roomType: z.string(), count: z.number() })),
  totals: z.object({ required: z.number(), actual: z.number(), gap: z.number(), incompleteNorms: z.number() }),
});
export type NormsReport = z.infer<typeof normsReportSchema>;

// ───────────────────────────── register ─────────────────────────────

export const costPartsSchema = z.object({
  invoiceVnd: vnd.default(0),
  discountVnd: vnd.default(0),
  transportInstallVnd: vnd.default(0),
  taxesFeesVnd: vnd.default(0),
  otherVnd: vnd.default(0),
});
export type CostParts = z.infer<typeof costPartsSchema>;

export const itDetailsSchema = z.object({
  kind: z.enum(IT_KINDS).nullable().default(null),
  cpu: text(120, 'CPU').default(''),
  ram: text(60, 'RAM').default(''),
  storage: text(60, 'Ổ cứng').default(''),
  os: text(60, 'Hệ điều hành').default(''),
  mac: text(60, 'Địa chỉ MAC/IP').default(''),
  internet: z.boolean().nullable().default(null),
  use: z.enum(IT_USES).nullable().default(null),
});
export type ItDetails = z.infer<typeof itDetailsSchema>;

export const attachmentSchema = z.object({ sha256, fileName: z.string(), mimeType: z.string(), sizeBytes: z.number().int() });

const conditionCountsSchema = z.partialRecord(conditionSchema, z.number().int().nonnegative());

/** Descriptive fields: free to edit (an `edit` event records before/after). */
export const assetDescriptiveSchema = z.object({
  name: requiredText(300, 'Tên tài sản'),
  model: text(120, 'Model').default(''),
  brand: text(120, 'Hãng sản xuất').default(''),
  serial: text(120, 'Số serial').default(''),
  originCountry: text(80, 'Nước sản xuất').default(''),
  yearMade: year.nullable().default(null),
  unit: text(30, 'Đơn vị tính').default('cái'),
  assetClass: z.string().min(1).max(40).default('tangible.5'),
  wearGroupKey: z.string().max(20).nullable().default(null),
  usefulLifeYears: z.number().int().min(1).max(100).nullable().default(null),
  wearRatePercent: z.number().positive().max(100).nullable().default(null),
  fundingSource: fundingSourceSchema.nullable().default(null),
  acquiredVia: originSchema.default('mua_sam'),
  documentNo: text(100, 'Số chứng từ').default(''),
  documentDate: isoDate.nullable().default(null),
  handoverDate: isoDate.nullable().default(null),
  putInUseDate: isoDate.nullable().default(null),
  bookedDate: isoDate.nullable().default(null),
  condition: conditionSchema.default('dang_hoat_dong'),
  /** Per-unit condition of a set: counts per condition, summing to the quantity. */
  conditionCounts: conditionCountsSchema.nullable().default(null),
  warrantyUntil: isoDate.nullable().default(null),
  it: itDetailsSchema.nullable().default(null),
  /** Code of a minimum-equipment list item (equipment-min-lists.json). */
  equipmentItemCode: text(40, 'Mã thiết bị theo danh mục').default(''),
  specs: text(2000, 'Thông số kỹ thuật').default(''),
  notes: text(2000, 'Ghi chú').default(''),
});

export const assetCreateSchema = assetDescriptiveSchema.extend({
  /** Empty = the next free "TS000001"-style code. */
  code: text(64, 'Mã tài sản').default(''),
  tracking: trackingSchema.optional(),
  quantity: z.number().int().min(1).default(1),
  costVnd: vnd.default(0),
  costParts: costPartsSchema.nullable().default(null),
  /** Wear already accumulated when the asset comes from an older register. */
  accumulatedWearVnd: vnd.default(0),
  /** Last year whose wear is included in accumulatedWearVnd (old registers). */
  lastWearYear: year.nullable().default(null),
  roomId: idSchema.nullable().default(null),
  custodian: text(120, 'Người quản lý, sử dụng').default(''),
  lifecycleState: lifecycleStateSchema.default('in_use'),
});
export type AssetCreateInput = z.input<typeof assetCreateSchema>;

export const assetSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  model: z.string(),
  brand: z.string(),
  serial: z.string(),
  originCountry: z.string(),
  yearMade: z.number().nullable(),
  unit: z.string(),
  tracking: trackingSchema,
  quantity: z.number().int(),
  assetClass: z.string(),
  category: assetCategorySchema,
  categoryReason: z.string(),
  wearGroupKey: z.string().nullable(),
  usefulLifeYears: z.number().nullable(),
  wearRatePercent: z.number().nullable(),
  costVnd: z.number().int(),
  costParts: costPartsSchema.nullable(),
  accumulatedWearVnd: z.number().int(),
  remainingVnd: z.number().int(),
  lastWearYear: z.number().nullable(),
  fundingSource: fundingSourceSchema.nullable(),
  acquiredVia: originSchema,
  documentNo: z.string(),
  documentDate: z.string().nullable(),
  handoverDate: z.string().nullable(),
  putInUseDate: z.string().nullable(),
  bookedDate: z.string().nullable(),
  siteId: idSchema.nullable(),
  roomId: idSchema.nullable(),
  roomCode: z.string().nullable(),
  roomName: z.string().nullable(),
  custodian: z.string(),
  condition: conditionSchema,
  conditionCounts: conditionCountsSchema.nullable(),
  lifecycleState: lifecycleStateSchema,
  disposalCandidate: z.boolean(),
  warrantyUntil: z.string().nullable(),
  it: itDetailsSchema.nullable(),
  equipmentItemCode: z.string(),
  specs: z.string(),
  notes: z.string(),
  attachments: z.array(attachmentSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  rev: z.number().int(),
});
export type Asset = z.infer<typeof assetSchema>;

export const ASSET_SORTS = ['code', 'name', 'costVnd', 'putInUseDate', 'updatedAt'] as const;
export const assetListInputSchema = z.object({
  /** Free text: folded (no diacritics), matched with an FTS5 trigram index (≥ 3 characters) or LIKE. */
  q: z.string().max(200).optional(),
  siteId: idSchema.optional(),
  roomId: idSchema.nullable().optional(),
  assetClass: z.string().max(40).optional(),
  category: assetCategorySchema.optional(),
  condition: conditionSchema.optional(),
  lifecycleState: lifecycleStateSchema.optional(),
  fundingSource: fundingSourceSchema.optional(),
  tracking: trackingSchema.optional(),
  itUse: z.enum(IT_USES).optional(),
  disposalCandidate: z.boolean().optional(),
  /** Default false: assets transferred out, liquidated, destroyed or lost are left out. */
  includeRemoved: z.boolean().default(false),
  sort: z.enum(ASSET_SORTS).default('code'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(1000).default(50),
});
export type AssetListInput = z.input<typeof assetListInputSchema>;
export const assetListOutputSchema = z.object({
  items: z.array(assetSchema),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
});

export const assetEventSchema = z.object({
  id: idSchema,
  assetId: idSchema,
  type: eventTypeSchema,
  date: z.string(),
  documentNo: z.string(),
  documentDate: z.string().nullable(),
  attachmentSha256: z.string().nullable(),
  /** Wear run or stocktake the event belongs to. */
  refId: z.string().nullable(),
  /** `before`/`after` (changed fields), plus type-specific data (amounts, method, decision…). */
  payload: z.record(z.string(), z.unknown()),
  note: z.string(),
  actor: z.string().nullable(),
  createdAt: z.string(),
});
export type AssetEvent = z.infer<typeof assetEventSchema>;

/** The state fields the ledger tracks (what `assets.stateAt` rebuilds). */
export const assetStateSchema = z.object({
  exists: z.boolean(),
  code: z.string().nullable(),
  name: z.string().nullable(),
  roomId: z.string().nullable(),
  custodian: z.string().nullable(),
  quantity: z.number().nullable(),
  costVnd: z.number().nullable(),
  accumulatedWearVnd: z.number().nullable(),
  remainingVnd: z.number().nullable(),
  condition: z.string().nullable(),
  lifecycleState: z.string().nullable(),
  /** Every tracked field as of the date (superset of the above). */
  fields: z.record(z.string(), z.unknown()),
  /** Events applied (dated on or before the date). */
  eventCount: z.number().int(),
  lastEventId: z.string().nullable(),
});

const eventDocSchema = z.object({
  date: isoDate.optional(),
  documentNo: text(100, 'Số chứng từ').default(''),
  documentDate: isoDate.nullable().default(null),
  note: text(2000, 'Ghi chú').default(''),
});

export const moveInputSchema = eventDocSchema.extend({
  ids: z.array(idSchema).min(1).max(5000),
  roomId: idSchema.nullable(),
  custodian: text(120, 'Người quản lý, sử dụng').optional(),
});
export const repairInputSchema = eventDocSchema.extend({
  id: idSchema,
  costVnd: vnd,
  description: requiredText(1000, 'Nội dung sửa chữa'),
  /** Condition after the repair, and whether it is still under repair. */
  condition: conditionSchema.optional(),
  underRepair: z.boolean().default(false),
});
export const costChangeInputSchema = eventDocSchema.extend({
  id: idSchema,
  reason: z.enum(COST_CHANGE_REASONS),
  newCostVnd: vnd,
  usefulLifeYears: z.number().int().min(1).max(100).nullable().optional(),
});

export const liquidationCheckSchema = z.object({
  allowed: z.boolean(),
  reasons: z.array(z.object({ code: z.string(), message: z.string(), article: z.string() })),
  lifeEndDate: z.string().nullable(),
  repairThresholdVnd: z.number().nullable(),
  notes: z.array(z.string()),
});
export const authoritySchema = z.object({
  decider: z.enum(['school', 'superior']),
  label: z.string(),
  reason: z.string(),
  article: z.string(),
  verified: z.boolean(),
});
export const disposalCheckSchema = z.object({
  liquidation: liquidationCheckSchema,
  authority: authoritySchema,
  saleMethod: z.object({ method: z.string(), label: z.string(), article: z.string() }).nullable(),
  /** Repairs booked in the ledger (sum of repair events). */
  repairsBookedVnd: z.number().int(),
});

export const disposalRequestInputSchema = eventDocSchema.extend({
  id: idSchema,
  method: disposalMethodSchema,
  reason: requiredText(1000, 'Lý do'),
  repairEstimateVnd: vnd.nullable().default(null),
  revaluedVnd: vnd.nullable().default(null),
});
export const disposalDecisionInputSchema = eventDocSchema.extend({
  id: idSchema,
  approved: z.boolean(),
  decidedBy: text(200, 'Người/cơ quan quyết định').default(''),
});
export const disposalExecutionInputSchema = eventDocSchema.extend({
  id: idSchema,
  method: disposalMethodSchema,
  proceedsVnd: vnd.nullable().default(null),
  recipient: text(300, 'Đơn vị nhận / người mua').default(''),
});
export const writeOffInputSchema = eventDocSchema.extend({
  id: idSchema,
  /** Units written off (a set); default the whole asset. */
  quantity: z.number().int().min(1).optional(),
  reason: requiredText(1000, 'Lý do'),
});

export const taskSchema = z.object({
  kind: z.enum(['declaration', 'liquidation_decision', 'transfer_decision', 'liquidation_execution', 'transfer_handover']),
  label: z.string(),
  assetId: idSchema,
  code: z.string(),
  name: z.string(),
  eventId: idSchema,
  eventDate: z.string(),
  dueDate: z.string(),
  daysLeft: z.number().int(),
  overdue: z.boolean(),
  article: z.string(),
});
export type AssetTask = z.infer<typeof taskSchema>;

export const assetSettingsSchema = z.object({
  /** Wear amounts rounded to the đồng or to the thousand. */
  roundingUnit: z.enum(['vnd', 'thousand']),
  /** id of a `province-override` catalog in resources/catalogs (TT 141 art. 13(1a)); null = central rates. */
  provinceOverrideId: z.string().nullable(),
  /** A unit that self-funds recurrent and investment spending decides every disposal (NĐ 186 art. 59). */
  selfFunded: z.boolean(),
  /** The ministry/province delegated disposal decisions to the school. */
  disposalDelegated: z.boolean(),
  rev: z.number().int(),
});
export type AssetSettings = z.infer<typeof assetSettingsSchema>;

// ───────────────────────────── wear ─────────────────────────────

export const wearRunSchema = z.object({
  id: idSchema,
  year: z.number().int(),
  status: z.enum(['done', 'reversed']),
  assetCount: z.number().int(),
  totalVnd: z.number().int(),
  runAt: z.string(),
  actor: z.string().nullable(),
  reversedAt: z.string().nullable(),
});
export const wearRunResultSchema = z.object({
  run: wearRunSchema,
  reversedRunId: z.string().nullable(),
  skipped: z.array(z.object({ assetId: idSchema, code: z.string(), reason: z.string() })),
  warnings: z.array(z.object({ assetId: idSchema, code: z.string(), message: z.string() })),
});
export const wearReportRowSchema = z.object({
  assetClass: z.string(),
  assetClassLabel: z.string(),
  fundingSource: z.string().nullable(),
  assets: z.number().int(),
  costVnd: z.number().int(),
  annualVnd: z.number().int(),
  accumulatedVnd: z.number().int(),
  remainingVnd: z.number().int(),
});
export const wearReportSchema = z.object({
  year: z.number().int(),
  run: wearRunSchema.nullable(),
  rows: z.array(wearReportRowSchema),
  total: wearReportRowSchema.omit({ assetClass: true, assetClassLabel: true, fundingSource: true }),
});

// ───────────────────────────── stocktake ─────────────────────────────

export const boardMemberSchema = z.object({
  name: requiredText(120, 'Họ tên'),
  title: text(120, 'Chức vụ').default(''),
  representing: text(200, 'Đại diện').default(''),
  role: z.enum(['chair', 'member', 'secretary']).default('member'),
});
export const stocktakeCreateSchema = z.object({
  name: requiredText(200, 'Tên đợt kiểm kê'),
  decisionNo: text(100, 'Số quyết định').default(''),
  decisionDate: isoDate.nullable().default(null),
  members: z.array(boardMemberSchema).max(30).default([]),
  /** Rooms in scope; empty = every room (and assets without a room). */
  roomIds: z.array(idSchema).max(2000).default([]),
  /** Default: now. The book snapshot is frozen when the session is created. */
  cutoffAt: z.string().optional(),
});
export const STOCKTAKE_STATUSES = ['counting', 'closed'] as const;
export const stocktakeSchema = z.object({
  id: idSchema,
  name: z.string(),
  decisionNo: z.string(),
  decisionDate: z.string().nullable(),
  members: z.array(boardMemberSchema),
  roomIds: z.array(idSchema),
  cutoffAt: z.string(),
  status: z.enum(STOCKTAKE_STATUSES),
  principalDecision: z.string(),
  closedAt: z.string().nullable(),
  book: z.object({
    items: z.number().int(),
    quantity: z.number().int(),
    costVnd: z.number().int(),
    remainingVnd: z.number().int(),
  }),
  lineCount: z.number().int(),
  rev: z.number().int(),
  createdAt: z.string(),
});
export type Stocktake = z.infer<typeof stocktakeSchema>;

export const stocktakeLineSchema = z.object({
  id: idSchema,
  stocktakeId: idSchema,
  code: z.string(),
  assetId: idSchema.nullable(),
  roomId: idSchema.nullable(),
  foundQuantity: z.number().int(),
  condition: conditionSchema.nullable(),
  location: z.string(),
  note: z.string(),
  counter: z.string(),
  method: z.enum(['scan', 'manual', 'import']),
  countedAt: z.string(),
  device: z.string(),
});
export type StocktakeLine = z.infer<typeof stocktakeLineSchema>;

export const scanInputSchema = z.object({
  id: idSchema,
  code: requiredText(64, 'Mã tài sản'),
  roomId: idSchema.nullable().optional(),
  counter: text(120, 'Người kiểm đếm').default(''),
  quantity: z.number().int().min(1).default(1),
  condition: conditionSchema.nullable().default(null),
  note: text(1000, 'Ghi chú').default(''),
});
export const SCAN_STATUSES = ['found', 'misplaced', 'unknown', 'duplicate', 'surplus'] as const;
export const scanResultSchema = z.object({
  status: z.enum(SCAN_STATUSES),
  message: z.string(),
  asset: z
    .object({ id: idSchema, code: z.string(), name: z.string(), quantity: z.number().int(), roomId: idSchema.nullable() })
    .optional(),
  expectedRoom: z.object({ id: idSchema, code: z.string(), name: z.string() }).nullable().optional(),
  /** The line recorded (absent for a repeated scan of the same item in the same room). */
  line: stocktakeLineSchema.optional(),
});
export const countLineInputSchema = z.object({
  /** Client-made id (UUID) makes the call idempotent. */
  lineId: idSchema.optional(),
  code: text(64, 'Mã tài sản').default(''),
  assetId: idSchema.nullable().default(null),
  roomId: idSchema.nullable().default(null),
  foundQuantity: z.number().int().nonnegative(),
  condition: conditionSchema.nullable().default(null),
  location: text(300, 'Vị trí').default(''),
  note: text(1000, 'Ghi chú').default(''),
  counter: text(120, 'Người kiểm đếm').default(''),
});
export const progressSchema = z.object({
  rooms: z.array(
    z.object({
      roomId: idSchema.nullable(),
      roomCode: z.string().nullable(),
      roomName: z.string().nullable(),
      expectedItems: z.number().int(),
      expectedQuantity: z.number().int(),
      countedItems: z.number().int(),
      countedQuantity: z.number().int(),
      lines: z.number().int(),
      counters: z.array(z.string()),
      percent: z.number(),
    }),
  ),
  total: z.object({
    expectedItems: z.number().int(),
    countedItems: z.number().int(),
    lines: z.number().int(),
    percent: z.number(),
  }),
});

const amounts = z.object({ quantity: z.number(), costVnd: z.number(), remainingVnd: z.number() });
const totalsSchema = z.object({
  items: z.number(),
  itemsFound: z.number(),
  itemsMissing: z.number(),
  book: amounts,
  actual: amounts,
  difference: amounts,
  missing: amounts,
  surplus: amounts,
  misplacedQuantity: z.number(),
  brokenQuantity: z.number(),
});
export const FOLLOW_UP_KINDS = ['recognise', 'investigate', 'move', 'disposalCandidate'] as const;
export const followUpSchema = z.object({
  id: idSchema,
  kind: z.enum(FOLLOW_UP_KINDS),
  assetId: idSchema.nullable(),
  code: z.string().nullable(),
  name: z.string().nullable(),
  quantity: z.number().int(),
  fromRoomId: idSchema.nullable(),
  toRoomId: idSchema.nullable(),
  reason: z.string(),
  article: z.string(),
  decision: z.enum(['pending', 'accepted', 'rejected']),
  /** For an accepted 'investigate' of a shortage: write it off, or only record it. */
  action: z.enum(['write_off', 'record']).nullable(),
  /** For an accepted 'recognise' of an unknown code: what to book. */
  details: z.record(z.string(), z.unknown()).nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const reconciledItemSchema = z.object({
  assetId: z.string(),
  code: z.string(),
  name: z.string(),
  group: z.string(),
  bookRoomId: z.string().nullable(),
  book: amounts,
  actual: amounts,
  difference: amounts,
  status: z.string(),
  flags: z.array(z.string()),
  rooms: z.array(z.object({ roomId: z.string().nullable(), quantity: z.number(), brokenQuantity: z.number() })),
});
export const reconcileOutputSchema = z.object({
  total: totalsSchema,
  byGroup: z.array(z.object({ group: z.string(), label: z.string(), totals: totalsSchema })),
  /** Items whose status is not plain 'found' (paged by offset/limit). */
  items: z.array(reconciledItemSchema),
  itemsTotal: z.number().int(),
  unknown: z.array(
    z.object({ code: z.string().nullable(), roomId: z.string().nullable(), quantity: z.number(), counters: z.array(z.string()) }),
  ),
  followUps: z.array(followUpSchema),
  warnings: z.array(z.string()),
});

export const decideInputSchema = z.object({
  id: idSchema,
  followUpId: idSchema,
  decision: z.enum(['pending', 'accepted', 'rejected']),
  action: z.enum(['write_off', 'record']).optional(),
  details: z
    .object({
      name: text(300, 'Tên tài sản').optional(),
      assetClass: z.string().max(40).optional(),
      costVnd: vnd.optional(),
      unit: text(30, 'Đơn vị tính').optional(),
      fundingSource: fundingSourceSchema.optional(),
    })
    .optional(),
});
export const closeResultSchema = z.object({
  stocktake: stocktakeSchema,
  applied: z.object({
    recognised: z.number().int(),
    moved: z.number().int(),
    writtenOff: z.number().int(),
    recorded: z.number().int(),
    disposalCandidates: z.number().int(),
    rejected: z.number().int(),
  }),
  events: z.number().int(),
});

/** Count file exchanged between PCs (stocktake.exportCounts / importCounts). */
export const countFileSchema = z.object({
  format: z.literal('truong-chuan/stocktake-counts'),
  version: z.literal(1),
  stocktakeId: z.string(),
  stocktakeName: z.string(),
  exportedAt: z.string(),
  device: z.string(),
  lines: z.array(
    z.object({
      id: idSchema,
      code: z.string(),
      assetId: z.string().nullable(),
      roomId: z.string().nullable(),
      roomCode: z.string().nullable(),
      foundQuantity: z.number().int().nonnegative(),
      condition: conditionSchema.nullable(),
      location: z.string(),
      note: z.string(),
      counter: z.string(),
      method: z.enum(['scan', 'manual', 'import']),
      countedAt: z.string(),
      device: z.string(),
      /** SHA-256 of the line's canonical JSON (every field above but `hash`). */
      hash: sha256,
    }),
  ),
  /** SHA-256 of the lines' hashes joined by "\n". */
  hash: sha256,
});
export type CountFile = z.infer<typeof countFileSchema>;

// ───────────────────────────── import ─────────────────────────────

export const importIssueSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export const importMappingSchema = z.record(z.string(), z.number().int().nonnegative());

export const importPreviewSchema = z.object({
  sheetName: z.string(),
  /** Rows (1-based, as Excel shows them) that hold the header. */
  headerRows: z.array(z.number().int()),
  headers: z.array(
    z.object({ index: z.number(), letter: z.string(), header: z.string(), field: z.string().nullable(), score: z.number() }),
  ),
  mapping: importMappingSchema,
  /** The mapping came from a saved one for the same header signature. */
  savedMapping: z.boolean(),
  signature: z.string(),
  missingRequired: z.array(z.string()),
  confidence: z.number(),
  dataRows: z.number().int(),
  sample: z.array(z.record(z.string(), z.unknown())),
  fields: z.array(z.object({ field: z.string(), label: z.string() })),
});
export const importInputSchema = z.object({
  source: fileSourceSchema,
  /** field → 0-based column index; default: the saved or detected mapping. */
  mapping: importMappingSchema.optional(),
  /** Row (as Excel numbers it) where the data starts; default: right under the detected header. */
  firstDataRow: z.number().int().min(1).optional(),
  dryRun: z.boolean().default(false),
  /** Rows whose code already exists update that asset instead of failing. */
  updateExisting: z.boolean().default(false),
  /** Remember the mapping for files with the same headers. */
  saveMapping: z.boolean().default(true),
});
export const importResultSchema = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  written: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(importIssueSchema),
  warnings: z.array(importIssueSchema),
  /** Room texts that matched no room: created as new rooms (dry run: would be). */
  newRooms: z.array(z.string()),
  dryRun: z.boolean(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const EXPORT_LISTS = ['assets', 'rooms', 'buildings', 'events', 'stocktakeLines'] as const;
export const exportInputSchema = fileTargetSchema.extend({
  list: z.enum(EXPORT_LISTS).default('assets'),
  /** For list 'assets': the same filters as assets.list (no paging). */
  filter: assetListInputSchema.omit({ sort: true, dir: true, offset: true, limit: true }).partial().optional(),
  /** For list 'stocktakeLines'. */
  stocktakeId: idSchema.optional(),
});

export const labelsInputSchema = fileTargetSchema.extend({
  ids: z.array(idSchema).max(10000).optional(),
  filter: assetListInputSchema.omit({ sort: true, dir: true, offset: true, limit: true }).partial().optional(),
  layout: z.enum(['3x8', '4x10']).default('3x8'),
  symbology: z.enum(['qr', 'code128']).default('qr'),
});

// ───────────────────────────── summaries ─────────────────────────────

const countRow = z.object({
  key: z.string().nullable(),
  label: z.string(),
  assets: z.number().int(),
  quantity: z.number().int(),
  costVnd: z.number().int(),
  remainingVnd: z.number().int(),
});
export const summaryInputSchema = z.object({
  year: year,
  /** Number of students (for computers per student). */
  students: z.number().int().nonnegative().optional(),
});
export const summarySchema = z.object({
  year: z.number().int(),
  byClass: z.array(countRow),
  byCondition: z.array(countRow),
  byFunding: z.array(countRow),
  byRoom: z.array(countRow),
  additions: z.object({ assets: z.number().int(), quantity: z.number().int(), costVnd: z.number().int() }),
  removals: z.object({ assets: z.number().int(), quantity: z.number().int(), costVnd: z.number().int() }),
  computers: z.object({
    teaching: z.number().int(),
    management: z.number().int(),
    students: z.number().int().nullable(),
    /** Teaching computers per student (null without a student count). */
    perStudent: z.number().nullable(),
    studentsPerComputer: z.number().nullable(),
  }),
  digitalRecords: z.object({
    assetsComplete: z.number().int(),
    assets: z.number().int(),
    assetsPercent: z.number(),
    roomsComplete: z.number().int(),
    rooms: z.number().int(),
    roomsPercent: z.number(),
    targetPercent: z.number(),
    meetsTarget: z.boolean(),
    definition: z.string(),
  }),
  disposalCandidates: z.number().int(),
});
export type Summary = z.infer<typeof summarySchema>;

export const roomsByConstructionSchema = z.object({
  year: z.number().int(),
  rows: z.array(
    z.object({
      block: z.string(),
      blockLabel: z.string(),
      roomType: z.string(),
      roomTypeLabel: z.string(),
      kien_co: z.object({ rooms: z.number().int(), areaM2: z.number() }),
      ban_kien_co: z.object({ rooms: z.number().int(), areaM2: z.number() }),
      tam: z.object({ rooms: z.number().int(), areaM2: z.number() }),
      unknown: z.object({ rooms: z.number().int(), areaM2: z.number() }),
      total: z.object({ rooms: z.number().int(), areaM2: z.number() }),
    }),
  ),
  total: z.object({
    kien_co: z.object({ rooms: z.number().int(), areaM2: z.number() }),
    ban_kien_co: z.object({ rooms: z.number().int(), areaM2: z.number() }),
    tam: z.object({ rooms: z.number().int(), areaM2: z.number() }),
    unknown: z.object({ rooms: z.number().int(), areaM2: z.number() }),
    total: z.object({ rooms: z.number().int(), areaM2: z.number() }),
  }),
});

export const equipmentReportSchema = z.object({
  listId: z.string(),
  title: z.string(),
  incomplete: z.boolean(),
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      grade: z.string().nullable(),
      subject: z.string().nullable(),
      required: z.number().int(),
      actual: z.number().int(),
      working: z.number().int(),
      gap: z.number().int(),
    }),
  ),
  /** Assets linked to a code the list does not have. */
  unknownCodes: z.array(z.object({ code: z.string(), assets: z.number().int() })),
});

export const catalogsSchema = z.object({
  classes: z.array(z.object({ code: z.string(), category: z.string(), label: z.string(), wearExempt: z.boolean() })),
  conditions: z.array(z.object({ code: z.string(), label: z.string(), variant: z.string(), broken: z.boolean() })),
  lifecycleStates: z.array(z.object({ code: z.string(), label: z.string() })),
  origins: z.array(z.object({ code: z.string(), label: z.string() })),
  fundingSources: z.array(z.object({ code: z.string(), label: z.string() })),
  blocks: z.array(z.object({ code: z.string(), label: z.string(), levels: z.array(z.string()) })),
  roomTypes: z.array(
    z.object({ code: z.string(), label: z.string(), block: z.string(), levels: z.array(z.string()), subjectRoom: z.boolean() }),
  ),
  wearGroups: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      usefulLifeYears: z.number().nullable(),
      ratePercent: z.number().nullable(),
      verified: z.boolean(),
    }),
  ),
  equipmentLists: z.array(
    z.object({ id: z.string(), title: z.string(), level: z.string(), items: z.number().int(), incomplete: z.boolean() }),
  ),
  provinceOverrides: z.array(z.object({ id: z.string(), province: z.string() })),
});
