/**
 * Recognition outcomes built on the school level: the TT 57 national standard (Điều 16) and the
 * legacy accreditation grade (Cấp độ, Điều 34) and national-standard degree (Mức độ, Điều 37).
 * Conditions the level alone cannot decide are explicit inputs, and one left null keeps the
 * outcome undecided instead of being assumed.
 */
import type { LevelsFramework, Provenance, RecognitionCondition } from '../frameworks/framework.schema';
import { levelLabel } from '../frameworks/lookup';

export interface ConditionCheck {
  key: string;
  text: string;
  met: boolean | null;
  detail: string;
  provenance: Provenance;
}

function condition(list: readonly RecognitionCondition[], key: string): RecognitionCondition {
  const found = list.find((c) => c.key === key);
  if (!found) throw new Error(`Khung thiếu điều kiện "${key}"`);
  return found;
}

/** Highest row of a level→value table whose level does not exceed `level`; 0 when none. */
function mapByLevel(rows: readonly { level: number; value: number }[], level: number): number {
  return rows.filter((r) => r.level <= level).reduce((m, r) => Math.max(m, r.value), 0);
}

function yesNo(met: boolean | null): string {
  return met === null ? 'chưa xác định' : met ? 'đạt' : 'chưa đạt';
}

export interface NationalStandardTt57Input {
  /** a) At least one cohort completed the programme (multi-level schools: of the highest level). */
  completedCohort: boolean | null;
  /** b) Consecutive school years of self-assessment, improvement and monitoring data before the review. */
  consecutiveYearsOfData: number | null;
  /** c) The school's TT 57 level (0, 1, 2); null while not determined. */
  schoolLevel: number | null;
  /** d) Facilities, equipment, safety and other legal conditions, judged per degree ("1", "2"). */
  facilitiesByDegree: Readonly<Record<string, boolean | null | undefined>>;
}

export interface NationalStandardResult {
  frameworkId: string;
  eligible: boolean;
  /** Mức độ granted by the conditions (0 = not eligible). */
  degree: number;
  degreeLabel: string;
  /** Degree the level alone would give, before the facilities condition. */
  degreeByLevel: number;
  conditions: ConditionCheck[];
  /** What stands between the school and the next degree. */
  blockers: string[];
  explanation: string;
}

function degreeLabel(degree: number): string {
  return degree === 0 ? 'Chưa đủ điều kiện' : `Mức độ ${degree}`;
}

