// The Slack adapter: a Bolt app on Rapport's HTTP server or on Socket Mode (app.ts), its
// listeners (listeners/, one file per kind), the turn (turn.ts: whoIs, converse) and the sending
// (send.ts), and proactive delivery (delivery.ts). This file wires them.
// Over HTTP, events are verified in front of Bolt (event-guard.ts) and, with an inbound port,
// queued and acked at once; a worker then claims them and runs them through this same Bolt app
// (handleQueued), and retries them while the database is down. Otherwise they are claimed there,
// Bolt acks (processBeforeResponse: false) and the work happens after the ack, in this process.
// A slow answer gets a "Working on it…" placeholder that is updated in place.
import type { Router } from 'express';
import type { webApi } from '@slack/bolt';
import type { Config } from '../../config.ts';
import type { DeliveryPort } from '../../domain/shared/ports.ts';
import type { Logger } from '../../infra/logger.ts';
import type { ChatHandler } from '../../intents/types.ts';
import type { Services } from '../../services.ts';
import { RetryLater, type InboundAttempt, type InboundEvent, type InboundPort } from '../inbound.ts';
import { createBoltApp } from './app.ts';
import { SlackDelivery } from './delivery.ts';
import { CLAIM_PROPERTY, EventClaims, type EventCallbackBody } from './event-guard.ts';
import { ServiceInstallationStore } from './installation-store.ts';
import { registerListeners } from './listeners/index.ts';
import { createSender } from './send.ts';
import { SlackDirectory } from './slack-directory.ts';
import { createTurn, QUEUED_PROPERTY, queuedOutageReply, type QueuedRun, type Turn } from './turn.ts';
import { DELIVERY_RETRY, INTERACTIVE_RETRY, newWebClient, type RetryConfig } from './web-client.ts';

export { slackThreadRef, parseSlackThreadRef } from './thread-ref.ts';
export { BOT_SCOPES } from './app.ts';

export interface SlackAdapterOptions {
  /** WebClient retries for replies. @defaultValue ten retries in about 30 minutes */
  retryConfig?: RetryConfig;
  /** WebClient retries for proactive sends before ChannelRateLimitedError. @defaultValue 2 quick retries */
  deliveryRetryConfig?: RetryConfig;
  /** After this long without an answer, post "Working on it…" and update it later. @defaultValue 1500 */
  slowReplyMs?: number;
}

export interface SlackAdapterDeps {
  config: Config;
  chat: ChatHandler;
  services: Services;
  logger: Logger;
  /** Called after the adapter wrote through a service directly (modals), like ChatDeps.onCommit. */
  onCommit?: () => void;
  /** Where Events API deliveries go to be claimed and handled by a worker; unset: handled in this process. */
  inbound?: InboundPort | undefined;
  options?: SlackAdapterOptions;
}

export interface SlackAdapter {
  /** Mount on the HTTP app (empty in Socket Mode). */
  router: Router;
  /** Proactive sends to people on Slack (for CompositeDelivery's `slack` port). */
  delivery: DeliveryPort;
  mode: 'http' | 'socket';
  /** Runs an event the server queued (the inbound worker); resolves when its turn is done, throws RetryLater. */
  handleQueued(event: InboundEvent, attempt: InboundAttempt): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when no Slack work is in flight (tests, graceful shutdown). */
  idle(): Promise<void>;
}

export class SlackConfigError extends Error {
  readonly code = 'SLACK.CONFIG';
}

