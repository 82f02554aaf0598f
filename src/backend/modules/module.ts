import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { MethodSpec } from '../../contract/rpc';
import type { WriteQueue } from '../db/write-queue';
import type { Connection, HandlerContext } from '../rpc/router';

export const APP_VERSION = '0.1.0';

/** What every backend module gets: the database, the single write queue, its folders. */
export interface ModuleDeps {
  ds: DataSource;
  writes: WriteQueue;
  dataDir: string;
  resourcesDir: string;
}

/** Handlers for one module's slice of the contract (see src/contract/methods/*.ts). */
export type HandlersFor<T extends Record<string, MethodSpec>> = {
  [M in keyof T]: (input: z.output<T[M]['input']>, ctx: HandlerContext) => Promise<z.output<T[M]['output']>>;
};

export const actorOf = (conn: Connection): string | null => conn.session?.userId ?? null;
