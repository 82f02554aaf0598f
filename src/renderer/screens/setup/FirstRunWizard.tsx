import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Radio, Steps, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { passwordSchema, usernameSchema } from '../../../contract/schemas/user';
import { apiKey, useApiMutation } from '../../api/hooks';
import { applyFieldErrors, type NamePath } from '../../api/form-errors';
import { errorText } from '../../api/error-text';
import { markSignedIn } from '../../boot/session';
import { SchoolInfoFields, SCHOOL_INFO_KEYS } from '../school/SchoolInfoFields';
import { SitesEditor } from '../school/SitesEditor';
import { SchoolSummary } from '../school/SchoolSummary';
import { EMPTY_PROFILE, profileForApi, type ProfileFormValues } from '../school/profile-values';
import { requiredRule, sameAsRule, zodRule } from '../form-rules';
import { PageFrame } from '../PageFrame';
import { DepartmentSetup } from './DepartmentSetup';

interface WizardValues {
  school: ProfileFormValues;
  admin: { displayName?: string; username?: string; password?: string; passwordConfirm?: string };
}

/**
 * The fields each step owns. All steps stay mounted (only hidden), so values survive going
 * back and forth and a server error can be put on any field, even of another step.
 */
const STEP_FIELDS: NamePath[][] = [SCHOOL_INFO_KEYS.map((k) => ['school', k]), [['school', 'sites']], [['admin']]];

/** Which step shows the field at `path`, to jump there when the server rejects it. */
function stepOf(path: NamePath): number {
  if (path[0] === 'admin') return 2;
  if (path[0] === 'school' && path[1] === 'sites') return 1;
  return 0;
}

/** What this computer is for: a school's own data, or a department's review workstation. */
type Mode = 'school' | 'department';

