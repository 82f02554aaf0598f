import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../rpc/router';
import { harness, type Harness } from './testing';

let h: Harness;
let assessmentId: string;
let lan: { id: string; conn: Connection };
let chair: { id: string; conn: Connection };
let secretary: { id: string; conn: Connection };
let other: { id: string; conn: Connection };

beforeEach(async () => {
  h = await harness();
  assessmentId = (await h.assessment()).id;
  lan = await h.user('gv.lan', 'council_member', 'Trần Thị Lan');
  chair = await h.user('ht.binh', 'council_member', 'Phạm Văn Bình');
  secretary = await h.user('tk.hoa', 'council_member', 'Đỗ Thị Hoa');
  other = await h.user('gv.nam', 'council_member', 'Võ Văn Nam');
  const m = await h.call(h.admin, 'council.saveMember', { assessmentId, userId: lan.id });
  await h.call(h.admin, 'council.saveMember', { assessmentId, userId: chair.id, councilRole: 'chair' });
  await h.call(h.admin, 'council.saveMember', { assessmentId, userId: secretary.id, councilRole: 'secretary' });
  await h.call(h.admin, 'council.saveMember', { assessmentId, userId: other.id });
  await h.call(h.admin, 'assignment.set', {
    assessmentId,
    criterionCodes: ['1.1', '1.2'],
    memberIds: [m.id],
    dueDate: '2020-01-31',
  });
});
afterEach(async () => {
  await h.close();
});

const act = (
  conn: Connection,
  action: 'submit' | 'withdraw' | 'forward' | 'return' | 'approve' | 'reopen' | 'revise',
  note = '',
  code = '1.1',
) => h.call(conn, 'review.transition', { assessmentId, criterionCode: code, action, note });
const refuse = (
  conn: Connection,
  action: 'submit' | 'withdraw' | 'forward' | 'return' | 'approve' | 'reopen' | 'revise',
  note = '',
  code = '1.1',
) => h.fail(conn, 'review.transition', { assessmentId, criterionCode: code, action, note });

