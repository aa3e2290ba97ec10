// Queue crm-digests: the 15-minute scan enqueues one job per due person with a deterministic id
// (digest-morning:<userId>:<localDate>, digest-weekly:<userId>:<localDate>,
// risk-snapshot:<tenantId>:<weekStart>), so overlapping scans add nothing twice.
import type { ReminderService } from '../../domain/reminders/reminder.service.ts';
import type { QUEUES } from '../../domain/shared/jobs.ts';
import type { JobQueue } from '../backend.ts';
import { typedHandlers, type NamedHandler } from './run-guarded.ts';

export const digestHandlers = (reminders: ReminderService, queue: () => JobQueue, now: () => Date): Record<string, NamedHandler> =>
  typedHandlers<typeof QUEUES.digests>({
    'digest-scan': async (d) => {
      const due = await reminders.findDueDigests(now(), d.tenantId ? { tenantId: d.tenantId } : {});
      if (due.length) {
        await queue().raw.addBulk(due.map((j) => ({ name: j.name, data: j.data, opts: { jobId: j.jobId } })));
      }
      return { enqueued: due.length };
    },
    'digest-morning': (d) => reminders.sendMorningDigest({ tenantId: d.tenantId, userId: d.userId, localDate: d.localDate }, now()),
    'digest-weekly': (d) => reminders.sendWeeklyDigest({ tenantId: d.tenantId, userId: d.userId, localDate: d.localDate }, now()),
    'risk-snapshot': (d) => reminders.snapshotRisk({ tenantId: d.tenantId, weekStart: d.weekStart }, now()),
  });
