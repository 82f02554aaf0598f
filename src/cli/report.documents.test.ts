/**
 * (Lives beside `demo seed`, which it uses: the backend may not import the CLI.)
 * Every official document generated from the demo school (`demo seed`: a TT 57 assessment in
 * progress) and read back from disk: structure, codes before the full stop, the TOC field, page
 * setup, rows that do not split, gaps as highlighted placeholders, the evidence package.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../contract/methods';
import type { ReportBuildResultDto } from '../contract/schemas/reports';
import { citationToken } from '../core/evidence/citations';
import { DEMO_PASSWORD, seedDemo, type DemoSeedResult } from './demo.command';
import { openBackend, type Backend } from '../backend/backend';
import type { Connection } from '../backend/rpc/router';
import { newConnection } from '../backend/transports/connections';
import { listZip, readDocx, readZipEntries } from '../backend/reports/docx-read';
import { reportsCaller, type ReportsCaller } from '../backend/reports/testing';

let dir: string;
let seeded: DemoSeedResult;
let backend: Backend;
let r: ReportsCaller;
let admin: Connection;
let chair: Connection;
let officer: Connection;
let A: string;
let seq = 0;

async function rpc<M extends MethodName>(conn: Connection, method: M, params: MethodInput<M>): Promise<MethodOutput<M>> {
  const res = await backend.router.dispatch(conn, { id: ++seq, method, params });
  if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
  return res.result as MethodOutput<M>;
}

async function login(username: string): Promise<Connection> {
  const conn = newConnection('test', true);
  await rpc(conn, 'auth.login', { username, password: DEMO_PASSWORD });
  return conn;
}

const exportsDir = () => path.join(dir, 'exports');
const exportFiles = () => (fs.existsSync(exportsDir()) ? fs.readdirSync(exportsDir()) : []);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-reports-'));
  seeded = await seedDemo(dir);
  backend = await openBackend({ dataDir: dir });
  r = await reportsCaller(backend);
  admin = await login('admin');
  chair = await login('ht.thanh');
  officer = await login('tb.phuc');
  A = seeded.assessment.id;
}, 120_000);

afterAll(async () => {
  await backend?.close();
  const blobs = path.join(dir, 'blobs');
  if (fs.existsSync(blobs))
    for (const f of fs.readdirSync(blobs, { recursive: true }) as string[]) fs.chmodSync(path.join(blobs, f), 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('reports.preview', () => {
  it('lists the outline and every gap before anything is written', async () => {
    const p = await r.call(admin, 'reports.preview', { assessmentId: A, kind: 'bieu1' });
    expect(exportFiles()).toEqual([]);
    expect(p.title).toBe('Báo cáo tự đánh giá (Biểu 1)');
    expect(p.fileName).not.toMatch(/[\\/]/);
    expect(p.fileName).toMatch(/^Bieu 1 - Bao cao tu danh gia 2026-2027 \d{8}-\d{6} du thao\.docx$/);
    const h1 = p.outline.filter((o) => o.level === 1).map((o) => o.text);
    expect(h1).toEqual(['Phần I. TỔNG QUAN', 'Phần II. TỰ ĐÁNH GIÁ', 'Phần III. KẾT LUẬN', 'Phần IV. PHỤ LỤC']);
    expect(p.outline.filter((o) => o.level === 3 && o.text.startsWith('Tiêu chí '))).toHaveLength(15);
    const keys = p.gaps.map((g) => g.key);
    // The narrative parts the workspace does not hold, criteria not assessed, missing data.
    expect(keys).toEqual(
      expect.arrayContaining([
        'texts.contextSocioEconomic',
        'texts.conclusionOverall',
        'criterion.2.3.unassessed',
        'summary.2.strengths',
      ]),
    );
    expect(p.gaps.find((g) => g.key === 'criterion.3.2.1.1.judgment')).toMatchObject({
      severity: 'required',
      section: expect.stringMatching(/^Tiêu chí 3\.2\./),
      fix: { screen: 'criterion', criterionCode: '3.2' },
    });
    expect(p.counts.required).toBe(p.gaps.filter((g) => g.severity === 'required').length);
    expect(p.final).toMatchObject({ allowed: false, readiness: { ready: false }, canExportFinal: true });
    expect(p.final.reasons[0]).toMatch(/^Kiểm tra sẵn sàng còn \d+ vấn đề/);
  });

  it('refuses a document that does not fit the framework', async () => {
    const e = await r.fail(admin, 'reports.preview', { assessmentId: A, kind: 'legacy' });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('hãy xuất Biểu 1 / Biểu 2');
  });
});

describe('Biểu 1 (báo cáo tự đánh giá)', () => {
  let built: ReportBuildResultDto;
  let doc: Awaited<ReturnType<typeof readDocx>>;

  beforeAll(async () => {
    built = await r.call(admin, 'reports.build', { assessmentId: A, kind: 'bieu1' });
    doc = await readDocx(path.join(exportsDir(), built.file));
  }, 60_000);

  it('is written into exports/ with its SHA-256, recorded with the data revision and the author', async () => {
    const b = built;
    expect(b.file).not.toMatch(/[\\/]/);
    const bytes = fs.readFileSync(path.join(exportsDir(), b.file));
    expect(b).toMatchObject({
      bytes: bytes.length,
      sha256: sha256(bytes),
      final: false,
      kind: 'bieu1',
      assessmentId: A,
      preflightOk: true,
    });
    const [{ seq: max }] = (await backend.readSource.query('select max(seq) as seq from change_log')) as [{ seq: number }];
    expect(b.dataRevision).toBe(max);
    expect(b.createdByName).toBe('Trần Minh Quân');
    const list = await r.call(admin, 'reports.list', { assessmentId: A });
    expect(list.find((x) => x.exportId === b.exportId)).toMatchObject({ sha256: b.sha256, available: true, dataRevision: max });
    expect(exportFiles().filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('has the four parts, the council list with a signature column, the TOC field and every criterion', () => {
    const h = doc.paragraphs.filter((p) => p.style?.startsWith('Heading'));
    expect(h.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual([
      'Phần I. TỔNG QUAN',
      'Phần II. TỰ ĐÁNH GIÁ',
      'Phần III. KẾT LUẬN',
      'Phần IV. PHỤ LỤC',
    ]);
    expect(h.filter((p) => p.style === 'Heading3' && p.text.startsWith('Tiêu chí '))).toHaveLength(15);
    expect(doc.text).toContain('DANH SÁCH VÀ CHỮ KÝ THÀNH VIÊN HỘI ĐỒNG TỰ ĐÁNH GIÁ');
    const council = doc.tables.find((t) => t.rows[0]!.cells.join('|') === 'TT|Họ và tên|Chức vụ|Nhiệm vụ|Chữ ký')!;
    expect(council.rows.slice(1).map((x) => x.cells[1])).toContain('Nguyễn Văn Thành');
    expect(council.rows).toHaveLength(8);
    expect(doc.fields.some((f) => f.startsWith('TOC '))).toBe(true);
    expect(doc.settingsXml).toMatch(/<w:updateFields[^>]*\/>/);
    // Cover: Quốc hiệu, title, school year; Phần I pre-printed purpose; Phần III accountability sentence.
    expect(doc.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(doc.text).toContain('BÁO CÁO TỰ ĐÁNH GIÁ\nNĂM HỌC 2026-2027');
    expect(doc.text).toContain(
      'Hiệu trưởng chịu trách nhiệm về tính trung thực, chính xác của thông tin, số liệu và minh chứng trong báo cáo tự đánh giá',
    );
  });

  it('Phần I counts the scale from the data annex and never invents what is missing', () => {
    const scale = doc.bodyParagraphs.find((p) => p.text.startsWith('e) Quy mô'))!.text;
    expect(scale).toContain('số lớp: 22; số học sinh: 874');
    // Only teachers were entered for the staff: no total is made up from a partial sum.
    expect(scale).toContain('giáo viên: 48');
    expect(scale).toMatch(/tổng số cán bộ quản lý, giáo viên, nhân sự hỗ trợ giáo dục: \[Chưa có dữ liệu: /);
  });

  it('each criterion: Mức 1, Mức 2, "Không đạt Mức 1", the Mức | Hiện trạng | Đánh giá table and the conclusion', () => {
    const at = doc.bodyParagraphs.findIndex((p) => p.text.startsWith('Tiêu chí 1.1. '));
    const block = doc.bodyParagraphs.slice(at, at + 8).map((p) => p.text);
    expect(block[1]).toMatch(/^Mức 1: Nhà trường xác định mục tiêu/);
    expect(block[2]).toMatch(/^Mức 2: Nhà trường rà soát, điều chỉnh kế hoạch/);
    expect(block[3]).toBe('Không đạt Mức 1: Không đáp ứng đầy đủ các yêu cầu của Mức 1.');
    const tables = doc.tables.filter((t) => t.rows[0]!.cells[0] === 'Mức');
    expect(tables).toHaveLength(15);
    expect(tables[0]!.rows[0]!.cells).toEqual([
      'Mức',
      'Hiện trạng, kết quả đạt được của tiêu chí đến thời điểm đánh giá (kèm theo mã minh chứng)',
      'Đánh giá (Đạt/Không đạt)',
    ]);
    expect(tables[0]!.rows.slice(1).map((x) => [x.cells[0], x.cells[2]])).toEqual([
      ['Mức 1', 'Đạt'],
      ['Mức 2', 'Đạt'],
    ]);
    // Codes in round brackets before the full stop.
    expect(tables[0]!.rows[1]!.cells[1]).toMatch(/từng nhiệm vụ \(MC\.1\.1\.\d{2}\)\. Các chỉ tiêu được thảo luận/);
    expect(tables[0]!.rows[1]!.cells[1]).toMatch(/người lao động \(MC\.1\.1\.\d{2}\)\.$/);
    const conclusions = doc.bodyParagraphs.filter((p) => p.text.startsWith('Tự đánh giá: '));
    expect(conclusions[0]!.text).toBe('Tự đánh giá: Tiêu chí đạt Mức 2.');
    // 3.5 judged "Không đạt" at Mức 1; 3.2 not judged: a placeholder, never a made-up verdict.
    const t35 = tables[11]!;
    expect(t35.rows[1]!.cells[2]).toBe('Không đạt');
    expect(t35.rows[2]!.cells[1]).toBe('Chỉ xem xét Mức 2 khi Mức 1 được xác định đạt.');
    expect(conclusions[11]!.text).toBe('Tự đánh giá: Tiêu chí không đạt Mức 1.');
    expect(tables[8]!.rows[1]!.cells[2]).toMatch(/^\[Chưa có dữ liệu: đánh giá tiêu chí 3\.2, Mức 1\]$/);
  });

  it('per standard: strengths, weaknesses and causes, the 3-year trend table and the criterion summary', () => {
    const s4 = doc.bodyParagraphs.findIndex((p) => p.text === 'Đánh giá chung về Tiêu chuẩn 4');
    const texts = doc.bodyParagraphs.slice(s4, s4 + 16).map((p) => p.text);
    expect(texts).toContain('1. Điểm mạnh nổi bật');
    expect(texts.join('\n')).toContain('Khuôn viên xanh, sạch, đẹp');
    expect(texts).toContain('Nguyên nhân:');
    expect(texts.join('\n')).toContain('Ba năm học gần đây số phòng học bộ môn tăng');
    const trend = doc.tables.filter((t) => t.rows[0]!.cells[0] === 'Tiêu chí' && t.rows[0]!.cells[1] === 'Năm học 2024-2025');
    expect(trend).toHaveLength(4);
    expect(trend[3]!.rows[0]!.cells).toEqual(['Tiêu chí', 'Năm học 2024-2025', 'Năm học 2025-2026', 'Năm học 2026-2027']);
    expect(trend[3]!.rows[1]!.cells).toEqual(['Tiêu chí 4.1', 'Chưa tự đánh giá', 'Chưa tự đánh giá', 'Mức 1']);
    const summary = doc.tables.filter((t) => t.rows[0]!.cells.join('|') === 'Tiêu chí|Không đạt|Đạt');
    expect(summary).toHaveLength(4);
    // Second header row: the cells merged down from "Tiêu chí" and "Không đạt", then "Đạt" split in two.
    expect(summary[0]!.rows[1]!.cells).toEqual(['', '', 'Mức 1', 'Mức 2']);
    expect(summary[0]!.rows.slice(0, 2).every((x) => x.header)).toBe(true);
    expect(summary[3]!.rows.map((x) => x.cells)).toContainEqual(['Tiêu chí 4.1 (*)', '', 'x', '']);
  });

  it('Phần III: the per-criterion grid, the count and % table, the school level', () => {
    const general = doc.tables.find((t) => t.rows[0]!.cells[1] === 'Tổng số tiêu chí')!;
    const total = general.rows[general.rows.length - 1]!.cells;
    expect(total[0]).toBe('Tổng cộng');
    expect(total[1]).toBe('15');
    // Four criteria are not judged yet: they are no "Không đạt", they are placeholders and a note.
    expect(Number(total[2]) + Number(total[4]) + Number(total[6])).toBe(11);
    const grid = doc.tables.find((t) => t.rows[0]!.cells[0] === 'Tiêu chuẩn, tiêu chí')!;
    expect(grid.rows.find((x) => x.cells[0] === 'Tiêu chí 3.2 (*)')!.cells).toEqual(['Tiêu chí 3.2 (*)', '[Chưa có]', '', '']);
    expect(grid.rows.find((x) => x.cells[0] === 'Tiêu chí 3.5')!.cells).toEqual(['Tiêu chí 3.5', 'x', '', '']);
    expect(doc.text).toContain('Ghi chú: 04 tiêu chí chưa được đánh giá (2.3, 3.2, 3.3, 3.4) không được tính vào cột nào.');
    expect(total[3]).toMatch(/^\d+(,\d)?%$/);
    expect(doc.text).toContain(
      'Căn cứ khoản 3 Điều 5 Thông tư số 57/2026/TT-BGDĐT, Trường THCS Nguyễn Chí Thanh tự đánh giá chưa đạt Mức 1',
    );
  });

  it('Phần IV: the 3-year data annex, the council decision, the plan and the evidence list (TT 57 columns)', () => {
    const classes = doc.tables.find(
      (t) =>
        t.rows[0]!.cells.join('|') === 'Số liệu|Năm học 2024-2025|Năm học 2025-2026|Năm học 2026-2027' &&
        t.rows[1]!.cells[0] === 'Khối lớp 6',
    )!;
    expect(classes.rows.map((x) => x.cells)).toContainEqual(['Cộng', '20', '21', '22']);
    const list = doc.tables.find((t) => t.rows[0]!.cells.includes('Mã minh chứng'))!;
    expect(list.rows[0]!.cells).toEqual([
      'TT',
      'Mã minh chứng',
      'Tên minh chứng',
      'Định dạng, vị trí lưu trữ hoặc đường dẫn điện tử',
      'Ghi chú',
    ]);
    expect(list.rows).toHaveLength(seeded.counts.evidence + 1);
    expect(list.rows[1]!.cells.slice(0, 2)).toEqual(['1', 'MC.1.1.01']);
    expect(list.rows[1]!.cells[3]).toMatch(/^Tệp PDF; Tủ hồ sơ kiểm định, ngăn 1$/);
  });

  it('page setup, Times New Roman, rows that do not split, NFC; gaps are highlighted placeholders', async () => {
    for (const s of doc.sections) {
      expect([s.width, s.height]).toEqual([11906, 16838]);
      expect(s.margins).toMatchObject({ top: 1134, bottom: 1134, left: 1701, right: 850 });
    }
    expect(doc.stylesXml).toMatch(/w:ascii="Times New Roman"/);
    expect(doc.tables.flatMap((t) => t.rows).every((x) => x.cantSplit)).toBe(true);
    expect(doc.text).toBe(doc.text.normalize('NFC'));
    const placeholders = doc.paragraphs.flatMap((p) => p.highlighted);
    expect(placeholders.every((t) => t.startsWith('[Chưa có'))).toBe(true);
    const b = built;
    const preview = await r.call(admin, 'reports.preview', { assessmentId: A, kind: 'bieu1' });
    expect(b.gaps.map((g) => g.key)).toEqual(preview.gaps.map((g) => g.key));
    // Numbers and dates of documents print as the blank form does ("Số: …/QĐ-…", "ngày … tháng …").
    const blanks = ['texts.decisionNumber', 'texts.planNumber', 'texts.reportDate'];
    for (const g of b.gaps.filter((x) => !x.key.startsWith('annex.') && !blanks.includes(x.key))) {
      expect(placeholders, g.key).toContain(`[Chưa có dữ liệu: ${g.message}]`);
    }
    expect(b.gaps.some((g) => g.key.startsWith('annex.'))).toBe(true);
    expect(placeholders).toContain('[Chưa có]');
    expect(doc.text).toContain('ngày … tháng … năm 20…');
    expect(b.preflight.ok).toBe(true);
    expect(b.preflight.checks.map((c) => c.code)).toEqual(
      expect.arrayContaining([
        'page-size',
        'margins',
        'font',
        'rows',
        'headings',
        'toc',
        'criteria',
        'judgments',
        'citations-listed',
        'list-complete',
      ]),
    );
  });
});

describe('the final version', () => {
  it('is refused while the readiness check fails, and for anyone but an administrator or the chair', async () => {
    const before = exportFiles();
    const e = await r.fail(admin, 'reports.build', { assessmentId: A, kind: 'bieu1', final: true });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(/^Chưa xuất được bản chính thức\. Kiểm tra sẵn sàng còn \d+ vấn đề/);
    const forbidden = await r.fail(officer, 'reports.build', { assessmentId: A, kind: 'council-decision', final: true });
    expect(forbidden.code).toBe('FORBIDDEN');
    expect(exportFiles()).toEqual(before);
    const preview = await r.call(chair, 'reports.preview', { assessmentId: A, kind: 'bieu1' });
    expect(preview.final.canExportFinal).toBe(true);
  });
});

describe('citations grouped in one pair of brackets', () => {
  it('"(MC.2.3.01, MC.2.2.01)." before the full stop', async () => {
    const list = await rpc(admin, 'evidence.list', { frameworkId: seeded.assessment.frameworkId, limit: 100 });
    const a = list.items.find((x) => x.code === 'MC.2.3.01')!;
    const b = list.items.find((x) => x.code === 'MC.2.2.01')!;
    await rpc(admin, 'evidence.linkCriterion', { id: b.id, criterionCode: '2.3', assessmentId: A });
    await rpc(admin, 'criterion.saveRequirement', {
      assessmentId: A,
      criterionCode: '2.3',
      level: 1,
      requirementCode: '1',
      expectedRev: 0,
      description: `Nhà trường có 01 nhân viên thư viện – thiết bị, 01 kế toán và 01 nhân viên y tế ${citationToken(a.id)} ${citationToken(b.id)}.`,
    });
    const built = await r.call(admin, 'reports.build', { assessmentId: A, kind: 'bieu1' });
    const doc = await readDocx(path.join(exportsDir(), built.file));
    expect(doc.text).toContain('01 nhân viên y tế (MC.2.3.01, MC.2.2.01).');
    expect(built.preflight.checks.find((c) => c.code === 'citation-placement')).toMatchObject({ ok: true });
    // MC.2.3.01 is now cited: the listed-but-not-cited warning is gone.
    expect(built.preflight.checks.find((c) => c.code === 'listed-cited')).toMatchObject({ ok: true });
  }, 60_000);
});

describe('Biểu 2 (kế hoạch cải tiến chất lượng)', () => {
  it('sections I–VIII, the focus-issue table, the ten-column plan table in a landscape section, monitoring, signature', async () => {
    const built = await r.call(admin, 'reports.build', { assessmentId: A, kind: 'bieu2' });
    expect(built.preflight.ok).toBe(true);
    const doc = await readDocx(path.join(exportsDir(), built.file));
    expect(doc.paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text.split('.')[0])).toEqual([
      'I',
      'II',
      'III',
      'IV',
      'V',
      'VI',
      'VII',
      'VIII',
    ]);
    expect(doc.sections.map((s) => s.orientation)).toEqual(['portrait', 'landscape', 'portrait']);
    expect(doc.sections[1]).toMatchObject({ width: 16838, height: 11906 });
    const plan = doc.tables.find((t) => t.rows[0]!.cells[1] === 'Nội dung cải tiến')!;
    expect(plan.rows[0]!.cells).toHaveLength(10);
    expect(plan.rows[1]!.cells).toEqual(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)']);
    expect(plan.rows.slice(0, 2).every((x) => x.header)).toBe(true);
    expect(plan.rows[2]!.cells.slice(0, 2)).toEqual(['1', 'Hoàn thiện phòng học bộ môn Khoa học tự nhiên']);
    expect(plan.rows[2]!.cells[9]).toBe('Đang thực hiện');
    const issues = doc.tables.find((t) => t.rows[0]!.cells[3] === 'Đánh giá hiện trạng')!;
    expect(issues.rows[0]!.cells).toEqual([
      'TT',
      'Tiêu chuẩn',
      'Tiêu chí liên quan (nếu có)',
      'Đánh giá hiện trạng',
      'Điểm hạn chế',
      'Nguyên nhân của hạn chế',
    ]);
    const monitoring = doc.tables.find((t) => t.rows[0]!.cells[0] === 'Thời điểm')!;
    expect(monitoring.rows.map((x) => x.cells[0])).toEqual(['Thời điểm', 'Cuối học kỳ I', 'Cuối năm học']);
    expect(monitoring.rows[1]!.cells[1]).toBe('Nội dung số 1: Tiến độ cải tạo phòng học bộ môn Khoa học tự nhiên');
    expect(doc.text).toContain('a) Thực hiện rà soát, đánh giá tối thiểu 02 lần trong năm học;');
    expect(doc.text).toContain('Chỉ lựa chọn các vấn đề trọng tâm, có tác động trực tiếp đến chất lượng giáo dục');
    expect(doc.tables.flatMap((t) => t.rows).every((x) => x.cantSplit)).toBe(true);
  });
});

describe('supporting documents', () => {
  it('the decision establishing the council, with its member list', async () => {
    const built = await r.call(admin, 'reports.build', { assessmentId: A, kind: 'council-decision' });
    expect(built.preflight.ok).toBe(true);
    const doc = await readDocx(path.join(exportsDir(), built.file));
    expect(doc.text).toContain('QUYẾT ĐỊNH\nVề việc thành lập Hội đồng tự đánh giá năm học 2026-2027');
    expect(doc.text).toContain(
      'Căn cứ Thông tư số 57/2026/TT-BGDĐT ngày 07 tháng 7 năm 2026 của Bộ trưởng Bộ Giáo dục và Đào tạo quy định về bảo đảm chất lượng',
    );
    expect(doc.text).toMatch(
      /Điều 1\. Thành lập Hội đồng tự đánh giá Trường THCS Nguyễn Chí Thanh năm học 2026-2027 gồm 07 ông \(bà\)/,
    );
    expect(doc.text).toContain('Điều 3. Các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.');
    const members = doc.tables.find(
      (t) => t.rows[0]!.cells.join('|') === 'TT|Họ và tên|Chức vụ|Nhiệm vụ|Nhiệm vụ được phân công',
    )!;
    expect(members.rows.slice(1).map((x) => x.cells[3])).toEqual([
      'Chủ tịch Hội đồng',
      'Phó Chủ tịch Hội đồng',
      'Thư ký',
      'Ủy viên',
      'Ủy viên',
      'Ủy viên',
      'Ủy viên',
    ]);
    expect(doc.text).toContain('DANH SÁCH CÁC NHÓM CÔNG TÁC');
    // The number was not entered: "Số: …/QĐ-…" and an optional gap, never a made-up number.
    expect(doc.tables[0]!.rows[0]!.cells[0]).toContain('Số: …/QĐ-…');
    expect(built.gaps.map((g) => g.key)).toContain('texts.decisionNumber');
    expect(doc.sections[0]!.titlePage).toBe(true);
  });

  it('the self-assessment plan', async () => {
    const built = await r.call(admin, 'reports.build', { assessmentId: A, kind: 'plan' });
    expect(built.preflight.ok).toBe(true);
    const doc = await readDocx(path.join(exportsDir(), built.file));
    expect(doc.paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text)).toEqual([
      'I. MỤC ĐÍCH TỰ ĐÁNH GIÁ',
      'II. PHẠM VI TỰ ĐÁNH GIÁ',
      'III. CÔNG CỤ TỰ ĐÁNH GIÁ',
      'IV. HỘI ĐỒNG TỰ ĐÁNH GIÁ',
      'V. THỜI GIAN VÀ NỘI DUNG HOẠT ĐỘNG',
    ]);
    const tasks = doc.tables.find((t) => t.rows[0]!.cells[1] === 'Nội dung công việc')!;
    expect(tasks.rows).toHaveLength(seeded.counts.planTasks + 1);
    const assignments = doc.tables.find((t) => t.rows[0]!.cells[2] === 'Nhóm công tác, cá nhân chịu trách nhiệm')!;
    expect(assignments.rows[1]!.cells.slice(1, 3)).toEqual([
      'Tiêu chí 1.1. Tầm nhìn, sứ mạng/mục tiêu và kế hoạch phát triển',
      'Nhóm công tác số 1 (Tiêu chuẩn 1, 2)',
    ]);
    expect(doc.text).toContain('TM. HỘI ĐỒNG\nCHỦ TỊCH');
  });

  it('the evidence list: official (.docx, .xlsx) and internal with the criteria each serves', async () => {
    const docx = await r.call(admin, 'reports.build', { assessmentId: A, kind: 'evidence-list' });
    const internal = await r.call(admin, 'reports.build', {
      assessmentId: A,
      kind: 'evidence-list',
      options: { internal: true },
    });
    const xlsx = await r.call(admin, 'reports.build', { assessmentId: A, kind: 'evidence-list', options: { format: 'xlsx' } });
    for (const b of [docx, internal, xlsx]) expect(b.preflight.ok).toBe(true);
    expect(xlsx.file).toMatch(/\.xlsx$/);
    expect(internal.file).toContain('(noi bo)');
    const d1 = await readDocx(path.join(exportsDir(), docx.file));
    const t1 = d1.tables.find((t) => t.rows[0]!.cells.includes('Mã minh chứng'))!;
    expect(t1.rows[0]!.cells).toEqual([
      'TT',
      'Mã minh chứng',
      'Tên minh chứng',
      'Định dạng, vị trí lưu trữ hoặc đường dẫn điện tử',
      'Ghi chú',
    ]);
    expect(t1.rows).toHaveLength(seeded.counts.evidence + 1);
    const d2 = await readDocx(path.join(exportsDir(), internal.file));
    const t2 = d2.tables.find((t) => t.rows[0]!.cells.includes('Mã minh chứng'))!;
    expect(t2.rows[0]!.cells.slice(5)).toEqual(['Tiêu chí sử dụng', 'Được trích dẫn tại tiêu chí', 'Tình trạng']);
    const row22 = t2.rows.find((x) => x.cells[1] === 'MC.2.2.01')!;
    expect(row22.cells[5]).toBe('2.2, 2.3');
    expect(d2.sections[0]!.orientation).toBe('landscape');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(exportsDir(), xlsx.file));
    const ws = wb.getWorksheet('Danh mục minh chứng')!;
    expect(ws.getRow(5).values).toEqual([
      undefined,
      'TT',
      'Mã minh chứng',
      'Tên minh chứng',
      'Định dạng, vị trí lưu trữ hoặc đường dẫn điện tử',
      'Ghi chú',
    ]);
    expect(ws.getRow(6).getCell(2).value).toBe('MC.1.1.01');
    expect(ws.getRow(6 + seeded.counts.evidence - 1).getCell(1).value).toBe(String(seeded.counts.evidence));
  });
});

describe('the evidence package (.zip)', () => {
  it('one folder per standard and criterion, files named by code, index.xlsx, index.html with relative links, manifest with every SHA-256', async () => {
    const built = await r.call(admin, 'reports.build', { assessmentId: A, kind: 'package' });
    expect(built.preflight).toMatchObject({ ok: true });
    const zip = path.join(exportsDir(), built.file);
    expect(built.file).toMatch(/\.zip$/);
    const entries = await readZipEntries(zip);
    const names = [...entries.keys()];
    const root = 'Ho so minh chung 2026-2027';
    expect(names).toEqual(
      expect.arrayContaining([`${root}/index.html`, `${root}/Danh muc minh chung.xlsx`, `${root}/manifest.json`]),
    );
    const pdf11 = names.find((n) => n.startsWith(`${root}/Tieu chuan 1/Tieu chi 1.1/MC.1.1.01 - `))!;
    expect(pdf11).toMatch(
      /^Ho so minh chung 2026-2027\/Tieu chuan 1\/Tieu chi 1\.1\/MC\.1\.1\.01 - Ke hoach [A-Za-z0-9 ,.()-]+\.pdf$/,
    );
    expect(names.every((n) => /^[\x20-\x7e]+$/.test(n))).toBe(true);
    // Every criterion has its folder, even without files.
    const dirs = await listZip(zip);
    expect(dirs.map((d) => d.name)).toContain(`${root}/Tieu chuan 3/Tieu chi 3.4/`);
    const manifest = JSON.parse(entries.get(`${root}/manifest.json`)!.toString('utf8')) as {
      format: string;
      dataRevision: number;
      files: { path: string; sha256: string; bytes: number; code?: string }[];
    };
    expect(manifest.format).toBe('truong-chuan/evidence-package');
    expect(manifest.dataRevision).toBe(built.dataRevision);
    const files = manifest.files.filter((f) => f.code);
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const f of manifest.files) {
      const bytes = entries.get(`${root}/${f.path}`)!;
      expect(sha256(bytes), f.path).toBe(f.sha256);
      expect(bytes.length).toBe(f.bytes);
    }
    // The bytes are the stored evidence, by content hash.
    const list = await rpc(admin, 'evidence.list', { frameworkId: seeded.assessment.frameworkId, limit: 100 });
    for (const f of files) expect(f.sha256).toBe(list.items.find((e) => e.code === f.code)!.sha256);
    // index.html: the Vietnamese kept, codes as relative links that resolve inside the zip.
    const html = entries.get(`${root}/index.html`)!.toString('utf8');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('Trường THCS Nguyễn Chí Thanh');
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThanOrEqual(files.length);
    for (const h of hrefs.filter((x) => !/^https?:/.test(x))) {
      expect(h).not.toMatch(/^(\/|file:|[A-Za-z]:)/);
      expect(entries.has(`${root}/${h.split('/').map(decodeURIComponent).join('/')}`), h).toBe(true);
    }
    expect(html).toContain(
      `href="${pdf11
        .slice(root.length + 1)
        .split('/')
        .map(encodeURIComponent)
        .join('/')}"`,
    );
    // The workbook index links the codes to the same relative paths.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(entries.get(`${root}/Danh muc minh chung.xlsx`)! as never);
    const cell = wb.getWorksheet('Danh mục minh chứng')!.getRow(6).getCell(2).value as { text: string; hyperlink: string };
    expect(cell).toMatchObject({ text: 'MC.1.1.01', hyperlink: pdf11.slice(root.length + 1) });
  });
});

describe('downloads, copies and the report texts', () => {
  it('download (base64) matches the recorded SHA-256; saveAs needs a save-dialog grant', async () => {
    const built = await r.call(admin, 'reports.build', { assessmentId: A, kind: 'plan' });
    const dl = await r.call(admin, 'reports.download', { exportId: built.exportId });
    expect(sha256(Buffer.from(dl.contentBase64, 'base64'))).toBe(built.sha256);
    expect(dl).toMatchObject({
      file: built.file,
      bytes: built.bytes,
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect((await r.fail(admin, 'reports.saveAs', { exportId: built.exportId, fileHandle: 'h-none' })).code).toBe('FORBIDDEN');
    const target = path.join(dir, 'chosen', 'Kế hoạch.docx');
    fs.mkdirSync(path.dirname(target));
    admin.grants.set('h-save', { handle: 'h-save', path: target, kind: 'docx', mode: 'write' });
    const saved = await r.call(admin, 'reports.saveAs', { exportId: built.exportId, fileHandle: 'h-save' });
    expect(saved).toEqual({ file: 'Kế hoạch.docx', bytes: built.bytes, sha256: built.sha256 });
    expect(sha256(fs.readFileSync(target))).toBe(built.sha256);
    expect(admin.grants.has('h-save')).toBe(false);
    // A file changed on disk after export is not handed out.
    fs.appendFileSync(path.join(exportsDir(), built.file), 'x');
    expect((await r.fail(admin, 'reports.download', { exportId: built.exportId })).code).toBe('CONFLICT');
    expect((await r.call(admin, 'reports.list', {})).find((x) => x.exportId === built.exportId)!.available).toBe(false);
  });

  it('texts: saved by the council, conflicts detected, the gap disappears from the preview', async () => {
    const t0 = await r.call(admin, 'reports.getTexts', { assessmentId: A });
    expect(t0).toMatchObject({ rev: 0, contextSocioEconomic: '', canEdit: true, standardIntros: {} });
    expect((await r.fail(officer, 'reports.saveTexts', { assessmentId: A, expectedRev: 0, place: 'Buôn Ma Thuột' })).code).toBe(
      'FORBIDDEN',
    );
    const t1 = await r.call(admin, 'reports.saveTexts', {
      assessmentId: A,
      expectedRev: 0,
      place: 'Buôn Ma Thuột',
      contextSocioEconomic: 'Phường Buôn Ma Thuột có kinh tế phát triển; '.normalize('NFD'),
      decisionNumber: '15/QĐ-THCSNCT',
      decisionDate: '2026-09-05',
    });
    expect(t1).toMatchObject({ rev: 1, place: 'Buôn Ma Thuột', decisionNumber: '15/QĐ-THCSNCT' });
    expect(t1.contextSocioEconomic).toBe('Phường Buôn Ma Thuột có kinh tế phát triển;'.normalize('NFC'));
    expect((await r.fail(admin, 'reports.saveTexts', { assessmentId: A, expectedRev: 0, place: 'Khác' })).code).toBe('CONFLICT');
    const p = await r.call(admin, 'reports.preview', { assessmentId: A, kind: 'council-decision' });
    expect(p.gaps.map((g) => g.key)).not.toContain('texts.decisionNumber');
    expect(p.gaps.map((g) => g.key)).not.toContain('texts.place');
    const built = await r.call(admin, 'reports.build', { assessmentId: A, kind: 'council-decision' });
    expect(built.textsRev).toBe(1);
    const doc = await readDocx(path.join(exportsDir(), built.file));
    expect(doc.tables[0]!.rows[0]!.cells[1]).toContain('Buôn Ma Thuột, ngày 05 tháng 9 năm 2026');
    expect(doc.tables[0]!.rows[0]!.cells[0]).toContain('Số: 15/QĐ-THCSNCT');
  });
});
