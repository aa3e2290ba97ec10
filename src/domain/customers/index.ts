export { AccountService, type AccountInput, type AccountPatch, type AccountOverview } from './account.service.ts';
export { ContactService, type ContactInput, type ContactPatch, type ContactOverview } from './contact.service.ts';
export { MergeService, type MergeResult } from './merge.service.ts';
export type { AccountDto, ContactDto } from './dto.ts';
