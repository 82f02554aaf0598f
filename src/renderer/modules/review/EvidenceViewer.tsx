import { useEffect, useMemo } from 'react';
import { Alert, Button, Empty, Flex, Modal, Spin } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/error-text';
import { useApiQuery } from '../../api/hooks';
import { base64ToBlob, formatBytes, previewKindOf, saveBlob } from '../../components/evidence';
import { base64ToBytes } from '../../components/evidence/files';
import { PdfPreview } from '../../components/pdf/PdfPreview';

const TEXT_PREVIEW_CHARS = 200_000;

/** "Xem": an evidence file from the downloaded dossier; images, PDFs and text inline, others saved. */
export function EvidenceViewer({
  submissionId,
  evidenceId,
  code,
  title,
  fileName,
  onClose,
}: {
  submissionId: string;
  evidenceId: string;
  code: string;
  title: string;
  fileName: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const file = useApiQuery('review.evidenceFile', { submissionId, evidenceId }, { staleTime: Infinity, gcTime: 60_000 });
  const kind = file.data ? previewKindOf(file.data.mimeType, file.data.fileName || fileName) : null;
  const url = useMemo(
    () => (file.data && kind === 'image' ? URL.createObjectURL(base64ToBlob(file.data.base64, file.data.mimeType)) : null),
    [file.data, kind],
  );
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const pdfBytes = useMemo(() => (file.data && kind === 'pdf' ? base64ToBytes(file.data.base64) : null), [file.data, kind]);
  const save = () => file.data && saveBlob(base64ToBlob(file.data.base64, file.data.mimeType), `${code} ${file.data.fileName}`);

  let body;
  if (file.isPending)
    body = (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin />
      </Flex>
    );
  else if (file.error) body = <Alert type="error" showIcon title={errorText(file.error, t, i18n.language)} />;
  else if (kind === 'image' && url)
    body = (
      <div style={{ textAlign: 'center', background: '#f5f5f5', padding: 8 }} data-testid="rv-preview-image">
        <img src={url} alt={title} style={{ maxWidth: '100%', maxHeight: '65vh', objectFit: 'contain' }} />
      </div>
    );
  else if (kind === 'pdf' && pdfBytes)
    body = (
      <PdfPreview
        bytes={pdfBytes}
        title={title}
        download={
          <Button size="small" icon={<DownloadOutlined aria-hidden />} onClick={save} data-testid="rv-preview-pdf-download">
            {t('rv.preview.download')}
          </Button>
        }
      />
    );
  else if (kind === 'text') {
    const bytes = base64ToBytes(file.data!.base64);
    body = (
      <pre
        data-testid="rv-preview-text"
        style={{ whiteSpace: 'pre-wrap', maxHeight: '60vh', overflow: 'auto', background: '#fafafa', padding: 12 }}
      >
        {new TextDecoder('utf-8').decode(bytes).slice(0, TEXT_PREVIEW_CHARS)}
      </pre>
    );
  } else
    body = (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <span data-testid="rv-preview-none">
            {t('rv.preview.none')} ({file.data!.fileName}, {formatBytes(file.data!.sizeBytes, i18n.language)})
          </span>
        }
      />
    );

  return (
    <Modal
      open
      width={900}
      title={`${code} — ${title}`}
      onCancel={onClose}
      footer={[
        <Button
          key="dl"
          icon={<DownloadOutlined aria-hidden />}
          disabled={!file.data}
          onClick={save}
          data-testid="rv-preview-download"
        >
          {t('rv.preview.download')}
        </Button>,
        <Button key="close" type="primary" onClick={onClose}>
          {t('rv.close')}
        </Button>,
      ]}
    >
      <div data-testid="rv-preview">{body}</div>
    </Modal>
  );
}
