import { useMemo } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Collapse,
  Empty,
  Flex,
  Input,
  List,
  Popconfirm,
  Progress,
  Row,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CalendarOutlined, CheckCircleOutlined, ExclamationCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ReadinessDto } from '../../../../contract/schemas/assessment';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import { LevelExplanation } from '../../../components/level';
import { formatDate } from '../../../format/date';
import { useDeptComments } from '../dept-comments';
import { ASSESSMENT_VIEWS, daysUntil, LoadError, useErrorText, useInvalidate, useWorkspace } from '../shared';
import { DeptBanner } from './DeptBanner';

/**
 * Tổng quan: the school's level with its explanation, what blocks approving the report, progress
 * per standard, the calendar deadlines and the council check.
 */
export function OverviewTab() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const text = useErrorText();
  const invalidate = useInvalidate();
  const { assessment, framework, openCriterion, base } = useWorkspace();
  const levels = useApiQuery('assessment.levels', { id: assessment.id });
  const readiness = useApiQuery('assessment.readiness', { id: assessment.id });
  const criteria = useApiQuery('criterion.list', { assessmentId: assessment.id });
  const plan = useApiQuery('plan.get', { assessmentId: assessment.id });
  const council = useApiQuery('council.get', { assessmentId: assessment.id });
  const dept = useDeptComments(assessment.id);
  const approve = useApiMutation('assessment.approve');
  const reopen = useApiMutation('assessment.reopen');

  const criterionLevels = useMemo(() => {
    const map: Record<string, number> = {};
    for (const c of levels.data?.criteria ?? []) if (c.assessed) map[c.code] = c.level;
    return map;
  }, [levels.data]);

  const perStandard = useMemo(
    () =>
      framework.standards.map((s) => {
        const rows = (criteria.data ?? []).filter((r) => r.standardCode === s.code);
        const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0);
        return {
          code: s.code,
          title: s.title,
          criteria: rows.length,
          requirements: sum((r) => r.progress.requirements),
          described: sum((r) => r.progress.described),
          judged: sum((r) => r.progress.judged),
          approved: rows.filter((r) => r.reviewState === 'approved').length,
        };
      }),
    [framework, criteria.data],
  );

  const calendar = [
    ...(plan.data?.calendar ?? []).map((c) => ({
      key: `cal-${c.key}`,
      label: c.label,
      date: c.date,
      deadline: c.deadline,
      done: false,
    })),
    ...(plan.data?.tasks ?? [])
      .filter((x) => x.dueDate && x.status !== 'done' && x.status !== 'cancelled')
      .map((x) => ({ key: x.id, label: x.title, date: x.dueDate!, deadline: true, done: false })),
  ]
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, 8);

  const isApproved = assessment.status === 'approved';

  return (
    <Row gutter={[12, 12]}>
      {dept.firstUnanswered && (
        <Col xs={24}>
          <DeptBanner />
        </Col>
      )}
      <Col xs={24} xl={14}>
        <Card size="small" title={t('sa.overview.levelCard')} data-testid="overview-level">
          {levels.isPending ? (
            <Skeleton active />
          ) : levels.isError ? (
            <LoadError error={levels.error} />
          ) : (
            <>
              <LevelExplanation
                framework={framework}
                criterionLevels={criterionLevels}
                onCriterionClick={openCriterion}
                showWhatIf={!isApproved}
              />
              {levels.data.explanation && (
                <Collapse
                  size="small"
                  ghost
                  style={{ marginTop: 6 }}
                  items={[
                    {
                      key: 'text',
                      label: t('sa.overview.explanation'),
                      forceRender: true,
                      children: (
                        <Typography.Paragraph
                          copyable
                          style={{ marginBottom: 0, fontSize: 13 }}
                          data-testid="overview-explanation"
                        >
                          {levels.data.explanation}
                        </Typography.Paragraph>
                      ),
                    },
                  ]}
                />
              )}
            </>
          )}
        </Card>
        <Card size="small" title={t('sa.overview.progress')} style={{ marginTop: 12 }} data-testid="overview-progress">
          <Table
            size="small"
            pagination={false}
            rowKey="code"
            loading={criteria.isPending}
            dataSource={perStandard}
            columns={[
              {
                title: t('sa.overview.standard'),
                key: 'std',
                render: (_, s) => (
                  <span title={s.title}>
                    {t('sa.criteria.standard', { code: s.code })}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      ({t('sa.overview.criteriaCount', { count: s.criteria })})
                    </Typography.Text>
                  </span>
                ),
              },
              {
                title: t('sa.overview.judged'),
                key: 'judged',
                width: 220,
                render: (_, s) => (
                  <Progress
                    size="small"
                    percent={s.requirements ? Math.round((100 * s.judged) / s.requirements) : 0}
                    format={() => `${s.judged}/${s.requirements}`}
                  />
                ),
              },
              {
                title: t('sa.overview.described'),
                key: 'described',
                width: 90,
                render: (_, s) => `${s.described}/${s.requirements}`,
              },
              {
                title: t('sa.overview.approvedCol'),
                key: 'approved',
                width: 90,
                render: (_, s) => `${s.approved}/${s.criteria}`,
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card
          size="small"
          title={t('sa.overview.readiness')}
          data-testid="overview-readiness"
          extra={
            readiness.data &&
            (readiness.data.ready ? (
              <Tag color="green" icon={<CheckCircleOutlined aria-hidden />}>
                {t('sa.overview.ready')}
              </Tag>
            ) : (
              <Tag color="red">{t('sa.overview.blockers', { count: readiness.data.counts.blockers })}</Tag>
            ))
          }
        >
          {readiness.isPending ? (
            <Skeleton active />
          ) : readiness.isError ? (
            <LoadError error={readiness.error} />
          ) : readiness.data.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sa.overview.nothingToFix')} />
          ) : (
            <ReadinessGroups items={readiness.data.items} />
          )}
          <Flex justify="end" gap={8} style={{ marginTop: 10 }}>
            {!isApproved ? (
              <Popconfirm
                title={t('sa.overview.approveConfirm')}
                okText={t('sa.overview.approve')}
                disabled={!readiness.data?.ready}
                onConfirm={async () => {
                  try {
                    await approve.mutateAsync({ id: assessment.id, expectedRev: assessment.rev });
                    await invalidate(...ASSESSMENT_VIEWS, 'criterion.get');
                    void message.success(t('sa.overview.approved'));
                  } catch (err) {
                    void message.error(text(err));
                  }
                }}
              >
                <Button
                  type="primary"
                  disabled={!readiness.data?.ready}
                  loading={approve.isPending}
                  data-testid="overview-approve"
                >
                  {t('sa.overview.approve')}
                </Button>
              </Popconfirm>
            ) : (
              <Button
                onClick={() => {
                  let reason = '';
                  modal.confirm({
                    title: t('sa.overview.reopenTitle'),
                    content: (
                      <Input.TextArea
                        autoSize={{ minRows: 3, maxRows: 8 }}
                        placeholder={t('sa.review.reason')}
                        aria-label={t('sa.review.reason')}
                        onChange={(e) => (reason = e.target.value)}
                        data-testid="overview-reopen-reason"
                      />
                    ),
                    okText: t('sa.action.reopen'),
                    onOk: async () => {
                      try {
                        await reopen.mutateAsync({ id: assessment.id, reason });
                        await invalidate(...ASSESSMENT_VIEWS, 'criterion.get');
                      } catch (err) {
                        void message.error(text(err));
                        throw err;
                      }
                    },
                  });
                }}
                data-testid="overview-reopen"
              >
                {t('sa.action.reopen')}
              </Button>
            )}
          </Flex>
        </Card>

        <Card size="small" title={t('sa.overview.calendar')} style={{ marginTop: 12 }} data-testid="overview-calendar">
          {calendar.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sa.overview.noDeadlines')} />
          ) : (
            <List
              size="small"
              dataSource={calendar}
              renderItem={(c) => {
                const days = daysUntil(c.date);
                return (
                  <List.Item key={c.key} style={{ paddingInline: 0 }}>
                    <Flex gap={8} align="baseline" style={{ width: '100%' }}>
                      <CalendarOutlined aria-hidden style={{ color: '#1d4f91' }} />
                      <span style={{ flex: 1 }}>{c.label}</span>
                      <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                        {formatDate(c.date)}
                      </Typography.Text>
                      <Tag color={days < 0 ? 'red' : days <= 14 ? 'gold' : 'default'} style={{ marginInlineEnd: 0 }}>
                        {days < 0 ? t('sa.overview.daysLate', { count: -days }) : t('sa.overview.daysLeft', { count: days })}
                      </Tag>
                    </Flex>
                  </List.Item>
                );
              }}
            />
          )}
        </Card>

        {council.data && (
          <Card size="small" title={t('sa.overview.council')} style={{ marginTop: 12 }}>
            <CouncilCheckAlert check={council.data.check} />
            <Typography.Link onClick={() => navigate(`${base}/council`)} style={{ display: 'inline-block', marginTop: 8 }}>
              {t('sa.overview.councilOpen', { count: council.data.members.length })}
            </Typography.Link>
          </Card>
        )}
      </Col>
    </Row>
  );
}

