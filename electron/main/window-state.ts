import fs from 'node:fs';
import path from 'node:path';

/**
 * Remembered window size and position (userData/window-state.json). The saved bounds are
 * used only if enough of the window lands on a display that still exists (a laptop unplugged
 * from its projector must not open off-screen).
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const MIN_SIZE = { width: 960, height: 640 } as const;
export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < 100_000;

export function parseWindowState(text: string | null): WindowState | null {
  if (!text) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as { bounds?: Partial<Rect>; maximized?: unknown };
  const b = o.bounds;
  if (!b || !isInt(b.x) || !isInt(b.y) || !isInt(b.width) || !isInt(b.height)) return null;
  if (b.width <= 0 || b.height <= 0) return null;
  return {
    bounds: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) },
    maximized: o.maximized === true,
  };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The bounds to open with: the saved ones, clamped to the work area of the display they
 * mostly sit on, if at least a quarter of the window (and its title bar) is visible; otherwise
 * the default size centred on the primary display.
 */
export function fitWindowState(saved: WindowState | null, workAreas: readonly Rect[], primary: Rect): WindowState {
  const centred = (): WindowState => {
    const width = Math.min(DEFAULT_SIZE.width, primary.width);
    const height = Math.min(DEFAULT_SIZE.height, primary.height);
    return {
      bounds: { x: primary.x + Math.round((primary.width - width) / 2), y: primary.y + Math.round((primary.height - height) / 2), width, height },
      maximized: saved?.maximized ?? false,
    };
  };
  if (!saved) return centred();
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const a = overlap(saved.bounds, area);
    if (a > bestArea) {
      best = area;
      bestArea = a;
    }
  }
  const titleBar: Rect = { x: saved.bounds.x, y: saved.bounds.y, width: saved.bounds.width, height: 32 };
  const titleVisible = workAreas.some((a) => overlap(titleBar, a) > 0);
  if (!best || bestArea < (saved.bounds.width * saved.bounds.height) / 4 || !titleVisible) return centred();
  const width = Math.max(Math.min(saved.bounds.width, best.width), Math.min(MIN_SIZE.width, best.width));
  const height = Math.max(Math.min(saved.bounds.height, best.height), Math.min(MIN_SIZE.height, best.height));
  const x = Math.min(Math.max(saved.bounds.x, best.x), best.x + best.width - width);
  const y = Math.min(Math.max(saved.bounds.y, best.y), best.y + best.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}

export function loadWindowState(dir: string): WindowState | null {
  try {
    return parseWindowState(fs.readFileSync(path.join(dir, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    return null;
  }
}

/** Write-then-rename so a crash while saving cannot leave a half-written file. */
export function saveWindowState(dir: string, state: WindowState): void {
  const file = path.join(dir, WINDOW_STATE_FILE);
  const tmp = `${file}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify(state));
    fs.renameSync(tmp, file);
  } catch {
    // Not worth bothering the user: next start simply uses the default size.
  }
}
