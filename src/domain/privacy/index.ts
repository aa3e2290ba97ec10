export { ERASED, PrivacyService, type ContactExport, type EraseResult, type OptOutFlags } from './privacy.service.ts';
