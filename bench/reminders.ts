// Benchmark: task-reminder dispatch (load task → deliverOnce to the web inbox → mark sent) in
// jobs/s, against a bare BullMQ no-op worker on the same Redis in the same run. Target: reminders
// ≥ 50 % of the no-op rate. Run by `npm run bench -- jobs` (bench/jobs.ts) at several
// concurrencies. Both workers run at the same concurrency; jobs are added with addBulk before the
// worker starts, and the clock runs from the worker's start to the last completion.
//
// The machine is shared, so the workers are timed in alternating rounds (no-op, reminders, …;
// each reminder round on tasks of its own) and each ratio is the one of the summed times — a burst
// of someone else's load then hits every side alike. Each round's figures and the 1-minute load
// average are in the result.
//
// Two reminder workers are timed: startWorkers' own DeliveryService (statements through Prisma
// Client: what PGlite gets), and (unless --no-raw) with the hot-path statements sent through a
// driver-adapter connection (DeliveryService option `raw`: what `rapport serve`/`worker` use on
// PostgreSQL, see src/app.ts).
//   npx tsx bench/reminders.ts [jobs per round] [concurrency] [--rounds 3] [--no-raw]
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUES } from '../src/domain/shared/outbox.ts';
import { createJobBackend } from '../src/jobs/backend.ts';
import { startWorkers } from '../src/jobs/workers.ts';
import { CompositeDelivery } from '../src/domain/delivery/channel-routing.ts';
import { WebInboxDelivery } from '../src/bots/web/delivery.ts';
import { createLogger } from '../src/infra/logger.ts';
import { TEST_REDIS_URL } from '../test/helpers/pg-admin.ts';
import { DeliveryService } from '../src/domain/delivery/delivery.service.ts';
import { systemClock } from '../src/domain/shared/clock.ts';
import { arg, benchDatabase, flag } from './lib.ts';

