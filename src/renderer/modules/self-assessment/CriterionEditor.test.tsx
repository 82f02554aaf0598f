import '../../test/dom-env';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../test/render-app';
import { assessmentBridge, EDITOR_ROUTE, loginAs, token, type AssessmentBridge } from './test-support';

afterEach(cleanup);
// Two cores shared with other work: the first render of the shell can take a few seconds.
configure({ asyncUtilTimeout: 8000 });

const saves = (bridge: AssessmentBridge) =>
  bridge.calls.filter((c) => c.method === 'criterion.saveRequirement').map((c) => c.params as Record<string, unknown>);

function typeInto(el: HTMLElement, value: string) {
  const area = el as HTMLTextAreaElement;
  fireEvent.change(area, { target: { value, selectionStart: value.length, selectionEnd: value.length } });
}

async function openEditor(bridge: AssessmentBridge, code = '1.1') {
  renderApp(bridge, EDITOR_ROUTE(code));
  return screen.findByTestId('req-1-1-description', undefined, { timeout: 10000 });
}

describe('criterion editor', () => {
  it('"Đạt" stays disabled, with the reasons, until the description cites a valid evidence', async () => {
    const bridge = assessmentBridge();
    bridge.seed('1.1', { title: 'Kế hoạch phát triển nhà trường 2025-2030', verification: 'verified' });
    await openEditor(bridge);

    const met = screen.getByTestId('req-1-1-judge-met') as HTMLButtonElement;
    expect(met.disabled).toBe(true);
    fireEvent.mouseEnter(screen.getByTestId('req-1-1-judge-met-why'));
    const tip = await screen.findByRole('tooltip');
    expect(tip.textContent).toContain('Chưa có mô tả hiện trạng.');
    expect(tip.textContent).toContain('cần ít nhất một minh chứng hợp lệ');

    // A description alone is not enough: the evidence reason stays.
    typeInto(screen.getByTestId('req-1-1-description'), 'Nhà trường có kế hoạch phát triển giai đoạn 2025–2030 ');
    await waitFor(() => expect(screen.getByTestId('req-1-1-met-reasons').textContent).not.toContain('Chưa có mô tả'));
    expect(screen.getByTestId('req-1-1-met-reasons').textContent).toContain('cần ít nhất một minh chứng hợp lệ');
    expect((screen.getByTestId('req-1-1-judge-met') as HTMLButtonElement).disabled).toBe(true);

    // Cite it through the picker (never by typing a code): "Đạt" becomes possible.
    fireEvent.click(screen.getByTestId('req-1-1-insert'));
    fireEvent.click(await screen.findByTestId('sa-pick-MC.1.1.01'));
    await waitFor(() => expect((screen.getByTestId('req-1-1-judge-met') as HTMLButtonElement).disabled).toBe(false));
    expect((screen.getByTestId('req-1-1-description') as HTMLTextAreaElement).value).toContain('[MC.1.1.01]');
    expect(within(screen.getByTestId('req-1-1-preview')).getByText('MC.1.1.01')).toBeTruthy();
    fireEvent.click(screen.getByTestId('req-1-1-judge-met'));
    await waitFor(() => expect(saves(bridge).some((s) => s.judgment === 'met')).toBe(true));
    // The stored text holds the token, not the code.
    const id = bridge.evidence[0]!.id;
    expect(saves(bridge).some((s) => String(s.description ?? '').includes(token(id)))).toBe(true);
  });

  it('Mức 2 is shown disabled until Mức 1 is reached, live as the judgment changes', async () => {
    const bridge = assessmentBridge();
    const ev = bridge.seed('1.1', { title: 'Kế hoạch phát triển', verification: 'verified' });
    bridge.setEntry('1.1', 1, '1', { description: `Có kế hoạch ${token(ev.id)}.` });
    await openEditor(bridge);

    const level2 = screen.getByTestId('level-2');
    expect(level2.getAttribute('data-considered')).toBe('false');
    expect(screen.getByTestId('level-2-gated').textContent).toContain('Chỉ xem xét Mức 2 khi đạt Mức 1');
    expect((screen.getByTestId('req-2-1-description') as HTMLTextAreaElement).disabled).toBe(true);
    expect((screen.getByTestId('req-2-1-judge-met') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('live-criterion-level').textContent).toBe('Chưa đánh giá');

    fireEvent.click(screen.getByTestId('req-1-1-judge-met'));
    // Live: no need to wait for the server to consider Mức 2.
    await waitFor(() => expect(screen.getByTestId('level-2').getAttribute('data-considered')).toBe('true'));
    expect(screen.queryByTestId('level-2-gated')).toBeNull();
    expect((screen.getByTestId('req-2-1-description') as HTMLTextAreaElement).disabled).toBe(false);
    expect(screen.getByTestId('live-criterion-level').textContent).toBe('Mức 1');

    fireEvent.click(screen.getByTestId('req-1-1-judge-not_met'));
    await waitFor(() => expect(screen.getByTestId('level-2').getAttribute('data-considered')).toBe('false'));
    expect(screen.getByTestId('live-criterion-level').textContent).toBe('Không đạt');
  });

  it('autosaves after typing with expectedRev, keeps typing while saving, and shows when it saved', async () => {
    const bridge = assessmentBridge();
    const field = await openEditor(bridge);
    expect(screen.getByTestId('save-status').getAttribute('data-kind')).toBe('idle');

    typeInto(field, 'Nhà trường xây dựng kế hoạch');
    expect(screen.getByTestId('save-status').textContent).toContain('Đang lưu…');
    await waitFor(() => expect(saves(bridge)).toHaveLength(1));
    expect(saves(bridge)[0]).toMatchObject({
      criterionCode: '1.1',
      level: 1,
      requirementCode: '1',
      expectedRev: 0,
      description: 'Nhà trường xây dựng kế hoạch',
    });
    expect(saves(bridge)[0]).not.toHaveProperty('judgment');
    await waitFor(() => expect(screen.getByTestId('save-status').getAttribute('data-kind')).toBe('saved'));
    expect(screen.getByTestId('save-status').textContent).toMatch(/^.*Đã lưu lúc \d{2}:\d{2}$/);

    // The next save carries the rev the server answered with.
    typeInto(screen.getByTestId('req-1-1-description'), 'Nhà trường xây dựng kế hoạch chiến lược');
    await waitFor(() => expect(saves(bridge)).toHaveLength(2));
    expect(saves(bridge)[1]).toMatchObject({ expectedRev: 1, description: 'Nhà trường xây dựng kế hoạch chiến lược' });
    expect((screen.getByTestId('req-1-1-description') as HTMLTextAreaElement).value).toBe(
      'Nhà trường xây dựng kế hoạch chiến lược',
    );

    // Ctrl+Z goes back within the session (and that is saved too).
    fireEvent.keyDown(screen.getByTestId('req-1-1-description'), { key: 'z', ctrlKey: true });
    await waitFor(() =>
      expect((screen.getByTestId('req-1-1-description') as HTMLTextAreaElement).value).toBe('Nhà trường xây dựng kế hoạch'),
    );
    await waitFor(() => expect(saves(bridge)).toHaveLength(3));
    expect(saves(bridge)[2]).toMatchObject({ expectedRev: 2, description: 'Nhà trường xây dựng kế hoạch' });
  });

  it('a save refused because someone else saved first shows the conflict, keeps the text, and can keep it', async () => {
    const bridge = assessmentBridge();
    bridge.setEntry('1.1', 1, '1', { description: 'Bản đầu' });
    const field = await openEditor(bridge);
    bridge.otherUserSaves('1.1', 1, '1', 'Bản của thầy Hùng');

    typeInto(field, 'Bản đầu, tôi sửa thêm');
    const conflict = await screen.findByTestId('editor-conflict');
    expect(conflict.textContent).toContain('vừa được người khác sửa');
    expect(screen.getByTestId('save-status').getAttribute('data-kind')).toBe('conflict');
    expect((screen.getByTestId('req-1-1-description') as HTMLTextAreaElement).value).toBe('Bản đầu, tôi sửa thêm');
    expect(saves(bridge)[0]).toMatchObject({ expectedRev: 1 });

    fireEvent.click(screen.getByTestId('conflict-keep-mine'));
    await waitFor(() => expect(screen.queryByTestId('editor-conflict')).toBeNull());
    await waitFor(() => expect(saves(bridge).at(-1)).toMatchObject({ expectedRev: 2, description: 'Bản đầu, tôi sửa thêm' }));
    await waitFor(() => expect(screen.getByTestId('save-status').getAttribute('data-kind')).toBe('saved'));
  });

  it('review buttons follow the role: a member submits, the chair or an administrator forwards, returns and approves', async () => {
    const bridge = assessmentBridge();
    const member = bridge.addCouncilUser('uyvien', 'council_member', 'member', ['1.1']);
    const chair = bridge.addCouncilUser('chutich', 'council_member', 'chair');
    const viewer = bridge.addUser('xem', 'viewer');

    loginAs(bridge, member.id);
    await openEditor(bridge);
    const bar = screen.getByTestId('review-bar');
    expect(within(bar).getByTestId('review-state').textContent).toBe('Nháp');
    expect(
      within(bar)
        .queryAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Gửi rà soát']);
    fireEvent.click(within(bar).getByTestId('review-submit'));
    await waitFor(() =>
      expect(within(screen.getByTestId('review-bar')).getByTestId('review-state').textContent).toBe('Chờ rà soát'),
    );
    // The member may only withdraw it now; the text is read-only.
    expect(
      within(screen.getByTestId('review-bar'))
        .queryAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Rút lại để sửa']);
    expect(screen.getByTestId('editor-readonly').textContent).toContain('đang chờ rà soát');
    cleanup();

    loginAs(bridge, chair.id);
    await openEditor(bridge);
    const chairBar = screen.getByTestId('review-bar');
    // The chair edits every criterion (so may withdraw it too), reviews and approves.
    expect(
      within(chairBar)
        .queryAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Rút lại để sửa', 'Chuyển duyệt', 'Trả lại']);
    fireEvent.click(within(chairBar).getByTestId('review-return'));
    const modal = await screen.findByTestId('review-note-modal');
    fireEvent.change(within(modal).getByTestId('review-note'), { target: { value: 'Cần bổ sung số liệu năm học 2025-2026.' } });
    fireEvent.click(within(modal.ownerDocument.body).getByTestId('review-note-ok'));
    await waitFor(() => expect(within(screen.getByTestId('review-bar')).getByTestId('review-state').textContent).toBe('Trả lại'));
    expect(
      bridge.calls.find((c) => c.method === 'review.transition' && (c.params as { action: string }).action === 'return')?.params,
    ).toMatchObject({
      note: 'Cần bổ sung số liệu năm học 2025-2026.',
    });
    await waitFor(() => expect(screen.getByTestId('comments').textContent).toContain('Cần bổ sung số liệu năm học 2025-2026.'));
    cleanup();

    loginAs(bridge, viewer.id);
    await openEditor(bridge);
    expect(within(screen.getByTestId('review-bar')).queryAllByRole('button')).toHaveLength(0);
    expect((screen.getByTestId('req-1-1-description') as HTMLTextAreaElement).readOnly).toBe(true);
  });

  it('an entry carried over from last year says "Cần xác nhận lại", counts for nothing, and is confirmed with one click', async () => {
    const bridge = assessmentBridge();
    const ev = bridge.seed('1.1', { title: 'Kế hoạch phát triển', verification: 'verified' });
    bridge.setEntry('1.1', 1, '1', { description: `Có kế hoạch ${token(ev.id)}.`, judgment: 'met', needsConfirmation: true });
    await openEditor(bridge);

    expect(screen.getByTestId('req-1-1-carried').textContent).toBe('Cần xác nhận lại');
    expect(screen.getByTestId('editor-carried').textContent).toContain('1 nội dung kế thừa từ năm học trước cần xác nhận lại');
    // Not confirmed: the criterion is not at Mức 1 yet, so Mức 2 stays closed.
    expect(screen.getByTestId('live-criterion-level').textContent).toBe('Chưa đánh giá');
    expect(screen.getByTestId('level-2').getAttribute('data-considered')).toBe('false');

    fireEvent.click(screen.getByTestId('req-1-1-confirm'));
    await waitFor(() => expect(screen.queryByTestId('req-1-1-carried')).toBeNull());
    expect(bridge.calls.find((c) => c.method === 'criterion.confirm')?.params).toMatchObject({
      criterionCode: '1.1',
      level: 1,
      requirementCode: '1',
    });
    expect(screen.getByTestId('live-criterion-level').textContent).toBe('Mức 1');
    expect(screen.getByTestId('level-2').getAttribute('data-considered')).toBe('true');
  });
});
