import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Card, Col, Collapse, Empty, Flex, Result, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { FileSearchOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EvidenceHealth, EvidenceRef } from '../../../contract/schemas/evidence';
import { findCriterion, type LevelsFramework } from '../../../core/frameworks';
import { errorText } from '../../api/error-text';
import { useApiQuery } from '../../api/hooks';
import { formatDate } from '../../format/date';
import { EvidenceTag } from '../../components/evidence/EvidenceTag';
import { formatBytes } from '../../components/evidence/files';
import { criterionTitle } from './shared';

type SectionKey = 'unlinked' | 'uncited' | 'criteria' | 'sharedCodes' | 'duplicates' | 'expired' | 'missing' | 'changed';

/**
 * Kiểm tra kho: the `evidence.health` report as sections with counts. The first look only
 * checks that files exist (quick); re-reading every file to compare hashes is a button.
 */
export function HealthView({
  framework,
  onOpen,
  onAddFor,
  canAdd,
}: {
  framework: LevelsFramework;
  onOpen: (id: string) => void;
  onAddFor: (criterionCode: string) => void;
  canAdd: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<'exists' | 'hash'>('exists');
  const health = useApiQuery('evidence.health', { frameworkId: framework.id, checkFiles: mode });
  if (health.isPending) return <Skeleton active />;
  if (health.isError) return <Result status="warning" title={errorText(health.error, t, i18n.language)} />;
  const h = health.data;

  const refs = (list: readonly (EvidenceRef & { validUntil?: string; fileName?: string })[], testId: string) =>
    list.length === 0 ? (
      <Typography.Text type="secondary">{t('ev.health.none')}</Typography.Text>
    ) : (
      <div data-testid={testId}>
        {list.map((e) => (
          <Flex key={e.id} align="baseline" gap={8} style={{ padding: '3px 0' }}>
            <EvidenceTag code={e.code} title={e.title} onClick={() => onOpen(e.id)} data-testid={`${testId}-${e.code}`} />
            <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }}>
              {e.title}
              {e.fileName && <Typography.Text type="secondary"> — {e.fileName}</Typography.Text>}
            </Typography.Text>
            {e.validUntil && (
              <Typography.Text type="danger" style={{ whiteSpace: 'nowrap' }}>
                {t('ev.health.expiredOn', { date: formatDate(e.validUntil) })}
              </Typography.Text>
            )}
          </Flex>
        ))}
      </div>
    );

  const sections: { key: SectionKey; count: number | null; body: ReactNode }[] = [
    {
      key: 'criteria',
      count: h.criteriaWithoutEvidence.length,
      body:
        h.criteriaWithoutEvidence.length === 0 ? (
          <Typography.Text type="secondary">{t('ev.health.none')}</Typography.Text>
        ) : (
          <div data-testid="ev-health-criteria">
            {h.criteriaWithoutEvidence.map((c) => (
              <Flex key={c} align="center" gap={8} style={{ padding: '4px 0' }}>
                <Typography.Text strong style={{ minWidth: 36 }}>
                  {c}
                </Typography.Text>
                <span style={{ flex: 1 }}>
                  {criterionTitle(framework, c)}
                  {findCriterion(framework, c)?.mandatory && (
                    <Tag color="red" style={{ marginInlineStart: 8 }}>
                      {t('ev.health.mandatory')}
                    </Tag>
                  )}
                </span>
                {canAdd && (
                  <Button
                    size="small"
                    icon={<PlusOutlined aria-hidden />}
                    onClick={() => onAddFor(c)}
                    data-testid={`ev-health-add-${c}`}
                  >
                    {t('ev.health.addFor')}
                  </Button>
                )}
              </Flex>
            ))}
          </div>
        ),
    },
    { key: 'unlinked', count: h.unlinked.length, body: refs(h.unlinked, 'ev-health-unlinked') },
    {
      key: 'uncited',
      count: h.uncited?.length ?? null,
      body:
        h.uncited === null ? (
          <Typography.Text type="secondary">{t('ev.health.uncitedUnknown')}</Typography.Text>
        ) : (
          refs(h.uncited, 'ev-health-uncited')
        ),
    },
    // Two computers gave the same code offline; the one that numbered later renumbers its
    // evidence at its next sync (ADR 0013). Shown only while that is pending.
    ...(h.duplicateCodes?.length
      ? [
          {
            key: 'sharedCodes' as const,
            count: h.duplicateCodes.length,
            body: (
              <div data-testid="ev-health-shared-codes">
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {t('ev.health.sharedCodesNote')}
                </Typography.Paragraph>
                {h.duplicateCodes.map((g) => (
                  <div key={`${g.frameworkId}/${g.code}`} style={{ marginBottom: 12 }}>
                    <Typography.Text strong>{g.code}</Typography.Text>
                    {refs(g.evidence, `ev-health-shared-${g.code}`)}
                  </div>
                ))}
              </div>
            ),
          },
        ]
      : []),
    {
      key: 'duplicates',
      count: h.duplicates.length,
      body:
        h.duplicates.length === 0 ? (
          <Typography.Text type="secondary">{t('ev.health.none')}</Typography.Text>
        ) : (
          <div data-testid="ev-health-duplicates">
            {h.duplicates.map((g) => (
              <div key={g.sha256} style={{ marginBottom: 12 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('ev.health.duplicateGroup', { count: g.evidence.length })}
                </Typography.Text>
                {refs(g.evidence, `ev-health-dup-${g.sha256.slice(0, 8)}`)}
              </div>
            ))}
          </div>
        ),
    },
    { key: 'expired', count: h.expired.length, body: refs(h.expired, 'ev-health-expired') },
    { key: 'missing', count: h.files.missing.length, body: refs(h.files.missing, 'ev-health-missing') },
    ...(h.files.mode === 'hash'
      ? [{ key: 'changed' as const, count: h.files.changed.length, body: refs(h.files.changed, 'ev-health-changed') }]
      : []),
  ];

  return (
    <div data-testid="ev-health">
      <Typography.Paragraph type="secondary">{t('ev.health.intro')}</Typography.Paragraph>
      <Totals h={h} />
      <Flex align="center" gap={12} wrap style={{ margin: '16px 0' }}>
        <Button
          icon={<FileSearchOutlined aria-hidden />}
          loading={health.isFetching && mode === 'hash'}
          onClick={() => (mode === 'hash' ? void health.refetch() : setMode('hash'))}
          data-testid="ev-health-hash"
        >
          {t('ev.health.checkHashes')}
        </Button>
        <Typography.Text type="secondary" data-testid="ev-health-files">
          {h.files.mode === 'hash'
            ? t('ev.health.checkedHash', {
                checked: h.files.checked,
                total: h.files.total,
                ok: h.files.ok,
                size: formatBytes(h.files.bytesChecked, i18n.language),
              })
            : t('ev.health.checkedExists', { total: h.files.total })}
        </Typography.Text>
      </Flex>
      <Collapse
        defaultActiveKey={sections.filter((s) => (s.count ?? 0) > 0).map((s) => s.key)}
        items={sections.map((s) => ({
          key: s.key,
          label: (
            <Flex align="center" gap={8} data-testid={`ev-health-section-${s.key}`}>
              <span>{t(`ev.health.sections.${s.key}`)}</span>
              {s.count !== null && (
                <Badge
                  count={s.count}
                  showZero
                  color={
                    s.count === 0
                      ? '#52c41a'
                      : s.key === 'uncited' || s.key === 'duplicates' || s.key === 'sharedCodes'
                        ? '#d48806'
                        : '#cf1322'
                  }
                />
              )}
            </Flex>
          ),
          children: s.body,
        }))}
      />
      {h.unusedBlobs.count > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          title={t('ev.health.unusedBlobs', {
            count: h.unusedBlobs.count,
            size: formatBytes(h.unusedBlobs.bytes, i18n.language),
          })}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        {t('ev.health.today', { date: formatDate(h.today) })}
      </Typography.Paragraph>
    </div>
  );
}

function Totals({ h }: { h: EvidenceHealth }) {
  const { t } = useTranslation();
  if (h.totals.evidence === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ev.table.empty')} />;
  const items = ['evidence', 'files', 'links', 'paper', 'pending', 'verified', 'rejected'] as const;
  const colors: Partial<Record<(typeof items)[number], string>> = {
    pending: '#d48806',
    verified: '#389e0d',
    rejected: '#cf1322',
  };
  return (
    <Card size="small">
      <Row gutter={[16, 8]}>
        {items.map((k) => (
          <Col key={k} xs={12} sm={8} md={6} lg={3}>
            <Statistic
              title={t(`ev.health.totals.${k}`)}
              value={h.totals[k]}
              styles={{ content: { color: colors[k], fontSize: 20 } }}
              data-testid={`ev-health-total-${k}`}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
