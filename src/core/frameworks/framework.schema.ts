/**
 * The on-disk format of an assessment framework (one JSON file per framework or annex under
 * `resources/frameworks/`). Frameworks are data because the Ministry replaces them every few
 * years and schools keep certificates issued under the old ones; see ADR 0005.
 *
 * Structural rules live in the zod shapes; cross-field rules (codes unique and consistent,
 * levels cumulative from 1, declared counts agreeing with the items) live in `superRefine`
 * so that a broken file is reported with the JSON path of the offending item.
 */
import { z } from 'zod';

export const FRAMEWORK_FORMAT_VERSION = 1;

export const EDUCATION_LEVELS = ['mam_non', 'tieu_hoc', 'thcs', 'thpt', 'gdtx'] as const;
export const educationLevelSchema = z.enum(EDUCATION_LEVELS);
export type EducationLevel = z.infer<typeof educationLevelSchema>;

export const EDUCATION_LEVEL_LABELS: Readonly<Record<EducationLevel, string>> = {
  mam_non: 'Mầm non',
  tieu_hoc: 'Tiểu học',
  thcs: 'Trung học cơ sở',
  thpt: 'Trung học phổ thông',
  gdtx: 'Giáo dục thường xuyên',
};

/**
 * [V] verbatim regulation text seen; [S] quoted or paraphrased by a third party;
 * [I] our inference. Items without their own provenance inherit the file's `source.grade`.
 */
export const provenanceGradeSchema = z.enum(['verbatim', 'secondary', 'inference']);
export type ProvenanceGrade = z.infer<typeof provenanceGradeSchema>;

export const provenanceSchema = z
  .object({
    grade: provenanceGradeSchema,
    note: z.string().min(1),
    /** Where the text or rule was taken from (URL, repository file, article and clause). */
    source: z.string().min(1).optional(),
  })
  .strict();
export type Provenance = z.infer<typeof provenanceSchema>;

const isoDate = z.iso.date();
const nonEmpty = z.string().trim().min(1);
const code = z.string().regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, 'Mã chỉ gồm chữ/số ngăn bằng dấu chấm');

export const relatedDocumentSchema = z
  .object({
    number: nonEmpty,
    title: nonEmpty.optional(),
    signedDate: isoDate.optional(),
    effectiveDate: isoDate.optional(),
    grade: provenanceGradeSchema,
    note: nonEmpty,
  })
  .strict();
export type RelatedDocument = z.infer<typeof relatedDocumentSchema>;

export const legalSourceSchema = z
  .object({
    /** Official number, e.g. "57/2026/TT-BGDĐT". */
    number: nonEmpty,
    /** "Thông tư", "Quyết định". */
    documentType: nonEmpty,
    title: nonEmpty,
    issuer: nonEmpty,
    signedDate: isoDate,
    effectiveDate: isoDate,
    /** e.g. "Phụ lục II"; null when the framework is the body of the document. */
    annex: nonEmpty.nullable(),
    url: z.url().nullable(),
    /** Other places the text was taken from (transcriptions, translations). */
    transcriptionSources: z.array(nonEmpty),
    grade: provenanceGradeSchema,
    note: nonEmpty,
    amendedBy: z.array(relatedDocumentSchema),
    replaces: z.array(relatedDocumentSchema),
    replacedBy: z.array(relatedDocumentSchema),
  })
  .strict();
export type LegalSource = z.infer<typeof legalSourceSchema>;

export const schoolTypeSchema = z.object({ code: z.string().regex(/^[a-z0-9_]+$/), label: nonEmpty }).strict();
export type SchoolType = z.infer<typeof schoolTypeSchema>;

