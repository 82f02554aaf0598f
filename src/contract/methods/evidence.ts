import { z } from 'zod';
import { method, type MethodSpec } from '../rpc';
import { idSchema } from '../schemas/common';
import {
  EVIDENCE_EDITORS,
  EVIDENCE_VERIFIERS,
  MAX_UPLOAD_BYTES,
  addFileResultSchema,
  boxNumberSchema,
  criterionCodeSchema,
  evidenceFilingSchema,
  evidenceHealthInputSchema,
  evidenceHealthSchema,
  evidenceListInputSchema,
  evidenceListOutputSchema,
  evidenceMetaInputSchema,
  evidenceSchema,
  evidenceSettingsSchema,
  frameworkIdSchema,
  onDuplicateSchema,
  sha256Schema,
} from '../schemas/evidence';
import { text } from '../schemas/common';

const fileName = z
  .string({ message: 'Thiếu tên tệp' })
  .transform((s) => s.normalize('NFC').split(/[/\\]/).pop()!.trim())
  .pipe(z.string().min(1, { message: 'Thiếu tên tệp' }).max(255, { message: 'Tên tệp dài quá 255 ký tự' }));
const mimeType = z.string().max(100).optional();

/** Base64 of at most MAX_UPLOAD_BYTES bytes. */
const base64Content = z
  .string()
  .max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 4, {
    message: `Tệp lớn hơn ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; hãy thêm từ máy tính (chọn tệp) thay vì kéo thả.`,
  })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'Nội dung tệp không đúng định dạng base64' });

/**
 * The evidence library (kho minh chứng): files kept once by content, links and paper
 * originals; TT 57 / legacy codes from per-criterion counters; links to many criteria with
 * one code; verification; health checks.
 *
 * Files from disk are added by the backend service `addFiles(paths…)` (CLI, and Electron main
 * after its native dialog), never by paths from the renderer; the renderer's drag-and-drop
 * path is `evidence.addFromUpload` (base64, ≤ 25 MB).
 */
