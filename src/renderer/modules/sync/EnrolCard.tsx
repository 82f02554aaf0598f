import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { CloudServerOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/error-text';
import { applyFieldErrors } from '../../api/form-errors';
import { useApiMutation } from '../../api/hooks';
import { useCurrentUser } from '../../boot/session';
import { roleLabel } from '../../labels';
import { canEnrol } from './shared';

interface Values {
  serverUrl: string;
  username: string;
  password: string;
  deviceName?: string;
}

/**
 * "Kết nối máy chủ Sở": registers this computer with the school's account on the department
 * server (sync.enrol, admin only). Shown while not enrolled, and again when the token is gone.
 */
export function EnrolCard({ again = false, initial }: { again?: boolean; initial?: Partial<Values> }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const allowed = canEnrol(user.role);

  const enrol = useApiMutation('sync.enrol', {
    onSuccess: (res) => {
      setError(null);
      form.resetFields(['password']);
      void message.success(t('sy.enrol.done', { school: `${res.school.code} — ${res.school.name}` }));
      if (res.adoptsServerData)
        modal.info({ title: t('sy.enrol.done', { school: res.school.name }), content: t('sy.enrol.adopts') });
      void queryClient.invalidateQueries({ queryKey: ['sync.status'] });
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
    enrol.mutate({ ...v, deviceName: v.deviceName?.trim() || undefined });
  };

  return (
    <Card
      data-testid="sy-enrol"
      title={
        <span>
          <CloudServerOutlined aria-hidden /> {again ? t('sy.enrol.reenrolTitle') : t('sy.enrol.title')}
        </span>
      }
      style={{ maxWidth: 720 }}
    >
      {!again && <Alert type="info" showIcon title={t('sy.enrol.notEnrolled')} style={{ marginBottom: 16 }} />}
      {!allowed ? (
        <Alert
          data-testid="sy-enrol-admin-only"
          type="warning"
          showIcon
          title={t('sy.enrol.adminOnly', { role: roleLabel(t, user.role) })}
        />
      ) : (
        <>
          <p style={{ marginTop: 0 }}>{t('sy.enrol.intro')}</p>
          <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} requiredMark>
            <Form.Item
              name="serverUrl"
              label={t('sy.enrol.serverUrl')}
              extra={t('sy.enrol.serverUrlHint')}
              rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập địa chỉ máy chủ của Sở' }]}
            >
              <Input data-testid="sy-enrol-url" placeholder="https://" autoComplete="url" />
            </Form.Item>
            <Form.Item
              name="username"
              label={t('sy.enrol.username')}
              rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập tên đăng nhập của trường trên máy chủ' }]}
            >
              <Input data-testid="sy-enrol-user" autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('sy.enrol.password')}
              rules={[{ required: true, message: 'Vui lòng nhập mật khẩu' }]}
            >
              <Input.Password data-testid="sy-enrol-password" autoComplete="off" />
            </Form.Item>
            <Form.Item name="deviceName" label={t('sy.enrol.deviceName')} extra={t('sy.enrol.deviceNameHint')}>
              <Input data-testid="sy-enrol-device" maxLength={255} />
            </Form.Item>
            {error && <Alert data-testid="sy-enrol-error" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" loading={enrol.isPending} data-testid="sy-enrol-submit">
              {t('sy.enrol.submit')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
