/**
 * Bytes in the browser: reading a dropped file as base64 for `evidence.addFromUpload`, turning
 * `evidence.download`'s base64 back into a Blob, and saving a Blob as a file.
 */

/** The file's bytes as base64 (no "data:" prefix). */
export function readFileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.readAsDataURL(file);
  });
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export function base64ToBlob(base64: string, mimeType: string): Blob {
  return new Blob([base64ToBytes(base64)], { type: mimeType || 'application/octet-stream' });
}

/** Saves through an <a download> link; Electron and browsers show their own save prompt. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started from the URL; keep it a moment for slow PCs, then free the memory.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "1,2 MB", "340 KB" in Vietnamese number style. */
export function formatBytes(bytes: number | null | undefined, language = 'vi'): string {
  if (bytes === null || bytes === undefined) return '';
  const locale = language === 'en' ? 'en-US' : 'vi-VN';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${units[unit]}`;
}

/** What the preview can show for a MIME type. */
export type PreviewKind = 'image' | 'pdf' | 'text' | null;

export function previewKindOf(mimeType: string, fileName = ''): PreviewKind {
  const mime = mimeType.toLowerCase();
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  // Browsers cannot draw HEIC or TIFF; those are downloaded instead.
  if (/^image\/(png|jpeg|gif|webp|bmp|svg\+xml)$/.test(mime)) return 'image';
  if (mime === 'application/pdf' || ext === 'pdf') return 'pdf';
  if (mime === 'text/plain' || mime === 'text/csv' || ext === 'txt' || ext === 'csv') return 'text';
  return null;
}
