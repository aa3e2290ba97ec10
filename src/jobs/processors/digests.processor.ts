// Queue crm-digests: the 15-minute scan enqueues one job per due person with a deterministic id
// (digest-morning:<userId>:<localDate>, digest-weekly:<userId>:<localDate>,
// risk-snapshot:<tenantId>:<weekStart>), so overlapping scans add nothing twice.
import type { ReminderService } from '../../domain/reminders/reminder.service.ts';
import type { JobQueue } from '../backend.ts';
import { str, type NamedHandler } from './run-guarded.ts';

export const digestHandlers = (reminders: ReminderService, queue: () => JobQueue, now: () => Date): Record<string, NamedHandler> => ({
  'digest-scan': async (job) => {
    const tenantId = (job.data as { tenantId?: string }).tenantId;
    const due = await reminders.findDueDigests(now(), tenantId ? { tenantId } : {});
    if (due.length) {
      await queue().raw.addBulk(due.map((d) => ({ name: d.name, data: d.data, opts: { jobId: d.jobId } })));
    }
    return { enqueued: due.length };
  },
  'digest-morning': (job) =>
    reminders.sendMorningDigest({ tenantId: str(job, 'tenantId'), userId: str(job, 'userId'), localDate: str(job, 'localDate') }, now()),
  'digest-weekly': (job) =>
    reminders.sendWeeklyDigest({ tenantId: str(job, 'tenantId'), userId: str(job, 'userId'), localDate: str(job, 'localDate') }, now()),
  'risk-snapshot': (job) => reminders.snapshotRisk({ tenantId: str(job, 'tenantId'), weekStart: str(job, 'weekStart') }, now()),
});
