export * from './value.service.ts';
