/**
 * On-disk formats of the asset catalogs (`resources/catalogs/*.json`). The rules behind school
 * assets (useful lives and wear rates, room norms, minimum equipment lists, disposal thresholds)
 * change every few years and many values were read only in secondary sources, so they are data,
 * never constants in code. See docs/decisions/0008-asset-rules-as-data.md.
 *
 * Provenance grades, carried over from the engineering digest (shared/research/assets.md):
 * - `text`: read in the stored legal text;
 * - `2nd`: only in secondary material (Q&A sites, other people's code, press);
 * - `?`:   not verified / our reading of broken or ambiguous text.
 * `verified` on a row means "checked against the official, current text" — false until someone
 * has done that (with vbpl.vn / the consolidated text in hand).
 */
import { z } from 'zod';

export const CATALOG_FORMAT_VERSION = 1;

export const SOURCE_GRADES = ['text', '2nd', '?'] as const;
export const sourceGradeSchema = z.enum(SOURCE_GRADES);
export type SourceGrade = z.infer<typeof sourceGradeSchema>;

export const SCHOOL_LEVELS = ['mam_non', 'tieu_hoc', 'thcs', 'thpt'] as const;
export const schoolLevelSchema = z.enum(SCHOOL_LEVELS);
export type SchoolLevel = z.infer<typeof schoolLevelSchema>;

const nonEmpty = z.string().trim().min(1);
const isoDate = z.iso.date();
const key = z.string().regex(/^[0-9A-Za-z_]+(\.[0-9A-Za-z_]+)*$/, 'Mã chỉ gồm chữ/số/gạch dưới ngăn bằng dấu chấm');
const code = z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, 'Mã viết thường, chữ/số/gạch dưới, ngăn bằng dấu chấm');
const vnd = z.number().int('Số tiền phải là số nguyên VNĐ').nonnegative();
const percent = z.number().positive().max(100);

/** Provenance of a whole catalog file. */
export const catalogSourceSchema = z
  .object({
    /** Official number, e.g. "141/2025/TT-BTC". */
    document: nonEmpty,
    title: nonEmpty,
    signedDate: isoDate,
    effectiveDate: isoDate,
    /** Articles the file draws on, e.g. "Điều 3, 11–14, 18". */
    article: nonEmpty,
    url: z.url().optional(),
    grade: sourceGradeSchema,
    note: nonEmpty,
  })
  .strict();
export type CatalogSource = z.infer<typeof catalogSourceSchema>;

/** Provenance of one row or rule (when it differs from, or sharpens, the file's source). */
export const ruleSourceSchema = z
  .object({
    document: nonEmpty,
    article: nonEmpty,
    grade: sourceGradeSchema,
    url: z.url().optional(),
    /** Verbatim wording, when it helps whoever checks the row. */
    quote: nonEmpty.optional(),
    note: nonEmpty.optional(),
  })
  .strict();
export type RuleSource = z.infer<typeof ruleSourceSchema>;

const header = {
  formatVersion: z.literal(CATALOG_FORMAT_VERSION),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id viết thường, chữ/số/gạch nối'),
  /** Data revision, e.g. "2026.1"; bump on every correction. */
  version: nonEmpty,
  title: nonEmpty,
  source: catalogSourceSchema,
};

// ───────────────────────────── wear (TT 141/2025) ─────────────────────────────

export const wearRowSchema = z
  .object({
    /** Our key (not the Appendix numbering, which was not read): "<class>.<n>[.<m>]", e.g. "5.1.3". */
    key,
    /** Tangible class 1–7 (TT 141 art. 4(1a)). */
    tangibleClass: z.number().int().min(1).max(7),
    name: nonEmpty,
    /** null when the row defers to other law ("theo quy định đó"). */
    usefulLifeYears: z.number().int().positive().nullable(),
    ratePercent: percent.nullable(),
    /** Who or what sets the life when the numbers are null. */
    determinedBy: nonEmpty.optional(),
    grade: sourceGradeSchema,
    verified: z.boolean(),
    note: nonEmpty.optional(),
  })
  .strict();
export type WearRow = z.infer<typeof wearRowSchema>;

export const EXEMPT_KINDS = [
  'land_use_right',
  'special',
  'fully_worn',
  'broken_unusable',
  'non_declining',
  'out_of_scope',
] as const;
export const exemptKindSchema = z.enum(EXEMPT_KINDS);
export type ExemptKind = z.infer<typeof exemptKindSchema>;

