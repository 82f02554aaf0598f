import { describe, expect, it } from 'vitest';
import { reconcile, type BookItem, type CountLine } from './reconcile';

const projector: BookItem = {
  assetId: 'a1',
  code: 'TS-0001',
  name: 'Máy chiếu',
  roomId: 'P101',
  quantity: 1,
  costVnd: 15_000_000,
  remainingVnd: 9_000_000,
  group: 'tangible.5',
};
const pc: BookItem = {
  assetId: 'a2',
  code: 'TS-0002',
  name: 'Máy vi tính',
  roomId: 'P102',
  quantity: 1,
  costVnd: 14_000_000,
  remainingVnd: 2_000_000,
  group: 'tangible.5',
};
const chairs: BookItem = {
  assetId: 'a3',
  code: 'BG-30',
  name: 'Bộ bàn ghế học sinh',
  roomId: 'P101',
  quantity: 30,
  costVnd: 30_000_000,
  remainingVnd: 12_000_000,
  group: 'tool',
};

const line = (code: string, roomId: string | null, foundQuantity = 1, extra: Partial<CountLine> = {}): CountLine => ({
  code,
  roomId,
  foundQuantity,
  ...extra,
});

describe('reconcile — one item at a time', () => {
  it.each([
    [
      'máy chiếu đếm đúng phòng P101 → found',
      [projector],
      [line('TS-0001', 'P101')],
      { status: 'found', foundQuantity: 1, missingQuantity: 0, surplusQuantity: 0, misplacedQuantity: 0 },
    ],
    ['máy chiếu không ai đếm → missing', [projector], [], { status: 'missing', foundQuantity: 0, missingQuantity: 1 }],
    [
      'máy chiếu thấy ở P205 → misplaced (found, not missing)',
      [projector],
      [line('TS-0001', 'P205')],
      { status: 'misplaced', foundQuantity: 1, foundInBookRoom: 0, misplacedQuantity: 1, missingQuantity: 0 },
    ],
    [
      'hai người cùng quét máy chiếu ở P101 → đếm 1 lần (max), cờ duplicateScan',
      [projector],
      [line('TS-0001', 'P101', 1, { counter: 'Lan' }), line('TS-0001', 'P101', 1, { counter: 'Minh' })],
      { status: 'found', foundQuantity: 1, surplusQuantity: 0, flags: ['found', 'duplicateScan'] },
    ],
    [
      '30 bộ bàn ghế: Lan đếm 25, Minh đếm 5 cùng phòng → cộng 30, cờ multipleCounters',
      [chairs],
      [line('BG-30', 'P101', 25, { counter: 'Lan' }), line('BG-30', 'P101', 5, { counter: 'Minh' })],
      { status: 'found', foundQuantity: 30, flags: ['found', 'multipleCounters'] },
    ],
    [
      '30 bộ bàn ghế: 25 ở P101 + 5 ở P102 → 5 misplaced, không thiếu',
      [chairs],
      [line('BG-30', 'P101', 25), line('BG-30', 'P102', 5)],
      { status: 'misplaced', misplacedQuantity: 5, missingQuantity: 0, surplusQuantity: 0 },
    ],
    [
      '30 bộ bàn ghế: 30 ở P101 + 5 ở P102 → thừa 5, không misplaced',
      [chairs],
      [line('BG-30', 'P101', 30), line('BG-30', 'P102', 5)],
      { status: 'surplus', surplusQuantity: 5, misplacedQuantity: 0 },
    ],
    [
      '30 bộ bàn ghế: đếm 20 → thiếu 10',
      [chairs],
      [line('BG-30', 'P101', 20)],
      { status: 'partial', missingQuantity: 10, foundQuantity: 20 },
    ],
    ['mã gõ chữ thường, thừa khoảng trắng " ts-0001 " vẫn khớp', [projector], [line(' ts-0001 ', 'P101')], { status: 'found' }],
    [
      'khớp theo assetId khi không có mã',
      [projector],
      [{ assetId: 'a1', roomId: 'P101', foundQuantity: 1 }],
      { status: 'found' },
    ],
    [
      'máy chiếu thấy ở cả P101 và P205 (nhãn trùng?) → thừa 1, cờ seenInSeveralRooms',
      [projector],
      [line('TS-0001', 'P101'), line('TS-0001', 'P205')],
      { status: 'surplus', surplusQuantity: 1, flags: ['found', 'surplus', 'seenInSeveralRooms'] },
    ],
    [
      'tài sản không gắn phòng: đếm ở đâu cũng là đúng chỗ',
      [{ ...projector, roomId: null }],
      [line('TS-0001', 'P999')],
      { status: 'found', misplacedQuantity: 0 },
    ],
  ] as const)('%s', (_name, snapshot, lines, expected) => {
    const r = reconcile(snapshot, lines);
    expect(r.items[0]).toMatchObject(expected);
  });
});

