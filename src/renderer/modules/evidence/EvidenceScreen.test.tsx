import '../../test/dom-env';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../test/render-app';
import { evidenceBridge, textFile } from './test-support';

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

function dropFiles(files: File[]) {
  const input = screen.getByTestId('ev-upload-modal').querySelector('input[type="file"]') as HTMLInputElement;
  fireEvent.change(input, { target: { files } });
}

describe('Kho minh chứng', () => {
  it('lists the codes, statuses, criteria, expired validity and duplicates of the school framework', async () => {
    const bridge = evidenceBridge();
    bridge.seed('1.1', { title: 'Kế hoạch chiến lược 2025-2030', verification: 'verified', content: 'ke hoach' });
    bridge.seed('1.1', { title: 'Quyết định thành lập hội đồng', validUntil: '2025-05-31' });
    bridge.seed('2.1', { title: 'Biên bản họp tổ', verification: 'rejected', rejectReason: 'Thiếu chữ ký', content: 'ke hoach' });
    bridge.evidence[2]!.links.push({ id: crypto.randomUUID(), criterionCode: '1.1', assessmentId: null, isFirst: false });
    bridge.evidence[2]!.criteria = ['1.1', '2.1'];
    renderApp(bridge, '/evidence');

    const row1 = await screen.findByTestId('ev-row-MC.1.1.01');
    expect(within(row1).getByText('Kế hoạch chiến lược 2025-2030')).toBeTruthy();
    expect(within(row1).getByText('Đã xác minh')).toBeTruthy();
    const row2 = screen.getByTestId('ev-row-MC.1.1.02');
    expect(within(row2).getByText('Chờ xác minh')).toBeTruthy();
    expect(within(row2).getByTestId('ev-row-validity').textContent).toContain('Hết hiệu lực');
    const row3 = screen.getByTestId('ev-row-MC.2.1.01');
    expect(within(row3).getByText('Từ chối')).toBeTruthy();
    expect(within(row3).getByText('1.1')).toBeTruthy();
    expect(within(row3).getByText('2.1')).toBeTruthy();
    // MC.1.1.01 and MC.2.1.01 hold the same bytes.
    await waitFor(() => expect(within(row3).getByTestId('ev-row-duplicate')).toBeTruthy());
    expect(within(row1).getByTestId('ev-row-duplicate')).toBeTruthy();
    expect(within(row2).queryByTestId('ev-row-duplicate')).toBeNull();
    expect(screen.getByText('3 minh chứng')).toBeTruthy();
    // The THCS school gets the TT 57 annex for phổ thông.
    expect(bridge.calls.find((c) => c.method === 'evidence.list')?.params).toMatchObject({
      frameworkId: 'tt57-2026-pl2-pho-thong',
    });
  });

  it('searches on the server, without diacritics, after the user stops typing', async () => {
    const bridge = evidenceBridge();
    bridge.seed('1.1', { title: 'Kế hoạch giáo dục nhà trường' });
    bridge.seed('1.2', { title: 'Biên bản kiểm tra nội bộ' });
    renderApp(bridge, '/evidence');
    await screen.findByTestId('ev-row-MC.1.2.01');
    fireEvent.change(screen.getByTestId('ev-search'), { target: { value: 'ke hoach' } });
    await waitFor(() => expect(screen.queryByTestId('ev-row-MC.1.2.01')).toBeNull());
    expect(screen.getByTestId('ev-row-MC.1.1.01')).toBeTruthy();
    const searches = bridge.calls.filter((c) => c.method === 'evidence.list' && (c.params as { q?: string }).q);
    expect(searches.map((c) => (c.params as { q: string }).q)).toEqual(['ke hoach']);
  });

  it('reports a duplicate upload and lets the user create a second record', async () => {
    const bridge = evidenceBridge();
    bridge.seed('1.1', { title: 'Kế hoạch năm học', content: 'NỘI DUNG KẾ HOẠCH', fileName: 'ke-hoach.txt' });
    renderApp(bridge, '/evidence');
    fireEvent.click(await screen.findByTestId('ev-add-files'));
    await choose('ev-upload-criterion', /^2\.1\. /);
    dropFiles([textFile('ke-hoach (ban sao).txt', 'NỘI DUNG KẾ HOẠCH'), textFile('bien-ban.txt', 'Biên bản họp')]);

    const dup = await screen.findByTestId('ev-upload-item-0');
    await waitFor(() => expect(dup.getAttribute('data-status')).toBe('duplicate'));
    expect(within(dup).getByTestId('ev-upload-status').textContent).toContain('MC.1.1.01');
    expect(within(dup).getByTestId('ev-dup-link').textContent).toContain('Gắn MC.1.1.01 vào tiêu chí 2.1');
    expect(within(dup).getByTestId('ev-dup-skip')).toBeTruthy();
    const other = screen.getByTestId('ev-upload-item-1');
    await waitFor(() => expect(other.getAttribute('data-status')).toBe('done'));
    expect(within(other).getByTestId('ev-upload-status').textContent).toBe('Đã thêm, mã MC.2.1.01');

    fireEvent.click(within(dup).getByTestId('ev-dup-create'));
    await waitFor(() => expect(dup.getAttribute('data-status')).toBe('created'));
    expect(within(dup).getByTestId('ev-upload-status').textContent).toBe('Đã tạo bản ghi thứ hai, mã MC.2.1.02');
    expect(bridge.calls.filter((c) => c.method === 'evidence.addFromStored')).toHaveLength(1);
    expect(screen.getByTestId('ev-upload-progress').textContent).toBe('Đã xử lý 2/2 tệp');
  });

  it('links the existing evidence instead when asked, and can stop the remaining files', async () => {
    const bridge = evidenceBridge();
    bridge.seed('1.1', { title: 'Kế hoạch năm học', content: 'A' });
    renderApp(bridge, '/evidence');
    fireEvent.click(await screen.findByTestId('ev-add-files'));
    await choose('ev-upload-criterion', /^3\.1\. /);
    const release = bridge.hold('evidence.addFromUpload');
    dropFiles([textFile('a.txt', 'A'), textFile('b.txt', 'B'), textFile('c.txt', 'C')]);
    await waitFor(() => expect(screen.getByTestId('ev-upload-item-0').getAttribute('data-status')).toBe('uploading'));
    fireEvent.click(screen.getByTestId('ev-upload-stop'));
    release();
    await waitFor(() => expect(screen.getByTestId('ev-upload-item-0').getAttribute('data-status')).toBe('duplicate'));
    await waitFor(() => expect(screen.getByTestId('ev-upload-item-2').getAttribute('data-status')).toBe('cancelled'));
    expect(screen.getByTestId('ev-upload-item-1').getAttribute('data-status')).toBe('cancelled');
    expect(bridge.calls.filter((c) => c.method === 'evidence.addFromUpload')).toHaveLength(1);

    fireEvent.click(within(screen.getByTestId('ev-upload-item-0')).getByTestId('ev-dup-link'));
    await waitFor(() => expect(screen.getByTestId('ev-upload-item-0').getAttribute('data-status')).toBe('linked'));
    expect(bridge.evidence[0]!.criteria).toEqual(['1.1', '3.1']);
  });

  it('disables verification for a council member and says why', async () => {
    const bridge = evidenceBridge('council_member');
    const e = bridge.seed('1.1', { title: 'Kế hoạch năm học' });
    renderApp(bridge, `/evidence?ev=${e.id}`);
    const drawer = await screen.findByTestId('ev-drawer');
    fireEvent.click(await within(drawer).findByText('Xác minh', { selector: '.ant-tabs-tab-btn, .ant-tabs-tab-btn *' }));
    const why = await screen.findByTestId('ev-verify-why');
    expect(why.textContent).toContain('Chỉ quản trị viên hoặc thư ký hội đồng được xác minh minh chứng');
    expect(why.textContent).toContain('Thành viên hội đồng');
    expect((screen.getByTestId('ev-verify') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('ev-reject') as HTMLButtonElement).disabled).toBe(true);
    // A council member still edits the evidence itself.
    expect(screen.getByTestId('ev-remove')).toBeTruthy();
  });

  it('lets the secretary reject with a reason', async () => {
    const bridge = evidenceBridge('secretary');
    const e = bridge.seed('1.1', { title: 'Kế hoạch năm học' });
    renderApp(bridge, `/evidence?ev=${e.id}`);
    const drawer = await screen.findByTestId('ev-drawer');
    fireEvent.click(await within(drawer).findByText('Xác minh', { selector: '.ant-tabs-tab-btn, .ant-tabs-tab-btn *' }));
    fireEvent.click(await screen.findByTestId('ev-reject'));
    fireEvent.click(screen.getByTestId('ev-reject-confirm'));
    expect(await screen.findByText('Vui lòng nhập lý do từ chối')).toBeTruthy();
    fireEvent.change(screen.getByTestId('ev-reject-input'), { target: { value: 'Văn bản chưa có dấu đỏ' } });
    fireEvent.click(screen.getByTestId('ev-reject-confirm'));
    await waitFor(() => expect(screen.getByTestId('ev-reject-reason').textContent).toBe('Văn bản chưa có dấu đỏ'));
    expect(bridge.evidence[0]!.verification).toBe('rejected');
  });

  it('renumbers after a confirmation that shows the old and the new code', async () => {
    const bridge = evidenceBridge();
    bridge.seed('2.1', { title: 'Sổ theo dõi' });
    const e = bridge.seed('1.1', { title: 'Kế hoạch năm học' });
    renderApp(bridge, `/evidence?ev=${e.id}`);
    const drawer = await screen.findByTestId('ev-drawer');
    fireEvent.click(await within(drawer).findByText('Tiêu chí và mã', { selector: '.ant-tabs-tab-btn, .ant-tabs-tab-btn *' }));
    expect((await screen.findByTestId('ev-links-explain')).textContent).toContain('Mã MC.1.1.01 được cấp theo tiêu chí gốc 1.1');
    expect((screen.getByTestId('ev-unlink-1.1') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('ev-move'));
    await choose('ev-move-target', /^2\.1\. /);
    await waitFor(() => expect(screen.getByTestId('ev-move-preview').textContent).toContain('MC.1.1.01'));
    await waitFor(() => expect(screen.getByTestId('ev-move-preview').textContent).toContain('MC.2.1.02'));
    fireEvent.click(screen.getByTestId('ev-move-ok'));
    await waitFor(() => expect(screen.getByTestId('ev-drawer-code').textContent).toBe('MC.2.1.02'));
    expect(await screen.findByText('Đã đổi mã MC.1.1.01 → MC.2.1.02')).toBeTruthy();
  });

  it('explains a refused removal of cited evidence', async () => {
    const bridge = evidenceBridge();
    const e = bridge.seed('1.1', { title: 'Kế hoạch năm học' });
    bridge.cited.add(e.id);
    renderApp(bridge, `/evidence?ev=${e.id}`);
    fireEvent.click(await screen.findByTestId('ev-remove'));
    fireEvent.click(await screen.findByTestId('ev-remove-ok'));
    expect((await screen.findByTestId('ev-remove-refused')).textContent).toContain('đang được trích dẫn trong phần mô tả');
    expect(bridge.evidence).toHaveLength(1);
  });

  it('saves edited metadata with the revision it was read at', async () => {
    const bridge = evidenceBridge();
    const e = bridge.seed('1.1', { title: 'Kế hoạch năm học' });
    renderApp(bridge, `/evidence?ev=${e.id}`);
    const drawer = await screen.findByTestId('ev-drawer');
    fireEvent.click(await within(drawer).findByText('Thông tin', { selector: '.ant-tabs-tab-btn, .ant-tabs-tab-btn *' }));
    fireEvent.change(await within(drawer).findByTestId('ev-field-documentNumber'), { target: { value: '12/KH-THCS' } });
    fireEvent.click(screen.getByTestId('ev-info-save'));
    await waitFor(() => expect(bridge.evidence[0]!.documentNumber).toBe('12/KH-THCS'));
    expect(bridge.calls.find((c) => c.method === 'evidence.update')?.params).toMatchObject({ id: e.id, expectedRev: 1 });
  });

  it('lists a code two computers issued offline until the later one renumbers it', async () => {
    const bridge = evidenceBridge();
    bridge.seed('1.1', { title: 'Kế hoạch năm học' });
    const other = bridge.seed('1.2', { title: 'Biên bản họp từ máy khác' });
    renderApp(bridge, '/evidence/health');
    await screen.findByTestId('ev-health-criteria');
    expect(screen.queryByTestId('ev-health-section-sharedCodes')).toBeNull();
    other.code = 'MC.1.1.01';
    cleanup();
    renderApp(bridge, '/evidence/health');
    const shared = await screen.findByTestId('ev-health-shared-codes');
    expect(screen.getByTestId('ev-health-section-sharedCodes').textContent).toContain('1');
    expect(shared.textContent).toContain('MC.1.1.01');
    expect(shared.textContent).toContain('Biên bản họp từ máy khác');
    expect(shared.textContent).toContain('Kế hoạch năm học');
  });

  it('shows the library check with counts, and opens an item from it', async () => {
    const bridge = evidenceBridge();
    bridge.seed('1.1', { title: 'Kế hoạch năm học', content: 'X' });
    bridge.seed('2.1', { title: 'Bản chụp kế hoạch', content: 'X' });
    const old = bridge.seed('1.2', { title: 'Quyết định cũ', validUntil: '2025-06-30' });
    renderApp(bridge, '/evidence/health');
    const criteria = await screen.findByTestId('ev-health-criteria');
    expect(criteria.textContent).toContain('1.3');
    expect(criteria.textContent).not.toContain('1.1');
    expect(screen.getByTestId('ev-health-section-expired').textContent).toContain('1');
    expect(screen.getByTestId('ev-health-expired').textContent).toContain('hết hiệu lực 30/06/2025');
    expect(screen.getByTestId('ev-health-section-duplicates').textContent).toContain('1');
    expect(bridge.calls.find((c) => c.method === 'evidence.health')?.params).toMatchObject({ checkFiles: 'exists' });
    fireEvent.click(screen.getByTestId('ev-health-expired-MC.1.2.01'));
    await waitFor(() => expect(screen.getByTestId('ev-drawer-code').textContent).toBe('MC.1.2.01'));
    expect(screen.getByTestId('ev-drawer-title').textContent).toBe(old.title);
  });

  it('is read-only for a viewer', async () => {
    const bridge = evidenceBridge('viewer');
    const e = bridge.seed('1.1', { title: 'Kế hoạch năm học' });
    renderApp(bridge, `/evidence?ev=${e.id}`);
    expect((await screen.findByTestId('ev-readonly')).textContent).toContain('Người xem');
    expect(screen.queryByTestId('ev-add-files')).toBeNull();
    await screen.findByTestId('ev-drawer-title');
    expect(screen.queryByTestId('ev-remove')).toBeNull();
  });
});
