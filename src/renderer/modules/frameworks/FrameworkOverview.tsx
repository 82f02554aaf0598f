import type { ReactNode } from 'react';
import { Alert, Descriptions, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  levelLabel,
  type Framework,
  type LevelsFramework,
  type Provenance,
  type RelatedDocument,
} from '../../../core/frameworks';
import { formatDate } from '../../format/date';
import { levelLabel as educationLevelLabel } from '../../labels';
import { frameworkStatus, STATUS_COLORS, todayIso } from './framework-info';
import { Highlight } from './Highlight';
import { ProvenanceNote, ProvenanceTag } from './ProvenanceTag';

function RuleText({ text, provenance, testId }: { text: string; provenance: Provenance; testId?: string }) {
  return (
    <Typography.Paragraph style={{ marginBottom: 8 }} data-testid={testId}>
      {text} <ProvenanceTag grade={provenance.grade} note={provenance.note} />
    </Typography.Paragraph>
  );
}

function Related({ title, docs }: { title: string; docs: readonly RelatedDocument[] }) {
  if (docs.length === 0) return null;
  return (
    <>
      <Typography.Text strong>{title}</Typography.Text>
      <ul style={{ marginTop: 4, paddingInlineStart: 22 }}>
        {docs.map((d) => (
          <li key={d.number} style={{ marginBottom: 4 }}>
            <strong>{d.number}</strong>
            {d.title && ` — ${d.title}`}
            {d.effectiveDate && ` (${formatDate(d.effectiveDate)})`} <ProvenanceTag grade={d.grade} note={d.note} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** The legal document behind a framework, its rules and notes: the page a framework opens on. */
export function FrameworkOverview({ framework: fw, extra }: { framework: Framework; extra?: ReactNode }) {
  const { t } = useTranslation();
  const s = fw.source;
  const status = frameworkStatus(fw, todayIso());
  const levels = fw.kind === 'levels' ? fw : null;
  const criteria = levels ? levels.standards.flatMap((x) => x.criteria) : [];
  const items: { key: string; label: string; children: ReactNode }[] = [
    {
      key: 'document',
      label: t('fw.overview.document'),
      children: (
        <>
          {s.documentType} {t('fw.overview.numberPrefix')} <strong>{s.number}</strong>
          {s.annex && ` — ${s.annex}`}
          <div style={{ color: 'rgba(0,0,0,0.65)' }}>{s.title}</div>
        </>
      ),
    },
    { key: 'issuer', label: t('fw.overview.issuer'), children: s.issuer },
    {
      key: 'dates',
      label: t('fw.overview.dates'),
      children: t('fw.overview.datesValue', { signed: formatDate(s.signedDate), effective: formatDate(s.effectiveDate) }),
    },
    {
      key: 'use',
      label: t('fw.effective'),
      children: (
        <Flex gap={8} wrap align="center">
          {fw.effectiveTo
            ? t('fw.dates.range', { from: formatDate(fw.effectiveFrom), to: formatDate(fw.effectiveTo) })
            : t('fw.dates.from', { from: formatDate(fw.effectiveFrom) })}
          <Tag color={STATUS_COLORS[status]}>{t(`fw.status.${status}`)}</Tag>
        </Flex>
      ),
    },
    { key: 'schools', label: t('fw.overview.schoolTypes'), children: fw.schoolTypes.map((x) => x.label).join('; ') },
    {
      key: 'levels',
      label: t('fw.overview.educationLevels'),
      children: fw.educationLevels.map((l) => (
        <Tag key={l} color="blue">
          {educationLevelLabel(t, l)}
        </Tag>
      )),
    },
    {
      key: 'scale',
      label: t('fw.overview.scale'),
      children: levels
        ? t('fw.overview.scaleLevels', {
            labels: levels.levelLabels
              .filter((l) => l.level > 0)
              .map((l) => l.label)
              .join(', '),
            standards: levels.standards.length,
            criteria: criteria.length,
            mandatory: criteria.filter((c) => c.mandatory).length,
          })
        : fw.kind === 'points'
          ? t('fw.overview.scalePoints', { groups: fw.groups.length, labels: fw.thresholds.map((x) => x.label).join('; ') })
          : null,
    },
    {
      key: 'grade',
      label: t('fw.overview.grade'),
      children: (
        <>
          <ProvenanceTag grade={s.grade} testId="fw-source-grade" /> <span style={{ fontSize: 13 }}>{s.note}</span>
        </>
      ),
    },
    {
      key: 'sources',
      label: t('fw.overview.sources'),
      children: (
        <div style={{ fontSize: 13, wordBreak: 'break-all' }}>
          {s.url && <div>{s.url}</div>}
          {s.transcriptionSources.map((x) => (
            <div key={x}>{x}</div>
          ))}
          {!s.url && s.transcriptionSources.length === 0 && '—'}
        </div>
      ),
    },
    { key: 'version', label: t('fw.overview.version'), children: fw.version },
  ];

  return (
    <div data-testid="fw-overview">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {fw.title}
      </Typography.Title>
      {extra}
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 180 } }} items={items} />

      {fw.transitionNote && <Alert type="info" showIcon title={fw.transitionNote} style={{ marginTop: 16 }} />}

      {levels && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('fw.overview.levelRule')}
          </Typography.Title>
          <RuleText text={levels.levelRule.text} provenance={levels.levelRule.provenance} testId="fw-level-rule" />
          <RuleText text={levels.multiLevelRule.text} provenance={levels.multiLevelRule.provenance} />
        </>
      )}

      {(s.replaces.length > 0 || s.replacedBy.length > 0 || s.amendedBy.length > 0) && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('fw.overview.related')}
          </Typography.Title>
          <Related title={t('fw.overview.replaces')} docs={s.replaces} />
          <Related title={t('fw.overview.replacedBy')} docs={s.replacedBy} />
          <Related title={t('fw.overview.amendedBy')} docs={s.amendedBy} />
        </>
      )}

      {fw.notes.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('fw.overview.notes')}
          </Typography.Title>
          <ul style={{ paddingInlineStart: 22 }}>
            {fw.notes.map((n, i) => (
              <li key={i} style={{ marginBottom: 6 }}>
                {n}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** Legacy Mức 4: clauses of Điều 22 judged for the whole school once every criterion is at Mức 3. */
export function Level4Panel({ framework, query }: { framework: LevelsFramework; query: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid="fw-level4">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('fw.level4.title', { level: levelLabel(framework, framework.maxLevel + 1) })}
      </Typography.Title>
      <RuleText text={framework.levelRule.text} provenance={framework.levelRule.provenance} />
      <ol style={{ listStyle: 'none', padding: 0 }}>
        {framework.level4Clauses.map((c) => (
          <li
            key={c.code}
            data-testid={`fw-level4-${c.code}`}
            style={{ borderInlineStart: '4px solid #b37feb', padding: '8px 12px', marginBottom: 12, background: '#fff' }}
          >
            <Flex gap={8} align="center" style={{ marginBottom: 4 }}>
              <Tag color="purple">{c.article}</Tag>
              {c.provenance && <ProvenanceTag grade={c.provenance.grade} note={c.provenance.note} />}
            </Flex>
            <Typography.Paragraph style={{ marginBottom: 0, lineHeight: 1.65 }}>
              <Highlight text={c.text} query={query} />
            </Typography.Paragraph>
          </li>
        ))}
      </ol>
      <ProvenanceNote provenance={{ grade: framework.source.grade, note: framework.source.note }} />
    </div>
  );
}
