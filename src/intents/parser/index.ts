/**
 * Default deterministic bilingual (English + Simplified Chinese) intent parser.
 * Pure: no DB, no network. All regexes are compiled once at module load.
 */
import { priorityTail } from './priority.ts';
import { findDate, formatIso, isoFromWall, wallClock, zhNumber } from './dates.js';
import { INTENT_NAMES as INTENT_LIST, parseResultSchema, entitiesSchema } from './schema.js';
import { INTENTS } from '../catalogue.ts';
import { loadModel, score } from './classifier.ts';
import { calibrate, inputs } from './calibrator.ts';
import { extractFeatures, type SpanType, type TypedSpan } from './features.ts';
import { findEnNames, isFirstName } from './names.ts';

export type { IntentName, Entities, ParseResult } from './schema.js';
import type { IntentName, Entities, ParseResult } from './schema.js';
import { escapeRe } from '../../domain/shared/regex.ts';
import { asWritten, toSimplified } from '../../domain/shared/han-variants.ts';
import { MONTHS, spokenAmounts, spokenDates, spokenEmails } from './spoken.ts';

export const INTENT_NAMES: readonly IntentName[] = INTENT_LIST;

export interface ParseOptions { now?: Date; tz?: string /* IANA, default 'UTC' */ }

export { parseResultSchema, entitiesSchema };

// ---------------------------------------------------------------------------
// Normalisation & language
// ---------------------------------------------------------------------------

const HAN_G = /\p{Script=Han}/gu;
/** Spaces next to a Chinese character (Chinese needs none); those between Latin words stay. */
const HAN_GAP_RE = /(?<=\p{Script=Han})\s+(?![A-Za-z])|(?<![A-Za-z])\s+(?=\p{Script=Han})/gu;
const LATIN_G = /[A-Za-z]/g;

const DAY_NAMES: Record<string, string> = { mon: 'monday', tue: 'tuesday', wed: 'wednesday', thu: 'thursday', fri: 'friday', sat: 'saturday', sun: 'sunday' };

/** Past forms for `mi did <verb>` (Jamaican past): the irregular ones. */
const PAST_OF: Record<string, string> = { have: 'had', go: 'went', see: 'saw', meet: 'met', send: 'sent', tell: 'told', get: 'got', speak: 'spoke', come: 'came', give: 'gave', make: 'made', take: 'took', ring: 'rang', run: 'ran', drop: 'dropped', stop: 'stopped', chat: 'chatted' };

/** A message with dialect, chat and formal words put as the lexicons know them (the text every reading starts from). */
export function normaliseText(text: string): string {
  return normalise(text);
}

// Courtesy around a request is no part of it: `Good morning. Please could you remind me to…? Thank
// you.`, `Grüezi, kindly log…`, `…，谢谢`. A greeting is taken off only when a separator follows it
// (`morning call with Peter` keeps its morning), and nothing is taken off a message that is nothing
// else (`thanks!`, `good morning`: those are answered as such).
const COURTESY_OPEN_RE = /^(?:(?:hi|hello|hey|hiya|dear (?:rapport|bot|team)|good (?:morning|afternoon|evening|day)|morning|evening|g'?day|greetings|gr[üu]e?zi(?: mitenand)?|hola|buen(?:os|as) (?:d[ií]as|tardes)|namaste|aloha|howay|salaam|ciao|hallo|servus|moin|bonjour)(?: (?:rapport|bot|team|there|all|everyone|mate|pet|brah))?[,.!:;]+\s*|(?:您好|你好|哈喽|早上好|下午好|晚上好)[,，.。!！~～\s]+)+/i;
const COURTESY_ASK_RE = /^(?:y'?all,?\s+(?=(?:add|log|remind|create|set|record|mark|move|push|snooze|make|note|send|put)\b)|(?:actually|sorry|oops|wait)[,]?\s+(?=(?:make|mark|set|flag|put)\s+(?:it|that|this)\s+(?:\w+\s+)?(?:urgent|high|low|normal|important|top)\b)|(?:ok(?:ay)?|so|right|alright|acha|achha|accha|haan|ji|hmm|oh|ah|well|yo|listen|ja|jo|aye|och|eh|howay|hi|hiya|hey|hello|mornin[g']?|evenin[g']?|oi|righto|sure|cool|great|grand|lovely|sweet|nice|perfect|next|also|and also|btw|fyi|quick one|quick q|one more|another one|new one|(?:the )?boss (?:wants|says|asked)|(?:my )?manager (?:wants|says|asked)|sorry|oops|my bad|apologies|my mistake|real quick|quickly|ope|so um|um)(?:[,!:]|\s+[-–—])?\s+(?=(?:please |pls |kindly |can (?:you|ye|ya|u) |could (?:you|ye|ya|u) )?(?:log|add|remind|create|new|set|record|mark|move|push|shove|bump|snooze|postpone|make|note|send|put|register|open)\b)|actually[,]?\s+(?=(?:make|mark|set|flag|move|push|bump|snooze|shove|change)\s+(?:it|that|this)\b)|(?:(?:please|pls|plz|kindly)[,\s]+)?(?:(?:could|can|would|will) (?:you|u|ye|ya|yous|youse)(?: please| kindly| pls)?|(?:would you )?(?:be so kind as to|mind)|(?:be advised|be informed)(?: that)?|i(?:'d| would) (?:be grateful|appreciate it) if you (?:could|would)|(?:please|pls|plz|kindly))[,\s]+(?=(?!note\b)[a-z]{2,}\b))/i;
const COURTESY_CLOSE_RE = /(?:[,.;!?]\s*|\s+)h[ou]n[\s.!~]*$|[,\s]+(?:would|will|could|can) (?:ya|ye|you|u)(?: please| pls)?\s*\??\s*$|[,.;\s]+(?:my bad|sorry|oops|apologies|my mistake)[\s.!~]*$|(?:[,.;!?]\s*|\s+)(?:(?:many |much )?thanks?(?: you)?(?: (?:so|very) much| a lot| in advance| again| kindly)?|thank u|thx|tks|ty|merci(?: beaucoup)?|(?:muchas )?gracias|danke(?: sch[öo]n)?|shukriya|dhanyavaad|obrigad[oa]|mahalo|asante(?: sana)?)(?:[,\s]+(?:mate|pet|boss|brah|bro|sir|madam|rapport|a lot|again))?[\s.!~]*$|[,.;!?]\s*(?:cheers|ta|(?:kind |best )?regards|best|br|ta[- ]?ra(?:[- ]a[- ]bit)?|laters|cheerio|ta[- ]ta)(?:[,\s]+(?:mate|pet|boss|brah|bro|bab|love|duck))?[\s.!~]*$|[,，.。;；!！\s]*(?:谢谢|谢啦|谢了|多谢|感谢|辛苦了?|劳驾了?|唔该(?:晒|哂)?)(?:你|您|啦|哈|哦|咯|了|啊)*[.。!！~～]*$/i;

/** The message without the courtesy around it (for words shown back, such as a reminder's title). */
export function withoutCourtesy(text: string): string {
  return stripCourtesy(text.normalize('NFKC'));
}

/**
 * The message as typed, for words shown back (a reminder's title), with the courtesy around it off and
 * the regional words in it put as everyone writes them: Scots `tae call Maria the morra, nae rush` is
 * `to call Maria tomorrow, no rush`; Filipino `bukas`, French `demain` (tomorrow), `po`, `svp`.
 */
/** Scots `yin` (one) after a word written in lowercase: `the acme yin`, `this yin` (a name `Yin` is capitalised). */
const SCOTS_YIN_RE = /(?<=\b[a-z]+\s)yin\b/g;

/** `bang it in the diary for me`, `pop that in my calendar`: asked to be reminded of it. */
const IN_THE_DIARY_RE = /\b(?:bang|stick|pop|put|whack|slap|chuck|throw|pencil|book|add|get)\s+(?:it|that|this|one|them)\s+(?:in|into|on|onto)\s+(?:the|my|ma|me|our)\s+(?:diary|calendar|cal|schedule|planner)\b(?:\s+for\s+(?:me|us))?/gi;

/** `…by Friday inshallah`, `yalla`: Arabic asides said anywhere in an English message, no part of what is asked. */
const ARABIC_ASIDE_RE = /[,\s]*\b(?:inshallah|insha'?allah|in sha'? allah|yalla|khalas|uff da|oof da|ufda)\b[.!]*/gi;
/** `Security whitepaper he needs until Monday`: what someone needs said first (as Georgian or Russian speakers may), put after the verb. */
const OBJECT_FIRST_RE = /(^|[.;]\s+)([A-Za-z][\w-]*(?:\s+[a-z][\w-]*){0,3})\s+(he|she|they)\s+(needs?|wants?)\b/g;
const objectFirst = (_m: string, lead: string, what: string, who: string, verb: string) =>
  `${lead}${who} ${verb} ${/^[A-Z][a-z]/.test(what) && !/^[A-Z]{2}/.test(what) ? what[0]!.toLowerCase() + what.slice(1) : what}`;

export function typedWords(text: string): string {
  return withoutCourtesy(text.replace(OBJECT_FIRST_RE, objectFirst).replace(ARABIC_ASIDE_RE, '').replace(/(?<=[,\s])svp(?=\s*(?:[.!,:;]|$))/g, 'please').replace(IN_THE_DIARY_RE, 'remind me').replace(SCOTS_YIN_RE, 'one'))
    // (Portuguese `amanhã`, `remember me to` for remind me, the hour written `11h`: as everyone writes them.)
    .replace(/\bamanh(?:ã|a\u0303)(?![a-z])/gi, 'tomorrow').replace(/^(\s*)remember me to\b/i, '$1remind me to').replace(/(?<=\b(?:at|by|around|before)\s+)([01]?\d|2[0-3])h(?:([0-5]\d))?\b/gi, (_m, h: string, mi: string | undefined) => `${h}:${mi ?? '00'}`)
    .replace(/\btae\b/gi, 'to').replace(/\bfae\b/gi, 'from').replace(/\baboot\b/gi, 'about').replace(/\bthe (?:morn|morra|morrow)\b(?!ing)/gi, 'tomorrow')
    .replace(/\bfir\b(?=\s+(?:me|us|him|her|them|the|a|an|my|our)\b)/gi, 'for').replace(/\bnae\b(?=\s+[a-z])/gi, 'no').replace(/\bwis\b/gi, 'was')
    .replace(/\bgie\b/gi, 'give').replace(/\bmair\b/gi, 'more').replace(/\bcannae\b/gi, "can't").replace(/\bdisnae\b/gi, "doesn't")
    .replace(/\b(?:bukas|demain)\b/gi, 'tomorrow')
    .replace(/\s*,?\s*\bpo\b(?=\s*(?:[,.!?;]|$))|\bpo,\s*/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

function stripCourtesy(text: string): string {
  let t = text;
  for (let i = 0; i < 4; i++) {
    const next = t.replace(COURTESY_CLOSE_RE, '').replace(COURTESY_OPEN_RE, '').replace(COURTESY_ASK_RE, '');
    if (next === t || !/[\p{L}\p{N}]{2}/u.test(next)) break;
    t = next;
  }
  return t;
}

/** English words of a CRM in a Chinese message, as a Chinese one writes them. */
const MIXED_WORDS: [RegExp, string][] = [
  [/^(?:tasks?|to-?dos?)$/i, '任务'], [/^priority$/i, '优先级'], [/^reminder$/i, '提醒'], [/^contact$/i, '联系人'],
  [/^undo$/i, '撤销'], [/^tadi$/i, '刚才'],
  [/^(?:urgent|asap)$/i, '紧急'], [/^(?:eod|cob)$/i, '下班'], [/^important$/i, '重要'], [/^birthday$/i, '生日'], [/^existing$/i, '原来的'], [/^(?:push|postpone|delay|move|reschedule|shift)$/i, '推'],
];
/** Words read so only in a message written mostly in Chinese (`今仔日有 call 赵敏 confirm 采购单`, not `called 李主任 about…`). */
const MIXED_WORDS_IN_CHINESE: [RegExp, string][] = [
  [/^(?:meeting|meet)$/i, '开会'], [/^(?:visit|visited)$/i, '拜访'], [/^(?:confirm|confirmed)$/i, '确认'], [/^(?:promote|promoted)$/i, '升职'],
  [/^(?:call|called)$/i, '电话'], [/^champion$/i, '支持者'], [/^influencer$/i, '影响者'],
  [/^(?:proposal|quote|quotation)$/i, '方案'], [/^sync$/i, '沟通'],
  // (`礼拜五 morning 十点`: the part of the day, said in English beside a Chinese day.)
  [/^(?:chat|chatted)$/i, '聊'], [/^skip$/i, '不要'],
  // (`yesterday arvo 跟张主任…`, `push 到 tmr 2pm`: the day said in English beside Chinese, read where it stands.)
  [/^(?:yesterday|yday|ytd)$/i, '昨天'], [/^(?:tomorrow|tmr|tmrw|tmrrw|2moro)$/i, '明天'], [/^(?:today|tdy)$/i, '今天'],
  [/^morning$/i, '上午'], [/^(?:afternoon|arvo)$/i, '下午'], [/^(?:evening|tonight|night)$/i, '晚上'], [/^noon$/i, '中午'],
  [/^remind$/i, '提醒'], [/^set$/i, '设'], [/^add$/i, '加'], [/^(?:cancel|cancelled|canceled)$/i, '取消'], [/^(?:delete|remove)$/i, '删'], [/^(?:send|sent)$/i, '发'], [/^(?:bring|brought)$/i, '带'], [/^(?:deliver|delivered|drop off)$/i, '送'], [/^(?:surveys?|questionnaires?)$/i, '问卷'], [/^greetings?$/i, '祝福'],
];
/** `low`, `high`, `normal` said as what a priority is set to (`改成 low`). */
const MIXED_LEVEL_RE = /(?<=(?:改|调|设|标|弄|整|变)(?:成|为|到|个)?\s?)(low|high|normal)\b/giu;

/**
 * Code-mixed Chinese (`送样品 的 task push 到 下周一`, `王丽 那边 no more 问卷 please`): the English
 * words of a CRM standing next to Chinese ones are read as their Chinese words, and a word's
 * spaces next to them go; English phrases (`follow up`, a name) stay as written.
 */
function codeMixed(text: string): string {
  // (A word made Chinese can put the next one next to Chinese: read again until nothing changes.)
  let t = text;
  for (let i = 0; i < 4; i++) {
    const next = codeMixedOnce(t);
    if (next === t) break;
    t = next;
  }
  return t;
}

/** English weekdays said inside Chinese, as Chinese says them (`上个 Friday` → 上周五). Built once. */
const MIXED_DAY: Record<string, string> = { monday: '一', tuesday: '二', wednesday: '三', thursday: '四', friday: '五', saturday: '六', sunday: '日', mon: '一', tue: '二', tues: '二', wed: '三', thu: '四', thur: '四', thurs: '四', fri: '五', sat: '六', sun: '日' };
const MIXED_WD = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thur?s?|fri|sat|sun)\\b';
const MIXED_LAST_DAY_RE = new RegExp(`(?:上个?|\\blast)\\s*${MIXED_WD}`, 'giu');
const MIXED_NEXT_DAY_RE = new RegExp(`(?:下个?|\\bnext)\\s*${MIXED_WD}`, 'giu');
const MIXED_BY_DAY_RE = new RegExp(`\\b(?:by|before)\\s+${MIXED_WD}`, 'giu');
const MIXED_DAY_RE = new RegExp(`(?<=\\p{Script=Han}\\s?|^|\\s)(?:on\\s+)?${MIXED_WD}(?=\\s?\\p{Script=Han}|\\s*[,，]|\\s*$)`, 'giu');

function codeMixedOnce(t: string): string {
  if (!/\p{Script=Han}/u.test(t) || !/[A-Za-z]/.test(t)) return t;
  const hanNear = (before: string, after: string) => /\p{Script=Han}\s*$/u.test(before) || /^\s*\p{Script=Han}/u.test(after);
  // (Mostly Chinese, or English words set in Chinese grammar: `节日 greetings 也 skip 吧`, a particle standing alone between them.)
  const chinese = (t.match(/\p{Script=Han}/gu)?.length ?? 0) >= (t.match(/[A-Za-z]/g)?.length ?? 0) / 3
    || /[A-Za-z]\s+(?:也|都|就|再|别|不|不用|不要)\s+[A-Za-z]|[A-Za-z]\s+(?:吧|了|啦|哦|嘛|咯)(?:\s|$)/u.test(t);
  const words = chinese ? [...MIXED_WORDS, ...MIXED_WORDS_IN_CHINESE] : MIXED_WORDS;
  // (`杨丽萍，email yangliping@163.com`, `phone 138…`: a field's English label before its value.)
  // (`not urgent 的`: not urgent, said in English inside Chinese, is 不急, never 紧急.)
  t = t.replace(/\bnot\s+(?:that\s+|so\s+|very\s+)?(?:urgent|important)\b/gi, '不急');
  t = t.replace(/\bface[- ]to[- ]face\b/gi, '当面');
  // (`this morning 10点 rang 赵敏`, `上个 Friday 去了仁和 see 陈经理`, `by Friday`, `next week 会…`: days and the words of contact
  // said in English inside Chinese, read as their Chinese words.)
  if (chinese || (t.match(/\p{Script=Han}/gu)?.length ?? 0) >= 6) {
    t = t.replace(/\bthis (morning|afternoon|evening)\b/gi, (_m, p: string) => `今天${({ morning: '上午', afternoon: '下午', evening: '晚上' } as Record<string, string>)[p.toLowerCase()]}`)
      .replace(/\b(next|last) (week|month)\b/gi, (_m, w: string, u: string) => `${/next/i.test(w) ? '下' : '上'}${/week/i.test(u) ? '周' : '个月'}`)
      .replace(MIXED_LAST_DAY_RE, (_m, d: string) => `上周${MIXED_DAY[d.toLowerCase()]}`)
      .replace(MIXED_NEXT_DAY_RE, (_m, d: string) => `下周${MIXED_DAY[d.toLowerCase()]}`)
      .replace(MIXED_BY_DAY_RE, (_m, d: string) => `周${MIXED_DAY[d.toLowerCase()]}前`)
      .replace(MIXED_DAY_RE, (_m, d: string) => `周${MIXED_DAY[d.toLowerCase()]}`)
      .replace(/\btouch(?:ed)? base\b/gi, '联系')
      .replace(/(?<=\p{Script=Han}\s?|^|\s)(?:rang|rung|phoned)\s*(?=\p{Script=Han})/giu, '打了电话给').replace(/(?<=\p{Script=Han}\s?)see\s*(?=\p{Script=Han})/giu, '见');
  }
  // (`不是 call leh，是 meeting 来的`: the kind corrected, said in English after 是 or 不是, whatever else is English.)
  t = t.replace(/(?<=(?:不是|唔系|是|系)\s?)(call|phone call|meeting|visit|email|wechat|message)\b/giu, (_m, k: string) =>
    ({ call: '电话', 'phone call': '电话', meeting: '开会', visit: '拜访', email: '邮件', wechat: '微信', message: '消息' } as Record<string, string>)[k.toLowerCase()]!);
  // (`开个 meeting`: the meeting one holds is 会, not 开会 again.)
  let out = t.replace(/(?<=开(?:了)?(?:个|一个|次|一次)?\s?)meetings?\b/giu, '\uE000会\uE000').replace(/(?<=(?:^|\p{Script=Han}|[，,:：;；]\s?|\s))(?:e-?mail|mail)\s*[:：]?\s*(?=[\w.+-]+@)/giu, '\uE000邮箱\uE000')
    .replace(/(?<=(?:^|\p{Script=Han}|[，,:：;；]\s?|\s))(?:phone|mobile|cell|tel)\s*(?:no\.?)?\s*[:：]?\s*(?=\+?\d[\d\s-]{6,})/giu, '\uE000电话\uE000')
    .replace(/(?<=\p{Script=Han}\s?)follow[- ]?up(?=\s?\p{Script=Han})/giu, '\uE000跟进\uE000')
    // `有 call 赵敏`: called them (a name after it is who was called).
    .replace(chinese ? /(?<=^|\p{Script=Han}\s?)(?:call|called)\s*(?=\p{Script=Han}{2,4}(?:\s|[,，]|确认|confirm|问|讲|说|聊|谈|$))(?!了|啦|咯|一下|下|过)/giu : /(?!)/, '\uE000打电话给\uE000')
    .replace(/[A-Za-z][A-Za-z-]*/g, (w, at: number, all: string) => {
    const hit = words.find(([re]) => re.test(w));
    return hit && hanNear(all.slice(0, at), all.slice(at + w.length)) ? `\uE000${hit[1]}\uE000` : w;
  });
  out = out.replace(MIXED_LEVEL_RE, (w) => `\uE000${({ low: '低', high: '高', normal: '普通' } as Record<string, string>)[w.toLowerCase()]!}\uE000`)
    // `no more 问卷`: stop sending it; `please` around a Chinese request is courtesy.
    .replace(/\bno more\s*(?=问卷|调查|满意度|祝福|问候|survey|greeting)/giu, '不要再发')
    .replace(/(?<=\p{Script=Han})\s*\b(?:please|pls|plz)\b(?=\s*(?:[,，。.!！?？]|$))|\b(?:please|pls|plz)\b\s*(?=\p{Script=Han})/giu, '')
    // `oh and 节日 greetings 也…`: more of what was just said, opened in English.
    .replace(/^(?:(?:oh|ah|and)[,\s]+)*(?:and|also|plus)\s+(?=\p{Script=Han})/iu, '还有')
    // `yes 同一个人`: a yes said in English.
    .replace(/^(?:yes|yep|yeah|ok|okay)\b[\s,，]*(?=\p{Script=Han})/iu, '是,');
  // The words put in Chinese lose the spaces around them (`task push 到` → 任务推到).
  return out.replace(/\s*\uE000([^\uE000]+)\uE000\s*/gu, (_m, w: string, at: number, all: string) => {
    const after = all.slice(at + _m.length);
    return /^[A-Za-z0-9]/.test(after) ? `${w} ` : w;
  });
}

function normalise(text: string): string {
  // (Courtesy is taken off again when what normalising took off first bared some: `嗯，你好，…`.)
  // (Hakka and Minnan 上昼/下昼 first: a later rule reads 上 before a place as going there.)
  // (Henan 木有 is 没有 before a later rule reads 有 before a verb as done.)
  let t = normaliseOnce(stripCourtesy(codeMixed(toSimplified(text.normalize('NFKC')).replace(/上昼/g, '上午').replace(/下昼/g, '下午')
    .replace(/木有(?=事|问题|关系|所谓)/g, '没').replace(/木有/g, '没有').replace(/木空/g, '没空')
    // (Malaysian Chinese: `sudah sign 了` (已经签了), `kena overdue` (逾期了), `卖再 send` (不要再发); Henan `以后白发了` (别发);
    // Sichuan `没得好急` (不太急); `俩礼拜` (两个礼拜); `改成低的` (低优先级).)
    .replace(/(?<=\p{Script=Han}\s?|^)\s*\bsudah\b\s*/giu, '已经').replace(/\bkena\s+overdue\b/gi, '逾期了').replace(/\boverdue\b(?=\s*\p{Script=Han}|\s*[,，]|$)/giu, '逾期')
    .replace(/(?<=\p{Script=Han}\s?)\bsign(?:ed)?\s*(?=了|咯|啦|liao)/giu, '签').replace(/卖(?=再|发|send)/gu, '不要')
    .replace(/(?<=以后|今后|就|可|千万|再也)白(?=发|给|打|送|寄)/gu, '别').replace(/白再(?=发|给|打|送|寄)/gu, '别再').replace(/^(?:可好|太好了|好消息|好事儿?)(?:啊|呀|哈|了)?[!！,，\s]+(?=\p{Script=Han})/u, '')
    // (`张主任不是，赵敏是`: who it was not, then who it was, as 不是…是….)
    .replace(/(\p{Script=Han}{2,4})不是[,，\s]*(\p{Script=Han}{2,4})是(?=[。.!！]*$)/u, '不是$1,是$2').replace(/没得(?:好|那么|多|太)?急/gu, '不太急')
    .replace(/俩(?=礼拜|星期|周|月|天|个)/gu, '两').replace(/(?<=^|[,，\s])介(?=人|个|是|事|边)/gu, '这').replace(/(?<=(?:改|调|设|标)(?:成|为|到))(低|高)(?:的|点|一点)?(?=[嘛吧啊哈呀了啦咯]*(?:$|[,，。!！\s]))/gu, '$1优先级')
    .replace(/\b(please|pls|kindly) to\b/gi, '$1').replace(/\b(move|push|postpone|shift|bump|add|log|send|make|put|mark|set)\s+(please|pls|kindly)\s+(?=the\b|my\b|that\b|this\b|it\b)/gi, '$2 $1 ').replace(/改去(?=下|这|明|后|礼拜|周|星期|\d|[一二三四五六七八九十])/gu, '改到')
    .replace(/[,，\s]*中不中[?？]?\s*$/u, '').replace(/(?<=^|[,，\s])讲错(?=了|liao|\s|[,，]|$)/gu, '记错'))));
  for (let i = 0; i < 3; i++) {
    const bare = stripCourtesy(t);
    if (bare === t) break;
    t = normaliseOnce(bare);
  }
  return lastTouches(t);
}

/** What reads right only once everything else is normalised (so a second pass finds nothing to change). */
/** How many Chinese characters a text ends with (or, with `atEnd` false, starts with) before a space. */
function hanRun(s: string, atEnd: boolean): number {
  const m = atEnd ? /(\p{Script=Han}+)$/u.exec(s) : /^(\p{Script=Han}+)/u.exec(s);
  return m ? m[1]!.length : 0;
}

function lastTouches(t: string): string {
  return t
    // `王丽说她不要满意度调查(的)`: someone who does not want them wants none sent again.
    .replace(/(?<=[他她佢]|^[\u4e00-\u9fa5]{2,4})不要(?=(?:满意度调查|满意度问卷|问卷|调查问卷|节日祝福|生日祝福|祝福|问候)(?:了|的|啦|哩)?[!！。.]*$)/u, '不要再发')
    .replace(/(?<=不要再发(?:满意度调查|满意度问卷|问卷|调查问卷|节日祝福|生日祝福|祝福|问候))的(?=[!！。.]*$)/u, '了')
    // `…学术会 嗯 提醒我…`: a space (or a filler) before 提醒我 between two Chinese clauses is a stop.
    .replace(/(?<=\p{Script=Han})\s+(?:(?:嗯+|呃+|然后)\s+)?(?=(?:你\s*)?提醒我)/gu, ',')
    // `Dr.乔文斌`, `Dr 杨帆`: the English title before a Chinese name is no part of it.
    .replace(/\b(?:Dr|Doctor|Dra)\.?\s*(?=\p{Script=Han}{2,4})/gu, '')
    // 标做, 改做, 整做 (Cantonese 做 for 成): set to.
    .replace(/(?<=[标改整设调弄搞])做(?=紧急|重要|普通|不急|加急|高|低|急)/gu, '成')
    // 王芳手头那些单子咋样了, 她手上的单子: the deals someone has in hand are their pipeline.
    .replace(/(?<=^\p{Script=Han}{2,3}|[他她])(?:手头|手上|手里)?(?:的)?(?:那些|这些|的)?单子(?=咋样|怎么样|如何|情况|进展|啥情况|什么情况|现在|还|有)/gu, '的商机')
    // Anqing (Jianghuai) 港 for 说: 他港…, 港了新药的事 (talked of).
    .replace(/(?<=[他她伊渠佢我你])港/gu, '说').replace(/(?<![香])港(?=了|过)/gu, '聊').replace(/(?<=(?:他|她|伊|渠)[^,，。]{1,20}[,，]\s*)港(?=\p{Script=Han}{2})/gu, '说').replace(/(?<=^|[,，\s])港(?=\p{Script=Han}{2})/gu, '聊')
    // Wu 拨 (给) before a place and someone there: 拨人民医院刘医生打过电话.
    .replace(/拨(?=\p{Script=Han}{2,8}?(?:医院|公司|药房|诊所|中心)?\p{Script=Han}{1,3}(?:医生|医师|主任|经理|老师|科长|院长|总)(?:打|送|发|讲|说|寄|带))/gu, '给')
    // 冇是张主任 是李主任 (冇/没 typed for 唔/不): not the one said, the other.
    .replace(/(?<=^|[，,\s了])(?:冇|没)是(?=\p{Script=Han}{2,4}[，,\s]+(?:是|系))/gu, '不是')
    // 撤销回去原本那天, 改回原来那天: undone, back to the day it had.
    .replace(/撤销(?:回去|掉)?(?:到)?(?:原本|原来|之前)(?:的)?(?:那天|日期|时间|那个时间)/gu, '撤销')
    // 把采购单的数对了一遍: what was gone over is the matter (the 一遍 is no note).
    .replace(/把(\p{Script=Han}{2,12}?)(对|核对|过|看|理|捋|查|算|核)了?(?:一遍|一下|一次|一轮)/gu, '$2了$1')
    // 碰了个头, 碰个头, 碰了下头: met (the 头 is no matter talked of).
    .replace(/碰(?:了)?(?:个|一个|下|一下)?头/gu, '见了面')
    // 是做采购的, 系做采购嘅 (already 的): what someone does for a living, said of a new contact, is their title.
    .replace(/(?<=(?:联系人|叫\p{Script=Han}{2,4}|联系人[，,\s]*\p{Script=Han}{2,4})[，,\s]*)(?:是)?(?:做|管)(\p{Script=Han}{2,4}?)(?:那块|这块|方面)?的(?=$|[，,。.\s])/gu, '职位$1')
    // 推三天, 跟进推两个礼拜: 推 before how long is 推迟.
    .replace(/推(?=[一二三四五六七八九十两\d]+\s*(?:天|日|个?星期|周|个?礼拜))/gu, '推迟')
    // (Again at the end, for the stops other rules took away: `建个opp：星辰检测 离心机采购`.)
    .replace(/^[\s\S]*$/u, spacesAsStops);
}


/**
 * `礼拜一拨赵敏通了只电话 采购单个事体 伊讲下个礼拜好批下来` (typed or dictated with spaces for stops): in a Chinese message
 * with no punctuation at all, a space between two runs of four characters or more ends a clause. (Read first, so every
 * other rule sees the stop; `推两天` counts as the `推迟两天` it is read as.)
 */
function spacesAsStops(t: string): string {
  // (A stop at the very end, kept or dropped by the rules after, changes nothing of this.)
  if (!/^[^，,。;；!！?？:：.、]+[。.!！?？~～\s]*$/u.test(t)) return t;
  // (Words typed apart — a character alone between spaces, or four gaps and more — are no clauses: `满意度调查 再 不要 发`.)
  if (/(?:^|\s)\p{Script=Han}(?=\s|$)/u.test(t) || (t.match(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu)?.length ?? 0) >= 4) return t;
  const run = (s: string, atEnd: boolean) => hanRun(s.replace(/推(?=[一二三四五六七八九十两\d])/gu, '推迟'), atEnd);
  return t.split(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/u)
    // (`…科主任 叫欧阳志远`: a part that goes on from the one before — 叫, 是, 给, 在, 的, or 那个任务 of what was just said — is no new
    // clause; nor is what is said of a matter named first: `送样品那个事 往后拖三天`.)
    .reduce((acc, part, i) => (i === 0 ? part : acc + (run(acc, true) >= 4 && run(part, false) >= 4 && !/^(?:叫(?![我你他她伊渠佢])|是|给|在|的|说|讲|和|跟|与|那|这)/u.test(part)
      && !/(?:那个|这个|那件|这件|的事|这事|那事|那单|这单|任务|事情?|那块)$/u.test(acc) ? ',' : ' ') + part), '');
}

function normaliseOnce(text: string): string {
  return spokenAmounts(spokenDates(spokenEmails(spacesAsStops(text))))
    // `…送促销方案 急`: urgent, said last on its own (not part of the action).
    .replace(/(?<=\p{Script=Han})\s+急([!！]*)\s*$/u, '，急$1')
    // Dictation's fillers (`um`, `uh`) and the apostrophes it leaves out (`shes`, `hes`).
    .replace(/(^|[\s,.])(?:u+m+|u+h+|uhm|erm)(?=[\s,.!?]|$)[,.]?/gi, '$1')
    .replace(/\b(she|he)s\b/gi, "$1's")
    // Spanish `hacer una visita a`, `pasar la tarea a` said in English: `made a visit to Peter` (visited), `pass the task of Maria to…` (move).
    .replace(/\b(make|made|making|do|did|pay|paid|give|gave)\s+(?:a|an|one)\s+(?:quick\s+|short\s+)?(visit|call|phone call|phonecall)\s+to\s+/gi, (_m, v: string, k: string) =>
      `${/^(?:made|did|paid|gave)$/i.test(v) ? (/visit/i.test(k) ? 'visited' : 'called') : /visit/i.test(k) ? 'visit' : 'call'} `)
    .replace(/\bpass\s+(?=(?:the|that|this|my)\s+(?:task|meeting|reminder|call|visit|follow-?up|appointment)\b[^.!?]{0,60}?\s+(?:to|for)\s+(?:the\s+)?(?:next|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d))/gi, 'move ')
    .replace(/\bthe next (week|month|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/gi, 'next $1')
    // `on the blower`, `on the dog and bone` (British), `over phone` (South Asian English): on the phone.
    .replace(/\bon the (?:blower|dog(?: and bone)?|horn)\b/gi, 'on the phone').replace(/\bover (?:the )?(?:phone|call)\b/gi, 'on the phone')
    // `on coming Tuesday`, `this coming friday`: the next one.
    .replace(/\b(?:on\s+)?(?:this\s+)?coming\s+(?=(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)/gi, 'on ')
    // `that SSO proposal one's gone proper urgent now, bump it up for us`: moved up the list, said with how urgent.
    .replace(/\b(?:bump|push|move|kick|shove)\s+(it|that|this)(?:\s+one)?\s+up\b(?=(?:\s+(?:for (?:us|me)|pls|please|a notch|the list|then|will you|would you|cheers|ta|thanks))*\s*[.!]*$)/gi,
      (m, w: string, _at: number, all: string) => (/\b(?:urgent|priority|important|asap)\b/i.test(all) ? `make ${w} urgent` : m))
    // `Hans Muller sir told no need to send any festival greetings and survey also to him`: none to be sent.
    .replace(/\b(?:told|said|says|asked|mentioned|requested)\s+(?:us\s+|me\s+)?(?:that\s+)?(?:there is\s+)?no need (?:to|of)\s+send(?:ing)?\b/gi, "doesn't want us to send")
    // `move me the task of…`, `change me the reminder` (Spanish `muéveme`): the task is moved, for me.
    .replace(/\b(move|change|push|postpone|put|pass|mark|close|delete|cancel)\s+me\s+(?=(?:the|that|this|my)\s)/gi, '$1 ')
    // Scots `ma mistake`, `ma task` (my); `Tuesday no Monday` (not); `tasks in delay` (Portuguese `em atraso`: overdue).
    .replace(/\bma\b(?=\s+(?:mistake|bad|fault|error|task|tasks|diary|calendar|boss|manager|reminder|reminders|list)\b)/gi, 'my')
    .replace(/(?<=\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s)no(?=\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)/gi, 'not')
    .replace(/\b(?:are|is|that are|that is)\s+in delay\b/gi, 'are overdue').replace(/\bin delay\b/gi, 'overdue')
    // `in Friday`, `in Monday after lunch` (Polish `w piątek`): on that day.
    .replace(/\bin (?=(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)/gi, 'on ')
    // Indonesian and Malay `Pak`, `Ibu`, `Bu`, `Bapak` before a name (Mr, Mrs): no part of it.
    .replace(/\b(?:Pak|Bapak|Ibu|Bu)\.?\s+(?=\p{Lu}\p{Ll})/gu, '')
    // `his birthdays march third` (dictated, no apostrophe): his birthday is.
    .replace(/\b(birthday|bday)s\s+(?=(?:is\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|the\s|on\s|\d))/gi, "$1 is ")
    // `make the reminder Thursday only`, `send it today itself` (South Asian English): the word of emphasis after a day.
    .replace(/\b((?:to(?:day|morrow|night)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|next week|this week|same day|right now|now)\s+)(?:only|itself)\b/gi, '$1')
    // `add Morag Duncan as a contact`, `put Raj Patel in as a new contact`, `add Ana Costa to my contacts`: whom to add.
    // (`add new contact at Initech Nyasha Moyo she works as…`: the place said before the person.)
    .replace(/\b((?:add|create)\s+(?:a\s+)?new\s+contact|new\s+contact|add\s+(?:a\s+)?contact)\s+(?:at|for|from)\s+(\p{Lu}[\p{L}&-]+)\s+(\p{Lu}[\p{L}'-]+\s+\p{Lu}[\p{L}'-]+)(?=\s+(?:she|he|they|who|is|as)\b|\s*[,;-]|\s*$)/gu, '$1 $3 at $2')
    .replace(/\b(add|put|save|enter|register|create|stick|pop|throw|chuck|bung|toss|slap)\s+(\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3})(\s+(?:at|from|of|with)\s+[\p{L}&.' -]{2,40}?)?\s+(?:in\s+)?(?:as\s+(?:a\s+|an\s+)?(?:new\s+)?contact|to\s+(?:my\s+|the\s+|our\s+)?contacts)\b/gu, (_m, v: string, who: string, org: string | undefined) => `${v} new contact ${who}${org ?? ''}`)
    // `bang it in the diary for me`, `pop that in my calendar`: asked to be reminded of it.
    .replace(IN_THE_DIARY_RE, 'remind me')
    // `note for Wei Ling: she prefers…`: a note asked for, about whom it names.
    .replace(/^(?:(?:quick|short|small|a)\s+)?note\s+(?=(?:for|on|about|re)\s+[^:,\-–—]{2,40}?\s*[:,\-–—])/i, 'make a note ')
    // Dictated with no stop at all (`…about the sso rollout he is going to send us the test accounts next week`):
    // a new clause where a pronoun starts one after a noun.
    .replace(/^[^,.;:!?，。；！？]{30,}$/u, (all) => all.replace(/(?<=\b(?!(?:that|and|but|because|cause|cuz|if|when|so|as|said|says|say|told|tell|think|thinks|know|knows|ask|asked|whether|while|since|until|before|after|where|which|who|how|what|why|though|although|coz|then|the|our|their|his|her|my|your|its)\b)[a-z]{3,})\s+(?=(?:he|she|they)\s+(?:is going to|are going to|will|'ll|said|says|wants?|needs?|asked|promised|mentioned)\b|(?!(?:who|that|which|it|this|what|everyone|nobody|team|company|client|customer|account)\b)[a-z]{3,}\s+(?:needs|wants|is waiting (?:on|for)|asked for)\s+(?:the|a|an|some|our|their|his|her|us|me|to)\b)/g, ', '))
    // `…phone 402 555 0177 she's the procurement manager` (dictated, no stop): a new clause after the number.
    .replace(/(\d)\s+(?=(?:she|he|they)(?:'s|'re|\s+is|\s+are|\s+was)\s)/gi, '$1, ')
    // `follow up w/ Wei Ling`, `w/o the deck`: chat shorthand for with and without.
    .replace(/(?<=^|\s)w\/o(?=\s)/gi, 'without').replace(/(?<=^|\s)w\/(?=\s*[A-Za-z])\s*/g, 'with ')
    // `remind me to send Wei Ling that site list she was askin about`: what they asked for, said of the thing to send, is no report.
    .replace(/^((?:(?:pls|please|can you|could you)\s+)?remind me (?:to|2)\b.+?)\s+(?:that\s+|which\s+)?(?:he|she|they)\s+(?:was\s+|were\s+|had\s+|has\s+|have\s+)?(?:been\s+)?(?:askin[g']?|asked|requested|wanted|mentioned|talkin[g']?|talked)(?:\s+(?:about|for|me for|us for))?(?=\s*(?:[,.!?]|$))/i, '$1')
    // `actually that one can be normal priority`: how urgent the task just made is, changed.
    .replace(/^(?:(?:actually|oh|ok|okay|hmm|on second thought)[,\s]+)*(that|this|it)(\s+one)?\s+(?:can|could|should|may)\s+(?:just\s+)?be\s+(normal|low|high|regular|top|urgent)(\s+prio(?:rity)?)?\b/i, (_m, a: string, b: string | undefined, c: string) => `make ${a}${b ?? ''} ${c} priority`)
    // Spanish `el día 2` said in English (`the day 2`): the 2nd of the month.
    .replace(/\bthe day (\d{1,2})\b(?![:.]\d|\s*(?:days?|weeks?|hours?|am|pm)\b)/gi, (_m, n: string) => `the ${n}${/1[123]$/.test(n) ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<string, string>)[n.slice(-1)] ?? 'th'}`)
    // French and Spanish courtesy in English (`asap svp`, `por favor`): please.
    // (Only a lowercase `svp` said last: `SVP of Operations` is a title.)
    .replace(/(?<=[,\s])svp(?=\s*(?:[.!,:;]|$))|\b(?:s'il (?:te|vous) pla[iî]t|por favor)\b/gi, (m) => (m === 'SVP' ? m : 'please'))
    // `actually nah, make the sso one urgent`: taking back what was just said before saying it again.
    .replace(/^(?:(?:actually|oh|ok|okay|hmm|wait)[,\s]+)*(?:nah|nope|no)[,.!\s]+(?:just\s+)?(?=(?:make|mark|set|change|bump|put|flag)\s+(?:it|that|this|the)\b[^?]*\b(?:urgent|high|low|normal|priority|important)\b)/i, '')
    // Southern `y'all can add…`: asking Rapport.
    .replace(/^(?:hey\s+)?(?:y'?all|ya'?ll|you all|you guys)\s+(can|could|wanna|want to)\s+/i, 'can you ')
    // `Important: follow up with…`, `URGENT - call Bill`: how urgent, said first, as if said last.
    .replace(/^\s*((?:not\s+)?(?:important|urgent|asap|high priority|low priority|not urgent))\s*[:!-]+\s*(.+?)[.!]*$/i, '$2, $1')
    .replace(/\b(they|you)re\b/gi, "$1're")
    // `tom bakers birthday`, `janes email`, `peters been bumped up`: a name's possessive (or is) with the apostrophe left out.
    .replace(/\b([a-z]{2,})s (?=been\b)/gi, (m, w: string) => (isFirstName(w.toLowerCase()) ? `${w}'s ` : m))
    .replace(/\b([a-z]{2,})s (?=(?:new\s+)?(?:birthday|bday|b-day|phone|number|email|e-mail|cell|mobile|title|role)\b)/gi, (m, w: string, at: number, all: string) =>
      isFirstName(w.toLowerCase()) || isFirstName(/([a-z]+)\s+$/i.exec(all.slice(0, at))?.[1]?.toLowerCase() ?? '') ? `${w}'s ` : m)
    // Chinese fillers and exclamations that open a message (`那个 嗯 今儿上午…`, `乖乖 …`, `哎呀，…`).
    .replace(/^(?:(?:那个|这个|嗯+|呃+|额+|唔+|emm+|就是说?|乖乖|哎呀|哎哟|哎|唉|我的天|天哪|哇塞?|(?:哦|噢|喔)?对了?|哦|噢)[\s,，.。!！~]+)+/u, '')
    .replace(/^(?:嗯+|呃+|额+|乖乖|哎呀|哎哟|我的天|天哪|哇塞?)(?=\p{Script=Han})/u, '')
    // 仁和促销那个跟进推三天, 仁和促销的跟进推迟: the follow-up named, then moved, is that task.
    .replace(/(?<=\p{Script=Han})(?:那个|这个|的)\s*(?:跟进|follow up)(?:任务)?\s*(?=推|改|挪|延|提前|往后)/gu, '那个任务')
    // `随便啦`, `都行` said to a question: no answer (asked again); Minnan 彼个 (那个).
    .replace(/^(?:随便|都行|都可以|无所谓|看着办|你定|你看着办)(?:啦|吧|了|喔|哦|咯|嘛)?[!！.。~]*$/u, '不知道')
    .replace(/彼(?=个|位|间|家|单|件|次|天)/gu, '那')
    // Northeastern 整到 (改到: 回访王主任那个任务 整到明天下午).
    .replace(/(?<=任务|那个|这个|跟进|提醒)\s*整到/gu, '改到')
    // Northeastern 整 (make): 整个新商机 (建), 整上 said last (set it up).
    .replace(/整(?=(?:个|一个)?(?:新的?)?(?:商机|单子|联系人|客户|任务|提醒))/gu, '建').replace(/[\s,，]*整上(?:吧|啊|呗|哈)?[!！。.]*$/u, '')
    // Minnan and Hakka 加落去 / 记落去 (加进去, 记上).
    .replace(/(加|记|录|写|存)落去/gu, '$1到')
    // Cantonese `唔知(道)喎` (I don't know).
    .replace(/唔知道?(?:喎|啊|呀|咯|嘞|啦)?/gu, '不知道')
    // `王医生那边打了个电话` (called Dr. Wang's side): called them.
    .replace(/^([\u4e00-\u9fa5A-Za-z]{2,10}?)那边(?=打了?(?:个|一个|通|一通)?电话)/u, '给$1')
    // 李主任还有张主任: 还有 between two people is and.
    .replace(new RegExp(`(?<=主任|医生|经理|老师|院长|科长|老板|总)还有(?=[${SURNAMES}][\\u4e00-\\u9fa5]{0,2}(?:主任|医生|经理|老师|院长|科长|总))`, 'gu'), '和')
    // Cantonese 同 (and) between two people (`约咗李主任同张主任开会`), and `到时提我` (remind me then).
    .replace(new RegExp(`(?<=主任|医生|经理|老师|院长|科长|老板|总|姐|哥)同(?=[${SURNAMES}])`, 'gu'), '和')
    .replace(/到时(?:候)?提(?:下|一下|醒)?我/gu, '到时候提醒我')
    // `那个市一院的赵敏…` said while thinking: the filler before what is named.
    .replace(new RegExp(`^那个(?=[\\u4e00-\\u9fa5]{2,6}?(?:医院|院|药房|诊所|公司|中心)?(?:的|个)[${SURNAMES}])(?!月|星期|礼拜|季度|时候|任务|单子|商机|客户|联系人|推|改|挪|延|送)`, 'u'), '')
    .replace(/^(?:哎|唉|诶|欸|噫|哟)[\s,，.。!！~]+(?=\p{Script=Han})/u, '')
    // `是打的电话`, `是发的微信` (it was a call, a message): said of what the record should have been.
    .replace(/(?<=是)(打|发|开)的(?=电话|微信|邮件|短信|会)/gu, '$1')
    // `哎呀恁看俺，不是拜访…` (look at me): blaming oneself before the correction says nothing of it.
    .replace(/^(?:(?:哎呀|哎哟|唉|哎)[\s,，]*)?(?:你|您|恁)?瞧?看(?:我|俺)(?:这记性|这脑子|这脑袋)?[\s,，.。!！~]+(?=\p{Script=Han})/u, '')
    // `俺才知道赵敏生日是…`, `听说王丽升职了`: how the news came is no part of it.
    .replace(/^(?:我|俺|咱)?(?:才|刚|刚刚|今天|今儿个?|最近|也是)?(?:知道|听说|得知|打听到|了解到)(?:了|到)?[,，\s]*(?=\p{Script=Han})(?![^?？]*[吗么嘛][?？]?$)/u, '')
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[。；]/g, (c) => (c === '。' ? '.' : ';'))
    .replace(/、/g, ',')
    // `十来万`, `二十多万`: about that much, read as the round amount said.
    .replace(/([一二两三四五六七八九十百\d])(?:来|多)(?=[万千百亿])/g, '$1')
    // Formal written Chinese: `请于明天` (于 is no surname there), `九龙诊所之Dr. Lam` (之 = 的).
    .replace(/(请|需|拟|将|并|应|须|务必)于/g, '$1在')
    .replace(/(?<=\p{Script=Han})之(?![前后间内外一中类初末际])(?=\p{Script=Han}|[A-Z])/gu, '的')
    // `USD 1.5M`, `EUR 40k`: the currency's code before the amount.
    .replace(/\b(USD|US\$|EUR|GBP|RMB|CNY)\s?(?=\d)/gi, (_m, c: string) => ({ usd: '$', 'us$': '$', eur: '€', gbp: '£', rmb: '¥', cny: '¥' })[c.toLowerCase()] ?? c)
    .replace(/\b(?:visted|vistied|vsited|visitd|vistd|visitted)\b/gi, 'visited')
    // Typed fast on a phone: the abbreviations and slips that hide a known word.
    .replace(/\bf\/u'?s\b/gi, 'follow-ups')
    .replace(/\bf\/u\b/gi, 'follow up')
    .replace(/\b(?:folow|follw|folllow|foloow)(?=\s*-?up\b)/gi, 'follow')
    .replace(/\b(?:tomorow|tommorow|tommorrow|tomorrw|tmorrow|tamorrow|tamorra|tomorra|tumorrow|tomoz|tmrrw)\b/gi, 'tomorrow')
    .replace(/\b(?:meating|meetng|meeeting)\b/gi, 'meeting')
    .replace(/\b(?:compained|complaind|complanied|complaned)\b/gi, 'complained')
    .replace(/\b(?:confirmd|confimed)\b/gi, 'confirmed')
    .replace(/\b(stopped|dropped|swung|stop|drop|swing|came|come) buy\b/gi, '$1 by')
    .replace(/\bwent too\b/gi, 'went to')
    .replace(/\bto sea\b(?=\s+(?:dr|mr|ms|mrs|nurse|[A-Z]))/g, 'to see')
    .replace(/\bpipe\b(?!\s*line)/gi, 'pipeline')
    .replace(/\bmsg\b/gi, 'message')
    // 不要在发了 (再 typed as 在): again, not at.
    .replace(/(不要|别|不用|勿)在(?=(?:给|跟|向)?(?:我|他|她|他们|她们)?(?:发|打|寄|联系|来|去|推送))/g, '$1再')
    // Jamaican: mi (I/me), wid (with), di (the), dem (them; a plural after a noun), seh (said), fi (to),
    // waan (want), jus (just), an (and), bout (about), vex (annoyed), har (her), sen (send), nuff (a lot of),
    // ting (thing), him did/mi did (he/I, past), and the greeting `Big up Rapport`.
    .replace(/^big up(?: rapport)?[.!,]*\s*/i, '')
    // `12,5k`, `1,2 Mio`: a decimal comma (Swiss, German, French usage) before a multiplier.
    .replace(/(?<![\d.,])(\d{1,3}),(\d{1,2})(?=\s*(?:[kKmM]\b|Mio\b|Mrd\b|million|thousand|万))/g, '$1.$2')
    // `45.000 dollars`, `54.000`: thousands written with dots (Spanish, German, Portuguese usage).
    .replace(/(?<![\d.,:/-])(\d{1,3})((?:\.\d{3})+)(?![\d.,]?\d|%|\s*(?:x\b|倍|万|千))/g, (_m, a: string, rest: string) => a + rest.replace(/\./g, ','))
    // `never mind that, just remind me to…`, `算了，直接提醒我…`: what was asked before is dropped for this.
    .replace(/^(?:(?:ag|ah|oh|och|eish|hmm)[,\s]+)?(?:never ?mind|nvm|forget (?:it|that)|scratch that)(?: that)?[,.!;]+\s*(?:just\s+|rather\s+|instead\s+)?(?=(?:remind|add|log|create|new|set|schedule|record|note|make|put)\b)/i, '')
    .replace(/^(?:算了|不用了)[,，!！]+\s*(?:直接)?(?=提醒|新建|新增|加|记|建)/u, '')
    // `could you please mark it as such?`: a polite request, not a question.
    .replace(/(\b(?:could|can|would|will) (?:you|u) (?:please |kindly |pls )?(?:mark|set|make|move|push|log|add|record|change|update|put|flag|remind|create|note|save|shift|snooze|postpone|reschedule|close|remove|bump)\b[^?]*)\?(\s*)$/i, '$1.$2')
    // (Lower case only: `Mi`, `Di`, `Ting`, `Sen` are names too.)
    // `a Bill mi did talk to`: it was Bill I talked to.
    .replace(/\ba (?=[A-Z][a-z]+ (?:mi|him|she|we|dem) did\b)/g, 'it was ')
    .replace(/\b(mi|him|she|we) did (?!(?:a|an|the|not|it|that|this|so|too|some|our|my|his|her|their|well|great|good|all|what|nothing|everything|anything|meeting|call|visit|demo|lunch|dinner|presentation|workshop|training|review)\b)([a-z]{2,})\b(?!-)/g, (_m, who: string, v: string) => `${({ mi: 'I', him: 'he' } as Record<string, string>)[who] ?? who} ${PAST_OF[v] ?? (v.endsWith('e') ? `${v}d` : `${v}ed`)}`)
    .replace(/(?<=\b(?:[Rr]emind|[Tt]ell|[Aa]sk|[Hh]elp)\s)mi fi\b/g, 'me to')
    .replace(/\bmi (?:fi|haffi|affi)\b/g, 'I need to')
    // Guyanese Creolese `me visit Peter…`, `me call she yesterday`: I, and the plain verb a report's past.
    .replace(/(?:^|(?<=[,;.]\s*))me\s+(visit|call|meet|see|talk|email|text|ring|phone|check|drop|show|tell|send)\b(?=\s+(?:[A-Z]|de\b|di\b|the\b|she\b|he\b|him\b|her\b|dem\b|them\b|wid\b|with\b|to\b|over\b|by\b))/gi,
      (_m, v: string) => `I ${PAST_OF[v.toLowerCase()] ?? (v.toLowerCase().endsWith('e') ? `${v}d` : `${v}ed`)}`)
    .replace(/\bmi\b(?=\s+(?:waan|want|need|haffi|gonna|will|a go|just|jus|already|ago|mean|meant|call|visit|see|saw|talk|send|check|nuh|hear|know)\b)/g, 'I')
    // Jamaican and Belizean: noh (nuh), yestideh (yesterday), mawnin (morning), pon (on), dung (down), fram (from), sen (send),
    // dat/dis (that/this), everyting, wi (we, us), ih (he or she), `him a di CTO` / `Tom a di champion` (is the), `a him` (it's him),
    // `da a meeting` (it was a meeting), `ih di QA manager deh` (there), `a contact name Kemar Ellis` (named).
    .replace(/\b(?:get|gets|geh|did get)\s+(?:a\s+)?promotion\b/g, 'got promoted').replace(/\bwahn\b/g, 'wants')
    .replace(/\bova\b/g, 'over').replace(/\btel\b(?=\s+(?:mi|me|us|him|her)\b)/g, 'tell').replace(/\bneida\b/g, 'either')
    .replace(/\bhim\s+(?=(?:birthday|bday|b-day|email|phone|number|mobile|title|role|boss)\b)/g, 'his ').replace(/(?<=\b(?:birthday|bday))\s+a\s+(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)/gi, ' is ')
    .replace(/\bnoh\b/g, 'nuh').replace(/\bnuh\s+(?=(?:rush|hurry|worries|problem|need|more|greetings?|surveys?|cards?|messages?|wishes)\b)/g, 'no ')
    .replace(/^an\s+(?=nuh?\b|no\b)/, 'and ')
    .replace(/\b(?:yestideh|yessideh|yesside|yestiday|yesiday|yestaday)\b/gi, 'yesterday').replace(/\b(?:mawnin|marnin)\b/gi, 'morning')
    .replace(/\bpon\b/g, 'on').replace(/\bdung\b/g, 'down').replace(/\bfram\b/g, 'from').replace(/\bsen\b(?=\s)/g, 'send')
    .replace(/\bdat\b/g, 'that').replace(/\bdis\b(?=\s+[a-z])/g, 'this').replace(/\beveryting\b/g, 'everything').replace(/\bfi wi\b/g, 'for us')
    .replace(/\b(?:him|ih) a (?=(?:di|the|a|an|our)\s|(?:[a-z]+\s+){0,3}(?:analyst|manager|director|lead|head|officer|engineer|buyer|rep|assistant|coordinator|specialist|champion|influencer|decision)\b|[A-Z]{2,})/g, 'he is ').replace(/\bih\b/g, 'he')
    .replace(/(?<=\b\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?)\sa\s(?=(?:di|the)\s)/gu, ' is ')
    .replace(/\ban a him\b/g, "and it's him").replace(/(?<=^|[,;.]\s*|\band\s)a him\b/g, "it's him").replace(/\bda a\b(?=\s+(?:meeting|call|visit|email|message|note)\b)/g, 'it was a')
    .replace(/\s+deh(?=\s*(?:[,.!?]|$))/g, ' there').replace(/\b(contact|person|guy|lady|man|woman) name (?=\p{Lu})/gu, '$1 named ')
    // nuh (don't / not), nutten (nothing), `she soon come` (she'll come soon).
    .replace(/\b(I|we|you|yu|he|she|they|dem|him) nuh\b/g, (_m, who: string) => `${({ yu: 'you', dem: 'they', him: 'he' } as Record<string, string>)[who] ?? who} don't`)
    .replace(/\bnuh\b/g, 'not')
    .replace(/\bnutt(?:en|in|'n)\b/g, 'anything')
    .replace(/\b(she|he|him|dem|they) soon come\b/g, (_m, who: string) => `${({ dem: 'they', him: 'he' } as Record<string, string>)[who] ?? who} will soon come`)
    .replace(/\bmi\b(?=\s*$|\s+(?:fi|to|wid|with|about|bout|and|an)\b)|(?<=\b(?:[Rr]emind|[Tt]ell|[Cc]all|[Tt]ext|[Ee]mail|[Ss]end|[Gg]ive|[Hh]elp|[Aa]sk)\s)mi\b/g, 'me')
    .replace(/\bhim (waan|want|need|seh|say)\b/g, (_m, v: string) => `he ${v}`)
    .replace(/\bwaan\b/g, 'want')
    .replace(/\bwid\b/g, 'with')
    .replace(/\bdi\b(?=\s+[a-z])|(?:^|(?<=\b[a-z]+\s))di\b(?=\s+[A-Z])/g, 'the')
    .replace(/\b(complain(?:ing|ed|s)?|sure|know|hear|heard|think|tell(?:ing|s)?|told|said|say) seh\b/g, '$1 that')
    // `update it nuh`: the tag asks, it does not negate.
    .replace(/[,\s]+nuh\s*(?=[?.!]*$)/g, '')
    // `him a complain`, `she a wait`: the progressive.
    .replace(/\b(him|she|dem|they|mi|we) a (complain|call|wait|ask|look|chase|push|try|beg|come|go|send|talk|hold|fight)\b/g, (_m, who: string, v: string) =>
      `${({ him: 'he is', she: 'she is', dem: 'they are', they: 'they are', mi: 'I am', we: 'we are' } as Record<string, string>)[who]} ${v.replace(/e$/, '')}ing`)
    // `get promote to`: got promoted.
    .replace(/\b(?:get|gets|did get|geh) promote(?:d)?\b/g, 'got promoted')
    // `deal fi Initech`, `end a December`: for, of.
    .replace(/(?<=\b[a-z]+\s)fi\b(?=\s+[A-Z])/g, 'for')
    .replace(/\bmek\b/g, 'make')
    .replace(/\bend a\b(?=\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|di|the|dis|this|next|month|week|year|quarter)\b)/gi, 'end of')
    .replace(/(?<=\b[a-z]+s?\s)dem\b/g, '')
    .replace(/\bdem\b(?=\s+(?:ready|want|waan|seh|say|did|need|nah|gonna|will)\b)/g, 'they')
    .replace(/\bseh\b/g, 'said')
    .replace(/\bfi\b(?=\s+[a-z])/g, 'to')
    .replace(/\bjus\b/g, 'just')
    .replace(/\ban\b(?=\s+(?:holiday|birthday|the|di|da|de|him|her|me|mi|i|we|dem|they|she|he)\b)/g, 'and')
    .replace(/'?\bbout\b/g, 'about')
    // Bahamian and Caribbean: fa (for), wit (with), de/da (the, before a lowercase word), ain (ain't),
    // bey (boy, said to whoever reads); Newfoundland b'y; Spanish-English `no is urgent` (not urgent);
    // Australian arvo (afternoon), `chuck in` (add); `closin` (closing).
    .replace(/\b(?:fa|fu)\b(?=\s+(?:me|you|him|her|us|them|de|the|da|[A-Z]))/g, 'for')
    // Antiguan `remind me fu call Bill` (to).
    .replace(/\bfu\b(?=\s+(?:call|send|visit|check|email|text|ring|see|meet|chase|follow|get|bring|give|ask|tell|do|make|drop|pick|talk)\b)/g, 'to')
    .replace(/\bwit'(?=\s)/g, 'with')
    .replace(/\bwit'?(?=\s+(?:[A-Z]|de\b|the\b|him\b|her\b|them\b|me\b|[a-z]+\s+(?:at|from)\b))/g, 'with')
    .replace(/(?<=\b(?:about|bout|to|with|for|on|in|of|at|send|call|check|chase|is|he|she|bump|change|update|raise|drop|move|push|put|up)\s)(?:de|da)\b(?=\s+[a-z])/g, 'the')
    // `de Globex expansion gone to…`, `an bump…`: the, and, opening the message.
    .replace(/^(?:de|da)\s+(?=[A-Z])/, 'the ').replace(/^an\s+(?=(?:bump|change|update|raise|drop|move|push|put|set|mark|make|add|log|remind|also|then)\b)/i, 'and ')
    .replace(/\b(he|she|they|it)\s+da\b(?=\s+[a-z])/g, "$1's the")
    .replace(/\bain\b(?=\s+(?:urgent|important|a priority|no|nothing|gonna|going|got|ready|done|that)\b)/g, "ain't")
    .replace(/[,\s]+\b(?:bey|b'y|mate|bud|buddy|me bey)\b(?=\s*(?:[,.!?-]|$))/gi, '')
    .replace(/\bfor me bey\b/gi, 'for me')
    .replace(/\bno (?:is|es) (?=urgent|important|a priority)/gi, 'not ')
    .replace(/\barvo\b/gi, 'afternoon')
    // (`make the test plan reminder thurs at 2 not 9`: a task named by what it is about, set to a day or hour, is moved there.)
    .replace(/^((?:(?:and|n|oh|ah|also|so|ok)[,\s]+)*)(?:make|set|put|change)\s+(?:the|that|my|this)\s+((?:(?!reminder|task)[a-z0-9'-]+\s+){1,4})(?:reminder|task|follow-?up|to-?do)\s+(?:to\s+|for\s+|on\s+)?(?=(?:(?:next|this)\s+)?(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day)?\b|tomorrow\b|tmrw\b|at\s+\d|\d{1,2}\s*(?:am|pm)\b)/i, '$1move the $2task to ')
    // (`ok i'm done with the SSO proposal one`: that task is done.)
    .replace(/^((?:(?:ok(?:ay)?|so|right|alright|and|also)[,\s]+)*)(?:i'?m|i am|im|we'?re|we are)\s+(?:all\s+|finally\s+)?(?:done|finished|through)\s+with\s+(?!.*\bfor (?:today|now|the (?:day|week))\b)(?:the\s+|that\s+|my\s+)?(.{2,60}?)(?:\s+(?:one|task|reminder|thing|to-?do))?\s*[.!]*$/i, '$1mark the $2 task done')
    // (`Izvinite, mistake —`, `perdón`, `desculpe`, `entschuldigung`: sorry, in other languages.)
    .replace(/(?<![\p{L}])(?:izvinite|izvini|oprostite|prostite|perd[óo]n|disculpa|desculpa|desculpe|entschuldigung|pardonnez-moi|scusa|scusi|maaf)(?![\p{L}])/giu, 'sorry')
    // (`it ain't that pressing, make it normal`: why, said before the change asked for.)
    .replace(/^((?:(?:eh|ah|oh|well|actually|ok|okay|hmm|no)[,\s]+)*)(?:it|that|this)\s*(?:ain'?t|isn'?t|is not|'s not|s not)\s+(?:that|so|very|too|really)\s+(?:pressing|urgent|important|critical)\s*[,;.]\s*(?=(?:make|set|put|mark|change)\s+(?:it|that|this)\b)/i, '')
    // (`eh never mind put it back to normal`, `forget that, make it low`: taking back what was just asked.)
    .replace(/^((?:(?:eh|ah|oh|well|ok|okay|hmm|nah|no|nope)[,\s]+)*)(?:never ?mind|nvm|forget (?:that|it))[,\s]+(?=(?:make|set|put|mark|change|return|bring|move)\s+(?:it|that|this)\b)/i, '')
    // (`Move follow-up for Friday`: moved to it.)
    .replace(/\b(move|push|shift|put)\s+((?:the\s+)?follow[- ]?up|(?:the\s+)?reminder|it|that)\s+for\s+(?=(?:next\s+|this\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|tomorrow\b)/gi, '$1 $2 to ')
    // (French `voilà`, Arabic `inshallah`: asides around the request.)
    .replace(/[,\s]*(?<![\p{L}])(?:voil[àa]|inshall?ah|insha'?allah)(?![\p{L}])[,.!]*/giu, ' ')
    // (`actually go on and make the follow-up friday`: `go on and`, `go ahead and` say only to do it.)
    .replace(/\b(?:just\s+)?go (?:on|ahead)(?: ahead)? (?:and|n|&)\s+(?=[a-z])/gi, '')
    // (`return it back to normal`, `put it back to normal`: set it back.)
    .replace(/\b(?:return|put|bring|turn|change)\s+(it|that|this)(?:\s+back)?\s+(?:to|on)\s+(?=(?:normal|regular|standard|low|high|urgent)\b)/gi, 'set $1 back to ')
    // (`pass the task of Maria one week more`: Portuguese and Spanish `passar`/`pasar` a task is to move it.)
    .replace(/\bpass\s+(?=(?:the|this|that|my|her|his)\s+(?:task|reminder|follow-?up|to-?do)\b|(?:it|that)\s+(?:to|for|by|one|a|an|\d)\b)/gi, 'push ')
    // (`yesterday aft`, `tues aft`, `in the aft`: the afternoon, clipped.)
    .replace(/\b(yesterday|today|tomorrow|tmrw|tmr|this|in the|(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day)?)\s+aft\b(?!er)/gi, '$1 afternoon')
    // Geordie: doon (down), gan/gannin (go/going), wor (our), divvent (don't), nee (no), us (me, after remind/give/tell/send),
    // `canny lad`, `pet`, `howay` said to whoever reads.
    .replace(/\bdoon\b/gi, 'down').replace(SCOTS_YIN_RE, 'one').replace(/\baff\b/gi, 'off').replace(/(?<=\b(?:is|'s|was|are|'re|were)\s)no(?=\s+(?:the|a|an|back|in|here|there|happy|sure|ready|urgent|that|very|so|too|coming|going|bothered|keen|interested)\b)/gi, 'not').replace(/\b(a?)roond\b/gi, '$1round').replace(/\boot\b(?=\s+(?:to|tae|for|wi|with|at|and|of)\b)/gi, 'out').replace(/\bgannin\b/gi, 'going').replace(/\bgan\b(?=\s+(?:to|doon|down|round|over|see|and|back)\b)/gi, 'go')
    .replace(/\bwor\b(?=\s+[A-Za-z])/gi, 'our').replace(/\bdivvent\b/gi, "don't").replace(/\bnee\b(?=\s+(?:rush|hurry|need|more|bother|problem|surveys?|greetings?)\b)/gi, 'no')
    .replace(/\b(remind|give|tell|send|ping|show)\s+us\b(?=\s+(?:to|the|a|about|on|at|when|tomorrow|next|in)\b)/gi, '$1 me')
    .replace(/[,\s]+canny (?:lad|lass|fella|bloke)\b/gi, '').replace(/[,\s]+\bpet\b(?=\s*(?:[,.!?]|$))/gi, '')
    // Hawaiian Pidgin: da (the), fo (to before a verb, else for), wit (with), stay (is, before a state),
    // pau (finished), no mo (no more), one (a, before a noun of ours), dem (them, after a verb or preposition).
    .replace(/(?<=^|[,;:]\s*|\b(?:about|to|with|wit|for|fo|on|in|of|at|send|call|check|chase|is|not|no|who|sign off on|move|push|mark|snooze)\s)da\b(?=\s+\S)/gi, 'the')
    .replace(/\b(?:uff|oof) da\b[,.!]*/gi, "").replace(/(?<=\p{Script=Han})\s*follow[- ]?up\s*(?=一下|\p{Script=Han})/giu, '跟进').replace(/(?<=\p{Script=Han})来来(?=[。.，,!！\s]|$)/gu, '了').replace(/\bda\b(?=\s+(?:[a-z]+|[A-Z]{2,})\b)/g, 'the')
    .replace(/\b(he|she|they)\s+(?:more|now)\s+(?:a|an|one)\s+(?=influencer|decision maker|champion|gatekeeper|blocker|end user)/gi, '$1 is now an ')
    .replace(/\bfo\b(?=\s+(?:send|call|visit|email|check|chase|see|meet|talk|ask|get|bring|drop|follow|remind|give|pick|do|make|go)\b)/gi, 'to')
    .replace(/\bfo\b(?=\s+(?:her|him|me|you|them|us|the|da|[A-Z]))/g, 'for')
    .replace(/\bwit\b(?=\s)/gi, 'with')
    .replace(/\b(she|he|they|it|we|i)\s+stay\s+(?=(?:pau|with|at|in|busy|sick|out|away|done|happy|not|the|all)\b)/gi, '$1 is ')
    .replace(/\bpau\b/gi, 'finished')
    .replace(/\bno mo\b/gi, 'no more')
    .replace(/\bone\b(?=\s+(?:new\s+)?(?:contact|influencer|decision maker|champion|gatekeeper|call|visit|meeting|note|reminder|task|deal|opportunity)\b)/gi, 'a')
    .replace(/(?<=\b(?:with|to|for|from|call|email|tell|ask|told|chase)\s)dem\b/g, 'them')
    .replace(/\bno need (?:to |fo |for )?rush\b/gi, 'no rush')
    .replace(/\bover at\b(?=\s+[A-Za-z])/gi, 'at')
    .replace(/\b(?:ain'?t|aint|it'?s|it is|is|there'?s)\s+no (rush|hurry)\b/gi, 'no $1')
    // Dropped g's and clipped words: mornin', fixin', 'round (around), aboot (about).
    .replace(/('s|\bis)\s+look(?:ing|in'?)\s+(?:more\s+)?like\s+(?=[$€£¥]?\d)/gi, ' is now ')
    // (`bring forward the site plan task to Monday`: brought forward, said before what.)
    .replace(/\b(bring|move|pull)\s+(forward|up)\s+((?:the|di|de|my|that)\s+.{2,50}?)\s+(?=(?:to|till|until)\b)/gi, '$1 $3 $2 ')
    .replace(/\b(move|push|shift|bump|reschedule|change)\s+(it\s+|that\s+|this\s+)?for\s+(?=(?:next\s+|this\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tmrw|next week)\b)/gi, '$1 $2to ')
    .replace(/^((?:so\s+|ok\s+|okay\s+)?(?:pls\s+|please\s+)?add\s+(?:new\s+contact\s+)?\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){1,2})\s+for\s+(?=\p{Lu})/u, '$1 at ')
    .replace(/\b(move|put|set|change|update|bump|push)\b([^.;]{0,40}?)\s+in(?:to)?\s+(?=(?:the\s+)?(?:proposal|negotiation|qualification|needs analysis|discovery)(?:\s+stage)?\b)/gi, '$1$2 to ')
    .replace(OBJECT_FIRST_RE, objectFirst)
    // (`at Tuesday, sorry, at Friday`: a day taken back as it is said, and the one said instead.)
    .replace(/\b(?:at|on)?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tomorrow),?\s+(?:sorry|i mean|i meant|no wait|no|pardon|oops),?\s+(?=(?:at|on)?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tomorrow)\b)/gi, '')
    // (`Tom he needs the pricing`: a name, then the pronoun for it again.)
    .replace(/(?<=(?:^|[,;.])\s*)([A-Z][a-z]{2,})\s+(?:he|she)\s+(?=(?:needs?|wants?|said|says|asked|will|would|is)\b)/g, '$1 ')
    // (Cajun `cher` said to whoever reads, and `a contact name of X`.)
    // (Upper-Midwest `oh for cute`, `ope`; Portuguese `bom dia`; a closing `ngl`, `fr`, `congratulation to him!`: asides around the request.)
    // (`met sarah n tom`, `n bump it to 70k`: a lone lowercase `n` between words is `and`.)
    .replace(/(?<=^|[\s,])n(?=\s+[a-z])/g, 'and')
    .replace(/^\s*(?:oh for (?:cute|cripes'? sake|pete'?s sake)|ope|oof|omg|oh my (?:gosh|god|goodness)|bom dia|boa tarde|boa noite|ol[áa])(?:[,!.:]+|\s)\s*/i, '')
    .replace(/(?:[,\s]+(?:ngl|fr fr|fr|no cap|tbh))+[.!]*\s*$/i, '').replace(/(?<=[.!?])\s*congratulations?(?:\s+to\s+(?:him|her|them))?[.!]*\s*$/i, '')
    .replace(/[,\s]*(?<![A-Za-z])cher\b(?=\s|[,.!?]|$)/g, '').replace(ARABIC_ASIDE_RE, '').replace(/(?<=[A-Za-z])\s*\+\s*(?=[A-Za-z])/g, ' and ').replace(/\b(add|put|get)\s+me\s+(?:an?\s+)?(?:new\s+)?contact\b/gi, '$1 a new contact').replace(/\bcontact\s+(?:by\s+the\s+)?name\s+of\s+/gi, 'contact ')
    .replace(/(?<=^|\s)'round\b/gi, 'around').replace(/\b(?:a?round|bout)\s+about\b/gi, 'around').replace(/\b([a-z]{2,})in'(?=\s|$|[,.!?])/gi, '$1ing').replace(/\baboot\b/gi, 'about')
    // `reckon the Globex expansion won't close…`: the hedge that opens it is no part of it.
    // (`reckon we add Dr Priya Nair…`: so is the `we` of a request.)
    .replace(/^(?:i\s+)?(?:reckon|guess|figure)(?:\s+that)?\s+(?:(?:we|i)\s+(?:should\s+|could\s+|can\s+|'ll\s+|will\s+)?(?=(?:add|log|create|remind|set|make|move|push|mark|put|send|record|bump|shift)\b))?(?=[A-Za-z])/i, '')
    // `Wei Ling ain't the one who signs no more, she's more of an influencer`: the role taken back says none.
    .replace(/\b(ain'?t|isn'?t|is not|not|no longer)\s+(?:the one (?:who|that) (?:signs?|decides?|calls the shots)(?: off)?(?: on (?:the )?\w+)?|the decision maker|a decision maker)(?:\s+(?:no more|anymore|any more))?/gi, '$1 in charge any more')
    .replace(/\b(she|he|they)(?:'s| is|'re| are)\s+more of (a|an)\s+(?=influencer|champion|gatekeeper|blocker|decision maker|end user)/gi, "$1 is now $2 ")
    // `…, no rush like` (Geordie, Yorkshire, Irish): the tag ends no note.
    .replace(/(?<!\b(?:would|you|i|we|they|he|she|'d|d|do|did|does|don'?t|doesn'?t|didn'?t|not|you'd|really|also|just|would not))[,\s]+like[.!]*$/i, '')
    .replace(/\ba couple (?:of )?(days|weeks|hours)\b/gi, '2 $1')
    // `friday, like 3 in the afternoon`: about then.
    .replace(/,?\s*\b(?:like|say|about|around|roughly|circa|approx\.?)(?:\s+(?:like|say|about|around|roughly|by))*\s+(?=\d{1,2}(?::\d\d)?\s*(?:am|pm|ish|o'?clock|in the (?:morning|afternoon|evening))\b)/gi, ' ')
    // Spanish-English: register a call (log), assist(ed) to a meeting (attend), like 3 (around 3).
    .replace(/^register\s+(?=(?:a |an |the |my )?(?:call|visit|meeting|email|note|message)\b)/i, 'log ')
    .replace(/\bassist(ed|s)? to (?=(?:a|an|the) (?:meeting|demo|call|visit|conference|workshop|presentation|session|lunch|dinner)\b)/gi, (_m, x: string | undefined) => `attend${x ?? ''} `)
    // Cockney and other h-dropping: 'ad, 'e's, 'im, 'igh, 'em, an'.
    .replace(/(^|[\s(])'(ad|as|ave|e|e's|im|is|er|ers|ere|ome|alf|ow|eard|ope|igh|ighly|urry|appy)\b/gi, (_m, a: string, w: string) => `${a}h${w}`)
    .replace(/(^|[\s(])'em\b/gi, '$1them').replace(/\ban'(?=\s)/gi, 'and')
    // A mate hailed (bruv, innit), a contact `for ya`: no part of what is said.
    .replace(/[,\s]*\b(?:bruv|bro|brah|bruddah|fam|innit|guv|bab|babs|me duck)\b[,!.]?(?=\s|$)/gi, ' ').replace(/,\s*(?:love|luv|duck|pet|hun)\s*[.!]*$/i, '').replace(/\b((?:new\s+)?contact)\s+(?:in\s+)?for\s+(?:ya|you|u|us|me)\b[,:]?/gi, '$1 ')
    // `put in dr mueller from umbrella as a contact`, `save Raj as a new contact`: add them.
    .replace(/^(?:(?:pls|please|can you|could you)\s+)?(?:put in|put|save|enter|stick|pop)\s+(.{3,60}?)\s+(?:in\s+)?as\s+(?:a\s+)?(?:new\s+)?contact\b/i, 'add contact $1')
    // `chuck a new contact in for acme - …`, `stick a new contact in…`: add one.
    .replace(/^(.*?)\b(?:stick|put|pop|bung|chuck)\s+(?:a\s+)?new\s+contact\b(?:\s+in\b(?!\s+for\b))?/i, '$1add new contact')
    // `add a contact for initech, Dr Niamh McAllister, …`: the account said first, then the person.
    .replace(/\b(add|new)\s+(?:a\s+)?(?:new\s+)?contact\s+(?:in\s+)?(?:for|fuh|at|to|in|under)\s+([^,;:]{2,40}?)\s*(?:[,;:]|\s[-–—])\s*((?:(?:Dr|Mr|Mrs|Ms|Prof|Eng|Engr|Ing|Arch|Atty|Lic|Dra|Sra?|Dott|Mme|Miss)\.?\s+)?(?!(?:the|a|an|new|this|that|his|her|their|our|my|he|she|they|us|me|him|them|dr|mr|mrs|ms|prof|eng|engr|ing|arch|atty|lic)\b)\p{L}[\p{L}'-]+(?:\s+\p{L}[\p{L}'-]+){0,2})(?=\s*(?:[,;.]|$))/giu, '$1 contact $3 at $2')
    // `Globex expansion's back in negotiation`: a deal gone back to a stage.
    .replace(/(?:\s+is|'s)\s+(?:now\s+)?back\s+(?:in|at|to|into)\s+(?=(?:the\s+)?(?:negotiations?|proposal|qualification|discovery|needs analysis|prospecting|contracting|contract)\b)/gi, ' moved back to ')
    .replace(/(?:\s+is|'s)\s+(?:now\s+)?in\s+(?=(?:the\s+)?(?:negotiations?|proposal|qualification|needs analysis)(?:\s+stage)?(?:\s+now)?\s*[.!]*$)/gi, ' moved to ')
    .replace(/^(?:heads[- ]up|fyi|quick update|just so you know|jsyk)\s*[,:!-]?\s+(?=[a-z])/i, '')
    // `bump it up to urgent`, `put it down to low`: a priority is set, nothing moved.
    .replace(/\b(?:bump|push|move|put|set|take|knock)(?:\s+(?:it|this|that|the task|the reminder))?\s+(?:up|down)?\s*to\s+(?=(?:urgent|high|top|low|normal)(?:\s+prio(?:rity)?)?\b)/gi, 'mark it ')
    // `send to Hans Müller the pilot contract` (Spanish/Italian order): the person, then the thing.
    .replace(/\b(send|give|bring|show|hand|pass|forward|mail|email|deliver|take)\s+to\s+((?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){0,2})\s+(?=(?:the|a|an|our|some|his|her|their|this|that|new)\s)/gu, '$1 $2 ')
    // `the budget of next year`: a year spoken of, not a day to follow up on.
    .replace(/\b(budget|budgets|plan|plans|planning|forecast|target|targets|strategy|pricing|prices|quota|roadmap|volumes?|orders?)\s+(of|for)\s+next\s+(year|quarter)\b/gi, '$1 $2 the $3 ahead')
    // `add VP of Sales Daniel Brooks at Umbrella`: the title said before the name goes after it.
    .replace(/\b(add|new contact:?)\s+((?:(?:Senior|Junior|Deputy|Assistant|Regional|Global)\s+)?(?:VP|SVP|EVP|Head|Director|Chief [A-Z][a-z]+ Officer|CEO|CTO|CFO|COO|CIO|CMO|General Manager|Managing Director)(?:\s+of\s+[A-Z][\w&]*(?:\s+[A-Z][\w&]*)?)?)\s+([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)+)\s+(?=(?:at|from|of|@)\s)/g, '$1 $3, $2, ')
    // `closing until 31 December` (Swiss and German usage): by then.
    .replace(/\b(clos(?:e|es|ing)|sign(?:s|ing)?|decid(?:e|es|ing)|decision|due|deliver(?:y|ing)?)\s+until\b/gi, '$1 by')
    .replace(/^(.*?)\bchuck (?:in|on)\b(?=\s+(?:a\s+)?(?:new\s+)?contact)/i, '$1add')
    .replace(/\bclosin\b/gi, 'closing')
    // `forget about it, remind me…`, `算了提醒我…`: what was asked before is set aside; the command is what is read.
    .replace(/^\s*(?:(?:ag|ah|oh|och|hmm)[,\s]+)?(?:never ?mind|nvm|forget (?:about )?(?:it|that)|scratch that)(?: that)?[,.!;\s]*(?:just\s+|rather\s+|instead\s+)?(?=(?:(?:pls|please|can you|could you)\s+)?(?:new|add|create|log|remind|record|set|send)\b)/i, '')
    .replace(/^\s*(?:算了|不用了)[,，\s]*(?:直接)?(?=(?:麻烦|请|帮我)?(?:新建|新增|添加|加个|创建|记录|提醒|录个?|记一下))/u, '')
    // `which all` (Indian English: which); `cheers mate` closing a message.
    .replace(/\b(which|what|who) all\b/gi, '$1')
    .replace(/[,\s]+(?:cheers|ta|thanks)\s+mate[.!]*$/i, '').replace(/^(?:oi|alright|ey up)\s+mate[,!]?\s+/i, '')
    // `Ms. Lakshmi Iyer from Sundaram Textiles, purchase manager - kindly add her as contact`: the command said last.
    .replace(/^(.{3,120}?)[\s,;.]*(?:[-–—]\s*)?(?:(?:kindly|please|pls|can you|could you)\s+)?(?:add|save|create|put)\s+(?:her|him|them|this person|the same)\s+(?:as\s+(?:a\s+)?(?:new\s+)?contact|to\s+(?:the\s+|my\s+)?contacts|in\s+(?:the\s+)?crm)[.!]*$/i, 'add contact $1')
    // Maltese openers (`mela`, `ajma`), Irish and Newfoundland `just after ringin'` (just rang), g-dropping
    // (`mornin'`), `dat` (that), `the day after tomorrow` said as `after tomorrow`, `11 in the morning` (11am).
    .replace(/^\s*(?:mela|ajma|iva|le)[,.!\s]+(?=\S)/i, '')
    .replace(/\b(?:i'?m |i am |we'?re )?just after (ring|call|phon|visit|meet|talk|email|see)(?:in'?g?|ing)\b/gi, (_m, v: string) => `just ${({ ring: 'rang', call: 'called', phon: 'phoned', visit: 'visited', meet: 'met', talk: 'talked', email: 'emailed', see: 'saw' } as Record<string, string>)[v.toLowerCase()]!}`)
    .replace(/\b([a-z]{3,})in'(?=\s|$|[,.!?;])/gi, '$1ing')
    .replace(/\bdat\b(?=\s+[a-z])/g, 'that')
    // Bajan and other Caribbean English: de (the) after a verb or preposition, fuh (for), ent (isn't), he more a (he's more of an).
    .replace(/\b(he|she|they|it)\s+ent\b/gi, "$1 isn't").replace(/\b([a-z]{3,})\s+ent\s+(?=(?:the|de|a|an|no|not)\b)/gi, "$1 isn't ")
    .replace(/\b(over|on|in|at|to|for|with|about|from|of|is|isn't|'s|all|off|sign|signs|does|do|send|sent|get|got|bring|call|move|push|mark|by|before|after|up|down|out|into|onto|wid|fuh|make|makes|made|take|takes|took|had|has|have|need|needs|want|wants|see|saw|meet|met|through|across|round|around)\s+de\s+(?=[a-z])/g, '$1 the ')
    .replace(/^de\s+(?=[a-z]{3,})/, 'the ')
    // `add andre clarke at globex`: a first name and another word, then where they work, is a contact to add.
    .replace(/^add\s+(?=([a-z][a-z'-]+)\s+[a-z][a-z'-]+\s+(?:at|from|@|of|with)\s+\S)/i, (m, first: string) => (isFirstName(first.toLowerCase()) ? 'add contact ' : m))
    // `yo called bill…`, `sup, log…`: a hail before the message is no part of it.
    .replace(/^(?:yo+|yow|sup|wassup|wagwan|oi|ay+e?)[,!.]?\s+(?=[a-z])/i, '')
    // `75 000 dollars`, `18 000 EUR`: thousands parted by a space (Lithuanian, French, Nordic usage).
    .replace(/(?<![\d+\-.,])(?<!\d\s)(\d{1,3}) (\d{3})(?!\s?\d)(?=\s*(?:dollars?|usd|eur(?:os?)?|€|\$|gbp|pounds?|rmb|元|块|k\b)|\s*[.,!]?\s*$)/gi, '$1$2')
    // Norfolk and Scots `rung` (rang), `jist` (just); `is promoted, he is X now` (was promoted to X).
    .replace(/\brung\b(?=\s+(?:[a-z]+\s+)?(?:up\b|at\b|back\b|[A-Za-z]+\s+(?:at|from|up|back|jist|just|yesterday|today|earlier)\b))/gi, 'rang').replace(/\bjist\b/gi, 'just')
    .replace(/\b(?:is|has been|got|was) promoted,?\s+(?:he|she) (?:is|'s) (?:now )?(?:the |our )?(?=[A-Z])/g, 'was promoted to ')
    // Hiberno-English `is after being made head of…` (has been made), `I'm after ringing him` (just rang);
    // Nigerian `last week Friday` (last Friday); `monday round 10` (around 10).
    .replace(/\b(?:is|are|'s|has) after being (?=made|named|promoted|appointed)/gi, 'was ')
    .replace(/\b(I'?m|I am|we'?re|he'?s|she'?s) after (ring|call|phon|visit|meet|talk|email|see|send)(?:in'?g?|ing)\b/gi, (_m, who: string, v: string) => `${/^(?:i|we)/i.test(who) ? who.replace(/'?m$|'?re$| am$/i, '') : who.replace(/'s$/i, '')} just ${({ ring: 'rang', call: 'called', phon: 'phoned', visit: 'visited', meet: 'met', talk: 'talked', email: 'emailed', see: 'saw', send: 'sent' } as Record<string, string>)[v.toLowerCase()]!}`)
    .replace(/\blast week ((?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/gi, 'last $1')
    .replace(/\b(?:round|'round|roun)\s+(?=\d{1,2}(?::\d\d)?\s*(?:am|pm|in the|o'?clock|ish)?\b)/gi, 'around ')
    // Portuguese-English `make a meeting with Tom` (schedule one).
    .replace(/\bmake an? (meeting|call|visit|appointment|demo) with\b/gi, 'schedule a $1 with')
    // `where y'at!` (New Orleans hello); `holla at Tom` (call); `concerning the invoice` (about).
    .replace(/^where y'?at[!,.]*\s*/i, '').replace(/\bholla(?:h)? at\b/gi, 'call').replace(/\b(?:concerning|pertaining to|in respect of|as regards)\b/gi, 'about')
    .replace(/\bthru\b/gi, 'through').replace(/\bgreetins?\b/gi, 'greetings')
    // `dear, Peter is…`: how a letter opens is no part of it.
    .replace(/^dear(?:\s+(?:sir|madam|sir\/madam|colleague|friend))?[,!]\s*/i, '')
    // Baltimore `hon`, said to whoever reads: no part of a name, a title or a deal.
    .replace(/\s*,?\s*\bh[ou]n\b(?=\s*[,.!?;]|\s*$)/g, '').replace(/\bh[ou]n,?\s+(?=\S)/g, '')
    // Bermudian `bye` (said to whoever reads, after a word: `new deal fa Soylent bye - …`) and `ace boy` before
    // it; `fa` (for, or to before a verb), `bout` (about), `de` (the) before a word that is no name's particle.
    .replace(/^\s*(?:ace\s+boy|bey|bye)[,!]?\s+(?=\S)(?!(?:for now|then)\b)/i, '')
    .replace(/(?<=[\p{L}\d.)])\s*,?\s*\bbye\b(?=\s*(?:[,.!?;:)(]|[-–—]\s|$))/giu, '')
    .replace(/\bfa\s+(?=(?:send|chase|call|ring|ask|get|see|visit|check|email|meet|remind|follow|bring|give|tell|do|make|sort|push|book|set)\b)/gi, 'to ')
    .replace(/\bfa\s+(?=\p{Lu}|the\b|de\b|him\b|her\b|them\b|me\b|us\b)/gu, 'for ').replace(/(?<![\p{L}'])'?bout\b/giu, 'about')
    .replace(/\bde\s+(?!(?:la|las|los|le|les|souza|sousa|silva|oliveira|costa|lima|jong|vries|groot|wit|boer|mello|almeida|andrade|castro|leon|luca|santis|rosa|freitas|paula|carvalho|moraes|barros|assis)\b)(?=[a-z]{2,}|\p{Lu}{2,5}\b|\p{Lu}[a-z]+\s+(?:task|deal|thing|one|reminder|meeting|call|file|contract|quote|proposal)\b)/gu, 'the ')
    // Yorkshire (Hull, Sheffield): `were` for was (`that were tuesday`, `Maria were on the fone`), `wi'` (with),
    // `nowt`/`owt`/`summat` (nothing/anything/something; `nowt urgent` is not urgent), `t'` (the),
    // `half eleven` (11:30), `proper urgent` (very), `love` said to whoever reads; `promoted as` (to).
    .replace(/^(?:ey up|eh up|now then|ay up)[,!.]?\s+(?:love[,!.]?\s+|duck[,!.]?\s+|pal[,!.]?\s+)?(?=\S)/i, '')
    .replace(/(?<!\bif\s)\b(that|it|i|he|she|this|there)\s+were\b/gi, '$1 was').replace(/^were\s+(?=(?:at|on|in|with|over|round|down|up|out|by|seeing|visiting)\b)/i, 'was ')
    .replace(/\b(\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?(?:\s+(?:at|from)\s+\p{Lu}[\p{L}&-]+)?)\s+were\s+(?=(?:on|at|in|round|over|up|down|by)\s)/gu, '$1 was ')
    .replace(/\bfone\b/gi, 'phone').replace(/\bwi'?(?=\s+[\p{L}])/giu, 'with').replace(/\bo'(?=\s)/gi, 'of')
    .replace(/\bnowt\s+(?=(?:urgent|important|pressing|major|serious|special|much|big)\b)/gi, 'not ').replace(/\bnowt\b/gi, 'nothing').replace(/\bowt\b/gi, 'anything').replace(/\bsummat\b/gi, 'something')
    .replace(/\bt'\s?(?=[a-z])/gi, 'the ')
    .replace(/(?<!\bpast\s|\ban?\s|\b\d\s)\bhalf\s+(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|1[0-2]|[1-9])\b(?!\s*(?:hours?|days?|weeks?|months?|k\b|million|mil\b|an?\b|of\b|[%$€£]))/gi,
      (_m, h: string) => `${({ one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 } as Record<string, number>)[h.toLowerCase()] ?? h}:30`)
    .replace(/\b(?:proper|dead|right|well|pure|wicked)\s+(?=(?:urgent|important|keen|busy)\b)/gi, 'very ')
    .replace(/\s*,?\s*(?<!\b(?:would|'d|to|i|we|they|she|he|you|really|just|absolutely|in)\s*)\b(?:love|luv|duck|me duck)\b(?=\s*(?:[,.!?;]|[-–—]\s)|\s*$)/gi, '').replace(/^(?:love|luv|duck|pet)[,!]\s*/i, '')
    .replace(/(?<!\b(?:i|we)\s)\b(?:was|were)\s+on the (?:phone|blower|line)(?:\s+(?:to|with)\s+(?:me|us))?\s*,?\s*(?=(?:moan|complain|whing|grumbl|kick|giving out|going on|rant))/gi, 'was on the phone, ')
    // Welsh `butt` (mate) and an `isn't it` tag; Ghanaian `please the SSO task, push it` (push the SSO task);
    // `Acme have signed the platform renewal` (the Acme platform renewal is signed).
    .replace(/\s*,?\s*\b(?:butt|butty|bach|chale|charlie)\b(?=\s*(?:[,.!?;]|[-–—]\s)|\s*$)/gi, '').replace(/^(no|nah|yes|aye|ok|right)\s+(?:butt|butty|bach|chale)\b/i, '$1')
    .replace(/[,\s]+isn'?t it[?!.]*$/i, '')
    .replace(/^(?:(?:please|pls|kindly)[,\s]+)?(the\s+[^,]{2,40}?\s+(?:task|reminder|one|deal|follow-?up))[,\s]+(push|move|shift|snooze|postpone)\s+it\b/i, '$2 $1')
    // `this reminder please move it for one more week`: the one just made, named first.
    .replace(/^((?:this|that)\s+(?:task|reminder|one|follow-?up))[,\s]+(?:(?:please|pls|kindly)[,\s]+)?(push|move|shift|snooze|postpone)\s+it\b/i, '$2 $1')
    // Dictated punctuation said as a word (`umbrella health comma she is…`, `… period`); Portuguese `works like` (as).
    .replace(/(?<=[a-z0-9])\s+comma\b\s*/gi, ', ').replace(/(?<=[a-z0-9])\s+(?:period|full stop)\b(?:\s+([a-z]))?(?=\s|$|(?<=[a-z])[a-z])/gi, (_m, next: string | undefined) => (next ? `. ${next.toUpperCase()}` : '.'))
    .replace(/\b(works?|working|worked)\s+(?:in|at|for)\s+((?:\p{Lu}[\p{L}&'-]*\s+){0,3}\p{Lu}[\p{L}&'-]*)\s+(?:like|as)\s+/gu, '$1 at $2 as ')
    .replace(/\b(works?|working|worked)\s+like\s+(?=(?:a\s+|an\s+|the\s+)?[a-z]+\s+(?:manager|director|head|lead|officer|engineer|buyer|analyst|specialist|coordinator|assistant))/gi, '$1 as ')
    // `remember me the meeting of tomorrow` (Spanish recuérdame): remind me of it; `gonna need a new contact` (add one);
    // `advance the demo … for this friday` (adelantar: move it); `change the task of Peter for friday` (move it); `just lower it` (low);
    // `By the way, …`: said before the news.
    .replace(/\bamanh(?:ã|a\u0303|a)(?![a-z])/gi, "tomorrow").replace(new RegExp(`(\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\b|\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?)\\s*,?\\s+([01]?\\d|2[0-3])h([0-5]\\d)?\\b`, 'gi'), (_m, day: string, h: string, mi: string | undefined) => `${day} at ${h}:${mi ?? '00'}`).replace(new RegExp(`\\ble\\s+(\\d{1,2})(?:er)?\\s+(?=(?:${MONTHS})\\b)`, 'gi'), '$1 ').replace(new RegExp(`\\b(?:the\\s+)?(\\d{1,2})\\s+of\\s+(?=(?:${MONTHS})\\b)`, 'gi'), (m, d: string) => (/^the/i.test(m) ? `the ${d}th of ` : `${d}th of `)).replace(/\bremember me\s+(?:of\s+|about\s+)?(?=the\b|to\b|that\b)/gi, 'remind me of ').replace(/\bremind me of to\b/gi, 'remind me to')
    .replace(/\b(meeting|call|visit|demo|appointment)\s+of\s+(tomorrow|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi, '$1 $2')
    .replace(/^(?:i'?m\s+)?(?:gonna|going to)\s+need\s+(?:a\s+)?new\s+contact\b/i, 'new contact')
    .replace(/\b(?:i need to\s+|i want to\s+)?(?:advance|anticipate|bring forward|pull forward)\s+(the\s+(?:task|meeting|call|visit|demo|appointment)\b[^,.;]{0,40}?)\s+(?:to|for)\s+(?=(?:this|next|the|tomorrow|mon|tue|wed|thu|fri|sat|sun)\w*\b)/gi, 'move $1 to ')
    .replace(/^change\s+(the\s+(?:task|reminder|follow-?up)\s+(?:of|for|about)\s+[^,.;]{1,40}?)\s+(?:for|to)\s+(?=(?:this|next|the|tomorrow|mon|tue|wed|thu|fri|sat|sun)\w*\b)/i, 'move $1 to ')
    .replace(/\b(?:just\s+)?lower\s+(it|that|this|the priority)(?:\s+(?:kindly|please|pls|a bit|down))?\b/gi, (_m, w: string) => `make ${/priority/i.test(w) ? 'it' : w} low priority`)
    .replace(/^(?:by the way|btw|fyi|oh btw|just so you know|heads up)[,:!.]?\s+(?=\S)/i, '')
    // `lemme push…` (let me: a request); `register a new contact` (add one); `no xmas or bday msgs for X` (stop them);
    // `2 more days` (by 2 days); `anticipate it to monday` (Spanish anticipar: move it earlier, to that day).
    .replace(/^(?:lemme|let me|imma|i'?m gonna|gonna)\s+(?=(?:push|move|bump|shift|snooze|log|add|mark|set|make|put|change)\b)/i, '')
    .replace(/\bregister\s+(?:a\s+)?(?:new\s+)?contact\b/gi, 'add new contact')
    .replace(/\bno\s+(?:more\s+)?((?:xmas|christmas|holiday|festive|birthday|bday|b-day)(?:\s+(?:or|and|n|&)\s+(?:xmas|christmas|holiday|festive|birthday|bday|b-day))?\s+(?:msgs?|messages?|cards?|wishes|greetings))\s+(?:for|to)\s+/gi, 'stop sending $1 to ')
    .replace(/\b(?:by\s+)?(\d+|one|two|three|four|five|a couple of)\s+more\s+(days?|weeks?)\b/gi, 'by $1 $2')
    .replace(/\b(?:anticipate|bring forward|pull forward|move up)\s+(it|that|this|the task|the meeting)\s+(?:to|for)\s+/gi, 'move $1 to ')
    // `I need that you postpone…` (Spanish necesito que): a request; `one week more` (by a week);
    // `actually not that important, make it normal`: the reason, before what to do.
    .replace(/^(?:(?:please|pls|kindly)\s+)?i (?:need|want|would like)(?: that)? you(?: to)? (?=(?:postpone|push|move|remind|add|log|mark|set|change|make|send|create|register|put|update|record)\b)/i, '')
    .replace(/\b(\d+|one|two|three|a)\s+(days?|weeks?)\s+more\b/gi, 'by $1 $2')
    .replace(/^(?:(?:actually|oh|hmm|ok|okay|wait)[,\s]+)*(?:it'?s\s+|its\s+)?not\s+(?:that|so|very|really|all that)\s+(?:important|urgent)(?:\s+after all)?[,.!\s]+(?=(?:make|mark|set|change|put|keep)\s+(?:it|that|this)\b)/i, '')
    // Dictated `push it back to days` (two days): a number heard as `to`.
    .replace(/\b(back|out|off|forward|ahead|by)\s+(?:to|too)\s+(days|weeks)\b/gi, '$1 by 2 $2')
    // `the task of Hans, put it one day later` (Spanish `la tarea de Hans, ponla un día después`): move that task.
    .replace(/^((?:the|my)\s+(?:task|reminder|follow-?up)\s+(?:for|of|about|with)\s+[^,.;!?]{1,40}?)[,\s]+(?:(?:please|pls|kindly|i need to|i need you to|i want to|can you|could you)[,\s]+)?(push|move|shift|snooze|postpone|put)\s+it\b/i,
      (_m, task: string, v: string) => `${/^put$/i.test(v) ? 'push' : v} ${task}`)
    .replace(/\b(push|move|shift|put)\s+(.{2,60}?)\s+(one|two|three|a|\d+)\s+(days?|weeks?)\s+later\b/gi, (_m, v: string, what: string, n: string, u: string) => `${/^put$/i.test(v) ? 'push' : v} ${what} by ${/^a$/i.test(n) ? 'one' : n} ${u}`)
    .replace(/^((?:(?:good|great|big) news|so|ok|okay|well|yay|woohoo|guess what)[,!.:\s]+)?([A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)?)\s+(?:have|has|'ve)\s+(?:just\s+|finally\s+)?(signed|won|closed|lost)\s+(?:the|their|our)\s+([a-z][\w -]{2,40}?)(?=[,.!]|$)/i, '$2 $4 $3')
    .replace(/\b((?:mark|make|set|flag|put)\b[^.!?]{0,60}?\b(?:task|reminder|one|it|this|that))\s+(?:as\s+)?(?:asap|a\.s\.a\.p\.?|top priority|priority one)(?=\s*[,.!?]|\s*$)/gi, '$1 urgent')
    .replace(/\b(?:expected|expecting|estimated|est\.|targeted|target|tentative(?:ly)?|likely|probably|hopefully)\s+(?:to\s+(?=clos(?:e|ing)\b))?(?=(?:clos(?:e|ing|es)|to close|close date|sign(?:ing)?)\b)/gi, '')
    .replace(/\bhow(?:'s| is| are)\s+(\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?)\s+(?:getting on|doing|going|faring|coming along|getting along|shaping up|keeping up)\s+(?:with|on)\s+(?:his|her|their)\s+(?=(?:deals|pipeline|opportunities|opps|funnel)\b)/gu, "$1's ")
    // Filipino `po` (respect) and `ma'am`/`sir` before a name; Doric (Aberdeen) `fir` (for), `tae` (to), `aboot`,
    // `wis` (was), `efternoon`, `the morn`/`the morra` (tomorrow), `nae`, `disnae`, `cannae`, `baith`, `mak`, `aff`,
    // `fit like` (hello); Malaysian `lah`, `lor`, `leh`; `made up to` (promoted to); `he more like influencer`.
    .replace(/\s*,?\s*\bpo\b(?=\s*(?:[,.!?;]|$))|\bpo,\s*/g, ' ')
    // Irish and British `called in to Soylent` (dropped by), `just off a call with…` (just had one), `push out the quote one`,
    // `, would ya` asked at the end; `Monday already call Bill` (already before a bare verb: done).
    .replace(/\b[Cc](?:alled|alling|all) in (?:to|on|at)\s+(?=\p{Lu}|the\b)/gu, 'visited ')
    .replace(/\b(?:just\s+)?(?:got\s+)?off (?:a|the|my) (call|phone call|zoom|teams call|meeting)\s+with\b/gi, (_m, k: string) => `just had a ${/meeting/i.test(k) ? 'meeting' : 'call'} with`)
    .replace(/\b(push|bump|shove|kick|move)\s+(?:out|back)\s+(?=(?:the|my|that|this)\b)/gi, '$1 ')
    .replace(/[,\s]+(?:would|will|could|can)\s+(?:ya|yah|you|u)[?!.]*\s*$/i, '')
    .replace(/\balready\s+(call|visit|meet|email|text|ring|see|phone|ping|message)\s+(?=\p{Lu}|him|her|them)/giu, (_m, v: string) => `${PAST_OF[v.toLowerCase()] ?? `${v}ed`} `)
    .replace(/\s+[-–—]\s+(?=(?:pls\s+|please\s+|can you\s+|could you\s+)?(?:set|make|create|add|put in)\s+(?:me\s+)?(?:a\s+)?reminder\b|(?:pls\s+|please\s+)?remind me\b)/gi, '. ')
    // `add as contact the engineer Andrés Gómez` (Spanish `agregar como contacto al ingeniero…`): the title said as a word.
    .replace(/\badd\s+as\s+(?:a\s+)?(?:new\s+)?contact\s+(?:the\s+|our\s+)?(?:(engineer|doctor|lawyer|attorney|architect|professor)\s+)?(?=\p{Lu})/giu,
      (_m, t: string | undefined) => `add contact ${t ? ({ engineer: 'Engr. ', doctor: 'Dr. ', lawyer: 'Atty. ', attorney: 'Atty. ', professor: 'Prof. ' } as Record<string, string>)[t.toLowerCase()] ?? '' : ''}`)
    // `put the task of the SSO proposal in high priority` (Spanish `poner en prioridad alta`): make it so.
    .replace(/\bput\s+(.{2,60}?)\s+(?:in|on|at|to|into)\s+(high|low|normal|top|urgent)\s+priority\b/gi, 'make $1 $2 priority')
    .replace(/\b(?:the|that|this) (task|reminder) (?:of|about) (?:the )?(?=[\p{L}\d])/giu, 'the $1 for ')
    // `shift that task about the deck…`: the task named by what it is about, as `the task about…`.
    .replace(/\b(?:that|this)\s+(task|reminder|follow-?up)\s+(?=(?:about|for|re|on)\s+\S)/gi, 'the $1 ')
    // Tagalog particles in Taglish: `naman`, and `na`, `lang`, `nga`, `talaga`, `daw`, `pala` at a clause's end (`he's Head of Engineering na`).
    // Tagalog and French days said in English: `bukas`, `demain` (tomorrow), `kahapon`, `hier` (yesterday), `mamaya` (later today).
    .replace(/\b(?:bukas|demain)\b/gi, 'tomorrow').replace(/\b(?:kahapon|hier)\b/gi, 'yesterday').replace(/\bmamaya\b/gi, 'later today')
    .replace(/\s*\bnaman\b/gi, '').replace(/(?:\s*,?\s*\b(?:na|lang|nga|talaga|daw|pala)\b)+(?=\s*(?:[,.!?;]|$))/gi, '').replace(/\b(?:ma'?am|sir)\s+(?=\p{Lu}[a-z]+\b)/gu, '')
    .replace(/^fit like[,!.]?\s*(?:\w+[,!.]\s*)?/i, '').replace(/\bfir\b(?=\s+(?:me|us|him|her|them|the|a|an|my|our)\b)/gi, 'for').replace(/\btae\b/gi, 'to').replace(/\baboot\b/gi, 'about')
    .replace(/\bwis\b/gi, 'was').replace(/\befternoon\b/gi, 'afternoon').replace(/\bthe (?:morn|morra|morrow)\b(?!ing)/gi, 'tomorrow')
    .replace(/\bdisnae\b/gi, "doesn't").replace(/\bcannae\b/gi, "can't").replace(/\bwidnae\b/gi, "wouldn't").replace(/\bnae\b(?=\s+[a-z])/gi, 'no')
    .replace(/(?<=\b\d{1,2}(?:st|nd|rd|th)?\s)o\s+(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)/gi, 'of ')
    .replace(/\boot\b/gi, 'out').replace(/\bgie\b/gi, 'give').replace(/\bgive (?:me|us) a (?:shout|bell|nudge|buzz)\b/gi, 'remind me')
    // (`tom n sarah`: n between two words is and.)
    .replace(/(?<=\b[A-Za-z]{2,})\s+n\s+(?=[A-Za-z]{2,}\b)/g, ' and ')
    .replace(/\bfit\s+(?=aboot\b|about\b|time\b|like\b)/gi, 'what ').replace(/\ban\s+(?=(?:greetings|surveys|what|fit|how)\b)/gi, 'and ').replace(/\bo\s+(?=them\b|us\b|it\b)/gi, 'of ')
    // Malaysian `call Peter from Initech already`: done.
    .replace(/^(call|visit|meet|email|text|ring|see|phone)\s+(\p{Lu}[^,]{1,50}?)\s+(?:already|just now)\b/iu, (_m, v: string, rest: string) => `${PAST_OF[v.toLowerCase()] ?? `${v}ed`} ${rest}`)
    .replace(/\bbaith\b/gi, 'both').replace(/\bmak\b/gi, 'make').replace(/\baff\b/gi, 'off')
    .replace(/\s*,?\s*\b(?:lah|lor|leh|meh|liao)\b(?=\s*(?:[,.!?;]|$))/gi, '')
    .replace(/(?:\s+(?:has been|have been|was|were|got|been|is|gets)|'s been|'s)\s+made up\s+(?:to|tae)\b/gi, ' was promoted to')
    .replace(/\b((?:not\s+|very\s+|quite\s+)?(?:urgent|important|asap|high priority|low priority))\s+one\b(?=\s*(?:[,.!?]|$))/gi, '$1')
    .replace(/,?\s*(?:we\s+)?(?:need|needs|must|have|has|got) to (?:settle|solve|fix|sort(?: out)?|resolve|handle|close)(?: (?:it|this|that)(?: one)?)?\s+(?=asap\b|urgently\b|quickly\b|fast\b|right away\b)/gi, ', ')
    .replace(/\b(he|she)\s+(?:more like|more of|is more like|more)\s+(?:an?\s+)?(?=influencer|champion|gatekeeper|decision|end user|user)/gi, "$1's more an ")
    // Geordie and Mackem `haway man` before what is said, `like` after it; a dropped g (`meetin`).
    .replace(/^(?:haway|howay|hadaway)(?:\s+(?:man|pet|lad|lass|hinny))?[,!.]?\s*/i, '').replace(/\s*,?\s*\blike\b(?=\s*(?:[,.!?]|$))(?<!\b(?:would|'d|i|we|you|they|feel|looks?|seems?)\s+like)/gi, '')
    .replace(/\b(meet|call|visit|talk|chas|send|follow|check|brief|pric|book|sign|ship|invoic|quot|push|remind|morn|even)in\b/gi, '$1ing')
    // `monday morning, say 10`, `tomorrow around 3`: the hour said loosely after the day is its time.
    .replace(/(?<=\b(?:morning|afternoon|evening|today|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s*,?\s*)(?:say|like|maybe|around|about|abt|roughly)\s+(?=\d{1,2}(?::\d\d)?\s*(?:am|pm|o'?clock)?(?:\s*[,.!?]|\s*$))/gi, 'at ')
    // Minnesotan `ope` and `you betcha`; Zambian `ba` before a name; `name is Data Migration, amount 18,500` (a deal's name and amount said as fields).
    .replace(/^ope[,!.]?\s+/i, '').replace(/\s*,?\s*\byou bet(?:cha)?\b[!.]*(?=\s*$)/i, '').replace(/\bba\s+(?=\p{Lu}[a-z]+\s+\p{Lu})/gu, '')
    .replace(/,\s*(?:the\s+)?name\s+(?:is|:)\s+/gi, ' - ').replace(/,\s*amount\s+(?:is\s+|of\s+)?(?=[$€£¥]?\d)/gi, ', ')
    // Canadian `sorry, could you add…`: the sorry of a polite ask, no apology for a mistake.
    .replace(/^(?:sorry|so sorry|sorry to bother(?: you)?)[,!.]?\s+(?=(?:(?:could|can|would|will) you|(?:please|pls|kindly)\s)\s*(?:please\s+)?(?:add|log|create|remind|record|set up|send|open|put)\b)/i, '')
    .replace(/^sorry[,!.]?\s+(?=(?:that|the)\s+[^,.]{1,40}?\s+(?:task|reminder)\b)/i, '')
    .replace(/\b(promoted|made up|moved up|upgraded|elevated)\s+as\b/gi, '$1 to')
    .replace(/\b(?:is|has been|have been|got|gets|'s been|is now|has now been)\s+(?:now\s+)?promoted\s+to\b/gi, 'was promoted to')
    .replace(/\b(\p{Lu}[a-z]+)'s\s+(?=not\s+(?:the|a|an|our|really|much|in|on)\b|more\s+(?:of\s+)?(?:an?\s+)?(?:influencer|champion|gatekeeper|user|decision))/gu, '$1 is ')
    .replace(/^(?:i\s+|we\s+)?(?:was|were|been)\s+(?:at|over at|round at|down at|up at)\s+(?=\p{Lu}[\p{L}&-]+(?:\s+\p{Lu}[\p{L}&-]+)?\s+(?:(?:last|this|on|yesterday|today|earlier)\b[^,]{0,25}?\s+)?(?:seeing|to see|with|for a|meeting)\b)/iu, 'visited ').replace(/\bgot made up to\b/gi, 'was promoted to')
    // Czech and Slavic `I was by Maria Garcia` (I visited her); dropped g's of a time (`evenin`, `mornin`).
    .replace(/\b(I|we) (?:was|were) by (?=[A-Z]|the |him\b|her\b|them\b)/g, '$1 visited ')
    .replace(/\b(mornin|evenin|afternoo|nite)\b'?/gi, (w: string) => ({ mornin: 'morning', evenin: 'evening', afternoo: 'afternoon', nite: 'night' } as Record<string, string>)[w.toLowerCase().replace(/'$/, '')] ?? w)
    // Danish and German ordinals: `the 18.`, `the 31. December`.
    .replace(/\b(\d{1,2})\.(?=\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)/gi, '$1')
    .replace(/\bthe (\d{1,2})\.(?=\s|,|$)/gi, (_m, d: string) => `the ${d}${d.endsWith('1') && d !== '11' ? 'st' : d.endsWith('2') && d !== '12' ? 'nd' : d.endsWith('3') && d !== '13' ? 'rd' : 'th'}`)
    // `is become Head of Engineering` (a second language's perfect): became; `monday just gone` (Australian): last monday.
    .replace(/\b(?:is|are|was|has|have|had)\s+(?:been\s+)?become\b/gi, 'became')
    .replace(/\b(?:the\s+)?((?:mon|tues|wednes|thurs|fri|satur|sun)day|week|month|weekend)\s+just\s+gone\b/gi, 'last $1')
    // Liberian and Krio: `my man,` to whoever reads; `he the one who sign`, `Peter Gibbons the decision maker now` (is).
    .replace(/^(?:my man|my brother|my sister|my friend|bossman|chief)[,!]\s*/i, '').replace(/(?<=^(?:sorry|oops|nah|no|ok|okay|yes|yeah|yep)),?\s+my (?:man|brother|sister|friend)\b,?/i, ',')
    // Krio (Freetown): abeg (please), tumara (tomorrow), `I done visit` (I visited), `Hans for Umbrella`
    // (at), `she dey for Soylent` (is at), `Peter na (di) influencer` (is the), `e say` (he said),
    // `make I call` (to call), `change am` (it), `no be yesterday` (not yesterday).
    .replace(/^(?:abeg|abeg o|biko|please o)[,\s]+/i, '').replace(/[,\s]+(?:o)(?=[,.!]|$)/g, '').replace(/\babeg\b[,\s]*/gi, 'please ')
    .replace(/\btumara\b|\btumaro\b|\btmara\b/gi, 'tomorrow')
    .replace(/\b(I|we|he|she|they|e|dem) done (visit|call|meet|see|send|talk|email|text|ring|phone|check|show|tell|go)\b/gi,
      (_m, who: string, v: string) => `${({ e: 'he', dem: 'they' } as Record<string, string>)[who.toLowerCase()] ?? who} ${PAST_OF[v.toLowerCase()] ?? (v.toLowerCase().endsWith('e') ? `${v}d` : `${v}ed`)}`)
    .replace(/\b(visit(?:ed)?|call(?:ed)?|met|meet|saw|see|rang|phoned|email(?:ed)?) ([A-Z][a-z]+(?: [A-Z][a-z]+)?) for (?=[A-Z][\w&-]*(?:\s|[,.;]|$))/g, '$1 $2 at ')
    .replace(/^([A-Z][a-z]+(?: [A-Z][a-z]+)?) for ([A-Z][\w&-]+) (?=na\b|dey\b|is\b)/, '$1 at $2 ')
    .replace(/\b(she|he|dem|they|e) dey for (?=[A-Z])/gi, (_m, who: string) => `${({ e: 'he', dem: 'they' } as Record<string, string>)[who.toLowerCase()] ?? who} is at `)
    .replace(/\b([A-Z][a-z]+|she|he|e) na (?:di |the |a |an )?(?=(?:new )?(?:decision[- ]?maker|influencer|champion|gatekeeper|end user|finance|procurement|head|boss|director|manager|ceo|cfo|cto|coo|vp|lead|one)\b)/g, (_m, who: string) => `${who === 'e' ? 'he' : who} is the `)
    .replace(/\bna (?:she|he|e) dey\b/gi, 'she is the one who')
    .replace(/\be say\b/g, 'he said').replace(/\b(?:dem|they) say (?:dem|they) go\b/gi, 'they say they will').replace(/\bdem go\b/gi, 'they will')
    .replace(/\bmake I (?=call|visit|send|check|email|text|ring|see|meet|chase)/gi, 'to ')
    .replace(/\b(change|close|send|give|tell|call|fix|update|shift|move|push|mark|sign) am\b/gi, '$1 it')
    .replace(/\bno be (?=yesterday|today|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day|him|her|[A-Z])/g, 'not ')
    .replace(/^na (?=\$?\d)/i, '')
    // Southern US: y'all (you), `them security docs` (those), `done got promoted` (got promoted), `well I'll be,`.
    .replace(/^well,? i'?ll be[,!.]\s*/i, '').replace(/\by'?all\b/gi, 'you')
    .replace(/\bthem (?=[a-z]+ (?:docs|documents|files|papers|samples|brochures|contracts|quotes|numbers|slides|reports|forms|invoices)\b|(?:docs|documents|files|papers|samples|brochures|contracts|quotes|numbers|slides|reports|forms|invoices)\b)/g, 'those ')
    .replace(/\bdone got\b/g, 'got')
    // Liberian `it na Peter` (it's not Peter), `I na know` (I don't know).
    .replace(/\bit na\b(?=\s+[A-Za-z])/gi, "it's not").replace(/\b(I|we|they|he|she) na (?=know|want|go|come|see|like|have|get)/g, "$1 don't ")
    .replace(/^([A-Z][a-z]+(?: [A-Z][a-z]+)?) (?=(?:the|our|a|an) (?:new )?(?:decision[- ]?maker|champion|influencer|gatekeeper|end user|boss|head|ceo|cfo|cto|coo|vp|director|manager|one who)\b)/, '$1 is ')
    .replace(/\b(he|she) (?:de|di|da) (?=[A-Z]{2,5}\b|[A-Z][a-z]+ (?:of|at)\b|(?:head|boss|new|lead|chief|manager|director|vp)\b)/g, '$1 is the ')
    .replace(/\b(he|she|they) (?=(?:at|from|with) [A-Z])/g, (_m, who: string) => `${who} ${who === 'they' ? 'are' : 'is'} `)
    .replace(/\b(is|are|was|were) in risk\b/gi, '$1 at risk')
    .replace(/\b(he|she|they) (?=(?:the|a|an|our) (?:one|decision[- ]?maker|champion|influencer|gatekeeper|boss|new)\b)/gi, (_m, who: string) => `${who} ${/they/i.test(who) ? 'are' : 'is'} `)
    // `Peter from Initech call me on monday`: a person's bare verb to me, a report's past.
    .replace(/\b([A-Z][a-z]+(?: [A-Z][a-z]+)?(?: (?:from|at) [A-Z][\w&-]+)?) (call|email|text|ring|phone|visit|message) (me|us)\b(?=[^?]*\b(?:on (?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|last|this morning|today|earlier)\b)/g,
      (_m, who: string, v: string, me: string) => `${who} ${PAST_OF[v] ?? (v.endsWith('e') ? `${v}d` : `${v}ed`)} ${me}`)
    // `the maria globex ting`: a thing, as Toronto and the Caribbean say it.
    .replace(/\b(the|dat|dis|that|this|a|one|whole)\s+((?:[a-z]+\s+){0,3}?)ting\b/gi, '$1 $2thing')
    // `wallahi bill from initech said…`, `yalla, log…`: an oath or a hail in Arabic before it (Toronto, the Gulf).
    .replace(/^(?:wall?ah?i|wallah|yall?a|khalas|inshallah|mashallah|alhamdulillah|habibi|akhi|bismillah)[,!.]?\s+(?=[a-z])/i, '')
    // `I humbly request (that) you add…`, `am requesting you to log…`: the ask, said formally.
    .replace(/^(?:i\s+|am\s+|i am\s+|i'm\s+)?(?:humbly\s+|kindly\s+|respectfully\s+)?request(?:ing)?\s+(?:that\s+)?(?:you\s+)?(?:to\s+|kindly\s+)?(?=(?:add|log|create|remind|record|update|mark|move|set|note|register|open|change|push|postpone)\b)/i, '')
    .replace(/\bfuh\b(?=\s+[a-z])/gi, 'for')
    // Bristol: gert (very), lush (lovely).
    .replace(/\bgert\b(?=\s+[a-z])/gi, 'very').replace(/\bgert\s+lush\b/gi, 'really lovely')
    .replace(/\b(he|she)\s+(?:more|mo)\s+a(?:n)?\s+(?=influencer|champion|gatekeeper|decision|end user|user)/gi, "$1's more an ")
    // `lemme add a contact real quick, tony russo…`: how fast it is asked is no part of it.
    .replace(/\s+(?:real(?:ly)?|super|right|very)\s+(?:quick(?:ly)?|fast)\b|(?<=\b(?:add|log|create|new)\s+(?:a\s+)?(?:contact|call|visit|note|meeting|deal)\s+)quick(?:ly)?\b\s*/gi, '')
    // `had a sit down with…`: sat down with them (a meeting).
    .replace(/\b(?:had|did)\s+(?:a\s+)?(?:quick\s+|proper\s+|good\s+)?sit[- ]?down\b/gi, 'sat down')
    .replace(/(?<!\bday\s)\bafter tomorrow\b/gi, 'the day after tomorrow')
    .replace(/\b(1[0-2]|0?[1-9])\s+in the (morning|afternoon|evening)\b/gi, (_m, h: string, part: string) => `${h}${/morning/i.test(part) ? 'am' : 'pm'}`)
    // `he head of engineering now`: he's.
    .replace(/\b(he|she)\s+(?=(?:the\s+)?(?:new\s+)?(?:head|vp|director|manager|chief|lead|ceo|cfo|cto|coo)\b)/gi, "$1's ")
    // `stick a new fella in for me, kevin tobin…`: add a new contact.
    .replace(/\b(?:stick|put|pop|bung|chuck)\s+(?:a\s+)?new\s+(?:fella|fellow|guy|lady|contact|person|one)\s+in\b/gi, 'add new contact')
    .replace(/\bvex\b/g, 'annoyed')
    .replace(/\bhar\b(?=\s+[a-z])/g, 'her')
    .replace(/\bsen\b(?=\s+(?:har|her|him|dem|them|di|the|it|me|mi)\b)/g, 'send')
    .replace(/\bnuff\b/g, 'a lot of')
    .replace(/\b(di|the|a|of|whole|one|nuff|every|no|some|any) ting\b/g, '$1 thing')
    // Sri Lankan and Indian English: `add one Mr. Kasun …` (a certain), and `aney`/`aiyo` before a request.
    .replace(/\b(add|meet|met|called|call|visit(?:ed)?|saw|see)\s+one\s+(?=(?:Mr|Mrs|Ms|Dr|Miss|Prof)\.?\s|[A-Z][a-z]+\s+[A-Z])/g, '$1 ')
    .replace(/^(?:aney|ane|aiyo+|ayyo+|aiyah|alamak)[,!.]*\s+/i, '')
    // Cajun and Louisiana: `cher` (dear) said to the reader.
    .replace(/\s+cher\b(?=\s*(?:[:,.!?]|$))/gi, '')
    // `…, kindly note it`, `please update`: the ask to write down what was said is no part of it.
    .replace(/(?<=\S)[,.;]?\s*(?:kindly|please|pls|plz)\s+(?:note|update|record|save)(?:\s+(?:it|that|this|the same|accordingly))?\s*[.!]*$/i, '')
    // `date of birth`, `D.O.B.`: the birthday.
    .replace(/\bdate of birth\b|\bd\.o\.b\.?(?=\s|$)/gi, 'birthday')
    // `f/u w bill`, `met w raj`: w for with, before a name.
    .replace(/\b(f\/u|fu|follow(?:-| )?up|call|meet|met|spoke|speak|talk(?:ed)?|chat(?:ted)?|sync(?:ed)?|lunch|coffee|catch up|caught up|check in|touch base)\s+w\s+(?=[a-z])/gi, '$1 with ')
    // `Excuse me, I made a mistake…`: an apology, no name (said as sorry).
    .replace(/^\s*(?:(?:good (?:morning|afternoon|day)|hi|hello)[,.!\s]+)?(?:excuse me|pardon me)\b[,.!\s]*/i, 'sorry, ')
    // Dutch English: `make a reminder to`.
    .replace(/\b(?:make|set|create|add|put in|give) (?:me )?(?:a )?reminder (?:to|for)\b/gi, 'remind me to')
    // `Monday morning, say by 10`: a time said after a day, by which it is due.
    .replace(/\b((?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tmrw|morning|afternoon|evening)(\s*,?\s*(?:say\s+)?)by\s+(?=(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s*(?:am|pm)?(?![\d.,:%])(?!\s*(?:k|m|weeks?|days?|hours?|hrs?|mins?)\b))/gi, '$1$2at ')
    // `tomorrow around 2`, `monday, say about 10am`: a time said roughly is that time.
    .replace(/\s*,?\s*\b(?:say|like|maybe|probably|perhaps)\s+(?=(?:around|about|at|roughly)\s+(?:1[0-2]|0?[1-9])(?!\d))/gi, ' ')
    .replace(/\b(?:around|about|roughly|approximately|approx\.?)\s+(?=(?:1[0-2]|0?[1-9])(?::[0-5]\d)?(?:\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock|ish))?\b(?![\d.,:%])(?!\s*(?:k|m|bn|weeks?|wks?|days?|hours?|hrs?|mins?|minutes?|months?|years?|people|units|boxes|calls|visits|times|of)\b))/gi, 'at ')
    .replace(/\b(at (?:1[0-2]|0?[1-9])(?::[0-5]\d)?(?:\s*(?:am|pm))?)\s*-?ish\b/gi, '$1')
    // `stick bill at initech in as a new contact`, `pop her in as a contact`: add them as one.
    .replace(/^(.*?)\b(?:stick|pop|put|bung|chuck)\s+(.+?)\s+(?:in|down)\s+as\s+(?:a\s+)?(?:new\s+)?contact\b/i, '$1add new contact $2')
    // `remember me to send…` (a calque): remind me to.
    .replace(/\bremember me (?=to\b)/gi, 'remind me ')
    // Yorkshire: `will tha` (will you), `it int urgent` (isn't), `while monday` (until), o' (of), hisself (himself).
    .replace(/[,\s]*\bwill tha\b/gi, '')
    .replace(/\bint\b(?=\s+(?:urgent|important|a priority|that|right|there|needed|ready|done|happening|going))/gi, "isn't")
    .replace(/\bwhile (?=(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|tomorrow\b|next\b|the \d)/gi, 'until ')
    .replace(/(?<=\s)o'(?=\s)/g, 'of')
    .replace(/\bhisself\b/gi, 'himself').replace(/\btheirselves\b/gi, 'themselves')
    // `Bill's got himself a new mobile, 07700…`: his new mobile is.
    .replace(/(?:'s| has) got (?:himself|herself|themselves|a) (?:a )?new (mobile|phone|number|cell|email|e-mail)\b[,:\s]*/gi, "'s new $1 is ")
    // Scouse `la` (lad) said to whoever reads: `add a new contact la, mr kevin doyle…`.
    .replace(/(?<=[a-z]) (?:la|lar|lad|kidda)(?=\s*[,.!?]|\s*$)/g, '')
    // `we did a meeting with…` (a calque): had one.
    .replace(/\b(?:did|done) (a|an|the|our|one) (meeting|call|visit|demo|catch-?up|zoom|video call|teams call|phone call)\b/gi, 'had $1 $2')
    // `on day 2` (a calque): the 2nd of the month.
    .replace(/\b(?:on )?the day (\d{1,2})\b(?!\s*(?:of|and|or|to|[-–]|days?|weeks?|hours?))/gi, 'on day $1')
    // `the 15 of January`, `the 3 of december` (French, Spanish, Kreol order): January 15.
    .replace(/\bthe (\d{1,2})(?:st|nd|rd|th)? of (jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/gi, '$2 $1')
    .replace(/\bon day (\d{1,2})\b(?!\s*(?:of|and|or|to|[-–]))/gi, (_m, d: string) => `on the ${d}${/1\d$/.test(d) ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<string, string>)[d.slice(-1)] ?? 'th'}`)
    // `has been made up to Head of Engineering`: promoted (British).
    .replace(/\b(been|was|got|get|gets|being|is) made up to\b/gi, '$1 made')
    // `Please make a reminder: tomorrow I must send…`, `set a reminder - call maria`: what follows is the reminder.
    .replace(/\b(?:make|set|create|add|put in) (?:me )?(?:a )?reminder\s*[:：–—-]\s*/gi, 'remind me to ')
    // Scots: fae (from), tae (to), ye (you), -nae (n't: cannae, doesnae, didnae), and och, eh.
    .replace(/\bfae\b/gi, 'from')
    .replace(/\btae\b/gi, 'to')
    // the morra (tomorrow), the day (today, before a time or an end), nae (no).
    .replace(/\bthe morra\b/gi, 'tomorrow')
    // `the 5 of September`, `14 of August`: the day before its month.
    .replace(/\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+of\s+(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/gi, '$2 $1')
    .replace(/\bnaw\b/gi, 'no')
    // `he's no the one that signs aff noo`: no (not) before the, aff (off), noo (now).
    .replace(/\b((?:he|she|it|they|that|this|bill|who)(?:'s| is| are|'re))\s+no\s+(?=the\b|a\b|an\b|going\b|gonna\b)/gi, '$1 not ')
    .replace(/\baff\b/gi, 'off')
    .replace(/(?<=\w)\s+noo\b(?=\s*[.!]*\s*$)/gi, ' now')
    .replace(/\bwis\b/gi, 'was')
    .replace(/\bmair\b/gi, 'more')
    // Australian `brekkie` (breakfast); `new contact - Jarrah…` (a dash after the ask).
    .replace(/\bbrekk(?:ie|y)s?\b/gi, 'breakfast')
    .replace(/^((?:new|add(?:\s+a)?(?:\s+new)?)\s+contact)\s*[-–—]+\s*/i, '$1 ')
    // `don't send greetings anymore to Hans`, `don't send Hans greetings anymore`: stop sending them.
    .replace(/\b(?:please\s+|kindly\s+)?(?:don'?t|do not|dont|no need to)\s+send\s+(?:any\s+(?:more\s+)?)?((?:(?:birthday|holiday|xmas|christmas|festive|satisfaction)\s+)?(?:greetings|wishes|cards|surveys|messages))\s+(?:anymore\s+|any more\s+)?to\s+/gi, 'stop sending $1 to ')
    .replace(/\b(?:please\s+|kindly\s+)?(?:don'?t|do not|dont)\s+send\s+(\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?)\s+((?:(?:birthday|holiday|xmas|christmas)\s+)?(?:greetings|wishes|cards|surveys))\s+(?:anymore|any more)\b/gu, 'stop sending $2 to $1')
    // French `rdv`/`rendez-vous`, `réunion` said in English: a meeting.
    .replace(/\b(?:had|have|got)\s+(?:an?\s+)?(?:rdv|rendez-vous|r[ée]union)\b/gi, (m) => `${m.split(/\s+/)[0]} a meeting`).replace(/\b(?:rdv|rendez-vous|r[ée]union)\b/gi, 'meeting')
    // Northern Irish: `wee Ciaran Doherty` (wee before a name), the tag `…, so it is` / `so he is` that repeats the
    // sentence, and `stick a new contact in` (add one).
    .replace(/\bwee\s+(?=\p{Lu}\p{Ll}+\s+\p{Lu})/gu, '')
    .replace(/[,\s]+so (?:he|she|it|they|i|we|you) (?:is|are|was|were|does|did|will|am|has|have)\b(?=\s*(?:[,.!;]|$))/gi, '')
    .replace(/\b(?:stick|pop|put|bung)\s+(?:a\s+)?new\s+contact\s+in(?:\s+for\s+(?:us|me))?\b[,:]?/gi, 'add new contact')
    // `a wee call aboot…`, `go ower the budget`: wee (small) says nothing of what was done; ower (over).
    .replace(/\b(a|the|my|our|quick)\s+wee\s+(?=[a-z])/gi, '$1 ').replace(/\bower\b/gi, 'over')
    .replace(/\bwhit\b/gi, 'what')
    .replace(/\bdae\b/gi, 'do')
    .replace(/\bin a fortnight\b/gi, 'in 2 weeks')
    .replace(/\ba fortnight\b/gi, '2 weeks')
    .replace(/\bnae\b(?=\s+(?:rush|hurry|bother|worries|more|need|problem)\b)/gi, 'no')
    .replace(/\bye\b(?=\s+(?:shift|move|push|send|mark|log|add|put|set|bump|give|remind|tell|check|do|update|change|stop|drop|make|pull|note))/gi, 'you')
    .replace(/\b(can|does|did|was|is|would|could|should|wo|do|has|have|had)nae\b/gi, (_m, v: string) => `${v.toLowerCase() === 'can' ? 'ca' : v}n't`)
    .replace(/^(?:och|ach|aye)[,!]?\s+/i, '')
    .replace(/[,\s]+aye\s*(?=[.!]*$)/i, '')
    .replace(/\bwi\b'?(?=\s+[A-Za-z])/gi, 'with')
    // Yorkshire: t' (the, glued to its word: `re t'expansion`), dun't / din't (doesn't, didn't).
    .replace(/(?<![A-Za-z])t'(?=[a-z])/gi, 'the ')
    .replace(/\bdun'?t\b/gi, "doesn't")
    .replace(/\bdin'?t\b/gi, "didn't")
    .replace(/[,\s]+eh\s*(?=[?.!]*$)|[,\s]+eh(?=\s*[,.;])/gi, '')
    // `another day on the deck task`: one more day.
    .replace(/\banother (day|week|hour)\b/gi, 'another 1 $1')
    // …and after Chinese, before any stop (`拿宣传册去给刘医生 ya`, `push 去礼拜五 lah？`).
    .replace(/(?<=\p{Script=Han})\s*\b(?:lah|leh|lor|hor|meh|liao|ya|yah|la|ah|ok|okay)\b(?=\s*(?:[,.!?;，。！？；~～]|$))/giu, '')
    // Singapore and Malaysia: the sentence particles (`already call him liao`, `push it back lah`).
    .replace(/\s+(?:liao|lah|leh|lor|meh|hor|ah)(?=\s*(?:[,.!?;]|$))/gi, '')
    // `Can you make a reminder to…?`: a request asked politely, not a question.
    .replace(/^((?:can|could|would|will) you (?:please |pls |kindly )?(?:make|set|add|create|log|remind|record|send|mark|move|push|update|change|put|note|schedule|book|jot)\b.*?)\s*\?+\s*$/i, '$1')
    // `Hi Rapport, …`: the bot addressed by name is no account.
    .replace(/^(?:hi|hello|hey|dear)\s+rapport\b[,!.]?\s*/i, '')
    // `quit sendin her them surveys`, `fixin to call`: the g dropped.
    .replace(/\b(send|call|email|text|fix|com|go|do|talk|meet|visit|ask|complain|wait|look|think|check|follow|push|chase|plan|bitch|moan|kick)in'?(?=\s|$)/gi, '$1ing')
    // `15w`, `1.2w`, `50W`: 万 as chat writes it, in a Chinese message.
    .replace(/(\d+(?:\.\d+)?)\s?[wW](?![A-Za-z])/g, (m, n: string, _i: number, all: string) => (/\p{Script=Han}/u.test(all) ? `${n}万` : m))
    // Sichuan and north-eastern words for the ones the lexicons know: 莫得 (没有), 莫发 (别发),
    // 啥子 (什么), 咋整 (怎么办), 嘎哈 (干啥), 昨儿个 (昨天), 贼忙 (很忙).
    .replace(/莫得/g, '没有')
    .replace(/莫(?=[发打管搞弄催问找去来再急慌说要给忘])/g, '别')
    .replace(/啥子/g, '什么')
    // 搞成周五 (改成周五).
    .replace(/搞成(?=[周星礼下这明后今上\d一二三四五六七八九十])/g, '改成')
    .replace(/咋整/g, '怎么办')
    .replace(/嘎哈/g, '干啥')
    // Beijing: 赶明儿 (明天), 那边儿 (那边), 甭 (别), and the courtesies before a request (您受累, 得嘞, 劳驾).
    .replace(/赶明儿/g, '明天')
    // Shanxi 夜来 and Cantonese 琴日/寻日 (昨天), 听日 (明天), 啱啱 (刚刚), 搞掂 (搞定), 记低 (记下);
    // 一哈 (一下, Guizhou and Sichuan).
    .replace(/夜来(?!香)|琴日|寻日/g, '昨天')
    .replace(/听日/g, '明天')
    .replace(/啱啱/g, '刚刚')
    .replace(/搞掂/g, '搞定')
    .replace(/记低/g, '记下')
    // More Cantonese: 咗 (了), 嗰 (那), 唔系/唔好/唔使 (不是/不要/不用), 佢 (他), 嘅 (的), 喺 (在), 睇 (看), 揾 (找), 畀 (给), 啲 (些);
    // and the Sichuan and Chongqing particle 噻 (加个联系人噻).
    .replace(/唔该(?:晒)?/g, '麻烦')
    .replace(/唔(?=急|着急|紧要|要紧)/g, '不')
    .replace(/(?<![香海口])港(?=了|上批|过|一下)/g, '讲')
    // Formal written Chinese for the words the lexicons know: 烦请/劳烦/恳请/敬请 (请), 致电 (打电话给), 来电 (来了电话),
    // 曾 (已经), 赴 (去), 言明/表示 (说), 不必再 (别再), 往后 (以后), 一事 (的事), 高升 (升职了), 现任 (现在是), 商议 (商量),
    // 调 before the place someone moved to (调到), 标 before a priority (标成).
    .replace(/烦请|劳烦|恳请|敬请|有劳/g, '请')
    // 整利索了, 弄利索了, 整完了 (Northeastern: done, as 搞定了).
    .replace(/(?:整|弄|搞)(?:利索|利落|妥|明白)了|整完了/g, '搞定了')
    // Voice input's fillers: 那个… opening the message, 然后(就是) between clauses, 就是 after the
    // request (加一个联系人就是…); and 在 typed for 再 before what is to be done again (下周二想在看一下).
    .replace(/^(?:那个|嗯|呃|额)+[，,\s]*(?=今天|昨天|明天|刚|帮|我|给|跟|和|去|上午|下午|晚上|前天|上周|这周|下周|本周|周[一二三四五六日天]|礼拜|星期)/u, '')
    .replace(/(?<=\p{Script=Han})\s*然后(?:就是|呢)?\s*(?=\p{Script=Han})/gu, ',')
    .replace(/(?<=联系人|加一下|加一个|加个)就是(?=\p{Script=Han})/gu, '')
    .replace(/(?<=想|要|得|会|准备|打算|[一二三四五六日天号])在(?=看|送|去|来|约|联系|拜访|谈|发|打|聊|跟进|问|给)/gu, '再')
    // 张主任/协和/电话/下周三再约: fields written with slashes, as with commas; 联系人喔，: a particle ends nothing.
    .replace(/(?<=\p{Script=Han})\s*[/／]\s*(?=\p{Script=Han})/gu, ',')
    .replace(/(?<=\p{Script=Han})(?:喔|咯|(?<![干啥么做])嘛)(?=[，,。！!？?；;\s]|$)/gu, '')
    // 李zr, 王jl (pinyin initials typed for a title after a surname): 主任, 经理, 医生, 院长, 科长.
    .replace(/(?<=\p{Script=Han})(zr|jl|ys|yz|kz)(?![a-z])/giu, (m) => ({ zr: '主任', jl: '经理', ys: '医生', yz: '院长', kz: '科长' })[m.toLowerCase()] ?? m)
    // A report in the army's style: 报告：… 完毕 (the frame is no part of it); 次日 (the next day: tomorrow,
    // said today), 即刻/立即 (now), 提前至/推迟至/延至 (…到), 下午3时 (3点), 本人 (我), …一项 (that item).
    .replace(/^(?:报告|汇报|报告领导)\s*[:：,，]\s*/u, '').replace(/[,，;；。.\s]*(?:报告)?完毕[。.!！]*$/u, '')
    .replace(/次日/g, '明天').replace(/(?:即刻|立即|立刻|马上)(?=标|改|设|调|置|列)/g, '')
    .replace(/(提前|推迟|延后|顺延|延|改|挪)至/g, '$1到')
    .replace(/(?<=[上下]午|晚上|早上|中午|[0-9一二三四五六七八九十]点?)(\d{1,2}|[一二三四五六七八九十]{1,3})时(?![间候段])/gu, '$1点').replace(/(?<![\d小])(\d{1,2})时(?![间候段许])/g, '$1点')
    .replace(/(?<=请?提醒|与|和|由)本人/g, '我').replace(/^本人(?=已|今|昨|于|拜访|致电|与)/u, '我')
    .replace(/(?<=\p{Script=Han}{2})一项(?=[,，\s]|$)/gu, '那个任务')
    // 已于 (已经, on a day), 拟于 (准备, on a day), 昨日/今日/明日/前日 (昨天…), 届时 (到时候).
    .replace(/已于/g, '已经').replace(/(?<![早而业])已(?=电话|微信|邮件|短信|当面|上门|赴|去|前往|走访|拜访|与|和|跟|同|给|送|寄|发|约|见|升|调任|调到|调去|晋升|提拔|离职|退休|转岗|换岗|辞职)/g, '已经')
    // 升任副院长 (升为): 任 there is of the verb, no surname.
    .replace(/(升|晋升|出|担|兼|继|接|转|调)任(?=副|常务|主任|院长|科长|处长|部长|经理|总监|主管|主席|董事|总经理|书记|局长|组长|店长|CEO|CFO|CTO|VP)/g, '$1为').replace(/(?<=^|[\s，,。；;])拟(?:于|在)?(?=\S)/g, '准备')
    .replace(/(?<![节假平])(?:昨|今|明|前)日(?![报子本常])/g, (m) => `${m[0]}天`)
    .replace(/届时/g, '到时候')
    .replace(/曾经?(?=致电|拜访|去|到|与|和|跟|同|给|发|见|约|联系|沟通|电话)/g, '已经')
    .replace(/致电/g, '打电话给')
    .replace(/(?<=\p{Script=Han})来电(?=[，,。\s]|询问|问|说|称|表示|反映|告知|咨询|$)/gu, '来了电话')
    .replace(/(?<=^|[\s，,。])赴(?=\p{Script=Han})/gu, '去')
    .replace(/(?<=\p{Script=Han})赴(?=\p{Script=Han}{2,12}?(?:医院|公司|集团|药房|中心|诊所|大学|拜访))/gu, '去')
    .replace(/言明|表示(?=[，,]?\s*(?:以后|往后|今后|不|别|不要|不必|不用))/g, '说')
    .replace(/不必再/g, '别再')
    .replace(/[，,]\s*(?:大名|全名|本名|名字)(?:叫|是)?/g, ',叫')
    .replace(/(?<![增])添(?=[一个位]*(?:联系人|客户|商机))/g, '加')
    .replace(/应(?:是|为)(?=\p{Script=Han})/gu, '应该是')
    .replace(/往后(?!圪?[推挪延拖放顺调])|今后/g, '以后')
    .replace(/(?<=\p{Script=Han})一事/gu, '的事')
    .replace(/高升(?:了)?/g, '升职了')
    .replace(/现任/g, '现在是')
    .replace(/商议|商谈/g, '商量')
    .replace(/调(?![到往去入查整研度用换])(?=[^\s，,。]{2,12}?(?:医院|公司|集团|中心|药房|诊所|卫生院)(?:了|啦|去了|$|[\s，,。]))/gu, '调到')
    .replace(/(?<=\p{Script=Han}|\s)标(?=紧急|重要|加急|不急|普通)/gu, '标成')
    // 是他们药剂科的副主任: their department is the department.
    .replace(/(?<=是)(?:他们|她们|人家|咱们|我们)(?=\p{Script=Han}{1,6}[科部处室组])/gu, '')
    // 仁和大药房采购员高淑芬: a job written right before the name is no part of it.
    .replace(JOB_BEFORE_NAME_RE, ' ')
    // 市一院新来了个采购 叫钱丽: where they work, then what they are (新来的采购).
    .replace(/(?<=\p{Script=Han}{2}[院司房所厂店局行])(?:新来|刚来|新调来|新招)了?(?:个|一个|一位|位)(?=\p{Script=Han})/gu, ',新来的')
    // Hakka and Cantonese: 天光日 (明天), 朝晨/朝早 (早上), 食饭 (吃饭), 饮茶 (喝茶); 系 before a role or a title (是).
    .replace(/天光日/g, '明天')
    // Hakka 今晡日 (今天), 昨晡日 (昨天), 𠊎/厓 (我); Cantonese 改返/调返 (改回), 冇使/唔使 (不用), 就係佢 (就是他).
    .replace(/今晡(?:日)?/g, '今天').replace(/昨晡(?:日)?/g, '昨天').replace(/𠊎/gu, '我')
    .replace(/(改|调|设|弄|转)返(?=普通|正常|一般|原来|成|做)/g, '$1回')
    .replace(/(?:冇|唔)使(?=新建|新增|建|加|再|改|理)/g, '不用').replace(/就係(?=佢|他|她|呢个|嗰个|这个|那个)/g, '就是')
    .replace(/朝晨|朝早/g, '早上')
    .replace(/食(?=饭|咗饭|了饭|个饭|餐|早餐|午饭|晏|晚饭|宵夜)/g, '吃')
    .replace(/饮茶/g, '喝茶')
    .replace(/(?<=\p{Script=Han})系(?=决策|影响|把关|拍板|支持|使用|关键|我们的|副|正职|总监|主任|经理|院长|科长|处长|采购)/gu, '是')
    // More Cantonese: 提我 (提醒我), 俾 (给), 倾 (聊), 嘢 (事), 嚟 (来; a particle before 㗎/嘅), 而家 (现在),
    // 月尾 (月底), 加多个 (再加一个), 建过个 (重新建一个).
    .replace(/(?<=^|[天五一二三四六日号点，,\s])提我(?=\p{Script=Han})/gu, '提醒我')
    .replace(/俾(?!斯)(?=\p{Script=Han})/gu, '给')
    .replace(/倾(?:咗|了)?(?:个|一个|通)?电话/g, '打了个电话')
    .replace(/头先(?=\p{Script=Han})/gu, '刚才')
    // 刚才同王医生…: 同 (with) after a time word, not the start of a name (同仁医院, 同济).
    .replace(/(?<=刚才|刚刚|今天|昨天|前天|上午|下午|早上|晚上|中午|(?:周|星期|礼拜)[一二三四五六日天])同(?!仁|济|德|心|学|事|意|时|样|一)(?=\p{Script=Han})/gu, '跟')
    .replace(/(?:倾|聊|谈|讲|唠)(?:咗|了)?几句/g, '聊了一下')
    .replace(/倾(?=下|一下|咗|了|个|偈|计|过)/g, '聊')
    .replace(/嘢/g, '事')
    .replace(/嚟(?:嘅|㗎|喎)*(?=[，,。.!！\s]|$)/g, '').replace(/嚟(?=㗎|嘅)/g, '').replace(/嚟/g, '来')
    .replace(/而家/g, '现在')
    .replace(/月尾/g, '月底')
    .replace(/加多(?=一?[个位])/g, '再加')
    .replace(/(?:建|加)过个/g, '重新建一个')
    .replace(/咗/g, '了')
    .replace(/嗰/g, '那').replace(/食(?=咗|了|过|饭|餐|早|午|晚|个饭)/g, '吃')
    .replace(/唔[系是]/g, '不是')
    .replace(/唔好/g, '不要')
    .replace(/伊爱(?=\p{Script=Han})/gu, '她要')
    // Wu (Taizhou, Shanghai, Ningbo, Wuxi): 弗 (不), 渠 (他), 拨 (给, before 伊 or a name and what is brought), 覅 (不要), 侪 (都), 今朝/明朝 (今天/明天), 事体 (事情), 搭 (跟), 啥人 (谁),
    // 个 for 的 (样品个事体, 王主任个那只任务, 上门拜访个), 只 for 个 after 那/这, 嘞 a particle; Hebei 白 (别).
    .replace(/弗(?=对|是|要|急|用|好|会|晓得|来|去|发|想|着急|能|可以|大|太|需要|必)/g, '不')
    .replace(/(?<![水沟河管])渠(?!道)/g, '他')
    .replace(/拨(?!打|号|款|付|通|冗|弄)(?=[我他她你]|[\u4e00-\u9fff]{1,3}(?:医生|主任|经理|老师|总|科长|院长))/gu, '给').replace(WU_BO_RE, '给').replace(/覅/g, '不要').replace(/(?<=\p{Script=Han})侪(?=不|没|要|是|发|已经|好|可以)/gu, '都')
    .replace(/今朝/g, '今天').replace(/明朝(?!\p{Script=Han}{0,2}(?:皇帝|时期|年间|历史))/gu, '明天').replace(/昨朝/g, '昨天')
    .replace(/事体/g, '事情')
    // 赵敏不是把关的 是影响者: the role taken back says none; the one said after is the role.
    .replace(/不(?:再)?是(?:那个)?(?:把关|拍板|决策|影响|内线)(?:的|者|人)?(?:了)?[,，\s]*(?=(?:她|他)?(?:是|其实是|而是|现在是|算是))/gu, '')
    // 王芳 的 逾期 任务, 满意度调查 再 不要 发 说了: a one-character word typed apart is joined to its neighbours.
    .replace(/(?<=\p{Script=Han})[ \t]+([的了是再不别发要和跟给在也都就还说把被向对让])[ \t]+(?=\p{Script=Han})/gu, '$1').replace(/(?<=\p{Script=Han})[ \t]+([的了是再不别发要和跟给在也都就还说把被向对让])[ \t]+(?=\p{Script=Han})/gu, '$1')
    .replace(/[,，\s]+请[.。!！]*$/u, '')
    // 华山医院 胰岛素泵试点 商机 新建: the command said last.
    .replace(/^(?!把)([^,，。.!！?？]{2,40}?)[ \t]*联系人[ \t]*(?:添加|新增|新建|加上?|建)(?:一下|个)?(?:[ \t]*请)?(?=[,，。.!！\s]|$)/u, '添加联系人 $1')
    .replace(/^(.{2,30}?)[ \t]+商机[ \t]*(?:新建|新增|创建)[.。!！]*$/u, '新建商机 $1')
    // Typed on a pinyin keyboard: 问券 (问卷), 连系人 (联系人), 在发 handled above.
    .replace(/问券/g, '问卷').replace(/连系人/g, '联系人')
    // Northern 岔 (wrong): 记岔了, 整岔了, 弄岔了.
    // Typed on a nine-key pinyin pad: 电化 (电话); Hunan 咯 after a verb (了), 过生 (生日).
    .replace(/(?<=[打通来去回个的了]|^)电化/gu, '电话').replace(/(?<=[打发见送聊讲谈去来约开过])咯(?=\p{Script=Han})/gu, '了')
    .replace(/过生日?(?=是|在|为|[:：]|\s*\d|\s*[一二三四五六七八九十]+月)/gu, '生日')
    // 你给我标成紧急 (the ask to me is no part of it); 标低一点 (标成低); FU (跟进); 副主任来的 (Hainan: is a 副主任).
    .replace(/(?:你|您)?给(?:我|俺)(?=标|改|设|调)/gu, '').replace(/标(?:得)?(低|高)一?点/g, '标成$1')
    .replace(/(?<=\p{Script=Han})\s*F\/?U(?![A-Za-z])\s*|^F\/?U\s*(?=\p{Script=Han})/gu, '跟进')
    .replace(/(?<=\p{Script=Han}{2}(?:主任|经理|医生|主管|科长|院长|老师|总监|护士长|药师|助理))来的(?=[,，。.!！\s]|$)/gu, '')
    // Jin 甚 (什么) before what is meant, 圪 before a verb or a word of time (圪挪, 圪节: a filler).
    .replace(/甚(?=问卷|调查|祝福|问候|东西|时候|事|也|都)/g, '什么').replace(/圪(?=\p{Script=Han})/gu, '')
    // 联络人 (联系人); Central Plains 搁 before a place (在).
    .replace(/联络人/g, '联系人').replace(/搁(?=\p{Script=Han}{2,8}?(?:医院|药房|公司|诊所|那边|那儿|这边|科))/gu, '在')
    // `add loveday hocking, ops manager at …`: two words before a comma after `add`, then a title at a place, are a person.
    .replace(/^add\s+(?=[a-z][a-z'-]+\s+[a-z][a-z'-]+\s*,\s*[^,]{2,40}?\s+at\s+\S)/i, 'add contact ')
    // 提我 (提醒我), 昨个 (昨天); `周五 10am` in a Chinese message (上午10点); `开个新 deal` (新建商机), `close` after a day (成交).
    .replace(/^提我(?=\p{Script=Han}|\s)/u, '提醒我').replace(/昨个(?![人子])/g, '昨天').replace(/明个(?=[早上下后晚白中晌头]|[跟和去见打给在来要再,，\s]|$)/g, '明天')
    .replace(/(?<=\p{Script=Han}\s{0,2})(?<![\d:])(\d{1,2})(?::(\d\d))?\s*(am|pm)\b/giu, (_m, h: string, mm: string | undefined, ap: string) => `${/am/i.test(ap) ? '上午' : '下午'}${h}点${mm ? `${mm}分` : ''}`)
    .replace(/(?:开|建|加|新建|新开)(?:一)?(?:个?新的?|个)\s*(?:deal|opp|opportunity)\s*[:：]?/giu, '新建商机 ').replace(/(?<=[号日月底末])\s*close\b/giu, '成交')
    // 记一记 (记一下); Jin 夜来 (昨天), 见着 (见到).
    .replace(/记一记/g, '记一下').replace(/(?<![前今明])夜来(?=\p{Script=Han}|[,，\s])/gu, '昨天').replace(/见着(?=了|\p{Script=Han})/gu, '见到')
    .replace(/(?<=[记整弄搞写说听看])岔(?=了|啦)/g, '错')
    // Northern: 明个/今个/夜个 (明天/今天/昨天), 后晌/前晌/头午 (下午/上午), 俺 (我).
    .replace(/(?<![说表声证查阐指透简注标分])明个(?=[早上下后晚白中晌头给跟和同去来到把找帮带送打约见再记提过要请让就一务]|[,，\s]|$)/g, '明天').replace(/(?<![如])今个(?=[早上下后晚白中晌头给跟和同去来到把找帮带送打约见再记提过要请让就一务]|[,，\s]|$)/g, '今天').replace(/(?<![之以然最落往向背身])后个(?=[早上下晚白中晌头给跟和同去来到把找帮带送打约见再记提过要请让就]|[,，\s]|$)/g, '后天').replace(/后晌/g, '下午').replace(/前晌|头午/g, '上午')
    .replace(/(?<=麻烦|请|让)恁(?=\p{Script=Han})|恁(?=帮我|提醒|给我|给俺|帮俺)/gu, '你')
    .replace(/俺们/g, '我们').replace(/俺(?!\p{Script=Han}{0,1}(?:答|达))/gu, '我')
    // 跟你讲一哈嘛，…: what opens the telling is no part of it.
    .replace(/^(?:跟你(?:讲|说)一?(?:下|哈)|告诉你(?:个事儿?)?|和你说一?下|给你说一?(?:下|哈))(?:嘛|哈|哦|啊|噻|哈)?[,，\s]+/u, '')
    // Sentence-final particles after a name (`是协和的王主任嘛`): no part of it.
    .replace(/(?<=\p{Script=Han}{2})(?:噻|嘛)(?=[,，.。!！?？\s]|$)/gu, '')
    .replace(/(?:这个月|本月|这月)(?=\d{1,2}[号日]|[一二三四五六七八九十]{1,3}[号日])/g, '')
    .replace(/啥人/g, '谁')
    .replace(/(?<=[今天上下午日五六一二三四\s,，我]|^)搭(?=[^。.]{1,20}?(?:开|聊|谈|讲|吃|见|碰|打|通|约|对|确认|商量))/gu, '跟')
    // Wu 个 for 的 between a matter and what of it (科室会个时间, 报价个事体); 捎过去 (送过去).
    .replace(/(?<=\p{Script=Han}{2}[会单价案料品])个(?=时间|事|日子|价钱|价格|数量|安排|进度|结果|情况)/gu, '的')
    .replace(/捎(?=过去|过来|给|去|来|上|回)/g, '送')
    .replace(/(?<=[那这哪一])只(?=任务|事|单|提醒)/g, '个')
    .replace(/(?<=\p{Script=Han})(?<![一二两三四五六七八九十几这那哪每某半整各个真儿夜今明昨])个(?=事|那|这|任务|提醒|单子|$|[，,。.!！]|\s(?!\s*[A-Za-z]))/gu, '的')
    .replace(/嘞(?=[，,。.!！?？\s]|$)/g, '了').replace(/了了/g, '了')
    .replace(/(?<=^|[，,\s])白(?=给|发|打|找|再|让|跟|去)/gu, '别')
    .replace(/(?<=^|[,，\s。.])伊(?=讲|说|要|想|讲|话|还|也|是|在|不|没|已经|刚)/gu, '她')
    // 后日 (Cantonese, Hakka, Wu): the day after tomorrow; 按普通的来: leave it as normal; 管采购的: the one in charge of purchasing.
    .replace(/(?<![今以之往日前最])后日(?![子后])/g, '后天')
    .replace(/按(普通|一般|正常)的?(?:来|办|算|处理)/g, '改回$1')
    .replace(/(?<![不])管(采购|设备|药剂|财务|信息|库房|仓库|招标|后勤|药房|耗材|进货|账)的(?!事|活|时候)/g, '$1负责人').replace(JOB_BEFORE_NAME_RE, ' ')
    .replace(/(?<![不])(?:做|干|搞)(采购|销售|财务|行政|设备|药剂|库房|仓库|招标|后勤|进货)(?:个|的)(?=[,，。.!！\s]|$)/g, '$1负责人')
    .replace(/唔(?=要|想|会|用|准|收|发|该|需要|记得)/g, '不')
    .replace(/唔使|唔洗/g, '不用')
    .replace(/佢哋/g, '他们')
    .replace(/佢/g, '他')
    // (Southwestern and Guangxi 伢 said of a person: `对就是伢`, `伢在协和`; 伢们 and 伢子 are children and stay.)
    .replace(/(?<![小细])伢(?=在|是|说|讲|要|想|能|会|也|就|不|没|还|那边|讲的|的(?!子))|(?<=是|就是|跟|和|给|找|问|帮|同)伢(?=$|[\s,，。.!！]|(?!们|子)\p{Script=Han})/gu, '他')
    .replace(/嘅/g, '的')
    .replace(/喺/g, '在')
    .replace(/睇(?:下|吓)(?!周|个?星期|个?礼拜|个?月)/g, '看一下').replace(/睇/g, '看')
    // 倾备货 (Cantonese 倾, talk over) before what was talked over.
    .replace(/(?<=[\s,，]|^)倾(?=\p{Script=Han}{2})/gu, '聊')
    .replace(/[揾搵]/g, '找')
    .replace(/畀/g, '给')
    .replace(/(?<=了)啲(?=\p{Script=Han})/gu, '').replace(/啲/g, '些')
    // 頭先/头先/啱先/啱啱先 (just now), 唔啱 (wrong), 佢话 (he says), …先得 (only then will do).
    .replace(/(?<![礼朝参叩跪])拜(?:咗|了)(?![年托拜])/g, '拜访了')
    // 吴芳采购主管拍板的就是她: what is said of her role starts a clause of its own.
    .replace(/(?<=\p{Script=Han}{2}(?:主管|经理|主任|总监|科长|处长|部长|院长|医生|老师|专员|负责人))(?=(?:拍板|说了算|做主|管事|签字)的)/gu, '，')
    // 给整进去, 弄进去 (northern: add it in); 调做唔急 (Cantonese 做 for 成: set it to).
    .replace(/(?:给|帮我|帮忙)?(?:整|弄|搞|放|录|添)进去(?=[吧呗哈啊了]*[。.!！]*$)/u, '加进去')
    .replace(/(调|改|设|标|转)做(?=不?急|紧急|普通|一般|正常|低|高|重要)/g, '$1成')
    // 多晚都照, 啥时候都行 (any time will do): no time said.
    .replace(/[,，\s]*(?:多晚|啥时候|什么时候|几点|多会儿?|哪天)(?:都|也)(?:照|行|可以|成|中|得|冇所谓|无所谓|没关系)(?:的|了|嘞|啦)?(?=[,，。.!！\s]|$)/gu, '')
    // 签掉了 (Jianghuai: signed).
    .replace(/签掉(?=了|嘞|啦)/g, '签')
    // 推后三日 (Cantonese and written: 日 for 天 in a postponement).
    .replace(/(?<=[推延拖挪缓后迟晚])\s*([一二两三四五六七八九十\d]+)\s*日(?![期子程])/gu, '$1天')
    // 今个月, 今个礼拜 (Cantonese and northern: this month, this week).
    .replace(/今个(?=月|礼拜|星期|周|季度|年)/g, '这个')
    // Wu 阿拉 (我, 我们; 阿拉善 and 阿拉伯 stay), 一记 (一下); `greetins` (greetings).
    .replace(/阿拉(?!善|伯|丁|斯加|木图)/g, '我').replace(/(?<=[\p{Script=Han}])一记(?=[,，。.!！\s]|$|\p{Script=Han})/gu, '一下')
    // Henan 嘞 between words (续约嘞事, 仁和嘞陈杰, 协和嘞续约): 的; `这人中 好说话` (a remark on them) at the end.
    .replace(/(?<=\p{Script=Han})(?<!好)嘞(?=\p{Script=Han})|(?<=[院司房店厂])嘞(?=\s+\p{Script=Han})/gu, '的')
    .replace(/[\s,，]+这(?:个)?人(?:[中挺很蛮贼怪]|不错|好说话|靠谱|实在)[^，,。]*$/u, '')
    // Wu 只 as a measure word before what is opened (新开只商机).
    .replace(/(?<=[开建加录新])只(?=商机|单子?|项目|客户|联系人|提醒)/gu, '个')
    // Gan (Pingxiang, Nanchang): 冇 (没; 冇要, 不要), 哩 after a verb or at a clause's end (了), 港 (讲, says: 港错, said wrongly).
    .replace(/冇(?=要|用|想|愿意|需要|必要|再)/g, '不').replace(/冇/g, '没')
    // Xiang and Southwest (Huaihua, Changsha): 恰 (吃) before a meal, 餐饭 (顿饭), 没得 before a verb (没有).
    .replace(/恰(?=(?:了|咯|过|个|一)?(?:顿|餐)?饭)/g, '吃').replace(/(?<=[吃喝见聊打去送开])咯(?=[顿餐个一次趟])/g, '了').replace(/(?<=吃(?:了|咯|过|个|一)?)餐(?=饭)/g, '顿').replace(/没得(?=打|去|来|见|拜访|上门|发|送|讲|说|聊)/g, '没')
    // Dictated with no stop at all (`…通了电话她说采购单下礼拜能批下来让我礼拜五再给她打个电话`): what she said
    // and what I am asked to do are clauses of their own.
    .replace(/^[^，,。；;！!？?]{16,}$/u, (whole) => whole
      .replace(/(?<=电话|微信|短信|视频|开会|见面|聊了|谈了|拜访了)(?=(?:她|他|对方|人家)(?:说|讲|表示|提到|反馈))/gu, ',')
      .replace(/(?<=\p{Script=Han}{4})(?<![跟和给对向与同帮找问请])(?=(?:让|叫)我(?:礼拜|星期|周|明天|后天|下周|下礼拜|过几天|再|回头))/gu, ','))
    // `拜访了李主任他讲下礼拜二要样品`: what they said, after the report, is a clause of its own.
    .replace(/(了[^,，。!！?？\s]{1,12}?)(?<![跟和给对向与同帮找问让叫])(?=(?:他|她|对方|人家)(?:讲|说|表示|提到|投诉|反映|抱怨|希望|要求|需要|想要))/gu, '$1,').replace(/(?<=[任理生总长师]|\p{Script=Han}{2})(?<!香)港(?=冇|没|不|别|莫|要|以后|下[次回周个礼星]|明|后天|过几)/gu, '说').replace(/(?<=[错完好过打见去来到发送记改了克])哩(?=[\s,，。!！]|$|\p{Script=Han})/gu, '了').replace(/港错/g, '说错')
    // Voice-typed and hurried slips: 连系人 (联系人), 影响着 said of a role (影响者).
    .replace(/连系人/g, '联系人').replace(/(?<=是|算|为|当)影响着(?=[不，,。\s]|$)/gu, '影响者')
    // Hakka and Gan (Longyan, Shaoyang): 几多 (多少), 么个 (什么), 手上个 (手上的).
    .replace(/几多(?!\p{Script=Han}{0,1}钱)/gu, '多少').replace(/么个(?=情况|事|东西|时候|意思)/g, '什么').replace(/(?<=手上|手里|名下)个(?=\p{Script=Han})/gu, '的')
    // 题醒, 提星 (提醒, voice-typed).
    .replace(/题醒|提星|提行(?=我|一下|一哈)/g, '提醒')
    // 瞅瞅, 瞧瞧 (看看); 王芳那漏斗 (王芳的漏斗).
    .replace(/瞅(?:一)?瞅|瞅一下|瞅下|瞧瞧|瞧一下/g, '看看')
    .replace(/(?<=[\p{Script=Han}A-Za-z]{2})那(?=(?:漏斗|商机|单子|业绩|指标|KPI|kpi|待办|任务))/gu, '的')
    // 改做五十五万 (改成); 底优先级 (低, typed for it).
    .replace(/(改|调)做(?=[\d一二三四五六七八九十两]+(?:\.\d+)?(?:万|千|k|块|元))/g, '$1成').replace(/底(?=优先级)/g, '低')
    // 改做下礼拜一 (Cantonese/Teochew 做 before a day: 改到).
    .replace(/(改|推|挪|调|移)做(?=下|这|本|明|后|大后|[\d一二三四五六七八九十]|周|星期|礼拜|月底|月初)/g, '$1到')
    .replace(/頭先|头先|啱先|啱啱先/g, '刚才').replace(/唔啱|唔对/g, '不对')
    // 呢个月 (这个月); 系李主任 (是李主任) opening a clause.
    .replace(/呢个(?=月|礼拜|星期|周|季度)/g, '这个').replace(/(?<=^|[\s,，])系(?=\p{Script=Han}{1,3}(?:主任|医生|经理|总|老师|院长|科长|护士长))/gu, '是')
    // 趙敏話唔想再收…, 佢话以后…: Cantonese 话 after who says it is 说 (电话, 说话, 普通话 stay).
    .replace(/(?<=(?:^\p{Script=Han}{1,4}|[他她]|客户|对方|人家))(?<![电说讲笑废好对句实坏大通谈闲情的])话(?=不|唔|以后|今后|下次|别|要|想|冇|没|佢|[他她]|系|是)/gu, '说')
    .replace(/(?<=[他她]|他们|她们|客户|对方|院长|主任|经理)话(?=\p{Script=Han})/gu, '说')
    .replace(/(?<=\p{Script=Han}{2})先得(?=[，,。.!！\s]|$)/gu, '')
    .replace(/(?<=\p{Script=Han})噻(?=\s*(?:[,，.。!！?？~]|$))/gu, '')
    .replace(/(?<=[\p{Script=Han}])一哈(?=$|[\p{Script=Han}\s,，。!！])/gu, '一下')
    // `周二，哦不对，周一…`: a date taken back in the same breath is not said.
    .replace(/(?:[上下这本]?(?:周|星期|礼拜)[一二三四五六日天]|[昨今明前后]天|\d{1,2}号)(?:上午|下午|晚上|早上|中午|傍晚)?[，,\s—–]*(?:哦|噢|呃|啊|额|嗯)?(?:不对|说错了|搞错了|讲错了)+(?:不对|了)*[，,\s—–]*(?:还是|是|应该是)?(?=(?:[上下这本]?(?:周|星期|礼拜)[一二三四五六日天]|[昨今明前后]天|\d{1,2}号))/gu, '')
    // 推个把星期, 个把月: about one (a week, a month).
    .replace(/个把(?=星期|礼拜|周|月|钟头|小时|天)/g, '一个')
    // 下礼拜一, 这礼拜五: the weekday as 周 says it.
    .replace(/([上下这本])(?:个)?礼拜(?=[一二三四五六日天])/g, '$1周')
    .replace(/([昨今明前后])儿个?/g, '$1天')
    .replace(/(那边|这边|那块|这块|一块|一点|哪)儿/g, '$1')
    .replace(/甭/g, '别')
    // 俺 (我, Shandong, Henan and the Northeast); 么时候 (什么时候, Wuhan).
    .replace(/俺/g, '我')
    // 恁 (你, Shandong), 寻思 (觉得); 是1986年3月9号生的: a birthday.
    .replace(/恁/g, '你')
    .replace(/寻思/g, '觉得')
    .replace(/是((?:\d{2,4}年)?\d{1,2}月\d{1,2}[号日])(?:出)?生的/g, '生日是$1')
    // 打电哈 (a slip for 打电话); 搞哪样 (Guizhou: 干什么).
    .replace(/电哈(?=给|[,，\s]|$)/g, '电话')
    .replace(/(?:搞|干|做)?哪样(?=[?？!！。.]*$|[嘛呢])/g, '什么')
    // 唠了唠 (聊了聊), 整了一趟 (去了一趟), 见着 (见到): Northeastern words.
    .replace(/唠([了一])唠/g, '聊$1聊')
    .replace(/唠(?=了|一|嗑|唠|会)/g, '聊')
    .replace(/(?<=聊)唠/g, '聊')
    // 礼拜一上仁和找陈经理: 上 a place, to go there.
    .replace(/(?<=(?:周|礼拜|星期)[一二三四五六日天]|[今昨明前]天|上午|下午|晚上|刚才?)上(?=\p{Script=Han}{2})(?!(?:午|半|周|礼拜|星期|个|次|回|班|门|会|课|报|传|交|市(?![一二三四五六七八九十\d]?[院医])|架|线|网|台|级|面|述|升|涨|调|车|楼|山))/gu, '去')
    // 都白给她发了 (Tangshan: 白, 别); 三个钟头 (三个小时).
    .replace(/(?<=都|就|可|千万)白(?=给|发|整|再)/g, '别')
    .replace(/个?钟头/g, '个小时')
    .replace(/(?<=[上去到]\p{Script=Han}{1,8})整了(?=一?趟)/gu, '去了')
    .replace(/见着(?=了|\p{Script=Han})/gu, '见到')
    // ，系协和医院心内科副主任: 系, the formal 是.
    .replace(/(?<=[，,]\s*)系(?=\p{Script=Han}{2})/gu, '是')
    // Openings that only announce the news (好消息撒，…; 跟你说个事，…; 跟你讲哈，…), and 这哈子 (现在, Hubei).
    .replace(/^(?:(?:好消息|坏消息|告诉你|跟你说个事|跟你说|跟你讲|说个事|汇报一下)[撒啊呀啦哈嘛哦]*[，,:：!！\s]+)+/u, '')
    .replace(/这哈子|这会子|这下子(?=是)/g, '现在')
    // Hubei and Hunan: 上半天/下半天 (上午/下午), 哒 (了), 克 ending a clause (去: 送过克), 莫搞忘 (别忘了),
    // 记到 (记着), 寻 before a person (找); 你帮我 after a name starts a request of its own (王丽你帮我加成联系人).
    .replace(/上半天|上半日|上昼/g, '上午').replace(/下半天|下半日|下昼/g, '下午')
    .replace(/(?<=\p{Script=Han})哒/gu, '了')
    // (Hubei and Shaanxi 滴 for 的: `康宁诊所滴院长`, `普通滴吧`; 滴滴, 一滴, 点滴, 水滴 stay.)
    .replace(/(?<=\p{Script=Han})(?<![滴一点水雨泪])滴(?![滴水])(?=\p{Script=Han}|[吧啊呀哈嘛，,。！!\s]|$)/gu, '的')
    .replace(/(?<=\p{Script=Han})克(?=[，,。！!~\s]|$)/gu, '去')
    .replace(/(?<=(?:^|[天一二三四五六日午上晚]|要|想|准备|已经|再)[ \t]?)克(?=过|了|\p{Script=Han}{2})/gu, '去')
    .replace(/(?<=\p{Script=Han})哩(?=事|东西|情况|问题)/gu, '的')
    .replace(/[莫别](?:要)?(?:搞忘|忘)(?:记)?了?/g, '别忘了')
    .replace(/记到(?=哈|[，,\s])/g, '记着')
    .replace(/(?<=去|来|到|[院司房])寻(?=\p{Script=Han}{2})/gu, '找')
    .replace(SEEK_PERSON_RE, '找')
    .replace(NAME_THEN_SURNAME_TITLE_RE, '$1$2')
    .replace(PLACE_GE_PERSON_RE, '的')
    .replace(/(?<=\p{Script=Han}{2})(?=[你您](?:帮|给|替)我)/gu, ',')
    // 可急哩, 贼急, 老急了: very urgent (哩 a particle).
    .replace(/不得(?:好|很|太|那么)?急/g, '不急')
    .replace(/(?<![不没得])(?:可|贼|老|巨|超|好|蛮)急(?:哩|嘞|了|啦|的|嘅)?(?=[，,。！!~\s]|$)/g, '很急')
    // Hakka 个 for 的 after a department: 药剂科个主任, 采购科个.
    .replace(/(?<=\p{Script=Han}[科部处室组])个(?=\p{Script=Han}{2}|[，,。\s]|$)/gu, '的')
    // 佢系店长助理 (他是), and the Cantonese particles that end a clause: 㗎, 喎, 啫, 咩, 嘞, 喇.
    // Gan, Hubei and Jianghuai 克 (去) before where one went (3号克人民医院拜访…); 500克, 克服, 马克 stay.
    .replace(/(?<![\d千毫微攻坦马沙扑巧可休夹雅摩萨兰迪希麦斯杰科普汤波格乌])克(?=了?\p{Script=Han}{2,8}?(?:医院|院|公司|药房|药店|诊所|那边|那里|那儿|拜访|开会)|给|找|见(?!效))/gu, '去')
    // Min and Putian 有 before what was done (下午有给张伟打电话): it was done.
    .replace(/(?<![没有沒])有(?=(?:给|跟|和|同|去|到|打|见|拜访|发|送|约|聊|讲)\p{Script=Han})(?![^，,。]*[吗么？?]$)/gu, '已经')
    // Teochew/Min 伊 (他/她) before what is said of them (伊系主任, 伊讲…); 从新 typed for 重新.
    .replace(/(?<![木乃])伊(?=系|是|讲|话|说|要|想|在|有|冇|没|今|明|昨|已经|刚|啱|讲|讲过|叫|同|共|不|唔)|(?<=讲|说|话|跟|同|共|给|问|找|帮)伊(?=\p{Script=Han})|(?<=系|是)伊(?=$|[\s,，。.!！])/gu, '他')
    // (续约个金额: 个 after a word ending in 约 that is no verb.)
    .replace(/(?<=续约|合约|签约|预约|合同|订单)个(?=\p{Script=Han})/gu, '的')
    // Teochew and Cantonese 个 after a name or a place is 的 (王芳个销售漏斗, 华山个新药试用, Alex个呢);
    // after a verb, a number or 这/那 it is a measure word (打个电话, 两个, 这个).
    .replace(/(?<=[\p{Script=Han}A-Za-z])(?<![打开做发约见吃喝建加录记写排送搞弄整来去买签聊问找看睇查设定有是下上过了着一二两三四五六七八九十几这那哪每某半整各真个换拿带请报给填算讲说唱叫要想夜今明昨前后标改调嗰儿咧啦嘞哒咯喽哈得到成额俺碰跑走坐吃喝出搞回催])个(?=\p{Script=Han}|[A-Za-z]|呢)/gu, '的').replace(/从新(?=建|来|做|加|弄|整|记|写|排|录)/gu, '重新')
    .replace(/(?<=[他她它]|现在|而家|都|就|也|原来|其实|仲|应该|唔|咪|即)系(?=\p{Script=Han})/gu, '是')
    .replace(/(?<=\p{Script=Han})(?:㗎|喎|啫|嘞|喇)+(?=[，,。！!？?；;\s~]|$)/gu, '')
    // 升职了现在是副院长: two clauses said as one.
    .replace(/(升职了|升了)(?=现在|目前|做|当|是|成)/g, '$1，').replace(/升职(?=做|当)/g, '升职,')
    // 市一院的啦: a particle after 的 at a clause's end.
    .replace(/的(?:啦|呀|哈|哦|喔|咯|嘛|呗|噢)(?=\s*(?:[,，.。!！~]|$))/gu, '的')
    // 18号有去协和 (Minnan and Taiwan Mandarin: 有 before a verb says it was done).
    // (Not in a question: `王芳这个月有去拜访几次` asks how many.)
    .replace(/(?<![没還还都也可])有(去|到|来|见|拜访|打|聊|谈|讲|发|送|联系|碰到|见到|回)(?![了过])(?![^,，。]*(?:几|多少|吗|么|[?？]))/g, '$1了')
    // 李医生那儿 (李医生那边), 提醒我一声 (提醒我一下).
    .replace(/(?<=\p{Script=Han})([那这])儿/gu, '$1边')
    .replace(/提醒(我)?一声/g, '提醒$1一下')
    .replace(/(?<![什怎这那多要])么时候/g, '什么时候')
    .replace(/^(?:(?:您受累|受累|劳驾|得嘞|得了|好嘞|那什么|您)[,，!！\s]*)+/u, '')
    .replace(/贼(?=[忙急多好难贵快慢重要])/g, '很')
    // Wuhan and Hunan words: 克 (去: 克了趟, 送过克), 一哈 (一下), 将将 (刚刚), 么样 (怎么样), 搞么事/么子 (干什么),
    // 冇得/冇 (没有), 几多 (多少), 蛮急 (很急), and the particle 撒 (发给他撒).
    .replace(/(?<![\d巧])克(?=了|一?趟|拜访|见|找|送|看望)/g, '去')
    .replace(/(?<=[送过回出进上])克(?![隆服拉力制])(?=$|[\s,，.!！?？;；撒啊哈了的])/g, '去')
    .replace(/一哈/g, '一下')
    .replace(/将将(?=\p{Script=Han})/gu, '刚刚')
    // (`那批耗材——不是耗材，是试剂，我又说岔了——`: a word taken back as it is said, and the one said instead.)
    .replace(/(\p{Script=Han}{2,6})(?:——|—|，|,)\s*(?:不是|不对)\1[，,]\s*(?:是|应该是)(\p{Script=Han}{1,8}?)(?:[，,]\s*(?:我)?(?:又)?(?:说错了|说岔了|说错|口误)了?)?(?=——|—|[，,。])(?:——|—)?/gu, '$2')
    // (`是22号——下午跟…`: a dash between a day and its part of the day joins them.)
    .replace(/(?<=[号日天])\s*(?:——|—)\s*(?=上午|下午|晚上|早上|中午|傍晚)/gu, '')
    // (`叫黄志——黄志强，对，黄志强`: a name begun, then said whole.)
    .replace(/(\p{Script=Han}{2})(?:——|—|…|\.\.\.)+\s*(?=\1\p{Script=Han})/gu, '')
    // (`往后推三天，哦不是三天，推一个礼拜吧`: a while taken back as it is said, and the one said instead.)
    .replace(/(?:[一二三四五六七八九十两\d]+|半)个?(?:天|周|礼拜|星期|月)[，,\s]*(?:哦|噢|啊|呃|额)?(?:不是|不对|说错了|错了)(?:[一二三四五六七八九十两\d]+个?(?:天|周|礼拜|星期|月))?[，,\s]*(?:是|应该是)?(?=\p{Script=Han})/gu, '')
    // (`再提醒我下礼拜一…`, `另外提醒我…`: one more reminder, asked for as such.)
    .replace(/^(?:再|还要|另外|还有|也)(?:帮我|给我)?(?=提醒我)/u, '')
    // (`他手机13551234567`: their mobile, said without 的 and 是.)
    .replace(/^(他|她|伊|佢)(?:的)?(手机|电话|邮箱|微信|生日)(?:号码?)?\s*(?:是|为|:|：)?\s*(?=[\dA-Za-z一二三四五六七八九十])/u, '$1的$2是')
    // (`电联的`, `电联了陈经理`: 电话联系, a call.)
    .replace(/电联/g, '电话联系')
    // (`帮我设个提醒哈，礼拜五…`: a reminder asked for before what it is: remind me.)
    .replace(/^(?:帮我|给我|麻烦|请)?(?:设|定|建|加|弄|整|搞|记)(?:个|一个|下|一下)?提醒(?:哈|一下|吧|哦|嘛|噻)?[，,：:\s]+(?=\S)/u, '提醒我')
    // 聊了蛮久, 谈了半天: how long says nothing of what was said.
    .replace(/([聊谈说讲])了(?:蛮|很|好|挺)?(?:久|半天|一会儿?|好一会儿?)(?:的)?(?=[,，])[,，]?/g, '$1了')
    .replace(/(?<![怎什这那多])么样/g, '怎么样')
    .replace(/搞么[事斯子]|么子/g, (m) => (m === '么子' ? '什么' : '干什么'))
    .replace(/冇得/g, '没有')
    .replace(/冇要/g, '不要')
    .replace(/冇是/g, '不是')
    .replace(/冇/g, '没')
    .replace(/几多(?=钱|个|次|单|家|人)/g, '多少')
    .replace(/蛮(?=[急重要])/g, '很')
    .replace(/(?<=\p{Script=Han})撒(?=\s*(?:[,，.!！?？]|$))/gu, '')
    // Shaanxi (Xi'an): 咧 (了), 额 (我), 嫑 (别), 谝 (聊), 咥 (吃), 么 (没, before a verb), 日塌咧 (搞砸了), 得是 (是不是),
    // 后晌/前晌 (下午/上午), 克 after a person (去).
    .replace(/(?<=\p{Script=Han})咧(?!嘴)/gu, '了')
    .replace(/(?<![金余名限份差定配总超巨数税面票价售营易增欠用业缺])额(?![度外头])(?=\p{Script=Han}|[\s,，]|$)/gu, '我')
    .replace(/^嫑(?=[\s,，])/u, '不对')
    .replace(/嫑/g, '别')
    .replace(/谝/g, '聊')
    .replace(/咥/g, '吃')
    .replace(/(?<=^|[\s,，。.!！])么(?=[见打去来发做弄说聊拜约送给有])/gu, '没')
    .replace(/日塌了|日塌咧/g, '搞错了')
    .replace(/晌午头/g, '中午').replace(/后儿(?=晌|上午|下午|中午|早|晚|[\s,，])/g, '后天')
    .replace(/(?:后|过|下)晌(?!午)/g, '下午').replace(/后儿个|后个(?=[早上下中晚去来给打见约提送发再晌]|$|[,，\s])/g, '后天')
    // (Xinyang `夜个黑了` (昨天晚上), `二十号那天晚上`; `四点一刻` (16:15); `莫要` (不要); `碰了个面` (见了个面).)
    .replace(/(?<=昨天|今天|明天|夜个|前天|今个|明个)黑了/g, '晚上').replace(/(?<=[号日])那天(?=晚上|上午|下午|中午|早上)/g, '')
    .replace(/(\d{1,2}|[一二两三四五六七八九十]{1,3})点一刻/g, '$1点15分').replace(/(\d{1,2}|[一二两三四五六七八九十]{1,3})点三刻/g, '$1点45分').replace(/[莫别]要(?=给|发|再|寄|送)/g, '不要').replace(/碰了?(个|一)?面/g, '见了$1面').replace(/明儿个/g, '明天')
    .replace(/前晌/g, '上午')
    // 11.20下午, 12.3之前: month.day written with a dot; 82年7月9号: a two-digit year.
    .replace(/(?<![\d.])(1[0-2]|[1-9])\.([12]\d|3[01]|[1-9])(?![\d.%])(?=\s*(?:号|日|之前|以前|前|上午|下午|晚上|中午|早上|[去见给跟和打开送来到拜约]))/gu, '$1月$2日')
    .replace(/(?<!\d)(\d\d)年(?=(?:1[0-2]|[1-9])月)/g, (_m, y: string) => `${Number(y) <= 30 ? '20' : '19'}${y}年`)
    // Hebei and Tangshan: 夜个/夜儿个 (昨天), 头晌 (上午), 晌午 (中午), 说岔了 (说错了).
    .replace(/夜(?:儿)?个(?!人)/g, '昨天')
    .replace(/头晌/g, '上午')
    .replace(/(?<![上下中])晌午/g, '中午')
    .replace(/说岔了/g, '说错了')
    // Minnan (Xiamen, Quanzhou): 拜一…拜六 (周一…周六), 明仔载/明仔在 (明天), 昨昏 (昨天), 今仔日 (今天),
    // 下昼 (下午), 透早 (早上), 暗时/暗暝 (晚上), 代志 (事情), 歹势 (不好意思).
    .replace(/(?<![礼参崇朝])拜([一二三四五六])(?=\s|[^\u4e00-\u9fa5]|[上下中早晚有已去跟和给打见约过再提要把带送约]|$)/gu, '周$1')
    .replace(/明仔(?:载|在)/g, '明天')
    // 足重要 (很重要), 标卡急 (比较急), 免再发 (不用再发).
    .replace(/足(?=重要|急|好|多|贵)/g, '很')
    .replace(/卡(?=急|重要)/g, '比较')
    .replace(/免(?=再|发|寄|送|打|麻烦|新建|建|加|重复)/g, '不用')
    .replace(/昨昏/g, '昨天')
    .replace(/今仔日/g, '今天')
    .replace(/下昼/g, '下午').replace(/上昼/g, '上午')
    .replace(/透早/g, '早上')
    .replace(/暗(?:时|暝)/g, '晚上')
    .replace(/代志/g, '事情')
    .replace(/^歹势[,，\s]*/u, '不好意思，')
    .replace(/(?<=[我他她再要没得想准备])克(?=\p{Script=Han})(?![隆服拉力制萨])/gu, '去')
    .replace(/得是(?=\p{Script=Han})/gu, '是不是')
    // Nanchang: 港 (说, after whoever speaks), 冇要 (不要, above), 么里 (什么).
    .replace(/(?<=[生任理总长师姐哥他她])港(?![口澳台币股区城])/gu, '说')
    // (`王丽港她不要…`: 港 before who says it and what they want.)
    .replace(/(?<=\p{Script=Han})港(?=[他她佢](?:不|冇|没|要|想|会|还|已经|讲|说))/gu, '说')
    .replace(/么里/g, '什么')
    // Voice typing's homophones: 连系人 (联系人), 影响着 (影响者), 问券 (问卷), 不要在发 (再), 升值了现在是 (升职).
    .replace(/连系人/g, '联系人').replace(/影响着(?=$|[\s,，。.!！?？哈啊哦呢吧哇了])/gu, '影响者').replace(/问券/g, '问卷')
    .replace(/(?<=不要|别|不用|不必|甭|莫)在(?=发|寄|送|打|给|推)/g, '再')
    .replace(/升值(?=了?[\s,，]*(?:现在|当上?|做|是|成|为|到|副|正|主任|院长|经理|总监))/g, '升职')
    .replace(/(?<=\p{Script=Han})升了(?=[\s,，]*(?:现在|当上?|做|是|成|为))/gu, '升职了')
    // Baotou and Jin 哇, Minnan 啦 said last (`是个影响者哇`, `给人民医院啦，`); 啦 after a contact said is 了.
    .replace(/(?<=\p{Script=Han})哇(?=[!！。.~～\s]*$)/gu, '')
    .replace(/(?<=开会|见面|见了面?|拜访|电话|聊了?|谈了?|吃饭|开了会)\s*啦(?=[,，。.!！\s]|$)/gu, '了')
    .replace(/(?:有|已经)?去了?(?:医院|药房|诊所|公司|科室|他们那儿?|他那儿?|她那儿?|那边|现场|店里)(?:里|那儿|那边)?(?:找|见|看)(?:了)?(?:他|她|伊|人|他们)?(?:的)?/g, '上门拜访')
    // Voice typing's run-on (`拜访了刘医生他要下周二送样品`, `主任黄志刚他是影响者`): a new clause starts at 他/她 said of someone.
    .replace(/(?<=(?:[生任长理总师夫板授监]|[\u4e00-\u9fa5]{2}[了过]|[\u4e00-\u9fa5]{3}))(?<![给跟和让帮对问找叫替向把被说讲诉其是为因但果那而与同请要])(?=[他她](?:是|要|想|希望|还要|也要|让|问|答应|同意)(?!们))/gu, ',')
    .replace(/升职了(?=现在|目前|当上|做了)/g, '升职了,')
    .replace(/(?<=\p{Script=Han})\s+(?=叫\p{Script=Han}{2,4}(?:[,，\s]|$))/gu, '')
    // Henan 白 (别): `以后白给她发满意度调查了`, `祝福也白给她发了`, `给李主任白发问卷和祝福了`; 还中 (还行).
    .replace(/白(?=给(?:他|她|我|他们|她们|人家)?发)|(?<=\p{Script=Han})白(?=发(?:问卷|调查|满意度|祝福|问候|短信|生日|节日|贺卡))/gu, '别').replace(/(?<=\p{Script=Han})还中(?=[,，。!！\s]|$)/gu, '还行')
    // Beijing 甭当她是把关的了 (don't count her as): she is not that any more.
    .replace(/(?:甭|别)(?:当|把)[,，\s]*(?:他|她)(?:当)?(?:是|成)(?:那个)?(?:把关|拍板|决策|影响|内线)(?:的|者|人)?(?:了)?[,，\s]*(?=(?:她|他)?(?:是|其实是|而是|现在是|算是))/gu, ',')
    .replace(/(?:甭|别)(?:当|把)[,，\s]*(?:他|她)(?:当)?(?:是|成)/gu, '不是')
    // `再跟进下`: 下 (一下) after a verb of following up; Cantonese 系 (是) before a number or address.
    .replace(/(?<=跟进|联系|回访|确认|催|问)下(?=$|[,，。!！\s])/gu, '一下').replace(/(?<=[,，\s]|^)问下(?!周|个|午|礼拜|星期|月|次|回)(?=\p{Script=Han})/gu, '问一下')
    .replace(/(?<=手机|电话|手机号|号码|邮箱|微信|微信号)系(?=\s*[\w@+])/gu, '是')
    // `还是改成普通的吧`: 还是 (after all) before a change is no part of it.
    .replace(/^(?:那|算了[,，\s]*)?还是(?=(?:改|换|调|弄|设|标)(?:成|回|为))/u, '')
    // Hubei and Enshi 克 (去): `是当面克的`, `克了一趟`.
    .replace(/(?<=当面|上门|亲自|我|他|她|过|要|没|再|又)克(?=的|了|哒|一趟|趟|拜访|看|见|找|[,，。!！\s]|$)/gu, '去')
    // Hunan 咯 said last; 去看了王医生 (went to see the doctor) is a visit.
    .replace(/(?<=\p{Script=Han})咯(?=[,，!！。.~～\s]|$)/gu, '').replace(/(?<=[标改调弄搞整看催问存记加建录查])一哈(?=[,，!！。.~～\s]|$)/gu, '一下')
    // `跟您报告个事，…`: announcing news is no part of it; Shandong 俺 (me) after 帮.
    .replace(/^(?:跟|向|给)(?:您|你)(?:报告|汇报|说|讲)(?:一?个|一下|的)?(?:好)?(?:事儿?|消息|情况)?[,，:：\s]+/u, '').replace(/俺们/gu, '我们').replace(/俺(?!们)/gu, '我')
    // `帮我加上仁和大药房的冯雪梅经理`: adding someone named with where they work is a new contact.
    .replace(/^(?:帮我|麻烦你?|请)?加上(?=\p{Script=Han}{2,12}的?\p{Script=Han}{2,3}(?:医生|主任|院长|教授|经理|总监|老师|科长|处长|主管|大夫|部长|店长)(?:[,，\s]|$))/u, '新增联系人 ')
    .replace(ZH_WENT_TO_SEE_RE, '拜访了')
    // Northeast 别给他整了 (don't send him any) and 白发了 (sent for nothing) said of surveys or greetings.
    .replace(/((?:问卷|调查|满意度|祝福|问候|贺卡|短信)[^,，。]{0,6}?)(?:别|不要|甭)(?:再)?给(他|她|我|人家|他们)?整了?/gu, (_m, a: string, b?: string) => `${a}别给${b ?? ''}发了`)
    .replace(/((?:问卷|调查|满意度|祝福|问候|贺卡|短信)[^,，。]{0,6}?)(?:也|都)?白发了?/gu, '$1也别发了')
    // `…他说年底要备货 下礼拜三给他送报价单`, `…科主任 拍板的 给加上`: a space before a day ahead, or before what is said of a new contact, ends a clause.
    .replace(/(?<=\p{Script=Han}{3}[了过吧呢啊哈的]?)\s+(?=(?:下(?:周|礼拜|星期|个月)|明天|后天|大后天|拍板|说了算|帮我|麻烦|手机|电话)\p{Script=Han}|给(?:我)?(?:加上|加一下|建上|记上)|加上)/gu, ',')
    // `给李主任送样品那活儿 比较急 给标上`: that task's priority is what is said.
    .replace(/^(把)?(?![^,，]*提醒)(\p{Script=Han}[^,，]{1,23}?)(?:的|那个?|这个?)(?:活儿?|任务|待办)\s*[,，]?\s*(?:给我|帮我|给)?(?:整成|改成|标成|弄成|设成|调成|标为|改为)?\s*(比较急|很急|紧急|挺急|有点急|贼急|不急|不太急|没那么急|很重要|重要|加急)(?:的)?\s*[,，]?\s*(?:(?:给|帮我|给我|麻烦)?(?:标上|标一下|标记一下|改一下|设一下|弄一下|整上|标成这样))?[!！.]*$/u, '$1$2的任务改成$3')
    // Dalian 整错了 (搞错了); Sichuan 巴适 (good).
    .replace(/整(?:错|岔)了/g, '搞错了').replace(/巴适(?:得很|得板)?/g, '很好')
    .replace(/(?<=任务)(?:标|设|弄|整)(?:成|为|上)(?=比较急|很急|紧急|挺急|不急|重要|加急|普通|低|高)/g, '改成').replace(/是个(?=影响者|决策人|决策者|支持者|把关人|使用者)/g, '是')
    .replace(/(?<=\p{Script=Han})啦(?=[!！。.~～\s]*$)/gu, '')
    .replace(/(?<=[院山局司店房所厂组部科心])啦(?=[,，])/gu, '')
    // Henan and Luoyang: 哩 (的), 木有 (没有), 中不中 and 得劲 said at the end (OK? / great), 急得很 (very urgent),
    // 当面去 (went in person: a visit), 没(有)必要再发 (stop sending).
    .replace(/(?<=\p{Script=Han})(?<![公英海咖千嘀叽])哩(?=\p{Script=Han}|[,，。.!！\s]|$)/gu, '的')
    .replace(/[,，]\s*(?:中不中|中不|得劲儿?|中|可得劲|老得劲)[?？!！。.~]*$/u, '')
    .replace(/(?:急得很|急得不行|急死了|急得要命)/g, '很急')
    .replace(/当面去(?:的|了)?|亲自去(?:的|了)?/g, '上门拜访')
    // Typed fast: 拜防 (拜访); Sichuan 说哈 (说一下).
    .replace(/拜防/g, '拜访').replace(/(?<=[说讲聊谈])哈(?=\p{Script=Han})/gu, '一下')
    // `没有打电话，是上门拜访`: the kind it was not, said before the one it was, is no part of it.
    .replace(/(?:没有?|冇|不是)(?:打(?:了|过)?(?:个)?电话|见面|见到面|拜访|上门|开会)(?:的)?[,，\s]*(?=是)/g, '')
    .replace(/(?:没有?|不|没啥)必要再(?=发|寄|送)/g, '不要再')
    // Northeast 老重要 (很), Hakka 当面上门 (上门), Cantonese 几急(嘅) (比较急), 俾 (给) before someone.
    .replace(/老(?=重要|急|要紧)/g, '很').replace(/当面(?=上门)/g, '').replace(/几急(?:嘅|的|啊)?/g, '比较急').replace(/俾(?=[\u4e00-\u9fa5]{1,3}(?:主任|医生|经理|老师|科长|院长))/g, '给')
    .replace(/还有(?=[\u4e00-\u9fa5](?:主任|医生|经理|科长|院长|老师)(?:开会|见面|吃饭|一起))/g, '和')
    // 市一院那主任 (that director at 市一院): the place's.
    .replace(/(?<=[院房所司心店科])那(?:位|个)?(?=(?:主任|医生|大夫|经理|科长|院长|老师|老板|护士长|主管|总监|店长)(?:[送打见拜约聊发给问催谈,，\s]|$))/gu, '的')
    // 开个商机…，叫学术推广合作: what the deal is called.
    .replace(/(?<=(?:商机|deal|项目)[^。]{0,20}[,，]\s*)(?:叫做?|名叫|名字叫|名称是|名字是|名称叫)(?=\p{Script=Han}{2,})/giu, '')
    // 王医生那边约个时间, 王芳手上的商机咋样了: whom it is with, whose deals.
    .replace(/^([\p{Script=Han}]{1,4}(?:医生|主任|经理|老师|科长|院长|总|大夫|老板))那边(?=约|联系|打个?电话|问问|催|跟进|沟通)/u, '跟$1')
    .replace(/^([\p{Script=Han}]{2,3})(?:手上|手里|手头)的?(?:商机|单子|项目)(?:现在|目前)?(?:咋样|怎么样|如何|进展如何|啥情况|什么情况)了?/u, '$1的销售漏斗')
    .replace(/过期没(?:办|做|完成|弄)的?任务/g, '逾期任务')
    // Tianjin: 介 (这: 介礼拜, 介月), 嘛 (什么: 有嘛活儿, 嘛都好说), 齐活(儿) (办完了), 倍儿 (很).
    .replace(/介(?:个)?(?:礼拜|星期)/g, '这周')
    .replace(/介(?=(?:个)?(?:周|月|季度|事|单|次|家|位|个|俩|仨))/g, '这')
    .replace(/(?<=[有干说叫是做要])嘛(?=\p{Script=Han})|嘛(?=都|也|时候|事)/gu, '什么')
    .replace(/齐活儿?了?/g, '办完了')
    .replace(/倍儿(?=\p{Script=Han})/gu, '很')
    .replace(/(?<=\p{Script=Han})活儿/gu, '活')
    .replace(/\b(?:yday|yest|ystd)\b/gi, 'yesterday')
    .replace(/\b(?:tmrw|tmr|tmw|2moro|tomo)\b/gi, 'tomorrow')
    // Typos of the words that say what to do ("add contct", "remidn me", "procurment").
    .replace(/\b(?:contct|conact|contat|cotnact|contatc)\b/gi, 'contact')
    .replace(/\b(?:remidn|remnd|reminde|rmind)\b/gi, 'remind')
    .replace(/\b(?:meting|meetign|mtng)\b/gi, 'meeting')
    .replace(/\b(?:procurment|procuremnt)\b/gi, 'procurement')
    .replace(/\b(on|by|next|this|last|until)\s+(mon|tues?|wed|thu|thur|thurs|fri|sat|sun)\b\.?/gi, (_m, p: string, d: string) => `${p} ${DAY_NAMES[d.slice(0, 3).toLowerCase()]}`)
    // A weekday's short form standing alone (`drop by tues`, `call wed 3pm`); `sat` and `sun` are words too.
    .replace(/\b(mon|tues?|wed|thu|thur|thurs|fri)\b\.?(?!\s*[-/]\s*\d)/gi, (_m, d: string) => DAY_NAMES[d.slice(0, 3).toLowerCase()]!)
    .replace(/\b(\d+|a|one|two|three|few)\s*(?:weks|weeeks|wekks|wks)\b/gi, '$1 weeks')
    // `on Tuesday, sorry, on Monday`, `on Tuesday, ah no, on Monday it was`, `周二，哦不，周一`: the day said second replaces the first.
    .replace(EN_DAY_CORRECTED_RE, '')
    .replace(/(?:(?:上|下|这)?(?:周|星期|礼拜)[一二三四五六日天]|昨天|今天|明天|前天|后天|\d{1,2}号)(?:上午|下午|晚上|早上|中午|傍晚)?[,，—–]*\s*(?:[哦噢喔啊]?不对(?:不对)?|哦不|噢不|不是(?=\s*[,，])|说错了|错了)[,，—–]*\s*(?:还是|是|应该是)?\s*(?=(?:上|下|这)?(?:周|星期|礼拜)[一二三四五六日天]|昨天|今天|明天|前天|后天|\d{1,2}号)/g, '')
    // `…, is that how this works?`, `did i do it right?`: a new user's question about the message itself.
    .replace(/[\s,.;]*(?:is (?:that|this) (?:how (?:this|it) works|right|correct|ok(?:ay)?)|did i do (?:it|this|that) right|(?:am i )?doing (?:it|this) right)\s*\?*\s*$/i, '')
    // `an opportunity at Globex called Fleet Telemetry`: naming, not a phone call.
    .replace(/\b(opportunity|opp|deal|project|account|company|customer|client|product|bundle|package|clinic|hospital|firm)\b([^,.;]{0,40}?)\s+called\b(?=\s+[A-Z])/g, '$1$2 named')
    // Business-letter chat: `please be advised (that)`, `at your earliest convenience` say nothing;
    // `Per my call with Peter yesterday, …` is a report of that call, unless a request follows it
    // (`Per my discussion with Hans, please update…`), and then it is only the request's context.
    .replace(/[,;]?\s*\bplease be advised(?: that)?,?\s*/gi, (m, at: number) => (at === 0 ? '' : ', '))
    .replace(/[,;]?\s*\b(?:at your earliest convenience|at your convenience|as soon as practicable)\b/gi, '')
    .replace(/^per (?:my|our) (?:(telephone|phone) )?(call|conversation|discussion|meeting|visit|chat|email)s? with ([^,.;]+?)([,.;]\s*|$)(?=((?:please|kindly|could you|can you)\s+(?!be advised))?)/i,
      (_m, tel: string | undefined, what: string, who: string, sep: string, ask: string | undefined) =>
        ask ? '' : `${tel || /call/i.test(what) ? 'had a call' : /meeting/i.test(what) ? 'had a meeting' : /visit/i.test(what) ? 'visited' : /email/i.test(what) ? 'emailed' : 'spoke'} with ${who}${sep}`)
    // Formal requests: `I should be grateful if you could remind me…`, `Please advise which…`,
    // `Kindly cease…`, `I should like to understand…` — what is asked, without the courtesy.
    .replace(/^(?:(?:dear\s+\w+|hello|hi)[,!]?\s+)?(?:i (?:should|would) be (?:most |very )?grateful if you (?:could|would)(?: kindly| please)?|i (?:should|would) be (?:most |very )?grateful for|it would be (?:much )?appreciated if you (?:could|would)|(?:could|would|can) you (?:please |kindly )?(?:let me know|advise(?: me)?|tell me)|please advise(?: me)?(?: of| on)?|kindly|i (?:should|would) like to (?:understand|know)|i'?d like to (?:understand|know))\s+/i, '')
    // `a survey Peter's way`: to Peter.
    .replace(/\b([A-Za-z][\w-]*)'s way\b/g, 'to $1')
    // `how do i save a new person in here? its Kevin Tan from Globex…`: asking how, then saying
    // what — the request is what was asked about, said with what follows.
    .replace(/^(?:[^?]{0,40}?[\s,.!🙏])?(?:how (?:do|can|should|would) (?:i|we|u|you)|how to|is there a way to|can i|could i)\s+([^?]{3,60}?)(?:\s+(?:in here|here|in this|with this|in rapport))?\s*\?+\s*(?=\S.{8,}$)/iu, '$1: ')
    // `Monday called Bill, he needs…`: a day said first, then what was done in that clause, is said as usual
    // (last, once every other word is read as plain English).
    .replace(/^(?:on\s+)?((?:mon|tues|wednes|thurs|fri|satur|sun)day),?\s+(?:(?:i|we)\s+)?(called|visited|met|emailed|texted|rang|phoned|saw|pinged|messaged|spoke|talked|had)\s+([^,;]{2,60}?)(?=\s*[,;]|$)/i,
      (_m, d: string, v: string, rest: string) => `${v} ${rest} on ${d}`)
    .replace(/\s+/g, ' ')
    .trim();
}

export function detectLanguage(text: string): 'en' | 'zh' {
  const han = text.match(HAN_G)?.length ?? 0;
  if (han === 0) return 'en';
  // E-mail addresses and links say nothing about the language the user writes in.
  const latin = text.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/\S+/g, ' ').match(LATIN_G)?.length ?? 0;
  // A Han character says about as much as a short word: weigh it twice a Latin letter (`加个联系人 人民医院 zhou xiaoming` is Chinese).
  return han * 2 >= latin ? 'zh' : 'en';
}

// ---------------------------------------------------------------------------
// Intent rules (ordered cascade; first match wins)
// ---------------------------------------------------------------------------

type Rule = { intent: IntentName; re: RegExp; conf: number; not?: RegExp };

const R = (intent: IntentName, re: RegExp, conf = 0.9, not?: RegExp): Rule => (not ? { intent, re, conf, not } : { intent, re, conf });

const SCORE_START = /^(?:score\s*:?\s*|i(?:'d| would) give (?:it|you|them|you guys|y'all|you all)?\s*(?:a\s*)?|(?:prob(?:ably)?|maybe|i guess|i'?d say|like|about)\s+(?:a\s+)?|打|给|评)?\s*(10|[0-9]|十|[零一二三四五六七八九])(?:\s*(?:分|星|颗星|stars?|\/\s*10|out of (?:5|10)))?(?=$|[\s,.:;!\-–—]|吧)/i;

const SCORE_AFTER_MOOD = /^(?:(?:eh|meh|hmm|ok|okay|not (?:great|bad|good|happy)|pretty (?:good|bad)|good|great|bad|poor|fine|decent|solid|honestly|so-so|average|excellent|awesome|terrible|一般般?|还行|还可以|不错|挺好|很好|凑合|马马虎虎|差|很差|不太好|满意|很满意|非常满意|十分满意|比较满意|不太满意|不满意)(?:吧|啊|哈)?[,，.。!！\s]*){1,3}(?:给|打|评)?(?:个)?\s*(10|[0-9]|十|[一二三四五六七八九])\s*(?:分|星|stars?|\/\s*(?:5|10))?[.!！。]*$/i;
const GREETING_RE = /^(?:(?:hi|hello|hey|yo|hiya|howdy|howzit|g'?day|sup|good (?:morning|afternoon|evening|day)|morning|evening|hi there|hey there|hello there|greetings|namaste|namaskar|salaam|salam|as-?salaam(?:u)? alaikum|hola|buen(?:os|as) (?:d[ií]as|tardes|noches)|ciao|bonjour|salut|hallo|servus|moin|hej|hei|moi|halló|sæll?|góðan daginn|ol[aá]|oi|bom dia|boa tarde|merhaba|shalom|jambo|habari|sawubona|mhoro|kia ora|aloha|sawasdee(?: (?:krub|khrap|ka|kha))?|selamat (?:pagi|siang|sore)|xin ch[aà]o|konnichiwa|annyeong(?:haseyo)?|ni ?hao|你好呀?|您好呀?|在吗|在么|在不在|滴滴|哈喽|嗨|早上好|早安|早|下午好|晚上好)(?:[\s!！.。~～?？,，]|👋|🙂|😀)*){1,3}(?:rapport|bot)?(?:[\s!！.。~～?？,，]|👋|🙂|😀)*$/i;
const SCORE_WORD_START = /^(?:i'?d give (?:it|you|them) )?(?:a )?(ten|nine|eight|seven|six|five|four|three|two|one|zero)\s*(?:stars?|out of (?:5|10)|\/\s*(?:5|10))(?=$|[\s,.:;!\-–—])/i;
const ROLE_STATEMENT_RE = /\b(?:it'?s|it is) (?:him|her|them) (?:who|that) (?:decides?|signs?(?: off)?|approves?|calls the shots|makes? the (?:final )?(?:call|decisions?))\b(?![^?]*\?)|(?:现在|已经|也)?(?:能|可以)(?:拍板|做主|说了算)了?(?![^，,。]*[?？吗谁])|(?:是|就是)(?:那个|那位)?(?:拍板|说了算|做主|签字|拍板做决定)的(?:人|那个|那位)?(?![^，,。]*[?？吗谁])|(?:\b(?:is|as|make (?:him|her|them)(?: the| a| an)?)|'s) (?:(?:just|only|really|actually|basically|more|kind|sort) (?:of )?)?(?:the |a |an |our )?(?:decision[- ]?maker|influencer|champion|gatekeeper|end user)\b|\b(?:signs off|calls the shots)\b(?!.*\?)|(?:是|为|算是?(?:个|一个)?|当|设为|标记为)(?:(?:我们|咱们|我方|咱)(?:的|这边的?)?|(?:这个|那个|我们的?|咱们的?)?(?:项目|单子|采购|单)的)?(?:决策人|决策者|影响者|影响人|支持者|内线|把关人|使用者|关键人)/i;
/** `its 48k not 40`, `she is at Initech not Globex`, `the call was yesterday not today`: what it is, then what it is not. */
const CORRECTION_NOT_Y_RE = /\b(?:[Ii]t'?s|[Ii]t was|was|is|[Ss]he'?s|[Hh]e'?s|[Tt]hey'?re|[Tt]hat'?s|were)\b[^.?!]{1,40}?\bnot\s+(?:at\s+|with\s+|on\s+|in\s+)?(?:[A-Z][\w.]*|\$?\d[\d.,]*[kKmM万]?|today|yesterday|tomorrow|(?:[Mm]on|[Tt]ues|[Ww]ednes|[Tt]hurs|[Ff]ri|[Ss]atur|[Ss]un)day|(?:an? )?(?:call|visit|meeting|email|text|message|note))\s*[.!]*$/;
const CORRECTION_RE = /^(?:(?:oops|whoops|sorry|my bad|oh|ah|wait|hmm|actually|nah|naw|no|nope|hang on|hold on|hold up|hang about|shoot|dang|darn)[,!.]?\s+)+(?:(?:that|it) (?:was|should be)|the \w+(?: \w+)? (?:is|was|should be))\b|^(?:(?:oops|whoops|ugh|argh|hmm|ah|oh|sorry|my bad|wait|actually|哦|噢|啊|呃|嗯|哎)[,!.，！\s]*)*(?:sorry,? make (?:that|it)\b|make it .{1,30}\binstead\b|(?<=^(?:oh|ah|hmm|wait|actually|sorry|no|nope)[\s\S]{0,25})make (?:it|that)\b|(?:i think )?i (?:put|logged|entered|typed|wrote|got|saved) (?:it|that|this|the \w+)(?: in| down)? wrong|其实(?:是|应该是)|(?:oops,? )?i logged (?:that|it) wrong|that'?s wrong|(?:是|改成|应该是)(?:打)?(?:电话|见面|开会|会议|微信|短信|邮件|拜访|上门)|sorry,? (?:that|it) (?:was|went|got|happened)|sorry,? (?:that|the|this) (?:call|visit|meeting|email|note|message|mtg|one|demo|lunch) (?:was|went|happened)|^(?:no,?\s*|nope,?\s*)?make (?:it|that)\b|wrong (?:date|day|type|contact|person|guy|lady|one|doctor|account|company|amount|stage|deal|name)|错了|(?:日期|时间|类型|阶段|金额|联系人|客户)不对|no,? wait|wait,? no|nope,? |actually,? (?:it was|that was|it's|that's|make that|the)|sorry,? i meant|i meant|correction|scratch that|fix that|typo|should (?:be|have been)|should'?ve been|change (?:that|it|the (?:date|type|contact|account|amount|note)) to|make that|not \w+,? (?:but|it was)|不对|搞错了|弄错了|记错了|写错了|说错了|改一下|更正|应该是|刚才那条|刚那条|上一条)|^not (?:a |an |the )?\w+\s*[-–—,]\s*(?:a |an |the |it'?s |it was )?\w+[.!]*$|打错了?|应为|should have (?:read|said|been)|should read\b|^apologies,?\s+(?:the|it|that)\b|^不是.{1,12}[，,\s]\s*是|^是.{1,12}[，,]?\s*不是|^(?:改成|日期改成|类型改成|时间改成)|\b(?:it|that)\s+(?:wasn'?t|wasnt|was not|weren'?t)\s+(?:a |an |no )?(?:call|visit|meeting|email|text|phone call)\b/i;

const RULES: Rule[] = [
  // short commands first
  // 王丽那边问卷祝福都停掉: what is stopped, then the verb.
  R('opt_out', /(?:问卷|调查|满意度|祝福|问候|贺卡|短信)[^，,。?？]{0,8}?(?:都|也|就)?(?:停掉|停了|停发|别发了?|不发了|不要发了?|(?:不要|别|不用|甭|莫)(?:再)?给(?:他|她|他们|她们|我们)发了?|取消掉?|(?:别|不用|不要|甭)整了?)(?:吧|了|哈|啦|呀|啊|哦|嘛|呗|喽|咯)?(?:$|[,，。.!！\s])/, 0.9, /[?？吗]/),
  // 满意度调查也好，过节的祝福短信也好，统统不要给他发了: what is stopped listed first, then the stop for them.
  // (`不喜欢收那些节日祝福，以后别给李主任发了`, `已经不要收我们的节日祝福`: not wanting them, or not to send them to someone named.)
  R('opt_out', /(?:问卷|调查|满意度|祝福|问候|贺卡)[^。?？]{0,20}?(?:别|不要|不用|甭|莫)(?:再)?给[^，,。?？]{1,6}?发了?(?:吧|了|哈|啦)?(?:$|[,，。.!！\s])|(?:不要|不想|不愿意?|不喜欢|不爱)(?:再)?收(?:到)?(?:我们的|那些|这些|咱们的|我们)?[^，,。?？]{0,4}(?:问卷|调查|满意度|祝福|问候|贺卡)/, 0.9, /[?？吗]/),
  R('opt_out', /(?:问卷|调查|满意度|祝福|问候|贺卡|短信).{0,30}?(?:都|统统|全部|一律|通通|一概)(?:不要|别|不用|不必|甭)(?:再)?(?:给|跟|向)?(?:他|她|他们|她们|人家)?发/, 0.9, /[?？吗]/),
  R('opt_out', /^(?:oh,?\s*|ah,?\s*)?(?:and|also|plus)\s+(?:no\s+(?:more\s+)?|stop\s+)?(?:the\s+|her\s+|his\s+|their\s+)?(?:greetings|surveys|(?:birthday|holiday|christmas|xmas|festive)(?:\s+(?:and|&|n|or)\s+(?:birthday|holiday|christmas|xmas|festive))?\s+(?:messages|wishes|cards|greetings|msgs|texts|emails))\b(?:\s+(?:as well|too|either))?|^(?:还有|另外)?(?:生日|节日)?(?:祝福|问候|问卷|调查|短信)也(?:别|不要|不用|停|免)|不想(?:再)?被打扰|(?:别|不要|不用)(?:再)?打扰|\bstop (?:bothering|pestering)\b|\b(?:doesn'?t|don'?t) want to be (?:contacted|bothered|disturbed)\b|\bskip (?:the |her |his |their )?(?:birthday|holiday|greetings|surveys?|nps|cards)\b|\bopt (?:me|him|her|them) out\b|\b(?:doesn'?t|does not|don'?t|do not|won'?t)\s+want\b.{0,30}\b(?:surveys?|greetings|questionnaires|birthday (?:messages|cards|wishes|greetings)|holiday (?:messages|cards|greetings))\b|\bremove\b.{1,30}\bfrom (?:the )?(?:nps |csat )?(?:surveys?|greetings|mailing|list)\b|别再给.{0,3}发|\bunsub\b|\bstop (?:messaging|contacting|texting|emailing) (?:me|him|her|them)\b|\b(?:don'?t|do not) want any more\b|\bno more (?:satisfaction |nps |csat |feedback |holiday |birthday |christmas |season'?s )?(?:surveys?|greetings|messages|feedback requests|feedback|cards|wishes)\b|\btake (?:me|him|her|them) off\b|不想(?:再)?收|停发|别(?:再)?发了|不要(?:再)?发了|从.{0,6}名单里?(?:去掉|删掉|移除)|别给(?:我|他|她|他们)发|\bunsubscribed?\b|\bopt(?:ed|s|ing)?[- ]?out\b|(?:不希望|不愿意|不要|不想)(?:再)?收到|不再(?:接收|收到|收|需要|要)[^，,。?？]{0,6}(?:问卷|调查|满意度|祝福|问候|贺卡|短信)|\basked (?:us )?to (?:be removed|stop)|\b(?:asked|wants?|prefers?|requested) (?:us )?not to (?:get|receive|be sent|be contacted|be surveyed)\b|\bdon'?t (?:send|contact) (?:him|her|them)\b|\bstop sending (?:him|her|them)\b|\bno more (?:surveys|greetings|emails|messages)\b|退订了|(?:不要|别|不用)(?:再)?(?:发)?(?:问卷|调查|祝福|问候)(?:了)?$|(?:不用|不必|无需|无须|甭|不需要)(?:再)?(?:给[^，,。]{1,4})?(?:发|寄|推)(?:送)?[^，,。]{0,6}?(?:问卷|调查|祝福|问候|贺卡)|停止(?:给(?:我|他|她|他们))?(?:发送?|推送|寄)|\bno longer wish(?:es)? to (?:receive|get|be sent)\b|\bcease (?:all |any )?(?:further )?(?:survey|questionnaire|greeting|feedback)|\bwants? off (?:all |the |any )?(?:survey|nps|csat|greeting|mailing|email)|\bstop (?:the |all |any |those |these )?(?:survey|nps|csat|feedback|greeting|birthday|holiday)s?\b(?:\s+(?:emails?|messages?|texts?|mails?))?|\b(?:stop|quit|cease) (?:sending|emailing|texting|messaging)\b|\bdon'?t send me\b|\bno more (?:surveys|messages|emails)\b|\bremove me from\b|^stop$|^td$|^退订$|退订|取消订阅|不要再发|别再给我发|别再发|不想再收到|^拒收$|不要再给我发|别(?:再)?发.{0,6}?(?:问卷|调查|消息|祝福|问候)|不要(?:再)?发.{0,6}?(?:问卷|调查|消息|祝福|问候)|(?:问卷|调查|祝福|问候|短信|生日短信).{0,6}(?:就)?(?:免了|算了|不用了|不要了|别发了|拉倒|不用再?发)|\b(?:doesn'?t|does not|don'?t|do not)\s+want\b.{0,30}\b(?:bday|b-day|msgs|emails|texts|cards|wishes)\b/i, 0.95),
  R('undo', /\b(?:reverse|revert|undo|roll back)\s+(?:the |my )?(?:amendment|change|edit|entry|update)s?\b(?:\s+i (?:have )?just made)?|(?:帮我|把刚才的?.{0,4}|刚才那个)撤(?:销|回)(?!订阅)|撤(?:销|回)一下|\bundo (?:that|it|this|my last)\b|\bcan you undo\b|\broll ?back\b|\bctrl[ +-]?z\b|\btake it back\b|撤了|回退|回滚|恢复到?之前|恢复到?上一(?:步|个|条)|撤回上一(?:步|个|条)|还原|撤掉刚才|^(?:oops,?\s*)?undo\b|^revert\b|\btake that back\b|\bdelete what i just\b|^撤销|^撤回|撤回$|(?:^|[,，\s])撤销(?:吧|掉|一下)?[.!！。]*$|撤回去|恢复刚才|删掉刚才|撤销刚才|上一步.{0,2}撤|撤销上一步|\b(?:delete|remove|drop|erase|kill) (?:that|the|my) (?:last|latest|previous) (?:entry|one|record|log|thing|note|change)\b|\bremove what (?:you|i) just\b|\bundo (?:the )?(?:last|previous)\b|^(?:go back|reverse (?:that|it)|revert (?:that|it))[.!]*$|删(?:掉|了|除)?(?:刚才|刚刚)|(?:刚才|刚刚)(?:那条|那个|的|记的)?.{0,6}(?:删掉|删了|删除|不算|不要了|作废)|不要(?:刚才|刚刚)(?:那条|那个|的)/i, 0.95),
  R('cancel', /^(?:先|不搞了\s*)取消|^(?:算了[,，\s]*)?(?:不整了|不弄了|不搞了)[!！。.]*$|取消这个操作|^不问了|^(?:nm|ignore (?:that|it)|skip (?:it|that)|drop it|forget about it|no thanks|never mind)[.!]*$|^(?:please\s+)?disregard (?:my |the |that )?(?:previous |last |above )?(?:question|message|request)[.!]*$|^请?忽略(?:上述|上面|刚才|以上)的?(?:问题|消息|请求)[。.!！]*$|^(?:ah,?\s+|oh,?\s+)?forget (?:about )?it(?:\s+(?:so|then|now))?[.!]*$|^(?:退出|不弄了|那算了|别管了|先这样)[.!。！]*$|^(?:no,?\s*)?(?:cancel|abort|never ?mind|forget it|stop that|nvm)\b|^(?:取消|算了|不用了|不要了|别弄了|取消吧)(?:[了吧啊.!！]*$|[,，\s](?![,，\s]*(?:还是|改|调|换|设|标|把|帮我|提醒|记|推|挪|延)))|^(?:nah|no|ok|okay|actually|hmm|eh|oh)?[,!.\s]*(?:forget (?:it|that|about it)|never ?mind(?: that)?|nvm|cancel (?:that|this|it)|abort|skip(?: it| that| this(?: one)?| for now)?|not now|leave it|(?:let'?s )?drop (?:it|that)|don'?t bother|(?:actually )?don'?t(?: do (?:that|it))?|exit|quit|stop that|ignore (?:that|it|this)|no need|not needed)[.!]*$|^(?:那|那就|哎|唉)?(?:就)?(?:算了|拉倒|不查了|不看了|以后再说|回头再说|改天再说|先放着|先放一放|先不(?:弄|搞|做|记|管|用)了?|不(?:用|需要|必)(?:了|记了|弄了)?|没事了|当我没说|别管了|不搞了|不弄了|先这样|退出|不记了)(?:吧|啊|哈|呗|了)*(?:[,，\s]*(?:谢谢|谢了|thx|thanks))?[.!。！~～]*$/i, 0.95),
  R('help', GREETING_RE, 0.9),
  R('help', /(?:介绍|说明)一下(?:本|这个|你们的?)?(?:系统|机器人|工具)|(?:系统|机器人|工具)(?:的|有(?:什么|哪些))功能|能帮我做什么/, 0.9),
  R('help', /\bwhat(?:'s| is) (?:this|it) (?:thing |bot |app )?for\b|\bwhat (?:can|do) (?:you|u|it) do\b/i, 0.88),
  R('help', /\bshow me (?:some )?examples\b|\bexamples?\b.*\?$|举.{0,2}例子|有什么例子|^(?:help|commands|\?|帮助|怎么用|使用说明|有哪些功能|菜单)(?:\s+me)?[?？!]*$|what can you do|\bhow (?:to|do (?:i|we)|can (?:i|we)) (?:add|log|create|record|use|set up|make|send|update|change|delete|see|check|snooze|undo|export)\b(?=[^?]*\?\s*$)|你(?:都)?会(?:搞|干|做)?(?:啥|什么)|what (?:kind of )?(?:stuff|things) can (?:you|u) do|how (?:do i |to )use (?:this|you|it)|explain how|你都会啥|你会啥|能干啥|怎么设置|咋用|what do you do|\bwhat commands\b|\blist (?:of )?commands\b|show me what you can do|how (?:do|can) i\b|how does (?:this|it) work|你能做什么|你会什么|能干什么|怎么(?:记录|用|操作|添加|新建)|如何使用|怎么使用|^(?:请问)?如何(?:记录|用|操作|添加|新建|创建|查看|设置)|^怎么给.{0,6}(?:发|加|建|记)|(?:咋|怎么)(?:弄|搞|整)[?？]*$|^(?:can|could) (?:you|u) help(?: me)?(?: out)?[?!.]*$|^help me[?!.]*$|^(?:who|what) are (?:you|u)[?!.]*$|what should i (?:type|say|write)|where (?:do|should) i (?:start|begin)|how do i (?:start|begin|get started)|getting started|^(?:any )?tips[?!.]*$|\bi'?m new\b|\bwhat can i (?:say|ask|type|tell you)\b|(?:可以|能)问(?:你)?(?:什么|啥|哪些)|你是谁|你是干(?:啥|什么|嘛)的|^帮帮(?:我|忙)|^帮个忙|怎么开始|从哪(?:里|儿)?(?:开始|入手)|^我(?:是)?(?:新来的|刚来的)|^(?:请问)?(?:我)?(?:该|要)?(?:怎么|如何)(?:才能)?(?:看|发|记|加|建|查|用|设置|添加|新建|创建|录|改|删|导出)|^教(?:教)?我|(?:有|给)(?:什么|啥|点)(?:技巧|提示)|使用方法|怎么玩/i, 0.9),
  // An explicit command to record something names the intent; the rest is its note (`log call with Tom: … mark every task done`).
  R('log_interaction', /^(?:pls |please )?(?:log|record) (?:a |an |the |my )?(?:call|phone call|visit|meeting|mtg|email|note|message|text|lunch|dinner|coffee|demo)\b(?! (?:for|on) (?:tomorrow|next|friday|monday|tuesday|wednesday|thursday))/i, 0.95),
  // `新联系人 仁和大药房 采购黄丽萍…`, `new contact: …`: an explicit command to add a person.
  R('create_contact', /^(?:(?:pls|please)\s+)?(?:新联系人|新增联系人|新建联系人|添加联系人|加(?:个|一个)?联系人|new contact|add (?:a )?(?:new )?contact)(?:[:：,，\s-]+)(?=\S)/i, 0.95, /[?？吗]/),
  // An explicit "remind me …" / "提醒我…" asks for a reminder (not a snooze, not a question about tasks).
  R('schedule_followup', /^(?:回头|记得|麻烦|请|帮我|pls |please |hey,? |could you |can you )?(?:提醒我|remind me|set (?:a |me a )?reminder)(?!.*(?:\bagain\b|再|任务|待办|有哪些|\bwhat\b|\bwhich\b|吗[?？]?$))/i, 0.95),
  R('survey_response', SCORE_START, 0.85, /\b(?:days?|weeks?|hours?|tasks?|k|m|pm|am)\b|天|周|任务|万|点/i),
  // A verdict before the score (`not great, 2`, `eh, 6`, `十分满意 给10分`, `还行吧，7分`).
  R('survey_response', SCORE_AFTER_MOOD, 0.85),
  R('survey_response', SCORE_WORD_START, 0.85),
  R('log_complaint', /\bgiving out (?:about|over)\b|complain|complaint|\b(?:moan(?:ed|ing|s)?|whing(?:e|ed|eing|ing)|grumbl(?:e|ed|ing)|gripe(?:d|s)?|griping|kvetch(?:ed|ing)?)\s+(?:about|that|over)\b|\bunhappy\b|\b(?:is|'s|are|'re|was|were) (?:not|n't|not at all) (?:happy|pleased|satisfied)\b(?=[^?]*\b(?:keeps?|still|again|broken|fail(?:s|ing|ed)?|crash(?:es|ing|ed)?|down|late|wrong|missing|error)\b)|\bdissatisfied\b|\b(?:upset|annoyed|furious|frustrated|fuming|pissed(?: off)?|livid|irate|raging|seething)\b(?! (?:if|when|that we can'?t)\b)|\bmad (?:about|abt|at|that|because)\b|投诉|抱怨|不满意|不满|吐槽|骂人|骂了|挨骂|被骂|发火|不爽|有意见|火大|很生气|挺生气|生气了/i, 0.9),
  R('send_survey', /\b(?:send|ask|survey|shoot|fire off|blast|issue|circulate|dispatch|chuck|pop|drop)\b.*\b(?:survey|nps|csat|feedback|questionnaire)\b|\bask\b.{1,40}\b(?:how likely|would (?:they )?recommend|to rate us|how satisfied)\b|\b(?:nps|csat|survey|feedback)\s+(?:blast|push|out|round)\b|^survey\b|\bsend (?:an? |the )?(?:nps|csat)\b|(?:发|发送|做).*(?:调查|问卷|调研|nps|回访)|(?:调查|问卷|调研|nps|csat|满意度).*给/i, 0.9, /别|不要|不用|不想|免了|拉倒|\b(?:don'?t|do not|doesn'?t|no more|stop|never|not to)\b/i),
  // Explicit commands, said as such: `snooze the SSO task by a week`, `mark her as a decision maker`,
  // `wrong one, it was Peter`.
  // `mark the sso proposal one high priority`: a task named as `the X one`, and the priority it is to have.
  // (`make the SSO proposal urgent, Sarah's gettin nebby about it`: a thing of mine made urgent, whatever follows.)
  R('update_task', /^(?:(?:pls|please|can you|could you|ok|so)\s+)*(?:mark|make|set|flag|bump)\s+(?:the|that|this|my)\s+[\w' -]{2,40}?\s+(?:as\s+)?(?:urgent|high priority|top priority|low priority|not urgent)(?=\s*(?:[,;.!]|$))/i, 0.9, /\?\s*$/),
  // (`哎 还是改成紧急吧 李主任那边催了`: the level of the task just spoken of, said again.)
  R('update_task', /^(?:(?:哎|唉|嗯|算了|那|哦)[,，\s]*)*(?:[^,，。?？]{0,10}[,，\s]+)?还是(?:给它|把它|给他|把他)?(?:改|调|设|标|放)(?:成|为|回)(?:紧急|重要|普通|不急|低优先级|高优先级)/u, 0.95, /[?？吗]/),
  // (`给王丽送资料那个 不急了 放普通的就行`: a task said first, then the level it is put at.)
  R('update_task', /(?:那个|这个|那条|的任务|任务)[,，\s]+(?:[^,，。?？]{0,6}[,，\s]+)?(?:放|改|调|设|标)(?:回|成|为)?(?:普通|低优先级|高优先级|紧急|不急)(?:的)?(?:就行|就好|就可以|吧|了)?[。.!！]*$/u, 0.95, /[?？吗]/),
  // (`that SSO proposal yoke for Acme, flag it as important would ya`: the thing said first, then marked.)
  R('update_task', /^(?:(?:ok|so|and|right)[,\s]+)*(?:the|that|this|my)\s+[\w' -]{2,50}?\s*[,;-]+\s*(?:(?:pls|please|can you|could you|just)\s+)?(?:flag|mark|make|set|put|bump|pop)\s+(?:it|that|this)(?:\s+one)?\s+(?:as\s+|to\s+|up\s+to\s+|down\s+(?:as|to)\s+)?(?:important|urgent|high(?:\s+prio(?:rity)?)?|low(?:\s+prio(?:rity)?)?|top priority|not urgent|normal)\b/i, 0.95, /\?\s*$/),
  R('update_task', /\b(?:mark|make|set|flag|bump|put)\s+(?:the|that|this|my)\s+[\w' -]{2,40}?\s+one\s+(?:as\s+|to\s+|at\s+)?(?:urgent|high|low|normal|top)(?:[- ]prio(?:rity)?)?\b/i, 0.93, /\?\s*$/),
  // 市一院神经外科新来了个乔文斌，给加进去哇: someone new at a place, to be put in.
  // (`人民医院药剂科有个钱主任，大名钱卫东，……给加进去`, `……又来了个主任，叫孙卫东，……恁给俺加上`: a person named, then the ask to add them.)
  R('create_contact', /(?:有个|有一个|有位|有一位|来了?个|来了?一个|来了?一位|叫|大名|名字叫|全名)[^?？]{2,40}(?:你|您|恁)?(?:给|帮|帮我|帮忙|麻烦)?(?:我|俺)?(?:给)?(?:加进去|加上|加一下|加个|录进去|录一下|录上|存进去|存一下|存上|建一个|建上|记上|添上)(?:吧|呗|哈|啊|嘛|呀|了)?[。.!！~]*$/u, 0.92, /[?？吗]/),
  R('create_contact', /(?:新来了?|新调来了?|刚来了?)(?:个|一个|一位|位)[^，,。?？]{2,12}[，,\s]*(?:你)?(?:给|帮我|帮忙|麻烦)?(?:加进去|加上|加一下|录进去|录一下|录上|存进去|存一下|存上|建一个|建上|记上)/u, 0.92, /[?？吗]/),
  // `mark the samples task urgent`, `送样品那个任务标成紧急`, `make the SSO proposal task high priority`.
  // 送样品的 标紧急: a task named by what it is for, then marked.
  R('update_task', /^\S{2,16}?(?:的|那个|那条|那件)\s*(?:标|改|设|调)(?:成|为)?\s*(?:紧急|重要|加急|不急|普通|低优先级|高优先级)(?:吧|哈|啊|了)?[.。!！]*$/u, 0.93, /[?？吗]/),
  // 这个要标重要哦: the task just set, marked by a pronoun.
  R('update_task', /^(?:这个|那个|这条|那条|它|这个任务|那个任务|这条提醒|这个提醒)\s*(?:要|得|就|也|再|请)?(?:帮我|给我)?(?:标|改|设|调|定)(?:成|为|到)?\s*(?:紧急|重要|加急|急|不急|低|普通|一般|高)/u, 0.9, /[?？吗]/),
  R('update_task', /\b(?:task|reminder|to-?do|follow-?up)\b.{0,30}\b(?:as |to )?(?:urgent|high[- ]prio(?:rity)?|low[- ]prio(?:rity)?|top priority|not urgent|important|no rush|no hurry)\b|\b(?:put|pop|stick|set|mark|make) (?:it|that|this)(?: one)?(?: down| up)? (?:as |to )?(?:urgent|high|low|normal|top|important)\b(?![^?]*\?)|\b(?:mark|make|set|flag|bump)\b.{1,40}\b(?:task|reminder|to-?do|follow-?up)\b.{0,12}\b(?:as |to )?(?:urgent|high|low|important|top)\b|(?:任务|待办|提醒|那条|那个|那单|这单|的事|这事|那事|一事|事情|事儿|那活儿?|这活儿?|营生)[^?？]{0,12}?(?:标成|标为|标记为|标记成|设为|设成|改成|改为|调成|调为|升为|降为|弄成|搞成|整成|变成|标个|标上|标)(?:紧急|加急|很急|比较急|挺急|有点急|重要|高优先级|低优先级|不急|普通)|(?:优先级)(?:改成|改为|调成|调到|设为|提到|提高到|降到|降为)|(?:调|改|设|标|降)(?:成|为|到)(?:低|高)(?:优先级)?(?=$|[，,。!！\s吧了])|优先级(?:给我|帮我|就)?(?:调|改|降|提|放)(?:低|高)|(?:任务|待办|提醒|那条|那个)[^?？]{0,12}?(?:紧急|很急|比较急|挺急|加急|重要|不急)[^?？]{0,6}?(?:标一下|标下|标上|标记一下|改一下|调一下|设一下)|(?:改回|调回|降回|设回|弄回|恢复)(?:成|为|到)?(?:普通|一般|正常)|\b(?:set|change|put|make|turn|switch|move)\b[^?]{0,40}?\bback to (?:normal|regular|standard)\b|\bnormal priority again\b/i, 0.93, /[?？吗]/),
  // `约了下周二跟市一院李主任开会`, `跟王主任约了下礼拜二见面`: something arranged for a day ahead is a plan, whatever its 了.
  R('schedule_followup', /^(?:已经|刚)?(?:(?:跟|和|与|同)[^,，。\s]{1,10}?)?(?:约了|约好了?|定了|定好了?|安排了|预约了|说好了?)[^,，。]{0,6}?(?:下下?(?:周|礼拜|星期)|明天|后天|大后天|下个?月|月底)/u, 0.9, /[?？吗]/),
  // `华山的王丽现在升成内分泌科主任了…生日是八月十二号，帮我记一下`: news of a person's, to be kept.
  // (`for Soylent, Wei Ling actually only influencer, not the one who sign`: a known person's role said of them.)
  R('update_contact', /^(?:(?:for|at)\s+[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)?\s*[,:-]\s*)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?\s+(?:is\s+|'s\s+)?(?:(?:actually|really|more|just|only|now|rather)\s+)*(?:an?\s+)?(?:influencer|champion|gatekeeper|end user)\b/, 0.93, /\?\s*$|^(?:add|new|create)\b/i),
  R('update_contact', /(?:升(?:成|为|职|任|了)|提拔|当上了?|调任)[^,，。]{0,12}(?:主任|院长|科长|经理|总监|处长|部长|主管|总)[^?？]*(?:记一下|记下|更新|改一下|帮我记|记上)|生日是[^?？]{2,12}(?:记一下|记下|更新|帮我记|记上)/u, 0.9, /[?？吗]/),
  // `跟进改到礼拜五`, `那个提醒挪到下周一`: the follow-up (or reminder) just spoken of, moved to a day.
  // (`赵敏报价单的任务，明天不行，后天上午十点改一下吧`: a task named, then the day it is changed to.)
  R('snooze_task', /(?:任务|待办|提醒)[,，\s]*[^?？。]{0,16}?(?:今天|明天|后天|大后天|下周|下礼拜|下星期|礼拜|星期|周[一二三四五六日天]|\d{1,2}号|[一二三四五六七八九十]{1,3}号|上午|下午|早上|晚上)[^?？。,，]{0,8}?(?:改|推|挪|调|换)(?:到|成)?(?:一下|下)?(?:吧|呗|哈|啦|呀)?(?:$|[,，。.!！\s])/u, 0.95, /[?？吗]/),
  // (`那个送样品的任务帮我推一下`: a task put off without saying to when; when is asked.)
  R('snooze_task', /(?:任务|待办|提醒)[^，,。?？]{0,6}?(?:帮我|给我|麻烦|请)?(?:推|挪|延|往后推|往后挪|改)(?:迟|后)?(?:一下|下)(?:吧|呗|哈|啦|呀)?(?:$|[,，。.!！\s])/u, 0.9, /[?？吗]/),
  // (`ok so the Maria task, move to Friday afternoon`: the task said first, then moved.)
  R('snooze_task', /^(?:(?:ok|okay|so|and|right)[,\s]+)*(?:the\s+|my\s+|that\s+)?[\w' -]{2,40}?\s+(?:task|reminder|to-?do|follow[- ]?up)\s*[,:;-]+\s*(?:(?:pls|please|can you|could you)\s+)?(?:(?:move|push|bump|shift|reschedule|postpone|change|put)\b(?:\s+(?:it|that|this))?(?:\s+(?:back|out))?\s+(?:to|till|until|til)\b|(?:make|set)\s+(?:it|that|this)\s+(?:for\s+)?(?=(?:next\s+|this\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tmrw)\b))/i, 0.95, /\?\s*$/),
  R('snooze_task', /^(?:把|那)?(?:那个|这个|刚才的?|刚建的|刚加的)?(?:跟进|提醒|待办|任务)(?:的?时间)?(?:改到|挪到|推到|延到|换到|调到|往后推到)/u, 0.9, /[?？吗]/),
  // `push the Maria task please`, `move my SSO follow-up`: a task moved, to a day said or still to ask.
  R('snooze_task', /^(?:(?:pls|please|kindly|can u|can you|could you|(?:i |we )?need to|gotta)\s+)?(?:push|bump|move|shift|delay|punt|postpone|reschedule)\s+(?:back\s+|out\s+)?(?:the\s+|my\s+|that\s+|this\s+)?[\w' -]{0,40}?\b(?:task|reminder|follow-?up|to-?do)\b(?![^?]*\?)/i, 0.9, /clos(?:e|ing) date|\bdeal\b|\bopp\b/i),
  // `can u push the umbrella demo`: pushing a named thing back, with no day said, is asked to when.
  R('snooze_task', /^(?:(?:pls|please|kindly|can u|can you|could you)\s+)?(?:push|postpone|delay|reschedule)\s+(?:back\s+)?(?:the|my|that|this)\s+[\w' -]{2,40}?(?:\s+back)?\s*(?:pls|please|thx|thanks)?[?.!]*$/i, 0.95, /clos(?:e|ing) date|\bdeal\b|\bopp\b|\bmeeting\b|\bcall\b/i),
  // `Mr. Hans Müller actually is the CTO of Umbrella`, `Lim Wei Ling is now the head of procurement`: a person's title, said.
  R('update_contact', /^(?!(?:who|what|which|where|how|is|does|do|can|could|when|why)\b)(?:our\s+)?(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?[A-Z][\p{L}'-]+(?:\s+[A-Z][\p{L}'-]+){0,2}(?:\s+(?:at|from)\s+[A-Z][\p{L}&-]+(?:\s+[A-Z][\p{L}&-]+)?)?(?:'s)?\s+(?:(?:actually|now|in fact|officially|just)\s+)?(?:is|'s|has become|became|(?:has |'s )?been (?:made|promoted to|named|appointed)|was (?:made|promoted to|named|appointed)|got (?:made|promoted to))\s+(?:(?:now|actually)\s+)?(?:the |our |their )?(?:new )?(?:CEO|CTO|CFO|COO|CIO|CMO|CPO|VP\b|SVP|EVP|head of|director of|chief|president|general manager|managing director|procurement (?:head|lead|manager))/iu, 0.9, /\?/),
  // `I catch up with Peter today about…`, `we meet Bill this morning`: the present said of what was done today.
  R('log_interaction', /^(?:(?:today|this morning|yesterday|earlier)[,\s]+)?(?:i|we)\s+(?:meet|call|visit|see|talk|speak|catch up|ring|phone|email|have (?:a |the )?(?:call|meeting|chat|lunch|coffee))\b(?=[^?]*\b(?:today|this morning|yesterday|earlier(?: today)?|just now)\b)(?![^?]*(?:\?|\b(?:later|tonight|this (?:afternoon|evening)|will|going to|tomorrow)\b|\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|\bat \d))/i, 0.85),
  R('snooze_task', /\bgive (?:me |it |the |that |this |my )?[\w -]{0,40}?\banother (?:(?:\d+|a|one|two|three|few|couple(?: of)?) ?)?(?:days?|weeks?|wks?|hours?|hrs?)\b/i, 0.9, /clos(?:e|ing) date|\bdeal\b|\bopp\b/i),
  // 请将试用方案相关任务调整至下周五下午, `the SSO proposal, put it for friday 11am`: a task moved to a day.
  R('snooze_task', /(?:任务|待办|提醒|跟进|那活儿?|那事儿?)[^，,。?？]{0,4}(?:调整|改|挪|推|延|顺延|移)(?:至|到|去|为|成)(?=\s*(?:下?下?(?:周|星期|礼拜)|[明后]天|[\d一二三四五六七八九十]+[号日月]|月底|下个?月))|\b(?:put|move|set|shift|push|make) (?:it|that|this|them) (?:for|to|on|until|till)\s+(?:the\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tmrw|next|\d)|\b(?:make|set|change|move|put)\s+(?:the|that|my|this)\s+(?:follow-?up|reminder|task|to-?do)\s+(?:to\s+|for\s+|on\s+|till\s+|until\s+)?(?:the\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tmrw|next|\d)|\b(?:move|push|shift|put|bump|shove)\s+(?:the\s+|that\s+|my\s+)?[\w' -]{1,40}?\s+(?:for|to|till|until)\s+later\b(?![^?]*\?)|\b(?:put|shove|push|bump)\s+(?:the\s+|that\s+|my\s+)?[\w' -]{1,40}?\s+off\s+(?:to|till|until|for)\s+(?:the\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tmrw|next|\d)|\b(?:bring|pull|move)\s+(?:the\s+|that\s+|my\s+)?[\w' -]{1,40}?\s+forward\s+(?:to|till|until|for)\s+(?:the\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tmrw|next|\d)|\bprepone\b[^?]{0,40}?\b(?:to|for|till|until|on)\s+(?:the\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tmrw|next|\d)|\b(?:this|that|the|my) (?:reminder|task|follow-?up|to-?do)\b[^?]{0,20}?\b(?:move|push|shift|bump|put|change|reschedule|set)\b[^?]{0,12}?\b(?:to|till|until|for|on)\s+(?:the\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tmrw|next|\d)/i, 0.93, /[?？吗]/),
  R('snooze_task', /^(?:(?:pls|please|can you|could you|kindly)\s+)?(?:snooze|postpone)\b(?![^?]*\?)/i, 0.96, /clos(?:e|ing) date|expected close|\bdeal\b|\bopp\b/i),
  // `and he signs off on the budget now`, `and he's the decision maker now`: said of the person just written.
  R('update_contact', /^(?:(?:and|also|plus|oh|btw|fyi)[,\s]+)+(?:he|she)(?:'s|\s+is)?\s+(?:now\s+)?(?:(?:the one (?:who|that) )?(?:signs? off|decides|approves|calls the shots|has the final say|makes the (?:final )?(?:call|decisions?))\b|(?:the|an?|our)\s+(?:(?:final|key|main)\s+)?(?:decision[- ]?maker|influencer|champion|gatekeeper|end user|blocker)\b)(?![^?]*\?)/i, 0.95),
  // `peter rang me friday, …`, `佢手机系…` said of whoever was just named: a call they made, a number of theirs.
  R('log_interaction', /^(?:[A-Z][\w.'-]*|[a-z]{3,})(?:\s+[A-Z][\w'-]+)?\s+(?:rang|called|phoned|rung|buzzed)\s+(?:me|us)\b(?![^?]*\?)/, 0.95),
  R('update_contact', /^(?:(?:哦|噢|对了|还有|另外)[,，\s]*)*(?:他|她)(?:的)?(?:手机|电话|手机号|手机号码|电话号码|邮箱|微信|微信号)(?:是|[:：])\s*[\w@.+-]{5,}\s*[。.!！]*$/u, 0.95),
  R('update_contact', /\b(?:mark|tag|flag|set|list|record)\s+(?:him|her|them|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+as\s+(?:a |an |the |our )?(?:decision[- ]?maker|influencer|champion|gatekeeper|end user|blocker)\b/i, 0.96),
  R('correct_last', /^(?:(?:oops|sorry|paiseh|my bad|argh|ugh)[,!.\s]+)*(?:wrong (?:one|person|contact|account|guy|lady|day|date)|not (?:that|the right) (?:one|person))[,.!;\s-]+(?:it was|it's|it should be|should be|make it|i meant)\b/i, 0.96),
  R('log_complaint', /\b(?:called|rang|phoned|emailed|wrote|messaged|texted|came in|reached out)\s+(?:in\s+|us\s+|me\s+)?to\s+complain\b|(?:打电话|来电话|打来电话|发邮件|发微信)(?:来|过来)?(?:投诉|抱怨)/i, 0.96),
  R('log_interaction', /^(?:i |we )?(?:already|just) (?:e-?mailed|called|rang|phoned|sent|messaged|texted|visited|met|spoke|talked|saw|dropped)\b/i, 0.9),
  R('log_interaction', /\bgave (?:[\w@.'-]+ ){1,4}(?:a |another )?(?:call|ring|buzz|bell|quick call|quick ring)\b(?![^?]*\?)/i, 0.9),
  R('correct_last', /^(?:the|that) (?:visit|call|meeting|email|message|follow-?up|reminder|task|deal|amount|date|time) (?:was|is|should be|should have been) (?:in fact|actually|really)\b/i, 0.96),
  R('correct_last', /^(?:(?:nah|no|nope|wait|sorry|oops)[,!.\s]+)*(?:i mean(?:t)?|it'?s|it was|(?:it )?a)\s+[A-Z]?\w+(?:\s+[A-Z]\w+)?(?:\s+(?:i|we)\s+\w+(?:\s+(?:to|with))?)?,?\s+not\s+[A-Za-z]\w*[.!]*$/i, 0.96),
  // `bump the Acme SSO proposal one up to urgent`, `…嗰个task，唔急嘅，标低啲`: a task's priority changed.
  R('update_task', /\b(?:bump|move|push|put|mark|set|make|flag)\b[^?]{1,60}?\b(?:up |down )?(?:to|as)\s+(?:urgent|(?:high|top|low|normal) prio(?:rity)?)\b|(?:任务|待办|提醒|那个|那条)[^?？]{0,12}?[标调降放设]低(?:些|点|一点|一些)?(?=$|[，,。!！\s吧了])/i, 0.95, /[?？吗]/),
  // 华山的新药试用 已经报价了: a deal said to be quoted is at the proposal stage.
  R('update_opportunity', /^[^，,。;；]{2,16}?\s*(?:已经|已|都)(?:报价|报过价|报了价|发了报价|出了报价)(?:了|咯|啦|嘞|喽)?[。.!！~]*$/u, 0.95, /拜访|电话|见了|见面|聊|开会|[?？吗]/),
  // `peter at initech's a real champion for us`: a role said of someone.
  R('update_contact', /^(?:(?:heads up|fyi|btw|so|oh|also)[,:!]?\s+)?(?:[A-Z][\p{L}'-]+|[a-z]{3,})(?:\s+[A-Za-z][\p{L}'-]+)?(?:\s+(?:at|from)\s+[A-Za-z][\w&-]+)?(?:'s|\s+is)\s+(?:now\s+)?(?:a |an |our |the )?(?:real |true |big |great |strong |huge |definite |proper )?(?:champion|influencer|gatekeeper|blocker)\b/iu, 0.95, /\?/),
  // `move task 'Call Maria' to Friday 11:00`: a task named in quotes, moved.
  R('snooze_task', /\b(?:move|push|shift|reschedule|postpone)\s+(?:the\s+|my\s+)?(?:task|reminder|to-?do|follow-?up)\s+["'‘“][^"'’”]{2,60}["'’”]/i, 0.95, /\?/),
  // `globex expansion's gone up, make it 70k`: a deal's amount changed.
  // (`协和续约那一单 金额要改一下`: a deal's amount to change, the new one asked; `acme sso add-on's lookin like 30k now`: a deal at a new amount.)
  R('update_opportunity', /(?:那|这)一?(?:单|个单子|笔)[,，\s]*(?:的)?(?:金额|预计金额|价格|总价)(?:要|得|也|再|就|需要)?(?:改|调|变|更新|换)/u, 0.93, /[?？吗]/),
  R('update_opportunity', /^[\w' -]{2,40}?\b(?:deal|opp|add-?on|renewal|pilot|expansion|upsell|licen[cs]es?|rollout|upgrade|contract)\s+(?:is|'s)\s+now\s+(?:at\s+)?[$€£¥]?\d[\d,.]*\s*(?:k|m|grand|thousand|million)?\b/i, 0.93, /\?\s*$/),
  R('update_opportunity', /\b(?:gone|went|going|come|came) (?:up|down)\b[^?]{0,20}?\b(?:make it|to|now)\s+[$€£¥]?\d/i, 0.95),
  // `please create a task to send the SLA document for Maria tomorrow`: a reminder.
  R('schedule_followup', /\b(?:create|add|make|set|open|put in)\s+(?:a |an |me a )?(?:new )?(?:task|reminder|to-?do|follow-?up)\s+(?:to|for)\s+[a-z]/i, 0.95, /\?/),
  // `Maria Garcia from Globex, please add as contact`: a person to add.
  // (`can ya stick in a new contact for me - …`: a new contact put in, however it is said.)
  R('create_contact', /\b(?:stick|put|pop|throw|chuck|bung|slap|shove)\s+(?:in\s+)?(?:a\s+)?new\s+contact\b/i, 0.95, /\?\s*$/),
  R('create_contact', /\b(?:please\s+|pls\s+|kindly\s+)?add (?:him|her|them)?\s*as (?:a |new |a new )?contact\b|\bnew contact,? (?:please )?add\b/i, 0.95, /\?/),
  // `no surveys anymore please`: none of them from now on.
  R('opt_out', /\bno (?:more )?(?:satisfaction |nps |csat |feedback )?(?:surveys?|greetings|questionnaires?)\s+(?:any ?more|no more|from now on|going forward)\b/i, 0.9, /\?/),
  // (`Also for Wei Ling from Soylent please same, no greetings for her`, `The holiday greeting also no need lah`: none wanted, said short.)
  R('opt_out', /\bno\s+(?:(?:holiday|birthday|xmas|christmas|festive|more)\s+)?(?:greetings?|surveys?|cards?|wishes)\s+(?:for|to)\s+(?:her|him|them)\b|\b(?:greetings?|surveys?|cards?|wishes)\s+(?:(?:also|too|as well)\s+)?(?:no need|not needed|not necessary|unnecessary)\b/i, 0.9, /\?/),
  // (`and wei ling too but just the greetings for her`: the opt-out just recorded, for another person, of one kind.)
  R('opt_out', /^(?:(?:oh|ah|eh)[,\s]+)?(?:and|also|plus)\s+(?!(?:the|a|an|her|his|their|greetings|surveys)\b)[\p{L}.'-]+(?:\s+[\p{L}.'-]+)?\s+(?:too|as well|also)\b[^?]{0,40}?\b(?:just|only)\s+(?:the\s+)?(?:greetings|surveys|birthday|holiday|xmas|christmas)\b/iu, 0.9, /\?/),
  // (`Sarah she not want survey anymore from us`, `she no like the greetings`: wanting none, said without do.)
  R('opt_out', /\b(?:she|he|they)\s+(?:not|no|never)\s+(?:want|like|need)s?\s+(?:(?:any|the|our|more|no)\s+)*(?:satisfaction\s+|feedback\s+)?(?:surveys?|questionnaires?|greetings?|cards?)\b/i, 0.9, /\?/),
  // (`她不想在收了`: 再 typed as 在; she wants nothing more.)
  R('opt_out', /(?:她|他|他们|她们|人家)(?:说)?(?:不想|不要|不愿意?)(?:再|在)(?:收|接)(?:到)?了?(?:$|[,，。.!！\s])/u, 0.85, /[?？吗]/),
  // `requested not to send him any birthday or festival wishes`, `asked us to stop sending her surveys`.
  R('opt_out', /\b(?:asked|requested|told (?:us|me)|wants? us|would like us|has asked)\s+(?:us\s+|me\s+)?(?:not to|to stop|to no longer)\s+(?:send|email|text|message)(?:ing)?\s+(?:him|her|them)\b[^?]{0,30}?\b(?:greetings?|surveys?|wishes|cards?|messages|questionnaires?)\b/i, 0.9, /\?/),
  // `no more xmas cards or bday msgs for Peter at Initech`, `no more surveys to Wei Ling`: stop them, for whom is named.
  R('opt_out', /^(?:(?:pls|please|ok|so)[,\s]+)?no (?:more )?(?:(?:satisfaction|nps|csat|feedback|birthday|bday|b-day|holiday|christmas|xmas|festive|new year)\s+)?(?:surveys?|greetings?|questionnaires?|cards?|msgs?|messages?|wishes|emails?)(?:\s+(?:or|and|&|n|nor)\s+(?:(?:birthday|bday|b-day|holiday|christmas|xmas|festive|new year)\s+)?(?:surveys?|greetings?|cards?|msgs?|messages?|wishes|emails?))?\s+(?:for|to)\s+\p{Lu}/u, 0.9, /\?/),
  // `the maria globex thing is low priority`: a task named by what it is about, and its priority.
  R('update_task', /^(?:the|that|this|my)\s+[\w' -]{2,40}?\s+(?:thing|one|task|item|to-?do|reminder)\s+(?:is|'s)\s+(?:now\s+|just\s+)?(?:(?:low|high|top|normal)\s+prio(?:rity)?|(?:not\s+)?urgent)\b/i, 0.9, /\?/),
  // `Tom is tired of our surveys, stop them`: had enough of them.
  R('opt_out', /\b(?:(?:would|'d) (?:just as soon|rather|prefer(?: to)?) not|no longer (?:wants? to )?|(?:doesn'?t|don'?t|does not|do not) (?:want|wish|care) to|asked (?:us )?not to)\s+(?:get|receive|be sent|have)\b[^?]{0,30}?\b(?:greetings?|surveys?|questionnaires?|birthday (?:cards?|messages?|wishes)|holiday (?:cards?|messages?|wishes))\b/i, 0.9, /\?\s*$/),
  R('opt_out', /\b(?:is |are |'s |'re )?(?:tired of|fed up with|sick of|annoyed (?:by|with)|had enough of|done with|finished with|through with|over)\s+(?:our|the|all (?:the|our|these)|these|those|your)\s+(?:surveys?|greetings|questionnaires|birthday (?:messages|cards)|holiday (?:messages|cards|greetings)|nps|csat)\b(?!.*\?)|(?:问卷|调查|祝福|问候|短信)[^，,。]{0,4}(?:烦死了|太烦|烦了|受不了)/i, 0.9),
  R('opt_out', /(?:说|讲)(?:以后|今后)?(?:都)?(?:不要|别|不用|不想)(?:再)?(?:收|发|给他发|给她发)?(?:问卷|调查|满意度(?:调查)?|祝福|问候|贺卡)了?(?:$|[,，。.!！\s])/, 0.9, /[?？吗]/),
  R('correct_last', /^(?:scratch that|strike that|correction|(?:pls |please )?(?:fix|correct|amend|edit) (?:the |my )?(?:last|previous) (?:one|entry|record|log|note))[,:;.!—-]+\s*\S.{3,}/i, 0.96),
  R('correct_last', CORRECTION_RE, 0.85),
  // `Maria's birthday is on March 14, not in December`: a detail of a person's, said right (not a correction of the last write).
  R('update_contact', /^(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?[A-Z][\p{L}'-]+(?:\s+[A-Z][\p{L}'-]+){0,2}'s\s+(?:new\s+)?(?:birthday|bday|b-day|email(?: address)?|e-mail|phone(?: number)?|mobile(?: number)?|cell(?: number)?|title|job title|position)\s+(?:is|=|:)\s*\S/u, 0.9, /\?/),
  R('correct_last', CORRECTION_NOT_Y_RE, 0.8),
  R('create_contact', /\badd\b.{1,40}?\bto (?:the |my |our )?(?:[\w&.-]+\s+)?(?:contacts|contact list|crm)\b|(?:加|添加|存|放|录)(?:到|进|入|为|成)(?:我的)?(?:通讯录|联系人)|\b(?:add|save|create|enter|put in)\s+(?:a\s+)?(?:new\s+)?(?:person|someone|contact)\b(?!.*\?)|\b(?:need to |pls |please )?add (?:a |an )?(?:new )?contact\b|加个人[:：]|(?:加|添加|新增|录)(?:一)?个人(?=\s|[:：,，]|$|[A-Za-z])|录(?:一)?个?联系人|加(?:一)?个[\u4e00-\u9fa5A-Za-z]{1,8}的联系人|^(?:please\s+)?(?:add|new|create)\s+(?:a\s+)?(?:new\s+)?contact\b|^add (?:dr|mr|ms|mrs|prof)\.?\s+\w+ to\b|(?:新增|新建|添加|创建|加个?|(?<!更)新)\s*联系人|(?:新建|新增|添加|创建|加)(?:一个|个)?客户联系人|(?:加一下|加进去|录进去|存进去|存一下)[!！。]*$/i, 0.92),
  R('create_opportunity', /(?:新建|新增|创建|新开|建|开|加|录|添加)(?:一|1)?个?(?:新)?(?:单子?|商机|机会|项目|deal|opp)|(?:新建|新增|创建|建|录|加|添加)(?:一|1)个[^，,。]{1,12}?的(?:新)?(?:商机|单子|deal|opp)|\b(?:add|new|create|open)\s+(?:a\s+)?(?:new\s+)?deal\b|\bcreate (?:a|an) (?:deal|opp)|^opp\b|\b(?:new|create|creating|add|adding|open|opening|log)\s+(?:a\s+|an\s+)?(?:new\s+)?(?:opp|opportunity|deal|lead)\b|(?:新建|新增|创建|加一个|加个|新)\s*(?:商机|机会)/i, 0.92),
  R('create_account', /\bnew acct\b|\b(?:create|add|new|open)\s+(?:a\s+)?(?:new\s+)?(?:company|customer|client|organi[sz]ation)\b(?!\s+contact)|(?:录|设|加|建)成客户|(?:新建|新增|添加|创建|加|录)(?:一|1)?(?:家|个)(?:新)?(?:医院|客户|公司|诊所|药店|药房)(?!.{0,3}(?:联系人|的))|\bto (?:the )?accounts\b|加个?[ABC]类客户|\b(?:new|add|create|register)\s+(?:a\s+|an\s+)?(?:new\s+)?(?:account|acct|customer|client)\b|\bas a new account\b|(?:新建|新增|添加|创建|加一个|加个)\s*客户(?!\s*(?:联系人|分级))|^新客户|^建档/i, 0.92),
  // "add S. Chen at Acme Corp", "add Megan Bowen from Contoso": a capitalised person at a capitalised company.
  // 心内科新来了个周主任…帮我加上: someone new, then "add them".
  R('create_contact', /新(?:来|认识)(?:了)?(?:个|一个|一位|的)[^?？]{2,40}?(?:帮我|麻烦|给我)?(?:加上|加一下|加进[去来]|录一下|录进[去来]|存一下|存上|记上|记一下|记下)(?:吧|哈|啊)?[.!。！]*$/, 0.9),
  R('create_contact', /^(?:(?:[Oo]k(?:ay)?|[Ss]o|[Hh]ey|[Pp]ls|[Pp]lease|[Cc]an you|[Cc]ould you|[Cc]an u|[Cc]ould u|[Kk]indly)[,!]?\s+)*[Aa]dd\s+(?:(?:Dr|Mr|Ms|Mrs|Prof|Eng|Engr|Sheikh|Sr|Sra|Dott|Ing)\.?\s+)?(?:[A-Z]\.\s*)?[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?(?:,\s*[^,]{2,40}?)?\s+(?:at|from|of|@)\s+[A-Z]/, 0.9),
  R('update_contact', /(?:职务|职位|电话|手机|邮箱|角色)(?:变更|更改|修改|调整|改成|改为|换成|调成|设成|设为)(?:为|成)?|\b(?:birthday|bday|b-day|dob)\b(?!.*\b(?:greetings?|cards?|wish(?:es)?|messages?)\b)|\b(?:got |was )?bumped up to (?![$¥€£\d])|\b(?:promoted to|got promoted|was made|(?:is|'s) the new|now works (?:at|for)|joined|jumped ship|switched (?:jobs|companies)|tag \w+(?: \w+)? as)\b|生日(?!祝福|问候|贺卡)|升职|提拔|被提成|升成|晋升|跳槽|跳去|调去|离职|设成(?:决策人|支持者|影响者|把关人|使用者)|\b(?:update|change)\b.*\b(?:phone|mobile|number|email|title|role)\b|'s (?:new )?(?:phone|mobile|number|email|title|role)\b|\bnew (?:number|phone|mobile|cell|email|e-mail)\b|\bis now\b|\bmoved to\b(?!.*\b(?:stage|negotiation|proposal|analysis|qualification)\b)|\b(?:set|mark)\b.*\bas (?:a |the )?(?:decision[- ]maker|champion|influencer|gatekeeper|user)\b|(?:修改|更新|改).*(?:电话|手机|邮箱|职位|职务|号码)|(?:电话|手机号?|邮箱|职位|职务)(?:改成|改为|更新为|换成)|(?:设为|标记为|设置为)(?:决策者|影响者|支持者|把关人|使用者|关键人)|升为|升任|调到|跳槽到|更新联系人/i, 0.9),
  R('pipeline_summary', /按阶段(?:汇总|统计|列出|看一?下?)|在跟(?:的)?(?:项目|商机|单子)|\bopps\b|\bopportunities\b|\b(?:closing|landing|close) (?:in|this|next|by)\b|\bdeals?\b.{0,20}\b(?:close|closing)\b|\bfunnel\b|单子(?:都|的进展|到哪)|卡在|要成交|商机$|手上的单|哪些单|pipeline|forecast|\bdeals? (?:in|closing|by)\b|(?:单子|商机)(?:汇总|总结|统计|列一下|列个表)|汇总.{0,4}(?:单子|商机)|\bwhat deals\b|\bopen (?:opportunities|opps|deals)\b|\bhow much is in\b|漏斗|预测|商机(?:汇总|情况|有哪些|列表)|(?:阶段|所有)的?商机|^所有商机|赢单了多少|多少商机/i, 0.9),
  R('update_opportunity', /金额(?:调|改|涨|降|变|加|减)(?:整)?(?:到|成|为)|^(?:那|这)?(?:个|单)?(?:金额|预计金额)(?:也|再|就)?(?:改|调|变|更新|换)(?:一下|下)?[,，\s]*(?:到|成|为)?\s*[\d一二两三四五六七八九十百千万.]+(?:万|w|k|元|块)?|\b(?:is|are|now|moved|got) (?:at|in|to) (?:the )?(?:qualification|needs analysis|proposal|negotiation)(?: stage)?\b(?![^?]*\?)|\bwent (?:with|w\/) (?:a |an |another |the )?(?:competitor|incumbent|vendor|someone else|other (?:vendor|guys))|\b(?:is|it's|its|deal's) dead\b|\bfell through\b|\bwe (?:closed|won|lost|signed)\b|\bclos(?:e|ing) date\b|expected close|成交时间|签约时间|关单时间|预计成交|(?:那|这)单|单子(?:的)?(?:金额|阶段|时间)|(?:挪|推进?|改|调)到.{0,4}阶段|\b(?:move|advance|push|set stage|mark|update|change)\b.*\b(?:to|as)\b.*\b(?:qualification|needs analysis|proposal|negotiation|closed[- ]?(?:won|lost)|won|lost)\b|\bclosed[- ]?(?:won|lost)\b|\bwe (?:lost|won)\b|\bmoved to (?:qualification|needs analysis|proposal|negotiation)|\b(?:update|change)\b.*\bamount\b|推进到|进入.*阶段|(?:改成|改为|更新为|设为|推到)(?:需求分析|方案|报价|谈判|资格审查|初步接触|赢单|成交|丢单|输单)|回到(?:初步接触|资格审查|需求分析)|赢单了|丢单了|输单了|成交了|(?:签了|赢单|成交|拿下了)(?:[!！✌\s]|🎉|👏)*$|金额(?:改为|改成|更新为|为)|商机金额/i, 0.9),
  R('kpi_report', /\bhow(?:'s| is) [a-z]+ doing\b|(?:拜访|见|跑|去)(?:过|了)?(?:几趟|多少趟)|(?:有|一共|总共|共)?(?:去)?(?:拜访|见|跑|打)(?:了|过)?(?:客户|电话)?(?:几|多少)(?:次|回)(?!.*(?:提醒|记))|(?:nps|csat|满意度).{0,4}(?:咋样|怎么样|如何|多少)|\bcall volume\b|\bcoverage\b|\b[a-z]+'s numbers\b|\bhitting (?:his|her|their|my|our) (?:numbers|quota|target)\b|\bsla\b|\bresponse time\b|\bwin rate\b|\bwhat % of deals\b|多少次|多少回|多少家|几个客户|推荐值|净推荐|赢率|赢单比例|响应.{0,4}sla|\bkpis?\b|\bquota\b|\bperformance\b|\bvisit count\b|\bhow many (?:calls|visits|meetings)\b|\bscorecard\b|业绩|拜访量|完成率|拜访次数|多少(?:个)?电话|指标|绩效|kpi/i, 0.9),
  R('list_at_risk', /\b(?:accounts?|customers?|clients?)\b[^?.!]{0,30}\b(?:dicey|shaky|wobbly|dodgy|iffy|in trouble|on thin ice|on the rocks|going south|at risk|in danger|worrying|worrisome|concerning)\b|冷下来|变冷|凉了|\b(?:accounts?|customers?|clients?)\b.{0,20}\bslipping\b|\bwhy (?:is|are|'s)\b.{1,40}\b(?:red|flagged|at[- ]risk|risky|cold)\b|\bgone (?:quiet|dark|cold|silent)\b|\bdormant\b|\bno (?:activity|contact|touch(?:es)?)\b|\bhaven'?t (?:touched|contacted|heard|talked)\b|\bhasn'?t heard\b|\bhasnt heard\b|\bin a while\b|\bflagged?\b|\bred flag\b|\bcooling off\b|不太稳|冷掉|沉睡|没(?:拜访|跟进|互动|联系|动静)|好久没|亮红灯|风险名单|高风险|为[啥什么].{0,8}(?:风险|risk|flag)|at[- ]risk|\bchurn|going cold|\bno contact in\b|\brisky\b|流失|风险|预警|快丢了|很久没(?:拜访|联系)/i, 0.9, /还有(?:什么|啥|哪些)没(?:跟进|做|搞定)|(?:任务|待办)|\brfm\b/i),
  R('segment_customers', /\brecency\b|排(?:个|一下)?名|排行|\bby tier\b|\bcustomer mix\b|客户结构|客户分布|\b[abc][- ]tier\b|\btop \d+ (?:accounts|customers|clients)\b|\bbest customers\b|\bspends? the most\b|\bbiggest (?:spenders|customers|accounts)\b|\bmost valuable\b|\bwhales\b|\bkey accounts\b|\bhigh[- ]value\b|大客户|核心客户|头部客户|前[十\d]+大?客户|最有价值|贡献最大|买得最多|金额最高|按.{0,10}分(?:一下|层|级|组)|\bsegment|\btier [abc]\b|\brfm\b|\btop customers\b|\bgroup\b.*\bcustomers\b|分级|分层|分群|[abc](?:类|级)(?:客户|医院)|[abc]类|重点客户/i, 0.9),
  // 李主任的手机号是138…，记一下: a detail of a person's, given to be kept, is their record's.
  R('update_contact', /(?:手机号?|电话号码?|号码|邮箱|微信号?|生日)(?:码)?(?:是|[:：为])\s*[\w@.+-]{3,}.{0,8}?[,，\s]*(?:帮我|麻烦)?(?:记一下|记下|记上|存一下|存下|记一笔|更新一下)(?:吧|哈)?[.!。！]*$/, 0.9),
  // `and her mobile is +65 9123 4567`, `他的新邮箱是…`: a detail of someone just talked about.
  R('update_contact', /^(?:(?:oh|ah|ok)[,\s]+)?(?:(?:and|also|plus)\s+)?(?:his|her)\s+(?:new\s+)?(?:mobile|cell(?:phone)?|phone(?: number)?|number|email(?: address)?|e-mail|title|birthday|bday|job title|position|wechat)(?:\s+(?:is|=|:)|'s)\s*\S|^(?:还有|另外|对了)?[,，\s]*(?:他|她)的?(?:新)?(?:手机号?|电话号码?|号码|邮箱|微信号?|生日|职务|职位)(?:码)?(?:是|[:：为])\s*\S/i, 0.93),
  // `…孙立新医生…手机…，帮我建个档`, `人民医院刘洋 刘医生 加进去 手机…`: someone described, then "put them in".
  R('create_contact', /(?:^|[\s,，.。])(?:帮我|给我|麻烦|帮忙)?(?:建个档|建档|建一个档|建个联系人|存个联系人|录进系统|加进去|加进来|录进去|加到通讯录)(?:吧|嘛|哈|啊|呗)?(?:$|[\s,，.。!！])/u, 0.9, /[?？吗]/),
  R('update_contact', ROLE_STATEMENT_RE, 0.9, /^(?:who|which|what|is there)\b|\?|？|谁|哪/i),
  R('decision_chain', /要(?:经)?过(?:哪几个|哪些|几个)人|(?:哪个|哪位|谁)(?:是)?(?:把关人|把关的|拍板的|决策人)|\bwhose (?:call|decision|sign-?off)\b|\bapproval (?:hierarchy|chain|process|path)\b|\bwho (?:actually |really |else )?(?:decides|signs|approves|has the final say|calls the shots|holds the budget)\b|\b(?:do we have|is there|have we got|any)\b.{0,20}\b(?:champion|influencer|gatekeeper|decision[- ]?maker|sponsor|ally|allies)s?\b|\bgatekeeping\b|\bwho(?:'s| is)? (?:the )?(?:gatekeeper|champion|sponsor)\b|(?:谁|哪位)(?:是|在)?(?:支持|帮)我们|\bdecision process\b|\binfluencers?\b|\bchampions?\b.{0,12}\?|谁(?:做主|拍板|决定|说了算|签字)|关键人物?|决策链|内线|谁是.{0,4}(?:使用者|影响者|支持者|决策|把关人|内线)|decision[- ]?makers?\b|decision chain|signs? off|buying committee|\bchampion at\b|stakeholders|\binfluences?\b|org chart|gatekeeper at|决策|说了算|组织架构|支持者|影响者|拍板/i, 0.9),
  R('snooze_task', /(?:推后|往后推|往后挪|延后|推迟|顺延|挪后)(?:[一两三四五六七八九十\d]+|半)?个?(?:天|周|礼拜|星期|月|小时)|(?:^|[\s,，的])(?:推|挪|延)(?:个|了)?(?:[一两三四五六七八九十\d]+|半)个?(?:天|周|礼拜|星期|月|小时|钟头)|\b(?:bump|move|push|pull|shift|shove|slide|kick|punt|bounce)\s+(?:the\s+)?[\w -]{1,30}?\s+(?:up |back |out |forward )?to\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b(?![^?]*\?)|\b(?:pull|bring|move)\s+(?:the\s+)?[\w -]{0,30}?\b(?:task|reminder|to-?do|follow-?up)\s+(?:in|up|forward)\s+to\b|\bsno+ze?\b|\b(?:bump|slide|move|delay|kick|shove|push)\b.{1,40}\b(?:by )?(?:\d+|a|an|one|two|three|few|a couple of|a couple|couple of)\s*(?:hrs?|hours?|days?|d|weeks?|wks?)\b(?!\s*(?:ago|before))|\b(?:shift|push|extend|postpone|put off)\s+(?:it|the\s+[\w -]{0,30}?(?:task|reminder|to-?do|follow-?up))\s+(?:out\s+|back\s+)?by\s+(?:\d+|a|an|one|two|three|few)\s*(?:hrs?|hours?|days?|d|weeks?|wks?)\b|\b(?:extend|shift|push|move|postpone)\b.{0,40}\b(?:task|reminder|to-?do|follow-?up)\b.{0,12}?\b(?:up to|until|till|to)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b(?![^?]*\?)|\b(?:task|reminder|to-?do|follow-?up)\b.{0,60}\b(?:be |been )?(?:rescheduled|postponed|pushed back|moved|shifted|delayed)\s+(?:back\s+|out\s+)?(?:to|until|till)\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|next)\b(?![^?]*\?)|(?:晚|推|延|拖|缓)(?:[一两三四五六七八九十\d]+|几|半)个?(?:天|日|周|星期|礼拜|月)|\bpush\b.{1,40}\b(?:\d+|a|an|one|two|few)\s*(?:hrs?|hours?|days?|d|weeks?|wks?|mins?)\b|\bbump (?:it|that|this)\b|\b(?:move|push|shift) (?:it|that|this)(?: one)? (?:to|till|until)\b|\b(?:bump|slide|shift|move|push)\b.{1,40}\b(?:task|reminder|to-?do)\b.{0,10}\b(?:to|till|until|by)\b|\bkick (?:it|that) down the road\b|\bmove (?:the|that|this|my)\b.*\b(?:to|till|until)\b|\bremind me again\b|再拖|拖[一两三\d]|往后挪|挪到|顺延|\bpush(?:ed)?\b.*\bback\b|\bback (?:a|one|two|\d+) (?:day|week)s?\b|\bsnooze|\bpostpone|\bprepone\b|\bpush\b.*\bto\b|\bdelay\b|\breschedule|\bmove the\b.*\btask\b|\b(?:push|bump|shift|move|postpone|delay|reschedule)\s+(?:the|my|that)\s+[\w' -]{1,30}?\s*(?:task|reminder|to-?do|follow-?up)\s*(?:$|[?.!,;])|\bremind me later\b|推迟|延后|延期|推到|往后推|改到|提前到|挪前|稍后提醒|晚点提醒/i, 0.9, /clos(?:e|ing) date|expected close|\bdeal\b|\bopp\b|成交|签约|关单|那单|这单|单子|阶段|商机/i),
  R('complete_task', /已(?:办结|办妥|处理完毕)|(?:那条|那个|的)?(?:todo|task|任务|待办|提醒)?\s*(?:done了?|搞定了?|做完了?啦?|完成了?啦?|弄完了?|整完了?|(?:办)?妥了)(?:[!！~～✅\s]|冲|哈|啦|了)*$/i, 0.85, /[?？吗]|还有|哪些|没(?:有)?(?:done|搞定|做完|完成)|拜访|电话|见面|开会|微信|短信|邮件|确认了|聊了|谈了/),
  R('complete_task', /\s[-–—:]\s*(?:all\s+)?(?:sorted|done|finished|completed)\b(?:[\s.!✅]|✔️)*$/i, 0.85),
  R('complete_task', /^(?:pls |please )?(?:complete|completed|close|finish|finished)\s+(?:the\s+)?(?:task|todo|to-do|reminder)\b/i, 0.9),
  // `sent the revised quote off, tick that task off would you`: crossed off, said of what was done.
  R('complete_task', /\b(?:tick|cross|check|strike|mark)\s+(?:it|that|this|the)(?:\s+(?:task|one|reminder|to-?do))?\s+(?:off|done|as done|complete)\b/i, 0.93, /\?\s*$/),
  R('complete_task', /^(?:ok |yep |yes )?(?:did it|all done|that'?s done|done and done|completed|finished it)\b|^(?:ok,? |so |fyi,? )?(?:the |my )?[a-z][\w -]{2,40}? (?:is|are|'s) (?:all )?(?:finished|done|completed|wrapped up|sorted)[.!]*$|^close out\b|^(?:✔️|✅|☑️|✔)+\s*done\b|\bclose out\b.*\btask\b|\b(?:tick|check|cross) (?:it |that )?off\b|(?:搞定|弄好|办完|做完|完成|整完|弄完|搞完)了?(?:✅|✔️|✔|[!！。吧])*$|(?:那条|任务|待办|那个)(?:就)?结了吧?$|勾掉|划掉|(?:任务|待办).{0,4}done|^done\b|\btask\b.*\b(?:is )?(?:done|complete|completed|finished)\b|\bmark\b.*\b(?:as )?(?:done|complete|completed)\b|^(?:completed|finished|close task|tick off|check off)\b|完成任务|任务(?:已经)?完成|(?:已经)?完成了$|^完成|搞定了|做完了|标记完成|标记为完成/i, 0.9, /没完成|未完成|完成情况|完成率|(?:前|之前|以前|要|得|记得|帮我|赶紧)把[^，,。；;]{1,14}$|\b(?:sooner|earlier|faster|move|push|reschedule|postpone)\b|提前|推迟|改到|挪到/i),
  R('list_tasks', /\b(?:open|outstanding|pending|overdue)\s+(?:actions|action items)\b|\bactions? (?:\w+ )?(?:has|have|got) outstanding\b|要做(?:的|啥|什么)|(?:要|需要)跟进的(?:事|事项|事情)|有什么要做|\bwhat'?s due\b|\bwhats due\b|\bon (?:\w+'s|my) list\b|\bwhat'?s pending\b|\bto ?do\b|要跟进谁|还有(?:什么|啥|哪些)没(?:跟进|做|搞定)|\btasks?\b|\bwhat(?:'s| is) due\b|\bdue (?:today|this week|tomorrow)\b|\bto-?dos?\b|\boverdue\b|\bfollow-ups\b|\bon my plate\b|\bwhat do i have\b|\bwhat do i need to\b|待办|任务|逾期|过期|要做什么/i, 0.9, /^(?:caught up|met|called|spoke|talked|visited|had (?:a )?(?:call|meeting|chat)|emailed|pinged)\b/i),
];

const SCHEDULE_RE = /\bdon'?t (?:let me )?forget\b|^(?:pls |please )?(?:drop|swing|stop|pop) (?:by|in|over)\b(?!.*\b(?:yesterday|earlier|today|this morning|last)\b)|\bneed 2\b|\bnudge\b|\bcircle back\b|\bget back to\b|\btouch base\b|\bin \d+ (?:days|weeks)\b|^(?:visit|call|email|text|send|drop off|go see|meet)\b|\barrange\b|\bplan (?:a |to )|\bremind|\breminder|\bfollow[- ]?up\b|\bschedule\b|\bbook (?:a|an)\b|\bping\b|\bneed to\b|\bcheck in\b|\bset (?:a )?follow/i;
const SCHEDULE_ZH_RE = /提醒|跟进|安排|约一下|预约|约个|约.{0,6}(?:lunch|call|饭|见面)|有空.{0,6}(?:发|打|问)|问问近况|过[一二两三\d]+(?:周|天)再/;
const LOG_START_RE = /^(?:(?:whatsapp|wechat|sms|msg|dm|txt|text|slack|demo|fwd|e?mail)(?:'d|ed|d)\b|txt to|calld|visitd|emaild|jot(?:ted)? down|make a note|site visit|ran (?:a|an|the) (?:demo|meeting|workshop)|replied|touched base|call w\b(?![^,.;]*\b(?:tomorrow|tmrw|next|later|upcoming|tonight)\b)|demo (?:went|done|with)|log(?:ged)?|called|phoned|rang|visited|met|had|just had|spoke|talked|emailed|sent|messaged|texted|note|quick note|call w(?:ith|\/)(?![^,.;]*\b(?:tomorrow|tmrw|next|later|upcoming|tonight)\b)|quick call|short call|visit\b|meeting with|(?:mtg w(?:ith|\/)|(?:quick |short )?sync(?:ed)? (?:with|w\/))(?![^,.;]*(?:\b(?:tomorrow|next|later|upcoming|calendar|schedule)\b|\d\s*(?:am|pm)\b|\d:\d\d))|lunch with|coffee with|dinner with|caught up with|dropped by|stopped by|swung by)/i;
const LOG_ZH_RE = /刚(?:刚|才)?(?:见过|拜访过|聊过|通过电话)|(?:去|到|跑)[^,，。?？]{0,8}?看了看?(?=[^,，。?？]{0,4}(?:医生|主任|经理|老师|总|科长|院长|[A-Z]))|看望了|探望了|(?:sync|对齐|碰)了(?:一下|下)?|已(?:电邮|致电|拜访|发送|联系|与)|跟了?.{0,8}台|从.{1,10}回来|(?:微信|电话|短信|邮件|钉钉)(?:里|上|中)(?:说|讲|提到|反馈|回复)|(?:微信|电话|短信|邮件|钉钉)(?:说|讲|提到|反馈)|来(?:了个?|过)?电话|打来(?:了)?(?:电话)?|来电|拜防|喝了?.{0,2}(?:咖啡|茶)|吃了?.{0,2}饭|做了?.{0,4}(?:demo|演示)|演示了|通话|拜访|打了?电话|电话沟通|通了电话|开了?.{0,2}会|见(?:了|过)?(?:一|个)?面|聊了|发了|记录一下|记一下|沟通了|去了|回访了/;
const INTERACTION_EN_RE = /\b(?:visit(?:ed)?|call(?:ed)?|met|meeting|email(?:ed)?|messaged|spoke)\b/i;
/** `没有什么新情况`, `no news`: a report that nothing changed, not a question about it. */
const NO_NEWS_RE = /(?:没有|没|无|莫得)(?:什么|啥子?|甚么|特别的?)?(?:新的?)?(?:情况|进展|动态|消息)|\bno (?:news|updates?)\b|\bnothing new\b/gi;
const OVERVIEW_RE = /\bhow'?s\s+\S+(?:\s+\S+)?\s+(?:doing|doin|lately|these days|going)\b|\bhow is\s+\S+(?:\s+\S+)?\s+(?:doin|lately|these days)\b|现在啥状态|那边|那块|进展|还好吧|最近如何|讲讲|聊聊|什么情况|\bstatus\b|any news|any movement|anything new|holding up|\blooking\b|\blatest\b|pull up|rundown|what's new|whats new|catch me up|^查看|^看看|tell me about|overview|latest on|going on with|update on|status of|summary (?:for|of)|^show me\b|how is .+ doing|brief me|what do we know|history with|^info on|情况|怎么样|介绍一下|概况|资料|动态|查一下|讲讲|信息|近况/i;

function classify(t: string, lang: 'en' | 'zh', ctx: Ctx): { intent: IntentName; conf: number } {
  for (const r of RULES) {
    if (r.re.test(t) && !(r.not && r.not.test(t))) return { intent: r.intent, conf: r.conf };
  }
  // interactions vs follow-ups
  if (LOG_START_RE.test(t)) return { intent: 'log_interaction', conf: 0.88 };
  // A Chinese report says what was done (了/过) before what is next: 给X打了电话，约下周见面 is a report.
  if (LOG_ZH_RE.test(t) && /了|过/.test(t) && !/^(?:提醒|记得|别忘|帮我(?:设|定))/.test(t)) return { intent: 'log_interaction', conf: 0.85 };
  if (SCHEDULE_RE.test(t) || SCHEDULE_ZH_RE.test(t)) return { intent: 'schedule_followup', conf: 0.88 };
  if (LOG_ZH_RE.test(t)) return { intent: 'log_interaction', conf: 0.85 };
  if (OVERVIEW_RE.test(t.replace(NO_NEWS_RE, '')) && (ctx.hasEntity || lang === 'en')) return { intent: 'account_overview', conf: 0.8 };
  if (ctx.hasEntity && INTERACTION_EN_RE.test(t)) return { intent: 'log_interaction', conf: 0.7 };
  return { intent: 'unknown', conf: 0.2 };
}

/** Every cue lexicon that fires on the message (evidence for the classifier, not a verdict). */
function cueHits(t: string, lang: 'en' | 'zh', ctx: Ctx): string[] {
  const out: string[] = [];
  for (const r of RULES) if (r.re.test(t) && !(r.not && r.not.test(t))) out.push(r.intent);
  if (LOG_START_RE.test(t)) out.push('log_start');
  if (SCHEDULE_RE.test(t)) out.push('schedule_en');
  if (SCHEDULE_ZH_RE.test(t)) out.push('schedule_zh');
  if (LOG_ZH_RE.test(t)) out.push('log_zh');
  if (OVERVIEW_RE.test(t.replace(NO_NEWS_RE, ''))) out.push('overview');
  if (INTERACTION_EN_RE.test(t)) out.push('interaction_en');
  if (PAST_EN_RE.test(t)) out.push('past_en');
  if (PAST_ZH_RE.test(t)) out.push('past_zh');
  if (FUTURE_RE.test(t)) out.push('future');
  const first = classify(t, lang, ctx);
  out.push('first:' + first.intent);
  return out;
}

/** Asking to record something is a report, whatever the tense of the rest (`log visit with …`). */
const REPORT_CMD_RE = /^(?:pls |please )?(?:log|logging|note|notes|record|jot|nb|fyi|add (?:a )?note)\b|记录|记一下|记一笔|记下|记个事儿?|备注|录一下/i;
const PLAN_START_RE = /^(?:(?:asap|urgent|high prio(?:rity)?|low prio(?:rity)?|not urgent|important|fyi)\b[\s:,!-]*)?(?:pls |please )?(?:need (?:to|2)|gotta|must|have to|to ?do|book|visit|call|email|send|get|grab|prep|prepare|draft|finish|submit|share|deliver|touch base|circle back|get back|nudge|ping|follow up|remind|schedule|set up|arrange|drop by|swing by|check in)\b/i;
const PLAN_ZH_RE = /^拟|拟(?:在|于|定)|(?:拜访|联系|问问|聊聊|确认|跟进|沟通|sync|call|ping|对齐|book)一下(?!.*了)|(?:打|约|发|回|见|开|送|找|排|book|订)个(?!.*了)|再(?:去|问|找|约|联系|拜访|打)|记得|别忘了|要去|要上门|准备|打算|计划|尽快|安排|过[一二两三四五六七八九十\d]+天|有空|回头|下次|到时候|得去|要给|得给/;
const SCORE_ANY_RE = /(?:^|[^\d.])(?:10|[0-9])\s*(?:分|\/\s*(?:5|10)|out of (?:5|10))|(?:nps|csat|satisfaction|recommend|满意度|推荐|score|rating)\s*(?:is|of|[:：=])?\s*(?:10|[0-9])\b|(?:打|给)个?[一二三四五六七八九十\d]+分|^(?:ten|nine|eight|seven|six|five|four|three|two|one|zero)[.!]*$|\b(?:a solid|i'd (?:say|give it)|i'd put)\s+(?:a\s+)?(?:10|[0-9])\b/i;
const NEW_ACCOUNT_RE = /\bnew acct\b|\bcreate (?:an? )?(?:acct|account)\b|\bas (?:a )?new (?:account|customer|client)\b|\bto (?:the )?accounts\b|\b(?:add|new)\b[^,]{1,30},?\s*tier[- ]?[abc]\b|(?:加|新增|新建|录)(?:一个|个)?.{0,4}客户/i;
const PIPELINE_Q_RE = /\b(?:in|at) (?:the )?(?:qualification|needs analysis|proposal|negotiation)\b|\b(?:qualification|needs analysis|proposal|negotiation) (?:stage )?(?:deals|opps)\b|\bstage deals\b|\b(?:closing|close|landing) (?:this|next) (?:week|month|quarter|year)\b|\bbucket\b|\bstuck in\b|\bdeals (?:at|in|we)\b|(?:阶段|漏斗)的?(?:单子|商机|项目)|(?:本|这个?|下个?)(?:月|季度|周)(?:要|能|预计)?(?:签|成交|关单)/i;
const COUNT_QUESTION_RE = /多少[次通回个家单位]?|几[次通回个家单位场]|\bhow many\b|\bnumber of\b|\bcount\b/i;
const METRIC_CUE_RE = /\b(?:avg|average|mean)\b|\bcsat\b|\bnps\b|net promoter|win[- ]?rate|close rate|conversion rate|\bnumbers\b|scorecard|\bstats\b|\bpacing\b|hitting (?:his|her|their|my|our)? ?(?:numbers|quota|target)|\bquota\b|\bkpis?\b|平均|满意度|赢单率|成交率|完成率|达成率|业绩|指标|绩效/i;
const BARE_FILLER_RE = /\b(?:status|latest|update|updates|info|pls|please|now|again|account|overview|backlog)\b|情况|近况|最新|怎么样|咋样|如何|资料|信息|吧|呢|啊|哈/gi;
const MOVED_RE = /现在在.{1,8}(?:上班|工作)|\b(?:now works? (?:at|for)|works (?:at|for) \w+ now|moved (?:over )?to|joined|switched (?:jobs|companies)|left \w+|is (?:at|with) \w+(?: \w+)? now|'s (?:at|with) \w+ now|went to work for)\b|跳槽|调到|去了\S{1,6}(?:工作|上班)|换到|离职/i;
const PROMOTED_RE = /升了(?=.{0,6}(?:现在是|是|当|做))|\b(?:(?:got |was |been )?bumped up to (?![$¥€£\d])|promoted|was made|got made|became|has become|(?:is|'s) the new|is now (?:the |a |an )?(?:head|vp|director|manager|chief|lead|ceo|cfo|cto|coo)|moved up to|stepped up as)\b|升职|升为|升任|提拔|被提成|当上|升成|晋升/i;
const DEAL_CHANGE_RE = /\b(?:have|'ve|has|'s)\s+gone (?:another|a different|the other) way\b|\bgone elsewhere\b|\b(?:is|'s|are|now)\s+(?:at|in)\s+(?:the\s+)?(?:qualification|needs analysis|proposal|negotiation)(?:\s+(?:stage|phase))?\b(?![^?]*\?)|\bwent (?:with|w\/) (?:a |an |another |the )?(?:competitor|incumbent|vendor|someone else|other (?:vendor|guys))|\b(?:is|it's|its|deal's) dead\b|\bfell through\b|\bwe (?:closed|won|lost|signed)\b|->|→|\b(?:bump(?:ed)?|up(?:ped)?|cut|drop(?:ped)?|lower(?:ed)?|raise[ds]?) (?:it |the amount |the deal )?to\b|\bpushed to\b|\bslipp?(?:ed)? to\b|\bclose (?:date )?moved\b|\blost\b.{1,40}\bto\b|\bwent with (?:a |the )?(?:competitor|incumbent|someone else)|\bpicked (?:a )?competitor|\bsigned with someone else|\bto (?:negotiation|negotiaton|proposal|qualification|needs analysis)\b|推迟到.{0,6}签|提前到|成交日期|签约日期|丢了|输给|选了(?:竞品|别家)|金额(?:调|改|变)|调到\d|改到.{0,4}阶段|\bstage\s*(?:改|调|推|挪)(?:到|成|为)|\bamount\s*(?:改|调)(?:成|到|为)/i;
const PAST_EN_RE = /\b(?:[a-z]{3,}ed|met|had|spoke|sent|went|got|told|said|saw|took|gave|made|did|was|were|just|already|sat|caught|came|ran|heard|brought|paid|rang|wrote|left)\b/i;
const EN_DAY = String.raw`(?:(?:last |this |next )?(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tomorrow|the \d{1,2}(?:st|nd|rd|th))`;
/** A day said, then taken back for another (`on Tuesday, ah no, on Monday`): the first and the taking back. */
const EN_DAY_CORRECTED_RE = new RegExp(String.raw`\b(?:on\s+)?${EN_DAY}\s*[,;—–-]?\s*(?:(?:ah|oh|er|uh|um|hmm)\s*[,—–-]?\s*)?(?:no|nope|sorry|wait|i mean|i meant|or rather|actually|oops)(?:\s*[,—–-]?\s*(?:no|sorry|wait|i mean|it was))*\s*[,;—–-]?\s*(?=(?:on\s+)?${EN_DAY}\b)`, 'gi');
const PAST_ZH_RE = /(?:打|见|开|发|聊|谈|送|约)的(?:电话|面|会|邮件|微信|短信|样品)|了|过|刚刚?|刚才|已经|已于|昨天|昨日|日前|前日|上周|前天|上午去/;
const FUTURE_RE = /\b(?:will|gonna|going to|tomorrow|next|remind|later|upcoming)\b|明天|下周|下个?月|提醒|回头|之后|以后|待会|到时/i;

// ---------------------------------------------------------------------------
// Entity lexicons
// ---------------------------------------------------------------------------

const EN_CONTACT_RE = /\b(?:Dr|Mr|Ms|Mrs|Prof|Miss|Herr|Frau|Dra|Sra?|Mme)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+(?=\s*(?:,|'s|$)))?/g;
/** Common Chinese surnames (the most frequent of the Hundred Family Surnames and later lists). */
const SURNAMES = '李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武朴权玄池全乔贺赖龚文' +
  '颜包柴宁雷卓鲁祝米苗覃符岳庞殷耿倪凌柯牛申俞葛翟洪詹聂鲍单游严施章仇骆温蓝闫季梅辛蒙欧车景甘晏裴翁齐柳饶' +
  '谷伍童艾阮鞠丛邢卜芦焦冉喻宫桂窦尤滕路舒苗覃莫尚邝佟岑樊兰卫蒲邬祁柏奚郎韦费廉毕卞穆湛禹狄臧纪屈闵娄刁霍虞裘缪宗郁杭褚麦冼简容涂戚巫鄢陶庄荣茅桑蔺';
/** Wu 拨 (给) before 伊/渠 or a full name and what is done for them (`拨赵敏送采购单`, `发拨伊`). Built once. */
const WU_BO_RE = new RegExp(`拨(?!打|号|款|付|通|冗|弄)(?=伊|渠|[${SURNAMES}][\\u4e00-\\u9fff]{1,2}(?:送|发|打|带|寄|拿|讲|说|看|通|联系|约|见))`, 'gu');
/** A word that starts with a common surname. */
/** 去看了王医生: went to see someone named with their title. */
const ZH_WENT_TO_SEE_RE = new RegExp(`(?:去|到)看(?:望)?了(?=[${SURNAMES}]\\p{Script=Han}{0,2}(?:医生|主任|院长|教授|经理|总监|总|老师|科长|处长|主管|大夫|部长|老板))`, 'gu');
const SURNAME_START_RE = new RegExp(`^[${SURNAMES}]`);
const ZH_TITLES = '医生|医师|药师|主任|院长|教授|经理|总监|总|老师|护士长|护理长|科长|课长|处长|主管|博士|大夫|部长|工|姐|哥|律师|会计|助理|秘书|场长|站长|厂长|技术员|兽医|老板';
/** 仁和大药房采购员高淑芬: a job written right before a name (normalise puts a space between them). Built once. */
const JOB_BEFORE_NAME_RE = new RegExp(`(?<=的采购|的财务|的药师|的库管|的前台|采购员|业务员|销售员|药剂师|营业员|店员|店长|文员|库管|会计|出纳|技术员|工程师|医师|护士长|科长|处长|总监|负责人|主管|经理|的院长|的主任|的老板|的董事长|的总经理)(?=[${SURNAMES}]\\p{Script=Han}{1,2}(?:$|[，,。.\\s]|电话|手机|邮箱|微信))`, 'gu');
/** 张伟张主任: the name, then the surname again with the title (张伟主任). Built once. */
const NAME_THEN_SURNAME_TITLE_RE = new RegExp(`([${SURNAMES}])(\\p{Script=Han}{1,2})\\1(?=${ZH_TITLES})`, 'gu');
/** 市一院个张伟: 个 (Cantonese, Wu, Hakka) for 的 between a place and a person. Built once. */
const PLACE_GE_PERSON_RE = new RegExp(`(?<=\\p{Script=Han}{2})(?<![一二两三四五六七八九十几这那哪每某半整各真加添建录找见约请来有])个(?=[${SURNAMES}]\\p{Script=Han}{1,2}(?:$|[,，\\s]|${ZH_TITLES}))`, 'gu');
/** 寻陈经理: 寻 before a person is 找 (normalise). Built once. */
const SEEK_PERSON_RE = new RegExp(`寻(?=[${SURNAMES}](?:${ZH_TITLES}|\\p{Script=Han}{1,2}))`, 'gu');
/** A word ending in a Chinese title (何总, 王主任); a surname with only a title (马主任). */
const ZH_TITLED_RE = new RegExp(`(?:${ZH_TITLES})$`, 'u');
const ZH_SURNAME_TITLE_RE = new RegExp(`^[${SURNAMES}](?:${ZH_TITLES})$`, 'u');
/** Characters that, right after a two-character name, start the rest of the sentence (赵敏微信聊了, 王丽这个人, 林涛被提成). */
const ZH_AFTER_NAME = '拜访逾他她佢别莫甭加了着吧呢啊呀哈啦嘛哦过换调跳离辞其确催核商谈沟联讨送带寄交签拿报催问找讲看做微喝回合不那这投生的说提被改已新升打发聊吃见开通电邮短一也都在是要想还和跟与给把对从去来让请约刚今明昨上下前后再又很最啥咋怎什为负手名以现目觉同及、，,。.;；:：!！?？ ';
/** Two-character words that begin with a surname character and are not names. */
const ZH_NOT_NAME = /^(?:全发|全都|全是|全部|全给|全在|陈列|陈述|张罗|张贴|周转|周期|周边|周到|黄金|王牌|罗列|何必|何况|许久|白色|金属|万元|段落|贺卡|文字|常规|易于|史上|顾及|任意|方式|石头|.氏|祝福|祝贺|费用|费了|纪要|纪律|卫生|毕竟|毕业|杭州|宗旨|兰州|郎中|霍乱|屈服|虞城|路上|路过|路线|路费|舒服|舒适|苗头|莫名|尚未|尚可|尚且|小时|小米|老师|老板|老是|老总|小组|小区|小心|小型|谢谢|谢了|高优|方要|对方|温馨|单独|严格|严重|游客|章节|车间|欧元|裴|齐全|柳暗|甘心|景点|蒙|周[一二三四五六日天末边]|星期|方案|方面|方便|方法|金额|高兴|高层|黄了|成交|时间|文件|文档|任务|任何|顾客|顾问|曾经|马上|万一|于是|许多|许可|白天|常常|范围|毛病|余额|江湖|康复|金融|陆续|夏天|钟头|石油|安排|关于|关注|关系|车上|单子|单位|温度|管理|司机|季度|梅花|向来|时候|齐全|解决|盛情|华山|华西|柳州|章程|严重|施工|游戏|洪水|甘肃|房子|管道|宁波|龙华|汤药|程序|华为|欧洲|焦点|左右|童年|包括|包装|江苏|申请|牛逼|雷达|蓝色|景区|尤其|季节|凌晨|葛根|宫颈|冉冉|喻为|丛林|邢台|饶了|池子|晏子)$/;
// (`副主任医师邓雪梅`: the 任 of 主任 starts no name.)
const ZH_CONTACT_RE = new RegExp(`(?<!主)[${SURNAMES}](?:(?:(?![的了和跟与给在是把对向说见副要等让被请找问得])[\\u4e00-\\u9fa5]){1,2}?)?(?:副|总|常务)?(?:${ZH_TITLES})`, 'g');
const ZH_FULLNAME_AFTER_MARKER_RE = new RegExp(`(?:给|和|与|跟|还有|及|拜访了?|见了|(?:联系人|对接人)[\\s:：，,]*|把|叫|是|(?:医院|公司|集团|药房)的|(?:^|[\\s,，、:：]|(?<=[科处部办室组]|[科处部办室组]的))(?:副|常务副)?(?:护士长|科主任|主任|院长|副院长|经理|总监|科长|处长|店长|采购|主管|秘书|助理))([${SURNAMES}][\\u4e00-\\u9fa5]{1,2}?)(?=通|打|发|开|见|聊|说|的|和|还有|一起|谈|吃|退订|要|升|是|，|标记|设为|电话|,|\\s|$|:)`, 'g');
const ORG_SUFFIX_EN = 'AI|Hospital|Clinic|Inc\\.?|Corp\\.?|Corporation|Ltd\\.?|LLC|Industries|Enterprises|Group|Pharma|Labs|University|Medical Center|Trading|Holdings|Logistics|Technologies|Partners';
// (`Pacific Trading Pty Ltd`: a legal form after the suffix belongs to the name too.)
const EN_ORG_RE = new RegExp(`\\b(?:[A-Z][\\w&.'’-]*\\s+){0,3}(?:${ORG_SUFFIX_EN})(?:\\s+(?:Pty|Ltd|Inc|LLC|Co|Corp|PLC|GmbH|AG|SA|SAC|SRL|BV|NV|Bhd|Sdn|Tbk|LLP)\\.?(?![\\w]))*(?![\\w])`, 'g');
const ZH_ORG_RE = /[\u4e00-\u9fa5A-Za-z0-9]{1,14}?(?:医院|公司|集团|诊所|卫生院|医疗中心|中心医院|大药房|药房|药店|药业|制药|医药|科技|研究所|卫生服务中心|大学|学院|中学|小学|幼儿园|银行|物流|建材|餐饮|传媒|农业|旅游|文具|精工|软件|物业|口腔|贸易|资本|律所|律师事务所|能源|电子(?!邮件|版|签|合同|档案|发票)|重工|钢铁|矿业|建工|石化|船舶|纺织|水泥|地产|食品|电器|印刷|机械|化工|机电|冷链(?!柜|车|箱|设备|运输|配送|仓)|五金|医疗(?!器械|设备|费|保险)|电气|控股|实业|置业|器械|证券|体检中心|眼科|中医院|保健院|(?<![的新])保健(?![品院食方操])|模具厂|(?<=[\u4e00-\u9fa5])厂(?![家商区长房])|仪器|生物|实验室|养殖场|种猪场|猪场|鸡场|牧场|农场|饲料厂|饲料|畜牧站|兽医站|合作社|分场)/g;
const ZH_ORG_CUT_RE = /了?一?趟|已电邮|电邮|致电|电话联系|电话沟通|打电话|电话(?=[\u4e00-\u9fa5]{4})|邮件告知|上门(?:洽谈|商谈|面谈)?|洽谈|商谈|刚从|从|回来|跟进|拜访|一下|一个|一家|帮我|看看|看下|查查|查下|说说|聊聊|麻烦|能不能|可以|新增|新建|添加|加上|创建|投诉|提醒我|讲讲|联系人|客户|商机|机会|周[一二三四五六日天]|[了给和与跟向对把访在到是为去查前后天赴]/g;
const EMAIL_RE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
// (`0812 6543 2109`: a mobile number's leading 0 is part of it; no number starts inside another.)
const PHONE_RE = /\b0\d{2,3}-\d{7,8}\b|\b0\d{3}[\s-]\d{4}[\s-]\d{3,4}\b|\b0\d{4}\s\d{6}\b|\b0\d{3}\s\d{3}\s\d{4}\b|\b0\d{3}\s\d{3}\s\d{3}\b|(?<!\d)(?:\+\d{1,3}[\s-]?)?\d{3}[\s-]?\d{4}[\s-]?\d{4}|\+\d{1,3}(?:[\s.-]?\d{2,4}){2,4}\b|\b\d{3}[\s.-]\d{3}[\s.-]\d{4}\b|\b\d{3}-\d{4}\b|\b0\d{9,10}\b|\b[6-9]\d{4}\s\d{5}\b/;

/** Capitalised words that are not names of accounts. */
const STOP = new Set(
  ('i me my we our you log logged call called visit visited met meeting meet email emailed sent send spoke to at with about ' +
    'tell show give what whats who which how when where why is are was the a an new add create update change set mark move ' +
    'advance please note quick just had remind follow follow-up schedule book ping need done completed finished close tick ' +
    'snooze postpone push delay reschedule my any list pending todo tasks task overview brief history account accounts ' +
    'customer customers deal deals opp opportunity contact team pipeline monday tuesday wednesday thursday friday saturday sunday ' +
    'today tomorrow yesterday tonight next last this jan feb mar apr may jun jul aug sep sept oct nov dec january february march ' +
    'april june july august september october november december wechat dingtalk slack teams ok yes no hi hello hey lunch ' +
    'complaint complained customer survey nps csat kpi kpis crm erp rfm it cto ceo cfo vp usd rmb cny eur sales head chief ' +
    'director manager nurse end user decision maker champion influencer gatekeeper we lost won register open segment run ' +
    'she he they her his their would set stage oops undo help cancel stop unsubscribe great good score stars star satisfaction ' +
    'send sending who\'s what\'s how\'s in on for of and or by via from').split(/\s+/),
);

const STAGE_RULES: Array<[RegExp, NonNullable<Entities['stage']>]> = [
  [/closed[- ]?lost|\blost\b|\b(?:have|'ve|has|'s)\s+gone (?:another|a different|the other) way\b|\bgone elsewhere\b|\bwent (?:with|w\/) (?:a |an |another |the )?(?:competitor|incumbent|cheaper|other|someone)|\bpicked (?:a )?competitor|\bsigned with someone else\b|丢单|输单|丢了|输给|输了|选了别|给了竞争|被.{0,4}(?:拿走|截胡|抢了|抢走)|黄了|没了|没拿下|败给|没有?戏|丢掉了?|(?:去|改|转)?用(?:了)?竞品|改用别家|换了?别家|\bdead\b|another vendor|选了友商|友商/i, 'closed_lost'],
  // (`月底能签下来`, `should be signed by friday`: signing ahead is a close date, not a win.)
  [/closed[- ]?won|\bwon\b(?!'t|’t)|(?<!\b(?:will|should|could|might|may|to|gonna|can|hope to|hoping to|expect to)\s+)\bwin\b|赢了|\bclosed了|\bgot the signature\b|(?<!\b(?:will|should|could|might|may|to|gonna|can|hope to|hoping to|expect to|expected to)\s+(?:be\s+|get\s+|have\s+)?(?:it\s+)?)\bsigned\b|\bclosed (?:the|it)\b|\bdotted line\b|赢单|(?<![要将预计])成交(?!日期|时间|率)|签约了|(?<!(?:能|会|要|将|可以|应该|预计|争取|有望|估计|打算|准备|希望|计划|可能)[^,，。]{0,6})(?:签单|签了|签下|拿下)|已签|(?:那|这)单.{0,4}(?:搞定|成了)|单(?:子)?.{0,2}成了|搞定了.{0,4}单/i, 'closed_won'],
  [/negotiat|negotiaton|谈判|议价/i, 'negotiation'],
  [/proposal|\bquotes?\b|\bquoted\b|方案|报价|报了价|报过价/i, 'proposal'],
  [/needs? analysis|discovery|需求分析|需求/i, 'needs_analysis'],
  [/qualif|资格审查|初步接触|刚开始接触|线索/i, 'qualification'],
];

const ROLE_RULES: Array<[RegExp, NonNullable<Entities['role']>]> = [
  [/decision[- ]?makers?|\b(?:she|he|they)(?:'s|\s+is|\s+are)?\s+the one\s+(?:who\s+|that\s+)?(?:decides?|signs?|approves?|makes? the (?:call|decisions?))\b|\b(?:she|he|they) (?:decides?|makes? the decisions?) (?:about|on|for)\b|\b(?:it'?s|it is) (?:him|her|them|he|she) (?:who|that) (?:decides?|signs?(?: off)?|approves?|makes? the (?:call|decisions?))\b|\b(?:is|'s) the one (?:who|that) (?:signs?|decides?|approves?)\b|sign(?:s|ing)?[- ]off|the one signing|决策者|决策人|说了算|拍板|economic buyer|\bwho (?:actually |really )?(?:decides|approves|signs|makes the (?:final )?call|gets to make the call|has the final say|holds the purse strings|pulls the trigger|calls the shots)\b|\bthe one who (?:decides|approves|signs)\b|\bthe one (?:who |that )?(?:gets?|has|holds?) the (?:final|last) (?:say|word|call|decision)\b|\b(?:who|that) sign(?:s)? (?:off on )?the (?:po|contract|check|cheque|deal)s?\b|\bthe one (?:who|that) (?:is|will be|'s) (?:signing|deciding|approving)\b|\b(?:has|have) the final (?:word|say|decision)\b|\bmaking the (?:final )?(?:call|decision)\b|\b(?:makes|made|takes|took|(?:does|do|did|will|gets? to) (?:make|take)) the (?:final )?(?:call|decisions?)\b|\b(?:decides|calls the shots|signs the (?:po|contract|check|cheque)s?)\b(?!.*\?)|\b(?:the\s+)?final (?:decision|say|call|word|sign[- ]?off|approval) (?:is|'s|rests with|lies with|sits with) (?:hers|his|theirs|her|him|them)\b|\b(?:hers|his|theirs) is the final (?:decision|say|call|word)\b|谁能定|谁定|最终决定权|决定权|做主(?![任管席])|谁签字|做决定|谁拍板/i, 'decision_maker'],
  [/champion|支持者|内线|教练|支持我们|帮我们说话|\bally\b|\ballies\b|\binternal sponsor\b/i, 'champion'],
  [/influenc|\b(?:has|have|'s got|'ve got|got|holds?|carries|carry) (?:a lot of|lots of|a fair bit of|a fair amount of|plenty of|a big|a real|real|some|a good deal of|a great deal of|a bit of) (?:say|sway|clout|pull)\b|影响者|影响人|谁能影响|能影响|影响力/i, 'influencer'],
  [/gatekeep|把关人|把关的|守门人/i, 'gatekeeper'],
  [/\bend[- ]users?\b|\busers?\b|\buses it\b|\b(?:the one|the person|who(?:'ll| will)?) (?:using|who (?:will )?uses?|uses|use)(?: it| the (?:system|platform|tool|software|product))?\b|\bbe using the (?:system|platform|tool|software|product)\b|使用者|用户/i, 'user'],
];

/** A role said of someone as theirs, not one denied (`not the one who signs, more an influencer`, `不是决策人，算影响者`). */
function roleSaid(t: string): NonNullable<Entities['role']> | undefined {
  const kept = t
    .replace(/\b(?:is not|isn'?t|not|no longer|never was|wasn'?t|is no)\s+(?:really\s+|actually\s+)?(?:the|a|an|our)?\s*(?:(?:one|person|guy|lady|man|woman) (?:who|that) (?:signs?|decides?|approves?)|one signing|decision[- ]?makers?|signer|champion|influencer|gatekeeper|end user)\b[^,.;]*/gi, ' ')
    .replace(/(?:不是|并非|不算|算不上)(?:我们的?|咱们的?)?(?:决策人|决策者|拍板的人?|说了算的人?|影响者|支持者|内线|把关人|使用者)|不(?:拍板|说了算|做主)/gu, ' ')
    .replace(/(?:冇|没有?|没啥|无)(?:么子|什么|啥|甚)?(?:决定的?权|拍板的?权|话语权|决策的?权)/gu, ' ');
  // `got taken off the budget sign off, mans is just an influencer now`: the role they are said to have now, over what they lost.
  const now = /\b(?:is|'s|are)\s+(?:(?:just|only|now|merely|more)\s+)*(?:an?\s+|the\s+|our\s+)?(?:influencer|champion|gatekeeper|end user|decision[- ]?maker)\b/i.exec(kept);
  return (now ? firstRule(now[0], ROLE_RULES) : undefined) ?? firstRule(kept.replace(/\b(?:taken off|removed from|dropped from|out of)\s+(?:the\s+)?[\w\s-]{0,20}?sign[- ]?off\b/gi, ' '), ROLE_RULES) ?? undefined;
}

const PRIORITY_RULES: Array<[RegExp, NonNullable<Entities['priority']>]> = [
  // 也没那么急，还是改回普通吧: the priority asked for, over the words of why.
  [/(?:改回|调回|降回|设回|弄回|恢复)(?:成|为|到)?(?:普通|一般|正常)|\bback to (?:normal|regular|standard)\b|\b(?:make|set|mark|put|change|keep|leave)\s+(?:it|this|that|this one|that one|the task|the priority)\s+(?:to\s+|as\s+|at\s+)?(?:normal|regular|standard|medium)\b/i, 'normal'],
  [/\b(?:not|ain'?t|aint|isn'?t|is not|nothing|never)\s+(?:(?:that|very|too|so|super|really|all that)\s+)?(?:urgent|important|a priority|high priority|pressing|critical)\b|\bno rush\b|\bno hurry\b|\blow[- ]?pri(?:ority)?\b|whenever|不急|不是(?:很|好|太|那么|特别|多)?急|不太急|没那么急|不算急|不怎么急|不着急|不用急|低优先级|优先级低|有空再/i, 'low'],
  [/\burgent|\basap\b|\bp0\b|\bcritical\b|紧急|很急|加急|特急|急需|比较急|挺急|着急|十万火急|马上|尽快(?:处理|解决|回复|搞定)|^急[!！]|急急|(?:^|[\s,，;；])急[!！]*$/i, 'urgent'],
  [/\bhigh(?:[- ]prio(?:rity)?)?\b|\bimportant\b|高优先级|优先级高|优先级(?:改|调|设|标|变|弄)(?:成|为|到)?高|重要/i, 'high'],
  [/\blow(?:[- ]priority)?\b|\bnot urgent\b|不急|低优先级|优先级低|优先级(?:改|调|设|标|变|弄)(?:成|为|到)?低|(?:调|改|设|标|降)(?:成|为|到)低|(?:调|降|放|标)低/i, 'low'],
  [/\bnormal(?:[- ]priority)?\b|普通优先级|一般优先级|(?:[弄搞整改设调标]成|[改设调标]为)普通|还是普通|普通就(?:行|好|可以)/i, 'normal'],
];
const PRIORITY_WORDS_RE = /[,;，\s-]*(?:\b(?:(?:it'?s|it is|it|this is|this|that'?s|that)\s+)?(?:not|ain'?t|aint|isn'?t)\s+(?:(?:that|very|too|so|super|really)\s+)?(?:urgent|important|a priority)\b|\b(?:(?:it'?s|it is|this is|that'?s|that is)\s+)?(?:not urgent|no rush|no hurry|(?:(?:dead|well|proper|really|super|very|mega|pretty|quite|extremely|so|bloody|fairly)\s+)?(?:urgent|important)|asap|(?:a\s+)?high priority|(?:a\s+)?low priority)\b(?:\s+(?:on|with|for) (?:that|this|it)(?: one)?\b)?(?:\s+(?:cher|mate|bro|boss|la|lad|lah|lor|one)\b)?|(?:紧急|尽快|马上|赶紧)(?:搞定|处理|解决)(?:一下|下)?|不是(?:很|好|太|那么|特别|多)?急|不太急|没那么急|不算急|不怎么急|(?:非常|很|好|特别|超|挺|蛮|十分)重要|重要|比较急|挺急|很急|好急|紧急|不急|不着急|高优先级|低优先级)(?:的(?![\u4e00-\u9fa5]))?[!！.]*/gi;
/** A priority said as the last clause (`, its not urgent`, `- very important!`, `but no rush`). */
const PRIORITY_TAIL_EN_RE = /\s*(?:[-–—,;.]|\bbut\b)\s*(?:(?:it'?s|it is|this is|that'?s|this one'?s|but|and|it'?s not|it is not|this is not)\s+)?(?:(?:v(?:ery)?|kinda|super|pretty|really|quite|fairly|rather|so|not|ain'?t|aint|isn'?t|not that)\s+)?(?:important|urgent|asap|high prio(?:rity)?|low prio(?:rity)?|no rush|no hurry|a priority)(?:\s+(?:at all|on (?:that|this|it)(?: one)?|with (?:that|this|it)(?: one)?|(?:for|on) (?:now|this one)))?(?:\s+(?:though|tho|anyway|really))?(?:\s+(?:cher|mate|bro|man|sir|boss|my friend|please|pls|thanks))?\s*[!.]*\s*$/i;
const PRIORITY_STRIP_RE = /[,;\s-]*(?:(?:紧急|尽快|马上|赶紧)(?:搞定|处理|解决)(?:一下|下)?(?:嘛|吧|啊|哈|哦)?|\b(?:no rush|no hurry)(?:\s+on\s+(?:it|this|that)(?:\s+one)?)?(?:\s+(?:though|tho|anyway))?|\b(?:(?:it'?s|it is|this is|that'?s)\s+)?(?:(?:pretty|very|really|super|quite|so|extremely|fairly|dead|well|proper|bloody|kinda)\s+)?(?:urgent|asap|high priority|low priority|normal priority|not urgent)\b|不是(?:很|好|太|那么|特别|多)?急|不太急|没那么急|不算急|不怎么急|紧急|比较急|挺急|着急|很急|加急|特急|高优先级|低优先级|不急|优先级[高低]|(?<![\u4e00-\u9fa5])急)[!.！]*\s*$/i;

const PERIOD_RULES: Array<[RegExp, NonNullable<Entities['period']>]> = [
  [/\blast week\b|上周|上星期/i, 'last_week'],
  [/\bnext week\b|下周|下星期/i, 'next_week'],
  [/\blast quarter\b|上季度|上个季度/i, 'last_quarter'],
  [/\bthis year\b|\bytd\b|year to date|今年|本年度?/i, 'this_year'],
  [/\bthis week\b|本周|这周|这星期|本星期/i, 'this_week'],
  [/\blast month\b|上个?月/i, 'last_month'],
  [/\bthis month\b|本月|这个月|当月/i, 'this_month'],
  [/\bthis quarter\b|\bquarter\b|本季度|这个季度|这季度|\bQ[1-4]\b/i, 'this_quarter'],
  [/\btoday\b|今天|今日/i, 'today'],
];

const SCOPE_TEAM_RE = /\bteam\b|团队|下属|我们组|全组/i;
const SCOPE_ALL_RE = /\ball\b|\beveryone\b|\bcompany\b|\bwhole\b|全公司|所有|全部/i;
const SCOPE_MINE_RE = /\bmy\b|\bam i\b|\b(?:have|did|do|should) i\b|\bi(?:'ve| have)? (?:logged|made|done|closed|won|got)\b|^我(?!们)|这周我|今天我|本月我|这个月我|我的|我(?:本周|这周|上周|本月|这个月|上个?月|本季度|今天)的/i;

const TYPE_RULES: Array<[RegExp, NonNullable<Entities['interactionType']>]> = [
  [/^(?:quick |add (?:a )?|log (?:a )?)?notes?\b|^(?:nb|memo|jot(?:ted)?(?: down)?)\b|\b(?:add|log|leave|put|make|take|write) (?:a )?note\b|\bnotes? (?:from|for|on|to)\b|记录一下|记一下|记一笔|记下|记个?笔记|备注|^记录(?!一?[次下个]?(?:拜访|电话|会议|见面|通话))/i, 'note'],
  [/去(?:了|过)?[\u4e00-\u9fa5]{2,8}?(?:找|见|看望)(?=[\u4e00-\u9fa5])|去[\u4e00-\u9fa5]{1,8}?(?:那儿|那里|那边|家里|单位)(?:圪)?(?:转|坐|走|跑)|\bvisit(?:ed|s|d|ing)?\b|\b(?:dropp?(?:ed)?|stopp?(?:ed)?|swung|swing|popp?(?:ed)?|went|passed|pass|came|come) (?:by|in|into|over|off|round|around)\b(?!\s+(?:the\s+)?(?:phone|email|mail|zoom|teams))(?<!\bwent over(?=\s+(?:the|our|their|his|her|a|an|some|all|it|them|those|these|everything|details|numbers|terms|pricing|figures|de)\b))|\bwent (?:to see|over to|out to|down to|round to|up to|to)\b|\b(?:drove|driven|drive|headed|flew|travell?ed)\b(?:\s+[a-z]+){0,3}?\s+(?:out |over |down |up |round )?to\s+(?!the phone)\S|\b(?:popp?(?:ed|ing)?|dropp?(?:ed|ing)?) out to\b|\bgo(?:ing)? (?:to )?see\b|\bon-?site visit\b|\bin-office\b|\bfield (?:visit|ride)\b|拜访|拜防|回访|上门|跟了?.{0,8}台|从.{1,10}回来|去(?!年|掉|除|世|[了过]?个?电话)(?:了|过)?(?:一)?趟?|跑了?一?趟|到.{0,6}(?:医院|公司)|在.{1,8}?(?:医院|药房|诊所|门诊|公司)(?:里|那边|门口|楼下)?(?:等|见|碰|找|坐|蹲)/i, 'visit'],
  [/\bcall(?:ed|s|d)?\b|\bphoned?\b|\brang\b|\bring\b|\bbuzzed\b|\bdial(?:l)?ed\b|\bvoicemail\b|\bon the phone\b|\bphone call\b|\bspoke\b|\btalked\b|打了?(?:个)?电话|打的电|打给|回电话?|电话|电活|去[了过]?个?电话|通了?话|来电|致电/i, 'call'],
  [/见(?:到|着)面|\bmeet(?:ing)?s?\b|\bmet\b|\bin person\b|\bface[- ]to[- ]face\b|\bf2f\b|当面(?!.{0,2}(?:拜访|送|交))|面谈|面聊|\bmtgs?\b|\bsat down\b|\bcaught up\b|\bcatch(?:ing)? up\b|\b(?:lunch|dinner|supper|brunch|breakfast|coffee|drinks|beers?|pints?)\b|\bdemo(?:'d|ed|s)?\b|\bpresent(?:ed|ation)?\b|\bworkshop\b|\bin-?service\b|\btraining session\b|\b(?:ran|did|held|gave) (?:a |an )?(?:product )?training\b|\bkick-?off\b|\bsync\b(?!\s*(?:了|一下))|开了?.{0,4}会|见.{0,2}面|见了|见过|当面(?!.{0,3}(?:拜访|上门|回访|去))|会议(?!资料|纪要|室|材料|记录)|面谈|演示|吃了?.{0,3}(?:饭|火锅|烧烤)|喝了?.{0,3}(?:咖啡|茶|酒)|碰了?个?头|约(?:个|一个)?(?:会|饭|咖啡|午饭|晚饭)|(?:排|开|订(?![货单购])|book)(?:个|一个|一下)?.{0,6}(?:会(?![啦了的吧呀]|$)|demo|meeting)|\bbook(?:ed)? (?:a |an )?(?:demo|meeting|slot|call)\b/i, 'meeting'],
  [/\be-?mail(?:ed|d)?\b|\bmailed\b|\bfwd\b|\bforwarded\b|电邮|邮件|发了?.{0,2}(?:email|mail)/i, 'email'],
  [/\bmessag(?:e|ed)\b|\bwechat(?:'d|ed)?\b|\bwhatsapp(?:'d|ed)?\b|\bsms(?:'d|ed)?\b|\btxt(?:'d|ed)?\b|\btext(?:ed)?\b|\bslack(?:ed)?\b|\bdm(?:'d|ed)?\b|\blinkedin\b|微信|短信|钉钉|企微|发了?(?:个)?消息|发了(?!.{0,2}(?:邮件|email|mail))/i, 'message'],
];

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

interface Ctx { hasEntity: boolean }

const TRIM_RE = /^[\s,.:;!?\-–—"'()，。！？；：]+|[\s,.:;!?\-–—"'()，。！？；：]+$/g;
const clean = (s: string | undefined): string | undefined => {
  if (s == null) return undefined;
  const r = s.replace(TRIM_RE, '').replace(/\s+/g, ' ').replace(/\s*,\s*,\s*/g, ', ').trim();
  return r.length ? r : undefined;
};

function firstRule<T>(t: string, rules: Array<[RegExp, T]>): T | undefined {
  let best: T | undefined; let bestIdx = Infinity;
  for (const [re, v] of rules) {
    const m = re.exec(t);
    if (m && m.index < bestIdx) { best = v; bestIdx = m.index; }
  }
  return best;
}
/** The stage of a deal a message names, with the words that name it (`谈判`, `in negotiation`). */
export function stageSaid(t: string): { stage: NonNullable<Entities['stage']>; words: string } | undefined {
  for (const [re, stage] of STAGE_RULES) {
    const m = re.exec(t);
    if (m) return { stage, words: m[0] };
  }
  return undefined;
}

function firstMatchingRule<T>(t: string, rules: Array<[RegExp, T]>): T | undefined {
  for (const [re, v] of rules) if (re.test(t)) return v;
  return undefined;
}

interface Span { text: string; index: number }

/** 张伟升副院长: a name, then a promotion to a title (not a person called 张伟升副院长). */
const ZH_PROMOTED_NAME_RE = new RegExp(`^([${SURNAMES}][\\u4e00-\\u9fa5]{1,2}?)(?:升任|升为|升成|升|当上了?|提拔为)(?=(?:副|总|常务)?(?:${ZH_TITLES})$)`, 'u');

function findContacts(t: string): Span[] {
  const out: Span[] = [];
  for (const m of t.matchAll(EN_CONTACT_RE)) out.push({ text: m[0], index: m.index });
  let orgs: Span[] | undefined;
  for (const m of t.matchAll(ZH_CONTACT_RE)) {
    // 金桥化工: a company whose name ends like a title (工, 总) is no person.
    if ((orgs ??= findZhOrgs(t)).some((o) => o.index <= m.index && o.index + o.text.length >= m.index + m[0].length)) continue;
    // 张伟升副院长了: the name, then the promotion, not a person called 张伟升副院长.
    const promoted = ZH_PROMOTED_NAME_RE.exec(m[0]);
    // 康泰胡总: `X总` is how a boss is named; two characters before a surname and 总 are the company.
    if (!promoted && m[0].length === 4 && m[0].endsWith('总') && SURNAMES.includes(m[0][2]!)) { out.push({ text: m[0].slice(2), index: m.index + 2 }); continue; }
    out.push(promoted ? { text: promoted[1]!, index: m.index } : { text: m[0], index: m.index });
  }
  const titled = out.slice();
  for (const m of t.matchAll(ZH_FULLNAME_AFTER_MARKER_RE)) {
    // 是赵敏不是张主任: the third character starts the rest of the sentence.
    const next = t.slice(m.index + m[0].length, m.index + m[0].length + 1);
    // (找赵敏了: nor is a particle after it.)
    const name = m[1]!.length === 3 && (/^(?:不是|不对|其实|也是|都是|沟通|确认|商量|讨论|联系|聊天|见面|通话|采购|销售|财务|行政|市场|药剂|设备|后勤|人事|技术|质量|质控|护理|医务|库房|仓库|运营|客服|招标|信息)$/.test(m[1]![2]! + next) || /[了的吧呢啊呀哈啦嘛哦着]/.test(m[1]![2]!)
      // (给赵敏送发票, 给赵敏别发了, 把陈杰加成联系人: a verb no given name ends in, before the rest of the sentence.)
      || (/[别莫甭送寄拿催讲加]/.test(m[1]![2]!) && /\p{Script=Han}/u.test(next))) ? m[1]!.slice(0, 2) : m[1]!;
    const index = m.index + m[0].length - m[1]!.length;
    if (/医院|公司|集团|任务|客户|商机/.test(name) || ZH_NOT_NAME.test(name.slice(0, 2))) continue;
    // 采购单的事: a word ending in 单 and the rest of the sentence, no name.
    if (/^[的了是给在和跟与把对向说]/.test(name.slice(1)) || (name[0] === '单' && /[购订账价菜清名表传保买]$/.test(t.slice(0, index)))) continue;
    if (titled.some((c) => index < c.index + c.text.length && c.index < index + name.length)) continue;
    out.push({ text: name, index });
  }
  // Untitled full names wherever a person stands: at the start, after a verb or marker that takes
  // a person, after X的, or alone between separators (`新增联系人 李娜 小米`). Three characters
  // unless the third starts the rest of the sentence.
  for (const m of t.matchAll(ZH_NAME_CTX_RE)) {
    const index = m.index + m[0].length - m[1]!.length;
    let name = m[1]!;
    // `周志刚 副主任`: three characters standing alone between spaces or stops are one name, even
    // when the third could start the rest of a sentence (刚, 明, 和…).
    // (`协和那边的孙立新 药剂科副主任`: after 的 too.)
    // (`设备科罗永刚 他是把关的`: after a department too.)
    const alone = /^$|[\s,，、:：;；的科部处室]/.test(t[index - 1] ?? '') && /^$|[\s,，、:：;；.。!！]/.test(t[index + 3] ?? '');
    // (`主任单立新给加上`: a third character followed by 给, 的, 是… ends the name, not the sentence.)
    const endsThere = /^[给的是说要在跟和呢吧啊]/u.test(t.slice(index + 3, index + 4)) && /(?:科|部|处|室)(?:副?主任|科长|部长|处长)$|院长$/u.test(t.slice(0, index));
    if (name.length === 3 && ZH_AFTER_NAME.includes(name[2]!) && !alone && !endsThere) name = name.slice(0, 2);
    // 张伟药剂科主任, 李娜检验科: a third character that starts the department after the name is not the name's;
    // nor one that starts a word said of them (刘洋实际为决策人, 王强目前负责…).
    const deptAfter = ZH_DEPT_AFTER_RE.test(t.slice(index + 2)) && !ZH_DEPT_AFTER_RE.test(t.slice(index + 3));
    // (李明心内科主任: 心内科, 神经内科… is the department, over a name 李明心 and 内科.)
    const knownDept = /^(?:心|神经|肾|普|胸|骨|妇|儿|眼|皮肤|血液|消化|呼吸|内分泌|肝胆|泌尿|肿瘤|急诊)(?:内|外)?科/.test(t.slice(index + 2));
    if (name.length === 3 && (deptAfter || knownDept || ZH_WORD_AFTER_NAME_RE.test(t.slice(index + 2)))) name = name.slice(0, 2);
    // (送了卫教单张: a leaflet, 单 of 单张/单子, ends no name.)
    if (ZH_NOT_NAME.test(name.slice(0, 2)) || /[医院公司集团任务客户商机电话微信单]/.test(name.slice(1))) continue;
    if (/^[给在和跟与的了是把对向说见到去来也都就还又才被让]/.test(name.slice(1))) continue; // 采购单给她: no name
    // 对方索要: 方 of 对方, 双方, 甲方 (the other side) starts no name.
    if (name[0] === '方' && /[对双各地我贵甲乙买卖官药配处偏秘]/.test(t[index - 1] ?? '')) continue;
    // 采购单确认了, 订单批了: a word ending in 单/费/价… and a verb, not 单确认.
    if (/^(?:确认|确定|完成|处理|审批|批了|通过|到了|到货|付款|回款|签了|签字|下了|出来|下来|发了|已经|还没|没有|改了|错了|开了)/.test(name.slice(1))) continue;
    if (name[0] === '单' && /[购订账价菜清名表传保买]$/.test(t.slice(0, index))) continue;
    const after = t.slice(index + name.length, index + name.length + 2);
    if (/^(?:医院|公司|集团|药房|科技|中心|大学|那单|这单|的单|的项|项目)/.test(after)) continue;
    // 康泰的胡总, 康泰胡总: a name right before a titled person is where they work.
    if (titled.some((c) => c.index === index + name.length || (t[index + name.length] === '的' && c.index === index + name.length + 1))) continue;
    // 江油特钢何总, 万家装饰刘总, 鲁中建陶赵总监: a company's name that starts like a surname runs on
    // into the titled person right after it (江油特 is no person when 钢何总 follows).
    if (titled.some((c) => c.index > index + name.length && c.index <= index + name.length + 3
      && /^[\u4e00-\u9fa5]+$/u.test(t.slice(index + name.length, c.index)) && !/[的了和与跟给是在向对把说找见约问]/u.test(t.slice(index + name.length, c.index)))) continue;
    // 金桥物流, 蓝海科技: the start of a company's name, not a person.
    const end = index + name.length;
    if ((orgs ??= findZhOrgs(t)).some((o) => index < o.index + o.text.length && o.index < end && o.index + o.text.length > end)) continue;
    if (out.some((c) => index < c.index + c.text.length && c.index < index + name.length)) continue;
    out.push({ text: name, index });
  }
  // 华山王丽, 华西周敏: a place whose name starts like a surname, then the person there.
  for (const m of t.matchAll(ZH_PLACE_THEN_NAME_RE)) {
    let name = m[1]!;
    const index = m.index + m[0].length - name.length;
    if (name.length === 3 && ZH_AFTER_NAME.includes(name[2]!)) name = name.slice(0, 2);
    if (ZH_NOT_NAME.test(name) || out.some((c) => index < c.index + c.text.length && c.index < index + name.length)) continue;
    out.push({ text: name, index });
  }
  // 小秦, 老莫: a surname after 小 or 老 is how colleagues name each other.
  for (const m of t.matchAll(ZH_NICKNAME_RE)) {
    const index = m.index + m[0].length - m[1]!.length;
    if (ZH_NOT_NAME.test(m[1]!) || out.some((c) => index < c.index + c.text.length && c.index < index + m[1]!.length)) continue;
    out.push({ text: m[1]!, index });
  }
  return out.sort((a, b) => a.index - b.index);
}

const ZH_PLACE_THEN_NAME_RE = new RegExp(`(?:华山|华西|杭州|兰州|柳州|宁波|龙华|江苏|甘肃|邢台)([${SURNAMES}][\\u4e00-\\u9fa5]{1,2})`, 'gu');
const ZH_NICKNAME_RE = new RegExp(`(?:^|[跟和与给找见约问把向对让叫请陪是、，,:：\\s的了搭同帮替还有]|护士长|助理|秘书|行政|前台|财务|(?<=[院司电链材疗业技团流药店房工森达泰贸健易]))((?:小|老)[${SURNAMES}]|阿[\\u4e00-\\u9fa5](?<!阿[拉里姨胶司莫]))(?=$|[${ZH_AFTER_NAME}]|了|那边|俩)`, 'gu');

/** Words said of someone right after their name, whose first character could end a given name. */
const ZH_WORD_AFTER_NAME_RE = /^(?:实际|实在|目前|其实|确实|本人|本周|近期|近来|始终|仍然|依然|同意|同样|认为|觉得|希望|表示|反映|负责|主管|答应|承诺|建议|强调|准备|打算|可能|应该|一直|已经|现在|(?:采购|销售|财务|行政|市场|药剂|设备|后勤|人事|技术|质控|护理|医务|库房|仓库|运营|客服|招标|信息)(?:主管|经理|总监|专员|负责人|部长|科长|组长|主任|员))/u;
const ZH_NAME_CTX_RE = new RegExp(`(?:^|了|(?<=[^学]院)|(?<=(?:设备|采购|药剂|检验|心内|心外|内分泌|神经内|神经外|放射|影像|信息|财务|医务|护理|急诊|麻醉|病理|超声|妇产|骨|儿|妇|外|内|眼|牙)(?:科|部|处|室))|(?<=药房|药店|公司|集团|诊所|商行|商贸|贸易|科技|药业|重工|钢铁|矿业|建工|石化|物流|机械|化工)|[一这那]位|采购|助理|秘书|专员|主管|经理|总监|护士|(?<=(?:科|部|处|室)(?:副?主任|科长|部长|处长)|院长)|(?:拜访|联系|问|找|见|看望|约|跟进|催|提醒)了?(?:一)?下|拜访[了完]?|见完|联系人|联系了?|(?:加|添|建|录)(?:一)?[个位]|(?:见|碰|遇|看)(?:到|着)了?|问问|介绍一下|说说|查下|看看|(?<=[跟和与给找见约问把向对让叫请陪帮替的将您看\\s,，:：、])|(?<=^(?:今天|昨天|前天|刚才|刚刚|上午|下午|早上|晚上|今早|昨晚)))([${SURNAMES}][\\u4e00-\\u9fa5]{1,2})`, 'gu');

function findZhOrgs(t: string): Span[] {
  const out: Span[] = [];
  for (const m of t.matchAll(ZH_ORG_RE)) {
    let s = m[0];
    let idx = m.index;
    const suffixLen = /医疗中心|中心医院|卫生院/.test(s.slice(-4)) ? 3 : 2;
    let cutAt = 0;
    for (const c of s.matchAll(ZH_ORG_CUT_RE)) {
      // 和睦家医院, 和平医院, 向阳医院: a joiner that starts the name's own word is no joiner.
      if (/^(?:和睦|和平|和美|和谐|向阳|为民|前进|后湖|在线)/.test(s.slice(c.index))) continue;
      const end = c.index + c[0].length;
      if (s.length - end >= suffixLen + 2) cutAt = end;
    }
    if (cutAt) { idx += cutAt; s = s.slice(cutAt); }
    // 明德眼科医院, 仁和大药房连锁: a suffix right after the one found is part of the name.
    const more = /^(?:有限公司|股份|集团|公司|医院|门诊部|门诊|分院|中心|诊所|连锁|厂)/.exec(t.slice(idx + s.length));
    if (more) s += more[0];
    // (他们医院, 我们公司: whose, not which.)
    if (/^(?:他们|她们|我们|咱们|人家|你们|俺们)的?(?:医院|公司|诊所|药房)$/u.test(s)) continue;
    out.push({ text: s, index: idx });
  }
  // 重庆医科大学附属第一医院: a university's affiliated hospital is one name.
  return out.reduce<Span[]>((acc, o) => {
    const prev = acc[acc.length - 1];
    if (prev && prev.index + prev.text.length === o.index && o.text.startsWith('附属')) acc[acc.length - 1] = { text: prev.text + o.text, index: prev.index };
    else acc.push(o);
    return acc;
  }, []);
}

/** Words that end a matter rather than a place (进药流程, 报价单, 招标的事). */
const ZH_MATTER_END_RE = /(?:流程|手续|事情|事儿?|资料|合同|报价单?|价格|方案|问题|进度|招标|订单|订货单?|样品|采购单|发票|回款|货款|账期|培训|会议)$/u;

/** Words that end a Chinese organisation run from the left: verbs, particles, time words. */
const ZH_LEAD_RE = /^(?:提醒(?:一下|一声)?|别忘了|[\d一二三四五六七八九十]{1,3}点(?:半|钟|[\d一二三四五六七八九十]{1,2}分?)?|我们?|上门|刚刚?|刚才|已经|已|也|又|还|再|要|得|想|准备|打算|记得|(?:上|下|这|本)(?:个)?(?:周|星期|礼拜)[一二三四五六日天]?|(?:周|星期|礼拜)[一二三四五六日天]|[今明后昨前]天|[上下中]午|早上|晚上|今晚|明早|月底|月初|[\d一二三四五六七八九十]+月|[\d一二三四五六七八九十]+[号日]|过[一二两三四五六七八九十\d]+天|拜访了?完?|去了?趟?|到了?|见了?|给|和|跟|与|找|问|约|联系人|联系了?|回访了?|电话回访了?|打给|打电话给|(?:打了?)?电话(?=[\u4e00-\u9fa5]{2})|看看|说说|查下|查一下|介绍一下|今天|昨天|上午|下午|晚上|刚刚?|刚才|上周[一二三四五六日天]?|周[一二三四五六日天]|了|在|把|对|向|是)+/;
const ZH_NOT_ORG = /^(?:觉得|认为|感觉|听说|助理|秘书|司机|徒弟|同事|下属|领导的|微信|企业微信|短信|电话|邮件|钉钉|视频|线上|上门|当面|昨晚|我们?|你们?|他们?|她们?|客户|对方|那边|这边|公司|医院|科室|领导|老板|一下|一个|今天|昨天|明天|上午|下午|晚上|刚才|这个|那个|采购|他们科|我们组)$/;

/** Pronouns, time words and verbs never stand inside an organisation's name. */
const ZH_NOT_IN_ORG = /^[零一二两三四五六七八九十百千万亿点\d.]+[块元钱]*$|[零一二两三四五六七八九十百千\d.]+[万千亿][块元]?(?:左右|上下)?$|^(?:大概|大约|差不多|约莫|估计|估摸)|采购$|对账|结账|催款|回款|收款|开票|送货|验收|盘点|意向|^台|排班|评估|考虑|研究|审批|工程师|续费|续约|报价|价格|预算|发票|报告|资料|样品|材料|方案|合同|下班|上班|[我你他她它]|逢年过节|过年|过节|节日|祝福|问卷|调查|问候|投诉|抱怨|反映|不满|确认|采购单|[备订进发补到退供]货|数据|^新的|目录|进药|^药(?!店|房|业|厂)|记录|一次|答复|回复|反馈|意见|发票|阶段|月底|月初|月末|年底|年初|年末|月中|下旬|上旬|中旬|[完弄算管讲]|那边|一早|提醒|[点时]|一下|个|了|打电话|拜访|跟进|发|送|约|问|聊|说|见|做|开会|[上下]午|[今明昨后前]天|周[一二三四五六日天]|星期|号$|电话|微信|短信|邮件|通话|喝茶|吃饭|一起|出差|沟通|合同|资料|方案|样品|之前|^前|前[要把]|预算|状态|概况|情况|call|email|meeting|update|latest|status|overview|lately/i;

/** Words no organisation's name holds: questions, quantifiers, lists (`哪些医院`, `A类客户`). */
const ZH_NOT_ORG_PART = /上门|去的$|商机|\bopps?\b|\bdeals?\b|联系人|待办|单子|手上|手里|哪|所有|全公司|[A-Ca-c]类|没|好久|最高|列表|名单|负责|风险|流失|客户$|几家|这些|那些|每个|各/;
/** A short Chinese name with a surname first is a person (`介绍一下赵敏`), unless an organisation's word ends it. */
const ZH_PERSON_LIKE = new RegExp(`^[${SURNAMES}][\\u4e00-\\u9fa5]{1,2}$`, 'u');

/** Words that open a message without naming anyone: priorities, commands, times, corrections, feelings. */
const ZH_NOT_LEAD_ORG = /冷掉|团队|全组|急|重要|备注|更新|新增|季度|本月|本周|上周|下周|这周|明晚|今晚|明天|今天|昨天|写错|记错|搞错|弄错|不是|不对|烦|帮|麻烦|请|记得|提醒|哪些|哪个|哪家|所有|全部|我们|你们|他们|客户|医院的|最近|现在/;

/** Words that make a short message a command or a question, not an account's name. */
const ZH_NOT_BARE_ORG = /[撤取退推删改加建查看找问哈吃讲都别]|全部|所有|不要|没有|两个|一起|这个|那个|什么|啥|那边|一早|不是|完成|任务|帮助|功能|怎么|分$|漏斗|丢单|签|赢|输|推荐|周末|是|类|问卷|调查|谢|好的|收到|嗯|哦|行|可以|没问题|不用/;

/** Organisations without a suffix, from structure: `协和的王主任`, `华山刘医生`, `去了趟同仁`, `小米那边`. */
/** A hospital's or company's department after its name (`华山设备科`, `协和院办`). */
/** Departments named with two or more characters (`药剂科`, `设备处`); a one-character one (`外科`) is too common a word alone. */
const ZH_DEPT_WORDS = '设备|采购|药剂|检验|心内|心外|内分泌|神经内|神经外|放射|影像|信息|财务|医务|护理|急诊|麻醉|病理|超声|妇产';
/** A department right after a name (药剂科主任, 检验科的, 采购部): 1–3 characters, then 科/部/室/处. */
const ZH_DEPT_AFTER_RE = new RegExp(`^(?:${ZH_DEPT_WORDS}|[骨儿妇外内眼牙])(?:科|部|室|处)(?=主任|副主任|科长|部长|处长|主管|经理|的|[\\s,，。、:：]|$)`, 'u');
const ZH_DEPT_RE = new RegExp(`^(.{2,}?)(?:(?:${ZH_DEPT_WORDS}|骨|儿|妇|外|内)(?:科|部|处|办|室)|院办|办公室)$`);
/** A department anywhere in a message (`协和药剂科的副主任`). */
const ZH_DEPT_IN_RE = new RegExp(`(?:${ZH_DEPT_WORDS})(?:科|部|处|办|室)`, 'gu');

/** 市一院心外科 → 市一院: the department is inside the account, not part of its name. */
function withoutDept(org: string): string {
  return (/^(.{2,}?[院司])[\u4e00-\u9fa5]{1,4}[科部室处组]$/u.exec(org) ?? ZH_DEPT_RE.exec(org))?.[1] ?? org;
}

/** 给/和/跟/去… a place, then what was done there or the titled person there (给万家装饰刘总打电话). */
const ZH_JOINED_PLACE_RE = new RegExp(`(?:给|和|跟|与|在|去|到)([\\u4e00-\\u9fa5A-Za-z0-9]{2,8}?)(?=打|开|做了|发|吃|沟通|聊|见|拜访|约|找|谈|送|催|问|陪|那边|的|[,，。\\s]|$|[${SURNAMES}](?:${ZH_TITLES}))`, 'gu');
/** 到货量, 到期日, 在线上: a joiner (到, 在) that starts a word of its own (到货, 到期, 在线) leads to no place. */
const JOINER_WORD_RE = /^(?:到[货期账款位手]|在[线职岗家意])/u;

function findZhOrgsByStructure(t: string, people: Span[]): Span[] {
  const out: Span[] = [];
  const take = (raw0: string, end: number, beforeTitled = false) => {
    // 帮我看看康泰的胡总: the request's words before the name are not part of it.
    // (加个联系人市一院的周海涛: nor the request to add someone.)
    const polite = /^(?:麻烦(?:你|您)?|请|帮(?:我|忙)?|劳驾)?(?:加|新增|新建|添加|录入?|创建)(?:一个|个|一位|位)?(?:新的?)?联系人[:：]?|^(?:麻烦(?:你|您)?|请|帮(?:我|忙)?|劳驾)(?:看看|查查|看下|查下|查一下|看一下)?/.exec(raw0)?.[0].length ?? 0;
    const raw = raw0.slice(polite);
    let lead = /^(?:[的,，\s]|了?一?趟)*/.exec(raw.replace(ZH_LEAD_RE, ''))![0].length + (ZH_LEAD_RE.exec(raw)?.[0].length ?? 0);
    if (/^进\p{Script=Han}{2}/u.test(raw.slice(lead))) lead += 1; // 跟进小米: the verb's tail is not the name
    const s = raw.slice(lead).replace(/(?:见了?|拜访了?|找了?|约了?|去了?|看望?了?|联系|沟通|确认|跟进|了|的|跟|给|与|向|对|再|又|还|也)+$/, '');
    if (s.length < 2 || s.length > 8 || ZH_NOT_ORG.test(s) || ZH_NOT_IN_ORG.test(s) || !/^[\u4e00-\u9fa5A-Za-z0-9]+$/.test(s)) return;
    // 本月3日与李主任…: a day is no organisation.
    if (/^(?:本|这个?|当|上个?|下个?)?(?:月|\d{1,2}月|[一二三四五六七八九十]{1,2}月)?(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]$/u.test(s)) return;
    if (/[吧呢啊呀嘛哦哈啦]$/.test(s)) return; // a sentence's particle ends no name
    if (/^(?:以后|今后|往后)|[别莫甭]$/u.test(s)) return; // 以后别给李主任…: when and a don't are no name
    if (/^(?:管|负责|做|搞|跑)\p{Script=Han}/u.test(s)) return; // 管采购那块的: what someone looks after, no place
    if (/^(?:拿|带|送|发|寄|交|递|取|买|印|打印|准备)\p{Script=Han}/u.test(s) && !/[院司厂行所局店馆校]$/u.test(s)) return; // 拿宣传册去给刘医生: what is brought
    if (/^(?:能|会|可以|可能|应该|正在|还在|不)|^给?(?:加上|加一下|加进来|存上|存一下|看看|看一下|记上|录上|建上|建一下)$/.test(s)) return; // 王丽现在能拍板了, 给我加上: a verb phrase, no name
    if (ZH_DEPT_RE.test('某某' + s) && !ZH_DEPT_RE.test(s)) return; // 药剂科 alone is a department, not whose
    if (ZH_PERSON_LIKE.test(s) && !/[院司厂行所局店馆校]$/.test(s) && !beforeTitled) return;
    // 市一院心内科, 华山医院检验科: the department is inside the account, not part of its name.
    const dept = /^(.{2,}?[院司])[\u4e00-\u9fa5]{1,4}[科部室处组]$/.exec(s) ?? ZH_DEPT_RE.exec(s);
    out.push({ text: dept ? dept[1]! : s, index: end - raw.length + lead });
  };
  for (const p of people) {
    if (!/\p{Script=Han}/u.test(p.text) && t[p.index - 1] !== '的') continue;
    const before = t.slice(0, p.index);
    const m = /([\u4e00-\u9fa5A-Za-z0-9]{2,16}?)(的)?$/u.exec(before);
    // Only `X的<person>` or `<verb>X<person>` (拜访了华山刘医生): a bare prefix is too often a verb.
    // (`，万家装饰刘总`: a word standing alone right before a titled person is where they work.)
    const alone = m && !m[2] && ZH_TITLED_RE.test(p.text) && /(?:^|[\s,，:：;；。、])$/u.test(before.slice(0, before.length - m[1]!.length))
      && m[1]!.length >= 3 && m[1]!.length <= 6;
    if (m && (m[2] || ZH_LEAD_RE.test(m[1]!) || /[院司]$/.test(m[1]!) || alone)) take(m[1]!, p.index - (m[2] ? 1 : 0), /^\p{Script=Han}{1,2}总$/u.test(p.text) || Boolean(alone));
  }
  for (const m of t.matchAll(/([\u4e00-\u9fa5A-Za-z0-9]{2,12}?)(?:那边|那块|这个客户|这家|的情况|的近况|的客户概况|的概况|最近|怎么样|咋样|啥情况|现在|目前|有啥|有什么|有更新|有进展|有动静|啥状态|什么状态|什么情况)/gu)) {
    // 进药流程那块搞定了: a matter (流程, 手续, 合同…) said with 那块 is what was talked of, not where.
    if (!ZH_MATTER_END_RE.test(m[1]!)) take(m[1]!, m.index + m[1]!.length);
  }
  // A name opening the message before what is said of it (`小米谁是决策人`, `同仁的决策链`, `华山张医生…`, `市一院 send CSAT`).
  const lead = new RegExp(`^([\\u4e00-\\u9fa5]{2,4}?)(?=的|谁|那边|这单|那单|采购|要求|让|说|投诉|抱怨|反映|新加|新增|添加|加个|加一个|录个|现在|最近|为啥|为什么|怎么|咋|\\s|[${SURNAMES}][\\u4e00-\\u9fa5]{0,2}(?:${ZH_TITLES}))`, 'u').exec(t);
  if (lead && !people.some((p) => p.index === 0) && !ZH_NOT_LEAD_ORG.test(lead[1]!) && !ZH_NOT_BARE_ORG.test(lead[1]!)) take(lead[1]!, lead[1]!.length);
  // 协和药剂科的副主任, 是华山设备科的: the account before one of its departments.
  for (const d of t.matchAll(ZH_DEPT_IN_RE)) {
    const from = /(?:^|[是在叫为的了,，:：;；。\s])([^是在叫为的了,，:：;；。\s]*)$/u.exec(t.slice(0, d.index))!;
    let start = d.index - from[1]!.length;
    const person = people.filter((p) => p.index < d.index && p.index + p.text.length > start).pop();
    if (person) start = person.index + person.text.length;
    const name = t.slice(start, d.index);
    if (name.length >= 2 && name.length <= 8) take(name, d.index, true);
  }
  // 晋中市二院: a city's numbered hospital.
  for (const m of t.matchAll(/((?:(?![号日去到在给跟和了的是])\p{Script=Han}){2,4}市[一二三四五六七八九十]院)(?![长办区内])/gu)) take(m[1]!, m.index + m[1]!.length);
  // 市一院那主任, 市一院主任那里: a place ending as places do, then a title said alone, is where that person works.
  for (const m of t.matchAll(/([\u4e00-\u9fa5A-Za-z0-9]{2,8}?[院司厂店所])(?:那|这|的那)?(?:位|个)?(?=(?:主任|医生|大夫|经理|科长|院长|老板|护士长|主管|总监|店长)(?:[送打见拜约聊发给问催谈要那,，\s]|$))/gu)) {
    take(m[1]!, m.index + m[1]!.length);
  }
  // 给市一院所有联系人发…: the account before everyone at it.
  for (const m of t.matchAll(/(?:给|向|对)([\u4e00-\u9fa5A-Za-z0-9]{2,8}?)的?(?:所有|全部|每个|各位)/gu)) take(m[1]!, m.index + 1 + m[1]!.length);
  // A message that is only a name (`小米`, `市一院？`, `拼多多 status`): the account asked about.
  const bare = /^([\u4e00-\u9fa5]{2,6})\s*(?:[?？!！.。]*|\s+[A-Za-z ?]+)$/u.exec(t);
  const command = RULES.some((r) => r.re.test(t)) || GREETING_RE.test(t);
  if (bare && !people.some((p) => p.index === 0) && !command && !ZH_NOT_BARE_ORG.test(bare[1]!)) take(bare[1]!, bare[1]!.length);
  // (`年底 备货 的事`: what 的 makes a matter of is no place.)
  for (const m of t.matchAll(/(?:^|[^\u4e00-\u9fa5])([\u4e00-\u9fa5]{2,6})(?=\s*(?:status|latest|update|overview|doing|lately|最近|近况)|\s+(?:的(?!\s*(?:事|问题|东西|进度|资料|方案|合同|报价|样品|价格|单子))|那边))/gu)) take(m[1]!, m.index + m[0].length);
  for (const m of t.matchAll(ZH_JOINED_PLACE_RE)) {
    // 协和药剂科, 仁和药房: 和 ending a name's own word joins nothing.
    if (m[0].startsWith('和') && /[协仁永中祥温平共谐总柔缓暖饱]$/u.test(t.slice(0, m.index))) continue;
    if (JOINER_WORD_RE.test(m[0])) continue;
    if (!m[1]!.startsWith('的')) take(m[1]!, m.index + m[0].length);
  }
  for (const m of t.matchAll(/(?:去了?趟?|到了?|拜访了?(?:一下)?|回访了?(?:一下)?|联系(?!人)了?(?:一下)?|说说|讲讲|聊聊|介绍一?下|看看|看下|查一下|查下|查查)([\u4e00-\u9fa5A-Za-z0-9]{2,6}?)(?=[,，\s。?？]|$|的|见|那边|这个客户|这家|送|做|开|谈|给|找)/gu)) {
    if (!JOINER_WORD_RE.test(m[0])) take(m[1]!, m.index + m[0].length);
  }
  return out;
}

function findEnOrgs(t: string): Span[] {
  const out: Span[] = [];
  for (const m of t.matchAll(EN_ORG_RE)) {
    let s = m[0]; let idx = m.index;
    // drop leading stop words that happen to be capitalised ("Visited City No.1 Hospital")
    const words = s.split(' ');
    while (words.length > 1 && STOP.has(words[0]!.toLowerCase())) { idx += words[0]!.length + 1; words.shift(); }
    s = words.join(' ');
    out.push({ text: s, index: idx });
  }
  return out;
}

function mask(t: string, spans: Span[]): string {
  let r = t;
  for (const s of spans) r = r.slice(0, s.index) + ' '.repeat(s.text.length) + r.slice(s.index + s.text.length);
  return r;
}

const AMOUNT_RE = /([$¥€£])?\s?(\d[\d,]*(?:\.\d+)?)\s?(k|m|mm|million|thousand|grand|万|亿|千|bn|billion)?\s?(元|块|dollars?|usd|rmb|cny|eur|euros?|gbp)?(?!\w|\.\d)/gi;
/** An amount in Chinese numerals: `十五万`, `一百五十万元`, `两万五`, `八万块`, `三千元` (not `十万火急`, not `千万别`). */
const ZH_AMOUNT_RE = /(?<![零一二两三四五六七八九十百千万亿\d])([一二两三四五六七八九十][零一二两三四五六七八九十百千]*(?:点[零一二三四五六七八九]+)?)(?:(万|亿)([一二两三四五六七八九](?![十百千万]))?(?!火急)(元|块钱?|人民币)?|(元|块钱?))/g;
const ZH_DIGIT: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A whole number up to 9999 in Chinese numerals (`一百五十`, `二百`, `十二`, `三千零五`), with `点` decimals. */
export function zhInteger(s: string): number {
  const [int, frac] = s.split('点');
  let total = 0;
  let digit = 0;
  for (const ch of int!) {
    if (ch in ZH_DIGIT) digit = ZH_DIGIT[ch]!;
    else {
      const unit = ch === '十' ? 10 : ch === '百' ? 100 : ch === '千' ? 1000 : NaN;
      if (!Number.isFinite(unit)) return NaN;
      total += (digit || (unit === 10 ? 1 : 0)) * unit;
      digit = 0;
    }
  }
  total += digit;
  if (frac) total += Number('0.' + [...frac].map((c) => ZH_DIGIT[c] ?? 0).join(''));
  return total;
}

function findZhAmount(t: string): { amount: number; currency: string; span: Span } | undefined {
  for (const m of t.matchAll(ZH_AMOUNT_RE)) {
    const [, num, mult, tail, , yuanOnly] = m;
    let v = zhInteger(num!);
    if (!Number.isFinite(v) || v <= 0) continue;
    if (mult) {
      const unit = mult === '万' ? 1e4 : 1e8;
      v = v * unit + (tail ? ZH_DIGIT[tail]! * unit / 10 : 0);
    } else if (!yuanOnly || v < 100) continue; // `三块` is small change, not a deal
    return { amount: Math.round(v * 100) / 100, currency: 'CNY', span: { text: m[0], index: m.index } };
  }
  return undefined;
}

function findAmount(t: string, lang: 'en' | 'zh'): { amount: number; currency: string; span: Span } | undefined {
  for (const m of t.matchAll(AMOUNT_RE)) {
    const [, sym, num, mult, cur] = m;
    const before = t.slice(Math.max(0, m.index - 3), m.index);
    if (/No\.?$/i.test(before)) continue;
    // `jan 15 2027`, `2027年`: a year, not an amount.
    if (!m[1] && !m[3] && !m[4] && /^(?:19|20)\d\d$/.test(m[2]!) && (/(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s*$|\d{1,2}[,\s]+$/i.test(t.slice(Math.max(0, m.index - 16), m.index)) || /^\s*年/.test(t.slice(m.index + m[0].length)))) continue;
    let v = Number(num!.replace(/,/g, ''));
    // (`75 000 dollars` read apart: `000` alone is no amount.)
    if (!Number.isFinite(v) || /^0{2,}$/.test(num!)) continue;
    const ml = mult?.toLowerCase();
    if (ml === 'k' || ml === 'thousand' || ml === 'grand' || ml === '千') v *= 1e3;
    else if (ml === 'm' || ml === 'mm' || ml === 'million') v *= 1e6;
    else if (ml === '万') v *= 1e4;
    else if (ml === '亿') v *= 1e8;
    else if (ml === 'bn' || ml === 'billion') v *= 1e9;
    // A minus sign before the amount or between its symbol and the digits (-$5k, $-5000, -5万)
    // is kept, so that the domain can refuse a negative amount instead of storing it as positive.
    const lead = /(?:^|[\s(:：])([$¥€£])?[-−]([$¥€£])?$/.exec(t.slice(Math.max(0, m.index - 4), m.index));
    const negative = Boolean(lead) && !(lead![2] && sym) && !/^\s/.test(m[0]);
    const symbol = sym ?? lead?.[1] ?? lead?.[2];
    if (!symbol && !ml && !cur && v < 1000) continue;
    if (!symbol && !ml && !cur && /^\d{7,}$/.test(num!)) continue; // phone-like
    v = Math.round(v * 100) / 100;
    if (negative) v = -v;
    let currency: string;
    const c = cur?.toLowerCase();
    if (symbol === '$' || c?.startsWith('dollar') || c === 'usd') currency = 'USD';
    else if (symbol === '€' || c?.startsWith('eur')) currency = 'EUR';
    else if (symbol === '£' || c === 'gbp') currency = 'GBP';
    // `85k €`, `12.000 $`: the symbol written after the amount, as in much of Europe and Latin America.
    else if (/^\s?€/.test(t.slice(m.index + m[0].length))) currency = 'EUR';
    else if (/^\s?£/.test(t.slice(m.index + m[0].length))) currency = 'GBP';
    else if (/^\s?\$/.test(t.slice(m.index + m[0].length))) currency = 'USD';
    else if (/^\s*(?:美元|美金|刀)/.test(t.slice(m.index + m[0].length))) currency = 'USD';
    else if (/^\s*欧元/.test(t.slice(m.index + m[0].length))) currency = 'EUR';
    else if (/^\s*英镑/.test(t.slice(m.index + m[0].length))) currency = 'GBP';
    else if (symbol === '¥' || c === '元' || c === '块' || c === 'rmb' || c === 'cny' || ml === '万' || ml === '亿') currency = 'CNY';
    else currency = lang === 'zh' ? 'CNY' : 'USD';
    const symbolAfter = symbol ? '' : /^\s?[€£$]/.exec(t.slice(m.index + m[0].length))?.[0] ?? '';
    return { amount: v, currency, span: { text: m[0] + symbolAfter, index: m.index } };
  }
  return lang === 'zh' || /\p{Script=Han}/u.test(t) ? findZhAmount(t) : undefined;
}

function scoreValue(s: string): number {
  return /^\d+$/.test(s) ? Number(s) : zhNumber(s);
}

const ALLOWED: Record<IntentName, ReadonlyArray<keyof Entities>> = Object.fromEntries(
  Object.entries(INTENTS).map(([k, v]) => [k, v.keys]),
) as Record<IntentName, ReadonlyArray<keyof Entities>>;

// ---------------------------------------------------------------------------
// Per-intent extractors
// ---------------------------------------------------------------------------

interface Work {
  t: string;
  lang: 'en' | 'zh';
  contacts: Span[];
  orgs: Span[];
  caps: Span[];
  now: Date;
  tz: string;
}

function pickAccount(w: Work): Span | undefined {
  return w.orgs[0] ?? w.caps[0];
}

const PART_OF_DAY_ONLY_RE = /^(?:(?:for |right )?now|现在|morning|afternoon|evening|night|上午|下午|早上|晚上|中午)$/i;
const TODAY_ONLY_RE = /^(?:today|今天|今日)$/i;
const SUMMARY_SEP_RE = /\s*(?:,|;|:|\.\.+|\.\s+(?=[A-Za-z])|!+\s+|\s[-–—]\s|\babout\b|\babt\b|\bregarding\b|\bre:|\bre\b|\bto (?:go over|discuss|review|talk about|walk through)\b|\bw(?:ith|\/)? the\b|\bfor(?= (?:the|our|their) (?!(?:first|second|third|last|next|whole|entire|rest|day|week|month|year|time)\b))|^\s*on(?= (?:the|our|their) (?!(?:phone|line|road|way|spot|site|weekend|call|sidelines|other|same|first|second|last|next)\b)[a-z]+ [a-z]+))\s*/i;
const SUMMARY_ZH_SEP_RE = /[,;:]/;
const FOLLOWUP_NOISE_RE = /\b(?:follow(?:ing)?[- ]?up|done)\b|(?<![-\w])(?:by|on|until|before)\s*$|(?<=\b(?:follow(?:ing)?[- ]?up|reach out|check in|ping|chase)(?:\s+(?:with\s+)?(?:him|her|them))?\s+)(?:by email|on wechat)\b|\b(?:by email|on wechat)\s*$/gi;

function summaryAfterEntities(w: Work, masked: string, endOfEntities: number): string | undefined {
  const rest = masked.slice(endOfEntities);
  let s: string | undefined;
  if (w.lang === 'zh' && /\p{Script=Han}/u.test(rest)) {
    const m = SUMMARY_ZH_SEP_RE.exec(rest);
    // 发微信说样机收到了，人家用着还不赖: what was said in the first clause is the note's start.
    const said = m
      ? /(?:说(?![好定服明])|讲(?![座课解])|提到|表示|告诉我)(?:了|道)?(?:一下|下)?\s*([^,;:]{2,})/u.exec(rest.slice(0, m.index))
      : /(?<=^|\S\s*)(?:说(?![好定服明])|讲(?![座课解])|提到|表示|告诉我)(?:了|道)?(?:一下|下)?([^,;:\s]{2,})$/u.exec(rest.trim());
    // (`打了个电话 说续约的事 他说要等院里开会再说`: words apart with spaces, what was said from its first saying on.)
    const spaced = !m && /\p{Script=Han}\s+\p{Script=Han}/u.test(rest.trim()) ? /(?:说(?![好定服明了过])|提到)(?:道)?\s*(\p{Script=Han}.+)$/u.exec(rest.trim()) : null;
    // (`拜访了李主任，给他演示了新的监护仪，反馈还可以`: a first clause that says what was done for them is the note's start.)
    const head = m ? rest.slice(0, m.index).trim() : '';
    const didFor = m && [...head].length >= 5 && /^(?:给|跟|和|向|把|帮|替|为)(?:他|她|他们|她们|人家)|^(?:演示|介绍|讲解|送了|带了|问了|聊了|谈了)/u.test(head);
    if (didFor) s = rest.trim();
    else if (said && m && /\p{Script=Han}{2}/u.test(said[1]!)) s = rest.slice(said.index + said[0].length - said[1]!.length);
    else if (spaced && /\p{Script=Han}{2}/u.test(spaced[1]!)) s = spaced[1]!;
    else if (said && !m && /\p{Script=Han}{2}/u.test(said[1]!)) s = said[1]!;
    else if (m) s = rest.slice(m.index + 1);
  } else {
    const m = SUMMARY_SEP_RE.exec(rest);
    // `emailed Bill the signed NDA, for follow up later at 3`: a follow-up clause after the comma is no note; the words before it may be.
    const after = m ? rest.slice(m.index + m[0].length) : '';
    const cue = /^\s*(?:(?:and|so|for|then)\s+)?(?:a\s+)?(?:follow(?:ing)?[- ]?up|f\/u|remind me|check in|circle back)\b/i.exec(after);
    const onlyFollowup = !!cue && !/[a-z]{3,}/i.test(after.slice(cue[0].length).replace(/\b(?:later|today|tonight|tomorrow|tmrw|next|this|week|month|in|at|on|by|the|a|an|\d+(?:st|nd|rd|th)?|am|pm|days?|weeks?|(?:mon|tues|wednes|thurs|fri|satur|sun)day|him|her|them|again|pls|please)\b/gi, ''));
    if (m && !onlyFollowup) s = rest.slice(m.index + m[0].length);
    else if (!m) {
      const m2 = /^\s*(?:at|on)\s+(the\s.*)$/i.exec(rest) ?? /^\s+((?:(?:he|she|they|it)(?:'s)?\s+)?(?:the|went|is|was|are|were|wants|needs|asked for|would like|requested|want|need)\b.*)$/i.exec(rest);
      if (m2) s = m2[1];
    }
  }
  if (s == null && w.lang === 'en') {
    // `emailed megan the pricing sheet`, `fwd'd the case study to tom`, `texted Sam that…`, `DM'd Priya to congratulate her`
    const m3 = /^\s*(?:that|to (?!go\b|see\b)(?=[a-z]+ )|w(?:ith|\/)?\s+(?=the\b|(?:a|an|our|my|his|her|their|some|pilot|draft|new|updated|revised|final|signed|summary|notes|minutes|recap|details|copy|link|invite|invitation)\b|[a-z]+\s+(?:draft|proposal|deck|quote|contract|agreement|pricing|doc|document|file|report|slides|brochure|samples?|plan|guide)\b))\s*(.+)$/i.exec(rest) ?? /\b((?:the|a|an|our|his|her|their)\s+(?!phone\b|clinic\b|office\b|conference\b|plant\b|site\b|hospital\b)[^,.;]+?)(?=\s+(?:to|via|by email|by phone|over|on (?:the )?\d|w\/)\b|[,.;]|$)/i.exec(masked.slice(0, Math.max(endOfEntities, 0)) + ' ' + rest);
    if (m3 && /^(?:(?:already|just|also|ok|so|i|i've|i have|i already|we|have|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|this morning)\s+)*(?:emailed|emaild|e-mailed|sent|fwd|fwd'd|forwarded|texted|sms'd|whatsapp'd|wechat'd|messaged|msg'd|dm'd|shot|dropped off|gave|showed|handed)\b/i.test(masked.trim()) || m3 && /^\s*(?:that|to )/i.test(rest)) s = m3![1];
  }
  if (s == null && w.lang === 'en') {
    // (`quick call with Peter at Initech follow up in two weeks on the reporting module`: what the follow-up is on.)
    const on = /\b(?:follow(?:ing)?[- ]?up|f\/u|check in|circle back)\b[^,.;]*?\b(?:on|about|re|regarding)\s+((?:the|our|their|his|her|a|an)\s+[^,.;]{3,60})\s*$/i.exec(rest);
    if (on) s = on[1];
  }
  if (s == null) {
    // A second sentence after the report (`Had a call with X. Discussed expansion…`).
    const sent = /[.!]\s+([A-Za-z][^.!]{6,})/.exec(rest);
    if (sent && w.lang === 'en') s = sent[1];
  }
  if (s == null) return undefined;
  s = s.replace(FOLLOWUP_TAIL_RE, '').replace(FOLLOWUP_NOISE_RE, ' ').replace(/[\s.!;,]+$/, '').replace(/(?<![-\w])(?:by|on|until|before|in)\s*$/i, '')
    // `… yesterday. note: he prefers…`: the word that says it is a note is no part of it.
    .replace(/^\s*(?:note|nb|n\.b\.|fyi|memo)\s*[:：-]\s*/i, '');
  const c = clean(s);
  return c && !NOT_A_NOTE_RE.test(c) ? c : undefined;
}

/** A month said alone (`come January`, `in March`, `1月份`). */
const MONTH_ONLY_RE = /^(?:(?:come|in|by|during|around|early|late|mid)[\s-]+)*(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$|^(?:明年)?(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月份?$/i;
/** Words that ask for a follow-up: a date right after them is the follow-up's. */
/**
 * `she said next year they'll probably look at a third site`: a day in what someone else plans for themselves is theirs,
 * no follow-up of mine — unless they want something of us or will decide, sign or come back to us then.
 */
const THEIR_PLAN_RE = /\b(?:he|she|they|it)\s+(?:said|says|say|mentioned|told (?:me|us)|reckons?|thinks?|figures?)\b|\b(?:they|he|she)(?:'ll|'re going to| will| are going to| is going to|'s going to|'s gonna|'re gonna| is gonna| are gonna| gonna| plan to| plans to| might| may| probably| could)\b/i;
const OUR_PART_RE = /\b(?:said to|says to|sends?|sending|revert|share|provide|deliver|forward|give|come back|contract|proposal|quote|samples?|demo|po|wants?|need|needs|asked|asks|request(?:s|ed)?|expects? (?:us|me)|would like|'d like|get back|confirm|let (?:us|me) know|reply|respond|come back|call (?:me|us)|send (?:me|us)|see (?:us|me)|meet|visit|order from|buy from|renew)\b/i;
/** `talked budget for next yr`: a period naming what was talked about is no date of the talk or of a follow-up. */
/** A while ahead with no day in it (`next week`, `next month`, `in a couple of weeks`). */
const VAGUE_PERIOD_RE = /^(?:(?:sometime|some time|early|late|later)\s+)?(?:next|this|in (?:a|the next|a couple of|two|2|a few))\s+(?:weeks?|months?|quarter|qtr|year|yr)\b|^(?:soon|shortly|later on|in due course)$/i;
const FOR_PERIOD_RE = /^next (?:year|yr|quarter|qtr|month|fiscal year|fy)\b/i;
/** A period far enough off that it names no day to act on (`next year`, `next quarter`, `明年`, `年底`). */
const FAR_PERIOD_RE = /^(?:(?:early|late|sometime|some time|by|in)\s+)?(?:next (?:year|yr|quarter|qtr|fiscal year|fy)|the new year)\b|^(?:明年|下(?:个)?季度|下半年|年底|年初|年后)/i;
/** A while ahead with no day in it, in Chinese (`下个礼拜`, `下个月`, `过几天`). */
const ZH_VAGUE_PERIOD_RE = /^(?:下(?:个)?(?:周|礼拜|星期|月)|过(?:几|两)天|过段时间|过一阵子?|月底|月初)(?:前|之前|以前)?$/u;
/** Whose words a Chinese clause reports: theirs (`他说`, `伊讲`, `佢话`, `对方表示`). */
const ZH_THEY_SAID_RE = /(?:他|她|伊|佢|对方|人家|他们|她们|佢哋|科里|院里)(?:说|讲|话|表示|讲了|说了|讲是|回复|答复)/u;
/** …and what in it is ours to do: something they want of us, or something we are to bring. */
const ZH_OUR_PART_RE = /要(?!开会|研究|讨论|商量)|需要|想要|让我|叫我|给(?:他|她|伊|佢|我们)|送|发(?:给|过去)|寄|带(?:过去|上)|报价|样品|资料|我|咱/u;

const FOLLOWUP_CUE_RE = /\b(?:remind|follow[- ]?up|check in|circle back|ping|touch base|call back|get back|chase|nudge)\b|提醒|跟进|回访|再约|再联系/i;

/** `周五提醒我跟一下`: in Chinese the follow-up's day comes before the word that asks for it. */
const FOLLOWUP_CUE_AFTER_RE = /^\s*(?:再)?(?:提醒|跟进|回访)/;

/** A follow-up clause at the end of a report is its due date's action, not its note. */
const FOLLOWUP_TAIL_RE = /[,;.!]+\s*(?:(?:and\s+)?(?:also\s+)?(?:pls\s+|please\s+|kindly\s+|do\s+)?(?:will |i'll |gotta |need to )?(?:circle back|check back|chk back|follow up|f\/u|ping (?:him|her|them)|touch base|get back to (?:him|her|them)|check in|remind me)\b.*)$/i;
/** What is left of some reports is no note at all. */
const NOT_A_NOTE_RE = /^(?:(?:on )?the (?:phone|clinic|office|conference|plant|site)|went well|good vibes.*|forgot to log it|circle back|check back|call|chk back.*|remind me to|my calendar for|done|i'?d|would)$/i;

const BARE_DAY_RE = /^(?:on\s+)?(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|the\s+\d{1,2}(?:st|nd|rd|th)|\d{1,2}(?:st|nd|rd|th))(?:\s+(?:morning|afternoon|evening|around\s+\d.*|at\s+\d.*|\d.*))?$|^(?:周|星期|礼拜)[一二三四五六日天](?:上午|下午|晚上|中午)?.*$|^(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[号日](?:上午|下午|晚上|中午)?.*$/i;
/** `…, she wants to see the plan on Friday`: in its clause, someone wants or will do something that day. */
const WANTS_AHEAD_RE = /\b(?:she|he|they|we|i|you)\s*(?!(?:'d like|would like|wants?|want|need|needs?|have) to (?:log|record|note|add|enter|report|register|put in|save)\b)(?:'ll|'d like|will|wants?|needs?|would like|(?:should|shall|must|ought to|ha(?:s|ve) to)(?! be (?:grateful|glad|happy|thankful|obliged|pleased)\b| like\b| have\b)|asked (?:for|to|us to|me to)|expects?|is going to|are going to|plans? to|promised to|is coming|are coming)\b(?!.*\b(?:last|ago)\b)/i;
const FUTURE_CUE_BEFORE_RE = /(?:\b(?:follow(?:ing)?[- ]?up|back|next step|need(?:s)? to|remind|check in|ping|chase|nudge|send|again|appointment|appt|booked|scheduled|set up|arranged|planned)\b[^,.;]{0,25}|\b(?:by|until|due|before)\s+|(?:再|跟进|提醒|回访|送|约)[^，,。]{0,8})$/iu;

/**
 * In a report of what happened, a bare weekday or day of the month is the past one (`visited Dr. Ahmed
 * on the 2nd`, `周五拜访了…`), unless a follow-up cue stands right before it (`follow up monday`).
 */
function isBarePastable(t: string, index: number, dt: string): boolean {
  if (!BARE_DAY_RE.test(dt.trim())) return false;
  if (isZhPlanClause(t, index, dt)) return false;
  return !FUTURE_CUE_BEFORE_RE.test(t.slice(Math.max(0, index - 30), index));
}

/**
 * A bare weekday or day number said of what happened: `周一去仁和看了下` (了 in its clause),
 * `had a meeting with Sarah on Monday` (a past verb before it in its sentence, nothing ahead).
 */
function saidAsPast(t: string, index: number, dt: string, now?: Date, tz?: string, formal = false): boolean {
  if (!isBarePastable(t, index, dt)) return false;
  if (/\p{Script=Han}/u.test(dt)) {
    const clause = t.slice(index + dt.length).split(/[,，。;；!！?？]|(?<=\p{Script=Han})\s+|\s+(?=\p{Script=Han})/u).find((c) => c.trim()) ?? '';
    if (/了|过(?![去来])|完|已经|曾/.test(clause)) return true;
    // `周一去人民医院拜访刘医生 送了宣传册` said on a Wednesday: the weekday gone by this week, and what
    // follows says done with nothing ahead, is the report's day.
    // (So is one written in a report's formal words, `周一赴仁和大药房拜访陈经理，商议年底备货事宜`: a plan
    // in that register says 拟 or 将.)
    const after = t.slice(index + dt.length);
    return now !== undefined && tz !== undefined && weekdayGoneBy(dt, now, tz) && (PAST_ZH_RE.test(after) || formal)
      && !PLAN_ZH_RE.test(t) && !FUTURE_RE.test(t) && !/将|拟|计划|准备|打算|要/.test(t);
  }
  const sentence = t.slice(0, index).split(/[.!?;]\s+/).pop() ?? '';
  const rest = t.slice(index + dt.length).split(/[.!?;](?:\s+|$)/)[0] ?? '';
  const ahead = /\b(?:will|'ll|going to|gonna|plan|need to|remind|tomorrow|next)\b/i;
  if (PAST_VERB_RE.test(sentence) && !ahead.test(sentence)) return true;
  // `Monday we had a meeting with Tom`, `email to Hans on tuesday, sent the whitepaper`: the past
  // verb after the day, in the same sentence, with nothing in it looking ahead.
  return PAST_VERB_RE.test(rest) && !ahead.test(sentence + ' ' + rest) && !WANTS_AHEAD_RE.test(sentence + ' ' + rest);
}

/** The formal words of a visit report (赴, 前往, 商议, 洽谈, 会晤). */
const ZH_FORMAL_REPORT_RE = /赴|前往|商议|洽谈|会晤|面谈/;

/** Verbs that say a contact happened. */
const PAST_VERB_RE = /\b(?:had|met|visited|called|phoned|rang|spoke|talked|emailed|texted|saw|went|sent|discussed|presented|demoed|showed|dropped by|stopped by|sat down|sat with|caught up|ran into|swung by|popped in)\b/i;

/** `周一` said on a Wednesday: a bare Chinese weekday earlier in this (Monday-first) week than today. */
function weekdayGoneBy(dt: string, now: Date, tz: string): boolean {
  const n = zhWeekdayNumber(dt);
  return n !== undefined && n < isoWeekday(now, tz);
}

/** `monday - visit peter…`: a note opening with a weekday, a verb with no tense, and nothing else that says one. */
function enWeekdayUnsaid(t: string): boolean {
  // (`tuesday - Soylent, visit with Wei Ling`: an account or a name may come before the verb.)
  const m = /^(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s*(?:->|=>|→|[-–—:,>])\s*|\s+)(?:[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,2}\s*[,:-]?\s*)?(?:visit|call|meet|see|lunch|dinner|coffee|demo|email|ping|text|catch up|(?:swing|drop|stop|pop|come|pass|go|head) (?:by|in|over|to)|check in)\b/i.exec(t.trim());
  // (Whichever day of the week it is: `thursday - swing by…` said on a Wednesday may be tomorrow's plan or last week's visit.)
  // (`I visit Peter in Initech the 2nd, we review…`: a present tense with a day may be either too.)
  const plain = /^(?:i|we)\s+(?:visit|meet|call|see|phone|email)\s/i.test(t) && /\b\d{1,2}(?:st|nd|rd|th)\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/i.test(t);
  if (!m && !plain) return false;
  // (`regarding expansion plan`: a plan named is no word of tense; `plan to` is.)
  return !/\b(?:will|'ll|going to|gonna|need to|next|tomorrow|remind|plan(?:ning)? to|[a-z]{3,}ed|had|met|went|saw|spoke|sent|did|was|were|done|already)\b/i.test(t);
}

/** 1 (Monday) to 7 (Sunday) for a text opening with a Chinese weekday (周一, 礼拜天). */
function zhWeekdayNumber(text: string): number | undefined {
  const m = /^(?:周|星期|礼拜)([一二三四五六日天])/.exec(text.trim());
  return m ? (/[日天]/.test(m[1]!) ? 7 : zhNumber(m[1]!)) : undefined;
}

/** Today's weekday in `tz`, 1 (Monday) to 7 (Sunday). */
function isoWeekday(now: Date, tz: string): number {
  const w = wallClock(now, tz);
  return new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() || 7;
}

/** In Chinese the date comes before the verb: `周五把资料送过去` (no 了/过 after it) is a plan. */
function isZhPlanClause(t: string, index: number, dt: string): boolean {
  if (!/\p{Script=Han}/u.test(dt)) return false;
  const clause = t.slice(index + dt.length).split(/[,，。;；!！?？]|(?<=\p{Script=Han})\s+|\s+(?=\p{Script=Han})/u).find((c) => c.trim()) ?? '';
  if (!/\p{Script=Han}/u.test(clause) || /了|过(?![去来])|完|已经|曾/.test(clause)) return false;
  // 周一赴仁和大药房拜访陈经理，商议年底备货事宜: written without 了, the day's clause is the report itself
  // when it opens the message; said after a report (拜访了…，周五把资料送过去) it is the plan.
  const before = t.slice(0, index).replace(/[\s,，。;；:：]/g, '');
  return !(before.length <= 2 && !/提醒|要|将|准备|计划|打算|得|记得|安排|(?<![续签合制节])约|把|前/.test(clause));
}

/** `Jan 5`, `on the 5th of January`, `5 jan`: a day of a named month, no year. */
const MONTH_DAY_RE = new RegExp(`^(?:on\\s+)?(?:(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?)(?:\\s*,?\\s*(?:at\\s+)?\\d.*)?$`, 'i');

/** A day in the same clause as a past verb (`met her on Jan 5`), with nothing there looking ahead. */
function monthDaySaidAsPast(t: string, index: number): boolean {
  const clause = t.slice(0, index).split(/[,;!?]\s*|(?<!\b(?:dr|mr|mrs|ms|prof|st|mt|jr|sr))\.\s+|\band\b|\bbut\b/i).pop() ?? '';
  return PAST_VERB_RE.test(clause) && !FUTURE_CUE_BEFORE_RE.test(t.slice(Math.max(0, index - 30), index))
    && !/\b(?:will|'ll|going to|gonna|plan|need to|remind|next|wants?|asked)\b/i.test(clause);
}

/** The same instant a year earlier, at the same wall-clock time. */
function yearBefore(iso: string, tz: string): string {
  const w = wallClock(new Date(iso), tz);
  return isoFromWall(w.year - 1, w.month, w.day, w.hour, w.minute, tz);
}

/** The same weekday a week earlier, or the same day of the month a month earlier. */
function toPast(iso: string, dt: string, tz: string): string {
  const d = new Date(iso);
  const wall = wallClock(d, tz);
  const weekday = (!/\d/.test(dt.replace(/\d{1,2}\s*(?:am|pm|点|:\d\d)/gi, '')) && !/[一二三四五六七八九十]\s*号/.test(dt)) || /周|星期|礼拜/.test(dt);
  const [y, mo, day] = weekday ? [wall.year, wall.month, wall.day - 7] : [wall.year, wall.month - 1, wall.day];
  const t = new Date(Date.UTC(y, mo - 1, day));
  return isoFromWall(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), wall.hour, wall.minute, tz);
}

function extractLogOrFollowup(w: Work, intent: IntentName, e: Entities): void {
  const { t } = w;
  const contact = w.contacts[0];
  if (intent === 'log_interaction' && w.contacts.length > 1) {
    // `…with Sarah and Tom… Sarah said…`: each person once.
    const others = [...new Set(w.contacts.slice(1).map((c) => c.text))].filter((x) => x !== w.contacts[0]!.text);
    if (others.length) e.others = others;
  }
  // `a meeting with Tom and Sarah`: a reminder of a meeting with two people names both.
  if (intent === 'schedule_followup' && w.contacts.length === 2 && w.contacts[0]!.text !== w.contacts[1]!.text
    && /^\s*(?:and|&|和|跟|与|及)\s*$/i.test(t.slice(w.contacts[0]!.index + w.contacts[0]!.text.length, w.contacts[1]!.index))) e.others = [w.contacts[1]!.text];
  if (contact) e.contact = contact.text;
  // `给市一院那主任送样品`: a title said alone, of someone at the place named before it, is who it is with.
  const titleAlone = !contact && w.lang === 'zh' && w.orgs.length === 1
    ? new RegExp(`^(?:[给找见]?(?:的|那|这|的那)?(?:位|个)?)(主任|医生|大夫|经理|科长|院长|老师|老板|护士长|主管|总监|店长)(?=[送打见拜约聊发给问催谈要那,，\\s]|$)`, 'u').exec(t.slice(w.orgs[0]!.index + w.orgs[0]!.text.length))
    : null;
  if (titleAlone) e.contact = titleAlone[1]!;
  const org = w.orgs[0] ?? (w.caps.find((c) => !contact || c.index !== contact.index));
  if (org) e.account = org.text;
  if (intent === 'log_interaction' && !contact && !org) {
    // nothing
  }
  let type = firstRule(t, TYPE_RULES);
  // 麻烦帮我记录一下，今天上午拜访了…: asking to record a report is no note of its own; the report's kind is.
  if (type === 'note') {
    const after = /(?:记录一下|记一下|记一笔|记下|备注一下|帮我记)[\s,，:：]*(.+)$/.exec(t)?.[1] ?? /^(?:pls |please )?(?:log|record|note)(?: down)?(?: that)?\s+(.+)$/i.exec(t)?.[1];
    const reported = after && /了|过|\b(?:had|met|called|visited|spoke|emailed|texted)\b/i.test(after) ? firstRule(after, TYPE_RULES) : undefined;
    if (reported && reported !== 'note') type = reported;
  }
  // 今天去市一院开了个会: going somewhere to hold a meeting is the meeting.
  // (`…，他说得等院里开会定`: a meeting they said is to come is not what was done.)
  const own = t.replace(/[,，;；。][^,，;；。]*(?:说|讲|等|要|得|会议上)[^,，;；。]*/gu, '');
  if (type === 'visit' && !/拜访|拜防|回访|上门|\bvisit/i.test(t) && /开了?.{0,4}会|(?<!一)见了?.{0,2}面|meeting|\bmet\b/i.test(own)) type = 'meeting';
  if (type) e.interactionType = type;

  // dates (names masked so "Dr. Sun" is not Sunday)
  const masked0 = mask(t, [...w.contacts, ...w.orgs]);
  const forward = intent !== 'log_interaction';
  let masked = masked0;
  let textNoDates = t;
  let dueAt = -1;
  for (let i = 0; i < 3; i++) {
    const d = findDate(masked, { now: w.now, tz: w.tz, lang: w.lang, forward, durations: false });
    if (!d) break;
    const dt = d.text.replace(/[\s,.;:]+$/, '');
    const blank = (s: string) => s.slice(0, d.index) + ' '.repeat(dt.length) + s.slice(d.index + dt.length);
    masked = blank(masked);
    // "上午去协和拜访了…", "met raj this afternoon": earlier today, at that part of the day.
    const earlierToday = intent === 'log_interaction' && d.today && !TODAY_ONLY_RE.test(dt) && /morning|afternoon|evening|noon|上午|下午|早上|晚上|中午/i.test(dt) && new Date(d.iso) <= w.now;
    if (PART_OF_DAY_ONLY_RE.test(dt)) {
      if (earlierToday && !e.when) { e.when = d.iso; textNoDates = blank(textNoDates); }
      continue;
    }
    // `the meeting tomorrow with Tom and Sarah of Acme at 2 pm`, `met Tom yesterday with Sarah at 3pm`: a time alone,
    // said after a day read at its default hour, is that day's time.
    if (w.lang === 'en' && /^(?:at\s+|@\s*)?\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)$/i.test(dt.trim()) && d.timeCertain) {
      const key = e.due ? 'due' : e.when ? 'when' : undefined;
      const was = key ? wallClock(new Date(e[key]!), w.tz) : undefined;
      const clause = t.slice(0, d.index).split(/[,;.!?](?:\s+|$)/).pop() ?? '';
      const sameClause = /\b(?:yesterday|today|tomorrow|tmrw|(?:mon|tues|wednes|thurs|fri|satur|sun)day|the \d{1,2}(?:st|nd|rd|th)|next \w+)\b/i.test(clause) && (key === 'due' || !FOLLOWUP_CUE_RE.test(clause));
      // (The day read already with that hour, said a few words on: nothing more to do with it.)
      const atSaid = wallClock(new Date(d.iso), w.tz);
      if (key && was && was.hour === atSaid.hour && was.minute === atSaid.minute && (was.hour !== 9 || was.minute !== 0)) {
        textNoDates = blank(textNoDates);
        continue;
      }
      if (key && was && sameClause && was.hour === 9 && was.minute === 0 && (key !== 'due' || dueAt < d.index)) {
        const at = wallClock(new Date(d.iso), w.tz);
        e[key] = isoFromWall(was.year, was.month, was.day, at.hour, at.minute, w.tz);
        textNoDates = blank(textNoDates);
        continue;
      }
    }
    // `wants to add a third site next year`, `reckons they'll want more seats next year`, `年底`: a period that far off, with nothing
    // asking to follow up, says what the talk was about, not a day to act on; it stays in the note.
    if (intent === 'log_interaction' && !d.past && FAR_PERIOD_RE.test(dt.trim()) && !FOLLOWUP_CUE_RE.test(t)) continue;
    // `伊讲下个礼拜好批下来`, `他说续约的事下礼拜科里开会再定`: what they said they will do in a while is theirs, no follow-up of
    // mine, unless they want something of us (`他说下周要样品`) or the message asks for one.
    if (intent === 'log_interaction' && w.lang === 'zh' && !d.past && ZH_VAGUE_PERIOD_RE.test(dt.trim()) && !FOLLOWUP_CUE_RE.test(t)) {
      const clause = (t.slice(0, d.index).split(/[，,。;；!！?？]/).pop() ?? '') + dt + (t.slice(d.index + dt.length).split(/[，,。;；!！?？]/)[0] ?? '');
      if (ZH_THEY_SAID_RE.test(clause) && !ZH_OUR_PART_RE.test(clause)) continue;
    }
    // `their CFO wants to look over the contracts come January`: a month alone, with nothing asking to follow up, is what someone else plans.
    if (intent === 'log_interaction' && MONTH_ONLY_RE.test(dt.trim()) && !FOLLOWUP_CUE_RE.test(t)) continue;
    // (`he'll get back to us next month`: their getting back is no cue to follow up.)
    const theirGetBack = /\b(?:he|she|they)(?:'ll| will| is going to| are going to|'s going to|'s gonna|'re gonna| is gonna| are gonna| gonna)\s+(?:get|come|revert)\s+back\b/gi;
    if (intent === 'log_interaction' && w.lang === 'en' && !FOLLOWUP_CUE_RE.test(t.replace(theirGetBack, ' ')) && !d.past) {
      const clause = (t.slice(0, d.index).split(/[,;.!?]\s+/).pop() ?? '') + dt + (t.slice(d.index + dt.length).split(/[,;.!?](?:\s|$)/)[0] ?? '');
      // `she will send us the list of the new sites next month`, `he'll get back to us next month on budget`: what the
      // customer will do in a while, with no day to hold them to, is theirs (a day, `by friday`, is one to chase).
      // (What they want, need or ask of us is ours: `he said they need the quote next week`, `e say make I send am…`.)
      if (THEIR_PLAN_RE.test(clause) && VAGUE_PERIOD_RE.test(dt.trim()) && !/\b(?:i|we)\b/i.test(clause)
        && !/\b(?:wants?|wanted|needs?|needed|asked|asks|request(?:s|ed)?|expects?|would like|'d like|(?:make|let|have|get)\s+(?:me|us)|said to|says to|told (?:me|us) to)\b/i.test(clause)) { textNoDates = blank(textNoDates); continue; }
      // `she prefers that we call her after 3pm her time`: when they like to be reached, no date of anything.
      if (/\b(?:prefers?|preferred|likes? (?:to be|us to|being|it when)|(?:is |'s )?(?:best|easier) (?:reached|to reach|to call)|only (?:takes|answers) calls)\b/i.test(clause) && !FOLLOWUP_CUE_RE.test(t)) continue;
      if (THEIR_PLAN_RE.test(clause) && !OUR_PART_RE.test(clause) && !/\b(?:i|we|me|us|our)\b/i.test(clause.replace(/\btold (?:me|us)\b/gi, ''))) continue;
      if (FOR_PERIOD_RE.test(dt.trim()) && (/\b(?:for|of)\s+$/i.test(t.slice(0, d.index)) || /^'s\b/.test(t.slice(d.index + dt.length)))) continue;
    }
    textNoDates = blank(textNoDates);
    // `…Kindly remind me on Wednesday` said on a Wednesday: the follow-up's weekday is next week's.
    // (So is a weekday that is today's, said as when someone wants something: `she wants the pricing … by Wednesday`.)
    const todayAhead = d.today && !TODAY_ONLY_RE.test(dt) && (FOLLOWUP_CUE_RE.test(t.slice(Math.max(0, d.index - 30), d.index))
      || (intent === 'log_interaction' && w.lang === 'en' && /\b(?:by|before|until|till)\s+$/i.test(t.slice(0, d.index)) && WANTS_AHEAD_RE.test(t.slice(0, d.index).split(/[,;.!?]\s*/).pop() ?? '')));
    // `今天下午两点拜访了张主任`, `met Tom at 2pm today` said at six: an hour gone by today, said of what was done, is when.
    if (intent === 'log_interaction' && d.today && d.timeCertain && Date.parse(d.iso) <= w.now.getTime() && !todayAhead
      && !FUTURE_CUE_BEFORE_RE.test(t.slice(Math.max(0, d.index - 30), d.index))
      && (/\p{Script=Han}/u.test(dt) ? /^[^，,。;；!！?？]*?(?:了|过(?![去来])|完)/u.test(t.slice(d.index + dt.length)) : PAST_VERB_RE.test(t))) {
      if (!e.when) e.when = d.iso;
      continue;
    }
    if (intent === 'log_interaction' && !todayAhead && (TODAY_ONLY_RE.test(dt) || (d.today && !d.timeCertain))) { if (earlierToday && !e.when) e.when = d.iso; continue; }
    // (`…. friday I must check with our engineer and update him`: a bare weekday before what I will do is ahead.)
    const mineAfter = w.lang === 'en' && /^\s*,?\s*(?:i|we)\s+(?:must|will|'ll|need to|have to|gotta|got to|should|am going to|'m going to|am gonna|'m gonna|gonna)\b/i.test(t.slice(d.index + dt.length));
    if (intent === 'log_interaction' && (d.past || todayAhead) && BARE_DAY_RE.test(dt.trim()) && (mineAfter || FUTURE_CUE_BEFORE_RE.test(t.slice(Math.max(0, d.index - 30), d.index)) || isZhPlanClause(t, d.index, dt) || WANTS_AHEAD_RE.test(t.slice(0, d.index).split(/[,;.!?]\s*/).pop() ?? ''))) {
      // "follow up monday" in a report: the coming Monday.
      const ahead = findDate(' '.repeat(d.index) + dt, { now: w.now, tz: w.tz, lang: w.lang, forward: true, durations: false });
      // `周五提醒我跟一下`: the day said with the reminder is the follow-up's, over one said in passing.
      const cueAfter = FOLLOWUP_CUE_AFTER_RE.test(t.slice(d.index + dt.length));
      // (`he'll sign next week. remind me on tuesday to chase him`: the day said with the reminder, too.)
      const cueBefore = FOLLOWUP_CUE_RE.test(t.slice(Math.max(0, d.index - 40), d.index))
        && (dueAt < 0 || !FOLLOWUP_CUE_RE.test(t.slice(Math.max(0, dueAt - 40), dueAt)));
      if (ahead && !ahead.past && (!e.due || cueAfter || cueBefore)) { e.due = ahead.iso; if (cueBefore) dueAt = d.index; }
    } else if (intent === 'log_interaction' && d.past) { if (!e.when) e.when = d.iso; }
    // `on the 20th (last Friday)`: a bare day in a report is when it happened, never the follow-up's.
    // `…, she wants to see the plan on Friday`: a day someone wants something is ahead.
    else if (intent === 'log_interaction' && isBarePastable(t, d.index, dt) && (mineAfter || WANTS_AHEAD_RE.test(t.slice(0, d.index).split(/[,;.!?]\s*/).pop() ?? ''))) { if (!e.due) { e.due = d.iso; dueAt = d.index; } }
    else if (intent === 'log_interaction' && isBarePastable(t, d.index, dt)) { if (!e.when) e.when = toPast(d.iso, dt, w.tz); }
    // `had a meeting with Dr. Li on Jan 5` said in November: a month and day said with a past verb is the last one.
    else if (intent === 'log_interaction' && w.lang === 'en' && MONTH_DAY_RE.test(dt.trim()) && monthDaySaidAsPast(t, d.index)
      && Date.parse(d.iso) - w.now.getTime() > 31 * 86_400_000) { if (!e.when) e.when = yearBefore(d.iso, w.tz); }
    else if (!e.due) { e.due = d.iso; dueAt = d.index; }
    // `he'll sign next week, remind me to check in thursday`: the follow-up's own date wins over one said in passing.
    // (A due read before with no place kept, as a report's `before Monday`, is never the reminder's own.)
    else if ((FOLLOWUP_CUE_RE.test(t.slice(Math.max(0, d.index - 40), d.index)) || FOLLOWUP_CUE_AFTER_RE.test(t.slice(d.index + dt.length)))
      && (dueAt < 0 || !FOLLOWUP_CUE_RE.test(t.slice(Math.max(0, dueAt - 40), dueAt)))) { e.due = d.iso; dueAt = d.index; }
    // 说年底要备货，下礼拜三给他送报价单: a day in what someone said is theirs; the one said with what I am to do is the follow-up's.
    else if (w.lang === 'zh' && dueAt >= 0 && ZH_SAID_RE.test(t.slice(0, dueAt).split(/[,，。;；!！]/).pop() ?? '')
      && !ZH_SAID_RE.test(t.slice(0, d.index).split(/[,，。;；!！]/).pop() ?? '') && ZH_TO_DO_RE.test(t.slice(d.index + dt.length))) { e.due = d.iso; dueAt = d.index; }
  }
  // 说年底要多备点货, 说下礼拜想多进点货: a day in what they said they will do themselves is theirs, no follow-up of mine.
  if (intent === 'log_interaction' && w.lang === 'zh' && e.due && dueAt >= 0) {
    const theirs = /(?:说|讲|提到|表示)([^,，。;；]{0,12}?)(?:(?:要|会|准备|打算|可能|想|想要|计划)(?:多|再|先)?(?:备(?:一些|一点|点|些)?货|进(?:一些|一点|点|些)?货|订货|囤货|采购|下单|招标|开会|讨论|研究|盘点)|(?:能|会|可以|应该)(?:批下来|批了|定下来|签下来|出结果|到位|到货|上会|开标))/u.exec(t);
    if (theirs && dueAt >= theirs.index && dueAt < theirs.index + theirs[0].length && !FOLLOWUP_CUE_RE.test(t)) delete e.due;
  }
  // drop "前/之前" (before) left behind by a removed date
  masked = masked.replace(/([\s:：,，])(?:之前|前)(?=\p{Script=Han}|[,\s]|$)/gu, (_m, a: string) => a + '  '.slice(0, _m.length - 1));
  textNoDates = textNoDates.replace(/([\s:：,，])(?:之前|前)(?=\p{Script=Han}|[,\s]|$)/gu, (_m, a: string) => a + '  '.slice(0, _m.length - 1));

  const ents = [contact, org].filter((x): x is Span => !!x);
  const end = ents.length ? Math.max(...ents.map((s) => s.index + s.text.length)) : 0;

  if (intent === 'log_interaction') {
    if (type === 'note') {
      const m = /^(?:quick )?note\s*(?:on\s+\S+)?\s*:?\s*|^(?:记录一下|记一下)\s*[:,]?\s*/i.exec(textNoDates);
      if (m) {
        const rest = textNoDates.slice(m[0].length);
        // "quick note on Globex: ..." -> text after the colon
        const colon = /^[^:]*:\s*/.exec(rest);
        e.summary = clean(m[0].includes('on') && colon ? rest.slice(colon[0].length) : rest);
      }
      // `add a note for Contoso - budget approved`, `jot down that…`, `nb: ben @ adatum leaving…`, `备注：…`
      if (!e.summary) {
        const n = /^(?:(?:just|pls|please|can you|could you|ok|okay|so)\s+)*(?:(?:add|log|make|leave|put|quick|jot)\s+(?:a\s+)?(?:(?:little|quick|short|small|wee)\s+)?notes?|notes?|nb|memo|jot(?:ted)?(?:\s+down)?|fyi|记录一下|记一下|记一笔|记下|记个?笔记|记个事儿?|帮我记一下|备注一下|加个备注|备注)(?![a-z])[^:：\-–—]*?(?:\s[-–—]\s|[:：]|\bthat\b|\s(?=\S))\s*/i.exec(textNoDates);
        if (n) {
          const body = mask(textNoDates, ents).slice(n[0].length);
          const lead = /^\s*(?:to|for|on|re)\b[^:–—-]*?[:–—-]/i.exec(body) ?? /^\s*(?:to|for|on|re)\b[^:–—-]*?\s{2,}/i.exec(body);
          // `a note on Bill: he is moving to the Manchester office`: after the colon, the note as said (names in it kept).
          const said = lead && /[:–—-]$/.test(lead[0]) ? textNoDates.slice(n[0].length + lead[0].length) : body.slice(lead?.[0].length ?? 0);
          const c = clean(said.replace(/\s{2,}/g, ' '));
          if (c && /[a-z]{3}|\p{Script=Han}{2}/iu.test(c)) e.summary = w.lang === 'zh' ? c.replace(HAN_GAP_RE, '') : c;
        }
      }
      return;
    }
    // "聊了试用方案，她说3号之前要看到样品": what was talked about is the note.
    const talked = w.lang === 'zh' ? ZH_TALK_RE.exec(textNoDates) : null;
    // 试用的事聊了聊, 续约的事谈了: the matter named before the talk is the note.
    const matter = w.lang === 'zh' ? /(?:^|[\s,，;；。])([^\s,，;；。]{2,12}?(?:的事(?:儿|情)?|这块|方面))(?:也|又|都|还)?(?:聊|谈|沟通|讨论|说|对|碰)(?:了|过)/u.exec(textNoDates) : null;
    if (matter && !(talked && /\p{Script=Han}{2}/u.test(talked[1]!) && talked.index < matter.index)) {
      e.summary = clean(matter[1]!.replace(HAN_GAP_RE, ''));
      return;
    }
    let s = talked && /\p{Script=Han}{2}|[A-Za-z]{2}/u.test(talked[1]!) && !/^(?:了|一下|下|聊|一阵|半天|好久|很久|挺久|一会)/.test(talked[1]!) ? talked[1]! : summaryAfterEntities(w, textNoDates, end);
    // 陈经理说年底订货量要加，下周三之前把报价单发给他: what follows the day ahead is the
    // follow-up's, so the note is what was reported before it.
    if (s && !talked && w.lang === 'zh' && e.due) {
      const z = zhReportSummary(mask(textNoDates, [...w.contacts, ...w.orgs, ...w.caps]));
      if (z && textNoDates.indexOf(z) >= 0 && textNoDates.indexOf(z) < textNoDates.indexOf(s)) s = z;
    }
    // `touched base with Wei Ling on the expansion, she will be sending the site list by friday`:
    // the words after the future cue are the follow-up's; the note is the topic reported before it.
    if (s && !talked && w.lang === 'en' && e.due) {
      // (The future part that holds the follow-up's day: `…, she want training schedule for new site, tomorrow I will follow up her`;
      // said without stops, where someone's wanting starts: `…renewals looking good tom needs the updated questionnaire by friday`.)
      const futs = [...textNoDates.matchAll(EN_FUTURE_CLAUSE_G)];
      const bare = /[,;.]/.test(textNoDates) ? [] : [...textNoDates.matchAll(EN_WANTS_BARE_G)];
      const fut = (dueAt >= 0 ? futs.filter((f) => f.index <= dueAt).pop() : undefined) ?? futs[0] ?? bare[0];
      const cut = fut ? fut.index : -1;
      const topic = cut > 0 ? EN_TOPIC_RE.exec(mask(textNoDates.slice(0, cut), [...w.contacts, ...w.orgs, ...w.caps])) : null;
      // No topic word: the last clause of the report that says something of its own.
      const said = cut > 0 ? textNoDates.slice(0, cut).split(/(?<!\b(?:Mr|Mrs|Ms|Dr|Prof|St|Mt))[,;.]/).map((c) => c.trim()).filter((c) => c.split(/\s+/).length >= 3 && !/^(?:had|spoke|met|called|visited|emailed|rang|phoned|caught up|touched base|just back|log|quick)\b|\b(?:call|called|calls|visit|visited|meeting|met|lunch|dinner|coffee|chat|sync|spoke|rang|phoned|emailed)\b|\bw\//i.test(c)).pop() : undefined;
      // (Said without stops and with no topic word: the words after the last name or day, before the future part.)
      const tail = cut > 0 && !topic && !said ? /(?:^|\s{2,})((?:[a-z'’]+ )+[a-z'’]+)\s*$/i.exec(mask(textNoDates.slice(0, cut), [...w.contacts, ...w.orgs, ...w.caps]))?.[1] : undefined;
      const tailSays = tail && !/\b(?:met|meet|saw|seen|visited|visit|called|call|spoke|rang|phoned|emailed|dropped|swung|popped|caught|touched|had|with|from|at|and|on|in)\b/i.test(tail) ? tail : undefined;
      if ((topic || said) && textNoDates.indexOf(s.slice(0, 12)) >= cut) s = topic ? topic[1]!.trim() : said!;
      else if (tailSays && textNoDates.indexOf(s.slice(0, 12)) >= cut) s = tailSays;
      // `…about the third site, she will send the floor plans by friday`: a note running into the follow-up stops where it starts.
      else if (cut > 0) {
        const at = textNoDates.indexOf(s.slice(0, 12));
        if (at >= 0 && at < cut && at + s.length > cut) s = textNoDates.slice(at, cut).replace(/[\s,;.]+$/, '');
      }
    }
    // `talked budget for next yr w wei ling`: the matter said before the person is the note.
    if (!s && w.lang === 'en') s = /\b(?:talked|discussed|went over|went through|covered|reviewed|chatted|spoke)(?:\s+about)?\s+(?!to\b|with\b|w\b)(.{3,60}?)\s+(?:w\/?|with)\s+/i.exec(textNoDates)?.[1];
    if (s) e.summary = clean(w.lang === 'zh' ? s.replace(HAN_GAP_RE, '') : s);
    else if (w.lang === 'zh') {
      // "给杨医生发了产品资料" -> text after the verb
      const m = /(?:发了|送了)([\u4e00-\u9fa5]{2,12})$/.exec(masked.trim());
      if (m) e.summary = m[1];
    }
    if (!e.summary && w.lang === 'zh') { const z = zhReportSummary(mask(textNoDates, [...w.contacts, ...w.orgs, ...w.caps])); if (z) e.summary = z; }
    // 提醒我下周二送样品: the ask for a reminder is no part of what is to be done.
    if (e.summary && w.lang === 'zh') e.summary = e.summary.replace(/(^|[,，\s])(?:回头|到时候?|记得|再)?(?:提醒我|提醒一下)(?:一下)?(?=\p{Script=Han}|[,，.。!！]|$)/gu, '$1').replace(/[,，\s]+$/u, '') || e.summary;
    // 微信说想看新的临床数据: the channel and `said` are the type, what was said is the note.
    if (e.summary && w.lang === 'zh') e.summary = e.summary.replace(/^(?:微信|电话|短信|邮件|钉钉)(?:里|上|中)?(?:说|讲|提到|反馈|回复)(?:了)?/u, '') || e.summary;
    return;
  }

  // schedule_followup summary
  if (w.lang === 'en' || !/\p{Script=Han}/u.test(t)) {
    const about = /\b(?:about|abt|regarding|re:?|to discuss|to review|to confirm|to present|to go over|on)\s+(?!(?:the\s+)?(?:mon|tue|wed|thu|fri|sat|sun|dec|jan|nov|\d))(.+)$/i.exec(masked.slice(end).replace(PRIORITY_TAIL_EN_RE, '').replace(/[,;]\s*(?:poor|bless|he'?s|she'?s|they'?re|they|he|she|it'?s|been|cause|'?cause|because|since|as)\b.*$/i, ''));
    // (`…friday morning, poor fella's been waiting on them all week`: a remark after a comma is not what it is about.)
    if (about && end > 0) { const s = clean(about[1]!.replace(FOLLOWUP_NOISE_RE, ' ').replace(/[\s,]*\b(?:please|pls|plz|thanks|thank you|thx|cheers|ta)\b[.!]*\s*$/i, '')); if (s) e.summary = s; }
    else {
      const vp = /\bremind me (?:\s*)?to\s+(?!call|visit|email|check|follow|meet|ping|book)([a-z ]+?)\s+(?:to|with|for)\s+$/i.exec(masked.slice(0, ents[0]?.index ?? 0));
      if (vp) e.summary = clean(vp[1]);
      else {
        // "remind me to send Maria the pricing sheet on friday": the action, as written.
        const plain = textNoDates.replace(/[,;]?\s*(?:(?:can you|could you|pls|please)\s+)?(?:set|make|create|add|put in)\s+(?:me\s+)?(?:a\s+)?reminder\b.*$/i, '').replace(/\b(?:eod|cob)\b\s*/gi, '').replace(/\b(?:for|on|by|at)\s+(?=to\b)/gi, '').replace(/\s+/g, ' ').replace(/^(?:(?:not urgent|no rush|low prio(?:rity)?|high prio(?:rity)?|urgent|asap|important|this is urgent)(?: but)?[\s:,!-]*|pls |please )+/i, '');
        const act = /\b(?:remind me(?: to| 2)?|reminder(?: for me)?(?: to)?:?|(?<=^|\b(?:i|we)\s+|[,.;:]\s*)(?:need (?:to|2)|have to|gotta|must)|don'?t (?:let me )?forget to|make sure to|todo:?|to do:?|ping me\b.*?\bto|^(?:(?:pls |please )?(?:new|add|create|make|set up|put in|open)\s+(?:a\s+|an\s+)?)?(?:task|to-?do|to do|action(?: item)?|reminder|follow-?up)(?:\s+for(?:\s+[a-z]+)?)?\s*(?:to\b|:|-|–|—))\s*(.+)$/i.exec(plain)
          ?? /^((?:send|email|bring|drop off|present|get|fwd|forward|deliver|prepare|share|mail)\b.+)$/i.exec(plain);
        if (act) {
          const a = clean(act[1]!.replace(/^(?:for(?:\s+me)?\s*)?[:\-–—]\s*/i, '').replace(PRIORITY_WORDS_RE, ' ').replace(/[,;]?\s*[-–—]?\s*\bremind me(?: pls| please)?\s*$/i, '').replace(/\b(?:on|by|at|before|pls|please)\s*$/i, '').replace(/\b(?:on|by|at|before)\s*$/i, ''));
          // "call Dr. Wang" says nothing the type and the contact do not already say.
          const bare = a && ents.reduce((x, sp) => x.replace(sp.text, ' '), a).replace(/\b(?:call|email|visit|ping|meet|text|message|follow up|check in|with|to|at)\b/gi, ' ').trim();
          if (a && bare) e.summary = a;
        }
      }
    }
  } else if (ents.length) {
    let rest = masked.slice(end).replace(ZH_REMIND_ASK_END_RE, '').replace(/[,，]?\s*(?:别忘了|不要忘了|千万别忘了?|记得哦|记得哈)[!！。]*\s*$/u, '').replace(/^的/, '').replace(/^\s*(?:那边|这边)[,，\s]*/, '');
    rest = rest.replace(HAN_GAP_RE, '');
    rest = clean(rest.replace(PRIORITY_WORDS_RE, '').replace(ZH_REMIND_ASK_END_RE, '').replace(/^(?:[,，]?(?:哈|吧|啊|呀|哦|呢|嘛|啦|哟|噢|的|了))+$/u, '')) ?? '';
    // 把报价单发给协和王主任，这个挺重要的: what is left of a remark on the matter (这个) is no action.
    if (/^[,，\s]*(?:这|那)(?:个|件|些)?(?:事(?:儿|情)?)?[,，\s]*$/u.test(rest)) rest = '';
    // 把新版报价给协和王主任送过去: a bare verb of carrying after the person finishes the clause before it.
    const carry = /^(?:送|发|带|拿|寄|交|递)(?:过去|过来|去|来|一下|给他|给她)?$/u.test(rest);
    // 把报价单发给协和王主任，他催好几回了: a remark about them after a stop is not the action.
    const remark = /^\s*[,，。;；!！]\s*(?:他|她|他们|她们|对方|人家)/u.test(masked.slice(end));
    // 就采购单相关事宜与赵敏科长进行确认: the matter said before the person is what the action is about.
    const matter = /^.*?(?:提醒我|提醒一下|记得|麻烦|帮我)*[,，\s]*((?:就|关于|针对|对于|围绕)\p{Script=Han}{2,16}?(?:相关事宜|事宜|的事情?|问题|一事)?)[,，\s]*(?:与|和|跟|同|向|找)$/u.exec(textNoDates.slice(0, ents[0]!.index).replace(HAN_GAP_RE, ''));
    if (matter && rest && !carry && !remark && rest.length <= 20) e.summary = `${matter[1]}${/\p{Script=Han}/u.test(rest) ? '' : ' '}${rest}`;
    else if (rest && !carry && !remark && !/^(?:打电话|回电话|发邮件|发微信|开会|见面|拜访|回访|了)$/.test(rest) && rest.length <= 20) e.summary = rest;
    else {
      // 记得周五前把报价发给王丽 不急哈: the action is the clause that ends with the person.
      // (记个待办：比较急，礼拜五前要把报价单送到…: the ask for a to-do and its urgency are no part of it.)
      const lead = textNoDates.slice(0, end).replace(HAN_GAP_RE, '').replace(/^.*?(?:记得|提醒我|帮我|麻烦|别忘了|回头|请|(?:记|加|建|设|添|记下)(?:个|一个|一条|条)?(?:待办|提醒|任务)(?:事项)?)+/u, '')
        .replace(PRIORITY_WORDS_RE, ' ').replace(/^[\s:：,，]+/u, '').replace(/^(?:之前|前)/u, '').replace(/^\s*(?:要|得|需要|得要)(?=把|给|跟|和|向)/u, '');
      const named = ents.reduce((x, sp) => x.replace(sp.text, ''), lead);
      if (/^(?:把|给|跟|和|向|(?:发|送|拿|带|寄|交|递|准备|整理|打印)(?=\p{Script=Han}))/u.test(lead) && (named.match(/\p{Script=Han}/gu)?.length ?? 0) >= 4 && lead.length <= 24) e.summary = lead + (carry ? rest : '');
    }
  } else {
    // 帮我记个提醒：周四前把会议资料准备好: with nobody named, the action is what is left.
    const act = textNoDates.replace(HAN_GAP_RE, '').replace(/^(?:帮我|麻烦|请)?(?:记个提醒|设个提醒|设置提醒|加个提醒|提醒我|提醒一下|记得|别忘了)[:：,，]?/u, '')
      .replace(/^(?:之前|前)/u, '').replace(PRIORITY_WORDS_RE, '').replace(/[,，。!！]*(?:哈|吧|啊|呀|哦|呢|嘛|啦)?$/u, '');
    if ((act.match(/\p{Script=Han}/gu)?.length ?? 0) >= 4 && act.length <= 24 && !/提醒|记得/.test(act)) e.summary = act;
  }
  // `need to chase the order form`, `…about the order, remind me will you`, `…, ta`: the action, without the ask.
  if (e.summary && !/\p{Script=Han}/u.test(e.summary)) {
    // (`wants the workshop slides, remind me to send em to him`: what is sent is what they want.)
    const pron = /^(send|bring|email|e-mail|forward|give|get|drop off|deliver|take|show|mail)\s+(?:em|'em|them|it|those|these|that)\b/i.exec(e.summary);
    const wanted = pron ? /\b(?:wants?|needs?|asked for|is waiting for|requested|would like)\s+(?:the\s+|some\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?([a-z][\w -]{2,40}?)(?=\s*[,.;]|\s+(?:remind|and|so|by|before|asap|today|tomorrow)\b|$)/i.exec(t) : null;
    if (pron && wanted) e.summary = `${pron[1]} the ${wanted[1]!.trim()}`;
    // (`…, poor fella's been waiting on them all week`: a remark after the request is no part of it.)
    if (intent === 'schedule_followup') e.summary = e.summary.replace(/\s*[,;]\s*(?:poor|bless)\b.*$|\s*[,;]\s*(?:he|she|they)'?s been\b.*$/i, '') || e.summary;
    e.summary = clean(e.summary.replace(/^(?:i |we )?(?:need to|needs to|must|gotta|have to|got to)\s+/i, '')
      .replace(/[,;]?\s*(?:remind me(?: will you| would you| pls| please| ok)?|ta|cheers|thanks|thx)\s*[?.!]*$/i, '')
      // `…the pilot contract the next Monday` with the day taken out: its article goes with it.
      .replace(/\s+(?:the|a|an|on|this|next|by|for|at)$/i, '')) ?? e.summary;
  }
  // `拜五要送样品去市一院给那个主任`: with only a title said of whom, what is brought is the action.
  if (titleAlone && intent === 'schedule_followup' && (!e.summary || /^(?:给|找|见)?(?:那|这)?(?:位|个)?\p{Script=Han}{1,3}$/u.test(e.summary))) {
    const carried = /(送|发|带|拿|寄|交|递)([\u4e00-\u9fa5]{1,6}?)(?=去|过去|到|给|[,，\s]|$)/u.exec(textNoDates);
    if (carried) e.summary = carried[1]! + carried[2]!;
  }
}

/** A clause that reports what someone said (说, 讲, 表示…); and one that goes on with what is to be done (给他送…, 再约…). */
const ZH_SAID_RE = /说|讲|表示|反映|提到|称|话/;
const ZH_TO_DO_RE = /^\s*(?:之前|前|以前)?\s*(?:我|咱)?(?:再|要|得|去|给|把|送|发|打|约|跟进|提醒|带|寄|交)/;

/** `…，提醒我一下哈` at the end of a Chinese reminder: the ask, no part of its action. */
const ZH_REMIND_ASK_END_RE = /[,，]?\s*提醒我(?:一下)?[哈啊呀吧哦]*\s*$/u;

/** A clause that only says to follow up (`两周后回访`, `下周follow up`) is the follow-up, not the note. */
const ZH_FOLLOWUP_ONLY_RE = /^(?:再|要)?(?:跟进|回访|联系|follow ?up|check ?in|再约|再打|再去|再联系|再跟|再问|回复他|回复她)(?:一下|下)?$/i;

/** The note of a Chinese report: what was talked about (`聊了报价` → 报价), else the first clause that is neither the report itself nor a bare follow-up. */
/** What was talked about: 聊了试用方案, 沟通了一下价格, 讨论了进院的事. */
const ZH_TALK_RE = /(?:(?:sync|对齐|碰|对)了(?:一下|下)?|摆了?(?:一下|下)(?:龙门阵)?|(?:sync|对齐|碰)(?:一下|下)?|聊了?(?:聊|一下|下|[几两一三]句|一会儿?|一阵子?|好一阵子?|半天|好久|很久|挺久)?|沟通了?(?:一下|下)?|讨论了?(?:一下|下)?|谈了?(?:一下|下)?)(?![不没拢妥成])\s*(?:关于)?((?:[^,，;；。.!！?？\s]|(?<=[A-Za-z])\s(?=[A-Za-z])|(?<=\p{Script=Han})\s(?=[A-Za-z]{3})|(?<=[A-Za-z])\s(?=\p{Script=Han})){2,40})/u;
/** Code-mixed Chinese: `re 进药 list`, `about 新方案`: the topic said after an English marker. */
const ZH_MIXED_TOPIC_RE = /(?:^|[\s,，])(?:re:?|about|regarding|abt|关于)\s*((?=[^\s,，;；。]*\p{Script=Han})(?:[^,，;；。.!！?？\s]|(?<=\S)\s(?=[A-Za-z\p{Script=Han}])){2,40})/iu;
/** English words of the report itself in code-mixed Chinese (`this morning met 赵敏`): not the note. */
const EN_REPORT_WORD_RE = /^(?:met|meet|saw|seen|visited|visit|called|call|rang|phoned|emailed|texted|dropped|popped|caught|chatted|talked|spoke|had|went|just|quick|this|that|with|and|the|then|also|today|yesterday|morning|arvo|afternoon|evening|tonight|went|did|done|got|up|in|by|at|w)$/i;

function zhReportSummary(masked: string): string | undefined {
  const talk = ZH_TALK_RE.exec(masked);
  if (talk && /\p{Script=Han}{2}|[A-Za-z]{2}/u.test(talk[1]!) && !/^(?:了|一下|下|聊)/.test(talk[1]!)) return talk[1]!;
  const topic = ZH_MIXED_TOPIC_RE.exec(masked);
  if (topic && /[A-Za-z]/.test(masked) && (topic[1]!.match(/\p{Script=Han}/gu)?.length ?? 0) >= 2) return topic[1]!.trim();
  const clauses = masked.split(/[,，;；。!！?？:：]|\s+/u).map((c) => c.trim()).filter(Boolean);
  for (const c of clauses) {
    if (ZH_REPORT_CLAUSE_RE.test(c)) continue;
    const content = c.replace(ZH_CLAUSE_FILLER_RE, '').replace(/(?:的|了|和|跟)+$/, '').trim();
    if ((content.match(/\p{Script=Han}/gu)?.length ?? 0) < 2 && !/[A-Za-z]{3}/.test(content)) continue;
    if (EN_REPORT_WORD_RE.test(content)) continue;
    if (/^(?:微信|电话|短信|邮件|邮箱|钉钉|视频|企微|email|wechat)$/i.test(content)) continue; // the channel, said apart from the verb
    if (ZH_FOLLOWUP_ONLY_RE.test(content.replace(/^(?:[两一三\d]+(?:周|天)后)/, ''))) continue;
    return content.length <= 30 ? content : undefined;
  }
  // Only report clauses: what follows the report itself (`打电话确认了年底订货量` → `确认了年底订货量`).
  for (const c of clauses) {
    const r = ZH_REPORT_CLAUSE_RE.exec(c);
    if (!r) continue;
    const content = c.slice(r.index + r[0].length).replace(ZH_CLAUSE_FILLER_RE, '').replace(/(?:的|了|和|跟)+$/, '').trim();
    if ((content.match(/\p{Script=Han}/gu)?.length ?? 0) < 3 || ZH_REPORT_CLAUSE_RE.test(content) || ZH_FOLLOWUP_ONLY_RE.test(content)) continue;
    return content.length <= 30 ? content : undefined;
  }
  return undefined;
}
/** Where a report's future part starts: `, follow up…`, `, she will…`, `, remind me…`. */
const EN_FUTURE_CLAUSE_RE = /[,;.]\s*(?:(?:and|then|so)\s+)?(?:follow(?:ing)?[- ]up|f\/u|(?:(?:please|pls|kindly|can you|could you)\s+)?remind me|(?:we|i)\s+(?:gotta|got to|have to|must|should)\b|[A-Za-z]{3,}\s+(?:needs?|wants?)\s+(?:the|a|an|some|our|us|it|to|more)\b|(?:she|he|they|we|i)(?:'ll|'s going to| will| is going to| are going to| is to| needs?| wants?| is after| asked for| has asked for| has requested| requested| would like| is yet to| has yet to| (?:has |have )?promised(?: to)?| (?:has |have )?agreed to| (?:has |have )?said (?:she|he|they)(?:'ll| will| would))|need to|next step|(?:please |kindly )?(?:set|schedule|book|add) (?:me )?(?:a |up a )?(?:follow[- ]?up|reminder))\b/i;
const EN_FUTURE_CLAUSE_G = new RegExp(EN_FUTURE_CLAUSE_RE.source, 'gi');
/** In a report said without stops, where someone's wanting starts (`…looking good tom needs the questionnaire`). */
const EN_WANTS_BARE_G = /\s(?=(?:she|he|they|[a-z]{3,})\s+(?:needs?|wants?)\s+(?:the|a|an|some|our|us|it|to|more)\b)/gi;
/** The topic of a report: `on the SSO rollout`, `about the renewal`, `re: pricing`. */
const EN_TOPIC_RE = /\b(?:(?:e-?mailed|sent(?: over| across)?|mailed|forwarded|showed|gave|handed|texted)(?:\s+(?:him|her|them))?(?=\s+(?:the|our|their|his|her|a|an|some)\s)|on|about|re:?|regarding|concerning|went (?:through|over)|talked (?:about|through)|discussed|look(?:ed)? at|looking at|walked (?:him|her|them) through)\s+((?:(?:the|our|their|his|her|a|an)\s+)?[A-Za-z][^,.;]{2,60})/i;
/** A clause that reports the contact itself (跟X打了电话, 拜访了, 吃了个饭, 开了个会): not the note. */
const ZH_REPORT_CLAUSE_RE = /来(?:了个?|过)?电话|打来(?:了)?(?:电话)?|来电|拜访|拜防|回访了|上门|打了?个?电话|打过电话|电话(?:沟通|聊|打了|了)|通了?个?电话|通过电话|通话|沟通(?:完|了)|见了|见到|见面|开了?(?:个|一个)?.{0,6}会|发了?(?:个|封|条)?(?:微信|短信|邮件|消息|email)|吃了?(?:个|顿)?.{0,3}饭|吃了?顿|喝了?(?:个)?(?:咖啡|茶)|做了?.{0,4}(?:demo|演示)|演示了|去了|call了|见过(?:一|个)?面|补录|忘了记|看了(?:下|一下|看|一圈)|转了(?:转|一圈|下)|走了一趟|^(?:在|和|跟|与|给|请)$/i;
const ZH_CLAUSE_FILLER_RE = /^(?:麻烦|帮我|记一下|记录一下|记下|记一笔|我们?(?:去|到|跑)了?|(?:她|他|对方|客户|人家)?(?:让我?|要我|叫我|希望我?|说|要求|问)|把|刚刚?|刚才|今天|已经|又|也|还|就|那天|那边|这边|一起|一下|了|的|和|跟|与|在|给|他说|她说|说|本月|上个月)+/u;

/** A plea at the end of a complaint (`麻烦尽快处理一下`, `please sort it asap`) is no part of what went wrong. */
const REQUEST_TAIL_RE = /[,，;；.。!！\s]*(?:你)?(?:帮我|记得|麻烦)(?:提醒|提醒我|提醒一下)(?:吧|哈|啊)?[.。!！]*$|[,，;；.。!！\s]*(?:(?:这个?事(?:情|儿)?|这事儿?)(?:比较|挺|很|非常|特别)?急(?:的)?[,，\s]*)?(?:你)?(?:帮我|麻烦|请)?(?:记一下|记下来?|记一笔|备注一下)(?:吧|哈|啊)?[.。!！]*$|[,，;；.。!！\s]*(?:盯紧|盯着|盯一下|跟紧)(?:点|一点|些)?(?:吧|哈|啊)?[.。!！]*$|[,，;；.。!！\s]*(?:麻烦|请|帮忙|务必|(?:要|让|叫)(?:我们|我))?(?:尽快|赶紧|马上|抓紧)?(?:处理|解决|跟进|回复|看看|看一下|处理一下|解决一下)(?:一下)?(?:吧|哈|啊)?[.。!！]*$|[,;.!\s]*(?:can you |could you |please |pls )?(?:sort (?:it|this) out|look into (?:it|this)|handle (?:it|this)|follow up|fix (?:it|this))(?: asap| quickly| soon| please)?[.!]*$/i;

function extractComplaint(w: Work, e: Entities): void {
  const { t } = w;
  if (w.contacts[0]) e.contact = w.contacts[0].text;
  const a = pickAccount(w);
  if (a) e.account = a.text;
  const p = firstMatchingRule(t, PRIORITY_RULES);
  if (p) e.priority = p;
  // (`their support SLAs keep slipping`: a capitalised word that is not the account stays in the subject.)
  let masked = mask(t, [...w.contacts, ...(a ? [a] : [])]);
  let s: string | undefined;
  let m: RegExpExecArray | null;
  if ((m = /对(.+?)不满意?/.exec(masked))) s = m[1];
  else if ((m = /(?:complained about|complaining (?:about|that)|complaint:|complaint about|unhappy with|dissatisfied with|\bsays\b|\babout\b|投诉[:,]?|抱怨|反映)\s*(.*)$/i.exec(masked))) s = m[1];
  else if ((m = /(?:complaint from|complaint for)\s*[, :]*(.*)$/i.exec(masked))) s = m[1];
  // `X complained the samples arrived damaged`, `complaint, urgent!! wrong labels`, `log complaint - globex - rude driver`
  if (s == null || !clean(s.replace(PRIORITY_WORDS_RE, ' '))) {
    const k = /\bcomplain(?:ed|ing|s|t)?\b(?:\s+(?:that|about|abt|re:?|of|from|for))?|\b(?:is|was|are|were|'s|got|gets|getting|seems|sounded)?\s*(?:really |pretty |very |so |super |fair |proper )?(?:upset|annoyed|furious|frustrated|fuming|pissed(?: off)?|livid|irate|raging|seething|mad|unhappy|(?:not|n't|not at all) (?:happy|pleased|satisfied))\b(?:\s+(?:that|about|abt|at|with|because|by|over|re:?))?|投诉了?|抱怨|吐槽(?:了|说)?|有意见|发火|不爽|骂人了?|骂了(?:一通|一顿|半天|好久|很久)?(?:[,，\s]*说)?/i.exec(masked);
    if (k) s = masked.slice(k.index + k[0].length).replace(/^[\s,:;!.\-–—]*/, '');
  }
  if (s != null) s = s.replace(/[,;.]?\s*(?:pls |please )?log (?:it|this|that)\b.*$|[,;]\s*记一下$/i, '').replace(/^[\s,:;!.\-–—]*(?:(?:urgent|asap|high priority|low priority|not urgent|important)[\s,:;!.\-–—]*)*/i, '');
  if (s != null) {
    s = s.replace(/^\s*(?:from|for)\b/i, '').replace(/^\s*(?:反映|说|says)\s*/i, '').replace(/^[\s,:]*(?:complaint\s*)?/i, '');
    let prev: string;
    do { prev = s; s = s.replace(PRIORITY_STRIP_RE, '').replace(REQUEST_TAIL_RE, ''); } while (s !== prev);
    s = s.replace(/[,，;；]\s*(?:比较急|挺急的?|很急|紧急|非常紧急|不急|不着急|urgent|asap|not urgent)\s*(?=[,，;；])/gi, '');
    const c = clean(s);
    if (c) e.summary = w.lang === 'zh' ? c.replace(HAN_GAP_RE, '') : c;
  }
}

function extractSurvey(w: Work, e: Entities): void {
  const { t } = w;
  if (/\bnps\b|推荐|net promoter|recommend/i.test(t)) e.surveyKind = 'nps';
  else if (/satisf|csat|满意度/i.test(t)) e.surveyKind = 'csat';
  const tier = /\btier\s*([abc])\b|\b([abc])[- ]?tier\b|([ABC])\s*(?:类|级)/i.exec(t);
  if (tier) e.tier = (tier[1] ?? tier[2] ?? tier[3])!.toUpperCase() as 'A' | 'B' | 'C';
  // `chuck a survey to Peter`: the one it goes to, over a word read as a name before it.
  const to = [...w.contacts, ...w.caps].find((c) => /\bto\s*$/i.test(t.slice(0, c.index)));
  const person = to && !w.orgs.some((o) => o.index === to.index) ? to : w.contacts[0];
  if (person) e.contact = person.text;
  else { const a = pickAccount(w); if (a) e.account = a.text; }
}

const SCORE_WORDS: Record<string, number> = { zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const SCORE_NUM = '(10|[0-9]|十|[零一二三四五六七八九]|ten|nine|eight|seven|six|five|four|three|two|one|zero)';
/** A score wherever it stands: `9/10`, `4分`, `nps: 7`, `I'd say 8`, `给你们打个九分`, a bare `ten`. */
const SCORE_ANYWHERE_RES = [
  // `十分满意` is `very satisfied`, not a ten.
  new RegExp(`(?<![\\d.])${SCORE_NUM}\\s*(?:分(?![满好不重感差糟失开高方专及耐热抱])|颗?星|stars?\\b|\\/\\s*(?:5|10)\\b|out of (?:5|10)\\b)`, 'i'),
  new RegExp(`(?:score|nps|csat|satisfaction|recommend(?:ation)?|rating|rate (?:you|it|them)?|likelihood to recommend|评分|满意度|推荐指数|推荐度?|推荐值|可能性|打|给(?:个|你们)?|say|put|give (?:it|you|them)?|a solid|prob(?:ably)?|maybe|i guess)\\s*(?:is|of|would be)?\\s*[:：=?？,，]?\\s*(?:you guys,?\\s*)?(?:个|打个|a|an)?\\s*${SCORE_NUM}(?![\\d.%])`, 'i'),
  new RegExp(`^\\s*${SCORE_NUM}(?![\\d.%])\\s*(?:$|[,，.。!！\\s-–—:])`, 'i'),
];

/** Words around a score that say nothing of the customer's view (`I'd say`, `would`, `eh`). */
const SCORE_FILLER_RE = /\b(?:i'?d|i|would|say|give|it|you|guys|a|an|the|my|is|eh|meh|hmm|ok|okay|solid|honestly|probably|maybe|guess|so|um|uh|well)\b|吧|啊|哈|嗯|给|打|个/gi;

function extractSurveyResponse(w: Work, e: Entities): void {
  const mood = SCORE_AFTER_MOOD.exec(w.t);
  if (mood) {
    const v = scoreValue(mood[1]!);
    if (Number.isFinite(v)) e.score = v;
    if (/\bnps\b|recommend|net promoter|推荐/i.test(w.t)) e.surveyKind = 'nps';
    else if (/satisf|\bcsat\b|满意/i.test(w.t)) e.surveyKind = 'csat';
    const said = clean(w.t.slice(0, w.t.lastIndexOf(mood[1]!)).replace(/(?:给|打|评)个?\s*$/, ''));
    if (said && said.replace(SCORE_FILLER_RE, '').replace(/[\s\p{P}]/gu, '').length >= 3) e.summary = said;
    return;
  }
  let m = SCORE_START.exec(w.t) ?? SCORE_WORD_START.exec(w.t);
  if (!m) for (const re of SCORE_ANYWHERE_RES) if ((m = re.exec(w.t))) break;
  if (!m) return;
  const raw = m[1]!.toLowerCase();
  const v = SCORE_WORDS[raw] ?? scoreValue(raw);
  if (Number.isFinite(v)) e.score = v;
  if (/\bnps\b|recommend|net promoter|推荐/i.test(w.t)) e.surveyKind = 'nps';
  else if (/satisf|\bcsat\b|满意/i.test(w.t)) e.surveyKind = 'csat';
  // The comment: what stands after the score (or before it, when the score ends the message).
  const after = clean(w.t.slice(m.index + m[0].length).replace(/^\s*(?:吧|分|out of (?:5|10)|\/\s*(?:5|10)|i guess)\s*/i, '').replace(/^[\s,，.。:：;；!！\-–—]+/, ''));
  const before = clean(w.t.slice(0, m.index).replace(/(?:score|nps|csat|satisfaction|rating|评分|满意度|推荐度?|i'?d say|i'?d give (?:it|you)|my score is|给个|打个|给|打)\s*[:：]?\s*$/i, ''));
  const c = after && /[a-z\p{Script=Han}]{2}/iu.test(after) ? after : undefined;
  if (c) e.summary = c;
  else if (before && /[,，]\s*$|^[^,，]{4,}$/.test(w.t.slice(0, m.index)) && !/\b(?:recommend|likely|score|satisf|rate)\b|推荐|满意|评分|打|给/i.test(before)
    && before.replace(SCORE_FILLER_RE, '').replace(/[\s\p{P}]/gu, '').length >= 3) e.summary = before;
}

const SHIFT_RE = /(?:\b(?:by|for|another)\s+)?\b(a|an|one|two|three|four|five|six|seven|few|couple(?: of)?|half an?|\d+)\s*(?:(?:more|extra|additional)\s+)?(hours?|hrs?|h|days?|d|weeks?|wks?|w|mins?|minutes?|m)\b|(?:推迟|延后|延期|往后推|顺延|推|延|晚)?\s*(?<![这那近头前最])([一二两三四五六七八九十半\d]+)\s*(个?小时|天|周|个星期|星期|个?礼拜|分钟)|(半小时|半个小时)|(?:推迟|延后|往后推|推|延|拖)\s*([一二两三四五六七八九十\d]+)\s*(日)/i;
const SHIFT_NUM: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, few: 3, couple: 2, 'couple of': 2 };

/** A snooze by a duration (`2 days`, `推迟两天`) as an ISO 8601 duration, added to the task's own due time. */
export function findShift(s: string): { iso: string; index: number; text: string } | undefined {
  // (`11:00 AM` is no "a m[inute]": a word count takes a whole unit.)
  const m = [...s.matchAll(new RegExp(SHIFT_RE.source, 'gi'))].find((x) => !(x[1] && /^(?:a|an)$/i.test(x[1]) && /^[hdwm]$/i.test(x[2] ?? '')));
  if (!m) return undefined;
  if (/(?<![\w-])in\s+$/i.test(s.slice(0, m.index)) && !/snooze|push|postpone|delay|remind me again|again in/i.test(s)) return undefined;
  if (m[5]) return { iso: 'PT30M', index: m.index, text: m[0] };
  const raw = (m[1] ?? m[3] ?? m[6] ?? '').toLowerCase();
  const n = raw.startsWith('half') ? 0.5 : SHIFT_NUM[raw] ?? zhNumber(raw);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const unit = (m[2] ?? m[4] ?? m[7] ?? '').toLowerCase();
  const iso = /^m|分钟/.test(unit) ? `PT${n}M` : /^h|小时/.test(unit) ? (n % 1 ? `PT${Math.round(n * 60)}M` : `PT${n}H`) : /^w|周|星期|礼拜/.test(unit) ? `P${Math.round(n * 7)}D` : n % 1 ? `PT${Math.round(n * 24)}H` : `P${n}D`;
  return { iso, index: m.index, text: m[0] };
}

const TASK_EN_CMD_RE = /^(?:(?:actually|ok|okay|so|and|oh|hmm|pls|please|kindly|(?:can|could|would) (?:you|we))[,\s]+)*(?:(?:make|set|change)(?=\s+(?:the|that|my|this)\s+(?:follow-?up|reminder|task|to-?do)\b)|prepone|give\s+(?:(?:me|it|us)\s+)?(?:(?:another\s+\S+\s+\S+\s+)?(?:on|for|to)\s+)?|shift|pull|bring|complete task|task done|done with|done|mark|completed|finished|close task|close out|close|tick off|check off|sno+ze?|postpone|push|punt|delay|reschedule|move|bump|slide|kick|shove|defer|bounce|(?:put)(?=\s.+?\soff\b))\b\s*:?\s*/i;

/** A clause that says only how urgent something is (`弗急了`, `不太急`): it names no task. */
const URGENCY_ONLY_RE = /^(?:其实|现在|已经|也)?(?:不|弗|唔|没那么|没)?(?:太|很|那么)?(?:急|重要|要紧)(?:了|啦|哈|的)?$/u;

/** A duration alone (`by one week`, `for 3 more days`): how far a task moves, never its name. */
const DURATION_ONLY_RE = /^(?:by|for|in)\s+(?:one|a|an|two|three|four|\d+)\s+(?:more\s+)?(?:days?|weeks?|months?)$/i;

function extractTaskRef(w: Work, intent: IntentName, e: Entities): void {
  let s = w.t;
  let named: string | undefined;
  // `move task 'Call Maria' to Friday`: a task named in quotes is named so.
  const quoted = /\b(?:task|reminder|to-?do|follow-?up)\s+["'‘“]([^"'’”]{2,60})["'’”]/i.exec(s) ?? /(?:任务|待办|提醒)\s*[“"「]([^”"」]{2,40})[”"」]/u.exec(s);
  if (quoted) s = s.replace(quoted[0], ` ${quoted[0].replace(/["'‘“’”「」]/g, ' ')} `);
  // `can't make thursday, can you shift the site visit to friday`: the clause that asks is the one
  // that names the task and its new day.
  if (intent === 'snooze_task' && w.lang === 'en') {
    const ask = /[,;]\s*(?=[^,;]*\b(?:shift|move|push|bump|snooze|postpone|reschedule|delay|slide|punt|kick|give|put|prepone|bring)\b)/i.exec(s);
    // `can you push the Maria task? got slammed today`: the sentence that asks, not the remark after it.
    const sents = s.split(/(?<=[?!])\s+|(?<=[a-z]{3,}\.)\s+(?=[A-Z])/);
    const asking = sents.length > 1 ? sents.filter((x) => /\b(?:shift|move|push|bump|snooze|postpone|reschedule|delay|slide|punt|kick|prepone)\b/i.test(x)) : [];
    if (asking.length === 1) s = asking[0]!;
    if (ask && !/\b(?:shift|move|push|bump|snooze|postpone|reschedule|delay|slide|punt|kick|give|put|prepone|bring)\b/i.test(s.slice(0, ask.index))) {
      // `the QBR deck for Globex, push it one week`: the clause before names what "it" is.
      if (/^(?:(?:pls|please|kindly|can you|could you|can we|could we|shall we|can ye|can ya|can u|would you|will you|just|i need to|i have to|we need to|we should|i want to|i'?d like to|let'?s)\s+)*\w+\s+(?:it|that|this|same)(?:\s+one)?\b/i.test(s.slice(ask.index + ask[0].length))
        // (`the whitepaper for Hans, postpone one week more pls`: a clause that is only the move names nothing.)
        || /^(?:(?:pls|please|kindly|can you|could you|just)\s+)*(?:shift|move|push|bump|snooze|postpone|reschedule|delay|slide|punt|kick)\s+(?:(?:by|for|another|a|an|one|two|three|four|five|\d+|few|couple(?: of)?|more|extra|of)\s+)*(?:days?|weeks?|hours?|months?)(?:\s+(?:more|later|out|pls|please|thanks|thx))*[.!]*$/i.test(s.slice(ask.index + ask[0].length).trim())) {
        // (`Thursday is Thanksgiving, move it to Monday`: a remark before names no task.)
        if (!/\b(?:is|are|was|were|can'?t|cannot|won'?t|got|i'?m|we'?re|it'?s|shame|sorry|busy)\b/i.test(s.slice(0, ask.index))) named = s.slice(0, ask.index);
      }
      s = s.slice(ask.index + ask[0].length);
    }
  }
  if (intent === 'snooze_task') {
    const sh = findShift(s);
    // (Names masked where they stand in what is left of the message, which may start later than it.)
    const here = w.contacts.map((c) => ({ ...c, index: s.indexOf(c.text) })).filter((c) => c.index >= 0);
    // (`shame Thursday is Thanksgiving move it to Monday`: the day it is moved to, over a day said before.)
    const toAt = w.lang === 'en' ? /\b(?:move|push|shift|bump|postpone|reschedule|slide|put)\b[^,.;]*?\b(?:to|till|until|til)\s+/i.exec(s) : null;
    // (`明天不行，后天上午十点改一下`, `can't do thursday`: a day said as not possible is not the one it moves to.)
    s = s.replace(/(?:今天|明天|后天|大后天|(?:下)?(?:周|礼拜|星期)[一二三四五六日天])(?:上午|下午|早上|晚上)?\s*(?=(?:不行|不可以|不方便|没空|不成|去不了|来不及|不太行))/gu, (m) => ' '.repeat(m.length))
      .replace(/\b(?:not|can'?t do|cannot do|can'?t make)\s+(?:on\s+)?(?:today|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/gi, (m) => ' '.repeat(m.length))
      // (`I don't have time this week`, `no time today`: when it cannot be done is no day it moves to.)
      .replace(/\b(?:(?:i|we)\s+)?(?:(?:don'?t|do not|won'?t|will not)\s+have\s+(?:the\s+|any\s+)?time|(?:have\s+)?no time|(?:am|'m|are|'re)\s+(?:too\s+|very\s+|so\s+)?busy)\s+(?:for it\s+)?(?:this week|today|tomorrow|this month|till|until)\b/gi, (m) => ' '.repeat(m.length));
    const opts = { now: w.now, tz: w.tz, lang: w.lang, forward: true, durations: false };
    const d = sh ? undefined : (toAt ? findDate(' '.repeat(toAt.index + toAt[0].length) + mask(s, here).slice(toAt.index + toAt[0].length), opts) : undefined) ?? findDate(mask(s, here), opts);
    // 报价单那个事往后推三天: where the shift was said stays a word that says so, for the task's name before it.
    const gap = w.lang === 'zh' ? ' 推迟 ' : ' ';
    if (sh) {
      e.shift = sh.iso;
      s = s.slice(0, sh.index) + gap + s.slice(sh.index + sh.text.length);
    } else if (d) {
      e.due = d.iso;
      s = s.slice(0, d.index) + ' ' + s.slice(d.index + d.text.length);
    }
  }
  let ref: string | undefined;
  if (w.lang === 'zh' && /\p{Script=Han}/u.test(s)) {
    s = s.replace(/\s+/g, ' ').replace(/^(?:麻烦|请|帮我|帮忙|能不能|可以|您)+(?:帮我)?/, '');
    // 跟您说一下，李主任下周才回科室，送样品的任务推迟一周: the clause that names the task.
    // (`协和王主任个回访 弗急了 优先级调低点`: unpunctuated, its spaces between runs of Chinese part clauses.)
    const spacedClauses = !/[,，;；]/.test(s) && s.split(/\s+/).some((c) => URGENCY_ONLY_RE.test(c));
    const clauses = s.split(spacedClauses ? /[,，;；.。]\s*|(?<=\p{Script=Han}{2})\s+(?=\p{Script=Han}{2})/u : /[,，;；.。]\s*/).filter((c) => c.trim());
    const naming = clauses.find((c) => /任务|待办|提醒|to-?do|推迟|延后|延期|推到|改到|挪到|往后|挪后|挪一下|顺延|提前|搞定|做完|完成|办结|办妥|[标设改调弄搞整]成|[标设改调]为|优先级|[调改][低高]/i.test(c) && !/^(?:该|这|此|那)项?(?:任务|待办|提醒)/.test(c));
    // 检验科报价单那个，推一个礼拜哈: a clause that only says what to do names the task in the one before it.
    const at = naming ? clauses.indexOf(naming) : -1;
    if (naming && at > 0 && !naming.replace(/推迟|延后|延期|推到|改到|挪到|顺延|提前|往后推|往后挪|往后|往前|挪|[标设改调弄搞整]成|[标设改调]为|紧急|加急|很急|重要|高优先级|低优先级|优先级|级别|不急|普通|[调改][低高](?:一)?点?|的|就|再|都|先|给我|帮我|你|您|请|麻烦|帮忙|一下|吧|哈|啊|嘛|呗|了|[\s~!！.。]/g, '')) {
      // (送样品那个事情我这几天忙不赢，天天往协和跑，你帮我往后挪一下: the clause that says "that matter" names it.)
      const topic = clauses.slice(0, at).find((c) => /^.{2,16}?(?:那个|这个|那件|这件|那条|的)?(?:事情|事儿|任务|提醒|待办)/u.test(c));
      // (`协和王主任个回访 弗急了 优先级调低点`: a clause that only says how urgent it is names nothing; the one before it does.)
      const naming2 = clauses.slice(0, at).filter((c) => !URGENCY_ONLY_RE.test(c.trim())).pop();
      const before = topic ? /^(.{2,16}?(?:那个|这个|那件|这件|那条|的)?(?:事情|事儿|任务|提醒|待办))/u.exec(topic)![1]! : naming2 ?? clauses[at - 1]!;
      s = `${before}${naming.trim().replace(/^(?:你|您)?(?:请|麻烦|帮我|帮忙)+/, '')}`;
    }
    else if (naming && clauses.length > 1) s = naming.replace(/^(?:麻烦|请|帮我|帮忙|能不能|可以|您)+(?:帮我)?/, '');
    let m: RegExpExecArray | null;
    if ((m = /^(?:把|将)?(.+?)(?:的|那个|那条|这个|这条|那|这)?(?:任务|待办|提醒|活儿?|to-?do)/i.exec(s)) && !/^(?:完成|这个|该|此|这|那)$/.test(m[1]!.trim())) ref = m[1];
    else if ((m = /^(?:把)?(.+?)(?:的事儿?|一事|那个|那条|这个|这条)?\s*(?:再|先|就|也|还)?\s*(?:已经)?(?:搞定|做完|弄完|办完|已办结|已办妥|办结|已完成|完成了|done|往后|延后|延期|推迟|推到|改到|挪到|顺延|往后推|提前到|提前|挪前|[标设改调弄搞整]成|[标设改调]为)/.exec(s)) && !/^(?:完成|这个|该|此|这|那|都|全|ok)$/i.test(m[1]!.trim())) ref = m[1];
    else if ((m = /(?:完成任务|完成|标记完成|搞定了)\s*[:,]?\s*(.+)$/.exec(s))) ref = m[1];
    // (协和王主任的回访优先级调低点: what is named before its priority.)
    else if ((m = /^(?:把|将)?(.{2,24}?)(?:的|那个|这个)?(?:优先级|级别)/u.exec(s))) ref = m[1];
    else if ((m = /^(?:把)?(.{2,20}?)(?:的事儿?|那个|那条)\s*$/.exec(s))) ref = m[1];
    // 协和回访那个 比较急 标下: "that one" named first, what to do with it after.
    else if ((m = /^(?:把)?(.{2,20}?)(?:的事儿?|那个|那条|这个)(?=[\s,，])/.exec(s))) ref = m[1];
    // 给李主任送样品那个事情比较急: how urgent it is, said after its name, is no part of it.
    if (ref) ref = ref.trim().replace(/(?:其实)?(?:比较|很|挺|特别|非常|有点儿?|不是很|不太|不怎么|并不|不)+(?:急|重要|紧急|要紧)$/u, '');
    if (ref) ref = ref.trim().replace(/相关$/u, '');
    // 给王丽送资料那个 推个两天: the word that moves it is no part of its name.
    if (ref) ref = ref.replace(/\s*(?:那个|这个|那条)?\s*(?:推|挪|延|往后)个?\s*$/u, '').trim() || ref;
    if (ref) ref = ref.trim().replace(/(?:的事(?:儿|情)?|(?:那|这|嗰)(?:个|件|条)?事(?:儿|情)?|(?:的)?(?:那|这|嗰)(?:个|条)|的)$/, '');
    if (ref && /^[了好这那个条再后稍的任务先\s]*$/.test(ref.trim())) ref = undefined;
    // (`寻思了一下还是比较急的 给它改成紧急吧`: 它 is the task just spoken of, named by no words here.)
    if (ref && /给它|把它|(?:^|[\s,，])它/u.test(ref)) ref = undefined;
    if (ref) ref = ref.replace(/^(?:完成|把)/, '').replace(/(?:推迟|延后|延期|推到|改到|往后推|提前到?|已经|完成了?|做完了|标记为完成).*$/, '')
      // 李主任的样品送过去了: what was done to it is no part of its name.
      .replace(/(?:已经)?(?:送|寄|发|交|递|带|拿)(?:过去|出去|到|给他|给她)?了\s*$/u, '').trim();
    // 给刘医生送资料那个咋也赶不上了: what is said of the task after `那个` is no part of its name;
    // 李主任送样品那桩事体，优先级…: nor is the word `优先级`.
    if (ref) ref = ref.replace(/(?<=\p{Script=Han}{3})(?:那个|这个|那条|这条|那件|那桩|这桩|那档子)(?:事体|事情|事儿|事)?[^,，]*[,，]?\s*$/u, '').replace(/[,，\s]*(?:的)?优先级$/u, '').trim() || ref;
    // 协和王主任那个跟进不急的: how urgent it is and the word for the task, said after its name, are no part of it.
    if (ref) ref = ref.replace(/(?:其实)?(?:比较|很|挺|不太|不)?(?:急|紧急|重要)的?$/u, '').replace(/(?:那个|这个|的)?(?:跟进|任务|待办|提醒)$/u, '').trim() || ref;
  } else {
    let m: RegExpExecArray | null;
    s = s.replace(/\b(?:until|to|by|for)\s*$/i, '').trim();
    // `I'd like to get the pilot SOW task done sooner. Could you move it…`: the sentence that names the task.
    const named = s.split(/(?<=[.?!])(?<!\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|Mme)\.)\s+/).find((x) => /\b(?:task|reminder|to-?do)\b/i.test(x));
    if (named && named !== s) s = named;
    // `snooze the globex quote a day, reckon they ain't ready yet`: a remark after the command is no part of the task's name.
    if (intent === 'snooze_task' || intent === 'complete_task') s = s.split(/\s*[,;]\s*(?=(?:reckon|i think|they|he|she|bill|client|customer|since|because|cause|cuz|as|can'?t|cant|cannot|won'?t|not today|i'?m|im|got|too|flat out|busy|swamped|slammed|snowed under|no time|away|off sick|sick|ooo|out of (?:the )?office|on (?:leave|holiday|vacation|pto)|travell?ing|still waiting|waiting)\b)/i)[0]!;
    s = s.replace(/^(?:(?:pls|please|kindly)\s+)?(?:i'?d like to|i want to|i need to|need to|gotta|have to|let'?s|can we|could we|we need to|can u|can you|could you|pls|please|kindly)\s+(?:get\s+|have\s+|make\s+)?/i, '');
    // `sent the revised quote off, tick that task off would you`: the task is what was done, before the ask to cross it off.
    if (intent === 'complete_task' && /[,;]\s*(?:(?:can you|could you|pls|please|kindly|just|so|and)\s+)*(?:tick|cross|check|strike|mark)\s+(?:it|that|this|the)\b/i.test(s)) {
      s = s.replace(/\s*[,;]\s*(?:(?:can you|could you|pls|please|kindly|just|so|and)\s+)*(?:tick|cross|check|strike|mark)\s+(?:it|that|this|the)\b.*$/i, '')
        .replace(/^(?:(?:i|we|just|finally|already)\s+)*(?:sent|emailed|mailed|delivered|dropped|finished|did|done|completed|called|rang|phoned|sorted|got)\s+(?:the\s+)?/i, '')
        .replace(/\s+(?:off|over|out|across|through)$/i, '');
    }
    // `make the SSO proposal task high priority`, `the invoice reminder is not urgent anymore`: the task, without the change.
    if (intent === 'update_task') {
      s = s.replace(/^(?:(?:actually|oh|ok|okay|hmm|and|also|just|pls|please|can you|could you|would you|kindly)[,\s]+)*(?:mark|make|set|flag|bump|change|put|turn)\s+/i, '')
        // (`that SSO proposal one's gone proper urgent now`: what it has become is no part of its name.)
        .replace(/\s+(?:one)?(?:'s|\s+is|\s+has)\s+(?:now\s+)?(?:gone|become|got|getting|turned)\b.*$/i, '').replace(/\s+one$/i, '')
        // (`put the task of the SSO proposal like not urgent, Tom says…`: `like` the priority it is put as, a calque.)
        .replace(/\s+(?:like|as|to be|into|in)\s+(?:a\s+)?(?:not\s+)?(?:urgent|important|high|low|normal|top|a priority|no rush)\b.*$/i, '')
        .replace(/\s+(?:is|are|'s)\s+(?:now\s+)?(?:not\s+)?(?:(?:so|that|very|too|really)\s+)?(?:urgent|important|a priority|high|low|top)\b.*$/i, '')
        // (`The task for the Globex invoice`: the task of what it is for.)
        .replace(/^(?:the\s+)?(?:task|reminder|to-?do)\s+(?:for|about|on|re)\s+(?:the\s+)?/i, '')
        // `that Initech training day job - it isn't urgent, pop it down as low`, `the Globex proposal, put it urgent, …`: the task, before what is said of it.
        .replace(/\s*(?:[,;]|\s-\s|\s–\s)\s*(?:(?:it|this|that)(?:'s|\s+is|\s+isn'?t|\s+ain'?t|\s+is not)\b|(?:put|pop|stick|set|mark|make|bump|flag) (?:it|that|this)\b).*$/i, '')
        .replace(/\s+(?:as\s+)?(?:urgent|high priority|top priority|low priority|not urgent)\s*[,;.!]\s.*$/i, '')
        .replace(/^(?:that|this|the|my)\s+(.+?)\s+job$/i, '$1')
        .replace(/\s+(?:back\s+)?(?:(?:to|as)\s+)?(?:a\s+)?(?:high|low|top|normal|regular|urgent)(?:[- ]prio(?:rity)?)?(?:\s*\b(?:pls|please|only|then|instead|now|too|as well|also|thanks|thx))*[.!?]*$/i, '')
        .replace(/\s*\b(?:reminder|to-?do|follow-?up)\b(?=.*\b(?:urgent|priority|important)\b).*$/i, '');
    }
    if ((m = /\btask\s+(\d+)\b/i.exec(s))) ref = m[1];
    else if ((m = /^(?:the\s+)?(.+?)\s+task\s+is\s+(?:done|complete|finished)/i.exec(s))) ref = m[1];
    else {
      s = s.replace(TASK_EN_CMD_RE, '').replace(/^(?:out\s+)?(?:my |the )?(?:reminder|task|to-?do|follow-?up)s?\s+(?:about|to|re:?|for|on|with|of)\s+/i, (x) => (/follow/i.test(x) ? x.replace(/^(?:out\s+)?(?:my |the )?/i, '') : ''));
      // `the venue for the workshop is arranged, you can close it`: the task, without the ask to close it.
      s = s.replace(/\s*[,;.]?\s*(?:so\s+|and\s+)?(?:you can |pls |please |can you |go ahead and )?(?:close|tick|mark|cross|check)\s+(?:it|that|this)(?: one)?(?: off| done| out| as done)?\s*[.!]*$/i, '');
      s = s.replace(/\s+(?:is|are|'s|was|were|has been|have been)\s+(?:all\s+|now\s+)?(?:finished|done|completed|wrapped up|sorted|arranged|booked|handled|organi[sz]ed|taken care of|sent|confirmed)[.!]*$/i, '').replace(/^(?:ok,?|so|fyi,?)\s+/i, '');
      s = s.replace(/\s+(?:as\s+)?(?:done|complete|completed)\s*[.!]*$/i, '');
      if (intent === 'snooze_task') s = s.replace(/\s+(?:should|needs? to|must|has to|will) be (?:rescheduled|moved|pushed(?: back)?|postponed|shifted|changed|bumped)\b/i, ' ').replace(/\s+(?:up|back|out|forward|in|off)\s*(?=\s+(?:to|until|till)\b|$)/i, '').replace(/\s+(?:to|until|till|by|for)\s*$/i, '').replace(/\s+off\s*$/i, '').replace(/\s+(?:to|until|by|for)\s+.*$/i, (x) => (/\btask\b/.test(x) ? x : ''));
      s = s.replace(/^(?:the|this|that|my)\s+/i, '').replace(/\s*\btask\b.*$/i, '').replace(/\s*,?\s+(?:pls|please|thx|thanks|ta|cheers|by|back)\s*$/i, '').replace(/\s+one$/i, '');
      if (!/^(?:this|that|it|later|me later|remind me later)?$/i.test(s.trim()) && /[a-z]{3}/i.test(s) && !/^(?:that'?s|ok|yep|yes|all|it back|bump it|kick it|that one|one|as done|remind me again|reminder|that reminder|\d+ min)\b/i.test(s.trim())) ref = s;
    }
  }
  // (`shame Thursday is Thanksgiving move it to Monday`: `it` is the task just spoken of; the remark names none.)
  if (!named && ref && w.lang === 'en' && /\b(?:move|push|shift|bump|snooze|postpone|reschedule|slide)\s+(?:it|that|this)\b/i.test(ref)) ref = undefined;
  if (named && (!ref || /^(?:(?:put|move|push|shift|bump|set|make)\s+)?(?:it|that|this)\b|^(?:pls|please|more|thanks|thx)$/i.test(ref.trim()))) ref = named.replace(/^(?:(?:allora|so|ok(?:ay)?|right|well|um+|uh+|hey|look|and)[,\s]+)+/i, '').replace(/^(?:the|my|that|this)\s+/i, '').replace(/\s+(?:task|reminder|to-?do)$/i, '');
  // (`that follow-up shift to Wednesday`: the verb said after the task is no part of its name.)
  let c = clean(ref?.replace(/\s+(?:shift|move|push|bump|slide|go|goes|shifts|moves)\s*$/i, ''));
  // (`那个跟进`, `that follow-up`: the one just made, as `it` is.)
  if (quoted) { const q = clean(quoted[1]); if (q) e.taskRef = q; return; }
  // (`李主任 samples 那个 task push 到 next Monday`: the words that move it, left after an English day, are no part of its name.)
  if (c) c = c.replace(/\s*(?:那个|这个)?\s*(?:任务|待办|提醒)?\s*(?:推到|推迟到|推迟|改到|挪到|延到|延后到|往后推|往后挪|推后|提前到|提前)$/u, '').replace(/\s*(?:那个|这个)$/u, '') || c;
  if (c && !/^(?:this|that|it|(?:the |that |this )?(?:follow-?up|reminder)|(?:给|把|将)?(?:它|佢|这个|那个|这条|那条)|(?:这|那)(?:个|条|项)?(?:提醒|任务|待办|跟进)?(?:要|得|就|也|再|请)?|提醒|任务|待办|跟进|该|此)$/i.test(c)) e.taskRef = c;
  if (intent !== 'snooze_task') return;
  // (`…proposal back, aint nobody gonna read it over thanksgiving`: a remark after a comma is no part of the task's name.)
  if (e.taskRef && /[a-z]{3}[^,]*,/i.test(e.taskRef)) e.taskRef = clean(e.taskRef.split(/\s*,\s*/)[0]!.replace(/\s+(?:back|out|up|off|forward)$/i, '')) || e.taskRef;
  // (`alors the task of maria for the backlog postpone it…`, `The task of Maria of Globex, push more…`, `刘医生那个宣传册的活 往后推两天`:
  // words of no task — a filler, a direction — read as its name; the task is the one said with `task of`, or before 的活.)
  // (`alors the task for hans for the whitepaper`: the task is what is said after `task for`.)
  const taskOf = e.taskRef ? /\b(?:task|reminder|follow-?up|to-?do)\s+(?:of|for|about|with|re)\s+(\S.*)$/i.exec(e.taskRef) : null;
  if (taskOf) e.taskRef = clean(taskOf[1]!) || e.taskRef;
  if (taskOf && e.taskRef && DURATION_ONLY_RE.test(e.taskRef.trim())) delete e.taskRef;
  const junk = (x?: string) => !x || /^(?:(?:alors|allora|so|ok|okay|well|um+|uh+|the|a|that|this|more|back|out|up|later|往后|往前|向后|推后)\s*)+$/iu.test(x.trim())
    || DURATION_ONLY_RE.test(x.trim());
  if (junk(e.taskRef)) {
    const of = /\b(?:task|reminder|follow-?up|to-?do)\s+(?:of|for|about|with|re)\s+(.+?)(?=\s*[,;.]|\s+(?:push|postpone|move|snooze|bump|shift|delay|reschedule)\b|$)/i.exec(w.t)?.[1];
    const zh = /^(\p{Script=Han}[^\s,，]{1,15}?)(?:那个|的)?(?:活儿?|事儿?|任务|待办)(?=\s|[，,]|往|推|挪|延|改)/u.exec(w.t)?.[1];
    const r = clean(of ?? zh ?? '')?.replace(/(?:那件|这件|那个|这个|那|这)$/u, '');
    if (r && !junk(r) && !/^(?:把|将)?(?:那个|这个|那件|这件|嗰个|那|这)?$/u.test(r)) e.taskRef = r;
    else if (e.taskRef) delete e.taskRef;
  }
}

const MONTHS_EN = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_EN_RE = /\b(?:for|in|during|of)?\s*(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b(?!\s*\d)/i;
const MONTH_ZH_RE = /(?<![\d一二三四五六七八九十])(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月(?:份)?(?!\s*[\d一二三四五六七八九十]+\s*[号日])/;

/** A named month: the latest one that has begun (`november` on 2026-11-25 is 2026-11). */
function findMonth(w: Work): string | undefined {
  let m: number | undefined;
  const en = MONTH_EN_RE.exec(w.t);
  if (en && !(en[1]!.toLowerCase() === 'may' && !/\b(?:for|in|during|of)\s+may\b/i.test(w.t))) m = MONTHS_EN.indexOf(en[1]!.slice(0, 3).toLowerCase()) + 1;
  const zh = MONTH_ZH_RE.exec(w.t);
  if (!m && zh && !/[上下本这]个?月/.test(zh[0])) m = zhNumber(zh[1]!);
  if (!m || !Number.isFinite(m)) return undefined;
  const wall = wallClock(w.now, w.tz);
  const y = m > wall.month ? wall.year - 1 : wall.year;
  return `${y}-${String(m).padStart(2, '0')}`;
}

const METRIC_RULES: Array<[RegExp, NonNullable<Entities['metric']>]> = [
  [/\bcsat\b|satisfaction|满意度|满意分/i, 'csat'],
  [/\bnps\b|net promoter|推荐/i, 'nps'],
  [/win[- ]?rate|win ratio|close rate|conversion|% of deals|\bwin vs\.? lose|赢单率|成交率|转化率|赢率|胜率|成单率|赢单比例/i, 'win_rate'],
  [/\bsla\b|response time|响应(?:时间|时效)|超时|及时率/i, 'sla'],
  [/coverage|覆盖/i, 'coverage'],
  [/greeting|祝福|问候/i, 'greetings'],
  [/\bvisits?\b|拜访|上门/i, 'visits'],
  [/\bcalls?\b|电话|通话/i, 'calls'],
  [/\bmeetings?\b|\bmtgs?\b|会议|见面|[多几少]场会|见了几个|开了几[次个]会|几个会|几次会/i, 'meetings'],
  [/\binteractions?\b|\btouch(?:es| ?points?)\b|activit(?:y|ies)|互动|跟进次数/i, 'interactions'],
];

const BIRTHDAY_RE = /\b(?:birthday|bday|b-day|born(?: on)?|dob)\b(?:\s*(?:is|'s|=|:|on))*\s*|生日(?:是|为|在|:)?\s*|出生(?:于|日期)?(?:是|:)?\s*/i;

/** `birthday march 3rd` → `03-03`; `born 1984-09-21` → `1984-09-21`; `生日是1月3号` → `01-03`. */
function findBirthday(w: Work): string | undefined {
  const m = BIRTHDAY_RE.exec(w.t);
  if (!m) return undefined;
  // (`birthday of Mr. Tom Baker is September 5`: the name may stand between the word and the day.)
  const rest = w.t.slice(m.index + m[0].length, m.index + m[0].length + 44);
  const before = w.t.slice(Math.max(0, m.index - 24), m.index);
  const p2 = (n: number) => String(n).padStart(2, '0');
  let d: RegExpExecArray | null;
  for (const s of [rest, before]) {
    if ((d = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(s))) return `${d[1]}-${p2(Number(d[2]))}-${p2(Number(d[3]))}`;
    // 八三年五月十二号, 83年5月12日, 一九八三年五月十二号: the year said in digits or characters, two of them or four.
    if ((d = /(?<![\d零〇一二三四五六七八九])([\d零〇一二三四五六七八九]{2}|[\d零〇一二三四五六七八九]{4})年([一二三四五六七八九十\d]{1,3})月([一二三四五六七八九十\d]{1,3})[号日]?/u.exec(s))) {
      const y = Number([...d[1]!].map((c) => ('零〇'.includes(c) ? '0' : /\d/.test(c) ? c : String('一二三四五六七八九'.indexOf(c) + 1))).join(''));
      const year = y >= 100 ? y : y > (w.now.getUTCFullYear() % 100) ? 1900 + y : 2000 + y;
      const num = (x: string) => (/^\d+$/.test(x) ? Number(x) : zhNumber(x));
      if (year > 1900 && num(d[2]!) >= 1 && num(d[2]!) <= 12 && num(d[3]!) >= 1 && num(d[3]!) <= 31) return `${year}-${p2(num(d[2]!))}-${p2(num(d[3]!))}`;
    }
    // (21/7/1978, 7/21/1978: the year kept; day first when the first figure cannot be a month.)
    if ((d = /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)(?!\d)/.exec(s))) {
      const [a, b] = [Number(d[1]), Number(d[2])];
      const [mo, day] = a > 12 ? [b, a] : [a, b];
      if (mo >= 1 && mo <= 12 && day >= 1 && day <= 31) return `${d[3]}-${p2(mo)}-${p2(day)}`;
    }
    if ((d = /(\d{1,2})\s*[/月.-]\s*(\d{1,2})\s*[号日]?/.exec(s))) return `${p2(Number(d[1]))}-${p2(Number(d[2]))}`;
    if ((d = /([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})[号日]?/.exec(s))) return `${p2(zhNumber(d[1]!))}-${p2(zhNumber(d[2]!))}`;
    // `5th September 1985`, `Sept 5, 1985`: with the year said.
    if ((d = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+((?:19|20)\d\d)\b/i.exec(s))) return `${d[3]}-${p2(MONTHS_EN.indexOf(d[2]!.toLowerCase()) + 1)}-${p2(Number(d[1]))}`;
    if ((d = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b/i.exec(s))) return `${d[3]}-${p2(MONTHS_EN.indexOf(d[1]!.toLowerCase()) + 1)}-${p2(Number(d[2]))}`;
    if ((d = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\b/i.exec(s))) return `${p2(MONTHS_EN.indexOf(d[1]!.toLowerCase()) + 1)}-${p2(Number(d[2]))}`;
    if ((d = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/i.exec(s))) return `${p2(MONTHS_EN.indexOf(d[2]!.toLowerCase()) + 1)}-${p2(Number(d[1]))}`;
  }
  return undefined;
}

/** A Chinese full name opening a statement about that person: `张伟升职了`, `赵敏是影响者`. */
const ZH_LEADING_NAME_RE = new RegExp(`^([${SURNAMES}][\\u4e00-\\u9fa5]{1,2}?)(?=升|是|说|退订|要求|不想|不要|的(?:邮箱|电话|手机|生日|职位|职务|title)|现在|调|跳槽|离职|换|被|当|成了|已经|也|刚)`);
function zhLeadingName(t: string): Span | undefined {
  const m = ZH_LEADING_NAME_RE.exec(t);
  // (`祝福也别给她发了`: what is stopped, said first, is no one's name.)
  return m && !/^(?:祝福|问候|问卷|调查|短信|贺卡|生日|节日)/u.test(m[1]!) ? { text: m[1]!, index: 0 } : undefined;
}

/** A correction of the last record: what it should have been (`no wait, it was a meeting`, `不对，是李主任`). */
function extractCorrection(w: Work, e: Entities): void {
  const { t } = w;
  correctionOf(w, e);
  // `还是改成普通的吧`, `make it urgent`: how urgent the last task is, said again.
  const pr = /(?:改|调|变|设|标)(?:成|回|为)|还是(?:普通|紧急|重要|不急|加急)|(?:普通|紧急|重要|不急)就(?:行|好|可以)|\b(?:make|set|change|mark|return|put)\b|\b(?:it'?s|it is|its|that'?s|that is|this is)\s+(?:(?:actually|really|quite|pretty|super|kinda|very|in fact)\s+)*(?:urgent|important|high|low|normal|not urgent)\b/i.test(t) ? firstMatchingRule(t, PRIORITY_RULES) : undefined;
  if (pr) {
    e.priority = pr;
    if (e.account && /普通|紧急|重要|急|优先|\b(?:urgent|normal|low|high|priority)\b/i.test(e.account)) delete e.account;
  }
}

function correctionOf(w: Work, e: Entities): void {
  const { t } = w;
  // "actually it was Bill, not Peter": the first name is the right one; one said after "not" / 不是 is the wrong one.
  const negated = (sp: Span) => /(?:\bnot|\bisn'?t|\bwasn'?t|不是)\s*$/i.test(t.slice(0, sp.index));
  const c = [...w.contacts, ...w.caps].filter((x) => !negated(x)).sort((x, y) => x.index - y.index)[0];
  const beforeNot = c ? null : /\b([a-z][a-z-]{2,}),?\s+not\s+[a-z]/i.exec(t);
  if (c) e.contact = c.text;
  else if (beforeNot && FIRST_NAME_LIKE(beforeNot[1]!)) e.contact = beforeNot[1]!;
  else {
    const m = /(?:是|应该是)([\u4e00-\u9fa5]{2,3}?)(?:[,，。不]|$)/.exec(t);
    if (m && SURNAME_START_RE.test(m[1]!) && !/^(?:打电话|电话|见面|开会|微信|邮件|拜访|前天|昨天|今天|明天|后天|星期|礼拜|周[一二三四五六日天末])/.test(m[1]!)) e.contact = m[1]!;
  }
  const a = w.orgs.find((o) => (!c || o.index !== c.index) && !negated(o) && !/^(?:不是|不对|而是|是)/.test(o.text));
  if (a) e.account = a.text;
  else if (!e.contact) {
    // 是协和不是华山: the account said right after 是; `wrong account - it was initech`.
    const zh = /(?:^|[，,\s])(?:是|应该是|改成|换成)([\u4e00-\u9fa5A-Za-z]{2,8}?)(?:[,，。!！]|不是|$)/.exec(t);
    const loose = 'loose' in w ? (w as { loose: Span[] }).loose : [];
    const en = /\b(?:account|company|customer|client)\b/i.test(t) ? loose.find((l) => !negated(l)) : undefined;
    if (zh && !SURNAME_START_RE.test(zh[1]!) && !/电话|见面|见到|见着|说的|开会|微信|邮件|拜访|天|周|号|月|万|单|阶段|星期|礼拜|上门|当面|面谈|面聊|亲自|现场|去的$|^(?:通话|短信)$|[上下中]午|早上|晚上|傍晚|[\d一二三四五六七八九十两]点|普通|紧急|重要|不急|急/.test(zh[1]!)) e.account = zh[1]!;
    else if (en) e.account = en.text;
  }
  const unsaid = t.replace(/\b(?:not|wasn'?t|isn'?t|weren'?t)\s+(?:a |an |one )?\w+/i, ' ').replace(/不是\s*[^，,\s是]*|(?:没有?|冇)(?=打|通|发|见|去|开)[^，,\s是]*/, ' ');
  const type = firstRule(unsaid, TYPE_RULES) ?? (/是?电话|打(?:的)?电话/.test(t) ? 'call' : undefined);
  if (type) e.interactionType = type;
  // "sorry the contract is due wednesday", "跟进改到周五": the follow-up's date, ahead.
  // (`he wants it by Monday, not Friday`: a deadline someone has — `by`, `wants it`, `needs it` — lies ahead too.)
  const dueSaid = /\b(?:is |was |should be )?due\b|\bfollow[- ]?up\b|\bremind(?:er)?\b|\b(?:the )?(?:chase|nudge|ping|check-?in|callback|call back)\s+(?:should|is|was|for|on)\b|\b(?:is|are|'s|should be|will be|was meant to be)\s+(?:for|by|due)\s+(?:the\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun|next|tomorrow|tmrw|\d)|\b(?:wants?|needs?|expects?|asked for)\s+(?:it|them|that|this|one|the\s+\w+)\s+(?:by\s+|for\s+|on\s+)?(?:the\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun|next|tomorrow|tmrw|\d)|跟进|提醒|到期|截止|之前要|前要/i.test(t)
    || /\b(?:wants?|needs?|expects?)\s+(?:it|them|that|this)\b[^.;!?]{0,20}?\b(?:by|before|until|till)\s/i.test(t);
  // `不是周四，改成周五`: the date said after 不是 is the wrong one (blanked, same length).
  const d = findDate(mask(t, [...w.contacts, ...w.orgs]).replace(/(?<=不是)[^，,\s是]+/gu, (x) => ' '.repeat(x.length))
    // (`not yesterday, that was on monday`: the day said with "not" is the wrong one.)
    .replace(/\b(?:not|wasn'?t|isn'?t)\s+(?:on\s+)?(?:yesterday|today|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day|the \d{1,2}(?:st|nd|rd|th)?)\b/gi, (x) => ' '.repeat(x.length)),
  { now: w.now, tz: w.tz, lang: w.lang, forward: dueSaid, durations: false });
  if (d && dueSaid && !d.past) e.due = d.iso;
  // 方案是下周一送: a day said as ahead (not a bare weekday) is when something is to be done.
  else if (d && !d.past && !d.today && !isBarePastable(t, d.index, d.text) && !/[了过的]|\b(?:was|were|did|had)\b/i.test(t.slice(d.index + d.text.length))) e.due = d.iso;
  else if (d && !d.today) e.when = d.past || !isBarePastable(t, d.index, d.text) ? d.iso : toPast(d.iso, d.text, w.tz);
  const amt = findAmount(t.replace(/\bnot\s+\$?[\d.,]+k?\b/i, ' '), w.lang);
  if (amt) { e.amount = amt.amount; e.currency = amt.currency; }
  // 方案是下周一送: 方案 is a proposal stage only when a deal's stage is what is corrected.
  const st = firstMatchingRule(unsaid, STAGE_RULES);
  if (st && (w.lang === 'en' || /阶段|赢|丢|输|签|成交|关单|商机|单子|那单|这单|(?:还|仍|仍然|只)(?:在|是|处于)|停在|卡在|处于/.test(t))) e.stage = st;
}

const FIRST_NAME_LIKE = (w: string) => isFirstName(w.toLowerCase());

/** A rep a manager asks about: `alex's deals`, `王芳的漏斗`, `how is alex doing`, `deals for raj`. */
function findRep(w: Work): string | undefined {
  const t = w.t;
  let m: RegExpExecArray | null;
  if ((m = /^([\u4e00-\u9fa5]{2,3}?)个?(?:有啥|有什么|\s+|(?=[A-Za-z])|有哪些|有多少|有几|是不是|有没有|的|这个月|这周|本月|本周|上个?月|上周|今年|最近|这季度)/.exec(t)) && /^[李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文]/.test(m[1]!) && !/我们|团队|本周|这周/.test(m[1]!)) return m[1];
  if ((m = /(?:看看|查一下|查下|说说)([\u4e00-\u9fa5]{2,3})的/.exec(t)) && !m[1]!.startsWith('我')) return m[1];
  if ((m = /\b((?:[A-Z][a-z]+\s)?[A-Za-z][a-z]+)'s\s+(?:[\w-]+\s+)?(?:deals|opps|opportunities|pipeline|forecast|funnel|numbers|kpis?|performance|stats|quota|tasks|to-?dos|list|accounts|customers|clients|book|visits|calls|win rate|activity|activities|csat|nps|churn)\b/i.exec(t))) {
    const words = m[1]!.split(' ').filter((x) => !STOP.has(x.toLowerCase()) && !/^(?:everyone|everybody|quarter|month|week|year|company|total|team)$/i.test(x));
    if (words.length && (FIRST_NAME_LIKE(words[0]!) || /^[A-Z]/.test(words[0]!))) return words.join(' ');
  }
  // 王芳手上的商机, 小刘还有什么, alex这周的to do: a name before what it owns or a period.
  if ((m = new RegExp(`(?:^|看下|看看|看一下|查下|查一下|把|(?:^|请)(?:您|你)(?:把)?)([${SURNAMES}][\\u4e00-\\u9fa5]{1,2}?|小[\\u4e00-\\u9fa5]|[A-Za-z]{2,12})(?=手上|手里|名下|负责|的|那(?:个)?(?:销售)?(?:漏斗|商机|单子|任务|活)|\\s+(?:漏斗|商机|业绩|任务|指标)|\\s*逾期|这周|这个月|本月|本季度|上季度|上个?月|下周|今天|今年|现在|还有|谈判|[\\d一二三四五六七八九十]+月|要|有多少|有哪些)`).exec(t)) && !/^(?:我|我们|团队)/.test(m[1]!) && !STOP.has(m[1]!.toLowerCase())) return m[1];
  if ((m = /\b(?:for|owned by|of|does|did|has|is|in|by)\s+([a-z]+)(?:'s)?\b(?!\s+(?:stage|deals|team|company))/i.exec(t)) && FIRST_NAME_LIKE(m[1]!) && !STOP.has(m[1]!.toLowerCase())) return m[1];
  if ((m = /(?:^|看看|看下)((?:老|阿|小)[\u4e00-\u9fa5]|[\u4e00-\u9fa5]{2}(?=那边))(?!为|怎|咋|那边(?:咋|怎))/.exec(t))) return m[1];
  // Any given name in a manager's question is the rep asked about (`kevin performance this quarter`).
  for (const x of t.match(/\b[A-Za-z]{3,12}\b/g) ?? []) if (FIRST_NAME_LIKE(x) && !STOP.has(x.toLowerCase()) && !/^(?:will|may|mark|june|april|august|sla|win)$/i.test(x)) return x;
  if ((m = /\bhow(?:'s| is| has)\s+([a-z]+)\s+(?:doing|been doing|tracking|performing)\b/i.exec(t)) && !STOP.has(m[1]!.toLowerCase())) return m[1];
  if ((m = /\b(?:deals|opps|opportunities|pipeline|numbers|kpis?|stats|tasks|visits|calls)\s+(?:for|of|owned by|by)\s+([a-z]+)\b/i.exec(t)) && !STOP.has(m[1]!.toLowerCase())) return m[1];
  if ((m = /^([a-z]+)(?:'s)?\s+(?:pipeline|deals|opps|kpis?|numbers)\b/i.exec(t)) && !STOP.has(m[1]!.toLowerCase()) && !/^(?:my|our|team|the)$/i.test(m[1]!)) return m[1];
  if ((m = /\bwhat(?:'s|s| has| is)\s+([a-z]+)\s+got\b/i.exec(t)) && !STOP.has(m[1]!.toLowerCase())) return m[1];
  return undefined;
}

function extractPeriodScope(w: Work, e: Entities): void {
  const p = firstMatchingRule(w.t, PERIOD_RULES);
  if (p) e.period = p;
  const month = findMonth(w);
  if (month && !p) e.month = month;
  const rep = findRep(w);
  // (`全公司的销售漏斗`: the whole company is the scope, no rep.)
  if (rep && !/^(?:全公司|全部|全体|全组|全队|全团队|整个|大家|所有|(?:all|everyone|everybody|whole|entire|the team|my team|team)\b)/iu.test(rep)) e.rep = rep;
  const metric = /\bsla\b/i.test(w.t) ? 'sla' : firstRule(w.t, METRIC_RULES);
  if (metric) e.metric = metric;
  if (SCOPE_TEAM_RE.test(w.t)) e.scope = 'team';
  else if (SCOPE_ALL_RE.test(w.t)) e.scope = 'all';
  else if (SCOPE_MINE_RE.test(w.t)) e.scope = 'mine';
  const st = firstMatchingRule(w.t, STAGE_RULES);
  if (st) e.stage = st;
  const tier = /\btier\s*([abc])\b|\b([abc])[- ]?tier\b|([ABC])\s*(?:类|级)/i.exec(w.t);
  if (tier) e.tier = (tier[1] ?? tier[2] ?? tier[3])!.toUpperCase() as 'A' | 'B' | 'C';
}

const OPP_CMD_RE = /^.*?\b(?:opp|opportunity|deal|lead)\b\s*(?:for|with|at)?\s*:?\s*|^.*?(?:商机|机会)\s*[:,]?\s*/i;

const OPP_NOT_TITLE_RE = /(?:帮我|请|麻烦)?(?:新建|新增|创建|建|开|加|录)(?:一|1)?个?\s*(?:opp|deal|opportunity)\b|\b(?:already |still |now )?(?:at |in )?(?:the )?(?:qualification|needs analysis|proposal|negotiation|discovery)(?: stage)?\b|\bstage\b|\bshould close\b.*$|\b(?:open|log|add|create|start) (?:a |an )?(?:new )?(?:opp|opportunity|deal)\b|\bwants?\b|(?:已经|已|目前|现在)?(?:到了?|进入了?|在)?(?:报价|方案|谈判|需求分析|初步接触|资格审查)(?:阶段|中)?了?|(?:帮我|先)?(?:新建|新增|新开|新加|建|录|开|加|创建|添加)?(?:一|1)?个?(?:新)?(?:商机|单子|单|机会|deal)吧?(?=[\s,，:：]|$)|(?:帮我|先)?(?:新建|新增|新开|新加|建|录|开|加|创建|添加)(?:一|1)?个?(?:新)?(?:商机|单子|单|机会|deal)吧?|^\s*(?:麻烦|请|劳驾|帮忙|帮我)(?:您|你)?|大概|估计|预算|左右|金额|[要想](?:上|采购|买)?一?批?(?:新的)?|有个新需求|想采购|要采购|的(?=\s|$)/gi;
const CLOSE_WORDS_RE = /[,，;]?\s*(?:expected (?:to )?close(?: (?:by|on|in))?|closing(?: (?:by|on|in|around))?|close(?:s)? (?:by|on|in)?|close date|target close|预计|计划|争取)\s*$|[,;]?\s*(?:(?:they|we|he|she|it)(?:'re|'ll| are| will| should| might)?\s+)?(?:(?:fixing|fixin|expect(?:ing)?|plan(?:ning)?|hop(?:e|ing)|going|aim(?:ing)?|want(?:ing)?|looking)\s+to\s+|gonna\s+|should\s+|will\s+)?(?:sign|close|ink|commit|decide|order|buy)(?:\s+(?:it|off|the deal|the contract|the po))?\s*(?:by|on|before|in|around|at)?\s*$|[,，;]?\s*(?:成交|签约?|关单|落地)\s*$/i;

/** Options to find a date that lies ahead, in the message's language and the user's zone. */
const ahead = (w: Work) => ({ now: w.now, tz: w.tz, lang: w.lang, forward: true, durations: false });

function extractCreateOpp(w: Work, e: Entities): void {
  extractCreateOppFields(w, e);
  // `那个 心电监护仪采购 大概`: what is said while thinking is no part of the deal's name.
  if (e.title) {
    const t = e.title.replace(/^(?:(?:那个|这个|嗯|呃|就是|然后|大概|大约|差不多|应该是)\s*)+|(?:\s*(?:那个|嗯|大概|大约|差不多|左右|吧|ok了?|okay|好的|好了|谢谢|thx|thanks|pls|please|👍|🙏))+$/iu, '').trim();
    // `is the data migration project, they say closing until…`: the name, without what is said of it.
    const en = t.replace(/^(?:is|it'?s|it is|this is|that'?s|that is)\s+(?:the\s+|a\s+)?/i, '').replace(/\s*[,;]\s*(?:the\s+)?(?:close|closing|close date|expected close|closes)\b.*$/i, '').replace(/\s*[,;.]\s*(?:they|he|she|we|client|customer)\s+(?:say|says|said|think|thinks|reckon|reckons|expect|expects|hope|hopes)\b.*$/i, '').trim();
    // (`…, closing jan 15 - dead chuffed with this one`: a remark after a dash is no part of the name.)
    const remark = en.replace(/\s*,?\s*[-–—]+\s+(?=[^-–—]*\b(?:this|that|it|we|i|he|she|they|so|very|really|dead|well|proper|chuffed|happy|excited|buzzing|stoked|hopefully|fingers|finally|yay|woo+)\b)[^-–—]*$/i, '').replace(/[\s,;]+$/, '');
    if (remark) e.title = remark;
  }
  // (`开个新商机哈，叫动态心电监护项目，是刘医生那边牵的线`: a particle before the name, and a remark after it, are no part of it.)
  if (e.title && /\p{Script=Han}/u.test(e.title)) {
    e.title = e.title.replace(/^(?:哈|嘛|啊|哦|呀|呢|噻)\s+/u, '').replace(/\s+(?:是|他们|她们|他|她|说|那边|人家)\S*$/u, '').trim() || e.title;
  }
  // (`开个新商机哈，就叫动态血糖仪试点，他们…`, `new deal for acme called SSO rollout, …`: the name said as its name.)
  const named = /(?:就叫|名字叫|名称是|名字是|叫做|取名|命名为|名叫|(?<=(?:商机|项目|单子|机会)[^，,。；;]{0,4}[，,\s]*)叫)\s*[「“"『]?([^，,。；;、"”」』\s]{2,30})|\b(?:called|named|titled)\s+[“"']?([^,;."”']{2,40}?)[”"']?(?=\s*(?:[,;.]|$|\s(?:for|at|with|worth|amount|about)\b))/iu.exec(w.t);
  if (named) e.title = (named[1] ?? named[2])!.trim();
}

function extractCreateOppFields(w: Work, e: Entities): void {
  // The expected close date, and its words out of the title.
  const amt0 = findAmount(w.t, w.lang);
  const found = findDate(mask(w.t, [...w.contacts, ...w.orgs, ...(amt0 ? [amt0.span] : [])]), ahead(w));
  // (A date read from `,   ,12月20号` starts at its first word: the masked amount before it is no part of it.)
  const lead = found ? /^[\s,，;；:：]*/u.exec(found.text)![0].length : 0;
  const d0 = found && lead ? { ...found, index: found.index + lead, text: found.text.slice(lead) } : found;
  // (`明年1月15号` is read from its 年: the 明 before it is the date's too.)
  const d = d0 && d0.text.startsWith('年') && /[明今后去]$/.test(w.t.slice(0, d0.index)) ? { ...d0, index: d0.index - 1, text: w.t[d0.index - 1]! + d0.text } : d0;
  let t0 = w.t;
  if (d && !d.past) {
    e.due = d.iso;
    const before = w.t.slice(0, d.index).replace(CLOSE_WORDS_RE, '');
    const after = w.t.slice(d.index + d.text.length).replace(/^\s*(?:前|之前)?(?:应该|估计|大概)?(?:能|可以|可|会|要|就)?(?:成交|签下来|签约?|关单|落地)(?:了|吧)?/, '');
    t0 = before + after;
  }
  w = { ...w, t: t0 };
  const amt = findAmount(w.t, w.lang);
  if (amt) { e.amount = amt.amount; e.currency = amt.currency; }
  const stage = firstMatchingRule(w.t.replace(/\b(?:new|create|add|open)\b.{0,12}\b(?:deal|opp|opportunity)\b/gi, ' '), STAGE_RULES);
  if (stage && stage !== 'closed_won' && stage !== 'closed_lost') e.stage = stage;
  let s = amt ? w.t.slice(0, amt.span.index) + ' ' + w.t.slice(amt.span.index + amt.span.text.length) : w.t;
  if (w.lang === 'zh' && /\p{Script=Han}/u.test(s)) {
    // 新建商机 小米 云服务 20万 / 宏图的安防项目 录个商机: the account, then the deal's name.
    const rest = s.replace(OPP_NOT_TITLE_RE, ' ').replace(/(?:给|帮我|帮忙|请)\s*/g, ' ');
    const toks = rest.split(/[\s,，:：;；。]+/).filter((x) => x && !/^(?:的|了|吧|个|一个|先|有|有个|有一个|又有|opp|opportunity|deal|一下|create)$/i.test(x));
    const org = w.orgs[0]?.text;
    const parts: string[] = [];
    for (const tok of toks) {
      if (org && tok.includes(org)) { const r = tok.slice(tok.indexOf(org) + org.length).replace(/^(?:的|又?有(?:一)?个?|那边|这边)/, ''); if (r) parts.push(r); continue; }
      if (!org && !e.account && !parts.length) {
        const m = /^(.{2,8}?)的(.+)$/u.exec(tok);
        if (m) { e.account = m[1]!; parts.push(m[2]!); } else e.account = tok;
        continue;
      }
      parts.push(tok);
    }
    if (org) e.account = org;
    // (`叫胰岛素泵试点`: what it is called is its name.)
    const title = parts.join(' ').replace(/^(?:的|那边|这边)+|(?:那边|这边)$/g, '').trim().replace(/^(?:(?:名字|名称)(?:叫做|叫|是|为)|名叫|名为|叫做|叫)\s*(?=\S)/u, '');
    if (title) e.title = title;
    return;
  }
  s = s.replace(OPP_CMD_RE, '');
  const loose = 'loose' in w ? (w as { loose: Span[] }).loose : [];
  // `new deal globex data migration`: a made-up name right after the command is the account.
  const acc = w.orgs.find((o) => s.includes(o.text)) ?? w.caps.find((c) => s.includes(c.text))
    ?? loose.find((l) => s.trimStart().toLowerCase().startsWith(l.text.toLowerCase()));
  // "给人民医院建个商机：…": the account stood before the command.
  const before = !acc ? w.orgs.find((o) => !s.includes(o.text)) : undefined;
  if (before) e.account = before.text;
  if (acc) {
    e.account = acc.text;
    const i = s.indexOf(acc.text);
    s = s.slice(i + acc.text.length);
  }
  s = s.replace(/^\s*(?:[,:]\s*)?(?:for|at)\s+/i, '').replace(/\s*,\s*(?=,|$)/g, '');
  // "… called Lab Analytics Bundle, €48,000, and we expect to sign by …": the name said as such.
  const named = /\b(?:called|named|titled)\s+["“]?([^,"”;.]+)/i.exec(s);
  if (named && clean(named[1])) { e.title = clean(named[1]); return; }
  // Not the deal's name: its stage, its close, the command and filler words.
  s = s.replace(OPP_NOT_TITLE_RE, ',');
  // (`closing on` whose date was taken out: what is left of the close date.)
  const title = clean(s.split(/\s*[,，]\s*/).map((x) => x.trim())
    .filter((x) => x && !/^(?:的|了|吧|个|一个|先)$/.test(x) && !/^(?:(?:expected (?:to )?)?clos(?:e|es|ing)|to close|sign(?:ing)?|due)(?:\s+(?:on|by|in|around|date))?\.?$/i.test(x)).join(', '));
  if (title) e.title = title;
}

/** Words that say a deal's expected close date moves (`close date`, `pushed to`, `推迟到…签`). */
const CLOSE_MOVE_RE = /clos(?:e|ing)|\bsignature\b|\bsign(?:ing|ed)?\b|slip|push|pushed|pushing|moved|move|\bnow\b|expected|成交|签约?|关单|推迟|延后|延到|推到|挪到|提前|改到|改成/i;

/** `25k -> 32k`, `从50万降到42万`, `6万改成7.2万`: the amount it changes to. */
const AMOUNT_CHANGE_RE = /->|→|=>|\bto\b|到|改成|改为|调为|成|变成/;

function extractUpdateOpp(w: Work, e: Entities): void {
  const first = findAmount(w.t, w.lang);
  if (first) {
    const after = w.t.slice(first.span.index + first.span.text.length);
    const next = findAmount(after, w.lang);
    if (next && AMOUNT_CHANGE_RE.test(after.slice(0, next.span.index))) {
      const off = first.span.index + first.span.text.length;
      w = { ...w, t: w.t.slice(0, first.span.index) + ' '.repeat(first.span.text.length) + w.t.slice(off) };
    }
  }
  const amt0 = findAmount(w.t, w.lang);
  if (CLOSE_MOVE_RE.test(w.t)) {
    const masked = mask(w.t, [...w.contacts, ...w.orgs, ...(amt0 ? [amt0.span] : [])]);
    // "globex expansion's now 75k": "now" says the amount changed, not when the deal closes; a
    // date said after it still may (`should now be 18k, closing the 20th of January`).
    const isNow = (x: { text: string }) => /^(?:(?:right |for )?now|现在)$/i.test(x.text.trim());
    let d = findDate(masked, ahead(w));
    if (d && isNow(d)) d = findDate(mask(masked, [{ text: d.text, index: d.index }]), ahead(w));
    // (`今天谈得蛮好，…改成七十五万`, `went well today`: today said of the talk is no close date, unless closing is said with it.)
    const closesThen = (x: { text: string; index: number }) => /^\s*(?:就|能|会|可以|要|should|will|to)?\s*(?:clos|成交|签|关单|sign)/i.test(masked.slice(x.index + x.text.length))
      || /(?:clos(?:e|es|ing)|成交|签约?|关单)\s*(?:date\s*)?(?:to|on|is|=|:|在|到|改到|改成)?\s*$/i.test(masked.slice(0, x.index));
    if (d && d.today && !closesThen(d)) d = findDate(mask(masked, [{ text: d.text, index: d.index }]), ahead(w));
    if (d && !d.past && !isNow(d) && !(d.today && !closesThen(d))) e.due = d.iso;
  }
  const amt = findAmount(w.t, w.lang);
  if (amt) { e.amount = amt.amount; e.currency = amt.currency; }
  const st = firstMatchingRule(w.t, STAGE_RULES);
  // 报价改成四十八万: the quote's amount changes, not the stage.
  if (st && !(st === 'proposal' && amt && /报价(?:金额)?(?:改成|改为|调到|调整为|调成|变成|是|为|[:：])/.test(w.t) && !/阶段/.test(w.t))) e.stage = st;
  let s = w.t;
  let m: RegExpExecArray | null;
  if (w.lang === 'zh' && /\p{Script=Han}/u.test(s)) {
    s = s.replace(/^(?:麻烦|请|帮我|帮忙|能不能|可以|您)+(?:帮我)?/, '').replace(/^(?:把|将|更新|修改)/, '');
    // 王芳跟的协和续约: the deal, not who follows it.
    s = s.replace(/^\p{Script=Han}{2,3}(?:跟|跟进|负责|在跟)的(?=\p{Script=Han}{2})/u, '');
    m = /^(.+?)(?:的商机|的项目|商机|项目|那一单|这一单|那单|这单|那个单子?|这个单子?|那个deal|这个deal|的单子?|单子|进入?|推进|推到|挪到|退回|改成|改为|金额|赢单|丢单|输单|输了|成交|回到|推迟|延后|延到|提前|签了|签下|签约|已|被|拿下|丢了|输给|关单|阶段|最后|amount|lost|won|\s|,|，|的)/.exec(s);
    if (m) e.opportunity = clean(m[1]!.replace(/(?:那个|这个|的)$/, '').replace(/(?<=\p{Script=Han})(?:那个|这个)(?=\p{Script=Han})/gu, ''));
    // 金额也改一下 十八万: the field changed, not a deal's name (the deal just changed is meant).
    if (e.opportunity && /^(?:金额|价格|价钱|钱|数字|报价金额|阶段)/u.test(e.opportunity)) delete e.opportunity;
  } else {
    s = s.replace(/^(?:and|also|then|plus|oh)[,\s]+/i, '').replace(/^(?:(?:could|can|would) you(?: please)?|please|pls|kindly)\s+/i, '').replace(/^(?:.*?\b)?we\s+(?:have\s+|'ve\s+|had\s+)?(?:just\s+|finally\s+|officially\s+)?(?=(?:lost|won|closed|signed)\b)/i, 'we ')
      .replace(/^(?:(?:bad|good|great|sad) news|update|fyi|heads[- ]up|unfortunately|sadly|so|well|ok(?:ay)?|alas)\s*[:,\-–—!]?\s+/i, '').replace(/^(?:we\s+(?:lost|won|closed|signed|finally closed|finally signed)|won|lost|closed|signed|move|moved|advance|mark|update|change|set stage of|set|push|bump(?:ed)?|raise|raised|drop(?:ped)?|cut|lower(?:ed)?|up|make|change)\s+/i, '').replace(/^(?:the)\s+/i, '');
    s = s.replace(/'s\b(?=\s+(?:now|is|was|been|deal|amount|close|stage|moved|at|in|done|dead|signed|won|lost|gone)\b)/i, '');
    // `update the amount on the Umbrella pilot`, `the close date of Acme renewal`: the field, then the deal.
    s = s.replace(/^(?:the\s+)?(?:amount|value|size|close date|closing date|expected close(?: date)?|close|stage|forecast)\s+(?:on|of|for)\s+(?:the\s+)?/i, '');
    // `close date Jun 30 for the Acme deal`: the field and its value first, the deal after them.
    const fieldFirst = /^(?:the\s+)?(?:amount|value|size|close date|closing date|expected close(?: date)?|stage)\b[^,;]*?\s(?:for|on|of)\s+(?:the\s+)?(.+)$/i.exec(s);
    if (fieldFirst) s = fieldFirst[1]!;
    m = /^(.+?)(?:\s+(?:deal|opportunity|opp)\b|\s+(?:to|as|amount|moved|closed|closing|close|expected|stage|is|has|have|had|was|got|signed|won|lost|in the bag|done|dead|gone|picked|chose|went|just|finally|slipped|pushed|now|bumped|raised|upped|cut|dropped|increased|decreased|reduced|lowered|grew|shrank|goes|going|comes|will|should|needs|number|numbers|figure|value|price)\b|[!.,:;]|\s+[-–—>→]|\s+\d|\s+\$|\s+\p{Extended_Pictographic}|$)/iu.exec(s);
    if (m) e.opportunity = clean(m[1]);
    // `PO came in from initech for 25k, mark the deal won`: `the deal` is the named account's.
    const org = w.orgs[0] ?? w.caps[0] ?? ('loose' in w ? (w as { loose: Span[] }).loose[0] : undefined);
    if (/\b(?:mark|set|move|close|update) (?:the|that|this) (?:deal|opp(?:ortunity)?)\b/i.test(w.t) && org && e.opportunity && !new RegExp(`^${escapeRe(org.text)}\\b`, 'i').test(e.opportunity)) e.opportunity = org.text;
    // `we lost Nordeste Farma to a competitor`, `Kessler Antriebe signed 🎉`: a company named with no
    // word for a deal is the account whose deal it is.
    else if (e.opportunity && !DEAL_NOUN_RE.test(w.t) && [...w.orgs, ...w.caps].some((o) => o.text === e.opportunity)) {
      e.account = e.opportunity;
      delete e.opportunity;
    }
  }
  // `and bump the amount to 22k`, `金额也改一下`: a field and the words that change it name no deal (the last one is meant).
  if (e.opportunity && /^(?:(?:and|also|then|plus|oh|bump|change|set|update|raise|lower|drop|make|up|increase|decrease|move|push|the|amount|value|size|stage|close|date|deal|it|that|this|one)(?:\s+|$))+$|^(?:金额|阶段|价格|报价|预计成交(?:日期)?|签约日期|它|这个|那个|也|这单|那单)$/i.test(e.opportunity.trim())) delete e.opportunity;
}

const DEAL_NOUN_RE = /\b(?:deals?|opps?|opportunit(?:y|ies)|renewals?|pilots?|contracts?|projects?|expansions?|upsells?|rollouts?|upgrades?|orders?|tenders?|pos?|licen[cs]es?|subscriptions?|retrofits?|bids?|quotes?|proposals?|phase|seats)\b/i;

const ZH_CONTACT_CMD_RE = /^.*?联系人\s*[:,]?\s*/;
/** The command said at the end instead (`…，麻烦帮我加到联系人里`). */
const ZH_CONTACT_CMD_TAIL_RE = /[,，;；.。]\s*[^,，;；.。]*(?:加到|加进|加成|加为|存到|存进|存成|录到|录进|录成|放到|添加到|添加为|建成|设为|设成)(?:我的)?(?:联系人|通讯录)[^,，;；.。]*(?=[,，;；.。]|$)/;
/** The message without the words that ask to add a contact, wherever they stand. */
const withoutContactCommand = (t: string) => (ZH_CONTACT_CMD_TAIL_RE.test(t) ? t.replace(ZH_CONTACT_CMD_TAIL_RE, '')
  // `市一院新来的心外科主任钱立新 加个联系人 拍板的`: the command said in the middle, the person before it.
  : ZH_CONTACT_CMD_MID_RE.test(t) ? t.replace(ZH_CONTACT_CMD_MID_RE, ' ') : t.replace(ZH_CONTACT_CMD_RE, ''));
const ZH_CONTACT_CMD_MID_RE = /(?<=\p{Script=Han}{4}[^\s,，;；.。]*)[\s,，;；]+(?:帮我|麻烦|请)?(?:加|新增|添加|新建)(?:个|一个|一位)?(?:新)?联系人(?:吧|哈|啊)?(?=[\s,，;；]|$)/u;
/** Words that end a job title in Chinese (`采购部经理`, `副主任医师`, `IT经理`). */
/** A token that ends in a title word (主任医师, 副主任药师). */
const ZH_TITLE_END_RE = new RegExp(`(?:${ZH_TITLES}|医师|药师|药剂师|技师|护师|检验师|营养师|治疗师|采购员|业务员|营业员|专员|文员)$`);
const ZH_TITLE_WORD_RE = new RegExp(`^.{0,8}?(?:${ZH_TITLES}|经理|总监|主管|主任|医师|药师|药剂师|技师|检验师|营养师|治疗师|工程师|助理|专员|秘书|顾问|采购|会计|总裁|董事长?|合伙人|负责人|组长|班长|科员|老板|主治|住院医|店长|店员|营业员|收银员|导购|业务员|文员|出纳|库管|护士|前台|VP|HR|IT|CEO|CFO|CTO|COO|CIO|CMO|GM|(?:sales|marketing|finance|it|hr|ops) ?\\w*)`);
/** A department, which a title names after `of` (`VP of Sales`). */
const EN_DEPT_RE = /^(?:finance|sales|marketing|operations|ops|engineering|procurement|purchasing|hr|human resources|it|information technology|product|products|supply chain|customer success|legal|pharmacy|nursing|technology|research|r&d|quality|logistics|strategy|business development|development|manufacturing|communications|people|talent|infrastructure|security|data|analytics|design|growth|partnerships|revenue|sales operations|medical affairs|clinical|regulatory)$/i;

/** An English job title: words up to and including a word that names a position. */
const EN_TITLE_RE = /(?:\b[a-z&]+\s+){0,3}?\b(?:manager|mgr|director|vp|svp|evp|head|chief|officer|lead|engineer|ops|operations|purchasing|procurement|buyer|nurse|pharmacist|surgeon|physician|analyst|coordinator|specialist|supervisor|president|partner|founder|owner|admin|administrator|controller|treasurer|counsel|architect|consultant|clerk|accountant|receptionist|secretary|auditor|technician|therapist|dietitian|scientist|cfo|ceo|cto|coo|cio|cmo|gm|(?<!\b(?:i|we|he|she|they|you|checked|did|got|have|has|had|do|does|made|sent|saw|know|knew|need|want|said|like|love|get|do|put|pop|stick|add|log|save|update|mark|make|take|keep|leave|give|note|send|book|set|move|push|chase|fix|sort|file|write|change|enter|record|bump|snooze|close|check|sign|read|got|is|was)\s)(?:hr|it))\b(?:\s+(?:manager|mgr|director|lead|officer|specialist|coordinator|analyst|buyer|engineer|supervisor|assistant|administrator|partner|operating|executive|financial|technology|technical|information|marketing|commercial|revenue|people|product|data|security|medical|nursing)\b)*(?:(?<=\b(?:vp|svp|evp|director|head|manager|lead))\s+(?:finance|sales|marketing|mktg|operations|ops|engineering|eng|procurement|purchasing|hr|it|product|supply chain|customer success|cs|bd|legal|pharmacy|nursing)\b)?(?:\s+(?:of|for)\s+[a-z&]+(?:\s+(?:and|&)\s+(?:development|marketing|sales|operations|strategy|planning|finance|procurement|supply chain|engineering|technology|innovation|communications|administration|compliance|quality|safety|training|services|support|logistics|design|analytics|insights|partnerships|growth|product|research|it|hr)\b|\s+(?!(?:and|in|at|for|from|with|on|since|now|to|who|he|she|is|was|and|as|of|the|but|so|over|there|here|too|already|again|today|yesterday|recently|lately|last|this|next|bless|poor|lord|god|honestly|actually|just|though|tho|btw|lol|his|her|their|him|them|i|we|they|you)\b|&)[a-z&]+)?)?/i;

function extractContactFields(w: Work, intent: IntentName, e: Entities): void {
  const { t } = w;
  const em = EMAIL_RE.exec(t);
  if (em) e.email = em[0];
  const ph = PHONE_RE.exec(t.replace(EMAIL_RE, ' '));
  if (ph) e.phone = ph[0].trim();
  const role = roleSaid(t);
  if (role) e.role = role;

  if (intent === 'create_contact') {
    const zh = w.lang === 'zh' && /\p{Script=Han}/u.test(t);
    if (zh) {
      // Entities first: the organisation and the person wherever they stand; the title is the
      // person's own (周晓明主任 → 周晓明, 主任) or a part no other entity claimed.
      const org = w.orgs[0];
      // 市一院心外科: the department is inside the account, not part of its name.
      if (org) e.account = withoutDept(org.text);
      let person = w.contacts.find((c) => !org || !overlaps(c, org));
      // 市一院骨科的马主任，大名马国栋: the full name said for the titled surname is the name; the title stays.
      const full = person && ZH_SURNAME_TITLE_RE.test(person.text)
        ? w.contacts.find((c) => c !== person && c.text.startsWith(person!.text[0]!) && /^\p{Script=Han}{2,3}$/u.test(c.text) && !ZH_TITLED_RE.test(c.text))
        : undefined;
      const saidTitle = full ? person!.text.slice(1) : undefined;
      if (full) person = full;
      // (`…主任刘建国电话13907391234`, `…医师邮箱ouyang@…`: a field's label starts a part of its own, typed apart or not.)
      const body = withoutContactCommand(t).replace(/(?<=\p{Script=Han})(?=(?:电话|手机号?|邮箱|微信|座机|email|e-mail|phone)[:：]?\s*[\w+@])/giu, ' ');
      const toks = body.split(/[\s,:：，。；;]+/).filter(Boolean);
      let titleFromName: string | undefined;
      if (person) {
        const tm = new RegExp(`^(.+?)((?:副|总|常务)?(?:${ZH_TITLES}))$`).exec(person.text);
        if (tm && tm[1]!.length >= 2) { e.contact = tm[1]!; titleFromName = tm[2]!; }
        else e.contact = person.text;
      } else {
        const name = toks.find((x) => !(org && x.includes(org.text)) && !EMAIL_RE.test(x) && !/\d{5,}/.test(x) && SURNAME_START_RE.test(x) && x.length <= 5);
        if (name) {
          const tm = new RegExp(`^(.+?)((?:副|总|常务)?(?:${ZH_TITLES}))$`).exec(name);
          if (tm && tm[1]!.length >= 2) { e.contact = tm[1]!; titleFromName = tm[2]!; } else e.contact = name;
        } else {
          // 新增联系人 次仁多吉 人民医院设备科科长: a name with no Han surname (Tibetan, Uyghur, Mongolian) standing as its own word.
          const own = toks.find((x) => /^\p{Script=Han}{2,4}$/u.test(x) && !(org && x.includes(org.text)) && !ZH_TITLE_WORD_RE.test(x) && !firstRule(x, ROLE_RULES)
            && !/医院|公司|集团|药房|诊所|中心|科室|客户|联系人|帮|加|新|添|建|录|存|一个|一位|麻烦|请|电话|手机|邮箱|生日|微信|[的了是在吧呢啊哈院厂店司局所站市省县区村镇部科他她]/.test(x));
          if (own) e.contact = own;
        }
      }
      const titleParts: string[] = [];
      let deptBefore = '';
      for (let tok of toks) {
        tok = tok.replace(/[。.!！~～]+$/u, '');
        if (EMAIL_RE.test(tok) || /\d{3,}/.test(tok) || /^(?:邮箱|电话|手机|生日|出生|微信)/.test(tok)) continue;
        if (firstRule(tok, ROLE_RULES)) continue;
        if (org && tok.includes(org.text)) tok = tok.slice(tok.indexOf(org.text) + org.text.length).replace(/^的/, '');
        if (e.contact && tok.includes(e.contact)) {
          // 护士长马丽娟: a title said right before the name is the title.
          // 护士长马丽娟, 新来了个副处长叫邱志远: a title said right before the name (or its 叫) is the title.
          const lead = tok.slice(0, tok.indexOf(e.contact)).replace(/(?:名叫|叫做|叫)$/, '');
          const afterOrg = org && lead.includes(org.text) ? lead.slice(lead.indexOf(org.text) + org.text.length) : lead;
          // (药剂科的副主任林秀英: the department said before the title with 的 is part of it.)
          const dept = /^的?([\u4e00-\u9fa5]{1,6}?(?:科|部|处|办|室|组|中心))(?:的|(?:又新?来|新来|来|有)了?(?:个|一个|一位|位)?)(?=[^个的了是为在来]+$)/u.exec(afterOrg);
          const before = (dept ? dept[1]! : '') + afterOrg.split(/[个的了是为在来]/).pop()!;
          // (人民医院心内科的孙建国主任, 检验科个欧阳明辉主任: the department before a name whose title follows it is that title's.)
          const alone = /^的?(\p{Script=Han}{1,6}(?:科|部|处|办|室|组|中心))(?:的|个)?$/u.exec(afterOrg);
          if (alone && !/医院|公司|药房|诊所|门诊/u.test(alone[1]!)) deptBefore = alone[1]!;
          const bm = before ? ZH_TITLE_WORD_RE.exec(before) : null;
          if (bm && (bm.index + bm[0].length === before.length || ([...before].length <= 8 && ZH_TITLE_END_RE.test(before)))) titleParts.push(before);
          // (林佩君小姐: 小姐, 先生, 女士 after a name are courtesy, no title.)
          tok = tok.slice(tok.indexOf(e.contact) + e.contact.length).replace(/^的/, '').replace(/^(?:小姐|先生|女士|太太)/u, '');
        }
        if (!tok || /^(?:帮我|帮忙|加|加个|新增|新建|添加|一个|联系人|为联系人|add|new|contact)/i.test(tok)) continue;
        // (孙建华 孙主任 药剂科主任: the surname with a title, said again, is what they are called, not a second title.)
        if (e.contact && new RegExp(`^${escapeRe(e.contact[0]!)}(?:${ZH_TITLES})$`, 'u').test(tok)) continue;
        // 平时管试剂采购的, 主要负责设备: what someone does is no title.
        if (/^(?:平时|主要|一般|专门|负责|管)|的$/.test(tok)) continue;
        // 人还挺好相处的, 性格蛮爽快: what someone is like is no title (超声科医生 is one).
        if (/^(?:人|性格|脾气|态度|说话)?(?:还|很|挺|蛮|特别|比较|非常|真|超(?!声|市)|贼|可)(?!是)/u.test(tok) || /相处|好处|到处|处理/u.test(tok)) continue;
        // 心内科新来了个主任: a new arrival's position (and department) is the title.
        const arrived = /^(.{0,8}?)(?:又新?来|新来|新调来|刚来|新上任|有)了?(?:的|个|一个|一位|位)?((?:副|总|常务)?(?:主任|院长|经理|科长|处长|部长|主管|总监|护士长|店长))$/u.exec(tok);
        if (arrived) { titleParts.push(`${arrived[1]!.replace(/的$/u, '')}${arrived[2]}`); continue; }
        // 那边新认识了一个老师: how they were met (老师 said to anyone) is no title.
        if (/认识|新来了|碰到|遇到|遇见|见到/u.test(tok)) continue;
        // Only a job title: a word that names a position, not the company left unnamed by the parser.
        const tm = ZH_TITLE_WORD_RE.exec(tok);
        // 主任医师, 副主任药师: a title of title words is kept whole.
        const whole = tm && [...tok].length <= 10 && ZH_TITLE_END_RE.test(tok) ? tok : null;
        if (tm) titleParts.push((whole ?? tok.slice(0, tm.index + tm[0].length)).replace(/^(?:(?:她|他|对方)?(?:现在|目前)?(?:是|为|做|任)|的)/, ''));
      }
      // 药剂科的副主任: the department's title, said with 的.
      if (titleParts.length) e.title = titleParts.join(' ').replace(/(?<=\p{Script=Han}[科部处办室组])的(?=\p{Script=Han})/gu, '').replace(/^(?:新来|新认识|刚来|新调(?:过)?来|刚调(?:过)?来|新上任|刚上任)了?(?:个|一个|一位|的)?/u, '').replace(/(?<=\p{Script=Han})(?:啦|了|咧|哈|呢|呀|啊)+$/u, '');
      else if (titleFromName) e.title = titleFromName;
      if (deptBefore && e.title && !e.title.includes(deptBefore) && new RegExp(`^(?:副|总|常务)?(?:${ZH_TITLES})`, 'u').test(e.title)) e.title = deptBefore + e.title;
      // 市一院检验科主任谭国平: with no place found on its own, one that starts the title is where they work.
      const placeFirst = !e.account && e.title ? /^(\p{Script=Han}{2,10}?(?:医院|院|公司|药房|诊所|中心))的?(\p{Script=Han}{2,12})$/u.exec(e.title) : null;
      if (placeFirst && ZH_TITLE_WORD_RE.test(placeFirst[2]!) && !ZH_TITLE_WORD_RE.test(placeFirst[1]!)) {
        e.account = placeFirst[1]!;
        e.title = placeFirst[2]!;
      }
      if (saidTitle && !e.title) e.title = saidTitle;
      else if (saidTitle && full) e.title = e.title!.replace(`${full.text[0]}${saidTitle}`, saidTitle);
      return;
    }
    // English
    const contact = w.contacts[0] ?? w.caps.find((c) => !/\b(?:at|for|to)\s*$/i.test(t.slice(0, c.index)) && c.text.includes(' '));
    if (contact) e.contact = contact.text;
    const loose = 'loose' in w ? (w as { loose: Span[] }).loose : [];
    // `new contact: jenny wu, initech, VP finance`: a made-up word standing alone between commas is the company.
    // `Director of Clinical Systems at Umbrella Health`: the company is the one the person is at.
    const acc = w.orgs.find((o) => /(?:\b(?:at|from|with)|@)\s*$/i.test(t.slice(0, o.index))) ?? w.orgs[0] ?? w.caps.find((c) => c !== contact && c.index !== contact?.index)
      ?? loose.find((l) => new RegExp(`(?:^|,)\\s*${escapeRe(l.text)}\\s*(?:,|$)`, 'i').test(t) && (!contact || l.index > contact.index));
    if (acc) e.account = acc.text;
    // "her title is Director of Data and she's a champion": the title said as such.
    const said = /\b(?:(?:his|her|their)\s+)?(?:job\s+)?title(?:'s| is|:)\s+(.+?)(?=\s+(?:and|but|so|at|from)\b|[,.;!]|$)/i.exec(t);
    if (said && EN_TITLE_RE.test(said[1]!)) { e.title = clean(said[1]); return; }
    const segs = t.replace(/\s+[-–—]\s+/g, ', ').split(/\s*[,;]\s*|(?<!\b(?:[Dd]r|[Mm]rs?|[Mm]s|[Pp]rof|[Ss]t|[A-Z]))\.\s+|[?!]\s+|\s+(?:and|so)\s+(?:(?:yeah|yes|so|also|like|basically|i think)\s+)*(?=(?:she|he|they)(?:'ll|'s|'re| is| will| are)?\b)|\s+so\s+(?=(?:the\s+|a\s+|an\s+)?(?:decision|influencer|champion|gatekeeper|end user)\b)/i);
    for (let seg of segs) {
      if (contact && seg.includes(contact.text)) seg = seg.slice(seg.indexOf(contact.text) + contact.text.length);
      if (BIRTHDAY_RE.test(seg)) continue;
      // `she is procurement manager phone 415-555-0199`: the number and its label are no part of the title.
      seg = seg.replace(EMAIL_RE, ' ').replace(PHONE_RE, ' ').replace(/\s*\b(?:(?:her|his|their)\s+)?(?:phone|tel|mobile|cell|number|no\.?|email|e-mail|mail)(?:\s+(?:is|no\.?|number))?\s*:?\s*$/i, '').trim();
      if (/\d{3}/.test(seg)) continue;
      // `he is Head of Procurement and the final decision maker`: the title, then the role.
      const saysRole = (x: string) => ROLE_RULES.some(([re]) => re.test(x));
      const cut = [...seg.matchAll(/ (?:and|&) /gi)].find((am) => saysRole(seg.slice(am.index)) && !saysRole(seg.slice(0, am.index)));
      if (cut) seg = seg.slice(0, cut.index);
      if (acc) seg = seg.replace(new RegExp(`\\s*(?:\\b(?:at|from|of)\\b|@|,)?\\s*${escapeRe(acc.text)}\\b`), '');
      seg = seg.replace(/^\s*(?:(?:she|he|they)(?:'s| is| are|'re)|is|as)\s+/i, '').replace(/^\s*(?:our|their|his|her|the|a|an|its)\s+/i, '');
      if (!seg.trim() || ROLE_RULES.some(([re]) => re.test(seg))) continue;
      // "their new head of procurement": "new" says the title is new, not that a record is.
      if (/^new\s/i.test(seg) && !/^new (?:contact|person|account|customer|client|deal|guy|lead)\b/i.test(seg) && EN_TITLE_RE.test(seg.slice(4))) seg = seg.slice(4);
      if (/^(?:a |the )?(?:new |add |create |save )/i.test(seg)) continue;
      let tm = EN_TITLE_RE.exec(seg);
      // `IT procurement lead`: a title word followed at once by a title is one title.
      const more = tm ? EN_TITLE_RE.exec(seg.slice(tm.index + tm[0].length)) : null;
      if (tm && more && more.index === 1 && /^\s$/.test(seg.charAt(tm.index + tm[0].length))) {
        const whole = seg.slice(tm.index, tm.index + tm[0].length + 1 + more[0].length);
        tm = Object.assign([whole], { index: tm.index, input: seg, groups: undefined }) as RegExpExecArray;
      }
      // `head of procurement there`: where is said already.
      const c = clean(tm ? tm[0].replace(/\s+(?:there|here|now|too)$/i, '') : '');
      if (c) { e.title = c; break; }
    }
    return;
  }

  // update_contact
  const c = w.contacts[0] ?? w.caps[0] ?? zhLeadingName(t);
  if (c) e.contact = c.text;
  else {
    // "fyi bill's bday is oct 2": a given name owning the detail.
    const own = /\b([a-z][a-z-]{2,})'s\s+(?:new\s+)?(?:bday|birthday|b-day|dob|phone|cell|mobile|number|email|e-mail|title|role|job)\b/i.exec(t);
    if (own && FIRST_NAME_LIKE(own[1]!)) e.contact = own[1]!;
  }
  if (!c && w.lang === 'zh') {
    const m = /(?:更新联系人|把|修改)\s*([\u4e00-\u9fa5]{2,3}?)(?=\s|的|标记|设为|电话|$)/.exec(t);
    if (m) e.contact = m[1];
  }
  let m: RegExpExecArray | null;
  // `was made director of IT last week`: when it happened is no part of the title.
  const tt = withoutDates(w, t);
  const detail = EMAIL_RE.test(t) || /\d{5,}|\d{3}[\s.-]\d{3,4}/.test(t);
  if (!detail && (m = /\b(?:is now|now) (?:(?:he|she|they)(?:'s| is| are)\s+)?(?:the |a |an |our )?(.+?)(?:\s+(?:at|@|for)\s+\S.*)?[.!]*$/i.exec(tt)) && !role && EN_TITLE_RE.test(m[1]!)) e.title = clean(EN_TITLE_RE.exec(m[1]!)![0]);
  else if (!detail && (m = /(?:\b(?:is|as|got bumped up to|bumped up to|was named|named|appointed|made)|\b(?:he|she)'s)\s+(?:(?:the|a|an|our|new)\s+)*(.+?)(?:\s+now)?(?:\s+(?:at|@)\s+\S.*)?(?:[!.]|🎉|👍)*$/i.exec(tt)) && EN_TITLE_RE.test(m[1]!)
    // `he is Head of Procurement and the final decision maker`: the title, then the role.
    && (!role || (EN_TITLE_RE.exec(m[1]!)!.index === 0 && !/decision|maker|influenc|champion|gatekeeper|blocker|signs?\b/i.test(EN_TITLE_RE.exec(m[1]!)![0])))) {
    e.title = clean(EN_TITLE_RE.exec(m[1]!)![0].replace(/\s+(?:and|&)(?:\s+the)?$/i, ''));
  }
  else if ((m = /\btitle (?:to|is|:)\s*(.+)$/i.exec(tt))) e.title = clean(m[1]);
  else if ((!detail || w.lang === 'zh') && (m = [...tt.matchAll(/(?:升(?:成了?|为|任|职为|职成|了)?|(?:整|弄|变)成了?|提拔(?:为|成)|被提成|提了|当上了?|现在是|现在(?![是做当升任为])(?=\p{Script=Han}{1,6}(?:主任|院长|经理|总监|科长|处长|主管|部长|店长|组长|负责人|医师|药师))|(?:现在)?(?:做|当)了?(?=\p{Script=Han}{2,8}了?(?:[，,。！!\s👍🎉]|$))|(?:职位|职务|title)(?:更新为|改为|改成|换成|变更为|更改为|调整为))\s*(?:\p{Script=Han}{2,4}的|新的)?([^，,。！!\s👍🎉]+?(?: of \w+| [a-z]+)?)了?(?=[，,。！!\s👍🎉]|$)/gu)].find((x) => ZH_TITLE_WORD_RE.test(x[1]!) || EN_TITLE_RE.test(x[1]!)) ?? null) && !firstRule(m[1]!, ROLE_RULES)) e.title = clean(m[1]);
  // (`got promoted to head of engineering, he'll be signing off on tooling now`: the title is the clause's, the role the next one's.)
  else if ((m = /\b(?:was made|got made|promoted to|became|has become|(?:is|'s) the new|moved up to)\s+(?:(?:the|a|an|our|new)\s+)*(.+)$/i.exec(tt)) && (!role || !firstRule(m[1]!.split(/[,;.]\s/)[0]!, ROLE_RULES))) {
    // The title as a title reads (`head of procurement`), else up to `at`/`of` and a capitalised
    // company (`VP at Initech`) or a stop.
    const said = EN_TITLE_RE.exec(m[1]!);
    e.title = clean(said?.index === 0 ? said[0] : m[1]!.split(/\s+(?:at|of|@)\s+(?=[A-Z])|[,.;!]/)[0]);
  }
  // `has become COO of Globex`: the company after the title is where, not part of it (but `SVP of Operations` keeps its department).
  const of = e.title ? /\s+(?:of|at|for)\s+([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)$/.exec(e.title) : null;
  if (of && !EN_DEPT_RE.test(of[1]!) && [...w.orgs, ...w.caps].some((o) => o.text === of[1])) e.title = e.title!.slice(0, of.index);
  // "he's SVP of Operations now": a capitalised word inside the title is no account.
  if (e.title && e.account && e.title.includes(e.account)) delete e.account;
  if ((m = /(?:moved to|transferred to|joined|调到|跳槽到)\s*(.+?)(?:了)?$/i.exec(t))) {
    const org = w.orgs.find((o) => m![1]!.includes(o.text)) ?? w.caps.find((x) => m![1]!.includes(x.text));
    if (org) e.account = org.text;
  }
}


/** The text with the dates in it left out (`director of IT last week` → `director of IT`); `now` / `现在` stay. */
function withoutDates(w: Work, t: string): string {
  let seen = t;
  let out = t;
  for (let i = 0; i < 3; i++) {
    const d = findDate(seen, { now: w.now, tz: w.tz, lang: w.lang, forward: false, durations: false });
    if (!d?.text.trim()) break;
    seen = seen.slice(0, d.index) + ' '.repeat(d.text.length) + seen.slice(d.index + d.text.length);
    if (PART_OF_DAY_ONLY_RE.test(d.text.trim())) continue;
    const lead = /\b(?:since|from|as of|starting|effective|on|in|by)\s*$/i.exec(out.slice(0, d.index))?.[0].length ?? 0;
    out = out.slice(0, d.index - lead) + ' '.repeat(lead + d.text.length) + out.slice(d.index + d.text.length);
  }
  return out.replace(/\s{2,}/g, ' ').trim();
}

function extractCreateAccount(w: Work, e: Entities): void {
  // 能帮我新增一家医院吗，叫启明眼科医院: what it is called, after the request.
  const called = /(?:叫|名叫|叫做|名字是|名称是)\s*([^\s,，。!！?？]{2,20})/.exec(w.t) ?? /(?:医院|客户|公司|诊所|药店|药房)(?:吗|吧|呢)?[,，:：\s]+([^\s,，。!！?？]{2,20})/.exec(w.t);
  const s = called ? called[1]! : w.t.replace(/^.*?(?:account|acct|customer|client|客户|建档)\s*(?:for)?\s*[:,]?\s*/i, '');
  const org = w.orgs.find((o) => s.includes(o.text)) ?? w.caps.find((c) => s.includes(c.text)) ?? (called ? undefined : w.orgs[0] ?? w.caps[0]);
  if (org) e.account = org.text;
  else {
    const m = /^([\u4e00-\u9fa5A-Za-z0-9]{2,20})/.exec(s.trim());
    if (m) e.account = m[1];
  }
  const tier = /\btier\s*([abc])\b|\b([abc])[- ]?tier\b|([ABC])\s*(?:类|级)/i.exec(w.t);
  if (tier) e.tier = (tier[1] ?? tier[2] ?? tier[3])!.toUpperCase() as 'A' | 'B' | 'C';
}

// ---------------------------------------------------------------------------
// parse
// ---------------------------------------------------------------------------

const overlaps = (a: Span, b: Span) => a.index < b.index + b.text.length && b.index < a.index + a.text.length;
const byIndex = (a: Span, b: Span) => a.index - b.index;

/** People, organisations and name-like words of unknown kind, in both scripts. */
const PINYIN_SYLLABLE = '(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|an|ao|ei|en|er|ia|ie|in|iu|ou|ua|ue|ui|un|uo|a|e|i|o|u|v)';
const PINYIN_ONE_RE = new RegExp(`^${PINYIN_SYLLABLE}$`, 'i');
const PINYIN_NAME_RE = new RegExp(`(?<![A-Za-z])([A-Z]?${PINYIN_SYLLABLE}) ([A-Z]?${PINYIN_SYLLABLE}(?:${PINYIN_SYLLABLE})?)(?![A-Za-z])`, 'g');
const han = (t: string) => /\p{Script=Han}/u.test(t);

/** `He Jing`, `zhou xiaoming`: a surname syllable and a one- or two-syllable given name, capitalised alike. */
function pinyinNames(t: string): Span[] {
  const out: Span[] = [];
  for (const m of t.matchAll(PINYIN_NAME_RE)) {
    const [a, b] = [m[1]!, m[2]!];
    const capA = /^[A-Z]/.test(a), capB = /^[A-Z]/.test(b);
    if (capA !== capB || !PINYIN_ONE_RE.test(a) || a.length < 2 || b.length < 2) continue;
    out.push({ text: m[0], index: m.index });
  }
  return out;
}

/** Two-character surnames (欧阳志远, 司马红梅): their given name is one or two characters more. */
const ZH_COMPOUND_NAME_RE = new RegExp(`(?<=^|[叫是，,、:：\\s的给和跟与见找约]|联系人|拜访了?|主任|院长|教授|经理|总监|科长|处长|部长|主管|医生|大夫|护士长|助理|秘书)(?:欧阳|司马|上官|诸葛|东方|皇甫|令狐|慕容|司徒|夏侯|尉迟|公孙|长孙|宇文|端木|南宫|独孤|西门|呼延|澹台)[\\u4e00-\\u9fa5]{1,2}?(?=$|[，,。.!！?？;；\\s]|女士|先生|${ZH_TITLES}|的|是|在)`, 'gu');

/** People named with a two-character surname, over what the one-character surname rules read of them. */
function withCompoundSurnames(t: string, found: Span[]): Span[] {
  const extra = [...t.matchAll(ZH_COMPOUND_NAME_RE)].map((m) => ({ text: m[0], index: m.index }));
  if (!extra.length) return found;
  // (A longer name read at the same place, 欧阳志远主任 over 欧阳志远, is kept over the two-character one.)
  const longer = (c: Span, x: Span) => c.index === x.index && c.text.length > x.text.length && c.text.startsWith(x.text);
  const kept = found.filter((c) => !extra.some((x) => overlaps(x, c) && !longer(c, x)));
  return [...kept, ...extra.filter((x) => !found.some((c) => longer(c, x)))].sort(byIndex);
}

export function findNames(t: string): { contacts: Span[]; orgs: Span[]; caps: Span[]; loose: Span[] } {
  const dotted = [...t.matchAll(/\p{Script=Han}{2,6}[·•・‧]\p{Script=Han}{2,8}/gu)].map((m) => ({ text: m[0], index: m.index }));
  // (买买提·吐尔逊: a Uyghur or other transcribed name, its parts joined by a middle dot, is one person.)
  const zhContacts = [...dotted, ...withCompoundSurnames(t, findContacts(t).filter((c) => /\p{Script=Han}/u.test(c.text) && !dotted.some((d) => overlaps(d, c))))].sort(byIndex);
  // Han characters become a separator that ends an English name run (跟Acme的Tom: Acme, Tom).
  const en = findEnNames(t.replace(/\p{Script=Han}/gu, '\u0001').replace(new RegExp(EMAIL_RE.source, 'g'), (m) => ' '.repeat(m.length)).replace(/\b(?:https?:\/\/|www\.)\S+/gi, (m) => ' '.repeat(m.length)));
  // Organisations with a known suffix ("City No.1 Hospital") win over what the word runs found.
  const suffixed = findEnOrgs(t);
  const people = en.people
    .filter((p) => !suffixed.some((o) => overlaps(o, p) && !/^(?:dr|mr|ms|mrs|prof|nurse)\b/i.test(p.text)))
    .map((p) => {
      // "S. Chen": an initial before the surname is part of the name.
      const init = /\b[A-Z]\.\s?$/.exec(t.slice(0, p.index));
      return init && /^[A-Z]/.test(p.text) ? { text: t.slice(init.index, p.index + p.text.length), index: init.index } : p;
    });
  // "加个联系人 He Jing 人民医院": in a Chinese message, a Latin name written in pinyin is a person.
  // (Not in an English message with a Chinese name in it: `remind me to call 张主任` has no pinyin `me to`.)
  for (const py of han(t) && detectLanguage(t) === 'zh' ? pinyinNames(t) : []) {
    const i = people.findIndex((p) => overlaps(p, py));
    if (i >= 0) people.splice(i, 1, py);
    else people.push(py);
  }
  const contacts = [...zhContacts, ...people].sort(byIndex);
  const enOrgs = [...suffixed, ...en.orgs.filter((o) => !suffixed.some((x) => overlaps(x, o)))];
  const zhOrgs = findZhOrgs(t);
  const structural = findZhOrgsByStructure(t, [...zhContacts, ...people]).filter((o) => !zhOrgs.some((z) => overlaps(z, o)));
  const orgs = [...enOrgs, ...zhOrgs, ...structural]
    .map((o) => {
      // 王丽还有华山医院: the organisation starts after the person and the joining word.
      const c = contacts.find((x) => overlaps(o, x) && x.index <= o.index + 1 && x.index + x.text.length < o.index + o.text.length);
      if (!c || !/\p{Script=Han}/u.test(o.text)) return o;
      const rest = t.slice(c.index + c.text.length, o.index + o.text.length);
      const lead = /^(?:还有|以及|及|和|跟|与|的|在|,|，|\s)*/.exec(rest)![0].length;
      return { text: rest.slice(lead), index: c.index + c.text.length + lead };
    })
    .filter((o) => o.text.length >= 2 && !contacts.some((c) => overlaps(o, c)) && !ZH_NOT_ORG_PART.test(o.text))
    // `Chief Financial Officer`, `VP Sales Director`: a word inside a job title is no company.
    .filter((o) => !(/\b(?:Chief|Head|Senior|Vice|Deputy|Assistant|Associate|Regional|General)\s+$/i.test(t.slice(0, o.index)) && /^\s+(?:Officer|Director|Manager|Lead|President|Engineer|Controller|Counsel)\b/i.test(t.slice(o.index + o.text.length))))
    .filter((o, i, all) => !all.some((x, j) => j < i && overlaps(x, o)))
    .sort(byIndex);
  const caps = en.unknown.filter((u) => !contacts.some((c) => overlaps(u, c)) && !orgs.some((o) => overlaps(u, o)));
  return { contacts, orgs, caps, loose: en.loose };
}

interface Analysis extends Work {
  /** Lowercase words nothing marks as names: a bare `fabrikam` asking for an overview. */
  loose: Span[];
  spans: TypedSpan[];
  features: string[];
  hasEntity: boolean;
}

/** Entities first: the people, organisations, dates, amounts and contact details of a message. */
function analyse(text: string, opts: ParseOptions): Analysis | null {
  const now = opts.now ?? new Date();
  const tz = opts.tz ?? 'UTC';
  const t = normalise(text ?? '');
  const lang = detectLanguage(t);
  if (!t) return null;

  const { contacts, orgs, caps, loose } = findNames(t);
  const hasEntity = contacts.length + orgs.length + caps.length > 0;
  // (Read before normalising, which puts 赴 and 商议 as the everyday 去 and 商量.)
  const formal = lang === 'zh' && ZH_FORMAL_REPORT_RE.test(text ?? '');

  const spans: TypedSpan[] = [];
  const add = (sp: Span, type: SpanType) => spans.push({ index: sp.index, length: sp.text.length, type });
  for (const c of contacts) add(c, 'person');
  for (const o of orgs) add(o, 'org');
  for (const c of caps) add(c, 'name');
  let masked = mask(t, [...contacts, ...orgs, ...caps]);
  for (let i = 0; i < 2; i++) {
    const d = findDate(masked, { now, tz, lang, forward: true, durations: false });
    if (!d) break;
    const type: SpanType = d.past || saidAsPast(t, d.index, d.text, now, tz, formal) ? 'past' : d.today ? 'today' : 'future';
    spans.push({ index: d.index, length: d.text.length, type });
    masked = masked.slice(0, d.index) + ' '.repeat(d.text.length) + masked.slice(d.index + d.text.length);
  }
  const amt = findAmount(masked, lang);
  if (amt) add(amt.span, 'amount');
  const em = EMAIL_RE.exec(t);
  if (em) spans.push({ index: em.index, length: em[0].length, type: 'email' });
  const ph = PHONE_RE.exec(masked);
  if (ph && !em) spans.push({ index: ph.index, length: ph[0].length, type: 'phone' });
  const dur = DURATION_RE_LOCAL.exec(masked);
  if (dur) spans.push({ index: dur.index, length: dur[0].length, type: 'duration' });
  const cues = cueHits(t, lang, { hasEntity });
  // Tense from evidence: a report says what happened, a plan only what will.
  const pastMark = PAST_EN_RE.test(t) || PAST_ZH_RE.test(t) || REPORT_CMD_RE.test(t) || spans.some((x) => x.type === 'past');
  const futureMark = FUTURE_RE.test(t) || PLAN_START_RE.test(t) || PLAN_ZH_RE.test(t) || spans.some((x) => x.type === 'future');
  if (futureMark && !pastMark) cues.push('tense:plan_only');
  if (pastMark && !futureMark) cues.push('tense:report_only');
  if (pastMark && futureMark) cues.push('tense:report_and_plan');
  if (GREETING_RE.test(t)) cues.push('greeting');
  if (ROLE_STATEMENT_RE.test(t)) cues.push('role_statement');
  if (COUNT_QUESTION_RE.test(t)) cues.push('count_question');
  if (SCORE_ANY_RE.test(t) && !/\b(?:avg|average|send|survey to)\b|平均|发/i.test(t)) cues.push('score_answer');
  if (NEW_ACCOUNT_RE.test(t)) cues.push('new_account');
  if (PIPELINE_Q_RE.test(t)) cues.push('pipeline_question');
  if (METRIC_CUE_RE.test(t)) cues.push('metric');
  const rest = mask(t, [...contacts, ...orgs, ...caps, ...loose]).replace(BARE_FILLER_RE, '').replace(/[\s\p{P}\p{S}]/gu, '');
  if (!rest && (contacts.length + orgs.length + caps.length + loose.length) > 0) cues.push('bare_name');
  if (MOVED_RE.test(t)) cues.push('moved_company');
  // What kind of contact the message names (a report's or a plan's evidence), and a birthday.
  const kind = firstRule(t, TYPE_RULES);
  if (kind) cues.push('type:' + kind);
  if (BIRTHDAY_RE.test(t) && (contacts.length + caps.length + loose.length) > 0) cues.push('birthday');
  if (PROMOTED_RE.test(t)) cues.push('promoted');
  if (DEAL_CHANGE_RE.test(t)) cues.push('deal_change');
  // Someone and a day ahead, nothing reported (`李医生 样品 周五`): the shape of a reminder.
  if ((contacts.length || orgs.length) && spans.some((x) => x.type === 'future') && !spans.some((x) => x.type === 'past') && !/[?？]/.test(t)) cues.push('who_and_when_ahead');
  const features = extractFeatures(t, dedupeSpans(spans), cues);
  return { t, lang, contacts, orgs, caps, loose, now, tz, spans, features, hasEntity };
}

const DURATION_RE_LOCAL = /\b(?:a|an|one|two|three|\d+)\s*(?:days?|weeks?|hours?|mins?|minutes?)\b|[一二两三四五六七八九十半\d]+\s*(?:天|周|个星期|个?小时|分钟)/i;

function dedupeSpans(spans: TypedSpan[]): TypedSpan[] {
  const sorted = [...spans].sort((a, b) => a.index - b.index || b.length - a.length);
  const out: TypedSpan[] = [];
  let end = -1;
  for (const s of sorted) {
    if (s.index < end) continue;
    out.push(s);
    end = s.index + s.length;
  }
  return out;
}

/** The features the intent model sees for a message (training and evaluation scripts). */
export function messageFeatures(text: string, opts: ParseOptions = {}): string[] {
  return analyse(text, opts)?.features ?? [];
}

/** The intents whose priority an aside at the end of the message may say. */
const PRIORITY_TAIL_INTENTS: ReadonlySet<IntentName> = new Set(['schedule_followup', 'log_complaint', 'log_interaction']);

function entitiesFor(intent: IntentName, w: Analysis): Entities {
  // `…, no rush`, `… - kinda urgent tbh`, `…送资料 十万火急`: the asides that say how urgent it is say
  // nothing else, so the message is read without them, and the priority is theirs.
  const tail = PRIORITY_TAIL_INTENTS.has(intent) ? priorityTail(w.t) : undefined;
  if (tail && [...w.contacts, ...w.orgs, ...w.caps].every((sp) => sp.index + sp.text.length <= tail.cut)) {
    const e = entitiesWithout(intent, { ...w, t: w.t.slice(0, tail.cut).replace(/[\s,，;；:：\-–—]+$/u, '') });
    if (intent !== 'log_interaction' || e.due) e.priority = tail.priority;
    return e;
  }
  return entitiesWithout(intent, w);
}

function entitiesWithout(intent: IntentName, w: Analysis): Entities {
  const { t, contacts, orgs } = w;
  const e: Entities = {};
  switch (intent) {
    case 'log_interaction':
    case 'schedule_followup': {
      extractLogOrFollowup(w, intent, e);
      // (`今天上午10点 电话人民医院刘医生 问样品反馈 他说还行`: an hour of today already gone, said first in a report, is when it happened.)
      if (intent === 'log_interaction' && e.due && !e.when && Date.parse(e.due) <= w.now.getTime() && e.due.slice(0, 10) === formatIso(w.now, w.tz).slice(0, 10)
        && /^\s*(?:今天|今早|today|this morning)?\s*(?:上午|下午|早上|中午|晚上)?\s*[\d一二三四五六七八九十]{1,3}(?:点|:\d{2}|\s*(?:am|pm))/iu.test(t)) {
        e.when = e.due;
        delete e.due;
      }
      const p = intent === 'schedule_followup' ? firstMatchingRule(t, PRIORITY_RULES) : undefined;
      if (p) { e.priority = p; if (e.summary) e.summary = clean(e.summary.replace(PRIORITY_WORDS_RE, ' ')); }
      break;
    }
    case 'log_complaint': extractComplaint(w, e); break;
    case 'send_survey': extractSurvey(w, e); break;
    case 'survey_response': extractSurveyResponse(w, e); break;
    case 'complete_task':
    case 'snooze_task': extractTaskRef(w, intent, e); break;
    case 'update_task': {
      extractTaskRef(w, intent, e);
      // (`not so urgent anymore, please put it back to normal priority`: the level it is set to, when said, over why.)
      const to = /\b(?:back\s+to|back|to|as|at|it)\s+(normal|low|high|medium|regular)\s+prio(?:rity)?\b|(?:改|调|设|标|放)(?:回|成|为)?(普通|低|高)(?:优先级|的)?/i.exec(w.t);
      const p = to ? (({ normal: 'normal', medium: 'normal', regular: 'normal', 普通: 'normal', low: 'low', 低: 'low', high: 'high', 高: 'high' } as const)[(to[1] ?? to[2])!.toLowerCase() as 'normal'] ?? firstMatchingRule(w.t, PRIORITY_RULES)) : firstMatchingRule(w.t, PRIORITY_RULES);
      if (p) e.priority = p;
      break;
    }
    case 'list_at_risk': {
      extractPeriodScope(w, e);
      const a = pickAccount(w);
      if (a && a.text !== e.rep) e.account = a.text;
      // `why is globx at risk`: the words the question is about, however they are written.
      const about = !e.account ? RISK_ABOUT_RE.exec(w.t) : null;
      if (about && about[1] !== e.rep && !/^(?:my|our|the|this|that|it|they|he|she|these|those|which|what|any|some)\b/i.test(about[1]!) && about[1]!.split(/\s+/).length <= 4) e.account = about[1]!;
      break;
    }
    case 'list_tasks':
    case 'pipeline_summary':
    case 'kpi_report':
    case 'segment_customers': extractPeriodScope(w, e); break;
    case 'create_opportunity': extractCreateOpp(w, e); break;
    case 'update_opportunity': {
      extractUpdateOpp(w, e);
      // (`oh n they upped it to 75k too`: words that point back, no deal's name — the deal just talked of.)
      if (e.opportunity && /^(?:(?:and|n|oh|ah|so|also|then|well|they|he|she|it|that|this|them|those|one|the|deal|opp|opportunity|that one|这个|那个|它|他们|这单|那单)[\s,]*)+$/i.test(e.opportunity.trim())) delete e.opportunity;
      break;
    }
    case 'create_contact':
    case 'update_contact': {
      extractContactFields(w, intent, e);
      const b = findBirthday(w);
      if (b) e.birthday = b;
      // (`…: 华山医院 Dr. 孙悦, 内分泌科主治医生, 她是 influencer`: a Chinese title said as its own part of a mixed message.)
      if (!e.title && w.lang === 'en' && /\p{Script=Han}/u.test(w.t)) {
        const part = [...w.t.matchAll(/(?:^|[,，;；:：]\s*)(\p{Script=Han}{2,12})(?=\s*(?:[,，;；。]|$))/gu)].map((m) => m[1]!)
          .find((x) => ZH_TITLE_END_RE.test(x) && x !== e.contact && x !== e.account && !(e.account && x.startsWith(e.account)));
        if (part) e.title = part;
      }

      break;
    }
    case 'create_account': extractCreateAccount(w, e); break;
    case 'account_overview':
      // A person and their company (`tell me about Raj from Contoso`): both, the company narrows.
      if (contacts[0] && orgs[0]) { e.contact = contacts[0].text; e.account = orgs[0].text; }
      else if (contacts[0]) e.contact = contacts[0].text;
      else {
        const a = pickAccount(w);
        const longestLoose = [...w.loose].sort((x, y) => y.text.length - x.text.length)[0];
        if (a) e.account = a.text;
        else if (longestLoose) e.account = longestLoose.text;
      }
      break;
    case 'opt_out': {
      let c = w.contacts[0] ?? zhLeadingName(t) ?? w.caps.find((x) => x.index === 0 && !/^(?:Stop|Unsubscribe|Please)$/i.test(x.text));
      // `Peter told me Bill don't want our surveys`, `张主任讲李主任以后不要…`: the one spoken for.
      const people = [...w.contacts, ...w.caps, ...w.orgs.filter((o) => isFirstName(o.text.split(/\s+/)[0]!.toLowerCase()))].sort((x, y) => x.index - y.index);
      // (`Tom over at Acme says Sarah…`, `heard from sarah at acme that tom baker's done…`: where the teller is, and `that` after a hearing.)
      const heardFrom = c && /\b(?:heard|learned|learnt|got word|found out)\s+from\s*$/i.test(t.slice(0, c.index));
      const spokenFor = c && people.find((x) => x.index > c!.index && (heardFrom && /^\s*(?:(?:over\s+)?(?:at|from|@)\s+[\w&-]+(?:\s+[\w&-]+)?\s+)?that\s+$/i.test(t.slice(c!.index + c!.text.length, x.index))
        || /^\s*(?:(?:over\s+)?(?:at|from|@)\s+[\w&-]+(?:\s+(?:corp|inc|foods|health|group|hospital))?\s+)?(?:(?:told|tell|tells|tol|tel|telling)\s+(?:me|us|mi)(?:\s+(?:already|just now|earlier|yesterday|today|this morning))?|said|says|mentioned|let me know|(?:跟|和|对|同)(?:我|俺)(?:说|讲)(?:了|的)?|讲|说|告诉(?:我|俺)(?:的)?|反映|提到)[\s,:，]*(?:that\s+)?(?:(?:他们|她们|人家)(?:医院|科里|科室|公司|那边)?的?)?$/i.test(t.slice(c!.index + c!.text.length, x.index))));
      if (spokenFor) c = spokenFor;
      // (`以后嫑给李主任发了`: the one not to be sent to, named in the stop itself, is who stops.)
      const stopFor = people.find((x) => new RegExp(`(?:别|不要|嫑|甭|莫|不用|勿|唔好)(?:再)?(?:给|跟|向|同|俾)${escapeRe(x.text)}(?:发|寄|送)`, 'u').test(t));
      if (stopFor) c = stopFor;
      // (`peter gibbons told me that bill his boss he doesn't want…`: a first name said after the telling, in lower case too.)
      else if (c && !spokenFor) {
        const told = /^\s*(?:(?:told|tell|tells|tol)\s+(?:me|us)|said|says|mentioned|let me know)\s+(?:that\s+)?([a-z]+)\b/i.exec(t.slice(c.index + c.text.length))
          // (`heard from peter at initech that bill doesnt want…`: the one named after the hearing's `that`.)
          ?? (heardFrom ? /^\s*(?:(?:over\s+)?(?:at|from|@)\s+[\w&-]+(?:\s+[\w&-]+)?\s+)?that\s+([a-z]+)\b/i.exec(t.slice(c.index + c.text.length)) : null);
        if (told && !/^(?:he|she|they|him|her|it|we|i|you|his|their|our|the|a|an)$/i.test(told[1]!) && isFirstName(told[1]!.toLowerCase()) && told[1]!.toLowerCase() !== c.text.split(/\s+/)[0]!.toLowerCase()) c = { ...c, text: told[1]!, index: c.index + c.text.length + told.index + told[0].length - told[1]!.length };
      }
      if (c) e.contact = c.text;
      const a = w.orgs.find((o) => (!c || o.index !== c.index) && !people.some((p) => p.index === o.index) && !/以后|今后|[别莫甭]$/u.test(o.text));
      if (a) e.account = a.text;
      break;
    }
    case 'correct_last': extractCorrection(w, e); break;
    case 'decision_chain': {
      const a = pickAccount(w);
      if (a) e.account = a.text;
      if (!/决策链|决策流程|chain/i.test(t)) { const r = firstRule(t, ROLE_RULES); if (r) e.role = r; }
      break;
    }
    default: break;
  }
  fillAccount(intent, w, e);
  // `去协和看王主任`: the verb after a place is no part of its name.
  if (e.account && /\p{Script=Han}/u.test(e.account)) e.account = e.account.replace(/(?<=\p{Script=Han}{2})(?:看|见|找|拜访|送|开会)$/u, '') || e.account;
  // `她说采购单还在走流程`: 在 before what is being done names no place.
  if (e.account && /^(?:走|做|办|跑|等|忙|开会|弄|搞|处理|审批|审核|申请|准备|考虑|研究|讨论|商量|谈|看|想|路上|休假|出差|进行|推进|流程)/u.test(e.account)) delete e.account;
  // `跟赵敏微信聊了两句，她说…`: how long they talked is no note; what was said after is.
  if (e.summary && /^(?:[一两几三]?句|几句话|一会儿?|一下|半天|会儿|几分钟|一阵子?|挺久|很久|好久)$/u.test(e.summary.trim())) {
    const at = w.t.indexOf(e.summary.trim());
    const rest = at >= 0 ? w.t.slice(at + e.summary.trim().length).replace(/^[\s,，;；。.]+/, '').replace(/[。.!！]+$/, '') : '';
    if (rest && /\p{Script=Han}{3}/u.test(rest)) e.summary = rest;
  }
  // `新增联系人 Zhou Hao，华山医院，采购科的`: the department someone is in, said as theirs, is their title.
  if (intent === 'create_contact' && !e.title) {
    const dept = /(?:^|[,，\s])(?:是)?(\p{Script=Han}{2,5}(?:科|部|处|室|办|中心))的(?:人)?(?=$|[,，。.\s])/u.exec(w.t);
    if (dept && !/医院|公司|药房|诊所|门诊/.test(dept[1]!)) e.title = dept[1]!;
  }
  // (`the deal of acme put it at 30K`: the deal is Acme's; the words that set the figure are no part of its name.)
  if (e.opportunity && /^[a-z]/i.test(e.opportunity)) {
    e.opportunity = e.opportunity.replace(/\s+(?:put|make|set|change|bump|move|update)\s+(?:it|that|this)(?:\s+(?:at|to|as|for))?\s*$/i, '')
      .replace(/^(?:the\s+)?(?:deal|opp(?:ortunity)?|opp)\s+(?:of|for|with|at)\s+(?=\S)/i, '') || e.opportunity;
  }
  // `人民医院骨科新来的主任叫马卫东`, `心内科的 黄志强主任`: a department said before a bare title, in the same clause, is that
  // title's (whatever words stand between them: 新来的, a space, the name).
  if (intent === 'create_contact' && e.title && new RegExp(`^(?:副|总|常务)?(?:${ZH_TITLES})$`, 'u').test(e.title)) {
    const at = w.t.indexOf(e.title);
    const clauses = at > 0 ? w.t.slice(0, at).split(/[,，。；;！!？?]/u) : [];
    // (`人民医院心内科的，黄志强主任`: the clause before, when it ends with the department, is said with this one.)
    const prev = clauses.length > 1 && /(?:科|部|处|室|中心)的?$/u.test(clauses[clauses.length - 2]!) ? clauses[clauses.length - 2]! : '';
    const clause = prev + (clauses[clauses.length - 1] ?? '');
    // (Not a department that is part of a place's name: `齐鲁眼科医院`.)
    const known = [...clause.matchAll(/((?:设备|采购|药剂|检验|心内|心外|内分泌|神经内|神经外|放射|影像|信息|财务|医务|护理|急诊|麻醉|病理|超声|妇产|皮肤|口腔|呼吸|消化|肾内|血液|肿瘤|康复|中医|眼|骨|儿|妇|外|内|牙)(?:科|部|处|室))(?![技学研普长员]|医院|门诊|诊所|中心|公司|大学|学院)/gu)];
    const depts = (known.length ? known : [...clause.matchAll(/(?<=^|[\s,，的]|医院|院)(\p{Script=Han}{1,4}?(?:科|部|处|室|中心))(?![技学研普长员]|医院|门诊|诊所|中心|公司|大学|学院)/gu)]).map((m) => m[1]!.replace(/^.*?(?:医院|公司|药房|诊所|门诊|院)(?=\p{Script=Han})/u, ''));
    const dept = depts.pop();
    if (dept && [...dept].length >= 2 && !/医院|公司|药房|诊所|门诊/u.test(dept) && !(e.account ?? '').includes(dept)) e.title = dept + e.title;
  }
  // (`设备科科长 他讲以后设备采购`: a part that is a clause someone said — a pronoun, a saying — is no title.)
  if (e.title && /\p{Script=Han}\s+\p{Script=Han}/u.test(e.title)) {
    const parts = e.title.trim().split(/\s+/).filter((x) => !/[他她]|讲|说|以后|都要|那里|那边/u.test(x));
    if (parts.length) e.title = parts.join(' ');
  }
  // `店长助理 哦说错了 是副店长`, `sales manager, no wait, sales director`: a title taken back gives way to the one said instead.
  if (e.title && /\s/.test(e.title.trim()) && /^\p{Script=Han}+(?:\s+\p{Script=Han}+)+$/u.test(e.title.trim())) {
    const parts = e.title.trim().split(/\s+/);
    // (The first as said, perhaps with 的 inside it: `设备科的科长`; the last without how they came to it: `上个月刚刚升的副处长`.)
    const bare = (x: string) => x.replace(/^.*?(?:科|部|处|室)(?=\p{Script=Han}{2})/u, '');
    const lastPart = parts[parts.length - 1]!;
    const first = Math.max(w.t.indexOf(parts[0]!), w.t.indexOf(bare(parts[0]!)));
    const last = w.t.lastIndexOf(lastPart);
    const instead = lastPart.replace(/^(?:(?:上个?月|这个?月|今年|去年|最近|前不久|前段时间|刚刚|刚|才)+)?(?:(?:升|提|调|当|做|改)(?:的|了|成|为)?)?/u, '') || lastPart;
    if (first >= 0 && last > first && /说错了|不对|搞错了|口误|弄错了|写错了|\b(?:no wait|sorry|i mean|i meant|scratch that|correction|rather)\b/i.test(w.t.slice(first, last))) e.title = instead;
    // (`药剂科的库管，对，就是库管`: the title said again to confirm it is the same title.)
    else if (parts.length === 2 && /^(?:对|对的|就是|是)+/u.test(lastPart) && parts[0]!.endsWith(lastPart.replace(/^(?:对|对的|就是|是)+/u, ''))) e.title = parts[0]!;
  }
  // `new contact at globex the new IT director dave swenson`: a title said just before the name, with its article, is theirs.
  if (intent === 'create_contact' && !e.title && e.contact && /^[a-z]/i.test(e.contact)) {
    const at = w.t.toLowerCase().indexOf(e.contact.toLowerCase());
    const lead = at > 0 ? /\b(?:the|our|their|a|an)\s+(?:new\s+)?((?:[A-Za-z&]+\s+){0,3}?[A-Za-z&]+)\s+$/i.exec(w.t.slice(0, at)) : null;
    const t = lead ? EN_TITLE_RE.exec(lead[1]!) : null;
    if (lead && t && t.index === 0 && t[0].length === lead[1]!.length) e.title = lead[1]!;
  }
  // `Bill's birthday is 14 May 1972`: the month read as a capitalised word is no account.
  if (e.birthday && e.account && /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$/i.test(e.account)) delete e.account;
  // (`now he is on position of Chief Operating Officer`, `works in the role of …`: the words for a position are no part of its title.)
  if (e.title && /[a-z]/i.test(e.title)) e.title = e.title.replace(/^(?:(?:on|in|at)\s+)?(?:the\s+)?(?:position|post|role|function|job|capacity)\s+(?:of|as)\s+(?=\S)/i, '') || e.title;
  // (`上周刚升的区域经理`: how and when they came to the title is no part of it.)
  if (e.title && /\p{Script=Han}/u.test(e.title)) e.title = e.title.replace(/^(?:(?:上个?月|上周|上个?礼拜|这个?月|今年|去年|最近|前不久|前段时间|前几天|刚刚|刚|才)+)(?:升|提|调|当|做|改)(?:的|了|成|为)?(?=\p{Script=Han}{2})/u, '') || e.title;
  // 升副院长啦: a sentence's particle ends no title.
  if (e.title) e.title = e.title.replace(/(?<=\p{Script=Han})(?:啦|了|咧|哈|呢|呀|啊|哦|喇|嘞|咯|喔|噢|啰|嘛|囖)+$/u, '') || e.title;
  // 提醒我明天给陈经理送新价格表啦: nor an action (了 can be part of one: 别忘了).
  // `…'bout the budget, forgot to put it in`: a remark about logging it late is no part of the note.
  if (e.summary && /[a-z]/i.test(e.summary)) e.summary = e.summary.replace(/\s*[,;.-]\s*(?:(?:i|we)\s+)?(?:forgot|forget|meant|wanted) to (?:put|log|add|enter|record|mention|say|note|tell you)\b.*$/i, '') || e.summary;
  // `约了下周二跟市一院李主任和张主任一块儿开会，…，到时候提醒我`: names cut out of the action (`和开会`) are put back:
  // the action is the message without the arranging, the day and the ask to be reminded.
  if (e.summary && intent === 'schedule_followup' && w.lang === 'zh' && /^(?:和|跟|与|同)(?=开|见|吃|聊|谈|碰|一起|一块|过)/u.test(e.summary)) {
    const whole = w.t.replace(/^(?:(?:记得|帮我|麻烦)?(?:提醒我|提醒一下|叫我)(?:一下)?)/u, '').replace(/^(?:已经|刚)?(?:约了|约好了?|定了|定好了?|安排了|预约了|说好了?)/u, '')
      .replace(/(?:下下?(?:周|礼拜|星期)[一二三四五六日天]?|明天|后天|大后天|今天|(?:周|礼拜|星期)[一二三四五六日天])(?:上午|下午|晚上|中午|早上)?(?:[\d一二三四五六七八九十]{1,3}点半?)?/u, '')
      .replace(/[,，\s]*(?:到时候?|届时)?(?:提醒我|叫我|通知我|提醒)(?:一下|一声)?(?:哦|哈|啊|吧|噻)?[.。!！]*$/u, '').replace(/^[,，\s]+|[,，.。\s]+$/gu, '');
    if (/\p{Script=Han}{4}/u.test(whole)) e.summary = whole;
  }
  if (e.summary && intent === 'schedule_followup' && w.lang === 'zh') e.summary = e.summary.replace(/[,，\s]*(?:到时候?|届时)$/u, '').replace(/^(?:约了|约好了?|定了|定好了?|安排了|说好了?)(?=\p{Script=Han}{2})/u, '') || e.summary;
  // 给赵敏发采购单那事儿不急哈，礼拜五整完就行: a remark on how (…就行) and "that matter" are no part of it either.
  if (e.summary && intent === 'schedule_followup') {
    e.summary = e.summary.replace(/(?:[,，]\s*(?:[^,，]{0,8}?(?:就行|就好|就可以|即可|就成|就完事)[了啦哈吧]?|(?:这|那)(?:个|件)?事(?:儿|情)?))+$/u, '')
      .replace(/(?<=\p{Script=Han}{2})(?:啦|咧|哈|呢|呀|啊|哦|咯|喔|噢|哟|嘛|捏)+[!！~～。.]*$/u, '')
      .replace(/(?<=\p{Script=Han}{3})(?:那|这)(?:个|件)?事(?:儿|情)?$/u, '') || e.summary;
    // (`市一院那主任要的资料,给送过去,记得`: the person said by a title alone is named apart; a word left by the ask, too.)
    if (w.lang === 'zh') {
      const bare = e.contact && /^(?:主任|医生|大夫|经理|科长|院长|老板|护士长|主管|总监|店长)$/u.test(e.contact) ? e.contact : '';
      const tidy = e.summary.replace(/[,，\s]*(?:记得|您|你|麻烦(?:您|你)?|请)$/u, '')
        .replace(bare ? new RegExp(`^(?:那|这|的)?(?:位|个)?${bare}(?:那里|那边|那儿|这里)?(?:要的)?`, 'u') : /(?!)/u, '')
        .replace(/^[,，\s]+/u, '');
      if (/\p{Script=Han}{2}/u.test(tidy)) e.summary = tidy;
    }
  }
  // `bill's not the one that signs off anymore…`: a first name opening the message, with 's, is whom it is about.
  if (!e.contact && (intent === 'update_contact' || intent === 'opt_out')) {
    const m = /^\s*([a-z]{3,})'s\s/i.exec(w.t);
    if (m && isFirstName(m[1]!.toLowerCase())) e.contact = m[1]!;
  }
  // `actually the procurement director` (actually = currently, a false friend), `现在副院长`: when is no part of the title.
  if (e.title) e.title = e.title.replace(/(?<=\p{Script=Han}[科部处室])(?:有|又来了?|来了|新来了?)(?:个|一个|一位|位)(?=\p{Script=Han}{2})/u, '').replace(/^(?:有|新来了?|来了)?(?:个|一个|一位|位)(?=\p{Script=Han}{2})/u, '').replace(/^(?:actually|currently|presently|now|at (?:the )?moment|right now)\s+(?:(?:is|as)\s+)?/i, '').replace(/^(?:现在|目前|如今|现任|当前)(?:是|为|当|做)?(?=\p{Script=Han}{2})/u, '') || e.title;
  // `bill not the one who sign off no more, he is now an influencer`: a first name opening the message is whom it is about.
  if (!e.contact && intent === 'update_contact' && e.role) {
    const m = /^\s*([a-z]{3,})\s+(?:is|'s|not|no|ain'?t|isn'?t)\b/i.exec(w.t);
    if (m && isFirstName(m[1]!.toLowerCase())) e.contact = m[1]!;
  }
  // `he's the new finance director`: the title, without the words that introduce it.
  // 职务采购主管, 职位：副主任: the word that says it is a title is no part of it.
  if (e.title) e.title = e.title.replace(/^(?:职务|职位|岗位|头衔|职称)\s*(?:是|为|[:：])?\s*(?=\p{Script=Han}{2})/u, '') || e.title;
  // `she is head of procurement actually`: a word of when said after the title is no part of it.
  if (e.title && /^[a-z]/i.test(e.title)) e.title = e.title.replace(/\s+(?:actually|now|currently|these days|at the moment|at present|as of now)$/i, '') || e.title;
  // `she's in procurement`: the department she is in is her title, without the `in`.
  if (e.title && /^(?:in|with|over in|on)\s+(?:the\s+)?(?!charge\b)[a-z]{3,}/i.test(e.title)) e.title = e.title.replace(/^(?:in|with|over in|on)\s+(?:the\s+)?/i, '');
  // `she da office manager` (Pidgin, no copula): the pronoun is no part of it either.
  if (e.title && /^[a-z]/i.test(e.title)) e.title = e.title.replace(/^(?:she|he|they)(?:'s|\s+(?:is|are|was|be))?\s+(?=(?:the|our|their|a|an)\s)/i, '');
  // (`shes vp of finance`, `she's just the finance manager there`, `shes there head of procurement` (their, dictated): the title alone.)
  if (e.title && /^[a-z]/i.test(e.title)) e.title = e.title.replace(/^(?:(?:she|he)s|s)\s+(?=\S)/i, '').replace(/^(?:just|only|basically|kind of|kinda|like)\s+/i, '').replace(/^(?:there|their)\s+(?=\S+\s+\S)/i, '').replace(/^(?:the|a|an)\s+(?=\S+\s+\S)/i, '') || e.title;
  // (`he is promoted CTO now`, `…a new contact at acme, vp of engineering`: the word for the change, or for the record, is no title.)
  if (e.title && /^[a-z]/i.test(e.title)) e.title = e.title.replace(/^(?:(?:been|got|was|is|get|gets|just)\s+)?(?:promoted|made|named|appointed|bumped up|moved up)(?:\s+(?:to|as))?\s+(?=\S)|^(?:new\s+)?contact\s+(?=\S)/i, '') || e.title;
  if (e.title) e.title = e.title.replace(/[,\s]+(?:lol|lmao|haha+|tbh|smh)\b.*$/i, '').replace(/\s+(?:there|over there)$/i, '') || e.title;
  // (`she works as procurement manager there`: what she works as.)
  if (e.title && /^[a-z]/i.test(e.title)) e.title = e.title.replace(/^(?:she|he|they)\s+(?:works?|worked|is working|serves?)\s+(?:as|like)\s+(?:the\s+|a\s+|an\s+|our\s+)?(.+?)(?:\s+(?:there|here|now|over there))?$/i, '$1');
  if (e.title && /^[a-z]/i.test(e.title)) e.title = e.title.replace(/^(?:(?:the|our|their|his|her|a|an)\s+)?(?:new\s+)?(?=\S+\s+\S|(?:CEO|CFO|CTO|COO|CIO|CMO|CPO|CISO|VP|SVP|EVP|GM|MD)\b)/i, '') || e.title;
  // Whatever else introduces or closes a title in English (`who's basically the`, `works in like`, `…there now tbh`,
  // `…innit`): words of a closed class, never part of a job title, taken off its edges until none is left.
  if (e.title && /^[a-z]/i.test(e.title)) e.title = titleEdges(e.title) || e.title;
  // `he is the responsible for the infrastructure` (a calque), `she's in charge of procurement`: what they answer for is their title.
  if (!e.title && (intent === 'create_contact' || intent === 'update_contact')) {
    const rf = /\b(?:he|she|they)(?:'s|\s+is|\s+was|\s+are)\s+(?:the\s+)?(?:one\s+)?(responsible|in charge)\s+(for|of)\s+(?:the\s+)?([a-z][\w&/-]*(?:\s+[a-z][\w&/-]*){0,4}?)(?=\s*(?:[,.;]|\band\b|\bbut\b|$))/i.exec(w.t);
    if (rf) e.title = `${rf[1]!.toLowerCase()} ${rf[2]!.toLowerCase()} ${rf[3]}`;
  }
  // `后日提我去市一院搵主任倾下进药目录`, `礼拜五去市一院给那个主任送资料`: a title alone, whom something is with at a place
  // named, is a person there to find (asked which, when several hold it).
  if (!e.contact && e.account && w.lang === 'zh' && (intent === 'schedule_followup' || intent === 'log_interaction')) {
    const bare = /(?:找|见|拜访|给|跟|和|约|问)(?:一下)?(?:那个|那位|这个|这位)?(主任|医生|大夫|经理|科长|院长|处长|老师|药师|护士长)(?!\p{Script=Han}{0,1}(?:医师|助理))/u.exec(w.t);
    if (bare && !new RegExp(`[${SURNAMES}]${bare[1]}`, 'u').test(w.t)) e.contact = bare[1]!;
  }
  // `Sarah at Acme tell me Tom doesn't want more surveys`: whoever was told of is the one who opts out, not who told.
  if (intent === 'opt_out' && w.lang === 'en') {
    const told = /\b(?:tells?|told|says?|said|mentioned|informed)\s+(?:me|us|mi)\s+(?:that\s+)?(\p{Lu}[\p{L}'-]+(?:\s\p{Lu}[\p{L}'-]+)?)\b/u.exec(w.t);
    if (told && told[1] !== e.contact && [...w.contacts, ...w.caps].some((c) => c.text === told[1] || c.text.startsWith(`${told[1]} `))) {
      e.contact = told[1]!;
      delete e.account;
    }
  }
  // `the CTO of Umbrella`: where they work is the account, not part of the title.
  // (Unless the "account" is a department: `Head of Digital`, `VP of Sales`.)
  if (e.title && e.account && !DEPARTMENT_WORD_RE.test(e.account)) e.title = e.title.replace(new RegExp(`\\s+(?:of|at|for|with|in)\\s+(?:the\\s+)?${escapeRe(e.account)}$`, 'i'), '') || e.title;
  const out: Entities = {};
  for (const k of ALLOWED[intent]) if (e[k] !== undefined) (out as Record<string, unknown>)[k] = e[k];
  return out;
}

const RISK_ABOUT_RE = /\b(?:why (?:is|are|'s)|what makes|how come)\s+([\w&.'-]+(?:\s+[\w&.'-]+){0,3}?)\s+(?:so\s+)?(?:at[- ]risk|flagged|red|risky|in the red|on the (?:at[- ])?risk list|going cold|cold)\b/i;

const TITLE_LEAD_RE = /^(?:(?:(?:her|his|their|the)\s+)?(?:designation|post|position|job title|title|role)(?:\s+is|\s*:)[\s,]*|(?:and|so|oh|ok|okay|she|he|they|who|whos|who's|shes|hes|she's|he's|s|is|was|are|be|been|becomes?|became|works?|working|worked|serves?|serving|as|like|just|only|basically|essentially|effectively|kinda|kind of|sort of|actually|currently|presently|now|really|officially|technically|apparently|still|also|the|a|an|our|their|there|his|her|(?:in|at|over)(?!\s+charge\b)|i think|i believe|i guess|i reckon|prob(?:ably)?|maybe)[\s,]+)+(?=\S)/i;
const TITLE_TAIL_RE = /(?:[\s,]+(?:there|here|now|lol|lmao|haha+|hehe|tbh|btw|fyi|apparently|i think|i believe|i guess|i reckon|innit|so (?:s?he|it) is|so (?:s?he|it) was|actually|currently|these days|at the moment|atm|too|as well|also|and all|and that|or something|or so|or whatever|anyway|ok|okay|mate|lah|la|lor|leh|ya|yeah|sir|pls|please|thanks|thx|cheers|ta|i think so|if i remember|iirc|afaik|nowadays|from (?:today|now on|this week|monday)|since (?:last week|monday|yesterday)|over|over there)[.!]*)+$/i;

/** A title without the closed-class words said around it. */
function titleEdges(title: string): string {
  let t = title.trim();
  for (let prev = ''; prev !== t;) {
    prev = t;
    t = t.replace(TITLE_LEAD_RE, '').replace(TITLE_TAIL_RE, '').trim();
  }
  return t;
}

/** A report, then in a later clause a complaint (`called Peter, he's complaining…`, `拜访了王主任，他投诉…`). */
const REMINDER_SENTENCE_RE = /^\s*(?:(?:and|then|also|so|pls|please|kindly|do|oh|ok|okay)[,\s]+)*(?:remind me|set (?:a |me a )?reminder|提醒我|回头提醒我?|记得提醒我?|(?:we|i|they|he|she)(?:'ll| will| are going to| am going to| is going to| plan to| agreed to)\b)/i;

/** A sentence that reports a contact that happened, then a later one that asks for a reminder or says what comes next. */
function reportBeforeReminder(t: string): boolean {
  // `帮我记一下 刘医生讲…，提醒我礼拜五给他打个电话`, `note: …. remind me friday to…`: a note asked for, then a reminder.
  if (/^(?:帮我|请|麻烦)?(?:记一下|记下|记个|备注)|^(?:pls |please )?(?:make a |take a |add a )?note\b/i.test(t) && /[，,。.;；:\s](?:嗯\s*)?(?:你\s*)?(?:提醒我|remind me)/i.test(t)) return true;
  const reported = (x: string) => {
    const kind = firstRule(x, TYPE_RULES);
    return (PAST_EN_RE.test(x) || PAST_ZH_RE.test(x)) && kind !== undefined && kind !== 'note';
  };
  const sentences = t.split(/(?<=[.!?。！？;；])\s*|\n+/);
  const at = sentences.findIndex((x, i) => i > 0 && REMINDER_SENTENCE_RE.test(x));
  if (at > 0 && sentences.slice(0, at).some(reported)) return true;
  // `已于今日上午拜访于科长，拟于下周一提交资料`, `昨日与于科长电话沟通，拟于下周三上门`: in Chinese a clause
  // that says what was done, then one that opens with what comes next.
  const clauses = t.split(/[，,；;]\s*/);
  const next = clauses.findIndex((x, i) => i > 0 && ZH_NEXT_CLAUSE_RE.test(x));
  if (next <= 0) return false;
  const done = clauses.slice(0, next).join(',');
  const said = ZH_DONE_RE.test(done) || (ZH_CONTACT_DONE_RE.test(clauses[0]!) && !ZH_AHEAD_RE.test(clauses[0]!));
  return said && !['note', undefined].includes(firstRule(done, TYPE_RULES));
}

/** 跟刘医生打了个电话, 拜访了王主任: a contact said with 了 (in a first clause that says no day ahead). */
const ZH_CONTACT_DONE_RE = /(?:打|通)了(?:个|一个|一通|通)?电话|(?:拜访|回访|见|约见|聊|谈|碰)了|(?:聊|谈|见|拜访)完|开完(?:了)?会|打完(?:了)?电话|开了(?:个|一个|一次)?会|去了(?:一)?趟/;
const ZH_AHEAD_RE = /明天|明早|明日|后天|下周|下礼拜|下星期|下个?月|待会|一会儿?|回头|准备|打算|计划|要去|将/;

/** A Chinese clause that says plainly it was done (已于, 已经, 昨日, 刚…了). */
const ZH_DONE_RE = /已于|已经|昨[天日]|前[天日]|日前|上周|刚刚?\S*了|^今天(?:上午|下午|中午)?(?:拜访|见了|约见了)|^(?:今天)?(?:上午|下午|中午|早上)?有(?:跟|和|同|去|到|见|拜访|打)/;
/** A Chinese clause that opens with what comes next (拟于…, 下周…, 届时…, 准备…). */
const ZH_NEXT_CLAUSE_RE = /^(?:(?:另|另外|并|再|然后|之后|后续)[:：]?\s*)?(?:拟|计划|准备|打算|下周|下礼拜|下星期|下个?月|明天|明日|后天|届时|到时候?(?:再|记得)?提醒|月底前?|周[一二三四五六日天]|\d{1,2}[号日]|[一两二三四五六七八九十\d]+(?:天|周|个?星期|个?月)(?:后|以后|之后))/;

const REPORT_THEN_COMPLAINT_RE = /(?:\b(?:called|phoned|rang|visited|met|spoke|talked|emailed|reached|had a (?:call|meeting)|was on the (?:phone|line))\b|^\s*(?:(?:a|quick|short|long)\s+)?(?:call|phone call|meeting|visit|chat|zoom|teams call)\s+with\b|拜访了?|打了?电话|见了|开了?会|去了)[\s\S]*?(?:[,，;；.。]|\s-\s|(?<=\p{Script=Han})\s(?=\p{Script=Han}))\s*[^,，;；.。]*(?:\bcomplain(?:ed|ing|s)?\b|\b(?:moan(?:ed|ing)?|whing(?:ed|eing|ing)|grumbl(?:ed|ing))\s+(?:about|that|over|on)\b|\b(?:is|'s|was|still) (?:fair |really |very |still )?(?:raging|fuming|livid|furious|seething|not happy|annoyed|upset|unhappy|angry|mad)\b|\b(?:(?:really|very|quite|pretty|super)\s+)?(?:upset|unhappy|angry|annoyed|fuming|furious|livid|frustrated|mad)\s+(?:about|that|over|with|at)\b|投诉|抱怨|不满|吐槽|反映(?=.{0,12}(?:问题|破损|坏|错|慢|差|不|漏|少|短|延迟|晚)))/iu;

/** Words that name a department, not a company (`Head of Digital`, `VP of Sales`). */
const DEPARTMENT_WORD_RE = /^(?:digital|sales|marketing|engineering|finance|operations|ops|procurement|purchasing|it|hr|people|product|design|research|growth|strategy|legal|compliance|customer success|data|analytics|technology|innovation|partnerships|supply chain|logistics|quality|pharmacy|nursing|security|support|services|training|communications|development|business development|infrastructure|platform|retail|manufacturing)$/i;

/** Intents whose account is any organisation the message names, when their own extractor found none. */
const ACCOUNT_FALLBACK = new Set<IntentName>(['log_interaction', 'schedule_followup', 'create_contact', 'update_contact', 'log_complaint', 'send_survey', 'decision_chain', 'list_at_risk', 'opt_out', 'create_opportunity']);

/** Entities first: an organisation found in the message is the account, whatever the intent's own extractor saw. */
function fillAccount(intent: IntentName, w: Analysis, e: Entities): void {
  if (e.account || !ACCOUNT_FALLBACK.has(intent)) return;
  const taken = [e.contact, e.rep, e.title, e.summary, ...(e.others ?? [])].filter((x): x is string => Boolean(x));
  const free = (sp: Span) => !taken.some((x) => x.includes(sp.text) || sp.text.includes(x));
  const org = w.orgs.find(free);
  if (org) { e.account = org.text; return; }
  if (intent === 'create_contact' && w.lang === 'zh') {
    // 新增联系人 李娜 小米 采购经理: the token that is neither the person, a title, a role nor a detail.
    // (协和新认识个人: where someone new was met, without the words that say so.)
    const tok = withoutContactCommand(w.t).split(/[\s,:：，。；;]+/).map((x) => x.split(/(?<=\p{Script=Han}{2})(?:新来|新认识|刚认识|新加)了?(?:个|一个|一位|的)(?=\p{Script=Han})/u)[0]!.replace(/(?:新认识|刚认识|新来|新加)了?(?:个|一个|一位|的)?(?:人|朋友)?$/u, '')
      // 市一院的: where someone is from, said with 的.
      .replace(/^(\p{Script=Han}{2,6})的$/u, '$1')).find((x) =>
      /^[\u4e00-\u9fa5A-Za-z]{2,8}$/.test(x) && free({ text: x, index: 0 }) && !new RegExp(`(?:${ZH_TITLES}|长|员|师|经理|主管|总监|采购|HR|IT|CEO|CFO|CTO|VP)$`, 'i').test(x)
      && !firstRule(x, ROLE_RULES) && !/^(?:帮我|帮忙|加|加个|新增|新建|添加|一个|联系人|生日|电话|手机|邮箱|微信|她是|他是|是|为|人|add|new|contact)/i.test(x) && !ZH_PERSON_LIKE.test(x)
      // "人挺好说话的": a remark about the person, not an organisation.
      && !/[挺很太真蛮超]|非常|比较|特别|的$|了$|吧$|呢$/.test(x)
      // (管采购那块的, 负责设备的: what someone looks after is no place.)
      && !/^(?:管|负责|做|搞|跑|主管)|那块|这块|方面$/u.test(x));
    if (tok) { e.account = withoutDept(tok); return; }
  }
  const cap = w.caps.find((c) => free(c) && !/^(?:Stop|Unsubscribe|Please|Pls)$/i.test(c.text));
  if (cap && intent !== 'opt_out') e.account = cap.text;
}

/** Factor on the model's probability when the cue cascade disagrees (chosen by cross-validation). */
/** A weekday said alone (周一, 礼拜五), not 上周一 / 下周一 / 这周一. */
const ZH_BARE_WEEKDAY_RE = /^(?:(?:周|星期|礼拜)[一二三四五六日天])\s*(?:上午|下午|晚上|中午)?\s*(?:去|赴|到|上)[^,，。;；]*?(?:拜访|看望|看一?下|见|找|约)/;
/** How sure a reading can be whose tense nothing in the message says: below the ask threshold. */
const TENSE_UNSAID = 0.55;
const DISAGREEMENT = Number(process.env.RAPPORT_NLU_DISAGREEMENT ?? 0.8);

/** Factor on a write the cue lexicons say nothing about (chosen by cross-validation). */
const UNSUPPORTED_WRITE = Number(process.env.RAPPORT_NLU_UNSUPPORTED ?? 0.9);

/** Below this probability the best reading is no reading at all. */
const NO_READING = 0.3;

/** With no reading, a guess is still offered when it has this much support. */
const NONE_ALTERNATIVE_MIN = 0.25;

/** Readings below this share of the best one are not offered as alternatives. */
const ALTERNATIVE_MIN = 0.08;

/** A cue rule this sure is an explicit command (see RULES). */
const COMMAND_RULE = 0.95;

export function parse(text: string, opts: ParseOptions = {}): ParseResult {
  const { result } = read(text, opts);
  const alternatives = result.alternatives?.map((a) => ({ ...a, entities: namesAsWritten(a.entities, text) }));
  return { ...result, entities: namesAsWritten(result.entities, text), ...(alternatives ? { alternatives } : {}) };
}

/** Names read from a message written in traditional characters, as written (`康寧醫院`): a new record keeps them so. */
function namesAsWritten(e: Entities, text: string): Entities {
  if (!text || toSimplified(text) === text) return e;
  const original = text.normalize('NFKC');
  const out: Entities = { ...e };
  if (e.account) out.account = asWritten(e.account, original);
  if (e.contact) out.contact = asWritten(e.contact, original);
  if (e.others) out.others = e.others.map((o) => asWritten(o, original));
  return out;
}

/**
 * A reading with what its confidence was decided on: the calibrator's inputs (absent where no
 * model scored it, or where a report and its follow-up were read as one) and the confidence the
 * model and the cue rules give before calibration. For fitting the calibrator (scripts/train-nlu.ts).
 */
export function read(text: string, opts: ParseOptions = {}): { result: ParseResult; inputs?: ReturnType<typeof inputs>; heuristic?: number } {
  const a = analyse(text, opts);
  if (!a) return { result: { intent: 'unknown', confidence: 0, language: detectLanguage(normalise(text ?? '')), entities: {} } };
  const model = loadModel();
  // What is read is chosen at the reading temperature; how sure it is, at the calibrated one.
  const ranked = model
    ? score(model, a.features, model.readingTemperature ?? model.temperature ?? 1).map((r) => ({ intent: r.intent as IntentName, p: r.p }))
    : [(({ intent, conf }) => ({ intent, p: conf }))(classify(a.t, a.lang, { hasEntity: a.hasEntity }))];
  const best = ranked[0]!;
  const sure = model ? score(model, a.features).map((r) => r.p) : ranked.map((r) => r.p);
  // The cue cascade is a second opinion: when it names another intent, the model's certainty is
  // worth less (wrong answers then fall below the ask threshold instead of being acted on).
  const first = model ? classify(a.t, a.lang, { hasEntity: a.hasEntity }) : { intent: best.intent, conf: best.p };
  const cascade = first.intent;
  // A write needs the cue lexicons on its side; a read may go on the model's word alone. An
  // explicit command (`log a call`, `undo`, `unsubscribe`) that the model also reads halves the doubt.
  const confidence =
    cascade === best.intent ? (first.conf >= COMMAND_RULE ? 1 - (1 - sure[0]!) * 0.5 : sure[0]!)
    : cascade === 'unknown' ? (INTENTS[best.intent].writes ? sure[0]! * UNSUPPORTED_WRITE : sure[0]!)
    : sure[0]! * DISAGREEMENT;
  // `周一去仁和拜访陈经理，商量备货`: a bare weekday in Chinese with no word saying done (了, 过, 已经) or to do
  // (要, 准备, 提醒, 下周…) can be last Monday's visit or next Monday's plan. Nothing says which: ask.
  // (So is `monday - visit peter at initech` said on a Wednesday: a note of last Monday's, or next Monday's plan.)
  const enUnsaid = (best.intent === 'log_interaction' || best.intent === 'schedule_followup') && a.lang === 'en' && enWeekdayUnsaid(a.t);
  const tenseUnsaid = enUnsaid || (best.intent === 'log_interaction' || best.intent === 'schedule_followup') && a.lang === 'zh'
    && ZH_BARE_WEEKDAY_RE.test(a.t) && !a.spans.some((x) => x.type === 'past') && !PAST_ZH_RE.test(a.t) && !PLAN_ZH_RE.test(a.t) && !FUTURE_RE.test(a.t) && !/要|想|(?<![术议例晚年展盛讲协学工委大开商])会(?![议场面谈客])|将|需|该|得|请|帮|给我|有|前|(?<![续签合制节])约|急|备注|记/.test(a.t);
  // `Last Thursday I visit Peter…`: a plan whose only day is one already past is no plan anyone can keep: ask.
  const pastOnlyPlan = best.intent === 'schedule_followup' && a.spans.some((x) => x.type === 'past') && !a.spans.some((x) => x.type === 'future' || x.type === 'duration') && !FUTURE_RE.test(a.t) && !PLAN_ZH_RE.test(a.t);
  // A report with a complaint said in it (`拜访了王主任，他投诉…`): logging it opens the complaint
  // too, so the two readings are one action and their weights add up. So does a report followed by
  // a sentence of its own that asks for a reminder or says what comes next (`Had a meeting with
  // Sarah on Monday… Remind me to chase it next Wednesday.`): logging the report makes the follow-up.
  const second = ranked[1];
  const pair = second && new Set([best.intent, second.intent]).size === 2 ? [best.intent, second.intent] : [];
  const combined = (pair.length > 0 && pair.every((i) => i === 'log_interaction' || i === 'log_complaint') && REPORT_THEN_COMPLAINT_RE.test(a.t))
    || (pair.length > 0 && pair.every((i) => i === 'log_interaction' || i === 'schedule_followup') && reportBeforeReminder(a.t));
  if (combined) {
    return { result: { intent: 'log_interaction', confidence: Math.round(Math.min(0.99, sure[0]! + sure[1]!) * 1000) / 1000, language: a.lang, entities: entitiesFor('log_interaction', a) } };
  }
  // So unsure that no reading is worth acting on: unknown, with the readings kept as alternatives.
  const none = model !== null && best.p < NO_READING;
  const intent = none ? 'unknown' : best.intent;
  const entities = none ? {} : entitiesFor(best.intent, a);
  const agreement = cascade === best.intent ? (first.conf >= COMMAND_RULE ? 'cmd' : 'agree') : cascade === 'unknown' ? (INTENTS[best.intent].writes ? 'unk-w' : 'unk-r') : 'dis';
  // The confidence weighs all the evidence at once (calibrator.ts); without a fitted calibrator,
  // the model's probability with the agreement factors above.
  const x = model ? inputs({
    p1: sure[0]!, p2: sure[1] ?? 0, heuristic: confidence, agreement, cascade: first.conf, intent, zh: a.lang === 'zh',
    writes: INTENTS[intent]?.writes ?? false, entities: Object.keys(entities).length, length: text.length, tenseUnsaid: tenseUnsaid || pastOnlyPlan,
  }, INTENT_LIST) : undefined;
  const calibrated = x && model?.calibrator ? calibrate(model.calibrator, x, confidence) : undefined;
  const sureOf = calibrated ?? confidence;
  const result: ParseResult = {
    intent,
    confidence: Math.round((tenseUnsaid || pastOnlyPlan ? Math.min(sureOf, TENSE_UNSAID) : sureOf) * 1000) / 1000,
    ...(process.env.DBG ? { agree: agreement, p: sure[0], p2: sure[1], fc: first.conf, tu: tenseUnsaid || pastOnlyPlan, heuristic: confidence } : {}),
    language: a.lang,
    entities,
  };
  const alternatives = (none ? ranked.slice(0, 2) : ranked.slice(1, 3))
    .filter((r) => r.p >= (none ? NONE_ALTERNATIVE_MIN : ALTERNATIVE_MIN) && r.intent !== 'unknown' && r.intent !== 'help' && r.intent !== 'cancel')
    .map((r) => ({ intent: r.intent, confidence: Math.round(r.p * 1000) / 1000, entities: entitiesFor(r.intent, a) }));
  // Said with no tense (`周一去仁和拜访陈经理`): the report and the plan are both offered.
  const other = tenseUnsaid ? (intent === 'log_interaction' ? 'schedule_followup' : intent === 'schedule_followup' ? 'log_interaction' : undefined) : undefined;
  if (other) {
    // (As likely as the reading itself, whatever the model's probability: nothing said tells them apart.)
    const kept = alternatives.filter((r) => r.intent !== other);
    alternatives.length = 0;
    const p = Math.round((ranked.find((r) => r.intent === other)?.p ?? 0) * 1000) / 1000;
    alternatives.push({ intent: other, confidence: Math.max(result.confidence, p), entities: entitiesFor(other, a) }, ...kept);
  }
  if (alternatives.length) result.alternatives = alternatives;
  return { result, ...(x ? { inputs: x } : {}), heuristic: confidence };
}

export default parse;


/**
 * Every entity found in a message, whatever it asks: the people, the account, a date (as `due`
 * when it lies ahead or `when` when it is past), an amount. Used to read answers to Rapport's own
 * questions (`maria at globex`, `tomorrow 3pm`, `20万`) as the kind of thing that was asked.
 */
/** The period a short message names (`上个月`, `last week`), for a question asked again of another period. */
export function periodSaid(text: string): Entities['period'] {
  return firstRule(normalise(text ?? ''), PERIOD_RULES);
}

export function extractEntities(text: string, opts: ParseOptions = {}): Entities {
  const now = opts.now ?? new Date();
  const tz = opts.tz ?? 'UTC';
  const t = normalise(text ?? '');
  const lang = detectLanguage(t);
  const e: Entities = {};
  if (!t) return e;
  const { contacts, orgs, caps } = findNames(t);
  const people = contacts.length ? contacts : caps.filter((c) => !orgs.length || c.index < orgs[0]!.index).slice(0, 1);
  if (people[0]) e.contact = people[0].text;
  if (people.length > 1) e.others = people.slice(1).map((p) => p.text);
  const org = orgs[0] ?? caps.find((c) => !people.includes(c));
  if (org) e.account = org.text;
  // `last monday`, `上周三`, `yesterday`: a past reading; otherwise the day ahead.
  const back = /\b(?:last|yesterday|ago|earlier)\b|上周|上个|昨天|前天|上礼拜|上星期/i.test(t);
  const amt = findAmount(t, lang);
  if (amt) { e.amount = amt.amount; e.currency = amt.currency; }
  const d = findDate(mask(t, [...contacts, ...orgs, ...(amt ? [amt.span] : [])]), { now, tz, lang, forward: !back, durations: false });
  // (`it is 32.5k now`: now says the figure changed, not a day anything is due.)
  if (d && !/^(?:(?:right |for |just )?now|现在|目前)$/i.test(d.text.trim())) { if (d.past) e.when = d.iso; else e.due = d.iso; }
  // Said along the way in an answer (`…and she signs off on the budget`, `…，比较急`).
  const role = roleSaid(t);
  if (role) e.role = role;
  const priority = firstMatchingRule(t, PRIORITY_RULES);
  if (priority) e.priority = priority;
  return e;
}
