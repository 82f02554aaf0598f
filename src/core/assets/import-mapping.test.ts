import { describe, expect, it } from 'vitest';
import classesData from '../../../resources/catalogs/asset-classes.json';
import { validateCatalogOfKind } from './catalog-loader';
import {
  applyMapping,
  cellValue,
  columnLabels,
  columnLetter,
  flattenHeaderRows,
  isBlankRow,
  mapHeaders,
  matchCode,
  normalizeHeader,
  validateRow,
  type AssetField,
} from './import-mapping';

const classes = validateCatalogOfKind(classesData, 'asset-classes.json', 'asset-classes');

describe('normalizeHeader', () => {
  it.each([
    ['Nguyên giá (đồng)', 'nguyen gia'],
    ['  MÃ   TÀI SẢN: ', 'ma tai san'],
    ['Đơn vị tính', 'don vi tinh'],
    ['Ngày đưa vào\nsử dụng', 'ngay dua vao su dung'],
    ['Tỷ lệ hao mòn (%)', 'ty le hao mon'],
  ])('%j → %j', (h, out) => expect(normalizeHeader(h)).toBe(out));
});

describe('mapHeaders — one header row', () => {
  it.each([
    // header, field
    ['Mã tài sản', 'code'],
    ['MÃ TS', 'code'],
    ['Số hiệu', 'code'],
    ['ma tai san', 'code'],
    ['Tên tài sản', 'name'],
    ['Tên thiết bị', 'name'],
    ['TÊN THIẾT BỊ - ĐỒ DÙNG', 'name'],
    ['Model', 'model'],
    ['Hãng sản xuất', 'brand'],
    ['Số Serial', 'serial'],
    ['S/N', 'serial'],
    ['Nước SX', 'origin'],
    ['Xuất xứ', 'origin'],
    ['Năm sản xuất', 'yearMade'],
    ['ĐVT', 'unit'],
    ['Số lượng', 'quantity'],
    ['SL', 'quantity'],
    ['Nguyên giá', 'costVnd'],
    ['Nguyên giá (VNĐ)', 'costVnd'],
    ['Giá trị', 'costVnd'],
    ['Thành tiền', 'costVnd'],
    ['Đơn giá', 'unitPriceVnd'],
    ['Giá trị còn lại', 'remainingVnd'],
    ['GTCL', 'remainingVnd'],
    ['Hao mòn lũy kế', 'accumulatedWearVnd'],
    ['Tỷ lệ hao mòn (%)', 'wearRatePercent'],
    ['Số năm sử dụng', 'usefulLifeYears'],
    ['Nguồn vốn', 'fundingSource'],
    ['Nguồn kinh phí', 'fundingSource'],
    ['Nguồn gốc hình thành', 'acquiredVia'],
    ['Số chứng từ', 'documentNo'],
    ['Ngày chứng từ', 'documentDate'],
    ['Năm sử dụng', 'putInUseDate'],
    ['Ngày đưa vào sử dụng', 'putInUseDate'],
    ['Ngày tháng năm đưa vào sử dụng', 'putInUseDate'],
    ['Phòng', 'room'],
    ['Vị trí', 'room'],
    ['Nơi đặt', 'room'],
    ['Nơi sử dụng', 'room'],
    ['Người quản lý', 'custodian'],
    ['Tình trạng', 'condition'],
    ['Hiện trạng', 'condition'],
    ['Loại tài sản', 'assetClass'],
    ['Thông số kỹ thuật', 'specs'],
    ['Ghi chú', 'notes'],
  ] as const)('%j → %s', (header, field) => {
    const m = mapHeaders(['STT', header]);
    expect(m.mapping[field as AssetField]).toBe(1);
    expect(m.columns[1]!.field).toBe(field);
  });

  it('a typical register: every column mapped, STT ignored, high confidence', () => {
    const m = mapHeaders([
      'STT',
      'Mã TS',
      'Tên tài sản',
      'ĐVT',
      'Số lượng',
      'Nguyên giá',
      'Giá trị còn lại',
      'Năm sử dụng',
      'Phòng',
      'Tình trạng',
      'Ghi chú',
    ]);
    expect(m.mapping).toEqual({
      code: 1,
      name: 2,
      unit: 3,
      quantity: 4,
      costVnd: 5,
      remainingVnd: 6,
      putInUseDate: 7,
      room: 8,
      condition: 9,
      notes: 10,
    });
    expect(m.columns[0]).toMatchObject({ ignored: true, field: null });
    expect(m.unmapped).toEqual([]);
    expect(m.missingRequired).toEqual([]);
    expect(m.confidence).toBe(1);
  });

  it('"Giá trị còn lại" is not taken for the cost, "Số năm sử dụng" not for the date put in use', () => {
    const m = mapHeaders(['Tên tài sản', 'Giá trị còn lại', 'Số năm sử dụng', 'Nguyên giá', 'Ngày sử dụng']);
    expect(m.mapping).toMatchObject({ remainingVnd: 1, usefulLifeYears: 2, costVnd: 3, putInUseDate: 4 });
  });

  it('unknown headers are listed as unmapped with their column letter; a register without names is flagged', () => {
    const m = mapHeaders(['Mã', 'Cột lạ', '', 'Số lượng']);
    expect(m.unmapped).toEqual([{ index: 1, letter: 'B', header: 'Cột lạ' }]);
    expect(m.missingRequired).toEqual(['name']);
    expect(m.confidence).toBeLessThan(0.5);
  });

  it('each field goes to one column only: two "Phòng" columns → the first', () => {
    const m = mapHeaders(['Tên', 'Phòng', 'Phòng']);
    expect(m.mapping.room).toBe(1);
    expect(m.unmapped.map((u) => u.letter)).toEqual(['C']);
  });
});

