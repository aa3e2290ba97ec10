// The local web chat's "channel": the Delivery row written by DeliveryService is the message
// (the inbox endpoint reads channel='web' rows), so delivering only names the thread it is in.
import type { DeliveryPort, DeliveryResult, OutboundMessage, Recipient } from '../../domain/shared/ports.ts';

export class WebInboxDelivery implements DeliveryPort {
  async deliver(recipient: Recipient, _message: OutboundMessage): Promise<DeliveryResult> {
    return { channel: 'web', threadRef: `web:${recipient.id}` };
  }
}
