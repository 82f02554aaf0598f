/**
 * When the backend process dies unexpectedly, restart it with exponential backoff, but give
 * up after too many crashes in a short window (a crash loop means something is wrong with
 * the data or the install, and the user must be told instead).
 */
export interface RestartPolicy {
  /** At most this many restarts within `windowMs`. */
  maxRestarts: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  maxRestarts: 3,
  windowMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
};

export type RestartDecision = { restart: true; delayMs: number } | { restart: false };

/**
 * `crashTimes`: when earlier unexpected exits happened (ms), including the current one as the
 * last element. Returns whether to restart and after how long.
 */
export function decideRestart(crashTimes: readonly number[], now: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY): RestartDecision {
  const recent = crashTimes.filter((t) => now - t <= policy.windowMs).length;
  if (recent === 0) return { restart: true, delayMs: policy.baseDelayMs };
  if (recent > policy.maxRestarts) return { restart: false };
  const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (recent - 1));
  return { restart: true, delayMs };
}
