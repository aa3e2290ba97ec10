// Jobs are written to the Outbox table inside the transaction of the change that needs them,
// so a job exists if and only if the change committed. The jobs layer relays Outbox rows to
// BullMQ (at once after commit, and by polling while Redis is away). Job ids are deterministic
// where a duplicate would harm, and processors re-check state, so a relay twice is harmless.
import type { Db } from './db.ts';

export const QUEUES = {
  reminders: 'crm-reminders',
  surveys: 'crm-surveys',
  greetings: 'crm-greetings',
  digests: 'crm-digests',
  maintenance: 'crm-maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface OutboxJob {
  queue: QueueName;
  name: string;
  /** Deterministic id: BullMQ keeps one job per id. */
  jobId?: string;
  /** Run no earlier than this. */
  runAt?: Date;
  data: Record<string, unknown>;
}

export async function writeOutbox(db: Db, tenantId: string, job: OutboxJob): Promise<void> {
  await db.outbox.create({
    data: {
      tenantId,
      queue: job.queue,
      jobName: job.name,
      jobId: job.jobId ?? null,
      runAt: job.runAt ?? null,
      payload: job.data as object,
    },
  });
}
