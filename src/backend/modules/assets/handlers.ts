import type { assetsMethods } from '../../../contract/methods/assets';
import type { HandlersFor, ModuleDeps } from '../module';

export function assetsHandlers(_deps: ModuleDeps): HandlersFor<typeof assetsMethods> {
  return {};
}
