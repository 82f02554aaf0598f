/**
 * Legacy documents (TT 17/18/19 of 2018 with CV 5932/5942), kept for the history of schools
 * assessed before TT 57: the self-assessment report — covers, council list, contents,
 * abbreviations, the results summary, Phần I data annex (5 school years), Phần II per
 * criterion (indicators, description by level, strengths, weaknesses, improvement plan,
 * the indicator × Đạt/Không đạt table), Mức 4, Phần III, appendices — and the criterion
 * evaluation sheet (phiếu đánh giá tiêu chí, "Phụ lục 5a") per criterion. Compact but faithful
 * to the layout rebuilt in shared/reference/accreditation/cv5932-2018.md §6.
 */
import { councilTable, evidenceTable, planTable, schoolDataTables, schoolInfoTable } from './annex';
import { citedRuns, placeDate, principal, reportDate, schoolName, X } from './common';
import { councilSignaturePage, cover, standardsOf } from './bieu1';
import { DocBuilder, SIZE, emptyLine, pageBreak, run, type Cell } from './docx-kit';
import type { CriterionReport, ReportData } from './report-data';
import { paragraphsOf, present } from './text';

export const LEGACY_TITLE = 'BÁO CÁO TỰ ĐÁNH GIÁ';

const ABBREVIATIONS: [string, string][] = [
  ['CBQL', 'Cán bộ quản lý'],
  ['CMHS', 'Cha mẹ học sinh'],
  ['CQG', 'Chuẩn quốc gia'],
  ['CSGD', 'Cơ sở giáo dục'],
  ['CSVC', 'Cơ sở vật chất'],
  ['ĐGN', 'Đánh giá ngoài'],
  ['GDĐT', 'Giáo dục và Đào tạo'],
  ['GV', 'Giáo viên'],
  ['HĐTĐG', 'Hội đồng tự đánh giá'],
  ['HS', 'Học sinh'],
  ['KĐCLGD', 'Kiểm định chất lượng giáo dục'],
  ['NV', 'Nhân viên'],
  ['TĐG', 'Tự đánh giá'],
];

/** The highest level any criterion of the framework lists (3 for the 2018 circulars). */
const topLevel = (d: ReportData): number => Math.max(...d.criteria.flatMap((c) => c.levels.map((l) => l.level)));

/** Indicator label as CV 5932 prints it: a, b, c…; "*" for a single unlabeled item. */
const indicatorLabel = (code: string): string => (/^[a-zđ]$/i.test(code) ? code : '*');

function judgmentCell(
  kit: DocBuilder,
  c: CriterionReport,
  lv: CriterionReport['levels'][number],
  r: CriterionReport['levels'][number]['requirements'][number],
): Cell {
  const fix = { screen: 'criterion' as const, criterionCode: c.code };
  if (r.needsConfirmation)
    return {
      content: [
        kit.cellGap({
          key: `criterion.${c.code}.${lv.level}.${r.code}.confirm`,
          message: `tiêu chí ${c.code}, Mức ${lv.level} (${r.code}): nội dung chuyển từ năm trước chưa được xác nhận`,
          fix,
        }),
      ],
    };
  if (r.judgment === 'unassessed') {
    if (!lv.considered) return '–';
    return {
      content: [
        kit.cellGap({
          key: `criterion.${c.code}.${lv.level}.${r.code}.judgment`,
          message: `đánh giá tiêu chí ${c.code}, Mức ${lv.level}, chỉ báo ${r.code}`,
          fix,
        }),
      ],
    };
  }
  if (r.judgment === 'met' && !r.counted) {
    return {
      content: [
        'Đạt ',
        kit.cellGap({
          key: `criterion.${c.code}.${lv.level}.${r.code}.backing`,
          message: `tiêu chí ${c.code}, Mức ${lv.level}, chỉ báo ${r.code} đánh giá Đạt nhưng chưa có minh chứng hợp lệ`,
          fix,
        }),
      ],
    };
  }
  return r.judgment === 'met' ? 'Đạt' : 'Không đạt';
}

