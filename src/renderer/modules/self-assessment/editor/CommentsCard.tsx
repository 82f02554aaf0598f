import { forwardRef, memo, useImperativeHandle, useRef, useState } from 'react';
import { App, Button, Card, Checkbox, Empty, Flex, Input, Select, Tag, Typography } from 'antd';
import { CheckOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CriterionEditorDto } from '../../../../contract/schemas/assessment';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import { formatDateTime } from '../../../format/date';
import { useErrorText, useInvalidate } from '../shared';
import { anchorOptions, anchorValue, parseAnchor, type Anchor } from './ReviewBar';

export interface CommentsHandle {
  /** Focuses the new-comment box anchored to a requirement (or the whole criterion). */
  startAt: (anchor: Anchor) => void;
}

/** Góp ý rà soát of one criterion, each anchored to the criterion or to one requirement. */
export const CommentsCard = memo(
  forwardRef<CommentsHandle, { editor: CriterionEditorDto }>(function CommentsCard({ editor }, ref) {
    const { t } = useTranslation();
    const { message } = App.useApp();
    const text = useErrorText();
    const invalidate = useInvalidate();
    const [showResolved, setShowResolved] = useState(false);
    const [anchor, setAnchor] = useState('');
    const [body, setBody] = useState('');
    const box = useRef<HTMLDivElement>(null);
    const input = { assessmentId: editor.assessmentId, criterionCode: editor.criterion.code, includeResolved: showResolved };
    const comments = useApiQuery('review.comments', input);
    const add = useApiMutation('review.addComment');
    const resolve = useApiMutation('review.resolveComment');
    const options = anchorOptions(editor, t);
    const labelOf = (level: number | null, code: string | null) =>
      options.find((o) => o.value === anchorValue({ level: level ?? undefined, requirementCode: code ?? undefined }))?.label ??
      '';

    useImperativeHandle(ref, () => ({
      startAt: (a) => {
        setAnchor(anchorValue(a));
        box.current?.scrollIntoView({ block: 'center' });
        box.current?.querySelector('textarea')?.focus();
      },
    }));

    const refresh = () => invalidate('review.comments', 'criterion.get', 'criterion.list');

    const send = async () => {
      if (!body.trim()) return;
      try {
        await add.mutateAsync({
          assessmentId: editor.assessmentId,
          criterionCode: editor.criterion.code,
          body: body.trim(),
          ...parseAnchor(anchor),
        });
        setBody('');
        await refresh();
      } catch (err) {
        void message.error(text(err));
      }
    };

    return (
      <Card
        size="small"
        title={t('sa.comments.title')}
        extra={
          <Checkbox checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)}>
            {t('sa.comments.showResolved')}
          </Checkbox>
        }
        data-testid="comments"
      >
        {comments.data && comments.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sa.comments.empty')} />
        ) : (
          <Flex vertical gap={8}>
            {(comments.data ?? []).map((c) => (
              <div
                key={c.id}
                style={{ borderInlineStart: `3px solid ${c.resolved ? '#d9d9d9' : '#faad14'}`, paddingInlineStart: 10 }}
                data-testid={`comment-${c.id}`}
                data-resolved={c.resolved}
              >
                <Flex gap={8} align="baseline" wrap>
                  <Typography.Text strong>{c.authorName}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(c.at)}
                  </Typography.Text>
                  <Tag style={{ marginInlineEnd: 0 }}>{labelOf(c.level, c.requirementCode)}</Tag>
                  {c.resolved && <Tag color="default">{t('sa.comments.resolved')}</Tag>}
                  {editor.permissions.canComment && (
                    <Button
                      size="small"
                      type="link"
                      icon={c.resolved ? <UndoOutlined aria-hidden /> : <CheckOutlined aria-hidden />}
                      style={{ marginInlineStart: 'auto' }}
                      loading={resolve.isPending && resolve.variables?.id === c.id}
                      onClick={async () => {
                        try {
                          await resolve.mutateAsync({ id: c.id, resolved: !c.resolved });
                          await refresh();
                        } catch (err) {
                          void message.error(text(err));
                        }
                      }}
                      data-testid={`comment-resolve-${c.id}`}
                    >
                      {c.resolved ? t('sa.comments.reopen') : t('sa.comments.resolve')}
                    </Button>
                  )}
                </Flex>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="comment-body">
                  {c.body}
                </Typography.Paragraph>
              </div>
            ))}
          </Flex>
        )}
        {editor.permissions.canComment && (
          <div ref={box} style={{ marginTop: 12 }}>
            <Flex gap={8} align="start">
              <Select
                value={anchor}
                onChange={setAnchor}
                options={options}
                style={{ width: 190 }}
                aria-label={t('sa.comments.anchor')}
              />
              <Input.TextArea
                value={body}
                onChange={(e) => setBody(e.target.value)}
                autoSize={{ minRows: 1, maxRows: 6 }}
                maxLength={4000}
                placeholder={t('sa.comments.placeholder')}
                data-testid="comment-new"
              />
              <Button
                type="primary"
                onClick={() => void send()}
                loading={add.isPending}
                disabled={!body.trim()}
                data-testid="comment-send"
              >
                {t('sa.comments.send')}
              </Button>
            </Flex>
          </div>
        )}
      </Card>
    );
  }),
);
