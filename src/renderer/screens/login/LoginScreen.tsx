import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/hooks';
import { errorText } from '../../api/error-text';
import type { ApiError } from '../../api/client';
import { markSignedIn } from '../../boot/session';
import { PageFrame } from '../PageFrame';

interface LoginValues {
  username: string;
  password: string;
}

export function LoginScreen({ schoolName }: { schoolName: string | null }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<LoginValues>();
  const [error, setError] = useState<string | null>(null);

  // Wrong username and wrong password get the same sentence: the screen must not reveal
  // which accounts exist.
  const describe = (err: ApiError) =>
    err.code === 'UNAUTHENTICATED' || err.code === 'NOT_FOUND' ? t('login.wrongCredentials') : errorText(err, t, i18n.language);

  const login = useApiMutation('auth.login', {
    onSuccess: ({ user }) => markSignedIn(queryClient, user),
    onError: (err) => {
      setError(describe(err));
      form.setFieldValue('password', '');
    },
  });

  return (
    <PageFrame>
      <Card style={{ maxWidth: 420, margin: '64px auto' }} data-testid="login">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        {schoolName && (
          <Typography.Paragraph type="secondary" data-testid="login-school-name">
            {schoolName}
          </Typography.Paragraph>
        )}
        <Form<LoginValues>
          form={form}
          layout="vertical"
          onFinish={(v) => {
            setError(null);
            login.mutate({ username: v.username.trim(), password: v.password });
          }}
          onValuesChange={() => error && setError(null)}
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {error && (
            <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} data-testid="login-error" />
          )}
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </PageFrame>
  );
}
