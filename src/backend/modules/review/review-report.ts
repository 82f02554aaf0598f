/**
 * Báo cáo kết quả đánh giá ngoài (administrative format): per criterion the school's level and
 * the team's side by side — the level the engine gives the team's merged judgments and each
 * member's verdict —, the team's comments, the school level (self-assessed, proposed,
 * concluded), findings, conclusion and recommendation.
 */
import { DocBuilder } from '../../reports/docx-kit';
import { issuingUnit, label, placeDate, teamLine, type ReviewDocData } from './document-common';

export function buildReviewReport(data: ReviewDocData): DocBuilder {
  const { dossier: d, team, framework: fw } = data;
  const b = new DocBuilder(`Báo cáo đánh giá ngoài – ${d.school.name}`);
  const unit = issuingUnit(b, data.status);
  b.adminHeader({ managingBody: unit.managingBody, issuer: unit.issuer, placeDate: placeDate(data.now ?? new Date()) });
  b.title1('BÁO CÁO');
  b.centered(`Kết quả đánh giá ngoài ${d.school.name}`, { bold: true });
  b.p(`Khung đánh giá: ${d.frameworkName ?? d.frameworkId ?? ''}; năm học ${d.schoolYear ?? ''}; hồ sơ phiên bản ${d.version}.`);
  b.p([
    'Đoàn đánh giá ngoài: ',
    teamLine(team) || b.gap({ key: 'team.members', message: 'thành viên đoàn đánh giá ngoài' }),
    '.',
  ]);

  b.h(1, 'I. Kết quả đánh giá từng tiêu chí');
  const proposed = team.proposed ?? null;
  const teamCell = (code: string): string => {
    const lines: string[] = [];
    const p = proposed?.criteria.find((c) => c.criterionCode === code);
    if (p) lines.push(p.assessed ? `Theo các yêu cầu: ${p.levelLabel}` : 'Theo các yêu cầu: chưa đánh giá');
    if (p?.ties.length) lines.push(`Ngang phiếu (tính chưa đạt): ${p.ties.join(', ')}`);
    const verdicts = (team.criteria.find((x) => x.criterionCode === code)?.verdicts ?? []).filter((v) => v.levelReached !== null);
    if (verdicts.length)
      lines.push(`Theo từng thành viên: ${verdicts.map((v) => `${v.name}: ${label(fw, v.levelReached!)}`).join('; ')}`);
    return lines.join('\n');
  };
  b.table({
    widths: [0.1, 0.18, 0.32, 0.4],
    head: [['Tiêu chí', 'Trường tự đánh giá', 'Đoàn đánh giá', 'Nhận xét của đoàn']],
    body: d.criteria.map((c) => [
      c.code,
      label(fw, c.schoolLevel),
      teamCell(c.code) || '—',
      team.comments
        .filter((x) => x.criterionCode === c.code)
        .map((x) => x.body)
        .join('; ') || '—',
    ]),
  });

  b.h(1, 'II. Mức đạt của trường');
  b.p(
    d.schoolLevel === null
      ? [
          'Trường tự đánh giá: ',
          b.gap({ key: 'school.level', message: 'mức tự đánh giá của trường (khung đánh giá không có trên máy)' }),
        ]
      : `Trường tự đánh giá: ${label(fw, d.schoolLevel)}. ${d.schoolLevelExplanation ?? ''}`.trim(),
  );
  if (proposed) {
    b.p(`Theo đánh giá từng yêu cầu của đoàn: ${proposed.school.label}. ${proposed.school.explanation}`);
    b.p(`Cách tổng hợp: ${proposed.rule}`, { italics: true });
  }
  if (team.conclusion) {
    b.p(`Đoàn kết luận: ${label(fw, team.conclusion.level)}.`, { bold: true });
    if (proposed && proposed.school.level !== team.conclusion.level) {
      b.p(`Mức kết luận khác mức tổng hợp từ các đánh giá yêu cầu (${proposed.school.label}); lý do xem phần kết luận.`);
    }
  } else {
    b.p([
      'Đoàn kết luận: ',
      b.gap({ key: 'conclusion.level', message: 'mức kết luận của đoàn (trưởng đoàn chưa ghi kết luận)' }),
    ]);
  }

  b.h(1, 'III. Những phát hiện chính');
  b.text(team.conclusion?.findings, { key: 'findings', message: 'những phát hiện của đoàn' });
  b.h(1, 'IV. Kết luận');
  if (team.conclusion)
    b.p(
      team.conclusion.level === 0
        ? `Đoàn kết luận trường chưa đạt ${label(fw, 1)}.`
        : `Đoàn kết luận trường đạt ${label(fw, team.conclusion.level)}.`,
    );
  b.text(team.conclusion?.conclusion, { key: 'conclusion', message: 'kết luận của đoàn' });
  b.h(1, 'V. Kiến nghị');
  b.text(team.conclusion?.recommendation, { key: 'recommendation', message: 'kiến nghị của đoàn', severity: 'optional' });
  const lead = team.members.find((m) => m.role === 'lead');
  b.signature({
    title: 'TRƯỞNG ĐOÀN',
    name: lead?.name || b.gap({ key: 'team.lead', message: 'họ tên trưởng đoàn' }),
    note: '(Ký, ghi rõ họ tên)',
    recipients: [d.school.name, 'Lưu: VT'],
  });
  return b;
}
