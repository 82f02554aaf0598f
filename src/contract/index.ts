export * from './rpc';
export * from './methods';
export * from './schemas/common';
export * from './schemas/school';
export * from './schemas/user';
