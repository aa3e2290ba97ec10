// Conversation references: where Rapport can post later without being spoken to (reminders,
// surveys, digests). Saved whenever someone talks to the bot or installs it; a personal chat's
// reference belongs to its user/contact, a channel's or group chat's to nobody in particular.
import type { ConversationReference as BfReference } from 'botbuilder';
import type { Actor } from '../../domain/shared/actor.ts';
import type { PrismaClient } from '../../domain/shared/db.ts';
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
  constructor(private readonly db: PrismaClient) {}

  async save(tenantId: string, reference: Partial<BfReference>, owner: Actor | null): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) return;
    const personal = reference.conversation?.conversationType === 'personal' || (!reference.conversation?.isGroup && reference.conversation?.conversationType === undefined);
    const link = personal && owner ? (owner.kind === 'user' ? { userId: owner.userId, contactId: null } : { userId: null, contactId: owner.contactId }) : { userId: null, contactId: null };
    // Strip the activity id: a stored reference continues the conversation, not one message.
    const { activityId: _drop, ...rest } = reference;
    const json = JSON.parse(JSON.stringify(rest)) as object;
    await this.db.conversationReference.upsert({
      where: { tenantId_channel_conversationId: { tenantId, channel: 'teams', conversationId } },
      create: { tenantId, channel: 'teams', conversationId, reference: json, ...link },
      // A group conversation never gets an owner; a personal one keeps the last known owner.
      update: { reference: json, ...(personal && owner ? link : {}) },
    });
  }

  async remove(tenantId: string, conversationId: string): Promise<void> {
    await this.db.conversationReference.deleteMany({ where: { tenantId, channel: 'teams', conversationId } });
  }

  /**
   * Where to reach a person: the conversation named by `threadRef` when it is theirs, else their
   * most recent personal chat with Rapport. Group chats and channels are never used for
   * someone's private reminders or surveys.
   */
  async forRecipient(recipient: Recipient, threadRef?: string): Promise<StoredReference | null> {
    const owner = recipient.kind === 'user' ? { userId: recipient.id } : { contactId: recipient.id };
    const conv = conversationIdOf(threadRef);
    if (conv) {
      const row = await this.db.conversationReference.findUnique({
        where: { tenantId_channel_conversationId: { tenantId: recipient.tenantId, channel: 'teams', conversationId: conv } },
      });
      if (row && (recipient.kind === 'user' ? row.userId === recipient.id : row.contactId === recipient.id)) {
        return { conversationId: row.conversationId, reference: row.reference as Partial<BfReference> };
      }
    }
    const row = await this.db.conversationReference.findFirst({
      where: { tenantId: recipient.tenantId, channel: 'teams', ...owner },
      orderBy: { updatedAt: 'desc' },
    });
    return row ? { conversationId: row.conversationId, reference: row.reference as Partial<BfReference> } : null;
  }
}
