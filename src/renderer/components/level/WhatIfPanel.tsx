import { useMemo, useState } from 'react';
import { Alert, Button, Flex, Select, Tag, Typography } from 'antd';
import { ArrowRightOutlined, BulbOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { fold } from '../../../core/fold';
import { allCriteria, levelLabel, type LevelsFramework } from '../../../core/frameworks';
import { whatIf, type Level4Judgments, type SchoolLevelResult, type WhatIfResult } from '../../../core/levels';
import { BlockerList } from './BlockerList';
import { levelTagStyle } from './level-style';

/**
 * The smallest set of raises the blockers name: every blocking criterion to its required level,
 * and the quota's nearest candidates until the quota is met. Only raises; Mức 4 clauses of the
 * legacy frameworks are not criteria and are left out.
 */
export function suggestChanges(result: SchoolLevelResult): Record<string, number> {
  const out: Record<string, number> = {};
  const raise = (code: string, to: number) => {
    if ((result.criteria[code] ?? 0) < to && (out[code] ?? -1) < to) out[code] = to;
  };
  for (const b of result.blockers) {
    if ((b.kind === 'mandatory' || b.kind === 'floor' || b.kind === 'criterion') && b.code && b.required !== undefined) {
      raise(b.code, b.required);
    }
    if (b.kind === 'quota') {
      const missing = (b.required ?? 0) - (b.count ?? 0);
      for (const code of (b.candidates ?? []).slice(0, Math.max(0, missing))) raise(code, b.targetLevel);
    }
  }
  return out;
}

export interface WhatIfPanelProps {
  framework: LevelsFramework;
  criterionLevels: Record<string, number>;
  /** The current result (already computed by the host). */
  current: SchoolLevelResult;
  level4?: Level4Judgments;
  onCriterionClick?: (code: string) => void;
}

/** "Nếu… thì sao?": pick criteria and target levels, see the school level the engine gives. */
export function WhatIfPanel({ framework, criterionLevels, current, level4, onCriterionClick }: WhatIfPanelProps) {
  const { t } = useTranslation();
  const [changes, setChanges] = useState<Record<string, number>>({});
  const [pickCode, setPickCode] = useState<string | undefined>();
  const [pickLevel, setPickLevel] = useState<number | undefined>();
  const criteria = useMemo(() => allCriteria(framework), [framework]);
  const levelOptions = useMemo(
    () =>
      Array.from({ length: framework.maxLevel + 1 }, (_, level) => ({
        value: level,
        label: levelLabel(framework, level),
      })),
    [framework],
  );

  const outcome = useMemo((): WhatIfResult | Error | null => {
    if (Object.keys(changes).length === 0) return null;
    try {
      return whatIf(framework, criterionLevels, changes, { level4 });
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  }, [framework, criterionLevels, changes, level4]);

  const suggestion = useMemo(() => suggestChanges(current), [current]);
  const canSuggest = current.nextLevel !== null && Object.keys(suggestion).length > 0;

  const add = () => {
    if (pickCode === undefined || pickLevel === undefined) return;
    setChanges((c) => ({ ...c, [pickCode]: pickLevel }));
    setPickCode(undefined);
    setPickLevel(undefined);
  };
  const remove = (code: string) =>
    setChanges((c) => {
      const { [code]: _gone, ...rest } = c;
      return rest;
    });

  const shown = (level: number | undefined) => (level === undefined ? t('fw.blocker.unassessed') : levelLabel(framework, level));

  return (
    <div data-testid="whatif">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('fw.whatIf.intro')}
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        <Select
          style={{ flex: '1 1 150px', minWidth: 150 }}
          showSearch={{
            filterOption: (input, option) => fold(String(option?.search ?? '')).includes(fold(input.trim())),
          }}
          placeholder={t('fw.whatIf.pickCriterion')}
          value={pickCode}
          onChange={setPickCode}
          data-testid="whatif-criterion"
          popupMatchSelectWidth={false}
          options={criteria.map((c) => ({
            value: c.code,
            search: `${c.code} ${c.title}`,
            label: (
              <span title={c.title}>
                <strong>{c.code}</strong> {c.mandatory ? `(${t('fw.mandatoryShort')}) ` : ''}— {shown(criterionLevels[c.code])}
              </span>
            ),
          }))}
        />
        <Select
          style={{ width: 112 }}
          placeholder={t('fw.whatIf.pickLevel')}
          value={pickLevel}
          onChange={setPickLevel}
          options={levelOptions}
          data-testid="whatif-level"
        />
        <Button
          icon={<PlusOutlined />}
          onClick={add}
          disabled={pickCode === undefined || pickLevel === undefined}
          data-testid="whatif-add"
        >
          {t('fw.whatIf.add')}
        </Button>
      </Flex>
      {canSuggest && (
        <Button
          type="link"
          icon={<BulbOutlined />}
          style={{ paddingInline: 0, marginTop: 4, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => setChanges(suggestion)}
          data-testid="whatif-suggest"
        >
          {t('fw.whatIf.suggest', { level: levelLabel(framework, current.nextLevel!) })}
        </Button>
      )}
      {Object.keys(changes).length > 0 && (
        <div style={{ marginTop: 8 }}>
          <Flex gap={6} wrap data-testid="whatif-changes">
            {Object.entries(changes).map(([code, to]) => (
              <Tag
                key={code}
                closable
                title={t('fw.whatIf.remove', { code })}
                onClose={(e) => {
                  e.preventDefault();
                  remove(code);
                }}
                data-testid={`whatif-change-${code}`}
                style={{ marginInlineEnd: 0 }}
              >
                <strong>{code}</strong>: {shown(criterionLevels[code])} → {levelLabel(framework, to)}
              </Tag>
            ))}
            <Button size="small" type="text" onClick={() => setChanges({})} data-testid="whatif-clear">
              {t('fw.whatIf.clear')}
            </Button>
          </Flex>
          {outcome instanceof Error ? (
            <Alert type="error" showIcon title={outcome.message} style={{ marginTop: 8 }} />
          ) : (
            outcome && (
              <div style={{ marginTop: 12 }} data-testid="whatif-result">
                <Flex align="center" gap={8} wrap>
                  <Typography.Text strong>{t('fw.whatIf.result')}</Typography.Text>
                  <Tag style={levelTagStyle(outcome.before.schoolLevel)}>
                    {schoolLabel(t, framework, outcome.before.schoolLevel)}
                  </Tag>
                  <ArrowRightOutlined aria-hidden />
                  <Tag style={levelTagStyle(outcome.after.schoolLevel)} data-testid="whatif-after">
                    {schoolLabel(t, framework, outcome.after.schoolLevel)}
                  </Tag>
                  <Typography.Text type={outcome.delta > 0 ? 'success' : outcome.delta < 0 ? 'danger' : 'secondary'}>
                    {outcome.delta > 0
                      ? t('fw.whatIf.up', { count: outcome.delta })
                      : outcome.delta < 0
                        ? t('fw.whatIf.down', { count: -outcome.delta })
                        : t('fw.whatIf.same')}
                  </Typography.Text>
                </Flex>
                {outcome.after.nextLevel !== null && outcome.after.blockers.length > 0 && (
                  <div style={{ marginTop: 8 }}>
                    <Typography.Text type="secondary">
                      {t('fw.level.toReach', { level: levelLabel(framework, outcome.after.nextLevel) })}
                    </Typography.Text>
                    <BlockerList
                      framework={framework}
                      blockers={outcome.after.blockers}
                      onCriterionClick={onCriterionClick}
                      testId="whatif-blockers"
                    />
                  </div>
                )}
              </div>
            )
          )}
        </div>
      )}
    </div>
  );
}

/** The school's level for display: "Chưa đạt" below Mức 1 (the plan is not finished yet). */
export function schoolLabel(t: (key: string) => string, framework: LevelsFramework, level: number): string {
  return level === 0 ? t('fw.level.notReached') : levelLabel(framework, level);
}
