import { useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Result,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import {
  AuditOutlined,
  DeleteOutlined,
  DollarOutlined,
  FileExcelOutlined,
  FileWordOutlined,
  SwapOutlined,
  ToolOutlined,
  StopOutlined,
  CheckSquareOutlined,
  ExportOutlined,
} from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ACTIVE_STATES, type Asset, type AssetEvent, type Room } from '../../../../contract/schemas/assets';
import { useApi } from '../../../api/ApiProvider';
import { useApiQuery } from '../../../api/hooks';
import { errorText } from '../../../api/error-text';
import { useCurrentUser } from '../../../boot/session';
import {
  canEditAssets,
  ConditionTag,
  count,
  dateTimeVn,
  dateVn,
  labelIn,
  money,
  roomLabel,
  saveFileResult,
  StateTag,
  useCatalogs,
  useRefreshAssets,
} from '../shared';
import { AssetFields, changedFields, DATE_FORMAT, formValuesOf, type AssetFormValues } from './AssetFields';
import {
  CostChangeModal,
  DisposalDecisionModal,
  DisposalExecutionModal,
  DisposalRequestModal,
  MoveModal,
  RepairModal,
  WriteOffModal,
} from './EventModals';
import { disposalStage, eventLines, fieldValue } from './history';

type EventKind = 'move' | 'repair' | 'cost' | 'request' | 'decide' | 'execute' | 'writeOff';

const EVENT_COLORS: Partial<Record<AssetEvent['type'], string>> = {
  recognise: 'green',
  move: 'blue',
  repair: 'orange',
  cost_change: 'purple',
  wear: 'gray',
  stocktake_result: 'blue',
  disposal_request: 'gold',
  disposal_decision: 'gold',
  disposal_execution: 'red',
  write_off: 'red',
};

/**
 * One asset: its fields (editable), the operations of its life (move, repair, cost change,
 * disposal request → decision → execution, write-off, each with its document), its history
 * from the ledger, and its state as of any date rebuilt from that ledger.
 */
export function AssetDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const asset = useApiQuery('assets.get', { id: id ?? '' }, { enabled: !!id });
  const a = asset.data;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={860}
      destroyOnHidden
      title={
        a ? (
          <Flex align="center" gap={8} wrap>
            <Typography.Text strong data-testid="as-drawer-code">
              {a.code}
            </Typography.Text>
            <Typography.Text ellipsis style={{ maxWidth: 480 }}>
              {a.name}
            </Typography.Text>
          </Flex>
        ) : (
          t('as.drawer.title')
        )
      }
      data-testid="as-drawer"
    >
      {asset.isPending ? (
        <Skeleton active />
      ) : asset.isError ? (
        <Result status="warning" title={errorText(asset.error, t, i18n.language)} />
      ) : a ? (
        <AssetDetail key={a.id} asset={a} editor={canEditAssets(user.role)} />
      ) : null}
    </Drawer>
  );
}

