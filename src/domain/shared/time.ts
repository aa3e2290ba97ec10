// Time-zone arithmetic without a library, the one place for it (parser dates, task due times, KPI
// periods, delivery times): whether a zone exists, the wall clock of an instant in an IANA zone, the
// zone's UTC offset at an instant, and the instant of a wall-clock time, correct across DST (a time
// in a spring-forward gap moves forward past the gap; an ambiguous fall-back time is the first one).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export interface Wall {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const invalid = new Set<string>();

/** Whether Intl knows the zone (answers are cached, invalid ones too). The one time-zone check. */
export function isValidTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || !tz || invalid.has(tz)) return false;
  try {
    formatter(tz);
    return true;
  } catch {
    invalid.add(tz);
    return false;
  }
}

/** `tz` when Intl knows it, else `fallback` (a typo in a contact's zone must not break a scan). */
export function safeTimeZone(tz: string | null | undefined, fallback = 'UTC'): string {
  return isValidTimeZone(tz) ? tz : fallback;
}

/** Wall-clock fields of an instant in `tz`. */
export function wallClock(instant: Date, tz: string): Wall {
  const w: Wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatter(tz).formatToParts(instant)) {
    switch (p.type) {
      case 'year': w.year = +p.value; break;
      case 'month': w.month = +p.value; break;
      case 'day': w.day = +p.value; break;
      case 'hour': w.hour = +p.value % 24; break;
      case 'minute': w.minute = +p.value; break;
      case 'second': w.second = +p.value; break;
    }
  }
  return w;
}

/** Offset of `tz` from UTC at `instant`, in milliseconds (east positive). */
export function tzOffsetMs(instant: Date, tz: string): number {
  const w = wallClock(instant, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a wall-clock time in `tz` names: the one local wall time → instant conversion.
 * A time in a spring-forward gap moves forward (02:30 on the day New York skips 02:00–03:00 is
 * 03:30 EDT); a fall-back time that happens twice is the first. Days and months may overflow
 * (d = 32 is the 1st of the next month), as with Date.UTC. */
export function wallToInstant(y: number, mo: number, d: number, h: number, mi: number, tz: string): Date {
  const wall = Date.UTC(y, mo - 1, d, h, mi, 0);
  const off1 = tzOffsetMs(new Date(wall), tz);
  let t = wall - off1;
  const off2 = tzOffsetMs(new Date(t), tz);
  if (off2 !== off1) {
    const t2 = wall - off2;
    const w = wallClock(new Date(t2), tz);
    if (w.hour === h && w.minute === mi) t = t2;
  }
  return new Date(t);
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (it showed up as ~10 % of
// the reminder worker's CPU): one per (locale, zone, options), for every display format.
const displayFormats = new Map<string, Intl.DateTimeFormat>();

/** A cached `new Intl.DateTimeFormat(locale, { ...options, timeZone })`. */
export function dateTimeFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = displayFormats.get(key);
  if (!f) {
    if (displayFormats.size > 2_000) displayFormats.clear();
    displayFormats.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone })));
  }
  return f;
}
