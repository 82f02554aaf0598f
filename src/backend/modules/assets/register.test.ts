import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../contract/methods';
import { harness, type Harness } from './testkit';

let h: Harness;

beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

async function twoRooms() {
  const building = await h.call('buildings.add', {
    name: 'Nhà A',
    constructionType: 'kien_co',
    grade: 'III',
    floors: 3,
    floorAreaM2: 900,
    yearInUse: 2015,
    costVnd: 4_500_000_000,
  });
  const p1 = await h.call('rooms.add', {
    code: 'P101',
    name: 'Phòng học 6A',
    buildingId: building.id,
    roomType: 'phong_hoc',
    areaM2: 54,
    seats: 45,
  });
  const tin = await h.call('rooms.add', {
    code: 'TIN1',
    name: 'Phòng Tin học 1',
    buildingId: building.id,
    roomType: 'bm_tin_hoc',
    areaM2: 70,
    internet: true,
  });
  return { building, p1, tin };
}

const pc = (over: Partial<MethodInput<'assets.create'>> = {}): MethodInput<'assets.create'> => ({
  code: 'MT-001',
  name: 'Máy vi tính để bàn Dell OptiPlex',
  brand: 'Dell',
  model: 'OptiPlex 3000',
  serial: 'SN-99',
  assetClass: 'tangible.5',
  wearGroupKey: '5.1.3',
  costVnd: 15_000_000,
  fundingSource: 'ngan_sach',
  documentNo: 'HĐ 12/2024',
  documentDate: '2024-03-01',
  putInUseDate: '2024-03-10',
  it: {
    kind: 'desktop',
    cpu: 'i5',
    ram: '8 GB',
    storage: '256 GB SSD',
    os: 'Windows 11',
    mac: 'AA:BB',
    internet: true,
    use: 'teaching',
  },
  ...over,
});

describe('places', () => {
  it('buildings and rooms: add, list with counts and effective construction type, unique room codes, removal guards', async () => {
    const { building, p1, tin } = await twoRooms();
    expect(p1).toMatchObject({
      code: 'P101',
      block: 'hoc_tap',
      roomType: 'phong_hoc',
      effectiveConstructionType: 'kien_co',
      buildingName: 'Nhà A',
      assetCount: 0,
    });
    expect(tin.internet).toBe(true);
    expect((await h.fail('rooms.add', { code: 'P101', name: 'Trùng', roomType: 'phong_hoc' })).code).toBe('CONFLICT');
    expect((await h.fail('rooms.add', { code: 'X1', name: 'Lạ', roomType: 'khong_co' })).fields).toEqual({
      roomType: 'Loại phòng không hợp lệ',
    });
    await h.call('assets.create', pc({ roomId: tin.id }));
    const rooms = await h.call('rooms.list', {});
    expect(rooms.find((r) => r.code === 'TIN1')).toMatchObject({ assetCount: 1, pcCount: 1 });
    expect((await h.call('buildings.list', {}))[0]).toMatchObject({ id: building.id, roomCount: 2 });
    expect((await h.fail('rooms.remove', { id: tin.id })).code).toBe('CONFLICT');
    expect((await h.fail('buildings.remove', { id: building.id })).code).toBe('CONFLICT');
    const updated = await h.call('rooms.update', {
      id: p1.id,
      expectedRev: p1.rev,
      room: {
        code: 'P101',
        name: 'Phòng học 6A1',
        buildingId: building.id,
        roomType: 'phong_hoc',
        constructionType: 'ban_kien_co',
      },
    });
    expect(updated).toMatchObject({ name: 'Phòng học 6A1', effectiveConstructionType: 'ban_kien_co', rev: 2 });
    expect(
      (await h.fail('rooms.update', { id: p1.id, expectedRev: 1, room: { code: 'P101', name: 'x', roomType: 'phong_hoc' } }))
        .code,
    ).toBe('CONFLICT');
  });

  it('norms report: required vs actual with the source of each norm and the catalog gaps; rooms by construction type', async () => {
    await twoRooms();
    const r = await h.call('rooms.normsReport', { level: 'thcs', classes: 10, students: 420 });
    const classrooms = r.rows.find((x) => x.roomType === 'phong_hoc')!;
    expect(classrooms).toMatchObject({ required: 6, actual: 1, gap: 5, incomplete: false });
    expect(classrooms.source.document).toMatch(/13\/2020/);
    const it = r.rows.find((x) => x.roomType === 'bm_tin_hoc')!;
    expect(it).toMatchObject({ required: 1, actual: 1, gap: 0 });
    expect(r.rows.find((x) => x.roomType === 'bm_khoa_hoc_tu_nhien')).toMatchObject({ required: 2, actual: 0, gap: 2 });
    expect(r.rows.some((x) => x.incomplete && x.required === null && x.gap === null)).toBe(true);
    expect(r.catalogGaps.length).toBeGreaterThan(0);
    expect(r.totals.gap).toBeGreaterThanOrEqual(7);

    const annex = await h.call('assets.roomsByConstructionType', { year: 2020 });
    expect(annex.total.kien_co).toEqual({ rooms: 2, areaM2: 124 });
    expect(annex.rows.map((x) => x.roomType).sort()).toEqual(['bm_tin_hoc', 'phong_hoc']);
    expect((await h.call('assets.roomsByConstructionType', { year: 2010 })).total.total.rooms).toBe(0);
  });
});

