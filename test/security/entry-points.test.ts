// Issue 17, items 6 and 10 (second half): the unauthenticated Teams endpoint (no
// MICROSOFT_APP_ID: the Bot Framework Emulator on this machine) takes only direct loopback traffic
// — any proxy header means the request came from elsewhere — and answers only to a loopback
// serviceUrl; the queue board's writes refuse cross-origin requests even with the right password
// (a browser sends remembered basic-auth credentials along with a forged request).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../src/domain/shared/outbox.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { FakeConnector } from '../integration/teams/fake-connector.ts';
import { cloneDatabase, record } from '../resilience/_support.ts';

const ADMIN = 'board-password-csrf-42';
let refusals = 0;

describe('entry points', () => {
  let db: Awaited<ReturnType<typeof cloneDatabase>>;
  let t: TestApp;
  let connector: FakeConnector;

  beforeAll(async () => {
    db = await cloneDatabase();
    connector = await new FakeConnector().start();
    t = await startTestApp({ DATABASE_URL: db.url, ADMIN_PASSWORD: ADMIN });
  }, 60_000);

  afterAll(async () => {
    record({ suite: 'security', scenario: 'unauthenticated Teams: proxy headers and serviceUrl; queue board CSRF', refusals });
    await t?.stop();
    await connector?.stop();
    await db?.drop();
  });

  const activity = (serviceUrl: string) => ({
    type: 'message',
    id: `act-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'emulator',
    from: { id: 'user-1', name: 'Emulator User' },
    conversation: { id: `conv-${randomUUID()}` },
    recipient: { id: 'bot', name: 'Rapport' },
    text: 'help',
  });
  const send = (body: object, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });

  describe('Teams without MICROSOFT_APP_ID', () => {
    it('refuses a loopback request carrying any proxy header, even an empty one', async () => {
      const proxyHeaders: Record<string, string>[] = [
        { 'x-forwarded-for': '203.0.113.9' },
        { 'x-forwarded-for': '' },
        { forwarded: 'for=203.0.113.9' },
        { 'x-real-ip': '203.0.113.9' },
        { 'true-client-ip': '203.0.113.9' },
        { via: '1.1 proxy.example' },
        { 'x-forwarded-host': 'rapport.example' },
        { 'cf-connecting-ip': '203.0.113.9' },
      ];
      for (const h of proxyHeaders) {
        const res = await send(activity(connector.url), h);
        expect(res.status, JSON.stringify(h)).toBe(401);
        refusals++;
      }
      expect(connector.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    });

    it('answers only to a loopback serviceUrl', async () => {
      // A request from this machine naming someone else's server as where to post the answer.
      for (const serviceUrl of ['http://203.0.113.9:3978/', 'https://smba.trafficmanager.net/amer/', 'http://127.0.0.1.nip.io:9/', 'http://[::ffff:203.0.113.9]/']) {
        const res = await send(activity(serviceUrl));
        expect(res.status, serviceUrl).toBe(401);
        refusals++;
      }
      // The Emulator's own (loopback) serviceUrl is answered.
      const ok = await send(activity(connector.url));
      expect(ok.status).toBeLessThan(300);
      expect(connector.messages().length).toBeGreaterThan(0);
    });
  });

  describe('queue board', () => {
    const basic = `Basic ${Buffer.from(`admin:${ADMIN}`).toString('base64')}`;
    const pause = (headers: Record<string, string>) => fetch(`${t.url}/admin/queues/api/queues/${QUEUES.greetings}/pause`, { method: 'PUT', headers: { authorization: basic, ...headers } });
    const paused = () => t.app.jobs.queue(QUEUES.greetings).raw.isPaused();

    it('refuses a write from another origin even with the password, and takes it from the board itself', async () => {
      const host = new URL(t.url).host;
      const forged: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { origin: `http://${host}.evil.example` }];
      for (const h of forged) {
        const res = await pause(h);
        expect(res.status, JSON.stringify(h)).toBe(403);
        refusals++;
      }
      const form = await fetch(`${t.url}/admin/queues/api/queues/${QUEUES.greetings}/add`, { method: 'POST', headers: { authorization: basic, origin: 'https://evil.example', 'content-type': 'text/plain' }, body: '{"name":"x"}' });
      expect(form.status).toBe(403);
      refusals++;
      expect(await paused()).toBe(false);
      // The board's own page (same origin) may.
      const own = await pause({ origin: t.url, 'sec-fetch-site': 'same-origin' });
      expect(own.status).toBeLessThan(300);
      expect(await paused()).toBe(true);
      await t.app.jobs.queue(QUEUES.greetings).raw.resume();
      // Reading stays as it was.
      expect((await fetch(`${t.url}/admin/queues/api/queues`, { headers: { authorization: basic, origin: 'https://evil.example' } })).status).toBe(200);
    });
  });
});
