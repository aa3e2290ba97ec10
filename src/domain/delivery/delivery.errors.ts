// Delivery failures, split by what a retry can do about them. The jobs layer turns a permanent
// one into BullMQ's UnrecoverableError (failed set, clear message) and honours `retryAfterMs`.
import { DomainError, type Locale } from '../shared/errors.ts';

/** Nobody to send to on any configured channel: retrying will not help. */
export class RecipientUnreachableError extends DomainError {
  readonly code = 'DELIVERY.UNREACHABLE';
  readonly permanent = true;
  protected readonly messages: Record<Locale, string>;
  constructor(recipient: { kind: string; id: string }, reason: string) {
    super(`${recipient.kind} ${recipient.id} is unreachable: ${reason}`);
    this.messages = {
      en: "I couldn't reach that person on any channel.",
      zh: '无法通过任何渠道联系到此人。',
    };
  }
}

/** The contact was erased (privacy request) or merged away: never message them. */
export class RecipientErasedError extends DomainError {
  readonly code = 'DELIVERY.RECIPIENT_ERASED';
  readonly permanent = true;
  protected readonly messages: Record<Locale, string> = {
    en: 'That contact was erased; nothing was sent.',
    zh: '该联系人已被删除，未发送任何消息。',
  };
  constructor(contactId: string) {
    super(`contact ${contactId} was erased or merged`);
  }
}

/** A channel said "slow down" (Slack 429 with Retry-After). Transient: wait, then try again. */
export class ChannelRateLimitedError extends Error {
  readonly code = 'DELIVERY.RATE_LIMITED';
  constructor(
    readonly channel: string,
    readonly retryAfterMs: number,
  ) {
    super(`${channel} rate limited; retry after ${retryAfterMs} ms`);
  }
}

/** Another worker is sending the same message right now. Transient: retry later. */
export class DeliveryInProgressError extends Error {
  readonly code = 'DELIVERY.IN_PROGRESS';
  constructor(dedupeKey: string) {
    super(`delivery ${dedupeKey} is being sent by another worker`);
  }
}

/** Domain errors are permanent (bad input, missing rows, no access do not heal on retry). */
export function isPermanentError(err: unknown): boolean {
  return err instanceof DomainError;
}

/** Milliseconds a channel asked us to wait, when the error carries one. */
export function retryAfterMs(err: unknown): number | undefined {
  const v = (err as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}
