/**
 * Background sync: a timer that runs the sync every `intervalMs` while all is well, and
 * after a failure waits with exponential backoff and jitter ("equal jitter": half fixed,
 * half random) so a hundred schools coming back online do not hit the server in step.
 * It stops only for what a person must fix (update the app, re-enrol, confirm a bulk
 * delete, a server reset); every other failure keeps a retry time, so it cannot wedge.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 30_000, maxMs: 30 * 60_000 };

/** Delay before retry number `failures` (1 = first retry). */
export function backoffDelay(
  failures: number,
  opts: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  if (failures <= 0) return 0;
  const cap = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

export interface SchedulerTarget {
  /** Runs one sync; resolves with when to run next (null: stop until someone acts). */
  tick(): Promise<Date | null>;
}

export class SyncScheduler {
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  nextAt: Date | null = null;

  constructor(
    private readonly target: SchedulerTarget,
    private readonly firstDelayMs = 10_000,
  ) {}

  get running(): boolean {
    return !this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(new Date(Date.now() + this.firstDelayMs));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextAt = null;
  }

  /** Runs soon (e.g. after a local edit or when the network comes back). */
  poke(delayMs = 2_000): void {
    if (this.stopped) return;
    const at = new Date(Date.now() + delayMs);
    if (!this.nextAt || at < this.nextAt) this.schedule(at);
  }

  private schedule(at: Date | null): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextAt = at;
    if (this.stopped || !at) return;
    const delay = Math.max(0, at.getTime() - Date.now());
    this.timer = setTimeout(() => void this.fire(), Math.min(delay, 2 ** 31 - 1));
    // The timer must never keep a process alive (CLI, tests, shutdown).
    this.timer.unref();
  }

  private async fire(): Promise<void> {
    this.timer = null;
    let next: Date | null;
    try {
      next = await this.target.tick();
    } catch {
      next = new Date(Date.now() + DEFAULT_BACKOFF.baseMs);
    }
    if (!this.stopped) this.schedule(next);
  }
}
