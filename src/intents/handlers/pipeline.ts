// pipeline_summary, create_opportunity, update_opportunity.
import type { OpportunityDto, OpportunityStage } from '../../domain/pipeline/index.ts';
import { extractEntities } from '../parser/index.ts';
import { formatDate, formatMoney, pct } from '../format.ts';
import { L, type Handler, type HandlerContext } from './context.ts';
import { written } from './reply.ts';
import { accountForms, askToChoose, resolveParty } from './resolve.ts';
import { monthPeriod, repOf } from './team.ts';
import { stageWord } from '../words.ts';
import { escapeRe } from '../../domain/shared/regex.ts';

/** A currency named in a message (a symbol, a code or its word); 万 and 亿 are numbers, not money. */
const CURRENCY_SAID_RE = /[$€£¥￥]|\b(?:usd|eur|euros?|gbp|pounds?|dollars?|bucks|rmb|cny|yuan|quid)\b|元|块钱|美元|美金|欧元|英镑|人民币/i;

const stageName = (s: OpportunityStage, lang: 'en' | 'zh') => stageWord(s, lang);

function defaultScope(ctx: HandlerContext, asked?: 'mine' | 'team' | 'all'): 'mine' | 'team' | 'all' {
  if (asked) return asked;
  return ctx.actor.kind === 'user' && ctx.actor.role !== 'rep' ? 'team' : 'mine';
}

/**
 * `全公司这季度的商机`, `the whole company's pipeline` asked by someone who is no admin: the widest view
 * they have (a manager's team, a rep's own), said as such, rather than a refusal.
 */
export function wholeCompanyAsTeam(handler: Handler): Handler {
  return async (ctx, entities, resolved) => {
    if (entities.scope !== 'all' || ctx.actor.kind !== 'user' || ctx.actor.role === 'admin') return handler(ctx, entities, resolved);
    const team = ctx.actor.role !== 'rep';
    const result = await handler(ctx, { ...entities, scope: team ? 'team' : 'mine' }, resolved);
    const note = team
      ? L(ctx.lang, 'Only an admin sees the whole company; here is your team. ', '只有管理员能看全公司的数据，以下是你团队的：')
      : L(ctx.lang, 'Only an admin sees the whole company; here are your own. ', '只有管理员能看全公司的数据，以下是你自己的：');
    const [first, ...rest] = result.replies;
    return first ? { ...result, replies: [{ ...first, text: note + first.text }, ...rest] } : result;
  };
}

