// Teams with MICROSOFT_APP_ID set: every activity's Bot Framework JWT is checked before anything
// runs. Network-free: Microsoft's OpenID metadata and signing keys are served by a local stand-in
// (a real RSA key pair), so a genuine token, a forged one and an unreachable key endpoint can all
// be told apart here. Refusals are 401 with the cause logged; when the keys cannot be fetched the
// token cannot be verified either way: 503 with Retry-After, logged as the metadata being
// unreachable. Never 500, never the raw error in the answer, and nothing below the gate runs.
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { attackerActivity } from './_teams-attacker.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsAdapter } from '../../src/bots/teams/index.ts';
import { precheckBearer, publicCloudWithMetadata, verifyTeamsRequest } from '../../src/bots/teams/auth.ts';
import type { ChatHandler } from '../../src/intents/types.ts';
import { freePort, record } from '../resilience/_support.ts';

const APP_ID = '4c1f6a2e-5b8d-4e7f-9a0b-1c2d3e4f5a6b';
const SERVICE_URL = 'http://127.0.0.1:9/';
const KID = 'rapport-test-key';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
function jwt(header: object, claims: object, key?: KeyObject): string {
  const unsigned = `${b64(header)}.${b64(claims)}`;
  const sig = key ? createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url') : Buffer.from('forged-signature').toString('base64url');
  return `${unsigned}.${sig}`;
}
const now = () => Math.floor(Date.now() / 1000);
const claims = (over: Record<string, unknown> = {}) => ({ iss: 'https://api.botframework.com', aud: APP_ID, exp: now() + 600, nbf: now() - 10, serviceurl: SERVICE_URL, ...over });
const activity = (): Activity => attackerActivity(APP_ID, SERVICE_URL) as unknown as Activity;

