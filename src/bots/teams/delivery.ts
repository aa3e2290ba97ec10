// Proactive messages to Teams (reminders, surveys, greetings, digests) through the stored
// conversation reference and CloudAdapter.continueConversationAsync.
//
// Failure policy, so nothing is dropped silently:
// - never reached in Teams (no stored personal chat) → TeamsNeverReachedError, permanent, with a
//   message that says what to do; the job records it.
// - the connector says 429 or 5xx (or the network fails) → retried here with backoff, honouring
//   Retry-After, while the wait stays short; then a TeamsConnectorBusyError carrying
//   `retryAfterMs`, which the jobs layer turns into a delayed retry.
// - 403/404 (bot removed, conversation gone) → the stale reference is dropped and the error is
//   permanent, like never reached.
// botbuilder's own HTTP pipeline also retries 429/5xx (up to 3 times, sleeping for any
// Retry-After); it is switched off for these calls so the wait is bounded and decided here.
//
// Duplicates: DeliveryService's hint (`deliveryKey`, `maybeSentBefore`) is ignored here. A bot
// cannot read a Teams conversation's history, so there is nothing to look in: if a worker dies
// after the connector accepted the activity and before the Delivery row is marked sent, the
// retried job sends it again (at-least-once in that narrow window).
import type { CloudAdapter, ConversationReference as BfReference, TurnContext } from 'botbuilder';
import { RecipientUnreachableError } from '../../domain/delivery/delivery.errors.ts';
import type { DeliveryPort, DeliveryResult, OutboundMessage, Recipient } from '../../domain/shared/ports.ts';
import type { Logger } from '../../infra/logger.ts';
import type { Reply } from '../../intents/types.ts';
import { replyActivity } from './cards.ts';
import { threadRefOf, type TeamsReferences } from './references.ts';

