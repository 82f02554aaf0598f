import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../contract/schemas/review';
import { errorText } from '../../api/error-text';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { formatDate } from './shared';

type ExportTable = 'schools' | 'byState' | 'levels' | 'expiring' | 'rooms';
const STATE_BAR: Record<string, string> = {
  not_started: '#bfbfbf',
  in_progress: '#69b1ff',
  approved: '#13c2c2',
  submitted: '#1677ff',
  returned: '#fa8c16',
  accepted: '#52c41a',
};

/** "Xuất Excel" of one dashboard table (review.exportTable); tells where the file went. */
function ExportButton({ table }: { table: ExportTable }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const exp = useApiMutation('review.exportTable', {
    onSuccess: (f) => void message.success(t('rv.dashboard.exported', { path: f.path })),
    onError: (err) => void message.error(errorText(err, t, i18n.language)),
  });
  return (
    <Button
      size="small"
      icon={<FileExcelOutlined aria-hidden />}
      loading={exp.isPending}
      onClick={() => exp.mutate({ table })}
      data-testid={`rv-export-${table}`}
    >
      {t('rv.dashboard.export')}
    </Button>
  );
}

/** Horizontal bars in plain divs: label, bar proportional to the largest value, count. */
function Bars({ items, testId }: { items: { key: string; label: string; value: number; color?: string }[]; testId: string }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <Flex vertical gap={6} data-testid={testId}>
      {items.map((i) => (
        <Flex key={i.key} align="center" gap={8} data-testid={`${testId}-${i.key}`}>
          <span style={{ width: 200, flex: 'none' }}>{i.label}</span>
          <div style={{ flex: 1, background: '#f5f5f5', height: 16, borderRadius: 2 }}>
            <div
              style={{ width: `${(i.value / max) * 100}%`, height: '100%', background: i.color ?? '#1677ff', borderRadius: 2 }}
              aria-hidden
            />
          </div>
          <span style={{ width: 40, textAlign: 'right' }} data-testid="rv-bar-count">
            {i.value}
          </span>
        </Flex>
      ))}
    </Flex>
  );
}

