import '../../test/dom-env';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../test/render-app';
import { assessmentBridge, ASSESSMENT_ID, deptComment, EDITOR_ROUTE, loginAs, type AssessmentBridge } from './test-support';

afterEach(cleanup);
// Two cores shared with other work: the first render of the shell can take a few seconds.
configure({ asyncUtilTimeout: 8000 });

/** The dossier came back with three comments on 1.1 (one answered), one on 1.3, one on another year. */
function returned(bridge: AssessmentBridge) {
  const ev = bridge.seed('1.1', { title: 'Kế hoạch phát triển nhà trường', verification: 'verified' });
  bridge.deptComments = [
    deptComment({ criterionCode: '1.1', requirementRef: '1.2', body: 'Mô tả chưa nêu kết quả thực hiện kế hoạch.' }),
    deptComment({
      criterionCode: '1.1',
      kind: 'evidence_request',
      evidenceId: ev.id,
      evidenceCode: ev.code,
      body: 'Đề nghị bổ sung quyết định phê duyệt kế hoạch.',
      authorName: 'Nguyễn Văn Kiểm',
      createdAt: '2026-10-16T09:00:00.000Z',
    }),
    deptComment({
      criterionCode: '1.1',
      body: 'Đã xem phần mở đầu.',
      reply: 'Nhà trường đã bổ sung.',
      replyBy: 'thcs-le-loi',
      replyAt: '2026-10-18T01:00:00.000Z',
    }),
    deptComment({ criterionCode: '1.3', body: 'Thiếu biên bản họp hội đồng trường.' }),
    deptComment({ criterionCode: '1.2', body: 'Của đợt khác.', subjectId: '5a5a5a5a-0000-4000-8000-0000000000ff' }),
  ];
  return ev;
}

const cards = () => screen.getAllByTestId('dept-comment');

