// A worker is SIGKILLed in the middle of sending greetings and surveys: `rapport worker` runs as a
// child (its database reached through a TCP proxy that adds latency, so the work takes seconds
// and the kill lands mid-way), a second worker takes over, and BullMQ's stalled-job recovery
// finishes the jobs the dead one held. Every greeting and survey is sent exactly once: one
// Delivery per dedupe key, none missing.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startApp, type RapportApp } from '../../src/app.ts';
import { QUEUES } from '../../src/domain/shared/outbox.ts';
import { DEMO_TENANT_ID } from '../../src/seed/demo.ts';
import { cloneDatabase, record, spawnRapport, startRedis, TcpProxy, waitFor, type RapportChild } from './_support.ts';

const GREETINGS = 40;
const SURVEYS = 20;

/** An Etc/GMT zone where it is about noon now (outside quiet hours 21:00–08:00). */
function noonZone(now = new Date()): string {
  let offset = 12 - now.getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

describe('a worker is killed mid-send', () => {
  let db: Awaited<ReturnType<typeof cloneDatabase>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let slowDb: TcpProxy;
  let producer: RapportApp;
  const children: RapportChild[] = [];

  beforeAll(async () => {
    db = await cloneDatabase();
    redis = await startRedis();
    slowDb = await new TcpProxy('127.0.0.1', 5432, 25).start();
    // The "web server" side: seeds, writes the work and relays the Outbox; no workers here.
    producer = await startApp(loadConfig({ LOG_LEVEL: 'silent', RAPPORT_SEED_DEMO: 'true', DATABASE_URL: db.url, REDIS_URL: redis.url }), { http: false, workers: false, logger: pino({ level: 'silent' }) });
  }, 60_000);

  afterAll(async () => {
    for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await producer?.stop();
    await slowDb?.stop();
    await redis?.stop();
    await db?.drop();
  });

  it('finishes every greeting and survey once after SIGKILL (stalled-job recovery)', async () => {
    const p = producer.db.prisma;
    const tz = noonZone();
    const now = new Date();
    const year = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: tz }).format(now));
    const greetingIds: string[] = [];
    const surveyIds: string[] = [];
    for (let i = 0; i < GREETINGS; i++) {
      const c = await p.contact.create({ data: { tenantId: DEMO_TENANT_ID, accountId: 'acc-acme', name: `Kill Test ${i}`, locale: i % 2 ? 'zh' : 'en', timezone: tz, region: 'US', preferredChannel: 'web' } });
      const g = await p.greeting.create({ data: { tenantId: DEMO_TENANT_ID, contactId: c.id, occasion: 'birthday', year, scheduledAt: now } });
      greetingIds.push(g.id);
      await p.outbox.create({ data: { tenantId: DEMO_TENANT_ID, queue: QUEUES.greetings, jobName: 'greeting-send', jobId: `greeting:send:${g.id}`, payload: { tenantId: DEMO_TENANT_ID, greetingId: g.id } } });
      if (i < SURVEYS) {
        const s = await p.survey.create({ data: { tenantId: DEMO_TENANT_ID, kind: 'csat', contactId: c.id, accountId: 'acc-acme', status: 'scheduled', scheduledAt: now } });
        surveyIds.push(s.id);
        await p.outbox.create({ data: { tenantId: DEMO_TENANT_ID, queue: QUEUES.surveys, jobName: 'survey-send', jobId: `survey:send:${s.id}`, payload: { tenantId: DEMO_TENANT_ID, surveyId: s.id } } });
      }
    }
    producer.relay.kick();
    await waitFor(async () => (await p.outbox.count({ where: { relayedAt: null } })) === 0, 20_000, 'outbox relayed');

    const env = { DATABASE_URL: slowDb.url(db.url), REDIS_URL: redis.url, RAPPORT_SEED_DEMO: 'false', LOG_LEVEL: 'info' };
    const sent = () => p.delivery.count({ where: { tenantId: DEMO_TENANT_ID, OR: [{ dedupeKey: { startsWith: 'greeting:' } }, { dedupeKey: { startsWith: 'survey:' } }] } });
    const first = spawnRapport(['worker'], env);
    children.push(first);
    await first.waitForLine(/workers are running/, 60_000);
    // Kill it once some, but not all, of the work is done.
    const atKill = await waitFor(async () => {
      const n = await sent();
      return n >= 8 ? n : null;
    }, 60_000, 'first deliveries');
    first.proc.kill('SIGKILL');
    await first.exited;
    const afterKill = await sent();
    expect(afterKill).toBeLessThan(GREETINGS + SURVEYS);

    const second = spawnRapport(['worker'], env);
    children.push(second);
    await second.waitForLine(/workers are running/, 60_000);
    // Stalled jobs come back after their lock (30 s) expires; the rest go on at once.
    await waitFor(
      async () => (await p.greeting.count({ where: { id: { in: greetingIds }, status: 'sent' } })) === GREETINGS && (await p.survey.count({ where: { id: { in: surveyIds }, status: 'sent' } })) === SURVEYS,
      110_000,
      'all greetings and surveys sent',
    );
    const rows = await p.delivery.groupBy({ by: ['dedupeKey'], where: { tenantId: DEMO_TENANT_ID, OR: [{ dedupeKey: { in: greetingIds.map((id) => `greeting:${id}`) } }, { dedupeKey: { in: surveyIds.map((id) => `survey:${id}`) } }] }, _count: { _all: true } });
    const duplicates = rows.filter((r) => r._count._all > 1).length;
    const missing = GREETINGS + SURVEYS - rows.length;
    // One inbox item per contact per kind.
    const perRecipient = await p.delivery.groupBy({ by: ['recipientId', 'kind'], where: { tenantId: DEMO_TENANT_ID, kind: { in: ['greeting', 'survey'] }, dedupeKey: { in: [...greetingIds.map((id) => `greeting:${id}`), ...surveyIds.map((id) => `survey:${id}`)] } }, _count: { _all: true } });
    const doubled = perRecipient.filter((r) => r._count._all > 1).length;
    // None of our jobs is left active (locked) or failed; the queues' repeatable scans don't count.
    // A job whose work the killed worker finished but never marked complete stays "active" until
    // its lock expires and the stalled-job check hands it to the second worker (a no-op re-run).
    const jobStates = () =>
      Promise.all([
        ...greetingIds.map((id) => producer.jobs.queue(QUEUES.greetings).raw.getJobState(`greeting:send:${id}`)),
        ...surveyIds.map((id) => producer.jobs.queue(QUEUES.surveys).raw.getJobState(`survey:send:${id}`)),
      ]);
    await waitFor(async () => (await jobStates()).every((st) => st === 'completed' || st === 'failed'), 60_000, 'stalled jobs recovered').catch(() => undefined);
    const states = await jobStates();
    expect(states.filter((st) => st !== 'completed')).toEqual([]);
    record({ suite: 'resilience', scenario: `worker SIGKILL after ${atKill}/${GREETINGS + SURVEYS} sends`, faults: 1, eventsLost: missing, duplicates: duplicates + doubled });
    expect({ duplicates, missing, doubled }).toEqual({ duplicates: 0, missing: 0, doubled: 0 });
  }, 240_000);
});
