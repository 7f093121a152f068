export * from './common.ts';
export * from './errors.ts';
export * from './permissions.ts';
export * from './tenancy.ts';
export * from './auth.ts';
export * from './audit.ts';
export * from './health.ts';
