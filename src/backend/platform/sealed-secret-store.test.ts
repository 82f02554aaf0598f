import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEALED_PREFIX, SealedSecretStore, type Sealer } from './sealed-secret-store';

/**
 * An OS key store stand-in with real encryption (AES-256-GCM under a key only it holds), so
 * the files can be checked for ciphertext; key rotation is simulated by a second key.
 */
class KeyStore implements Sealer {
  private keys = [crypto.randomBytes(32)];
  calls = 0;
  constructor(public isAvailable = true) {}
  rotate() {
    this.keys.unshift(crypto.randomBytes(32));
  }
  async available() {
    return this.isAvailable;
  }
  async encrypt(plain: string) {
    this.calls++;
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.keys[0]!, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
  }
  async decrypt(sealed: string) {
    this.calls++;
    const buf = Buffer.from(sealed, 'base64');
    for (const [i, key] of this.keys.entries()) {
      try {
        const d = crypto.createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
        d.setAuthTag(buf.subarray(12, 28));
        const plain = Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
        return { plain, reencrypt: i > 0 };
      } catch {
        /* try the older key */
      }
    }
    throw new Error('cannot decrypt');
  }
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-sealed-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const raw = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

describe('SealedSecretStore', () => {
  it('stores only ciphertext in a 0600 file and reads the token back', async () => {
    const store = new SealedSecretStore(dir, new KeyStore());
    await store.set('device-token', 'tok_abc123');
    expect(raw('device-token').startsWith(SEALED_PREFIX)).toBe(true);
    expect(raw('device-token')).not.toContain('tok_abc123');
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, 'device-token')).mode & 0o777).toBe(0o600);
    expect(await store.get('device-token')).toBe('tok_abc123');
    expect(await store.mode()).toBe('sealed');
  });

  it('seals a plain-text token written before safeStorage was used, on first read', async () => {
    fs.writeFileSync(path.join(dir, 'device-token'), 'tok_legacy', { mode: 0o600 });
    const store = new SealedSecretStore(dir, new KeyStore());
    expect(await store.get('device-token')).toBe('tok_legacy');
    expect(raw('device-token').startsWith(SEALED_PREFIX)).toBe(true);
    expect(await store.get('device-token')).toBe('tok_legacy');
  });

  it('re-encrypts when the OS key was rotated', async () => {
    const keys = new KeyStore();
    const store = new SealedSecretStore(dir, keys);
    await store.set('session', 'tok_s');
    const before = raw('session');
    keys.rotate();
    expect(await store.get('session')).toBe('tok_s');
    expect(raw('session')).not.toBe(before);
    expect(await store.get('session')).toBe('tok_s');
  });

  it('keeps plain 0600 files when there is no key store, and says so', async () => {
    const store = new SealedSecretStore(dir, new KeyStore(false));
    await store.set('device-token', 'tok_plain');
    expect(raw('device-token')).toBe('tok_plain');
    expect(await store.get('device-token')).toBe('tok_plain');
    expect(await store.mode()).toBe('plain');
  });

  it('refuses, in Vietnamese, to use a sealed token when the key store has gone', async () => {
    await new SealedSecretStore(dir, new KeyStore()).set('device-token', 'tok_x');
    const later = new SealedSecretStore(dir, new KeyStore(false));
    await expect(later.get('device-token')).rejects.toThrow(/đăng ký lại/);
  });

  it('treats a failing availability check as "no key store", asked once', async () => {
    const logged: string[] = [];
    let asked = 0;
    const broken: Sealer = {
      available: async () => {
        asked++;
        throw new Error('main did not answer');
      },
      encrypt: async () => '',
      decrypt: async () => ({ plain: '', reencrypt: false }),
    };
    const store = new SealedSecretStore(dir, broken, (m) => logged.push(m));
    await store.set('a', '1');
    await store.set('b', '2');
    expect(await store.get('a')).toBe('1');
    expect(asked).toBe(1);
    expect(logged[0]).toContain('main did not answer');
  });

  it('deletes a secret', async () => {
    const store = new SealedSecretStore(dir, new KeyStore());
    await store.set('device-token', 'tok');
    await store.delete('device-token');
    expect(await store.get('device-token')).toBeNull();
  });
});
