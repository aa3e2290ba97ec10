// Slack proactive sends are exactly-once across a worker crash: every message carries the
// Delivery's dedupe key in its message metadata, and a retried attempt for a row left `pending`
// looks in the DM's history for it before posting. Runs DeliveryService.deliverOnce (what the
// reminder/survey/greeting jobs call) over the real SlackDelivery port against the fake Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompositeDelivery } from '../../../src/domain/delivery/channel-routing.ts';
import { DeliveryService } from '../../../src/domain/delivery/delivery.service.ts';
import type { DeliveryPort, OutboundMessage, Recipient } from '../../../src/domain/shared/ports.ts';
import { DEMO_TENANT_ID, DEMO_USERS } from '../../../src/seed/demo.ts';
import { QUEUES } from '../../../src/domain/shared/outbox.ts';
import { systemClock } from '../../../src/domain/shared/clock.ts';
import { TaskService } from '../../../src/domain/tasks/index.ts';
import { userActor } from '../domain/_fixtures.ts';
import { openJobs, promote, relayFor, waitFor, waitJob, workersFor } from './_harness.ts';
import type { Call } from '../slack/fake-slack.ts';
import { startHarness, TEAM, type Harness } from '../slack/harness.ts';

describe('Slack proactive sends: exactly-once across a crashed attempt', () => {
  let h: Harness;
  const alex: Recipient = { tenantId: DEMO_TENANT_ID, kind: 'user', id: DEMO_USERS.repEn };
  const msg = (text: string): OutboundMessage => ({ kind: 'reminder', locale: 'en', text });
  /** DeliveryService over the Slack port, optionally wrapped (a crashing worker). */
  const service = (wrap?: (slack: DeliveryPort) => DeliveryPort) => {
    const slack = wrap ? wrap(h.adapter.delivery) : h.adapter.delivery;
    return new DeliveryService(h.db.prisma, new CompositeDelivery({ slack }, h.db.prisma));
  };
  const posts = (key: string): Call[] =>
    h.fake.ok('chat.postMessage').filter((c) => (c.args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key === key);
  const row = (key: string) => h.db.prisma.delivery.findUnique({ where: { tenantId_dedupeKey: { tenantId: DEMO_TENANT_ID, dedupeKey: key } } });

  beforeAll(async () => {
    h = await startHarness();
    h.fake.users.set('UALEX', { id: 'UALEX', team_id: TEAM, name: 'Alex Morgan', profile: { email: 'alex.morgan@demo.rapport' } });
    await h.db.prisma.chatIdentity.upsert({
      where: { tenantId_channel_externalId: { tenantId: DEMO_TENANT_ID, channel: 'slack', externalId: 'UALEX' } },
      create: { tenantId: DEMO_TENANT_ID, channel: 'slack', externalId: 'UALEX', userId: DEMO_USERS.repEn },
      update: {},
    });
  });
  afterAll(() => h?.stop());

  it('a first send posts once, with the dedupe key in the message metadata, and reads no history', async () => {
    const key = 'reminder:eo-first';
    const historyBefore = h.fake.all('conversations.history').length;
    const res = await service().deliverOnce(DEMO_TENANT_ID, key, alex, msg('Call Acme (first)'));
    expect(res.alreadySent).toBe(false);
    const sent = posts(key);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.args.channel).toBe('DALEX');
    expect(sent[0]!.args.metadata).toEqual({ event_type: 'rapport_delivery', event_payload: { key } });
    const ts = String(sent[0]!.response!.ts);
    expect(res.delivery).toMatchObject({ channel: 'slack', status: 'sent', externalRef: `slack:DALEX:${ts}`, threadRef: `slack:DALEX:${ts}` });
    expect(h.fake.all('conversations.history').length).toBe(historyBefore); // no lookup on the hot path
    // A repeat of the job sees `sent`: nothing posted, nothing read.
    const again = await service().deliverOnce(DEMO_TENANT_ID, key, alex, msg('Call Acme (first)'));
    expect(again.alreadySent).toBe(true);
    expect(posts(key)).toHaveLength(1);
    expect(h.fake.all('conversations.history').length).toBe(historyBefore);
  });

  it('a row left pending by an attempt that died after Slack accepted the message: the rerun finds it in history and posts nothing', async () => {
    const key = 'reminder:eo-crashed-after-post';
    // The worker posts, then dies before the `sent` update commits.
    const crashing = service((slack) => ({
      deliver: async (r, m) => {
        await slack.deliver(r, m);
        throw new Error('worker killed after chat.postMessage');
      },
    }));
    await expect(crashing.deliverOnce(DEMO_TENANT_ID, key, alex, msg('Call Acme (crash)'))).rejects.toThrow(/worker killed/);
    expect((await row(key))?.status).toBe('pending');
    const first = posts(key);
    expect(first).toHaveLength(1);
    const ts = String(first[0]!.response!.ts);

    const historyBefore = h.fake.all('conversations.history').length;
    const res = await service().deliverOnce(DEMO_TENANT_ID, key, alex, msg('Call Acme (crash)'));
    expect(res.alreadySent).toBe(false);
    expect(res.delivery).toMatchObject({ status: 'sent', externalRef: `slack:DALEX:${ts}`, threadRef: `slack:DALEX:${ts}` });
    expect(posts(key)).toHaveLength(1); // not posted again
    const reads = h.fake.all('conversations.history').slice(historyBefore);
    expect(reads).toHaveLength(1);
    expect(reads[0]!.args).toMatchObject({ channel: 'DALEX', include_all_metadata: 'true' });
    const created = (await row(key))!.createdAt.getTime() / 1000;
    expect(Number(reads[0]!.args.oldest)).toBeLessThan(created);
    expect(Number(reads[0]!.args.oldest)).toBeGreaterThan(created - 3600);
    expect(await row(key)).toMatchObject({ status: 'sent', externalRef: `slack:DALEX:${ts}` });
  });

  it('a pending row whose message is not in history (the attempt died before posting): the rerun posts once', async () => {
    const key = 'reminder:eo-crashed-before-post';
    const dying = service(() => ({
      deliver: () => Promise.reject(new Error('worker killed before chat.postMessage')),
    }));
    await expect(dying.deliverOnce(DEMO_TENANT_ID, key, alex, msg('Call Acme (no post)'))).rejects.toThrow(/worker killed/);
    expect((await row(key))?.status).toBe('pending');
    expect(posts(key)).toHaveLength(0);
    // The DM's history holds other deliveries' messages (other keys): none of them matches.
    expect(h.fake.stored('DALEX').length).toBeGreaterThan(0);

    const historyBefore = h.fake.all('conversations.history').length;
    const res = await service().deliverOnce(DEMO_TENANT_ID, key, alex, msg('Call Acme (no post)'));
    expect(h.fake.all('conversations.history').length).toBe(historyBefore + 1);
    const sent = posts(key);
    expect(sent).toHaveLength(1);
    expect(res.delivery).toMatchObject({ status: 'sent', externalRef: `slack:DALEX:${String(sent[0]!.response!.ts)}` });
  });

  it('a threaded send looks in the thread (conversations.replies) and finds the earlier attempt there', async () => {
    const key = 'reminder:eo-thread';
    const parentTs = '1700000000.000900';
    const threaded = { ...msg('Call Acme (thread)'), threadRef: `slack:DALEX:${parentTs}` };
    const crashing = service((slack) => ({
      deliver: async (r, m) => {
        await slack.deliver(r, m);
        throw new Error('worker killed after chat.postMessage');
      },
    }));
    await expect(crashing.deliverOnce(DEMO_TENANT_ID, key, alex, threaded)).rejects.toThrow(/worker killed/);
    const ts = String(posts(key)[0]!.response!.ts);
    const repliesBefore = h.fake.all('conversations.replies').length;
    const res = await service().deliverOnce(DEMO_TENANT_ID, key, alex, threaded);
    expect(posts(key)).toHaveLength(1);
    expect(h.fake.all('conversations.replies').slice(repliesBefore)[0]!.args).toMatchObject({ channel: 'DALEX', ts: parentTs });
    expect(res.delivery).toMatchObject({ status: 'sent', externalRef: `slack:DALEX:${ts}`, threadRef: `slack:DALEX:${parentTs}` });
  });

  it('history that cannot be read (no scope for a non-DM channel) falls back to posting', async () => {
    const key = 'reminder:eo-no-scope';
    const dying = service(() => ({ deliver: () => Promise.reject(new Error('worker killed before chat.postMessage')) }));
    await expect(dying.deliverOnce(DEMO_TENANT_ID, key, alex, msg('Call Acme (no scope)'))).rejects.toThrow(/worker killed/);
    h.fake.failWith('conversations.history', 'missing_scope');
    const res = await service().deliverOnce(DEMO_TENANT_ID, key, alex, msg('Call Acme (no scope)'));
    expect(h.fake.all('conversations.history').at(-1)!.response).toMatchObject({ ok: false, error: 'missing_scope' });
    expect(posts(key)).toHaveLength(1);
    expect(res.delivery.status).toBe('sent');
  });

  it('a reminder job whose worker died after Slack accepted the message: stalled recovery marks it sent with that ts and posts nothing', async () => {
    const jobs = await openJobs({ label: 'redis', db: 'postgres', backend: 'redis' }, h.db);
    const relay = relayFor(h.db, jobs);
    const delivery = new CompositeDelivery({ slack: h.adapter.delivery }, h.db.prisma);
    // Worker A: posts to Slack, then "dies" before the `sent` update (its transaction rolls back,
    // the row stays pending) and never finishes the job; its lock is not renewed.
    // (Only for this test's reminder: the demo seed's own due reminders go through as usual.)
    let target = '';
    let posted = 0;
    const dying = new DeliveryService(h.db.prisma, {
      channelFor: (r) => delivery.channelFor(r),
      deliver: async (r, m) => {
        const res = await h.adapter.delivery.deliver(r, m);
        if (m.deliveryKey !== target) return res;
        posted++;
        throw new Error('worker killed after chat.postMessage');
      },
    });
    const crashing = Object.create(dying) as DeliveryService;
    crashing.deliverOnce = (...args: Parameters<DeliveryService['deliverOnce']>) =>
      dying.deliverOnce(...args).catch((err: unknown) => (args[1] === target ? new Promise<never>(() => undefined) : Promise.reject(err)));
    const timing = { lockDuration: 1_500, stalledInterval: 1_000 };
    const a = await workersFor(h.db, jobs, { queues: [QUEUES.reminders], delivery, services: { delivery: crashing }, ...timing });
    let b: Awaited<ReturnType<typeof workersFor>> | undefined;
    try {
      const tasks = new TaskService(h.db.prisma, systemClock);
      const alexActor = userActor(DEMO_TENANT_ID, { id: DEMO_USERS.repEn, name: 'Alex Morgan', role: 'rep', timezone: 'America/New_York' });
      const dueAt = new Date(Date.now() + 86_400_000);
      const t = await tasks.createFollowUp(alexActor, { title: 'Send the exactly-once samples', dueAt });
      await relay.runOnce();
      const jobId = `reminder:${t.id}:${dueAt.getTime()}`;
      target = jobId;
      await promote(jobs, QUEUES.reminders, jobId);
      await waitFor(async () => posted === 1, 20_000, 'worker A to post');
      const first = posts(jobId);
      expect(first).toHaveLength(1);
      const ts = String(first[0]!.response!.ts);
      expect((await row(jobId))?.status).toBe('pending');
      const historyBefore = h.fake.all('conversations.history').length;
      await a.workers[QUEUES.reminders]!.close(true);
      // Worker B (a second "process") picks the stalled job up.
      b = await workersFor(h.db, jobs, { queues: [QUEUES.reminders], delivery, ...timing });
      const job = await waitJob(jobs, QUEUES.reminders, jobId, 30_000);
      expect(job.failedReason ?? null).toBeNull();
      expect(await row(jobId)).toMatchObject({ channel: 'slack', status: 'sent', externalRef: `slack:DALEX:${ts}` });
      expect(posts(jobId)).toHaveLength(1); // posted once in all
      expect(h.fake.ok('conversations.history').slice(historyBefore).some((c) => c.args.channel === 'DALEX' && c.args.include_all_metadata === 'true')).toBe(true);
    } finally {
      // Not a.close(): it would wait for worker A's job, which never finishes.
      await a.workers[QUEUES.reminders]!.close(true).catch(() => undefined);
      await b?.close();
      await jobs.close();
    }
  }, 90_000);

  it('the fake answers history without metadata unless include_all_metadata is set', async () => {
    const client = h.fake.apiUrl;
    const res = await fetch(`${client}conversations.history`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ channel: 'DALEX' }).toString(),
    });
    const body = (await res.json()) as { messages: { metadata?: unknown }[] };
    expect(body.messages.length).toBeGreaterThan(0);
    expect(body.messages.every((m) => m.metadata === undefined)).toBe(true);
  });
});
