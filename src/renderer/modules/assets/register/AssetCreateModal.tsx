import { useState } from 'react';
import { Alert, App, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AssetCreateInput } from '../../../../contract/schemas/assets';
import { useApi } from '../../../api/ApiProvider';
import { isApiError } from '../../../api/client';
import { errorText } from '../../../api/error-text';
import { applyFieldErrors } from '../../../api/form-errors';
import { useApiQuery } from '../../../api/hooks';
import { moneyInputProps, roomLabel, useCatalogs, useRefreshAssets } from '../shared';
import { AssetFields, DATE_FORMAT, descriptiveOf, fromDayjs, type AssetFormValues } from './AssetFields';

/** Ghi tăng: books a new asset (its `recognise` event is the first line of its history). */
export function AssetCreateModal({ onClose }: { onClose: (id?: string) => void }) {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const { message } = App.useApp();
  const refresh = useRefreshAssets();
  const catalogs = useCatalogs().data;
  const rooms = useApiQuery('rooms.list', {});
  const [form] = Form.useForm<AssetFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    let v: AssetFormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const input = {
        ...descriptiveOf(v),
        code: String(v.code ?? '').trim(),
        quantity: Number(v.quantity ?? 1),
        costVnd: Number(v.costVnd ?? 0),
        accumulatedWearVnd: Number(v.accumulatedWearVnd ?? 0),
        roomId: (v.roomId as string | undefined) ?? null,
        custodian: String(v.custodian ?? '').trim(),
        date: fromDayjs(v.date as Dayjs | null) ?? undefined,
        note: String(v.note ?? '').trim(),
      } as AssetCreateInput & { date?: string; note: string };
      const a = await client.call('assets.create', input);
      await refresh();
      void message.success(t('as.create.done', { code: a.code }));
      onClose(a.id);
    } catch (err) {
      if (isApiError(err)) applyFieldErrors(form, err);
      setError(errorText(err, t, i18n.language));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={860}
      title={t('as.create.title')}
      okText={t('as.create.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'as-create-ok' } as never}
      onOk={() => void submit()}
      onCancel={() => onClose()}
      destroyOnHidden
      data-testid="as-create-modal"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="as-create-error" />}
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          unit: 'cái',
          assetClass: 'tangible.5',
          condition: 'dang_hoat_dong',
          acquiredVia: 'mua_sam',
          quantity: 1,
          costVnd: 0,
          accumulatedWearVnd: 0,
          date: dayjs(),
        }}
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('as.fields.code')} extra={t('as.create.codeHint')}>
              <Input data-testid="as-field-code" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="quantity" label={t('as.fields.quantity')}>
              <InputNumber min={1} style={{ width: '100%' }} data-testid="as-field-quantity" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="costVnd" label={t('as.fields.costVnd')}>
              <InputNumber {...moneyInputProps} data-testid="as-field-costVnd" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="accumulatedWearVnd" label={t('as.fields.accumulatedWearVnd')}>
              <InputNumber {...moneyInputProps} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="roomId" label={t('as.fields.room')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('as.common.noRoom')}
                options={(rooms.data ?? []).map((r) => ({ value: r.id, label: roomLabel(t, r) }))}
                data-testid="as-field-room"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="custodian" label={t('as.fields.custodian')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="date" label={t('as.create.date')}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Divider style={{ margin: '4px 0 12px' }} />
        <AssetFields catalogs={catalogs} />
      </Form>
    </Modal>
  );
}
