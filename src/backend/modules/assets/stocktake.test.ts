import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CountFile } from '../../../contract/schemas/assets';
import { docxText, harness, xlsxRows, type Harness } from './testkit';

let h: Harness;

beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

/** The same rooms and register on a PC (codes only; ids differ between PCs). */
async function school(x: Harness) {
  const p101 = await x.call('rooms.add', { code: 'P101', name: 'Phòng 101', roomType: 'phong_hoc' });
  const p102 = await x.call('rooms.add', { code: 'P102', name: 'Phòng 102', roomType: 'phong_hoc' });
  const tin = await x.call('rooms.add', { code: 'TIN1', name: 'Phòng Tin', roomType: 'bm_tin_hoc' });
  const mk = (code: string, name: string, roomId: string, costVnd: number, extra: Record<string, unknown> = {}) =>
    x.call('assets.create', {
      code,
      name,
      assetClass: 'tangible.5',
      costVnd,
      roomId,
      putInUseDate: '2015-01-01',
      usefulLifeYears: 5,
      ...extra,
    });
  const a1 = await mk('A1', 'Máy chiếu', p101.id, 15_000_000);
  const a2 = await mk('A2', 'Máy tính giáo viên', p101.id, 12_000_000);
  const a3 = await mk('A3', 'Tivi 65 inch', p102.id, 20_000_000);
  const s1 = await mk('S1', 'Ghế học sinh', p102.id, 10_000_000, {
    assetClass: 'tool',
    quantity: 10,
    unit: 'chiếc',
    usefulLifeYears: null,
  });
  const a4 = await mk('A4', 'Loa kéo', tin.id, 11_000_000);
  return { p101, p102, tin, a1, a2, a3, s1, a4 };
}

const board = [
  { name: 'Trần Văn Hiệu', title: 'Phó hiệu trưởng', representing: 'Ban giám hiệu', role: 'chair' as const },
  { name: 'Lê Thị Kế', title: 'Kế toán', representing: 'Bộ phận kế toán', role: 'member' as const },
  { name: 'Phạm Văn Thiết', title: 'Nhân viên thiết bị', representing: 'Người sử dụng', role: 'secretary' as const },
];

