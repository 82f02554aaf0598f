/**
 * Preflight: after a document is written, read it back from disk (unzip, parse
 * word/document.xml; exceljs for .xlsx; yauzl for the package) and check it against the data
 * it was made from — every criterion present, every level judgment as stored, every cited
 * evidence code in the evidence list and every listed one cited, page setup, fonts, headings,
 * rows that do not split, the TOC field, placeholders matching the gap list.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { ReportKind } from '../../contract/schemas/reports';
import { A4, MARGINS, type Gap, type OutlineEntry } from './docx-kit';
import { readDocx, type DocxContent, type DocxTable } from './docx-read';
import { EVIDENCE_SHEET } from './evidence-xlsx';
import { INDEX_HTML, MANIFEST, type PackagePlan } from './evidence-package';
import type { ReportData } from './report-data';

export interface PreflightCheck {
  code: string;
  ok: boolean;
  severity: 'error' | 'warning';
  message: string;
  details: string[];
}

export interface Preflight {
  ok: boolean;
  checks: PreflightCheck[];
}

class Checks {
  readonly list: PreflightCheck[] = [];
  add(code: string, severity: 'error' | 'warning', okMessage: string, failMessage: string, details: string[]): void {
    const ok = details.length === 0;
    this.list.push({ code, ok, severity, message: ok ? okMessage : failMessage, details: details.slice(0, 50) });
  }
  result(): Preflight {
    return { ok: this.list.every((c) => c.ok || c.severity === 'warning'), checks: this.list };
  }
}

/** Global regex of the framework's evidence codes (canonical and accepted spellings). */
export function codeRegex(d: ReportData): RegExp {
  const conv = d.fw.evidenceCode;
  const sources = conv ? [conv.pattern, ...conv.acceptedPatterns] : ['MC\\.\\d+\\.\\d+\\.\\d{2,3}'];
  const body = sources
    .map(
      (p) =>
        `(?:${p
          .replace(/^\^/, '')
          .replace(/\$$/, '')
          .replace(/\(\?<\w+>/g, '(')})`,
    )
    .join('|');
  return new RegExp(body, 'g');
}

const isEvidenceList = (t: DocxTable): boolean => (t.rows[0]?.cells ?? []).some((c) => c.trim() === 'Mã minh chứng');
const headerCells = (t: DocxTable): string[] => t.rows[0]?.cells.map((c) => c.trim()) ?? [];

function listedCodes(doc: DocxContent): string[] {
  const out: string[] = [];
  for (const t of doc.tables.filter(isEvidenceList)) {
    const col = headerCells(t).indexOf('Mã minh chứng');
    for (const r of t.rows.filter((x) => !x.header)) {
      const v = r.cells[col]?.trim();
      if (v) out.push(v);
    }
  }
  return out;
}

function citedText(doc: DocxContent): string {
  const tables = doc.tables.filter((t) => !isEvidenceList(t)).flatMap((t) => t.rows.flatMap((r) => r.cells));
  return [...doc.bodyParagraphs.map((p) => p.text), ...tables].join('\n');
}

