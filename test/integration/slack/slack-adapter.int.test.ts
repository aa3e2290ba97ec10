// The Slack adapter end to end: signed HTTP requests in, the real Bolt app, the chat engine and
// PostgreSQL behind it, and a local stand-in for Slack's Web API recording what we post.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderOutbound, renderReply } from '../../../src/bots/slack/blocks.ts';
import { ChannelRateLimitedError, RecipientUnreachableError } from '../../../src/domain/delivery/delivery.errors.ts';
import { DEMO_CUSTOMER_ID, DEMO_TENANT_ID, DEMO_USERS } from '../../../src/seed/demo.ts';
import type { Call } from './fake-slack.ts';
import { dm, eventBody, FORM, JSON_TYPE, nextTs, payloadBody, postSlack, pressButton, sign, startHarness, TEAM, type Harness } from './harness.ts';

type Btn = { value: string; action_id: string };
type Blk = { type: string; block_id?: string; text?: { text: string }; elements?: Btn[]; accessory?: Btn };
const buttons = (blocks: unknown): Btn[] => (blocks as Blk[]).flatMap((b) => [...(b.type === 'actions' ? (b.elements ?? []) : []), ...(b.accessory ? [b.accessory] : [])]);
const texts = (blocks: unknown): string => (blocks as Blk[]).map((b) => b.text?.text ?? '').join('\n');

