/**
 * One-off generator for `resources/frameworks/*.json`.
 *
 * The requirement texts are long and must match the reference transcriptions word for word, so
 * they are parsed out of the markdown references rather than typed. Everything the markdown
 * cannot give (legal metadata, time rules, provenance grades) is written below by hand, with
 * the grade of each statement. The app never reads markdown: only the JSON this script writes.
 *
 *   npx tsx scripts/frameworks/generate.ts [referenceDir] [outDir]
 *
 * referenceDir defaults to ../shared/reference/accreditation (next to the repository),
 * outDir to resources/frameworks. The output is validated with the app's schema before it is
 * written; the script fails rather than write a file the app would reject.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  CouncilRules,
  Criterion,
  CriterionLevelSpec,
  EvidenceCodeConvention,
  Framework,
  Level4Clause,
  LegalSource,
  LevelsFramework,
  PointsFramework,
  PointsGroup,
  Provenance,
  RelatedDocument,
  Requirement,
  Standard,
  TimeRules,
} from '../../src/core/frameworks/framework.schema';
import { parseFramework } from '../../src/core/frameworks/validate';
import { countFramework } from '../../src/core/frameworks/counts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const refDir = resolve(process.argv[2] ?? join(repoRoot, '../shared/reference/accreditation'));
const outDir = resolve(process.argv[3] ?? join(repoRoot, 'resources/frameworks'));
const DATA_VERSION = '2026.1';

function read(name: string): string {
  return readFileSync(join(refDir, name), 'utf8').replace(/\r\n/g, '\n');
}

function fail(message: string): never {
  throw new Error(`generate: ${message}`);
}

function section(text: string, startHeading: RegExp, endHeading: RegExp): string {
  const start = text.search(startHeading);
  if (start < 0) fail(`không thấy mục ${startHeading}`);
  const rest = text.slice(start);
  const end = rest.slice(1).search(endHeading);
  return end < 0 ? rest : rest.slice(0, end + 1);
}

function splitList(text: string): string[] {
  return text
    .replace(/\.\s*$/, '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * TT 57 gives each level as one paragraph. If a paragraph ever turns out to be a list of points
 * "a) … b) …", split it by letter; an intro before "a)" would have nowhere to go, so stop and
 * let a person decide rather than drop words.
 */
function splitParagraph(text: string, where: string): Requirement[] {
  const markers = [...text.matchAll(/(?:^|\s)([a-zđ])\)\s/g)];
  const letters = markers.map((m) => m[1]);
  const isList = letters.length >= 2 && letters[0] === 'a' && letters[1] === 'b';
  if (!isList) return [{ code: '1', text: text.trim() }];
  const first = markers[0]!;
  if (text.slice(0, first.index).trim()) fail(`${where}: đoạn có phần dẫn trước "a)" — cần tách tay`);
  return markers.map((m, i) => {
    const from = m.index! + m[0].length;
    const to = i + 1 < markers.length ? markers[i + 1]!.index! : text.length;
    return { code: m[1]!, text: text.slice(from, to).trim().replace(/;$/, '') };
  });
}

// ---------------------------------------------------------------------------------------------
// TT 57/2026
// ---------------------------------------------------------------------------------------------