function layoutChecks(
  c: Checks,
  doc: DocxContent,
  o: { landscape: boolean; toc: boolean; outline: OutlineEntry[]; gaps: Gap[] },
): void {
  const badPages = doc.sections
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => {
      const portrait = s.width === A4.width && s.height === A4.height && s.orientation !== 'landscape';
      const landscape = s.width === A4.height && s.height === A4.width && s.orientation === 'landscape';
      return !(portrait || landscape);
    })
    .map(({ s, i }) => `Phần ${i + 1}: ${s.width}×${s.height} ${s.orientation ?? ''}`);
  c.add('page-size', 'error', 'Khổ giấy A4 (11906 × 16838) ở mọi phần.', 'Có phần không đúng khổ A4.', badPages);
  const badMargins = doc.sections
    .map((s, i) => ({ s, i }))
    .filter(
      ({ s }) =>
        s.margins.top !== MARGINS.top ||
        s.margins.bottom !== MARGINS.bottom ||
        s.margins.left !== MARGINS.left ||
        s.margins.right !== MARGINS.right,
    )
    .map(
      ({ s, i }) =>
        `Phần ${i + 1}: trên ${s.margins.top}, dưới ${s.margins.bottom}, trái ${s.margins.left}, phải ${s.margins.right}`,
    );
  c.add(
    'margins',
    'error',
    'Lề trên, dưới 20 mm, trái 30 mm, phải 15 mm.',
    'Lề trang không đúng Nghị định 30/2020/NĐ-CP.',
    badMargins,
  );
  if (o.landscape) {
    c.add(
      'landscape',
      'error',
      'Có phần trang nằm ngang cho bảng rộng.',
      'Thiếu phần trang nằm ngang.',
      doc.sections.some((s) => s.orientation === 'landscape') ? [] : ['Không có phần nào nằm ngang'],
    );
  }
  const font = /<w:docDefaults>[\s\S]*?w:ascii="Times New Roman"[\s\S]*?<\/w:docDefaults>/.test(doc.stylesXml);
  c.add(
    'font',
    'error',
    'Phông chữ mặc định Times New Roman.',
    'Phông chữ mặc định không phải Times New Roman.',
    font ? [] : ['styles.xml'],
  );
  const rows = doc.tables.flatMap((t, ti) => t.rows.map((r, ri) => ({ r, ti, ri }))).filter(({ r }) => !r.cantSplit);
  c.add(
    'rows',
    'error',
    'Mọi hàng bảng không bị ngắt sang trang sau (cantSplit).',
    'Có hàng bảng có thể bị ngắt trang.',
    rows.map(({ ti, ri }) => `Bảng ${ti + 1}, hàng ${ri + 1}`),
  );
  const headings = doc.paragraphs.filter((p) => /^Heading[1-4]$/.test(p.style ?? '')).map((p) => p.text.trim());
  const missingHeadings = o.outline.filter((h) => !headings.includes(h.text)).map((h) => h.text);
  c.add(
    'headings',
    'error',
    `${headings.length} đề mục dùng kiểu Heading của Word (hiện trong ngăn điều hướng).`,
    'Có đề mục không dùng kiểu Heading.',
    missingHeadings,
  );
  const outlineLvl = /w:styleId="Heading1"[\s\S]*?<w:outlineLvl w:val="0"\/>/.test(doc.stylesXml);
  if (o.outline.length > 0)
    c.add(
      'outline-levels',
      'error',
      'Kiểu Heading có cấp đề cương.',
      'Kiểu Heading thiếu cấp đề cương.',
      outlineLvl ? [] : ['Heading1'],
    );
  if (o.toc) {
    const toc = doc.fields.some((f) => /^TOC\b/.test(f));
    const update = /<w:updateFields[^>]*\/>/.test(doc.settingsXml);
    c.add(
      'toc',
      'error',
      'Có trường Mục lục (TOC), Word cập nhật khi mở tệp.',
      'Thiếu trường Mục lục hoặc thiết lập cập nhật khi mở.',
      [...(toc ? [] : ['Không có trường TOC']), ...(update ? [] : ['Thiếu w:updateFields'])],
    );
  }
  const notNfc = doc.paragraphs.filter((p) => p.text !== p.text.normalize('NFC')).map((p) => p.text.slice(0, 80));
  c.add('nfc', 'error', 'Văn bản tiếng Việt chuẩn NFC.', 'Có đoạn văn không chuẩn NFC.', notNfc);
  const placeholders = doc.paragraphs
    .flatMap((p) => p.highlighted)
    .filter((t) => t.startsWith('[Chưa có') || t.startsWith('[minh chứng'));
  const mismatch =
    o.gaps.length > 0 && placeholders.length === 0
      ? ['Danh sách thiếu dữ liệu có mục nhưng văn bản không có ô đánh dấu']
      : o.gaps.length === 0 && placeholders.length > 0
        ? [`Văn bản có ${placeholders.length} ô "[Chưa có …]" nhưng danh sách thiếu dữ liệu trống`]
        : [];
  c.add(
    'placeholders',
    'error',
    `${placeholders.length} ô "[Chưa có dữ liệu …]" được tô sáng, khớp danh sách ${o.gaps.length} mục thiếu.`,
    'Ô đánh dấu thiếu dữ liệu không khớp danh sách.',
    mismatch,
  );
}

