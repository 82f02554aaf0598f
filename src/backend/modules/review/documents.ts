import ExcelJS from 'exceljs';
import { DocBuilder } from '../../reports/docx-kit';
import type { Dashboard, ReviewDossier, TeamView } from '../../../contract/schemas/review';

function placeDate(d: Date): string {
  return `…, ngày ${d.getDate()} tháng ${d.getMonth() + 1} năm ${d.getFullYear()}`;
}

/**
 * Báo cáo kết quả đánh giá ngoài (administrative format, src/backend/reports/docx-kit.ts): per
 * criterion the school's judgment and the team's side by side, findings, conclusion and
 * recommendation; missing facts are highlighted gaps, never invented.
 */
export async function reviewReportDocx(
  d: ReviewDossier,
  team: TeamView,
  o: { issuer: string; managingBody: string; now?: Date },
): Promise<Buffer> {
  const b = new DocBuilder(`Báo cáo đánh giá ngoài – ${d.school.name}`);
  const now = o.now ?? new Date();
  b.adminHeader({ managingBody: o.managingBody, issuer: o.issuer, placeDate: placeDate(now) });
  b.title1('BÁO CÁO');
  b.centered(`Kết quả đánh giá ngoài ${d.school.name}`, { bold: true });
  b.p(`Khung đánh giá: ${d.frameworkName ?? d.frameworkId ?? ''}; năm học ${d.schoolYear ?? ''}; hồ sơ phiên bản ${d.version}.`);
  b.h(1, 'I. Kết quả đánh giá từng tiêu chí');
  const verdict = (code: string) => {
    const c = team.criteria.find((x) => x.criterionCode === code);
    const levels = [...new Set((c?.verdicts ?? []).map((v) => v.levelReached).filter((l) => l !== null))];
    return levels.length ? levels.map((l) => `Mức ${l}`).join(' / ') : '';
  };
  b.table({
    widths: [0.1, 0.2, 0.2, 0.5],
    head: [['Tiêu chí', 'Trường tự đánh giá', 'Đoàn đánh giá', 'Nhận xét của đoàn']],
    body: d.criteria.map((c) => [
      c.code,
      `Mức ${c.schoolLevel}`,
      verdict(c.code) || '—',
      team.comments
        .filter((x) => x.criterionCode === c.code)
        .map((x) => x.body)
        .join('; ') || '—',
    ]),
  });
  b.h(1, 'II. Những phát hiện chính');
  b.text(team.conclusion?.findings, { key: 'findings', message: 'Những phát hiện của đoàn' });
  b.h(1, 'III. Kết luận');
  if (team.conclusion) b.p(`Đoàn kết luận trường đạt Mức ${team.conclusion.level}.`);
  b.text(team.conclusion?.conclusion, { key: 'conclusion', message: 'Kết luận của đoàn' });
  b.h(1, 'IV. Kiến nghị');
  b.text(team.conclusion?.recommendation, { key: 'recommendation', message: 'Kiến nghị của đoàn' });
  const lead = team.members.find((m) => m.role === 'lead');
  b.signature({
    title: 'TRƯỞNG ĐOÀN',
    name: lead?.name ?? '',
    note: '(Ký, ghi rõ họ tên)',
    recipients: [d.school.name, 'Lưu: VT'],
  });
  return b.toBuffer({ subject: 'Báo cáo đánh giá ngoài' });
}

/** One dashboard table as .xlsx. */
export async function dashboardTableXlsx(
  dash: Dashboard,
  table: 'schools' | 'byState' | 'levels' | 'expiring' | 'rooms',
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const specs: Record<typeof table, { name: string; header: string[]; rows: (string | number | null)[][] }> = {
    schools: {
      name: 'Trường',
      header: ['Mã', 'Tên trường', 'Đơn vị quản lý', 'Tình trạng', 'Nộp lần cuối', 'Khung', 'Mức', 'Hiệu lực đến'],
      rows: dash.schools.map((s) => [
        s.code,
        s.name,
        s.parentName,
        s.stateLabel,
        s.lastSubmittedAt,
        s.frameworkId,
        s.level,
        s.validUntil,
      ]),
    },
    byState: { name: 'Theo tình trạng', header: ['Tình trạng', 'Số trường'], rows: dash.byState.map((s) => [s.label, s.count]) },
    levels: {
      name: 'Theo mức',
      header: ['Khung', 'Mức', 'Số trường'],
      rows: dash.levels.map((l) => [l.frameworkId, l.level, l.count]),
    },
    expiring: {
      name: 'Sắp hết hiệu lực',
      header: ['Mã', 'Tên trường', 'Mức', 'Số quyết định', 'Ngày quyết định', 'Hiệu lực đến', 'Còn (ngày)'],
      rows: dash.expiring.map((r) => [
        r.schoolCode,
        r.schoolName,
        r.level,
        r.decisionNumber,
        r.decisionDate,
        r.validUntil,
        r.daysLeft,
      ]),
    },
    rooms: {
      name: 'Phòng theo kết cấu',
      header: ['Kết cấu', 'Số phòng'],
      rows: dash.facilities.roomsByConstruction.map((r) => [r.construction, r.count]),
    },
  };
  const spec = specs[table];
  const ws = wb.addWorksheet(spec.name);
  ws.addRow(spec.header).font = { bold: true };
  for (const r of spec.rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