describe('register and ledger', () => {
  it('create classifies (TT 141 art. 3), writes a recognise event, lists with indexed filters and folded full-text search', async () => {
    const { tin, p1 } = await twoRooms();
    const a = await h.call('assets.create', pc({ roomId: tin.id }));
    expect(a).toMatchObject({
      code: 'MT-001',
      category: 'fixed',
      remainingVnd: 15_000_000,
      roomCode: 'TIN1',
      tracking: 'unit',
      it: { kind: 'desktop', use: 'teaching' },
    });
    const chairs = await h.call('assets.create', {
      code: '',
      name: 'Bàn ghế học sinh hai chỗ',
      assetClass: 'tangible.5',
      unit: 'bộ',
      quantity: 40,
      costVnd: 48_000_000,
      roomId: p1.id,
      conditionCounts: { dang_hoat_dong: 37, hu_hong: 3 },
    });
    // 1.2 M per set: below 10 M per unit of asset, so a tool (CCDC), tracked by quantity.
    expect(chairs).toMatchObject({
      code: 'TS000001',
      category: 'tool',
      tracking: 'quantity',
      condition: 'dang_hoat_dong',
      conditionCounts: { dang_hoat_dong: 37, hu_hong: 3 },
    });
    expect((await h.fail('assets.create', { name: 'Sai', quantity: 5, conditionCounts: { hu_hong: 2 } })).fields).toEqual({
      conditionCounts: 'Tổng khác số lượng',
    });
    expect((await h.fail('assets.create', pc())).code).toBe('CONFLICT');
    expect((await h.call('assets.history', { id: a.id })).map((e) => e.type)).toEqual(['recognise']);

    expect((await h.call('assets.list', { q: 'may vi tinh' })).items.map((x) => x.code)).toEqual(['MT-001']);
    expect((await h.call('assets.list', { q: 'Máy Vi Tính OPTIPLEX' })).total).toBe(1);
    expect((await h.call('assets.list', { q: 'bàn ghế' })).items.map((x) => x.code)).toEqual(['TS000001']);
    expect((await h.call('assets.list', { q: 'sn' })).total).toBe(1);
    expect((await h.call('assets.list', { roomId: p1.id })).total).toBe(1);
    expect((await h.call('assets.list', { category: 'fixed', fundingSource: 'ngan_sach', itUse: 'teaching' })).total).toBe(1);
    expect((await h.call('assets.list', { sort: 'costVnd', dir: 'desc', limit: 1 })).items[0]!.code).toBe('TS000001');
    expect((await h.call('assets.get', { code: 'MT-001' })).id).toBe(a.id);
  });

  it('every change writes its event in the same transaction; history and stateAt rebuild the asset from the ledger', async () => {
    const { tin, p1 } = await twoRooms();
    const a = await h.call('assets.create', pc({ roomId: tin.id, date: '2024-03-10' }));
    await h.call('assets.move', { ids: [a.id], roomId: p1.id, custodian: 'Cô Lan', date: '2024-09-05', documentNo: 'QĐ-ĐC 01' });
    const repaired = await h.call('assets.repair', {
      id: a.id,
      costVnd: 5_000_000,
      description: 'Thay nguồn',
      date: '2025-02-01',
      condition: 'dang_hoat_dong',
    });
    expect(repaired).toMatchObject({ repairsTotalVnd: 5_000_000, exceedsThreshold: true });
    await h.call('assets.changeCost', {
      id: a.id,
      reason: 'upgrade',
      newCostVnd: 18_000_000,
      date: '2025-06-01',
      documentNo: 'BB-NG 02',
    });
    const edited = await h.call('assets.update', {
      id: a.id,
      patch: { name: 'Máy tính để bàn Dell', condition: 'hu_hong' },
      date: '2025-08-01',
    });
    expect(edited).toMatchObject({
      name: 'Máy tính để bàn Dell',
      condition: 'hu_hong',
      costVnd: 18_000_000,
      remainingVnd: 18_000_000,
      custodian: 'Cô Lan',
      roomId: p1.id,
    });
    expect((await h.fail('assets.update', { id: a.id, expectedRev: 1, patch: { name: 'x' } })).code).toBe('CONFLICT');

    const hist = await h.call('assets.history', { id: a.id });
    expect(hist.map((e) => e.type)).toEqual(['recognise', 'move', 'repair', 'cost_change', 'edit']);
    expect(hist[1]!.payload).toMatchObject({
      before: { roomId: tin.id, custodian: '' },
      after: { roomId: p1.id, custodian: 'Cô Lan' },
    });
    expect(hist[3]!.payload).toMatchObject({
      before: { costVnd: 15_000_000 },
      after: { costVnd: 18_000_000, remainingVnd: 18_000_000 },
    });

    const at = (date: string) => h.call('assets.stateAt', { id: a.id, date });
    expect(await at('2024-01-01')).toMatchObject({ exists: false, eventCount: 0 });
    expect(await at('2024-06-30')).toMatchObject({
      exists: true,
      roomId: tin.id,
      costVnd: 15_000_000,
      name: 'Máy vi tính để bàn Dell OptiPlex',
    });
    expect(await at('2024-12-31')).toMatchObject({ roomId: p1.id, custodian: 'Cô Lan', costVnd: 15_000_000 });
    expect(await at('2025-07-01')).toMatchObject({ costVnd: 18_000_000, condition: 'dang_hoat_dong' });
    expect(await at('2025-12-31')).toMatchObject({ name: 'Máy tính để bàn Dell', condition: 'hu_hong', eventCount: 5 });

    // Each event went to the change log with its asset change, and the ledger is insert-only.
    const log = (await h.backend.dataSource.query(
      `select entity, op from change_log where entity in ('Asset','AssetEvent') order by seq`,
    )) as { entity: string; op: string }[];
    expect(log.filter((l) => l.entity === 'AssetEvent').every((l) => l.op === 'insert')).toBe(true);
    expect(log.filter((l) => l.entity === 'AssetEvent')).toHaveLength(5);
    expect(log.filter((l) => l.entity === 'Asset').map((l) => l.op)).toEqual(['insert', 'update', 'update', 'update']);

    // Removal only for an asset entered by mistake.
    expect((await h.fail('assets.remove', { id: a.id })).code).toBe('CONFLICT');
    const oops = await h.call('assets.create', { code: 'NHAM-1', name: 'Nhập nhầm' });
    await h.call('assets.remove', { id: oops.id });
    expect((await h.fail('assets.get', { id: oops.id })).code).toBe('NOT_FOUND');
  });

  it('attachments go to the content-addressed blob store and are recorded on the asset and in the ledger', async () => {
    const a = await h.call('assets.create', pc());
    const content = Buffer.from('hóa đơn điện tử');
    const withFile = await h.call('assets.attach', {
      id: a.id,
      source: { contentBase64: content.toString('base64'), fileName: 'hoa-don.pdf' },
      mimeType: 'application/pdf',
    });
    expect(withFile.attachments).toEqual([
      {
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        fileName: 'hoa-don.pdf',
        mimeType: 'application/pdf',
        sizeBytes: content.length,
      },
    ]);
    const ev = (await h.call('assets.history', { id: a.id })).at(-1)!;
    expect(ev).toMatchObject({ type: 'attachment', attachmentSha256: withFile.attachments[0]!.sha256 });
    expect((await h.fail('assets.attach', { id: a.id, source: { fileHandle: 'nope' } })).code).toBe('FORBIDDEN');
  });
});