function citationChecks(c: Checks, doc: DocxContent, d: ReportData): void {
  const re = codeRegex(d);
  const cited = new Set([...citedText(doc).matchAll(re)].map((m) => m[0]));
  const listed = listedCodes(doc);
  const listedSet = new Set(listed);
  const dataCodes = d.evidence.map((e) => e.code);
  c.add(
    'citations-listed',
    'error',
    `${cited.size} mã minh chứng được trích dẫn, đều có trong danh mục.`,
    'Có mã minh chứng được trích dẫn nhưng không có trong danh mục.',
    [...cited].filter((x) => !listedSet.has(x)),
  );
  c.add(
    'list-complete',
    'error',
    `Danh mục có đủ ${dataCodes.length} minh chứng của đợt đánh giá.`,
    'Danh mục minh chứng không khớp dữ liệu.',
    [
      ...dataCodes.filter((x) => !listedSet.has(x)).map((x) => `Thiếu ${x}`),
      ...listed.filter((x) => !dataCodes.includes(x)).map((x) => `Thừa ${x}`),
      ...(listed.length !== new Set(listed).size ? ['Có mã bị lặp trong danh mục'] : []),
    ],
  );
  c.add(
    'listed-cited',
    'warning',
    'Mọi minh chứng trong danh mục đều được trích dẫn trong báo cáo.',
    'Có minh chứng trong danh mục nhưng không được trích dẫn ở phần mô tả.',
    listed.filter((x) => !cited.has(x)),
  );
  if (d.fw.evidenceCode?.citationBrackets !== 'none') {
    const after = [...citedText(doc).matchAll(/[^.\s]\.\s+\((MC[^)]*)\)/g)].map((m) => m[0]);
    c.add(
      'citation-placement',
      'warning',
      'Mã minh chứng đặt trong ngoặc tròn, trước dấu chấm câu.',
      'Có mã minh chứng đặt sau dấu chấm câu.',
      after,
    );
  }
}

function bieu1Checks(c: Checks, doc: DocxContent, d: ReportData): void {
  const h3 = doc.paragraphs.filter((p) => p.style === 'Heading3').map((p) => p.text);
  c.add(
    'criteria',
    'error',
    `Đủ ${d.criteria.length} tiêu chí.`,
    'Thiếu tiêu chí trong báo cáo.',
    d.criteria.filter((x) => !h3.some((t) => t.startsWith(`Tiêu chí ${x.code}. `))).map((x) => x.code),
  );
  const conclusions = doc.bodyParagraphs.filter((p) => p.text.startsWith('Tự đánh giá: '));
  const wrong: string[] = [];
  if (conclusions.length !== d.criteria.length)
    wrong.push(`Có ${conclusions.length} dòng kết luận cho ${d.criteria.length} tiêu chí`);
  d.criteria.forEach((x, i) => {
    const text = conclusions[i]?.text ?? '';
    if (!x.assessed) {
      if (!text.includes('[Chưa có dữ liệu')) wrong.push(`Tiêu chí ${x.code}: chưa đánh giá nhưng không đánh dấu thiếu dữ liệu`);
      return;
    }
    const expected = x.level > 0 ? `Tự đánh giá: Tiêu chí đạt ${x.levelLabel}.` : 'Tự đánh giá: Tiêu chí không đạt Mức 1.';
    if (text !== expected) wrong.push(`Tiêu chí ${x.code}: văn bản "${text}", dữ liệu "${expected}"`);
  });
  const tables = doc.tables.filter((t) => headerCells(t)[0] === 'Mức' && (headerCells(t)[2] ?? '').startsWith('Đánh giá'));
  if (tables.length !== d.criteria.length)
    wrong.push(`Có ${tables.length} bảng mô tả hiện trạng cho ${d.criteria.length} tiêu chí`);
  d.criteria.forEach((x, i) => {
    const rows = tables[i]?.rows.filter((r) => !r.header) ?? [];
    const reqs = x.levels.flatMap((l) => l.requirements);
    reqs.forEach((r, k) => {
      const verdict = rows[k]?.cells[2]?.trim() ?? '';
      if (r.needsConfirmation) return;
      if (r.judgment === 'met' && !verdict.startsWith('Đạt'))
        wrong.push(`Tiêu chí ${x.code}, Mức ${r.level}: dữ liệu "Đạt", văn bản "${verdict}"`);
      if (r.judgment === 'not_met' && verdict !== 'Không đạt')
        wrong.push(`Tiêu chí ${x.code}, Mức ${r.level}: dữ liệu "Không đạt", văn bản "${verdict}"`);
    });
  });
  c.add('judgments', 'error', 'Mức đạt và đánh giá từng mức khớp dữ liệu.', 'Đánh giá trong văn bản không khớp dữ liệu.', wrong);
  const level = doc.text.includes(
    d.school_level.level > 0 ? `tự đánh giá đạt ${d.school_level.label}` : 'tự đánh giá chưa đạt Mức 1',
  );
  c.add(
    'school-level',
    'error',
    `Mức đạt của nhà trường: ${d.school_level.label}.`,
    'Mức đạt của nhà trường không khớp dữ liệu.',
    level ? [] : [d.school_level.label],
  );
}

