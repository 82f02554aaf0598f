import type { evidenceMethods } from '../../../contract/methods/evidence';
import type { HandlersFor, ModuleDeps } from '../module';

export function evidenceHandlers(_deps: ModuleDeps): HandlersFor<typeof evidenceMethods> {
  return {};
}
