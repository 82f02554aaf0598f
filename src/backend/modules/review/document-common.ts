/**
 * What the review's documents share: their data, the issuing unit and its managing body from
 * the department's units tree, level labels, evidence codes of cited notes, the team's names.
 * Missing facts become the kit's highlighted gaps (src/backend/reports/docx-kit.ts), never
 * invented text.
 */
import { renderCitations } from '../../../core/evidence/citations';
import type { Framework } from '../../../core/frameworks/framework.schema';
import { levelLabel } from '../../../core/frameworks/lookup';
import type { RecognitionView, ReviewDossier, ReviewStatus, TeamView } from '../../../contract/schemas/review';
import type { DocBuilder, Inline } from '../../reports/docx-kit';
import { adminDate, localIsoDate } from '../../reports/text';

export interface ReviewDocData {
  dossier: ReviewDossier;
  team: TeamView;
  /** The workstation's account and the units tree it may see (review.units). */
  status: ReviewStatus;
  framework: Framework | undefined;
  /** Recorded decisions the account may see (the decision document only). */
  recognitions?: readonly RecognitionView[];
  now?: Date;
}

export interface IssuingUnit {
  /** The account's unit: issues the document. */
  issuer: Inline;
  issuerName: string;
  issuerKind: string | null;
  /** Its parent in the units tree (ô 1 of the header), or a gap. */
  managingBody: Inline;
}

/**
 * The issuer is the workstation account's unit; the managing body is that unit's parent in the
 * units tree the server gave (review.units). A parent the account may not see, or a unit at the
 * root (a Sở, whose managing body is the provincial People's Committee), is a gap.
 */
export function issuingUnit(b: DocBuilder, status: ReviewStatus): IssuingUnit {
  const own = status.account?.unit ?? null;
  const unit = own ? status.units.find((u) => u.id === own.id) : undefined;
  const parent = unit?.parentId ? status.units.find((u) => u.id === unit.parentId) : undefined;
  const issuerName = own?.name.trim() ?? '';
  return {
    issuer: issuerName || b.gap({ key: 'unit.issuer', message: 'đơn vị ban hành (tài khoản của máy trạm Sở chưa có đơn vị)' }),
    issuerName,
    issuerKind: unit?.kind ?? null,
    managingBody:
      parent?.name.trim() ||
      b.gap({
        key: 'unit.managingBody',
        message: `cơ quan quản lý cấp trên của ${issuerName || 'đơn vị ban hành'} (không có trong cây đơn vị của máy chủ Sở)`,
      }),
  };
}

/** "…, ngày 05 tháng 02 năm 2027": the place is not in the data, the date is. */
export function placeDate(date: string | Date): string {
  return `…, ${adminDate(typeof date === 'string' ? date : localIsoDate(date))}`;
}

export function label(fw: Framework | undefined, level: number): string {
  return fw ? levelLabel(fw, level) : `Mức ${level}`;
}

/** A note with `{{ev:id}}` citations printed as the dossier's evidence codes. */
export function noteText(d: ReviewDossier, note: string): string {
  const codes = new Map(d.evidence.map((e) => [e.id.toLowerCase(), e.code]));
  return renderCitations(note, codes, { missing: () => '[minh chứng không có trong hồ sơ]' }).trim();
}

export function evidenceCodes(d: ReviewDossier, ids: readonly string[]): string[] {
  const codes = new Map(d.evidence.map((e) => [e.id.toLowerCase(), e.code]));
  return ids.map((id) => codes.get(id.toLowerCase()) ?? '[minh chứng không có trong hồ sơ]');
}

/** The lead and the members, as the document lists them. */
export function teamLine(team: TeamView): string {
  const lead = team.members.find((m) => m.role === 'lead');
  const members = team.members.filter((m) => m.role !== 'lead');
  return [
    lead ? `${lead.name || lead.accountId} (trưởng đoàn)` : '',
    ...members.map((m) => `${m.name || m.accountId} (thành viên)`),
  ]
    .filter(Boolean)
    .join('; ');
}

/** Lower-case first letter, for titles quoted inside a sentence. */
export function lowerFirst(s: string): string {
  return s ? s[0]!.toLowerCase() + s.slice(1) : s;
}

export const JUDGMENT_TEXT: Record<string, string> = { met: 'Đạt', not_met: 'Chưa đạt', unassessed: 'Chưa đánh giá' };
export const AGREE_TEXT: Record<string, string> = { agree: 'Đồng ý', disagree: 'Không đồng ý', '': '' };
