import { useState, type ReactNode } from 'react';
import { Alert, App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { COST_CHANGE_REASONS, DISPOSAL_METHODS, type Asset, type Room } from '../../../../contract/schemas/assets';
import { useApi } from '../../../api/ApiProvider';
import { isApiError } from '../../../api/client';
import { errorText } from '../../../api/error-text';
import { applyFieldErrors } from '../../../api/form-errors';
import { money, moneyInputProps, roomLabel, useCatalogs, useRefreshAssets } from '../shared';
import { DATE_FORMAT, fromDayjs } from './AssetFields';

type Values = Record<string, unknown>;

/** Date of the event, document number and date, note: what every ledger event carries. */
function DocFields({ dateLabel }: { dateLabel?: string }) {
  const { t } = useTranslation();
  return (
    <Row gutter={12}>
      <Col xs={24} md={8}>
        <Form.Item
          name="date"
          label={dateLabel ?? t('as.events.date')}
          rules={[{ required: true, message: t('as.form.required', { field: t('as.events.date') }) }]}
        >
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} data-testid="as-event-date" />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name="documentNo" label={t('as.events.documentNo')}>
          <Input data-testid="as-event-documentNo" />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name="documentDate" label={t('as.events.documentDate')}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} data-testid="as-event-documentDate" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="note" label={t('as.events.note')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Col>
    </Row>
  );
}

function docOf(v: Values) {
  return {
    date: fromDayjs(v.date as Dayjs | null) ?? undefined,
    documentNo: String(v.documentNo ?? '').trim(),
    documentDate: fromDayjs(v.documentDate as Dayjs | null),
    note: String(v.note ?? '').trim(),
  };
}

/**
 * A modal form for one ledger event. The server's field errors land on the fields; other
 * errors show above the form. `call` returns what to tell the user on success.
 */
export function EventModal({
  title,
  okText,
  danger,
  children,
  initial,
  onSubmit,
  onClose,
  testId,
  width = 640,
}: {
  title: string;
  okText?: string;
  danger?: boolean;
  children: ReactNode;
  initial?: Values;
  onSubmit: (v: Values) => Promise<string | void>;
  onClose: (done: boolean) => void;
  testId: string;
  width?: number;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshAssets();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const text = await onSubmit(values);
      await refresh();
      void message.success(text || t('common.saved'));
      onClose(true);
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
      title={title}
      width={width}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger, loading: busy, 'data-testid': `${testId}-ok` } as never}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
      data-testid={testId}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid={`${testId}-error`} />}
      <Form form={form} layout="vertical" initialValues={{ date: dayjs(), ...initial }} requiredMark="optional">
        {children}
      </Form>
    </Modal>
  );
}

/** The RPC call (a closure over the bridge: safe to pass around unbound). */
function useCall() {
  return useApi().client.call;
}