function AssetDetail({ asset: a, editor }: { asset: Asset; editor: boolean }) {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const { message } = App.useApp();
  const catalogs = useCatalogs().data;
  const rooms = useApiQuery('rooms.list', {});
  const roomById = useMemo(() => new Map((rooms.data ?? []).map((r) => [r.id, r])), [rooms.data]);
  const history = useApiQuery('assets.history', { id: a.id });
  const [tab, setTab] = useState('info');
  const [modal, setModal] = useState<EventKind | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const active = (ACTIVE_STATES as readonly string[]).includes(a.lifecycleState);
  const stage = disposalStage(history.data ?? []);

  const card = async (format: 'docx' | 'xlsx') => {
    setBusy(format);
    try {
      saveFileResult(await client.call('assets.card', { id: a.id, format }));
    } catch (err) {
      void message.error(errorText(err, t, i18n.language));
    } finally {
      setBusy(null);
    }
  };

  const close = () => setModal(null);
  const action = (kind: EventKind, icon: ReactNode, label: string, enabled: boolean, danger = false) => (
    <Button
      icon={icon}
      disabled={!editor || !enabled}
      danger={danger}
      onClick={() => setModal(kind)}
      data-testid={`as-action-${kind}`}
    >
      {label}
    </Button>
  );

  return (
    <div data-testid="as-detail">
      <Flex wrap gap={6} style={{ marginBottom: 12 }}>
        <StateTag code={a.lifecycleState} catalogs={catalogs} />
        <ConditionTag code={a.condition} catalogs={catalogs} />
        <Tag>{labelIn(catalogs?.classes, a.assetClass)}</Tag>
        {a.disposalCandidate && <Tag color="gold">{t('as.register.disposalCandidate')}</Tag>}
        <Tag color="default" title={a.categoryReason}>
          {t(`as.category.${a.category}`)}
        </Tag>
      </Flex>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, md: 3 }}
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'room',
            label: t('as.fields.room'),
            children: (
              <span data-testid="as-drawer-room">
                {a.roomCode ? roomLabel(t, { code: a.roomCode, name: a.roomName ?? '' }) : t('as.common.noRoom')}
              </span>
            ),
          },
          { key: 'custodian', label: t('as.fields.custodian'), children: a.custodian || '—' },
          { key: 'quantity', label: t('as.fields.quantity'), children: `${count(a.quantity)} ${a.unit}` },
          { key: 'cost', label: t('as.fields.costVnd'), children: <b>{money(a.costVnd)}</b> },
          { key: 'wear', label: t('as.fields.accumulatedWearVnd'), children: money(a.accumulatedWearVnd) },
          { key: 'remaining', label: t('as.fields.remainingVnd'), children: money(a.remainingVnd) },
        ]}
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'info',
            label: <span data-testid="as-drawer-tab-info">{t('as.drawer.info')}</span>,
            children: <InfoForm asset={a} editor={editor && active} />,
          },
          {
            key: 'events',
            label: <span data-testid="as-drawer-tab-events">{t('as.drawer.events')}</span>,
            children: (
              <div>
                {!active && <Alert type="info" showIcon title={t('as.drawer.removedNote')} style={{ marginBottom: 12 }} />}
                <Typography.Paragraph type="secondary">{t('as.drawer.eventsIntro')}</Typography.Paragraph>
                <Flex wrap gap={8} style={{ marginBottom: 16 }}>
                  {action('move', <SwapOutlined aria-hidden />, t('as.events.move'), active)}
                  {action('repair', <ToolOutlined aria-hidden />, t('as.events.repair'), active)}
                  {action('cost', <DollarOutlined aria-hidden />, t('as.events.costChange'), active)}
                </Flex>
                <Typography.Title level={5}>{t('as.drawer.disposal')}</Typography.Title>
                <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                  {t('as.drawer.disposalIntro')}
                </Typography.Paragraph>
                <Flex wrap gap={8} style={{ marginBottom: 16 }}>
                  {action(
                    'request',
                    <AuditOutlined aria-hidden />,
                    t('as.events.disposalRequest'),
                    active && stage.stage === 'none',
                  )}
                  {action(
                    'decide',
                    <CheckSquareOutlined aria-hidden />,
                    t('as.events.disposalDecision'),
                    active && stage.stage === 'requested',
                  )}
                  {action(
                    'execute',
                    <ExportOutlined aria-hidden />,
                    t('as.events.disposalExecution'),
                    active && stage.stage === 'approved',
                    true,
                  )}
                  {action(
                    'writeOff',
                    <StopOutlined aria-hidden />,
                    t('as.events.writeOff'),
                    active && stage.stage === 'none',
                    true,
                  )}
                </Flex>
                {stage.stage !== 'none' && (
                  <Alert
                    type="warning"
                    showIcon
                    title={stage.stage === 'requested' ? t('as.drawer.awaitingDecision') : t('as.drawer.awaitingExecution')}
                    style={{ marginBottom: 12 }}
                  />
                )}
                <Typography.Title level={5}>{t('as.drawer.documents')}</Typography.Title>
                <Space wrap>
                  <Button
                    icon={<FileWordOutlined aria-hidden />}
                    loading={busy === 'docx'}
                    onClick={() => void card('docx')}
                    data-testid="as-card-docx"
                  >
                    {t('as.drawer.cardDocx')}
                  </Button>
                  <Button
                    icon={<FileExcelOutlined aria-hidden />}
                    loading={busy === 'xlsx'}
                    onClick={() => void card('xlsx')}
                    data-testid="as-card-xlsx"
                  >
                    {t('as.drawer.cardXlsx')}
                  </Button>
                </Space>
              </div>
            ),
          },
          {
            key: 'history',
            label: <span data-testid="as-drawer-tab-history">{t('as.drawer.history')}</span>,
            children: history.isPending ? (
              <Skeleton active />
            ) : history.isError ? (
              <Alert type="error" title={errorText(history.error, t, i18n.language)} />
            ) : (
              <HistoryTimeline events={history.data} ctx={{ t, catalogs, roomById }} />
            ),
          },
          {
            key: 'stateAt',
            label: <span data-testid="as-drawer-tab-stateAt">{t('as.drawer.stateAt')}</span>,
            children: <StateAt asset={a} roomById={roomById} />,
          },
        ]}
      />
      {modal === 'move' && <MoveModal ids={[a.id]} asset={a} rooms={rooms.data ?? []} onClose={close} />}
      {modal === 'repair' && <RepairModal asset={a} onClose={close} />}
      {modal === 'cost' && <CostChangeModal asset={a} onClose={close} />}
      {modal === 'request' && <DisposalRequestModal asset={a} onClose={close} />}
      {modal === 'decide' && <DisposalDecisionModal asset={a} onClose={close} />}
      {modal === 'execute' && <DisposalExecutionModal asset={a} method={stage.method} onClose={close} />}
      {modal === 'writeOff' && <WriteOffModal asset={a} onClose={close} />}
    </div>
  );
}

