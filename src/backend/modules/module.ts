import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { MethodSpec } from '../../contract/rpc';
import type { WriteQueue } from '../db/write-queue';
import type { FrameworkRegistry } from '../frameworks/framework-loader';
import type { Connection, HandlerContext } from '../rpc/router';
import type { SecretStore } from './sync/secret-store';

export const APP_VERSION = '0.1.0';

/**
 * What every backend module gets. `ds` is the READ-ONLY reader connection: it sees committed
 * data only and refuses writes; every write goes through `writes.run(actor, tx => …)`.
 */
export interface ModuleDeps {
  ds: DataSource;
  writes: WriteQueue;
  dataDir: string;
  resourcesDir: string;
  /** Every assessment framework, loaded and validated once at start. */
  frameworks: FrameworkRegistry;
  /** Device and session tokens (sealed by safeStorage under Electron). */
  secrets: SecretStore;
}

/** Handlers for one module's slice of the contract (see src/contract/methods/*.ts). */
export type HandlersFor<T extends Record<string, MethodSpec>> = {
  [M in keyof T]: (input: z.output<T[M]['input']>, ctx: HandlerContext) => Promise<z.output<T[M]['output']>>;
};

export const actorOf = (conn: Connection): string | null => conn.session?.userId ?? null;
