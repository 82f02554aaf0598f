import { Checkbox, Col, Form, Input, Radio, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { schoolProfileInputSchema } from '../../../contract/schemas/school';
import { levelOptions, ownershipOptions } from '../../labels';
import { requiredRule, zodRule } from '../form-rules';

type Path = (string | number)[];

/** Profile fields other than the sites, in the order they are asked. */
export const SCHOOL_INFO_KEYS = [
  'code',
  'name',
  'levels',
  'ownership',
  'address',
  'province',
  'managingBody',
  'principal',
  'phone',
  'email',
] as const;

const shape = schoolProfileInputSchema.shape;

/**
 * The school's identity fields, shared by the first-run wizard (under `school`) and the
 * profile editor (at the root), so both ask the same things the same way.
 */
export function SchoolInfoFields({ prefix = [] }: { prefix?: Path }) {
  const { t } = useTranslation();
  const n = (key: (typeof SCHOOL_INFO_KEYS)[number]): Path => [...prefix, key];
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={n('code')} label={t('school.code')} tooltip={t('school.codeHint')} rules={[zodRule(shape.code)]}>
            <Input data-testid="school-code" maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name={n('name')} label={t('school.name')} rules={[requiredRule(t, 'school.name'), zodRule(shape.name)]}>
            <Input data-testid="school-name" maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name={n('levels')}
        label={t('school.levels')}
        extra={t('school.levelsHint')}
        rules={[{ type: 'array', required: true, min: 1, message: t('school.levelsRequired') }]}
      >
        <Checkbox.Group options={levelOptions(t)} data-testid="school-levels" />
      </Form.Item>
      <Form.Item name={n('ownership')} label={t('school.ownership')} rules={[{ required: true }]}>
        <Radio.Group options={ownershipOptions(t)} optionType="button" buttonStyle="solid" data-testid="school-ownership" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item name={n('address')} label={t('school.address')} rules={[zodRule(shape.address)]}>
            <Input data-testid="school-address" maxLength={300} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={n('province')} label={t('school.province')} rules={[zodRule(shape.province)]}>
            <Input data-testid="school-province" maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={n('managingBody')} label={t('school.managingBody')} rules={[zodRule(shape.managingBody)]}>
        <Input data-testid="school-managing-body" maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Form.Item name={n('principal')} label={t('school.principal')} rules={[zodRule(shape.principal)]}>
            <Input data-testid="school-principal" maxLength={120} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={n('phone')} label={t('school.phone')} rules={[zodRule(shape.phone)]}>
            <Input data-testid="school-phone" maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={n('email')} label={t('school.email')} rules={[zodRule(shape.email)]}>
            <Input data-testid="school-email" maxLength={120} type="email" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
