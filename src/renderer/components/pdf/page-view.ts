/**
 * The arithmetic of the PDF preview, kept apart from React and pdf.js so it can be tested:
 * which page, how big, and how many canvas pixels.
 */

/** pdf.js measures pages in PDF points (1/72 inch); 100 % means real size on a 96 dpi screen. */
export const CSS_PX_PER_PT = 96 / 72;

/** Zoom steps for "-" and "+", as fractions of real size. */
export const ZOOM_STEPS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4] as const;
export const MIN_ZOOM = ZOOM_STEPS[0];
export const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1]!;

/**
 * A canvas larger than this many pixels is drawn at a lower resolution (and stretched by CSS):
 * a 4096 × 4096 RGBA canvas is already 64 MB, a lot for a school office PC with 4 GB.
 */
export const MAX_CANVAS_PIXELS = 4096 * 4096;

/** A page number within 1..pageCount (1 when the count is unknown), whatever was typed. */
export function clampPage(page: number, pageCount: number): number {
  if (!Number.isFinite(page) || pageCount < 1) return 1;
  return Math.min(Math.max(Math.round(page), 1), pageCount);
}

export function clampZoom(zoom: number): number {
  if (!Number.isFinite(zoom) || zoom <= 0) return 1;
  return Math.min(Math.max(zoom, MIN_ZOOM), MAX_ZOOM);
}

/**
 * The zoom at which a page `pageWidthPt` wide fills `availableWidthPx` (the box's inner width):
 * never below the smallest step, so a phone-narrow window still shows something legible.
 */
export function fitWidthZoom(pageWidthPt: number, availableWidthPx: number): number {
  if (!(pageWidthPt > 0) || !(availableWidthPx > 0)) return 1;
  return clampZoom(availableWidthPx / (pageWidthPt * CSS_PX_PER_PT));
}

/** The next step up from `zoom` (a fit-width zoom like 0.87 goes to 1). */
export function zoomIn(zoom: number): number {
  return ZOOM_STEPS.find((s) => s > zoom + 1e-6) ?? MAX_ZOOM;
}

/** The next step down from `zoom` (0.87 goes to 0.75). */
export function zoomOut(zoom: number): number {
  return [...ZOOM_STEPS].reverse().find((s) => s < zoom - 1e-6) ?? MIN_ZOOM;
}

/** "87 %" in the toolbar. */
export function zoomPercent(zoom: number): number {
  return Math.round(zoom * 100);
}

export interface CanvasSize {
  /** The canvas element's pixel size. */
  width: number;
  height: number;
  /** Canvas pixels per CSS pixel: the screen's devicePixelRatio, lowered for huge pages. */
  outputScale: number;
}

/**
 * Canvas pixels for a page shown `cssWidth × cssHeight` CSS pixels on a screen with
 * `devicePixelRatio`: sharp on high-DPI screens, but never more than `maxPixels` in total.
 */
export function canvasSize(
  cssWidth: number,
  cssHeight: number,
  devicePixelRatio: number,
  maxPixels = MAX_CANVAS_PIXELS,
): CanvasSize {
  const dpr = Number.isFinite(devicePixelRatio) && devicePixelRatio > 0 ? devicePixelRatio : 1;
  const area = Math.max(cssWidth, 1) * Math.max(cssHeight, 1);
  const outputScale = Math.min(dpr, Math.sqrt(maxPixels / area));
  return {
    width: Math.max(1, Math.floor(cssWidth * outputScale)),
    height: Math.max(1, Math.floor(cssHeight * outputScale)),
    outputScale,
  };
}
