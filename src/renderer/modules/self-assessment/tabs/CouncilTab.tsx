import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Table,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CouncilDto, CouncilMemberDto, CouncilRoleDto, WorkingGroupDto } from '../../../../contract/schemas/assessment';
import { useApi } from '../../../api/ApiProvider';
import { applyFieldErrors } from '../../../api/form-errors';
import { useApiQuery } from '../../../api/hooks';
import { useIsAdmin } from '../../../boot/session';
import { COUNCIL_ROLES, LoadError, Loading, useErrorText, useInvalidate, useWorkspace } from '../shared';
import { CouncilCheckAlert } from './OverviewTab';

const COUNCIL_VIEWS = [
  'council.get',
  'assignment.list',
  'criterion.list',
  'assessment.get',
  'assessment.readiness',
  'plan.get',
] as const;

/** Hội đồng tự đánh giá: members (local accounts or names only) with their roles, working groups, and the framework's rule check. */
export function CouncilTab() {
  const { t } = useTranslation();
  const { assessment } = useWorkspace();
  const council = useApiQuery('council.get', { assessmentId: assessment.id });
  const [member, setMember] = useState<CouncilMemberDto | 'new' | null>(null);
  const [group, setGroup] = useState<WorkingGroupDto | 'new' | null>(null);
  const { client } = useApi();
  const { message } = App.useApp();
  const text = useErrorText();
  const invalidate = useInvalidate();

  if (council.isPending) return <Loading />;
  if (council.isError) return <LoadError error={council.error} />;
  const c = council.data;
  const groupName = new Map(c.groups.map((g) => [g.id, g.name]));
  const memberName = new Map(c.members.map((m) => [m.id, m.fullName]));
  const refresh = () => invalidate(...COUNCIL_VIEWS);

  const remove = async (kind: 'member' | 'group', id: string) => {
    try {
      await client.call(kind === 'member' ? 'council.removeMember' : 'council.removeGroup', { id });
      await refresh();
    } catch (err) {
      void message.error(text(err));
    }
  };

  return (
    <Flex vertical gap={12} data-testid="council">
      <CouncilCheckAlert check={c.check} />
      <Card
        size="small"
        title={t('sa.council.members', { count: c.members.length })}
        extra={
          c.canManage && (
            <Button
              type="primary"
              icon={<UserAddOutlined aria-hidden />}
              onClick={() => setMember('new')}
              data-testid="council-add-member"
            >
              {t('sa.council.addMember')}
            </Button>
          )
        }
      >
        <Table<CouncilMemberDto>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.members}
          locale={{ emptyText: t('sa.council.noMembers') }}
          onRow={(m) => ({ 'data-testid': `council-member-${m.fullName}` }) as never}
          columns={[
            { title: t('sa.council.no'), key: 'no', width: 48, render: (_, __, i) => i + 1 },
            {
              title: t('sa.council.fullName'),
              key: 'name',
              render: (_, m) => (
                <Flex gap={6} align="baseline" wrap>
                  <Typography.Text strong>{m.fullName}</Typography.Text>
                  {m.username ? (
                    <Tag color="blue" title={t('sa.council.accountHint')}>
                      {m.username}
                    </Tag>
                  ) : (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('sa.council.nameOnly')}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
            { title: t('sa.council.position'), dataIndex: 'position', width: 200 },
            {
              title: t('sa.council.role'),
              key: 'role',
              width: 130,
              render: (_, m) => (
                <Tag color={m.councilRole === 'member' ? 'default' : 'geekblue'}>{t(`sa.role.${m.councilRole}`)}</Tag>
              ),
            },
            {
              title: t('sa.council.group'),
              key: 'group',
              width: 160,
              render: (_, m) => (m.groupId ? groupName.get(m.groupId) : '—'),
            },
            { title: t('sa.council.duties'), dataIndex: 'duties', ellipsis: true },
            ...(c.canManage
              ? [
                  {
                    title: '',
                    key: 'actions',
                    width: 80,
                    render: (_: unknown, m: CouncilMemberDto) => (
                      <Flex gap={2}>
                        <Button
                          size="small"
                          type="text"
                          icon={<EditOutlined aria-hidden />}
                          aria-label={t('common.edit')}
                          onClick={() => setMember(m)}
                        />
                        <Popconfirm
                          title={t('sa.council.removeMemberConfirm', { name: m.fullName })}
                          onConfirm={() => void remove('member', m.id)}
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
      <Card
        size="small"
        title={t('sa.council.groups', { count: c.groups.length })}
        extra={
          c.canManage && (
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setGroup('new')}
              disabled={c.members.length === 0}
              data-testid="council-add-group"
            >
              {t('sa.council.addGroup')}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('sa.council.groupsHint')}
        </Typography.Paragraph>
        <Table<WorkingGroupDto>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.groups}
          locale={{ emptyText: t('sa.council.noGroups') }}
          columns={[
            { title: t('sa.council.groupName'), dataIndex: 'name', width: 220 },
            {
              title: t('sa.council.leader'),
              key: 'leader',
              width: 180,
              render: (_, g) => (g.leaderMemberId ? memberName.get(g.leaderMemberId) : '—'),
            },
            {
              title: t('sa.council.groupMembers'),
              key: 'members',
              render: (_, g) => g.memberIds.map((id) => memberName.get(id)).join(', ') || '—',
            },
            { title: t('sa.council.duties'), dataIndex: 'duties', ellipsis: true },
            ...(c.canManage
              ? [
                  {
                    title: '',
                    key: 'actions',
                    width: 80,
                    render: (_: unknown, g: WorkingGroupDto) => (
                      <Flex gap={2}>
                        <Button
                          size="small"
                          type="text"
                          icon={<EditOutlined aria-hidden />}
                          aria-label={t('common.edit')}
                          onClick={() => setGroup(g)}
                        />
                        <Popconfirm
                          title={t('sa.council.removeGroupConfirm', { name: g.name })}
                          onConfirm={() => void remove('group', g.id)}
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
      {member && (
        <MemberModal council={c} member={member === 'new' ? null : member} onClose={() => setMember(null)} onSaved={refresh} />
      )}
      {group && (
        <GroupModal council={c} group={group === 'new' ? null : group} onClose={() => setGroup(null)} onSaved={refresh} />
      )}
    </Flex>
  );
}

interface MemberValues {
  source: 'account' | 'name';
  userId?: string;
  fullName?: string;
  position?: string;
  councilRole: CouncilRoleDto;
  groupId?: string | null;
  duties?: string;
}

function MemberModal({
  council,
  member,
  onClose,
  onSaved,
}: {
  council: CouncilDto;
  member: CouncilMemberDto | null;
  onClose: () => void;
  onSaved: () => unknown;
}) {
  const { t } = useTranslation();
  const { client } = useApi();
  const isAdmin = useIsAdmin();
  const text = useErrorText();
  const [form] = Form.useForm<MemberValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only an administrator can list the accounts; others add members by name.
  const users = useApiQuery('users.list', {}, { enabled: isAdmin });
  const source = Form.useWatch('source', form);
  const taken = new Set(council.members.filter((m) => m.id !== member?.id && m.userId).map((m) => m.userId));

  const save = async () => {
    setError(null);
    const v = await form.validateFields();
    setBusy(true);
    try {
      await client.call('council.saveMember', {
        assessmentId: council.assessmentId,
        ...(member ? { id: member.id, expectedRev: member.rev } : {}),
        userId: v.source === 'account' ? (v.userId ?? null) : null,
        fullName: v.fullName?.trim() ?? '',
        position: v.position?.trim() ?? '',
        councilRole: v.councilRole,
        groupId: v.groupId ?? null,
        duties: v.duties?.trim() ?? '',
      });
      await onSaved();
      onClose();
    } catch (err) {
      const { unmatched } = applyFieldErrors(form, err as never);
      setError(unmatched.length > 0 || !(err as { fields?: object }).fields ? text(err) : null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={member ? t('sa.council.editMember') : t('sa.council.addMember')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('common.save')}
      okButtonProps={{ loading: busy, 'data-testid': 'member-save' } as ButtonProps}
      destroyOnHidden
      data-testid="member-modal"
    >
      <Form<MemberValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          source: member?.userId || (!member && isAdmin) ? 'account' : 'name',
          userId: member?.userId ?? undefined,
          fullName: member?.fullName ?? '',
          position: member?.position ?? '',
          councilRole: member?.councilRole ?? 'member',
          groupId: member?.groupId ?? null,
          duties: member?.duties ?? '',
        }}
      >
        <Form.Item name="source" label={t('sa.council.source')}>
          <Radio.Group
            data-testid="member-source"
            options={[
              { value: 'account', label: t('sa.council.fromAccount'), disabled: !isAdmin },
              { value: 'name', label: t('sa.council.fromName') },
            ]}
          />
        </Form.Item>
        {!isAdmin && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -12, fontSize: 12 }}>
            {t('sa.council.accountsAdminOnly')}
          </Typography.Paragraph>
        )}
        {source === 'account' && (
          <Form.Item
            name="userId"
            label={t('sa.council.account')}
            rules={[{ required: true, message: t('sa.council.accountRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="member-user"
              options={(users.data ?? [])
                .filter((u) => !u.disabled)
                .map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})`, disabled: taken.has(u.id) }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="fullName"
          label={t('sa.council.fullName')}
          extra={source === 'account' ? t('sa.council.fullNameFromAccount') : undefined}
          rules={source === 'name' ? [{ required: true, whitespace: true, message: t('sa.council.fullNameRequired') }] : []}
        >
          <Input maxLength={120} data-testid="member-name" />
        </Form.Item>
        <Form.Item name="position" label={t('sa.council.position')}>
          <Input maxLength={200} placeholder={t('sa.council.positionPlaceholder')} data-testid="member-position" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="councilRole" label={t('sa.council.role')} style={{ flex: 1 }}>
            <Select data-testid="member-role" options={COUNCIL_ROLES.map((r) => ({ value: r, label: t(`sa.role.${r}`) }))} />
          </Form.Item>
          <Form.Item name="groupId" label={t('sa.council.group')} style={{ flex: 1 }}>
            <Select
              allowClear
              data-testid="member-group"
              options={
                [
                  { value: null, label: t('sa.council.noGroup') },
                  ...council.groups.map((g) => ({ value: g.id, label: g.name })),
                ] as never
              }
            />
          </Form.Item>
        </Flex>
        <Form.Item name="duties" label={t('sa.council.duties')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} data-testid="member-error" />}
      </Form>
    </Modal>
  );
}

interface GroupValues {
  name: string;
  leaderMemberId?: string | null;
  memberIds: string[];
  duties?: string;
}

function GroupModal({
  council,
  group,
  onClose,
  onSaved,
}: {
  council: CouncilDto;
  group: WorkingGroupDto | null;
  onClose: () => void;
  onSaved: () => unknown;
}) {
  const { t } = useTranslation();
  const { client } = useApi();
  const text = useErrorText();
  const [form] = Form.useForm<GroupValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const options = council.members.map((m) => ({ value: m.id, label: m.fullName }));

  const save = async () => {
    setError(null);
    const v = await form.validateFields();
    setBusy(true);
    try {
      const saved = await client.call('council.saveGroup', {
        assessmentId: council.assessmentId,
        ...(group ? { id: group.id, expectedRev: group.rev } : {}),
        name: v.name.trim(),
        leaderMemberId: v.leaderMemberId ?? null,
        duties: v.duties?.trim() ?? '',
      });
      // Membership is each member's group: move in the chosen ones, move out the others.
      const wanted = new Set([...(v.memberIds ?? []), ...(v.leaderMemberId ? [v.leaderMemberId] : [])]);
      for (const m of council.members) {
        const inGroup = m.groupId === saved.id;
        if (wanted.has(m.id) !== inGroup && !(m.id === v.leaderMemberId && saved.memberIds.includes(m.id))) {
          await client.call('council.saveMember', {
            assessmentId: council.assessmentId,
            id: m.id,
            groupId: wanted.has(m.id) ? saved.id : null,
          });
        }
      }
      await onSaved();
      onClose();
    } catch (err) {
      const { unmatched } = applyFieldErrors(form, err as never);
      setError(unmatched.length > 0 || !(err as { fields?: object }).fields ? text(err) : null);
      await onSaved();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={group ? t('sa.council.editGroup') : t('sa.council.addGroup')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('common.save')}
      okButtonProps={{ loading: busy, 'data-testid': 'group-save' } as ButtonProps}
      destroyOnHidden
      data-testid="group-modal"
    >
      <Form<GroupValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          name: group?.name ?? '',
          leaderMemberId: group?.leaderMemberId ?? null,
          memberIds: group?.memberIds ?? [],
          duties: group?.duties ?? '',
        }}
      >
        <Form.Item
          name="name"
          label={t('sa.council.groupName')}
          rules={[{ required: true, whitespace: true, message: t('sa.council.groupNameRequired') }]}
        >
          <Input maxLength={200} placeholder={t('sa.council.groupNamePlaceholder')} data-testid="group-name" />
        </Form.Item>
        <Form.Item name="leaderMemberId" label={t('sa.council.leader')}>
          <Select allowClear options={options} data-testid="group-leader" />
        </Form.Item>
        <Form.Item name="memberIds" label={t('sa.council.groupMembers')}>
          <Select mode="multiple" options={options} data-testid="group-members" />
        </Form.Item>
        <Form.Item name="duties" label={t('sa.council.duties')}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={2000}
            placeholder={t('sa.council.groupDutiesPlaceholder')}
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
