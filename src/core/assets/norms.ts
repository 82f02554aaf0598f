/**
 * Required vs actual rooms per the room-norms catalog (TT 13/2020 minimum facilities, TT 14/2020
 * subject rooms). Norms the stored text does not give are rows with `incomplete: true`; they are
 * reported (so the gap is visible) but never counted as a shortfall.
 */
import type { NormTier, RoomNormsCatalog, RuleSource, SchoolLevel } from './catalog.schema';

export interface RoomInput {
  /** Room type code from room-types.json, e.g. "bm_tin_hoc". */
  type: string;
  /** Functional block code; informative (norms are matched by type). */
  block?: string | null;
  areaM2?: number | null;
}

export interface RoomNormInput {
  level: SchoolLevel;
  /** Number of classes (lớp) at this level. */
  classes: number;
  /** Number of students at this level. */
  students: number;
  rooms: readonly RoomInput[];
  tier?: NormTier;
}

export interface RoomNormGap {
  normId: string;
  block: string;
  roomType: string;
  /** Rooms required (max of the minimum count and ratio × classes, rounded up); null when unknown. */
  required: number | null;
  actual: number;
  /** Rooms missing (≥ 0); null when `required` is unknown. */
  gap: number | null;
  /** Minimum area of one room: max(min area, m² per student × average class size); null when unknown. */
  requiredAreaM2: number | null;
  /** Rooms of this type with a known area below `requiredAreaM2`. */
  roomsBelowArea: number;
  /** Rooms of this type whose area is not recorded. */
  roomsWithoutArea: number;
  source: RuleSource;
  verified: boolean;
  incomplete: boolean;
  note?: string;
}

export function averageClassSize(classes: number, students: number): number {
  if (classes <= 0 || students <= 0) return 0;
  return Math.ceil(students / classes);
}

export function roomNormGaps(input: RoomNormInput, catalog: RoomNormsCatalog): RoomNormGap[] {
  const tier = input.tier ?? 'toi_thieu';
  const classSize = averageClassSize(input.classes, input.students);
  const byType = new Map<string, RoomInput[]>();
  for (const room of input.rooms) {
    const list = byType.get(room.type);
    if (list) list.push(room);
    else byType.set(room.type, [room]);
  }
  const out: RoomNormGap[] = [];
  for (const norm of catalog.norms) {
    if (norm.level !== input.level || norm.tier !== tier) continue;
    const rooms = byType.get(norm.roomType) ?? [];
    let required: number | null = null;
    if (norm.minCount !== null) required = norm.minCount;
    if (norm.perClassRatio !== null) {
      // ratio × classes, rounded up; computed on hundredths to avoid 0.6 × 10 = 6.000000000000001.
      const byRatio = Math.ceil((Math.round(norm.perClassRatio * 100) * input.classes) / 100);
      required = Math.max(required ?? 0, byRatio);
    }
    let requiredAreaM2: number | null = null;
    if (norm.minAreaM2 !== null) requiredAreaM2 = norm.minAreaM2;
    if (norm.minAreaPerStudentM2 !== null && classSize > 0) {
      const perClass = Math.round(norm.minAreaPerStudentM2 * classSize * 100) / 100;
      requiredAreaM2 = Math.max(requiredAreaM2 ?? 0, perClass);
    }
    let roomsBelowArea = 0;
    let roomsWithoutArea = 0;
    for (const r of rooms) {
      if (r.areaM2 === null || r.areaM2 === undefined) roomsWithoutArea++;
      else if (requiredAreaM2 !== null && r.areaM2 < requiredAreaM2) roomsBelowArea++;
    }
    const actual = rooms.length;
    out.push({
      normId: norm.id,
      block: norm.block,
      roomType: norm.roomType,
      required,
      actual,
      gap: required === null ? null : Math.max(0, required - actual),
      requiredAreaM2,
      roomsBelowArea,
      roomsWithoutArea,
      source: norm.source,
      verified: norm.verified,
      incomplete: norm.incomplete,
      ...(norm.note ? { note: norm.note } : {}),
    });
  }
  return out;
}

/** Whole blocks of a level for which the stored regulation text gives no norm at all. */
export function uncoveredNormBlocks(level: SchoolLevel, catalog: RoomNormsCatalog): { block: string | null; note: string }[] {
  return catalog.gaps.filter((g) => g.level === level).map((g) => ({ block: g.block, note: g.note }));
}
