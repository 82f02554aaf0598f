import { Fragment, type CSSProperties, type ReactNode } from 'react';
import type { CodeLookup } from '../../../core/evidence/citations';
import { EvidenceTag } from './EvidenceTag';
import type { EvidenceCodeInfo } from './useEvidenceCodes';

/** Same token shape as core/evidence/citations: {{ev:<uuid>}}. */
const TOKEN = /\{\{ev:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}\}/g;

export type CitationPart = { text: string } | { evidenceId: string };

/** Splits a stored text into plain runs and citations (ids in lower case), in order. */
export function splitCitations(text: string): CitationPart[] {
  const parts: CitationPart[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ evidenceId: m[1]!.toLowerCase() });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

function lookup(codeById: CodeLookup, id: string): string | null {
  if (codeById instanceof Map) return codeById.get(id) ?? null;
  const rec = codeById as Readonly<Record<string, string>>;
  return Object.prototype.hasOwnProperty.call(rec, id) ? rec[id]! : null;
}

export interface CitationTextProps {
  /** Stored text with `{{ev:<id>}}` tokens (e.g. a mô tả hiện trạng). */
  text: string;
  /** id → current code, e.g. `useEvidenceCodes(frameworkId).codeById`. */
  codeById: CodeLookup;
  /** Titles and validity for hover texts and red expired chips (`useEvidenceCodes(…).infoById`). */
  infoById?: ReadonlyMap<string, EvidenceCodeInfo>;
  /** Called with the evidence id when a chip is clicked (open the evidence drawer, say). */
  onOpen?: (evidenceId: string) => void;
  /** Element to render as; a paragraph-like block by default. */
  as?: 'div' | 'span' | 'p';
  style?: CSSProperties;
  'data-testid'?: string;
}

/**
 * A description with its citations drawn as code chips, using the codes of today: renumbered
 * evidence shows its new code, deleted evidence shows "[minh chứng không còn]". Line breaks
 * of the stored text are kept.
 */
export function CitationText({ text, codeById, infoById, onOpen, as = 'div', style, 'data-testid': testId }: CitationTextProps) {
  const Tag = as;
  const nodes: ReactNode[] = splitCitations(text).map((part, i) => {
    if ('text' in part) return <Fragment key={i}>{part.text}</Fragment>;
    const id = part.evidenceId;
    const code = lookup(codeById, id);
    const info = infoById?.get(id);
    return (
      <EvidenceTag
        key={i}
        code={code}
        title={info?.title}
        expired={info?.expired}
        onClick={onOpen ? () => onOpen(id) : undefined}
        data-testid={`citation-${id}`}
      />
    );
  });
  return (
    <Tag style={{ whiteSpace: 'pre-wrap', ...style }} data-testid={testId}>
      {nodes}
    </Tag>
  );
}
