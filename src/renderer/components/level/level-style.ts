import type { CSSProperties } from 'react';

/** One palette for every level badge and tag: grey = not assessed, red = not met, then cooler hues upwards. */
const PALETTE: { border: string; background: string; color: string }[] = [
  { border: '#ffa39e', background: '#fff1f0', color: '#cf1322' },
  { border: '#91caff', background: '#e6f4ff', color: '#0958d9' },
  { border: '#95de64', background: '#f6ffed', color: '#237804' },
  { border: '#5cdbd3', background: '#e6fffb', color: '#006d75' },
  { border: '#b37feb', background: '#f9f0ff', color: '#531dab' },
];
const UNASSESSED = { border: '#d9d9d9', background: '#fafafa', color: '#595959' };

export function levelColors(level: number | null | undefined): { border: string; background: string; color: string } {
  if (level === null || level === undefined || level < 0) return UNASSESSED;
  return PALETTE[Math.min(level, PALETTE.length - 1)]!;
}

export function levelTagStyle(level: number | null | undefined, big = false): CSSProperties {
  const c = levelColors(level);
  return {
    borderColor: c.border,
    background: c.background,
    color: c.color,
    fontWeight: 600,
    marginInlineEnd: 0,
    ...(big ? { fontSize: 20, lineHeight: '34px', padding: '0 16px', borderRadius: 8 } : {}),
  };
}
