import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docxText, harness, xlsxRows, zipEntry, type Harness } from './testkit';

let h: Harness;

beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

async function fixedAssets() {
  const room = await h.call('rooms.add', { code: 'TIN1', name: 'Phòng Tin học', roomType: 'bm_tin_hoc' });
  // 7-year group (TT 141 Appendix I 5.1.3): 14.29 %/yr of 21 M = 3,000,900 đ.
  const pc = await h.call('assets.create', {
    code: 'MT-01',
    name: 'Máy vi tính',
    assetClass: 'tangible.5',
    wearGroupKey: '5.1.3',
    costVnd: 21_000_000,
    putInUseDate: '2024-05-01',
    fundingSource: 'ngan_sach',
    roomId: room.id,
    documentNo: 'HĐ 01',
    documentDate: '2024-04-20',
  });
  // Life set on the asset: cost / 5 exactly.
  const ac = await h.call('assets.create', {
    code: 'DH-01',
    name: 'Máy điều hòa',
    assetClass: 'tangible.5',
    usefulLifeYears: 5,
    costVnd: 12_500_000,
    putInUseDate: '2023-06-01',
    fundingSource: 'xa_hoi_hoa',
  });
  // Not a fixed asset: no wear.
  const tool = await h.call('assets.create', {
    code: 'CC-01',
    name: 'Quạt trần',
    assetClass: 'tool',
    costVnd: 900_000,
    putInUseDate: '2020-01-01',
  });
  // Land-use right: exempt class.
  const land = await h.call('assets.create', {
    code: 'DAT-01',
    name: 'Quyền sử dụng đất',
    assetClass: 'intangible.1',
    costVnd: 2_000_000_000,
    putInUseDate: '2000-01-01',
  });
  // Past its life already: final amount then nothing.
  const old = await h.call('assets.create', {
    code: 'MT-OLD',
    name: 'Máy in cũ',
    assetClass: 'tangible.5',
    usefulLifeYears: 5,
    costVnd: 10_000_000,
    accumulatedWearVnd: 8_000_000,
    putInUseDate: '2020-01-01',
  });
  return { room, pc, ac, tool, land, old };
}

