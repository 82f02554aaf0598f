import { describe, expect, it } from 'vitest';
import normsData from '../../../resources/catalogs/room-norms-tt13-2020.json';
import { validateCatalogOfKind } from './catalog-loader';
import { averageClassSize, roomNormGaps, uncoveredNormBlocks, type RoomInput } from './norms';

const catalog = validateCatalogOfKind(normsData, 'room-norms-tt13-2020.json', 'room-norms');

const rooms = (type: string, n: number, areaM2: number | null = 60): RoomInput[] =>
  Array.from({ length: n }, () => ({ type, areaM2 }));

describe('roomNormGaps — THCS (TT 13/2020 art. 14(2))', () => {
  const result = roomNormGaps(
    {
      level: 'thcs',
      classes: 20,
      students: 800,
      rooms: [
        ...rooms('phong_hoc', 10),
        ...rooms('bm_khoa_hoc_tu_nhien', 1),
        ...rooms('bm_tin_hoc', 2),
        ...rooms('van_phong', 1),
        ...rooms('thu_vien', 1),
      ],
    },
    catalog,
  );
  const row = (t: string) => result.find((r) => r.roomType === t)!;

  it.each([
    ['phong_hoc', '20 lớp × 0,6 = 12 phòng, có 10 → thiếu 2', 12, 10, 2],
    ['bm_khoa_hoc_tu_nhien', 'KHTN tối thiểu 2, có 1 → thiếu 1', 2, 1, 1],
    ['bm_tin_hoc', 'Tin học tối thiểu 1, có 2 → đủ', 1, 2, 0],
    ['bm_am_nhac', 'Âm nhạc tối thiểu 1, không có → thiếu 1', 1, 0, 1],
    ['van_phong', 'Văn phòng 1 (bản dịch, thứ cấp), có 1', 1, 1, 0],
  ] as const)('%s: %s', (type, _name, required, actual, gap) => {
    expect(row(type)).toMatchObject({ required, actual, gap, incomplete: false, verified: false });
  });

  it('rows without numbers are reported as incomplete, never as a shortfall', () => {
    expect(row('bm_khoa_hoc_xa_hoi')).toMatchObject({ required: null, gap: null, incomplete: true });
    expect(row('phong_hieu_truong')).toMatchObject({ required: null, gap: null, incomplete: true });
  });

  it('each row carries its source and only THCS norms are listed', () => {
    expect(row('phong_hoc').source).toMatchObject({ document: '13/2020/TT-BGDĐT', article: 'Điều 14 khoản 2', grade: 'text' });
    expect(result.every((r) => r.normId.startsWith('thcs.'))).toBe(true);
    expect(result.find((r) => r.roomType === 'thu_vien')).toBeUndefined();
  });

  it('0,6 × 10 lớp = 6 phòng exactly (no floating-point 6.000000000000001 → 7)', () => {
    const r = roomNormGaps({ level: 'thcs', classes: 10, students: 400, rooms: [] }, catalog).find(
      (x) => x.roomType === 'phong_hoc',
    )!;
    expect(r.required).toBe(6);
  });
});

describe('roomNormGaps — primary subject-room area (TT 14/2020 art. 5(1a))', () => {
  it('15 lớp, 525 học sinh (35/lớp): phòng Tin học cần max(50; 1,5 × 35 = 52,5) m² — phòng 50 m² thiếu diện tích, phòng 60 m² đạt', () => {
    const result = roomNormGaps(
      {
        level: 'tieu_hoc',
        classes: 15,
        students: 525,
        rooms: [
          { type: 'bm_tin_hoc', areaM2: 50 },
          { type: 'bm_tin_hoc', areaM2: 60 },
          { type: 'bm_ngoai_ngu', areaM2: null },
          ...rooms('phong_hoc', 14),
        ],
      },
      catalog,
    );
    const tin = result.find((r) => r.roomType === 'bm_tin_hoc')!;
    expect(tin).toMatchObject({
      requiredAreaM2: 52.5,
      roomsBelowArea: 1,
      roomsWithoutArea: 0,
      actual: 2,
      required: null,
      incomplete: true,
    });
    expect(result.find((r) => r.roomType === 'bm_ngoai_ngu')).toMatchObject({ roomsWithoutArea: 1, roomsBelowArea: 0 });
    expect(result.find((r) => r.roomType === 'phong_hoc')).toMatchObject({ required: 15, actual: 14, gap: 1 });
    expect(result.find((r) => r.roomType === 'phong_hoc')!.source.grade).toBe('?');
  });

  it('a small school (8 lớp, 160 học sinh = 20/lớp): the 50 m² floor applies', () => {
    const r = roomNormGaps({ level: 'tieu_hoc', classes: 8, students: 160, rooms: [] }, catalog).find(
      (x) => x.roomType === 'phong_da_chuc_nang',
    )!;
    expect(r.requiredAreaM2).toBe(50);
  });

  it('average class size rounds up; no classes → 0', () => {
    expect(averageClassSize(15, 526)).toBe(36);
    expect(averageClassSize(0, 100)).toBe(0);
  });

  it('a level with no norms in the stored text returns only its incomplete placeholders', () => {
    const r = roomNormGaps({ level: 'mam_non', classes: 6, students: 150, rooms: [] }, catalog);
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((x) => x.incomplete && x.gap === null)).toBe(true);
  });
});

describe('uncoveredNormBlocks', () => {
  it('THPT: no norm in the stored text (whole level); THCS: the blocks after the learning block', () => {
    expect(uncoveredNormBlocks('thpt', catalog)).toEqual([{ block: null, note: expect.stringContaining('THPT') }]);
    expect(uncoveredNormBlocks('thcs', catalog).map((g) => g.block)).toEqual([
      'ho_tro_hoc_tap',
      'phu_tro',
      'san_choi_the_thao',
      'phuc_vu_sinh_hoat',
      'hoc_tap',
    ]);
  });
});
