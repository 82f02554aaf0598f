import { useCallback, type ReactNode } from 'react';
import { Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { ASSET_EDITORS, type FileResult } from '../../../contract/schemas/assets';
import type { Role } from '../../../contract/schemas/common';
import { formatVnd } from '../../../core/assets/money';
import { useApiQuery } from '../../api/hooks';
import { base64ToBlob, saveBlob } from '../../components/evidence/files';
import { formatDate, formatDateTime } from '../../format/date';

/** The same rule as the server: admins and equipment officers change assets, rooms and stocktakes. */
export function canEditAssets(role: Role): boolean {
  return (ASSET_EDITORS as readonly string[]).includes(role);
}

/** 12000000 → "12.000.000 đ" (integer VND, dots for thousands, as on every Vietnamese form). */
export function money(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  return `${formatVnd(Math.round(n))} đ`;
}

/** Signed difference: "+1.000.000 đ", "-12.000.000 đ", "0 đ". */
export function moneyDiff(n: number): string {
  return n > 0 ? `+${money(n)}` : money(n);
}

/** A count in Vietnamese style: 1234 → "1.234". */
export function count(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  return n < 0 ? `-${formatVnd(Math.abs(Math.round(n)))}` : formatVnd(Math.round(n));
}

/** dd/mm/yyyy whatever the UI language (administrative documents write dates day first). */
export const dateVn = formatDate;
export const dateTimeVn = formatDateTime;

/** Today as yyyy-mm-dd in local time. */
export function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The catalogs (classes, conditions, funding sources, room types…): they change with releases, not while the app runs. */
export function useCatalogs() {
  return useApiQuery('assets.catalogs', {}, { staleTime: Infinity });
}

export type Catalogs = NonNullable<ReturnType<typeof useCatalogs>['data']>;

/** Label of a code in a catalog list, or the code itself when the catalog does not know it. */
export function labelIn(
  list: readonly { code: string; label: string }[] | undefined,
  code: string | null | undefined,
  empty = '',
): string {
  if (code === null || code === undefined || code === '') return empty;
  return list?.find((x) => x.code === code)?.label ?? code;
}

const CONDITION_COLORS: Record<string, string> = {
  dang_hoat_dong: 'green',
  con_tot: 'green',
  chua_su_dung: 'blue',
  hu_hong: 'red',
  khong_su_dung_duoc: 'red',
};
const STATE_COLORS: Record<string, string> = {
  in_use: 'green',
  idle: 'default',
  under_repair: 'orange',
  pending_disposal: 'gold',
  transferred_out: 'purple',
  liquidated: 'default',
  destroyed: 'default',
  lost: 'red',
};

/** A tag that stays on one line in a table cell (long catalog labels end in "…"). */
const TAG_STYLE = {
  marginInlineEnd: 0,
  maxWidth: '100%',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  verticalAlign: 'middle',
} as const;

export function ConditionTag({ code, catalogs }: { code: string | null | undefined; catalogs: Catalogs | undefined }) {
  if (!code) return null;
  return (
    <Tag color={CONDITION_COLORS[code] ?? 'default'} style={TAG_STYLE} title={labelIn(catalogs?.conditions, code)}>
      {labelIn(catalogs?.conditions, code)}
    </Tag>
  );
}

export function StateTag({ code, catalogs }: { code: string | null | undefined; catalogs: Catalogs | undefined }) {
  if (!code) return null;
  return (
    <Tag color={STATE_COLORS[code] ?? 'default'} style={TAG_STYLE} title={labelIn(catalogs?.lifecycleStates, code)}>
      {labelIn(catalogs?.lifecycleStates, code)}
    </Tag>
  );
}

/** Right-aligned amount for tables. */
export function Money({ value, strong }: { value: number | null | undefined; strong?: boolean }) {
  return (
    <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', fontWeight: strong ? 600 : undefined }}>
      {money(value)}
    </span>
  );
}

/** Saves a generated file that came back inline (no save-dialog handle was given). */
export function saveFileResult(result: FileResult): void {
  if (!result.contentBase64) return;
  saveBlob(base64ToBlob(result.contentBase64, result.mimeType), result.fileName);
}

/** Saves a JSON value as a .json file. */
export function saveJson(value: unknown, fileName: string): void {
  saveBlob(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }), fileName);
}

/** Every cached answer of the assets and stocktake methods, refreshed after a change. */
export function useRefreshAssets() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      queryClient.invalidateQueries({
        predicate: (q) => {
          const m = String(q.queryKey[0]);
          return m !== 'assets.catalogs' && /^(assets|rooms|buildings|wear|stocktake)\./.test(m);
        },
      }),
    [queryClient],
  );
}

/** A read-only line "Label: value" for summaries. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 4 }}>
      <Typography.Text type="secondary">{label}: </Typography.Text>
      {children}
    </div>
  );
}

/** Parses what a user typed as money ("12.000.000", "12,000,000 đ"); null when empty. */
export function parseMoneyInput(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined || text === '') return null;
  if (typeof text === 'number') return Number.isFinite(text) ? Math.round(text) : null;
  const digits = text.replace(/[^\d-]/g, '');
  if (digits === '' || digits === '-') return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}

/** antd InputNumber props for integer VND shown with dots. */
export const moneyInputProps = {
  formatter: (v: string | number | undefined) => (v === undefined || v === '' ? '' : formatVnd(Math.round(Number(v)) || 0)),
  parser: (v: string | undefined) => (parseMoneyInput(v ?? '') ?? 0) as unknown as number,
  min: 0,
  step: 1000,
  suffix: 'đ',
  style: { width: '100%' },
} as const;

/** "Mã — tên" for a room, or the "no room" text. */
export function roomLabel(t: TFunction, room: { code: string; name: string } | null | undefined): string {
  if (!room) return t('as.common.noRoom');
  return room.name && room.name !== room.code ? `${room.code} — ${room.name}` : room.code;
}
