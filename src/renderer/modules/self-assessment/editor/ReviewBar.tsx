import { memo, useState } from 'react';
import { Button, Flex, Form, Input, Modal, Select, Typography, type ButtonProps } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CriterionEditorDto, ReviewActionDto } from '../../../../contract/schemas/assessment';
import { formatDateTime } from '../../../format/date';
import { ReviewStateTag } from '../shared';

export interface Anchor {
  level?: number;
  requirementCode?: string;
}

/** "level:code" ↔ anchor; "" = the whole criterion. */
export const anchorValue = (a: Anchor) => (a.level !== undefined && a.requirementCode ? `${a.level}:${a.requirementCode}` : '');
export const parseAnchor = (v: string): Anchor => {
  if (!v) return {};
  const [level, code] = v.split(':');
  return { level: Number(level), requirementCode: code };
};

export function anchorOptions(editor: CriterionEditorDto, t: TFunction) {
  return [
    { value: '', label: t('sa.comments.wholeCriterion') },
    ...editor.levels.flatMap((lv) =>
      lv.requirements.map((r) => ({
        value: `${lv.level}:${r.code}`,
        label: t('sa.editor.requirement', { level: lv.level, code: r.code }),
      })),
    ),
  ];
}

const PRIMARY: ReadonlySet<ReviewActionDto> = new Set(['submit', 'forward', 'approve']);

/**
 * The criterion's review state and the actions the signed-in user may take now (the server
 * decides: submitting needs the criterion assigned, forwarding a reviewer, approving the chair
 * or an administrator). "Trả lại" and "Mở lại" ask for a reason.
 */
export const ReviewBar = memo(function ReviewBar({
  editor,
  busy,
  onAction,
}: {
  editor: CriterionEditorDto;
  busy: ReviewActionDto | null;
  onAction: (action: ReviewActionDto, note: string, anchor: Anchor) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<ReviewActionDto | null>(null);
  const [form] = Form.useForm<{ note: string; anchor: string }>();
  const actions = editor.permissions.actions.filter((a) => a.action !== 'revise');
  const state = editor.record.reviewState;

  const run = async (action: ReviewActionDto, noteRequired: boolean) => {
    if (noteRequired) {
      form.resetFields();
      setAsking(action);
      return;
    }
    await onAction(action, '', {});
  };

  return (
    <Flex align="center" gap={8} wrap data-testid="review-bar">
      <Typography.Text type="secondary">{t('sa.review.state')}</Typography.Text>
      <ReviewStateTag state={state} data-testid="review-state" />
      {editor.record.stateChangedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sa.review.since', { at: formatDateTime(editor.record.stateChangedAt) })}
        </Typography.Text>
      )}
      <Flex gap={6} wrap style={{ marginInlineStart: 'auto' }}>
        {actions.map((a) => (
          <Button
            key={`${a.action}-${a.to}`}
            size="small"
            type={PRIMARY.has(a.action) ? 'primary' : 'default'}
            danger={a.action === 'return'}
            loading={busy === a.action}
            disabled={busy !== null && busy !== a.action}
            onClick={() => void run(a.action, a.noteRequired)}
            data-testid={`review-${a.action}`}
          >
            {t(`sa.action.${a.action}`)}
          </Button>
        ))}
      </Flex>
      <Modal
        open={asking !== null}
        title={asking ? t(`sa.review.ask.${asking}`) : ''}
        okText={asking ? t(`sa.action.${asking}`) : ''}
        okButtonProps={{ danger: asking === 'return', loading: busy !== null, 'data-testid': 'review-note-ok' } as ButtonProps}
        onCancel={() => setAsking(null)}
        onOk={async () => {
          const v = await form.validateFields();
          if (await onAction(asking!, v.note.trim(), parseAnchor(v.anchor ?? ''))) setAsking(null);
        }}
        destroyOnHidden
        data-testid="review-note-modal"
      >
        <Form form={form} layout="vertical" initialValues={{ note: '', anchor: '' }} requiredMark={false}>
          {asking === 'return' && (
            <Form.Item name="anchor" label={t('sa.comments.anchor')}>
              <Select options={anchorOptions(editor, t)} data-testid="review-note-anchor" />
            </Form.Item>
          )}
          <Form.Item
            name="note"
            label={asking === 'reopen' ? t('sa.review.reason') : t('sa.review.note')}
            rules={[{ required: true, whitespace: true, message: t('sa.review.noteRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} data-testid="review-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
});
