// Local dates and display formats for reminders, digests, surveys and greetings ("09:00 in the
// contact's zone" into an instant and back). The time-zone arithmetic itself is shared/time.ts.
import { dateTimeFormat, safeTimeZone, wallClock, wallToInstant } from '../shared/time.ts';
import type { Locale } from '../shared/errors.ts';

export { safeTimeZone };

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

/** The instant at which the wall clock in `timeZone` shows `date` (YYYY-MM-DD) `hour:minute`.
 * A time inside a spring-forward gap lands just after the gap (shared/time.ts, wallToInstant). */
export function zonedTimeToUtc(date: string, hour: number, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return wallToInstant(y, m, d, hour, minute, safeTimeZone(timeZone));
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
