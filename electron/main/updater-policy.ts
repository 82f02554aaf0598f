/**
 * Pure rules for electron-updater (updater.ts is the glue).
 *
 * Feed: the generic-provider URL comes from the environment (TRUONG_CHUAN_UPDATE_URL) or from
 * `update.json` in userData (`{ "url": "https://…/", "allowHttp": false }`), which a school's
 * IT person or the department can drop there. No feed → the updater stays off: the app
 * never phones home on its own.
 *
 * Installing: only when the user picked "Cài đặt và khởi động lại" and the backend reports
 * no write pending. "Unknown" (backend not answering) counts as busy.
 */

export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
export const UPDATE_CONFIG_FILE = 'update.json';

export interface UpdateConfig {
  feedUrl: string;
}

export type UpdateConfigResult = { config: UpdateConfig | null; problem?: string };

function acceptUrl(raw: unknown, allowHttp: boolean): { url: string | null; problem?: string } {
  if (typeof raw !== 'string' || raw.trim() === '') return { url: null };
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return { url: null, problem: 'Địa chỉ cập nhật không hợp lệ' };
  }
  if (u.username || u.password) return { url: null, problem: 'Địa chỉ cập nhật không được chứa mật khẩu' };
  if (u.protocol === 'https:' || (u.protocol === 'http:' && allowHttp)) {
    return { url: u.toString().endsWith('/') ? u.toString() : `${u.toString()}/` };
  }
  return { url: null, problem: 'Địa chỉ cập nhật phải dùng https' };
}

/**
 * `fileText` is the content of userData/update.json, or null when there is none.
 * The environment wins over the file; `"enabled": false` in the file turns updates off.
 */
export function resolveUpdateConfig(fileText: string | null, env: Readonly<Record<string, string | undefined>>): UpdateConfigResult {
  const envAllowHttp = env.TRUONG_CHUAN_UPDATE_ALLOW_HTTP === '1';
  if (env.TRUONG_CHUAN_UPDATE_URL) {
    const r = acceptUrl(env.TRUONG_CHUAN_UPDATE_URL, envAllowHttp);
    return { config: r.url ? { feedUrl: r.url } : null, problem: r.problem };
  }
  if (fileText === null) return { config: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fileText);
  } catch {
    return { config: null, problem: 'Tệp update.json không đúng định dạng JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { config: null, problem: 'Tệp update.json không đúng định dạng' };
  }
  const obj = parsed as Record<string, unknown>;
  if (obj.enabled === false) return { config: null };
  const r = acceptUrl(obj.url, obj.allowHttp === true);
  return { config: r.url ? { feedUrl: r.url } : null, problem: r.problem };
}

export type InstallDecision =
  | { action: 'install' }
  | { action: 'wait'; reason: 'busy' | 'unknown' }
  | { action: 'none'; reason: 'no-update' | 'not-confirmed' };

export function decideInstall(input: {
  updateDownloaded: boolean;
  userConfirmed: boolean;
  /** From the backend's `busy` answer; null = no answer. */
  pendingWrites: number | null;
}): InstallDecision {
  if (!input.updateDownloaded) return { action: 'none', reason: 'no-update' };
  if (!input.userConfirmed) return { action: 'none', reason: 'not-confirmed' };
  if (input.pendingWrites === null) return { action: 'wait', reason: 'unknown' };
  if (input.pendingWrites > 0) return { action: 'wait', reason: 'busy' };
  return { action: 'install' };
}

/** How long to keep asking the backend before telling the user to try again later. */
export const INSTALL_WAIT = { pollMs: 1000, maxWaitMs: 30_000 } as const;
