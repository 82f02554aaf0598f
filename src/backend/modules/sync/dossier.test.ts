import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson, type SnapshotRow } from '../../../contract/sync-protocol';
import { openBackend, type Backend } from '../../backend';
import { newConnection } from '../../transports/connections';
import type { Connection } from '../../rpc/router';
import { collectInventory, dossierCollectors, manifestHash, registerDossierCollector, rowHash, sha256Hex } from './dossier';

let dir: string;
let backend: Backend;
let admin: Connection;
let seq = 0;

async function call(method: string, params: unknown) {
  const res = await backend.router.dispatch(admin, { id: ++seq, method, params });
  if (!res.ok) throw Object.assign(new Error(res.error.message), { body: res.error });
  return res.result as never;
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-dossier-'));
  backend = await openBackend({ dataDir: dir });
  admin = newConnection('test', true);
  await call('setup.initialize', {
    school: { name: 'Trường THCS Chu Văn An', levels: ['thcs'], code: 'CVA' },
    admin: { username: 'admin', displayName: 'Quản trị', password: 'mat-khau-admin' },
  });
});
afterEach(async () => {
  registerDossierCollector('inventory', collectInventory);
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('dossier snapshots', () => {
  it('a module can plug in its own collector; the snapshot is frozen with row hashes and a manifest hash', async () => {
    const fake: SnapshotRow[] = [
      { entity: 'Asset', id: 'a2', data: { id: 'a2', name: 'Máy chiếu', quantity: 2 } },
      { entity: 'Asset', id: 'a1', data: { id: 'a1', name: 'Bàn học', quantity: 40 } },
    ];
    registerDossierCollector('inventory', async () => fake);
    expect(dossierCollectors.inventory).not.toBe(collectInventory);
    const sub = (await call('sync.submit', { kind: 'inventory' })) as {
      id: string;
      state: string;
      rowCount: number;
      manifestHash: string;
      lastError: string;
    };
    // Not enrolled: frozen and queued with a plain explanation.
    expect(sub).toMatchObject({ state: 'queued', rowCount: 2 });
    expect(sub.lastError).toMatch(/chưa đăng ký đồng bộ/);
    const [stored] = await backend.dataSource.query('select manifest, payload, manifestHash from sync_submission where id = ?', [
      sub.id,
    ]);
    const manifest = JSON.parse(stored.manifest);
    expect(manifest.rows.map((r: { id: string }) => r.id)).toEqual(['a1', 'a2']);
    expect(manifest.rows[0].sha256).toBe(rowHash(fake[1]!));
    expect(stored.manifestHash).toBe(manifestHash(manifest));
    expect(stored.manifestHash).toBe(sha256Hex(canonicalJson(manifest)));
    expect(JSON.parse(stored.payload)).toEqual([fake[1], fake[0]]);
  });

  it('the default inventory collector takes the asset tables, the school and its sites', async () => {
    const sub = (await call('sync.submit', { kind: 'inventory' })) as { id: string; rowCount: number };
    const [stored] = await backend.dataSource.query('select manifest from sync_submission where id = ?', [sub.id]);
    const entities = JSON.parse(stored.manifest).rows.map((r: { entity: string }) => r.entity);
    expect(entities).toEqual(expect.arrayContaining(['School', 'SchoolSite']));
    expect(sub.rowCount).toBe(entities.length);
  });

  it('an assessment with no data is refused in Vietnamese', async () => {
    await expect(call('sync.submit', { kind: 'assessment', assessmentId: 'khong-co' })).rejects.toThrow(
      /Không tìm thấy đợt tự đánh giá/,
    );
  });

  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(rowHash({ entity: 'X', id: '1', data: { a: 1, b: 2 } })).toBe(rowHash({ entity: 'X', id: '1', data: { b: 2, a: 1 } }));
  });
});
