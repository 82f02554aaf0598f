/**
 * Phiếu đánh giá tiêu chí of every member of the team, one .docx: a section per member (new page)
 * with each criterion's requirements, the school's judgment and the member's, agreement with
 * the school, the level the member finds the criterion reaches, notes, and the member's
 * signature line. A requirement the member has not judged is a highlighted gap on the sheet.
 */
import { NATIONAL_STANDARD_CODE } from '../../../core/levels/team-level-conditions';
import type { TeamView } from '../../../contract/schemas/review';
import { CELL_GAP, DocBuilder, SIZE } from '../../reports/docx-kit';
import { AGREE_TEXT, issuingUnit, JUDGMENT_TEXT, label, noteText, placeDate, type ReviewDocData } from './document-common';

type Member = { accountId: string; name: string; role: string };

/** The team's members, and anyone else who recorded judgments (an admin), in that order. */
function sheetMembers(team: TeamView): Member[] {
  const out: Member[] = team.members.map((m) => ({ ...m }));
  for (const c of team.criteria)
    for (const j of [...c.verdicts, ...c.requirements.flatMap((r) => r.judgments)])
      if (!out.some((m) => m.accountId === j.accountId)) out.push({ accountId: j.accountId, name: j.name, role: 'admin' });
  return out;
}

const ROLE_TEXT: Record<string, string> = { lead: 'Trưởng đoàn', member: 'Thành viên', admin: 'Cán bộ quản lý' };

export function buildMemberSheets(data: ReviewDocData): DocBuilder {
  const { dossier: d, team, framework: fw } = data;
  const b = new DocBuilder(`Phiếu đánh giá tiêu chí – ${d.school.name}`);
  const members = sheetMembers(team);
  const date = placeDate(data.now ?? new Date());
  if (members.length === 0) {
    const unit = issuingUnit(b, data.status);
    b.adminHeader({ managingBody: unit.issuer, issuer: 'ĐOÀN ĐÁNH GIÁ NGOÀI', placeDate: date });
    b.title1('PHIẾU ĐÁNH GIÁ TIÊU CHÍ');
    b.p([b.gap({ key: 'team.members', message: 'thành viên đoàn đánh giá ngoài (hồ sơ chưa được phân công)' })]);
    return b;
  }
  members.forEach((m, index) => {
    b.section({ numbering: 'hide-first' });
    const unit = issuingUnit(b, data.status);
    b.adminHeader({ managingBody: unit.issuer, issuer: 'ĐOÀN ĐÁNH GIÁ NGOÀI', placeDate: date });
    b.title1('PHIẾU ĐÁNH GIÁ TIÊU CHÍ');
    b.h(1, `${index + 1}. ${m.name || m.accountId} – ${ROLE_TEXT[m.role] ?? m.role}`);
    b.p(
      `Trường được đánh giá: ${d.school.name}${d.school.code ? ` (mã ${d.school.code})` : ''}; năm học ${d.schoolYear ?? ''}; hồ sơ phiên bản ${d.version}.`,
    );
    b.p(`Khung đánh giá: ${d.frameworkName ?? d.frameworkId ?? ''}.`);
    for (const c of d.criteria) {
      const tc = team.criteria.find((x) => x.criterionCode === c.code);
      const mine = (level: number, code: string) =>
        tc?.requirements
          .find((r) => r.level === level && r.requirementCode === code)
          ?.judgments.find((j) => j.accountId === m.accountId);
      const verdict = tc?.verdicts.find((v) => v.accountId === m.accountId);
      const missing = {
        key: `member.${m.accountId}.${c.code}`,
        message: `đánh giá của ${m.name || m.accountId} cho tiêu chí ${c.code}`,
        severity: 'optional' as const,
      };
      b.h(2, `Tiêu chí ${c.code}: ${c.title}`);
      b.table({
        widths: [0.08, 0.4, 0.12, 0.12, 0.12, 0.16],
        size: SIZE.small,
        head: [['Mức', 'Yêu cầu', 'Trường tự đánh giá', 'Thành viên đánh giá', 'Ý kiến với trường', 'Ghi chú']],
        body: c.requirements.map((r) => {
          const j = mine(r.level, r.requirementCode);
          const judged = j && j.judgment !== 'unassessed';
          return [
            String(r.level),
            `${r.requirementCode}. ${r.text}`,
            JUDGMENT_TEXT[r.judgment] ?? r.judgment,
            judged ? JUDGMENT_TEXT[j.judgment]! : { content: [b.cellGap(missing)] },
            j ? AGREE_TEXT[j.agree] || '—' : '—',
            j?.note ? noteText(d, j.note) : '',
          ];
        }),
      });
      b.p([
        'Mức đạt được: ',
        verdict && verdict.levelReached !== null ? label(fw, verdict.levelReached) : b.gap(missing),
        verdict?.agree
          ? `; ${AGREE_TEXT[verdict.agree]!.toLowerCase()} với kết quả tự đánh giá của trường (${label(fw, c.schoolLevel)})`
          : '',
        '.',
      ]);
      if (verdict?.note) b.p(`Ghi chú: ${noteText(d, verdict.note)}`);
    }
    const conditions = team.criteria.find((x) => x.criterionCode === NATIONAL_STANDARD_CODE);
    const own = (conditions?.requirements ?? []).flatMap((r) =>
      r.judgments.filter((j) => j.accountId === m.accountId).map((j) => ({ key: r.requirementCode, j })),
    );
    if (own.length) {
      b.h(2, 'Điều kiện công nhận đạt chuẩn quốc gia (khoản 1 Điều 16)');
      b.table({
        widths: [0.1, 0.2, 0.7],
        size: SIZE.small,
        head: [['Điều kiện', 'Đánh giá', 'Ghi chú, minh chứng']],
        body: own.map(({ key, j }) => [`${key})`, JUDGMENT_TEXT[j.judgment] ?? CELL_GAP, noteText(d, j.note)]),
      });
    }
    b.signature({ title: 'NGƯỜI ĐÁNH GIÁ', name: m.name || m.accountId, note: '(Ký, ghi rõ họ tên)' });
  });
  return b;
}
