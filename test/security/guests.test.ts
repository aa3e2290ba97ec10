// Issue 17, item 2: guests never become staff. Who is staff is decided only on positive evidence
// (a full member of the workspace or organisation); a guest may be matched to a customer contact
// (and then only answer surveys); an identity that cannot be decided — Slack does not say which
// workspace the person belongs to, Teams' member lookup is slow or fails — is refused for now and
// nothing about it is stored, so the next message decides afresh.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompositeDelivery } from '../../src/domain/delivery/channel-routing.ts';
import { WebInboxDelivery } from '../../src/bots/web/delivery.ts';
import { createTeamsAdapter } from '../../src/bots/teams/index.ts';
import { ActorDirectory } from '../../src/domain/identity/actor-directory.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { createChatHandler } from '../../src/intents/engine.ts';
import { RulesParser } from '../../src/intents/llm/rules-parser.ts';
import { DEMO_TENANT_ID, seedDemo } from '../../src/seed/demo.ts';
import { buildServices } from '../../src/services.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { dm, eventBody, JSON_TYPE, postSlack, startHarness, TEAM, type Harness } from '../integration/slack/harness.ts';
import { FakeConnector } from '../integration/teams/fake-connector.ts';
import { record } from '../resilience/_support.ts';

let refusals = 0;

describe('Slack guests', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.db.prisma.contact.create({ data: { tenantId: DEMO_TENANT_ID, accountId: 'acc-acme', name: 'Gail Guest', email: 'gail@acme.example' } });
  }, 60_000);
  afterAll(async () => {
    record({ suite: 'security', scenario: 'guests never become staff (Slack, Teams)', refusals });
    await h?.stop();
  });

  const member = (id: string, extra: Record<string, unknown>, email = `${id.toLowerCase()}@guests.example`) =>
    h.fake.users.set(id, { id, team_id: TEAM, name: id, real_name: id, tz: 'UTC', locale: 'en-US', profile: { email, real_name: id }, ...extra });
  const say = async (user: string, text: string) => {
    const before = h.fake.ok('chat.postMessage').length;
    const res = await postSlack(h.url, eventBody(dm(user, `D${user}`, text)), JSON_TYPE);
    expect(res.status).toBe(200);
    const posted = await h.fake.waitFor(() => h.fake.ok('chat.postMessage').slice(before).find((c) => c.args.channel === `D${user}`));
    return String(posted.args.text);
  };
  const stored = async (user: string) => ({
    identities: await h.db.prisma.chatIdentity.count({ where: { channel: 'slack', externalId: user } }),
    users: await h.db.prisma.user.count({ where: { tenantId: DEMO_TENANT_ID, name: user } }),
  });

  it('a multi-channel guest (is_restricted) with no contact is refused and not stored', async () => {
    member('UGUEST1', { is_restricted: true });
    const text = await say('UGUEST1', 'new account Guest Holdings');
    expect(text).toMatch(/Sorry/);
    expect(await stored('UGUEST1')).toEqual({ identities: 0, users: 0 });
    expect(await h.db.prisma.account.count({ where: { name: { contains: 'Guest Holdings' } } })).toBe(0);
    refusals++;
  });

  it('a single-channel guest (is_ultra_restricted) is refused too', async () => {
    member('UGUEST2', { is_ultra_restricted: true });
    await say('UGUEST2', 'my tasks');
    expect(await stored('UGUEST2')).toEqual({ identities: 0, users: 0 });
    refusals++;
  });

  it('a guest whose e-mail is a contact becomes that customer, who may not create accounts', async () => {
    member('UGUEST3', { is_restricted: true }, 'gail@acme.example');
    const text = await say('UGUEST3', 'new account Guest Holdings');
    expect(text).toMatch(/customer|surveys/i);
    const identity = await h.db.prisma.chatIdentity.findFirstOrThrow({ where: { channel: 'slack', externalId: 'UGUEST3' } });
    expect(identity.userId).toBeNull();
    expect(identity.contactId).not.toBeNull();
    expect(await h.db.prisma.account.count({ where: { name: { contains: 'Guest Holdings' } } })).toBe(0);
    refusals++;
  });

  it('someone Slack does not place in any workspace is undecided: refused, nothing stored', async () => {
    h.fake.users.set('UNOTEAM', { id: 'UNOTEAM', name: 'UNOTEAM', team_id: '', profile: { email: 'unoteam@guests.example', real_name: 'UNOTEAM' } } as never);
    await say('UNOTEAM', 'my tasks');
    expect(await stored('UNOTEAM')).toEqual({ identities: 0, users: 0 });
    refusals++;
  });

  it('a full member of the workspace is still staff', async () => {
    member('UMEMBER', {});
    const text = await say('UMEMBER', 'my tasks');
    expect(text).not.toMatch(/Sorry/);
    const identity = await h.db.prisma.chatIdentity.findFirstOrThrow({ where: { channel: 'slack', externalId: 'UMEMBER' } });
    expect(identity.userId).not.toBeNull();
  });
});

