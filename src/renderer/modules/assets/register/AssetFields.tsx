import { Col, Collapse, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { IT_KINDS, IT_USES, type Asset } from '../../../../contract/schemas/assets';
import type { Catalogs } from '../shared';

/** The descriptive fields (free to edit; an `edit` event records before/after). */
export const DESCRIPTIVE_KEYS = [
  'name',
  'model',
  'brand',
  'serial',
  'originCountry',
  'yearMade',
  'unit',
  'assetClass',
  'wearGroupKey',
  'usefulLifeYears',
  'wearRatePercent',
  'fundingSource',
  'acquiredVia',
  'documentNo',
  'documentDate',
  'handoverDate',
  'putInUseDate',
  'bookedDate',
  'condition',
  'warrantyUntil',
  'it',
  'equipmentItemCode',
  'specs',
  'notes',
] as const;
export type DescriptiveKey = (typeof DESCRIPTIVE_KEYS)[number];
const DATE_KEYS = ['documentDate', 'handoverDate', 'putInUseDate', 'bookedDate', 'warrantyUntil'] as const;

export type AssetFormValues = Record<string, unknown>;

export const DATE_FORMAT = 'DD/MM/YYYY';

export function toDayjs(iso: string | null | undefined): Dayjs | null {
  return iso ? dayjs(iso) : null;
}
export function fromDayjs(d: Dayjs | null | undefined): string | null {
  return d ? d.format('YYYY-MM-DD') : null;
}

/** Form values of an asset (dates as dayjs for the pickers). */
export function formValuesOf(a: Partial<Asset>): AssetFormValues {
  const v: AssetFormValues = {};
  for (const k of DESCRIPTIVE_KEYS) v[k] = (a as Record<string, unknown>)[k] ?? null;
  for (const k of DATE_KEYS) v[k] = toDayjs(a[k] ?? null);
  v.it = a.it ?? null;
  return v;
}

function cleanIt(it: unknown): Asset['it'] {
  if (!it || typeof it !== 'object') return null;
  const o = it as Record<string, unknown>;
  const out = {
    kind: (o.kind as NonNullable<Asset['it']>['kind']) ?? null,
    cpu: String(o.cpu ?? ''),
    ram: String(o.ram ?? ''),
    storage: String(o.storage ?? ''),
    os: String(o.os ?? ''),
    mac: String(o.mac ?? ''),
    internet: (o.internet as boolean | null) ?? null,
    use: (o.use as NonNullable<Asset['it']>['use']) ?? null,
  };
  const empty = !out.kind && !out.cpu && !out.ram && !out.storage && !out.os && !out.mac && out.internet === null && !out.use;
  return empty ? null : out;
}

/** Form values → the contract's descriptive fields (dates back to yyyy-mm-dd, blanks to ''/null). */
export function descriptiveOf(v: AssetFormValues): Record<DescriptiveKey, unknown> {
  const out = {} as Record<DescriptiveKey, unknown>;
  const text = (x: unknown) => (x === null || x === undefined ? '' : String(x));
  for (const k of DESCRIPTIVE_KEYS) out[k] = v[k];
  for (const k of [
    'name',
    'model',
    'brand',
    'serial',
    'originCountry',
    'unit',
    'documentNo',
    'equipmentItemCode',
    'specs',
    'notes',
  ] as const)
    out[k] = text(v[k]).trim();
  for (const k of DATE_KEYS) out[k] = fromDayjs(v[k] as Dayjs | null);
  for (const k of ['yearMade', 'usefulLifeYears', 'wearRatePercent', 'wearGroupKey', 'fundingSource'] as const)
    out[k] = v[k] ?? null;
  out.it = cleanIt(v.it);
  if (!out.unit) out.unit = 'cái';
  return out;
}

/** Only what differs from the asset (so the edit event lists real changes). */
export function changedFields(a: Asset, v: AssetFormValues): Partial<Record<DescriptiveKey, unknown>> {
  const next = descriptiveOf(v);
  const patch: Partial<Record<DescriptiveKey, unknown>> = {};
  for (const k of DESCRIPTIVE_KEYS) {
    const before = (a as Record<string, unknown>)[k] ?? null;
    if (JSON.stringify(before) !== JSON.stringify(next[k] ?? null)) patch[k] = next[k];
  }
  return patch;
}

/** The descriptive fields of an asset, in a two-column form. */
export function AssetFields({ catalogs, disabled }: { catalogs: Catalogs | undefined; disabled?: boolean }) {
  const { t } = useTranslation();
  const opts = (list: { code: string; label: string }[] | undefined) =>
    (list ?? []).map((x) => ({ value: x.code, label: x.label }));
  const date = (name: string, label: string) => (
    <Form.Item name={name} label={label}>
      <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} disabled={disabled} data-testid={`as-field-${name}`} />
    </Form.Item>
  );
  const text = (name: string, label: string, required = false) => (
    <Form.Item
      name={name}
      label={label}
      rules={required ? [{ required: true, whitespace: true, message: t('as.form.required', { field: label }) }] : []}
    >
      <Input disabled={disabled} data-testid={`as-field-${name}`} />
    </Form.Item>
  );
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={16}>
          {text('name', t('as.fields.name'), true)}
        </Col>
        <Col xs={24} md={8}>
          {text('unit', t('as.fields.unit'))}
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="assetClass" label={t('as.fields.assetClass')}>
            <Select
              options={opts(catalogs?.classes)}
              disabled={disabled}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="as-field-assetClass"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="wearGroupKey" label={t('as.fields.wearGroupKey')} extra={t('as.form.wearGroupHint')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              disabled={disabled}
              options={(catalogs?.wearGroups ?? []).map((g) => ({
                value: g.key,
                label: `${g.key} — ${g.name}${g.usefulLifeYears ? ` (${g.usefulLifeYears} ${t('as.common.years')})` : ''}`,
              }))}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="usefulLifeYears" label={t('as.fields.usefulLifeYears')}>
            <InputNumber min={1} max={100} style={{ width: '100%' }} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="wearRatePercent" label={t('as.fields.wearRatePercent')}>
            <InputNumber min={0.01} max={100} step={0.01} style={{ width: '100%' }} suffix="%" disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="condition" label={t('as.fields.condition')}>
            <Select options={opts(catalogs?.conditions)} disabled={disabled} data-testid="as-field-condition" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="fundingSource" label={t('as.fields.fundingSource')}>
            <Select allowClear options={opts(catalogs?.fundingSources)} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="acquiredVia" label={t('as.fields.acquiredVia')}>
            <Select options={opts(catalogs?.origins)} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          {text('documentNo', t('as.fields.documentNo'))}
        </Col>
        <Col xs={12} md={8}>
          {date('documentDate', t('as.fields.documentDate'))}
        </Col>
        <Col xs={12} md={6}>
          {date('handoverDate', t('as.fields.handoverDate'))}
        </Col>
        <Col xs={12} md={6}>
          {date('putInUseDate', t('as.fields.putInUseDate'))}
        </Col>
        <Col xs={12} md={6}>
          {date('bookedDate', t('as.fields.bookedDate'))}
        </Col>
        <Col xs={12} md={6}>
          {date('warrantyUntil', t('as.fields.warrantyUntil'))}
        </Col>
        <Col xs={12} md={6}>
          {text('model', t('as.fields.model'))}
        </Col>
        <Col xs={12} md={6}>
          {text('brand', t('as.fields.brand'))}
        </Col>
        <Col xs={12} md={6}>
          {text('serial', t('as.fields.serial'))}
        </Col>
        <Col xs={12} md={6}>
          {text('originCountry', t('as.fields.originCountry'))}
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="yearMade" label={t('as.fields.yearMade')}>
            <InputNumber min={1900} max={2100} style={{ width: '100%' }} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          {text('equipmentItemCode', t('as.fields.equipmentItemCode'))}
        </Col>
        <Col span={24}>
          <Form.Item name="specs" label={t('as.fields.specs')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="notes" label={t('as.fields.notes')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} disabled={disabled} />
          </Form.Item>
        </Col>
      </Row>
      <Collapse
        size="small"
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'it',
            label: t('as.form.itSection'),
            forceRender: true,
            children: (
              <Row gutter={12}>
                <Col xs={12} md={8}>
                  <Form.Item name={['it', 'kind']} label={t('as.it.kind')}>
                    <Select
                      allowClear
                      disabled={disabled}
                      options={IT_KINDS.map((k) => ({ value: k, label: t(`as.it.kinds.${k}`) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name={['it', 'use']} label={t('as.it.use')}>
                    <Select
                      allowClear
                      disabled={disabled}
                      options={IT_USES.map((k) => ({ value: k, label: t(`as.it.uses.${k}`) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name={['it', 'internet']} label={t('as.it.internet')}>
                    <Select
                      allowClear
                      disabled={disabled}
                      options={[
                        { value: true, label: t('common.yes') },
                        { value: false, label: t('common.no') },
                      ]}
                    />
                  </Form.Item>
                </Col>
                {(['cpu', 'ram', 'storage', 'os', 'mac'] as const).map((k) => (
                  <Col xs={12} md={8} key={k}>
                    <Form.Item name={['it', k]} label={t(`as.it.${k}`)}>
                      <Input disabled={disabled} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            ),
          },
        ]}
      />
    </>
  );
}
