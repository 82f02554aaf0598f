import { useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Descriptions,
  Flex,
  Progress,
  Result,
  Select,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  InboxOutlined,
  ReloadOutlined,
  SaveOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../contract/methods';
import type { ImportResult } from '../../../../contract/schemas/assets';
import { useApi } from '../../../api/ApiProvider';
import { errorText } from '../../../api/error-text';
import { readFileAsBase64 } from '../../../components/evidence/files';
import { count, useRefreshAssets } from '../shared';

type Preview = MethodOutput<'assets.importPreview'>;
type Mapping = Record<string, number>;
type Step = 'file' | 'mapping' | 'check' | 'done';
const STEPS: Step[] = ['file', 'mapping', 'check', 'done'];

interface Source {
  fileName: string;
  contentBase64: string;
}

/** 56 MB of base64 is the contract's limit; an .xlsx register is far below that. */
const MAX_BYTES = 40 * 1024 * 1024;

/**
 * Nhập từ Excel: the file → the column mapping (aliases detected by the server, editable) →
 * a dry run that lists every problem with its Excel row and column → "Ghi vào sổ" only when
 * there is none (all rows or nothing), or "Tải lại sau khi sửa" with the corrected file.
 */
export function ImportTab({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const { message } = App.useApp();
  const refresh = useRefreshAssets();
  const [step, setStep] = useState<Step>('file');
  const [source, setSource] = useState<Source | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [updateExisting, setUpdateExisting] = useState(false);
  const [saveMapping, setSaveMapping] = useState(true);
  const [dry, setDry] = useState<ImportResult | null>(null);
  const [written, setWritten] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<'read' | 'check' | 'write' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const signature = useRef<string | null>(null);

  const fail = (err: unknown) => setError(errorText(err, t, i18n.language));

  const check = async (src: Source, map: Mapping, update = updateExisting) => {
    setBusy('check');
    setError(null);
    try {
      const r = await client.call('assets.import', {
        source: src,
        mapping: map,
        dryRun: true,
        updateExisting: update,
        saveMapping: false,
      });
      setDry(r);
      setStep('check');
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  /** A new file, or the corrected one: read, detect the header; the same headers keep the mapping and re-check at once. */
  const load = async (file: File, recheck: boolean) => {
    if (file.size > MAX_BYTES) {
      setError(t('as.import.tooBig'));
      return;
    }
    setBusy('read');
    setError(null);
    try {
      const src = { fileName: file.name, contentBase64: await readFileAsBase64(file) };
      const p = await client.call('assets.importPreview', { source: src });
      setSource(src);
      setPreview(p);
      setWritten(null);
      const same = recheck && signature.current !== null && signature.current === p.signature;
      signature.current = p.signature;
      if (same) {
        setBusy(null);
        await check(src, mapping);
        return;
      }
      setMapping({ ...p.mapping });
      setDry(null);
      setStep('mapping');
    } catch (err) {
      fail(err);
    } finally {
      setBusy((b) => (b === 'read' ? null : b));
    }
  };

  const write = async () => {
    if (!source) return;
    setBusy('write');
    setError(null);
    try {
      const r = await client.call('assets.import', { source, mapping, dryRun: false, updateExisting, saveMapping });
      if (r.errors.length > 0) {
        // Something changed since the check (another user, another file): show the new problems.
        setDry(r);
        setStep('check');
        return;
      }
      setWritten(r);
      setStep('done');
      await refresh();
      void message.success(t('as.import.writtenToast', { n: count(r.written) }));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const reset = () => {
    setStep('file');
    setSource(null);
    setPreview(null);
    setDry(null);
    setWritten(null);
    setError(null);
    signature.current = null;
  };

  const reupload = (testId: string, label: string, primary = false) => (
    <Upload
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      showUploadList={false}
      beforeUpload={(file) => {
        void load(file, true);
        return false;
      }}
    >
      <Button icon={<ReloadOutlined aria-hidden />} type={primary ? 'primary' : 'default'} data-testid={testId}>
        {label}
      </Button>
    </Upload>
  );

  return (
    <div data-testid="as-import">
      <Steps
        size="small"
        current={STEPS.indexOf(step)}
        style={{ marginBottom: 16, maxWidth: 860 }}
        items={STEPS.map((s) => ({ title: t(`as.import.steps.${s}`) }))}
      />
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="as-import-error"
          closable={{ onClose: () => setError(null) }}
        />
      )}

      {step === 'file' && (
        <Spin spinning={busy === 'read'}>
          <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
            {t('as.import.intro')}
          </Typography.Paragraph>
          <div style={{ maxWidth: 820 }} data-testid="as-import-drop">
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple={false}
              showUploadList={false}
              beforeUpload={(file) => {
                void load(file, false);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined aria-hidden />
              </p>
              <p className="ant-upload-text">{t('as.import.drop')}</p>
              <p className="ant-upload-hint">{t('as.import.dropHint')}</p>
            </Upload.Dragger>
          </div>
        </Spin>
      )}

      {step === 'mapping' && preview && source && (
        <MappingStep
          preview={preview}
          source={source}
          mapping={mapping}
          onMapping={setMapping}
          updateExisting={updateExisting}
          onUpdateExisting={setUpdateExisting}
          saveMapping={saveMapping}
          onSaveMapping={setSaveMapping}
          busy={busy === 'check'}
          onCheck={() => void check(source, mapping)}
          onCancel={reset}
        />
      )}

      {step === 'check' && dry && source && (
        <Spin spinning={busy === 'read' || busy === 'check'}>
          <CheckStep
            result={dry}
            fileName={source.fileName}
            busy={busy === 'write'}
            onWrite={() => void write()}
            onBack={() => setStep('mapping')}
            reupload={reupload('as-import-reload', t('as.import.reload'), dry.errors.length > 0)}
          />
        </Spin>
      )}

      {step === 'done' && written && (
        <Result
          status="success"
          title={<span data-testid="as-import-done">{t('as.import.done', { n: count(written.written) })}</span>}
          subTitle={[
            t('as.import.doneCreated', { n: count(written.created) }),
            written.updated ? t('as.import.doneUpdated', { n: count(written.updated) }) : null,
            written.newRooms.length ? t('as.import.doneRooms', { n: written.newRooms.length }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
          extra={[
            <Button key="open" type="primary" onClick={onDone} data-testid="as-import-open-register">
              {t('as.import.openRegister')}
            </Button>,
            <Button key="again" onClick={reset}>
              {t('as.import.another')}
            </Button>,
          ]}
        />
      )}
    </div>
  );
}

function MappingStep({
  preview,
  source,
  mapping,
  onMapping,
  updateExisting,
  onUpdateExisting,
  saveMapping,
  onSaveMapping,
  busy,
  onCheck,
  onCancel,
}: {
  preview: Preview;
  source: Source;
  mapping: Mapping;
  onMapping: (m: Mapping) => void;
  updateExisting: boolean;
  onUpdateExisting: (v: boolean) => void;
  saveMapping: boolean;
  onSaveMapping: (v: boolean) => void;
  busy: boolean;
  onCheck: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const fieldOf = new Map(Object.entries(mapping).map(([f, i]) => [i, f]));
  const labelOf = new Map(preview.fields.map((f) => [f.field, f.label]));
  const setColumn = (index: number, field: string | undefined) => {
    const next: Mapping = {};
    for (const [f, i] of Object.entries(mapping)) if (i !== index && f !== field) next[f] = i;
    if (field) next[field] = index;
    onMapping(next);
  };
  const noName = mapping.name === undefined;
  type Header = Preview['headers'][number];
  const columns: TableColumnsType<Header> = [
    {
      key: 'letter',
      title: t('as.import.column'),
      width: 70,
      render: (_, h) => <Typography.Text strong>{h.letter}</Typography.Text>,
    },
    {
      key: 'header',
      title: t('as.import.header'),
      render: (_, h) => h.header || <Typography.Text type="secondary">{t('as.import.noHeader')}</Typography.Text>,
    },
    {
      key: 'field',
      title: t('as.import.field'),
      width: 280,
      render: (_, h) => (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={fieldOf.get(h.index)}
          placeholder={t('as.import.skip')}
          onChange={(v: string | undefined) => setColumn(h.index, v)}
          options={preview.fields.map((f) => ({
            value: f.field,
            label:
              mapping[f.field] !== undefined && mapping[f.field] !== h.index
                ? `${f.label} (${t('as.import.alreadyColumn', { col: preview.headers.find((x) => x.index === mapping[f.field])?.letter ?? '' })})`
                : f.label,
          }))}
          style={{ width: '100%' }}
          aria-label={t('as.import.fieldFor', { col: h.letter })}
          data-testid={`as-import-map-${h.letter}`}
        />
      ),
    },
    {
      key: 'score',
      title: t('as.import.detected'),
      width: 140,
      render: (_, h) =>
        h.field && fieldOf.get(h.index) === h.field ? (
          <Tag color={h.score >= 0.9 ? 'green' : 'gold'}>{t('as.import.auto', { pct: Math.round(h.score * 100) })}</Tag>
        ) : fieldOf.get(h.index) ? (
          <Tag color="blue">{t('as.import.manual')}</Tag>
        ) : null,
    },
  ];
  const sampleFields = Object.keys(preview.mapping);
  return (
    <div data-testid="as-import-mapping">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'file', label: t('as.import.file'), children: source.fileName },
          { key: 'sheet', label: t('as.import.sheet'), children: preview.sheetName },
          {
            key: 'rows',
            label: t('as.import.dataRows'),
            children: <span data-testid="as-import-data-rows">{count(preview.dataRows)}</span>,
          },
          {
            key: 'header',
            label: t('as.import.headerRows'),
            children: preview.headerRows.length ? preview.headerRows.join(', ') : '—',
          },
          {
            key: 'confidence',
            label: t('as.import.confidence'),
            children: <Progress percent={Math.round(preview.confidence * 100)} size="small" style={{ width: 160, margin: 0 }} />,
          },
          {
            key: 'saved',
            label: t('as.import.savedMapping'),
            children: preview.savedMapping ? t('as.import.savedYes') : t('as.import.savedNo'),
          },
        ]}
      />
      {noName && (
        <Alert
          type="error"
          showIcon
          title={t('as.import.needName')}
          style={{ marginBottom: 12 }}
          data-testid="as-import-need-name"
        />
      )}
      <Typography.Paragraph type="secondary">{t('as.import.mappingIntro')}</Typography.Paragraph>
      <Table<Header>
        rowKey="index"
        size="small"
        columns={columns}
        dataSource={preview.headers}
        pagination={false}
        style={{ marginBottom: 16 }}
        data-testid="as-import-columns"
      />
      {preview.sample.length > 0 && (
        <>
          <Typography.Title level={5}>{t('as.import.sample')}</Typography.Title>
          <Table
            rowKey={(r) => String(r.row)}
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={preview.sample}
            columns={[
              { key: 'row', title: t('as.import.row'), width: 60, render: (_, r) => String(r.row) },
              ...sampleFields.map((f) => ({
                key: f,
                title: labelOf.get(f) ?? f,
                render: (_: unknown, r: Record<string, unknown>) => (r[f] === null || r[f] === undefined ? '' : String(r[f])),
              })),
            ]}
            style={{ marginBottom: 16 }}
          />
        </>
      )}
      <Space orientation="vertical" style={{ marginBottom: 16 }}>
        <Checkbox
          checked={updateExisting}
          onChange={(e) => onUpdateExisting(e.target.checked)}
          data-testid="as-import-update-existing"
        >
          {t('as.import.updateExisting')}
        </Checkbox>
        <Checkbox checked={saveMapping} onChange={(e) => onSaveMapping(e.target.checked)}>
          {t('as.import.saveMapping')}
        </Checkbox>
      </Space>
      <Flex gap={8}>
        <Button
          type="primary"
          icon={<SearchOutlined aria-hidden />}
          disabled={noName}
          loading={busy}
          onClick={onCheck}
          data-testid="as-import-check"
        >
          {t('as.import.check')}
        </Button>
        <Button onClick={onCancel}>{t('as.import.chooseOther')}</Button>
      </Flex>
    </div>
  );
}

function CheckStep({
  result,
  fileName,
  busy,
  onWrite,
  onBack,
  reupload,
}: {
  result: ImportResult;
  fileName: string;
  busy: boolean;
  onWrite: () => void;
  onBack: () => void;
  reupload: ReactNode;
}) {
  const { t } = useTranslation();
  const ok = result.errors.length === 0 && result.valid > 0;
  const badRows = new Set(result.errors.map((e) => e.row)).size;
  type Issue = ImportResult['errors'][number];
  const issueColumns: TableColumnsType<Issue> = [
    { key: 'row', title: t('as.import.row'), width: 80, render: (_, e) => <Typography.Text strong>{e.row}</Typography.Text> },
    { key: 'column', title: t('as.import.column'), width: 260, render: (_, e) => e.column },
    { key: 'message', title: t('as.import.problem'), render: (_, e) => e.message },
  ];
  return (
    <div data-testid="as-import-check-result" data-errors={result.errors.length}>
      {ok ? (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined aria-hidden />}
          title={
            <span data-testid="as-import-summary">{t('as.import.checkOk', { n: count(result.valid), file: fileName })}</span>
          }
          description={t('as.import.checkOkHint')}
          style={{ marginBottom: 12 }}
        />
      ) : (
        <Alert
          type="error"
          showIcon
          icon={<CloseCircleOutlined aria-hidden />}
          title={
            <span data-testid="as-import-summary">
              {result.valid === 0 && result.errors.length === 0
                ? t('as.import.checkEmpty')
                : t('as.import.checkBad', {
                    errors: count(result.errors.length),
                    rows: count(badRows),
                    total: count(result.rows),
                    file: fileName,
                  })}
            </span>
          }
          description={t('as.import.checkBadHint')}
          style={{ marginBottom: 12 }}
        />
      )}
      <Descriptions
        size="small"
        column={{ xs: 2, md: 4 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'rows', label: t('as.import.rows'), children: count(result.rows) },
          {
            key: 'valid',
            label: t('as.import.valid'),
            children: <span data-testid="as-import-valid">{count(result.valid)}</span>,
          },
          {
            key: 'errors',
            label: t('as.import.errors'),
            children: (
              <Typography.Text type={result.errors.length ? 'danger' : undefined}>{count(result.errors.length)}</Typography.Text>
            ),
          },
          { key: 'warnings', label: t('as.import.warnings'), children: count(result.warnings.length) },
        ]}
      />
      {result.newRooms.length > 0 && (
        <div style={{ marginBottom: 12 }} data-testid="as-import-new-rooms">
          <Typography.Text>{t('as.import.newRooms', { n: result.newRooms.length })} </Typography.Text>
          <Flex wrap gap={4} style={{ marginTop: 4 }}>
            {result.newRooms.map((r) => (
              <Tag key={r}>{r}</Tag>
            ))}
          </Flex>
        </div>
      )}
      {result.errors.length > 0 && (
        <>
          <Typography.Title level={5}>{t('as.import.errorList')}</Typography.Title>
          <Table<Issue>
            rowKey={(e) => `${e.row}|${e.column}|${e.message}`}
            size="small"
            columns={issueColumns}
            dataSource={result.errors}
            pagination={result.errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            onRow={() => ({ 'data-testid': 'as-import-error-row' }) as HTMLAttributes<HTMLElement>}
            style={{ marginBottom: 16 }}
            data-testid="as-import-errors"
          />
        </>
      )}
      {result.warnings.length > 0 && (
        <details style={{ marginBottom: 16 }}>
          <summary style={{ cursor: 'pointer' }}>{t('as.import.warningList', { n: count(result.warnings.length) })}</summary>
          <Table<Issue>
            rowKey={(e) => `${e.row}|${e.column}|${e.message}`}
            size="small"
            columns={issueColumns}
            dataSource={result.warnings}
            pagination={result.warnings.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            style={{ marginTop: 8 }}
          />
        </details>
      )}
      <Flex gap={8} wrap>
        <Button
          type="primary"
          icon={<SaveOutlined aria-hidden />}
          disabled={!ok}
          loading={busy}
          onClick={onWrite}
          data-testid="as-import-write"
        >
          {t('as.import.write', { n: count(result.valid) })}
        </Button>
        {reupload}
        <Button onClick={onBack} data-testid="as-import-back">
          {t('as.import.backToMapping')}
        </Button>
      </Flex>
      {!ok && result.errors.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('as.import.nothingWritten')}
        </Typography.Paragraph>
      )}
    </div>
  );
}