/** The indicator texts, levels 1–3. */
function indicators(kit: DocBuilder, c: CriterionReport): void {
  for (const lv of c.levels) {
    kit.p([run(`${lv.label}`, { bold: true })], { keepNext: true, indent: false });
    for (const r of lv.requirements)
      kit.p(lv.requirements.length > 1 || /^[a-z]$/.test(r.code) ? `${r.code}) ${r.text}` : r.text);
  }
}

/** 1–5 of a criterion: description by level, strengths, weaknesses, plan, self-assessment table. */
function criterionBody(kit: DocBuilder, d: ReportData, c: CriterionReport, maxLevel: number): void {
  const fix = { screen: 'criterion' as const, criterionCode: c.code };
  const sum = d.summaries.items.find((s) => s.scopeCode === c.code);
  kit.p('1. Mô tả hiện trạng', { bold: true, indent: false, keepNext: true });
  for (const lv of c.levels) {
    kit.p([run(`${lv.label}:`, { italics: true })], { keepNext: true });
    for (const r of lv.requirements) {
      const label = lv.requirements.length > 1 ? `${r.code}) ` : '';
      const paras = paragraphsOf(r.description);
      if (paras.length === 0) {
        if (!lv.considered)
          kit.p([label, run(`Không xem xét (chưa đạt ${c.levels[lv.level - 2]?.label ?? 'mức dưới'}).`, { italics: true })]);
        else
          kit.p([
            label,
            kit.gap({
              key: `criterion.${c.code}.${lv.level}.${r.code}.description`,
              message: `mô tả hiện trạng tiêu chí ${c.code}, Mức ${lv.level}${label ? `, chỉ báo ${r.code}` : ''}`,
              fix,
            }),
          ]);
        continue;
      }
      paras.forEach((p, i) => kit.p([...(i === 0 && label ? [label] : []), ...citedRuns(kit, d, p, { criterionCode: c.code })]));
    }
  }
  const part = (n: number, title: string, value: string | undefined, key: string, severity: 'required' | 'optional') => {
    kit.p(`${n}. ${title}`, { bold: true, indent: false, keepNext: true });
    const paras = paragraphsOf(value ?? '');
    if (paras.length === 0)
      kit.p([
        kit.gap({
          key: `summary.${c.code}.${key}`,
          message: `${title.toLowerCase()} của tiêu chí ${c.code}`,
          severity,
          fix: { screen: 'summary', scopeCode: c.code },
        }),
      ]);
    for (const p of paras) kit.p(citedRuns(kit, d, p, { criterionCode: c.code }));
  };
  part(2, 'Điểm mạnh', sum?.strengths, 'strengths', 'required');
  part(3, 'Điểm yếu', sum?.weaknesses, 'weaknesses', 'required');
  part(4, 'Kế hoạch cải tiến chất lượng', sum?.priorities, 'priorities', 'required');
  kit.p('5. Tự đánh giá', { bold: true, indent: false, keepNext: true });
  const levels = Array.from({ length: maxLevel }, (_, i) => i + 1);
  const rows = Math.max(...c.levels.map((l) => l.requirements.length), 1);
  const body: Cell[][] = [];
  for (let i = 0; i < rows; i++) {
    body.push(
      levels.flatMap((L): Cell[] => {
        const lv = c.levels.find((x) => x.level === L);
        const r = lv?.requirements[i];
        if (!lv || !r) return ['–', '–'];
        return [indicatorLabel(r.code), judgmentCell(kit, c, lv, r)];
      }),
    );
  }
  kit.table({
    widths: levels.flatMap(() => [10, 23]),
    head: [levels.map((L) => ({ content: `Mức ${L}`, colSpan: 2 })), levels.flatMap(() => ['Chỉ báo', 'Đạt/Không đạt'])],
    align: levels.flatMap(() => ['center' as const, 'center' as const]),
    body,
  });
  kit.p(
    c.assessed
      ? [`Đạt Mức: ${c.level > 0 ? c.level : 'Không đạt'}.`]
      : ['Đạt Mức: ', kit.gap({ key: `criterion.${c.code}.unassessed`, message: `tiêu chí ${c.code} chưa được đánh giá`, fix })],
    { bold: true, indent: false },
  );
}

