import type { EntityManager } from 'typeorm';
import type { ServerDatabase } from '../db/data-source';
import { placeholder } from '../db/dialect';

/**
 * Where sync work meets the database. On PostgreSQL transactions run side by side (each
 * school's pushes serialise on its `sync_unit_state` row). On SQLite, TypeORM's
 * better-sqlite3 driver has ONE connection: two transactions started together would
 * interleave, and a read beside an open transaction would see its uncommitted rows (a pull
 * could hand out a sequence number that is then rolled back). So on SQLite every sync
 * operation, reads included, runs through one queue, like the desktop's WriteQueue.
 */
export class SyncStore {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly db: ServerDatabase) {}

  get dialect() {
    return this.db.dialect;
  }

  /** `$n` or `?`. */
  p(n: number): string {
    return placeholder(this.db.dialect, n);
  }

  /** `count` placeholders starting at `from`, comma separated. */
  list(from: number, count: number): string {
    return Array.from({ length: count }, (_, i) => this.p(from + i)).join(', ');
  }

  tx<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.serial(() => this.db.ds.transaction(work));
  }

  read<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.serial(() => work(this.db.ds.manager));
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    if (this.db.dialect !== 'sqlite') return run();
    const result = this.tail.then(run);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** Chunks of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
