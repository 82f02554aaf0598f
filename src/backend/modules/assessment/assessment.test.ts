import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cite, harness, TT18, TT57, type Harness } from './testing';

let h: Harness;
beforeEach(async () => {
  h = await harness({ levels: ['thcs', 'thpt'] });
});
afterEach(async () => {
  await h.close();
});

const TT57_CRITERIA = ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '3.1', '3.2', '3.3', '3.4', '3.5', '4.1', '4.2', '4.3'];

async function council(
  assessmentId: string,
  n: number,
  roles: Record<number, 'chair' | 'secretary' | 'vice_chair'> = { 0: 'chair', 1: 'secretary' },
) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const m = await h.call(h.admin, 'council.saveMember', {
      assessmentId,
      fullName: `Thành viên ${i + 1}`,
      position: i === 0 ? 'Hiệu trưởng' : 'Giáo viên',
      councilRole: roles[i] ?? 'member',
    });
    ids.push(m.id);
  }
  return ids;
}

describe('assessment years', () => {
  it('creates one per school year and education level, with the framework in force by default', async () => {
    const { assessment, carried } = await h.call(h.admin, 'assessment.create', {
      schoolYear: '2026-2027',
      educationLevel: 'thcs',
    });
    expect(carried).toBeNull();
    expect(assessment).toMatchObject({
      schoolYear: '2026-2027',
      educationLevel: 'thcs',
      frameworkId: TT57,
      frameworkTitle: expect.stringContaining('57'),
      status: 'in_progress',
      pinned: false,
      title: 'Tự đánh giá năm học 2026-2027 — Trung học cơ sở',
      counts: { criteria: 15, approvedCriteria: 0, requirements: 30, judgedRequirements: 0, members: 0 },
    });
    expect(assessment.frameworkVersion).toBe(assessment.frameworkLoadedVersion);
    const older = await h.assessment({ schoolYear: '2025-2026' });
    expect(older.frameworkId).toBe(TT18);
    expect((await h.call(h.admin, 'assessment.list', {})).map((a) => [a.schoolYear, a.frameworkId])).toEqual([
      ['2026-2027', TT57],
      ['2025-2026', TT18],
    ]);

    const clash = await h.fail(h.admin, 'assessment.create', { schoolYear: '2026-2027', educationLevel: 'thcs' });
    expect(clash).toMatchObject({
      code: 'CONFLICT',
      message: 'Đã có đợt tự đánh giá năm học 2026-2027 cho cấp Trung học cơ sở.',
    });
    expect((await h.fail(h.admin, 'assessment.create', { schoolYear: '2026-2027', educationLevel: 'tieu_hoc' })).code).toBe(
      'VALIDATION',
    );
    expect((await h.fail(h.admin, 'assessment.create', { schoolYear: '2026-2028', educationLevel: 'thpt' })).code).toBe(
      'INVALID_ARGS',
    );
    const points = await h.fail(h.admin, 'assessment.create', {
      schoolYear: '2026-2027',
      educationLevel: 'thpt',
      frameworkId: 'qd4725-2022-cds',
    });
    expect(points.code).toBe('VALIDATION');
    const wrongLevel = await h.fail(h.admin, 'assessment.create', {
      schoolYear: '2026-2027',
      educationLevel: 'thpt',
      frameworkId: 'tt57-2026-pl1-mam-non',
    });
    expect(wrongLevel.message).toContain('không dùng cho cấp Trung học phổ thông');
    const member = await h.user('gv.thu', 'council_member');
    expect((await h.fail(member.conn, 'assessment.create', { schoolYear: '2026-2027', educationLevel: 'thpt' })).code).toBe(
      'FORBIDDEN',
    );
  });

  it('pins the framework when data first exists: it can change before, never after', async () => {
    const a = await h.assessment();
    const switched = await h.call(h.admin, 'assessment.update', { id: a.id, expectedRev: a.rev, frameworkId: TT18 });
    expect(switched).toMatchObject({ frameworkId: TT18, pinned: false, counts: { criteria: 28 } });
    const back = await h.call(h.admin, 'assessment.update', { id: a.id, expectedRev: switched.rev, frameworkId: TT57 });
    await h.call(h.admin, 'council.saveMember', { assessmentId: a.id, fullName: 'Phạm Văn Bình', councilRole: 'chair' });
    const pinned = await h.call(h.admin, 'assessment.get', { id: a.id });
    expect(pinned).toMatchObject({ pinned: true, frameworkId: TT57, frameworkVersion: back.frameworkVersion });
    const refused = await h.fail(h.admin, 'assessment.update', { id: a.id, expectedRev: pinned.rev, frameworkId: TT18 });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('khung đánh giá đã được cố định');
    // Other fields still change; a stale rev is a conflict.
    const renamed = await h.call(h.admin, 'assessment.update', {
      id: a.id,
      expectedRev: pinned.rev,
      title: 'Tự đánh giá THCS 2026-2027',
    });
    expect(renamed.title).toBe('Tự đánh giá THCS 2026-2027');
    expect((await h.fail(h.admin, 'assessment.update', { id: a.id, expectedRev: pinned.rev, notes: 'x' })).code).toBe('CONFLICT');
    expect((await h.fail(h.admin, 'assessment.remove', { id: a.id })).code).toBe('CONFLICT');
    const empty = await h.assessment({ schoolYear: '2027-2028' });
    expect(await h.call(h.admin, 'assessment.remove', { id: empty.id })).toEqual({ ok: true });
    expect((await h.fail(h.admin, 'assessment.get', { id: empty.id })).code).toBe('NOT_FOUND');
  });
});

