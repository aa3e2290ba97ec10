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
