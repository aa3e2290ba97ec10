// The Teams bot: personal chat, @mentions in channels and group chats, card buttons (Universal
// Actions invokes and Action.Submit messages), installs and removals. Every turn goes to the
// channel-neutral ChatHandler; this file only knows Teams.
import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type CloudAdapter,
  type ConversationReference as BfReference,
} from 'botbuilder';
import type { Actor } from '../../domain/shared/actor.ts';
import type { EventClaimService } from '../../domain/conversations/event-claims.ts';
import type { Locale } from '../../domain/shared/errors.ts';
import type { Logger } from '../../infra/logger.ts';
import type { ChatHandler, InboundMessage, Reply } from '../../intents/types.ts';
import { isDatabaseDown, unavailableReply } from '../unavailable.ts';
import { CARD_CONTENT_TYPE, cardAttachment, noticeCard, readCardAction, replyActivity, replyCard } from './cards.ts';
import { TeamsDirectory, teamsTenantIdOf, type TeamsTenant } from './identity.ts';
import { proactive } from './delivery.ts';
import { threadRefOf, type TeamsReferences } from './references.ts';
import { L } from '../../domain/shared/locale.ts';

export interface TeamsBotDeps {
  claims: EventClaimService;
  chat: ChatHandler;
  logger: Logger;
  directory: TeamsDirectory;
  refs: TeamsReferences;
  adapter: CloudAdapter;
  appId: string;
  /** Azure AD tenant ids (lower case) allowed to use this bot; null allows every tenant. */
  allowedTenants: ReadonlySet<string> | null;
  /** No app id (Emulator mode): activities without a tenant id are accepted as tenant 'emulator'. */
  authDisabled: boolean;
  /**
   * Longest the bot works inside one turn before answering "still working" and posting the
   * result proactively (Teams gives a turn 15 s). @defaultValue 11_000
   */
  turnBudgetMs?: number;
  /** The new-workspace welcome for a first contact (src/intents/welcome.ts); none without it. */
  welcome?: (actor: Actor) => Promise<Reply[]>;
}

type Mode = 'message' | 'submit' | 'invoke';
interface Input {
  text: string;
  action?: string | undefined;
  comment?: string | undefined;
}

