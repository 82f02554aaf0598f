import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cite, harness, type Harness } from './testing';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const save = (assessmentId: string, over: Record<string, unknown>) => ({
  assessmentId,
  criterionCode: '1.1',
  level: 1,
  requirementCode: '1',
  expectedRev: 0,
  ...over,
});

describe('criterion editor: gating', () => {
  it('refuses "Đạt" without a description or without valid evidence, with the reason, and exposes the reasons per requirement', async () => {
    const a = await h.assessment();
    const editor = await h.call(h.admin, 'criterion.get', { assessmentId: a.id, criterionCode: '1.1' });
    const r1 = editor.levels[0]!.requirements[0]!;
    expect(r1).toMatchObject({
      level: 1,
      code: '1',
      rev: 0,
      judgment: 'unassessed',
      considered: true,
      canJudge: true,
      canMarkMet: false,
    });
    expect(r1.metReasons.map((r) => r.code)).toEqual(['no_description', 'no_evidence']);
    expect(r1.text).toMatch(/^Nhà trường xác định mục tiêu/);

    const noText = await h.fail(h.admin, 'criterion.saveRequirement', save(a.id, { judgment: 'met' }));
    expect(noText.code).toBe('VALIDATION');
    expect(noText.message).toContain('Chưa có mô tả hiện trạng');
    expect(noText.fields?.judgment).toContain('minh chứng');

    const noEvidence = await h.fail(
      h.admin,
      'criterion.saveRequirement',
      save(a.id, { description: 'Nhà trường có kế hoạch năm học.', judgment: 'met' }),
    );
    expect(noEvidence.code).toBe('VALIDATION');
    expect(noEvidence.message).toContain('Chưa trích dẫn minh chứng');

    const expired = await h.evidence('1.1', { validUntil: '2020-05-31', title: 'Kế hoạch năm học 2019-2020' });
    const stale = await h.fail(
      h.admin,
      'criterion.saveRequirement',
      save(a.id, { description: `Nhà trường có kế hoạch năm học ${cite(expired.id)}.`, judgment: 'met' }),
    );
    expect(stale.code).toBe('VALIDATION');
    expect(stale.message).toContain(`${expired.code} đã hết hiệu lực từ 31/05/2020`);

    // Nothing was written by the refused saves.
    expect(
      (await h.call(h.admin, 'criterion.get', { assessmentId: a.id, criterionCode: '1.1' })).levels[0]!.requirements[0]!.rev,
    ).toBe(0);

    const good = await h.evidence('1.1', { title: 'Kế hoạch năm học 2026-2027' });
    const saved = await h.call(
      h.admin,
      'criterion.saveRequirement',
      save(a.id, { description: `Nhà trường ban hành kế hoạch năm học ${cite(good.id)}, ${cite(expired.id)}.`, judgment: 'met' }),
    );
    const req = saved.levels[0]!.requirements[0]!;
    expect(req).toMatchObject({ judgment: 'met', rev: 1, counted: true, canMarkMet: true, metReasons: [] });
    expect(req.descriptionRendered).toBe(`Nhà trường ban hành kế hoạch năm học ${good.code}, ${expired.code}.`);
    expect(req.citations.map((c) => [c.code, c.problem])).toEqual([
      [good.code, null],
      [expired.code, 'expired'],
    ]);
    expect(saved.result).toMatchObject({ level: 1, levelLabel: 'Mức 1', assessed: true });
  });

  it('considers Mức 2 only once Mức 1 is reached', async () => {
    const a = await h.assessment();
    const ev = await h.evidence('1.1');
    const before = await h.call(h.admin, 'criterion.get', { assessmentId: a.id, criterionCode: '1.1' });
    const m2 = before.levels[1]!.requirements[0]!;
    expect(before.levels[1]!.considered).toBe(false);
    expect(m2.canJudge).toBe(false);
    expect(m2.judgeReasons).toEqual([{ code: 'lower_level_not_reached', message: 'Chỉ xét Mức 2 khi tiêu chí đã đạt Mức 1.' }]);

    // A description may be drafted, a judgment may not.
    await h.call(
      h.admin,
      'criterion.saveRequirement',
      save(a.id, { level: 2, description: `Rà soát, điều chỉnh kế hoạch ${cite(ev.id)}.` }),
    );
    for (const judgment of ['met', 'not_met'] as const) {
      const err = await h.fail(h.admin, 'criterion.saveRequirement', save(a.id, { level: 2, expectedRev: 1, judgment }));
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toContain('Chỉ xét Mức 2 khi tiêu chí đã đạt Mức 1');
    }
    // Mức 1 "not met" keeps Mức 2 out of consideration.
    await h.call(h.admin, 'criterion.saveRequirement', save(a.id, { judgment: 'not_met', description: 'Chưa có kế hoạch.' }));
    expect(
      (await h.fail(h.admin, 'criterion.saveRequirement', save(a.id, { level: 2, expectedRev: 1, judgment: 'met' }))).code,
    ).toBe('VALIDATION');

    await h.call(
      h.admin,
      'criterion.saveRequirement',
      save(a.id, { expectedRev: 1, description: `Nhà trường ban hành kế hoạch ${cite(ev.id)}.`, judgment: 'met' }),
    );
    const after = await h.call(h.admin, 'criterion.saveRequirement', save(a.id, { level: 2, expectedRev: 1, judgment: 'met' }));
    expect(after.levels[1]!.considered).toBe(true);
    expect(after.result.level).toBe(2);
    const levels = await h.call(h.admin, 'assessment.levels', { id: a.id });
    expect(levels.criteria.find((c) => c.code === '1.1')).toMatchObject({ level: 2, assessed: true, reviewState: 'draft' });
  });

  it('saveRequirement is idempotent and detects conflicts with expectedRev', async () => {
    const a = await h.assessment();
    const first = await h.call(h.admin, 'criterion.saveRequirement', save(a.id, { description: 'Bản nháp đầu tiên.' }));
    expect(first.levels[0]!.requirements[0]!.rev).toBe(1);
    // The same content again, even with a stale rev (an autosave retry), is a no-op.
    const again = await h.call(h.admin, 'criterion.saveRequirement', save(a.id, { description: 'Bản nháp đầu tiên.' }));
    expect(again.levels[0]!.requirements[0]!.rev).toBe(1);
    const err = await h.fail(h.admin, 'criterion.saveRequirement', save(a.id, { description: 'Sửa từ bản cũ.' }));
    expect(err.code).toBe('CONFLICT');
    const ok = await h.call(h.admin, 'criterion.saveRequirement', save(a.id, { expectedRev: 1, description: 'Sửa từ bản mới.' }));
    expect(ok.levels[0]!.requirements[0]!).toMatchObject({ rev: 2, description: 'Sửa từ bản mới.' });
  });

  it('links cited evidence to the criterion for the assessment, and the citation hook sees the citation', async () => {
    const a = await h.assessment();
    const ev = await h.evidence('2.1', { title: 'Quyết định bổ nhiệm hiệu trưởng' });
    const editor = await h.call(
      h.admin,
      'criterion.saveRequirement',
      save(a.id, { description: `Theo quyết định ${cite(ev.id)}.` }),
    );
    expect(editor.linkedEvidence.map((e) => e.evidenceId)).toContain(ev.id);
    const stored = await h.call(h.admin, 'evidence.get', { id: ev.id });
    expect(stored.criteria).toEqual(['1.1', '2.1']);
    expect(stored.links.find((l) => l.criterionCode === '1.1')?.assessmentId).toBe(a.id);
    const { assessmentCitations } = await import('./evidence-access');
    expect(await assessmentCitations.isCited(h.backend.readSource.manager, ev.id)).toBe(true);
    const other = await h.evidence('2.1');
    expect(await assessmentCitations.isCited(h.backend.readSource.manager, other.id)).toBe(false);
    expect([...((await assessmentCitations.citedEvidenceIds(h.backend.readSource.manager)) ?? [])]).toEqual([ev.id]);
  });
});

