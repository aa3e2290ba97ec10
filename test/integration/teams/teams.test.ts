// The Teams channel end to end: activities shaped like Teams sends them go over HTTP into the
// real CloudAdapter; replies, card updates and proactive messages land on a local stand-in for
// the Bot Connector (serviceUrl). Database: PGlite with the demo seed, as `rapport serve` runs.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CompositeDelivery } from '../../../src/domain/delivery/channel-routing.ts';
import { WebInboxDelivery } from '../../../src/bots/web/delivery.ts';
import { createTeamsAdapter, TeamsConnectorBusyError, type TeamsAdapter } from '../../../src/bots/teams/index.ts';
import { escapeCardMarkdown, replyCard } from '../../../src/bots/teams/cards.ts';
import { ActorDirectory } from '../../../src/domain/identity/actor-directory.ts';
import type { Actor } from '../../../src/domain/shared/actor.ts';
import { createLogger } from '../../../src/infra/logger.ts';
import { createChatHandler } from '../../../src/intents/engine.ts';
import { RulesParser } from '../../../src/intents/llm/rules-parser.ts';
import type { ChatHandler } from '../../../src/intents/types.ts';
import { seedDemo } from '../../../src/seed/demo.ts';
import { buildServices, type Services } from '../../../src/services.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { FakeConnector } from './fake-connector.ts';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT = { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'Rapport' };
const MEGAN = { id: '29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85g', name: 'Megan Bowen', aadObjectId: '7faf8ab2-3d56-4244-b585-20c8a42ed2b8' };
const RAVI = { id: '29:1RaviPx0q9ZkT', name: 'Ravi Patel', aadObjectId: '0d3b4a55-8c6f-4d0e-9a57-5f1a2b3c4d5e' };
const GUEST = { id: '29:1GuestQ7wLm', name: 'Li Wei (Guest)', aadObjectId: '9e8d7c6b-0000-4a1b-8c2d-3e4f5a6b7c8d' };
const MEGAN_CHAT = 'a:17I0kl9EkpE1O9PH5TWrzrLNwnWWcfrU7QZjKR0WSfOpzbfcAg2Iayd';
const RAVI_CHAT = 'a:1RaviPersonalChat9x';
const GUEST_CHAT = 'a:1GuestPersonalChat2y';
const CHANNEL = '19:8f2c1e0a5b4d4c3e9a7b6c5d4e3f2a1b@thread.tacv2;messageid=1632474074231';

let seq = 1;
const nextId = () => `1632474${String(seq++).padStart(6, '0')}`;

type Who = { id: string; name: string; aadObjectId?: string };

