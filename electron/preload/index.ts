/**
 * Sandboxed preload (built to out/preload/index.cjs: sandboxed preloads must be CommonJS and
 * may require only 'electron'; everything else is bundled). Exposes exactly one object,
 * `window.api` (ApiBridge), and never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAMES } from '../../src/contract/methods';
import { RPC_CHANNEL } from '../main/constants';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'api',
  createBridge((method, params) => ipcRenderer.invoke(RPC_CHANNEL, method, params), METHOD_NAMES),
);