describe('council rules from the framework data', () => {
  it('TT 57: 4 members fail, 6 fail (even), 5 with one chair and one secretary pass', async () => {
    const a = await h.assessment();
    const ids = await council(a.id, 4);
    let check = (await h.call(h.admin, 'council.get', { assessmentId: a.id })).check;
    expect(check.ok).toBe(false);
    expect(check.problems.map((p) => p.code)).toEqual(['too_few', 'even']);
    expect(check.problems[0]!.message).toBe('Theo Thông tư 57/2026/TT-BGDĐT, hội đồng cần ít nhất 5 thành viên (hiện có 4).');
    expect(check.rulesText).toBe('từ 5 thành viên trở lên, số lẻ; 1 Chủ tịch; Phó Chủ tịch (nếu có); 1 Thư ký');

    await council(a.id, 2, {});
    check = (await h.call(h.admin, 'council.get', { assessmentId: a.id })).check;
    expect(check.problems.map((p) => p.code)).toEqual(['even']);
    expect(check.problems[0]!.message).toContain('số lẻ (hiện có 6)');

    const last = (await h.call(h.admin, 'council.get', { assessmentId: a.id })).members.at(-1)!;
    await h.call(h.admin, 'council.removeMember', { id: last.id });
    const ok = await h.call(h.admin, 'council.get', { assessmentId: a.id });
    expect(ok.check).toMatchObject({
      ok: true,
      memberCount: 5,
      problems: [],
      counts: { chair: 1, secretary: 1, member: 3, vice_chair: 0 },
    });

    // Two chairs break the rule again.
    await h.call(h.admin, 'council.saveMember', { assessmentId: a.id, id: ids[2]!, councilRole: 'chair' });
    expect((await h.call(h.admin, 'council.get', { assessmentId: a.id })).check.problems.map((p) => p.code)).toEqual([
      'chair_count',
    ]);
  });

  it('legacy (TT 18): at least 7 members with a vice chair', async () => {
    const a = await h.assessment({ schoolYear: '2025-2026' });
    await council(a.id, 5, { 0: 'chair', 1: 'secretary', 2: 'vice_chair' });
    let check = (await h.call(h.admin, 'council.get', { assessmentId: a.id })).check;
    expect(check.problems.map((p) => p.message)).toEqual([
      'Theo Thông tư 18/2018/TT-BGDĐT, hội đồng cần ít nhất 7 thành viên (hiện có 5).',
    ]);
    await council(a.id, 1, {});
    check = (await h.call(h.admin, 'council.get', { assessmentId: a.id })).check;
    // An even number is fine under the 2018 rules.
    expect(check.problems.map((p) => p.code)).toEqual(['too_few']);
    await council(a.id, 1, {});
    check = (await h.call(h.admin, 'council.get', { assessmentId: a.id })).check;
    expect(check.ok).toBe(true);
  });

  it('members come from local accounts or names only; only managers change the council', async () => {
    const a = await h.assessment();
    const teacher = await h.user('gv.lan', 'council_member', 'Trần Thị Lan');
    const m = await h.call(h.admin, 'council.saveMember', {
      assessmentId: a.id,
      userId: teacher.id,
      position: 'Tổ trưởng tổ Toán',
    });
    expect(m).toMatchObject({ userId: teacher.id, username: 'gv.lan', fullName: 'Trần Thị Lan', councilRole: 'member' });
    expect((await h.fail(h.admin, 'council.saveMember', { assessmentId: a.id, userId: teacher.id })).code).toBe('CONFLICT');
    const named = await h.call(h.admin, 'council.saveMember', {
      assessmentId: a.id,
      fullName: 'Bà Y Blin Niê',
      position: 'Đại diện Ban đại diện CMHS',
    });
    expect(named).toMatchObject({ userId: null, username: null });
    expect((await h.fail(teacher.conn, 'council.saveMember', { assessmentId: a.id, fullName: 'Ai đó' })).code).toBe('FORBIDDEN');
    const group = await h.call(h.admin, 'council.saveGroup', {
      assessmentId: a.id,
      name: 'Nhóm 1: Tiêu chuẩn 1',
      leaderMemberId: m.id,
    });
    expect(group.memberIds).toEqual([m.id]);
    await h.call(h.admin, 'assignment.set', {
      assessmentId: a.id,
      criterionCodes: ['1.1', '1.2'],
      groupIds: [group.id],
      dueDate: '2027-03-31',
    });
    await h.call(h.admin, 'council.removeGroup', { id: group.id });
    const after = await h.call(h.admin, 'council.get', { assessmentId: a.id });
    expect(after.groups).toEqual([]);
    expect(after.members.find((x) => x.id === m.id)!.groupId).toBeNull();
    expect((await h.call(h.admin, 'assignment.list', { assessmentId: a.id })).every((r) => r.groups.length === 0)).toBe(true);
  });
});

