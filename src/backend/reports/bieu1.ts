/**
 * Biểu 1 (Mẫu số 1, Phụ lục V TT 57/2026): Báo cáo tự đánh giá. Structure as the form prints
 * it (shared/reference/accreditation/tt57-2026.md §A): covers, the council list with signatures,
 * the table of contents, Phần I Tổng quan, Phần II per standard and criterion, Phần III Kết luận,
 * Phần IV Phụ lục (data annex of 3 school years, council decision, plan, evidence list).
 *
 * The pre-printed paragraphs (purpose, scope, time; the principal's accountability sentence)
 * follow the secondary transcriptions of the form; numbers come from the framework and the data.
 */
import {
  completeSum,
  councilTable,
  dataValue,
  evidenceTable,
  orderedMembers,
  planTable,
  schoolDataTables,
  schoolInfoTable,
} from './annex';
import {
  citedRuns,
  documentNumber,
  educationLevelLabel,
  learnersWord,
  managingBody,
  OWNERSHIP_LABELS,
  placeDate,
  principal,
  reportDate,
  schoolName,
  X,
} from './common';
import { DocBuilder, SIZE, emptyLine, run, type Cell, type Inline } from './docx-kit';
import type { CriterionReport, ReportData } from './report-data';
import { adminDate, monthYear, paragraphsOf, percent, present, shortDate } from './text';

export const BIEU1_TITLE = 'BÁO CÁO TỰ ĐÁNH GIÁ';

/** Không đạt | Mức 1 | Mức 2 marks of a criterion; a criterion not judged yet gets a placeholder, not "Không đạt". */
export function levelMarks(kit: DocBuilder, c: CriterionReport): Cell[] {
  if (!c.assessed) {
    return [
      {
        content: [
          kit.cellGap({
            key: `criterion.${c.code}.unassessed`,
            message: `tiêu chí ${c.code} chưa được đánh giá`,
            fix: { screen: 'criterion', criterionCode: c.code },
          }),
        ],
      },
      '',
      '',
    ];
  }
  return [c.level === 0 ? X : '', c.level === 1 ? X : '', c.level >= 2 ? X : ''];
}

/** The standards with their criteria reports, in framework order. */
export function standardsOf(d: ReportData): { code: string; title: string; criteria: CriterionReport[] }[] {
  return d.fw.standards.map((s) => ({
    code: s.code,
    title: s.title,
    criteria: d.criteria.filter((c) => c.standardCode === s.code),
  }));
}

/** Cover page (outer or inner). */
export function cover(kit: DocBuilder, d: ReportData, title: string, subtitle: string[]): void {
  kit.adminHeader({ managingBody: managingBody(kit, d), issuer: schoolName(kit, d) });
  for (let i = 0; i < 8; i++) kit.add(emptyLine());
  kit.title1(title, { size: SIZE.cover, spaceBefore: 0 });
  for (const s of subtitle) kit.centered(s, { bold: true, size: SIZE.body }, 120);
  for (let i = 0; i < 10; i++) kit.add(emptyLine());
  const when = reportDate(d);
  kit.centered([d.texts.place.trim() ? d.texts.place.trim() : '…', `, ${monthYear(when)}`], { size: SIZE.body, bold: true });
}

export function councilSignaturePage(kit: DocBuilder, d: ReportData): void {
  kit.title1('DANH SÁCH VÀ CHỮ KÝ THÀNH VIÊN HỘI ĐỒNG TỰ ĐÁNH GIÁ', { size: SIZE.body, spaceBefore: 0 });
  kit.add(emptyLine());
  councilTable(kit, d, { signatures: true });
}

