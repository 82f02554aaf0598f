/**
 * Pieces several documents share: the header and signature data with their gaps, cited
 * descriptions as runs, evidence locations, labels.
 */
import { HighlightColor, TextRun } from 'docx';
import { COUNCIL_ROLE_LABELS, type CouncilRole } from '../../core/assessment/council';
import { EDUCATION_LEVEL_LABELS, type EducationLevel } from '../../core/frameworks/framework.schema';
import { FONT, type DocBuilder, type Inline } from './docx-kit';
import type { EvidenceItem, ReportData } from './report-data';
import { adminDate, clean, renderCited, shortDate, type CitedSegment } from './text';

export const OWNERSHIP_LABELS: Readonly<Record<string, string>> = {
  cong_lap: 'Công lập',
  tu_thuc: 'Tư thục',
  dan_lap: 'Dân lập',
};

export const councilRoleLabel = (role: string): string => COUNCIL_ROLE_LABELS[role as CouncilRole] ?? role;

export const educationLevelLabel = (level: string): string => EDUCATION_LEVEL_LABELS[level as EducationLevel] ?? level;

/** "trường" word for the learners of the level. */
export const learnersWord = (level: string): string => (level === 'mam_non' ? 'trẻ' : level === 'gdtx' ? 'học viên' : 'học sinh');

export function managingBody(kit: DocBuilder, d: ReportData): Inline {
  return kit.textOr(d.school.managingBody, {
    key: 'school.managingBody',
    message: 'tên cơ quan quản lý trực tiếp',
    fix: { screen: 'school', field: 'managingBody' },
  });
}

export function schoolName(kit: DocBuilder, d: ReportData): Inline {
  return kit.textOr(d.school.name, { key: 'school.name', message: 'tên trường', fix: { screen: 'school', field: 'name' } });
}

export function principal(kit: DocBuilder, d: ReportData): Inline {
  return kit.textOr(d.school.principal, {
    key: 'school.principal',
    message: 'họ và tên hiệu trưởng',
    fix: { screen: 'school', field: 'principal' },
  });
}

export function place(kit: DocBuilder, d: ReportData): Inline {
  return kit.textOr(d.texts.place, {
    key: 'texts.place',
    message: 'địa danh ghi ở dòng ngày tháng',
    severity: 'optional',
    fix: { screen: 'reportTexts', field: 'place' },
  });
}

/** "Buôn Ma Thuột, ngày 05 tháng 02 năm 2027"; the date blank ("ngày … tháng … năm 20…") when not known. */
export function placeDate(
  kit: DocBuilder,
  d: ReportData,
  date: string | null | undefined,
  what: string,
  field: string,
): Inline[] {
  const out: Inline[] = [place(kit, d), ', '];
  if (!date) {
    kit.gap({
      key: `texts.${field}`,
      message: `ngày ký ${what}`,
      severity: 'optional',
      fix: { screen: 'reportTexts', field },
    });
  }
  out.push(adminDate(date));
  return out;
}

/** The date the report is signed: the one entered, else the day the whole report was approved. */
export function reportDate(d: ReportData): string | null {
  return d.texts.reportDate ?? (d.assessment.approvedAt ? d.assessment.approvedAt.slice(0, 10) : null);
}

/** "Số: 12/QĐ-THCSNCT"; "Số: …/QĐ-…" when not entered. */
export function documentNumber(kit: DocBuilder, number: string, suffix: string, field: string, what: string): Inline[] {
  if (number.trim() !== '') return [`Số: ${clean(number).trim()}`];
  kit.gap({ key: `texts.${field}`, message: `số ${what}`, severity: 'optional', fix: { screen: 'reportTexts', field } });
  return [`Số: …/${suffix}`];
}

/** A cited description as runs: text, codes "(MC.1.1.01, MC.1.1.02)", gaps for deleted evidence. */
export function citedRuns(kit: DocBuilder, d: ReportData, raw: string, where: { criterionCode?: string } = {}): Inline[] {
  const segments = renderCited(raw, d.codeById, { brackets: d.fw.evidenceCode?.citationBrackets === 'none' ? 'none' : 'round' });
  return segmentsToRuns(kit, segments, where);
}

export function segmentsToRuns(
  kit: DocBuilder,
  segments: readonly CitedSegment[],
  where: { criterionCode?: string } = {},
): Inline[] {
  const out: Inline[] = [];
  for (const s of segments) {
    if (s.kind === 'text') {
      out.push(s.text);
      continue;
    }
    out.push(s.open);
    s.ids.forEach((id, i) => {
      if (i > 0) out.push(', ');
      const code = s.codes[i];
      if (code) out.push(new TextRun({ text: code, font: FONT }));
      else {
        kit.gap({
          key: `evidence.missing.${id}`,
          message: 'minh chứng được trích dẫn đã bị xóa khỏi kho',
          fix: where.criterionCode ? { screen: 'criterion', criterionCode: where.criterionCode } : { screen: 'evidence' },
        });
        out.push(new TextRun({ text: '[minh chứng không còn]', highlight: HighlightColor.YELLOW, font: FONT }));
      }
    });
    out.push(s.close);
  }
  return out.filter((x) => x !== '');
}

const KIND_LABEL = { file: 'Tệp', link: 'Đường dẫn điện tử', paper: 'Bản giấy' } as const;

/** Cột "Định dạng, vị trí lưu trữ hoặc đường dẫn điện tử" (TT 57 Phụ lục IV). */
export function evidenceLocation(e: EvidenceItem): string {
  const parts: string[] = [];
  const format = e.format.trim();
  if (e.kind === 'file') {
    const f = format || (e.fileName.includes('.') ? (e.fileName.split('.').pop() ?? '').toUpperCase() : '');
    parts.push(/^tệp\b/i.test(f) ? f : `${KIND_LABEL.file}${f ? ` ${f}` : ''}`);
  } else {
    const label = KIND_LABEL[e.kind];
    parts.push(
      !format || format.toLowerCase() === label.toLowerCase()
        ? label
        : format.toLowerCase().includes(label.toLowerCase())
          ? format
          : `${label} (${format})`,
    );
  }
  if (e.storageLocation.trim()) parts.push(e.storageLocation.trim());
  if (e.url.trim()) parts.push(e.url.trim());
  return parts.join('; ');
}

/** Cột "Số, ngày ban hành…" (CV 5932). */
export function evidenceIssued(e: EvidenceItem): string {
  return [e.documentNumber.trim() ? `Số ${e.documentNumber.trim()}` : '', e.issuedDate ? `ngày ${shortDate(e.issuedDate)}` : '']
    .filter(Boolean)
    .join(', ');
}

/** Ghi chú: notes, and a validity that has run out. */
export function evidenceNote(e: EvidenceItem, today: string): string {
  const parts: string[] = [];
  if (e.notes.trim()) parts.push(e.notes.trim());
  if (e.validUntil && e.validUntil < today) parts.push(`Hết hiệu lực từ ${shortDate(e.validUntil)}`);
  return parts.join('; ');
}

/** The code shown in lists (legacy frameworks keep their own spelling). */
export const evidenceCode = (e: EvidenceItem): string => e.code;

/** "x" marks in summary grids. */
export const X = 'x';
