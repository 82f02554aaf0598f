import '../../test/dom-env';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { TeamProposed } from '../../../contract/schemas/review';
import { renderApp } from '../../test/render-app';
import { reviewBridge, SUB } from './test-support';

afterEach(cleanup);
configure({ asyncUtilTimeout: 8000 });

/** What the backend's engine gives the sample team: 1.1 Mức 2 split 1–1 (a tie), so Mức 1. */
function proposal(): TeamProposed {
  return {
    frameworkId: 'tt57-2026-pl2-pho-thong',
    rule: 'Mỗi yêu cầu: theo đánh giá của trưởng đoàn nếu trưởng đoàn đã đánh giá; nếu không, theo đa số.',
    school: {
      level: 1,
      label: 'Mức 1',
      explanation: 'Theo đánh giá của đoàn: Kết quả: đạt Mức 1. Ngang phiếu, tính là chưa đạt: 1.1 (Mức 2: a).',
    },
    criteria: [
      {
        criterionCode: '1.1',
        mandatory: false,
        level: 1,
        levelLabel: 'Mức 1',
        assessed: true,
        ties: ['2.a'],
        explanation: 'Đạt Mức 1. Mức 2: Mức 2: a chưa đạt (ngang phiếu 1–1, tính là chưa đạt).',
      },
    ],
    requirements: [
      { criterionCode: '1.1', level: 1, requirementCode: 'a', judgment: 'met', basis: 'majority' },
      { criterionCode: '1.1', level: 2, requirementCode: 'a', judgment: 'not_met', basis: 'tie' },
    ],
  };
}

const callsOf = (bridge: ReturnType<typeof reviewBridge>, method: string) => bridge.calls.filter((c) => c.method === method);

describe('Đoàn thẩm định — mức đề xuất', () => {
  it('shows the suggested level next to the verdicts and prefills the conclusion with it', async () => {
    const bridge = reviewBridge().department('inspector').downloaded();
    bridge.team.proposed = proposal();
    bridge.dossier.schoolLevel = 2; // the school's own level differs: the form must take the team's.
    renderApp(bridge, `/review/dossiers/${SUB}/team`);
    const team = await screen.findByTestId('rv-team');

    const school = await within(team).findByTestId('rv-proposed-school');
    expect(school.textContent).toContain('Mức đề xuất theo đánh giá của đoàn: Mức 1');
    expect(within(school).getByTestId('rv-proposed-explanation').textContent).toContain('Ngang phiếu, tính là chưa đạt');

    const row = within(team).getByTestId('rv-team-row-1.1');
    const suggested = within(row).getByTestId('rv-proposed-1.1');
    expect(suggested.textContent).toContain('Mức 1');
    expect(suggested.textContent).toContain('Ngang phiếu');
    // The members' own verdicts stay beside it.
    expect(within(row).getByText('Mức 2')).toBeTruthy();
    const tie = within(within(team).getByTestId('rv-team-row-1.1/2.a')).getByTestId('rv-proposed-1.1/2.a');
    expect(tie.textContent).toContain('Chưa đạt');
    expect(tie.textContent).toContain('ngang phiếu, tính chưa đạt');
    expect(within(within(team).getByTestId('rv-team-row-1.1/1.a')).getByTestId('rv-proposed-1.1/1.a').textContent).toContain(
      'theo đa số',
    );

    expect(within(team).getByTestId('rv-conclusion-proposed').textContent).toBe('Đề xuất theo đánh giá của đoàn: Mức 1');
    fireEvent.change(within(team).getByTestId('rv-conclusion-text'), { target: { value: 'Trường đạt Mức 1.' } });
    fireEvent.click(within(team).getByTestId('rv-conclude'));
    await waitFor(() => expect(callsOf(bridge, 'review.conclude')).toHaveLength(1));
    expect(callsOf(bridge, 'review.conclude')[0]!.params).toMatchObject({ level: 1, conclusion: 'Trường đạt Mức 1.' });
  });

  it('says so when there is no suggestion, and writes each document from the dossier screen', async () => {
    const bridge = reviewBridge().department('dept_admin').downloaded();
    bridge.team.proposed = null;
    renderApp(bridge, `/review/dossiers/${SUB}/team`);
    expect(await screen.findByTestId('rv-proposed-none')).toBeTruthy();

    const docs = screen.getByTestId('rv-documents');
    // Not a TT 57 dossier with its Điều 16 conditions here: no appraisal summary button.
    expect(within(docs).queryByTestId('rv-doc-appraisal-summary')).toBeNull();
    fireEvent.click(within(docs).getByTestId('rv-doc-member-sheets'));
    await waitFor(() => expect(callsOf(bridge, 'review.report')).toHaveLength(1));
    expect(callsOf(bridge, 'review.report')[0]!.params).toEqual({ submissionId: SUB, kind: 'member-sheets' });
    const saved = await within(docs).findByTestId('rv-report-path');
    expect(saved.textContent).toContain('/data/review/reports/member-sheets.docx');
    expect(saved.textContent).toContain('Còn 1 chỗ thiếu dữ liệu');
  });
});
