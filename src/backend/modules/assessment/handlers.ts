import type { assessmentMethods } from '../../../contract/methods/assessment';
import type { HandlersFor, ModuleDeps } from '../module';

export function assessmentHandlers(_deps: ModuleDeps): HandlersFor<typeof assessmentMethods> {
  return {};
}
