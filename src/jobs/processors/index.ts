export * from './run-guarded.ts';
export * from './reminders.processor.ts';
export * from './surveys.processor.ts';
export * from './greetings.processor.ts';
export * from './digests.processor.ts';
export * from './maintenance.processor.ts';
