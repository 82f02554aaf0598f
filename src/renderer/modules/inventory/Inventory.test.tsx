import '../../test/dom-env';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../test/render-app';
import { asset, assetsBridge, followUp, room, session, SESSION_ID, uid } from '../assets/test-support';

afterEach(cleanup);
configure({ asyncUtilTimeout: 8000 });

function school() {
  const bridge = assetsBridge();
  const p101 = room('P101');
  const p102 = room('P102');
  bridge.rooms = [p101, p102];
  bridge.assets = [asset('A1', 'Máy chiếu', p101), asset('A2', 'Máy tính giáo viên', p101), asset('A3', 'Tivi 65 inch', p102)];
  bridge.sessions = [
    session({ roomIds: [p101.id, p102.id], book: { items: 3, quantity: 3, costVnd: 36_000_000, remainingVnd: 36_000_000 } }),
  ];
  return { bridge, p101, p102 };
}

function scan(input: HTMLElement, code: string) {
  fireEvent.change(input, { target: { value: code } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
}

/** Opens an antd Select inside `scope` and clicks the option with this text. */
async function choose(select: HTMLElement, optionText: string) {
  fireEvent.mouseDown(select.querySelector('.ant-select-selector') ?? select);
  const options = await screen.findAllByText(optionText, {
    selector: '.ant-select-item-option-content, .ant-select-item-option-content *',
  });
  fireEvent.click(options[options.length - 1]!);
}

describe('Kiểm kê: quét mã', () => {
  it('gives instant feedback per scan: found, misplaced with the book room, unknown, duplicate', async () => {
    const { bridge, p101 } = school();
    renderApp(bridge, `/inventory/${SESSION_ID}/room/${p101.id}`);
    const input = await screen.findByTestId('inv-scan-input');
    await waitFor(() => expect(screen.getByTestId('inv-scan-room').textContent).toContain('P101'));
    await waitFor(() => expect(document.activeElement).toBe(input));

    scan(input, 'a1');
    await waitFor(() => expect(screen.getByTestId('inv-scan-feedback').getAttribute('data-status')).toBe('found'));
    expect(screen.getByTestId('inv-scan-feedback').textContent).toContain('Khớp sổ');
    expect((input as HTMLInputElement).value).toBe('');

    scan(input, 'A3');
    await waitFor(() => expect(screen.getByTestId('inv-scan-feedback').getAttribute('data-status')).toBe('misplaced'));
    expect(screen.getByTestId('inv-scan-feedback').textContent).toContain('Sai phòng — theo sổ ở P102');

    scan(input, 'XYZ-999');
    await waitFor(() => expect(screen.getByTestId('inv-scan-feedback').getAttribute('data-status')).toBe('unknown'));
    expect(screen.getByTestId('inv-scan-message').textContent).toBe('Mã "XYZ-999" không có trong sổ tài sản.');

    scan(input, 'A1');
    await waitFor(() => expect(screen.getByTestId('inv-scan-feedback').getAttribute('data-status')).toBe('duplicate'));

    const items = within(screen.getByTestId('inv-scan-list')).getAllByTestId('inv-scan-item');
    expect(items.map((i) => [i.getAttribute('data-code'), i.getAttribute('data-status')])).toEqual([
      ['A1', 'duplicate'],
      ['XYZ-999', 'unknown'],
      ['A3', 'misplaced'],
      ['A1', 'found'],
    ]);
    const scans = bridge.calls
      .filter((c) => c.method === 'stocktake.scan')
      .map((c) => c.params as { code: string; roomId: string; counter: string });
    expect(scans.map((s) => [s.code, s.roomId])).toEqual([
      ['a1', p101.id],
      ['A3', p101.id],
      ['XYZ-999', p101.id],
      ['A1', p101.id],
    ]);
    expect(scans[0]!.counter).toBe('Người dùng admin');
    // What is still expected in the room: A2 only (A1 counted here, A3 belongs to P102).
    await waitFor(() =>
      expect(
        within(screen.getByTestId('inv-todo'))
          .getAllByTestId('inv-todo-item')
          .map((i) => i.getAttribute('data-code')),
      ).toEqual(['A2']),
    );
  });

  it('queues codes pasted or scanned faster than the answers, in order', async () => {
    const { bridge, p102 } = school();
    renderApp(bridge, `/inventory/${SESSION_ID}/room/${p102.id}`);
    const input = await screen.findByTestId('inv-scan-input');
    fireEvent.paste(input, { clipboardData: { getData: () => 'A3\nA1\nA2\n' } });
    await waitFor(() =>
      expect(
        within(screen.getByTestId('inv-scan-list'))
          .getAllByTestId('inv-scan-item')
          .every((i) => i.getAttribute('data-status') !== 'pending'),
      ).toBe(true),
    );
    const items = within(screen.getByTestId('inv-scan-list')).getAllByTestId('inv-scan-item');
    expect(items.map((i) => [i.getAttribute('data-code'), i.getAttribute('data-status')])).toEqual([
      ['A2', 'misplaced'],
      ['A1', 'misplaced'],
      ['A3', 'found'],
    ]);
    expect(bridge.calls.filter((c) => c.method === 'stocktake.scan').map((c) => (c.params as { code: string }).code)).toEqual([
      'A3',
      'A1',
      'A2',
    ]);
  });

  it('a closed session is read-only: no scan input', async () => {
    const { bridge, p101 } = school();
    bridge.sessions[0]!.status = 'closed';
    renderApp(bridge, `/inventory/${SESSION_ID}/room/${p101.id}`);
    expect(await screen.findByTestId('inv-scan-readonly')).toBeTruthy();
    expect(screen.queryByTestId('inv-scan-input')).toBeNull();
  });
});

describe('Kiểm kê: đối chiếu', () => {
  it('accepts and rejects follow-ups (write-off or record, details of an unknown code) and closes only after typing the phrase', async () => {
    const { bridge, p101, p102 } = school();
    bridge.followUps = [
      followUp('f1', 'move', 'A3', { name: 'Tivi 65 inch', fromRoomId: p102.id, toRoomId: p101.id }),
      followUp('f2', 'investigate', 'A2', { name: 'Máy tính giáo viên', fromRoomId: p101.id }),
      followUp('f3', 'recognise', 'XYZ-999', { toRoomId: p101.id }),
      followUp('f4', 'disposalCandidate', 'A1', { name: 'Máy chiếu' }),
    ];
    renderApp(bridge, `/inventory/${SESSION_ID}/reconcile`);

    const move = await screen.findByTestId('inv-followup-move-A3');
    expect(move.textContent).toContain('P102 → P101');
    fireEvent.click(within(move).getByTestId('inv-accept'));
    await waitFor(() => expect(screen.getByTestId('inv-followup-move-A3').getAttribute('data-decision')).toBe('accepted'));

    fireEvent.click(within(screen.getByTestId('inv-followup-disposalCandidate-A1')).getByTestId('inv-reject'));
    await waitFor(() =>
      expect(screen.getByTestId('inv-followup-disposalCandidate-A1').getAttribute('data-decision')).toBe('rejected'),
    );

    const shortage = screen.getByTestId('inv-followup-investigate-A2');
    await choose(within(shortage).getByTestId('inv-action'), 'Ghi giảm (mất)');
    fireEvent.click(within(shortage).getByTestId('inv-accept'));
    await waitFor(() => expect(screen.getByTestId('inv-followup-investigate-A2').getAttribute('data-decision')).toBe('accepted'));
    expect(screen.getByTestId('inv-followup-investigate-A2').textContent).toContain('Ghi giảm (mất)');

    fireEvent.click(within(screen.getByTestId('inv-followup-recognise-XYZ-999')).getByTestId('inv-accept'));
    const modal = await screen.findByTestId('inv-recognise-modal');
    fireEvent.change(within(modal).getByTestId('inv-recognise-name'), { target: { value: 'Máy chiếu Sony' } });
    fireEvent.click(screen.getByTestId('inv-recognise-ok'));
    await waitFor(() =>
      expect(screen.getByTestId('inv-followup-recognise-XYZ-999').getAttribute('data-decision')).toBe('accepted'),
    );

    const decides = bridge.calls.filter((c) => c.method === 'stocktake.decide').map((c) => c.params);
    expect(decides).toEqual([
      { id: SESSION_ID, followUpId: uid('f1'), decision: 'accepted' },
      { id: SESSION_ID, followUpId: uid('f4'), decision: 'rejected' },
      { id: SESSION_ID, followUpId: uid('f2'), decision: 'accepted', action: 'write_off' },
      {
        id: SESSION_ID,
        followUpId: uid('f3'),
        decision: 'accepted',
        details: { name: 'Máy chiếu Sony', assetClass: 'tool', unit: 'cái' },
      },
    ]);

    // Khoá sổ: only once the phrase is typed.
    fireEvent.click(screen.getByTestId('inv-close'));
    const closeModal = await screen.findByTestId('inv-close-modal');
    const ok = await screen.findByTestId('inv-close-ok');
    expect((ok as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(closeModal).getByTestId('inv-close-phrase'), { target: { value: 'khoa so' } });
    await waitFor(() => expect((screen.getByTestId('inv-close-ok') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('inv-close-ok'));
    await waitFor(() => expect(bridge.sessions[0]!.status).toBe('closed'));
    expect(await screen.findByTestId('inv-closed-note')).toBeTruthy();
    // Read-only now: no more decisions.
    await waitFor(() => expect(screen.queryAllByTestId('inv-accept')).toHaveLength(0));
  });

  it('refuses to close while proposals are pending', async () => {
    const { bridge } = school();
    bridge.followUps = [followUp('f1', 'move', 'A3')];
    renderApp(bridge, `/inventory/${SESSION_ID}/reconcile`);
    fireEvent.click(await screen.findByTestId('inv-close'));
    expect(await screen.findByTestId('inv-close-pending')).toBeTruthy();
    fireEvent.change(screen.getByTestId('inv-close-phrase'), { target: { value: 'KHOÁ SỔ' } });
    expect((screen.getByTestId('inv-close-ok') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('Kiểm kê: gộp tệp kiểm đếm', () => {
  it('merges a count file from another PC and says what was added; a file that is not a count file is refused before sending', async () => {
    const { bridge, p102 } = school();
    renderApp(bridge, `/inventory/${SESSION_ID}`);
    await screen.findByTestId('inv-session');
    const hash = 'a'.repeat(64);
    const file = {
      format: 'truong-chuan/stocktake-counts',
      version: 1,
      stocktakeId: SESSION_ID,
      stocktakeName: 'Kiểm kê (máy 2)',
      exportedAt: '2026-03-15T09:00:00.000Z',
      device: 'MAY-2',
      lines: [
        {
          id: uid('other-1'),
          code: 'A3',
          assetId: uid('asset-A3'),
          roomId: p102.id,
          roomCode: 'P102',
          foundQuantity: 1,
          condition: null,
          location: '',
          note: '',
          counter: 'Minh',
          method: 'scan',
          countedAt: '2026-03-15T08:59:00.000Z',
          device: 'MAY-2',
          hash,
        },
      ],
      hash,
    };
    const input = () =>
      screen.getByTestId('inv-merge-counts').closest('.ant-upload')!.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input(), { target: { files: [new File(['{"hello": 1}'], 'khac.json', { type: 'application/json' })] } });
    expect(await screen.findByText('Tệp không phải tệp kiểm đếm của Trường Chuẩn.')).toBeTruthy();
    expect(bridge.calls.some((c) => c.method === 'stocktake.importCounts')).toBe(false);

    fireEvent.change(input(), {
      target: { files: [new File([JSON.stringify(file)], 'kiem-dem-may-2.json', { type: 'application/json' })] },
    });
    expect((await screen.findByTestId('inv-merge-result')).textContent).toContain('Thêm 1 dòng, bỏ qua 0 dòng đã có.');
    expect(bridge.calls.find((c) => c.method === 'stocktake.importCounts')!.params).toMatchObject({
      id: SESSION_ID,
      file: { device: 'MAY-2', lines: [{ code: 'A3', counter: 'Minh' }] },
    });
    expect(bridge.lines).toHaveLength(1);
  });
});
