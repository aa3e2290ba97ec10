// Words that say when, left unread. A date reader that does not know a way of saying a day or an
// hour (`round about twelve thirty`, `the morra at fower`, `二十号那天晚上`, `下晌`) falls back on a
// default — now, or 09:00 — and the record is stored at a time nobody said. Whatever the phrasing,
// the shape of such words can be seen: an hour after `at` or `around`, a number with `o'clock`,
// `点` or `号`, a weekday, a month with a day, a part of the day. When words of that shape are
// left over after every date the reader found, the date of a write is not certain: it is asked,
// not guessed.

import { findDate, type DateOptions } from './dates.ts';
import { MONTHS } from './spoken.ts';

const HOUR_WORD = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';
const ORDINAL_WORD = 'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|twenty[\\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirty[\\s-]first';
/** What may follow an hour (`at four`, `around 4, he…`, `at ten in the morning`) — not a quantity (`at two sites`, `about ten units`). */
const HOUR_ENDS = `(?=\\s*(?:$|[,.;:!?)\\-–—]|(?:in the (?:morning|afternoon|evening)|tonight|today|tomorrow|tmrw|yesterday|on|next|this|last|(?:mon|tues|wednes|thurs|fri|satur|sun)day|and|to|for|with|about|abt|re|regarding|pls|please|ok|okay|then|sharp|ish|or so|i|we|he|she|they|had|met|spoke|talked|called|rang|phoned|his|her|their|our|my|time|latest|at the latest)\\b))`;

type Kind = 'hour' | 'day';

const EN_SHAPES: { re: RegExp; kind: Kind }[] = [
  // `4pm`, `4 o'clock`, `10h30`, `3ish`, `four pm`, `four o'clock`
  { re: new RegExp(`\\b(?:\\d{1,2}(?:[:.]\\d{2})?|${HOUR_WORD})\\s*(?:a\\.?\\s?m\\.?|p\\.?\\s?m\\.?|o'?\\s?clock|ish)(?![a-z])|\\b\\d{1,2}h(?:[0-5]\\d)?\\b`, 'gi'), kind: 'hour' },
  // `at four`, `around 4`, `round about twelve thirty`, `bout ten`, `like 1`
  { re: new RegExp(`\\b(?:at|around|round|about|bout|like|by|till|until|before|after|from|@|~)\\s+(?:about\\s+|around\\s+)?(?:(?:[01]?\\d|2[0-3])(?:[:.][0-5]\\d)?(?![,.]?\\d)|(?:${HOUR_WORD})(?:[\\s-](?:fifteen|thirty|forty[\\s-]five|o'?\\s?clock))?|noon|midday|half (?:past|after) \\w+|quarter (?:past|to|after) \\w+)${HOUR_ENDS}`, 'gi'), kind: 'hour' },
  // `twelve thirty`, `four fifteen`
  { re: new RegExp(`\\b(?:${HOUR_WORD})[\\s-](?:fifteen|thirty|forty[\\s-]five)\\b(?!\\s+(?:minutes?|mins?|people|units?|k\\b|percent|%))`, 'gi'), kind: 'hour' },
  { re: /\b(?:noon|midday|midnight)\b/gi, kind: 'hour' },
  // `at fower pee em`, `around sevenish p m`: a word said as an hour, whatever its spelling
  { re: /\b(?:at|around|round|about|bout|by|@)\s+[a-z'-]+(?:\s+[a-z'-]+)?\s*(?:p\.?\s?m\.?|a\.\s?m\.|pee em|ay em)(?![a-z])/gi, kind: 'hour' },
  { re: /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:yesterday|today|tomorrow|tmrw|tonight)\b/gi, kind: 'day' },
  // `October the second`, `Oct 2`, `2 October`, `the 2nd of October`, `3/12`
  { re: new RegExp(`\\b(?:${MONTHS})\\.?\\s+(?:the\\s+)?(?:\\d{1,2}(?:st|nd|rd|th)?|${ORDINAL_WORD})\\b|\\b(?:\\d{1,2}(?:st|nd|rd|th)?|${ORDINAL_WORD})\\s+(?:of\\s+)?(?:${MONTHS})\\b|\\b\\d{1,2}/\\d{1,2}\\b`, 'gi'), kind: 'day' },
  // `on the 20th`, `the twentieth` (not `the second option`, `the 3rd floor`)
  { re: new RegExp(`\\b(?:on|by|since|from|until|till|before|after)\\s+the\\s+(?:\\d{1,2}(?:st|nd|rd|th)|${ORDINAL_WORD})\\b(?!\\s+(?:one|option|floor|time|site|quarter|round|person|version|draft|batch|order|item|page|step|visit|call|meeting|week|month|year|day))`, 'gi'), kind: 'day' },
];

