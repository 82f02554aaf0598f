import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  Skeleton,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AssetTask } from '../../../../contract/schemas/assets';
import { useApi } from '../../../api/ApiProvider';
import { useApiQuery } from '../../../api/hooks';
import { errorText } from '../../../api/error-text';
import { useCurrentUser } from '../../../boot/session';
import { EventModal } from '../register/EventModals';
import { DATE_FORMAT, fromDayjs } from '../register/AssetFields';
import { canEditAssets, dateVn } from '../shared';

/**
 * Việc cần làm: open deadlines from the ledger — disposal decisions and executions, and the
 * change declarations due within 30 days of a recognition or removal (NĐ 186/2025).
 */
export function TasksTab({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const editor = canEditAssets(user.role);
  const [includeDone, setIncludeDone] = useState(false);
  const tasks = useApiQuery('assets.tasks', { includeDone });
  const [declaring, setDeclaring] = useState<AssetTask | null>(null);

  const columns: TableColumnsType<AssetTask> = [
    {
      key: 'due',
      title: t('as.tasks.due'),
      width: 150,
      render: (_, x) => (
        <div>
          <div style={{ fontWeight: 600, color: x.overdue ? '#cf1322' : undefined }}>{dateVn(x.dueDate)}</div>
          <Tag color={x.overdue ? 'red' : x.daysLeft <= 7 ? 'orange' : 'default'} style={{ marginInlineEnd: 0 }}>
            {x.overdue ? t('as.tasks.overdue', { n: -x.daysLeft }) : t('as.tasks.daysLeft', { n: x.daysLeft })}
          </Tag>
        </div>
      ),
    },
    {
      key: 'task',
      title: t('as.tasks.task'),
      render: (_, x) => (
        <div>
          <Typography.Text strong>{x.label}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {x.article}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      key: 'asset',
      title: t('as.tasks.asset'),
      width: 280,
      render: (_, x) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => onOpen(x.assetId)}
        >
          {x.code} — {x.name}
        </Button>
      ),
    },
    { key: 'event', title: t('as.tasks.eventDate'), width: 120, render: (_, x) => dateVn(x.eventDate) },
  ];
  if (editor)
    columns.push({
      key: 'act',
      width: 140,
      render: (_, x) =>
        x.kind === 'declaration' && (
          <Button
            size="small"
            icon={<CheckOutlined aria-hidden />}
            onClick={() => setDeclaring(x)}
            data-testid={`as-task-declare-${x.code}`}
          >
            {t('as.tasks.declare')}
          </Button>
        ),
    });

  return (
    <div data-testid="as-tasks">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0, maxWidth: 820 }}>
          {t('as.tasks.intro')}
        </Typography.Paragraph>
        <Checkbox checked={includeDone} onChange={(e) => setIncludeDone(e.target.checked)}>
          {t('as.tasks.includeDone')}
        </Checkbox>
      </Flex>
      {tasks.isPending ? (
        <Skeleton active />
      ) : tasks.isError ? (
        <Alert type="error" title={errorText(tasks.error, t, i18n.language)} />
      ) : (
        <Table<AssetTask>
          rowKey={(x) => `${x.kind}|${x.eventId}`}
          size="small"
          columns={columns}
          dataSource={tasks.data}
          pagination={tasks.data.length > 50 ? { pageSize: 50 } : false}
          locale={{ emptyText: t('as.tasks.none') }}
          data-testid="as-tasks-table"
        />
      )}
      {declaring && <DeclareModal task={declaring} onClose={() => setDeclaring(null)} />}
    </div>
  );
}

function DeclareModal({ task, onClose }: { task: AssetTask; onClose: () => void }) {
  const { t } = useTranslation();
  const { client } = useApi();
  return (
    <EventModal
      title={t('as.tasks.declareTitle', { code: task.code })}
      testId="as-declare-modal"
      initial={{ date: dayjs() }}
      onClose={onClose}
      onSubmit={async (v) => {
        await client.call('assets.markDeclared', {
          eventId: task.eventId,
          documentNo: String(v.documentNo ?? '').trim(),
          date: fromDayjs(v.date as Dayjs | null) ?? undefined,
        });
        return t('as.tasks.declared');
      }}
    >
      <Typography.Paragraph type="secondary">{t('as.tasks.declareHint')}</Typography.Paragraph>
      <Form.Item name="documentNo" label={t('as.events.documentNo')}>
        <Input />
      </Form.Item>
      <Form.Item name="date" label={t('as.tasks.declaredOn')}>
        <DatePicker format={DATE_FORMAT} />
      </Form.Item>
    </EventModal>
  );
}
