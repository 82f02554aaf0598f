import { useState, type HTMLAttributes } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Progress,
  Row,
  Table,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { AuditOutlined, DownloadOutlined, LockOutlined, MergeCellsOutlined, ScanOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { MethodOutput } from '../../../contract/methods';
import { countFileSchema, type Stocktake } from '../../../contract/schemas/assets';
import { useApi } from '../../api/ApiProvider';
import { useApiQuery } from '../../api/hooks';
import { errorText } from '../../api/error-text';
import { useCurrentUser } from '../../boot/session';
import { CloseSessionModal } from './CloseSessionModal';
import {
  canEditAssets,
  count,
  dateTimeVn,
  dateVn,
  LoadFailed,
  Loading,
  money,
  ReportButtons,
  saveJson,
  SessionTitle,
  useRefreshAssets,
  useSession,
} from './shared';

type ProgressRow = MethodOutput<'stocktake.progress'>['rooms'][number];

/** The room key in the address: the room id, or 'none' for assets without a room. */
export function roomKeyOf(roomId: string | null): string {
  return roomId ?? 'none';
}

/**
 * One stocktake session: its decision and board, the book snapshot, progress per room (pick a
 * room to count it), the count file exchange between PCs, the biên bản and closing.
 */
export function SessionScreen() {
  const { id = '' } = useParams();
  const session = useSession(id);
  if (session.isPending) return <Loading />;
  if (session.isError) return <LoadFailed error={session.error} />;
  return <SessionView session={session.data} />;
}

function SessionView({ session: s }: { session: Stocktake }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const editor = canEditAssets(user.role);
  const open = s.status === 'counting';
  const progress = useApiQuery('stocktake.progress', { id: s.id });
  const [closing, setClosing] = useState(false);

  const columns: TableColumnsType<ProgressRow> = [
    {
      key: 'room',
      title: t('inv.progress.room'),
      render: (_, r) => (
        <div>
          <Typography.Text strong>{r.roomCode ?? t('inv.progress.noRoom')}</Typography.Text>
          {r.roomName && r.roomName !== r.roomCode && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.roomName}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'bar',
      title: t('inv.progress.counted'),
      width: 320,
      render: (_, r) => (
        <div>
          <Progress
            percent={Math.round(r.percent)}
            size="small"
            status={r.percent >= 100 ? 'success' : 'active'}
            style={{ margin: 0 }}
            data-testid="inv-room-progress"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('inv.progress.items', { counted: count(r.countedItems), expected: count(r.expectedItems) })}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'lines', title: t('inv.progress.lines'), width: 90, align: 'right', render: (_, r) => count(r.lines) },
    {
      key: 'counters',
      title: t('inv.progress.counters'),
      width: 180,
      render: (_, r) => (
        <Flex wrap gap={4}>
          {r.counters.map((c) => (
            <Tag key={c} style={{ marginInlineEnd: 0 }}>
              {c}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      key: 'act',
      width: 130,
      render: (_, r) => (
        <Button
          type={open && r.percent < 100 ? 'primary' : 'default'}
          icon={<ScanOutlined aria-hidden />}
          onClick={() => navigate(`/inventory/${s.id}/room/${roomKeyOf(r.roomId)}`)}
          data-testid={`inv-count-${r.roomCode ?? 'none'}`}
        >
          {open && editor ? t('inv.progress.count') : t('inv.progress.view')}
        </Button>
      ),
    },
  ];
  const total = progress.data?.total;

  return (
    <div data-testid="inv-session">
      <SessionTitle
        session={s}
        back="/inventory"
        backLabel={t('inv.backToList')}
        subtitle={
          <Typography.Text type="secondary">
            {t('inv.cutoffAt', { at: dateTimeVn(s.cutoffAt) })}
            {s.closedAt ? ` · ${t('inv.closedAt', { at: dateTimeVn(s.closedAt) })}` : ''}
          </Typography.Text>
        }
        extra={
          <>
            <Button
              type="primary"
              icon={<AuditOutlined aria-hidden />}
              onClick={() => navigate(`/inventory/${s.id}/reconcile`)}
              data-testid="inv-open-reconcile"
            >
              {t('inv.reconcile.button')}
            </Button>
            <ReportButtons session={s} />
            {open && editor && (
              <Button danger icon={<LockOutlined aria-hidden />} onClick={() => setClosing(true)} data-testid="inv-close">
                {t('inv.close.button')}
              </Button>
            )}
          </>
        }
      />
      {!open && (
        <Alert type="info" showIcon title={t('inv.closedNote')} style={{ marginBottom: 12 }} data-testid="inv-closed-note" />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title={t('inv.progress.title')}
            extra={
              total && (
                <Flex align="center" gap={8} style={{ minWidth: 260 }}>
                  <Typography.Text type="secondary">{t('inv.progress.total')}</Typography.Text>
                  <Progress
                    percent={Math.round(total.percent)}
                    size="small"
                    style={{ width: 160, margin: 0 }}
                    data-testid="inv-total-progress"
                  />
                </Flex>
              )
            }
          >
            {progress.isError ? (
              <Alert type="error" title={errorText(progress.error, t, i18n.language)} />
            ) : (
              <Table<ProgressRow>
                rowKey={(r) => roomKeyOf(r.roomId)}
                size="small"
                columns={columns}
                dataSource={progress.data?.rooms ?? []}
                loading={progress.isPending}
                pagination={false}
                onRow={(r) => ({ 'data-testid': `inv-room-${r.roomCode ?? 'none'}` }) as HTMLAttributes<HTMLElement>}
                locale={{ emptyText: t('inv.progress.none') }}
                data-testid="inv-progress"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('inv.info.title')} style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'decision',
                  label: t('inv.fields.decisionNo'),
                  children: s.decisionNo
                    ? `${s.decisionNo}${s.decisionDate ? ` ${t('inv.dated', { date: dateVn(s.decisionDate) })}` : ''}`
                    : '—',
                },
                {
                  key: 'scope',
                  label: t('inv.fields.scope'),
                  children: s.roomIds.length ? t('inv.roomsN', { n: s.roomIds.length }) : t('inv.allRooms'),
                },
                {
                  key: 'book',
                  label: t('inv.fields.book'),
                  children: `${t('inv.bookItems', { n: count(s.book.items), q: count(s.book.quantity) })}`,
                },
                { key: 'cost', label: t('inv.info.cost'), children: money(s.book.costVnd) },
                { key: 'remaining', label: t('inv.info.remaining'), children: money(s.book.remainingVnd) },
              ]}
            />
            <Typography.Text strong>{t('inv.create.board')}</Typography.Text>
            {s.members.length === 0 ? (
              <div>
                <Typography.Text type="secondary">{t('inv.info.noBoard')}</Typography.Text>
              </div>
            ) : (
              <ul style={{ paddingInlineStart: 18, margin: '4px 0 0' }} data-testid="inv-board">
                {s.members.map((m, i) => (
                  <li key={i}>
                    {m.name}
                    {m.title ? `, ${m.title}` : ''} —{' '}
                    <Typography.Text type="secondary">{t(`inv.roles.${m.role}`)}</Typography.Text>
                    {m.representing ? <Typography.Text type="secondary">{` (${m.representing})`}</Typography.Text> : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <CountFiles session={s} editor={editor} />
        </Col>
      </Row>
      {closing && <CloseSessionModal session={s} onClose={() => setClosing(false)} />}
    </div>
  );
}

/** Counting on several PCs: each exports its lines as a hashed JSON file; this PC merges them. */
function CountFiles({ session: s, editor }: { session: Stocktake; editor: boolean }) {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const { message, modal } = App.useApp();
  const refresh = useRefreshAssets();
  const [busy, setBusy] = useState<'export' | 'import' | null>(null);

  const exportCounts = async () => {
    setBusy('export');
    try {
      const file = await client.call('stocktake.exportCounts', { id: s.id });
      saveJson(file, `kiem-dem-${s.cutoffAt.slice(0, 10)}-${file.device || 'may'}.json`.replace(/[^\w.-]+/g, '-'));
      void message.success(t('inv.files.exported', { n: count(file.lines.length) }));
    } catch (err) {
      void message.error(errorText(err, t, i18n.language));
    } finally {
      setBusy(null);
    }
  };

  const merge = async (file: File) => {
    setBusy('import');
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        throw new Error(t('inv.files.notJson'));
      }
      const check = countFileSchema.safeParse(parsed);
      if (!check.success) throw new Error(t('inv.files.notCountFile'));
      const r = await client.call('stocktake.importCounts', { id: s.id, file: check.data });
      await refresh();
      modal.info({
        title: t('inv.files.mergedTitle'),
        content: (
          <div data-testid="inv-merge-result">
            <p>{t('inv.files.merged', { added: r.added, skipped: r.skipped })}</p>
            {r.rejected.length > 0 && (
              <>
                <p>{t('inv.files.rejected', { n: r.rejected.length })}</p>
                <ul>
                  {r.rejected.slice(0, 20).map((x) => (
                    <li key={x.id}>{x.reason}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ),
      });
    } catch (err) {
      void message.error(err instanceof Error && !('code' in err) ? err.message : errorText(err, t, i18n.language));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={t('inv.files.title')}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('inv.files.intro')}
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          loading={busy === 'export'}
          onClick={() => void exportCounts()}
          data-testid="inv-export-counts"
        >
          {t('inv.files.export')}
        </Button>
        {editor && s.status === 'counting' && (
          <Upload
            accept=".json,application/json"
            showUploadList={false}
            beforeUpload={(file) => {
              void merge(file);
              return false;
            }}
          >
            <Button icon={<MergeCellsOutlined aria-hidden />} loading={busy === 'import'} data-testid="inv-merge-counts">
              {t('inv.files.merge')}
            </Button>
          </Upload>
        )}
      </Flex>
    </Card>
  );
}
