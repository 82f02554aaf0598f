import { useCallback, useState } from 'react';

/** A value kept in localStorage (per PC): saved filters, chosen columns, page size. */
export function useLocalState<T>(key: string, initial: T): [T, (next: T | ((prev: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = globalThis.localStorage?.getItem(key);
      return raw ? (JSON.parse(raw) as T) : initial;
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (next: T | ((prev: T) => T)) =>
      setValue((prev) => {
        const v = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
        try {
          globalThis.localStorage?.setItem(key, JSON.stringify(v));
        } catch {
          // Storage full or unavailable: the choice lasts for this session only.
        }
        return v;
      }),
    [key],
  );
  return [value, set];
}