describe('criterion editor: permissions', () => {
  it('a member edits only assigned criteria (directly or through a group); the chair edits all; a viewer reads', async () => {
    const a = await h.assessment();
    const teacher = await h.user('gv.lan', 'council_member', 'Trần Thị Lan');
    const groupie = await h.user('gv.hung', 'council_member', 'Lê Văn Hùng');
    const head = await h.user('ht.binh', 'council_member', 'Phạm Văn Bình');
    const viewer = await h.user('xem', 'viewer');
    const lan = await h.call(h.admin, 'council.saveMember', { assessmentId: a.id, userId: teacher.id, councilRole: 'member' });
    const group = await h.call(h.admin, 'council.saveGroup', { assessmentId: a.id, name: 'Nhóm công tác số 2' });
    await h.call(h.admin, 'council.saveMember', { assessmentId: a.id, userId: groupie.id, groupId: group.id });
    await h.call(h.admin, 'council.saveMember', {
      assessmentId: a.id,
      userId: head.id,
      councilRole: 'chair',
      position: 'Hiệu trưởng',
    });
    await h.call(h.admin, 'assignment.set', { assessmentId: a.id, criterionCodes: ['1.1'], memberIds: [lan.id] });
    await h.call(h.admin, 'assignment.set', { assessmentId: a.id, criterionCodes: ['2.1'], groupIds: [group.id] });

    await h.call(teacher.conn, 'criterion.saveRequirement', save(a.id, { description: 'Lan viết tiêu chí 1.1.' }));
    const denied = await h.fail(
      teacher.conn,
      'criterion.saveRequirement',
      save(a.id, { criterionCode: '1.2', description: 'Không được.' }),
    );
    expect(denied.code).toBe('FORBIDDEN');
    expect(denied.message).toContain('được phân công');
    const view = await h.call(teacher.conn, 'criterion.get', { assessmentId: a.id, criterionCode: '1.2' });
    expect(view.permissions.canEdit).toBe(false);
    expect(view.permissions.editReasons.map((r) => r.code)).toEqual(['not_assigned']);
    expect(view.levels[0]!.requirements[0]!.metReasons[0]!.code).toBe('not_assigned');

    await h.call(groupie.conn, 'criterion.saveRequirement', save(a.id, { criterionCode: '2.1', description: 'Nhóm 2 viết.' }));
    expect((await h.fail(groupie.conn, 'criterion.saveRequirement', save(a.id, { description: 'x' }))).code).toBe('FORBIDDEN');

    await h.call(
      head.conn,
      'criterion.saveRequirement',
      save(a.id, { criterionCode: '4.3', description: 'Chủ tịch sửa được mọi tiêu chí.' }),
    );

    const list = await h.call(viewer.conn, 'criterion.list', { assessmentId: a.id });
    expect(list).toHaveLength(15);
    expect(list.every((c) => !c.canEdit)).toBe(true);
    const teacherList = await h.call(teacher.conn, 'criterion.list', { assessmentId: a.id });
    expect(teacherList.filter((c) => c.canEdit).map((c) => c.code)).toEqual(['1.1']);
    expect(teacherList.find((c) => c.code === '1.1')!.assignees.members).toEqual([{ id: lan.id, fullName: 'Trần Thị Lan' }]);
    expect((await h.fail(viewer.conn, 'criterion.saveRequirement', save(a.id, { description: 'x' }))).code).toBe('FORBIDDEN');
    const viewerEditor = await h.call(viewer.conn, 'criterion.get', { assessmentId: a.id, criterionCode: '1.1' });
    expect(viewerEditor.levels[0]!.requirements[0]!.description).toBe('Lan viết tiêu chí 1.1.');
    expect(viewerEditor.permissions).toMatchObject({ canEdit: false, actions: [], canComment: false });
  });
});

