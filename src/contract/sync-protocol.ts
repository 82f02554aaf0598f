import { z } from 'zod';

/**
 * The sync wire protocol between a school's desktop app and the department server (issue 7,
 * docs/sync.md, ADR 0011). Shared by both sides: types, zod schemas, limits, the per-entity
 * merge rules and the small pure helpers both sides must compute identically (canonical JSON,
 * the bulk-delete breaker, version comparison). No I/O here (src/contract is pure).
 */

/** Bumped only for incompatible changes of the wire format. */
export const SYNC_PROTOCOL_VERSION = 1;

/** Headers every sync request carries (lower case, as Node and Fastify see them). */
export const SYNC_HEADERS = {
  protocol: 'x-tc-protocol',
  appVersion: 'x-tc-app-version',
  schemaVersion: 'x-tc-schema-version',
  /** A UUID made once per installation (not secret): who edited what, for conflict detection. */
  deviceId: 'x-tc-device-id',
} as const;

/** Resumable blob uploads (tus-like): byte offset and total length of the file. */
export const BLOB_HEADERS = { offset: 'upload-offset', length: 'upload-length' } as const;

export const SYNC_LIMITS = {
  /** Most changes in one push. */
  maxPushChanges: 1000,
  /** Largest push body (JSON). */
  maxPushBytes: 16 * 1024 * 1024,
  /** Largest `data` of one change, serialised. */
  maxChangeBytes: 1024 * 1024,
  /** Default and largest page of a pull. */
  defaultPullLimit: 500,
  maxPullLimit: 2000,
  /** Bytes per PUT of a blob upload; the server accepts up to `maxBlobChunkBytes`. */
  blobChunkBytes: 4 * 1024 * 1024,
  maxBlobChunkBytes: 8 * 1024 * 1024,
  /** Largest submission body (snapshot rows, JSON). */
  maxSubmissionBytes: 64 * 1024 * 1024,
} as const;

/**
 * The bulk-delete breaker (Joplin lost notebooks to "deletes" inferred from a partial listing):
 * more than `maxCount` deletes in one push, or more than `ratio` of an entity's rows once at
 * least `minForRatio` rows go, needs `confirmBulkDelete: true` — checked by the client before
 * it sends and again by the server on arrival.
 */
export const BULK_DELETE = { maxCount: 50, ratio: 0.2, minForRatio: 10 } as const;

// ───────────────────────────── per-entity rules ─────────────────────────────

export interface SyncEntityRule {
  /**
   * Narrative text fields: when two devices edit one from the same base, both versions are
   * kept and a conflict record is raised for a person to resolve (never silently dropped).
   * Every other field merges last-writer-wins by server sequence.
   */
  longText?: readonly string[];
  /** Fields holding the SHA-256 of a stored file (content-addressed evidence). */
  blobFields?: readonly string[];
}

/**
 * Merge rules by entity name (the EntitySchema `name`). Entities not listed sync with plain
 * per-field last-writer-wins. A module that adds narrative text or files adds its entity here;
 * server and client read the same table. (Assessment tables — criterion descriptions,
 * strengths, weaknesses, improvement plans — belong here once they exist.)
 */
export const SYNC_ENTITY_RULES: Readonly<Record<string, SyncEntityRule>> = {
  School: {},
  SchoolSite: {},
  Evidence: { longText: ['notes'], blobFields: ['blobHash'] },
  // Self-assessment narratives: two devices editing the same text keep both versions.
  Assessment: { longText: ['notes'] },
  CouncilMember: { longText: ['duties'] },
  RequirementEntry: { longText: ['description'] },
  AssessmentSummary: { longText: ['strengths', 'weaknesses', 'causes', 'trend', 'priorities'] },
  ImprovementIssue: { longText: ['currentState', 'weakness', 'cause'] },
  ImprovementItem: { longText: ['content', 'goal', 'actions', 'indicator', 'resources', 'expectedEvidence', 'progressNote'] },
  ImprovementMonitoring: { longText: ['content', 'result', 'adjustment'] },
  ReviewComment: { longText: ['body'] },
  PlanTask: { longText: ['details'] },
  AssetEvent: { blobFields: ['attachmentSha256'] },
  EvidenceLink: {},
  EvidenceCodeCounter: {},
  SyncConflict: {},
};

/** The conflict records the server raises travel as rows of this entity. */
export const CONFLICT_ENTITY = 'SyncConflict';