function legacyChecks(c: Checks, doc: DocxContent, d: ReportData, sheets: boolean): void {
  const headings = doc.paragraphs.filter((p) => (sheets ? p.style === 'Heading1' : p.style === 'Heading3')).map((p) => p.text);
  const prefix = (code: string) => (sheets ? `PHIẾU ĐÁNH GIÁ TIÊU CHÍ ${code}` : `Tiêu chí ${code}: `);
  c.add(
    'criteria',
    'error',
    `Đủ ${d.criteria.length} tiêu chí.`,
    'Thiếu tiêu chí.',
    d.criteria.filter((x) => !headings.some((t) => t.startsWith(prefix(x.code)))).map((x) => x.code),
  );
  const conclusions = doc.bodyParagraphs.filter((p) => p.text.startsWith('Đạt Mức: '));
  const wrong: string[] = [];
  if (conclusions.length !== d.criteria.length)
    wrong.push(`Có ${conclusions.length} dòng "Đạt Mức" cho ${d.criteria.length} tiêu chí`);
  d.criteria.forEach((x, i) => {
    if (!x.assessed) return;
    const expected = `Đạt Mức: ${x.level > 0 ? x.level : 'Không đạt'}.`;
    const text = conclusions[i]?.text ?? '';
    if (text !== expected) wrong.push(`Tiêu chí ${x.code}: văn bản "${text}", dữ liệu "${expected}"`);
  });
  c.add('judgments', 'error', 'Mức đạt từng tiêu chí khớp dữ liệu.', 'Mức đạt trong văn bản không khớp dữ liệu.', wrong);
}

export interface DocxPreflightInput {
  kind: ReportKind;
  file: string;
  data: ReportData;
  gaps: Gap[];
  outline: OutlineEntry[];
  toc: boolean;
}

