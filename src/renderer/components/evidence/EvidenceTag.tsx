import type { CSSProperties, KeyboardEvent } from 'react';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

export interface EvidenceTagProps {
  /** The evidence's current code, e.g. "MC.1.1.01"; null when the evidence no longer exists. */
  code: string | null;
  /** Shown on hover (the evidence's title). */
  title?: string;
  /** Past its validUntil: drawn in red. */
  expired?: boolean;
  /** Makes the chip a button (click, Enter or Space). */
  onClick?: () => void;
  style?: CSSProperties;
  'data-testid'?: string;
}

const BASE: CSSProperties = {
  display: 'inline-block',
  padding: '0 6px',
  margin: '0 2px',
  borderRadius: 4,
  fontFamily: 'Consolas, "Roboto Mono", "Courier New", monospace',
  fontSize: '0.92em',
  lineHeight: '1.6',
  whiteSpace: 'nowrap',
  verticalAlign: 'baseline',
};

/**
 * An evidence code as a chip. Clickable chips are real buttons for the keyboard; a missing
 * evidence (deleted, or cited from another framework) is shown as such, never as a stale code.
 */
export function EvidenceTag({ code, title, expired, onClick, style, 'data-testid': testId }: EvidenceTagProps) {
  const { t } = useTranslation();
  const missing = code === null;
  const colors: CSSProperties = missing
    ? { background: '#fff1f0', color: '#a8071a', border: '1px dashed #ffa39e' }
    : expired
      ? { background: '#fff1f0', color: '#a8071a', border: '1px solid #ffa39e' }
      : { background: '#e8f0fb', color: '#1d4f91', border: '1px solid #b7cbe8' };
  const label = missing ? t('ev.citation.missing') : code;
  const hover = missing ? t('ev.citation.missingTitle') : title;
  const clickable = !!onClick && !missing;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onClick?.();
    }
  };
  const chip = clickable ? (
    <span
      role="button"
      tabIndex={0}
      aria-label={t('ev.citation.open', { code })}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
      onKeyDown={onKeyDown}
      style={{ ...BASE, ...colors, cursor: 'pointer', ...style }}
      data-testid={testId}
    >
      {label}
    </span>
  ) : (
    <span style={{ ...BASE, ...colors, ...style }} data-testid={testId}>
      {label}
    </span>
  );
  return hover ? <Tooltip title={hover}>{chip}</Tooltip> : chip;
}
