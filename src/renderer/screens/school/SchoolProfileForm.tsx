import { useState } from 'react';
import { Alert, App, Button, Divider, Flex, Form, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { School } from '../../../contract/schemas/school';
import { apiKey, useApiMutation } from '../../api/hooks';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../api/error-text';
import { isApiError } from '../../api/client';
import { SchoolInfoFields } from './SchoolInfoFields';
import { SitesEditor } from './SitesEditor';
import { profileForApi, profileFromSchool, type ProfileFormValues } from './profile-values';

/** Edit mode of the school profile: the wizard's first two steps on one page. */
export function SchoolProfileForm({ school, onDone }: { school: School; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProfileFormValues>();
  const [error, setError] = useState<string | null>(null);

  const update = useApiMutation('school.update', {
    onSuccess: (saved) => {
      queryClient.setQueryData(apiKey('school.get', {}), saved);
      queryClient.setQueryData(apiKey('setup.status', {}), { initialized: true, schoolName: saved.name });
      void message.success(t('profile.saved'));
      onDone();
    },
    onError: (err) => {
      if (isApiError(err, 'CONFLICT')) {
        // Our copy is stale (another admin saved in between): saving it would overwrite their
        // work, so reload theirs and let the user redo the edit on top of it.
        void queryClient.invalidateQueries({ queryKey: ['school.get'] });
        modal.warning({ title: t('profile.conflictTitle'), content: t('profile.conflictBody'), okText: t('common.close') });
        onDone();
        return;
      }
      const { applied, unmatched } = applyFieldErrors(form, err, ['profile']);
      setError(applied.length > 0 && unmatched.length === 0 ? null : [errorText(err, t, i18n.language), ...unmatched].join(' '));
    },
  });

  const save = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    update.mutate({ expectedRev: school.rev, profile: profileForApi(form.getFieldsValue(true) as ProfileFormValues) });
  };

  return (
    <Form<ProfileFormValues> form={form} layout="vertical" initialValues={profileFromSchool(school)} data-testid="profile-form">
      <SchoolInfoFields />
      <Divider />
      <Typography.Title level={5}>{t('school.sites')}</Typography.Title>
      <SitesEditor />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="profile-error" />}
      <Flex justify="end" gap={8} style={{ marginTop: 24 }}>
        <Button onClick={onDone} disabled={update.isPending} data-testid="profile-cancel">
          {t('common.cancel')}
        </Button>
        <Button type="primary" onClick={() => void save()} loading={update.isPending} data-testid="profile-save">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
