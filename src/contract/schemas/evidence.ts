import { z } from 'zod';
import { idSchema, text } from './common';

/** file: a document kept in the app's file store; link: an address only; paper: a paper original kept at the school. */
export const EVIDENCE_KINDS = ['file', 'link', 'paper'] as const;
export const evidenceKindSchema = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof evidenceKindSchema>;

/** Xác minh: pending (chờ xác minh) → verified (đã xác minh) | rejected (từ chối, with a reason). */
export const VERIFICATION_STATES = ['pending', 'verified', 'rejected'] as const;
export const verificationSchema = z.enum(VERIFICATION_STATES);
export type Verification = z.infer<typeof verificationSchema>;

/** Who may do what in the evidence library. */
export const EVIDENCE_EDITORS = ['admin', 'council_member', 'secretary'] as const;
export const EVIDENCE_VERIFIERS = ['admin', 'secretary'] as const;

/** What to do when an added file is byte-identical to one already in the library. */
export const ON_DUPLICATE = ['skip', 'link', 'create'] as const;
export const onDuplicateSchema = z.enum(ON_DUPLICATE);
export type OnDuplicate = z.infer<typeof onDuplicateSchema>;

/** Largest file accepted through `evidence.addFromUpload` (base64 over RPC). */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

export const frameworkIdSchema = z
  .string({ message: 'Vui lòng chọn khung đánh giá' })
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, { message: 'Mã khung đánh giá không hợp lệ' });

/** "1.1": standard.criterion. */
export const criterionCodeSchema = z
  .string({ message: 'Vui lòng chọn tiêu chí' })
  .trim()
  .regex(/^\d{1,3}\.\d{1,3}$/, { message: 'Mã tiêu chí không hợp lệ (ví dụ 1.1)' });

export const isoDateSchema = z.iso.date({ message: 'Ngày không hợp lệ (định dạng YYYY-MM-DD)' });
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, { message: 'Mã băm SHA-256 không hợp lệ' });
export const boxNumberSchema = z
  .number()
  .int()
  .min(1, { message: 'Số hộp phải từ 1' })
  .max(999, { message: 'Số hộp tối đa 999' });

const urlText = text(2000, 'Đường dẫn').refine((s) => s === '' || /^(https?|ftp|file):\/\/\S+$/i.test(s), {
  message: 'Đường dẫn phải bắt đầu bằng http://, https://, ftp:// hoặc file://',
});

/** Descriptive fields shared by every way of adding evidence and by updates. */
export const evidenceMetaFields = {
  /** Tên minh chứng. For files, defaults to the file name without extension. */
  title: text(500, 'Tên minh chứng'),
  /** Stored code from an older dossier (e.g. "[H1-1.1-01]"), kept for reference and search. */
  legacyCode: text(40, 'Mã cũ'),
  /** Số, ký hiệu văn bản, e.g. "12/QĐ-THCS". */
  documentNumber: text(100, 'Số, ký hiệu'),
  /** Ngày ban hành or the date of the survey/observation. */
  issuedDate: isoDateSchema.nullable(),
  /** Nơi ban hành, or the group/people who made it. */
  issuer: text(300, 'Nơi ban hành'),
  /** Định dạng: "Bản giấy", "PDF", "Ảnh"… Derived from the file when left empty. */
  format: text(60, 'Định dạng'),
  /** Vị trí lưu trữ (for paper originals: cabinet, box, shelf). */
  storageLocation: text(500, 'Vị trí lưu trữ'),
  /** Đường dẫn điện tử (required for link-only evidence). */
  url: urlText,
  validFrom: isoDateSchema.nullable(),
  /** Hết hiệu lực: after this date the evidence no longer counts. */
  validUntil: isoDateSchema.nullable(),
  notes: text(4000, 'Ghi chú'),
};

export const evidenceMetaInputSchema = z.object(evidenceMetaFields).partial();
export type EvidenceMetaInput = z.input<typeof evidenceMetaInputSchema>;

/** Where a new evidence is filed: its framework, its first criterion (which gives its code), optionally an assessment. */
export const evidenceFilingSchema = z.object({
  frameworkId: frameworkIdSchema,
  criterionCode: criterionCodeSchema,
  /** The self-assessment it was collected for; null/absent for a library-wide item. */
  assessmentId: idSchema.nullable().optional(),
  /** Legacy codes only: box (hộp) number; defaults to the installation setting, else the standard number. */
  box: boxNumberSchema.optional(),
});
export type EvidenceFiling = z.input<typeof evidenceFilingSchema>;

export const evidenceLinkSchema = z.object({
  id: idSchema,
  criterionCode: z.string(),
  assessmentId: z.string().nullable(),
  /** The criterion the code was issued from. */
  isFirst: z.boolean(),
});
export type EvidenceLink = z.infer<typeof evidenceLinkSchema>;