export const evidenceMethods = {
  'evidence.list': method({ input: evidenceListInputSchema, output: evidenceListOutputSchema, access: 'user', write: false }),
  'evidence.get': method({
    input: z.union([
      z.object({ id: idSchema }).strict(),
      z.object({ frameworkId: frameworkIdSchema, code: z.string().trim().min(1).max(40) }).strict(),
    ]),
    output: evidenceSchema,
    access: 'user',
    write: false,
  }),

  /** Link-only (kind "link", url required) or paper (kind "paper") evidence. */
  'evidence.addLink': method({
    input: evidenceFilingSchema.extend({
      kind: z.enum(['link', 'paper']),
      meta: evidenceMetaInputSchema,
    }),
    output: evidenceSchema,
    access: EVIDENCE_EDITORS,
    write: true,
  }),
  /** One file sent by the renderer (drag and drop / browser). Duplicates: see onDuplicate. */
  'evidence.addFromUpload': method({
    input: evidenceFilingSchema.extend({
      fileName,
      mimeType,
      contentBase64: base64Content,
      meta: evidenceMetaInputSchema.default({}),
      onDuplicate: onDuplicateSchema.default('skip'),
    }),
    output: addFileResultSchema,
    access: EVIDENCE_EDITORS,
    write: true,
  }),
  /**
   * Files the user chose in Electron main's native dialog (`files.pickForImport`), named by the
   * opaque handles main granted to this connection; the renderer never sees their paths. Each
   * handle is used once. Same duplicate handling as addFromUpload, no size limit (streamed).
   */
  'evidence.addFromGrants': method({
    input: evidenceFilingSchema.extend({
      handles: z.array(z.string().min(1).max(200)).min(1, { message: 'Chưa chọn tệp nào' }).max(1000),
      meta: evidenceMetaInputSchema.default({}),
      onDuplicate: onDuplicateSchema.default('skip'),
    }),
    output: z.object({
      results: z.array(addFileResultSchema),
      /** Files that could not be read, by name. */
      failed: z.array(z.object({ fileName: z.string(), message: z.string() })),
    }),
    access: EVIDENCE_EDITORS,
    write: true,
  }),
  /** A second evidence record for bytes already in the store (after a duplicate was reported). */
  'evidence.addFromStored': method({
    input: evidenceFilingSchema.extend({ sha256: sha256Schema, fileName, mimeType, meta: evidenceMetaInputSchema.default({}) }),
    output: evidenceSchema,
    access: EVIDENCE_EDITORS,
    write: true,
  }),
  'evidence.update': method({
    input: z.object({
      id: idSchema,
      expectedRev: z.number().int().nonnegative().optional(),
      /** Only link ↔ paper; a file evidence stays a file. */
      kind: z.enum(['link', 'paper']).optional(),
      /** Display name of the stored file. */
      fileName: fileName.optional(),
      meta: evidenceMetaInputSchema,
    }),
    output: evidenceSchema,
    access: EVIDENCE_EDITORS,
    write: true,
  }),
  /** The same evidence (same code) also serves another criterion. */
  'evidence.linkCriterion': method({
    input: z.object({ id: idSchema, criterionCode: criterionCodeSchema, assessmentId: idSchema.nullable().optional() }),
    output: evidenceSchema,
    access: EVIDENCE_EDITORS,
    write: true,
  }),
  /** Refused for the first criterion (the code comes from it): use evidence.move. */
  'evidence.unlinkCriterion': method({
    input: z.object({ id: idSchema, criterionCode: criterionCodeSchema, assessmentId: idSchema.nullable().optional() }),
    output: evidenceSchema,
    access: EVIDENCE_EDITORS,
    write: true,
  }),
  /**
   * Renumber: file the evidence under another first criterion; it gets a fresh code from that
   * criterion's counter (the old code is never reused). Citations ({{ev:<id>}}) follow.
   */
  'evidence.move': method({
    input: z.object({
      id: idSchema,
      criterionCode: criterionCodeSchema,
      box: boxNumberSchema.optional(),
      /** Keep serving the old criterion (default: the old first-criterion link is removed). */
      keepOldLink: z.boolean().default(false),
    }),
    output: z.object({ evidence: evidenceSchema, oldCode: z.string(), newCode: z.string() }),
    access: EVIDENCE_EDITORS,
    write: true,
  }),
  'evidence.verify': method({
    input: z
      .object({ id: idSchema, status: z.enum(['pending', 'verified', 'rejected']), reason: text(500, 'Lý do').default('') })
      .refine((v) => v.status !== 'rejected' || v.reason !== '', { message: 'Vui lòng nhập lý do từ chối', path: ['reason'] }),
    output: evidenceSchema,
    access: EVIDENCE_VERIFIERS,
    write: true,
  }),
  /** Tombstone; refused while a description cites it. The stored file stays (other evidence or backups may use it). */
  'evidence.remove': method({
    input: z.object({ id: idSchema }),
    output: z.object({ ok: z.literal(true) }),
    access: EVIDENCE_EDITORS,
    write: true,
  }),
  'evidence.health': method({ input: evidenceHealthInputSchema, output: evidenceHealthSchema, access: 'user', write: false }),
  /** The stored file's bytes (for preview or saving in the browser); ≤ 25 MB. */
  'evidence.download': method({
    input: z.object({ id: idSchema }),
    output: z.object({
      fileName: z.string(),
      mimeType: z.string(),
      sizeBytes: z.number().int(),
      sha256: z.string(),
      contentBase64: z.string(),
    }),
    access: 'user',
    write: false,
  }),
  'evidence.getSettings': method({
    input: z.object({ frameworkId: frameworkIdSchema }),
    output: evidenceSettingsSchema,
    access: 'user',
    write: false,
  }),
  /** Legacy box numbers per standard, for codes issued from now on. */
  'evidence.updateSettings': method({
    input: z.object({ frameworkId: frameworkIdSchema, boxes: evidenceSettingsSchema.shape.boxes }),
    output: evidenceSettingsSchema,
    access: ['admin', 'secretary'],
    write: true,
  }),
} satisfies Record<string, MethodSpec>;
