import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Collapse, DatePicker, Form, Input, Row, Skeleton, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { REPORT_DATE_KEYS, REPORT_TEXT_KEYS, type ReportTextsDto } from '../../../contract/schemas/reports';
import { errorText } from '../../api/error-text';
import { useApiMutation, useApiQuery } from '../../api/hooks';

const DATE_FIELDS = REPORT_DATE_KEYS;
type DateField = (typeof DATE_FIELDS)[number];
const TEXT_FIELDS = REPORT_TEXT_KEYS;
type TextField = (typeof TEXT_FIELDS)[number];
type Values = Record<TextField, string> & Record<DateField, Dayjs | null>;

const GROUPS: { key: string; fields: { name: TextField | DateField; long?: boolean; date?: boolean }[] }[] = [
  {
    key: 'general',
    fields: [
      { name: 'place' },
      { name: 'reportDate', date: true },
      { name: 'foundedYear' },
      { name: 'website' },
      { name: 'fax' },
    ],
  },
  {
    key: 'context',
    fields: [
      { name: 'contextSocioEconomic', long: true },
      { name: 'contextAdvantages', long: true },
      { name: 'contextDifficulties', long: true },
      { name: 'contextLearners', long: true },
    ],
  },
  {
    key: 'process',
    fields: [
      { name: 'processPlanning', long: true },
      { name: 'processExecution', long: true },
      { name: 'processAnalysis', long: true },
      { name: 'processConfirmation', long: true },
    ],
  },
  {
    key: 'conclusion',
    fields: [
      { name: 'conclusionOverall', long: true },
      { name: 'recommendDepartment', long: true },
      { name: 'recommendCommune', long: true },
      { name: 'recommendOthers', long: true },
    ],
  },
  {
    key: 'documents',
    fields: [
      { name: 'decisionNumber' },
      { name: 'decisionDate', date: true },
      { name: 'planNumber' },
      { name: 'planDate', date: true },
      { name: 'improvementNumber' },
      { name: 'improvementDate', date: true },
    ],
  },
];

const FOCUS_EVENT = 'rp-focus-text';

/** "Sửa" on a gap of the report texts: opens the field's group, scrolls to it and focuses it. */
export function focusReportText(field?: string) {
  window.dispatchEvent(new CustomEvent(FOCUS_EVENT, { detail: field ?? null }));
}

function groupOf(field: string | null): string | undefined {
  return GROUPS.find((g) => g.fields.some((f) => f.name === field))?.key;
}

function toValues(d: ReportTextsDto): Values {
  const v = {} as Values;
  for (const f of TEXT_FIELDS) v[f] = d[f];
  for (const f of DATE_FIELDS) v[f] = d[f] ? dayjs(d[f]) : null;
  return v;
}

/** "Nội dung báo cáo": the narrative parts and document numbers the workspace does not hold. */
export function TextsForm({ assessmentId }: { assessmentId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const texts = useApiQuery('reports.getTexts', { assessmentId });
  const [form] = Form.useForm<Values>();
  const save = useApiMutation('reports.saveTexts', {
    onSuccess: (saved) => {
      queryClient.setQueryData(['reports.getTexts', { assessmentId }], saved);
      void queryClient.invalidateQueries({ queryKey: ['reports.preview'] });
      void message.success(t('rp.texts.saved'));
    },
    onError: (err) => {
      void message.error(errorText(err, t, i18n.language));
      if (err.code === 'CONFLICT') void texts.refetch();
    },
  });
  const d = texts.data;
  const [open, setOpen] = useState<string[]>(['general']);

  useEffect(() => {
    const onFocus = (e: Event) => {
      const field = (e as CustomEvent<string | null>).detail;
      const group = groupOf(field);
      if (group) setOpen((o) => (o.includes(group) ? o : [...o, group]));
      // After the panel has opened.
      setTimeout(() => {
        const el = (field && document.getElementById(field)) || document.getElementById('rp-texts');
        el?.scrollIntoView?.({ behavior: 'smooth', block: 'center' });
        if (field) (el as HTMLElement | null)?.focus({ preventScroll: true });
      }, 50);
    };
    window.addEventListener(FOCUS_EVENT, onFocus);
    return () => window.removeEventListener(FOCUS_EVENT, onFocus);
  }, []);

  const onFinish = (v: Values) => {
    if (!d) return;
    const input: Record<string, unknown> = { assessmentId, expectedRev: d.rev };
    for (const f of TEXT_FIELDS) input[f] = (v[f] ?? '').trim();
    for (const f of DATE_FIELDS) input[f] = v[f] ? v[f].format('YYYY-MM-DD') : null;
    save.mutate(input as Parameters<typeof save.mutate>[0]);
  };

  return (
    <Card id="rp-texts" title={t('rp.texts.title')} data-testid="rp-texts">
      {texts.error ? (
        <Typography.Text type="danger">{errorText(texts.error, t, i18n.language)}</Typography.Text>
      ) : !d ? (
        <Skeleton active />
      ) : (
        <Form<Values>
          key={`${assessmentId}-${d.rev}`}
          form={form}
          layout="vertical"
          initialValues={toValues(d)}
          disabled={!d.canEdit}
          onFinish={onFinish}
        >
          <Typography.Paragraph type="secondary">{d.canEdit ? t('rp.texts.intro') : t('rp.texts.readOnly')}</Typography.Paragraph>
          <Collapse
            activeKey={open}
            onChange={(k) => setOpen(Array.isArray(k) ? k : [k])}
            items={GROUPS.map((g) => ({
              key: g.key,
              label: t(`rp.texts.groups.${g.key}`),
              forceRender: true,
              children: (
                <Row gutter={16}>
                  {g.fields.map((f) => (
                    <Col key={f.name} xs={24} md={f.long ? 24 : 12} lg={f.long ? 24 : 8}>
                      <Form.Item name={f.name} label={t(`rp.texts.fields.${f.name}`)}>
                        {f.date ? (
                          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} data-testid={`rp-text-${f.name}`} />
                        ) : f.long ? (
                          <Input.TextArea
                            autoSize={{ minRows: 3, maxRows: 12 }}
                            maxLength={20000}
                            data-testid={`rp-text-${f.name}`}
                          />
                        ) : (
                          <Input data-testid={`rp-text-${f.name}`} />
                        )}
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
              ),
            }))}
          />
          {d.canEdit && (
            <Button
              type="primary"
              htmlType="submit"
              loading={save.isPending}
              style={{ marginTop: 12 }}
              data-testid="rp-texts-save"
            >
              {t('rp.texts.save')}
            </Button>
          )}
        </Form>
      )}
    </Card>
  );
}
