import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/error-text';
import { applyFieldErrors } from '../../api/form-errors';
import { useApiMutation } from '../../api/hooks';
import { useCurrentUser } from '../../boot/session';
import { useReviewStatus } from './shared';

interface Values {
  serverUrl: string;
  username: string;
  password: string;
}

/**
 * "Kết nối máy trạm thẩm định": logs this computer in to the department server with an
 * inspector's or a department admin's account (review.setup, local admin only). The school's own
 * data on this computer is untouched; the session token stays in the backend.
 */
export function SetupCard({ again = false, onDone }: { again?: boolean; onDone?: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  // A department workstation has no school data to reassure about.
  const workstation = useReviewStatus().data?.workstation === true;
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);

  const setup = useApiMutation('review.setup', {
    onSuccess: (res) => {
      setError(null);
      form.resetFields(['password']);
      void message.success(t('rv.setup.done', { name: res.account?.displayName ?? '' }));
      void queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('review.') });
      onDone?.();
    },
    onError: (err) => {
      const { applied, unmatched } = applyFieldErrors(form, err);
      setError(applied.length > 0 && unmatched.length === 0 ? null : [errorText(err, t, i18n.language), ...unmatched].join(' '));
    },
  });

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    setup.mutate(v);
  };

  return (
    <Card
      data-testid="rv-setup"
      title={
        <span>
          <SafetyCertificateOutlined aria-hidden /> {again ? t('rv.setup.againTitle') : t('rv.setup.title')}
        </span>
      }
      style={{ maxWidth: 720, marginBottom: 16 }}
    >
      <p style={{ marginTop: 0 }}>{t('rv.setup.intro')}</p>
      {!workstation && (
        <Alert
          type="info"
          showIcon
          title={t('rv.setup.unaffected')}
          style={{ marginBottom: 16 }}
          data-testid="rv-setup-unaffected"
        />
      )}
      {user.role !== 'admin' ? (
        <Alert data-testid="rv-setup-admin-only" type="warning" showIcon title={t('rv.setup.adminOnly')} />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} requiredMark>
          <Form.Item
            name="serverUrl"
            label={t('rv.setup.serverUrl')}
            rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập địa chỉ máy chủ của Sở' }]}
          >
            <Input data-testid="rv-setup-url" placeholder="https://" autoComplete="url" />
          </Form.Item>
          <Form.Item
            name="username"
            label={t('rv.setup.username')}
            extra={t('rv.setup.usernameHint')}
            rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập tên đăng nhập' }]}
          >
            <Input data-testid="rv-setup-user" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('rv.setup.password')}
            rules={[{ required: true, message: 'Vui lòng nhập mật khẩu' }]}
          >
            <Input.Password data-testid="rv-setup-password" autoComplete="off" />
          </Form.Item>
          {error && <Alert data-testid="rv-setup-error" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" loading={setup.isPending} data-testid="rv-setup-submit">
            {t('rv.setup.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
