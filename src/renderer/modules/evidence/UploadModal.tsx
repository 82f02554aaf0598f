import { useEffect, useReducer, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Col, Divider, Flex, Form, Modal, Progress, Row, Space, Tag, Typography, Upload } from 'antd';
import {
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  CopyOutlined,
  InboxOutlined,
  LoadingOutlined,
  MinusCircleOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MAX_UPLOAD_BYTES, type AddFileResult, type Evidence, type EvidenceMetaInput } from '../../../contract/schemas/evidence';
import type { LevelsFramework } from '../../../core/frameworks';
import { useApi } from '../../api/ApiProvider';
import { errorText } from '../../api/error-text';
import { formatBytes, readFileAsBase64 } from '../../components/evidence/files';
import { MetaFields } from './MetaFields';
import { CriterionSelect, metaFromForm, useRefreshEvidence, type MetaFormValues } from './shared';

export type UploadStatus =
  'waiting' | 'uploading' | 'done' | 'duplicate' | 'linked' | 'created' | 'skipped' | 'cancelled' | 'error';

interface UploadItem {
  uid: string;
  file: File;
  status: UploadStatus;
  /** Where and how it was filed (the defaults when its turn came). */
  filing?: { criterionCode: string; meta: EvidenceMetaInput };
  result?: AddFileResult;
  evidence?: Evidence;
  message?: string;
  busy?: boolean;
}

type Defaults = MetaFormValues & { criterionCode?: string };

const FINAL: ReadonlySet<UploadStatus> = new Set(['done', 'linked', 'created', 'skipped', 'cancelled', 'error']);

let uidCounter = 0;

/**
 * Thêm tệp minh chứng: drop several files; they are sent one at a time (base64 over RPC,
 * ≤ 25 MB each) with the shared details, each row telling how it went. A file already in the
 * library is not added twice silently: the row offers to link the existing evidence to the
 * criterion, to create a second record, or to skip. "Dừng" stops before the next file.
 */
