import { useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Divider, Flex, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider';
import { isApiError } from '../../api/client';
import { errorText } from '../../api/error-text';
import { applyFieldErrors } from '../../api/form-errors';
import { useApiQuery } from '../../api/hooks';
import { roomLabel, useRefreshAssets } from './shared';

interface Values {
  name: string;
  decisionNo?: string;
  decisionDate?: Dayjs | null;
  cutoffAt?: Dayjs | null;
  roomIds?: string[];
  members?: { name?: string; title?: string; representing?: string; role?: 'chair' | 'member' | 'secretary' }[];
}

/**
 * Tạo đợt kiểm kê: the principal's decision forming the board (number, date, members with
 * title and whom they represent), the rooms in scope, and the cut-off time at which the
 * book data is frozen.
 */
export function CreateSessionModal({ onClose }: { onClose: (id?: string) => void }) {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const { message } = App.useApp();
  const refresh = useRefreshAssets();
  const rooms = useApiQuery('rooms.list', {});
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const year = new Date().getFullYear();

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const s = await client.call('stocktake.create', {
        name: v.name.trim(),
        decisionNo: (v.decisionNo ?? '').trim(),
        decisionDate: v.decisionDate ? v.decisionDate.format('YYYY-MM-DD') : null,
        members: (v.members ?? [])
          .filter((m) => (m.name ?? '').trim())
          .map((m) => ({
            name: m.name!.trim(),
            title: (m.title ?? '').trim(),
            representing: (m.representing ?? '').trim(),
            role: m.role ?? 'member',
          })),
        roomIds: v.roomIds ?? [],
        ...(v.cutoffAt ? { cutoffAt: v.cutoffAt.toISOString() } : {}),
      });
      await refresh();
      void message.success(t('inv.create.done', { name: s.name }));
      onClose(s.id);
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
      width={820}
      title={t('inv.create.title')}
      okText={t('inv.create.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'inv-create-ok' } as never}
      onOk={() => void submit()}
      onCancel={() => onClose()}
      destroyOnHidden
      data-testid="inv-create-modal"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="inv-create-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          name: t('inv.create.defaultName', { year }),
          cutoffAt: dayjs(),
          members: [
            { role: 'chair', representing: t('inv.create.reprLeadership') },
            { role: 'member', representing: t('inv.create.reprAccounting') },
            { role: 'secretary', representing: t('inv.create.reprUsers') },
          ],
        }}
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('inv.fields.name')}
              rules={[{ required: true, whitespace: true, message: t('inv.create.nameRequired') }]}
            >
              <Input data-testid="inv-create-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="cutoffAt" label={t('inv.fields.cutoff')} extra={t('inv.create.cutoffHint')}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="DD/MM/YYYY HH:mm"
                style={{ width: '100%' }}
                data-testid="inv-create-cutoff"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={12}>
            <Form.Item name="decisionNo" label={t('inv.fields.decisionNo')}>
              <Input placeholder="45/QĐ-THCS" data-testid="inv-create-decision-no" />
            </Form.Item>
          </Col>
          <Col xs={12} md={12}>
            <Form.Item name="decisionDate" label={t('inv.fields.decisionDate')}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} data-testid="inv-create-decision-date" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="roomIds" label={t('inv.fields.scope')} extra={t('inv.create.scopeHint')}>
              <Select
                mode="multiple"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('inv.allRooms')}
                options={(rooms.data ?? []).map((r) => ({ value: r.id, label: roomLabel(t, r) }))}
                data-testid="inv-create-rooms"
              />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" style={{ margin: '4px 0 8px' }}>
          {t('inv.create.board')}
        </Divider>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('inv.create.boardHint')}
        </Typography.Paragraph>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row gutter={8} key={f.key} align="top" data-testid={`inv-member-${i}`}>
                  <Col xs={24} md={6}>
                    <Form.Item
                      name={[f.name, 'name']}
                      label={i === 0 ? t('inv.member.name') : undefined}
                      style={{ marginBottom: 8 }}
                    >
                      <Input placeholder={t('inv.member.name')} data-testid={`inv-member-name-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item
                      name={[f.name, 'title']}
                      label={i === 0 ? t('inv.member.title') : undefined}
                      style={{ marginBottom: 8 }}
                    >
                      <Input placeholder={t('inv.member.title')} data-testid={`inv-member-title-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item
                      name={[f.name, 'representing']}
                      label={i === 0 ? t('inv.member.representing') : undefined}
                      style={{ marginBottom: 8 }}
                    >
                      <Input placeholder={t('inv.member.representing')} data-testid={`inv-member-repr-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={5}>
                    <Form.Item
                      name={[f.name, 'role']}
                      label={i === 0 ? t('inv.member.role') : undefined}
                      style={{ marginBottom: 8 }}
                    >
                      <Select
                        options={(['chair', 'member', 'secretary'] as const).map((r) => ({
                          value: r,
                          label: t(`inv.roles.${r}`),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={2}>
                    <Flex style={{ marginTop: i === 0 ? 30 : 0 }}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t('common.remove')}
                        onClick={() => remove(f.name)}
                      />
                    </Flex>
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ role: 'member' })} data-testid="inv-member-add">
                {t('inv.create.addMember')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
