// The words replies use for stored values and field names, in the user's language. Replies never
// show schema names (`decisionRole`, `decision_maker`, `(normal)`): everything shown goes through
// these tables.
import type { Locale } from '../domain/shared/errors.ts';

type Pair = readonly [en: string, zh: string];
const pick = (p: Pair | undefined, lang: Locale, fallback: string) => (p ? p[lang === 'zh' ? 1 : 0] : fallback);

const TYPE: Record<string, Pair> = {
  visit: ['visit', '拜访'],
  call: ['call', '电话'],
  meeting: ['meeting', '会议'],
  email: ['email', '邮件'],
  message: ['message', '消息'],
  note: ['note', '备注'],
};
/** "Call Maria" / "给Maria打电话": a reminder's action from its type and who it is with. */
const TYPE_ACTION: Record<string, [(who: string) => string, (who: string) => string]> = {
  visit: [(w) => `Visit ${w}`, (w) => `拜访${w}`],
  call: [(w) => `Call ${w}`, (w) => `给${w}打电话`],
  meeting: [(w) => `Meet ${w}`, (w) => `和${w}见面`],
  email: [(w) => `Email ${w}`, (w) => `给${w}发邮件`],
  message: [(w) => `Message ${w}`, (w) => `给${w}发消息`],
  note: [(w) => `Follow up with ${w}`, (w) => `跟进${w}`],
};
const ROLE: Record<string, Pair> = {
  decision_maker: ['decision maker', '决策者'],
  influencer: ['influencer', '影响者'],
  champion: ['champion', '支持者'],
  user: ['user', '使用者'],
  gatekeeper: ['gatekeeper', '把关者'],
};
const PRIORITY: Record<string, Pair> = {
  low: ['low', '不急'],
  normal: ['normal', '普通'],
  high: ['high', '重要'],
  urgent: ['urgent', '紧急'],
};
const STAGE: Record<string, Pair> = {
  qualification: ['Qualification', '资格审查'],
  needs_analysis: ['Needs analysis', '需求分析'],
  proposal: ['Proposal', '方案报价'],
  negotiation: ['Negotiation', '谈判'],
  closed_won: ['Closed won', '赢单'],
  closed_lost: ['Closed lost', '丢单'],
};
const FIELD: Record<string, Pair> = {
  name: ['name', '姓名'],
  contact: ['contact', '联系人'],
  contactId: ['contact', '联系人'],
  account: ['account', '客户'],
  accountId: ['account', '客户'],
  type: ['type', '类型'],
  interactionType: ['type', '类型'],
  occurredAt: ['date', '时间'],
  when: ['date', '时间'],
  summary: ['note', '内容'],
  nextStep: ['next step', '下一步'],
  title: ['title', '职位'],
  taskTitle: ['task', '任务'],
  decisionRole: ['role', '角色'],
  role: ['role', '角色'],
  email: ['email', '邮箱'],
  phone: ['phone', '电话'],
  birthday: ['birthday', '生日'],
  birthMonth: ['birthday', '生日'],
  birthDay: ['birthday', '生日'],
  dueAt: ['due', '截止时间'],
  due: ['due', '截止时间'],
  priority: ['priority', '优先级'],
  status: ['status', '状态'],
  snoozeCount: ['snoozes', '推迟次数'],
  amount: ['amount', '金额'],
  currency: ['currency', '币种'],
  stage: ['stage', '阶段'],
  expectedCloseAt: ['expected close', '预计成交'],
  probability: ['probability', '赢单概率'],
  subject: ['subject', '主题'],
  surveyOptOut: ['survey opt-out', '退订调查'],
  greetingOptOut: ['greeting opt-out', '退订问候'],
  tier: ['tier', '分级'],
  sentiment: ['tone', '情绪'],
  aliases: ['other names', '别名'],
  assigneeId: ['assignee', '负责人'],
  completedAt: ['completed', '完成时间'],
};
const METRIC: Record<string, Pair> = {
  visit: ['visits', '拜访'],
  call: ['calls', '电话'],
  meeting: ['meetings', '会议'],
  email: ['emails', '邮件'],
  message: ['messages', '消息'],
  note: ['notes', '备注'],
};
const ENTITY: Record<string, Pair> = {
  Interaction: ['record', '记录'],
  Task: ['task', '任务'],
  Contact: ['contact', '联系人'],
  Account: ['account', '客户'],
  Opportunity: ['deal', '商机'],
  Ticket: ['ticket', '工单'],
};

