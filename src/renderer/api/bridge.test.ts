import { describe, expect, it } from 'vitest';
import { readTokenFromHtml, rpcUrl } from './bridge';

describe('bridge helpers', () => {
  it('builds the socket URL from the page location and token', () => {
    expect(rpcUrl('abc+/=', { protocol: 'http:', host: '127.0.0.1:5183' })).toBe('ws://127.0.0.1:5183/rpc?token=abc%2B%2F%3D');
    expect(rpcUrl('t', { protocol: 'https:', host: 'truong.local' })).toBe('wss://truong.local/rpc?token=t');
    expect(rpcUrl(null, { protocol: 'http:', host: 'localhost:1' })).toBe('ws://localhost:1/rpc');
  });

  it('reads the token the bridge injects into index.html', () => {
    const html =
      '<!doctype html><html><head><meta name="tc-bridge-token" content="k3y-_x"><title>x</title></head><body></body></html>';
    expect(readTokenFromHtml(html)).toBe('k3y-_x');
    expect(readTokenFromHtml('<html><head></head></html>')).toBeNull();
  });
});
