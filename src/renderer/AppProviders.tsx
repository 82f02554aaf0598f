import { useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiProvider } from './api/ApiProvider';
import { createApiClient } from './api/client';
import type { Transport } from './api/bridge';
import { markSignedOut } from './boot/session';
import { theme } from './theme';
import './i18n';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The backend is local: a failed call is a real answer (or a 15 s connection timeout
      // already waited out), not a flaky network worth retrying.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}

/** Everything a screen needs around it except the router, so tests can pick their own. */
export function AppProviders({
  transport,
  queryClient,
  children,
}: {
  transport: Transport;
  queryClient?: QueryClient;
  children: ReactNode;
}) {
  const [qc] = useState(() => queryClient ?? createQueryClient());
  const client = useMemo(
    () => createApiClient(transport.bridge, { onUnauthenticated: () => markSignedOut(qc) }),
    [transport, qc],
  );
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : viVN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={qc}>
          <ApiProvider client={client} transport={transport}>
            {children}
          </ApiProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
