/**
 * Files pdf.js fetches by a fixed name at run time, from a folder URL we give it, rather than
 * through imports the bundler could follow. The build copies exactly these from
 * node_modules/pdfjs-dist into `pdfjs/` next to index.html, and the dev server serves them
 * from there (scripts/vite-pdfjs-assets.ts). Same origin, so the CSP needs nothing new.
 *
 * - wasm/*_nowasm_fallback.js: pdf.js 6 decodes CCITT G4 and JBIG2 (black-and-white scans,
 *   most of our evidence) and JPEG 2000 only through these modules. We use the plain JS
 *   builds, not the .wasm ones: compiling WebAssembly would need 'wasm-unsafe-eval' in
 *   script-src, and a scanned page or two does not need the speed.
 * - standard_fonts: glyphs for PDFs that name a standard font without embedding it (Symbol,
 *   ZapfDingbats, and fallbacks when the PC lacks Arial/Times). Vietnamese office documents
 *   embed their fonts, so this is rarely fetched.
 * Not shipped: cmaps/ (predefined CJK encodings of non-embedded Chinese/Japanese/Korean fonts,
 * 1.7 MB, never seen in Vietnamese school documents: such text would not be drawn) and
 * iccs/ (used only by the WebAssembly colour engine, which is off).
 */
export const PDFJS_ASSET_DIR = 'pdfjs';

export const PDFJS_ASSET_FILES: readonly string[] = [
  'wasm/jbig2_nowasm_fallback.js',
  'wasm/openjpeg_nowasm_fallback.js',
  'wasm/LICENSE_JBIG2',
  'wasm/LICENSE_PDFJS_JBIG2',
  'wasm/LICENSE_OPENJPEG',
  'wasm/LICENSE_PDFJS_OPENJPEG',
  'standard_fonts/FoxitDingbats.pfb',
  'standard_fonts/FoxitFixed.pfb',
  'standard_fonts/FoxitFixedBold.pfb',
  'standard_fonts/FoxitFixedBoldItalic.pfb',
  'standard_fonts/FoxitFixedItalic.pfb',
  'standard_fonts/FoxitSerif.pfb',
  'standard_fonts/FoxitSerifBold.pfb',
  'standard_fonts/FoxitSerifBoldItalic.pfb',
  'standard_fonts/FoxitSerifItalic.pfb',
  'standard_fonts/FoxitSymbol.pfb',
  'standard_fonts/LiberationSans-Bold.ttf',
  'standard_fonts/LiberationSans-BoldItalic.ttf',
  'standard_fonts/LiberationSans-Italic.ttf',
  'standard_fonts/LiberationSans-Regular.ttf',
  'standard_fonts/LICENSE_FOXIT',
  'standard_fonts/LICENSE_LIBERATION',
];