/** TT 57 Điều 16: conditions a–d checked together; the degree follows the level (khoản 2). */
export function nationalStandardTt57(framework: LevelsFramework, input: NationalStandardTt57Input): NationalStandardResult {
  const rule = framework.nationalStandard;
  if (framework.family !== 'tt57' || !rule) {
    throw new Error(`Khung ${framework.id} không có quy định công nhận đạt chuẩn quốc gia theo TT 57 (Điều 16)`);
  }
  const table = rule.degreeByLevel.map((r) => ({ level: r.level, value: r.degree }));
  const maxDegree = Math.max(...table.map((r) => r.value));
  const byLevel = input.schoolLevel === null ? 0 : mapByLevel(table, input.schoolLevel);
  const minYears = rule.minConsecutiveYearsOfData ?? 0;

  let facilityDegree = 0;
  for (let d = byLevel; d >= 1; d--) {
    if (input.facilitiesByDegree[String(d)] === true) {
      facilityDegree = d;
      break;
    }
  }
  // Facilities judged "no" for the higher degree may still be "unknown" for a lower one.
  let facilitiesUnknown = false;
  for (let d = byLevel; d >= 1; d--) if (input.facilitiesByDegree[String(d)] == null) facilitiesUnknown = true;

  const a = condition(rule.conditions, 'a');
  const b = condition(rule.conditions, 'b');
  const c = condition(rule.conditions, 'c');
  const d = condition(rule.conditions, 'd');
  const bMet = input.consecutiveYearsOfData === null ? null : input.consecutiveYearsOfData >= minYears;
  const cMet = input.schoolLevel === null ? null : byLevel > 0;
  // With no degree reachable by level, judge facilities against the first degree so d) reports
  // the facilities themselves rather than echoing c).
  const dMet =
    byLevel === 0 ? (input.facilitiesByDegree['1'] ?? null) : facilityDegree > 0 ? true : facilitiesUnknown ? null : false;
  const conditions: ConditionCheck[] = [
    { key: 'a', text: a.text, met: input.completedCohort, detail: yesNo(input.completedCohort), provenance: a.provenance },
    {
      key: 'b',
      text: b.text,
      met: bMet,
      detail:
        input.consecutiveYearsOfData === null ? 'chưa xác định' : `${input.consecutiveYearsOfData}/${minYears} năm học liên tiếp`,
      provenance: b.provenance,
    },
    {
      key: 'c',
      text: c.text,
      met: cMet,
      detail: input.schoolLevel === null ? 'chưa xác định' : levelLabel(framework, input.schoolLevel),
      provenance: c.provenance,
    },
    {
      key: 'd',
      text: d.text,
      met: dMet,
      detail: facilityDegree > 0 ? `đáp ứng cho Mức độ ${facilityDegree}` : yesNo(dMet),
      provenance: d.provenance,
    },
  ];
  const eligible = conditions.every((x) => x.met === true);
  const degree = eligible ? facilityDegree : 0;

  const blockers: string[] = [];
  const target = Math.min(degree + 1, maxDegree);
  if (degree < maxDegree) {
    if (input.completedCohort !== true)
      blockers.push(`a) cần ít nhất một khóa hoàn thành chương trình (${yesNo(input.completedCohort)})`);
    if (bMet !== true) blockers.push(`b) cần dữ liệu ít nhất ${minYears} năm học liên tiếp (${conditions[1]!.detail})`);
    const neededLevel = rule.degreeByLevel.filter((r) => r.degree >= target).reduce((m, r) => Math.min(m, r.level), Infinity);
    if (input.schoolLevel === null || input.schoolLevel < neededLevel) {
      blockers.push(`c) cần đạt ${levelLabel(framework, neededLevel)} (${conditions[2]!.detail})`);
    }
    if (input.facilitiesByDegree[String(target)] !== true) {
      blockers.push(
        `d) cơ sở vật chất, thiết bị, an toàn trường học phải đáp ứng yêu cầu của Mức độ ${target} (${yesNo(input.facilitiesByDegree[String(target)] ?? null)})`,
      );
    }
  }
  const wait = framework.timeRules.waitBeforeNextDegreeYears;
  const explanation =
    (eligible
      ? `Đủ điều kiện xem xét công nhận đạt chuẩn quốc gia ${degreeLabel(degree)}.`
      : 'Chưa đủ điều kiện xem xét công nhận đạt chuẩn quốc gia.') +
    (blockers.length > 0 ? ` Để được xem xét ${degreeLabel(target)}: ${blockers.join('; ')}.` : '') +
    (eligible && degree === 1 && degree < maxDegree && wait !== null
      ? ` Mức độ 2 có thể được xem xét sau ít nhất ${wait} năm kể từ ngày được công nhận Mức độ 1.`
      : '');
  return {
    frameworkId: framework.id,
    eligible,
    degree,
    degreeLabel: degreeLabel(degree),
    degreeByLevel: byLevel,
    conditions,
    blockers,
    explanation,
  };
}

export interface LegacyDegreesInput {
  /** School level 0–4. Recognition rests on the external assessment (đánh giá ngoài). */
  level: number | null;
  /** "self-assessment" makes the result a projection only. */
  levelSource: 'external' | 'self-assessment';
  /** Điểm a khoản 1 Điều 34 (a graduated cohort; preschools: years of operation). */
  cohortCondition: boolean | null;
}

