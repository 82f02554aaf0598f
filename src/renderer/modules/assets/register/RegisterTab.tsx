import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import {
  App,
  Button,
  Checkbox,
  Flex,
  Input,
  Popover,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
  type TablePaginationConfig,
} from 'antd';
import {
  DeleteOutlined,
  DownloadOutlined,
  PlusOutlined,
  SaveOutlined,
  SearchOutlined,
  SettingOutlined,
  SwapOutlined,
  TagsOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Asset, AssetListInput } from '../../../../contract/schemas/assets';
import { useApi } from '../../../api/ApiProvider';
import { useApiQuery } from '../../../api/hooks';
import { errorText } from '../../../api/error-text';
import { useCurrentUser } from '../../../boot/session';
import { useDebouncedValue } from '../../../components/evidence/useDebouncedValue';
import {
  canEditAssets,
  ConditionTag,
  count,
  dateVn,
  labelIn,
  Money,
  roomLabel,
  saveFileResult,
  StateTag,
  useCatalogs,
} from '../shared';
import { AssetCreateModal } from './AssetCreateModal';
import { MoveModal } from './EventModals';
import { useLocalState } from './useLocalState';

export interface RegisterFilters {
  q: string;
  /** A room id, '__none__' for assets without a room, or undefined for all. */
  room?: string;
  assetClass?: string;
  condition?: string;
  lifecycleState?: string;
  fundingSource?: string;
  includeRemoved?: boolean;
  disposalCandidate?: boolean;
}

interface SavedFilter {
  name: string;
  filters: RegisterFilters;
}

const COLUMN_KEYS = [
  'code',
  'name',
  'assetClass',
  'room',
  'quantity',
  'costVnd',
  'remainingVnd',
  'condition',
  'lifecycleState',
  'fundingSource',
  'putInUseDate',
  'custodian',
  'serial',
  'model',
  'documentNo',
] as const;
type ColumnKey = (typeof COLUMN_KEYS)[number];
const ALWAYS: readonly ColumnKey[] = ['code', 'name'];
const DEFAULT_COLUMNS: ColumnKey[] = [
  'code',
  'name',
  'room',
  'quantity',
  'costVnd',
  'remainingVnd',
  'condition',
  'lifecycleState',
  'fundingSource',
  'putInUseDate',
];
const WIDTHS: Record<ColumnKey, number> = {
  code: 110,
  name: 250,
  assetClass: 170,
  room: 120,
  quantity: 90,
  costVnd: 135,
  remainingVnd: 135,
  condition: 130,
  lifecycleState: 130,
  fundingSource: 150,
  putInUseDate: 110,
  custodian: 160,
  serial: 130,
  model: 140,
  documentNo: 120,
};
const SORTABLE: Partial<Record<ColumnKey, NonNullable<AssetListInput['sort']>>> = {
  code: 'code',
  name: 'name',
  costVnd: 'costVnd',
  putInUseDate: 'putInUseDate',
};
const PAGE_SIZES = [100, 200, 500, 1000];
/** Below this many rows a page renders normally; above it only the visible rows are drawn. */
const VIRTUAL_FROM = 60;

/** One line per cell, so every row has the same height (virtual scroll needs it); the full text on hover. */
function Cell({ text }: { text: string }) {
  return (
    <div style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} title={text || undefined}>
      {text}
    </div>
  );
}

