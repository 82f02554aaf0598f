/**
 * pdf.js, set up for our Content-Security-Policy. Only ever loaded through `import()` (see
 * pdf-loader.ts), so it and pdf.js (~0.4 MB minified) live in their own chunk and the app
 * starts without them.
 *
 * CSP facts this relies on (electron/main/csp.ts, src/backend/transports/ws-bridge.ts):
 * - The worker is a same-origin module script that Vite copies into assets/ (`?url`), started
 *   by us with `new Worker(url)`: `worker-src 'self'` allows it. We do not let pdf.js start
 *   it, because pdf.js wraps a worker it judges cross-origin in a blob: URL, which the CSP
 *   refuses (an app:// origin is the case to worry about).
 * - pdf.js 6 has no eval path any more (its old `isEvalSupported` option is gone); with
 *   `useWasm: false` it compiles no WebAssembly either, so script-src stays 'self' without
 *   'wasm-unsafe-eval'. Image decoders and fonts come from our own `pdfjs/` folder
 *   (pdfjs-assets.ts), never from a CDN.
 */
import { getDocument, GlobalWorkerOptions, VerbosityLevel, type PageViewport } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { PdfEngineError, type PdfDocument } from './pdf-document';
import { PDFJS_ASSET_DIR } from './pdfjs-assets';

let worker: { port: Worker; failed: Promise<never> } | null = null;

/** One worker for every PDF the app opens; started on first use, restarted if it died. */
function sharedWorker() {
  if (worker) return worker;
  const port = new Worker(new URL(workerUrl, document.baseURI), { type: 'module', name: 'pdf.js' });
  // pdf.js does not notice a port that never starts (refused by the CSP, file missing): it
  // would wait forever. We race every document against this. Once the worker has said
  // "ready" (its first message), later errors are pdf.js's to handle per document.
  let started = false;
  port.addEventListener('message', () => (started = true), { once: true });
  const failed = new Promise<never>((_, reject) => {
    port.addEventListener('error', (ev) => {
      if (started) return;
      worker = null;
      GlobalWorkerOptions.workerPort = null;
      port.terminate();
      reject(new PdfEngineError(`pdf.js worker failed to start: ${ev.message || 'error'}`));
    });
  });
  failed.catch(() => undefined); // handled where a document waits on it
  GlobalWorkerOptions.workerPort = port;
  worker = { port, failed };
  return worker;
}

export async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  const { failed } = sharedWorker();
  const assets = new URL(`${PDFJS_ASSET_DIR}/`, document.baseURI).href;
  const task = getDocument({
    data: bytes,
    useWasm: false,
    wasmUrl: `${assets}wasm/`,
    standardFontDataUrl: `${assets}standard_fonts/`,
    // No cMapUrl: see pdfjs-assets.ts. No XFA forms, no scripting: we only look at pages.
    enableXfa: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const doc = await Promise.race([task.promise, failed]);
    // Destroying the loading task frees the document in the worker, too.
    return {
      numPages: doc.numPages,
      getPage: async (n) => {
        const page = await doc.getPage(n);
        return {
          getViewport: (params) => page.getViewport(params),
          // The viewport handed back is always one getViewport made.
          render: ({ canvas, viewport, transform }) => page.render({ canvas, viewport: viewport as PageViewport, transform }),
        };
      },
      destroy: () => task.destroy(),
    };
  } catch (err) {
    void task.destroy();
    throw err;
  }
}
