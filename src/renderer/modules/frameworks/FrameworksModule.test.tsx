import '../../test/dom-env';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../test/render-app';
import { frameworksBridge } from './test-support';

// The first screen of a file pays for antd's styles on a busy two-core box: be patient.
configure({ asyncUtilTimeout: 5000 });

// Dates decide "Đang hiệu lực" / "Hết hiệu lực": fix today, but leave timers real.
beforeAll(async () => {
  // The module is loaded lazily in the app; load it once here so no test waits on the transform.
  await import('./FrameworksRoutes');
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-28T09:00:00+07:00'));
});
afterAll(() => vi.useRealTimers());
afterEach(cleanup);

const TT57_ID = 'tt57-2026-pl2-pho-thong';

const tree = () => screen.getByTestId('fw-tree');
const searchFor = (text: string) => fireEvent.change(screen.getByTestId('fw-search'), { target: { value: text } });

describe('framework list', () => {
  it('shows each framework with its number, dates, status, provenance grade and completeness', async () => {
    renderApp(frameworksBridge(), '/frameworks');
    const tt57 = await screen.findByTestId(`fw-card-${TT57_ID}`);
    expect(within(tt57).getByTestId('fw-card-title').textContent).toBe('TT 57/2026 — PL II Phổ thông');
    expect(within(tt57).getByTestId('fw-card-number').textContent).toBe('57/2026/TT-BGDĐT');
    expect(within(tt57).getByTestId('fw-card-dates').textContent).toBe('từ 07/07/2026');
    expect(within(tt57).getByTestId('fw-card-status').textContent).toBe('Đang hiệu lực');
    expect(tt57.textContent).toContain('Tiểu học');
    expect(tt57.textContent).toContain('THPT');
    expect((await within(tt57).findByTestId('fw-card-grade')).textContent).toBe('Văn bản thứ cấp');
    expect(tt57.textContent).toContain('4 tiêu chuẩn, 15 tiêu chí (8 bắt buộc)');

    const tt18 = screen.getByTestId('fw-card-tt18-2018-thcs-thpt');
    expect(within(tt18).getByTestId('fw-card-status').textContent).toBe('Hết hiệu lực');
    expect(within(tt18).getByTestId('fw-card-dates').textContent).toBe('10/10/2018 – 06/07/2026');
    expect(within(screen.getByTestId('fw-group-expired')).getByTestId('fw-card-tt18-2018-thcs-thpt')).toBeTruthy();

    const qd = screen.getByTestId('fw-card-qd4725-2022-cds');
    expect((await within(qd).findByTestId('fw-card-incomplete')).textContent).toBe('Chưa đầy đủ');
    expect(qd.textContent).toContain('Chấm điểm theo chỉ số');
  });

  it('opens a framework from its card', async () => {
    renderApp(frameworksBridge(), '/frameworks');
    fireEvent.click(await screen.findByTestId(`fw-open-${TT57_ID}`));
    expect((await screen.findByTestId('fw-title')).textContent).toBe('TT 57/2026 — PL II Phổ thông');
    expect(screen.getByTestId('fw-overview')).toBeTruthy();
    expect(screen.getByTestId('fw-level-rule').textContent).toContain('có ít nhất 05 trong 07 tiêu chí còn lại');
  });
});