/** Microsoft's OpenID configuration and key set, served locally; `mode` breaks it on demand. */
class FakeOpenId {
  server!: Server;
  url = '';
  mode: 'ok' | 'error' | 'hang' = 'ok';
  constructor(private readonly publicKey: KeyObject) {}
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      if (this.mode === 'hang') return; // accepts, never answers
      if (this.mode === 'error') {
        res.writeHead(500).end('down');
        return;
      }
      if (req.url?.startsWith('/.well-known/openidconfiguration')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${this.url}/keys` }));
        return;
      }
      const jwk = this.publicKey.export({ format: 'jwk' });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e }] }));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }
  /** A metadata URL of its own per use: botbuilder caches keys per URL for 24 h. */
  metadataUrl(): string {
    return `${this.url}/.well-known/openidconfiguration?n=${randomUUID()}`;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

describe('Teams JWT gate', () => {
  const real = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let openId: FakeOpenId;
  let refusals = 0;
  const auth = (metadataUrl: string) => new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-password', ...publicCloudWithMetadata(metadataUrl) });

  beforeAll(async () => {
    openId = await new FakeOpenId(real.publicKey).start();
  });
  afterAll(async () => {
    record({ suite: 'security', scenario: 'teams jwt gate', refusals });
    await openId?.stop();
  });

  it('accepts a genuine token signed with the published key', async () => {
    const token = jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, claims(), real.privateKey);
    expect(await verifyTeamsRequest(auth(openId.metadataUrl()), activity(), `Bearer ${token}`, APP_ID)).toEqual({ ok: true });
  });

  it('refuses forged, tampered, expired, misaddressed and malformed tokens with 401 and a cause', async () => {
    const a = auth(openId.metadataUrl());
    const good = jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, claims(), real.privateKey);
    const [h, , s] = good.split('.');
    const cases: [string, string, RegExp][] = [
      ['signed with another key, same kid', jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, claims(), other.privateKey), /invalid signature/],
      ['claims swapped under a genuine signature', `${h}.${b64(claims({ aud: APP_ID, serviceurl: 'http://evil.example/' }))}.${s}`, /invalid signature/],
      ['unknown key id', jwt({ alg: 'RS256', typ: 'JWT', kid: 'nope' }, claims(), other.privateKey), /Signing Key could not be retrieved/],
      ['genuine signature, other service URL', jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, claims({ serviceurl: 'http://evil.example/' }), real.privateKey), /serviceurl|service ?url/i],
      ['another app', jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, claims({ aud: randomUUID() }), real.privateKey), /audience/],
      ['another issuer', jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, claims({ iss: 'https://evil.example' }), real.privateKey), /No valid identity|issuer/i],
      ['expired', jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, claims({ exp: now() - 3600 }), real.privateKey), /expired/],
      ['not valid yet', jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, claims({ nbf: now() + 3600 }), real.privateKey), /not valid yet/],
      ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.x`, /algorithm "none" not allowed/],
      ['HS256 with a guessed secret', jwt({ alg: 'HS256', typ: 'JWT', kid: KID }, claims()), /algorithm "HS256" not allowed/],
      ['no kid', jwt({ alg: 'RS256', typ: 'JWT' }, claims(), real.privateKey), /key id/],
      ['no signature', `${b64({ alg: 'RS256', kid: KID })}.${b64(claims())}.`, /bearer JWT/],
      ['not JSON', 'bm90.anNvbg.c2ln', /not JSON/],
    ];
    for (const [what, token, cause] of cases) {
      const v = await verifyTeamsRequest(a, activity(), `Bearer ${token}`, APP_ID);
      expect(v, what).toMatchObject({ ok: false, status: 401 });
      expect(v.ok ? '' : v.cause, what).toMatch(cause);
      refusals++;
    }
    expect(precheckBearer('', APP_ID, Date.now())).toMatch(/no Authorization/);
    expect(precheckBearer('Basic YWRtaW46YWRtaW4=', APP_ID, Date.now())).toMatch(/bearer JWT/);
  });

  it('answers 503 (never 500, never "valid") when the signing keys cannot be fetched: down, failing or silent', async () => {
    const token = `Bearer ${jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, claims(), real.privateKey)}`;
    const closed = `http://127.0.0.1:${await freePort()}/.well-known/openidconfiguration`;
    const down = await verifyTeamsRequest(auth(closed), activity(), token, APP_ID);
    expect(down).toMatchObject({ ok: false, status: 503 });
    expect(down.ok ? '' : down.cause).toMatch(/OpenID metadata unreachable.*ECONNREFUSED/);
    openId.mode = 'error';
    try {
      const failing = await verifyTeamsRequest(auth(openId.metadataUrl()), activity(), token, APP_ID);
      expect(failing).toMatchObject({ ok: false, status: 503 });
      expect(failing.ok ? '' : failing.cause).toMatch(/OpenID metadata unreachable.*Failed to load openID config: 500/);
      openId.mode = 'hang';
      const t0 = Date.now();
      const silent = await verifyTeamsRequest(auth(openId.metadataUrl()), activity(), token, APP_ID, { timeoutMs: 500 });
      expect(silent).toMatchObject({ ok: false, status: 503 });
      expect(silent.ok ? '' : silent.cause).toMatch(/did not answer within 500 ms/);
      expect(Date.now() - t0).toBeLessThan(3_000);
    } finally {
      openId.mode = 'ok';
    }
    refusals += 3;
  });

  describe('over HTTP', () => {
    let server: Server;
    let base: string;
    const lines: Record<string, unknown>[] = [];
    let turns = 0;

    beforeAll(async () => {
      const sink = new Writable({
        write(chunk: Buffer, _enc, cb) {
          for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
          cb();
        },
      });
      const logger = pino({ level: 'info' }, sink);
      // Nothing below the gate may run: any turn would reach this.
      const chat: ChatHandler = { handle: async () => ((turns++, { replies: [] })) };
      const deps = { services: {} as never, chat, logger };
      const config = { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-a-real-password' };
      const up = createTeamsAdapter({ ...deps, config, options: { openIdMetadataUrl: openId.metadataUrl() } });
      const down = createTeamsAdapter({ ...deps, config, options: { openIdMetadataUrl: `http://127.0.0.1:${await freePort()}/.well-known/openidconfiguration` } });
      const app = express();
      app.use('/up', up.router);
      app.use('/down', down.router);
      server = createServer(app);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server?.closeAllConnections();
      await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    });

    const post = (path: string, authorization?: string) =>
      fetch(`${base}${path}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(activity()),
        signal: AbortSignal.timeout(15_000),
      });

    it('a forged token is 401 with the cause logged and not echoed; unreachable keys are 503 + Retry-After, logged as such', async () => {
      const forged = `Bearer ${jwt({ alg: 'RS256', typ: 'JWT', kid: KID }, claims(), other.privateKey)}`;
      for (const authz of [undefined, 'Bearer not.a.jwt', forged, `Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, claims())}`]) {
        const res = await post('/up', authz);
        expect(res.status, String(authz)).toBe(401);
        const body = (await res.json()) as { error: string; message: string };
        expect(body).toEqual({ error: 'unauthorized', message: 'The request does not carry a valid Bot Framework token.' });
        refusals++;
      }
      expect(lines.filter((l) => l.msg === 'Teams request refused: no valid Bot Framework token').map((l) => l.cause)).toEqual([
        'no Authorization header',
        'token header or claims are not JSON',
        'invalid signature',
        'token signing algorithm "HS256" not allowed',
      ]);
      // The same forged token when Microsoft's keys cannot be fetched.
      const res = await post('/down', forged);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('30');
      expect(await res.text()).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|FetchError/);
      const logged = lines.find((l) => l.level === 50 && String(l.msg).includes('OpenID metadata is unreachable'));
      expect(String(logged?.cause)).toMatch(/ECONNREFUSED/);
      refusals++;
      // Tokens are never logged.
      expect(JSON.stringify(lines)).not.toContain(forged.slice(7, 60));
      expect(turns).toBe(0);
    });
  });
});
