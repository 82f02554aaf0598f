import dayjs from 'dayjs';

export type FrameworkStatus = 'in-force' | 'expired' | 'upcoming';

/** Today as YYYY-MM-DD in the PC's own time zone (the school's day, not UTC's). */
export function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}

/** Whether a school may start a new assessment under the framework on `today` (YYYY-MM-DD). */
export function frameworkStatus(f: { effectiveFrom: string; effectiveTo: string | null }, today: string): FrameworkStatus {
  if (today < f.effectiveFrom) return 'upcoming';
  if (f.effectiveTo !== null && today > f.effectiveTo) return 'expired';
  return 'in-force';
}

export const STATUS_COLORS: Record<FrameworkStatus, string> = {
  'in-force': 'green',
  expired: 'default',
  upcoming: 'blue',
};

/** "-" and "." only: codes like 4.2 go into a path segment as they are. */
export function criterionPath(frameworkId: string, code?: string): string {
  return code ? `/frameworks/${frameworkId}/${code}` : `/frameworks/${frameworkId}`;
}

/** The legacy Mức 4 clauses (Điều 22) have a page of their own in the tree. */
export const LEVEL4_SEGMENT = 'muc-4';
