// What every intent handler receives and returns.
import type { Actor } from '../../domain/shared/actor.ts';
import type { Locale } from '../../domain/shared/errors.ts';
import type { Entities, IntentName } from '../parser/index.ts';
import type { Services } from '../../services.ts';
import type { Reply } from '../types.ts';
import type { InboundMessage } from '../types.ts';

export interface HandlerContext {
  services: Services;
  actor: Actor;
  message: InboundMessage;
  /** Language of the reply: the language the user wrote in. */
  lang: Locale;
  now: Date;
  /** The user's time zone. */
  tz: string;
  /** Original text of the message that started this intent. */
  text: string;
  /** Source message id for idempotent writes. */
  sourceMessageId: string | undefined;
}

/** A resolved reference chosen in an earlier turn (disambiguation or slot filling). */
export interface Resolved {
  contactId?: string;
  accountId?: string;
  taskId?: string;
  opportunityId?: string;
  confirmed?: boolean;
  /** "Add a comment" on this survey. */
  surveyId?: string;
  /** "Edit" on this logged interaction: the next message is its new note. */
  editInteractionId?: string;
}

/** Dialog state kept between turns (ConversationState.state). */
export type Pending =
  | {
      type: 'choose';
      intent: IntentName;
      entities: Entities;
      resolved: Resolved;
      slot: 'contact' | 'account' | 'task' | 'opportunity' | 'target';
      candidates: { id: string; kind: 'contact' | 'account' | 'task' | 'opportunity'; label: string; detail?: string; accountId?: string | null }[];
      lang: Locale;
      text: string;
      sourceMessageId?: string | undefined;
    }
  | {
      type: 'slot';
      intent: IntentName;
      entities: Entities;
      resolved: Resolved;
      slot: 'contact' | 'account' | 'due' | 'summary' | 'name' | 'score' | 'stage' | 'amount';
      lang: Locale;
      text: string;
      sourceMessageId?: string | undefined;
    }
  | {
      type: 'confirm';
      intent: IntentName;
      entities: Entities;
      resolved: Resolved;
      lang: Locale;
      text: string;
      sourceMessageId?: string | undefined;
    };

export interface HandlerResult {
  replies: Reply[];
  /** Ask something: keep this state for the next message in the thread. */
  pending?: Pending;
  /** Something was written (the Outbox may hold new jobs). */
  wrote?: boolean;
}

export type Handler = (ctx: HandlerContext, entities: Entities, resolved: Resolved) => Promise<HandlerResult>;

export const say = (kind: Reply['kind'], text: string, extra: Partial<Reply> = {}): HandlerResult => ({
  replies: [{ kind, text, ...extra }],
});

export const L = (lang: Locale, en: string, zh: string) => (lang === 'zh' ? zh : en);
