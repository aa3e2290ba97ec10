export * from './greeting.service.ts';
export * from './holidays.ts';
export * from './greeting-text.ts';
