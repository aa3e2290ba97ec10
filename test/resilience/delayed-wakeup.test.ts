// Issue 17, item 0: reminders late after the server was idle. Once a worker has nothing to do but a
// delayed job far ahead, it blocks until that job (up to an hour on BullMQ's PostgreSQL backend);
// a new, earlier delayed job must wake it. On the embedded default (PGlite served on a socket that
// several clients share) the NOTIFY that announces a new job never reached the worker's LISTEN, so
// a reminder "in a minute" waited for the far job or the hour. The test lets the real app's
// workers go idle and block, then asks for a reminder a few seconds ahead and measures how late it
// reaches the web inbox — on PGlite, PostgreSQL and Redis.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../src/domain/shared/outbox.ts';
import { DEMO_TENANT_ID } from '../../src/seed/demo.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { cloneDatabase, record, sleep, startRedis, waitFor } from './_support.ts';

type Backend = 'pglite' | 'postgres' | 'redis';
const BACKENDS: Backend[] = ['pglite', 'postgres', 'redis'];
/** How late a reminder may reach the inbox after its due time. */
const ON_TIME_MS = 2_000;

describe.each(BACKENDS)('a new, earlier delayed job wakes an idle worker (%s)', (backend) => {
  let t: TestApp;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    const env: Record<string, string> = {};
    if (backend !== 'pglite') {
      const db = await cloneDatabase();
      stops.push(() => db.drop());
      env.DATABASE_URL = db.url;
    }
    if (backend === 'redis') {
      const redis = await startRedis();
      stops.push(() => redis.stop());
      env.REDIS_URL = redis.url;
    }
    t = await startTestApp(env, { workers: true });
  }, 90_000);

  afterAll(async () => {
    await t?.stop();
    for (const s of stops.reverse()) await s();
  });

  it('runs a reminder due in a few seconds within 2 s of its time, after the workers went idle', async () => {
    const { app } = t;
    const p = app.db.prisma;
    const rep = (await app.actors.byIdentity(DEMO_TENANT_ID, 'web', 'demo-rep-en'))!;
    // BullMQ's own field: set while the worker is blocked waiting for a job.
    const reminders = app.workers!.workers[QUEUES.reminders] as unknown as { waiting: Promise<unknown> | null };

    // A reminder two hours ahead: the worker learns of it and then sleeps until it.
    const far = await app.services.tasks.createFollowUp(rep, { title: `far ahead ${randomUUID().slice(0, 6)}`, dueAt: new Date(Date.now() + 2 * 3_600_000).toISOString() });
    app.relay.kick();
    const farJobState = await waitFor(async () => {
      const jobs = await app.jobs.queue(QUEUES.reminders).raw.getJobs(['delayed']);
      return jobs.some((j) => String(j.id).includes(far.id)) ? 'delayed' : null;
    }, 15_000, 'far reminder job delayed');
    expect(farJobState).toBe('delayed');

    // Idle: past BullMQ's drain delay (5 s), the worker is blocked on its delayed-set wait.
    await sleep(7_000);
    await waitFor(async () => Boolean(reminders.waiting), 10_000, 'reminders worker blocked in its wait');

    const dueAt = new Date(Date.now() + 4_000);
    const task = await app.services.tasks.createFollowUp(rep, { title: `wake up ${randomUUID().slice(0, 6)}`, dueAt: dueAt.toISOString() });
    app.relay.kick();
    const delivered = await waitFor(
      async () => (await p.delivery.findMany({ where: { tenantId: DEMO_TENANT_ID, kind: 'reminder', text: { contains: task.title } } })).at(0),
      dueAt.getTime() - Date.now() + 30_000,
      'reminder delivered',
    );
    const lateMs = delivered.createdAt.getTime() - dueAt.getTime();
    record({ suite: 'resilience', scenario: `idle worker woken by an earlier delayed job (${backend}), ${lateMs} ms late`, faults: 0, eventsLost: 0, duplicates: 0 });
    expect(lateMs, `reminder ran ${lateMs} ms after its due time`).toBeLessThan(ON_TIME_MS);
    expect(lateMs).toBeGreaterThan(-500);
  }, 90_000);
});
