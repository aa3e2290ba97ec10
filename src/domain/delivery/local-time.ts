// Wall-clock arithmetic in IANA time zones through Intl (no library). Used by reminders,
// digests, surveys and greetings to turn "09:00 in the contact's zone" into an instant and back.
import { isValidTimeZone, tzOffsetMs } from '../shared/time-zone.ts';
import type { Locale } from '../shared/errors.ts';

/** `tz` when Intl knows it, else `fallback` (a typo in a contact's zone must not break a scan). */
export function safeTimeZone(tz: string | null | undefined, fallback = 'UTC'): string {
  return isValidTimeZone(tz) ? tz : fallback;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** YYYY-MM-DD */
  date: string;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

export function localParts(at: Date, timeZone: string): LocalParts {
  const tz = safeTimeZone(timeZone);
  let f = partFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    partFormatters.set(tz, f);
  }
  const parts = f.formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const year = Number(get('year'));
  const month = Number(get('month'));
  const day = Number(get('day'));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return {
    year,
    month,
    day,
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    weekday,
    date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

const offsetMs = (at: Date, tz: string): number => tzOffsetMs(at, tz);

/** The instant at which the wall clock in `timeZone` shows `date` (YYYY-MM-DD) `hour:minute`.
 * A time inside a spring-forward gap lands just after the gap. */
export function zonedTimeToUtc(date: string, hour: number, minute: number, timeZone: string): Date {
  const tz = safeTimeZone(timeZone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  let guess = wall - offsetMs(new Date(wall), tz);
  guess = wall - offsetMs(new Date(guess), tz);
  return new Date(guess);
}

/** YYYY-MM-DD plus n days. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** "HH:MM" → [h, m] */
export function parseHhmm(hhmm: string): [number, number] {
  const [h, m] = hhmm.split(':').map(Number);
  return [h ?? 0, m ?? 0];
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (it showed up as ~10 %
// of the reminder worker's CPU): keep one per (kind, locale, zone).
const displayFormatters = new Map<string, Intl.DateTimeFormat>();
function displayFormatter(kind: 'datetime' | 'date', locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const tz = safeTimeZone(timeZone);
  const key = `${kind}|${locale}|${tz}`;
  let f = displayFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale === 'zh' ? 'zh-CN' : 'en-US',
      kind === 'datetime'
        ? { timeZone: tz, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }
        : { timeZone: tz, year: 'numeric', month: 'short', day: 'numeric' },
    );
    if (displayFormatters.size > 2_000) displayFormatters.clear();
    displayFormatters.set(key, f);
  }
  return f;
}

/** A short, human date and time in the reader's zone and language: "Mon, Nov 2, 9:00 AM" / "11月2日周一 09:00". */
export function formatLocalDateTime(at: Date, timeZone: string, locale: Locale): string {
  return displayFormatter('datetime', locale, timeZone).format(at);
}

export function formatLocalDate(at: Date, timeZone: string, locale: Locale): string {
  return displayFormatter('date', locale, timeZone).format(at);
}

export function toLocale(value: string | null | undefined, fallback: Locale = 'en'): Locale {
  if (!value) return fallback;
  return value.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** True when `hour` lies in the quiet window [start, end) that may wrap midnight (21 → 8). */
export function inQuietHours(hour: number, quiet: { start: number; end: number }): boolean {
  if (quiet.start === quiet.end) return false;
  return quiet.start < quiet.end ? hour >= quiet.start && hour < quiet.end : hour >= quiet.start || hour < quiet.end;
}
