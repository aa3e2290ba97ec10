// Repeating jobs, registered idempotently with BullMQ job schedulers (upsert by id, so every
// process may register them at start and there is still one of each). Names, queues and data come
// from the job catalogue (domain/shared/jobs.ts).
import { queueOf, type JobName, type JobPayload } from '../domain/shared/jobs.ts';
import type { JobBackend } from './backend.ts';

export type SchedulerSpec = {
  [N in JobName]: { id: string; name: N; every: number; data: JobPayload<N> };
}[JobName];

export const SCHEDULES: readonly SchedulerSpec[] = [
  /** Birthdays and holidays, hourly: each contact's "today" starts at a different UTC hour. */
  { id: 'greeting-scan', name: 'greeting-scan', every: 60 * 60_000, data: { tenantId: 'all' } },
  /** Morning (08:30 local) and weekly (Monday 09:00 local) digests: who just passed their time. */
  { id: 'digest-scan', name: 'digest-scan', every: 15 * 60_000, data: {} },
  /** Closes surveys whose close job was lost (e.g. removed by hand). */
  { id: 'survey-maintenance', name: 'survey-maintenance', every: 6 * 60 * 60_000, data: {} },
  /** RFM, value tiers and lifecycle stages for every tenant; expired dialogs and old event ids swept. */
  { id: 'housekeeping', name: 'housekeeping', every: 6 * 60 * 60_000, data: {} },
];

export async function registerSchedulers(jobs: JobBackend, specs: readonly SchedulerSpec[] = SCHEDULES): Promise<void> {
  for (const s of specs) {
    await jobs.queue(queueOf(s.name)).raw.upsertJobScheduler(s.id, { every: s.every }, { name: s.name, data: s.data });
  }
}

export async function removeSchedulers(jobs: JobBackend, specs: readonly SchedulerSpec[] = SCHEDULES): Promise<void> {
  for (const s of specs) await jobs.queue(queueOf(s.name)).raw.removeJobScheduler(s.id);
}
