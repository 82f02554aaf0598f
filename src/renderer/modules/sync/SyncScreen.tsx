import { Card, Result, Skeleton, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { errorText } from '../../api/error-text';
import { EnrolCard } from './EnrolCard';
import { StatusPanel } from './StatusPanel';
import { SubmissionsTab } from './SubmissionsTab';
import { useSyncStatus } from './shared';

type Tab = 'status' | 'submissions';

/** Đồng bộ at /sync (status, conflicts, problems) and /sync/submissions (Nộp hồ sơ). */
export function SyncScreen() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { tab: tabParam } = useParams();
  const tab: Tab = tabParam === 'submissions' ? 'submissions' : 'status';
  const status = useSyncStatus();

  let body;
  if (status.isPending)
    body = (
      <Card>
        <Skeleton active />
      </Card>
    );
  else if (status.error) body = <Result status="warning" title={errorText(status.error, t, i18n.language)} />;
  else
    body = (
      <Tabs
        data-testid="sy-tabs"
        activeKey={tab}
        onChange={(key) => navigate(key === 'status' ? '/sync' : `/sync/${key}`, { replace: true })}
        items={[
          {
            key: 'status',
            label: t('sy.tabs.status'),
            children: tab !== 'status' ? null : status.data.enrolled ? <StatusPanel status={status.data} /> : <EnrolCard />,
          },
          {
            key: 'submissions',
            label: t('sy.tabs.submissions'),
            children: tab === 'submissions' ? <SubmissionsTab status={status.data} /> : null,
          },
        ]}
      />
    );

  return (
    <div data-testid="sy-screen">
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
        {t('sy.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 860 }}>
        {t('sy.intro')}
      </Typography.Paragraph>
      {body}
    </div>
  );
}
