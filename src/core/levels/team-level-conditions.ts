/**
 * The team's appraisal of the TT 57 national-standard conditions (Điều 16 khoản 1, a–d, texts
 * from the framework data). Reviewers record conditions a, b and d like requirements, under the
 * reserved criterion code `DK16` (requirement code = the condition's key), citing evidence of
 * the dossier in their note as `{{ev:<id>}}`; the members' judgments are merged with the same
 * rule as requirements (team-level.ts). Condition c (the level) is not voted on: it follows
 * the team's level (the conclusion once set, else the proposal). A condition nobody judged stays
 * undecided — never assumed.
 */
import type { LevelsFramework } from '../frameworks/framework.schema';
import { extractCitationIds, citationToken } from '../evidence/citations';
import { levelLabel } from '../frameworks/lookup';
import { mergeRequirement, type MemberVote, type MergeBasis } from './team-level';

/** Criterion code under which the Điều 16 conditions are judged (not a criterion of any framework). */
export const NATIONAL_STANDARD_CODE = 'DK16';
/** The condition that follows the level instead of a vote. */
export const LEVEL_CONDITION_KEY = 'c';

export interface ConditionVote extends MemberVote {
  note: string;
}

export interface TeamConditionInput {
  key: string;
  judgments: readonly ConditionVote[];
}

export interface TeamConditionResult {
  key: string;
  text: string;
  met: boolean | null;
  /** 'level': condition c, from the team's level. */
  basis: MergeBasis | 'level';
  detail: string;
  /** Evidence cited by the members' notes, each once, in order. */
  evidenceIds: string[];
  /** The members' notes without the citation tokens. */
  notes: string[];
}

export interface NationalStandardAppraisal {
  frameworkId: string;
  level: number | null;
  conditions: TeamConditionResult[];
  /** true: every condition met; false: one is not; null: some are undecided. */
  eligible: boolean | null;
  /** Mức độ the level gives when eligible (0 otherwise). */
  degree: number;
  degreeLabel: string;
  explanation: string;
}

const TOKEN = /\{\{ev:[0-9a-fA-F-]{36}\}\}/g;

/** A reviewer's note split into its text and the evidence it cites. */
export function splitNoteEvidence(note: string): { text: string; evidenceIds: string[] } {
  return {
    text: note
      .replace(TOKEN, '')
      .replace(/[ \t]+\n/g, '\n')
      .trim(),
    evidenceIds: extractCitationIds(note),
  };
}

/** The stored note: the text, then one line of citation tokens. */
export function joinNoteEvidence(text: string, evidenceIds: readonly string[]): string {
  const tokens = evidenceIds.map(citationToken).join(' ');
  return [text.trim(), tokens].filter(Boolean).join('\n');
}

/** Mức độ of a level: the highest row of the framework's table not above it; 0 when none. */
export function degreeForLevel(fw: LevelsFramework, level: number): number {
  return (fw.nationalStandard?.degreeByLevel ?? []).filter((r) => r.level <= level).reduce((m, r) => Math.max(m, r.degree), 0);
}

function basisDetail(basis: MergeBasis, met: boolean | null, metCount: number, notMetCount: number): string {
  const verdict = met === null ? 'chưa xác định' : met ? 'đạt' : 'chưa đạt';
  switch (basis) {
    case 'lead':
      return `${verdict} (theo trưởng đoàn)`;
    case 'majority':
      return `${verdict} (đa số ${Math.max(metCount, notMetCount)}/${metCount + notMetCount})`;
    case 'tie':
      return `chưa đạt (ngang phiếu ${metCount}–${notMetCount})`;
    default:
      return 'chưa có đánh giá của đoàn';
  }
}

/** Điều 16 conditions as the team found them, and the degree the school may be recognised at. */
export function appraiseNationalStandard(
  fw: LevelsFramework,
  input: { conditions: readonly TeamConditionInput[]; leadId: string | null; level: number | null },
): NationalStandardAppraisal {
  const rule = fw.nationalStandard;
  if (fw.family !== 'tt57' || !rule) {
    throw new Error(`Khung ${fw.id} không có điều kiện công nhận đạt chuẩn quốc gia theo Điều 16 Thông tư 57/2026`);
  }
  const conditions: TeamConditionResult[] = rule.conditions.map((c) => {
    const votes = input.conditions.find((x) => x.key === c.key)?.judgments ?? [];
    const split = votes.map((v) => splitNoteEvidence(v.note));
    const evidenceIds = [...new Set(split.flatMap((s) => s.evidenceIds))];
    const notes = split.map((s) => s.text).filter(Boolean);
    if (c.key === LEVEL_CONDITION_KEY) {
      const met = input.level === null ? null : degreeForLevel(fw, input.level) > 0;
      return {
        key: c.key,
        text: c.text,
        met,
        basis: 'level' as const,
        detail: input.level === null ? 'chưa có mức của đoàn' : `đoàn đánh giá ${levelLabel(fw, input.level)}`,
        evidenceIds,
        notes,
      };
    }
    const merged = mergeRequirement(votes, input.leadId);
    return {
      key: c.key,
      text: c.text,
      met: merged.met,
      basis: merged.basis,
      detail: basisDetail(merged.basis, merged.met, merged.metCount, merged.notMetCount),
      evidenceIds,
      notes,
    };
  });
  const eligible = conditions.some((c) => c.met === false) ? false : conditions.every((c) => c.met === true) ? true : null;
  const degree = eligible && input.level !== null ? degreeForLevel(fw, input.level) : 0;
  const degreeLabel = degree > 0 ? `Mức độ ${degree}` : 'Chưa đủ điều kiện';
  const open = conditions.filter((c) => c.met !== true).map((c) => `${c.key}) ${c.detail}`);
  const explanation =
    eligible === true
      ? `Đủ các điều kiện tại khoản 1 Điều 16: đề nghị công nhận trường đạt chuẩn quốc gia ${degreeLabel}.`
      : eligible === false
        ? `Chưa đủ điều kiện công nhận đạt chuẩn quốc gia: ${open.join('; ')}.`
        : `Chưa kết luận được: ${open.join('; ')}.`;
  return { frameworkId: fw.id, level: input.level, conditions, eligible, degree, degreeLabel, explanation };
}
