export * from './period.ts';
export * from './kpi.service.ts';
