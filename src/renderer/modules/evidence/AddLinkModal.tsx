import { useEffect, useState } from 'react';
import { Alert, App, Form, Modal, Radio, type ButtonProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LevelsFramework } from '../../../core/frameworks';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../api/error-text';
import { apiKey, useApiMutation } from '../../api/hooks';
import { MetaFields } from './MetaFields';
import { CriterionSelect, metaFromForm, useRefreshEvidence, type MetaFormValues } from './shared';

type Values = MetaFormValues & { kind: 'link' | 'paper'; criterionCode?: string };

/** Minh chứng dạng liên kết (an address) or bản giấy (a paper original kept at the school). */
export function AddLinkModal({
  open,
  framework,
  initialCriterion,
  onClose,
  onAdded,
}: {
  open: boolean;
  framework: LevelsFramework;
  initialCriterion?: string;
  onClose: () => void;
  onAdded: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = useRefreshEvidence();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'link';
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open && initialCriterion) form.setFieldValue('criterionCode', initialCriterion);
  }, [open, initialCriterion, form]);

  const add = useApiMutation('evidence.addLink', {
    onSuccess: (saved) => {
      queryClient.setQueryData(apiKey('evidence.get', { id: saved.id }), saved);
      refresh();
      void message.success(t('ev.addLink.added', { code: saved.code }));
      form.resetFields();
      onClose();
      onAdded(saved.id);
    },
    onError: (err) => {
      const { applied, unmatched } = applyFieldErrors(form, err, ['meta']);
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
    const { kind: k, criterionCode, ...meta } = v;
    add.mutate({
      frameworkId: framework.id,
      criterionCode: criterionCode!,
      kind: k,
      meta: metaFromForm(meta, { dropEmpty: true }),
    });
  };

  return (
    <Modal
      open={open}
      title={t('ev.addLink.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.add')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: add.isPending, 'data-testid': 'ev-addlink-ok' } as ButtonProps}
      width={720}
      destroyOnHidden
      data-testid="ev-addlink-modal"
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'link', criterionCode: initialCriterion }}>
        <Form.Item name="kind" style={{ marginBottom: 12 }}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'link', label: t('ev.addLink.kindLink') },
              { value: 'paper', label: t('ev.addLink.kindPaper') },
            ]}
            data-testid="ev-addlink-kind"
          />
        </Form.Item>
        <Form.Item
          name="criterionCode"
          label={t('ev.fields.criterion')}
          rules={[{ required: true, message: t('ev.upload.criterionRequired') }]}
          style={{ marginBottom: 12 }}
        >
          <CriterionSelect framework={framework} data-testid="ev-addlink-criterion" />
        </Form.Item>
        <MetaFields
          fields={[
            'title',
            ...(kind === 'link' ? (['url'] as const) : (['storageLocation'] as const)),
            'documentNumber',
            'issuedDate',
            'issuer',
            'validFrom',
            'validUntil',
            'notes',
          ]}
          rules={{
            title: [{ required: true, whitespace: true, message: t('ev.addLink.titleRequired') }],
            url: [{ required: true, whitespace: true, message: t('ev.addLink.urlRequired') }],
          }}
          placeholders={{ url: 'https://', storageLocation: t('ev.addLink.paperLocationHint') }}
        />
        {error && <Alert type="error" showIcon title={error} data-testid="ev-addlink-error" />}
      </Form>
    </Modal>
  );
}
