/**
 * Everything the documents print, read once from the live data through the assessment and
 * evidence modules' own read services (levels with backing, readiness, council, plan,
 * summaries with the 3-year trend, improvement plan, data annex) — the generators are pure
 * functions of this object, so preview and build agree on every gap.
 */
import { In, IsNull, type EntityManager } from 'typeorm';
import type { EducationLevel } from '../../contract/schemas/common';
import { backedCriterionLevel, levelConsidered, type CitationStatus } from '../../core/assessment/gating';
import { allCriteria, levelLabel, requirementsAt, standardOf } from '../../core/frameworks/lookup';
import type { Criterion, LevelsFramework } from '../../core/frameworks/framework.schema';
import { extractCitationIds } from '../../core/evidence/citations';
import { compareCriterionCodes } from '../../core/evidence/codes';
import { SchoolEntity, SchoolSiteEntity } from '../db/entities';
import type { FrameworkRegistry } from '../frameworks/framework-loader';
import type { Actor, Workspace } from '../modules/assessment/context';
import { loadWorkspace } from '../modules/assessment/context';
import { getCouncil, listAssignments } from '../modules/assessment/council.service';
import type {
  AssignmentRow,
  CouncilDto,
  ImprovementPlanDto,
  PlanDto,
  ReadinessDto,
  SchoolDataDto,
  SummariesDto,
} from '../modules/assessment/dto';
import { getImprovement } from '../modules/assessment/improvement.service';
import { computeLevels, loadData, readinessOf } from '../modules/assessment/levels.service';
import { getPlan } from '../modules/assessment/plan.service';
import { getSchoolData } from '../modules/assessment/school-data.service';
import { listSummaries } from '../modules/assessment/summary.service';
import { EvidenceEntity, EvidenceLinkEntity, type EvidenceRow } from '../modules/evidence/entities';
import { dataRevision, readTexts, type ReportTexts } from './store';
import { localIsoDate } from './text';

export interface SchoolInfo {
  name: string;
  code: string;
  managingBody: string;
  address: string;
  province: string;
  principal: string;
  phone: string;
  email: string;
  ownership: string;
  levels: string[];
  sites: number;
}

export interface RequirementReport {
  level: number;
  code: string;
  text: string;
  /** Stored text with {{ev:<id>}} tokens. */
  description: string;
  judgment: 'met' | 'not_met' | 'unassessed';
  needsConfirmation: boolean;
  /** Judged met and backed by a description and valid evidence (what the engine counts). */
  counted: boolean;
  citations: CitationStatus[];
}

export interface LevelReport {
  level: number;
  label: string;
  /** Mức 1, or the criterion reached the level below (Mức 2 is looked at only when Mức 1 is met). */
  considered: boolean;
  requirements: RequirementReport[];
}

export interface CriterionReport {
  code: string;
  title: string;
  mandatory: boolean;
  standardCode: string;
  /** Level reached with backing (the engine's), 0 = not met. */
  level: number;
  levelLabel: string;
  assessed: boolean;
  reviewState: string;
  levels: LevelReport[];
  criterion: Criterion;
}

export interface EvidenceItem {
  id: string;
  code: string;
  legacyCode: string;
  title: string;
  kind: 'file' | 'link' | 'paper';
  format: string;
  storageLocation: string;
  url: string;
  fileName: string;
  mimeType: string;
  sha256: string | null;
  sizeBytes: number | null;
  documentNumber: string;
  issuedDate: string | null;
  issuer: string;
  notes: string;
  validUntil: string | null;
  verification: 'pending' | 'verified' | 'rejected';
  firstCriterionCode: string;
  sortKey: string;
  /** Criteria it serves (links for this assessment or every assessment), sorted. */
  criteria: string[];
  /** Criteria whose descriptions cite it, sorted. */
  citedIn: string[];
}

