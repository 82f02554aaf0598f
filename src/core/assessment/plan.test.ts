import { describe, expect, it } from 'vitest';
import { defaultPlanTasks, isOpenTask, isOverdue } from './plan';
import { tt18, tt57 } from './test-frameworks';

describe('default plan tasks', () => {
  it('TT 57: the yearly cycle, the approval task due the day before the 15/6 deadline', () => {
    const tasks = defaultPlanTasks(tt57, '2026-2027');
    expect(tasks).toHaveLength(8);
    expect(tasks.map((t) => t.startDate)).toEqual([...tasks.map((t) => t.startDate)].sort());
    expect(tasks.find((t) => t.calendarKey === 'report-approved')).toMatchObject({
      title: 'Phê duyệt báo cáo tự đánh giá',
      dueDate: '2027-06-14',
    });
    expect(tasks.every((t) => t.startDate <= t.dueDate)).toBe(true);
  });

  it('legacy: the seven steps of Điều 23', () => {
    const tasks = defaultPlanTasks(tt18, '2025-2026');
    expect(tasks.map((t) => t.title)).toHaveLength(7);
    expect(tasks[0]).toMatchObject({ title: 'Thành lập hội đồng tự đánh giá', startDate: '2025-09-05', calendarKey: null });
  });

  it('only open tasks can be overdue', () => {
    expect(isOverdue('2027-01-01', '2027-01-02', isOpenTask('todo'))).toBe(true);
    expect(isOverdue('2027-01-01', '2027-01-01', true)).toBe(false);
    expect(isOverdue('2027-01-01', '2027-02-01', isOpenTask('done'))).toBe(false);
    expect(isOverdue(null, '2027-02-01', true)).toBe(false);
  });
});
