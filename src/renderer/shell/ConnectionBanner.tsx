import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useConnectionStatus } from '../api/ApiProvider';

/** How long the first connection may take before we say so (avoids a flash on every start). */
const CONNECTING_GRACE_MS = 1500;

/** A thin bar over every screen while the backend is unreachable; calls wait meanwhile. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const status = useConnectionStatus();
  const [graceOver, setGraceOver] = useState(false);
  useEffect(() => {
    if (status !== 'connecting') return;
    const timer = setTimeout(() => setGraceOver(true), CONNECTING_GRACE_MS);
    return () => clearTimeout(timer);
  }, [status]);

  if (status === 'online' || (status === 'connecting' && !graceOver)) return null;
  const text = status === 'closed' ? t('connection.closed') : t(`connection.${status}`);
  return (
    <Alert
      banner
      type={status === 'closed' ? 'error' : 'warning'}
      title={text}
      role="status"
      data-testid="connection-banner"
      style={{ position: 'sticky', top: 0, zIndex: 1000 }}
    />
  );
}
