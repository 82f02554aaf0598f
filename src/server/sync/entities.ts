import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import type { Dialect } from '../db/dialect';
import { idColumn, timeColumn, type WithRelations } from '../db/entities/columns';

/**
 * Tables of sync and submission on the department server (ADR 0011, docs/sync.md).
 *
 * - `sync_unit_state`: one row per school: the last server sequence number handed out (per
 *   school, dense) and the stream id. Pushes of one school lock this row, so a school's
 *   changes commit in sequence order and a pull by cursor can never skip one.
 * - `sync_change`: every accepted change once (unique client `change_id`), with its sequence.
 * - `sync_row`: the current state of every row per (school, entity, row id), fields merged.
 * - `sync_blob` / `sync_blob_ref`: files stored once by SHA-256; which school sent which.
 * - `sync_submission` / `sync_submission_event`: frozen dossier snapshots and their states.
 */

/** 64-bit sizes: PostgreSQL's pg returns bigint as text, so read it back as a number. */
const bigNumber: EntitySchemaColumnOptions['transformer'] = {
  to: (v: number | null) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? v : Number(v)),
};

export const SYNC_E = {
  UnitState: 'SyncUnitState',
  Change: 'SyncChange',
  Row: 'SyncRow',
  Blob: 'SyncBlob',
  BlobRef: 'SyncBlobRef',
  Submission: 'SyncSubmission',
  SubmissionEvent: 'SyncSubmissionEvent',
} as const;

export interface SyncUnitStateRow {
  unitId: string;
  streamId: string;
  lastSeq: number;
  updatedAt: Date;
}

export interface SyncChangeRow {
  unitId: string;
  seq: number;
  changeId: string;
  deviceId: string | null;
  accountId: string | null;
  entity: string;
  rowId: string;
  op: string;
  /** The changed fields as JSON, exactly as they will be pulled. */
  data: string;
  base: string | null;
  clientRev: number;
  clientAt: string;
  actor: string | null;
  /** push | package | server (conflict records the server raised). */
  source: string;
  receivedAt: Date;
}

export interface SyncRowRow {
  unitId: string;
  entity: string;
  rowId: string;
  data: string;
  /** For long-text fields only: { field: [seq, deviceId] } of the last write. */
  fieldMeta: string;
  deleted: boolean;
  createdSeq: number;
  updatedSeq: number;
  updatedAt: Date;
}

export interface SyncBlobRow {
  sha256: string;
  sizeBytes: number;
  storedAt: Date;
}

export interface SyncBlobRefRow {
  unitId: string;
  sha256: string;
  via: string;
  uploadedAt: Date;
}

export interface SyncSubmissionRow {
  id: string;
  unitId: string;
  kind: string;
  subjectId: string;
  version: number;
  state: string;
  manifestHash: string;
  manifest: string;
  snapshot: string;
  diff: string | null;
  previousId: string | null;
  submittedBy: string | null;
  deviceId: string | null;
  submittedAt: Date;
  updatedAt: Date;
}

export interface SyncSubmissionEventRow {
  id: string;
  submissionId: string;
  state: string;
  comment: string;
  actorId: string | null;
  actorName: string;
  at: Date;
}

const unitRelation = (table: string) => ({
  unit: {
    type: 'many-to-one' as const,
    target: 'OrgUnit',
    joinColumn: { name: 'unit_id', foreignKeyConstraintName: `fk_${table}_unit` },
    onDelete: 'RESTRICT' as const,
    onUpdate: 'NO ACTION' as const,
    nullable: false,
  },
});

