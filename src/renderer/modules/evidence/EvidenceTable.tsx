import { useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { Alert, Button, Empty, Flex, Input, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CopyOutlined, FileOutlined, FileTextOutlined, LinkOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Evidence, EvidenceKind, EvidenceListInput, EvidenceRef, Verification } from '../../../contract/schemas/evidence';
import { EVIDENCE_KINDS, VERIFICATION_STATES } from '../../../contract/schemas/evidence';
import type { LevelsFramework } from '../../../core/frameworks';
import { useApiQuery } from '../../api/hooks';
import { errorText } from '../../api/error-text';
import { formatDate } from '../../format/date';
import { useDebouncedValue } from '../../components/evidence/useDebouncedValue';
import { VerificationTag } from '../../components/evidence/VerificationTag';
import { CriterionSelect, criterionTitle, todayIso } from './shared';

type Expiry = 'expired' | 'within30' | 'within90';

export interface EvidenceFilters {
  q: string;
  criterionCode?: string;
  verification?: Verification;
  kind?: EvidenceKind;
  expiry?: Expiry;
}

function expiringBefore(expiry: Expiry | undefined): string | undefined {
  if (!expiry) return undefined;
  const today = dayjs(todayIso());
  if (expiry === 'expired') return today.format('YYYY-MM-DD');
  // Expiring within N days: validUntil before today + N + 1 (the last day still counts as valid).
  return today.add(expiry === 'within30' ? 31 : 91, 'day').format('YYYY-MM-DD');
}

export const KIND_ICONS: Record<EvidenceKind, ReactNode> = {
  file: <FileOutlined aria-hidden />,
  link: <LinkOutlined aria-hidden />,
  paper: <FileTextOutlined aria-hidden />,
};

/** Danh sách minh chứng: server-side filters and search, paged. */
export function EvidenceTable({ framework, onOpen }: { framework: LevelsFramework; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<EvidenceFilters>({ q: '' });
  const [page, setPage] = useState({ current: 1, pageSize: 50 });
  const q = useDebouncedValue(filters.q.trim(), 300);

  const input: EvidenceListInput = {
    frameworkId: framework.id,
    ...(q ? { q } : {}),
    ...(filters.criterionCode ? { criterionCode: filters.criterionCode } : {}),
    ...(filters.verification ? { verification: filters.verification } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.expiry ? { expiringBefore: expiringBefore(filters.expiry) } : {}),
    offset: (page.current - 1) * page.pageSize,
    limit: page.pageSize,
  };
  const list = useApiQuery('evidence.list', input, { placeholderData: keepPreviousData });
  // Duplicates come from the health report without touching the disk.
  const health = useApiQuery('evidence.health', { frameworkId: framework.id, checkFiles: 'none' });
  const duplicatesOf = useMemo(() => {
    const map = new Map<string, EvidenceRef[]>();
    for (const group of health.data?.duplicates ?? []) {
      for (const e of group.evidence)
        map.set(
          e.id,
          group.evidence.filter((x) => x.id !== e.id),
        );
    }
    return map;
  }, [health.data]);

  const change = (patch: Partial<EvidenceFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, current: 1 }));
  };
  const filtered = !!(filters.q.trim() || filters.criterionCode || filters.verification || filters.kind || filters.expiry);

  const columns: TableColumnsType<Evidence> = [
    {
      key: 'code',
      title: t('ev.fields.code'),
      width: 112,
      render: (_, e) => (
        <div>
          <Typography.Text strong style={{ whiteSpace: 'nowrap' }} data-testid="ev-row-code">
            {e.code}
          </Typography.Text>
          {e.legacyCode && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.legacyCode}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'title',
      title: t('ev.fields.title'),
      render: (_, e) => {
        const dups = duplicatesOf.get(e.id);
        const source = e.kind === 'file' ? e.fileName : e.kind === 'link' ? e.url : e.storageLocation;
        return (
          <div style={{ minWidth: 0 }}>
            <Button
              type="link"
              onClick={(ev) => {
                ev.stopPropagation();
                onOpen(e.id);
              }}
              style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start', lineHeight: 1.5 }}
              data-testid="ev-row-title"
            >
              {e.title}
            </Button>
            <div style={{ display: 'flex', gap: 6, alignItems: 'center', fontSize: 12, minWidth: 0 }}>
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: '100%' }}>
                {KIND_ICONS[e.kind]} {source || t(`ev.kind.${e.kind}`)}
              </Typography.Text>
              {dups && dups.length > 0 && (
                <Tooltip title={t('ev.table.duplicateOf', { codes: dups.map((d) => d.code).join(', ') })}>
                  <Tag
                    color="orange"
                    icon={<CopyOutlined aria-hidden />}
                    style={{ marginInlineEnd: 0 }}
                    data-testid="ev-row-duplicate"
                  >
                    {t('ev.table.duplicate')}
                  </Tag>
                </Tooltip>
              )}
            </div>
          </div>
        );
      },
    },
    {
      key: 'number',
      title: t('ev.fields.numberDate'),
      width: 190,
      render: (_, e) => (
        <div style={{ fontSize: 13 }}>
          {(e.documentNumber || e.issuedDate) && (
            <div>
              {e.documentNumber}
              {e.documentNumber && e.issuedDate ? ', ' : ''}
              {e.issuedDate && t('ev.table.dated', { date: formatDate(e.issuedDate) })}
            </div>
          )}
          {e.issuer && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.issuer}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'format', title: t('ev.fields.format'), width: 92, render: (_, e) => e.format },
    {
      key: 'criteria',
      title: t('ev.fields.criteria'),
      width: 132,
      render: (_, e) => (
        <Flex wrap gap={4}>
          {e.criteria.map((c) => (
            <Tooltip
              key={c}
              title={`${c}. ${criterionTitle(framework, c)}${c === e.firstCriterionCode ? ` — ${t('ev.table.firstCriterion')}` : ''}`}
            >
              <Tag color={c === e.firstCriterionCode ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
                {c}
              </Tag>
            </Tooltip>
          ))}
        </Flex>
      ),
    },
    {
      key: 'verification',
      title: t('ev.fields.verification'),
      width: 132,
      render: (_, e) => <VerificationTag status={e.verification} reason={e.rejectReason} />,
    },
    {
      key: 'validity',
      title: t('ev.fields.validity'),
      width: 118,
      render: (_, e) =>
        e.validUntil ? (
          <span
            style={{ color: e.expired ? '#cf1322' : undefined, fontWeight: e.expired ? 600 : undefined }}
            data-testid="ev-row-validity"
          >
            {e.expired ? t('ev.table.expired') : t('ev.table.until', { date: formatDate(e.validUntil) })}
            {e.expired && <div style={{ fontSize: 12, fontWeight: 400 }}>{formatDate(e.validUntil)}</div>}
          </span>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('ev.table.noExpiry')}
          </Typography.Text>
        ),
    },
  ];

  return (
    <div data-testid="ev-table-panel">
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input
          allowClear
          prefix={<SearchOutlined aria-hidden />}
          placeholder={t('ev.filters.search')}
          aria-label={t('ev.filters.search')}
          value={filters.q}
          onChange={(e) => change({ q: e.target.value })}
          style={{ flex: '1 1 280px', maxWidth: 420 }}
          data-testid="ev-search"
        />
        <CriterionSelect
          framework={framework}
          allowClear
          placeholder={t('ev.filters.criterion')}
          aria-label={t('ev.filters.criterion')}
          value={filters.criterionCode}
          onChange={(v) => change({ criterionCode: v ?? undefined })}
          style={{ width: 170 }}
          data-testid="ev-filter-criterion"
        />
        <Select<Verification>
          allowClear
          placeholder={t('ev.filters.status')}
          aria-label={t('ev.filters.status')}
          value={filters.verification}
          onChange={(v) => change({ verification: v ?? undefined })}
          options={VERIFICATION_STATES.map((s) => ({ value: s, label: t(`ev.verification.${s}`) }))}
          style={{ width: 170 }}
          data-testid="ev-filter-status"
        />
        <Select<EvidenceKind>
          allowClear
          placeholder={t('ev.filters.kind')}
          aria-label={t('ev.filters.kind')}
          value={filters.kind}
          onChange={(v) => change({ kind: v ?? undefined })}
          options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`ev.kind.${k}`) }))}
          style={{ width: 160 }}
          data-testid="ev-filter-kind"
        />
        <Select<Expiry>
          allowClear
          placeholder={t('ev.filters.expiry')}
          aria-label={t('ev.filters.expiry')}
          value={filters.expiry}
          onChange={(v) => change({ expiry: v ?? undefined })}
          options={(['expired', 'within30', 'within90'] as const).map((k) => ({ value: k, label: t(`ev.filters.${k}`) }))}
          popupMatchSelectWidth={false}
          style={{ width: 160 }}
          data-testid="ev-filter-expiry"
        />
        {filtered && (
          <Button
            onClick={() =>
              change({ q: '', criterionCode: undefined, verification: undefined, kind: undefined, expiry: undefined })
            }
          >
            {t('ev.actions.clearFilters')}
          </Button>
        )}
      </Flex>
      {list.isError && (
        <Alert type="error" showIcon title={errorText(list.error, t, i18n.language)} style={{ marginBottom: 12 }} />
      )}
      <Table<Evidence>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        tableLayout="fixed"
        onRow={(e) =>
          ({
            onClick: () => onOpen(e.id),
            style: { cursor: 'pointer' },
            'data-testid': `ev-row-${e.code}`,
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{
          emptyText: list.isPending ? ' ' : <Empty description={filtered ? t('ev.table.emptyFiltered') : t('ev.table.empty')} />,
        }}
        pagination={{
          current: page.current,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('ev.table.total', { count: total }),
          onChange: (current, pageSize) => setPage({ current: pageSize === page.pageSize ? current : 1, pageSize }),
        }}
        data-testid="ev-table"
      />
    </div>
  );
}
