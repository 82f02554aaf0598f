import { useEffect } from 'react';
import { Badge, Card, Flex, Tooltip, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { levelLabel } from '../../../../core/frameworks';
import { useApiQuery } from '../../../api/hooks';
import { levelColors } from '../../../components/level';
import { CriterionEditor } from '../editor/CriterionEditor';
import { StandardSummaryEditor } from '../editor/StandardSummaryEditor';
import { useDeptComments } from '../dept-comments';
import { REVIEW_STATE_COLORS, useWorkspace } from '../shared';

const STATE_DOT: Record<string, string> = {
  default: '#bfbfbf',
  processing: '#1677ff',
  gold: '#faad14',
  green: '#52c41a',
  red: '#ff4d4f',
};

/** Tiêu chí: the criteria (state, level, progress) on the left; the editor or a standard's analysis on the right. */
export function CriteriaTab({ code }: { code?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { assessment, framework, base } = useWorkspace();
  const list = useApiQuery('criterion.list', { assessmentId: assessment.id });
  const rows = new Map((list.data ?? []).map((r) => [r.code, r]));
  const dept = useDeptComments(assessment.id);
  const first = framework.standards[0]?.criteria[0]?.code;

  useEffect(() => {
    if (!code && first) navigate(`${base}/criteria/${first}`, { replace: true });
  }, [code, first, base, navigate]);

  const summaryScope = code?.startsWith('tc-') ? code.slice(3) : null;

  return (
    <Flex gap={12} align="start">
      <Card
        size="small"
        style={{ width: 260, flex: 'none', position: 'sticky', top: 12 }}
        styles={{ body: { padding: 6, maxHeight: 'calc(100vh - 230px)', overflow: 'auto' } }}
        data-testid="criteria-nav"
      >
        {framework.standards.map((s) => (
          <div key={s.code} style={{ marginBottom: 6 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', padding: '4px 8px 2px' }} title={s.title}>
              {t('sa.criteria.standard', { code: s.code })}
            </Typography.Text>
            {s.criteria.map((c) => {
              const r = rows.get(c.code);
              const selected = c.code === code;
              const colors = levelColors(r?.assessed ? r.level : null);
              return (
                <button
                  key={c.code}
                  type="button"
                  onClick={() => navigate(`${base}/criteria/${c.code}`)}
                  data-testid={`nav-criterion-${c.code}`}
                  data-state={r?.reviewState ?? 'draft'}
                  data-level={r?.assessed ? r.level : ''}
                  aria-current={selected ? 'page' : undefined}
                  style={{
                    display: 'flex',
                    width: '100%',
                    gap: 6,
                    alignItems: 'center',
                    border: 0,
                    borderRadius: 6,
                    padding: '4px 8px',
                    background: selected ? '#e6eef9' : 'transparent',
                    cursor: 'pointer',
                    font: 'inherit',
                    textAlign: 'left',
                  }}
                >
                  <Tooltip title={r ? t(`sa.state.${r.reviewState}`) : ''}>
                    <span
                      aria-label={r ? t(`sa.state.${r.reviewState}`) : undefined}
                      style={{
                        width: 8,
                        height: 8,
                        borderRadius: 4,
                        flex: 'none',
                        background: STATE_DOT[REVIEW_STATE_COLORS[r?.reviewState ?? 'draft']],
                      }}
                    />
                  </Tooltip>
                  <strong style={{ width: 28, flex: 'none' }}>
                    {c.code}
                    {c.mandatory && <span style={{ color: '#cf1322' }}>*</span>}
                  </strong>
                  <span
                    style={{
                      flex: 1,
                      minWidth: 0,
                      overflow: 'hidden',
                      textOverflow: 'ellipsis',
                      whiteSpace: 'nowrap',
                      fontSize: 13,
                    }}
                    title={c.title}
                  >
                    {c.title}
                  </span>
                  {r && r.openComments > 0 && <Badge count={r.openComments} size="small" color="#faad14" />}
                  {(dept.unanswered.get(c.code) ?? 0) > 0 && (
                    <Tooltip title={t('sa.dept.badge', { count: dept.unanswered.get(c.code) })}>
                      <span
                        data-testid={`dept-badge-${c.code}`}
                        data-count={dept.unanswered.get(c.code)}
                        aria-label={t('sa.dept.badge', { count: dept.unanswered.get(c.code) })}
                      >
                        <Badge count={dept.unanswered.get(c.code)} size="small" color="#fa541c" />
                      </span>
                    </Tooltip>
                  )}
                  <span
                    style={{
                      fontSize: 11,
                      padding: '0 5px',
                      borderRadius: 4,
                      border: `1px solid ${colors.border}`,
                      background: colors.background,
                      color: colors.color,
                      whiteSpace: 'nowrap',
                    }}
                  >
                    {r?.assessed ? levelLabel(framework, r.level) : '—'}
                  </span>
                </button>
              );
            })}
            <button
              type="button"
              onClick={() => navigate(`${base}/criteria/tc-${s.code}`)}
              data-testid={`nav-summary-${s.code}`}
              aria-current={summaryScope === s.code ? 'page' : undefined}
              style={{
                display: 'flex',
                width: '100%',
                gap: 6,
                alignItems: 'center',
                border: 0,
                borderRadius: 6,
                padding: '3px 8px',
                background: summaryScope === s.code ? '#e6eef9' : 'transparent',
                cursor: 'pointer',
                font: 'inherit',
                fontSize: 12,
                color: '#1d4f91',
                textAlign: 'left',
              }}
            >
              <FileTextOutlined aria-hidden /> {t('sa.summary.link', { code: s.code })}
            </button>
          </div>
        ))}
      </Card>
      <div style={{ flex: 1, minWidth: 0 }}>
        {summaryScope ? (
          <StandardSummaryEditor key={summaryScope} scopeCode={summaryScope} />
        ) : code ? (
          <CriterionEditor key={code} code={code} />
        ) : null}
      </div>
    </Flex>
  );
}
