/**
 * The data annex (cơ sở dữ liệu, Phần IV Biểu 1 TT 57; Phần I of the 2018 reports): numbers per
 * school year for the last N years (TT 57: 3, the 2018 circulars: 5). Values are entered per
 * school year under stable keys; this catalog says which keys a framework and education level
 * ask for, with their labels, units and sections in the order of the printed form.
 *
 * Rooms by construction type (section "cong_trinh") come from the asset inventory once it
 * exists (`source: 'inventory'`); until then they are entered like the rest.
 */
import type { EducationLevel, Framework } from '../frameworks/framework.schema';

export type SchoolDataUnit = 'count' | 'percent' | 'ratio' | 'number' | 'text';

export interface SchoolDataItem {
  key: string;
  label: string;
  unit: SchoolDataUnit;
  /** Where the value comes from: typed in, or counted from the asset inventory. */
  source: 'entered' | 'inventory';
  /** A total: computed from these keys when not entered. */
  sumOf?: string[];
  /** Only for the snapshot year (3a: staff at the time of the assessment). */
  currentYearOnly?: boolean;
}

export interface SchoolDataSection {
  code: string;
  title: string;
  items: SchoolDataItem[];
}

export interface SchoolDataCatalog {
  frameworkId: string;
  educationLevel: EducationLevel;
  /** School years shown (the assessment's year and the ones before it). */
  windowYears: number;
  sections: SchoolDataSection[];
}

const item = (
  key: string,
  label: string,
  unit: SchoolDataUnit = 'count',
  extra: Partial<SchoolDataItem> = {},
): SchoolDataItem => ({
  key,
  label,
  unit,
  source: 'entered',
  ...extra,
});

function withTotal(prefix: string, parts: SchoolDataItem[], totalLabel = 'Cộng'): SchoolDataItem[] {
  const source = parts.every((p) => p.source === 'inventory') ? 'inventory' : 'entered';
  return [...parts, item(`${prefix}.tong`, totalLabel, 'count', { sumOf: parts.map((p) => p.key), source })];
}

const GRADES: Readonly<Record<EducationLevel, [string, string][]>> = {
  mam_non: [
    ['nha_tre', 'Nhóm trẻ'],
    ['mau_giao_3_4', 'Lớp mẫu giáo 3–4 tuổi'],
    ['mau_giao_4_5', 'Lớp mẫu giáo 4–5 tuổi'],
    ['mau_giao_5_6', 'Lớp mẫu giáo 5–6 tuổi'],
  ],
  tieu_hoc: [1, 2, 3, 4, 5].map((g) => [`khoi_${g}`, `Khối lớp ${g}`]),
  thcs: [6, 7, 8, 9].map((g) => [`khoi_${g}`, `Khối lớp ${g}`]),
  thpt: [10, 11, 12].map((g) => [`khoi_${g}`, `Khối lớp ${g}`]),
  gdtx: [
    ['xoa_mu_chu', 'Lớp xóa mù chữ, sau biết chữ'],
    ['gdtx_thcs', 'Lớp chương trình GDTX cấp THCS'],
    ['gdtx_thpt', 'Lớp chương trình GDTX cấp THPT'],
  ],
};

const BUILDING_TYPES: [string, string][] = [
  ['kien_co', 'kiên cố'],
  ['ban_kien_co', 'bán kiên cố'],
  ['tam', 'tạm'],
];

function buildings(): SchoolDataItem[] {
  const inv = (key: string, label: string) => item(key, label, 'count', { source: 'inventory' });
  const groups: [string, string][] = [
    ['phong_hoc', 'Phòng học'],
    ['phong_bo_mon', 'Phòng học bộ môn'],
    ['phuc_vu_hoc_tap', 'Khối phục vụ học tập'],
    ['hanh_chinh', 'Khối phòng hành chính – quản trị'],
  ];
  const parts = groups.flatMap(([g, label]) => BUILDING_TYPES.map(([t, tl]) => inv(`cong_trinh.${g}.${t}`, `${label} – ${tl}`)));
  parts.push(inv('cong_trinh.thu_vien', 'Thư viện'), inv('cong_trinh.khac', 'Các công trình, khối phòng chức năng khác'));
  return withTotal('cong_trinh', parts);
}

const STAFF_ROWS: [string, string][] = [
  ['hieu_truong', 'Hiệu trưởng'],
  ['pho_hieu_truong', 'Phó hiệu trưởng'],
  ['giao_vien', 'Giáo viên'],
  ['nhan_su_ho_tro', 'Nhân sự hỗ trợ giáo dục'],
];
const STAFF_COLS: [string, string][] = [
  ['tong_so', 'tổng số'],
  ['nu', 'nữ'],
  ['dan_toc', 'dân tộc'],
  ['chua_dat_chuan', 'chưa đạt chuẩn trình độ đào tạo'],
  ['dat_chuan', 'đạt chuẩn trình độ đào tạo'],
  ['tren_chuan', 'trên chuẩn trình độ đào tạo'],
];