describe('disposal (NĐ 186/2025)', () => {
  it('liquidation needs past life or repair > 30 %; authority by threshold; request → decision → execution; the 30-day declaration becomes a task', async () => {
    const a = await h.call('assets.create', pc({ putInUseDate: '2024-03-10' }));
    const check = await h.call('assets.disposal.check', { id: a.id, asOf: '2025-01-01', repairEstimateVnd: 3_000_000 });
    expect(check.liquidation.allowed).toBe(false);
    expect(check.authority.decider).toBe('school');
    const refused = await h.fail('assets.disposal.request', {
      id: a.id,
      method: 'sale',
      reason: 'Hỏng',
      repairEstimateVnd: 3_000_000,
      date: '2025-01-02',
    });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toMatch(/Điều 29/);

    const ok = await h.call('assets.disposal.request', {
      id: a.id,
      method: 'scrap',
      reason: 'Hỏng bo mạch',
      repairEstimateVnd: 6_000_000,
      date: '2025-01-02',
      documentNo: '01/TSC-XLTS',
    });
    expect(ok.asset.lifecycleState).toBe('pending_disposal');
    expect(ok.check.liquidation.reasons.map((r) => r.code)).toEqual(['repairNotEconomic']);
    expect((await h.fail('assets.disposal.execute', { id: a.id, method: 'scrap', date: '2025-01-10' })).code).toBe('CONFLICT');
    let tasks = await h.call('assets.tasks', { asOf: '2025-01-05' });
    expect(tasks).toEqual([
      expect.objectContaining({
        kind: 'liquidation_decision',
        code: 'MT-001',
        dueDate: '2025-01-22',
        overdue: false,
        daysLeft: 17,
      }),
    ]);

    await h.call('assets.disposal.decide', {
      id: a.id,
      approved: true,
      decidedBy: 'Hiệu trưởng',
      documentNo: 'QĐ 05',
      date: '2025-01-15',
    });
    tasks = await h.call('assets.tasks', { asOf: '2025-03-01' });
    expect(tasks).toEqual([expect.objectContaining({ kind: 'liquidation_execution', dueDate: '2025-02-14', overdue: true })]);
    expect((await h.fail('assets.disposal.execute', { id: a.id, method: 'transfer', date: '2025-02-01' })).code).toBe(
      'VALIDATION',
    );
    const done = await h.call('assets.disposal.execute', {
      id: a.id,
      method: 'sale',
      proceedsVnd: 500_000,
      recipient: 'Công ty phế liệu',
      date: '2025-02-01',
      documentNo: 'BB-TL 01',
    });
    expect(done.lifecycleState).toBe('liquidated');
    tasks = await h.call('assets.tasks', { asOf: '2025-02-10' });
    expect(tasks).toEqual([
      expect.objectContaining({
        kind: 'declaration',
        dueDate: '2025-03-03',
        daysLeft: 21,
        article: expect.stringMatching(/186\/2025/),
      }),
    ]);
    const decl = await h.call('assets.markDeclared', { eventId: tasks[0]!.eventId, documentNo: 'KK-01', date: '2025-02-20' });
    expect(decl.type).toBe('declaration');
    expect(await h.call('assets.tasks', { asOf: '2025-02-10' })).toEqual([]);
    expect((await h.call('assets.tasks', { asOf: '2025-02-10', includeDone: true })).length).toBe(3);
    expect((await h.fail('assets.move', { ids: [a.id], roomId: null })).code).toBe('CONFLICT');
    expect((await h.call('assets.list', {})).total).toBe(0);
    expect((await h.call('assets.list', { includeRemoved: true })).total).toBe(1);
  });

  it('an expensive asset needs the superior body; a rejected request restores the state; write-off of part of a set', async () => {
    const bus = await h.call('assets.create', {
      code: 'OTO-1',
      name: 'Xe ô tô 16 chỗ',
      assetClass: 'tangible.3',
      costVnd: 900_000_000,
      putInUseDate: '2005-01-01',
    });
    const check = await h.call('assets.disposal.check', { id: bus.id, asOf: '2025-06-01' });
    expect(check.liquidation.allowed).toBe(true);
    expect(check.authority.decider).toBe('superior');
    await h.call('assets.disposal.request', { id: bus.id, method: 'sale', reason: 'Hết hạn sử dụng', date: '2025-06-01' });
    const back = await h.call('assets.disposal.decide', { id: bus.id, approved: false, date: '2025-06-10' });
    expect(back.lifecycleState).toBe('in_use');

    const balls = await h.call('assets.create', {
      code: 'BONG',
      name: 'Bóng đá',
      assetClass: 'tool',
      quantity: 10,
      costVnd: 2_000_000,
      conditionCounts: { dang_hoat_dong: 8, hu_hong: 2 },
    });
    const left = await h.call('assets.writeOff', {
      id: balls.id,
      quantity: 3,
      reason: 'Mất khi học thể dục',
      date: '2025-05-05',
    });
    expect(left).toMatchObject({
      quantity: 7,
      costVnd: 1_400_000,
      lifecycleState: 'in_use',
      conditionCounts: { dang_hoat_dong: 7 },
    });
    const summary = await h.call('assets.summary', { year: 2025, students: 400 });
    expect(summary.removals).toEqual({ assets: 1, quantity: 3, costVnd: 600_000 });
  });
});

