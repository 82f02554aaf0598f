import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './testing';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

describe('self-assessment plan', () => {
  it('adds the usual steps with the framework calendar (TT 57: approved before 15/6) and flags overdue tasks', async () => {
    const a = await h.assessment();
    const plan = await h.call(h.admin, 'plan.addDefaultTasks', { assessmentId: a.id });
    expect(plan.calendar).toEqual([
      {
        key: 'report-approved',
        label: 'Phê duyệt báo cáo tự đánh giá trước 15/6',
        date: '2027-06-15',
        deadline: true,
        actor: 'school',
      },
    ]);
    expect(plan.tasks).toHaveLength(8);
    expect(plan.tasks[0]).toMatchObject({
      title: 'Thành lập hội đồng tự đánh giá',
      startDate: '2026-09-05',
      dueDate: '2026-09-30',
      status: 'todo',
    });
    expect(plan.tasks.find((t) => t.calendarKey === 'report-approved')).toMatchObject({ dueDate: '2027-06-14' });
    // Running it again adds nothing twice.
    expect((await h.call(h.admin, 'plan.addDefaultTasks', { assessmentId: a.id })).tasks).toHaveLength(8);

    const lan = await h.user('gv.lan', 'council_member', 'Trần Thị Lan');
    const member = await h.call(h.admin, 'council.saveMember', { assessmentId: a.id, userId: lan.id });
    const late = await h.call(h.admin, 'plan.saveTask', {
      assessmentId: a.id,
      title: 'Nộp minh chứng tiêu chí 4.1',
      ownerMemberId: member.id,
      startDate: '2020-01-01',
      dueDate: '2020-02-01',
    });
    expect(late).toMatchObject({ overdue: true, status: 'todo', ownerMemberId: member.id });
    expect(
      (
        await h.fail(h.admin, 'plan.saveTask', {
          assessmentId: a.id,
          title: 'Sai ngày',
          startDate: '2027-02-01',
          dueDate: '2027-01-01',
        })
      ).code,
    ).toBe('VALIDATION');
    // The owner moves their own task along; they may not rename it.
    expect((await h.fail(lan.conn, 'plan.saveTask', { assessmentId: a.id, id: late.id, title: 'Đổi tên' })).code).toBe(
      'FORBIDDEN',
    );
    const work = await h.call(lan.conn, 'assessment.myWork', {});
    expect(work.tasks).toEqual([
      {
        assessmentId: a.id,
        id: late.id,
        title: 'Nộp minh chứng tiêu chí 4.1',
        dueDate: '2020-02-01',
        status: 'todo',
        overdue: true,
      },
    ]);
    const done = await h.call(lan.conn, 'plan.saveTask', {
      assessmentId: a.id,
      id: late.id,
      expectedRev: late.rev,
      status: 'done',
    });
    expect(done).toMatchObject({ status: 'done', overdue: false, completedAt: expect.any(String) });
    expect((await h.call(lan.conn, 'assessment.myWork', {})).tasks).toEqual([]);
    await h.call(h.admin, 'plan.removeTask', { id: late.id });
    expect((await h.call(h.admin, 'plan.get', { assessmentId: a.id })).tasks).toHaveLength(8);
  });
});

