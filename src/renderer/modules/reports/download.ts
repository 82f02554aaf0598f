import { useState } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider';
import { errorText } from '../../api/error-text';
import { base64ToBlob, saveBlob } from '../../components/evidence';

/** "Tải về": reports.download → Blob → save as the export's file name. */
export function useDownloadExport() {
  const { client } = useApi();
  const { message } = App.useApp();
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const download = async (exportId: string) => {
    setBusy(exportId);
    try {
      const file = await client.call('reports.download', { exportId });
      saveBlob(base64ToBlob(file.contentBase64, file.mimeType), file.file);
    } catch (err) {
      void message.error(errorText(err, t, i18n.language));
    } finally {
      setBusy(null);
    }
  };
  return { download, busy };
}
