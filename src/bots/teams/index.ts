// Microsoft Teams channel: POST /api/messages through botbuilder's CloudAdapter, plus a
// DeliveryPort for proactive messages. Built from the validated config (never process.env).
//
// Authentication:
// - MICROSOFT_APP_ID set: every activity's Bot Framework JWT is validated (issuer, audience = app
//   id, signing keys, serviceUrl claim) before the turn runs; a request without a valid token is
//   401 with the cause logged, and one that cannot be verified because Microsoft's signing keys
//   cannot be fetched is 503 with Retry-After (auth.ts).
// - No app id (local development with the Bot Framework Emulator): botbuilder does no auth at
//   all, so this router accepts requests only from loopback (127.0.0.1 / ::1), and only when no
//   proxy header says the request came from elsewhere; anything else is 401.
import express, { type Request, type Response, type Router } from 'express';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ShowTypingMiddleware,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Activity as BfActivity,
  type Request as BfRequest,
  type Response as BfResponse,
} from 'botbuilder';
import type { Config } from '../../config.ts';
import type { DeliveryPort } from '../../domain/shared/ports.ts';
import type { Logger } from '../../infra/logger.ts';
import type { ChatHandler } from '../../intents/types.ts';
import { welcomeOnFirstContact } from '../../intents/welcome.ts';
import type { Services } from '../../services.ts';
import { RapportTeamsBot } from './bot.ts';
import { TeamsDelivery, type TeamsDeliveryOptions } from './delivery.ts';
import { TeamsDirectory } from './identity.ts';
import { TeamsReferences } from './references.ts';
import { withSubmitActions } from './cards.ts';
import { publicCloudWithMetadata, verifyTeamsRequest } from './auth.ts';

export { TeamsDelivery, TeamsNeverReachedError, TeamsConnectorBusyError } from './delivery.ts';
export { replyCard, escapeCardMarkdown } from './cards.ts';

export type TeamsConfig = Pick<Config, 'MICROSOFT_APP_ID' | 'MICROSOFT_APP_PASSWORD' | 'MICROSOFT_APP_TENANT_ID' | 'MICROSOFT_APP_TYPE' | 'TEAMS_ALLOWED_TENANTS'>;

export interface TeamsAdapterDeps {
  config: TeamsConfig;
  chat: ChatHandler;
  services: Services;
  logger: Logger;
  /** Tuning for tests; production uses the defaults. */
  options?: {
    delivery?: TeamsDeliveryOptions;
    /** @defaultValue 11_000 */
    turnBudgetMs?: number;
    /** Typing indicator: first after `delay`, then every `period` ms. @defaultValue { delay: 1000, period: 3000 } */
    typing?: { delay: number; period: number } | false;
    memberLookupTimeoutMs?: number;
    /** Bound on fetching Microsoft's signing keys for a token. @defaultValue 5_000 */
    authTimeoutMs?: number;
    /** Where the Bot Framework channel's signing keys are published (tests: a local stand-in). */
    openIdMetadataUrl?: string;
  };
}