describe('wear.run (TT 141/2025)', () => {
  it('computes one wear event per asset, updates accumulated/remaining, refuses a second run of the same year', async () => {
    const a = await fixedAssets();
    const r = await h.call('wear.run', { year: 2024 });
    expect(r.run).toMatchObject({ year: 2024, status: 'done', assetCount: 3 });
    expect(r.run.totalVnd).toBe(3_000_900 + 2_500_000 + 2_000_000);
    // Land-use rights are never worn (category 'land'); tools are not fixed assets: neither is a candidate.
    expect(r.skipped).toEqual([]);
    expect(await h.call('assets.get', { id: a.pc.id })).toMatchObject({
      accumulatedWearVnd: 3_000_900,
      remainingVnd: 17_999_100,
      lastWearYear: 2024,
    });
    expect(await h.call('assets.get', { id: a.old.id })).toMatchObject({ accumulatedWearVnd: 10_000_000, remainingVnd: 0 });
    expect(await h.call('assets.get', { id: a.tool.id })).toMatchObject({ accumulatedWearVnd: 0, category: 'tool' });
    const ev = (await h.call('assets.history', { id: a.pc.id })).at(-1)!;
    expect(ev).toMatchObject({
      type: 'wear',
      date: '2024-12-31',
      refId: r.run.id,
      payload: { year: 2024, annualVnd: 3_000_900, before: { accumulatedWearVnd: 0 }, after: { accumulatedWearVnd: 3_000_900 } },
    });

    const again = await h.fail('wear.run', { year: 2024 });
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toMatch(/Đã tính hao mòn năm 2024/);
    expect(await h.call('assets.get', { id: a.pc.id })).toMatchObject({ accumulatedWearVnd: 3_000_900 });

    const next = await h.call('wear.run', { year: 2025 });
    expect(next.skipped).toEqual([
      expect.objectContaining({ code: 'MT-OLD', reason: expect.stringMatching(/Đã tính đủ hao mòn/) }),
    ]);
    expect(await h.call('assets.get', { id: a.pc.id })).toMatchObject({ accumulatedWearVnd: 6_001_800 });
    // A year before a standing later run cannot be recomputed.
    expect((await h.fail('wear.run', { year: 2024, rerun: true })).code).toBe('CONFLICT');

    const report = await h.call('wear.report', { year: 2025 });
    expect(report.rows.map((x) => [x.assetClass, x.fundingSource, x.assets, x.annualVnd])).toEqual([
      ['tangible.5', 'ngan_sach', 1, 3_000_900],
      ['tangible.5', 'xa_hoi_hoa', 1, 2_500_000],
    ]);
    expect(report.total).toMatchObject({ assets: 2, annualVnd: 5_500_900, accumulatedVnd: 6_001_800 + 5_000_000 });
  });

  it('rerun reverses the previous run first (wear_reversal events), then computes afresh with the new data', async () => {
    const a = await fixedAssets();
    const first = await h.call('wear.run', { year: 2024 });
    // A cost correction after the run, then a rerun.
    await h.call('assets.changeCost', { id: a.pc.id, reason: 'correction', newCostVnd: 28_000_000, date: '2024-12-30' });
    const second = await h.call('wear.run', { year: 2024, rerun: true });
    expect(second.reversedRunId).toBe(first.run.id);
    const runs = await h.call('wear.runs', {});
    expect(runs.map((r) => [r.year, r.status])).toEqual([
      [2024, 'done'],
      [2024, 'reversed'],
    ]);
    const hist = await h.call('assets.history', { id: a.pc.id });
    // By effective date: the correction (30/12) comes before the wear events (31/12).
    expect(hist.map((e) => e.type)).toEqual(['recognise', 'cost_change', 'wear', 'wear_reversal', 'wear']);
    expect(hist[3]!.payload).toMatchObject({
      annualVnd: -3_000_900,
      reversesEventId: hist[2]!.id,
      after: { accumulatedWearVnd: 0, lastWearYear: null },
    });
    // 28 M × 14.29 % = 4,001,200.
    expect(await h.call('assets.get', { id: a.pc.id })).toMatchObject({
      costVnd: 28_000_000,
      accumulatedWearVnd: 4_001_200,
      remainingVnd: 23_998_800,
    });
    expect(await h.call('assets.stateAt', { id: a.pc.id, date: '2024-12-31' })).toMatchObject({ accumulatedWearVnd: 4_001_200 });
    expect((await h.call('wear.report', { year: 2024 })).run!.id).toBe(second.run.id);
    // Ledger rows of the reversed run stay (insert-only).
    const [{ n }] = (await h.backend.dataSource.query(`select count(*) as n from asset_event where type = 'wear'`)) as [
      { n: number },
    ];
    expect(n).toBe(first.run.assetCount + second.run.assetCount);
  });

  it('a configured province layer (TT 141 art. 13(1a)) changes the rate of its groups', async () => {
    const resources = path.join(h.dir, 'resources');
    fs.cpSync(path.resolve(import.meta.dirname, '../../../../resources'), resources, { recursive: true });
    const layer = {
      formatVersion: 1,
      id: 'wear-override-ca-mau-2026',
      kind: 'province-override',
      version: '2026.1',
      title: 'Điều chỉnh tỷ lệ hao mòn — tỉnh Cà Mau (ví dụ kiểm thử)',
      source: {
        document: '12/2026/QĐ-UBND',
        title: 'Ví dụ kiểm thử',
        signedDate: '2026-03-01',
        effectiveDate: '2026-03-15',
        article: 'Điều 2',
        grade: 'text',
        note: 'Lớp điều chỉnh dùng trong kiểm thử, không phải văn bản thật.',
      },
      province: 'Cà Mau',
      catalogId: 'wear-tt141-2025',
      overrides: [{ key: '5.1.3', usefulLifeYears: 8, verified: false }],
    };
    fs.writeFileSync(path.join(resources, 'catalogs', 'wear-override-ca-mau-2026.json'), JSON.stringify(layer));
    const p = await harness({ resourcesDir: resources });
    try {
      expect((await p.call('assets.catalogs', {})).provinceOverrides).toEqual([
        { id: 'wear-override-ca-mau-2026', province: 'Cà Mau' },
      ]);
      await p.call('assets.settings.update', { provinceOverrideId: 'wear-override-ca-mau-2026' });
      expect((await p.call('assets.catalogs', {})).wearGroups.find((g) => g.key === '5.1.3')).toMatchObject({
        usefulLifeYears: 8,
        ratePercent: 12.5,
      });
      const pc = await p.call('assets.create', {
        code: 'MT-01',
        name: 'Máy vi tính',
        assetClass: 'tangible.5',
        wearGroupKey: '5.1.3',
        costVnd: 21_000_000,
        putInUseDate: '2024-05-01',
      });
      await p.call('wear.run', { year: 2024 });
      expect((await p.call('assets.get', { id: pc.id })).accumulatedWearVnd).toBe(2_625_000);
    } finally {
      await p.close();
    }
  });

  it('rounds to the thousand when configured', async () => {
    await h.call('assets.settings.update', { roundingUnit: 'thousand' });
    const a = await fixedAssets();
    await h.call('wear.run', { year: 2024 });
    expect((await h.call('assets.get', { id: a.pc.id })).accumulatedWearVnd).toBe(3_001_000);
  });
});

