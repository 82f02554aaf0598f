import { Button, Card, Checkbox, Col, Form, Input, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { schoolSiteInputSchema } from '../../../contract/schemas/school';
import { requiredRule, zodRule } from '../form-rules';

type Path = (string | number)[];

/** Rows sit in their own small card: the form's usual gap under each field is too much there. */
const ROW_ITEM = { marginBottom: 4 };

export interface SiteFormValue {
  id?: string;
  name?: string;
  address?: string;
  isMain?: boolean;
}

/**
 * Điểm trường: many rural schools teach on several sites (điểm lẻ); exactly one is the main
 * site, whose address is the school's.
 */
export function SitesEditor({ prefix = [] }: { prefix?: Path }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const listName = [...prefix, 'sites'];

  // Ticking one main site unticks the others, so "exactly one" is easy to satisfy.
  const onMainChange = (index: number, checked: boolean) => {
    if (!checked) return;
    const sites = (form.getFieldValue(listName) as SiteFormValue[] | undefined) ?? [];
    form.setFieldValue(
      listName,
      sites.map((s, i) => ({ ...s, isMain: i === index })),
    );
  };

  return (
    <Form.List
      name={listName}
      rules={[
        {
          validator: async (_rule, sites: SiteFormValue[] | undefined) => {
            if (!sites || sites.length === 0) throw new Error(t('sites.atLeastOne'));
            if (sites.filter((s) => s?.isMain).length !== 1) throw new Error(t('sites.exactlyOneMain'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          <Typography.Paragraph type="secondary">{t('sites.hint')}</Typography.Paragraph>
          {fields.map((field, index) => (
            <Card size="small" key={field.key} style={{ marginBottom: 12 }} data-testid={`site-row-${index}`}>
              <Row gutter={12} align="top">
                <Col xs={24} md={8}>
                  <Form.Item
                    style={ROW_ITEM}
                    name={[field.name, 'name']}
                    label={t('sites.name')}
                    rules={[requiredRule(t, 'sites.name'), zodRule(schoolSiteInputSchema.shape.name)]}
                  >
                    <Input data-testid={`site-name-${index}`} maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={10}>
                  <Form.Item
                    style={ROW_ITEM}
                    name={[field.name, 'address']}
                    label={t('sites.address')}
                    rules={[zodRule(schoolSiteInputSchema.shape.address)]}
                  >
                    <Input data-testid={`site-address-${index}`} maxLength={300} />
                  </Form.Item>
                </Col>
                <Col xs={18} md={4}>
                  <Form.Item style={ROW_ITEM} name={[field.name, 'isMain']} valuePropName="checked" label=" " colon={false}>
                    <Checkbox data-testid={`site-main-${index}`} onChange={(e) => onMainChange(index, e.target.checked)}>
                      {t('sites.isMain')}
                    </Checkbox>
                  </Form.Item>
                </Col>
                <Col xs={6} md={2} style={{ textAlign: 'right' }}>
                  <Form.Item style={ROW_ITEM} label=" " colon={false}>
                    <Button
                      danger
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('sites.remove')}
                      title={t('sites.remove')}
                      data-testid={`site-remove-${index}`}
                      onClick={() => remove(field.name)}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            data-testid="site-add"
            onClick={() => add({ name: '', address: '', isMain: fields.length === 0 })}
            style={{ marginTop: 8 }}
          >
            {t('sites.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** What `schoolProfileInputSchema.sites` accepts, from the editor's loose values. */
export function sitesForApi(sites: SiteFormValue[] | undefined) {
  return (sites ?? []).map((s) => ({
    ...(s.id ? { id: s.id } : {}),
    name: s.name ?? '',
    address: s.address ?? '',
    isMain: Boolean(s.isMain),
  }));
}