describe('mapHeaders — two-row headers flattened as "Top / Sub"', () => {
  it('merged "Nguyên giá" over "Tổng | Ngân sách | Khác" → "Nguyên giá / Tổng" is the cost', () => {
    const rows = [
      ['STT', 'Tên tài sản', 'Nguyên giá', null, null, 'Ghi chú'],
      [null, null, 'Tổng', 'Ngân sách', 'Khác', null],
    ];
    expect(flattenHeaderRows(rows)).toEqual([
      'STT',
      'Tên tài sản',
      'Nguyên giá / Tổng',
      'Nguyên giá / Ngân sách',
      'Nguyên giá / Khác',
      'Ghi chú',
    ]);
    const m = mapHeaders(rows);
    expect(m.mapping).toMatchObject({ name: 1, costVnd: 2, notes: 5 });
    expect(m.columns[2]!.score).toBe(0.9);
  });

  it('the "Tổng" column wins even when it is not the first of the group', () => {
    const m = mapHeaders([
      ['Tên', 'Nguyên giá', null],
      [null, 'Ngân sách', 'Tổng cộng'],
    ]);
    expect(m.mapping.costVnd).toBe(2);
  });

  it('stocktake-style groups: "Theo sổ kế toán / Số lượng" → quantity (sub-header match 0.95)', () => {
    const m = mapHeaders([
      ['Tên tài sản cố định', 'Mã số', 'Nơi sử dụng', 'Theo sổ kế toán', null, null],
      [null, null, null, 'Số lượng', 'Nguyên giá', 'Giá trị còn lại'],
    ]);
    expect(m.mapping).toEqual({ name: 0, code: 1, room: 2, quantity: 3, costVnd: 4, remainingVnd: 5 });
    expect(m.columns[3]!.score).toBe(0.95);
  });

  it('an empty top cell over an unrelated column does not inherit the group', () => {
    expect(
      flattenHeaderRows([
        ['Nguyên giá', null, null],
        ['Tổng', null, 'Ghi chú'],
      ]),
    ).toEqual(['Nguyên giá / Tổng', '', 'Ghi chú']);
  });

  it('rich text and formula cells in headers are read as text', () => {
    expect(
      flattenHeaderRows([[{ richText: [{ text: 'Tên ' }, { text: 'tài sản' }] }, { formula: 'A1', result: 'Mã TS' }]]),
    ).toEqual(['Tên tài sản', 'Mã TS']);
  });
});

