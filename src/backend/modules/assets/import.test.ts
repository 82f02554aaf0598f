import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, xlsxRows, type Harness } from './testkit';

let h: Harness;

beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

type Cell = string | number | Date | null;
const GOOD: Cell[][] = [
  [1, 'MT-01', 'Máy vi tính Dell', 'Cái', 1, '12.000.000', '15/09/2024', 'Phòng Tin', 'Đang sử dụng', 'Ngân sách'],
  [2, 'MT-02', 'Máy chiếu Epson', 'Cái', 1, '12,000,000 đ', 45000, 'P101', 'Hỏng', 'XHH'],
  [3, '', 'Bàn ghế học sinh', 'Bộ', 40, 48_000_000, new Date(Date.UTC(2020, 7, 20)), 'P101', 'Tốt', 'Ngân sách'],
];
const BAD: Cell[][] = [
  [4, 'MT-04', '', 'Cái', 1, '5.000.000', '01/01/2024', 'P101', 'Tốt', 'Ngân sách'],
  [5, 'MT-05', 'Loa kéo', 'Cái', 1, '12,5 triệu', '01/01/2024', 'P101', 'Tốt', 'Ngân sách'],
  [6, 'MT-01', 'Máy vi tính (trùng mã)', 'Cái', 1, '12.000.000', '01/01/2024', 'P101', 'Tốt', 'Ngân sách'],
  [7, 'MT-07', 'Tivi', 'Cái', 'hai', '9.000.000', '31/02/2024', 'P101', 'Tốt', 'Ngân sách'],
];

