import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { ExportOutlined, SyncOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SyncRunResult, SyncStatus } from '../../../contract/schemas/sync';
import { errorText } from '../../api/error-text';
import { useApiMutation } from '../../api/hooks';
import { useCurrentUser } from '../../boot/session';
import { BulkDeleteModal, type BulkDelete } from './BulkDeleteModal';
import { ConflictsCard } from './ConflictsCard';
import { EnrolCard } from './EnrolCard';
import { ProblemsCard } from './ProblemsCard';
import { formatBytes, formatTimeDate, shortHash } from './format';
import { canExport } from './shared';

type ExportResult = {
  fileName: string;
  bytes: number;
  changes: number;
  blobs: number;
  manifestSha256: string;
  inDataDir: boolean;
};

/** The enrolled computer: where it syncs, what waits, what went wrong, and the actions. */
export function StatusPanel({ status }: { status: SyncStatus }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<SyncRunResult | null>(null);
  const [bulk, setBulk] = useState<BulkDelete | null>(null);
  const [exported, setExported] = useState<ExportResult | null>(null);

  const refresh = () => {
    for (const m of ['sync.status', 'sync.conflicts', 'sync.submissions']) void queryClient.invalidateQueries({ queryKey: [m] });
  };

  const run = useApiMutation('sync.run', {
    onSuccess: (res) => {
      setResult(res);
      if (res.needsBulkDeleteConfirmation) setBulk(res.needsBulkDeleteConfirmation);
      refresh();
    },
    onError: (err) => {
      void message.error(errorText(err, t, i18n.language));
      refresh();
    },
  });
  const exportPackage = useApiMutation('sync.exportPackage', {
    onSuccess: (res) => setExported(res),
    onError: (err) => void message.error(errorText(err, t, i18n.language)),
  });

  const blocked = status.blocked;
  const pendingNothing = status.pendingChanges === 0 && status.pendingBlobs === 0;

  return (
    <Flex vertical gap={16} data-testid="sy-panel">
      {blocked && (
        <Alert
          data-testid="sy-blocked"
          data-blocked={blocked}
          type={blocked === 'bulk_delete' ? 'warning' : 'error'}
          showIcon
          title={<strong style={{ fontSize: 16 }}>{t(`sy.blocked.${blocked}.title`)}</strong>}
          description={
            <>
              <div>{t(`sy.blocked.${blocked}.text`)}</div>
              {status.lastError && blocked !== 'bulk_delete' && <div style={{ marginTop: 4 }}>{status.lastError}</div>}
            </>
          }
          action={
            blocked === 'bulk_delete' && status.bulkDelete ? (
              <Button danger onClick={() => setBulk(status.bulkDelete)} data-testid="sy-bulk-review">
                {t('sy.bulk.review')}
              </Button>
            ) : undefined
          }
        />
      )}

      <Card
        title={t('sy.status.title')}
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('sy.status.refreshed')}
          </Typography.Text>
        }
      >
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          data-testid="sy-status"
          items={[
            { key: 'server', label: t('sy.status.server'), children: <span data-testid="sy-server">{status.serverUrl}</span> },
            {
              key: 'school',
              label: t('sy.status.school'),
              children: (
                <span data-testid="sy-school">{status.school ? `${status.school.code} — ${status.school.name}` : '—'}</span>
              ),
            },
            { key: 'device', label: t('sy.status.device'), children: <span data-testid="sy-device">{status.deviceName}</span> },
            { key: 'account', label: t('sy.status.account'), children: status.username ?? '—' },
            {
              key: 'last',
              label: t('sy.status.lastSuccess'),
              children: (
                <span data-testid="sy-last-success">
                  {status.lastSuccessAt
                    ? t('sy.status.at', { time: formatTimeDate(status.lastSuccessAt) })
                    : t('sy.status.never')}
                </span>
              ),
            },
            {
              key: 'pending',
              label: t('sy.status.pending'),
              children: (
                <span data-testid="sy-pending" data-changes={status.pendingChanges}>
                  {pendingNothing ? (
                    <Tag color="green">{t('sy.status.nothingPending')}</Tag>
                  ) : (
                    <Space size={4} wrap>
                      <Tag color="orange">
                        {t('sy.status.pendingValue', { changes: status.pendingChanges, size: formatBytes(status.pendingBytes) })}
                      </Tag>
                      {status.pendingBlobs > 0 && (
                        <Tag color="orange">{t('sy.status.pendingFiles', { count: status.pendingBlobs })}</Tag>
                      )}
                    </Space>
                  )}
                  {status.submissionsQueued > 0 && (
                    <Tag color="blue" style={{ marginLeft: 4 }}>
                      {t('sy.status.queuedSubmissions', { count: status.submissionsQueued })}
                    </Tag>
                  )}
                </span>
              ),
            },
            {
              key: 'auto',
              label: t('sy.status.auto'),
              children: status.autoSync ? t('sy.status.autoOn') : t('sy.status.autoOff'),
            },
          ]}
        />

        {status.lastError && !blocked && (
          <Alert
            data-testid="sy-last-error"
            type="warning"
            showIcon
            style={{ marginTop: 16 }}
            title={t('sy.status.lastError')}
            description={
              <>
                <div>{status.lastError}</div>
                {status.nextRetryAt && (
                  <div data-testid="sy-next-retry" style={{ marginTop: 4 }}>
                    {t('sy.status.nextRetry', { time: formatTimeDate(status.nextRetryAt) })}
                  </div>
                )}
              </>
            }
          />
        )}

        <Flex gap={12} wrap align="center" style={{ marginTop: 16 }}>
          <Button
            type="primary"
            size="large"
            icon={<SyncOutlined spin={run.isPending || status.running} aria-hidden />}
            loading={run.isPending}
            disabled={blocked === 'upgrade_required' || blocked === 'unenrolled' || blocked === 'server_reset'}
            onClick={() => {
              setResult(null);
              run.mutate({});
            }}
            data-testid="sy-run"
          >
            {run.isPending || status.running ? t('sy.status.running') : t('sy.run.button')}
          </Button>
          <Button
            icon={<ExportOutlined aria-hidden />}
            loading={exportPackage.isPending}
            disabled={!canExport(user.role)}
            title={canExport(user.role) ? t('sy.export.hint') : t('sy.export.adminOnly')}
            onClick={() => {
              setExported(null);
              exportPackage.mutate({});
            }}
            data-testid="sy-export"
          >
            {t('sy.export.button')}
          </Button>
          <Typography.Text type="secondary" style={{ flex: '1 1 280px', fontSize: 13 }}>
            {canExport(user.role) ? t('sy.export.hint') : t('sy.export.adminOnly')}
          </Typography.Text>
        </Flex>

        {result && <RunResult result={result} shownError={blocked ? null : status.lastError} />}
        {exported && (
          <Alert
            data-testid="sy-export-result"
            type="success"
            showIcon
            closable={{ onClose: () => setExported(null) }}
            style={{ marginTop: 16 }}
            title={t('sy.export.done', {
              fileName: exported.fileName,
              size: formatBytes(exported.bytes),
              changes: exported.changes,
              blobs: exported.blobs,
            })}
            description={
              <>
                {exported.inDataDir && <div>{t('sy.export.where', { fileName: exported.fileName })}</div>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('sy.export.manifest', { hash: shortHash(exported.manifestSha256) })}
                </Typography.Text>
              </>
            }
          />
        )}
      </Card>

      {blocked === 'unenrolled' && (
        <EnrolCard again initial={{ serverUrl: status.serverUrl ?? '', username: status.username ?? '' }} />
      )}

      <ConflictsCard />
      <ProblemsCard status={status} />

      <BulkDeleteModal
        bulk={bulk}
        confirming={run.isPending}
        onCancel={() => setBulk(null)}
        onConfirm={() => {
          setBulk(null);
          setResult(null);
          run.mutate({ confirmBulkDelete: true });
        }}
      />
    </Flex>
  );
}

