import '../../test/dom-env';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ImportResult } from '../../../contract/schemas/assets';
import { renderApp } from '../../test/render-app';
import { asset, assetsBridge, room, uid, type AssetsBridge } from './test-support';

afterEach(cleanup);
// Two cores shared with other work: the first render of the shell can take a few seconds.
configure({ asyncUtilTimeout: 8000 });

const PREVIEW = {
  sheetName: 'Sổ tài sản',
  headerRows: [4, 5],
  headers: [
    { index: 0, letter: 'A', header: 'STT', field: null, score: 0 },
    { index: 1, letter: 'B', header: 'Mã tài sản', field: 'code', score: 1 },
    { index: 2, letter: 'C', header: 'Tên tài sản', field: 'name', score: 1 },
    { index: 5, letter: 'F', header: 'Nguyên giá / Thành tiền', field: 'costVnd', score: 0.9 },
    { index: 6, letter: 'G', header: 'Ngày sử dụng', field: 'putInUseDate', score: 1 },
  ],
  mapping: { code: 1, name: 2, costVnd: 5, putInUseDate: 6 },
  savedMapping: false,
  signature: 'sig-1',
  missingRequired: [],
  confidence: 0.96,
  dataRows: 7,
  sample: [{ row: 7, code: 'MT-01', name: 'Máy vi tính Dell', costVnd: '12.000.000', putInUseDate: '2024-09-15' }],
  fields: [
    { field: 'code', label: 'Mã tài sản' },
    { field: 'name', label: 'Tên tài sản' },
    { field: 'costVnd', label: 'Nguyên giá' },
    { field: 'putInUseDate', label: 'Ngày đưa vào sử dụng' },
  ],
};

const result = (fields: Partial<ImportResult>): ImportResult => ({
  rows: 0,
  valid: 0,
  written: 0,
  created: 0,
  updated: 0,
  errors: [],
  warnings: [],
  newRooms: [],
  dryRun: true,
  ...fields,
});

function pickFile(container: HTMLElement, name: string) {
  const input = container.querySelector('input[type="file"]') as HTMLInputElement;
  fireEvent.change(input, {
    target: { files: [new File(['PK'], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })] },
  });
}

function importCalls(bridge: AssetsBridge) {
  return bridge.calls
    .filter((c) => c.method === 'assets.import')
    .map((c) => c.params as { dryRun: boolean; mapping: Record<string, number>; source: { fileName: string } });
}

describe('Tài sản & phòng: nhập từ Excel', () => {
  it('dry run lists every problem with its row and column and blocks the write; the corrected file goes in whole', async () => {
    const bridge = assetsBridge();
    bridge.preview = PREVIEW;
    bridge.importResults.set(
      'so-tai-san.xlsx',
      result({
        rows: 7,
        valid: 3,
        errors: [
          { row: 10, column: 'C (Tên tài sản)', message: 'Thiếu tên tài sản' },
          { row: 11, column: 'F (Nguyên giá / Thành tiền)', message: 'Số tiền không hợp lệ "12,5 triệu"' },
          { row: 13, column: 'G (Ngày sử dụng)', message: 'Ngày không hợp lệ: tháng 2 không có ngày 31' },
        ],
        newRooms: ['P101'],
      }),
    );
    bridge.importResults.set('so-tai-san-da-sua.xlsx', result({ rows: 3, valid: 3, newRooms: ['P101'] }));
    renderApp(bridge, '/assets/import');

    await screen.findByTestId('as-import-drop');
    pickFile(screen.getByTestId('as-import'), 'so-tai-san.xlsx');
    const mapping = await screen.findByTestId('as-import-mapping');
    expect(within(mapping).getByTestId('as-import-data-rows').textContent).toBe('7');
    expect(within(mapping).getByText('Nguyên giá / Thành tiền')).toBeTruthy();
    expect(within(mapping).getAllByText('Tự nhận 100%').length).toBe(3);

    fireEvent.click(screen.getByTestId('as-import-check'));
    const check = await screen.findByTestId('as-import-check-result');
    expect(check.getAttribute('data-errors')).toBe('3');
    const rows = within(screen.getByTestId('as-import-errors')).getAllByTestId('as-import-error-row');
    expect(rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent))).toEqual([
      ['10', 'C (Tên tài sản)', 'Thiếu tên tài sản'],
      ['11', 'F (Nguyên giá / Thành tiền)', 'Số tiền không hợp lệ "12,5 triệu"'],
      ['13', 'G (Ngày sử dụng)', 'Ngày không hợp lệ: tháng 2 không có ngày 31'],
    ]);
    expect(screen.getByTestId('as-import-summary').textContent).toContain('3 lỗi ở 3 dòng');
    expect((screen.getByTestId('as-import-write') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Chưa có dòng nào được ghi vào sổ.')).toBeTruthy();
    expect(importCalls(bridge).every((c) => c.dryRun)).toBe(true);

    // "Tải lại sau khi sửa": the same headers keep the mapping and the check runs at once.
    pickFile(check, 'so-tai-san-da-sua.xlsx');
    await waitFor(() => expect((screen.getByTestId('as-import-write') as HTMLButtonElement).disabled).toBe(false));
    expect(screen.getByTestId('as-import-summary').textContent).toContain('3 dòng hợp lệ');
    fireEvent.click(screen.getByTestId('as-import-write'));
    expect((await screen.findByTestId('as-import-done')).textContent).toBe('Đã ghi 3 dòng vào sổ tài sản');
    const calls = importCalls(bridge);
    const written = calls.filter((c) => !c.dryRun);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ source: { fileName: 'so-tai-san-da-sua.xlsx' }, mapping: PREVIEW.mapping });
    expect(calls.map((c) => [c.source.fileName, c.dryRun])).toEqual([
      ['so-tai-san.xlsx', true],
      ['so-tai-san-da-sua.xlsx', true],
      ['so-tai-san-da-sua.xlsx', false],
    ]);
  });
});