function staff(): SchoolDataItem[] {
  const rows = STAFF_ROWS.flatMap(([r, rl]) =>
    STAFF_COLS.map(([c, cl]) => item(`doi_ngu.${r}.${c}`, `${rl} – ${cl}`, 'count', { currentYearOnly: true })),
  );
  const totals = STAFF_COLS.map(([c, cl]) =>
    item(`doi_ngu.cong.${c}`, `Cộng – ${cl}`, 'count', {
      currentYearOnly: true,
      sumOf: STAFF_ROWS.map(([r]) => `doi_ngu.${r}.${c}`),
    }),
  );
  return [...rows, ...totals];
}

function staffYears(level: EducationLevel): SchoolDataItem[] {
  const learners = level === 'mam_non' ? 'trẻ' : 'học sinh';
  const groupWord = level === 'mam_non' ? 'nhóm/lớp' : 'lớp';
  return [
    item('doi_ngu_nam.tong_gv', 'Tổng số giáo viên'),
    item('doi_ngu_nam.gv_lop', `Tỉ lệ giáo viên/${groupWord}`, 'ratio'),
    item('doi_ngu_nam.gv_hs', `Tỉ lệ giáo viên/${learners}`, 'ratio'),
    item('doi_ngu_nam.gv_gioi', 'Tổng số giáo viên dạy giỏi các cấp (nếu có)'),
    item('doi_ngu_nam.gv_gioi_tinh', 'Tổng số giáo viên dạy giỏi cấp tỉnh trở lên (nếu có)'),
  ];
}

function learners(level: EducationLevel): SchoolDataItem[] {
  const who = level === 'mam_non' ? 'trẻ' : 'học sinh';
  const grades = GRADES[level].map(([g, label]) => item(`hoc_sinh.${g}`, `${who[0]!.toUpperCase()}${who.slice(1)} – ${label}`));
  const items = [
    item('hoc_sinh.tong', `Tổng số ${who}`),
    item('hoc_sinh.nu', `Tổng số ${who} – nữ`),
    item('hoc_sinh.dtts', `Tổng số ${who} – dân tộc thiểu số`),
    ...grades,
    item('hoc_sinh.tuyen_moi', 'Tổng số tuyển mới'),
  ];
  if (level !== 'mam_non') items.push(item('hoc_sinh.hai_buoi', 'Học 2 buổi/ngày'));
  items.push(
    item('hoc_sinh.ban_tru', 'Bán trú'),
    item('hoc_sinh.noi_tru', 'Nội trú'),
    item('hoc_sinh.binh_quan_lop', `Bình quân số ${who}/${level === 'mam_non' ? 'nhóm, lớp' : 'lớp học'}`, 'number'),
    item('hoc_sinh.dung_do_tuoi', `Số ${who} đi học đúng độ tuổi`),
    item('hoc_sinh.dung_do_tuoi_ty_le', `Tỉ lệ ${who} đi học đúng độ tuổi`, 'percent'),
  );
  if (level !== 'mam_non') {
    items.push(item('hoc_sinh.gioi_cac_cap', 'Tổng số học sinh giỏi các cấp (nếu có)'));
    if (level !== 'tieu_hoc') items.push(item('hoc_sinh.gioi_quoc_gia', 'Tổng số học sinh giỏi quốc gia (nếu có)'));
  }
  items.push(
    item('hoc_sinh.chinh_sach', `Tổng số ${who} thuộc đối tượng chính sách`),
    item('hoc_sinh.hoan_canh_dac_biet', `Tổng số ${who} có hoàn cảnh đặc biệt`),
  );
  return items;
}