describe('validateRow', () => {
  const m = mapHeaders([
    'STT',
    'Mã TS',
    'Tên tài sản',
    'ĐVT',
    'Số lượng',
    'Đơn giá',
    'Nguyên giá',
    'Giá trị còn lại',
    'Năm sử dụng',
    'Ngày chứng từ',
    'Phòng',
    'Tình trạng',
    'Nguồn vốn',
    'Nguồn gốc',
    'Loại tài sản',
    'Tỷ lệ hao mòn',
  ]);
  const columns = columnLabels(m);
  const row = (cells: unknown[]) => applyMapping(cells, m.mapping);

  it('a good row becomes a typed draft (codes recognised through the catalog)', () => {
    const r = validateRow(
      row([
        1,
        ' TS-001 ',
        'Máy chiếu  Epson',
        'Cái',
        1,
        '',
        '15.000.000 đ',
        '9.000.000',
        2021,
        '03/04/2021',
        'P101',
        'Đang hoạt động',
        'NSNN',
        'Mua sắm',
        'Máy móc, thiết bị',
        0.2,
      ]),
      12,
      { columns, classes },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft).toMatchObject({
      rowNumber: 12,
      code: 'TS-001',
      name: 'Máy chiếu Epson',
      unit: 'Cái',
      quantity: 1,
      costVnd: 15_000_000,
      remainingVnd: 9_000_000,
      putInUseDate: '2021-01-01',
      putInUseDatePrecision: 'year',
      documentDate: '2021-04-03',
      room: 'P101',
      condition: 'dang_hoat_dong',
      fundingSource: 'ngan_sach',
      acquiredVia: 'mua_sam',
      assetClass: 'tangible.5',
      wearRatePercent: 20,
    });
    expect(r.warnings).toEqual([]);
  });

  it('cost from unit price × quantity when the cost column is empty: 20 bộ × 1.200.000 = 24.000.000', () => {
    const r = validateRow(
      row([
        2,
        'BG-01',
        'Bộ bàn ghế học sinh',
        'Bộ',
        '20',
        '1.200.000',
        null,
        null,
        45383,
        null,
        'P102',
        'Hư hỏng',
        null,
        null,
        null,
        null,
      ]),
      13,
      { columns, classes },
    );
    expect(r.ok && r.draft).toMatchObject({
      quantity: 20,
      unitPriceVnd: 1_200_000,
      costVnd: 24_000_000,
      putInUseDate: '2024-04-01',
      putInUseDatePrecision: 'day',
      condition: 'hu_hong',
    });
  });

  it('errors carry the Excel row and the column as shown: "G (Nguyên giá)"', () => {
    const r = validateRow(
      row([3, 'X', '', 'Cái', 'hai', null, '12,5 triệu', '20.000.000', '31/02/2020', null, null, null, null, null, null, 150]),
      14,
      { columns, classes },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { row: 14, column: 'C (Tên tài sản)', message: 'Thiếu tên tài sản' },
      { row: 14, column: 'E (Số lượng)', message: 'Số lượng phải là số nguyên (nhận "hai")' },
      { row: 14, column: 'G (Nguyên giá)', message: expect.stringContaining('Số tiền không hợp lệ "12,5 triệu"') },
      { row: 14, column: 'P (Tỷ lệ hao mòn)', message: expect.stringContaining('(0; 100]') },
      { row: 14, column: 'I (Năm sử dụng)', message: expect.stringContaining('tháng 2/2020 không có ngày 31') },
    ]);
  });

  it('remaining value above cost is an error; unknown condition text is kept with a warning', () => {
    const r = validateRow(
      row([4, 'T1', 'Tivi', 'Cái', 1, null, '10.000.000', '12.000.000', null, null, null, 'Hơi cũ', null, null, null, null]),
      15,
      { columns, classes },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([{ row: 15, column: 'H (Giá trị còn lại)', message: 'Giá trị còn lại lớn hơn nguyên giá' }]);
    expect(r.warnings[0]).toMatchObject({
      column: 'L (Tình trạng)',
      message: expect.stringContaining('Không nhận ra tình trạng "Hơi cũ"'),
    });
  });

  it('without the catalog, condition codes are still recognised and texts are kept', () => {
    const r = validateRow({ name: 'Loa', condition: 'hu_hong', fundingSource: 'Ngân sách' }, 5);
    expect(r.ok && r.draft).toMatchObject({
      condition: 'hu_hong',
      fundingSource: null,
      fundingSourceText: 'Ngân sách',
      quantity: 1,
      costVnd: null,
    });
  });

  it('blank rows are detected so they can be skipped', () => {
    expect(isBlankRow(row([null, '', '  ', null]))).toBe(true);
    expect(isBlankRow(row([null, 'TS-1']))).toBe(false);
  });

  it.each([
    ['Năm sản xuất 2019', { name: 'A', yearMade: 2019 }, { yearMade: 2019 }],
    ['năm sản xuất dạng ngày', { name: 'A', yearMade: '15/06/2019' }, { yearMade: 2019 }],
    ['tỷ lệ "14,29%"', { name: 'A', wearRatePercent: '14,29%' }, { wearRatePercent: 14.29 }],
    ['thời gian "7 năm"', { name: 'A', usefulLifeYears: '7 năm' }, { usefulLifeYears: 7 }],
    ['số lượng "20 bộ"', { name: 'A', quantity: '20 bộ' }, { quantity: 20 }],
    ['ô công thức nguyên giá', { name: 'A', costVnd: { formula: 'E2*F2', result: 24_000_000 } }, { costVnd: 24_000_000 }],
    [
      'ngày là Date (exceljs)',
      { name: 'A', putInUseDate: new Date(Date.UTC(2023, 8, 5)) },
      { putInUseDate: '2023-09-05', putInUseDatePrecision: 'day' },
    ],
  ] as const)('%s', (_name, mapped, expected) => {
    const r = validateRow(mapped as Record<string, unknown>, 2);
    expect(r.ok && r.draft).toMatchObject(expected);
  });
});

describe('small helpers', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (i, s) => expect(columnLetter(i)).toBe(s));

  it.each([
    ['Đang hư hỏng', 'hu_hong'],
    ['hỏng', 'hu_hong'],
    ['KHÔNG SỬ DỤNG ĐƯỢC', 'khong_su_dung_duoc'],
    ['Còn tốt', 'con_tot'],
    ['đang hoạt động tốt', 'dang_hoat_dong'],
    ['chua_su_dung', 'chua_su_dung'],
    ['xyz', null],
  ])('condition %j → %s', (text, code) => expect(matchCode(text, classes.conditions)).toBe(code));

  it('cellValue unwraps hyperlinks and errors', () => {
    expect(cellValue({ text: 'TS-1', hyperlink: 'http://x' })).toBe('TS-1');
    expect(cellValue({ error: '#N/A' })).toBeNull();
  });
});
