import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Input, Modal, Row, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SyncConflictView } from '../../../contract/schemas/sync';
import { errorText } from '../../api/error-text';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useCurrentUser } from '../../boot/session';
import { formatTimeDate } from './format';
import { canResolve, entityLabel } from './shared';

/** Open long-text conflicts (sync.conflicts), each resolvable side by side. */
export function ConflictsCard() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const conflicts = useApiQuery('sync.conflicts', { status: 'open' });
  const [open, setOpen] = useState<SyncConflictView | null>(null);
  const rows = conflicts.data ?? [];

  return (
    <Card
      title={
        <span>
          {t('sy.conflicts.title')} {rows.length > 0 && <Tag color="red">{rows.length}</Tag>}
        </span>
      }
      data-testid="sy-conflicts"
    >
      {conflicts.error && <Alert type="warning" showIcon title={errorText(conflicts.error, t, i18n.language)} />}
      {rows.length > 0 && <Typography.Paragraph type="secondary">{t('sy.conflicts.intro')}</Typography.Paragraph>}
      <Table<SyncConflictView>
        size="small"
        rowKey="id"
        loading={conflicts.isPending}
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10 } : false}
        locale={{ emptyText: t('sy.conflicts.empty') }}
        onRow={(c) => ({ 'data-testid': `sy-conflict-${c.id}` }) as object}
        columns={[
          { title: t('sy.conflicts.record'), key: 'entity', render: (_, c) => entityLabel(t, c.entity) },
          { title: t('sy.conflicts.field'), dataIndex: 'field' },
          {
            title: t('sy.conflicts.kept'),
            key: 'kept',
            render: (_, c) => (
              <Typography.Text ellipsis style={{ maxWidth: 260 }}>
                {c.keptValue || t('sy.conflicts.emptyValue')}
              </Typography.Text>
            ),
          },
          { title: t('sy.conflicts.createdAt'), key: 'at', render: (_, c) => formatTimeDate(c.createdAt) },
          {
            title: '',
            key: 'action',
            align: 'right',
            render: (_, c) => (
              <Button size="small" onClick={() => setOpen(c)} data-testid="sy-conflict-open">
                {t('sy.conflicts.resolve')}
              </Button>
            ),
          },
        ]}
      />
      <ResolveModal conflict={open} canEdit={canResolve(user.role)} onClose={() => setOpen(null)} />
    </Card>
  );
}

function ResolveModal({
  conflict,
  canEdit,
  onClose,
}: {
  conflict: SyncConflictView | null;
  canEdit: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [custom, setCustom] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    if (conflict) setCustom(`${conflict.keptValue}\n\n${conflict.otherValue}`.trim());
  }, [conflict]);

  const resolve = useApiMutation('sync.resolveConflict', {
    onSuccess: () => {
      void message.success(t('sy.conflicts.resolved'));
      for (const m of ['sync.conflicts', 'sync.status']) void queryClient.invalidateQueries({ queryKey: [m] });
      onClose();
    },
    onError: (err) => setError(errorText(err, t, i18n.language)),
  });

  const side = (label: string, value: string, testId: string, choice: 'kept' | 'other', button: string) => (
    <Col xs={24} md={12}>
      <Card size="small" title={label} data-testid={testId} style={{ height: '100%' }}>
        <div
          style={{ whiteSpace: 'pre-wrap', maxHeight: 260, overflow: 'auto', minHeight: 80, marginBottom: 12 }}
          data-testid={`${testId}-text`}
        >
          {value || <Typography.Text type="secondary">{t('sy.conflicts.emptyValue')}</Typography.Text>}
        </div>
        <Button
          block
          type={choice === 'kept' ? 'primary' : 'default'}
          disabled={!canEdit}
          loading={resolve.isPending && resolve.variables?.choice === choice}
          onClick={() => conflict && resolve.mutate({ id: conflict.id, choice })}
          data-testid={`sy-resolve-${choice}`}
        >
          {button}
        </Button>
      </Card>
    </Col>
  );

  return (
    <Modal
      open={conflict !== null}
      onCancel={onClose}
      footer={null}
      width={900}
      destroyOnHidden
      title={conflict ? t('sy.conflicts.modalTitle', { what: `${entityLabel(t, conflict.entity)} · ${conflict.field}` }) : ''}
    >
      {conflict && (
        <div data-testid="sy-resolver">
          {!canEdit && <Alert type="info" showIcon title={t('sy.conflicts.readOnly')} style={{ marginBottom: 12 }} />}
          <Row gutter={16}>
            {side(t('sy.conflicts.kept'), conflict.keptValue, 'sy-kept', 'kept', t('sy.conflicts.keepKept'))}
            {side(t('sy.conflicts.other'), conflict.otherValue, 'sy-other', 'other', t('sy.conflicts.keepOther'))}
          </Row>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('sy.conflicts.custom')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('sy.conflicts.customHint')}</Typography.Paragraph>
          <Input.TextArea
            value={custom}
            onChange={(e) => setCustom(e.target.value)}
            autoSize={{ minRows: 4, maxRows: 12 }}
            disabled={!canEdit}
            data-testid="sy-custom"
          />
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="sy-resolve-error" />}
          <Button
            style={{ marginTop: 12 }}
            disabled={!canEdit}
            loading={resolve.isPending && resolve.variables?.choice === 'custom'}
            onClick={() => resolve.mutate({ id: conflict.id, choice: 'custom', value: custom })}
            data-testid="sy-resolve-custom"
          >
            {t('sy.conflicts.saveCustom')}
          </Button>
        </div>
      )}
    </Modal>
  );
}