describe("department's comments in the self-assessment workspace", () => {
  it('shows each comment of the criterion with its kind, anchor, author, date and the answer', async () => {
    const bridge = assessmentBridge();
    const ev = returned(bridge);
    renderApp(bridge, EDITOR_ROUTE('1.1'));

    const card = await screen.findByTestId('dept-comments', undefined, { timeout: 10000 });
    expect(card.textContent).toContain('Ý kiến của đoàn đánh giá');
    expect(card.textContent).toContain('2 chưa trả lời');
    expect(cards()).toHaveLength(3);

    const [first, second, third] = cards() as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(first).getByTestId('dept-comment-kind').textContent).toBe('Nhận xét');
    expect(within(first).getByTestId('dept-comment-anchor').textContent).toBe('Mức 1 – yêu cầu 2');
    expect(within(first).getByTestId('dept-comment-author').textContent).toBe('Trần Thị Thanh Tra');
    expect(within(first).getByTestId('dept-comment-date').textContent).toBe('15/10/2026');
    expect(within(first).getByTestId('dept-comment-body').textContent).toBe('Mô tả chưa nêu kết quả thực hiện kế hoạch.');
    expect(within(first).getByRole('textbox', { name: 'Trả lời ý kiến của đoàn' })).toBeTruthy();

    expect(within(second).getByTestId('dept-comment-kind').textContent).toBe('Yêu cầu bổ sung minh chứng');
    expect(within(second).getByTestId('dept-comment-anchor').textContent).toBe(`Minh chứng ${ev.code}`);
    expect(within(second).getByTestId('dept-comment-date').textContent).toBe('16/10/2026');

    // Answered: the answer instead of a reply box.
    expect(within(third).getByTestId('dept-reply').textContent).toContain('Nhà trường đã bổ sung.');
    expect(within(third).getByTestId('dept-reply').textContent).toContain('thcs-le-loi, 18/10/2026');
    expect(within(third).queryByRole('textbox')).toBeNull();
    // The other criterion's and the other year's comments are not here; online, no "saved copy" note.
    expect(card.textContent).not.toContain('Thiếu biên bản');
    expect(card.textContent).not.toContain('Của đợt khác');
    expect(screen.queryByTestId('dept-cached')).toBeNull();
    // The council's own review comments stay a separate card.
    expect(screen.getByTestId('comments').textContent).not.toContain('Mô tả chưa nêu');
  });

  it('a criterion without department comments shows no card', async () => {
    const bridge = assessmentBridge();
    returned(bridge);
    renderApp(bridge, EDITOR_ROUTE('1.2'));
    await screen.findByTestId('req-1-1-description', undefined, { timeout: 10000 });
    await waitFor(() => expect(bridge.calls.some((c) => c.method === 'sync.reviewComments')).toBe(true));
    expect(screen.queryByTestId('dept-comments')).toBeNull();
  });

  it('the criteria list counts unanswered comments per criterion; answering one lowers the badge', async () => {
    const bridge = assessmentBridge();
    returned(bridge);
    renderApp(bridge, EDITOR_ROUTE('1.1'));

    const badge11 = await screen.findByTestId('dept-badge-1.1', undefined, { timeout: 10000 });
    expect(badge11.getAttribute('data-count')).toBe('2');
    expect(screen.getByTestId('dept-badge-1.3').getAttribute('data-count')).toBe('1');
    expect(screen.queryByTestId('dept-badge-1.2')).toBeNull();

    const first = (await screen.findAllByTestId('dept-comment'))[0]!;
    fireEvent.change(within(first).getByRole('textbox', { name: 'Trả lời ý kiến của đoàn' }), {
      target: { value: '  Đã bổ sung kết quả thực hiện năm 2025-2026.  ' },
    });
    fireEvent.click(within(first).getByRole('button', { name: 'Gửi trả lời' }));

    await waitFor(() =>
      expect(within(cards()[0]!).getByTestId('dept-reply').textContent).toContain('Đã bổ sung kết quả thực hiện năm 2025-2026.'),
    );
    const sent = bridge.calls.filter((c) => c.method === 'sync.replyReviewComment');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.params).toEqual({
      commentId: bridge.deptComments[0]!.id,
      reply: 'Đã bổ sung kết quả thực hiện năm 2025-2026.',
    });
    expect(await screen.findByText('Đã gửi câu trả lời lên Sở.')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('dept-badge-1.1').getAttribute('data-count')).toBe('1'));
    expect(within(cards()[0]!).queryByTestId('dept-reply-pending')).toBeNull();
  });

  it('offline: the saved copy is shown with its time and a reply waits as "chờ gửi"', async () => {
    const bridge = assessmentBridge();
    returned(bridge);
    bridge.deptOffline = true;
    renderApp(bridge, EDITOR_ROUTE('1.3'));

    const card = await screen.findByTestId('dept-comments', undefined, { timeout: 10000 });
    expect(within(card).getByTestId('dept-cached').textContent).toContain('Bản lưu trên máy lúc 20/10/2026');
    const only = within(card).getByTestId('dept-comment');
    fireEvent.change(within(only).getByRole('textbox', { name: 'Trả lời ý kiến của đoàn' }), {
      target: { value: 'Đã bổ sung biên bản họp ngày 12/10.' },
    });
    fireEvent.click(within(only).getByRole('button', { name: 'Gửi trả lời' }));

    const pending = await within(card).findByTestId('dept-reply-pending');
    expect(pending.textContent).toBe('chờ gửi');
    expect(within(card).getByTestId('dept-reply').textContent).toContain('Đã bổ sung biên bản họp ngày 12/10.');
    expect(await screen.findByText(/câu trả lời đã lưu trên máy và sẽ được gửi ở lần đồng bộ tới/)).toBeTruthy();
    // Queued counts as answered for the school: no badge left on 1.3.
    await waitFor(() => expect(screen.queryByTestId('dept-badge-1.3')).toBeNull());
  });

  it('a viewer sees the comments but cannot answer', async () => {
    const bridge = assessmentBridge();
    returned(bridge);
    const viewer = bridge.addUser('xem', 'viewer');
    loginAs(bridge, viewer.id);
    renderApp(bridge, EDITOR_ROUTE('1.3'));

    const card = await screen.findByTestId('dept-comments', undefined, { timeout: 10000 });
    expect(within(card).getByTestId('dept-comment-body').textContent).toBe('Thiếu biên bản họp hội đồng trường.');
    expect(within(card).queryByRole('textbox')).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Gửi trả lời' })).toBeNull();
    expect(card.textContent).toContain('Nhà trường chưa trả lời.');
  });

  it('the overview says the dossier was returned with N comments to answer and links to the first', async () => {
    const bridge = assessmentBridge();
    returned(bridge);
    renderApp(bridge, `/self-assessment/${ASSESSMENT_ID}/overview`);

    const banner = await screen.findByTestId('dept-banner', undefined, { timeout: 10000 });
    expect(banner.textContent).toContain('Hồ sơ bị trả lại: 3 ý kiến cần trả lời');
    fireEvent.click(within(banner).getByRole('link', { name: 'Mở ý kiến đầu tiên (tiêu chí 1.1)' }));
    expect((await screen.findByTestId('criterion-editor', undefined, { timeout: 10000 })).getAttribute('data-code')).toBe('1.1');
    expect(await screen.findByTestId('dept-comments')).toBeTruthy();
  });

  it('no banner once every comment is answered', async () => {
    const bridge = assessmentBridge();
    bridge.deptComments = [
      deptComment({ criterionCode: '1.1', body: 'Đủ.', reply: 'Cảm ơn đoàn.', replyAt: '2026-10-18T01:00:00.000Z' }),
    ];
    renderApp(bridge, `/self-assessment/${ASSESSMENT_ID}/overview`);
    await screen.findByTestId('overview-level', undefined, { timeout: 10000 });
    await waitFor(() => expect(bridge.calls.some((c) => c.method === 'sync.reviewComments')).toBe(true));
    expect(screen.queryByTestId('dept-banner')).toBeNull();
  });
});
