// Who is asking. Staff act as users with a role; customers (external contacts in a shared
// channel, or the demo customer) act as contacts and may only answer surveys sent to them.
import type { Locale } from './errors.ts';

export type StaffRole = 'rep' | 'manager' | 'admin';

export type Actor =
  | {
      kind: 'user';
      tenantId: string;
      userId: string;
      role: StaffRole;
      name: string;
      timezone: string;
      locale: Locale;
    }
  | {
      kind: 'contact';
      tenantId: string;
      contactId: string;
      name: string;
      timezone: string;
      locale: Locale;
    };

/** The system itself (jobs, scheduler): full access inside one tenant. */
export interface SystemActor {
  kind: 'system';
  tenantId: string;
}

export const actorId = (a: Actor | SystemActor): string | null =>
  a.kind === 'user' ? a.userId : a.kind === 'contact' ? a.contactId : null;