export interface LegacyDegreesResult {
  frameworkId: string;
  /** True when computed from a self-assessment level: the real decision needs the external assessment. */
  projected: boolean;
  accreditation: { recognized: boolean | null; grade: number; label: string };
  nationalStandard: { recognized: boolean | null; degree: number; label: string };
  conditions: ConditionCheck[];
  explanation: string;
}

/** TT 17/18/19: accreditation Cấp độ (Điều 34) and national-standard Mức độ (Điều 37). */
export function legacyDegrees(framework: LevelsFramework, input: LegacyDegreesInput): LegacyDegreesResult {
  const acc = framework.accreditation;
  const ns = framework.nationalStandard;
  if (framework.family !== 'legacy2018' || !acc || !ns) {
    throw new Error(`Khung ${framework.id} không có quy định Cấp độ kiểm định / Mức độ chuẩn quốc gia theo TT 17/18/19`);
  }
  const level = input.level;
  if (level !== null && (!Number.isInteger(level) || level < 0 || level > framework.maxLevel + 1)) {
    throw new RangeError(`Mức của trường phải là số nguyên từ 0 đến ${framework.maxLevel + 1}`);
  }
  const cohort = input.cohortCondition;
  const grade =
    level === null
      ? 0
      : mapByLevel(
          acc.gradeByLevel.map((r) => ({ level: r.level, value: r.grade })),
          level,
        );
  const degree =
    level === null
      ? 0
      : mapByLevel(
          ns.degreeByLevel.map((r) => ({ level: r.level, value: r.degree })),
          level,
        );
  const decided = (levelOk: boolean): boolean | null =>
    cohort === false || (level !== null && !levelOk) ? false : cohort === null || level === null ? null : true;
  const accRecognized = decided(level !== null && level >= acc.minLevel);
  const nsMinLevel = Math.min(...ns.degreeByLevel.map((r) => r.level));
  const nsRecognized = decided(level !== null && level >= nsMinLevel);
  const cohortCond = condition(acc.conditions, 'a');
  const conditions: ConditionCheck[] = [
    { key: 'a', text: cohortCond.text, met: cohort, detail: yesNo(cohort), provenance: cohortCond.provenance },
    {
      key: 'b',
      text: condition(acc.conditions, 'b').text,
      met: level === null ? null : level >= acc.minLevel,
      detail: level === null ? 'chưa xác định' : levelLabel(framework, level),
      provenance: condition(acc.conditions, 'b').provenance,
    },
    {
      key: 'cqg',
      text: condition(ns.conditions, 'b').text,
      met: level === null ? null : level >= nsMinLevel,
      detail: level === null ? 'chưa xác định' : levelLabel(framework, level),
      provenance: ns.provenance,
    },
  ];
  const projected = input.levelSource === 'self-assessment';
  const accLabel = accRecognized === true ? `Cấp độ ${grade}` : accRecognized === false ? 'Chưa đạt kiểm định' : 'Chưa xác định';
  const nsLabel =
    nsRecognized === true ? `Mức độ ${degree}` : nsRecognized === false ? 'Chưa đạt chuẩn quốc gia' : 'Chưa xác định';
  const explanation =
    `${projected ? 'Dự kiến (theo kết quả tự đánh giá, chưa có kết quả đánh giá ngoài): ' : ''}` +
    `Kiểm định chất lượng giáo dục: ${accLabel}; chuẩn quốc gia: ${nsLabel}.` +
    (cohort !== true ? ` Điều kiện điểm a khoản 1 Điều 34: ${yesNo(cohort)}.` : '') +
    (level !== null && level < nsMinLevel ? ` Chuẩn quốc gia cần đạt ${levelLabel(framework, nsMinLevel)} trở lên.` : '');
  return {
    frameworkId: framework.id,
    projected,
    accreditation: { recognized: accRecognized, grade: accRecognized === true ? grade : 0, label: accLabel },
    nationalStandard: { recognized: nsRecognized, degree: nsRecognized === true ? degree : 0, label: nsLabel },
    conditions,
    explanation,
  };
}
