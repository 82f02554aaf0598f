import '../../test/dom-env';
import '../../i18n';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { LevelsFramework } from '../../../core/frameworks';
import { schoolLevel } from '../../../core/levels';
import { QD4725, TT18, TT57 } from '../../modules/frameworks/test-support';
import { LevelExplanation } from './LevelExplanation';
import { suggestChanges } from './WhatIfPanel';

afterEach(cleanup);

const MANDATORY = ['1.3', '1.4', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2'];
const OTHERS = ['1.1', '1.2', '2.3', '3.3', '3.4', '3.5', '4.3'];

/** Mandatory criteria at `m`, the seven others at the given levels. */
function levels(m: number, others: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  MANDATORY.forEach((c) => (out[c] = m));
  OTHERS.forEach((c, i) => (out[c] = others[i]!));
  return out;
}

describe('LevelExplanation (TT 57 PL II)', () => {
  it('4 of 7 non-mandatory criteria at Mức 1 → "Chưa đạt", with the quota blocker', () => {
    render(<LevelExplanation framework={TT57} criterionLevels={levels(1, [1, 1, 1, 1, 0, 0, 0])} />);
    expect(screen.getByTestId('level-result').textContent).toBe('Chưa đạt');
    const blockers = screen.getByTestId('level-blockers');
    expect(blockers.textContent).toContain('4/7 tiêu chí không bắt buộc đạt Mức 1, cần ít nhất 5 (thiếu 1).');
    expect(blockers.textContent).toContain('Có thể nâng: 3.4, 3.5, 4.3');
    expect(screen.getByText('Để đạt Mức 1:')).toBeTruthy();
  });

  it('5 of 7 → Mức 1, and names what Mức 2 needs, merging the mandatory criteria into one line', () => {
    render(<LevelExplanation framework={TT57} criterionLevels={levels(1, [1, 1, 1, 1, 1, 0, 0])} />);
    expect(screen.getByTestId('level-result').textContent).toBe('Mức 1');
    const items = within(screen.getByTestId('level-blockers'))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toContain('Tiêu chí 1.3, 1.4, 2.1, 2.2, 3.1, 3.2, 4.1, 4.2 (bắt buộc) cần Mức 2, hiện Mức 1');
    expect(items).toContain('Tiêu chí 3.5, 4.3 cần tối thiểu Mức 1, hiện Không đạt');
    expect(items.some((t) => t?.startsWith('0/7 tiêu chí không bắt buộc đạt Mức 2, cần ít nhất 5 (thiếu 5).'))).toBe(true);
  });

  it('a mandatory criterion below Mức 1 blocks everything, whatever the others', () => {
    render(<LevelExplanation framework={TT57} criterionLevels={{ ...levels(2, [2, 2, 2, 2, 2, 2, 2]), '3.2': 0 }} />);
    expect(screen.getByTestId('level-result').textContent).toBe('Chưa đạt');
    expect(screen.getByTestId('level-blockers').textContent).toBe('Tiêu chí 3.2 (bắt buộc) cần Mức 1, hiện Không đạt');
  });

  it('shows every criterion level in the grid, marks mandatory ones, and lists unassessed criteria', () => {
    const onClick = vi.fn();
    const partial = levels(1, [1, 1, 1, 1, 1, 0, 0]);
    delete partial['4.3'];
    render(<LevelExplanation framework={TT57} criterionLevels={partial} onCriterionClick={onClick} />);
    const grid = screen.getByTestId('level-grid');
    expect(within(grid).getByTestId('level-badge-2.1').getAttribute('aria-label')).toBe('Tiêu chí 2.1 (bắt buộc): Mức 1');
    expect(within(grid).getByTestId('level-badge-1.1').getAttribute('aria-label')).toBe('Tiêu chí 1.1: Mức 1');
    expect(within(grid).getByTestId('level-badge-4.3').getAttribute('aria-label')).toBe('Tiêu chí 4.3: chưa đánh giá');
    expect(within(grid).getByTestId('level-badge-3.5').textContent).toBe('3.5Không đạt');
    expect(screen.getByTestId('level-unassessed').textContent).toContain('1 tiêu chí chưa đánh giá (tính là chưa đạt): 4.3');
    fireEvent.click(within(grid).getByTestId('level-badge-3.4'));
    fireEvent.click(within(screen.getByTestId('level-unassessed')).getByTestId('blocker-code-4.3'));
    expect(onClick.mock.calls).toEqual([['3.4'], ['4.3']]);
  });

  it('what-if: the suggestion raises exactly the blocking criteria and reaches the next level', () => {
    render(<LevelExplanation framework={TT57} criterionLevels={levels(1, [1, 1, 1, 1, 0, 0, 0])} />);
    fireEvent.click(screen.getByTestId('whatif-suggest'));
    expect(screen.getByTestId('whatif-change-3.4').textContent).toContain('3.4: Không đạt → Mức 1');
    expect(screen.queryByTestId('whatif-change-3.5')).toBeNull();
    expect(screen.getByTestId('whatif-after').textContent).toBe('Mức 1');
    expect(screen.getByTestId('whatif-result').textContent).toContain('tăng 1 mức');
    // The current result itself does not change: it is only a hypothesis.
    expect(screen.getByTestId('level-result').textContent).toBe('Chưa đạt');
    fireEvent.click(screen.getByTestId('whatif-clear'));
    expect(screen.queryByTestId('whatif-result')).toBeNull();
  });

  it('what-if: picking a criterion and a level by hand', async () => {
    render(<LevelExplanation framework={TT57} criterionLevels={levels(1, [1, 1, 1, 1, 0, 0, 0])} />);
    const panel = screen.getByTestId('whatif');
    const [criterionBox, levelBox] = within(panel).getAllByRole('combobox');
    fireEvent.mouseDown(criterionBox!);
    fireEvent.click(await screen.findByTitle('Kết quả học tập, phát triển, rèn luyện và sự tiến bộ của học sinh'));
    fireEvent.mouseDown(levelBox!);
    const options = await screen.findAllByRole('option');
    // The level list opens second; pick its "Mức 1".
    fireEvent.click(within(document.body).getAllByTitle('Mức 1').at(-1)!);
    expect(options.length).toBeGreaterThan(0);
    fireEvent.click(screen.getByTestId('whatif-add'));
    await waitFor(() => expect(screen.getByTestId('whatif-after').textContent).toBe('Mức 1'));
    expect(screen.getByTestId('whatif-change-3.5').textContent).toContain('3.5: Không đạt → Mức 1');
  });

  it('suggestChanges only raises criteria', () => {
    const r = schoolLevel(TT57 as LevelsFramework, levels(1, [1, 1, 1, 1, 1, 0, 0]));
    const s = suggestChanges(r);
    for (const code of MANDATORY) expect(s[code]).toBe(2);
    expect(s['3.5']).toBe(1);
    expect(s['4.3']).toBe(1);
    expect(Object.values(s).filter((v) => v === 2)).toHaveLength(8 + 5);
  });
});

describe('LevelExplanation (other frameworks)', () => {
  it('legacy TT 18: every criterion at Mức 3 gives Mức 3, and the Mức 4 clauses block Mức 4', () => {
    const all3 = Object.fromEntries((TT18 as LevelsFramework).standards.flatMap((s) => s.criteria.map((c) => [c.code, 3])));
    render(<LevelExplanation framework={TT18} criterionLevels={all3} />);
    expect(screen.getByTestId('level-result').textContent).toBe('Mức 3');
    expect(screen.getByText('Để đạt Mức 4:')).toBeTruthy();
    expect(screen.getByTestId('level-blockers').textContent).toContain('Khoản 1 Điều 22 (Mức 4): chưa đánh giá');
  });

  it('a points framework says it has no criterion levels', () => {
    render(<LevelExplanation framework={QD4725} criterionLevels={{}} />);
    expect(screen.getByTestId('level-explanation').textContent).toContain('không xác định mức theo tiêu chí');
  });

  it('an impossible level is reported, not thrown', () => {
    render(<LevelExplanation framework={TT57} criterionLevels={{ '1.1': 7 }} />);
    expect(screen.getByTestId('level-explanation').textContent).toContain('mức phải là số nguyên từ 0 đến 2');
  });
});
