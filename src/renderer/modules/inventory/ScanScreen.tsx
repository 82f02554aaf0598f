import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Progress,
  Row,
  Segmented,
  Select,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
  type InputRef,
  type TableColumnsType,
} from 'antd';
import {
  CheckCircleFilled,
  CloseCircleFilled,
  DeleteOutlined,
  ExclamationCircleFilled,
  LoadingOutlined,
  MinusCircleFilled,
  ScanOutlined,
  SoundOutlined,
  WarningFilled,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { MethodOutput } from '../../../contract/methods';
import type { Stocktake, StocktakeLine } from '../../../contract/schemas/assets';
import { useApi } from '../../api/ApiProvider';
import { useApiQuery } from '../../api/hooks';
import { errorText } from '../../api/error-text';
import { useCurrentUser } from '../../boot/session';
import { useLocalState } from '../assets/register/useLocalState';
import { beep, type ScanTone } from './beep';
import { splitCodes } from './codes';
import { canEditAssets, count, dateTimeVn, labelIn, LoadFailed, Loading, SessionTitle, useCatalogs, useSession } from './shared';

type ScanResult = MethodOutput<'stocktake.scan'>;
export type ScanStatus = ScanResult['status'] | 'pending' | 'error';

export interface ScanItem {
  key: number;
  code: string;
  status: ScanStatus;
  message: string;
  name?: string;
  expectedRoom?: string;
  at: string;
}

/** Colours a counter can tell apart at a glance: green found, orange wrong room / extra, red unknown, grey duplicate. */
export const SCAN_STYLE: Record<ScanStatus, { color: string; background: string; border: string; icon: ReactNode; tag: string }> =
  {
    found: { color: '#237804', background: '#f6ffed', border: '#95de64', icon: <CheckCircleFilled aria-hidden />, tag: 'green' },
    misplaced: { color: '#ad4e00', background: '#fff7e6', border: '#ffc069', icon: <WarningFilled aria-hidden />, tag: 'orange' },
    surplus: {
      color: '#ad4e00',
      background: '#fff7e6',
      border: '#ffc069',
      icon: <ExclamationCircleFilled aria-hidden />,
      tag: 'orange',
    },
    unknown: { color: '#a8071a', background: '#fff1f0', border: '#ff7875', icon: <CloseCircleFilled aria-hidden />, tag: 'red' },
    duplicate: {
      color: '#595959',
      background: '#fafafa',
      border: '#d9d9d9',
      icon: <MinusCircleFilled aria-hidden />,
      tag: 'default',
    },
    error: { color: '#a8071a', background: '#fff1f0', border: '#ff7875', icon: <CloseCircleFilled aria-hidden />, tag: 'red' },
    pending: {
      color: '#595959',
      background: '#fafafa',
      border: '#d9d9d9',
      icon: <LoadingOutlined aria-hidden />,
      tag: 'processing',
    },
  };

/**
 * Counting one room: a focused input takes the scanner's keystrokes (one code per line +
 * Enter); each code is checked against the books at once, with a colour, a message and a
 * short tone, and listed. Codes typed faster than the answers come back are queued, never
 * lost. Sets counted by quantity go through the manual count form.
 */
export function ScanScreen() {
  const { id = '', roomKey = 'none' } = useParams();
  const session = useSession(id);
  if (session.isPending) return <Loading />;
  if (session.isError) return <LoadFailed error={session.error} />;
  return <ScanView session={session.data} roomId={roomKey === 'none' ? null : roomKey} />;
}

function ScanView({ session: s, roomId }: { session: Stocktake; roomId: string | null }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canCount = canEditAssets(user.role) && s.status === 'counting';
  const rooms = useApiQuery('rooms.list', {});
  const progress = useApiQuery('stocktake.progress', { id: s.id });
  const room = (rooms.data ?? []).find((r) => r.id === roomId);
  const roomProgress = progress.data?.rooms.find((r) => r.roomId === roomId);
  const roomTitle = room
    ? `${room.code}${room.name && room.name !== room.code ? ` — ${room.name}` : ''}`
    : roomId
      ? (roomProgress?.roomCode ?? '')
      : t('inv.progress.noRoom');
  const [counter, setCounter] = useLocalState<string>('tc.inventory.counter', user.displayName);

  return (
    <div data-testid="inv-scan-screen">
      <SessionTitle
        session={s}
        back={`/inventory/${s.id}`}
        backLabel={t('inv.scan.back')}
        subtitle={
          <Flex align="center" gap={12} wrap>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="inv-scan-room">
              {t('inv.scan.room', { room: roomTitle })}
            </Typography.Text>
            {roomProgress && (
              <Flex align="center" gap={8}>
                <Progress
                  percent={Math.round(roomProgress.percent)}
                  size="small"
                  style={{ width: 180, margin: 0 }}
                  data-testid="inv-scan-progress"
                />
                <Typography.Text type="secondary">
                  {t('inv.progress.items', {
                    counted: count(roomProgress.countedItems),
                    expected: count(roomProgress.expectedItems),
                  })}
                </Typography.Text>
              </Flex>
            )}
          </Flex>
        }
      />
      {!canCount && (
        <Alert
          type="info"
          showIcon
          title={s.status === 'closed' ? t('inv.closedNote') : t('inv.scan.readOnly')}
          style={{ marginBottom: 12 }}
          data-testid="inv-scan-readonly"
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          {canCount && <Scanner session={s} roomId={roomId} counter={counter} onCounter={setCounter} />}
        </Col>
        <Col xs={24} xl={canCount ? 10 : 24}>
          <RoomSide session={s} roomId={roomId} canCount={canCount} counter={counter} />
        </Col>
      </Row>
    </div>
  );
}

function Scanner({
  session: s,
  roomId,
  counter,
  onCounter,
}: {
  session: Stocktake;
  roomId: string | null;
  counter: string;
  onCounter: (v: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const queryClient = useQueryClient();
  const catalogs = useCatalogs().data;
  const [sound, setSound] = useLocalState<boolean>('tc.inventory.sound', true);
  const [condition, setCondition] = useState<string>('dang_hoat_dong');
  const [value, setValue] = useState('');
  const [focused, setFocused] = useState(true);
  const [items, setItems] = useState<ScanItem[]>([]);
  const input = useRef<InputRef>(null);
  const queue = useRef<{ key: number; code: string; counter: string; condition: string; sound: boolean }[]>([]);
  const running = useRef(false);
  const nextKey = useRef(1);

  useEffect(() => {
    input.current?.focus();
  }, []);

  const update = (key: number, patch: Partial<ScanItem>) =>
    setItems((list) => list.map((x) => (x.key === key ? { ...x, ...patch } : x)));

  const pump = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    while (queue.current.length > 0) {
      const job = queue.current.shift()!;
      try {
        const r = await client.call('stocktake.scan', {
          id: s.id,
          code: job.code,
          roomId,
          counter: job.counter,
          quantity: 1,
          condition: job.condition as 'dang_hoat_dong',
          note: '',
        });
        update(job.key, {
          status: r.status,
          message: r.message,
          name: r.asset?.name,
          code: r.asset?.code ?? job.code,
          expectedRoom: r.expectedRoom ? r.expectedRoom.code : undefined,
        });
        if (job.sound) beep(r.status as ScanTone);
      } catch (err) {
        update(job.key, { status: 'error', message: errorText(err, t, i18n.language) });
        if (job.sound) beep('error');
      }
    }
    running.current = false;
    void queryClient.invalidateQueries({
      predicate: (q) =>
        ['stocktake.progress', 'stocktake.lines', 'stocktake.get', 'stocktake.list'].includes(String(q.queryKey[0])),
    });
  }, [client, s.id, roomId, queryClient, t, i18n.language]);

  const enqueue = (codes: string[]) => {
    if (codes.length === 0) return;
    const jobs = codes.map((code) => ({ key: nextKey.current++, code, counter: counter.trim(), condition, sound }));
    queue.current.push(...jobs);
    const at = new Date().toISOString();
    setItems((list) =>
      [
        ...jobs
          .map((j) => ({ key: j.key, code: j.code, status: 'pending' as const, message: t('inv.scan.checking'), at }))
          .reverse(),
        ...list,
      ].slice(0, 300),
    );
    void pump();
  };

  const last = items.find((x) => x.status !== 'pending') ?? items[0];
  const tally = items.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x.status]: (acc[x.status] ?? 0) + 1 }), {});

  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          <ScanOutlined aria-hidden /> {t('inv.scan.title')}
        </Flex>
      }
      extra={
        <Flex align="center" gap={6}>
          <SoundOutlined aria-hidden />
          <Switch
            size="small"
            checked={sound}
            onChange={setSound}
            aria-label={t('inv.scan.sound')}
            data-testid="inv-scan-sound"
          />
        </Flex>
      }
      data-testid="inv-scanner"
    >
      <Flex gap={12} wrap style={{ marginBottom: 10 }}>
        <div>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('inv.scan.counter')}
          </Typography.Text>
          <Input
            value={counter}
            onChange={(e) => onCounter(e.target.value)}
            style={{ width: 200 }}
            data-testid="inv-scan-counter"
          />
        </div>
        <div>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('inv.scan.conditionNext')}
          </Typography.Text>
          <Segmented
            value={condition}
            onChange={(v) => {
              setCondition(String(v));
              input.current?.focus();
            }}
            options={['dang_hoat_dong', 'hu_hong', 'chua_su_dung'].map((c) => ({
              value: c,
              label: labelIn(catalogs?.conditions, c),
            }))}
            data-testid="inv-scan-condition"
          />
        </div>
      </Flex>
      <Input
        ref={input}
        size="large"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            enqueue(splitCodes(value));
            setValue('');
          }
        }}
        onPaste={(e) => {
          const text = e.clipboardData.getData('text');
          if (/[\r\n]/.test(text)) {
            e.preventDefault();
            enqueue(splitCodes(value + text));
            setValue('');
          }
        }}
        prefix={<ScanOutlined aria-hidden />}
        placeholder={t('inv.scan.placeholder')}
        aria-label={t('inv.scan.placeholder')}
        autoComplete="off"
        spellCheck={false}
        style={{ fontSize: 20, fontFamily: 'ui-monospace, Consolas, monospace' }}
        data-testid="inv-scan-input"
      />
      {!focused ? (
        <Button
          type="link"
          style={{ padding: 0, color: '#d46b08' }}
          onClick={() => input.current?.focus()}
          data-testid="inv-scan-refocus"
        >
          {t('inv.scan.focusLost')}
        </Button>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('inv.scan.hint')}
        </Typography.Text>
      )}
      {last ? (
        <Feedback item={last} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inv.scan.nothingYet')} style={{ margin: '16px 0' }} />
      )}
      {items.length > 0 && (
        <>
          <Flex gap={6} wrap style={{ margin: '8px 0' }} data-testid="inv-scan-tally">
            {(['found', 'misplaced', 'surplus', 'unknown', 'duplicate', 'error'] as const)
              .filter((k) => tally[k])
              .map((k) => (
                <Tag key={k} color={SCAN_STYLE[k].tag} style={{ marginInlineEnd: 0 }}>
                  {t(`inv.scanStatus.${k}`)}: {tally[k]}
                </Tag>
              ))}
          </Flex>
          <div
            style={{ maxHeight: 360, overflow: 'auto', border: '1px solid #f0f0f0', borderRadius: 6 }}
            data-testid="inv-scan-list"
          >
            {items.map((x) => (
              <Flex
                key={x.key}
                gap={10}
                align="center"
                style={{
                  padding: '6px 10px',
                  borderBottom: '1px solid #f5f5f5',
                  background: x.status === 'pending' ? undefined : SCAN_STYLE[x.status].background,
                }}
                data-testid="inv-scan-item"
                data-status={x.status}
                data-code={x.code}
              >
                <span style={{ color: SCAN_STYLE[x.status].color, fontSize: 16 }}>{SCAN_STYLE[x.status].icon}</span>
                <Typography.Text
                  strong
                  style={{ width: 110, flex: 'none', fontFamily: 'ui-monospace, Consolas, monospace' }}
                  ellipsis
                >
                  {x.code}
                </Typography.Text>
                <Typography.Text style={{ flex: 1, minWidth: 0 }} ellipsis={{ tooltip: x.message }}>
                  {x.name ?? x.message}
                </Typography.Text>
                <Tag color={SCAN_STYLE[x.status].tag} style={{ marginInlineEnd: 0 }}>
                  {t(`inv.scanStatus.${x.status}`)}
                  {x.status === 'misplaced' && x.expectedRoom ? ` · ${t('inv.scan.bookRoom', { room: x.expectedRoom })}` : ''}
                </Tag>
              </Flex>
            ))}
          </div>
        </>
      )}
    </Card>
  );
}

