// The local web chat's "channel": the Delivery row written by DeliveryService is the message
// (the inbox endpoint reads channel='web' rows), so delivering only names the thread it is in.
import type { PrismaClient } from '../../domain/shared/db.ts';
import type { DeliveryPort, DeliveryResult, OutboundMessage, Recipient } from '../../domain/shared/ports.ts';

export class WebInboxDelivery implements DeliveryPort {
  constructor(private readonly db: PrismaClient) {
    void this.db; // kept for a future read receipt; the inbox itself reads Delivery rows
  }

  async deliver(recipient: Recipient, _message: OutboundMessage): Promise<DeliveryResult> {
    return { channel: 'web', threadRef: `web:${recipient.id}` };
  }
}
