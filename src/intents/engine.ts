// The conversation loop: button presses and pending questions first, then parse, dispatch to an
// intent handler, keep or clear the dialog state, and turn domain refusals into plain replies in
// the user's language. Channel-free: adapters hand in an InboundMessage and render the replies.
import type { ActorDirectory } from '../domain/identity/actor-directory.ts';
import { DomainError, type Locale } from '../domain/shared/errors.ts';
import type { Logger } from '../infra/logger.ts';
import type { Services } from '../services.ts';
import type { Entities, IntentName, ParseResult } from './parser/index.ts';
import type { IntentParser } from './parser-port.ts';
import type { ChatHandler, ChatResult, InboundMessage } from './types.ts';
import { L, type Handler, type HandlerContext, type HandlerResult, type Pending, type Resolved } from './handlers/context.ts';
import { applyChoice } from './handlers/resolve.ts';
import { ACTION_HANDLERS, CUSTOMER_INTENTS, HANDLERS } from './handlers/index.ts';
import { READ_ONLY_INTENTS } from './catalogue.ts';

export interface ChatDeps {
  services: Services;
  actors: ActorDirectory;
  parser: IntentParser;
  logger: Logger;
  /** Called after a write committed (nudges the Outbox relay). */
  onCommit?: () => void;
  /** A short-lived sign-in link to the manager dashboard. */
  dashboardLink?: (tenantId: string, userId: string) => string;
}

const DASHBOARD = /^(open (the )?)?dashboard[.!]?$|^(打开)?(仪表盘|看板)$/i;

/**
 * Set on an error (not a refusal) that escaped a handler which may write. A connection lost while
 * a write statement or its COMMIT was in flight leaves the write's outcome unknown: the server may
 * have done it without the client hearing so. Adapters then must not say "nothing was recorded"
 * (src/bots/unavailable.ts reads this mark); before a handler runs, nothing can have been written.
 */
export const WRITE_IN_FLIGHT = Symbol.for('rapport.writeInFlight');
/** Intents that only read: an error in them cannot leave a half-known write behind. */
const READ_ONLY = READ_ONLY_INTENTS;

function markWriteInFlight(err: unknown): void {
  if (err && typeof err === 'object' && Object.isExtensible(err)) (err as Record<symbol, unknown>)[WRITE_IN_FLIGHT] = true;
}

