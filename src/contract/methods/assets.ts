import { z } from 'zod';
import { method, type MethodSpec } from '../rpc';
import { idSchema } from '../schemas/common';
import {
  ASSET_EDITORS,
  assetCreateSchema,
  assetDescriptiveSchema,
  assetEventSchema,
  assetListInputSchema,
  assetListOutputSchema,
  assetSchema,
  assetSettingsSchema,
  assetStateSchema,
  buildingInputSchema,
  buildingSchema,
  catalogsSchema,
  closeResultSchema,
  costChangeInputSchema,
  countFileSchema,
  countLineInputSchema,
  decideInputSchema,
  disposalCheckSchema,
  disposalDecisionInputSchema,
  disposalExecutionInputSchema,
  disposalRequestInputSchema,
  docFormatSchema,
  equipmentReportSchema,
  exportInputSchema,
  fileResultSchema,
  fileSourceSchema,
  fileTargetSchema,
  followUpSchema,
  importInputSchema,
  importPreviewSchema,
  importResultSchema,
  labelsInputSchema,
  moveInputSchema,
  normsReportInputSchema,
  normsReportSchema,
  progressSchema,
  reconcileOutputSchema,
  repairInputSchema,
  roomInputSchema,
  roomSchema,
  roomsByConstructionSchema,
  scanInputSchema,
  scanResultSchema,
  stocktakeCreateSchema,
  stocktakeLineSchema,
  stocktakeSchema,
  summaryInputSchema,
  summarySchema,
  taskSchema,
  wearReportSchema,
  wearRunResultSchema,
  wearRunSchema,
  writeOffInputSchema,
  boardMemberSchema,
} from '../schemas/assets';
import { text } from '../schemas/common';

const ok = z.object({ ok: z.literal(true) });
const editors = ASSET_EDITORS;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Ngày phải có dạng yyyy-mm-dd' });

/**
 * Facilities and equipment (issue 6): places, the asset register and its append-only ledger,
 * NĐ 186 disposal checks and tasks, yearly wear (TT 141), stocktakes with reconciliation,
 * Excel import/export, Word/Excel documents (sổ/thẻ TSCĐ, biên bản kiểm kê, QR labels), summaries.
 *
 * Files: inputs come as `{ fileHandle }` (granted by a native dialog in Electron main) or as
 * base64; outputs go to a granted save path (`fileHandle`) or come back inline as base64.
 */
