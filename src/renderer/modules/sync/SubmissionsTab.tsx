import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LocalSubmission, SyncStatus } from '../../../contract/schemas/sync';
import { errorText } from '../../api/error-text';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useCurrentUser } from '../../boot/session';
import { formatTimeDate, shortHash } from './format';
import { canSubmit } from './shared';

const STATE_COLORS: Record<LocalSubmission['state'], string> = {
  queued: 'default',
  rejected: 'red',
  submitted: 'blue',
  received: 'cyan',
  under_review: 'gold',
  returned: 'volcano',
  accepted: 'green',
};

const INVENTORY = 'inventory';

/** Nộp hồ sơ: freeze and send an assessment or the inventory summary; the submitted versions with their state. */
export function SubmissionsTab({ status }: { status: SyncStatus }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const assessments = useApiQuery('assessment.list', {});
  const submissions = useApiQuery('sync.submissions', {});
  const [choice, setChoice] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const allowed = canSubmit(user.role);

  const yearOf = new Map((assessments.data ?? []).map((a) => [a.id, a.schoolYear]));
  const subjectLabel = (kind: string, subjectId: string) =>
    kind === 'inventory'
      ? t('sy.submit.inventory')
      : t('sy.submit.assessment', { year: yearOf.get(subjectId) ?? shortHash(subjectId) });
  const options = [
    ...(assessments.data ?? []).map((a) => ({
      value: a.id,
      label: a.title || t('sy.submit.assessment', { year: a.schoolYear }),
    })),
    { value: INVENTORY, label: t('sy.submit.inventory') },
  ];
  const chosenLabel = choice ? (choice === INVENTORY ? t('sy.submit.inventory') : subjectLabel('assessment', choice)) : '';

  const submit = useApiMutation('sync.submit', {
    onSuccess: (s) => {
      setConfirm(false);
      void message.success(s.state === 'queued' ? t('sy.submit.queued') : t('sy.submit.sent', { version: s.version ?? '' }));
      for (const m of ['sync.submissions', 'sync.status']) void queryClient.invalidateQueries({ queryKey: [m] });
    },
    onError: (err) => {
      setConfirm(false);
      void message.error(errorText(err, t, i18n.language));
    },
  });

  const rows = submissions.data?.submissions ?? [];

  return (
    <Flex vertical gap={16} data-testid="sy-submissions-tab">
      <Card title={t('sy.submit.title')}>
        <Typography.Paragraph type="secondary" style={{ maxWidth: 860 }}>
          {t('sy.submit.intro')}
        </Typography.Paragraph>
        {!status.enrolled && <Alert type="info" showIcon title={t('sy.submit.notEnrolled')} style={{ marginBottom: 12 }} />}
        {!allowed ? (
          <Alert type="warning" showIcon title={t('sy.submit.notAllowed')} data-testid="sy-submit-not-allowed" />
        ) : (
          <Space wrap>
            <Select
              data-testid="sy-submit-what"
              style={{ width: 460, maxWidth: '100%' }}
              placeholder={t('sy.submit.placeholder')}
              loading={assessments.isPending}
              value={choice}
              onChange={setChoice}
              options={options}
              aria-label={t('sy.submit.what')}
            />
            <Button
              type="primary"
              icon={<CloudUploadOutlined aria-hidden />}
              disabled={!choice}
              onClick={() => setConfirm(true)}
              data-testid="sy-submit"
            >
              {t('sy.submit.button')}
            </Button>
          </Space>
        )}
      </Card>

      <Card
        title={t('sy.subs.title')}
        extra={
          <Button
            size="small"
            icon={<ReloadOutlined aria-hidden />}
            loading={submissions.isFetching}
            onClick={() => void submissions.refetch()}
            data-testid="sy-subs-refresh"
          >
            {t('sy.subs.refresh')}
          </Button>
        }
      >
        {submissions.data && !submissions.data.refreshed && rows.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('sy.subs.stale')}
            description={submissions.data.error ?? undefined}
            data-testid="sy-subs-stale"
          />
        )}
        {submissions.error && <Alert type="warning" showIcon title={errorText(submissions.error, t, i18n.language)} />}
        <Table<LocalSubmission>
          data-testid="sy-subs"
          size="small"
          rowKey="id"
          loading={submissions.isPending}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20 } : false}
          locale={{ emptyText: t('sy.subs.empty') }}
          onRow={(s) => ({ 'data-testid': `sy-sub-${s.id}`, 'data-state': s.state }) as object}
          columns={[
            {
              title: t('sy.subs.kind'),
              key: 'kind',
              render: (_, s) => (
                <div>
                  <div>{subjectLabel(s.kind, s.subjectId)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('sy.subs.rows', { rows: s.rowCount, blobs: s.blobCount })}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t('sy.subs.version'),
              key: 'version',
              render: (_, s) => (
                <div data-testid="sy-sub-version" style={{ maxWidth: 220 }}>
                  {s.version === null ? t('sy.subs.noVersion') : t('sy.subs.versionN', { n: s.version })}
                  {s.diff && ' — '}
                  {s.diff && (
                    <Typography.Text type="secondary" data-testid="sy-sub-diff">
                      {t('sy.subs.diff', {
                        added: s.diff.added.length,
                        changed: s.diff.changed.length,
                        removed: s.diff.removed.length,
                      })}
                      {(s.diff.blobsAdded.length > 0 || s.diff.blobsRemoved.length > 0) &&
                        `; ${t('sy.subs.diffFiles', { added: s.diff.blobsAdded.length, removed: s.diff.blobsRemoved.length })}`}
                    </Typography.Text>
                  )}
                </div>
              ),
            },
            {
              title: t('sy.subs.state'),
              key: 'state',
              render: (_, s) => (
                <div>
                  <Tag color={STATE_COLORS[s.state]} data-testid="sy-sub-state">
                    {t(`sy.subs.states.${s.state}`)}
                  </Tag>
                  {s.lastError && (
                    <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, maxWidth: 260 }}>
                      {s.lastError}
                    </Typography.Text>
                  )}
                </div>
              ),
            },
            {
              title: t('sy.subs.manifest'),
              key: 'hash',
              render: (_, s) => (
                <span data-testid="sy-sub-hash" data-hash={s.manifestHash}>
                  <Tooltip title={s.manifestHash}>
                    <Typography.Text code copyable={{ text: s.manifestHash }}>
                      {shortHash(s.manifestHash)}
                    </Typography.Text>
                  </Tooltip>
                </span>
              ),
            },
            { title: t('sy.subs.submittedAt'), key: 'at', render: (_, s) => formatTimeDate(s.submittedAt) },
            {
              title: t('sy.subs.comments'),
              key: 'comments',
              render: (_, s) => <Comments submission={s} />,
            },
          ]}
        />
      </Card>

      <Modal
        open={confirm}
        title={t('sy.submit.confirmTitle', { what: chosenLabel })}
        okText={t('sy.submit.ok')}
        onCancel={() => setConfirm(false)}
        onOk={() =>
          choice && submit.mutate(choice === INVENTORY ? { kind: 'inventory' } : { kind: 'assessment', assessmentId: choice })
        }
        okButtonProps={{ loading: submit.isPending, 'data-testid': 'sy-submit-ok' } as never}
        destroyOnHidden
      >
        <div data-testid="sy-submit-confirm">
          <p>{t('sy.submit.confirmText')}</p>
          <p>{t('sy.submit.confirmOffline')}</p>
        </div>
      </Modal>
    </Flex>
  );
}

/** The department's comments: every event that carries one, oldest first. */
function Comments({ submission }: { submission: LocalSubmission }) {
  const { t } = useTranslation();
  // The server's own notes on receipt (hash checks) are not the department's opinion.
  const notes = submission.events.filter((e) => e.comment.trim() && e.state !== 'submitted' && e.state !== 'received');
  if (notes.length === 0) return <Typography.Text type="secondary">{t('sy.subs.noComments')}</Typography.Text>;
  return (
    <div data-testid="sy-sub-comments" style={{ maxWidth: 320 }}>
      {notes.map((e, i) => (
        <div key={i} style={{ marginBottom: 4 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTimeDate(e.at)} · {t(`sy.subs.states.${e.state}`)}
            {e.by ? ` · ${e.by}` : ''}
          </Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap' }}>{e.comment}</div>
        </div>
      ))}
    </div>
  );
}