describe('framework browser (TT 57 PL II, from the real data file)', () => {
  it('renders the tree of standards and criteria with the mandatory marks', async () => {
    renderApp(frameworksBridge(), `/frameworks/${TT57_ID}`);
    await screen.findByTestId('fw-tree');
    for (const s of ['1', '2', '3', '4']) expect(within(tree()).getByTestId(`fw-node-s${s}`)).toBeTruthy();
    const criteria = within(tree())
      .getAllByTestId(/^fw-node-\d+\.\d+$/)
      .map((n) => n.dataset['testid']!.slice(8));
    expect(criteria).toHaveLength(15);
    const mandatory = within(tree())
      .getAllByTestId(/^fw-mandatory-/)
      .map((n) => n.dataset['testid']!.slice(13));
    expect(mandatory).toEqual(['1.3', '1.4', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2']);
    expect(within(tree()).getByTestId('fw-mandatory-4.2').textContent).toBe('Bắt buộc');
    expect(within(tree()).getByTestId('fw-node-4.2').textContent).toContain('Môi trường giáo dục an toàn');
  });

  it('search without accents filters the tree and highlights the accented matches', async () => {
    renderApp(frameworksBridge(), `/frameworks/${TT57_ID}`);
    await screen.findByTestId('fw-tree');
    searchFor('an toan');
    await waitFor(() => expect(within(tree()).queryByTestId('fw-node-1.1')).toBeNull());
    const node = within(tree()).getByTestId('fw-node-4.2');
    expect([...node.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['an toàn']);
    expect([...within(tree()).getByTestId('fw-node-s4').querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['an toàn']);
    expect(
      within(tree())
        .getAllByTestId(/^fw-node-\d+\.\d+$/)
        .map((n) => n.dataset['testid']),
    ).toEqual(['fw-node-4.1', 'fw-node-4.2', 'fw-node-4.3']);
    expect(screen.getByTestId('fw-search-count').textContent).toBe('1 tiêu chí khớp');
    // Searching the texts too brings in the criteria whose requirements mention it, marked as such.
    fireEvent.click(screen.getByTestId('fw-search-content'));
    expect(await within(tree()).findByTestId('fw-node-content-hit-1.3')).toBeTruthy();
    expect(within(tree()).queryByTestId('fw-node-content-hit-4.2')).toBeNull();
    fireEvent.click(screen.getByTestId('fw-search-content'));

    searchFor('zzz khong co');
    expect(await screen.findByText('Không có nội dung nào khớp «zzz khong co»')).toBeTruthy();
    searchFor('');
    await waitFor(() => expect(within(tree()).getByTestId('fw-node-1.1')).toBeTruthy());
  });

  it('opens a criterion: every level in full, evidence, data items, provenance; the search stays highlighted', async () => {
    renderApp(frameworksBridge(), `/frameworks/${TT57_ID}`);
    await screen.findByTestId('fw-tree');
    searchFor('an toan');
    fireEvent.click(within(tree()).getByTestId('fw-node-4.2'));
    const detail = await screen.findByTestId('fw-criterion');
    expect(detail.dataset['code']).toBe('4.2');
    expect(screen.getByTestId('fw-criterion-title').textContent).toBe(
      'Tiêu chí 4.2: Môi trường giáo dục an toàn, tích cực, hỗ trợ phát triển học sinh',
    );
    expect(screen.getByTestId('fw-criterion-mandatory').textContent).toBe('Bắt buộc');
    const level1 = screen.getByTestId('fw-level-1');
    expect(level1.textContent).toContain('Mức 1');
    expect(level1.textContent).toContain('Nhà trường bảo đảm các điều kiện tối thiểu về vệ sinh, nước sạch');
    expect(screen.getByTestId('fw-level-2').textContent).toContain('Nhà trường phân tích dữ liệu về sức khỏe, an toàn');
    expect(level1.querySelectorAll('mark').length).toBeGreaterThan(0);
    expect(screen.getByTestId('fw-evidence').textContent).toContain('Hồ sơ y tế học đường');
    expect(screen.getByTestId('fw-evidence').textContent).toContain('MC.4.2.01, MC.4.2.02');
    expect(screen.getByTestId('fw-quantitative')).toBeTruthy();
    expect(screen.getByTestId('fw-criterion-grade').textContent).toBe('Văn bản thứ cấp');
    expect(screen.getByTestId('fw-provenance').textContent).toContain('chưa đối chiếu bản gốc');
    // Still filtered: the browser stayed mounted while the route changed.
    expect(within(tree()).queryByTestId('fw-node-1.1')).toBeNull();
  });

  it('opens a criterion straight from its address, and steps to the next one', async () => {
    renderApp(frameworksBridge(), `/frameworks/${TT57_ID}/3.5`);
    expect((await screen.findByTestId('fw-criterion')).dataset['code']).toBe('3.5');
    expect(screen.queryByTestId('fw-criterion-mandatory')).toBeNull();
    fireEvent.click(screen.getByTestId('fw-next'));
    await waitFor(() => expect(screen.getByTestId('fw-criterion').dataset['code']).toBe('4.1'));
  });

  it('says so when the criterion does not exist, or the framework is unknown', async () => {
    renderApp(frameworksBridge(), `/frameworks/${TT57_ID}/9.9`);
    expect((await screen.findByTestId('fw-criterion-not-found')).textContent).toContain('không có tiêu chí «9.9»');
    cleanup();
    renderApp(frameworksBridge(), '/frameworks/khong-co');
    expect(await screen.findByText('Không có khung đánh giá "khong-co".')).toBeTruthy();
  });

  it('"Thử tính mức": set levels, see the school level and the blockers live', async () => {
    renderApp(frameworksBridge(), `/frameworks/${TT57_ID}`);
    fireEvent.click(await screen.findByTestId('fw-try'));
    const drawer = await screen.findByTestId('level-explanation');
    expect(within(drawer).getByTestId('level-result').textContent).toBe('Chưa đạt');
    fireEvent.click(screen.getByTestId('try-all-1'));
    await waitFor(() => expect(within(drawer).getByTestId('level-result').textContent).toBe('Mức 1'));
    // One mandatory criterion down to "Không đạt" and the school drops below Mức 1.
    fireEvent.click(within(screen.getByTestId('try-level-4.2')).getByText('Không đạt'));
    await waitFor(() => expect(within(drawer).getByTestId('level-result').textContent).toBe('Chưa đạt'));
    expect(within(drawer).getByTestId('level-blockers').textContent).toBe('Tiêu chí 4.2 (bắt buộc) cần Mức 1, hiện Không đạt');
  });
});

describe('legacy and points frameworks', () => {
  it('TT 18: indicators a, b, c at Mức 1, items at Mức 2/3, and a Mức 4 page', async () => {
    renderApp(frameworksBridge(), '/frameworks/tt18-2018-thcs-thpt/1.1');
    await screen.findByTestId('fw-criterion');
    const l1 = screen.getByTestId('fw-level-1');
    expect(l1.textContent).toContain('Các chỉ báo');
    expect(within(l1).getByTestId('fw-req-1-a').textContent).toMatch(/^a\)Phù hợp với mục tiêu giáo dục/);
    expect(within(l1).getByTestId('fw-req-1-c')).toBeTruthy();
    expect(screen.getByTestId('fw-level-3').textContent).toContain('Định kỳ rà soát');
    expect(screen.queryByTestId('fw-criterion-mandatory')).toBeNull();
    expect(within(tree()).queryAllByTestId(/^fw-mandatory-/)).toHaveLength(0);
    fireEvent.click(screen.getByTestId('fw-open-level4'));
    const l4 = await screen.findByTestId('fw-level4');
    expect(within(l4).getByTestId('fw-level4-1').textContent).toContain('Khoản 1 Điều 22');
    expect(screen.getByTestId('fw-status').textContent).toBe('Hết hiệu lực');
  });

  it('TT 18: "dang" finds "Đảng"', async () => {
    renderApp(frameworksBridge(), '/frameworks/tt18-2018-thcs-thpt');
    await screen.findByTestId('fw-tree');
    searchFor('dang cong san');
    await waitFor(() => expect(within(tree()).queryByTestId('fw-node-1.1')).toBeNull());
    expect([...within(tree()).getByTestId('fw-node-1.3').querySelectorAll('mark')].map((m) => m.textContent)).toEqual([
      'Đảng Cộng sản',
    ]);
  });

  it('QĐ 4725: groups of items with points, mandatory conditions, thresholds and the "Chưa đầy đủ" notice', async () => {
    renderApp(frameworksBridge(), '/frameworks/qd4725-2022-cds');
    const notice = await screen.findByTestId('fw-incomplete');
    expect(notice.textContent).toContain('Chưa đầy đủ');
    expect(notice.textContent).toContain('Nhóm 2');
    expect(notice.textContent).toContain('thiếu 10 điểm');
    expect(screen.getByTestId('fw-thresholds').textContent).toContain('trên 75 điểm');
    const g1 = screen.getByTestId('fw-group-1');
    expect(within(g1).getByTestId('fw-item-mandatory-1.1').textContent).toBe('Điều kiện bắt buộc');
    expect(g1.textContent).toContain('Phần mềm LMS - Giao bài cho học sinh tự học');
    expect(screen.queryByTestId('fw-try')).toBeNull();
    fireEvent.change(screen.getByTestId('fw-points-search'), { target: { value: 'phan mem lms' } });
    await waitFor(() => expect(screen.queryByText('Có ban hành kế hoạch tổ chức dạy học trực tuyến')).toBeNull());
    expect(g1.querySelectorAll('mark').length).toBeGreaterThan(0);
  });
});