export interface ReportData {
  today: string;
  generatedAt: string;
  dataRevision: number;
  school: SchoolInfo;
  assessment: {
    id: string;
    schoolYear: string;
    educationLevel: EducationLevel;
    title: string;
    status: 'in_progress' | 'approved';
    approvedAt: string | null;
  };
  fw: LevelsFramework;
  texts: ReportTexts;
  council: CouncilDto;
  assignments: AssignmentRow[];
  plan: PlanDto;
  criteria: CriterionReport[];
  school_level: { level: number; label: string; explanation: string };
  readiness: ReadinessDto;
  summaries: SummariesDto;
  improvement: ImprovementPlanDto;
  schoolData: SchoolDataDto;
  evidence: EvidenceItem[];
  /** Evidence id (lower case) → current code, for every evidence cited or listed. */
  codeById: Map<string, string>;
}

export interface LoadDeps {
  frameworks: FrameworkRegistry;
}

async function loadSchool(m: EntityManager): Promise<SchoolInfo> {
  const row = await m.getRepository(SchoolEntity).findOne({ where: { deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
  const sites = row ? await m.getRepository(SchoolSiteEntity).count({ where: { schoolId: row.id, deletedAt: IsNull() } }) : 0;
  let levels: string[] = [];
  try {
    levels = row ? (JSON.parse(row.levels) as string[]) : [];
  } catch {
    levels = [];
  }
  return {
    name: row?.name ?? '',
    code: row?.code ?? '',
    managingBody: row?.managingBody ?? '',
    address: row?.address ?? '',
    province: row?.province ?? '',
    principal: row?.principal ?? '',
    phone: row?.phone ?? '',
    email: row?.email ?? '',
    ownership: row?.ownership ?? '',
    levels,
    sites,
  };
}

function criterionReports(ws: Workspace, data: Awaited<ReturnType<typeof loadData>>): CriterionReport[] {
  const { results, assessed } = computeLevels(ws, data.forLevels);
  return allCriteria(ws.fw).map((c) => {
    const entries = data.forLevels.filter((e) => e.criterionCode === c.code);
    const result = results[c.code] ?? backedCriterionLevel(ws.fw, c, entries);
    return {
      code: c.code,
      title: c.title,
      mandatory: c.mandatory,
      standardCode: standardOf(ws.fw, c.code)!.code,
      level: result.level,
      levelLabel: levelLabel(ws.fw, result.level),
      assessed: assessed.has(c.code),
      reviewState: data.records.get(c.code)?.reviewState ?? 'draft',
      criterion: c,
      levels: c.levels.map((lv) => ({
        level: lv.level,
        label: levelLabel(ws.fw, lv.level),
        considered: levelConsidered(result, lv.level),
        requirements: requirementsAt(c, lv.level).map((req) => {
          const e = entries.find((x) => x.level === lv.level && x.requirementCode === req.code);
          const counted =
            !!e && !e.needsConfirmation && e.judgment === 'met' && e.description.trim() !== '' && e.validEvidenceIds.length > 0;
          return {
            level: lv.level,
            code: req.code,
            text: req.text,
            description: e?.description ?? '',
            judgment: e?.judgment ?? 'unassessed',
            needsConfirmation: e?.needsConfirmation ?? false,
            counted,
            citations: [...(e?.citations ?? [])],
          };
        }),
      })),
    };
  });
}

async function loadEvidence(m: EntityManager, ws: Workspace, criteria: CriterionReport[]): Promise<EvidenceItem[]> {
  const links = await m.getRepository(EvidenceLinkEntity).find({
    where: [
      { frameworkId: ws.fw.id, assessmentId: ws.row.id, deletedAt: IsNull() },
      { frameworkId: ws.fw.id, assessmentId: IsNull(), deletedAt: IsNull() },
    ],
  });
  const cited = new Map<string, Set<string>>();
  for (const c of criteria) {
    for (const lv of c.levels) {
      for (const r of lv.requirements) {
        for (const id of extractCitationIds(r.description)) {
          if (!cited.has(id)) cited.set(id, new Set());
          cited.get(id)!.add(c.code);
        }
      }
    }
  }
  const ids = [...new Set([...links.map((l) => l.evidenceId.toLowerCase()), ...cited.keys()])];
  const rows: EvidenceRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(...(await m.getRepository(EvidenceEntity).find({ where: { id: In(ids.slice(i, i + 500)), deletedAt: IsNull() } })));
  }
  const linkedTo = new Map<string, Set<string>>();
  for (const l of links) {
    const id = l.evidenceId.toLowerCase();
    if (!linkedTo.has(id)) linkedTo.set(id, new Set());
    linkedTo.get(id)!.add(l.criterionCode);
  }
  return rows
    .map((r) => {
      const id = r.id.toLowerCase();
      return {
        id,
        code: r.code,
        legacyCode: r.legacyCode,
        title: r.title,
        kind: r.kind,
        format: r.format,
        storageLocation: r.storageLocation,
        url: r.url,
        fileName: r.fileName,
        mimeType: r.mimeType,
        sha256: r.blobHash,
        sizeBytes: r.sizeBytes === null || r.sizeBytes === undefined ? null : Number(r.sizeBytes),
        documentNumber: r.documentNumber,
        issuedDate: r.issuedDate,
        issuer: r.issuer,
        notes: r.notes,
        validUntil: r.validUntil,
        verification: r.verification,
        firstCriterionCode: r.firstCriterionCode,
        sortKey: r.sortKey,
        criteria: [...new Set([r.firstCriterionCode, ...(linkedTo.get(id) ?? [])])].sort(compareCriterionCodes),
        citedIn: [...(cited.get(id) ?? [])].sort(compareCriterionCodes),
      } satisfies EvidenceItem;
    })
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.code.localeCompare(b.code)));
}