export const wearCatalogSchema = z
  .object({
    ...header,
    kind: z.literal('wear'),
    /** Fixed-asset test, TT 141 art. 3(2). */
    thresholds: z
      .object({
        minCostVnd: vnd,
        minUsefulLifeYears: z.number().positive(),
        /** Land-use rights, buildings, structures: fixed assets at any value and life (art. 3(2a)). */
        landAndBuildingsAnyValue: z.boolean(),
        /** Conventional price of a special fixed asset (art. 8). */
        specialConventionalPriceVnd: vnd,
        source: ruleSourceSchema,
        verified: z.boolean(),
      })
      .strict(),
    rows: z.array(wearRowSchema).min(1),
    /** Intangible assets: lives set by ministries / provinces (art. 13(2)), not by the Appendix. */
    intangible: z
      .object({
        setBy: nonEmpty,
        minYears: z.number().int().positive().nullable(),
        maxYears: z.number().int().positive().nullable(),
        source: ruleSourceSchema,
        verified: z.boolean(),
      })
      .strict(),
    exemptKinds: z.array(
      z.object({ kind: exemptKindSchema, label: nonEmpty, source: ruleSourceSchema, verified: z.boolean() }).strict(),
    ),
    /** Art. 13(1a): a province may change rates by at most this fraction of the central rate. */
    provinceOverride: z
      .object({ maxDeviationPercent: z.number().positive().max(100), source: ruleSourceSchema, verified: z.boolean() })
      .strict(),
    rounding: z
      .object({
        /** 'halfUp' = ordinary rounding "theo pháp luật về kế toán" (TT 141); 'up' = "+1 vào phần nguyên" (TT 23). */
        method: z.enum(['halfUp', 'up']),
        source: ruleSourceSchema,
        previous: ruleSourceSchema.optional(),
        verified: z.boolean(),
      })
      .strict(),
    /** How the year an asset is put in use is counted (the text does not pro-rate). */
    firstYear: z.object({ rule: z.enum(['fullYear', 'months']), source: ruleSourceSchema, verified: z.boolean() }).strict(),
    transition: z
      .object({
        /** First fiscal year computed under the new rule. */
        fromFiscalYear: z.number().int(),
        /** Book data the formula starts from: accumulated wear at 31/12 of this year. */
        accumulatedAtYearEnd: z.number().int(),
        previousRegime: nonEmpty,
        source: ruleSourceSchema,
        verified: z.boolean(),
      })
      .strict(),
  })
  .strict()
  .superRefine((cat, ctx) => {
    const seen = new Map<string, number>();
    cat.rows.forEach((row, i) => {
      const prev = seen.get(row.key);
      if (prev !== undefined)
        ctx.addIssue({ code: 'custom', path: ['rows', i, 'key'], message: `Khóa "${row.key}" trùng với rows[${prev}]` });
      seen.set(row.key, i);
      if (!row.key.startsWith(`${row.tangibleClass}.`) && row.key !== String(row.tangibleClass)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', i, 'key'],
          message: `Khóa "${row.key}" phải bắt đầu bằng số loại ${row.tangibleClass}`,
        });
      }
      if ((row.usefulLifeYears === null) !== (row.ratePercent === null)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', i],
          message: 'Thời gian sử dụng và tỷ lệ hao mòn phải cùng có hoặc cùng để trống (null)',
        });
      }
      if (row.usefulLifeYears === null && !row.determinedBy) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', i, 'determinedBy'],
          message: 'Dòng không có số năm phải ghi rõ căn cứ (determinedBy)',
        });
      }
      if (
        row.usefulLifeYears !== null &&
        row.ratePercent !== null &&
        Math.abs(100 / row.usefulLifeYears - row.ratePercent) > 0.01
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', i, 'ratePercent'],
          message: `Tỷ lệ ${row.ratePercent}% không khớp ${row.usefulLifeYears} năm (100/${row.usefulLifeYears} = ${(100 / row.usefulLifeYears).toFixed(2)}%)`,
        });
      }
      if (row.verified && row.grade !== 'text') {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', i, 'verified'],
          message: 'Chỉ dòng có grade "text" mới được đánh dấu verified',
        });
      }
    });
  });
export type WearCatalog = z.infer<typeof wearCatalogSchema>;

// ───────────────────────────── province override layer ─────────────────────────────

