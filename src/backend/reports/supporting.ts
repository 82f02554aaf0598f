/**
 * Supporting documents: the decision establishing the self-assessment council with its member
 * lists, the self-assessment plan, and the evidence list (TT 57: 5 columns; legacy CV 5932:
 * 7 columns; internal variant with the criteria each evidence serves). Layout of the decision
 * and the plan after the templates rebuilt in shared/reference/accreditation/cv5932-2018.md,
 * with the legal grounds of the assessment's own framework.
 */
import { councilTable, evidenceTable, groupsTable, planTable } from './annex';
import { documentNumber, managingBody, placeDate, principal, schoolName } from './common';
import { DocBuilder, SIZE, emptyLine, pageBreak, type Inline } from './docx-kit';
import type { ReportData } from './report-data';
import { adminDate, present, shortDate } from './text';

/** "Căn cứ …" lines of the assessment's framework (TT 57, or TT 17/18/19 with CV 5932/5942). */
export function legalGrounds(d: ReportData): string[] {
  const src = d.fw.source;
  const lines = [
    `Căn cứ ${src.documentType} số ${src.number} ${adminDate(src.signedDate)} của Bộ trưởng Bộ Giáo dục và Đào tạo ${lowerFirst(src.title)};`,
  ];
  if (d.fw.family === 'legacy2018') {
    const preschool = d.assessment.educationLevel === 'mam_non';
    lines.push(
      `Căn cứ Công văn số ${preschool ? '5942' : '5932'}/BGDĐT-QLCL ngày 28 tháng 12 năm 2018 của Bộ Giáo dục và Đào tạo về việc hướng dẫn tự đánh giá và đánh giá ngoài ${preschool ? 'trường mầm non' : 'cơ sở giáo dục phổ thông'};`,
    );
  }
  return lines;
}

function lowerFirst(s: string): string {
  return s ? s[0]!.toLowerCase() + s.slice(1) : s;
}

function chairName(kit: DocBuilder, d: ReportData): Inline {
  const chair = d.council.members.find((m) => m.councilRole === 'chair');
  return chair
    ? chair.fullName
    : kit.gap({ key: 'council.chair', message: 'Chủ tịch hội đồng tự đánh giá', fix: { screen: 'council' } });
}

function councilProblems(kit: DocBuilder, d: ReportData): void {
  if (d.council.check.ok || d.council.members.length === 0) return;
  kit.p([
    kit.gap({
      key: 'council.rules',
      message: `hội đồng chưa đúng quy định: ${d.council.check.problems.map((p) => p.message).join('; ')}`,
      fix: { screen: 'council' },
    }),
  ]);
}

// ---------------------------------------------------------------------------------------------

export const COUNCIL_DECISION_TITLE = 'QUYẾT ĐỊNH thành lập Hội đồng tự đánh giá';

export function buildCouncilDecision(d: ReportData): DocBuilder {
  const kit = new DocBuilder(`Quyết định thành lập Hội đồng tự đánh giá năm học ${d.assessment.schoolYear}`);
  const t = d.texts;
  const number = documentNumber(kit, t.decisionNumber, 'QĐ-…', 'decisionNumber', 'quyết định');
  kit.section({ numbering: 'hide-first' });
  kit.adminHeader({
    managingBody: managingBody(kit, d),
    issuer: schoolName(kit, d),
    number,
    placeDate: placeDate(kit, d, t.decisionDate, 'quyết định', 'decisionDate'),
  });
  kit.title1('QUYẾT ĐỊNH', { spaceBefore: 360 });
  kit.centered(`Về việc thành lập Hội đồng tự đánh giá năm học ${d.assessment.schoolYear}`, { bold: true, size: SIZE.body });
  kit.add(emptyLine());
  kit.centered(['HIỆU TRƯỞNG ', schoolName(kit, d)], { bold: true, size: SIZE.body, allCaps: true });
  kit.add(emptyLine());
  for (const line of legalGrounds(d)) kit.p(line, { italics: true });
  kit.p('Xét đề nghị của các bộ phận trong nhà trường,', { italics: true });
  kit.centered('QUYẾT ĐỊNH:', { bold: true, size: SIZE.body }, 120);
  const groups = d.council.groups.length > 0;
  kit.p([
    'Điều 1. ',
    'Thành lập Hội đồng tự đánh giá ',
    schoolName(kit, d),
    ` năm học ${d.assessment.schoolYear} gồm ${String(d.council.members.length).padStart(2, '0')} ông (bà) có tên trong danh sách kèm theo.`,
    ...(groups ? [' Giúp việc cho Hội đồng có các nhóm công tác gồm các ông (bà) có tên trong danh sách kèm theo.'] : []),
  ]);
  kit.p([
    'Điều 2. ',
    `Hội đồng tự đánh giá có nhiệm vụ triển khai công tác tự đánh giá của nhà trường theo quy định tại ${d.fw.source.documentType} số ${d.fw.source.number}; Hội đồng phân công nhiệm vụ cụ thể cho từng thành viên.`,
  ]);
  kit.p(['Điều 3. ', 'Các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.']);
  kit.signature({
    title: 'HIỆU TRƯỞNG',
    name: principal(kit, d),
    recipients: ['Như Điều 3', 'Cơ quan quản lý trực tiếp (để b/c)', 'Lưu: VT.'],
  });
  kit.add(pageBreak());
  kit.title1('DANH SÁCH THÀNH VIÊN HỘI ĐỒNG TỰ ĐÁNH GIÁ', { size: SIZE.body, spaceBefore: 0 });
  kit.centered(
    [
      `(Kèm theo Quyết định ${number.map((x) => (typeof x === 'string' ? x.replace(/^Số: /, 'số ') : '')).join('')} ${adminDate(t.decisionDate)} của Hiệu trưởng)`,
    ],
    { italics: true, size: SIZE.body },
  );
  kit.add(emptyLine());
  councilProblems(kit, d);
  councilTable(kit, d, { duties: true });
  if (groups) {
    kit.add(emptyLine());
    kit.title1('DANH SÁCH CÁC NHÓM CÔNG TÁC', { size: SIZE.body, spaceBefore: 0 });
    groupsTable(kit, d);
  }
  return kit;
}

