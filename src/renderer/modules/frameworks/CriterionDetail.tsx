import type { ReactNode } from 'react';
import { Button, Flex, Tag, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  allCriteria,
  formatEvidenceCode,
  levelLabel,
  provenanceOf,
  requirementsAt,
  type Criterion,
  type LevelsFramework,
  type Requirement,
  type Standard,
} from '../../../core/frameworks';
import { levelTagStyle } from '../../components/level';
import { Highlight } from './Highlight';
import { ProvenanceNote, ProvenanceTag } from './ProvenanceTag';

const SECTION_TITLE = { marginTop: 24, marginBottom: 8 } as const;

/** "a)" for the legacy Mức 1 indicators, "1." for numbered items; nothing for a lone paragraph. */
function marker(req: Requirement, count: number): string {
  if (count === 1 && /^\d+$/.test(req.code)) return '';
  return /^[a-zđ]$/i.test(req.code) ? `${req.code})` : `${req.code}.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

export interface CriterionDetailProps {
  framework: LevelsFramework;
  standard: Standard;
  criterion: Criterion;
  /** Normalized search query, highlighted in the texts. */
  query: string;
  onOpen: (code: string) => void;
  /** Legacy frameworks: opens the Mức 4 page. */
  onOpenLevel4?: () => void;
}

/** One criterion in full: each level's requirements, evidence, data items and provenance. */
export function CriterionDetail({ framework, standard, criterion: c, query, onOpen, onOpenLevel4 }: CriterionDetailProps) {
  const { t } = useTranslation();
  const criteria = allCriteria(framework);
  const index = criteria.findIndex((x) => x.code === c.code);
  const prev = criteria[index - 1];
  const next = criteria[index + 1];
  const provenance = c.provenance ?? standard.provenance ?? provenanceOf(framework, c);
  const legacy = framework.levelRule.type === 'all-criteria';
  const hl = (text: string) => <Highlight text={text} query={query} />;

  const levels: ReactNode[] = [];
  for (let level = 1; level <= framework.maxLevel; level++) {
    const spec = c.levels.find((l) => l.level === level);
    const reqs = requirementsAt(c, level);
    levels.push(
      <section
        key={level}
        data-testid={`fw-level-${level}`}
        style={{
          borderInlineStart: `4px solid ${levelTagStyle(level).borderColor as string}`,
          background: reqs.length ? '#fff' : '#fafafa',
          padding: '8px 12px',
          marginBottom: 12,
          borderRadius: 4,
        }}
      >
        <Flex gap={8} align="center" wrap style={{ marginBottom: reqs.length ? 6 : 0 }}>
          <Tag style={levelTagStyle(level)}>{levelLabel(framework, level)}</Tag>
          {legacy && level === 1 && reqs.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('fw.detail.indicators')}
            </Typography.Text>
          )}
          {spec?.provenance && <ProvenanceTag grade={spec.provenance.grade} note={spec.provenance.note} />}
        </Flex>
        {reqs.length === 0 ? (
          <Typography.Text type="secondary" data-testid={`fw-level-${level}-absent`}>
            {framework.levelRule.type === 'all-criteria' && framework.levelRule.absentLevelMeans === 'previous-level'
              ? t('fw.detail.absentLevelPrevious', {
                  level: levelLabel(framework, level),
                  previous: levelLabel(framework, level - 1),
                })
              : t('fw.detail.absentLevel', { level: levelLabel(framework, level) })}{' '}
            <ProvenanceTag grade={framework.levelRule.provenance.grade} note={framework.levelRule.provenance.note} />
          </Typography.Text>
        ) : (
          <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {reqs.map((r) => {
              const m = marker(r, reqs.length);
              return (
                <li key={r.code} style={{ display: 'flex', gap: 8, marginBottom: 6 }} data-testid={`fw-req-${level}-${r.code}`}>
                  {m && <strong style={{ flex: 'none', minWidth: 20 }}>{m}</strong>}
                  <Typography.Paragraph style={{ marginBottom: 0, lineHeight: 1.65 }}>
                    {hl(r.text)}
                    {r.provenance && (
                      <>
                        {' '}
                        <ProvenanceTag grade={r.provenance.grade} note={r.provenance.note} />
                      </>
                    )}
                  </Typography.Paragraph>
                </li>
              );
            })}
          </ol>
        )}
      </section>,
    );
  }

  let evidenceCodes: string | null = null;
  if (framework.evidenceCode) {
    try {
      evidenceCodes = [1, 2].map((seq) => formatEvidenceCode(framework.evidenceCode!, c.code, seq)).join(', ') + ', …';
    } catch {
      evidenceCodes = null;
    }
  }

  return (
    <article data-testid="fw-criterion" data-code={c.code}>
      <Typography.Text type="secondary">
        {t('fw.standardN', { code: standard.code })}: {standard.title}
      </Typography.Text>
      <Typography.Title level={4} style={{ marginTop: 4 }} data-testid="fw-criterion-title">
        {t('fw.criterionN', { code: c.code })}: {hl(c.title)}
      </Typography.Title>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        {c.mandatory ? (
          <Tag color="red" data-testid="fw-criterion-mandatory" style={{ marginInlineEnd: 0 }}>
            {t('fw.mandatory')}
          </Tag>
        ) : (
          framework.levelRule.type === 'mandatory-quota' && <Tag style={{ marginInlineEnd: 0 }}>{t('fw.notMandatory')}</Tag>
        )}
        <ProvenanceTag grade={provenance.grade} note={provenance.note} testId="fw-criterion-grade" />
      </Flex>

      <Typography.Title level={5} style={{ marginTop: 0, marginBottom: 8 }}>
        {t('fw.detail.requirements')}
      </Typography.Title>
      {levels}
      {legacy && framework.level4Clauses.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('fw.detail.level4Note')}{' '}
          {onOpenLevel4 && (
            <Typography.Link onClick={onOpenLevel4} data-testid="fw-open-level4">
              {t('fw.level4.open')}
            </Typography.Link>
          )}
        </Typography.Paragraph>
      )}

      {(c.evidenceGroup || c.suggestedEvidence.length > 0 || evidenceCodes) && (
        <section data-testid="fw-evidence">
          <Typography.Title level={5} style={SECTION_TITLE}>
            {t('fw.detail.evidence')}
          </Typography.Title>
          {c.evidenceGroup && (
            <Typography.Paragraph style={{ marginBottom: 6 }}>
              <Typography.Text type="secondary">{t('fw.detail.evidenceGroup')}: </Typography.Text>
              {hl(c.evidenceGroup)}
            </Typography.Paragraph>
          )}
          {c.suggestedEvidence.length > 0 && (
            <>
              <Typography.Text type="secondary">{t('fw.detail.suggestedEvidence')}:</Typography.Text>
              <ul style={{ marginTop: 4, paddingInlineStart: 22 }}>
                {c.suggestedEvidence.map((e, i) => (
                  <li key={i}>{hl(capitalize(e))}</li>
                ))}
              </ul>
            </>
          )}
          {evidenceCodes && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              {t('fw.detail.evidenceCodes')}: <Typography.Text code>{evidenceCodes}</Typography.Text>
            </Typography.Paragraph>
          )}
        </section>
      )}

      {(c.quantitativeData.length > 0 || c.quantitativeNote) && (
        <section data-testid="fw-quantitative">
          <Typography.Title level={5} style={SECTION_TITLE}>
            {t('fw.detail.quantitative')}
          </Typography.Title>
          {c.quantitativeData.length > 0 && (
            <ol style={{ marginTop: 0, paddingInlineStart: 22 }}>
              {c.quantitativeData.map((q) => (
                <li key={q.code}>
                  {hl(capitalize(q.text))}
                  {q.unit && (
                    <Tag style={{ marginInlineStart: 8 }} color={q.unit === '%' ? 'geekblue' : 'default'}>
                      {q.unit === '%' ? t('fw.detail.unitPercent') : t('fw.detail.unitCount')}
                    </Tag>
                  )}
                </li>
              ))}
            </ol>
          )}
          {c.quantitativeNote && <Typography.Paragraph type="secondary">{hl(c.quantitativeNote)}</Typography.Paragraph>}
        </section>
      )}

      <section data-testid="fw-provenance">
        <Typography.Title level={5} style={SECTION_TITLE}>
          {t('fw.detail.provenance')}
        </Typography.Title>
        <ProvenanceNote provenance={provenance} />
        {standard.provenance && standard.provenance !== provenance && (
          <div style={{ marginTop: 8 }}>
            <ProvenanceNote provenance={standard.provenance} />
          </div>
        )}
      </section>

      <Flex justify="space-between" style={{ marginTop: 24 }}>
        {prev ? (
          <Button icon={<LeftOutlined />} onClick={() => onOpen(prev.code)} data-testid="fw-prev">
            {t('fw.criterionN', { code: prev.code })}
          </Button>
        ) : (
          <span />
        )}
        {next && (
          <Button onClick={() => onOpen(next.code)} data-testid="fw-next">
            {t('fw.criterionN', { code: next.code })} <RightOutlined />
          </Button>
        )}
      </Flex>
    </article>
  );
}
