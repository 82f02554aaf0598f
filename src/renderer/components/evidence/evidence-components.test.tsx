import '../../test/dom-env';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { citationToken } from '../../../core/evidence/citations';
import { AppProviders } from '../../AppProviders';
import { fakeTransport } from '../../test/fake-bridge';
import { evidenceBridge, type EvidenceBridge } from '../../modules/evidence/test-support';
import type { Evidence } from '../../../contract/schemas/evidence';
import { CitationText } from './CitationText';
import { EvidencePicker } from './EvidencePicker';
import { useEvidenceCodes } from './useEvidenceCodes';
import { splitCitations } from './CitationText';

afterEach(cleanup);
configure({ asyncUtilTimeout: 8000 });

const FW = 'tt57-2026-pl2-pho-thong';

function withApi(bridge: EvidenceBridge, ui: ReactNode) {
  return render(<AppProviders transport={fakeTransport(bridge)}>{ui}</AppProviders>);
}

function Description({ text, onOpen }: { text: string; onOpen?: (id: string) => void }) {
  const { codeById, infoById, isPending } = useEvidenceCodes(FW);
  if (isPending) return <span>loading</span>;
  return <CitationText text={text} codeById={codeById} infoById={infoById} onOpen={onOpen} data-testid="desc" />;
}

describe('splitCitations', () => {
  it('cuts a text into runs and lower-cased ids', () => {
    const id = '0F8FAD5B-D9CB-469F-A165-70867728950E';
    expect(splitCitations(`Kế hoạch ({{ev:${id}}}).`)).toEqual([
      { text: 'Kế hoạch (' },
      { evidenceId: id.toLowerCase() },
      { text: ').' },
    ]);
    expect(splitCitations('không có trích dẫn')).toEqual([{ text: 'không có trích dẫn' }]);
  });
});

describe('CitationText', () => {
  it('renders each citation with the current code, after a renumbering, and marks deleted evidence', async () => {
    const bridge = evidenceBridge();
    const plan = bridge.seed('1.1', { title: 'Kế hoạch năm học' });
    const minutes = bridge.seed('1.1', { title: 'Biên bản họp', validUntil: '2025-01-01' });
    // Renumbered after it was cited: the text keeps the id, the chip shows the new code.
    plan.code = 'MC.2.1.04';
    const gone = crypto.randomUUID();
    const text = `Nhà trường có kế hoạch ${citationToken(plan.id)}, biên bản ${citationToken(minutes.id)}\nvà ${citationToken(gone)}.`;
    const onOpen = vi.fn();
    withApi(bridge, <Description text={text} onOpen={onOpen} />);
    const desc = await screen.findByTestId('desc');
    expect(desc.textContent).toBe('Nhà trường có kế hoạch MC.2.1.04, biên bản MC.1.1.02\nvà [minh chứng không còn].');
    const chip = screen.getByTestId(`citation-${plan.id}`);
    expect(chip.getAttribute('role')).toBe('button');
    fireEvent.click(chip);
    expect(onOpen).toHaveBeenCalledWith(plan.id);
    fireEvent.keyDown(screen.getByTestId(`citation-${minutes.id}`), { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith(minutes.id);
    // A missing evidence is not clickable.
    expect(screen.getByTestId(`citation-${gone}`).getAttribute('role')).toBeNull();
  });

  it('takes a plain record as the code map', () => {
    const id = crypto.randomUUID();
    render(<CitationText text={`(${citationToken(id)})`} codeById={{ [id]: 'MC.3.2.01' }} data-testid="plain" />);
    expect(screen.getByTestId('plain').textContent).toBe('(MC.3.2.01)');
  });
});

describe('EvidencePicker', () => {
  function Harness({ onPick, criterionCode }: { onPick: (e: Evidence) => void; criterionCode?: string }) {
    const [picked, setPicked] = useState<string[]>([]);
    return (
      <>
        <EvidencePicker
          frameworkId={FW}
          criterionCode={criterionCode}
          onPick={(e) => {
            setPicked((p) => [...p, e.code]);
            onPick(e);
          }}
        />
        <div data-testid="picked">{picked.join(',')}</div>
      </>
    );
  }

  function seedThree(bridge: EvidenceBridge) {
    bridge.seed('1.1', { title: 'Kế hoạch giáo dục nhà trường' });
    bridge.seed('1.2', { title: 'Quyết định thành lập tổ chuyên môn' });
    bridge.seed('2.1', { title: 'Kế hoạch bồi dưỡng giáo viên' });
  }

  it('searches the library as the user types (without diacritics) and picks with the keyboard', async () => {
    const bridge = evidenceBridge();
    seedThree(bridge);
    const onPick = vi.fn();
    withApi(bridge, <Harness onPick={onPick} />);
    const input = screen.getByRole('combobox');
    fireEvent.mouseDown(input);
    fireEvent.change(input, { target: { value: 'ke hoach' } });
    // The unfiltered matches stay until the server answers for the typed words.
    const queries = () => bridge.calls.filter((c) => c.method === 'evidence.list').map((c) => (c.params as { q?: string }).q);
    await waitFor(() => {
      expect(queries()).toContain('ke hoach');
      expect(screen.queryByTestId('evidence-option-MC.1.2.01')).toBeNull();
      expect(screen.getByTestId('evidence-option-MC.2.1.01')).toBeTruthy();
    });
    expect(screen.getByTestId('evidence-option-MC.1.1.01')).toBeTruthy();

    fireEvent.change(input, { target: { value: 'ke hoach boi duong' } });
    await waitFor(() => expect(screen.queryByTestId('evidence-option-MC.1.1.01')).toBeNull());
    expect(screen.getByTestId('evidence-option-MC.2.1.01')).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Enter', keyCode: 13, which: 13 });
    await waitFor(() => expect(onPick).toHaveBeenCalledTimes(1));
    expect(onPick.mock.calls[0]![0]).toMatchObject({ code: 'MC.2.1.01', title: 'Kế hoạch bồi dưỡng giáo viên' });
    expect(screen.getByTestId('picked').textContent).toBe('MC.2.1.01');
  });

  it('offers only evidence of the given criterion', async () => {
    const bridge = evidenceBridge();
    seedThree(bridge);
    withApi(bridge, <Harness onPick={() => {}} criterionCode="1.2" />);
    fireEvent.mouseDown(screen.getByRole('combobox'));
    await screen.findByTestId('evidence-option-MC.1.2.01');
    expect(screen.queryByTestId('evidence-option-MC.1.1.01')).toBeNull();
    expect(bridge.calls.find((c) => c.method === 'evidence.list')?.params).toMatchObject({
      frameworkId: FW,
      criterionCode: '1.2',
    });
  });
});