export async function preflightDocx(i: DocxPreflightInput): Promise<Preflight> {
  const c = new Checks();
  let doc: DocxContent;
  try {
    doc = await readDocx(i.file);
  } catch (err) {
    c.add('readable', 'error', '', 'Không đọc lại được tệp vừa ghi.', [(err as Error).message]);
    return c.result();
  }
  c.add('readable', 'error', 'Đọc lại được tệp .docx (word/document.xml).', '', []);
  const d = i.data;
  layoutChecks(c, doc, { landscape: i.kind === 'bieu2' || i.kind === 'legacy', toc: i.toc, outline: i.outline, gaps: i.gaps });
  switch (i.kind) {
    case 'bieu1':
      bieu1Checks(c, doc, d);
      citationChecks(c, doc, d);
      break;
    case 'legacy':
      legacyChecks(c, doc, d, false);
      citationChecks(c, doc, d);
      break;
    case 'criterion-sheets':
      legacyChecks(c, doc, d, true);
      break;
    case 'bieu2': {
      const plan = doc.tables.find((t) => headerCells(t)[1] === 'Nội dung cải tiến');
      const issues = doc.tables.find((t) => headerCells(t)[1] === 'Tiêu chuẩn' && headerCells(t)[3] === 'Đánh giá hiện trạng');
      const wrong: string[] = [];
      const planRows = plan ? plan.rows.filter((r) => !r.header).length : 0;
      if (planRows !== d.improvement.items.length)
        wrong.push(`Bảng kế hoạch có ${planRows} dòng, dữ liệu có ${d.improvement.items.length} nội dung`);
      if (plan && plan.rows[0]?.cells.length !== 10) wrong.push(`Bảng kế hoạch có ${plan.rows[0]?.cells.length} cột (cần 10)`);
      const issueRows = issues ? issues.rows.filter((r) => !r.header).length : 0;
      if (issueRows !== d.improvement.issues.length)
        wrong.push(`Bảng vấn đề trọng tâm có ${issueRows} dòng, dữ liệu có ${d.improvement.issues.length}`);
      for (const it of d.improvement.items)
        if (it.content.trim() && !doc.text.includes(it.content.trim())) wrong.push(`Thiếu nội dung "${it.content}"`);
      c.add(
        'plan-rows',
        'error',
        `Đủ ${d.improvement.items.length} nội dung cải tiến, ${d.improvement.issues.length} vấn đề trọng tâm.`,
        'Kế hoạch cải tiến không khớp dữ liệu.',
        wrong,
      );
      break;
    }
    case 'council-decision': {
      const missing = d.council.members.filter((m) => !doc.text.includes(m.fullName)).map((m) => m.fullName);
      c.add('members', 'error', `Đủ ${d.council.members.length} thành viên hội đồng.`, 'Thiếu thành viên hội đồng.', missing);
      break;
    }
    case 'plan': {
      const missing = d.plan.tasks.filter((t) => !doc.text.includes(t.title)).map((t) => t.title);
      c.add('tasks', 'error', `Đủ ${d.plan.tasks.length} nhiệm vụ của kế hoạch.`, 'Thiếu nhiệm vụ của kế hoạch.', missing);
      break;
    }
    case 'evidence-list': {
      const listed = listedCodes(doc);
      const want = d.evidence.map((e) => e.code);
      const wrong =
        want.length !== listed.length || want.some((x, k) => listed[k] !== x)
          ? [
              `Văn bản: ${listed.length} mã, dữ liệu: ${want.length} mã`,
              ...want.filter((x) => !listed.includes(x)).map((x) => `Thiếu ${x}`),
            ]
          : [];
      c.add(
        'list-complete',
        'error',
        `Danh mục có đủ ${want.length} minh chứng, đúng thứ tự.`,
        'Danh mục minh chứng không khớp dữ liệu.',
        wrong,
      );
      break;
    }
    default:
      break;
  }
  return c.result();
}

export async function preflightXlsx(file: string, d: ReportData): Promise<Preflight> {
  const c = new Checks();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (err) {
    c.add('readable', 'error', '', 'Không đọc lại được tệp .xlsx.', [(err as Error).message]);
    return c.result();
  }
  const ws = wb.getWorksheet(EVIDENCE_SHEET);
  c.add('readable', 'error', 'Đọc lại được tệp .xlsx.', 'Thiếu trang tính danh mục minh chứng.', ws ? [] : [EVIDENCE_SHEET]);
  if (!ws) return c.result();
  const header = (ws.getRow(5).values as unknown[]).map((v) => String(v ?? ''));
  const col = header.indexOf('Mã minh chứng');
  const codes: string[] = [];
  for (let r = 6; r < 6 + d.evidence.length + 5; r++) {
    const v = ws.getRow(r).getCell(col).value as unknown;
    const text =
      v && typeof v === 'object' && 'text' in (v as object)
        ? String((v as { text: string }).text)
        : v === null || v === undefined
          ? ''
          : String(v);
    if (text) codes.push(text);
  }
  const want = d.evidence.map((e) => e.code);
  c.add(
    'list-complete',
    'error',
    `Danh mục có đủ ${want.length} minh chứng, đúng thứ tự.`,
    'Danh mục minh chứng không khớp dữ liệu.',
    want.length !== codes.length || want.some((x, k) => codes[k] !== x)
      ? [`Tệp: ${codes.length} mã, dữ liệu: ${want.length} mã`]
      : [],
  );
  return c.result();
}