export function UploadModal({
  open,
  framework,
  initialCriterion,
  onClose,
}: {
  open: boolean;
  framework: LevelsFramework;
  initialCriterion?: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const refresh = useRefreshEvidence();
  const [form] = Form.useForm<Defaults>();
  const items = useRef<UploadItem[]>([]);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const running = useRef(false);
  const stopping = useRef(false);
  const [isRunning, setRunning] = useState(false);

  useEffect(() => {
    if (open && initialCriterion) form.setFieldValue('criterionCode', initialCriterion);
  }, [open, initialCriterion, form]);

  const patch = (uid: string, p: Partial<UploadItem>) => {
    items.current = items.current.map((i) => (i.uid === uid ? { ...i, ...p } : i));
    rerender();
  };

  const run = async () => {
    if (running.current) return;
    running.current = true; // before any await: one drop calls run() once per file
    let values: Defaults;
    try {
      values = await form.validateFields();
    } catch {
      running.current = false;
      return; // the criterion is missing: the files wait, the form says why
    }
    stopping.current = false;
    setRunning(true);
    const filing = { criterionCode: values.criterionCode!, meta: metaFromForm(values, { dropEmpty: true }) };
    try {
      for (;;) {
        if (stopping.current) {
          for (const i of items.current) if (i.status === 'waiting') patch(i.uid, { status: 'cancelled' });
          break;
        }
        const next = items.current.find((i) => i.status === 'waiting');
        if (!next) break;
        patch(next.uid, { status: 'uploading', filing });
        try {
          const contentBase64 = await readFileAsBase64(next.file);
          const res = await client.call('evidence.addFromUpload', {
            frameworkId: framework.id,
            criterionCode: filing.criterionCode,
            fileName: next.file.name,
            ...(next.file.type ? { mimeType: next.file.type } : {}),
            contentBase64,
            meta: filing.meta,
            onDuplicate: 'skip',
          });
          if (res.duplicate && res.action === 'skipped')
            patch(next.uid, { status: 'duplicate', result: res, evidence: res.evidence });
          else {
            patch(next.uid, { status: 'done', result: res, evidence: res.evidence });
            refresh();
          }
        } catch (err) {
          patch(next.uid, { status: 'error', message: errorText(err, t, i18n.language) });
        }
      }
    } finally {
      running.current = false;
      setRunning(false);
    }
  };

  const add = (file: File) => {
    const uid = `up-${++uidCounter}`;
    const tooLarge = file.size > MAX_UPLOAD_BYTES;
    items.current = [
      ...items.current,
      { uid, file, status: tooLarge ? 'error' : 'waiting', ...(tooLarge ? { message: t('ev.upload.tooLarge') } : {}) },
    ];
    rerender();
    // Every file of one drop is queued before the loop reads the queue (validateFields is async).
    void run();
  };

  const resolve = async (item: UploadItem, how: 'link' | 'create' | 'skip') => {
    if (how === 'skip' || !item.result || !item.filing) {
      patch(item.uid, { status: 'skipped' });
      return;
    }
    patch(item.uid, { busy: true });
    try {
      if (how === 'link') {
        const saved = await client.call('evidence.linkCriterion', {
          id: item.result.evidence.id,
          criterionCode: item.filing.criterionCode,
        });
        patch(item.uid, { status: 'linked', evidence: saved, busy: false });
      } else {
        const saved = await client.call('evidence.addFromStored', {
          frameworkId: framework.id,
          criterionCode: item.filing.criterionCode,
          sha256: item.result.sha256,
          fileName: item.file.name,
          ...(item.file.type ? { mimeType: item.file.type } : {}),
          meta: item.filing.meta,
        });
        patch(item.uid, { status: 'created', evidence: saved, busy: false });
      }
      refresh();
    } catch (err) {
      patch(item.uid, { busy: false, message: errorText(err, t, i18n.language) });
    }
  };

  const close = () => {
    // What is finished was reported; a reopened dialog starts clean (a running batch keeps going).
    if (!running.current) items.current = items.current.filter((i) => !FINAL.has(i.status));
    rerender();
    onClose();
  };

  const list = items.current;
  const finished = list.filter((i) => FINAL.has(i.status)).length;
  const waiting = list.filter((i) => i.status === 'waiting').length;

  return (
    <Modal
      open={open}
      title={t('ev.upload.title')}
      onCancel={close}
      width={860}
      style={{ top: 24 }}
      footer={
        <Flex justify="space-between" gap={8}>
          <Button
            onClick={() => {
              items.current = items.current.filter((i) => !FINAL.has(i.status));
              rerender();
            }}
            disabled={finished === 0}
            data-testid="ev-upload-clear"
          >
            {t('ev.upload.clear')}
          </Button>
          <Space>
            {isRunning && (
              <Button
                danger
                icon={<StopOutlined aria-hidden />}
                onClick={() => (stopping.current = true)}
                data-testid="ev-upload-stop"
              >
                {t('ev.upload.stop')}
              </Button>
            )}
            {!isRunning && waiting > 0 && (
              <Button type="primary" onClick={() => void run()} data-testid="ev-upload-start">
                {t('ev.upload.start', { count: waiting })}
              </Button>
            )}
            <Button onClick={close} data-testid="ev-upload-close">
              {t('ev.upload.close')}
            </Button>
          </Space>
        </Flex>
      }
      data-testid="ev-upload-modal"
    >
      <Form<Defaults> form={form} layout="vertical" data-testid="ev-upload-form">
        <Typography.Text strong>{t('ev.upload.defaults')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('ev.upload.defaultsHint')}
        </Typography.Paragraph>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="criterionCode"
              label={t('ev.fields.criterion')}
              rules={[{ required: true, message: t('ev.upload.criterionRequired') }]}
              style={{ marginBottom: 12 }}
            >
              <CriterionSelect framework={framework} data-testid="ev-upload-criterion" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <MetaFields fields={['title']} />
          </Col>
        </Row>
        <MetaFields
          fields={['documentNumber', 'issuedDate', 'issuer', 'validFrom', 'validUntil']}
          spans={{ documentNumber: 6, issuedDate: 6, issuer: 12, validFrom: 6, validUntil: 6 }}
        />
      </Form>
      <Upload.Dragger
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          add(file);
          return false;
        }}
        data-testid="ev-upload-drop"
      >
        <Flex align="center" justify="center" gap={16} style={{ padding: '0 16px' }}>
          <InboxOutlined aria-hidden style={{ fontSize: 40, color: '#1d4f91' }} />
          <div style={{ textAlign: 'start' }}>
            <div className="ant-upload-text" style={{ margin: 0 }}>
              {t('ev.upload.drop')}
            </div>
            <div className="ant-upload-hint">{t('ev.upload.dropHint')}</div>
          </div>
        </Flex>
      </Upload.Dragger>
      {list.length > 0 && (
        <>
          <Divider style={{ margin: '16px 0 8px' }} />
          <Flex align="center" gap={12}>
            <Typography.Text data-testid="ev-upload-progress">
              {t('ev.upload.progress', { done: finished, total: list.length })}
            </Typography.Text>
            <Progress percent={Math.round((finished / list.length) * 100)} size="small" style={{ flex: 1, margin: 0 }} />
          </Flex>
          <div role="list" style={{ maxHeight: 280, overflow: 'auto', marginTop: 8 }} data-testid="ev-upload-list">
            {list.map((item, i) => (
              <UploadRow key={item.uid} item={item} index={i} onResolve={(how) => void resolve(item, how)} />
            ))}
          </div>
        </>
      )}
    </Modal>
  );
}

