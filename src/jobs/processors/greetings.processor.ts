// Queue crm-greetings: the hourly scan, sends (re-delayed through quiet hours) and approval requests.
import type { GreetingService } from '../../domain/care/greeting.service.ts';
import { delayUntil, str, type NamedHandler } from './run-guarded.ts';

export const greetingHandlers = (greetings: GreetingService, now: () => Date): Record<string, NamedHandler> => ({
  'greeting-scan': (job) => {
    const tenantId = (job.data as { tenantId?: string }).tenantId ?? 'all';
    return greetings.scanGreetings(tenantId, now());
  },
  'greeting-send': async (job, token) => {
    const out = await greetings.sendGreeting(str(job, 'greetingId'), now());
    if (out.status === 'deferred') return delayUntil(job, token, out.until);
    return out;
  },
  'greeting-approval': (job) => greetings.requestApproval(str(job, 'greetingId')),
});