export const assetsMethods = {
  'assets.catalogs': method({ input: z.object({}).strict(), output: catalogsSchema, access: 'user', write: false }),
  'assets.settings.get': method({ input: z.object({}).strict(), output: assetSettingsSchema, access: 'user', write: false }),
  'assets.settings.update': method({
    input: assetSettingsSchema.omit({ rev: true }).partial().extend({ expectedRev: z.number().int().nonnegative().optional() }),
    output: assetSettingsSchema,
    access: ['admin'],
    write: true,
  }),

  // ── places ──
  'buildings.list': method({
    input: z.object({ siteId: idSchema.optional() }),
    output: z.array(buildingSchema),
    access: 'user',
    write: false,
  }),
  'buildings.add': method({ input: buildingInputSchema, output: buildingSchema, access: editors, write: true }),
  'buildings.update': method({
    input: z.object({ id: idSchema, expectedRev: z.number().int().optional(), building: buildingInputSchema }),
    output: buildingSchema,
    access: editors,
    write: true,
  }),
  /** Refused while live rooms are in the building. */
  'buildings.remove': method({ input: z.object({ id: idSchema }), output: ok, access: editors, write: true }),
  'rooms.list': method({
    input: z.object({ siteId: idSchema.optional(), buildingId: idSchema.optional(), q: z.string().max(200).optional() }),
    output: z.array(roomSchema),
    access: 'user',
    write: false,
  }),
  'rooms.add': method({ input: roomInputSchema, output: roomSchema, access: editors, write: true }),
  'rooms.update': method({
    input: z.object({ id: idSchema, expectedRev: z.number().int().optional(), room: roomInputSchema }),
    output: roomSchema,
    access: editors,
    write: true,
  }),
  /** Refused while live assets are in the room. */
  'rooms.remove': method({ input: z.object({ id: idSchema }), output: ok, access: editors, write: true }),
  /** Required vs actual rooms per the room-norms catalog, with the source of every norm and the catalog's gaps. */
  'rooms.normsReport': method({ input: normsReportInputSchema, output: normsReportSchema, access: 'user', write: false }),

  // ── register ──
  'assets.list': method({ input: assetListInputSchema, output: assetListOutputSchema, access: 'user', write: false }),
  'assets.get': method({
    input: z.union([z.object({ id: idSchema }).strict(), z.object({ code: z.string().trim().min(1).max(64) }).strict()]),
    output: assetSchema,
    access: 'user',
    write: false,
  }),
  /** Books a new asset (ghi tăng): writes its `recognise` event. */
  'assets.create': method({
    input: assetCreateSchema.extend({ date: isoDate.optional(), note: text(2000, 'Ghi chú').default('') }),
    output: assetSchema,
    access: editors,
    write: true,
  }),
  /** Descriptive fields and condition (an `edit` event). Room, cost, quantity and state have their own methods. */
  'assets.update': method({
    input: z.object({
      id: idSchema,
      expectedRev: z.number().int().optional(),
      patch: assetDescriptiveSchema.partial(),
      date: isoDate.optional(),
      note: text(2000, 'Ghi chú').default(''),
    }),
    output: assetSchema,
    access: editors,
    write: true,
  }),
  /** Only for an asset entered by mistake (nothing but its `recognise` event in the ledger). */
  'assets.remove': method({ input: z.object({ id: idSchema }), output: ok, access: editors, write: true }),
  'assets.move': method({ input: moveInputSchema, output: z.object({ moved: z.number().int() }), access: editors, write: true }),
  'assets.repair': method({
    input: repairInputSchema,
    output: z.object({
      asset: assetSchema,
      event: assetEventSchema,
      repairsTotalVnd: z.number().int(),
      exceedsThreshold: z.boolean(),
    }),
    access: editors,
    write: true,
  }),
  'assets.changeCost': method({ input: costChangeInputSchema, output: assetSchema, access: editors, write: true }),
  'assets.attach': method({
    input: z.object({
      id: idSchema,
      source: fileSourceSchema,
      mimeType: z.string().max(100).default('application/octet-stream'),
    }),
    output: assetSchema,
    access: editors,
    write: true,
  }),
  'assets.history': method({
    input: z.object({ id: idSchema }),
    output: z.array(assetEventSchema),
    access: 'user',
    write: false,
  }),
  /** The asset as of the end of `date`, rebuilt from the ledger alone. */
  'assets.stateAt': method({
    input: z.object({ id: idSchema, date: isoDate }),
    output: assetStateSchema,
    access: 'user',
    write: false,
  }),

  // ── disposal (NĐ 186/2025) ──
  'assets.disposal.check': method({
    input: z.object({
      id: idSchema,
      asOf: isoDate.optional(),
      repairEstimateVnd: z.number().int().nonnegative().nullable().optional(),
      revaluedVnd: z.number().int().nonnegative().nullable().optional(),
    }),
    output: disposalCheckSchema,
    access: 'user',
    write: false,
  }),
  /** Liquidation (sale/scrap) is refused unless NĐ 186 art. 29(1) allows it. */
  'assets.disposal.request': method({
    input: disposalRequestInputSchema,
    output: z.object({ asset: assetSchema, check: disposalCheckSchema }),
    access: editors,
    write: true,
  }),
  'assets.disposal.decide': method({ input: disposalDecisionInputSchema, output: assetSchema, access: editors, write: true }),
  'assets.disposal.execute': method({ input: disposalExecutionInputSchema, output: assetSchema, access: editors, write: true }),
  'assets.writeOff': method({ input: writeOffInputSchema, output: assetSchema, access: editors, write: true }),
  /** Open deadlines: decisions, executions and the 30-day change declarations. */
  'assets.tasks': method({
    input: z.object({ asOf: isoDate.optional(), includeDone: z.boolean().default(false) }),
    output: z.array(taskSchema),
    access: 'user',
    write: false,
  }),
  /** Records that the change declaration for an event was filed (closes its task). */
  'assets.markDeclared': method({
    input: z.object({ eventId: idSchema, documentNo: text(100, 'Số văn bản').default(''), date: isoDate.optional() }),
    output: assetEventSchema,
    access: editors,
    write: true,
  }),

  // ── wear (TT 141/2025) ──
  'wear.run': method({
    input: z.object({ year: z.number().int().min(1990).max(2100), rerun: z.boolean().default(false) }),
    output: wearRunResultSchema,
    access: editors,
    write: true,
  }),
  'wear.runs': method({ input: z.object({}).strict(), output: z.array(wearRunSchema), access: 'user', write: false }),
  'wear.report': method({
    input: z.object({ year: z.number().int().min(1990).max(2100) }),
    output: wearReportSchema,
    access: 'user',
    write: false,
  }),
  /** Sổ tài sản cố định (all fixed assets, or those of a year's additions). */
  'assets.register': method({
    input: fileTargetSchema.extend({ format: docFormatSchema, year: z.number().int().min(1990).max(2100) }),
    output: fileResultSchema,
    access: 'user',
    write: false,
  }),
  /** Thẻ tài sản cố định of one asset. */
  'assets.card': method({
    input: fileTargetSchema.extend({ id: idSchema, format: docFormatSchema }),
    output: fileResultSchema,
    access: 'user',
    write: false,
  }),

  // ── stocktake ──
  'stocktake.create': method({ input: stocktakeCreateSchema, output: stocktakeSchema, access: editors, write: true }),
  'stocktake.list': method({ input: z.object({}).strict(), output: z.array(stocktakeSchema), access: 'user', write: false }),
  'stocktake.get': method({ input: z.object({ id: idSchema }), output: stocktakeSchema, access: 'user', write: false }),
  'stocktake.update': method({
    input: z.object({
      id: idSchema,
      expectedRev: z.number().int().optional(),
      name: text(200, 'Tên đợt kiểm kê').optional(),
      decisionNo: text(100, 'Số quyết định').optional(),
      decisionDate: isoDate.nullable().optional(),
      members: z.array(boardMemberSchema).max(30).optional(),
      principalDecision: text(4000, 'Ý kiến giải quyết của thủ trưởng').optional(),
    }),
    output: stocktakeSchema,
    access: editors,
    write: true,
  }),
  'stocktake.scan': method({ input: scanInputSchema, output: scanResultSchema, access: editors, write: true }),
  'stocktake.count': method({
    input: z.object({ id: idSchema, lines: z.array(countLineInputSchema).min(1).max(5000) }),
    output: z.object({ added: z.number().int(), updated: z.number().int(), lines: z.array(stocktakeLineSchema) }),
    access: editors,
    write: true,
  }),
  'stocktake.removeLine': method({
    input: z.object({ id: idSchema, lineId: idSchema }),
    output: ok,
    access: editors,
    write: true,
  }),
  'stocktake.lines': method({
    input: z.object({
      id: idSchema,
      roomId: idSchema.nullable().optional(),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(5000).default(200),
    }),
    output: z.object({ items: z.array(stocktakeLineSchema), total: z.number().int() }),
    access: 'user',
    write: false,
  }),
  'stocktake.progress': method({ input: z.object({ id: idSchema }), output: progressSchema, access: 'user', write: false }),
  /** This PC's count lines as a hashed JSON file for another PC to merge. */
  'stocktake.exportCounts': method({
    input: z.object({ id: idSchema, counter: z.string().max(120).optional() }),
    output: countFileSchema,
    access: 'user',
    write: false,
  }),
  /** Merges another PC's count file; idempotent by line id; lines whose hash does not match are rejected. */
  'stocktake.importCounts': method({
    input: z.object({ id: idSchema, file: countFileSchema }),
    output: z.object({
      added: z.number().int(),
      skipped: z.number().int(),
      rejected: z.array(z.object({ id: z.string(), reason: z.string() })),
    }),
    access: editors,
    write: true,
  }),
  /** Books vs count; stores the proposed follow-ups (keeping decisions already taken). */
  'stocktake.reconcile': method({
    input: z.object({
      id: idSchema,
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
    output: reconcileOutputSchema,
    access: editors,
    write: true,
  }),
  'stocktake.decide': method({ input: decideInputSchema, output: followUpSchema, access: editors, write: true }),
  /** Applies accepted follow-ups as ledger events, all in one transaction; the session becomes read-only. */
  'stocktake.close': method({
    input: z.object({ id: idSchema, principalDecision: text(4000, 'Ý kiến giải quyết của thủ trưởng').optional() }),
    output: closeResultSchema,
    access: editors,
    write: true,
  }),
  /** Biên bản kiểm kê (C53-HD layout): books / actual / difference per group and total, board, decision. */
  'stocktake.report': method({
    input: fileTargetSchema.extend({ id: idSchema, format: docFormatSchema }),
    output: fileResultSchema,
    access: 'user',
    write: false,
  }),

  // ── import / export ──
  'assets.importPreview': method({
    input: z.object({ source: fileSourceSchema }),
    output: importPreviewSchema,
    access: editors,
    write: false,
  }),
  /** All rows or none. With errors (and not a dry run) nothing is written and `written` is 0. */
  'assets.import': method({ input: importInputSchema, output: importResultSchema, access: editors, write: true }),
  'assets.export': method({ input: exportInputSchema, output: fileResultSchema, access: 'user', write: false }),
  /** A4 label sheets (.docx) with a QR code or Code 128 and the code in text. */
  'assets.labels': method({ input: labelsInputSchema, output: fileResultSchema, access: 'user', write: false }),

  // ── summaries ──
  'assets.summary': method({ input: summaryInputSchema, output: summarySchema, access: 'user', write: false }),
  /** Rooms and areas per block/type split kiên cố / bán kiên cố / tạm, for the self-assessment annex. */
  'assets.roomsByConstructionType': method({
    input: z.object({ year: z.number().int().min(1990).max(2100) }),
    output: roomsByConstructionSchema,
    access: 'user',
    write: false,
  }),
  'assets.equipmentReport': method({
    input: z.object({ listId: z.string().min(1).max(80) }),
    output: equipmentReportSchema,
    access: 'user',
    write: false,
  }),
} satisfies Record<string, MethodSpec>;
