import type { syncMethods } from '../../../contract/methods/sync';
import type { HandlersFor, ModuleDeps } from '../module';

export function syncHandlers(_deps: ModuleDeps): HandlersFor<typeof syncMethods> {
  return {};
}
