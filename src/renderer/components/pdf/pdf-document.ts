/**
 * What PdfPreview needs from a PDF engine: the part of pdf.js's document/page API it uses.
 * The real one (pdfjs.ts) is loaded on demand; component tests pass a fake, since jsdom has
 * neither canvas nor workers.
 */
export interface PdfViewport {
  width: number;
  height: number;
}

export interface PdfRenderTask {
  promise: Promise<unknown>;
  cancel(): void;
}

export interface PdfPage {
  getViewport(params: { scale: number }): PdfViewport;
  render(params: { canvas: HTMLCanvasElement; viewport: PdfViewport; transform?: number[] }): PdfRenderTask;
}

export interface PdfDocument {
  numPages: number;
  getPage(pageNumber: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}

/** Opens PDF bytes. The engine may take ownership of the buffer: pass a copy. */
export type PdfLoader = (bytes: Uint8Array) => Promise<PdfDocument>;

/** Why a PDF did not open, as the user is told. */
export type PdfFailure = 'password' | 'damaged' | 'engine';

/** Thrown when the PDF engine itself (its code or its worker) could not start. */
export class PdfEngineError extends Error {
  override name = 'PdfEngineError';
}

/**
 * pdf.js rejects with named exceptions: PasswordException for an encrypted file we have no
 * password for, InvalidPDFException (and others) for a file that is not a readable PDF.
 * A chunk or worker that failed to load is our problem, not the file's.
 */
export function pdfFailureOf(err: unknown): PdfFailure {
  const name = err instanceof Error ? err.name : typeof err === 'object' && err ? String((err as { name?: unknown }).name) : '';
  if (name === 'PasswordException') return 'password';
  if (name === 'PdfEngineError') return 'engine';
  // Vite/Chromium wording for a lazy chunk that did not arrive.
  if (err instanceof TypeError && /dynamically imported module|Importing a module script failed/i.test(err.message))
    return 'engine';
  return 'damaged';
}

/** pdf.js's way of saying a render was cancelled because we moved on: not an error. */
export function isRenderCancelled(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'RenderingCancelledException';
}
