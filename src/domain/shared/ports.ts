// Ports the domain declares and the outer layers implement. The domain never imports a
// channel, queue or LLM package; it writes jobs to the Outbox in the same transaction as the
// change that needs them (see outbox.ts) and reaches people through DeliveryPort.
import type { Locale } from './errors.ts';

export type ChannelName = 'web' | 'slack' | 'teams' | 'email';

export interface Recipient {
  tenantId: string;
  kind: 'user' | 'contact';
  id: string;
}

/** A channel-neutral button; adapters render it as Block Kit, an Adaptive Card or HTML. */
export interface MessageAction {
  label: string;
  /** Opaque value posted back when pressed, e.g. `survey:<id>:4`. */
  value: string;
  style?: 'primary' | 'danger';
}

export interface OutboundMessage {
  kind: 'reminder' | 'survey' | 'greeting' | 'digest' | 'alert' | 'notice';
  locale: Locale;
  text: string;
  /** Rows of buttons. */
  actions?: MessageAction[][];
  /** Continue an existing thread (Slack channel:ts, Teams conversation id, web thread id). */
  threadRef?: string;
  /** Set by DeliveryService on external channels: the Delivery row's dedupe key. A channel that
   * can label a message (Slack message metadata) labels it with this key, so a later attempt can
   * find the message it already posted. */
  deliveryKey?: string;
  /** Set by DeliveryService: true when the Delivery row already existed (pending or failed) when
   * this attempt began, so an earlier attempt may have reached the channel without the `sent`
   * update committing. A channel that can look (Slack: the conversation's history) reports the
   * message it finds with `deliveryKey` instead of sending again; one that cannot (Teams, no
   * history API for bots) ignores it and sends (at-least-once). False on the first attempt of a
   * fresh row: no lookup on the hot path. */
  maybeSentBefore?: boolean;
  /** With `maybeSentBefore`: when the Delivery row was created; no earlier attempt sent before it. */
  pendingSince?: Date;
}

export interface DeliveryResult {
  channel: ChannelName;
  /** Where the message landed, so replies in that thread can be matched (surveys). */
  threadRef?: string;
  externalRef?: string;
}

/** Sends a message to a person on the channel they use. Throws on failure (jobs retry). */
export interface DeliveryPort {
  deliver(recipient: Recipient, message: OutboundMessage): Promise<DeliveryResult>;
}

/** Nudges the Outbox relay after a commit so jobs are enqueued at once, not at the next poll. */
export interface OutboxKick {
  kick(): void;
}
