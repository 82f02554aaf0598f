import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendToMain, MainToBackend } from '../../src/contract/process-protocol';
import { SealedSecretStore } from '../../src/backend/platform/sealed-secret-store';
import { portSealer, type ParentPortLike } from '../../src/backend/transports/utility-process';
import { BackendSupervisor, type BackendChild } from './backend-supervisor';
import { createSealHandler, realKeyStore, type SafeStorageLike } from './secret-sealer';

/** safeStorage's async API over AES-256-GCM with a key held here; `rotate()` simulates a new OS key. */
class FakeSafeStorage implements SafeStorageLike {
  keys = [crypto.randomBytes(32)];
  constructor(
    public availableNow = true,
    public backend = 'gnome_libsecret',
  ) {}
  async isAsyncEncryptionAvailable() {
    return this.availableNow;
  }
  getSelectedStorageBackend() {
    return this.backend;
  }
  async encryptStringAsync(plain: string) {
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.keys[0]!, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]);
  }
  async decryptStringAsync(buf: Buffer) {
    for (const [i, key] of this.keys.entries()) {
      try {
        const d = crypto.createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
        d.setAuthTag(buf.subarray(12, 28));
        return { result: Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8'), shouldReEncrypt: i > 0 };
      } catch {
        /* older key */
      }
    }
    throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  }
}

describe('createSealHandler', () => {
  it('encrypts to base64 and decrypts back, with the same replyId', async () => {
    const handle = createSealHandler(new FakeSafeStorage(), 'linux');
    const enc = await handle({ type: 'seal', replyId: 5, op: 'encrypt', data: 'tok_1' });
    expect(enc).toMatchObject({ type: 'sealed', replyId: 5, ok: true });
    const sealed = (enc as { data: string }).data;
    expect(Buffer.from(sealed, 'base64').toString('utf8')).not.toContain('tok_1');
    expect(await handle({ type: 'seal', replyId: 6, op: 'decrypt', data: sealed })).toEqual({
      type: 'sealed',
      replyId: 6,
      ok: true,
      data: 'tok_1',
      reencrypt: false,
    });
  });

  it('answers a failure as ok:false instead of throwing into main', async () => {
    const handle = createSealHandler(new FakeSafeStorage(), 'linux');
    const res = await handle({ type: 'seal', replyId: 7, op: 'decrypt', data: Buffer.from('junk-junk-junk-junk-junk-junk-junk').toString('base64') });
    expect(res).toMatchObject({ type: 'sealed', replyId: 7, ok: false });
  });

  it('does not count Linux "basic_text" (a hard-coded key) as a key store', async () => {
    expect(await realKeyStore(new FakeSafeStorage(true, 'basic_text'), 'linux')).toBe(false);
    expect(await realKeyStore(new FakeSafeStorage(true, 'kwallet5'), 'linux')).toBe(true);
    expect(await realKeyStore(new FakeSafeStorage(false), 'win32')).toBe(false);
    expect(await realKeyStore(new FakeSafeStorage(true, 'basic_text'), 'win32')).toBe(true);
  });
});

/**
 * The whole path as in the app: the backend's SealedSecretStore → portSealer → process
 * message → BackendSupervisor (main) → safeStorage → answer back. The wire plays Electron's
 * utilityProcess on one side and process.parentPort on the other, structured-cloning both ways.
 */
class Wire extends EventEmitter implements BackendChild {
  readonly port: ParentPortLike;
  constructor() {
    super();
    const portEvents = new EventEmitter();
    this.port = {
      on: (_e: 'message', l: (e: { data: unknown }) => void) => void portEvents.on('message', l),
      postMessage: (m: BackendToMain) => queueMicrotask(() => this.emit('message', structuredClone(m))),
    };
    this.toBackend = (m) => queueMicrotask(() => portEvents.emit('message', { data: structuredClone(m) }));
  }
  private readonly toBackend: (m: MainToBackend) => void;
  postMessage(m: MainToBackend): void {
    this.toBackend(m);
  }
  kill(): boolean {
    return true;
  }
}

let dir = '';
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('secrets sealed through the supervisor', () => {
  it('stores a token as ciphertext and reads it back across the process boundary', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-seal-'));
    const wire = new Wire();
    const safe = new FakeSafeStorage();
    const sup = new BackendSupervisor({
      spawn: () => wire,
      onFatal: () => undefined,
      onGiveUp: () => undefined,
      onSeal: createSealHandler(safe, 'linux'),
    });
    sup.start();
    wire.port.postMessage({ type: 'ready' });
    const store = new SealedSecretStore(path.join(dir, 'secrets'), portSealer(wire.port));
    await store.set('device-token', 'tok_device_42');
    const onDisk = fs.readFileSync(path.join(dir, 'secrets', 'device-token'), 'utf8');
    expect(onDisk).toMatch(/^safe:v1:/);
    expect(onDisk).not.toContain('tok_device_42');
    expect(await store.get('device-token')).toBe('tok_device_42');

    // The OS rotates its key: the next read re-seals under the new key.
    safe.keys.unshift(crypto.randomBytes(32));
    expect(await store.get('device-token')).toBe('tok_device_42');
    expect(fs.readFileSync(path.join(dir, 'secrets', 'device-token'), 'utf8')).not.toBe(onDisk);
    safe.keys.pop();
    expect(await store.get('device-token')).toBe('tok_device_42');
  });

  it('falls back to a plain 0600 file when main has no seal handler', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-seal-'));
    const wire = new Wire();
    const sup = new BackendSupervisor({ spawn: () => wire, onFatal: () => undefined, onGiveUp: () => undefined });
    sup.start();
    wire.port.postMessage({ type: 'ready' });
    const store = new SealedSecretStore(path.join(dir, 'secrets'), portSealer(wire.port));
    await store.set('device-token', 'tok_plain');
    expect(await store.mode()).toBe('plain');
    expect(fs.readFileSync(path.join(dir, 'secrets', 'device-token'), 'utf8')).toBe('tok_plain');
  });
});
