/**
 * Quyết định công nhận, once the department has recorded the decision (`review.decide`): its
 * number, date, level and validity as stored on the server. TT 57: công nhận trường đạt chuẩn
 * quốc gia, Mức độ from the level (Điều 16 khoản 2); TT 17/18/19: đạt kiểm định chất lượng giáo
 * dục Cấp độ (Điều 34) and, from Mức 2, đạt chuẩn quốc gia Mức độ (Điều 37). The signer's name is
 * not in the data: a gap.
 */
import type { Framework } from '../../../core/frameworks/framework.schema';
import { RpcError } from '../../../contract/rpc';
import type { RecognitionView } from '../../../contract/schemas/review';
import { DocBuilder, SIZE, emptyLine } from '../../reports/docx-kit';
import { adminDate, dateParts } from '../../reports/text';
import { issuingUnit, label, lowerFirst, type ReviewDocData } from './document-common';
import { isLevels } from './levels';

/** The decision recorded for this dossier: this version's, else the latest for the school and framework. */
export function recognitionOf(data: ReviewDocData): RecognitionView {
  const d = data.dossier;
  const all = data.recognitions ?? [];
  const found =
    all.find((r) => r.submissionId === d.submissionId) ??
    all
      .filter((r) => r.unitId === d.school.id && (d.frameworkId === null || r.frameworkId === d.frameworkId))
      .sort((a, b) => (a.decisionDate < b.decisionDate ? 1 : -1))[0];
  if (!found)
    throw new RpcError(
      'CONFLICT',
      'Chưa có quyết định công nhận cho hồ sơ này: hãy ghi số và ngày quyết định (Ghi quyết định) trước khi in văn bản.',
    );
  return found;
}

const byLevel = (rows: readonly { level: number; value: number }[], level: number) =>
  rows.filter((r) => r.level <= level).reduce((m, r) => Math.max(m, r.value), 0);

/** What the decision recognises, in the words of Điều 1. */
function recognised(fw: Framework | undefined, level: number): { title: string; article: string } {
  if (isLevels(fw) && fw.family === 'tt57') {
    const degree = byLevel(
      (fw.nationalStandard?.degreeByLevel ?? []).map((r) => ({ level: r.level, value: r.degree })),
      level,
    );
    return degree > 0
      ? {
          title: 'đạt chuẩn quốc gia',
          article: `đạt chuẩn quốc gia Mức độ ${degree} (kết quả đánh giá ngoài đạt ${label(fw, level)})`,
        }
      : { title: 'kết quả đánh giá ngoài', article: `kết quả đánh giá ngoài: ${label(fw, level)}` };
  }
  if (isLevels(fw) && fw.accreditation) {
    const grade = byLevel(
      fw.accreditation.gradeByLevel.map((r) => ({ level: r.level, value: r.grade })),
      level,
    );
    const degree = byLevel(
      (fw.nationalStandard?.degreeByLevel ?? []).map((r) => ({ level: r.level, value: r.degree })),
      level,
    );
    if (grade === 0) return { title: 'kết quả đánh giá ngoài', article: `kết quả đánh giá ngoài: ${label(fw, level)}` };
    return degree > 0
      ? {
          title: 'đạt kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia',
          article: `đạt kiểm định chất lượng giáo dục Cấp độ ${grade} và đạt chuẩn quốc gia Mức độ ${degree}`,
        }
      : { title: 'đạt kiểm định chất lượng giáo dục', article: `đạt kiểm định chất lượng giáo dục Cấp độ ${grade}` };
  }
  return { title: 'kết quả đánh giá ngoài', article: `kết quả đánh giá ngoài: ${label(fw, level)}` };
}

/** "GIÁM ĐỐC" for a Sở, "TRƯỞNG PHÒNG" for a Phòng; null when the unit says neither. */
function signerTitle(kind: string | null, name: string): string | null {
  if (kind === 'so' || /^sở\b/i.test(name)) return 'GIÁM ĐỐC';
  if (kind === 'phong' || /^phòng\b/i.test(name)) return 'TRƯỞNG PHÒNG';
  return null;
}

/** Whole years between two ISO dates (the validity the server computed from `validYears`). */
function yearsBetween(from: string, to: string): number | null {
  const a = dateParts(from);
  const b = dateParts(to);
  return a && b ? b.year - a.year : null;
}

export function buildDecision(data: ReviewDocData): DocBuilder {
  const rec = recognitionOf(data);
  const { dossier: d, framework: fw } = data;
  const what = recognised(fw, rec.level);
  const b = new DocBuilder(`Quyết định công nhận ${d.school.name}`);
  const unit = issuingUnit(b, data.status);
  b.section({ numbering: 'hide-first' });
  b.adminHeader({
    managingBody: unit.managingBody,
    issuer: unit.issuer,
    number: `Số: ${rec.decisionNumber}`,
    placeDate: `…, ${adminDate(rec.decisionDate)}`,
  });
  b.title1('QUYẾT ĐỊNH', { spaceBefore: 360 });
  b.centered(`Về việc công nhận ${d.school.name} ${what.title}`, { bold: true, size: SIZE.body });
  b.add(emptyLine());
  const title = signerTitle(unit.issuerKind, unit.issuerName);
  const titleInline = title ?? b.gap({ key: 'decision.signerTitle', message: 'chức danh người đứng đầu đơn vị ban hành' });
  b.centered([titleInline, ' ', unit.issuer], { bold: true, size: SIZE.body, allCaps: true });
  b.add(emptyLine());
  if (fw)
    b.p(
      `Căn cứ ${fw.source.documentType} số ${fw.source.number} ${adminDate(fw.source.signedDate)} của Bộ trưởng Bộ Giáo dục và Đào tạo ${lowerFirst(fw.source.title)};`,
      { italics: true },
    );
  else b.p([b.gap({ key: 'decision.legalBasis', message: 'văn bản quy định làm căn cứ (khung đánh giá không có trên máy)' })]);
  const concluded = data.team.conclusion;
  b.p(
    `Căn cứ kết quả đánh giá ngoài của Đoàn đánh giá ngoài đối với ${d.school.name}${concluded ? ` (kết luận ${adminDate(concluded.setAt)})` : ''};`,
    { italics: true },
  );
  b.p('Xét đề nghị của Trưởng đoàn đánh giá ngoài,', { italics: true });
  b.centered('QUYẾT ĐỊNH:', { bold: true, size: SIZE.body }, 120);
  b.p(['Điều 1. ', `Công nhận ${d.school.name} ${what.article}.`]);
  const years = yearsBetween(rec.decisionDate, rec.validUntil);
  b.p([
    'Điều 2. ',
    `Thời hạn công nhận${years !== null ? ` là ${String(years).padStart(2, '0')} năm` : ''}, kể từ ${adminDate(rec.decisionDate)} đến ${adminDate(rec.validUntil)}.`,
  ]);
  b.p([
    'Điều 3. ',
    `Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng các đơn vị có liên quan và Hiệu trưởng ${d.school.name} chịu trách nhiệm thi hành Quyết định này./.`,
  ]);
  b.signature({
    title: title ?? 'THỦ TRƯỞNG ĐƠN VỊ',
    name: b.gap({ key: 'decision.signer', message: 'họ và tên người ký quyết định', severity: 'optional' }),
    recipients: ['Như Điều 3', 'Lưu: VT.'],
  });
  return b;
}
