/**
 * Test helpers for the assessment module: a real backend in a temp folder, calls through the
 * router as the UI makes them, users of each role, and evidence to cite. Used by *.test.ts only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../../contract/methods';
import type { RpcErrorBody } from '../../../contract/rpc';
import type { Role } from '../../../contract/schemas/common';
import { citationToken } from '../../../core/evidence/citations';
import { openBackend, type Backend } from '../../backend';
import type { Connection } from '../../rpc/router';
import { newConnection } from '../../transports/connections';

export const TT57 = 'tt57-2026-pl2-pho-thong';
export const TT18 = 'tt18-2018-thcs-thpt';
export const PASSWORD = 'mat-khau-thu-nghiem';

export interface Harness {
  dir: string;
  backend: Backend;
  admin: Connection;
  call<M extends MethodName>(conn: Connection, method: M, params: MethodInput<M>): Promise<MethodOutput<M>>;
  fail<M extends MethodName>(conn: Connection, method: M, params: MethodInput<M>): Promise<RpcErrorBody>;
  /** A local account with the role, logged in on its own connection. */
  user(username: string, role: Role, displayName?: string): Promise<{ id: string; conn: Connection }>;
  assessment(over?: Partial<MethodInput<'assessment.create'>>): Promise<MethodOutput<'assessment.create'>['assessment']>;
  /** A paper evidence filed under the criterion (valid unless `validUntil` is past). */
  evidence(
    criterionCode: string,
    over?: { title?: string; validUntil?: string | null; frameworkId?: string },
  ): Promise<MethodOutput<'evidence.addLink'>>;
  close(): Promise<void>;
}

export const cite = (evidenceId: string): string => citationToken(evidenceId);

let seq = 0;

export async function harness(school: { levels?: ('thcs' | 'thpt' | 'tieu_hoc' | 'mam_non' | 'gdtx')[] } = {}): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-assessment-'));
  const backend = await openBackend({ dataDir: dir });
  const call: Harness['call'] = async (conn, method, params) => {
    const res = await backend.router.dispatch(conn, { id: ++seq, method, params });
    if (!res.ok) throw Object.assign(new Error(`${method}: ${res.error.code} ${res.error.message}`), { body: res.error });
    return res.result as never;
  };
  const fail: Harness['fail'] = async (conn, method, params) => {
    const res = await backend.router.dispatch(conn, { id: ++seq, method, params });
    if (res.ok) throw new Error(`${method} should have failed, got ${JSON.stringify(res.result).slice(0, 300)}`);
    return res.error;
  };
  const admin = newConnection('test', true);
  await call(admin, 'setup.initialize', {
    school: { name: 'Trường THCS Nguyễn Du', levels: school.levels ?? ['thcs'], province: 'Đắk Lắk' },
    admin: { username: 'admin', displayName: 'Nguyễn Văn Quản', password: PASSWORD },
  });
  return {
    dir,
    backend,
    admin,
    call,
    fail,
    async user(username, role, displayName) {
      const u = await call(admin, 'users.add', { username, role, displayName: displayName ?? username, password: PASSWORD });
      const conn = newConnection('test', true);
      await call(conn, 'auth.login', { username, password: PASSWORD });
      return { id: u.id, conn };
    },
    async assessment(over = {}) {
      return (await call(admin, 'assessment.create', { schoolYear: '2026-2027', educationLevel: 'thcs', ...over })).assessment;
    },
    async evidence(criterionCode, over = {}) {
      return call(admin, 'evidence.addLink', {
        frameworkId: over.frameworkId ?? TT57,
        criterionCode,
        kind: 'paper',
        meta: {
          title: over.title ?? `Minh chứng tiêu chí ${criterionCode}`,
          validUntil: over.validUntil ?? null,
          storageLocation: 'Tủ hồ sơ số 1',
        },
      });
    },
    async close() {
      await backend.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
