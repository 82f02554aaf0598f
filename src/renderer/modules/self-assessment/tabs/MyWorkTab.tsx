import { Alert, Card, Col, Empty, Flex, List, Progress, Row, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MyWorkDto } from '../../../../contract/schemas/assessment';
import { useApiQuery } from '../../../api/hooks';
import { formatDate, formatDateTime } from '../../../format/date';
import { LoadError, Loading, ReviewStateTag, useWorkspace } from '../shared';

type MyCriterion = MyWorkDto['criteria'][number];

/** Việc của tôi: my criteria (returned first, then overdue, then open), what waits for my review, my tasks. */
export function MyWorkTab() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { assessment, openCriterion, base } = useWorkspace();
  const work = useApiQuery('assessment.myWork', { assessmentId: assessment.id });
  if (work.isPending) return <Loading />;
  if (work.isError) return <LoadError error={work.error} />;
  const w = work.data;
  const returned = w.criteria.filter((c) => c.reviewState === 'returned');
  const overdue = w.criteria.filter((c) => c.overdue && c.reviewState !== 'returned');
  const open = w.criteria.filter((c) => !c.overdue && c.reviewState !== 'returned');
  const membership = w.memberships.find((m) => m.assessmentId === assessment.id);

  const criterionItem = (c: MyCriterion) => (
    <List.Item
      key={c.criterionCode}
      style={{ cursor: 'pointer', paddingInline: 8 }}
      onClick={() => openCriterion(c.criterionCode)}
      data-testid={`mine-${c.criterionCode}`}
    >
      <Flex vertical gap={2} style={{ width: '100%' }}>
        <Flex gap={8} align="baseline" wrap>
          <Typography.Link strong>{c.criterionCode}</Typography.Link>
          <span style={{ flex: 1, minWidth: 200 }}>{c.title}</span>
          <ReviewStateTag state={c.reviewState} />
          {c.dueDate && (
            <Tag color={c.overdue ? 'red' : 'default'} style={{ marginInlineEnd: 0 }}>
              {t('sa.editor.due', { date: formatDate(c.dueDate) })}
            </Tag>
          )}
        </Flex>
        <Flex gap={12} align="center" wrap>
          <Progress
            size="small"
            style={{ width: 200, margin: 0 }}
            percent={c.progress.requirements ? Math.round((100 * c.progress.judged) / c.progress.requirements) : 0}
            format={() => `${c.progress.judged}/${c.progress.requirements}`}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.via === 'group' ? t('sa.mine.viaGroup', { group: c.groupName }) : t('sa.mine.viaMember')}
          </Typography.Text>
          {c.carriedUnconfirmed > 0 && <Tag color="orange">{t('sa.mine.carried', { count: c.carriedUnconfirmed })}</Tag>}
          {c.openComments > 0 && <Tag color="gold">{t('sa.mine.comments', { count: c.openComments })}</Tag>}
        </Flex>
        {c.returned && (
          <Alert
            type="error"
            style={{ marginTop: 4 }}
            title={t('sa.mine.returnedBy', { by: c.returned.by, at: formatDateTime(c.returned.at) })}
            description={c.returned.note}
          />
        )}
      </Flex>
    </List.Item>
  );

  const section = (title: string, items: MyCriterion[], testId: string) =>
    items.length > 0 && (
      <Card size="small" title={title} data-testid={testId}>
        <List size="small" dataSource={items} renderItem={criterionItem} />
      </Card>
    );

  return (
    <Flex vertical gap={12} data-testid="my-work">
      <Card size="small">
        <Row gutter={12}>
          {(['open', 'overdue', 'returned', 'toReview', 'tasks'] as const).map((k) => (
            <Col key={k} flex="1">
              <Statistic
                title={t(`sa.mine.counts.${k}`)}
                value={w.counts[k]}
                styles={{ content: { color: (k === 'overdue' || k === 'returned') && w.counts[k] > 0 ? '#cf1322' : undefined } }}
              />
            </Col>
          ))}
        </Row>
        {!membership && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('sa.mine.notMember')}
          </Typography.Text>
        )}
        {membership && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('sa.mine.member', { role: t(`sa.role.${membership.councilRole}`) })}
          </Typography.Text>
        )}
      </Card>
      {w.criteria.length === 0 && w.toReview.length === 0 && w.tasks.length === 0 && (
        <Card size="small">
          <Empty description={t('sa.mine.empty')} />
        </Card>
      )}
      {section(t('sa.mine.returned'), returned, 'mine-returned')}
      {section(t('sa.mine.overdue'), overdue, 'mine-overdue')}
      {section(t('sa.mine.open'), open, 'mine-open')}
      {w.toReview.length > 0 && (
        <Card size="small" title={t('sa.mine.toReview')} data-testid="mine-to-review">
          <List
            size="small"
            dataSource={w.toReview}
            renderItem={(c) => (
              <List.Item
                key={c.criterionCode}
                style={{ cursor: 'pointer', paddingInline: 8 }}
                onClick={() => openCriterion(c.criterionCode)}
              >
                <Flex gap={8} align="baseline" style={{ width: '100%' }}>
                  <Typography.Link strong>{c.criterionCode}</Typography.Link>
                  <span style={{ flex: 1 }}>{c.title}</span>
                  <ReviewStateTag state={c.reviewState} />
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      )}
      {(w.tasks.length > 0 || w.improvementItems.length > 0) && (
        <Card size="small" title={t('sa.mine.tasks')}>
          <List
            size="small"
            dataSource={[
              ...w.tasks.map((x) => ({ key: x.id, title: x.title, due: x.dueDate, overdue: x.overdue, to: `${base}/plan` })),
              ...w.improvementItems.map((x) => ({
                key: x.id,
                title: x.content,
                due: x.dueDate,
                overdue: x.overdue,
                to: `${base}/improvement`,
              })),
            ]}
            renderItem={(x) => (
              <List.Item key={x.key} style={{ cursor: 'pointer', paddingInline: 8 }} onClick={() => navigate(x.to)}>
                <Flex gap={8} align="baseline" style={{ width: '100%' }}>
                  <span style={{ flex: 1 }}>{x.title}</span>
                  {x.due && <Tag color={x.overdue ? 'red' : 'default'}>{t('sa.editor.due', { date: formatDate(x.due) })}</Tag>}
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Flex>
  );
}
