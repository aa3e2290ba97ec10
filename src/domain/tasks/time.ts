// Local days for due dates and "today" lists.
import { isValidTimeZone, tzOffsetMs as offsetMs } from '../shared/time-zone.ts';

/** The instant the local day containing `now` ends (next local midnight) in `timeZone`. */
export function endOfLocalDay(now: Date, timeZone: string): Date {
  const tz = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const local = new Date(now.getTime() + offsetMs(now, tz));
  const midnightAsUtc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1);
  // First guess with today's offset, then correct once for a DST change before midnight.
  let guess = midnightAsUtc - offsetMs(now, tz);
  guess = midnightAsUtc - offsetMs(new Date(guess), tz);
  return new Date(guess);
}
