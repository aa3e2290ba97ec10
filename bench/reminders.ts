// Benchmark: task-reminder dispatch (reload task → deliverOnce to the web inbox → mark sent)
// in jobs/s, against a bare BullMQ no-op worker on the same Redis in the same run. Target:
// reminders ≥ 50 % of the no-op rate. Run by `npm run bench -- jobs` (bench/jobs.ts) at two concurrencies. Both at the same concurrency; jobs added with addBulk
// before the worker starts, the clock runs from the worker's start to the last completion.
//   npx tsx bench/reminders.ts [jobs] [concurrency]
import { writeFileSync } from 'node:fs';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUES } from '../src/domain/shared/outbox.ts';
import { createJobBackend } from '../src/jobs/backend.ts';
import { startWorkers } from '../src/jobs/workers.ts';
import { CompositeDelivery } from '../src/bots/delivery.ts';
import { WebInboxDelivery } from '../src/bots/web/delivery.ts';
import { createLogger } from '../src/infra/logger.ts';
import { TEST_REDIS_URL } from '../test/helpers/pg-admin.ts';
import { randomBytes } from 'node:crypto';
import { benchDatabase } from './lib.ts';

const N = Number(process.argv[2] ?? 3000);
const CONCURRENCY = Number(process.argv[3] ?? 10);
const logger = createLogger('silent');

async function drain(queue: Queue, n: number, start: () => Promise<{ close(): Promise<void> }>): Promise<number> {
  let done = 0;
  let resolve!: () => void;
  const finished = new Promise<void>((r) => (resolve = r));
  const events = setInterval(async () => {
    const c = await queue.getJobCounts('completed', 'failed');
    done = (c.completed ?? 0) + (c.failed ?? 0);
    if (done >= n) resolve();
  }, 20);
  const t0 = performance.now();
  const w = await start();
  const limit = setTimeout(() => {
    console.error(`reminders bench: only ${done}/${n} jobs finished after 180 s`);
    process.exit(1);
  }, 180_000);
  await finished;
  clearTimeout(limit);
  const ms = performance.now() - t0;
  clearInterval(events);
  await w.close();
  return ms;
}

const db = await benchDatabase('rem');
try {
  const p = db.prisma;
  const tenant = await p.tenant.create({ data: { kind: 'local', name: 'Bench' } });
  const users = await Promise.all(
    ['UTC', 'Asia/Shanghai', 'America/New_York'].map((tz, i) => p.user.create({ data: { tenantId: tenant.id, name: `U${i}`, timezone: tz, locale: i === 1 ? 'zh' : 'en' } })),
  );
  const account = await p.account.create({ data: { tenantId: tenant.id, name: 'Acme', ownerId: users[0]!.id } });
  const dueAt = new Date(Date.now() - 60_000);
  await p.task.createMany({
    data: Array.from({ length: N }, (_, i) => ({ id: `bt${i}`, tenantId: tenant.id, title: `Task ${i}`, dueAt, assigneeId: users[i % 3]!.id, accountId: account.id })),
  });

  // 1. Bare BullMQ no-op worker.
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const conn = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const noopQ = new Queue('noop', { connection: conn, prefix });
  await noopQ.addBulk(Array.from({ length: N }, (_, i) => ({ name: 'noop', data: { i }, opts: { removeOnComplete: false } })));
  const noopMs = await drain(noopQ, N, async () => new Worker('noop', async () => undefined, { connection: new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null }), prefix, concurrency: CONCURRENCY }));

  // 2. Reminder dispatch through startWorkers (no limiter: the web inbox needs none).
  const jobs = await createJobBackend({ redisUrl: TEST_REDIS_URL, logger, prefix });
  const rq = jobs.queue(QUEUES.reminders);
  await rq.raw.addBulk(
    Array.from({ length: N }, (_, i) => ({
      name: 'task-reminder',
      data: { tenantId: tenant.id, taskId: `bt${i}`, dueAt: dueAt.toISOString() },
      opts: { jobId: `reminder:bt${i}:${dueAt.getTime()}` },
    })),
  );
  const delivery = new CompositeDelivery({ web: new WebInboxDelivery(p) }, p);
  const remMs = await drain(rq.raw, N, () =>
    startWorkers({ jobs, db: p, services: {}, delivery, logger, schedulers: false, limiter: null, concurrency: CONCURRENCY, queues: [QUEUES.reminders] }),
  );
  const sent = await p.delivery.count({ where: { tenantId: tenant.id, status: 'sent' } });
  const failed = await rq.raw.getJobCountByTypes('failed');

  const noopRate = (N / noopMs) * 1000;
  const remRate = (N / remMs) * 1000;
  const ratio = remRate / noopRate;
  console.log(`\nReminder dispatch vs bare BullMQ no-op, ${N} jobs, concurrency ${CONCURRENCY}, Redis ${TEST_REDIS_URL}, PostgreSQL\n`);
  console.table([
    { worker: 'bare no-op', seconds: (noopMs / 1000).toFixed(2), 'jobs/s': noopRate.toFixed(0) },
    { worker: 'task-reminder (web inbox)', seconds: (remMs / 1000).toFixed(2), 'jobs/s': remRate.toFixed(0) },
  ]);
  console.log(`ratio ${(ratio * 100).toFixed(1)} % (target ≥ 50 %); deliveries sent ${sent}, failed jobs ${failed}`);
  writeFileSync(
    new URL('./results/reminders.json', import.meta.url),
    JSON.stringify({ jobs: N, concurrency: CONCURRENCY, noop: { ms: noopMs, perSec: noopRate }, reminders: { ms: remMs, perSec: remRate, sent, failed }, ratio, target: 0.5, pass: ratio >= 0.5, at: new Date().toISOString() }, null, 2),
  );
  await noopQ.obliterate({ force: true });
  await rq.raw.obliterate({ force: true });
  await noopQ.close();
  conn.disconnect();
  await jobs.close();
} finally {
  await db.drop();
}
process.exit(0);
