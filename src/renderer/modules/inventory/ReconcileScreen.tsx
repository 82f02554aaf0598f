import { useMemo, useState, type HTMLAttributes } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Statistic,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CheckOutlined, CloseOutlined, LockOutlined, ReloadOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { MethodOutput } from '../../../contract/methods';
import type { FollowUp, Room, Stocktake } from '../../../contract/schemas/assets';
import { useApi } from '../../api/ApiProvider';
import { useApiQuery } from '../../api/hooks';
import { errorText } from '../../api/error-text';
import { useCurrentUser } from '../../boot/session';
import { moneyInputProps } from '../assets/shared';
import { CloseSessionModal } from './CloseSessionModal';
import {
  canEditAssets,
  count,
  LoadFailed,
  Loading,
  money,
  moneyDiff,
  ReportButtons,
  SessionTitle,
  useCatalogs,
  useSession,
} from './shared';

type Reconcile = MethodOutput<'stocktake.reconcile'>;
type Item = Reconcile['items'][number];
type Unknown = Reconcile['unknown'][number];
type Group = Reconcile['byGroup'][number];

const KIND_COLORS: Record<FollowUp['kind'], string> = {
  move: 'blue',
  investigate: 'red',
  recognise: 'green',
  disposalCandidate: 'gold',
};
const STATUS_COLORS: Record<string, string> = {
  missing: 'red',
  partial: 'volcano',
  misplaced: 'orange',
  surplus: 'green',
  outOfScope: 'purple',
  found: 'default',
};

/**
 * Đối chiếu: books at the cut-off vs what was counted — found, missing, surplus, in the wrong
 * room, unknown codes, broken — and the proposed follow-ups (move, write off or record a
 * shortage, recognise a surplus, disposal candidate), each accepted or rejected by the board
 * before the session can be closed. A closed session shows the same, read-only.
 */
export function ReconcileScreen() {
  const { id = '' } = useParams();
  const session = useSession(id);
  if (session.isPending) return <Loading />;
  if (session.isError) return <LoadFailed error={session.error} />;
  return <ReconcileView session={session.data} />;
}

function ReconcileView({ session: s }: { session: Stocktake }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const editor = canEditAssets(user.role);
  const open = s.status === 'counting';
  const rec = useApiQuery('stocktake.reconcile', { id: s.id, offset: 0, limit: 5000 });
  const rooms = useApiQuery('rooms.list', {});
  const roomById = useMemo(() => new Map((rooms.data ?? []).map((r) => [r.id, r])), [rooms.data]);
  const [closing, setClosing] = useState(false);
  const [tab, setTab] = useState('followUps');

  if (!editor) return <Alert type="info" showIcon title={t('inv.reconcile.editorsOnly')} />;
  const r = rec.data;
  const pending = r?.followUps.filter((f) => f.decision === 'pending').length ?? 0;

  return (
    <div data-testid="inv-reconcile">
      <SessionTitle
        session={s}
        back={`/inventory/${s.id}`}
        backLabel={t('inv.scan.back')}
        subtitle={<Typography.Text type="secondary">{t('inv.reconcile.subtitle')}</Typography.Text>}
        extra={
          <>
            {open && (
              <Button
                icon={<ReloadOutlined aria-hidden />}
                loading={rec.isFetching}
                onClick={() => void rec.refetch()}
                data-testid="inv-reconcile-refresh"
              >
                {t('inv.reconcile.again')}
              </Button>
            )}
            <ReportButtons session={s} />
            {open && (
              <Tooltip title={pending > 0 ? t('inv.close.pending', { n: pending }) : undefined}>
                <Button
                  danger
                  type="primary"
                  icon={<LockOutlined aria-hidden />}
                  onClick={() => setClosing(true)}
                  data-testid="inv-close"
                >
                  {t('inv.close.button')}
                </Button>
              </Tooltip>
            )}
          </>
        }
      />
      {!open && (
        <Alert type="info" showIcon title={t('inv.closedNote')} style={{ marginBottom: 12 }} data-testid="inv-closed-note" />
      )}
      {rec.isPending ? (
        <Loading />
      ) : rec.isError ? (
        <Alert type="error" showIcon title={errorText(rec.error, t, i18n.language)} />
      ) : r ? (
        <>
          <Totals rec={r} />
          {r.warnings.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('inv.reconcile.warnings')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {r.warnings.map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Card size="small" styles={{ body: { paddingTop: 0 } }}>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'followUps',
                  label: (
                    <span data-testid="inv-tab-followups">
                      {t('inv.reconcile.followUps')}{' '}
                      {pending > 0 && <Tag color="orange">{t('inv.reconcile.pendingN', { n: pending })}</Tag>}
                    </span>
                  ),
                  children: <FollowUps session={s} followUps={r.followUps} roomById={roomById} readOnly={!open} />,
                },
                {
                  key: 'items',
                  label: <span data-testid="inv-tab-items">{t('inv.reconcile.items', { n: r.itemsTotal })}</span>,
                  children: <Items items={r.items} roomById={roomById} />,
                },
                {
                  key: 'unknown',
                  label: <span data-testid="inv-tab-unknown">{t('inv.reconcile.unknown', { n: r.unknown.length })}</span>,
                  children: <UnknownCodes unknown={r.unknown} roomById={roomById} />,
                },
                {
                  key: 'groups',
                  label: <span data-testid="inv-tab-groups">{t('inv.reconcile.groups')}</span>,
                  children: <Groups groups={r.byGroup} />,
                },
              ]}
            />
          </Card>
        </>
      ) : null}
      {closing && <CloseSessionModal session={s} onClose={() => setClosing(false)} />}
    </div>
  );
}