function scaleParagraph(kit: DocBuilder, d: ReportData): Inline[] {
  const who = learnersWord(d.assessment.educationLevel);
  const grades =
    d.schoolData.catalog.sections
      .find((s) => s.code === 'lop')
      ?.items.filter((i) => !i.sumOf)
      .map((i) => i.key) ?? [];
  const need = (value: string | null, key: string, message: string): Inline =>
    value ?? kit.gap({ key: `scale.${key}`, message, fix: { screen: 'schoolData' } });
  const classes = need(
    completeSum(d, grades) ?? dataValue(d, 'lop.tong'),
    'classes',
    `số lớp năm học ${d.assessment.schoolYear}`,
  );
  const learners = need(dataValue(d, 'hoc_sinh.tong'), 'learners', `số ${who} năm học ${d.assessment.schoolYear}`);
  const staffRows = ['hieu_truong', 'pho_hieu_truong', 'giao_vien', 'nhan_su_ho_tro'];
  const total = need(
    completeSum(
      d,
      staffRows.map((r) => `doi_ngu.${r}.tong_so`),
    ),
    'staff',
    'tổng số cán bộ quản lý, giáo viên, nhân sự hỗ trợ (cần đủ số hiệu trưởng, phó hiệu trưởng, giáo viên, nhân sự hỗ trợ)',
  );
  const managers = need(
    completeSum(d, ['doi_ngu.hieu_truong.tong_so', 'doi_ngu.pho_hieu_truong.tong_so']),
    'managers',
    'số cán bộ quản lý (hiệu trưởng, phó hiệu trưởng)',
  );
  const teachers = need(dataValue(d, 'doi_ngu.giao_vien.tong_so'), 'teachers', 'số giáo viên');
  const support = need(dataValue(d, 'doi_ngu.nhan_su_ho_tro.tong_so'), 'support', 'số nhân sự hỗ trợ giáo dục');
  return [
    'e) Quy mô: số lớp: ',
    classes,
    `; số ${who}: `,
    learners,
    '; tổng số cán bộ quản lý, giáo viên, nhân sự hỗ trợ giáo dục: ',
    total,
    ', trong đó cán bộ quản lý: ',
    managers,
    ', giáo viên: ',
    teachers,
    ', nhân sự hỗ trợ giáo dục: ',
    support,
    ` (số liệu năm học ${d.assessment.schoolYear}).`,
  ];
}