function results(level: EducationLevel): SchoolDataItem[] {
  const pct = (key: string, label: string) => item(`ket_qua.${key}`, label, 'percent');
  switch (level) {
    case 'mam_non':
      return [
        pct('chuyen_can', 'Tỉ lệ trẻ đi học chuyên cần'),
        pct('suy_dinh_duong_can_nang', 'Tỉ lệ trẻ suy dinh dưỡng thể nhẹ cân'),
        pct('suy_dinh_duong_chieu_cao', 'Tỉ lệ trẻ suy dinh dưỡng thể thấp còi'),
        pct('hoan_thanh_ct_5_tuoi', 'Tỉ lệ trẻ 5 tuổi hoàn thành chương trình giáo dục mầm non'),
      ];
    case 'tieu_hoc':
      return [
        pct('hoan_thanh_lop', 'Tỉ lệ học sinh hoàn thành chương trình lớp học'),
        pct('hoan_thanh_ct_tieu_hoc', 'Tỉ lệ học sinh hoàn thành chương trình tiểu học'),
        pct('pham_chat_tot', 'Tỉ lệ học sinh có phẩm chất được đánh giá Tốt'),
        pct('nang_luc_tot', 'Tỉ lệ học sinh có năng lực được đánh giá Tốt'),
      ];
    case 'gdtx':
      return [pct('hoan_thanh', 'Tỉ lệ học viên hoàn thành chương trình'), pct('tot_nghiep', 'Tỉ lệ học viên tốt nghiệp')];
    default:
      return [
        pct('hoc_tap_tot', 'Tỉ lệ học sinh có kết quả học tập xếp loại Tốt'),
        pct('hoc_tap_kha', 'Tỉ lệ học sinh có kết quả học tập xếp loại Khá'),
        pct('hoc_tap_dat', 'Tỉ lệ học sinh có kết quả học tập xếp loại Đạt'),
        pct('hoc_tap_chua_dat', 'Tỉ lệ học sinh có kết quả học tập xếp loại Chưa đạt'),
        pct('ren_luyen_tot', 'Tỉ lệ học sinh có kết quả rèn luyện xếp loại Tốt'),
        pct('ren_luyen_kha', 'Tỉ lệ học sinh có kết quả rèn luyện xếp loại Khá'),
        pct('ren_luyen_dat', 'Tỉ lệ học sinh có kết quả rèn luyện xếp loại Đạt'),
        pct('ren_luyen_chua_dat', 'Tỉ lệ học sinh có kết quả rèn luyện xếp loại Chưa đạt'),
        pct('hoan_thanh_lop', 'Tỉ lệ học sinh hoàn thành chương trình lớp học'),
        level === 'thcs'
          ? pct('chuyen_cap', 'Tỉ lệ học sinh hoàn thành chương trình THCS (chuyển cấp)')
          : pct('tot_nghiep', 'Tỉ lệ học sinh tốt nghiệp THPT'),
      ];
  }
}

/** The catalog of the data annex for a framework and education level. */
export function schoolDataCatalog(fw: Framework, educationLevel: EducationLevel): SchoolDataCatalog {
  const classes = GRADES[educationLevel].map(([g, label]) => item(`lop.${g}`, label));
  const sections: SchoolDataSection[] = [
    {
      code: 'lop',
      title: educationLevel === 'mam_non' ? '1. Số nhóm trẻ, lớp mẫu giáo' : '1. Số lớp học',
      items: withTotal('lop', classes),
    },
    { code: 'cong_trinh', title: '2. Cơ cấu khối công trình của nhà trường', items: buildings() },
    { code: 'doi_ngu', title: '3a. Đội ngũ tại thời điểm tự đánh giá', items: staff() },
    { code: 'doi_ngu_nam', title: '3b. Đội ngũ các năm học', items: staffYears(educationLevel) },
    { code: 'hoc_sinh', title: educationLevel === 'mam_non' ? '4a. Trẻ em' : '4a. Học sinh', items: learners(educationLevel) },
    { code: 'ket_qua', title: '4b. Kết quả giáo dục', items: results(educationLevel) },
  ];
  return {
    frameworkId: fw.id,
    educationLevel,
    windowYears: fw.timeRules.dataWindowYears ?? (fw.family === 'legacy2018' ? 5 : 3),
    sections,
  };
}

export function catalogItems(catalog: SchoolDataCatalog): SchoolDataItem[] {
  return catalog.sections.flatMap((s) => s.items);
}

/** Parses a value typed for an item; returns the stored text or an error message. */
export function normaliseDataValue(it: SchoolDataItem, raw: string | number): { value: string } | { error: string } {
  if (it.unit === 'text') return { value: String(raw).normalize('NFC').trim().slice(0, 200) };
  const text = typeof raw === 'number' ? String(raw) : raw.trim().replace(',', '.').replace(/%$/, '').trim();
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) return { error: `${it.label}: "${raw}" không phải là số.` };
  if (n < 0) return { error: `${it.label}: không được là số âm.` };
  if (it.unit === 'count' && !Number.isInteger(n)) return { error: `${it.label}: phải là số nguyên.` };
  if (it.unit === 'percent' && n > 100) return { error: `${it.label}: tỉ lệ không quá 100%.` };
  return { value: String(n) };
}