describe('reconcile — values, conditions and follow-ups', () => {
  it('30 bộ bàn ghế 30.000.000 (còn 12.000.000), đếm 20: chênh lệch −10 / −10.000.000 / −4.000.000; đề nghị tìm nguyên nhân', () => {
    const r = reconcile([chairs], [line('BG-30', 'P101', 20)]);
    expect(r.items[0]).toMatchObject({
      book: { quantity: 30, costVnd: 30_000_000, remainingVnd: 12_000_000 },
      actual: { quantity: 20, costVnd: 20_000_000, remainingVnd: 8_000_000 },
      difference: { quantity: -10, costVnd: -10_000_000, remainingVnd: -4_000_000 },
    });
    expect(r.followUps).toEqual([
      expect.objectContaining({
        kind: 'investigate',
        assetId: 'a3',
        quantity: 10,
        fromRoomId: 'P101',
        article: expect.stringContaining('Điều 61'),
      }),
    ]);
  });

  it('values split pro rata add up exactly: 7 chiếc giá 10.000.000, đếm 3 → thực tế 4.285.714, thiếu 5.714.286', () => {
    const r = reconcile([{ ...chairs, quantity: 7, costVnd: 10_000_000, remainingVnd: 10_000_000 }], [line('BG-30', 'P101', 3)]);
    expect(r.items[0]!.actual.costVnd).toBe(4_285_714);
    expect(r.total.missing.costVnd).toBe(5_714_286);
    expect(r.items[0]!.actual.costVnd + r.total.missing.costVnd).toBe(10_000_000);
  });

  it('thừa 5 bộ bàn ghế → ghi tăng (recognise) 5, giá trị theo đơn giá sổ 1.000.000', () => {
    const r = reconcile([chairs], [line('BG-30', 'P101', 35)]);
    expect(r.total.surplus).toEqual({ quantity: 5, costVnd: 5_000_000, remainingVnd: 2_000_000 });
    expect(r.followUps).toEqual([
      expect.objectContaining({ kind: 'recognise', quantity: 5, article: expect.stringContaining('Điều 4 khoản 2 điểm đ') }),
    ]);
  });

  it('máy chiếu ở sai phòng → điều chuyển nội bộ từ P101 sang P205', () => {
    const r = reconcile([projector], [line('TS-0001', 'P205')]);
    expect(r.followUps).toEqual([
      expect.objectContaining({ kind: 'move', assetId: 'a1', quantity: 1, fromRoomId: 'P101', toRoomId: 'P205' }),
    ]);
  });

  it('máy chiếu thấy ở hai nơi → kiểm tra nhãn (investigate), không ghi tăng', () => {
    const r = reconcile([projector], [line('TS-0001', 'P101'), line('TS-0001', 'P205')]);
    expect(r.followUps.map((f) => f.kind)).toEqual(['investigate']);
  });

  it('máy vi tính "hư hỏng" → broken, đề nghị thanh lý; một người báo tốt, một người báo hỏng → vẫn hỏng, cờ conflictingConditions', () => {
    const r = reconcile(
      [pc],
      [
        line('TS-0002', 'P102', 1, { condition: 'dang_hoat_dong', counter: 'Lan' }),
        line('TS-0002', 'P102', 1, { condition: 'hu_hong', counter: 'Minh' }),
      ],
    );
    expect(r.items[0]).toMatchObject({ brokenQuantity: 1, conditions: ['dang_hoat_dong', 'hu_hong'] });
    expect(r.items[0]!.flags).toEqual(['found', 'broken', 'duplicateScan', 'conflictingConditions']);
    expect(r.followUps).toEqual([
      expect.objectContaining({ kind: 'disposalCandidate', quantity: 1, article: 'NĐ 186/2025 Điều 29 khoản 1' }),
    ]);
  });

  it('bàn ghế: 25 tốt + 5 "không sử dụng được" (thang mầm non) → 5 hỏng, không có cờ mâu thuẫn', () => {
    const r = reconcile(
      [chairs],
      [line('BG-30', 'P101', 25, { condition: 'con_tot' }), line('BG-30', 'P101', 5, { condition: 'khong_su_dung_duoc' })],
    );
    expect(r.items[0]).toMatchObject({ foundQuantity: 30, brokenQuantity: 5, flags: ['found', 'broken'] });
    expect(r.total.brokenQuantity).toBe(5);
  });

  it('mã có trong sổ nhưng ngoài phạm vi đợt kiểm kê → thừa ở đây (outOfScope), đề nghị điều chuyển; giá trị theo sổ đăng ký', () => {
    const r = reconcile([projector], [line('TS-0001', 'P101'), line('TS-0900', 'P101')], {
      register: [
        {
          assetId: 'a900',
          code: 'TS-0900',
          name: 'Loa kéo',
          roomId: 'P301',
          costVnd: 12_000_000,
          remainingVnd: 6_000_000,
          group: 'tangible.5',
        },
      ],
    });
    expect(r.items[1]).toMatchObject({
      assetId: 'a900',
      status: 'outOfScope',
      surplusQuantity: 1,
      bookRoomId: 'P301',
      book: { quantity: 0 },
      actual: { quantity: 1, costVnd: 12_000_000 },
    });
    expect(r.items[1]!.flags).toContain('outOfScope');
    expect(r.unknown).toEqual([]);
    expect(r.total.surplus).toEqual({ quantity: 1, costVnd: 12_000_000, remainingVnd: 6_000_000 });
    expect(r.followUps).toEqual([
      expect.objectContaining({ kind: 'move', assetId: 'a900', fromRoomId: 'P301', toRoomId: 'P101' }),
    ]);
  });

  it('mã lạ (không có trong sổ) → unknown, đề nghị ghi tăng; quét hai lần cùng phòng chỉ tính 1', () => {
    const r = reconcile(
      [projector],
      [
        line('TS-0001', 'P101'),
        line('XX-77', 'P101', 1, { counter: 'Lan', note: 'nhãn cũ' }),
        line('xx-77', 'P101', 1, { counter: 'Minh' }),
      ],
      {
        register: [],
      },
    );
    expect(r.unknown).toEqual([
      {
        code: 'XX-77',
        assetId: null,
        roomId: 'P101',
        quantity: 1,
        lines: 2,
        counters: ['Lan', 'Minh'],
        conditions: [],
        notes: ['nhãn cũ'],
      },
    ]);
    expect(r.unknownQuantity).toBe(1);
    expect(r.followUps).toEqual([expect.objectContaining({ kind: 'recognise', assetId: null, code: 'XX-77', toRoomId: 'P101' })]);
  });

  it('without a register, any code outside the snapshot is unknown', () => {
    expect(reconcile([], [line('TS-0900', 'P101')]).unknown).toHaveLength(1);
  });

  it('a line with a negative or fractional quantity is skipped with a warning; duplicate book codes are warned about', () => {
    const r = reconcile([projector, { ...pc, code: 'TS-0001' }], [line('TS-0001', 'P101', -1), line('TS-0001', 'P101', 0.5)]);
    expect(r.items[0]!.foundQuantity).toBe(0);
    expect(r.warnings).toHaveLength(3);
    expect(r.warnings[0]).toContain('Mã TS-0001 trùng');
  });
});

