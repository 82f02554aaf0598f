import { z } from 'zod';
import { SUBMISSION_KINDS, submissionDiffSchema, submissionEventSchema } from '../sync-protocol';

/**
 * RPC shapes of the sync module (renderer ↔ backend). The device token never appears in any
 * of them: it stays in the backend's secret store.
 */

const iso = z.string();

export const syncEnrolInputSchema = z.object({
  serverUrl: z.string().trim().min(1, { message: 'Vui lòng nhập địa chỉ máy chủ của Sở' }).max(500),
  username: z.string().trim().min(1, { message: 'Vui lòng nhập tên đăng nhập của trường trên máy chủ' }).max(64),
  password: z.string().min(1, { message: 'Vui lòng nhập mật khẩu' }).max(1000),
  deviceName: z.string().trim().max(255).optional(),
});

export const syncSchoolSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const syncEnrolOutputSchema = z.object({
  serverUrl: z.string(),
  deviceName: z.string(),
  school: syncSchoolSchema,
  /** This computer's first-run school profile will give way to the school's data on the server at the first sync. */
  adoptsServerData: z.boolean(),
});

export const SYNC_ERROR_KINDS = [
  'network',
  'server',
  'auth',
  'upgrade',
  'server_reset',
  'bulk_delete',
  'blob',
  'change',
  'apply',
  'submission',
] as const;

/** What a run did that the user should know about but that is not a failure. */
export const SYNC_NOTICE_KINDS = [
  /** An evidence code another computer used first; this computer renumbered its evidence (ADR 0013). */
  'renumbered',
] as const;

export const syncNoticeSchema = z.object({
  kind: z.enum(SYNC_NOTICE_KINDS),
  /** Plain Vietnamese, for the user. */
  message: z.string(),
  ref: z.string().optional(),
});
export type SyncNotice = z.infer<typeof syncNoticeSchema>;

export const syncIssueSchema = z.object({
  kind: z.enum(SYNC_ERROR_KINDS),
  /** Plain Vietnamese, for the user. */
  message: z.string(),
  /** A change id, a file's SHA-256 or a submission id, when the issue is about one thing. */
  ref: z.string().optional(),
});
export type SyncIssue = z.infer<typeof syncIssueSchema>;

export const bulkDeleteSchema = z.object({
  total: z.number().int(),
  entities: z.array(z.object({ entity: z.string(), deletes: z.number().int(), rows: z.number().int() })),
  message: z.string(),
});

export const syncRunInputSchema = z.object({
  /** The user confirmed deleting many records at once (see BULK_DELETE). */
  confirmBulkDelete: z.boolean().optional(),
});

export const syncRunOutputSchema = z.object({
  pushed: z.number().int(),
  pulled: z.number().int(),
  blobsUploaded: z.number().int(),
  blobsDownloaded: z.number().int(),
  /** Open conflicts waiting for a person. */
  conflicts: z.number().int(),
  errors: z.array(syncIssueSchema),
  /** Not failures (a run with only notices succeeded): e.g. evidence renumbered after a pull. */
  notices: z.array(syncNoticeSchema),
  needsBulkDeleteConfirmation: bulkDeleteSchema.nullable(),
});
export type SyncRunResult = z.infer<typeof syncRunOutputSchema>;

export const SYNC_BLOCKED = ['upgrade_required', 'unenrolled', 'server_reset', 'bulk_delete'] as const;