const ORDINALS: [RegExp, number][] = [
  [/^(the )?(first|1st)( one)?$|^第一(个|位|项)?$/i, 0],
  [/^(the )?(second|2nd)( one)?$|^第二(个|位|项)?$/i, 1],
  [/^(the )?(third|3rd)( one)?$|^第三(个|位|项)?$/i, 2],
  [/^(the )?(fourth|4th)( one)?$|^第四(个|位|项)?$/i, 3],
  [/^(the )?(fifth|5th)( one)?$|^第五(个|位|项)?$/i, 4],
];
const YES = /^(y|yes|yep|ok|okay|sure|confirm|go ahead|do it|是|是的|好|好的|确认|确定|可以)[.!。！]?$/i;
const NO = /^(n|no|nope|don't|do not|否|不|不要|不用)[.!。！]?$/i;
const CANCEL = /^(cancel|stop|never ?mind|forget it|取消|算了|不用了)[.!。！]?$/i;

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

export function pickIndex(text: string, p: Extract<Pending, { type: 'choose' }>): number | null {
  const t = text.trim().replace(/[.!。！]$/, '');
  const n = /^#?(\d{1,2})$/.exec(t);
  if (n) {
    const i = Number(n[1]) - 1;
    return i >= 0 && i < p.candidates.length ? i : null;
  }
  for (const [re, i] of ORDINALS) if (re.test(t) && i < p.candidates.length) return i;
  if (/^(the )?last( one)?$|^最后一(个|位)$/i.test(t)) return p.candidates.length - 1;
  const lower = t.toLowerCase();
  if (lower.length < 2) return null;
  const hits = p.candidates
    .map((c, i) => ({ i, hay: `${c.label} ${c.detail ?? ''}`.toLowerCase() }))
    .filter(({ hay }) => hay.includes(lower) || lower.split(/\s+/).filter((w) => w.length > 2).every((w) => hay.includes(w)));
  return hits.length === 1 ? hits[0]!.i : null;
}

export function createChatHandler(deps: ChatDeps): ChatHandler {
  const { services, parser, logger } = deps;

  async function run(ctx: HandlerContext, intent: IntentName, entities: Entities, resolved: Resolved): Promise<HandlerResult> {
    if (ctx.actor.kind === 'contact' && !CUSTOMER_INTENTS.has(intent)) {
      return {
        replies: [
          {
            kind: 'error',
            text: L(ctx.lang, 'As a customer you can answer surveys sent to you or unsubscribe; everything else is for the sales team.', '作为客户，你可以回答发给你的调查或退订；其他操作仅限销售团队。'),
          },
        ],
      };
    }
    const handler: Handler = HANDLERS[intent];
    return guard(ctx, intent, () => handler(ctx, entities, resolved));
  }

  /** Domain refusals become a plain reply in the user's language; anything else propagates. */
  async function guard(ctx: HandlerContext, what: string, fn: () => Promise<HandlerResult>): Promise<HandlerResult> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof DomainError) {
        logger.info({ code: err.code, what, err: err.message }, 'request refused by the domain');
        return { replies: [{ kind: 'error', text: err.userMessage(ctx.lang) }] };
      }
      if (!READ_ONLY.has(what)) markWriteInFlight(err);
      throw err;
    }
  }

  async function handle(msg: InboundMessage): Promise<ChatResult> {
    const now = msg.now ?? new Date();
    const { actor } = msg;
    const actorKey = actor.kind === 'user' ? actor.userId : `contact:${actor.contactId}`;
    const pending = await services.dialogs.get<Pending>(actor.tenantId, actorKey, msg.threadKey);
    // Well-formed UTF-16 (a lone surrogate cannot be stored: PostgreSQL refuses it in JSON), also after the cut.
    const text = msg.text.toWellFormed().trim().slice(0, 4000).toWellFormed();
    const baseCtx = (lang: Locale, overrides: Partial<HandlerContext> = {}): HandlerContext => ({
      services,
      actor,
      message: msg,
      lang,
      now,
      tz: actor.timezone,
      text,
      sourceMessageId: msg.messageId,
      ...overrides,
    });

    const finish = async (result: HandlerResult, intent: string, hadPending: boolean): Promise<ChatResult> => {
      try {
        if (result.pending) await services.dialogs.set(actor.tenantId, actorKey, msg.threadKey, result.pending);
        else if (hadPending) await services.dialogs.clear(actor.tenantId, actorKey, msg.threadKey);
      } catch (err) {
        // The handler's write is committed: the user must hear that it was recorded, not "nothing
        // was recorded" because the database went away a moment later. A question left behind is
        // harmless: answering it again resumes with its original message id, which the write
        // already used (a duplicate is reported as "Already logged"), and it expires.
        if (!result.wrote) throw err;
        logger.warn({ err, intent }, 'dialog state not updated after a committed write');
      }
      if (result.wrote) deps.onCommit?.();
      return { replies: result.replies.map((r) => ({ ...r, intent: r.intent ?? intent })) };
    };

    /** Continue the intent a pending question belongs to, in the language it was asked in. */
    const resume = async (p: Pending, entities: Entities, resolved: Resolved) =>
      finish(await run(baseCtx(p.lang, { text: p.text, sourceMessageId: p.sourceMessageId ?? msg.messageId }), p.intent, entities, resolved), p.intent, true);

    // 1. Button presses.
    if (msg.action) {
      const [verb, ...args] = msg.action.split(':');
      const lang = pending?.lang ?? actor.locale;
      switch (verb) {
        case 'choose': {
          if (pending?.type !== 'choose') return finish({ replies: [{ kind: 'info', text: L(lang, 'That question has expired; please ask again.', '这个问题已过期，请重新发送。') }] }, 'choose', false);
          const resolved = applyChoice(pending, Number(args[0]));
          if (!resolved) return finish({ replies: [{ kind: 'error', text: L(lang, 'That choice is not on the list.', '该选项不在列表中。') }] }, 'choose', false);
          return resume(pending, pending.entities, resolved);
        }
        case 'confirm':
          if (pending?.type !== 'confirm') return finish({ replies: [{ kind: 'info', text: L(lang, 'Nothing is waiting for confirmation.', '没有需要确认的操作。') }] }, 'confirm', false);
          if (args[0] === 'yes') return resume(pending, pending.entities, { ...pending.resolved, confirmed: true });
          return finish({ replies: [{ kind: 'info', text: L(lang, 'Cancelled; nothing was changed.', '已取消，没有做任何修改。') }] }, 'cancel', true);
        case 'cancel':
          return finish({ replies: [{ kind: 'info', text: pending ? L(lang, 'Cancelled.', '已取消。') : L(lang, 'Nothing to cancel.', '没有需要取消的操作。') }] }, 'cancel', Boolean(pending));
        case 'undo':
          return finish(await run(baseCtx(lang), 'undo', {}, {}), 'undo', false);
        case 'task': {
          const [op, taskId] = args;
          if (op === 'reschedule') {
            return finish(
              {
                replies: [{ kind: 'question', text: L(lang, 'When should it be due instead? For example "Friday 3pm".', '改到什么时候？例如“周五下午三点”。') }],
                pending: { type: 'slot', intent: 'snooze_task', entities: {}, resolved: { taskId: taskId ?? '' }, slot: 'due', lang, text: '', sourceMessageId: msg.messageId },
              },
              'snooze_task',
              false,
            );
          }
          const intent: IntentName = op === 'done' ? 'complete_task' : 'snooze_task';
          return finish(await run(baseCtx(lang), intent, {}, { taskId: taskId ?? '' }), intent, false);
        }
        case 'say':
          return handle({ ...msg, action: undefined, text: args.join(':') });
        default: {
          const h = ACTION_HANDLERS[verb ?? ''];
          if (!h) return finish({ replies: [{ kind: 'error', text: L(lang, 'That button is not recognised.', '无法识别该按钮。') }] }, 'action', false);
          const result = await guard(baseCtx(lang, { text: '' }), verb ?? 'action', () => h(baseCtx(lang, { text: '' }), args, pending));
          return finish(result, verb ?? 'action', false);
        }
      }
    }

    if (!text) return { replies: [] };

    // 2. Cancel ends any dialog.
    if (CANCEL.test(text)) {
      const lang: Locale = /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
      return finish({ replies: [{ kind: 'info', text: pending ? L(lang, 'Cancelled.', '已取消。') : L(lang, 'Nothing to cancel.', '没有需要取消的操作。') }] }, 'cancel', Boolean(pending));
    }

    /** "Huashan" picks the candidate at 华山医院: resolve the answer and match ids or accounts. */
    const pickByName = async (answer: string, p: Extract<Pending, { type: 'choose' }>): Promise<number | null> => {
      if (actor.kind !== 'user' || !p.candidates.some((c) => c.kind === 'contact' || c.kind === 'account')) return null;
      const r = await services.resolution.resolve(actor, answer, { kind: 'any' });
      const ids = r.status === 'found' ? [r.match] : r.status === 'ambiguous' ? r.candidates : [];
      const hits = new Set<number>();
      p.candidates.forEach((c, i) => {
        if (ids.some((m) => m.id === c.id || (c.accountId && (m.id === c.accountId || m.accountId === c.accountId)))) hits.add(i);
      });
      return hits.size === 1 ? [...hits][0]! : null;
    };

    if (DASHBOARD.test(text) && deps.dashboardLink) {
      const lang: Locale = /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
      if (actor.kind !== 'user' || actor.role === 'rep') {
        return finish({ replies: [{ kind: 'error', text: L(lang, 'The dashboard is for managers and admins.', '仪表盘仅供经理和管理员使用。') }] }, 'dashboard', false);
      }
      const link = deps.dashboardLink(actor.tenantId, actor.userId);
      // private: adapters send it to this person only (never into a channel); the link signs in once.
      return finish({ replies: [{ kind: 'info', private: true, text: L(lang, `Your dashboard (this link works once, for 5 minutes): ${link}`, `你的仪表盘（链接仅可使用一次，5 分钟内有效）：${link}`) }] }, 'dashboard', false);
    }

    const parsed: ParseResult = await parser.parse(text, { now, tz: actor.timezone });
    const confidentNew = parsed.intent !== 'unknown' && parsed.intent !== 'survey_response' && parsed.confidence >= 0.8;

    // 3. An answer to a pending question.
    if (pending) {
      if (pending.type === 'choose') {
        const i = pickIndex(text, pending) ?? (await pickByName(text, pending));
        if (i !== null) return resume(pending, pending.entities, applyChoice(pending, i)!);
        if (!confidentNew) {
          const n = pending.candidates.length;
          return finish(
            { replies: [{ kind: 'question', text: L(pending.lang, `Please pick 1–${n}, name one of them, or say "cancel".`, `请选择 1–${n}，说出其中一个名称，或回复“取消”。`) }], pending },
            pending.intent,
            true,
          );
        }
      } else if (pending.type === 'confirm') {
        if (YES.test(text)) return resume(pending, pending.entities, { ...pending.resolved, confirmed: true });
        if (NO.test(text)) return finish({ replies: [{ kind: 'info', text: L(pending.lang, 'Cancelled; nothing was changed.', '已取消，没有做任何修改。') }] }, 'cancel', true);
        if (!confidentNew) {
          return finish({ replies: [{ kind: 'question', text: L(pending.lang, 'Please answer yes or no.', '请回答“是”或“否”。') }], pending }, pending.intent, true);
        }
      } else if (pending.type === 'slot' && (!confidentNew || parsed.intent === pending.intent)) {
        const e: Entities = { ...pending.entities };
        switch (pending.slot) {
          case 'contact':
            e.contact = parsed.entities.contact ?? text;
            break;
          case 'account':
            e.account = parsed.entities.account ?? text;
            break;
          case 'name':
            if (pending.intent === 'create_account') e.account = text;
            else e.contact = text;
            break;
          case 'due': {
            const due = parsed.entities.due ?? parsed.entities.when;
            if (!due) {
              return finish({ replies: [{ kind: 'question', text: L(pending.lang, 'Sorry, when? For example "tomorrow 3pm" or "next Tuesday".', '抱歉，什么时候？例如“明天下午三点”或“下周二”。') }], pending }, pending.intent, true);
            }
            e.due = due;
            break;
          }
          case 'summary':
            e.summary = text;
            break;
          case 'score':
            e.score = parsed.entities.score;
            e.summary = parsed.entities.summary;
            break;
          case 'stage':
            Object.assign(e, pick(parsed.entities, ['stage', 'amount', 'currency', 'due']));
            break;
          case 'amount':
            if (parsed.entities.amount === undefined) {
              return finish({ replies: [{ kind: 'question', text: L(pending.lang, 'Sorry, how much? For example "$50k" or "5万".', '抱歉，金额是多少？例如“5万”或“$50k”。') }], pending }, pending.intent, true);
            }
            Object.assign(e, pick(parsed.entities, ['amount', 'currency']));
            break;
        }
        return resume(pending, e, pending.resolved);
      }
      // Otherwise the user moved on: drop the question and handle the new message.
    }

    const ctx = baseCtx(parsed.language);
    logger.debug({ intent: parsed.intent, confidence: parsed.confidence, route: (parsed as { route?: string }).route }, 'parsed');
    return finish(await run(ctx, parsed.intent, parsed.entities, {}), parsed.intent, Boolean(pending));
  }

  return { handle };
}
