import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Collapse, Empty, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { CheckOutlined, DeleteOutlined, EditOutlined, PlusOutlined, PullRequestOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type {
  ImprovementItemDto,
  improvementIssueSchema,
  improvementMonitoringSchema,
} from '../../../../contract/schemas/assessment';
import { useApi } from '../../../api/ApiProvider';
import { useApiQuery } from '../../../api/hooks';
import { formatDate } from '../../../format/date';
import { LoadError, Loading, useErrorText, useInvalidate, useWorkspace } from '../shared';
import { RecordModal, type FieldSpec } from './RecordModal';

type Issue = z.infer<typeof improvementIssueSchema>;
type Monitoring = z.infer<typeof improvementMonitoringSchema>;
const PROGRESS = ['not_started', 'in_progress', 'done', 'not_done'] as const;
const PROGRESS_COLORS: Record<(typeof PROGRESS)[number], string> = {
  not_started: 'default',
  in_progress: 'processing',
  done: 'green',
  not_done: 'red',
};
const CHECKPOINTS = ['end_term1', 'end_year'] as const;

type Editing =
  | { kind: 'issue'; row: Issue | null }
  | { kind: 'item'; row: ImprovementItemDto | null }
  | { kind: 'monitoring'; row: Monitoring | null; checkpoint: (typeof CHECKPOINTS)[number] };

/**
 * Kế hoạch cải tiến chất lượng (Biểu 2): the focus issues taken from the weaknesses the council
 * wrote, the plan table with its ten columns, and the monitoring at the end of term I and of the
 * school year.
 */
export function ImprovementTab() {
  const { t } = useTranslation();
  const { assessment, framework } = useWorkspace();
  const { client } = useApi();
  const { message } = App.useApp();
  const text = useErrorText();
  const invalidate = useInvalidate();
  const plan = useApiQuery('improvement.get', { assessmentId: assessment.id });
  const council = useApiQuery('council.get', { assessmentId: assessment.id });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [pulling, setPulling] = useState(false);

  if (plan.isPending) return <Loading />;
  if (plan.isError) return <LoadError error={plan.error} />;
  const p = plan.data;
  const can = p.canManage;
  const refresh = () => invalidate('improvement.get', 'assessment.readiness', 'assessment.myWork');
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      await refresh();
    } catch (err) {
      void message.error(text(err));
    }
  };
  const issueLabel = (i: Issue) =>
    `${t('sa.criteria.standard', { code: i.standardCode })}: ${i.weakness.slice(0, 60)}${i.weakness.length > 60 ? '…' : ''}`;
  const actions = (onEdit: () => void, onRemove: () => void, confirm?: () => void) =>
    can && (
      <Flex gap={2}>
        {confirm && (
          <Button
            size="small"
            type="text"
            icon={<CheckOutlined aria-hidden />}
            title={t('sa.editor.confirm')}
            aria-label={t('sa.editor.confirm')}
            onClick={confirm}
          />
        )}
        <Button size="small" type="text" icon={<EditOutlined aria-hidden />} aria-label={t('common.edit')} onClick={onEdit} />
        <Popconfirm title={t('sa.improve.removeConfirm')} onConfirm={onRemove}>
          <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('common.remove')} />
        </Popconfirm>
      </Flex>
    );

  const issueFields: FieldSpec[] = [
    {
      name: 'standardCode',
      label: t('sa.improve.standard'),
      kind: 'select',
      options: framework.standards.map((s) => ({ value: s.code, label: `${s.code}. ${s.title}` })),
    },
    {
      name: 'criterionCodes',
      label: t('sa.improve.criteria'),
      kind: 'select',
      multiple: true,
      options: framework.standards.flatMap((s) => s.criteria.map((c) => ({ value: c.code, label: `${c.code}. ${c.title}` }))),
    },
    { name: 'currentState', label: t('sa.improve.currentState'), kind: 'area' },
    { name: 'weakness', label: t('sa.improve.weakness'), kind: 'area', required: true },
    { name: 'cause', label: t('sa.improve.cause'), kind: 'area' },
  ];
  const itemFields: FieldSpec[] = [
    {
      name: 'issueId',
      label: t('sa.improve.issue'),
      kind: 'select',
      allowClear: true,
      options: p.issues.map((i) => ({ value: i.id, label: issueLabel(i) })),
    },
    { name: 'content', label: t('sa.improve.col.content'), kind: 'area', required: true },
    { name: 'goal', label: t('sa.improve.col.goal'), kind: 'area' },
    { name: 'actions', label: t('sa.improve.col.actions'), kind: 'area', rows: 3 },
    { name: 'indicator', label: t('sa.improve.col.indicator'), kind: 'area' },
    { name: 'timeframe', label: t('sa.improve.col.timeframe'), kind: 'text', placeholder: t('sa.improve.timeframePlaceholder') },
    { name: 'startDate', label: t('sa.improve.startDate'), kind: 'date' },
    { name: 'dueDate', label: t('sa.improve.dueDate'), kind: 'date' },
    { name: 'owner', label: t('sa.improve.col.owner'), kind: 'text' },
    {
      name: 'ownerMemberId',
      label: t('sa.improve.ownerMember'),
      kind: 'select',
      allowClear: true,
      options: (council.data?.members ?? []).map((m) => ({ value: m.id, label: m.fullName })),
    },
    { name: 'resources', label: t('sa.improve.col.resources'), kind: 'area' },
    { name: 'expectedEvidence', label: t('sa.improve.col.expectedEvidence'), kind: 'area' },
    {
      name: 'progress',
      label: t('sa.improve.col.progress'),
      kind: 'select',
      options: PROGRESS.map((x) => ({ value: x, label: t(`sa.improve.progress.${x}`) })),
    },
    { name: 'progressNote', label: t('sa.improve.progressNote'), kind: 'area' },
  ];
  const monitoringFields: FieldSpec[] = [
    {
      name: 'itemId',
      label: t('sa.improve.item'),
      kind: 'select',
      allowClear: true,
      options: p.items.map((i, n) => ({ value: i.id, label: `${n + 1}. ${i.content.slice(0, 70)}` })),
    },
    { name: 'content', label: t('sa.improve.mon.content'), kind: 'area', required: true },
    { name: 'result', label: t('sa.improve.mon.result'), kind: 'area' },
    { name: 'adjustment', label: t('sa.improve.mon.adjustment'), kind: 'area' },
    { name: 'reviewer', label: t('sa.improve.mon.reviewer'), kind: 'text' },
    { name: 'reviewedOn', label: t('sa.improve.mon.reviewedOn'), kind: 'date' },
  ];

  const col = (key: string, n: number, render: (i: ImprovementItemDto) => ReactNode, width = 160) => ({
    title: (
      <span>
        {t(`sa.improve.col.${key}`)}
        <br />
        <Typography.Text type="secondary" style={{ fontSize: 11, fontWeight: 400 }}>
          ({n})
        </Typography.Text>
      </span>
    ),
    key,
    width,
    render: (_: unknown, i: ImprovementItemDto) => render(i),
  });

  return (
    <Flex vertical gap={12} data-testid="improvement">
      {p.suggestions.length > 0 && can && (
        <Alert
          type="info"
          showIcon
          title={t('sa.improve.suggestions', { count: p.suggestions.length })}
          description={p.suggestions.map((s) => t('sa.criteria.standard', { code: s.scopeCode })).join(', ')}
          action={
            <Button
              size="small"
              icon={<PullRequestOutlined aria-hidden />}
              loading={pulling}
              onClick={async () => {
                setPulling(true);
                await run(() => client.call('improvement.pullIssues', { assessmentId: assessment.id }));
                setPulling(false);
              }}
              data-testid="improve-pull"
            >
              {t('sa.improve.pull')}
            </Button>
          }
        />
      )}
      <Card
        size="small"
        title={t('sa.improve.issues')}
        extra={
          can && (
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ kind: 'issue', row: null })}>
              {t('sa.improve.addIssue')}
            </Button>
          )
        }
      >
        <Table<Issue>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={p.issues}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sa.improve.noIssues')} /> }}
          columns={[
            {
              title: t('sa.improve.standard'),
              key: 's',
              width: 110,
              render: (_, i) => t('sa.criteria.standard', { code: i.standardCode }),
            },
            { title: t('sa.improve.criteria'), key: 'c', width: 110, render: (_, i) => i.criterionCodes.join(', ') || '—' },
            { title: t('sa.improve.currentState'), dataIndex: 'currentState' },
            {
              title: t('sa.improve.weakness'),
              key: 'w',
              render: (_, i) => (
                <>
                  {i.weakness} {i.needsConfirmation && <Tag color="orange">{t('sa.editor.needsConfirmation')}</Tag>}
                </>
              ),
            },
            { title: t('sa.improve.cause'), dataIndex: 'cause' },
            {
              title: '',
              key: 'a',
              width: 100,
              render: (_, i) =>
                actions(
                  () => setEditing({ kind: 'issue', row: i }),
                  () => void run(() => client.call('improvement.removeIssue', { id: i.id })),
                  i.needsConfirmation
                    ? () =>
                        void run(() =>
                          client.call('improvement.saveIssue', {
                            assessmentId: assessment.id,
                            id: i.id,
                            expectedRev: i.rev,
                            confirm: true,
                          }),
                        )
                    : undefined,
                ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('sa.improve.plan')}
        extra={
          can && (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setEditing({ kind: 'item', row: null })}
              data-testid="improve-add-item"
            >
              {t('sa.improve.addItem')}
            </Button>
          )
        }
      >
        <Table<ImprovementItemDto>
          size="small"
          rowKey="id"
          bordered
          pagination={false}
          dataSource={p.items}
          scroll={{ x: 1500 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sa.improve.noItems')} /> }}
          onRow={(i) => ({ 'data-testid': `improve-item-${i.sortOrder}` }) as never}
          columns={[
            col('no', 1, (i) => p.items.indexOf(i) + 1, 48),
            col(
              'content',
              2,
              (i) => (
                <>
                  {i.content} {i.needsConfirmation && <Tag color="orange">{t('sa.editor.needsConfirmation')}</Tag>}
                </>
              ),
              200,
            ),
            col('goal', 3, (i) => i.goal),
            col('actions', 4, (i) => i.actions, 220),
            col('indicator', 5, (i) => i.indicator),
            col(
              'timeframe',
              6,
              (i) => (
                <>
                  {i.timeframe ||
                    (i.startDate || i.dueDate ? `${formatDate(i.startDate) || '…'} – ${formatDate(i.dueDate) || '…'}` : '—')}
                  {i.overdue && (
                    <Tag color="red" style={{ marginTop: 4 }}>
                      {t('sa.plan.late')}
                    </Tag>
                  )}
                </>
              ),
              130,
            ),
            col('owner', 7, (i) => i.owner, 140),
            col('resources', 8, (i) => i.resources),
            col('expectedEvidence', 9, (i) => i.expectedEvidence),
            col(
              'progress',
              10,
              (i) => <Tag color={PROGRESS_COLORS[i.progress]}>{t(`sa.improve.progress.${i.progress}`)}</Tag>,
              120,
            ),
            {
              title: '',
              key: 'a',
              width: 100,
              fixed: 'right' as const,
              render: (_: unknown, i: ImprovementItemDto) =>
                actions(
                  () => setEditing({ kind: 'item', row: i }),
                  () => void run(() => client.call('improvement.removeItem', { id: i.id })),
                  i.needsConfirmation
                    ? () =>
                        void run(() =>
                          client.call('improvement.saveItem', {
                            assessmentId: assessment.id,
                            id: i.id,
                            expectedRev: i.rev,
                            confirm: true,
                          }),
                        )
                    : undefined,
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('sa.improve.monitoring')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('sa.improve.monitoringHint')}
        </Typography.Paragraph>
        {CHECKPOINTS.map((cp) => (
          <div key={cp} style={{ marginBottom: 12 }}>
            <Flex justify="space-between" align="center" style={{ marginBottom: 6 }}>
              <Typography.Text strong>{t(`sa.improve.checkpoint.${cp}`)}</Typography.Text>
              {can && (
                <Button
                  size="small"
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => setEditing({ kind: 'monitoring', row: null, checkpoint: cp })}
                >
                  {t('sa.improve.addMonitoring')}
                </Button>
              )}
            </Flex>
            <Table<Monitoring>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={p.monitoring.filter((m) => m.checkpoint === cp)}
              locale={{ emptyText: t('sa.improve.noMonitoring') }}
              columns={[
                { title: t('sa.improve.mon.content'), dataIndex: 'content' },
                { title: t('sa.improve.mon.result'), dataIndex: 'result' },
                { title: t('sa.improve.mon.adjustment'), dataIndex: 'adjustment' },
                { title: t('sa.improve.mon.reviewer'), dataIndex: 'reviewer', width: 150 },
                { title: t('sa.improve.mon.reviewedOn'), key: 'd', width: 110, render: (_, m) => formatDate(m.reviewedOn) },
                {
                  title: '',
                  key: 'a',
                  width: 80,
                  render: (_, m) =>
                    actions(
                      () => setEditing({ kind: 'monitoring', row: m, checkpoint: cp }),
                      () => void run(() => client.call('improvement.removeMonitoring', { id: m.id })),
                    ),
                },
              ]}
            />
          </div>
        ))}
      </Card>
      {p.previous && p.previous.items.length > 0 && (
        <Collapse
          size="small"
          items={[
            {
              key: 'prev',
              label: t('sa.improve.previous', { year: p.previous.schoolYear, count: p.previous.items.length }),
              children: (
                <Table<ImprovementItemDto>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={p.previous.items}
                  columns={[
                    { title: t('sa.improve.col.content'), dataIndex: 'content' },
                    { title: t('sa.improve.col.owner'), dataIndex: 'owner', width: 160 },
                    {
                      title: t('sa.improve.col.progress'),
                      key: 'p',
                      width: 140,
                      render: (_, i) => t(`sa.improve.progress.${i.progress}`),
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      )}

      {editing?.kind === 'issue' && (
        <RecordModal
          title={editing.row ? t('sa.improve.editIssue') : t('sa.improve.addIssue')}
          fields={issueFields}
          testId="issue-modal"
          initial={{
            standardCode: editing.row?.standardCode ?? framework.standards[0]?.code,
            criterionCodes: editing.row?.criterionCodes ?? [],
            currentState: editing.row?.currentState ?? '',
            weakness: editing.row?.weakness ?? '',
            cause: editing.row?.cause ?? '',
          }}
          onSave={async (v) => {
            await client.call('improvement.saveIssue', {
              assessmentId: assessment.id,
              ...(editing.row ? { id: editing.row.id, expectedRev: editing.row.rev } : {}),
              ...(v as object),
            });
            await refresh();
          }}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.kind === 'item' && (
        <RecordModal
          title={editing.row ? t('sa.improve.editItem') : t('sa.improve.addItem')}
          fields={itemFields}
          testId="item-modal"
          width={760}
          initial={{
            issueId: editing.row?.issueId ?? null,
            content: editing.row?.content ?? '',
            goal: editing.row?.goal ?? '',
            actions: editing.row?.actions ?? '',
            indicator: editing.row?.indicator ?? '',
            timeframe: editing.row?.timeframe ?? '',
            startDate: editing.row?.startDate ?? null,
            dueDate: editing.row?.dueDate ?? null,
            owner: editing.row?.owner ?? '',
            ownerMemberId: editing.row?.ownerMemberId ?? null,
            resources: editing.row?.resources ?? '',
            expectedEvidence: editing.row?.expectedEvidence ?? '',
            progress: editing.row?.progress ?? 'not_started',
            progressNote: editing.row?.progressNote ?? '',
          }}
          onSave={async (v) => {
            await client.call('improvement.saveItem', {
              assessmentId: assessment.id,
              ...(editing.row ? { id: editing.row.id, expectedRev: editing.row.rev } : {}),
              ...(v as object),
            });
            await refresh();
          }}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.kind === 'monitoring' && (
        <RecordModal
          title={t(`sa.improve.checkpoint.${editing.checkpoint}`)}
          fields={monitoringFields}
          testId="monitoring-modal"
          initial={{
            itemId: editing.row?.itemId ?? null,
            content: editing.row?.content ?? '',
            result: editing.row?.result ?? '',
            adjustment: editing.row?.adjustment ?? '',
            reviewer: editing.row?.reviewer ?? '',
            reviewedOn: editing.row?.reviewedOn ?? null,
          }}
          onSave={async (v) => {
            await client.call('improvement.saveMonitoring', {
              assessmentId: assessment.id,
              checkpoint: editing.checkpoint,
              ...(editing.row ? { id: editing.row.id, expectedRev: editing.row.rev } : {}),
              ...(v as object),
            });
            await refresh();
          }}
          onClose={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}
