// Named periods resolved in a time zone: "this week" for a rep in Shanghai starts at Monday
// 00:00 Asia/Shanghai, which is Sunday 16:00 UTC. Weeks start on Monday (ISO).
import { ValidationError } from '../shared/errors.ts';
import { safeTimeZone, wallClock, wallToInstant } from '../shared/time.ts';

export type PeriodName = 'today' | 'this_week' | 'last_week' | 'next_week' | 'this_month' | 'last_month' | 'this_quarter' | 'last_quarter' | 'this_year';
export const PERIOD_NAMES: readonly PeriodName[] = [
  'today', 'this_week', 'last_week', 'next_week', 'this_month', 'last_month', 'this_quarter', 'last_quarter', 'this_year',
];

export interface Period {
  name: PeriodName | 'custom';
  /** Inclusive start (UTC instant). */
  from: Date;
  /** Exclusive end (UTC instant). */
  to: Date;
  timezone: string;
}

export type PeriodInput = PeriodName | { from: Date; to: Date };

interface LocalDate { y: number; m: number; d: number }

/** The UTC instant of local midnight of the given local date in `tz` (DST-safe: a day that
 * starts in a spring-forward gap starts when the gap ends). */
export function localMidnight(date: LocalDate, tz: string): Date {
  return wallToInstant(date.y, date.m, date.d, 0, 0, tz);
}

export function localDate(t: Date, tz: string): LocalDate {
  const w = wallClock(t, tz);
  return { y: w.year, m: w.month, d: w.day };
}

const addDays = (d: LocalDate, n: number): LocalDate => {
  const x = new Date(Date.UTC(d.y, d.m - 1, d.d + n));
  return { y: x.getUTCFullYear(), m: x.getUTCMonth() + 1, d: x.getUTCDate() };
};
const addMonths = (d: LocalDate, n: number): LocalDate => {
  const x = new Date(Date.UTC(d.y, d.m - 1 + n, 1));
  return { y: x.getUTCFullYear(), m: x.getUTCMonth() + 1, d: 1 };
};

export function resolvePeriod(input: PeriodInput, now: Date, timezone: string): Period {
  const tz = safeTimeZone(timezone);
  if (typeof input === 'object') {
    if (!(input.from < input.to)) {
      throw new ValidationError('period', 'The period must end after it starts.', '时间段的结束必须晚于开始。');
    }
    return { name: 'custom', from: input.from, to: input.to, timezone: tz };
  }
  const today = localDate(now, tz);
  const dow = (new Date(Date.UTC(today.y, today.m - 1, today.d)).getUTCDay() + 6) % 7; // Monday 0
  const monday = addDays(today, -dow);
  const month1 = { y: today.y, m: today.m, d: 1 };
  const quarter1 = { y: today.y, m: Math.floor((today.m - 1) / 3) * 3 + 1, d: 1 };
  const range = (a: LocalDate, b: LocalDate): Period => ({
    name: input, from: localMidnight(a, tz), to: localMidnight(b, tz), timezone: tz,
  });
  switch (input) {
    case 'today': return range(today, addDays(today, 1));
    case 'this_week': return range(monday, addDays(monday, 7));
    case 'last_week': return range(addDays(monday, -7), monday);
    case 'next_week': return range(addDays(monday, 7), addDays(monday, 14));
    case 'this_month': return range(month1, addMonths(month1, 1));
    case 'last_month': return range(addMonths(month1, -1), month1);
    case 'this_quarter': return range(quarter1, addMonths(quarter1, 3));
    case 'last_quarter': return range(addMonths(quarter1, -3), quarter1);
    case 'this_year': return range({ y: today.y, m: 1, d: 1 }, { y: today.y + 1, m: 1, d: 1 });
    default: {
      const never: never = input;
      throw new ValidationError('period', `Unknown period ${String(never)}.`, `未知的时间段 ${String(never)}。`);
    }
  }
}
