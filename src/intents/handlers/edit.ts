// Corrections: the Edit button under a confirmation, and `correct_last` ("no wait, it was a
// meeting", "不对，是李主任", "刚才那条记错了，是昨天"). Both change one record — its type, who it
// was with, its account, its date, its note, amount or stage — and confirm what changed next to
// what the record now says.
import { extractEntities, normaliseText, type Entities, type IntentName } from '../parser/index.ts';
import { wallClock, wallToInstant, zhNumber } from '../parser/dates.ts';
import { personName, isJobTitle } from '../../domain/customers/person-name.ts';
import { formatDate, formatMoney, formatWhen } from '../format.ts';
import { birthdayWord, fieldWord, priorityWord, roleWord, stageWord, typeWord } from '../words.ts';
import { L, type EditableEntity, type HandlerContext, type HandlerResult, type Resolved } from './context.ts';
import { written } from './reply.ts';
import { editExamples, PAST_SAID } from '../answers.ts';
import { askToChoose, describeParty, displayName, hanNameWithoutVerb } from './resolve.ts';
import { escapeRe } from '../../domain/shared/regex.ts';

export type EditTarget = { entity: EditableEntity; id: string };

/**
 * `make it 4pm actually`, `改到下午四点`: only a time of day, no day — the time the record's own day
 * is moved to (as hour and minute), or undefined when the message names a day or no time.
 */
const EN_TIME = String.raw`(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)`;
const ZH_TIME = String.raw`(上午|下午|晚上|早上|中午)?([\d一二三四五六七八九十两]{1,3})点(半|(?:[\d一二三四五六七八九十]{1,3})分?)?`;
const TIME_ONLY_EN_RE = new RegExp(String.raw`^\W*(?:(?:no|nah|nope|wait|sorry|oops|actually|make|change|move|push|set|put|it|that|this|to|at|should|be|it'?s|its|the|time|instead|pls|please|oh|one)\W+)*${EN_TIME}(?:\W+(?:actually|instead|pls|please|then|thanks|thx|not\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)?))*\W*$`, 'i');
/** An hour with no am or pm, said as a clock (`at 2`, `14h30`, `2:30`, `3 o'clock`) among words that point back at the record. */
const CLOCK_ONLY_EN_RE = new RegExp(String.raw`^\W*(?:(?:oh|ah|and|n|also|sorry|i|forgot|to|say|mention|no|nah|wait|actually|it|that|this|the|visit|call|meeting|mtg|was|were|happened|started|should|be|make|change|set|put|time|instead|pls|please|one)\W+)*(?:(?:at|@)\s*(\d{1,2})(?:(?::|h|\.)(\d{2}))?(?:\s*(?:h|o'?clock))?|(\d{1,2})(?::|h)(\d{2})|(\d{1,2})\s*(?:h|o'?clock))(?:\W+(?:actually|instead|pls|please|then|thanks|thx|not\s+\d{1,2}(?::\d{2})?))*\W*$`, 'i');
const TIME_ONLY_ZH_RE = new RegExp(String.raw`^[\s,，。!！]*(?:哦|噢|啊|呃|嗯|哎|诶|算了|不对|不是|错了|说错了|其实|改成|改到|改为|调到|挪到|换到|时间|还是|是|应该是|[,，\s])*${ZH_TIME}(?:吧|哈|啊|的|才对|嘛|噻|哦|呗|咯|撒|哟|么)*[\s,，。!！]*$`, 'u');
export function timeOnlySaid(text: string): { hour: number; minute: number } | undefined {
  return timeOnlyIn(text) ?? timeOnlyIn(normaliseText(text)) ?? timeOnlyIn(clockInFigures(text));
}

const HOUR_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const MINUTE_WORDS: Record<string, string> = { thirty: '30', fifteen: '15', 'forty five': '45', 'forty-five': '45', fortyfive: '45', 'oh five': '05', ten: '10', twenty: '20', 'forty': '40', fifty: '50' };
/** `ten thirty in the morning` → `10:30 am`: an hour said in words, as a clock. */
function clockInFigures(text: string): string {
  return text
    .replace(/\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+(thirty|fifteen|forty[- ]?five|oh five|twenty|forty|fifty)|\s+o'?clock)?\b/gi,
      (_m, h: string, mm: string | undefined) => `${HOUR_WORDS[h.toLowerCase()]}${mm ? `:${MINUTE_WORDS[mm.toLowerCase().replace('-', ' ')] ?? '00'}` : ''}`)
    .replace(/\s+in the morning\b/gi, ' am').replace(/\s+(?:in the (?:afternoon|evening)|at night|tonight)\b/gi, ' pm');
}

