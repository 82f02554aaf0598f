import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where the device token lives. It never leaves the backend: no RPC returns it, logs do not
 * print it, and it is read only to build the Authorization header.
 *
 * - `FileSecretStore` (now): one file per secret under `<dataDir>/secrets/`, folder 0700,
 *   files 0600, written atomically. On Windows the modes are advisory; the data folder is
 *   already per-user (%APPDATA%).
 * - Electron: `SealedSecretStore` (src/backend/platform/sealed-secret-store.ts) keeps the same
 *   files but with ciphertext from main's `safeStorage` (async API), asked for over the
 *   process protocol (`seal` / `sealed`); see electron/main/secret-sealer.ts.
 */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

const NAME_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class FileSecretStore implements SecretStore {
  constructor(readonly dir: string) {}

  private file(name: string): string {
    if (!NAME_RE.test(name)) throw new Error(`Tên bí mật không hợp lệ: ${name}`);
    return path.join(this.dir, name);
  }

  async get(name: string): Promise<string | null> {
    try {
      return (await fs.readFile(this.file(name), 'utf8')).trim() || null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async set(name: string, value: string): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await fs.chmod(this.dir, 0o700).catch(() => undefined);
    const target = this.file(name);
    const tmp = `${target}.${process.pid}.tmp`;
    await fs.writeFile(tmp, value, { mode: 0o600 });
    await fs.chmod(tmp, 0o600).catch(() => undefined);
    await fs.rename(tmp, target);
  }

  async delete(name: string): Promise<void> {
    await fs.rm(this.file(name), { force: true });
  }
}
