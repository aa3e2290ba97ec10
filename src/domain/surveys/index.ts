export * from './survey.service.ts';
