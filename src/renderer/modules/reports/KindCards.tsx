import { Card, Checkbox, Col, Flex, Row, Segmented, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportKind, ReportOptions } from '../../../contract/schemas/reports';
import { ALL_KINDS, KIND_FAMILY, kindFits, type FrameworkFamily } from './kinds';

export interface KindCardsProps {
  family: FrameworkFamily;
  value: ReportKind;
  onChange: (kind: ReportKind) => void;
  options: Partial<ReportOptions>;
  onOptions: (o: Partial<ReportOptions>) => void;
}

/** One card per document with a one-line description; kinds of the other framework are greyed with the reason. */
export function KindCards({ family, value, onChange, options, onOptions }: KindCardsProps) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]} role="radiogroup" aria-label={t('rp.kind')} data-testid="rp-kinds">
      {ALL_KINDS.map((k) => {
        const fits = kindFits(k, family);
        const selected = k === value;
        const want = KIND_FAMILY[k];
        return (
          <Col key={k} xs={24} sm={12} lg={6}>
            <Card
              size="small"
              hoverable={fits}
              role="radio"
              aria-checked={selected}
              aria-disabled={!fits}
              tabIndex={fits ? 0 : -1}
              data-testid={`rp-kind-${k}`}
              data-disabled={!fits || undefined}
              onClick={() => fits && onChange(k)}
              onKeyDown={(e) => {
                if (fits && (e.key === 'Enter' || e.key === ' ')) {
                  e.preventDefault();
                  onChange(k);
                }
              }}
              style={{
                height: '100%',
                cursor: fits ? 'pointer' : 'not-allowed',
                opacity: fits ? 1 : 0.55,
                borderColor: selected ? 'var(--ant-color-primary, #1677ff)' : undefined,
                boxShadow: selected ? '0 0 0 1px var(--ant-color-primary, #1677ff)' : undefined,
              }}
            >
              <Typography.Text strong>{t(`rp.kinds.${k}.title`)}</Typography.Text>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '2px 0 0' }}>
                {t(`rp.kinds.${k}.desc`)}
              </Typography.Paragraph>
              {!fits && want && (
                <Tag style={{ marginTop: 4 }} data-testid={`rp-kind-${k}-reason`}>
                  {t(`rp.kindNeeds.${want}`)}
                </Tag>
              )}
              {selected && k === 'evidence-list' && (
                <Flex gap={8} wrap align="center" style={{ marginTop: 6 }} onClick={(e) => e.stopPropagation()}>
                  <Segmented
                    size="small"
                    value={options.format ?? 'docx'}
                    onChange={(v) => onOptions({ ...options, format: v as 'docx' | 'xlsx' })}
                    options={[
                      { value: 'docx', label: 'Word' },
                      { value: 'xlsx', label: 'Excel' },
                    ]}
                    data-testid="rp-format"
                  />
                  <Checkbox
                    checked={!!options.internal}
                    onChange={(e) => onOptions({ ...options, internal: e.target.checked })}
                    data-testid="rp-internal"
                  >
                    {t('rp.internal')}
                  </Checkbox>
                </Flex>
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
