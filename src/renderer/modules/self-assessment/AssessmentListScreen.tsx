import { useState } from 'react';
import { Button, Card, Empty, Flex, Progress, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AssessmentDto } from '../../../contract/schemas/assessment';
import { useApiQuery } from '../../api/hooks';
import { useCurrentUser } from '../../boot/session';
import { formatDate } from '../../format/date';
import { levelLabel } from '../../labels';
import { CreateAssessmentModal } from './CreateAssessmentModal';
import { canCreateAssessment, LoadError, Loading } from './shared';

/** Các đợt tự đánh giá: one per school year and education level. */
export function AssessmentListScreen() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const list = useApiQuery('assessment.list', {});
  const [creating, setCreating] = useState(false);
  const canCreate = canCreateAssessment(user.role);

  if (list.isPending) return <Loading />;
  if (list.isError) return <LoadError error={list.error} />;
  const rows = list.data;
  const open = (a: AssessmentDto) => navigate(`/self-assessment/${a.id}/overview`);

  return (
    <Card
      title={t('sa.list.title')}
      data-testid="sa-list"
      extra={
        canCreate && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)} data-testid="sa-create">
            {t('sa.list.create')}
          </Button>
        )
      }
    >
      {rows.length === 0 ? (
        <Empty
          description={
            <Flex vertical gap={4}>
              <Typography.Text>{t('sa.list.empty')}</Typography.Text>
              <Typography.Text type="secondary">
                {canCreate ? t('sa.list.emptyHint') : t('sa.list.emptyReadOnly')}
              </Typography.Text>
            </Flex>
          }
        />
      ) : (
        <Table<AssessmentDto>
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={rows}
          onRow={(a) =>
            ({
              onClick: () => open(a),
              style: { cursor: 'pointer' },
              'data-testid': `sa-row-${a.schoolYear}-${a.educationLevel}`,
            }) as never
          }
          columns={[
            {
              title: t('sa.list.year'),
              key: 'year',
              render: (_, a) => (
                <Flex vertical>
                  <Typography.Link onClick={() => open(a)} strong>
                    {t('sa.list.yearValue', { year: a.schoolYear })}
                  </Typography.Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a.title}
                  </Typography.Text>
                </Flex>
              ),
            },
            { title: t('sa.list.level'), key: 'level', width: 110, render: (_, a) => levelLabel(t, a.educationLevel) },
            { title: t('sa.list.framework'), dataIndex: 'frameworkTitle', width: 240 },
            {
              title: t('sa.list.progress'),
              key: 'progress',
              width: 220,
              render: (_, a) => (
                <Flex vertical gap={0}>
                  <Progress
                    percent={a.counts.requirements ? Math.round((100 * a.counts.judgedRequirements) / a.counts.requirements) : 0}
                    size="small"
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('sa.list.progressText', {
                      judged: a.counts.judgedRequirements,
                      total: a.counts.requirements,
                      approved: a.counts.approvedCriteria,
                      criteria: a.counts.criteria,
                    })}
                  </Typography.Text>
                </Flex>
              ),
            },
            { title: t('sa.list.members'), key: 'members', width: 100, render: (_, a) => a.counts.members },
            {
              title: t('sa.list.status'),
              key: 'status',
              width: 160,
              render: (_, a) =>
                a.status === 'approved' ? (
                  <Tag color="green">{t('sa.status.approvedOn', { date: formatDate(a.approvedAt) })}</Tag>
                ) : (
                  <Tag color="blue">{t('sa.status.in_progress')}</Tag>
                ),
            },
          ]}
        />
      )}
      <CreateAssessmentModal
        open={creating}
        existing={rows}
        onClose={() => setCreating(false)}
        onCreated={(a) => {
          setCreating(false);
          navigate(`/self-assessment/${a.id}/overview`);
        }}
      />
    </Card>
  );
}
