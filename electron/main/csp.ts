/**
 * Content-Security-Policy for the renderer. Production: sent as a response header by the
 * app:// protocol handler on every response (app-protocol.ts). Dev: added to the Vite dev
 * server's responses through webRequest (index.ts), with the two relaxations Vite needs.
 *
 * Why `style-src 'unsafe-inline'` (and only for styles): antd 6 (cssinjs) inserts <style>
 * elements at runtime, and React's `style={…}` props become inline style attributes. Script
 * execution stays 'self' only: no inline scripts, no eval, no remote code. Inline styles
 * cannot run code; the residual risk (CSS-based data exfiltration) is blocked by
 * `img-src`/`font-src`/`connect-src` allowing no remote hosts.
 *
 * Why `worker-src 'self'`: the PDF preview runs pdf.js's parser in a module worker that Vite
 * emits as a same-origin asset (src/renderer/components/pdf/pdfjs.ts). script-src 'self'
 * would already cover it (worker-src falls back to it); naming it pins workers to our own
 * files even if script-src ever changes, and keeps blob: workers out: pdf.js would build one
 * only for a worker URL it takes for cross-origin, and we start the worker ourselves.
 * pdf.js 6 needs no eval, and runs without WebAssembly (`useWasm: false`), so script-src
 * stays without 'unsafe-eval' and 'wasm-unsafe-eval'.
 */

export type CspDirectives = Readonly<Record<string, readonly string[]>>;

export const PROD_CSP: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'worker-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
};

/** Serializes directives in a stable order: `a x y; b z`. Rejects values that would break out. */
export function buildCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, values]) => {
      if (!/^[a-z-]+$/.test(name)) throw new Error(`Invalid CSP directive name: ${name}`);
      for (const v of values) {
        if (v === '' || /[;,\s]/.test(v)) throw new Error(`Invalid CSP source for ${name}: ${JSON.stringify(v)}`);
      }
      return values.length > 0 ? `${name} ${values.join(' ')}` : name;
    })
    .join('; ');
}

/**
 * Dev server policy: Vite's React plugin injects an inline preamble script, and HMR talks
 * over a WebSocket to the dev server. Only used when the window loads ELECTRON_RENDERER_URL.
 */
export function devCsp(devServerOrigin: string): CspDirectives {
  const u = new URL(devServerOrigin);
  const ws = `${u.protocol === 'https:' ? 'wss:' : 'ws:'}//${u.host}`;
  return {
    ...PROD_CSP,
    'script-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", ws, u.origin],
  };
}

export const PROD_CSP_HEADER = buildCsp(PROD_CSP);

/** Headers every app:// response carries (the protocol handler adds Content-Type). */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
