export * from './onboarding.service.ts';
