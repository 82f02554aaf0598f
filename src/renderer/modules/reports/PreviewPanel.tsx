import { Card, Empty, Flex, Skeleton, Tag, Tree, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GapDto, ReportKind, ReportOptions } from '../../../contract/schemas/reports';
import { errorText } from '../../api/error-text';
import { useApiQuery } from '../../api/hooks';
import { fixPath, groupGaps, outlineTree } from './kinds';
import { focusReportText } from './TextsForm';

export interface PreviewProps {
  assessmentId: string;
  kind: ReportKind;
  options?: Partial<ReportOptions>;
}

/** reports.preview for the chosen year and kind (shared by the preview and the build panel). */
export function usePreview({ assessmentId, kind, options }: PreviewProps) {
  return useApiQuery('reports.preview', options ? { assessmentId, kind, options } : { assessmentId, kind });
}

export function SeverityTag({ severity }: { severity: GapDto['severity'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={severity === 'required' ? 'red' : 'orange'} data-testid={`rp-sev-${severity}`}>
      {t(`rp.severity.${severity}`)}
    </Tag>
  );
}

function FixLink({ gap, assessmentId }: { gap: GapDto; assessmentId: string }) {
  const { t } = useTranslation();
  if (!gap.fix) return null;
  if (gap.fix.screen === 'reportTexts')
    return (
      <Typography.Link
        onClick={() => focusReportText(gap.fix?.field)}
        data-testid="rp-gap-fix"
      >
        {t('rp.fix')}
      </Typography.Link>
    );
  return (
    <Link to={fixPath(gap.fix, assessmentId) ?? '/self-assessment'} data-testid="rp-gap-fix">
      {t('rp.fix')}
    </Link>
  );
}

/** The document's outline (tree of headings) and every gap, grouped by the heading it stands under. */
export function PreviewPanel(props: PreviewProps) {
  const { t, i18n } = useTranslation();
  const preview = usePreview(props);
  const p = preview.data;
  return (
    <Card title={t('rp.preview.title')} data-testid="rp-preview" loading={preview.isPending}>
      {preview.error ? (
        <Typography.Text type="danger" data-testid="rp-preview-error">
          {errorText(preview.error, t, i18n.language)}
        </Typography.Text>
      ) : !p ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={12}>
          <div>
            <Typography.Text strong>{p.title}</Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="rp-filename">
              {p.fileName}
            </Typography.Text>
          </div>
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('rp.preview.outline')}
            </Typography.Title>
            {p.outline.length === 0 ? (
              <Typography.Text type="secondary">{t('rp.preview.noOutline')}</Typography.Text>
            ) : (
              <div style={{ maxHeight: 320, overflow: 'auto' }} data-testid="rp-outline">
                <Tree
                  key={`${p.kind}-${p.outline.length}`}
                  treeData={outlineTree(p.outline)}
                  defaultExpandAll
                  selectable={false}
                  blockNode
                />
              </div>
            )}
          </div>
          <div data-testid="rp-gaps">
            <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('rp.preview.gaps')}
              </Typography.Title>
              <Tag color={p.counts.required > 0 ? 'red' : 'default'} data-testid="rp-count-required">
                {t('rp.preview.required', { count: p.counts.required })}
              </Tag>
              <Tag color={p.counts.optional > 0 ? 'orange' : 'default'} data-testid="rp-count-optional">
                {t('rp.preview.optional', { count: p.counts.optional })}
              </Tag>
            </Flex>
            {p.gaps.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rp.preview.noGaps')} />
            ) : (
              <div style={{ maxHeight: 480, overflow: 'auto' }}>
                {groupGaps(p.gaps).map((g) => (
                  <div key={g.section} style={{ marginBottom: 8 }} data-testid="rp-gap-section">
                    <Typography.Text strong>{g.section}</Typography.Text>
                    <ul style={{ listStyle: 'none', margin: '4px 0 0', padding: 0 }}>
                      {g.gaps.map((gap) => (
                        <li
                          key={gap.key}
                          data-testid={`rp-gap-${gap.key}`}
                          style={{ display: 'flex', gap: 8, alignItems: 'baseline', padding: '4px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}
                        >
                          <span style={{ flex: 1 }}>
                            <SeverityTag severity={gap.severity} />
                            {gap.message}
                          </span>
                          <FixLink gap={gap} assessmentId={props.assessmentId} />
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
              </div>
            )}
          </div>
        </Flex>
      )}
    </Card>
  );
}
