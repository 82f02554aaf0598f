import '../../test/dom-env';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import { AppProviders } from '../../AppProviders';
import { fakeTransport } from '../../test/fake-bridge';
import type { PdfDocument } from '../../components/pdf/pdf-document';
import { EvidenceViewer } from './EvidenceViewer';
import { reviewBridge, SUB } from './test-support';

// jsdom cannot run pdf.js (no canvas, no workers): the viewer gets a stand-in engine. The real
// one is proven in Chromium by e2e/evidence.spec.ts, through the same PdfPreview.
const engine = vi.hoisted(() => ({ fail: null as string | null, opened: [] as Uint8Array[] }));
vi.mock('../../components/pdf/pdf-loader', () => ({
  loadPdf: async (bytes: Uint8Array): Promise<PdfDocument> => {
    engine.opened.push(bytes);
    if (engine.fail) throw Object.assign(new Error('pdf.js'), { name: engine.fail });
    return {
      numPages: 2,
      getPage: async () => ({
        getViewport: ({ scale }) => ({ width: 595 * scale, height: 842 * scale }),
        render: () => ({ promise: Promise.resolve(), cancel: () => {} }),
      }),
      destroy: async () => {},
    };
  },
}));

afterEach(() => {
  cleanup();
  engine.fail = null;
  engine.opened = [];
});
configure({ asyncUtilTimeout: 8000 });

const PDF_TEXT = '%PDF-1.4 bien ban';

function openViewer() {
  const bridge = reviewBridge().department('inspector').downloaded();
  bridge.files.set('ev-pdf', { fileName: 'bien-ban.pdf', mimeType: 'application/pdf', base64: btoa(PDF_TEXT) });
  render(
    <AppProviders transport={fakeTransport(bridge)}>
      <EvidenceViewer
        submissionId={SUB}
        evidenceId="ev-pdf"
        code="MC.1.1.02"
        title="Biên bản họp"
        fileName="bien-ban.pdf"
        onClose={() => {}}
      />
    </AppProviders>,
  );
}

describe('EvidenceViewer (reviewer) with a PDF', () => {
  it('shows the PDF inside the dialog, page by page, from the dossier file', async () => {
    openViewer();
    const pdf = await screen.findByTestId('pdf-preview');
    await waitFor(() => expect(pdf.getAttribute('data-rendered-page')).toBe('1'));
    expect(pdf.getAttribute('data-pages')).toBe('2');
    expect(within(screen.getByTestId('rv-preview')).getByTestId('pdf-page').textContent).toBe('Trang 1 / 2');
    expect(new TextDecoder().decode(engine.opened[0])).toBe(PDF_TEXT);
    expect(screen.queryByTestId('rv-preview-none')).toBeNull();
  });

  it('a password-protected PDF: the reason, and "Tải về" beside it', async () => {
    engine.fail = 'PasswordException';
    openViewer();
    const error = await screen.findByTestId('pdf-error');
    expect(error.textContent).toContain('Không mở được tệp PDF này');
    expect(error.textContent).toContain('mật khẩu');
    expect(within(error).getByTestId('rv-preview-pdf-download').textContent).toContain('Tải về');
  });
});
