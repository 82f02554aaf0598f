/**
 * Levels on the department workstation, all by the level engine of src/core/levels:
 * - the school's own level from the frozen dossier (the rows the school submitted), with the
 *   same rule as its self-assessment: a "Đạt" counts only with a description citing evidence
 *   that is in the dossier and not rejected, and a carried-over judgment nobody confirmed
 *   counts for nothing;
 * - the team's proposed level from the members' judgments (team-level.ts: lead, else
 *   majority, a tie = not met).
 */
import { judgmentsFromEntries, type EntryForLevels } from '../../../core/assessment/gating';
import { extractCitationIds } from '../../../core/evidence/citations';
import type { Framework, LevelsFramework } from '../../../core/frameworks/framework.schema';
import { allCriteria } from '../../../core/frameworks/lookup';
import { assess, type LevelsAssessment } from '../../../core/levels/assess';
import { criterionLevel } from '../../../core/levels/criterion-level';
import { NATIONAL_STANDARD_CODE, type TeamConditionInput } from '../../../core/levels/team-level-conditions';
import { teamLevels, type TeamRequirementInput } from '../../../core/levels/team-level';
import type { CriterionJudgments } from '../../../core/levels/types';
import type { TeamProposed, TeamView } from '../../../contract/schemas/review';

export interface SnapshotRowLike {
  entity: string;
  id: string;
  data: Record<string, unknown>;
}

export const isLevels = (fw: Framework | undefined): fw is LevelsFramework => Boolean(fw && fw.kind === 'levels');

/** The engine's view of the school's requirement entries in a dossier. */
export function dossierEntries(rows: readonly SnapshotRowLike[]): EntryForLevels[] {
  const usable = new Set(
    rows.filter((r) => r.entity === 'Evidence' && r.data.verification !== 'rejected').map((r) => r.id.toLowerCase()),
  );
  return rows
    .filter((r) => r.entity === 'RequirementEntry')
    .map((r) => {
      const description = String(r.data.description ?? '');
      const judgment = String(r.data.judgment ?? 'unassessed');
      return {
        criterionCode: String(r.data.criterionCode ?? ''),
        level: Number(r.data.level),
        requirementCode: String(r.data.requirementCode ?? ''),
        description,
        judgment: judgment === 'met' || judgment === 'not_met' ? judgment : 'unassessed',
        needsConfirmation: Boolean(r.data.carriedOver) && !r.data.confirmedAt,
        validEvidenceIds: extractCitationIds(description).filter((id) => usable.has(id)),
      };
    });
}

/** The school's criterion levels and school level, as its own self-assessment computes them. */
export function schoolLevels(
  fw: LevelsFramework,
  rows: readonly SnapshotRowLike[],
): { criteria: Record<string, number>; school: LevelsAssessment } {
  const judgments = judgmentsFromEntries(dossierEntries(rows));
  const criteria: Record<string, number> = {};
  for (const c of allCriteria(fw)) {
    criteria[c.code] = criterionLevel(c, judgments[c.code] as CriterionJudgments | undefined, {
      maxLevel: fw.maxLevel,
      requireBacking: true,
    }).level;
  }
  const school = assess(fw, { mode: 'requirements', requirements: judgments }, { requireBacking: true }) as LevelsAssessment;
  return { criteria, school };
}

const leadOf = (team: Pick<TeamView, 'members'>) => team.members.find((m) => m.role === 'lead')?.accountId ?? null;

function requirementInputs(team: Pick<TeamView, 'criteria'>): TeamRequirementInput[] {
  return team.criteria.flatMap((c) =>
    c.requirements.map((r) => ({
      criterionCode: c.criterionCode,
      level: r.level,
      requirementCode: r.requirementCode,
      judgments: r.judgments.map((j) => ({ accountId: j.accountId, judgment: j.judgment })),
    })),
  );
}

/** The team's proposed levels for the team view (null for frameworks without criterion levels). */
export function proposedLevels(fw: Framework | undefined, team: Pick<TeamView, 'criteria' | 'members'>): TeamProposed | null {
  if (!isLevels(fw)) return null;
  const r = teamLevels(fw, requirementInputs(team), leadOf(team));
  return {
    frameworkId: r.frameworkId,
    rule: r.rule,
    school: { level: r.school.level, label: r.school.label, explanation: r.school.explanation },
    criteria: r.criteria.map((c) => ({
      criterionCode: c.criterionCode,
      mandatory: c.mandatory,
      level: c.level,
      levelLabel: c.levelLabel,
      assessed: c.assessed,
      ties: c.ties,
      explanation: c.explanation,
    })),
    requirements: r.requirements.map((x) => ({
      criterionCode: x.criterionCode,
      level: x.level,
      requirementCode: x.requirementCode,
      judgment: x.met === null ? 'unassessed' : x.met ? 'met' : 'not_met',
      basis: x.basis,
    })),
  };
}

/** The members' judgments of the Điều 16 conditions (criterion code DK16), for the appraisal. */
export function conditionInputs(team: Pick<TeamView, 'criteria'>): TeamConditionInput[] {
  const c = team.criteria.find((x) => x.criterionCode === NATIONAL_STANDARD_CODE);
  return (c?.requirements ?? []).map((r) => ({
    key: r.requirementCode,
    judgments: r.judgments.map((j) => ({ accountId: j.accountId, judgment: j.judgment, note: j.note })),
  }));
}

export { leadOf };
