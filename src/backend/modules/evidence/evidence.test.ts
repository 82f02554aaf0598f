import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../../contract/methods';
import type { RpcErrorBody } from '../../../contract/rpc';
import type { Role } from '../../../contract/schemas/common';
import { citationToken, renderCitations } from '../../../core/evidence/citations';
import { openBackend, type Backend } from '../../backend';
import type { ChangeLogRow } from '../../db/entities';
import type { Connection } from '../../rpc/router';
import { newConnection } from '../../transports/connections';
import type { CitationLookup } from './citation-hook';
import { removeEvidence, renumberEvidence } from './evidence.service';
import { EvidenceLibrary, type AddProgress } from './library';

const FW = 'tt57-2026-pl2-pho-thong';
const LEGACY_FW = 'tt18-2018-thcs-thpt';

let dir: string;
let src: string;
let backend: Backend;
let lib: EvidenceLibrary;
let admin: Connection;
let seq = 0;

async function call<M extends MethodName>(conn: Connection, method: M, params: MethodInput<M>): Promise<MethodOutput<M>> {
  const res = await backend.router.dispatch(conn, { id: ++seq, method, params });
  if (!res.ok) throw Object.assign(new Error(`${method}: ${res.error.code} ${res.error.message}`), { body: res.error });
  return res.result as MethodOutput<M>;
}

async function fail<M extends MethodName>(conn: Connection, method: M, params: MethodInput<M>): Promise<RpcErrorBody> {
  const res = await backend.router.dispatch(conn, { id: ++seq, method, params });
  if (res.ok) throw new Error(`${method} should have failed, got ${JSON.stringify(res.result)}`);
  return res.error;
}

async function userConn(role: Role): Promise<Connection> {
  const username = `u-${role.replace(/_/g, '-')}`;
  await call(admin, 'users.add', { username, displayName: `Người dùng ${role}`, role, password: 'mat-khau-dai' });
  const c = newConnection('test', true);
  await call(c, 'auth.login', { username, password: 'mat-khau-dai' });
  return c;
}

function file(name: string, content: string | Buffer): string {
  const p = path.join(src, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
const blobFiles = () => {
  const root = path.join(dir, 'data', 'blobs', 'sha256');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile());
};
const tempFiles = () => {
  const t = path.join(dir, 'data', 'blobs', 'tmp');
  return fs.existsSync(t) ? fs.readdirSync(t) : [];
};
const filing = (criterionCode: string, frameworkId = FW) => ({ frameworkId, criterionCode });
const adminId = async () => (await call(admin, 'auth.me', {})).user!.id;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-ev-'));
  src = path.join(dir, 'nguồn');
  backend = await openBackend({ dataDir: path.join(dir, 'data') });
  lib = new EvidenceLibrary({
    ds: backend.readSource,
    writes: backend.writes,
    dataDir: backend.dataDir,
    resourcesDir: path.resolve('resources'),
  });
  admin = newConnection('test', true);
  await call(admin, 'setup.initialize', {
    school: { name: 'Trường THCS Lê Lợi', levels: ['thcs'] },
    admin: { username: 'admin', displayName: 'Quản trị', password: 'mat-khau-admin' },
  });
});

