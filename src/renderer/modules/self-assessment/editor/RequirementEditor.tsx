import { memo, useRef } from 'react';
import { Badge, Button, Flex, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, CommentOutlined, PaperClipOutlined, RedoOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { JudgmentDto, RequirementViewDto } from '../../../../contract/schemas/assessment';
import { citationProblemText, metReasons, judgeReasons, type Reason } from '../../../../core/assessment/gating';
import { CitationText, type EvidenceCodeInfo } from '../../../components/evidence';
import { formatDateTime } from '../../../format/date';
import { CitationTextarea, type CitationTextareaHandle } from './CitationTextarea';
import type { CitationLookup } from './citations';
import type { TextState } from './text-history';

const JUDGMENTS: { value: JudgmentDto; color: 'green' | 'danger' | 'default'; selected: 'solid' | 'filled' }[] = [
  { value: 'met', color: 'green', selected: 'solid' },
  { value: 'not_met', color: 'danger', selected: 'solid' },
  { value: 'unassessed', color: 'default', selected: 'filled' },
];

export interface RequirementEditorProps {
  req: RequirementViewDto;
  /** What is on screen (may differ from req until saved). */
  description: string;
  judgment: JudgmentDto;
  /** Mức L is considered now (live: Mức L−1 reached with the judgments on screen). */
  considered: boolean;
  /** Reasons the user cannot change the criterion at all (read-only state, not assigned). */
  blocked: readonly Reason[];
  lookup: CitationLookup;
  infoById: ReadonlyMap<string, EvidenceCodeInfo>;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onDescription: (text: string, before: TextState, coalesce: boolean) => void;
  onJudgment: (j: JudgmentDto) => void;
  onUndo: (current: TextState) => TextState | null;
  onRedo: (current: TextState) => TextState | null;
  onPick: (insert: (evidenceId: string) => void) => void;
  onConfirm: () => void;
  onComment: () => void;
  onOpenEvidence: (id: string) => void;
  /** Registers this field as the target of quick inserts (suggestions card). */
  onFocusField: (handle: CitationTextareaHandle | null) => void;
}

/**
 * One requirement of the criterion: the framework's text, the school's hiện trạng with its
 * citations, and the judgment. "Đạt" is refused (disabled, reasons on hover and below) until the
 * text cites at least one valid evidence — the same rule the server applies.
 */
export const RequirementEditor = memo(function RequirementEditor(p: RequirementEditorProps) {
  const { t } = useTranslation();
  const { req } = p;
  const draft = { description: p.description, judgment: p.judgment };
  const field = useRef<CitationTextareaHandle>(null);
  const editable = p.blocked.length === 0 && p.considered;
  const citations = p.lookup.citationsIn(draft.description);
  const judge = judgeReasons({ level: req.level, lowerLevelReached: p.considered, blocked: p.blocked });
  const met = metReasons({
    level: req.level,
    description: draft.description,
    citations,
    lowerLevelReached: p.considered,
    blocked: p.blocked,
  });
  const reasonList = (reasons: readonly Reason[]) => (
    <ul style={{ margin: 0, paddingInlineStart: 16 }}>
      {reasons.map((r) => (
        <li key={r.code}>{r.message}</li>
      ))}
    </ul>
  );
  const testId = `req-${req.level}-${req.code}`;

  return (
    <div
      data-testid={testId}
      data-judgment={draft.judgment}
      style={{ borderTop: '1px solid #eef0f4', paddingTop: 12, marginTop: 4 }}
    >
      <Flex gap={8} align="baseline" wrap style={{ marginBottom: 6 }}>
        <Typography.Text strong>{t('sa.editor.requirement', { level: req.level, code: req.code })}</Typography.Text>
        <Typography.Text style={{ flex: 1, minWidth: 240, color: '#3b4658' }} data-testid={`${testId}-text`}>
          {req.text}
        </Typography.Text>
        {req.needsConfirmation && (
          <Flex gap={6} align="center">
            <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid={`${testId}-carried`}>
              {t('sa.editor.needsConfirmation')}
            </Tag>
            {editable && (
              <Button size="small" icon={<CheckOutlined aria-hidden />} onClick={p.onConfirm} data-testid={`${testId}-confirm`}>
                {t('sa.editor.confirm')}
              </Button>
            )}
          </Flex>
        )}
      </Flex>

      <Flex gap={4} align="center" style={{ marginBottom: 4 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 'auto' }}>
          {t('sa.editor.descriptionLabel')}
        </Typography.Text>
        {editable && (
          <>
            <Tooltip title={t('sa.editor.insertHint')}>
              <Button
                size="small"
                type="text"
                icon={<PaperClipOutlined aria-hidden />}
                onClick={() => field.current?.focus()}
                data-testid={`${testId}-insert`}
              >
                {t('sa.editor.insert')}
              </Button>
            </Tooltip>
            <Tooltip title={t('sa.editor.undo')}>
              <Button
                size="small"
                type="text"
                icon={<UndoOutlined aria-hidden />}
                aria-label={t('sa.editor.undo')}
                disabled={!p.canUndo}
                onClick={() => p.onUndo({ text: draft.description, caret: 0 })}
                data-testid={`${testId}-undo`}
              />
            </Tooltip>
            <Tooltip title={t('sa.editor.redo')}>
              <Button
                size="small"
                type="text"
                icon={<RedoOutlined aria-hidden />}
                aria-label={t('sa.editor.redo')}
                disabled={!p.canRedo}
                onClick={() => p.onRedo({ text: draft.description, caret: 0 })}
              />
            </Tooltip>
          </>
        )}
        <Tooltip title={t('sa.editor.commentHere')}>
          <Badge count={req.openComments} size="small" offset={[-4, 4]}>
            <Button
              size="small"
              type="text"
              icon={<CommentOutlined aria-hidden />}
              aria-label={t('sa.editor.commentHere')}
              onClick={p.onComment}
              data-testid={`${testId}-comment`}
            />
          </Badge>
        </Tooltip>
      </Flex>

      <div onFocus={() => p.onFocusField(field.current)}>
        <CitationTextarea
          ref={field}
          value={draft.description}
          codeOf={p.lookup.codeOf}
          onChange={p.onDescription}
          onPickRequest={() => p.onPick((id) => field.current?.insert(id))}
          onUndo={p.onUndo}
          onRedo={p.onRedo}
          disabled={!p.considered}
          readOnly={p.blocked.length > 0}
          placeholder={editable ? t('sa.editor.placeholder') : undefined}
          aria-label={t('sa.editor.descriptionAria', { level: req.level, code: req.code })}
          data-testid={`${testId}-description`}
        />
      </div>

      {draft.description.trim() !== '' && (
        <div
          style={{ background: '#f7f9fc', border: '1px solid #edf0f5', borderRadius: 6, padding: '6px 10px', marginTop: 6 }}
          data-testid={`${testId}-preview`}
        >
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('sa.editor.preview')}
          </Typography.Text>
          <CitationText
            text={draft.description}
            codeById={new Map(citations.filter((c) => c.code).map((c) => [c.evidenceId, c.code!]))}
            infoById={p.infoById}
            onOpen={p.onOpenEvidence}
          />
        </div>
      )}

      {citations.some((c) => c.problem !== null || c.unverified) && (
        <Flex vertical gap={2} style={{ marginTop: 4 }} data-testid={`${testId}-citation-problems`}>
          {citations
            .filter((c) => c.problem !== null)
            .map((c) => (
              <Typography.Text key={c.evidenceId} type="danger" style={{ fontSize: 12 }}>
                {citationProblemText(c)}
              </Typography.Text>
            ))}
          {citations.some((c) => c.problem === null && c.unverified) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('sa.editor.unverified', {
                codes: citations
                  .filter((c) => c.problem === null && c.unverified)
                  .map((c) => c.code)
                  .join(', '),
              })}
            </Typography.Text>
          )}
        </Flex>
      )}

      <Flex gap={8} align="center" wrap style={{ marginTop: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sa.editor.judgment')}
        </Typography.Text>
        <Flex gap={4} role="radiogroup" aria-label={t('sa.editor.judgment')}>
          {JUDGMENTS.map((j) => {
            const reasons = j.value === 'met' ? met : j.value === 'unassessed' ? p.blocked : judge;
            const disabled = reasons.length > 0 && draft.judgment !== j.value;
            const selected = draft.judgment === j.value;
            const off = disabled || (selected && p.blocked.length > 0);
            const button = (
              <Button
                size="small"
                role="radio"
                aria-checked={selected}
                color={j.color}
                variant={selected ? j.selected : 'outlined'}
                disabled={off}
                style={off ? { pointerEvents: 'none' } : undefined}
                onClick={() => !selected && p.onJudgment(j.value)}
                data-testid={`${testId}-judge-${j.value}`}
                data-selected={selected}
              >
                {t(`sa.judgment.${j.value}`)}
              </Button>
            );
            // A disabled button gets no mouse events: the tooltip listens on a wrapper.
            return disabled ? (
              <Tooltip key={j.value} title={reasonList(reasons)}>
                <span style={{ display: 'inline-block', cursor: 'not-allowed' }} data-testid={`${testId}-judge-${j.value}-why`}>
                  {button}
                </span>
              </Tooltip>
            ) : (
              <span key={j.value}>{button}</span>
            );
          })}
        </Flex>
        {draft.judgment === 'met' && met.length > 0 && p.blocked.length === 0 && (
          <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`${testId}-unbacked`}>
            {t('sa.editor.unbacked')}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 'auto' }}>
          {p.dirty
            ? t('sa.editor.unsaved')
            : req.updatedAt
              ? t('sa.editor.updatedBy', { at: formatDateTime(req.updatedAt), by: req.updatedByName ?? '' })
              : ''}
        </Typography.Text>
      </Flex>
      {editable && met.length > 0 && draft.judgment !== 'met' && (
        <Typography.Text
          type="secondary"
          style={{ fontSize: 12, display: 'block', marginTop: 4 }}
          data-testid={`${testId}-met-reasons`}
        >
          {t('sa.editor.metNeeds')} {met.map((r) => r.message).join(' ')}
        </Typography.Text>
      )}
    </div>
  );
});
