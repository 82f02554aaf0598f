import { useMemo } from 'react';
import { Select, type SelectProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FrameworkSummary } from '../../../contract/methods/frameworks';
import type { Role } from '../../../contract/schemas/common';
import { EVIDENCE_EDITORS, EVIDENCE_VERIFIERS, type Evidence, type EvidenceMetaInput } from '../../../contract/schemas/evidence';
import { allCriteria, findCriterion, type LevelsFramework } from '../../../core/frameworks';
import { fold } from '../../../core/fold';
import { useApiQuery } from '../../api/hooks';

export const canEditEvidence = (role: Role) => (EVIDENCE_EDITORS as readonly Role[]).includes(role);
export const canVerifyEvidence = (role: Role) => (EVIDENCE_VERIFIERS as readonly Role[]).includes(role);

/** Today in the PC's own time zone, YYYY-MM-DD. */
export const todayIso = () => dayjs().format('YYYY-MM-DD');

/** Frameworks are shipped data: they never change while the app runs. */
const FOREVER = { staleTime: Infinity } as const;

/** Frameworks that issue evidence codes (the criteria-and-levels ones), and the school's default. */
export function useEvidenceFrameworks() {
  const list = useApiQuery('frameworks.list', {}, FOREVER);
  const school = useApiQuery('school.get', {});
  const frameworks = useMemo(() => (list.data ?? []).filter((f) => f.kind === 'levels'), [list.data]);
  const defaultId = useMemo(
    () => defaultFrameworkId(frameworks, school.data?.levels ?? [], todayIso()),
    [frameworks, school.data],
  );
  return { frameworks, defaultId, isPending: list.isPending || school.isPending, error: list.error };
}

/**
 * The TT 57 annex for the school's level (Phụ lục I mầm non, II phổ thông, III GDTX), else
 * any framework in force for its level, else the first one.
 */
export function defaultFrameworkId(
  frameworks: readonly FrameworkSummary[],
  levels: readonly string[],
  today: string,
): string | null {
  const inForce = (f: FrameworkSummary) => f.effectiveFrom <= today && (f.effectiveTo === null || today <= f.effectiveTo);
  const forSchool = (f: FrameworkSummary) => levels.length === 0 || f.educationLevels.some((l) => levels.includes(l));
  return (
    frameworks.find((f) => f.family === 'tt57' && forSchool(f))?.id ??
    frameworks.find((f) => inForce(f) && forSchool(f))?.id ??
    frameworks[0]?.id ??
    null
  );
}

export function useLevelsFramework(id: string | null) {
  const q = useApiQuery('frameworks.get', { id: id ?? '' }, { ...FOREVER, enabled: !!id });
  const fw = q.data && q.data.kind === 'levels' ? q.data : undefined;
  return { framework: fw, isPending: q.isPending && !!id, error: q.error };
}

/** Every cached view of the library (lists, code maps, one evidence, health) reloads. */
export function useRefreshEvidence() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['evidence.list'] });
    void queryClient.invalidateQueries({ queryKey: ['evidence.get'] });
    void queryClient.invalidateQueries({ queryKey: ['evidence.health'] });
  };
}

export function criterionTitle(fw: LevelsFramework | undefined, code: string): string {
  return (fw && findCriterion(fw, code)?.title) ?? '';
}

/** Criteria grouped by standard, for a Select. */
export function criterionOptions(fw: LevelsFramework, t: TFunction, exclude: readonly string[] = []) {
  return fw.standards.map((s) => ({
    label: `${t('ev.criteria.standard', { code: s.code })}. ${s.title}`,
    title: s.title,
    options: s.criteria
      .filter((c) => !exclude.includes(c.code))
      .map((c) => ({ value: c.code, label: t('ev.criteria.option', { code: c.code, title: c.title }) })),
  }));
}

/** A criterion chooser: grouped by standard, searchable without diacritics ("tam nhin"). */
export function CriterionSelect({
  framework,
  exclude,
  ...props
}: { framework: LevelsFramework; exclude?: readonly string[] } & Omit<SelectProps<string>, 'options'>) {
  const { t } = useTranslation();
  const options = useMemo(() => criterionOptions(framework, t, exclude), [framework, t, exclude]);
  return (
    <Select<string>
      placeholder={t('ev.criteria.placeholder')}
      showSearch={{
        filterOption: (input, option) =>
          !!option && 'value' in option && fold(String(option.label ?? '')).includes(fold(input.trim())),
      }}
      options={options}
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}

export function criterionCount(fw: LevelsFramework): number {
  return allCriteria(fw).length;
}

// ---- metadata in forms ----------------------------------------------------------------

/** The editable fields as the antd form holds them (dates as dayjs). */
export interface MetaFormValues {
  title?: string;
  legacyCode?: string;
  documentNumber?: string;
  issuedDate?: Dayjs | null;
  issuer?: string;
  format?: string;
  storageLocation?: string;
  url?: string;
  validFrom?: Dayjs | null;
  validUntil?: Dayjs | null;
  notes?: string;
}

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const day = (s: string | null) => (s ? dayjs(s) : null);

/** Form values → meta; only the fields the form has (undefined ones are left alone by the server). */
export function metaFromForm(v: MetaFormValues, { dropEmpty = false } = {}): EvidenceMetaInput {
  const meta: EvidenceMetaInput = {};
  for (const k of ['title', 'legacyCode', 'documentNumber', 'issuer', 'format', 'storageLocation', 'url', 'notes'] as const) {
    const value = v[k];
    if (value === undefined) continue;
    const trimmed = (value ?? '').trim();
    if (dropEmpty && trimmed === '') continue;
    meta[k] = trimmed;
  }
  for (const k of ['issuedDate', 'validFrom', 'validUntil'] as const) {
    if (v[k] === undefined) continue;
    const value = iso(v[k]);
    if (dropEmpty && value === null) continue;
    meta[k] = value;
  }
  return meta;
}

export function formFromEvidence(e: Evidence): MetaFormValues & { fileName: string; kind: Evidence['kind'] } {
  return {
    title: e.title,
    legacyCode: e.legacyCode,
    documentNumber: e.documentNumber,
    issuedDate: day(e.issuedDate),
    issuer: e.issuer,
    format: e.format,
    storageLocation: e.storageLocation,
    url: e.url,
    validFrom: day(e.validFrom),
    validUntil: day(e.validUntil),
    notes: e.notes,
    fileName: e.fileName,
    kind: e.kind,
  };
}

/** dd/mm/yyyy in date pickers, as administrative documents write it. */
export const DATE_FORMAT = 'DD/MM/YYYY';
