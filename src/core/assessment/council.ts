/**
 * The self-assessment council (hội đồng tự đánh giá) and the framework's rules for it. The
 * rules are data (`councilRules` of the framework file): TT 57 asks for at least 5 members,
 * an odd number, one chair and one secretary; the 2018 circulars ask for at least 7 with a
 * vice chair. Nothing here hard-codes a number.
 */
import type { CouncilRules } from '../frameworks/framework.schema';

export const COUNCIL_ROLES = ['chair', 'vice_chair', 'secretary', 'member'] as const;
export type CouncilRole = (typeof COUNCIL_ROLES)[number];

export const COUNCIL_ROLE_LABELS: Readonly<Record<CouncilRole, string>> = {
  chair: 'Chủ tịch',
  vice_chair: 'Phó Chủ tịch',
  secretary: 'Thư ký',
  member: 'Ủy viên',
};

export type CouncilProblemCode =
  'empty' | 'too_few' | 'even' | 'chair_count' | 'secretary_count' | 'vice_chair_missing' | 'vice_chair_not_allowed';

export interface CouncilProblem {
  code: CouncilProblemCode;
  message: string;
}

export interface CouncilCheck {
  ok: boolean;
  /** Members counted (live members of the council). */
  memberCount: number;
  counts: Record<CouncilRole, number>;
  problems: CouncilProblem[];
  /** The rules applied, in one Vietnamese sentence; null when the framework has none. */
  rulesText: string | null;
  /** Where the rules come from (the framework's provenance note). */
  basis: string | null;
}

/** One sentence describing the rules, e.g. "từ 5 thành viên trở lên, số lẻ; 1 Chủ tịch; 1 Thư ký". */
export function describeCouncilRules(rules: CouncilRules): string {
  const parts = [`từ ${rules.minMembers} thành viên trở lên${rules.oddNumber ? ', số lẻ' : ''}`];
  if (rules.chairCount > 0) parts.push(`${rules.chairCount} Chủ tịch`);
  if (rules.viceChair === 'required') parts.push('có Phó Chủ tịch');
  else if (rules.viceChair === 'optional') parts.push('Phó Chủ tịch (nếu có)');
  if (rules.secretaryCount > 0) parts.push(`${rules.secretaryCount} Thư ký`);
  return parts.join('; ');
}

/**
 * Checks a council against the framework's rules. `legalNumber` (e.g. "57/2026/TT-BGDĐT")
 * names the rule's source in each message so the school knows which text asks for it.
 */
export function checkCouncil(
  rules: CouncilRules | null,
  members: readonly { councilRole: CouncilRole }[],
  legalNumber = '',
): CouncilCheck {
  const counts: Record<CouncilRole, number> = { chair: 0, vice_chair: 0, secretary: 0, member: 0 };
  for (const m of members) counts[m.councilRole]++;
  const n = members.length;
  // "Theo Thông tư 57/2026/TT-BGDĐT, hội đồng …" or, without a source, "Hội đồng …".
  const per = (rest: string) =>
    legalNumber ? `Theo Thông tư ${legalNumber}, ${rest}` : `${rest[0]!.toUpperCase()}${rest.slice(1)}`;
  const problems: CouncilProblem[] = [];
  if (!rules) {
    if (n === 0) problems.push({ code: 'empty', message: 'Chưa có thành viên hội đồng tự đánh giá.' });
    return { ok: problems.length === 0, memberCount: n, counts, problems, rulesText: null, basis: null };
  }
  if (n === 0) {
    problems.push({ code: 'empty', message: `Chưa có thành viên hội đồng tự đánh giá (cần ${describeCouncilRules(rules)}).` });
  } else if (n < rules.minMembers) {
    problems.push({
      code: 'too_few',
      message: per(`hội đồng cần ít nhất ${rules.minMembers} thành viên (hiện có ${n}).`),
    });
  }
  if (n > 0 && rules.oddNumber && n % 2 === 0) {
    problems.push({ code: 'even', message: per(`số thành viên hội đồng phải là số lẻ (hiện có ${n}).`) });
  }
  if (n > 0 && counts.chair !== rules.chairCount) {
    problems.push({
      code: 'chair_count',
      message: `Hội đồng cần đúng ${rules.chairCount} Chủ tịch (hiện có ${counts.chair}).`,
    });
  }
  if (n > 0 && counts.secretary !== rules.secretaryCount) {
    problems.push({
      code: 'secretary_count',
      message: `Hội đồng cần đúng ${rules.secretaryCount} Thư ký (hiện có ${counts.secretary}).`,
    });
  }
  if (n > 0 && rules.viceChair === 'required' && counts.vice_chair === 0) {
    problems.push({ code: 'vice_chair_missing', message: per('hội đồng cần có Phó Chủ tịch.') });
  }
  if (rules.viceChair === 'none' && counts.vice_chair > 0) {
    problems.push({ code: 'vice_chair_not_allowed', message: 'Khung đánh giá này không có chức danh Phó Chủ tịch hội đồng.' });
  }
  return {
    ok: problems.length === 0,
    memberCount: n,
    counts,
    problems,
    rulesText: describeCouncilRules(rules),
    basis: rules.provenance.note,
  };
}
