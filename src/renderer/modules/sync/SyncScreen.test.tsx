import '../../test/dom-env';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { RpcError } from '../../../contract/rpc';
import { renderApp } from '../../test/render-app';
import { assessment, syncBridge } from './test-support';

afterEach(cleanup);
// Two cores shared with other work: the first render of the shell can take a few seconds.
configure({ asyncUtilTimeout: 8000 });

/** Opens an antd Select by its test id and clicks the option with this text. */
async function choose(testId: string, optionText: string | RegExp) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(select.querySelector('.ant-select-selector') ?? select);
  const options = await screen.findAllByText(optionText, {
    selector: '.ant-select-item-option-content, .ant-select-item-option-content *',
  });
  fireEvent.click(options[options.length - 1]!);
}

describe('Đồng bộ', () => {
  it('asks an admin to connect when not enrolled, then shows the status', async () => {
    const bridge = syncBridge();
    renderApp(bridge, '/sync');
    const card = await screen.findByTestId('sy-enrol');
    expect(within(card).getByText('Kết nối máy chủ Sở')).toBeTruthy();
    fireEvent.click(within(card).getByTestId('sy-enrol-submit'));
    expect(await within(card).findByText('Vui lòng nhập địa chỉ máy chủ của Sở')).toBeTruthy();
    expect(bridge.calls.some((c) => c.method === 'sync.enrol')).toBe(false);

    bridge.enrolError = new RpcError('VALIDATION', 'Tên đăng nhập hoặc mật khẩu không đúng.');
    fireEvent.change(within(card).getByTestId('sy-enrol-url'), { target: { value: 'https://dongbo.sogd.edu.vn' } });
    fireEvent.change(within(card).getByTestId('sy-enrol-user'), { target: { value: 'thcsnguyendu' } });
    fireEvent.change(within(card).getByTestId('sy-enrol-password'), { target: { value: 'sai' } });
    fireEvent.change(within(card).getByTestId('sy-enrol-device'), { target: { value: 'Máy phòng Hiệu trưởng' } });
    fireEvent.click(within(card).getByTestId('sy-enrol-submit'));
    expect((await within(card).findByTestId('sy-enrol-error')).textContent).toContain('mật khẩu không đúng');

    bridge.enrolError = null;
    fireEvent.change(within(card).getByTestId('sy-enrol-password'), { target: { value: 'Matkhau@2026' } });
    fireEvent.click(within(card).getByTestId('sy-enrol-submit'));
    expect((await screen.findByTestId('sy-school')).textContent).toBe('79000123 — Trường THCS Nguyễn Du');
    expect(screen.getByTestId('sy-device').textContent).toBe('Máy phòng Hiệu trưởng');
    expect(screen.getByTestId('sy-last-success').textContent).toBe('Chưa đồng bộ lần nào');
    expect(bridge.calls.filter((c) => c.method === 'sync.enrol').at(-1)?.params).toEqual({
      serverUrl: 'https://dongbo.sogd.edu.vn',
      username: 'thcsnguyendu',
      password: 'Matkhau@2026',
      deviceName: 'Máy phòng Hiệu trưởng',
    });
  });

  it('tells a non-admin why they cannot connect the computer', async () => {
    renderApp(syncBridge('secretary'), '/sync');
    const why = await screen.findByTestId('sy-enrol-admin-only');
    expect(why.textContent).toContain('Chỉ quản trị viên');
    expect(screen.queryByTestId('sy-enrol-url')).toBeNull();
  });

  it('shows the last success, pending changes, the last error with its retry time and a blocked state', async () => {
    const bridge = syncBridge().enrolled({
      pendingChanges: 4,
      pendingBytes: 1536,
      pendingBlobs: 2,
      lastError: 'Không kết nối được máy chủ của Sở (https://dongbo.sogd.edu.vn). Dữ liệu vẫn được lưu trên máy.',
      nextRetryAt: '2026-11-28T14:35:00',
    });
    const view = renderApp(bridge, '/sync');
    expect((await screen.findByTestId('sy-last-success')).textContent).toBe('lúc 14:03 28/11/2026');
    expect(screen.getByTestId('sy-pending').textContent).toContain('4 thay đổi (1,5 KB)');
    expect(screen.getByTestId('sy-pending').textContent).toContain('2 tệp');
    const err = screen.getByTestId('sy-last-error');
    expect(err.textContent).toContain('Không kết nối được máy chủ của Sở');
    expect(within(err).getByTestId('sy-next-retry').textContent).toBe('Sẽ thử lại lúc 14:35 28/11/2026.');
    expect(screen.queryByTestId('sy-blocked')).toBeNull();
    view.unmount();

    bridge.status = {
      ...bridge.status,
      blocked: 'upgrade_required',
      nextRetryAt: null,
      lastError: 'Phiên bản Trường Chuẩn trên máy này (0.1.0) đã cũ.',
    };
    renderApp(bridge, '/sync');
    const blocked = await screen.findByTestId('sy-blocked');
    expect(blocked.textContent).toContain('Cần cập nhật ứng dụng');
    expect(blocked.textContent).toContain('đã cũ');
    expect((screen.getByTestId('sy-run') as HTMLButtonElement).disabled).toBe(true);
  });

  it('syncs now and shows what went and came', async () => {
    const bridge = syncBridge().enrolled({ pendingChanges: 2, pendingBytes: 900 });
    bridge.runResults = [
      { pushed: 2, pulled: 5, blobsUploaded: 1, errors: [{ kind: 'blob', message: 'Tệp a.pdf vượt giới hạn 50 MB.' }] },
    ];
    renderApp(bridge, '/sync');
    fireEvent.click(await screen.findByTestId('sy-run'));
    const result = await screen.findByTestId('sy-run-result');
    expect(within(result).getByTestId('sy-run-counts').textContent).toBe(
      'Đã gửi 2 thay đổi, đã nhận 5 thay đổi, tệp: gửi 1, nhận 0.',
    );
    expect(within(result).getByTestId('sy-run-errors').textContent).toContain('vượt giới hạn 50 MB');
    await waitFor(() => expect(screen.getByTestId('sy-pending').textContent).toContain('Không còn gì chờ gửi'));
  });

  it('lists renumbered evidence as a note, not as an error', async () => {
    const bridge = syncBridge().enrolled({ pendingChanges: 1 });
    const message = 'Mã MC.1.1.01 đã được máy khác dùng trước; minh chứng "Kế hoạch năm học" đổi thành MC.1.1.03.';
    bridge.runResults = [{ pushed: 1, pulled: 2, notices: [{ kind: 'renumbered', message, ref: 'e1' }] }];
    renderApp(bridge, '/sync');
    fireEvent.click(await screen.findByTestId('sy-run'));
    const result = await screen.findByTestId('sy-run-result');
    expect(result.textContent).toContain('Đồng bộ xong');
    expect(result.textContent).not.toContain('có lỗi');
    expect(within(result).getByTestId('sy-run-notices').textContent).toContain('đổi thành MC.1.1.03');
    expect(within(result).queryByTestId('sy-run-errors')).toBeNull();
  });

  it('asks for a strong confirmation before sending many deletes, then re-runs with confirmBulkDelete', async () => {
    const bridge = syncBridge().enrolled({ pendingChanges: 80 });
    const bulk = {
      total: 64,
      entities: [{ entity: 'Evidence', deletes: 64, rows: 70 }],
      message: 'Lần đồng bộ này sẽ xóa 64 bản ghi.',
    };
    bridge.runResults = [{ pushed: 16, needsBulkDeleteConfirmation: bulk }, { pushed: 64 }];
    renderApp(bridge, '/sync');
    fireEvent.click(await screen.findByTestId('sy-run'));
    const dialog = await screen.findByTestId('sy-bulk');
    expect(dialog.textContent).toContain('xoá 64 bản ghi trên máy chủ');
    expect(within(dialog).getByText('Minh chứng')).toBeTruthy();
    const ok = () => screen.getByTestId('sy-bulk-ok') as HTMLButtonElement;
    expect(ok().disabled).toBe(true);
    // Closing keeps the deletes back; the blocked banner offers the dialog again.
    fireEvent.click(screen.getByTestId('sy-bulk-cancel'));
    const banner = await screen.findByTestId('sy-blocked');
    expect(banner.getAttribute('data-blocked')).toBe('bulk_delete');
    fireEvent.click(within(banner).getByTestId('sy-bulk-review'));
    fireEvent.click(await screen.findByTestId('sy-bulk-check'));
    await waitFor(() => expect(ok().disabled).toBe(false));
    fireEvent.click(ok());
    await waitFor(() => expect(screen.queryByTestId('sy-blocked')).toBeNull());
    const runs = bridge.calls.filter((c) => c.method === 'sync.run').map((c) => c.params);
    expect(runs).toEqual([{}, { confirmBulkDelete: true }]);
    expect((await screen.findByTestId('sy-run-counts')).textContent).toContain('Đã gửi 64 thay đổi');
  });

  it('resolves a conflict showing both versions side by side', async () => {
    const bridge = syncBridge().enrolled({ conflicts: 2 });
    const conflict = (id: string, kept: string, other: string) => ({
      id,
      entity: 'Evidence',
      rowId: `row-${id}`,
      field: 'notes',
      keptValue: kept,
      otherValue: other,
      status: 'open' as const,
      resolution: null,
      resolvedValue: null,
      createdAt: '2026-11-28T13:00:00',
      resolvedAt: null,
    });
    bridge.conflicts = [conflict('c1', 'Bản của máy thư ký', 'Bản của máy hiệu trưởng'), conflict('c2', 'Đoạn A', 'Đoạn B')];
    renderApp(bridge, '/sync');
    const row = await screen.findByTestId('sy-conflict-c1');
    fireEvent.click(within(row).getByTestId('sy-conflict-open'));
    const resolver = await screen.findByTestId('sy-resolver');
    expect(within(resolver).getByTestId('sy-kept-text').textContent).toBe('Bản của máy thư ký');
    expect(within(resolver).getByTestId('sy-other-text').textContent).toBe('Bản của máy hiệu trưởng');
    fireEvent.click(within(resolver).getByTestId('sy-resolve-other'));
    await waitFor(() => expect(screen.queryByTestId('sy-conflict-c1')).toBeNull());
    expect(bridge.conflicts[0]!.resolvedValue).toBe('Bản của máy hiệu trưởng');

    fireEvent.click(within(screen.getByTestId('sy-conflict-c2')).getByTestId('sy-conflict-open'));
    const custom = (await screen.findByTestId('sy-custom')) as HTMLTextAreaElement;
    expect(custom.value).toBe('Đoạn A\n\nĐoạn B');
    fireEvent.change(custom, { target: { value: 'Đoạn A và B đã gộp' } });
    fireEvent.click(screen.getByTestId('sy-resolve-custom'));
    await waitFor(() => expect(screen.queryByTestId('sy-conflict-c2')).toBeNull());
    expect(bridge.calls.filter((c) => c.method === 'sync.resolveConflict').map((c) => c.params)).toEqual([
      { id: 'c1', choice: 'other' },
      { id: 'c2', choice: 'custom', value: 'Đoạn A và B đã gộp' },
    ]);
    expect(screen.getByText('Không có xung đột nào.')).toBeTruthy();
  });

  it('exports a sync package and says where it was saved', async () => {
    const bridge = syncBridge().enrolled({ pendingChanges: 7 });
    renderApp(bridge, '/sync');
    fireEvent.click(await screen.findByTestId('sy-export'));
    const done = await screen.findByTestId('sy-export-result');
    expect(done.textContent).toContain('Đã xuất gói dong-bo-79000123-20261128.zip (1,5 MB): 7 thay đổi, 2 tệp.');
    expect(done.textContent).toContain('sync-packages/dong-bo-79000123-20261128.zip');
  });

  it('lists poisoned changes and file problems', async () => {
    const bridge = syncBridge().enrolled({
      poisoned: [{ changeId: 'ch1', entity: 'Evidence', rowId: 'r1', error: 'Mã minh chứng đã tồn tại.', tries: 3 }],
      blobIssues: [
        {
          sha256: 'f'.repeat(64),
          direction: 'up',
          status: 'too_large',
          message: 'Tệp có dung lượng 60 MB, vượt giới hạn 50 MB.',
          tries: 1,
        },
      ],
    });
    renderApp(bridge, '/sync');
    expect((await screen.findByTestId('sy-poisoned')).textContent).toContain('Mã minh chứng đã tồn tại.');
    expect(screen.getByTestId('sy-blob-issues').textContent).toContain('vượt giới hạn 50 MB');
  });

  it('submits a frozen assessment after confirmation; a resubmission shows version 2 and its changes', async () => {
    const bridge = syncBridge().enrolled();
    bridge.assessments = [assessment('a1', '2026-2027')];
    renderApp(bridge, '/sync/submissions');
    expect(await screen.findByText('Chưa nộp hồ sơ nào.')).toBeTruthy();
    await choose('sy-submit-what', /Tự đánh giá năm học 2026-2027/);
    fireEvent.click(screen.getByTestId('sy-submit'));
    const confirm = await screen.findByTestId('sy-submit-confirm');
    expect(confirm.textContent).toContain('chốt');
    expect(bridge.calls.some((c) => c.method === 'sync.submit')).toBe(false);
    fireEvent.click(screen.getByTestId('sy-submit-ok'));
    const row = await screen.findByTestId('sy-sub-sub-1');
    expect(within(row).getByTestId('sy-sub-state').textContent).toBe('Đã nhận');
    expect(within(row).getByTestId('sy-sub-version').textContent).toBe('Phiên bản 1');
    expect(within(row).getByTestId('sy-sub-hash').textContent).toContain('111111111111');
    expect(row.textContent).toContain('Tự đánh giá năm học 2026-2027');
    expect(bridge.calls.find((c) => c.method === 'sync.submit')?.params).toEqual({ kind: 'assessment', assessmentId: 'a1' });

    fireEvent.click(screen.getByTestId('sy-submit'));
    await waitFor(() => expect(screen.getAllByTestId('sy-submit-ok').length).toBeGreaterThan(0));
    fireEvent.click(screen.getAllByTestId('sy-submit-ok').at(-1)!);
    const row2 = await screen.findByTestId('sy-sub-sub-2');
    expect(within(row2).getByTestId('sy-sub-version').textContent).toBe('Phiên bản 2 — thay đổi: +3 / ~5 / −1');

    // The department's comments show per submission.
    bridge.submissions[1]!.state = 'returned';
    bridge.submissions[1]!.events = [
      { state: 'received', comment: '', at: '2026-11-28T15:10:00', by: '' },
      { state: 'returned', comment: 'Bổ sung minh chứng tiêu chí 2.1.', at: '2026-11-29T09:00:00', by: 'chuyenvien' },
    ];
    fireEvent.click(screen.getByTestId('sy-subs-refresh'));
    await waitFor(() =>
      expect(within(screen.getByTestId('sy-sub-sub-2')).getByTestId('sy-sub-state').textContent).toBe('Trả lại'),
    );
    expect(within(screen.getByTestId('sy-sub-sub-2')).getByTestId('sy-sub-comments').textContent).toContain(
      'Bổ sung minh chứng tiêu chí 2.1.',
    );
  });

  it('says who may submit', async () => {
    renderApp(syncBridge('council_member').enrolled(), '/sync/submissions');
    expect((await screen.findByTestId('sy-submit-not-allowed')).textContent).toContain('quản trị viên hoặc thư ký');
  });
});
