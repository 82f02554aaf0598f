import { fold } from '../fold';

/**
 * Evidence search is diacritic-insensitive: the stored search text and the query are both
 * folded (NFD, marks stripped, đ→d, lower case), so "minh chung" finds "Minh chứng" and
 * "dang" finds "Đảng". The full-text index uses SQLite FTS5's trigram tokenizer (substring
 * matching, good for Vietnamese syllables and document numbers); trigrams need at least
 * three characters, so shorter terms are matched with LIKE on the folded text instead.
 */

export interface EvidenceSearchPlan {
  /** FTS5 MATCH expression (terms AND-ed, each a quoted substring); null when no term is long enough. */
  match: string | null;
  /** Folded terms shorter than 3 characters, for `searchText LIKE '%term%' ESCAPE '\'`. */
  likeTerms: string[];
}

export function planEvidenceSearch(query: string): EvidenceSearchPlan {
  const terms = [...new Set(fold(query.normalize('NFC')).split(/\s+/).filter(Boolean))];
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  return {
    match: long.length > 0 ? long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ') : null,
    likeTerms: short.map((t) => t.replace(/[\\%_]/g, (c) => `\\${c}`)),
  };
}

/** The text the index holds for one evidence: every field a person might search by, folded. */
export function evidenceSearchText(fields: readonly (string | null | undefined)[]): string {
  return fold(
    fields
      .filter((f): f is string => typeof f === 'string' && f.trim() !== '')
      .map((f) => f.normalize('NFC').trim())
      .join(' \n '),
  );
}