describe('summaries and settings', () => {
  it('by class, condition (per unit), funding and room; computers per student; digital-record share against the 80 % target', async () => {
    const { tin } = await twoRooms();
    await h.call(
      'assets.create',
      pc({
        roomId: tin.id,
        quantity: 20,
        tracking: 'quantity',
        costVnd: 300_000_000,
        code: 'MT-SET',
        conditionCounts: { dang_hoat_dong: 18, hu_hong: 2 },
      }),
    );
    await h.call('assets.create', pc({ code: 'MT-QL', roomId: tin.id, it: { kind: 'laptop', use: 'management' } }));
    await h.call('assets.create', { code: 'GHE', name: 'Ghế', assetClass: 'tool', quantity: 10, costVnd: 1_000_000 });
    const s = await h.call('assets.summary', { year: 2024, students: 400 });
    expect(s.computers).toEqual({ teaching: 20, management: 1, students: 400, perStudent: 0.05, studentsPerComputer: 20 });
    expect(s.byCondition.find((c) => c.key === 'hu_hong')).toMatchObject({ quantity: 2, costVnd: 30_000_000 });
    expect(s.byCondition.find((c) => c.key === 'dang_hoat_dong')).toMatchObject({ quantity: 29 });
    expect(s.byClass.map((c) => c.key).sort()).toEqual(['tangible.5', 'tool']);
    expect(s.byFunding.find((f) => f.key === null)).toMatchObject({ label: 'Chưa ghi nguồn', assets: 1 });
    expect(s.byRoom.find((r) => r.label.startsWith('TIN1'))).toMatchObject({ assets: 2, quantity: 21 });
    expect(s.additions).toMatchObject({ assets: 2, quantity: 21, costVnd: 315_000_000 });
    expect(s.digitalRecords).toMatchObject({
      assetsComplete: 2,
      assets: 3,
      assetsPercent: 66.7,
      roomsComplete: 2,
      rooms: 2,
      roomsPercent: 100,
      targetPercent: 80,
      meetsTarget: false,
    });

    const eq = await h.call('assets.equipmentReport', { listId: 'tt02-2010-mam-non' });
    expect(eq.rows.length).toBeGreaterThan(0);
    expect(eq.rows.every((r) => r.actual === 0 && r.gap === r.required)).toBe(true);
  });

  it('settings: rounding unit and disposal flags; unknown province layer refused', async () => {
    expect(await h.call('assets.settings.get', {})).toEqual({
      roundingUnit: 'vnd',
      provinceOverrideId: null,
      selfFunded: false,
      disposalDelegated: false,
      rev: 0,
    });
    const s = await h.call('assets.settings.update', { roundingUnit: 'thousand', selfFunded: true });
    expect(s).toMatchObject({ roundingUnit: 'thousand', selfFunded: true, rev: 1 });
    expect((await h.fail('assets.settings.update', { provinceOverrideId: 'khong-co' })).code).toBe('VALIDATION');
    const cats = await h.call('assets.catalogs', {});
    expect(cats.wearGroups.find((g) => g.key === '5.1.3')).toMatchObject({ usefulLifeYears: 7 });
    expect(cats.conditions.map((c) => c.code)).toContain('hu_hong');
  });
});