export const evidenceCodeConventionSchema = z
  .object({
    /**
     * Placeholders: {box} (legacy box number, defaults to the standard), {standard},
     * {criterion} (number inside the standard), {seq}; ":2" pads with zeros, e.g. {seq:2}.
     */
    template: nonEmpty,
    /** Regular expression (source text) a canonical code matches; named groups box/standard/criterion/seq. */
    pattern: nonEmpty,
    /** Other spellings seen in real reports that the app accepts when importing. */
    acceptedPatterns: z.array(nonEmpty),
    example: nonEmpty,
    /** How a code is cited inside the report text. */
    citationExample: nonEmpty,
    /** TT 57 wraps cited codes in round brackets "(MC.1.1.01, MC.1.1.02)"; legacy codes carry their own []. */
    citationBrackets: z.enum(['round', 'none']),
    boxNumberConfigurable: z.boolean(),
    description: nonEmpty,
    provenance: provenanceSchema,
  })
  .strict();
export type EvidenceCodeConvention = z.infer<typeof evidenceCodeConventionSchema>;

export const calendarEntrySchema = z
  .object({
    key: z.string().regex(/^[a-z0-9-]+$/),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    label: nonEmpty,
    actor: z.enum(['school', 'authority']),
    /** The date is a deadline ("trước ngày …"): the action must be done before it. */
    deadline: z.boolean(),
    provenance: provenanceSchema,
  })
  .strict();
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;

export const timeRulesSchema = z
  .object({
    /** "yearly": a self-assessment every school year (TT 57, QĐ 4725); "cycle": one per accreditation cycle. */
    selfAssessment: z.enum(['yearly', 'cycle']),
    cycleYears: z.number().int().positive().nullable(),
    /** Years a certificate / recognition decision stays valid; null when nothing is certified. */
    validityYears: z.number().int().positive().nullable(),
    /** Years to wait after a recognition before applying for the next degree or level. */
    waitBeforeNextDegreeYears: z.number().int().nonnegative().nullable(),
    /** Register for re-assessment at least this many months before the certificate expires. */
    renewBeforeExpiryMonths: z.number().int().positive().nullable(),
    /** School years of data the self-assessment report covers. */
    dataWindowYears: z.number().int().positive().nullable(),
    calendar: z.array(calendarEntrySchema),
    /** Provenance of each rule above, keyed by field name. */
    provenance: z.record(z.string(), provenanceSchema),
  })
  .strict();
export type TimeRules = z.infer<typeof timeRulesSchema>;

export const councilRulesSchema = z
  .object({
    minMembers: z.number().int().positive(),
    oddNumber: z.boolean(),
    chairCount: z.number().int().nonnegative(),
    viceChair: z.enum(['required', 'optional', 'none']),
    secretaryCount: z.number().int().nonnegative(),
    composition: z.array(nonEmpty),
    provenance: provenanceSchema,
  })
  .strict();
export type CouncilRules = z.infer<typeof councilRulesSchema>;

export const requirementSchema = z.object({ code, text: nonEmpty, provenance: provenanceSchema.optional() }).strict();
export type Requirement = z.infer<typeof requirementSchema>;

export const criterionLevelSchema = z
  .object({
    level: z.number().int().min(1),
    requirements: z.array(requirementSchema).min(1),
    provenance: provenanceSchema.optional(),
  })
  .strict();
export type CriterionLevelSpec = z.infer<typeof criterionLevelSchema>;

export const quantitativeItemSchema = z.object({ code, text: nonEmpty, unit: z.enum(['%', 'count']).optional() }).strict();
export type QuantitativeItem = z.infer<typeof quantitativeItemSchema>;

export const criterionSchema = z
  .object({
    code,
    title: nonEmpty,
    mandatory: z.boolean(),
    levels: z.array(criterionLevelSchema).min(1),
    /** "Nhóm nội dung minh chứng" (TT 57); null when the framework has none. */
    evidenceGroup: nonEmpty.nullable(),
    suggestedEvidence: z.array(nonEmpty),
    /** "Dữ liệu định lượng chính". */
    quantitativeData: z.array(quantitativeItemSchema),
    /** Printed instead of data items, e.g. "Không yêu cầu dữ liệu định lượng riêng." */
    quantitativeNote: nonEmpty.nullable(),
    provenance: provenanceSchema.optional(),
  })
  .strict();