export const pipelineSummary: Handler = wholeCompanyAsTeam(async (ctx, entities, resolved) => {
  const rep = await repOf(ctx, 'pipeline_summary', entities, resolved);
  if ('result' in rep) return rep.result;
  const scope = rep.userId ? 'team' : defaultScope(ctx, entities.scope);
  const period = monthPeriod(entities.month, ctx.tz) ?? entities.period ?? 'this_quarter';
  const s = await ctx.services.pipeline.getSummary(ctx.actor, { scope, period, ...(rep.userId ? { userId: rep.userId } : {}) });
  const money = (xs: { currency: string; raw: number; weighted: number }[], weighted = false) =>
    xs.length ? xs.map((m) => formatMoney(weighted ? m.weighted : m.raw, m.currency, ctx.lang)).join(' + ') : '—';
  const lines = s.byStage
    .filter((b) => b.count > 0)
    .map((b) => `${stageName(b.stage, ctx.lang)}: ${b.count} · ${money(b.amounts)}`);
  const whose = rep.name ? L(ctx.lang, `${rep.name}'s open pipeline`, `${rep.name}的在途商机`) : L(ctx.lang, 'Open pipeline', '在途商机');
  const head = L(
    ctx.lang,
    `${whose}: ${money(s.openTotals)} (weighted ${money(s.openTotals, true)}). Win rate: ${s.winRate.rate === null ? 'n/a' : pct(s.winRate.rate)} (${s.winRate.won} won, ${s.winRate.lost} lost).`,
    `${whose}：${money(s.openTotals)}（加权 ${money(s.openTotals, true)}）。赢单率：${s.winRate.rate === null ? '无' : pct(s.winRate.rate)}（赢 ${s.winRate.won}，输 ${s.winRate.lost}）。`,
  );
  const sections = [{ title: L(ctx.lang, 'By stage', '按阶段'), lines: lines.length ? lines : [L(ctx.lang, 'No deals.', '暂无商机。')] }];
  if (rep.userId || scope === 'mine') {
    // One colleague's pipeline, or my own: the deals themselves, with their accounts.
    const open = await ctx.services.pipeline.listOpen(ctx.actor, rep.userId ? { scope: 'team', userId: rep.userId, limit: 10 } : { scope: 'mine', limit: 10 });
    if (open.length) {
      sections.push({
        title: L(ctx.lang, 'Open deals', '在途商机'),
        lines: open.map((o) => L(ctx.lang, `${o.name} (${o.accountName}) · ${stageName(o.stage, ctx.lang)} · ${formatMoney(o.amount, o.currency, ctx.lang)}`, `${o.name}（${o.accountName}）· ${stageName(o.stage, ctx.lang)} · ${formatMoney(o.amount, o.currency, ctx.lang)}`)),
      });
    }
  }
  if (s.stalled.length) {
    sections.push({
      title: L(ctx.lang, 'Stalled', '停滞的商机'),
      lines: s.stalled.slice(0, 10).map((o) =>
        o.reason === 'past_expected_close'
          ? L(ctx.lang, `${o.name} (${o.accountName}) — expected close passed ${o.days} days ago`, `${o.name}（${o.accountName}）— 预计成交日期已过 ${o.days} 天`)
          : L(ctx.lang, `${o.name} (${o.accountName}) — no stage change for ${o.days} days`, `${o.name}（${o.accountName}）— ${o.days} 天没有推进`),
      ),
    });
  }
  if (s.slipping.length) {
    sections.push({
      title: L(ctx.lang, 'Slipping', '延期的商机'),
      lines: s.slipping.slice(0, 10).map((o) => L(ctx.lang, `${o.name} — close date moved ${o.slips} time(s)`, `${o.name} — 成交日期推迟了 ${o.slips} 次`)),
    });
  }
  return { replies: [{ kind: 'list', text: head, sections }] };
});

/** `text` with every way of naming the account (name, aliases, short forms) taken out. */
function withoutAccount(text: string, account: { name: string | null; aliases: readonly string[] }): string {
  let rest = text;
  for (const f of accountForms(account.name, account.aliases).sort((a, b) => b.length - a.length)) rest = rest.replace(new RegExp(escapeRe(f), 'gi'), ' ');
  return rest;
}