function resultsGrid(kit: DocBuilder, d: ReportData, maxLevel: number): void {
  const levels = Array.from({ length: maxLevel }, (_, i) => i + 1);
  const body: Cell[][] = [];
  for (const s of standardsOf(d)) {
    body.push([{ content: `Tiêu chuẩn ${s.code}`, bold: true, colSpan: maxLevel + 2 }]);
    for (const c of s.criteria) {
      const top = Math.max(...c.levels.map((l) => l.level));
      if (!c.assessed) {
        const fix = { screen: 'criterion' as const, criterionCode: c.code };
        body.push([
          `Tiêu chí ${c.code}`,
          {
            content: [
              kit.cellGap({ key: `criterion.${c.code}.unassessed`, message: `tiêu chí ${c.code} chưa được đánh giá`, fix }),
            ],
          },
          ...levels.map((L) => (L > top ? '--------' : '')),
        ]);
        continue;
      }
      body.push([
        `Tiêu chí ${c.code}`,
        c.level === 0 ? X : '',
        ...levels.map((L) => (L > top && L > c.level ? '--------' : c.level === L ? X : '')),
      ]);
    }
  }
  kit.table({
    widths: [40, 15, ...levels.map(() => 45 / maxLevel)],
    head: [
      [
        { content: 'Tiêu chuẩn, tiêu chí', rowSpan: 2 },
        { content: 'Kết quả', colSpan: maxLevel + 1 },
      ],
      ['Không đạt', ...levels.map((L) => `Đạt Mức ${L}`)],
    ],
    align: ['left', 'center', ...levels.map(() => 'center' as const)],
    body,
  });
  kit.p('Ghi chú: "x" là mức đạt của tiêu chí; "--------" là tiêu chí không có yêu cầu ở mức đó.', {
    italics: true,
    size: SIZE.small,
    indent: false,
  });
}

function level4Table(kit: DocBuilder, d: ReportData): void {
  if (d.fw.level4Clauses.length === 0) return;
  const gap = () => ({
    content: [
      kit.cellGap({
        key: 'level4.judgments',
        message: 'kết quả đánh giá các tiêu chí Mức 4 (Điều 22): phần mềm chưa lưu đánh giá Mức 4',
        severity: 'optional',
        fix: { screen: 'criterion' },
      }),
    ],
  });
  kit.table({
    widths: [64, 18, 18],
    head: [['Tiêu chí (khoản, Điều 22)', 'Đạt', 'Không đạt']],
    align: ['left', 'center', 'center'],
    body: d.fw.level4Clauses.map((c) => [`${c.article}: ${c.text}`, gap(), gap()]),
    size: SIZE.small,
  });
}