const localeOf = (ctx: TurnContext): Locale => ((ctx.activity.locale ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en');
const TIMEOUT = Symbol('timeout');

/**
 * Text of a message with the bot's @mention (and any stray <at> tags) removed. Works for every
 * Bot Framework client — Teams, Web Chat / Direct Line, the Emulator — whether or not the activity
 * carries `recipient`, mention entities or `channelData` (botbuilder's
 * TurnContext.removeRecipientMention throws without a recipient and on malformed entities).
 */
export function messageText(activity: { text?: unknown; entities?: unknown; recipient?: { id?: unknown } | undefined }): string {
  let text = typeof activity.text === 'string' ? activity.text : '';
  const botId = activity.recipient?.id;
  for (const e of Array.isArray(activity.entities) ? activity.entities : []) {
    const m = e as { type?: unknown; text?: unknown; mentioned?: { id?: unknown; role?: unknown } } | null;
    if (!m || typeof m.type !== 'string' || m.type.toLowerCase() !== 'mention' || typeof m.text !== 'string' || !m.text) continue;
    const toBot = botId ? m.mentioned?.id === botId : m.mentioned?.role === 'bot';
    if (toBot) text = text.replace(m.text, ' ');
  }
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Channels other than Teams that speak the Bot Framework protocol to /api/messages. */
const isTeams = (ctx: TurnContext) => ctx.activity.channelId === 'msteams';

export class RapportTeamsBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsBotDeps) {
    super();

    this.onMessage(async (ctx, next) => {
      const submitted = readCardAction(ctx.activity.value);
      if (submitted && !ctx.activity.text?.trim()) {
        await this.submit(ctx, submitted);
      } else {
        const text = messageText(ctx.activity);
        if (text) await this.reply(ctx, await this.turn(ctx, { text }, 'message'), 'message');
      }
      await next();
    });

    this.onMembersAdded(async (ctx, next) => {
      const botAdded = (ctx.activity.membersAdded ?? []).some((m) => m.id === ctx.activity.recipient?.id);
      if (botAdded) await this.installed(ctx, true);
      await next();
    });

    this.onInstallationUpdate(async (ctx, next) => {
      const action = String(ctx.activity.action ?? '');
      if (action.startsWith('remove')) await this.uninstalled(ctx);
      else await this.installed(ctx, false);
      await next();
    });
  }

  // -- card buttons -------------------------------------------------------------------------

  /** Universal Actions: the invoke's response replaces the card the button was on. */
  override async onAdaptiveCardInvoke(ctx: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const card = (c: object): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: CARD_CONTENT_TYPE, value: c as AdaptiveCardInvokeResponse['value'] });
    const pressed = readCardAction(invokeValue.action?.data);
    if (!pressed) return card(noticeCard(L(localeOf(ctx), 'That button is not recognised.', '无法识别该按钮。')));
    try {
      const replies = await this.turn(ctx, { text: '', action: pressed.value, comment: pressed.comment }, 'invoke');
      if (replies === null) return card(noticeCard(L(localeOf(ctx), 'Already done.', '已处理。')));
      const [first, ...rest] = replies;
      for (const r of rest) await ctx.sendActivity(replyActivity(r));
      return card(first ? replyCard(first) : noticeCard(L(localeOf(ctx), 'Done.', '完成。')));
    } catch (err) {
      this.deps.logger.error({ err }, 'Teams card action failed');
      return card(replyCard({ kind: 'error', text: L(localeOf(ctx), 'Something went wrong on our side; it has been logged.', '我们这边出了点问题，已记录。') }));
    }
  }

  /** Action.Submit (clients without Universal Actions): update the card it came from. */
  private async submit(ctx: TurnContext, pressed: { value: string; comment?: string }): Promise<void> {
    const replies = await this.turn(ctx, { text: '', action: pressed.value, comment: pressed.comment }, 'submit');
    await this.reply(ctx, replies, 'submit');
  }

  // -- install / remove ---------------------------------------------------------------------

  private async installed(ctx: TurnContext, welcome: boolean): Promise<void> {
    const scope = await this.scope(ctx);
    if (!scope) return;
    try {
      const personal = this.isPersonal(ctx);
      const resolved = personal ? await this.deps.directory.actor(ctx, scope.tenant) : null;
      const owner = resolved && 'actor' in resolved ? resolved.actor : null;
      await this.deps.refs.save(scope.tenant.id, TurnContext.getConversationReference(ctx.activity), owner);
      this.deps.logger.info({ tenantId: scope.tenant.id, conversationType: ctx.activity.conversation?.conversationType, owner: Boolean(owner) }, 'Teams conversation reference stored');
      if (!welcome || !(await this.claim(ctx, scope.tenant.id))) return;
      // The first person of a new organisation: how to fill the empty CRM instead of the hello.
      const first = owner ? ((await this.deps.welcome?.(owner)) ?? []) : [];
      if (first.length) {
        for (const r of first) await ctx.sendActivity(replyActivity(r));
        return;
      }
      const lang = owner?.locale ?? localeOf(ctx);
      const hello: Reply = {
        kind: 'info',
        text: personal
          ? L(lang, "Hi, I'm Rapport, your CRM in Teams. Tell me what happened and I'll keep the record.", '你好，我是 Rapport，你在 Teams 里的 CRM。告诉我发生了什么，我来记录。')
          : L(lang, "Hi, I'm Rapport. @mention me with what happened and I'll keep the record.", '你好，我是 Rapport。@我并告诉我发生了什么，我来记录。'),
      };
      // The engine's own help (in the person's language) shows what to say.
      const help = owner
        ? await this.deps.chat.handle({ actor: owner, channel: 'teams', threadKey: threadRefOf(ctx.activity.conversation.id), text: 'help' }).catch(() => ({ replies: [] as Reply[] }))
        : { replies: [] as Reply[] };
      for (const r of [hello, ...help.replies.slice(0, 1)]) await ctx.sendActivity(replyActivity(r));
    } catch (err) {
      if (!isDatabaseDown(err)) throw err;
      this.deps.logger.warn({ err: (err as Error).message }, 'database down during Teams install; reference not stored');
    }
  }

  private async uninstalled(ctx: TurnContext): Promise<void> {
    const scope = await this.scope(ctx, { quiet: true });
    if (!scope) return;
    await this.deps.refs.remove(scope.tenant.id, ctx.activity.conversation.id);
    this.deps.logger.info({ tenantId: scope.tenant.id }, 'Rapport removed from a Teams conversation; reference dropped');
  }

  // -- the turn -----------------------------------------------------------------------------

  private isPersonal(ctx: TurnContext): boolean {
    const c = ctx.activity.conversation;
    return c?.conversationType === 'personal' || (!c?.isGroup && !c?.conversationType);
  }

  /** Tenant checks: allow-list and first-contact creation. Replies itself when refusing. */
  private async scope(ctx: TurnContext, opts: { quiet?: boolean } = {}): Promise<{ tenant: TeamsTenant } | null> {
    // Without an Azure AD tenant: the Emulator and local Direct Line clients share the 'emulator'
    // tenant (no app id: loopback only); behind Azure Bot Service, Web Chat / Direct Line users of
    // this bot share one tenant per channel ('channel:webchat', 'channel:directline').
    const channel = typeof ctx.activity.channelId === 'string' ? ctx.activity.channelId : '';
    const external = teamsTenantIdOf(ctx.activity) ?? (this.deps.authDisabled ? 'emulator' : channel && !isTeams(ctx) ? `channel:${channel}` : undefined);
    const lang = localeOf(ctx);
    if (!external) {
      this.deps.logger.warn({ channelId: ctx.activity.channelId }, 'Teams activity without a tenant id ignored');
      return null;
    }
    if (this.deps.allowedTenants && !this.deps.allowedTenants.has(external.toLowerCase())) {
      this.deps.logger.warn({ teamsTenant: external }, 'Teams tenant not in TEAMS_ALLOWED_TENANTS; refused');
      if (!opts.quiet && ctx.activity.type === 'message') {
        await ctx.sendActivity(replyActivity({ kind: 'error', text: L(lang, 'Rapport is not enabled for your organisation. Ask your administrator.', '你的组织尚未启用 Rapport，请联系管理员。') }));
      }
      return null;
    }
    return { tenant: await this.deps.directory.tenant(external) };
  }

  /** Records the activity as processed; false when it already was (a retry or duplicate). */
  private async claim(ctx: TurnContext, tenantId: string): Promise<boolean> {
    const id = ctx.activity.id;
    if (!id) return true;
    return (await this.deps.claims.claim('teams', `${ctx.activity.conversation.id}:${id}`, tenantId)) === 'claimed';
  }

  private async release(ctx: TurnContext): Promise<void> {
    const id = ctx.activity.id;
    if (!id) return;
    await this.deps.claims
      .release('teams', `${ctx.activity.conversation.id}:${id}`)
      .catch((err: unknown) => this.deps.logger.warn({ err: (err as Error).message }, 'could not release a Teams event claim'));
  }

  /**
   * Resolves who is talking, stores the conversation reference, claims the activity id and runs
   * the ChatHandler. Returns the replies, or null for a duplicate activity (nothing to say).
   */
  private async turn(ctx: TurnContext, input: Input, mode: Mode): Promise<Reply[] | null> {
    const lang = localeOf(ctx);
    let claimed = false;
    try {
      const scope = await this.scope(ctx, { quiet: mode !== 'message' });
      if (!scope) {
        return mode === 'message' ? null : [{ kind: 'error', text: L(lang, 'Rapport is not enabled for your organisation.', '你的组织尚未启用 Rapport。') }];
      }
      const resolved = await this.deps.directory.actor(ctx, scope.tenant);
      if (!resolved) return [{ kind: 'error', text: L(lang, "I can't tell who you are in this conversation.", '无法识别你的身份。') }];
      if ('refused' in resolved) {
        return [{ kind: 'error', text: L(lang, 'Your Rapport access is switched off. Ask an administrator.', '你的 Rapport 访问已停用，请联系管理员。') }];
      }
      if ('undecided' in resolved) {
        return [{ kind: 'error', text: L(lang, "I couldn't confirm who you are in your organisation just now. Please try again in a moment.", '暂时无法确认你在组织中的身份，请稍后再试。') }];
      }
      const actor = resolved.actor;
      await this.deps.refs.save(scope.tenant.id, TurnContext.getConversationReference(ctx.activity), actor);
      if (!(await this.claim(ctx, scope.tenant.id))) {
        this.deps.logger.info({ activityId: ctx.activity.id }, 'duplicate Teams activity ignored');
        return null;
      }
      claimed = true;
      const tenantId = scope.tenant.id;
      const work = this.act(ctx, actor, input).then((replies) => this.privately(ctx, tenantId, actor, replies)).catch(async (err: unknown) => {
        // Not done: let Teams' retry (or the user's resend) act on it.
        await this.release(ctx);
        throw err;
      });
      const replies = await this.withinBudget(ctx, work, lang);
      const welcome = mode === 'message' ? ((await this.deps.welcome?.(actor)) ?? []) : [];
      return [...welcome, ...replies];
    } catch (err) {
      if (claimed) await this.release(ctx);
      if (isDatabaseDown(err)) {
        this.deps.logger.warn({ err: (err as Error).message }, 'database down during a Teams turn');
        return [unavailableReply(lang, err)];
      }
      throw err;
    }
  }

  /**
   * Replies for the asker alone (a sign-in link) stay as they are in a personal chat. From a
   * channel or group chat they go to the person's personal chat with Rapport, and the
   * conversation hears that they were sent directly — or, with no personal chat yet, where to ask.
   */
  private async privately(ctx: TurnContext, tenantId: string, actor: Actor, replies: Reply[]): Promise<Reply[]> {
    if (!replies.some((r) => r.private) || this.isPersonal(ctx)) return replies;
    const out: Reply[] = [];
    for (const r of replies) {
      if (!r.private) {
        out.push(r);
        continue;
      }
      const lang: Locale = /\p{Script=Han}/u.test(r.text) ? 'zh' : actor.locale;
      const stored = await this.deps.refs.forRecipient({ tenantId, kind: actor.kind, id: actor.kind === 'user' ? actor.userId : actor.contactId });
      let sent = false;
      if (stored) {
        try {
          await proactive(this.deps.adapter, this.deps.appId, stored.reference, async (c) => {
            await c.sendActivity(replyActivity(r));
          });
          sent = true;
        } catch (err) {
          this.deps.logger.warn({ err: (err as Error).message }, 'private reply: personal chat unreachable');
        }
      }
      out.push({
        kind: 'info',
        text: sent
          ? L(lang, "I've sent it to you directly.", '已私信发给你。')
          : L(lang, 'That is for your eyes only: open a personal chat with me and ask there.', '这个只能私下发给你：请和我开一个私聊，在那里再问一次。'),
      });
    }
    return out;
  }

  private async act(ctx: TurnContext, actor: Actor, input: Input): Promise<Reply[]> {
    const conv = ctx.activity.conversation.id;
    const base: InboundMessage = {
      actor,
      channel: 'teams',
      threadKey: threadRefOf(conv),
      text: input.text,
      messageId: `teams:${conv}:${ctx.activity.id ?? Date.now()}`,
    };
    if (!input.action) return (await this.deps.chat.handle(base)).replies;
    let replies = (await this.deps.chat.handle({ ...base, text: '', action: input.action })).replies;
    // A rating pressed with the comment box filled in, or "Add a comment" with text: record the
    // comment too, through the engine's own "add a comment" question.
    const m = /^survey(-comment)?:([^:]+)/.exec(input.action);
    if (input.comment && m && !replies.some((r) => r.kind === 'error')) {
      if (!m[1]) await this.deps.chat.handle({ ...base, text: '', action: `survey-comment:${m[2]}`, messageId: `${base.messageId}:ask` });
      replies = (await this.deps.chat.handle({ ...base, text: input.comment, messageId: `${base.messageId}:comment` })).replies;
    }
    return replies;
  }

  /** Teams waits 15 s for a turn; past the budget, say so and post the result when it is ready. */
  private async withinBudget(ctx: TurnContext, work: Promise<Reply[]>, lang: Locale): Promise<Reply[]> {
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<typeof TIMEOUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMEOUT), this.deps.turnBudgetMs ?? 11_000);
    });
    try {
      const first = await Promise.race([work, budget]);
      if (first !== TIMEOUT) return first;
    } finally {
      clearTimeout(timer);
    }
    const reference = TurnContext.getConversationReference(ctx.activity);
    void work
      .catch((err: unknown): Reply[] => {
        this.deps.logger.error({ err }, 'late Teams turn failed');
        return [isDatabaseDown(err) ? unavailableReply(lang, err) : { kind: 'error', text: L(lang, 'Something went wrong on our side; it has been logged.', '我们这边出了点问题，已记录。') }];
      })
      .then((replies) => this.postLater(reference, replies))
      .catch((err: unknown) => this.deps.logger.error({ err }, 'could not post a late Teams reply'));
    return [{ kind: 'info', text: L(lang, "This is taking a moment; I'll post the answer here.", '正在处理，稍后在这里回复你。') }];
  }

  private async postLater(reference: Partial<BfReference>, replies: Reply[]): Promise<void> {
    await proactive(this.deps.adapter, this.deps.appId, reference, async (ctx) => {
      for (const r of replies) await ctx.sendActivity(replyActivity(r));
    });
  }

  /** Sends the replies: new messages, or for Action.Submit the first one replaces the card. */
  private async reply(ctx: TurnContext, replies: Reply[] | null, mode: Mode): Promise<void> {
    if (!replies?.length) return;
    let rest = replies;
    const cardId = ctx.activity.replyToId;
    if (mode === 'submit' && cardId) {
      const [first, ...others] = replies;
      try {
        await ctx.updateActivity({ id: cardId, type: 'message', conversation: ctx.activity.conversation, attachments: [cardAttachment(replyCard(first!))] });
        rest = others;
      } catch (err) {
        this.deps.logger.debug({ err: (err as Error).message }, 'could not update the submitted card; replying instead');
      }
    }
    for (const r of rest) await ctx.sendActivity(replyActivity(r));
  }
}
