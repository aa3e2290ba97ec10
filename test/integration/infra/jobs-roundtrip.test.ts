// A job written to the Outbox with a change reaches a worker through BullMQ, on both backends:
// Redis, and PostgreSQL (the real server, and embedded PGlite over its socket).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/infra/logger.ts';
import { createJobBackend, type JobBackend } from '../../../src/jobs/backend.ts';
import { OutboxRelay } from '../../../src/jobs/outbox-relay.ts';
import { OutboxStore } from '../../../src/domain/shared/outbox.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { TEST_REDIS_URL } from '../../helpers/pg-admin.ts';

const logger = createLogger('silent');
const cases = [
  { name: 'Redis', db: 'pglite', redis: true },
  { name: 'PostgreSQL backend on PostgreSQL', db: 'postgres', redis: false },
  { name: 'PostgreSQL backend on PGlite', db: 'pglite', redis: false },
] as const;

describe.each(cases)('job round trip: $name', ({ db: kind, redis }) => {
  let db: TestDatabase;
  let jobs: JobBackend;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    jobs = await createJobBackend({
      redisUrl: redis ? TEST_REDIS_URL : undefined,
      postgresUrl: () => db.connectionString(),
      logger,
      prefix: `t${randomUUID().slice(0, 8)}`,
    });
  });
  afterAll(async () => {
    await jobs?.close();
    await db?.drop();
  });

  it('relays Outbox rows once, runs each job once, and answers pings', async () => {
    await jobs.ping();
    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      jobs.worker('roundtrip', async (job) => {
        seen.push(String(job.data.n));
        if (seen.length === 3) resolve();
      });
    });
    const tenant = await db.prisma.tenant.create({ data: { kind: 'local', name: 'jobs' } });
    await db.prisma.outbox.createMany({
      data: [1, 2, 3].map((n) => ({ tenantId: tenant.id, queue: 'roundtrip', jobName: 'ping', jobId: `ping-${n}`, payload: { n } })),
    });
    const relay = new OutboxRelay(new OutboxStore(db.prisma), jobs, logger);
    expect(await relay.runOnce()).toBe(3);
    // A second relayer that saw the same rows before they were marked adds nothing new: same job ids.
    await jobs.queue('roundtrip').add('ping', { n: 1 }, { jobId: 'ping-1' });
    expect(await relay.runOnce()).toBe(0);
    await done;
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.sort()).toEqual(['1', '2', '3']);
    expect(await relay.pending()).toBe(0);
  });

  it('keeps a delayed job until its time', async () => {
    const started = Date.now();
    const ran = new Promise<number>((resolve) => {
      jobs.worker('delayed', async () => resolve(Date.now()));
    });
    await jobs.queue('delayed').add('later', {}, { delay: 700, jobId: 'later-1' });
    const at = await ran;
    expect(at - started).toBeGreaterThanOrEqual(650);
  });
});
