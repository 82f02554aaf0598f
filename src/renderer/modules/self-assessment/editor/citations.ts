import type { CitationDto, CriterionEditorDto } from '../../../../contract/schemas/assessment';
import type { CitationStatus } from '../../../../core/assessment/gating';
import { extractCitationIds } from '../../../../core/evidence/citations';
import type { EvidenceCodeInfo } from '../../../components/evidence';

/**
 * What the editor knows of each cited evidence: the server's statuses (from the last editor it
 * answered) and the live code list (refreshed whenever the library changes, e.g. after a
 * renumbering). Codes come from the live list first; validity from the server first, since
 * only the server knows an evidence of another framework.
 */
export interface CitationLookup {
  codeOf: (id: string) => string | null;
  statusOf: (id: string) => CitationStatus;
  /** Statuses of the evidence cited in a stored text. */
  citationsIn: (text: string) => CitationStatus[];
}

export function citationLookup(
  editor: CriterionEditorDto,
  codeById: ReadonlyMap<string, string>,
  infoById: ReadonlyMap<string, EvidenceCodeInfo>,
): CitationLookup {
  const server = new Map<string, CitationDto>();
  for (const c of editor.linkedEvidence) server.set(c.evidenceId.toLowerCase(), c);
  for (const lv of editor.levels)
    for (const r of lv.requirements) for (const c of r.citations) server.set(c.evidenceId.toLowerCase(), c);

  const codeOf = (id: string) => codeById.get(id) ?? server.get(id)?.code ?? null;
  const statusOf = (id: string): CitationStatus => {
    const s = server.get(id);
    const info = infoById.get(id);
    if (info) {
      const problem =
        s?.problem === 'other_framework'
          ? s.problem
          : info.expired
            ? 'expired'
            : info.verification === 'rejected'
              ? 'rejected'
              : null;
      return {
        evidenceId: id,
        code: info.code,
        title: info.title,
        problem,
        unverified: info.verification !== 'verified',
        validUntil: s?.validUntil ?? null,
      };
    }
    if (s) return { ...s, code: codeOf(id) };
    return { evidenceId: id, code: null, title: '', problem: 'missing', unverified: false, validUntil: null };
  };
  return { codeOf, statusOf, citationsIn: (text) => extractCitationIds(text).map(statusOf) };
}
