import { EntitySchema } from 'typeorm';
import { syncedColumns, type SyncedRow } from '../../db/entities/base';

/**
 * Local bookkeeping of the sync client (issue 7). None of these tables is change-logged by
 * itself, except `sync_conflict`: a resolution is written through SyncTx so it reaches the
 * server and every other device of the school (the rows arrive from the server as entity
 * `SyncConflict`).
 */

/** Small facts: server URL, device id, cursor, stream id, last success/error, next retry… */
export interface SyncStateRow {
  key: string;
  value: string;
}

export const SyncStateEntity = new EntitySchema<SyncStateRow>({
  name: 'SyncState',
  tableName: 'sync_state',
  columns: {
    key: { type: 'varchar', length: 60, primary: true },
    value: { type: 'text' },
  },
});

/**
 * Per synced row: for each field, the server sequence of the value this device holds. Pulled
 * changes apply a field only when newer (so applying is idempotent and order-independent);
 * pushes send it as the `base` of long-text edits (conflict detection).
 */
export interface SyncRowMetaRow {
  entity: string;
  rowId: string;
  /** JSON { field: seq }. */
  seqs: string;
}

export const SyncRowMetaEntity = new EntitySchema<SyncRowMetaRow>({
  name: 'SyncRowMeta',
  tableName: 'sync_row_meta',
  columns: {
    entity: { type: 'varchar', length: 64, primary: true },
    rowId: { type: 'varchar', length: 64, primary: true },
    seqs: { type: 'text' },
  },
});

/** A local change the server refused; after a few tries it is set aside (poisoned) so the queue moves on. */
export interface SyncOutboxFailureRow {
  changeId: string;
  tries: number;
  lastError: string;
  lastTriedAt: string;
  poisonedAt: string | null;
}

export const SyncOutboxFailureEntity = new EntitySchema<SyncOutboxFailureRow>({
  name: 'SyncOutboxFailure',
  tableName: 'sync_outbox_failure',
  columns: {
    changeId: { type: 'varchar', length: 36, primary: true },
    tries: { type: 'integer', default: 0 },
    lastError: { type: 'text', default: '' },
    lastTriedAt: { type: 'varchar', length: 30 },
    poisonedAt: { type: 'varchar', length: 30, nullable: true },
  },
});

/** A pulled change this database could not take (e.g. a unique index); retried, then given up. */
export interface SyncInboxFailureRow {
  seq: number;
  changeId: string;
  entity: string;
  rowId: string;
  /** The pulled change as JSON. */
  change: string;
  tries: number;
  lastError: string;
  lastTriedAt: string;
  givenUpAt: string | null;
}

export const SyncInboxFailureEntity = new EntitySchema<SyncInboxFailureRow>({
  name: 'SyncInboxFailure',
  tableName: 'sync_inbox_failure',
  columns: {
    seq: { type: 'integer', primary: true },
    changeId: { type: 'varchar', length: 36 },
    entity: { type: 'varchar', length: 64 },
    rowId: { type: 'varchar', length: 64 },
    change: { type: 'text' },
    tries: { type: 'integer', default: 0 },
    lastError: { type: 'text', default: '' },
    lastTriedAt: { type: 'varchar', length: 30 },
    givenUpAt: { type: 'varchar', length: 30, nullable: true },
  },
});

/** Upload (`up`) and download (`down`) state of evidence files by SHA-256. */
export interface SyncBlobStateRow {
  sha256: string;
  direction: 'up' | 'down';
  /** pending | done | failed | too_large | missing */
  status: string;
  sizeBytes: number | null;
  tries: number;
  lastError: string;
  updatedAt: string;
}

export const SyncBlobStateEntity = new EntitySchema<SyncBlobStateRow>({
  name: 'SyncBlobState',
  tableName: 'sync_blob_state',
  columns: {
    sha256: { type: 'varchar', length: 64, primary: true },
    direction: { type: 'varchar', length: 4, primary: true },
    status: { type: 'varchar', length: 12 },
    sizeBytes: { type: 'integer', nullable: true },
    tries: { type: 'integer', default: 0 },
    lastError: { type: 'text', default: '' },
    updatedAt: { type: 'varchar', length: 30 },
  },
  indices: [{ name: 'idx_sync_blob_state_status', columns: ['direction', 'status'] }],
});

