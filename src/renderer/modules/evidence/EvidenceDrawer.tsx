import { useEffect, useState } from 'react';
import { App, Button, Drawer, Flex, Popconfirm, Result, Skeleton, Space, Tabs, Tag, Typography, type ButtonProps } from 'antd';
import { DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../contract/schemas/evidence';
import type { LevelsFramework } from '../../../core/frameworks';
import { errorText } from '../../api/error-text';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useCurrentUser } from '../../boot/session';
import { VerificationTag } from '../../components/evidence/VerificationTag';
import { formatBytes, previewKindOf } from '../../components/evidence/files';
import { EvidenceInfoForm } from './EvidenceInfoForm';
import { EvidenceLinks } from './EvidenceLinks';
import { EvidencePreview, useDownloadEvidence } from './EvidencePreview';
import { EvidenceVerification } from './EvidenceVerification';
import { KIND_ICONS } from './EvidenceTable';
import { canEditEvidence, useRefreshEvidence } from './shared';

type TabKey = 'preview' | 'info' | 'criteria' | 'verification';

/** One evidence: preview, every field, its criteria and code, verification, removal. */
export function EvidenceDrawer({
  id,
  framework,
  onClose,
}: {
  id: string | null;
  framework: LevelsFramework;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const query = useApiQuery('evidence.get', { id: id ?? '' }, { enabled: !!id });
  const e = query.data;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={
        e ? (
          <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="ev-drawer-code">
              {e.code}
            </Typography.Text>
            <VerificationTag status={e.verification} reason={e.rejectReason} />
            {e.expired && <Tag color="red">{t('ev.table.expired')}</Tag>}
          </Flex>
        ) : (
          t('ev.drawer.loading')
        )
      }
      extra={e ? <DrawerActions evidence={e} onRemoved={onClose} /> : null}
      data-testid="ev-drawer"
    >
      {query.isPending && id ? (
        <Skeleton active />
      ) : query.isError ? (
        <Result status="warning" title={errorText(query.error, t, i18n.language)} />
      ) : e ? (
        <DrawerBody key={e.id} evidence={e} framework={framework} />
      ) : null}
    </Drawer>
  );
}

function DrawerBody({ evidence: e, framework }: { evidence: Evidence; framework: LevelsFramework }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const editable = canEditEvidence(user.role);
  const download = useDownloadEvidence();
  const { message } = App.useApp();
  const previewable = e.kind !== 'file' || previewKindOf(e.mimeType, e.fileName) !== null;
  const [tab, setTab] = useState<TabKey>(previewable ? 'preview' : 'info');
  const onDownload = () => void download(e).catch((err: unknown) => void message.error(errorText(err, t, i18n.language)));

  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="ev-drawer-title">
        {e.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        <Space size={4} wrap>
          {KIND_ICONS[e.kind]}
          <span>{t(`ev.kind.${e.kind}`)}</span>
          {e.kind === 'file' && (
            <span>
              · {e.fileName} · {formatBytes(e.sizeBytes, i18n.language)}
            </span>
          )}
          {e.criteria.length > 0 && <span>· {t('ev.fields.criteria')}:</span>}
          {e.criteria.map((c) => (
            <Tag key={c} color={c === e.firstCriterionCode ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
              {c}
            </Tag>
          ))}
        </Space>
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as TabKey)}
        items={[
          {
            key: 'preview',
            label: t('ev.drawer.tabs.preview'),
            children: <EvidencePreview evidence={e} onDownload={onDownload} />,
          },
          { key: 'info', label: t('ev.drawer.tabs.info'), children: <EvidenceInfoForm evidence={e} editable={editable} /> },
          {
            key: 'criteria',
            label: t('ev.drawer.tabs.criteria'),
            children: <EvidenceLinks evidence={e} framework={framework} editable={editable} />,
          },
          { key: 'verification', label: t('ev.drawer.tabs.verification'), children: <EvidenceVerification evidence={e} /> },
        ]}
        data-testid="ev-drawer-tabs"
      />
    </>
  );
}

function DrawerActions({ evidence: e, onRemoved }: { evidence: Evidence; onRemoved: () => void }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const user = useCurrentUser();
  const refresh = useRefreshEvidence();
  const download = useDownloadEvidence();
  const [downloading, setDownloading] = useState(false);
  const remove = useApiMutation('evidence.remove', {
    onSuccess: () => {
      refresh();
      void message.success(t('ev.drawer.removed', { code: e.code }));
      onRemoved();
    },
    onError: (err) =>
      void modal.error({
        title: t('ev.drawer.removeRefused'),
        content: <span data-testid="ev-remove-refused">{errorText(err, t, i18n.language)}</span>,
        okText: t('common.close'),
      }),
  });
  // A new evidence in the same drawer starts with no pending download.
  useEffect(() => setDownloading(false), [e.id]);
  return (
    <Space>
      {e.kind === 'file' && (
        <Button
          icon={<DownloadOutlined aria-hidden />}
          loading={downloading}
          onClick={() => {
            setDownloading(true);
            download(e)
              .catch((err: unknown) => void message.error(errorText(err, t, i18n.language)))
              .finally(() => setDownloading(false));
          }}
          data-testid="ev-download"
        >
          {t('ev.actions.download')}
        </Button>
      )}
      {canEditEvidence(user.role) && (
        <Popconfirm
          title={t('ev.drawer.removeConfirmTitle', { code: e.code })}
          description={<div style={{ maxWidth: 320 }}>{t('ev.drawer.removeConfirmBody', { code: e.code })}</div>}
          okText={t('common.remove')}
          okButtonProps={{ danger: true, 'data-testid': 'ev-remove-ok' } as ButtonProps}
          cancelText={t('common.cancel')}
          onConfirm={() => remove.mutate({ id: e.id })}
        >
          <Button danger icon={<DeleteOutlined aria-hidden />} loading={remove.isPending} data-testid="ev-remove">
            {t('ev.actions.remove')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
