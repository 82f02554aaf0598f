import { In, IsNull, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { RpcError } from '../../../contract/rpc';
import type {
  Evidence,
  EvidenceKind,
  EvidenceLink,
  EvidenceRef,
  evidenceListInputSchema,
  evidenceMetaInputSchema,
  EvidenceSettings,
  Verification,
} from '../../../contract/schemas/evidence';
import {
  canonicalEvidenceCode,
  compareCriterionCodes,
  evidenceCodeSortKey,
  formatCodeFromTemplate,
  splitCriterionCode,
} from '../../../core/evidence/codes';
import { LINK_FORMAT_LABEL, PAPER_FORMAT_LABEL } from '../../../core/evidence/file-types';
import { evidenceSearchText, planEvidenceSearch } from '../../../core/evidence/search';
import { newId, nowIso } from '../../db/clock';
import { MetaEntity } from '../../db/entities';
import type { SyncTx } from '../../db/sync-tx';
import type { CitationLookup } from './citation-hook';
import { checkCriterion, type CodeRules } from './code-rules';
import {
  EvidenceCodeCounterEntity,
  EvidenceEntity,
  EvidenceLinkEntity,
  type EvidenceLinkRow,
  type EvidenceRow,
} from './entities';

export type EvidenceMeta = z.output<typeof evidenceMetaInputSchema>;
export type ListInput = z.output<typeof evidenceListInputSchema>;

export interface Filing {
  criterionCode: string;
  assessmentId?: string | null;
  box?: number;
}

/** The stored file of a new file evidence. */
export interface StoredFile {
  sha256: string;
  sizeBytes: number;
  fileName: string;
  mimeType: string;
  format: string;
}

/** The machine's local date, YYYY-MM-DD (expiry is a calendar matter, not UTC). */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

// ---------------------------------------------------------------------------------------------
// Reading

function linkDto(e: EvidenceRow, l: EvidenceLinkRow): EvidenceLink {
  return {
    id: l.id,
    criterionCode: l.criterionCode,
    assessmentId: l.assessmentId,
    isFirst: l.criterionCode === e.firstCriterionCode,
  };
}

export function toDto(row: EvidenceRow, links: EvidenceLinkRow[], today = localToday()): Evidence {
  const mine = links.filter((l) => l.evidenceId === row.id && !l.deletedAt);
  const criteria = [...new Set(mine.map((l) => l.criterionCode))].sort(compareCriterionCodes);
  return {
    id: row.id,
    code: row.code,
    legacyCode: row.legacyCode,
    title: row.title,
    documentNumber: row.documentNumber,
    issuedDate: row.issuedDate,
    issuer: row.issuer,
    format: row.format,
    storageLocation: row.storageLocation,
    url: row.url,
    kind: row.kind,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    notes: row.notes,
    sha256: row.blobHash,
    fileName: row.fileName,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes === null || row.sizeBytes === undefined ? null : Number(row.sizeBytes),
    firstCriterionCode: row.firstCriterionCode,
    frameworkId: row.frameworkId,
    assessmentId: row.assessmentId,
    verification: row.verification,
    verifiedBy: row.verifiedBy,
    verifiedAt: row.verifiedAt,
    rejectReason: row.rejectReason,
    criteria,
    links: mine.map((l) => linkDto(row, l)),
    expired: row.validUntil !== null && row.validUntil < today,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    rev: row.rev,
  };
}

export const refOf = (row: Pick<EvidenceRow, 'id' | 'code' | 'title'>): EvidenceRef => ({
  id: row.id,
  code: row.code,
  title: row.title,
});

export async function liveLinks(m: EntityManager, evidenceIds: string[]): Promise<EvidenceLinkRow[]> {
  if (evidenceIds.length === 0) return [];
  const out: EvidenceLinkRow[] = [];
  for (let i = 0; i < evidenceIds.length; i += 500) {
    const chunk = evidenceIds.slice(i, i + 500);
    out.push(
      ...(await m.getRepository(EvidenceLinkEntity).find({
        where: { evidenceId: In(chunk), deletedAt: IsNull() },
        order: { createdAt: 'ASC' },
      })),
    );
  }
  return out;
}

export async function liveRow(m: EntityManager, id: string): Promise<EvidenceRow> {
  const row = await m.getRepository(EvidenceEntity).findOneBy({ id, deletedAt: IsNull() });
  if (!row) throw new RpcError('NOT_FOUND', 'Không tìm thấy minh chứng (có thể đã bị xóa).');
  return row;
}

export async function getEvidence(m: EntityManager, id: string): Promise<Evidence> {
  const row = await liveRow(m, id);
  return toDto(row, await liveLinks(m, [row.id]));
}

/** By code, in either the canonical or an accepted spelling ("[H1-1.1-01]"). */
export async function getEvidenceByCode(m: EntityManager, frameworkId: string, code: string): Promise<Evidence> {
  const repo = m.getRepository(EvidenceEntity);
  const candidates = [code.trim(), canonicalEvidenceCode(code)].filter((c): c is string => Boolean(c));
  for (const c of candidates) {
    const row = await repo.findOneBy({ frameworkId, code: c, deletedAt: IsNull() });
    if (row) return toDto(row, await liveLinks(m, [row.id]));
  }
  throw new RpcError('NOT_FOUND', `Không có minh chứng mã ${code.trim()}.`);
}

export async function listEvidence(m: EntityManager, input: ListInput): Promise<{ items: Evidence[]; total: number }> {
  const where: string[] = ['e."deletedAt" IS NULL'];
  const params: unknown[] = [];
  if (input.frameworkId) {
    where.push('e."frameworkId" = ?');
    params.push(input.frameworkId);
  }
  if (input.assessmentId) {
    where.push('(e."assessmentId" = ? OR e."assessmentId" IS NULL)');
    params.push(input.assessmentId);
  }
  if (input.verification) {
    where.push('e."verification" = ?');
    params.push(input.verification);
  }
  if (input.kind) {
    where.push('e."kind" = ?');
    params.push(input.kind);
  }
  if (input.expiringBefore) {
    where.push('e."validUntil" IS NOT NULL AND e."validUntil" < ?');
    params.push(input.expiringBefore);
  }
  if (input.criterionCode) {
    const scope = input.assessmentId ? ' AND (l."assessmentId" = ? OR l."assessmentId" IS NULL)' : '';
    where.push(
      `EXISTS (SELECT 1 FROM "evidence_link" l WHERE l."evidenceId" = e."id" AND l."deletedAt" IS NULL AND l."frameworkId" = e."frameworkId" AND l."criterionCode" = ?${scope})`,
    );
    params.push(input.criterionCode);
    if (input.assessmentId) params.push(input.assessmentId);
  }
  if (input.q && input.q.trim()) {
    const plan = planEvidenceSearch(input.q);
    if (plan.match) {
      where.push('e."id" IN (SELECT "evidenceId" FROM "evidence_fts" WHERE "evidence_fts" MATCH ?)');
      params.push(plan.match);
    }
    for (const term of plan.likeTerms) {
      where.push(`e."searchText" LIKE ? ESCAPE '\\'`);
      params.push(`%${term}%`);
    }
  }
  const clause = where.join(' AND ');
  const [{ n }] = (await m.query(`SELECT COUNT(*) AS n FROM "evidence" e WHERE ${clause}`, params)) as [{ n: number }];
  const ids = (await m.query(
    `SELECT e."id" AS id FROM "evidence" e WHERE ${clause} ORDER BY e."frameworkId", e."sortKey", e."createdAt" LIMIT ? OFFSET ?`,
    [...params, input.limit, input.offset],
  )) as { id: string }[];
  const rows = ids.length ? await m.getRepository(EvidenceEntity).findBy({ id: In(ids.map((r) => r.id)) }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const links = await liveLinks(
    m,
    rows.map((r) => r.id),
  );
  const today = localToday();
  return { items: ids.map((r) => toDto(byId.get(r.id)!, links, today)), total: Number(n) };
}

// ---------------------------------------------------------------------------------------------
// Codes

const SETTINGS_KEY = 'evidence.settings';
type SettingsDoc = { boxes: Record<string, Record<string, number>> };

async function readSettings(m: EntityManager): Promise<SettingsDoc> {
  const row = await m.getRepository(MetaEntity).findOneBy({ key: SETTINGS_KEY });
  if (!row) return { boxes: {} };
  try {
    const doc = JSON.parse(row.value) as Partial<SettingsDoc>;
    return { boxes: doc.boxes ?? {} };
  } catch {
    return { boxes: {} };
  }
}

export async function getSettings(m: EntityManager, frameworkId: string): Promise<EvidenceSettings> {
  const doc = await readSettings(m);
  return { frameworkId, boxes: doc.boxes[frameworkId] ?? {} };
}

/** Installation-wide box numbers (hộp minh chứng) per standard, for legacy codes issued from now on. */
export async function updateSettings(tx: SyncTx, rules: CodeRules, boxes: Record<string, number>): Promise<EvidenceSettings> {
  if (!rules.boxConfigurable && Object.keys(boxes).length > 0) {
    throw new RpcError('VALIDATION', `Mã minh chứng của ${rules.frameworkTitle} không có số hộp.`, {
      boxes: 'Khung này không dùng số hộp',
    });
  }
  const doc = await readSettings(tx.manager);
  doc.boxes[rules.frameworkId] = { ...boxes };
  await tx.manager.getRepository(MetaEntity).save({ key: SETTINGS_KEY, value: JSON.stringify(doc) });
  return { frameworkId: rules.frameworkId, boxes: doc.boxes[rules.frameworkId]! };
}

async function boxFor(m: EntityManager, rules: CodeRules, criterionCode: string, explicit?: number): Promise<number | undefined> {
  if (!rules.boxConfigurable) return undefined;
  if (explicit !== undefined) return explicit;
  const standard = String(splitCriterionCode(criterionCode)!.standard);
  return (await readSettings(m)).boxes[rules.frameworkId]?.[standard];
}

/**
 * Issues the next code of a criterion: counter + 1, skipping any number whose code any evidence
 * row of the framework carries, live or tombstoned (rows that arrived by sync or import, and
 * codes issued and deleted on another computer of the school). So a code is never issued
 * twice, even after its evidence was deleted or moved away. The counter is local to this
 * computer and written without the change log (ADR 0013): it only saves the search from
 * starting at 1.
 */
export async function issueCode(
  m: EntityManager,
  rules: CodeRules,
  criterionCode: string,
  explicitBox?: number,
): Promise<{ code: string; sortKey: string }> {
  const counters = m.getRepository(EvidenceCodeCounterEntity);
  const evidence = m.getRepository(EvidenceEntity);
  const counter = await counters.findOneBy({ frameworkId: rules.frameworkId, criterionCode });
  const box = await boxFor(m, rules, criterionCode, explicitBox);
  let seq = counter?.lastSeq ?? 0;
  let code: string;
  do {
    seq++;
    code = formatCodeFromTemplate(rules.template, criterionCode, seq, box);
  } while (await evidence.existsBy({ frameworkId: rules.frameworkId, code }));
  const now = nowIso();
  if (counter) await counters.update({ id: counter.id }, { lastSeq: seq, updatedAt: now, rev: counter.rev + 1 });
  else {
    await counters.insert({
      id: newId(),
      frameworkId: rules.frameworkId,
      criterionCode,
      lastSeq: seq,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      rev: 1,
    });
  }
  return { code, sortKey: evidenceCodeSortKey(code) };
}

/**
 * Gives a live evidence a fresh code under its first criterion, as an ordinary logged edit of
 * `code`, `sortKey` and `searchText` (so the next push carries it). Sync uses it when another
 * computer's evidence got the same code first (ADR 0013). Citations are by id and follow.
 */
export async function renumberEvidence(
  tx: SyncTx,
  rules: CodeRules,
  id: string,
): Promise<{ oldCode: string; newCode: string; title: string }> {
  const row = await liveRow(tx.manager, id);
  const { code, sortKey } = await issueCode(tx.manager, rules, row.firstCriterionCode);
  await tx.update(EvidenceEntity, id, { code, sortKey, searchText: searchTextOf({ ...row, code }) });
  return { oldCode: row.code, newCode: code, title: row.title };
}

// ---------------------------------------------------------------------------------------------
// Writing

type Fields = Omit<EvidenceRow, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'rev' | 'code' | 'sortKey' | 'searchText'>;

function searchTextOf(
  r: Pick<
    EvidenceRow,
    'code' | 'legacyCode' | 'title' | 'documentNumber' | 'issuer' | 'format' | 'storageLocation' | 'url' | 'fileName' | 'notes'
  >,
): string {
  return evidenceSearchText([
    r.code,
    r.legacyCode,
    r.title,
    r.documentNumber,
    r.issuer,
    r.format,
    r.storageLocation,
    r.url,
    r.fileName,
    r.notes,
  ]);
}

function checkDates(meta: { validFrom?: string | null; validUntil?: string | null }): void {
  if (meta.validFrom && meta.validUntil && meta.validUntil < meta.validFrom) {
    throw new RpcError('VALIDATION', 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.', {
      'meta.validUntil': 'Phải sau ngày bắt đầu hiệu lực',
    });
  }
}

function baseFields(rules: CodeRules, filing: Filing, kind: EvidenceKind, meta: EvidenceMeta, title: string): Fields {
  checkDates(meta);
  return {
    legacyCode: meta.legacyCode ?? '',
    title,
    documentNumber: meta.documentNumber ?? '',
    issuedDate: meta.issuedDate ?? null,
    issuer: meta.issuer ?? '',
    format: meta.format || (kind === 'link' ? LINK_FORMAT_LABEL : kind === 'paper' ? PAPER_FORMAT_LABEL : ''),
    storageLocation: meta.storageLocation ?? '',
    url: meta.url ?? '',
    kind,
    validFrom: meta.validFrom ?? null,
    validUntil: meta.validUntil ?? null,
    notes: meta.notes ?? '',
    blobHash: null,
    fileName: '',
    mimeType: '',
    sizeBytes: null,
    firstCriterionCode: filing.criterionCode,
    frameworkId: rules.frameworkId,
    assessmentId: filing.assessmentId ?? null,
    verification: 'pending',
    verifiedBy: null,
    verifiedAt: null,
    rejectReason: '',
  };
}

async function insertEvidence(tx: SyncTx, rules: CodeRules, filing: Filing, fields: Fields): Promise<Evidence> {
  const criterionCode = checkCriterion(rules, filing.criterionCode);
  const { code, sortKey } = await issueCode(tx.manager, rules, criterionCode, filing.box);
  const row = await tx.insert(EvidenceEntity, {
    ...fields,
    firstCriterionCode: criterionCode,
    code,
    sortKey,
    searchText: searchTextOf({ ...fields, code }),
  });
  await tx.insert(EvidenceLinkEntity, {
    evidenceId: row.id,
    frameworkId: rules.frameworkId,
    criterionCode,
    assessmentId: filing.assessmentId ?? null,
  });
  return getEvidence(tx.manager, row.id);
}

/** Link-only (url required) or paper evidence. */
export async function addLinkEvidence(
  tx: SyncTx,
  rules: CodeRules,
  filing: Filing,
  kind: 'link' | 'paper',
  meta: EvidenceMeta,
): Promise<Evidence> {
  const title = meta.title ?? '';
  if (!title) throw new RpcError('VALIDATION', 'Vui lòng nhập tên minh chứng.', { 'meta.title': 'Vui lòng nhập tên minh chứng' });
  if (kind === 'link' && !meta.url)
    throw new RpcError('VALIDATION', 'Minh chứng dạng đường dẫn cần có đường dẫn.', { 'meta.url': 'Vui lòng nhập đường dẫn' });
  return insertEvidence(tx, rules, filing, baseFields(rules, filing, kind, meta, title));
}

/** A file evidence pointing at a blob already in the store. */
export async function addFileEvidence(
  tx: SyncTx,
  rules: CodeRules,
  filing: Filing,
  file: StoredFile,
  meta: EvidenceMeta,
  defaultTitle: string,
): Promise<Evidence> {
  const fields = baseFields(rules, filing, 'file', meta, meta.title || defaultTitle);
  return insertEvidence(tx, rules, filing, {
    ...fields,
    format: meta.format || file.format,
    blobHash: file.sha256,
    fileName: file.fileName,
    mimeType: file.mimeType,
    sizeBytes: file.sizeBytes,
  });
}

/** Live evidence using these bytes, oldest first. */
export async function evidenceWithBlob(m: EntityManager, sha256: string): Promise<EvidenceRow[]> {
  return m.getRepository(EvidenceEntity).find({ where: { blobHash: sha256, deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
}

export async function updateEvidence(
  tx: SyncTx,
  id: string,
  change: { meta: EvidenceMeta; kind?: 'link' | 'paper'; fileName?: string; expectedRev?: number },
): Promise<Evidence> {
  const row = await liveRow(tx.manager, id);
  const { meta } = change;
  if (change.kind && row.kind === 'file') {
    throw new RpcError(
      'VALIDATION',
      'Minh chứng dạng tệp không đổi được sang đường dẫn hoặc bản giấy; hãy thêm minh chứng mới.',
      { kind: 'Không đổi được loại của minh chứng dạng tệp' },
    );
  }
  if (change.fileName !== undefined && row.kind !== 'file') {
    throw new RpcError('VALIDATION', 'Chỉ minh chứng dạng tệp mới có tên tệp.', { fileName: 'Minh chứng này không có tệp' });
  }
  if (meta.title !== undefined && meta.title === '')
    throw new RpcError('VALIDATION', 'Vui lòng nhập tên minh chứng.', { 'meta.title': 'Vui lòng nhập tên minh chứng' });
  const next: EvidenceRow = { ...row };
  for (const [k, v] of Object.entries(meta)) if (v !== undefined) (next as unknown as Record<string, unknown>)[k] = v;
  if (change.kind) next.kind = change.kind;
  if (change.fileName !== undefined) next.fileName = change.fileName;
  checkDates(next);
  if (next.kind === 'link' && !next.url)
    throw new RpcError('VALIDATION', 'Minh chứng dạng đường dẫn cần có đường dẫn.', { 'meta.url': 'Vui lòng nhập đường dẫn' });
  const patch: Partial<EvidenceRow> = {
    title: next.title,
    legacyCode: next.legacyCode,
    documentNumber: next.documentNumber,
    issuedDate: next.issuedDate,
    issuer: next.issuer,
    format: next.format,
    storageLocation: next.storageLocation,
    url: next.url,
    kind: next.kind,
    validFrom: next.validFrom,
    validUntil: next.validUntil,
    notes: next.notes,
    fileName: next.fileName,
    searchText: searchTextOf(next),
  };
  await tx.update(EvidenceEntity, id, patch, change.expectedRev);
  return getEvidence(tx.manager, id);
}

async function findLink(
  m: EntityManager,
  e: EvidenceRow,
  criterionCode: string,
  assessmentId: string | null,
): Promise<EvidenceLinkRow | null> {
  return m.getRepository(EvidenceLinkEntity).findOneBy({
    evidenceId: e.id,
    frameworkId: e.frameworkId,
    criterionCode,
    assessmentId: assessmentId ?? IsNull(),
    deletedAt: IsNull(),
  });
}

/** The same evidence, with the same code, also serves another criterion. Idempotent. */
export async function linkCriterion(
  tx: SyncTx,
  rules: CodeRules,
  id: string,
  criterionCode: string,
  assessmentId: string | null,
): Promise<Evidence> {
  const row = await liveRow(tx.manager, id);
  const code = checkCriterion(rules, criterionCode);
  if (!(await findLink(tx.manager, row, code, assessmentId))) {
    await tx.insert(EvidenceLinkEntity, { evidenceId: row.id, frameworkId: row.frameworkId, criterionCode: code, assessmentId });
  }
  return getEvidence(tx.manager, id);
}

export async function unlinkCriterion(
  tx: SyncTx,
  id: string,
  criterionCode: string,
  assessmentId: string | null,
): Promise<Evidence> {
  const row = await liveRow(tx.manager, id);
  if (criterionCode === row.firstCriterionCode) {
    const others = (await liveLinks(tx.manager, [id])).filter(
      (l) => l.criterionCode === criterionCode && l.assessmentId !== assessmentId,
    );
    if (others.length === 0) {
      throw new RpcError(
        'VALIDATION',
        `Mã ${row.code} được cấp theo tiêu chí ${criterionCode}; không gỡ được tiêu chí gốc. Hãy dùng "Chuyển tiêu chí" để đổi mã.`,
        { criterionCode: 'Đây là tiêu chí gốc của mã minh chứng' },
      );
    }
  }
  const link = await findLink(tx.manager, row, criterionCode, assessmentId);
  if (!link) throw new RpcError('NOT_FOUND', `Minh chứng ${row.code} chưa được gắn với tiêu chí ${criterionCode}.`);
  await tx.remove(EvidenceLinkEntity, link.id);
  return getEvidence(tx.manager, id);
}

/** Renumbers: files the evidence under a new first criterion with a fresh code from its counter. */
export async function moveEvidence(
  tx: SyncTx,
  rules: CodeRules,
  id: string,
  criterionCode: string,
  opts: { box?: number; keepOldLink: boolean },
): Promise<{ evidence: Evidence; oldCode: string; newCode: string }> {
  const row = await liveRow(tx.manager, id);
  const target = checkCriterion(rules, criterionCode);
  if (target === row.firstCriterionCode && opts.box === undefined) {
    throw new RpcError('VALIDATION', `Minh chứng ${row.code} đã thuộc tiêu chí ${target}.`, {
      criterionCode: 'Hãy chọn tiêu chí khác',
    });
  }
  const oldCode = row.code;
  const { code, sortKey } = await issueCode(tx.manager, rules, target, opts.box);
  await tx.update(EvidenceEntity, id, { code, sortKey, firstCriterionCode: target, searchText: searchTextOf({ ...row, code }) });
  const links = await liveLinks(tx.manager, [id]);
  if (!opts.keepOldLink && target !== row.firstCriterionCode) {
    for (const l of links) if (l.criterionCode === row.firstCriterionCode) await tx.remove(EvidenceLinkEntity, l.id);
  }
  if (!links.some((l) => l.criterionCode === target && l.assessmentId === row.assessmentId)) {
    await tx.insert(EvidenceLinkEntity, {
      evidenceId: id,
      frameworkId: row.frameworkId,
      criterionCode: target,
      assessmentId: row.assessmentId,
    });
  }
  return { evidence: await getEvidence(tx.manager, id), oldCode, newCode: code };
}

export async function verifyEvidence(tx: SyncTx, id: string, status: Verification, reason: string): Promise<Evidence> {
  await liveRow(tx.manager, id);
  const pending = status === 'pending';
  await tx.update(EvidenceEntity, id, {
    verification: status,
    verifiedBy: pending ? null : tx.actor,
    verifiedAt: pending ? null : nowIso(),
    rejectReason: status === 'rejected' ? reason : '',
  });
  return getEvidence(tx.manager, id);
}

/** Tombstones the evidence and its links; the code stays used (issueCode skips tombstoned codes). */
export async function removeEvidence(tx: SyncTx, id: string, citations: CitationLookup): Promise<void> {
  const row = await liveRow(tx.manager, id);
  if (await citations.isCited(tx.manager, id)) {
    throw new RpcError(
      'CONFLICT',
      `Minh chứng ${row.code} đang được trích dẫn trong phần mô tả; hãy bỏ trích dẫn trước khi xóa.`,
    );
  }
  for (const l of await liveLinks(tx.manager, [id])) await tx.remove(EvidenceLinkEntity, l.id);
  await tx.remove(EvidenceEntity, id);
}
