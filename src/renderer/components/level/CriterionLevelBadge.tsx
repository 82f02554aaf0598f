import type { CSSProperties } from 'react';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { levelLabel, type Framework } from '../../../core/frameworks';
import { levelColors } from './level-style';

export interface CriterionLevelBadgeProps {
  /** Criterion code, e.g. "2.1". */
  code: string;
  /** Level reached; 0 = not met; null/undefined = not assessed yet. */
  level: number | null | undefined;
  /** Marked with a red asterisk. */
  mandatory?: boolean;
  /** For the level's label ("Không đạt", "Mức 1"…); "Mức n" without it. */
  framework?: Framework;
  /** Criterion title, shown in the tooltip. */
  title?: string;
  /** Makes the badge a button (e.g. open the criterion). */
  onClick?: (code: string) => void;
}

/** A criterion's level as a small coloured pill: "2.1* Mức 1". */
export function CriterionLevelBadge({ code, level, mandatory, framework, title, onClick }: CriterionLevelBadgeProps) {
  const { t } = useTranslation();
  const assessed = level !== null && level !== undefined;
  const label = !assessed ? t('fw.level.unassessedShort') : framework ? levelLabel(framework, level) : `Mức ${level}`;
  const c = levelColors(level);
  const style: CSSProperties = {
    font: 'inherit',
    display: 'inline-flex',
    alignItems: 'baseline',
    gap: 6,
    padding: '2px 8px',
    border: `1px solid ${c.border}`,
    background: c.background,
    color: c.color,
    borderRadius: 6,
    fontSize: 13,
    lineHeight: '20px',
    whiteSpace: 'nowrap',
    cursor: onClick ? 'pointer' : 'default',
  };
  const full = t(mandatory ? 'fw.level.badgeMandatory' : 'fw.level.badge', {
    code,
    level: assessed ? label : t('fw.level.unassessed'),
  });
  const content = (
    <>
      <strong style={{ color: '#1f1f1f' }}>
        {code}
        {mandatory && (
          <span style={{ color: '#cf1322' }} aria-hidden>
            *
          </span>
        )}
      </strong>
      <span style={{ fontSize: 12 }}>{label}</span>
    </>
  );
  const badge = onClick ? (
    <button
      type="button"
      style={style}
      onClick={() => onClick(code)}
      aria-label={full}
      data-testid={`level-badge-${code}`}
      data-level={assessed ? level : ''}
    >
      {content}
    </button>
  ) : (
    <span style={style} aria-label={full} data-testid={`level-badge-${code}`} data-level={assessed ? level : ''}>
      {content}
    </span>
  );
  return <Tooltip title={title ? `${full} — ${title}` : full}>{badge}</Tooltip>;
}
