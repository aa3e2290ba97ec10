// Local days for due dates and "today" lists.
import { safeTimeZone, wallClock, wallToInstant } from '../shared/time.ts';

/** The instant the local day containing `now` ends (next local midnight) in `timeZone`. */
export function endOfLocalDay(now: Date, timeZone: string): Date {
  const tz = safeTimeZone(timeZone);
  const today = wallClock(now, tz);
  return wallToInstant(today.year, today.month, today.day + 1, 0, 0, tz);
}
