import { useMutation, useQuery, type UseMutationOptions, type UseQueryOptions } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../contract/methods';
import type { ApiError } from './client';
import { useApi } from './ApiProvider';

/** Query keys are [method, input]: invalidating a method name refreshes all its variants. */
export function apiKey<M extends MethodName>(method: M, input: MethodInput<M>): readonly [M, MethodInput<M>] {
  return [method, input] as const;
}

export function useApiQuery<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  options?: Omit<
    UseQueryOptions<MethodOutput<M>, ApiError, MethodOutput<M>, readonly [M, MethodInput<M>]>,
    'queryKey' | 'queryFn'
  >,
) {
  const { client } = useApi();
  return useQuery({ queryKey: apiKey(method, input), queryFn: () => client.call(method, input), ...options });
}

export function useApiMutation<M extends MethodName, C = unknown>(
  method: M,
  options?: Omit<UseMutationOptions<MethodOutput<M>, ApiError, MethodInput<M>, C>, 'mutationFn'>,
) {
  const { client } = useApi();
  return useMutation({ mutationFn: (input: MethodInput<M>) => client.call(method, input), ...options });
}
