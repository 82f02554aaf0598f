/**
 * The self-assessment plan (kế hoạch tự đánh giá): tasks with an owner, dates and a status,
 * beside the framework's calendar (TT 57: report approved before 15/6). Default tasks follow
 * the steps of the circulars (legacy Điều 23: seven steps; TT 57: the yearly cycle of Điều 9–10).
 */
import type { Framework } from '../frameworks/framework.schema';
import { calendarForSchoolYear } from '../frameworks/time-rules';
import { dateInSchoolYear, dayBefore } from './school-year';

export const PLAN_TASK_STATUSES = ['todo', 'in_progress', 'done', 'cancelled'] as const;
export type PlanTaskStatus = (typeof PLAN_TASK_STATUSES)[number];

export const PLAN_TASK_STATUS_LABELS: Readonly<Record<PlanTaskStatus, string>> = {
  todo: 'Chưa làm',
  in_progress: 'Đang làm',
  done: 'Đã xong',
  cancelled: 'Hủy',
};

/** Open = still to do; only open tasks can be overdue. */
export function isOpenTask(status: PlanTaskStatus): boolean {
  return status === 'todo' || status === 'in_progress';
}

export function isOverdue(dueDate: string | null, today: string, open: boolean): boolean {
  return open && dueDate !== null && dueDate < today;
}

interface DefaultTask {
  title: string;
  details: string;
  start: [number, number];
  due: [number, number];
  /** The framework calendar entry whose date is this task's deadline. */
  calendarKey?: string;
}

const TT57_TASKS: readonly DefaultTask[] = [
  {
    title: 'Thành lập hội đồng tự đánh giá',
    details: 'Hiệu trưởng ra quyết định thành lập hội đồng; hội đồng phân công nhiệm vụ cụ thể cho từng thành viên.',
    start: [9, 5],
    due: [9, 30],
  },
  {
    title: 'Xây dựng kế hoạch tự đánh giá, phân công tiêu chí',
    details: 'Xác định nhiệm vụ, thời hạn, người phụ trách từng tiêu chí và nguồn lực.',
    start: [10, 1],
    due: [10, 15],
  },
  {
    title: 'Thu thập, xử lý và phân tích minh chứng',
    details: 'Rà soát minh chứng năm trước, bổ sung minh chứng mới, mã hóa theo Phụ lục IV.',
    start: [10, 15],
    due: [3, 31],
  },
  {
    title: 'Theo dõi thực hiện kế hoạch cải tiến cuối học kỳ I',
    details: 'Hội đồng rà soát, đánh giá việc thực hiện kế hoạch cải tiến (lần 1).',
    start: [1, 5],
    due: [1, 20],
  },
  {
    title: 'Mô tả hiện trạng và đánh giá mức đạt từng tiêu chí',
    details: 'Viết hiện trạng từng yêu cầu, trích dẫn minh chứng, tự đánh giá Đạt/Không đạt.',
    start: [2, 1],
    due: [4, 30],
  },
  {
    title: 'Viết và rà soát báo cáo tự đánh giá',
    details: 'Tổng hợp điểm mạnh, hạn chế, định hướng cải tiến theo từng tiêu chuẩn; rà soát chéo.',
    start: [5, 1],
    due: [5, 31],
  },
  {
    title: 'Phê duyệt báo cáo tự đánh giá',
    details: 'Chủ tịch hội đồng duyệt các tiêu chí; Hiệu trưởng phê duyệt báo cáo.',
    start: [6, 1],
    due: [6, 14],
    calendarKey: 'report-approved',
  },
  {
    title: 'Xây dựng kế hoạch cải tiến năm học tiếp theo và theo dõi cuối năm',
    details: 'Lập Biểu 2 từ các vấn đề trọng tâm; đánh giá việc thực hiện kế hoạch cải tiến (lần 2).',
    start: [6, 15],
    due: [6, 30],
  },
];

const LEGACY_TASKS: readonly DefaultTask[] = [
  {
    title: 'Thành lập hội đồng tự đánh giá',
    details: 'Quyết định thành lập hội đồng, nhóm thư ký và nhóm công tác.',
    start: [9, 5],
    due: [9, 30],
  },
  {
    title: 'Lập kế hoạch tự đánh giá',
    details: 'Kế hoạch tự đánh giá (mục I–IX theo Công văn 5932).',
    start: [10, 1],
    due: [10, 15],
  },
  { title: 'Thu thập, xử lý và phân tích minh chứng', details: 'Mã hóa minh chứng [Hn-a.bc-de].', start: [10, 15], due: [1, 31] },
  { title: 'Đánh giá mức đạt được theo từng tiêu chí', details: 'Phiếu đánh giá tiêu chí.', start: [2, 1], due: [3, 31] },
  { title: 'Viết báo cáo tự đánh giá', details: '', start: [4, 1], due: [4, 30] },
  { title: 'Công bố báo cáo tự đánh giá', details: '', start: [5, 1], due: [5, 15] },
  {
    title: 'Triển khai các hoạt động sau khi hoàn thành báo cáo',
    details: 'Thực hiện kế hoạch cải tiến, lưu trữ hồ sơ.',
    start: [5, 15],
    due: [6, 30],
  },
];

export interface DefaultPlanTask {
  title: string;
  details: string;
  startDate: string;
  dueDate: string;
  calendarKey: string | null;
}

/** Default tasks for a school year; a task tied to a calendar deadline is due the day before it. */
export function defaultPlanTasks(fw: Framework, schoolYear: string): DefaultPlanTask[] {
  const calendar = calendarForSchoolYear(fw.timeRules, schoolYear);
  const tasks = fw.family === 'legacy2018' ? LEGACY_TASKS : TT57_TASKS;
  return tasks.map((t) => {
    const entry = t.calendarKey ? calendar.find((c) => c.key === t.calendarKey) : undefined;
    return {
      title: t.title,
      details: t.details,
      startDate: dateInSchoolYear(schoolYear, ...t.start),
      dueDate: entry ? (entry.deadline ? dayBefore(entry.date) : entry.date) : dateInSchoolYear(schoolYear, ...t.due),
      calendarKey: entry ? entry.key : null,
    };
  });
}