export function isLongText(entity: string, field: string): boolean {
  return SYNC_ENTITY_RULES[entity]?.longText?.includes(field) ?? false;
}

export function blobFieldsOf(entity: string): readonly string[] {
  return SYNC_ENTITY_RULES[entity]?.blobFields ?? [];
}

// ───────────────────────────── changes ─────────────────────────────

export const SYNC_OPS = ['insert', 'update', 'delete'] as const;
export type SyncOp = (typeof SYNC_OPS)[number];

const SHA256_RE = /^[0-9a-f]{64}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTITY_RE = /^[A-Z][A-Za-z0-9]{0,59}$/;
const ROW_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

export const isSha256 = (s: unknown): s is string => typeof s === 'string' && SHA256_RE.test(s);
export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID_RE.test(s);

/**
 * One change as it travels. `changeId` is the client's id (UUIDv7) and makes the change
 * idempotent; `data` holds the changed fields (all of them for an insert); `base` holds, for
 * the long-text fields of `data`, the server sequence of the value the client edited (0 when
 * it never saw one). `at` and `actor` are metadata only: order comes from the server.
 * The envelope is loose on purpose: the server checks each change with `checkChange` and
 * rejects a bad one alone, so one poison change cannot block a batch.
 */
export const wireChangeSchema = z.object({
  changeId: z.string().min(1).max(64),
  entity: z.string().min(1).max(64),
  rowId: z.string().min(1).max(64),
  op: z.string().min(1).max(10),
  rev: z.number().int(),
  data: z.record(z.string(), z.unknown()),
  base: z.record(z.string(), z.number().int().nonnegative()).optional(),
  at: z.string().max(40),
  actor: z.string().max(64).nullable(),
});
export type WireChange = z.infer<typeof wireChangeSchema>;

/** Why a change cannot be applied (Vietnamese), or null when it is fine. */
export function checkChange(c: WireChange): string | null {
  if (!isUuid(c.changeId)) return 'Mã thay đổi không hợp lệ.';
  if (!ENTITY_RE.test(c.entity)) return `Tên bảng dữ liệu không hợp lệ: "${c.entity}".`;
  if (!ROW_ID_RE.test(c.rowId)) return 'Mã bản ghi không hợp lệ.';
  if (!(SYNC_OPS as readonly string[]).includes(c.op)) return `Thao tác không hợp lệ: "${c.op}".`;
  for (const key of Object.keys(c.data)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key)) return `Tên trường không hợp lệ: "${key}".`;
  }
  if ('id' in c.data && c.data.id !== c.rowId) return 'Mã bản ghi trong dữ liệu không khớp.';
  if (JSON.stringify(c.data).length > SYNC_LIMITS.maxChangeBytes) return 'Dữ liệu của thay đổi quá lớn.';
  return null;
}

/** True when the change tombstones its row. */
export function isDeleteChange(c: Pick<WireChange, 'op' | 'data'>): boolean {
  return c.op === 'delete' || (c.op === 'update' && c.data.deletedAt !== undefined && c.data.deletedAt !== null);
}

