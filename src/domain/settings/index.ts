export * from './settings.schema.ts';
export * from './settings.service.ts';
