export * from './ticket.service.ts';
