// The channel API misbehaves for a while: the fake Slack Web API answers 429 (Retry-After) and
// then 5xx to chat.postMessage while reminders are due. Sends are delayed and retried by the real
// workers on Redis, never dropped, never duplicated: each reminder is posted exactly once.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startApp, type RapportApp } from '../../src/app.ts';
import { DEMO_TENANT_ID } from '../../src/seed/demo.ts';
import { FakeSlack } from '../integration/slack/fake-slack.ts';
import { cloneDatabase, record, sleep, startRedis, waitFor } from './_support.ts';

const REMINDERS = 6;

describe('channel API answers 429 and 5xx for a while', () => {
  let db: Awaited<ReturnType<typeof cloneDatabase>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let slack: FakeSlack;
  let app: RapportApp;

  beforeAll(async () => {
    db = await cloneDatabase();
    redis = await startRedis();
    slack = new FakeSlack();
    await slack.start();
    app = await startApp(
      loadConfig({ LOG_LEVEL: 'silent', RAPPORT_SEED_DEMO: 'true', DATABASE_URL: db.url, REDIS_URL: redis.url, SLACK_SIGNING_SECRET: 'channel-errors-secret-0123456', SLACK_BOT_TOKEN: 'xoxb-ch', SLACK_API_URL: slack.apiUrl }),
      { http: false, workers: true, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) },
    );
    // Alex (demo-rep-en) is on Slack: reminders go there.
    await app.db.prisma.tenant.update({ where: { id: DEMO_TENANT_ID }, data: { kind: 'slack', externalId: 'T123' } });
    await app.db.prisma.chatIdentity.create({ data: { tenantId: DEMO_TENANT_ID, channel: 'slack', externalId: 'UALEX', userId: 'demo-rep-en' } });
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
    await redis?.stop();
    await db?.drop();
  });

  it('delays and retries every send; none dropped, none duplicated', async () => {
    const rep = (await app.actors.byIdentity(DEMO_TENANT_ID, 'web', 'demo-rep-en'))!;
    // Slack is rate limiting, then failing, for the next calls.
    slack.fail('chat.postMessage', 429, { retryAfter: 1, times: 4 });
    const tag = randomUUID().slice(0, 6);
    const tasks: { id: string; title: string }[] = [];
    for (let i = 0; i < REMINDERS; i++) {
      tasks.push(await app.services.tasks.createFollowUp(rep, { title: `channel-fault ${tag} #${i}`, dueAt: new Date(Date.now() + 500).toISOString() }));
    }
    app.relay.kick();
    // After the 429s, a burst of 503s.
    await waitFor(async () => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 429).length >= 4, 30_000, '429s served');
    slack.fail('chat.postMessage', 503, { times: 3 });
    // A reminder's post carries its Delivery key (`reminder:<taskId>:…`) in the message metadata.
    // Counted by that key, not by the title: the 08:30 morning digest names due tasks too, and it
    // may fall inside the test (13:30 UTC for Alex in New York).
    const posted = (task: { id: string; title: string }) =>
      slack.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 200 && JSON.stringify(c.args).includes(`reminder:${task.id}:`) && JSON.stringify(c.args).includes(task.title));
    await waitFor(async () => tasks.every((t) => posted(t).length >= 1), 90_000, 'every reminder posted');
    await sleep(3_000); // room for a duplicate to show up
    const perTitle = tasks.map((t) => posted(t).length);
    const refusedCalls = slack.calls.filter((c) => c.method === 'chat.postMessage' && c.status !== 200).length;
    const deliveries = await app.db.prisma.delivery.findMany({ where: { tenantId: DEMO_TENANT_ID, kind: 'reminder', text: { contains: `channel-fault ${tag}` } } });
    expect(perTitle).toEqual(tasks.map(() => 1));
    expect(deliveries).toHaveLength(REMINDERS);
    expect(deliveries.every((d) => d.channel === 'slack' && d.status === 'sent')).toBe(true);
    expect(refusedCalls).toBeGreaterThanOrEqual(7);
    const counts = await app.jobs.queue('crm-reminders').getJobCounts();
    expect(counts.failed ?? 0).toBe(0);
    record({ suite: 'resilience', scenario: `channel 429×4 + 503×3 over ${REMINDERS} reminders`, faults: refusedCalls, eventsLost: perTitle.filter((n) => n === 0).length, duplicates: perTitle.filter((n) => n > 1).length });
  }, 150_000);
});
