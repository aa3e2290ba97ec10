// The conversation loop: button presses and pending questions first, then parse, dispatch to an
// intent handler, keep or clear the dialog state, and turn domain refusals into plain replies in
// the user's language. Channel-free: adapters hand in an InboundMessage and render the replies.
import type { ActorDirectory } from '../domain/identity/actor-directory.ts';
import { DomainError, type Locale } from '../domain/shared/errors.ts';
import { toSimplified } from '../domain/shared/han-variants.ts';
import { escapeRe } from '../domain/shared/regex.ts';
import type { Logger } from '../infra/logger.ts';
import type { Services } from '../services.ts';
import { extractEntities, normaliseText, periodSaid, type Entities, type IntentName, type ParseResult } from './parser/index.ts';
import type { IntentParser } from './parser-port.ts';
import type { ChatHandler, ChatResult, InboundMessage } from './types.ts';
import { L, type EditableEntity, type Handler, type HandlerContext, type HandlerResult, type Pending, type Resolved } from './handlers/context.ts';
import { accountForms, applyChoice } from './handlers/resolve.ts';
import { applyEdit, editableOf } from './handlers/edit.ts';
import { ACTION_HANDLERS, CUSTOMER_INTENTS, HANDLERS } from './handlers/index.ts';
import { INTENTS, READ_ONLY_INTENTS } from './catalogue.ts';
import { wellFormed } from './well-formed.ts';
import { ASK_THRESHOLD } from './thresholds.ts';
import { MAX_ANSWER_ATTEMPTS, MOVE_ON_THRESHOLD } from './dialog-limits.ts';
import { describeReading, isBareAnswer, isNewRequest, leftover, readSlotAnswer, valueOnlySaid, type ValueSaid } from './answers.ts';
import { wordsBesides } from './handlers/interactions.ts';
import { optOutChoice, typeSaidOnly } from './words.ts';

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

/** Below this a read is offered beside a write reading that is about as likely, not just done. */
const UNSURE_READ = 0.4;

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
/** Questions "and what about …?" may follow, and what they change: the rep, or the account or person asked about. */
const BY_REP: ReadonlySet<IntentName> = new Set(['pipeline_summary', 'kpi_report', 'list_tasks', 'list_at_risk']);
const BY_PARTY: ReadonlySet<IntentName> = new Set(['list_at_risk', 'account_overview', 'decision_chain']);
const FOLLOWED_ON: ReadonlySet<IntentName> = new Set([...BY_REP, ...BY_PARTY]);
const LAST_READ_TTL_MS = 10 * 60_000;
/** What a value said alone right after a write may change, by the kind of record written. */
const VALUE_FIELDS: Partial<Record<EditableEntity, ValueSaid['fields'] extends Set<infer F> ? F[] : never>> = {
  task: ['priority', 'day', 'time'],
  ticket: ['priority'],
  opportunity: ['amount', 'stage', 'day'],
  interaction: ['day', 'time'],
};
/** How long after a write a message that opens as a correction is taken to be about it. */
const JUST_WROTE_TTL_MS = 15 * 60_000;

/**
 * A message that opens as a correction (`no wait…`, `nah hang on…`, `不对…`, `唔係…`) or sets
 * what is right against what is not (`…, not on the phone`, `不是电话，是见面`).
 */
