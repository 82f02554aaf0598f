import '../../test/dom-env';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../test/render-app';
import { fixPath, groupGaps, outlineTree } from './kinds';
import { ASSESSMENT_ID, GAPS, reportsBridge } from './test-support';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
// Two cores shared with other work: the first render of the shell can take a few seconds.
configure({ asyncUtilTimeout: 8000 });

describe('report helpers', () => {
  it('nests the outline by level and groups gaps by section', () => {
    const tree = outlineTree([
      { level: 1, text: 'A' },
      { level: 2, text: 'A.1' },
      { level: 3, text: 'A.1.a' },
      { level: 2, text: 'A.2' },
      { level: 1, text: 'B' },
    ]);
    expect(tree.map((n) => n.title)).toEqual(['A', 'B']);
    expect(tree[0]!.children.map((n) => n.title)).toEqual(['A.1', 'A.2']);
    expect(tree[0]!.children[0]!.children[0]!.title).toBe('A.1.a');
    expect(groupGaps(GAPS).map((g) => g.section)).toEqual([
      'Tiêu chí 1.1',
      'Phần III. Kết luận chung',
      'Phần I. Thông tin chung',
    ]);
    expect(fixPath({ screen: 'criterion', criterionCode: '2.3' }, 'x')).toBe('/self-assessment/x/criteria/2.3');
    expect(fixPath({ screen: 'schoolData' }, 'x')).toBe('/self-assessment/x/data');
    expect(fixPath({ screen: 'school' }, 'x')).toBe('/school');
  });
});

