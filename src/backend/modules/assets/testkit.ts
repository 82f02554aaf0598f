import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { MethodInput, MethodName, MethodOutput } from '../../../contract/methods';
import type { RpcErrorBody } from '../../../contract/rpc';
import { openBackend, type Backend } from '../../backend';
import type { Connection } from '../../rpc/router';
import { newConnection } from '../../transports/connections';

/** Test harness for the assets module: a real backend in a temp folder, called through the router. */
export interface Harness {
  dir: string;
  backend: Backend;
  admin: Connection;
  call<M extends MethodName>(method: M, params: MethodInput<M>, conn?: Connection): Promise<MethodOutput<M>>;
  fail<M extends MethodName>(method: M, params: MethodInput<M>, conn?: Connection): Promise<RpcErrorBody>;
  /** Grants a file path to the admin connection (what Electron main does after a dialog). */
  grant(file: string, mode: 'read' | 'write'): string;
  close(): Promise<void>;
}

let seq = 0;

export async function harness(
  opts: { levels?: ('thcs' | 'tieu_hoc' | 'mam_non' | 'thpt')[]; resourcesDir?: string } = {},
): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-assets-'));
  const backend = await openBackend({
    dataDir: path.join(dir, 'data'),
    ...(opts.resourcesDir ? { resourcesDir: opts.resourcesDir } : {}),
  });
  const admin = newConnection('test', true);
  const call = async <M extends MethodName>(
    method: M,
    params: MethodInput<M>,
    conn: Connection = admin,
  ): Promise<MethodOutput<M>> => {
    const res = await backend.router.dispatch(conn, { id: ++seq, method, params });
    if (!res.ok)
      throw Object.assign(
        new Error(`${method}: ${res.error.code} ${res.error.message} ${JSON.stringify(res.error.fields ?? {})}`),
        { body: res.error },
      );
    return res.result as MethodOutput<M>;
  };
  const fail = async <M extends MethodName>(
    method: M,
    params: MethodInput<M>,
    conn: Connection = admin,
  ): Promise<RpcErrorBody> => {
    const res = await backend.router.dispatch(conn, { id: ++seq, method, params });
    if (res.ok) throw new Error(`${method} should have failed, got ${JSON.stringify(res.result).slice(0, 300)}`);
    return res.error;
  };
  await call('setup.initialize', {
    school: {
      name: 'Trường THCS Nguyễn Du',
      levels: opts.levels ?? ['thcs'],
      province: 'Hà Nội',
      principal: 'Trần Văn Hiệu',
      managingBody: 'Phòng GDĐT Quận Hoàn Kiếm',
    },
    admin: { username: 'admin', displayName: 'Quản trị', password: 'mat-khau-admin' },
  });
  let g = 0;
  return {
    dir,
    backend,
    admin,
    call,
    fail,
    grant(file, mode) {
      const handle = `h${++g}`;
      admin.grants.set(handle, { handle, path: file, kind: mode === 'read' ? 'spreadsheet' : 'document', mode });
      return handle;
    },
    async close() {
      await backend.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One entry of a zip (docx/xlsx) as text. */
export function zipEntry(buf: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('zip'));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      zip.on('end', () => reject(new Error(`${name} không có trong tệp nén`)));
      zip.readEntry();
    });
  });
}

/** The visible text of a .docx, paragraph by paragraph (runs joined). */
export async function docxText(buf: Buffer): Promise<string> {
  const xml = await zipEntry(buf, 'word/document.xml');
  return xml
    .split(/<\/w:p>/)
    .map((para) => [...para.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .filter((t) => t !== '')
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

/** Rows of the first sheet of an .xlsx, values unwrapped (1-based row numbers, 0-based cells). */
export async function xlsxRows(buf: Buffer | string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  if (typeof buf === 'string') await wb.xlsx.readFile(buf);
  else await wb.xlsx.load(buf as never);
  const ws = wb.worksheets[0]!;
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const vals = (row.values as unknown[])
      .slice(1)
      .map((v) => (v && typeof v === 'object' && 'result' in (v as object) ? (v as { result: unknown }).result : v));
    out[n - 1] = vals;
  });
  return out;
}

export const b64 = (file: string): string => fs.readFileSync(file).toString('base64');