export function CouncilCheckAlert({
  check,
}: {
  check: { ok: boolean; problems: { code: string; message: string }[]; rulesText: string | null; basis: string | null };
}) {
  const { t } = useTranslation();
  return check.ok ? (
    <Alert
      type="success"
      showIcon
      data-testid="council-check"
      data-ok="true"
      title={t('sa.council.checkOk')}
      description={check.rulesText ? t('sa.council.rules', { rules: check.rulesText }) : undefined}
    />
  ) : (
    <Alert
      type="warning"
      showIcon
      data-testid="council-check"
      data-ok="false"
      title={t('sa.council.checkProblems')}
      description={
        <>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {check.problems.map((p) => (
              <li key={p.code}>{p.message}</li>
            ))}
          </ul>
          {check.basis && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {check.basis}
            </Typography.Text>
          )}
        </>
      }
    />
  );
}

type ReadinessItem = ReadinessDto['items'][number];

/** What blocks approving the report, grouped by kind (one line per kind, opened on demand), blockers first. */
function ReadinessGroups({ items }: { items: ReadinessItem[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { openCriterion, base } = useWorkspace();
  const groups = new Map<string, ReadinessItem[]>();
  for (const i of items) groups.set(i.kind, [...(groups.get(i.kind) ?? []), i]);
  const ordered = [...groups.entries()].sort(
    ([, a], [, b]) => (a[0]!.severity === 'blocker' ? 0 : 1) - (b[0]!.severity === 'blocker' ? 0 : 1),
  );
  const link = (item: ReadinessItem) =>
    item.criterionCode ? (
      <Typography.Link onClick={() => openCriterion(item.criterionCode!)}>
        {t('sa.overview.openCriterion', { code: item.criterionCode })}
      </Typography.Link>
    ) : item.kind === 'council' ? (
      <Typography.Link onClick={() => navigate(`${base}/council`)}>{t('sa.tabs.council')}</Typography.Link>
    ) : item.kind === 'summary_missing' && item.scopeCode ? (
      <Typography.Link onClick={() => navigate(`${base}/criteria/tc-${item.scopeCode}`)}>
        {t('sa.summary.link', { code: item.scopeCode })}
      </Typography.Link>
    ) : item.kind === 'no_improvement_plan' || (item.kind === 'carried_unconfirmed' && item.itemId) ? (
      <Typography.Link onClick={() => navigate(`${base}/improvement`)}>{t('sa.tabs.improvement')}</Typography.Link>
    ) : null;
  return (
    <Collapse
      size="small"
      ghost
      style={{ maxHeight: 360, overflow: 'auto' }}
      items={ordered.map(([kind, list]) => ({
        key: kind,
        label: (
          <Flex gap={8} align="center" data-testid={`readiness-${kind}`}>
            {list[0]!.severity === 'blocker' ? (
              <ExclamationCircleOutlined style={{ color: '#cf1322' }} aria-label={t('sa.overview.blocker')} />
            ) : (
              <WarningOutlined style={{ color: '#d48806' }} aria-label={t('sa.overview.warning')} />
            )}
            <span style={{ flex: 1 }}>{t(`sa.readiness.${kind}`)}</span>
            <Tag color={list[0]!.severity === 'blocker' ? 'red' : 'gold'} style={{ marginInlineEnd: 0 }}>
              {list.length}
            </Tag>
          </Flex>
        ),
        children: (
          <List
            size="small"
            dataSource={list}
            renderItem={(item, i) => (
              <List.Item key={i} style={{ paddingInline: 0 }} extra={link(item)}>
                <span style={{ fontSize: 13 }}>{item.message}</span>
              </List.Item>
            )}
          />
        ),
      }))}
    />
  );
}