/** A register as schools keep it: title lines, a merged two-row header, a numbering row, a total row. */
async function messyRegister(file: string, rows: Cell[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sổ tài sản');
  ws.addRow(['SỔ THEO DÕI TÀI SẢN, THIẾT BỊ']);
  ws.addRow(['Trường THCS Nguyễn Du — năm học 2024-2025']);
  ws.addRow([]);
  ws.addRow([
    'STT',
    'Mã tài sản',
    'Tên tài sản',
    'ĐVT',
    'Nguyên giá',
    null,
    'Ngày sử dụng',
    'Phòng',
    'Tình trạng',
    'Nguồn kinh phí',
  ]);
  ws.addRow([null, null, null, null, 'Số lượng', 'Thành tiền', null, null, null, null]);
  for (const c of ['A', 'B', 'C', 'D', 'G', 'H', 'I', 'J']) ws.mergeCells(`${c}4:${c}5`);
  ws.mergeCells('E4:F4');
  ws.addRow(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)']);
  for (const r of rows) ws.addRow(r);
  ws.addRow([null, null, 'Tổng cộng', null, null, 72_000_000]);
  await wb.xlsx.writeFile(file);
}

describe('assets.import of an existing register', () => {
  it('dry run names every bad row with the row number Excel shows and the column; nothing is written; fixed file goes in whole', async () => {
    const file = path.join(h.dir, 'so-tai-san.xlsx');
    await messyRegister(file, [...GOOD, ...BAD]);
    const preview = await h.call('assets.importPreview', { source: { fileHandle: h.grant(file, 'read') } });
    expect(preview.headerRows).toEqual([4, 5]);
    expect(preview.mapping).toMatchObject({
      code: 1,
      name: 2,
      unit: 3,
      quantity: 4,
      costVnd: 5,
      putInUseDate: 6,
      room: 7,
      condition: 8,
      fundingSource: 9,
    });
    expect(preview.headers[5]).toMatchObject({ letter: 'F', header: 'Nguyên giá / Thành tiền', field: 'costVnd' });
    expect(preview.dataRows).toBe(7);
    expect(preview.savedMapping).toBe(false);

    const dry = await h.call('assets.import', { source: { fileHandle: h.grant(file, 'read') }, dryRun: true });
    expect(dry).toMatchObject({ rows: 7, valid: 3, written: 0, dryRun: true, newRooms: ['Phòng Tin', 'P101'] });
    expect(dry.errors).toEqual([
      { row: 10, column: 'C (Tên tài sản)', message: 'Thiếu tên tài sản' },
      { row: 11, column: 'F (Nguyên giá / Thành tiền)', message: expect.stringMatching(/Số tiền không hợp lệ "12,5 triệu"/) },
      { row: 12, column: 'B (Mã tài sản)', message: 'Mã "MT-01" trùng với dòng 7' },
      { row: 13, column: 'E (Nguyên giá / Số lượng)', message: expect.stringMatching(/Số lượng phải là số nguyên/) },
      { row: 13, column: 'G (Ngày sử dụng)', message: expect.stringMatching(/không có ngày 31/) },
    ]);
    // Not a dry run: all or nothing.
    const refused = await h.call('assets.import', { source: { fileHandle: h.grant(file, 'read') } });
    expect(refused).toMatchObject({ written: 0, valid: 3 });
    expect(refused.errors).toHaveLength(5);
    expect((await h.call('assets.list', {})).total).toBe(0);
    expect(await h.call('rooms.list', {})).toEqual([]);

    const fixed = path.join(h.dir, 'so-tai-san-da-sua.xlsx');
    await messyRegister(fixed, GOOD);
    const ok = await h.call('assets.import', {
      source: { contentBase64: fs.readFileSync(fixed).toString('base64'), fileName: 'so.xlsx' },
    });
    expect(ok).toMatchObject({ rows: 3, valid: 3, written: 3, created: 3, updated: 0, errors: [] });
    const list = (await h.call('assets.list', { limit: 10 })).items;
    expect(
      list.map((a) => [a.code, a.costVnd, a.putInUseDate, a.roomCode, a.condition, a.fundingSource, a.quantity, a.category]),
    ).toEqual([
      ['MT-01', 12_000_000, '2024-09-15', 'Phòng Tin', 'dang_hoat_dong', 'ngan_sach', 1, 'fixed'],
      ['MT-02', 12_000_000, '2023-03-15', 'P101', 'hu_hong', 'xa_hoi_hoa', 1, 'fixed'],
      ['TS000001', 48_000_000, '2020-08-20', 'P101', 'dang_hoat_dong', 'ngan_sach', 40, 'tool'],
    ]);
    expect(list[2]!.tracking).toBe('quantity');
    expect((await h.call('assets.history', { id: list[0]!.id }))[0]).toMatchObject({
      type: 'recognise',
      payload: { imported: true },
    });
    // The mapping was saved for this header signature.
    expect((await h.call('assets.importPreview', { source: { fileHandle: h.grant(fixed, 'read') } })).savedMapping).toBe(true);
    // Change log: one insert per asset, per event, per room.
    const log = (await h.backend.dataSource.query(
      `select entity, count(*) as n from change_log where entity like 'Asset%' group by entity order by entity`,
    )) as { entity: string; n: number }[];
    expect(log).toEqual([
      { entity: 'Asset', n: 3 },
      { entity: 'AssetEvent', n: 3 },
      { entity: 'AssetRoom', n: 2 },
    ]);
  });

  it('"update existing" by code changes only what the file gives and logs edit events; without it the codes are refused', async () => {
    const file = path.join(h.dir, 'a.xlsx');
    await messyRegister(file, GOOD);
    await h.call('assets.import', { source: { fileHandle: h.grant(file, 'read') } });
    const again = await h.call('assets.import', { source: { fileHandle: h.grant(file, 'read') }, dryRun: true });
    expect(again.errors.map((e) => [e.row, e.column])).toEqual([
      [7, 'B (Mã tài sản)'],
      [8, 'B (Mã tài sản)'],
    ]);
    expect(again.errors[0]!.message).toMatch(/đã có trong sổ/);
    const changed = path.join(h.dir, 'b.xlsx');
    await messyRegister(changed, [
      [1, 'MT-01', 'Máy vi tính Dell Vostro', 'Cái', 1, '13.000.000', null, 'P101', 'Hỏng', null],
      [2, 'MT-09', 'Máy in Canon', 'Cái', 1, '11.000.000', '02/01/2025', 'P101', 'Tốt', 'Tài trợ'],
    ]);
    const r = await h.call('assets.import', { source: { fileHandle: h.grant(changed, 'read') }, updateExisting: true });
    expect(r).toMatchObject({ written: 2, created: 1, updated: 1, errors: [] });
    const mt01 = await h.call('assets.get', { code: 'MT-01' });
    expect(mt01).toMatchObject({
      name: 'Máy vi tính Dell Vostro',
      costVnd: 13_000_000,
      remainingVnd: 13_000_000,
      condition: 'hu_hong',
      roomCode: 'P101',
      putInUseDate: '2024-09-15',
      fundingSource: 'ngan_sach',
    });
    const edit = (await h.call('assets.history', { id: mt01.id })).at(-1)!;
    expect(edit).toMatchObject({ type: 'edit', payload: { before: { costVnd: 12_000_000 }, after: { costVnd: 13_000_000 } } });
    expect((await h.call('assets.list', { q: 'canon' })).items[0]).toMatchObject({ code: 'MT-09', fundingSource: 'tai_tro' });
  });

  it('export → re-import round trip: the export uses the headers the import accepts', async () => {
    const room = await h.call('rooms.add', { code: 'TIN1', name: 'Phòng Tin', roomType: 'bm_tin_hoc' });
    await h.call('assets.create', {
      code: 'A-1',
      name: 'Máy vi tính',
      model: 'X1',
      brand: 'Dell',
      serial: 'S1',
      originCountry: 'Trung Quốc',
      yearMade: 2023,
      assetClass: 'tangible.5',
      usefulLifeYears: 7,
      costVnd: 15_000_000,
      accumulatedWearVnd: 2_000_000,
      fundingSource: 'ngan_sach',
      acquiredVia: 'tang_cho',
      documentNo: 'HĐ 9',
      documentDate: '2024-01-05',
      putInUseDate: '2024-01-10',
      roomId: room.id,
      custodian: 'Thầy Nam',
      condition: 'chua_su_dung',
      specs: 'i5/8GB',
      notes: 'Ghi chú',
    });
    await h.call('assets.create', {
      code: 'B-2',
      name: 'Ghế nhựa',
      assetClass: 'tool',
      unit: 'chiếc',
      quantity: 30,
      costVnd: 3_000_000,
      fundingSource: 'xa_hoi_hoa',
      putInUseDate: '2022-09-01',
    });
    const file = path.join(h.dir, 'xuat.xlsx');
    const out = await h.call('assets.export', { list: 'assets', fileHandle: h.grant(file, 'write') });
    expect(out.fileName).toBe('xuat.xlsx');
    const rows = await xlsxRows(file);
    expect(rows[0]!.slice(0, 3)).toEqual(['Mã tài sản', 'Tên tài sản', 'Model / ký hiệu']);
    expect(rows).toHaveLength(3);

    const other = await harness();
    try {
      const r = await other.call('assets.import', { source: { fileHandle: other.grant(file, 'read') } });
      expect(r).toMatchObject({ rows: 2, written: 2, errors: [], newRooms: ['TIN1'] });
      const a = await other.call('assets.get', { code: 'A-1' });
      expect(a).toMatchObject({
        name: 'Máy vi tính',
        model: 'X1',
        brand: 'Dell',
        serial: 'S1',
        originCountry: 'Trung Quốc',
        yearMade: 2023,
        assetClass: 'tangible.5',
        usefulLifeYears: 7,
        costVnd: 15_000_000,
        accumulatedWearVnd: 2_000_000,
        remainingVnd: 13_000_000,
        fundingSource: 'ngan_sach',
        acquiredVia: 'tang_cho',
        documentNo: 'HĐ 9',
        documentDate: '2024-01-05',
        putInUseDate: '2024-01-10',
        roomCode: 'TIN1',
        custodian: 'Thầy Nam',
        condition: 'chua_su_dung',
        specs: 'i5/8GB',
        notes: 'Ghi chú',
      });
      expect(await other.call('assets.get', { code: 'B-2' })).toMatchObject({
        quantity: 30,
        unit: 'chiếc',
        assetClass: 'tool',
        tracking: 'quantity',
        costVnd: 3_000_000,
      });
    } finally {
      await other.close();
    }
    // Re-importing the export over the same register with "update existing" changes nothing.
    const before = (await h.backend.dataSource.query(`select count(*) as n from asset_event`)) as [{ n: number }];
    const same = await h.call('assets.import', { source: { fileHandle: h.grant(file, 'read') }, updateExisting: true });
    expect(same).toMatchObject({ updated: 2, created: 0, errors: [] });
    expect(await h.backend.dataSource.query(`select count(*) as n from asset_event`)).toEqual(before);

    const roomsX = await h.call('assets.export', { list: 'rooms' });
    expect((await xlsxRows(Buffer.from(roomsX.contentBase64!, 'base64')))[1]!.slice(0, 2)).toEqual(['TIN1', 'Phòng Tin']);
    const events = await h.call('assets.export', { list: 'events' });
    expect((await xlsxRows(Buffer.from(events.contentBase64!, 'base64'))).length).toBe(3);
  });
  it('a file whose headers are not recognised can be imported with a mapping chosen by the user and the first data row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('A');
    ws.addRow(['Cột A', 'Cột B', 'Cột C']);
    ws.addRow(['K-1', 'Tủ sắt', '3.500.000']);
    ws.addRow(['K-2', 'Giá sách', '1.200.000']);
    const file = path.join(h.dir, 'la.xlsx');
    await wb.xlsx.writeFile(file);
    const preview = await h.call('assets.importPreview', { source: { fileHandle: h.grant(file, 'read') } });
    expect(preview).toMatchObject({ headerRows: [], missingRequired: ['name'], confidence: 0 });
    const r = await h.call('assets.import', {
      source: { fileHandle: h.grant(file, 'read') },
      mapping: { code: 0, name: 1, costVnd: 2 },
      firstDataRow: 2,
    });
    expect(r).toMatchObject({ rows: 2, written: 2, errors: [] });
    expect((await h.call('assets.get', { code: 'K-2' })).costVnd).toBe(1_200_000);
  });
});