function correctionSaid(text: string): boolean {
  const t = normaliseText(text);
  return /^(?:(?:oh|ah|um+|erm|hmm+|ugh|argh|so|ok|okay|shoot|dang|darn|drat|crap|damn|dammit|bugger|blast|d'?oh|ach|och|jeez|geez|gosh)[\s,.!-]+)*(?:no+|nah|naw|nope|wait|hang on|hold on|hold up|hold (?:yew|you|your horses|it)(?: hard)?|hang about|half a mo|whoa|one sec|actually|correction|oops|whoops|sorry|my bad|scratch that|my mistake|make (?:that|it)|i meant|meant to say|(?:it|that) should (?:have been|be))\b/i.test(t)
    || /,\s*not\s+(?:on |at |in |with |a |an |the )*\w+[.!]*$/i.test(t)
    || /^(?:(?:哦|噢|啊|哎|唉|呃|嗯|不好意思|抱歉|对不起|sorry)[,，\s]*)*(?:不对|不是|错了|等等|等一下|等下|慢着|说错了|记错了|搞错了|弄错了|写错了|哦不|更正|其实)/.test(t);
}
interface LastRead { intent: IntentName; entities: Entities }

/** "and what about wang fang?", "n how about Globex", "王芳的呢？", "那协和呢": who or what the question is now about. */
/** A rep said as a pronoun (`the tasks of him`, `他的任务`). */
const REP_PRONOUN_RE = /^(?:him|her|them|his|hers|their|he|she|they|他|她|他们|她们)$/i;
/** A place pointed at rather than named (`who signs off over there`, `他们那边谁拍板`). */
const THERE_SAID_RE = /\b(?:(?:over |out |down |up )?there|that (?:account|customer|client|company|hospital|place|one)|them|their|those guys)\b|那边|那里|那儿|那家|他们那|他们家|人家那/i;

/** A question's rep or account pointed back at with a pronoun, taken from the question just answered. */
function pointedBack(intent: IntentName, e: Entities, last: LastRead, text: string): Entities {
  const out: Entities = { ...e };
  if (BY_REP.has(intent) && out.rep && REP_PRONOUN_RE.test(out.rep.trim())) {
    if (last.entities.rep) out.rep = last.entities.rep;
    else delete out.rep;
  }
  if (BY_PARTY.has(intent) && !out.account && !out.contact && THERE_SAID_RE.test(text) && (last.entities.account || last.entities.contact)) {
    if (last.entities.account) out.account = last.entities.account;
    else out.contact = last.entities.contact;
  }
  return out;
}

function followOnSaid(text: string): string | null {
  const en = /^(?:(?:and|n|&|also|ok|okay|so|right|hmm|cool|thanks|thx)[,\s]+)*(?:what|how)\s*(?:about|abt|bout)\s+(.{2,40}?)(?:[,\s]+(?:then|instead|now|too|tho|though|eh|mate|pls|please))*[\s?？.!]*$/i.exec(text.trim());
  if (en) return en[1]!.replace(/^(?:just\s+|only\s+)?(?:the\s+)?/i, '').replace(/['’]s$/i, '').trim() || null;
  const zh = /^(?:那|那么|还有|再看看?)?\s*([\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z ]{0,15}?)\s*(?:的|那边|那个|个)?(?:呢|咧|嘞)[?？。]*$/u.exec(text.trim());
  if (zh) return zh[1]!.trim();
  // `协和为啥子嘛`, `why umbrella?`: why one of those just listed is there — the same question, of it.
  const why = /^(?:那|那么)?\s*([\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z ]{1,15}?)\s*(?:为啥子?|为什么|为撒子?|咋回事|怎么回事|啥原因|什么原因)(?:嘛|呢|啊|哦|喃|哈|嘞)?[?？。]*$/u.exec(text.trim())
    ?? /^(?:(?:and|ok|so|hmm)[,\s]+)?why\s+(?:is\s+|are\s+)?([A-Za-z][\w .'-]{1,30}?)(?:['’]s)?(?:\s+(?:on there|on the list|at risk|there|then))?\s*[?!.]*$/i.exec(text.trim());
  if (why) return why[1]!.trim();
  // `and last month?`, `n this week?`: the same question, of another period.
  const period = /^(?:(?:and|n|&|also|ok|okay|so|right|what about|how about)[,\s]+)+((?:last|this|next|previous)\s+(?:week|month|quarter|year|qtr))\s*[?？.!]*$/i.exec(text.trim());
  if (period) return period[1]!;
  // `and Wang Fang's?`: the same question, of another, said as theirs.
  // (`n Wang Fang?`: the name alone, asked as a question.)
  // (`And of Alex?`, `an fi Alex?`: of or for them.)
  const theirs = /^(?:and|an|n|&)[,\s]+(?:(?:of|for|fi)\s+)?([A-Za-z][A-Za-z .'-]{1,30}?|\p{Script=Han}{2,6})(?:['’]s?\s*[?？.!]*|\s*[?？])$/iu.exec(text.trim());
  if (theirs) return theirs[1]!.trim();
  // `And Wang Fang also, same please`: the last question, of another, said after the name.
  const also = /^(?:and|n|&)?[,\s]*([A-Za-z][A-Za-z .'-]{1,30}?|\p{Script=Han}{2,6})[,\s]+(?:also|too|as well)(?:[,\s]+(?:the\s+)?same)?(?:[,\s]+(?:please|pls))?[\s?.!]*$/iu.exec(text.trim());
  if (also) return also[1]!.trim();
  // `ok now do wang fang's`, `same for globex`: the question asked again, of another.
  const again = /^(?:(?:and|n|&|ok|okay|so|right|now|cool)[,\s]+)*(?:now\s+)?(?:do|same for|same with|same thing for|and for)\s+(.{2,40}?)(?:['’]s)?(?:\s+(?:too|now|please|pls))?[\s?.!]*$/i.exec(text.trim());
  return again ? again[1]!.replace(/^(?:the\s+)?/i, '').trim() || null : null;
}

const YES_WORD = /^(?:y|yes|yep|yeah|yup|yah|ya|yea|aye|ja|ok|okay|alright|all right|sure|confirm|correct|right|go ahead|go for it|do it|please do|yes please|sounds good|是|是的|对头|对对对?|是是|好好|行行|对|对的|对着呢|对着嘞|没错|嗯|嗯嗯|嗯呐|嗯哪|嗯那|好|好的|好滴|好嘞|好咧|行|成|中|妥|要得|得行|可以|确认|确定|要|需要|系|係|系啊|係呀|好嘅|得|冇问题|没问题|(?:是|对|好|行|嗯|可以|确认|确定)的?(?:新)?(?:建|加|创建|添加)(?:一个|个|吧)?|(?:给|帮我)?(?:建|加|添|录)上(?:吧)?)(?:啊|呀|哈|吧|嘞|哦|喔|啦|咯|呗|嘅|喇|个|额|嘛|噻)?(?=$|[\s,，.!。！~])/i;
/** A yes said after another word (`Iva, go ahead`, `oh yes`, `sí, hazlo… go ahead`): the yes in other languages and plain English. */
const YES_INSIDE = /(?:^|[\s,，.!])(?:yes|yep|yeah|yup|sure|go ahead|go for it|do it|please do|create it|add (?:it|her|him|them)|iva|s[ií]|oui|ja|jawohl|haan|ha+n ji|ndiyo|evet|igen|opo|sige|aye|absolutely|of course|definitely)(?=$|[\s,，.!])/i;
/** Words after a yes that take it back or ask for something else ("yes but not now", "好，不过先别建"). */
const YES_BUT = /不|别|没|先等|再说|\b(?:no|not|don'?t|but|wait|cancel|later|instead)\b|取消|但是|不过/i;
/** Reassurance said with a yes (`yep go for it, no worries`, `好，没问题`): no "no" in it. */
const REASSURANCE = /\b(?:no (?:worries|worry|problem|probs?|dramas|bother|sweat|stress|issues?)|not a problem|never mind that)\b|没问题|冇问题|没事|冇事|不客气|不麻烦|没错|冇错/gi;

/** "yes", "对，建一个", "ok go ahead and add it": a yes, and nothing after it that takes it back. */
function isYes(text: string): boolean {
  // (`對，幫我建一下`: a yes in traditional characters.)
  const t = toSimplified(text).trim().replace(REASSURANCE, ' ').replace(/[\s,，]+$/u, '').trim();
  const m = YES_WORD.exec(t);
  // `Iva, go ahead`, `oh yes please`, `sí, create it`: a short answer with a plain yes in it, after a word of its own.
  if (!m) return [...t].length <= 40 && t.split(/\s+/).length <= 6 && YES_INSIDE.test(t) && !YES_BUT.test(t) && !/[?？]/.test(t);
  const rest = t.slice(m[0].length).replace(/^[\s,，.!。！~]+|[\s.!。！~]+$/g, '');
  return rest.length === 0 || ([...rest].length <= 32 && rest.split(/\s+/).length <= 7 && !YES_BUT.test(rest) && !/[?？]/.test(rest));
}
const NO = /^(n|no|nope|don't|do not|否|不|不要|不用)[.!。！]?$/i;
/** A no, then what was meant instead (`nope, my bad, she's at Globex`, `不是，在协和`). */
const NO_THEN = /^\s*(?:no(?:pe|ah?)?|nah|naw|sorry|so sorry|my mistake|my bad|oops|apologies|不是|不对|不)[\s,，.!！]+(?:(?:my bad|my mistake|sorry|oops|wrong(?: one)?|scratch that|i got my wires crossed|说错了|搞错了|错了)[\s,，.!！—–-]+)*(\S.*)$/iu;
const CANCEL = /^(cancel|stop|never ?mind|forget it|取消|算了|不用了)[.!。！]?$/i;

/** What a customer may be offered when their message was unclear. */
const CUSTOMER_INTENTS_ALLOWED: ReadonlySet<IntentName> = new Set((Object.keys(INTENTS) as IntentName[]).filter((i) => INTENTS[i].customer));

/** Words around the one that picks a choice (`the Globex one`, `the one at Acme`). */
const PICK_FILLER = new Set(['the', 'one', 'ones', 'that', 'this', 'guy', 'lady', 'person', 'from', 'with', 'please', 'pls', 'mean', 'meant', "it's", 'its', 'who', 'works', 'was', 'contact', 'deal', 'account', 'option', 'over']);

/** Words that open a request of its own rather than an answer. */
const COMMAND_START = /^(?:(?:(?:ag|ah|oh|och|eish|hmm)[,\s]+)?(?:never ?mind|nvm|forget (?:about )?(?:it|that)|scratch that|算了|不用了)(?: all)?(?: that| this| of that| of it)?[,，.!！;；]*\s*(?:just\s+|rather\s+|instead\s+|直接)?)?(?:(?:pls|please|can you|could you|麻烦|请|帮我)\s*)?(?:new|add|create|log|remind|record|set|send|新建|新增|添加|加个|创建|记录|提醒|录个?|记一下)/i;

/** The pending question set aside in words, then a command of its own (`forget about it, remind me…`, `算了提醒我…`). */
const DISMISS_THEN_COMMAND = /^(?:(?:ag|ah|oh|och|eish|hmm)[,\s]+)?(?:never ?mind|nvm|forget (?:about )?(?:it|that)|scratch that|算了|不用了)(?: all)?(?: that| this| of that| of it)?[,，.!！;；]*\s*(?:just\s+|rather\s+|instead\s+|直接)?(?:(?:pls|please|can you|could you|麻烦|请|帮我)\s*)?(?:new|add|create|log|remind|record|set|send|新建|新增|添加|加个|创建|记录|提醒|录个?|记一下)/i;

/** A choice picked by its number or an ordinal only. */
function pickNumber(text: string, p: Pick<Extract<Pending, { type: 'choose' }>, 'candidates'>): number | null {
  // (`de first one`, `it's the second one please`, `the 1st one, thanks`: the ordinal with the words around it.)
  const t = text.trim().replace(/[.!。！]$/, '').replace(/^(?:(?:it'?s|its|i mean|i meant|oh|ok|okay|um|er)[,\s]+)*(?:de|da|di)\s+(?=\w)/i, 'the ')
    .replace(/^(?:it'?s|its|i mean|i meant|oh|ok|okay|um|er)[,\s]+/i, '').replace(/[,\s]+(?:please|pls|thanks|thank you|thx|mate|pet|brah)[.!]*$/i, '').replace(/\s+(?:option|person|guy|lady|contact)$/i, ' one');
  const n = /^#?(\d{1,2})$/.exec(t);
  if (n) { const i = Number(n[1]) - 1; return i >= 0 && i < p.candidates.length ? i : null; }
  for (const [re, i] of ORDINALS) if (re.test(t) && i < p.candidates.length) return i;
  return null;
}

export function pickIndex(text: string, p: Pick<Extract<Pending, { type: 'choose' }>, 'candidates'>): number | null {
  // (Read as the parser reads it: 心内科嗰个 is 心内科那个.)
  const t = (/\p{Script=Han}/u.test(text) ? normaliseText(text) : text.replace(/^\s*(?:de|da|di)\s+(?=\w)/i, 'the ')).trim().replace(/[.!。！]$/, '')
    // (`第二个啦`, `the second one la`: a particle after the pick.)
    .replace(/[\s,，]*(?:啦|吧|呀|哈|咯|嘞|喔|哦|嘛|呢|哟|噢|么|\bla\b|\blah\b|\bthanks?\b|\bta\b|\bpls\b|\bplease\b)+[.!。！]*$/iu, '');
  // A bare number picks by position only (an unknown one picks nothing).
  const byNumber = pickNumber(t, p);
  if (byNumber !== null || /^#?\d{1,2}$/.test(t)) return byNumber;
  if (/^(the )?last( one)?$|^最后一(个|位)$/i.test(t)) return p.candidates.length - 1;
  // "the Globex one", "协和的那个": the words that pick, without the ones around them.
  const lower = t.toLowerCase().replace(/^(?:是|选|要|就)+|(?:的)?(?:那个|那位|那家|那条|那单|这个|这位)(?:吧|呢)?$/gu, '').trim();
  if (lower.length < 2) return null;
  const hits = p.candidates
    .map((c, i) => ({ i, hay: `${c.label} ${c.detail ?? ''}`.toLowerCase() }))
    .filter(({ hay }) => {
      // (`心内科的李明`: in Chinese the words are what 的 joins.)
      const words = lower.split(/\p{Script=Han}/u.test(lower) ? /\s+|的/u : /\s+/).filter((w) => [...w].length >= (/\p{Script=Han}/u.test(w) ? 2 : 3) && !PICK_FILLER.has(w));
      return hay.includes(lower) || (words.length > 0 && words.every((w) => hay.includes(w)));
    });
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
    const text = wellFormed(msg.text.trim().slice(0, 4000));
    // An answer written in Chinese to a question asked in English is answered in Chinese.
    const answerLang = (asked: Locale): Locale => (asked === 'en' && writtenInChinese(text) ? 'zh' : asked);
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
      if (result.wrote) {
        // What was just written is what a correction said next ("nah hang on, that was yesterday") is about.
        await services.dialogs.set(actor.tenantId, actorKey, `${msg.threadKey}#wrote`, { intent }, JUST_WROTE_TTL_MS).catch(() => undefined);
        deps.onCommit?.();
      }
      return { replies: result.replies.map((r) => ({ ...r, intent: r.intent ?? intent })) };
    };

    /** Continue the intent a pending question belongs to, in the language it was asked in. */
    const resume = async (p: Pending, entities: Entities, resolved: Resolved) => {
      const ctx = baseCtx(answerLang(p.lang), { text: p.text, sourceMessageId: p.sourceMessageId ?? msg.messageId });
      return finish(await run(ctx, p.intent, entities, resolved), p.intent, true);
    };

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
        case 'reading': {
          if (pending?.type !== 'reading') return finish({ replies: [{ kind: 'info', text: L(lang, 'That question has expired; please ask again.', '这个问题已过期，请重新发送。') }] }, 'reading', false);
          const r = pending.readings[Number(args[0])];
          if (!r) return finish({ replies: [{ kind: 'error', text: L(lang, 'That choice is not on the list.', '该选项不在列表中。') }] }, 'reading', false);
          const readingCtx = baseCtx(answerLang(pending.lang), { text: pending.text, sourceMessageId: pending.sourceMessageId ?? msg.messageId });
          return finish(await run(readingCtx, r.intent, r.entities, {}), r.intent, true);
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
          // A button's text is said as a message: NUL, which no message keeps and PostgreSQL cannot
          // store, is dropped here as the adapters drop it from typed text.
          // oxlint-disable-next-line no-control-regex -- matching NUL is the point: it is stripped
          return handle({ ...msg, action: undefined, text: args.join(':').replace(/\u0000/g, '') });
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
    const pickByName = async (said: string, p: Extract<Pending, { type: 'choose' }>): Promise<number | null> => {
      if (actor.kind !== 'user') return null;
      // (Which task, which deal: picked by the words of its title alone, below.)
      const byParty = p.candidates.some((c) => c.kind === 'contact' || c.kind === 'account');
      // "不是华山，他是市一院的", "not Globex, the Initech one": what it is not picks nothing.
      // (Read as the parser reads it: `弗是人民医院，是市一院个张主任` is 不是…的.)
      if (/\p{Script=Han}/u.test(said)) said = normaliseText(said);
      const answer = said.replace(/(?:^|[,，;；\s])(?:(?:不是|并不是)\s*[^,，;；\s]+|not\b\s*[^,，;；]+)/giu, ' ').replace(/^[\s,，;；]*(?:(?:他|她|it)\s*(?:是|'s|is)\s*)?/iu, '').trim() || said;
      const r = byParty ? await services.resolution.resolve(actor, answer, { kind: 'any' }) : ({ status: 'none' } as const);
      const ids = r.status === 'found' ? [r.match] : r.status === 'ambiguous' ? r.candidates : [];
      const hits = new Set<number>();
      p.candidates.forEach((c, i) => {
        if (ids.some((m) => m.id === c.id || (c.accountId && (m.id === c.accountId || m.accountId === c.accountId)))) hits.add(i);
      });
      if (hits.size === 1) return [...hits][0]!;
      // "华山那个", "the Globex one": the answer names the account of exactly one of them.
      const lower = answer.toLowerCase();
      const byAccount: number[] = [];
      for (const [i, c] of p.candidates.entries()) {
        if (!c.accountId) continue;
        const a = await services.accounts.getAccount(actor, c.accountId).catch(() => null);
        if (a && accountForms(a.name, a.aliases).some((f) => lower.includes(f))) byAccount.push(i);
      }
      if (byAccount.length === 1) return byAccount[0]!;
      // "心内科李明": one choice's name said inside the answer, with other words about them.
      const inside = p.candidates.map((c, i) => ({ i, name: toSimplified(c.label.split(/\s+[·—]\s+/)[0]!.trim()).toLowerCase() })).filter((x) => [...x.name].length >= 2 && lower.includes(x.name));
      if (inside.length === 1) return inside[0]!.i;
      // "李明，心内科那个": the words said that fit one choice's name or title, and no other's as well.
      // (`the initech one cheers`, `the acme yin`: the words of choosing and of thanks pick nothing.)
      const parts = answer.split(/[,，;；\s]+/).map((x) => x.replace(/(?:那个|那位|这个|这位|的|那边)+$|^(?:the|that|this)\s+|\s+one$/giu, '').trim().toLowerCase())
        .filter((x) => [...x].length >= 2 && !/^(?:the|that|this|one|ones|yin|cheers|thanks|thx|ta|pls|please|lah|la|mate|ok|okay|yes|yeah|aye|it|is|for|of|about|task|reminder)$/.test(x));
      // (Choices shown as written, 兒科醫師, are read as the answer is: 儿科.)
      const shown = (c: (typeof p.candidates)[number]) => toSimplified(`${c.label} ${c.detail ?? ''}`).toLowerCase();
      const scores = p.candidates.map((c) => parts.filter((x) => shown(c).includes(x)).length);
      const best = Math.max(0, ...scores);
      if (best > 0 && scores.filter((x) => x === best).length === 1) return scores.indexOf(best);
      // (`心内科那个李主任`, `送资料那个`: a short Chinese answer, its pairs of characters found in one choice only.)
      const han = answer.replace(/那个|那位|这个|这位|那条|这条|那件|的|是|就|吧|啦|呀|哈|嘛|lah|任务|提醒/giu, ' ');
      // (Only a short answer that asks for nothing of its own: `算啦，提醒我明天同王丽倾…` is a new request, not a pick.)
      const hanCount = han.match(/\p{Script=Han}/gu)?.length ?? 0;
      if (hanCount < 2 || hanCount > 8 || /提醒|记一下|帮我|算了|算啦|明天|后天|下周|礼拜|星期|打电话|拜访|新建|新增/u.test(answer)) return null;
      const pairs = [...new Set((han.match(/\p{Script=Han}+/gu) ?? []).flatMap((run) => [...run].slice(0, -1).map((ch, k) => ch + run[k + 1]!)))];
      const byPairs = p.candidates.map((c) => pairs.filter((x) => shown(c).includes(x)).length);
      const top = Math.max(0, ...byPairs);
      return top > 0 && byPairs.filter((x) => x === top).length === 1 ? byPairs.indexOf(top) : null;
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

    let parsed: ParseResult = await parser.parse(text, { now, tz: actor.timezone });
    // (`um okay so Tom uh that thing tomorrow is it`: a cancel read without confidence, with nothing to cancel, is no reading.)
    if (parsed.intent === 'cancel' && !pending && parsed.confidence < ASK_THRESHOLD) parsed = { ...parsed, intent: 'unknown' };
    // (A question set aside in words first — `never mind, remind me…`, `算了提醒我…` — needs only the ask threshold.)
    const setAside = DISMISS_THEN_COMMAND.test(text.trim());
    const confidentNew = parsed.intent !== 'unknown' && parsed.intent !== 'survey_response' && parsed.confidence >= (setAside ? ASK_THRESHOLD : MOVE_ON_THRESHOLD);

    // 3. An answer to a pending question.
    if (pending) {
      const again = (ask: string, p: Pending = pending): Promise<ChatResult> => {
        const attempts = (p.type === 'slot' ? (p.attempts ?? 0) : 0) + 1;
        if (p.type === 'slot' && attempts >= MAX_ANSWER_ATTEMPTS) {
          return finish({ replies: [{ kind: 'info', text: L(p.lang, "I still couldn't read that, so I've stopped asking; nothing was saved. Send the whole request again when you're ready.", '还是没能看懂，这个问题先结束了，没有保存任何内容。准备好后请重新发送完整的请求。') }] }, 'cancel', true);
        }
        return finish({ replies: [{ kind: 'question', text: ask }], pending: p.type === 'slot' ? { ...p, attempts } : p }, p.intent, true);
      };
      if (pending.type === 'choose') {
        // "yes" to "Use that record?" keeps the existing contact.
        // "use the existing one", "用原来那个", "add a new one anyway": the two answers said in words.
        // (Said with a please, or in Cantonese: `use the existing one please`, `用现有嗰个`.)
        const plain = () => text.trim().replace(/^(?:报告|汇报)\s*[:：,，]\s*|[,，。.\s]*完毕[。.!！]*$/gu, '').replace(/^(?:(?:ar|ah|aye|yeah|yes|yep|ok|okay|right|oh)[,!.]?\s+)+/i, '').replace(/\b(?:bab|bruv|mate|love|duck|pet)\b[,!.]?/gi, '').replace(/\s{2,}/g, ' ').trim().replace(/嗰/g, '那').replace(/嘅/g, '的').replace(/[,，\s]*(?:please|pls|thanks|thank you|thx|吧|哈|啊|谢谢)[.!。！]*$/i, '');
        // (A request of its own, `新建联系人 韩雪，华山医院护士长`, is no answer however it is worded.)
        const ownNewRequest = confidentNew && INTENTS[parsed.intent].writes && COMMAND_START.test(text.trim());
        const yesToExisting = pending.slot === 'duplicate' ? (isYes(text) || USE_EXISTING.test(plain()) ? 0 : ADD_ANYWAY.test(plain()) ? 1
          : SAME_ONE_SAID.test(plain()) && !/(?:不是|唔系|唔是|冇|没|并非|非|另外|另一|\bnot\b|n't|\bdifferent\b|\banother\b)/i.test(plain()) ? 0 : ownNewRequest ? null : duplicateAnswer(text)) : null;
        // "Was it a visit, a call…?" answered in words the parser reads as a kind ("见面聊的").
        const saidType = pending.slot === 'type' ? (parsed.entities.interactionType ?? null) : null;
        // …or in a word of its kind the parser did not read ("phone", "上门").
        const typeSaid = pending.slot === 'type' ? (saidType ?? typeSaidOnly(text)) : null;
        let byType = typeSaid ? pending.candidates.findIndex((c) => c.id === typeSaid) : -1;
        if (pending.slot === 'type' && byType < 0) {
          const named = pending.candidates
            .map((c, k) => ({ k, hit: text.toLowerCase().includes(c.label.toLowerCase()) || text.toLowerCase().includes(c.id) }))
            .filter((x) => x.hit);
          if (named.length === 1) byType = named[0]!.k;
        }
        // "What should … no longer get?" answered in words ("just the surveys", "都别发了").
        const optOutSaid = pending.slot === 'optout' && (!confidentNew || parsed.intent === 'opt_out') ? (optOutChoice(normaliseText(text)) ?? optOutChoice(text)) : null;
        const byOptOut = optOutSaid ? pending.candidates.findIndex((c) => c.id === optOutSaid) : -1;
        // A request of its own that starts with a command (`新建联系人 韩雪，华山医院护士长`) is no
        // answer picked by the words it shares with a choice; a number or an ordinal still is.
        const ownRequest = confidentNew && INTENTS[parsed.intent].writes && COMMAND_START.test(text.trim());
        const i =
          yesToExisting ??
          (byType >= 0 ? byType : null) ??
          (ownRequest ? pickNumber(text, pending) : pickIndex(text, pending)) ??
          (byOptOut >= 0 ? byOptOut : null) ??
          (ownRequest ? null : await pickByName(text, pending).then((k) =>
            // ("Yes, the same person, please not to make a new one": words shared with "Add a new person" pick no second record.)
            k !== null && pending.slot === 'duplicate' && pending.candidates[k]?.id === 'new' ? null : k));
        if (i !== null) {
          // "打的电话，前天下午": the kind of contact, and when it happened said with it.
          const said = pending.slot === 'type' ? extractEntities(text, { now, tz: actor.timezone }) : {};
          let entities = said.when && !pending.entities.when ? { ...pending.entities, when: said.when } : pending.entities;
          // "no, it is another Peter, Peter Ramsamy, add him as a new one": the fuller name said with it is the new person's.
          const asked = pending.entities.contact?.trim();
          if (pending.slot === 'duplicate' && pending.candidates[i]?.id === 'new' && asked) {
            const ex = extractEntities(text, { now, tz: actor.timezone });
            // (`one Mr. Tom from Acme` answered `Tom Whitfield, please add as new`: the name without its title.)
            const bare = asked.replace(/^(?:(?:mr|mrs|ms|miss|mx|dr|prof|sir|madam)\.?\s+)+/i, '') || asked;
            const first = bare.split(/\s+/)[0]!.toLowerCase();
            const named = [ex.contact, ...(ex.others ?? [])].map((x) => x?.trim() ?? '')
              // (`this one's bill lindquist`: or as many words, the same given name and another surname.)
              .filter((x) => x.toLowerCase().split(/\s+/).includes(first) && (x.split(/\s+/).length > bare.split(/\s+/).length
                || (x.split(/\s+/).length === bare.split(/\s+/).length && x.split(/\s+/).length >= 2 && x.toLowerCase() !== bare.toLowerCase()
                  && !pending.candidates.some((c) => c.label.toLowerCase().includes(x.toLowerCase()))
                  // (…when said as who they are: `this one's bill lindquist`, not `a different maria yaar`.)
                  && new RegExp(`\\b(?:this one(?:'s| is)|that one(?:'s| is)|(?:his|her) name(?:'s| is)|name(?:'s| is)|called|named|it'?s|he'?s|she'?s)\\s+${escapeRe(x)}\\b`, 'i').test(text))))
              .sort((a, b) => b.length - a.length)[0];
            if (named) entities = { ...entities, contact: named };
            // (`diff dude, his last name's lundberg, add him as new`: the surname said is the new person's.)
            const surname = /\b(?:last name|surname|family name)(?:'s|\s+is|\s*[:=])\s+([A-Za-z][\w'-]+)/i.exec(text)?.[1];
            if (!named && surname && bare.split(/\s+/).length >= 2) entities = { ...entities, contact: `${bare.split(/\s+/).slice(0, -1).join(' ')} ${/^[a-z]/.test(bare) ? surname : surname[0]!.toUpperCase() + surname.slice(1)}` };
            // "不是同一个人 是另外一个李主任 叫李国华": the name said after 叫, of the surname asked about.
            const zhNamed = /(?:名叫|叫做|名字叫|名字是|叫)\s*(\p{Script=Han}{2,4}?)(?=[,，。.!！\s]|$|的|重新|再|新建|建|加)/u.exec(normaliseText(text))?.[1];
            // "弗是刘洋，是新来个刘晓燕医生，另外建一个": a full name of the surname asked about, not one of those offered.
            const titles = /(?:主任|医生|大夫|经理|老师|科长|院长|总|处长|部长|护士长)$/u;
            const zhFull = [ex.contact, ...(ex.others ?? [])].map((x) => x?.trim().replace(titles, '') ?? '')
              .find((x) => /^\p{Script=Han}{2,3}$/u.test(x) && x[0] === asked[0] && !pending.candidates.some((c) => c.label.includes(x)));
            if (!named && zhNamed && zhNamed[0] === asked[0] && !titles.test(zhNamed)) entities = { ...entities, contact: zhNamed };
            else if (!named && zhFull && /\p{Script=Han}/u.test(asked)) entities = { ...entities, contact: zhFull };
          }
          const chosen = applyChoice(pending, i)!;
          // (`就是他，用原来那个，把邮箱更新一哈`, `same guy, update his email`: the details given replace the ones on record.)
          const update = pending.slot === 'duplicate' && chosen.duplicateOf && /更新|换成|改成|改一下|换一下|替换|\b(?:update|replace|change|overwrite)\b/i.test(text);
          return resume(pending, entities, update ? { ...chosen, updateExisting: true } : chosen);
        }
        if (!confidentNew) {
          const n = pending.candidates.length;
          return again(L(pending.lang, `Please pick 1–${n}, name one of them, or say "cancel".`, `请选择 1–${n}，说出其中一个名称，或回复“取消”。`));
        }
      } else if (pending.type === 'confirm') {
        if (isYes(text)) return resume(pending, pending.entities, { ...pending.resolved, confirmed: true });
        if (NO.test(text)) return finish({ replies: [{ kind: 'info', text: L(pending.lang, 'Cancelled; nothing was changed.', '已取消，没有做任何修改。') }] }, 'cancel', true);
        // "Create Tidewater Marine?" answered "nope, my bad, she's at Globex" / "不是，在协和": no to the new
        // account, and the one meant instead (found, asked about or offered for creation like any other).
        const noThen = pending.intent === 'create_contact' ? NO_THEN.exec(text) : null;
        // (Only when what follows the no names a place: `不用了` or `no thanks` are no account.)
        if (noThen && (extractEntities(noThen[1]!, { now, tz: actor.timezone }).account || /\b(?:at|with|from|for|in)\s+\S|在|是/i.test(noThen[1]!))) {
          const asSlot: Extract<Pending, { type: 'slot' }> = { type: 'slot', intent: pending.intent, entities: pending.entities, resolved: pending.resolved, slot: 'account', lang: pending.lang, text: '' };
          const answer = readSlotAnswer(asSlot, noThen[1]!, parsed, { now, tz: actor.timezone });
          if (answer.ok && answer.entities.account && answer.entities.account !== pending.entities.account) {
            return resume(pending, answer.entities, { ...pending.resolved, confirmed: false });
          }
        }
        if (!confidentNew) return again(L(pending.lang, 'Please answer yes or no.', '请回答“是”或“否”。'));
      } else if (pending.type === 'reading') {
        const n = pending.readings.length;
        // An opt-out offered as a reading, answered with what stopped ("就问卷吧"): that is a yes to it.
        const optOutAt = pending.readings.findIndex((r) => r.intent === 'opt_out');
        // A request of its own that mentions surveys ("send Tom a csat survey") is not that answer.
        const stopped = optOutAt >= 0 && (!confidentNew || parsed.intent === 'opt_out') ? (optOutChoice(normaliseText(text)) ?? optOutChoice(text)) : null;
        if (stopped) {
          const r = pending.readings[optOutAt]!;
          const readingCtx = baseCtx(answerLang(pending.lang), { text: pending.text, sourceMessageId: pending.sourceMessageId ?? msg.messageId });
          return finish(await run(readingCtx, r.intent, r.entities, { optOut: stopped }), r.intent, true);
        }
        // "Log: 赵敏 · 采购单的事?" answered "电话" / "it was a call": yes to that reading, of that kind.
        const logAt = pending.readings.findIndex((r) => r.intent === 'log_interaction');
        const kind = logAt >= 0 && [...text.trim()].length <= 24 && !confidentNew ? typeSaidOnly(text) : null;
        if (kind) {
          const r = pending.readings[logAt]!;
          const readingCtx = baseCtx(answerLang(pending.lang), { text: pending.text, sourceMessageId: pending.sourceMessageId ?? msg.messageId });
          return finish(await run(readingCtx, r.intent, r.entities, { interactionType: kind as Entities['interactionType'] }), r.intent, true);
        }
        // "Remind you… / Log a visit…?" answered "已经去过了", "上礼拜一啦", "no, it already happened": the tense
        // said picks the report or the plan, and a day said with it is that record's day.
        const planAt = pending.readings.findIndex((r) => r.intent === 'schedule_followup');
        const bare = !parsed.entities.contact && !parsed.entities.account && [...text.trim()].length <= 60;
        const tense = planAt >= 0 && bare ? tenseSaid(text) : null;
        if (tense && (logAt >= 0 || tense === 'past')) {
          // (Only a plan was offered — `monday - pop over to initech to see peter` — and it already happened: the
          // same words are the report of a visit, without the words that set it up as a plan.)
          const plan = pending.readings[planAt]!;
          const asReport = (): (typeof pending.readings)[number] => {
            const { summary, priority: _p, ...rest } = plan.entities;
            const went = /\b(?:pop(?:ped)? over|drop(?:ped)? by|swing by|go(?:ing)? (?:to )?see|visit|stop by)\b|去|拜访|上门|看望/i.test(pending.text);
            const kept = summary && !/^(?:pop|drop|swing|go|visit|stop|see)\b|^(?:去|拜访|上门|看望)/i.test(summary.trim()) ? { summary } : {};
            return { ...plan, intent: 'log_interaction', entities: { ...rest, ...kept, ...(went && !rest.interactionType ? { interactionType: 'visit' as const } : {}) } };
          };
          const r = tense === 'past' ? (logAt >= 0 ? pending.readings[logAt]! : asReport()) : plan;
          // (The same weekday said again with 上 or 下 — `上礼拜一啦` — picks between the two days offered; another
          // day, `应是上周五`, is that day.)
          const weekday = (x: string) => /(?:周|礼拜|星期)([一二三四五六日天])|\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b/i.exec(x)?.slice(1).find(Boolean)?.toLowerCase();
          // (`that was last week already`: a week said without its day is the weekday offered, in that week.)
          const weekOnly = weekday(text) === undefined && weekday(pending.text) !== undefined && /\b(?:last|next|this) week\b|(?:上|下|这|本)个?(?:周|礼拜|星期)(?![一二三四五六日天])/i.test(text);
          const sameDay = weekOnly || (/(?:上|下|这|本)个?(?:周|礼拜|星期)|\b(?:last|next|this)\s+(?:mon|tue|wed|thu|fri|sat|sun)/i.test(text) && weekday(text) !== undefined && weekday(text) === weekday(pending.text));
          const day = sameDay ? {} : extractEntities(text, { now, tz: actor.timezone });
          let entities = tense === 'past' && day.when ? { ...r.entities, when: day.when } : tense === 'future' && day.due ? { ...r.entities, due: day.due } : r.entities;
          // (A report said to be done has its day behind it: the weekday read ahead as a follow-up's day is
          // the report's own, a week earlier — never a follow-up of its own.)
          if (tense === 'past' && !entities.when && entities.due) {
            const ahead = new Date(entities.due).getTime() - now.getTime();
            if (ahead > 0 && ahead <= 7 * 86_400_000) {
              const { due, ...rest } = entities;
              entities = { ...rest, when: new Date(new Date(due).getTime() - 7 * 86_400_000).toISOString() };
            }
          }
          const readingCtx = baseCtx(answerLang(pending.lang), { text: pending.text, sourceMessageId: pending.sourceMessageId ?? msg.messageId });
          return finish(await run(readingCtx, r.intent, entities, {}), r.intent, true);
        }
        // "Remind you: 张主任 / Postpone: 科室会材料…?" answered "周二上午十点吧": a day is the answer of the one
        // reading that still needs a day (a reminder or a postponement without one).
        const short = [...text.trim()].length <= (/\p{Script=Han}/u.test(text) ? 14 : 30) && !parsed.entities.contact && !parsed.entities.account;
        const answer = short ? extractEntities(text, { now, tz: actor.timezone }) : undefined;
        const dayAnswer = answer?.due;
        const needsDay = dayAnswer ? pending.readings.map((r, k) => ({ r, k })).filter(({ r }) => (r.intent === 'schedule_followup' || r.intent === 'snooze_task') && !r.entities.due && !r.entities.shift) : [];
        if (dayAnswer && needsDay.length === 1) {
          const { r } = needsDay[0]!;
          const readingCtx = baseCtx(answerLang(pending.lang), { text: pending.text, sourceMessageId: pending.sourceMessageId ?? msg.messageId });
          // (`周五上午，紧急`: a priority said with the day is the reminder's too.)
          const priority = r.intent === 'schedule_followup' && answer?.priority && !r.entities.priority ? { priority: answer.priority } : {};
          return finish(await run(readingCtx, r.intent, { ...r.entities, due: dayAnswer, ...priority }, {}), r.intent, true);
        }
        const i = isYes(text) ? 0 : pickIndex(text, { candidates: pending.readings.map((r) => ({ id: r.intent, kind: 'option' as const, label: r.label })) });
        if (i !== null) {
          const r = pending.readings[i]!;
          const readingCtx = baseCtx(answerLang(pending.lang), { text: pending.text, sourceMessageId: pending.sourceMessageId ?? msg.messageId });
          return finish(await run(readingCtx, r.intent, r.entities, {}), r.intent, true);
        }
        if (NO.test(text)) return finish({ replies: [{ kind: 'info', text: L(pending.lang, 'OK, nothing was saved. Please say it another way.', '好的，没有保存任何内容。请换个说法。') }] }, 'cancel', true);
        if (!confidentNew) {
          return again(n === 1 ? L(pending.lang, 'Say "yes" to do that, or "cancel".', '回复“是”就照此保存，或回复“取消”。') : L(pending.lang, `Please pick 1–${n}, or say "cancel".`, `请选择 1–${n}，或回复“取消”。`));
        }
      } else if (pending.type === 'slot' && (isBareAnswer(pending, text, { now, tz: actor.timezone }) || !isNewRequest(parsed, pending, MOVE_ON_THRESHOLD, text))) {
        let answer = readSlotAnswer(pending, text, parsed, { now, tz: actor.timezone });
        if (pending.slot === 'edit' && actor.kind === 'user' && (!answer.ok || answer.freeText || (answer.entities.account && !answer.entities.contact))) {
          // A name the parser did not read ("华山医院的王丽", "bill lumbergh"): someone the user
          // knows, and nothing else said.
          const ex = answer.ok ? answer.entities : {};
          const account = ex.account ?? extractEntities(text, { now, tz: actor.timezone }).account;
          const rest = leftover(text, [account]);
          let m: Awaited<ReturnType<typeof services.resolution.findMentioned>> = null;
          if (rest && [...rest].length <= 24) {
            const r = await services.resolution.resolve(actor, rest, { kind: 'contact' });
            if (r.status === 'found' && r.match.score >= 0.85) m = r.match;
          }
          m ??= await services.resolution.findMentioned(actor, text, { kind: 'contact' });
          if (m && leftover(text, [m.matchedText, m.name, account, m.accountName ?? undefined]).length === 0) {
            answer = { ok: true, entities: { ...ex, contact: m.name, ...(m.accountName ? { account: account ?? m.accountName } : {}) } };
          }
        }
        if (!answer.ok) return again(answer.ask);
        if (pending.slot === 'edit') {
          // An Edit answer: the correction handler changes the record being edited.
          // (An Edit pressed has no words; the answer's own language is the one to reply in.)
          const ctx = baseCtx(/\p{Script=Han}/u.test(text) ? 'zh' : pending.lang, { text: pending.text, sourceMessageId: pending.sourceMessageId ?? msg.messageId });
          const target = pending.resolved.edit;
          if (!target) return finish({ replies: [{ kind: 'info', text: L(pending.lang, 'That question has expired; please ask again.', '这个问题已过期，请重新发送。') }] }, 'edit', true);
          return finish(await guard(ctx, 'correct_last', () => applyEdit(ctx, target, answer.entities, pending.resolved, answer.freeText ? { freeText: answer.freeText } : {})), 'correct_last', true);
        }
        return resume(pending, answer.entities, { ...pending.resolved, ...answer.resolved });
      }
      // Otherwise the user moved on: drop the question and handle the new message.
    }

    const ctx = baseCtx(replyLanguage(parsed, text));
    logger.debug({ intent: parsed.intent, confidence: parsed.confidence, route: (parsed as { route?: string }).route }, 'parsed');

    // 4. "Hans got promoted to CTO, and remind me to send him a congrats card friday", "remind me
    // to…, and note that he…": two requests, each done in turn, the second about the same person.
    if (actor.kind === 'user' && !pending) {
      const both = await twoRequests(ctx, text);
      if (both) return finish(both.result, both.intent, false);
    }

    // "…and what about Wang Fang?", "王芳的呢？", "上个月呢": the last question, asked again of
    // another rep, account or period.
    const readKey = `${msg.threadKey}#last-read`;
    const rememberRead = (read: LastRead) => services.dialogs.set(actor.tenantId, actorKey, readKey, read, LAST_READ_TTL_MS).catch(() => undefined);
    // (As read, too: `an fit aboot Wang Fang's?` is `and what about Wang Fang's?`.)
    const follow = actor.kind === 'user' ? followOnSaid(text) ?? followOnSaid(normaliseText(text)) : null;
    if (follow) {
      const last = await services.dialogs.get<LastRead>(actor.tenantId, actorKey, readKey);
      const entities = last ? await followOnEntities(ctx, last, follow) : null;
      if (last && entities) {
        const result = await run(baseCtx(ctx.lang), last.intent, entities, {});
        await rememberRead({ intent: last.intent, entities });
        return finish(result, last.intent, Boolean(pending));
      }
    }

    // "oh wait, we was in a meeting, not on the phone", "nah hang on, that was yesterday afternoon":
    // right after a write in this thread, a message that opens as a correction and says what is
    // right corrects that write, even when its words alone leave the reading unsure. (The
    // correction is confirmed with Undo and Edit like any write.)
    const correction = parsed.intent === 'correct_last' ? parsed : parsed.alternatives?.find((a) => a.intent === 'correct_last' && a.confidence >= 0.1);
    if (actor.kind === 'user' && !pending && correction && parsed.confidence < ASK_THRESHOLD && correctionSaid(text)
      && Object.keys(correction.entities).some((k) => k !== 'summary' && k !== 'others')
      && await services.dialogs.get(actor.tenantId, actorKey, `${msg.threadKey}#wrote`).catch(() => null)) {
      const c = baseCtx(replyLanguage(parsed, text));
      return finish(await run(c, 'correct_last', correction.entities, {}), 'correct_last', false);
    }

    // "n the number's 18k on that one", "eh actually just normal is fine", "oh n it was at 2", "还是普通吧":
    // right after a write in this thread, a message the parser is unsure of that says nothing but a
    // new value for a field of the record written — a task's or complaint's priority or day, a deal's
    // amount, the hour or day a visit or call happened — changes that field (confirmed with Undo and Edit).
    if (actor.kind === 'user' && !pending && parsed.confidence < ASK_THRESHOLD) {
      const value = valueOnlySaid(text, { now, tz: actor.timezone });
      const wrote = value && await services.dialogs.get(actor.tenantId, actorKey, `${msg.threadKey}#wrote`).catch(() => null);
      const last = wrote ? await services.undo.lastWrite(actor).catch(() => null) : null;
      const kind = last ? editableOf(last.entityType) : undefined;
      // (A day said of a deal is its close date only when closing is what is said: `n they're sayin it'll close by dec 18`.)
      const fits = value && kind && [...value.fields].every((f) => VALUE_FIELDS[kind]?.includes(f))
        && !(kind === 'opportunity' && value.fields.has('day') && !value.closeSaid)
        // (…and closing is said only of a deal.)
        && !(value.closeSaid && kind !== 'opportunity');
      if (value && kind && fits) {
        // (An hour said alone is that hour on the record's own day.)
        // (A day ahead said of a visit is its follow-up's; one past, when it happened.)
        const past = value.entities.due && Date.parse(value.entities.due) <= now.getTime();
        const entities = kind === 'interaction' && past && !value.entities.when ? { ...value.entities, due: undefined, when: value.entities.due } : value.entities;
        const c = baseCtx(replyLanguage(parsed, text));
        return finish(await applyEdit(c, { entity: kind, id: last!.entityId }, entities, {}, value.at ? { at: value.at } : {}), 'correct_last', false);
      }
    }

    // 5. A write read without confidence is not made on a guess: the best readings are offered.
    const spec = INTENTS[parsed.intent];
    const unsureWrite = spec?.writes && parsed.confidence < ASK_THRESHOLD;
    // Readings worth offering: CRM requests (not "help"; a survey answer only from a customer),
    // the parser's top reading of an unsure write always, next-best ones with some support.
    const offerable = (i: IntentName) =>
      i !== 'unknown' && i !== 'cancel' && i !== 'help' && (actor.kind === 'user' ? i !== 'survey_response' : CUSTOMER_INTENTS_ALLOWED.has(i));
    // "Show the account" with no account named is no reading of the message: not offered.
    const aboutNothing = (a: { intent: IntentName; entities: Entities }) => (a.intent === 'account_overview' || a.intent === 'decision_chain') && !a.entities.account && !a.entities.contact;
    const alternatives: typeof parsed.alternatives & object = [];
    for (const a of parsed.alternatives ?? []) {
      if (!offerable(a.intent) || a.confidence < 0.1 || aboutNothing(a)) continue;
      // "Show the account: purple elephants dance": a name nobody has is no reading either.
      if ((a.intent === 'account_overview' || a.intent === 'decision_chain') && actor.kind === 'user') {
        const r = await services.resolution.resolve(actor, (a.entities.account ?? a.entities.contact)!, { kind: 'any' });
        if (r.status === 'none') continue;
      }
      // "Postpone: 回头" for a task nobody has is no reading either.
      if ((a.intent === 'snooze_task' || a.intent === 'complete_task' || a.intent === 'update_task') && actor.kind === 'user') {
        const said = a.entities.taskRef?.trim();
        const r = said ? await services.tasks.findTaskByText(actor, said).catch(() => ({ status: 'none' as const })) : { status: 'none' as const };
        if (r.status === 'none') continue;
      }
      // "Update the deal: 华山" for a deal nobody has is no reading either.
      if (a.intent === 'update_opportunity' && actor.kind === 'user') {
        const said = a.entities.opportunity?.trim();
        const deals = said ? await services.pipeline.searchOpportunities(actor, said, { limit: 1 }).catch(() => []) : [];
        if (!deals.length) continue;
      }
      alternatives.push(a);
    }
    const unsureReadOf = Boolean(spec && !spec.writes && parsed.intent !== 'unknown' && parsed.confidence < UNSURE_READ && offerable(parsed.intent));
    if ((parsed.intent === 'unknown' || unsureReadOf) && !alternatives.some((a) => a.intent === 'log_interaction') && actor.kind === 'user') {
      // "李医生 样品 周五": nothing read, but someone and a day ahead are named — a reminder is
      // offered as a reading (stored only if pressed), never made on that guess.
      const ex = extractEntities(text, { now, tz: actor.timezone });
      const due = ex.due ? new Date(ex.due) : null;
      // `bill lumbergh contract thursday`: no name read, but one the actor knows is in the words.
      if (!ex.contact && !ex.account && due && due.getTime() > now.getTime()) {
        const known = await services.resolution.mentions(actor, text, { kind: 'any' }).catch(() => null);
        if (known?.status === 'found') {
          if (known.match.kind === 'contact') ex.contact = known.match.matchedText;
          else ex.account = known.match.matchedText;
        }
      }
      if ((ex.contact || ex.account) && due && due.getTime() > now.getTime()) {
        // `hans whitepaper fri`: words read as one unknown name, one of them the first name of one
        // person the actor knows — that word is the person, the others what it is about.
        if (ex.contact && !ex.account && /\s/.test(ex.contact.trim())) {
          const whole = await services.resolution.resolve(actor, ex.contact, { kind: 'contact' }).catch(() => null);
          const hits: string[] = [];
          for (const w of whole?.status === 'none' ? ex.contact.trim().split(/\s+/) : []) {
            const r = await services.resolution.resolve(actor, w, { kind: 'contact', limit: 10 }).catch(() => null);
            if (r?.status === 'ambiguous') { hits.length = 2; break; }
            if (r?.status === 'found' && ['exact', 'alias', 'name', 'surname'].includes(r.match.matchedBy)) hits.push(w);
          }
          if (hits.length === 1) ex.contact = hits[0]!;
        }
        const summary = wordsBesides(text, 'log', [ex.contact, ex.account], { now, tz: actor.timezone });
        // A day ahead says something is to be done: that reading comes before "show the account".
        const i = alternatives.findIndex((a) => a.intent === 'schedule_followup');
        const read = i >= 0 ? alternatives.splice(i, 1)[0]! : null;
        alternatives.unshift(read ? { ...read, confidence: Math.max(read.confidence, 0.3) } : { intent: 'schedule_followup', confidence: 0.3, entities: { ...(ex.contact ? { contact: ex.contact } : {}), ...(ex.account ? { account: ex.account } : {}), due: ex.due!, ...(summary ? { summary } : {}) } });
      }
    }
    const unknownWithReadings = parsed.intent === 'unknown' && alternatives.some((a) => a.confidence >= 0.2);
    // A read this unsure, with a write about as likely ("王丽 会议资料 下周二"): both are offered.
    const unsureRead = unsureReadOf && alternatives.some((a) => INTENTS[a.intent].writes && a.confidence >= 0.2);
    if (unsureWrite || unknownWithReadings || unsureRead) {
      const seen = new Set<string>();
      const ahead = (r: { intent: IntentName; entities: Entities }) => Boolean(r.entities.due && Date.parse(r.entities.due) > now.getTime());
      const readings = [
        ...(unsureWrite || unsureRead ? [{ intent: parsed.intent, entities: parsed.entities }] : []),
        ...alternatives.map((a) => ({ intent: a.intent, entities: a.entities })),
      ]
        // A day ahead says something is to be done: a reading that keeps it comes before one that drops it.
        .sort((x, y) => Number(ahead(y)) - Number(ahead(x)))
        .filter((r) => offerable(r.intent))
        .map((r) => ({ ...r, label: describeReading(r, ctx.lang, actor.timezone, now) }))
        .filter((r) => (seen.has(r.label) ? false : (seen.add(r.label), true)))
        .slice(0, 4);
      if (readings.length) {
        return finish(
          {
            replies: [
              {
                kind: 'choices',
                text: L(ctx.lang, "I'm not sure I understood, so nothing is saved yet. Did you mean:", '我不太确定理解对了，所以还没有保存。你是想：') + '\n' + readings.map((r, i) => `${i + 1}. ${r.label}`).join('\n'),
                actions: [readings.map((r, i) => ({ label: r.label, value: `reading:${i}` })), [{ label: L(ctx.lang, 'None of these', '都不是'), value: 'cancel' }]],
              },
            ],
            pending: { type: 'reading', intent: parsed.intent, entities: parsed.entities, resolved: {}, readings, lang: ctx.lang, text, sourceMessageId: msg.messageId },
          },
          'reading',
          Boolean(pending),
        );
      }
    }
    // An opt-out asked about and left unanswered, then a survey: the survey waits for a yes.
    const optOutLeft = pending !== null && (pending.intent === 'opt_out' || (pending.type === 'reading' && pending.readings.some((r) => r.intent === 'opt_out')));
    const first: Resolved = optOutLeft && parsed.intent === 'send_survey' ? { afterUnconfirmedOptOut: true } : {};
    // "and remind me to send him the budget deck next Wednesday": right after a write about someone, a reminder
    // about "him" or "her" (他, 她) that names nobody is about them.
    if (actor.kind === 'user' && !pending && parsed.intent === 'schedule_followup' && !parsed.entities.contact && !parsed.entities.account
      && /\b(?:him|her)\b|[他她](?!们)/i.test(text) && await services.dialogs.get(actor.tenantId, actorKey, `${msg.threadKey}#wrote`).catch(() => null)) {
      const last = await services.undo.lastWrite(actor).catch(() => null);
      const contactId = !last ? undefined
        : last.entityType === 'Contact' ? last.entityId
        : last.entityType === 'Interaction' ? (await services.interactions.getInteraction(actor, last.entityId).catch(() => null))?.contactId ?? undefined
        : last.entityType === 'Task' ? (await services.tasks.getTask(actor, last.entityId).catch(() => null))?.contactId ?? undefined : undefined;
      const who = contactId ? await services.contacts.getContact(actor, contactId).catch(() => null) : null;
      if (who) parsed = { ...parsed, entities: { ...parsed.entities, contact: who.name } };
    }

    // "And the tasks of him that are in delay?", "who signs off over there": a question about "him" or
    // "there" is about the rep or the account of the question just answered.
    const lastRead = actor.kind === 'user' && FOLLOWED_ON.has(parsed.intent) ? await services.dialogs.get<LastRead>(actor.tenantId, actorKey, readKey).catch(() => null) : null;
    const entities = lastRead ? pointedBack(parsed.intent, parsed.entities, lastRead, text) : parsed.entities;
    const result = await run(ctx, parsed.intent, entities, first);
    // A question answered is remembered a while, for "and what about …?" after it.
    if (actor.kind === 'user' && FOLLOWED_ON.has(parsed.intent) && !result.pending && result.replies.some((r) => r.kind !== 'error')) {
      // (`tell me bout umbrella real quick`: the account the answer was about, found among the words, is kept with it.)
      const m = BY_PARTY.has(parsed.intent) && !entities.account && !entities.contact ? await services.resolution.mentions(actor, text, { kind: 'any' }).catch(() => null) : null;
      const about = m?.status === 'found' ? { [m.match.kind === 'contact' ? 'contact' : 'account']: m.match.matchedText } : {};
      await rememberRead({ intent: parsed.intent, entities: { ...entities, ...about } });
    }
    return finish(result, parsed.intent, Boolean(pending));
  }

  /**
   * What "what about X?" changes in the last question: another rep (`王芳`), another account or
   * person, or another period (`last month`, `上个月`); null when X is none of these.
   */
  async function followOnEntities(ctx: HandlerContext, last: LastRead, said: string): Promise<Entities | null> {
    const { rep: _rep, account: _account, contact: _contact, ...kept } = last.entities;
    const period = periodSaid(said);
    if (period) {
      const { period: _period, month: _month, ...rest } = last.entities;
      return { ...rest, period };
    }
    if (BY_REP.has(last.intent)) {
      const user = await ctx.services.resolution.resolveUser(ctx.actor, said).catch(() => null);
      if (user?.status === 'found') return { ...kept, rep: said };
    }
    if (BY_PARTY.has(last.intent)) {
      const r = await ctx.services.resolution.resolve(ctx.actor, said, { kind: last.intent === 'account_overview' ? 'any' : 'account' }).catch(() => null);
      if (r?.status === 'found') return { ...kept, ...(r.match.kind === 'contact' ? { contact: said } : { account: said }) };
    }
    return null;
  }

  /**
   * A message that asks for two things in turn: something and then a reminder ("…got promoted to
   * CTO, and remind me to send him a card friday"), or a reminder and then a note ("提醒我明天给陈经理
   * 送清单，顺便记一下他对促销方案感兴趣"). Both parts must read confidently on their own, the first
   * as a write that does not keep its own follow-ups (a report does), and the first must be done
   * without a question; otherwise null, and the message is handled whole. The second part is about
   * the person the first was about unless it names someone else.
   */
  async function twoRequests(ctx: HandlerContext, text: string): Promise<{ result: HandlerResult; intent: IntentName } | null> {
    for (const split of SECOND_REQUESTS) {
      const m = split.at.exec(text);
      if (!m || m.index < 6) continue;
      const head = text.slice(0, m.index).trim();
      const tail = text.slice(m.index).replace(/^[\s,，;；.。!！]*(?:(?:and|an|also|plus|then)\s+|另外|还有|然后|顺便|再|并且)*/iu, '').trim();
      const opts = { now: ctx.now, tz: ctx.tz };
      const [first, second] = [await parser.parse(head, opts), await parser.parse(tail, opts)];
      if (!INTENTS[first.intent]?.writes || !split.first(first.intent) || first.confidence < ASK_THRESHOLD) continue;
      if (second.intent !== split.second || second.confidence < ASK_THRESHOLD || !split.secondSays(second.entities)) continue;
      const a = await run({ ...ctx, text: head }, first.intent, first.entities, {});
      if (a.pending || !a.wrote) return null;
      // "…send HIM a card", "记一下他…": the person the first part was about.
      const about = a.target?.entity === 'contact' ? a.target.id : a.target?.entity === 'task' ? ((await services.tasks.getTask(ctx.actor, a.target.id).catch(() => null))?.contactId ?? undefined) : undefined;
      const named = second.entities.contact && !/^(?:him|her|them|他|她|他们|她们)$/i.test(second.entities.contact.trim());
      const b = await run({ ...ctx, text: tail, sourceMessageId: ctx.sourceMessageId ? `${ctx.sourceMessageId}#2` : undefined }, second.intent, second.entities, about && !named ? { contactId: about } : {});
      if (b.pending) return { result: { ...b, replies: [...a.replies, ...b.replies], wrote: true }, intent: second.intent };
      return { result: { replies: [...a.replies, ...b.replies], wrote: true }, intent: first.intent };
    }
    return null;
  }

  return { handle };
}

/** Whether an answer says done (`已经去过了`, `it already happened`) or ahead (`下周的`, `it's next week`). */
function tenseSaid(said: string): 'past' | 'future' | null {
  // (Read as the parser reads it: 上个礼拜一的事哒 is 上周一的事了.)
  // (`it is not done yet, it is for tomorrow`: a past word denied says ahead.)
  const text = normaliseText(said).replace(/\b(?:not|never|isn'?t|wasn'?t|hasn'?t|haven'?t|didn'?t|ain'?t)\s+(?:(?:yet|been|already)\s+)?(?:done|happened|gone|been|did|had|went)\b/gi, ' not yet ');
  const past = /了|过(?![来去]?[一二两三\d]+天)|已经|刚|昨|前天|上周|上礼拜|上星期|\b(?:already|done|did|was|were|happened|last|yesterday|ago|went|had|past)\b/i.test(text);
  const ahead = /要去|将|准备|打算|下周|下礼拜|下星期|明天|后天|还没|没去|\b(?:will|next|tomorrow|upcoming|going to|plan(?:ned|ning)?|not yet|coming)\b/i.test(text);
  return past && !ahead ? 'past' : ahead && !past ? 'future' : null;
}

/** Answers to "Use that record?" said in words. */
const USE_EXISTING = /^(?:(?:just |yeah,? |yes,? |ok,? )?(?:use|keep|take|pick|go with|that'?s) (?:the |that |this )?(?:existing|old|same|current|one (?:we|i|you|yow|ya) (?:have|got|already have)|one already there|first)(?: one| record| contact)?|(?:it'?s |that'?s |he'?s |she'?s )?(?:the )?same (?:person|one|guy|lady|man|woman|gentleman|chap|fellow|fella|bloke|doctor)(?:[,\s]+(?:use|keep) (?:the |that )?(?:one|record)(?: (?:you|yow|ya|we) (?:have|got))?)?|用(?:原来|已有|现有|之前)的?(?:那个|那位|这个)?|(?:就是|是)?(?:同一个人|同一个|同一位)|用已有的|就用(?:这个|那个|原来的?))[.!。！]*$/i;
/** `yes same person already, no need make new one`: the one on record, said along the way (a new one only refused). */
const SAME_ONE_SAID = /\b(?:same (?:person|one|guy|lady|contact|man|woman)|already (?:there|exists?|in (?:the )?(?:system|crm|list|contacts))|no need (?:to )?(?:make|create|add) (?:a )?new|(?:don'?t|do not|dont|no) (?:make|create|add) (?:a )?new)\b|同一个人|就是(?:他|她|这个|这位)|不用(?:再)?(?:新建|新加|建)/i;
const ADD_ANYWAY = /^(?:(?:no,? )?(?:add|create|make) (?:a )?new (?:one|person|contact)(?: anyway)?|(?:it'?s )?a different (?:person|one|guy|lady)|(?:不是|并非|非)同一(?:个)?人[，,。\s]*(?:另行|另外|请|要)?(?:新建|新增|新加|建)?(?:一个|一位)?|不是同一个人|新建一个|(?:另外|另行)新建|新加一个|(?:不是(?:他|她|这个|这位|同一个人?)[，,\s]*)?(?:另外|重新|再)?(?:建|新建|加|新加|创建)(?:一个|个|一位)新的?(?:联系人)?)[.!。！]*$/i;

/** An answer to "Use that record?" said in a sentence of its own (`不是一个人，重新建一个`, `就用原来那个噻`,
 * `no, add a new one anyway, it's a different peter`, `对对，就是李明，用现有的`): the words that say a new
 * record is wanted, unless taken back (`不用新建`), else those that say it is the one already there.
 * Only a short answer is read so; a request of its own is not. */
/** Mostly Chinese: a third as many Chinese characters as Latin letters, or more. */
function writtenInChinese(text: string): boolean {
  return (text.match(/\p{Script=Han}/gu)?.length ?? 0) >= Math.max(1, (text.match(/[A-Za-z]/g)?.length ?? 0) / 3);
}

function duplicateAnswer(text: string): 0 | 1 | null {
  // (Read as the parser reads it: 唔系同一个人 is 不是同一个人.)
  const t = normaliseText(text).trim();
  if ([...t].length > (/\p{Script=Han}/u.test(t) ? 40 : 120)) return null;
  if (DUP_NOT_NEW.test(t)) return 0;
  // (`用原来那个，电话换成新的`: words for both say neither for sure — asked again, never a second record.)
  // (`把邮箱换成新的`, `update the email to the new one`: a new value for the record, no new record.)
  const fresh = DUP_NEW.test(t.replace(/(?:换成|改成|更新成|更新为|改为|用)新的|\b(?:to|with) the new (?:one|email|number|phone|address)\b/giu, ' '));
  // (`不是一个人 原来那个是心内科的 这个骨科的 重新建一个`: said to be someone else, the one on record only described.)
  if (fresh && DUP_OTHER_PERSON.test(t)) return 1;
  const same = DUP_SAME.test(t.replace(/不是(?:同一(?:个人?|位)?|一个人|他|她|这个|这位|那个|那位|这人|那人)|\bnot the same\b|\b(?:it'?s |that'?s )?not (?:him|her|them)\b/gi, ''));
  return fresh && same ? null : fresh ? 1 : same ? 0 : null;
}
/** Words that say the person is not the one on record: stronger than a mention of that one. */
const DUP_OTHER_PERSON = /不是(?:一个人|同一(?:个人?|位)?)|两个人|不同的人|另一个人|另外一个人|\bnot the same (?:person|guy|lady|one|man|woman)\b|\b(?:a )?different (?:person|guy|lady|man|woman|one)\b|\btwo different (?:people|persons)\b/i;
const DUP_NOT_NEW = /\b(?:don'?t|do not|no need to|not|never)(?: to)? (?:add|create|make)(?: a| another)? new\b|\bnot a (?:new|different) (?:one|person|contact)\b|(?:不用|别|不要|无需|不必|甭|唔使|唔好|唔要|毋须|莫|冇必要|没必要)(?:再)?(?:新建|新加|建|加)|不是新的/i;
const DUP_NEW = /\b(?:(?:add|create|make|need|want) (?:a |another )?(?:new|separate|second|fresh)|(?:add|create|make|put) (?:him|her|them) (?:in )?(?:as )?(?:a )?new\b|diff(?:erent|\.)? (?:guy|person|one|lady|man|woman|bloke|dude|fella|chap)\b|a different|different (?:person|one|guy|lady|man|woman|[A-Z][\w'-]+)\b|(?:add|create|save|put) (?:him |her |them |he |she |ih )?(?:as|like) (?:a )?new\b|another (?:one|person|contact|guy|lady)|not the same|(?:isn'?t|is not|ain'?t|not) (?:him|her|them|that (?:one|guy|lady|person))|separate (?:one|person|contact|record)|new (?:one|person|contact|record|entry)|two (?:different )?(?:people|persons)|anyway\b)|新的|新建|重新建|另外建|另建|再建|新加|另加|再加一个|不是(?:一个人|同一|他|她|这个|这位|那个|那位)|两个人|不同的人|别的人|另一个人|另一位/i;
const DUP_SAME = /\b(?:existing|same (?:person|one|guy|lady|man|woman|gentleman|chap|fellow|doctor|contact|record)|the same (?!name\b)[A-Z][\w'-]+|that'?s (?:him|her|the one|them)|(?:it'?s|it is|that is) (?:him|her)|(?:one|record) (?:you|we|i) (?:have|already have|found)|already (?:there|in|have|exists?)|old one|current one|first one|(?:use|keep|take|pick) (?:that|this|it|him|her)\b)|原来|原本|原有|原记录|沿用|已有|现有|之前(?:的|那个|那位)|同一个|同一位|同一人|就是(?:他|她|这个|那个|这位|那位|\p{Script=Han}{2,4}(?:$|[，,。.！!\s]))|是(?:他|她)(?:$|[，,。.！!\s])|用(?:这个|那个|这位|那位)|^(?:就|对|对的|是的?|嗯)?[，,\s]*(?:是)?一个人|(?:就)?用(?:他|她)(?!们)|^(?:就|係|系)?(?:系|係)(?:佢|他|她)(?!们)/iu;

/** `, and remind me to…`, `，另外提醒我…`: a reminder asked for after the rest of the message. */
const REMINDER_AFTER_RE = /[,，;；.。!！]\s*(?:(?:and|an|also|plus|then)\s+)*(?:(?:pls|please|can you|could you)\s+)?(?:remind m[ei]|set (?:me )?a reminder|add a reminder)\b|[,，;；.。!！\s]\s*(?:另外|还有|然后|顺便|再|并且)+(?:帮我|麻烦)?(?:提醒我|提醒一下|记得提醒我|设个提醒)/iu;
/** `, and note that…`, `，顺便记一下…`: a note asked for after a reminder. */
const NOTE_AFTER_RE = /[,，;；.。!！]\s*(?:(?:and|also|plus|then)\s+)+(?:(?:pls|please)\s+)?(?:note(?: that| down)?(?=\s+(?:that|she|he|they|it|the|we|i|our|their|his|her)\b)|make a note|jot down|log (?:that|a note))\b|[,，;；.。!！\s]\s*(?:另外|还有|然后|顺便|再|并且)+(?:帮我|麻烦)?(?:记一下|记一笔|记下|备注一下)/iu;
/** The two-part messages done as two requests, in the order they are tried. */
const SECOND_REQUESTS: { at: RegExp; first: (i: IntentName) => boolean; second: IntentName; secondSays: (e: Entities) => boolean }[] = [
  // Any write but a report or a reminder (they keep their own follow-ups), then a reminder with its day.
  { at: REMINDER_AFTER_RE, first: (i) => !['log_interaction', 'schedule_followup', 'correct_last', 'undo', 'cancel'].includes(i), second: 'schedule_followup', secondSays: (e) => Boolean(e.due) },
  // A reminder, then a note about the same person.
  { at: NOTE_AFTER_RE, first: (i) => i === 'schedule_followup', second: 'log_interaction', secondSays: (e) => e.interactionType === 'note' },
];

/**
 * The language to answer in: the parser's, except that a message whose own words (besides the
 * names and accounts read) are Chinese is answered in Chinese ("加个联系人 人民医院 zhou xiaoming").
 */
function replyLanguage(parsed: ParseResult, text: string): Locale {
  if (parsed.language === 'zh') return 'zh';
  let rest = text;
  for (const v of [parsed.entities.contact, parsed.entities.account, ...(parsed.entities.others ?? []), parsed.entities.rep]) if (v) rest = rest.split(v).join(' ');
  return (rest.match(/\p{Script=Han}/gu) ?? []).length >= 2 ? 'zh' : parsed.language;
}
