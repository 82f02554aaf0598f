import { useState } from 'react';
import { Alert, App, Button, Descriptions, Flex, Input, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, UndoOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Evidence, Verification } from '../../../contract/schemas/evidence';
import { errorText } from '../../api/error-text';
import { apiKey, useApiMutation } from '../../api/hooks';
import { useCurrentUser } from '../../boot/session';
import { formatDateTime } from '../../format/date';
import { roleLabel } from '../../labels';
import { VerificationTag } from '../../components/evidence/VerificationTag';
import { canVerifyEvidence, useRefreshEvidence } from './shared';

/** Xác minh: admin and secretary verify or reject (with a reason); others see why they cannot. */
export function EvidenceVerification({ evidence: e }: { evidence: Evidence }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const allowed = canVerifyEvidence(user.role);
  const queryClient = useQueryClient();
  const refresh = useRefreshEvidence();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const verify = useApiMutation('evidence.verify', {
    onSuccess: (saved) => {
      queryClient.setQueryData(apiKey('evidence.get', { id: saved.id }), saved);
      refresh();
      setRejecting(false);
      setReason('');
      setError(null);
      void message.success(t('ev.verify.done', { code: saved.code, status: t(`ev.verification.${saved.verification}`) }));
    },
    onError: (err) => setError(errorText(err, t, i18n.language)),
  });
  const send = (status: Verification) => {
    if (status === 'rejected' && reason.trim() === '') {
      setReasonError(true);
      return;
    }
    verify.mutate({ id: e.id, status, reason: status === 'rejected' ? reason.trim() : '' });
  };
  const disabled = !allowed || verify.isPending;

  return (
    <div data-testid="ev-verification">
      <Descriptions
        column={1}
        size="small"
        bordered
        style={{ marginBottom: 16 }}
        items={[
          { key: 'status', label: t('ev.verify.status'), children: <VerificationTag status={e.verification} /> },
          ...(e.verifiedAt ? [{ key: 'at', label: t('ev.verify.at'), children: formatDateTime(e.verifiedAt) }] : []),
          ...(e.verification === 'rejected' && e.rejectReason
            ? [
                {
                  key: 'reason',
                  label: t('ev.verify.reason'),
                  children: <span data-testid="ev-reject-reason">{e.rejectReason}</span>,
                },
              ]
            : []),
        ]}
      />
      <Typography.Paragraph type="secondary">{t('ev.verify.explain')}</Typography.Paragraph>
      {!allowed && (
        <Alert
          type="info"
          showIcon
          title={t('ev.verify.onlyVerifiers', { role: roleLabel(t, user.role) })}
          style={{ marginBottom: 12 }}
          data-testid="ev-verify-why"
        />
      )}
      <Flex gap={8} wrap>
        <Button
          type="primary"
          icon={<CheckOutlined aria-hidden />}
          disabled={disabled || e.verification === 'verified'}
          loading={verify.isPending && verify.variables?.status === 'verified'}
          onClick={() => send('verified')}
          data-testid="ev-verify"
        >
          {t('ev.verify.verify')}
        </Button>
        <Button
          danger
          icon={<CloseOutlined aria-hidden />}
          disabled={disabled || rejecting}
          onClick={() => setRejecting(true)}
          data-testid="ev-reject"
        >
          {t('ev.verify.reject')}
        </Button>
        <Button
          icon={<UndoOutlined aria-hidden />}
          disabled={disabled || e.verification === 'pending'}
          onClick={() => send('pending')}
          data-testid="ev-verify-reset"
        >
          {t('ev.verify.reset')}
        </Button>
      </Flex>
      {rejecting && allowed && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('ev.verify.reason')}</Typography.Text>
          <Input.TextArea
            autoFocus
            value={reason}
            status={reasonError ? 'error' : undefined}
            onChange={(ev) => {
              setReason(ev.target.value);
              setReasonError(false);
            }}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 5 }}
            aria-label={t('ev.verify.reason')}
            style={{ marginTop: 4 }}
            data-testid="ev-reject-input"
          />
          {reasonError && <Typography.Text type="danger">{t('ev.verify.reasonRequired')}</Typography.Text>}
          <Flex gap={8} style={{ marginTop: 8 }}>
            <Button
              danger
              type="primary"
              loading={verify.isPending}
              onClick={() => send('rejected')}
              data-testid="ev-reject-confirm"
            >
              {t('ev.verify.confirmReject')}
            </Button>
            <Button onClick={() => setRejecting(false)}>{t('common.cancel')}</Button>
          </Flex>
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </div>
  );
}