export const provinceOverrideSchema = z
  .object({
    ...header,
    kind: z.literal('province-override'),
    /** Province name as in the decision, e.g. "Lâm Đồng". */
    province: nonEmpty,
    /** id of the central wear catalog this layer modifies. */
    catalogId: nonEmpty,
    overrides: z
      .array(
        z
          .object({
            key,
            usefulLifeYears: z.number().int().positive().optional(),
            ratePercent: percent.optional(),
            verified: z.boolean(),
            note: nonEmpty.optional(),
          })
          .strict()
          .refine((o) => o.usefulLifeYears !== undefined || o.ratePercent !== undefined, {
            message: 'Mỗi dòng điều chỉnh phải có usefulLifeYears hoặc ratePercent',
          }),
      )
      .min(1),
  })
  .strict()
  .superRefine((layer, ctx) => {
    const seen = new Set<string>();
    layer.overrides.forEach((o, i) => {
      if (seen.has(o.key))
        ctx.addIssue({ code: 'custom', path: ['overrides', i, 'key'], message: `Khóa "${o.key}" bị điều chỉnh hai lần` });
      seen.add(o.key);
    });
  });
export type ProvinceOverrideLayer = z.infer<typeof provinceOverrideSchema>;

// ───────────────────────────── room types & room norms (TT 13/14/2020) ─────────────────────────────

export const roomTypesCatalogSchema = z
  .object({
    ...header,
    kind: z.literal('room-types'),
    blocks: z.array(
      z
        .object({
          code,
          label: nonEmpty,
          levels: z.array(schoolLevelSchema).min(1),
          order: z.number().int(),
          grade: sourceGradeSchema,
          verified: z.boolean(),
          note: nonEmpty.optional(),
        })
        .strict(),
    ),
    roomTypes: z.array(
      z
        .object({
          code,
          label: nonEmpty,
          block: code,
          levels: z.array(schoolLevelSchema).min(1),
          /** A subject room in the sense of TT 14/2020 (phòng học bộ môn). */
          subjectRoom: z.boolean(),
          grade: sourceGradeSchema,
          verified: z.boolean(),
          note: nonEmpty.optional(),
        })
        .strict(),
    ),
  })
  .strict()
  .superRefine((cat, ctx) => {
    const blocks = new Map(cat.blocks.map((b) => [b.code, b]));
    const seenBlocks = new Set<string>();
    cat.blocks.forEach((b, i) => {
      if (seenBlocks.has(b.code))
        ctx.addIssue({ code: 'custom', path: ['blocks', i, 'code'], message: `Khối "${b.code}" trùng` });
      seenBlocks.add(b.code);
    });
    const seen = new Set<string>();
    cat.roomTypes.forEach((t, i) => {
      if (seen.has(t.code))
        ctx.addIssue({ code: 'custom', path: ['roomTypes', i, 'code'], message: `Loại phòng "${t.code}" trùng` });
      seen.add(t.code);
      const block = blocks.get(t.block);
      if (!block) {
        ctx.addIssue({ code: 'custom', path: ['roomTypes', i, 'block'], message: `Khối "${t.block}" không có trong blocks` });
        return;
      }
      for (const level of t.levels) {
        if (!block.levels.includes(level)) {
          ctx.addIssue({
            code: 'custom',
            path: ['roomTypes', i, 'levels'],
            message: `Khối "${t.block}" không dùng cho cấp ${level}`,
          });
        }
      }
    });
  });
export type RoomTypesCatalog = z.infer<typeof roomTypesCatalogSchema>;

export const NORM_TIERS = ['toi_thieu', 'muc_1', 'muc_2'] as const;
export const normTierSchema = z.enum(NORM_TIERS);
export type NormTier = z.infer<typeof normTierSchema>;

export const roomNormSchema = z
  .object({
    id: key,
    level: schoolLevelSchema,
    block: code,
    roomType: code,
    /** 'toi_thieu' = the minimum standard (TT 13 chapters on minimum facilities); mức 1/2 where known. */
    tier: normTierSchema,
    minCount: z.number().int().nonnegative().nullable(),
    /** Rooms per class, e.g. 0.6 classrooms per class (THCS). */
    perClassRatio: z.number().positive().nullable(),
    minAreaPerStudentM2: z.number().positive().nullable(),
    minAreaM2: z.number().positive().nullable(),
    source: ruleSourceSchema,
    verified: z.boolean(),
    /** The stored text does not give (all) numbers for this room: fill from VBHN 14/VBHN-BGDĐT. */
    incomplete: z.boolean(),
    note: nonEmpty.optional(),
  })
  .strict();
