import { describe, expect, it } from 'vitest';
import { backoffDelay, SyncScheduler } from './scheduler';

describe('backoff with jitter', () => {
  const opts = { baseMs: 1000, maxMs: 60_000 };

  it('doubles per failure up to the cap, with half of each delay random', () => {
    expect(backoffDelay(0, opts)).toBe(0);
    expect(backoffDelay(1, opts, () => 0)).toBe(500);
    expect(backoffDelay(1, opts, () => 1)).toBe(1000);
    expect(backoffDelay(3, opts, () => 0)).toBe(2000);
    expect(backoffDelay(3, opts, () => 1)).toBe(4000);
    expect(backoffDelay(30, opts, () => 1)).toBe(60_000);
    expect(backoffDelay(1000, opts, () => 0)).toBe(30_000);
  });

  it('spreads clients that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4, opts)));
    expect(delays.size).toBeGreaterThan(40);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(4000);
      expect(d).toBeLessThanOrEqual(8000);
    }
  });
});

describe('SyncScheduler', () => {
  it('runs after the first delay, reschedules at the time the run asks, stops when told null', async () => {
    const runs: number[] = [];
    let remaining = 3;
    const sch = new SyncScheduler(
      {
        async tick() {
          runs.push(Date.now());
          remaining--;
          if (remaining === 1) throw new Error('một lần lỗi không làm dừng bộ hẹn giờ');
          return remaining > 0 ? new Date(Date.now() + 20) : null;
        },
      },
      10,
    );
    sch.start();
    expect(sch.running).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    // 3 runs: the error was retried (base backoff is long, so poke to see it run again).
    expect(runs.length).toBeGreaterThanOrEqual(2);
    sch.poke(1);
    await new Promise((r) => setTimeout(r, 60));
    expect(runs.length).toBe(3);
    expect(sch.nextAt).toBeNull();
    sch.stop();
    expect(sch.running).toBe(false);
  });

  it('does nothing once stopped', async () => {
    let n = 0;
    const sch = new SyncScheduler({ tick: async () => (n++, new Date()) }, 5);
    sch.start();
    sch.stop();
    sch.poke(1);
    await new Promise((r) => setTimeout(r, 40));
    expect(n).toBe(0);
  });
});