describe('reconcile — totals per group and overall (C53-HD "Cộng")', () => {
  it('máy chiếu đủ, máy tính mất, bàn ghế thiếu 10', () => {
    const r = reconcile([projector, pc, chairs], [line('TS-0001', 'P101'), line('BG-30', 'P101', 20)]);
    expect(r.byGroup.map((g) => g.group)).toEqual(['tangible.5', 'tool']);
    expect(r.byGroup[0]!.totals).toMatchObject({
      items: 2,
      itemsFound: 1,
      itemsMissing: 1,
      book: { quantity: 2, costVnd: 29_000_000, remainingVnd: 11_000_000 },
      actual: { quantity: 1, costVnd: 15_000_000, remainingVnd: 9_000_000 },
      difference: { quantity: -1, costVnd: -14_000_000, remainingVnd: -2_000_000 },
      missing: { quantity: 1, costVnd: 14_000_000, remainingVnd: 2_000_000 },
    });
    expect(r.total).toMatchObject({
      items: 3,
      itemsFound: 2,
      itemsMissing: 2,
      book: { quantity: 32, costVnd: 59_000_000, remainingVnd: 23_000_000 },
      actual: { quantity: 21, costVnd: 35_000_000, remainingVnd: 17_000_000 },
      difference: { quantity: -11, costVnd: -24_000_000, remainingVnd: -6_000_000 },
    });
  });

  it('50.000 items in 200 rooms: every 10th missing, every 25th misplaced, every 50th duplicated, 100 unknown codes', () => {
    const snapshot: BookItem[] = [];
    const lines: CountLine[] = [];
    for (let i = 0; i < 50_000; i++) {
      const set = i % 7 === 0;
      const room = `R${i % 200}`;
      snapshot.push({
        assetId: `id${i}`,
        code: `TS${String(i).padStart(6, '0')}`,
        name: `Tài sản ${i}`,
        roomId: room,
        quantity: set ? 10 : 1,
        costVnd: set ? 5_000_000 : 12_000_000,
        remainingVnd: set ? 1_000_000 : 6_000_000,
        group: set ? 'tool' : 'tangible.5',
      });
      if (i % 10 === 0) continue; // missing
      const where = i % 25 === 0 ? `R${(i + 1) % 200}` : room;
      lines.push({ code: `TS${String(i).padStart(6, '0')}`, roomId: where, foundQuantity: set ? 10 : 1, counter: 'A' });
      if (i % 50 === 1 && !set)
        lines.push({ code: `TS${String(i).padStart(6, '0')}`, roomId: where, foundQuantity: 1, counter: 'B' });
    }
    for (let u = 0; u < 100; u++) lines.push({ code: `LA${u}`, roomId: 'R0', foundQuantity: 1 });

    const r = reconcile(snapshot, lines);
    expect(r.items).toHaveLength(50_000);
    expect(r.total.itemsMissing).toBe(5_000);
    expect(r.items.filter((x) => x.status === 'misplaced')).toHaveLength(1_000);
    expect(r.items.filter((x) => x.flags.includes('duplicateScan')).length).toBeGreaterThan(800);
    expect(r.total.surplus.quantity).toBe(0);
    expect(r.unknown).toHaveLength(100);
    // Found = book − missing, exactly, in quantity and value.
    expect(r.total.actual.quantity).toBe(r.total.book.quantity - r.total.missing.quantity);
    expect(r.total.actual.costVnd).toBe(r.total.book.costVnd - r.total.missing.costVnd);
    expect(r.total.difference.remainingVnd).toBe(-r.total.missing.remainingVnd);
    expect(r.followUps.filter((f) => f.kind === 'move')).toHaveLength(1_000);
  });
});
