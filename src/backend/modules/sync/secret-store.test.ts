import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from './secret-store';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-secret-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('FileSecretStore', () => {
  it('stores, replaces and deletes a secret in a 0700 folder as a 0600 file', async () => {
    const store = new FileSecretStore(path.join(dir, 'secrets'));
    expect(await store.get('sync-device-token')).toBeNull();
    await store.set('sync-device-token', 'bí-mật-1');
    await store.set('sync-device-token', 'bí-mật-2');
    expect(await store.get('sync-device-token')).toBe('bí-mật-2');
    if (process.platform !== 'win32') {
      expect(fs.statSync(path.join(dir, 'secrets')).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(dir, 'secrets', 'sync-device-token')).mode & 0o777).toBe(0o600);
    }
    expect(fs.readdirSync(path.join(dir, 'secrets'))).toEqual(['sync-device-token']);
    await store.delete('sync-device-token');
    expect(await store.get('sync-device-token')).toBeNull();
  });

  it('refuses names that could escape the folder', async () => {
    const store = new FileSecretStore(dir);
    await expect(store.set('../thoat', 'x')).rejects.toThrow(/không hợp lệ/);
  });
});
