// The conversation layer's contract with every adapter (web chat, Slack, Teams, terminal):
// a message in, channel-neutral replies out. Adapters render replies (Block Kit, Adaptive
// Cards, HTML) and know nothing of intents; this layer knows no channel.
import type { Actor } from '../domain/shared/actor.ts';
import type { ChannelName, MessageAction } from '../domain/shared/ports.ts';

export interface InboundMessage {
  actor: Actor;
  channel: ChannelName;
  /** Conversation thread (Slack channel:thread_ts, Teams conversation id, web thread id). */
  threadKey: string;
  text: string;
  /** Platform message id: the same id twice is handled once and logs one interaction. */
  messageId?: string | undefined;
  /** A button press: the `value` of a MessageAction. */
  action?: string | undefined;
  now?: Date | undefined;
}

export interface ReplySection {
  title: string;
  lines: string[];
  /** Buttons for this section (e.g. one account of the at-risk list). */
  actions?: MessageAction[];
}

export interface Reply {
  kind: 'confirmation' | 'question' | 'choices' | 'list' | 'info' | 'error' | 'survey' | 'help';
  text: string;
  sections?: ReplySection[];
  /** Rows of buttons. */
  actions?: MessageAction[][];
  /** The intent that produced the reply (for logs, tests and adapters' analytics). */
  intent?: string;
  /**
   * For the asker's eyes only (a sign-in link): adapters send it privately — Slack ephemeral or
   * DM, Teams personal chat — and say in a shared conversation that it was sent directly.
   */
  private?: boolean;
}

export interface ChatResult {
  replies: Reply[];
}

export interface ChatHandler {
  handle(message: InboundMessage): Promise<ChatResult>;
}