export function MoveModal({
  ids,
  rooms,
  asset,
  onClose,
}: {
  ids: string[];
  rooms: Room[];
  roomById?: Map<string, Room>;
  asset?: Asset;
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const call = useCall();
  return (
    <EventModal
      title={asset ? t('as.events.moveTitle', { code: asset.code }) : t('as.events.moveManyTitle', { n: ids.length })}
      testId="as-move-modal"
      initial={{ roomId: asset?.roomId ?? undefined, custodian: asset?.custodian ?? '' }}
      onClose={onClose}
      onSubmit={async (v) => {
        const r = await call('assets.move', {
          ids,
          roomId: (v.roomId as string | undefined) ?? null,
          ...(asset || String(v.custodian ?? '').trim() ? { custodian: String(v.custodian ?? '').trim() } : {}),
          ...docOf(v),
        });
        return t('as.events.moved', { n: r.moved });
      }}
    >
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="roomId" label={t('as.events.toRoom')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('as.common.noRoom')}
              options={rooms.map((r) => ({ value: r.id, label: roomLabel(t, r) }))}
              data-testid="as-move-room"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="custodian" label={t('as.fields.custodian')} extra={asset ? undefined : t('as.events.custodianKeep')}>
            <Input data-testid="as-move-custodian" />
          </Form.Item>
        </Col>
      </Row>
      <DocFields />
    </EventModal>
  );
}

export function RepairModal({ asset, onClose }: { asset: Asset; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const call = useCall();
  const catalogs = useCatalogs().data;
  return (
    <EventModal
      title={t('as.events.repairTitle', { code: asset.code })}
      testId="as-repair-modal"
      onClose={onClose}
      onSubmit={async (v) => {
        const r = await call('assets.repair', {
          id: asset.id,
          costVnd: Number(v.costVnd ?? 0),
          description: String(v.description ?? '').trim(),
          ...(v.condition ? { condition: v.condition as Asset['condition'] } : {}),
          underRepair: !!v.underRepair,
          ...docOf(v),
        });
        return r.exceedsThreshold
          ? t('as.events.repairOverThreshold', { total: money(r.repairsTotalVnd) })
          : t('as.events.repaired');
      }}
    >
      <Form.Item
        name="description"
        label={t('as.events.repairDescription')}
        rules={[
          { required: true, whitespace: true, message: t('as.form.required', { field: t('as.events.repairDescription') }) },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} data-testid="as-repair-description" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="costVnd" label={t('as.events.repairCost')} initialValue={0}>
            <InputNumber {...moneyInputProps} data-testid="as-repair-cost" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="condition" label={t('as.events.conditionAfter')}>
            <Select allowClear options={(catalogs?.conditions ?? []).map((c) => ({ value: c.code, label: c.label }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="underRepair" valuePropName="checked" label=" ">
            <Checkbox>{t('as.events.stillUnderRepair')}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('as.events.repairHint')}
      </Typography.Paragraph>
      <DocFields />
    </EventModal>
  );
}

export function CostChangeModal({ asset, onClose }: { asset: Asset; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const call = useCall();
  return (
    <EventModal
      title={t('as.events.costTitle', { code: asset.code })}
      testId="as-cost-modal"
      initial={{ newCostVnd: asset.costVnd, reason: 'upgrade', usefulLifeYears: asset.usefulLifeYears }}
      onClose={onClose}
      onSubmit={async (v) => {
        await call('assets.changeCost', {
          id: asset.id,
          reason: v.reason as (typeof COST_CHANGE_REASONS)[number],
          newCostVnd: Number(v.newCostVnd ?? 0),
          ...(v.usefulLifeYears ? { usefulLifeYears: Number(v.usefulLifeYears) } : {}),
          ...docOf(v),
        });
        return t('as.events.costChanged');
      }}
    >
      <Typography.Paragraph>
        {t('as.events.currentCost')}: <b>{money(asset.costVnd)}</b> · {t('as.fields.accumulatedWearVnd')}:{' '}
        {money(asset.accumulatedWearVnd)}
      </Typography.Paragraph>
      <Row gutter={12}>
        <Col xs={24} md={10}>
          <Form.Item name="reason" label={t('as.events.costReason')}>
            <Select options={COST_CHANGE_REASONS.map((r) => ({ value: r, label: t(`as.costReasons.${r}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="newCostVnd"
            label={t('as.events.newCost')}
            rules={[{ required: true, message: t('as.form.required', { field: t('as.events.newCost') }) }]}
          >
            <InputNumber {...moneyInputProps} data-testid="as-cost-new" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="usefulLifeYears" label={t('as.fields.usefulLifeYears')}>
            <InputNumber min={1} max={100} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('as.events.costHint')}
      </Typography.Paragraph>
      <DocFields />
    </EventModal>
  );
}

export function DisposalRequestModal({ asset, onClose }: { asset: Asset; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const call = useCall();
  const [method, setMethod] = useState<string>('scrap');
  return (
    <EventModal
      title={t('as.events.disposalRequestTitle', { code: asset.code })}
      testId="as-disposal-request-modal"
      initial={{ method: 'scrap' }}
      width={720}
      onClose={onClose}
      onSubmit={async (v) => {
        const r = await call('assets.disposal.request', {
          id: asset.id,
          method: v.method as (typeof DISPOSAL_METHODS)[number],
          reason: String(v.reason ?? '').trim(),
          repairEstimateVnd:
            v.repairEstimateVnd === undefined || v.repairEstimateVnd === null ? null : Number(v.repairEstimateVnd),
          revaluedVnd: v.revaluedVnd === undefined || v.revaluedVnd === null ? null : Number(v.revaluedVnd),
          ...docOf(v),
        });
        return t('as.events.disposalRequested', { decider: r.check.authority.label });
      }}
    >
      <Form.Item name="method" label={t('as.events.disposalMethod')}>
        <Radio.Group
          onChange={(e) => setMethod(e.target.value as string)}
          options={DISPOSAL_METHODS.map((m) => ({ value: m, label: t(`as.disposalMethods.${m}`) }))}
          data-testid="as-disposal-method"
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('as.events.reason')}
        rules={[{ required: true, whitespace: true, message: t('as.form.required', { field: t('as.events.reason') }) }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} data-testid="as-disposal-reason" />
      </Form.Item>
      {(method === 'sale' || method === 'scrap') && (
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="repairEstimateVnd" label={t('as.events.repairEstimate')} extra={t('as.events.repairEstimateHint')}>
              <InputNumber {...moneyInputProps} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="revaluedVnd" label={t('as.events.revalued')}>
              <InputNumber {...moneyInputProps} />
            </Form.Item>
          </Col>
        </Row>
      )}
      <DocFields />
    </EventModal>
  );
}

export function DisposalDecisionModal({ asset, onClose }: { asset: Asset; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const call = useCall();
  return (
    <EventModal
      title={t('as.events.disposalDecisionTitle', { code: asset.code })}
      testId="as-disposal-decision-modal"
      initial={{ approved: true }}
      onClose={onClose}
      onSubmit={async (v) => {
        await call('assets.disposal.decide', {
          id: asset.id,
          approved: !!v.approved,
          decidedBy: String(v.decidedBy ?? '').trim(),
          ...docOf(v),
        });
        return v.approved ? t('as.events.disposalApproved') : t('as.events.disposalRefused');
      }}
    >
      <Form.Item name="approved" label={t('as.events.decision')}>
        <Radio.Group
          options={[
            { value: true, label: t('as.events.approve') },
            { value: false, label: t('as.events.refuse') },
          ]}
        />
      </Form.Item>
      <Form.Item name="decidedBy" label={t('as.events.decidedBy')}>
        <Input />
      </Form.Item>
      <DocFields />
    </EventModal>
  );
}

export function DisposalExecutionModal({
  asset,
  method,
  onClose,
}: {
  asset: Asset;
  method: string | null;
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const call = useCall();
  return (
    <EventModal
      title={t('as.events.disposalExecutionTitle', { code: asset.code })}
      testId="as-disposal-execution-modal"
      danger
      initial={{ method: method ?? 'scrap' }}
      onClose={onClose}
      onSubmit={async (v) => {
        await call('assets.disposal.execute', {
          id: asset.id,
          method: v.method as (typeof DISPOSAL_METHODS)[number],
          proceedsVnd: v.proceedsVnd === undefined || v.proceedsVnd === null ? null : Number(v.proceedsVnd),
          recipient: String(v.recipient ?? '').trim(),
          ...docOf(v),
        });
        return t('as.events.disposalExecuted');
      }}
    >
      <Alert type="warning" showIcon title={t('as.events.disposalExecutionWarning')} style={{ marginBottom: 12 }} />
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="method" label={t('as.events.disposalMethod')}>
            <Select options={DISPOSAL_METHODS.map((m) => ({ value: m, label: t(`as.disposalMethods.${m}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="proceedsVnd" label={t('as.events.proceeds')}>
            <InputNumber {...moneyInputProps} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="recipient" label={t('as.events.recipient')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <DocFields />
    </EventModal>
  );
}

export function WriteOffModal({ asset, onClose }: { asset: Asset; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const call = useCall();
  return (
    <EventModal
      title={t('as.events.writeOffTitle', { code: asset.code })}
      testId="as-writeoff-modal"
      danger
      initial={{ quantity: asset.quantity }}
      onClose={onClose}
      onSubmit={async (v) => {
        await call('assets.writeOff', {
          id: asset.id,
          ...(asset.quantity > 1 ? { quantity: Number(v.quantity) } : {}),
          reason: String(v.reason ?? '').trim(),
          ...docOf(v),
        });
        return t('as.events.writtenOff');
      }}
    >
      <Alert type="warning" showIcon title={t('as.events.writeOffWarning')} style={{ marginBottom: 12 }} />
      {asset.quantity > 1 && (
        <Form.Item name="quantity" label={t('as.events.writeOffQuantity', { unit: asset.unit })}>
          <InputNumber min={1} max={asset.quantity} style={{ width: 160 }} />
        </Form.Item>
      )}
      <Form.Item
        name="reason"
        label={t('as.events.reason')}
        rules={[{ required: true, whitespace: true, message: t('as.form.required', { field: t('as.events.reason') }) }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <DocFields />
    </EventModal>
  );
}
