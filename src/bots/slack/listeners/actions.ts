// Buttons (action ids `rapport:*`): a press is a turn whose input is the button's value. The
// answer replaces the pressed buttons in place when it fits; "More" posts a list's next page;
// "Edit" opens the edit modal; on App Home the tab is republished with the outcome.
import type { App, BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import type { Locale } from '../../../domain/shared/errors.ts';
import { L } from '../../../domain/shared/locale.ts';
import { afterPress, MAX_BLOCKS, MORE_PREFIX, parseBlockId, type Block } from '../blocks.ts';
import { moreStore, type MoreState, type Target } from '../send.ts';
import { homeThreadKey, slackThreadRef } from '../thread-ref.ts';
import { refusal, type ListenerDeps } from '../turn.ts';
import { buildHomeView, editInteractionModal, type ModalOrigin } from '../views.ts';

type Press = BlockAction<ButtonAction>;
/** Where the pressed button was: Bolt types the container loosely (it differs by surface). */
interface Container {
  type?: string;
  message_ts?: string;
  channel_id?: string;
  thread_ts?: string;
  is_ephemeral?: boolean;
}

export function register(app: App, deps: ListenerDeps): void {
  const { turn, send, chat, services, log, track } = deps;

  app.action<Press>({ type: 'block_actions', action_id: /^rapport:/ }, async ({ ack, body, action, client, context, respond }) => {
    await ack();
    await track(onButton(body, action, client, context.teamId, context.enterpriseId, respond));
  });

  async function onButton(
    b: Press,
    a: ButtonAction,
    client: webApi.WebClient,
    contextTeam: string | undefined,
    enterpriseId: string | undefined,
    respond: RespondFn,
  ): Promise<void> {
    const value = a.value;
    if (!value) return;
    const c = b.container as Container;
    const teamId = contextTeam ?? b.team?.id ?? b.user.team_id ?? '';
    const userId = b.user.id;
    const isHome = c.type === 'view' && b.view?.type === 'home';
    const channel = c.channel_id ?? b.channel?.id;
    const messageTs = c.message_ts ?? b.message?.ts;
    const root = c.thread_ts ?? (b.message?.thread_ts as string | undefined) ?? messageTs;
    const fromBlock = parseBlockId(a.block_id)?.threadKey;
    const threadKey = isHome ? homeThreadKey(userId) : (fromBlock ?? (channel && root ? slackThreadRef(channel, root) : `slack:user:${userId}`));
    const ephemeral = Boolean(c.is_ephemeral);
    const replyTarget: Target = !ephemeral && channel && root ? { kind: 'thread', client, channel, threadTs: root, user: userId, dm: channel.startsWith('D') } : { kind: 'respond', respond };
    let locale: Locale = 'en';
    try {
      const { tenantId, lookup } = await turn.whoIs({ teamId, enterpriseId, userId, channel, isDm: channel?.startsWith('D'), client });
      if (!lookup.ok) return await send.sendPlain({ kind: 'respond', respond }, refusal(lookup.reason, locale));
      const actor = lookup.actor;
      locale = actor.locale;

      if (value.startsWith('edit:interaction:') && b.trigger_id && actor.kind === 'user') {
        const id = value.slice('edit:interaction:'.length);
        // Prefill only your own note; saving checks access either way.
        const current = await services.interactions.ownSummary(actor, id);
        const origin: ModalOrigin = {
          team: teamId,
          channel,
          messageTs,
          threadTs: root,
          threadKey,
          blockId: a.block_id,
          id,
          ...(ephemeral && b.response_url ? { responseUrl: b.response_url } : {}),
        };
        await client.views.open({ trigger_id: b.trigger_id, view: editInteractionModal(locale, current ?? '', origin) });
        return;
      }

      if (value.startsWith(MORE_PREFIX)) {
        const key = value.slice(MORE_PREFIX.length);
        // Taken, not read: of two presses at once, one posts the next page.
        const rest = await services.dialogs.take<MoreState>(tenantId, moreStore(actor), key);
        await stripPressed(b, a, [], client, respond, undefined);
        if (!rest) return await send.sendPlain(replyTarget, { kind: 'info', text: L(locale, 'That list has expired; please ask again.', '该列表已过期，请重新查询。') });
        await send.send(replyTarget, await send.render({ kind: 'list', text: '', sections: rest.sections, actions: rest.actions }, actor, tenantId, threadKey, { offset: rest.offset }));
        return;
      }

      const result = await chat.handle({ actor, channel: 'slack', threadKey, text: '', action: value, messageId: `slack:${teamId}:${channel ?? 'home'}:${a.action_ts}` });
      if (isHome && actor.kind === 'user') {
        const notice = result.replies.map((r) => r.text).join(' ');
        await client.views.publish({ user_id: userId, view: await buildHomeView(services, actor, { notice }) });
        return;
      }
      const [first, ...others] = result.replies;
      if (value.startsWith('say:') || !first || !messageTs || !channel) {
        // Navigation ("Open account"): the list stays as it is; the answer goes in the thread.
        await send.sendReplies(replyTarget, result.replies, actor, tenantId, threadKey);
        return;
      }
      // Replace the pressed buttons with the outcome instead of piling up messages.
      const budget = MAX_BLOCKS - ((b.message?.blocks as Block[] | undefined)?.length ?? 0) - 1;
      const outcome = await send.render(first, actor, tenantId, threadKey, { maxBlocks: Math.max(budget, 1) });
      const updated = budget >= outcome.blocks.length ? await stripPressed(b, a, outcome.blocks, client, respond, outcome.text) : false;
      if (!updated) {
        await stripPressed(b, a, [], client, respond, undefined);
        // A message of its own has the whole block budget (squeezed, the outcome may be a bare More).
        await send.send(replyTarget, budget >= outcome.blocks.length ? outcome : await send.render(first, actor, tenantId, threadKey));
      }
      await send.sendReplies(replyTarget, others, actor, tenantId, threadKey);
    } catch (err) {
      await turn.failed(err, locale, replyTarget);
    }
  }

  /** Updates the message whose button was pressed: that group's buttons out, `outcome` in. */
  async function stripPressed(
    b: Press,
    a: ButtonAction,
    outcome: Block[],
    client: webApi.WebClient,
    respond: RespondFn,
    text: string | undefined,
  ): Promise<boolean> {
    const c = b.container as Container;
    const channel = c.channel_id ?? b.channel?.id;
    const ts = c.message_ts ?? b.message?.ts;
    const original = b.message?.blocks as Block[] | undefined;
    if (!channel || !ts || !original) return false;
    const blocks = afterPress(original, a.block_id, outcome, a.text?.text);
    if (!blocks) return false;
    const fallback = text ?? b.message?.text ?? ' ';
    try {
      if (c.is_ephemeral) await respond({ replace_original: true, text: fallback, blocks });
      else await client.chat.update({ channel, ts, text: fallback, blocks });
      return true;
    } catch (err) {
      log.warn({ err }, 'could not update the Slack message after a button press');
      return false;
    }
  }
}
