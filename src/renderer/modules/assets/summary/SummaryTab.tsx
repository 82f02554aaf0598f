import { useState } from 'react';
import {
  Alert,
  Card,
  Col,
  Empty,
  Flex,
  InputNumber,
  Progress,
  Row,
  Segmented,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { NormsReport, Summary } from '../../../../contract/schemas/assets';
import { useApiQuery } from '../../../api/hooks';
import { errorText } from '../../../api/error-text';
import { count, Money, money } from '../shared';

type CountRow = Summary['byClass'][number];
type NormRow = NormsReport['rows'][number];
const NORM_LEVELS = ['mam_non', 'tieu_hoc', 'thcs', 'thpt'] as const;

/**
 * Tổng hợp: assets by class / condition / funding / room, additions and removals of a year,
 * computers per student, the share of complete digital records against the 80 % target, and
 * the room norms (TT 13/2020) with their sources, saying "chưa đủ dữ liệu" where the catalog is
 * incomplete rather than showing a gap it cannot know.
 */
export function SummaryTab() {
  const { t, i18n } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [students, setStudents] = useState<number | null>(null);
  const summary = useApiQuery('assets.summary', { year, ...(students ? { students } : {}) });
  const s = summary.data;

  return (
    <div data-testid="as-summary">
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <span>{t('as.summary.year')}</span>
        <InputNumber
          min={1990}
          max={2100}
          value={year}
          onChange={(v) => setYear(v ?? thisYear)}
          style={{ width: 100 }}
          data-testid="as-summary-year"
        />
        <span>{t('as.summary.students')}</span>
        <InputNumber
          min={0}
          value={students}
          onChange={(v) => setStudents(v)}
          placeholder={t('as.summary.studentsHint')}
          style={{ width: 160 }}
          data-testid="as-summary-students"
        />
      </Flex>
      {summary.isPending ? (
        <Skeleton active />
      ) : summary.isError ? (
        <Alert type="error" title={errorText(summary.error, t, i18n.language)} />
      ) : s ? (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('as.summary.additions', { year })}
                  value={count(s.additions.assets)}
                  suffix={<span style={{ fontSize: 13 }}>{money(s.additions.costVnd)}</span>}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('as.summary.removals', { year })}
                  value={count(s.removals.assets)}
                  suffix={<span style={{ fontSize: 13 }}>{money(s.removals.costVnd)}</span>}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('as.summary.computers')}
                  value={count(s.computers.teaching)}
                  suffix={
                    <span style={{ fontSize: 13 }}>{t('as.summary.management', { n: count(s.computers.management) })}</span>
                  }
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="as-summary-per-student">
                  {s.computers.studentsPerComputer !== null
                    ? t('as.summary.studentsPerComputer', {
                        n: s.computers.studentsPerComputer.toLocaleString('vi-VN', { maximumFractionDigits: 1 }),
                      })
                    : students && s.computers.teaching === 0
                      ? t('as.summary.noComputers')
                      : t('as.summary.needStudents')}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('as.summary.disposalCandidates')} value={count(s.disposalCandidates)} />
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            title={t('as.summary.digitalTitle', { pct: s.digitalRecords.targetPercent })}
            extra={
              <Tag
                color={s.digitalRecords.meetsTarget ? 'green' : 'orange'}
                style={{ marginInlineEnd: 0 }}
                data-testid="as-summary-digital-verdict"
              >
                {s.digitalRecords.meetsTarget
                  ? t('as.summary.meetsTarget', { pct: s.digitalRecords.targetPercent })
                  : t('as.summary.belowTarget', { pct: s.digitalRecords.targetPercent })}
              </Tag>
            }
            style={{ marginBottom: 16 }}
            data-testid="as-summary-digital"
          >
            <Row gutter={24}>
              {(
                [
                  ['assets', s.digitalRecords.assetsComplete, s.digitalRecords.assets, s.digitalRecords.assetsPercent],
                  ['rooms', s.digitalRecords.roomsComplete, s.digitalRecords.rooms, s.digitalRecords.roomsPercent],
                ] as const
              ).map(([k, done, all, pct]) => (
                <Col xs={24} md={12} key={k}>
                  <Typography.Text>{t(`as.summary.digital.${k}`, { done: count(done), all: count(all) })}</Typography.Text>
                  <Tooltip title={t('as.summary.target', { pct: s.digitalRecords.targetPercent })}>
                    <Progress
                      percent={pct}
                      strokeColor={pct >= s.digitalRecords.targetPercent ? '#389e0d' : '#d48806'}
                      format={(p) => `${(p ?? 0).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`}
                      data-testid={`as-summary-digital-${k}`}
                    />
                  </Tooltip>
                </Col>
              ))}
            </Row>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.digitalRecords.definition}
            </Typography.Text>
          </Card>
          <Groupings summary={s} />
        </>
      ) : null}
      <NormsCard defaultStudents={students} />
    </div>
  );
}

