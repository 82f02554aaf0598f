import type { EntityManager } from 'typeorm';

/**
 * Where evidence is cited. Descriptions (mô tả hiện trạng) of the assessment module store
 * citations as `{{ev:<evidenceId>}}` tokens (src/core/evidence/citations.ts), so a citation
 * can be found with a plain text search of the description columns, e.g.
 *
 *   SELECT 1 FROM <description table> WHERE "deletedAt" IS NULL AND "text" LIKE '%{{ev:' || ? || '}}%' LIMIT 1
 *
 * The assessment module owns those tables; until it fills this hook in, nothing counts as
 * cited: `isCited` answers false, and `citedEvidenceIds` answers null ("not tracked"), so the
 * health report says "unknown" instead of calling every evidence uncited.
 */
export interface CitationLookup {
  /** Is the evidence cited in any live description? `evidence.remove` refuses while it is. */
  isCited(m: EntityManager, evidenceId: string): Promise<boolean>;
  /** Every cited evidence id, or null while citations are not tracked. */
  citedEvidenceIds(m: EntityManager): Promise<Set<string> | null>;
}

export const noCitations: CitationLookup = {
  async isCited() {
    return false;
  },
  async citedEvidenceIds() {
    return null;
  },
};

/** The lookup the evidence module uses (the hook). */
export const isCited = (m: EntityManager, evidenceId: string): Promise<boolean> => noCitations.isCited(m, evidenceId);
