import type { FormInstance } from 'antd';
import type { ApiError } from './client';

export type NamePath = (string | number)[];

/** "profile.sites.0.name" → ['profile', 'sites', 0, 'name'], the antd Form name path. */
export function toNamePath(dotted: string): NamePath {
  return dotted
    .split('.')
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Puts the server's field errors on the form fields. `stripPrefix` removes the part of the path
 * that belongs to the RPC params but not to the form (e.g. `profile` for `school.update`).
 * Returns the messages that matched no field on the form, so the caller can show them apart.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: ApiError,
  stripPrefix: NamePath = [],
): { applied: NamePath[]; unmatched: string[] } {
  const fields = error.fields ?? {};
  const entries = Object.entries(fields).map(([key, message]) => {
    let path = toNamePath(key);
    if (stripPrefix.length && stripPrefix.every((seg, i) => path[i] === seg)) path = path.slice(stripPrefix.length);
    return { path, message };
  });
  if (entries.length === 0) return { applied: [], unmatched: [] };
  form.setFields(entries.map((e) => ({ name: e.path, errors: [e.message] })));
  // Only fields mounted on the form report errors back; the rest are not visible to the user.
  const shown = form.getFieldsError().filter((f) => f.errors.length > 0);
  const sameName = (a: NamePath, b: (string | number)[]) => a.length === b.length && a.every((s, i) => s === b[i]);
  const applied: NamePath[] = [];
  const unmatched: string[] = [];
  for (const e of entries) {
    if (shown.some((f) => sameName(e.path, f.name as (string | number)[]))) applied.push(e.path);
    else unmatched.push(e.message);
  }
  return { applied, unmatched };
}