/** The table body fills what is left of the window under the filters (its own scroll, not the page's). */
function useTableHeight(reserved: number, min = 320): number {
  const [h, setH] = useState(() => (typeof window === 'undefined' ? 600 : window.innerHeight));
  useEffect(() => {
    const onResize = () => setH(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return Math.max(min, h - reserved);
}

export function listInputOf(f: RegisterFilters, q: string): Omit<AssetListInput, 'offset' | 'limit' | 'sort' | 'dir'> {
  return {
    ...(q ? { q } : {}),
    ...(f.room === '__none__' ? { roomId: null } : f.room ? { roomId: f.room } : {}),
    ...(f.assetClass ? { assetClass: f.assetClass } : {}),
    ...(f.condition ? { condition: f.condition as AssetListInput['condition'] } : {}),
    ...(f.lifecycleState ? { lifecycleState: f.lifecycleState as AssetListInput['lifecycleState'] } : {}),
    ...(f.fundingSource ? { fundingSource: f.fundingSource as AssetListInput['fundingSource'] } : {}),
    ...(f.includeRemoved || f.lifecycleState ? { includeRemoved: true } : {}),
    ...(f.disposalCandidate ? { disposalCandidate: true } : {}),
  };
}

/**
 * Sổ tài sản: server-side paging, sorting, filters and diacritic-insensitive search, so the
 * list stays fast at 50,000 assets; big pages draw only the visible rows (virtual scroll).
 * Saved filters and the chosen columns are kept on this PC.
 */
export function RegisterTab({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const { message, modal } = App.useApp();
  const user = useCurrentUser();
  const editor = canEditAssets(user.role);
  const catalogs = useCatalogs().data;
  const rooms = useApiQuery('rooms.list', {});
  const [filters, setFilters] = useState<RegisterFilters>({ q: '' });
  const [sort, setSort] = useState<{ sort: NonNullable<AssetListInput['sort']>; dir: 'asc' | 'desc' }>({
    sort: 'code',
    dir: 'asc',
  });
  const [pageSize, setPageSize] = useLocalState<number>('tc.assets.pageSize', 200);
  const [current, setCurrent] = useState(1);
  const [columnsShown, setColumnsShown] = useLocalState<ColumnKey[]>('tc.assets.columns', DEFAULT_COLUMNS);
  const [saved, setSaved] = useLocalState<SavedFilter[]>('tc.assets.savedFilters', []);
  const [selected, setSelected] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  const [moving, setMoving] = useState(false);
  const [busy, setBusy] = useState<'export' | 'labels' | null>(null);
  const q = useDebouncedValue(filters.q.trim(), 300);
  const tableHeight = useTableHeight(430);

  const base = listInputOf(filters, q);
  const input: AssetListInput = { ...base, ...sort, offset: (current - 1) * pageSize, limit: pageSize };
  const list = useApiQuery('assets.list', input, { placeholderData: keepPreviousData });
  const roomById = useMemo(() => new Map((rooms.data ?? []).map((r) => [r.id, r])), [rooms.data]);

  const change = (patch: Partial<RegisterFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setCurrent(1);
    setSelected([]);
  };
  const filtered = Object.entries(filters).some(([k, v]) =>
    k === 'q' ? String(v).trim() !== '' : v !== undefined && v !== false,
  );

  const saveFilter = () => {
    let name = '';
    modal.confirm({
      title: t('as.register.saveFilterTitle'),
      content: (
        <Input
          autoFocus
          placeholder={t('as.register.saveFilterName')}
          onChange={(e) => (name = e.target.value)}
          data-testid="as-save-filter-name"
        />
      ),
      okText: t('common.save'),
      cancelText: t('common.cancel'),
      onOk: () => {
        const n = name.trim() || t('as.register.savedFilterDefault', { n: saved.length + 1 });
        setSaved((s) => [...s.filter((x) => x.name !== n), { name: n, filters }]);
        void message.success(t('as.register.filterSaved', { name: n }));
      },
    });
  };

  const exportList = async () => {
    setBusy('export');
    try {
      saveFileResult(await client.call('assets.export', { list: 'assets', filter: base }));
    } catch (err) {
      void message.error(errorText(err, t, i18n.language));
    } finally {
      setBusy(null);
    }
  };
  const printLabels = async () => {
    setBusy('labels');
    try {
      saveFileResult(await client.call('assets.labels', { ids: selected, layout: '3x8', symbology: 'qr' }));
    } catch (err) {
      void message.error(errorText(err, t, i18n.language));
    } finally {
      setBusy(null);
    }
  };

  const allColumns: Record<ColumnKey, TableColumnsType<Asset>[number]> = {
    code: {
      render: (_, a) => (
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }} data-testid="as-row-code">
          {a.code}
        </Typography.Text>
      ),
    },
    name: {
      render: (_, a) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text ellipsis={{ tooltip: a.name }} style={{ maxWidth: '100%' }} data-testid="as-row-name">
            {a.name}
          </Typography.Text>
          {a.disposalCandidate && (
            <Tooltip title={t('as.register.disposalCandidateHint')}>
              <WarningOutlined
                style={{ color: '#d48806', marginInlineStart: 6 }}
                aria-label={t('as.register.disposalCandidate')}
              />
            </Tooltip>
          )}
        </div>
      ),
    },
    assetClass: { render: (_, a) => <Cell text={labelIn(catalogs?.classes, a.assetClass)} /> },
    room: {
      render: (_, a) => (
        <Typography.Text ellipsis={{ tooltip: a.roomName ?? undefined }} data-testid="as-row-room">
          {a.roomCode ?? <Typography.Text type="secondary">{t('as.common.noRoom')}</Typography.Text>}
        </Typography.Text>
      ),
    },
    quantity: { align: 'right', render: (_, a) => <Cell text={`${count(a.quantity)} ${a.unit}`} /> },
    costVnd: { align: 'right', render: (_, a) => <Money value={a.costVnd} /> },
    remainingVnd: { align: 'right', render: (_, a) => <Money value={a.remainingVnd} /> },
    condition: { render: (_, a) => <ConditionTag code={a.condition} catalogs={catalogs} /> },
    lifecycleState: { render: (_, a) => <StateTag code={a.lifecycleState} catalogs={catalogs} /> },
    fundingSource: { render: (_, a) => <Cell text={labelIn(catalogs?.fundingSources, a.fundingSource)} /> },
    putInUseDate: { render: (_, a) => dateVn(a.putInUseDate) },
    custodian: { render: (_, a) => <Cell text={a.custodian} /> },
    serial: { render: (_, a) => <Cell text={a.serial} /> },
    model: { render: (_, a) => <Cell text={a.model} /> },
    documentNo: { render: (_, a) => <Cell text={a.documentNo} /> },
  };
  const visible = COLUMN_KEYS.filter((k) => ALWAYS.includes(k) || columnsShown.includes(k));
  const columns: TableColumnsType<Asset> = visible.map((k) => ({
    ...allColumns[k],
    key: k,
    dataIndex: k,
    title: t(`as.fields.${k}`),
    width: WIDTHS[k],
    fixed: k === 'code' ? 'left' : undefined,
    sorter: SORTABLE[k] ? true : undefined,
    sortOrder: SORTABLE[k] && sort.sort === SORTABLE[k] ? (sort.dir === 'asc' ? 'ascend' : 'descend') : null,
  }));
  const scrollX = visible.reduce((s, k) => s + WIDTHS[k], 0) + 48;
  const items = list.data?.items ?? [];

  const onTableChange = (p: TablePaginationConfig, _f: unknown, sorter: unknown) => {
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as
      { columnKey?: ColumnKey; order?: 'ascend' | 'descend' | null } | undefined;
    const key = s?.columnKey && SORTABLE[s.columnKey];
    if (key && s?.order) setSort({ sort: key, dir: s.order === 'ascend' ? 'asc' : 'desc' });
    else if (key) setSort({ sort: 'code', dir: 'asc' });
    if (p.pageSize && p.pageSize !== pageSize) {
      setPageSize(p.pageSize);
      setCurrent(1);
    } else if (p.current) setCurrent(p.current);
  };

  const sel = (
    testId: string,
    value: string | undefined,
    options: { value: string; label: string }[],
    placeholder: string,
    key: keyof RegisterFilters,
    width = 180,
  ) => (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={(v: string | undefined) => change({ [key]: v } as Partial<RegisterFilters>)}
      options={options}
      placeholder={placeholder}
      aria-label={placeholder}
      style={{ width }}
      data-testid={testId}
      popupMatchSelectWidth={false}
    />
  );

  return (
    <div data-testid="as-register">
      <Flex wrap gap={8} style={{ marginBottom: 8 }} align="center">
        <Input
          allowClear
          prefix={<SearchOutlined aria-hidden />}
          placeholder={t('as.register.searchPlaceholder')}
          aria-label={t('as.register.searchPlaceholder')}
          value={filters.q}
          onChange={(e) => change({ q: e.target.value })}
          style={{ flex: '1 1 220px', minWidth: 200, maxWidth: 360 }}
          data-testid="as-search"
        />
        {sel(
          'as-filter-room',
          filters.room,
          [
            { value: '__none__', label: t('as.common.noRoom') },
            ...(rooms.data ?? []).map((r) => ({ value: r.id, label: roomLabel(t, r) })),
          ],
          t('as.fields.room'),
          'room',
          140,
        )}
        {sel(
          'as-filter-class',
          filters.assetClass,
          (catalogs?.classes ?? []).map((c) => ({ value: c.code, label: c.label })),
          t('as.fields.assetClass'),
          'assetClass',
          160,
        )}
        {sel(
          'as-filter-condition',
          filters.condition,
          (catalogs?.conditions ?? []).map((c) => ({ value: c.code, label: c.label })),
          t('as.fields.condition'),
          'condition',
          140,
        )}
        {sel(
          'as-filter-state',
          filters.lifecycleState,
          (catalogs?.lifecycleStates ?? []).map((c) => ({ value: c.code, label: c.label })),
          t('as.fields.lifecycleState'),
          'lifecycleState',
          140,
        )}
        {sel(
          'as-filter-funding',
          filters.fundingSource,
          (catalogs?.fundingSources ?? []).map((c) => ({ value: c.code, label: c.label })),
          t('as.fields.fundingSource'),
          'fundingSource',
          150,
        )}
      </Flex>
      <Flex wrap gap={8} justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Flex wrap gap={8} align="center">
          <Checkbox
            checked={!!filters.disposalCandidate}
            onChange={(e) => change({ disposalCandidate: e.target.checked || undefined })}
            data-testid="as-filter-disposal"
          >
            {t('as.register.onlyDisposalCandidates')}
          </Checkbox>
          <Checkbox
            checked={!!filters.includeRemoved}
            onChange={(e) => change({ includeRemoved: e.target.checked || undefined })}
            data-testid="as-filter-removed"
          >
            {t('as.register.includeRemoved')}
          </Checkbox>
          <Space.Compact>
            <Select
              placeholder={t('as.register.savedFilters')}
              aria-label={t('as.register.savedFilters')}
              value={null}
              style={{ width: 170 }}
              onChange={(name: string) => {
                const f = saved.find((x) => x.name === name);
                if (f)
                  change({
                    room: undefined,
                    assetClass: undefined,
                    condition: undefined,
                    lifecycleState: undefined,
                    fundingSource: undefined,
                    includeRemoved: undefined,
                    disposalCandidate: undefined,
                    ...f.filters,
                  });
              }}
              options={saved.map((s) => ({
                value: s.name,
                label: (
                  <Flex justify="space-between" align="center" gap={8}>
                    <span>{s.name}</span>
                    <DeleteOutlined
                      aria-label={t('common.remove')}
                      onClick={(e) => {
                        e.stopPropagation();
                        setSaved((all) => all.filter((x) => x.name !== s.name));
                      }}
                    />
                  </Flex>
                ),
              }))}
              notFoundContent={t('as.register.noSavedFilters')}
              popupMatchSelectWidth={false}
              data-testid="as-saved-filters"
            />
            <Tooltip title={t('as.register.saveFilter')}>
              <Button
                icon={<SaveOutlined aria-hidden />}
                disabled={!filtered}
                onClick={saveFilter}
                aria-label={t('as.register.saveFilter')}
                data-testid="as-save-filter"
              />
            </Tooltip>
          </Space.Compact>
          <Popover
            trigger="click"
            placement="bottomLeft"
            title={t('as.register.columns')}
            content={
              <Checkbox.Group
                value={columnsShown}
                onChange={(v) => setColumnsShown(v as ColumnKey[])}
                style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 4, maxWidth: 360 }}
                options={COLUMN_KEYS.filter((k) => !ALWAYS.includes(k)).map((k) => ({ value: k, label: t(`as.fields.${k}`) }))}
                data-testid="as-columns"
              />
            }
          >
            <Tooltip title={t('as.register.columns')}>
              <Button
                icon={<SettingOutlined aria-hidden />}
                aria-label={t('as.register.columns')}
                data-testid="as-columns-button"
              />
            </Tooltip>
          </Popover>
          {filtered && (
            <Button
              type="link"
              style={{ paddingInline: 4 }}
              onClick={() =>
                change({
                  q: '',
                  room: undefined,
                  assetClass: undefined,
                  condition: undefined,
                  lifecycleState: undefined,
                  fundingSource: undefined,
                  includeRemoved: undefined,
                  disposalCandidate: undefined,
                })
              }
            >
              {t('as.register.clearFilters')}
            </Button>
          )}
        </Flex>
        <Space wrap>
          {selected.length > 0 && (
            <>
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {t('as.register.selected', { n: selected.length })}
              </Tag>
              {editor && (
                <Button icon={<SwapOutlined aria-hidden />} onClick={() => setMoving(true)} data-testid="as-bulk-move">
                  {t('as.register.moveSelected')}
                </Button>
              )}
              <Button
                icon={<TagsOutlined aria-hidden />}
                loading={busy === 'labels'}
                onClick={() => void printLabels()}
                data-testid="as-bulk-labels"
              >
                {t('as.register.printLabels')}
              </Button>
            </>
          )}
          <Button
            icon={<DownloadOutlined aria-hidden />}
            loading={busy === 'export'}
            onClick={() => void exportList()}
            data-testid="as-export-list"
          >
            {t('as.register.exportList')}
          </Button>
          {editor && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)} data-testid="as-add">
              {t('as.register.add')}
            </Button>
          )}
        </Space>
      </Flex>
      {list.isError && <Typography.Text type="danger">{errorText(list.error, t, i18n.language)}</Typography.Text>}
      <Table<Asset>
        rowKey="id"
        size="small"
        bordered
        columns={columns}
        dataSource={items}
        loading={list.isFetching && !list.isPlaceholderData ? true : list.isFetching ? { delay: 300 } : false}
        virtual={items.length > VIRTUAL_FROM}
        scroll={{ x: scrollX, y: tableHeight }}
        onChange={onTableChange}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          columnWidth: 48,
          fixed: true,
        }}
        onRow={(a) =>
          ({
            onClick: (e) => {
              // A click on the selection box selects; anywhere else opens the asset.
              if ((e.target as HTMLElement).closest('.ant-table-selection-column')) return;
              onOpen(a.id);
            },
            style: { cursor: 'pointer' },
            'data-testid': `as-row-${a.code}`,
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{
          current,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (total) => <span data-testid="as-total">{t('as.register.total', { n: count(total) })}</span>,
        }}
        locale={{ emptyText: filtered ? t('as.register.noMatch') : t('as.register.empty') }}
        data-testid="as-table"
      />
      {creating && (
        <AssetCreateModal
          onClose={(id) => {
            setCreating(false);
            if (id) onOpen(id);
          }}
        />
      )}
      {moving && (
        <MoveModal
          ids={selected}
          rooms={rooms.data ?? []}
          roomById={roomById}
          onClose={(done) => {
            setMoving(false);
            if (done) setSelected([]);
          }}
        />
      )}
    </div>
  );
}