export function createSlackAdapter(deps: SlackAdapterDeps): SlackAdapter {
  const { config, chat, services, logger } = deps;
  const opts = deps.options ?? {};
  const log = logger.child({ component: 'slack' });
  const socket = Boolean(config.SLACK_APP_TOKEN);
  const oauth = Boolean(config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_STATE_SECRET);
  if (!socket && !config.SLACK_SIGNING_SECRET) throw new SlackConfigError('SLACK_SIGNING_SECRET is required for Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode).');
  if (!oauth && !config.SLACK_BOT_TOKEN) throw new SlackConfigError('SLACK_BOT_TOKEN is required (or SLACK_CLIENT_ID/SECRET/STATE_SECRET for OAuth installs).');

  const directory = new SlackDirectory(services, log, config.DEFAULT_TIMEZONE);
  const claims = new EventClaims(services.claims);
  const installationStore = oauth ? new ServiceInstallationStore(services.installations, (teamId, name) => directory.tenantFor(teamId, name)) : undefined;
  const inflight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inflight.add(p);
    void p.finally(() => inflight.delete(p)).catch(() => undefined);
    return p;
  };

  let turn: Turn | undefined;
  const { app, router, botClient, botIdentity } = createBoltApp({
    config,
    logger,
    log,
    claims,
    installationStore,
    retryConfig: opts.retryConfig ?? INTERACTIVE_RETRY,
    inbound: deps.inbound,
    tellUnavailable: (body) => turn!.tellUnavailable(body),
  });
  const send = createSender({ services, log, slowReplyMs: opts.slowReplyMs ?? 1500 });
  turn = createTurn({ directory, claims, chat, services, send, log, botClient });
  registerListeners(app, { turn, send, chat, services, claims, log, track, onCommit: deps.onCommit });

  // Proactive sends: the single bot token, or the tenant's workspace installation.
  const deliveryClients = new Map<string, webApi.WebClient>();
  const deliveryClient = (token: string) => {
    let c = deliveryClients.get(token);
    if (!c) {
      deliveryClients.set(
        token,
        (c = newWebClient(token, { slackApiUrl: config.SLACK_API_URL, logger, retryConfig: opts.deliveryRetryConfig ?? DELIVERY_RETRY })),
      );
    }
    return c;
  };
  const clientForTenant = async (tenantId: string): Promise<webApi.WebClient> => {
    if (!installationStore) return deliveryClient(config.SLACK_BOT_TOKEN!);
    const teamId = await directory.teamOf(tenantId);
    if (!teamId) throw new SlackConfigError(`tenant ${tenantId} is not a Slack workspace`);
    const inst = await installationStore.fetchInstallation({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
    if (!inst.bot?.token) throw new SlackConfigError(`the Slack installation of ${teamId} has no bot token`);
    return deliveryClient(inst.bot.token);
  };
  const delivery = new SlackDelivery({ directory, clientFor: clientForTenant, logger: log });

  return {
    router,
    delivery,
    mode: socket ? 'socket' : 'http',
    async handleQueued(event, attempt) {
      const body = event.body as EventCallbackBody;
      const claim = await claims.claim(event.eventId);
      // Claimed before on a first run: processed already (e.g. by a server while the queue was
      // down). On a later run the claim is this job's own, from the run that failed or died.
      if (claim === 'duplicate' && attempt.first) return;
      if (claim === 'unavailable') {
        const reply = queuedOutageReply(attempt);
        if (reply) await turn.tellUnavailable(body, reply).catch((err: unknown) => log.warn({ err }, 'could not tell the user the CRM is unavailable'));
        if (attempt.last) return;
        throw new RetryLater('database unavailable');
      }
      const run: QueuedRun = { attempt, retry: false };
      // Bolt's own pipeline (authorize, ignoreSelf, listeners), with the claim taken.
      await track(
        app.processEvent({
          body: event.body,
          ack: async () => undefined,
          customProperties: { [CLAIM_PROPERTY]: event.eventId, [QUEUED_PROPERTY]: run },
        }),
      );
      if (run.retry) throw new RetryLater('database unavailable');
    },
    async start() {
      if (socket) await app.start();
      else if (botClient) {
        // Warm the bot identity (mention stripping, ignoreSelf); a failure is retried on first use.
        await botIdentity().catch((err: unknown) => log.warn({ err }, 'Slack auth.test failed; will retry on the first event'));
      }
    },
    async stop() {
      if (socket) await app.stop();
      await Promise.allSettled(inflight);
    },
    async idle() {
      while (inflight.size) await Promise.allSettled(inflight);
    },
  };
}
