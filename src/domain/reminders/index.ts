export * from './reminder.service.ts';