const ICONS: Record<UploadStatus, ReactNode> = {
  waiting: <ClockCircleOutlined style={{ color: '#8c8c8c' }} aria-hidden />,
  uploading: <LoadingOutlined style={{ color: '#1d4f91' }} aria-hidden />,
  done: <CheckCircleFilled style={{ color: '#389e0d' }} aria-hidden />,
  linked: <CheckCircleFilled style={{ color: '#389e0d' }} aria-hidden />,
  created: <CheckCircleFilled style={{ color: '#389e0d' }} aria-hidden />,
  duplicate: <CopyOutlined style={{ color: '#d46b08' }} aria-hidden />,
  skipped: <MinusCircleOutlined style={{ color: '#8c8c8c' }} aria-hidden />,
  cancelled: <StopOutlined style={{ color: '#8c8c8c' }} aria-hidden />,
  error: <CloseCircleFilled style={{ color: '#cf1322' }} aria-hidden />,
};

function UploadRow({
  item,
  index,
  onResolve,
}: {
  item: UploadItem;
  index: number;
  onResolve: (how: 'link' | 'create' | 'skip') => void;
}) {
  const { t, i18n } = useTranslation();
  const code = item.evidence?.code ?? '';
  const criterion = item.filing?.criterionCode ?? '';
  const status =
    item.status === 'done'
      ? t('ev.upload.status.done', { code })
      : item.status === 'linked'
        ? t('ev.upload.status.linked', { code, criterion })
        : item.status === 'created'
          ? t('ev.upload.status.created', { code })
          : item.status === 'duplicate'
            ? t('ev.upload.status.duplicate', { codes: item.result?.existing.map((x) => x.code).join(', ') })
            : item.status === 'error'
              ? t('ev.upload.status.error', { message: item.message })
              : t(`ev.upload.status.${item.status}`);
  const alreadyLinked = !!item.result && item.result.evidence.criteria.includes(criterion);
  return (
    <div
      role="listitem"
      style={{ padding: '6px 4px', borderBottom: '1px solid #f0f0f0' }}
      data-testid={`ev-upload-item-${index}`}
      data-status={item.status}
    >
      <Flex align="center" gap={8}>
        {ICONS[item.status]}
        <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }}>
          {item.file.name}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {formatBytes(item.file.size, i18n.language)}
        </Typography.Text>
        {code && ['done', 'linked', 'created'].includes(item.status) && <Tag color="blue">{code}</Tag>}
      </Flex>
      <div style={{ paddingInlineStart: 22 }}>
        <Typography.Text
          type={item.status === 'error' ? 'danger' : item.status === 'duplicate' ? 'warning' : 'secondary'}
          style={{ fontSize: 12 }}
          data-testid="ev-upload-status"
        >
          {status}
        </Typography.Text>
        {item.status === 'duplicate' && item.result && (
          <>
            <Flex gap={6} wrap style={{ marginTop: 4 }}>
              <Button
                size="small"
                type="primary"
                disabled={alreadyLinked}
                loading={item.busy}
                onClick={() => onResolve('link')}
                data-testid="ev-dup-link"
              >
                {alreadyLinked
                  ? t('ev.upload.dupAlreadyLinked', { code: item.result.evidence.code, criterion })
                  : t('ev.upload.dupLink', { code: item.result.evidence.code, criterion })}
              </Button>
              <Button size="small" disabled={item.busy} onClick={() => onResolve('create')} data-testid="ev-dup-create">
                {t('ev.upload.dupCreate')}
              </Button>
              <Button size="small" disabled={item.busy} onClick={() => onResolve('skip')} data-testid="ev-dup-skip">
                {t('ev.upload.dupSkip')}
              </Button>
            </Flex>
            {item.message && <Alert type="error" showIcon title={item.message} style={{ marginTop: 4 }} />}
          </>
        )}
      </div>
    </div>
  );
}
