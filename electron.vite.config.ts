import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { pdfjsAssets } from './scripts/vite-pdfjs-assets';

/**
 * electron-vite builds three things into out/ (electron-builder then packs out/**):
 *  - main: out/main/index.js (Electron main) and out/main/backend.js (the backend, run by
 *    utilityProcess.fork). ESM, Node target. Dependencies from package.json stay external and
 *    are loaded from node_modules (better-sqlite3's native .node must not be bundled).
 *  - preload: out/preload/index.cjs. A sandboxed preload must be one CommonJS file that
 *    requires nothing but 'electron', so dependencies (zod, via the contract) are bundled.
 *  - renderer: src/renderer/index.html → out/renderer, served on app://truong-chuan/.
 * Building does not need the Electron binary (only `dev`/`preview` start it).
 */
const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          backend: resolve(root, 'src/backend/entry.utility.ts'),
        },
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    // pdfjsAssets: pdf.js's image decoders and fonts under pdfjs/ (the PDF preview).
    plugins: [react(), pdfjsAssets()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: { index: resolve(root, 'src/renderer/index.html') },
      },
    },
  },
});
