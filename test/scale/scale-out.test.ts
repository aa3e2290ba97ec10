// Scale-out: two `rapport serve` processes (no in-process workers) and two `rapport worker`
// processes on one PostgreSQL database and one Redis (a Redis database of its own, flushed
// first), with Slack on (a fake Web API). Chat traffic is spread over both servers; every message
// is handled once, Slack events acked by either server are run once by one of the workers, a
// question asked by server A is answered through server B, and a greeting scan run twice at once
// across the two workers sends each greeting exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { TEST_REDIS_URL } from '../helpers/pg-admin.ts';
import { seedDemo, DEMO_TENANT_ID } from '../../src/seed/demo.ts';
import { localParts } from '../../src/domain/delivery/local-time.ts';
import { startRapport, type ServeProcess } from '../../bench/lib.ts';
import { FakeSlack } from '../integration/slack/fake-slack.ts';
import { dm, eventBody, JSON_TYPE, postSlack, SIGNING_SECRET, TEAM } from '../integration/slack/harness.ts';

const REDIS_URL = process.env.SCALE_REDIS_URL ?? `${TEST_REDIS_URL.replace(/\/\d*$/, '')}/7`;

let db: TestDatabase;
const procs: ServeProcess[] = [];
let a: ServeProcess;
let b: ServeProcess;
let slack: FakeSlack;

async function chat(server: ServeProcess, body: Record<string, unknown>): Promise<{ replies: { text: string }[] }> {
  const r = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'demo-rep-en', ...body }) });
  expect(r.status).toBe(200);
  return (await r.json()) as { replies: { text: string }[] };
}

