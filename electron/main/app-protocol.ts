import nodePath from 'node:path';
import { APP_HOST, APP_SCHEME } from './constants';
import { securityHeaders } from './csp';

/**
 * Serving the built renderer on app://truong-chuan/ (registered as a privileged standard,
 * secure scheme in index.ts). No Electron import: everything here is tested in vitest,
 * including the Windows path rules (via `path.win32`) and real symlink escapes.
 *
 * A request is served only if
 *  1. it is GET/HEAD for our scheme and host;
 *  2. every decoded path segment is a plain name: no '.', '..', separators ('/' or '\'
 *     smuggled in as %2f / %5c), NUL, ':' (drive letters, NTFS streams), trailing dot or
 *     space (Windows drops them), or a Windows device name;
 *  3. the joined path is lexically inside the renderer root; and
 *  4. after resolving symlinks, the real path is still inside the real root.
 */

type PathApi = Pick<typeof nodePath, 'join' | 'resolve' | 'relative' | 'isAbsolute' | 'sep' | 'extname'>;

export type ResolveResult =
  | { ok: true; path: string; /** extension-less route: serve index.html if missing */ spaRoute: boolean }
  | { ok: false; status: 400 | 403 | 404 };

const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** True when `candidate` is `root` or below it (case rules of the given path API). */
export function isInside(root: string, candidate: string, path: PathApi = nodePath): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(candidate));
  if (rel === '') return true;
  if (path.isAbsolute(rel)) return false; // another drive on Windows
  const first = rel.split(path.sep)[0];
  return first !== '..';
}

/** One decoded URL path segment is acceptable as a file or folder name. */
export function isSafeSegment(segment: string): boolean {
  if (segment === '' || segment === '.' || segment === '..') return false;
  if (/[/\\:\0]/.test(segment)) return false;
  if (/[\x00-\x1f\x7f]/.test(segment)) return false;
  if (/[. ]$/.test(segment)) return false;
  if (WINDOWS_DEVICE.test(segment)) return false;
  return segment.length <= 255;
}

/**
 * Maps an app:// request URL to a file under `root`, lexically. Does not touch the disk;
 * `realPathInside` does the symlink check once the file is known to exist.
 */
export function resolveAppPath(root: string, requestUrl: string, path: PathApi = nodePath): ResolveResult {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 403 };
  if (url.username || url.password || url.port) return { ok: false, status: 403 };

  // url.pathname is still percent-encoded; split first so an encoded '/' cannot make a
  // new segment, then decode each segment on its own.
  const rawSegments = url.pathname.split('/').filter((s) => s !== '');
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400 };
    }
    if (!isSafeSegment(decoded)) return { ok: false, status: 403 };
    segments.push(decoded);
  }
  if (segments.length === 0) segments.push('index.html');

  const rootAbs = path.resolve(root);
  const full = path.join(rootAbs, ...segments);
  if (!isInside(rootAbs, full, path)) return { ok: false, status: 403 };
  return { ok: true, path: full, spaRoute: path.extname(segments[segments.length - 1]!) === '' };
}

/**
 * Resolves symlinks of both root and file and checks containment again. Returns the real
 * path, or null when the file is missing or its real location is outside the root.
 */
export async function realPathInside(
  root: string,
  candidate: string,
  realpath: (p: string) => Promise<string>,
  path: PathApi = nodePath,
): Promise<string | null> {
  let realRoot: string;
  let realFile: string;
  try {
    [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
  } catch {
    return null;
  }
  return isInside(realRoot, realFile, path) ? realFile : null;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** Content-Type for a served file; unknown types are sent as opaque bytes (and nosniff). */
export function mimeTypeFor(filePath: string): string {
  return MIME[nodePath.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export interface AppFs {
  readFile(p: string): Promise<Uint8Array>;
  realpath(p: string): Promise<string>;
  /** Resolves true for a regular file, false for anything else; rejects when missing. */
  isFile(p: string): Promise<boolean>;
}

export interface AppHandlerOptions {
  /** The built renderer folder (out/renderer). */
  root: string;
  /** Content-Security-Policy value sent with every response, errors included. */
  csp: string;
  fs: AppFs;
}

/** The function given to `protocol.handle('app', …)`. Uses only the Fetch API globals. */
export function createAppRequestHandler(opts: AppHandlerOptions): (request: Request) => Promise<Response> {
  const headersFor = (contentType: string): Headers => {
    const h = new Headers(securityHeaders(opts.csp));
    h.set('Content-Type', contentType);
    return h;
  };
  const fail = (status: number): Response =>
    new Response(status === 404 ? 'Không tìm thấy' : 'Không được phép', { status, headers: headersFor('text/plain; charset=utf-8') });

  const serve = async (file: string, method: string): Promise<Response | null> => {
    const real = await realPathInside(opts.root, file, opts.fs.realpath);
    if (!real) return null;
    try {
      if (!(await opts.fs.isFile(real))) return null;
      const body = method === 'HEAD' ? null : await opts.fs.readFile(real);
      const headers = headersFor(mimeTypeFor(real));
      // index.html must be re-read after an update; hashed assets may be cached.
      headers.set('Cache-Control', real.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
      return new Response(body, { status: 200, headers });
    } catch {
      return null;
    }
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const res = fail(405);
      res.headers.set('Allow', 'GET, HEAD');
      return res;
    }
    const resolved = resolveAppPath(opts.root, request.url);
    if (!resolved.ok) return fail(resolved.status);
    const res = await serve(resolved.path, request.method);
    if (res) return res;
    if (resolved.spaRoute) {
      // Client-side routes (/truong/ho-so) are not files: hand them to the SPA.
      const index = await serve(nodePath.join(opts.root, 'index.html'), request.method);
      if (index) return index;
    }
    return fail(404);
  };
}
