// Secrets never reach the logs: a real `rapport serve` child with every secret set and LOG_LEVEL
// trace, driven through start-up, good and refused requests, LLM and channel errors, the queue
// board with the password in its Authorization header, a database outage, and shutdown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../integration/llm/fake-openai.ts';
import { FakeSlack } from '../integration/slack/fake-slack.ts';
import { sign } from '../integration/slack/harness.ts';
import { cloneDatabase, record, serveUrl, spawnRapport, TcpProxy, type RapportChild } from '../resilience/_support.ts';

const SECRETS = {
  SLACK_SIGNING_SECRET: 'sss-signing-5ecret-9f8e7d6c5b4a',
  SLACK_BOT_TOKEN: 'xoxb-bot-t0ken-1a2b3c4d5e6f',
  OPENAI_API_KEY: 'sk-openai-k3y-abcdef123456',
  ADMIN_PASSWORD: 'adm1n-Pa55word-zz',
  RAPPORT_SECRET: 'rapport-s3cret-0123456789abcdef',
  MICROSOFT_APP_PASSWORD: 'ms-app-pa55-qwerty-777',
  DB_PASSWORD: 'pg-Pa55w0rd-in-url',
};

describe('secrets in logs', () => {
  let db: Awaited<ReturnType<typeof cloneDatabase>>;
  let llm: FakeOpenAi;
  let slack: FakeSlack;
  let proxy: TcpProxy;
  let child: RapportChild;
  let url: string;

  beforeAll(async () => {
    db = await cloneDatabase();
    llm = await startFakeOpenAi();
    slack = new FakeSlack();
    await slack.start();
    proxy = await new TcpProxy('127.0.0.1', 5432).start();
    // Trust auth ignores the password, so the URL carries one without breaking the connection.
    const dbUrl = new URL(proxy.url(db.url));
    dbUrl.username = 'postgres';
    dbUrl.password = SECRETS.DB_PASSWORD;
    child = spawnRapport(['serve'], {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'trace',
      RAPPORT_WORKERS: 'false',
      RAPPORT_SEED_DEMO: 'true',
      DATABASE_URL: dbUrl.toString(),
      SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
      SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      OPENAI_API_KEY: SECRETS.OPENAI_API_KEY,
      OPENAI_BASE_URL: llm.url,
      OPENAI_TIMEOUT_MS: '800',
      ADMIN_PASSWORD: SECRETS.ADMIN_PASSWORD,
      RAPPORT_SECRET: SECRETS.RAPPORT_SECRET,
      MICROSOFT_APP_ID: '4c1f6a2e-5b8d-4e7f-9a0b-1c2d3e4f5a6b',
      MICROSOFT_APP_PASSWORD: SECRETS.MICROSOFT_APP_PASSWORD,
    });
    url = await serveUrl(child);
  }, 90_000);

  afterAll(async () => {
    if (child && child.proc.exitCode === null) child.proc.kill('SIGKILL');
    await proxy?.stop();
    await llm?.close();
    await slack?.stop();
    await db?.drop();
  });

  it('none appears across start-up, requests, errors, an outage and shutdown', async () => {
    const basic = (pw: string) => `Basic ${Buffer.from(`admin:${pw}`).toString('base64')}`;
    const chat = (text: string, userId = 'demo-rep-en') =>
      fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `rapport_session=${SECRETS.RAPPORT_SECRET}` }, body: JSON.stringify({ userId, text }) });
    await fetch(`${url}/readyz`);
    await chat('my tasks');
    llm.next({ kind: 'error', status: 500 });
    await chat('purple elephants dance at noon'); // LLM asked with the key, answers 500
    llm.next({ kind: 'garbage' });
    await chat('zebras with umbrellas, in a sense');
    await chat('dashboard'); // a sign-in link is made with RAPPORT_SECRET
    await fetch(`${url}/admin/queues/api/queues`, { headers: { authorization: basic(SECRETS.ADMIN_PASSWORD) } });
    await fetch(`${url}/admin/queues`, { headers: { authorization: basic('wrong') } });
    const ts = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: 'event_callback', event_id: 'EvSecrets1', team_id: 'T1', event: { type: 'message', channel: 'D1', user: 'U1', text: 'hi', ts: '1.1', channel_type: 'im' } });
    await fetch(`${url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': 'v0=forged' }, body });
    slack.fail('chat.postMessage', 500, { times: 5 });
    await fetch(`${url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts, SECRETS.SLACK_SIGNING_SECRET) }, body });
    await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x.y.z' }, body: '{}' });
    // Teams activities with a malformed and a well-formed forged token: the refusal and its cause
    // (here Microsoft's keys being unreachable, with the fetch error) are logged.
    const activity = JSON.stringify({ type: 'message', id: 'a1', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', from: { id: '29:x' }, recipient: { id: '28:y' }, conversation: { id: 'a:z', tenantId: 't' }, text: 'hi' });
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const forged = `${b64({ alg: 'RS256', kid: 'k' })}.${b64({ iss: 'https://api.botframework.com', aud: '4c1f6a2e-5b8d-4e7f-9a0b-1c2d3e4f5a6b', exp: ts + 600, serviceurl: 'http://127.0.0.1:9/' })}.c2ln`;
    for (const authorization of ['Bearer x.y.z', `Bearer ${forged}`]) {
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: activity });
      expect([401, 503]).toContain(res.status);
    }
    await fetch(`${url}/nope?token=abc`);
    // The database goes away for a moment: connection errors get logged.
    proxy.cut();
    await chat('my tasks');
    expect((await chat('log call with Tom Baker: during the outage')).status).toBe(503); // logged with its error
    await fetch(`${url}/readyz`);
    proxy.restore();
    await chat('my tasks');
    child.proc.kill('SIGTERM');
    await child.exited;
    const out = child.output();
    expect(out.length).toBeGreaterThan(1000);
    expect(out).toMatch(/"level":10|"level":20/); // trace/debug really was on
    const leaks = Object.entries(SECRETS).filter(([, v]) => out.includes(v));
    const basicB64 = Buffer.from(`admin:${SECRETS.ADMIN_PASSWORD}`).toString('base64');
    expect(leaks.map(([k]) => k)).toEqual([]);
    expect(out).not.toContain(basicB64);
    expect(out).toMatch(/Teams request refused/);
    expect(out).toMatch(/web chat: database unavailable/);
    record({ suite: 'security', scenario: 'secrets in logs', refusals: 0 });
  }, 90_000);
});
