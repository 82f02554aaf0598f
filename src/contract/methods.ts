import type { z } from 'zod';
import type { MethodSpec, RpcResponse } from './rpc';
import { assessmentMethods } from './methods/assessment';
import { assetsMethods } from './methods/assets';
import { evidenceMethods } from './methods/evidence';
import { foundationMethods } from './methods/foundation';
import { frameworksMethods } from './methods/frameworks';
import { reportsMethods } from './methods/reports';
import { reviewMethods } from './methods/review';
import { syncMethods } from './methods/sync';

/**
 * The whole contract between the renderer and the backend: one typed map, assembled from one
 * file per module under ./methods. The router takes its keys as the method allow-list,
 * validates params with `input` and checks `access`; the preload and the web client are
 * generated from the same keys.
 */
export const contract = {
  ...foundationMethods,
  ...frameworksMethods,
  ...assessmentMethods,
  ...evidenceMethods,
  ...assetsMethods,
  ...syncMethods,
  ...reportsMethods,
  ...reviewMethods,
} satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

/** What the preload exposes as `window.api` and what the web client implements. */
export interface ApiBridge {
  /** Sends one request; resolves with the raw response envelope (never rejects for RPC errors). */
  invoke(method: MethodName, params: unknown): Promise<RpcResponse>;
  readonly transport: 'ipc' | 'ws';
}
