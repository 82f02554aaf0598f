import { useMemo, useState } from 'react';
import { Alert, Card, Collapse, Empty, Flex, Input, Table, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { provenanceOf, type PointsFramework, type PointsItem } from '../../../core/frameworks';
import { FrameworkOverview } from './FrameworkOverview';
import { Highlight } from './Highlight';
import { ProvenanceTag } from './ProvenanceTag';
import { normalizeQuery, searchPoints } from './search';

/** QĐ 4725-style index: groups of scored items, mandatory preconditions, level thresholds. */
export function PointsFrameworkView({ framework: fw }: { framework: PointsFramework }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const q = normalizeQuery(query);
  const filtered = useMemo(() => searchPoints(fw, q), [fw, q]);
  const missing = fw.groups.filter((g) => g.missingPoints > 0);

  return (
    <div data-testid="fw-points" style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      {!fw.complete && (
        <Alert
          type="warning"
          showIcon
          data-testid="fw-incomplete"
          title={t('fw.points.incompleteTitle')}
          description={
            <>
              {t('fw.points.incompleteText')}
              {missing.length > 0 && (
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                  {missing.map((g) => (
                    <li key={g.code}>{t('fw.points.groupMissing', { code: g.code, title: g.title, points: g.missingPoints })}</li>
                  ))}
                </ul>
              )}
            </>
          }
        />
      )}

      <Card size="small" title={t('fw.points.thresholds')} data-testid="fw-thresholds">
        <Table
          size="small"
          pagination={false}
          rowKey="level"
          dataSource={fw.thresholds}
          columns={[
            { title: t('fw.points.level'), dataIndex: 'label', key: 'label' },
            {
              title: t('fw.points.condition'),
              key: 'condition',
              render: (_, th) =>
                th.inclusive
                  ? t('fw.points.fromScore', { score: th.minScore })
                  : t('fw.points.aboveScore', { score: th.minScore }),
            },
          ]}
        />
        <Flex vertical gap={6} style={{ marginTop: 12 }}>
          <span>
            <ProvenanceTag grade={fw.thresholdsProvenance.grade} note={fw.thresholdsProvenance.note} />{' '}
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {fw.thresholdsProvenance.note}
            </Typography.Text>
          </span>
          <span>
            {fw.aggregateRule.text}{' '}
            <ProvenanceTag grade={fw.aggregateRule.provenance.grade} note={fw.aggregateRule.provenance.note} />
          </span>
          <span>
            {fw.mandatoryRule.text}{' '}
            <ProvenanceTag grade={fw.mandatoryRule.provenance.grade} note={fw.mandatoryRule.provenance.note} />
          </span>
        </Flex>
      </Card>

      <Input
        allowClear
        prefix={<SearchOutlined aria-hidden style={{ color: '#8c8c8c' }} />}
        placeholder={t('fw.points.searchPlaceholder')}
        aria-label={t('fw.points.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        style={{ maxWidth: 420 }}
        data-testid="fw-points-search"
      />

      {fw.groups.map((g) => {
        const items = filtered ? (filtered.get(g.code) ?? []) : g.items;
        if (filtered && items.length === 0) return null;
        return (
          <Card
            key={g.code}
            size="small"
            data-testid={`fw-group-${g.code}`}
            title={
              <span style={{ whiteSpace: 'normal' }}>
                {t('fw.points.group', { code: g.code })}: <Highlight text={g.title} query={q} />
              </span>
            }
            extra={<Tag color="blue">{t('fw.points.maxScore', { score: g.maxScore })}</Tag>}
          >
            {g.missingPoints > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 8 }}
                title={t('fw.points.groupMissingShort', {
                  points: g.missingPoints,
                  listed: g.items.reduce((n, i) => n + i.maxPoints, 0),
                  max: g.maxScore,
                })}
              />
            )}
            {g.provenance && (
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                <ProvenanceTag grade={g.provenance.grade} note={g.provenance.note} /> {g.provenance.note}
              </Typography.Paragraph>
            )}
            <Table<PointsItem>
              size="small"
              pagination={false}
              rowKey="code"
              dataSource={items}
              columns={[
                { title: t('fw.points.code'), dataIndex: 'code', key: 'code', width: 80 },
                {
                  title: t('fw.points.item'),
                  key: 'title',
                  render: (_, item) => (
                    <>
                      <Highlight text={item.title} query={q} />
                      {item.mandatory && (
                        <Tag color="red" style={{ marginInlineStart: 8 }} data-testid={`fw-item-mandatory-${item.code}`}>
                          {t('fw.points.mandatory')}
                        </Tag>
                      )}
                    </>
                  ),
                },
                {
                  title: t('fw.points.maxPoints'),
                  key: 'points',
                  width: 110,
                  align: 'right',
                  render: (_, item) => (item.mandatory ? <Typography.Text type="secondary">—</Typography.Text> : item.maxPoints),
                },
                {
                  title: t('fw.points.grade'),
                  key: 'grade',
                  width: 150,
                  render: (_, item) => {
                    const p = provenanceOf(fw, item);
                    return <ProvenanceTag grade={p.grade} note={p.note} />;
                  },
                },
              ]}
            />
          </Card>
        );
      })}
      {filtered && [...filtered.values()].every((items) => items.length === 0) && (
        <Empty description={t('fw.tree.noMatch', { query: query.trim() })} />
      )}

      <Collapse items={[{ key: 'doc', label: t('fw.points.document'), children: <FrameworkOverview framework={fw} /> }]} />
    </div>
  );
}
