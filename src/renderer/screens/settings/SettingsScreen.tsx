import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useIsAdmin } from '../../boot/session';
import { UsersPanel } from './UsersPanel';
import { ChangePasswordPanel } from './ChangePasswordPanel';
import { LanguagePanel } from './LanguagePanel';
import { DatabasePanel } from './DatabasePanel';

/** Cài đặt, one tab per concern; the tab is in the URL so the user menu can link to one. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const navigate = useNavigate();
  const { tab } = useParams();

  const tabs = [
    ...(isAdmin ? [{ key: 'users', label: t('settings.users'), children: <UsersPanel /> }] : []),
    { key: 'password', label: t('settings.password'), children: <ChangePasswordPanel /> },
    { key: 'language', label: t('settings.language'), children: <LanguagePanel /> },
    ...(isAdmin ? [{ key: 'database', label: t('settings.database'), children: <DatabasePanel /> }] : []),
  ];
  const active = tabs.find((x) => x.key === tab);
  if (!active) return <Navigate to={`/settings/${tabs[0]!.key}`} replace />;

  return (
    <Card title={t('settings.title')} data-testid="settings">
      <Tabs activeKey={active.key} onChange={(key) => navigate(`/settings/${key}`)} items={tabs} destroyOnHidden />
    </Card>
  );
}
