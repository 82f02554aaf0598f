import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Result, Skeleton, Tabs, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, CloudDownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { MethodOutput } from '../../../contract/methods';
import { REVIEW_DOCUMENT_KINDS, type ReviewDocumentKind, type ReviewDossier } from '../../../contract/schemas/review';
import { errorText } from '../../api/error-text';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { formatBytes } from '../../components/evidence';
import { AuditTab } from './AuditTab';
import { DiffTab } from './DiffTab';
import { ReviewWork } from './ReviewWork';
import { TeamTab } from './TeamTab';
import { formatTime, isDeptAdmin, StateTag, useReviewStatus } from './shared';

type Tab = 'review' | 'team' | 'diff' | 'audit';
const TABS: Tab[] = ['review', 'team', 'diff', 'audit'];

/** One dossier: download for offline review, then review, team, diff and audit tabs. */
export function DossierScreen() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { id = '', tab: tabParam } = useParams();
  const tab: Tab = TABS.includes(tabParam as Tab) ? (tabParam as Tab) : 'review';
  const status = useReviewStatus();
  const local = status.data?.downloaded.find((d) => d.submissionId === id);
  const dossier = useApiQuery('review.dossier', { submissionId: id }, { enabled: Boolean(local) });

  const back = (
    <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/review')} style={{ paddingLeft: 0 }}>
      {t('rv.dossier.back')}
    </Button>
  );

  if (status.isPending || (local && dossier.isPending))
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (status.error) return <Result status="warning" title={errorText(status.error, t, i18n.language)} />;
  if (!local)
    return (
      <div data-testid="rv-dossier">
        {back}
        <DownloadCard submissionId={id} />
      </div>
    );
  if (dossier.error)
    return (
      <div data-testid="rv-dossier">
        {back}
        <Alert type="error" showIcon title={errorText(dossier.error, t, i18n.language)} style={{ marginBottom: 16 }} />
        <DownloadCard submissionId={id} again />
      </div>
    );
  const d = dossier.data!;
  const leadOrAdmin = d.myRole === 'lead' || d.myRole === 'admin';
  const admin = isDeptAdmin(status.data);
  return (
    <div data-testid="rv-dossier">
      {back}
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }} data-testid="rv-dossier-title">
        {d.school.code} — {d.school.name}
      </Typography.Title>
      <Descriptions size="small" column={4} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('rv.dossier.framework')}>{d.frameworkName ?? d.frameworkId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('rv.dossier.schoolYear')}>{d.schoolYear ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('rv.dossier.version')}>{d.version}</Descriptions.Item>
        <Descriptions.Item label={t('rv.dossier.state')}>
          <StateTag state={d.state} />
        </Descriptions.Item>
        <Descriptions.Item label={t('rv.dossier.schoolLevel')}>
          {d.schoolLevel === null ? '—' : t('rv.levelN', { level: d.schoolLevel })}
        </Descriptions.Item>
        <Descriptions.Item label={t('rv.dossier.myRole')}>{t(`rv.role.${d.myRole}`)}</Descriptions.Item>
        <Descriptions.Item label={t('rv.dossier.downloadedAt')}>{formatTime(d.downloadedAt)}</Descriptions.Item>
      </Descriptions>
      <DocumentsBar dossier={d} />
      <Tabs
        data-testid="rv-dossier-tabs"
        activeKey={tab}
        onChange={(key) =>
          navigate(key === 'review' ? `/review/dossiers/${id}` : `/review/dossiers/${id}/${key}`, { replace: true })
        }
        tabBarExtraContent={<DownloadButton submissionId={id} again />}
        items={[
          { key: 'review', label: t('rv.tabs.review'), children: tab === 'review' ? <ReviewWork dossier={d} /> : null },
          {
            key: 'team',
            label: t('rv.tabs.team'),
            children: tab === 'team' ? <TeamTab dossier={d} leadOrAdmin={leadOrAdmin} admin={admin} /> : null,
          },
          { key: 'diff', label: t('rv.tabs.diff'), children: tab === 'diff' ? <DiffTab submissionId={id} /> : null },
          ...(leadOrAdmin
            ? [{ key: 'audit', label: t('rv.tabs.audit'), children: tab === 'audit' ? <AuditTab submissionId={id} /> : null }]
            : []),
        ]}
      />
    </div>
  );
}

