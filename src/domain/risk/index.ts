export * from './risk.service.ts';
