// A new workspace knows how to fill its CRM: the first person to talk to Rapport from a new Slack
// workspace (or a new Teams organisation) gets, in their language, a welcome that says how to
// start — add an account by chat or import a CSV — before the answer to what they said; nobody
// after them gets it, nor anyone in a workspace that already has accounts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsAdapter } from '../../../src/bots/teams/index.ts';
import { ActorDirectory } from '../../../src/domain/identity/actor-directory.ts';
import { createLogger } from '../../../src/infra/logger.ts';
import { createChatHandler } from '../../../src/intents/engine.ts';
import { RulesParser } from '../../../src/intents/llm/rules-parser.ts';
import { welcomeReply } from '../../../src/intents/welcome.ts';
import { CompositeDelivery } from '../../../src/domain/delivery/channel-routing.ts';
import { WebInboxDelivery } from '../../../src/bots/web/delivery.ts';
import { buildServices } from '../../../src/services.ts';
import { FakeConnector } from '../teams/fake-connector.ts';
import { dm, JSON_TYPE, postSlack, startHarness, type Harness } from './harness.ts';

type Blk = { type: string; text?: { text: string }; elements?: { text?: string }[] };
const texts = (blocks: unknown): string => (blocks as Blk[]).map((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')].join('\n')).join('\n');

const NEW_TEAM = 'TNEWCO1';

/** An event_callback from another workspace than the harness's own. */
function eventFrom(team: string, event: Record<string, unknown>, eventId: string): string {
  return JSON.stringify({
    token: 'XXYYZZ', team_id: team, api_app_id: 'A123', event: { ...event, team }, type: 'event_callback', event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: team, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
}

describe('the new-workspace welcome', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const user = (id: string, team: string, email: string, name: string, locale: string) =>
      h.fake.users.set(id, { id, team_id: team, name, real_name: name, tz: 'Asia/Shanghai', locale, profile: { email, real_name: name } });
    user('UFANG', NEW_TEAM, 'wang.fang@newco.example', '王芳', 'zh-CN');
    user('UBEN', NEW_TEAM, 'ben@newco.example', 'Ben Ng', 'en-US');
    user('UMGR', 'T123', 'jing.chen@demo.rapport', 'Jing Chen', 'en-US');
  });
  afterAll(() => h?.stop());

  const postsTo = (channel: string) => h.fake.ok('chat.postMessage').filter((c) => c.args.channel === channel);

  it('Slack: the first person of a new workspace is welcomed in Chinese, then gets the answer; the second person and the next message are not', async () => {
    const first = dm('UFANG', 'DFANG', '帮助');
    expect((await postSlack(h.url, eventFrom(NEW_TEAM, first, 'EvWelcome1'), JSON_TYPE)).status).toBe(200);
    await h.fake.waitFor(() => (postsTo('DFANG').length >= 2 ? true : undefined));
    await h.adapter.idle();
    const [welcome, answer] = postsTo('DFANG');
    expect(texts(welcome!.args.blocks)).toMatch(/欢迎使用 Rapport，王芳/);
    expect(texts(welcome!.args.blocks)).toContain('新建客户 华山医院');
    expect(texts(welcome!.args.blocks)).toMatch(/CSV/);
    expect(texts(answer!.args.blocks)).toMatch(/你可以这样说/);
    const tenant = await h.db.prisma.tenant.findUnique({ where: { kind_externalId: { kind: 'slack', externalId: NEW_TEAM } } });
    expect(await h.db.prisma.processedEvent.count({ where: { source: 'welcome', eventId: tenant!.id } })).toBe(1);

    // Her next message, and a colleague's first one: no welcome.
    const again = dm('UFANG', 'DFANG', '新建客户 华山医院');
    await postSlack(h.url, eventFrom(NEW_TEAM, again, 'EvWelcome2'), JSON_TYPE);
    const ben = dm('UBEN', 'DBEN', 'help');
    await postSlack(h.url, eventFrom(NEW_TEAM, ben, 'EvWelcome3'), JSON_TYPE);
    await h.fake.waitFor(() => (postsTo('DFANG').length >= 3 && postsTo('DBEN').length >= 1 ? true : undefined));
    await h.adapter.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(postsTo('DFANG')).toHaveLength(3);
    expect(texts(postsTo('DFANG')[2]!.args.blocks)).toMatch(/华山医院/);
    expect(postsTo('DBEN')).toHaveLength(1);
    expect(texts(postsTo('DBEN')[0]!.args.blocks)).not.toMatch(/Welcome to Rapport/);
    expect(await h.db.prisma.account.count({ where: { tenantId: tenant!.id, name: '华山医院' } })).toBe(1);
  });

  it('Slack: a workspace that already has accounts (the demo one) is never welcomed', async () => {
    const msg = dm('UMGR', 'DMGR9', 'help');
    await postSlack(h.url, eventFrom('T123', msg, 'EvWelcome4'), JSON_TYPE);
    await h.fake.waitFor(() => postsTo('DMGR9')[0]);
    await h.adapter.idle();
    expect(postsTo('DMGR9')).toHaveLength(1);
    expect(texts(postsTo('DMGR9')[0]!.args.blocks)).not.toMatch(/Welcome to Rapport/);
  });

  it('Teams: the first person of a new organisation is welcomed in English before the answer', async () => {
    const logger = createLogger('silent');
    const services = buildServices(h.db.prisma, new CompositeDelivery({ web: new WebInboxDelivery() }, h.db.prisma));
    const actors = new ActorDirectory(h.db.prisma);
    const chat = createChatHandler({ services, actors, parser: new RulesParser(), logger });
    const connector = await new FakeConnector().start();
    const teams = createTeamsAdapter({ chat, services, logger, config: {}, options: { typing: false } });
    const app = express().use(teams.router);
    const server: Server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
      const tenantId = '3f0c2d4e-1111-4a2b-9c3d-4e5f6a7b8c9d';
      const conv = 'a:1FirstPersonOfNewOrg';
      // Staff only on the directory's word (issue 17): the roster says Ada is a member.
      connector.members.set('29:1Ada', { id: '29:1Ada', name: 'Ada Lovelace', aadObjectId: '6d6d6d6d-0000-4000-8000-000000000001', tenantId, userRole: 'user' });
      const send = (id: string, text: string) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': JSON_TYPE },
          body: JSON.stringify({
            type: 'message', id, timestamp: new Date().toISOString(), serviceUrl: connector.url, channelId: 'msteams', locale: 'en-US',
            from: { id: '29:1Ada', name: 'Ada Lovelace', aadObjectId: '6d6d6d6d-0000-4000-8000-000000000001' },
            conversation: { conversationType: 'personal', tenantId, id: conv }, recipient: { id: '28:bot', name: 'Rapport' },
            text, channelData: { tenant: { id: tenantId } },
          }),
        });
      expect((await send('1001', 'my tasks')).status).toBe(200);
      const cards = connector.messages(conv).map((c) => JSON.stringify(c.body));
      expect(cards).toHaveLength(2);
      expect(cards[0]).toMatch(/Welcome to Rapport, Ada Lovelace!/);
      expect(cards[0]).toContain('new account Contoso');
      expect(cards[1]).not.toMatch(/Welcome to Rapport/);
      connector.reset();
      expect((await send('1002', 'my tasks')).status).toBe(200);
      expect(connector.messages(conv)).toHaveLength(1);
      expect(JSON.stringify(connector.messages(conv)[0]!.body)).not.toMatch(/Welcome to Rapport/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await connector.stop();
    }
  });

  it('says how to import to managers and admins, and who can to reps', () => {
    const rep = JSON.stringify(welcomeReply({ locale: 'en', name: 'Ben', canImport: false }));
    const admin = JSON.stringify(welcomeReply({ locale: 'en', name: 'Ada', canImport: true }));
    expect(rep).toMatch(/A manager or admin of your workspace can import/);
    expect(admin).toMatch(/Type \\"dashboard\\" and use Import/);
    expect(JSON.stringify(welcomeReply({ locale: 'zh', canImport: true }))).toMatch(/输入“仪表盘”，在“导入”里上传/);
  });
});