/** Bảng theo dõi: states, levels per framework, expiring recognitions, facilities. No ranking of schools. */
export function DashboardTab() {
  const { t, i18n } = useTranslation();
  const dash = useApiQuery('review.dashboard', {});
  if (dash.isPending) return <Skeleton active />;
  if (dash.error) return <Alert type="error" showIcon title={errorText(dash.error, t, i18n.language)} />;
  const d = dash.data;
  const frameworks = [...new Set(d.levels.map((l) => l.frameworkId))].sort();
  const f = d.facilities;
  // Alphabetical by code: the dashboard follows schools, it does not rank them.
  const schools = [...d.schools].sort((a, b) => a.code.localeCompare(b.code, 'vi', { numeric: true }));

  return (
    <Flex vertical gap={16} data-testid="rv-dashboard">
      <Card size="small" title={t('rv.dashboard.byState')} extra={<ExportButton table="byState" />}>
        <Row gutter={16} style={{ marginBottom: 12 }}>
          {d.byState.map((s) => (
            <Col key={s.state}>
              <Statistic title={s.label} value={s.count} data-testid={`rv-count-${s.state}`} />
            </Col>
          ))}
        </Row>
        <Bars
          testId="rv-bars-state"
          items={d.byState.map((s) => ({ key: s.state, label: s.label, value: s.count, color: STATE_BAR[s.state] }))}
        />
      </Card>
      <Card size="small" title={t('rv.dashboard.levels')} extra={<ExportButton table="levels" />}>
        {frameworks.length === 0 ? (
          <Typography.Text type="secondary">{t('rv.dashboard.noLevels')}</Typography.Text>
        ) : (
          <Flex vertical gap={12}>
            {frameworks.map((fw) => (
              <div key={fw}>
                <Typography.Text strong>{fw}</Typography.Text>
                <Bars
                  testId={`rv-bars-level-${fw}`}
                  items={d.levels
                    .filter((l) => l.frameworkId === fw)
                    .sort((a, b) => a.level - b.level)
                    .map((l) => ({
                      key: String(l.level),
                      label: t('rv.levelN', { level: l.level }),
                      value: l.count,
                      color: '#722ed1',
                    }))}
                />
              </div>
            ))}
          </Flex>
        )}
      </Card>
      <Card
        size="small"
        title={t('rv.dashboard.expiring', { count: d.expiring.length })}
        extra={<ExportButton table="expiring" />}
      >
        <Table<Dashboard['expiring'][number]>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={d.expiring}
          data-testid="rv-expiring"
          locale={{ emptyText: t('rv.dashboard.noExpiring') }}
          columns={[
            { title: t('rv.inbox.school'), key: 's', render: (_, r) => `${r.schoolCode} — ${r.schoolName}` },
            { title: t('rv.inbox.framework'), dataIndex: 'frameworkId' },
            { title: t('rv.inbox.level'), dataIndex: 'level', render: (l: number) => t('rv.levelN', { level: l }) },
            {
              title: t('rv.dashboard.decision'),
              key: 'd',
              render: (_, r) => `${r.decisionNumber} (${formatDate(r.decisionDate)})`,
            },
            { title: t('rv.dashboard.validUntil'), dataIndex: 'validUntil', render: (v: string) => formatDate(v) },
            {
              title: t('rv.dashboard.daysLeft'),
              dataIndex: 'daysLeft',
              render: (n: number) =>
                n < 0 ? (
                  <Tag color="red">{t('rv.dashboard.expired')}</Tag>
                ) : (
                  <Tag color="orange">{t('rv.dashboard.days', { count: n })}</Tag>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('rv.dashboard.facilities')} extra={<ExportButton table="rooms" />} data-testid="rv-facilities">
        {f.schoolsReporting === 0 ? (
          <Typography.Text type="secondary">{t('rv.dashboard.noFacilities')}</Typography.Text>
        ) : (
          <>
            <Descriptions size="small" column={3}>
              <Descriptions.Item label={t('rv.dashboard.schoolsReporting')}>{f.schoolsReporting}</Descriptions.Item>
              <Descriptions.Item label={t('rv.dashboard.computers')}>{f.computers}</Descriptions.Item>
              <Descriptions.Item label={t('rv.dashboard.computersPerStudent')}>
                {f.computersPerStudent === null ? t('rv.dashboard.noPupils') : f.computersPerStudent.toFixed(3)}
              </Descriptions.Item>
              <Descriptions.Item label={t('rv.dashboard.digital')}>
                {f.digitalRecordsShare === null
                  ? '—'
                  : t('rv.dashboard.share', {
                      share: Math.round(f.digitalRecordsShare * 100),
                      target: Math.round(f.digitalRecordsTarget * 100),
                    })}
              </Descriptions.Item>
            </Descriptions>
            <Bars
              testId="rv-bars-rooms"
              items={f.roomsByConstruction.map((r) => ({
                key: r.construction,
                label: r.construction,
                value: r.count,
                color: '#13c2c2',
              }))}
            />
          </>
        )}
      </Card>
      <Card size="small" title={t('rv.dashboard.schools', { count: schools.length })} extra={<ExportButton table="schools" />}>
        <Table<Dashboard['schools'][number]>
          size="small"
          rowKey="unitId"
          dataSource={schools}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('rv.inbox.school'), key: 's', render: (_, r) => `${r.code} — ${r.name}` },
            { title: t('rv.dashboard.parent'), dataIndex: 'parentName' },
            {
              title: t('rv.inbox.state'),
              dataIndex: 'stateLabel',
              render: (l: string, r) => <Tag color={STATE_BAR[r.state]}>{l}</Tag>,
            },
            {
              title: t('rv.dashboard.lastSubmitted'),
              dataIndex: 'lastSubmittedAt',
              render: (v: string | null) => formatDate(v) || '—',
            },
            { title: t('rv.inbox.framework'), dataIndex: 'frameworkId', render: (v: string | null) => v ?? '—' },
            {
              title: t('rv.inbox.level'),
              dataIndex: 'level',
              render: (l: number | null) => (l === null ? '—' : t('rv.levelN', { level: l })),
            },
            { title: t('rv.dashboard.validUntil'), dataIndex: 'validUntil', render: (v: string | null) => formatDate(v) || '—' },
          ]}
        />
      </Card>
    </Flex>
  );
}
