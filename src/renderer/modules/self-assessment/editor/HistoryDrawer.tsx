import { useState } from 'react';
import { Alert, App, Button, Drawer, Empty, Flex, List, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CriterionEditorDto } from '../../../../contract/schemas/assessment';
import { extractCitationIds } from '../../../../core/evidence/citations';
import { CitationText } from '../../../components/evidence';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import { formatDateTime } from '../../../format/date';
import { useErrorText } from '../shared';

/**
 * Lịch sử phiên bản of one criterion: each save (merged per person within minutes), restore or
 * carry-over; a version's texts can be read and restored (as a new version — nothing is lost).
 */
export function HistoryDrawer({
  open,
  editor,
  codeOf,
  canRestore,
  beforeRestore,
  onRestored,
  onClose,
}: {
  open: boolean;
  editor: CriterionEditorDto;
  codeOf: (id: string) => string | null;
  canRestore: boolean;
  beforeRestore: () => Promise<unknown>;
  onRestored: (editor: CriterionEditorDto) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const text = useErrorText();
  const [selected, setSelected] = useState<string | null>(null);
  const history = useApiQuery(
    'criterion.history',
    { assessmentId: editor.assessmentId, criterionCode: editor.criterion.code },
    { enabled: open },
  );
  const version = useApiQuery('criterion.version', { versionId: selected ?? '' }, { enabled: open && !!selected });
  const restore = useApiMutation('criterion.restore');
  const codes = new Map<string, string>();
  for (const s of version.data?.snapshot ?? []) {
    for (const id of extractCitationIds(s.description)) {
      const code = codeOf(id);
      if (code) codes.set(id, code);
    }
  }

  const requirementText = (level: number, code: string) =>
    editor.levels.find((l) => l.level === level)?.requirements.find((r) => r.code === code)?.text ?? '';

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={620}
      title={t('sa.history.title', { code: editor.criterion.code })}
      destroyOnHidden
      data-testid="history-drawer"
    >
      {history.isPending ? (
        <Skeleton active />
      ) : (history.data ?? []).length === 0 ? (
        <Empty description={t('sa.history.empty')} />
      ) : (
        <List
          size="small"
          dataSource={history.data}
          renderItem={(v) => (
            <List.Item
              style={{ cursor: 'pointer', background: v.id === selected ? '#eef4fb' : undefined, paddingInline: 8 }}
              onClick={() => setSelected(v.id)}
              data-testid={`history-${v.versionNo}`}
            >
              <Flex vertical style={{ width: '100%' }}>
                <Flex gap={8} align="baseline">
                  <Typography.Text strong>#{v.versionNo}</Typography.Text>
                  <Typography.Text>{v.actorName}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 'auto' }}>
                    {formatDateTime(v.at)}
                  </Typography.Text>
                </Flex>
                <Flex gap={6} align="baseline">
                  {v.kind !== 'edit' && <Tag>{t(`sa.history.kind.${v.kind}`)}</Tag>}
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {v.summary}
                  </Typography.Text>
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {selected && (
        <div style={{ marginTop: 16 }} data-testid="history-detail">
          {version.isPending ? (
            <Skeleton active />
          ) : version.data ? (
            <>
              <Flex align="center" justify="space-between" style={{ marginBottom: 8 }}>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t('sa.history.version', { no: version.data.versionNo })}
                </Typography.Title>
                {canRestore && (
                  <Popconfirm
                    title={t('sa.history.restoreConfirm')}
                    okText={t('sa.history.restore')}
                    onConfirm={async () => {
                      try {
                        await beforeRestore();
                        const res = await restore.mutateAsync({ versionId: version.data.id });
                        onRestored(res.editor);
                        if (res.downgraded.length > 0) {
                          void message.warning(t('sa.history.downgraded', { count: res.downgraded.length }));
                        } else {
                          void message.success(t('sa.history.restored', { no: version.data.versionNo }));
                        }
                        onClose();
                      } catch (err) {
                        void message.error(text(err));
                      }
                    }}
                  >
                    <Button loading={restore.isPending} data-testid="history-restore">
                      {t('sa.history.restore')}
                    </Button>
                  </Popconfirm>
                )}
              </Flex>
              {version.data.snapshot.length === 0 ? (
                <Alert type="info" showIcon title={t('sa.history.emptySnapshot')} />
              ) : (
                version.data.snapshot.map((s) => (
                  <div key={`${s.level}:${s.requirementCode}`} style={{ marginBottom: 12 }}>
                    <Typography.Text strong>
                      {t('sa.editor.requirement', { level: s.level, code: s.requirementCode })}
                    </Typography.Text>{' '}
                    <Tag>{t(`sa.judgment.${s.judgment}`)}</Tag>
                    <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '2px 0' }} ellipsis={{ rows: 1 }}>
                      {requirementText(s.level, s.requirementCode)}
                    </Typography.Paragraph>
                    <CitationText text={s.description || '—'} codeById={codes} />
                  </div>
                ))
              )}
            </>
          ) : null}
        </div>
      )}
    </Drawer>
  );
}