/** Reads the data of one assessment as of now (retrying while writes land in between). */
export async function loadReportData(m: EntityManager, deps: LoadDeps, assessmentId: string, actor: Actor): Promise<ReportData> {
  for (let attempt = 0; ; attempt++) {
    const before = await dataRevision(m);
    const data = await loadOnce(m, deps, assessmentId, actor, before);
    const after = await dataRevision(m);
    if (after === before || attempt >= 2) return { ...data, dataRevision: after };
  }
}

async function loadOnce(
  m: EntityManager,
  deps: LoadDeps,
  assessmentId: string,
  actor: Actor,
  revision: number,
): Promise<ReportData> {
  const ws = await loadWorkspace(m, deps.frameworks, assessmentId);
  const data = await loadData(m, ws);
  const { assessment } = computeLevels(ws, data.forLevels);
  const criteria = criterionReports(ws, data);
  const evidence = await loadEvidence(m, ws, criteria);
  const codeById = new Map<string, string>();
  for (const s of data.statuses.values()) if (s.code && s.problem !== 'missing') codeById.set(s.evidenceId.toLowerCase(), s.code);
  for (const e of evidence) codeById.set(e.id, e.code);
  const now = new Date();
  return {
    today: localIsoDate(now),
    generatedAt: now.toISOString(),
    dataRevision: revision,
    school: await loadSchool(m),
    assessment: {
      id: ws.row.id,
      schoolYear: ws.row.schoolYear,
      educationLevel: ws.row.educationLevel as EducationLevel,
      title: ws.row.title,
      status: ws.row.status,
      approvedAt: ws.row.approvedAt,
    },
    fw: ws.fw,
    texts: await readTexts(m, ws.row.id),
    council: await getCouncil(m, ws, actor),
    assignments: await listAssignments(m, ws),
    plan: await getPlan(m, ws, actor),
    criteria,
    school_level: { level: assessment.schoolLevel, label: assessment.schoolLevelLabel, explanation: assessment.explanation },
    readiness: await readinessOf(m, ws, data),
    summaries: await listSummaries(m, deps.frameworks, ws, actor),
    improvement: await getImprovement(m, deps.frameworks, ws, actor),
    schoolData: await getSchoolData(m, ws, actor),
    evidence,
    codeById,
  };
}