describe('Microsoft Teams over the real CloudAdapter', () => {
  let db: TestDatabase;
  let services: Services;
  let actors: ActorDirectory;
  let fake: FakeConnector;
  let server: Server;
  let base: string;
  let main: TeamsAdapter;
  let jwt: TeamsAdapter;
  const control = { failNext: 0, delayMs: 0 };

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    await seedDemo(db.prisma);
    // Routing as app.ts builds it (web inbox); the Teams port is exercised directly below.
    services = buildServices(db.prisma, new CompositeDelivery({ web: new WebInboxDelivery() }, db.prisma));
    actors = new ActorDirectory(db.prisma);
    const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
    const real = createChatHandler({ services, actors, parser: new RulesParser(), logger });
    // The real engine, with a switch to make the next call look like the database went away.
    const chat: ChatHandler = {
      async handle(m) {
        if (control.failNext > 0) {
          control.failNext--;
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        }
        if (control.delayMs) await new Promise((r) => setTimeout(r, control.delayMs));
        return real.handle(m);
      },
    };
    fake = await new FakeConnector().start();
    const deps = { chat, services, logger };
    main = createTeamsAdapter({
      ...deps,
      config: {},
      options: { delivery: { baseBackoffMs: 20, maxAttempts: 3 }, typing: { delay: 150, period: 400 }, turnBudgetMs: 8_000 },
    });
    jwt = createTeamsAdapter({ ...deps, config: { MICROSOFT_APP_ID: '4c1f6a2e-5b8d-4e7f-9a0b-1c2d3e4f5a6b', MICROSOFT_APP_PASSWORD: 'not-a-real-secret' } });
    const allow = createTeamsAdapter({ ...deps, config: { TEAMS_ALLOWED_TENANTS: '11111111-2222-3333-4444-555555555555' } });
    const quick = createTeamsAdapter({ ...deps, config: {}, options: { turnBudgetMs: 300, typing: { delay: 100, period: 300 } } });
    const app = express();
    app.use('/jwt', jwt.router);
    app.use('/allow', allow.router);
    app.use('/quick', quick.router);
    app.use(main.router);
    server = createServer(app);
    // All interfaces, so a test can also arrive from a non-loopback address.
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server?.close(() => resolve());
      server?.closeAllConnections();
    });
    await fake?.stop();
    await db?.drop();
  });

  beforeEach(() => {
    fake.reset();
    control.failNext = 0;
    control.delayMs = 0;
  });

  const personal = (conversationId: string) => ({ conversationType: 'personal', tenantId: TENANT, id: conversationId });

  function activity(type: string, from: Who, conversation: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    return {
      type,
      id: nextId(),
      timestamp: new Date().toISOString(),
      serviceUrl: fake.url,
      channelId: 'msteams',
      from,
      conversation,
      recipient: BOT,
      locale: 'en-US',
      entities: [{ type: 'clientInfo', locale: 'en-US', timezone: 'America/Los_Angeles' }],
      channelData: { tenant: { id: TENANT } },
      ...extra,
    };
  }

  const message = (from: Who, conversationId: string, text: string, extra: Record<string, unknown> = {}) =>
    activity('message', from, personal(conversationId), { textFormat: 'plain', text, ...extra });

  const invoke = (from: Who, conversationId: string, replyToId: string, data: Record<string, unknown>) =>
    activity('invoke', from, personal(conversationId), {
      name: 'adaptiveCard/action',
      replyToId,
      value: { action: { type: 'Action.Execute', id: 'btn', verb: 'rapport', data }, trigger: 'manual' },
      channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
    });

  async function post(body: object, path = '/api/messages', headers: Record<string, string> = {}, host = base) {
    const res = await fetch(`${host}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, body: json as Record<string, unknown> | null };
  }

  /** All plain text on a card (RichTextBlock runs, TextBlocks, facts), for assertions. */
  function cardText(card: unknown): string {
    const out: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (!v || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      if ((o.type === 'TextRun' || o.type === 'TextBlock') && typeof o.text === 'string') out.push(o.text);
      if (o.type === 'FactSet') for (const f of o.facts as { title: string; value: string }[]) out.push(`${f.title}: ${f.value}`);
      for (const k of ['body', 'items', 'inlines', 'columns']) if (k in o) walk(o[k]);
    };
    walk(card);
    return out.join('\n');
  }

  const attachmentCard = (call: { body: Record<string, unknown> | null }) =>
    ((call.body?.attachments as { contentType: string; content: unknown }[] | undefined) ?? [])[0];

  /** Button values (Action.Execute data.value) on a card. */
  function buttons(card: unknown): { title: string; value: string; fallback: string }[] {
    const out: { title: string; value: string; fallback: string }[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (!v || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Execute') {
        out.push({ title: String(o.title), value: String((o.data as { value: string }).value), fallback: String((o.fallback as { type: string }).type) });
      }
      for (const k of ['body', 'items', 'actions']) if (k in o) walk(o[k]);
    };
    walk(card);
    return out;
  }

  async function teamsTenant() {
    const t = await db.prisma.tenant.findUnique({ where: { kind_externalId: { kind: 'teams', externalId: TENANT } } });
    expect(t).not.toBeNull();
    return t!;
  }

  async function actorOf(who: Who): Promise<Actor> {
    const t = await teamsTenant();
    const a = await actors.byIdentity(t.id, 'teams', who.aadObjectId!);
    expect(a).not.toBeNull();
    return a!;
  }

  let accountReady = false;
  /** Megan's first message creates the Teams tenant and her user; then she gets an account. */
  async function meganWithAccount(): Promise<Actor> {
    if (!accountReady) {
      fake.members.set(MEGAN.id, { ...MEGAN, email: 'megan.bowen@contoso.com', userPrincipalName: 'megan.bowen@contoso.com', tenantId: TENANT, userRole: 'user' });
      const first = await post(message(MEGAN, MEGAN_CHAT, 'help'));
      expect(first.status).toBe(200);
      const megan = await actorOf(MEGAN);
      const acc = await services.accounts.createAccount(megan, { name: 'Contoso Pharma', aliases: ['Contoso'] });
      await services.contacts.createContact(megan, { name: 'Sarah Chen', accountId: acc.id, email: 'sarah@contoso-pharma.example' });
      accountReady = true;
    }
    return actorOf(MEGAN);
  }

  it('loopback-only mode: answers a personal message in the same conversation and maps the user', async () => {
    fake.members.set(MEGAN.id, { ...MEGAN, email: 'megan.bowen@contoso.com', userPrincipalName: 'megan.bowen@contoso.com', tenantId: TENANT, userRole: 'user' });
    const msg = message(MEGAN, MEGAN_CHAT, 'help');
    const res = await post(msg);
    expect(res.status).toBe(200);
    const replies = fake.messages(MEGAN_CHAT);
    expect(replies.length).toBeGreaterThanOrEqual(1);
    // An in-turn reply goes to POST /v3/conversations/{conv}/activities/{replyToId}.
    expect(replies[0]!.activityId).toBe(msg.id);
    const att = attachmentCard(replies[0]!);
    expect(att?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect((att!.content as { version: string }).version).toBe('1.5');
    expect(cardText(att?.content).length).toBeGreaterThan(10);

    const tenant = await teamsTenant();
    expect(tenant.kind).toBe('teams');
    const megan = await actorOf(MEGAN);
    expect(megan).toMatchObject({ kind: 'user', role: 'rep', name: 'Megan Bowen' });
    const user = await db.prisma.user.findUnique({ where: { id: (megan as { userId: string }).userId } });
    expect(user).toMatchObject({ email: 'megan.bowen@contoso.com', timezone: 'America/Los_Angeles' });
    const ref = await db.prisma.conversationReference.findUnique({ where: { tenantId_channel_conversationId: { tenantId: tenant.id, channel: 'teams', conversationId: MEGAN_CHAT } } });
    expect(ref).toMatchObject({ userId: user!.id, contactId: null });
    expect((ref!.reference as { serviceUrl: string }).serviceUrl).toBe(fake.url);
  });

  it('logs an interaction once for a duplicate activity id, with Undo/Edit buttons (Execute + Submit fallback)', async () => {
    const megan = await meganWithAccount();
    fake.reset();
    const msg = message(MEGAN, MEGAN_CHAT, 'log a call with Sarah Chen, discussed pricing, she wants a quote by Friday');
    expect((await post(msg)).status).toBe(200);
    expect((await post(msg)).status).toBe(200);
    const rows = await db.prisma.interaction.findMany({ where: { sourceMessageId: `teams:${MEGAN_CHAT}:${msg.id}` } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'call', userId: (megan as { userId: string }).userId });
    const events = await db.prisma.processedEvent.findMany({ where: { source: 'teams', eventId: `${MEGAN_CHAT}:${msg.id}` } });
    expect(events).toHaveLength(1);
    // One answer only: the duplicate is silent.
    const replies = fake.messages(MEGAN_CHAT);
    expect(replies).toHaveLength(1);
    const card = attachmentCard(replies[0]!)!.content;
    expect(cardText(card)).toMatch(/Logged call with Sarah Chen/);
    const b = buttons(card);
    expect(b.map((x) => x.value)).toEqual(['undo', `edit:interaction:${rows[0]!.id}`]);
    expect(b.every((x) => x.fallback === 'Action.Submit')).toBe(true);
  });

  it('a card button (invoke adaptiveCard/action) updates the card in place', async () => {
    await meganWithAccount();
    const msg = message(MEGAN, MEGAN_CHAT, 'log a visit with Sarah Chen, demo of the new dashboard');
    await post(msg);
    const logged = await db.prisma.interaction.findFirst({ where: { sourceMessageId: `teams:${MEGAN_CHAT}:${msg.id}` } });
    expect(logged).not.toBeNull();
    fake.reset();
    const press = invoke(MEGAN, MEGAN_CHAT, '1001', { value: 'undo' });
    const res = await post(press);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const card = (res.body as { value: unknown }).value;
    expect((card as { type: string }).type).toBe('AdaptiveCard');
    expect(cardText(card)).toMatch(/undid|undone|reverted|removed/i);
    expect(await db.prisma.interaction.findUnique({ where: { id: logged!.id } })).toBeNull();
    // Nothing else was posted: the answer is the card update.
    expect(fake.messages()).toHaveLength(0);
    // The same invoke again does not act twice.
    const again = await post(press);
    expect(cardText((again.body as { value: unknown }).value)).toMatch(/Already done/);
  });

  it('Action.Submit fallback (message with value) updates the submitted card with PUT', async () => {
    await meganWithAccount();
    const msg = message(MEGAN, MEGAN_CHAT, 'log a meeting with Sarah Chen about the renewal');
    await post(msg);
    fake.reset();
    const submit = message(MEGAN, MEGAN_CHAT, '', { text: undefined, value: { value: 'undo' }, replyToId: '1002' });
    const res = await post(submit);
    expect(res.status).toBe(200);
    const updates = fake.updates();
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ conversationId: MEGAN_CHAT, activityId: '1002' });
    expect(cardText(attachmentCard(updates[0]!)!.content)).toMatch(/undid|undone|reverted|removed/i);
    expect(fake.messages()).toHaveLength(0);
  });

  it('installationUpdate stores the reference; a proactive reminder reaches that conversation', async () => {
    fake.members.set(RAVI.id, { ...RAVI, email: 'ravi.patel@contoso.com', tenantId: TENANT, userRole: 'user' });
    const install = activity('installationUpdate', RAVI, personal(RAVI_CHAT), { action: 'add' });
    expect((await post(install)).status).toBe(200);
    const tenant = await teamsTenant();
    const ravi = await actorOf(RAVI);
    const raviId = (ravi as { userId: string }).userId;
    const ref = await db.prisma.conversationReference.findUnique({ where: { tenantId_channel_conversationId: { tenantId: tenant.id, channel: 'teams', conversationId: RAVI_CHAT } } });
    expect(ref?.userId).toBe(raviId);
    fake.reset();

    const result = await main.delivery.deliver(
      { tenantId: tenant.id, kind: 'user', id: raviId },
      {
        kind: 'reminder',
        locale: 'en',
        text: 'Reminder: send the *quote* to [Contoso](https://evil.example) due tomorrow 10:00',
        actions: [[
          { label: 'Done', value: 'task:done:t1', style: 'primary' },
          { label: 'Snooze 1 day', value: 'task:snooze:t1' },
          { label: 'Reschedule', value: 'task:reschedule:t1' },
        ]],
      },
    );
    const sent = fake.messages(RAVI_CHAT);
    expect(sent).toHaveLength(1);
    // Proactive: a new message in the conversation, not a reply to an activity.
    expect(sent[0]!.path).toBe(`/v3/conversations/${RAVI_CHAT}/activities`);
    const card = attachmentCard(sent[0]!)!.content;
    expect(buttons(card).map((b) => b.title)).toEqual(['Done', 'Snooze 1 day', 'Reschedule']);
    // User-visible text is a plain TextRun: no Markdown link or emphasis is created.
    expect(JSON.stringify(card)).toContain('"type":"TextRun","text":"Reminder: send the *quote* to [Contoso](https://evil.example) due tomorrow 10:00"');
    expect(result).toMatchObject({ channel: 'teams', threadRef: `teams:${RAVI_CHAT}` });
    expect(result.externalRef).toMatch(new RegExp(`^teams:${RAVI_CHAT}#\\d+$`));
  });

  it('conversationUpdate adding the bot stores the reference and welcomes once', async () => {
    const who = { id: '29:1NewcomerZz', name: 'Nia Newcomer', aadObjectId: '5a5a5a5a-6b6b-4c7c-8d8d-9e9e9e9e9e9e' };
    const conv = 'a:1NewcomerPersonalChat';
    // Staff only on the directory's word (issue 17): the roster says Nia is a member.
    fake.members.set(who.id, { ...who, email: 'nia.newcomer@contoso.com', tenantId: TENANT, userRole: 'user' });
    const added = activity('conversationUpdate', who, personal(conv), { membersAdded: [{ id: BOT.id }] });
    expect((await post(added)).status).toBe(200);
    const welcome = fake.messages(conv);
    expect(welcome.length).toBeGreaterThanOrEqual(1);
    expect(cardText(attachmentCard(welcome[0]!)!.content)).toMatch(/I'm Rapport/);
    expect((await post(added)).status).toBe(200); // redelivered: no second welcome
    expect(fake.messages(conv)).toHaveLength(welcome.length);
    const tenant = await teamsTenant();
    const ref = await db.prisma.conversationReference.findUnique({ where: { tenantId_channel_conversationId: { tenantId: tenant.id, channel: 'teams', conversationId: conv } } });
    expect(ref?.userId).toBe(((await actorOf(who)) as { userId: string }).userId);
  });

  it('a user never reached in Teams gets a clear error, not silence', async () => {
    const tenant = await teamsTenant();
    const user = await db.prisma.user.create({ data: { tenantId: tenant.id, name: 'Quiet Quinn', role: 'rep' } });
    await expect(main.delivery.deliver({ tenantId: tenant.id, kind: 'user', id: user.id }, { kind: 'reminder', locale: 'en', text: 'Reminder' })).rejects.toThrow(
      /has never talked to Rapport in Teams; ask them to open the app once/,
    );
    expect(fake.calls).toHaveLength(0);
  });

  it('429 with Retry-After, then success: the message is sent exactly once', async () => {
    const tenant = await teamsTenant();
    const ravi = await actorOf(RAVI);
    fake.failures.push({ status: 429, headers: { 'Retry-After': '1' } });
    const started = Date.now();
    const result = await main.delivery.deliver({ tenantId: tenant.id, kind: 'user', id: (ravi as { userId: string }).userId }, { kind: 'digest', locale: 'en', text: 'Your week in Rapport' });
    const attempts = fake.calls.filter((c) => c.method === 'POST' && c.conversationId === RAVI_CHAT);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(fake.messages(RAVI_CHAT)).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950); // waited for Retry-After
    expect(result.threadRef).toBe(`teams:${RAVI_CHAT}`);
  });

  it('5xx that persists: bounded retries (SDK retries off), then an error carrying retryAfterMs', async () => {
    const tenant = await teamsTenant();
    const ravi = await actorOf(RAVI);
    fake.failures.push({ status: 500 }, { status: 502 }, { status: 503 }, { status: 500 }, { status: 500 });
    const err = await main.delivery
      .deliver({ tenantId: tenant.id, kind: 'user', id: (ravi as { userId: string }).userId }, { kind: 'digest', locale: 'en', text: 'Digest' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TeamsConnectorBusyError);
    expect((err as TeamsConnectorBusyError).retryAfterMs).toBeGreaterThan(0);
    // maxAttempts = 3 in this test, each a single HTTP call: the SDK's own retry policy is off.
    expect(fake.calls.filter((c) => c.method === 'POST').map((c) => c.status)).toEqual([500, 502, 503]);
    expect(fake.messages()).toHaveLength(0);
  });

  it('with an app id, a request without a valid JWT is 401 and nothing is stored', async () => {
    const before = {
      events: await db.prisma.processedEvent.count(),
      interactions: await db.prisma.interaction.count(),
      refs: await db.prisma.conversationReference.count(),
    };
    const msg = message(MEGAN, MEGAN_CHAT, 'log a call with Sarah Chen, 5 min');
    const none = await post(msg, '/jwt/api/messages');
    expect(none.status).toBe(401);
    const forged = await post(msg, '/jwt/api/messages', { authorization: 'Bearer not.a.jwt' });
    expect(forged.status).toBe(401);
    expect(await db.prisma.processedEvent.count()).toBe(before.events);
    expect(await db.prisma.interaction.count()).toBe(before.interactions);
    expect(await db.prisma.conversationReference.count()).toBe(before.refs);
    expect(fake.calls).toHaveLength(0);
    expect(jwt.describe()).toMatch(/JWT validation/);
    expect(main.describe()).toMatch(/WITHOUT authentication.*loopback only/);
  });

  it('without an app id, non-loopback and proxied requests are refused with 401', async () => {
    const proxied = await post(message(MEGAN, MEGAN_CHAT, 'help'), '/api/messages', { 'x-forwarded-for': '203.0.113.9' });
    expect(proxied.status).toBe(401);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && !i.internal && i.family === 'IPv4');
    if (external) {
      const port = (server.address() as AddressInfo).port;
      const res = await post(message(MEGAN, MEGAN_CHAT, 'help'), '/api/messages', {}, `http://${external.address}:${port}`);
      expect(res.status).toBe(401);
    }
    expect(fake.calls).toHaveLength(0);
  });

  it('when the database is down: the unavailable reply, no ProcessedEvent, and a retry of the same id acts', async () => {
    await meganWithAccount();
    const msg = message(MEGAN, MEGAN_CHAT, 'log a call with Sarah Chen about delivery dates');
    control.failNext = 1;
    expect((await post(msg)).status).toBe(200);
    const first = fake.messages(MEGAN_CHAT);
    expect(first).toHaveLength(1);
    expect(cardText(attachmentCard(first[0]!)!.content)).toMatch(/The CRM is unavailable right now, so nothing was recorded/);
    expect(await db.prisma.processedEvent.count({ where: { eventId: `${MEGAN_CHAT}:${msg.id}` } })).toBe(0);
    fake.reset();
    await post(msg);
    expect(await db.prisma.interaction.count({ where: { sourceMessageId: `teams:${MEGAN_CHAT}:${msg.id}` } })).toBe(1);
    expect(cardText(attachmentCard(fake.messages(MEGAN_CHAT)[0]!)!.content)).toMatch(/Logged call/);
  });

  it('@mention in a channel: mention removed, reply in the reply chain, channel reference has no owner', async () => {
    await meganWithAccount();
    const msg = activity('message', MEGAN, { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: CHANNEL }, {
      text: '<at>Rapport</at> help',
      entities: [{ type: 'mention', text: '<at>Rapport</at>', mentioned: BOT }],
      channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:8f2c1e0a5b4d4c3e9a7b6c5d4e3f2a1b@thread.tacv2' } },
    });
    expect((await post(msg)).status).toBe(200);
    const replies = fake.messages(CHANNEL);
    expect(replies.length).toBeGreaterThanOrEqual(1);
    expect(replies[0]!.path).toBe(`/v3/conversations/${CHANNEL}/activities/${msg.id}`);
    const tenant = await teamsTenant();
    const ref = await db.prisma.conversationReference.findUnique({ where: { tenantId_channel_conversationId: { tenantId: tenant.id, channel: 'teams', conversationId: CHANNEL } } });
    expect(ref).toMatchObject({ userId: null, contactId: null });
  });

  it('a guest from another tenant becomes a contact and is limited to customer actions', async () => {
    fake.members.set(GUEST.id, { ...GUEST, email: 'li.wei@partner.example', tenantId: '99999999-9999-4999-8999-999999999999', userRole: 'guest' });
    const res = await post(message(GUEST, GUEST_CHAT, 'my tasks'));
    expect(res.status).toBe(200);
    const guest = await actorOf(GUEST);
    expect(guest).toMatchObject({ kind: 'contact', name: 'Li Wei (Guest)' });
    const contact = await db.prisma.contact.findUnique({ where: { id: (guest as { contactId: string }).contactId } });
    expect(contact).toMatchObject({ email: 'li.wei@partner.example', preferredChannel: 'teams' });
    expect(cardText(attachmentCard(fake.messages(GUEST_CHAT)[0]!)!.content)).toMatch(/As a customer/);
  });

  it('CSAT: a customer taps 4 with a comment on the survey card; the card updates and both are recorded', async () => {
    // The guest from the previous test is a contact in the Teams tenant.
    const guest = await actorOf(GUEST);
    const contactId = (guest as { contactId: string }).contactId;
    const now = new Date();
    const survey = await db.prisma.survey.create({
      data: { tenantId: guest.tenantId, kind: 'csat', contactId, status: 'sent', scheduledAt: now, sentAt: now, channel: 'teams', threadRef: `teams:${GUEST_CHAT}` },
    });
    const press = invoke(GUEST, GUEST_CHAT, '1003', { value: `survey:${survey.id}:4`, comment: 'Great support, slow delivery' });
    const res = await post(press);
    expect(res.status).toBe(200);
    const card = (res.body as { value: unknown }).value;
    expect(cardText(card)).toMatch(/Thank you for your feedback! We recorded 4\/5 with your comment/);
    const response = await db.prisma.surveyResponse.findUnique({ where: { surveyId: survey.id } });
    expect(response).toMatchObject({ score: 4, comment: 'Great support, slow delivery' });
  });

  it('refuses tenants outside TEAMS_ALLOWED_TENANTS without creating anything', async () => {
    const other = '0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e4e';
    const msg = { ...message(MEGAN, 'a:otherTenantChat', 'help'), conversation: { conversationType: 'personal', tenantId: other, id: 'a:otherTenantChat' }, channelData: { tenant: { id: other } } };
    expect((await post(msg, '/allow/api/messages')).status).toBe(200);
    expect(await db.prisma.tenant.findUnique({ where: { kind_externalId: { kind: 'teams', externalId: other } } })).toBeNull();
    expect(cardText(attachmentCard(fake.messages('a:otherTenantChat')[0]!)!.content)).toMatch(/not enabled for your organisation/);
  });

  it('slow work: typing indicator, a "taking a moment" answer within the turn, then the result proactively', async () => {
    await meganWithAccount();
    control.delayMs = 900;
    const msg = message(MEGAN, MEGAN_CHAT, 'my tasks');
    const started = Date.now();
    expect((await post(msg, '/quick/api/messages')).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(850);
    expect(fake.calls.some((c) => c.body?.type === 'typing')).toBe(true);
    expect(cardText(attachmentCard(fake.messages(MEGAN_CHAT)[0]!)!.content)).toMatch(/taking a moment/);
    await expect.poll(() => fake.messages(MEGAN_CHAT).length, { timeout: 5_000 }).toBe(2);
    expect(cardText(attachmentCard(fake.messages(MEGAN_CHAT)[1]!)!.content)).not.toMatch(/taking a moment/);
  });
});

