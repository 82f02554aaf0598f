export * from './council';
export * from './review';
export * from './gating';
export * from './readiness';
export * from './school-year';
export * from './carry-over';
export * from './plan';
export * from './school-data';