/**
 * The team's documents as .docx (review.report): the review report, every member's criterion
 * sheets, the national-standard appraisal summary (TT 57 dossiers only) and the recognition
 * decision (the backend refuses it, in Vietnamese, until a decision is recorded).
 */
function DocumentsBar({ dossier: d }: { dossier: ReviewDossier }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [done, setDone] = useState<MethodOutput<'review.report'> | null>(null);
  const report = useApiMutation('review.report', {
    onSuccess: (f) => {
      setDone(f);
      void message.success(t('rv.report.done', { file: f.fileName }));
    },
    onError: (err) => void message.error(errorText(err, t, i18n.language)),
  });
  const kinds = REVIEW_DOCUMENT_KINDS.filter((k) => k !== 'appraisal-summary' || Boolean(d.conditions));
  const running = report.isPending ? (report.variables?.kind ?? 'report') : null;
  const button = (kind: ReviewDocumentKind) => (
    <Button
      key={kind}
      size="small"
      icon={<FileWordOutlined aria-hidden />}
      loading={running === kind}
      disabled={running !== null && running !== kind}
      onClick={() => report.mutate({ submissionId: d.submissionId, kind })}
      data-testid={`rv-doc-${kind}`}
    >
      {t(`rv.report.kind.${kind}`)}
    </Button>
  );
  return (
    <Flex vertical gap={4} style={{ marginBottom: 8 }} data-testid="rv-documents">
      <Flex wrap gap={8} align="center">
        <Typography.Text type="secondary">{t('rv.report.title')}:</Typography.Text>
        {kinds.map((k) =>
          k === 'decision' ? (
            <Tooltip key={k} title={t('rv.report.decisionHint')}>
              {button(k)}
            </Tooltip>
          ) : (
            button(k)
          ),
        )}
      </Flex>
      {done && (
        <Typography.Text type="secondary" copyable={{ text: done.path }} data-testid="rv-report-path">
          {t('rv.report.savedAt', { path: done.path })}
          {done.gaps.length > 0 && ` ${t('rv.report.gaps', { count: done.gaps.length })}`}
        </Typography.Text>
      )}
    </Flex>
  );
}

function useDownload(submissionId: string) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<MethodOutput<'review.download'> | null>(null);
  const mutation = useApiMutation('review.download', {
    onSuccess: (r) => {
      setResult(r);
      void message.success(
        t('rv.download.done', { rows: r.rows, files: r.files, bytes: formatBytes(r.bytes, i18n.language), reused: r.reused }),
      );
      void queryClient.invalidateQueries({ queryKey: ['review.status'] });
      void queryClient.invalidateQueries({ queryKey: ['review.dossier'] });
      void queryClient.invalidateQueries({ queryKey: ['review.inbox'] });
    },
    onError: (err) => void message.error(errorText(err, t, i18n.language)),
  });
  return { mutation, result, run: () => mutation.mutate({ submissionId }) };
}

function DownloadButton({ submissionId, again = false }: { submissionId: string; again?: boolean }) {
  const { t } = useTranslation();
  const { mutation, run } = useDownload(submissionId);
  return (
    <Button
      icon={<CloudDownloadOutlined aria-hidden />}
      loading={mutation.isPending}
      onClick={run}
      data-testid="rv-download-again"
    >
      {again ? t('rv.download.again') : t('rv.download.button')}
    </Button>
  );
}

function DownloadCard({ submissionId, again = false }: { submissionId: string; again?: boolean }) {
  const { t, i18n } = useTranslation();
  const { mutation, result, run } = useDownload(submissionId);
  return (
    <Card data-testid="rv-download" style={{ maxWidth: 720 }}>
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>{t('rv.download.intro')}</Typography.Paragraph>
        <Button
          type="primary"
          icon={<CloudDownloadOutlined aria-hidden />}
          loading={mutation.isPending}
          onClick={run}
          data-testid="rv-download-button"
        >
          {again ? t('rv.download.again') : t('rv.download.button')}
        </Button>
        {result && (
          <Alert
            type="success"
            showIcon
            data-testid="rv-download-result"
            title={t('rv.download.done', {
              rows: result.rows,
              files: result.files,
              bytes: formatBytes(result.bytes, i18n.language),
              reused: result.reused,
            })}
          />
        )}
        {mutation.error && <Alert type="error" showIcon title={errorText(mutation.error, t, i18n.language)} />}
      </Flex>
    </Card>
  );
}
