import { Button, Descriptions, Result, Skeleton, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';
import { errorText } from '../../api/error-text';

/** Health of the local SQLite file, for the admin to read out to support over the phone. */
export function DatabasePanel() {
  const { t, i18n } = useTranslation();
  const check = useApiQuery('db.check', {}, { staleTime: 0 });
  if (check.isPending) return <Skeleton active />;
  if (check.isError) return <Result status="warning" title={errorText(check.error, t, i18n.language)} />;
  const d = check.data;
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 260 } }}
        data-testid="db-check"
        items={[
          {
            key: 'ok',
            label: t('database.status'),
            children: <Tag color={d.ok ? 'green' : 'red'}>{d.ok ? t('database.ok') : t('database.notOk')}</Tag>,
          },
          { key: 'quickCheck', label: t('database.quickCheck'), children: d.quickCheck },
          { key: 'journalMode', label: t('database.journalMode'), children: d.journalMode },
          { key: 'schemaVersion', label: t('database.schemaVersion'), children: d.schemaVersion },
          {
            key: 'migrations',
            label: t('database.appliedMigrations'),
            children: d.appliedMigrations.length ? d.appliedMigrations.map((m) => <Tag key={m}>{m}</Tag>) : '—',
          },
          { key: 'pending', label: t('database.pendingChanges'), children: d.pendingChanges },
        ]}
      />
      <Button icon={<ReloadOutlined />} style={{ marginTop: 16 }} loading={check.isFetching} onClick={() => void check.refetch()}>
        {t('database.check')}
      </Button>
    </>
  );
}
