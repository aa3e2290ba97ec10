export * from './csv.ts';
export * from './io.service.ts';