/** Reads the package back: every entry, its SHA-256 against the manifest, the index's links. */
export async function preflightPackage(file: string, plan: PackagePlan): Promise<Preflight> {
  const c = new Checks();
  const entries = new Map<string, { sha256: string; bytes: number }>();
  let manifestText = '';
  let html = '';
  try {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, decodeStrings: true }, (err, z) =>
        err || !z ? reject(err ?? new Error('zip')) : resolve(z),
      ),
    );
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName.endsWith('/')) {
          entries.set(e.fileName, { sha256: '', bytes: 0 });
          zip.readEntry();
          return;
        }
        zip.openReadStream(e, (err, s) => {
          if (err || !s) return reject(err ?? new Error('entry'));
          const h = createHash('sha256');
          const keep = e.fileName.endsWith(`/${MANIFEST}`) || e.fileName.endsWith(`/${INDEX_HTML}`);
          const chunks: Buffer[] = [];
          let bytes = 0;
          s.on('data', (b: Buffer) => {
            h.update(b);
            bytes += b.length;
            if (keep) chunks.push(b);
          });
          s.on('error', reject);
          s.on('end', () => {
            entries.set(e.fileName, { sha256: h.digest('hex'), bytes });
            if (e.fileName.endsWith(`/${MANIFEST}`)) manifestText = Buffer.concat(chunks).toString('utf8');
            if (e.fileName.endsWith(`/${INDEX_HTML}`)) html = Buffer.concat(chunks).toString('utf8');
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
    zip.close();
  } catch (err) {
    c.add('readable', 'error', '', 'Không đọc lại được tệp .zip.', [(err as Error).message]);
    return c.result();
  }
  c.add('readable', 'error', `Đọc lại được tệp .zip (${entries.size} mục).`, '', []);
  let manifest: { files?: { path: string; sha256: string; bytes: number; code?: string }[] } = {};
  try {
    manifest = JSON.parse(manifestText) as typeof manifest;
  } catch {
    manifest = {};
  }
  const files = manifest.files ?? [];
  c.add(
    'manifest',
    'error',
    `manifest.json liệt kê ${files.length} tệp.`,
    'Thiếu hoặc hỏng manifest.json.',
    manifestText ? [] : [MANIFEST],
  );
  const wrongHash = files
    .filter((f) => {
      const e = entries.get(`${plan.root}/${f.path}`);
      return !e || e.sha256 !== f.sha256 || e.bytes !== f.bytes;
    })
    .map((f) => f.path);
  c.add('hashes', 'error', 'SHA-256 của mọi tệp khớp manifest.json.', 'Có tệp không khớp mã băm trong manifest.json.', wrongHash);
  const expected = plan.files.map((f) => f.path);
  const inManifest = new Set(files.map((f) => f.path));
  c.add(
    'files',
    'error',
    `Đủ ${expected.length} tệp minh chứng.`,
    'Thiếu tệp minh chứng trong gói.',
    expected.filter((p) => !inManifest.has(p) || !entries.has(`${plan.root}/${p}`)),
  );
  const changed = plan.files.filter((f) => {
    const m = files.find((x) => x.path === f.path);
    return m && f.evidence.sha256 && m.sha256 !== f.evidence.sha256;
  });
  c.add(
    'store-integrity',
    'error',
    'Tệp trong kho đúng mã băm đã ghi khi thêm minh chứng.',
    'Có tệp trong kho đã bị thay đổi trên đĩa.',
    changed.map((f) => f.evidence.code),
  );
  const folders = plan.folders.filter((f) => !entries.has(`${plan.root}/${f}/`));
  c.add('folders', 'error', 'Đủ thư mục theo tiêu chuẩn, tiêu chí.', 'Thiếu thư mục tiêu chuẩn/tiêu chí.', folders);
  const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  const relative = hrefs.filter((h) => !/^[a-z]+:/i.test(h));
  const broken = relative.filter((h) => !entries.has(`${plan.root}/${h.split('/').map(decodeURIComponent).join('/')}`));
  const absolute = hrefs.filter((h) => /^(file:|\/|[A-Za-z]:)/.test(h));
  c.add(
    'links',
    'error',
    `${relative.length} liên kết tương đối trong index.html đều mở được tệp.`,
    'Có liên kết hỏng hoặc tuyệt đối trong index.html.',
    [...broken, ...absolute],
  );
  c.add(
    'missing',
    'error',
    'Mọi minh chứng dạng tệp đều có tệp trong kho.',
    'Có minh chứng mất tệp trong kho dữ liệu.',
    plan.missing.map((e) => e.code),
  );
  return c.result();
}
