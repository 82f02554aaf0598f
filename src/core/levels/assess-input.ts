/**
 * Reads an assessment input (a JSON object from a file, the RPC layer or a test) against a
 * framework. Every rejection names the criterion and the field path, Vietnamese first, so a
 * school can fix its file without reading code.
 *
 * Accepted shapes:
 *   { "criteria": { "1.1": 2, … }, "level4"?: { "1": true } }
 *   { "requirements": { "1.1": { "1": { "a": true, … }, … } }, "level4"?: … }
 *   { "levels": { "tieu_hoc": { "criteria" | "requirements": … }, "thcs": … } }   (multi-level)
 *   { "items": { "1.3.1": 6, "1.1": true, … } }                                      (points)
 */
import { EDUCATION_LEVELS, type Framework, type LevelsFramework, type PointsFramework } from '../frameworks/framework.schema';
import { allPointsItems, findCriterion, findPointsItem, requirementsAt } from '../frameworks/lookup';
import { formatJsonPath } from '../frameworks/validate';
import type { PointsInput } from './points';
import type { CriterionJudgments, Judgments, JudgmentValue, Level4Judgments } from './types';

export class AssessInputError extends Error {
  /** JSON path of the offending field, e.g. `criteria["1.2"]`. */
  readonly field: string;
  readonly criterion: string | undefined;

  constructor(message: string, field: string, criterion?: string) {
    super(message);
    this.name = 'AssessInputError';
    this.field = field;
    this.criterion = criterion;
  }
}

export type SingleLevelInput =
  | { mode: 'criteria'; criteria: Record<string, number | null>; level4?: Level4Judgments }
  | { mode: 'requirements'; requirements: Judgments; level4?: Level4Judgments };

export type AssessInput =
  SingleLevelInput | { mode: 'multi'; levels: Record<string, SingleLevelInput> } | { mode: 'points'; items: PointsInput };

type Path = (string | number)[];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

function fail(path: Path, message: string, criterion?: string): never {
  const field = formatJsonPath(path);
  const who = criterion ? `Tiêu chí ${criterion}: ` : '';
  throw new AssessInputError(`${who}trường ${field} ${message}`, field, criterion);
}

function requireObject(v: unknown, path: Path, criterion?: string): Record<string, unknown> {
  if (!isRecord(v)) fail(path, `phải là một đối tượng JSON {…} (nhận được ${show(v)})`, criterion);
  return v;
}

function parseJudgment(v: unknown, path: Path, criterion?: string): JudgmentValue {
  if (v === null || typeof v === 'boolean') return v;
  if (isRecord(v)) {
    const met = v['met'];
    if (met !== null && typeof met !== 'boolean')
      fail([...path, 'met'], `phải là true, false hoặc null (nhận được ${show(met)})`, criterion);
    const description = v['description'];
    if (description !== undefined && description !== null && typeof description !== 'string') {
      fail([...path, 'description'], 'phải là chuỗi', criterion);
    }
    const evidence = v['evidence'];
    if (evidence !== undefined && (!Array.isArray(evidence) || evidence.some((e) => typeof e !== 'string'))) {
      fail([...path, 'evidence'], 'phải là mảng mã minh chứng (chuỗi)', criterion);
    }
    return {
      met,
      ...(typeof description === 'string' ? { description } : {}),
      ...(Array.isArray(evidence) ? { evidence: evidence as string[] } : {}),
    };
  }
  fail(
    path,
    `phải là true (đạt), false (không đạt), null (chưa đánh giá) hoặc {"met", "description", "evidence"} (nhận được ${show(v)})`,
    criterion,
  );
}

function parseCriteria(fw: LevelsFramework, v: unknown, path: Path): Record<string, number | null> {
  const obj = requireObject(v, path);
  const out: Record<string, number | null> = {};
  for (const [code, value] of Object.entries(obj)) {
    if (!findCriterion(fw, code)) fail([...path, code], `không có tiêu chí "${code}" trong khung ${fw.id}`);
    if (value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > fw.maxLevel)) {
      fail([...path, code], `phải là số nguyên từ 0 (không đạt) đến ${fw.maxLevel} hoặc null (nhận được ${show(value)})`, code);
    }
    out[code] = value as number | null;
  }
  return out;
}

function parseRequirements(fw: LevelsFramework, v: unknown, path: Path): Judgments {
  const obj = requireObject(v, path);
  const out: Record<string, CriterionJudgments> = {};
  for (const [code, byLevel] of Object.entries(obj)) {
    const criterion = findCriterion(fw, code);
    if (!criterion) fail([...path, code], `không có tiêu chí "${code}" trong khung ${fw.id}`);
    const levels = requireObject(byLevel, [...path, code], code);
    const crit: Record<string, Record<string, JudgmentValue>> = {};
    for (const [levelKey, reqs] of Object.entries(levels)) {
      const levelPath = [...path, code, levelKey];
      const level = Number(levelKey);
      const specs = Number.isInteger(level) ? requirementsAt(criterion, level) : [];
      if (specs.length === 0) {
        const known = criterion.levels.map((l) => l.level).join(', ');
        fail(levelPath, `không phải mức có yêu cầu của tiêu chí (các mức: ${known})`, code);
      }
      // A level with a single requirement (every TT 57 level) may be judged directly.
      if (!isRecord(reqs)) {
        if (specs.length !== 1) {
          fail(
            levelPath,
            `phải là đối tượng {mã yêu cầu: true/false/null} vì mức này có ${specs.length} yêu cầu (${specs.map((s) => s.code).join(', ')})`,
            code,
          );
        }
        crit[levelKey] = { [specs[0]!.code]: parseJudgment(reqs, levelPath, code) };
        continue;
      }
      const judged: Record<string, JudgmentValue> = {};
      for (const [reqCode, value] of Object.entries(reqs)) {
        if (!specs.some((s) => s.code === reqCode)) {
          fail(
            [...levelPath, reqCode],
            `không có yêu cầu "${reqCode}" ở Mức ${level} (có: ${specs.map((s) => s.code).join(', ')})`,
            code,
          );
        }
        judged[reqCode] = parseJudgment(value, [...levelPath, reqCode], code);
      }
      crit[levelKey] = judged;
    }
    out[code] = crit;
  }
  return out;
}

