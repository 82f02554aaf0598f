import { useState, type ReactNode } from 'react';
import { App, Button, Flex, Result, Skeleton, Card, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Stocktake } from '../../../contract/schemas/assets';
import { useApi } from '../../api/ApiProvider';
import { useApiQuery } from '../../api/hooks';
import { errorText } from '../../api/error-text';
import { saveFileResult } from '../assets/shared';

export {
  canEditAssets,
  count,
  dateTimeVn,
  dateVn,
  money,
  moneyDiff,
  saveFileResult,
  saveJson,
  useCatalogs,
  useRefreshAssets,
  Money,
  roomLabel,
  labelIn,
  todayIso,
} from '../assets/shared';

export function StatusTag({ status }: { status: Stocktake['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'closed' ? 'default' : 'processing'} style={{ marginInlineEnd: 0 }} data-testid="inv-status">
      {t(`inv.status.${status}`)}
    </Tag>
  );
}

/** One session, or the loading/error state in its place. */
export function useSession(id: string) {
  return useApiQuery('stocktake.get', { id });
}

export function Loading() {
  return (
    <Card>
      <Skeleton active />
    </Card>
  );
}

export function LoadFailed({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  return (
    <Result
      status="warning"
      title={errorText(error, t, i18n.language)}
      extra={
        <Link to="/inventory">
          <Button>{t('inv.backToList')}</Button>
        </Link>
      }
    />
  );
}

/** Title row of every session screen: back link, name, status, and the screen's own actions. */
export function SessionTitle({
  session,
  back,
  backLabel,
  subtitle,
  extra,
}: {
  session: Stocktake;
  back: string;
  backLabel: string;
  subtitle?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <div style={{ marginBottom: 12 }}>
      <Link to={back} data-testid="inv-back">
        <ArrowLeftOutlined aria-hidden /> {backLabel}
      </Link>
      <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginTop: 4 }}>
        <div style={{ minWidth: 0 }}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="inv-session-name">
              {session.name}
            </Typography.Title>
            <StatusTag status={session.status} />
          </Flex>
          {subtitle && <div style={{ marginTop: 2 }}>{subtitle}</div>}
        </div>
        {extra && (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
    </div>
  );
}

/** "Biên bản kiểm kê" (.docx / .xlsx): a draft while counting, the final record once closed. */
export function ReportButtons({ session }: { session: Stocktake }) {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'docx' | 'xlsx' | null>(null);
  const get = async (format: 'docx' | 'xlsx') => {
    setBusy(format);
    try {
      const r = await client.call('stocktake.report', { id: session.id, format });
      saveFileResult(r);
      void message.success(t('inv.report.saved', { file: r.fileName }));
    } catch (err) {
      void message.error(errorText(err, t, i18n.language));
    } finally {
      setBusy(null);
    }
  };
  const label = session.status === 'closed' ? t('inv.report.final') : t('inv.report.draft');
  return (
    <>
      <Button
        icon={<FileWordOutlined aria-hidden />}
        loading={busy === 'docx'}
        onClick={() => void get('docx')}
        data-testid="inv-report-docx"
      >
        {label} (.docx)
      </Button>
      <Button
        icon={<FileExcelOutlined aria-hidden />}
        loading={busy === 'xlsx'}
        onClick={() => void get('xlsx')}
        data-testid="inv-report-xlsx"
      >
        {label} (.xlsx)
      </Button>
    </>
  );
}