async function pickOpportunity(ctx: HandlerContext, entities: Parameters<Handler>[1], resolved: Parameters<Handler>[2], intent: 'update_opportunity'): Promise<{ opp: OpportunityDto } | { result: Awaited<ReturnType<Handler>> }> {
  if (resolved.opportunityId) return { opp: await ctx.services.pipeline.getOpportunity(ctx.actor, resolved.opportunityId) };
  let accountId = resolved.accountId;
  if (!accountId && entities.account) {
    const p = await resolveParty(ctx, intent, entities, resolved, 'account', { en: 'Which account?', zh: '哪个客户？' });
    if (!p.ok) return { result: p.result };
    accountId = p.party.accountId;
  }
  const text = entities.opportunity ?? entities.summary ?? '';
  // `and bump the amount to 22k`, `金额也改一下`: no deal named, right after a change to one — that one.
  if (!text.trim() && !accountId) {
    const last = await ctx.services.undo.lastWrite(ctx.actor);
    if (last?.entityType === 'Opportunity') return { opp: await ctx.services.pipeline.getOpportunity(ctx.actor, last.entityId) };
  }
  let found = await ctx.services.pipeline.searchOpportunities(ctx.actor, text, { ...(accountId ? { accountId } : {}), limit: 8 });
  if (found.length === 0 && !accountId && text.trim()) {
    // "协和续约那单": an account named inside the deal's words, and the rest of them within its deals.
    const m = await ctx.services.resolution.findMentioned(ctx.actor, text, { kind: 'account' });
    if (m) {
      let rest = withoutAccount(text, m);
      rest = rest.replace(/(?:那|这)?单子?|的|deal|opp(?:ortunity)?/gi, ' ').replace(/\s+/g, ' ').trim();
      found = await ctx.services.pipeline.searchOpportunities(ctx.actor, rest || m.name, { accountId: m.id, limit: 8 });
      // "年度续约" of "年度供货续约": Chinese words of the name, in two-character pieces.
      if (!found.length && /^\p{Script=Han}{4,}$/u.test(rest)) {
        const pieces = rest.match(/\p{Script=Han}{2}/gu) ?? [];
        found = await ctx.services.pipeline.searchOpportunities(ctx.actor, pieces.join(' '), { accountId: m.id, limit: 8 });
      }
      // "内分泌试用" of "内分泌新药试用": the words said are the name's, in its order, with some left out.
      if (!found.length && /^\p{Script=Han}{3,}$/u.test(rest)) {
        const all = await ctx.services.pipeline.searchOpportunities(ctx.actor, m.name, { accountId: m.id, limit: 50 });
        found = all.filter((o) => inOrderWithin(rest, o.name));
      }
    }
  }
  // `Acme has signed the platform renewal`, `update the amount of the Acme SSO add-on`: no words
  // were read as the deal's, but the message names one of the user's open deals all the same.
  if (found.length === 0 && !resolved.opportunityId) found = namedInText(ctx.text, await openDealsOf(ctx, accountId));
  if (found.length === 1) return { opp: found[0]! };
  if (found.length === 0) {
    return { result: { replies: [{ kind: 'error', text: L(ctx.lang, "I couldn't find an open deal like that. Say 'pipeline' to see your deals.", '没有找到匹配的在途商机。发送“销售漏斗”查看全部。') }] } };
  }
  return {
    result: askToChoose(ctx, intent, entities, { ...resolved, ...(accountId ? { accountId } : {}) }, 'opportunity', L(ctx.lang, 'Which deal?', '哪个商机？'),
      found.map((o) => ({ id: o.id, kind: 'opportunity' as const, label: o.name, detail: `${o.accountName} · ${stageName(o.stage, ctx.lang)} · ${formatMoney(o.amount, o.currency, ctx.lang)}` }))),
  };
}

/** The open deals the user works on (a manager: the team's), within one account when it is known. */
async function openDealsOf(ctx: HandlerContext, accountId: string | undefined): Promise<OpportunityDto[]> {
  const scope = ctx.actor.kind === 'user' && ctx.actor.role === 'rep' ? 'mine' : 'team';
  const deals = await ctx.services.pipeline.listOpen(ctx.actor, { scope, limit: 200 });
  return accountId ? deals.filter((d) => d.accountId === accountId) : deals;
}

/**
 * The deals a message names: its whole name said (`the Acme SSO add-on`), or every word of it
 * (`Acme has signed the platform renewal` for "Acme platform renewal"); the most fully named win.
 */
export function namedInText(text: string, deals: readonly OpportunityDto[]): OpportunityDto[] {
  const said = text.toLowerCase().replace(/\s+/g, ' ');
  const compact = said.replace(/\s+/g, '');
  const scored = deals.map((d) => {
    const name = d.name.toLowerCase();
    if (compact.includes(name.replace(/\s+/g, ''))) return { d, score: 2 };
    const words = name.split(/[\s\-–—_/,.()]+/).filter((x) => x.length >= 2);
    const whole = (x: string) => (/^[a-z0-9]/.test(x) ? new RegExp(`(?:^|[^a-z0-9])${escapeRe(x)}(?![a-z0-9])`).test(said) : said.includes(x));
    return { d, score: words.length >= 2 && words.every(whole) ? 1 : 0 };
  }).filter((x) => x.score > 0);
  const best = Math.max(0, ...scored.map((x) => x.score));
  return scored.filter((x) => x.score === best).map((x) => x.d);
}

/** Whether every character of `said` is in `name`, in the same order (`内分泌试用` in `内分泌新药试用`). */
function inOrderWithin(said: string, name: string): boolean {
  let at = 0;
  for (const c of said) {
    at = name.indexOf(c, at);
    if (at < 0) return false;
    at += c.length;
  }
  return true;
}