function Feedback({ item }: { item: ScanItem }) {
  const { t } = useTranslation();
  const st = SCAN_STYLE[item.status];
  return (
    <div
      role="status"
      aria-live="polite"
      style={{
        margin: '12px 0',
        padding: '12px 16px',
        borderRadius: 8,
        background: st.background,
        border: `2px solid ${st.border}`,
        color: st.color,
      }}
      data-testid="inv-scan-feedback"
      data-status={item.status}
    >
      <Flex align="center" gap={12}>
        <span style={{ fontSize: 32, lineHeight: 1 }}>{st.icon}</span>
        <div style={{ minWidth: 0 }}>
          <div style={{ fontSize: 18, fontWeight: 700 }}>
            {t(`inv.scanStatus.${item.status}`)}
            {item.status === 'misplaced' && item.expectedRoom ? ` — ${t('inv.scan.bookRoom', { room: item.expectedRoom })}` : ''}
          </div>
          <div style={{ fontSize: 15 }}>
            <b style={{ fontFamily: 'ui-monospace, Consolas, monospace' }}>{item.code}</b>
            {item.name ? ` · ${item.name}` : ''}
          </div>
          <div style={{ fontSize: 13, opacity: 0.9 }} data-testid="inv-scan-message">
            {item.message}
          </div>
        </div>
      </Flex>
    </div>
  );
}

