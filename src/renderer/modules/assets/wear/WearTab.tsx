import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Select, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CalculatorOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../contract/methods';
import { useApi } from '../../../api/ApiProvider';
import { useApiQuery } from '../../../api/hooks';
import { errorText } from '../../../api/error-text';
import { useCurrentUser } from '../../../boot/session';
import { canEditAssets, count, dateTimeVn, labelIn, Money, money, useCatalogs, useRefreshAssets } from '../shared';

type Report = MethodOutput<'wear.report'>;
type RunResult = MethodOutput<'wear.run'>;

/**
 * Hao mòn (TT 141/2025): the yearly run, done in December before the books close, with a
 * confirmation (a rerun reverses the earlier run's events first); the report per asset class
 * and funding source.
 */
export function WearTab() {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const { modal, message } = App.useApp();
  const user = useCurrentUser();
  const editor = canEditAssets(user.role);
  const refresh = useRefreshAssets();
  const catalogs = useCatalogs().data;
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const runs = useApiQuery('wear.runs', {});
  const report = useApiQuery('wear.report', { year });
  const [last, setLast] = useState<RunResult | null>(null);
  const [busy, setBusy] = useState(false);
  const done = (runs.data ?? []).find((r) => r.year === year && r.status === 'done');

  const run = (rerun: boolean) =>
    modal.confirm({
      title: rerun ? t('as.wear.rerunTitle', { year }) : t('as.wear.runTitle', { year }),
      content: (
        <div>
          <p>{rerun ? t('as.wear.rerunText', { year }) : t('as.wear.runText', { year })}</p>
          <p style={{ marginBottom: 0 }}>{t('as.wear.runNote')}</p>
        </div>
      ),
      okText: rerun ? t('as.wear.rerun') : t('as.wear.run'),
      okButtonProps: { danger: rerun, 'data-testid': 'as-wear-confirm' } as never,
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy(true);
        try {
          const r = await client.call('wear.run', { year, rerun });
          setLast(r);
          await refresh();
          void message.success(t('as.wear.doneToast', { n: count(r.run.assetCount), total: money(r.run.totalVnd) }));
        } catch (err) {
          void message.error(errorText(err, t, i18n.language));
        } finally {
          setBusy(false);
        }
      },
    });

  const years = Array.from({ length: 12 }, (_, i) => thisYear + 1 - i);
  type Row = Report['rows'][number];
  const columns: TableColumnsType<Row> = [
    { key: 'class', title: t('as.fields.assetClass'), width: 220, render: (_, r) => r.assetClassLabel },
    {
      key: 'funding',
      title: t('as.fields.fundingSource'),
      width: 170,
      render: (_, r) => labelIn(catalogs?.fundingSources, r.fundingSource, t('as.common.noFunding')),
    },
    { key: 'assets', title: t('as.wear.assets'), width: 90, align: 'right', render: (_, r) => count(r.assets) },
    { key: 'cost', title: t('as.fields.costVnd'), width: 160, align: 'right', render: (_, r) => <Money value={r.costVnd} /> },
    {
      key: 'annual',
      title: t('as.wear.annual', { year }),
      width: 160,
      align: 'right',
      render: (_, r) => <Money value={r.annualVnd} strong />,
    },
    {
      key: 'acc',
      title: t('as.fields.accumulatedWearVnd'),
      width: 160,
      align: 'right',
      render: (_, r) => <Money value={r.accumulatedVnd} />,
    },
    {
      key: 'rem',
      title: t('as.fields.remainingVnd'),
      width: 160,
      align: 'right',
      render: (_, r) => <Money value={r.remainingVnd} />,
    },
  ];

  return (
    <div data-testid="as-wear">
      <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={8} align="center">
          <Typography.Text>{t('as.wear.year')}</Typography.Text>
          <Select
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: String(y) }))}
            style={{ width: 110 }}
            data-testid="as-wear-year"
          />
          {done ? (
            <Tag color="green">{t('as.wear.doneAt', { at: dateTimeVn(done.runAt) })}</Tag>
          ) : (
            <Tag>{t('as.wear.notRun')}</Tag>
          )}
        </Flex>
        {editor && (
          <Flex gap={8}>
            {done ? (
              <Button
                danger
                icon={<ReloadOutlined aria-hidden />}
                loading={busy}
                onClick={() => run(true)}
                data-testid="as-wear-rerun"
              >
                {t('as.wear.rerun')}
              </Button>
            ) : (
              <Button
                type="primary"
                icon={<CalculatorOutlined aria-hidden />}
                loading={busy}
                onClick={() => run(false)}
                data-testid="as-wear-run"
              >
                {t('as.wear.runFor', { year })}
              </Button>
            )}
          </Flex>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 860 }}>
        {t('as.wear.intro')}
      </Typography.Paragraph>
      {last && last.run.year === year && (
        <Alert
          type={last.warnings.length ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          title={t('as.wear.result', {
            n: count(last.run.assetCount),
            total: money(last.run.totalVnd),
            skipped: count(last.skipped.length),
          })}
          description={
            last.warnings.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 160, overflow: 'auto' }}>
                {last.warnings.slice(0, 50).map((w) => (
                  <li key={`${w.assetId}-${w.message}`}>
                    {w.code}: {w.message}
                  </li>
                ))}
              </ul>
            )
          }
          data-testid="as-wear-result"
        />
      )}
      <Card size="small" title={t('as.wear.reportTitle', { year })}>
        {report.isPending ? (
          <Skeleton active />
        ) : report.isError ? (
          <Alert type="error" title={errorText(report.error, t, i18n.language)} />
        ) : report.data.rows.length === 0 ? (
          <Empty description={t('as.wear.noReport', { year })} />
        ) : (
          <Table<Row>
            rowKey={(r) => `${r.assetClass}|${r.fundingSource}`}
            size="small"
            columns={columns}
            dataSource={report.data.rows}
            pagination={false}
            scroll={{ x: 1240 }}
            data-testid="as-wear-report"
            summary={() => (
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0} colSpan={2}>
                  {t('as.wear.total')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {count(report.data.total.assets)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {money(report.data.total.costVnd)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {money(report.data.total.annualVnd)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {money(report.data.total.accumulatedVnd)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {money(report.data.total.remainingVnd)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        )}
      </Card>
    </div>
  );
}
