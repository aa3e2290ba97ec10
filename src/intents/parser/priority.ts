/**
 * How urgent something is, said as an aside of its own: `, no rush`, `- it's kinda urgent tbh`,
 * `，慢慢来`, `赶紧的`, `nae rush`, `it's pretty urgent so it is`.
 *
 * The parser's rules read the common ways of saying a priority; people add their own (a negation in
 * their dialect, a filler of their region, a word of degree). This reads a clause by its parts rather
 * than by its whole wording: a word that speaks of urgency, with or without a negation before it, and
 * nothing else of substance besides words of degree, fillers and the subject (`it's`, `this one`). Such
 * a clause says the priority and nothing of the task, so it is also what is cut from the task's title.
 */

import type { Entities } from './schema.js';

type Priority = NonNullable<Entities['priority']>;

/** Said alone, these make a task low: it can wait. */
const LOW_EN_RE = /\b(?:whenever(?: you (?:can|get a chance|have time))?|(?:it |this |that )?can wait|no biggie|not a biggie|low[- ]?key|in (?:your|my) own time|when(?:ever)? (?:you|i) (?:can|get (?:a chance|round to it|the chance))|(?:no|nae|not any|ain'?t no) (?:rush|hurry|pressure|stress|panic)|take (?:your|ur) time|low[- ]?prio(?:rity)?)\b/i;
const LOW_ZH_RE = /慢慢来|慢慢弄|不赶|不用赶|不赶时间|有空再|有时间再|得闲再|闲了再|不忙|不用急|别急|甭急|莫急|冇急|唔急|不慌|不着急|不急|没那么急|低优先级?/u;
/** Said alone, these make a task urgent. */
const URGENT_EN_RE = /\b(?:asap|a\.s\.a\.p\.?|urgent(?:ly)?|top priority|priority one|p0|time[- ]sensitive|(?:a |very )?pressing|critical|rush job|right away|straight away|immediately|as soon as (?:possible|poss|you can))\b/i;
const URGENT_ZH_RE = /赶紧|赶快|抓紧|火速|越快越好|十万火急|紧急|加急|特急|急急|急的|很急|挺急|好急|蛮急|贼急|老急|比较急|有点急|急[!！啊哈呀哦喔]*$|^急/u;
const HIGH_EN_RE = /\b(?:important|high[- ]?prio(?:rity)?|a priority|priority)\b/i;
const HIGH_ZH_RE = /重要|高优先级?|优先(?:处理|办)/u;
/** A negation before a word of urgency (`not`, `nae`, `ain't`, `dinnae need to be`, `不`, `冇`, `唔`). */
const NEG_EN_RE = /\b(?:not|nae|no|never|nothing|ain'?t|aint|isn'?t|is ?n'?t|wasn'?t|doesn'?t|don'?t|dinnae|disnae|isnae|naw|nah|hardly)\b/i;
const NEG_ZH_RE = /不|没|別|别|甭|冇|唔|无|莫|勿|未/u;

/** The words a priority aside may carry besides its own: its subject, degree, fillers, tags. */
const FILLER_EN = new Set((
  "it its it's it is this that that's this's one thing task reminder so be is was are really very pretty quite kinda kind of sort of super lowkey highkey lowk hella fr ngl " +
  "dead well proper bloody mega fairly rather too all that at all though tho anyway honestly tbh lol haha innit eh mate man bro boss cher " +
  "lah la lor leh liao meh mind ken ye ya yeah yes ok okay just still totally definitely i think reckon guess would say no need to needs need has have got gotta " +
  "on for with now a an the really much particular particularly hugely massively extremely super-duper sir madam please pls kindly thanks cheers " +
  "priority prio urgent urgently important pressing critical rush hurry pressure stress panic asap whenever wait can biggie low key high top one " +
  "not nae never nothing ain't aint isn't isnt wasn't doesn't don't dinnae disnae isnae naw nah hardly take your ur time own when you get chance round"
).split(/\s+/));

const ASIDE_SPLIT_RE = /\s*(?:[,，;；。!！?？\n]|\s[-–—]\s|\s[-–—](?=\s*\w)|\b(?:but|and)\b(?=\s+(?:it'?s|its|this|that|no|not|nae|kinda|pretty|very|super|really|totally|definitely|urgent|important|low|high|asap))|[（(]|[）)]|\s(?=(?:kinda|kind of|sorta|sort of|pretty|super|very|really|quite|rather|fairly|somewhat|hella)\s+(?:urgent|important|pressing|critical|time[- ]sensitive)\b[\s.!]*$))\s*/iu;

/** The same, global, for matchAll; in Chinese a space between characters parts asides too (`送资料 十万火急`). Built once. */
const ASIDE_SPLIT_G = new RegExp(ASIDE_SPLIT_RE.source, 'giu');
const ASIDE_SPLIT_ZH_G = new RegExp(`${ASIDE_SPLIT_RE.source}|(?<=\\p{Script=Han})\\s+(?=\\p{Script=Han})`, 'giu');

function saidPriority(clause: string, zh: boolean): Priority | undefined {
  if (zh) {
    if (LOW_ZH_RE.test(clause)) return 'low';
    if (URGENT_ZH_RE.test(clause)) return NEG_ZH_RE.test(clause.replace(/不是一般|非常|不得了/gu, '')) ? 'low' : 'urgent';
    if (HIGH_ZH_RE.test(clause)) return NEG_ZH_RE.test(clause) ? 'low' : 'high';
    return undefined;
  }
  // (`lowkey important`, `highkey urgent`: slang for "rather", no priority of its own.)
  clause = clause.replace(/\b(?:low ?key|lowk|high ?key)\s+(?=\w)/gi, '');
  const neg = NEG_EN_RE.test(clause.replace(/\bno need to wait\b|\bno later than\b/i, ''));
  if (LOW_EN_RE.test(clause)) return 'low';
  if (URGENT_EN_RE.test(clause)) return neg ? 'low' : 'urgent';
  if (HIGH_EN_RE.test(clause)) return neg ? 'low' : /\b(?:top|priority one)\b/i.test(clause) ? 'urgent' : 'high';
  return undefined;
}

/** Whether a clause says a priority and nothing else of substance. */
function onlyPriority(clause: string, zh: boolean): boolean {
  if (zh) {
    const rest = clause
      .replace(/[,，.。!！~～]+/gu, ' ')
      .replace(/(?:千万)*(?:别|不要|莫|甭|嫑)忘(?:了|记了?)?|记住了?|记得哈/gu, '')
      .replace(/慢慢来|慢慢弄|不用赶|不赶时间|不赶|有空再(?:弄|搞|做|说|办)?|有时间再(?:弄|搞|做|说|办)?|得闲再(?:整|做|搞)?|闲了再(?:弄|做|说)?|不忙|不用急|别急|甭急|莫急|冇急|唔急|不慌|不着急|不急|没那么急|赶紧的?|赶快|抓紧(?:点|时间)?|火速|越快越好|十万火急|紧急|加急|特急|急急|很急|挺急|好急|蛮急|贼急|老急|比较急|有点急|重要|高优先级?|低优先级?|优先(?:处理|办)?|急/gu, '')
      .replace(/这个?|那个?|这事儿?|那事儿?|事情|任务|件事|事|的|了|啦|哈|啊|呀|哦|喔|噢|咯|嘅|喇|哟|嘛|呢|吧|滴|得|要|是|也|都|还|就|可以|非常|特别|十分|真的|真|太|超|巨|贼|老|有点|一点|点|比较|挺|很|好|蛮|不是|没有|没|不/gu, '');
    return rest.split(/\s+/).filter(Boolean).every((w) => FILLER_EN.has(w.toLowerCase()));
  }
  const words = clause.toLowerCase().replace(/[!.?'’]+$/g, '').replace(/’/g, "'").split(/[\s/]+/).filter(Boolean);
  if (!words.length) return false;
  return words.every((w) => FILLER_EN.has(w) || FILLER_EN.has(w.replace(/'s$/, '')) || /^(?:it'?s|that'?s|this'?s|there'?s|thats|its)$/.test(w));
}

export interface PriorityTail { priority: Priority; cut: number }

/**
 * The priority said in asides that close the message (`…, no rush`, `… - kinda urgent tbh`,
 * `…送资料 十万火急`), and where they start, so that the rest is read without them.
 */
export function priorityTail(text: string): PriorityTail | undefined {
  const zh = /\p{Script=Han}/u.test(text);
  const split = zh ? ASIDE_SPLIT_ZH_G : ASIDE_SPLIT_G;
  const bounds: Array<[number, number]> = [];
  let from = 0;
  for (const m of text.matchAll(split)) {
    if (m[0].length === 0) continue;
    bounds.push([from, m.index!]);
    from = m.index! + m[0].length;
  }
  bounds.push([from, text.length]);
  let priority: Priority | undefined;
  let cut = -1;
  for (let i = bounds.length - 1; i > 0; i--) {
    const [a, b] = bounds[i]!;
    const clause = text.slice(a, b).trim();
    if (!clause) { continue; }
    const han = /\p{Script=Han}/u.test(clause);
    if (!onlyPriority(clause, han)) break;
    const p = saidPriority(clause, han);
    if (p) priority = p;
    cut = bounds[i - 1]![1];
  }
  if (!priority || cut <= 0 || !text.slice(0, cut).trim()) return undefined;
  return { priority, cut };
}
