/**
 * Biên bản tổng hợp kết quả thẩm định đề nghị công nhận trường đạt chuẩn quốc gia (TT 57 only):
 * the conditions of khoản 1 Điều 16 from the framework data, whether the team finds each met
 * (members' judgments under code DK16 merged like requirements; c from the team's level), the
 * evidence codes the team cited, and the degree the school may be recognised at. A condition
 * the team has not judged is a highlighted gap, never assumed.
 */
import type { LevelsFramework } from '../../../core/frameworks/framework.schema';
import { appraiseNationalStandard } from '../../../core/levels/team-level-conditions';
import { RpcError } from '../../../contract/rpc';
import { DocBuilder, SIZE, type Cell } from '../../reports/docx-kit';
import { adminDate } from '../../reports/text';
import { evidenceCodes, issuingUnit, label, lowerFirst, placeDate, teamLine, type ReviewDocData } from './document-common';
import { conditionInputs, isLevels, leadOf } from './levels';

/** The framework of a dossier the appraisal applies to, or a Vietnamese refusal. */
export function tt57Framework(data: ReviewDocData): LevelsFramework {
  const fw = data.framework;
  if (!isLevels(fw) || fw.family !== 'tt57' || !fw.nationalStandard) {
    const which = fw ? `${fw.source.documentType} ${fw.source.number}` : (data.dossier.frameworkId ?? 'không xác định');
    throw new RpcError(
      'VALIDATION',
      `Biên bản thẩm định công nhận đạt chuẩn quốc gia chỉ lập cho hồ sơ theo Thông tư 57/2026/TT-BGDĐT (Điều 16); hồ sơ này theo khung ${which}.`,
    );
  }
  return fw;
}

export function buildAppraisalSummary(data: ReviewDocData): DocBuilder {
  const fw = tt57Framework(data);
  const { dossier: d, team } = data;
  const concluded = team.conclusion?.level ?? null;
  const level = concluded ?? team.proposed?.school.level ?? null;
  const appraisal = appraiseNationalStandard(fw, { conditions: conditionInputs(team), leadId: leadOf(team), level });

  const b = new DocBuilder(`Biên bản thẩm định công nhận đạt chuẩn quốc gia – ${d.school.name}`);
  const unit = issuingUnit(b, data.status);
  b.adminHeader({ managingBody: unit.managingBody, issuer: unit.issuer, placeDate: placeDate(data.now ?? new Date()) });
  b.title1('BIÊN BẢN');
  b.centered('Tổng hợp kết quả thẩm định đề nghị công nhận trường đạt chuẩn quốc gia', { bold: true });
  b.centered(d.school.name, { bold: true });
  b.p(
    `Căn cứ khoản 1 Điều 16 ${fw.source.documentType} số ${fw.source.number} ${adminDate(fw.source.signedDate)} của Bộ trưởng Bộ Giáo dục và Đào tạo ${lowerFirst(fw.source.title)};`,
    { italics: true },
  );
  b.p(`Hồ sơ tự đánh giá năm học ${d.schoolYear ?? ''}, phiên bản ${d.version}; khung đánh giá: ${d.frameworkName ?? fw.title}.`);
  b.p(['Đoàn thẩm định: ', teamLine(team) || b.gap({ key: 'team.members', message: 'thành viên đoàn thẩm định' }), '.']);

  b.h(1, 'I. Kết quả thẩm định các điều kiện (khoản 1 Điều 16)');
  const body: Cell[][] = appraisal.conditions.map((c) => {
    const result: Cell =
      c.met === null
        ? { content: [b.cellGap({ key: `condition.${c.key}`, message: `kết luận của đoàn về điều kiện ${c.key})` })] }
        : c.met
          ? 'Đạt'
          : 'Chưa đạt';
    const codes = evidenceCodes(d, c.evidenceIds);
    const evidence: Cell =
      c.key === 'c'
        ? ['Kết quả đánh giá từng tiêu chí (Báo cáo kết quả đánh giá ngoài)', ...codes].join('; ')
        : codes.length
          ? codes.join(', ')
          : {
              content: [
                b.cellGap({
                  key: `condition.${c.key}.evidence`,
                  message: `minh chứng cho điều kiện ${c.key})`,
                  severity: 'optional',
                }),
              ],
            };
    return [`${c.key})`, c.text, result, evidence, [c.detail, ...c.notes].join('. ')];
  });
  b.table({
    widths: [0.07, 0.4, 0.1, 0.18, 0.25],
    size: SIZE.small,
    head: [['Điều kiện', 'Nội dung', 'Kết quả', 'Minh chứng', 'Ghi chú của đoàn']],
    body,
  });

  b.h(1, 'II. Mức đạt của trường');
  if (concluded !== null)
    b.p(`Đoàn kết luận trường ${concluded === 0 ? `chưa đạt ${label(fw, 1)}` : `đạt ${label(fw, concluded)}`}.`);
  else if (level !== null)
    b.p([
      `Theo đánh giá từng yêu cầu, đoàn đề xuất ${label(fw, level)} `,
      b.gap({ key: 'conclusion.level', message: 'kết luận của trưởng đoàn về mức của trường', severity: 'optional' }),
      '.',
    ]);
  else b.p([b.gap({ key: 'conclusion.level', message: 'mức của trường theo đoàn' })]);

  b.h(1, 'III. Kết luận');
  b.p(appraisal.explanation);
  if (appraisal.eligible === true)
    b.p(`Đoàn đề nghị cơ quan có thẩm quyền công nhận ${d.school.name} đạt chuẩn quốc gia ${appraisal.degreeLabel}.`, {
      bold: true,
    });
  const lead = team.members.find((m) => m.role === 'lead');
  b.signature({
    title: 'TRƯỞNG ĐOÀN',
    name: lead?.name || b.gap({ key: 'team.lead', message: 'họ tên trưởng đoàn' }),
    note: '(Ký, ghi rõ họ tên)',
    leftTitle: 'THƯ KÝ ĐOÀN',
  });
  return b;
}
