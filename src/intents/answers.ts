// Answers to Rapport's own questions, read as the kind of thing that was asked: a date after
// "When should I remind you?" (`tomorrow 3pm`, `tuesday morning`, `周二上午十点`), an amount after
// "How much?" (`30k`, `$30k`, `20万`), a person at an account after "Who?" (`maria at globex`,
// `人民医院的刘医生`), a change after "What should change?". And, for a write read without
// confidence, the readings the user is offered instead of a guess.
import type { Locale } from '../domain/shared/errors.ts';
import { L } from '../domain/shared/locale.ts';
import { extractEntities, findShift, normaliseText, parse, stageSaid, type Entities, type IntentName, type ParseResult } from './parser/index.ts';
import { isoFromWall, wallClock, zhNumber } from './parser/dates.ts';
import { saysDay, unreadTime } from './parser/unread-time.ts';
import { formatWhen, formatMoney } from './format.ts';
import type { Pending, Resolved } from './handlers/context.ts';
import { durationWords, priorityWord, roleWord, stageWord, typeSaidOnly, typeWord, withoutTypeWords } from './words.ts';



export type SlotPending = Extract<Pending, { type: 'slot' }>;
export type SlotAnswer = { ok: true; entities: Entities; freeText?: string; resolved?: Resolved } | { ok: false; ask: string };

const NONE = /^(?:none|no account|no|nothing|n\/a|没有|无|不用|不需要|暂时没有)[.!。！]?$/i;

/** "大概十五万" → "15万": an amount answer in Chinese numerals, written in digits (hedges dropped). */
export function hanAmountDigits(text: string): string {
  return text
    .replace(/^(?:大概|大约|约|差不多|估计|预计|about|around|roughly|approx\.?|~)\s*/i, '')
    .replace(/([一二两三四五六七八九十]{1,3})(?=\s*[万千百])/g, (m) => {
      const n = zhNumber(m.replace(/两/g, '二'));
      return Number.isNaN(n) ? m : String(n);
    })
    .replace(/[吧左右]+$/u, '')
    // `20w` (w for 万, typed in Chinese chat): asked for an amount, it is one.
    .replace(/^(\d+(?:\.\d+)?)\s*[wW]$/u, '$1万');
}

/** Intents that say nothing about the CRM: a message read as one of them may still be an answer. */
const NOT_A_REQUEST: ReadonlySet<IntentName> = new Set(['help', 'unknown', 'survey_response', 'cancel']);

/** Requests that, after "What should change?", are an answer about the record being edited. */
const EDIT_LIKE: Partial<Record<string, ReadonlySet<IntentName>>> = {
  interaction: new Set(['correct_last', 'account_overview']),
  task: new Set(['correct_last', 'account_overview', 'snooze_task', 'update_task', 'schedule_followup']),
  opportunity: new Set(['correct_last', 'update_opportunity']),
  contact: new Set(['correct_last', 'update_contact', 'account_overview']),
  ticket: new Set(['correct_last', 'account_overview']),
  account: new Set(['correct_last', 'account_overview']),
};

/** A new note said as such (`Note: …`, `备注：…`). */
const NOTE_SAID = /^(?:(?:notes?|memo|summary|备注|内容|记一下)\s*[:：]|(?:备注|内容)\s+)\s*(\S[\s\S]*)$/iu;

