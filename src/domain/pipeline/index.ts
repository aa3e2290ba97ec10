export * from './scope.ts';
export * from './pipeline.service.ts';