export type Criterion = z.infer<typeof criterionSchema>;

export const standardSchema = z
  .object({
    code,
    title: nonEmpty,
    criteria: z.array(criterionSchema).min(1),
    provenance: provenanceSchema.optional(),
  })
  .strict();
export type Standard = z.infer<typeof standardSchema>;

export const levelLabelSchema = z.object({ level: z.number().int().min(0), label: nonEmpty }).strict();
export type LevelLabel = z.infer<typeof levelLabelSchema>;

export const level4ClauseSchema = z
  .object({ code, article: nonEmpty, text: nonEmpty, provenance: provenanceSchema.optional() })
  .strict();
export type Level4Clause = z.infer<typeof level4ClauseSchema>;

export const levelRuleSchema = z.discriminatedUnion('type', [
  z
    .object({
      /** TT 57 khoản 3 Điều 5: every mandatory criterion at the level, a quota of the others too. */
      type: z.literal('mandatory-quota'),
      othersQuota: z.number().int().positive(),
      /** Minimum level of the non-quota others when the school aims at a level, keyed by that level. */
      othersFloor: z.record(z.string().regex(/^\d+$/), z.number().int().nonnegative()),
      text: nonEmpty,
      provenance: provenanceSchema,
    })
    .strict(),
  z
    .object({
      /** Legacy Điều 6: level k when every criterion reaches k; Mức 4 = level 3 + every Điều 22 clause. */
      type: z.literal('all-criteria'),
      /** A criterion with no requirement at a level reaches it with the previous one. */
      absentLevelMeans: z.literal('previous-level'),
      level4: z.literal('all-clauses-at-level-3'),
      text: nonEmpty,
      provenance: provenanceSchema,
    })
    .strict(),
]);
export type LevelRule = z.infer<typeof levelRuleSchema>;

export const multiLevelRuleSchema = z
  .object({ type: z.literal('minimum'), text: nonEmpty, provenance: provenanceSchema })
  .strict();
export type MultiLevelRule = z.infer<typeof multiLevelRuleSchema>;

export const conditionSchema = z
  .object({ key: z.string().regex(/^[a-zđ0-9]+$/), text: nonEmpty, provenance: provenanceSchema })
  .strict();
export type RecognitionCondition = z.infer<typeof conditionSchema>;

export const nationalStandardRuleSchema = z
  .object({
    /** School level → national-standard degree (Mức độ); the highest row not above the level wins. */
    degreeByLevel: z.array(z.object({ level: z.number().int().min(1), degree: z.number().int().min(1) }).strict()).min(1),
    conditions: z.array(conditionSchema).min(1),
    /** TT 57 điểm b khoản 1 Điều 16: consecutive school years of self-assessment data. */
    minConsecutiveYearsOfData: z.number().int().positive().nullable(),
    provenance: provenanceSchema,
  })
  .strict();
export type NationalStandardRule = z.infer<typeof nationalStandardRuleSchema>;

export const accreditationRuleSchema = z
  .object({
    minLevel: z.number().int().min(1),
    /** School level → accreditation grade (Cấp độ). */
    gradeByLevel: z.array(z.object({ level: z.number().int().min(1), grade: z.number().int().min(1) }).strict()).min(1),
    conditions: z.array(conditionSchema).min(1),
    provenance: provenanceSchema,
  })
  .strict();
export type AccreditationRule = z.infer<typeof accreditationRuleSchema>;

