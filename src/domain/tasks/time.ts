// Time-zone arithmetic without a library: the UTC offset of a zone at an instant, via Intl.

function offsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant the local day containing `now` ends (next local midnight) in `timeZone`. */
export function endOfLocalDay(now: Date, timeZone: string): Date {
  let tz = timeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    tz = 'UTC';
  }
  const local = new Date(now.getTime() + offsetMs(now, tz));
  const midnightAsUtc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1);
  // First guess with today's offset, then correct once for a DST change before midnight.
  let guess = midnightAsUtc - offsetMs(now, tz);
  guess = midnightAsUtc - offsetMs(new Date(guess), tz);
  return new Date(guess);
}
