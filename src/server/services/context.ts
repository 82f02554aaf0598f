import type { EntityManager } from 'typeorm';
import type { SecurityConfig } from '../config';
import type { Dialect } from '../db/dialect';

/**
 * What every service needs: where to read and write (a manager, so a caller can pass a
 * transaction's), which SQL dialect that is, security settings, and the clock (injected so
 * tests can move time, e.g. past a login window or a token's expiry).
 */
export interface ServiceContext {
  manager: EntityManager;
  dialect: Dialect;
  security: SecurityConfig;
  now(): Date;
}
