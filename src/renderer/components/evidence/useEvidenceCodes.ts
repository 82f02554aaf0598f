import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Evidence } from '../../../contract/schemas/evidence';
import { useApi } from '../../api/ApiProvider';
import type { ApiError } from '../../api/client';

/** What a citation chip needs to know about one evidence. */
export interface EvidenceCodeInfo {
  code: string;
  title: string;
  expired: boolean;
  verification: Evidence['verification'];
}

export interface EvidenceCodes {
  /** id (lower case) → current code; pass it to CitationText or renderCitations. */
  codeById: ReadonlyMap<string, string>;
  /** id (lower case) → code, title, validity and status, for hover texts. */
  infoById: ReadonlyMap<string, EvidenceCodeInfo>;
  isPending: boolean;
  error: ApiError | null;
}

const PAGE = 1000;
const NO_CODES: ReadonlyMap<string, string> = new Map();
const NO_INFOS: ReadonlyMap<string, EvidenceCodeInfo> = new Map();

/**
 * The current code of every live evidence of a framework (and, with assessmentId, of that
 * assessment plus the library-wide items), for rendering `{{ev:<id>}}` citations. Codes change
 * when evidence is renumbered; the query key starts with 'evidence.list', so every mutation
 * that invalidates the list refreshes the codes as well.
 */
export function useEvidenceCodes(frameworkId: string | null | undefined, assessmentId?: string): EvidenceCodes {
  const { client } = useApi();
  const input = { frameworkId: frameworkId ?? '', ...(assessmentId ? { assessmentId } : {}) };
  const query = useQuery<[string, EvidenceCodeInfo][], ApiError>({
    queryKey: ['evidence.list', input, 'codes'],
    enabled: !!frameworkId,
    staleTime: 30_000,
    queryFn: async () => {
      const entries: [string, EvidenceCodeInfo][] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await client.call('evidence.list', { ...input, offset, limit: PAGE });
        for (const e of page.items) {
          entries.push([e.id.toLowerCase(), { code: e.code, title: e.title, expired: e.expired, verification: e.verification }]);
        }
        if (page.items.length < PAGE || offset + PAGE >= page.total) break;
      }
      return entries;
    },
  });
  const maps = useMemo(() => {
    if (!query.data) return { codeById: NO_CODES, infoById: NO_INFOS };
    const infoById = new Map(query.data);
    const codeById: ReadonlyMap<string, string> = new Map([...infoById].map(([id, info]) => [id, info.code] as const));
    return { codeById, infoById: infoById as ReadonlyMap<string, EvidenceCodeInfo> };
  }, [query.data]);
  return { ...maps, isPending: query.isPending && !!frameworkId, error: query.error ?? null };
}
