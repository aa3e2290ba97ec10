// Teams conversation references, kept by the domain's ConversationReferenceService: where Rapport
// can post later without being spoken to (reminders, surveys, digests). Saved whenever someone
// talks to the bot or installs it; a personal chat's reference belongs to its user/contact, a
// channel's or group chat's to nobody in particular.
import type { ConversationReference as BfReference } from 'botbuilder';
import type { Actor } from '../../domain/shared/actor.ts';
import type { ConversationReferenceService } from '../../domain/conversations/conversation-references.ts';
import type { Recipient } from '../../domain/shared/ports.ts';

/** `teams:<conversationId>`: the threadKey of inbound messages and the threadRef of deliveries. */
export const threadRefOf = (conversationId: string) => `teams:${conversationId}`;
export const conversationIdOf = (threadRef: string | undefined): string | undefined =>
  threadRef?.startsWith('teams:') ? threadRef.slice('teams:'.length) || undefined : undefined;

export interface StoredReference {
  conversationId: string;
  reference: Partial<BfReference>;
}

export class TeamsReferences {
  constructor(private readonly refs: ConversationReferenceService) {}

  async save(tenantId: string, reference: Partial<BfReference>, owner: Actor | null): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) return;
    const conv = reference.conversation;
    const personal = conv?.conversationType === 'personal' || (!conv?.isGroup && conv?.conversationType === undefined);
    // Strip the activity id: a stored reference continues the conversation, not one message.
    const { activityId: _drop, ...rest } = reference;
    // A group conversation never gets an owner; a personal one keeps the last known owner.
    const ownerLink = (a: Actor) => (a.kind === 'user' ? { userId: a.userId, contactId: null } : { userId: null, contactId: a.contactId });
    const link = personal && owner ? ownerLink(owner) : undefined;
    await this.refs.save(tenantId, 'teams', conversationId, rest, link);
  }

  async remove(tenantId: string, conversationId: string): Promise<void> {
    await this.refs.remove(tenantId, 'teams', conversationId);
  }

  /**
   * Where to reach a person: the conversation named by `threadRef` when it is theirs, else their
   * most recent personal chat with Rapport. Group chats and channels are never used for
   * someone's private reminders or surveys.
   */
  async forRecipient(recipient: Recipient, threadRef?: string): Promise<StoredReference | null> {
    const found = await this.refs.forRecipient(recipient, 'teams', conversationIdOf(threadRef));
    return found ? { conversationId: found.conversationId, reference: found.reference as Partial<BfReference> } : null;
  }
}
