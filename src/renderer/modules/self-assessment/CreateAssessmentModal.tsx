import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Checkbox, Form, Input, Modal, Select, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FrameworkSummary } from '../../../contract/methods/frameworks';
import type { AssessmentDto } from '../../../contract/schemas/assessment';
import type { EducationLevel } from '../../../contract/schemas/common';
import { applyFieldErrors } from '../../api/form-errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { levelLabel } from '../../labels';
import { currentSchoolYear, FOREVER, useErrorText, useInvalidate } from './shared';

interface Values {
  schoolYear: string;
  educationLevel: EducationLevel;
  frameworkId: string;
  carry: boolean;
  fromId?: string;
  title?: string;
}

/** Frameworks with levels for an education level; TT 57 (the annex for the level) first. */
export function frameworksFor(frameworks: readonly FrameworkSummary[], level: string | undefined): FrameworkSummary[] {
  if (!level) return [];
  return frameworks
    .filter((f) => f.kind === 'levels' && f.educationLevels.includes(level))
    .sort(
      (a, b) => (a.family === 'tt57' ? 0 : 1) - (b.family === 'tt57' ? 0 : 1) || b.effectiveFrom.localeCompare(a.effectiveFrom),
    );
}

function yearOptions(existing: readonly AssessmentDto[]): string[] {
  const start = Number(currentSchoolYear().slice(0, 4));
  const years = new Set([start - 1, start, start + 1].map((y) => `${y}-${y + 1}`));
  for (const a of existing) years.add(a.schoolYear);
  return [...years].sort().reverse();
}

/** "Tạo đợt tự đánh giá": school year, education level (from the school profile), framework, carry-over. */
export function CreateAssessmentModal({
  open,
  existing,
  onClose,
  onCreated,
}: {
  open: boolean;
  existing: readonly AssessmentDto[];
  onClose: () => void;
  onCreated: (a: AssessmentDto) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const school = useApiQuery('school.get', {});
  const frameworks = useApiQuery('frameworks.list', {}, FOREVER);
  const invalidate = useInvalidate();
  const text = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const create = useApiMutation('assessment.create');

  const levels = (school.data?.levels ?? []) as EducationLevel[];
  const level = Form.useWatch('educationLevel', form);
  const year = Form.useWatch('schoolYear', form);
  const carry = Form.useWatch('carry', form);
  const options = useMemo(() => frameworksFor(frameworks.data ?? [], level), [frameworks.data, level]);
  const earlier = useMemo(
    () =>
      existing
        .filter((a) => a.educationLevel === level && (!year || a.schoolYear < year))
        .sort((a, b) => b.schoolYear.localeCompare(a.schoolYear)),
    [existing, level, year],
  );

  // Defaults follow the level: the TT 57 annex for it, and last year's assessment to carry from.
  useEffect(() => {
    if (!open) return;
    if (!form.getFieldValue('educationLevel') && levels[0]) form.setFieldValue('educationLevel', levels[0]);
  }, [open, levels, form]);
  useEffect(() => {
    if (!options.some((f) => f.id === form.getFieldValue('frameworkId'))) form.setFieldValue('frameworkId', options[0]?.id);
  }, [options, form]);
  useEffect(() => {
    if (!earlier.some((a) => a.id === form.getFieldValue('fromId'))) form.setFieldValue('fromId', earlier[0]?.id);
    if (earlier.length === 0) form.setFieldValue('carry', false);
  }, [earlier, form]);

  const submit = async () => {
    setError(null);
    const v = await form.validateFields();
    try {
      const res = await create.mutateAsync({
        schoolYear: v.schoolYear,
        educationLevel: v.educationLevel,
        frameworkId: v.frameworkId,
        ...(v.carry && v.fromId ? { fromId: v.fromId } : {}),
        ...(v.title?.trim() ? { title: v.title.trim() } : {}),
      });
      await invalidate('assessment.list');
      const c = res.carried;
      void message.success(
        c
          ? t('sa.create.doneCarried', {
              year: c.fromSchoolYear,
              requirements: c.requirements,
              tasks: c.planTasks,
              items: c.improvementItems,
            })
          : t('sa.create.done'),
      );
      form.resetFields();
      onCreated(res.assessment);
    } catch (err) {
      const { unmatched } = applyFieldErrors(form, err as never);
      setError(unmatched.length > 0 || !(err as { fields?: object }).fields ? text(err) : null);
    }
  };

  return (
    <Modal
      open={open}
      title={t('sa.create.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('sa.create.ok')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'sa-create-ok' } as ButtonProps}
      destroyOnHidden
      width={620}
      data-testid="sa-create-modal"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ schoolYear: currentSchoolYear(), educationLevel: levels[0], carry: false }}
        requiredMark={false}
      >
        <Form.Item
          name="schoolYear"
          label={t('sa.create.schoolYear')}
          rules={[{ required: true, message: t('sa.create.schoolYearRequired') }]}
        >
          <Select
            data-testid="sa-create-year"
            options={yearOptions(existing).map((y) => ({ value: y, label: t('sa.list.yearValue', { year: y }) }))}
          />
        </Form.Item>
        <Form.Item
          name="educationLevel"
          label={t('sa.create.level')}
          extra={levels.length > 1 ? t('sa.create.levelHint') : undefined}
          rules={[{ required: true, message: t('sa.create.levelRequired') }]}
        >
          <Select data-testid="sa-create-level" options={levels.map((l) => ({ value: l, label: levelLabel(t, l) }))} />
        </Form.Item>
        <Form.Item
          name="frameworkId"
          label={t('sa.create.framework')}
          extra={t('sa.create.frameworkHint')}
          rules={[{ required: true, message: t('sa.create.frameworkRequired') }]}
        >
          <Select
            data-testid="sa-create-framework"
            options={options.map((f) => ({ value: f.id, label: `${f.shortTitle} (${f.legalNumber})` }))}
            notFoundContent={t('sa.create.noFramework')}
          />
        </Form.Item>
        <Form.Item name="carry" valuePropName="checked" style={{ marginBottom: carry ? 8 : 16 }}>
          <Checkbox disabled={earlier.length === 0} data-testid="sa-create-carry">
            {t('sa.create.carry')}
          </Checkbox>
        </Form.Item>
        {earlier.length === 0 ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: -12, fontSize: 13 }}>
            {t('sa.create.noEarlier')}
          </Typography.Paragraph>
        ) : (
          carry && (
            <>
              <Form.Item name="fromId" label={t('sa.create.from')}>
                <Select
                  data-testid="sa-create-from"
                  options={earlier.map((a) => ({
                    value: a.id,
                    label: `${t('sa.list.yearValue', { year: a.schoolYear })} — ${a.frameworkTitle}`,
                  }))}
                />
              </Form.Item>
              <Alert type="info" showIcon title={t('sa.create.carryNote')} style={{ marginBottom: 16 }} />
            </>
          )
        )}
        <Form.Item name="title" label={t('sa.create.titleLabel')} extra={t('sa.create.titleHint')}>
          <Input maxLength={300} data-testid="sa-create-title" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} data-testid="sa-create-error" />}
      </Form>
    </Modal>
  );
}
