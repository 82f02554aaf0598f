/**
 * Tables several documents print: the council list, the plan's tasks, the data annex
 * (cơ sở dữ liệu, 3 or 5 school years) and the evidence list (TT 57: 5 columns; legacy
 * CV 5932: 7 columns; the internal variant adds what each evidence serves).
 */
import { PLAN_TASK_STATUS_LABELS, type PlanTaskStatus } from '../../core/assessment/plan';
import type { SchoolDataItem } from '../../core/assessment/school-data';
import { CELL_GAP, type Cell, type DocBuilder, SIZE } from './docx-kit';
import { councilRoleLabel, evidenceIssued, evidenceLocation, evidenceNote, OWNERSHIP_LABELS } from './common';
import type { ReportData } from './report-data';
import { shortDate, viNumber } from './text';

// ---------------------------------------------------------------------------------------------
// Council

/** Members in council order: chair, vice chair(s), secretary, members (then their sort order). */
export function orderedMembers(d: ReportData) {
  const rank = { chair: 0, vice_chair: 1, secretary: 2, member: 3 } as Record<string, number>;
  return [...d.council.members].sort((a, b) => rank[a.councilRole]! - rank[b.councilRole]! || a.sortOrder - b.sortOrder);
}

/** "DANH SÁCH … HỘI ĐỒNG": TT | Họ và tên | Chức vụ | Nhiệm vụ [| Chữ ký]. */
export function councilTable(kit: DocBuilder, d: ReportData, o: { signatures?: boolean; duties?: boolean } = {}): void {
  const members = orderedMembers(d);
  if (members.length === 0) {
    kit.p([kit.gap({ key: 'council.empty', message: 'danh sách thành viên hội đồng tự đánh giá', fix: { screen: 'council' } })]);
    return;
  }
  const head = [
    'TT',
    'Họ và tên',
    'Chức vụ',
    'Nhiệm vụ',
    ...(o.duties ? ['Nhiệm vụ được phân công'] : []),
    ...(o.signatures ? ['Chữ ký'] : []),
  ];
  const widths = [6, 26, 26, 16, ...(o.duties ? [30] : []), ...(o.signatures ? [18] : [])];
  kit.table({
    widths,
    head: [head],
    align: ['center', 'left', 'left', 'left', 'left', 'left'],
    body: members.map((m, i) => [
      String(i + 1),
      m.fullName,
      m.position.trim()
        ? m.position
        : {
            content: [
              kit.cellGap({
                key: `council.position.${m.id}`,
                message: `chức vụ của ${m.fullName}`,
                severity: 'optional',
                fix: { screen: 'council' },
              }),
            ],
          },
      `${councilRoleLabel(m.councilRole)}${m.councilRole === 'chair' || m.councilRole === 'vice_chair' ? ' Hội đồng' : ''}`,
      ...(o.duties ? [m.duties] : []),
      ...(o.signatures ? [''] : []),
    ]),
  });
}

/** Working groups and their members. */
export function groupsTable(kit: DocBuilder, d: ReportData): boolean {
  if (d.council.groups.length === 0) return false;
  const name = new Map(d.council.members.map((m) => [m.id, m]));
  const body: Cell[][] = [];
  for (const g of d.council.groups) {
    const members = g.memberIds.map((id) => name.get(id)).filter((m) => m !== undefined);
    const leader = g.leaderMemberId ? name.get(g.leaderMemberId) : undefined;
    const list = [
      ...(leader ? [`${leader.fullName} (Trưởng nhóm)`] : []),
      ...members.filter((m) => m.id !== leader?.id).map((m) => m.fullName),
    ];
    body.push([{ content: g.name, bold: true }, list.join('\n') || '—', g.duties]);
  }
  kit.table({ widths: [30, 40, 30], head: [['Nhóm công tác', 'Thành viên', 'Nhiệm vụ']], body });
  return true;
}

// ---------------------------------------------------------------------------------------------
// Plan