describe('stocktake', () => {
  it('scan → progress → merge another PC → reconcile → accept → close applies every follow-up in one transaction; closed is read-only; biên bản shows the differences', async () => {
    const s = await school(h);
    const st = await h.call('stocktake.create', {
      name: 'Kiểm kê cuối năm 2025',
      decisionNo: '45/QĐ-THCS',
      decisionDate: '2025-12-20',
      members: board,
      roomIds: [s.p101.id, s.p102.id],
    });
    expect(st).toMatchObject({
      status: 'counting',
      book: { items: 4, quantity: 13, costVnd: 57_000_000, remainingVnd: 57_000_000 },
      lineCount: 0,
    });

    // The snapshot is frozen: a later change to the register does not change the books of the session.
    await h.call('assets.create', {
      code: 'A5',
      name: 'Mua sau thời điểm kiểm kê',
      roomId: s.p101.id,
      costVnd: 1_000_000,
      assetClass: 'tool',
    });
    expect((await h.call('stocktake.get', { id: st.id })).book.items).toBe(4);

    const scan = (code: string, roomId: string, extra: Record<string, unknown> = {}) =>
      h.call('stocktake.scan', { id: st.id, code, roomId, counter: 'Lan', ...extra });
    expect(await scan('a1', s.p101.id, { condition: 'hu_hong' })).toMatchObject({
      status: 'found',
      asset: { code: 'A1' },
      line: { code: 'A1', condition: 'hu_hong' },
    });
    const dup = await scan('A1', s.p101.id);
    expect(dup).toMatchObject({ status: 'duplicate' });
    expect(dup.line).toBeUndefined();
    expect(await scan('A3', s.p101.id)).toMatchObject({ status: 'misplaced', expectedRoom: { code: 'P102' } });
    expect(await scan('XYZ-999', s.p101.id)).toMatchObject({
      status: 'unknown',
      message: expect.stringMatching(/không có trong sổ/),
    });
    expect(await scan('A4', s.p102.id)).toMatchObject({ status: 'surplus', expectedRoom: { code: 'TIN1' } });
    const counted = await h.call('stocktake.count', {
      id: st.id,
      lines: [{ code: 'S1', roomId: s.p102.id, foundQuantity: 7, counter: 'Lan', note: 'dãy bàn trái' }],
    });
    expect(counted).toMatchObject({ added: 1, updated: 0 });

    // Another PC counted the rest of the chairs in P102 and exports its lines.
    const pcB = await harness();
    let file: CountFile;
    try {
      const sb = await school(pcB);
      const stB = await pcB.call('stocktake.create', { name: 'Kiểm kê (máy 2)', roomIds: [sb.p102.id] });
      await pcB.call('stocktake.count', {
        id: stB.id,
        lines: [{ code: 'S1', roomId: sb.p102.id, foundQuantity: 5, counter: 'Minh' }],
      });
      file = await pcB.call('stocktake.exportCounts', { id: stB.id });
    } finally {
      await pcB.close();
    }
    expect(file.lines).toHaveLength(1);
    expect(file.lines[0]).toMatchObject({ code: 'S1', roomCode: 'P102', counter: 'Minh' });
    expect(await h.call('stocktake.importCounts', { id: st.id, file })).toEqual({ added: 1, skipped: 0, rejected: [] });
    expect(await h.call('stocktake.importCounts', { id: st.id, file })).toEqual({ added: 0, skipped: 1, rejected: [] });
    const tampered = structuredClone(file);
    tampered.lines[0]!.foundQuantity = 50;
    expect(await h.call('stocktake.importCounts', { id: st.id, file: tampered })).toEqual({
      added: 0,
      skipped: 0,
      rejected: [{ id: file.lines[0]!.id, reason: expect.stringMatching(/bị sửa/) }],
    });
    tampered.lines[0]!.hash = 'f'.repeat(64);
    expect((await h.fail('stocktake.importCounts', { id: st.id, file: tampered })).message).toMatch(/mã kiểm tra không khớp/);
    const lines = await h.call('stocktake.lines', { id: st.id, roomId: s.p102.id });
    expect(lines.items.map((l) => [l.code, l.foundQuantity, l.counter, l.roomId])).toEqual([
      ['A4', 1, 'Lan', s.p102.id],
      ['S1', 7, 'Lan', s.p102.id],
      ['S1', 5, 'Minh', s.p102.id],
    ]);
    expect(lines.items[2]!.assetId).toBe(s.s1.id);

    const prog = await h.call('stocktake.progress', { id: st.id });
    expect(prog.rooms.map((r) => [r.roomCode, r.expectedItems, r.countedItems, r.lines, r.percent])).toEqual([
      ['P101', 2, 1, 3, 50],
      ['P102', 2, 2, 3, 100],
    ]);
    expect(prog.total).toMatchObject({ expectedItems: 4, countedItems: 3, lines: 6 });

    const rec = await h.call('stocktake.reconcile', { id: st.id });
    expect(rec.total).toMatchObject({
      items: 5,
      itemsMissing: 1,
      misplacedQuantity: 1,
      brokenQuantity: 1,
      book: { quantity: 13, costVnd: 57_000_000 },
    });
    expect(rec.items.find((i) => i.code === 'A2')).toMatchObject({
      status: 'missing',
      difference: { quantity: -1, costVnd: -12_000_000 },
    });
    expect(rec.items.find((i) => i.code === 'S1')).toMatchObject({
      status: 'surplus',
      actual: { quantity: 12, costVnd: 12_000_000 },
    });
    expect(rec.unknown).toEqual([{ code: 'XYZ-999', roomId: s.p101.id, quantity: 1, counters: ['Lan'] }]);
    const fu = (kind: string, code: string) => rec.followUps.find((f) => f.kind === kind && f.code === code)!;
    expect(rec.followUps.map((f) => `${f.kind}:${f.code}`).sort()).toEqual([
      'disposalCandidate:A1',
      'investigate:A2',
      'move:A3',
      'move:A4',
      'recognise:S1',
      'recognise:XYZ-999',
    ]);
    expect(fu('move', 'A3')).toMatchObject({ fromRoomId: s.p102.id, toRoomId: s.p101.id, decision: 'pending' });

    // Closing needs a decision on every proposal.
    expect((await h.fail('stocktake.close', { id: st.id })).message).toMatch(/Còn 6 đề xuất/);
    for (const f of rec.followUps) {
      if (f.kind === 'investigate')
        await h.call('stocktake.decide', { id: st.id, followUpId: f.id, decision: 'accepted', action: 'write_off' });
      else if (f.code === 'XYZ-999')
        await h.call('stocktake.decide', {
          id: st.id,
          followUpId: f.id,
          decision: 'accepted',
          details: { name: 'Máy chiếu Sony (chưa có trong sổ)', costVnd: 5_000_000, assetClass: 'tool' },
        });
      else await h.call('stocktake.decide', { id: st.id, followUpId: f.id, decision: 'accepted' });
    }
    // Deciding again keeps the decision through a re-run of the reconciliation.
    expect((await h.call('stocktake.reconcile', { id: st.id })).followUps.every((f) => f.decision === 'accepted')).toBe(true);

    // All in one transaction: if one follow-up cannot be applied, none is.
    await h.call('assets.disposal.request', { id: s.a2.id, method: 'scrap', reason: 'Hết hạn', date: '2025-12-22' });
    await h.call('assets.disposal.decide', { id: s.a2.id, approved: true, date: '2025-12-23' });
    await h.call('assets.disposal.execute', { id: s.a2.id, method: 'scrap', date: '2025-12-24' });
    const eventsBefore = (await h.backend.dataSource.query('select count(*) as n from asset_event')) as [{ n: number }];
    const boom = await h.fail('stocktake.close', { id: st.id });
    expect(boom.code).toBe('CONFLICT');
    expect(await h.backend.dataSource.query('select count(*) as n from asset_event')).toEqual(eventsBefore);
    expect((await h.call('assets.get', { id: s.a3.id })).roomId).toBe(s.p102.id);
    expect((await h.fail('assets.get', { code: 'XYZ-999' })).code).toBe('NOT_FOUND');
    expect((await h.call('stocktake.get', { id: st.id })).status).toBe('counting');
    // The board changes its mind: the shortage is only recorded (the asset was liquidated meanwhile).
    await h.call('stocktake.decide', {
      id: st.id,
      followUpId: fu('investigate', 'A2').id,
      decision: 'accepted',
      action: 'record',
    });

    const closed = await h.call('stocktake.close', {
      id: st.id,
      principalDecision: 'Đồng ý xử lý chênh lệch theo đề xuất của Ban kiểm kê.',
    });
    expect(closed.applied).toEqual({ recognised: 2, moved: 2, writtenOff: 0, recorded: 1, disposalCandidates: 1, rejected: 0 });
    expect(closed.stocktake).toMatchObject({ status: 'closed', principalDecision: expect.stringMatching(/Đồng ý/) });
    const byRef = (await h.backend.dataSource.query(
      `select a.code, e.type from asset_event e join asset a on a.id = e.assetId where e.refId = ? order by a.code, e.type`,
      [st.id],
    )) as { code: string; type: string }[];
    expect(byRef).toEqual([
      { code: 'A1', type: 'stocktake_result' },
      { code: 'A2', type: 'stocktake_result' },
      { code: 'A3', type: 'move' },
      { code: 'A4', type: 'move' },
      { code: 'S1', type: 'stocktake_result' },
    ]);
    expect(await h.call('assets.get', { id: s.a1.id })).toMatchObject({ disposalCandidate: true, condition: 'hu_hong' });
    expect((await h.call('assets.get', { id: s.a3.id })).roomCode).toBe('P101');
    expect((await h.call('assets.get', { id: s.a4.id })).roomCode).toBe('P102');
    expect(await h.call('assets.get', { id: s.s1.id })).toMatchObject({ quantity: 12, costVnd: 12_000_000 });
    const found = await h.call('assets.get', { code: 'XYZ-999' });
    expect(found).toMatchObject({
      name: 'Máy chiếu Sony (chưa có trong sổ)',
      acquiredVia: 'kiem_ke_thua',
      roomCode: 'P101',
      costVnd: 5_000_000,
    });
    expect((await h.call('assets.history', { id: found.id }))[0]).toMatchObject({ type: 'recognise' });
    expect((await h.call('assets.list', { disposalCandidate: true })).items.map((a) => a.code)).toEqual(['A1']);

    // Read-only once closed.
    for (const err of [
      await h.fail('stocktake.scan', { id: st.id, code: 'A1', roomId: s.p101.id }),
      await h.fail('stocktake.count', { id: st.id, lines: [{ code: 'A1', foundQuantity: 1 }] }),
      await h.fail('stocktake.decide', { id: st.id, followUpId: fu('move', 'A3').id, decision: 'rejected' }),
      await h.fail('stocktake.close', { id: st.id }),
      await h.fail('stocktake.update', { id: st.id, name: 'Đổi tên' }),
      await h.fail('stocktake.importCounts', { id: st.id, file }),
      await h.fail('stocktake.removeLine', { id: st.id, lineId: lines.items[0]!.id }),
    ]) {
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toMatch(/đã kết thúc/);
    }

    // Biên bản: books / actual / difference, per group and total, board, principal's decision.
    // Actual 16 = A1 + A3 + 12 chairs + A4 (out of scope, at its register value) + the unknown code (no value).
    const docx = await h.call('stocktake.report', { id: st.id, format: 'docx' });
    const text = await docxText(Buffer.from(docx.contentBase64!, 'base64'));
    expect(text).toContain('BIÊN BẢN KIỂM KÊ TÀI SẢN');
    expect(text).toContain('Mẫu số C53-HD');
    expect(text).toContain('Căn cứ Quyết định số 45/QĐ-THCS ngày 20/12/2025');
    expect(text).toContain('Trần Văn Hiệu');
    expect(text).toContain('Đồng ý xử lý chênh lệch theo đề xuất của Ban kiểm kê.');
    expect(text).toMatch(
      /Máy tính giáo viên\nA2\nP101\n1\n12\.000\.000\n12\.000\.000\n0\n0\n0\n-1\n-12\.000\.000\n-12\.000\.000\nThiếu/,
    );
    expect(text).toMatch(
      /TỔNG CỘNG\n13\n57\.000\.000\n57\.000\.000\n16\n58\.000\.000\n58\.000\.000\n\+3\n\+1\.000\.000\n\+1\.000\.000/,
    );
    expect(text).not.toContain('DỰ THẢO');

    const xlsx = await h.call('stocktake.report', { id: st.id, format: 'xlsx' });
    const rows = await xlsxRows(Buffer.from(xlsx.contentBase64!, 'base64'));
    const a2 = rows.find((r) => r?.[2] === 'A2')!;
    expect(a2.slice(4, 14)).toEqual([1, 12_000_000, 12_000_000, 0, 0, 0, -1, -12_000_000, -12_000_000, 'Thiếu']);
    const unknownRow = rows.find((r) => r?.[2] === 'XYZ-999')!;
    expect(unknownRow.slice(4, 14)).toEqual([0, 0, 0, 1, 0, 0, 1, 0, 0, 'Không có trong sổ']);
    const total = rows.find((r) => r?.[1] === 'TỔNG CỘNG')!;
    expect(total.slice(4, 13)).toEqual([13, 57_000_000, 57_000_000, 16, 58_000_000, 58_000_000, 3, 1_000_000, 1_000_000]);
    expect(rows.some((r) => r?.[1] === 'Cộng nhóm I')).toBe(true);

    // The frozen result does not move when the register changes afterwards.
    await h.call('assets.move', { ids: [s.a1.id], roomId: s.tin.id });
    const again = await docxText(
      Buffer.from((await h.call('stocktake.report', { id: st.id, format: 'docx' })).contentBase64!, 'base64'),
    );
    expect(again).toContain('Máy chiếu\nA1\nP101');
  });

  it('a counting session reports a draft; rejected follow-ups change nothing; an empty scope means every room', async () => {
    const s = await school(h);
    const st = await h.call('stocktake.create', { name: 'Kiểm kê đột xuất' });
    expect(st.book.items).toBe(5);
    await h.call('stocktake.scan', { id: st.id, code: 'A1', roomId: s.p102.id });
    const draft = await docxText(
      Buffer.from((await h.call('stocktake.report', { id: st.id, format: 'docx' })).contentBase64!, 'base64'),
    );
    expect(draft).toContain('DỰ THẢO');
    const rec = await h.call('stocktake.reconcile', { id: st.id });
    for (const f of rec.followUps) await h.call('stocktake.decide', { id: st.id, followUpId: f.id, decision: 'rejected' });
    const closed = await h.call('stocktake.close', { id: st.id });
    expect(closed.applied).toMatchObject({ rejected: rec.followUps.length, moved: 0, writtenOff: 0 });
    expect(closed.events).toBe(0);
    expect((await h.call('assets.get', { id: s.a1.id })).roomId).toBe(s.p101.id);
    expect((await h.call('stocktake.list', {})).map((x) => x.status)).toEqual(['closed']);
  });
  it('part of a set counted in another room is split off as its own line there; a unit asset scanned in two rooms is flagged', async () => {
    const s = await school(h);
    const st = await h.call('stocktake.create', { name: 'Kiểm kê ghế', roomIds: [s.p101.id, s.p102.id] });
    expect(await h.call('stocktake.scan', { id: st.id, code: 'S1', roomId: s.p102.id, quantity: 6 })).toMatchObject({
      status: 'found',
      message: expect.stringMatching(/6\/10/),
    });
    expect(await h.call('stocktake.scan', { id: st.id, code: 'S1', roomId: s.p101.id, quantity: 4 })).toMatchObject({
      status: 'misplaced',
    });
    expect(await h.call('stocktake.scan', { id: st.id, code: 'S1', roomId: s.p102.id, quantity: 5 })).toMatchObject({
      status: 'surplus',
      message: expect.stringMatching(/11\/10/),
    });
    await h.call('stocktake.scan', { id: st.id, code: 'A3', roomId: s.p102.id });
    expect(await h.call('stocktake.scan', { id: st.id, code: 'A3', roomId: s.p101.id })).toMatchObject({
      status: 'duplicate',
      message: expect.stringMatching(/phòng P102/),
    });
    const lines = await h.call('stocktake.lines', { id: st.id });
    // The 5 were a recount by mistake: drop that line.
    await h.call('stocktake.removeLine', { id: st.id, lineId: lines.items.find((l) => l.foundQuantity === 5)!.id });
    const rec = await h.call('stocktake.reconcile', { id: st.id });
    const move = rec.followUps.find((f) => f.kind === 'move' && f.code === 'S1')!;
    expect(move).toMatchObject({ quantity: 4, fromRoomId: s.p102.id, toRoomId: s.p101.id });
    expect(rec.items.find((i) => i.code === 'A3')!.flags).toContain('seenInSeveralRooms');
    for (const f of rec.followUps)
      await h.call('stocktake.decide', { id: st.id, followUpId: f.id, decision: f === move ? 'accepted' : 'rejected' });
    await h.call('stocktake.close', { id: st.id });
    expect(await h.call('assets.get', { id: s.s1.id })).toMatchObject({ quantity: 6, costVnd: 6_000_000, roomCode: 'P102' });
    const piece = await h.call('assets.get', { code: 'S1-2' });
    expect(piece).toMatchObject({
      quantity: 4,
      costVnd: 4_000_000,
      roomCode: 'P101',
      name: 'Ghế học sinh',
      tracking: 'quantity',
    });
    expect((await h.call('assets.history', { id: piece.id }))[0]!.note).toMatch(/Tách từ S1/);
  });
});
