import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Alert, Button, Flex, Spin, Tooltip, Typography } from 'antd';
import { ColumnWidthOutlined, LeftOutlined, RightOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  isRenderCancelled,
  pdfFailureOf,
  type PdfDocument,
  type PdfFailure,
  type PdfLoader,
  type PdfRenderTask,
} from './pdf-document';
import { loadPdf } from './pdf-loader';
import {
  canvasSize,
  clampPage,
  CSS_PX_PER_PT,
  fitWidthZoom,
  MAX_ZOOM,
  MIN_ZOOM,
  zoomIn,
  zoomOut,
  zoomPercent,
} from './page-view';

/** Room around the page inside the grey box, in CSS pixels (each side). */
const PADDING = 8;

type Loaded = { state: 'loading' } | { state: 'ready'; doc: PdfDocument } | { state: 'failed'; failure: PdfFailure };

export interface PdfPreviewProps {
  /** The file's bytes (the RPCs' base64, decoded). Not modified: pdf.js gets a copy. */
  bytes: Uint8Array;
  /** The evidence title, for the page's accessible name. */
  title: string;
  /** "Tải về", shown with the error when the file does not open. */
  download?: ReactNode;
  /** How to open the bytes; tests pass a fake engine. */
  load?: PdfLoader;
}

/**
 * A PDF drawn page by page on a <canvas> with pdf.js, inside the app: the CSP rules out
 * Chromium's own viewer in a frame, and headless Chromium has none. One page at a time (old
 * PCs, 50-page scans), fit to width by default, with page and zoom controls.
 * `data-pages` (once open) and `data-rendered-page` (once drawn) let tests wait for real work.
 */
