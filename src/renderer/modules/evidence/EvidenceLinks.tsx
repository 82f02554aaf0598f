import { useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Flex, Modal, Tag, Tooltip, Typography, type ButtonProps } from 'antd';
import { ArrowRightOutlined, DisconnectOutlined, SwapOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Evidence, EvidenceLink } from '../../../contract/schemas/evidence';
import { formatEvidenceCode, parseEvidenceCode, standardOf, type LevelsFramework } from '../../../core/frameworks';
import { errorText } from '../../api/error-text';
import { apiKey, useApiMutation, useApiQuery } from '../../api/hooks';
import { CriterionSelect, criterionTitle, useRefreshEvidence } from './shared';

/** Tiêu chí và mã: which criteria the evidence serves, and renumbering by its original criterion. */
export function EvidenceLinks({
  evidence: e,
  framework,
  editable,
}: {
  evidence: Evidence;
  framework: LevelsFramework;
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = useRefreshEvidence();
  const [adding, setAdding] = useState<string | undefined>();
  const [moving, setMoving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSaved = (saved: Evidence) => {
    queryClient.setQueryData(apiKey('evidence.get', { id: saved.id }), saved);
    refresh();
    setError(null);
  };
  const onError = (err: unknown) => setError(errorText(err, t, i18n.language));
  const link = useApiMutation('evidence.linkCriterion', {
    onSuccess: (saved, v) => {
      onSaved(saved);
      setAdding(undefined);
      void message.success(t('ev.links.added', { code: saved.code, criterion: v.criterionCode }));
    },
    onError,
  });
  const unlink = useApiMutation('evidence.unlinkCriterion', {
    onSuccess: (saved, v) => {
      onSaved(saved);
      void message.success(t('ev.links.removed', { code: saved.code, criterion: v.criterionCode }));
    },
    onError,
  });

  const links = [...e.links].sort((a, b) =>
    a.isFirst !== b.isFirst ? (a.isFirst ? -1 : 1) : a.criterionCode.localeCompare(b.criterionCode, 'en', { numeric: true }),
  );
  const firstLinkCount = e.links.filter((l) => l.criterionCode === e.firstCriterionCode).length;
  const locked = (l: EvidenceLink) => l.criterionCode === e.firstCriterionCode && firstLinkCount <= 1;

  return (
    <div data-testid="ev-links">
      <Typography.Paragraph data-testid="ev-links-explain">
        {t('ev.links.explain', { code: e.code, criterion: e.firstCriterionCode })}
      </Typography.Paragraph>
      <div role="list" style={{ border: '1px solid #e5e8ef', borderRadius: 6, marginBottom: 16 }}>
        {links.map((l, i) => (
          <Flex
            key={l.id}
            role="listitem"
            align="center"
            gap={8}
            style={{ padding: '8px 12px', borderTop: i === 0 ? undefined : '1px solid #f0f0f0' }}
            data-testid={`ev-link-${l.criterionCode}`}
          >
            <Tag color={l.criterionCode === e.firstCriterionCode ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
              {l.criterionCode}
            </Tag>
            <span style={{ flex: 1, minWidth: 0 }}>
              {criterionTitle(framework, l.criterionCode)}
              {l.criterionCode === e.firstCriterionCode && (
                <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                  ({t('ev.links.first')})
                </Typography.Text>
              )}
              {l.assessmentId && (
                <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                  ({t('ev.links.assessmentScoped')})
                </Typography.Text>
              )}
            </span>
            {editable && (
              <Tooltip title={locked(l) ? t('ev.links.firstLocked', { code: e.code }) : undefined}>
                <Button
                  size="small"
                  icon={<DisconnectOutlined aria-hidden />}
                  disabled={locked(l)}
                  loading={unlink.isPending && unlink.variables?.criterionCode === l.criterionCode}
                  onClick={() => unlink.mutate({ id: e.id, criterionCode: l.criterionCode, assessmentId: l.assessmentId })}
                  data-testid={`ev-unlink-${l.criterionCode}`}
                >
                  {t('ev.links.remove')}
                </Button>
              </Tooltip>
            )}
          </Flex>
        ))}
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="ev-links-error" />}
      {editable && (
        <>
          <Typography.Text strong>{t('ev.links.add')}</Typography.Text>
          <Flex gap={8} style={{ marginTop: 6, marginBottom: 20 }}>
            <CriterionSelect
              framework={framework}
              exclude={e.criteria}
              value={adding}
              onChange={setAdding}
              style={{ flex: 1 }}
              aria-label={t('ev.links.add')}
              data-testid="ev-link-add-select"
            />
            <Button
              type="primary"
              disabled={!adding}
              loading={link.isPending}
              onClick={() => adding && link.mutate({ id: e.id, criterionCode: adding })}
              data-testid="ev-link-add"
            >
              {t('ev.links.addButton')}
            </Button>
          </Flex>
          <Button icon={<SwapOutlined aria-hidden />} onClick={() => setMoving(true)} data-testid="ev-move">
            {t('ev.links.move')}
          </Button>
          {moving && <MoveModal evidence={e} framework={framework} onClose={() => setMoving(false)} />}
        </>
      )}
    </div>
  );
}

/**
 * The next code the target criterion would issue, from the codes live in the library. The
 * backend's counter never goes back, so a deleted higher number makes the real code larger:
 * the modal calls this a preview and the success message shows the code actually issued.
 */
export function predictNextCode(
  framework: LevelsFramework,
  target: string,
  codesFiledUnderTarget: readonly string[],
  box?: number,
): string | null {
  const convention = framework.evidenceCode;
  if (!convention) return null;
  let max = 0;
  for (const code of codesFiledUnderTarget) {
    const parts = parseEvidenceCode(convention, code);
    if (parts) max = Math.max(max, parts.seq);
  }
  try {
    return formatEvidenceCode(convention, target, max + 1, box === undefined ? {} : { box });
  } catch {
    return null;
  }
}

function MoveModal({ evidence: e, framework, onClose }: { evidence: Evidence; framework: LevelsFramework; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = useRefreshEvidence();
  const [target, setTarget] = useState<string | undefined>();
  const [keepOld, setKeepOld] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const filed = useApiQuery(
    'evidence.list',
    { frameworkId: framework.id, criterionCode: target ?? '1.1', limit: 1000 },
    { enabled: !!target },
  );
  const settings = useApiQuery(
    'evidence.getSettings',
    { frameworkId: framework.id },
    { enabled: !!framework.evidenceCode?.boxNumberConfigurable },
  );
  const newCode = useMemo(() => {
    if (!target || !filed.data) return null;
    const codes = filed.data.items.filter((x) => x.firstCriterionCode === target).map((x) => x.code);
    const standard = standardOf(framework, target)?.code;
    const box = framework.evidenceCode?.boxNumberConfigurable && standard ? settings.data?.boxes[standard] : undefined;
    return predictNextCode(framework, target, codes, box);
  }, [target, filed.data, settings.data, framework]);

  const move = useApiMutation('evidence.move', {
    onSuccess: (res) => {
      queryClient.setQueryData(apiKey('evidence.get', { id: res.evidence.id }), res.evidence);
      refresh();
      void message.success(t('ev.links.moved', { oldCode: res.oldCode, newCode: res.newCode }));
      onClose();
    },
    onError: (err) => setError(errorText(err, t, i18n.language)),
  });

  return (
    <Modal
      open
      title={t('ev.links.moveTitle', { code: e.code })}
      onCancel={onClose}
      okText={t('ev.links.moveOk')}
      okButtonProps={{ disabled: !target, loading: move.isPending, 'data-testid': 'ev-move-ok' } as ButtonProps}
      onOk={() => target && move.mutate({ id: e.id, criterionCode: target, keepOldLink: keepOld })}
      destroyOnHidden
      data-testid="ev-move-modal"
    >
      <Typography.Paragraph>{t('ev.links.moveTarget')}</Typography.Paragraph>
      <CriterionSelect
        framework={framework}
        exclude={[e.firstCriterionCode]}
        value={target}
        onChange={setTarget}
        style={{ width: '100%' }}
        aria-label={t('ev.links.moveTarget')}
        data-testid="ev-move-target"
      />
      <Checkbox
        checked={keepOld}
        onChange={(ev) => setKeepOld(ev.target.checked)}
        style={{ marginTop: 12 }}
        data-testid="ev-move-keep"
      >
        {t('ev.links.moveKeepOld', { criterion: e.firstCriterionCode })}
      </Checkbox>
      {target && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          title={
            <span data-testid="ev-move-preview">
              {t('ev.links.movePreview')} <Typography.Text code>{e.code}</Typography.Text> <ArrowRightOutlined aria-hidden />{' '}
              <Typography.Text code>{newCode ?? '…'}</Typography.Text>
            </span>
          }
          description={t('ev.links.movePreviewNote', { criterion: target })}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
