import { useState, type CSSProperties } from 'react';
import { Select, Spin, Typography } from 'antd';
import { keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../contract/schemas/evidence';
import { useApiQuery } from '../../api/hooks';
import { useDebouncedValue } from './useDebouncedValue';
import { VerificationTag } from './VerificationTag';

export interface EvidencePickerProps {
  frameworkId: string;
  /** Evidence of this assessment plus library-wide evidence. */
  assessmentId?: string;
  /** Only evidence already serving this criterion. */
  criterionCode?: string;
  /** Called with the chosen evidence; the box then clears for the next pick. */
  onPick: (evidence: Evidence) => void;
  /** Ids not to offer (already cited, say). */
  excludeIds?: readonly string[];
  placeholder?: string;
  autoFocus?: boolean;
  disabled?: boolean;
  /** How many matches to show (default 20). */
  limit?: number;
  style?: CSSProperties;
  'data-testid'?: string;
}

/**
 * Search-as-you-type over the evidence library (server-side, diacritic-insensitive): shows
 * code + title; ↑/↓ to move, Enter to pick, Esc to close. Matches come from `evidence.list`
 * with `q`, so the picker scales to a library of thousands.
 */
export function EvidencePicker({
  frameworkId,
  assessmentId,
  criterionCode,
  onPick,
  excludeIds,
  placeholder,
  autoFocus,
  disabled,
  limit = 20,
  style,
  'data-testid': testId = 'evidence-picker',
}: EvidencePickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const [open, setOpen] = useState(false);
  const list = useApiQuery(
    'evidence.list',
    {
      frameworkId,
      ...(assessmentId ? { assessmentId } : {}),
      ...(criterionCode ? { criterionCode } : {}),
      ...(q ? { q } : {}),
      limit,
    },
    { enabled: open || q !== '', placeholderData: keepPreviousData },
  );
  const excluded = new Set(excludeIds ?? []);
  const items = (list.data?.items ?? []).filter((e) => !excluded.has(e.id));
  const searching = list.isFetching || search.trim() !== q;

  return (
    <Select<string | null>
      value={null}
      open={open}
      onOpenChange={setOpen}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search, autoClearSearchValue: true }}
      placeholder={placeholder ?? t('ev.picker.placeholder')}
      autoFocus={autoFocus}
      disabled={disabled}
      virtual={false}
      style={{ minWidth: 320, ...style }}
      popupMatchSelectWidth={false}
      notFoundContent={
        searching ? (
          <Spin size="small" description={t('ev.picker.loading')} />
        ) : (
          <Typography.Text type="secondary">{t('ev.picker.empty')}</Typography.Text>
        )
      }
      onSelect={(id) => {
        const picked = items.find((e) => e.id === id);
        setSearch('');
        if (picked) onPick(picked);
      }}
      options={items.map((e) => ({
        value: e.id,
        label: `${e.code} ${e.title}`,
        evidence: e,
      }))}
      optionRender={(option) => {
        const e = (option.data as { evidence: Evidence }).evidence;
        return (
          <div
            style={{ display: 'flex', gap: 8, alignItems: 'baseline', maxWidth: 560 }}
            data-testid={`evidence-option-${e.code}`}
          >
            <Typography.Text strong style={{ whiteSpace: 'nowrap', fontFamily: 'Consolas, "Roboto Mono", monospace' }}>
              {e.code}
            </Typography.Text>
            <span style={{ flex: 1, whiteSpace: 'normal', color: e.expired ? '#a8071a' : undefined }}>{e.title}</span>
            {e.verification !== 'verified' && <VerificationTag status={e.verification} />}
          </div>
        );
      }}
      data-testid={testId}
    />
  );
}
