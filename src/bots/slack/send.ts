// Sending a turn's replies to Slack: in the thread (updating a "Working on it…" placeholder when
// there is one), as an ephemeral answer through response_url, or privately to the asker alone.
// Lists longer than a message hold get a "More" button whose pages wait in the dialog state.
import { randomUUID } from 'node:crypto';
import type { RespondArguments, webApi } from '@slack/bolt';
import type { Actor } from '../../domain/shared/actor.ts';
import type { Locale } from '../../domain/shared/errors.ts';
import { L } from '../../domain/shared/locale.ts';
import type { MessageAction } from '../../domain/shared/ports.ts';
import type { Logger } from '../../infra/logger.ts';
import type { Reply, ReplySection } from '../../intents/types.ts';
import type { Services } from '../../services.ts';
import { plainSection, renderReply, type RenderedMessage } from './blocks.ts';

/** Posts an ephemeral or replacing message (Bolt's `respond`, or a stored response_url). */
export type RespondFn = (msg: RespondArguments) => Promise<unknown>;

/** Where a turn's answer goes. */
export type Target =
  | { kind: 'thread'; client: webApi.WebClient; channel: string; threadTs: string; placeholderTs?: string | undefined; user?: string | undefined; dm?: boolean | undefined }
  | { kind: 'respond'; respond: RespondFn };

/** The rest of a long list, kept for its "More" button. */
export interface MoreState {
  sections: ReplySection[];
  actions: MessageAction[][];
  offset: number;
}

const MORE_TTL_MS = 24 * 3600_000;

/** The dialog-state store of one person's "More" pages. */
export const moreStore = (a: Actor) => `slack-more:${a.kind === 'user' ? a.userId : `contact:${a.contactId}`}`;

/** Posts to a response_url (valid 30 minutes, 5 uses): ephemeral answers to shortcuts and modals. */
export function responseUrlSender(url: string): RespondFn {
  return async (msg) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(msg) });
    if (!res.ok) throw new Error(`response_url answered ${res.status}`);
  };
}

export type Sender = ReturnType<typeof createSender>;

export function createSender(deps: { services: Pick<Services, 'dialogs'>; log: Logger; slowReplyMs: number }) {
  const { services, log } = deps;

  async function render(
    reply: Reply,
    actor: Actor,
    tenantId: string,
    threadKey: string,
    extra: { offset?: number; maxBlocks?: number } = {},
  ): Promise<RenderedMessage> {
    let key: string | undefined;
    const r = renderReply(reply, {
      threadKey,
      locale: actor.locale,
      moreKey: () => (key = randomUUID().replace(/-/g, '').slice(0, 20)),
      ...extra,
    });
    if (r.rest && key) await services.dialogs.set(tenantId, moreStore(actor), key, r.rest, MORE_TTL_MS);
    return r.first;
  }

  async function send(target: Target, msg: RenderedMessage): Promise<void> {
    if (target.kind === 'respond') {
      await target.respond({ response_type: 'ephemeral', replace_original: false, text: msg.text, blocks: msg.blocks });
      return;
    }
    if (target.placeholderTs) {
      const ts = target.placeholderTs;
      target.placeholderTs = undefined;
      await target.client.chat.update({ channel: target.channel, ts, text: msg.text, blocks: msg.blocks });
      return;
    }
    await target.client.chat.postMessage({
      channel: target.channel,
      thread_ts: target.threadTs,
      text: msg.text,
      blocks: msg.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  }

  async function sendReplies(target: Target, replies: Reply[], actor: Actor, tenantId: string, threadKey: string): Promise<void> {
    for (const reply of replies) {
      if (reply.private) await sendPrivately(target, reply, actor, tenantId, threadKey);
      else await send(target, await render(reply, actor, tenantId, threadKey));
    }
  }

  /**
   * A reply for the asker alone (a sign-in link). A DM or a /crm answer (ephemeral already) gets it
   * as is; in a channel it goes to them only — ephemeral in the thread, else a DM — and the thread
   * hears that it was sent directly. It is never posted where the channel can read it.
   */
  async function sendPrivately(target: Target, reply: Reply, actor: Actor, tenantId: string, threadKey: string): Promise<void> {
    if (target.kind === 'respond' || target.dm) return send(target, await render(reply, actor, tenantId, threadKey));
    const lang: Locale = /\p{Script=Han}/u.test(reply.text) ? 'zh' : actor.locale;
    const msg = await render(reply, actor, tenantId, threadKey);
    let sent = false;
    if (target.user) {
      try {
        await target.client.chat.postEphemeral({ channel: target.channel, user: target.user, thread_ts: target.threadTs, text: msg.text, blocks: msg.blocks });
        sent = true;
      } catch (err) {
        log.info({ err: (err as Error).message }, 'private reply: ephemeral message refused; sending a DM');
        try {
          const dm = await target.client.conversations.open({ users: target.user });
          if (dm.channel?.id) {
            await target.client.chat.postMessage({ channel: dm.channel.id, text: msg.text, blocks: msg.blocks, unfurl_links: false, unfurl_media: false });
            sent = true;
          }
        } catch (e) {
          log.warn({ err: (e as Error).message }, 'private reply: could not reach the person directly');
        }
      }
    }
    const notice = sent
      ? L(lang, "I've sent it to you directly.", '已私信发给你。')
      : L(lang, 'I can only send that to you directly: message me in a DM and ask again.', '这个只能私下发给你：请在私信里再问我一次。');
    await send(target, { text: notice, blocks: plainSection(notice) });
  }

  /** A reply that needs no actor (errors before we know who it is). */
  async function sendPlain(target: Target, reply: Reply): Promise<void> {
    try {
      await send(target, { text: reply.text, blocks: plainSection(reply.text) });
    } catch (err) {
      log.warn({ err }, 'could not send a Slack message');
    }
  }

  /** Posts "Working on it…" when `work` takes longer than slowReplyMs; the answer then replaces it. */
  async function placeholderIfSlow(work: Promise<unknown>, target: Target, locale: () => Locale): Promise<void> {
    if (target.kind !== 'thread') return;
    let timer: NodeJS.Timeout | undefined;
    const slow = await Promise.race([
      work.then(
        () => false,
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), deps.slowReplyMs);
      }),
    ]);
    clearTimeout(timer);
    if (!slow) return;
    const text = L(locale(), 'Working on it…', '正在处理…');
    const res = await target.client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, text, blocks: plainSection(text) });
    target.placeholderTs = res.ts;
  }

  return { render, send, sendReplies, sendPlain, placeholderIfSlow };
}
