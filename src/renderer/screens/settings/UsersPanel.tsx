import { useState } from 'react';
import { App, Button, Flex, Select, Switch, Table, Tag, Tooltip } from 'antd';
import { KeyOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../contract/schemas/user';
import type { Role } from '../../../contract/schemas/common';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { errorText } from '../../api/error-text';
import { useCurrentUser } from '../../boot/session';
import { formatDate } from '../../format/date';
import { roleOptions } from '../../labels';
import { AddUserModal } from './AddUserModal';
import { ResetPasswordModal } from './ResetPasswordModal';

export function UsersPanel() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const users = useApiQuery('users.list', {});
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);

  const update = useApiMutation('users.update', {
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users.list'] });
      void message.success(t('users.updated'));
    },
    onError: (err) => void message.error(errorText(err, t, i18n.language)),
  });

  return (
    <>
      <Flex justify="end" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="users-add">
          {t('users.add')}
        </Button>
      </Flex>
      <Table<User>
        data-testid="users-table"
        rowKey="id"
        size="middle"
        loading={users.isPending || update.isPending}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { key: 'username', title: t('users.username'), dataIndex: 'username' },
          {
            key: 'displayName',
            title: t('users.displayName'),
            render: (_v, u) => (
              <>
                {u.displayName} {u.id === me.id && <Tag>{t('users.you')}</Tag>}
              </>
            ),
          },
          {
            key: 'role',
            title: t('users.role'),
            render: (_v, u) => (
              // Changing one's own role or status could lock the last admin out; the server
              // checks this too, the UI just does not offer it.
              <Tooltip title={u.id === me.id ? t('users.selfHint') : undefined}>
                <Select<Role>
                  value={u.role}
                  options={roleOptions(t)}
                  style={{ width: 200 }}
                  disabled={u.id === me.id}
                  aria-label={`${t('users.role')} ${u.username}`}
                  onChange={(role) => update.mutate({ id: u.id, role })}
                />
              </Tooltip>
            ),
          },
          {
            key: 'status',
            title: t('users.status'),
            render: (_v, u) => (
              <Switch
                checked={!u.disabled}
                disabled={u.id === me.id}
                checkedChildren={t('users.active')}
                unCheckedChildren={t('users.disabled')}
                aria-label={`${t('users.status')} ${u.username}`}
                onChange={(active) => update.mutate({ id: u.id, disabled: !active })}
              />
            ),
          },
          { key: 'createdAt', title: t('users.createdAt'), render: (_v, u) => formatDate(u.createdAt) },
          {
            key: 'actions',
            title: t('users.actions'),
            render: (_v, u) => (
              <Button icon={<KeyOutlined />} size="small" onClick={() => setResetting(u)}>
                {t('users.resetPassword')}
              </Button>
            ),
          },
        ]}
      />
      <AddUserModal open={adding} onClose={() => setAdding(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
