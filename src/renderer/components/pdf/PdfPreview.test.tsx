import '../../test/dom-env';
import '../../i18n';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { PdfDocument, PdfLoader, PdfPage } from './pdf-document';
import { CSS_PX_PER_PT } from './page-view';
import { PdfPreview } from './PdfPreview';

afterEach(cleanup);
// The first render pulls in antd: slow on a loaded 2-core machine.
configure({ asyncUtilTimeout: 8000 });

const A4 = { width: 595, height: 842 };

/**
 * A stand-in for pdf.js (jsdom has no canvas and no workers): pages of A4 size whose render
 * records what it was asked to draw. The real engine is exercised by e2e/evidence.spec.ts.
 */
function fakePdf(numPages: number) {
  const renders: { page: number; scale: number; canvas: HTMLCanvasElement }[] = [];
  const destroy = vi.fn(async () => {});
  const page = (n: number): PdfPage => ({
    getViewport: ({ scale }) => ({ width: A4.width * scale, height: A4.height * scale }),
    render: ({ canvas, viewport }) => {
      renders.push({ page: n, scale: viewport.width / A4.width, canvas });
      return { promise: Promise.resolve(), cancel: () => {} };
    },
  });
  const doc: PdfDocument = { numPages, getPage: async (n) => page(n), destroy };
  const received: Uint8Array[] = [];
  const load: PdfLoader = async (bytes) => {
    received.push(bytes);
    return doc;
  };
  return { load, renders, destroy, received };
}

const BYTES = new TextEncoder().encode('%PDF-1.4 fake');
const preview = () => screen.getByTestId('pdf-preview');

describe('PdfPreview', () => {
  it('opens the document, draws page 1, and steps through the pages', async () => {
    const pdf = fakePdf(3);
    render(<PdfPreview bytes={BYTES} title="Biên bản họp" load={pdf.load} />);
    await waitFor(() => expect(preview().getAttribute('data-rendered-page')).toBe('1'));
    expect(preview().getAttribute('data-pages')).toBe('3');
    expect(screen.getByTestId('pdf-page').textContent).toBe('Trang 1 / 3');
    expect(screen.getByTestId('pdf-canvas').getAttribute('aria-label')).toBe('Trang 1 của Biên bản họp');
    expect((screen.getByTestId('pdf-prev') as HTMLButtonElement).disabled).toBe(true);
    // pdf.js takes the buffer it is given; the caller's bytes must stay intact.
    expect(pdf.received[0]).not.toBe(BYTES);
    expect([...pdf.received[0]!]).toEqual([...BYTES]);

    fireEvent.click(screen.getByTestId('pdf-next'));
    await waitFor(() => expect(preview().getAttribute('data-rendered-page')).toBe('2'));
    expect(screen.getByTestId('pdf-page').textContent).toBe('Trang 2 / 3');
    expect(screen.getAllByTestId('pdf-canvas')).toHaveLength(1);
    expect(screen.getByTestId('pdf-canvas').getAttribute('data-page')).toBe('2');

    fireEvent.keyDown(screen.getByTestId('pdf-canvas').parentElement!.parentElement!, { key: 'End' });
    await waitFor(() => expect(preview().getAttribute('data-rendered-page')).toBe('3'));
    expect((screen.getByTestId('pdf-next') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('pdf-next'));
    expect(screen.getByTestId('pdf-page').textContent).toBe('Trang 3 / 3');
    expect(pdf.renders.map((r) => r.page)).toEqual([1, 2, 3]);
  });

  it('zooms by steps from fit width and back to fit width', async () => {
    const pdf = fakePdf(1);
    render(<PdfPreview bytes={BYTES} title="Kế hoạch" load={pdf.load} />);
    // jsdom lays nothing out: the box has no width, so "fit" falls back to 100 %.
    await waitFor(() => expect(screen.getByTestId('pdf-zoom').textContent).toBe('100 %'));
    fireEvent.click(screen.getByTestId('pdf-zoom-in'));
    await waitFor(() => expect(screen.getByTestId('pdf-zoom').textContent).toBe('125 %'));
    expect(pdf.renders.at(-1)!.scale).toBeCloseTo(1.25 * CSS_PX_PER_PT, 6);
    const canvas = screen.getByTestId('pdf-canvas') as HTMLCanvasElement;
    expect(canvas.style.width).toBe(`${Math.floor(A4.width * 1.25 * CSS_PX_PER_PT)}px`);
    fireEvent.click(screen.getByTestId('pdf-zoom-out'));
    fireEvent.click(screen.getByTestId('pdf-zoom-out'));
    await waitFor(() => expect(screen.getByTestId('pdf-zoom').textContent).toBe('75 %'));
    fireEvent.click(screen.getByTestId('pdf-zoom-fit'));
    await waitFor(() => expect(screen.getByTestId('pdf-zoom').textContent).toBe('100 %'));
  });

  it.each([
    ['PasswordException', 'password', 'Tệp được đặt mật khẩu'],
    ['InvalidPDFException', 'damaged', 'Tệp bị hỏng hoặc không phải tệp PDF hợp lệ'],
  ])('%s: says in Vietnamese why the file does not open, and keeps "Tải về"', async (name, failure, text) => {
    const load: PdfLoader = () => Promise.reject(Object.assign(new Error('pdf.js'), { name }));
    const onDownload = vi.fn();
    render(<PdfPreview bytes={BYTES} title="x" load={load} download={<button onClick={onDownload}>Tải về</button>} />);
    const error = await screen.findByTestId('pdf-error');
    expect(error.getAttribute('data-failure')).toBe(failure);
    expect(error.textContent).toContain('Không mở được tệp PDF này');
    expect(error.textContent).toContain(text);
    fireEvent.click(screen.getByText('Tải về'));
    expect(onDownload).toHaveBeenCalledOnce();
    expect(screen.queryByTestId('pdf-preview')).toBeNull();
  });

  it('a page that fails to draw is reported; the other pages still work', async () => {
    const pdf = fakePdf(2);
    const load: PdfLoader = async (bytes) => {
      const doc = await pdf.load(bytes);
      return {
        ...doc,
        getPage: async (n) => (n === 1 ? Promise.reject(new Error('bad content stream')) : doc.getPage(n)),
      };
    };
    render(<PdfPreview bytes={BYTES} title="x" load={load} />);
    expect(await screen.findByTestId('pdf-page-error')).toBeTruthy();
    fireEvent.click(screen.getByTestId('pdf-next'));
    await waitFor(() => expect(preview().getAttribute('data-rendered-page')).toBe('2'));
    expect(screen.queryByTestId('pdf-page-error')).toBeNull();
  });

  it('closes the document when the preview goes away', async () => {
    const pdf = fakePdf(1);
    const { unmount } = render(<PdfPreview bytes={BYTES} title="x" load={pdf.load} />);
    await waitFor(() => expect(preview().getAttribute('data-rendered-page')).toBe('1'));
    act(() => unmount());
    expect(pdf.destroy).toHaveBeenCalledOnce();
  });
});
