// The Slack adapter over real HTTP, wired the way src/app.ts wires the web chat: a real database
// (a PostgreSQL clone of the migrated template), the demo seed, the domain services, the chat
// engine with the rules parser, and the adapter's router on an Express app. Requests are signed
// the way Slack signs them (v0 HMAC-SHA256 over `v0:<ts>:<body>`).
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { loadConfig } from '../../../src/config.ts';
import { CompositeDelivery, type ChannelPorts } from '../../../src/domain/delivery/channel-routing.ts';
import { WebInboxDelivery } from '../../../src/bots/web/delivery.ts';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from '../../../src/bots/slack/index.ts';
import { ActorDirectory } from '../../../src/domain/identity/actor-directory.ts';
import { EventClaimService } from '../../../src/domain/conversations/event-claims.ts';
import type { PrismaClient } from '../../../src/domain/shared/db.ts';
import { createLogger } from '../../../src/infra/logger.ts';
import { createChatHandler } from '../../../src/intents/engine.ts';
import type { ChatHandler } from '../../../src/intents/types.ts';
import { RulesParser } from '../../../src/intents/llm/rules-parser.ts';
import { seedDemo, DEMO_TENANT_ID } from '../../../src/seed/demo.ts';
import { buildServices } from '../../../src/services.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { FakeSlack } from './fake-slack.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const TEAM = 'T123';

export interface Harness {
  url: string;
  fake: FakeSlack;
  db: TestDatabase;
  adapter: SlackAdapter;
  /** Switches the adapter's view of the database off (processedEvent calls fail as if PostgreSQL were down). */
  setDatabaseDown(down: boolean): void;
  stop(): Promise<void>;
}

/** Wraps Prisma so that, while `down()`, the Slack tables answer ECONNREFUSED. */
function flakyPrisma(prisma: PrismaClient, down: () => boolean): PrismaClient {
  const refused = () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  };
  return new Proxy(prisma, {
    get(target, prop, _receiver) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (prop === 'processedEvent' && down()) return { create: refused, deleteMany: refused, findUnique: refused };
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

export interface HarnessExtras {
  /** Wraps the real chat engine (it must delegate to it for everything it does not answer itself). */
  wrapChat?: (chat: ChatHandler) => ChatHandler;
}

export async function startHarness(options: SlackAdapterOptions = {}, extras: HarnessExtras = {}): Promise<Harness> {
  const fake = new FakeSlack();
  await fake.start();
  const db = await createTestDatabase('postgres');
  await seedDemo(db.prisma);
  // The demo tenant is the workspace T123: its users are the Slack members users.info describes.
  await db.prisma.tenant.update({ where: { id: DEMO_TENANT_ID }, data: { kind: 'slack', externalId: TEAM } });
  const config = loadConfig({ LOG_LEVEL: 'silent', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: fake.apiUrl });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  // As src/app.ts does: the Slack port joins the channel ports once the adapter exists.
  const ports: ChannelPorts = { web: new WebInboxDelivery() };
  const services = buildServices(db.prisma, new CompositeDelivery(ports, db.prisma));
  const actors = new ActorDirectory(db.prisma);
  const engine = createChatHandler({ services, actors, parser: new RulesParser(), logger });
  const chat = extras.wrapChat ? extras.wrapChat(engine) : engine;
  let down = false;
  const adapter = createSlackAdapter({
    config,
    chat,
    // The adapter's event claims see the flaky database; everything else the real one.
    services: { ...services, claims: new EventClaimService(flakyPrisma(db.prisma, () => down)) },
    logger,
    // No placeholder unless a test asks for one: a busy CI machine must not turn a fast answer into two messages.
    options: { retryConfig: { retries: 3, minTimeout: 10, maxTimeout: 50 }, deliveryRetryConfig: { retries: 0 }, slowReplyMs: 30_000, ...options },
  });
  ports.slack = adapter.delivery;
  await adapter.start();
  const app = express();
  app.use(adapter.router);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    fake,
    db,
    adapter,
    setDatabaseDown: (d) => {
      down = d;
    },
    async stop() {
      await adapter.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await fake.stop();
      await db.drop();
    },
  };
}

// --- signed requests ---------------------------------------------------------------------------

export function sign(body: string, ts: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

export interface PostOptions {
  ts?: number;
  signature?: string;
  retryNum?: number;
}

export async function postSlack(url: string, body: string, contentType: string, opts: PostOptions = {}): Promise<Response> {
  const ts = opts.ts ?? Math.floor(Date.now() / 1000);
  return fetch(`${url}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': opts.signature ?? sign(body, ts),
      ...(opts.retryNum ? { 'x-slack-retry-num': String(opts.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
    },
    body,
  });
}

let seq = 0;
export const nextTs = () => `17500${String(Date.now()).slice(-5)}.${String(++seq).padStart(6, '0')}`;

export function eventBody(event: Record<string, unknown>, eventId = `Ev${Date.now()}${++seq}`): string {
  return JSON.stringify({
    token: 'XXYYZZ',
    team_id: TEAM,
    api_app_id: 'A123',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
}

export function dm(user: string, channel: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const ts = nextTs();
  return { client_msg_id: `m-${ts}`, type: 'message', text, user, ts, team: TEAM, channel, event_ts: ts, channel_type: 'im', ...extra };
}

export const payloadBody = (payload: object) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;
export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

/** A block_actions payload for pressing the button whose value is `value` in a message we posted. */
export function pressButton(opts: {
  user: string;
  channel: string;
  message: { ts: string; thread_ts?: string; blocks: unknown[]; text?: string };
  value: string;
  responseUrl?: string;
}): object {
  type Btn = { action_id: string; value: string; text: { text: string } };
  type Blk = { block_id?: string; elements?: Btn[]; accessory?: Btn };
  let found: { btn: Btn; blockId?: string } | undefined;
  for (const b of opts.message.blocks as Blk[]) {
    for (const el of [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]) if (el.value === opts.value) found = { btn: el, blockId: b.block_id };
  }
  if (!found) throw new Error(`no button with value ${opts.value}`);
  return {
    type: 'block_actions',
    user: { id: opts.user, username: 'someone', name: 'someone', team_id: TEAM },
    api_app_id: 'A123',
    token: 'tok',
    container: { type: 'message', message_ts: opts.message.ts, channel_id: opts.channel, is_ephemeral: false, ...(opts.message.thread_ts ? { thread_ts: opts.message.thread_ts } : {}) },
    trigger_id: '123.456.abc',
    team: { id: TEAM, domain: 'acme' },
    channel: { id: opts.channel, name: 'directmessage' },
    message: { type: 'message', bot_id: 'BBOT', text: opts.message.text ?? '', ts: opts.message.ts, ...(opts.message.thread_ts ? { thread_ts: opts.message.thread_ts } : {}), blocks: opts.message.blocks },
    response_url: opts.responseUrl ?? 'https://hooks.slack.com/actions/T123/1/x',
    actions: [{ type: 'button', action_id: found.btn.action_id, block_id: found.blockId, text: { type: 'plain_text', text: found.btn.text.text }, value: opts.value, action_ts: nextTs() }],
  };
}
