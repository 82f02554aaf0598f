/**
 * Diacritic-insensitive search over a framework: "an toan" finds "an toàn", "dang" finds "Đảng".
 * Texts are folded with core `fold()` one character at a time so every folded character still
 * knows where it came from, and a match can be highlighted in the original, accented text.
 */
import { fold } from '../../../core/fold';
import type { Criterion, LevelsFramework, PointsFramework, PointsItem } from '../../../core/frameworks';

/** The search form of a query: folded, trimmed, inner whitespace collapsed; "" = no search. */
export function normalizeQuery(query: string): string {
  return fold(query).trim().replace(/\s+/g, ' ');
}

export interface FoldedText {
  folded: string;
  /** map[i] = index in the original text of the character that gave folded[i]. */
  map: number[];
}

/** Folds `text` (whitespace runs become one space) and remembers each character's origin. */
export function foldWithMap(text: string): FoldedText {
  let folded = '';
  const map: number[] = [];
  let index = 0;
  for (const ch of text) {
    const f = /\s/.test(ch) ? ' ' : fold(ch);
    for (const out of f) {
      if (out === ' ' && folded.endsWith(' ')) continue;
      folded += out;
      map.push(index);
    }
    index += ch.length;
  }
  return { folded, map };
}

/** [start, end) ranges of `text` that match the (already normalized) query, in order. */
export function matchRanges(text: string, normalizedQuery: string): [number, number][] {
  if (!normalizedQuery) return [];
  const { folded, map } = foldWithMap(text);
  const ranges: [number, number][] = [];
  let from = 0;
  for (;;) {
    const at = folded.indexOf(normalizedQuery, from);
    if (at < 0) break;
    const endFolded = at + normalizedQuery.length;
    // Up to the origin of the next folded character, so combining marks after the last matched
    // letter (decomposed text) stay inside the highlight.
    const end = endFolded < map.length ? map[endFolded]! : text.length;
    ranges.push([map[at]!, end]);
    from = endFolded;
  }
  return ranges;
}

export function textMatches(text: string, normalizedQuery: string): boolean {
  return normalizedQuery === '' || foldWithMap(text).folded.includes(normalizedQuery);
}

/** Every text a criterion shows besides its code and title, for "found in the content" hits. */
export function criterionContent(criterion: Criterion): string[] {
  return [
    ...criterion.levels.flatMap((l) => l.requirements.map((r) => r.text)),
    criterion.evidenceGroup ?? '',
    ...criterion.suggestedEvidence,
    ...criterion.quantitativeData.map((q) => q.text),
    criterion.quantitativeNote ?? '',
  ].filter(Boolean);
}

export interface LevelsSearchIndex {
  standards: { code: string; head: string; criteria: { code: string; head: string; body: string }[] }[];
}

/** Folded once per framework; each keystroke then only scans strings. */
export function buildSearchIndex(fw: LevelsFramework): LevelsSearchIndex {
  const f = (s: string) => foldWithMap(s).folded;
  return {
    standards: fw.standards.map((s) => ({
      code: s.code,
      head: f(`${s.code} ${s.title}`),
      criteria: s.criteria.map((c) => ({
        code: c.code,
        head: f(`${c.code} ${c.title}`),
        body: f(criterionContent(c).join('\n')),
      })),
    })),
  };
}

export interface LevelsSearchResult {
  /** Standards to show, in document order. */
  standards: string[];
  /** Criteria to show. */
  criteria: Set<string>;
  /** Criteria whose code or title matches. */
  titleHits: Set<string>;
  /** Criteria matched only in their content (requirements, evidence, data items), when searched. */
  contentHits: Set<string>;
  /** Number of criteria shown as matches (title, plus content when searched). */
  count: number;
  /** Criteria matching only in their content, searched or not: "N more in the texts". */
  contentOnly: number;
}

/**
 * Which standards and criteria stay in the tree for a query. A criterion stays when its code or
 * title matches (or, with `content`, its texts); a standard whose own title matches keeps all its
 * criteria, so searching a theme ("an toan") also lists the criteria filed under it. Content is
 * opt-in because common words ("an toàn", "kế hoạch") appear in nearly every criterion's text.
 */
export function searchLevels(
  index: LevelsSearchIndex,
  normalizedQuery: string,
  options: { content?: boolean } = {},
): LevelsSearchResult | null {
  if (!normalizedQuery) return null;
  const result: LevelsSearchResult = {
    standards: [],
    criteria: new Set(),
    titleHits: new Set(),
    contentHits: new Set(),
    count: 0,
    contentOnly: 0,
  };
  for (const s of index.standards) {
    const standardHit = s.head.includes(normalizedQuery);
    let any = false;
    for (const c of s.criteria) {
      const inTitle = c.head.includes(normalizedQuery);
      const inContent = !inTitle && c.body.includes(normalizedQuery);
      if (inContent) result.contentOnly++;
      const shownContent = inContent && options.content === true;
      if (inTitle) result.titleHits.add(c.code);
      if (shownContent) result.contentHits.add(c.code);
      if (inTitle || shownContent) result.count++;
      if (inTitle || shownContent || standardHit) {
        result.criteria.add(c.code);
        any = true;
      }
    }
    if (any) result.standards.push(s.code);
  }
  return result;
}

/** Points items whose code or title matches, per group code; null when there is no query. */
export function searchPoints(fw: PointsFramework, normalizedQuery: string): Map<string, PointsItem[]> | null {
  if (!normalizedQuery) return null;
  const out = new Map<string, PointsItem[]>();
  for (const g of fw.groups) {
    const groupHit = textMatches(`${g.code} ${g.title}`, normalizedQuery);
    out.set(
      g.code,
      g.items.filter((i) => groupHit || textMatches(`${i.code} ${i.title}`, normalizedQuery)),
    );
  }
  return out;
}
