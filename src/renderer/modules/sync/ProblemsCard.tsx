import { Card, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../contract/schemas/sync';
import { shortHash } from './format';
import { entityLabel } from './shared';

/** Changes the server refused (set aside), changes from the server not applied, files not synced. */
export function ProblemsCard({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const { poisoned, inboxFailures, blobIssues } = status;
  if (poisoned.length + inboxFailures.length + blobIssues.length === 0) return null;
  return (
    <>
      {poisoned.length > 0 && (
        <Card title={t('sy.problems.poisoned')} data-testid="sy-poisoned" size="small">
          <Typography.Paragraph type="secondary">{t('sy.problems.poisonedIntro')}</Typography.Paragraph>
          <List
            size="small"
            dataSource={poisoned}
            renderItem={(p) => (
              <List.Item key={p.changeId}>
                <div>
                  <strong>{entityLabel(t, p.entity)}</strong>{' '}
                  <Typography.Text type="secondary">{shortHash(p.rowId)}</Typography.Text>
                  <div>{p.error}</div>
                </div>
                <Tag>{t('sy.problems.tries', { count: p.tries })}</Tag>
              </List.Item>
            )}
          />
        </Card>
      )}
      {inboxFailures.length > 0 && (
        <Card title={t('sy.problems.inbox')} data-testid="sy-inbox" size="small">
          <List
            size="small"
            dataSource={inboxFailures}
            renderItem={(f) => (
              <List.Item key={f.seq}>
                <div>
                  <strong>{entityLabel(t, f.entity)}</strong> <Typography.Text type="secondary">#{f.seq}</Typography.Text>
                  <div>{f.error}</div>
                </div>
                <span>
                  <Tag>{t('sy.problems.tries', { count: f.tries })}</Tag>
                  {f.givenUp && <Tag color="red">{t('sy.problems.givenUp')}</Tag>}
                </span>
              </List.Item>
            )}
          />
        </Card>
      )}
      {blobIssues.length > 0 && (
        <Card title={t('sy.problems.files')} data-testid="sy-blob-issues" size="small">
          <List
            size="small"
            dataSource={blobIssues}
            renderItem={(b) => (
              <List.Item key={`${b.sha256}-${b.direction}`}>
                <div>
                  <div>{b.message}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {shortHash(b.sha256)} ·{' '}
                    {b.direction === 'down' || b.direction === 'download' ? t('sy.problems.download') : t('sy.problems.upload')}
                  </Typography.Text>
                </div>
                <Tag>{t('sy.problems.tries', { count: b.tries })}</Tag>
              </List.Item>
            )}
          />
        </Card>
      )}
    </>
  );
}