describe('Báo cáo', () => {
  it('previews the newest year: outline, gaps by section with severity and a fix link; legacy kinds greyed', async () => {
    const bridge = reportsBridge();
    renderApp(bridge, '/reports');
    const gaps = await screen.findByTestId('rp-gaps');
    await within(gaps).findByText('Chưa đánh giá Mức 1 của tiêu chí 1.1');
    // The newest school year is picked.
    expect(bridge.calls.find((c) => c.method === 'reports.preview')?.params).toMatchObject({
      assessmentId: ASSESSMENT_ID,
      kind: 'bieu1',
    });
    expect(within(gaps).getAllByTestId('rp-gap-section')).toHaveLength(3);
    const g1 = screen.getByTestId('rp-gap-criterion.1.1.judgment');
    expect(within(g1).getByText('bắt buộc')).toBeTruthy();
    expect(within(g1).getByTestId('rp-gap-fix').getAttribute('href')).toBe(`/self-assessment/${ASSESSMENT_ID}/criteria/1.1`);
    const g3 = screen.getByTestId('rp-gap-scale.staff');
    expect(within(g3).getByText('nên có')).toBeTruthy();
    expect(screen.getByTestId('rp-count-required').textContent).toBe('2 bắt buộc');
    expect(within(screen.getByTestId('rp-outline')).getByText('Tiêu chí 1.1')).toBeTruthy();
    // TT 57 year: the 2018 report is not offered, with the reason.
    expect(screen.getByTestId('rp-kind-legacy').getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByTestId('rp-kind-legacy-reason').textContent).toContain('TT 17/18/19/2018');
    // "Sửa" on a missing report text opens its group in "Nội dung báo cáo" and focuses the field.
    const conclusion = await screen.findByTestId('rp-text-conclusionOverall');
    expect(screen.getByText('Kết luận và kiến nghị').closest('[aria-expanded]')?.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(within(screen.getByTestId('rp-gap-texts.conclusionOverall')).getByTestId('rp-gap-fix'));
    await waitFor(() =>
      expect(screen.getByText('Kết luận và kiến nghị').closest('[aria-expanded]')?.getAttribute('aria-expanded')).toBe('true'),
    );
    await waitFor(() => expect(document.activeElement).toBe(conclusion));
    fireEvent.click(screen.getByTestId('rp-kind-legacy'));
    expect(screen.getByTestId('rp-kind-bieu1').getAttribute('aria-checked')).toBe('true');
  });

  it('disables the final version with the reasons and readiness counts', async () => {
    const bridge = reportsBridge();
    renderApp(bridge, '/reports');
    const reasons = await screen.findByTestId('rp-final-reasons');
    expect(reasons.textContent).toContain('Còn 2 lỗi chặn trong kiểm tra sẵn sàng');
    expect(reasons.textContent).toContain('Còn 2 chỗ thiếu bắt buộc');
    expect((screen.getByTestId('rp-build-final') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('rp-build-draft') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByTestId('rp-blockers').textContent).toBe('2 lỗi chặn');
    expect(screen.getByTestId('rp-warnings').textContent).toBe('1 cảnh báo');
  });

  it('enables the final version when allowed', async () => {
    const bridge = reportsBridge();
    bridge.finalAllowed = true;
    renderApp(bridge, '/reports');
    await screen.findByTestId('rp-readiness');
    await waitFor(() => expect((screen.getByTestId('rp-build-final') as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId('rp-final-reasons')).toBeNull();
  });

  it('builds a draft, shows the file, hash, preflight and gaps, lists it and downloads it', async () => {
    const created: Blob[] = [];
    const names: string[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => {
      created.push(b);
      return 'blob:fake';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const bridge = reportsBridge();
    renderApp(bridge, '/reports');
    fireEvent.click(await screen.findByTestId('rp-build-draft'));
    const result = await screen.findByTestId('rp-result');
    expect(bridge.calls.find((c) => c.method === 'reports.build')?.params).toMatchObject({ kind: 'bieu1', final: false });
    expect(within(result).getByTestId('rp-result-file').textContent).toBe('Bieu 1 - Bao cao tu danh gia (1).docx');
    expect(within(result).getByTestId('rp-result-size').textContent).toBe('47 KB');
    expect(within(result).getByTestId('rp-result-sha').textContent).toContain('abababababab');
    expect(within(result).getByTestId('rp-result-gaps').textContent).toBe('3');
    expect(within(result).getByText('Kiểm tra tệp: có lỗi')).toBeTruthy();
    expect(within(result).getByTestId('rp-check-toc').getAttribute('data-ok')).toBe('true');
    const bad = within(result).getByTestId('rp-check-levels');
    expect(bad.getAttribute('data-ok')).toBe('false');
    expect(bad.textContent).toContain('Tiêu chí 1.1: tệp ghi Mức 2, dữ liệu Mức 1');
    expect(within(result).getByText('Bản nháp')).toBeTruthy();

    // The history reloads with the new export.
    const history = screen.getByTestId('rp-history');
    await waitFor(() => expect(within(history).getAllByTestId('rp-history-download')).toHaveLength(1));
    expect(within(history).getByText('Biểu 1 — Báo cáo tự đánh giá')).toBeTruthy();

    fireEvent.click(within(result).getByTestId('rp-result-download'));
    await waitFor(() => expect(names).toEqual(['Bieu 1 - Bao cao tu danh gia (1).docx']));
    expect(bridge.calls.some((c) => c.method === 'reports.download')).toBe(true);
    expect(await created[0]!.text()).toBe('PK fake bieu1 1');
  });

  it('saves the report texts with the revision last read', async () => {
    const bridge = reportsBridge();
    renderApp(bridge, '/reports');
    const place = await screen.findByTestId('rp-text-place');
    fireEvent.change(place, { target: { value: 'Buôn Ma Thuột' } });
    fireEvent.click(screen.getByTestId('rp-texts-save'));
    await waitFor(() => expect(bridge.texts.get(ASSESSMENT_ID)?.place).toBe('Buôn Ma Thuột'));
    expect(bridge.calls.find((c) => c.method === 'reports.saveTexts')?.params).toMatchObject({
      assessmentId: ASSESSMENT_ID,
      expectedRev: 0,
      place: 'Buôn Ma Thuột',
      reportDate: null,
    });
    // The preview reloads after a save (the gaps may have changed).
    await waitFor(() => expect(bridge.calls.filter((c) => c.method === 'reports.preview').length).toBeGreaterThan(1));
    fireEvent.change(screen.getByTestId('rp-text-place'), { target: { value: 'Đắk Lắk' } });
    fireEvent.click(screen.getByTestId('rp-texts-save'));
    await waitFor(() => expect(bridge.texts.get(ASSESSMENT_ID)?.rev).toBe(2));
  });
});
