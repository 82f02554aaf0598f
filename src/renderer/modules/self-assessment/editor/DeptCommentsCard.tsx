import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, Flex, Input, Tag, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { LocalSchoolComment, SchoolCommentsView } from '../../../../contract/schemas/review';
import { apiKey, useApiMutation } from '../../../api/hooks';
import { useCurrentUser } from '../../../boot/session';
import { formatDate, formatDateTime } from '../../../format/date';
import { canReplyToDept, isUnanswered, useDeptComments } from '../dept-comments';
import { useErrorText, useWorkspace } from '../shared';

/** Where a department comment points: the whole criterion, one requirement ("2.1") or an evidence item. */
export function deptAnchorLabel(c: LocalSchoolComment, t: TFunction): string {
  if (c.evidenceId) return t('sa.dept.anchorEvidence', { code: c.evidenceCode || t('sa.dept.evidenceUnknown') });
  const m = /^(\d+)\.(.+)$/.exec(c.requirementRef);
  if (m) return t('sa.editor.requirement', { level: Number(m[1]), code: m[2] });
  return t('sa.comments.wholeCriterion');
}

/**
 * Ý kiến của đoàn đánh giá: the department's comments returned with the submitted dossier,
 * anchored to this criterion. The school answers each one here; offline the answer waits on this
 * computer ("chờ gửi") and goes with the next sync. Nothing is shown when the department has no
 * comment on the criterion. Not the council's own review comments (CommentsCard).
 */
export function DeptCommentsCard({ code }: { code: string }) {
  const { t } = useTranslation();
  const { assessment } = useWorkspace();
  const user = useCurrentUser();
  const location = useLocation();
  const dept = useDeptComments(assessment.id);
  const mine = dept.comments.filter((c) => c.criterionCode === code);
  const mayReply = canReplyToDept(user.role);
  const card = useRef<HTMLDivElement>(null);
  const focusId = (location.state as { deptComment?: string } | null)?.deptComment;

  // Opened from the overview's banner: bring the comment into view.
  useEffect(() => {
    // Comment ids are UUIDs: safe inside the attribute selector.
    if (!focusId || !/^[\w-]+$/.test(focusId)) return;
    card.current?.querySelector(`[data-comment-id="${focusId}"]`)?.scrollIntoView?.({ block: 'center' });
  }, [focusId, mine.length]);

  if (mine.length === 0) return null;
  const view = dept.view;
  const open = mine.filter(isUnanswered).length;

  return (
    <Card
      ref={card}
      size="small"
      data-testid="dept-comments"
      style={{ borderColor: open > 0 ? '#ffbb96' : undefined }}
      title={
        <Flex gap={8} align="center">
          <span>{t('sa.dept.title')}</span>
          {open > 0 && <Tag color="volcano">{t('sa.dept.open', { count: open })}</Tag>}
        </Flex>
      }
      extra={
        view && !view.refreshed && view.cachedAt ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="dept-cached" title={view.error ?? undefined}>
            <ClockCircleOutlined aria-hidden /> {t('sa.dept.cachedAt', { time: formatDateTime(view.cachedAt) })}
          </Typography.Text>
        ) : null
      }
    >
      <Flex vertical gap={12}>
        {mine.map((c) => (
          <DeptComment key={c.id} comment={c} mayReply={mayReply} />
        ))}
      </Flex>
    </Card>
  );
}

function DeptComment({ comment: c, mayReply }: { comment: LocalSchoolComment; mayReply: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const text = useErrorText();
  const qc = useQueryClient();
  const [draft, setDraft] = useState('');
  const reply = useApiMutation('sync.replyReviewComment');
  const answered = c.reply.trim() !== '';

  const send = async () => {
    const body = draft.trim();
    if (!body) return;
    try {
      const saved = await reply.mutateAsync({ commentId: c.id, reply: body });
      // The answer shows at once (sent or queued); the list is then asked again.
      qc.setQueryData<SchoolCommentsView>(apiKey('sync.reviewComments', {}), (old) =>
        old ? { ...old, comments: old.comments.map((x) => (x.id === saved.id ? saved : x)) } : old,
      );
      setDraft('');
      void message.success(saved.pendingReply !== null ? t('sa.dept.queued') : t('sa.dept.sent'));
      void qc.invalidateQueries({ queryKey: ['sync.reviewComments'] });
    } catch (err) {
      void message.error(text(err));
    }
  };

  return (
    <div
      data-testid="dept-comment"
      data-comment-id={c.id}
      data-kind={c.kind}
      data-answered={answered || c.pendingReply !== null}
      style={{
        borderInlineStart: `3px solid ${isUnanswered(c) ? '#fa541c' : '#d9d9d9'}`,
        paddingInlineStart: 10,
      }}
    >
      <Flex gap={8} align="baseline" wrap>
        <Tag
          color={c.kind === 'evidence_request' ? 'orange' : 'blue'}
          style={{ marginInlineEnd: 0 }}
          data-testid="dept-comment-kind"
        >
          {t(`sa.dept.kind.${c.kind}`)}
        </Tag>
        <Tag style={{ marginInlineEnd: 0 }} data-testid="dept-comment-anchor">
          {deptAnchorLabel(c, t)}
        </Tag>
        <Typography.Text strong data-testid="dept-comment-author">
          {c.authorName}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="dept-comment-date">
          {formatDate(c.createdAt)}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }} data-testid="dept-comment-body">
        {c.body}
      </Typography.Paragraph>

      {c.pendingReply !== null ? (
        <div style={{ marginTop: 6, background: '#fafafa', padding: '6px 10px', borderRadius: 6 }} data-testid="dept-reply">
          <Flex gap={8} align="baseline">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('sa.dept.answer')}
            </Typography.Text>
            <Tag color="gold" icon={<ClockCircleOutlined aria-hidden />} data-testid="dept-reply-pending">
              {t('sa.dept.pending')}
            </Tag>
          </Flex>
          <div style={{ whiteSpace: 'pre-wrap' }}>{c.pendingReply}</div>
        </div>
      ) : answered ? (
        <div style={{ marginTop: 6, background: '#f6ffed', padding: '6px 10px', borderRadius: 6 }} data-testid="dept-reply">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('sa.dept.answer')}
            {c.replyAt ? ` · ${t('sa.dept.answeredAt', { by: c.replyBy, date: formatDate(c.replyAt) })}` : ''}
          </Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap' }}>{c.reply}</div>
        </div>
      ) : mayReply ? (
        <Flex gap={8} align="start" style={{ marginTop: 6 }}>
          <Input.TextArea
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            autoSize={{ minRows: 1, maxRows: 6 }}
            maxLength={20000}
            placeholder={t('sa.dept.placeholder')}
            aria-label={t('sa.dept.replyLabel')}
          />
          <Button type="primary" onClick={() => void send()} loading={reply.isPending} disabled={!draft.trim()}>
            {t('sa.dept.send')}
          </Button>
        </Flex>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sa.dept.noAnswer')}
        </Typography.Text>
      )}
    </div>
  );
}