export function planTable(kit: DocBuilder, d: ReportData): void {
  const member = new Map(d.council.members.map((m) => [m.id, m.fullName]));
  if (d.plan.tasks.length === 0) {
    kit.p([
      kit.gap({
        key: 'plan.empty',
        message: 'các nhiệm vụ của kế hoạch tự đánh giá',
        severity: 'optional',
        fix: { screen: 'plan' },
      }),
    ]);
    return;
  }
  kit.table({
    widths: [6, 38, 20, 20, 16],
    head: [['TT', 'Nội dung công việc', 'Người phụ trách', 'Thời gian', 'Tình trạng']],
    align: ['center', 'left', 'left', 'center', 'center'],
    body: d.plan.tasks.map((t, i) => {
      const owner = (t.ownerMemberId ? member.get(t.ownerMemberId) : undefined) ?? t.ownerName;
      const when = [t.startDate ? shortDate(t.startDate) : '', t.dueDate ? shortDate(t.dueDate) : ''].filter(Boolean).join(' – ');
      return [
        String(i + 1),
        t.details.trim() ? `${t.title}\n${t.details}` : t.title,
        owner.trim() ? owner : '—',
        when || '—',
        PLAN_TASK_STATUS_LABELS[t.status as PlanTaskStatus] ?? t.status,
      ];
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// Data annex

function formatValue(it: SchoolDataItem, value: string): string {
  if (it.unit === 'percent') return `${viNumber(value)}%`;
  return viNumber(value);
}

/** Missing-cell counter of one table, turned into one gap per table. */
class MissingCells {
  count = 0;
  readonly years = new Set<string>();
  constructor(
    private readonly kit: DocBuilder,
    private readonly key: string,
    private readonly label: string,
  ) {}
  cell(year: string): Cell {
    this.count++;
    this.years.add(year);
    return {
      content: [this.kit.cellGap({ key: this.key, message: this.label, severity: 'optional', fix: { screen: 'schoolData' } })],
    };
  }
  finish(): void {
    if (this.count === 0) return;
    const g = this.kit.gaps.find((x) => x.key === this.key);
    if (g) g.message = `${this.label}: ${this.count} ô chưa có số liệu (năm học ${[...this.years].sort().join(', ')})`;
  }
}

const STAFF_ROWS: [string, string][] = [
  ['hieu_truong', 'Hiệu trưởng'],
  ['pho_hieu_truong', 'Phó hiệu trưởng'],
  ['giao_vien', 'Giáo viên'],
  ['nhan_su_ho_tro', 'Nhân sự hỗ trợ giáo dục'],
  ['cong', 'Cộng'],
];
const STAFF_COLS: [string, string][] = [
  ['tong_so', 'Tổng số'],
  ['nu', 'Nữ'],
  ['dan_toc', 'Dân tộc'],
  ['chua_dat_chuan', 'Chưa đạt chuẩn'],
  ['dat_chuan', 'Đạt chuẩn'],
  ['tren_chuan', 'Trên chuẩn'],
];

/** The school's own facts at the top of the data annex (Phần I "Thông tin dữ liệu"). */
export function schoolInfoTable(kit: DocBuilder, d: ReportData, o: { legacy?: boolean } = {}): void {
  const missing: string[] = [];
  const v = (label: string, value: string): Cell[] => {
    if (value.trim() !== '') return [label, value];
    missing.push(label.toLowerCase());
    return [
      label,
      {
        content: [
          kit.cellGap({ key: 'annex.schoolInfo', message: 'thông tin trường', severity: 'optional', fix: { screen: 'school' } }),
        ],
      },
    ];
  };
  const ownership = OWNERSHIP_LABELS[d.school.ownership] ?? '';
  const rows: Cell[][] = [
    v('Tên trường', d.school.name),
    v(o.legacy ? 'Sở (Phòng) Giáo dục và Đào tạo / cơ quan quản lý' : 'Cơ quan quản lý trực tiếp', d.school.managingBody),
    v('Tỉnh/thành phố trực thuộc Trung ương', d.school.province),
    v('Địa chỉ', d.school.address),
    v('Năm thành lập trường (theo quyết định thành lập)', d.texts.foundedYear),
    v('Loại hình (công lập/tư thục)', ownership),
    v('Họ và tên hiệu trưởng', d.school.principal),
    v('Điện thoại', d.school.phone),
    ...(o.legacy ? [v('Fax', d.texts.fax)] : []),
    v('Email', d.school.email),
    v('Website', d.texts.website),
    ['Số điểm trường', String(d.school.sites)],
  ];
  kit.table({ widths: [45, 55], head: [['Thông tin', 'Nội dung']], body: rows });
  const g = kit.gaps.find((x) => x.key === 'annex.schoolInfo');
  if (g) g.message = `thông tin trường chưa có trong hồ sơ: ${missing.join('; ')}`;
}

/** The data annex tables: one per catalog section, the school years as columns. */
export function schoolDataTables(kit: DocBuilder, d: ReportData, headingLevel: 2 | 3 | 4 = 3): void {
  const { catalog, years, values } = d.schoolData;
  const yearHead = years.map((y) => `Năm học ${y}`);
  for (const section of catalog.sections) {
    kit.h(headingLevel, section.title);
    const missing = new MissingCells(kit, `annex.${section.code}`, `Cơ sở dữ liệu, ${section.title}`);
    if (section.code === 'doi_ngu') {
      const current = years[years.length - 1]!;
      kit.p(`Số liệu tại thời điểm tự đánh giá (năm học ${current}).`, { italics: true, indent: false });
      kit.table({
        widths: [28, ...STAFF_COLS.map(() => 12)],
        head: [['', ...STAFF_COLS.map(([, l]) => l)]],
        align: ['left', 'center', 'center', 'center', 'center', 'center', 'center'],
        body: STAFF_ROWS.map(([r, label]) => [
          r === 'cong' ? { content: label, bold: true } : label,
          ...STAFF_COLS.map(([c]) => {
            const val = values[current]?.[`doi_ngu.${r}.${c}`];
            return val ? val.value : missing.cell(current);
          }),
        ]),
        size: SIZE.small,
      });
      missing.finish();
      continue;
    }
    kit.table({
      widths: [46, ...years.map(() => 54 / years.length)],
      head: [['Số liệu', ...yearHead]],
      align: ['left', ...years.map(() => 'center' as const)],
      body: section.items
        .filter((it) => !it.currentYearOnly)
        .map((it) => [
          it.sumOf ? { content: it.label, bold: true } : it.label,
          ...years.map((y) => {
            const val = values[y]?.[it.key];
            return val ? formatValue(it, val.value) : missing.cell(y);
          }),
        ]),
      size: SIZE.small,
    });
    missing.finish();
  }
  kit.p(`Ghi chú: ô "${CELL_GAP}" là số liệu nhà trường chưa nhập vào phần mềm.`, {
    italics: true,
    size: SIZE.small,
    indent: false,
  });
}

// ---------------------------------------------------------------------------------------------
// Evidence list

export interface EvidenceListOptions {
  style: 'tt57' | 'legacy';
  internal: boolean;
}

/** Danh mục minh chứng: TT 57 Phụ lục IV (5 columns) or CV 5932 (7 columns); internal adds columns. */
export function evidenceTable(kit: DocBuilder, d: ReportData, o: EvidenceListOptions): void {
  if (d.evidence.length === 0) {
    kit.p([
      kit.gap({ key: 'evidence.none', message: 'danh mục minh chứng (chưa có minh chứng nào)', fix: { screen: 'evidence' } }),
    ]);
    return;
  }
  const internal = (e: ReportData['evidence'][number]): Cell[] =>
    o.internal
      ? [
          e.criteria.join(', '),
          e.citedIn.length ? e.citedIn.join(', ') : { content: 'Chưa trích dẫn', italics: true },
          [
            e.verification === 'verified' ? 'Đã xác minh' : e.verification === 'rejected' ? 'Bị từ chối' : 'Chưa xác minh',
            e.validUntil && e.validUntil < d.today ? 'Hết hiệu lực' : '',
          ]
            .filter(Boolean)
            .join('; '),
        ]
      : [];
  const internalHead = o.internal ? ['Tiêu chí sử dụng', 'Được trích dẫn tại tiêu chí', 'Tình trạng'] : [];
  if (o.style === 'tt57') {
    kit.table({
      widths: [6, 16, 36, 30, 12, ...(o.internal ? [14, 14, 12] : [])],
      head: [
        ['TT', 'Mã minh chứng', 'Tên minh chứng', 'Định dạng, vị trí lưu trữ hoặc đường dẫn điện tử', 'Ghi chú', ...internalHead],
      ],
      align: ['center', 'left', 'left', 'left', 'left'],
      body: d.evidence.map((e, i) => [
        String(i + 1),
        e.code,
        e.title,
        evidenceLocation(e),
        evidenceNote(e, d.today),
        ...internal(e),
      ]),
      size: o.internal ? SIZE.tiny : SIZE.small,
    });
    return;
  }
  kit.table({
    widths: [9, 6, 14, 30, 18, 17, 10, ...(o.internal ? [12, 12, 10] : [])],
    head: [
      [
        'Tiêu chí',
        'Số TT',
        'Mã minh chứng',
        'Tên minh chứng',
        'Số, ngày ban hành hoặc thời điểm khảo sát, điều tra, phỏng vấn, quan sát',
        'Nơi ban hành hoặc nhóm, cá nhân thực hiện',
        'Ghi chú',
        ...internalHead,
      ],
    ],
    align: ['center', 'center', 'left', 'left', 'left', 'left', 'left'],
    body: d.evidence.map((e, i) => [
      e.firstCriterionCode,
      String(i + 1),
      e.code,
      e.title,
      evidenceIssued(e),
      e.issuer,
      evidenceNote(e, d.today),
      ...internal(e),
    ]),
    size: SIZE.tiny,
  });
}

/** A value of the assessment's own year from the data annex (null when missing). */
export function dataValue(d: ReportData, key: string): string | null {
  const year = d.schoolData.years[d.schoolData.years.length - 1]!;
  return d.schoolData.values[year]?.[key]?.value ?? null;
}

/** The sum of parts only when every part has a value (a partial sum would understate). */
export function completeSum(d: ReportData, keys: readonly string[]): string | null {
  const vals = keys.map((k) => dataValue(d, k));
  if (vals.some((v) => v === null)) return null;
  return String(vals.reduce((s, v) => s + Number(v), 0));
}
