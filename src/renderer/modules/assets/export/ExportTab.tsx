import { useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import { FileExcelOutlined, FileWordOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EXPORT_LISTS, type FileResult } from '../../../../contract/schemas/assets';
import { useApi } from '../../../api/ApiProvider';
import { useApiQuery } from '../../../api/hooks';
import { errorText } from '../../../api/error-text';
import { roomLabel, saveFileResult } from '../shared';

type ListKind = (typeof EXPORT_LISTS)[number];

/**
 * Xuất & in: every list to .xlsx, QR/barcode label sheets (.docx, A4, 3×8 or 4×10), the
 * fixed-asset register (sổ TSCĐ) of a year and an asset card (thẻ TSCĐ).
 */
export function ExportTab() {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const { message } = App.useApp();
  const rooms = useApiQuery('rooms.list', {});
  const sessions = useApiQuery('stocktake.list', {});
  const year = new Date().getFullYear();
  const [list, setList] = useState<ListKind>('assets');
  const [stocktakeId, setStocktakeId] = useState<string | undefined>();
  const [layout, setLayout] = useState<'3x8' | '4x10'>('3x8');
  const [symbology, setSymbology] = useState<'qr' | 'code128'>('qr');
  const [labelRoom, setLabelRoom] = useState<string | undefined>();
  const [registerYear, setRegisterYear] = useState<number>(year);
  const [cardCode, setCardCode] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (key: string, produce: () => Promise<FileResult>) => {
    setBusy(key);
    try {
      const r = await produce();
      saveFileResult(r);
      void message.success(t('as.export.saved', { file: r.fileName }));
    } catch (err) {
      void message.error(errorText(err, t, i18n.language));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div data-testid="as-export">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('as.export.listsTitle')} style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary">{t('as.export.listsIntro')}</Typography.Paragraph>
            <Radio.Group
              value={list}
              onChange={(e) => setList(e.target.value as ListKind)}
              options={EXPORT_LISTS.map((l) => ({ value: l, label: t(`as.export.lists.${l}`) }))}
              style={{ display: 'flex', flexDirection: 'column', gap: 4, marginBottom: 12 }}
              data-testid="as-export-list-kind"
            />
            {list === 'stocktakeLines' && (
              <Select
                placeholder={t('as.export.pickSession')}
                value={stocktakeId}
                onChange={setStocktakeId}
                options={(sessions.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                style={{ width: '100%', marginBottom: 12 }}
              />
            )}
            <Button
              type="primary"
              icon={<FileExcelOutlined aria-hidden />}
              loading={busy === 'list'}
              disabled={list === 'stocktakeLines' && !stocktakeId}
              onClick={() =>
                void run('list', () =>
                  client.call('assets.export', { list, ...(list === 'stocktakeLines' ? { stocktakeId } : {}) }),
                )
              }
              data-testid="as-export-run"
            >
              {t('as.export.toExcel')}
            </Button>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('as.export.labelsTitle')} style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary">{t('as.export.labelsIntro')}</Typography.Paragraph>
            <Flex vertical gap={10} style={{ marginBottom: 12 }}>
              <div>
                <Typography.Text>{t('as.export.layout')}: </Typography.Text>
                <Radio.Group
                  value={layout}
                  onChange={(e) => setLayout(e.target.value as '3x8' | '4x10')}
                  optionType="button"
                  options={[
                    { value: '3x8', label: t('as.export.layout3x8') },
                    { value: '4x10', label: t('as.export.layout4x10') },
                  ]}
                  data-testid="as-labels-layout"
                />
              </div>
              <div>
                <Typography.Text>{t('as.export.symbology')}: </Typography.Text>
                <Radio.Group
                  value={symbology}
                  onChange={(e) => setSymbology(e.target.value as 'qr' | 'code128')}
                  optionType="button"
                  options={[
                    { value: 'qr', label: t('as.export.qr') },
                    { value: 'code128', label: t('as.export.code128') },
                  ]}
                />
              </div>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('as.export.allRooms')}
                value={labelRoom}
                onChange={setLabelRoom}
                options={(rooms.data ?? []).map((r) => ({ value: r.id, label: roomLabel(t, r) }))}
                style={{ width: '100%' }}
                data-testid="as-labels-room"
              />
            </Flex>
            <Button
              type="primary"
              icon={<QrcodeOutlined aria-hidden />}
              loading={busy === 'labels'}
              onClick={() =>
                void run('labels', () =>
                  client.call('assets.labels', { layout, symbology, ...(labelRoom ? { filter: { roomId: labelRoom } } : {}) }),
                )
              }
              data-testid="as-labels"
            >
              {t('as.export.printLabels')}
            </Button>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
              {t('as.export.labelsHint')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('as.export.registerTitle')} style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary">{t('as.export.registerIntro')}</Typography.Paragraph>
            <Flex gap={8} wrap align="center">
              <span>{t('as.export.year')}</span>
              <InputNumber
                min={1990}
                max={2100}
                value={registerYear}
                onChange={(v) => setRegisterYear(v ?? year)}
                style={{ width: 100 }}
                data-testid="as-register-year"
              />
              <Button
                icon={<FileWordOutlined aria-hidden />}
                loading={busy === 'register-docx'}
                onClick={() =>
                  void run('register-docx', () => client.call('assets.register', { year: registerYear, format: 'docx' }))
                }
                data-testid="as-register-docx"
              >
                Word (.docx)
              </Button>
              <Button
                icon={<FileExcelOutlined aria-hidden />}
                loading={busy === 'register-xlsx'}
                onClick={() =>
                  void run('register-xlsx', () => client.call('assets.register', { year: registerYear, format: 'xlsx' }))
                }
                data-testid="as-register-xlsx"
              >
                Excel (.xlsx)
              </Button>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('as.export.cardTitle')} style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary">{t('as.export.cardIntro')}</Typography.Paragraph>
            <Flex gap={8} wrap>
              <Input
                placeholder={t('as.export.cardCode')}
                value={cardCode}
                onChange={(e) => setCardCode(e.target.value)}
                style={{ width: 200 }}
                data-testid="as-card-code"
              />
              {(['docx', 'xlsx'] as const).map((format) => (
                <Button
                  key={format}
                  icon={format === 'docx' ? <FileWordOutlined aria-hidden /> : <FileExcelOutlined aria-hidden />}
                  disabled={!cardCode.trim()}
                  loading={busy === `card-${format}`}
                  onClick={() =>
                    void run(`card-${format}`, async () => {
                      const a = await client.call('assets.get', { code: cardCode.trim() });
                      return client.call('assets.card', { id: a.id, format });
                    })
                  }
                >
                  {format === 'docx' ? 'Word (.docx)' : 'Excel (.xlsx)'}
                </Button>
              ))}
            </Flex>
          </Card>
        </Col>
      </Row>
      <Alert type="info" showIcon title={t('as.export.whereSaved')} style={{ marginTop: 16 }} />
    </div>
  );
}
