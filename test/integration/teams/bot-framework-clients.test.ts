// Every Bot Framework client, not only Teams: activities shaped as Microsoft's Direct Line
// service (Web Chat), the Web Chat channel and the Bot Framework Emulator send them — with and
// without `recipient`, mention entities (well-formed or not) and `channelData` — go over HTTP
// into the real CloudAdapter and are answered like Teams ones; replies land on a local stand-in
// for the connector (serviceUrl). These clients carry no Azure AD tenant: without an app id they
// share the local 'emulator' tenant, and the first person there gets the new-workspace welcome.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CompositeDelivery } from '../../../src/domain/delivery/channel-routing.ts';
import { WebInboxDelivery } from '../../../src/bots/web/delivery.ts';
import { createTeamsAdapter } from '../../../src/bots/teams/index.ts';
import { messageText } from '../../../src/bots/teams/bot.ts';
import { ActorDirectory } from '../../../src/domain/identity/actor-directory.ts';
import { createLogger } from '../../../src/infra/logger.ts';
import { createChatHandler } from '../../../src/intents/engine.ts';
import { RulesParser } from '../../../src/intents/llm/rules-parser.ts';
import { buildServices, type Services } from '../../../src/services.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { FakeConnector, type ConnectorCall } from './fake-connector.ts';

const BOT = { id: 'rapport-bot@abc123', name: 'Rapport', role: 'bot' };