describe('levels, what-if and readiness', () => {
  it('computes criterion and school levels with the engine explanation, and a what-if', async () => {
    const a = await h.assessment();
    const ev = await h.evidence('1.1');
    for (const code of TT57_CRITERIA) {
      await h.call(h.admin, 'criterion.saveRequirement', {
        assessmentId: a.id,
        criterionCode: code,
        level: 1,
        requirementCode: '1',
        expectedRev: 0,
        description: `Hiện trạng tiêu chí ${code} ${cite(ev.id)}.`,
        judgment: code === '4.3' ? 'not_met' : 'met',
      });
    }
    const levels = await h.call(h.admin, 'assessment.levels', { id: a.id });
    expect(levels).toMatchObject({ schoolLevel: 1, schoolLevelLabel: 'Mức 1', nextLevel: 2 });
    expect(levels.criteria.find((c) => c.code === '4.3')).toMatchObject({ level: 0, assessed: true });
    expect(levels.explanation).toContain('Kết quả: đạt Mức 1.');
    expect(levels.blockers.some((b) => b.kind === 'mandatory')).toBe(true);

    const whatIf = await h.call(h.admin, 'assessment.whatIf', {
      id: a.id,
      changes: Object.fromEntries(TT57_CRITERIA.map((c) => [c, 2])),
    });
    expect(whatIf).toMatchObject({ delta: 1, after: { schoolLevel: 2 } });
    expect(whatIf.explanation).toContain('Mức 1 → Mức 2');
    expect((await h.fail(h.admin, 'assessment.whatIf', { id: a.id, changes: { '9.9': 1 } })).code).toBe('VALIDATION');
  });

  it('readiness lists every blocker: unassessed, unbacked "Đạt", expired and unverified evidence, council, summaries, approvals', async () => {
    const a = await h.assessment();
    let r = await h.call(h.admin, 'assessment.readiness', { id: a.id });
    expect(r.ready).toBe(false);
    expect(r.byKind).toEqual({
      unassessed: 15,
      criterion_not_approved: 15,
      council: 1,
      summary_missing: 4,
      no_improvement_plan: 1,
    });
    expect(r.counts).toEqual({ blockers: 35, warnings: 1 });
    expect(r.items.find((i) => i.kind === 'unassessed')).toMatchObject({
      criterionCode: '1.1',
      level: 1,
      requirementCode: '1',
      message: 'Tiêu chí 1.1, Mức 1: chưa đánh giá.',
    });

    const good = await h.evidence('1.1');
    const soon = await h.evidence('1.2', { validUntil: '2099-12-31' });
    const save = (code: string, description: string, judgment: 'met' | 'not_met', expectedRev = 0) =>
      h.call(h.admin, 'criterion.saveRequirement', {
        assessmentId: a.id,
        criterionCode: code,
        level: 1,
        requirementCode: '1',
        expectedRev,
        description,
        judgment,
      });
    await save('1.1', `Có kế hoạch ${cite(good.id)}.`, 'met');
    await save('1.2', `Có quyết định ${cite(soon.id)}.`, 'met');
    // Evidence expires after the judgment; a description loses its citation.
    await h.backend.dataSource.query(`update evidence set validUntil = '2020-01-01' where id = ?`, [soon.id]);
    await save('1.3', `Có sổ sách ${cite(good.id)}.`, 'met');
    await h.call(h.admin, 'criterion.saveRequirement', {
      assessmentId: a.id,
      criterionCode: '1.3',
      level: 1,
      requirementCode: '1',
      expectedRev: 1,
      description: 'Có sổ sách (đã bỏ minh chứng).',
    });
    r = await h.call(h.admin, 'assessment.readiness', { id: a.id });
    const about = (code: string) =>
      r.items.filter((i) => i.criterionCode === code && i.kind !== 'criterion_not_approved').map((i) => i.kind);
    expect(about('1.1')).toEqual(['evidence_unverified', 'unassessed']);
    expect(about('1.2')).toEqual(['met_without_evidence', 'evidence_expired']);
    expect(about('1.3')).toEqual(['met_without_evidence']);
    expect(r.items.find((i) => i.kind === 'evidence_expired')).toMatchObject({ evidenceId: soon.id, evidenceCode: soon.code });
    // 1.1 reached Mức 1, so its Mức 2 is now considered (and unassessed).
    expect(r.items.find((i) => i.kind === 'unassessed' && i.criterionCode === '1.1')!.level).toBe(2);

    await h.call(h.admin, 'evidence.verify', { id: good.id, status: 'verified' });
    r = await h.call(h.admin, 'assessment.readiness', { id: a.id });
    expect(r.byKind.evidence_unverified).toBeUndefined();
  });

  it('approves the whole report only when ready; then everything is read-only until reopened with a reason', async () => {
    const a = await h.assessment();
    await council(a.id, 5);
    const ev = await h.evidence('1.1');
    await h.call(h.admin, 'evidence.verify', { id: ev.id, status: 'verified' });
    const early = await h.fail(h.admin, 'assessment.approve', {
      id: a.id,
      expectedRev: (await h.call(h.admin, 'assessment.get', { id: a.id })).rev,
    });
    expect(early.code).toBe('VALIDATION');
    expect(early.message).toMatch(/^Chưa phê duyệt được: còn \d+ vấn đề/);
    for (const code of TT57_CRITERIA) {
      const base = { assessmentId: a.id, criterionCode: code, requirementCode: '1' };
      await h.call(h.admin, 'criterion.saveRequirement', {
        ...base,
        level: 1,
        expectedRev: 0,
        description: `Mức 1 của ${code} ${cite(ev.id)}.`,
        judgment: 'met',
      });
      await h.call(h.admin, 'criterion.saveRequirement', {
        ...base,
        level: 2,
        expectedRev: 0,
        description: `Mức 2 của ${code} chưa đạt.`,
        judgment: 'not_met',
      });
      for (const action of ['submit', 'forward', 'approve'] as const) {
        await h.call(h.admin, 'review.transition', { assessmentId: a.id, criterionCode: code, action });
      }
    }
    for (const s of ['1', '2', '3', '4']) {
      await h.call(h.admin, 'summary.save', {
        assessmentId: a.id,
        scopeCode: s,
        expectedRev: 0,
        strengths: 'Điểm mạnh.',
        weaknesses: 'Hạn chế.',
      });
    }
    const readiness = await h.call(h.admin, 'assessment.readiness', { id: a.id });
    expect(readiness).toMatchObject({ ready: true, counts: { blockers: 0 } });
    const current = await h.call(h.admin, 'assessment.get', { id: a.id });
    const approved = await h.call(h.admin, 'assessment.approve', { id: a.id, expectedRev: current.rev });
    expect(approved).toMatchObject({ status: 'approved', counts: { approvedCriteria: 15 } });
    expect((await h.fail(h.admin, 'council.saveMember', { assessmentId: a.id, fullName: 'Muộn' })).code).toBe('CONFLICT');
    expect(
      (await h.fail(h.admin, 'summary.save', { assessmentId: a.id, scopeCode: '1', expectedRev: 1, strengths: 'x' })).code,
    ).toBe('CONFLICT');
    const status = await h.call(h.admin, 'assessment.status', { id: a.id });
    expect(status.reviewStates).toEqual({ draft: 0, pending_review: 0, pending_approval: 0, approved: 15, returned: 0 });
    expect(status.levels).toMatchObject({ schoolLevel: 1, schoolLevelLabel: 'Mức 1' });
    const reopened = await h.call(h.admin, 'assessment.reopen', { id: a.id, reason: 'Sở yêu cầu bổ sung số liệu' });
    expect(reopened).toMatchObject({ status: 'in_progress', approvedAt: null });
    await h.call(h.admin, 'council.saveMember', { assessmentId: a.id, fullName: 'Bổ sung sau khi mở lại' });
  });
});

