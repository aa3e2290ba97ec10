// Issue 17, items 1 and 10 (first half): a manager's "dashboard" sign-in link goes only to that
// manager — ephemeral or DM on Slack, the personal chat on Teams — never into a channel where
// everyone (guests too) reads it; the channel hears "I've sent it to you directly" in the asker's
// language; a link signs in once; and the link never reaches the logs, even at trace level.
// The real server (PostgreSQL), a fake Slack Web API and a fake Bot Connector.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startApp, type RapportApp } from '../../src/app.ts';
import { FakeSlack } from '../integration/slack/fake-slack.ts';
import { sign } from '../integration/slack/harness.ts';
import { FakeConnector } from '../integration/teams/fake-connector.ts';
import { cloneDatabase, record, waitFor } from '../resilience/_support.ts';

const SIGNING = 'dashboard-link-signing-0123456789';
const LINK = /\/dashboard\/signin\?token=([A-Za-z0-9._~%-]+)/;
const TEAMS_TENANT = '5b7e2c1a-1111-4a2b-9c3d-4e5f6a7b8c9d';
const MANAGER = { id: '29:1ManagerDashQ', name: 'Mina Park', aadObjectId: 'b1c2d3e4-0000-4f5a-8b7c-6d5e4f3a2b1c' };
const BOT = { id: '28:rapport-bot', name: 'Rapport' };

let refusals = 0;