// ---------------------------------------------------------------------------------------------

export const PLAN_TITLE = 'KẾ HOẠCH TỰ ĐÁNH GIÁ';

export function buildSelfAssessmentPlan(d: ReportData): DocBuilder {
  const kit = new DocBuilder(`Kế hoạch tự đánh giá năm học ${d.assessment.schoolYear}`);
  const t = d.texts;
  kit.section({ numbering: 'hide-first' });
  kit.adminHeader({
    managingBody: schoolName(kit, d),
    issuer: 'HỘI ĐỒNG TỰ ĐÁNH GIÁ',
    number: documentNumber(kit, t.planNumber, 'KH-HĐTĐG', 'planNumber', 'kế hoạch tự đánh giá'),
    placeDate: placeDate(kit, d, t.planDate, 'kế hoạch tự đánh giá', 'planDate'),
  });
  kit.title1(PLAN_TITLE, { spaceBefore: 360 });
  kit.centered(`Năm học ${d.assessment.schoolYear}`, { bold: true, size: SIZE.body });
  kit.add(emptyLine());

  kit.h(2, 'I. MỤC ĐÍCH TỰ ĐÁNH GIÁ');
  kit.p(
    `Xác định mức độ đáp ứng các tiêu chí theo ${d.fw.source.documentType} số ${d.fw.source.number}; chỉ ra điểm mạnh, điểm hạn chế và nguyên nhân để xây dựng kế hoạch cải tiến chất lượng; nâng cao chất lượng giáo dục và trách nhiệm giải trình của nhà trường.`,
  );
  kit.h(2, 'II. PHẠM VI TỰ ĐÁNH GIÁ');
  kit.p(
    `Toàn bộ hoạt động của nhà trường theo ${String(d.fw.standards.length).padStart(2, '0')} tiêu chuẩn, ${String(d.criteria.length).padStart(2, '0')} tiêu chí:`,
  );
  for (const s of d.fw.standards) kit.p(`- Tiêu chuẩn ${s.code}: ${s.title};`);
  kit.h(2, 'III. CÔNG CỤ TỰ ĐÁNH GIÁ');
  kit.p(`${d.fw.title}${d.fw.source.annex ? ` (${d.fw.source.annex})` : ''}.`);
  if (d.fw.family === 'legacy2018')
    kit.p(
      legalGrounds(d)[1]!
        .replace(/^Căn cứ /, '')
        .replace(/;$/, '.'),
    );

  kit.h(2, 'IV. HỘI ĐỒNG TỰ ĐÁNH GIÁ');
  kit.p('1. Thành phần Hội đồng tự đánh giá', { bold: true, indent: false, keepNext: true });
  kit.p([
    'Hội đồng tự đánh giá được thành lập theo Quyết định ',
    ...(present(t.decisionNumber)
      ? [`số ${t.decisionNumber} ${adminDate(t.decisionDate)}`]
      : [
          kit.gap({
            key: 'texts.decisionNumber',
            message: 'số quyết định thành lập hội đồng',
            severity: 'optional',
            fix: { screen: 'reportTexts', field: 'decisionNumber' },
          }),
        ]),
    ` của Hiệu trưởng, gồm ${String(d.council.members.length).padStart(2, '0')} thành viên:`,
  ]);
  councilProblems(kit, d);
  councilTable(kit, d, { duties: true });
  kit.p('2. Các nhóm công tác', { bold: true, indent: false, keepNext: true });
  if (!groupsTable(kit, d))
    kit.p('Hội đồng không lập nhóm công tác; các tiêu chí được phân công trực tiếp cho thành viên.', { italics: true });
  kit.p('3. Phân công nhiệm vụ', { bold: true, indent: false, keepNext: true });
  const unassigned = d.assignments.filter((a) => a.members.length + a.groups.length === 0).map((a) => a.criterionCode);
  kit.table({
    widths: [6, 40, 38, 16],
    head: [['TT', 'Tiêu chí', 'Nhóm công tác, cá nhân chịu trách nhiệm', 'Thời hạn']],
    align: ['center', 'left', 'left', 'center'],
    body: d.assignments.map((a, i) => [
      String(i + 1),
      `Tiêu chí ${a.criterionCode}. ${a.title}`,
      a.members.length + a.groups.length > 0
        ? [...a.groups.map((g) => g.name), ...a.members.map((m) => m.fullName)].join('; ')
        : {
            content: [
              kit.cellGap({
                key: 'assignments.missing',
                message: 'phân công tiêu chí',
                severity: 'optional',
                fix: { screen: 'council' },
              }),
            ],
          },
      a.dueDate ? shortDate(a.dueDate) : '',
    ]),
    size: SIZE.small,
  });
  if (unassigned.length) {
    const g = kit.gaps.find((x) => x.key === 'assignments.missing');
    if (g) g.message = `chưa phân công tiêu chí ${unassigned.join(', ')}`;
  }

  kit.h(2, 'V. THỜI GIAN VÀ NỘI DUNG HOẠT ĐỘNG');
  planTable(kit, d);
  const deadline = d.plan.calendar.find((c) => c.actor === 'school' && c.deadline);
  if (deadline) kit.p(`Mốc thời gian theo quy định: ${deadline.label} (${shortDate(deadline.date)}).`, { italics: true });

  kit.signature({
    on: 'TM. HỘI ĐỒNG',
    title: 'CHỦ TỊCH',
    name: chairName(kit, d),
    note: '(Ký, ghi rõ họ tên)',
    recipients: [
      'Cơ quan quản lý trực tiếp (để b/c)',
      'Hội đồng tự đánh giá (để th/h)',
      'Cán bộ, giáo viên, nhân viên (để th/h)',
      'Lưu: VT.',
    ],
  });
  return kit;
}