describe('Slack adapter over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const user = (id: string, team: string, email: string, name: string, extra: object = {}) =>
      h.fake.users.set(id, { id, team_id: team, name, real_name: name, tz: 'Asia/Shanghai', locale: 'en-US', profile: { email, real_name: name }, ...extra });
    user('UMGR', TEAM, 'jing.chen@demo.rapport', 'Jing Chen');
    user('UALEX', TEAM, 'alex.morgan@demo.rapport', 'Alex Morgan', { tz: 'America/New_York' });
    user('UNEW', TEAM, 'new.rep@acme.example', 'Nina New');
    user('USARAH', 'TEXT1', 'sarah.chen@acme.example', 'Sarah Chen');
    user('USTRANGE', 'TEXT2', 'nobody@elsewhere.example', 'Nobody', { is_stranger: true });
  });
  afterAll(() => h?.stop());

  const postsTo = (channel: string, threadTs?: string) => h.fake.ok('chat.postMessage').filter((c) => c.args.channel === channel && (!threadTs || c.args.thread_ts === threadTs));
  const interactionsFrom = (messageId: string) => h.db.prisma.interaction.findMany({ where: { tenantId: DEMO_TENANT_ID, sourceMessageId: messageId } });

  it('answers the URL verification handshake', async () => {
    const body = JSON.stringify({ token: 't', challenge: 'c-123', type: 'url_verification' });
    const res = await postSlack(h.url, body, JSON_TYPE);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const event = dm('UMGR', 'DMGR01', 'log visit with Dr. Li, should never be logged');
    const body = eventBody(event, 'EvBADSIG');
    const ts = Math.floor(Date.now() / 1000);
    const res = await postSlack(h.url, body, JSON_TYPE, { ts, signature: sign(body, ts, 'wrong-secret') });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(await h.db.prisma.processedEvent.count({ where: { eventId: 'EvBADSIG' } })).toBe(0);
    expect(await interactionsFrom(`slack:${TEAM}:DMGR01:${event.ts as string}`)).toHaveLength(0);
    expect(h.fake.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
  });

  it('refuses a replayed request (timestamp older than 5 minutes, or too far ahead)', async () => {
    for (const [id, skew] of [['EvOLD', -301], ['EvFUTURE', 400]] as const) {
      const body = eventBody(dm('UMGR', 'DMGR01', 'my tasks'), id);
      const ts = Math.floor(Date.now() / 1000) + skew;
      const res = await postSlack(h.url, body, JSON_TYPE, { ts }); // correctly signed for that ts
      expect(res.status).toBe(401);
      expect(await h.db.prisma.processedEvent.count({ where: { eventId: id } })).toBe(0);
    }
  });

  let confirmation: { blocks: unknown[]; ts: string; text: string };
  let logEvent: Record<string, unknown>;
  it('logs a visit with Dr. Li from a DM: the confirmation lands in the thread with Undo and Edit', async () => {
    logEvent = dm('UMGR', 'DMGR01', 'log visit with Dr. Li, discussed the new trial');
    const started = Date.now();
    const res = await postSlack(h.url, eventBody(logEvent, 'EvLOG1'), JSON_TYPE);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000); // acked before the work
    const posted = await h.fake.waitFor(() => postsTo('DMGR01', logEvent.ts as string)[0]);
    expect(posted.args.thread_ts).toBe(logEvent.ts);
    expect(texts(posted.args.blocks)).toMatch(/Logged visit with Dr\. Li Ming \(City No\.1 Hospital\)/);
    const values = buttons(posted.args.blocks).map((b) => b.value);
    expect(values).toContain('undo');
    expect(values.some((v) => v.startsWith('edit:interaction:'))).toBe(true);
    // action_ids are unique within the message
    const ids = buttons(posted.args.blocks).map((b) => b.action_id);
    expect(new Set(ids).size).toBe(ids.length);
    confirmation = { blocks: posted.args.blocks as unknown[], ts: await botTsOf(posted), text: String(posted.args.text) };

    const rows = await interactionsFrom(`slack:${TEAM}:DMGR01:${logEvent.ts as string}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'visit', contactId: 'con-li-ming', userId: DEMO_USERS.manager, channel: 'slack', summary: 'discussed the new trial' });
    // First contact went through users.info and linked the Slack user to the demo manager.
    const identity = await h.db.prisma.chatIdentity.findUnique({ where: { tenantId_channel_externalId: { tenantId: DEMO_TENANT_ID, channel: 'slack', externalId: 'UMGR' } } });
    expect(identity?.userId).toBe(DEMO_USERS.manager);
  });

  it('acts once on a retried delivery (same event_id, X-Slack-Retry-Num: 1)', async () => {
    const posted = h.fake.ok('chat.postMessage').length;
    const res = await postSlack(h.url, eventBody(logEvent, 'EvLOG1'), JSON_TYPE, { retryNum: 1 });
    expect(res.status).toBe(200);
    await h.adapter.idle();
    await new Promise((r) => setTimeout(r, 300));
    expect(await interactionsFrom(`slack:${TEAM}:DMGR01:${logEvent.ts as string}`)).toHaveLength(1);
    expect(h.fake.ok('chat.postMessage')).toHaveLength(posted);
    expect(await h.db.prisma.processedEvent.count({ where: { source: 'slack', eventId: 'EvLOG1' } })).toBe(1);
  });

  it('Undo replaces the buttons of the confirmation with the outcome (chat.update, no new message)', async () => {
    const posted = h.fake.ok('chat.postMessage').length;
    const payload = pressButton({ user: 'UMGR', channel: 'DMGR01', message: { ts: confirmation.ts, thread_ts: logEvent.ts as string, blocks: confirmation.blocks, text: confirmation.text }, value: 'undo' });
    const updates = h.fake.ok('chat.update').length;
    const res = await postSlack(h.url, payloadBody(payload), FORM);
    expect(res.status).toBe(200);
    const update = await h.fake.waitFor(() => h.fake.ok('chat.update').slice(updates).find((c) => c.args.ts === confirmation.ts));
    expect(update.args.channel).toBe('DMGR01');
    expect(buttons(update.args.blocks).map((b) => b.value)).not.toContain('undo');
    expect(texts(update.args.blocks)).toMatch(/Undone/);
    expect(h.fake.ok('chat.postMessage')).toHaveLength(posted);
    expect(await interactionsFrom(`slack:${TEAM}:DMGR01:${logEvent.ts as string}`)).toHaveLength(0);
  });

  /** The ts the fake gave a chat.postMessage call. */
  async function botTsOf(call: Call): Promise<string> {
    return String(call.response?.ts);
  }

  it('asks which Dr. Wang and logs the one picked by button', async () => {
    const event = dm('UMGR', 'DMGR01', 'log visit with Dr. Wang, brought samples');
    await postSlack(h.url, eventBody(event), JSON_TYPE);
    const question = await h.fake.waitFor(() => postsTo('DMGR01', event.ts as string)[0]);
    const choices = buttons(question.args.blocks).filter((b) => b.value.startsWith('choose:'));
    expect(choices.length).toBeGreaterThanOrEqual(2);
    expect(await interactionsFrom(`slack:${TEAM}:DMGR01:${event.ts as string}`)).toHaveLength(0);

    const ts = await botTsOf(question);
    const payload = pressButton({ user: 'UMGR', channel: 'DMGR01', message: { ts, thread_ts: event.ts as string, blocks: question.args.blocks as unknown[] }, value: 'choose:1' });
    expect((await postSlack(h.url, payloadBody(payload), FORM)).status).toBe(200);
    const update = await h.fake.waitFor(() => h.fake.ok('chat.update').find((c) => c.args.ts === ts));
    expect(buttons(update.args.blocks).some((b) => b.value.startsWith('choose:'))).toBe(false);
    expect(texts(update.args.blocks)).toMatch(/Logged visit with/);
    const rows = await interactionsFrom(`slack:${TEAM}:DMGR01:${event.ts as string}`);
    expect(rows).toHaveLength(1);
    expect(['con-wang-qiang', 'con-wang-li']).toContain(rows[0]!.contactId);
  });

  it('Edit opens a modal with the note; submitting it saves the new note and says so in the thread', async () => {
    const event = dm('UMGR', 'DMGR01', 'log call with Acme, first draft');
    await postSlack(h.url, eventBody(event), JSON_TYPE);
    const conf = await h.fake.waitFor(() => postsTo('DMGR01', event.ts as string)[0]);
    const edit = buttons(conf.args.blocks).find((b) => b.value.startsWith('edit:interaction:'))!;
    const interactionId = edit.value.slice('edit:interaction:'.length);
    const press = pressButton({ user: 'UMGR', channel: 'DMGR01', message: { ts: await botTsOf(conf), thread_ts: event.ts as string, blocks: conf.args.blocks as unknown[] }, value: edit.value });
    await postSlack(h.url, payloadBody(press), FORM);
    const open = await h.fake.waitFor(() => h.fake.ok('views.open').at(-1));
    expect(open.args.trigger_id).toBe('123.456.abc');
    const view = open.args.view as { callback_id: string; private_metadata: string; blocks: { element?: { initial_value?: string } }[] };
    expect(view.blocks[0]!.element!.initial_value).toBe('first draft');

    const submission = {
      type: 'view_submission',
      team: { id: TEAM, domain: 'acme' },
      user: { id: 'UMGR', username: 'jing', name: 'jing', team_id: TEAM },
      api_app_id: 'A123',
      token: 'tok',
      trigger_id: '9.9.9',
      view: { id: 'V1', type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: { note: { value: { type: 'plain_text_input', value: 'renewal confirmed for Q3' } } } }, hash: 'h' },
    };
    const res = await postSlack(h.url, payloadBody(submission), FORM);
    expect(res.status).toBe(200);
    const said = await h.fake.waitFor(() => postsTo('DMGR01', event.ts as string).find((c) => /Updated the note/.test(String(c.args.text))));
    expect(buttons(said.args.blocks).map((b) => b.value)).toContain('undo');
    expect((await h.db.prisma.interaction.findUniqueOrThrow({ where: { id: interactionId } })).summary).toBe('renewal confirmed for Q3');
  });

  describe('surveys answered by a Slack Connect customer', () => {
    const surveyIds: Record<string, string> = {};
    beforeAll(async () => {
      const now = new Date();
      for (const [key, kind, ts] of [['csat', 'csat', '1700000000.000100'], ['nps', 'nps', '1700000000.000200']] as const) {
        const s = await h.db.prisma.survey.create({
          data: { tenantId: DEMO_TENANT_ID, kind, contactId: DEMO_CUSTOMER_ID, accountId: 'acc-acme', triggerKind: 'manual', triggerId: `slack-test-${key}`, status: 'sent', scheduledAt: now, sentAt: now, channel: 'slack', threadRef: `slack:DSARAH1:${ts}` },
        });
        surveyIds[key] = s.id;
      }
    });

    it('records a score pressed on the survey buttons and replaces them with the thanks', async () => {
      const id = surveyIds.csat!;
      const msg = renderOutbound('How satisfied are you?', [[1, 2, 3, 4, 5].map((n) => ({ label: String(n), value: `survey:${id}:${n}` }))], '');
      const payload = pressButton({ user: 'USARAH', channel: 'DSARAH1', message: { ts: '1700000000.000100', blocks: msg.blocks }, value: `survey:${id}:4` });
      expect((await postSlack(h.url, payloadBody(payload), FORM)).status).toBe(200);
      const update = await h.fake.waitFor(() => h.fake.ok('chat.update').find((c) => c.args.ts === '1700000000.000100'));
      expect(texts(update.args.blocks)).toMatch(/Thank you/);
      expect(buttons(update.args.blocks).some((b) => b.value.startsWith('survey:'))).toBe(false);
      const response = await h.db.prisma.surveyResponse.findUnique({ where: { surveyId: id } });
      expect(response).toMatchObject({ score: 4, channel: 'slack' });
      // She is a contact (Slack Connect, other workspace), reachable where she wrote.
      const identity = await h.db.prisma.chatIdentity.findUnique({ where: { tenantId_channel_externalId: { tenantId: DEMO_TENANT_ID, channel: 'slack', externalId: 'USARAH' } } });
      expect(identity?.contactId).toBe(DEMO_CUSTOMER_ID);
      expect(await h.db.prisma.conversationReference.count({ where: { tenantId: DEMO_TENANT_ID, channel: 'slack', contactId: DEMO_CUSTOMER_ID } })).toBe(1);
    });

    it('records a score written as a reply in the survey thread', async () => {
      const event = dm('USARAH', 'DSARAH1', '9 great support', { thread_ts: '1700000000.000200' });
      expect((await postSlack(h.url, eventBody(event), JSON_TYPE)).status).toBe(200);
      const reply = await h.fake.waitFor(() => postsTo('DSARAH1', '1700000000.000200')[0]);
      expect(String(reply.args.text)).toMatch(/Thank you/);
      const response = await h.db.prisma.surveyResponse.findUnique({ where: { surveyId: surveyIds.nps! } });
      expect(response).toMatchObject({ score: 9, comment: 'great support' });
    });

    it('a customer cannot use the CRM; a stranger from another organisation is refused', async () => {
      const own = dm('USARAH', 'DSARAH1', 'log visit with Dr. Li');
      await postSlack(h.url, eventBody(own), JSON_TYPE);
      const r1 = await h.fake.waitFor(() => postsTo('DSARAH1', own.ts as string)[0]);
      expect(String(r1.args.text)).toMatch(/customer/i);
      const stranger = dm('USTRANGE', 'DSTRANGE1', 'my tasks');
      await postSlack(h.url, eventBody(stranger), JSON_TYPE);
      const r2 = await h.fake.waitFor(() => postsTo('DSTRANGE1', stranger.ts as string)[0]);
      expect(String(r2.args.text)).toMatch(/only help the team/);
      expect(await h.db.prisma.contact.count({ where: { tenantId: DEMO_TENANT_ID, email: 'nobody@elsewhere.example' } })).toBe(0);
    });
  });

  it('creates a rep for a new member of the workspace on first contact', async () => {
    const event = dm('UNEW', 'DNEW1', 'my tasks');
    await postSlack(h.url, eventBody(event), JSON_TYPE);
    await h.fake.waitFor(() => postsTo('DNEW1', event.ts as string)[0]);
    const u = await h.db.prisma.user.findFirst({ where: { tenantId: DEMO_TENANT_ID, email: 'new.rep@acme.example' } });
    expect(u).toMatchObject({ name: 'Nina New', role: 'rep', timezone: 'Asia/Shanghai' });
  });

  it('publishes the App Home with tasks, at-risk accounts and the pipeline', async () => {
    const body = eventBody({ type: 'app_home_opened', user: 'UMGR', channel: 'DMGR01', tab: 'home', event_ts: nextTs() });
    expect((await postSlack(h.url, body, JSON_TYPE)).status).toBe(200);
    const publish = await h.fake.waitFor(() => h.fake.ok('views.publish').find((c) => c.args.user_id === 'UMGR'));
    const view = publish.args.view as { type: string; blocks: Blk[] };
    expect(view.type).toBe('home');
    const all = texts(view.blocks);
    expect(all).toMatch(/My tasks/);
    expect(all).toMatch(/team's accounts at risk/);
    expect(all).toMatch(/pipeline at a glance/);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('answers /crm with an ephemeral response', async () => {
    const form = new URLSearchParams({ token: 't', team_id: TEAM, team_domain: 'acme', channel_id: 'C0SALES', channel_name: 'sales', user_id: 'UALEX', user_name: 'alex', command: '/crm', text: 'my tasks', api_app_id: 'A123', is_enterprise_install: 'false', response_url: h.fake.respondUrl('cmd1'), trigger_id: '1.2.3' }).toString();
    expect((await postSlack(h.url, form, FORM)).status).toBe(200);
    const r = await h.fake.waitFor(() => h.fake.ok('respond')[0]);
    expect(r.args.response_type).toBe('ephemeral');
    expect(String(r.args.text).length).toBeGreaterThan(0);
  });

  it('waits out a 429 (Retry-After) and posts the reply exactly once', async () => {
    h.fake.fail('chat.postMessage', 429, { retryAfter: 1 });
    const event = dm('UALEX', 'DALEX1', 'my tasks');
    await postSlack(h.url, eventBody(event), JSON_TYPE);
    const ok = await h.fake.waitFor(() => postsTo('DALEX1', event.ts as string)[0]);
    const attempts = h.fake.all('chat.postMessage').filter((c) => c.args.channel === 'DALEX1');
    expect(attempts.map((a) => a.status)).toEqual([429, 200]);
    expect(ok.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('when the database is down: 503 (Slack retries), the user is told, nothing recorded; the retry is processed later', async () => {
    const event = dm('UALEX', 'DALEX1', 'log call with Acme, renewal talk');
    const body = eventBody(event, 'EvDBDOWN');
    h.setDatabaseDown(true);
    try {
      const res = await postSlack(h.url, body, JSON_TYPE);
      expect(res.status).toBe(503);
    } finally {
      h.setDatabaseDown(false);
    }
    const told = await h.fake.waitFor(() => postsTo('DALEX1', event.ts as string)[0]);
    expect(String(told.args.text)).toMatch(/unavailable/);
    expect(await h.db.prisma.processedEvent.count({ where: { eventId: 'EvDBDOWN' } })).toBe(0);

    const retry = await postSlack(h.url, body, JSON_TYPE, { retryNum: 1 });
    expect(retry.status).toBe(200);
    const done = await h.fake.waitFor(() => postsTo('DALEX1', event.ts as string)[1]);
    expect(String(done.args.text)).toMatch(/Logged call with Acme/);
    expect(buttons(done.args.blocks).map((b) => b.value)).toContain('undo');
    expect(await interactionsFrom(`slack:${TEAM}:DALEX1:${event.ts as string}`)).toHaveLength(1);
  });

  describe('delivery port', () => {
    it('posts to a contact where they talked to us and returns the thread ref', async () => {
      const res = await h.adapter.delivery.deliver({ tenantId: DEMO_TENANT_ID, kind: 'contact', id: DEMO_CUSTOMER_ID }, { kind: 'survey', locale: 'en', text: 'How did we do?', actions: [[{ label: '5', value: 'survey:x:5' }]] });
      const post = h.fake.ok('chat.postMessage').at(-1)!;
      expect(post.args.channel).toBe('DSARAH1');
      expect(res).toEqual({ channel: 'slack', threadRef: `slack:DSARAH1:${(await botTsOf(post))}`, externalRef: `slack:DSARAH1:${await botTsOf(post)}` });
    });

    it('opens a DM with a user and continues a thread when given a threadRef', async () => {
      const res = await h.adapter.delivery.deliver({ tenantId: DEMO_TENANT_ID, kind: 'user', id: DEMO_USERS.repEn }, { kind: 'reminder', locale: 'en', text: 'Call Acme', threadRef: 'slack:DALEX1:1700000000.000900' });
      const post = h.fake.ok('chat.postMessage').at(-1)!;
      expect(post.args).toMatchObject({ channel: 'DALEX1', thread_ts: '1700000000.000900' });
      expect(res.threadRef).toBe('slack:DALEX1:1700000000.000900');
      const fresh = await h.adapter.delivery.deliver({ tenantId: DEMO_TENANT_ID, kind: 'user', id: DEMO_USERS.repEn }, { kind: 'reminder', locale: 'en', text: 'Call Acme' });
      expect(h.fake.ok('conversations.open').at(-1)!.args.users).toBe('UALEX');
      expect(fresh.threadRef).toMatch(/^slack:DALEX:\d+\.\d+$/);
    });

    it('says clearly when the recipient was never reached on Slack, and carries Retry-After on a 429', async () => {
      await expect(h.adapter.delivery.deliver({ tenantId: DEMO_TENANT_ID, kind: 'user', id: DEMO_USERS.repZh }, { kind: 'reminder', locale: 'zh', text: 'x' })).rejects.toBeInstanceOf(RecipientUnreachableError);
      h.fake.fail('chat.postMessage', 429, { retryAfter: 2, times: 5 });
      const err = await h.adapter.delivery.deliver({ tenantId: DEMO_TENANT_ID, kind: 'contact', id: DEMO_CUSTOMER_ID }, { kind: 'survey', locale: 'en', text: 'x' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChannelRateLimitedError);
      expect((err as ChannelRateLimitedError).retryAfterMs).toBe(2000);
      h.fake.fail('chat.postMessage', 429, { times: 0 });
    });
  });
});

describe('Block Kit rendering', () => {
  it('escapes user text so it cannot mention or link', () => {
    const r = renderReply({ text: 'Note: <!channel> <@U1> & <http://evil|x>' }, { threadKey: 'slack:D1:1.1', locale: 'en' });
    const section = r.first.blocks[0] as Blk & { text: { text: string; verbatim?: boolean } };
    expect(section.text.text).toBe('Note: &lt;!channel&gt; &lt;@U1&gt; &amp; &lt;http://evil|x&gt;');
    expect(section.text.verbatim).toBe(true);
    expect(r.first.text).not.toMatch(/<|>/);
  });

  it('keeps to 50 blocks and 3,000 characters, with a More button for the rest', () => {
    const sections = Array.from({ length: 60 }, (_, i) => ({ title: `${i + 1}. Account ${i}`, lines: ['x'.repeat(4000)], actions: [{ label: 'Open', value: `say:tell me about ${i}` }] }));
    let key = '';
    const r = renderReply({ text: 'At risk:', sections, actions: [[{ label: 'Undo', value: 'undo' }]] }, { threadKey: 'slack:D1:1.1', locale: 'en', moreKey: () => (key = 'k1') });
    expect(r.first.blocks.length).toBeLessThanOrEqual(50);
    for (const b of r.first.blocks as Blk[]) expect((b.text?.text ?? '').length).toBeLessThanOrEqual(3000);
    expect(buttons(r.first.blocks).at(-1)!.value).toBe('slack-more:k1');
    expect(key).toBe('k1');
    expect(r.rest!.sections.length + (r.first.blocks.length - 2)).toBe(60);
  });
});