const TT57_MANDATORY = ['1.3', '1.4', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2'];

interface ParsedAnnex {
  note: string | null;
  standards: Standard[];
}

function parseTt57Annex(annexText: string, annexName: string): ParsedAnnex {
  const lines = annexText.split('\n');
  const standards: Standard[] = [];
  let note: string | null = null;
  let criterion: Criterion | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if (line.startsWith('Ghi chú phụ lục:')) {
      note = line;
    } else if ((m = /^### Tiêu chuẩn (\d+)\. (.+)$/.exec(line))) {
      standards.push({ code: m[1]!, title: m[2]!.trim(), criteria: [] });
      criterion = null;
    } else if ((m = /^#### Tiêu chí (\d+\.\d+)\. (.+?)(\s*\*\(tiêu chí bắt buộc\)\*)?$/.exec(line))) {
      const standard = standards.at(-1) ?? fail(`${annexName}: tiêu chí ${m[1]} trước tiêu chuẩn`);
      criterion = {
        code: m[1]!,
        title: m[2]!.trim(),
        mandatory: Boolean(m[3]),
        levels: [],
        evidenceGroup: null,
        suggestedEvidence: [],
        quantitativeData: [],
        quantitativeNote: null,
      };
      standard.criteria.push(criterion);
    } else if ((m = /^- \*\*Mức (\d):\*\* (.+)$/.exec(line))) {
      const c = criterion ?? fail(`${annexName}: mức ngoài tiêu chí`);
      const level = Number(m[1]);
      c.levels.push({ level, requirements: splitParagraph(m[2]!, `${annexName} ${c.code} Mức ${level}`) });
    } else if ((m = /^- \*Nhóm nội dung minh chứng:\* (.+)$/.exec(line))) {
      (criterion ?? fail('nhóm minh chứng ngoài tiêu chí')).evidenceGroup = m[1]!.trim();
    } else if ((m = /^- \*Minh chứng gợi ý:\* (.+)$/.exec(line))) {
      (criterion ?? fail('minh chứng gợi ý ngoài tiêu chí')).suggestedEvidence = splitList(m[1]!);
    } else if ((m = /^- \*Dữ liệu định lượng chính:\* (.+)$/.exec(line))) {
      const c = criterion ?? fail('dữ liệu định lượng ngoài tiêu chí');
      const text = m[1]!.trim();
      if (text.startsWith('Không yêu cầu')) {
        c.quantitativeNote = text;
      } else {
        c.quantitativeData = splitList(text).map((t, i) => ({
          code: String(i + 1),
          text: t,
          ...(t.includes('(%)') || /^Tỷ lệ/i.test(t) ? { unit: '%' as const } : {}),
        }));
      }
    } else if (line.startsWith('- ')) {
      fail(`${annexName}: dòng không nhận ra: ${line.slice(0, 80)}`);
    }
  }
  for (const c of standards.flatMap((s) => s.criteria)) {
    if (c.mandatory !== TT57_MANDATORY.includes(c.code)) fail(`${annexName} ${c.code}: cờ bắt buộc khác danh sách Điều 5`);
    if (c.levels.map((l) => l.level).join(',') !== '1,2') fail(`${annexName} ${c.code}: cần đúng Mức 1 và Mức 2`);
  }
  return { note, standards };
}

const TT57_URL = 'https://vanban.chinhphu.vn/?classid=1&docid=218991&pageid=27160&typegroupid=6';
const TT57_TRANSCRIPTIONS = [
  'https://thuvienphapluat.vn/van-ban/Giao-duc/Thong-tu-57-2026-TT-BGDDT-bao-dam-chat-luong-giao-duc-co-so-giao-duc-mam-non-716471.aspx',
  'https://github.com/thg68/kiemdinh — data/tt57/tt57-all.json (commit 4e10eac); tt57_seed/tt57-*.json (commit dd49948)',
];
const TT57_TITLE =
  'Quy định về bảo đảm chất lượng giáo dục đối với cơ sở giáo dục mầm non, cơ sở giáo dục phổ thông, cơ sở giáo dục thường xuyên; công nhận đạt chuẩn quốc gia đối với trường mầm non và trường phổ thông';

const doc = {
  tt17: {
    number: '17/2018/TT-BGDĐT',
    title: 'Quy định về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với trường tiểu học',
    signedDate: '2018-08-22',
    effectiveDate: '2018-10-10',
  },
  tt18: {
    number: '18/2018/TT-BGDĐT',
    title:
      'Quy định về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với trường trung học cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học',
    signedDate: '2018-08-22',
    effectiveDate: '2018-10-10',
  },
  tt19: {
    number: '19/2018/TT-BGDĐT',
    title: 'Quy định về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với trường mầm non',
    signedDate: '2018-08-22',
    effectiveDate: '2018-10-10',
  },
  tt22: {
    number: '22/2024/TT-BGDĐT',
    title:
      'Sửa đổi, bổ sung một số điều của Quy định ban hành kèm theo Thông tư số 17/2018/TT-BGDĐT, Thông tư số 18/2018/TT-BGDĐT và Thông tư số 19/2018/TT-BGDĐT',
    signedDate: '2024-12-10',
    effectiveDate: '2025-01-25',
  },
  tt57: { number: '57/2026/TT-BGDĐT', title: TT57_TITLE, signedDate: '2026-07-07', effectiveDate: '2026-07-07' },
} as const;

function related(d: (typeof doc)[keyof typeof doc], grade: Provenance['grade'], note: string): RelatedDocument {
  return { number: d.number, title: d.title, signedDate: d.signedDate, effectiveDate: d.effectiveDate, grade, note };
}

const REPEAL_NOTE =
  'Theo trang giới thiệu của ứng dụng Schoolrecords/thcsbachlieu (tóm lược thứ cấp): TT 57/2026 bãi bỏ TT 17/2018, 18/2018, 19/2018, 22/2024 và 42/2012; chưa thấy nguyên văn điều khoản bãi bỏ.';

const tt57Evidence: EvidenceCodeConvention = {
  template: 'MC.{standard}.{criterion}.{seq:2}',
  pattern: '^MC\\.(?<standard>[1-9]\\d*)\\.(?<criterion>[1-9]\\d*)\\.(?<seq>\\d{2,3})$',
  acceptedPatterns: [],
  example: 'MC.1.1.01',
  citationExample: 'Nhà trường đã ban hành kế hoạch năm học theo quy định (MC.1.1.01).',
  citationBrackets: 'round',
  boxNumberConfigurable: false,
  description:
    'MC.<tiêu chuẩn>.<tiêu chí>.<số thứ tự 2 chữ số>. Mỗi minh chứng có một mã duy nhất, dùng chung cho nhiều tiêu chí (không nhân bản theo tiêu chí); trong báo cáo, mã ghi trong ngoặc tròn trước dấu chấm câu, nhiều mã cách nhau bằng dấu phẩy "(MC.1.1.01, MC.1.1.02)"; khuyến khích đặt mã là liên kết điện tử tới thư mục lưu trữ. Danh mục minh chứng 05 cột: TT | Mã minh chứng | Tên minh chứng | Định dạng, vị trí lưu trữ hoặc đường dẫn điện tử | Ghi chú.',
  provenance: {
    grade: 'secondary',
    note: 'Phụ lục IV TT 57/2026 (mục I.3, I.4, II.2, II.4) theo trích dẫn/diễn giải trong mã nguồn Schoolrecords/thcsbachlieu; chưa thấy nguyên văn.',
  },
};

function tt57TimeRules(nationalStandard: boolean): TimeRules {
  return {
    selfAssessment: 'yearly',
    cycleYears: null,
    validityYears: nationalStandard ? 5 : null,
    waitBeforeNextDegreeYears: nationalStandard ? 2 : null,
    renewBeforeExpiryMonths: null,
    dataWindowYears: 3,
    calendar: [
      {
        key: 'report-approved',
        month: 6,
        day: 15,
        label: 'Phê duyệt báo cáo tự đánh giá trước 15/6',
        actor: 'school',
        deadline: true,
        provenance: {
          grade: 'secondary',
          note: 'Điểm d khoản 3 Điều 9 TT 57/2026 (diễn giải thứ cấp): báo cáo tự đánh giá phê duyệt trước ngày 15/6 của năm học.',
        },
      },
    ],
    provenance: {
      selfAssessment: {
        grade: 'secondary',
        note: 'Tự đánh giá mỗi năm học, chỉ cập nhật phần thay đổi (trang giới thiệu Schoolrecords/thcsbachlieu).',
      },
      ...(nationalStandard
        ? {
            validityYears: {
              grade: 'secondary',
              note: 'Khoản 2 Điều 19: «Bằng công nhận trường đạt chuẩn quốc gia có giá trị 05 năm kể từ ngày ký quyết định.» (trích trong mã nguồn bên thứ ba).',
            },
            waitBeforeNextDegreeYears: {
              grade: 'secondary',
              note: 'Khoản 4 Điều 19 (diễn giải): trường đạt Mức độ 1 sau ít nhất 02 năm kể từ ngày được công nhận có thể được xem xét công nhận Mức độ 2.',
            },
          }
        : {}),
      renewBeforeExpiryMonths: {
        grade: 'inference',
        note: 'Chưa tìm được quy định về thời hạn đăng ký công nhận lại theo TT 57.',
      },
      dataWindowYears: {
        grade: 'secondary',
        note: 'Biểu 1 Phụ lục V: Phần IV — cơ sở dữ liệu 03 năm học; xu hướng chất lượng 03 năm học liên tiếp.',
      },
    },
  };
}

const tt57Council: CouncilRules = {
  minMembers: 5,
  oddNumber: true,
  chairCount: 1,
  viceChair: 'optional',
  secretaryCount: 1,
  composition: [
    'Chủ tịch hội đồng (thường là người đứng đầu cơ sở giáo dục)',
    'Phó Chủ tịch (nếu có)',
    'Thư ký',
    'Các ủy viên; ưu tiên thành viên đã được tập huấn về bảo đảm chất lượng (không bắt buộc)',
    'Hội đồng phân công nhiệm vụ cụ thể cho từng thành viên (điểm b khoản 3 Điều 9)',
  ],
  provenance: {
    grade: 'secondary',
    note: 'Điều 9 TT 57/2026 khoản 1–2 (diễn giải thứ cấp): từ 05 thành viên trở lên, số lẻ; 01 Chủ tịch, 01 Thư ký. Điểm b khoản 3 trích nguyên văn trong mã nguồn bên thứ ba.',
  },
};

const tt57NationalStandardConditions = [
  {
    key: 'a',
    text: 'Có ít nhất một khóa trẻ em hoàn thành chương trình giáo dục ở độ tuổi cao nhất mà trường tổ chức hoặc một khóa học sinh hoàn thành chương trình cấp học tương ứng; đối với trường phổ thông có nhiều cấp học, có ít nhất một khóa học sinh hoàn thành chương trình của cấp học cao nhất',
  },
  {
    key: 'b',
    text: 'Có dữ liệu tự đánh giá, kết quả thực hiện kế hoạch cải tiến chất lượng và dữ liệu phục vụ theo dõi, cải tiến chất lượng của ít nhất 03 năm học liên tiếp trước thời điểm xem xét công nhận',
  },
  { key: 'c', text: 'Đạt mức thực hiện hoạt động bảo đảm chất lượng giáo dục theo quy định tại Thông tư này' },
  {
    key: 'd',
    text: 'Đáp ứng các yêu cầu về cơ sở vật chất, thiết bị dạy học, an toàn trường học và các điều kiện khác theo quy định của pháp luật đối với mức độ công nhận tương ứng',
  },
].map((c) => ({
  ...c,
  provenance: {
    grade: 'secondary' as const,
    note: 'Khoản 1 Điều 16 TT 57/2026 — mã nguồn bên thứ ba ghi "Nguyên văn khoản 1"; chưa đối chiếu bản gốc.',
  },
}));

interface Tt57AnnexSpec {
  id: string;
  heading: RegExp;
  annex: string;
  shortTitle: string;
  title: string;
  schoolTypes: { code: string; label: string }[];
  educationLevels: LevelsFramework['educationLevels'];
  nationalStandard: boolean;
  replaces: RelatedDocument[];
  extraNote: string;
}

const TT42: RelatedDocument = {
  number: '42/2012/TT-BGDĐT',
  title:
    'Quy định về tiêu chuẩn đánh giá chất lượng giáo dục và quy trình, chu kỳ kiểm định chất lượng giáo dục cơ sở giáo dục thường xuyên',
  grade: 'secondary',
  note: `${REPEAL_NOTE} Văn bản TT 42/2012 không có trong tài liệu tham chiếu; tên văn bản là suy ra từ chủ đề, cần đối chiếu.`,
};

const tt57Annexes: Tt57AnnexSpec[] = [
  {
    id: 'tt57-2026-pl1-mam-non',
    heading: /^## B\. PHỤ LỤC I —/m,
    annex: 'Phụ lục I',
    shortTitle: 'TT 57/2026 — PL I Mầm non',
    title: 'Thông tư 57/2026/TT-BGDĐT — Phụ lục I: Tiêu chí bảo đảm chất lượng đối với cơ sở giáo dục mầm non',
    schoolTypes: [{ code: 'co_so_giao_duc_mam_non', label: 'Cơ sở giáo dục mầm non' }],
    educationLevels: ['mam_non'],
    nationalStandard: true,
    replaces: [related(doc.tt19, 'secondary', REPEAL_NOTE), related(doc.tt22, 'secondary', REPEAL_NOTE)],
    extraNote: 'Phụ lục I: nguyên văn theo bản chép JSON thứ cấp; chưa đối chiếu bản gốc.',
  },
  {
    id: 'tt57-2026-pl2-pho-thong',
    heading: /^## C\. PHỤ LỤC II —/m,
    annex: 'Phụ lục II',
    shortTitle: 'TT 57/2026 — PL II Phổ thông',
    title: 'Thông tư 57/2026/TT-BGDĐT — Phụ lục II: Tiêu chí bảo đảm chất lượng đối với cơ sở giáo dục phổ thông',
    schoolTypes: [
      { code: 'truong_tieu_hoc', label: 'Trường tiểu học' },
      { code: 'truong_thcs', label: 'Trường trung học cơ sở' },
      { code: 'truong_thpt', label: 'Trường trung học phổ thông' },
      { code: 'truong_pho_thong_nhieu_cap_hoc', label: 'Trường phổ thông có nhiều cấp học' },
    ],
    educationLevels: ['tieu_hoc', 'thcs', 'thpt'],
    nationalStandard: true,
    replaces: [
      related(doc.tt17, 'secondary', REPEAL_NOTE),
      related(doc.tt18, 'secondary', REPEAL_NOTE),
      related(doc.tt22, 'secondary', REPEAL_NOTE),
    ],
    extraNote:
      'Phụ lục II: nguyên văn theo bản chép JSON thứ cấp, đã đối chiếu 30/30 mục với một bản chép độc lập thứ hai; chưa đối chiếu bản gốc.',
  },
  {
    id: 'tt57-2026-pl3-gdtx',
    heading: /^## D\. PHỤ LỤC III —/m,
    annex: 'Phụ lục III',
    shortTitle: 'TT 57/2026 — PL III GDTX',
    title: 'Thông tư 57/2026/TT-BGDĐT — Phụ lục III: Tiêu chí bảo đảm chất lượng đối với cơ sở giáo dục thường xuyên',
    schoolTypes: [
      { code: 'trung_tam_gdtx', label: 'Trung tâm giáo dục thường xuyên' },
      { code: 'trung_tam_gdnn_gdtx', label: 'Trung tâm giáo dục nghề nghiệp - giáo dục thường xuyên' },
    ],
    educationLevels: ['gdtx'],
    nationalStandard: false,
    replaces: [TT42],
    extraNote:
      'Phụ lục III: nguyên văn theo bản chép JSON thứ cấp (bản HTML gốc ghi mã tiêu chí dạng "TC1.1", đã chuẩn hóa thành "1.1"); chưa đối chiếu bản gốc. TT 57 chỉ công nhận chuẩn quốc gia cho trường mầm non và phổ thông, nên khung GDTX không có quy tắc chuẩn quốc gia.',
  },
];

function buildTt57(md: string): LevelsFramework[] {
  return tt57Annexes.map((spec) => {
    const text = section(md, spec.heading, /^## [A-Z]\. /m);
    const parsed = parseTt57Annex(text, spec.annex);
    const source: LegalSource = {
      number: doc.tt57.number,
      documentType: 'Thông tư',
      title: TT57_TITLE,
      issuer: 'Bộ Giáo dục và Đào tạo',
      signedDate: doc.tt57.signedDate,
      effectiveDate: doc.tt57.effectiveDate,
      annex: spec.annex,
      url: TT57_URL,
      transcriptionSources: TT57_TRANSCRIPTIONS,
      grade: 'secondary',
      note: `${spec.extraNote} Ngày ban hành và ngày hiệu lực 07/7/2026 theo nguồn thứ cấp (trường ngay_hieu_luc của bản chép; chưa kiểm chứng). Phần Quy định (Điều 1–27) chỉ có trích dẫn/diễn giải thứ cấp.`,
      amendedBy: [],
      replaces: spec.replaces,
      replacedBy: [],
    };
    const fw: LevelsFramework = {
      formatVersion: 1,
      id: spec.id,
      version: DATA_VERSION,
      title: spec.title,
      shortTitle: spec.shortTitle,
      kind: 'levels',
      family: 'tt57',
      source,
      effectiveFrom: doc.tt57.effectiveDate,
      effectiveTo: null,
      transitionNote:
        'Bằng, quyết định công nhận cấp trước ngày 07/7/2026 vẫn có giá trị đến hết thời hạn ghi trên bằng (khoản 2 Điều 27, diễn giải thứ cấp).',
      schoolTypes: spec.schoolTypes,
      educationLevels: spec.educationLevels,
      evidenceCode: tt57Evidence,
      timeRules: tt57TimeRules(spec.nationalStandard),
      councilRules: tt57Council,
      notes: [
        ...(parsed.note ? [parsed.note] : []),
        'Mức 2 chỉ được xem xét khi Mức 1 được xác định đạt (Biểu 1, diễn giải thứ cấp) — các mức là tích lũy.',
        'Không lấy dữ liệu định lượng làm căn cứ duy nhất để kết luận (khoản 4 Điều 27, diễn giải thứ cấp).',
        'Điểm mạnh, hạn chế viết ở cấp tiêu chuẩn; kế hoạch cải tiến tách sang Biểu 2, theo dõi tối thiểu 02 lần/năm học (cuối học kỳ I, cuối năm học).',
      ],
      maxLevel: 2,
      levelLabels: [
        { level: 0, label: 'Không đạt' },
        { level: 1, label: 'Mức 1' },
        { level: 2, label: 'Mức 2' },
      ],
      standards: parsed.standards,
      level4Clauses: [],
      levelRule: {
        type: 'mandatory-quota',
        othersQuota: 5,
        othersFloor: { '2': 1 },
        text: 'Đạt Mức 1 khi tất cả tiêu chí bắt buộc đạt Mức 1 và có ít nhất 05 trong 07 tiêu chí còn lại đạt Mức 1 trở lên; đạt Mức 2 khi tất cả tiêu chí bắt buộc đạt Mức 2 và có ít nhất 05 trong 07 tiêu chí còn lại đạt Mức 2, các tiêu chí còn lại đạt tối thiểu Mức 1.',
        provenance: {
          grade: 'secondary',
          note: 'Khoản 3 Điều 5 TT 57/2026, câu được in trong mẫu báo cáo ("Căn cứ khoản 3 Điều 5…") theo mã nguồn Schoolrecords/thcsbachlieu; danh sách 8 tiêu chí bắt buộc theo điểm a khoản 1 Điều 5.',
        },
      },
      multiLevelRule: {
        type: 'minimum',
        text: 'Trường có nhiều cấp học: xác định mức cho từng cấp học; mức của trường là mức thấp nhất trong các cấp học.',
        provenance: {
          grade: 'inference',
          note: 'Quy tắc của ứng dụng (theo cách làm của thg68/kiemdinh, lib/assessment/level-engine.ts); chưa thấy trong văn bản — cần đối chiếu.',
        },
      },
      nationalStandard: spec.nationalStandard
        ? {
            degreeByLevel: [
              { level: 1, degree: 1 },
              { level: 2, degree: 2 },
            ],
            conditions: tt57NationalStandardConditions,
            minConsecutiveYearsOfData: 3,
            provenance: {
              grade: 'secondary',
              note: 'Điều 16 TT 57/2026: khoản 1 (điều kiện a–d, "nguyên văn" theo mã nguồn bên thứ ba); khoản 2 (diễn giải): Mức 1 → Mức độ 1, Mức 2 → Mức độ 2. Thẩm quyền: Sở GDĐT (Điều 17, diễn giải).',
            },
          }
        : null,
      accreditation: null,
    };
    return fw;
  });
}

// ---------------------------------------------------------------------------------------------
// Legacy TT 17/18/19 (2018)
// ---------------------------------------------------------------------------------------------

function parseLegacy(md: string, name: string): { standards: Standard[]; level4: Level4Clause[] } {
  const body = section(md, /^## TIÊU CHUẨN, TIÊU CHÍ VÀ CHỈ BÁO/m, /^## TIÊU CHUẨN ĐÁNH GIÁ TRƯỜNG MỨC 4/m);
  const m4 = section(md, /^## TIÊU CHUẨN ĐÁNH GIÁ TRƯỜNG MỨC 4/m, /^## /m);
  const standards: Standard[] = [];
  let criterion: Criterion | null = null;
  let level: CriterionLevelSpec | null = null;
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if (!line || line.startsWith('## ')) continue;
    if ((m = /^### Tiêu chuẩn (\d+): (.+)$/.exec(line))) {
      standards.push({ code: m[1]!, title: m[2]!.trim(), criteria: [] });
      criterion = null;
      level = null;
    } else if ((m = /^#### Tiêu chí (\d+\.\d+): (.+)$/.exec(line))) {
      const standard = standards.at(-1) ?? fail(`${name}: tiêu chí trước tiêu chuẩn`);
      criterion = {
        code: m[1]!,
        title: m[2]!.trim(),
        mandatory: false,
        levels: [],
        evidenceGroup: null,
        suggestedEvidence: [],
        quantitativeData: [],
        quantitativeNote: null,
      };
      standard.criteria.push(criterion);
      level = null;
    } else if ((m = /^\*\*Mức (\d):\*\*$/.exec(line))) {
      level = { level: Number(m[1]), requirements: [] };
      (criterion ?? fail(`${name}: mức ngoài tiêu chí`)).levels.push(level);
    } else if ((m = /^- (?:([a-zđ])\) )?(.+)$/.exec(line))) {
      const lv = level ?? fail(`${name}: chỉ báo ngoài mức`);
      lv.requirements.push({ code: m[1] ?? '', text: m[2]!.trim() });
    } else {
      fail(`${name}: dòng không nhận ra: ${line.slice(0, 80)}`);
    }
  }
  for (const c of standards.flatMap((s) => s.criteria)) {
    for (const lv of c.levels) {
      const labelled = lv.requirements.filter((r) => r.code !== '');
      if (labelled.length > 0 && labelled.length !== lv.requirements.length)
        fail(`${name} ${c.code} Mức ${lv.level}: trộn mục có và không có chữ cái`);
      // Unlabelled items (common at Mức 2/3) get numbers, as CV 5932 prints "*" for them.
      if (labelled.length === 0) lv.requirements.forEach((r, i) => (r.code = String(i + 1)));
    }
    if (c.levels[0]?.level !== 1 || c.levels[0].requirements.length !== 3)
      fail(`${name} ${c.code}: Mức 1 phải có chỉ báo a, b, c`);
  }
  const level4: Level4Clause[] = [];
  for (const raw of m4.split('\n')) {
    const m = /^- \*\*Khoản (\d+) Điều 22:\*\* (.+)$/.exec(raw.trim());
    if (m) level4.push({ code: m[1]!, article: `Khoản ${m[1]} Điều 22`, text: m[2]!.trim() });
  }
  return { standards, level4 };
}

const LEGACY_TRANSCRIPTION =
  'https://github.com/anhtuqn001/educationalqualityverification/blob/99e032f/resources/js/components/utils.js (getChiMucsData, 2020-11-08)';

const legacyEvidence: EvidenceCodeConvention = {
  template: '[H{box}.{standard}.{criterion:2}.{seq:2}]',
  pattern: '^\\[H(?<box>\\d+)\\.(?<standard>\\d+)\\.(?<criterion>\\d{2})\\.(?<seq>\\d{2,3})\\]$',
  acceptedPatterns: ['^\\[H(?<box>\\d+)-(?<standard>\\d+)\\.(?<criterion>\\d{1,2})-(?<seq>\\d{2,3})\\]$'],
  example: '[H1.1.01.01]',
  citationExample: 'Nhà trường có phương hướng, chiến lược xây dựng và phát triển được cấp có thẩm quyền phê duyệt [H1.1.01.01].',
  citationBrackets: 'none',
  boxNumberConfigurable: true,
  description:
    '[Hn.a.bc.de]: H + số hộp (thùng) minh chứng n, tiêu chuẩn a, tiêu chí bc (2 chữ số), số thứ tự minh chứng de (2 chữ số), ví dụ [H1.1.01.01]. Số hộp mặc định bằng số tiêu chuẩn, trường có thể đặt khác. Minh chứng dùng cho nhiều tiêu chí giữ mã lần đầu. Khi nhập dữ liệu cũ chấp nhận cả các dạng [H1-1.1-01], [H1-1.01-01]. Bảng danh mục: Tiêu chí | Số TT | Mã minh chứng | Tên minh chứng | Số, ngày ban hành hoặc thời điểm khảo sát… | Nơi ban hành hoặc nhóm, cá nhân thực hiện | Ghi chú.',
  provenance: {
    grade: 'inference',
    note: 'Chưa tìm được câu chữ gốc của CV 5932/5942 quy định cấu trúc mã; [Hn.a.bc.de] theo thông lệ, các dạng [H1-1.1-01], [H1-1.01-01] quan sát trong báo cáo mẫu của ứng dụng bên thứ ba.',
  },
};

const legacyCouncil: CouncilRules = {
  minMembers: 7,
  oddNumber: false,
  chairCount: 1,
  viceChair: 'required',
  secretaryCount: 1,
  composition: [
    'Chủ tịch: Hiệu trưởng',
    'Phó Chủ tịch: Phó Hiệu trưởng',
    'Thư ký: tổ trưởng chuyên môn, tổ trưởng tổ văn phòng hoặc giáo viên có năng lực',
    'Ủy viên: đại diện Hội đồng trường (Hội đồng quản trị), tổ trưởng chuyên môn, tổ trưởng tổ văn phòng, đại diện chi bộ và các đoàn thể, đại diện giáo viên',
  ],
  provenance: {
    grade: 'secondary',
    note: 'Tóm lược của LawNet (bản tiếng Anh), không phải nguyên văn điều; ít nhất 07 thành viên.',
  },
};

const legacyTimeRules: TimeRules = {
  selfAssessment: 'cycle',
  cycleYears: 5,
  validityYears: 5,
  waitBeforeNextDegreeYears: 1,
  renewBeforeExpiryMonths: 5,
  dataWindowYears: 5,
  calendar: [],
  provenance: {
    cycleYears: {
      grade: 'verbatim',
      note: 'Khoản 1 Điều 5 (bản dịch tiếng Anh của LawNet): chu kỳ kiểm định và công nhận chuẩn quốc gia là 5 năm.',
    },
    validityYears: { grade: 'secondary', note: 'Tóm lược LawNet (TT 17): bằng công nhận chuẩn quốc gia có giá trị 05 năm.' },
    waitBeforeNextDegreeYears: {
      grade: 'secondary',
      note: 'Bản gốc 2018: ít nhất 02 năm (khoản 2–3 Điều 5, bản dịch EN). TT 22/2024 (hiệu lực 25/01/2025) rút xuống ít nhất 01 năm theo tin báo chí; giá trị ở đây là sau sửa đổi.',
    },
    renewBeforeExpiryMonths: {
      grade: 'secondary',
      note: 'Tóm lược LawNet (TT 17): đăng ký đánh giá lại ít nhất 05 tháng trước khi bằng hết hạn.',
    },
    dataWindowYears: {
      grade: 'secondary',
      note: 'Phần I Cơ sở dữ liệu của báo cáo TĐG theo CV 5932/5942: số liệu 5 năm gần đây (biểu mẫu dựng lại).',
    },
  },
};

interface LegacySpec {
  id: string;
  file: string;
  doc: (typeof doc)['tt17' | 'tt18' | 'tt19'];
  url: string;
  shortTitle: string;
  title: string;
  schoolTypes: { code: string; label: string }[];
  educationLevels: LevelsFramework['educationLevels'];
  replaces: RelatedDocument[];
  cohortCondition: { text: string; provenance: Provenance };
  nationalStandardProvenance: Provenance;
  notes: string[];
  itemProvenance: (standard: Standard, criterion: Criterion | null, level: number | null) => Provenance | undefined;
}

const TT22_FACILITIES: Provenance = {
  grade: 'secondary',
  note: 'TT 22/2024/TT-BGDĐT (hiệu lực 25/01/2025) đã sửa đổi các tiêu chí cơ sở vật chất, thiết bị dạy học cho phù hợp văn bản hiện hành (tin báo chí); nội dung sửa đổi chưa có — văn bản ở đây là bản trước sửa đổi.',
};

function legacyProvenance(
  standard: Standard,
  criterion: Criterion | null,
  level: number | null,
  tt18: boolean,
): Provenance | undefined {
  if (criterion === null && level === null && standard.code === '3') return TT22_FACILITIES;
  if (tt18 && criterion?.code === '5.6' && level === 3) {
    return {
      grade: 'secondary',
      note: 'Bản trước sửa đổi. Khoản 4 Điều 21 (Mức 3 — kết quả giáo dục) đã được sửa bởi khoản 16 Điều 2 TT 22/2024 theo các mức xếp loại của TT 22/2021 (Tốt/Khá/Chưa đạt; rèn luyện Tốt/Khá); chỉ có bản dịch tiếng Anh bị cắt của phần sửa đổi.',
      source:
        'https://lawnet.vn/giao-duc/en/what-are-the-criteria-regarding-educational-results-for-level-3-lower-secondary-schools-in-vietnam-f-20278.html',
    };
  }
  return undefined;
}

const legacySpecs: LegacySpec[] = [
  {
    id: 'tt17-2018-tieu-hoc',
    file: 'tt17-2018.md',
    doc: doc.tt17,
    url: 'https://thuvienphapluat.vn/documents/law.aspx?id=Q%3DpZM05UQTTX&mode=09dsbGRWOHlOdzWk',
    shortTitle: 'TT 17/2018 — Tiểu học',
    title: 'Thông tư 17/2018/TT-BGDĐT — Kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với trường tiểu học',
    schoolTypes: [{ code: 'truong_tieu_hoc', label: 'Trường tiểu học' }],
    educationLevels: ['tieu_hoc'],
    replaces: [],
    cohortCondition: {
      text: 'Có ít nhất một khóa học sinh đã hoàn thành chương trình tiểu học (điểm a khoản 1 Điều 34)',
      provenance: {
        grade: 'secondary',
        note: 'Diễn giải của LawNet (tiếng Anh): "at least one class of students who have completed the primary education program".',
      },
    },
    nationalStandardProvenance: {
      grade: 'verbatim',
      note: 'Điều 37 TT 17/2018, bản dịch tiếng Anh của LawNet: Mức độ 1 khi đạt Mức 2; Mức độ 2 khi đạt Mức 3 trở lên.',
    },
    notes: [
      'Tài liệu tham chiếu có 27 tiêu chí (10, 4, 6, 2, 5); digest nghiên cứu ghi "27 (cần xác minh; dự kiến 28)". Tệp này theo đúng tài liệu tham chiếu — cần đối chiếu bản gốc.',
    ],
    itemProvenance: (s, c, l) => legacyProvenance(s, c, l, false),
  },
  {
    id: 'tt18-2018-thcs-thpt',
    file: 'tt18-2018.md',
    doc: doc.tt18,
    url: 'https://thuvienphapluat.vn/van-ban/giao-duc/thong-tu-18-2018-tt-bgddt-cong-nhan-dat-chuan-quoc-gia-doi-voi-truong-trung-hoc-co-so-367509.aspx',
    shortTitle: 'TT 18/2018 — THCS, THPT, nhiều cấp học',
    title:
      'Thông tư 18/2018/TT-BGDĐT — Kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với trường THCS, THPT và trường phổ thông có nhiều cấp học',
    schoolTypes: [
      { code: 'truong_thcs', label: 'Trường trung học cơ sở' },
      { code: 'truong_thpt', label: 'Trường trung học phổ thông' },
      { code: 'truong_pho_thong_nhieu_cap_hoc', label: 'Trường phổ thông có nhiều cấp học' },
    ],
    educationLevels: ['thcs', 'thpt'],
    replaces: [],
    cohortCondition: {
      text: 'Có ít nhất một khóa học sinh đã hoàn thành chương trình giáo dục của cấp học (điểm a khoản 1 Điều 34)',
      provenance: {
        grade: 'verbatim',
        note: 'Khoản 1 Điều 34 (bản dịch tiếng Anh của LawNet): "Having at least an academic course in which students have graduated the secondary education program".',
      },
    },
    nationalStandardProvenance: {
      grade: 'inference',
      note: 'Điều 37 TT 18/2018 (bản dịch EN bị cắt): điều kiện điểm a khoản 1 Điều 34 và kết quả đánh giá ngoài đạt Mức 2 trở lên; cách quy đổi Mức độ 1/2 lấy theo Điều 37 TT 17/TT 19 (cùng cấu trúc).',
    },
    notes: [
      'Đối tượng áp dụng (Điều 1, bản dịch EN bị cắt) còn gồm trường phổ thông dân tộc nội trú cấp huyện, cấp tỉnh…; trường phổ thông nhiều cấp học có lớp tiểu học cũng dùng khung này.',
    ],
    itemProvenance: (s, c, l) => legacyProvenance(s, c, l, true),
  },
  {
    id: 'tt19-2018-mam-non',
    file: 'tt19-2018.md',
    doc: doc.tt19,
    url: 'https://ls1.hethongphapluat.com/thong-tu-19-2018-tt-bgddt-quy-dinh-ve-kiem-dinh-chat-luong-giao-duc-va-cong-nhan-dat-chuan-quoc-gia-doi-voi-truong-mam-non-do-bo-truong-bo-giao-duc-va-dao-tao-ban-hanh.html',
    shortTitle: 'TT 19/2018 — Mầm non',
    title: 'Thông tư 19/2018/TT-BGDĐT — Kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với trường mầm non',
    schoolTypes: [{ code: 'truong_mam_non', label: 'Trường mầm non' }],
    educationLevels: ['mam_non'],
    replaces: [
      {
        number: '25/2014/TT-BGDĐT',
        signedDate: '2014-08-07',
        grade: 'verbatim',
        note: 'Phần mở đầu TT 19/2018 (bản dịch EN): "This Circular will replace Circular No.25/2014/TT-BGDDT dated August 07, 2014".',
      },
      {
        number: '02/2014/TT-BGDĐT',
        grade: 'secondary',
        note: 'Quy chế công nhận trường mầm non đạt chuẩn quốc gia — theo danh mục văn bản bị thay thế trên hethongphapluat.com.',
      },
    ],
    cohortCondition: {
      text: 'Điểm a khoản 1 Điều 34 (trường mầm non): theo diễn giải của LawNet là có hoạt động giáo dục ít nhất 05 năm',
      provenance: {
        grade: 'secondary',
        note: 'Diễn giải LawNet "Educational activities for at least 5 years" — chưa đối chiếu nguyên văn.',
      },
    },
    nationalStandardProvenance: {
      grade: 'verbatim',
      note: 'Điều 37 TT 19/2018, bản dịch tiếng Anh của LawNet: Mức độ 1 khi đạt Mức 2; Mức độ 2 khi đạt Mức 3 trở lên.',
    },
    notes: [
      'Số mục Mức 2/Mức 3 theo tài liệu tham chiếu là 46 và 25 (19 tiêu chí có Mức 3); digest nghiên cứu ghi 48 và 23. Tệp này theo đúng tài liệu tham chiếu — cần đối chiếu bản gốc.',
    ],
    itemProvenance: (s, c, l) => legacyProvenance(s, c, l, false),
  },
];

function buildLegacy(spec: LegacySpec): LevelsFramework {
  const parsed = parseLegacy(read(spec.file), spec.file);
  for (const s of parsed.standards) {
    const sp = spec.itemProvenance(s, null, null);
    if (sp) s.provenance = sp;
    for (const c of s.criteria) {
      for (const lv of c.levels) {
        const p = spec.itemProvenance(s, c, lv.level);
        if (p) lv.provenance = p;
      }
    }
  }
  const source: LegalSource = {
    number: spec.doc.number,
    documentType: 'Thông tư',
    title: spec.doc.title,
    issuer: 'Bộ Giáo dục và Đào tạo',
    signedDate: spec.doc.signedDate,
    effectiveDate: spec.doc.effectiveDate,
    annex: null,
    url: spec.url,
    transcriptionSources: [LEGACY_TRANSCRIPTION],
    grade: 'secondary',
    note: 'Tiêu chuẩn, tiêu chí, chỉ báo Mức 1–3 (Chương II, Mục 1–3) và Mức 4 (Điều 22) nguyên văn theo bản chép thứ cấp trong dữ liệu mẫu báo cáo của anhtuqn001/educationalqualityverification, sắp lại theo từng tiêu chí như CV 5932/5942; có thể có lỗi chính tả nhỏ, cần đối chiếu bản gốc. Đây là bản trước khi sửa đổi bởi TT 22/2024.',
    amendedBy: [
      related(
        doc.tt22,
        'verbatim',
        'Phần mở đầu TT 22/2024 (nguyên văn). Nội dung sửa đổi chi tiết (Điều 1–3) chưa có; các bảng tiêu chí trong tệp này là bản trước sửa đổi.',
      ),
    ],
    replaces: spec.replaces,
    replacedBy: [related(doc.tt57, 'secondary', REPEAL_NOTE)],
  };
  return {
    formatVersion: 1,
    id: spec.id,
    version: DATA_VERSION,
    title: spec.title,
    shortTitle: spec.shortTitle,
    kind: 'levels',
    family: 'legacy2018',
    source,
    effectiveFrom: spec.doc.effectiveDate,
    effectiveTo: '2026-07-06',
    transitionNote:
      'Thay thế bởi TT 57/2026 từ 07/7/2026; bằng công nhận đã cấp theo khung này vẫn có giá trị đến hết thời hạn ghi trên bằng (khoản 2 Điều 27 TT 57, diễn giải thứ cấp).',
    schoolTypes: spec.schoolTypes,
    educationLevels: spec.educationLevels,
    evidenceCode: legacyEvidence,
    timeRules: legacyTimeRules,
    councilRules: legacyCouncil,
    notes: [
      ...spec.notes,
      'Mức sau bao gồm mọi yêu cầu của mức trước (khoản 4 Điều 2, bản dịch EN). Tiêu chí đạt khi mọi chỉ báo đạt; chỉ báo đạt khi mọi yêu cầu của chỉ báo đạt (khoản 2 Điều 6, bản dịch EN).',
      'Thẩm quyền công nhận chuẩn quốc gia: Chủ tịch UBND tỉnh (bản gốc) → Giám đốc Sở GDĐT (TT 22/2024, tin báo chí).',
      'Thông tư không có nhóm minh chứng, minh chứng gợi ý hay dữ liệu định lượng theo từng tiêu chí (các trường này để trống); số liệu của trường nằm ở Phần I Cơ sở dữ liệu của báo cáo (CV 5932/5942).',
      'Quy trình tự đánh giá 7 bước (Điều 23, bản dịch EN): thành lập hội đồng; lập kế hoạch; thu thập, xử lý, phân tích minh chứng; đánh giá mức đạt từng tiêu chí; viết báo cáo; công bố báo cáo; hoạt động sau tự đánh giá.',
    ],
    maxLevel: 3,
    levelLabels: [
      { level: 0, label: 'Không đạt' },
      { level: 1, label: 'Mức 1' },
      { level: 2, label: 'Mức 2' },
      { level: 3, label: 'Mức 3' },
      { level: 4, label: 'Mức 4' },
    ],
    standards: parsed.standards,
    level4Clauses: parsed.level4,
    levelRule: {
      type: 'all-criteria',
      absentLevelMeans: 'previous-level',
      level4: 'all-clauses-at-level-3',
      text: 'Trường đạt Mức k (k = 1, 2, 3) khi mọi tiêu chí đạt Mức k; tiêu chí không có yêu cầu riêng ở Mức 3 đạt Mức 3 khi đạt Mức 2. Trường đạt Mức 4 khi đạt Mức 3 và đáp ứng mọi khoản của Điều 22.',
      provenance: {
        grade: 'inference',
        note: 'Điều 6 (bản dịch EN): Mức k = đáp ứng quy định tại Mục k Chương II [V]. "Mọi tiêu chí" và "tiêu chí không có Mức 3 thì đạt Mức 3 khi đạt Mức 2" (Mục 3 = "đảm bảo Mức 2 và các quy định sau") là suy luận của ứng dụng.',
      },
    },
    multiLevelRule: {
      type: 'minimum',
      text: 'Trường có nhiều cấp học: xác định mức cho từng cấp học; mức của trường là mức thấp nhất trong các cấp học.',
      provenance: { grade: 'inference', note: 'Quy tắc của ứng dụng; chưa thấy trong văn bản — cần đối chiếu.' },
    },
    nationalStandard: {
      degreeByLevel: [
        { level: 2, degree: 1 },
        { level: 3, degree: 2 },
      ],
      conditions: [
        { key: 'a', ...spec.cohortCondition },
        {
          key: 'b',
          text: 'Kết quả đánh giá ngoài đạt Mức 2 trở lên theo khoản 1 Điều 6',
          provenance: spec.nationalStandardProvenance,
        },
      ],
      minConsecutiveYearsOfData: null,
      provenance: spec.nationalStandardProvenance,
    },
    accreditation: {
      minLevel: 1,
      gradeByLevel: [
        { level: 1, grade: 1 },
        { level: 2, grade: 2 },
        { level: 3, grade: 3 },
        { level: 4, grade: 4 },
      ],
      conditions: [
        { key: 'a', ...spec.cohortCondition },
        {
          key: 'b',
          text: 'Kết quả đánh giá ngoài đạt Mức 1 trở lên theo khoản 1 Điều 6',
          provenance: { grade: 'verbatim', note: 'Điểm b khoản 1 Điều 34 (bản dịch tiếng Anh của LawNet, TT 18).' },
        },
      ],
      provenance: {
        grade: 'inference',
        note: 'Khoản 1 Điều 34 (điều kiện) có bản dịch EN; khoản 2 (các cấp độ công nhận) bị cắt — Cấp độ k tương ứng Mức k là suy luận.',
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// QĐ 4725/QĐ-BGDĐT (digital transformation index)
// ---------------------------------------------------------------------------------------------

function buildQd4725(md: string): PointsFramework {
  const table = section(md, /^## Danh mục chỉ số/m, /^Tổng điểm tối đa/m);
  const groups: PointsGroup[] = [
    { code: '1', title: 'Chuyển đổi số trong dạy, học', maxScore: 100, items: [], missingPoints: 0 },
    { code: '2', title: 'Chuyển đổi số trong quản trị cơ sở giáo dục', maxScore: 100, items: [], missingPoints: 0 },
  ];
  for (const raw of table.split('\n')) {
    const cells = raw
      .trim()
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length !== 5 || !/^\d+(\.\d+)+$/.test(cells[1]!) || !/^\d+$/.test(cells[4]!)) continue;
    const m = ['', ...cells];
    const itemCode = m[2]!;
    const group =
      groups.find((g) => itemCode.startsWith(`${g.code}.`)) ?? fail(`QĐ 4725: chỉ số ${itemCode} không thuộc nhóm nào`);
    const mandatory = m[4]!.trim().startsWith('Có');
    group.items.push({
      code: itemCode,
      title: m[3]!.trim(),
      maxPoints: Number(m[5]),
      mandatory,
      ...(mandatory && group.code === '1'
        ? {
            provenance: {
              grade: 'verbatim' as const,
              note: 'Bảng chỉ số (bản dịch tiếng Anh của LawNet, phần đầu) ghi "Mandatory conditions" cho kế hoạch và quy chế tổ chức dạy học trực tuyến.',
            },
          }
        : {}),
    });
  }
  for (const g of groups) {
    const sum = g.items.reduce((s, i) => s + i.maxPoints, 0);
    g.missingPoints = g.maxScore - sum;
    if (g.missingPoints > 0) {
      g.provenance = {
        grade: 'secondary',
        note: `Bản liệt kê thứ cấp chỉ cộng được ${sum}/${g.maxScore} điểm ⇒ thiếu ít nhất một chỉ số (${g.missingPoints} điểm). Không tự bổ sung; cần bản gốc Phụ lục Bộ chỉ số.`,
      };
    }
  }
  return {
    formatVersion: 1,
    id: 'qd4725-2022-cds',
    version: DATA_VERSION,
    title:
      'Quyết định 4725/QĐ-BGDĐT — Bộ chỉ số đánh giá mức độ chuyển đổi số của cơ sở giáo dục phổ thông và giáo dục thường xuyên',
    shortTitle: 'QĐ 4725/2022 — Chuyển đổi số',
    kind: 'points',
    family: 'qd4725',
    source: {
      number: '4725/QĐ-BGDĐT',
      documentType: 'Quyết định',
      title: 'Ban hành Bộ chỉ số đánh giá mức độ chuyển đổi số của cơ sở giáo dục phổ thông và giáo dục thường xuyên',
      issuer: 'Bộ Giáo dục và Đào tạo',
      signedDate: '2022-12-30',
      effectiveDate: '2022-12-30',
      annex: 'Bộ chỉ số kèm theo Quyết định',
      url: 'https://365.info.vn/cong-nghe-thong-tin-va-truyen-thong-ict/so-4725-qd-bgddt-danh-gia-muc-do-chuyen-doi-so-cua-co-so-giao-duc-358.html',
      transcriptionSources: [
        'https://dti.vnedu.vn/ (thang mức, mốc thời gian)',
        'https://lawnet.vn/thong-tin-phap-luat/en/giao-duc/set-of-indicators-for-assessing-the-level-of-digital-transformation-in-schools-in-vietnam-115298.html (phần đầu bảng, EN)',
        'Tệp seeder CDS_CRITERIA_DATA của một ứng dụng quản lý trường học mã nguồn mở (không xác định được tên kho) — danh mục chỉ số rút gọn',
      ],
      grade: 'secondary',
      note: 'Phần mở đầu Quyết định nguyên văn; không có toàn văn Phụ lục Bộ chỉ số. Tên chỉ số là tên rút gọn của bản chép thứ cấp; nhóm "Quản trị" thiếu ít nhất 10 điểm. Ngày hiệu lực lấy bằng ngày ký (suy luận — phần điều khoản thi hành không có trong bản lưu).',
      amendedBy: [],
      replaces: [],
      replacedBy: [],
    },
    effectiveFrom: '2022-12-30',
    effectiveTo: null,
    transitionNote: null,
    schoolTypes: [
      { code: 'co_so_giao_duc_pho_thong', label: 'Cơ sở giáo dục phổ thông' },
      { code: 'co_so_giao_duc_thuong_xuyen', label: 'Cơ sở giáo dục thường xuyên' },
    ],
    educationLevels: ['tieu_hoc', 'thcs', 'thpt', 'gdtx'],
    evidenceCode: null,
    timeRules: {
      selfAssessment: 'yearly',
      cycleYears: null,
      validityYears: null,
      waitBeforeNextDegreeYears: null,
      renewBeforeExpiryMonths: null,
      dataWindowYears: null,
      calendar: [
        {
          key: 'self-assessment-submitted',
          month: 5,
          day: 31,
          label: 'Gửi báo cáo tự đánh giá chuyển đổi số trước 31/5',
          actor: 'school',
          deadline: true,
          provenance: {
            grade: 'secondary',
            note: 'Mốc thời gian trên hệ thống DTI (dti.vnedu.vn): cơ sở giáo dục gửi báo cáo tự đánh giá, đồng bộ CSDL ngành trước 31/5.',
          },
        },
        {
          key: 'authority-published',
          month: 6,
          day: 20,
          label: 'Sở/Phòng GDĐT kiểm tra, phê duyệt và công bố mức độ chuyển đổi số trước 20/6',
          actor: 'authority',
          deadline: true,
          provenance: { grade: 'secondary', note: 'Mốc thời gian trên hệ thống DTI (dti.vnedu.vn).' },
        },
      ],
      provenance: {
        selfAssessment: { grade: 'secondary', note: 'Đánh giá hằng năm theo mốc của hệ thống DTI.' },
      },
    },
    councilRules: null,
    notes: [
      'Không có bộ chỉ số chuyển đổi số cho mầm non trong tài liệu tham chiếu (QĐ 4725 áp dụng cho phổ thông và GDTX).',
      'Bảng gốc có các cột Điểm tối đa | Điểm đạt | Ghi chú và minh chứng; một số chỉ số chấm theo bậc (ví dụ "Level 1: dưới 10 điểm; Level 2: 10–20; Level 3: trên 20") — chi tiết bậc chưa có.',
    ],
    maxLevel: 3,
    groups,
    thresholds: [
      { level: 1, label: 'Mức độ 1 — Mức chưa đáp ứng', minScore: 0, inclusive: true },
      { level: 2, label: 'Mức độ 2 — Mức đáp ứng cơ bản', minScore: 50, inclusive: true },
      { level: 3, label: 'Mức độ 3 — Mức đáp ứng tốt', minScore: 75, inclusive: false },
    ],
    thresholdsProvenance: {
      grade: 'secondary',
      note: 'Nguyên văn trang dti.vnedu.vn: Mức độ 1 khi tổng điểm mỗi nhóm dưới 50; Mức độ 2 từ 50 đến 75; Mức độ 3 trên 75.',
      source: 'https://dti.vnedu.vn/',
    },
    aggregateRule: {
      type: 'minimum-over-groups',
      text: 'Mức độ chuyển đổi số của cơ sở giáo dục là mức thấp nhất mà hai nhóm tiêu chí cùng đạt ("tổng điểm của mỗi nhóm tiêu chí").',
      provenance: {
        grade: 'inference',
        note: 'Suy ra từ cách diễn đạt "tổng điểm của mỗi nhóm tiêu chí" trên dti.vnedu.vn; chưa thấy quy tắc gộp nguyên văn.',
      },
    },
    mandatoryRule: {
      type: 'cap-level',
      cappedLevel: 1,
      text: 'Chưa đáp ứng một chỉ số điều kiện bắt buộc (0 điểm) thì nhóm tương ứng chỉ ở Mức độ 1 (chưa đáp ứng).',
      provenance: {
        grade: 'inference',
        note: 'Bảng chỉ số ghi các chỉ số này là "điều kiện bắt buộc" (Mandatory conditions) mà không nêu hệ quả; hệ quả ở đây là suy luận.',
      },
    },
    complete: groups.every((g) => g.missingPoints === 0),
  };
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  const frameworks: Framework[] = [
    ...buildTt57(read('tt57-2026.md')),
    ...legacySpecs.map(buildLegacy),
    buildQd4725(read('qd4725-2022.md')),
  ];
  mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  for (const fw of frameworks) {
    const file = `${fw.id}.json`;
    const json = JSON.parse(JSON.stringify(fw)) as unknown;
    parseFramework(file, json);
    writeFileSync(join(outDir, file), `${JSON.stringify(fw, null, 2)}\n`);
    files.push(file);
    const c = countFramework(fw);
    console.log(
      `${file}: ${c.standards} tiêu chuẩn, ${c.criteria} tiêu chí (${c.criteriaPerStandard.join('/')}), ${c.mandatory} bắt buộc, ` +
        `yêu cầu theo mức ${JSON.stringify(c.requirementsByLevel)}, có mức ${JSON.stringify(c.criteriaWithLevel)}, ` +
        `Mức 4: ${c.level4Clauses}, định lượng: ${c.quantitativeItems}, chỉ số điểm: ${c.pointsItems} ${JSON.stringify(c.pointsByGroup)}`,
    );
  }
  writeFileSync(join(outDir, 'index.json'), `${JSON.stringify({ formatVersion: 1, frameworks: files }, null, 2)}\n`);
  console.log(`Đã ghi ${files.length} tệp và index.json vào ${outDir}`);
}

main();
