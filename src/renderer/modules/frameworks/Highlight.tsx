import { Fragment, type ReactNode } from 'react';
import { matchRanges } from './search';

const MARK_STYLE = { background: '#ffe58f', padding: 0, borderRadius: 2, color: 'inherit' } as const;

/** `text` with the parts matching the (normalized) query marked; plain text when no query. */
export function Highlight({ text, query }: { text: string; query: string }) {
  const ranges = matchRanges(text, query);
  if (ranges.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  ranges.forEach(([start, end], i) => {
    if (start > at) parts.push(<Fragment key={`t${i}`}>{text.slice(at, start)}</Fragment>);
    parts.push(
      <mark key={`m${i}`} style={MARK_STYLE}>
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  });
  if (at < text.length) parts.push(<Fragment key="rest">{text.slice(at)}</Fragment>);
  return <>{parts}</>;
}