function Totals({ rec }: { rec: Reconcile }) {
  const { t } = useTranslation();
  const x = rec.total;
  const stat = (key: string, title: string, value: string, sub: string, color?: string) => (
    <Card key={key} size="small" style={{ flex: '1 1 0', minWidth: 104 }} data-testid={`inv-total-${key}`}>
      <Statistic title={title} value={value} styles={{ content: { color, fontSize: 22 } }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {sub}
      </Typography.Text>
    </Card>
  );
  return (
    <Flex wrap gap={12} style={{ marginBottom: 12 }}>
      {stat('book', t('inv.totals.book'), count(x.book.quantity), money(x.book.costVnd))}
      {stat('actual', t('inv.totals.actual'), count(x.actual.quantity), money(x.actual.costVnd))}
      {stat(
        'diff',
        t('inv.totals.diff'),
        x.difference.quantity > 0 ? `+${count(x.difference.quantity)}` : count(x.difference.quantity),
        moneyDiff(x.difference.costVnd),
        x.difference.quantity < 0 ? '#cf1322' : x.difference.quantity > 0 ? '#389e0d' : undefined,
      )}
      {stat('found', t('inv.totals.found'), count(x.itemsFound), t('inv.totals.ofItems', { n: count(x.items) }), '#389e0d')}
      {stat(
        'missing',
        t('inv.totals.missing'),
        count(x.missing.quantity),
        money(x.missing.costVnd),
        x.missing.quantity ? '#cf1322' : undefined,
      )}
      {stat(
        'surplus',
        t('inv.totals.surplus'),
        count(x.surplus.quantity),
        money(x.surplus.costVnd),
        x.surplus.quantity ? '#d46b08' : undefined,
      )}
      {stat(
        'misplaced',
        t('inv.totals.misplaced'),
        count(x.misplacedQuantity),
        t('inv.totals.misplacedHint'),
        x.misplacedQuantity ? '#d46b08' : undefined,
      )}
      {stat(
        'unknown',
        t('inv.totals.unknown'),
        count(rec.unknown.length),
        t('inv.totals.unknownHint'),
        rec.unknown.length ? '#cf1322' : undefined,
      )}
      {stat(
        'broken',
        t('inv.totals.broken'),
        count(x.brokenQuantity),
        t('inv.totals.brokenHint'),
        x.brokenQuantity ? '#cf1322' : undefined,
      )}
    </Flex>
  );
}

function roomCode(roomById: Map<string, Room>, id: string | null, none: string): string {
  if (!id) return none;
  return roomById.get(id)?.code ?? '?';
}

function FollowUps({
  session: s,
  followUps,
  roomById,
  readOnly,
}: {
  session: Stocktake;
  followUps: FollowUp[];
  roomById: Map<string, Room>;
  readOnly: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const { message } = App.useApp();
  const rec = useApiQuery('stocktake.reconcile', { id: s.id, offset: 0, limit: 5000 }, { enabled: false });
  const [actions, setActions] = useState<Record<string, 'write_off' | 'record'>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [details, setDetails] = useState<FollowUp | null>(null);
  const none = t('inv.progress.noRoom');

  const decide = async (
    f: FollowUp,
    decision: 'accepted' | 'rejected' | 'pending',
    extra: { details?: Record<string, unknown> } = {},
  ) => {
    setBusy(f.id);
    try {
      await client.call('stocktake.decide', {
        id: s.id,
        followUpId: f.id,
        decision,
        ...(f.kind === 'investigate' && decision === 'accepted' ? { action: actions[f.id] ?? f.action ?? 'record' } : {}),
        ...extra,
      });
      await rec.refetch();
    } catch (err) {
      void message.error(errorText(err, t, i18n.language));
    } finally {
      setBusy(null);
    }
  };

  const acceptAll = async () => {
    setBusy('all');
    try {
      for (const f of followUps.filter((x) => x.decision === 'pending')) {
        await client.call('stocktake.decide', {
          id: s.id,
          followUpId: f.id,
          decision: 'accepted',
          ...(f.kind === 'investigate' ? { action: actions[f.id] ?? 'record' } : {}),
        });
      }
      await rec.refetch();
    } catch (err) {
      void message.error(errorText(err, t, i18n.language));
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<FollowUp> = [
    {
      key: 'kind',
      title: t('inv.followUp.kind'),
      width: 150,
      render: (_, f) => (
        <Tag color={KIND_COLORS[f.kind]} style={{ marginInlineEnd: 0 }}>
          {f.kind === 'recognise' && !f.assetId ? t('inv.kinds.recogniseUnknown') : t(`inv.kinds.${f.kind}`)}
        </Tag>
      ),
    },
    {
      key: 'asset',
      title: t('inv.followUp.asset'),
      width: 240,
      render: (_, f) => (
        <div>
          <div>
            <Typography.Text strong>{f.code ?? '—'}</Typography.Text>
          </div>
          {f.name && <div style={{ fontSize: 13 }}>{f.name}</div>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('inv.followUp.quantity', { n: f.quantity })}
            {f.kind === 'move' ? ` · ${roomCode(roomById, f.fromRoomId, none)} → ${roomCode(roomById, f.toRoomId, none)}` : ''}
            {f.kind === 'recognise' && f.toRoomId
              ? ` · ${t('inv.followUp.in', { room: roomCode(roomById, f.toRoomId, none) })}`
              : ''}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'reason',
      title: t('inv.followUp.reason'),
      render: (_, f) => (
        <div style={{ fontSize: 13 }}>
          {f.reason}
          {f.article && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {f.article}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'decision',
      title: t('inv.followUp.decision'),
      width: 300,
      render: (_, f) => {
        if (f.decision !== 'pending')
          return (
            <Flex align="center" gap={6} wrap data-testid="inv-followup-decided">
              <Tag color={f.decision === 'accepted' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
                {t(`inv.decisions.${f.decision}`)}
                {f.decision === 'accepted' && f.kind === 'investigate' ? ` · ${t(`inv.actions.${f.action ?? 'record'}`)}` : ''}
              </Tag>
              {f.decision === 'accepted' &&
                f.kind === 'recognise' &&
                !f.assetId &&
                f.details &&
                typeof f.details.name === 'string' && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {String(f.details.name)}
                  </Typography.Text>
                )}
              {!readOnly && (
                <Button
                  size="small"
                  type="link"
                  icon={<UndoOutlined aria-hidden />}
                  loading={busy === f.id}
                  onClick={() => void decide(f, 'pending')}
                  data-testid="inv-undo"
                >
                  {t('inv.followUp.undo')}
                </Button>
              )}
            </Flex>
          );
        if (readOnly) return <Tag>{t('inv.decisions.pending')}</Tag>;
        return (
          <Flex gap={6} wrap align="center">
            {f.kind === 'investigate' && (
              <Select
                size="small"
                value={actions[f.id] ?? 'record'}
                onChange={(v) => setActions((a) => ({ ...a, [f.id]: v }))}
                options={(['record', 'write_off'] as const).map((a) => ({ value: a, label: t(`inv.actions.${a}`) }))}
                style={{ width: 170 }}
                aria-label={t('inv.followUp.action')}
                data-testid="inv-action"
              />
            )}
            <Button
              size="small"
              type="primary"
              icon={<CheckOutlined aria-hidden />}
              loading={busy === f.id}
              onClick={() => (f.kind === 'recognise' && !f.assetId ? setDetails(f) : void decide(f, 'accepted'))}
              data-testid="inv-accept"
            >
              {t('inv.followUp.accept')}
            </Button>
            <Button
              size="small"
              icon={<CloseOutlined aria-hidden />}
              disabled={busy === f.id}
              onClick={() => void decide(f, 'rejected')}
              data-testid="inv-reject"
            >
              {t('inv.followUp.reject')}
            </Button>
          </Flex>
        );
      },
    },
  ];

  const pending = followUps.filter((f) => f.decision === 'pending').length;
  return (
    <div data-testid="inv-followups">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('inv.reconcile.followUpsIntro')}</Typography.Text>
        {!readOnly && pending > 1 && (
          <Button loading={busy === 'all'} onClick={() => void acceptAll()} data-testid="inv-accept-all">
            {t('inv.followUp.acceptAll', { n: pending })}
          </Button>
        )}
      </Flex>
      <Table<FollowUp>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={followUps}
        pagination={followUps.length > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inv.reconcile.noFollowUps')} /> }}
        onRow={(f) =>
          ({
            'data-testid': `inv-followup-${f.kind}-${f.code ?? 'none'}`,
            'data-decision': f.decision,
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="inv-followups-table"
      />
      {details && (
        <RecogniseModal
          followUp={details}
          onClose={() => setDetails(null)}
          onAccept={async (d) => {
            await decide(details, 'accepted', { details: d });
            setDetails(null);
          }}
        />
      )}
    </div>
  );
}

/** An unknown code becomes a new asset (surplus found at stocktake): name it, give its value if known. */
function RecogniseModal({
  followUp,
  onClose,
  onAccept,
}: {
  followUp: FollowUp;
  onClose: () => void;
  onAccept: (d: Record<string, unknown>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const catalogs = useCatalogs().data;
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={t('inv.recognise.title', { code: followUp.code ?? '' })}
      okText={t('inv.followUp.accept')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'inv-recognise-ok' } as never}
      onCancel={onClose}
      onOk={async () => {
        const v = (await form.validateFields()) as Record<string, unknown>;
        setBusy(true);
        try {
          await onAccept({
            ...(String(v.name ?? '').trim() ? { name: String(v.name).trim() } : {}),
            ...(v.assetClass ? { assetClass: v.assetClass } : {}),
            ...(v.costVnd !== undefined && v.costVnd !== null ? { costVnd: Number(v.costVnd) } : {}),
            ...(String(v.unit ?? '').trim() ? { unit: String(v.unit).trim() } : {}),
            ...(v.fundingSource ? { fundingSource: v.fundingSource } : {}),
          });
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
      data-testid="inv-recognise-modal"
    >
      <Typography.Paragraph type="secondary">{t('inv.recognise.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ assetClass: 'tool', unit: 'cái' }}>
        <Form.Item name="name" label={t('inv.recognise.name')}>
          <Input
            placeholder={t('inv.recognise.namePlaceholder', { code: followUp.code ?? '' })}
            data-testid="inv-recognise-name"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="assetClass" label={t('inv.recognise.class')}>
              <Select
                options={(catalogs?.classes ?? []).map((c) => ({ value: c.code, label: c.label }))}
                showSearch={{ optionFilterProp: 'label' }}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="costVnd" label={t('inv.recognise.cost')}>
              <InputNumber {...moneyInputProps} data-testid="inv-recognise-cost" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="unit" label={t('inv.recognise.unit')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="fundingSource" label={t('inv.recognise.funding')}>
              <Select allowClear options={(catalogs?.fundingSources ?? []).map((c) => ({ value: c.code, label: c.label }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

function Items({ items, roomById }: { items: Item[]; roomById: Map<string, Room> }) {
  const { t } = useTranslation();
  const none = t('inv.progress.noRoom');
  const columns: TableColumnsType<Item> = [
    { key: 'code', title: t('inv.lines.code'), width: 110, render: (_, i) => <Typography.Text strong>{i.code}</Typography.Text> },
    { key: 'name', title: t('inv.items.name'), render: (_, i) => i.name },
    {
      key: 'status',
      title: t('inv.items.status'),
      width: 200,
      render: (_, i) => (
        <Flex wrap gap={4}>
          <Tag color={STATUS_COLORS[i.status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
            {t(`inv.itemStatus.${i.status}`, { defaultValue: i.status })}
          </Tag>
          {i.flags
            .filter((f) => f !== 'found' && f !== i.status)
            .map((f) => (
              <Tag key={f} style={{ marginInlineEnd: 0 }}>
                {t(`inv.flags.${f}`, { defaultValue: f })}
              </Tag>
            ))}
        </Flex>
      ),
    },
    { key: 'bookRoom', title: t('inv.items.bookRoom'), width: 90, render: (_, i) => roomCode(roomById, i.bookRoomId, none) },
    {
      key: 'foundIn',
      title: t('inv.items.foundIn'),
      width: 120,
      render: (_, i) =>
        i.rooms.filter((r) => r.quantity > 0).length === 0
          ? '—'
          : i.rooms
              .filter((r) => r.quantity > 0)
              .map((r) => `${roomCode(roomById, r.roomId, none)}${r.quantity > 1 ? ` (${r.quantity})` : ''}`)
              .join(', '),
    },
    { key: 'book', title: t('inv.items.book'), width: 70, align: 'right', render: (_, i) => count(i.book.quantity) },
    { key: 'actual', title: t('inv.items.actual'), width: 70, align: 'right', render: (_, i) => count(i.actual.quantity) },
    {
      key: 'diff',
      title: t('inv.items.diff'),
      width: 150,
      align: 'right',
      render: (_, i) => (
        <span
          style={{
            color: i.difference.quantity < 0 ? '#cf1322' : i.difference.quantity > 0 ? '#389e0d' : undefined,
            whiteSpace: 'nowrap',
          }}
        >
          {i.difference.quantity > 0 ? '+' : ''}
          {count(i.difference.quantity)}
          <div style={{ fontSize: 12 }}>{moneyDiff(i.difference.costVnd)}</div>
        </span>
      ),
    },
  ];
  return (
    <Table<Item>
      rowKey="assetId"
      size="small"
      columns={columns}
      dataSource={items}
      pagination={items.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: 900 }}
      locale={{ emptyText: t('inv.items.none') }}
      onRow={(i) => ({ 'data-testid': `inv-item-${i.code}`, 'data-status': i.status }) as HTMLAttributes<HTMLElement>}
      data-testid="inv-items"
    />
  );
}

function UnknownCodes({ unknown, roomById }: { unknown: Unknown[]; roomById: Map<string, Room> }) {
  const { t } = useTranslation();
  const none = t('inv.progress.noRoom');
  return (
    <Table<Unknown>
      rowKey={(u) => `${u.code}|${u.roomId}`}
      size="small"
      pagination={false}
      dataSource={unknown}
      locale={{ emptyText: t('inv.unknown.none') }}
      columns={[
        { key: 'code', title: t('inv.lines.code'), render: (_, u) => <Typography.Text strong>{u.code ?? '—'}</Typography.Text> },
        { key: 'room', title: t('inv.unknown.room'), render: (_, u) => roomCode(roomById, u.roomId, none) },
        { key: 'q', title: t('inv.lines.quantity'), align: 'right', render: (_, u) => count(u.quantity) },
        { key: 'who', title: t('inv.lines.counter'), render: (_, u) => u.counters.join(', ') },
      ]}
      onRow={(u) => ({ 'data-testid': `inv-unknown-${u.code ?? 'none'}` }) as HTMLAttributes<HTMLElement>}
      data-testid="inv-unknown"
    />
  );
}

function Groups({ groups }: { groups: Group[] }) {
  const { t } = useTranslation();
  return (
    <Table<Group>
      rowKey="group"
      size="small"
      pagination={false}
      dataSource={groups}
      scroll={{ x: 900 }}
      columns={[
        { key: 'label', title: t('inv.groups.group'), render: (_, g) => g.label },
        { key: 'bq', title: t('inv.groups.bookQ'), align: 'right', render: (_, g) => count(g.totals.book.quantity) },
        { key: 'bc', title: t('inv.groups.bookCost'), align: 'right', render: (_, g) => money(g.totals.book.costVnd) },
        { key: 'aq', title: t('inv.groups.actualQ'), align: 'right', render: (_, g) => count(g.totals.actual.quantity) },
        { key: 'ac', title: t('inv.groups.actualCost'), align: 'right', render: (_, g) => money(g.totals.actual.costVnd) },
        { key: 'dq', title: t('inv.groups.diffQ'), align: 'right', render: (_, g) => count(g.totals.difference.quantity) },
        { key: 'dc', title: t('inv.groups.diffCost'), align: 'right', render: (_, g) => moneyDiff(g.totals.difference.costVnd) },
      ]}
    />
  );
}