export const evidenceSchema = z.object({
  id: idSchema,
  code: z.string(),
  legacyCode: z.string(),
  title: z.string(),
  documentNumber: z.string(),
  issuedDate: z.string().nullable(),
  issuer: z.string(),
  format: z.string(),
  storageLocation: z.string(),
  url: z.string(),
  kind: evidenceKindSchema,
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  notes: z.string(),
  /** SHA-256 of the stored file (file evidence), else null. */
  sha256: z.string().nullable(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int().nullable(),
  firstCriterionCode: z.string(),
  frameworkId: z.string(),
  assessmentId: z.string().nullable(),
  verification: verificationSchema,
  verifiedBy: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  rejectReason: z.string(),
  /** Criterion codes this evidence serves (live links), sorted, each once. */
  criteria: z.array(z.string()),
  links: z.array(evidenceLinkSchema),
  /** validUntil is before today. */
  expired: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  rev: z.number().int(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const evidenceRefSchema = z.object({ id: idSchema, code: z.string(), title: z.string() });
export type EvidenceRef = z.infer<typeof evidenceRefSchema>;

/** The answer for one added file. */
export const addFileResultSchema = z.object({
  fileName: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  /** A live evidence already pointed at these exact bytes before this call. */
  duplicate: z.boolean(),
  /** The evidence already using the bytes (empty unless duplicate). */
  existing: z.array(evidenceRefSchema),
  /** created: a new evidence; linked: the existing one was linked to the criterion; skipped: nothing written. */
  action: z.enum(['created', 'linked', 'skipped']),
  /** The evidence the file now belongs to: the new one, the linked one, or (skipped) the first existing one. */
  evidence: evidenceSchema,
});
export type AddFileResult = z.infer<typeof addFileResultSchema>;

export const evidenceListInputSchema = z.object({
  frameworkId: frameworkIdSchema.optional(),
  /** Evidence serving this criterion (any live link, not only the first criterion). */
  criterionCode: criterionCodeSchema.optional(),
  /** Evidence of this assessment plus library-wide evidence; links likewise. */
  assessmentId: idSchema.optional(),
  verification: verificationSchema.optional(),
  kind: evidenceKindSchema.optional(),
  /** Free text, diacritic-insensitive ("minh chung" finds "Minh chứng"). */
  q: z.string().max(200).optional(),
  /** Only evidence whose validUntil is before this date (use today for expired items). */
  expiringBefore: isoDateSchema.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type EvidenceListInput = z.input<typeof evidenceListInputSchema>;

export const evidenceListOutputSchema = z.object({ items: z.array(evidenceSchema), total: z.number().int() });

const fileCheckItem = evidenceRefSchema.extend({ sha256: z.string(), fileName: z.string() });

export const evidenceHealthInputSchema = z.object({
  frameworkId: frameworkIdSchema.optional(),
  assessmentId: idSchema.optional(),
  /** Criteria expected to have evidence; default: every criterion of frameworkId. */
  criterionCodes: z.array(criterionCodeSchema).max(500).optional(),
  /** "Today" for expiry; default: the machine's local date. */
  today: isoDateSchema.optional(),
  /** hash: re-hash every stored file (finds changed files); exists: only look for missing ones; none: skip. */
  checkFiles: z.enum(['hash', 'exists', 'none']).default('hash'),
});
export type EvidenceHealthInput = z.input<typeof evidenceHealthInputSchema>;

export const evidenceHealthSchema = z.object({
  today: z.string(),
  totals: z.object({
    evidence: z.number().int(),
    files: z.number().int(),
    links: z.number().int(),
    paper: z.number().int(),
    pending: z.number().int(),
    verified: z.number().int(),
    rejected: z.number().int(),
  }),
  /** Evidence linked to no criterion. */
  unlinked: z.array(evidenceRefSchema),
  /** Evidence cited in no description; null while citation tracking is not available. */
  uncited: z.array(evidenceRefSchema).nullable(),
  /** Criteria (of the given list) that no live evidence serves. */
  criteriaWithoutEvidence: z.array(z.string()),
  /** The same bytes used by more than one evidence. */
  duplicates: z.array(z.object({ sha256: z.string(), evidence: z.array(evidenceRefSchema) })),
  /**
   * One code on several live evidence of a framework: two computers of the school issued it
   * offline, and the one whose code the server numbered later has not synced its renumbering
   * yet (ADR 0013). Present only when there are some; oldest evidence first.
   */
  duplicateCodes: z
    .array(z.object({ frameworkId: z.string(), code: z.string(), evidence: z.array(evidenceRefSchema) }))
    .optional(),
  expired: z.array(evidenceRefSchema.extend({ validUntil: z.string() })),
  files: z.object({
    mode: z.enum(['hash', 'exists', 'none']),
    total: z.number().int(),
    checked: z.number().int(),
    ok: z.number().int(),
    bytesChecked: z.number().int(),
    missing: z.array(fileCheckItem),
    changed: z.array(fileCheckItem),
  }),
  /** Stored files no live evidence uses (kept: a deleted evidence may be restored from a backup). */
  unusedBlobs: z.object({ count: z.number().int(), bytes: z.number().int() }),
});
export type EvidenceHealth = z.infer<typeof evidenceHealthSchema>;

export const evidenceSettingsSchema = z.object({
  frameworkId: z.string(),
  /** Box number per standard for legacy codes ([Hn…]); missing standards use their own number. */
  boxes: z.record(z.string().regex(/^\d{1,3}$/), boxNumberSchema),
});
export type EvidenceSettings = z.infer<typeof evidenceSettingsSchema>;
