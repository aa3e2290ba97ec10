// Messages: DMs to the bot, @mentions in channels, and the /crm command. Each becomes one turn.
import type { AllMiddlewareArgs, App, webApi } from '@slack/bolt';
import { fromSlackText } from '../slack-text.ts';
import { commandThreadKey, slackMessageId, slackThreadRef } from '../thread-ref.ts';
import { CLAIM_PROPERTY } from '../event-guard.ts';
import { isPersonsPost, QUEUED_PROPERTY, type ListenerDeps, type QueuedRun } from '../turn.ts';

/** The fields of a message or app_mention event a turn reads. */
interface PostedMessage {
  user?: string | undefined;
  bot_id?: string | undefined;
  subtype?: string | undefined;
  text?: string | undefined;
  ts: string;
  thread_ts?: string | undefined;
  channel: string;
}

export function register(app: App, deps: ListenerDeps): void {
  const { turn, track } = deps;

  type Context = AllMiddlewareArgs['context'];
  function onMessage(e: PostedMessage, context: Context, client: webApi.WebClient, bodyTeamId: string | undefined, isDm: boolean): Promise<void> {
    if (!isPersonsPost(e)) return Promise.resolve();
    const teamId = context.teamId ?? bodyTeamId ?? '';
    const root = e.thread_ts ?? e.ts;
    const text = fromSlackText(e.text, context.botUserId);
    if (!text) return Promise.resolve();
    return track(
      turn.converse(
        { teamId, enterpriseId: context.enterpriseId, userId: e.user, channel: e.channel, isDm, client },
        {
          threadKey: slackThreadRef(e.channel, root),
          text,
          messageId: slackMessageId(teamId, e.channel, e.ts),
          target: { kind: 'thread', client, channel: e.channel, threadTs: root, user: e.user, dm: isDm },
          claimedEventId: context[CLAIM_PROPERTY] as string | undefined,
          queued: context[QUEUED_PROPERTY] as QueuedRun | undefined,
        },
      ),
    );
  }

  app.event('message', async ({ event, context, client, body }) => {
    if (event.channel_type !== 'im') return;
    // Every message subtype has ts and channel; user, text and thread_ts only some (isPersonsPost decides).
    await onMessage(event as PostedMessage, context, client, body.team_id, true);
  });

  app.event('app_mention', async ({ event, context, client, body }) => {
    await onMessage(event, context, client, body.team_id, false);
  });

  app.command('/crm', async ({ ack, command, client, context, respond }) => {
    await ack();
    const text = fromSlackText(command.text, context.botUserId) || 'help';
    await track(
      turn.converse(
        {
          teamId: command.team_id,
          enterpriseId: command.enterprise_id,
          userId: command.user_id,
          channel: command.channel_id,
          isDm: command.channel_id.startsWith('D'),
          client,
        },
        {
          threadKey: commandThreadKey(command.channel_id, command.user_id),
          text,
          messageId: `slack:${command.team_id}:${command.channel_id}:cmd:${command.trigger_id}`,
          target: { kind: 'respond', respond },
        },
      ),
    );
  });
}