export function FirstRunWizard() {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<Mode>('school');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<WizardValues>();
  const [current, setCurrent] = useState(0);
  const [review, setReview] = useState<WizardValues | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);

  const initialize = useApiMutation('setup.initialize', {
    onSuccess: ({ school, user }) => {
      queryClient.setQueryData(apiKey('school.get', {}), school);
      queryClient.setQueryData(apiKey('setup.status', {}), { initialized: true, schoolName: school.name });
      markSignedIn(queryClient, user);
      void message.success(t('wizard.finished'));
      navigate('/overview', { replace: true });
    },
    onError: (err) => {
      const { applied, unmatched } = applyFieldErrors(form, err);
      if (applied.length > 0) setCurrent(stepOf(applied[0]!));
      setSubmitError(
        applied.length > 0 && unmatched.length === 0 ? null : [errorText(err, t, i18n.language), ...unmatched].join(' '),
      );
    },
  });

  const all = (): WizardValues => form.getFieldsValue(true) as WizardValues;

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[current], { recursive: true });
    } catch {
      return; // antd shows the messages on the fields
    }
    if (current === 0) {
      const { school } = all();
      // Every school has at least its main site, usually at the school's own address.
      if (!school.sites || school.sites.length === 0) {
        form.setFieldValue(
          ['school', 'sites'],
          [{ name: t('sites.mainDefaultName'), address: school.address ?? '', isMain: true }],
        );
      }
    }
    if (current === 1) {
      const { school, admin } = all();
      // The principal usually sets the app up: offer their name for the admin account.
      if (!admin?.displayName && school.principal) form.setFieldValue(['admin', 'displayName'], school.principal);
    }
    if (current === 2) setReview(all());
    setSubmitError(null);
    setCurrent(current + 1);
  };

  const finish = () => {
    const v = all();
    initialize.mutate({
      school: profileForApi(v.school),
      admin: { displayName: v.admin.displayName ?? '', username: v.admin.username ?? '', password: v.admin.password ?? '' },
    });
  };

  const steps = [t('wizard.stepSchool'), t('wizard.stepSites'), t('wizard.stepAdmin'), t('wizard.stepReview')];

  return (
    <PageFrame>
      <Card style={{ maxWidth: 920, margin: '32px auto' }} data-testid="wizard">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('wizard.title')}
        </Typography.Title>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          value={mode}
          onChange={(e) => setMode(e.target.value as Mode)}
          aria-label={t('wizard.mode')}
          data-testid="wizard-mode"
          options={[
            { value: 'school', label: t('wizard.modeSchool') },
            { value: 'department', label: t('wizard.modeDepartment') },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {mode === 'school' ? t('wizard.intro') : t('wizard.dept.intro')}
        </Typography.Paragraph>
        {mode === 'department' && <DepartmentSetup />}
        {/* Hidden, not unmounted: what was typed for the school survives a look at the other choice. */}
        <div hidden={mode !== 'school'}>
          <Steps
            current={current}
            items={steps.map((title) => ({ title }))}
            style={{ margin: '24px 0' }}
            data-testid="wizard-steps"
          />
          <Form<WizardValues> form={form} layout="vertical" initialValues={{ school: EMPTY_PROFILE, admin: {} }} requiredMark>
            <div hidden={current !== 0} data-testid="wizard-step-school">
              <SchoolInfoFields prefix={['school']} />
            </div>
            <div hidden={current !== 1} data-testid="wizard-step-sites">
              <SitesEditor prefix={['school']} />
            </div>
            <div hidden={current !== 2} data-testid="wizard-step-admin">
              <Alert type="info" showIcon title={t('wizard.adminHint')} style={{ marginBottom: 16 }} />
              <Form.Item
                name={['admin', 'displayName']}
                label={t('wizard.adminDisplayName')}
                rules={[requiredRule(t, 'wizard.adminDisplayName')]}
              >
                <Input data-testid="admin-display-name" maxLength={120} autoComplete="name" />
              </Form.Item>
              <Form.Item
                name={['admin', 'username']}
                label={t('wizard.adminUsername')}
                rules={[requiredRule(t, 'wizard.adminUsername'), zodRule(usernameSchema)]}
              >
                <Input data-testid="admin-username" maxLength={40} autoComplete="username" />
              </Form.Item>
              <Form.Item
                name={['admin', 'password']}
                label={t('wizard.adminPassword')}
                rules={[requiredRule(t, 'wizard.adminPassword'), zodRule(passwordSchema)]}
              >
                <Input.Password data-testid="admin-password" autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                name={['admin', 'passwordConfirm']}
                label={t('wizard.adminPasswordConfirm')}
                dependencies={[['admin', 'password']]}
                rules={[requiredRule(t, 'wizard.adminPasswordConfirm'), sameAsRule(t, ['admin', 'password'])]}
              >
                <Input.Password data-testid="admin-password-confirm" autoComplete="new-password" />
              </Form.Item>
            </div>
            {current === 3 && review && (
              <div data-testid="wizard-step-review">
                <Typography.Paragraph type="secondary">{t('wizard.reviewHint')}</Typography.Paragraph>
                <SchoolSummary profile={review.school} />
                <Typography.Title level={5} style={{ marginTop: 24 }}>
                  {t('wizard.admin')}
                </Typography.Title>
                <Descriptions
                  bordered
                  size="small"
                  column={1}
                  styles={{ label: { width: 200 } }}
                  items={[
                    { key: 'displayName', label: t('wizard.adminDisplayName'), children: review.admin.displayName },
                    { key: 'username', label: t('wizard.adminUsername'), children: review.admin.username },
                  ]}
                />
              </div>
            )}
            {submitError && (
              <Alert type="error" showIcon title={submitError} style={{ marginTop: 16 }} data-testid="wizard-error" />
            )}
            <Flex justify="space-between" style={{ marginTop: 24 }}>
              <Button
                onClick={() => setCurrent(current - 1)}
                disabled={current === 0 || initialize.isPending}
                data-testid="wizard-back"
              >
                {t('common.back')}
              </Button>
              {current < 3 ? (
                <Button type="primary" onClick={() => void next()} data-testid="wizard-next">
                  {t('common.next')}
                </Button>
              ) : (
                <Button type="primary" onClick={finish} loading={initialize.isPending} data-testid="wizard-finish">
                  {t('wizard.finish')}
                </Button>
              )}
            </Flex>
          </Form>
        </div>
      </Card>
    </PageFrame>
  );
}