export interface TeamsAdapter {
  /** POST /api/messages */
  router: Router;
  /** Proactive messages to people who have talked to Rapport in Teams. */
  delivery: DeliveryPort;
  /** One line for the start-up log: auth mode and tenant restriction. */
  describe(): string;
  /** The underlying CloudAdapter (tests, advanced wiring). */
  adapter: CloudAdapter;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** Headers a proxy adds: any of them, even empty, means the request did not come straight from this machine. */
const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'true-client-ip', 'via', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-client-ip', 'x-cluster-client-ip', 'cf-connecting-ip', 'fastly-client-ip', 'x-original-forwarded-for'];

/** A serviceUrl on this machine (the Emulator's): where an unauthenticated turn may post. */
export function isLoopbackUrl(raw: unknown): boolean {
  if (typeof raw !== 'string') return false;
  try {
    const { hostname, protocol } = new URL(raw);
    if (protocol !== 'http:' && protocol !== 'https:') return false;
    return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
  } catch {
    return false;
  }
}

export function parseAllowedTenants(raw: string | undefined): ReadonlySet<string> | null {
  const ids = (raw ?? '')
    .split(/[\s,;]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return ids.length ? new Set(ids) : null;
}

export function createTeamsAdapter(deps: TeamsAdapterDeps): TeamsAdapter {
  const { config, logger } = deps;
  const appId = config.MICROSOFT_APP_ID ?? '';
  const authDisabled = !appId;

  const authOptions: ConfigurationBotFrameworkAuthenticationOptions = {};
  if (config.MICROSOFT_APP_ID) authOptions.MicrosoftAppId = config.MICROSOFT_APP_ID;
  if (config.MICROSOFT_APP_PASSWORD) authOptions.MicrosoftAppPassword = config.MICROSOFT_APP_PASSWORD;
  if (config.MICROSOFT_APP_TENANT_ID) authOptions.MicrosoftAppTenantId = config.MICROSOFT_APP_TENANT_ID;
  if (config.MICROSOFT_APP_TYPE) authOptions.MicrosoftAppType = config.MICROSOFT_APP_TYPE;
  if (deps.options?.openIdMetadataUrl) Object.assign(authOptions, publicCloudWithMetadata(deps.options.openIdMetadataUrl));
  const bfAuth = new ConfigurationBotFrameworkAuthentication(authOptions);
  const adapter = new CloudAdapter(bfAuth);

  // Web Chat, Direct Line clients and the Emulator get Action.Submit buttons (cards.ts,
  // withSubmitActions): replies, card updates and proactive messages alike.
  adapter.use(async (ctx, next) => {
    if (ctx.activity.channelId !== 'msteams') {
      ctx.onSendActivities(async (_ctx, activities, send) => {
        for (const a of activities) if (a.attachments) a.attachments = withSubmitActions(a.attachments);
        return send();
      });
      ctx.onUpdateActivity(async (_ctx, activity, update) => {
        if (activity.attachments) activity.attachments = withSubmitActions(activity.attachments);
        return update();
      });
    }
    await next();
  });
  const typing = deps.options?.typing ?? { delay: 1_000, period: 3_000 };
  if (typing) adapter.use(new ShowTypingMiddleware(typing.delay, typing.period));

  adapter.onTurnError = async (ctx, err) => {
    logger.error({ err, activityType: ctx.activity.type, activityId: ctx.activity.id }, 'unhandled error in a Teams turn');
    if (ctx.activity.type === 'message') {
      const zh = (ctx.activity.locale ?? '').toLowerCase().startsWith('zh');
      await ctx
        .sendActivity(zh ? '我们这边出了点问题，已记录。请稍后重试。' : 'Something went wrong on our side; it has been logged. Please try again.')
        .catch(() => undefined);
    }
  };

  const allowedTenants = parseAllowedTenants(config.TEAMS_ALLOWED_TENANTS);
  const refs = new TeamsReferences(deps.services.references);
  const directory = new TeamsDirectory({
    services: deps.services,
    logger,
    ...(deps.options?.memberLookupTimeoutMs !== undefined ? { memberLookupTimeoutMs: deps.options.memberLookupTimeoutMs } : {}),
  });
  const bot = new RapportTeamsBot({
    claims: deps.services.claims,
    chat: deps.chat,
    logger,
    directory,
    refs,
    adapter,
    appId,
    allowedTenants,
    authDisabled,
    welcome: (actor) => welcomeOnFirstContact(deps.services, actor, (err) => logger.warn({ err }, 'could not decide on the new-workspace welcome')),
    ...(deps.options?.turnBudgetMs !== undefined ? { turnBudgetMs: deps.options.turnBudgetMs } : {}),
  });
  const delivery = new TeamsDelivery(adapter, appId, refs, logger, deps.options?.delivery);

  const router = express.Router();
  router.post(
    '/api/messages',
    (req: Request, res: Response, next) => {
      if (!authDisabled) return next();
      const addr = req.socket.remoteAddress ?? '';
      const proxied = PROXY_HEADERS.some((h) => h in req.headers);
      if (LOOPBACK.has(addr) && !proxied) return next();
      logger.warn({ remoteAddress: addr, proxied }, 'Teams endpoint refused: no MICROSOFT_APP_ID, so only loopback (Emulator) traffic is accepted');
      res.status(401).json({ error: 'unauthorized', message: 'Set MICROSOFT_APP_ID to accept Teams traffic; without it only local Emulator requests are allowed.' });
    },
    express.json({ limit: '256kb' }),
    // With an app id, the token is checked here first so that a refusal is a clean 401 (or 503 when
    // Microsoft's signing keys cannot be fetched) with its cause logged — see auth.ts.
    async (req: Request, res: Response, next) => {
      const body = req.body as { type?: unknown; channelId?: unknown } | undefined;
      // Not an activity at all: botbuilder answers 400 below, as without an app id.
      if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.type !== 'string') return next();
      if (authDisabled) {
        // Nothing vouches for the activity: the answer may only go back to this machine.
        const serviceUrl = (body as { serviceUrl?: unknown }).serviceUrl;
        if (serviceUrl === undefined || isLoopbackUrl(serviceUrl)) return next();
        logger.warn({ serviceUrl: String(serviceUrl).slice(0, 200) }, 'Teams request refused: no MICROSOFT_APP_ID, so answers go only to a loopback serviceUrl');
        res.status(401).json({ error: 'unauthorized', message: 'Without MICROSOFT_APP_ID, Rapport answers only to a serviceUrl on this machine (the Bot Framework Emulator).' });
        return;
      }
      const verdict = await verifyTeamsRequest(bfAuth, req.body as BfActivity, String(req.headers.authorization ?? ''), appId, deps.options?.authTimeoutMs !== undefined ? { timeoutMs: deps.options.authTimeoutMs } : {});
      if (verdict.ok) return next();
      const where = { remoteAddress: req.socket.remoteAddress, activityType: body.type, channelId: typeof body.channelId === 'string' ? body.channelId : undefined, cause: verdict.cause };
      if (verdict.status === 503) {
        logger.error(where, 'Teams request refused: its token cannot be verified because the Bot Framework OpenID metadata is unreachable');
        res.setHeader('retry-after', '30');
        res.status(503).json({ error: 'unavailable', message: 'Bot Framework tokens cannot be verified right now; retry later.' });
        return;
      }
      logger.warn(where, 'Teams request refused: no valid Bot Framework token');
      res.status(401).json({ error: 'unauthorized', message: 'The request does not carry a valid Bot Framework token.' });
    },
    async (req: Request, res: Response) => {
      // Every Bot Framework client, not only Teams: some Direct Line clients leave `recipient` out
      // (botbuilder's replies and stored conversation references take the bot's identity from
      // it), and `entities` that is not a list means nothing.
      const activity = req.body as { recipient?: { id?: unknown }; entities?: unknown } | undefined;
      if (activity && typeof activity === 'object' && !Array.isArray(activity)) {
        if (!(activity.recipient && typeof activity.recipient.id === 'string' && activity.recipient.id)) {
          activity.recipient = { id: appId || 'rapport', name: 'Rapport', role: 'bot' } as { id: string };
        }
        if (activity.entities !== undefined && !Array.isArray(activity.entities)) delete activity.entities;
        else if (Array.isArray(activity.entities)) activity.entities = activity.entities.filter((e) => e && typeof e === 'object' && typeof (e as { type?: unknown }).type === 'string');
      }
      try {
        await adapter.process(req as unknown as BfRequest, res as unknown as BfResponse, (ctx) => bot.run(ctx));
      } catch (err) {
        // botbuilder validates the activity's shape (zod, validateAndFixActivity) outside its own
        // try: a body that is not an activity is the sender's mistake, not ours.
        const e = err as { name?: string; message?: string } | null;
        if ((e?.name === 'ZodError' || (e?.message ?? '').startsWith('validateAndFixActivity()')) && !res.headersSent) {
          logger.warn({ issues: String((err as Error).message).slice(0, 500) }, 'Teams request refused: not a Bot Framework activity');
          res.status(400).json({ error: 'bad_request', message: 'The body is not a Bot Framework activity.' });
          return;
        }
        throw err;
      }
    },
  );

  return {
    router,
    delivery,
    adapter,
    describe() {
      const tenants = allowedTenants ? `tenants restricted to ${[...allowedTenants].join(', ')}` : 'all tenants allowed';
      return authDisabled
        ? `Teams: POST /api/messages WITHOUT authentication (no MICROSOFT_APP_ID) — loopback only, for the Bot Framework Emulator; ${tenants}`
        : `Teams: POST /api/messages with Bot Framework JWT validation for app ${appId} (${config.MICROSOFT_APP_TYPE ?? 'MultiTenant'}); ${tenants}`;
    },
  };
}
