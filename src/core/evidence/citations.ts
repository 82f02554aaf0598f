/**
 * Citations of evidence inside descriptions (mô tả hiện trạng) are stored as references,
 * `{{ev:<evidenceId>}}`, never as typed codes. The code is looked up when the text is shown
 * or exported, so renumbering an evidence (moving it to another first criterion) updates
 * every description that cites it, and a deleted evidence cannot be cited silently.
 */

const ID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const TOKEN_SOURCE = `\\{\\{ev:(${ID})\\}\\}`;

/** The stored form of one citation. */
export function citationToken(evidenceId: string): string {
  if (!new RegExp(`^${ID}$`).test(evidenceId)) throw new Error(`Mã định danh minh chứng không hợp lệ: ${evidenceId}`);
  return `{{ev:${evidenceId.toLowerCase()}}}`;
}

/** Ids cited in the text, each once, in order of first appearance (lower case). */
export function extractCitationIds(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(new RegExp(TOKEN_SOURCE, 'g'))) seen.add(m[1]!.toLowerCase());
  return [...seen];
}

export type CodeLookup = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

export interface RenderCitationsOptions {
  /** What to print for an id with no code (deleted or unknown evidence). */
  missing?: (evidenceId: string) => string;
}

export const MISSING_CITATION = '[minh chứng không còn]';

function lookup(codeById: CodeLookup, id: string): string | undefined {
  if (codeById instanceof Map) return codeById.get(id);
  const rec = codeById as Readonly<Record<string, string>>;
  return Object.prototype.hasOwnProperty.call(rec, id) ? rec[id] : undefined;
}

/** Replaces every `{{ev:<id>}}` with the evidence's current code. */
export function renderCitations(text: string, codeById: CodeLookup, options: RenderCitationsOptions = {}): string {
  return text.replace(new RegExp(TOKEN_SOURCE, 'g'), (_whole, rawId: string) => {
    const id = rawId.toLowerCase();
    return lookup(codeById, id) ?? options.missing?.(id) ?? MISSING_CITATION;
  });
}
