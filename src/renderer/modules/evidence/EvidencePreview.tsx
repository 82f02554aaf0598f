import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Empty, Flex, Spin, Typography } from 'antd';
import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../contract/methods';
import { MAX_UPLOAD_BYTES, type Evidence } from '../../../contract/schemas/evidence';
import { useApi } from '../../api/ApiProvider';
import type { ApiError } from '../../api/client';
import { errorText } from '../../api/error-text';
import { base64ToBlob, base64ToBytes, formatBytes, previewKindOf, saveBlob } from '../../components/evidence/files';
import { PdfPreview } from '../../components/pdf/PdfPreview';

type Download = MethodOutput<'evidence.download'>;

/** Previews load by themselves up to this size; bigger files wait for a click (old PCs, slow disks). */
const AUTO_PREVIEW_BYTES = 5 * 1024 * 1024;
const TEXT_PREVIEW_CHARS = 200_000;

/** The file's bytes, fetched once per content and kept only while a drawer shows them. */
function downloadKey(e: Pick<Evidence, 'id' | 'sha256'>) {
  return ['evidence.download', { id: e.id }, e.sha256] as const;
}

/** "Tải về": saves the stored file as "<code> <file name>" (from the cache when the preview has it). */
export function useDownloadEvidence() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return async (e: Evidence) => {
    const file = await queryClient.fetchQuery<Download, ApiError>({
      queryKey: downloadKey(e),
      queryFn: () => client.call('evidence.download', { id: e.id }),
      staleTime: Infinity,
      gcTime: 60_000,
    });
    saveBlob(base64ToBlob(file.contentBase64, file.mimeType), `${e.code} ${file.fileName}`);
  };
}

/** Xem trước: images, PDFs (drawn by pdf.js, components/pdf) and text inside the app. */
export function EvidencePreview({ evidence: e, onDownload }: { evidence: Evidence; onDownload: () => void }) {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const kind = e.kind === 'file' ? previewKindOf(e.mimeType, e.fileName) : null;
  const size = e.sizeBytes ?? 0;
  const tooLarge = size > MAX_UPLOAD_BYTES;
  const [wanted, setWanted] = useState(size <= AUTO_PREVIEW_BYTES);
  const file = useQuery<Download, ApiError>({
    queryKey: downloadKey(e),
    queryFn: () => client.call('evidence.download', { id: e.id }),
    enabled: kind !== null && !tooLarge && wanted,
    staleTime: Infinity,
    gcTime: 60_000,
  });

  if (e.kind === 'link') {
    return (
      <div data-testid="ev-preview-link">
        <Typography.Paragraph>{t('ev.preview.link')}</Typography.Paragraph>
        <Typography.Link href={e.url} target="_blank" rel="noopener noreferrer" style={{ wordBreak: 'break-all' }}>
          {e.url}
        </Typography.Link>
      </div>
    );
  }
  if (e.kind === 'paper') {
    return (
      <div data-testid="ev-preview-paper">
        <Typography.Paragraph>
          {t('ev.preview.paper')} <strong>{e.storageLocation || t('ev.preview.noLocation')}</strong>
        </Typography.Paragraph>
      </div>
    );
  }
  const downloadButton = (
    <Button icon={<DownloadOutlined aria-hidden />} onClick={onDownload} data-testid="ev-preview-download">
      {t('ev.actions.download')}
    </Button>
  );
  if (tooLarge || kind === null) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <span data-testid="ev-preview-none">
            {tooLarge ? t('ev.preview.tooLarge') : t('ev.preview.none')} ({e.fileName}, {formatBytes(e.sizeBytes, i18n.language)})
          </span>
        }
      >
        {!tooLarge && downloadButton}
      </Empty>
    );
  }
  if (!wanted) {
    return (
      <Flex justify="center" style={{ padding: 32 }}>
        <Button icon={<EyeOutlined aria-hidden />} onClick={() => setWanted(true)} data-testid="ev-preview-load">
          {t('ev.preview.load', { size: formatBytes(size, i18n.language) })}
        </Button>
      </Flex>
    );
  }
  if (file.isPending) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin description={t('ev.preview.loading')} />
      </Flex>
    );
  }
  if (file.isError) {
    return <Alert type="error" showIcon title={t('ev.preview.error')} description={errorText(file.error, t, i18n.language)} />;
  }
  return <LoadedPreview kind={kind} file={file.data} title={e.title} download={downloadButton} />;
}

function LoadedPreview({
  kind,
  file,
  title,
  download,
}: {
  kind: 'image' | 'pdf' | 'text';
  file: Download;
  title: string;
  download: ReactNode;
}) {
  const { t } = useTranslation();
  const url = useObjectUrl(kind === 'image' ? file : null);
  const pdfBytes = useMemo(() => (kind === 'pdf' ? base64ToBytes(file.contentBase64) : null), [kind, file]);
  if (pdfBytes) return <PdfPreview bytes={pdfBytes} title={title} download={download} />;
  if (kind === 'text') {
    const text = new TextDecoder('utf-8').decode(base64ToBytes(file.contentBase64));
    return (
      <div data-testid="ev-preview-text">
        <pre
          style={{
            whiteSpace: 'pre-wrap',
            maxHeight: '60vh',
            overflow: 'auto',
            background: '#fafafa',
            padding: 12,
            border: '1px solid #eee',
          }}
        >
          {text.slice(0, TEXT_PREVIEW_CHARS)}
        </pre>
        {text.length > TEXT_PREVIEW_CHARS && <Typography.Text type="secondary">{t('ev.preview.truncated')}</Typography.Text>}
      </div>
    );
  }
  if (!url) return null;
  return (
    <div style={{ textAlign: 'center', background: '#f5f5f5', padding: 8 }} data-testid="ev-preview-image">
      <img src={url} alt={title} style={{ maxWidth: '100%', maxHeight: '65vh', objectFit: 'contain' }} />
    </div>
  );
}

/** A blob: URL for the bytes, freed when the preview goes away. */
function useObjectUrl(file: Download | null): string | null {
  const url = useMemo(() => (file ? URL.createObjectURL(base64ToBlob(file.contentBase64, file.mimeType)) : null), [file]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}
