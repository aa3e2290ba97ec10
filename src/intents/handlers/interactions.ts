// log_interaction and schedule_followup.
import { formatWhen } from '../format.ts';
import { findDate } from '../parser/dates.ts';
import { unreadTime } from '../parser/unread-time.ts';
import { normaliseText, parse, typedWords } from '../parser/index.ts';
import { priorityTail } from '../parser/priority.ts';
import { actionFor, listWords, priorityInText, priorityPart, priorityWord, typeIsSaid, typeSaidOnly, typeWord, withoutPriorityWords, wordsSpaced } from '../words.ts';
import { L, type Handler, type HandlerContext, type HandlerResult } from './context.ts';
import { applyEdit } from './edit.ts';
import { part, sentence, written } from './reply.ts';
import { askToChoose, describeParty, displayName, firstNameMentioned, resolveOthers, resolveParty } from './resolve.ts';
import { escapeRe } from '../../domain/shared/regex.ts';
import { editDistance } from '../../domain/resolution/name-forms.ts';

/** "in 3 days" style due dates come with a time; a date alone means 09:00 local (the parser's rule). */
export function parseIso(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Words that say nothing on their own: a "summary" of only these was not understood. */
const EMPTY_WORDS = /^(?:(?:the|a|an|about|with|to|for|on|of|and|re|regarding|it|that|this|him|her|them|的|了|一下|和|跟|给)\s*)+$/i;
/** The summary the parser read, unless it says nothing (`the`, `about`). */
/** The message without the topic said after "re" / "about" ("…re the workshop follow-ups"). */
function withoutTopic(text: string, summary: string | undefined): string {
  if (!summary?.trim()) return text;
  const at = text.indexOf(summary);
  // (`caught up with Peter … on the workshop feedback`: on, too.)
  return at > 0 && /\b(?:re|about|regarding|abt|on|over)\b[:\s]*$/i.test(text.slice(0, at)) ? text.slice(0, at) + text.slice(at + summary.length) : text;
}

export function meaningful(summary: string | undefined): string {
  const s = (summary ?? '').trim().replace(/^[,.;:，。；：\s-]+|[,.;:，。；：\s-]+$/g, '');
  // (`swing by , see`: the words of going and seeing, left when the names are taken out, say nothing of what it was about.)
  const bare = s.replace(/\b(?:swing|swung|drop(?:ped)?|stop(?:ped)?|pop(?:ped)?|come|came|pass(?:ed)?|go|went|head(?:ed)?|by|in|over|to|see|saw|seen|visit(?:ed)?|meet|met|call(?:ed)?|ping|check(?:ed)?|catch|caught|up|with|at)\b|[,.;:!?—–-]/gi, '').trim();
  return s && !EMPTY_WORDS.test(s) && (bare || /\p{Script=Han}/u.test(s)) ? s : '';
}

const LOG_VERB = /^\s*(?:i\s+)?(?:just\s+)?(?:met(?:\s+(?:up\s+)?with)?|visited|called|rang|phoned|spoke\s+(?:with|to)|talked\s+(?:with|to)|caught\s+up\s+with|had\s+(?:a\s+)?(?:call|meeting|visit|chat|lunch|coffee)\s+with|emailed|messaged|saw|拜访了?|见了|约了|去了?|和|跟|与|给)\s*/i;
const LOG_KIND_WORDS = /(?:记录(?:一下|一次|一个|一条|下)?|\b(?:log(?:ged)?|record(?:ed)?)\s+(?:a|an|the)?\b|打了?(?:个|一个|一通)?电话|通了?(?:个)?电话|回了?(?:个)?电话|见了?(?:个|一)?面|开了?(?:个|一个)?会|拜访了?|上门|去了?一?趟|发了?(?:个|封|条)?(?:邮件|微信|短信|消息)|吃了?(?:个|顿)?饭|喝了?(?:杯)?咖啡|聊了?(?:一下|几句)?|沟通了?一?下?|\b(?:had|have|did)\s+(?:a\s+)?(?:quick\s+|short\s+)?(?:call|meeting|visit|chat)\b|\b(?:a\s+)?(?:quick\s+|short\s+)?(?:call|meeting|visit)\b)/gi;
const REMIND_VERB = /^\s*(?:please\s+)?(?:remind\s+m[ei](?:\s+(?:to|fi))?\b|reminder\s*:?(?:\s*to\b)?|提醒我?(?:一下)?)\s*/i;
const CONNECTORS = /^(?:[\s,;:，；：、.—–-]|\b(?:and|then|to|about|re|on|at|in|for|with)\b)+|(?:[\s,;:，；：、.—–-]|\b(?:and|on|at|in)\b)+$/gi;

/**
 * What a message says besides who and when, when the parser read no note or action: the words a
 * log is about ("met Bill on the 2nd to go over the budget" → "go over the budget") or what a
 * reminder is for ("提醒我周五给王丽送会议资料" → "给王丽送会议资料"). Names are taken out of a
 * log's note (they are stored as who) but kept in a reminder's action. Empty when nothing is left
 * that says something.
 */
export function wordsBesides(text: string, kind: 'log' | 'reminder', names: (string | undefined)[], opts: { now: Date; tz: string }): string {
  let s = ` ${text.trim()} `;
  for (let i = 0; i < 2; i++) {
    const d = findDate(s, { now: opts.now, tz: opts.tz, lang: /\p{Script=Han}/u.test(s) ? 'zh' : 'en', forward: kind === 'reminder', durations: false });
    if (!d || !d.text) break;
    // `下礼拜一前把…`: the 前 (before) of the date goes with it.
    const rest = s.slice(d.index + d.text.length).replace(/^\s*(?:之前|以前|前)(?=\p{Script=Han})/u, '');
    s = `${s.slice(0, d.index)} ${rest}`;
  }
  s = s.replace(/\b(?:just now|earlier today|this (?:morning|afternoon|evening))\b|刚才|刚刚/gi, ' ');
  s = withoutPriorityWords(s.trim());
  if (kind === 'log') {
    s = s.replace(LOG_VERB, ' ');
    for (const n of names) if (n && n.length > 1) s = s.split(n).join(' ');
    // The kind of contact is stored as the type, not as a note ("打了电话", "had a call").
    s = s.replace(LOG_KIND_WORDS, ' ');
  } else s = s.replace(REMIND_VERB, ' ');
  s = s.replace(/\s+/g, ' ').replace(CONNECTORS, '').trim();
  const han = [...s.matchAll(/\p{Script=Han}/gu)].length;
  const words = s.split(' ').filter((w) => /[A-Za-z]{2,}/.test(w)).length;
  return han >= 2 || words >= 2 ? meaningful(s) : '';
}

/**
 * The future part of a report, as a follow-up's action: the last clause with a date ahead in it
 * ("visited umbrella today, hans needs the security whitepaper by monday" → "hans needs the
 * security whitepaper"), without the date and the "by" before it. Empty when there is none.
 */
/** A complaint said within a report, read from its clause on: its subject and priority. */
const COMPLAINT_IN_REPORT_RE = /\b(?:complain(?:ed|ing|s)?|giving out)\b|\b(?:moan(?:ed|ing)?|whing(?:ed|eing|ing)|grumbl(?:ed|ing))\s+(?:about|that|over|on)\b|\b(?:is|was|are|were|'s|'re)\s+(?:really |very |pretty |so |super |fair |proper )?(?:unhappy|upset|annoyed|furious|frustrated|fuming|angry|mad|raging|seething|livid|beelin'?g?|not happy)\b|(?:^|[,;.]\s*)(?:(?:really|very|quite|pretty|super)\s+)?(?:upset|unhappy|angry|annoyed|fuming|furious|livid|frustrated|mad)\s+(?:about|that|over|with|at)\b|投诉|抱怨|不满|吐槽|有意见|发火/i;

function complaintInReport(ctx: HandlerContext): { subject: string; priority: 'low' | 'normal' | 'high' | 'urgent' } | null {
  // (English as read: `Maria were on the fone moaning about…` is `…was on the phone, moaning about…`.)
  // (Chinese dictated with no stop, `拜访了王主任他投诉…`, is read as normalised: the clauses set apart.)
  const han = /\p{Script=Han}/u.test(ctx.text);
  const text = han && !/^[^,，;；。\s]*(?:投诉|抱怨|不满|吐槽|有意见|发火)/u.test(ctx.text) ? ctx.text : normaliseText(ctx.text);
  const m = COMPLAINT_IN_REPORT_RE.exec(text);
  if (!m) return null;
  // The clause the complaint starts in, to the end of the message.
  // (Chinese typed without punctuation separates its clauses with spaces: 拜访了仁和陈经理 他投诉…)
  const seps = [',', '，', ';', '；', '。', '. ', ' - ', ' – ', ...(/\p{Script=Han}/u.test(text) ? [' '] : [])];
  const start = Math.max(...seps.map((sep) => text.lastIndexOf(sep, m.index)));
  const clause = text.slice(start >= 0 ? start + 1 : 0).trim();
  if (!clause || start < 0) return null;
  const read = parse(clause, { now: ctx.now, tz: ctx.tz });
  const subject = withoutPriorityWords(read.intent === 'log_complaint' && read.entities.summary ? read.entities.summary : '').trim();
  if (!subject) return null;
  return { subject, priority: read.entities.priority ?? priorityInText(clause) ?? 'normal' };
}

export function futurePart(text: string, opts: { now: Date; tz: string; due?: string }): string {
  return futureClause(text, opts) ?? '';
}

/** As futurePart, but null when no clause says the follow-up's day at all (to try the words as read). */
/** `send Peter Gibbins the quote` for Peter Gibbons: a name misheard or mistyped in a title, as the record has it. */
function asRecorded(title: string, name: string | undefined): string {
  const parts = name && !/\p{Script=Han}/u.test(name) ? name.split(/\s+/) : [];
  if (parts.length < 2) return title;
  const [first, last] = [parts[0]!, parts.slice(1).join(' ')];
  return title.replace(new RegExp(`\\b${escapeRe(first)}\\s+(\\p{Lu}[\\p{L}'-]+)`, 'gu'), (m, l: string) =>
    l !== last && l.length >= 4 && editDistance(l.toLowerCase(), last.toLowerCase(), 2) <= 2 ? `${first} ${last}` : m);
}

export function futureClause(text: string, opts: { now: Date; tz: string; due?: string; spaced?: boolean; names?: string[] }): string | null {
  // Chinese often separates clauses with a space: "聊了试用的事 周五再约她见面" (unless it spaces
  // its words: "周五 EOD 前 发给他").
  // (Dictated without commas: `…at Acme yesterday and Tom needs the test plan by Thursday`, a clause of what someone wants starts after and.)
  // (A sentence's stop ends a clause before a capital, or before a day whatever its case: `…certificate problem. friday I must check…`.)
  const clauses = text.split(opts.spaced ?? wordsSpaced(text) ? /[,;，；。]+|(?<!\b(?:Mr|Mrs|Ms|Dr|Prof|St|vs|etc|No))[.?!]\s+(?=[A-Z]|(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tmrw|today|tonight|next)\b)/u : /[,;，；。]+|(?<!\b(?:Mr|Mrs|Ms|Dr|Prof|St|vs|etc|No))[.?!]\s+(?=[A-Z]|(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tmrw|today|tonight|next)\b)|(?<=\p{Script=Han})\s+(?=\p{Script=Han})/u)
    // (`…about the SSO add-on tom needs the test plan by friday`: a person named in the message, said in lower case, too.)
    .flatMap((c) => c.split(new RegExp(`\\s+(?:(?:and|so|but)\\s+)?(?=(?:he|she|they|[A-Z][a-z]+${(opts.names ?? []).filter((n) => /^[A-Za-z]{2,}$/.test(n)).map((n) => `|${escapeRe(n)}`).join('')})\\s+(?:needs?|wants?|asked for|is waiting for|would like|expects|requested)\\b)`)))
    .map((c) => c.trim()).filter(Boolean);
  if (clauses.length < 2) return '';
  for (const c of clauses.reverse()) {
    const d = findDate(c, { now: opts.now, tz: opts.tz, lang: /\p{Script=Han}/u.test(c) ? 'zh' : 'en', forward: true, durations: false });
    if (!d?.text) continue;
    // (`went doon to Globex on tuesday…, she wants a call back in a fortnight`: the clause of the follow-up's day, not the visit's;
    // `…they decide next week. pls remind me to ping him thursday`: a clause may say another day before it.)
    if (opts.due && d.iso) {
      let said: typeof d | undefined = d;
      let rest = c;
      for (let k = 0; said?.text && said.iso && said.iso.slice(0, 10) !== opts.due.slice(0, 10) && k < 3; k++) {
        rest = rest.replace(said.text, ' ');
        said = findDate(rest, { now: opts.now, tz: opts.tz, lang: /\p{Script=Han}/u.test(c) ? 'zh' : 'en', forward: true, durations: false });
      }
      if (!said?.iso || said.iso.slice(0, 10) !== opts.due.slice(0, 10)) continue;
    }
    const rest = wordsBesides(c.replace(/^(?:(?:kindly|please|pls|plz|also|and|so|then|just|do)\s+)+(?=remind\b)/i, ''), 'reminder', [], opts).replace(/\s*(?:\b(?:by|before|until|due|on)\b(?:\s+the)?|之前|以前|前)\s*$/i, '').replace(/^(?:(?:她|他|对方|客户|人家)?(?:说|让我?|要我|要求|希望我?))\s*/, '').replace(/^(?:下班|eod|cob)(?:之前|以前|前)?\s*/i, '').replace(/^(?:之前|以前|前|再(?!去|来|访|拜访|跑|见|约))\s*/, '').replace(/^(?:准备|打算|计划|拟|将会?)\s*/u, '').replace(/^(?:i|we)\s+(?:must|will|'ll|need to|have to|gotta|got to|should|am going to|'m going to|gonna)\s+(?=\w)/i, '').trim();
    // "周五前给她": nothing said but to whom — the note says what is due.
    // "周五送过去": a verb of bringing says nothing either.
    // (`下礼拜一再约他`: meeting them again is what is to be done.)
    if (/^再约(?:他|她|他们|她们|一下)?(?:见面|吃饭|聊聊)?$/u.test(rest.trim())) return rest.trim();
    // (`晏饭前我拨伊送过去`: when in the day — before lunch, after work — says nothing of what either.)
    if (/\p{Script=Han}/u.test(rest) && (rest.replace(/(?:晏饭|午饭|中饭|晚饭|吃饭|饭|下班|上班|开会|中午|上午|下午|早上|晚上|头午|前晌|后晌)(?:前|后|之前|以前|之后|以后)?|(?:一批|一些|一点|一份|一箱|一盒|点|些)|[他她它们我你给把再去找跟和送发带交寄过来克达到\s]/gu, '').match(/\p{Script=Han}/gu)?.length ?? 0) < 2) {
      // (`他说想要一份完整的报告，下周一给他送过去`: what is brought is what they asked for, said before.)
      const verb = /(送|发|带|寄|交|拿)/u.exec(rest)?.[1];
      const before = text.slice(0, Math.max(0, text.indexOf(c)));
      // (`他要 新的 promo 方案`: the words of what they want may stand apart.)
      const wanted = verb ? [...before.replace(/(?<=\p{Script=Han}|[A-Za-z])\s+(?=\p{Script=Han})|(?<=\p{Script=Han})\s+(?=[A-Za-z])/gu, '').matchAll(/(?:想要|要|需要)(?:一份|一个|一些|些|点|份|个)?(?:完整的|新的|最新的)?([^,，。;；\s]{2,24}(?:\s[A-Za-z][A-Za-z-]*){0,3})|(?<=^|[,，。;；\s]|说|讲|话)(?:那个|那些|这个)?([^,，。;；\s说讲话]{2,10}?)(?:还)?(?:没|冇|未)(?:有)?(?:收到|收着|拿到|到|收)|(?<=^|[,，。;；\s])(?:那个|那些|这个)?([^,，。;；\s说讲话他她伊]{2,10}?)(?:他|她|伊)?(?:说|讲)?(?:已经|快)?(?:用完|用光|没了|不够)/gu)].map((m) => m[1] ?? m[2] ?? m[3]).pop() : undefined;
      return wanted ? `${verb}${wanted.replace(/(?:吧|嘛|哈|啊|呢)$/u, '')}` : '';
    }
    // "follow up with him on friday": nothing said but to do it.
    if (/^\s*(?:follow[- ]?up|check in|touch base|circle back|reach out|ping|chase|call|email)(?:\s+(?:with|to|on))?(?:\s+(?:him|her|them|it))?\s*$/i.test(rest)) return '';
    // (`remind me to reply her until Friday`: a reply is an action of its own, to whoever wrote.)
    const reply = /^\s*(?:reply|respond|answer|write back|get back)(?:\s+to)?\s+(him|her|them)\s*$/i.exec(rest);
    if (reply) return `reply to ${reply[1]!.toLowerCase()}`;
    // "send it by thurs": a verb and a pronoun say nothing the note does not.
    if (/^\s*\w+\s+(?:it|them|that|this|him|her|over|back|out)\s*$/i.test(rest)) return '';
    return meaningful(rest);
  }
  return null;
}

/**
 * A follow-up's title names whom it is with, as a to-do list read later must (`送采购单那事儿` alone
 * says nothing of 赵敏): the words said before it when they name them (`给赵敏送采购单那事儿`,
 * `Follow up with Hans Müller on the pilot budget`), a pronoun put as the name (`Tom Baker needs the SSO
 * test plan`), else the name after it.
 */
export function namingTitle(title: string, text: string, party: { said?: string | undefined; name?: string | undefined; type?: string | undefined }, lang: 'en' | 'zh'): string {
  const name = party.name ?? party.said;
  if (!title || !name) return title;
  // What the message called them, when it is them: the name, part of it, or 张主任 for 张伟.
  const said = party.said && (name.toLowerCase().includes(party.said.toLowerCase()) || (lang === 'zh' && party.said[0] === name[0])) ? party.said : name;
  // (仁和 for 仁和大药房: a long Chinese name is said by its first two characters.)
  const forms = [said, name, ...(lang === 'zh' ? ([...name].length >= 4 && /^\p{Script=Han}+$/u.test(name) ? [[...name].slice(0, 2).join('')] : []) : name.split(/\s+/).filter((x) => x.length >= 3))];
  if (forms.some((f) => title.toLowerCase().includes(f.toLowerCase()))) return title;
  if (lang === 'zh') {
    // 提醒我给赵敏送采购单那事儿: the verb and the person before the action are part of it.
    // (Read as the parser read it: Wu `搭李主任约…` is 跟李主任约….)
    const t = normaliseText(text).replace(/\s+/g, '');
    const head = title.replace(/\s+/g, '').slice(0, 2);
    // (给仁和陈经理打电话: an account said between the verb and the person stays, and its 和 is no verb.)
    const m = new RegExp(`(给|跟|和|同|向|找|约|帮|去见|见|拜访)((?:[^给跟同向找约帮见了，,\\s]{2,6}?的?)?)${escapeRe(said)}(?:的|那边|那里)?[,，]?(?=${escapeRe(head)})`, 'u').exec(t);
    if (m) return `${m[1]}${m[2]}${said}${title.replace(/^[,，\s]+/, '')}`;
    // 要把学术会的资料给他: 他 is the person.
    if (/(?:给|跟|和|找|约|问)(?:他|她)(?!们)/.test(title)) return title.replace(/^(?:要|得|需要)/, '').replace(/(给|跟|和|找|约|问)(?:他|她)(?!们)/, `$1${said}`);
    return party.type && party.type !== 'note' ? `${actionFor(party.type, name, lang)}：${title}` : `${title}（${name}）`;
  }
  // `he needs the SSO test plan`: the one who needs it, by name.
  if (/^(?:he|she|they)\b/i.test(title)) return title.replace(/^(?:he|she|they)\b/i, name);
  // `remind me … to follow up with Hans on the pilot budget`: the action said with the person.
  // (Read in plain words: `check in wit Hans bout de pilot`.)
  text = normaliseText(text);
  const m = new RegExp(`\\b(follow up|check in|touch base|catch up|circle back|sync up|call|phone|ring|email|e-mail|meet|visit|see|ping|text|message|chase)\\s+(?:with\\s+)?${escapeRe(said)}\\s+(on|about|re|regarding|over|for)\\s+${escapeRe(title)}`, 'i').exec(text);
  if (m) return `${m[1]!.charAt(0).toUpperCase()}${m[1]!.slice(1).toLowerCase()}${/^(?:follow up|check in|touch base|catch up|circle back|sync up)$/i.test(m[1]!) ? ' with' : ''} ${name} ${m[2]!.toLowerCase()} ${title}`;
  // `remind us to call maria… she's wanting an update on the backlog`: the call, about what was said.
  return party.type && party.type !== 'note' ? `${actionFor(party.type, name, lang)} about ${title}` : `${title} (${name})`;
}

/** `remind me on Thursday to call him`: a reminder to be in touch, and nothing else. */
const REMIND_TO_CONTACT_RE = /\bremind me\b[^.;!?]{0,40}?\bto\s+(call|phone|ring|email|e-mail|text|message|visit|meet|see)\s+(?:him|her|them)\b\s*(?:again\s*)?[.!]?\s*$/i;
const CONTACT_VERB_TYPE: Record<string, string> = { call: 'call', phone: 'call', ring: 'call', email: 'email', 'e-mail': 'email', text: 'message', message: 'message', visit: 'visit', meet: 'meeting', see: 'meeting' };

/** `remind me next Monday to review it`: the action done to what was said before. */
const REMIND_TO_IT_RE = /\bremind me\b[^.;!?]{0,40}?\bto\s+([a-z]+(?:\s+(?:over|through|up))?\s+(?:it|them|that|this))\b/i;

/**
 * What someone will do, said in a clause of its own (`He is yet to share the user list`, `I will be
 * sending him the revised terms`), when the dated clause says only to follow up: the follow-up's title.
 */
function saidAhead(text: string, opts: { now: Date; tz: string }): string {
  const m = /(?:^|[,;.]\s*)(?:(?:and|so|but)\s+)?(?:he|she|they|we|i)(?:'ll| will(?: be)?| is yet to| are yet to| has yet to| have yet to| needs? to| wants? to| is going to| am going to| are going to)\s+([^,;.]{6,80})/i.exec(text);
  if (!m) return '';
  const d = findDate(m[1]!, { now: opts.now, tz: opts.tz, lang: 'en', forward: true, durations: false });
  const s = (d ? m[1]!.slice(0, d.index) + m[1]!.slice(d.index + d.text.length) : m[1]!).replace(/\s*\b(?:by|on|before|until|in)\s*$/i, '').trim();
  return /[a-z]{3}/i.test(s) && s.split(/\s+/).length >= 2 ? meaningful(s) : '';
}

/** Whether `text` says something besides the names given and a verb of contact. */
function hasContent(text: string, names: (string | undefined)[]): boolean {
  let s = ` ${text} `;
  for (const n of names) if (n && n.length > 1) s = s.split(n).join(' ');
  s = s.replace(/\b(?:call|phone|ring|email|e-mail|visit|meet|see|ping|text|message|follow up(?: with)?|check in(?: with)?|touch base(?: with)?|with|to|at)\b|打(?:个)?电话|打给|给|拜访|联系|见|约/gi, ' ');
  const han = [...s.matchAll(/\p{Script=Han}/gu)].length;
  const words = s.split(/\s+/).filter((w) => /[A-Za-z]{2,}/.test(w)).length;
  return han >= 2 || words >= 1;
}

export function sanityCheckDate(ctx: HandlerContext, d: Date | undefined, what: 'when' | 'due'): HandlerResult | null {
  if (!d) return null;
  const years = (d.getTime() - ctx.now.getTime()) / (365 * 86_400_000);
  if (years > 5 || years < -20 || (what === 'when' && d.getTime() - ctx.now.getTime() > 86_400_000)) {
    return {
      replies: [
        {
          kind: 'error',
          text: L(
            ctx.lang,
            what === 'when' ? "That date is in the future; I can only log what already happened. Say when it happened, e.g. 'yesterday 3pm'." : 'That date is too far away to be a follow-up. Try a date within the next few years.',
            what === 'when' ? '这个时间在未来，只能记录已经发生的拜访。请说明发生时间，例如“昨天下午三点”。' : '这个日期太远了，不像是跟进时间。请给出几年内的日期。',
          ),
        },
      ],
    };
  }
  return null;
}

export const logInteraction: Handler = async (ctx, entities, resolved) => {
  // An "Edit" answer saved by an earlier version: the message is the new note.
  if (resolved.editInteractionId) {
    return applyEdit(ctx, { entity: 'interaction', id: resolved.editInteractionId }, { summary: (entities.summary ?? ctx.message.text).trim() }, {});
  }
  const who = await resolveParty(ctx, 'log_interaction', entities, resolved, 'any', {
    en: 'Who did you meet or talk to?',
    zh: '你拜访或联系了谁？',
  });
  if (!who.ok) return who.result;
  let { party } = who;
  const others = await resolveOthers(ctx, 'log_interaction', entities, { ...resolved, contactId: party.contactId, accountId: party.accountId }, party.contactId);
  if (!others.ok) return others.result;
  // `Yesterday I visited Soylent, Wei Ling wants…`: the one person named at the account visited is whom it was with.
  if (!party.contactId && party.accountId && others.ids.length === 1 && (entities.others?.length ?? 0) === 1) {
    const one = await ctx.services.contacts.getContact(ctx.actor, others.ids[0]!).catch(() => null);
    if (one?.accountId === party.accountId) {
      party = await describeParty(ctx, { contactId: one.id, accountId: party.accountId });
      others.ids = [];
      entities = { ...entities, contact: entities.others![0]!, others: [] };
    }
  }
  // A kind the message does not say is not stored: the one kind its words do say ("caught up with
  // Maria on the phone", "记录一次拜访" read as a note), else it is asked ("caught up with Peter").
  const read =
    // The kind said in what the contact was about ("re the workshop follow-ups") is no kind of contact.
    // (Read in plain words: `克了趟协和` is `去了趟`, a visit.)
    // (Not in the reminder asked for after it: `…, remind me to email her the quote friday` says what is to come.)
    !entities.interactionType || !typeIsSaid(entities.interactionType, withoutTopic(normaliseText(ctx.text), entities.summary))
      ? ((typeSaidOnly(withoutTopic(normaliseText(ctx.text), entities.summary).replace(/[,，;；.。]?\s*(?:(?:pls|please|kindly)\s+)?(?:remind me|提醒我)[\s\S]*$/iu, '')) as typeof entities.interactionType) ?? undefined)
      : entities.interactionType;
  const type = resolved.interactionType ?? read;
  if (!type) {
    // The message did not say what kind of contact it was: asked, not guessed.
    const kinds = ['visit', 'call', 'meeting', 'email', 'message', 'note'] as const;
    return askToChoose(
      ctx, 'log_interaction', entities, { ...resolved, contactId: party.contactId, accountId: party.accountId, otherIds: resolved.otherIds ?? [] }, 'type',
      L(ctx.lang, `Was it a visit, a call, a meeting…? (with ${party.label})`, `是拜访、电话还是会议……？（${party.label}）`),
      kinds.map((k) => ({ id: k, kind: 'option' as const, label: k === 'note' ? L(ctx.lang, 'Just a note', '只是备注') : typeWord(k, ctx.lang) })),
    );
  }
  // Words that say when, left unread (`round about twelve thirty`, `二十号那天擦黑`): the time is asked, not guessed.
  const unread = resolved.timeAsked ? null : unreadTime(normaliseText(ctx.text), { now: ctx.now, tz: ctx.tz, lang: ctx.lang });
  if (unread) {
    const read = formatWhen(parseIso(entities.when) ?? ctx.now, ctx.tz, ctx.lang, ctx.now);
    return {
      replies: [{ kind: 'question', text: L(ctx.lang,
        `When was it (${typeWord(type, 'en')} with ${party.label})? I could not read "${unread.text}" — I have ${read}. Say "yes" to keep that, or the day and time, for example "yesterday 4pm".`,
        `是什么时候（和${party.label}的${typeWord(type, 'zh')}）？“${unread.text}”我没看懂，目前记的是${read}。回复“是”保留，或说日期和时间，例如“昨天下午四点”。`) }],
      pending: { type: 'slot', intent: 'log_interaction', entities: { ...entities, when: entities.when ?? ctx.now.toISOString() }, resolved: { ...resolved, contactId: party.contactId, accountId: party.accountId, otherIds: resolved.otherIds ?? [], interactionType: type, timeAsked: true }, slot: 'when', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
    };
  }
  const occurredAt = parseIso(entities.when) ?? ctx.now;
  const due = parseIso(entities.due);
  const bad = sanityCheckDate(ctx, occurredAt, 'when') ?? sanityCheckDate(ctx, due, 'due');
  if (bad) return bad;
  // (`…，伊爱样品，下周二帮我提醒`: the ask to be reminded is no part of the note, nor an action of its own.)
  const REMIND_ONLY = /(?:^|[,，;；]\s*)(?:你)?(?:帮我|记得|麻烦)?提醒(?:我|一下)?(?:吧|哈|啊)?[.。!！]*$/u;
  // (`帮我记一下 刘医生讲…学术会，提醒我礼拜五…`: a note asked for before a reminder is the note, whole.)
  const noteAsked = /^(?:帮我|请|麻烦)?(?:记一下|记下|记个|备注)[\s,，:：]*(.+?)[，,；;。.\s]+(?:你\s*)?(?:帮我)?提醒我/u.exec(normaliseText(ctx.text))?.[1];
  const summary = meaningful(noteAsked) || meaningful(entities.summary?.replace(REMIND_ONLY, '')) || (entities.due ? '' : wordsBesides(ctx.text, 'log', [entities.contact, entities.account, ...(entities.others ?? []), party.contactName, party.accountName], { now: ctx.now, tz: ctx.tz }));
  // The follow-up is what the dated clause says ("周五再约她见面"), else the note.
  // (`佢讲采购单个事 下礼拜二要𠊎送过去`: a carrying verb with nothing carried takes the matter the note names.)
  // (A report dictated with no stop in it is read with the stops its clauses have: `…about the contract he wants the red lines next week`.)
  const aheadSaid = due ? saidAhead(ctx.lang === 'en' && !/[,.;:!?]/.test(ctx.text) ? normaliseText(ctx.text) : ctx.text, { now: ctx.now, tz: ctx.tz }) : '';
  const carried = ctx.lang === 'zh' ? /^(?:要|得|让|叫)?(?:我|𠊎|俺)?(?:要|得)?(送|拿|带|发|寄|交)(过去|去|过来)$/u.exec(aheadSaid.trim()) : null;
  const matter = carried ? /^([\p{Script=Han}A-Za-z0-9]{2,10}?)(?:的|个)(?:事|事情|东西)/u.exec(meaningful(entities.summary) ?? '') : null;
  const ahead = carried && matter ? `${carried[1]}${matter[1]}${carried[2]}` : aheadSaid;
  // `She will send me the list by Friday. Remind me next Monday to review it.`: what I am to do, and what `it` is.
  const itAction = ahead ? REMIND_TO_IT_RE.exec(ctx.text)?.[1] : undefined;
  // `he will sign next week, remind me on Thursday to call him`: the reminder says what I am to do.
  // (`…, remind me on Thursday to call him`: to call them, about what the note says.)
  const bareAction = due ? REMIND_TO_CONTACT_RE.exec(ctx.text)?.[1]?.toLowerCase() : undefined;
  const whoFor = party.contactName ?? party.accountName ?? '';
  const callThem = bareAction ? actionFor(CONTACT_VERB_TYPE[bareAction], whoFor, ctx.lang) + (summary ? `: ${summary}` : '') : '';
  // `remind me to prepare it for Friday`: what `it` is, from the note (`she requested a demo of the SSO`).
  // (Read in plain words: `夜个…，12.3之前把货送过去` says 昨天 and 12月3日.)
  // (In English the words as typed, else as the parser reads them: `in a fortnight aboot the backlog`.)
  // (`…by tuesday hon`: what is said to whoever reads is no part of it.)
  const future = due ? (futureClause(/\p{Script=Han}/u.test(ctx.text) || !/[,.;:!?]/.test(ctx.text) ? normaliseText(ctx.text) : typedWords(ctx.text), { now: ctx.now, tz: ctx.tz, spaced: wordsSpaced(ctx.text), names: (entities.others ?? []).map((o) => o.trim().split(/\s+/)[0]!), ...(entities.due ? { due: entities.due } : {}) }) ?? (/\p{Script=Han}/u.test(ctx.text) ? '' : futurePart(normaliseText(ctx.text), { now: ctx.now, tz: ctx.tz, ...(entities.due ? { due: entities.due } : {}) }))).replace(/\s+(?:for|by|on|until|before)$/i, '') : '';
  // (`he is wanting the security whitepaper, … remind me to send same`: what is sent is what they want.)
  const sendWhat = /^(send|bring|email|e-mail|forward|share|deliver|mail|give|drop off)\s+(?:it|them|same|the same|that|this|those)\s*$/i.exec(future);
  const wantedThing = sendWhat && summary ? /\b(?:wants?|wanting|needs?|needing|asked for|asking for|requested|would like|is waiting for)\s+((?:the|a|an|some|his|her|their)\s+[^,.;]{3,60})$/i.exec(summary)?.[1] : undefined;
  // (`张主任那边要一份进药的申请表，提醒我明天…给张主任送过去`: in Chinese, what is brought over is what they want.)
  const zhBring = /^(.*?(?:送|拿|带|发|寄|交))(?:过去|过来|去|给他|给她)$/u.exec(future);
  const zhWanted = zhBring && summary ? /(?:要|需要|想要|等着)(?:一份|一个|一些|一套|份|个|些)?([^,，。；;]{2,20})/u.exec(summary)?.[1] : undefined;
  const futureSaid = zhWanted ? `${zhBring![1]}${zhWanted}` : wantedThing ? `${sendWhat![1]} ${wantedThing}` : REMIND_ONLY.test(future) && !future.replace(REMIND_ONLY, '').trim() ? '' : future && summary && /\b(?:it|them|that|this|same|the same)\b/i.test(future) && !/\p{Script=Han}/u.test(future) ? `${future}: ${summary}` : future;
  // `met sarah and tom at acme…, tom needs the SSO test plan by thurs`: the follow-up is with whoever needs it
  // (or whoever the reminder names).
  const otherNames = entities.others ?? [];
  const k = due
    ? otherNames.findIndex((o) => new RegExp(`(?:^|[,;.]\\s*|\\s)${namedAs(o, entities.contact)}(?:,?\\s+(?:he|she|they))?\\s+(?:needs?|wants?|wahn|asked for|is waiting for|expects|requested|would like)\\b`, 'i').test(ctx.text)
      // (`…同李主任和张主任开会，张主任要那份进药资料，礼拜五前拿给他`: in Chinese, the one who wants it said at a clause's start.)
      || new RegExp(`(?:^|[,，;；。.\\s]\\s*)${escapeRe(o)}(?:那边|那里|这边|他们)?(?:说)?(?:要|想要|需要|让我|叫我|等着)`, 'u').test(normaliseText(ctx.text))
      // (`…peter and bill were both there…, I gotta get bill the revised pricing by monday`: the one the follow-up's words name.)
      || (future !== '' && new RegExp(`\\b${escapeRe(o)}\\b`, 'i').test(future) && !(entities.contact && new RegExp(`\\b${escapeRe(entities.contact)}\\b`, 'i').test(future)))
      // (`…Please remind me to chase Tom for the test plan next Wednesday.`: the one the reminder names.)
      || new RegExp(`\\bremind me\\b[^.;!?]{0,30}?\\bto\\s+(?:chase|call|phone|ring|email|e-mail|ping|text|message|visit|see|meet|nudge|send|follow up with|check in with|get back to)\\s+${escapeRe(o)}\\b`, 'i').test(ctx.text)) : -1;
  // (`quick call w peter at initech, bill needs the contract redlines by monday`: someone not at the call, at the
  // same account, who needs what the follow-up brings — when the name is one person there and no one else.)
  const needer = k < 0 && due && party.accountId ? /(?:^|[,;.]\s*|\band\s+)([A-Za-z][a-z'-]+)(?:\s+[A-Z][a-z'-]+)?,?\s+(?:needs?|wants?|asked for|is waiting (?:on|for)|expects)\b/.exec(ctx.text)?.[1] : undefined;
  const neederMatch = needer && !/^(?:he|she|they|it|we|i|you|who|that|this|everyone|client|customer)$/i.test(needer) && (!entities.contact || !new RegExp(`^${escapeRe(needer)}\\b`, 'i').test(entities.contact))
    ? await ctx.services.resolution.resolve(ctx.actor, needer, { kind: 'contact', limit: 10 })
      .then((r) => (r.status === 'found' && r.match.accountId === party.accountId && r.match.id !== party.contactId ? r.match : undefined)).catch(() => undefined)
    : undefined;
  const followTitle = namingTitle((due ? futureSaid || (itAction ? `${itAction}: ${ahead}` : callThem || ahead) : '') || summary
    || actionFor(undefined, whoFor, ctx.lang), ctx.text,
    neederMatch ? { said: needer!, name: neederMatch.name }
      : k >= 0 ? { said: otherNames[k]! } : { said: entities.contact ?? entities.account, name: whoFor || undefined }, ctx.lang);
  // (By place when every name stood for one person; else the name said is looked up: `Tom Baker … Tom needs`.)
  const followWhoId = neederMatch?.id ?? (k < 0 ? undefined : otherNames.length === others.ids.length ? others.ids[k]
    : await ctx.services.resolution.resolve(ctx.actor, otherNames[k]!, { kind: 'contact', limit: 10 })
      .then((r) => (r.status === 'found' && others.ids.includes(r.match.id) ? r.match.id : undefined)).catch(() => undefined));
  const result = await ctx.services.interactions.logInteraction(ctx.actor, {
    ...(party.contactId ? { contactId: party.contactId } : {}),
    ...(party.accountId ? { accountId: party.accountId } : {}),
    ...(others.ids.length ? { participantIds: others.ids } : {}),
    type,
    occurredAt,
    summary,
    nextStep: due ? followTitle : null,
    channel: ctx.message.channel,
    sourceMessageId: ctx.sourceMessageId ?? null,
    ...(due ? { followUp: { title: followTitle, dueAt: due, ...(followWhoId ? { contactId: followWhoId } : {}), ...(entities.priority && entities.priority !== 'normal' ? { priority: entities.priority } : {}) } } : {}),
  });
  const i = result.interaction;
  // "called Peter, he's complaining the reports keep timing out, pretty urgent": the complaint said
  // in the report is opened as a complaint too (24-hour first response), with the visit's message.
  const complaint = result.duplicate ? null : complaintInReport(ctx);
  const ticket = complaint
    ? await ctx.services.tickets.openTicket(ctx.actor, {
        accountId: i.accountId,
        contactId: i.contactId ?? null,
        kind: 'complaint',
        priority: complaint.priority,
        subject: complaint.subject,
        description: ctx.text,
        ...(ctx.sourceMessageId ? { sourceMessageId: ctx.sourceMessageId } : {}),
      })
    : null;
  const names: string[] = [];
  for (const id of i.participantIds.filter((p) => p !== i.contactId)) {
    const p = await describeParty(ctx, { contactId: id });
    names.push(p.contactName ?? p.label);
  }
  const label = result.duplicate ? (await describeParty(ctx, { contactId: i.contactId ?? undefined, accountId: i.accountId })).label : party.label;
  const when = formatWhen(i.occurredAt, ctx.tz, ctx.lang, ctx.now);
  const tw = typeWord(i.type, ctx.lang);
  const also = names.length ? L(ctx.lang, `, also ${listWords(names, 'en')}`, `，还有${listWords(names, 'zh')}`) : '';
  const parts: string[] = [];
  // A duplicate quotes what was stored the first time, not this message's wording.
  if (i.summary) parts.push(part(ctx, 'Note', '内容', i.summary));
  if (result.task) parts.push(part(ctx, 'Follow-up', '跟进', `${result.task.title}${L(ctx.lang, ', ', '，')}${formatWhen(result.task.dueAt, ctx.tz, ctx.lang, ctx.now)}`));
  if (others.left.length) parts.push(part(ctx, 'Not recorded (not found)', '未记录（没有找到）', listWords(others.left, ctx.lang)));
  if (ticket) {
    const due = formatWhen(ticket.firstResponseDueAt, ctx.tz, ctx.lang, ctx.now);
    parts.push(part(ctx, 'Complaint opened', '已登记投诉', L(ctx.lang, `"${ticket.subject}"${ticket.priority !== 'normal' ? ` (${priorityWord(ticket.priority, 'en')})` : ''}, first response due ${due}`, `“${ticket.subject}”${ticket.priority !== 'normal' ? `（${priorityWord(ticket.priority, 'zh')}）` : ''}，需在${due}前首次响应`)));
  }
  const head = ctx.lang === 'zh' ? `已记录${tw}：${label}${also}，${when}。` : `Logged ${tw} with ${label}${also} ${when}.`;
  let text = sentence(ctx, head, parts);
  if (result.duplicate) {
    text = L(ctx.lang, 'Already logged: ', '已经记录过：') + text;
    return { ...written(ctx, text, { entity: 'interaction', id: i.id }), wrote: false };
  }
  return written(ctx, text, { entity: 'interaction', id: i.id });
};

/** `text` without `words` (the words that say when and were asked about: they are no part of a title). */
function withoutWords(text: string, words: string): string {
  const i = text.toLowerCase().indexOf(words.toLowerCase());
  return i < 0 ? text : `${text.slice(0, i)} ${text.slice(i + words.length)}`.replace(/\s{2,}/g, ' ').replace(/\s+([,.;，。；])/g, '$1').trim();
}

/**
 * A pattern for a person as they may be said again later in a message: the name as said, or its first word
 * alone (`sara chin and tom baker … tom needs`) when that word is not also the first of the main person's name.
 */
function namedAs(name: string, main: string | undefined): string {
  const first = name.trim().split(/\s+/)[0]!;
  const mainFirst = main?.trim().split(/\s+/)[0]?.toLowerCase();
  return first !== name.trim() && /^[A-Za-z]{2,}$/.test(first) && first.toLowerCase() !== mainFirst ? `(?:${escapeRe(name)}|${escapeRe(first)})` : escapeRe(name);
}

export const scheduleFollowup: Handler = async (ctx, entities, resolved) => {
  const due = parseIso(entities.due ?? entities.when);
  if (!due) {
    return {
      replies: [{ kind: 'question', text: L(ctx.lang, 'When should I remind you? For example "tomorrow 3pm" or "next Tuesday".', '什么时候提醒你？例如“明天下午三点”或“下周二”。') }],
      pending: { type: 'slot', intent: 'schedule_followup', entities, resolved, slot: 'due', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
    };
  }
  if (due.getTime() <= ctx.now.getTime()) {
    return {
      replies: [{ kind: 'question', text: L(ctx.lang, `${formatWhen(due, ctx.tz, ctx.lang, ctx.now)} has already passed. When should I remind you?`, `${formatWhen(due, ctx.tz, ctx.lang, ctx.now)}已经过去了。什么时候提醒你？`) }],
      pending: { type: 'slot', intent: 'schedule_followup', entities: { ...entities, due: undefined, when: undefined }, resolved, slot: 'due', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
    };
  }
  // (`remind me thursday round about half three`: words that say when, left unread — the time is asked.)
  const unread = resolved.timeAsked ? null : unreadTime(normaliseText(ctx.text), { now: ctx.now, tz: ctx.tz, lang: ctx.lang });
  if (unread) {
    return {
      replies: [{ kind: 'question', text: L(ctx.lang,
        `When should I remind you? I could not read "${unread.text}" — I have ${formatWhen(due, ctx.tz, ctx.lang, ctx.now)}. Say "yes" to keep that, or the day and time, for example "tomorrow 3pm".`,
        `什么时候提醒你？“${unread.text}”我没看懂，目前是${formatWhen(due, ctx.tz, ctx.lang, ctx.now)}。回复“是”保留，或说日期和时间，例如“明天下午三点”。`) }],
      pending: { type: 'slot', intent: 'schedule_followup', entities: { ...entities, ...(entities.summary ? { summary: withoutWords(entities.summary, unread.text) } : {}) }, resolved: { ...resolved, timeAsked: true }, slot: 'due', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
    };
  }
  const bad = sanityCheckDate(ctx, due, 'due');
  if (bad) return bad;
  let party: Awaited<ReturnType<typeof resolveParty>> | null = null;
  if (!entities.contact && !entities.account && !resolved.contactId && !resolved.accountId) {
    // The parser read no name ("提醒我周五给王丽送会议资料"): someone the user knows named in the
    // message, only when exactly one record fits; else the reminder is about no one.
    const m = await ctx.services.resolution.mentions(ctx.actor, ctx.text, { kind: 'any' });
    if (m.status === 'found') resolved = { ...resolved, ...(m.match.kind === 'contact' ? { contactId: m.match.id } : { accountId: m.match.id }) };
    else if (m.status === 'none') {
      // "get bill the signed NDA by tmrw": one contact whose first name is a word of the message.
      const byFirst = await firstNameMentioned(ctx, ctx.text);
      if (byFirst) resolved = { ...resolved, contactId: byFirst.id };
    }
  }
  // "提醒我周五跟王芳过一下协和续约": a colleague named is no customer; the reminder is the user's own.
  // (`…review the Globex proposal together with Jing Chen`: with the account named too, the reminder is about the account.)
  if (entities.contact && !resolved.contactId && !resolved.accountId && ctx.actor.kind === 'user') {
    const asContact = await ctx.services.resolution.resolve(ctx.actor, entities.contact, { kind: entities.account ? 'contact' : 'any' });
    if (asContact.status === 'none' && (await ctx.services.resolution.resolveUser(ctx.actor, entities.contact, { anyColleague: true })).status === 'found') {
      entities = { ...entities, contact: undefined };
      // `提醒我礼拜四跟陈静过一下华山的试用方案`: the account the message names besides, when exactly one fits.
      if (!entities.account) {
        const m = await ctx.services.resolution.mentions(ctx.actor, ctx.text, { kind: 'account' });
        if (m.status === 'found' && m.match.kind === 'account') resolved = { ...resolved, accountId: m.match.id };
      }
    }
  }
  if (entities.contact || entities.account || resolved.contactId || resolved.accountId) {
    party = await resolveParty(ctx, 'schedule_followup', entities, resolved, 'any', { en: 'Who is it about?', zh: '是关于谁的？' });
    if (!party.ok) return party.result;
  }
  const p = party?.ok ? party.party : undefined;
  // The action as said; else what the message names: "Call Maria Garcia", "拜访李明".
  // (`remind me to call 张主任 …` in English: the name as written, not its Latin form.)
  const whoOne = ctx.lang === 'en' && p?.contactId && entities.contact && /\p{Script=Han}/u.test(entities.contact) ? entities.contact : p?.contactName ?? p?.accountName;
  // (`a meeting with Tom and Sarah`: both, as said.)
  // (Each by their whole name when it is one contact at the same account: `tom n sarah at acme` → Tom Baker and Sarah Chen.)
  const othersNamed = await Promise.all((entities.others ?? []).map((o) => ctx.services.resolution.resolve(ctx.actor, o, { kind: 'contact' })
    .then((r) => (r.status === 'found' && r.match.kind === 'contact' && (!p?.accountId || r.match.accountId === p.accountId) && !/\p{Script=Han}/u.test(o) === (ctx.lang === 'en') ? r.match.name : o))
    .catch(() => o)));
  const whoName = whoOne && p?.contactId && othersNamed.length ? listWords([whoOne, ...othersNamed], ctx.lang) : whoOne;
  // A priority said as a clause of its own ("Important: …", "…，很重要") is the task's priority, not
  // part of its title, also when the parser left it in the text.
  const priority = entities.priority ?? priorityInText(ctx.text) ?? undefined;
  // Words that say only the kind of contact and whom ("call Maria") name the action with the
  // person's whole name instead ("Call Maria Garcia").
  // (In Chinese read as the parser reads it: `明仔载下昼…` is 明天下午, a day and no part of the action. In English
  // the words as typed, without the courtesy around them: `howay pet, remind us to…`.)
  // (`call Ms. Sarah Chen`: a courtesy title before the name says nothing more than the name.)
  // (`…tomorrow at 2, no rush on that one though`: the asides that say how urgent it is are no part of what to do.)
  const plainWords = /\p{Script=Han}/u.test(ctx.text) ? normaliseText(ctx.text) : typedWords(ctx.text);
  const aside = priorityTail(plainWords);
  const said = withoutPriorityWords(wordsBesides(aside ? plainWords.slice(0, aside.cut) : plainWords, 'reminder', [], { now: ctx.now, tz: ctx.tz }))
    .replace(/\b(?:Mr|Mrs|Ms|Miss)\.?\s+(?=\p{Lu})/gu, '')
    // (`need send Bill the renewal number asap, remind me tomorrow`: the ask to be reminded, and the need said, are no part of the action.)
    .replace(/[,;\s]*\b(?:(?:pls|please|and|so)\s+)?remind me\b[.!]*\s*$/i, '').replace(/^(?:i\s+)?(?:need|needs|gotta|have to|must)\s+(?:to\s+)?(?=[a-z]{3,}\s)/i, '');
  // Words read as a name count as the name only when they are the one found ("赵敏确" read of
  // "跟赵敏确认采购单" is not: its "确认采购单" is the action).
  const partyNames = [p?.contactName, p?.accountName].filter((n): n is string => Boolean(n)).map((n) => n.toLowerCase());
  const isParty = (x: string | undefined) => x && partyNames.some((n) => n.includes(x.toLowerCase()));
  const saysMore = said && hasContent(said, [isParty(entities.contact) ? entities.contact : undefined, isParty(entities.account) ? entities.account : undefined, p?.contactName, p?.accountName, ...(p?.contactName?.split(/\s+/) ?? [])]);
  const topic = meaningful(withoutPriorityWords(entities.summary ?? ''));
  // "remind me to call Bill about the contract": what the call is about is part of the action.
  const about = topic && whoName && entities.interactionType && ctx.lang === 'en' && new RegExp(`\\b(?:about|abt|regarding|re:?)\\s+${escapeRe(topic)}`, 'i').test(ctx.text);
  // "remind me friday to check in with Wei Ling": the words said for what to do, when they name no more than that.
  const doing = ctx.lang === 'en' && !entities.interactionType ? /\b(check in|touch base|catch up|circle back|sync up|connect)\s+with\b/i.exec(normaliseText(ctx.text)) : null;
  const plain = whoName ? (doing ? `${doing[1]!.charAt(0).toUpperCase()}${doing[1]!.slice(1).toLowerCase()} with ${whoName}` : actionFor(entities.interactionType, whoName, ctx.lang)) : '';
  // "follow up with Wei Ling at Soylent on the site list": whom the follow-up is with, and what it is about.
  // (`chase maria at globex re the support backlog`, `follow up with Mr. Bill about the contract`: so with chasing and pinging.)
  const followWith = !about && topic && whoName && ctx.lang === 'en' && !entities.interactionType
    ? new RegExp(`\\b(follow(?:[- ]?up|ing up)?\\s+(?:up\\s+)?with|chase(?:\\s+up)?|ping|nudge|check in with|touch base with|circle back with)\\b(?:[^.;]|(?<=\\b(?:Mr|Mrs|Ms|Dr|Prof))\\.)*?\\b(?:on|about|abt|regarding|re:?)\\s+${escapeRe(topic)}`, 'i')
      .exec(normaliseText(ctx.text)) : null;
  const withVerb = followWith ? followWith[1]!.toLowerCase().replace(/^follow(?:[- ]?up|ing up)?\s+(?:up\s+)?with$/, 'follow up with').replace(/^chase up$/, 'chase') : '';
  const bare = (about ? `${actionFor(entities.interactionType, whoName, ctx.lang)} about ${topic}`
    : followWith ? `${withVerb.charAt(0).toUpperCase()}${withVerb.slice(1)} ${whoName} ${withVerb.endsWith('with') ? 'on' : 'about'} ${topic}` : topic)
    || (saysMore ? said : '') || plain || said || L(ctx.lang, 'Follow up', '跟进');
  const named = p ? namingTitle(bare, ctx.text, { said: entities.contact ?? entities.account, name: whoName, type: entities.interactionType }, ctx.lang) : bare;
  // (`提醒我礼拜五给赵敏打个电话啦`: the 啦 that closes the ask, read as 了, says nothing is done yet.)
  const title = asRecorded(ctx.lang === 'zh' && /[啦喇]\s*[!！。.~～]*$/u.test(ctx.text) ? named.replace(/(?<=\p{Script=Han})了$/u, '') || named : named, p?.contactName);
  const task = await ctx.services.tasks.createFollowUp(ctx.actor, {
    title,
    dueAt: due,
    accountId: p?.accountId ?? null,
    contactId: p?.contactId ?? null,
    sourceMessageId: ctx.sourceMessageId ?? null,
    ...(priority ? { priority } : {}),
  });
  const dueText = formatWhen(task.dueAt, ctx.tz, ctx.lang, ctx.now);
  const parts: string[] = [];
  if (p) parts.push(part(ctx, 'With', '对象', p.label));
  if (task.priority !== 'normal') parts.push(priorityPart(task.priority, ctx.lang));
  const head = ctx.lang === 'zh' ? `好的，${dueText}提醒你：${task.title}。` : `I'll remind you ${dueText}: ${task.title}.`;
  return written(ctx, sentence(ctx, head, parts), { entity: 'task', id: task.id });
};

export { displayName };
