import type { DataSource, EntityManager } from 'typeorm';
import { SyncTx } from './sync-tx';

/**
 * All writes go through here, one at a time. better-sqlite3 has one connection, and TypeORM's
 * async transactions on it would interleave if two started together; the queue turns
 * concurrent write requests into a sequence of short transactions. Reads do not queue: WAL
 * lets them run beside the writer.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private inFlight = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** Number of writes queued or running; the updater never restarts while this is > 0. */
  get pending(): number {
    return this.inFlight;
  }

  run<T>(actor: string | null, work: (tx: SyncTx) => Promise<T>): Promise<T> {
    this.inFlight++;
    const result = this.tail.then(() =>
      this.dataSource.transaction((manager: EntityManager) => work(new SyncTx(manager, actor))),
    );
    // The chain must survive a failed write, or every later write would fail with it.
    this.tail = result.catch(() => undefined).finally(() => this.inFlight--);
    return result;
  }
}
