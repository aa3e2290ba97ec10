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

/** An Outbox row waiting to be relayed to the job backend. */
export interface PendingJob {
  id: string;
  queue: string;
  jobName: string;
  jobId: string | null;
  runAt: Date | null;
  payload: unknown;
}

/** The relay's view of the Outbox: what waits, and what became of each row. */
export class OutboxStore {
  constructor(private readonly db: Db) {}

  /** Rows not yet relayed (for /readyz and the dashboard). */
  pending(): Promise<number> {
    return this.db.outbox.count({ where: { relayedAt: null } });
  }

  /** The oldest rows not yet relayed. */
  next(take: number): Promise<PendingJob[]> {
    return this.db.outbox.findMany({
      where: { relayedAt: null },
      orderBy: { createdAt: 'asc' },
      take,
      select: { id: true, queue: true, jobName: true, jobId: true, runAt: true, payload: true },
    });
  }

  async markRelayed(id: string): Promise<void> {
    await this.db.outbox.updateMany({ where: { id, relayedAt: null }, data: { relayedAt: new Date() } });
  }

  /** Counts a failed attempt and keeps its error; the row stays pending. */
  async markFailed(id: string, error: string): Promise<void> {
    await this.db.outbox.update({ where: { id }, data: { attempts: { increment: 1 }, lastError: error.slice(0, 500) } });
  }
}
