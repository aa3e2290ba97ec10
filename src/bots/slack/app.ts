// The Bolt app and its receiver: over HTTP, the event guard (event-guard.ts) in front of an
// ExpressReceiver on Rapport's router (POST /slack/events; with OAuth also GET /slack/install and
// /slack/oauth_redirect); in Socket Mode, a SocketModeReceiver and the claim taken in a middleware.
// Authorization: OAuth installations, or the single bot token.
import express, { type Router } from 'express';
import { App, ExpressReceiver, SocketModeReceiver, type Authorize, type InstallationStore, type webApi } from '@slack/bolt';
import type { Config } from '../../config.ts';
import type { Logger } from '../../infra/logger.ts';
import type { InboundPort } from '../inbound.ts';
import { CLAIM_PROPERTY, eventGuard, type EventCallbackBody, type EventClaims } from './event-guard.ts';
import { isPersonsPost } from './turn.ts';
import { newWebClient, slackLogger, webClientOptions, type RetryConfig } from './web-client.ts';

/** Bot scopes the manifest asks for (and OAuth requests): only what the adapter calls. */
export const BOT_SCOPES = ['app_mentions:read', 'chat:write', 'commands', 'im:history', 'im:read', 'im:write', 'users:read', 'users:read.email'];

export interface BoltAppOptions {
  config: Config;
  logger: Logger;
  /** The adapter's child logger. */
  log: Logger;
  claims: EventClaims;
  installationStore?: InstallationStore | undefined;
  retryConfig: RetryConfig;
  /** Where Events API deliveries go to be claimed and handled by a worker; unset: handled here. */
  inbound?: InboundPort | undefined;
  /** The database was down when an event arrived (not claimed): tell the person. */
  tellUnavailable(body: EventCallbackBody): Promise<void>;
}

export interface BoltApp {
  app: App;
  router: Router;
  socket: boolean;
  /** The single-workspace bot token's client (none with OAuth). */
  botClient?: webApi.WebClient | undefined;
  /** auth.test of the bot token, cached once it succeeds. */
  botIdentity(): Promise<{ botId?: string; botUserId?: string; teamId?: string }>;
}

export function createBoltApp(o: BoltAppOptions): BoltApp {
  const { config, logger, log, claims } = o;
  const socket = Boolean(config.SLACK_APP_TOKEN);
  const clientOpts = { slackApiUrl: config.SLACK_API_URL, logger };
  const replyClientOptions = webClientOptions({ ...clientOpts, retryConfig: o.retryConfig });

  // Single workspace: the bot token, with auth.test cached once it succeeds (and retried if it
  // failed, unlike bolt's own single-token authorize which keeps a rejected promise).
  const botClient = config.SLACK_BOT_TOKEN ? newWebClient(config.SLACK_BOT_TOKEN, { ...clientOpts, retryConfig: o.retryConfig }) : undefined;
  let identity: Promise<{ botId?: string; botUserId?: string; teamId?: string }> | undefined;
  const botIdentity = () => {
    identity ??= botClient!.auth.test().then(
      (r) => ({ botId: r.bot_id, botUserId: r.user_id, teamId: r.team_id }),
      (err: unknown) => {
        identity = undefined;
        throw err;
      },
    );
    return identity;
  };
  const singleAuthorize: Authorize<boolean> = async (source) => {
    const id = await botIdentity();
    return {
      botToken: config.SLACK_BOT_TOKEN!,
      ...(id.botId ? { botId: id.botId } : {}),
      ...(id.botUserId ? { botUserId: id.botUserId } : {}),
      teamId: source.teamId ?? id.teamId,
      enterpriseId: source.enterpriseId,
    };
  };

  const router = express.Router();
  const slackLog = slackLogger(logger);
  const oauthOptions = o.installationStore
    ? {
        clientId: config.SLACK_CLIENT_ID!,
        clientSecret: config.SLACK_CLIENT_SECRET!,
        stateSecret: config.SLACK_STATE_SECRET!,
        installationStore: o.installationStore,
        scopes: BOT_SCOPES,
        installerOptions: {
          directInstall: true,
          ...(config.SLACK_API_URL ? { clientOptions: { slackApiUrl: replyClientOptions.slackApiUrl } } : {}),
        },
      }
    : {};

  /** Queues an event (the worker claims it); events no listener would act on are acked without a job. */
  async function handOff(inbound: InboundPort, eventId: string, body: EventCallbackBody): Promise<boolean> {
    const e = body.event;
    const ignored = !e || (e.type === 'message' && (e.channel_type !== 'im' || !isPersonsPost(e)));
    if (!ignored) await inbound.enqueue({ source: 'slack', eventId, body: body as Record<string, unknown> });
    return true;
  }

  let receiver: InstanceType<typeof ExpressReceiver> | InstanceType<typeof SocketModeReceiver>;
  if (socket) {
    receiver = new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN!, logger: slackLog, ...oauthOptions });
  } else {
    const inbound = o.inbound;
    router.post(
      '/slack/events',
      ...eventGuard({
        signingSecret: config.SLACK_SIGNING_SECRET!,
        claims,
        logger: log,
        onUnavailable: (body) => o.tellUnavailable(body),
        ...(inbound ? { handOff: (eventId: string, body: EventCallbackBody) => handOff(inbound, eventId, body) } : {}),
      }),
    );
    receiver = new ExpressReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET!,
      router,
      processBeforeResponse: false,
      logger: slackLog,
      customPropertiesExtractor: (req) => {
        const id: unknown = Reflect.get(req, CLAIM_PROPERTY);
        return typeof id === 'string' ? { [CLAIM_PROPERTY]: id } : {};
      },
      ...oauthOptions,
    });
  }

  const app = new App({
    receiver,
    ...(o.installationStore ? {} : { authorize: singleAuthorize }),
    clientOptions: replyClientOptions,
    logger: slackLog,
    ignoreSelf: true,
  });

  // Socket Mode (no guard in front): claim events here, after bolt's automatic ack.
  app.use(async ({ body, context, next }) => {
    const b = body as EventCallbackBody;
    if (b.type === 'event_callback' && b.event_id && !context[CLAIM_PROPERTY]) {
      const r = await claims.claim(b.event_id);
      if (r === 'duplicate') return;
      if (r === 'unavailable') {
        await o.tellUnavailable(b).catch(() => undefined);
        return;
      }
      context[CLAIM_PROPERTY] = b.event_id;
    }
    await next();
  });

  app.error(async (err) => {
    log.error({ err: err.original ?? err, code: err.code }, 'unhandled error in a Slack listener');
  });

  return { app, router, socket, botClient, botIdentity };
}
