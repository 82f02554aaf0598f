import { Button, Empty, Flex, Modal, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CitationDto } from '../../../../contract/schemas/assessment';
import { citationProblemText } from '../../../../core/assessment/gating';
import { EvidencePicker } from '../../../components/evidence';

/**
 * "Chèn minh chứng": search the whole library (as you type, server-side) or take one of the
 * evidence already serving the criterion. The pick goes into the text at the caret.
 */
export function EvidencePickModal({
  open,
  frameworkId,
  assessmentId,
  linked,
  codeOf,
  onPick,
  onClose,
}: {
  open: boolean;
  frameworkId: string;
  assessmentId: string;
  linked: readonly CitationDto[];
  codeOf: (id: string) => string | null;
  onPick: (evidenceId: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      title={t('sa.editor.pick.title')}
      width={680}
      destroyOnHidden
      data-testid="sa-pick-modal"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('sa.editor.pick.hint')}
      </Typography.Paragraph>
      <EvidencePicker
        frameworkId={frameworkId}
        assessmentId={assessmentId}
        autoFocus
        onPick={(e) => onPick(e.id)}
        style={{ width: '100%' }}
        data-testid="sa-pick-search"
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('sa.editor.pick.linked')}
      </Typography.Title>
      {linked.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sa.editor.pick.noLinked')} />
      ) : (
        <Flex vertical gap={4} style={{ maxHeight: 300, overflow: 'auto' }} data-testid="sa-pick-linked">
          {linked.map((c) => {
            const code = codeOf(c.evidenceId.toLowerCase()) ?? c.code;
            return (
              <Button
                key={c.evidenceId}
                type="text"
                onClick={() => onPick(c.evidenceId)}
                style={{
                  justifyContent: 'flex-start',
                  height: 'auto',
                  padding: '4px 8px',
                  textAlign: 'left',
                  whiteSpace: 'normal',
                }}
                data-testid={`sa-pick-${code}`}
              >
                <Flex gap={8} align="baseline" wrap>
                  <Typography.Text strong style={{ fontFamily: 'Consolas, "Roboto Mono", monospace' }}>
                    {code}
                  </Typography.Text>
                  <span>{c.title}</span>
                  {c.problem && <Tag color="red">{citationProblemText({ ...c, code })}</Tag>}
                  {!c.problem && c.unverified && <Tag color="gold">{t('sa.editor.pick.unverified')}</Tag>}
                </Flex>
              </Button>
            );
          })}
        </Flex>
      )}
    </Modal>
  );
}
