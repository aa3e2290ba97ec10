// The Slack adapter: a Bolt app on Rapport's HTTP server (POST /slack/events; with OAuth also
// GET /slack/install and /slack/oauth_redirect) or on Socket Mode, talking to the chat engine.
// Over HTTP, events are verified in front of Bolt (event-guard.ts) and, with an inbound port,
// queued and acked at once; a worker then claims them and runs them through this same Bolt app
// (handleQueued), and retries them while the database is down. Otherwise they are claimed there,
// Bolt acks (processBeforeResponse: false) and the work happens after the ack, in this process.
// A slow answer gets a "Working on it…" placeholder that is updated in place.
import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import { App, ExpressReceiver, SocketModeReceiver, type AllMiddlewareArgs, type Authorize, type webApi } from '@slack/bolt';
import type { Config } from '../../config.ts';
import type { Actor } from '../../domain/shared/actor.ts';
import { DomainError, type Locale } from '../../domain/shared/errors.ts';
import type { DeliveryPort } from '../../domain/shared/ports.ts';
import type { Logger } from '../../infra/logger.ts';
import type { ChatHandler, Reply, ReplySection } from '../../intents/types.ts';
import { RetryLater, type InboundAttempt, type InboundEvent, type InboundPort } from '../inbound.ts';
import type { MessageAction } from '../../domain/shared/ports.ts';
import type { Services } from '../../services.ts';
import { welcomeOnFirstContact } from '../../intents/welcome.ts';
import { isDatabaseDown, isOutcomeUnknown, unavailableReply } from '../unavailable.ts';
import { afterPress, MAX_BLOCKS, MORE_PREFIX, parseBlockId, plainSection, renderReply, type Block, type RenderedMessage } from './blocks.ts';
import { SlackDelivery } from './delivery.ts';
import { CLAIM_PROPERTY, EventClaims, eventGuard, type EventCallbackBody } from './event-guard.ts';
import { ServiceInstallationStore } from './installation-store.ts';
import { SlackDirectory, type ActorLookup } from './slack-directory.ts';
import { fromSlackText, guessLocale } from './slack-text.ts';
import { commandThreadKey, homeThreadKey, slackMessageId, slackThreadRef } from './thread-ref.ts';
import { buildHomeView, EDIT_CALLBACK, editInteractionModal, isInteractionType, LOG_CALLBACK, logMessageModal, type ModalOrigin } from './views.ts';
import { DELIVERY_RETRY, INTERACTIVE_RETRY, newWebClient, slackLogger, webClientOptions, type RetryConfig } from './web-client.ts';

export { slackThreadRef, parseSlackThreadRef } from './thread-ref.ts';

/** Bot scopes the manifest asks for (and OAuth requests): only what the adapter calls. */
export const BOT_SCOPES = ['app_mentions:read', 'chat:write', 'commands', 'im:history', 'im:read', 'im:write', 'users:read', 'users:read.email'];

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

type RespondFn = (msg: Record<string, unknown>) => Promise<unknown>;
type Target =
  | { kind: 'thread'; client: webApi.WebClient; channel: string; threadTs: string; placeholderTs?: string | undefined; user?: string | undefined; dm?: boolean | undefined }
  | { kind: 'respond'; respond: RespondFn };

interface MoreState {
  sections: ReplySection[];
  actions: MessageAction[][];
  offset: number;
}

const MORE_TTL_MS = 24 * 3600_000;
/** Bolt context key of a queued run's state (set by handleQueued, read where a turn fails). */
const QUEUED_PROPERTY = 'rapportQueuedRun';
interface QueuedRun {
  attempt: InboundAttempt;
  /** Set when the turn met a database outage: the queue runs it again. */
  retry: boolean;
}
const L = (locale: Locale, en: string, zh: string) => (locale === 'zh' ? zh : en);
/** A message a person wrote: edits, joins and bots' posts are not requests (ours: ignoreSelf too). */
function isPersonsPost<E extends { user?: string | undefined; bot_id?: string | undefined; subtype?: string | undefined }>(e: E): e is E & { user: string } {
  return Boolean(e.user) && !e.bot_id && (!e.subtype || e.subtype === 'thread_broadcast' || e.subtype === 'file_share');
}
const actorKeyOf = (a: Actor) => (a.kind === 'user' ? a.userId : `contact:${a.contactId}`);

function refusal(reason: Exclude<ActorLookup, { ok: true }>['reason'], locale: Locale): Reply {
  if (reason === 'external_unknown') {
    return { kind: 'error', text: L(locale, "Sorry, I can only help the team that installed me and customers they've invited to answer surveys.", '抱歉，我只为安装我的团队以及受邀回答调查的客户服务。') };
  }
  return { kind: 'error', text: L(locale, "Sorry, I can't find an active CRM account for you. Ask your Rapport admin.", '抱歉，没有找到你的有效 CRM 账号，请联系 Rapport 管理员。') };
}

