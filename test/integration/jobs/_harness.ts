// Shared setup for the engagement-job tests: a fresh database (PostgreSQL or PGlite), a job
// backend (real Redis or BullMQ's PostgreSQL backend) isolated by a unique prefix, the CRM
// fixtures, the Outbox relay and the web-inbox delivery chain. Time is controlled through the
// `now` the workers get and through small delays, never by sleeping for hours.
import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { createTestDatabase, type DbKind, type TestDatabase } from '../../helpers/db.ts';
import { TEST_REDIS_URL } from '../../helpers/pg-admin.ts';
import { createJobBackend, type JobBackend } from '../../../src/jobs/backend.ts';
import { OutboxRelay } from '../../../src/jobs/outbox-relay.ts';
import { startWorkers, type StartWorkersOptions, type Workers } from '../../../src/jobs/workers.ts';
import { CompositeDelivery } from '../../../src/domain/delivery/channel-routing.ts';
import { WebInboxDelivery } from '../../../src/bots/web/delivery.ts';
import { createLogger } from '../../../src/infra/logger.ts';
import { OutboxStore, type QueueName } from '../../../src/domain/shared/outbox.ts';

export const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

export interface Combo {
  label: string;
  db: DbKind;
  backend: 'redis' | 'postgres';
}

/** Both job backends and both database kinds. BullMQ's PostgreSQL backend runs on the real
 * PostgreSQL here: on PGlite's socket it logged "unnamed prepared statement does not exist"
 * worker errors and picked jobs up ~20 s late (see the report). */
export const COMBOS: Combo[] = [
  { label: 'redis backend + pglite db', db: 'pglite', backend: 'redis' },
  { label: 'postgres backend + postgres db', db: 'postgres', backend: 'postgres' },
];

export async function openDb(combo: Combo): Promise<TestDatabase> {
  return createTestDatabase(combo.db);
}

export async function openJobs(combo: Combo, db: TestDatabase, redisUrl = TEST_REDIS_URL): Promise<JobBackend> {
  const prefix = `t${randomBytes(5).toString('hex')}`;
  return createJobBackend({
    ...(combo.backend === 'redis' ? { redisUrl } : {}),
    postgresUrl: () => db.connectionString(),
    logger,
    prefix,
  });
}

export function webDelivery(db: TestDatabase) {
  return new CompositeDelivery({ web: new WebInboxDelivery() }, db.prisma);
}

export async function workersFor(
  db: TestDatabase,
  jobs: JobBackend,
  extra: Partial<StartWorkersOptions> & { queues?: QueueName[] } = {},
): Promise<Workers> {
  return startWorkers({
    jobs,
    db: db.prisma,
    services: {},
    delivery: webDelivery(db),
    logger,
    schedulers: false,
    limiter: null,
    ...extra,
  });
}

export function relayFor(db: TestDatabase, jobs: JobBackend) {
  return new OutboxRelay(new OutboxStore(db.prisma), jobs, logger);
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, label = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as T;
    if (Date.now() > until) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until a job reaches a finished state and returns it. */
export async function waitJob(jobs: JobBackend, queue: QueueName, jobId: string, timeoutMs = 20_000): Promise<Job> {
  return waitFor(
    async () => {
      const job = await jobs.queue(queue).raw.getJob(jobId);
      if (!job) return null;
      const state = await job.getState();
      // Re-read: the job fetched before it finished has no return value yet.
      return state === 'completed' || state === 'failed' ? ((await jobs.queue(queue).raw.getJob(jobId)) ?? job) : null;
    },
    timeoutMs,
    `job ${jobId}`,
  );
}

/** Runs a delayed job now (time travel for jobs scheduled days ahead). */
export async function promote(jobs: JobBackend, queue: QueueName, jobId: string): Promise<void> {
  const job = await waitFor(() => jobs.queue(queue).raw.getJob(jobId), 10_000, `job ${jobId} to exist`);
  if ((await job.getState()) === 'delayed') await job.promote();
}
