// Slack events through the inbound queue, the way production runs them: a server that verifies,
// claims, queues and acks (RAPPORT_WORKERS=false), and a separate worker app on the same
// PostgreSQL and Redis that runs the turns. Also: retries deduplicated, bot echoes not queued,
// the server falling back to handling an event itself when the queue (Redis) is down, and the
// embedded default (BullMQ on PostgreSQL, workers in-process).
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { startApp, type RapportApp } from '../../../src/app.ts';
import { INBOUND_QUEUE } from '../../../src/jobs/inbound.ts';
import { DEMO_TENANT_ID } from '../../../src/seed/demo.ts';
import { cloneDatabase, startRedis, waitFor } from '../../resilience/_support.ts';
import { FakeSlack } from './fake-slack.ts';
import { dm, eventBody, JSON_TYPE, postSlack, SIGNING_SECRET, TEAM } from './harness.ts';

const logger = () => pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

async function slackTenant(app: RapportApp) {
  await app.db.prisma.tenant.update({ where: { id: DEMO_TENANT_ID }, data: { kind: 'slack', externalId: TEAM } });
}

function manager(slack: FakeSlack) {
  // Maps to the demo manager by email on first contact (users.info).
  slack.users.set('UMGR', { id: 'UMGR', team_id: TEAM, name: 'Jing Chen', real_name: 'Jing Chen', tz: 'Asia/Shanghai', locale: 'en-US', profile: { email: 'jing.chen@demo.rapport', real_name: 'Jing Chen' } });
}

const posted = (slack: FakeSlack, channel: string) => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);
/** What the user ends up reading: a slow turn's "Working on it…" placeholder is updated in place. */
const finalText = (slack: FakeSlack, channel: string) => {
  const first = posted(slack, channel)[0];
  const ts = first?.response?.ts;
  const update = slack.calls.filter((c) => c.method === 'chat.update' && c.args.channel === channel && c.args.ts === ts).at(-1);
  return String((update ?? first)?.args.text ?? '');
};