export const typeWord = (t: string, lang: Locale) => pick(TYPE[t], lang, t);
/** A role in words; in Chinese the user's own word for it where they said one (`决策人` for 决策者). */
export const roleWord = (r: string, lang: Locale, said?: string) =>
  (lang === 'zh' && said && r === 'decision_maker' && /决策人/.test(said) ? '决策人' : pick(ROLE[r], lang, r));
/** A priority in words; in English `high (important)` where the user said important. */
export const priorityWord = (p: string, lang: Locale, said?: string) =>
  (lang === 'en' && p === 'high' && said && /\bimportant\b/i.test(said) && !/\bnot\s+(?:\w+\s+)?important\b/i.test(said) ? 'high (important)' : pick(PRIORITY[p], lang, p));
/** A priority as a confirmation says it: "Priority: high." / "标为重要。" (Chinese says it without a field label). */
const PRIORITY_ZH_PHRASE: Record<string, string> = { low: '标为不急', normal: '优先级：普通', high: '标为重要', urgent: '标为紧急' };
export const priorityPart = (p: string, lang: Locale) =>
  lang === 'zh' ? `${PRIORITY_ZH_PHRASE[p] ?? priorityWord(p, lang)}。` : ` Marked ${p === 'urgent' ? 'urgent' : p === 'high' ? 'important' : `${priorityWord(p, lang)} priority`}.`;
export const stageWord = (s: string, lang: Locale) => pick(STAGE[s], lang, s);
export const fieldWord = (f: string, lang: Locale) => pick(FIELD[f], lang, lang === 'zh' ? '信息' : 'details');
export const metricWord = (m: string, lang: Locale) => pick(METRIC[m], lang, m);
export const entityWord = (e: string, lang: Locale) => pick(ENTITY[e], lang, lang === 'zh' ? '记录' : 'record');
export function actionFor(type: string | undefined, who: string, lang: Locale): string {
  const f = TYPE_ACTION[type ?? 'note'] ?? TYPE_ACTION.note!;
  return (lang === 'zh' ? f[1] : f[0])(who);
}
/** "3月3日" / "3 Mar" (a birthday without a year), or with the year when known. */
export function birthdayWord(month: number, day: number, year: number | null, lang: Locale): string {
  const en = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  if (lang === 'zh') return `${year ? `${year}年` : ''}${month}月${day}日`;
  return `${day} ${en[month - 1]}${year ? ` ${year}` : ''}`;
}
/** Joins items the way the language does: "a, b and c" / "a、b和c". */
export function listWords(items: string[], lang: Locale): string {
  if (items.length <= 1) return items.join('');
  if (lang === 'zh') return `${items.slice(0, -1).join('、')}和${items.at(-1)}`;
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** An ISO 8601 duration in words: `P2D` → "2 days" / "2天", `PT3H` → "3 hours" / "3小时". */
export function durationWords(iso: string, lang: Locale): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/i.exec(iso.trim());
  if (!m) return iso;
  const units: [number, string, string, string][] = [
    [Number(m[1] ?? 0), 'year', 'years', '年'],
    [Number(m[2] ?? 0), 'month', 'months', '个月'],
    [Number(m[3] ?? 0), 'week', 'weeks', '周'],
    [Number(m[4] ?? 0), 'day', 'days', '天'],
    [Number(m[5] ?? 0), 'hour', 'hours', '小时'],
    [Number(m[6] ?? 0), 'minute', 'minutes', '分钟'],
  ];
  const parts = units.filter(([n]) => n > 0).map(([n, one, many, zh]) => (lang === 'zh' ? `${n}${zh}` : `${n} ${n === 1 ? one : many}`));
  return parts.length ? (lang === 'zh' ? parts.join('') : parts.join(' ')) : iso;
}

const PERIOD: Record<string, Pair> = {
  today: ['today', '今天'],
  this_week: ['this week', '本周'],
  last_week: ['last week', '上周'],
  next_week: ['next week', '下周'],
  this_month: ['this month', '本月'],
  last_month: ['last month', '上月'],
  this_quarter: ['this quarter', '本季度'],
  last_quarter: ['last quarter', '上季度'],
  this_year: ['this year', '今年'],
};
/** "this month" / "本月", or a named month "November 2026" / "2026年11月". */
export function periodWord(period: string, lang: Locale, month?: string): string {
  if (month) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const en = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    return lang === 'zh' ? `${y}年${m}月` : `${en[m - 1]} ${y}`;
  }
  return pick(PERIOD[period], lang, period);
}

