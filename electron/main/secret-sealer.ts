import type { SealReply, SealRequest } from '../../src/contract/process-protocol';

/**
 * Main's half of secrets at rest: the backend (utilityProcess) cannot call safeStorage, so it
 * sends `seal` requests and stores only what comes back (src/backend/platform/sealed-secret-store.ts).
 * Only the async API is used: the sync one is deprecated in Electron 45 and removed in 46.
 * No Electron import here, so it is tested with a stand-in of the same shape.
 */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only: 'basic_text' means a hard-coded key, i.e. no protection at all. */
  getSelectedStorageBackend?(): string;
}

/** Is there a real key store? On Linux without a keyring safeStorage "works" with a fixed key. */
export async function realKeyStore(s: SafeStorageLike, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  if (!(await s.isAsyncEncryptionAvailable())) return false;
  if (platform === 'linux' && s.getSelectedStorageBackend) {
    const backend = s.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return false;
  }
  return true;
}

export function createSealHandler(
  s: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): (req: SealRequest) => Promise<SealReply> {
  return async (req) => {
    try {
      switch (req.op) {
        case 'available?':
          return { type: 'sealed', replyId: req.replyId, ok: true, data: (await realKeyStore(s, platform)) ? 'yes' : 'no' };
        case 'encrypt':
          return { type: 'sealed', replyId: req.replyId, ok: true, data: (await s.encryptStringAsync(req.data)).toString('base64') };
        case 'decrypt': {
          const r = await s.decryptStringAsync(Buffer.from(req.data, 'base64'));
          return { type: 'sealed', replyId: req.replyId, ok: true, data: r.result, reencrypt: r.shouldReEncrypt };
        }
      }
    } catch (err) {
      return { type: 'sealed', replyId: req.replyId, ok: false, message: (err as Error).message };
    }
  };
}
