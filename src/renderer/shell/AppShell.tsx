import { useState } from 'react';
import { App, Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { AssetsModule } from '../modules/assets';
import { EvidenceModule } from '../modules/evidence';
import { FrameworksModule } from '../modules/frameworks';
import { InventoryModule } from '../modules/inventory';
import { ReportsModule } from '../modules/reports';
import { ReviewModule } from '../modules/review';
import { SelfAssessmentModule } from '../modules/self-assessment';
import { SyncModule } from '../modules/sync';
import { useApi } from '../api/ApiProvider';
import { useApiQuery } from '../api/hooks';
import { markSignedOut, useCurrentUser } from '../boot/session';
import { roleLabel } from '../labels';
import { homePath, navItemsFor, navKeyFor } from './navigation';
import { OverviewScreen } from '../screens/overview/OverviewScreen';
import { SchoolProfileScreen } from '../screens/school/SchoolProfileScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';

export function AppShell() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { client } = useApi();
  const { message } = App.useApp();
  const [collapsed, setCollapsed] = useState(false);
  const school = useApiQuery('school.get', {});
  // A department workstation has no school data: its menu and home are Thẩm định's.
  const review = useApiQuery('review.status', {});
  const workstation = review.data?.workstation === true;
  const home = homePath(workstation);

  const logout = async () => {
    try {
      await client.call('auth.logout', {});
    } catch {
      // Even if the server is unreachable the user asked to leave: forget the session here.
    }
    markSignedOut(queryClient);
    void message.info(t('shell.loggedOut'));
  };

  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="app-shell">
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={232}>
        <div
          style={{
            color: '#fff',
            padding: '18px 20px',
            fontWeight: 600,
            fontSize: collapsed ? 14 : 18,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          {collapsed ? 'TC' : t('app.name')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[navKeyFor(location.pathname) ?? '']}
          onClick={({ key }) => navigate(key)}
          data-testid="nav"
          items={navItemsFor(workstation).map((item) => ({
            key: item.path,
            icon: item.icon,
            label: <span data-testid={`nav-${item.path.slice(1)}`}>{t(item.label)}</span>,
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #e5e8ef' }}
        >
          <Typography.Text strong style={{ fontSize: 16 }} ellipsis data-testid="header-school-name">
            {school.data?.name ?? ''}
          </Typography.Text>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                {
                  key: 'password',
                  icon: <KeyOutlined />,
                  label: <span data-testid="menu-change-password">{t('shell.changePassword')}</span>,
                },
                { type: 'divider' },
                {
                  key: 'logout',
                  icon: <LogoutOutlined />,
                  danger: true,
                  label: <span data-testid="menu-logout">{t('shell.logout')}</span>,
                },
              ],
              onClick: ({ key }) => (key === 'logout' ? void logout() : navigate('/settings/password')),
            }}
          >
            <Button type="text" data-testid="user-menu" aria-label={t('shell.menu')}>
              <Space>
                <UserOutlined />
                <span data-testid="header-user-name">{user.displayName}</span>
                <Tag color="blue" data-testid="header-user-role">
                  {roleLabel(t, user.role)}
                </Tag>
                <DownOutlined />
              </Space>
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Routes>
            <Route path="/" element={review.isPending ? null : <Navigate to={home} replace />} />
            <Route path="/overview" element={workstation ? <Navigate to={home} replace /> : <OverviewScreen />} />
            <Route path="/school" element={<SchoolProfileScreen />} />
            <Route path="/settings/:tab?" element={<SettingsScreen />} />
            <Route path="/frameworks/*" element={<FrameworksModule />} />
            <Route path="/self-assessment/*" element={<SelfAssessmentModule />} />
            <Route path="/evidence/*" element={<EvidenceModule />} />
            <Route path="/reports/*" element={<ReportsModule />} />
            <Route path="/assets/*" element={<AssetsModule />} />
            <Route path="/inventory/*" element={<InventoryModule />} />
            <Route path="/sync/*" element={<SyncModule />} />
            <Route path="/review/*" element={<ReviewModule />} />
            <Route path="*" element={<Navigate to={home} replace />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
