import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Stocktake } from '../../../contract/schemas/assets';
import { useApiQuery } from '../../api/hooks';
import { errorText } from '../../api/error-text';
import { useCurrentUser } from '../../boot/session';
import { CreateSessionModal } from './CreateSessionModal';
import { canEditAssets, count, dateTimeVn, dateVn, money, StatusTag } from './shared';

/** Kiểm kê: the stocktake sessions (đợt kiểm kê), newest first, and "Tạo đợt kiểm kê". */
export function SessionsScreen() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const editor = canEditAssets(user.role);
  const sessions = useApiQuery('stocktake.list', {});
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<Stocktake> = [
    {
      key: 'name',
      title: t('inv.fields.name'),
      render: (_, s) => (
        <div>
          <Typography.Link strong onClick={() => navigate(`/inventory/${s.id}`)} data-testid="inv-session-link">
            {s.name}
          </Typography.Link>
          {(s.decisionNo || s.decisionDate) && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('inv.decisionShort', { no: s.decisionNo || '—', date: s.decisionDate ? dateVn(s.decisionDate) : '—' })}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    { key: 'cutoff', title: t('inv.fields.cutoff'), width: 150, render: (_, s) => dateTimeVn(s.cutoffAt) },
    {
      key: 'scope',
      title: t('inv.fields.scope'),
      width: 130,
      render: (_, s) => (s.roomIds.length ? t('inv.roomsN', { n: s.roomIds.length }) : t('inv.allRooms')),
    },
    {
      key: 'book',
      title: t('inv.fields.book'),
      width: 200,
      render: (_, s) => (
        <div style={{ fontSize: 13 }}>
          {t('inv.bookItems', { n: count(s.book.items), q: count(s.book.quantity) })}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {money(s.book.costVnd)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { key: 'lines', title: t('inv.fields.lines'), width: 100, align: 'right', render: (_, s) => count(s.lineCount) },
    { key: 'status', title: t('inv.fields.status'), width: 140, render: (_, s) => <StatusTag status={s.status} /> },
  ];

  return (
    <div data-testid="inv-sessions">
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('inv.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ maxWidth: 860 }}>
            {t('inv.intro')}
          </Typography.Paragraph>
        </div>
        {editor && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)} data-testid="inv-create">
            {t('inv.create.button')}
          </Button>
        )}
      </Flex>
      <Card>
        {sessions.isError && <Alert type="error" title={errorText(sessions.error, t, i18n.language)} />}
        <Table<Stocktake>
          rowKey="id"
          columns={columns}
          dataSource={sessions.data ?? []}
          loading={sessions.isPending}
          pagination={false}
          locale={{ emptyText: t('inv.none') }}
          onRow={(s) => ({ 'data-testid': `inv-session-row-${s.name}` }) as HTMLAttributes<HTMLElement>}
          data-testid="inv-sessions-table"
        />
      </Card>
      {creating && (
        <CreateSessionModal
          onClose={(id) => {
            setCreating(false);
            if (id) navigate(`/inventory/${id}`);
          }}
        />
      )}
    </div>
  );
}
