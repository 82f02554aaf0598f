import { Button, Card, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ReportExportDto } from '../../../contract/schemas/reports';
import { errorText } from '../../api/error-text';
import { useApiQuery } from '../../api/hooks';
import { useDownloadExport } from './download';
import { shortSha } from './kinds';

/** Lịch sử xuất (reports.list, newest first). */
export function HistoryTable({ assessmentId }: { assessmentId: string }) {
  const { t, i18n } = useTranslation();
  const list = useApiQuery('reports.list', { assessmentId });
  const { download, busy } = useDownloadExport();
  return (
    <Card title={t('rp.history.title')} data-testid="rp-history">
      {list.error ? (
        <Typography.Text type="danger">{errorText(list.error, t, i18n.language)}</Typography.Text>
      ) : (
        <Table<ReportExportDto>
          size="small"
          rowKey="exportId"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('rp.history.empty') }}
          onRow={(r) => ({ 'data-testid': `rp-history-${r.exportId}` }) as React.HTMLAttributes<HTMLElement>}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'kind', title: t('rp.history.kind'), render: (_, r) => t(`rp.kinds.${r.kind}.title`) },
            {
              key: 'date',
              title: t('rp.history.date'),
              render: (_, r) => dayjs(r.createdAt).format('DD/MM/YYYY HH:mm'),
            },
            {
              key: 'final',
              title: t('rp.history.version'),
              render: (_, r) => (r.final ? <Tag color="green">{t('rp.final')}</Tag> : <Tag>{t('rp.draft')}</Tag>),
            },
            { key: 'who', title: t('rp.history.who'), dataIndex: 'createdByName' },
            {
              key: 'sha',
              title: 'SHA-256',
              render: (_, r) => (
                <Typography.Text code copyable={{ text: r.sha256 }}>
                  {shortSha(r.sha256)}
                </Typography.Text>
              ),
            },
            {
              key: 'preflight',
              title: t('rp.history.preflight'),
              render: (_, r) =>
                r.preflightOk ? (
                  <CheckCircleFilled style={{ color: '#52c41a' }} aria-label={t('rp.history.preflightOk')} />
                ) : (
                  <CloseCircleFilled style={{ color: '#f5222d' }} aria-label={t('rp.history.preflightFailed')} />
                ),
            },
            {
              key: 'download',
              title: '',
              render: (_, r) => (
                <Tooltip title={r.available ? undefined : t('rp.history.unavailable')}>
                  <Button
                    size="small"
                    icon={<DownloadOutlined aria-hidden />}
                    disabled={!r.available}
                    loading={busy === r.exportId}
                    onClick={() => void download(r.exportId)}
                    data-testid="rp-history-download"
                  >
                    {t('rp.download')}
                  </Button>
                </Tooltip>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