function timeOnlyIn(text: string): { hour: number; minute: number } | undefined {
  const en = TIME_ONLY_EN_RE.exec(text.trim());
  if (en) {
    let hour = Number(en[1]);
    const pm = /^p/i.test(en[3]!);
    if (hour > 12) return undefined;
    if (pm && hour < 12) hour += 12;
    if (!pm && hour === 12) hour = 0;
    return { hour, minute: en[2] ? Number(en[2]) : 0 };
  }
  const clock = CLOCK_ONLY_EN_RE.exec(text.trim().replace(/['’]s\b/g, ''));
  if (clock) {
    // (`oh n it was at 2`, `the visit was at 14h30`: a working day's hour — 1 to 6 is the afternoon.)
    let hour = Number(clock[1] ?? clock[3] ?? clock[5]);
    const minute = Number(clock[2] ?? clock[4] ?? 0);
    if (hour > 23 || minute > 59) return undefined;
    if (hour >= 1 && hour <= 6) hour += 12;
    return { hour, minute };
  }
  const zh = TIME_ONLY_ZH_RE.exec(text.trim());
  if (zh) {
    const num = (x: string) => (/^\d+$/.test(x) ? Number(x) : zhNumber(x));
    let hour = num(zh[2]!);
    if (!(hour >= 0 && hour <= 23)) return undefined;
    if (/下午|晚上/.test(zh[1] ?? '') && hour < 12) hour += 12;
    if (!zh[1] && hour >= 1 && hour <= 6) hour += 12;
    const minute = zh[3] === '半' ? 30 : zh[3] ? num(zh[3].replace('分', '')) : 0;
    return { hour, minute };
  }
  return undefined;
}

const BIRTHDAY_SAID = /\b(?:birthday|bday|b-day|born)\b|生日|生辰/i;
/** `MM-DD` of an instant, on the user's calendar. */
const monthDayOf = (d: Date, tz: string) => {
  const w = wallClock(d, tz);
  return `${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
};

const ENTITY_OF: Record<string, EditableEntity> = {
  Interaction: 'interaction',
  Task: 'task',
  Opportunity: 'opportunity',
  Contact: 'contact',
  Ticket: 'ticket',
  Account: 'account',
};
export const editableOf = (entityType: string): EditableEntity | undefined => ENTITY_OF[entityType];

const iso = (s: string | undefined) => {
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

/** The record as stored, in one line of the user's language. */
export async function describeRecord(ctx: HandlerContext, t: EditTarget): Promise<string> {
  const { services, actor, lang, tz, now } = ctx;
  switch (t.entity) {
    case 'interaction': {
      const i = await services.interactions.getInteraction(actor, t.id);
      const p = await describeParty(ctx, { contactId: i.contactId ?? undefined, accountId: i.accountId });
      const when = formatWhen(i.occurredAt, tz, lang, now);
      const note = i.summary ? L(lang, `, note: ${i.summary}`, `，内容：${i.summary}`) : '';
      const fu = i.followUps[0] ? L(lang, `, follow-up: ${i.followUps[0].title} ${formatWhen(i.followUps[0].dueAt, tz, lang, now)}`, `，跟进：${i.followUps[0].title} ${formatWhen(i.followUps[0].dueAt, tz, lang, now)}`) : '';
      return L(lang, `${typeWord(i.type, lang)} with ${p.label}, ${when}${note}${fu}`, `${typeWord(i.type, lang)}：${p.label}，${when}${note}${fu}`);
    }
    case 'task': {
      const task = await services.tasks.getTask(actor, t.id);
      const p =
        task.contactId || task.accountId
          ? await describeParty(ctx, { contactId: task.contactId ?? undefined, accountId: task.accountId ?? undefined })
          : null;
      const prio = task.priority !== 'normal' ? L(lang, `, priority ${priorityWord(task.priority, lang)}`, `，优先级${priorityWord(task.priority, lang)}`) : '';
      return L(lang, `task "${task.title}" due ${formatWhen(task.dueAt, tz, lang, now)}${p ? ` (${p.label})` : ''}${prio}`, `任务“${task.title}”，${formatWhen(task.dueAt, tz, lang, now)}${p ? `（${p.label}）` : ''}${prio}`);
    }
    case 'opportunity': {
      const o = await services.pipeline.getOpportunity(actor, t.id);
      const close = o.expectedCloseAt ? L(lang, `, expected close ${formatDate(o.expectedCloseAt, tz, lang)}`, `，预计 ${formatDate(o.expectedCloseAt, tz, lang)} 成交`) : '';
      return L(lang, `deal "${o.name}" at ${o.accountName}: ${formatMoney(o.amount, o.currency, lang)}, ${stageWord(o.stage, lang)}${close}`, `商机“${o.name}”（${o.accountName}）：${formatMoney(o.amount, o.currency, lang)}，${stageWord(o.stage, lang)}${close}`);
    }
    case 'contact': {
      const c = await services.contacts.getContact(actor, t.id);
      const a = c.accountId ? await services.accounts.getAccount(actor, c.accountId) : null;
      const bits = contactFields(ctx, c);
      const at = a ? L(lang, ` at ${displayName(a.name, a.aliases, lang)}`, `，${displayName(a.name, a.aliases, lang)}`) : '';
      return L(lang, `contact ${c.name}${at}${bits.length ? ` — ${bits.join(', ')}` : ''}`, `联系人${c.name}${at}${bits.length ? `，${bits.join('，')}` : ''}`);
    }
    case 'ticket': {
      const k = await services.tickets.getTicket(actor, t.id);
      return L(lang, `complaint "${k.subject}" from ${k.accountName}, priority ${priorityWord(k.priority, lang)}`, `${k.accountName}的投诉“${k.subject}”，优先级${priorityWord(k.priority, lang)}`);
    }
    case 'account': {
      const a = await services.accounts.getAccount(actor, t.id);
      return L(lang, `account ${a.name}, tier ${a.tier}`, `客户${a.name}，${a.tier} 类`);
    }
  }
}

/** "title: VP of sales", "role: decision maker" … for the fields a contact has. */
export function contactFields(
  ctx: HandlerContext,
  c: {
    title: string | null;
    decisionRole: string | null;
    email: string | null;
    phone: string | null;
    birthMonth: number | null;
    birthDay: number | null;
    birthday: string | null;
  },
): string[] {
  const { lang } = ctx;
  const f = (k: string, v: string) => (lang === 'zh' ? `${fieldWord(k, lang)}：${v}` : `${fieldWord(k, lang)}: ${v}`);
  const out: string[] = [];
  if (c.title) out.push(f('title', c.title));
  // (In English the role is said as people say it, `champion`, not as a form's `role: champion`.)
  if (c.decisionRole) out.push(lang === 'zh' ? f('role', roleWord(c.decisionRole, lang, ctx.text)) : roleWord(c.decisionRole, lang));
  if (c.email) out.push(f('email', c.email));
  if (c.phone) out.push(f('phone', c.phone));
  if (c.birthMonth && c.birthDay) out.push(f('birthday', birthdayWord(c.birthMonth, c.birthDay, c.birthday ? Number(c.birthday.slice(0, 4)) : null, lang)));
  return out;
}

/** Edit button, or a correction that says something was wrong but not what: ask what should change. */
export async function askWhatToChange(ctx: HandlerContext, t: EditTarget, intent: IntentName = 'correct_last', lead?: string): Promise<HandlerResult> {
  const what = await describeRecord(ctx, t);
  const examples = editExamples(t.entity, ctx.lang);
  return {
    replies: [{ kind: 'question', text: `${lead ?? ''}${L(ctx.lang, `Editing ${what}. What should change? `, `正在修改：${what}。要改什么？`)}${examples}` }],
    pending: { type: 'slot', intent, entities: {}, resolved: { edit: t }, slot: 'edit', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
  };
}

/** Finds the person a correction names, preferring someone at the record's own account. */
async function personNear(
  ctx: HandlerContext,
  t: EditTarget,
  e: Entities,
  resolved: Resolved,
  accountId: string | null,
): Promise<{ ok: true; contactId?: string; accountId?: string } | { ok: false; result: HandlerResult }> {
  if (resolved.contactId || resolved.accountId) {
    return {
      ok: true,
      ...(resolved.contactId ? { contactId: resolved.contactId } : {}),
      ...(resolved.accountId ? { accountId: resolved.accountId } : {}),
    };
  }
  let accountHint: string | undefined = accountId ?? undefined;
  // "it was Bill, not Peter": the name said with "not" is the one being replaced.
  const esc = escapeRe;
  if (e.contact && e.account && new RegExp(`\\bnot\\s+${esc(e.contact)}\\b|不是${esc(e.contact)}`, 'i').test(ctx.text)) e = { ...e, contact: e.account, account: undefined };
  if (e.account) {
    const a = await ctx.services.resolution.resolve(ctx.actor, e.account, { kind: 'account' });
    if (a.status === 'found') accountHint = a.match.id;
    // "actually it was Bill" read as an account: a name that is no account is tried as a person.
    else if (!e.contact) e = { ...e, contact: e.account, account: undefined };
  }
  if (e.account && !e.contact) {
    return { ok: true, accountId: accountHint! };
  }
  const name = e.contact!;
  let r = await ctx.services.resolution.resolve(ctx.actor, name, { kind: 'contact', limit: 10 });
  const cut = r.status === 'none' ? hanNameWithoutVerb(name) : null;
  if (cut) {
    // "不对，是李主任送的" read as "李主任送": without the verb it must be exactly someone.
    const r2 = await ctx.services.resolution.resolve(ctx.actor, cut, { kind: 'contact', limit: 10 });
    if (r2.status === 'found' && r2.match.score >= 0.95 && ['exact', 'alias', 'name'].includes(r2.match.matchedBy)) r = r2;
  }
  if (r.status === 'found') return { ok: true, contactId: r.match.id };
  if (r.status === 'ambiguous') {
    const near = accountHint ? r.candidates.filter((c) => c.accountId === accountHint) : [];
    if (near.length === 1) return { ok: true, contactId: near[0]!.id };
    const list = near.length > 1 ? near : r.candidates;
    return {
      ok: false,
      result: askToChoose(ctx, 'correct_last', e, { edit: t }, 'target', L(ctx.lang, `Which "${name}" do you mean?`, `你指的是哪一位“${name}”？`),
        list.map((c) => ({ id: c.id, kind: 'contact' as const, accountId: c.accountId, label: c.accountName ? `${c.name} · ${c.accountName}` : c.name, detail: [c.title, c.accountName].filter(Boolean).join(' · ') }))),
    };
  }
  return notFound(ctx, name, t);
}

function notFound(ctx: HandlerContext, name: string, t: EditTarget): { ok: false; result: HandlerResult } {
  return {
    ok: false,
    result: {
      replies: [{ kind: 'question', text: L(ctx.lang, `I couldn't find "${name}" among your contacts; nothing was changed. Who was it, or what else should change?`, `在你的联系人中没有找到“${name}”，没有做任何修改。是谁？或者要改别的什么？`) }],
      pending: { type: 'slot', intent: 'correct_last', entities: {}, resolved: { edit: t }, slot: 'edit', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId, attempts: 1 },
    },
  };
}

/** Words that name a currency (an amount said without one keeps the record's). */
const CURRENCY_SAID = /[$€£¥]|\b(?:usd|eur|euros?|gbp|pounds?|quid|rmb|cny|yuan|dollars?|bucks)\b|美元|美金|欧元|英镑|人民币|元|块/i;

/** A day said by its weekday alone ("tuesday 2pm", "周二下午"), not "next tuesday" or "下周二". */
const WEEKDAY_SAID = /^(?!.*\b(?:next|coming)\b)(?!.*下(?:周|星期|个?礼拜)).*(?:\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\b|(?:周|星期|礼拜)[一二三四五六日天])/i;
/** Words saying a date is a follow-up's, not when it happened. */
const FOLLOW_UP_SAID = /\b(?:follow(?:[- ]?up)?|remind|reminder|due|by|next|again)\b|跟进|提醒|下次|再|之前|前/i;

const arrow = (ctx: HandlerContext, field: string, from: string | null | undefined, to: string) =>
  // (In English a sentence's words, not a form's: `role now champion (was influencer)`.)
  ctx.lang === 'zh' ? `${fieldWord(field, 'zh')}：${from || '无'} → ${to}` : `${fieldWord(field, 'en')} now ${to} (was ${from || 'none'})`;

/**
 * Applies a correction to a record. `freeText` (an Edit answer nothing else was read from) becomes
 * the note of an interaction, the title of a task or the subject of a ticket.
 */
/** `updated`: a change asked for as such (`mark it urgent`), not a correction of what was said before; `at`: an hour said alone, read already. */
export async function applyEdit(
  ctx: HandlerContext, t: EditTarget, e: Entities, resolved: Resolved,
  opts: { freeText?: string; updated?: boolean; at?: { hour: number; minute: number } } = {},
): Promise<HandlerResult> {
  const { services, actor, lang, tz, now } = ctx;
  const changes: string[] = [];
  const when = (d: Date) => formatWhen(d, tz, lang, now);
  const nothing = (why?: string): HandlerResult => ({
    replies: [{ kind: 'info', text: why ?? L(lang, "I couldn't tell what to change, so nothing was changed. ", '没看懂要改什么，所以没有做任何修改。') + (why ? '' : editExamples(t.entity, lang)) }],
  });
  switch (t.entity) {
    case 'interaction': {
      const cur = await services.interactions.getInteraction(actor, t.id);
      const patch: Parameters<typeof services.interactions.updateInteraction>[2] = {};
      if (e.interactionType && e.interactionType !== cur.type) {
        patch.type = e.interactionType;
        changes.push(arrow(ctx, 'type', typeWord(cur.type, lang), typeWord(e.interactionType, lang)));
      }
      // "tuesday 2pm" said of something that happened is the last Tuesday (as in a report), unless
      // it says it is a follow-up or the record has one whose date it may be.
      let said = iso(e.due);
      const text = ctx.message.text;
      if (
        said &&
        said.getTime() > now.getTime() &&
        !e.when &&
        !cur.followUps[0] &&
        WEEKDAY_SAID.test(text) &&
        !FOLLOW_UP_SAID.test(text) &&
        said.getTime() - now.getTime() <= 7 * 86_400_000
      ) {
        said = new Date(said.getTime() - 7 * 86_400_000);
      }
      const pastDue = said && said.getTime() <= now.getTime() ? said : undefined;
      // (`oh n it was at 2`, `the visit was at 14h30`: an hour said alone is that hour on the day it happened.)
      const hourOnly = !e.when && !e.due ? opts.at ?? timeOnlySaid(text) : undefined;
      const day = hourOnly ? wallClock(cur.occurredAt, tz) : undefined;
      let followUpMoved = false;
      let at = iso(e.when) ?? pastDue ?? (hourOnly && day ? wallToInstant(day.year, day.month, day.day, hourOnly.hour, hourOnly.minute, tz) : undefined);
      // (`quick call with Peter…, follow up in two weeks` then `make it 4 p.m.`: an hour still ahead is the follow-up's, on its own day.)
      const fuFirst = cur.followUps[0];
      if (hourOnly && at && at.getTime() > now.getTime() && fuFirst && !e.when) {
        const fd = wallClock(fuFirst.dueAt, tz);
        const moved = wallToInstant(fd.year, fd.month, fd.day, hourOnly.hour, hourOnly.minute, tz);
        if (moved.getTime() !== fuFirst.dueAt.getTime() && moved.getTime() > now.getTime()) {
          await services.tasks.updateTask(actor, fuFirst.id, { dueAt: moved });
          changes.push(arrow(ctx, 'dueAt', when(fuFirst.dueAt), when(moved)));
          followUpMoved = true;
        }
        at = undefined;
      }
      if (at) {
        if (at.getTime() - now.getTime() > 86_400_000) return nothing(L(lang, 'That date is in the future; a logged visit or call already happened. Nothing was changed.', '这个时间在未来，已记录的拜访或电话不可能发生在未来。没有做任何修改。'));
        if (at.getTime() !== cur.occurredAt.getTime()) {
          patch.occurredAt = at;
          changes.push(arrow(ctx, 'occurredAt', when(cur.occurredAt), when(at)));
        }
      }
      if (e.contact || e.account || resolved.contactId || resolved.accountId) {
        const who = await personNear(ctx, t, e, resolved, cur.accountId);
        if (!who.ok) return who.result;
        if (who.contactId && who.contactId !== cur.contactId) patch.contactId = who.contactId;
        if (who.accountId && who.accountId !== cur.accountId) patch.accountId = who.accountId;
      }
      const summary = e.summary ?? (!Object.keys(patch).length && !e.due ? opts.freeText : undefined);
      if (summary !== undefined && summary.trim() && summary.trim() !== cur.summary) {
        patch.summary = summary.trim();
        changes.push(arrow(ctx, 'summary', cur.summary, summary.trim()));
      }
      const before = await describeParty(ctx, { contactId: cur.contactId ?? undefined, accountId: cur.accountId });
      let wrote = false;
      if (Object.keys(patch).length) {
        const updated = await services.interactions.updateInteraction(actor, t.id, patch);
        wrote = true;
        if (patch.contactId !== undefined || patch.accountId !== undefined) {
          const after = await describeParty(ctx, { contactId: updated.contactId ?? undefined, accountId: updated.accountId });
          if (after.label !== before.label) changes.push(arrow(ctx, 'contact', before.label, after.label));
        }
      }
      // A future date on a visit is its follow-up's.
      const fuDue = pastDue ? undefined : iso(e.due);
      if (fuDue && fuDue.getTime() > now.getTime() && !e.when) {
        const fu = cur.followUps[0];
        if (fu && fu.dueAt.getTime() !== fuDue.getTime()) {
          await services.tasks.updateTask(actor, fu.id, { dueAt: fuDue });
          changes.push(arrow(ctx, 'dueAt', when(fu.dueAt), when(fuDue)));
          wrote = true;
        } else if (!fu) {
          const p = await describeParty(ctx, { contactId: patch.contactId ?? cur.contactId ?? undefined, accountId: patch.accountId ?? cur.accountId });
          const title = cur.summary || L(lang, `Follow up with ${p.contactName ?? p.accountName}`, `跟进${p.contactName ?? p.accountName}`);
          await services.tasks.createFollowUp(actor, {
            title,
            dueAt: fuDue,
            contactId: p.contactId ?? null,
            accountId: p.accountId ?? null,
            interactionId: t.id,
            sourceMessageId: ctx.sourceMessageId ?? null,
          });
          changes.push(L(lang, `follow-up: ${title}, ${when(fuDue)}`, `跟进：${title}，${when(fuDue)}`));
          wrote = true;
        }
      }
      if (!wrote && !followUpMoved) return nothing();
      break;
    }
    case 'task': {
      const cur = await services.tasks.getTask(actor, t.id);
      const patch: Parameters<typeof services.tasks.updateTask>[2] = {};
      // `不对，改成周五` read as a report's (last) Friday: a task's date lies ahead, so the coming one.
      const said = iso(e.when);
      const ahead = said && said.getTime() <= now.getTime() && !PAST_SAID.test(ctx.text) ? iso(extractEntities(ctx.text, { now, tz }).due) : undefined;
      // (`make it 4pm actually`: the task's own day, at that time.)
      const at = !e.due && !e.when ? opts.at ?? timeOnlySaid(ctx.text) : undefined;
      const day = at ? wallClock(cur.dueAt, tz) : undefined;
      const due = iso(e.due) ?? ahead ?? said ?? (at && day ? wallToInstant(day.year, day.month, day.day, at.hour, at.minute, tz) : undefined);
      if (due && due.getTime() !== cur.dueAt.getTime()) {
        if (due.getTime() <= now.getTime()) return nothing(L(lang, `${when(due)} has already passed; nothing was changed.`, `${when(due)}已经过去了，没有做任何修改。`));
        patch.dueAt = due;
        changes.push(arrow(ctx, 'dueAt', when(cur.dueAt), when(due)));
      }
      if (e.priority && e.priority !== cur.priority) {
        patch.priority = e.priority;
        changes.push(arrow(ctx, 'priority', priorityWord(cur.priority, lang), priorityWord(e.priority, lang, ctx.text)));
      }
      if (e.contact || e.account || resolved.contactId || resolved.accountId) {
        const who = await personNear(ctx, t, e, resolved, cur.accountId);
        if (!who.ok) return who.result;
        const before =
          cur.contactId || cur.accountId
            ? (await describeParty(ctx, { contactId: cur.contactId ?? undefined, accountId: cur.accountId ?? undefined })).label
            : null;
        if (who.contactId && who.contactId !== cur.contactId) patch.contactId = who.contactId;
        if (who.accountId && who.accountId !== cur.accountId) patch.accountId = who.accountId;
        if (patch.contactId || patch.accountId) {
          const after = await describeParty(ctx, { contactId: patch.contactId ?? undefined, accountId: patch.accountId ?? undefined });
          changes.push(arrow(ctx, 'contact', before, after.label));
        }
      }
      const title = e.summary ?? (!Object.keys(patch).length ? opts.freeText : undefined);
      if (title?.trim() && title.trim() !== cur.title) {
        patch.title = title.trim();
        changes.push(arrow(ctx, 'taskTitle', cur.title, title.trim()));
      }
      if (!Object.keys(patch).length) return nothing();
      await services.tasks.updateTask(actor, t.id, patch);
      break;
    }
    case 'opportunity': {
      const cur = await services.pipeline.getOpportunity(actor, t.id);
      let wrote = false;
      if (e.stage && e.stage !== cur.stage) {
        await services.pipeline.changeStage(actor, t.id, e.stage, ctx.sourceMessageId ? { sourceMessageId: ctx.sourceMessageId } : {});
        changes.push(arrow(ctx, 'stage', stageWord(cur.stage, lang), stageWord(e.stage, lang)));
        wrote = true;
      }
      const patch: { amount?: number; currency?: string; expectedCloseAt?: Date } = {};
      // "make that 21k": the deal keeps its currency unless another one is said.
      const currency = e.currency && CURRENCY_SAID.test(ctx.message.text) ? e.currency : undefined;
      if (e.amount !== undefined && (e.amount !== cur.amount || (currency && currency !== cur.currency))) {
        patch.amount = e.amount;
        if (currency) patch.currency = currency;
        changes.push(arrow(ctx, 'amount', formatMoney(cur.amount, cur.currency, lang), formatMoney(e.amount, currency ?? cur.currency, lang)));
      }
      const close = iso(e.due) ?? iso(e.when);
      if (close && close.getTime() !== cur.expectedCloseAt?.getTime()) {
        patch.expectedCloseAt = close;
        changes.push(arrow(ctx, 'expectedCloseAt', cur.expectedCloseAt ? formatDate(cur.expectedCloseAt, tz, lang) : null, formatDate(close, tz, lang)));
      }
      if (Object.keys(patch).length) {
        await services.pipeline.updateOpportunity(actor, t.id, { ...patch, ...(ctx.sourceMessageId ? { sourceMessageId: ctx.sourceMessageId } : {}) });
        wrote = true;
      }
      if (!wrote) return nothing();
      break;
    }
    case 'contact': {
      const cur = await services.contacts.getContact(actor, t.id);
      const patch: Parameters<typeof services.contacts.updateContact>[2] = {};
      if (e.contact) {
        const n = personName(e.contact);
        if (n && n.name !== cur.name) {
          patch.name = n.name;
          patch.aliases = [...new Set([...cur.aliases, ...n.aliases])];
          changes.push(arrow(ctx, 'name', cur.name, n.name));
        }
      }
      if (e.title && isJobTitle(e.title) && e.title !== cur.title) {
        patch.title = e.title;
        changes.push(arrow(ctx, 'title', cur.title, e.title));
      }
      if (e.role && e.role !== cur.decisionRole) {
        patch.decisionRole = e.role;
        changes.push(arrow(ctx, 'role', cur.decisionRole ? roleWord(cur.decisionRole, lang) : null, roleWord(e.role, lang, ctx.text)));
      }
      if (e.email && e.email.toLowerCase() !== cur.email) {
        patch.email = e.email;
        changes.push(arrow(ctx, 'email', cur.email, e.email.toLowerCase()));
      }
      if (e.phone && e.phone !== cur.phone) {
        patch.phone = e.phone;
        changes.push(arrow(ctx, 'phone', cur.phone, e.phone));
      }
      // `哦记岔了 是五月二十一`, `sorry, his birthday's the 21st of may`: a birthday said again, or a bare
      // date said of a contact whose birthday is what was just set (or that names a birthday).
      const bare = !e.birthday ? iso(e.when) ?? iso(e.due) : undefined;
      const bday = e.birthday ?? (bare && (cur.birthMonth || BIRTHDAY_SAID.test(ctx.text)) ? monthDayOf(bare, tz) : undefined);
      if (bday) {
        const md = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/.exec(bday);
        if (md && !(Number(md[2]) === cur.birthMonth && Number(md[3]) === cur.birthDay && !md[1])) {
          patch.birthday = bday;
          const old = cur.birthMonth && cur.birthDay ? birthdayWord(cur.birthMonth, cur.birthDay, null, lang) : null;
          changes.push(arrow(ctx, 'birthday', old, birthdayWord(Number(md[2]), Number(md[3]), md[1] ? Number(md[1]) : null, lang)));
        }
      }
      if (e.account) {
        const a = await services.resolution.resolve(actor, e.account, { kind: 'account' });
        if (a.status !== 'found') return nothing(L(lang, `I couldn't find the account "${e.account}"; nothing was changed.`, `没有找到客户“${e.account}”，没有做任何修改。`));
        if (a.match.id !== cur.accountId) {
          patch.accountId = a.match.id;
          changes.push(arrow(ctx, 'account', null, displayName(a.match.name, a.match.aliases, lang)));
        }
      }
      if (!Object.keys(patch).length) return nothing();
      await services.contacts.updateContact(actor, t.id, patch);
      break;
    }
    case 'ticket': {
      const cur = await services.tickets.getTicket(actor, t.id);
      const patch: { subject?: string; priority?: 'low' | 'normal' | 'high' | 'urgent'; contactId?: string } = {};
      if (e.priority && e.priority !== cur.priority) {
        patch.priority = e.priority;
        changes.push(arrow(ctx, 'priority', priorityWord(cur.priority, lang), priorityWord(e.priority, lang, ctx.text)));
      }
      if (e.contact || resolved.contactId) {
        const who = await personNear(ctx, t, { contact: e.contact }, resolved, cur.accountId);
        if (!who.ok) return who.result;
        if (who.contactId && who.contactId !== cur.contactId) {
          patch.contactId = who.contactId;
          changes.push(arrow(ctx, 'contact', null, (await describeParty(ctx, { contactId: who.contactId })).label));
        }
      }
      const subject = e.summary ?? (!Object.keys(patch).length ? opts.freeText : undefined);
      if (subject?.trim() && subject.trim() !== cur.subject) {
        patch.subject = subject.trim();
        changes.push(arrow(ctx, 'subject', cur.subject, subject.trim()));
      }
      if (!Object.keys(patch).length) return nothing();
      await services.tickets.updateTicket(actor, t.id, patch);
      break;
    }
    case 'account': {
      const cur = await services.accounts.getAccount(actor, t.id);
      const name = e.account ?? (!e.contact ? opts.freeText : undefined);
      if (!name?.trim() || name.trim() === cur.name) return nothing();
      await services.accounts.updateAccount(actor, t.id, { name: name.trim() });
      changes.push(arrow(ctx, 'name', cur.name, name.trim()));
      break;
    }
  }
  const now2 = await describeRecord(ctx, t);
  const list = changes.join(lang === 'zh' ? '；' : '; ');
  return written(ctx, L(lang, `${opts.updated ? 'Updated' : 'Corrected'}: ${list}. Now: ${now2}.`, `${opts.updated ? '已更新' : '已更正'}：${list}。现在是：${now2}。`), t);
}