function partI(kit: DocBuilder, d: ReportData): void {
  const t = d.texts;
  kit.h(1, 'Phần I. TỔNG QUAN');
  kit.h(2, '1. Thông tin chung');
  kit.p(['a) Tên cơ sở giáo dục: ', schoolName(kit, d), d.school.code ? ` (mã trường: ${d.school.code})` : '', '.']);
  kit.p([
    'b) Địa chỉ, thông tin liên hệ: ',
    kit.textOr(d.school.address, {
      key: 'school.address',
      message: 'địa chỉ trường',
      fix: { screen: 'school', field: 'address' },
    }),
    '; điện thoại: ',
    kit.textOr(d.school.phone, {
      key: 'school.phone',
      message: 'số điện thoại',
      severity: 'optional',
      fix: { screen: 'school', field: 'phone' },
    }),
    '; email: ',
    kit.textOr(d.school.email, {
      key: 'school.email',
      message: 'địa chỉ email',
      severity: 'optional',
      fix: { screen: 'school', field: 'email' },
    }),
    '; website: ',
    kit.textOr(t.website, {
      key: 'texts.website',
      message: 'website',
      severity: 'optional',
      fix: { screen: 'reportTexts', field: 'website' },
    }),
    '.',
  ]);
  kit.p(['c) Cơ quan quản lý trực tiếp: ', managingBody(kit, d), '.']);
  const ownership = OWNERSHIP_LABELS[d.school.ownership];
  const levels = (d.school.levels.length ? d.school.levels : [d.assessment.educationLevel]).map(educationLevelLabel).join(', ');
  kit.p([
    'd) Loại hình và cấp học: ',
    ownership ?? kit.gap({ key: 'school.ownership', message: 'loại hình trường', fix: { screen: 'school', field: 'ownership' } }),
    `; cấp học: ${levels}.`,
  ]);
  kit.p([
    'đ) Năm thành lập: ',
    kit.textOr(t.foundedYear, {
      key: 'texts.foundedYear',
      message: 'năm thành lập (theo quyết định thành lập)',
      severity: 'optional',
      fix: { screen: 'reportTexts', field: 'foundedYear' },
    }),
    '.',
  ]);
  kit.p(scaleParagraph(kit, d));

  kit.h(2, '2. Bối cảnh và đặc điểm');
  const ctx: [string, string, string, string][] = [
    [
      'a) Điều kiện kinh tế - xã hội của địa phương',
      t.contextSocioEconomic,
      'contextSocioEconomic',
      'điều kiện kinh tế - xã hội của địa phương',
    ],
    ['b) Thuận lợi', t.contextAdvantages, 'contextAdvantages', 'những thuận lợi'],
    ['c) Khó khăn', t.contextDifficulties, 'contextDifficulties', 'những khó khăn'],
    ['d) Đặc điểm người học', t.contextLearners, 'contextLearners', 'đặc điểm người học'],
  ];
  for (const [label, value, field, what] of ctx) {
    kit.p(`${label}:`, { bold: false, italics: true, indent: true, keepNext: true });
    kit.text(value, { key: `texts.${field}`, message: what, fix: { screen: 'reportTexts', field } });
  }

  kit.h(2, '3. Mục đích, phạm vi, thời gian thực hiện tự đánh giá');
  const criteriaCount = d.criteria.length;
  kit.p('a) Mục đích:', { italics: true, keepNext: true });
  for (const line of [
    `Xác định mức độ đáp ứng các tiêu chí bảo đảm chất lượng giáo dục theo Thông tư số ${d.fw.source.number};`,
    'Xác định điểm mạnh, điểm hạn chế và nguyên nhân, làm căn cứ xây dựng kế hoạch cải tiến chất lượng giáo dục;',
    'Nâng cao chất lượng giáo dục, hiệu quả quản trị và trách nhiệm giải trình của nhà trường;',
    'Cung cấp thông tin, dữ liệu phục vụ theo dõi, cải tiến chất lượng và đề nghị công nhận đạt chuẩn quốc gia (nếu có).',
  ])
    kit.p(`- ${line}`);
  kit.p('b) Phạm vi:', { italics: true, keepNext: true });
  kit.p(
    `- Toàn bộ hoạt động của nhà trường theo ${String(d.fw.standards.length).padStart(2, '0')} tiêu chuẩn, ${String(criteriaCount).padStart(2, '0')} tiêu chí:`,
  );
  d.fw.standards.forEach((s, i) => kit.p(`- Tiêu chuẩn ${s.code}: ${s.title}${i === d.fw.standards.length - 1 ? '.' : ';'}`));
  kit.p('c) Thời gian:', { italics: true, keepNext: true });
  const years = d.schoolData.years;
  kit.p(
    `- Năm học tự đánh giá: ${d.assessment.schoolYear}; số liệu của ${String(years.length).padStart(2, '0')} năm học ${years[0]} đến ${years[years.length - 1]};`,
  );
  const starts = d.plan.tasks
    .map((x) => x.startDate)
    .filter((x): x is string => !!x)
    .sort();
  const start = t.decisionDate ?? starts[0] ?? null;
  kit.p([
    '- Bắt đầu: ',
    start
      ? adminDate(start)
      : kit.gap({
          key: 'process.start',
          message: 'ngày bắt đầu tự đánh giá (ngày quyết định thành lập hội đồng hoặc nhiệm vụ đầu tiên của kế hoạch)',
          severity: 'optional',
          fix: { screen: 'plan' },
        }),
    ';',
  ]);
  const deadline = d.plan.calendar.find((c) => c.actor === 'school' && c.deadline);
  kit.p(
    deadline
      ? `- Hoàn thành, phê duyệt báo cáo tự đánh giá trước ngày ${shortDate(deadline.date)}.`
      : '- Hoàn thành, phê duyệt báo cáo tự đánh giá theo kế hoạch của nhà trường.',
  );

  kit.h(2, '4. Quá trình thực hiện tự đánh giá');
  const members = orderedMembers(d);
  kit.p('a) Lập kế hoạch:', { italics: true, keepNext: true });
  kit.p([
    `Hội đồng tự đánh giá gồm ${String(members.length).padStart(2, '0')} thành viên`,
    ...(t.decisionNumber
      ? [`, được thành lập theo Quyết định số ${t.decisionNumber}${t.decisionDate ? ` ${adminDate(t.decisionDate)}` : ''}`]
      : []),
    `; kế hoạch tự đánh giá gồm ${String(d.plan.tasks.length).padStart(2, '0')} nhiệm vụ (Phần IV, mục 2).`,
  ]);
  if (present(t.processPlanning)) for (const l of paragraphsOf(t.processPlanning)) kit.p(l);
  const counted = d.evidence.length;
  const verified = d.evidence.filter((e) => e.verification === 'verified').length;
  const approved = d.criteria.filter((c) => c.reviewState === 'approved').length;
  const steps: [string, string, string, string | null][] = [
    ['b) Tổ chức thực hiện', t.processExecution, 'processExecution', null],
    [
      'c) Kiểm tra, phân tích',
      t.processAnalysis,
      'processAnalysis',
      `Đã thu thập ${String(counted).padStart(2, '0')} minh chứng, trong đó ${String(verified).padStart(2, '0')} minh chứng đã được thư ký hội đồng xác minh.`,
    ],
    [
      'd) Tổng hợp và xác nhận kết quả',
      t.processConfirmation,
      'processConfirmation',
      `Hội đồng đã duyệt kết quả tự đánh giá ${String(approved).padStart(2, '0')}/${String(d.criteria.length).padStart(2, '0')} tiêu chí.`,
    ],
  ];
  for (const [label, value, field, fact] of steps) {
    kit.p(`${label}:`, { italics: true, keepNext: true });
    if (fact) kit.p(fact);
    kit.text(value, {
      key: `texts.${field}`,
      message: label.slice(3).toLowerCase(),
      severity: 'optional',
      fix: { screen: 'reportTexts', field },
    });
  }
}

