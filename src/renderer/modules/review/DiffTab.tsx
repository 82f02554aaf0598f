import { Alert, Card, Descriptions, Empty, Flex, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DossierDiff } from '../../../contract/schemas/review';
import { errorText } from '../../api/error-text';
import { useApiQuery } from '../../api/hooks';
import { formatTime } from './shared';

type DiffComment = DossierDiff['comments'][number];

/** So sánh phiên bản: what changed since the previous version and which comments were answered. */
export function DiffTab({ submissionId }: { submissionId: string }) {
  const { t, i18n } = useTranslation();
  const diff = useApiQuery('review.diff', { submissionId });
  if (diff.isPending) return <Skeleton active />;
  if (diff.error) return <Alert type="error" showIcon title={errorText(diff.error, t, i18n.language)} />;
  const d = diff.data;
  if (!d.previousId) return <Empty description={t('rv.diff.first')} data-testid="rv-diff-first" />;
  const answered = d.comments.filter((c) => c.answered).length;
  return (
    <Flex vertical gap={16} data-testid="rv-diff">
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label={t('rv.diff.version')}>
          {d.diff ? t('rv.diff.versions', { from: d.diff.previousVersion, to: d.version }) : d.version}
        </Descriptions.Item>
        <Descriptions.Item label={t('rv.diff.rows')}>
          {d.diff
            ? t('rv.diff.counts', { added: d.diff.added.length, changed: d.diff.changed.length, removed: d.diff.removed.length })
            : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('rv.diff.files')}>
          {d.diff ? t('rv.diff.fileCounts', { added: d.diff.blobsAdded.length, removed: d.diff.blobsRemoved.length }) : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t('rv.diff.changedCriteria', { count: d.changedCriteria.length })}>
        {d.changedCriteria.length === 0 ? (
          <Typography.Text type="secondary">{t('rv.diff.noChanges')}</Typography.Text>
        ) : (
          <Space wrap data-testid="rv-diff-criteria">
            {d.changedCriteria.map((c) => (
              <Tag key={c} color="gold">
                {c}
              </Tag>
            ))}
          </Space>
        )}
      </Card>
      <Card size="small" title={t('rv.diff.comments', { answered, total: d.comments.length })}>
        <Table<DiffComment>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={d.comments}
          locale={{ emptyText: t('rv.comments.empty') }}
          columns={[
            {
              title: t('rv.diff.anchor'),
              key: 'anchor',
              render: (_, c) => (
                <>
                  {c.criterionCode}
                  {c.requirementRef && ` · ${c.requirementRef}`}
                </>
              ),
            },
            {
              title: t('rv.diff.comment'),
              dataIndex: 'body',
              render: (b: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{b}</span>,
            },
            {
              title: t('rv.diff.reply'),
              key: 'reply',
              render: (_, c) =>
                c.reply ? (
                  <span>
                    {c.reply}
                    <br />
                    <Typography.Text type="secondary">
                      {c.replyBy} {formatTime(c.replyAt)}
                    </Typography.Text>
                  </span>
                ) : (
                  '—'
                ),
            },
            {
              title: t('rv.diff.status'),
              key: 'status',
              render: (_, c) => (
                <Space size={4} wrap>
                  {c.answered ? (
                    <Tag color="green">{t('rv.diff.answered')}</Tag>
                  ) : (
                    <Tag color="red">{t('rv.diff.unanswered')}</Tag>
                  )}
                  {c.criterionChanged && <Tag color="gold">{t('rv.diff.criterionChanged')}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