describe('the dashboard sign-in link', () => {
  let db: Awaited<ReturnType<typeof cloneDatabase>>;
  let slack: FakeSlack;
  let teams: FakeConnector;
  let app: RapportApp;
  let url: string;
  let logs = '';
  let slackTenant: string;

  beforeAll(async () => {
    db = await cloneDatabase();
    slack = new FakeSlack();
    await slack.start();
    teams = await new FakeConnector().start();
    const sink = new Writable({
      write(chunk, _enc, cb) {
        logs += chunk.toString();
        cb();
      },
    });
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'trace',
      RAPPORT_SEED_DEMO: 'true',
      DATABASE_URL: db.url,
      RAPPORT_SECRET: 'dashboard-link-secret-0123456789',
      SLACK_SIGNING_SECRET: SIGNING,
      SLACK_BOT_TOKEN: 'xoxb-dashboard',
      SLACK_API_URL: slack.apiUrl,
      RAPPORT_INBOUND: 'inline',
    });
    app = await startApp(config, { http: true, workers: false, logger: pino({ level: 'trace' }, sink) });
    url = app.url!;
    // A Slack workspace with a manager who has talked to Rapport before.
    const p = app.db.prisma;
    slackTenant = (await p.tenant.create({ data: { kind: 'slack', externalId: 'TDASH', name: 'Dash Inc' } })).id;
    const mgr = await p.user.create({ data: { tenantId: slackTenant, name: 'Dana Manager', role: 'manager', locale: 'en' } });
    const zh = await p.user.create({ data: { tenantId: slackTenant, name: '周经理', role: 'manager', locale: 'zh' } });
    await app.actors.link(slackTenant, 'slack', 'UMGR', { userId: mgr.id });
    await app.actors.link(slackTenant, 'slack', 'UMGRZH', { userId: zh.id });
  }, 60_000);

  afterAll(async () => {
    record({ suite: 'security', scenario: 'dashboard link only to the person, single use, never logged', refusals });
    await app?.stop();
    await slack?.stop();
    await teams?.stop();
    await db?.drop();
  });

  const slackEvent = async (event: Record<string, unknown>) => {
    const body = JSON.stringify({ type: 'event_callback', team_id: 'TDASH', api_app_id: 'A1', event_id: `Ev${randomUUID()}`, event_time: Math.floor(Date.now() / 1000), event });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts, SIGNING) }, body });
    expect(res.status).toBe(200);
  };
  const textOf = (c: { args: Record<string, unknown> }) => `${String(c.args.text ?? '')} ${JSON.stringify(c.args.blocks ?? '')}`;
  const signIn = (token: string) => fetch(`${url}/dashboard/signin?token=${token}`, { redirect: 'manual' });

  it('Slack: asked in a channel, the link goes to the person alone and the channel hears it was sent directly', async () => {
    const before = slack.calls.length;
    const ts = `1790000000.${String(Date.now()).slice(-6)}`;
    await slackEvent({ type: 'app_mention', channel: 'CTEAM', user: 'UMGR', text: '<@UBOT> dashboard', ts });
    // (A new workspace's first member may also be welcomed there: the notice is looked for by its words.)
    const notice = await slack.waitFor(() => slack.ok('chat.postMessage').find((c) => slack.calls.indexOf(c) >= before && c.args.channel === 'CTEAM' && /sent it to you directly/.test(textOf(c))), 5_000);
    expect(notice.args.thread_ts).toBe(ts);
    const calls = slack.calls.slice(before);
    // Nothing posted where the channel can read it carries the link.
    for (const c of calls.filter((x) => x.method === 'chat.postMessage' || x.method === 'chat.update')) {
      if (String(c.args.channel).startsWith('C')) expect(textOf(c), c.method).not.toMatch(LINK);
    }
    // The person got it: ephemeral to them in that channel, or a DM.
    const privately = calls.find((c) => (c.method === 'chat.postEphemeral' && c.args.user === 'UMGR') || (c.method === 'chat.postMessage' && String(c.args.channel).startsWith('D')));
    expect(privately, calls.map((c) => c.method).join(', ')).toBeDefined();
    const token = LINK.exec(textOf(privately!))![1]!;
    // Single use: the first visit signs in, the second is refused.
    const first = await signIn(token);
    expect(first.status).toBe(303);
    expect(first.headers.get('set-cookie')).toMatch(/rapport_session=/);
    const second = await signIn(token);
    expect(second.status).toBe(401);
    expect(second.headers.get('set-cookie')).toBeNull();
    refusals += 2;
  });

  it('Slack: the channel notice is in the asker\'s language', async () => {
    const before = slack.calls.length;
    await slackEvent({ type: 'app_mention', channel: 'CTEAM', user: 'UMGRZH', text: '<@UBOT> 打开仪表盘', ts: `1790000001.${String(Date.now()).slice(-6)}` });
    const posted = await slack.waitFor(() => slack.ok('chat.postMessage').filter((c) => slack.calls.indexOf(c) >= before && c.args.channel === 'CTEAM').at(0));
    await slack.waitFor(() => slack.calls.slice(before).some((c) => c.method === 'chat.postEphemeral' || String(c.args.channel).startsWith('D')), 5_000);
    const inChannel = slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'CTEAM');
    expect(posted).toBeDefined();
    expect(inChannel.map(textOf).join(' ')).toMatch(/已私信发给你/);
    for (const c of inChannel) expect(textOf(c)).not.toMatch(LINK);
  });

  it('Slack: in a DM the link is the answer itself', async () => {
    const before = slack.calls.length;
    await slackEvent({ type: 'message', channel_type: 'im', channel: 'DMGR', user: 'UMGR', text: 'dashboard', ts: `1790000002.${String(Date.now()).slice(-6)}` });
    const reply = await slack.waitFor(() => slack.ok('chat.postMessage').find((c) => slack.calls.indexOf(c) >= before && c.args.channel === 'DMGR'));
    expect(textOf(reply)).toMatch(LINK);
  });

  it('Teams: asked in a channel, the link goes to the personal chat; without one, no link at all', async () => {
    const conversation = (type: 'personal' | 'channel', id: string) => ({ conversationType: type, tenantId: TEAMS_TENANT, id, ...(type === 'channel' ? { isGroup: true } : {}) });
    const activity = (conv: ReturnType<typeof conversation>, text: string) => ({
      type: 'message',
      id: `act-${randomUUID()}`,
      timestamp: new Date().toISOString(),
      serviceUrl: teams.url,
      channelId: 'msteams',
      from: MANAGER,
      conversation: conv,
      recipient: BOT,
      locale: 'en-US',
      text,
      channelData: { tenant: { id: TEAMS_TENANT } },
    });
    const post = (body: object) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    teams.members.set(MANAGER.id, { ...MANAGER, email: 'mina.park@dash.example', tenantId: TEAMS_TENANT, userRole: 'user' });
    const channel = conversation('channel', '19:teamchannel@thread.tacv2');
    // First contact from a channel: a manager with no personal chat with Rapport yet.
    expect((await post(activity(channel, '<at>Rapport</at> help'))).status).toBeLessThan(300);
    const p = app.db.prisma;
    const tenant = await p.tenant.findUniqueOrThrow({ where: { kind_externalId: { kind: 'teams', externalId: TEAMS_TENANT } } });
    const actor = (await app.actors.byIdentity(tenant.id, 'teams', MANAGER.aadObjectId))!;
    expect(actor.kind).toBe('user');
    await p.user.update({ where: { id: (actor as { userId: string }).userId }, data: { role: 'manager' } });
    teams.reset();
    expect((await post(activity(channel, '<at>Rapport</at> dashboard'))).status).toBeLessThan(300);
    await waitFor(async () => teams.messages(channel.id).length > 0, 10_000, 'channel answer');
    for (const m of teams.messages()) expect(JSON.stringify(m.body)).not.toMatch(LINK);
    expect(JSON.stringify(teams.messages(channel.id)[0]!.body)).toMatch(/personal chat/i);
    refusals++;
    // Once a personal chat exists, the link goes there.
    const personal = conversation('personal', 'a:1MinaPersonal');
    expect((await post(activity(personal, 'help'))).status).toBeLessThan(300);
    teams.reset();
    expect((await post(activity(channel, '<at>Rapport</at> dashboard'))).status).toBeLessThan(300);
    await waitFor(async () => teams.messages(personal.id).length > 0 && teams.messages(channel.id).length > 0, 10_000, 'personal link and channel notice');
    for (const m of teams.messages(channel.id)) expect(JSON.stringify(m.body)).not.toMatch(LINK);
    expect(JSON.stringify(teams.messages(channel.id)[0]!.body)).toMatch(/I've sent it to you directly/);
    expect(JSON.stringify(teams.messages(personal.id)[0]!.body)).toMatch(LINK);
  });

  it('the web chat (a private conversation) answers with the link, and it too signs in once', async () => {
    const res = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'demo-manager', text: 'dashboard', messageId: randomUUID() }) });
    const body = (await res.json()) as { replies: { text: string }[] };
    const token = LINK.exec(body.replies[0]!.text)![1]!;
    expect((await signIn(token)).status).toBe(303);
    expect((await signIn(token)).status).toBe(401);
    refusals++;
  });

  it('no sign-in link or token reaches the logs, at trace level', async () => {
    expect(logs.length).toBeGreaterThan(1000);
    expect(logs).not.toMatch(LINK);
    expect(logs.split('\n').filter((l) => /signin\?token=(?!\[redacted\])/.test(l)).map((l) => l.slice(0, 400))).toEqual([]);
  });
});
