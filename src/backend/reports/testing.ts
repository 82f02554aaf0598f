/**
 * Test helpers for the reports module (used by *.test.ts only): the reports handlers over a
 * real backend, called the way the router calls them — input parsed with the method's zod
 * schema, access checked, the answer validated against the output schema — so the tests
 * hold before and after the contract is merged into src/contract/methods.ts.
 */
import path from 'node:path';
import type { z } from 'zod';
import { reportsMethods } from '../../contract/methods/reports';
import { RpcError, type RpcErrorBody } from '../../contract/rpc';
import type { Backend } from '../backend';
import { getFrameworkRegistry } from '../frameworks/framework-loader';
import type { ModuleDeps } from '../modules/module';
import { FileSecretStore } from '../modules/sync/secret-store';
import { defaultResourcesDir } from '../platform/paths';
import type { Connection } from '../rpc/router';
import { reportsHandlers } from './handlers';

type Methods = typeof reportsMethods;
export type ReportMethod = keyof Methods;

export interface ReportsCaller {
  deps: ModuleDeps;
  call<M extends ReportMethod>(
    conn: Connection,
    method: M,
    params: z.input<Methods[M]['input']>,
  ): Promise<z.output<Methods[M]['output']>>;
  fail<M extends ReportMethod>(conn: Connection, method: M, params: z.input<Methods[M]['input']>): Promise<RpcErrorBody>;
}

export async function reportsCaller(backend: Backend): Promise<ReportsCaller> {
  const resourcesDir = defaultResourcesDir();
  const deps: ModuleDeps = {
    ds: backend.readSource,
    writes: backend.writes,
    dataDir: backend.dataDir,
    resourcesDir,
    frameworks: await getFrameworkRegistry(resourcesDir),
    secrets: new FileSecretStore(path.join(backend.dataDir, 'secrets')),
  };
  const handlers = reportsHandlers(deps);
  const invoke = async (conn: Connection, method: ReportMethod, params: unknown): Promise<unknown> => {
    const spec = reportsMethods[method];
    const parsed = spec.input.safeParse(params ?? {});
    if (!parsed.success)
      throw new RpcError('INVALID_ARGS', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    if (!conn.session) throw new RpcError('UNAUTHENTICATED', 'Phiên làm việc đã hết.');
    if (Array.isArray(spec.access) && !spec.access.includes(conn.session.role))
      throw new RpcError('FORBIDDEN', 'Không có quyền.');
    const handler = handlers[method] as (
      input: unknown,
      ctx: { conn: Connection; session: Connection['session'] },
    ) => Promise<unknown>;
    const result = await handler(parsed.data, { conn, session: conn.session });
    return spec.output.parse(result);
  };
  return {
    deps,
    call: (async (conn: Connection, method: ReportMethod, params: unknown) =>
      invoke(conn, method, params)) as ReportsCaller['call'],
    fail: (async (conn: Connection, method: ReportMethod, params: unknown) => {
      try {
        const r = await invoke(conn, method, params);
        throw new Error(`${method} should have failed, got ${JSON.stringify(r).slice(0, 300)}`);
      } catch (err) {
        if (err instanceof RpcError) return err.toBody();
        throw err;
      }
    }) as ReportsCaller['fail'],
  };
}
