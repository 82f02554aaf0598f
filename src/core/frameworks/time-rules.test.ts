import { describe, expect, it } from 'vitest';
import qdData from '../../../resources/frameworks/qd4725-2022-cds.json';
import tt18Data from '../../../resources/frameworks/tt18-2018-thcs-thpt.json';
import tt57Data from '../../../resources/frameworks/tt57-2026-pl2-pho-thong.json';
import {
  addMonths,
  addYears,
  calendarForSchoolYear,
  certificateExpiry,
  earliestNextDegreeDate,
  renewalDeadline,
  schoolYearStart,
  upcomingDeadlines,
} from './time-rules';
import { parseFramework } from './validate';

const tt57 = parseFramework('tt57-2026-pl2-pho-thong.json', tt57Data).timeRules;
const tt18 = parseFramework('tt18-2018-thcs-thpt.json', tt18Data).timeRules;
const qd = parseFramework('qd4725-2022-cds.json', qdData).timeRules;

describe('time rules as data', () => {
  it('validity 5 years, wait before the next degree, yearly calendar', () => {
    expect(tt57.validityYears).toBe(5);
    expect(tt57.waitBeforeNextDegreeYears).toBe(2);
    expect(tt57.calendar).toEqual([expect.objectContaining({ key: 'report-approved', month: 6, day: 15 })]);
    expect(tt18.validityYears).toBe(5);
    expect(tt18.waitBeforeNextDegreeYears).toBe(1);
    expect(qd.calendar.map((c) => [c.key, c.month, c.day])).toEqual([
      ['self-assessment-submitted', 5, 31],
      ['authority-published', 6, 20],
    ]);
  });

  const dates: { name: string; run: () => string | null; expected: string | null }[] = [
    { name: 'addMonths crosses years', run: () => addMonths('2026-11-30', 3), expected: '2027-02-28' },
    { name: 'addMonths backwards', run: () => addMonths('2031-07-10', -5), expected: '2031-02-10' },
    { name: 'addYears from 29/02 clamps', run: () => addYears('2028-02-29', 1), expected: '2029-02-28' },
    { name: 'certificate valid 5 years (TT 57)', run: () => certificateExpiry(tt57, '2026-09-15'), expected: '2031-09-15' },
    { name: 'Mức độ 2 after 2 years (TT 57)', run: () => earliestNextDegreeDate(tt57, '2026-09-15'), expected: '2028-09-15' },
    {
      name: 'legacy: higher level after 1 year (TT 22/2024)',
      run: () => earliestNextDegreeDate(tt18, '2024-03-01'),
      expected: '2025-03-01',
    },
    { name: 'legacy: register 5 months before expiry', run: () => renewalDeadline(tt18, '2027-10-31'), expected: '2027-05-31' },
    { name: 'no validity for the points index', run: () => certificateExpiry(qd, '2026-01-01'), expected: null },
    { name: 'TT 57 has no renewal rule found', run: () => renewalDeadline(tt57, '2031-01-01'), expected: null },
  ];
  it.each(dates)('$name', ({ run, expected }) => {
    expect(run()).toBe(expected);
  });

  it('school years start in September', () => {
    expect(schoolYearStart('2026-09-01')).toBe(2026);
    expect(schoolYearStart('2027-06-15')).toBe(2026);
    expect(schoolYearStart('2026-08-31')).toBe(2025);
  });

  it('calendar dates of a school year', () => {
    expect(calendarForSchoolYear(tt57, '2026-2027').map((c) => c.date)).toEqual(['2027-06-15']);
    expect(calendarForSchoolYear(qd, 2026).map((c) => c.date)).toEqual(['2027-05-31', '2027-06-20']);
  });

  it('upcoming deadlines skip past ones', () => {
    expect(upcomingDeadlines(qd, '2027-06-01').map((c) => c.date)).toEqual(['2027-06-20', '2028-05-31', '2028-06-20']);
  });

  it('rejects malformed dates', () => {
    expect(() => addYears('15/6/2026', 1)).toThrow(/YYYY-MM-DD/);
  });
});
