import { FileSecretStore, type SecretStore } from '../modules/sync/secret-store';

/**
 * Encrypts and decrypts one small string with the operating system's key store. In Electron
 * this is main's `safeStorage` (async API), reached over the utilityProcess port
 * (src/backend/transports/utility-process.ts `portSealer`); the backend never holds the key.
 */
export interface Sealer {
  /** False where the OS offers no real key store (e.g. Linux without a keyring: "basic_text"). */
  available(): Promise<boolean>;
  /** Base64 ciphertext. */
  encrypt(plain: string): Promise<string>;
  /** `reencrypt`: the OS rotated its key; store the value encrypted again. */
  decrypt(sealed: string): Promise<{ plain: string; reencrypt: boolean }>;
}

/** Marks a sealed file. A file without it is plain text from before sealing (or a fallback). */
export const SEALED_PREFIX = 'safe:v1:';

/**
 * A SecretStore whose files hold only ciphertext: `safe:v1:<base64>` from the Sealer, in the
 * same 0600 files as FileSecretStore. Migrates as it goes: a plain-text file (written before
 * safeStorage was used, or while it was unavailable) is read as is and sealed on the spot.
 *
 * When the OS has no key store, secrets stay in plain 0600 files (what FileSecretStore does
 * everywhere else) rather than failing to enrol: a school that cannot sync is worse off than
 * a token readable only by the same OS user. `mode()` tells which one is in force, so the
 * status screen can say so.
 */
export class SealedSecretStore implements SecretStore {
  private readonly files: FileSecretStore;
  private availability: Promise<boolean> | null = null;

  constructor(
    dir: string,
    private readonly sealer: Sealer,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.files = new FileSecretStore(dir);
  }

  private usable(): Promise<boolean> {
    this.availability ??= this.sealer.available().catch((err: Error) => {
      this.log(`safeStorage unavailable: ${err.message}`);
      return false;
    });
    return this.availability;
  }

  async mode(): Promise<'sealed' | 'plain'> {
    return (await this.usable()) ? 'sealed' : 'plain';
  }

  async get(name: string): Promise<string | null> {
    const stored = await this.files.get(name);
    if (stored === null) return null;
    if (!stored.startsWith(SEALED_PREFIX)) {
      // Written before sealing: seal it now so the plain copy does not outlive this read.
      if (await this.usable()) await this.set(name, stored);
      return stored;
    }
    if (!(await this.usable())) {
      // Sealed on this machine earlier but the key store is gone (keyring locked or removed):
      // the token cannot be recovered; the user enrols again. Say so instead of sending junk.
      throw new Error('Không mở được khoá bảo mật của hệ điều hành để đọc mã thiết bị; hãy đăng ký lại máy với máy chủ.');
    }
    const { plain, reencrypt } = await this.sealer.decrypt(stored.slice(SEALED_PREFIX.length));
    if (reencrypt) await this.set(name, plain);
    return plain;
  }

  async set(name: string, value: string): Promise<void> {
    if (!(await this.usable())) return this.files.set(name, value);
    await this.files.set(name, SEALED_PREFIX + (await this.sealer.encrypt(value)));
  }

  delete(name: string): Promise<void> {
    return this.files.delete(name);
  }
}
