/**
 * Evidence codes (mã minh chứng). Two conventions exist:
 *
 * - TT 57/2026 (Phụ lục IV): `MC.<tiêu chuẩn>.<tiêu chí>.<nn>`, e.g. "MC.1.1.01"; nn is the
 *   sequence number within the criterion the evidence was first filed under, two digits
 *   (three once a criterion passes 99).
 * - Legacy (TT 17/18/19 of 2018): `[Hn.a.bc.de]`: box (hộp) n, standard a, criterion bc
 *   (2 digits), sequence de (2 digits), e.g. "[H1.1.01.01]". The box defaults to the
 *   standard number; a school may number its boxes differently.
 *
 * One evidence keeps one code however many criteria it serves; sequence numbers are issued
 * from a per-criterion counter and never reused (see the evidence module), so gaps are normal.
 * Pure functions only: the framework files carry the template, this module fills it in.
 */

export const TT57_CODE_TEMPLATE = 'MC.{standard}.{criterion}.{seq:2}';
export const LEGACY_CODE_TEMPLATE = '[H{box}.{standard}.{criterion:2}.{seq:2}]';

export type EvidenceCodeStyle = 'tt57' | 'legacy';

export interface ParsedEvidenceCode {
  style: EvidenceCodeStyle;
  /** Legacy box number; null for TT 57 codes. */
  box: number | null;
  standard: number;
  /** Criterion number inside its standard (the 3 of criterion 1.3). */
  criterion: number;
  seq: number;
  /** "1.3": the criterion code the evidence was first filed under. */
  criterionCode: string;
}

/** Splits a criterion code "1.3" into its numbers; null unless it is exactly two positive integers. */
export function splitCriterionCode(criterionCode: string): { standard: number; criterion: number } | null {
  const m = /^(\d{1,3})\.(\d{1,3})$/.exec(criterionCode.trim());
  if (!m) return null;
  const standard = Number(m[1]);
  const criterion = Number(m[2]);
  if (standard < 1 || criterion < 1) return null;
  return { standard, criterion };
}

/**
 * Fills a code template: placeholders {box}, {standard}, {criterion}, {seq}; ":n" pads with
 * zeros to n digits (wider numbers are written in full, never cut).
 */
export function formatCodeFromTemplate(template: string, criterionCode: string, seq: number, box?: number | null): string {
  const parts = splitCriterionCode(criterionCode);
  if (!parts || !Number.isInteger(seq) || seq < 1) {
    throw new Error(`Không tạo được mã minh chứng cho tiêu chí "${criterionCode}", số thứ tự ${seq}`);
  }
  if (box !== undefined && box !== null && (!Number.isInteger(box) || box < 1)) {
    throw new Error(`Số hộp minh chứng không hợp lệ: ${box}`);
  }
  const values: Record<string, number> = {
    box: box ?? parts.standard,
    standard: parts.standard,
    criterion: parts.criterion,
    seq,
  };
  return template.replace(/\{(\w+)(?::(\d+))?\}/g, (whole, name: string, width?: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Mẫu mã minh chứng có chỗ trống lạ: ${whole}`);
    return width ? String(value).padStart(Number(width), '0') : String(value);
  });
}

/** "MC.1.1.01" for the first evidence filed under criterion 1.1. */
export function formatTt57Code(criterionCode: string, seq: number): string {
  return formatCodeFromTemplate(TT57_CODE_TEMPLATE, criterionCode, seq);
}

/** "[H1.1.01.01]"; the box defaults to the standard number. */
export function formatLegacyCode(criterionCode: string, seq: number, box?: number | null): string {
  return formatCodeFromTemplate(LEGACY_CODE_TEMPLATE, criterionCode, seq, box);
}

const TT57_RE = /^MC\.(\d{1,3})\.(\d{1,3})\.(\d{1,4})$/i;
/** Canonical "[H1.1.01.01]" and the field spellings "[H1-1.1-01]", "[H1-1.01-01]", "[H1.1.1.01]". */
const LEGACY_RES = [/^\[H(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,4})\]$/i, /^\[H(\d{1,3})-(\d{1,3})\.(\d{1,3})-(\d{1,4})\]$/i];

/** Reads a TT 57 or legacy code (canonical or a common field spelling); null if neither. */
export function parseEvidenceCode(code: string): ParsedEvidenceCode | null {
  const text = code.trim();
  const t = TT57_RE.exec(text);
  if (t) return build('tt57', null, t[1]!, t[2]!, t[3]!);
  for (const re of LEGACY_RES) {
    const m = re.exec(text);
    if (m) return build('legacy', Number(m[1]), m[2]!, m[3]!, m[4]!);
  }
  return null;
}

function build(style: EvidenceCodeStyle, box: number | null, s: string, c: string, q: string): ParsedEvidenceCode | null {
  const standard = Number(s);
  const criterion = Number(c);
  const seq = Number(q);
  if (standard < 1 || criterion < 1 || seq < 1 || (box !== null && box < 1)) return null;
  return { style, box, standard, criterion, seq, criterionCode: `${standard}.${criterion}` };
}

/** The canonical spelling of a recognised code ("[H1-1.1-01]" → "[H1.1.01.01]"); null if not recognised. */
export function canonicalEvidenceCode(code: string): string | null {
  const p = parseEvidenceCode(code);
  if (!p) return null;
  return p.style === 'tt57' ? formatTt57Code(p.criterionCode, p.seq) : formatLegacyCode(p.criterionCode, p.seq, p.box);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * A key that sorts codes the way people read them: by standard, criterion, sequence as
 * numbers (MC.1.2.01 < MC.1.10.01, MC.1.1.99 < MC.1.1.100), then box for legacy codes.
 * Unrecognised codes sort after all recognised ones, by their text.
 */
export function evidenceCodeSortKey(code: string): string {
  const p = parseEvidenceCode(code);
  if (!p) return `~${code.trim().toLowerCase()}`.slice(0, 40);
  return `${pad(p.standard, 3)}.${pad(p.criterion, 3)}.${pad(p.seq, 4)}.${pad(p.box ?? 0, 3)}`;
}

/** Compares two codes by evidenceCodeSortKey. */
export function compareEvidenceCodes(a: string, b: string): number {
  const ka = evidenceCodeSortKey(a);
  const kb = evidenceCodeSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** How a code is written into a filename in an export package: "MC.1.1.01" → "MC-1-1-01". */
export function codeForFileName(code: string): string {
  return code
    .trim()
    .replace(/[[\]]/g, '')
    .replace(/[^0-9A-Za-z]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Orders criterion codes as numbers: 1.2 < 1.10 < 2.1. */
export function compareCriterionCodes(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? -1;
    const y = pb[i] ?? -1;
    if (Number.isNaN(x) || Number.isNaN(y)) return a < b ? -1 : a > b ? 1 : 0;
    if (x !== y) return x - y;
  }
  return 0;
}