// ---------------------------------------------------------------------------------------------

export const EVIDENCE_LIST_TITLE = 'DANH MỤC MINH CHỨNG';

export function buildEvidenceList(d: ReportData, o: { internal: boolean }): DocBuilder {
  const style = d.fw.family === 'tt57' ? 'tt57' : 'legacy';
  const kit = new DocBuilder(`Danh mục minh chứng năm học ${d.assessment.schoolYear}${o.internal ? ' (bản nội bộ)' : ''}`);
  const landscape = style === 'legacy' || o.internal;
  kit.section({ numbering: 'hide-first', orientation: landscape ? 'landscape' : 'portrait' });
  kit.adminHeader({ managingBody: managingBody(kit, d), issuer: schoolName(kit, d) });
  kit.title1(EVIDENCE_LIST_TITLE, { spaceBefore: 240 });
  kit.centered(
    `(Kèm theo Báo cáo tự đánh giá năm học ${d.assessment.schoolYear}${o.internal ? ' — bản nội bộ, có tiêu chí sử dụng và tình trạng từng minh chứng' : ''})`,
    { italics: true, size: SIZE.body },
  );
  kit.add(emptyLine());
  evidenceTable(kit, d, { style, internal: o.internal });
  const uncited = d.evidence.filter((e) => e.citedIn.length === 0).length;
  kit.p(
    `Tổng số: ${String(d.evidence.length).padStart(2, '0')} minh chứng${o.internal && uncited ? `, trong đó ${String(uncited).padStart(2, '0')} minh chứng chưa được trích dẫn trong báo cáo` : ''}.`,
    { italics: true, indent: false },
  );
  kit.signature({ on: 'TM. HỘI ĐỒNG TỰ ĐÁNH GIÁ', title: 'CHỦ TỊCH', name: chairName(kit, d), note: '(Ký, ghi rõ họ tên)' });
  return kit;
}
