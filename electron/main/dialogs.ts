import nodePath from 'node:path';
import { z } from 'zod';
import type { FileGrant } from '../../src/contract/process-protocol';

/**
 * Native file dialogs live in main; the renderer never sees or sends a filesystem path.
 *
 * Extension point, deliberately small. A renderer call to one of DIALOG_METHODS (same
 * `rpc:invoke` channel, same sender check) is handled here instead of being forwarded:
 * main shows the dialog, hands the chosen path straight to the backend as a backend-only
 * `file-grant` message bound to that renderer's connection, and returns only an opaque
 * handle and the file's display name. A later RPC (e.g. `assets.import({ fileHandle })`)
 * names the handle; the backend resolves it for that connection only.
 *
 * To switch one on: add the method to src/contract/methods.ts with the same input schema as
 * below (the preload only lets through names in METHOD_NAMES), and teach the backend to
 * accept `file-grant` messages. Until then these methods are unreachable from the renderer.
 */

export const FILE_KINDS = {
  spreadsheet: { label: 'Bảng tính', extensions: ['xlsx', 'xls', 'csv'] },
  document: { label: 'Tài liệu minh chứng', extensions: ['pdf', 'docx', 'doc', 'xlsx', 'xls', 'pptx', 'jpg', 'jpeg', 'png'] },
  image: { label: 'Hình ảnh', extensions: ['jpg', 'jpeg', 'png', 'webp'] },
  backup: { label: 'Bản sao lưu Trường Chuẩn', extensions: ['tcbak', 'zip'] },
  pdf: { label: 'Tệp PDF', extensions: ['pdf'] },
  docx: { label: 'Văn bản Word', extensions: ['docx'] },
  zip: { label: 'Hồ sơ minh chứng', extensions: ['zip'] },
} as const;
export type FileKind = keyof typeof FILE_KINDS;
const fileKindSchema = z.enum(Object.keys(FILE_KINDS) as [FileKind, ...FileKind[]]);

export const pickForImportInput = z.object({ kind: fileKindSchema }).strict();
export const pickForExportInput = z.object({ kind: fileKindSchema, suggestedName: z.string().min(1).max(200) }).strict();

export interface PickedFile {
  handle: string;
  /** Base name only, for display ("Danh-sach-thiet-bi.xlsx"). */
  fileName: string;
}

export interface DialogDeps {
  showOpenDialog(opts: {
    title: string;
    filters: { name: string; extensions: string[] }[];
    properties: ('openFile')[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(opts: {
    title: string;
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
  /** Where save dialogs start (the user's Documents folder). */
  defaultDir(): string;
  grant(connId: number, grant: FileGrant): void;
  newHandle(): string;
}

export interface DialogMethod {
  input: z.ZodType;
  run(connId: number, params: unknown, deps: DialogDeps): Promise<PickedFile | null>;
}

const filtersFor = (kind: FileKind) => [{ name: FILE_KINDS[kind].label, extensions: [...FILE_KINDS[kind].extensions] }];

/**
 * A renderer-suggested name becomes a bare, harmless file name: no folders, no characters
 * Windows forbids, no leading dots, bounded length, and the kind's extension.
 */
export function sanitizeFileName(suggested: string, kind: FileKind): string {
  const ext = FILE_KINDS[kind].extensions[0];
  const base = suggested
    .normalize('NFC')
    .split(/[/\\]/)
    .pop()!
    .replace(/[<>:"|?*\x00-\x1f\x7f]/g, '')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  const stem = base.replace(/\.[^.]*$/, '') || 'tep';
  const safeStem = /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem) ? `${stem}_` : stem;
  return `${safeStem}.${ext}`;
}

export const DIALOG_METHODS: Readonly<Record<string, DialogMethod>> = {
  'files.pickForImport': {
    input: pickForImportInput,
    async run(connId, params, deps) {
      const { kind } = pickForImportInput.parse(params);
      const r = await deps.showOpenDialog({ title: 'Chọn tệp', filters: filtersFor(kind), properties: ['openFile'] });
      const chosen = r.filePaths[0];
      if (r.canceled || !chosen) return null;
      const handle = deps.newHandle();
      deps.grant(connId, { handle, path: chosen, kind, mode: 'read' });
      return { handle, fileName: nodePath.basename(chosen) };
    },
  },
  'files.pickForExport': {
    input: pickForExportInput,
    async run(connId, params, deps) {
      const { kind, suggestedName } = pickForExportInput.parse(params);
      const r = await deps.showSaveDialog({
        title: 'Lưu tệp',
        defaultPath: nodePath.join(deps.defaultDir(), sanitizeFileName(suggestedName, kind)),
        filters: filtersFor(kind),
      });
      if (r.canceled || !r.filePath) return null;
      const handle = deps.newHandle();
      deps.grant(connId, { handle, path: r.filePath, kind, mode: 'write' });
      return { handle, fileName: nodePath.basename(r.filePath) };
    },
  },
};

export function isDialogMethod(method: string): boolean {
  return Object.hasOwn(DIALOG_METHODS, method);
}
