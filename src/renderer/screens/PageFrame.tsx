import type { ReactNode } from 'react';
import { Layout, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The frame of the screens shown before login (wizard, login): app name on a calm band. */
export function PageFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#10294b', display: 'flex', alignItems: 'center' }}>
        <div style={{ display: 'flex', alignItems: 'baseline', gap: 16, minWidth: 0 }}>
          <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text ellipsis style={{ color: 'rgba(255,255,255,0.75)' }}>
            {t('app.tagline')}
          </Typography.Text>
        </div>
      </Layout.Header>
      <Layout.Content style={{ padding: '0 16px' }}>{children}</Layout.Content>
    </Layout>
  );
}
