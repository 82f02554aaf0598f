/**
 * The final (official) version of Biểu 1 from a complete TT 57 assessment, and the legacy
 * documents (TT 18/2018 with CV 5932) from a 2024-2025 assessment — both seeded through the
 * app's own RPC methods with the assessment module's test harness.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cite, harness, TT18, type Harness } from '../modules/assessment/testing';
import { readDocx } from './docx-read';
import { reportsCaller, type ReportsCaller } from './testing';

const TT57_CRITERIA = ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '3.1', '3.2', '3.3', '3.4', '3.5', '4.1', '4.2', '4.3'];

let h: Harness;
let r: ReportsCaller;

beforeAll(async () => {
  h = await harness();
  r = await reportsCaller(h.backend);
  const school = await h.call(h.admin, 'school.get', {});
  await h.call(h.admin, 'school.update', {
    expectedRev: school.rev,
    profile: {
      name: school.name,
      code: '66000123',
      levels: ['thcs'],
      address: '12 Lê Duẩn, phường Buôn Ma Thuột, tỉnh Đắk Lắk',
      province: 'Đắk Lắk',
      managingBody: 'Ủy ban nhân dân phường Buôn Ma Thuột',
      principal: 'Lê Thị Hạnh',
      phone: '0262 3850 123',
      email: 'thcsnguyendu@daklak.edu.vn',
    },
  });
}, 60_000);

afterAll(async () => {
  const blobs = path.join(h.dir, 'blobs');
  if (fs.existsSync(blobs))
    for (const f of fs.readdirSync(blobs, { recursive: true }) as string[]) fs.chmodSync(path.join(blobs, f), 0o755);
  await h.close();
});

const exportsDir = () => path.join(h.dir, 'exports');

describe('the final Biểu 1', () => {
  let A: string;
  let chairConn: Awaited<ReturnType<Harness['user']>>;
  let memberConn: Awaited<ReturnType<Harness['user']>>;

  beforeAll(async () => {
    const a = await h.assessment();
    A = a.id;
    chairConn = await h.user('ht.hanh', 'council_member', 'Lê Thị Hạnh');
    memberConn = await h.user('gv.binh', 'council_member', 'Trần Văn Bình');
    const seats: [string | null, string, 'chair' | 'secretary' | 'member'][] = [
      [chairConn.id, 'Hiệu trưởng', 'chair'],
      [null, 'Tổ trưởng tổ Văn', 'secretary'],
      [memberConn.id, 'Giáo viên', 'member'],
      [null, 'Giáo viên', 'member'],
      [null, 'Chủ tịch Công đoàn', 'member'],
    ];
    for (const [userId, position, councilRole] of seats) {
      await h.call(h.admin, 'council.saveMember', {
        assessmentId: A,
        ...(userId ? { userId } : { fullName: `Thành viên ${position}` }),
        position,
        councilRole,
      });
    }
    const ev = await h.evidence('1.1', { title: 'Kế hoạch giáo dục năm học 2026-2027' });
    await h.call(h.admin, 'evidence.verify', { id: ev.id, status: 'verified' });
    for (const code of TT57_CRITERIA) {
      const base = { assessmentId: A, criterionCode: code, requirementCode: '1' };
      await h.call(h.admin, 'criterion.saveRequirement', {
        ...base,
        level: 1,
        expectedRev: 0,
        description: `Tiêu chí ${code} đáp ứng Mức 1 ${cite(ev.id)}.`,
        judgment: 'met',
      });
      await h.call(h.admin, 'criterion.saveRequirement', {
        ...base,
        level: 2,
        expectedRev: 0,
        description: `Tiêu chí ${code} chưa đáp ứng Mức 2.`,
        judgment: 'not_met',
      });
      for (const action of ['submit', 'forward', 'approve'] as const)
        await h.call(h.admin, 'review.transition', { assessmentId: A, criterionCode: code, action });
    }
    for (const s of ['1', '2', '3', '4']) {
      await h.call(h.admin, 'summary.save', {
        assessmentId: A,
        scopeCode: s,
        expectedRev: 0,
        strengths: `Điểm mạnh của tiêu chuẩn ${s}.`,
        weaknesses: `Hạn chế của tiêu chuẩn ${s}.`,
        causes: `Nguyên nhân ${s}.`,
        priorities: `Ưu tiên ${s}.`,
      });
    }
    await h.call(h.admin, 'schoolData.set', {
      assessmentId: A,
      schoolYear: '2026-2027',
      values: {
        'lop.khoi_6': 4,
        'lop.khoi_7': 4,
        'lop.khoi_8': 4,
        'lop.khoi_9': 3,
        'hoc_sinh.tong': 602,
        'doi_ngu.hieu_truong.tong_so': 1,
        'doi_ngu.pho_hieu_truong.tong_so': 2,
        'doi_ngu.giao_vien.tong_so': 33,
        'doi_ngu.nhan_su_ho_tro.tong_so': 5,
      },
    });
  }, 120_000);

  it('is refused while required parts are missing even when the readiness check passes', async () => {
    expect((await h.call(h.admin, 'assessment.readiness', { id: A })).ready).toBe(true);
    const p = await r.call(h.admin, 'reports.preview', { assessmentId: A, kind: 'bieu1' });
    expect(p.final.readiness.ready).toBe(true);
    expect(p.final.allowed).toBe(false);
    expect(p.final.reasons.join(' ')).toMatch(/Còn \d+ mục bắt buộc chưa có dữ liệu: điều kiện kinh tế - xã hội của địa phương/);
    const e = await r.fail(h.admin, 'reports.build', { assessmentId: A, kind: 'bieu1', final: true });
    expect(e.code).toBe('VALIDATION');
    expect(fs.existsSync(exportsDir()) ? fs.readdirSync(exportsDir()) : []).toEqual([]);
  });

  it('is exported by the chair once complete: only optional placeholders, SHA-256, data revision and author recorded', async () => {
    const texts = await r.call(h.admin, 'reports.getTexts', { assessmentId: A });
    await r.call(h.admin, 'reports.saveTexts', {
      assessmentId: A,
      expectedRev: texts.rev,
      place: 'Buôn Ma Thuột',
      reportDate: '2027-05-20',
      foundedYear: '1995',
      website: 'https://thcsnguyendu.edu.vn',
      contextSocioEconomic: 'Phường có kinh tế - xã hội phát triển ổn định.',
      contextAdvantages: 'Được sự quan tâm của chính quyền địa phương.',
      contextDifficulties: 'Cơ sở vật chất còn thiếu phòng học bộ môn.',
      contextLearners: 'Học sinh dân tộc thiểu số chiếm 18%.',
      conclusionOverall: 'Nhà trường đạt Mức 1.',
      recommendDepartment: 'Đề nghị Sở hỗ trợ kinh phí xây dựng phòng học bộ môn.',
      recommendCommune: 'Đề nghị Ủy ban nhân dân phường quan tâm công tác xã hội hóa.',
      decisionNumber: '21/QĐ-THCSND',
      decisionDate: '2026-09-10',
      planNumber: '05/KH-HĐTĐG',
      planDate: '2026-09-15',
      processExecution: 'Các nhóm công tác thu thập minh chứng từ tháng 10/2026.',
      processAnalysis: 'Hội đồng rà soát minh chứng hằng tháng.',
      processConfirmation: 'Chủ tịch hội đồng duyệt từng tiêu chí.',
    });
    const p = await r.call(chairConn.conn, 'reports.preview', { assessmentId: A, kind: 'bieu1' });
    expect(p.gaps.filter((g) => g.severity === 'required')).toEqual([]);
    expect(p.final).toMatchObject({ allowed: true, reasons: [], canExportFinal: true });
    // A plain council member may draft but not sign off.
    expect((await r.fail(memberConn.conn, 'reports.build', { assessmentId: A, kind: 'bieu1', final: true })).code).toBe(
      'FORBIDDEN',
    );

    const built = await r.call(chairConn.conn, 'reports.build', { assessmentId: A, kind: 'bieu1', final: true });
    expect(built).toMatchObject({
      final: true,
      kind: 'bieu1',
      createdBy: chairConn.id,
      createdByName: 'Lê Thị Hạnh',
      preflightOk: true,
      textsRev: 1,
    });
    expect(built.file).toMatch(/ban chinh thuc\.docx$/);
    const [{ seq }] = (await h.backend.readSource.query('select max(seq) as seq from change_log')) as [{ seq: number }];
    expect(built.dataRevision).toBe(seq);
    expect(built.gaps.every((g) => g.severity === 'optional')).toBe(true);
    const doc = await readDocx(path.join(exportsDir(), built.file));
    // Only optional facts may still show a placeholder (here: the plan has no tasks, the data annex is partial).
    const optional = new Set(built.gaps.map((g) => `[Chưa có dữ liệu: ${g.message}]`));
    for (const ph of doc.paragraphs.flatMap((x) => x.highlighted)) expect(ph === '[Chưa có]' || optional.has(ph), ph).toBe(true);
    expect(doc.text).toContain('Bản giấy; Tủ hồ sơ số 1');
    expect(doc.text).toContain('Buôn Ma Thuột, ngày 20 tháng 5 năm 2027');
    expect(doc.text).toContain(
      'e) Quy mô: số lớp: 15; số học sinh: 602; tổng số cán bộ quản lý, giáo viên, nhân sự hỗ trợ giáo dục: 41, trong đó cán bộ quản lý: 3, giáo viên: 33, nhân sự hỗ trợ giáo dục: 5',
    );
    expect(doc.text).toContain(
      'Trường THCS Nguyễn Du tự đánh giá đạt Mức 1 về mức thực hiện hoạt động bảo đảm chất lượng giáo dục.',
    );
    expect(doc.text).toMatch(/Tiêu chí 4\.3 đáp ứng Mức 1 \(MC\.1\.1\.01\)\./);
    expect(doc.text).toContain('Quyết định số 21/QĐ-THCSND ngày 10 tháng 9 năm 2026');
    const list = await r.call(h.admin, 'reports.list', { assessmentId: A });
    expect(list[0]).toMatchObject({
      exportId: built.exportId,
      final: true,
      sha256: built.sha256,
      dataRevision: seq,
      available: true,
    });
  }, 60_000);
});

describe('exports never replace each other', () => {
  it('two builds of the same document at the same second get two files', async () => {
    const a = (await h.call(h.admin, 'assessment.list', {}))[0]!;
    const [x, y] = await Promise.all([
      r.call(h.admin, 'reports.build', { assessmentId: a.id, kind: 'council-decision' }),
      r.call(h.admin, 'reports.build', { assessmentId: a.id, kind: 'council-decision' }),
    ]);
    expect(x.file).not.toBe(y.file);
    for (const b of [x, y]) expect(fs.statSync(path.join(exportsDir(), b.file)).size).toBe(b.bytes);
    expect(fs.readdirSync(exportsDir()).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});

describe('legacy documents (TT 18/2018, CV 5932)', () => {
  let A: string;

  beforeAll(async () => {
    const a = await h.assessment({ schoolYear: '2024-2025', frameworkId: TT18 });
    A = a.id;
    expect(a.frameworkId).toBe(TT18);
    const ev = await h.evidence('1.1', { frameworkId: TT18, title: 'Nghị quyết về phương hướng, chiến lược phát triển' });
    await h.call(h.admin, 'evidence.verify', { id: ev.id, status: 'verified' });
    const base = { assessmentId: A, criterionCode: '1.1' };
    for (const code of ['a', 'b', 'c']) {
      await h.call(h.admin, 'criterion.saveRequirement', {
        ...base,
        level: 1,
        requirementCode: code,
        expectedRev: 0,
        description: `Chỉ báo ${code} được đáp ứng ${cite(ev.id)}.`,
        judgment: 'met',
      });
    }
    await h.call(h.admin, 'criterion.saveRequirement', {
      ...base,
      level: 2,
      requirementCode: '1',
      expectedRev: 0,
      description: 'Chưa có giải pháp giám sát.',
      judgment: 'not_met',
    });
    await h.call(h.admin, 'summary.save', {
      assessmentId: A,
      scopeCode: '1.1',
      expectedRev: 0,
      strengths: 'Có nghị quyết.',
      weaknesses: 'Chưa giám sát.',
      priorities: 'Xây dựng giải pháp giám sát.',
    });
  }, 60_000);

  it('the report: results summary, Phần I 5-year data, indicators with the Đạt/Không đạt table, Mức 4, the 7-column evidence list', async () => {
    const built = await r.call(h.admin, 'reports.build', { assessmentId: A, kind: 'legacy' });
    expect(built.preflight.checks.filter((c) => !c.ok && c.severity === 'error')).toEqual([]);
    expect(built.file).toMatch(/^Bao cao tu danh gia \(TT 18-2018\) 2024-2025 /);
    const doc = await readDocx(path.join(exportsDir(), built.file));
    expect(doc.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual([
      'DANH MỤC CÁC CHỮ VIẾT TẮT',
      'TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ',
      'Phần I. CƠ SỞ DỮ LIỆU',
      'Phần II. TỰ ĐÁNH GIÁ',
      'Phần III. KẾT LUẬN CHUNG',
      'Phần IV. PHỤ LỤC',
    ]);
    expect(doc.paragraphs.filter((p) => p.style === 'Heading3' && p.text.startsWith('Tiêu chí '))).toHaveLength(28);
    const grid = doc.tables.find((t) => t.rows[0]!.cells[0] === 'Tiêu chuẩn, tiêu chí')!;
    expect(grid.rows[1]!.cells).toEqual(['', 'Không đạt', 'Đạt Mức 1', 'Đạt Mức 2', 'Đạt Mức 3']);
    expect(grid.rows.find((x) => x.cells[0] === 'Tiêu chí 1.1')!.cells).toEqual(['Tiêu chí 1.1', '', 'x', '', '']);
    // Not judged: a placeholder, never "Không đạt"; "--------" where the criterion has no Mức 3.
    expect(grid.rows.find((x) => x.cells[0] === 'Tiêu chí 1.2')!.cells).toEqual([
      'Tiêu chí 1.2',
      '[Chưa có]',
      '',
      '',
      '--------',
    ]);
    expect(doc.text).toMatch(
      /Tiêu chuẩn 1 có 10 tiêu chí; 01 tiêu chí đạt từ Mức 1 trở lên \(Mức 1: 01, Mức 2: 00, Mức 3: 00\); 00 tiêu chí không đạt; 09 tiêu chí chưa đánh giá\./,
    );
    // 5 school years of data for the 2018 circulars.
    expect(
      doc.tables.some(
        (t) =>
          t.rows[0]!.cells.join('|') ===
          'Số liệu|Năm học 2020-2021|Năm học 2021-2022|Năm học 2022-2023|Năm học 2023-2024|Năm học 2024-2025',
      ),
    ).toBe(true);
    const selfAssess = doc.tables.filter((t) => t.rows[1]?.cells[0] === 'Chỉ báo');
    expect(selfAssess).toHaveLength(28);
    expect(selfAssess[0]!.rows[0]!.cells).toEqual(['Mức 1', 'Mức 2', 'Mức 3']);
    expect(selfAssess[0]!.rows.slice(2).map((x) => x.cells)).toEqual([
      ['a', 'Đạt', '*', 'Không đạt', '*', '–'],
      ['b', 'Đạt', '–', '–', '–', '–'],
      ['c', 'Đạt', '–', '–', '–', '–'],
    ]);
    expect(doc.bodyParagraphs.filter((p) => p.text.startsWith('Đạt Mức: '))[0]!.text).toBe('Đạt Mức: 1.');
    expect(doc.text).toMatch(/a\) Chỉ báo a được đáp ứng \[H1\.1\.01\.01\]\./);
    expect(doc.text).toContain('Khoản 1 Điều 22: Kế hoạch giáo dục của nhà trường');
    const list = doc.tables.find((t) => t.rows[0]!.cells.includes('Mã minh chứng'))!;
    expect(list.rows[0]!.cells).toEqual([
      'Tiêu chí',
      'Số TT',
      'Mã minh chứng',
      'Tên minh chứng',
      'Số, ngày ban hành hoặc thời điểm khảo sát, điều tra, phỏng vấn, quan sát',
      'Nơi ban hành hoặc nhóm, cá nhân thực hiện',
      'Ghi chú',
    ]);
    expect(list.rows[1]!.cells.slice(0, 4)).toEqual([
      '1.1',
      '1',
      '[H1.1.01.01]',
      'Nghị quyết về phương hướng, chiến lược phát triển',
    ]);
    expect(doc.sections.some((s) => s.orientation === 'landscape')).toBe(true);
    expect(built.gaps.map((g) => g.key)).toContain('level4.judgments');
    // TT 57 documents are refused for a legacy assessment.
    expect((await r.fail(h.admin, 'reports.build', { assessmentId: A, kind: 'bieu1' })).code).toBe('VALIDATION');
  }, 60_000);

  it('the criterion evaluation sheets: one per criterion, with the team leader and the writer signing', async () => {
    const built = await r.call(h.admin, 'reports.build', { assessmentId: A, kind: 'criterion-sheets' });
    expect(built.preflight.ok).toBe(true);
    const doc = await readDocx(path.join(exportsDir(), built.file));
    const sheets = doc.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text);
    expect(sheets).toHaveLength(28);
    expect(sheets[0]).toBe('PHIẾU ĐÁNH GIÁ TIÊU CHÍ 1.1');
    expect(doc.text).toContain('5. Tự đánh giá');
    const signatures = doc.tables.filter((t) => t.rows[0]!.cells[0]?.startsWith('Xác nhận của trưởng nhóm công tác'));
    expect(signatures).toHaveLength(28);
    expect(signatures[0]!.rows[0]!.cells[1]).toContain('NGƯỜI VIẾT\n(Ký và ghi rõ họ tên)');
  });
});
