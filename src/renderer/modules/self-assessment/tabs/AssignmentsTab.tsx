import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Modal, Select, Table, Tag, Typography, type ButtonProps } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { assignmentRowSchema } from '../../../../contract/schemas/assessment';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import { formatDate } from '../../../format/date';
import { LoadError, Loading, useErrorText, useInvalidate, useWorkspace } from '../shared';

type Row = z.infer<typeof assignmentRowSchema>;

/** Phân công: each criterion to council members and/or working groups, with a due date. */
export function AssignmentsTab() {
  const { t } = useTranslation();
  const { assessment, openCriterion } = useWorkspace();
  const list = useApiQuery('assignment.list', { assessmentId: assessment.id });
  const council = useApiQuery('council.get', { assessmentId: assessment.id });
  const [selected, setSelected] = useState<string[]>([]);
  const [editing, setEditing] = useState<string[] | null>(null);

  if (list.isPending || council.isPending) return <Loading />;
  if (list.isError) return <LoadError error={list.error} />;
  if (council.isError) return <LoadError error={council.error} />;
  const canManage = council.data.canManage;
  const unassigned = list.data.filter((r) => r.members.length + r.groups.length === 0).length;

  return (
    <Card
      size="small"
      title={t('sa.assign.title')}
      data-testid="assignments"
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<TeamOutlined aria-hidden />}
            disabled={selected.length === 0}
            onClick={() => setEditing(selected)}
            data-testid="assign-selected"
          >
            {t('sa.assign.assignSelected', { count: selected.length })}
          </Button>
        )
      }
    >
      {council.data.members.length === 0 ? (
        <Alert type="info" showIcon title={t('sa.assign.noCouncil')} style={{ marginBottom: 12 }} />
      ) : (
        unassigned > 0 && (
          <Alert type="warning" showIcon title={t('sa.assign.unassigned', { count: unassigned })} style={{ marginBottom: 12 }} />
        )
      )}
      <Table<Row>
        size="small"
        rowKey="criterionCode"
        pagination={false}
        dataSource={list.data}
        rowSelection={canManage ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined}
        onRow={(r) => ({ 'data-testid': `assign-row-${r.criterionCode}` }) as never}
        columns={[
          {
            title: t('sa.assign.criterion'),
            key: 'c',
            render: (_, r) => (
              <Flex gap={6} align="baseline">
                <Typography.Link strong onClick={() => openCriterion(r.criterionCode)} style={{ whiteSpace: 'nowrap' }}>
                  {r.criterionCode}
                </Typography.Link>
                <span>{r.title}</span>
              </Flex>
            ),
          },
          {
            title: t('sa.assign.assignees'),
            key: 'who',
            width: 320,
            render: (_, r) =>
              r.members.length + r.groups.length === 0 ? (
                <Typography.Text type="secondary">{t('sa.assign.none')}</Typography.Text>
              ) : (
                <Flex gap={4} wrap data-testid="assign-who">
                  {r.groups.map((g) => (
                    <Tag key={g.id} color="purple">
                      {g.name}
                    </Tag>
                  ))}
                  {r.members.map((m) => (
                    <Tag key={m.id}>{m.fullName}</Tag>
                  ))}
                </Flex>
              ),
          },
          { title: t('sa.assign.due'), key: 'due', width: 110, render: (_, r) => formatDate(r.dueDate) || '—' },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'edit',
                  width: 90,
                  render: (_: unknown, r: Row) => (
                    <Button
                      size="small"
                      onClick={() => setEditing([r.criterionCode])}
                      data-testid={`assign-edit-${r.criterionCode}`}
                    >
                      {t('sa.assign.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <AssignModal
          codes={editing}
          rows={list.data}
          members={council.data.members.map((m) => ({ value: m.id, label: `${m.fullName} — ${t(`sa.role.${m.councilRole}`)}` }))}
          groups={council.data.groups.map((g) => ({ value: g.id, label: g.name }))}
          onClose={(done) => {
            setEditing(null);
            if (done) setSelected([]);
          }}
        />
      )}
    </Card>
  );
}

function AssignModal({
  codes,
  rows,
  members,
  groups,
  onClose,
}: {
  codes: string[];
  rows: Row[];
  members: { value: string; label: string }[];
  groups: { value: string; label: string }[];
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const { assessment } = useWorkspace();
  const { message } = App.useApp();
  const text = useErrorText();
  const invalidate = useInvalidate();
  const set = useApiMutation('assignment.set');
  const [form] = Form.useForm<{ memberIds: string[]; groupIds: string[]; dueDate: Dayjs | null }>();
  const one = codes.length === 1 ? rows.find((r) => r.criterionCode === codes[0]) : undefined;

  const save = async () => {
    const v = await form.validateFields();
    try {
      await set.mutateAsync({
        assessmentId: assessment.id,
        criterionCodes: codes,
        memberIds: v.memberIds ?? [],
        groupIds: v.groupIds ?? [],
        dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
      });
      await invalidate('assignment.list', 'criterion.list', 'criterion.get', 'assessment.myWork');
      void message.success(t('sa.assign.saved', { count: codes.length }));
      onClose(true);
    } catch (err) {
      void message.error(text(err));
    }
  };

  return (
    <Modal
      open
      title={t('sa.assign.modalTitle', { codes: codes.join(', ') })}
      onCancel={() => onClose(false)}
      onOk={() => void save()}
      okText={t('common.save')}
      okButtonProps={{ loading: set.isPending, 'data-testid': 'assign-save' } as ButtonProps}
      destroyOnHidden
      data-testid="assign-modal"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          memberIds: one?.members.map((m) => m.id) ?? [],
          groupIds: one?.groups.map((g) => g.id) ?? [],
          dueDate: one?.dueDate ? dayjs(one.dueDate) : null,
        }}
      >
        {codes.length > 1 && <Alert type="info" showIcon title={t('sa.assign.replaceNote')} style={{ marginBottom: 12 }} />}
        <Form.Item name="groupIds" label={t('sa.assign.groups')}>
          <Select mode="multiple" options={groups} data-testid="assign-groups" />
        </Form.Item>
        <Form.Item name="memberIds" label={t('sa.assign.members')}>
          <Select mode="multiple" options={members} optionFilterProp="label" data-testid="assign-members" />
        </Form.Item>
        <Form.Item name="dueDate" label={t('sa.assign.due')}>
          <DatePicker format="DD/MM/YYYY" style={{ width: 180 }} data-testid="assign-due" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