const commonFields = {
  formatVersion: z.literal(FRAMEWORK_FORMAT_VERSION),
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id chỉ gồm chữ thường, số và dấu gạch ngang'),
  /** Version of this data file; bump when a text is corrected. */
  version: z.string().regex(/^\d{4}\.\d+$/, 'version dạng YYYY.n'),
  title: nonEmpty,
  shortTitle: nonEmpty,
  source: legalSourceSchema,
  effectiveFrom: isoDate,
  /** Last day new assessments may use this framework; null while in force. */
  effectiveTo: isoDate.nullable(),
  /** Transition rule, e.g. old certificates valid until their printed expiry. */
  transitionNote: nonEmpty.nullable(),
  schoolTypes: z.array(schoolTypeSchema).min(1),
  educationLevels: z.array(educationLevelSchema).min(1),
  evidenceCode: evidenceCodeConventionSchema.nullable(),
  timeRules: timeRulesSchema,
  councilRules: councilRulesSchema.nullable(),
  notes: z.array(nonEmpty),
};

export const levelsFrameworkSchema = z
  .object({
    ...commonFields,
    kind: z.literal('levels'),
    family: z.enum(['tt57', 'legacy2018']),
    maxLevel: z.number().int().min(1),
    levelLabels: z.array(levelLabelSchema).min(2),
    standards: z.array(standardSchema).min(1),
    level4Clauses: z.array(level4ClauseSchema),
    levelRule: levelRuleSchema,
    multiLevelRule: multiLevelRuleSchema,
    nationalStandard: nationalStandardRuleSchema.nullable(),
    accreditation: accreditationRuleSchema.nullable(),
  })
  .strict()
  .superRefine((fw, ctx) => {
    checkEffectiveDates(fw, ctx);
    checkLevelLabels(fw.levelLabels, fw.family === 'legacy2018' ? fw.maxLevel + 1 : fw.maxLevel, ctx);
    const criterionCodes = new Set<string>();
    const standardCodes = new Set<string>();
    fw.standards.forEach((standard, si) => {
      if (standardCodes.has(standard.code)) {
        ctx.addIssue({ code: 'custom', path: ['standards', si, 'code'], message: `Mã tiêu chuẩn "${standard.code}" bị trùng` });
      }
      standardCodes.add(standard.code);
      standard.criteria.forEach((criterion, ci) => {
        const path = ['standards', si, 'criteria', ci];
        if (!criterion.code.startsWith(`${standard.code}.`)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'code'],
            message: `Mã tiêu chí "${criterion.code}" phải bắt đầu bằng mã tiêu chuẩn "${standard.code}."`,
          });
        }
        if (criterionCodes.has(criterion.code)) {
          ctx.addIssue({ code: 'custom', path: [...path, 'code'], message: `Mã tiêu chí "${criterion.code}" bị trùng` });
        }
        criterionCodes.add(criterion.code);
        criterion.levels.forEach((lv, li) => {
          if (lv.level !== li + 1) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'levels', li, 'level'],
              message: `Mức phải liên tiếp từ 1 (cần ${li + 1}, có ${lv.level})`,
            });
          }
          if (lv.level > fw.maxLevel) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'levels', li, 'level'],
              message: `Mức ${lv.level} vượt quá maxLevel ${fw.maxLevel}`,
            });
          }
          const reqCodes = new Set<string>();
          lv.requirements.forEach((req, ri) => {
            if (reqCodes.has(req.code)) {
              ctx.addIssue({
                code: 'custom',
                path: [...path, 'levels', li, 'requirements', ri, 'code'],
                message: `Mã yêu cầu "${req.code}" bị trùng trong mức ${lv.level}`,
              });
            }
            reqCodes.add(req.code);
          });
        });
        checkUnique(
          criterion.quantitativeData.map((q) => q.code),
          [...path, 'quantitativeData'],
          ctx,
        );
      });
    });
    checkUnique(
      fw.level4Clauses.map((c) => c.code),
      ['level4Clauses'],
      ctx,
    );

    if (fw.family === 'tt57') {
      if (fw.levelRule.type !== 'mandatory-quota') {
        ctx.addIssue({ code: 'custom', path: ['levelRule', 'type'], message: 'Khung TT 57 dùng quy tắc "mandatory-quota"' });
      } else {
        const others = fw.standards.flatMap((s) => s.criteria).filter((c) => !c.mandatory).length;
        if (fw.levelRule.othersQuota > others) {
          ctx.addIssue({
            code: 'custom',
            path: ['levelRule', 'othersQuota'],
            message: `Chỉ tiêu ${fw.levelRule.othersQuota} lớn hơn số tiêu chí không bắt buộc (${others})`,
          });
        }
      }
      if (fw.level4Clauses.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['level4Clauses'], message: 'Khung TT 57 không có Mức 4' });
      }
    } else {
      if (fw.levelRule.type !== 'all-criteria') {
        ctx.addIssue({ code: 'custom', path: ['levelRule', 'type'], message: 'Khung 2018 dùng quy tắc "all-criteria"' });
      }
      if (fw.level4Clauses.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['level4Clauses'], message: 'Khung 2018 phải có các khoản Mức 4 (Điều 22)' });
      }
    }
  });
