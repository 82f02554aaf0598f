/**
 * Component tests only: a FakeBridge that also serves the frameworks RPCs from the real data
 * files, validated with the same parser the backend uses, so the browser is tested on the
 * texts a school will read.
 */
import type { MethodName } from '../../../contract/methods';
import { RpcError, type RpcResponse } from '../../../contract/rpc';
import { parseFramework, type Framework } from '../../../core/frameworks';
import { FakeBridge, seededBridge } from '../../test/fake-bridge';
import qd4725 from '../../../../resources/frameworks/qd4725-2022-cds.json';
import tt18 from '../../../../resources/frameworks/tt18-2018-thcs-thpt.json';
import tt57pl2 from '../../../../resources/frameworks/tt57-2026-pl2-pho-thong.json';

export const TT57 = parseFramework('tt57-2026-pl2-pho-thong.json', tt57pl2);
export const TT18 = parseFramework('tt18-2018-thcs-thpt.json', tt18);
export const QD4725 = parseFramework('qd4725-2022-cds.json', qd4725);

export class FrameworksBridge extends FakeBridge {
  constructor(readonly frameworks: Framework[] = [TT57, TT18, QD4725]) {
    super();
  }

  override async invoke(method: MethodName, params: unknown): Promise<RpcResponse> {
    if (method !== 'frameworks.list' && method !== 'frameworks.get') return super.invoke(method, params);
    this.calls.push({ method, params });
    const id = this.calls.length;
    if (!this.state.users.some((u) => u.id === this.state.sessionUserId)) {
      return { id, ok: false, error: new RpcError('UNAUTHENTICATED', 'Vui lòng đăng nhập').toBody() };
    }
    if (method === 'frameworks.list') {
      return {
        id,
        ok: true,
        result: this.frameworks.map((f) => ({
          id: f.id,
          title: f.title,
          shortTitle: f.shortTitle,
          kind: f.kind,
          family: f.family,
          effectiveFrom: f.effectiveFrom,
          effectiveTo: f.effectiveTo,
          educationLevels: [...f.educationLevels],
          legalNumber: f.source.number,
        })),
      };
    }
    const wanted = (params as { id: string }).id;
    const fw = this.frameworks.find((f) => f.id === wanted);
    if (!fw) return { id, ok: false, error: new RpcError('NOT_FOUND', `Không có khung đánh giá "${wanted}".`).toBody() };
    return { id, ok: true, result: fw };
  }
}

/** The seeded school and its admin, logged in, with the frameworks served. */
export function frameworksBridge(frameworks?: Framework[]): FrameworksBridge {
  const bridge = new FrameworksBridge(frameworks);
  bridge.state = seededBridge().state;
  bridge.state.sessionUserId = bridge.state.users[0]!.id;
  return bridge;
}
