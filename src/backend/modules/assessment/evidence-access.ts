import { In, IsNull, type EntityManager } from 'typeorm';
import { extractCitationIds } from '../../../core/evidence/citations';
import type { CitationStatus } from '../../../core/assessment/gating';
import type { CitationLookup } from '../evidence/citation-hook';
import { EvidenceEntity, EvidenceLinkEntity, type EvidenceRow } from '../evidence/entities';
import { localToday } from '../evidence/evidence.service';
import { AssessmentSummaryEntity, ImprovementItemEntity, RequirementEntryEntity } from './entities';

/**
 * Read-only views of the evidence library for the assessment module: the validity of cited
 * evidence (exists, not deleted, not rejected, not expired, same framework) and where evidence
 * is cited (the evidence module's `CitationLookup` hook).
 */

export { localToday };

export function statusOf(row: EvidenceRow | undefined, evidenceId: string, frameworkId: string, today: string): CitationStatus {
  if (!row || row.deletedAt) {
    return { evidenceId, code: null, title: '', problem: 'missing', unverified: false, validUntil: null };
  }
  const base = {
    evidenceId,
    code: row.code,
    title: row.title,
    validUntil: row.validUntil,
    unverified: row.verification === 'pending',
  };
  if (row.verification === 'rejected') return { ...base, problem: 'rejected', unverified: false };
  if (row.validUntil !== null && row.validUntil < today) return { ...base, problem: 'expired' };
  if (row.frameworkId !== frameworkId) return { ...base, problem: 'other_framework' };
  return { ...base, problem: null };
}

/** Validity of each evidence id (lower case), as of `today`. */
export async function citationStatuses(
  m: EntityManager,
  ids: Iterable<string>,
  frameworkId: string,
  today = localToday(),
): Promise<Map<string, CitationStatus>> {
  const wanted = [...new Set([...ids].map((x) => x.toLowerCase()))];
  const rows = new Map<string, EvidenceRow>();
  for (let i = 0; i < wanted.length; i += 500) {
    const chunk = wanted.slice(i, i + 500);
    for (const r of await m.getRepository(EvidenceEntity).find({ where: { id: In(chunk) } })) rows.set(r.id.toLowerCase(), r);
  }
  return new Map(wanted.map((id) => [id, statusOf(rows.get(id), id, frameworkId, today)]));
}

export function citationsOf(text: string, statuses: ReadonlyMap<string, CitationStatus>, frameworkId: string): CitationStatus[] {
  return extractCitationIds(text).map((id) => statuses.get(id) ?? statusOf(undefined, id, frameworkId, localToday()));
}

/** Evidence linked to a criterion for this assessment (or library-wide), with validity. */
export async function linkedEvidence(
  m: EntityManager,
  frameworkId: string,
  criterionCode: string,
  assessmentId: string,
  today = localToday(),
): Promise<CitationStatus[]> {
  const links = await m.getRepository(EvidenceLinkEntity).find({
    where: [
      { frameworkId, criterionCode, assessmentId, deletedAt: IsNull() },
      { frameworkId, criterionCode, assessmentId: IsNull(), deletedAt: IsNull() },
    ],
  });
  const statuses = await citationStatuses(
    m,
    links.map((l) => l.evidenceId),
    frameworkId,
    today,
  );
  return [...statuses.values()]
    .filter((s) => s.problem !== 'missing')
    .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '', 'vi', { numeric: true }));
}

/** Is there a live link evidence ↔ criterion for this assessment or for every assessment? */
export async function isLinked(
  m: EntityManager,
  evidenceId: string,
  criterionCode: string,
  assessmentId: string,
): Promise<boolean> {
  const n = await m.getRepository(EvidenceLinkEntity).count({
    where: [
      { evidenceId, criterionCode, assessmentId, deletedAt: IsNull() },
      { evidenceId, criterionCode, assessmentId: IsNull(), deletedAt: IsNull() },
    ],
  });
  return n > 0;
}

const SUMMARY_FIELDS = ['strengths', 'weaknesses', 'causes', 'trend', 'priorities'] as const;

/**
 * Where evidence is cited: requirement descriptions and per-standard summaries ({{ev:<id>}}
 * tokens) and improvement-plan rows (evidence showing them done). Pass it to the evidence
 * module (`evidenceHandlers(deps, { citations: assessmentCitations })`) so `evidence.remove`
 * refuses cited evidence and the health report lists uncited items.
 */
export const assessmentCitations: CitationLookup = {
  async isCited(m, evidenceId) {
    const token = `%{{ev:${evidenceId.toLowerCase()}}}%`;
    const entry = await m
      .getRepository(RequirementEntryEntity)
      .createQueryBuilder('e')
      .where('e."deletedAt" IS NULL AND lower(e."description") LIKE :token', { token })
      .getCount();
    if (entry > 0) return true;
    const summary = await m
      .getRepository(AssessmentSummaryEntity)
      .createQueryBuilder('s')
      .where(`s."deletedAt" IS NULL AND (${SUMMARY_FIELDS.map((f) => `lower(s."${f}") LIKE :token`).join(' OR ')})`, { token })
      .getCount();
    if (summary > 0) return true;
    const item = await m
      .getRepository(ImprovementItemEntity)
      .createQueryBuilder('i')
      .where('i."deletedAt" IS NULL AND lower(i."evidenceIds") LIKE :id', { id: `%"${evidenceId.toLowerCase()}"%` })
      .getCount();
    return item > 0;
  },
  async citedEvidenceIds(m) {
    const out = new Set<string>();
    const entries = await m
      .getRepository(RequirementEntryEntity)
      .find({ where: { deletedAt: IsNull() }, select: { description: true } });
    for (const e of entries) for (const id of extractCitationIds(e.description)) out.add(id);
    const summaries = await m.getRepository(AssessmentSummaryEntity).find({ where: { deletedAt: IsNull() } });
    for (const s of summaries) for (const f of SUMMARY_FIELDS) for (const id of extractCitationIds(s[f])) out.add(id);
    const items = await m
      .getRepository(ImprovementItemEntity)
      .find({ where: { deletedAt: IsNull() }, select: { evidenceIds: true } });
    for (const i of items) {
      try {
        for (const id of JSON.parse(i.evidenceIds) as string[]) out.add(String(id).toLowerCase());
      } catch {
        // A malformed list cites nothing.
      }
    }
    return out;
  },
};