export const syncStatusSchema = z.object({
  enrolled: z.boolean(),
  serverUrl: z.string().nullable(),
  deviceName: z.string().nullable(),
  username: z.string().nullable(),
  school: syncSchoolSchema.nullable(),
  running: z.boolean(),
  autoSync: z.boolean(),
  pendingChanges: z.number().int(),
  /** Bytes of pending changes plus files still to upload. */
  pendingBytes: z.number().int(),
  pendingBlobs: z.number().int(),
  lastSuccessAt: iso.nullable(),
  lastAttemptAt: iso.nullable(),
  lastError: z.string().nullable(),
  nextRetryAt: iso.nullable(),
  /** Why syncing stopped until someone acts; null while it runs normally. */
  blocked: z.enum(SYNC_BLOCKED).nullable(),
  bulkDelete: bulkDeleteSchema.nullable(),
  conflicts: z.number().int(),
  /** Local changes the server refused repeatedly, set aside so the rest goes on. */
  poisoned: z.array(
    z.object({ changeId: z.string(), entity: z.string(), rowId: z.string(), error: z.string(), tries: z.number().int() }),
  ),
  /** Changes from the server this computer could not take. */
  inboxFailures: z.array(
    z.object({
      seq: z.number().int(),
      entity: z.string(),
      rowId: z.string(),
      error: z.string(),
      tries: z.number().int(),
      givenUp: z.boolean(),
    }),
  ),
  blobIssues: z.array(
    z.object({ sha256: z.string(), direction: z.string(), status: z.string(), message: z.string(), tries: z.number().int() }),
  ),
  submissionsQueued: z.number().int(),
  cursor: z.number().int(),
  serverSeq: z.number().int(),
  /**
   * Evidence this computer renumbered because another computer of the school had used the code
   * first (ADR 0013), newest first, with the message shown for each. Old labels on paper files
   * need the new code.
   */
  renumbered: z
    .array(
      z.object({
        evidenceId: z.string(),
        frameworkId: z.string(),
        title: z.string(),
        oldCode: z.string(),
        newCode: z.string(),
        at: iso,
        message: z.string(),
      }),
    )
    .optional(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncConflictSchema = z.object({
  id: z.string(),
  entity: z.string(),
  rowId: z.string(),
  field: z.string(),
  /** The text now in the record (the later edit by the server's order). */
  keptValue: z.string(),
  /** The other version, kept so nothing is lost. */
  otherValue: z.string(),
  status: z.enum(['open', 'resolved']),
  resolution: z.string().nullable(),
  resolvedValue: z.string().nullable(),
  createdAt: iso,
  resolvedAt: iso.nullable(),
});
export type SyncConflictView = z.infer<typeof syncConflictSchema>;

export const syncConflictsInputSchema = z.object({ status: z.enum(['open', 'all']).default('open') });

export const syncResolveInputSchema = z
  .object({
    id: z.string().min(1).max(64),
    /** kept: the text now in the record; other: the overwritten one; custom: `value` (e.g. both merged by hand). */
    choice: z.enum(['kept', 'other', 'custom']),
    value: z.string().max(1_000_000).optional(),
  })
  .refine((v) => v.choice !== 'custom' || typeof v.value === 'string', {
    message: 'Vui lòng nhập nội dung đã gộp',
    path: ['value'],
  });

export const syncExportInputSchema = z.object({
  /** A save-dialog grant (Electron); without it the package goes to the data folder's sync-packages/. */
  fileHandle: z.string().min(1).max(200).optional(),
  confirmBulkDelete: z.boolean().optional(),
});

export const syncExportOutputSchema = z.object({
  packageId: z.string(),
  fileName: z.string(),
  bytes: z.number().int(),
  changes: z.number().int(),
  blobs: z.number().int(),
  /** SHA-256 of the package's manifest.json (the server's import report shows the same). */
  manifestSha256: z.string(),
  /** True when written to the data folder (no handle given). */
  inDataDir: z.boolean(),
});

export const syncSubmitInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('assessment'), assessmentId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('inventory') }),
]);

export const LOCAL_SUBMISSION_STATES = [
  'queued',
  'rejected',
  'submitted',
  'received',
  'under_review',
  'returned',
  'accepted',
] as const;

export const localSubmissionSchema = z.object({
  id: z.string(),
  kind: z.enum(SUBMISSION_KINDS),
  subjectId: z.string(),
  version: z.number().int().nullable(),
  /** queued: frozen here, not yet received by the server; rejected: the server refused it (see lastError). */
  state: z.enum(LOCAL_SUBMISSION_STATES),
  stateLabel: z.string(),
  manifestHash: z.string(),
  rowCount: z.number().int(),
  blobCount: z.number().int(),
  submittedAt: iso,
  sentAt: iso.nullable(),
  updatedAt: iso,
  events: z.array(submissionEventSchema),
  diff: submissionDiffSchema.nullable(),
  lastError: z.string().nullable(),
});
export type LocalSubmission = z.infer<typeof localSubmissionSchema>;

export const syncSubmissionsOutputSchema = z.object({
  submissions: z.array(localSubmissionSchema),
  /** False when the server could not be reached: the list is what this computer knew last. */
  refreshed: z.boolean(),
  error: z.string().nullable(),
});
