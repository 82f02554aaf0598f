import { useEffect, useState } from 'react';
import { Alert, Checkbox, Modal, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../contract/schemas/sync';
import { entityLabel } from './shared';

export type BulkDelete = NonNullable<SyncStatus['bulkDelete']>;

/**
 * The strong confirmation before many deletes reach the server: what goes, per kind of data,
 * and a box to tick before the red button works.
 */
export function BulkDeleteModal({
  bulk,
  confirming,
  onCancel,
  onConfirm,
}: {
  bulk: BulkDelete | null;
  confirming: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const [checked, setChecked] = useState(false);
  useEffect(() => setChecked(false), [bulk]);
  return (
    <Modal
      open={bulk !== null}
      title={t('sy.bulk.title')}
      onCancel={onCancel}
      onOk={onConfirm}
      okText={t('sy.bulk.ok')}
      cancelText={t('sy.bulk.cancel')}
      okButtonProps={{ danger: true, disabled: !checked, loading: confirming, 'data-testid': 'sy-bulk-ok' } as never}
      cancelButtonProps={{ 'data-testid': 'sy-bulk-cancel' } as never}
      width={640}
      destroyOnHidden
      data-testid="sy-bulk-modal"
    >
      {bulk && (
        <div data-testid="sy-bulk">
          <Alert type="error" showIcon title={t('sy.bulk.lead', { total: bulk.total })} description={bulk.message} />
          <Table
            style={{ marginTop: 12 }}
            size="small"
            pagination={false}
            rowKey="entity"
            dataSource={bulk.entities}
            columns={[
              { title: t('sy.bulk.entity'), dataIndex: 'entity', render: (e: string) => entityLabel(t, e) },
              { title: t('sy.bulk.deletes'), dataIndex: 'deletes', align: 'right' },
              { title: t('sy.bulk.rows'), dataIndex: 'rows', align: 'right' },
            ]}
          />
          <Checkbox
            style={{ marginTop: 12 }}
            checked={checked}
            onChange={(e) => setChecked(e.target.checked)}
            data-testid="sy-bulk-check"
          >
            {t('sy.bulk.check')}
          </Checkbox>
        </div>
      )}
    </Modal>
  );
}
