import { Alert, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Provenance, ProvenanceGrade } from '../../../core/frameworks';

const GRADE_COLORS: Record<ProvenanceGrade, string> = {
  verbatim: 'green',
  secondary: 'gold',
  inference: 'purple',
};

/**
 * How sure we are of a text: "Nguyên văn" (seen in the regulation), "Văn bản thứ cấp" (quoted or
 * transcribed by a third party) or "Suy luận" (our reading). Shown wherever a text is used, so a
 * council never mistakes a transcription for the gazette.
 */
export function ProvenanceTag({ grade, note, testId }: { grade: ProvenanceGrade; note?: string; testId?: string }) {
  const { t } = useTranslation();
  const tag = (
    <Tag color={GRADE_COLORS[grade]} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {t(`fw.grade.${grade}`)}
    </Tag>
  );
  return (
    <Tooltip
      title={
        <>
          <div>{t(`fw.gradeHint.${grade}`)}</div>
          {note && <div style={{ marginTop: 6 }}>{note}</div>}
        </>
      }
    >
      {tag}
    </Tooltip>
  );
}

/** A provenance spelled out: the grade, its note and where it was taken from. */
export function ProvenanceNote({ provenance, testId }: { provenance: Provenance; testId?: string }) {
  const { t } = useTranslation();
  if (provenance.grade === 'verbatim') {
    return (
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0 }} data-testid={testId}>
        <ProvenanceTag grade="verbatim" /> {provenance.note}
      </Typography.Paragraph>
    );
  }
  return (
    <Alert
      type={provenance.grade === 'inference' ? 'warning' : 'info'}
      showIcon
      data-testid={testId}
      title={t(`fw.gradeHint.${provenance.grade}`)}
      description={
        <>
          <div>{provenance.note}</div>
          {provenance.source && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('fw.source')}: {provenance.source}
            </Typography.Text>
          )}
        </>
      }
    />
  );
}