const ZH_NUM = '[\\d零一二两三四五六七八九十]';
const ZH_SHAPES: { re: RegExp; kind: Kind }[] = [
  // `四点`, `4点半`, `两点一刻`, `十点钟`, `15时` — not `一点` (a little: 快一点, 便宜一点)
  { re: new RegExp(`(?:\\d{1,2}|[两二三四五六七八九十]|十[一二]|(?<=[午上晚早]|凌晨|夜里)一)\\s*[点點时時](?![心评子儿滴])(?:[半钟鐘]|${ZH_NUM}{1,3}分?|[一三]刻)?`, 'gu'), kind: 'hour' },
  // (Parts of the day that move the hour from the morning's default; `早上`, `清早` do not.)
  { re: /下午|中午|晚上|傍晚|凌晨|夜里|半夜|下晌|晌午|后晌|黑了|擦黑/gu, kind: 'hour' },
  // `二十号`, `3号`, `28日` — not `3号楼`, `2号线`, `日本`
  { re: new RegExp(`${ZH_NUM}{1,3}\\s*[号號](?![楼樓线線床房门門厅院码碼店仓倉位机機窗柜櫃])|${ZH_NUM}{1,3}\\s*日(?![本常子期程记記用])`, 'gu'), kind: 'day' },
  { re: /(?:周|星期|礼拜|禮拜|禮拜)[一二三四五六日天1-7]|[昨前今明后後][天儿兒个個日晚早]|大前天|大后天|大後天|上(?:个|個)?(?:周|礼拜|禮拜|星期)[一二三四五六日天1-7]?|下(?:个|個)?(?:周|礼拜|禮拜|星期)[一二三四五六日天1-7]?/gu, kind: 'day' },
];

const PREFERS_RE = /\b(?:prefers?|prefer(?:red|s)?|rather|best (?:time|reached)|reach(?:ed)?|available|likes?)\b[^.;!?]*$|(?:喜欢|最好|方便|习惯)[^。；！？]*$/iu;

/** The shapes of a day, as one-off tests (built once). */
const dayTests = (shapes: { re: RegExp; kind: Kind }[]) => shapes.filter((x) => x.kind === 'day').map(({ re }) => new RegExp(re.source, re.flags.replace('g', '')));
const EN_DAYS = dayTests(EN_SHAPES);
const ZH_DAYS = dayTests(ZH_SHAPES);

/** Whether `text` (normalised) says a day (`yesterday`, `monday`, `3号`, `周一`), not only an hour. */
export function saysDay(text: string): boolean {
  return (/\p{Script=Han}/u.test(text) ? [...ZH_DAYS, ...EN_DAYS] : EN_DAYS).some((re) => re.test(text))
    || /\b(?:last|next|this) (?:week|month)\b|\b\d+ days? ago\b|今天|明天|昨天|前天|后天|上周|下周|本周|这周/iu.test(text);
}

export interface UnreadTime {
  /** The words that say when and were not read. */
  text: string;
  kind: Kind;
}

/**
 * Words that say when in `text` (a message as normalised for reading) that no date read in it covers,
 * or null. An hour said near a date read with its hour (`friday after lunch, like 2 pm`) counts as read.
 */
export function unreadTime(text: string, o: Omit<DateOptions, 'forward' | 'durations'>): UnreadTime | null {
  if (!text) return null;
  const spans: { from: number; to: number; timed: boolean; iso: string }[] = [];
  let s = text;
  for (let k = 0; k < 6; k++) {
    const hit = findDate(s, { ...o, forward: true, durations: false });
    if (!hit || !hit.text) break;
    const from = hit.index;
    const to = hit.index + hit.text.length;
    if (to <= from) break;
    // (An hour read on its own right after a day read without one — `yesterday 11h`, `friday, 2ish` — was not
    // taken as that day's hour: it is left unread.)
    const day = spans[0];
    if (k > 0 && day && !day.timed && hit.timeCertain && !saysDay(hit.text) && from >= day.to && from - day.to <= 16 && !/[.;!?。；！？]/u.test(s.slice(day.to, from))
      && day.iso.slice(11, 16) !== hit.iso.slice(11, 16)) {
      s = s.slice(0, from) + ' '.repeat(to - from) + s.slice(to);
      continue;
    }
    spans.push({ from, to, timed: Boolean(hit.timeCertain), iso: hit.iso });
    s = s.slice(0, from) + ' '.repeat(to - from) + s.slice(to);
  }
  const shapes = o.lang === 'zh' || /\p{Script=Han}/u.test(text) ? [...ZH_SHAPES, ...EN_SHAPES] : EN_SHAPES;
  for (const { re, kind } of shapes) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const from = m.index;
      const to = m.index + m[0].length;
      if (to === from) { re.lastIndex++; continue; }
      // Read: inside (or overlapping) a date found.
      if (spans.some((x) => from < x.to && to > x.from)) continue;
      // An hour near a date read with its hour is that hour (the reader takes it without widening what it read).
      if (kind === 'hour' && spans.some((x) => x.timed && from >= x.from - 12 && from - x.to <= 40)) continue;
      // (`我上礼拜有个拜访一直冇录，补一下：上礼拜五上午10点…`: a week said bare, with a day of that week read, is that week.)
      if (kind === 'day' && /^(?:上|下|这|本)(?:个|個)?(?:周|礼拜|禮拜|星期)$/u.test(m[0].trim())
        && spans.some((x) => /^(?:上|下|这|本)(?:个|個)?(?:周|礼拜|禮拜|星期)[一二三四五六日天1-7]/u.test(text.slice(x.from, x.to)) && text.slice(x.from, x.from + 1) === m[0].trim()[0])) continue;
      // When someone likes to be reached is no date of anything (`she'd prefer we call after three`).
      if (kind === 'hour' && PREFERS_RE.test(text.slice(Math.max(0, from - 40), from))) continue;
      return { text: m[0].trim(), kind };
    }
  }
  return null;
}
