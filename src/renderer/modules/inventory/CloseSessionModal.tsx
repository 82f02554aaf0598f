import { useState } from 'react';
import { Alert, App, Descriptions, Input, Modal, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Stocktake } from '../../../contract/schemas/assets';
import { useApi } from '../../api/ApiProvider';
import { useApiQuery } from '../../api/hooks';
import { errorText } from '../../api/error-text';
import { useRefreshAssets } from './shared';

/** What the user must type to close: closing writes ledger events and cannot be undone. */
export const CLOSE_PHRASE = 'KHOÁ SỔ';

function normalize(s: string): string {
  // "khoa so", "KHÓA SỔ" (either accent placement) all count.
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .trim()
    .replace(/\s+/g, ' ')
    .toUpperCase();
}

/**
 * Khoá sổ: applies every accepted follow-up as ledger events in one transaction (moves,
 * write-offs, recognitions, disposal candidates) and makes the session read-only. Shown with
 * what will happen, and only goes ahead once the user types the phrase.
 */
export function CloseSessionModal({ session, onClose }: { session: Stocktake; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const refresh = useRefreshAssets();
  const rec = useApiQuery('stocktake.reconcile', { id: session.id, offset: 0, limit: 1 });
  const [typed, setTyped] = useState('');
  const [decision, setDecision] = useState(session.principalDecision);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const followUps = rec.data?.followUps ?? [];
  const pending = followUps.filter((f) => f.decision === 'pending').length;
  const accepted = followUps.filter((f) => f.decision === 'accepted');
  const by = (kind: string, action?: string) =>
    accepted.filter((f) => f.kind === kind && (action === undefined || (f.action ?? 'record') === action)).length;
  const ready = !rec.isPending && pending === 0 && normalize(typed) === normalize(CLOSE_PHRASE);

  const close = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await client.call('stocktake.close', { id: session.id, principalDecision: decision.trim() || undefined });
      await refresh();
      void message.success(t('inv.close.done', { events: r.events }));
      onClose();
      navigate(`/inventory/${session.id}/reconcile`);
    } catch (err) {
      setError(errorText(err, t, i18n.language));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={t('inv.close.title', { name: session.name })}
      okText={t('inv.close.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: !ready, loading: busy, 'data-testid': 'inv-close-ok' } as never}
      onOk={() => void close()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="inv-close-modal"
    >
      {rec.isPending ? (
        <Skeleton active />
      ) : (
        <>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="inv-close-error" />}
          <Alert type="warning" showIcon title={t('inv.close.warning')} style={{ marginBottom: 12 }} />
          {pending > 0 && (
            <Alert
              type="error"
              showIcon
              title={t('inv.close.pending', { n: pending })}
              style={{ marginBottom: 12 }}
              data-testid="inv-close-pending"
            />
          )}
          <Typography.Paragraph strong>{t('inv.close.willApply')}</Typography.Paragraph>
          <Descriptions
            size="small"
            bordered
            column={1}
            style={{ marginBottom: 12 }}
            items={[
              { key: 'move', label: t('inv.kinds.move'), children: by('move') },
              { key: 'wo', label: t('inv.close.writeOffs'), children: by('investigate', 'write_off') },
              { key: 'rec', label: t('inv.close.recorded'), children: by('investigate', 'record') },
              { key: 'recognise', label: t('inv.kinds.recognise'), children: by('recognise') },
              { key: 'disp', label: t('inv.kinds.disposalCandidate'), children: by('disposalCandidate') },
              { key: 'rej', label: t('inv.close.rejected'), children: followUps.filter((f) => f.decision === 'rejected').length },
            ]}
          />
          <Typography.Paragraph style={{ marginBottom: 4 }}>{t('inv.close.principalDecision')}</Typography.Paragraph>
          <Input.TextArea
            value={decision}
            onChange={(e) => setDecision(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={t('inv.close.principalHint')}
            style={{ marginBottom: 12 }}
            data-testid="inv-close-decision"
          />
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {t('inv.close.typeToConfirm', { phrase: CLOSE_PHRASE })}
          </Typography.Paragraph>
          <Input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder={CLOSE_PHRASE}
            data-testid="inv-close-phrase"
            autoComplete="off"
          />
        </>
      )}
    </Modal>
  );
}
