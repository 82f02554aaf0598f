import { EntitySchema } from 'typeorm';
import { syncedColumns, type SyncedRow } from '../../db/entities/base';

/**
 * One evidence (minh chứng): a stored file (content-addressed by SHA-256, see blob-store.ts),
 * a link, or a paper original. `code` is issued from the counter of the criterion it was first
 * filed under; `sortKey` orders codes as numbers. A code is meant to be unique among live rows
 * of a framework, but two computers of a school may issue the same one offline: until the
 * computer whose code the server numbered later renumbers its row (ADR 0013), both stay.
 * `searchText` is the folded text the FTS5 table `evidence_fts` indexes (kept by triggers
 * created in migration 0003; not an entity).
 */
export interface EvidenceRow extends SyncedRow {
  code: string;
  sortKey: string;
  legacyCode: string;
  title: string;
  documentNumber: string;
  issuedDate: string | null;
  issuer: string;
  format: string;
  storageLocation: string;
  url: string;
  kind: 'file' | 'link' | 'paper';
  validFrom: string | null;
  validUntil: string | null;
  notes: string;
  blobHash: string | null;
  fileName: string;
  mimeType: string;
  sizeBytes: number | null;
  firstCriterionCode: string;
  frameworkId: string;
  assessmentId: string | null;
  verification: 'pending' | 'verified' | 'rejected';
  verifiedBy: string | null;
  verifiedAt: string | null;
  rejectReason: string;
  searchText: string;
}

export const EvidenceEntity = new EntitySchema<EvidenceRow>({
  name: 'Evidence',
  tableName: 'evidence',
  columns: {
    ...syncedColumns,
    code: { type: 'varchar', length: 40 },
    sortKey: { type: 'varchar', length: 40 },
    legacyCode: { type: 'varchar', length: 40, default: '' },
    title: { type: 'varchar', length: 500 },
    documentNumber: { type: 'varchar', length: 100, default: '' },
    issuedDate: { type: 'varchar', length: 10, nullable: true },
    issuer: { type: 'varchar', length: 300, default: '' },
    format: { type: 'varchar', length: 60, default: '' },
    storageLocation: { type: 'varchar', length: 500, default: '' },
    url: { type: 'varchar', length: 2000, default: '' },
    kind: { type: 'varchar', length: 10 },
    validFrom: { type: 'varchar', length: 10, nullable: true },
    validUntil: { type: 'varchar', length: 10, nullable: true },
    notes: { type: 'text', default: '' },
    blobHash: { type: 'varchar', length: 64, nullable: true },
    fileName: { type: 'varchar', length: 255, default: '' },
    mimeType: { type: 'varchar', length: 100, default: '' },
    sizeBytes: { type: 'integer', nullable: true },
    firstCriterionCode: { type: 'varchar', length: 20 },
    frameworkId: { type: 'varchar', length: 60 },
    assessmentId: { type: 'varchar', length: 36, nullable: true },
    verification: { type: 'varchar', length: 10, default: 'pending' },
    verifiedBy: { type: 'varchar', length: 36, nullable: true },
    verifiedAt: { type: 'varchar', length: 30, nullable: true },
    rejectReason: { type: 'varchar', length: 500, default: '' },
    searchText: { type: 'text', default: '' },
  },
  indices: [
    // Live evidence by code. Not unique (migration 0006, ADR 0013): a code issued on two computers
    // offline must still be taken from the server, until sync renumbers the later one.
    { name: 'idx_evidence_code_live', columns: ['frameworkId', 'code'], where: '"deletedAt" IS NULL' },
    { name: 'idx_evidence_sort', columns: ['frameworkId', 'sortKey'] },
    { name: 'idx_evidence_blob', columns: ['blobHash'] },
    { name: 'idx_evidence_valid_until', columns: ['validUntil'] },
    { name: 'idx_evidence_assessment', columns: ['assessmentId'] },
  ],
});

/** Evidence ↔ criterion: one evidence serves many criteria with one code. assessmentId null = every assessment. */
export interface EvidenceLinkRow extends SyncedRow {
  evidenceId: string;
  frameworkId: string;
  criterionCode: string;
  assessmentId: string | null;
}

export const EvidenceLinkEntity = new EntitySchema<EvidenceLinkRow>({
  name: 'EvidenceLink',
  tableName: 'evidence_link',
  columns: {
    ...syncedColumns,
    evidenceId: { type: 'varchar', length: 36 },
    frameworkId: { type: 'varchar', length: 60 },
    criterionCode: { type: 'varchar', length: 20 },
    assessmentId: { type: 'varchar', length: 36, nullable: true },
  },
  indices: [
    { name: 'idx_evidence_link_evidence', columns: ['evidenceId'] },
    { name: 'idx_evidence_link_criterion', columns: ['frameworkId', 'criterionCode'] },
  ],
  foreignKeys: [
    { name: 'fk_evidence_link_evidence', columnNames: ['evidenceId'], target: 'Evidence', referencedColumnNames: ['id'] },
  ],
});

/**
 * The last sequence number this computer issued per framework and criterion. Local only (not
 * synced, not change-logged; ADR 0013): two computers would each create the row for the same
 * criterion. It is a hint; what keeps a code from being issued twice is that `issueCode` skips
 * every code any evidence row of the framework carries, tombstones included, so a deleted or
 * moved evidence leaves a gap, as TT 57 practice expects. Rows are never removed. (The synced
 * base columns stay from the time the table was synced; they cost nothing.)
 */
export interface EvidenceCodeCounterRow extends SyncedRow {
  frameworkId: string;
  criterionCode: string;
  lastSeq: number;
}

export const EvidenceCodeCounterEntity = new EntitySchema<EvidenceCodeCounterRow>({
  name: 'EvidenceCodeCounter',
  tableName: 'evidence_code_counter',
  columns: {
    ...syncedColumns,
    frameworkId: { type: 'varchar', length: 60 },
    criterionCode: { type: 'varchar', length: 20 },
    lastSeq: { type: 'integer', default: 0 },
  },
  indices: [{ name: 'idx_evidence_code_counter_key', columns: ['frameworkId', 'criterionCode'], unique: true }],
});

/** Entities of the evidence module; all of them, and the synced subset (counters stay on this computer). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const EVIDENCE_ENTITIES: EntitySchema<any>[] = [EvidenceEntity, EvidenceLinkEntity, EvidenceCodeCounterEntity];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const EVIDENCE_SYNCED: EntitySchema<any>[] = [EvidenceEntity, EvidenceLinkEntity];
