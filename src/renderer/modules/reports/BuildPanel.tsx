import { Alert, Button, Card, Descriptions, Flex, Space, Spin, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, ExclamationCircleFilled } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ReportBuildResultDto } from '../../../contract/schemas/reports';
import { errorText } from '../../api/error-text';
import { useApiMutation } from '../../api/hooks';
import { formatBytes } from '../../components/evidence';
import { useDownloadExport } from './download';
import { shortSha } from './kinds';
import { usePreview, type PreviewProps } from './PreviewPanel';

type Check = ReportBuildResultDto['preflight']['checks'][number];

function CheckIcon({ check }: { check: Check }) {
  if (check.ok) return <CheckCircleFilled style={{ color: '#52c41a' }} aria-label="ok" />;
  if (check.severity === 'warning') return <ExclamationCircleFilled style={{ color: '#fa8c16' }} aria-label="warning" />;
  return <CloseCircleFilled style={{ color: '#f5222d' }} aria-label="error" />;
}

/** Result of reports.build: the file, its hash, the preflight checks and the gaps left. */
export function BuildResult({ result }: { result: ReportBuildResultDto }) {
  const { t, i18n } = useTranslation();
  const { download, busy } = useDownloadExport();
  return (
    <Card
      size="small"
      type="inner"
      title={
        <Space>
          {result.final ? <Tag color="green">{t('rp.final')}</Tag> : <Tag>{t('rp.draft')}</Tag>}
          {t('rp.build.resultTitle')}
        </Space>
      }
      data-testid="rp-result"
      extra={
        <Button
          type="primary"
          icon={<DownloadOutlined aria-hidden />}
          loading={busy === result.exportId}
          onClick={() => void download(result.exportId)}
          data-testid="rp-result-download"
        >
          {t('rp.download')}
        </Button>
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('rp.build.file')}>
          <span data-testid="rp-result-file">{result.file}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('rp.build.size')}>
          <span data-testid="rp-result-size">{formatBytes(result.bytes, i18n.language)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="SHA-256">
          <Typography.Text code copyable={{ text: result.sha256 }} data-testid="rp-result-sha">
            {shortSha(result.sha256)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('rp.build.gaps')}>
          <span data-testid="rp-result-gaps">{result.gaps.length}</span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {result.preflight.ok ? t('rp.build.preflightOk') : t('rp.build.preflightFailed')}
      </Typography.Title>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="rp-preflight">
        {result.preflight.checks.map((c) => (
          <li key={c.code} data-testid={`rp-check-${c.code}`} data-ok={c.ok} style={{ padding: '4px 0' }}>
            <Space align="start">
              <CheckIcon check={c} />
              <div>
                <Typography.Text type={c.ok ? undefined : c.severity === 'error' ? 'danger' : 'warning'}>
                  {c.message}
                </Typography.Text>
                {!c.ok && c.details.length > 0 && (
                  <ul style={{ margin: '2px 0 0', paddingLeft: 18, fontSize: 12 }}>
                    {c.details.map((d, i) => (
                      <li key={i}>{d}</li>
                    ))}
                  </ul>
                )}
              </div>
            </Space>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** Xuất bản nháp / Xuất bản chính thức, with why the final version is not possible yet. */
export function BuildPanel(props: PreviewProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const preview = usePreview(props);
  const build = useApiMutation('reports.build', {
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['reports.list'] }),
  });
  const final = preview.data?.final;
  const finalBlocked = !final || !final.allowed || !final.canExportFinal;
  const reasons = final ? [...final.reasons, ...(final.canExportFinal ? [] : [t('rp.build.finalRole')])] : [];
  const run = (isFinal: boolean) =>
    build.mutate({
      assessmentId: props.assessmentId,
      kind: props.kind,
      final: isFinal,
      ...(props.options ? { options: props.options } : {}),
    });

  return (
    <Card title={t('rp.build.title')} data-testid="rp-build">
      <Flex vertical gap={12}>
        <Space wrap>
          <Button type="primary" onClick={() => run(false)} disabled={build.isPending} data-testid="rp-build-draft">
            {t('rp.build.draft')}
          </Button>
          <Button onClick={() => run(true)} disabled={finalBlocked || build.isPending} data-testid="rp-build-final">
            {t('rp.build.final')}
          </Button>
        </Space>
        {final && (
          <Space wrap data-testid="rp-readiness">
            <Typography.Text type="secondary">{t('rp.build.readiness')}</Typography.Text>
            <Tag color={final.readiness.ready ? 'green' : 'default'}>
              {final.readiness.ready ? t('rp.build.ready') : t('rp.build.notReady')}
            </Tag>
            <Tag color={final.readiness.blockers > 0 ? 'red' : 'default'} data-testid="rp-blockers">
              {t('rp.build.blockers', { count: final.readiness.blockers })}
            </Tag>
            <Tag color={final.readiness.warnings > 0 ? 'orange' : 'default'} data-testid="rp-warnings">
              {t('rp.build.warnings', { count: final.readiness.warnings })}
            </Tag>
          </Space>
        )}
        {final && finalBlocked && reasons.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('rp.build.finalBlocked')}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="rp-final-reasons">
                {reasons.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            }
          />
        )}
        {build.isPending && (
          <Flex align="center" gap={12} data-testid="rp-building">
            <Spin />
            <Typography.Text type="secondary">
              {props.kind === 'package' ? t('rp.build.buildingPackage') : t('rp.build.building')}
            </Typography.Text>
          </Flex>
        )}
        {build.error && (
          <Alert type="error" showIcon title={errorText(build.error, t, i18n.language)} data-testid="rp-build-error" />
        )}
        {build.data && !build.isPending && <BuildResult result={build.data} />}
      </Flex>
    </Card>
  );
}
