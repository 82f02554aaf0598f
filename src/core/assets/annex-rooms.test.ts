import { describe, expect, it } from 'vitest';
import { annexGroupOf, annexRoomCounts } from './annex-rooms';

describe('annex room lines', () => {
  it('maps room types to the annex groups', () => {
    expect(annexGroupOf('hoc_tap', 'phong_hoc')).toBe('phong_hoc');
    expect(annexGroupOf('mn_nuoi_day', 'mn_phong_nuoi_day')).toBe('phong_hoc');
    expect(annexGroupOf('hoc_tap', 'bm_vat_li')).toBe('phong_bo_mon');
    expect(annexGroupOf('ho_tro_hoc_tap', 'thu_vien')).toBe('thu_vien');
    expect(annexGroupOf('mn_ho_tro_hoc_tap', 'mn_thu_vien')).toBe('thu_vien');
    expect(annexGroupOf('ho_tro_hoc_tap', 'phong_doi')).toBe('phuc_vu_hoc_tap');
    expect(annexGroupOf('mn_hanh_chinh_quan_tri', 'mn_van_phong')).toBe('hanh_chinh');
    expect(annexGroupOf('phuc_vu_sinh_hoat', 'nha_an')).toBe('khac');
    expect(annexGroupOf('', 'phong_khac')).toBe('khac');
  });

  it('splits the four main groups by construction type and leaves unknown types out, counted', () => {
    const r = annexRoomCounts([
      { block: 'hoc_tap', roomType: 'phong_hoc', constructionType: 'kien_co' },
      { block: 'hoc_tap', roomType: 'phong_hoc', constructionType: 'kien_co' },
      { block: 'hoc_tap', roomType: 'phong_hoc', constructionType: null },
      { block: 'hoc_tap', roomType: 'bm_tin_hoc', constructionType: 'ban_kien_co' },
      { block: 'ho_tro_hoc_tap', roomType: 'thu_vien', constructionType: null },
      { block: 'phu_tro', roomType: 'nha_kho', constructionType: 'tam' },
    ]);
    expect(r.counts).toEqual({
      'cong_trinh.phong_hoc.kien_co': 2,
      'cong_trinh.phong_bo_mon.ban_kien_co': 1,
      'cong_trinh.thu_vien': 1,
      'cong_trinh.khac': 1,
    });
    expect(r.unclassified).toBe(1);
  });
});
