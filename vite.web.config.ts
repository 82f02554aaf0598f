import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { pdfjsAssets } from './scripts/vite-pdfjs-assets';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The renderer as a static site: loaded from app:// by Electron and served by the backend's
 * bridge (`--static out/web`) for browsers. Relative base, so both work from any path.
 */
export default defineConfig({
  root: here('./src/renderer'),
  base: './',
  // pdfjsAssets: pdf.js's image decoders and fonts under pdfjs/ (the PDF preview).
  plugins: [react(), pdfjsAssets()],
  build: {
    outDir: here('./out/web'),
    emptyOutDir: true,
    // Old school PCs run Windows 7-10 with whatever Chromium Electron ships, and browsers a few
    // years old: no need to go lower than this.
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