/** Whether `parsed` is confidently a request of its own, not an answer to the pending question. */
export function isNewRequest(parsed: ParseResult, pending: Pending, threshold: number, text = ''): boolean {
  if (parsed.confidence < threshold || NOT_A_REQUEST.has(parsed.intent) || parsed.intent === pending.intent) return false;
  // After "Who?" a bare name reads as "tell me about …": it is the answer.
  if (pending.type === 'slot' && ['contact', 'account', 'name'].includes(pending.slot) && parsed.intent === 'account_overview') return false;
  // After "How much?" or "When?", a bare word read as "tell me about …" ("很多", "soon") is a
  // failed answer to ask again, not a new request that silently drops the question.
  if (text && pending.type === 'slot' && parsed.intent === 'account_overview') {
    const e = parsed.entities;
    if (leftover(text, [e.account, e.contact]).length === 0) return false;
  }
  // "When?" answered `哦说错了，后天上午嘛`, `sorry I mean friday`: the answer, put right.
  if (pending.type === 'slot' && (pending.slot === 'due' || pending.slot === 'when') && parsed.intent === 'correct_last' && !parsed.entities.contact && !parsed.entities.account
    && (parsed.entities.due || parsed.entities.when)) return false;
  // "What should change on the deal?" answered `改成四十八万`, `make it 55k`: a correction's words, the change asked for.
  if (pending.type === 'slot' && pending.slot === 'stage' && parsed.intent === 'correct_last' && !parsed.entities.contact && !parsed.entities.account
    && (parsed.entities.amount !== undefined || parsed.entities.stage || parsed.entities.due)) return false;
  // "How much?" answered `刚打电话问哒，二十五万左右，他们科里港的`: how the amount was found out, with the amount — no new
  // report unless it names someone besides.
  if (pending.type === 'slot' && pending.slot === 'amount' && text && (parsed.entities.amount !== undefined || extractEntities(text, { now: new Date(), tz: 'UTC' }).amount !== undefined)
    && !parsed.entities.contact && !parsed.entities.account) return false;
  if (pending.type === 'slot' && pending.slot === 'edit') {
    const target = pending.resolved.edit?.entity;
    if (target && EDIT_LIKE[target]?.has(parsed.intent)) return false;
    // `Note: tom wants the SAML guide` after "What should change?": the new note, said as such.
    if (NOTE_SAID.test(text.trim())) return false;
    // "it was a call" may read as a log; a whole new log names someone and says something.
    if (parsed.intent === 'log_interaction' && !(parsed.entities.contact || parsed.entities.account)) return false;
  }
  return true;
}

/**
 * Whether a message is nothing but an answer of the kind asked — a name after "Who?" (`Tom Baker`,
 * `maria at globex`), which the parser alone may read as a request of its own ("tell me about").
 */
export function isBareAnswer(p: Pending, text: string, opts: { now: Date; tz: string }): boolean {
  if (p.type !== 'slot' || !['contact', 'account', 'name', 'edit'].includes(p.slot)) return false;
  const ex = extractEntities(text, opts);
  if (!ex.contact && !ex.account) return false;
  return leftover(text, [ex.contact, ex.account, ...(ex.others ?? [])]).length === 0;
}

/** Words around a correction that carry nothing: "it was", "no wait", "不对，是", "应该是". */
const FILLER_EN = /\b(?:no|nope|wait|sorry|actually|oops|it|that|this|was|is|were|should|be|have|been|a|an|the|with|at|from|of|on|in|to|instead|not|i|meant|mean|change|make)\b/gi;
const FILLER_ZH = /不对|不是|错了|记错了|应该是|其实是|改成|改为|换成|是|在|的|了|啊|吧|哦|跟|和|与|刚才|那条/g;

/** The hour and minute of `at`, on the local day of `day` (`at 4pm` said of a day read before). */
function onDayOf(day: string, at: string, tz: string): string {
  const d = wallClock(new Date(day), tz);
  const h = wallClock(new Date(at), tz);
  return isoFromWall(d.year, d.month, d.day, h.hour, h.minute, tz);
}

