import type { EvidenceCodeConvention } from './framework.schema';

export interface EvidenceCodeParts {
  /** Legacy "hộp" (box) number; TT 57 codes have none. */
  box: number | null;
  standard: number;
  /** Criterion number inside its standard (the "3" of criterion 1.3). */
  criterion: number;
  seq: number;
}

/**
 * Builds a code from the framework's template, e.g. TT 57 `MC.{standard}.{criterion}.{seq:2}`
 * → "MC.1.3.01"; legacy `[H{box}.{standard}.{criterion:2}.{seq:2}]` → "[H1.1.03.01]".
 * The legacy box defaults to the standard number because that is how schools file boxes.
 */
export function formatEvidenceCode(
  convention: EvidenceCodeConvention,
  criterionCode: string,
  seq: number,
  options: { box?: number } = {},
): string {
  const [standardPart, criterionPart] = criterionCode.split('.');
  const standard = Number(standardPart);
  const criterion = Number(criterionPart);
  if (!Number.isInteger(standard) || !Number.isInteger(criterion) || !Number.isInteger(seq) || seq < 1) {
    throw new Error(`Không tạo được mã minh chứng cho tiêu chí "${criterionCode}", số thứ tự ${seq}`);
  }
  const values: Record<string, number> = { box: options.box ?? standard, standard, criterion, seq };
  return convention.template.replace(/\{(\w+)(?::(\d+))?\}/g, (whole, name: string, width?: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Mẫu mã minh chứng có chỗ trống lạ: ${whole}`);
    return width ? String(value).padStart(Number(width), '0') : String(value);
  });
}

function partsFrom(match: RegExpExecArray): EvidenceCodeParts | null {
  const g = match.groups ?? {};
  const standard = Number(g['standard']);
  const criterion = Number(g['criterion']);
  const seq = Number(g['seq']);
  if (!Number.isFinite(standard) || !Number.isFinite(criterion) || !Number.isFinite(seq)) return null;
  return { box: g['box'] === undefined ? null : Number(g['box']), standard, criterion, seq };
}

/** Reads a code written canonically or in one of the accepted field spellings; null if neither. */
export function parseEvidenceCode(convention: EvidenceCodeConvention, code: string): EvidenceCodeParts | null {
  const text = code.trim();
  for (const source of [convention.pattern, ...convention.acceptedPatterns]) {
    const match = new RegExp(source).exec(text);
    if (match) return partsFrom(match);
  }
  return null;
}

export function isCanonicalEvidenceCode(convention: EvidenceCodeConvention, code: string): boolean {
  return new RegExp(convention.pattern).test(code.trim());
}

/** Rewrites an accepted spelling into the canonical one; null when the code is not recognised. */
export function canonicalEvidenceCode(convention: EvidenceCodeConvention, code: string): string | null {
  const parts = parseEvidenceCode(convention, code);
  if (!parts) return null;
  return formatEvidenceCode(
    convention,
    `${parts.standard}.${parts.criterion}`,
    parts.seq,
    parts.box === null ? {} : { box: parts.box },
  );
}

/** The inline citation placed before the full stop of a sentence in the report. */
export function citeEvidenceCodes(convention: EvidenceCodeConvention, codes: readonly string[]): string {
  const joined = codes.join(', ');
  return convention.citationBrackets === 'round' ? `(${joined})` : joined;
}