/** "Tự đánh giá: Tiêu chí đạt Mức 1." and the requirement table of one criterion. */
function criterionBlock(kit: DocBuilder, d: ReportData, c: CriterionReport): void {
  kit.h(3, `Tiêu chí ${c.code}. ${c.title}${c.mandatory ? ' (tiêu chí bắt buộc)' : ''}`);
  for (const lv of c.levels) {
    const reqs = lv.requirements;
    if (reqs.length === 1) kit.p([run(`${lv.label}: `, { bold: true }), reqs[0]!.text]);
    else {
      kit.p([run(`${lv.label}:`, { bold: true })], { keepNext: true });
      for (const r of reqs) kit.p(`${r.code}) ${r.text}`);
    }
  }
  kit.p([run('Không đạt Mức 1: ', { bold: true }), 'Không đáp ứng đầy đủ các yêu cầu của Mức 1.']);
  kit.p('Mô tả hiện trạng:', { bold: true, indent: false, keepNext: true });
  const body: Cell[][] = [];
  for (const lv of c.levels) {
    for (const r of lv.requirements) {
      const where = { criterionCode: c.code };
      const label = lv.requirements.length > 1 ? `${lv.label} (${r.code})` : lv.label;
      const fix = { screen: 'criterion' as const, criterionCode: c.code };
      let current: Cell;
      let verdict: Cell;
      if (!lv.considered && r.judgment === 'unassessed' && !present(r.description)) {
        current = {
          content: `Chỉ xem xét ${lv.label} khi ${c.levels[lv.level - 2]?.label ?? 'mức dưới'} được xác định đạt.`,
          italics: true,
        };
        verdict = 'Không đạt';
      } else {
        const paras = paragraphsOf(r.description);
        current = paras.length
          ? { content: paras.flatMap((p, i) => [...(i > 0 ? ['\n'] : []), ...citedRuns(kit, d, p, where)]) }
          : {
              content: [
                kit.gap({
                  key: `criterion.${c.code}.${lv.level}.${r.code}.description`,
                  message: `mô tả hiện trạng tiêu chí ${c.code}, ${label}`,
                  fix,
                }),
              ],
            };
        if (r.needsConfirmation) {
          verdict = {
            content: [
              kit.gap({
                key: `criterion.${c.code}.${lv.level}.${r.code}.confirm`,
                message: `tiêu chí ${c.code}, ${label}: nội dung chuyển từ năm trước chưa được xác nhận`,
                fix,
              }),
            ],
          };
        } else if (r.judgment === 'unassessed') {
          verdict = {
            content: [
              kit.gap({
                key: `criterion.${c.code}.${lv.level}.${r.code}.judgment`,
                message: `đánh giá tiêu chí ${c.code}, ${label}`,
                fix,
              }),
            ],
          };
        } else if (r.judgment === 'met' && !r.counted) {
          verdict = {
            content: [
              'Đạt ',
              kit.gap({
                key: `criterion.${c.code}.${lv.level}.${r.code}.backing`,
                message: `tiêu chí ${c.code}, ${label} đánh giá Đạt nhưng chưa có minh chứng hợp lệ`,
                fix,
              }),
            ],
          };
        } else verdict = r.judgment === 'met' ? 'Đạt' : 'Không đạt';
      }
      body.push([
        { content: label, align: 'center' },
        current,
        { content: typeof verdict === 'string' ? verdict : verdict.content, align: 'center' },
      ]);
    }
  }
  kit.table({
    widths: [14, 66, 20],
    head: [
      [
        'Mức',
        'Hiện trạng, kết quả đạt được của tiêu chí đến thời điểm đánh giá (kèm theo mã minh chứng)',
        'Đánh giá (Đạt/Không đạt)',
      ],
    ],
    body,
    keepWithNext: true,
  });
  const conclusion: Inline[] = c.assessed
    ? [c.level > 0 ? `Tiêu chí đạt ${c.levelLabel}.` : 'Tiêu chí không đạt Mức 1.']
    : [
        kit.gap({
          key: `criterion.${c.code}.unassessed`,
          message: `tiêu chí ${c.code} chưa được đánh giá`,
          fix: { screen: 'criterion', criterionCode: c.code },
        }),
      ];
  kit.p(['Tự đánh giá: ', ...conclusion], { bold: true, indent: false, spaceBefore: 120 });
}