function InfoForm({ asset: a, editor }: { asset: Asset; editor: boolean }) {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const { message, modal } = App.useApp();
  const refresh = useRefreshAssets();
  const catalogs = useCatalogs().data;
  const [form] = Form.useForm<AssetFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    form.setFieldsValue(formValuesOf(a));
  }, [a, form]);

  const save = async () => {
    let v: AssetFormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const patch = changedFields(a, v);
    if (Object.keys(patch).length === 0) {
      void message.info(t('as.drawer.noChanges'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await client.call('assets.update', {
        id: a.id,
        expectedRev: a.rev,
        patch: patch as never,
        note: String(v.editNote ?? '').trim(),
      });
      await refresh();
      form.setFieldValue('editNote', '');
      void message.success(t('common.saved'));
    } catch (err) {
      setError(errorText(err, t, i18n.language));
    } finally {
      setBusy(false);
    }
  };

  const remove = () =>
    modal.confirm({
      title: t('as.drawer.removeTitle', { code: a.code }),
      content: t('as.drawer.removeText'),
      okText: t('common.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await client.call('assets.remove', { id: a.id });
          await refresh();
          void message.success(t('as.drawer.removed', { code: a.code }));
        } catch (err) {
          void message.error(errorText(err, t, i18n.language));
        }
      },
    });

  return (
    <Form form={form} layout="vertical" initialValues={formValuesOf(a)} disabled={!editor} data-testid="as-info-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="as-info-error" />}
      <AssetFields catalogs={catalogs} disabled={!editor} />
      {editor && (
        <>
          <Form.Item name="editNote" label={t('as.drawer.editNote')}>
            <Input placeholder={t('as.drawer.editNoteHint')} />
          </Form.Item>
          <Flex justify="space-between">
            <Button danger type="text" icon={<DeleteOutlined aria-hidden />} onClick={remove} data-testid="as-remove">
              {t('as.drawer.remove')}
            </Button>
            <Button type="primary" loading={busy} onClick={() => void save()} data-testid="as-info-save">
              {t('common.save')}
            </Button>
          </Flex>
        </>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
        {t('as.drawer.updatedAt', { at: dateTimeVn(a.updatedAt) })}
      </Typography.Paragraph>
    </Form>
  );
}

/** Display names for the ledger's actor ids: every user for an admin, else at least oneself. */
function useActorNames(): (id: string | null) => string | null {
  const user = useCurrentUser();
  const users = useApiQuery('users.list', {}, { enabled: user.role === 'admin', staleTime: 300_000 });
  return (id) => {
    if (!id) return null;
    if (id === user.id) return user.displayName;
    return users.data?.find((u) => u.id === id)?.displayName ?? null;
  };
}

function HistoryTimeline({ events, ctx }: { events: AssetEvent[]; ctx: Parameters<typeof eventLines>[1] }) {
  const { t } = ctx;
  const actorName = useActorNames();
  if (events.length === 0) return <Empty description={t('as.history.none')} />;
  const sorted = [...events].sort((x, y) =>
    x.date === y.date ? (x.createdAt < y.createdAt ? 1 : -1) : x.date < y.date ? 1 : -1,
  );
  return (
    <Timeline
      data-testid="as-history"
      items={sorted.map((e) => {
        const who = actorName(e.actor);
        return {
          key: e.id,
          color: EVENT_COLORS[e.type] ?? 'gray',
          content: (
            <div data-testid="as-history-item" data-type={e.type}>
              <div>
                <Typography.Text strong>{dateVn(e.date)}</Typography.Text>
                <Typography.Text strong style={{ marginInlineStart: 8 }}>
                  {t(`as.eventTypes.${e.type}`)}
                </Typography.Text>
                {(e.documentNo || e.documentDate) && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                    {t('as.history.document', { no: e.documentNo || '—', date: e.documentDate ? dateVn(e.documentDate) : '—' })}
                  </Typography.Text>
                )}
              </div>
              {eventLines(e, ctx).map((line, i) => (
                <div key={i} style={{ fontSize: 13 }}>
                  {line}
                </div>
              ))}
              {e.note && (
                <div style={{ fontSize: 13 }}>
                  <Typography.Text type="secondary">{e.note}</Typography.Text>
                </div>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {who
                  ? t('as.history.by', { actor: who, at: dateTimeVn(e.createdAt) })
                  : t('as.history.at', { at: dateTimeVn(e.createdAt) })}
              </Typography.Text>
            </div>
          ),
        };
      })}
    />
  );
}

function StateAt({ asset, roomById }: { asset: Asset; roomById: Map<string, Room> }) {
  const { t, i18n } = useTranslation();
  const catalogs = useCatalogs().data;
  const [date, setDate] = useState<Dayjs>(dayjs());
  const iso = date.format('YYYY-MM-DD');
  const state = useApiQuery('assets.stateAt', { id: asset.id, date: iso });
  const ctx = { t, catalogs, roomById };
  const s = state.data;
  return (
    <div data-testid="as-state-at">
      <Typography.Paragraph type="secondary">{t('as.stateAt.intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <span>{t('as.stateAt.date')}</span>
        <DatePicker
          value={date}
          onChange={(d) => d && setDate(d)}
          format={DATE_FORMAT}
          allowClear={false}
          data-testid="as-state-at-date"
        />
      </Space>
      {state.isPending ? (
        <Skeleton active />
      ) : state.isError ? (
        <Alert type="error" title={errorText(state.error, t, i18n.language)} />
      ) : s && !s.exists ? (
        <Empty description={t('as.stateAt.notYet', { date: dateVn(iso) })} />
      ) : s ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          items={[
            {
              key: 'room',
              label: t('as.fields.room'),
              children: <span data-testid="as-state-at-room">{fieldValue('roomId', s.roomId, ctx)}</span>,
            },
            { key: 'custodian', label: t('as.fields.custodian'), children: s.custodian || '—' },
            { key: 'quantity', label: t('as.fields.quantity'), children: s.quantity ?? '—' },
            { key: 'cost', label: t('as.fields.costVnd'), children: money(s.costVnd) },
            { key: 'wear', label: t('as.fields.accumulatedWearVnd'), children: money(s.accumulatedWearVnd) },
            { key: 'remaining', label: t('as.fields.remainingVnd'), children: money(s.remainingVnd) },
            { key: 'condition', label: t('as.fields.condition'), children: fieldValue('condition', s.condition, ctx) },
            { key: 'state', label: t('as.fields.lifecycleState'), children: fieldValue('lifecycleState', s.lifecycleState, ctx) },
            { key: 'events', label: t('as.stateAt.events'), children: s.eventCount },
          ]}
        />
      ) : null}
    </div>
  );
}
