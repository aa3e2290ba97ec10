// Numbers as they are dictated or typed out in words — `three thirty pm`, `on the second`,
// `march third`, `twenty five k` — written as digits, so that the date and amount readers that
// know digits read them. Every replacement keeps the text's length (the digits are padded with
// spaces), so positions found in the result are positions in what was said.

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINAL_ONES = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const ORDINAL_TENS: Record<string, number> = { twentieth: 20, thirtieth: 30 };

const ONE_WORD = ONES.slice(1).join('|');
const TEN_WORD = TENS.slice(2).join('|');
/** 1–99 in words: `seven`, `twenty`, `thirty five`, `forty-two`. */
const CARDINAL = `(?:(?:${TEN_WORD})(?:[\\s-](?:${ONES.slice(1, 10).join('|')}))?|${ONE_WORD})`;
const ORDINAL = `(?:(?:twenty|thirty)[\\s-](?:${ORDINAL_ONES.slice(1, 10).join('|')})|${ORDINAL_ONES.slice(1).join('|')}|twentieth|thirtieth)`;
/** The months' names and short names, as a pattern (`jan`, `january`, `sept`). */
export const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const HOUR = ONES.slice(1, 13).join('|');
const MINUTES = `(?:o'?\\s?clock|oh[\\s-](?:${ONES.slice(1, 10).join('|')})|fifteen|thirty|forty[\\s-]five|(?:twenty|forty|fifty)(?:[\\s-](?:${ONES.slice(1, 10).join('|')}))?|ten)`;