describe('Tài sản & phòng: sổ tài sản', () => {
  it('shows money as "12.000.000 đ" and dates dd/mm/yyyy, searches on the server, and opens the history', async () => {
    const bridge = assetsBridge();
    const p101 = room('P101');
    const p102 = room('P102');
    bridge.rooms = [p101, p102];
    bridge.assets = [
      asset('MT-01', 'Máy vi tính Dell', p101),
      asset('MC-02', 'Máy chiếu Epson', p102, { costVnd: 15_500_000, remainingVnd: 9_300_000, putInUseDate: '2021-03-01' }),
    ];
    bridge.events = [
      {
        id: uid('e1'),
        assetId: uid('asset-MT-01'),
        type: 'recognise',
        date: '2024-09-15',
        documentNo: 'HĐ 12',
        documentDate: '2024-09-10',
        attachmentSha256: null,
        refId: null,
        payload: { before: {}, after: { costVnd: 12_000_000, quantity: 1, roomId: p102.id }, origin: 'mua_sam' },
        note: '',
        actor: 'Nguyễn Thị Hằng',
        createdAt: '2024-09-15T08:00:00.000Z',
      },
      {
        id: uid('e2'),
        assetId: uid('asset-MT-01'),
        type: 'move',
        date: '2025-12-31',
        documentNo: '45/QĐ-THCS',
        documentDate: '2025-12-20',
        attachmentSha256: null,
        refId: uid('st-1'),
        payload: { before: { roomId: p102.id }, after: { roomId: p101.id } },
        note: 'Theo kết quả kiểm kê',
        actor: 'Nguyễn Thị Hằng',
        createdAt: '2025-12-31T08:00:00.000Z',
      },
    ];
    renderApp(bridge, '/assets');

    const row = await screen.findByTestId('as-row-MC-02');
    expect(within(row).getByText('15.500.000 đ')).toBeTruthy();
    expect(within(row).getByText('9.300.000 đ')).toBeTruthy();
    expect(within(row).getByText('01/03/2021')).toBeTruthy();
    expect(within(row).getByTestId('as-row-room').textContent).toBe('P102');
    expect(screen.getByTestId('as-total').textContent).toBe('2 tài sản');

    fireEvent.change(screen.getByTestId('as-search'), { target: { value: 'may vi tinh' } });
    await waitFor(() => expect(screen.queryByTestId('as-row-MC-02')).toBeNull());
    const searches = bridge.calls.filter((c) => c.method === 'assets.list' && (c.params as { q?: string }).q);
    expect(searches.map((c) => (c.params as { q: string }).q)).toEqual(['may vi tinh']);

    fireEvent.click(within(screen.getByTestId('as-row-MT-01')).getByTestId('as-row-name'));
    const drawer = await screen.findByTestId('as-drawer');
    expect((await within(drawer).findByTestId('as-drawer-code')).textContent).toBe('MT-01');
    fireEvent.click(within(drawer).getByTestId('as-drawer-tab-history'));
    const items = await within(drawer).findAllByTestId('as-history-item');
    expect(items.map((i) => i.getAttribute('data-type'))).toEqual(['move', 'recognise']);
    expect(items[0]!.textContent).toContain('Phòng: P102 → P101');
    expect(items[0]!.textContent).toContain('Chứng từ 45/QĐ-THCS ngày 20/12/2025');
    expect(items[1]!.textContent).toContain('Nguyên giá: 12.000.000 đ');
  });
});

