import fs from 'node:fs';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../contract/methods';
import { RpcError } from '../contract/rpc';
import { openBackend, type Backend } from '../backend/backend';
import type { Connection } from '../backend/rpc/router';
import { databaseFile, defaultDataDir } from '../backend/platform/paths';
import { CliError } from './output';

/**
 * The CLI drives the same router as the app, so every command gets the app's validation and
 * rules. It acts as an administrator: whoever can run it can read the data folder anyway.
 */
export interface LocalBackend {
  backend: Backend;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  close(): Promise<void>;
}

export function resolveDataDir(flag: string | undefined): string {
  return path.resolve(flag ?? defaultDataDir());
}

export async function openLocal(dataDir: string): Promise<LocalBackend> {
  const backend = await openBackend({ dataDir });
  const conn: Connection = {
    id: 'cli',
    trusted: true,
    transport: 'cli',
    session: { userId: 'cli', username: 'cli', role: 'admin' },
    grants: new Map(),
  };
  let seq = 0;
  return {
    backend,
    async call(method, input) {
      const res = await backend.router.dispatch(conn, { id: ++seq, method, params: input });
      if (!res.ok) {
        const fields = res.error.fields ? Object.entries(res.error.fields).map(([k, v]) => `\n  - ${k}: ${v}`).join('') : '';
        throw new RpcError(res.error.code, `${res.error.message}${fields}`, res.error.fields);
      }
      return res.result as never;
    },
    close: () => backend.close(),
  };
}

/**
 * Opens the data folder for one command. Only `init` (create: true) may start a new one: a
 * mistyped --data-dir must not silently create an empty database somewhere.
 */
export async function withLocal<T>(
  dataDir: string,
  work: (local: LocalBackend) => Promise<T>,
  opts: { create?: boolean } = {},
): Promise<T> {
  if (!opts.create && !fs.existsSync(databaseFile(dataDir))) {
    throw new CliError(`Không có dữ liệu Trường Chuẩn tại ${dataDir}. Kiểm tra --data-dir, hoặc tạo mới bằng "truong-chuan init".`);
  }
  const local = await openLocal(dataDir);
  try {
    return await work(local);
  } finally {
    await local.close();
  }
}
