import { Fragment, type ReactNode } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { levelLabel, type LevelsFramework } from '../../../core/frameworks';
import type { Blocker } from '../../../core/levels';

/** A run of criterion codes, each a link when the host can open criteria. */
export function CodeList({ codes, onCriterionClick }: { codes: readonly string[]; onCriterionClick?: (code: string) => void }) {
  return (
    <>
      {codes.map((code, i) => (
        <Fragment key={code}>
          {i > 0 && ', '}
          {onCriterionClick ? (
            <Typography.Link onClick={() => onCriterionClick(code)} data-testid={`blocker-code-${code}`}>
              {code}
            </Typography.Link>
          ) : (
            <strong>{code}</strong>
          )}
        </Fragment>
      ))}
    </>
  );
}

interface Line {
  key: string;
  node: ReactNode;
}

/**
 * What holds the school below a level, one line per kind of gap. Criterion blockers of the same
 * shape are merged ("1.3, 1.4 (bắt buộc) cần Mức 2, hiện Mức 1"), as the engine's explanation
 * does, so a school far off reads three lines instead of fifteen.
 */
export function BlockerList({
  framework,
  blockers,
  onCriterionClick,
  testId,
}: {
  framework: LevelsFramework;
  blockers: readonly Blocker[];
  onCriterionClick?: (code: string) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const label = (level: number) => levelLabel(framework, level);
  const current = (b: Blocker) =>
    b.current === null || b.current === undefined ? t('fw.blocker.unassessed') : t('fw.blocker.now', { level: label(b.current) });

  const lines: Line[] = [];
  const groups = new Map<string, { index: number; codes: string[]; blocker: Blocker }>();
  blockers.forEach((b, i) => {
    const perCriterion = (b.kind === 'mandatory' || b.kind === 'floor' || b.kind === 'criterion') && b.code !== undefined;
    if (perCriterion) {
      const key = `${b.kind}|${b.required}|${b.current ?? 'null'}`;
      const group = groups.get(key);
      if (group) group.codes.push(b.code!);
      else {
        groups.set(key, { index: lines.length, codes: [b.code!], blocker: b });
        lines.push({ key, node: null });
      }
      return;
    }
    if (b.kind === 'quota') {
      const missing = (b.required ?? 0) - (b.count ?? 0);
      lines.push({
        key: `quota-${i}`,
        node: (
          <>
            {t('fw.blocker.quota', { reached: b.count, of: b.of, level: label(b.targetLevel), required: b.required, missing })}
            {b.candidates && b.candidates.length > 0 && (
              <>
                {' '}
                {t('fw.blocker.candidates')} <CodeList codes={b.candidates} onCriterionClick={onCriterionClick} />
              </>
            )}
          </>
        ),
      });
      return;
    }
    lines.push({ key: `other-${i}`, node: b.message });
  });
  for (const [key, { index, codes, blocker }] of groups) {
    lines[index] = {
      key,
      node: (
        <>
          {t('fw.blocker.criterion', { count: codes.length })} <CodeList codes={codes} onCriterionClick={onCriterionClick} />
          {blocker.kind === 'mandatory' && ` ${t('fw.blocker.mandatoryMark')}`}{' '}
          {blocker.kind === 'floor'
            ? t('fw.blocker.needsAtLeast', { level: label(blocker.required!) })
            : t('fw.blocker.needs', { level: label(blocker.required!) })}
          , {current(blocker)}
        </>
      ),
    };
  }

  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid={testId}>
      {lines.map((l) => (
        <li key={l.key} style={{ marginBottom: 4 }}>
          {l.node}
        </li>
      ))}
    </ul>
  );
}