describe('review state machine', () => {
  it('draft → pending_review → pending_approval → approved; illegal and unauthorised moves are refused', async () => {
    expect((await refuse(lan.conn, 'approve')).code).toBe('CONFLICT');
    expect((await refuse(other.conn, 'submit')).code).toBe('FORBIDDEN');
    const sent = await act(lan.conn, 'submit');
    expect(sent.reviewState).toBe('pending_review');
    expect(sent.event).toMatchObject({
      action: 'submit',
      fromState: 'draft',
      toState: 'pending_review',
      actorName: 'Trần Thị Lan',
    });
    // Locked while waiting: the content cannot change.
    const locked = await h.fail(lan.conn, 'criterion.saveRequirement', {
      assessmentId,
      criterionCode: '1.1',
      level: 1,
      requirementCode: '1',
      expectedRev: 0,
      description: 'Sửa khi đang chờ rà soát',
    });
    expect(locked).toMatchObject({ code: 'CONFLICT', message: 'Tiêu chí đang chờ rà soát; hãy rút lại để sửa.' });

    expect((await refuse(lan.conn, 'forward')).code).toBe('FORBIDDEN');
    expect((await refuse(secretary.conn, 'approve')).code).toBe('CONFLICT');
    const forwarded = await act(secretary.conn, 'forward');
    expect(forwarded.reviewState).toBe('pending_approval');
    expect(forwarded.editor.permissions.actions.map((a) => a.action)).toEqual([]);
    expect((await refuse(secretary.conn, 'approve')).code).toBe('FORBIDDEN');
    const approved = await act(chair.conn, 'approve');
    expect(approved.reviewState).toBe('approved');
    expect(approved.editor.record.approvedBy).toBe(chair.id);
    expect(approved.editor.permissions).toMatchObject({ canEdit: false });
    expect(approved.editor.permissions.editReasons[0]!.message).toContain('đã được duyệt');
  });

  it('an approved criterion is read-only until reopened; the reopening needs a reason and is recorded', async () => {
    await act(lan.conn, 'submit');
    await act(secretary.conn, 'forward');
    await act(chair.conn, 'approve');
    const save = {
      assessmentId,
      criterionCode: '1.1',
      level: 1,
      requirementCode: '1',
      expectedRev: 0,
      description: 'Sửa sau khi duyệt',
    };
    expect((await h.fail(h.admin, 'criterion.saveRequirement', save)).code).toBe('CONFLICT');
    const noReason = await h.fail(h.admin, 'review.transition', {
      assessmentId,
      criterionCode: '1.1',
      action: 'reopen',
      note: '',
    });
    expect(noReason).toMatchObject({ code: 'VALIDATION', message: 'Vui lòng ghi lý do khi "Mở lại".' });
    expect((await refuse(chair.conn, 'reopen', '   ')).code).toBe('VALIDATION');
    expect((await refuse(lan.conn, 'reopen', 'Muốn sửa')).code).toBe('FORBIDDEN');
    const reopened = await act(chair.conn, 'reopen', 'Bổ sung số liệu học kỳ II');
    expect(reopened.reviewState).toBe('draft');
    expect(reopened.editor.record.approvedAt).toBeNull();
    await h.call(lan.conn, 'criterion.saveRequirement', save);
    const events = await h.call(lan.conn, 'review.events', { assessmentId, criterionCode: '1.1' });
    expect(events.map((e) => [e.action, e.fromState, e.toState])).toEqual([
      ['submit', 'draft', 'pending_review'],
      ['forward', 'pending_review', 'pending_approval'],
      ['approve', 'pending_approval', 'approved'],
      ['reopen', 'approved', 'draft'],
    ]);
    expect(events[3]).toMatchObject({ note: 'Bổ sung số liệu học kỳ II', actorName: 'Phạm Văn Bình' });
    const comments = await h.call(lan.conn, 'review.comments', { assessmentId, criterionCode: '1.1' });
    expect(comments.map((c) => c.body)).toEqual(['Bổ sung số liệu học kỳ II']);
  });

  it('a return carries a comment anchored to a requirement; editing takes the criterion back to draft; "Việc của tôi" shows it', async () => {
    await act(lan.conn, 'submit');
    expect((await refuse(secretary.conn, 'return')).fields).toEqual({ note: 'Vui lòng ghi lý do khi "Trả lại".' });
    const returned = await h.call(secretary.conn, 'review.transition', {
      assessmentId,
      criterionCode: '1.1',
      action: 'return',
      note: 'Mô tả chưa nêu số liệu cụ thể.',
      level: 1,
      requirementCode: '1',
    });
    expect(returned.reviewState).toBe('returned');
    expect(returned.editor.levels[0]!.requirements[0]!.openComments).toBe(1);

    const work = await h.call(lan.conn, 'assessment.myWork', {});
    expect(work.memberships).toEqual([
      { assessmentId, schoolYear: '2026-2027', memberId: expect.any(String), councilRole: 'member' },
    ]);
    expect(work.criteria.map((c) => [c.criterionCode, c.reviewState, c.overdue])).toEqual([
      ['1.1', 'returned', true],
      ['1.2', 'draft', true],
    ]);
    expect(work.criteria[0]!.returned).toMatchObject({ note: 'Mô tả chưa nêu số liệu cụ thể.', by: 'Đỗ Thị Hoa' });
    expect(work.counts).toMatchObject({ open: 2, overdue: 2, returned: 1, toReview: 0 });

    const saved = await h.call(lan.conn, 'criterion.saveRequirement', {
      assessmentId,
      criterionCode: '1.1',
      level: 1,
      requirementCode: '1',
      expectedRev: 0,
      description: 'Năm học 2026-2027 trường có 18 lớp, 640 học sinh.',
    });
    expect(saved.record.reviewState).toBe('draft');
    const events = await h.call(lan.conn, 'review.events', { assessmentId, criterionCode: '1.1' });
    expect(events.at(-1)).toMatchObject({ action: 'revise', fromState: 'returned', toState: 'draft' });

    const [comment] = await h.call(lan.conn, 'review.comments', { assessmentId, criterionCode: '1.1' });
    expect(comment).toMatchObject({
      level: 1,
      requirementCode: '1',
      authorName: 'Đỗ Thị Hoa',
      resolved: false,
      eventId: returned.event.id,
    });
    expect((await h.fail(other.conn, 'review.resolveComment', { id: comment!.id })).code).toBe('FORBIDDEN');
    const resolved = await h.call(lan.conn, 'review.resolveComment', { id: comment!.id });
    expect(resolved.resolved).toBe(true);
    expect(await h.call(lan.conn, 'review.comments', { assessmentId, criterionCode: '1.1' })).toEqual([]);
    expect(await h.call(lan.conn, 'review.comments', { assessmentId, criterionCode: '1.1', includeResolved: true })).toHaveLength(
      1,
    );
  });

  it('reviewers and approvers see what waits for them; comments need a council seat', async () => {
    await act(lan.conn, 'submit');
    await act(lan.conn, 'submit', '', '1.2');
    await act(secretary.conn, 'forward', '', '1.2');
    const forSecretary = await h.call(secretary.conn, 'assessment.myWork', { assessmentId });
    expect(forSecretary.toReview.map((t) => [t.criterionCode, t.reviewState])).toEqual([['1.1', 'pending_review']]);
    const forChair = await h.call(chair.conn, 'assessment.myWork', { assessmentId });
    expect(forChair.toReview.map((t) => [t.criterionCode, t.reviewState])).toEqual([
      ['1.1', 'pending_review'],
      ['1.2', 'pending_approval'],
    ]);
    const viewer = await h.user('xem', 'viewer');
    expect((await h.fail(viewer.conn, 'review.addComment', { assessmentId, criterionCode: '1.1', body: 'Góp ý' })).code).toBe(
      'FORBIDDEN',
    );
    const outsider = await h.user('gv.ngoai', 'council_member');
    expect((await h.fail(outsider.conn, 'review.addComment', { assessmentId, criterionCode: '1.1', body: 'Góp ý' })).code).toBe(
      'FORBIDDEN',
    );
    const c = await h.call(other.conn, 'review.addComment', {
      assessmentId,
      criterionCode: '1.1',
      body: 'Nên bổ sung biên bản họp.',
    });
    expect(c).toMatchObject({ level: null, requirementCode: null, authorName: 'Võ Văn Nam', resolved: false });
    // Withdraw back to draft by the person in charge.
    expect((await act(lan.conn, 'withdraw')).reviewState).toBe('draft');
  });
});
