import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PDFJS_ASSET_FILES } from '../src/renderer/components/pdf/pdfjs-assets';
import { contentTypeOf, pdfjsAssets } from './vite-pdfjs-assets';

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const hook = (plugin: ReturnType<typeof pdfjsAssets>, name: 'buildStart' | 'generateBundle' | 'configureServer') =>
  plugin[name] as unknown as Hook;

describe('pdfjsAssets (Vite plugin)', () => {
  it('emits every listed pdf.js file under pdfjs/, unhashed and byte for byte', () => {
    const emitted: { fileName: string; source: Buffer }[] = [];
    const ctx = {
      emitFile: (f: { fileName: string; source: Buffer }) => emitted.push(f),
      error: (m: string) => {
        throw new Error(m);
      },
    };
    const plugin = pdfjsAssets();
    hook(plugin, 'buildStart').call(ctx);
    hook(plugin, 'generateBundle').call(ctx);
    expect(emitted.map((f) => f.fileName)).toEqual(PDFJS_ASSET_FILES.map((f) => `pdfjs/${f}`));
    const jbig2 = emitted.find((f) => f.fileName === 'pdfjs/wasm/jbig2_nowasm_fallback.js')!;
    expect(jbig2.source.toString('utf8', 0, 200)).toContain('export default function');
    // The plain JS decoders are there; the .wasm ones (they would need 'wasm-unsafe-eval') are not.
    expect(emitted.some((f) => f.fileName.endsWith('.wasm'))).toBe(false);
  });

  it('fails the build when pdfjs-dist no longer has a listed file', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'pdfjs-'));
    const ctx = {
      error: (m: string) => {
        throw new Error(m);
      },
    };
    expect(() => hook(pdfjsAssets(empty), 'buildStart').call(ctx)).toThrow(
      /pdfjs-dist files missing: wasm\/jbig2_nowasm_fallback\.js/,
    );
    fs.rmSync(empty, { recursive: true });
  });

  it('dev server: serves the listed files and passes anything else on', async () => {
    let mounted: { prefix: string; handler: (req: { url: string }, res: unknown, next: () => void) => void } | null = null;
    const server = { middlewares: { use: (prefix: string, handler: never) => (mounted = { prefix, handler }) } };
    hook(pdfjsAssets(), 'configureServer').call(undefined, server);
    expect(mounted!.prefix).toBe('/pdfjs/');

    const res = Object.assign(new PassThrough(), { headers: {} as Record<string, string> });
    const setHeader = (k: string, v: string) => (res.headers[k] = v);
    let passed = 0;
    mounted!.handler(
      { url: '/standard_fonts/LiberationSans-Regular.ttf?v=1' },
      Object.assign(res, { setHeader }),
      () => passed++,
    );
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    expect(passed).toBe(0);
    expect(res.headers['Content-Type']).toBe('font/ttf');
    expect(Buffer.concat(chunks).length).toBeGreaterThan(100_000);

    for (const url of ['/../package.json', '/wasm/jbig2.wasm', '/wasm/%2e%2e/package.json', '/cmaps/Adobe-GB1-0.bcmap']) {
      mounted!.handler({ url }, { setHeader }, () => passed++);
    }
    expect(passed).toBe(4);
  });

  it('content types the browser needs for a module import and a font', () => {
    expect(contentTypeOf('wasm/openjpeg_nowasm_fallback.js')).toMatch(/^text\/javascript/);
    expect(contentTypeOf('standard_fonts/FoxitSymbol.pfb')).toBe('application/octet-stream');
    expect(contentTypeOf('wasm/LICENSE_JBIG2')).toMatch(/^text\/plain/);
  });
});