export const pushRequestSchema = z.object({
  changes: z.array(wireChangeSchema).max(SYNC_LIMITS.maxPushChanges),
  /** The user confirmed a bulk delete (see BULK_DELETE). */
  confirmBulkDelete: z.boolean().optional(),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const pushResultSchema = z.object({
  changeId: z.string(),
  /** applied now; duplicate: applied by an earlier push (the same seq comes back); rejected: never will be. */
  status: z.enum(['applied', 'duplicate', 'rejected']),
  seq: z.number().int().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z.object({
  results: z.array(pushResultSchema),
  /** Conflict records raised by this push (they arrive with the next pull). */
  conflicts: z.number().int(),
  serverSeq: z.number().int(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullQuerySchema = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(SYNC_LIMITS.maxPullLimit).default(SYNC_LIMITS.defaultPullLimit),
});

export const pulledChangeSchema = z.object({
  seq: z.number().int(),
  changeId: z.string(),
  entity: z.string(),
  rowId: z.string(),
  op: z.enum(SYNC_OPS),
  data: z.record(z.string(), z.unknown()),
  at: z.string(),
  actor: z.string().nullable(),
});
export type PulledChange = z.infer<typeof pulledChangeSchema>;

export const pullResponseSchema = z.object({
  changes: z.array(pulledChangeSchema),
  /** Cursor for the next pull: the seq of the last change returned (or `after` when none). */
  lastSeq: z.number().int(),
  serverSeq: z.number().int(),
  hasMore: z.boolean(),
  streamId: z.string(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const helloResponseSchema = z.object({
  protocol: z.number().int(),
  serverVersion: z.string(),
  /** Changes if the school's stream was ever rebuilt; a client holding another id must not trust its cursor. */
  streamId: z.string(),
  serverSeq: z.number().int(),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() }),
  account: z.object({ username: z.string(), role: z.string() }),
  limits: z.object({
    maxPushChanges: z.number().int(),
    maxPushBytes: z.number().int(),
    maxPullLimit: z.number().int(),
    maxBlobBytes: z.number().int(),
    blobChunkBytes: z.number().int(),
  }),
});
export type HelloResponse = z.infer<typeof helloResponseSchema>;

export const blobPutResponseSchema = z.object({ offset: z.number().int(), complete: z.boolean() });

// ───────────────────────────── conflicts ─────────────────────────────

/** The fields of a conflict record (the `SyncConflict` row), as the server writes them. */
export interface ConflictRecordData {
  id: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: null;
  entity: string;
  rowId: string;
  field: string;
  /** The value now in the row (the later edit by server order). */
  keptValue: string;
  /** The overwritten value, kept so nothing is lost. */
  otherValue: string;
  keptSeq: number;
  otherSeq: number;
  keptDevice: string;
  otherDevice: string;
  status: 'open' | 'resolved';
  resolution: string | null;
  resolvedValue: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

// ───────────────────────────── submissions ─────────────────────────────

export const SUBMISSION_KINDS = ['assessment', 'inventory'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

/** submitted → received → under_review → returned (with comments) | accepted. */
export const SUBMISSION_STATES = ['submitted', 'received', 'under_review', 'returned', 'accepted'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export const SUBMISSION_STATE_LABELS: Record<SubmissionState, string> = {
  submitted: 'Đã gửi',
  received: 'Sở đã nhận',
  under_review: 'Đang thẩm định',
  returned: 'Trả lại để bổ sung',
  accepted: 'Đã chấp nhận',
};

const sha256Schema = z.string().regex(SHA256_RE);

export const manifestSchema = z.object({
  format: z.literal('truong-chuan-dossier'),
  formatVersion: z.literal(1),
  submissionId: z.string().regex(UUID_RE),
  kind: z.enum(SUBMISSION_KINDS),
  /** The assessment id; '' for an inventory. */
  subjectId: z.string().max(64),
  school: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  createdAt: z.string(),
  appVersion: z.string(),
  schemaVersion: z.string(),
  /** Every row of the snapshot with the SHA-256 of `canonicalJson({ entity, id, data })`. */
  rows: z.array(z.object({ entity: z.string().max(64), id: z.string().max(64), sha256: sha256Schema })),
  blobs: z.array(z.object({ sha256: sha256Schema, sizeBytes: z.number().int().nonnegative() })),
});
export type DossierManifest = z.infer<typeof manifestSchema>;

export const snapshotRowSchema = z.object({
  entity: z.string().max(64),
  id: z.string().max(64),
  data: z.record(z.string(), z.unknown()),
});
export type SnapshotRow = z.infer<typeof snapshotRowSchema>;

export const submitRequestSchema = z.object({
  manifest: manifestSchema,
  /** SHA-256 of `canonicalJson(manifest)`. */
  manifestHash: sha256Schema,
  rows: z.array(snapshotRowSchema),
});
export type SubmitRequest = z.infer<typeof submitRequestSchema>;

export const submissionDiffSchema = z.object({
  previousVersion: z.number().int(),
  added: z.array(z.object({ entity: z.string(), id: z.string() })),
  changed: z.array(z.object({ entity: z.string(), id: z.string() })),
  removed: z.array(z.object({ entity: z.string(), id: z.string() })),
  blobsAdded: z.array(z.string()),
  blobsRemoved: z.array(z.string()),
});
export type SubmissionDiff = z.infer<typeof submissionDiffSchema>;

export const submissionEventSchema = z.object({
  state: z.enum(SUBMISSION_STATES),
  comment: z.string(),
  at: z.string(),
  by: z.string(),
});

export const submissionViewSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.enum(SUBMISSION_KINDS),
  subjectId: z.string(),
  version: z.number().int(),
  state: z.enum(SUBMISSION_STATES),
  manifestHash: z.string(),
  rowCount: z.number().int(),
  blobCount: z.number().int(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  previousId: z.string().nullable(),
  diff: submissionDiffSchema.nullable(),
  events: z.array(submissionEventSchema),
});
export type SubmissionView = z.infer<typeof submissionViewSchema>;

export const REVIEW_ACTIONS = ['start_review', 'return', 'accept'] as const;
export const reviewRequestSchema = z.object({
  action: z.enum(REVIEW_ACTIONS),
  comment: z.string().max(10_000).optional(),
});

// ───────────────────────────── sneakernet package ─────────────────────────────

export const PACKAGE_FORMAT = 'truong-chuan-sync-package';

/**
 * `manifest.json` of a sync package (.zip): `changes.jsonl` (one WireChange per line) and
 * `blobs/<sha256>` files, each listed with its SHA-256 so the importer verifies every byte.
 */
export const packageManifestSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.literal(1),
  packageId: z.string().regex(UUID_RE),
  createdAt: z.string(),
  appVersion: z.string(),
  schemaVersion: z.string(),
  deviceId: z.string().regex(UUID_RE),
  school: z.object({ id: z.string(), code: z.string(), name: z.string(), unitId: z.string().nullable() }),
  confirmBulkDelete: z.boolean(),
  changes: z.object({ file: z.literal('changes.jsonl'), count: z.number().int(), sha256: sha256Schema }),
  blobs: z.array(z.object({ sha256: sha256Schema, sizeBytes: z.number().int().nonnegative(), file: z.string() })),
});
export type PackageManifest = z.infer<typeof packageManifestSchema>;

// ───────────────────────────── helpers both sides compute ─────────────────────────────

/** JSON with object keys sorted at every level: the same value always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export interface BulkDeleteVerdict {
  needsConfirmation: boolean;
  total: number;
  entities: { entity: string; deletes: number; rows: number }[];
}

/**
 * The breaker: `deletes` per entity against `rows` (rows of that entity, the deleted ones
 * included) per entity.
 */
export function bulkDeleteVerdict(deletes: Record<string, number>, rows: Record<string, number>): BulkDeleteVerdict {
  const entities = Object.entries(deletes)
    .filter(([, n]) => n > 0)
    .map(([entity, n]) => ({ entity, deletes: n, rows: Math.max(rows[entity] ?? 0, n) }));
  const total = entities.reduce((s, e) => s + e.deletes, 0);
  const needsConfirmation =
    total > BULK_DELETE.maxCount ||
    entities.some((e) => e.deletes >= BULK_DELETE.minForRatio && e.deletes > e.rows * BULK_DELETE.ratio);
  return { needsConfirmation, total, entities };
}

export function bulkDeleteMessage(v: BulkDeleteVerdict): string {
  const parts = v.entities.map((e) => `${e.entity}: ${e.deletes}/${e.rows}`).join(', ');
  return (
    `Có ${v.total} bản ghi bị xoá cùng lúc (${parts}). Để tránh mất dữ liệu do nhầm lẫn, ` +
    'hãy xác nhận việc xoá hàng loạt rồi đồng bộ lại.'
  );
}

/** Compares dotted versions numerically ("0.10.0" > "0.9.2"); pre-release tags are ignored. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) =>
    v
      .split('-')[0]!
      .split('.')
      .map((p) => Number.parseInt(p, 10) || 0);
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export function upgradeRequiredMessage(clientVersion: string, minVersion: string): string {
  return (
    `Phiên bản Trường Chuẩn trên máy này (${clientVersion || 'không rõ'}) đã cũ; máy chủ của Sở cần phiên bản ` +
    `${minVersion} trở lên. Vui lòng cập nhật ứng dụng rồi đồng bộ lại. Dữ liệu trên máy vẫn được giữ nguyên.`
  );
}

/** Error codes of the sync API the client acts on. */
export const SYNC_ERROR_CODES = {
  upgradeRequired: 'CLIENT_UPGRADE_REQUIRED',
  bulkDelete: 'BULK_DELETE_UNCONFIRMED',
  blobTooLarge: 'BLOB_TOO_LARGE',
  blobHashMismatch: 'BLOB_HASH_MISMATCH',
  blobOffset: 'BLOB_OFFSET_MISMATCH',
  blobsMissing: 'BLOBS_MISSING',
} as const;