describe('Teams cards', () => {
  it('escapes Markdown in TextBlock/FactSet text', () => {
    expect(escapeCardMarkdown('*bold* _it_ [x](http://e) {{DATE(2024-01-01T00:00:00Z)}}')).toBe('\\*bold\\* \\_it\\_ \\[x\\]\\(http://e\\) {\u200b{DATE\\(2024-01-01T00:00:00Z\\)}}');
    expect(escapeCardMarkdown('- item\n1. first')).toBe('\\- item\n1\\. first');
  });

  it('renders a CSAT survey with a comment box and 1–5 buttons', () => {
    const card = replyCard({
      kind: 'survey',
      text: 'How satisfied are you?',
      actions: [[1, 2, 3, 4, 5].map((n) => ({ label: String(n), value: `survey:s1:${n}` })), [{ label: 'Add a comment', value: 'survey-comment:s1' }]],
    });
    const json = JSON.stringify(card);
    expect(json).toContain('"type":"Input.Text","id":"comment"');
    expect(json).toContain('"verb":"rapport","title":"5","data":{"value":"survey:s1:5"}');
  });

  it('renders the at-risk list as sections with per-account buttons, wrapping rows over 6 buttons', () => {
    const card = replyCard({
      kind: 'list',
      text: '2 accounts at risk',
      sections: [{ title: '1. Acme — 82/100', lines: ['No visit in 45 days'], actions: [{ label: 'Open account', value: 'say:tell me about Acme' }] }],
      actions: [[0, 1, 2, 3, 4, 5, 6, 7].map((n) => ({ label: String(n), value: `survey:s2:${n}` }))],
    });
    const sets = (card.body as { type: string; actions?: unknown[] }[]).filter((e) => e.type === 'ActionSet');
    expect(sets.map((s) => s.actions!.length)).toEqual([6, 2]);
    expect(JSON.stringify(card.body[1])).toContain('say:tell me about Acme');
  });
});