describe('sổ and thẻ tài sản cố định', () => {
  it("register (.xlsx and .docx, A4 landscape, Times New Roman) lists the year's fixed assets with the year's wear; card shows costs and wear by year", async () => {
    const a = await fixedAssets();
    await h.call('wear.run', { year: 2024 });
    const xlsxFile = path.join(h.dir, 'so.xlsx');
    const res = await h.call('assets.register', { format: 'xlsx', year: 2024, fileHandle: h.grant(xlsxFile, 'write') });
    expect(res).toMatchObject({ fileName: 'so.xlsx', mimeType: expect.stringContaining('spreadsheetml') });
    expect(res.contentBase64).toBeUndefined();
    const rows = await xlsxRows(xlsxFile);
    const pcRow = rows.find((r) => r?.[1] === 'MT-01')!;
    expect(pcRow[8]).toBe(21_000_000);
    expect(pcRow[10]).toBe(3_000_900);
    expect(pcRow[12]).toBe(17_999_100);
    expect(rows.some((r) => r?.[1] === 'CC-01')).toBe(false);
    const total = rows.find((r) => r?.[2] === 'TỔNG CỘNG')!;
    expect(total[10]).toBe(3_000_900 + 2_500_000 + 2_000_000);

    const docx = await h.call('assets.register', { format: 'docx', year: 2024 });
    const buf = Buffer.from(docx.contentBase64!, 'base64');
    const text = await docxText(buf);
    expect(text).toContain('SỔ TÀI SẢN CỐ ĐỊNH');
    expect(text).toContain('MT-01');
    expect(text).toContain('3.000.900');
    const xml = await zipEntry(buf, 'word/document.xml');
    expect(xml).toMatch(/w:orient="landscape"/);
    expect(xml).toMatch(/<w:pgSz w:w="1683\d" w:h="1190\d" w:orient="landscape"\/>/); // A4 landscape (297 × 210 mm)
    expect(await zipEntry(buf, 'word/styles.xml')).toContain('Times New Roman');

    const card = await h.call('assets.card', { id: a.pc.id, format: 'docx' });
    const cardText = await docxText(Buffer.from(card.contentBase64!, 'base64'));
    expect(cardText).toContain('THẺ TÀI SẢN CỐ ĐỊNH');
    expect(cardText).toContain('Số: MT-01');
    expect(cardText).toContain('21.000.000');
    expect(cardText).toContain('2024');
    expect(cardText).toContain('TIN1 — Phòng Tin học');
    const cardX = await h.call('assets.card', { id: a.pc.id, format: 'xlsx' });
    const cardRows = await xlsxRows(Buffer.from(cardX.contentBase64!, 'base64'));
    expect(cardRows.some((r) => r?.[0] === 2024 && r?.[1] === 3_000_900)).toBe(true);
  });

  it('QR label sheets (3×8 and 4×10) and Code 128: one image per label, code in text', async () => {
    for (let i = 1; i <= 30; i++)
      await h.call('assets.create', { code: `NH-${String(i).padStart(3, '0')}`, name: `Bàn học ${i}`, assetClass: 'tool' });
    const sheet = await h.call('assets.labels', { filter: {}, layout: '3x8', symbology: 'qr' });
    const buf = Buffer.from(sheet.contentBase64!, 'base64');
    const text = await docxText(buf);
    expect(text).toContain('NH-001');
    expect(text).toContain('NH-030');
    const xml = await zipEntry(buf, 'word/document.xml');
    expect((xml.match(/<pic:pic /g) ?? []).length).toBe(30);
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(2); // 24 per page → two pages
    const small = await h.call('assets.labels', {
      ids: [(await h.call('assets.get', { code: 'NH-001' })).id],
      layout: '4x10',
      symbology: 'code128',
      fileHandle: h.grant(path.join(h.dir, 'nhan.docx'), 'write'),
    });
    expect(small.fileName).toBe('nhan.docx');
    const smallXml = await zipEntry(fs.readFileSync(path.join(h.dir, 'nhan.docx')), 'word/document.xml');
    expect((smallXml.match(/<pic:pic /g) ?? []).length).toBe(1);
    expect((smallXml.match(/<w:tc>/g) ?? []).length).toBe(40);
  });
});
