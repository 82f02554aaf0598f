import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Router } from '../rpc/router';
import { newConnection } from './connections';

/**
 * The browser transport (`npm run dev:web`, e2e tests): serves the built renderer and a
 * WebSocket at /rpc on 127.0.0.1 only. A random token, injected into the page it serves, must
 * come back on the socket, and the Origin must be this bridge's own: other local pages and
 * programs cannot drive the backend.
 */
export interface BridgeOptions {
  router: Router;
  host?: string;
  port?: number;
  /** Folder with the built renderer (index.html); omitted → RPC only. */
  staticDir?: string;
  token?: string;
  maxPayloadBytes?: number;
}

export interface Bridge {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** Same policy as the app:// protocol in Electron, plus the socket back to this origin. */
export function bridgeCsp(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // The PDF preview's pdf.js worker, a same-origin asset (see electron/main/csp.ts).
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Resolves a URL path inside root, or null when it would escape it. */
export function containedPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const resolved = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  const rootResolved = path.resolve(root);
  return resolved === rootResolved || resolved.startsWith(rootResolved + path.sep) ? resolved : null;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const host = opts.host ?? '127.0.0.1';
  let origin = '';

  const server = http.createServer((req, res) => {
    const headers = {
      'Content-Security-Policy': bridgeCsp(origin),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    if (!opts.staticDir) {
      res.writeHead(404, headers).end();
      return;
    }
    const urlPath = (req.url ?? '/') === '/' ? '/index.html' : (req.url ?? '/');
    const file = containedPath(opts.staticDir, urlPath);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Không tìm thấy');
      return;
    }
    const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    if (file.endsWith('index.html')) {
      const html = fs
        .readFileSync(file, 'utf8')
        .replace('<head>', `<head><meta name="tc-bridge-token" content="${token}">`);
      res.writeHead(200, { ...headers, 'Content-Type': type }).end(html);
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': type });
    fs.createReadStream(file).pipe(res);
  });

  // Evidence uploads travel as base64 (25 MB of file ≈ 34 MB of JSON): room for one, no more.
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayloadBytes ?? 40 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    // After 'upgrade' the http server no longer handles this socket's errors; an unhandled one
    // (a client resetting mid-handshake) would crash the process.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', origin);
    const given = url.searchParams.get('token') ?? '';
    const okOrigin = req.headers.origin === origin;
    if (url.pathname !== '/rpc' || !okOrigin || !sameToken(given, token)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws));
  });

  function serve(ws: WebSocket) {
    const conn = newConnection('ws', true);
    ws.on('message', async (data) => {
      let request: unknown;
      try {
        request = JSON.parse(data.toString());
      } catch {
        ws.send(JSON.stringify({ id: 0, ok: false, error: { code: 'BAD_REQUEST', message: 'Yêu cầu không đúng định dạng.' } }));
        return;
      }
      const response = await opts.router.dispatch(conn, request);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
    });
    ws.on('close', () => {
      conn.session = null;
    });
    // Protocol errors (a message over maxPayload, invalid UTF-8, a bad frame) arrive here; ws
    // then closes the socket. Without a listener the 'error' event would crash the process.
    ws.on('error', () => undefined);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      origin = `http://${host}:${port}`;
      resolve({
        url: `${origin}/`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            for (const client of wss.clients) client.terminate();
            wss.close();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