/** `yes`, `that's right`, `对`: what was read is kept. */
const YES_KEEPS = /^(?:y|yes|yeah|yep|yup|ok|okay|right|correct|that'?s (?:right|correct|it)|是|是的|对|对的|没错|嗯)[\s.!。！]*$/i;

/** Words that put a date in the past: `last monday`, `yesterday`, `上周一`, `昨天`. */
export const PAST_SAID = /\b(?:last|yesterday|ago|earlier today)\b|上(?:周|星期|个?礼拜|个?月)|昨天|前天|之前的/i;

/**
 * The kind of contact a correction says and nothing else ("其实是打电话", "it was a visit",
 * "on the phone"), or null: anything longer is a note, not a change of kind.
 */
export function typeOnlyAnswer(text: string): string | null {
  // (`是打的电话 冇见面`, `a call, not a meeting`: the kind said with "not" is the one it was not.)
  const said = normaliseText(text)
    // (`Type must be meeting`, `类型应该是会议`: the field named before the kind.)
    .replace(/^\s*(?:the\s+)?(?:type|kind)(?:\s+of\s+(?:contact|interaction))?\s+(?:must|should|has to|needs to)?\s*(?:be|is|was)\b|^\s*类型(?:应该|应)?(?:是|为|改成|改为)/iu, ' ')
    .replace(/(?:不是|没有?|并非|而不是|不)\s*(?:打|去|开|发|通|见)?(?:的|了|过)?(?:个|次)?(?:电话|见面|面|会议?|拜访|上门|微信|短信|邮件)|(?:没有?|并非|不是)(?:去|到)(?:了|过)?[^\s,，。]{0,4}/gu, ' ')
    .replace(/\b(?:not|wasn'?t|didn'?t|never|no)\s+(?:(?:a|an|the|on the|in a|by)\s+)?(?:call|phone|visit|meeting|email|text|message)\w*/gi, ' ');
  const t = typeSaidOnly(said);
  if (!t) return null;
  const rest = leftover(withoutTypeWords(said).replace(/\b(?:by|via|over|through|thru|per)\b/gi, ' '), []).replace(/^(?:其实是|就是|应该是|是|打|去|开|发|通|上|个|次|了|过|的)+|(?:打|去|开|发|通|个|次|了|过|的|联系|联络|沟通)+$/gu, '');
  return [...rest].length <= 1 ? t : null;
}

/** What is left of an answer once the recognised parts and filler words are taken out. */
export function leftover(text: string, parts: (string | undefined)[]): string {
  let s = ` ${text} `;
  for (const p of parts) if (p) s = s.split(p).join(' ');
  return s.replace(FILLER_EN, ' ').replace(FILLER_ZH, ' ').replace(/[\s,.;:!?，。；：！？、'"“”]+/g, '');
}

/**
 * Reads an answer to a slot question. `parsed` is the parser's reading of the same text (its
 * entities help where `extractEntities` has no key, e.g. an interaction type or a stage).
 */
/**
 * What an answer says besides what was asked (`she's over at Soylent, and she signs off on the
 * budget`, `明天下午三点吧，比较急`): the person's role for a new contact, the priority for a
 * reminder or complaint — never in place of what the message itself said.
 */
function alsoSaid(p: SlotPending, ex: Entities, e: Entities): Entities {
  if (p.intent === 'create_contact' && ex.role && !e.role) e.role = ex.role;
  if ((p.intent === 'schedule_followup' || p.intent === 'log_complaint') && ex.priority && !e.priority) e.priority = ex.priority;
  return e;
}

/**
 * What an answer about a new contact says besides what was asked, read as the request to add them
 * with it (`add contact <name>, <answer>`): its title, role, phone, email, birthday and account,
 * each kept only where nothing was said of it yet. Returns the reading.
 */
function moreOfContact(e: Entities, name: string, said: string, opts: { now: Date; tz: string }): ParseResult {
  const zh = /\p{Script=Han}/u.test(said);
  const r = parse(`${zh ? '新建联系人 ' : 'add contact '}${name ? `${name}${zh ? '，' : ', '}` : ''}${said}`, opts);
  if (r.intent === 'create_contact') {
    for (const k of ['title', 'role', 'phone', 'email', 'birthday', 'account'] as const) if (r.entities[k] !== undefined && e[k] === undefined) (e as Record<string, unknown>)[k] = r.entities[k];
  }
  return r;
}

export function readSlotAnswer(p: SlotPending, text: string, parsed: ParseResult, opts: { now: Date; tz: string }): SlotAnswer {
  const ex = extractEntities(text, opts);
  const e: Entities = { ...p.entities };
  const lang = p.lang;
  switch (p.slot) {
    case 'contact': {
      if (!ex.contact && !ex.account && /^(?:y|yes|no|n|ok|是|否|好|不)$/i.test(text.trim())) {
        return { ok: false, ask: L(lang, 'Who was it? A name, or "name at account".', '是谁？请说姓名，或“某客户的某人”。') };
      }
      delete e.contact;
      if (ex.contact) e.contact = ex.contact;
      if (ex.account) e.account = ex.account;
      if (ex.others?.length) e.others = ex.others;
      if (!ex.contact && !ex.account) e.contact = text.trim();
      return { ok: true, entities: e, resolved: { mention: text } };
    }
    case 'account':
      if (p.intent === 'create_contact' && NONE.test(text.trim())) return { ok: true, entities: { ...e, account: undefined }, resolved: { noAccount: true } };
      {
        // "她在市一院呢", "he works at Initech": the account, without the words around it.
        // "在协和啦 心内科那边": a particle after the name ends no part of it.
        const said = text.trim().replace(/(?<=\p{Script=Han})(?:啦|呀|哈|哦|呢|嘛|咯|喔)(?=[\s,，]|$)/gu, '').replace(/^(?:(?:他|她|对方|他们|她们)?(?:在|是|就是|属于|来自|是在)|it'?s|at|from|(?:he|she|they)(?:'s|s|'re|re| is| are)?(?: works?| working)? (?:at|for|with|from)|(?:he|she|they)(?:'s|s|'re|re| is| are) (?:with|at|from))\s*/i, '')
          .replace(/(?:的|上班|工作)?(?:呢|吧|啊|哦|呀|哈)?[。.!！]*$/u, '').trim()
          // "He is with Soylent Foods, and he signs off on the budget": the account is the first clause.
          .split(/\s*[,，;；]\s*|\s+and\s+(?=(?:he|she|they|his|her)\b)/i)[0]!.trim();
        e.account = ex.account ?? extractEntities(said, opts).account ?? (ex.contact && !said ? ex.contact : undefined) ?? (said || text.trim());
      }
      // "她在协和，是药剂科的副主任", "she's at Acme, she is the procurement lead": the rest of the
      // answer is more of the new contact (title, role, phone), read as if said with the name.
      if (p.intent === 'create_contact' && e.contact && /[,，;；]|(?<=\p{Script=Han})\s+(?=\p{Script=Han})|然后|并且|而且|同时|\band\b|(?<=\p{Script=Han}{2}.{0,10})(?:是|当|做)(?=\p{Script=Han}{2})/u.test(text)) moreOfContact(e, e.contact, text, opts);
      return { ok: true, entities: alsoSaid(p, ex, e) };
    case 'name': {
      // "他叫任博", "her name's Dana Reyes", "it's Raj": the name, without the words that introduce it.
      const bare = text.trim().replace(/^(?:(?:他|她|对方|这人|那人)?(?:叫|名叫|叫做|名字(?:是|叫)|姓名(?:是)?)|(?:(?:his|her|their) name(?:'s| is)|(?:he|she)'s called|it'?s|name(?:'s| is))\s+)\s*/i, '').replace(/[。.!！]$/, '').trim() || text.trim();
      if (p.intent === 'create_account') e.account = bare;
      else if (p.intent === 'create_contact' && (/[,，;；]/.test(bare) || /\p{Script=Han}\s+\p{Script=Han}/u.test(bare))) {
        // "她叫郑雨桐，是药剂科的副主任", "Dana Reyes, she's the clinic manager": the name, then what
        // else the answer says of the person, read as the rest of the new contact.
        const r = moreOfContact(e, '', bare, opts);
        e.contact = r.intent === 'create_contact' && r.entities.contact ? r.entities.contact : bare.split(/[,，;；]|(?<=\p{Script=Han})\s+/u)[0]!.trim();
      } else {
        // "周晓明，人民医院" / "Megan Bowen at Contoso": a name with its account.
        e.contact = ex.contact && ex.account ? ex.contact : bare;
        if (ex.account && !e.account) e.account = ex.account;
      }
      return { ok: true, entities: e };
    }
    case 'when': {
      // "When was it? I could not read …": a day and time that has passed (`yesterday 4pm`, `周一下午三点`), or an
      // hour alone (`at 4`, `下午四点`) on the day read before; `yes` keeps what was read.
      if (p.entities.when && YES_KEEPS.test(text.trim())) return { ok: true, entities: e };
      const unread = unreadTime(normaliseText(text), { now: opts.now, tz: opts.tz, lang });
      let at = ex.when ?? ex.due ?? parsed.entities.when ?? parsed.entities.due;
      if (at && !saysDay(normaliseText(text)) && p.entities.when) at = onDayOf(p.entities.when, at, opts.tz);
      if (!at || unread || Date.parse(at) > opts.now.getTime()) {
        return { ok: false, ask: L(lang, 'Sorry, when was it? A day and time that has passed, for example "yesterday 4pm" or "Monday 10:30".', '抱歉，是什么时候？请说已经过去的日期和时间，例如“昨天下午四点”或“周一上午十点半”。') };
      }
      e.when = at;
      return { ok: true, entities: e };
    }
    case 'due': {
      // (`yes` after "I have Thursday 09:00 — say yes to keep it": what was read is kept.)
      if (p.entities.due && YES_KEEPS.test(text.trim())) return { ok: true, entities: e };
      // "last monday" read as a day ahead is still a day that has passed.
      const saidPast = PAST_SAID.test(text);
      // (`tomorrow mawnin bout ten`, with words that say when left unread: asked again, not guessed.)
      const unreadDue = unreadTime(normaliseText(text), { now: opts.now, tz: opts.tz, lang });
      if (unreadDue && !saidPast) {
        return { ok: false, ask: L(lang, `Sorry, I could not read "${unreadDue.text}". When? For example "tomorrow 3pm", "tuesday 10:30" or "next Friday".`, `抱歉，“${unreadDue.text}”我没看懂。什么时候？例如“明天下午三点”“周二上午十点半”或“下周五”。`) };
      }
      // (`uh two days` after "Push it to when?": a task moved by a while counts from its own due time.)
      const shift = p.intent === 'snooze_task' ? findShift(normaliseText(text)) : undefined;
      if (shift && !leftover(normaliseText(text).replace(shift.text, ' ').replace(/\b(?:uh+|um+|erm|by|more|later|out|back|another|just|maybe|say|like)\b|再|推|往后|延|吧|嘛|哈/gi, ' '), [])) {
        delete e.due;
        delete e.when;
        return { ok: true, entities: { ...e, shift: shift.iso } };
      }
      const due = saidPast ? undefined : (parsed.entities.due ?? ex.due);
      if (!due) {
        const past = ex.when ?? parsed.entities.when ?? (saidPast ? text : undefined);
        return {
          ok: false,
          ask: past
            ? L(lang, 'That time has already passed. When should it be? For example "tomorrow 3pm".', '这个时间已经过去了。改到什么时候？例如“明天下午三点”。')
            : L(lang, 'Sorry, when? For example "tomorrow 3pm", "tuesday morning" or "next Friday".', '抱歉，什么时候？例如“明天下午三点”“周二上午十点”或“下周五”。'),
        };
      }
      // (An hour alone after "I have Thursday 09:00 — when?": `at 3`, `下午三点` is that hour on the day read.)
      e.due = p.entities.due && p.resolved.timeAsked && !saysDay(normaliseText(text)) ? onDayOf(p.entities.due, due, opts.tz) : due;
      delete e.when;
      return { ok: true, entities: alsoSaid(p, ex, e) };
    }
    case 'summary':
      e.summary = text.trim();
      return { ok: true, entities: e };
    case 'score':
      if (parsed.entities.score !== undefined) e.score = parsed.entities.score;
      if (parsed.entities.summary) e.summary = parsed.entities.summary;
      return { ok: true, entities: e };
    case 'stage': {
      const got: Entities = {};
      if (parsed.entities.stage) got.stage = parsed.entities.stage;
      const amount = ex.amount ?? parsed.entities.amount;
      if (amount !== undefined) {
        got.amount = amount;
        const currency = ex.currency ?? parsed.entities.currency;
        if (currency) got.currency = currency;
      }
      const due = ex.due ?? parsed.entities.due;
      if (due) got.due = due;
      if (!Object.keys(got).length) {
        return { ok: false, ask: L(lang, 'Sorry, what should change? A stage (e.g. negotiation), an amount or a close date.', '抱歉，要改什么？阶段（如谈判）、金额或预计成交日期。') };
      }
      return { ok: true, entities: { ...e, ...got } };
    }
    case 'amount': {
      const digits = hanAmountDigits(text);
      const amount = ex.amount ?? parsed.entities.amount ?? (digits !== text ? extractEntities(digits, opts).amount : undefined);
      if (amount === undefined) return { ok: false, ask: L(lang, 'Sorry, how much? For example "$50k", "30k" or "5万".', '抱歉，金额是多少？例如“5万”“20万”或“$50k”。') };
      e.amount = amount;
      const currency = ex.currency ?? parsed.entities.currency ?? (digits !== text ? extractEntities(digits, opts).currency : undefined);
      if (currency) e.currency = currency;
      return { ok: true, entities: e };
    }
    case 'edit': {
      // "备注：年底促销方案他同意了", "Note: he wants the SSO demo": the new note, said as such.
      const noted = NOTE_SAID.exec(text.trim());
      if (noted) return { ok: true, entities: { summary: noted[1]!.trim() }, freeText: noted[1]!.trim() };
      // "Type must be meeting, not visit.", "是打的电话 冇见面": the kind of contact and nothing else.
      const kindOnly = p.resolved.edit?.entity === 'interaction' ? typeOnlyAnswer(text) : null;
      if (kindOnly) return { ok: true, entities: { interactionType: kindOnly as Entities['interactionType'] } };
      // A correction: fields the answer names; a short answer of names or dates is a change of
      // those, anything longer with nothing else recognised is the new text (a note, a title).
      const got: Entities = {};
      const pe = parsed.entities;
      for (const k of ['interactionType', 'stage', 'priority', 'role', 'email', 'phone', 'birthday', 'title'] as const) {
        if (pe[k] !== undefined) (got as Record<string, unknown>)[k] = pe[k];
      }
      const spoken = [ex.contact, ex.account, ...(ex.others ?? [])];
      const onlyNames = leftover(text, spoken).length <= 1;
      if ((ex.contact || ex.account) && (onlyNames || parsed.intent === 'correct_last')) {
        if (ex.contact) got.contact = ex.contact;
        if (ex.account) got.account = ex.account;
      }
      // A date: the parser's reading of the whole answer first ("改到周五上午十点"), else any date in it.
      // A follow-up's date lies ahead: `make it monday 11am` of a task is next Monday, not the last.
      const forTask = p.resolved.edit?.entity === 'task';
      const when = forTask ? undefined : pe.when ?? (pe.due ? undefined : ex.when);
      const due = forTask ? (pe.due ?? ex.due) : pe.due ?? (pe.when ? undefined : ex.due);
      if (when) got.when = when;
      if (due) got.due = due;
      if (ex.amount !== undefined) {
        got.amount = ex.amount;
        if (ex.currency) got.currency = ex.currency;
      }
      if (pe.summary && parsed.intent === 'correct_last') got.summary = pe.summary;
      if (!Object.keys(got).length && p.resolved.edit?.entity === 'interaction') {
        // "其实是打电话" read as nothing: the kind of contact it says, when it says only that.
        const kind = typeOnlyAnswer(text);
        if (kind) got.interactionType = kind as Entities['interactionType'];
      }
      if (Object.keys(got).length) return { ok: true, entities: got };
      const free = text.trim();
      // Read as a correction with nothing in it ("it was a meeting" unread), or too short to be a
      // note ("是电话"): nothing is changed on a guess; asked again.
      const rest = leftover(free, spoken);
      const substantial = /\p{Script=Han}/u.test(rest) ? [...rest].length >= 4 : free.split(/\s+/).filter((w) => w.replace(FILLER_EN, '').trim()).length >= 3;
      if (!free || parsed.intent === 'correct_last' || !substantial) {
        return { ok: false, ask: L(lang, "I couldn't tell what to change, so nothing was changed. ", '没看懂要改什么，所以没有做任何修改。') + editExamples(p.resolved.edit?.entity, lang) };
      }
      return { ok: true, entities: {}, freeText: free };
    }
  }
}

/** What an answer to "What should change?" may say, per kind of record. */
export function editExamples(entity: string | undefined, lang: Locale): string {
  switch (entity) {
    case 'task':
      return L(lang, 'Say a new title, or a new date such as "friday 10am".', '请说新的标题，或新的时间，例如“周五上午十点”。');
    case 'opportunity':
      return L(lang, 'Say an amount ("40k"), a stage ("negotiation") or a close date.', '请说金额（“40万”）、阶段（“谈判”）或预计成交日期。');
    case 'contact':
      return L(lang, 'Say a name, title, role, phone, email or birthday, e.g. "title: CFO".', '请说姓名、职位、角色、电话、邮箱或生日，例如“职位改成副院长”。');
    case 'ticket':
      return L(lang, 'Say a new subject or a priority ("urgent", "not urgent").', '请说新的主题或优先级（“紧急”“不急”）。');
    case 'account':
      return L(lang, 'Say the new name.', '请说新的名称。');
    default:
      return L(lang, 'Say the new note, or for example "it was a meeting", "Dr. Wang", "yesterday 3pm".', '请说新的内容，或例如“是会议”“王主任”“昨天下午三点”。');
  }
}

const INTENT_WORDS: Partial<Record<IntentName, [string, string]>> = {
  log_interaction: ['Log', '记录'],
  schedule_followup: ['Remind you', '提醒你'],
  complete_task: ['Mark done', '标记完成'],
  snooze_task: ['Postpone', '推迟'],
  update_task: ['Change the task', '修改任务'],
  create_opportunity: ['New deal', '新建商机'],
  update_opportunity: ['Update the deal', '更新商机'],
  create_contact: ['Add contact', '新增联系人'],
  update_contact: ['Update contact', '更新联系人'],
  create_account: ['New account', '新建客户'],
  log_complaint: ['Log a complaint', '登记投诉'],
  send_survey: ['Send a survey', '发送调查'],
  opt_out: ['Record an opt-out', '记录退订'],
  correct_last: ['Correct the last record', '更正上一条记录'],
  undo: ['Undo', '撤销'],
  account_overview: ['Show the account', '查看客户'],
  list_tasks: ['Show tasks', '查看任务'],
  list_at_risk: ['At-risk accounts', '流失风险客户'],
  pipeline_summary: ['Pipeline', '销售漏斗'],
  kpi_report: ['KPIs', '业绩指标'],
  decision_chain: ['Decision chain', '决策链'],
  segment_customers: ['Segments', '客户分群'],
  help: ['Help', '帮助'],
  survey_response: ['Survey answer', '回答调查'],
};

/** One reading as a button label: "Log visit: Dr. Li · samples", "提醒你：给张主任打电话 · 明天 15:00". */
export function describeReading(r: { intent: IntentName; entities: Entities }, lang: Locale, tz: string, now: Date): string {
  const [en, zh] = INTENT_WORDS[r.intent] ?? [r.intent, r.intent];
  const e = r.entities;
  let head = lang === 'zh' ? zh : en;
  if ((r.intent === 'log_interaction' || r.intent === 'correct_last') && e.interactionType) head += lang === 'zh' ? typeWord(e.interactionType, lang) : ` ${typeWord(e.interactionType, lang)}`;
  const bits: string[] = [];
  const who = [e.contact, ...(e.others ?? [])].filter(Boolean).join(lang === 'zh' ? '、' : ', ');
  if (who) bits.push(who);
  if (e.account && e.account !== e.contact) bits.push(e.account);
  if (e.rep) bits.push(e.rep);
  for (const t of [e.title, e.opportunity, e.taskRef, e.summary]) if (t) bits.push(t.length > 40 ? `${t.slice(0, 37)}…` : t);
  if (e.amount !== undefined) bits.push(formatMoney(e.amount, e.currency ?? (lang === 'zh' ? 'CNY' : 'USD'), lang));
  if (e.stage) bits.push(stageWord(e.stage, lang));
  if (e.role) bits.push(roleWord(e.role, lang));
  if (e.priority) bits.push(priorityWord(e.priority, lang));
  for (const d of [e.when, e.due]) {
    if (!d) continue;
    const date = new Date(d);
    if (!Number.isNaN(date.getTime())) bits.push(formatWhen(date, tz, lang, now));
  }
  if (e.shift) bits.push(lang === 'zh' ? `推迟${durationWords(e.shift, lang)}` : `by ${durationWords(e.shift, lang)}`);
  return bits.length ? `${head}${lang === 'zh' ? '：' : ': '}${bits.join(' · ')}` : head;
}

/** The words a value said of the record just written is wrapped in: openers, hedges, pointers back to it. */
const VALUE_FILLER_EN = new RegExp(String.raw`\b(?:and|also|too|oh|eh|ah|uh|um+|erm|ope|nah|no|yeah|yep|yes|ok|okay|so|well|actually|just|really|pretty|kinda|kind of|quite|very|super|sorry|oops|i forgot|forgot|btw|by the way|it|it's|its|that|that's|this|this one|that one|one|one's|the|a|an|on|at|to|for|of|is|was|were|be|should|make|set|put|change|bump|move|push|up|down|instead|then|now|please|pls|thanks|fine|ok|number|number's|amount|price|value|figure|total|deal|task|reminder|visit|call|meeting|mtg|priority|prio|stage|in|into|moved|got|gone|went|follow[- ]?up|followup|f\/u|by)\b`, 'gi');
const VALUE_FILLER_ZH = /想了想|想了一下|想了下|想了哈|想想|算了|还是|就行|就好|就可以|可以|行|就|吧|啊|哈|嘛|噻|哦|呃|嗯|其实|改成|改为|调成|调到|设成|设为|换成|那个|这个|这条|那条|一下|金额|优先级|阶段|进入|进到|已经|到|在|的|了|是|也|先|按|来|对|不对|改/g;
const PRIORITY_WORDS_RE = /\b(?:not (?:that |so |super |too )?urgent|no (?:big )?rush|not important|low|normal|regular|high|urgent|important|top|asap|critical|rush)\b|不(?:太|怎么|是很)?(?:着?急|紧急|重要)|紧急|着急|急|重要|普通|一般|正常|高|低/gi;
const AMOUNT_WORDS_RE = /[$¥€£]?\s?\d[\d,.]*\s?(?:k|m|mm|grand|thousand|million|bucks|dollars?|euros?|usd|rmb|万|千|亿|元|块钱?)?(?![\p{L}\d])|[一二两三四五六七八九十百千零点]+(?:万|亿|千|元|块钱?)+/giu;
const CLOCK_NUM = String.raw`(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`;
const TIME_WORDS_RE = new RegExp(String.raw`(?:\bat\s+|@\s*)${CLOCK_NUM}(?:(?::|h|\.)\d{2})?(?:\s*(?:am|pm|a\.?\s?m\.?|p\.?\s?m\.?|h|o'?clock))?(?![\p{L}\d])|\b${CLOCK_NUM}(?:(?::|h|\.)\d{2})?\s*(?:am|pm|a\.?\s?m\.?|p\.?\s?m\.?|h|o'?clock)(?![\p{L}\d])|\b\d{1,2}:\d{2}\b|(?:上午|下午|晚上|早上|中午)?[\d一二三四五六七八九十两]{1,3}点(?:半|[\d一二三四五六七八九十]{1,3}分?)?|\b(?:(?:this |tomorrow |)(?:morning|afternoon|aft|arvo|evening|noon|lunch(?:time)?))\b|上午|下午|晚上|早上|中午`, 'giu');
const DAY_WORDS_RE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b(?:(?:next|this|last|on)\s+)?(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day)?\b|\b(?:today|tomorrow|tmrw|yesterday|next week)\b|\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|(?:下|这|上)?(?:个)?(?:周|星期|礼拜)[一二三四五六日天]|明天|后天|今天|昨天|前天|[\d一二三四五六七八九十]{1,3}[号日]/giu;

export type ValueSaid = { entities: Entities; fields: Set<'priority' | 'amount' | 'day' | 'time' | 'stage'>; at?: { hour: number; minute: number }; closeSaid?: boolean };

/**
 * `n the number's 18k on that one`, `eh actually just normal is fine`, `oh n it was at 2`, `还是普通吧`:
 * a message that says nothing but a new value — a priority, an amount, a day or an hour — wrapped in
 * words that point back at what was just said. Null when anything else is said besides.
 */
export function valueOnlySaid(text: string, opts: { now: Date; tz: string }): ValueSaid | null {
  const t = normaliseText(text).trim();
  if (!t || t.length > 80 || /[?？]/.test(t)) return null;
  const ex = extractEntities(t, opts);
  const fields: ValueSaid['fields'] = new Set();
  const entities: Entities = {};
  let rest = ` ${t} `;
  const strip = (re: RegExp) => { const before = rest; rest = rest.replace(re, ' '); return before !== rest; };
  if (ex.priority && strip(PRIORITY_WORDS_RE)) { fields.add('priority'); entities.priority = ex.priority; }
  const hasDay = DAY_WORDS_RE.test(rest);
  DAY_WORDS_RE.lastIndex = 0;
  if (hasDay && (ex.due || ex.when) && strip(DAY_WORDS_RE)) {
    fields.add('day');
    if (ex.due) entities.due = ex.due;
    if (ex.when) entities.when = ex.when;
  }
  let at: ValueSaid['at'];
  if (strip(TIME_WORDS_RE) && (ex.due || ex.when)) {
    fields.add('time');
    // (An hour said alone: the hour, for the record's own day.)
    if (!fields.has('day')) {
      const w = wallClock(new Date((ex.due ?? ex.when)!), opts.tz);
      at = { hour: w.hour, minute: w.minute };
    }
  }
  if (ex.amount !== undefined && !fields.has('time') && strip(AMOUNT_WORDS_RE)) {
    fields.add('amount');
    entities.amount = ex.amount;
    if (ex.currency && /[$¥€£]|dollar|buck|euro|usd|rmb|元|块/i.test(t)) entities.currency = ex.currency;
  }
  const stage = stageSaid(rest);
  if (stage && /[a-z\p{Script=Han}]{2}/iu.test(stage.words)) {
    // (The whole word the stage is said in: `negotiat` is read in `negotiation`.)
    rest = rest.replace(new RegExp(`[A-Za-z]*${stage.words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[A-Za-z]*`, 'i'), ' ');
    fields.add('stage');
    entities.stage = stage.stage;
  }
  // (`n they're sayin it'll close by dec 18`, `预计月底签`: a deal's closing said with the day; the caller decides what it fits.)
  const before = rest;
  rest = rest.replace(/\b(?:(?:they'?re|they are|they|he|she|client|customer)\s+)?(?:(?:sayin'?g?|say|says|said|think|thinks|reckon|reckons|expect|expects)\s+)?(?:(?:it'?ll|it will|it'?s gonna|it is going to|it should|should|will|gonna)\s+)?(?:close|closing|closes|sign|signing|signs|be signed)\b|(?:预计|估计|应该)?(?:成交|签约|签单|签|关单)/giu, ' ');
  const closeSaid = before !== rest;
  if (closeSaid && !fields.has('day')) return null;
  if (!fields.size) return null;
  const left = rest.replace(/['’]s\b/g, ' ').replace(VALUE_FILLER_EN, ' ').replace(VALUE_FILLER_ZH, ' ').replace(/\bnot\s+\S+/gi, ' ').replace(/[\s,.;:!~…，。；：！、'"“”-]+/g, '');
  return left ? null : { entities, fields, ...(at ? { at } : {}), ...(closeSaid ? { closeSaid } : {}) };
}
