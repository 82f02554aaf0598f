import type {
  Criterion,
  EducationLevel,
  Framework,
  LevelsFramework,
  PointsFramework,
  PointsItem,
  Provenance,
  Requirement,
  Standard,
} from './framework.schema';

export function isLevelsFramework(fw: Framework): fw is LevelsFramework {
  return fw.kind === 'levels';
}

export function isPointsFramework(fw: Framework): fw is PointsFramework {
  return fw.kind === 'points';
}

/** All criteria in document order. */
export function allCriteria(fw: LevelsFramework): Criterion[] {
  return fw.standards.flatMap((s) => s.criteria);
}

export function findCriterion(fw: LevelsFramework, code: string): Criterion | undefined {
  for (const s of fw.standards) {
    const c = s.criteria.find((x) => x.code === code);
    if (c) return c;
  }
  return undefined;
}

export function standardOf(fw: LevelsFramework, criterionCode: string): Standard | undefined {
  return fw.standards.find((s) => s.criteria.some((c) => c.code === criterionCode));
}

export function mandatoryCriteria(fw: LevelsFramework): Criterion[] {
  return allCriteria(fw).filter((c) => c.mandatory);
}

export function requirementsAt(criterion: Criterion, level: number): Requirement[] {
  return criterion.levels.find((l) => l.level === level)?.requirements ?? [];
}

/** Highest level the criterion itself lists requirements for (legacy criteria may stop at Mức 2). */
export function criterionTopLevel(criterion: Criterion): number {
  return criterion.levels.reduce((m, l) => Math.max(m, l.level), 0);
}

export function allPointsItems(fw: PointsFramework): PointsItem[] {
  return fw.groups.flatMap((g) => g.items);
}

export function findPointsItem(fw: PointsFramework, code: string): PointsItem | undefined {
  return allPointsItems(fw).find((i) => i.code === code);
}

export function levelLabel(fw: Framework, level: number): string {
  if (fw.kind === 'points') {
    return fw.thresholds.find((t) => t.level === level)?.label ?? `Mức độ ${level}`;
  }
  return fw.levelLabels.find((l) => l.level === level)?.label ?? `Mức ${level}`;
}

/** An item's provenance: its own when it has one, else the file's source grade. */
export function provenanceOf(fw: Framework, item: { provenance?: Provenance | undefined }): Provenance {
  return item.provenance ?? { grade: fw.source.grade, note: fw.source.note };
}

/** Frameworks a school could use for a new assessment on `isoDate` (YYYY-MM-DD). */
export function frameworksInForce<F extends Framework>(frameworks: readonly F[], isoDate: string, level?: EducationLevel): F[] {
  return frameworks.filter(
    (f) =>
      f.effectiveFrom <= isoDate &&
      (f.effectiveTo === null || isoDate <= f.effectiveTo) &&
      (level === undefined || f.educationLevels.includes(level)),
  );
}
