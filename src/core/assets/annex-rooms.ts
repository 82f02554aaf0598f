/**
 * From the room register to the self-assessment's school data annex, section "Cơ sở vật chất
 * – công trình" (TT 57 Phụ lục, keys `cong_trinh.*` in src/core/assessment/school-data.ts):
 * rooms counted by annex group and construction type.
 *
 * The annex groups are coarser than the room-type catalog (TT 13/14/2020 blocks, see
 * resources/catalogs/room-types.json). The mapping below is this app's reading, not a rule
 * of the circular: classrooms (and preschool group rooms) are "Phòng học"; the other rooms of
 * the learning block are "Phòng học bộ môn"; the library is counted alone; learning-support
 * rooms are "Khối phục vụ học tập"; administration blocks are "Khối phòng hành chính – quản
 * trị"; everything else (auxiliary, sports, kitchens, boarding, public works) is "Các công
 * trình, khối phòng chức năng khác". A school can overwrite any counted value in the annex.
 */
export const ANNEX_ROOM_MAPPING_SOURCE = {
  rule: 'Ánh xạ loại phòng (TT 13/14/2020) sang các dòng của phụ lục cơ sở dữ liệu (TT 57) do ứng dụng quy ước',
  grade: 'I' as const,
};

export type ConstructionType = 'kien_co' | 'ban_kien_co' | 'tam';

const LEARNING_BLOCKS = new Set(['hoc_tap']);
const SUPPORT_BLOCKS = new Set(['ho_tro_hoc_tap', 'mn_ho_tro_hoc_tap']);
const ADMIN_BLOCKS = new Set(['hanh_chinh_quan_tri', 'mn_hanh_chinh_quan_tri']);
const CLASSROOMS = new Set(['phong_hoc', 'mn_phong_nuoi_day']);
const LIBRARIES = new Set(['thu_vien', 'mn_thu_vien']);

/** The annex group of a room: 'phong_hoc' | 'phong_bo_mon' | 'phuc_vu_hoc_tap' | 'hanh_chinh' | 'thu_vien' | 'khac'. */
export function annexGroupOf(block: string, roomType: string): string {
  if (CLASSROOMS.has(roomType)) return 'phong_hoc';
  if (LIBRARIES.has(roomType)) return 'thu_vien';
  if (LEARNING_BLOCKS.has(block)) return 'phong_bo_mon';
  if (SUPPORT_BLOCKS.has(block)) return 'phuc_vu_hoc_tap';
  if (ADMIN_BLOCKS.has(block)) return 'hanh_chinh';
  return 'khac';
}

/** Groups the annex splits by construction type (the others are one line each). */
const SPLIT = new Set(['phong_hoc', 'phong_bo_mon', 'phuc_vu_hoc_tap', 'hanh_chinh']);

export interface AnnexRoom {
  block: string;
  roomType: string;
  /** null: neither the room nor its building says; such a room is left out of split lines. */
  constructionType: ConstructionType | null;
}

export interface AnnexRoomCounts {
  /** Catalog key → number of rooms, e.g. "cong_trinh.phong_hoc.kien_co": 12. */
  counts: Record<string, number>;
  /** Rooms of a split group whose construction type is unknown (shown as a note, not guessed). */
  unclassified: number;
}

export function annexRoomCounts(rooms: AnnexRoom[]): AnnexRoomCounts {
  const counts: Record<string, number> = {};
  let unclassified = 0;
  const add = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const r of rooms) {
    const group = annexGroupOf(r.block, r.roomType);
    if (!SPLIT.has(group)) add(`cong_trinh.${group}`);
    else if (r.constructionType) add(`cong_trinh.${group}.${r.constructionType}`);
    else unclassified++;
  }
  return { counts, unclassified };
}