function trendTable(kit: DocBuilder, d: ReportData, criteria: CriterionReport[]): void {
  const window = d.schoolData.years;
  const byYear = new Map(d.summaries.trend.map((t) => [t.schoolYear, t]));
  const missingYears = window.filter((y) => !byYear.has(y));
  kit.table({
    widths: [28, ...window.map(() => 72 / window.length)],
    head: [['Tiêu chí', ...window.map((y) => `Năm học ${y}`)]],
    align: ['left', ...window.map(() => 'center' as const)],
    body: [
      ...criteria.map((c) => [
        `Tiêu chí ${c.code}`,
        ...window.map((y): Cell => {
          const t = byYear.get(y);
          if (!t) return { content: 'Chưa tự đánh giá', italics: true };
          if (!t.criteria) return { content: `Khung ${t.frameworkId}`, italics: true };
          const level = t.criteria[c.code];
          return level === undefined ? '—' : level > 0 ? `Mức ${level}` : 'Không đạt';
        }),
      ]),
      [
        { content: 'Mức đạt của nhà trường', bold: true },
        ...window.map((y): Cell => byYear.get(y)?.schoolLevelLabel ?? { content: 'Chưa tự đánh giá', italics: true }),
      ],
    ],
    size: SIZE.small,
  });
  if (missingYears.length > 0) {
    kit.p(`Ghi chú: phần mềm chưa có dữ liệu tự đánh giá của năm học ${missingYears.join(', ')}.`, {
      italics: true,
      size: SIZE.small,
      indent: false,
    });
  }
}