/** What the room still expects, the lines recorded here, and the manual count form. */
function RoomSide({
  session: s,
  roomId,
  canCount,
  counter,
}: {
  session: Stocktake;
  roomId: string | null;
  canCount: boolean;
  counter: string;
}) {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const catalogs = useCatalogs().data;
  const lines = useApiQuery('stocktake.lines', { id: s.id, roomId, offset: 0, limit: 5000 });
  const expected = useApiQuery('assets.list', { roomId, limit: 1000, sort: 'code', dir: 'asc' });
  const counted = useMemo(() => {
    const m = new Map<string, number>();
    for (const l of lines.data?.items ?? []) if (l.assetId) m.set(l.assetId, (m.get(l.assetId) ?? 0) + l.foundQuantity);
    return m;
  }, [lines.data]);
  const notYet = (expected.data?.items ?? []).filter((a) => (counted.get(a.id) ?? 0) < a.quantity);
  const [tab, setTab] = useState('todo');

  const refresh = () =>
    queryClient.invalidateQueries({
      predicate: (q) => ['stocktake.progress', 'stocktake.lines', 'stocktake.get'].includes(String(q.queryKey[0])),
    });
  const remove = async (l: StocktakeLine) => {
    try {
      await client.call('stocktake.removeLine', { id: s.id, lineId: l.id });
      await refresh();
    } catch (err) {
      void message.error(errorText(err, t, i18n.language));
    }
  };

  const lineColumns: TableColumnsType<StocktakeLine> = [
    {
      key: 'code',
      title: t('inv.lines.code'),
      width: 110,
      render: (_, l) => <Typography.Text strong>{l.code || '—'}</Typography.Text>,
    },
    { key: 'q', title: t('inv.lines.quantity'), width: 70, align: 'right', render: (_, l) => count(l.foundQuantity) },
    {
      key: 'cond',
      title: t('inv.lines.condition'),
      render: (_, l) => (
        <div style={{ fontSize: 12 }}>
          {l.condition ? labelIn(catalogs?.conditions, l.condition) : ''}
          {l.note && <div style={{ color: '#8c8c8c' }}>{l.note}</div>}
        </div>
      ),
    },
    {
      key: 'who',
      title: t('inv.lines.counter'),
      width: 130,
      render: (_, l) => (
        <div style={{ fontSize: 12 }}>
          {l.counter}
          <div style={{ color: '#8c8c8c' }}>
            {t(`inv.lines.methods.${l.method}`)} · {dateTimeVn(l.countedAt)}
          </div>
        </div>
      ),
    },
  ];
  if (canCount)
    lineColumns.push({
      key: 'rm',
      width: 40,
      render: (_, l) => (
        <Popconfirm
          title={t('inv.lines.remove')}
          okText={t('common.remove')}
          cancelText={t('common.cancel')}
          onConfirm={() => void remove(l)}
        >
          <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('common.remove')} />
        </Popconfirm>
      ),
    });

  return (
    <Card size="small" styles={{ body: { paddingTop: 0 } }}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'todo',
            label: <span data-testid="inv-tab-todo">{t('inv.side.todo', { n: notYet.length })}</span>,
            children: (
              <div data-testid="inv-todo">
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {t('inv.side.todoHint')}
                </Typography.Paragraph>
                {notYet.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inv.side.allCounted')} />
                ) : (
                  <div style={{ maxHeight: 420, overflow: 'auto' }}>
                    {notYet.map((a) => (
                      <Flex
                        key={a.id}
                        justify="space-between"
                        gap={8}
                        style={{ padding: '4px 0', borderBottom: '1px solid #f5f5f5' }}
                        data-testid="inv-todo-item"
                        data-code={a.code}
                      >
                        <Typography.Text strong style={{ width: 100, flex: 'none' }}>
                          {a.code}
                        </Typography.Text>
                        <Typography.Text ellipsis style={{ flex: 1 }}>
                          {a.name}
                        </Typography.Text>
                        <Typography.Text type="secondary">
                          {a.tracking === 'quantity' ? `${count(counted.get(a.id) ?? 0)}/${count(a.quantity)} ${a.unit}` : ''}
                        </Typography.Text>
                      </Flex>
                    ))}
                  </div>
                )}
              </div>
            ),
          },
          {
            key: 'lines',
            label: <span data-testid="inv-tab-lines">{t('inv.side.lines', { n: lines.data?.total ?? 0 })}</span>,
            children: (
              <Table<StocktakeLine>
                rowKey="id"
                size="small"
                columns={lineColumns}
                dataSource={lines.data?.items ?? []}
                loading={lines.isPending}
                pagination={
                  (lines.data?.items.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false, size: 'small' } : false
                }
                locale={{ emptyText: t('inv.lines.none') }}
                data-testid="inv-lines"
              />
            ),
          },
          ...(canCount
            ? [
                {
                  key: 'manual',
                  label: <span data-testid="inv-tab-manual">{t('inv.side.manual')}</span>,
                  children: (
                    <ManualCount
                      session={s}
                      roomId={roomId}
                      counter={counter}
                      options={(expected.data?.items ?? []).map((a) => ({
                        code: a.code,
                        name: a.name,
                        quantity: a.quantity,
                        unit: a.unit,
                      }))}
                      onDone={refresh}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function ManualCount({
  session: s,
  roomId,
  counter,
  options,
  onDone,
}: {
  session: Stocktake;
  roomId: string | null;
  counter: string;
  options: { code: string; name: string; quantity: number; unit: string }[];
  onDone: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const { message } = App.useApp();
  const catalogs = useCatalogs().data;
  const [form] = Form.useForm<{ code: string; foundQuantity: number; condition?: string; note?: string; counter?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    let v;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await client.call('stocktake.count', {
        id: s.id,
        lines: [
          {
            lineId: crypto.randomUUID(),
            code: v.code.trim(),
            roomId,
            foundQuantity: v.foundQuantity,
            condition: (v.condition as 'hu_hong' | undefined) ?? null,
            note: (v.note ?? '').trim(),
            counter: (v.counter ?? counter).trim(),
          },
        ],
      });
      await onDone();
      void message.success(t('inv.manual.saved', { code: v.code.trim(), n: v.foundQuantity }));
      form.resetFields(['code', 'foundQuantity', 'note']);
    } catch (err) {
      setError(errorText(err, t, i18n.language));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ foundQuantity: 1, condition: 'dang_hoat_dong' }}
      data-testid="inv-manual"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('inv.manual.hint')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="inv-manual-error" />}
      <Form.Item
        name="code"
        label={t('inv.lines.code')}
        rules={[{ required: true, whitespace: true, message: t('inv.manual.codeRequired') }]}
      >
        <AutoComplete
          options={options.map((o) => ({ value: o.code, label: `${o.code} — ${o.name} (${count(o.quantity)} ${o.unit})` }))}
          filterOption={(input, opt) =>
            String(opt?.label ?? '')
              .toLowerCase()
              .includes(input.toLowerCase())
          }
          data-testid="inv-manual-code"
        />
      </Form.Item>
      <Row gutter={8}>
        <Col span={10}>
          <Form.Item name="foundQuantity" label={t('inv.manual.found')} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: '100%' }} data-testid="inv-manual-quantity" />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="condition" label={t('inv.lines.condition')}>
            <Select options={(catalogs?.conditions ?? []).map((c) => ({ value: c.code, label: c.label }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={t('inv.manual.note')}>
        <Input placeholder={t('inv.manual.notePlaceholder')} />
      </Form.Item>
      <Form.Item name="counter" label={t('inv.scan.counter')}>
        <Input placeholder={counter} />
      </Form.Item>
      <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="inv-manual-save">
        {t('inv.manual.save')}
      </Button>
    </Form>
  );
}
