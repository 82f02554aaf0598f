import { describe, expect, it, vi } from 'vitest';
import { DIALOG_METHODS, FILE_KINDS, isDialogMethod, sanitizeFileName, type DialogDeps } from './dialogs';

function deps(over: Partial<DialogDeps> = {}): DialogDeps {
  return {
    showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
    showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: 'C:\\Users\\gv\\Documents\\Bao cao.pdf' })),
    defaultDir: () => '/docs',
    grant: vi.fn(),
    newHandle: () => 'h-1',
    ...over,
  };
}

describe('sanitizeFileName', () => {
  it.each([
    ['Báo cáo tự đánh giá 2025', 'pdf', 'Báo cáo tự đánh giá 2025.pdf'],
    ['../../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['C:\\Windows\\System32\\evil.exe', 'pdf', 'evil.pdf'],
    ['a<b>c:d"e|f?g*h.docx', 'docx', 'abcdefgh.docx'],
    ['...', 'spreadsheet', 'tep.xlsx'],
    ['CON', 'pdf', 'CON_.pdf'],
    ['.hidden', 'pdf', 'hidden.pdf'],
    ['x'.repeat(300), 'pdf', `${'x'.repeat(120)}.pdf`],
  ] as const)('%s → %s', (input, kind, out) => {
    expect(sanitizeFileName(input, kind)).toBe(out);
  });
});

describe('dialog methods', () => {
  it('cancelled open dialog → null, no grant', async () => {
    const d = deps();
    expect(await DIALOG_METHODS['files.pickForImport']!.run(1, { kind: 'backup' }, d)).toBeNull();
    expect(d.grant).not.toHaveBeenCalled();
    expect(d.showOpenDialog).toHaveBeenCalledWith({
      title: 'Chọn tệp',
      filters: [{ name: FILE_KINDS.backup.label, extensions: [...FILE_KINDS.backup.extensions] }],
      properties: ['openFile'],
    });
  });

  it('save dialog starts in Documents with a sanitized name and grants write access', async () => {
    const d = deps();
    const r = await DIALOG_METHODS['files.pickForExport']!.run(4, { kind: 'pdf', suggestedName: '../Báo cáo' }, d);
    expect(d.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: expect.stringMatching(/[/\\]docs[/\\]Báo cáo\.pdf$/) }));
    expect(d.grant).toHaveBeenCalledWith(4, { handle: 'h-1', path: 'C:\\Users\\gv\\Documents\\Bao cao.pdf', kind: 'pdf', mode: 'write' });
    expect(r?.handle).toBe('h-1');
  });

  it('isDialogMethod is an own-property check', () => {
    expect(isDialogMethod('files.pickForImport')).toBe(true);
    expect(isDialogMethod('toString')).toBe(false);
    expect(isDialogMethod('auth.login')).toBe(false);
  });
});