/** Words a number after which counts parts of a thing, not a date (`phase 2`, `lot 3`). */
const NUMBERED_PART = /^(?:phase|stage|step|round|part|v|version|gen|generation|lot|batch|wave|tranche|site|building|line|module|release|sprint|no\.?|number|#)$/i;
const DATE_WORDS = /^(?:下下?|上|这|本)个?$|^(?:next|end|by|until)$|明年|今年|后年|下个?月|这个?月|本月|月底|月初|月中|年底|年初|年中|季度|\d+\s*[月号日]|[一二三四五六七八九十]+月|^\d+$|\d$|\b(?:next|this) (?:year|month|quarter)\b|\bend of\b|\bq[1-4]\b|\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b|\b(?:19|20)\d\d\b/i;

/** A deal name without a date said after it: "胰岛素泵项目, 明年1" → "胰岛素泵项目" and "明年1". */
/** Whether two instants fall on the same day in `tz` (a remnant's own date agrees with the one read). */
function sameDay(a: string | undefined, b: string, tz: string): boolean {
  if (!a) return false;
  const day = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
  return day(a) === day(b);
}

/** The command said before a deal's name, when the parser left it in: "新商机 年度供货", "new deal analytics". */
const COMMAND_WORDS = /^(?:(?:新建|新增|创建|新开|添加|加个?|建个?|新)(?:一|1)?个?(?:商机|机会|单子?|项目)|(?:add|new|create|open)\s+(?:a\s+)?(?:new\s+)?(?:deal|opportunity|opp)\b)[\s:：,，]*/i;

export function splitDateRemnant(said: string): { name: string; remnant: string | null } {
  const name = said.replace(COMMAND_WORDS, '').trim();
  const kept: string[] = [];
  const remnants: string[] = [];
  for (const clause of name.split(/\s*[,，;；]\s*/).filter(Boolean)) {
    if (!DATE_WORDS.test(clause) && !clause.split(' ').some((w) => DATE_WORDS.test(w))) {
      kept.push(clause);
      continue;
    }
    // "胰岛素泵项目 明年1": the date words at the clause's end, after a space; the rest is name.
    const words = clause.split(' ');
    const tail: string[] = [];
    // (`rollout phase 2`, `wave 3`: a number after a word that counts parts is the name's.)
    const counted = () => /^\d+$/.test(words.at(-1)!) && NUMBERED_PART.test(words.at(-2) ?? '');
    while (words.length && DATE_WORDS.test(words.at(-1)!) && !counted()) tail.unshift(words.pop()!);
    if (words.length && !DATE_WORDS.test(words.join(' '))) kept.push(words.join(' '));
    else tail.unshift(...words);
    remnants.push(tail.join(' '));
  }
  if (!kept.length || !remnants.length) return { name, remnant: null };
  return { name: kept.join(', '), remnant: remnants.join(', ') };
}

/** The clause of the message that holds `part` ("明年1月底签"), or `part` itself. */
function clauseWith(text: string, part: string): string {
  return text.split(/[,，;；。]/).map((c) => c.trim()).find((c) => c.includes(part)) ?? part;
}

export const createOpportunity: Handler = async (ctx, entities, resolved) => {
  if (!resolved.accountId && ctx.actor.kind === 'user') {
    // "新商机 仁和大药房 年度供货" read with the command as the account: the account is one of the
    // user's named in the message, and it is not part of the deal's name.
    if (entities.account && !entities.account.replace(COMMAND_WORDS, '').trim()) entities = { ...entities, account: undefined };
    if (!entities.account) {
      const m = await ctx.services.resolution.mentions(ctx.actor, ctx.text, { kind: 'account' });
      if (m.status === 'found') {
        const drop = (x: string | undefined) => x?.split(m.match.matchedText).join(' ').replace(/\s+/g, ' ').trim() || undefined;
        entities = {
          ...entities,
          account: m.match.matchedText,
          title: drop(entities.title),
          opportunity: drop(entities.opportunity),
          summary: drop(entities.summary),
        };
      }
    }
  }
  const who = await resolveParty(ctx, 'create_opportunity', entities, resolved, 'account', { en: 'For which account?', zh: '是哪个客户的商机？' });
  if (!who.ok) return who.result;
  if (!who.party.accountId) return { replies: [{ kind: 'error', text: L(ctx.lang, 'A deal needs an account.', '商机需要关联客户。') }] };
  if (!entities.opportunity && !entities.summary && entities.account) {
    // "new deal initech analytics upgrade": the account's name, then what the deal is — all of it
    // when the title read starts after a word left with the account ("umbrella health pilot" + "extension").
    const m = await ctx.services.resolution.findMentioned(ctx.actor, entities.account, { kind: 'account' });
    if (m?.id === who.party.accountId) {
      const rest = withoutAccount(entities.account, m).replace(/^[\s的,，:：-]+|[\s,，:：-]+$/g, '').replace(/\s+/g, ' ');
      const joined = entities.title && new RegExp(`${escapeRe(rest)}\\s+${escapeRe(entities.title)}`, 'i').test(ctx.text);
      if (/[A-Za-z]{3}|\p{Script=Han}{2}/u.test(rest) && (!entities.title || joined)) entities = { ...entities, title: entities.title ? `${rest} ${entities.title}` : rest };
    }
  }
  if (entities.amount === undefined) {
    // "新建商机 协和 耗材集采 30万 12月31号签" with no amount read: the one amount the message says.
    const ex = extractEntities(ctx.text, { now: ctx.now, tz: ctx.tz });
    if (ex.amount !== undefined) entities = { ...entities, amount: ex.amount, ...(ex.currency && !entities.currency ? { currency: ex.currency } : {}) };
  }
  if (entities.amount === undefined) {
    return {
      replies: [{ kind: 'question', text: L(ctx.lang, 'How much is it worth? For example "$50k" or "5万".', '金额是多少？例如“5万”或“$50k”。') }],
      pending: { type: 'slot', intent: 'create_opportunity', entities, resolved: { ...resolved, accountId: who.party.accountId }, slot: 'amount', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
    };
  }
  // The deal's name as said (`title` in the contract); only a deal named nothing gets a made-up name.
  // A date left in the name ("胰岛素泵项目, 明年1") means the close date was not fully read: the
  // date read is not stored on that guess, and the reply says what was not understood.
  const said = (entities.title ?? entities.opportunity ?? entities.summary ?? '').trim();
  // (`new deal for acme, data retention module`: the account said in lowercase before the name is no part of it.)
  const first = who.party.accountName?.split(/\s+/)[0];
  const lead = first && /^[A-Za-z]{3,}$/.test(first) ? new RegExp(`^${escapeRe(first)}(?:\\s+[A-Za-z]+)?\\s*[,:\\-–—]\\s+(?=\\S)`, 'i').exec(said) : null;
  const named = splitDateRemnant(lead ? said.slice(lead[0].length) : said);
  const name = named.name || L(ctx.lang, `${who.party.accountName} deal`, `${who.party.accountName}商机`);
  const closeUnsure =
    named.remnant !== null &&
    entities.due !== undefined &&
    !sameDay(extractEntities(named.remnant, { now: ctx.now, tz: ctx.tz }).due, entities.due, ctx.tz);
  const opp = await ctx.services.pipeline.createOpportunity(ctx.actor, {
    accountId: who.party.accountId,
    name,
    amount: entities.amount,
    currency: entities.currency ?? (ctx.lang === 'zh' ? 'CNY' : 'USD'),
    ...(entities.stage ? { stage: entities.stage } : {}),
    ...(entities.due && !closeUnsure ? { expectedCloseAt: new Date(entities.due) } : {}),
    ...(ctx.sourceMessageId ? { sourceMessageId: ctx.sourceMessageId } : {}),
  });
  const unread = closeUnsure ? L(ctx.lang, ` Close date not stored (not understood): "${clauseWith(ctx.text, named.remnant!)}" — say e.g. "close date Jan 31".`, `预计成交日期未保存（没有理解）：“${clauseWith(ctx.text, named.remnant!)}”，可以说“成交日期改成1月31日”。`) : '';
  const close = opp.expectedCloseAt ? L(ctx.lang, `, expected close ${formatDate(opp.expectedCloseAt, ctx.tz, ctx.lang)}`, `，预计 ${formatDate(opp.expectedCloseAt, ctx.tz, ctx.lang)} 成交`) : '';
  return written(
    ctx,
    L(ctx.lang, `New deal "${opp.name}" at ${who.party.accountName}: ${formatMoney(opp.amount, opp.currency, ctx.lang)}, ${stageName(opp.stage, ctx.lang)}${close}.`, `已新建商机“${opp.name}”（${who.party.accountName}）：${formatMoney(opp.amount, opp.currency, ctx.lang)}，${stageName(opp.stage, ctx.lang)}${close}。`) + unread,
    { entity: 'opportunity', id: opp.id },
  );
};

const CLOSE_SAID_RE = /\bclos(?:e|es|ing)\b|\bsignature\b|\bsign(?:s|ed|ing)?\b|成交|签(?:约|单|合同)?|关单/i;

export const updateOpportunity: Handler = async (ctx, entities, resolved) => {
  const picked = await pickOpportunity(ctx, entities, resolved, 'update_opportunity');
  if ('result' in picked) return picked.result;
  const { opp } = picked;
  let updated = opp;
  const changes: string[] = [];
  if (entities.stage && entities.stage !== opp.stage) {
    updated = await ctx.services.pipeline.changeStage(ctx.actor, opp.id, entities.stage, ctx.sourceMessageId ? { sourceMessageId: ctx.sourceMessageId } : {});
    changes.push(L(ctx.lang, `stage now ${stageName(updated.stage, 'en')} (was ${stageName(opp.stage, 'en')})`, `阶段：${stageName(opp.stage, 'zh')} → ${stageName(updated.stage, 'zh')}`));
  }
  // (A day said with a new stage is the close date only when closing is what it is said of: `the signature it will be the 15 of january`.)
  if (entities.amount !== undefined || (entities.due && (!entities.stage || CLOSE_SAID_RE.test(ctx.text)))) {
    updated = await ctx.services.pipeline.updateOpportunity(ctx.actor, opp.id, {
      ...(entities.amount !== undefined ? { amount: entities.amount } : {}),
      // `should now be 18 thousand` on a euro deal: 18,000 euros. A currency changes only when one is said.
      ...(entities.currency && (entities.currency === opp.currency || CURRENCY_SAID_RE.test(ctx.text)) ? { currency: entities.currency } : {}),
      ...(entities.due ? { expectedCloseAt: new Date(entities.due) } : {}),
      ...(ctx.sourceMessageId ? { sourceMessageId: ctx.sourceMessageId } : {}),
    });
    if (entities.amount !== undefined) changes.push(L(ctx.lang, `amount now ${formatMoney(updated.amount, updated.currency, 'en')} (was ${formatMoney(opp.amount, opp.currency, 'en')})`, `金额：${formatMoney(opp.amount, opp.currency, 'zh')} → ${formatMoney(updated.amount, updated.currency, 'zh')}`));
    if (entities.due) changes.push(L(ctx.lang, `expected close: ${formatDate(new Date(entities.due), ctx.tz, 'en')}`, `预计成交：${formatDate(new Date(entities.due), ctx.tz, 'zh')}`));
  }
  if (!changes.length) {
    return {
      replies: [{ kind: 'question', text: L(ctx.lang, `What should change on "${opp.name}"? Say a stage (e.g. negotiation), an amount or a close date.`, `“${opp.name}”要改什么？可以说阶段（如谈判）、金额或预计成交日期。`) }],
      pending: { type: 'slot', intent: 'update_opportunity', entities, resolved: { ...resolved, opportunityId: opp.id }, slot: 'stage', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
    };
  }
  return written(ctx, L(ctx.lang, `Updated "${opp.name}" (${opp.accountName}): ${changes.join('; ')}.`, `已更新“${opp.name}”（${opp.accountName}）：${changes.join('；')}。`), { entity: 'opportunity', id: opp.id });
};

export { defaultScope };
