// Conversation references: where Rapport can post later without being spoken to (reminders,
// surveys, digests). One row per (tenant, channel, conversation); the adapter decides what a
// conversation is (Slack: a channel and person; Teams: a conversation id) and what the reference
// holds (JSON it alone reads). A personal conversation belongs to its user or contact; a group
// one to nobody in particular, and is never used for someone's private messages.
import type { PrismaClient } from '../shared/db.ts';
import type { ChannelName, Recipient } from '../shared/ports.ts';

/** Whose conversation it is. */
export type ReferenceOwner = { userId: string; contactId?: null } | { contactId: string; userId?: null } | { userId: null; contactId: null };

export interface StoredReference {
  conversationId: string;
  reference: unknown;
}

const ownerOf = (r: Recipient) => (r.kind === 'user' ? { userId: r.id } : { contactId: r.id });

export class ConversationReferenceService {
  constructor(private readonly db: PrismaClient) {}

  /**
   * Saves where a conversation can be continued. `owner` is written on creation (nobody when
   * absent) and on update only when given: a conversation keeps its last known owner.
   */
  async save(tenantId: string, channel: ChannelName, conversationId: string, reference: object, owner?: ReferenceOwner): Promise<void> {
    const json = JSON.parse(JSON.stringify(reference)) as object;
    await this.db.conversationReference.upsert({
      where: { tenantId_channel_conversationId: { tenantId, channel, conversationId } },
      create: { tenantId, channel, conversationId, reference: json, ...(owner ?? { userId: null, contactId: null }) },
      update: { reference: json, ...owner },
    });
  }

  async remove(tenantId: string, channel: ChannelName, conversationId: string): Promise<void> {
    await this.db.conversationReference.deleteMany({ where: { tenantId, channel, conversationId } });
  }

  /** A person's conversations on a channel, the most recently used first. */
  async latest(recipient: Recipient, channel: ChannelName, take = 10): Promise<StoredReference[]> {
    const rows = await this.db.conversationReference.findMany({
      where: { tenantId: recipient.tenantId, channel, ...ownerOf(recipient) },
      orderBy: { updatedAt: 'desc' },
      take,
      select: { conversationId: true, reference: true },
    });
    return rows;
  }

  /**
   * Where to reach a person: the conversation `conversationId` when it is theirs, else their most
   * recent conversation of their own. Group conversations have no owner, so they never qualify.
   */
  async forRecipient(recipient: Recipient, channel: ChannelName, conversationId?: string): Promise<StoredReference | null> {
    if (conversationId) {
      const row = await this.db.conversationReference.findUnique({
        where: { tenantId_channel_conversationId: { tenantId: recipient.tenantId, channel, conversationId } },
      });
      if (row && (recipient.kind === 'user' ? row.userId === recipient.id : row.contactId === recipient.id)) {
        return { conversationId: row.conversationId, reference: row.reference };
      }
    }
    const [latest] = await this.latest(recipient, channel, 1);
    return latest ?? null;
  }
}
