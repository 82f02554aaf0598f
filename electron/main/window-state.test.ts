import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, fitWindowState, loadWindowState, MIN_SIZE, parseWindowState, saveWindowState, type Rect } from './window-state';

const primary: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const second: Rect = { x: 1920, y: 0, width: 1280, height: 984 };

describe('window state', () => {
  it('parses only well-formed state', () => {
    expect(parseWindowState('{"bounds":{"x":10,"y":20,"width":1000,"height":700},"maximized":true}')).toEqual({
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: true,
    });
    for (const bad of [null, '', 'nope', '{}', '{"bounds":{"x":"1","y":0,"width":1,"height":1}}', '{"bounds":{"x":0,"y":0,"width":-5,"height":1}}', '{"bounds":{"x":1e9,"y":0,"width":5,"height":1}}']) {
      expect(parseWindowState(bad)).toBeNull();
    }
  });

  it('no saved state → default size centred on the primary display', () => {
    expect(fitWindowState(null, [primary], primary)).toEqual({
      bounds: { x: (1920 - DEFAULT_SIZE.width) / 2, y: (1040 - DEFAULT_SIZE.height) / 2, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height },
      maximized: false,
    });
  });

  it('keeps saved bounds that are on a display', () => {
    const saved = { bounds: { x: 2000, y: 50, width: 1100, height: 800 }, maximized: false };
    expect(fitWindowState(saved, [primary, second], primary)).toEqual(saved);
  });

  it('re-centres a window whose display is gone (projector unplugged), keeping maximized', () => {
    const saved = { bounds: { x: 2000, y: 50, width: 1100, height: 800 }, maximized: true };
    const r = fitWindowState(saved, [primary], primary);
    expect(r.bounds.x + r.bounds.width).toBeLessThanOrEqual(1920);
    expect(r.maximized).toBe(true);
  });

  it('clamps a window hanging off the edge and never goes below the minimum size', () => {
    const r = fitWindowState({ bounds: { x: 1500, y: 100, width: 800, height: 300 }, maximized: false }, [primary], primary);
    expect(r.bounds.width).toBe(MIN_SIZE.width);
    expect(r.bounds.height).toBe(MIN_SIZE.height);
    expect(r.bounds.x + r.bounds.width).toBeLessThanOrEqual(1920);
  });

  it('re-centres when the title bar is off-screen (window cannot be dragged back)', () => {
    const r = fitWindowState({ bounds: { x: 100, y: -500, width: 1000, height: 1400 }, maximized: false }, [primary], primary);
    expect(r.bounds.y).toBeGreaterThanOrEqual(0);
  });

  it('saves and loads through a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-ws-'));
    try {
      expect(loadWindowState(dir)).toBeNull();
      const s = { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false };
      saveWindowState(dir, s);
      expect(loadWindowState(dir)).toEqual(s);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
