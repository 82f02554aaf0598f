import { useState } from 'react';
import { Button, Card, Descriptions, Result, Skeleton, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { errorText } from '../../api/error-text';
import { DashboardTab } from './DashboardTab';
import { InboxTab } from './InboxTab';
import { SetupCard } from './SetupCard';
import { useReviewStatus } from './shared';

type Tab = 'inbox' | 'dashboard';

/** Thẩm định at /review (Hộp thư) and /review/dashboard; the setup card until connected. */
export function ReviewScreen() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { tab: tabParam } = useParams();
  const tab: Tab = tabParam === 'dashboard' ? 'dashboard' : 'inbox';
  const status = useReviewStatus();
  const [again, setAgain] = useState(false);

  let body;
  if (status.isPending)
    body = (
      <Card>
        <Skeleton active />
      </Card>
    );
  else if (status.error) body = <Result status="warning" title={errorText(status.error, t, i18n.language)} />;
  else if (status.data.mode !== 'department' || !status.data.account) body = <SetupCard />;
  else {
    const { account, serverUrl } = status.data;
    body = (
      <>
        <Descriptions size="small" column={3} style={{ marginBottom: 8 }} data-testid="rv-account">
          <Descriptions.Item label={t('rv.account.name')}>{account.displayName || account.username}</Descriptions.Item>
          <Descriptions.Item label={t('rv.account.role')}>
            {t(`rv.accountRole.${account.role}`, { defaultValue: account.role })}
          </Descriptions.Item>
          <Descriptions.Item label={t('rv.account.unit')}>{account.unit.name}</Descriptions.Item>
          <Descriptions.Item label={t('rv.account.server')}>{serverUrl}</Descriptions.Item>
          <Descriptions.Item>
            <Button size="small" onClick={() => setAgain((v) => !v)} data-testid="rv-setup-again">
              {t('rv.setup.again')}
            </Button>
          </Descriptions.Item>
        </Descriptions>
        {again && <SetupCard again onDone={() => setAgain(false)} />}
        <Tabs
          data-testid="rv-tabs"
          activeKey={tab}
          onChange={(key) => navigate(key === 'inbox' ? '/review' : `/review/${key}`, { replace: true })}
          items={[
            { key: 'inbox', label: t('rv.tabs.inbox'), children: tab === 'inbox' ? <InboxTab status={status.data} /> : null },
            { key: 'dashboard', label: t('rv.tabs.dashboard'), children: tab === 'dashboard' ? <DashboardTab /> : null },
          ]}
        />
      </>
    );
  }

  return (
    <div data-testid="rv-screen">
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
        {t('rv.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 860 }}>
        {t('rv.intro')}
      </Typography.Paragraph>
      {body}
    </div>
  );
}
