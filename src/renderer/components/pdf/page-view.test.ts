import { describe, expect, it } from 'vitest';
import { canvasSize, clampPage, CSS_PX_PER_PT, fitWidthZoom, MAX_CANVAS_PIXELS, zoomIn, zoomOut, zoomPercent } from './page-view';
import { isRenderCancelled, PdfEngineError, pdfFailureOf } from './pdf-document';

const A4_WIDTH_PT = 595;

describe('clampPage', () => {
  it('keeps a page number within 1..count, rounding what was typed', () => {
    expect(clampPage(0, 5)).toBe(1);
    expect(clampPage(-3, 5)).toBe(1);
    expect(clampPage(6, 5)).toBe(5);
    expect(clampPage(2.6, 5)).toBe(3);
    expect(clampPage(Number.NaN, 5)).toBe(1);
    expect(clampPage(3, 0)).toBe(1);
  });
});

describe('zoom', () => {
  it('fit width: an A4 page in a 793 px box is shown at 100 %', () => {
    expect(fitWidthZoom(A4_WIDTH_PT, A4_WIDTH_PT * CSS_PX_PER_PT)).toBeCloseTo(1, 6);
    expect(fitWidthZoom(A4_WIDTH_PT, 600)).toBeCloseTo(600 / 793.33, 3);
  });

  it('fit width stays within the zoom range, and is 100 % before the box is measured', () => {
    expect(fitWidthZoom(A4_WIDTH_PT, 50)).toBe(0.25);
    expect(fitWidthZoom(100, 10_000)).toBe(4);
    expect(fitWidthZoom(A4_WIDTH_PT, 0)).toBe(1);
    expect(fitWidthZoom(0, 800)).toBe(1);
  });

  it('+ and - go to the next step, also from an in-between fit-width zoom, and stop at the ends', () => {
    expect(zoomIn(1)).toBe(1.25);
    expect(zoomIn(0.87)).toBe(1);
    expect(zoomOut(0.87)).toBe(0.75);
    expect(zoomOut(1)).toBe(0.75);
    expect(zoomIn(4)).toBe(4);
    expect(zoomOut(0.25)).toBe(0.25);
    expect(zoomPercent(0.8734)).toBe(87);
  });
});

describe('canvasSize', () => {
  it('is sharp on a high-DPI screen: the canvas has devicePixelRatio × the CSS size', () => {
    expect(canvasSize(600, 849, 2)).toEqual({ width: 1200, height: 1698, outputScale: 2 });
    expect(canvasSize(600, 849, 1)).toEqual({ width: 600, height: 849, outputScale: 1 });
  });

  it('never goes above the pixel budget: a 400 % A3 page is drawn at lower resolution', () => {
    const size = canvasSize(842 * 4 * CSS_PX_PER_PT, 1191 * 4 * CSS_PX_PER_PT, 2);
    expect(size.width * size.height).toBeLessThanOrEqual(MAX_CANVAS_PIXELS);
    expect(size.outputScale).toBeLessThan(1);
    expect(size.width / size.height).toBeCloseTo(842 / 1191, 2);
  });

  it('copes with a missing or odd devicePixelRatio', () => {
    expect(canvasSize(100, 100, Number.NaN).outputScale).toBe(1);
    expect(canvasSize(100, 100, 0).outputScale).toBe(1);
  });
});

describe('pdfFailureOf', () => {
  const named = (name: string) => Object.assign(new Error('x'), { name });

  it('tells a password-protected file from a damaged one and from our own failure to start', () => {
    expect(pdfFailureOf(named('PasswordException'))).toBe('password');
    expect(pdfFailureOf(named('InvalidPDFException'))).toBe('damaged');
    expect(pdfFailureOf(named('UnknownErrorException'))).toBe('damaged');
    expect(pdfFailureOf({ name: 'PasswordException', message: 'No password given' })).toBe('password');
    expect(pdfFailureOf(new PdfEngineError('worker failed'))).toBe('engine');
    expect(pdfFailureOf(new TypeError('Failed to fetch dynamically imported module: app://x/assets/pdfjs.js'))).toBe('engine');
    expect(pdfFailureOf('???')).toBe('damaged');
  });

  it('recognises a cancelled render', () => {
    expect(isRenderCancelled(named('RenderingCancelledException'))).toBe(true);
    expect(isRenderCancelled(named('Error'))).toBe(false);
    expect(isRenderCancelled(null)).toBe(false);
  });
});
