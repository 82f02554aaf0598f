/**
 * Biểu 2 (Mẫu số 2, Phụ lục V TT 57/2026): Kế hoạch cải tiến chất lượng giáo dục năm học.
 * Sections I–VIII as the form prints them; the ten-column plan table (V) and the monitoring
 * table (VI) sit in a landscape section. Texts marked "in sẵn" in the transcription (III, VIII)
 * are printed as such; the rest comes from the improvement plan of the workspace.
 */
import { IMPROVEMENT_PROGRESS_LABELS, type ImprovementProgress } from '../../core/assessment/carry-over';
import { documentNumber, managingBody, placeDate, principal, reportDate, schoolName } from './common';
import { DocBuilder, SIZE, type Cell } from './docx-kit';
import type { ReportData } from './report-data';
import { adminDate, present, shortDate } from './text';

export const BIEU2_TITLE = 'KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC';

const CHECKPOINTS = [
  ['end_term1', 'Cuối học kỳ I'],
  ['end_year', 'Cuối năm học'],
] as const;

export function buildBieu2(d: ReportData): DocBuilder {
  const kit = new DocBuilder(`${BIEU2_TITLE} năm học ${d.assessment.schoolYear}`);
  const t = d.texts;
  const plan = d.improvement;
  kit.section({ numbering: 'hide-first' });
  kit.adminHeader({
    managingBody: managingBody(kit, d),
    issuer: schoolName(kit, d),
    number: documentNumber(kit, t.improvementNumber, 'KH-…', 'improvementNumber', 'kế hoạch cải tiến'),
    placeDate: placeDate(kit, d, t.improvementDate ?? reportDate(d), 'kế hoạch cải tiến', 'improvementDate'),
  });
  kit.title1('KẾ HOẠCH', { spaceBefore: 360 });
  kit.centered(`Cải tiến chất lượng giáo dục năm học ${d.assessment.schoolYear}`, { bold: true, size: SIZE.body });
  kit.p('');

  kit.h(2, 'I. THÔNG TIN CHUNG');
  kit.p(['1. Tên cơ sở giáo dục: ', schoolName(kit, d), '.']);
  kit.p(`2. Năm học: ${d.assessment.schoolYear}.`);
  const unassessed = d.criteria.filter((c) => !c.assessed).length;
  kit.p([
    `3. Kết quả tự đánh giá năm học ${d.assessment.schoolYear}: `,
    d.school_level.level > 0 ? `đạt ${d.school_level.label}` : 'chưa đạt Mức 1',
    ` (${d.criteria.filter((c) => c.level >= 2).length} tiêu chí đạt Mức 2, ${d.criteria.filter((c) => c.level === 1).length} tiêu chí đạt Mức 1, ${d.criteria.filter((c) => c.assessed && c.level === 0).length} tiêu chí không đạt)`,
    ...(unassessed > 0
      ? [
          ' ',
          kit.gap({
            key: 'level.unassessed',
            message: `còn ${unassessed} tiêu chí chưa được đánh giá`,
            fix: { screen: 'criterion' },
          }),
        ]
      : []),
    '.',
  ]);

  kit.h(2, 'II. CĂN CỨ XÂY DỰNG KẾ HOẠCH');
  kit.p(
    `- Căn cứ Thông tư số ${d.fw.source.number} ${adminDate(d.fw.source.signedDate)} của Bộ trưởng Bộ Giáo dục và Đào tạo ${lowerFirst(d.fw.source.title)};`,
  );
  kit.p(`- Căn cứ kết quả tự đánh giá năm học ${d.assessment.schoolYear} của nhà trường;`);
  kit.p('- Căn cứ kế hoạch năm học, kế hoạch phát triển và điều kiện thực tế của nhà trường.');

  kit.h(2, 'III. MỤC ĐÍCH, YÊU CẦU');
  kit.p('1. Mục đích', { bold: true, indent: false, keepNext: true });
  kit.p('a) Xác định các vấn đề trọng tâm cần cải tiến trên cơ sở kết quả tự đánh giá;');
  kit.p('b) Tổ chức thực hiện các giải pháp nhằm nâng cao chất lượng giáo dục;');
  kit.p('c) Tăng cường hiệu quả quản trị, sử dụng nguồn lực và trách nhiệm giải trình của cơ sở giáo dục.');
  kit.p('2. Yêu cầu', { bold: true, indent: false, keepNext: true });
  kit.p('a) Bảo đảm tính trọng tâm, khả thi, hiệu quả, phù hợp với điều kiện thực tế;');
  kit.p('b) Không xây dựng kế hoạch cải tiến đối với toàn bộ tiêu chí mà tập trung vào các vấn đề ưu tiên;');
  kit.p('c) Xác định rõ: nội dung, mục tiêu, biện pháp, thời gian, nguồn lực, trách nhiệm và kết quả;');
  kit.p('d) Gắn với kế hoạch năm học và kế hoạch phát triển của cơ sở giáo dục;');
  kit.p('đ) Có cơ chế theo dõi, đánh giá và điều chỉnh trong quá trình thực hiện.');

  kit.h(2, 'IV. TÓM TẮT CÁC VẤN ĐỀ TRỌNG TÂM CẦN CẢI TIẾN');
  if (plan.issues.length === 0) {
    kit.p([kit.gap({ key: 'improvement.issues', message: 'các vấn đề trọng tâm cần cải tiến', fix: { screen: 'improvement' } })]);
  } else {
    kit.table({
      widths: [6, 12, 14, 24, 22, 22],
      head: [
        ['TT', 'Tiêu chuẩn', 'Tiêu chí liên quan (nếu có)', 'Đánh giá hiện trạng', 'Điểm hạn chế', 'Nguyên nhân của hạn chế'],
      ],
      align: ['center', 'center', 'center', 'left', 'left', 'left'],
      body: plan.issues.map((i, n) => [
        String(n + 1),
        `Tiêu chuẩn ${i.standardCode}`,
        i.criterionCodes.join(', '),
        i.currentState,
        present(i.weakness)
          ? i.weakness
          : {
              content: [
                kit.cellGap({
                  key: `improvement.issue.${i.id}.weakness`,
                  message: `điểm hạn chế của vấn đề số ${n + 1}`,
                  fix: { screen: 'improvement' },
                }),
              ],
            },
        present(i.cause)
          ? i.cause
          : {
              content: [
                kit.cellGap({
                  key: `improvement.issue.${i.id}.cause`,
                  message: `nguyên nhân của vấn đề số ${n + 1}`,
                  severity: 'optional',
                  fix: { screen: 'improvement' },
                }),
              ],
            },
      ]),
      size: SIZE.small,
    });
  }
  kit.p('Lưu ý: Chỉ lựa chọn các vấn đề trọng tâm, có tác động trực tiếp đến chất lượng giáo dục để đưa vào kế hoạch cải tiến.', {
    italics: true,
    size: SIZE.small,
  });

  kit.section({ numbering: 'continue', orientation: 'landscape' });
  kit.h(2, 'V. KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG');
  const head: Cell[][] = [
    [
      'TT',
      'Nội dung cải tiến',
      'Mục tiêu cải tiến',
      'Hoạt động/giải pháp',
      'Chỉ số đánh giá kết quả',
      'Thời gian thực hiện',
      'Đơn vị/cá nhân phụ trách',
      'Nguồn lực bảo đảm',
      'Thông tin, dữ liệu hoặc minh chứng dự kiến',
      'Mức độ thực hiện',
    ],
    ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)'],
  ];
  if (plan.items.length === 0) {
    kit.p([kit.gap({ key: 'improvement.items', message: 'các nội dung của kế hoạch cải tiến', fix: { screen: 'improvement' } })]);
  } else {
    const need = (v: string, id: string, field: string, label: string, n: number): Cell =>
      present(v)
        ? v
        : {
            content: [
              kit.cellGap({
                key: `improvement.item.${id}.${field}`,
                message: `${label} của nội dung số ${n}`,
                fix: { screen: 'improvement' },
              }),
            ],
          };
    kit.table({
      widths: [4, 12, 12, 14, 11, 9, 10, 9, 11, 8],
      head,
      align: ['center', 'left', 'left', 'left', 'left', 'center', 'left', 'left', 'left', 'center'],
      body: plan.items.map((it, i) => {
        const n = i + 1;
        const when = present(it.timeframe)
          ? it.timeframe
          : [it.startDate ? shortDate(it.startDate) : '', it.dueDate ? shortDate(it.dueDate) : ''].filter(Boolean).join(' – ');
        const progress = IMPROVEMENT_PROGRESS_LABELS[it.progress as ImprovementProgress] ?? it.progress;
        return [
          String(n),
          need(it.content, it.id, 'content', 'nội dung cải tiến', n),
          need(it.goal, it.id, 'goal', 'mục tiêu cải tiến', n),
          need(it.actions, it.id, 'actions', 'hoạt động/giải pháp', n),
          need(it.indicator, it.id, 'indicator', 'chỉ số đánh giá kết quả', n),
          need(when, it.id, 'timeframe', 'thời gian thực hiện', n),
          need(it.owner, it.id, 'owner', 'đơn vị/cá nhân phụ trách', n),
          need(it.resources, it.id, 'resources', 'nguồn lực bảo đảm', n),
          need(
            [it.expectedEvidence, ...it.evidence.map((e) => e.code ?? '').filter(Boolean)].filter((x) => x.trim()).join('; '),
            it.id,
            'expectedEvidence',
            'minh chứng dự kiến',
            n,
          ),
          present(it.progressNote) ? `${progress}\n${it.progressNote}` : progress,
        ];
      }),
      size: SIZE.tiny,
    });
  }

  kit.h(2, 'VI. THEO DÕI VÀ ĐÁNH GIÁ THỰC HIỆN (GIÁM SÁT NỘI BỘ)');
  const itemNo = new Map(plan.items.map((it, i) => [it.id, i + 1]));
  const monitoring: Cell[][] = [];
  for (const [cp, label] of CHECKPOINTS) {
    const rows = plan.monitoring.filter((m) => m.checkpoint === cp);
    if (rows.length === 0) {
      // Not a gap: the plan is written before the checkpoints; the council fills these in.
      monitoring.push([{ content: label, bold: true }, '', '', '', '']);
      continue;
    }
    rows.forEach((m, i) =>
      monitoring.push([
        i === 0 ? { content: label, bold: true } : '',
        `${m.itemId && itemNo.has(m.itemId) ? `Nội dung số ${itemNo.get(m.itemId)}: ` : ''}${m.content}`,
        m.result,
        m.adjustment,
        [m.reviewer, m.reviewedOn ? shortDate(m.reviewedOn) : ''].filter(Boolean).join(', '),
      ]),
    );
  }
  kit.table({
    widths: [14, 28, 26, 18, 14],
    head: [['Thời điểm', 'Nội dung theo dõi', 'Kết quả thực hiện', 'Điều chỉnh (nếu có)', 'Người đánh giá']],
    body: monitoring,
    size: SIZE.small,
  });

  kit.section({ numbering: 'continue' });
  kit.h(2, 'VII. TỔ CHỨC THỰC HIỆN');
  kit.p(
    '1. Người đứng đầu cơ sở giáo dục: chỉ đạo, phân công nhiệm vụ, bảo đảm nguồn lực thực hiện kế hoạch; chịu trách nhiệm về kết quả cải tiến chất lượng giáo dục của nhà trường.',
  );
  kit.p(
    '2. Hội đồng tự đánh giá: theo dõi, đánh giá việc thực hiện kế hoạch cải tiến; tổng hợp kết quả để cập nhật báo cáo tự đánh giá.',
  );
  kit.p(
    '3. Các tổ chuyên môn và bộ phận liên quan: thực hiện các nội dung được phân công tại mục V; báo cáo kết quả, minh chứng theo thời điểm theo dõi tại mục VI.',
  );
  kit.h(2, 'VIII. CƠ CHẾ ĐÁNH GIÁ VÀ BÁO CÁO');
  kit.p('a) Thực hiện rà soát, đánh giá tối thiểu 02 lần trong năm học;');
  kit.p(
    'b) Kết quả thực hiện kế hoạch cải tiến là cơ sở để cập nhật báo cáo tự đánh giá và xây dựng kế hoạch cải tiến của năm học tiếp theo;',
  );
  kit.p('c) Bảo đảm công khai, minh bạch và phục vụ trách nhiệm giải trình của cơ sở giáo dục./.');
  kit.signature({
    title: 'HIỆU TRƯỞNG',
    name: principal(kit, d),
    recipients: [
      'Sở Giáo dục và Đào tạo (để b/c)',
      'Hội đồng tự đánh giá (để th/h)',
      'Các tổ chuyên môn, bộ phận (để th/h)',
      'Lưu: VT.',
    ],
  });
  return kit;
}

function lowerFirst(s: string): string {
  return s ? s[0]!.toLowerCase() + s.slice(1) : s;
}