/** The legacy self-assessment report. */
export function buildLegacyReport(d: ReportData): DocBuilder {
  const kit = new DocBuilder(`${LEGACY_TITLE} (${d.fw.source.number})`);
  const t = d.texts;
  const maxLevel = Math.min(3, topLevel(d));
  kit.section({ numbering: 'none', framed: true });
  cover(kit, d, LEGACY_TITLE, [
    `(Theo ${d.fw.source.documentType} số ${d.fw.source.number})`,
    `NĂM HỌC ${d.assessment.schoolYear}`,
  ]);
  kit.section({ numbering: 'none' });
  cover(kit, d, LEGACY_TITLE, [
    `(Theo ${d.fw.source.documentType} số ${d.fw.source.number})`,
    `NĂM HỌC ${d.assessment.schoolYear}`,
  ]);
  kit.section({ numbering: 'none' });
  councilSignaturePage(kit, d);
  kit.section({ numbering: 'none' });
  kit.toc();
  kit.section({ numbering: 'restart' });
  kit.h(1, 'DANH MỤC CÁC CHỮ VIẾT TẮT');
  kit.table({ widths: [25, 75], head: [['Chữ viết tắt', 'Nội dung viết tắt']], body: ABBREVIATIONS.map(([a, b]) => [a, b]) });

  kit.h(1, 'TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ', { pageBreakBefore: true });
  kit.h(2, '1. Kết quả đánh giá');
  kit.p(`1.1. Đánh giá tiêu chí Mức 1, 2 và ${maxLevel}`, { bold: true, indent: false, keepNext: true });
  resultsGrid(kit, d, maxLevel);
  kit.p(`Kết quả: ${d.school_level.level > 0 ? `Đạt ${d.school_level.label}` : 'Không đạt'}.`, { bold: true, indent: false });
  kit.p('1.2. Đánh giá tiêu chí Mức 4', { bold: true, indent: false, keepNext: true });
  level4Table(kit, d);
  kit.h(2, '2. Kết luận');
  kit.p(['Trường đạt ', d.school_level.level > 0 ? d.school_level.label : 'chưa đạt Mức 1', '.']);

  kit.h(1, 'Phần I. CƠ SỞ DỮ LIỆU', { pageBreakBefore: true });
  schoolInfoTable(kit, d, { legacy: true });
  schoolDataTables(kit, d, 3);

  kit.h(1, 'Phần II. TỰ ĐÁNH GIÁ', { pageBreakBefore: true });
  kit.h(2, 'A. ĐẶT VẤN ĐỀ');
  kit.p('1. Tình hình chung của nhà trường', { bold: true, indent: false, keepNext: true });
  kit.text([t.contextSocioEconomic, t.contextAdvantages, t.contextDifficulties, t.contextLearners].filter(present).join('\n'), {
    key: 'texts.contextSocioEconomic',
    message: 'tình hình chung của nhà trường',
    fix: { screen: 'reportTexts', field: 'contextSocioEconomic' },
  });
  kit.p('2. Mục đích tự đánh giá', { bold: true, indent: false, keepNext: true });
  kit.p(
    `Nhà trường tự đánh giá để xác định thực trạng, mức đạt được theo từng tiêu chí của ${d.fw.source.documentType} số ${d.fw.source.number}; chỉ ra điểm mạnh, điểm yếu, xây dựng kế hoạch cải tiến chất lượng; đăng ký kiểm định chất lượng giáo dục và đề nghị công nhận đạt chuẩn quốc gia.`,
  );
  kit.p('3. Tóm tắt quá trình và những vấn đề nổi bật trong hoạt động tự đánh giá', {
    bold: true,
    indent: false,
    keepNext: true,
  });
  kit.p(
    `Hội đồng tự đánh giá gồm ${String(d.council.members.length).padStart(2, '0')} thành viên; kế hoạch tự đánh giá gồm ${String(d.plan.tasks.length).padStart(2, '0')} nhiệm vụ; đã thu thập ${String(d.evidence.length).padStart(2, '0')} minh chứng.`,
  );
  kit.text([t.processPlanning, t.processExecution, t.processAnalysis, t.processConfirmation].filter(present).join('\n'), {
    key: 'texts.processPlanning',
    message: 'tóm tắt quá trình tự đánh giá',
    severity: 'optional',
    fix: { screen: 'reportTexts', field: 'processPlanning' },
  });

  kit.h(2, 'B. TỰ ĐÁNH GIÁ');
  kit.h(2, `I. TỰ ĐÁNH GIÁ TIÊU CHÍ MỨC 1, 2 VÀ ${maxLevel}`);
  for (const s of standardsOf(d)) {
    kit.h(2, `Tiêu chuẩn ${s.code}: ${s.title}`);
    kit.p('Mở đầu', { bold: true, indent: false, keepNext: true });
    kit.text(t.standardIntros[s.code], {
      key: `texts.standardIntros.${s.code}`,
      message: `phần mở đầu của Tiêu chuẩn ${s.code}`,
      fix: { screen: 'reportTexts', field: 'standardIntros' },
    });
    for (const c of s.criteria) {
      kit.h(3, `Tiêu chí ${c.code}: ${c.title}`);
      indicators(kit, c);
      criterionBody(kit, d, c, maxLevel);
    }
    const met = s.criteria.filter((c) => c.level > 0).length;
    const notMet = s.criteria.filter((c) => c.assessed && c.level === 0).length;
    const pending = s.criteria.length - met - notMet;
    kit.p(`Kết luận về Tiêu chuẩn ${s.code}`, { bold: true, indent: false, keepNext: true });
    kit.p(
      `Tiêu chuẩn ${s.code} có ${String(s.criteria.length).padStart(2, '0')} tiêu chí; ${String(met).padStart(2, '0')} tiêu chí đạt từ Mức 1 trở lên (${[1, 2, 3].map((L) => `Mức ${L}: ${String(s.criteria.filter((c) => c.level === L).length).padStart(2, '0')}`).join(', ')}); ${String(notMet).padStart(2, '0')} tiêu chí không đạt${pending ? `; ${String(pending).padStart(2, '0')} tiêu chí chưa đánh giá` : ''}.`,
    );
  }
  kit.h(2, 'II. TỰ ĐÁNH GIÁ TIÊU CHÍ MỨC 4');
  for (const c of d.fw.level4Clauses) {
    kit.p([run(`${c.article}: `, { bold: true }), c.text]);
  }
  level4Table(kit, d);

  kit.h(1, 'Phần III. KẾT LUẬN CHUNG', { pageBreakBefore: true });
  kit.text(t.conclusionOverall, {
    key: 'texts.conclusionOverall',
    message: 'kết luận chung',
    fix: { screen: 'reportTexts', field: 'conclusionOverall' },
  });
  kit.p([
    'Kết quả tự đánh giá: ',
    schoolName(kit, d),
    ` ${d.school_level.level > 0 ? `đạt ${d.school_level.label}` : 'chưa đạt Mức 1'}.`,
  ]);
  kit.signature({
    placeDate: placeDate(kit, d, reportDate(d), 'báo cáo', 'reportDate'),
    title: 'HIỆU TRƯỞNG',
    name: principal(kit, d),
  });

  kit.section({ numbering: 'continue', orientation: 'landscape' });
  kit.h(1, 'Phần IV. PHỤ LỤC');
  kit.h(2, 'Bảng danh mục minh chứng');
  evidenceTable(kit, d, { style: 'legacy', internal: false });
  kit.section({ numbering: 'continue' });
  kit.h(2, 'Danh sách thành viên Hội đồng tự đánh giá');
  councilTable(kit, d, { duties: true });
  kit.h(2, 'Kế hoạch tự đánh giá');
  planTable(kit, d);
  return kit;
}