export interface TeamsDeliveryOptions {
  /** Attempts per deliver() call, the first included. @defaultValue 4 */
  maxAttempts?: number;
  /** First backoff when the connector gives no Retry-After; doubles each time. @defaultValue 500 */
  baseBackoffMs?: number;
  /** Longest wait spent inside one deliver(); a longer Retry-After goes back to the job. @defaultValue 10_000 */
  maxInlineWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** The person has no personal chat with Rapport yet (the bot cannot open one without it). */
export class TeamsNeverReachedError extends RecipientUnreachableError {
  constructor(recipient: Recipient, reason = 'has never talked to Rapport in Teams; ask them to open the app once') {
    super(recipient, reason);
    this.name = 'TeamsNeverReachedError';
  }
}

/** The Bot Connector said "slow down" or failed; transient. `retryAfterMs` tells the job when to retry. */
export class TeamsConnectorBusyError extends Error {
  readonly code = 'DELIVERY.TEAMS_BUSY';
  constructor(
    readonly status: number | undefined,
    readonly retryAfterMs: number,
    attempts: number,
  ) {
    super(`Teams connector ${status ? `answered ${status}` : 'was unreachable'} ${attempts} time(s); retry after ${retryAfterMs} ms`);
    this.name = 'TeamsConnectorBusyError';
  }
}

interface HttpishError {
  statusCode?: number;
  code?: string;
  response?: { status?: number; headers?: { get?(name: string): string | undefined | null } | Record<string, string> };
}

function statusOf(err: unknown): number | undefined {
  const e = err as HttpishError | null;
  return e?.statusCode ?? e?.response?.status;
}

function header(err: unknown, name: string): string | undefined {
  const h = (err as HttpishError | null)?.response?.headers;
  if (!h) return undefined;
  if (typeof (h as { get?: unknown }).get === 'function') return (h as { get(n: string): string | undefined | null }).get(name) ?? undefined;
  const rec = h as Record<string, string>;
  return rec[name] ?? rec[name.toLowerCase()];
}

/** Retry-After as milliseconds: seconds or an HTTP date; also retry-after-ms. */
export function retryAfterOf(err: unknown, now = Date.now()): number | undefined {
  const ms = Number(header(err, 'retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const v = header(err, 'retry-after');
  if (!v) return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET']);
const isTransient = (status: number | undefined, err: unknown) =>
  status === 429 || status === 412 || (status !== undefined && status >= 500 && status !== 501 && status !== 505) ||
  (status === undefined && TRANSIENT_CODES.has((err as HttpishError | null)?.code ?? ''));

/** Turns off botbuilder's built-in retry for this proactive turn's connector client. */
function disableSdkRetries(ctx: TurnContext, logger: Logger): void {
  try {
    const client = ctx.turnState.get(ctx.adapter.ConnectorClientKey) as { client?: { pipeline?: { removePolicy(o: { name: string }): unknown } } } | undefined;
    client?.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
  } catch (err) {
    logger.debug({ err: (err as Error).message }, 'could not switch off the SDK retry policy');
  }
}

/**
 * Runs `logic` in a proactive turn and returns its result. Errors are carried out of the turn
 * by hand: the adapter's onTurnError would otherwise log and swallow them. Messages are sent as
 * new messages in the conversation (POST …/activities), not as replies to the synthetic
 * continuation activity botbuilder creates.
 */
export async function proactive<T>(adapter: CloudAdapter, appId: string, reference: Partial<BfReference>, logic: (ctx: TurnContext) => Promise<T>): Promise<T> {
  let outcome: { ok: true; value: T } | { ok: false; err: unknown } | undefined;
  await adapter.continueConversationAsync(appId, reference, async (ctx) => {
    ctx.onSendActivities(async (_c, activities, next) => {
      for (const a of activities) delete a.replyToId;
      return next();
    });
    try {
      outcome = { ok: true, value: await logic(ctx) };
    } catch (err) {
      outcome = { ok: false, err };
    }
  });
  if (!outcome) throw new Error('Teams proactive turn did not run');
  if (!outcome.ok) throw outcome.err;
  return outcome.value;
}

export class TeamsDelivery implements DeliveryPort {
  private readonly opts: Required<TeamsDeliveryOptions>;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly refs: TeamsReferences,
    private readonly logger: Logger,
    opts: TeamsDeliveryOptions = {},
  ) {
    this.opts = {
      maxAttempts: opts.maxAttempts ?? 4,
      baseBackoffMs: opts.baseBackoffMs ?? 500,
      maxInlineWaitMs: opts.maxInlineWaitMs ?? 10_000,
      sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    };
  }

  async deliver(recipient: Recipient, message: OutboundMessage): Promise<DeliveryResult> {
    const stored = await this.refs.forRecipient(recipient, message.threadRef);
    if (!stored) throw new TeamsNeverReachedError(recipient);
    const reply: Reply = {
      kind: message.kind === 'survey' ? 'survey' : 'info',
      text: message.text,
      ...(message.actions?.length ? { actions: message.actions } : {}),
    };
    const activityId = await this.send(recipient, stored.conversationId, stored.reference, replyActivity(reply));
    const threadRef = threadRefOf(stored.conversationId);
    return { channel: 'teams', threadRef, externalRef: activityId ? `${threadRef}#${activityId}` : threadRef };
  }

  /** Sends one activity to a stored conversation; returns the new activity's id. */
  async send(recipient: Recipient, conversationId: string, reference: Partial<BfReference>, activity: object): Promise<string | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await proactive(this.adapter, this.appId, reference, async (ctx) => {
          disableSdkRetries(ctx, this.logger);
          return (await ctx.sendActivity(activity))?.id;
        });
      } catch (err) {
        const status = statusOf(err);
        if (status === 403 || status === 404) {
          // Uninstalled, blocked, or the conversation is gone: this reference will never work again.
          await this.refs.remove(recipient.tenantId, conversationId).catch(() => undefined);
          throw new TeamsNeverReachedError(recipient, `can no longer be reached in Teams (connector answered ${status}); ask them to open the Rapport app again`);
        }
        if (!isTransient(status, err)) throw err;
        const backoff = this.opts.baseBackoffMs * 2 ** (attempt - 1);
        const wait = retryAfterOf(err) ?? Math.round(backoff * (0.8 + Math.random() * 0.4));
        this.logger.warn({ status, attempt, wait, conversationId }, 'Teams connector busy; backing off');
        if (attempt >= this.opts.maxAttempts || wait > this.opts.maxInlineWaitMs) {
          throw new TeamsConnectorBusyError(status, Math.max(wait, 1_000), attempt);
        }
        await this.opts.sleep(wait);
      }
    }
  }
}
