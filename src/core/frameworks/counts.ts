import type { Framework } from './framework.schema';

/** The figures the research digest publishes per framework, so data files can be checked against them. */
export interface FrameworkCounts {
  standards: number;
  criteriaPerStandard: number[];
  criteria: number;
  mandatory: number;
  /** Requirements (TT 57 paragraphs, legacy indicators/items) per level: key = level. */
  requirementsByLevel: Record<number, number>;
  /** Criteria that list at least one requirement at the level: key = level. */
  criteriaWithLevel: Record<number, number>;
  /** Codes of criteria with no requirement at the level: key = level. */
  criteriaWithoutLevel: Record<number, string[]>;
  level4Clauses: number;
  quantitativeItems: number;
  /** Points frameworks: items and summed max points per group. */
  pointsItems: number;
  pointsByGroup: Record<string, number>;
}

export function countFramework(fw: Framework): FrameworkCounts {
  const counts: FrameworkCounts = {
    standards: 0,
    criteriaPerStandard: [],
    criteria: 0,
    mandatory: 0,
    requirementsByLevel: {},
    criteriaWithLevel: {},
    criteriaWithoutLevel: {},
    level4Clauses: 0,
    quantitativeItems: 0,
    pointsItems: 0,
    pointsByGroup: {},
  };
  if (fw.kind === 'points') {
    for (const g of fw.groups) {
      counts.pointsItems += g.items.length;
      counts.mandatory += g.items.filter((i) => i.mandatory).length;
      counts.pointsByGroup[g.code] = g.items.reduce((s, i) => s + i.maxPoints, 0);
    }
    return counts;
  }
  counts.standards = fw.standards.length;
  counts.level4Clauses = fw.level4Clauses.length;
  for (let lv = 1; lv <= fw.maxLevel; lv++) {
    counts.requirementsByLevel[lv] = 0;
    counts.criteriaWithLevel[lv] = 0;
    counts.criteriaWithoutLevel[lv] = [];
  }
  for (const s of fw.standards) {
    counts.criteriaPerStandard.push(s.criteria.length);
    for (const c of s.criteria) {
      counts.criteria++;
      if (c.mandatory) counts.mandatory++;
      counts.quantitativeItems += c.quantitativeData.length;
      for (let lv = 1; lv <= fw.maxLevel; lv++) {
        const spec = c.levels.find((l) => l.level === lv);
        if (spec) {
          counts.requirementsByLevel[lv]! += spec.requirements.length;
          counts.criteriaWithLevel[lv]!++;
        } else {
          counts.criteriaWithoutLevel[lv]!.push(c.code);
        }
      }
    }
  }
  return counts;
}