/** Phiếu đánh giá tiêu chí ("Phụ lục 5a" of CV 5932): one per criterion. */
export function buildCriterionSheets(d: ReportData): DocBuilder {
  const kit = new DocBuilder(`Phiếu đánh giá tiêu chí năm học ${d.assessment.schoolYear}`);
  const maxLevel = Math.min(3, topLevel(d));
  kit.section({ numbering: 'none' });
  const sheets = standardsOf(d).flatMap((s) => s.criteria.map((c) => ({ s, c })));
  sheets.forEach(({ s, c }, i) => {
    if (i > 0) kit.add(pageBreak());
    const a = d.assignments.find((x) => x.criterionCode === c.code);
    const who = a ? [...a.groups.map((g) => g.name), ...a.members.map((m) => m.fullName)].join('; ') : '';
    kit.p(['Trường: ', schoolName(kit, d)], { indent: false });
    kit.p(
      [
        'Nhóm, cá nhân: ',
        who ||
          kit.gap({
            key: `assignments.${c.code}`,
            message: `nhóm, cá nhân phụ trách tiêu chí ${c.code}`,
            severity: 'optional',
            fix: { screen: 'council' },
          }),
      ],
      { indent: false },
    );
    kit.h(1, `PHIẾU ĐÁNH GIÁ TIÊU CHÍ ${c.code}`);
    kit.p([run(`Tiêu chuẩn ${s.code}: `, { bold: true }), s.title], { indent: false });
    kit.p([run(`Tiêu chí ${c.code}: `, { bold: true }), c.title], { indent: false });
    indicators(kit, c);
    criterionBody(kit, d, c, maxLevel);
    kit.p(
      'Ghi chú: - Trường hợp tiêu chí không ghi cụ thể chỉ báo a, b, c, đánh dấu sao (*) vào ô chỉ báo và ghi kết quả đánh giá đạt/không đạt; - Các ô không có chỉ báo: đánh dấu gạch ngang (–).',
      {
        italics: true,
        size: SIZE.small,
        indent: false,
      },
    );
    kit.add(emptyLine());
    kit.signature({
      placeDate: placeDate(kit, d, reportDate(d), 'phiếu', 'reportDate'),
      title: 'NGƯỜI VIẾT',
      note: '(Ký và ghi rõ họ tên)',
      name: '',
      leftTitle: 'Xác nhận của trưởng nhóm công tác',
    });
  });
  return kit;
}
