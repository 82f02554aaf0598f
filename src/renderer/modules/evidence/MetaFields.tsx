import { Col, DatePicker, Form, Input, Row } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT } from './shared';

export type MetaField =
  | 'title'
  | 'documentNumber'
  | 'issuedDate'
  | 'issuer'
  | 'format'
  | 'legacyCode'
  | 'storageLocation'
  | 'url'
  | 'validFrom'
  | 'validUntil'
  | 'notes';

const DATES: ReadonlySet<MetaField> = new Set(['issuedDate', 'validFrom', 'validUntil']);
const HALF: ReadonlySet<MetaField> = new Set(['documentNumber', 'issuedDate', 'format', 'legacyCode', 'validFrom', 'validUntil']);
const MAX: Partial<Record<MetaField, number>> = {
  title: 500,
  documentNumber: 100,
  issuer: 300,
  format: 60,
  legacyCode: 40,
  storageLocation: 500,
  url: 2000,
  notes: 4000,
};

/** The descriptive fields of an evidence, laid out two per row where short. */
export function MetaFields({
  fields,
  disabled,
  rules = {},
  placeholders = {},
  spans = {},
}: {
  fields: readonly MetaField[];
  disabled?: boolean;
  /** Column widths out of 24, to pack a dialog tighter (default: 12 for short fields, else 24). */
  spans?: Partial<Record<MetaField, number>>;
  rules?: Partial<Record<MetaField, Rule[]>>;
  placeholders?: Partial<Record<MetaField, string>>;
}) {
  const { t } = useTranslation();
  return (
    <Row gutter={12}>
      {fields.map((f) => (
        <Col key={f} span={spans[f] ?? (HALF.has(f) ? 12 : 24)}>
          <Form.Item name={f} label={t(`ev.fields.${f}`)} rules={rules[f]} style={{ marginBottom: 12 }}>
            {DATES.has(f) ? (
              <DatePicker
                format={DATE_FORMAT}
                style={{ width: '100%' }}
                disabled={disabled}
                placeholder="dd/mm/yyyy"
                data-testid={`ev-field-${f}`}
              />
            ) : f === 'notes' ? (
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={MAX[f]}
                disabled={disabled}
                data-testid={`ev-field-${f}`}
              />
            ) : (
              <Input maxLength={MAX[f]} disabled={disabled} placeholder={placeholders[f]} data-testid={`ev-field-${f}`} />
            )}
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
