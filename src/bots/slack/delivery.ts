// Proactive sends on Slack (reminders, surveys, alerts): a user in their DM with the bot
// (conversations.open + chat.postMessage), a contact where they talked to us (a stored
// ConversationReference, DMs first), or a thread continued (`threadRef`). Returns
// threadRef = slack:<channel>:<ts> so replies in that thread find the survey.
//
// Exactly-once with DeliveryService: every message carries the Delivery row's dedupe key in its
// message metadata (event_type `rapport_delivery`, payload { key }). When DeliveryService says an
// earlier attempt may have posted (`maybeSentBefore`: the row was already pending), the port first
// reads the conversation from shortly before the row was created (conversations.history, or
// conversations.replies for a thread, include_all_metadata, at most HISTORY_PAGES pages) and
// reports the message with that key instead of posting again. Not found, or history not
// readable (non-DM channels need channels:history/groups:history, which the bot lacks): it posts.
import type { webApi } from '@slack/bolt';
import type { DeliveryPort, DeliveryResult, OutboundMessage, Recipient } from '../../domain/shared/ports.ts';
import { RecipientUnreachableError } from '../../domain/delivery/delivery.errors.ts';
import { renderOutbound } from './blocks.ts';
import type { Logger } from '../../infra/logger.ts';
import type { SlackDirectory } from './slack-directory.ts';
import { parseSlackThreadRef, slackThreadRef } from './thread-ref.ts';
import { platformError, toDeliveryError } from './web-client.ts';

/** Slack answers that no retry can fix: the person or place is gone or closed to us. */
const UNREACHABLE = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'user_not_found', 'user_disabled', 'account_inactive', 'cannot_dm_bot', 'team_access_not_granted', 'missing_scope', 'invalid_auth', 'not_authed', 'restricted_action']);

/** The message metadata event type carrying a Delivery's dedupe key. */
export const DELIVERY_EVENT_TYPE = 'rapport_delivery';
/** Pages of history read when looking for an earlier attempt's message. */
const HISTORY_PAGES = 5;
const HISTORY_PAGE_SIZE = 200;
/** `oldest` is this much before the Delivery row's createdAt (clock skew between us and Slack). */
const HISTORY_MARGIN_MS = 5 * 60_000;
/** History answers meaning "the bot may not read this conversation": post as before, and log. */
const HISTORY_UNREADABLE = new Set(['missing_scope', 'not_in_channel', 'channel_not_found', 'not_allowed_token_type', 'thread_not_found']);

export interface SlackDeliveryDeps {
  directory: SlackDirectory;
  /** A WebClient for the workspace a tenant is on; throws when it has no installation. */
  clientFor(tenantId: string): Promise<webApi.WebClient>;
  logger?: Logger;
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

    const key = message.deliveryKey;
    if (key && message.maybeSentBefore) {
      const ts = await this.findPosted(client, recipient, channel, thread?.ts, key, message.pendingSince);
      if (ts) return this.result(message, Boolean(thread), channel, ts);
    }

    const rendered = renderOutbound(message.text, message.actions, thread ? message.threadRef! : '', mention);
    let res: webApi.ChatPostMessageResponse;
    try {
      res = await client.chat.postMessage({
        channel,
        text: rendered.text,
        blocks: rendered.blocks,
        ...(thread ? { thread_ts: thread.ts } : {}),
        ...(key ? { metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { key } } } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (err) {
      const code = platformError(err);
      if (code && UNREACHABLE.has(code)) throw new RecipientUnreachableError(recipient, `Slack said ${code} for ${channel}`);
      throw toDeliveryError(err);
    }
    return this.result(message, Boolean(thread), res.channel ?? channel, res.ts!);
  }

  private result(message: OutboundMessage, threaded: boolean, postedIn: string, ts: string): DeliveryResult {
    return {
      channel: 'slack',
      threadRef: threaded ? message.threadRef! : slackThreadRef(postedIn, ts),
      externalRef: slackThreadRef(postedIn, ts),
    };
  }

  /**
   * The ts of a message in `channel` (in the thread `threadTs` when given) whose metadata carries
   * `key`, posted since shortly before `since`; undefined when none is found within HISTORY_PAGES
   * pages or the bot may not read the conversation (then the caller posts, at-least-once).
   */
  private async findPosted(
    client: webApi.WebClient,
    recipient: Recipient,
    channel: string,
    threadTs: string | undefined,
    key: string,
    since: Date | undefined,
  ): Promise<string | undefined> {
    const oldest = since ? ((since.getTime() - HISTORY_MARGIN_MS) / 1000).toFixed(6) : undefined;
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const args = {
        channel,
        include_all_metadata: true,
        limit: HISTORY_PAGE_SIZE,
        ...(oldest ? { oldest } : {}),
        ...(cursor ? { cursor } : {}),
      };
      let res: webApi.ConversationsHistoryResponse | webApi.ConversationsRepliesResponse;
      try {
        res = threadTs ? await client.conversations.replies({ ...args, ts: threadTs }) : await client.conversations.history(args);
      } catch (err) {
        const code = platformError(err);
        if (code && HISTORY_UNREADABLE.has(code)) {
          this.deps.logger?.warn(
            { tenantId: recipient.tenantId, channel, code, key },
            'cannot read Slack history to check for an earlier attempt; posting (at-least-once)',
          );
          return undefined;
        }
        throw toDeliveryError(err); // the job retries; posting blind could duplicate
      }
      for (const m of res.messages ?? []) {
        const meta = (m as { metadata?: { event_type?: string; event_payload?: { key?: unknown } } }).metadata;
        if (meta?.event_type === DELIVERY_EVENT_TYPE && meta.event_payload?.key === key && m.ts) return m.ts;
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) return undefined;
    }
    this.deps.logger?.warn({ tenantId: recipient.tenantId, channel, key, pages: HISTORY_PAGES }, 'earlier attempt not found within the history pages read; posting');
    return undefined;
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
