// Proactive sends on Slack (reminders, surveys, alerts): a user in their DM with the bot
// (conversations.open + chat.postMessage), a contact where they talked to us (a stored
// ConversationReference, DMs first), or a thread continued (`threadRef`). Returns
// threadRef = slack:<channel>:<ts> so replies in that thread find the survey.
import type { webApi } from '@slack/bolt';
import type { DeliveryPort, DeliveryResult, OutboundMessage, Recipient } from '../../domain/shared/ports.ts';
import { RecipientUnreachableError } from '../../domain/delivery/delivery.errors.ts';
import { renderOutbound } from './blocks.ts';
import type { SlackDirectory } from './slack-directory.ts';
import { parseSlackThreadRef, slackThreadRef } from './thread-ref.ts';
import { platformError, toDeliveryError } from './web-client.ts';

/** Slack answers that no retry can fix: the person or place is gone or closed to us. */
const UNREACHABLE = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'user_not_found', 'user_disabled', 'account_inactive', 'cannot_dm_bot', 'team_access_not_granted', 'missing_scope', 'invalid_auth', 'not_authed', 'restricted_action']);

export interface SlackDeliveryDeps {
  directory: SlackDirectory;
  /** A WebClient for the workspace a tenant is on; throws when it has no installation. */
  clientFor(tenantId: string): Promise<webApi.WebClient>;
}

export class SlackDelivery implements DeliveryPort {
  constructor(private readonly deps: SlackDeliveryDeps) {}

  async deliver(recipient: Recipient, message: OutboundMessage): Promise<DeliveryResult> {
    const { directory } = this.deps;
    const slackUser = await directory.slackUserOf(recipient.tenantId, recipient);
    const thread = parseSlackThreadRef(message.threadRef);
    let channel = thread?.channel;
    let mention: string | undefined;
    const client = await this.deps.clientFor(recipient.tenantId);

    if (!channel) {
      if (recipient.kind === 'contact') {
        const refs = await directory.contactReferences(recipient.tenantId, recipient.id);
        const ref = refs[0];
        if (ref) {
          channel = ref.channel;
          if (!ref.isDm) mention = ref.user; // in a shared channel, name them so they are notified
        }
      }
      if (!channel && slackUser) channel = await this.openDm(client, recipient, slackUser);
    }
    if (!channel) throw new RecipientUnreachableError(recipient, 'never reached on Slack (no Slack identity or conversation reference)');

    const rendered = renderOutbound(message.text, message.actions, thread ? message.threadRef! : '', mention);
    let res: webApi.ChatPostMessageResponse;
    try {
      res = await client.chat.postMessage({
        channel,
        text: rendered.text,
        blocks: rendered.blocks,
        ...(thread ? { thread_ts: thread.ts } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (err) {
      const code = platformError(err);
      if (code && UNREACHABLE.has(code)) throw new RecipientUnreachableError(recipient, `Slack said ${code} for ${channel}`);
      throw toDeliveryError(err);
    }
    const postedIn = res.channel ?? channel;
    const ts = res.ts!;
    return {
      channel: 'slack',
      threadRef: thread ? message.threadRef! : slackThreadRef(postedIn, ts),
      externalRef: slackThreadRef(postedIn, ts),
    };
  }

  private async openDm(client: webApi.WebClient, recipient: Recipient, slackUser: string): Promise<string> {
    try {
      const res = await client.conversations.open({ users: slackUser });
      const id = res.channel?.id;
      if (!id) throw new RecipientUnreachableError(recipient, 'conversations.open returned no channel');
      return id;
    } catch (err) {
      if (err instanceof RecipientUnreachableError) throw err;
      const code = platformError(err);
      if (code && UNREACHABLE.has(code)) throw new RecipientUnreachableError(recipient, `Slack said ${code} opening a DM with ${slackUser}`);
      throw toDeliveryError(err);
    }
  }
}
