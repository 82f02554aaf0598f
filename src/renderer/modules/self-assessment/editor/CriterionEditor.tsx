import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Collapse, Divider, Flex, Tag, Typography } from 'antd';
import {
  CheckCircleOutlined,
  ExclamationCircleOutlined,
  HistoryOutlined,
  LeftOutlined,
  LoadingOutlined,
  RightOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CriterionEditorDto, JudgmentDto, ReviewActionDto } from '../../../../contract/schemas/assessment';
import {
  backedCriterionLevel,
  engineValue,
  levelConsidered,
  type EntryForLevels,
  type Reason,
} from '../../../../core/assessment/gating';
import { allCriteria, findCriterion, levelLabel } from '../../../../core/frameworks';
import { schoolLevel } from '../../../../core/levels';
import { useApi } from '../../../api/ApiProvider';
import { apiKey, useApiQuery } from '../../../api/hooks';
import { EvidenceTag, useEvidenceCodes } from '../../../components/evidence';
import { levelTagStyle } from '../../../components/level';
import { formatDate } from '../../../format/date';
import { ASSESSMENT_VIEWS, LoadError, Loading, useErrorText, useInvalidate, useWorkspace } from '../shared';
import type { CitationTextareaHandle } from './CitationTextarea';
import { citationLookup, type CitationLookup } from './citations';
import { CommentsCard, type CommentsHandle } from './CommentsCard';
import { DeptCommentsCard } from './DeptCommentsCard';
import { EvidencePickModal } from './EvidencePickModal';
import { HistoryDrawer } from './HistoryDrawer';
import { RequirementEditor } from './RequirementEditor';
import { ReviewBar, type Anchor } from './ReviewBar';
import type { TextState } from './text-history';
import { draftKey, useCriterionDrafts, type SaveStatus } from './useCriterionDrafts';

/** The criterion editor: loads the criterion, then edits it (remounted per criterion). */
export function CriterionEditor({ code, autosaveDelay }: { code: string; autosaveDelay?: number }) {
  const { assessment } = useWorkspace();
  const q = useApiQuery('criterion.get', { assessmentId: assessment.id, criterionCode: code });
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  return <EditorBody key={code} editor={q.data} autosaveDelay={autosaveDelay} />;
}

export function SaveIndicator({ status }: { status: SaveStatus }) {
  const { t } = useTranslation();
  const style = { fontSize: 13, whiteSpace: 'nowrap' as const };
  switch (status.kind) {
    case 'idle':
      return (
        <Typography.Text type="secondary" style={style} data-testid="save-status" data-kind="idle">
          {t('sa.save.auto')}
        </Typography.Text>
      );
    case 'pending':
    case 'saving':
      return (
        <Typography.Text type="secondary" style={style} data-testid="save-status" data-kind={status.kind}>
          <LoadingOutlined aria-hidden /> {t('sa.save.saving')}
        </Typography.Text>
      );
    case 'saved':
      return (
        <Typography.Text type="success" style={style} data-testid="save-status" data-kind="saved">
          <CheckCircleOutlined aria-hidden /> {t('sa.save.savedAt', { time: dayjs(status.at).format('HH:mm') })}
        </Typography.Text>
      );
    case 'error':
      return (
        <Typography.Text type="danger" style={style} data-testid="save-status" data-kind="error" title={status.message}>
          <ExclamationCircleOutlined aria-hidden /> {t('sa.save.error')}
        </Typography.Text>
      );
    case 'conflict':
      return (
        <Typography.Text type="danger" style={style} data-testid="save-status" data-kind="conflict">
          <ExclamationCircleOutlined aria-hidden /> {t('sa.save.conflict')}
        </Typography.Text>
      );
  }
}

