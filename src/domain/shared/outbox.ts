// Jobs are written to the Outbox table inside the transaction of the change that needs them,
// so a job exists if and only if the change committed. The jobs layer relays Outbox rows to
// BullMQ (at once after commit, and by polling while Redis is away). Job ids are deterministic
// where a duplicate would harm, and processors re-check state, so a relay twice is harmless.
// Names, queues and payloads come from the job catalogue (jobs.ts).
import type { Db } from './db.ts';
import { queueOf, type JobName, type JobRequest } from './jobs.ts';

export { QUEUES, type QueueName } from './jobs.ts';

export type OutboxJob<N extends JobName = JobName> = JobRequest<N>;

export async function writeOutbox<N extends JobName>(db: Db, tenantId: string, job: OutboxJob<N>): Promise<void> {
  await db.outbox.create({
    data: {
      tenantId,
      queue: queueOf(job.name),
      jobName: job.name,
      jobId: job.jobId ?? null,
      runAt: job.runAt ?? null,
      payload: job.data as object,
    },
  });
}
