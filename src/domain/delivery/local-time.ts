// Wall-clock arithmetic in IANA time zones through Intl (no library). Used by reminders,
// digests, surveys and greetings to turn "09:00 in the contact's zone" into an instant and back.
import { dateTimeFormat, isValidTimeZone, tzOffsetMs, wallClock } from '../shared/time-zone.ts';
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

export function localParts(at: Date, timeZone: string): LocalParts {
  const { year, month, day, hour, minute } = wallClock(at, safeTimeZone(timeZone));
  return {
    year,
    month,
    day,
    hour,
    minute,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
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

const DISPLAY: Record<'datetime' | 'date', Intl.DateTimeFormatOptions> = {
  datetime: { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  date: { year: 'numeric', month: 'short', day: 'numeric' },
};
const displayFormatter = (kind: 'datetime' | 'date', locale: Locale, timeZone: string) =>
  dateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-US', safeTimeZone(timeZone), DISPLAY[kind]);

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