export type RoomNorm = z.infer<typeof roomNormSchema>;

export const roomNormsCatalogSchema = z
  .object({
    ...header,
    kind: z.literal('room-norms'),
    /** Other documents this file also draws on (TT 14/2020, TT 23/2024, VBHN 14/2024). */
    relatedSources: z.array(catalogSourceSchema),
    norms: z.array(roomNormSchema),
    /** Whole level/block areas the stored text does not cover at all. */
    gaps: z.array(z.object({ level: schoolLevelSchema, block: code.nullable(), note: nonEmpty }).strict()),
  })
  .strict()
  .superRefine((cat, ctx) => {
    const ids = new Set<string>();
    const keys = new Set<string>();
    cat.norms.forEach((n, i) => {
      if (ids.has(n.id)) ctx.addIssue({ code: 'custom', path: ['norms', i, 'id'], message: `id "${n.id}" trùng` });
      ids.add(n.id);
      const k = `${n.level}|${n.tier}|${n.roomType}`;
      if (keys.has(k))
        ctx.addIssue({
          code: 'custom',
          path: ['norms', i],
          message: `Định mức cho ${n.level}/${n.tier}/${n.roomType} bị khai báo hai lần`,
        });
      keys.add(k);
      const hasNumber = n.minCount !== null || n.perClassRatio !== null || n.minAreaPerStudentM2 !== null || n.minAreaM2 !== null;
      if (!hasNumber && !n.incomplete) {
        ctx.addIssue({
          code: 'custom',
          path: ['norms', i, 'incomplete'],
          message: 'Dòng không có con số nào phải đánh dấu incomplete: true',
        });
      }
      if (n.verified && n.source.grade !== 'text') {
        ctx.addIssue({
          code: 'custom',
          path: ['norms', i, 'verified'],
          message: 'Chỉ định mức có grade "text" mới được đánh dấu verified',
        });
      }
    });
  });
export type RoomNormsCatalog = z.infer<typeof roomNormsCatalogSchema>;

// ───────────────────────────── minimum equipment lists ─────────────────────────────

export const equipmentItemSchema = z
  .object({
    /** Circular number, e.g. "02/2010/TT-BGDĐT". */
    circular: nonEmpty,
    level: schoolLevelSchema,
    /** School grade or preschool age group, e.g. "lop_1", "nha_tre_3_12_thang"; null when the list is for the whole level. */
    grade: nonEmpty.nullable(),
    /** Subject, null for preschool lists (which are by age group) and shared equipment. */
    subject: nonEmpty.nullable(),
    /** Section inside the list, e.g. "I. Đồ dùng". */
    section: nonEmpty.nullable(),
    code: nonEmpty,
    name: nonEmpty,
    unit: nonEmpty,
    quantity: z.number().int().positive(),
    forStudentOrTeacher: z.enum(['student', 'teacher', 'both']),
    verified: z.boolean(),
    note: nonEmpty.optional(),
  })
  .strict();
export type EquipmentItem = z.infer<typeof equipmentItemSchema>;

export const equipmentListSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id viết thường, chữ/số/gạch nối'),
    circular: nonEmpty,
    title: nonEmpty,
    level: schoolLevelSchema,
    /** Grades / age groups the list covers (from the circular's Article 1 where stored). */
    grades: z.array(z.object({ code: nonEmpty, label: nonEmpty }).strict()),
    /** Subjects (sections) the list covers, from Article 1 where stored. */
    subjects: z.array(nonEmpty),
    /** The list's column headings as printed (when seen). */
    columns: z.array(nonEmpty).nullable(),
    source: ruleSourceSchema,
    /** True while `items` holds only part of the list. */
    incomplete: z.boolean(),
    items: z.array(equipmentItemSchema),
    note: nonEmpty.optional(),
  })
  .strict();
export type EquipmentList = z.infer<typeof equipmentListSchema>;