describe('per-standard summaries', () => {
  it('TT 57 writes strengths, weaknesses, causes and direction per standard, with the 3-year trend', async () => {
    const older = await h.assessment({ schoolYear: '2024-2025' });
    const prev = await h.assessment({ schoolYear: '2025-2026' });
    const a = await h.assessment();
    const list = await h.call(h.admin, 'summary.list', { assessmentId: a.id });
    expect(list.scopeKind).toBe('standard');
    expect(list.items.map((s) => [s.scopeCode, s.criteria.length])).toEqual([
      ['1', 4],
      ['2', 3],
      ['3', 5],
      ['4', 3],
    ]);
    expect(list.trend.map((t) => [t.schoolYear, t.criteria === null])).toEqual([
      ['2024-2025', true],
      ['2025-2026', true],
      ['2026-2027', false],
    ]);
    expect(list.trend.map((t) => t.assessmentId)).toEqual([older.id, prev.id, a.id]);

    const saved = await h.call(h.admin, 'summary.save', {
      assessmentId: a.id,
      scopeCode: '4',
      expectedRev: 0,
      strengths: 'Khuôn viên xanh, sạch, đẹp.',
      weaknesses: 'Thiếu 02 phòng học bộ môn.',
      causes: 'Kinh phí đầu tư hạn chế.',
    });
    expect(saved).toMatchObject({ scopeCode: '4', rev: 1, weaknesses: 'Thiếu 02 phòng học bộ môn.' });
    expect(
      (
        await h.call(h.admin, 'summary.save', {
          assessmentId: a.id,
          scopeCode: '4',
          expectedRev: 0,
          strengths: 'Khuôn viên xanh, sạch, đẹp.',
        })
      ).rev,
    ).toBe(1);
    expect(
      (await h.fail(h.admin, 'summary.save', { assessmentId: a.id, scopeCode: '4', expectedRev: 0, strengths: 'Khác' })).code,
    ).toBe('CONFLICT');
    expect(
      (await h.fail(h.admin, 'summary.save', { assessmentId: a.id, scopeCode: '9', expectedRev: 0, strengths: 'x' })).code,
    ).toBe('NOT_FOUND');

    // A member writes the summary of a standard only when one of its criteria is theirs.
    const lan = await h.user('gv.lan', 'council_member');
    const member = await h.call(h.admin, 'council.saveMember', { assessmentId: a.id, userId: lan.id });
    await h.call(h.admin, 'assignment.set', { assessmentId: a.id, criterionCodes: ['2.1'], memberIds: [member.id] });
    await h.call(lan.conn, 'summary.save', {
      assessmentId: a.id,
      scopeCode: '2',
      expectedRev: 0,
      strengths: 'Đội ngũ đủ, đạt chuẩn.',
    });
    expect(
      (await h.fail(lan.conn, 'summary.save', { assessmentId: a.id, scopeCode: '3', expectedRev: 0, strengths: 'x' })).code,
    ).toBe('FORBIDDEN');
    expect((await h.call(lan.conn, 'summary.list', { assessmentId: a.id })).items.map((s) => s.canEdit)).toEqual([
      false,
      true,
      false,
      false,
    ]);
  });

  it('legacy frameworks write them per criterion', async () => {
    const a = await h.assessment({ schoolYear: '2025-2026' });
    const list = await h.call(h.admin, 'summary.list', { assessmentId: a.id });
    expect(list.scopeKind).toBe('criterion');
    expect(list.items).toHaveLength(28);
    expect(list.items[0]).toMatchObject({
      scopeCode: '1.1',
      scopeKind: 'criterion',
      criteria: [{ code: '1.1', level: 0, assessed: false }],
    });
  });
});

describe('improvement plan (Biểu 2)', () => {
  it('pulls focus issues from the weaknesses, keeps ten-column rows with evidence, monitoring at two points', async () => {
    const a = await h.assessment();
    await h.call(h.admin, 'summary.save', {
      assessmentId: a.id,
      scopeCode: '4',
      expectedRev: 0,
      weaknesses: 'Thiếu 02 phòng học bộ môn.',
      causes: 'Kinh phí hạn chế.',
    });
    let plan = await h.call(h.admin, 'improvement.get', { assessmentId: a.id });
    expect(plan.suggestions).toEqual([
      { scopeCode: '4', title: 'Tiêu chuẩn 4', weaknesses: 'Thiếu 02 phòng học bộ môn.', causes: 'Kinh phí hạn chế.' },
    ]);
    const issues = await h.call(h.admin, 'improvement.pullIssues', { assessmentId: a.id });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      standardCode: '4',
      criterionCodes: ['4.1', '4.2', '4.3'],
      weakness: 'Thiếu 02 phòng học bộ môn.',
      cause: 'Kinh phí hạn chế.',
    });
    expect(issues[0]!.currentState).toBe('Kết quả tự đánh giá: 4.1 Không đạt; 4.2 Không đạt; 4.3 Không đạt.');
    expect(await h.call(h.admin, 'improvement.pullIssues', { assessmentId: a.id })).toEqual([]);

    const thu = await h.user('gv.thu', 'council_member', 'Nguyễn Thị Thu');
    const owner = await h.call(h.admin, 'council.saveMember', {
      assessmentId: a.id,
      userId: thu.id,
      position: 'Phó Hiệu trưởng',
    });
    const item = await h.call(h.admin, 'improvement.saveItem', {
      assessmentId: a.id,
      issueId: issues[0]!.id,
      content: 'Bổ sung phòng học bộ môn Tin học',
      goal: 'Có 01 phòng Tin học đạt chuẩn',
      actions: 'Lập tờ trình xin kinh phí; cải tạo phòng học cũ',
      indicator: 'Phòng Tin học đưa vào sử dụng',
      timeframe: 'Tháng 9/2026 – tháng 5/2027',
      startDate: '2026-09-01',
      dueDate: '2027-05-31',
      owner: 'Phó Hiệu trưởng phụ trách CSVC',
      ownerMemberId: owner.id,
      resources: 'Ngân sách nhà nước, xã hội hóa',
      expectedEvidence: 'Biên bản nghiệm thu phòng học',
    });
    expect(item).toMatchObject({ progress: 'not_started', evidence: [], overdue: false, needsConfirmation: false });

    // The owner reports progress and the evidence showing it done; not the content.
    const proof = await h.evidence('4.1', { title: 'Biên bản nghiệm thu phòng Tin học' });
    expect(
      (await h.fail(thu.conn, 'improvement.saveItem', { assessmentId: a.id, id: item.id, content: 'Đổi nội dung' })).code,
    ).toBe('FORBIDDEN');
    const done = await h.call(thu.conn, 'improvement.saveItem', {
      assessmentId: a.id,
      id: item.id,
      expectedRev: item.rev,
      progress: 'done',
      progressNote: 'Đã nghiệm thu ngày 20/5/2027',
      evidenceIds: [proof.id],
    });
    expect(done.evidence).toEqual([expect.objectContaining({ evidenceId: proof.id, code: proof.code, problem: null })]);
    expect(done.progress).toBe('done');
    const { assessmentCitations } = await import('./evidence-access');
    expect(await assessmentCitations.isCited(h.backend.readSource.manager, proof.id)).toBe(true);

    for (const checkpoint of ['end_term1', 'end_year'] as const) {
      await h.call(h.admin, 'improvement.saveMonitoring', {
        assessmentId: a.id,
        checkpoint,
        itemId: item.id,
        content: 'Tiến độ cải tạo phòng Tin học',
        result: checkpoint === 'end_term1' ? 'Đã có kinh phí' : 'Hoàn thành',
        reviewer: 'Phạm Văn Bình',
      });
    }
    plan = await h.call(h.admin, 'improvement.get', { assessmentId: a.id });
    expect(plan.monitoring.map((x) => [x.checkpoint, x.result])).toEqual([
      ['end_term1', 'Đã có kinh phí'],
      ['end_year', 'Hoàn thành'],
    ]);
    expect(plan.suggestions).toEqual([]);
    expect((await h.fail(h.admin, 'improvement.saveMonitoring', { assessmentId: a.id, content: 'Thiếu thời điểm' })).code).toBe(
      'VALIDATION',
    );
    await h.call(h.admin, 'improvement.removeIssue', { id: issues[0]!.id });
    expect((await h.call(h.admin, 'improvement.get', { assessmentId: a.id })).items[0]!.issueId).toBeNull();
  });
});

