export * from './framework.schema';
export * from './validate';
export * from './lookup';
export * from './counts';
export * from './evidence-code';
export * from './time-rules';
