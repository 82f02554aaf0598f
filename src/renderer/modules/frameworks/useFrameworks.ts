import { useQueries } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import { apiKey, useApiQuery } from '../../api/hooks';

/** Frameworks are data shipped with the app: they never change while it runs. */
const FOREVER = { staleTime: Infinity } as const;

export function useFrameworkList() {
  return useApiQuery('frameworks.list', {}, FOREVER);
}

export function useFramework(id: string) {
  return useApiQuery('frameworks.get', { id }, FOREVER);
}

/**
 * Every listed framework in full. The list shows each one's provenance grade and completeness,
 * which the summaries do not carry; the files are small and local, and the detail page then
 * opens from the cache.
 */
export function useFrameworkDetails(ids: readonly string[]) {
  const { client } = useApi();
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: apiKey('frameworks.get', { id }),
      queryFn: () => client.call('frameworks.get', { id }),
      ...FOREVER,
    })),
  });
}
