import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Col, Flex, Form, Input, Radio, Row, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../contract/schemas/evidence';
import { isApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../api/error-text';
import { apiKey, useApiMutation } from '../../api/hooks';
import { formatDateTime } from '../../format/date';
import { MetaFields } from './MetaFields';
import { formFromEvidence, metaFromForm, useRefreshEvidence, type MetaFormValues } from './shared';

type Values = MetaFormValues & { fileName: string; kind: Evidence['kind'] };

/** Every descriptive field, saved with the revision it was read at (a concurrent edit is refused). */
export function EvidenceInfoForm({ evidence: e, editable }: { evidence: Evidence; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = useRefreshEvidence();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? e.kind;
  const reload = useRef(false);
  const load = (ev: Evidence) => {
    form.resetFields();
    form.setFieldsValue(formFromEvidence(ev));
  };
  // A newer revision (saved here, elsewhere, or a link change) replaces the fields unless the
  // user is in the middle of an edit; after a refused save it always does.
  useEffect(() => {
    if (reload.current || !form.isFieldsTouched()) load(e);
    reload.current = false;
  }, [e.id, e.rev]);

  const update = useApiMutation('evidence.update', {
    onSuccess: (saved) => {
      queryClient.setQueryData(apiKey('evidence.get', { id: saved.id }), saved);
      load(saved);
      refresh();
      void message.success(t('ev.drawer.saved', { code: saved.code }));
    },
    onError: (err) => {
      if (isApiError(err, 'CONFLICT')) {
        reload.current = true;
        refresh();
        modal.warning({ title: t('ev.drawer.conflictTitle'), content: t('ev.drawer.conflictBody'), okText: t('common.close') });
        return;
      }
      const { applied, unmatched } = applyFieldErrors(form, err, ['meta']);
      setError(applied.length > 0 && unmatched.length === 0 ? null : [errorText(err, t, i18n.language), ...unmatched].join(' '));
    },
  });

  const save = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    update.mutate({
      id: e.id,
      expectedRev: e.rev,
      meta: metaFromForm(values),
      ...(e.kind === 'file' ? { fileName: values.fileName.trim() } : { kind: values.kind as 'link' | 'paper' }),
    });
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={formFromEvidence(e)}
      disabled={!editable}
      data-testid="ev-info-form"
    >
      {!editable && <Alert type="info" showIcon title={t('ev.drawer.readOnly')} style={{ marginBottom: 12 }} />}
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label={t('ev.fields.kind')} name="kind" style={{ marginBottom: 12 }}>
            {e.kind === 'file' ? (
              <Typography.Text>{t('ev.kind.file')}</Typography.Text>
            ) : (
              <Radio.Group
                optionType="button"
                options={(['link', 'paper'] as const).map((k) => ({ value: k, label: t(`ev.kind.${k}`) }))}
              />
            )}
          </Form.Item>
        </Col>
        {e.kind === 'file' && (
          <Col span={12}>
            <Form.Item
              label={t('ev.fields.fileName')}
              name="fileName"
              rules={[{ required: true, whitespace: true, message: t('ev.fields.fileName') }]}
              style={{ marginBottom: 12 }}
            >
              <Input maxLength={255} data-testid="ev-field-fileName" />
            </Form.Item>
          </Col>
        )}
      </Row>
      <MetaFields
        fields={[
          'title',
          'documentNumber',
          'issuedDate',
          'issuer',
          'format',
          'legacyCode',
          'storageLocation',
          ...(e.kind !== 'file' || e.url ? (['url'] as const) : []),
          'validFrom',
          'validUntil',
          'notes',
        ]}
        rules={{
          title: [{ required: true, whitespace: true, message: t('ev.addLink.titleRequired') }],
          url: kind === 'link' ? [{ required: true, whitespace: true, message: t('ev.addLink.urlRequired') }] : [],
        }}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="ev-info-error" />}
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('ev.drawer.createdAt', { date: formatDateTime(e.createdAt) })},{' '}
          {t('ev.drawer.updatedAt', { date: formatDateTime(e.updatedAt) })}
        </Typography.Text>
        {editable && (
          <Button type="primary" onClick={() => void save()} loading={update.isPending} data-testid="ev-info-save">
            {t('common.save')}
          </Button>
        )}
      </Flex>
    </Form>
  );
}
