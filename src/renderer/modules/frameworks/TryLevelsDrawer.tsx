import { useState } from 'react';
import { Alert, Button, Drawer, Flex, Radio, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { levelLabel, type LevelsFramework } from '../../../core/frameworks';
import { LevelExplanation } from '../../components/level';

const UNSET = -1;

export interface TryLevelsDrawerProps {
  framework: LevelsFramework;
  open: boolean;
  onClose: () => void;
  /** criterion code → trial level; absent = not assessed. Kept by the host across openings. */
  levels: Record<string, number>;
  onChange: (levels: Record<string, number>) => void;
}

/**
 * "Thử tính mức": a council sets a level per criterion and sees the school's level and the
 * explanation change as it goes — for planning, nothing is saved.
 */
export function TryLevelsDrawer({ framework, open, onClose, levels, onChange }: TryLevelsDrawerProps) {
  const { t } = useTranslation();
  const [flash, setFlash] = useState<string | null>(null);
  const options = [
    { value: UNSET, label: t('fw.try.unset'), title: t('fw.level.unassessed') },
    ...Array.from({ length: framework.maxLevel + 1 }, (_, level) => ({ value: level, label: levelLabel(framework, level) })),
  ];

  const set = (code: string, value: number) => {
    const next = { ...levels };
    if (value === UNSET) delete next[code];
    else next[code] = value;
    onChange(next);
  };
  const setAll = (value: number | null) => {
    if (value === null) return onChange({});
    const next: Record<string, number> = {};
    for (const s of framework.standards) for (const c of s.criteria) next[c.code] = value;
    onChange(next);
  };
  const focus = (code: string) => {
    document.getElementById(`try-row-${code}`)?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
    setFlash(code);
    window.setTimeout(() => setFlash((f) => (f === code ? null : f)), 1600);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={Math.min(1080, Math.round(window.innerWidth * 0.94))}
      title={t('fw.try.title', { name: framework.shortTitle })}
      destroyOnHidden={false}
      data-testid="try-drawer"
      // Two columns that scroll on their own: the result stays in view while criteria are set.
      styles={{ body: { paddingTop: 12, paddingBottom: 0, display: 'flex', flexDirection: 'column', overflow: 'hidden' } }}
    >
      <Alert type="info" showIcon title={t('fw.try.intro')} style={{ marginBottom: 12, flex: 'none' }} />
      <div style={{ display: 'flex', gap: 24, flex: 1, minHeight: 0 }}>
        <div style={{ flex: '1 1 55%', minWidth: 0, overflow: 'auto', paddingBottom: 16 }} data-testid="try-criteria">
          <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">{t('fw.try.setAll')}</Typography.Text>
            {Array.from({ length: framework.maxLevel + 1 }, (_, level) => (
              <Button key={level} size="small" onClick={() => setAll(level)} data-testid={`try-all-${level}`}>
                {levelLabel(framework, level)}
              </Button>
            ))}
            <Button size="small" type="text" onClick={() => setAll(null)} data-testid="try-clear">
              {t('fw.try.clear')}
            </Button>
          </Flex>
          {framework.standards.map((s) => (
            <section key={s.code} style={{ marginBottom: 12 }}>
              <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
                {t('fw.standardN', { code: s.code })}: {s.title}
              </Typography.Text>
              {s.criteria.map((c) => (
                <div
                  key={c.code}
                  id={`try-row-${c.code}`}
                  data-testid={`try-row-${c.code}`}
                  style={{
                    padding: '6px 8px',
                    borderRadius: 6,
                    borderBottom: '1px solid #f0f0f0',
                    background: flash === c.code ? '#fffbe6' : undefined,
                    transition: 'background 0.3s',
                  }}
                >
                  <Flex justify="space-between" align="center" gap={8} wrap>
                    <span style={{ minWidth: 0, flex: '1 1 160px', display: 'flex', alignItems: 'center', gap: 6 }}>
                      <strong style={{ flex: 'none' }}>{c.code}</strong>
                      {c.mandatory && (
                        <Tag color="red" style={{ marginInlineEnd: 0, flex: 'none' }}>
                          {t('fw.mandatory')}
                        </Tag>
                      )}
                      <Typography.Text type="secondary" style={{ fontSize: 12, minWidth: 0 }} ellipsis={{ tooltip: c.title }}>
                        {c.title}
                      </Typography.Text>
                    </span>
                    <Radio.Group
                      size="small"
                      optionType="button"
                      buttonStyle="solid"
                      value={levels[c.code] ?? UNSET}
                      onChange={(e) => set(c.code, e.target.value as number)}
                      options={options}
                      aria-label={t('fw.try.levelOf', { code: c.code })}
                      data-testid={`try-level-${c.code}`}
                    />
                  </Flex>
                </div>
              ))}
            </section>
          ))}
        </div>
        <div style={{ flex: '1 1 45%', minWidth: 0, overflow: 'auto', paddingBottom: 16 }} data-testid="try-result">
          <LevelExplanation framework={framework} criterionLevels={levels} onCriterionClick={focus} />
        </div>
      </div>
    </Drawer>
  );
}
