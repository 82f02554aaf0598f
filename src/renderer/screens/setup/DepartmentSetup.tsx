import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { passwordSchema } from '../../../contract/schemas/user';
import { apiKey, useApiMutation } from '../../api/hooks';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../api/error-text';
import { markSignedIn } from '../../boot/session';
import { requiredRule, sameAsRule, zodRule } from '../form-rules';

interface Values {
  serverUrl?: string;
  username?: string;
  password?: string;
  localPassword?: string;
  localPasswordConfirm?: string;
}

/**
 * The first-run path of a department workstation (Phòng/Sở GDĐT): sign in to the department
 * server with an inspector's or admin's account and choose the password of this computer, in
 * one step (`review.initWorkstation`). The server account is checked first, so a wrong address
 * or password leaves the computer as it was. Then the app opens on Thẩm định.
 */
export function DepartmentSetup() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);

  const init = useApiMutation('review.initWorkstation', {
    onSuccess: ({ school, user, status }) => {
      queryClient.setQueryData(apiKey('school.get', {}), school);
      queryClient.setQueryData(apiKey('review.status', {}), status);
      queryClient.setQueryData(apiKey('setup.status', {}), { initialized: true, schoolName: school.name });
      markSignedIn(queryClient, user);
      void message.success(t('wizard.dept.finished', { unit: school.name }));
      navigate('/review', { replace: true });
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
      return; // antd shows the messages on the fields
    }
    setError(null);
    init.mutate({
      serverUrl: v.serverUrl ?? '',
      username: v.username ?? '',
      password: v.password ?? '',
      localPassword: v.localPassword ?? '',
    });
  };

  return (
    <div data-testid="wizard-dept">
      <Alert type="info" showIcon title={t('wizard.dept.hint')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" requiredMark onFinish={() => void submit()}>
        <Form.Item
          name="serverUrl"
          label={t('wizard.dept.serverUrl')}
          rules={[{ required: true, whitespace: true, message: t('wizard.dept.serverUrlRequired') }]}
        >
          <Input data-testid="dept-server-url" placeholder="https://" autoComplete="url" maxLength={500} />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('wizard.dept.username')}
          extra={t('wizard.dept.usernameHint')}
          rules={[requiredRule(t, 'wizard.dept.username')]}
        >
          <Input data-testid="dept-username" autoComplete="username" maxLength={64} />
        </Form.Item>
        <Form.Item name="password" label={t('wizard.dept.password')} rules={[requiredRule(t, 'wizard.dept.password')]}>
          <Input.Password data-testid="dept-password" autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="localPassword"
          label={t('wizard.dept.localPassword')}
          extra={t('wizard.dept.localPasswordHint')}
          rules={[requiredRule(t, 'wizard.dept.localPassword'), zodRule(passwordSchema)]}
        >
          <Input.Password data-testid="dept-local-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="localPasswordConfirm"
          label={t('wizard.adminPasswordConfirm')}
          dependencies={['localPassword']}
          rules={[requiredRule(t, 'wizard.adminPasswordConfirm'), sameAsRule(t, 'localPassword')]}
        >
          <Input.Password data-testid="dept-local-password-confirm" autoComplete="new-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="wizard-dept-error" />}
        <Flex justify="flex-end">
          <Button type="primary" htmlType="submit" loading={init.isPending} data-testid="wizard-dept-finish">
            {t('wizard.dept.finish')}
          </Button>
        </Flex>
      </Form>
    </div>
  );
}
