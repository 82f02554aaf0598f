import type { ReactNode } from 'react';
import { Tag, Tooltip } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Verification } from '../../../contract/schemas/evidence';

const LOOK: Record<Verification, { color: string; icon: ReactNode }> = {
  pending: { color: 'gold', icon: <ClockCircleOutlined aria-hidden /> },
  verified: { color: 'green', icon: <CheckCircleOutlined aria-hidden /> },
  rejected: { color: 'red', icon: <CloseCircleOutlined aria-hidden /> },
};

export interface VerificationTagProps {
  status: Verification;
  /** Shown on hover for a rejected item. */
  reason?: string;
}

/** Chờ xác minh (gold) / Đã xác minh (green) / Từ chối (red, the reason on hover). */
export function VerificationTag({ status, reason }: VerificationTagProps) {
  const { t } = useTranslation();
  const look = LOOK[status];
  const tag = (
    <Tag color={look.color} icon={look.icon} style={{ marginInlineEnd: 0 }} data-testid={`ev-status-${status}`}>
      {t(`ev.verification.${status}`)}
    </Tag>
  );
  return status === 'rejected' && reason ? (
    <Tooltip title={t('ev.verification.rejectedBecause', { reason })}>{tag}</Tooltip>
  ) : (
    tag
  );
}
