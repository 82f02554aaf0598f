import { useState } from 'react';
import { Alert, App, Card, Flex, Input, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SchoolDataItem } from '../../../../core/assessment/school-data';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import { LoadError, Loading, useErrorText, useInvalidate, useWorkspace } from '../shared';

interface Row {
  key: string;
  section: string;
  item: SchoolDataItem | null;
}

/**
 * Cơ sở dữ liệu (Phụ lục Biểu 1): the figures of the last three school years, one column per
 * year, typed in once; totals are computed, room counts come from the asset inventory when it
 * has them. Each cell saves when it loses focus.
 */
export function SchoolDataTab() {
  const { t } = useTranslation();
  const { assessment } = useWorkspace();
  const { message } = App.useApp();
  const text = useErrorText();
  const invalidate = useInvalidate();
  const data = useApiQuery('schoolData.get', { assessmentId: assessment.id });
  const set = useApiMutation('schoolData.set');
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<string | null>(null);

  if (data.isPending) return <Loading />;
  if (data.isError) return <LoadError error={data.error} />;
  const d = data.data;
  const lastYear = d.years[d.years.length - 1];

  const rows: Row[] = d.catalog.sections.flatMap((s) => [
    { key: `section-${s.code}`, section: s.title, item: null },
    ...s.items.map((item) => ({ key: item.key, section: s.code, item })),
  ]);

  const save = async (year: string, key: string, raw: string) => {
    const cell = `${year}|${key}`;
    const current = d.values[year]?.[key]?.value ?? '';
    if (raw.trim() === current) {
      setEdits(({ [cell]: _, ...rest }) => rest);
      return;
    }
    const unit = d.catalog.sections.flatMap((s) => s.items).find((i) => i.key === key)?.unit;
    const value = raw.trim() === '' ? null : unit === 'text' ? raw.trim() : Number(raw.replace(/\./g, '').replace(',', '.'));
    if (typeof value === 'number' && Number.isNaN(value)) {
      void message.warning(t('sa.data.notNumber'));
      return;
    }
    setSaving(cell);
    try {
      await set.mutateAsync({ assessmentId: assessment.id, schoolYear: year, values: { [key]: value } });
      await invalidate('schoolData.get');
      setEdits(({ [cell]: _, ...rest }) => rest);
    } catch (err) {
      void message.error(text(err));
    } finally {
      setSaving(null);
    }
  };

  return (
    <Card size="small" title={t('sa.data.title', { count: d.years.length })} data-testid="school-data">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('sa.data.hint')}
      </Typography.Paragraph>
      {!d.canEdit && <Alert type="info" showIcon title={t('sa.data.readOnly')} style={{ marginBottom: 12 }} />}
      <Table<Row>
        size="small"
        bordered
        pagination={false}
        dataSource={rows}
        rowKey="key"
        scroll={{ y: 'calc(100vh - 330px)' }}
        columns={[
          {
            title: t('sa.data.item'),
            key: 'label',
            onCell: (r) => ({ colSpan: r.item ? 1 : d.years.length + 1 }),
            render: (_, r) =>
              r.item ? (
                <Flex gap={6} align="baseline" style={{ paddingInlineStart: r.item.sumOf ? 0 : 12 }}>
                  <span style={{ fontWeight: r.item.sumOf ? 600 : 400 }}>{r.item.label}</span>
                  {r.item.unit === 'percent' && <Typography.Text type="secondary">(%)</Typography.Text>}
                  {r.item.source === 'inventory' && <Tag style={{ fontSize: 11 }}>{t('sa.data.fromInventory')}</Tag>}
                </Flex>
              ) : (
                <Typography.Text strong>{r.section}</Typography.Text>
              ),
          },
          ...d.years.map((year) => ({
            title: year,
            key: year,
            width: 140,
            align: 'right' as const,
            onCell: (r: Row) => ({ colSpan: r.item ? 1 : 0 }),
            render: (_: unknown, r: Row) => {
              if (!r.item) return null;
              const cell = `${year}|${r.item.key}`;
              const v = d.values[year]?.[r.item.key];
              const readOnly =
                !d.canEdit ||
                !!r.item.sumOf ||
                v?.source === 'computed' ||
                v?.source === 'inventory' ||
                (r.item.currentYearOnly && year !== lastYear);
              if (readOnly) {
                const hint =
                  r.item.sumOf || v?.source === 'computed'
                    ? t('sa.data.computed')
                    : v?.source === 'inventory'
                      ? t('sa.data.fromInventory')
                      : undefined;
                return (
                  <Tooltip title={hint}>
                    <span
                      style={{
                        color: v?.source === 'entered' ? undefined : '#595959',
                        fontWeight: r.item.sumOf ? 600 : undefined,
                        paddingInlineEnd: 8,
                      }}
                      data-testid={`data-${year}-${r.item.key}`}
                    >
                      {v?.value ?? ''}
                    </span>
                  </Tooltip>
                );
              }
              return (
                <Input
                  size="small"
                  style={{ textAlign: 'right', background: edits[cell] !== undefined ? '#fffbe6' : undefined }}
                  value={edits[cell] ?? v?.value ?? ''}
                  disabled={saving === cell}
                  onChange={(e) => setEdits((x) => ({ ...x, [cell]: e.target.value }))}
                  onBlur={(e) => void save(year, r.item!.key, e.target.value)}
                  onPressEnter={(e) => (e.target as HTMLInputElement).blur()}
                  aria-label={`${r.item.label} ${year}`}
                  data-testid={`data-${year}-${r.item.key}`}
                />
              );
            },
          })),
        ]}
      />
    </Card>
  );
}
