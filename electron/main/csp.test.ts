import { describe, expect, it } from 'vitest';
import { buildCsp, devCsp, PROD_CSP, PROD_CSP_HEADER, securityHeaders } from './csp';

describe('CSP', () => {
  it('production header is exactly the agreed policy', () => {
    expect(PROD_CSP_HEADER).toBe(
      "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });

  it('allows inline only for styles, never for scripts, and no remote hosts anywhere', () => {
    expect(PROD_CSP['script-src']).toEqual(["'self'"]);
    expect(PROD_CSP_HEADER).not.toMatch(/unsafe-eval|https?:|\*/);
    const inline = Object.entries(PROD_CSP).filter(([, v]) => v.includes("'unsafe-inline'")).map(([k]) => k);
    expect(inline).toEqual(['style-src']);
  });

  it('lets workers (the PDF preview\'s pdf.js) start only from our own files: no blob:, no data:', () => {
    expect(PROD_CSP['worker-src']).toEqual(["'self'"]);
    expect(PROD_CSP['script-src']).not.toContain("'wasm-unsafe-eval'");
    expect(devCsp('http://localhost:5173/')['worker-src']).toEqual(["'self'"]);
  });

  it('refuses directive values that would inject another directive', () => {
    expect(() => buildCsp({ 'script-src': ["'self'; script-src *"] })).toThrow(/Invalid CSP source/);
    expect(() => buildCsp({ 'script-src': ["'self' https://evil"] })).toThrow();
    expect(() => buildCsp({ 'script-src; x': ["'self'"] })).toThrow(/directive name/);
    expect(buildCsp({ 'upgrade-insecure-requests': [] })).toBe('upgrade-insecure-requests');
  });

  it('dev policy adds only what Vite needs, for the dev server origin only', () => {
    const dev = devCsp('http://localhost:5173/');
    expect(dev['script-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev['connect-src']).toEqual(["'self'", 'ws://localhost:5173', 'http://localhost:5173']);
    expect(dev['object-src']).toEqual(["'none'"]);
    expect(buildCsp(dev)).toContain("frame-ancestors 'none'");
  });

  it('security headers carry the CSP and nosniff', () => {
    expect(securityHeaders('x')).toMatchObject({ 'Content-Security-Policy': 'x', 'X-Content-Type-Options': 'nosniff' });
  });
});
