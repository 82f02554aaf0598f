import '../../test/dom-env';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../test/render-app';
import { currentSchoolYear } from './shared';
import { assessmentBridge, ASSESSMENT_ID } from './test-support';

afterEach(cleanup);
configure({ asyncUtilTimeout: 8000 });

describe('self-assessment list', () => {
  it('creates the year for the school level with the TT 57 annex by default, then opens its workspace', async () => {
    const bridge = assessmentBridge();
    bridge.hasAssessment = false;
    renderApp(bridge, '/self-assessment');
    expect((await screen.findByTestId('sa-list')).textContent).toContain('Chưa có đợt tự đánh giá nào.');

    fireEvent.click(screen.getByTestId('sa-create'));
    const dialog = await screen.findByRole('dialog', { name: 'Tạo đợt tự đánh giá' });
    await waitFor(() => expect(within(dialog).getByTestId('sa-create-framework').textContent).toContain('TT 57/2026'));
    expect(within(dialog).getByTestId('sa-create-level').textContent).toContain('THCS');
    // Nothing to carry over from: the option is off, with the reason.
    expect(dialog.textContent).toContain('Chưa có đợt năm học trước của cấp học này để kế thừa.');
    fireEvent.click(screen.getByTestId('sa-create-ok'));

    await waitFor(() => expect(bridge.calls.some((c) => c.method === 'assessment.create')).toBe(true));
    expect(bridge.calls.find((c) => c.method === 'assessment.create')?.params).toMatchObject({
      schoolYear: currentSchoolYear(),
      educationLevel: 'thcs',
      frameworkId: 'tt57-2026-pl2-pho-thong',
    });
    expect((await screen.findByTestId('sa-workspace')).getAttribute('data-assessment')).toBe(ASSESSMENT_ID);
    expect(screen.getByTestId('sa-title').textContent).toBe('Tự đánh giá năm học 2026-2027 — Trung học cơ sở');
  });
});
