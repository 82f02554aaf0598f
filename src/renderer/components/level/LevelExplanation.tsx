import { useMemo } from 'react';
import { Alert, Collapse, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { levelLabel, type Framework, type LevelsFramework } from '../../../core/frameworks';
import { schoolLevel, type Level4Judgments, type SchoolLevelResult } from '../../../core/levels';
import { BlockerList, CodeList } from './BlockerList';
import { CriterionLevelBadge } from './CriterionLevelBadge';
import { levelTagStyle } from './level-style';
import { schoolLabel, WhatIfPanel } from './WhatIfPanel';

export interface LevelExplanationProps {
  framework: Framework;
  /** criterion code → level reached (0 = not met); a criterion left out = not assessed yet. */
  criterionLevels: Record<string, number>;
  /** Makes criterion codes and badges links (open the criterion, scroll to its row…). */
  onCriterionClick?: (code: string) => void;
  /** Legacy frameworks (TT 17/18/19): judgments of the Mức 4 clauses of Điều 22. */
  level4?: Level4Judgments;
  /** The "Nếu… thì sao?" panel; shown unless false. */
  showWhatIf?: boolean;
}

/**
 * A school's level from its criterion levels, computed here with the pure engine (no RPC): the
 * level reached, what blocks the next one, every criterion's level, and a what-if panel.
 */
export function LevelExplanation({
  framework,
  criterionLevels,
  onCriterionClick,
  level4,
  showWhatIf = true,
}: LevelExplanationProps) {
  const { t } = useTranslation();
  if (framework.kind !== 'levels') {
    return <Alert type="info" showIcon title={t('fw.level.pointsNotSupported')} data-testid="level-explanation" />;
  }
  return (
    <LevelsExplanation
      framework={framework}
      criterionLevels={criterionLevels}
      onCriterionClick={onCriterionClick}
      level4={level4}
      showWhatIf={showWhatIf}
    />
  );
}

function LevelsExplanation({
  framework,
  criterionLevels,
  onCriterionClick,
  level4,
  showWhatIf,
}: Omit<LevelExplanationProps, 'framework'> & { framework: LevelsFramework }) {
  const { t } = useTranslation();
  const result = useMemo((): SchoolLevelResult | Error => {
    try {
      return schoolLevel(framework, criterionLevels, { level4 });
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  }, [framework, criterionLevels, level4]);

  if (result instanceof Error) {
    return <Alert type="error" showIcon title={result.message} data-testid="level-explanation" />;
  }

  return (
    <div data-testid="level-explanation">
      <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('fw.level.schoolLevel')}</Typography.Text>
        <Tag style={levelTagStyle(result.schoolLevel, true)} data-testid="level-result" data-level={result.schoolLevel}>
          {schoolLabel(t, framework, result.schoolLevel)}
        </Tag>
        {result.nextLevel === null && <Typography.Text type="success">{t('fw.level.top')}</Typography.Text>}
      </Flex>

      {result.nextLevel !== null && result.blockers.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text strong>{t('fw.level.toReach', { level: levelLabel(framework, result.nextLevel) })}</Typography.Text>
          <BlockerList
            framework={framework}
            blockers={result.blockers}
            onCriterionClick={onCriterionClick}
            testId="level-blockers"
          />
        </div>
      )}

      {result.unassessed.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="level-unassessed"
          title={
            <>
              {t('fw.level.unassessedList', { count: result.unassessed.length })}{' '}
              <CodeList codes={result.unassessed} onCriterionClick={onCriterionClick} />
            </>
          }
        />
      )}

      <Typography.Text strong>{t('fw.level.perCriterion')}</Typography.Text>
      <div style={{ margin: '6px 0 4px' }} data-testid="level-grid">
        {framework.standards.map((s) => (
          <Flex key={s.code} gap={6} wrap align="center" style={{ marginBottom: 6 }}>
            <Typography.Text type="secondary" style={{ width: 84, flex: 'none', fontSize: 12 }}>
              {t('fw.standardN', { code: s.code })}
            </Typography.Text>
            {s.criteria.map((c) => (
              <CriterionLevelBadge
                key={c.code}
                code={c.code}
                level={criterionLevels[c.code]}
                mandatory={c.mandatory}
                framework={framework}
                title={c.title}
                onClick={onCriterionClick}
              />
            ))}
          </Flex>
        ))}
      </div>
      {framework.standards.some((s) => s.criteria.some((c) => c.mandatory)) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <span style={{ color: '#cf1322' }}>*</span> {t('fw.level.mandatoryLegend')}
        </Typography.Text>
      )}

      {showWhatIf && (
        <Collapse
          size="small"
          style={{ marginTop: 16 }}
          defaultActiveKey={['whatif']}
          items={[
            {
              key: 'whatif',
              label: t('fw.whatIf.title'),
              children: (
                <WhatIfPanel
                  framework={framework}
                  criterionLevels={criterionLevels}
                  current={result}
                  level4={level4}
                  onCriterionClick={onCriterionClick}
                />
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
