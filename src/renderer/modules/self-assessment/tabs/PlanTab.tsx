import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import {
  CalendarOutlined,
  CheckOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PlanTaskDto } from '../../../../contract/schemas/assessment';
import { useApi } from '../../../api/ApiProvider';
import { useApiQuery } from '../../../api/hooks';
import { formatDate } from '../../../format/date';
import { LoadError, Loading, useErrorText, useInvalidate, useWorkspace } from '../shared';

const STATUSES = ['todo', 'in_progress', 'done', 'cancelled'] as const;
const STATUS_COLORS: Record<(typeof STATUSES)[number], string> = {
  todo: 'default',
  in_progress: 'processing',
  done: 'green',
  cancelled: 'default',
};

/** Kế hoạch tự đánh giá: tasks with owner, dates and status; the framework's calendar. */
export function PlanTab() {
  const { t } = useTranslation();
  const { assessment } = useWorkspace();
  const { client } = useApi();
  const { message } = App.useApp();
  const text = useErrorText();
  const invalidate = useInvalidate();
  const plan = useApiQuery('plan.get', { assessmentId: assessment.id });
  const council = useApiQuery('council.get', { assessmentId: assessment.id });
  const [editing, setEditing] = useState<PlanTaskDto | 'new' | null>(null);
  const [busy, setBusy] = useState(false);

  if (plan.isPending) return <Loading />;
  if (plan.isError) return <LoadError error={plan.error} />;
  const p = plan.data;
  const memberName = new Map((council.data?.members ?? []).map((m) => [m.id, m.fullName]));
  const refresh = () => invalidate('plan.get', 'assessment.myWork', 'assessment.readiness');

  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      await refresh();
    } catch (err) {
      void message.error(text(err));
    }
  };

  return (
    <Flex vertical gap={12} data-testid="plan">
      {p.overdue > 0 && <Alert type="warning" showIcon title={t('sa.plan.overdue', { count: p.overdue })} />}
      <Card
        size="small"
        title={t('sa.plan.tasks')}
        extra={
          p.canManage && (
            <Flex gap={8}>
              <Button
                icon={<UnorderedListOutlined aria-hidden />}
                loading={busy}
                onClick={async () => {
                  setBusy(true);
                  await run(() => client.call('plan.addDefaultTasks', { assessmentId: assessment.id }));
                  setBusy(false);
                }}
                data-testid="plan-defaults"
              >
                {t('sa.plan.addDefaults')}
              </Button>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')} data-testid="plan-add">
                {t('sa.plan.add')}
              </Button>
            </Flex>
          )
        }
      >
        <Table<PlanTaskDto>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={p.tasks}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sa.plan.empty')} /> }}
          onRow={(x) => ({ 'data-testid': `plan-task-${x.sortOrder}` }) as never}
          columns={[
            { title: t('sa.council.no'), key: 'no', width: 44, render: (_, __, i) => i + 1 },
            {
              title: t('sa.plan.task'),
              key: 'title',
              render: (_, x) => (
                <Flex vertical>
                  <Flex gap={6} align="baseline" wrap>
                    <Typography.Text
                      strong={x.overdue}
                      type={x.status === 'cancelled' ? 'secondary' : undefined}
                      delete={x.status === 'cancelled'}
                    >
                      {x.title}
                    </Typography.Text>
                    {x.needsConfirmation && <Tag color="orange">{t('sa.editor.needsConfirmation')}</Tag>}
                    {x.overdue && <Tag color="red">{t('sa.plan.late')}</Tag>}
                  </Flex>
                  {x.details && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {x.details}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
            {
              title: t('sa.plan.owner'),
              key: 'owner',
              width: 180,
              render: (_, x) => (x.ownerMemberId ? memberName.get(x.ownerMemberId) : x.ownerName) || '—',
            },
            {
              title: t('sa.plan.dates'),
              key: 'dates',
              width: 170,
              render: (_, x) =>
                x.startDate || x.dueDate ? `${formatDate(x.startDate) || '…'} – ${formatDate(x.dueDate) || '…'}` : '—',
            },
            {
              title: t('sa.plan.status'),
              key: 'status',
              width: 150,
              render: (_, x) =>
                p.canManage ? (
                  <Select
                    size="small"
                    value={x.status}
                    style={{ width: 140 }}
                    onChange={(status) =>
                      void run(() =>
                        client.call('plan.saveTask', { assessmentId: assessment.id, id: x.id, expectedRev: x.rev, status }),
                      )
                    }
                    options={STATUSES.map((s) => ({ value: s, label: t(`sa.plan.statuses.${s}`) }))}
                  />
                ) : (
                  <Tag color={STATUS_COLORS[x.status]}>{t(`sa.plan.statuses.${x.status}`)}</Tag>
                ),
            },
            ...(p.canManage
              ? [
                  {
                    title: '',
                    key: 'actions',
                    width: 110,
                    render: (_: unknown, x: PlanTaskDto) => (
                      <Flex gap={2}>
                        {x.needsConfirmation && (
                          <Button
                            size="small"
                            type="text"
                            icon={<CheckOutlined aria-hidden />}
                            aria-label={t('sa.editor.confirm')}
                            title={t('sa.editor.confirm')}
                            onClick={() =>
                              void run(() =>
                                client.call('plan.saveTask', {
                                  assessmentId: assessment.id,
                                  id: x.id,
                                  expectedRev: x.rev,
                                  confirm: true,
                                }),
                              )
                            }
                          />
                        )}
                        <Button
                          size="small"
                          type="text"
                          icon={<EditOutlined aria-hidden />}
                          aria-label={t('common.edit')}
                          onClick={() => setEditing(x)}
                        />
                        <Popconfirm
                          title={t('sa.plan.removeConfirm')}
                          onConfirm={() => void run(() => client.call('plan.removeTask', { id: x.id }))}
                        >
                          <Button
                            size="small"
                            type="text"
                            danger
                            icon={<DeleteOutlined aria-hidden />}
                            aria-label={t('common.remove')}
                          />
                        </Popconfirm>
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('sa.plan.calendar')}>
        {p.calendar.length === 0 ? (
          <Typography.Text type="secondary">{t('sa.overview.noDeadlines')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={p.calendar}
            renderItem={(c) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Flex gap={8} align="baseline">
                  <CalendarOutlined aria-hidden style={{ color: '#1d4f91' }} />
                  <Typography.Text strong>{formatDate(c.date)}</Typography.Text>
                  <span>{c.label}</span>
                  <Tag>{t(`sa.plan.actor.${c.actor}`)}</Tag>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      {editing && (
        <TaskModal
          task={editing === 'new' ? null : editing}
          members={(council.data?.members ?? []).map((m) => ({ value: m.id, label: m.fullName }))}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
    </Flex>
  );
}

interface TaskValues {
  title: string;
  details?: string;
  ownerMemberId?: string | null;
  ownerName?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
  status: PlanTaskDto['status'];
}

function TaskModal({
  task,
  members,
  onClose,
  onSaved,
}: {
  task: PlanTaskDto | null;
  members: { value: string; label: string }[];
  onClose: () => void;
  onSaved: () => unknown;
}) {
  const { t } = useTranslation();
  const { assessment } = useWorkspace();
  const { client } = useApi();
  const text = useErrorText();
  const [form] = Form.useForm<TaskValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await client.call('plan.saveTask', {
        assessmentId: assessment.id,
        ...(task ? { id: task.id, expectedRev: task.rev } : {}),
        title: v.title.trim(),
        details: v.details?.trim() ?? '',
        ownerMemberId: v.ownerMemberId ?? null,
        ownerName: v.ownerName?.trim() ?? '',
        startDate: v.dates?.[0]?.format('YYYY-MM-DD') ?? null,
        dueDate: v.dates?.[1]?.format('YYYY-MM-DD') ?? null,
        status: v.status,
      });
      await onSaved();
      onClose();
    } catch (err) {
      setError(text(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={task ? t('sa.plan.edit') : t('sa.plan.add')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('common.save')}
      okButtonProps={{ loading: busy, 'data-testid': 'task-save' } as ButtonProps}
      destroyOnHidden
      width={620}
    >
      <Form<TaskValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          title: task?.title ?? '',
          details: task?.details ?? '',
          ownerMemberId: task?.ownerMemberId ?? null,
          ownerName: task?.ownerName ?? '',
          dates: task ? [task.startDate ? dayjs(task.startDate) : null, task.dueDate ? dayjs(task.dueDate) : null] : null,
          status: task?.status ?? 'todo',
        }}
      >
        <Form.Item
          name="title"
          label={t('sa.plan.task')}
          rules={[{ required: true, whitespace: true, message: t('sa.plan.titleRequired') }]}
        >
          <Input maxLength={300} data-testid="task-title" />
        </Form.Item>
        <Form.Item name="details" label={t('sa.plan.details')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="ownerMemberId" label={t('sa.plan.ownerMember')} style={{ flex: 1 }}>
            <Select allowClear options={members} />
          </Form.Item>
          <Form.Item name="ownerName" label={t('sa.plan.ownerName')} style={{ flex: 1 }}>
            <Input maxLength={120} placeholder={t('sa.plan.ownerNamePlaceholder')} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="dates" label={t('sa.plan.dates')} style={{ flex: 1 }}>
            <DatePicker.RangePicker format="DD/MM/YYYY" allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="status" label={t('sa.plan.status')} style={{ width: 180 }}>
            <Select options={STATUSES.map((s) => ({ value: s, label: t(`sa.plan.statuses.${s}`) }))} />
          </Form.Item>
        </Flex>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