export function syncEntities(dialect: Dialect): EntitySchema[] {
  const unitState = new EntitySchema<WithRelations<SyncUnitStateRow, 'unit'>>({
    name: SYNC_E.UnitState,
    tableName: 'sync_unit_state',
    columns: {
      unitId: idColumn(dialect, { name: 'unit_id', primary: true, primaryKeyConstraintName: 'pk_sync_unit_state' }),
      streamId: idColumn(dialect, { name: 'stream_id' }),
      lastSeq: { type: 'integer', name: 'last_seq', default: 0 },
      updatedAt: timeColumn(dialect, { name: 'updated_at' }),
    },
    relations: unitRelation('sync_unit_state'),
  });

  const change = new EntitySchema<WithRelations<SyncChangeRow, 'unit'>>({
    name: SYNC_E.Change,
    tableName: 'sync_change',
    columns: {
      unitId: idColumn(dialect, { name: 'unit_id', primary: true, primaryKeyConstraintName: 'pk_sync_change' }),
      seq: { type: 'integer', primary: true, primaryKeyConstraintName: 'pk_sync_change' },
      changeId: idColumn(dialect, { name: 'change_id' }),
      deviceId: idColumn(dialect, { name: 'device_id', nullable: true }),
      accountId: idColumn(dialect, { name: 'account_id', nullable: true }),
      entity: { type: 'varchar', length: 64 },
      rowId: { type: 'varchar', length: 64, name: 'row_id' },
      op: { type: 'varchar', length: 10 },
      data: { type: 'text' },
      base: { type: 'text', nullable: true },
      clientRev: { type: 'integer', name: 'client_rev' },
      clientAt: { type: 'varchar', length: 40, name: 'client_at' },
      actor: { type: 'varchar', length: 64, nullable: true },
      source: { type: 'varchar', length: 10 },
      receivedAt: timeColumn(dialect, { name: 'received_at' }),
    },
    relations: unitRelation('sync_change'),
    indices: [
      { name: 'ux_sync_change_change_id', columns: ['changeId'], unique: true },
      { name: 'ix_sync_change_row', columns: ['unitId', 'entity', 'rowId'] },
    ],
  });

  const row = new EntitySchema<WithRelations<SyncRowRow, 'unit'>>({
    name: SYNC_E.Row,
    tableName: 'sync_row',
    columns: {
      unitId: idColumn(dialect, { name: 'unit_id', primary: true, primaryKeyConstraintName: 'pk_sync_row' }),
      entity: { type: 'varchar', length: 64, primary: true, primaryKeyConstraintName: 'pk_sync_row' },
      rowId: { type: 'varchar', length: 64, name: 'row_id', primary: true, primaryKeyConstraintName: 'pk_sync_row' },
      data: { type: 'text' },
      fieldMeta: { type: 'text', name: 'field_meta' },
      deleted: { type: 'boolean', default: false },
      createdSeq: { type: 'integer', name: 'created_seq' },
      updatedSeq: { type: 'integer', name: 'updated_seq' },
      updatedAt: timeColumn(dialect, { name: 'updated_at' }),
    },
    relations: unitRelation('sync_row'),
    indices: [{ name: 'ix_sync_row_live', columns: ['unitId', 'entity', 'deleted'] }],
  });

  const blob = new EntitySchema<SyncBlobRow>({
    name: SYNC_E.Blob,
    tableName: 'sync_blob',
    columns: {
      sha256: { type: 'varchar', length: 64, primary: true, primaryKeyConstraintName: 'pk_sync_blob' },
      sizeBytes: { type: 'bigint', name: 'size_bytes', transformer: bigNumber },
      storedAt: timeColumn(dialect, { name: 'stored_at' }),
    },
  });

  const blobRef = new EntitySchema<WithRelations<SyncBlobRefRow, 'unit' | 'blob'>>({
    name: SYNC_E.BlobRef,
    tableName: 'sync_blob_ref',
    columns: {
      unitId: idColumn(dialect, { name: 'unit_id', primary: true, primaryKeyConstraintName: 'pk_sync_blob_ref' }),
      sha256: { type: 'varchar', length: 64, primary: true, primaryKeyConstraintName: 'pk_sync_blob_ref' },
      via: { type: 'varchar', length: 10 },
      uploadedAt: timeColumn(dialect, { name: 'uploaded_at' }),
    },
    relations: {
      ...unitRelation('sync_blob_ref'),
      blob: {
        type: 'many-to-one',
        target: SYNC_E.Blob,
        joinColumn: { name: 'sha256', foreignKeyConstraintName: 'fk_sync_blob_ref_blob' },
        onDelete: 'RESTRICT',
        onUpdate: 'NO ACTION',
        nullable: false,
      },
    },
    indices: [{ name: 'ix_sync_blob_ref_sha256', columns: ['sha256'] }],
  });

  const submission = new EntitySchema<WithRelations<SyncSubmissionRow, 'unit'>>({
    name: SYNC_E.Submission,
    tableName: 'sync_submission',
    columns: {
      id: idColumn(dialect, { primary: true, primaryKeyConstraintName: 'pk_sync_submission' }),
      unitId: idColumn(dialect, { name: 'unit_id' }),
      kind: { type: 'varchar', length: 20 },
      subjectId: { type: 'varchar', length: 64, name: 'subject_id' },
      version: { type: 'integer' },
      state: { type: 'varchar', length: 20 },
      manifestHash: { type: 'varchar', length: 64, name: 'manifest_hash' },
      manifest: { type: 'text' },
      snapshot: { type: 'text' },
      diff: { type: 'text', nullable: true },
      previousId: idColumn(dialect, { name: 'previous_id', nullable: true }),
      submittedBy: idColumn(dialect, { name: 'submitted_by', nullable: true }),
      deviceId: idColumn(dialect, { name: 'device_id', nullable: true }),
      submittedAt: timeColumn(dialect, { name: 'submitted_at' }),
      updatedAt: timeColumn(dialect, { name: 'updated_at' }),
    },
    relations: unitRelation('sync_submission'),
    indices: [{ name: 'ux_sync_submission_version', columns: ['unitId', 'kind', 'subjectId', 'version'], unique: true }],
    checks: [
      {
        name: 'ck_sync_submission_state',
        expression: `"state" IN ('submitted', 'received', 'under_review', 'returned', 'accepted')`,
      },
    ],
  });

  const event = new EntitySchema<WithRelations<SyncSubmissionEventRow, 'submission'>>({
    name: SYNC_E.SubmissionEvent,
    tableName: 'sync_submission_event',
    columns: {
      id: idColumn(dialect, { primary: true, primaryKeyConstraintName: 'pk_sync_submission_event' }),
      submissionId: idColumn(dialect, { name: 'submission_id' }),
      state: { type: 'varchar', length: 20 },
      comment: { type: 'text', default: '' },
      actorId: idColumn(dialect, { name: 'actor_id', nullable: true }),
      actorName: { type: 'varchar', length: 255, name: 'actor_name', default: '' },
      at: timeColumn(dialect),
    },
    relations: {
      submission: {
        type: 'many-to-one',
        target: SYNC_E.Submission,
        joinColumn: { name: 'submission_id', foreignKeyConstraintName: 'fk_sync_submission_event_submission' },
        onDelete: 'CASCADE',
        onUpdate: 'NO ACTION',
        nullable: false,
      },
    },
    indices: [{ name: 'ix_sync_submission_event_submission', columns: ['submissionId', 'at'] }],
  });

  return [unitState, change, row, blob, blobRef, submission, event];
}
