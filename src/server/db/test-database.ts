import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import type { Dialect } from './dialect';

/** Both dialects, for `describe.each(DIALECTS)`: every server test runs on each. */
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

/** The PostgreSQL used by tests; each test file gets its own database inside it. */
export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export interface TestDatabase {
  config: DatabaseConfig;
  /** A scratch directory (the SQLite file lives here; tests may put a data dir here too). */
  dir: string;
  cleanup(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database of the given dialect: a SQLite file in a new temp dir, or a new
 * PostgreSQL database `tc_test_<random>` so test files running in parallel never collide.
 * Nothing is migrated yet; `openDatabase` does that.
 */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tc-server-test-'));
  if (dialect === 'sqlite') {
    return {
      config: { kind: 'sqlite', file: path.join(dir, 'server.sqlite') },
      dir,
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `tc_test_${randomBytes(6).toString('hex')}`;
  // CREATE DATABASE copies template1 and fails if another session is using it at that moment
  // (other test files do the same in parallel): retry a few times.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE "${name}"`);
      break;
    } catch (err) {
      if (attempt >= 10 || !/being accessed by other users/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 300));
    }
  }
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    dir,
    async cleanup() {
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
