import { describe, expect, it } from 'vitest';
import { carriesImprovementItem, carryDates, carryRequirement, planCarryOver } from './carry-over';
import { dateInSchoolYear, dayBefore, parseSchoolYear, schoolYearStartDate, shiftDate, shiftSchoolYear } from './school-year';

describe('school years', () => {
  it('parses and shifts "2026-2027"', () => {
    expect(parseSchoolYear('2026-2027')).toBe(2026);
    expect(parseSchoolYear('2026-2028')).toBeNull();
    expect(parseSchoolYear('26-27')).toBeNull();
    expect(shiftSchoolYear('2026-2027', -2)).toBe('2024-2025');
    expect(schoolYearStartDate('2026-2027')).toBe('2026-09-01');
    expect(dateInSchoolYear('2026-2027', 9, 5)).toBe('2026-09-05');
    expect(dateInSchoolYear('2026-2027', 6, 15)).toBe('2027-06-15');
    expect(dayBefore('2027-03-01')).toBe('2027-02-28');
    expect(shiftDate('2028-02-29', 1)).toBe('2029-02-28');
    expect(shiftDate(null, 1)).toBeNull();
  });
});

describe('carry-over rules', () => {
  const prev = { schoolYear: '2026-2027', frameworkId: 'tt57-2026-pl2-pho-thong', educationLevel: 'thcs' };

  it('copies requirement texts only within the same framework, from an earlier year of the same level', () => {
    expect(planCarryOver(prev, { ...prev, schoolYear: '2027-2028' })).toEqual({
      copyRequirements: true,
      yearShift: 1,
      note: null,
    });
    const across = planCarryOver(
      { ...prev, schoolYear: '2025-2026', frameworkId: 'tt18-2018-thcs-thpt' },
      { ...prev, schoolYear: '2027-2028' },
    );
    expect(across).toMatchObject({ copyRequirements: false, yearShift: 2 });
    expect(across.note).toContain('khung đánh giá khác nhau');
    expect(() => planCarryOver(prev, { ...prev, schoolYear: '2025-2026' })).toThrow(
      'Chỉ kế thừa được từ năm học trước 2025-2026',
    );
    expect(() => planCarryOver(prev, { ...prev, schoolYear: '2027-2028', educationLevel: 'thpt' })).toThrow('cùng cấp học');
  });

  it('marks what it copies and moves dates by the years between', () => {
    expect(carryRequirement({ description: 'Hiện trạng.', judgment: 'met' })).toEqual({
      description: 'Hiện trạng.',
      judgment: 'met',
      carriedOver: true,
    });
    expect(carryDates({ title: 'x', startDate: '2026-10-01', dueDate: null }, 1)).toEqual({
      title: 'x',
      startDate: '2027-10-01',
      dueDate: null,
    });
    expect(['not_started', 'in_progress', 'done', 'not_done'].filter((p) => carriesImprovementItem(p as 'done'))).toEqual([
      'not_started',
      'in_progress',
      'not_done',
    ]);
  });
});
