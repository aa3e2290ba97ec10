// One conversational turn on Slack: who is talking (whoIs), the chat engine's answer (converse),
// and what a failure says (an outage is said plainly; a queued event is retried while the
// database is away). The listeners (src/bots/slack/listeners) only turn Bolt's arguments into this.
import type { webApi } from '@slack/bolt';
import type { Locale } from '../../domain/shared/errors.ts';
import { L } from '../../domain/shared/locale.ts';
import type { Logger } from '../../infra/logger.ts';
import type { ChatHandler, Reply } from '../../intents/types.ts';
import { welcomeOnFirstContact } from '../../intents/welcome.ts';
import type { Services } from '../../services.ts';
import type { InboundAttempt } from '../inbound.ts';
import { isDatabaseDown, isOutcomeUnknown, unavailableReply } from '../unavailable.ts';
import { plainSection } from './blocks.ts';
import type { EventCallbackBody, EventClaims } from './event-guard.ts';
import type { Sender, Target } from './send.ts';
import type { ActorLookup, SlackDirectory } from './slack-directory.ts';
import { guessLocale } from './slack-text.ts';

/** Bolt context key of a queued run's state (set by handleQueued, read where a turn fails). */
export const QUEUED_PROPERTY = 'rapportQueuedRun';
export interface QueuedRun {
  attempt: InboundAttempt;
  /** Set when the turn met a database outage: the queue runs it again. */
  retry: boolean;
}

/** Who wrote, as Slack names them. */
export interface Who {
  teamId: string;
  enterpriseId?: string | undefined;
  userId: string;
  channel?: string | undefined;
  isDm?: boolean | undefined;
  client: webApi.WebClient;
}

/** What every listener is given. */
export interface ListenerDeps {
  turn: Turn;
  send: Sender;
  chat: ChatHandler;
  services: Services;
  claims: EventClaims;
  log: Logger;
  /** Keeps a promise in the adapter's in-flight set (idle(), stop()). */
  track: <T>(p: Promise<T>) => Promise<T>;
  /** Called after a listener wrote through a service directly (modals). */
  onCommit?: (() => void) | undefined;
}

/** A message a person wrote: edits, joins and bots' posts are not requests (ours: ignoreSelf too). */
export function isPersonsPost<E extends { user?: string | undefined; bot_id?: string | undefined; subtype?: string | undefined }>(
  e: E,
): e is E & { user: string } {
  return Boolean(e.user) && !e.bot_id && (!e.subtype || e.subtype === 'thread_broadcast' || e.subtype === 'file_share');
}

export function refusal(reason: Exclude<ActorLookup, { ok: true }>['reason'], locale: Locale): Reply {
  if (reason === 'external_unknown') {
    return { kind: 'error', text: L(locale, "Sorry, I can only help the team that installed me and customers they've invited to answer surveys.", '抱歉，我只为安装我的团队以及受邀回答调查的客户服务。') };
  }
  return { kind: 'error', text: L(locale, "Sorry, I can't find an active CRM account for you. Ask your Rapport admin.", '抱歉，没有找到你的有效 CRM 账号，请联系 Rapport 管理员。') };
}

export const sorry = (locale: Locale): Reply => ({
  kind: 'error',
  text: L(locale, 'Sorry, something went wrong on our side and it has been logged. Please try again.', '抱歉，系统出错了，已记录该问题。请稍后重试。'),
});

/** A queued event met a database outage: said once when it starts, and again if we give up. */
export function queuedOutageReply(attempt: InboundAttempt): ((locale: Locale) => Reply) | null {
  if (attempt.last) return (locale) => ({ kind: 'error', text: L(locale, 'The CRM was unavailable for too long, so this message was not recorded. Please send it again.', 'CRM 长时间无法访问，这条消息没有被记录。请重新发送。') });
  if (attempt.first) return (locale) => ({ kind: 'error', text: L(locale, "The CRM is unavailable right now; I'll record this as soon as it's back, no need to send it again.", 'CRM 暂时无法访问；恢复后我会自动记录，无需重发。') });
  return null;
}

export interface TurnInput {
  threadKey: string;
  text: string;
  action?: string;
  messageId?: string;
  target: Target;
  claimedEventId?: string | undefined;
  queued?: QueuedRun | undefined;
}

export type Turn = ReturnType<typeof createTurn>;

export interface TurnDeps {
  directory: SlackDirectory;
  claims: EventClaims;
  chat: ChatHandler;
  services: Services;
  send: Sender;
  log: Logger;
  /** Says "unavailable" in a thread before any turn ran (single-workspace mode only). */
  botClient?: webApi.WebClient | undefined;
}

export function createTurn(deps: TurnDeps) {
  const { directory, claims, chat, services, send, log } = deps;

  async function whoIs(w: Who): Promise<{ tenantId: string; lookup: ActorLookup }> {
    const tenantId = await directory.tenantFor(w.teamId);
    const lookup = await directory.actorFor(
      tenantId,
      { teamId: w.teamId, enterpriseId: w.enterpriseId, userId: w.userId, channel: w.channel, isDm: w.isDm },
      w.client,
    );
    return { tenantId, lookup };
  }

  async function converse(w: Who, turn: TurnInput): Promise<void> {
    let locale: Locale = guessLocale(turn.text);
    try {
      // The placeholder's wait starts before the lookup: users.info on a first contact can be the slow part.
      const who = whoIs(w);
      const work = who.then(({ lookup }) => {
        if (!lookup.ok) return null;
        locale = lookup.actor.locale;
        return chat.handle({ actor: lookup.actor, channel: 'slack', threadKey: turn.threadKey, text: turn.text, action: turn.action, messageId: turn.messageId });
      });
      await send.placeholderIfSlow(work, turn.target, () => (guessLocale(turn.text) === 'zh' ? 'zh' : locale));
      const { tenantId, lookup } = await who;
      if (!lookup.ok) return await send.sendPlain(turn.target, refusal(lookup.reason, locale));
      const actor = lookup.actor;
      const result = (await work)!;
      const welcome = await welcomeOnFirstContact(services, actor, (err) => log.warn({ err }, 'could not decide on the new-workspace welcome'));
      await send.sendReplies(turn.target, [...welcome, ...result.replies], actor, tenantId, turn.threadKey);
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
      return reply ? send.sendPlain(target, reply(locale)) : undefined;
    }
    if (isDatabaseDown(err)) {
      log.warn({ err }, 'database down while handling a Slack message');
      // Give the event back so a redelivery is processed (bolt acked it, so Slack will not retry by itself).
      // A write whose outcome is unknown is not run again by itself: the reply says so.
      if (claimedEventId && !queued) await claims.release(claimedEventId);
      return send.sendPlain(target, unavailableReply(locale, err));
    }
    log.error({ err }, 'Slack turn failed');
    return send.sendPlain(target, sorry(locale));
  }

  /** Database down before an event was claimed (HTTP mode, first delivery): say so in the thread. */
  async function tellUnavailable(body: EventCallbackBody, reply: (locale: Locale) => Reply = unavailableReply): Promise<void> {
    const e = body.event;
    if (!deps.botClient || !e?.channel || !e.ts || e.bot_id || e.subtype || (e.type !== 'message' && e.type !== 'app_mention')) return;
    const r = reply(guessLocale(e.text ?? ''));
    await deps.botClient.chat.postMessage({ channel: e.channel, thread_ts: e.thread_ts ?? e.ts, text: r.text, blocks: plainSection(r.text) });
  }

  return { whoIs, converse, failed, tellUnavailable };
}