const SURVEY_WORDS = /\b(?:surveys?|questionnaires?|nps|csat|feedback (?:forms?|requests?|surveys?))\b|问卷|调查|调研|回访|评分/i;
const GREETING_WORDS = /\b(?:greetings?|birthday|bday|holiday|christmas|xmas|x-mas|new year|season'?s)\b|祝福|问候|生日|节日|贺卡|贺词/i;
/** "still wants surveys", "只停问候，问卷还可以": a message that keeps one of them is asked about. */
// (`just` hedges only before what it keeps: `just surveys`, not `just a heads-up`.)
const KEEPS = /\b(?:but|still|except|only)\b|\bjust (?:the |her |his |their )?(?:surveys?|greetings?|nps|csat|birthday|holiday|questionnaires?)\b|但|还是|仍然|可以(?!不|别|停|取消|免)|只/i;

/**
 * What a rep's report of an opt-out says was stopped: surveys, greetings or both, when the message
 * names them ("stop sending her surveys", "别给他发问卷和祝福了"); null when it does not say
 * ("opted out", "别再给她发消息") or hedges, and then it is asked, not assumed.
 */
export function stoppedChannels(text: string): 'surveys' | 'greetings' | 'both' | null {
  const surveys = SURVEY_WORDS.test(text);
  const greetings = GREETING_WORDS.test(text);
  // "no more surveys for her. Greetings are fine though.": a clause that keeps one of them says
  // which one stops (read clause by clause); other hedges are asked about, never assumed.
  if (clauses(text).some((c) => KEEP_CLAUSE.test(c) && (SURVEY_WORDS.test(c) || GREETING_WORDS.test(c)))) return optOutChoice(text);
  // (`and wei ling too but just the greetings for her`: only one kind named as the one meant, nothing said to keep.)
  const only = /\b(?:just|only)\s+(?:the\s+|her\s+|his\s+|their\s+)?((?:satisfaction\s+)?(?:surveys?|questionnaires?|nps|csat)|(?:(?:birthday|holiday|xmas|christmas)\s+)?(?:greetings?|wishes|cards?))\b(?![^,.;]*\b(?:fine|ok|okay|still|keep|welcome)\b)/i.exec(text);
  if (only && !/\b(?:except|still)\b/i.test(text)) return SURVEY_WORDS.test(only[1]!) ? 'surveys' : 'greetings';
  if (KEEPS.test(text)) return null;
  if (surveys && greetings) return 'both';
  // "unsubscribed from everything", "什么都别发了": every kind of message, said as such.
  if (!surveys && !greetings && EVERYTHING_STOPPED.test(text)) return 'both';
  if (surveys) return 'surveys';
  if (greetings) return 'greetings';
  return null;
}

const EVERYTHING_STOPPED = /\b(?:from|of|to) (?:everything|all (?:of it|messages|comms|communications|emails)|anything)\b|\bno (?:more )?(?:messages|comms|communications) (?:at all|of any kind)\b|什么都(?:别|不要|不用)发|啥都(?:别|不要|不用)发|(?:所有|全部)(?:消息|信息)都(?:别|不要|不用)发/i;

/** A message's clauses, as its language separates them. */
/**
 * Chinese written with its words apart (`送样品 的 task push 到 下周一`): a character standing alone
 * between spaces, or four gaps or more between Chinese words. Its spaces part words, not clauses.
 */
export function wordsSpaced(text: string): boolean {
  return /(?:^|\s)\p{Script=Han}(?=\s|$)/u.test(text) || (text.match(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu)?.length ?? 0) >= 4;
}

const clauses = (text: string): string[] =>
  text.split(/\p{Script=Han}/u.test(text) ? wordsSpaced(text) ? /[,，。.;；!！]+/u : /[\s,，。.;；!！]+|(?<=[了吧啊])(?=(?:但是?|不过)?(?:节日|生日|过节|祝福|问候|贺卡|问卷|调查|满意度|回访))/u : /[,，.;；!！]+|\bbut\b|\s+(?=(?:(?:the|her|his|their|birthday|holiday|xmas|christmas|new year)\s+)*(?:greetings?|surveys?|wishes|cards?|questionnaires?|nps|csat)\s+(?:are|is|can|still)\b)|\s+(?=(?:he|she|they)\s+(?:don'?t|doesn'?t|dont|doesnt|do not|does not)\s+mind\s+(?:the|those|these|his|her|their|getting|receiving)\b)/i).filter((c) => c.trim());

/** A clause that keeps something going: "greetings are fine", "surveys are dead on", "extend my greetings though", "节日祝福还可以发". */
const KEEP_CLAUSE = /\b(?:still|(?:keep|keeps)(?!\s+(?:on\s+)?(?:send|sendin'?|sending|bug|bugging|ask|asking|pester|pestering|spam|spamming|emailing|mailing|texting|messaging|coming))|fine|ok|okay|grand|good|great|welcome|acceptable|allowed|permitted|no problem|can continue|may continue|dead on|sound|no bother|all ?right|cool|fair enough|not a problem|(?:is |are )?agree(?:s|d)? to|happy to|ok with|fine with|okay with|though|tho|extend|(?<!n'?t |not |never )(?:likes?|loves?|enjoys?|appreciates?)|can (?:still )?(?:get|send|have|go|receive)|(?:doesn|don|dun|dunn|din|didn)'?t mind|no problem|(?:did not|didn'?t|does not|doesn'?t|never) (?:mention|say|talk about|bring up|comment on|speak of)|not mentioned|said nothing|no word (?:about|on))\b|还(?!有|要|得|是别|是不要)|可以(?!不|别|停|取消|免)|继续|照常|照发|发就发|随便发|照旧|照样|保留|留着|没事|没关系|不影响|不介意|无所谓|没意见|不在意|[冇没]所谓|[冇没]关系|[冇没]问题|唔紧要|唔介意|没差|無差|无差|倒是(?:可以|没事|没关系|无所谓|没差|OK|ok)|(?:倒)?(?:没|没有|未)(?:提|说|讲)/i;
const ALL_OF_IT = /\b(?:both|all|everything|anything|neither|the lot)\b|都|全部|所有|全都|两个|两样|一切/i;

/**
 * The answer to "What should … no longer get?": surveys, greetings or both, read clause by clause
 * so that what is kept ("就问卷吧 节日祝福还可以发", "just surveys, greetings are fine") is not
 * stopped; null when the answer names neither.
 */
export function optOutChoice(text: string): 'surveys' | 'greetings' | 'both' | null {
  const stop = new Set<'surveys' | 'greetings'>();
  const keep = new Set<'surveys' | 'greetings'>();
  for (const c of clauses(text)) {
    const named: ('surveys' | 'greetings')[] = [...(SURVEY_WORDS.test(c) ? ['surveys' as const] : []), ...(GREETING_WORDS.test(c) ? ['greetings' as const] : [])];
    if (KEEP_CLAUSE.test(c)) for (const n of named) keep.add(n);
    else if (named.length) for (const n of named) stop.add(n);
    else if (ALL_OF_IT.test(c)) {
      stop.add('surveys');
      stop.add('greetings');
    }
  }
  for (const k of keep) stop.delete(k);
  if (!stop.size && keep.size === 1) stop.add(keep.has('surveys') ? 'greetings' : 'surveys');
  if (stop.has('surveys') && stop.has('greetings')) return 'both';
  return stop.has('surveys') ? 'surveys' : stop.has('greetings') ? 'greetings' : null;
}

type Priority = 'low' | 'normal' | 'high' | 'urgent';
/** Priority said as a clause of its own — "Important: …", "…, not urgent", "…，很重要" — and what it means. */
const PRIORITY_CLAUSES: [RegExp, Priority][] = [
  [/(?:(?:not|ain'?t|aint|isn'?t|is not)\s+(?:(?:that|very|too|so|super|really)\s+)?(?:urgent|important|a priority)|no rush|no hurry|low[- ]priority|不急|唔急|唔使急|不着急|不紧急|不用急|不重要|不是(?:很|好|太|那么|特别)?急|不太急|没那么急|低优先级|优先级低|慢慢来|慢慢弄|不用赶|不赶时间|不慌|别急|甭急|莫急|冇急|有空再(?:弄|搞|做|说|办)?|有时间再(?:弄|搞|做|说|办)?|take (?:your|ur) time|(?:it |this |that )?can wait|no biggie)/i, 'low'],
  [/(?:urgent(?:ly)?|asap|critical|top priority|(?:要|让|请)?(?:我们)?(?:尽快|马上|立刻|赶紧|紧急)(?:处理|解决|回复|搞定)(?:一下)?|紧急|加急|特急|很急|蛮急|好急|贼急|非常急|特别急|比较急|挺急|有点急|十万火急|(?<![\u4e00-\u9fa5])急(?![\u4e00-\u9fa5]))/i, 'urgent'],
  [/(?:important|high[- ]priority|很重要|非常重要|特别重要|挺重要|比较重要|重要|高优先级|优先级高)/i, 'high'],
];
const CLAUSE = (PRIORITY_CLAUSES.map(([re]) => re.source).join('|'));
const LEADING_PRIORITY = new RegExp(`^\\s*(?:(?:this is |it's |its |这个|这事|这件事|此事)?(?:very |really |quite |pretty |fairly |rather |kinda |super |so |lowkey |low key |highkey |hella |挺|很|蛮|非常|特别|超)?(?:${CLAUSE}))(?:哈|啊|哦|呢|的|了)?\\s*[:：!！,，;；.。-]+\\s*`, 'i');
/** After a priority said last: an urging clause (赶紧处理下) or a filler (tho, pls) still belongs to it. */
const PRIORITY_TAIL = '(?:的|啊|哦|呢|哈|了|啦|呀|哟|喔|嘛|咯|吧)?(?:[\\s,，]*(?:赶紧|尽快|马上|快点|抓紧)\\p{Script=Han}{0,6})?(?:[\\s,，]*\\b(?:tho|though|pls|please|thx|thanks|btw|eh|aye|bro|mate|la|lah|lor|leh|hon|yeah|ya|o|this|like|one)\\b)*(?:\\s+(?:on (?:it|that|this)(?: one)?|at all|for (?:it|that|this)))?';
const TRAILING_PRIORITY = new RegExp(`(?:^|[\\s,，;；.。:：-]+|(?<=\\p{Script=Han}))(?:(?:this is |it's |its |and |but |不过|但是?|这个|这事|这件事)?(?:very |really |quite |pretty |fairly |rather |kinda |super |so |lowkey |low key |highkey |hella |挺|很|蛮|非常|特别|超)?(?:${CLAUSE}))${PRIORITY_TAIL}[!！.。]*\\s*$`, 'iu');

/**
 * The priority a message says as a clause of its own (at its start or end), or null. A priority
 * word inside the sentence ("the important clause") is not one.
 */
export function priorityInText(text: string): Priority | null {
  const t = text.trim();
  const m = LEADING_PRIORITY.exec(t) ?? TRAILING_PRIORITY.exec(t);
  if (!m) return null;
  for (const [re, p] of PRIORITY_CLAUSES) if (re.test(m[0])) return p;
  return null;
}

/** A priority said as a clause of its own in the middle (`…are wrong, this is urgent, they are furious`). */
const MIDDLE_PRIORITY = new RegExp(`[,，;；]\\s*(?:this is |it's |its |这个|这事)?(?:very |really |quite |pretty |super |so |挺|很|蛮|非常|特别|超)?(?:${CLAUSE})(?:的|啊|哦|呢|哈|了)?\\s*(?=[,，;；])`, 'giu');

/** A title or subject without the priority said with it ("送资料,很重要" → "送资料"). */
export function withoutPriorityWords(text: string): string {
  // (`…, ain't no rush`, `it's no hurry`: the words that say so with it.)
  let s = text.trim().replace(/[,\s]*\b(?:ain'?t|aint|it'?s|it is|is|there'?s)\s+(?=no (?:rush|hurry)\b)/gi, ', ').replace(/\b(important|urgent|asap|priority|rush|hurry)[,\s]+like[.!]*$/i, '$1').replace(MIDDLE_PRIORITY, '');
  for (let i = 0; i < 2; i++) s = s.replace(LEADING_PRIORITY, '').replace(TRAILING_PRIORITY, '').trim();
  // (`send Bill the renewal number asap, …`: how soon, said after what is to be done, is no part of it.)
  s = s.replace(/\s+(?:asap|a\.s\.a\.p\.?|urgently|pronto)\b(?=\s*(?:[,;.!]|$))/gi, '').trim();
  return s;
}

/** Words that say what kind of contact it was, per kind (a check on the parser's reading, not a parser). */
const TYPE_SAID: [string, RegExp][] = [
  ['visit', /\b(?:visit(?:ed|ing)?|(?:dropped|stopped|swung|passed|came|popped) (?:by|in|round|over)|went (?:by|in|round)|went over (?:to|there)\b|went (?:down|up|out|over|round) to|went to see|on[- ]site)\b(?!\s+(?:the\s+)?(?:phone|email|zoom))|拜访|上门|去了趟|登门|去(?:了|过)?[\u4e00-\u9fa5]{2,8}?(?:找|见|看望)(?=[\u4e00-\u9fa5])|去[\u4e00-\u9fa5]{1,8}?(?:那儿|那里|那边|家里|单位)(?:圪)?(?:转|坐|走|跑)/i],
  ['call', /\b(?:call(?:ed|ing)?|phoned?|rang|ring|tele?phoned?|telephone call|cell|mobile)\b|\b(?:on|by|over) the phone\b|电话|通话|打给|电联/i],
  ['meeting', /\b(?:met|mtgs?|meet(?:ing)?s?|lunch|dinner|supper|brunch|breakfast|coffee|demo(?:'d|ed)?|workshop|presentation|sat down|in person|face[- ]to[- ]face)\b|当面|见(?:了|到|着)?(?:个|一)?面|会议(?!资料|纪要|材料|室|记录|通知)|开了?(?:个|一个|次)?.{0,4}会(?!议室)|面谈|见过(?:面)?|吃了?.{0,3}饭|吃了|喝咖啡|演示|碰头/i],
  ['email', /\b(?:e-?mail(?:ed)?|mailed)\b|邮件/i],
  ['message', /\b(?:messaged|texted|whatsapp(?:ed)?|wechat(?:ed)?|sms|slack(?:ed)?|dm'?d?)\b|微信|短信|发消息/i],
];
/** "caught up with", "沟通了": contact of some kind, not which. */
const TYPE_VAGUE = /\b(?:caught up|catch(?:ing)? up|touched base|touch base|synced|sync(?:ed)? up|checked in|connected)\b|沟通/i;

/**
 * Whether a kind of contact read from `text` is one the message says: false when the words say
 * only that there was contact ("caught up with") or name another kind ("记录一次拜访" read as a
 * note), so the kind is asked rather than stored on a guess.
 */
/** The text without a kind of contact said with "not" (`by e-mail only, not phone`, `没打电话`): it was not that. */
function withoutNegatedTypes(text: string): string {
  return text
    .replace(/\b(?:not|never|no)\s+(?:(?:a|an|the|on the|in a|by|via|over the)\s+)?(?:call|phone|visit|meeting|email|e-mail|text|message)\w*/gi, ' ')
    .replace(/(?:不是|没有?|冇|并非|而不是)\s*(?:打|去|开|发|通|见)?(?:的|了|过)?(?:个|次)?(?:电话|见面|会议?|拜访|上门|微信|短信|邮件)/gu, ' ');
}

export function typeIsSaid(type: string, text: string): boolean {
  // (`make a note for Maria: she prefers email to phone calls`: a note asked for is a note, whatever it says.)
  if (type === 'note' && /^(?:(?:please|pls|kindly|just|can you|could you|ok|okay|so)\s+)*(?:make|add|log|take|leave|put|write|jot)\s+(?:(?:a|me a)\s+)?(?:(?:little|quick|short|small|wee)\s+)?note\b|^(?:note|备注)\s*[:：]|^(?:(?:please|pls|kindly)\s+)?note\s+(?:that|down)\b|^(?:帮我|请|麻烦)?(?:记一下|记下)/i.test(text.trim())) return true;
  // (`drove out to umbrella to see hans in person`: a visit is in person too.)
  const heard = type === 'visit' ? text.replace(/\b(?:in person|face[- ]to[- ]face)\b|当面/gi, ' ') : text;
  const said = TYPE_SAID.filter(([, re]) => re.test(withoutNegatedTypes(heard))).map(([t]) => t);
  if (said.includes(type)) return true;
  if (type === 'note') return said.length === 0;
  return said.length === 0 && !TYPE_VAGUE.test(heard);
}

/** The one kind of contact the words say, when they say exactly one ("on the phone", "拜访"); else null. */
export function typeSaidOnly(text: string): string | null {
  const said = TYPE_SAID.filter(([, re]) => re.test(text)).map(([t]) => t);
  return said.length === 1 ? said[0]! : null;
}

/** The text without the words that say a kind of contact ("其实是打电话" → "其实是打"). */
export function withoutTypeWords(text: string): string {
  let s = text;
  for (const [, re] of TYPE_SAID) s = s.replace(new RegExp(re.source, 'gi'), ' ');
  return s;
}

