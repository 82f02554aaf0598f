import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../api/hooks';
import { errorText } from '../api/error-text';
import { FirstRunWizard } from '../screens/setup/FirstRunWizard';
import { LoginScreen } from '../screens/login/LoginScreen';
import { AppShell } from '../shell/AppShell';
import { SessionProvider } from './session';

/**
 * Decides the first screen: an empty database gets the first-run wizard, a set-up school
 * without a session gets the login, and otherwise the app shell. The two queries are the
 * single source of truth: login, logout and an expired session only change their cached data.
 */
export function Boot() {
  const { t, i18n } = useTranslation();
  const status = useApiQuery('setup.status', {});
  const initialized = status.data?.initialized === true;
  const me = useApiQuery('auth.me', {}, { enabled: initialized });

  if (status.isPending || (initialized && me.isPending)) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }} data-testid="boot-loading">
        <Spin size="large" description={t('app.loading')} />
      </div>
    );
  }
  const failed = status.error ?? me.error;
  if (failed) {
    return (
      <Result
        status="error"
        title={t('app.bootFailed')}
        subTitle={errorText(failed, t, i18n.language)}
        extra={
          <Button type="primary" onClick={() => void (status.error ? status.refetch() : me.refetch())}>
            {t('app.retry')}
          </Button>
        }
      />
    );
  }
  if (!initialized) return <FirstRunWizard />;
  const user = me.data?.user;
  if (!user) return <LoginScreen schoolName={status.data?.schoolName ?? null} />;
  return (
    <SessionProvider user={user}>
      <AppShell />
    </SessionProvider>
  );
}
