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

/** Records an Edit button or a correction can change. */
export type EditableEntity = 'interaction' | 'task' | 'opportunity' | 'contact' | 'ticket' | 'account';

/** A resolved reference chosen in an earlier turn (disambiguation or slot filling). */
export interface Resolved {
  contactId?: string;
  accountId?: string;
  taskId?: string;
  opportunityId?: string;
  confirmed?: boolean;
  /** "Add a comment" on this survey. */
  surveyId?: string;
  /** Saved by an earlier version: "Edit" on this logged interaction (now `edit`). */
  editInteractionId?: string;
  /** The record an Edit button or a correction changes. */
  edit?: { entity: EditableEntity; id: string };
  /** Further people in a logged interaction, in the order of `entities.others`; null = left out. */
  otherIds?: (string | null)[];
  /** A colleague a manager asked about. */
  userId?: string;
  /** create_contact: the same person exists; the user chose to keep them (their id) or to add anyway. */
  duplicateOf?: string;
  /** …and said to update the details given (`用原来那个，把邮箱更新一下`): they replace the record's own. */
  updateExisting?: boolean;
  newAnyway?: boolean;
  /** opt_out reported by a rep: what the contact stopped (asked when the message does not say). */
  optOut?: 'surveys' | 'greetings' | 'both';
  /** The kind of interaction, chosen when the message did not say (visit, call, meeting…). */
  interactionType?: 'visit' | 'call' | 'meeting' | 'email' | 'message' | 'note';
  /** The words of an answer to "Who?", where an account may be mentioned that narrows the choice. */
  mention?: string;
  /** create_contact: asked for the account, the user said the person has none. */
  noAccount?: boolean;
  /** send_survey right after an opt-out that was asked about and not confirmed: confirm first. */
  afterUnconfirmedOptOut?: boolean;
  /** Words that say when were left unread in the message and the time was asked: not asked again. */
  timeAsked?: boolean;
}

/** Dialog state kept between turns (ConversationState.state). */
export type Pending =
  | {
      type: 'choose';
      intent: IntentName;
      entities: Entities;
      resolved: Resolved;
      slot: 'contact' | 'account' | 'task' | 'opportunity' | 'target' | 'other' | 'user' | 'duplicate' | 'type' | 'optout';
      candidates: { id: string; kind: 'contact' | 'account' | 'task' | 'opportunity' | 'user' | 'option'; label: string; detail?: string; accountId?: string | null }[];
      lang: Locale;
      text: string;
      sourceMessageId?: string | undefined;
    }
  | {
      type: 'slot';
      intent: IntentName;
      entities: Entities;
      resolved: Resolved;
      slot: 'contact' | 'account' | 'due' | 'when' | 'summary' | 'name' | 'score' | 'stage' | 'amount' | 'edit';
      lang: Locale;
      text: string;
      sourceMessageId?: string | undefined;
      /** Answers that could not be read so far (asked again until a few have failed). */
      attempts?: number;
    }
  | {
      /** A write read without confidence: which of these readings was meant? */
      type: 'reading';
      intent: IntentName;
      entities: Entities;
      resolved: Resolved;
      readings: { intent: IntentName; entities: Entities; label: string }[];
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
  /** The record the write was about (what its Edit button edits). */
  target?: { entity: EditableEntity; id: string };
}

export type Handler = (ctx: HandlerContext, entities: Entities, resolved: Resolved) => Promise<HandlerResult>;

export const say = (kind: Reply['kind'], text: string, extra: Partial<Reply> = {}): HandlerResult => ({
  replies: [{ kind, text, ...extra }],
});

export { L } from '../../domain/shared/locale.ts';
