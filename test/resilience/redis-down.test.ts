// Redis stops: the server reaches its own throwaway redis-server through a TCP proxy the test cuts
// and restores. Chat keeps working, job-producing writes wait in the Outbox and are relayed once
// Redis is back, the in-process workers resume, and a reminder due meanwhile reaches the web inbox
// exactly once.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startApp, type RapportApp } from '../../src/app.ts';
import { DEMO_TENANT_ID } from '../../src/seed/demo.ts';
import { cloneDatabase, record, sleep, startRedis, TcpProxy, waitFor } from './_support.ts';

describe('Redis stops', () => {
  let db: Awaited<ReturnType<typeof cloneDatabase>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let proxy: TcpProxy;
  let app: RapportApp;
  let url: string;

  beforeAll(async () => {
    db = await cloneDatabase();
    redis = await startRedis();
    proxy = await new TcpProxy('127.0.0.1', redis.port).start();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RAPPORT_SEED_DEMO: 'true', DATABASE_URL: db.url, REDIS_URL: proxy.url(redis.url) });
    app = await startApp(config, { http: true, workers: true, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
    url = app.url!;
  }, 60_000);

  afterAll(async () => {
    proxy?.restore();
    await app?.stop();
    await proxy?.stop();
    await redis?.stop();
    await db?.drop();
  });

  const chat = async (userId: string, text: string) => {
    const started = Date.now();
    const res = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId, text, messageId: randomUUID() }), signal: AbortSignal.timeout(15_000) });
    return { status: res.status, ms: Date.now() - started, body: (await res.json()) as { replies: { kind: string; text: string }[] } };
  };

  it('chat keeps working, the Outbox holds the jobs, and a due reminder is delivered once after Redis returns', async () => {
    const p = app.db.prisma;
    await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, 10_000, 'ready');
    proxy.cut();
    await sleep(300);

    // Chat, reads and writes, while Redis is away.
    const reads = await chat('demo-rep-en', 'my tasks');
    expect(reads.status).toBe(200);
    const write = await chat('demo-rep-en', 'remind me to call Tom Baker tomorrow 3pm');
    expect(write.status).toBe(200);
    expect(write.body.replies[0]!.kind).toBe('confirmation');
    const logged = await chat('demo-rep-zh', '拜访了李医生，下周二送样品');
    expect(logged.status).toBe(200);
    expect(logged.body.replies[0]!.kind, logged.body.replies[0]!.text).toBe('confirmation');
    for (const r of [reads, write, logged]) expect(r.ms).toBeLessThan(5_000);

    // A follow-up due in a few seconds, written while Redis is down.
    const rep = (await app.actors.byIdentity(DEMO_TENANT_ID, 'web', 'demo-rep-en'))!;
    const task = await app.services.tasks.createFollowUp(rep, { title: `redis-fault follow-up ${randomUUID().slice(0, 6)}`, dueAt: new Date(Date.now() + 3_000).toISOString() });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: Record<string, string> }).checks.redis).toMatch(/^unavailable/);
    await sleep(1_500);
    const pending = await p.outbox.count({ where: { relayedAt: null } });
    expect(pending).toBeGreaterThanOrEqual(3); // the two chat writes' jobs and the reminder wait here

    // Redis returns: relay catches up, workers resume, the reminder lands once.
    proxy.restore();
    await waitFor(async () => (await p.outbox.count({ where: { relayedAt: null } })) === 0, 30_000, 'outbox relayed');
    await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, 15_000, 'ready again');
    const reminder = await waitFor(
      async () => (await p.delivery.findMany({ where: { tenantId: DEMO_TENANT_ID, kind: 'reminder', text: { contains: task.title } } })).at(0),
      40_000,
      'reminder delivered',
    );
    expect(reminder.channel).toBe('web');
    // Let duplicates (a second relay pass, a retried job) show up if they were going to.
    await sleep(2_000);
    const deliveries = await p.delivery.count({ where: { tenantId: DEMO_TENANT_ID, kind: 'reminder', text: { contains: task.title } } });
    const inbox = (await (await fetch(`${url}/api/inbox?userId=demo-rep-en`)).json()) as { items: { kind: string; text: string }[] };
    // The reminder itself, not the 08:30 morning digest, which names due tasks too and may fall
    // inside the test (13:30 UTC for Alex in New York).
    const inInbox = inbox.items.filter((i) => i.kind === 'reminder' && i.text.includes(task.title)).length;
    expect({ deliveries, inInbox }).toEqual({ deliveries: 1, inInbox: 1 });
    const jobs = await app.jobs.queue('crm-reminders').getJobCounts();
    expect(jobs.failed ?? 0).toBe(0);
    record({ suite: 'resilience', scenario: 'redis down', faults: 1, eventsLost: 0, duplicates: deliveries - 1 });
  }, 120_000);
});