describe('Teams guests', () => {
  const TENANT = '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  const BOT = { id: '28:bot', name: 'Rapport' };
  let db: TestDatabase;
  let fake: FakeConnector;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    await seedDemo(db.prisma);
    const services = buildServices(db.prisma, new CompositeDelivery({ web: new WebInboxDelivery() }, db.prisma));
    const actors = new ActorDirectory(db.prisma);
    const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
    const chat = createChatHandler({ services, actors, parser: new RulesParser(), logger });
    fake = await new FakeConnector().start();
    const teams = createTeamsAdapter({ chat, services, logger, config: {}, options: { memberLookupTimeoutMs: 300, typing: false } });
    const app = express();
    app.use(teams.router);
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
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

  let seq = 0;
  const send = async (who: { id: string; name: string; aadObjectId: string }, text: string) => {
    fake.reset();
    const conv = `a:personal-${who.id}`;
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `m${++seq}`,
        timestamp: new Date().toISOString(),
        serviceUrl: fake.url,
        channelId: 'msteams',
        from: who,
        conversation: { conversationType: 'personal', tenantId: TENANT, id: conv },
        recipient: BOT,
        locale: 'en-US',
        text,
        channelData: { tenant: { id: TENANT } },
      }),
    });
    expect(res.status).toBeLessThan(300);
    return fake.messages(conv).map((m) => JSON.stringify(m.body)).join('\n');
  };
  const identities = (aad: string) => db.prisma.chatIdentity.count({ where: { channel: 'teams', externalId: aad } });

  it('a member lookup slower than its deadline links no one, and the guest is not made a rep', async () => {
    const guest = { id: '29:slowguest', name: 'Slow Guest', aadObjectId: '0a0a0a0a-0000-4000-8000-00000000beef' };
    fake.members.set(guest.id, { ...guest, email: 'slow@partner.example', tenantId: TENANT, userRole: 'guest' });
    fake.memberDelayMs = 1_500;
    const text = await send(guest, 'new account Slow Guest Inc');
    expect(text).toMatch(/couldn't confirm who you are/);
    expect(await identities(guest.aadObjectId)).toBe(0);
    expect(await db.prisma.user.count({ where: { name: 'Slow Guest' } })).toBe(0);
    expect(await db.prisma.account.count({ where: { name: { contains: 'Slow Guest Inc' } } })).toBe(0);
    refusals++;
    // Once the lookup answers, the guest is what the directory says: a customer contact.
    fake.memberDelayMs = 0;
    await send(guest, 'my tasks');
    const identity = await db.prisma.chatIdentity.findFirstOrThrow({ where: { channel: 'teams', externalId: guest.aadObjectId } });
    expect(identity.userId).toBeNull();
    expect(identity.contactId).not.toBeNull();
  });

  it('a failed member lookup (the person is not in the roster) links no one either', async () => {
    const ghost = { id: '29:ghost', name: 'Ghost', aadObjectId: '0b0b0b0b-0000-4000-8000-00000000beef' };
    const text = await send(ghost, 'my tasks');
    expect(text).toMatch(/couldn't confirm who you are/);
    expect(await identities(ghost.aadObjectId)).toBe(0);
    refusals++;
  });

  it('a confirmed member of the organisation is staff', async () => {
    const member = { id: '29:member', name: 'Mia Member', aadObjectId: '0c0c0c0c-0000-4000-8000-00000000beef' };
    fake.members.set(member.id, { ...member, email: 'mia@contoso.example', tenantId: TENANT, userRole: 'user' });
    await send(member, 'my tasks');
    const identity = await db.prisma.chatIdentity.findFirstOrThrow({ where: { channel: 'teams', externalId: member.aadObjectId } });
    expect(identity.userId).not.toBeNull();
  });
});
