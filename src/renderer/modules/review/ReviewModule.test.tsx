import '../../test/dom-env';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../test/render-app';
import { reviewBridge, SUB } from './test-support';

afterEach(cleanup);
// Two cores shared with other work: the first render of the shell can take a few seconds.
configure({ asyncUtilTimeout: 8000 });

const callsOf = (bridge: ReturnType<typeof reviewBridge>, method: string) => bridge.calls.filter((c) => c.method === method);

describe('Thẩm định', () => {
  it('offers to connect the workstation when not set up, explaining the school data is unaffected', async () => {
    const bridge = reviewBridge();
    renderApp(bridge, '/review');
    const card = await screen.findByTestId('rv-setup');
    expect(within(card).getByTestId('rv-setup-unaffected').textContent).toContain('không bị thay đổi');
    fireEvent.click(within(card).getByTestId('rv-setup-submit'));
    expect(await within(card).findByText('Vui lòng nhập địa chỉ máy chủ của Sở')).toBeTruthy();
    expect(callsOf(bridge, 'review.setup')).toHaveLength(0);

    fireEvent.change(within(card).getByTestId('rv-setup-url'), { target: { value: 'https://dongbo.sogd.edu.vn' } });
    fireEvent.change(within(card).getByTestId('rv-setup-user'), { target: { value: 'pgd.admin' } });
    fireEvent.change(within(card).getByTestId('rv-setup-password'), { target: { value: 'sai' } });
    fireEvent.click(within(card).getByTestId('rv-setup-submit'));
    expect((await within(card).findByTestId('rv-setup-error')).textContent).toContain('mật khẩu không đúng');

    fireEvent.change(within(card).getByTestId('rv-setup-password'), { target: { value: 'dung' } });
    fireEvent.click(within(card).getByTestId('rv-setup-submit'));
    expect(await screen.findByTestId('rv-inbox')).toBeTruthy();
    expect(callsOf(bridge, 'review.setup').at(-1)?.params).toEqual({
      serverUrl: 'https://dongbo.sogd.edu.vn',
      username: 'pgd.admin',
      password: 'dung',
    });
  });

  it('tells a non-admin school user that only the administrator can connect', async () => {
    renderApp(reviewBridge('secretary'), '/review');
    expect((await screen.findByTestId('rv-setup-admin-only')).textContent).toContain('Chỉ quản trị viên');
    expect(screen.queryByTestId('rv-setup-url')).toBeNull();
  });

  it('lists the inbox and lets a department admin assign a team', async () => {
    const bridge = reviewBridge().department('dept_admin');
    renderApp(bridge, '/review');
    const inbox = await screen.findByTestId('rv-inbox');
    await within(inbox).findByText('79000456 — Trường THCS Lê Lợi');
    const tags = within(inbox)
      .getAllByTestId('rv-state')
      .map((t) => t.textContent);
    expect(tags).toEqual(['Đang thẩm định', 'Sở đã nhận']);
    expect(within(inbox).getByText('15/12/2026')).toBeTruthy();
    expect(within(inbox).getByText('Chưa phân công')).toBeTruthy();

    const assignButtons = within(inbox).getAllByTestId('rv-assign');
    expect(assignButtons).toHaveLength(2);
    fireEvent.click(assignButtons[1]!);
    const modal = await screen.findByTestId('rv-assign-modal');
    // The lead is required.
    fireEvent.click(screen.getByTestId('rv-assign-ok'));
    expect(await within(modal).findByText('Vui lòng chọn trưởng đoàn')).toBeTruthy();

    // The people come from the server's account list, searched without Vietnamese marks.
    await waitFor(() => expect(callsOf(bridge, 'review.accounts')).toHaveLength(1));
    const lead = within(modal).getByTestId('rv-assign-lead');
    fireEvent.mouseDown(lead.querySelector('.ant-select-selector') ?? lead);
    fireEvent.change(within(lead).getByRole('combobox'), { target: { value: 'le thi tham' } });
    const leadOptions = await screen.findAllByText(/^Lê Thị Thẩm \(pgd\.insp\)/, { selector: '.ant-select-item-option-content' });
    expect(leadOptions).toHaveLength(1);
    expect(screen.queryByText(/^Phạm Văn Hai/, { selector: '.ant-select-item-option-content' })).toBeNull();
    fireEvent.click(leadOptions[0]!);

    // Members: anyone but the lead.
    const members = within(modal).getByTestId('rv-assign-members');
    fireEvent.mouseDown(members.querySelector('.ant-select-selector') ?? members);
    const memberOption = await screen.findByText(/^Đỗ Thị Trâm/, { selector: '.ant-select-item-option-content' });
    expect(screen.queryAllByText(/^Lê Thị Thẩm/, { selector: '.ant-select-item-option-content' })).toHaveLength(1);
    fireEvent.click(memberOption);

    // The deadline is typed (or picked) day first.
    const deadline = within(modal).getByPlaceholderText('dd/mm/yyyy');
    fireEvent.mouseDown(deadline);
    fireEvent.focus(deadline);
    fireEvent.change(deadline, { target: { value: '15/01/2027' } });
    fireEvent.keyDown(deadline, { key: 'Enter', code: 'Enter' });
    fireEvent.click(screen.getByTestId('rv-assign-ok'));
    await waitFor(() => expect(callsOf(bridge, 'review.assign')).toHaveLength(1));
    expect(callsOf(bridge, 'review.assign')[0]!.params).toEqual({
      submissionId: 'sub-2',
      leadId: 'acc-insp',
      memberIds: ['acc-m3'],
      deadline: '2027-01-15',
    });
  });

  it('filters the inbox by submission dates typed day first, and asks the server again on "Làm mới"', async () => {
    const bridge = reviewBridge().department('dept_admin');
    renderApp(bridge, '/review');
    const inbox = await screen.findByTestId('rv-inbox');
    await within(inbox).findByText('79000456 — Trường THCS Lê Lợi');
    const [from, to] = within(inbox)
      .getAllByRole('textbox')
      .filter((i) => /ngày/.test(i.getAttribute('placeholder') ?? ''));
    fireEvent.mouseDown(from!);
    fireEvent.change(from!, { target: { value: '01/11/2026' } });
    fireEvent.keyDown(from!, { key: 'Enter', code: 'Enter' });
    fireEvent.change(to!, { target: { value: '30/11/2026' } });
    fireEvent.keyDown(to!, { key: 'Enter', code: 'Enter' });
    await waitFor(() => expect(callsOf(bridge, 'review.inbox').at(-1)?.params).toEqual({ from: '2026-11-01', to: '2026-11-30' }));
    const refresh = within(inbox).getByTestId('rv-inbox-refresh');
    // A loading button ignores clicks: the filtered fetch ends first.
    await waitFor(() => expect(refresh.className).not.toContain('ant-btn-loading'));
    const before = callsOf(bridge, 'review.inbox').length;
    fireEvent.click(refresh);
    await waitFor(() => expect(callsOf(bridge, 'review.inbox')).toHaveLength(before + 1));
  });

  it('keeps the people of the assignment when the server cannot list accounts', async () => {
    const bridge = reviewBridge().department('dept_admin');
    bridge.accounts = null;
    renderApp(bridge, '/review');
    const inbox = await screen.findByTestId('rv-inbox');
    await within(inbox).findByText('79000123 — Trường THCS Nguyễn Du');
    fireEvent.click(within(inbox).getAllByTestId('rv-assign')[0]!);
    const modal = await screen.findByTestId('rv-assign-modal');
    expect((await within(modal).findByTestId('rv-assign-no-accounts')).textContent).toContain('Không kết nối được');
    // The current team is shown as it is: lead, member, deadline.
    expect(within(modal).getByTestId('rv-assign-lead').textContent).toContain('Lê Thị Thẩm');
    expect(within(modal).getByTestId('rv-assign-members').textContent).toContain('Phạm Văn Hai');
    expect((within(modal).getByPlaceholderText('dd/mm/yyyy') as HTMLInputElement).value).toBe('15/12/2026');
  });

  it('does not offer assignment to an inspector', async () => {
    renderApp(reviewBridge().department('inspector'), '/review');
    const inbox = await screen.findByTestId('rv-inbox');
    await within(inbox).findByText('79000123 — Trường THCS Nguyễn Du');
    expect(within(inbox).queryByTestId('rv-assign')).toBeNull();
  });

  it('downloads a dossier, records judgments and comments offline, then sends them', async () => {
    const bridge = reviewBridge().department('inspector');
    renderApp(bridge, `/review/dossiers/${SUB}`);
    fireEvent.click(await screen.findByTestId('rv-download-button'));
    expect((await screen.findByText(/Đã tải về 120 bản ghi, 2 tệp/)).textContent).toContain('1 tệp đã có sẵn');
    const req = await screen.findByTestId('rv-req-1.a');
    expect(within(req).getByTestId('rv-description').textContent).toContain('[MC.1.1.01]');
    expect((screen.getByTestId('rv-push') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(within(within(req).getByTestId('rv-judge-1.a')).getByText('Chưa đạt'));
    await waitFor(() => expect(callsOf(bridge, 'review.judge')).toHaveLength(1));
    expect(callsOf(bridge, 'review.judge')[0]!.params).toEqual({
      submissionId: SUB,
      criterionCode: '1.1',
      level: 1,
      requirementCode: 'a',
      judgment: 'not_met',
      agree: '',
      note: '',
    });
    fireEvent.click(within(within(req).getByTestId('rv-agree-1.a')).getByText('Không đồng ý'));
    await waitFor(() => expect(callsOf(bridge, 'review.judge')).toHaveLength(2));
    expect(callsOf(bridge, 'review.judge')[1]!.params).toMatchObject({ judgment: 'not_met', agree: 'disagree' });

    // A request for evidence anchored to the requirement.
    fireEvent.click(within(req).getByText('Nhận xét'));
    const comments = screen.getByTestId('rv-comments');
    fireEvent.change(within(comments).getByTestId('rv-comment-body'), {
      target: { value: 'Đề nghị bổ sung biên bản công khai' },
    });
    fireEvent.click(within(comments).getByTestId('rv-comment-add'));
    await waitFor(() => expect(callsOf(bridge, 'review.comment')).toHaveLength(1));
    expect(callsOf(bridge, 'review.comment')[0]!.params).toEqual({
      submissionId: SUB,
      kind: 'comment',
      criterionCode: '1.1',
      requirementRef: '1.a',
      evidenceId: '',
      body: 'Đề nghị bổ sung biên bản công khai',
    });
    expect(await within(comments).findByText('Đề nghị bổ sung biên bản công khai')).toBeTruthy();

    // Two items wait for the server.
    await waitFor(() => expect(screen.getByTestId('rv-pending').textContent).toContain('2'));
    fireEvent.click(screen.getByTestId('rv-push'));
    await waitFor(() => expect(callsOf(bridge, 'review.pushJudgments')).toHaveLength(1));
    await waitFor(() => expect((screen.getByTestId('rv-push') as HTMLButtonElement).disabled).toBe(true));

    // "Xem" shows a text file inline.
    fireEvent.click(within(screen.getByTestId('rv-evidence')).getByTestId('rv-view-MC.1.1.01'));
    expect((await screen.findByTestId('rv-preview-text')).textContent).toContain('Ke hoach chien luoc');
  });

  it('shows the team side by side and highlights disagreements; the lead concludes', async () => {
    const bridge = reviewBridge().department('inspector').downloaded();
    renderApp(bridge, `/review/dossiers/${SUB}/team`);
    const team = await screen.findByTestId('rv-team');
    const disagree = await within(team).findByTestId('rv-team-row-1.1/2.a');
    expect(disagree.getAttribute('data-disagreement')).toBe('true');
    expect(within(disagree).getByText('Bất đồng')).toBeTruthy();
    expect(within(disagree).getByText('Chưa đạt')).toBeTruthy();
    expect(within(team).getByTestId('rv-team-row-1.1/1.a').getAttribute('data-disagreement')).toBe('false');

    fireEvent.click(within(team).getByTestId('rv-team-only'));
    await waitFor(() => expect(within(team).queryByTestId('rv-team-row-1.1/1.a')).toBeNull());

    expect((within(team).getByTestId('rv-accept') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(team).getByTestId('rv-conclusion-text'), { target: { value: 'Trường đạt Mức 1.' } });
    fireEvent.click(within(team).getByTestId('rv-conclude'));
    await waitFor(() => expect(callsOf(bridge, 'review.conclude')).toHaveLength(1));
    expect(callsOf(bridge, 'review.conclude')[0]!.params).toMatchObject({
      submissionId: SUB,
      level: 1,
      conclusion: 'Trường đạt Mức 1.',
    });
    await waitFor(() => expect((within(team).getByTestId('rv-accept') as HTMLButtonElement).disabled).toBe(false));
    // Only a department admin records decisions.
    expect(within(team).queryByTestId('rv-decide')).toBeNull();
  });

  it('shows the dashboard counts and exports a table', async () => {
    const bridge = reviewBridge().department('dept_admin');
    renderApp(bridge, '/review/dashboard');
    const dash = await screen.findByTestId('rv-dashboard');
    expect(within(dash).getByTestId('rv-count-in_progress').textContent).toContain('7');
    expect(within(dash).getByTestId('rv-count-accepted').textContent).toContain('5');
    expect(within(within(dash).getByTestId('rv-bars-state-submitted')).getByTestId('rv-bar-count').textContent).toBe('3');
    expect(within(dash).getByTestId('rv-expiring').textContent).toContain('12/QĐ-SGDĐT');
    expect(within(dash).getByTestId('rv-facilities').textContent).toContain('72% (mục tiêu 80%)');
    fireEvent.click(within(dash).getByTestId('rv-export-levels'));
    await waitFor(() => expect(callsOf(bridge, 'review.exportTable')[0]?.params).toEqual({ table: 'levels' }));
    expect(await screen.findByText(/Đã xuất: \/data\/review\/exports\/levels.xlsx/)).toBeTruthy();
  });

  it('shows what changed in a resubmission and which comments were answered', async () => {
    const bridge = reviewBridge().department('dept_admin').downloaded();
    const comment = (id: string, body: string, reply: string, criterionChanged: boolean) => ({
      id,
      kind: 'evidence_request' as const,
      criterionCode: '1.2',
      requirementRef: '2.a',
      evidenceId: '',
      body,
      authorName: 'Lê Thị Thẩm',
      createdAt: '2026-11-22T08:00:00.000Z',
      returnedWith: 'sub-0',
      reply,
      replyBy: reply ? 'Trần Thị Bích' : '',
      replyAt: reply ? '2026-11-25T08:00:00.000Z' : null,
      answered: Boolean(reply),
      criterionChanged,
    });
    bridge.diff = {
      submissionId: SUB,
      version: 2,
      previousId: 'sub-0',
      diff: {
        previousVersion: 1,
        added: [{ entity: 'Evidence', id: 'e9' }],
        changed: [{ entity: 'RequirementEntry', id: 'r1' }],
        removed: [],
        blobsAdded: [],
        blobsRemoved: [],
      },
      changedCriteria: ['1.2'],
      comments: [
        comment('c1', 'Bổ sung biên bản họp hội đồng trường', 'Đã bổ sung biên bản số 05', true),
        comment('c2', 'Bổ sung nghị quyết', '', false),
      ],
    };
    renderApp(bridge, `/review/dossiers/${SUB}/diff`);
    const diff = await screen.findByTestId('rv-diff');
    expect(within(diff).getByText('Lần 1 → lần 2')).toBeTruthy();
    expect(within(diff).getByText('thêm 1, sửa 1, xóa 0')).toBeTruthy();
    expect(within(diff).getByTestId('rv-diff-criteria').textContent).toBe('1.2');
    expect(within(diff).getByText('Nhận xét đã trả lời: 1/2')).toBeTruthy();
    expect(within(diff).getByText('Đã trả lời')).toBeTruthy();
    expect(within(diff).getByText('Chưa trả lời')).toBeTruthy();
    // Lead/admin: the audit tab is there.
    expect(screen.getByRole('tab', { name: 'Nhật ký' })).toBeTruthy();
  });

  it('still opens the dossiers downloaded to this computer when the server cannot be reached', async () => {
    const bridge = reviewBridge().department('inspector').downloaded();
    bridge.offline = true;
    renderApp(bridge, '/review');
    const inbox = await screen.findByTestId('rv-inbox');
    expect(await within(inbox).findByText(/Không kết nối được tới máy chủ của Sở/)).toBeTruthy();
    fireEvent.click(within(within(inbox).getByTestId('rv-downloaded')).getByText(/Trường THCS Nguyễn Du \(lần 1/));
    expect(await screen.findByTestId('rv-req-1.a')).toBeTruthy();
  });
});
