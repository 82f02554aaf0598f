import { Alert, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../contract/methods';
import { errorText } from '../../api/error-text';
import { useApiQuery } from '../../api/hooks';
import { formatTime } from './shared';

type Entry = MethodOutput<'review.audit'>[number];

/** Nhật ký (lead/admin): who downloaded, judged, returned, accepted, decided. */
export function AuditTab({ submissionId }: { submissionId: string }) {
  const { t, i18n } = useTranslation();
  const audit = useApiQuery('review.audit', { submissionId });
  if (audit.error) return <Alert type="error" showIcon title={errorText(audit.error, t, i18n.language)} />;
  return (
    <Table<Entry>
      data-testid="rv-audit"
      size="small"
      rowKey={(e) => `${e.at}-${e.action}-${e.actorName}-${e.detail}`}
      loading={audit.isPending}
      dataSource={audit.data ?? []}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      columns={[
        { title: t('rv.audit.at'), dataIndex: 'at', render: (a: string) => formatTime(a), width: 160 },
        { title: t('rv.audit.actor'), dataIndex: 'actorName' },
        {
          title: t('rv.audit.action'),
          dataIndex: 'action',
          render: (a: string) => t(`rv.audit.actions.${a}`, { defaultValue: a }),
        },
        { title: t('rv.audit.detail'), dataIndex: 'detail' },
      ]}
    />
  );
}