describe('school data annex', () => {
  it('keeps values per school year for the catalog keys, computes totals, and refuses bad values', async () => {
    const a = await h.assessment();
    const data = await h.call(h.admin, 'schoolData.get', { assessmentId: a.id });
    expect(data.years).toEqual(['2024-2025', '2025-2026', '2026-2027']);
    expect(data.catalog.windowYears).toBe(3);
    expect(data.catalog.sections.map((s) => s.code)).toEqual([
      'lop',
      'cong_trinh',
      'doi_ngu',
      'doi_ngu_nam',
      'hoc_sinh',
      'ket_qua',
    ]);
    const keys = data.catalog.sections[0]!.items.map((i) => i.key);
    expect(keys).toEqual(['lop.khoi_6', 'lop.khoi_7', 'lop.khoi_8', 'lop.khoi_9', 'lop.tong']);
    expect(data.catalog.sections[1]!.items.every((i) => i.source === 'inventory')).toBe(true);

    const set = await h.call(h.admin, 'schoolData.set', {
      assessmentId: a.id,
      schoolYear: '2025-2026',
      values: { 'lop.khoi_6': 5, 'lop.khoi_7': '4', 'ket_qua.hoc_tap_tot': '32,5%' },
    });
    expect(set.values['2025-2026']).toMatchObject({
      'lop.khoi_6': { value: '5', source: 'entered' },
      'lop.khoi_7': { value: '4', source: 'entered' },
      'lop.tong': { value: '9', source: 'computed' },
      'ket_qua.hoc_tap_tot': { value: '32.5', source: 'entered' },
    });
    const bad = await h.fail(h.admin, 'schoolData.set', {
      assessmentId: a.id,
      schoolYear: '2025-2026',
      values: { 'lop.khoi_6': 'năm', 'ket_qua.hoc_tap_tot': 140, 'khong.co': 1, 'doi_ngu.giao_vien.tong_so': 40 },
    });
    expect(bad.code).toBe('VALIDATION');
    expect(bad.fields).toEqual({
      'lop.khoi_6': 'Khối lớp 6: "năm" không phải là số.',
      'ket_qua.hoc_tap_tot': 'Tỉ lệ học sinh có kết quả học tập xếp loại Tốt: tỉ lệ không quá 100%.',
      'khong.co': 'Không có trong danh mục cơ sở dữ liệu',
      'doi_ngu.giao_vien.tong_so': 'Giáo viên – tổng số: chỉ nhập cho năm học 2026-2027 (thời điểm tự đánh giá)',
    });
    expect(
      (await h.fail(h.admin, 'schoolData.set', { assessmentId: a.id, schoolYear: '2020-2021', values: { 'lop.khoi_6': 1 } }))
        .code,
    ).toBe('VALIDATION');
    const cleared = await h.call(h.admin, 'schoolData.set', {
      assessmentId: a.id,
      schoolYear: '2025-2026',
      values: { 'lop.khoi_7': null },
    });
    expect(cleared.values['2025-2026']!['lop.khoi_7']).toBeUndefined();
    expect(cleared.values['2025-2026']!['lop.tong']).toEqual({ value: '5', source: 'computed' });
    const viewer = await h.user('xem', 'viewer');
    expect((await h.call(viewer.conn, 'schoolData.get', { assessmentId: a.id })).canEdit).toBe(false);
    expect((await h.fail(viewer.conn, 'schoolData.set', { assessmentId: a.id, schoolYear: '2025-2026', values: {} })).code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('school data annex from the room register', () => {
  it('counts rooms in use by annex line and construction type; a typed value still wins', async () => {
    const a = await h.assessment();
    // Nothing in the register: the room lines stay empty (typed by hand).
    const before = await h.call(h.admin, 'schoolData.get', { assessmentId: a.id });
    expect(before.values['2025-2026']!['cong_trinh.phong_hoc.kien_co']).toBeUndefined();

    const solid = await h.call(h.admin, 'buildings.add', { name: 'Nhà A', constructionType: 'kien_co', yearInUse: 2010 });
    const temp = await h.call(h.admin, 'buildings.add', { name: 'Nhà tạm', constructionType: 'tam', yearInUse: 2026 });
    const room = (code: string, roomType: string, block: string, buildingId: string, extra = {}) =>
      h.call(h.admin, 'rooms.add', { code, name: code, roomType, block, buildingId, ...extra });
    await room('A101', 'phong_hoc', 'hoc_tap', solid.id);
    await room('A102', 'phong_hoc', 'hoc_tap', solid.id);
    await room('A201', 'bm_tin_hoc', 'hoc_tap', solid.id);
    await room('A301', 'thu_vien', 'ho_tro_hoc_tap', solid.id);
    await room('A302', 'phong_thiet_bi_giao_duc', 'ho_tro_hoc_tap', solid.id);
    await room('A001', 'van_phong', 'hanh_chinh_quan_tri', solid.id);
    await room('A002', 'nha_kho', 'phu_tro', solid.id);
    // Built in 2026: counted from 2025-2026 (as of its end year), not before.
    await room('T1', 'phong_hoc', 'hoc_tap', temp.id);
    // Closed in 2025: counted for 2024-2025 only.
    await room('A103', 'phong_hoc', 'hoc_tap', solid.id, { inUseToYear: 2025 });

    const data = await h.call(h.admin, 'schoolData.get', { assessmentId: a.id });
    const now = data.values['2025-2026']!;
    expect(now['cong_trinh.phong_hoc.kien_co']).toEqual({ value: '2', source: 'inventory' });
    expect(now['cong_trinh.phong_hoc.tam']).toEqual({ value: '1', source: 'inventory' });
    expect(now['cong_trinh.phong_bo_mon.kien_co']).toEqual({ value: '1', source: 'inventory' });
    expect(now['cong_trinh.thu_vien']).toEqual({ value: '1', source: 'inventory' });
    expect(now['cong_trinh.phuc_vu_hoc_tap.kien_co']).toEqual({ value: '1', source: 'inventory' });
    expect(now['cong_trinh.hanh_chinh.kien_co']).toEqual({ value: '1', source: 'inventory' });
    expect(now['cong_trinh.khac']).toEqual({ value: '1', source: 'inventory' });
    expect(data.values['2024-2025']!['cong_trinh.phong_hoc.kien_co']).toEqual({ value: '3', source: 'inventory' });
    expect(data.values['2024-2025']!['cong_trinh.phong_hoc.tam']).toBeUndefined();

    // The school corrects one line: its value wins over the count.
    await h.call(h.admin, 'schoolData.set', {
      assessmentId: a.id,
      schoolYear: '2025-2026',
      values: { 'cong_trinh.phong_hoc.kien_co': 3 },
    });
    const corrected = await h.call(h.admin, 'schoolData.get', { assessmentId: a.id });
    expect(corrected.values['2025-2026']!['cong_trinh.phong_hoc.kien_co']).toEqual({ value: '3', source: 'entered' });
  });
});
