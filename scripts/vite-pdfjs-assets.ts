import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';
import { PDFJS_ASSET_DIR, PDFJS_ASSET_FILES } from '../src/renderer/components/pdf/pdfjs-assets';

/**
 * Puts the pdf.js files that are fetched by name at run time (decoders for scanned images,
 * standard fonts; list and reasons in src/renderer/components/pdf/pdfjs-assets.ts) under
 * `pdfjs/` in the renderer build, unhashed, because pdf.js joins a folder URL and a fixed
 * file name. The dev server serves the same files from node_modules. Used by both renderer
 * builds (vite.web.config.ts, electron.vite.config.ts).
 */
export function pdfjsAssets(pdfjsRoot = defaultPdfjsRoot()): Plugin {
  const allowed = new Set(PDFJS_ASSET_FILES);
  return {
    name: 'truong-chuan:pdfjs-assets',
    buildStart() {
      // A pdfjs-dist upgrade that renames a file must fail the build, not blank the preview.
      const missing = PDFJS_ASSET_FILES.filter((f) => !fs.existsSync(path.join(pdfjsRoot, f)));
      if (missing.length > 0) this.error(`pdfjs-dist files missing: ${missing.join(', ')}`);
    },
    generateBundle() {
      for (const file of PDFJS_ASSET_FILES) {
        this.emitFile({
          type: 'asset',
          fileName: `${PDFJS_ASSET_DIR}/${file}`,
          source: fs.readFileSync(path.join(pdfjsRoot, file)),
        });
      }
    },
    configureServer(server) {
      server.middlewares.use(`/${PDFJS_ASSET_DIR}/`, (req, res, next) => {
        const file = (req.url ?? '').split('?')[0]!.replace(/^\//, '');
        // Only the listed files: no path from the request ever reaches the filesystem.
        if (!allowed.has(file)) return next();
        res.setHeader('Content-Type', contentTypeOf(file));
        fs.createReadStream(path.join(pdfjsRoot, file)).pipe(res);
      });
    },
  };
}

export function contentTypeOf(file: string): string {
  if (file.endsWith('.js')) return 'text/javascript; charset=utf-8';
  if (file.endsWith('.ttf')) return 'font/ttf';
  if (file.includes('LICENSE')) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

function defaultPdfjsRoot(): string {
  return path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}