const sorry = (locale: Locale): Reply => ({
  kind: 'error',
  text: L(locale, 'Sorry, something went wrong on our side and it has been logged. Please try again.', '抱歉，系统出错了，已记录该问题。请稍后重试。'),
});

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
  const clientOpts = { slackApiUrl: config.SLACK_API_URL, logger };
  const replyClientOptions = webClientOptions({ ...clientOpts, retryConfig: opts.retryConfig ?? INTERACTIVE_RETRY });
  const slowReplyMs = opts.slowReplyMs ?? 1500;
  const inflight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inflight.add(p);
    void p.finally(() => inflight.delete(p)).catch(() => undefined);
    return p;
  };

  // --- authorization -------------------------------------------------------------------------
  // Single workspace: the bot token, with auth.test cached once it succeeds (and retried if it
  // failed, unlike bolt's own single-token authorize which keeps a rejected promise).
  const botClient = config.SLACK_BOT_TOKEN ? newWebClient(config.SLACK_BOT_TOKEN, { ...clientOpts, retryConfig: opts.retryConfig ?? INTERACTIVE_RETRY }) : undefined;
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
    return { botToken: config.SLACK_BOT_TOKEN!, ...(id.botId ? { botId: id.botId } : {}), ...(id.botUserId ? { botUserId: id.botUserId } : {}), teamId: source.teamId ?? id.teamId, enterpriseId: source.enterpriseId };
  };

  const deliveryClients = new Map<string, webApi.WebClient>();
  const deliveryClient = (token: string) => {
    let c = deliveryClients.get(token);
    if (!c) deliveryClients.set(token, (c = newWebClient(token, { ...clientOpts, retryConfig: opts.deliveryRetryConfig ?? DELIVERY_RETRY })));
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

  // --- receiver ------------------------------------------------------------------------------
  const router = express.Router();
  const slackLog = slackLogger(logger);
  const oauthOptions = oauth
    ? {
        clientId: config.SLACK_CLIENT_ID!,
        clientSecret: config.SLACK_CLIENT_SECRET!,
        stateSecret: config.SLACK_STATE_SECRET!,
        installationStore: installationStore!,
        scopes: BOT_SCOPES,
        installerOptions: {
          directInstall: true,
          ...(config.SLACK_API_URL ? { clientOptions: { slackApiUrl: replyClientOptions.slackApiUrl } } : {}),
        },
      }
    : {};

  let receiver: InstanceType<typeof ExpressReceiver> | InstanceType<typeof SocketModeReceiver>;
  if (socket) {
    receiver = new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN!, logger: slackLog, ...oauthOptions });
  } else {
    router.post(
      '/slack/events',
      ...eventGuard({
        signingSecret: config.SLACK_SIGNING_SECRET!,
        claims,
        logger: log,
        onUnavailable: (body) => tellUnavailable(body),
        ...(deps.inbound ? { handOff: (eventId: string, body: EventCallbackBody) => handOff(deps.inbound!, eventId, body) } : {}),
      }),
    );
    receiver = new ExpressReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET!,
      router,
      processBeforeResponse: false,
      logger: slackLog,
      customPropertiesExtractor: (req) => {
        const id = (req as unknown as Record<string, unknown>)[CLAIM_PROPERTY];
        return typeof id === 'string' ? { [CLAIM_PROPERTY]: id } : {};
      },
      ...oauthOptions,
    });
  }

  const app = new App({
    receiver,
    ...(oauth ? {} : { authorize: singleAuthorize }),
    clientOptions: replyClientOptions,
    logger: slackLog,
    ignoreSelf: true,
  });

  /** Queues an event (the worker claims it); events no listener would act on are acked without a job. */
  async function handOff(inbound: InboundPort, eventId: string, body: EventCallbackBody): Promise<boolean> {
    const e = body.event;
    const ignored = !e || (e.type === 'message' && (e.channel_type !== 'im' || !isPersonsPost(e)));
    if (!ignored) await inbound.enqueue({ source: 'slack', eventId, body: body as Record<string, unknown> });
    return true;
  }

  /** Database down before an event was claimed (HTTP mode, first delivery): say so in the thread. */
  async function tellUnavailable(body: EventCallbackBody, reply: (locale: Locale) => Reply = unavailableReply): Promise<void> {
    const e = body.event;
    if (!botClient || !e?.channel || !e.ts || e.bot_id || e.subtype || (e.type !== 'message' && e.type !== 'app_mention')) return;
    const r = reply(guessLocale(e.text ?? ''));
    await botClient.chat.postMessage({ channel: e.channel, thread_ts: e.thread_ts ?? e.ts, text: r.text, blocks: plainSection(r.text) });
  }

  /** A queued event met a database outage: said once when it starts, and again if we give up. */
  function queuedOutageReply(attempt: InboundAttempt): ((locale: Locale) => Reply) | null {
    if (attempt.last) return (locale) => ({ kind: 'error', text: L(locale, 'The CRM was unavailable for too long, so this message was not recorded. Please send it again.', 'CRM 长时间无法访问，这条消息没有被记录。请重新发送。') });
    if (attempt.first) return (locale) => ({ kind: 'error', text: L(locale, "The CRM is unavailable right now; I'll record this as soon as it's back, no need to send it again.", 'CRM 暂时无法访问；恢复后我会自动记录，无需重发。') });
    return null;
  }

  // Socket Mode (no guard in front): claim events here, after bolt's automatic ack.
  app.use(async ({ body, context, next }) => {
    const b = body as EventCallbackBody;
    if (b.type === 'event_callback' && b.event_id && !context[CLAIM_PROPERTY]) {
      const r = await claims.claim(b.event_id);
      if (r === 'duplicate') return;
      if (r === 'unavailable') {
        await tellUnavailable(b).catch(() => undefined);
        return;
      }
      context[CLAIM_PROPERTY] = b.event_id;
    }
    await next();
  });

  app.error(async (err) => {
    log.error({ err: err.original ?? err, code: err.code }, 'unhandled error in a Slack listener');
  });

  // --- sending ---------------------------------------------------------------------------------
  async function render(reply: Reply, actor: Actor, tenantId: string, threadKey: string, extra: { offset?: number; maxBlocks?: number } = {}): Promise<RenderedMessage> {
    let key: string | undefined;
    const r = renderReply(reply, {
      threadKey,
      locale: actor.locale,
      moreKey: () => (key = randomUUID().replace(/-/g, '').slice(0, 20)),
      ...extra,
    });
    if (r.rest && key) await services.dialogs.set(tenantId, `slack-more:${actorKeyOf(actor)}`, key, r.rest, MORE_TTL_MS);
    return r.first;
  }

  async function send(target: Target, msg: RenderedMessage): Promise<void> {
    if (target.kind === 'respond') {
      await target.respond({ response_type: 'ephemeral', replace_original: false, text: msg.text, blocks: msg.blocks });
      return;
    }
    if (target.placeholderTs) {
      const ts = target.placeholderTs;
      target.placeholderTs = undefined;
      await target.client.chat.update({ channel: target.channel, ts, text: msg.text, blocks: msg.blocks });
      return;
    }
    await target.client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, text: msg.text, blocks: msg.blocks, unfurl_links: false, unfurl_media: false });
  }

  async function sendReplies(target: Target, replies: Reply[], actor: Actor, tenantId: string, threadKey: string): Promise<void> {
    for (const reply of replies) {
      if (reply.private) await sendPrivately(target, reply, actor, tenantId, threadKey);
      else await send(target, await render(reply, actor, tenantId, threadKey));
    }
  }

  /**
   * A reply for the asker alone (a sign-in link). A DM or a /crm answer (ephemeral already) gets it
   * as is; in a channel it goes to them only — ephemeral in the thread, else a DM — and the thread
   * hears that it was sent directly. It is never posted where the channel can read it.
   */
  async function sendPrivately(target: Target, reply: Reply, actor: Actor, tenantId: string, threadKey: string): Promise<void> {
    if (target.kind === 'respond' || target.dm) return send(target, await render(reply, actor, tenantId, threadKey));
    const lang: Locale = /\p{Script=Han}/u.test(reply.text) ? 'zh' : actor.locale;
    const msg = await render(reply, actor, tenantId, threadKey);
    let sent = false;
    if (target.user) {
      try {
        await target.client.chat.postEphemeral({ channel: target.channel, user: target.user, thread_ts: target.threadTs, text: msg.text, blocks: msg.blocks });
        sent = true;
      } catch (err) {
        log.info({ err: (err as Error).message }, 'private reply: ephemeral message refused; sending a DM');
        try {
          const dm = await target.client.conversations.open({ users: target.user });
          if (dm.channel?.id) {
            await target.client.chat.postMessage({ channel: dm.channel.id, text: msg.text, blocks: msg.blocks, unfurl_links: false, unfurl_media: false });
            sent = true;
          }
        } catch (e) {
          log.warn({ err: (e as Error).message }, 'private reply: could not reach the person directly');
        }
      }
    }
    const notice = sent
      ? L(lang, "I've sent it to you directly.", '已私信发给你。')
      : L(lang, 'I can only send that to you directly: message me in a DM and ask again.', '这个只能私下发给你：请在私信里再问我一次。');
    await send(target, { text: notice, blocks: plainSection(notice) });
  }

  /** A reply that needs no actor (errors before we know who it is). */
  async function sendPlain(target: Target, reply: Reply): Promise<void> {
    try {
      await send(target, { text: reply.text, blocks: plainSection(reply.text) });
    } catch (err) {
      log.warn({ err }, 'could not send a Slack message');
    }
  }

  async function placeholderIfSlow(work: Promise<unknown>, target: Target, locale: () => Locale): Promise<void> {
    if (target.kind !== 'thread') return;
    let timer: NodeJS.Timeout | undefined;
    const slow = await Promise.race([
      work.then(
        () => false,
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), slowReplyMs);
      }),
    ]);
    clearTimeout(timer);
    if (!slow) return;
    const text = L(locale(), 'Working on it…', '正在处理…');
    const res = await target.client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, text, blocks: plainSection(text) });
    target.placeholderTs = res.ts;
  }

  // --- one conversational turn -----------------------------------------------------------------
  interface Who {
    teamId: string;
    enterpriseId?: string | undefined;
    userId: string;
    channel?: string | undefined;
    isDm?: boolean | undefined;
    client: webApi.WebClient;
  }

  async function whoIs(w: Who): Promise<{ tenantId: string; lookup: ActorLookup }> {
    const tenantId = await directory.tenantFor(w.teamId);
    const lookup = await directory.actorFor(tenantId, { teamId: w.teamId, enterpriseId: w.enterpriseId, userId: w.userId, channel: w.channel, isDm: w.isDm }, w.client);
    return { tenantId, lookup };
  }

  async function converse(w: Who, turn: { threadKey: string; text: string; action?: string; messageId?: string; target: Target; claimedEventId?: string | undefined; queued?: QueuedRun | undefined }): Promise<void> {
    let locale: Locale = guessLocale(turn.text);
    try {
      // The placeholder's wait starts before the lookup: users.info on a first contact can be the slow part.
      const who = whoIs(w);
      const work = who.then(({ lookup }) => {
        if (!lookup.ok) return null;
        locale = lookup.actor.locale;
        return chat.handle({ actor: lookup.actor, channel: 'slack', threadKey: turn.threadKey, text: turn.text, action: turn.action, messageId: turn.messageId });
      });
      await placeholderIfSlow(work, turn.target, () => (guessLocale(turn.text) === 'zh' ? 'zh' : locale));
      const { tenantId, lookup } = await who;
      if (!lookup.ok) return await sendPlain(turn.target, refusal(lookup.reason, locale));
      const actor = lookup.actor;
      const result = (await work)!;
      const welcome = await welcomeOnFirstContact(services, actor, (err) => log.warn({ err }, 'could not decide on the new-workspace welcome'));
      await sendReplies(turn.target, [...welcome, ...result.replies], actor, tenantId, turn.threadKey);
    } catch (err) {
      await failed(err, locale, turn.target, turn.claimedEventId, turn.queued);
    }
  }

  async function failed(err: unknown, locale: Locale, target: Target, claimedEventId?: string, queued?: QueuedRun): Promise<void> {
    if (isDatabaseDown(err) && queued && !isOutcomeUnknown(err)) {
      // Nothing was written: the queue runs it again (the claim stays: it is this event's).
      log.warn({ err, attempt: queued.attempt }, 'database down while handling a queued Slack event; it will be retried');
      queued.retry = !queued.attempt.last;
      const reply = queuedOutageReply(queued.attempt);
      return reply ? sendPlain(target, reply(locale)) : undefined;
    }
    if (isDatabaseDown(err)) {
      log.warn({ err }, 'database down while handling a Slack message');
      // Give the event back so a redelivery is processed (bolt acked it, so Slack will not retry by itself).
      // A write whose outcome is unknown is not run again by itself: the reply says so.
      if (claimedEventId && !queued) await claims.release(claimedEventId);
      return sendPlain(target, unavailableReply(locale, err));
    }
    log.error({ err }, 'Slack turn failed');
    return sendPlain(target, sorry(locale));
  }

  // --- messages: DMs, mentions, /crm ----------------------------------------------------------
  interface MessageEvent {
    type: string;
    subtype?: string;
    user?: string;
    bot_id?: string;
    text?: string;
    ts: string;
    thread_ts?: string;
    channel: string;
    channel_type?: string;
  }

  function onMessage(e: MessageEvent, args: AllMiddlewareArgs & { body: unknown }, isDm: boolean): Promise<void> {
    const { context, client } = args;
    if (!isPersonsPost(e)) return Promise.resolve();
    const teamId = context.teamId ?? (args.body as { team_id?: string }).team_id ?? '';
    const root = e.thread_ts ?? e.ts;
    const threadKey = slackThreadRef(e.channel, root);
    const text = fromSlackText(e.text, context.botUserId);
    if (!text) return Promise.resolve();
    return track(
      converse(
        { teamId, enterpriseId: context.enterpriseId, userId: e.user, channel: e.channel, isDm, client },
        {
          threadKey,
          text,
          messageId: slackMessageId(teamId, e.channel, e.ts),
          target: { kind: 'thread', client, channel: e.channel, threadTs: root, user: e.user, dm: isDm },
          claimedEventId: context[CLAIM_PROPERTY] as string | undefined,
          queued: context[QUEUED_PROPERTY] as QueuedRun | undefined,
        },
      ),
    );
  }

  app.event('message', async (args) => {
    const e = args.event as unknown as MessageEvent;
    if (e.channel_type !== 'im') return;
    await onMessage(e, args, true);
  });

  app.event('app_mention', async (args) => {
    await onMessage(args.event as unknown as MessageEvent, args, false);
  });

  app.command('/crm', async ({ ack, command, client, context, respond }) => {
    await ack();
    const text = fromSlackText(command.text, context.botUserId) || 'help';
    await track(
      converse(
        { teamId: command.team_id, enterpriseId: command.enterprise_id, userId: command.user_id, channel: command.channel_id, isDm: command.channel_id.startsWith('D'), client },
        {
          threadKey: commandThreadKey(command.channel_id, command.user_id),
          text,
          messageId: `slack:${command.team_id}:${command.channel_id}:cmd:${command.trigger_id}`,
          target: { kind: 'respond', respond: respond as unknown as RespondFn },
        },
      ),
    );
  });

  // --- buttons ---------------------------------------------------------------------------------
  interface BlockActionBody {
    type: 'block_actions';
    user: { id: string; team_id?: string };
    team?: { id: string; enterprise_id?: string } | null;
    enterprise?: { id: string } | null;
    trigger_id?: string;
    container: { type: string; message_ts?: string; channel_id?: string; thread_ts?: string; is_ephemeral?: boolean; view_id?: string };
    channel?: { id: string };
    message?: { ts: string; thread_ts?: string; blocks?: Block[]; text?: string };
    view?: { id: string; type: string };
    response_url?: string;
  }
  interface ButtonAction {
    type: string;
    action_id: string;
    block_id?: string;
    value?: string;
    action_ts: string;
    text?: { text?: string };
  }

  app.action({ type: 'block_actions', action_id: /^rapport:/ }, async ({ ack, body, action, client, context, respond }) => {
    await ack();
    await track(onButton(body as unknown as BlockActionBody, action as unknown as ButtonAction, client, context, respond as unknown as RespondFn));
  });

  async function onButton(b: BlockActionBody, a: ButtonAction, client: webApi.WebClient, context: AllMiddlewareArgs['context'], respond: RespondFn): Promise<void> {
    const value = a.value;
    if (!value) return;
    const teamId = context.teamId ?? b.team?.id ?? b.user.team_id ?? '';
    const userId = b.user.id;
    const isHome = b.container.type === 'view' && b.view?.type === 'home';
    const channel = b.container.channel_id ?? b.channel?.id;
    const messageTs = b.container.message_ts ?? b.message?.ts;
    const root = b.container.thread_ts ?? b.message?.thread_ts ?? messageTs;
    const fromBlock = parseBlockId(a.block_id)?.threadKey;
    const threadKey = isHome ? homeThreadKey(userId) : (fromBlock ?? (channel && root ? slackThreadRef(channel, root) : `slack:user:${userId}`));
    const ephemeral = Boolean(b.container.is_ephemeral);
    const replyTarget: Target = !ephemeral && channel && root ? { kind: 'thread', client, channel, threadTs: root, user: userId, dm: channel.startsWith('D') } : { kind: 'respond', respond };
    let locale: Locale = 'en';
    try {
      const { tenantId, lookup } = await whoIs({ teamId, enterpriseId: context.enterpriseId, userId, channel, isDm: channel?.startsWith('D'), client });
      if (!lookup.ok) return await sendPlain({ kind: 'respond', respond }, refusal(lookup.reason, locale));
      const actor = lookup.actor;
      locale = actor.locale;

      if (value.startsWith('edit:interaction:') && b.trigger_id && actor.kind === 'user') {
        const id = value.slice('edit:interaction:'.length);
        // Prefill only your own note; saving checks access either way.
        const current = await services.interactions.ownSummary(actor, id);
        const origin: ModalOrigin = { team: teamId, channel, messageTs, threadTs: root, threadKey, blockId: a.block_id, id, ...(ephemeral && b.response_url ? { responseUrl: b.response_url } : {}) };
        await client.views.open({ trigger_id: b.trigger_id, view: editInteractionModal(locale, current ?? '', origin) });
        return;
      }

      if (value.startsWith(MORE_PREFIX)) {
        const key = value.slice(MORE_PREFIX.length);
        const store = `slack-more:${actorKeyOf(actor)}`;
        // Taken, not read: of two presses at once, one posts the next page.
        const rest = await services.dialogs.take<MoreState>(tenantId, store, key);
        await stripPressed(b, a, [], client, respond, undefined);
        if (!rest) return await sendPlain(replyTarget, { kind: 'info', text: L(locale, 'That list has expired; please ask again.', '该列表已过期，请重新查询。') });
        await send(replyTarget, await render({ kind: 'list', text: '', sections: rest.sections, actions: rest.actions }, actor, tenantId, threadKey, { offset: rest.offset }));
        return;
      }

      const result = await chat.handle({ actor, channel: 'slack', threadKey, text: '', action: value, messageId: `slack:${teamId}:${channel ?? 'home'}:${a.action_ts}` });
      if (isHome && actor.kind === 'user') {
        const notice = result.replies.map((r) => r.text).join(' ');
        await client.views.publish({ user_id: userId, view: await buildHomeView(services, actor, { notice }) });
        return;
      }
      const [first, ...others] = result.replies;
      if (value.startsWith('say:') || !first || !messageTs || !channel) {
        // Navigation ("Open account"): the list stays as it is; the answer goes in the thread.
        await sendReplies(replyTarget, result.replies, actor, tenantId, threadKey);
        return;
      }
      // Replace the pressed buttons with the outcome instead of piling up messages.
      const budget = MAX_BLOCKS - (b.message?.blocks?.length ?? 0) - 1;
      const outcome = await render(first, actor, tenantId, threadKey, { maxBlocks: Math.max(budget, 1) });
      const updated = budget >= outcome.blocks.length ? await stripPressed(b, a, outcome.blocks, client, respond, outcome.text) : false;
      if (!updated) {
        await stripPressed(b, a, [], client, respond, undefined);
        // A message of its own has the whole block budget (squeezed, the outcome may be a bare More).
        await send(replyTarget, budget >= outcome.blocks.length ? outcome : await render(first, actor, tenantId, threadKey));
      }
      await sendReplies(replyTarget, others, actor, tenantId, threadKey);
    } catch (err) {
      await failed(err, locale, replyTarget);
    }
  }

  /** Updates the message whose button was pressed: that group's buttons out, `outcome` in. */
  async function stripPressed(b: BlockActionBody, a: ButtonAction, outcome: Block[], client: webApi.WebClient, respond: RespondFn, text: string | undefined): Promise<boolean> {
    const channel = b.container.channel_id ?? b.channel?.id;
    const ts = b.container.message_ts ?? b.message?.ts;
    const original = b.message?.blocks;
    if (!channel || !ts || !original) return false;
    const blocks = afterPress(original, a.block_id, outcome, a.text?.text);
    if (!blocks) return false;
    const fallback = text ?? b.message?.text ?? ' ';
    try {
      if (b.container.is_ephemeral) await respond({ replace_original: true, text: fallback, blocks });
      else await client.chat.update({ channel, ts, text: fallback, blocks });
      return true;
    } catch (err) {
      log.warn({ err }, 'could not update the Slack message after a button press');
      return false;
    }
  }

  // --- modals ----------------------------------------------------------------------------------
  interface ViewBody {
    user: { id: string; team_id?: string };
    team?: { id: string } | null;
    view: { private_metadata?: string; state: { values: Record<string, Record<string, { value?: string | null; selected_option?: { value?: string } | null }>> } };
  }
  const parseOrigin = (s: string | undefined): ModalOrigin | null => {
    try {
      return s ? (JSON.parse(s) as ModalOrigin) : null;
    } catch {
      return null;
    }
  };

  app.view(EDIT_CALLBACK, async ({ ack, body, client, context }) => {
    const v = body as unknown as ViewBody;
    const origin = parseOrigin(v.view.private_metadata);
    const note = v.view.state.values.note?.value?.value?.trim() ?? '';
    const teamId = context.teamId ?? v.team?.id ?? origin?.team ?? '';
    let locale: Locale = guessLocale(note);
    try {
      const { tenantId, lookup } = await whoIs({ teamId, enterpriseId: context.enterpriseId, userId: v.user.id, client });
      if (!origin || !lookup.ok || lookup.actor.kind !== 'user') {
        await ack({ response_action: 'errors', errors: { note: L(locale, 'Only the sales team can edit notes.', '只有销售团队可以编辑记录。') } });
        return;
      }
      const actor = lookup.actor;
      locale = actor.locale;
      if (!note) {
        await ack({ response_action: 'errors', errors: { note: L(locale, 'Please write the note.', '请填写记录内容。') } });
        return;
      }
      // Saved before the ack so a refusal shows in the modal (a single quick write).
      const updated = await services.interactions.updateInteraction(actor, origin.id, { summary: note });
      deps.onCommit?.();
      await ack();
      const reply: Reply = { kind: 'confirmation', text: L(locale, `Updated the note: ${updated.summary}`, `已更新记录：${updated.summary}`), actions: [[{ label: L(locale, 'Undo', '撤销'), value: 'undo', style: 'danger' }]] };
      const threadKey = origin.threadKey ?? `slack:user:${v.user.id}`;
      const target: Target | null = origin.responseUrl
        ? { kind: 'respond', respond: responseUrlSender(origin.responseUrl) }
        : origin.channel && origin.threadTs
          ? { kind: 'thread', client, channel: origin.channel, threadTs: origin.threadTs }
          : null;
      if (target) await track(sendReplies(target, [reply], actor, tenantId, threadKey));
    } catch (err) {
      if (err instanceof DomainError) return void (await ack({ response_action: 'errors', errors: { note: err.userMessage(locale) } }));
      if (isDatabaseDown(err)) return void (await ack({ response_action: 'errors', errors: { note: unavailableReply(locale).text } }));
      log.error({ err }, 'saving an edited note failed');
      await ack({ response_action: 'errors', errors: { note: sorry(locale).text } }).catch(() => undefined);
    }
  });

  // "Log to CRM" on any message: a modal prefilled with the message, then a direct log.
  app.shortcut({ callback_id: 'log_to_crm', type: 'message_action' }, async ({ ack, shortcut, client, context, respond }) => {
    await ack();
    const s = shortcut as unknown as { team?: { id: string }; user: { id: string }; channel: { id: string }; message: { ts: string; thread_ts?: string; text?: string }; trigger_id: string; response_url?: string };
    const teamId = context.teamId ?? s.team?.id ?? '';
    const text = fromSlackText(s.message.text, context.botUserId);
    let locale: Locale = guessLocale(text);
    try {
      const { lookup } = await whoIs({ teamId, enterpriseId: context.enterpriseId, userId: s.user.id, client });
      if (!lookup.ok || lookup.actor.kind !== 'user') {
        await (respond as unknown as RespondFn)({ response_type: 'ephemeral', text: L(locale, 'Logging to the CRM is for the sales team.', '记录到 CRM 仅限销售团队使用。') });
        return;
      }
      locale = lookup.actor.locale;
      const origin: ModalOrigin = { team: teamId, channel: s.channel.id, messageTs: s.message.ts, threadTs: s.message.thread_ts ?? s.message.ts, responseUrl: s.response_url, id: s.message.ts };
      await client.views.open({ trigger_id: s.trigger_id, view: logMessageModal(locale, text, origin) });
    } catch (err) {
      if (isDatabaseDown(err)) await (respond as unknown as RespondFn)({ response_type: 'ephemeral', text: unavailableReply(locale).text }).catch(() => undefined);
      else log.error({ err }, 'Log to CRM shortcut failed');
    }
  });

  app.view(LOG_CALLBACK, async ({ ack, body, client, context }) => {
    const v = body as unknown as ViewBody;
    const origin = parseOrigin(v.view.private_metadata);
    const values = v.view.state.values;
    const who = values.who?.value?.value?.trim() ?? '';
    const type = values.type?.value?.selected_option?.value;
    const note = values.note?.value?.value?.trim() ?? '';
    const teamId = context.teamId ?? v.team?.id ?? origin?.team ?? '';
    let locale: Locale = guessLocale(`${who} ${note}`);
    try {
      const { tenantId, lookup } = await whoIs({ teamId, enterpriseId: context.enterpriseId, userId: v.user.id, client });
      if (!origin?.channel || !origin.messageTs || !lookup.ok || lookup.actor.kind !== 'user') {
        await ack({ response_action: 'errors', errors: { who: L(locale, 'Logging to the CRM is for the sales team.', '记录到 CRM 仅限销售团队使用。') } });
        return;
      }
      const actor = lookup.actor;
      locale = actor.locale;
      const found = await services.resolution.resolve(actor, who, { kind: 'any' });
      if (found.status !== 'found') {
        const names = (found.status === 'ambiguous' ? found.candidates : (found.suggestions ?? [])).map((c) => `${c.name}${c.accountName && c.kind === 'contact' ? ` (${c.accountName})` : ''}`);
        const msg =
          found.status === 'ambiguous'
            ? L(locale, `Several match: ${names.join('; ')}. Please be more specific.`, `有多个匹配：${names.join('；')}。请写得更具体些。`)
            : L(locale, `No customer called "${who}"${names.length ? `. Did you mean ${names.join(', ')}?` : '.'}`, `没有找到“${who}”${names.length ? `。你是指 ${names.join('、')} 吗？` : '。'}`);
        await ack({ response_action: 'errors', errors: { who: msg.slice(0, 2000) } });
        return;
      }
      const m = found.match;
      const occurredAt = new Date(Math.min(Number(origin.messageTs) * 1000, Date.now()));
      const res = await services.interactions.logInteraction(actor, {
        ...(m.kind === 'contact' ? { contactId: m.id } : { accountId: m.id }),
        type: isInteractionType(type) ? type : 'note',
        occurredAt,
        summary: note,
        channel: 'slack',
        sourceMessageId: `${slackMessageId(teamId, origin.channel, origin.messageTs)}:log`,
      });
      if (!res.duplicate) deps.onCommit?.();
      await ack();
      const label = m.kind === 'contact' && m.accountName ? `${m.name} (${m.accountName})` : m.name;
      const reply: Reply = {
        kind: 'confirmation',
        text: res.duplicate
          ? L(locale, `Already logged: this message is in the CRM for ${label}.`, `已记录过：该消息已记录到${label}。`)
          : L(locale, `Logged ${res.interaction.type} with ${label}. Note: ${note}`, `已记录与${label}的${res.interaction.type}。内容：${note}`),
        actions: [[{ label: L(locale, 'Undo', '撤销'), value: 'undo', style: 'danger' }, { label: L(locale, 'Edit', '编辑'), value: `edit:interaction:${res.interaction.id}` }]],
      };
      const threadKey = slackThreadRef(origin.channel, origin.threadTs ?? origin.messageTs);
      const target: Target = origin.responseUrl ? { kind: 'respond', respond: responseUrlSender(origin.responseUrl) } : { kind: 'thread', client, channel: origin.channel, threadTs: origin.threadTs ?? origin.messageTs };
      await track(sendReplies(target, [reply], actor, tenantId, threadKey));
    } catch (err) {
      if (err instanceof DomainError) return void (await ack({ response_action: 'errors', errors: { who: err.userMessage(locale) } }));
      if (isDatabaseDown(err)) return void (await ack({ response_action: 'errors', errors: { who: unavailableReply(locale).text } }));
      log.error({ err }, 'Log to CRM failed');
      await ack({ response_action: 'errors', errors: { who: sorry(locale).text } }).catch(() => undefined);
    }
  });

  /** Posts to a response_url (valid 30 minutes, 5 uses): ephemeral answers to shortcuts and modals. */
  function responseUrlSender(url: string): RespondFn {
    return async (msg) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(msg) });
      if (!res.ok) throw new Error(`response_url answered ${res.status}`);
    };
  }

  // --- App Home --------------------------------------------------------------------------------
  app.event('app_home_opened', async ({ event, context, client, body }) => {
    if (event.tab !== 'home') return;
    const teamId = context.teamId ?? (body as { team_id?: string }).team_id ?? '';
    await track(
      (async () => {
        try {
          const { lookup } = await whoIs({ teamId, enterpriseId: context.enterpriseId, userId: event.user, channel: event.channel, isDm: true, client });
          const view =
            lookup.ok && lookup.actor.kind === 'user'
              ? await buildHomeView(services, lookup.actor)
              : { type: 'home' as const, blocks: plainSection(lookup.ok ? L(lookup.actor.locale, 'Rapport is for the sales team. Answer surveys in the Messages tab.', 'Rapport 供销售团队使用。调查请在“消息”标签中作答。') : refusal(lookup.reason, 'en').text) };
          await client.views.publish({ user_id: event.user, view });
        } catch (err) {
          if (isDatabaseDown(err)) {
            const claimed = context[CLAIM_PROPERTY] as string | undefined;
            if (claimed) await claims.release(claimed);
            await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: plainSection(unavailableReply('en').text) } }).catch(() => undefined);
            return;
          }
          log.error({ err }, 'App Home failed');
        }
      })(),
    );
  });

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
        if (reply) await tellUnavailable(body, reply).catch((err: unknown) => log.warn({ err }, 'could not tell the user the CRM is unavailable'));
        if (attempt.last) return;
        throw new RetryLater('database unavailable');
      }
      const run: QueuedRun = { attempt, retry: false };
      // Bolt's own pipeline (authorize, ignoreSelf, listeners), with the claim taken.
      await track(app.processEvent({ body: event.body, ack: async () => undefined, customProperties: { [CLAIM_PROPERTY]: event.eventId, [QUEUED_PROPERTY]: run } }));
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
      await Promise.allSettled([...inflight]);
    },
    async idle() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
  };
}
