// Queue crm-greetings: the hourly scan, sends (re-delayed through quiet hours) and approval requests.
import type { GreetingService } from '../../domain/care/greeting.service.ts';
import type { QUEUES } from '../../domain/shared/jobs.ts';
import { delayUntil, typedHandlers, type NamedHandler } from './run-guarded.ts';

export const greetingHandlers = (greetings: GreetingService, now: () => Date): Record<string, NamedHandler> =>
  typedHandlers<typeof QUEUES.greetings>({
    'greeting-scan': (d) => greetings.scanGreetings(d.tenantId ?? 'all', now()),
    'greeting-send': async (d, job, token) => {
      const out = await greetings.sendGreeting(d.greetingId, now());
      if (out.status === 'deferred') return delayUntil(job, token, out.until);
      return out;
    },
    'greeting-approval': (d) => greetings.requestApproval(d.greetingId),
  });
