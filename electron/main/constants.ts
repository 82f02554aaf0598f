/** Names shared by the main-process modules. No Electron imports here: tests load this file. */

export const APP_ID = 'vn.truongchuan.app';
export const PRODUCT_NAME = 'Trường Chuẩn';

/** The built renderer is served from app://truong-chuan/ (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'truong-chuan';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** The only IPC channel the preload may use. */
export const RPC_CHANNEL = 'rpc:invoke';

/** Bound on the serialized size of one call's params (forms, not files: files go through dialogs). */
export const MAX_RPC_PARAM_BYTES = 1024 * 1024;

/** Env overrides, all optional. TRUONG_CHUAN_DATA_DIR: same variable the backend and the CLI honour. */
export const ENV_USER_DATA = 'TRUONG_CHUAN_DATA_DIR';
export const ENV_UPDATE_URL = 'TRUONG_CHUAN_UPDATE_URL';