describe('Slack events through the inbound queue (server + separate worker, PostgreSQL + Redis)', () => {
  let db: Awaited<ReturnType<typeof cloneDatabase>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let slack: FakeSlack;
  let server: RapportApp;
  let worker: RapportApp | undefined;
  let env: Record<string, string>;
  let redisStopped = false;

  beforeAll(async () => {
    db = await cloneDatabase();
    redis = await startRedis();
    slack = new FakeSlack();
    await slack.start();
    manager(slack);
    env = {
      PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RAPPORT_SEED_DEMO: 'true',
      DATABASE_URL: db.url, REDIS_URL: redis.url,
      SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-inbound', SLACK_API_URL: slack.apiUrl,
    };
    server = await startApp(loadConfig({ ...env, RAPPORT_WORKERS: 'false' }), { http: true, workers: false, logger: logger() });
    await slackTenant(server);
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await server?.stop();
    await slack?.stop();
    if (!redisStopped) await redis?.stop();
    await db?.drop();
  });

  const interactions = (sourceMessageId: string) => server.db.prisma.interaction.count({ where: { sourceMessageId } });

  it('acks once queued; the worker runs the turn and replies in the thread; a retry is not run twice', async () => {
    const event = dm('UMGR', 'DQ1', 'log visit with Dr. Li, wants samples next Tuesday');
    const eventId = `EvQ${randomUUID().slice(0, 8)}`;
    const sourceId = `slack:${TEAM}:DQ1:${event.ts as string}`;

    // No worker yet: the server acks and the event waits in the queue, nothing written or said.
    const res = await postSlack(server.url!, eventBody(event, eventId), JSON_TYPE);
    expect(res.status).toBe(200);
    const queue = server.jobs.queue(INBOUND_QUEUE);
    expect((await queue.getJobCounts()).waiting).toBe(1);
    expect(await interactions(sourceId)).toBe(0);
    expect(posted(slack, 'DQ1')).toHaveLength(0);
    // Slack's retry of the same delivery while it waits: acked, not queued again.
    expect((await postSlack(server.url!, eventBody(event, eventId), JSON_TYPE, { retryNum: 1 })).status).toBe(200);
    expect((await queue.getJobCounts()).waiting).toBe(1);

    // A worker process comes up: the turn runs there and the reply lands in the DM thread.
    worker = await startApp(loadConfig({ ...env, PORT: '0' }), { http: false, workers: true, logger: logger() });
    await waitFor(async () => (await interactions(sourceId)) === 1, 20_000, 'queued event processed by the worker');
    await waitFor(async () => posted(slack, 'DQ1').length === 1, 10_000, 'reply posted');
    const reply = posted(slack, 'DQ1')[0]!;
    expect(reply.args.thread_ts).toBe(event.ts);
    await waitFor(async () => /Li/.test(finalText(slack, 'DQ1')), 10_000, 'confirmation naming Dr. Li');
    const task = await server.db.prisma.task.findFirst({ where: { tenantId: DEMO_TENANT_ID, interaction: { sourceMessageId: sourceId } } });
    expect(task, 'the follow-up was created from "next Tuesday"').not.toBeNull();

    // A later retry (after the job finished) is still a duplicate: one interaction, one reply.
    expect((await postSlack(server.url!, eventBody(event, eventId), JSON_TYPE, { retryNum: 2 })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(await interactions(sourceId)).toBe(1);
    expect(posted(slack, 'DQ1')).toHaveLength(1);
    expect(await server.db.prisma.processedEvent.count({ where: { source: 'slack', eventId } })).toBe(1);
  }, 60_000);

  it('does not queue events no listener acts on (the bot echo of its own DM reply)', async () => {
    const queue = server.jobs.queue(INBOUND_QUEUE);
    const before = await queue.getJobCounts();
    const echo = dm('UBOT', 'DQ2', 'Logged visit with 李明', { bot_id: 'BBOT' });
    expect((await postSlack(server.url!, eventBody(echo), JSON_TYPE)).status).toBe(200);
    const after = await queue.getJobCounts();
    expect((after.waiting ?? 0) + (after.active ?? 0) + (after.completed ?? 0)).toBe((before.waiting ?? 0) + (before.active ?? 0) + (before.completed ?? 0));
  });

  it('handles the event in the server itself when the queue is down, once', async () => {
    await worker?.stop();
    worker = undefined;
    await redis.stop();
    redisStopped = true;
    const event = dm('UMGR', 'DQ3', 'log call with Tom Baker about the renewal while redis is down');
    const sourceId = `slack:${TEAM}:DQ3:${event.ts as string}`;
    const res = await postSlack(server.url!, eventBody(event), JSON_TYPE);
    expect(res.status).toBe(200);
    await waitFor(async () => (await interactions(sourceId)) === 1, 15_000, 'handled in the server process');
    await waitFor(async () => posted(slack, 'DQ3').length === 1, 10_000, 'reply posted');
  }, 40_000);
});

describe('Slack events through the inbound queue on the embedded defaults (BullMQ on PostgreSQL, workers in-process)', () => {
  let db: Awaited<ReturnType<typeof cloneDatabase>>;
  let slack: FakeSlack;
  let app: RapportApp;

  beforeAll(async () => {
    db = await cloneDatabase();
    slack = new FakeSlack();
    await slack.start();
    manager(slack);
    app = await startApp(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RAPPORT_SEED_DEMO: 'true', DATABASE_URL: db.url, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-inbound-pg', SLACK_API_URL: slack.apiUrl }),
      { http: true, workers: true, logger: logger() },
    );
    await slackTenant(app);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
    await db?.drop();
  });

  it("answers a new user's first messages sent at once: each is logged, none refused", async () => {
    // Sixteen first messages before any is linked: each turn looks the user up (users.info) at once.
    slack.users.set('UALEX', { id: 'UALEX', team_id: TEAM, name: 'Alex Morgan', real_name: 'Alex Morgan', tz: 'America/New_York', locale: 'en-US', profile: { email: 'alex.morgan@demo.rapport', real_name: 'Alex Morgan' } });
    const events = Array.from({ length: 16 }, (_, i) => dm('UALEX', `DQA${i}`, `log call with Tom Baker about first contact ${i}`));
    await Promise.all(events.map(async (e) => expect((await postSlack(app.url!, eventBody(e), JSON_TYPE)).status).toBe(200)));
    const sources = events.map((e) => `slack:${TEAM}:${String(e.channel)}:${String(e.ts)}`);
    await waitFor(async () => (await app.db.prisma.interaction.count({ where: { sourceMessageId: { in: sources } } })) === events.length, 20_000, 'all logged');
    for (const e of events) await waitFor(async () => /Tom Baker/.test(finalText(slack, String(e.channel))), 10_000, `confirmation in ${String(e.channel)}`);
    expect(await app.db.prisma.chatIdentity.count({ where: { channel: 'slack', externalId: 'UALEX' } })).toBe(1);
  }, 40_000);

  it('queues, runs and replies to a Chinese DM once', async () => {
    const event = dm('UMGR', 'DQ4', '拜访了李医生，下周二送样品');
    const eventId = `EvP${randomUUID().slice(0, 8)}`;
    const sourceId = `slack:${TEAM}:DQ4:${event.ts as string}`;
    expect((await postSlack(app.url!, eventBody(event, eventId), JSON_TYPE)).status).toBe(200);
    expect((await postSlack(app.url!, eventBody(event, eventId), JSON_TYPE, { retryNum: 1 })).status).toBe(200);
    await waitFor(async () => (await app.db.prisma.interaction.count({ where: { sourceMessageId: sourceId } })) === 1, 20_000, 'processed');
    await waitFor(async () => posted(slack, 'DQ4').length === 1, 10_000, 'reply posted');
    await waitFor(async () => /李/.test(finalText(slack, 'DQ4')), 10_000, 'confirmation naming 李医生');
    await new Promise((r) => setTimeout(r, 500));
    expect(await app.db.prisma.interaction.count({ where: { sourceMessageId: sourceId } })).toBe(1);
    expect(posted(slack, 'DQ4')).toHaveLength(1);
  }, 40_000);
});