afterEach(async () => {
  await backend.close();
  const root = path.join(dir, 'data', 'blobs', 'sha256');
  for (const f of blobFiles()) fs.chmodSync(path.join(root, f), 0o644);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('adding files', () => {
  it('stores each content once; a second add of the same bytes is flagged duplicate with the evidence using it', async () => {
    const a = file('Kế hoạch năm học.pdf', 'nội dung kế hoạch');
    const copy = file('bản sao/ke-hoach (1).pdf', 'nội dung kế hoạch');
    const first = await lib.addFiles([a], filing('1.1'), {}, { actor: null });
    expect(first.results).toHaveLength(1);
    const r1 = first.results[0]!;
    expect(r1).toMatchObject({
      action: 'created',
      duplicate: false,
      existing: [],
      sha256: sha('nội dung kế hoạch'),
      fileName: 'Kế hoạch năm học.pdf',
    });
    expect(r1.evidence).toMatchObject({
      code: 'MC.1.1.01',
      title: 'Kế hoạch năm học',
      kind: 'file',
      format: 'PDF',
      mimeType: 'application/pdf',
      firstCriterionCode: '1.1',
      criteria: ['1.1'],
      verification: 'pending',
      sizeBytes: Buffer.byteLength('nội dung kế hoạch'),
    });

    // skip (the RPC default): nothing written, the existing evidence is reported.
    const skipped = (await lib.addFiles([copy], filing('2.1'), {}, { actor: null, onDuplicate: 'skip' })).results[0]!;
    expect(skipped).toMatchObject({
      action: 'skipped',
      duplicate: true,
      existing: [{ id: r1.evidence.id, code: 'MC.1.1.01', title: 'Kế hoạch năm học' }],
    });
    expect(skipped.evidence.criteria).toEqual(['1.1']);

    // link: the same evidence, same code, now also serves 2.1 (TT 57: one code, many criteria).
    const linked = (await lib.addFiles([copy], filing('2.1'), {}, { actor: null, onDuplicate: 'link' })).results[0]!;
    expect(linked).toMatchObject({ action: 'linked', duplicate: true });
    expect(linked.evidence).toMatchObject({ id: r1.evidence.id, code: 'MC.1.1.01', criteria: ['1.1', '2.1'] });

    // create: a second evidence record pointing at the same blob.
    const second = (
      await lib.addFiles([copy], filing('2.1'), { title: 'Bản sao kế hoạch' }, { actor: null, onDuplicate: 'create' })
    ).results[0]!;
    expect(second).toMatchObject({ action: 'created', duplicate: true });
    expect(second.evidence).toMatchObject({ code: 'MC.2.1.01', sha256: r1.sha256, title: 'Bản sao kế hoạch' });

    expect(blobFiles()).toHaveLength(1);
    expect(tempFiles()).toEqual([]);
    const list = await call(admin, 'evidence.list', {});
    expect(list.total).toBe(2);
  });

  it('reports progress per chunk and per file; unreadable paths are listed as failed, the rest goes on', async () => {
    const big = file('big.bin', Buffer.alloc(2 * 1024 * 1024 + 10, 5));
    const small = file('small.txt', 'nhỏ');
    const events: AddProgress[] = [];
    const out = await lib.addFiles(
      [big, path.join(src, 'không có.pdf'), small, src],
      filing('1.2'),
      {},
      { actor: null, onProgress: (p) => events.push(p) },
    );
    expect(out.results.map((r) => r.evidence.code)).toEqual(['MC.1.2.01', 'MC.1.2.02']);
    expect(out.failed.map((f) => path.basename(f.path))).toEqual(['không có.pdf', 'nguồn']);
    expect(out.cancelled).toBe(false);
    const saved = events.filter((e) => e.phase === 'saved');
    expect(saved.map((e) => [e.fileIndex, e.fileCount, e.fileName])).toEqual([
      [0, 2, 'big.bin'],
      [1, 2, 'small.txt'],
    ]);
    expect(saved.at(-1)!.batchBytesDone).toBe(saved.at(-1)!.batchBytesTotal);
    expect(events.filter((e) => e.phase === 'copying' && e.fileIndex === 0).length).toBeGreaterThanOrEqual(3);
  });

  it('a cancelled add leaves no temp file, no blob and no row; files finished before it stay', async () => {
    const done = file('xong.txt', 'đã thêm');
    const big = file('lớn.bin', Buffer.alloc(4 * 1024 * 1024, 9));
    const later = file('sau.txt', 'chưa tới lượt');
    const ctl = new AbortController();
    const out = await lib.addFiles(
      [done, big, later],
      filing('1.1'),
      {},
      {
        actor: null,
        signal: ctl.signal,
        onProgress: (p) => p.fileName === 'lớn.bin' && p.phase === 'copying' && p.bytesDone >= 1024 * 1024 && ctl.abort(),
      },
    );
    expect(out.cancelled).toBe(true);
    expect(out.results.map((r) => r.fileName)).toEqual(['xong.txt']);
    expect(tempFiles()).toEqual([]);
    expect(blobFiles().map((f) => path.basename(f))).toEqual([sha('đã thêm')]);
    const rows = await backend.dataSource.query('select code, fileName from evidence');
    expect(rows).toEqual([{ code: 'MC.1.1.01', fileName: 'xong.txt' }]);
  });

  it('a cancel while a file is being recorded: the copy in flight is recorded or removed, never left half-way', async () => {
    const paths = [0, 1, 2, 3].map((i) => file(`tệp ${i}.bin`, Buffer.alloc(1024 * 1024 + i, i + 1)));
    const ctl = new AbortController();
    const out = await lib.addFiles(
      paths,
      filing('1.1'),
      {},
      {
        actor: null,
        signal: ctl.signal,
        onProgress: (p) => p.phase === 'saved' && p.fileIndex === 0 && ctl.abort(),
      },
    );
    expect(out.cancelled).toBe(true);
    expect(out.results.length).toBeGreaterThanOrEqual(1);
    expect(out.results.length).toBeLessThan(4);
    expect(tempFiles()).toEqual([]);
    // Every stored blob belongs to a recorded evidence: nothing unrecorded stays behind.
    const hashes = ((await backend.dataSource.query('select blobHash from evidence')) as { blobHash: string }[])
      .map((r) => r.blobHash)
      .sort();
    expect(
      blobFiles()
        .map((f) => path.basename(f))
        .sort(),
    ).toEqual(hashes);
    expect(hashes).toHaveLength(out.results.length);
    // Already cancelled before the start: nothing at all.
    const none = await lib.addFiles([file('khác.txt', 'khác')], filing('1.1'), {}, { actor: null, signal: AbortSignal.abort() });
    expect(none).toEqual({ results: [], failed: [], cancelled: true });
  });

  it('addFolder walks sub-folders in name order and skips hidden files', async () => {
    file('hồ sơ/b.pdf', 'b');
    file('hồ sơ/a.pdf', 'a');
    file('hồ sơ/con/c.docx', 'c');
    file('hồ sơ/.DS_Store', 'x');
    const out = await lib.addFolder(path.join(src, 'hồ sơ'), filing('3.1'), { issuer: 'Tổ chuyên môn' }, { actor: null });
    expect(out.results.map((r) => [r.fileName, r.evidence.code, r.evidence.format, r.evidence.issuer])).toEqual([
      ['a.pdf', 'MC.3.1.01', 'PDF', 'Tổ chuyên môn'],
      ['b.pdf', 'MC.3.1.02', 'PDF', 'Tổ chuyên môn'],
      ['c.docx', 'MC.3.1.03', 'Word', 'Tổ chuyên môn'],
    ]);
    await expect(lib.addFolder(path.join(src, 'không có'), filing('3.1'), {}, { actor: null })).rejects.toThrow(
      /Không tìm thấy thư mục/,
    );
  });

  it('validates framework and criterion before copying anything', async () => {
    const a = file('a.pdf', 'a');
    await expect(lib.addFiles([a], filing('9.9'), {}, { actor: null })).rejects.toThrow(/Tiêu chí 9.9 không có/);
    await expect(lib.addFiles([a], filing('1.1', 'khung-la'), {}, { actor: null })).rejects.toThrow(
      /Không có khung đánh giá "khung-la"/,
    );
    await expect(lib.addFiles([a], filing('1.1', 'qd4725-2022-cds'), {}, { actor: null })).rejects.toThrow(
      /không dùng mã minh chứng/,
    );
    expect(blobFiles()).toEqual([]);
  });

  it('addFromGrants adds files chosen in the native dialog by handle, once per handle, never echoing paths', async () => {
    const a = file('Quyết định.pdf', 'quyết định thành lập hội đồng');
    const b = file('Danh sách.xlsx', 'danh sách thành viên');
    admin.grants.set('h-a', { handle: 'h-a', path: a, kind: 'document', mode: 'read' });
    admin.grants.set('h-b', { handle: 'h-b', path: b, kind: 'document', mode: 'read' });
    admin.grants.set('h-gone', { handle: 'h-gone', path: path.join(src, 'đã xóa.pdf'), kind: 'document', mode: 'read' });
    admin.grants.set('h-save', { handle: 'h-save', path: path.join(src, 'xuất.docx'), kind: 'docx', mode: 'write' });
    const out = await call(admin, 'evidence.addFromGrants', {
      ...filing('1.3'),
      handles: ['h-a', 'h-b', 'h-gone'],
      meta: { issuer: 'Hiệu trưởng' },
    });
    expect(out.results.map((r) => [r.fileName, r.evidence.code, r.evidence.format, r.evidence.issuer])).toEqual([
      ['Quyết định.pdf', 'MC.1.3.01', 'PDF', 'Hiệu trưởng'],
      ['Danh sách.xlsx', 'MC.1.3.02', 'Excel', 'Hiệu trưởng'],
    ]);
    expect(out.failed).toEqual([{ fileName: 'đã xóa.pdf', message: 'Không tìm thấy tệp' }]);
    expect(JSON.stringify(out)).not.toContain(src);
    expect([...admin.grants.keys()]).toEqual(['h-save']);
    // Used handles are gone; a save-dialog handle is not a read grant.
    for (const handles of [['h-a'], ['h-save'], ['không-có']]) {
      expect(await fail(admin, 'evidence.addFromGrants', { ...filing('1.3'), handles })).toMatchObject({ code: 'VALIDATION' });
    }
  });

  it('upload over RPC (base64): stores, flags duplicates, and a second record can reuse the stored bytes; download returns them', async () => {
    const bytes = Buffer.from('ảnh chụp sân trường');
    const up = await call(admin, 'evidence.addFromUpload', {
      ...filing('4.1'),
      fileName: 'C:\\ảnh\\san-truong.jpg',
      contentBase64: bytes.toString('base64'),
    });
    expect(up).toMatchObject({ action: 'created', duplicate: false, fileName: 'san-truong.jpg', sha256: sha(bytes) });
    expect(up.evidence).toMatchObject({ code: 'MC.4.1.01', format: 'Ảnh', mimeType: 'image/jpeg', title: 'san-truong' });
    const again = await call(admin, 'evidence.addFromUpload', {
      ...filing('4.2'),
      fileName: 'khac.jpg',
      contentBase64: bytes.toString('base64'),
    });
    expect(again).toMatchObject({ action: 'skipped', duplicate: true, existing: [{ code: 'MC.4.1.01' }] });
    const second = await call(admin, 'evidence.addFromStored', { ...filing('4.2'), sha256: again.sha256, fileName: 'khac.jpg' });
    expect(second).toMatchObject({ code: 'MC.4.2.01', sha256: sha(bytes), kind: 'file' });
    const dl = await call(admin, 'evidence.download', { id: second.id });
    expect(Buffer.from(dl.contentBase64, 'base64').equals(bytes)).toBe(true);
    expect(dl).toMatchObject({ fileName: 'khac.jpg', sizeBytes: bytes.length });
    expect(
      (await fail(admin, 'evidence.addFromStored', { ...filing('4.2'), sha256: sha('không có'), fileName: 'x.pdf' })).code,
    ).toBe('NOT_FOUND');
    expect(
      (await fail(admin, 'evidence.addFromUpload', { ...filing('4.2'), fileName: 'x.pdf', contentBase64: 'không phải base64' }))
        .code,
    ).toBe('INVALID_ARGS');
    expect((await fail(admin, 'evidence.addFromUpload', { ...filing('4.2'), fileName: 'x.pdf', contentBase64: '' })).code).toBe(
      'VALIDATION',
    );
  });
});

describe('codes', () => {
  it('are never reissued after a delete', async () => {
    const e1 = await call(admin, 'evidence.addLink', {
      ...filing('1.1'),
      kind: 'link',
      meta: { title: 'Cổng thông tin', url: 'https://thcs-leloi.edu.vn' },
    });
    const e2 = await call(admin, 'evidence.addLink', {
      ...filing('1.1'),
      kind: 'paper',
      meta: { title: 'Sổ nghị quyết', storageLocation: 'Tủ 2' },
    });
    expect([e1.code, e2.code]).toEqual(['MC.1.1.01', 'MC.1.1.02']);
    expect(e2.format).toBe('Bản giấy');
    await call(admin, 'evidence.remove', { id: e2.id });
    await call(admin, 'evidence.remove', { id: e1.id });
    const e3 = await call(admin, 'evidence.addLink', { ...filing('1.1'), kind: 'paper', meta: { title: 'Sổ họp' } });
    expect(e3.code).toBe('MC.1.1.03');
    expect((await fail(admin, 'evidence.get', { id: e1.id })).code).toBe('NOT_FOUND');
    // Tombstones stay (for sync), with their codes.
    expect(await backend.dataSource.query('select code, deletedAt is not null as dead from evidence order by code')).toEqual([
      { code: 'MC.1.1.01', dead: 1 },
      { code: 'MC.1.1.02', dead: 1 },
      { code: 'MC.1.1.03', dead: 0 },
    ]);
    expect(await backend.dataSource.query('select frameworkId, criterionCode, lastSeq from evidence_code_counter')).toEqual([
      { frameworkId: FW, criterionCode: '1.1', lastSeq: 3 },
    ]);
  });

  it('skip every code any row of the framework carries, tombstones included (issued and deleted on another computer)', async () => {
    const e1 = await call(admin, 'evidence.addLink', { ...filing('1.1'), kind: 'paper', meta: { title: 'Kế hoạch' } });
    expect(e1.code).toBe('MC.1.1.01');
    // Rows another computer issued, as a pull writes them (no change log, no counter here):
    // .02 live, .03 deleted there, .04 in another framework.
    const pulled = (id: string, code: string, extra: Record<string, string | null> = {}) =>
      backend.dataSource.query(
        `insert into evidence (id, createdAt, updatedAt, rev, code, sortKey, title, kind, firstCriterionCode, frameworkId, searchText, deletedAt)
         values (?, ?, ?, 1, ?, ?, 'Từ máy khác', 'paper', '1.1', ?, '', ?)`,
        [id, e1.createdAt, e1.createdAt, code, code, extra.frameworkId ?? FW, extra.deletedAt ?? null],
      );
    await pulled('0190ffff-0000-7000-8000-000000000002', 'MC.1.1.02');
    await pulled('0190ffff-0000-7000-8000-000000000003', 'MC.1.1.03', { deletedAt: e1.createdAt });
    await pulled('0190ffff-0000-7000-8000-000000000004', 'MC.1.1.04', { frameworkId: 'tt57-2026-pl1-mam-non' });
    const next = await call(admin, 'evidence.addLink', { ...filing('1.1'), kind: 'paper', meta: { title: 'Biên bản' } });
    expect(next.code).toBe('MC.1.1.04');
    // The counter (local) remembers where the search ended; nothing of it is change-logged.
    expect(await backend.dataSource.query(`select lastSeq from evidence_code_counter where criterionCode = '1.1'`)).toEqual([
      { lastSeq: 4 },
    ]);
    expect(await backend.dataSource.query(`select count(*) as n from change_log where entity = 'EvidenceCodeCounter'`)).toEqual([
      { n: 0 },
    ]);
  });

  it('renumberEvidence gives a fresh code under the first criterion as a logged edit; links and citations keep the id', async () => {
    const e1 = await call(admin, 'evidence.addLink', { ...filing('1.1'), kind: 'paper', meta: { title: 'Kế hoạch' } });
    await call(admin, 'evidence.linkCriterion', { id: e1.id, criterionCode: '2.1' });
    await call(admin, 'evidence.addLink', { ...filing('1.1'), kind: 'paper', meta: { title: 'Biên bản' } });
    const rules = await lib.rules(FW);
    const r = await backend.writes.run('cli', (tx) => renumberEvidence(tx, rules, e1.id));
    expect(r).toEqual({ oldCode: 'MC.1.1.01', newCode: 'MC.1.1.03', title: 'Kế hoạch' });
    const after = await call(admin, 'evidence.get', { id: e1.id });
    expect(after).toMatchObject({ code: 'MC.1.1.03', firstCriterionCode: '1.1', criteria: ['1.1', '2.1'] });
    expect((await call(admin, 'evidence.list', { frameworkId: FW, q: 'MC.1.1.03' })).items.map((e) => e.id)).toEqual([e1.id]);
    const [last] = (await backend.dataSource.query(
      `select entity, op, rowId, data from change_log order by seq desc limit 1`,
    )) as { entity: string; op: string; rowId: string; data: string }[];
    expect(last).toMatchObject({ entity: 'Evidence', op: 'update', rowId: e1.id });
    expect(Object.keys(JSON.parse(last!.data)).sort()).toEqual(['code', 'searchText', 'sortKey', 'updatedAt']);
  });

  it('move renumbers from the new criterion counter; citations render the new code; the old code is not reused', async () => {
    const plan = await call(admin, 'evidence.addLink', {
      ...filing('1.1'),
      kind: 'paper',
      meta: { title: 'Kế hoạch chiến lược' },
    });
    await call(admin, 'evidence.addLink', { ...filing('1.2'), kind: 'paper', meta: { title: 'Quy chế' } });
    await call(admin, 'evidence.linkCriterion', { id: plan.id, criterionCode: '3.1' });
    const description = `Nhà trường có kế hoạch chiến lược (${citationToken(plan.id)}).`;
    const codes = async () => new Map((await call(admin, 'evidence.list', {})).items.map((e) => [e.id, e.code]));
    expect(renderCitations(description, await codes())).toBe('Nhà trường có kế hoạch chiến lược (MC.1.1.01).');

    const moved = await call(admin, 'evidence.move', { id: plan.id, criterionCode: '1.2' });
    expect(moved).toMatchObject({ oldCode: 'MC.1.1.01', newCode: 'MC.1.2.02' });
    expect(moved.evidence).toMatchObject({ code: 'MC.1.2.02', firstCriterionCode: '1.2', criteria: ['1.2', '3.1'] });
    expect(renderCitations(description, await codes())).toBe('Nhà trường có kế hoạch chiến lược (MC.1.2.02).');

    const next = await call(admin, 'evidence.addLink', { ...filing('1.1'), kind: 'paper', meta: { title: 'Mới' } });
    expect(next.code).toBe('MC.1.1.02');
    expect((await call(admin, 'evidence.get', { frameworkId: FW, code: 'MC.1.2.02' })).id).toBe(plan.id);
    expect((await fail(admin, 'evidence.get', { frameworkId: FW, code: 'MC.1.1.01' })).code).toBe('NOT_FOUND');

    const kept = await call(admin, 'evidence.move', { id: plan.id, criterionCode: '2.1', keepOldLink: true });
    expect(kept.evidence.criteria).toEqual(['1.2', '2.1', '3.1']);
    expect((await fail(admin, 'evidence.move', { id: plan.id, criterionCode: '2.1' })).code).toBe('VALIDATION');
  });

  it('the first criterion cannot be unlinked (its code comes from it); other links can', async () => {
    const e = await call(admin, 'evidence.addLink', { ...filing('2.2'), kind: 'paper', meta: { title: 'Hồ sơ' } });
    await call(admin, 'evidence.linkCriterion', { id: e.id, criterionCode: '2.3' });
    await call(admin, 'evidence.linkCriterion', { id: e.id, criterionCode: '2.3' }); // idempotent
    expect((await call(admin, 'evidence.get', { id: e.id })).links).toHaveLength(2);
    const refused = await fail(admin, 'evidence.unlinkCriterion', { id: e.id, criterionCode: '2.2' });
    expect(refused).toMatchObject({ code: 'VALIDATION', fields: { criterionCode: 'Đây là tiêu chí gốc của mã minh chứng' } });
    expect((await call(admin, 'evidence.unlinkCriterion', { id: e.id, criterionCode: '2.3' })).criteria).toEqual(['2.2']);
    expect((await fail(admin, 'evidence.unlinkCriterion', { id: e.id, criterionCode: '2.3' })).code).toBe('NOT_FOUND');
    expect((await fail(admin, 'evidence.linkCriterion', { id: e.id, criterionCode: '7.7' })).code).toBe('VALIDATION');
  });

  it('legacy frameworks issue [Hn.a.bc.de]; the box comes from the installation setting or the call', async () => {
    const a = await call(admin, 'evidence.addLink', {
      ...filing('1.1', LEGACY_FW),
      kind: 'paper',
      meta: { title: 'Quyết định' },
    });
    expect(a.code).toBe('[H1.1.01.01]');
    const s = await call(admin, 'evidence.updateSettings', { frameworkId: LEGACY_FW, boxes: { '2': 5 } });
    expect(s).toEqual({ frameworkId: LEGACY_FW, boxes: { '2': 5 } });
    expect(await call(admin, 'evidence.getSettings', { frameworkId: LEGACY_FW })).toEqual(s);
    const b = await call(admin, 'evidence.addLink', { ...filing('2.1', LEGACY_FW), kind: 'paper', meta: { title: 'Danh sách' } });
    expect(b.code).toBe('[H5.2.01.01]');
    const c = await call(admin, 'evidence.addLink', {
      ...filing('1.1', LEGACY_FW),
      box: 9,
      kind: 'paper',
      meta: { title: 'Kế hoạch' },
    });
    expect(c.code).toBe('[H9.1.01.02]');
    // Found by a field spelling of its code too.
    expect((await call(admin, 'evidence.get', { frameworkId: LEGACY_FW, code: '[H1-1.1-01]' })).id).toBe(a.id);
    expect((await fail(admin, 'evidence.updateSettings', { frameworkId: FW, boxes: { '1': 2 } })).code).toBe('VALIDATION');
  });
});

describe('search and filters', () => {
  it('is diacritic-insensitive: "minh chung" finds "Minh chứng", "dang" finds "Đảng"', async () => {
    const mc = await call(admin, 'evidence.addLink', {
      ...filing('1.1'),
      kind: 'paper',
      meta: { title: 'Minh chứng về hoạt động ngoại khóa' },
    });
    const dang = await call(admin, 'evidence.addLink', {
      ...filing('1.2'),
      kind: 'paper',
      meta: { title: 'Nghị quyết chi bộ Đảng', documentNumber: '05-NQ/CB' },
    });
    await call(admin, 'evidence.addLink', { ...filing('1.3'), kind: 'paper', meta: { title: 'Sổ theo dõi tài sản' } });
    const q = async (text: string) => (await call(admin, 'evidence.list', { q: text })).items.map((e) => e.id);
    expect(await q('minh chung')).toEqual([mc.id]);
    expect(await q('MINH CHỨNG')).toEqual([mc.id]);
    expect(await q('dang')).toEqual([dang.id]);
    expect(await q('05-nq')).toEqual([dang.id]);
    expect(await q('MC.1.2')).toEqual([dang.id]);
    expect(await q('cb')).toEqual([dang.id]); // 2 letters: LIKE on the folded text
    expect(await q('không có gì như vậy')).toEqual([]);

    // Edits and deletes reach the index (triggers).
    await call(admin, 'evidence.update', { id: mc.id, meta: { title: 'Kế hoạch ngoại khóa' } });
    expect(await q('minh chung')).toEqual([]);
    expect(await q('ke hoach')).toEqual([mc.id]);
    await call(admin, 'evidence.remove', { id: dang.id });
    expect(await q('dang')).toEqual([]);
    const [{ n }] = await backend.dataSource.query('select count(*) as n from evidence_fts');
    expect(n).toBe(2);
  });

  it('filters by criterion (any link), verification, kind, expiry; pages in code order', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const e = await call(admin, 'evidence.addLink', {
        ...filing(i < 10 ? '1.1' : '2.1'),
        kind: i % 2 ? 'link' : 'paper',
        meta: { title: `Tài liệu ${i}`, url: i % 2 ? `https://x.vn/${i}` : '', validUntil: i === 3 ? '2025-12-31' : null },
      });
      ids.push(e.id);
    }
    await call(admin, 'evidence.linkCriterion', { id: ids[11]!, criterionCode: '1.1' });
    await call(admin, 'evidence.verify', { id: ids[0]!, status: 'verified' });
    const page1 = await call(admin, 'evidence.list', { frameworkId: FW, limit: 5 });
    expect(page1.total).toBe(12);
    expect(page1.items.map((e) => e.code)).toEqual(['MC.1.1.01', 'MC.1.1.02', 'MC.1.1.03', 'MC.1.1.04', 'MC.1.1.05']);
    const page3 = await call(admin, 'evidence.list', { frameworkId: FW, limit: 5, offset: 10 });
    expect(page3.items.map((e) => e.code)).toEqual(['MC.2.1.01', 'MC.2.1.02']);
    expect((await call(admin, 'evidence.list', { criterionCode: '1.1' })).total).toBe(11);
    expect((await call(admin, 'evidence.list', { criterionCode: '2.1' })).items.map((e) => e.code)).toEqual([
      'MC.2.1.01',
      'MC.2.1.02',
    ]);
    expect((await call(admin, 'evidence.list', { verification: 'verified' })).items.map((e) => e.id)).toEqual([ids[0]]);
    expect((await call(admin, 'evidence.list', { kind: 'link' })).total).toBe(6);
    const expiring = await call(admin, 'evidence.list', { expiringBefore: '2026-01-01' });
    expect(expiring.items.map((e) => [e.code, e.expired])).toEqual([['MC.1.1.04', true]]);
    expect((await call(admin, 'evidence.list', { expiringBefore: '2025-06-01' })).total).toBe(0);
  });
});