describe('criterion editor: version history', () => {
  it('records who changed what, merges quick successive edits, and restores a version as a new one', async () => {
    const a = await h.assessment();
    const ev = await h.evidence('1.1');
    const lan = await h.user('gv.lan', 'council_member', 'Trần Thị Lan');
    const member = await h.call(h.admin, 'council.saveMember', { assessmentId: a.id, userId: lan.id });
    await h.call(h.admin, 'assignment.set', { assessmentId: a.id, criterionCodes: ['1.1'], memberIds: [member.id] });

    await h.call(lan.conn, 'criterion.saveRequirement', save(a.id, { description: `Phiên bản A ${cite(ev.id)}.` }));
    await h.call(lan.conn, 'criterion.saveRequirement', save(a.id, { expectedRev: 1, judgment: 'met' }));
    let versions = await h.call(lan.conn, 'criterion.history', { assessmentId: a.id, criterionCode: '1.1' });
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      versionNo: 1,
      kind: 'edit',
      actorName: 'Trần Thị Lan',
      summary: 'Mức 1: hiện trạng, đánh giá',
    });

    // Another person's edit makes a new version.
    await h.call(
      h.admin,
      'criterion.saveRequirement',
      save(a.id, { expectedRev: 2, description: 'Phiên bản B, bỏ minh chứng.' }),
    );
    versions = await h.call(lan.conn, 'criterion.history', { assessmentId: a.id, criterionCode: '1.1' });
    expect(versions.map((v) => [v.versionNo, v.actorName, v.summary])).toEqual([
      [2, 'Nguyễn Văn Quản', 'Mức 1: hiện trạng'],
      [1, 'Trần Thị Lan', 'Mức 1: hiện trạng, đánh giá'],
    ]);
    const current = await h.call(lan.conn, 'criterion.get', { assessmentId: a.id, criterionCode: '1.1' });
    // "Đạt" kept, but no longer counted: the description lost its evidence.
    expect(current.levels[0]!.requirements[0]!).toMatchObject({ judgment: 'met', counted: false });
    expect(current.result.level).toBe(0);

    const v1 = await h.call(lan.conn, 'criterion.version', { versionId: versions[1]!.id });
    expect(v1.snapshot).toEqual([
      { level: 1, requirementCode: '1', description: `Phiên bản A ${cite(ev.id)}.`, judgment: 'met' },
    ]);

    const restored = await h.call(lan.conn, 'criterion.restore', { versionId: v1.id });
    expect(restored.downgraded).toEqual([]);
    expect(restored.editor.levels[0]!.requirements[0]!).toMatchObject({
      description: `Phiên bản A ${cite(ev.id)}.`,
      judgment: 'met',
      counted: true,
    });
    versions = await h.call(lan.conn, 'criterion.history', { assessmentId: a.id, criterionCode: '1.1' });
    expect(versions[0]).toMatchObject({
      versionNo: 3,
      kind: 'restore',
      summary: 'Khôi phục phiên bản #1',
      actorName: 'Trần Thị Lan',
    });

    // A restored "Đạt" whose evidence has expired since is downgraded, with the reason.
    await h.backend.dataSource.query(`update evidence set validUntil = '2021-01-01' where id = ?`, [ev.id]);
    await h.call(h.admin, 'criterion.saveRequirement', save(a.id, { expectedRev: 4, description: 'Phiên bản C.' }));
    const again = await h.call(h.admin, 'criterion.restore', { versionId: v1.id });
    expect(again.downgraded).toHaveLength(1);
    expect(again.downgraded[0]!.reasons[0]!.code).toBe('no_valid_evidence');
    expect(again.editor.levels[0]!.requirements[0]!.judgment).toBe('unassessed');
  });
});
