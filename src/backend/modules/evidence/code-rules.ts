import { RpcError } from '../../../contract/rpc';
import { splitCriterionCode } from '../../../core/evidence/codes';
import type { Framework } from '../../../core/frameworks/framework.schema';
import { getFrameworkRegistry, type FrameworkRegistry } from '../../frameworks/framework-loader';

/**
 * What the evidence module needs from a framework: its code template, whether legacy box
 * numbers apply, and which criterion codes exist. Everything comes from the framework file;
 * the only convention this module knows itself is how a template is filled in.
 */
export interface CodeRules {
  frameworkId: string;
  frameworkTitle: string;
  template: string;
  boxConfigurable: boolean;
  /** Criterion codes of the framework in document order. */
  criteria: string[];
}

function rulesOf(fw: Framework): CodeRules {
  if (!fw.evidenceCode) {
    throw new RpcError('VALIDATION', `Khung "${fw.shortTitle}" không dùng mã minh chứng; hãy chọn khung đánh giá khác.`, {
      frameworkId: 'Khung này không có mã minh chứng',
    });
  }
  const criteria = fw.kind === 'levels' ? fw.standards.flatMap((s) => s.criteria.map((c) => c.code)) : [];
  return {
    frameworkId: fw.id,
    frameworkTitle: fw.shortTitle,
    template: fw.evidenceCode.template,
    boxConfigurable: fw.evidenceCode.boxNumberConfigurable,
    criteria,
  };
}

/** The code rules of a framework from an already loaded registry. */
export function codeRulesFrom(registry: FrameworkRegistry, frameworkId: string): CodeRules {
  const fw = registry.get(frameworkId);
  if (!fw) {
    const known = registry
      .list()
      .filter((f) => f.evidenceCode)
      .map((f) => f.id)
      .join(', ');
    throw new RpcError('VALIDATION', `Không có khung đánh giá "${frameworkId}". Các khung có mã minh chứng: ${known}`, {
      frameworkId: 'Khung đánh giá không tồn tại',
    });
  }
  return rulesOf(fw);
}

/** Loads the registry of `resourcesDir` (cached per folder) and returns the framework's code rules. */
export async function loadCodeRules(resourcesDir: string, frameworkId: string): Promise<CodeRules> {
  let registry: FrameworkRegistry;
  try {
    registry = await getFrameworkRegistry(resourcesDir);
  } catch (err) {
    throw new RpcError('INTERNAL', `Không đọc được các khung đánh giá: ${(err as Error).message}`);
  }
  return codeRulesFrom(registry, frameworkId);
}

/** The criterion must exist in the framework and be "standard.criterion". */
export function checkCriterion(rules: CodeRules, criterionCode: string, field = 'criterionCode'): string {
  const code = criterionCode.trim();
  if (!splitCriterionCode(code) || (rules.criteria.length > 0 && !rules.criteria.includes(code))) {
    throw new RpcError('VALIDATION', `Tiêu chí ${code} không có trong ${rules.frameworkTitle}.`, {
      [field]: 'Tiêu chí không có trong khung đánh giá',
    });
  }
  return code;
}
