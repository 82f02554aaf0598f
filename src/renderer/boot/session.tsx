import { createContext, useContext, type ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { User } from '../../contract/schemas/user';
import { apiKey } from '../api/hooks';

/** Queries that describe who is here rather than the school's data; kept across a logout. */
const SESSION_KEYS = new Set(['setup.status', 'auth.me']);

export function markSignedIn(queryClient: QueryClient, user: User): void {
  queryClient.setQueryData(apiKey('auth.me', {}), { user });
}

/**
 * Forgets everything the previous user could see (the next user may have a smaller role),
 * then lets Boot show the login screen.
 */
export function markSignedOut(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (q) => !SESSION_KEYS.has(String(q.queryKey[0])) });
  queryClient.setQueryData(apiKey('auth.me', {}), { user: null });
}

const SessionContext = createContext<User | null>(null);

export function SessionProvider({ user, children }: { user: User; children: ReactNode }) {
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>;
}

/** The logged-in user; only screens inside the app shell use it. */
export function useCurrentUser(): User {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useCurrentUser must be used inside the app shell');
  return user;
}

export function useIsAdmin(): boolean {
  return useCurrentUser().role === 'admin';
}
