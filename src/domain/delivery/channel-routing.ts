// Routes an outbound message to the channel its recipient uses, through one DeliveryPort per
// channel (each adapter's, registered by name in src/app.ts). Channel choice: a user gets their
// Slack/Teams identity when that channel is configured, else the web inbox; a contact gets their
// preferred channel, else an identity, else the web inbox. No reachable channel is a permanent error (the job fails with it).
import type { PrismaClient } from '../shared/db.ts';
import type { ChannelName, DeliveryPort, DeliveryResult, OutboundMessage, Recipient } from '../shared/ports.ts';
import type { ChannelRoutingPort } from './delivery.service.ts';
import { RecipientErasedError, RecipientUnreachableError } from './delivery.errors.ts';

export interface ChannelPorts {
  web?: DeliveryPort;
  slack?: DeliveryPort;
  teams?: DeliveryPort;
  email?: DeliveryPort;
}

/** Preference order among identities when nothing else decides. */
const IDENTITY_ORDER: ChannelName[] = ['slack', 'teams', 'web', 'email'];

export class CompositeDelivery implements ChannelRoutingPort {
  constructor(
    private readonly ports: ChannelPorts,
    private readonly db: PrismaClient,
  ) {
    if (!Object.values(ports).some(Boolean)) throw new Error('CompositeDelivery needs at least one channel port');
  }

  /** The web inbox reads Delivery rows: on that channel the row is the message. */
  isInboxChannel(channel: ChannelName): boolean {
    return channel === 'web' && Boolean(this.ports.web);
  }

  /** True when messages leave the process (Slack/Teams/email), so the workers rate-limit. */
  hasExternalChannels(): boolean {
    return Boolean(this.ports.slack || this.ports.teams || this.ports.email);
  }

  async channelFor(recipient: Recipient): Promise<ChannelName> {
    if (recipient.kind === 'user') {
      const user = await this.db.user.findFirst({
        where: { id: recipient.id, tenantId: recipient.tenantId },
        select: { active: true, chatIdentities: { select: { channel: true } } },
      });
      if (!user) throw new RecipientUnreachableError(recipient, 'no such user in the tenant');
      if (!user.active) throw new RecipientUnreachableError(recipient, 'user is deactivated');
      const ids = user.chatIdentities;
      const pick = this.firstConfigured(ids.map((i) => i.channel).filter((c) => c !== 'web'));
      if (pick) return pick;
      if (this.ports.web) return 'web';
      throw new RecipientUnreachableError(recipient, `no configured channel among identities [${ids.map((i) => i.channel).join(', ')}]`);
    }
    const contact = await this.db.contact.findFirst({
      where: { id: recipient.id, tenantId: recipient.tenantId },
      select: { preferredChannel: true, erasedAt: true, mergedIntoId: true, chatIdentities: { select: { channel: true } } },
    });
    if (!contact) throw new RecipientUnreachableError(recipient, 'no such contact in the tenant');
    if (contact.erasedAt || contact.mergedIntoId) throw new RecipientErasedError(recipient.id);
    const identities = contact.chatIdentities.map((i) => i.channel);
    const preferred = contact.preferredChannel;
    // Slack/Teams need an identity (somewhere to post); the web inbox needs none.
    if (preferred && this.ports[preferred] && (preferred === 'web' || identities.includes(preferred))) return preferred;
    const pick = this.firstConfigured(identities);
    if (pick) return pick;
    if (this.ports.web) return 'web';
    throw new RecipientUnreachableError(recipient, `no configured channel (preferred ${preferred ?? 'none'}, identities [${identities.join(', ')}])`);
  }

  async deliver(recipient: Recipient, message: OutboundMessage): Promise<DeliveryResult> {
    return this.deliverVia(await this.channelFor(recipient), recipient, message);
  }

  /** The message goes to the channel port as is, with DeliveryService's hint (`deliveryKey`,
   * `maybeSentBefore`, `pendingSince`): Slack looks for an earlier attempt's message, the others ignore it. */
  deliverVia(channel: ChannelName, recipient: Recipient, message: OutboundMessage): Promise<DeliveryResult> {
    const port = this.ports[channel];
    if (!port) throw new RecipientUnreachableError(recipient, `channel ${channel} is not configured in this deployment`);
    return port.deliver(recipient, message);
  }

  private firstConfigured(channels: ChannelName[]): ChannelName | undefined {
    return IDENTITY_ORDER.find((c) => channels.includes(c) && this.ports[c]);
  }
}