type Grouping = 'byClass' | 'byCondition' | 'byFunding' | 'byRoom';
const GROUPINGS: Grouping[] = ['byClass', 'byCondition', 'byFunding', 'byRoom'];

/** "P101 — P101" (a room whose name is its code) reads as "P101". */
function groupLabel(label: string): string {
  const m = /^(.+) — (.+)$/.exec(label);
  return m && m[1] === m[2] ? m[1]! : label;
}

/** Assets grouped one way at a time: by class, condition, funding source or room. */
function Groupings({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<Grouping>('byClass');
  const rows = summary[by];
  const total = rows.reduce(
    (a, r) => ({
      assets: a.assets + r.assets,
      quantity: a.quantity + r.quantity,
      costVnd: a.costVnd + r.costVnd,
      remainingVnd: a.remainingVnd + r.remainingVnd,
    }),
    { assets: 0, quantity: 0, costVnd: 0, remainingVnd: 0 },
  );
  const columns: TableColumnsType<CountRow> = [
    { key: 'label', title: t(`as.summary.${by}`), render: (_, r) => groupLabel(r.label) },
    { key: 'assets', title: t('as.summary.assets'), width: 100, align: 'right', render: (_, r) => count(r.assets) },
    { key: 'quantity', title: t('as.fields.quantity'), width: 110, align: 'right', render: (_, r) => count(r.quantity) },
    { key: 'cost', title: t('as.fields.costVnd'), width: 170, align: 'right', render: (_, r) => <Money value={r.costVnd} /> },
    {
      key: 'rem',
      title: t('as.fields.remainingVnd'),
      width: 170,
      align: 'right',
      render: (_, r) => <Money value={r.remainingVnd} />,
    },
  ];
  return (
    <Card
      size="small"
      title={t('as.summary.groupsTitle')}
      extra={
        <Segmented
          value={by}
          onChange={(v) => setBy(v as Grouping)}
          options={GROUPINGS.map((g) => ({ value: g, label: t(`as.summary.${g}`) }))}
          data-testid="as-summary-by"
        />
      }
      style={{ marginBottom: 16 }}
    >
      <Table<CountRow>
        rowKey={(r) => r.key ?? '__null__'}
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 15 ? { pageSize: 15, showSizeChanger: false, size: 'small' } : false}
        locale={{ emptyText: t('as.summary.none') }}
        data-testid={`as-summary-${by}`}
        summary={() =>
          rows.length > 1 ? (
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              <Table.Summary.Cell index={0}>{t('as.wear.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {count(total.assets)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {count(total.quantity)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {money(total.costVnd)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {money(total.remainingVnd)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}

function NormsCard({ defaultStudents }: { defaultStudents: number | null }) {
  const { t, i18n } = useTranslation();
  const school = useApiQuery('school.get', {});
  const schoolLevels = (school.data?.levels ?? []).filter((l): l is (typeof NORM_LEVELS)[number] =>
    (NORM_LEVELS as readonly string[]).includes(l),
  );
  const [level, setLevel] = useState<(typeof NORM_LEVELS)[number] | null>(null);
  const [classes, setClasses] = useState<number | null>(null);
  const [students, setStudents] = useState<number | null>(null);
  const [tier, setTier] = useState<'toi_thieu' | 'muc_1' | 'muc_2'>('toi_thieu');
  const lv = level ?? schoolLevels[0] ?? 'thcs';
  const st = students ?? defaultStudents ?? 0;
  const report = useApiQuery(
    'rooms.normsReport',
    { level: lv, classes: classes ?? 0, students: st, tier },
    { enabled: classes !== null },
  );
  const r = report.data;
  const columns: TableColumnsType<NormRow> = [
    {
      key: 'type',
      title: t('as.norms.roomType'),
      render: (_, x) => (
        <div>
          <div>{x.roomTypeLabel}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {x.blockLabel}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'required',
      title: t('as.norms.required'),
      width: 110,
      align: 'right',
      render: (_, x) => (x.required === null ? <Tag color="default">{t('as.norms.noData')}</Tag> : count(x.required)),
    },
    { key: 'actual', title: t('as.norms.actual'), width: 90, align: 'right', render: (_, x) => count(x.actual) },
    {
      key: 'gap',
      title: t('as.norms.gap'),
      width: 150,
      align: 'right',
      render: (_, x) =>
        x.gap === null || x.incomplete ? (
          <Tooltip title={x.note}>
            <Tag color="default" data-testid="as-norm-incomplete">
              {t('as.norms.noData')}
            </Tag>
          </Tooltip>
        ) : x.gap > 0 ? (
          <Tag color="red">{t('as.norms.missing', { n: x.gap })}</Tag>
        ) : (
          <Tag color="green">{t('as.norms.enough')}</Tag>
        ),
    },
    {
      key: 'area',
      title: t('as.norms.area'),
      width: 170,
      render: (_, x) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {x.requiredAreaM2 !== null ? t('as.norms.areaMin', { m2: x.requiredAreaM2 }) : ''}
          {x.roomsBelowArea > 0 && <div style={{ color: '#cf1322' }}>{t('as.norms.belowArea', { n: x.roomsBelowArea })}</div>}
          {x.roomsWithoutArea > 0 && <div>{t('as.norms.withoutArea', { n: x.roomsWithoutArea })}</div>}
        </Typography.Text>
      ),
    },
    {
      key: 'source',
      title: t('as.norms.source'),
      width: 220,
      render: (_, x) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {x.source.document}
          {x.source.article ? `, ${x.source.article}` : ''}
          {!x.verified && (
            <Tag color="gold" style={{ marginInlineStart: 4 }}>
              {t('as.norms.unverified')}
            </Tag>
          )}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Card size="small" title={t('as.norms.title')} data-testid="as-norms">
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          value={lv}
          onChange={setLevel}
          options={NORM_LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
          style={{ width: 140 }}
          aria-label={t('as.norms.level')}
        />
        <span>{t('as.norms.classes')}</span>
        <InputNumber min={0} value={classes} onChange={setClasses} style={{ width: 100 }} data-testid="as-norms-classes" />
        <span>{t('as.summary.students')}</span>
        <InputNumber min={0} value={students ?? defaultStudents} onChange={setStudents} style={{ width: 120 }} />
        <Select
          value={tier}
          onChange={setTier}
          style={{ width: 170 }}
          options={(['toi_thieu', 'muc_1', 'muc_2'] as const).map((x) => ({ value: x, label: t(`as.norms.tiers.${x}`) }))}
        />
      </Flex>
      {classes === null ? (
        <Empty description={t('as.norms.enterClasses')} />
      ) : report.isPending ? (
        <Skeleton active />
      ) : report.isError ? (
        <Alert type="error" title={errorText(report.error, t, i18n.language)} />
      ) : r ? (
        <>
          <Flex gap={8} wrap style={{ marginBottom: 8 }}>
            <Tag>{t('as.norms.totalRequired', { n: r.totals.required })}</Tag>
            <Tag>{t('as.norms.totalActual', { n: r.totals.actual })}</Tag>
            <Tag color={r.totals.gap > 0 ? 'red' : 'green'}>{t('as.norms.totalGap', { n: r.totals.gap })}</Tag>
            {r.totals.incompleteNorms > 0 && (
              <Tag color="gold">{t('as.norms.incompleteCount', { n: r.totals.incompleteNorms })}</Tag>
            )}
          </Flex>
          <Table<NormRow>
            rowKey="normId"
            size="small"
            columns={columns}
            dataSource={r.rows}
            pagination={false}
            scroll={{ x: 900 }}
            data-testid="as-norms-table"
          />
          {r.catalogGaps.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              title={t('as.norms.catalogGaps')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {r.catalogGaps.map((g, i) => (
                    <li key={i}>{g.note}</li>
                  ))}
                </ul>
              }
              data-testid="as-norms-gaps"
            />
          )}
          {r.roomsWithoutNorm.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
              {t('as.norms.withoutNorm', { list: r.roomsWithoutNorm.map((x) => `${x.roomType} (${x.count})`).join(', ') })}
            </Typography.Paragraph>
          )}
        </>
      ) : null}
    </Card>
  );
}
