import { createContext, useContext, useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from './client';
import type { Transport } from './bridge';
import type { ConnectionStatus } from './ws-client';

interface ApiContextValue {
  client: ApiClient;
  transport: Transport;
}

const ApiContext = createContext<ApiContextValue | null>(null);

export function ApiProvider({ client, transport, children }: ApiContextValue & { children: ReactNode }) {
  const queryClient = useQueryClient();
  const previous = useRef<ConnectionStatus>(transport.getStatus());
  useEffect(
    () =>
      transport.onStatus((status) => {
        // Back after an outage: the backend may have restarted and lost the session or the
        // data may have moved on, so every screen re-reads what it shows.
        if (status === 'online' && previous.current === 'reconnecting') void queryClient.invalidateQueries();
        previous.current = status;
      }),
    [transport, queryClient],
  );
  return <ApiContext.Provider value={{ client, transport }}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiContextValue {
  const ctx = useContext(ApiContext);
  if (!ctx) throw new Error('useApi must be used inside <ApiProvider>');
  return ctx;
}

export function useConnectionStatus(): ConnectionStatus {
  const { transport } = useApi();
  return useSyncExternalStore(
    (cb) => transport.onStatus(cb),
    () => transport.getStatus(),
  );
}