/** Opens an antd Select and clicks the option with this text. */
async function choose(select: HTMLElement, optionText: string | RegExp) {
  fireEvent.mouseDown(select.querySelector('.ant-select-selector') ?? select);
  const options = await screen.findAllByText(optionText, {
    selector: '.ant-select-item-option-content, .ant-select-item-option-content *',
  });
  fireEvent.click(options[options.length - 1]!);
}

describe('Tài sản & phòng: chi tiết tài sản', () => {
  it('edits the fields (only what changed, with the revision) and records a move and a repair with their documents', async () => {
    const bridge = assetsBridge();
    const p101 = room('P101');
    const p102 = room('P102');
    bridge.rooms = [p101, p102];
    bridge.assets = [asset('MT-01', 'Máy vi tính Dell', p102, { rev: 3 })];
    renderApp(bridge, `/assets?asset=${uid('asset-MT-01')}`);
    const drawer = await screen.findByTestId('as-drawer');
    const name = (await within(drawer).findByTestId('as-field-name')) as HTMLInputElement;
    expect(name.value).toBe('Máy vi tính Dell');
    fireEvent.change(name, { target: { value: 'Máy vi tính Dell Vostro 3910' } });
    fireEvent.change(within(drawer).getByTestId('as-field-serial'), { target: { value: 'SN-123' } });
    fireEvent.click(within(drawer).getByTestId('as-info-save'));
    await waitFor(() => expect(bridge.calls.some((c) => c.method === 'assets.update')).toBe(true));
    expect(bridge.calls.find((c) => c.method === 'assets.update')!.params).toEqual({
      id: uid('asset-MT-01'),
      expectedRev: 3,
      patch: { name: 'Máy vi tính Dell Vostro 3910', serial: 'SN-123' },
      note: '',
    });

    fireEvent.click(within(drawer).getByTestId('as-drawer-tab-events'));
    fireEvent.click(await within(drawer).findByTestId('as-action-move'));
    const move = await screen.findByTestId('as-move-modal');
    await choose(within(move).getByTestId('as-move-room'), 'P101 — Phòng P101');
    fireEvent.change(within(move).getByTestId('as-event-documentNo'), { target: { value: 'QĐ 12/2026' } });
    fireEvent.click(screen.getByTestId('as-move-modal-ok'));
    await waitFor(() => expect(bridge.calls.some((c) => c.method === 'assets.move')).toBe(true));
    expect(bridge.calls.find((c) => c.method === 'assets.move')!.params).toMatchObject({
      ids: [uid('asset-MT-01')],
      roomId: p101.id,
      documentNo: 'QĐ 12/2026',
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    await waitFor(() => expect(within(drawer).getByTestId('as-drawer-room').textContent).toBe('P101 — Phòng P101'));

    fireEvent.click(within(drawer).getByTestId('as-action-repair'));
    const repair = await screen.findByTestId('as-repair-modal');
    fireEvent.change(within(repair).getByTestId('as-repair-description'), { target: { value: 'Thay ổ cứng SSD' } });
    fireEvent.change(within(repair).getByTestId('as-repair-cost'), { target: { value: '4.500.000' } });
    fireEvent.click(screen.getByTestId('as-repair-modal-ok'));
    await waitFor(() => expect(bridge.calls.some((c) => c.method === 'assets.repair')).toBe(true));
    expect(bridge.calls.find((c) => c.method === 'assets.repair')!.params).toMatchObject({
      description: 'Thay ổ cứng SSD',
      costVnd: 4_500_000,
    });
    // 4.500.000 is more than 30 % of 12.000.000: the user is told liquidation may be requested.
    expect(await screen.findByText(/đã vượt 30% nguyên giá/)).toBeTruthy();

    fireEvent.click(within(drawer).getByTestId('as-drawer-tab-history'));
    const items = await within(drawer).findAllByTestId('as-history-item');
    expect(items.map((i) => i.getAttribute('data-type')).sort()).toEqual(['move', 'repair']);
    expect(items.find((i) => i.getAttribute('data-type') === 'move')!.textContent).toContain('Chứng từ QĐ 12/2026');
  });
});
