export * from './delivery.service.ts';
export * from './delivery.errors.ts';
export * from './local-time.ts';
export * from './addressing.ts';
export * from './channel-routing.ts';