function standardSummary(kit: DocBuilder, d: ReportData, s: { code: string; title: string; criteria: CriterionReport[] }): void {
  const sum = d.summaries.items.find((x) => x.scopeCode === s.code);
  const fix = { screen: 'summary' as const, scopeCode: s.code };
  kit.h(3, `Đánh giá chung về Tiêu chuẩn ${s.code}`);
  const cited = (value: string | undefined, key: string, message: string, severity: 'required' | 'optional' = 'required') => {
    const paras = paragraphsOf(value ?? '');
    if (paras.length === 0)
      kit.p([kit.gap({ key: `summary.${s.code}.${key}`, message: `${message} của Tiêu chuẩn ${s.code}`, severity, fix })]);
    for (const p of paras) kit.p(citedRuns(kit, d, p));
  };
  kit.p('1. Điểm mạnh nổi bật', { bold: true, indent: false, keepNext: true });
  cited(sum?.strengths, 'strengths', 'điểm mạnh nổi bật');
  kit.p('2. Điểm hạn chế trọng tâm và nguyên nhân cốt lõi', { bold: true, indent: false, keepNext: true });
  cited(sum?.weaknesses, 'weaknesses', 'điểm hạn chế trọng tâm');
  kit.p('Nguyên nhân:', { italics: true, keepNext: true });
  cited(sum?.causes, 'causes', 'nguyên nhân cốt lõi');
  kit.p('3. Định hướng cải tiến', { bold: true, indent: false, keepNext: true });
  kit.p('a) Xu hướng chất lượng trong 03 năm học liên tiếp:', { italics: true, keepNext: true });
  cited(sum?.trend, 'trend', 'nhận xét xu hướng chất lượng 03 năm học', 'optional');
  trendTable(kit, d, s.criteria);
  kit.p('b) Vấn đề trọng tâm ưu tiên cải tiến:', { italics: true, keepNext: true });
  cited(sum?.priorities, 'priorities', 'vấn đề trọng tâm ưu tiên cải tiến');
  kit.p('4. Bảng tổng hợp kết quả tiêu chí', { bold: true, indent: false, keepNext: true });
  kit.table({
    widths: [46, 18, 18, 18],
    head: [
      [
        { content: 'Tiêu chí', rowSpan: 2 },
        { content: 'Không đạt', rowSpan: 2 },
        { content: 'Đạt', colSpan: 2 },
      ],
      ['Mức 1', 'Mức 2'],
    ],
    align: ['left', 'center', 'center', 'center'],
    body: s.criteria.map((c) => [`Tiêu chí ${c.code}${c.mandatory ? ' (*)' : ''}`, ...levelMarks(kit, c)]),
  });
}

function partII(kit: DocBuilder, d: ReportData): void {
  kit.h(1, 'Phần II. TỰ ĐÁNH GIÁ', { pageBreakBefore: true });
  for (const s of standardsOf(d)) {
    kit.h(2, `Tiêu chuẩn ${s.code}. ${s.title}`);
    for (const c of s.criteria) criterionBlock(kit, d, c);
    standardSummary(kit, d, s);
  }
}