export function PdfPreview({ bytes, title, download, load = loadPdf }: PdfPreviewProps) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState<'fit' | number>('fit');
  const [rendered, setRendered] = useState<{ page: number; zoom: number } | null>(null);
  const [pageError, setPageError] = useState(false);
  const [boxWidth, setBoxWidth] = useState(0);
  const boxRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let alive = true;
    let opened: PdfDocument | null = null;
    setLoaded({ state: 'loading' });
    setPage(1);
    setRendered(null);
    load(bytes.slice()).then(
      (doc) => {
        opened = doc;
        if (alive) setLoaded({ state: 'ready', doc });
        else void doc.destroy();
      },
      (err: unknown) => alive && setLoaded({ state: 'failed', failure: pdfFailureOf(err) }),
    );
    return () => {
      alive = false;
      if (opened) void opened.destroy();
    };
  }, [bytes, load]);

  // Fit-to-width follows the box: the drawer or dialog width, the window being resized.
  const ready = loaded.state === 'ready';
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const measure = () => setBoxWidth(Math.max(0, box.clientWidth - 2 * PADDING));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, [ready]);

  const doc = loaded.state === 'ready' ? loaded.doc : null;
  const fitWidth = zoom === 'fit' ? boxWidth : null;
  useEffect(() => {
    const host = hostRef.current;
    if (!doc || !host) return;
    let alive = true;
    let task: PdfRenderTask | null = null;
    setPageError(false);
    (async () => {
      const pdfPage = await doc.getPage(page);
      if (!alive) return;
      const z = zoom === 'fit' ? fitWidthZoom(pdfPage.getViewport({ scale: 1 }).width, fitWidth ?? 0) : zoom;
      const viewport = pdfPage.getViewport({ scale: z * CSS_PX_PER_PT });
      const size = canvasSize(viewport.width, viewport.height, window.devicePixelRatio);
      // A new canvas per drawing: the old page stays on screen until the new one is ready,
      // and pdf.js never sees one canvas in two renders.
      const canvas = document.createElement('canvas');
      canvas.width = size.width;
      canvas.height = size.height;
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      canvas.style.background = '#fff';
      canvas.style.boxShadow = '0 1px 4px rgba(0, 0, 0, 0.25)';
      canvas.setAttribute('data-testid', 'pdf-canvas');
      canvas.setAttribute('data-page', String(page));
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', t('pdf.canvas', { page, title }));
      const s = size.outputScale;
      task = pdfPage.render({ canvas, viewport, transform: s === 1 ? undefined : [s, 0, 0, s, 0, 0] });
      await task.promise;
      if (!alive) return;
      host.replaceChildren(canvas);
      setRendered({ page, zoom: z });
    })().catch((err: unknown) => {
      if (alive && !isRenderCancelled(err)) setPageError(true);
    });
    return () => {
      alive = false;
      task?.cancel();
    };
  }, [doc, page, zoom, fitWidth, title, t]);

  if (loaded.state === 'failed') {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('pdf.error.title')}
        description={t(`pdf.error.${loaded.failure}`)}
        action={download}
        data-testid="pdf-error"
        data-failure={loaded.failure}
      />
    );
  }

  const pages = doc?.numPages ?? 0;
  const go = (to: number) => setPage(clampPage(to, pages));
  // The zoom asked for, so quick clicks on +/- add up; for "fit", the one last drawn.
  const current = typeof zoom === 'number' ? zoom : (rendered?.zoom ?? 1);
  const onKeyDown = (e: KeyboardEvent) => {
    const to = { ArrowLeft: page - 1, ArrowRight: page + 1, Home: 1, End: pages }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    go(to);
  };

  return (
    <div
      data-testid="pdf-preview"
      data-state={loaded.state}
      data-pages={doc ? pages : undefined}
      data-rendered-page={rendered?.page}
    >
      {!doc ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin description={t('pdf.loading')} />
        </Flex>
      ) : (
        <>
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
            <Flex align="center" gap={4}>
              <Tooltip title={t('pdf.prev')}>
                <Button
                  size="small"
                  icon={<LeftOutlined aria-hidden />}
                  aria-label={t('pdf.prev')}
                  disabled={page <= 1}
                  onClick={() => go(page - 1)}
                  data-testid="pdf-prev"
                />
              </Tooltip>
              <Typography.Text style={{ minWidth: 96, textAlign: 'center' }} data-testid="pdf-page" aria-live="polite">
                {t('pdf.page', { page, pages })}
              </Typography.Text>
              <Tooltip title={t('pdf.next')}>
                <Button
                  size="small"
                  icon={<RightOutlined aria-hidden />}
                  aria-label={t('pdf.next')}
                  disabled={page >= pages}
                  onClick={() => go(page + 1)}
                  data-testid="pdf-next"
                />
              </Tooltip>
            </Flex>
            <Flex align="center" gap={4}>
              <Tooltip title={t('pdf.zoomOut')}>
                <Button
                  size="small"
                  icon={<ZoomOutOutlined aria-hidden />}
                  aria-label={t('pdf.zoomOut')}
                  disabled={current <= MIN_ZOOM}
                  onClick={() => setZoom(zoomOut(current))}
                  data-testid="pdf-zoom-out"
                />
              </Tooltip>
              <Typography.Text style={{ minWidth: 48, textAlign: 'center' }} data-testid="pdf-zoom">
                {rendered ? `${zoomPercent(current)} %` : ''}
              </Typography.Text>
              <Tooltip title={t('pdf.zoomIn')}>
                <Button
                  size="small"
                  icon={<ZoomInOutlined aria-hidden />}
                  aria-label={t('pdf.zoomIn')}
                  disabled={current >= MAX_ZOOM}
                  onClick={() => setZoom(zoomIn(current))}
                  data-testid="pdf-zoom-in"
                />
              </Tooltip>
              <Button
                size="small"
                icon={<ColumnWidthOutlined aria-hidden />}
                type={zoom === 'fit' ? 'primary' : 'default'}
                ghost={zoom === 'fit'}
                onClick={() => setZoom('fit')}
                data-testid="pdf-zoom-fit"
              >
                {t('pdf.fitWidth')}
              </Button>
            </Flex>
          </Flex>
          {pageError && (
            <Alert type="warning" showIcon title={t('pdf.pageError')} style={{ marginBottom: 8 }} data-testid="pdf-page-error" />
          )}
        </>
      )}
      {/* Always mounted once open, so its width is known before the first page is drawn. */}
      <div
        ref={boxRef}
        tabIndex={doc ? 0 : -1}
        onKeyDown={onKeyDown}
        hidden={!doc}
        style={{
          maxHeight: '65vh',
          overflow: 'auto',
          scrollbarGutter: 'stable',
          background: '#f0f2f5',
          padding: PADDING,
          textAlign: 'center',
        }}
      >
        {/* React leaves this one alone: the drawing code puts the page's canvas in it. */}
        <div ref={hostRef} style={{ display: 'inline-block', lineHeight: 0 }} />
      </div>
    </div>
  );
}
