/**
 * Shapes shared by the level engine. Inputs are plain JSON-able objects so the same values
 * flow from the UI, the database, the CLI and tests.
 */

/**
 * The school's judgment of one requirement: true = met, false = not met, null/absent = not
 * yet assessed. The object form carries what backs a "met": with `requireBacking` the engine
 * only counts a requirement as met when it has a description and at least one evidence code,
 * so the app never reaches a level the school has not documented.
 */
export type JudgmentValue =
  | boolean
  | null
  | {
      met: boolean | null;
      description?: string | null;
      evidence?: readonly string[];
    };

/** level ("1", "2", …) → requirement code → judgment. */
export type CriterionJudgments = Readonly<Record<string, Readonly<Record<string, JudgmentValue | undefined>> | undefined>>;

/** criterion code → its judgments. */
export type Judgments = Readonly<Record<string, CriterionJudgments | undefined>>;

/** criterion code → level reached (0 = not met); null/absent = not assessed yet. */
export type CriterionLevels = Readonly<Record<string, number | null | undefined>>;

/** Mức 4 clause code → judgment (legacy frameworks). */
export type Level4Judgments = Readonly<Record<string, JudgmentValue | undefined>>;

export type LevelStatus = 'met' | 'not-met' | 'pending';

export interface LevelCheck {
  level: number;
  status: LevelStatus;
  /** True when the criterion lists no requirement at this level and inherits the previous one. */
  inherited: boolean;
  /** Requirement codes judged not met. */
  unmet: string[];
  /** Requirement codes without a judgment (or, with requireBacking, without description/evidence). */
  pending: string[];
  /** Subset of pending: judged met but not backed by a description and evidence. */
  unbacked: string[];
}

export interface CriterionLevelResult {
  code: string;
  /** Highest level reached, levels being cumulative; 0 = Mức 1 not reached. */
  level: number;
  /** The level the criterion works towards next, or null at the top. */
  nextLevel: number | null;
  /** "level.requirement" refs still unjudged at the next level, e.g. ["2.1"] or ["1.b", "1.c"]. */
  pending: string[];
  /** "level.requirement" refs judged not met at the next level. */
  unmet: string[];
  levels: LevelCheck[];
}

export type BlockerKind = 'mandatory' | 'quota' | 'floor' | 'criterion' | 'level4' | 'unassessed' | 'group' | 'precondition';

/** One reason the school is not at `targetLevel`. */
export interface Blocker {
  kind: BlockerKind;
  targetLevel: number;
  /** Criterion, Mức 4 clause, points item or group code the blocker is about. */
  code?: string;
  current?: number | null;
  required?: number;
  /** Quota blockers: how many reach the level, out of how many. */
  count?: number;
  of?: number;
  /** Quota blockers: criteria that could be raised to close the gap, nearest first. */
  candidates?: string[];
  /** Multi-level schools: the education level the blocker belongs to. */
  educationLevel?: string;
  message: string;
}

export interface SchoolLevelResult {
  frameworkId: string;
  schoolLevel: number;
  schoolLevelLabel: string;
  /** Next level up, or null when the school is at the top. */
  nextLevel: number | null;
  /** Criterion levels used (absent criteria counted as 0). */
  criteria: Record<string, number>;
  /** Criteria given no level at all. */
  unassessed: string[];
  /** What holds the school below nextLevel. */
  blockers: Blocker[];
  explanation: string;
}