describe('carry-over from last year', () => {
  it('copies descriptions, judgments, plan tasks and open improvement rows marked to confirm; they count for nothing until confirmed', async () => {
    const prev = await h.assessment();
    const ev = await h.evidence('1.1');
    const other = await h.evidence('2.1', { title: 'Biên bản họp hội đồng trường' });
    await h.call(h.admin, 'evidence.linkCriterion', { id: other.id, criterionCode: '1.2', assessmentId: prev.id });
    const base = { assessmentId: prev.id, criterionCode: '1.1', requirementCode: '1' };
    await h.call(h.admin, 'criterion.saveRequirement', {
      ...base,
      level: 1,
      expectedRev: 0,
      description: `Kế hoạch năm học ${cite(ev.id)}.`,
      judgment: 'met',
    });
    await h.call(h.admin, 'criterion.saveRequirement', {
      ...base,
      level: 2,
      expectedRev: 0,
      description: `Điều chỉnh kế hoạch ${cite(ev.id)}.`,
      judgment: 'met',
    });
    await h.call(h.admin, 'plan.saveTask', {
      assessmentId: prev.id,
      title: 'Thu thập minh chứng',
      startDate: '2026-10-01',
      dueDate: '2027-03-31',
      status: 'done',
    });
    const issue = await h.call(h.admin, 'improvement.saveIssue', {
      assessmentId: prev.id,
      standardCode: '4',
      weakness: 'Thiếu phòng học bộ môn.',
    });
    await h.call(h.admin, 'improvement.saveItem', {
      assessmentId: prev.id,
      issueId: issue.id,
      content: 'Xây phòng Tin học',
      progress: 'in_progress',
      dueDate: '2027-05-31',
    });
    await h.call(h.admin, 'improvement.saveItem', { assessmentId: prev.id, content: 'Sửa thư viện', progress: 'done' });
    expect((await h.call(h.admin, 'assessment.levels', { id: prev.id })).criteria[0]!.level).toBe(2);

    const { assessment: next, carried } = await h.call(h.admin, 'assessment.create', {
      schoolYear: '2027-2028',
      educationLevel: 'thcs',
      fromId: prev.id,
    });
    expect(carried).toEqual({
      fromId: prev.id,
      fromSchoolYear: '2026-2027',
      requirements: 2,
      planTasks: 1,
      improvementIssues: 1,
      improvementItems: 1,
      note: null,
    });
    expect(next).toMatchObject({ previousId: prev.id, pinned: true, frameworkId: TT57 });

    const editor = await h.call(h.admin, 'criterion.get', { assessmentId: next.id, criterionCode: '1.1' });
    expect(editor.levels[0]!.requirements[0]).toMatchObject({
      judgment: 'met',
      carriedOver: true,
      needsConfirmation: true,
      counted: false,
    });
    expect(editor.result).toMatchObject({ level: 0, assessed: false });
    expect(editor.carriedUnconfirmed).toBe(2);
    expect((await h.call(h.admin, 'assessment.levels', { id: next.id })).unassessed).toContain('1.1');
    const readiness = await h.call(h.admin, 'assessment.readiness', { id: next.id });
    expect(readiness.items.filter((i) => i.kind === 'carried_unconfirmed').map((i) => i.message)).toEqual([
      'Tiêu chí 1.1, Mức 1: nội dung chuyển từ năm trước, cần xác nhận lại.',
      'Nhiệm vụ kế hoạch "Thu thập minh chứng" chuyển từ năm trước, cần xác nhận lại.',
      'Vấn đề cải tiến "Thiếu phòng học bộ môn." chuyển từ năm trước, cần xác nhận lại.',
      'Nội dung kế hoạch cải tiến "Xây phòng Tin học" chuyển từ năm trước, cần xác nhận lại.',
    ]);
    const plan = await h.call(h.admin, 'plan.get', { assessmentId: next.id });
    expect(plan.tasks[0]).toMatchObject({
      status: 'todo',
      startDate: '2027-10-01',
      dueDate: '2028-03-31',
      needsConfirmation: true,
    });
    const improvement = await h.call(h.admin, 'improvement.get', { assessmentId: next.id });
    expect(improvement.items.map((i) => [i.content, i.needsConfirmation, i.dueDate, i.carriedFromId !== null])).toEqual([
      ['Xây phòng Tin học', true, '2028-05-31', true],
    ]);
    expect(improvement.previous!.items.map((i) => [i.content, i.progress])).toEqual([
      ['Xây phòng Tin học', 'in_progress'],
      ['Sửa thư viện', 'done'],
    ]);

    // Evidence links are offered, not copied.
    const offers = await h.call(h.admin, 'assessment.evidenceOffers', { id: next.id });
    // ev serves 1.1 in every year (its first criterion); "other" served 1.2 last year only.
    expect(offers.map((o) => [o.criterionCode, o.code, o.linkedLastYear, o.citedLastYear, o.alreadyLinked])).toEqual([
      ['1.1', ev.code, false, true, true],
      ['1.2', other.code, true, false, false],
    ]);
    const accepted = await h.call(h.admin, 'assessment.acceptEvidenceOffers', {
      id: next.id,
      items: [
        { evidenceId: other.id, criterionCode: '1.2' },
        { evidenceId: ev.id, criterionCode: '1.1' },
      ],
    });
    expect(accepted).toEqual({
      linked: 1,
      skipped: [{ evidenceId: ev.id, criterionCode: '1.1', reason: `${ev.code} đã gắn với tiêu chí 1.1.` }],
    });
    expect((await h.call(h.admin, 'assessment.evidenceOffers', { id: next.id }))[1]!.alreadyLinked).toBe(true);
    expect(
      (await h.call(h.admin, 'evidence.get', { id: other.id })).links.filter((l) => l.assessmentId === next.id),
    ).toHaveLength(1);

    // Confirming: Mức 1 first makes Mức 2 considered, both pass the gate.
    const confirmed = await h.call(h.admin, 'criterion.confirm', { assessmentId: next.id, criterionCode: '1.1' });
    expect(confirmed).toMatchObject({ confirmed: 2, refused: [] });
    expect(confirmed.editor.result).toMatchObject({ level: 2, assessed: true });
    expect(
      (await h.call(h.admin, 'criterion.history', { assessmentId: next.id, criterionCode: '1.1' })).map((v) => v.kind),
    ).toEqual(['edit', 'carry']);

    // Carried plan tasks are confirmed one by one.
    await h.call(h.admin, 'plan.saveTask', {
      assessmentId: next.id,
      id: plan.tasks[0]!.id,
      expectedRev: plan.tasks[0]!.rev,
      confirm: true,
    });
    expect((await h.call(h.admin, 'plan.get', { assessmentId: next.id })).tasks[0]!.needsConfirmation).toBe(false);
  });

  it('refuses to confirm a carried "Đạt" no longer backed, and copies no criteria across frameworks', async () => {
    const prev = await h.assessment();
    const ev = await h.evidence('1.1');
    await h.call(h.admin, 'criterion.saveRequirement', {
      assessmentId: prev.id,
      criterionCode: '1.1',
      level: 1,
      requirementCode: '1',
      expectedRev: 0,
      description: `Kế hoạch ${cite(ev.id)}.`,
      judgment: 'met',
    });
    const { assessment: next } = await h.call(h.admin, 'assessment.create', {
      schoolYear: '2027-2028',
      educationLevel: 'thcs',
      fromId: prev.id,
    });
    await h.call(h.admin, 'evidence.verify', { id: ev.id, status: 'rejected', reason: 'Bản chụp không rõ' });
    const result = await h.call(h.admin, 'criterion.confirm', { assessmentId: next.id, criterionCode: '1.1' });
    expect(result.confirmed).toBe(0);
    expect(result.refused).toEqual([
      {
        level: 1,
        requirementCode: '1',
        reasons: [{ code: 'no_valid_evidence', message: `Không có minh chứng hợp lệ: ${ev.code} đã bị từ chối khi xác minh.` }],
      },
    ]);
    const viaSave = await h.fail(h.admin, 'criterion.saveRequirement', {
      assessmentId: next.id,
      criterionCode: '1.1',
      level: 1,
      requirementCode: '1',
      expectedRev: 1,
      confirm: true,
    });
    expect(viaSave.code).toBe('VALIDATION');

    const legacy = await h.assessment({ schoolYear: '2025-2026', educationLevel: 'thpt' });
    await h.call(h.admin, 'plan.saveTask', { assessmentId: legacy.id, title: 'Lập kế hoạch tự đánh giá', dueDate: '2025-10-15' });
    const { carried } = await h.call(h.admin, 'assessment.create', {
      schoolYear: '2026-2027',
      educationLevel: 'thpt',
      fromId: legacy.id,
    });
    expect(carried).toMatchObject({ requirements: 0, planTasks: 1 });
    expect(carried!.note).toContain('hai khung đánh giá khác nhau');
    const wrong = await h.fail(h.admin, 'assessment.create', {
      schoolYear: '2024-2025',
      educationLevel: 'thcs',
      fromId: prev.id,
    });
    expect(wrong.code).toBe('VALIDATION');
  });
});