/** What the run did; an error already shown above as the last error is not repeated. */
function RunResult({ result, shownError }: { result: SyncRunResult; shownError: string | null }) {
  const { t } = useTranslation();
  const failed = result.errors.length > 0;
  const errors = result.errors.filter((e) => e.message !== shownError);
  const parts = [
    t('sy.run.pushed', { count: result.pushed }),
    t('sy.run.pulled', { count: result.pulled }),
    t('sy.run.files', { up: result.blobsUploaded, down: result.blobsDownloaded }),
  ];
  return (
    <Alert
      data-testid="sy-run-result"
      type={failed ? 'warning' : 'success'}
      showIcon
      style={{ marginTop: 16 }}
      title={failed ? t('sy.run.doneWithErrors') : t('sy.run.done')}
      description={
        <>
          <div data-testid="sy-run-counts">
            {parts.join(', ')}
            {result.conflicts > 0 && ` — ${t('sy.run.conflicts', { count: result.conflicts })}`}.
          </div>
          {result.notices.length > 0 && (
            // Not failures: e.g. evidence renumbered because another computer used the code first
            // (ADR 0013); listed so labels on paper files can be corrected.
            <div data-testid="sy-run-notices" style={{ marginTop: 4 }}>
              <strong>{t('sy.run.notices', { count: result.notices.length })}:</strong>
              <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                {result.notices.map((n, i) => (
                  <li key={i}>{n.message}</li>
                ))}
              </ul>
            </div>
          )}
          {errors.length > 0 && (
            <div data-testid="sy-run-errors" style={{ marginTop: 4 }}>
              <strong>{t('sy.run.errors', { count: errors.length })}:</strong>
              <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                {errors.map((e, i) => (
                  <li key={i}>{e.message}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      }
    />
  );
}
