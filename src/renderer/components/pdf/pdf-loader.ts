import type { PdfLoader } from './pdf-document';

/**
 * The real PDF engine, fetched the first time a PDF is shown: `import()` makes Vite put
 * pdfjs.ts and pdf.js in a chunk of their own, so the main bundle does not grow and a user who
 * never opens a PDF never downloads or parses it.
 */
export const loadPdf: PdfLoader = async (bytes) => {
  const { openPdf } = await import('./pdfjs');
  return openPdf(bytes);
};
