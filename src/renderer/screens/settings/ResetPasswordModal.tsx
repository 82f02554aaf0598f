import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../contract/schemas/user';
import { passwordSchema } from '../../../contract/schemas/user';
import { useApiMutation } from '../../api/hooks';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../api/error-text';
import { requiredRule, sameAsRule, zodRule } from '../form-rules';

interface Values {
  password: string;
  confirm: string;
}

/** An admin sets a new password for a colleague who forgot theirs (no e-mail reset offline). */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reset = useApiMutation('users.resetPassword', {
    onSuccess: () => {
      void message.success(t('users.resetDone'));
      close();
    },
    onError: (err) => {
      const { applied } = applyFieldErrors(form, err);
      if (applied.length === 0) void message.error(errorText(err, t, i18n.language));
    },
  });
  // The modal stays mounted between users: a typed password must not carry over.
  const close = () => {
    form.resetFields();
    onClose();
  };

  const submit = async () => {
    if (!user) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    reset.mutate({ id: user.id, password: v.password });
  };
  return (
    <Modal
      open={user !== null}
      title={t('users.resetTitle', { name: user?.displayName ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      onOk={() => void submit()}
      onCancel={close}
      forceRender
    >
      <Form<Values> form={form} layout="vertical">
        <Form.Item
          name="password"
          label={t('users.password')}
          rules={[requiredRule(t, 'users.password'), zodRule(passwordSchema)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.passwordConfirm')}
          dependencies={['password']}
          rules={[requiredRule(t, 'users.passwordConfirm'), sameAsRule(t, 'password')]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