describe('verification and permissions', () => {
  it('viewers read only; council members add and edit but do not verify; secretaries verify', async () => {
    const viewer = await userConn('viewer');
    const member = await userConn('council_member');
    const secretary = await userConn('secretary');
    const e = await call(member, 'evidence.addLink', { ...filing('1.1'), kind: 'paper', meta: { title: 'Biên bản' } });
    expect((await call(viewer, 'evidence.list', {})).total).toBe(1);
    expect((await call(viewer, 'evidence.get', { id: e.id })).title).toBe('Biên bản');
    expect((await fail(viewer, 'evidence.addLink', { ...filing('1.1'), kind: 'paper', meta: { title: 'x' } })).code).toBe(
      'FORBIDDEN',
    );
    expect((await fail(viewer, 'evidence.verify', { id: e.id, status: 'verified' })).code).toBe('FORBIDDEN');
    expect((await fail(viewer, 'evidence.remove', { id: e.id })).code).toBe('FORBIDDEN');
    expect((await fail(member, 'evidence.verify', { id: e.id, status: 'verified' })).code).toBe('FORBIDDEN');
    expect((await fail(newConnection('test', true), 'evidence.list', {})).code).toBe('UNAUTHENTICATED');

    const rejectedNoReason = await fail(secretary, 'evidence.verify', { id: e.id, status: 'rejected' });
    expect(rejectedNoReason).toMatchObject({ code: 'INVALID_ARGS', fields: { reason: 'Vui lòng nhập lý do từ chối' } });
    const rejected = await call(secretary, 'evidence.verify', { id: e.id, status: 'rejected', reason: 'Thiếu chữ ký' });
    const secretaryId = (await call(secretary, 'auth.me', {})).user!.id;
    expect(rejected).toMatchObject({ verification: 'rejected', rejectReason: 'Thiếu chữ ký', verifiedBy: secretaryId });
    const verified = await call(admin, 'evidence.verify', { id: e.id, status: 'verified' });
    expect(verified).toMatchObject({ verification: 'verified', rejectReason: '', verifiedBy: await adminId() });
    expect(verified.verifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const reset = await call(admin, 'evidence.verify', { id: e.id, status: 'pending' });
    expect(reset).toMatchObject({ verification: 'pending', verifiedBy: null, verifiedAt: null });

    const edited = await call(member, 'evidence.update', {
      id: e.id,
      expectedRev: reset.rev,
      meta: { issuer: 'Hội đồng trường', validFrom: '2026-01-01', validUntil: '2026-12-31' },
    });
    expect(edited).toMatchObject({ issuer: 'Hội đồng trường', validUntil: '2026-12-31', rev: reset.rev + 1 });
    expect((await fail(member, 'evidence.update', { id: e.id, expectedRev: reset.rev, meta: { notes: 'cũ' } })).code).toBe(
      'CONFLICT',
    );
    expect((await fail(member, 'evidence.update', { id: e.id, meta: { validUntil: '2025-01-01' } })).code).toBe('VALIDATION');
    expect((await fail(member, 'evidence.update', { id: e.id, kind: 'link', meta: {} })).code).toBe('VALIDATION');
  });

  it('every write is change-logged with its actor (synced rows); code counters stay local, unlogged', async () => {
    const e = await call(admin, 'evidence.addLink', {
      ...filing('1.1'),
      kind: 'link',
      meta: { title: 'Website', url: 'https://truong.edu.vn' },
    });
    await call(admin, 'evidence.verify', { id: e.id, status: 'verified' });
    const log = (await backend.dataSource.query(
      `select entity, op, actor from change_log where entity like 'Evidence%' order by seq`,
    )) as ChangeLogRow[];
    const me = await adminId();
    expect(log).toEqual([
      { entity: 'Evidence', op: 'insert', actor: me },
      { entity: 'EvidenceLink', op: 'insert', actor: me },
      { entity: 'Evidence', op: 'update', actor: me },
    ]);
  });

  it('remove refuses while the citation hook says the evidence is cited', async () => {
    const e = await call(admin, 'evidence.addLink', { ...filing('1.1'), kind: 'paper', meta: { title: 'Kế hoạch' } });
    const cited: CitationLookup = { isCited: async (_m, id) => id === e.id, citedEvidenceIds: async () => new Set([e.id]) };
    await expect(backend.writes.run(null, (tx) => removeEvidence(tx, e.id, cited))).rejects.toThrow(/đang được trích dẫn/);
    expect((await call(admin, 'evidence.get', { id: e.id })).id).toBe(e.id);
    const withCitations = new EvidenceLibrary(
      { ds: backend.readSource, writes: backend.writes, dataDir: backend.dataDir, resourcesDir: path.resolve('resources') },
      { citations: cited },
    );
    const h = await withCitations.health({ checkFiles: 'none' });
    expect(h.uncited).toEqual([]);
    expect((await lib.health({ checkFiles: 'none' })).uncited).toBeNull();
  });
});

describe('health', () => {
  it('finds files changed on disk and missing, duplicates, expired, unlinked evidence and criteria without evidence', async () => {
    const [ok, changed, missing] = (
      await lib.addFiles(
        [file('tốt.pdf', 'tốt'), file('bị sửa.pdf', 'bản gốc'), file('bị mất.pdf', 'sẽ mất')],
        filing('1.1'),
        {},
        { actor: null },
      )
    ).results.map((r) => r.evidence);
    const dup = (await lib.addFiles([file('bản sao.pdf', 'tốt')], filing('1.2'), {}, { actor: null, onDuplicate: 'create' }))
      .results[0]!.evidence;
    const old = await call(admin, 'evidence.addLink', {
      ...filing('2.1'),
      kind: 'paper',
      meta: { title: 'Giấy phép cũ', validUntil: '2026-03-01' },
    });

    // An evidence linked nowhere (only possible through sync or an older version): unlink by hand.
    await backend.dataSource.query(`update evidence_link set deletedAt = 'x' where evidenceId = ?`, [old.id]);

    const changedPath = lib.store.path(changed!.sha256!);
    fs.chmodSync(changedPath, 0o644);
    fs.writeFileSync(changedPath, 'ai đó đã sửa tệp');
    const missingPath = lib.store.path(missing!.sha256!);
    fs.chmodSync(missingPath, 0o644);
    fs.rmSync(missingPath);
    // A file no evidence uses any more.
    const gone = (await lib.addFiles([file('tạm.pdf', 'tạm')], filing('3.1'), {}, { actor: null })).results[0]!.evidence;
    await call(admin, 'evidence.remove', { id: gone.id });

    const progress: number[] = [];
    const h = await lib.health(
      { frameworkId: FW, today: '2026-06-01', checkFiles: 'hash' },
      { onProgress: (p) => progress.push(p.checked) },
    );
    expect(h.today).toBe('2026-06-01');
    expect(h.totals).toMatchObject({ evidence: 5, files: 4, paper: 1, links: 0, pending: 5 });
    expect(h.files).toMatchObject({ mode: 'hash', total: 3, checked: 3, ok: 1 });
    expect(h.files.changed).toEqual([
      { id: changed!.id, code: changed!.code, title: 'bị sửa', sha256: changed!.sha256, fileName: 'bị sửa.pdf' },
    ]);
    expect(h.files.missing.map((f) => f.code)).toEqual([missing!.code]);
    expect(progress.at(-1)).toBe(3);
    expect(h.duplicates).toEqual([
      {
        sha256: ok!.sha256,
        evidence: [
          { id: ok!.id, code: 'MC.1.1.01', title: 'tốt' },
          { id: dup.id, code: 'MC.1.2.01', title: 'bản sao' },
        ],
      },
    ]);
    expect(h.expired).toEqual([{ id: old.id, code: 'MC.2.1.01', title: 'Giấy phép cũ', validUntil: '2026-03-01' }]);
    expect(h.unlinked.map((e) => e.code)).toEqual(['MC.2.1.01']);
    expect(h.uncited).toBeNull();
    // Every criterion of the framework file except 1.1 and 1.2 (2.1 lost its only link, 3.1's evidence was removed).
    const all = (await lib.rules(FW)).criteria;
    expect(all.length).toBeGreaterThan(10);
    expect(h.criteriaWithoutEvidence).toEqual(all.filter((c) => c !== '1.1' && c !== '1.2'));
    expect(h.unusedBlobs).toEqual({ count: 1, bytes: Buffer.byteLength('tạm') });
    expect(h.duplicateCodes).toBeUndefined();

    const given = await call(admin, 'evidence.health', {
      criterionCodes: ['1.1', '4.4', '2.1'],
      checkFiles: 'exists',
      today: '2026-01-01',
    });
    expect(given.criteriaWithoutEvidence).toEqual(['2.1', '4.4']);
    expect(given.expired).toEqual([]);
    expect(given.files).toMatchObject({ mode: 'exists', checked: 3, ok: 2, changed: [], bytesChecked: 0 });
    expect(given.files.missing.map((f) => f.code)).toEqual([missing!.code]);
  });

  it('lists codes several live evidence share (two computers issued them offline), oldest first; tombstones do not count', async () => {
    const mine = await call(admin, 'evidence.addLink', { ...filing('1.1'), kind: 'paper', meta: { title: 'Kế hoạch' } });
    const other = await call(admin, 'evidence.addLink', { ...filing('1.1'), kind: 'paper', meta: { title: 'Biên bản' } });
    const dead = await call(admin, 'evidence.addLink', { ...filing('1.2'), kind: 'paper', meta: { title: 'Đã xóa' } });
    await call(admin, 'evidence.remove', { id: dead.id });
    // As a pull from another computer leaves them until that computer renumbers its row.
    await backend.dataSource.query(`update evidence set code = ?, createdAt = '2099-01-01T00:00:00.000Z' where id = ?`, [
      mine.code,
      other.id,
    ]);
    await backend.dataSource.query(`update evidence set code = ? where id = ?`, [mine.code, dead.id]);
    const h = await call(admin, 'evidence.health', { frameworkId: FW, checkFiles: 'none' });
    expect(h.duplicateCodes).toEqual([
      {
        frameworkId: FW,
        code: 'MC.1.1.01',
        evidence: [
          { id: mine.id, code: 'MC.1.1.01', title: 'Kế hoạch' },
          { id: other.id, code: 'MC.1.1.01', title: 'Biên bản' },
        ],
      },
    ]);
    // Codes are per framework: another framework's report does not list them.
    expect((await call(admin, 'evidence.health', { frameworkId: LEGACY_FW, checkFiles: 'none' })).duplicateCodes).toBeUndefined();
  });
});