function EditorBody({ editor, autosaveDelay }: { editor: CriterionEditorDto; autosaveDelay?: number }) {
  const { t } = useTranslation();
  const { assessment, framework, base } = useWorkspace();
  const { client } = useApi();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const text = useErrorText();
  const invalidate = useInvalidate();
  const code = editor.criterion.code;
  const ref = { assessmentId: assessment.id, criterionCode: code };
  const cacheKey = apiKey('criterion.get', ref);
  const codes = useEvidenceCodes(framework.id, assessment.id);
  const levelsView = useApiQuery('assessment.levels', { id: assessment.id });
  const [historyOpen, setHistoryOpen] = useState(false);
  const [picking, setPicking] = useState<{ insert: (id: string) => void } | null>(null);
  const [busy, setBusy] = useState<ReviewActionDto | null>(null);
  const focused = useRef<CitationTextareaHandle | null>(null);
  const comments = useRef<CommentsHandle>(null);
  const confirmRef = useRef<(level?: number, requirementCode?: string) => Promise<void>>(async () => {});
  const actRef = useRef<(action: ReviewActionDto, note: string, anchor: Anchor) => Promise<boolean>>(async () => false);
  const onAction = useCallback(
    (action: ReviewActionDto, note: string, anchor: Anchor) => actRef.current(action, note, anchor),
    [],
  );

  const refreshViews = () => invalidate(...ASSESSMENT_VIEWS);
  const adopt = (e: CriterionEditorDto) => {
    qc.setQueryData(cacheKey, e);
    void refreshViews();
  };

  const drafts = useCriterionDrafts(editor, {
    save: (input) => client.call('criterion.saveRequirement', input),
    reload: () => client.call('criterion.get', ref),
    onEditor: adopt,
    onRefused: (m) => void message.warning(m),
    errorText: text,
    delay: autosaveDelay,
  });

  const lookup = useMemo(() => citationLookup(editor, codes.codeById, codes.infoById), [editor, codes.codeById, codes.infoById]);

  // Stable handlers per requirement, so typing in one re-renders only that one.
  const latest = useRef(drafts);
  latest.current = drafts;
  const keys = editor.levels.flatMap((lv) => lv.requirements.map((r) => draftKey(r.level, r.code)));
  const keySignature = keys.join(',');
  const handlers = useMemo(
    () =>
      new Map(
        keySignature.split(',').map((key) => {
          const [level, req] = [Number(key.split(':')[0]), key.split(':')[1]];
          return [
            key,
            {
              onDescription: (s: string, before: TextState, coalesce: boolean) =>
                latest.current.setDescription(key, s, before, coalesce),
              onJudgment: (j: JudgmentDto) => latest.current.setJudgment(key, j),
              onUndo: (cur: TextState) => latest.current.undo(key, cur),
              onRedo: (cur: TextState) => latest.current.redo(key, cur),
              onPick: (insert: (id: string) => void) => setPicking({ insert }),
              onConfirm: () => void confirmRef.current(level, req),
              onComment: () => comments.current?.startAt({ level, requirementCode: req }),
              onFocusField: (h: CitationTextareaHandle | null) => (focused.current = h),
            },
          ] as const;
        }),
      ),
    [keySignature],
  );
  const onOpenEvidence = useCallback((id: string) => navigate(`/evidence?fw=${framework.id}&ev=${id}`), [navigate, framework.id]);
  /** A linked evidence clicked in the hints: cited in the field last edited, else opened. */
  const onCite = useCallback(
    (id: string) => (focused.current ? focused.current.insert(id) : onOpenEvidence(id)),
    [onOpenEvidence],
  );
  const criterion = findCriterion(framework, code)!;
  const blocked = editor.permissions.editReasons as Reason[];

  // Live levels from what is on screen (the server confirms after each save).
  const entries: EntryForLevels[] = editor.levels.flatMap((lv) =>
    lv.requirements.map((r) => {
      const d = drafts.get(draftKey(r.level, r.code))!;
      return {
        criterionCode: code,
        level: r.level,
        requirementCode: r.code,
        description: d.description,
        judgment: d.judgment,
        needsConfirmation: r.needsConfirmation,
        validEvidenceIds: lookup
          .citationsIn(d.description)
          .filter((c) => c.problem === null)
          .map((c) => c.evidenceId),
      };
    }),
  );
  const live = backedCriterionLevel(framework, criterion, entries);
  const liveAssessed = entries.some((e) => engineValue(e) !== null);
  const school = useMemo(() => {
    if (!levelsView.data) return null;
    const map: Record<string, number> = {};
    for (const c of levelsView.data.criteria) if (c.assessed) map[c.code] = c.level;
    if (liveAssessed) map[code] = live.level;
    else delete map[code];
    try {
      return schoolLevel(framework, map).schoolLevel;
    } catch {
      return null;
    }
  }, [levelsView.data, liveAssessed, live.level, code, framework]);

  const act = async (action: ReviewActionDto, note: string, anchor: Anchor): Promise<boolean> => {
    setBusy(action);
    try {
      if (!(await drafts.flush())) {
        void message.warning(t('sa.review.unsaved'));
        return false;
      }
      const res = await client.call('review.transition', { ...ref, action, note, ...anchor });
      qc.setQueryData(cacheKey, res.editor);
      await invalidate(...ASSESSMENT_VIEWS, 'review.comments', 'review.events');
      void message.success(t(`sa.review.done.${action}`, { code }));
      return true;
    } catch (err) {
      void message.error(text(err));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const confirm = async (level?: number, requirementCode?: string) => {
    try {
      await drafts.flush();
      const res = await client.call('criterion.confirm', { ...ref, ...(level ? { level, requirementCode } : {}) });
      adopt(res.editor);
      if (res.refused.length > 0) {
        void message.warning(
          t('sa.editor.confirmRefused', {
            count: res.refused.length,
            reasons: res.refused.flatMap((r) => r.reasons.map((x) => x.message)).join(' '),
          }),
        );
      } else {
        void message.success(t('sa.editor.confirmed', { count: res.confirmed }));
      }
    } catch (err) {
      void message.error(text(err));
    }
  };

  confirmRef.current = confirm;
  actRef.current = act;

  const all = allCriteria(framework);
  const index = all.findIndex((c) => c.code === code);
  const prev = all[index - 1];
  const next = all[index + 1];
  const liveLabel = liveAssessed ? levelLabel(framework, live.level) : t('sa.editor.unassessed');
  const a = editor.assignees;

  return (
    <Flex vertical gap={12} data-testid="criterion-editor" data-code={code}>
      <Card size="small" styles={{ body: { padding: '12px 16px' } }}>
        <Flex justify="space-between" gap={12} wrap>
          <div style={{ minWidth: 0, flex: 1 }}>
            <Typography.Title level={5} style={{ margin: 0 }} data-testid="editor-title">
              {t('sa.editor.title', { code, title: editor.criterion.title })}
              {editor.criterion.mandatory && (
                <Tag color="red" style={{ marginInlineStart: 8, verticalAlign: 'middle' }}>
                  {t('sa.editor.mandatory')}
                </Tag>
              )}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('sa.editor.standard', { code: editor.criterion.standardCode, title: editor.criterion.standardTitle })}
            </Typography.Text>
            <div style={{ fontSize: 13, marginTop: 2 }} data-testid="editor-assignees">
              <Typography.Text type="secondary">{t('sa.editor.assignees')} </Typography.Text>
              {a.members.length + a.groups.length === 0 ? (
                <Typography.Text type="secondary">{t('sa.editor.noAssignee')}</Typography.Text>
              ) : (
                <Typography.Text>
                  {[...a.members.map((m) => m.fullName), ...a.groups.map((g) => g.name)].join(', ')}
                </Typography.Text>
              )}
              {a.dueDate && (
                <Typography.Text type="secondary"> · {t('sa.editor.due', { date: formatDate(a.dueDate) })}</Typography.Text>
              )}
            </div>
          </div>
          <Flex vertical align="end" gap={6}>
            <Flex gap={6} align="center" wrap justify="end">
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('sa.editor.criterionLevel')}
              </Typography.Text>
              <Tag
                style={levelTagStyle(liveAssessed ? live.level : null)}
                data-testid="live-criterion-level"
                data-level={liveAssessed ? live.level : ''}
              >
                {liveLabel}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 13, marginInlineStart: 6 }}>
                {t('sa.editor.schoolLevel')}
              </Typography.Text>
              <Tag style={levelTagStyle(school)} data-testid="live-school-level" data-level={school ?? ''}>
                {school === null ? '…' : levelLabel(framework, school)}
              </Tag>
            </Flex>
            <Flex gap={8} align="center">
              <SaveIndicator status={drafts.status} />
              <Button
                size="small"
                icon={<HistoryOutlined aria-hidden />}
                onClick={() => setHistoryOpen(true)}
                data-testid="editor-history"
              >
                {t('sa.history.open')}
              </Button>
            </Flex>
          </Flex>
        </Flex>
        <Divider style={{ margin: '10px 0' }} />
        <ReviewBar editor={editor} busy={busy} onAction={onAction} />
      </Card>

      {blocked.length > 0 && (
        <Alert
          type={editor.record.reviewState === 'approved' || assessment.status === 'approved' ? 'success' : 'info'}
          showIcon
          data-testid="editor-readonly"
          title={blocked.map((r) => r.message).join(' ')}
        />
      )}
      {editor.carriedUnconfirmed > 0 && blocked.length === 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="editor-carried"
          title={t('sa.editor.carried', { count: editor.carriedUnconfirmed })}
          action={
            <Button size="small" onClick={() => void confirm()} data-testid="editor-confirm-all">
              {t('sa.editor.confirmAll')}
            </Button>
          }
        />
      )}
      {drafts.conflicts.map(([key, msg]) => (
        <Alert
          key={key}
          type="error"
          showIcon
          data-testid="editor-conflict"
          title={t('sa.save.conflictTitle', { requirement: key.replace(':', '.') })}
          description={msg}
          action={
            <Flex vertical gap={4}>
              <Button size="small" type="primary" onClick={() => void drafts.keepMine(key)} data-testid="conflict-keep-mine">
                {t('sa.save.keepMine')}
              </Button>
              <Button size="small" onClick={() => void drafts.takeTheirs(key)} data-testid="conflict-take-theirs">
                {t('sa.save.takeTheirs')}
              </Button>
            </Flex>
          }
        />
      ))}
      {drafts.status.kind === 'error' && (
        <Alert type="error" showIcon title={t('sa.save.errorTitle')} description={drafts.status.message} />
      )}

      <DeptCommentsCard code={code} />

      {editor.levels.map((lv) => {
        const considered = levelConsidered(live, lv.level);
        const check = live.levels.find((c) => c.level === lv.level);
        return (
          <Card
            key={lv.level}
            size="small"
            data-testid={`level-${lv.level}`}
            data-considered={considered}
            styles={{ body: { paddingTop: 4 } }}
            style={considered ? undefined : { background: '#fafbfc' }}
            title={
              <Flex gap={8} align="center">
                <span>{lv.label}</span>
                {considered && check && (
                  <Tag
                    color={check.status === 'met' ? 'green' : check.status === 'not-met' ? 'red' : 'default'}
                    data-testid={`level-${lv.level}-status`}
                    data-status={check.status}
                  >
                    {t(`sa.levelStatus.${check.status}`)}
                  </Tag>
                )}
              </Flex>
            }
          >
            {!considered && (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 8 }}
                data-testid={`level-${lv.level}-gated`}
                title={t('sa.editor.levelGated', { level: lv.level, below: lv.level - 1 })}
              />
            )}
            {lv.requirements.map((r) => {
              const key = draftKey(r.level, r.code);
              return (
                <RequirementEditor
                  key={key}
                  req={r}
                  description={drafts.get(key)!.description}
                  judgment={drafts.get(key)!.judgment}
                  considered={considered}
                  blocked={blocked}
                  lookup={lookup}
                  infoById={codes.infoById}
                  dirty={drafts.isDirty(key)}
                  canUndo={drafts.canUndo(key)}
                  canRedo={drafts.canRedo(key)}
                  onOpenEvidence={onOpenEvidence}
                  {...handlers.get(key)!}
                />
              );
            })}
          </Card>
        );
      })}

      <EditorHints editor={editor} lookup={lookup} onCite={onCite} />

      <CommentsCard ref={comments} editor={editor} />

      <Flex justify="space-between" align="center">
        <Button
          icon={<LeftOutlined aria-hidden />}
          disabled={!prev}
          onClick={() => prev && navigate(`${base}/criteria/${prev.code}`)}
          data-testid="editor-prev"
        >
          {prev ? t('sa.editor.criterionN', { code: prev.code }) : ''}
        </Button>
        <Button
          type="link"
          onClick={() => navigate(`${base}/criteria/tc-${editor.criterion.standardCode}`)}
          data-testid="editor-standard-summary"
        >
          {t('sa.summary.link', { code: editor.criterion.standardCode })}
        </Button>
        <Button disabled={!next} onClick={() => next && navigate(`${base}/criteria/${next.code}`)} data-testid="editor-next">
          {next ? t('sa.editor.criterionN', { code: next.code }) : ''} <RightOutlined aria-hidden />
        </Button>
      </Flex>

      <EvidencePickModal
        open={picking !== null}
        frameworkId={framework.id}
        assessmentId={assessment.id}
        linked={editor.linkedEvidence}
        codeOf={lookup.codeOf}
        onPick={(id) => {
          const p = picking;
          setPicking(null);
          p?.insert(id);
        }}
        onClose={() => setPicking(null)}
      />
      <HistoryDrawer
        open={historyOpen}
        editor={editor}
        codeOf={lookup.codeOf}
        canRestore={blocked.length === 0}
        beforeRestore={() => drafts.flush()}
        onRestored={adopt}
        onClose={() => setHistoryOpen(false)}
      />
    </Flex>
  );
}