function parseLevel4(fw: LevelsFramework, v: unknown, path: Path): Level4Judgments {
  if (fw.level4Clauses.length === 0) fail(path, `không dùng được: khung ${fw.id} không có Mức 4`);
  const obj = requireObject(v, path);
  const out: Record<string, JudgmentValue> = {};
  for (const [code, value] of Object.entries(obj)) {
    if (!fw.level4Clauses.some((c) => c.code === code)) {
      fail([...path, code], `không có khoản "${code}" của Mức 4 (có: ${fw.level4Clauses.map((c) => c.code).join(', ')})`);
    }
    out[code] = parseJudgment(value, [...path, code]);
  }
  return out;
}

function parseSingle(fw: LevelsFramework, obj: Record<string, unknown>, path: Path): SingleLevelInput {
  const hasCriteria = 'criteria' in obj;
  const hasRequirements = 'requirements' in obj;
  if (hasCriteria === hasRequirements) {
    fail(path, 'phải có đúng một trong hai trường "criteria" (mức từng tiêu chí) hoặc "requirements" (đánh giá từng yêu cầu)');
  }
  const unknown = Object.keys(obj).filter((k) => !['criteria', 'requirements', 'level4'].includes(k));
  if (unknown.length > 0) fail([...path, unknown[0]!], 'không được hỗ trợ (chỉ dùng "criteria", "requirements", "level4")');
  const level4 = 'level4' in obj ? { level4: parseLevel4(fw, obj['level4'], [...path, 'level4']) } : {};
  return hasCriteria
    ? { mode: 'criteria', criteria: parseCriteria(fw, obj['criteria'], [...path, 'criteria']), ...level4 }
    : { mode: 'requirements', requirements: parseRequirements(fw, obj['requirements'], [...path, 'requirements']), ...level4 };
}

/** Education levels a multi-level school may report under this framework. */
export function multiLevelEducationLevels(fw: LevelsFramework): string[] {
  const levels = new Set<string>(fw.educationLevels);
  // A "trường phổ thông có nhiều cấp học" under TT 18 can include primary classes.
  if (fw.schoolTypes.some((t) => t.code === 'truong_pho_thong_nhieu_cap_hoc'))
    ['tieu_hoc', 'thcs', 'thpt'].forEach((l) => levels.add(l));
  return EDUCATION_LEVELS.filter((l) => levels.has(l));
}

function parsePoints(fw: PointsFramework, obj: Record<string, unknown>): AssessInput {
  if (!('items' in obj)) fail([], `phải có trường "items" (điểm từng chỉ số) vì ${fw.id} là khung tính điểm`);
  const unknown = Object.keys(obj).filter((k) => k !== 'items');
  if (unknown.length > 0) fail([unknown[0]!], `không dùng được với khung tính điểm ${fw.id} (chỉ dùng "items")`);
  const items = requireObject(obj['items'], ['items']);
  const out: Record<string, number | boolean | null> = {};
  for (const [code, value] of Object.entries(items)) {
    const item = findPointsItem(fw, code);
    const path = ['items', code];
    if (!item)
      fail(
        path,
        `không có chỉ số "${code}" trong khung ${fw.id} (có: ${allPointsItems(fw)
          .map((i) => i.code)
          .join(', ')})`,
      );
    if (item.mandatory) {
      if (value !== null && typeof value !== 'boolean' && value !== 0 && value !== 1) {
        fail(path, `là điều kiện bắt buộc: phải là true/false (hoặc 1/0), null nếu chưa đánh giá (nhận được ${show(value)})`);
      }
    } else if (value !== null && (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > item.maxPoints)) {
      fail(path, `phải là số điểm từ 0 đến ${item.maxPoints} (nhận được ${show(value)})`);
    }
    out[code] = value as number | boolean | null;
  }
  return { mode: 'points', items: out };
}

export function parseAssessInput(fw: Framework, data: unknown): AssessInput {
  const obj = requireObject(data, []);
  if (fw.kind === 'points') return parsePoints(fw, obj);
  if ('items' in obj)
    fail(['items'], `chỉ dùng cho khung tính điểm; ${fw.id} xét mức theo tiêu chí ("criteria" hoặc "requirements")`);
  if (!('levels' in obj)) return parseSingle(fw, obj, []);
  const unknown = Object.keys(obj).filter((k) => k !== 'levels');
  if (unknown.length > 0)
    fail([unknown[0]!], 'không dùng cùng "levels" (trường nhiều cấp học: mỗi cấp học một đối tượng trong "levels")');
  const levels = requireObject(obj['levels'], ['levels']);
  const allowed = multiLevelEducationLevels(fw);
  const out: Record<string, SingleLevelInput> = {};
  for (const [edu, value] of Object.entries(levels)) {
    if (!allowed.includes(edu)) fail(['levels', edu], `không phải cấp học của khung ${fw.id} (dùng: ${allowed.join(', ')})`);
    out[edu] = parseSingle(fw, requireObject(value, ['levels', edu]), ['levels', edu]);
  }
  if (Object.keys(out).length === 0) fail(['levels'], 'phải có ít nhất một cấp học');
  return { mode: 'multi', levels: out };
}