/** `three thirty pm`, `two pm`, `four o'clock`. */
const TIME_RE = new RegExp(`\\b(${HOUR})(?:[\\s-](${MINUTES}))?\\s*(a\\.?\\s?m\\.?|p\\.?\\s?m\\.?)(?![a-z])|\\b(${HOUR})\\s+o'?\\s?clock\\b`, 'gi');
/** `monday at ten`, `at two in the afternoon`, `at ten thirty`: an hour in words after `at`, where a time ends. */
const AT_HOUR_RE = new RegExp(`(?<=\\b(?:at|(?:a?round|bout) about|around|round|bout)\\s+)(${HOUR})(?:[\\s-](${MINUTES}))?(?=\\s*(?:$|[,.;!?]|in the (?:morning|afternoon|evening)\\b|(?:tomorrow|today|tonight|yesterday|on|next|this|last|(?:mon|tues|wednes|thurs|fri|satur|sun)day|and|to|for|with|about|abt|re|regarding|remind|pls|please|ok|then|sharp|ish|i|we|he|she|they|had|met|spoke|talked|called|rang|phoned)\\b))`, 'gi');
/** `at 10h`, `à 14h30`, `demain 9h`: the hour written the French way. */
const H_TIME_RE = /(?<=\b(?:at|à|a|@|by|around|before|vers|from|until|till|tomorrow|today|yesterday|tonight|demain|hier|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s+)([01]?\d|2[0-3])h([0-5]\d)?\b/gi;
/** `on the second`, `by the fifteenth`, `march third`, `the 3rd of` is already digits. */
const ORDINAL_DAY_RE = new RegExp(`(\\b(?:on|by|until|till|before|since|from|after|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\\s+the\\s+|\\b(?:born(?: on)?|birthday(?: is)?|bday(?: is)?)\\s+(?:the\\s+)?(?=(?:${ORDINAL})\\s+of\\s+(?:${MONTHS})\\b)|\\b(?:${MONTHS})\\.?\\s+(?:the\\s+)?)(${ORDINAL})\\b|\\bthe\\s+(${ORDINAL})(?=\\s+of\\s+(?:${MONTHS})\\b)`, 'gi');
/** `the twentieth`, not `the second option`, `the third floor`, `the first of them`. */
const THE_ORDINAL_RE = new RegExp(`\\bthe\\s+(${ORDINAL})\\b(?!\\s+(?:one|ones|option|options|time|times|floor|floors|site|sites|quarter|round|rounds|person|people|contact|deal|deals|task|tasks|item|items|line|page|step|steps|place|half|week|weeks|month|months|year|years|day|days|visit|call|meeting|version|draft|batch|order|shipment|invoice|thing|things|guy|lady|of\\s+(?!(?:${MONTHS})\\b)))`, 'gi');
/** `nineteen seventy eight`, `nineteen eighty-four`: a year said in two parts, after a month or day. */
const YEAR_RE = new RegExp(`(?<=\\b(?:${MONTHS}|\\d{1,2}(?:st|nd|rd|th)?)[,\\s]+)(nineteen|twenty)[\\s-]+(${TEN_WORD}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[\\s-](?:${ONES.slice(1, 10).join('|')}))(?:[\\s-](${ONES.slice(1, 10).join('|')}))?\\b`, 'gi');
/** `twenty five k`, `thirty-five thousand`, `twelve grand`, `a hundred k`. */
const AMOUNT_RE = new RegExp(`\\b(${CARDINAL}|a|one)(?:\\s+hundred(?:\\s+and)?(?:\\s+(${CARDINAL}))?)?\\s*(k|grand|thousand|million|mil)\\b`, 'gi');

function cardinal(words: string): number {
  const w = words.toLowerCase().split(/[\s-]+/);
  let n = 0;
  for (const x of w) {
    const one = ONES.indexOf(x);
    const ten = TENS.indexOf(x);
    if (one >= 0) n += one;
    else if (ten >= 2) n += ten * 10;
    else if (x === 'a') n += 1;
  }
  return n;
}

function ordinal(words: string): number {
  const w = words.toLowerCase().split(/[\s-]+/);
  if (w.length === 2) return (w[0] === 'twenty' ? 20 : 30) + ORDINAL_ONES.indexOf(w[1]!);
  return ORDINAL_TENS[w[0]!] ?? ORDINAL_ONES.indexOf(w[0]!);
}

const suffix = (n: number) => (n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th');
/** `digits`, padded in front with spaces to the length of what it replaces (so what follows stays next to it). */
const pad = (digits: string, said: string) => (digits.length <= said.length ? ' '.repeat(said.length - digits.length) + digits : said);

function minutes(words: string | undefined): number {
  if (!words || /clock/i.test(words)) return 0;
  return cardinal(words.replace(/^oh[\s-]/i, ''));
}

/** Spoken times and days of the month as digits (same length). */
export function spokenDates(text: string): string {
  if (!/[a-z]/i.test(text)) return text;
  return text
    .replace(TIME_RE, (m, h: string | undefined, mi: string | undefined, ap: string | undefined, h2: string | undefined) => {
      const hour = ONES.indexOf((h ?? h2)!.toLowerCase());
      const mm = minutes(mi);
      const digits = `${hour}${mm ? `:${String(mm).padStart(2, '0')}` : ''}${ap ? ap.replace(/[.\s]/g, '').toLowerCase() : h2 ? ':00' : ''}`;
      return pad(digits, m);
    })
    .replace(AT_HOUR_RE, (m, h: string, mi: string | undefined) => {
      const mm = minutes(mi);
      return pad(`${ONES.indexOf(h.toLowerCase())}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`, m);
    })
    .replace(H_TIME_RE, (m, h: string, mi: string | undefined) => (mi ? `${h}:${mi}` : `${h} `))
    // (`called Hans the twentieth to…`: a day of the month said as an ordinal after `the`, where no thing counted follows.)
    .replace(THE_ORDINAL_RE, (m, ord: string) => {
      const n = ordinal(ord);
      return n >= 1 && n <= 31 ? pad(`the ${n}${suffix(n)}`, m) : m;
    })
    .replace(YEAR_RE, (m, c: string, t: string, o: string | undefined) => {
      const tens = /^oh/i.test(t) ? cardinal(t.replace(/^oh[\s-]/i, '')) : cardinal(o ? `${t} ${o}` : t);
      return pad(String((/^nineteen$/i.test(c) ? 1900 : 2000) + tens), m);
    })
    .replace(ORDINAL_DAY_RE, (m, lead: string | undefined, ord: string | undefined, ord2: string | undefined) => {
      const n = ordinal((ord ?? ord2)!);
      if (!(n >= 1 && n <= 31)) return m;
      return pad(`${lead ?? 'the '}${n}${suffix(n)}`, m);
    });
}

/** Spoken amounts as digits with their multiplier (`twenty five k` → `25k`), same length. */
export function spokenAmounts(text: string): string {
  if (!/[a-z]/i.test(text)) return text;
  return text.replace(AMOUNT_RE, (m, lead: string, rest: string | undefined, mult: string) => {
    const hundred = /hundred/i.test(m);
    const n = hundred ? cardinal(lead) * 100 + (rest ? cardinal(rest) : 0) : cardinal(lead);
    if (!n) return m;
    const unit = /^(?:k|grand|thousand)$/i.test(mult) ? 'k' : 'm';
    return pad(`${n}${unit}`, m);
  });
}

/** An address read out (`bill dot lumbergh at initech dot example`): the local part, `at`, a domain with a `dot` in it. */
const SPOKEN_EMAIL_RE = /\b([a-z0-9]+(?:\s+(?:dot|underscore|dash|hyphen)\s+[a-z0-9]+)*)\s+at\s+([a-z0-9-]+(?:\s+dot\s+[a-z0-9-]+)+)\b/gi;

/** Spoken e-mail addresses written as addresses, in a message that speaks of one (`new email it's …`). */
export function spokenEmails(text: string): string {
  if (!/\be-?mail|\bmail\b|\baddress\b/i.test(text) || !/\bdot\b/i.test(text)) return text;
  const joined = (s: string) => s.replace(/\s+dot\s+/gi, '.').replace(/\s+underscore\s+/gi, '_').replace(/\s+(?:dash|hyphen)\s+/gi, '-');
  return text.replace(SPOKEN_EMAIL_RE, (_m, local: string, domain: string) => `${joined(local).toLowerCase()}@${joined(domain).toLowerCase()}`);
}
