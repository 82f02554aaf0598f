/**
 * Draws the app icon (build/icon.png, 512×512 RGBA) without any image library or download:
 * a rounded blue square with a white school roof and a check mark, antialiased by 4×4
 * supersampling, encoded as PNG with node:zlib. electron-builder derives the Windows .ico
 * and the Linux icon sizes from this file.
 *
 *   npx tsx build/make-icon.ts [output.png]
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZE = 512;
const SS = 4; // samples per axis per pixel

type Pt = readonly [number, number];
type Rgb = readonly [number, number, number];

function distToSegment(p: Pt, a: Pt, b: Pt): number {
  const [px, py] = p;
  const [ax, ay] = a;
  const [bx, by] = b;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function onPolyline(p: Pt, points: readonly Pt[], halfWidth: number): boolean {
  for (let i = 0; i + 1 < points.length; i++) if (distToSegment(p, points[i]!, points[i + 1]!) <= halfWidth) return true;
  return false;
}

function inRoundedSquare([x, y]: Pt, inset: number, radius: number): boolean {
  const lo = inset + radius;
  const hi = SIZE - inset - radius;
  const cx = Math.min(Math.max(x, lo), hi);
  const cy = Math.min(Math.max(y, lo), hi);
  return Math.hypot(x - cx, y - cy) <= radius && x >= inset && x <= SIZE - inset && y >= inset && y <= SIZE - inset;
}

const TOP: Rgb = [0x16, 0x77, 0xff]; // antd blue
const BOTTOM: Rgb = [0x0a, 0x3d, 0x91];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const ROOF: Pt[] = [
  [112, 236],
  [256, 124],
  [400, 236],
];
const CHECK: Pt[] = [
  [180, 318],
  [236, 374],
  [334, 276],
];

/** Colour and coverage of one sample point; null = transparent. */
function sample(p: Pt): Rgb | null {
  if (!inRoundedSquare(p, 16, 104)) return null;
  if (onPolyline(p, ROOF, 20) || onPolyline(p, CHECK, 26)) return WHITE;
  const t = p[1] / SIZE;
  return [0, 1, 2].map((i) => Math.round(TOP[i]! * (1 - t) + BOTTOM[i]! * t)) as unknown as Rgb;
}

export function renderIcon(): Buffer {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const c = sample([x + (sx + 0.5) / SS, y + (sy + 0.5) / SS]);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered++;
        }
      }
      const o = row + 1 + x * 4;
      if (covered > 0) {
        raw[o] = Math.round(r / covered);
        raw[o + 1] = Math.round(g / covered);
        raw[o + 2] = Math.round(b / covered);
        raw[o + 3] = Math.round((covered / (SS * SS)) * 255);
      }
    }
  }
  return encodePng(SIZE, SIZE, raw);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData) >>> 0);
  return Buffer.concat([len, typeAndData, crc]);
}

function encodePng(width: number, height: number, rawRgbaRows: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rawRgbaRows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const out = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, 'icon.png'));
  fs.writeFileSync(out, renderIcon());
  console.log(`wrote ${out}`);
}
