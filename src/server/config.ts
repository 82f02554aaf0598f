import path from 'node:path';

/** Where the server keeps its data: a SQLite file (the zero-setup default) or PostgreSQL. */
export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** scrypt cost: N = 2^logN. OWASP asks for N ≥ 2^17 with r = 8, p = 1. */
export interface ScryptParams {
  logN: number;
  r: number;
  p: number;
}

/** What the service layer needs to know about security, independent of HTTP. */
export interface SecurityConfig {
  scrypt: ScryptParams;
  /** Lifetime of a token from `POST /api/auth/login`. */
  sessionTtlMs: number;
  /** Lifetime of a token from `POST /api/devices/enrol`. */
  deviceTokenTtlMs: number;
  /** Failed sign-ins allowed per username + address inside `loginWindowMs` before 429. */
  loginMaxFailures: number;
  loginWindowMs: number;
}

export interface ServerConfig {
  database: DatabaseConfig;
  dataDir: string;
  /** Submitted files (later issue) live here, beside the SQLite file, never in the database. */
  blobDir: string;
  host: string;
  port: number;
  /** Largest JSON body accepted, in bytes. */
  bodyLimit: number;
  /** Largest single uploaded file, in bytes (used by the sync issue). */
  maxBlobBytes: number;
  /** Trust X-Forwarded-For: only behind a reverse proxy, else clients could fake their address. */
  trustProxy: boolean;
  logLevel: string;
  /** How long shutdown waits for in-flight requests before giving up. */
  shutdownTimeoutMs: number;
  security: SecurityConfig;
}

/** Command-line flags; each one wins over its environment variable. */
export interface ConfigFlags {
  dataDir?: string;
  host?: string;
  port?: string | number;
  databaseUrl?: string;
}

const MIB = 1024 * 1024;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULTS = {
  dataDir: './server-data',
  host: '127.0.0.1',
  port: 8787,
  bodyLimit: 1 * MIB,
  maxBlobBytes: 50 * MIB,
  logLevel: 'info',
  shutdownTimeoutMs: 10_000,
  security: {
    scrypt: { logN: 17, r: 8, p: 1 },
    sessionTtlMs: 12 * HOUR,
    deviceTokenTtlMs: 365 * DAY,
    loginMaxFailures: 5,
    loginWindowMs: 15 * MINUTE,
  } satisfies SecurityConfig,
} as const;

/** A configuration mistake, reported to the operator in Vietnamese first. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function int(name: string, raw: string | number | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = typeof raw === 'number' ? raw : Number(raw.trim());
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`Giá trị ${name} không hợp lệ: "${raw}" (cần số nguyên từ ${min} đến ${max}). / Invalid ${name}.`);
  }
  return n;
}

function bool(raw: string | undefined): boolean {
  return raw !== undefined && ['1', 'true', 'yes', 'on'].includes(raw.trim().toLowerCase());
}

/**
 * Builds the server configuration from flags and environment variables:
 * DATABASE_URL (PostgreSQL when set, else SQLite `server.sqlite` in the data dir), DATA_DIR,
 * HOST, PORT, BODY_LIMIT, MAX_BLOB_BYTES, TRUST_PROXY, LOG_LEVEL, SCRYPT_LOG_N.
 */
export function resolveConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = path.resolve(flags.dataDir ?? env.DATA_DIR ?? DEFAULTS.dataDir);
  const databaseUrl = flags.databaseUrl ?? env.DATABASE_URL;
  let database: DatabaseConfig;
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      throw new ConfigError(
        'DATABASE_URL phải là địa chỉ PostgreSQL (postgres://…). Bỏ trống để dùng SQLite. / DATABASE_URL must be a postgres:// URL.',
      );
    }
    database = { kind: 'postgres', url: databaseUrl };
  } else {
    database = { kind: 'sqlite', file: path.join(dataDir, 'server.sqlite') };
  }
  const host = (flags.host ?? env.HOST ?? DEFAULTS.host).trim() || DEFAULTS.host;
  return {
    database,
    dataDir,
    blobDir: path.join(dataDir, 'blobs'),
    host,
    port: int('PORT', flags.port ?? env.PORT, DEFAULTS.port, 0, 65535),
    bodyLimit: int('BODY_LIMIT', env.BODY_LIMIT, DEFAULTS.bodyLimit, 1024, 1024 * MIB),
    maxBlobBytes: int('MAX_BLOB_BYTES', env.MAX_BLOB_BYTES, DEFAULTS.maxBlobBytes, 1024, 10 * 1024 * MIB),
    trustProxy: bool(env.TRUST_PROXY),
    logLevel: env.LOG_LEVEL?.trim() || DEFAULTS.logLevel,
    shutdownTimeoutMs: DEFAULTS.shutdownTimeoutMs,
    security: {
      ...DEFAULTS.security,
      // Lowering the cost is for tests and very old machines; 14 (16 MiB) is the floor.
      scrypt: { ...DEFAULTS.security.scrypt, logN: int('SCRYPT_LOG_N', env.SCRYPT_LOG_N, 17, 14, 20) },
    },
  };
}

/** A human-readable name of where the data lives, without the PostgreSQL password. */
export function describeDatabase(db: DatabaseConfig): string {
  if (db.kind === 'sqlite') return `SQLite ${db.file}`;
  try {
    const u = new URL(db.url);
    if (u.password) u.password = '***';
    return `PostgreSQL ${u.toString()}`;
  } catch {
    return 'PostgreSQL';
  }
}
