import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MetaEntity } from './entities';
import { openDatabase } from './open-database';
import { WriteQueue } from './write-queue';

let dir: string;
let ds: DataSource;
let queue: WriteQueue;

const tick = () => new Promise((r) => setTimeout(r, 1));

async function readCounter(m: EntityManager): Promise<number> {
  const row = await m.getRepository(MetaEntity).findOneBy({ key: 'counter' });
  return row ? Number(row.value) : 0;
}

/** A read-modify-write with an await in the middle: unsafe unless writes are serialised. */
async function increment(m: EntityManager): Promise<number> {
  const n = await readCounter(m);
  await tick();
  await m.getRepository(MetaEntity).save({ key: 'counter', value: String(n + 1) });
  return n + 1;
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-'));
  ds = (await openDatabase(path.join(dir, 'db.sqlite'))).dataSource;
  queue = new WriteQueue(ds);
});

afterEach(async () => {
  if (ds.isInitialized) await ds.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('WriteQueue', () => {
  it('serialises 25 concurrent read-modify-write increments: the counter ends at exactly 25', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, () => queue.run(null, (tx) => increment(tx.manager))));
    expect(await readCounter(ds.manager)).toBe(25);
    // Each write saw the previous one committed, in submission order.
    expect(results).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('hands each write a SyncTx carrying the caller as actor', async () => {
    const actors = await Promise.all([queue.run('u1', async (tx) => tx.actor), queue.run(null, async (tx) => tx.actor)]);
    expect(actors).toEqual(['u1', null]);
  });

  it('a failing write rejects only its own caller, is rolled back, and later writes still succeed', async () => {
    const first = queue.run(null, (tx) => increment(tx.manager));
    const failing = queue.run(null, async (tx) => {
      await increment(tx.manager);
      throw new Error('lỗi ghi');
    });
    const later = [queue.run(null, (tx) => increment(tx.manager)), queue.run(null, (tx) => increment(tx.manager))];
    await expect(first).resolves.toBe(1);
    await expect(failing).rejects.toThrow('lỗi ghi');
    // The failed write's increment was rolled back, so the later ones continue from 1.
    await expect(Promise.all(later)).resolves.toEqual([2, 3]);
    expect(await readCounter(ds.manager)).toBe(3);
  });

  it('counts queued and running writes in `pending`, back to 0 when all settle (failures included)', async () => {
    expect(queue.pending).toBe(0);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const blocked = queue.run(null, async () => {
      await gate;
      return 'a';
    });
    const failing = queue.run(null, async () => {
      throw new Error('x');
    });
    const third = queue.run(null, async () => 'c');
    expect(queue.pending).toBe(3);
    await tick();
    expect(queue.pending).toBe(3);
    release();
    await expect(blocked).resolves.toBe('a');
    await expect(failing).rejects.toThrow('x');
    await expect(third).resolves.toBe('c');
    await tick();
    expect(queue.pending).toBe(0);
  });
});