export const equipmentMinListsSchema = z
  .object({
    ...header,
    kind: z.literal('equipment-min-lists'),
    lists: z.array(equipmentListSchema).min(1),
  })
  .strict()
  .superRefine((cat, ctx) => {
    const listIds = new Set<string>();
    cat.lists.forEach((list, li) => {
      if (listIds.has(list.id))
        ctx.addIssue({ code: 'custom', path: ['lists', li, 'id'], message: `Danh mục "${list.id}" trùng` });
      listIds.add(list.id);
      const codes = new Set<string>();
      list.items.forEach((item, ii) => {
        if (codes.has(item.code))
          ctx.addIssue({ code: 'custom', path: ['lists', li, 'items', ii, 'code'], message: `Mã "${item.code}" trùng` });
        codes.add(item.code);
        if (item.circular !== list.circular) {
          ctx.addIssue({
            code: 'custom',
            path: ['lists', li, 'items', ii, 'circular'],
            message: `Thông tư "${item.circular}" khác danh mục (${list.circular})`,
          });
        }
        if (item.level !== list.level) {
          ctx.addIssue({
            code: 'custom',
            path: ['lists', li, 'items', ii, 'level'],
            message: `Cấp học "${item.level}" khác danh mục (${list.level})`,
          });
        }
      });
    });
  });
export type EquipmentMinListsCatalog = z.infer<typeof equipmentMinListsSchema>;

// ───────────────────────────── disposal rules (NĐ 186/2025) ─────────────────────────────

export const disposalRulesSchema = z
  .object({
    ...header,
    kind: z.literal('disposal-rules'),
    liquidation: z
      .object({
        /** Past its service life (= TT 141 useful life, art. 13(3)). */
        pastUsefulLife: z
          .object({
            /** 'anniversary': from the date put in use + life years; 'wearYears': from 1 January after the last wear year. */
            basis: z.enum(['anniversary', 'wearYears']),
            source: ruleSourceSchema,
            basisSource: ruleSourceSchema,
            verified: z.boolean(),
          })
          .strict(),
        /** Repair estimate strictly greater than this share of historical cost. */
        repairCostAbovePercentOfCost: z
          .object({ percent: z.number().positive().max(100), source: ruleSourceSchema, verified: z.boolean() })
          .strict(),
        demolitionOrdered: z.object({ source: ruleSourceSchema, verified: z.boolean() }).strict(),
      })
      .strict(),
    authority: z.array(
      z
        .object({
          action: z.enum(['liquidation', 'sale']),
          /** The school decides alone when the cost is below this (per unit of asset)… */
          schoolBelowCostVnd: vnd,
          /** …and the revalued amount is below this. */
          schoolBelowRevaluedVnd: vnd,
          /** How the two thresholds combine (our reading; see note). */
          combine: z.enum(['both', 'costOnly']),
          /** A fully self-funded unit decides every case. */
          selfFundedDecidesAll: z.boolean(),
          aboveLabel: nonEmpty,
          source: ruleSourceSchema,
          combineSource: ruleSourceSchema,
          verified: z.boolean(),
        })
        .strict(),
    ),
    saleMethods: z.array(
      z
        .object({
          method: z.enum(['auction', 'listedPrice', 'direct']),
          label: nonEmpty,
          costBelowVnd: vnd.nullable(),
          revaluedFromVnd: vnd.nullable(),
          revaluedBelowVnd: vnd.nullable(),
          alsoNonFixedAssets: z.boolean(),
          notForCars: z.boolean(),
          source: ruleSourceSchema,
          verified: z.boolean(),
        })
        .strict(),
    ),
    deadlines: z.array(
      z
        .object({
          key: code,
          label: nonEmpty,
          days: z.number().int().positive(),
          from: nonEmpty,
          source: ruleSourceSchema,
          verified: z.boolean(),
        })
        .strict(),
    ),
  })
  .strict()
  .superRefine((cat, ctx) => {
    const keys = new Set<string>();
    cat.deadlines.forEach((d, i) => {
      if (keys.has(d.key)) ctx.addIssue({ code: 'custom', path: ['deadlines', i, 'key'], message: `Thời hạn "${d.key}" trùng` });
      keys.add(d.key);
    });
    if (!keys.has('declaration'))
      ctx.addIssue({ code: 'custom', path: ['deadlines'], message: 'Thiếu thời hạn "declaration" (báo cáo kê khai biến động)' });
    const actions = new Set<string>();
    cat.authority.forEach((a, i) => {
      if (actions.has(a.action))
        ctx.addIssue({ code: 'custom', path: ['authority', i, 'action'], message: `Thẩm quyền "${a.action}" trùng` });
      actions.add(a.action);
    });
    if (!actions.has('liquidation'))
      ctx.addIssue({ code: 'custom', path: ['authority'], message: 'Thiếu thẩm quyền thanh lý (action "liquidation")' });
  });
export type DisposalRules = z.infer<typeof disposalRulesSchema>;

// ───────────────────────────── asset classes and code lists ─────────────────────────────