function partIII(kit: DocBuilder, d: ReportData): void {
  const t = d.texts;
  kit.h(1, 'Phần III. KẾT LUẬN', { pageBreakBefore: true });
  kit.h(2, '1. Nhận định chung');
  kit.text(t.conclusionOverall, {
    key: 'texts.conclusionOverall',
    message: 'nhận định chung về kết quả tự đánh giá',
    fix: { screen: 'reportTexts', field: 'conclusionOverall' },
  });

  kit.h(2, '2. Tổng hợp kết quả');
  kit.p('a) Bảng tổng hợp kết quả đánh giá tiêu chí', { italics: true, keepNext: true });
  const grid: Cell[][] = [];
  for (const s of standardsOf(d)) {
    grid.push([{ content: `Tiêu chuẩn ${s.code}`, bold: true, colSpan: 4 }]);
    for (const c of s.criteria) {
      grid.push([`Tiêu chí ${c.code}${c.mandatory ? ' (*)' : ''}`, ...levelMarks(kit, c)]);
    }
  }
  kit.table({
    widths: [46, 18, 18, 18],
    head: [
      [
        { content: 'Tiêu chuẩn, tiêu chí', rowSpan: 2 },
        { content: 'Không đạt', rowSpan: 2 },
        { content: 'Đạt', colSpan: 2 },
      ],
      ['Mức 1', 'Mức 2'],
    ],
    align: ['left', 'center', 'center', 'center'],
    body: grid,
  });
  kit.p('(*) Tiêu chí bắt buộc.', { italics: true, size: SIZE.small, indent: false });
  kit.p('b) Bảng tổng hợp chung', { italics: true, keepNext: true });
  const rows: Cell[][] = [];
  const all = { n: 0, k0: 0, k1: 0, k2: 0 };
  for (const s of standardsOf(d)) {
    const n = s.criteria.length;
    const k0 = s.criteria.filter((c) => c.assessed && c.level === 0).length;
    const k1 = s.criteria.filter((c) => c.level === 1).length;
    const k2 = s.criteria.filter((c) => c.level >= 2).length;
    all.n += n;
    all.k0 += k0;
    all.k1 += k1;
    all.k2 += k2;
    rows.push([
      `Tiêu chuẩn ${s.code}`,
      String(n),
      String(k0),
      percent(k0, n),
      String(k1),
      percent(k1, n),
      String(k2),
      percent(k2, n),
    ]);
  }
  rows.push([
    { content: 'Tổng cộng', bold: true },
    { content: String(all.n), bold: true },
    { content: String(all.k0), bold: true },
    { content: percent(all.k0, all.n), bold: true },
    { content: String(all.k1), bold: true },
    { content: percent(all.k1, all.n), bold: true },
    { content: String(all.k2), bold: true },
    { content: percent(all.k2, all.n), bold: true },
  ]);
  kit.table({
    widths: [22, 12, 11, 11, 11, 11, 11, 11],
    head: [
      [
        { content: 'Tiêu chuẩn', rowSpan: 2 },
        { content: 'Tổng số tiêu chí', rowSpan: 2 },
        { content: 'Không đạt', colSpan: 2 },
        { content: 'Mức 1', colSpan: 2 },
        { content: 'Mức 2', colSpan: 2 },
      ],
      ['Số lượng', 'Tỉ lệ', 'Số lượng', 'Tỉ lệ', 'Số lượng', 'Tỉ lệ'],
    ],
    align: ['left', 'center', 'center', 'center', 'center', 'center', 'center', 'center'],
    body: rows,
  });

  const unassessed = d.criteria.filter((c) => !c.assessed);
  if (unassessed.length > 0) {
    kit.p(
      `Ghi chú: ${String(unassessed.length).padStart(2, '0')} tiêu chí chưa được đánh giá (${unassessed.map((c) => c.code).join(', ')}) không được tính vào cột nào.`,
      { italics: true, size: SIZE.small, indent: false },
    );
  }
  kit.h(2, '3. Mức đạt của cơ sở giáo dục');
  const level = d.school_level;
  kit.p([
    `Căn cứ khoản 3 Điều 5 Thông tư số ${d.fw.source.number}, `,
    schoolName(kit, d),
    level.level > 0
      ? ` tự đánh giá đạt ${level.label} về mức thực hiện hoạt động bảo đảm chất lượng giáo dục.`
      : ' tự đánh giá chưa đạt Mức 1 về mức thực hiện hoạt động bảo đảm chất lượng giáo dục.',
    ...(unassessed.length
      ? [
          ' ',
          kit.gap({
            key: 'level.unassessed',
            message: `còn ${String(unassessed.length).padStart(2, '0')} tiêu chí chưa được đánh giá (${unassessed.map((c) => c.code).join(', ')}); mức đạt chưa phải là kết luận cuối cùng`,
            fix: { screen: 'criterion', criterionCode: unassessed[0]!.code },
          }),
        ]
      : []),
  ]);

  kit.h(2, '4. Đề xuất, kiến nghị');
  kit.p('a) Đối với Sở Giáo dục và Đào tạo:', { italics: true, keepNext: true });
  kit.text(t.recommendDepartment, {
    key: 'texts.recommendDepartment',
    message: 'kiến nghị với Sở Giáo dục và Đào tạo',
    fix: { screen: 'reportTexts', field: 'recommendDepartment' },
  });
  kit.p('b) Đối với Ủy ban nhân dân cấp xã:', { italics: true, keepNext: true });
  kit.text(t.recommendCommune, {
    key: 'texts.recommendCommune',
    message: 'kiến nghị với Ủy ban nhân dân cấp xã',
    severity: 'optional',
    fix: { screen: 'reportTexts', field: 'recommendCommune' },
  });
  if (present(t.recommendOthers)) {
    kit.p('c) Đối với tổ chức, cá nhân liên quan:', { italics: true, keepNext: true });
    kit.text(t.recommendOthers, { key: 'texts.recommendOthers', message: 'kiến nghị khác', severity: 'optional' });
  }
  kit.p(
    'Hiệu trưởng chịu trách nhiệm về tính trung thực, chính xác của thông tin, số liệu và minh chứng trong báo cáo tự đánh giá./.',
    { italics: true, spaceBefore: 160 },
  );
  kit.signature({
    placeDate: placeDate(kit, d, reportDate(d), 'báo cáo', 'reportDate'),
    title: 'HIỆU TRƯỞNG',
    name: principal(kit, d),
  });
}