export type LevelsFramework = z.infer<typeof levelsFrameworkSchema>;

export const pointsItemSchema = z
  .object({
    code,
    title: nonEmpty,
    /** 0 for mandatory preconditions that carry no points. */
    maxPoints: z.number().nonnegative(),
    mandatory: z.boolean(),
    provenance: provenanceSchema.optional(),
  })
  .strict();
export type PointsItem = z.infer<typeof pointsItemSchema>;

export const pointsGroupSchema = z
  .object({
    code,
    title: nonEmpty,
    maxScore: z.number().positive(),
    items: z.array(pointsItemSchema).min(1),
    /** Points the regulation gives this group that the reference does not list (maxScore − Σ items). */
    missingPoints: z.number().nonnegative(),
    provenance: provenanceSchema.optional(),
  })
  .strict();
export type PointsGroup = z.infer<typeof pointsGroupSchema>;

export const pointsThresholdSchema = z
  .object({
    level: z.number().int().min(1),
    label: nonEmpty,
    /** The group score reaches this level when it is ≥ minScore (inclusive) or > minScore. */
    minScore: z.number().nonnegative(),
    inclusive: z.boolean(),
  })
  .strict();
export type PointsThreshold = z.infer<typeof pointsThresholdSchema>;

export const pointsFrameworkSchema = z
  .object({
    ...commonFields,
    kind: z.literal('points'),
    family: z.literal('qd4725'),
    maxLevel: z.number().int().min(1),
    groups: z.array(pointsGroupSchema).min(1),
    thresholds: z.array(pointsThresholdSchema).min(1),
    thresholdsProvenance: provenanceSchema,
    /** How group levels combine into the school's level. */
    aggregateRule: z.object({ type: z.literal('minimum-over-groups'), text: nonEmpty, provenance: provenanceSchema }).strict(),
    /** What an unmet mandatory (0-point) item does to its group's level. */
    mandatoryRule: z
      .object({
        type: z.literal('cap-level'),
        cappedLevel: z.number().int().min(1),
        text: nonEmpty,
        provenance: provenanceSchema,
      })
      .strict(),
    /** False when the reference lacks part of the item list; see each group's missingPoints. */
    complete: z.boolean(),
  })
  .strict()
  .superRefine((fw, ctx) => {
    checkEffectiveDates(fw, ctx);
    checkUnique(
      fw.groups.map((g) => g.code),
      ['groups'],
      ctx,
    );
    const itemCodes = new Set<string>();
    let anyMissing = false;
    fw.groups.forEach((group, gi) => {
      let sum = 0;
      group.items.forEach((item, ii) => {
        if (itemCodes.has(item.code)) {
          ctx.addIssue({
            code: 'custom',
            path: ['groups', gi, 'items', ii, 'code'],
            message: `Mã chỉ số "${item.code}" bị trùng`,
          });
        }
        itemCodes.add(item.code);
        if (!item.code.startsWith(`${group.code}.`)) {
          ctx.addIssue({
            code: 'custom',
            path: ['groups', gi, 'items', ii, 'code'],
            message: `Mã chỉ số "${item.code}" phải bắt đầu bằng mã nhóm "${group.code}."`,
          });
        }
        if (item.mandatory && item.maxPoints !== 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['groups', gi, 'items', ii, 'maxPoints'],
            message: 'Chỉ số điều kiện bắt buộc có điểm tối đa 0',
          });
        }
        sum += item.maxPoints;
      });
      if (sum + group.missingPoints !== group.maxScore) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', gi, 'missingPoints'],
          message: `Tổng điểm các chỉ số (${sum}) + missingPoints (${group.missingPoints}) phải bằng maxScore (${group.maxScore})`,
        });
      }
      if (group.missingPoints > 0) anyMissing = true;
    });
    if (anyMissing && fw.complete) {
      ctx.addIssue({
        code: 'custom',
        path: ['complete'],
        message: 'Có nhóm thiếu điểm (missingPoints > 0) nên complete phải là false',
      });
    }
    const levels = fw.thresholds.map((t) => t.level);
    levels.forEach((lv, i) => {
      if (lv !== i + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', i, 'level'],
          message: `Ngưỡng phải theo thứ tự mức 1, 2, … (cần ${i + 1})`,
        });
      }
      if (i > 0 && fw.thresholds[i]!.minScore < fw.thresholds[i - 1]!.minScore) {
        ctx.addIssue({ code: 'custom', path: ['thresholds', i, 'minScore'], message: 'Ngưỡng điểm phải tăng dần' });
      }
    });
    if (fw.thresholds.length !== fw.maxLevel) {
      ctx.addIssue({ code: 'custom', path: ['thresholds'], message: `Cần ${fw.maxLevel} ngưỡng (maxLevel)` });
    }
  });