describe('Web Chat, Direct Line and Emulator activities on /api/messages', () => {
  let db: TestDatabase;
  let services: Services;
  let actors: ActorDirectory;
  let fake: FakeConnector;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    services = buildServices(db.prisma, new CompositeDelivery({ web: new WebInboxDelivery() }, db.prisma));
    actors = new ActorDirectory(db.prisma);
    const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
    const chat = createChatHandler({ services, actors, parser: new RulesParser(), logger });
    fake = await new FakeConnector().start();
    const teams = createTeamsAdapter({ chat, services, logger, config: {}, options: { typing: false } });
    const app = express();
    app.use(teams.router);
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
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

  beforeEach(() => fake.reset());

  async function post(body: object): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** All text on the Adaptive Card of a posted reply. */
  function cardText(call: ConnectorCall): string {
    const out: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (!v || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      if ((o.type === 'TextRun' || o.type === 'TextBlock') && typeof o.text === 'string') out.push(o.text);
      for (const k of ['attachments', 'content', 'body', 'items', 'inlines', 'columns']) if (k in o) walk(o[k]);
    };
    walk(call.body);
    return out.join('\n');
  }

  const tenant = () => db.prisma.tenant.findUnique({ where: { kind_externalId: { kind: 'teams', externalId: 'emulator' } } });

  /** As the Direct Line service delivers a Web Chat message to the bot. */
  function directLine(conversationId: string, userId: string, text: string) {
    return {
      type: 'message',
      id: `${conversationId}|${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
      timestamp: new Date().toISOString(),
      localTimestamp: new Date().toISOString(),
      localTimezone: 'Europe/London',
      serviceUrl: fake.url,
      channelId: 'directline',
      from: { id: userId, name: 'Megan', role: 'user' },
      conversation: { id: conversationId },
      recipient: BOT,
      textFormat: 'plain',
      locale: 'en-US',
      text,
      entities: [{ type: 'ClientCapabilities', requiresBotState: true, supportsListening: true, supportsTts: true }],
      channelData: { clientActivityID: `${Date.now()}abc`, clientTimestamp: new Date().toISOString() },
    };
  }

  it('strips the bot mention from any client without throwing, whatever the entities look like', () => {
    const plain = { text: 'help' };
    expect(messageText(plain)).toBe('help');
    expect(messageText({ text: '<at>Rapport</at> my tasks', recipient: BOT, entities: [{ type: 'mention', text: '<at>Rapport</at>', mentioned: BOT }] })).toBe('my tasks');
    expect(messageText({ text: '@Rapport my tasks', recipient: BOT, entities: [{ type: 'mention', text: '@Rapport', mentioned: { id: BOT.id } }] })).toBe('my tasks');
    // No recipient: a mention of a bot role still goes; other people's names stay.
    expect(messageText({ text: '@Rapport called @Megan', entities: [{ type: 'mention', text: '@Rapport', mentioned: { id: 'x', role: 'bot' } }, { type: 'mention', text: '@Megan', mentioned: { id: 'm' } }] } as never)).toBe('called @Megan');
    // Malformed entities: no type, no mentioned, no text, not an object.
    const odd = [{}, { type: 'mention' }, { type: 'mention', text: '@Rapport' }, null, 'mention', { type: 'Mention', mentioned: BOT }] as never;
    expect(messageText({ text: 'my tasks', recipient: BOT, entities: odd })).toBe('my tasks');
    expect(messageText({ text: undefined as never, entities: odd })).toBe('');
  });

  it('Web Chat over Direct Line: the bot joining is welcomed with how to fill the new CRM, then messages are answered in the conversation', async () => {
    const conv = `DL${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const user = 'dl_megan-1';
    // Direct Line tells the bot that it and the user joined.
    const joined = {
      type: 'conversationUpdate', id: `${conv}|join`, timestamp: new Date().toISOString(), serviceUrl: fake.url, channelId: 'directline',
      from: { id: user, role: 'user' }, conversation: { id: conv }, recipient: BOT, membersAdded: [BOT, { id: user }],
    };
    expect((await post(joined)).status).toBe(200);
    const welcome = fake.messages(conv);
    expect(welcome).toHaveLength(1);
    expect(cardText(welcome[0]!)).toMatch(/Welcome to Rapport.*new and still empty/s);
    expect(cardText(welcome[0]!)).toContain('new account Contoso');
    expect(cardText(welcome[0]!)).toMatch(/import/i);

    fake.reset();
    const msg = directLine(conv, user, 'new account Contoso');
    expect((await post(msg)).status).toBe(200);
    const replies = fake.messages(conv);
    expect(replies).toHaveLength(1); // welcomed once: no second welcome with the first message
    expect(replies[0]!.path).toBe(`/v3/conversations/${conv}/activities/${msg.id}`);
    expect(cardText(replies[0]!)).toMatch(/Contoso/);
    expect(replies[0]!.body?.from).toMatchObject({ id: BOT.id });
    expect(replies[0]!.body?.recipient).toMatchObject({ id: user });

    const t = await tenant();
    expect(t).not.toBeNull();
    const megan = await actors.byIdentity(t!.id, 'teams', user);
    expect(megan).toMatchObject({ kind: 'user', role: 'rep', locale: 'en' });
    const account = await db.prisma.account.findFirst({ where: { tenantId: t!.id, name: 'Contoso' } });
    expect(account?.ownerId).toBe((megan as { userId: string }).userId);
    // The conversation can be reached later (reminders, surveys).
    const ref = await db.prisma.conversationReference.findUnique({ where: { tenantId_channel_conversationId: { tenantId: t!.id, channel: 'teams', conversationId: conv } } });
    expect(ref?.userId).toBe((megan as { userId: string }).userId);
  });

  it('the webchat channel without recipient, entities or channelData is answered, and its card buttons work (Action.Submit)', async () => {
    const conv = `wc-${randomUUID()}`;
    const from = { id: 'webchat-user-7', name: 'Li Wei' };
    const base = { timestamp: new Date().toISOString(), serviceUrl: fake.url, channelId: 'webchat', from, conversation: { id: conv }, locale: 'zh-CN' };
    const msg = { ...base, type: 'message', id: 'wc-1', text: '新建客户 华山医院' };
    expect((await post(msg)).status).toBe(200);
    const replies = fake.messages(conv);
    expect(replies).toHaveLength(1);
    expect(cardText(replies[0]!)).toContain('华山医院');
    expect(replies[0]!.body?.from).toMatchObject({ id: 'rapport' });
    // Web Chat does nothing when an Action.Execute is pressed: these clients get Action.Submit.
    const card = JSON.stringify(replies[0]!.body?.attachments);
    expect(card).not.toContain('Action.Execute');
    expect(card).toContain('"type":"Action.Submit","title":"撤销","data":{"value":"undo"}');
    const t = await tenant();
    expect(await db.prisma.account.count({ where: { tenantId: t!.id, name: '华山医院' } })).toBe(1);

    // Undo pressed on that card: Web Chat sends an Action.Submit as a message with a value.
    fake.reset();
    const press = { ...base, type: 'message', id: 'wc-2', value: { value: 'undo' }, replyToId: replies[0]!.body?.id ?? 'x' };
    expect((await post(press)).status).toBe(200);
    const calls = [...fake.messages(conv), ...fake.updates()];
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls.map(cardText).join('\n')).toMatch(/已撤销/);
    expect(await db.prisma.account.count({ where: { tenantId: t!.id, name: '华山医院' } })).toBe(0);
  });

  it('the Emulator, with an @mention and malformed entities, and its Universal Action invokes', async () => {
    const conv = `emu-${randomUUID()}|livechat`;
    const from = { id: 'b6c1f4f0-emulator-user', name: 'User', role: 'user' };
    const common = { serviceUrl: fake.url, channelId: 'emulator', from, conversation: { id: conv }, recipient: { id: '2b7c-emulator-bot', name: 'Bot', role: 'bot' }, locale: 'en-US' };
    const msg = {
      ...common, type: 'message', id: randomUUID(), timestamp: new Date().toISOString(),
      text: '@Bot my tasks',
      entities: [{ type: 'mention', text: '@Bot', mentioned: { id: '2b7c-emulator-bot', name: 'Bot' } }, { type: 'mention' }, {}, { type: 'ClientCapabilities' }],
    };
    expect((await post(msg)).status).toBe(200);
    const replies = fake.messages(conv);
    expect(replies).toHaveLength(1);
    expect(cardText(replies[0]!)).toMatch(/no open follow-ups|follow-ups/i);

    const invoke = {
      ...common, type: 'invoke', name: 'adaptiveCard/action', id: randomUUID(), timestamp: new Date().toISOString(),
      value: { action: { type: 'Action.Execute', verb: 'rapport', data: { value: 'say:help' } }, trigger: 'manual' },
    };
    const res = await post(invoke);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(res.body)).toMatch(/what you can say/i);
  });

  it('no client is answered "Something went wrong" for any of these shapes', async () => {
    const conv = `mix-${randomUUID()}`;
    const shapes: Record<string, unknown>[] = [
      { channelId: 'directline', recipient: BOT, channelData: {}, entities: [] },
      { channelId: 'directline' },
      { channelId: 'webchat', recipient: { id: '' } },
      { channelId: 'emulator', channelData: null, entities: [{ type: 'mention', mentioned: null, text: '@x' }] },
      { channelId: 'webchat', entities: 'not an array' },
    ];
    for (const [i, shape] of shapes.entries()) {
      const activity = { type: 'message', id: `m${i}`, serviceUrl: fake.url, from: { id: `u-${i}` }, conversation: { id: `${conv}-${i}` }, text: 'help', ...shape };
      const res = await post(activity);
      expect(res.status, JSON.stringify(shape)).toBe(200);
      const sent = fake.messages(`${conv}-${i}`);
      expect(sent.length, JSON.stringify(shape)).toBeGreaterThanOrEqual(1);
      const text = sent.map(cardText).join('\n') + sent.map((s) => String(s.body?.text ?? '')).join('\n');
      expect(text, JSON.stringify(shape)).not.toMatch(/went wrong/);
      expect(text, JSON.stringify(shape)).toMatch(/what you can say/i);
    }
  });
});
