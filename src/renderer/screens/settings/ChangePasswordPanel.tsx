import { useState } from 'react';
import { Alert, App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { passwordSchema } from '../../../contract/schemas/user';
import { useApiMutation } from '../../api/hooks';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../api/error-text';
import { requiredRule, sameAsRule, zodRule } from '../form-rules';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordPanel() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const change = useApiMutation('auth.changePassword', {
    onSuccess: () => {
      form.resetFields();
      void message.success(t('changePassword.done'));
    },
    onError: (err) => {
      const { applied } = applyFieldErrors(form, err);
      // A wrong current password may come without a field; put it where the user looks.
      if (applied.length === 0 && (err.code === 'UNAUTHENTICATED' || err.code === 'VALIDATION')) {
        form.setFields([{ name: 'currentPassword', errors: [errorText(err, t, i18n.language)] }]);
        setError(null);
      } else {
        setError(applied.length > 0 ? null : errorText(err, t, i18n.language));
      }
    },
  });
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      style={{ maxWidth: 420 }}
      data-testid="change-password"
      onFinish={(v) => {
        setError(null);
        change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      }}
    >
      <Form.Item name="currentPassword" label={t('changePassword.current')} rules={[requiredRule(t, 'changePassword.current')]}>
        <Input.Password autoComplete="current-password" data-testid="cp-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('changePassword.new')}
        rules={[requiredRule(t, 'changePassword.new'), zodRule(passwordSchema)]}
      >
        <Input.Password autoComplete="new-password" data-testid="cp-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('changePassword.confirm')}
        dependencies={['newPassword']}
        rules={[requiredRule(t, 'changePassword.confirm'), sameAsRule(t, 'newPassword')]}
      >
        <Input.Password autoComplete="new-password" data-testid="cp-confirm" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="cp-submit">
        {t('changePassword.submit')}
      </Button>
    </Form>
  );
}