export type PointsFramework = z.infer<typeof pointsFrameworkSchema>;

export const frameworkSchema = z.discriminatedUnion('kind', [levelsFrameworkSchema, pointsFrameworkSchema]);
export type Framework = z.infer<typeof frameworkSchema>;
export type FrameworkKind = Framework['kind'];
export type FrameworkFamily = Framework['family'];

/** `resources/frameworks/index.json`: the files to load, in load (and display) order. */
export const frameworkIndexSchema = z
  .object({
    formatVersion: z.literal(FRAMEWORK_FORMAT_VERSION),
    frameworks: z.array(z.string().regex(/^[a-z0-9-]+\.json$/, 'tên tệp dạng id.json')).min(1),
  })
  .strict();
export type FrameworkIndex = z.infer<typeof frameworkIndexSchema>;

type Ctx = z.core.$RefinementCtx<unknown>;

function checkEffectiveDates(fw: { effectiveFrom: string; effectiveTo: string | null }, ctx: Ctx): void {
  if (fw.effectiveTo !== null && fw.effectiveTo < fw.effectiveFrom) {
    ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'effectiveTo phải sau effectiveFrom' });
  }
}

function checkLevelLabels(labels: readonly LevelLabel[], top: number, ctx: Ctx): void {
  const levels = labels.map((l) => l.level);
  for (let lv = 0; lv <= top; lv++) {
    if (!levels.includes(lv)) {
      ctx.addIssue({ code: 'custom', path: ['levelLabels'], message: `Thiếu nhãn cho mức ${lv}` });
    }
  }
}

function checkUnique(codes: readonly string[], path: (string | number)[], ctx: Ctx): void {
  const seen = new Set<string>();
  codes.forEach((c, i) => {
    if (seen.has(c)) ctx.addIssue({ code: 'custom', path: [...path, i, 'code'], message: `Mã "${c}" bị trùng` });
    seen.add(c);
  });
}
