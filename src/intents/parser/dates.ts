/**
 * Date/time resolution for the deterministic parser.
 *
 * chrono-node does the lexical work; the time-zone math (wall clock in an IANA
 * zone <-> instant, offsets across DST) is done here with Intl.DateTimeFormat.
 */
import * as chrono from './chrono.ts';

import { tzOffsetMs, wallClock, wallToInstant, type Wall } from '../../domain/shared/time.ts';
import { spokenDates } from './spoken.ts';

export { wallClock, wallToInstant, type Wall };

/** Offset of `tz` from UTC at `instant`, in minutes (east positive). */
export function tzOffsetMinutes(instant: Date, tz: string): number {
  return Math.round(tzOffsetMs(instant, tz) / 60000);
}

const pad = (n: number, l = 2) => String(Math.abs(n)).padStart(l, '0');

/** ISO 8601 with the offset of `tz` at that instant, e.g. 2026-12-01T10:00:00+08:00. */
export function formatIso(instant: Date, tz: string): string {
  const w = wallClock(instant, tz);
  const off = tzOffsetMinutes(instant, tz);
  const sign = off >= 0 ? '+' : '-';
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

export function isoFromWall(y: number, mo: number, d: number, h: number, mi: number, tz: string): string {
  return formatIso(wallToInstant(y, mo, d, h, mi, tz), tz);
}

/** Add days to a civil date (no tz involved). */
function addDays(y: number, mo: number, d: number, n: number): [number, number, number] {
  const t = new Date(Date.UTC(y, mo - 1, d + n));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

export interface DateHit {
  iso: string;
  /** true when the resolved date is before today (local) */
  past: boolean;
  index: number;
  text: string;
  /** resolved date is today (local) */
  today?: boolean;
  timeCertain?: boolean;
}

const ZH_NUM: Record<string, number> = { 零: 0, 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 半: 0.5 };
export function zhNumber(s: string): number {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  if (s === '十') return 10;
  if (s.length === 2 && s[0] === '十') return 10 + (ZH_NUM[s[1]!] ?? 0);
  if (s.length === 2 && s[1] === '十') return (ZH_NUM[s[0]!] ?? 0) * 10;
  if (s.length === 3 && s[1] === '十') return (ZH_NUM[s[0]!] ?? 0) * 10 + (ZH_NUM[s[2]!] ?? 0);
  return ZH_NUM[s] ?? NaN;
}

// Durations: "1 day", "for a week", "3 days", "一天", "两周", "一周"
const DURATION_RE = /(?:\bfor\s+)?\b(a|an|one|two|three|\d+)\s*(day|days|week|weeks)\b|([一二两三四五六七八九十\d]+)\s*(天|周|个星期|星期)/i;
const EN_WORDNUM: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3 };
/** What may follow 年底/月底 used as a date; any other character makes it a noun's modifier (`确认了年底订货量`). */
const ZH_DATE_END = '(?=$|的(?:时候|那天|那会|前后|左右)|[前之再要送去见打回交签完做给来到以左吧了和或再就会得需把跟找约发我他她咱成关落结截付能可，。,.!！?？、；;]|\\s(?!\\s*(?:备货|订货|采购|盘点|冲量|任务|指标|目标|预算|计划|库存|结算|对账|的事)))';
const END_OF_MONTH_RE = new RegExp(`(?:(?<!一)下个?|本|这个?)?(月底|月末)${ZH_DATE_END}前?|\\bend of (?:the |next )?month\\b|\\bEOM\\b`, 'i');
const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_END_RE = /(明年)?(?<![\d号])(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月(?:底|末)|\bend(?:[- ]of)?[- ](january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b/i;
const AFTERNOON_RE = /下午|afternoon/i;
/** `thu eod`, `周四下班前`: the end of the working day, 17:00. */
const END_OF_DAY_RE = /\beod\b|\bend of (?:the )?day\b|\bclose of business\b|\bcob\b|下班前|下班之前/i;
const EVENING_RE = /晚上|今晚|昨晚|明晚|evening|tonight|last night/i;

const ID_CHAR = /[A-Za-z0-9-]/;

/**
 * A match glued inside a longer run of ASCII letters, digits and hyphens is part of an id or a
 * code, not a date: "3dec-4599" in 80e5c6cc-3dec-4599-…, "1dec7112", "feb4" in x-feb4-45.
 */
function insideToken(text: string, index: number, length: number): boolean {
  // Letters glued between digits on both sides ("1dec7112") read as a code, not a date.
  if (/\d[A-Za-z]{3,}\d/.test(text.slice(index, index + length))) return true;
  let start = index;
  let end = index + length;
  // (`下周二follow up`: a run glued to a Chinese character continues nothing.)
  while (start > 0 && ID_CHAR.test(text[start]!) && ID_CHAR.test(text[start - 1]!)) start--;
  while (end < text.length && ID_CHAR.test(text[end - 1]!) && ID_CHAR.test(text[end]!)) end++;
  if (start === index && end === index + length) return false;
  // Only when the run really continues past the match with letters or digits.
  return /[A-Za-z0-9]/.test(text.slice(start, index)) || /[A-Za-z0-9]/.test(text.slice(index + length, end));
}

/** `the budget for next year`, `明年的预算`: a period a thing is for, not a day anything happens. */
const PERIOD_NOT_DATE_RE = /(?<=\b(?:budget|plan|plans|planning|forecast|targets?|quota|headcount|roadmap|strategy|pricing|volumes?|orders?|needs|requirements|spend|allocation|tender|contract|renewal)\s+)for\s+(?:next|this|the coming)\s+(?:year|quarter|fiscal year|fy)\b|\b(?:next|this) (?:year|quarter)'s\b|(?:明年|今年|下个?季度|下半年|明年上半年)的(?=\p{Script=Han})/giu;
const VERB_NOT_DATE_RE = /\bin a (?:minute|min|sec(?:ond)?|bit|moment|jiffy|tick)\b|\bsat(?=\s+(?:down|in|with|through|back|around|together|on|at|for|next|by)\b)|\bmay(?=\s+(?:want|need|have|be|not|just|also|still|ask|come|take|get|go|try|call|send)\b)/gi;

/** `Jun Villanueva`, `Jan Novak`: a month's name before a capitalised name, with no day said with it, is a given name. */
const MONTH_AS_NAME_RE = /(?<!\d\s*|\b(?:in|of|by|early|late|mid|end|since|until|till|from|before|after|next|last|this|come|during|around|for)\s+)\b(?:Jan|Jun|June|Mar)(?=\s+(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|The|This|Next|Last|End)\p{L}*)\p{Lu}\p{Ll}+)/gu;

export interface DateOptions {
  now: Date;
  tz: string;
  lang: 'en' | 'zh';
  forward: boolean;
  /** treat bare durations ("1 day", "推迟两天") as offsets from today */
  durations: boolean;
}

/**
 * Find the first date/time expression in `text` (already masked of names).
 * Date without a certain time -> 09:00 local (15:00 for afternoon, 19:00 evening).
 */
/** A day said after a time (`…at 3pm tomorrow`): the time is that day's, not the one read before it. */
const OTHER_DAY_RE = /\b(?:today|tomorrow|tmrw|tonight|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day|next|last|week|month|\d{1,2}(?:st|nd|rd|th))\b/i;

export function findDate(text: string, o: DateOptions): DateHit | undefined {
  // (The date is read in a copy whose words may be put otherwise at the same length: its text is told as written.)
  let hit = readDate(text, o);
  // `friday after lunch, like 2 pm`, `monday morning - 10am works`: a day read without its hour, and an hour with am/pm said a
  // few words on (in the same sentence), is that day at that hour.
  if (hit && !hit.timeCertain && !/\p{Script=Han}/u.test(hit.text)) {
    const after = text.slice(hit.index + hit.text.length, hit.index + hit.text.length + 40).split(/[.;!?]\s/)[0]!;
    const at = /^[^\d]{0,30}?\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)(?![a-z])/i.exec(after);
    // (Not an hour that goes with another day said in that sentence: `met Tom yesterday, call him at 3pm tomorrow`.)
    if (at && Number(at[1]) >= 1 && Number(at[1]) <= 12 && !OTHER_DAY_RE.test(after)) {
      const w = wallClock(new Date(hit.iso), o.tz);
      const h = (Number(at[1]) % 12) + (/^p/i.test(at[3]!) ? 12 : 0);
      hit = { ...hit, iso: isoFromWall(w.year, w.month, w.day, h, Number(at[2] ?? 0), o.tz), timeCertain: true };
    } else if (!OTHER_DAY_RE.test(after)) {
      // (`tmrw after lunch, like 1`: a rough hour with no am or pm is a working hour — 1 to 6 after noon.)
      const rough = /^[^\d]{0,24}?\b(?:like|around|about|say|bout|maybe|at)\s+(\d{1,2})(?::(\d{2}))?(?:ish)?(?=\s*(?:[,.;!?]|$|or so\b|o'?clock\b))/i.exec(after)
        ?? /^[^\d]{0,24}?\b(\d{1,2})(?::(\d{2}))?\s*o'?clock\b/i.exec(after);
      const n = rough ? Number(rough[1]) : 0;
      if (rough && n >= 1 && n <= 12) {
        const w = wallClock(new Date(hit.iso), o.tz);
        const h = n === 12 ? 12 : n <= 6 ? n + 12 : n;
        hit = { ...hit, iso: isoFromWall(w.year, w.month, w.day, h, Number(rough[2] ?? 0), o.tz), timeCertain: true };
      }
    }
  }
  return hit && hit.text.length && text.length >= hit.index + hit.text.length ? { ...hit, text: text.slice(hit.index, hit.index + hit.text.length) } : hit;
}

function readDate(text: string, o: DateOptions): DateHit | undefined {
  // `thursday 3/12`, `thursday 12/3`: a date in figures said with its weekday is the one that falls on that weekday,
  // month first or day first (3 December either way), within half a year of today.
  const wf = /\b(mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(\d{1,2})\/(\d{1,2})(?![\d/])/i.exec(text);
  if (wf) {
    const want = ['sun', 'mon', 'tues', 'wednes', 'thurs', 'fri', 'satur'].indexOf(wf[1]!.toLowerCase());
    const w = wallClock(o.now, o.tz);
    const today = Date.UTC(w.year, w.month - 1, w.day);
    const on = ([mo, d]: [number, number]) => [w.year, w.year + 1, w.year - 1].map((y) => ({ y, mo, d, t: Date.UTC(y, mo - 1, d) }))
      .find((c) => mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && new Date(c.t).getUTCMonth() === mo - 1
        && new Date(c.t).getUTCDay() === want && Math.abs(c.t - today) <= 200 * 86_400_000);
    const c = on([Number(wf[2]), Number(wf[3])]) ?? on([Number(wf[3]), Number(wf[2])]);
    if (c) {
      const around = text.slice(wf.index + wf[0].length, wf.index + wf[0].length + 24);
      const h = AFTERNOON_RE.test(around) ? 15 : EVENING_RE.test(around) ? 19 : 9;
      return { iso: isoFromWall(c.y, c.mo, c.d, h, 0, o.tz), past: c.t < today, today: c.t === today, timeCertain: false, index: wf.index, text: wf[0] };
    }
  }
  // `day after tomorrow morning`: read as `the day after tomorrow…`, where the hit found is told in this text's places.
  const dat = /(?<!\bthe\s)\bday (?:after (?:tomorrow|tmrw|tmr)|before yesterday)\b/i.exec(text);
  if (dat) {
    const hit = findDate(`${text.slice(0, dat.index)}the ${text.slice(dat.index)}`, o);
    if (hit && hit.index >= dat.index + 4) return { ...hit, index: hit.index - 4 };
    if (hit && hit.index === dat.index && /^the /i.test(hit.text)) return { ...hit, text: hit.text.slice(4) };
    if (hit && hit.index + hit.text.length <= dat.index) return hit;
  }
  // `Monday 23rd`, `friday the 27th`: a weekday and a day of the month it falls on (this month, the
  // next or the last) is that day, behind or ahead (read as its ISO date, same length or padded).
  const wd = /\b(mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\b(?![/.]\d)(?!\s*(?::\d|am\b|pm\b|hours?\b|days?\b|weeks?\b|o'?clock\b|号|日))/i.exec(text);
  if (wd) {
    const wall = wallClock(o.now, o.tz);
    const want = ['sun', 'mon', 'tues', 'wednes', 'thurs', 'fri', 'satur'].indexOf(wd[1]!.toLowerCase());
    const day = Number(wd[2]);
    for (const add of [0, 1, -1]) {
      const first = new Date(Date.UTC(wall.year, wall.month - 1 + add, 1));
      const y = first.getUTCFullYear(), m = first.getUTCMonth();
      const date = new Date(Date.UTC(y, m, day));
      if (date.getUTCMonth() !== m || date.getUTCDay() !== want) continue;
      const iso = `${y}-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const hit = findDate(text.slice(0, wd.index) + iso.padEnd(wd[0].length, ' ') + text.slice(wd.index + wd[0].length), o);
      if (hit && hit.index === wd.index) return { ...hit, text: text.slice(hit.index, hit.index + Math.max(hit.text.length, wd[0].length)).trimEnd() };
      break;
    }
  }
  // "sat down with Wei Ling", "may want to": verbs spelt like a weekday or a month are no date.
  // 松了一点, 快一点儿, 一点点: "a little", no one o'clock (same length, so indices hold).
  text = text.replace(/(?<=[了有快慢多少好高低松紧大小早晚贵宜便强弱差后推挪延迟移前])一点(?![钟半\d零一二三四五六七八九十前后左过整])|一点(?=儿|点)/gu, (m) => ' '.repeat(m.length));
  // `yesterday already, at 4 in the afternoon`: a filler word between the day and its time (same length).
  text = text.replace(/(?<=\b(?:yesterday|today|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s+)(?:already|then|actually|though)(?=,?\s+at\s+\d)/gi, (m) => ' '.repeat(m.length));
  // `October the 2nd`: a month, then its day with `the` (same length).
  text = text.replace(/(?<=\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?)\s+the(?=\s+\d{1,2}(?:st|nd|rd|th)\b)/gi, (m) => ' '.repeat(m.length));
  // `the 2nd of this month`: the day of this month (same length, so indices hold).
  text = text.replace(/(?<=\b\d{1,2}(?:st|nd|rd|th)?\s+)of (?:this|the current) month\b/gi, (m) => ' '.repeat(m.length));
  // `sat with Tom for an hour or so`, `talked for 20 minutes`: how long something lasted is no time of day (same length).
  text = text.replace(/\bfor\s+(?:about\s+|around\s+|like\s+|nearly\s+|almost\s+|over\s+|a good\s+)?(?:an?|one|two|three|four|\d+|half an?|a couple of|a few|an? hour and a half)\s+(?:hours?|hrs?|mins?|minutes?)(?:\s+or so)?\b/gi, (m) => ' '.repeat(m.length));
  // `tomorrow morning about ten`, `friday around 3pm`, `monday bout 10`: an hour said roughly after a day is that hour (same length).
  text = text.replace(/(?<=\b(?:today|tomorrow|tmrw|tonight|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day|morning|afternoon|evening|noon|lunch|lunchtime)[,]?\s+)(?:(?:around|round|roun) about|about|around|round|bout|roun|approx\.?|approximately|circa|~|like|say|maybe)(?=\s*(?:\d{1,2}(?::\d{2})?(?![\d:])|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)(?:\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock|ish))?\s*(?:[,.;!?]|$|in the\b|to\b|for\b|about\b|with\b|and\b))/gi, (m) => 'at'.padEnd(m.length, ' '));
  // 周五两点半, 礼拜一三点: an hour in one character right after a weekday is read apart from it, as a digit (same length).
  text = text.replace(/(?<=(?:周|星期|礼拜)[一二三四五六日天])[一二两三四五六七八九](?=\s*[点:：时])/gu, (m) => String('一二三四五六七八九'.indexOf(m === '两' ? '二' : m) + 1));
  // 本月3号, 这个月3号: the day of this month (same length, so indices hold).
  text = text.replace(/(?:本|这个?|当)月(?=\s*(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[号日])/gu, (m) => ' '.repeat(m.length));
  text = spokenDates(text).replace(VERB_NOT_DATE_RE, (m) => ' '.repeat(m.length)).replace(MONTH_AS_NAME_RE, (m) => ' '.repeat(m.length)).replace(PERIOD_NOT_DATE_RE, (m) => ' '.repeat(m.length))
    // `tomorrow by 3pm`, `friday before noon`: the time the day's deadline falls at (same length, so indices hold).
    // `for two days ago` (Swedish `för två dagar sedan`): ago, not a stretch of time.
    .replace(/\bfor(?=\s+(?:a|an|one|two|three|four|five|six|seven|\d+|a couple of|a few)\s+(?:days?|weeks?|months?|hours?)\s+ago\b)/gi, '   ')
    .replace(/\b((?:to(?:day|morrow|night)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|the \d{1,2}(?:st|nd|rd|th))\s+)(by|before)(?=\s+(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)|noon)\b)/gi, (_m, d: string, w: string) => d + 'at' + ' '.repeat(w.length - 2));
  const nowWall = wallClock(o.now, o.tz);
  const todayKey = nowWall.year * 10000 + nowWall.month * 100 + nowWall.day;

  // `1月底`, `明年1月底`, `end of january`: the last day of that month (this year's, or next year's once it has passed).
  const mm = MONTH_END_RE.exec(text);
  if (mm) {
    const raw = mm[2] ?? mm[3]!;
    const mo = /^\d+$/.test(raw) ? Number(raw) : EN_MONTHS.indexOf(raw.slice(0, 3).toLowerCase()) + 1 || zhNumber(raw);
    if (mo >= 1 && mo <= 12) {
      const y = mm[1] || mo < nowWall.month ? nowWall.year + 1 : nowWall.year;
      const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
      return { iso: isoFromWall(y, mo, last, 9, 0, o.tz), past: false, index: mm.index, text: mm[0] };
    }
  }
  // 下个月15号, 下月三号: that day of the month after this one.
  const nd = /(?<!一)下个?月\s*(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[号日](?!\s*(?:上午|下午|早上|中午|晚上|[\d一二三四五六七八九十]+\s*点))/u.exec(text);
  if (nd) {
    const day = /^\d+$/.test(nd[1]!) ? Number(nd[1]) : zhNumber(nd[1]!);
    const [y, mo] = nowWall.month === 12 ? [nowWall.year + 1, 1] : [nowWall.year, nowWall.month + 1];
    if (day >= 1 && day <= new Date(Date.UTC(y, mo, 0)).getUTCDate()) {
      return { iso: isoFromWall(y, mo, day, 9, 0, o.tz), past: false, index: nd.index, text: nd[0] };
    }
  }
  // 上个月二十八号, 上月3号: that day of the month before this one.
  const ld = /上个?月\s*(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[号日](?!\s*(?:上午|下午|早上|中午|晚上|[\d一二三四五六七八九十]+\s*点))/u.exec(text);
  if (ld) {
    const day = /^\d+$/.test(ld[1]!) ? Number(ld[1]) : zhNumber(ld[1]!);
    const [y, mo] = nowWall.month === 1 ? [nowWall.year - 1, 12] : [nowWall.year, nowWall.month - 1];
    if (day >= 1 && day <= new Date(Date.UTC(y, mo, 0)).getUTCDate()) {
      return { iso: isoFromWall(y, mo, day, 9, 0, o.tz), past: true, index: ld.index, text: ld[0] };
    }
  }
  const m = END_OF_MONTH_RE.exec(text);
  if (m) {
    // 下个月底, `end of next month`: the month after this one.
    const next = /下个?月|next month/i.test(m[0]) ? 1 : 0;
    const [y, mo] = nowWall.month + next > 12 ? [nowWall.year + 1, 1] : [nowWall.year, nowWall.month + next];
    const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    return { iso: isoFromWall(y, mo, last, 9, 0, o.tz), past: false, index: m.index, text: m[0] };
  }

  if (o.durations) {
    const dm = DURATION_RE.exec(text);
    if (dm && !/\bin\s+$/i.test(text.slice(0, dm.index)) && !text.slice(dm.index, dm.index + dm[0].length + 1).endsWith("后")) {
      const nRaw = dm[1] ?? dm[3]!;
      const n = EN_WORDNUM[nRaw.toLowerCase()] ?? zhNumber(nRaw);
      const unit = (dm[2] ?? dm[4]!).toLowerCase();
      const days = n * (/week|周|星期/.test(unit) ? 7 : 1);
      if (Number.isFinite(days)) {
        const [y, mo, d] = addDays(nowWall.year, nowWall.month, nowWall.day, days);
        return { iso: isoFromWall(y, mo, d, 9, 0, o.tz), past: false, index: dm.index, text: dm[0] };
      }
    }
  }

  const rel = relative(text, o, nowWall);
  const hit = chronoDate(text, o, nowWall, todayKey);
  const out = rel && (!hit || rel.index <= hit.index) ? rel : hit;
  // `tomorrow pm`, `friday am`: the part of the day, written short after a day with no hour.
  const half = out && !out.timeCertain ? /^\s*(am|pm)\b/i.exec(text.slice(out.index + out.text.length)) : null;
  if (out && half) {
    const w = wallClock(new Date(out.iso), o.tz);
    return { ...out, iso: isoFromWall(w.year, w.month, w.day, half[1]!.toLowerCase() === 'pm' ? 15 : 9, 0, o.tz), text: out.text + half[0] };
  }
  return out;
}

const ZH_N = '[一二两三四五六七八九十半\\d]+';
/** `next week` / `下周` (no weekday after it) = next Monday; `下下周` the one after. */
const NEXT_WEEK_RE = /\bnext week\b(?!\s*(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun))|下下(?:周|个?星期|个?礼拜)(?![一二三四五六日天])|下(?:周|个?星期|个?礼拜)(?![一二三四五六日天末])/i;
/** `in 2 weeks`, `2 weeks from now`, `两周后`, `过两天`, `一个星期以后`. */
const IN_N_RE = new RegExp(`\\bin\\s+(a|an|one|two|three|four|five|six|\\d+)\\s+(days?|weeks?|wks?|months?)\\b|\\b(a|an|one|two|three|four|\\d+)\\s+(days?|weeks?|wks?)\\s+from now\\b|(?:过|再过)(${ZH_N})(天|周|个?星期|个?礼拜|个月)(?:后|以后|之后)?|(${ZH_N})(天|周|个?星期|个?礼拜|个月)(?:后|以后|之后)`, 'i');
const EN_N: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
/** `tomorrow night`, `明晚`, `今晚`: 19:00 (unless an hour is said with it: `tomorrow evening 6pm`, `明晚7点`). */
const NIGHT_RE = /(?:\b(?:tomorrow|tmrw) (?:night|evening)\b|明晚|明天晚上|今晚|\btonight\b)(?!\s*(?:(?:at|around|about)\s*\d{1,2}(?::\d\d)?\b|\d{1,2}(?::\d\d)?\s*(?:am|pm|o'?clock|点|時|时)|[一二三四五六七八九十]{1,3}\s*点))/i;
const END_OF_QUARTER_RE = /\b(?:end of|by the end of|by end of)\s+(?:the\s+)?(?:q([1-4])|quarter)\b|\bEOQ\b|(?:本季度|这个?季度)?(?:季度末|季末|季度底)/i;
const END_OF_WEEK_RE = /\bEOW\b|\b(?:by |before )?(?:the )?end of (?:the |this )?week\b/i;
const END_OF_YEAR_RE = new RegExp(`\\bend of (?:the )?year\\b|\\bEOY\\b|(?:年底|年末)${ZH_DATE_END}`, 'i');

/** Relative dates the GUIDE defines and chrono reads otherwise (chrono's `next week` is a week from today). */
function relative(text: string, o: DateOptions, now: Wall): DateHit | undefined {
  const hits: DateHit[] = [];
  const at = (days: number, h: number, m: RegExpExecArray): DateHit => {
    const [y, mo, d] = addDays(now.year, now.month, now.day, days);
    return { iso: isoFromWall(y, mo, d, h, 0, o.tz), past: days < 0, today: days === 0, timeCertain: false, index: m.index, text: m[0] };
  };
  let m: RegExpExecArray | null;
  if ((m = NEXT_WEEK_RE.exec(text))) {
    const dow = new Date(Date.UTC(now.year, now.month - 1, now.day)).getUTCDay(); // 0 = Sunday
    const toMonday = ((8 - dow) % 7) || 7;
    hits.push(at(toMonday + (m[0].startsWith('下下') ? 7 : 0), 9, m));
  }
  if ((m = IN_N_RE.exec(text))) {
    const raw = (m[1] ?? m[3] ?? m[5] ?? m[7])!.toLowerCase();
    const n = EN_N[raw] ?? zhNumber(raw);
    const unit = (m[2] ?? m[4] ?? m[6] ?? m[8])!.toLowerCase();
    if (Number.isFinite(n) && n > 0) {
      if (/month|月/.test(unit)) {
        const t = new Date(Date.UTC(now.year, now.month - 1 + Math.round(n), now.day));
        const iso = isoFromWall(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), 9, 0, o.tz);
        hits.push({ iso, past: false, timeCertain: false, index: m.index, text: m[0] });
      } else hits.push(at(Math.round(n * (/w|周|星期|礼拜/.test(unit) ? 7 : 1)), 9, m));
    }
  }
  if ((m = NIGHT_RE.exec(text))) hits.push(at(/今晚|tonight/i.test(m[0]) ? 0 : 1, 19, m));
  if ((m = END_OF_WEEK_RE.exec(text))) {
    // `EOW`, `end of the week`, `周末前`: this week's Friday (next week's once Friday has come).
    const dow = new Date(Date.UTC(now.year, now.month - 1, now.day)).getUTCDay();
    hits.push(at(dow < 5 ? 5 - dow : 12 - dow, 9, m));
  }
  if ((m = END_OF_YEAR_RE.exec(text))) {
    hits.push({ iso: isoFromWall(now.year, 12, 31, 9, 0, o.tz), past: false, timeCertain: false, index: m.index, text: m[0] });
  }
  if ((m = END_OF_QUARTER_RE.exec(text))) {
    // `end of q1` (the next one that has not ended), `end of the quarter`, `季度末`: its last day.
    const q = m[1] ? Number(m[1]) : Math.ceil(now.month / 3);
    const y = q * 3 < now.month ? now.year + 1 : now.year;
    const last = new Date(Date.UTC(y, q * 3, 0)).getUTCDate();
    hits.push({ iso: isoFromWall(y, q * 3, last, 9, 0, o.tz), past: false, timeCertain: false, index: m.index, text: m[0] });
  }
  return hits.sort((a, b) => a.index - b.index)[0];
}

function chronoDate(text: string, o: DateOptions, nowWall: Wall, todayKey: number): DateHit | undefined {
  const ref = { instant: o.now, timezone: tzOffsetMinutes(o.now, o.tz) };
  const parser = o.lang === 'zh' || /\p{Script=Han}/u.test(text) ? chrono.zh.hans : chrono.en;
  let results = parser.parse(text, ref, { forwardDate: o.forward });
  if (results.length === 0 && parser !== chrono.en && /[a-z]{3}/i.test(text)) {
    results = chrono.en.parse(text, ref, { forwardDate: o.forward });
  }
  // `last thursday` is behind us even where dates are read forward: chrono would move it ahead.
  if (o.forward && results.some((x) => /\b(?:last|past|previous)\s+(?:mon|tue|wed|thu|fri|sat|sun)/i.test(x.text))) {
    const back = (parser === chrono.en || !/\p{Script=Han}/u.test(text) ? chrono.en : parser).parse(text, ref, { forwardDate: false });
    results = results.map((x) => (/\b(?:last|past|previous)\s+(?:mon|tue|wed|thu|fri|sat|sun)/i.test(x.text) ? back.find((b) => b.index === x.index) ?? x : x));
  }
  // `10月份的单子`, `12月的商机`: a month alone names a period, not a day.
  // `the w-9`, `an i-9`: a form's code, not a date.
  const r = results.find((x) => !insideToken(text, x.index, x.text.length) && !/(?:^|[^A-Za-z])[A-Za-z]-\d/.test(x.text) && !/^(?:\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月份?$/.test(x.text.trim()));
  if (!r) return dayOfMonth(text, o, nowWall, todayKey);
  // chrono reads `周五上午` (a weekday and a part of the day, no hour) as this morning: read the
  // weekday without the part of the day, then put the part of the day back.
  if (!r.start.isCertain('hour') && /(?:周|星期|礼拜)[一二三四五六日天]/.test(r.text) && /上午|早上|早晨|下午|晚上|中午/.test(r.text)) {
    const blanked = text.replace(/上午|早上|早晨|下午|晚上|中午/g, (w) => ' '.repeat(w.length));
    const again = chronoDate(blanked, o, nowWall, todayKey);
    if (again) {
      const w = wallClock(new Date(again.iso), o.tz);
      const h = AFTERNOON_RE.test(r.text) ? 15 : EVENING_RE.test(r.text) ? 19 : /中午/.test(r.text) ? 12 : 9;
      return { ...again, iso: isoFromWall(w.year, w.month, w.day, h, 0, o.tz), index: r.index, text: r.text };
    }
  }
  const s = r.start;
  // `四号下午`, `4号晚上`: chrono reads the part of the day only; the day of the month before it is the day.
  if (/^(?:上午|下午|中午|晚上|早上|傍晚|morning|afternoon|evening|noon)$/i.test(r.text.trim()) && !s.isCertain('hour')) {
    const dm = dayOfMonth(text, o, nowWall, todayKey);
    if (dm && Math.abs(dm.index + dm.text.length - r.index) <= 1) return dm;
  }
  // `on the 4th at 2pm`: chrono reads the time only; the day of the month is the day.
  if (!s.isCertain('day') && !s.isCertain('weekday') && s.isCertain('hour')) {
    const dm = dayOfMonth(text, o, nowWall, todayKey);
    if (dm) {
      const w = wallClock(new Date(dm.iso), o.tz);
      return { ...dm, iso: isoFromWall(w.year, w.month, w.day, s.get('hour')!, s.get('minute') ?? 0, o.tz), timeCertain: true, index: Math.min(dm.index, r.index), text: dm.index < r.index ? text.slice(dm.index, r.index + r.text.length) : text.slice(r.index, dm.index + dm.text.length) };
    }
  }
  const y = s.get('year')!, mo = s.get('month')!, d = s.get('day')!;
  let h: number, mi: number;
  if (s.isCertain('hour')) {
    h = s.get('hour')!;
    mi = s.get('minute') ?? 0;
    // `later at 3`, `call at 4:30`: an hour of working time said without am/pm is the afternoon's.
    // (So is `明天三点`, `礼拜五两点`: said without 上午, 凌晨 or another word of the morning.)
    if (!s.isCertain('meridiem') && h >= 1 && h <= 6 && !/\b(?:morning|am|a\.m\.|tonight|night)\b/i.test(text)
      && (!/\p{Script=Han}/u.test(r.text) || !/凌晨|早上|早晨|清早|清晨|上午|半夜|夜里|夜间|头午|前晌|头晌|上昼|早起|一大早|晚上|夜晚|傍晚/u.test(text))) {
      h += 12;
      // No day said: today, while that hour is still ahead (chrono rolled 3 am over to tomorrow).
      if (!s.isCertain('day') && !s.isCertain('weekday')) {
        const today = isoFromWall(nowWall.year, nowWall.month, nowWall.day, h, mi, o.tz);
        if (Date.parse(today) > o.now.getTime()) return { iso: today, past: false, today: true, timeCertain: true, index: r.index, text: r.text };
      }
    }
  } else {
    mi = 0;
    // A part of the day right after the date chrono read (`上周五下午`, `friday afternoon`) counts too.
    const around = r.text + text.slice(r.index + r.text.length, r.index + r.text.length + 20).split(/[,，;；.。]/)[0];
    h = AFTERNOON_RE.test(around) ? 15 : EVENING_RE.test(around) || /\bnight\b/i.test(around) ? 19 : /中午|\bnoon\b/i.test(around) ? 12 : END_OF_DAY_RE.test(around) ? 17 : 9;
  }
  const key = y * 10000 + mo * 100 + d;
  if (o.forward && key === todayKey && s.isCertain('weekday') && !s.isCertain('day') && !/\b(?:this|today|tonight)\b|今|本|这/i.test(r.text)) {
    // A bare weekday ahead is the next such day after today (`wednesday` said on a Wednesday: next week's).
    const [ny, nm, nd] = addDays(y, mo, d, 7);
    return { iso: isoFromWall(ny, nm, nd, h, mi, o.tz), past: false, today: false, timeCertain: s.isCertain('hour'), index: r.index, text: r.text };
  }
  return { iso: isoFromWall(y, mo, d, h, mi, o.tz), past: key < todayKey, today: key === todayKey, timeCertain: s.isCertain('hour'), index: r.index, text: r.text };
}

const DAY_OF_MONTH_RE = /\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:sites?|floors?|times?|rounds?|options?|quarters?|visits?|calls?|meetings?|batch(?:es)?|versions?|shipments?|orders?|ones?|years?|weeks?|days?|months?|places?|attempts?|lines?|items?|phases?|tranches?|payments?|invoices?|units?|machines?|locations?|branch(?:es)?|clinics?|hospitals?|stores?|plants?|buildings?|warehouses?|labs?|departments?|depts?|person|contacts?|deals?|reminders?|tasks?|questions?|points?|issues?|steps?|stages?|demos?|samples?|quotes?|draft|revision|part(?:y|ies)|gen(?:eration)?|tiers?|levels?|grades?|shifts?|class(?:es)?|editions?|opinions?|hand|rate|line)\b)|\b(?:on\s+)?(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:sites?|floors?|times?|rounds?|options?|quarters?|visits?|calls?|meetings?|batch(?:es)?|versions?|shipments?|orders?|ones?|years?|weeks?|days?|months?|places?|attempts?|lines?|items?|phases?|tranches?|payments?|invoices?|units?|machines?|locations?|branch(?:es)?|clinics?|hospitals?|stores?|plants?|buildings?|warehouses?|labs?|departments?|depts?|person|contacts?|deals?|reminders?|tasks?|questions?|points?|issues?|steps?|stages?|demos?|samples?|quotes?|draft|revision|part(?:y|ies)|gen(?:eration)?|tiers?|levels?|grades?|shifts?|class(?:es)?|editions?|opinions?|hand|rate|line)\b)|(?<![月\d])(\d{1,2})\s*[号日](?![\d])|(?<![月\d一二三四五六七八九十第])(三十一|三十|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])\s*号(?![线楼床窗房机位院码])/i;

/** `the 2nd`, `on the 18th`, `3号`: the next such day (the caller turns it into the past one in a report). */
function dayOfMonth(text: string, o: DateOptions, nowWall: Wall, todayKey: number): DateHit | undefined {
  const m = DAY_OF_MONTH_RE.exec(text);
  if (!m) return undefined;
  const day = m[4] ? zhNumber(m[4].length === 3 ? m[4].slice(0, 2) : m[4]) + (m[4].length === 3 ? ZH_NUM[m[4][2]!]! : 0) : Number(m[1] ?? m[2] ?? m[3]);
  if (!(day >= 1 && day <= 31)) return undefined;
  let y = nowWall.year, mo = nowWall.month;
  if (day < nowWall.day) { mo += 1; if (mo > 12) { mo = 1; y += 1; } }
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (day > last) return undefined;
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 6);
  const h = AFTERNOON_RE.test(after) ? 15 : EVENING_RE.test(after) ? 19 : 9;
  const key = y * 10000 + mo * 100 + day;
  return { iso: isoFromWall(y, mo, day, h, 0, o.tz), past: false, today: key === todayKey, timeCertain: false, index: m.index, text: m[0] };
}
