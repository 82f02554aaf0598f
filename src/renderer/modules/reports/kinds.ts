import { REPORT_KINDS, type GapDto, type ReportKind } from '../../../contract/schemas/reports';

export type FrameworkFamily = 'tt57' | 'legacy2018' | 'other';

/** Which framework family a kind needs (none = both), as the backend checks it. */
export const KIND_FAMILY: Record<ReportKind, FrameworkFamily | null> = {
  bieu1: 'tt57',
  bieu2: 'tt57',
  legacy: 'legacy2018',
  'criterion-sheets': 'legacy2018',
  'council-decision': null,
  plan: null,
  'evidence-list': null,
  package: null,
};

export const ALL_KINDS = REPORT_KINDS;

/** The kind can be built for an assessment on a framework of this family. */
export function kindFits(kind: ReportKind, family: FrameworkFamily): boolean {
  const want = KIND_FAMILY[kind];
  return want === null || want === family;
}

/** Where "Sửa" leads for a gap: a screen of the app (self-assessment tabs take the year's id). */
export function fixPath(fix: GapDto['fix'], assessmentId: string): string | null {
  if (!fix) return null;
  const base = `/self-assessment/${assessmentId}`;
  switch (fix.screen) {
    case 'school':
      return '/school';
    case 'council':
      return `${base}/council`;
    case 'plan':
      return `${base}/plan`;
    case 'criterion':
      return fix.criterionCode ? `${base}/criteria/${fix.criterionCode}` : `${base}/criteria`;
    case 'summary':
      return `${base}/criteria`;
    case 'improvement':
      return `${base}/improvement`;
    case 'schoolData':
      return `${base}/data`;
    case 'evidence':
      return '/evidence';
    case 'reportTexts':
      return null;
    default:
      return '/self-assessment';
  }
}

/** Gaps grouped by the heading they stand under, in first-seen order. */
export function groupGaps(gaps: readonly GapDto[]): { section: string; gaps: GapDto[] }[] {
  const groups = new Map<string, GapDto[]>();
  for (const g of gaps) groups.set(g.section, [...(groups.get(g.section) ?? []), g]);
  return [...groups].map(([section, list]) => ({ section, gaps: list }));
}

export interface OutlineNode {
  key: string;
  title: string;
  children: OutlineNode[];
}

/** The flat outline ({level, text}) as a tree: each heading under the last one of a lower level. */
export function outlineTree(outline: readonly { level: number; text: string }[]): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: { level: number; node: OutlineNode }[] = [];
  outline.forEach((e, i) => {
    const node: OutlineNode = { key: `h${i}`, title: e.text, children: [] };
    while (stack.length > 0 && stack[stack.length - 1]!.level >= e.level) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.node.children.push(node);
    else roots.push(node);
    stack.push({ level: e.level, node });
  });
  return roots;
}

/** The first 12 hex digits of a SHA-256, as shown in tables. */
export const shortSha = (sha: string) => sha.slice(0, 12);