async function until<T>(f: () => Promise<T | undefined | false>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('scale-out: two servers and two workers on PostgreSQL + Redis', () => {
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    await seedDemo(db.prisma);
    await db.prisma.tenant.update({ where: { id: DEMO_TENANT_ID }, data: { kind: 'slack', externalId: TEAM } });
    slack = new FakeSlack();
    await slack.start();
    // The demo manager, matched by email on first contact (users.info).
    slack.users.set('UMGR', { id: 'UMGR', team_id: TEAM, name: 'Jing Chen', real_name: 'Jing Chen', tz: 'Asia/Shanghai', locale: 'en-US', profile: { email: 'jing.chen@demo.rapport', real_name: 'Jing Chen' } });
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    await redis.flushdb();
    redis.disconnect();
    const env = {
      DATABASE_URL: db.url!, REDIS_URL, RAPPORT_SEED_DEMO: 'false', RAPPORT_SECRET: 'scale-out-secret-0123456789', LOG_LEVEL: 'warn',
      SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-scale', SLACK_API_URL: slack.apiUrl,
    };
    // One after another: each process applies pending migrations under Prisma's advisory lock at
    // start, and four at once on 2 busy cores can wait past its 10 s lock timeout (P1002).
    procs.push(await startRapport('serve', { ...env, RAPPORT_WORKERS: 'false' }, 40_000));
    procs.push(await startRapport('serve', { ...env, RAPPORT_WORKERS: 'false' }, 40_000));
    procs.push(await startRapport('worker', env, 40_000));
    procs.push(await startRapport('worker', env, 40_000));
    [a, b] = procs as [ServeProcess, ServeProcess];
  }, 90_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await slack?.stop();
    await db?.drop();
  }, 30_000);

  it('handles every message once, whichever server gets it (and its retry on the other)', async () => {
    const n = 24;
    await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const body = { text: `log visit with Tom Baker about item ${i}`, messageId: `scale-${i}`, threadId: `scale-t${i}` };
        await chat(i % 2 ? b : a, body);
        await chat(i % 2 ? a : b, body); // the client's retry lands on the other replica
      }),
    );
    const rows = await db.prisma.interaction.groupBy({ by: ['sourceMessageId'], where: { tenantId: DEMO_TENANT_ID, sourceMessageId: { startsWith: 'web:scale-' } }, _count: true });
    expect(rows).toHaveLength(n);
    expect(rows.every((r) => r._count === 1)).toBe(true);
  });

  it('runs every Slack event once, whichever server acks it (and its retry on the other)', async () => {
    const n = 16;
    const events = Array.from({ length: n }, (_, i) => ({ event: dm('UMGR', `DSCALE${i}`, `log visit with Dr. Li about scale item ${i}`), id: `EvScale${i}` }));
    await Promise.all(
      events.map(async ({ event, id }, i) => {
        expect((await postSlack((i % 2 ? b : a).url, eventBody(event, id), JSON_TYPE)).status).toBe(200);
        expect((await postSlack((i % 2 ? a : b).url, eventBody(event, id), JSON_TYPE, { retryNum: 1 })).status).toBe(200);
      }),
    );
    const sources = events.map(({ event }) => `slack:${TEAM}:${String(event.channel)}:${String(event.ts)}`);
    const stored = () => db.prisma.interaction.groupBy({ by: ['sourceMessageId'], where: { tenantId: DEMO_TENANT_ID, sourceMessageId: { in: sources } }, _count: true });
    await until(async () => (await stored()).length === n, 45_000).catch((err: unknown) => {
      console.error('Slack events not all stored; Web API calls and process output follow:', JSON.stringify(slack.calls.map((c) => [c.method, c.status, String(c.args.text ?? '').slice(0, 80)])), procs.map((p) => p.output().slice(-3000)).join('\n----\n'));
      throw err;
    });
    await new Promise((r) => setTimeout(r, 1500)); // a second run of any event would show up now
    const rows = await stored();
    expect(rows).toHaveLength(n);
    expect(rows.every((r) => r._count === 1)).toBe(true);
    // One answer per event in its DM (a slow turn's placeholder is updated, not followed).
    for (const { event } of events) {
      expect(slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === event.channel)).toHaveLength(1);
    }
    expect(await db.prisma.processedEvent.count({ where: { source: 'slack', eventId: { in: events.map((e) => e.id) } } })).toBe(n);
  }, 60_000);

  it('shares dialog state: a question asked by server A is answered through server B', async () => {
    const q = await chat(a, { text: 'log a call', threadId: 'scale-dialog', messageId: 'scale-d1' });
    expect(q.replies.map((r) => r.text).join('\n')).toMatch(/who did you/i);
    const ans = await chat(b, { text: 'Tom Baker', threadId: 'scale-dialog', messageId: 'scale-d2' });
    expect(ans.replies.map((r) => r.text).join('\n')).toMatch(/Tom Baker/);
    const logged = await db.prisma.interaction.findFirst({ where: { tenantId: DEMO_TENANT_ID, sourceMessageId: { in: ['web:scale-d1', 'web:scale-d2'] }, contactId: 'con-tom-baker' } });
    expect(logged?.type).toBe('call');
  });

  it('sends each greeting of the day exactly once when the scan runs twice at once across two workers', async () => {
    // A zone where it is now mid-afternoon (inside the send window, outside quiet hours).
    const utcHour = new Date().getUTCHours();
    let offset = 14 - utcHour;
    if (offset > 14) offset -= 24;
    if (offset < -12) offset += 24;
    const tz = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const today = localParts(new Date(), tz);
    const n = 12;
    await db.prisma.contact.createMany({
      data: Array.from({ length: n }, (_, i) => ({
        id: `scale-bday-${i}`, tenantId: DEMO_TENANT_ID, accountId: 'acc-acme', name: `Birthday Person ${i}`, timezone: tz, locale: 'en', region: 'US',
        birthMonth: today.month, birthDay: today.day, preferredChannel: 'web' as const,
      })),
    });
    const queue = new Queue('crm-greetings', { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix: 'rapport' });
    try {
      await Promise.all([
        queue.add('greeting-scan', { tenantId: DEMO_TENANT_ID }, { jobId: 'scale-scan-1' }),
        queue.add('greeting-scan', { tenantId: DEMO_TENANT_ID }, { jobId: 'scale-scan-2' }),
      ]);
      const ids = Array.from({ length: n }, (_, i) => `scale-bday-${i}`);
      // Every contact gets its birthday greeting (and any holiday of the day in its region, e.g.
      // US Thanksgiving): one Greeting per (contact, occasion), one Delivery per Greeting.
      const sent = () =>
        db.prisma.greeting.findMany({ where: { contactId: { in: ids } }, select: { id: true, contactId: true, occasion: true, status: true } });
      await until(async () => {
        const gs = await sent();
        return gs.filter((g) => g.occasion === 'birthday' && g.status === 'sent').length === n && gs.every((g) => g.status === 'sent');
      }, 45_000);
      await new Promise((r) => setTimeout(r, 1500)); // anything late would show up now
      const greetings = await sent();
      expect(new Set(greetings.map((g) => `${g.contactId}/${g.occasion}`)).size).toBe(greetings.length);
      expect(greetings.filter((g) => g.occasion === 'birthday')).toHaveLength(n);
      const deliveries = await db.prisma.delivery.groupBy({
        by: ['dedupeKey'],
        where: { tenantId: DEMO_TENANT_ID, dedupeKey: { in: greetings.map((g) => `greeting:${g.id}`) } },
        _count: true,
      });
      expect(deliveries).toHaveLength(greetings.length);
      expect(deliveries.every((d) => d._count === 1)).toBe(true);
      expect(await db.prisma.delivery.count({ where: { tenantId: DEMO_TENANT_ID, kind: 'greeting', recipientId: { in: ids } } })).toBe(greetings.length);
      const counts = await queue.getJobCounts('completed', 'failed');
      expect(counts.failed).toBe(0);
    } finally {
      await queue.close();
    }
  }, 60_000);
});