const N = Number(process.argv[2] ?? 3000);
const CONCURRENCY = Number(process.argv[3] ?? 10);
const ROUNDS = Number(arg('rounds') ?? 3);
const RAW = !flag('no-raw');
const VARIANTS = RAW ? (['wired', 'raw'] as const) : (['wired'] as const);
const logger = createLogger('silent');
const load1 = () => Math.round(loadavg()[0]! * 100) / 100;

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
  const total = N * ROUNDS * VARIANTS.length;
  for (let i = 0; i < total; i += 10_000) {
    await p.task.createMany({
      data: Array.from({ length: Math.min(10_000, total - i) }, (_, k) => ({
        id: `bt${i + k}`, tenantId: tenant.id, title: `Task ${i + k}`, dueAt, assigneeId: users[(i + k) % 3]!.id, accountId: account.id,
      })),
    });
  }
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const conn = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const jobs = await createJobBackend({ redisUrl: TEST_REDIS_URL, logger, prefix });
  const delivery = new CompositeDelivery({ web: new WebInboxDelivery() }, p);
  const raw = RAW ? await db.adapterFactory.connect() : undefined;
  const rounds: { round: number; noopMs: number; remindersMs: number; rawMs: number | null; load: number }[] = [];
  let nextTask = 0;
  const reminderRound = async (variant: 'wired' | 'raw') => {
    const rq = jobs.queue(QUEUES.reminders);
    const first = nextTask;
    nextTask += N;
    await rq.raw.addBulk(
      Array.from({ length: N }, (_, k) => {
        const i = first + k;
        return { name: 'task-reminder', data: { tenantId: tenant.id, taskId: `bt${i}`, dueAt: dueAt.toISOString() }, opts: { jobId: `reminder:bt${i}:${dueAt.getTime()}` } };
      }),
    );
    const services = variant === 'raw' ? { delivery: new DeliveryService(p, delivery, systemClock, { raw: raw! }) } : {};
    const ms = await drain(rq.raw, N, () =>
      startWorkers({ jobs, db: p, services, delivery, logger, schedulers: false, limiter: null, concurrency: CONCURRENCY, queues: [QUEUES.reminders] }),
    );
    const failed = await rq.raw.getJobCountByTypes('failed');
    if (failed) throw new Error(`${failed} reminder jobs failed (${variant})`);
    await rq.raw.obliterate({ force: true });
    return ms;
  };
  for (let r = 0; r < ROUNDS; r++) {
    const load = load1();
    // 1. Bare BullMQ no-op worker.
    const noopQ = new Queue(`noop${r}`, { connection: conn, prefix });
    await noopQ.addBulk(Array.from({ length: N }, (_, i) => ({ name: 'noop', data: { i }, opts: { removeOnComplete: false } })));
    const noopMs = await drain(noopQ, N, async () =>
      new Worker(`noop${r}`, async () => undefined, { connection: new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null }), prefix, concurrency: CONCURRENCY }),
    );
    await noopQ.obliterate({ force: true });
    await noopQ.close();
    // 2. Reminder dispatch through startWorkers (no limiter: the web inbox needs none), on this
    // round's tasks, as wired and with the driver adapter (in turn first).
    let remindersMs: number;
    let rawMs: number | null = null;
    if (RAW && r % 2 === 1) {
      rawMs = await reminderRound('raw');
      remindersMs = await reminderRound('wired');
    } else {
      remindersMs = await reminderRound('wired');
      if (RAW) rawMs = await reminderRound('raw');
    }
    rounds.push({ round: r + 1, noopMs, remindersMs, rawMs, load });
  }
  const sent = await p.delivery.count({ where: { tenantId: tenant.id, status: 'sent' } });
  const reminded = await p.task.count({ where: { tenantId: tenant.id, reminderSentAt: { not: null } } });
  if (sent !== total || reminded !== total) throw new Error(`expected ${total} deliveries and reminded tasks, got ${sent} and ${reminded}`);

  const sum = (k: 'noopMs' | 'remindersMs' | 'rawMs') => rounds.reduce((a, x) => a + (x[k] ?? 0), 0);
  const perRound = N * ROUNDS;
  const noopRate = (perRound / sum('noopMs')) * 1000;
  const remRate = (perRound / sum('remindersMs')) * 1000;
  const rawRate = RAW ? (perRound / sum('rawMs')) * 1000 : null;
  const ratio = remRate / noopRate;
  const rawRatio = rawRate === null ? null : rawRate / noopRate;
  console.log(`\nReminder dispatch vs bare BullMQ no-op, ${ROUNDS} rounds × ${N} jobs, concurrency ${CONCURRENCY}, Redis ${TEST_REDIS_URL}, PostgreSQL\n`);
  console.table(
    rounds.map((x) => ({
      round: x.round, 'load avg': x.load, 'no-op jobs/s': Math.round((N / x.noopMs) * 1000), 'reminder jobs/s': Math.round((N / x.remindersMs) * 1000),
      '% of no-op': ((x.noopMs / x.remindersMs) * 100).toFixed(1),
      ...(x.rawMs ? { 'driver-adapter jobs/s': Math.round((N / x.rawMs) * 1000), '% of no-op (adapter)': ((x.noopMs / x.rawMs) * 100).toFixed(1) } : {}),
    })),
  );
  console.log(
    `all rounds: no-op ${noopRate.toFixed(0)} jobs/s, reminders ${remRate.toFixed(0)} jobs/s = ${(ratio * 100).toFixed(1)} %` +
      (rawRate && rawRatio ? `, through the driver adapter ${rawRate.toFixed(0)} jobs/s = ${(rawRatio * 100).toFixed(1)} %` : '') +
      ` (target ≥ 50 %); deliveries sent ${sent}, tasks reminded ${reminded}, failed jobs 0`,
  );
  writeFileSync(
    new URL('./results/reminders.json', import.meta.url),
    JSON.stringify(
      {
        jobs: perRound, rounds: ROUNDS, jobsPerRound: N, concurrency: CONCURRENCY,
        noop: { ms: sum('noopMs'), perSec: noopRate }, reminders: { ms: sum('remindersMs'), perSec: remRate, sent, failed: 0 },
        ratio, target: 0.5, pass: ratio >= 0.5,
        driverAdapter: rawRate === null ? null : { ms: sum('rawMs'), perSec: rawRate, ratio: rawRatio },
        perRound: rounds, loadAverage: [rounds[0]!.load, load1()], at: new Date().toISOString(),
      },
      null,
      2,
    ),
  );
  await raw?.dispose();
  conn.disconnect();
  await jobs.close();
} finally {
  await db.drop();
}
process.exit(0);
