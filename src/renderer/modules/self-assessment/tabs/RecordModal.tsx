import { useState, type ReactNode } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../shared';

export type FieldSpec =
  | { name: string; label: string; kind: 'text'; required?: boolean; max?: number; placeholder?: string }
  | { name: string; label: string; kind: 'area'; required?: boolean; max?: number; placeholder?: string; rows?: number }
  | { name: string; label: string; kind: 'date' }
  | {
      name: string;
      label: string;
      kind: 'select';
      options: { value: string | null; label: string }[];
      multiple?: boolean;
      allowClear?: boolean;
    };

/**
 * A small form in a modal for one row of a table (improvement plan rows, monitoring…): dates are
 * edited as dd/mm/yyyy and given back as YYYY-MM-DD (or null).
 */
export function RecordModal({
  title,
  fields,
  initial,
  onSave,
  onClose,
  width = 640,
  extra,
  testId,
}: {
  title: string;
  fields: FieldSpec[];
  initial: Record<string, unknown>;
  onSave: (values: Record<string, unknown>) => Promise<unknown>;
  onClose: () => void;
  width?: number;
  extra?: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const text = useErrorText();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dates = new Set(fields.filter((f) => f.kind === 'date').map((f) => f.name));
  const init = Object.fromEntries(
    Object.entries(initial).map(([k, v]) => [k, dates.has(k) ? (typeof v === 'string' && v ? dayjs(v) : null) : v]),
  );

  const save = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    const out = Object.fromEntries(
      Object.entries(v).map(([k, x]) => [
        k,
        dates.has(k) ? (x ? (x as dayjs.Dayjs).format('YYYY-MM-DD') : null) : typeof x === 'string' ? x.trim() : (x ?? null),
      ]),
    );
    setBusy(true);
    setError(null);
    try {
      await onSave(out);
      onClose();
    } catch (err) {
      setError(text(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      width={width}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('common.save')}
      okButtonProps={{ loading: busy, 'data-testid': `${testId ?? 'record'}-save` } as ButtonProps}
      destroyOnHidden
      data-testid={testId}
    >
      {extra}
      <Form form={form} layout="vertical" requiredMark={false} initialValues={init}>
        {fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            style={{ marginBottom: 12 }}
            rules={
              'required' in f && f.required
                ? [{ required: true, whitespace: true, message: t('sa.record.required', { field: f.label }) }]
                : []
            }
          >
            {f.kind === 'text' ? (
              <Input maxLength={f.max ?? 300} placeholder={f.placeholder} data-testid={`${testId}-${f.name}`} />
            ) : f.kind === 'area' ? (
              <Input.TextArea
                autoSize={{ minRows: f.rows ?? 2, maxRows: 8 }}
                maxLength={f.max ?? 4000}
                placeholder={f.placeholder}
                data-testid={`${testId}-${f.name}`}
              />
            ) : f.kind === 'date' ? (
              <DatePicker format="DD/MM/YYYY" style={{ width: 180 }} />
            ) : (
              <Select
                mode={f.multiple ? 'multiple' : undefined}
                allowClear={f.allowClear}
                options={f.options as { value: string; label: string }[]}
                data-testid={`${testId}-${f.name}`}
              />
            )}
          </Form.Item>
        ))}
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