export const ASSET_CLASS_CATEGORIES = ['tangible', 'intangible', 'special', 'tool', 'consumable'] as const;
export const LIFECYCLE_STATES = [
  'in_use',
  'idle',
  'under_repair',
  'pending_disposal',
  'transferred_out',
  'liquidated',
  'destroyed',
  'lost',
] as const;
export const CONDITIONS = ['dang_hoat_dong', 'hu_hong', 'chua_su_dung', 'con_tot', 'khong_su_dung_duoc'] as const;
export const ORIGINS = [
  'mua_sam',
  'dau_tu_xay_dung',
  'dieu_chuyen',
  'tang_cho',
  'kiem_ke_thua',
  'lien_doanh',
  'thue_mua',
  'khac',
] as const;
export const FUNDING_SOURCES = ['ngan_sach', 'nguon_thu_su_nghiep', 'xa_hoi_hoa', 'tai_tro', 'khac'] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];
export type ConditionCode = (typeof CONDITIONS)[number];
export type OriginCode = (typeof ORIGINS)[number];
export type FundingSourceCode = (typeof FUNDING_SOURCES)[number];

const labelled = <T extends readonly [string, ...string[]]>(codes: T) =>
  z
    .object({
      code: z.enum(codes),
      label: nonEmpty,
      /** Other spellings schools type in registers (matched without diacritics, any case). */
      aliases: z.array(nonEmpty),
      source: ruleSourceSchema,
      verified: z.boolean(),
    })
    .strict();

export const assetClassSchema = z
  .object({
    /** e.g. "tangible.5", "intangible.2", "special.1", "tool", "consumable". */
    code,
    category: z.enum(ASSET_CLASS_CATEGORIES),
    classNo: z.number().int().positive().nullable(),
    label: nonEmpty,
    aliases: z.array(nonEmpty),
    /** Land, buildings, structures: fixed assets at any value (TT 141 art. 3(2a)). */
    landOrBuilding: z.boolean(),
    /** Never worn down (TT 141 art. 11(3)). */
    wearExempt: z.boolean(),
    source: ruleSourceSchema,
    verified: z.boolean(),
  })
  .strict();
export type AssetClass = z.infer<typeof assetClassSchema>;

export const assetClassesCatalogSchema = z
  .object({
    ...header,
    kind: z.literal('asset-classes'),
    classes: z.array(assetClassSchema).min(1),
    lifecycleStates: z.array(labelled(LIFECYCLE_STATES)),
    conditions: z.array(
      labelled(CONDITIONS).extend({
        /** Preschool stocktakes use their own two-value scale. */
        variant: z.enum(['general', 'preschool']),
        /** Counts as broken in a stocktake (disposal candidate). */
        broken: z.boolean(),
      }),
    ),
    origins: z.array(labelled(ORIGINS)),
    fundingSources: z.array(labelled(FUNDING_SOURCES)),
  })
  .strict()
  .superRefine((cat, ctx) => {
    const seen = new Set<string>();
    cat.classes.forEach((c, i) => {
      if (seen.has(c.code)) ctx.addIssue({ code: 'custom', path: ['classes', i, 'code'], message: `Mã loại "${c.code}" trùng` });
      seen.add(c.code);
    });
    const complete = (name: string, list: readonly { code: string }[], codes: readonly string[]) => {
      const have = new Set(list.map((x) => x.code));
      if (have.size !== list.length) ctx.addIssue({ code: 'custom', path: [name], message: 'Có mã trùng' });
      for (const c of codes) if (!have.has(c)) ctx.addIssue({ code: 'custom', path: [name], message: `Thiếu mã "${c}"` });
    };
    complete('lifecycleStates', cat.lifecycleStates, LIFECYCLE_STATES);
    complete('conditions', cat.conditions, CONDITIONS);
    complete('origins', cat.origins, ORIGINS);
    complete('fundingSources', cat.fundingSources, FUNDING_SOURCES);
  });
export type AssetClassesCatalog = z.infer<typeof assetClassesCatalogSchema>;

// ───────────────────────────── any catalog ─────────────────────────────

export const catalogSchema = z.discriminatedUnion('kind', [
  wearCatalogSchema,
  provinceOverrideSchema,
  roomTypesCatalogSchema,
  roomNormsCatalogSchema,
  equipmentMinListsSchema,
  disposalRulesSchema,
  assetClassesCatalogSchema,
]);
export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogKind = Catalog['kind'];
