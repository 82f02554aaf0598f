import { createHash } from 'node:crypto';
import { IsNull, type EntityManager, type EntitySchema } from 'typeorm';
import { canonicalJson, type DossierManifest, type SnapshotRow, type SubmissionKind } from '../../../contract/sync-protocol';
import { RpcError } from '../../../contract/rpc';
import { SchoolEntity, SchoolSiteEntity, SYNCED_ENTITIES } from '../../db/entities';
import { ASSETS_SYNCED } from '../assets/entities';
import { blobHashesIn, columnsOf, LOCAL_ONLY, syncedSchemas, tableOf } from './registry';

/**
 * What goes into a submitted dossier. A collector returns the rows of the snapshot; files
 * follow from their blob fields. Modules plug in their own with `registerDossierCollector`
 * (the assessment module will, once its tables exist); until then the generic ones below
 * collect by reference.
 */
export type DossierSubject = { kind: 'assessment'; assessmentId: string } | { kind: 'inventory' };
export type DossierCollector = (m: EntityManager, subject: DossierSubject) => Promise<SnapshotRow[]>;

export const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** SHA-256 of a snapshot row (same function on the server). */
export const rowHash = (r: SnapshotRow) => sha256Hex(canonicalJson({ entity: r.entity, id: r.id, data: r.data }));
export const manifestHash = (m: DossierManifest) => sha256Hex(canonicalJson(m));

/** Live rows of an entity matching `where` (column = value), as snapshot rows. */
async function rowsOf(m: EntityManager, schema: EntitySchema, where: Record<string, unknown>): Promise<SnapshotRow[]> {
  const cols = columnsOf(m.connection, schema);
  const conds = Object.keys(where).filter((k) => cols.has(k));
  if (conds.length !== Object.keys(where).length) return [];
  const found = (await m
    .getRepository(schema)
    .find({ where: { ...where, deletedAt: IsNull() } as never, order: { id: 'ASC' } as never })) as Record<string, unknown>[];
  return found.map((row) => snapshotRow(schema.options.name, row));
}

/** A row as frozen: every column except the local revision counter. */
export function snapshotRow(entity: string, row: Record<string, unknown>): SnapshotRow {
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!LOCAL_ONLY.has(k)) data[k] = v;
  return { entity, id: String(row.id), data };
}

/** The school profile and its sites: every dossier says whose it is. */
async function schoolRows(m: EntityManager): Promise<SnapshotRow[]> {
  return [...(await rowsOf(m, SchoolEntity, {})), ...(await rowsOf(m, SchoolSiteEntity, {}))];
}

/**
 * Generic assessment dossier: every synced row whose `assessmentId` is the assessment, the
 * row whose id it is, the evidence those rows point to (`evidenceId`), and the school.
 */
export const collectAssessment: DossierCollector = async (m, subject) => {
  if (subject.kind !== 'assessment') return [];
  const id = subject.assessmentId;
  const found = new Map<string, SnapshotRow>();
  const add = (rows: SnapshotRow[]) => rows.forEach((r) => found.set(`${r.entity}\u0000${r.id}`, r));
  const schemas = syncedSchemas();
  for (const schema of SYNCED_ENTITIES) {
    add(await rowsOf(m, schema, { id }));
    add(await rowsOf(m, schema, { assessmentId: id }));
  }
  if (found.size === 0) throw new RpcError('NOT_FOUND', 'Không tìm thấy đợt tự đánh giá này hoặc chưa có dữ liệu nào của nó.');
  const evidence = schemas.get('Evidence');
  if (evidence) {
    const refs = [...found.values()].map((r) => r.data.evidenceId).filter((v): v is string => typeof v === 'string');
    for (const evidenceId of new Set(refs)) add(await rowsOf(m, evidence, { id: evidenceId }));
  }
  add(await schoolRows(m));
  return [...found.values()];
};

/** Inventory dossier: every live row of the asset module's synced tables, and the school. */
export const collectInventory: DossierCollector = async (m) => {
  const rows: SnapshotRow[] = [];
  for (const schema of ASSETS_SYNCED) rows.push(...(await rowsOf(m, schema, {})));
  rows.push(...(await schoolRows(m)));
  return rows;
};

export const dossierCollectors: Record<SubmissionKind, DossierCollector> = {
  assessment: collectAssessment,
  inventory: collectInventory,
};

/** For modules: replace the collector of a dossier kind (e.g. the assessment module's own). */
export function registerDossierCollector(kind: SubmissionKind, collector: DossierCollector): void {
  dossierCollectors[kind] = collector;
}

/** Rows sorted, files listed: the body of a submission, and its manifest. */
export function buildDossier(
  rows: SnapshotRow[],
  blobSizes: Map<string, number>,
  head: Omit<DossierManifest, 'rows' | 'blobs'>,
): { manifest: DossierManifest; manifestHash: string; rows: SnapshotRow[] } {
  const sorted = [...rows].sort((a, b) =>
    a.entity === b.entity ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.entity < b.entity ? -1 : 1,
  );
  const manifest: DossierManifest = {
    ...head,
    rows: sorted.map((r) => ({ entity: r.entity, id: r.id, sha256: rowHash(r) })),
    blobs: [...blobSizes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([sha256, sizeBytes]) => ({ sha256, sizeBytes })),
  };
  return { manifest, manifestHash: manifestHash(manifest), rows: sorted };
}

export function blobsOfRows(rows: SnapshotRow[]): Set<string> {
  const set = new Set<string>();
  for (const r of rows) for (const h of blobHashesIn(r.entity, r.data)) set.add(h);
  return set;
}

export { tableOf };
