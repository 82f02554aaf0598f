import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { passwordSchema, usernameSchema } from '../../../contract/schemas/user';
import type { Role } from '../../../contract/schemas/common';
import { useApiMutation } from '../../api/hooks';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../api/error-text';
import { roleOptions } from '../../labels';
import { requiredRule, sameAsRule, zodRule } from '../form-rules';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  confirm: string;
}

export function AddUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);

  const add = useApiMutation('users.add', {
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: ['users.list'] });
      void message.success(t('users.added', { name: user.displayName }));
      close();
    },
    onError: (err) => {
      const { applied, unmatched } = applyFieldErrors(form, err);
      setError(applied.length > 0 && unmatched.length === 0 ? null : [errorText(err, t, i18n.language), ...unmatched].join(' '));
    },
  });

  // The modal stays mounted (its form instance must too), so clear it for the next user.
  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    add.mutate({ username: v.username, displayName: v.displayName, role: v.role, password: v.password });
  };

  return (
    <Modal
      open={open}
      title={t('users.addTitle')}
      okText={t('common.add')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      onOk={() => void submit()}
      onCancel={close}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ role: 'viewer' }} data-testid="add-user-form">
        <Form.Item name="displayName" label={t('users.displayName')} rules={[requiredRule(t, 'users.displayName')]}>
          <Input maxLength={120} data-testid="add-user-display-name" />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[requiredRule(t, 'users.username'), zodRule(usernameSchema)]}
        >
          <Input maxLength={40} autoComplete="off" data-testid="add-user-username" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select<Role> options={roleOptions(t)} data-testid="add-user-role" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.password')}
          rules={[requiredRule(t, 'users.password'), zodRule(passwordSchema)]}
        >
          <Input.Password autoComplete="new-password" data-testid="add-user-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.passwordConfirm')}
          dependencies={['password']}
          rules={[requiredRule(t, 'users.passwordConfirm'), sameAsRule(t, 'password')]}
        >
          <Input.Password autoComplete="new-password" data-testid="add-user-confirm" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
