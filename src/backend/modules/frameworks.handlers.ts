import type { frameworksMethods } from '../../contract/methods/frameworks';
import { RpcError } from '../../contract/rpc';
import type { HandlersFor, ModuleDeps } from './module';

export function frameworksHandlers({ frameworks }: ModuleDeps): HandlersFor<typeof frameworksMethods> {
  return {
    'frameworks.list': async () =>
      frameworks.list().map((f) => ({
        id: f.id,
        title: f.title,
        shortTitle: f.shortTitle,
        kind: f.kind,
        family: f.family,
        effectiveFrom: f.effectiveFrom,
        effectiveTo: f.effectiveTo ?? null,
        educationLevels: [...f.educationLevels],
        legalNumber: f.source.number,
      })),
    'frameworks.get': async ({ id }) => {
      const fw = frameworks.get(id);
      if (!fw) throw new RpcError('NOT_FOUND', `Không có khung đánh giá "${id}".`);
      return fw;
    },
  };
}
