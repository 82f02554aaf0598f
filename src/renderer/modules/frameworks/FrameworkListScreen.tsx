import { Button, Card, Col, Empty, Flex, Result, Row, Skeleton, Tag, Typography } from 'antd';
import { InfoCircleOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { FrameworkSummary } from '../../../contract/methods/frameworks';
import type { Framework, LevelsFramework } from '../../../core/frameworks';
import { errorText } from '../../api/error-text';
import { formatDate } from '../../format/date';
import { levelLabel as educationLevelLabel } from '../../labels';
import type { EducationLevel } from '../../../contract/schemas/common';
import { criterionPath, frameworkStatus, STATUS_COLORS, todayIso, type FrameworkStatus } from './framework-info';
import { ProvenanceTag } from './ProvenanceTag';
import { useFrameworkDetails, useFrameworkList } from './useFrameworks';

/** Bộ tiêu chí: every framework the app ships, those in force first. */
export function FrameworkListScreen() {
  const { t, i18n } = useTranslation();
  const list = useFrameworkList();
  const details = useFrameworkDetails(list.data?.map((f) => f.id) ?? []);

  if (list.isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (list.isError) return <Result status="warning" title={errorText(list.error, t, i18n.language)} />;

  const today = todayIso();
  const byId = new Map(details.flatMap((q) => (q.data ? [[q.data.id, q.data] as const] : [])));
  const groups: { status: FrameworkStatus; items: FrameworkSummary[] }[] = (['in-force', 'upcoming', 'expired'] as const)
    .map((status) => ({ status, items: list.data.filter((f) => frameworkStatus(f, today) === status) }))
    .filter((g) => g.items.length > 0);

  return (
    <div data-testid="fw-list">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('fw.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
        {t('fw.intro')}
      </Typography.Paragraph>
      {list.data.length === 0 && <Empty description={t('fw.none')} />}
      {groups.map((g) => (
        <section key={g.status} style={{ marginBottom: 24 }} data-testid={`fw-group-${g.status}`}>
          <Typography.Title level={5} style={{ marginTop: 8 }}>
            {t(`fw.groups.${g.status}`)}
          </Typography.Title>
          {g.status === 'expired' && (
            <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
              {t('fw.groups.expiredHint')}
            </Typography.Paragraph>
          )}
          <Row gutter={[16, 16]}>
            {g.items.map((f) => (
              <Col key={f.id} xs={24} lg={12} xxl={8}>
                <FrameworkCard summary={f} detail={byId.get(f.id)} status={g.status} />
              </Col>
            ))}
          </Row>
        </section>
      ))}
    </div>
  );
}

function FrameworkCard({
  summary: f,
  detail,
  status,
}: {
  summary: FrameworkSummary;
  detail?: Framework;
  status: FrameworkStatus;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = () => navigate(criterionPath(f.id));
  const dates = f.effectiveTo
    ? t('fw.dates.range', { from: formatDate(f.effectiveFrom), to: formatDate(f.effectiveTo) })
    : t('fw.dates.from', { from: formatDate(f.effectiveFrom) });
  const counts = detail
    ? detail.kind === 'levels'
      ? levelsCounts(t, detail)
      : t('fw.counts.points', { groups: detail.groups.length, items: detail.groups.reduce((n, g) => n + g.items.length, 0) })
    : null;
  return (
    <Card
      hoverable
      onClick={open}
      data-testid={`fw-card-${f.id}`}
      style={{ height: '100%', display: 'flex', flexDirection: 'column' }}
      styles={{ body: { flex: 1, display: 'flex', flexDirection: 'column', gap: 8 } }}
      title={
        <span style={{ whiteSpace: 'normal' }} data-testid="fw-card-title">
          {f.shortTitle}
        </span>
      }
      extra={
        <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="fw-card-status">
          {t(`fw.status.${status}`)}
        </Tag>
      }
    >
      <Typography.Paragraph ellipsis={{ rows: 2, tooltip: f.title }} style={{ marginBottom: 0 }}>
        {f.title}
      </Typography.Paragraph>
      <Flex vertical gap={4} style={{ fontSize: 13 }}>
        <span>
          <Typography.Text type="secondary">{t('fw.legalNumber')}: </Typography.Text>
          <span data-testid="fw-card-number">{f.legalNumber}</span>
          {detail?.source.annex && ` — ${detail.source.annex}`}
        </span>
        <span>
          <Typography.Text type="secondary">{t('fw.effective')}: </Typography.Text>
          <span data-testid="fw-card-dates">{dates}</span>
        </span>
        <span>
          <Typography.Text type="secondary">{t('fw.kind')}: </Typography.Text>
          {f.kind === 'levels' ? t('fw.kinds.levels') : t('fw.kinds.points')}
          {counts && <Typography.Text type="secondary"> · {counts}</Typography.Text>}
        </span>
      </Flex>
      <Flex gap={6} wrap align="center" style={{ marginTop: 'auto' }}>
        {f.educationLevels.map((l) => (
          <Tag key={l} color="blue" style={{ marginInlineEnd: 0 }}>
            {educationLevelLabel(t, l as EducationLevel)}
          </Tag>
        ))}
        {detail && <ProvenanceTag grade={detail.source.grade} note={detail.source.note} testId="fw-card-grade" />}
        {detail?.kind === 'points' && !detail.complete && (
          <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="fw-card-incomplete">
            {t('fw.incomplete')}
          </Tag>
        )}
        <Button
          type="link"
          size="small"
          style={{ marginInlineStart: 'auto', paddingInline: 0 }}
          onClick={(e) => {
            e.stopPropagation();
            open();
          }}
          data-testid={`fw-open-${f.id}`}
        >
          {t('fw.open')} <RightOutlined aria-hidden />
        </Button>
      </Flex>
      {status === 'expired' && detail?.transitionNote && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="fw-card-transition">
          <InfoCircleOutlined aria-hidden /> {detail.transitionNote}
        </Typography.Text>
      )}
    </Card>
  );
}

function levelsCounts(t: (key: string, values: Record<string, number>) => string, fw: LevelsFramework): string {
  const criteria = fw.standards.flatMap((s) => s.criteria);
  const mandatory = criteria.filter((c) => c.mandatory).length;
  const values = { standards: fw.standards.length, criteria: criteria.length, mandatory };
  return t(mandatory > 0 ? 'fw.counts.levels' : 'fw.counts.levelsNoMandatory', values);
}