/** The criterion's linked evidence (click to cite), the framework's evidence suggestions and key figures. */
const EditorHints = memo(function EditorHints({
  editor,
  lookup,
  onCite,
}: {
  editor: CriterionEditorDto;
  lookup: CitationLookup;
  onCite: (evidenceId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'hints',
          label: t('sa.editor.hints'),
          children: (
            <Flex vertical gap={10}>
              <div>
                <Typography.Text strong>{t('sa.editor.linked')}</Typography.Text>
                <Flex wrap gap={4} style={{ marginTop: 4 }} data-testid="editor-linked">
                  {editor.linkedEvidence.length === 0 && (
                    <Typography.Text type="secondary">{t('sa.editor.pick.noLinked')}</Typography.Text>
                  )}
                  {editor.linkedEvidence.map((c) => (
                    <EvidenceTag
                      key={c.evidenceId}
                      code={lookup.codeOf(c.evidenceId.toLowerCase())}
                      title={c.title}
                      expired={c.problem === 'expired'}
                      onClick={() => onCite(c.evidenceId)}
                    />
                  ))}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('sa.editor.linkedHint')}
                </Typography.Text>
              </div>
              {editor.criterion.suggestedEvidence.length > 0 && (
                <div>
                  <Typography.Text strong>{t('sa.editor.suggested')}</Typography.Text>
                  <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                    {editor.criterion.suggestedEvidence.map((s) => (
                      <li key={s}>{s}</li>
                    ))}
                  </ul>
                </div>
              )}
              {(editor.criterion.quantitativeData.length > 0 || editor.criterion.quantitativeNote) && (
                <div>
                  <Typography.Text strong>{t('sa.editor.quantitative')}</Typography.Text>
                  {editor.criterion.quantitativeNote && <div>{editor.criterion.quantitativeNote}</div>}
                  <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                    {editor.criterion.quantitativeData.map((q) => (
                      <li key={q.code}>{q.text}</li>
                    ))}
                  </ul>
                </div>
              )}
            </Flex>
          ),
        },
      ]}
    />
  );
});