function partIV(kit: DocBuilder, d: ReportData): void {
  const t = d.texts;
  kit.h(1, 'Phần IV. PHỤ LỤC', { pageBreakBefore: true });
  kit.h(2, '1. Cơ sở dữ liệu');
  kit.p(
    `Số liệu ${String(d.schoolData.years.length).padStart(2, '0')} năm học ${d.schoolData.years.join(', ')} theo biểu mẫu cơ sở dữ liệu.`,
    { italics: true },
  );
  schoolInfoTable(kit, d);
  schoolDataTables(kit, d, 4);
  kit.h(2, '2. Các tư liệu');
  kit.p('a) Quyết định thành lập Hội đồng tự đánh giá', { italics: true, keepNext: true });
  kit.p([
    'Quyết định ',
    ...documentNumber(kit, t.decisionNumber, 'QĐ-…', 'decisionNumber', 'quyết định thành lập hội đồng').map((x) =>
      typeof x === 'string' ? x.replace(/^Số: /, 'số ') : x,
    ),
    ` ${adminDate(t.decisionDate)} của Hiệu trưởng về việc thành lập Hội đồng tự đánh giá; danh sách thành viên:`,
  ]);
  councilTable(kit, d, { duties: true });
  kit.p('b) Kế hoạch tự đánh giá', { italics: true, keepNext: true });
  kit.p([
    'Kế hoạch ',
    ...documentNumber(kit, t.planNumber, 'KH-…', 'planNumber', 'kế hoạch tự đánh giá').map((x) =>
      typeof x === 'string' ? x.replace(/^Số: /, 'số ') : x,
    ),
    ` ${adminDate(t.planDate)}; các nhiệm vụ:`,
  ]);
  planTable(kit, d);
  kit.p('c) Bảng biểu tổng hợp: xem Phần III, mục 2.', { italics: true });
  kit.h(2, '3. Danh mục minh chứng');
  evidenceTable(kit, d, { style: 'tt57', internal: false });
  kit.h(2, '4. Văn bản, tài liệu khác');
  if (d.improvement.items.length > 0) {
    kit.p(
      `Kế hoạch cải tiến chất lượng giáo dục năm học ${d.assessment.schoolYear} (Biểu 2), gồm ${String(d.improvement.items.length).padStart(2, '0')} nội dung cải tiến, kèm theo báo cáo này.`,
    );
  } else kit.p('Không có.', { italics: true });
}

/** Builds Biểu 1 for an assessment under a TT 57 framework. */
export function buildBieu1(d: ReportData): DocBuilder {
  const kit = new DocBuilder(`${BIEU1_TITLE} năm học ${d.assessment.schoolYear}`);
  const subtitle = [`NĂM HỌC ${d.assessment.schoolYear}`];
  kit.section({ numbering: 'none', framed: true });
  cover(kit, d, BIEU1_TITLE, subtitle);
  kit.section({ numbering: 'none' });
  cover(kit, d, BIEU1_TITLE, subtitle);
  kit.section({ numbering: 'none' });
  councilSignaturePage(kit, d);
  kit.section({ numbering: 'none' });
  kit.toc();
  kit.section({ numbering: 'restart' });
  partI(kit, d);
  partII(kit, d);
  partIII(kit, d);
  partIV(kit, d);
  return kit;
}
