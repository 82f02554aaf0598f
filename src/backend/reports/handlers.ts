import path from 'node:path';
import type { reportsMethods } from '../../contract/methods/reports';
import { RpcError } from '../../contract/rpc';
import { actorFor } from '../modules/assessment/context';
import type { HandlersFor, ModuleDeps } from '../modules/module';
import { ReportService } from './service';

/**
 * RPC handlers of the official documents. The renderer never sends or receives a path: builds
 * go into `<dataDir>/exports/` and answer with the file name; `reports.saveAs` writes only to
 * the file the user chose in Electron main's save dialog (a write grant of this connection).
 */
export function reportsHandlers(deps: ModuleDeps): HandlersFor<typeof reportsMethods> {
  const service = new ReportService(deps);
  const m = deps.ds.manager;
  return {
    'reports.preview': async ({ assessmentId, kind, options }, { session }) =>
      service.preview(assessmentId, kind, options ?? {}, await actorFor(m, session, assessmentId)),
    'reports.build': async ({ assessmentId, kind, final, options }, { session }) =>
      service.build({ assessmentId, kind, final, options: options ?? {} }, await actorFor(m, session, assessmentId)),
    'reports.list': async ({ assessmentId }) => service.list(assessmentId),
    'reports.download': async ({ exportId }) => service.download(exportId),
    'reports.saveAs': async ({ exportId, fileHandle }, { conn }) => {
      const grant = conn.grants.get(fileHandle);
      if (!grant || grant.mode !== 'write') {
        throw new RpcError('FORBIDDEN', 'Chưa chọn nơi lưu tệp qua hộp thoại lưu (hoặc đã hết hạn); hãy chọn lại.');
      }
      conn.grants.delete(fileHandle);
      const out = await service.copyTo(exportId, grant.path);
      return { ...out, file: path.basename(grant.path) };
    },
    'reports.getTexts': async ({ assessmentId }, { session }) =>
      service.getTexts(assessmentId, await actorFor(m, session, assessmentId)),
    'reports.saveTexts': async (input, { session }) => service.saveTexts(input, await actorFor(m, session, input.assessmentId)),
  };
}