/** Two versions of a long text, kept until a person chooses (raised by the server; see ConflictRecordData). */
export interface SyncConflictRow extends SyncedRow {
  entity: string;
  rowId: string;
  field: string;
  keptValue: string;
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

export const SyncConflictEntity = new EntitySchema<SyncConflictRow>({
  name: 'SyncConflict',
  tableName: 'sync_conflict',
  columns: {
    ...syncedColumns,
    entity: { type: 'varchar', length: 64 },
    rowId: { type: 'varchar', length: 64 },
    field: { type: 'varchar', length: 64 },
    keptValue: { type: 'text' },
    otherValue: { type: 'text' },
    keptSeq: { type: 'integer' },
    otherSeq: { type: 'integer' },
    keptDevice: { type: 'varchar', length: 36 },
    otherDevice: { type: 'varchar', length: 36 },
    status: { type: 'varchar', length: 10, default: 'open' },
    resolution: { type: 'varchar', length: 10, nullable: true },
    resolvedValue: { type: 'text', nullable: true },
    resolvedBy: { type: 'varchar', length: 36, nullable: true },
    resolvedAt: { type: 'varchar', length: 30, nullable: true },
  },
  indices: [
    { name: 'idx_sync_conflict_status', columns: ['status'] },
    { name: 'idx_sync_conflict_row', columns: ['entity', 'rowId'] },
  ],
});

/**
 * A dossier this school submitted: the frozen snapshot (manifest + rows) is stored here at
 * the moment of submitting and sent as soon as the server is reachable; afterwards the row
 * mirrors the department's state and comments.
 */
export interface SyncSubmissionRow {
  id: string;
  kind: string;
  subjectId: string;
  version: number | null;
  /** queued (not yet received by the server), then the server's state. */
  state: string;
  manifestHash: string;
  /** JSON; '' for submissions made on another device of the school. */
  manifest: string;
  /** Snapshot rows as JSON; '' as above. */
  payload: string;
  rowCount: number;
  blobCount: number;
  submittedAt: string;
  sentAt: string | null;
  updatedAt: string;
  /** JSON array of { state, comment, at, by }. */
  events: string;
  /** JSON diff from the previous version, or ''. */
  diff: string;
  lastError: string;
}

export const SyncSubmissionEntity = new EntitySchema<SyncSubmissionRow>({
  name: 'SyncSubmission',
  tableName: 'sync_submission',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    kind: { type: 'varchar', length: 20 },
    subjectId: { type: 'varchar', length: 64 },
    version: { type: 'integer', nullable: true },
    state: { type: 'varchar', length: 20 },
    manifestHash: { type: 'varchar', length: 64 },
    manifest: { type: 'text' },
    payload: { type: 'text' },
    rowCount: { type: 'integer', default: 0 },
    blobCount: { type: 'integer', default: 0 },
    submittedAt: { type: 'varchar', length: 30 },
    sentAt: { type: 'varchar', length: 30, nullable: true },
    updatedAt: { type: 'varchar', length: 30 },
    events: { type: 'text', default: '[]' },
    diff: { type: 'text', default: '' },
    lastError: { type: 'text', default: '' },
  },
  indices: [{ name: 'idx_sync_submission_subject', columns: ['kind', 'subjectId'] }],
});

/** Entities of the sync module (local bookkeeping; only SyncConflict rows travel). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const SYNC_ENTITIES: EntitySchema<any>[] = [
  SyncStateEntity,
  SyncRowMetaEntity,
  SyncOutboxFailureEntity,
  SyncInboxFailureEntity,
  SyncBlobStateEntity,
  SyncConflictEntity,
  SyncSubmissionEntity,
];
