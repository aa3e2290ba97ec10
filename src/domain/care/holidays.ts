// Public holidays worth a greeting, per region, from date-holidays. Only a curated set: a
// greeting on Labour Day or a bank holiday would be odd. Keys are stable occasion names stored
// on Greeting rows ("CN:spring_festival"), so renaming one would greet people twice.
import Holidays from '../shared/lazy/date-holidays.ts';

export interface HolidayOccasion {
  region: string;
  /** e.g. CN:spring_festival */
  occasion: string;
  /** Local date YYYY-MM-DD in the region. */
  date: string;
}

interface Curated {
  key: string;
  /** date-holidays rule prefix */
  rule: string;
}

const CURATED: Record<string, Curated[]> = {
  CN: [
    { key: 'new_year', rule: '01-01' },
    { key: 'spring_festival', rule: 'chinese 01-0-01' },
    { key: 'dragon_boat', rule: 'chinese 05-0-05' },
    { key: 'mid_autumn', rule: 'chinese 08-0-15' },
    { key: 'national_day', rule: '10-01' },
  ],
  US: [
    { key: 'new_year', rule: '01-01' },
    { key: 'independence_day', rule: '07-04' },
    { key: 'thanksgiving', rule: '4th thursday in November' },
    { key: 'christmas', rule: '12-25' },
  ],
  GB: [
    { key: 'new_year', rule: '01-01' },
    { key: 'christmas', rule: '12-25' },
  ],
  DE: [
    { key: 'new_year', rule: '01-01' },
    { key: 'unity_day', rule: '10-03' },
    { key: 'christmas', rule: '12-25' },
  ],
  JP: [{ key: 'new_year', rule: '01-01' }],
  SG: [
    { key: 'new_year', rule: '01-01' },
    { key: 'chinese_new_year', rule: 'chinese 01-0-01' },
    { key: 'national_day', rule: '08-09' },
    { key: 'christmas', rule: '12-25' },
  ],
};

export const SUPPORTED_HOLIDAY_REGIONS = Object.keys(CURATED);

const cache = new Map<string, HolidayOccasion[]>();

/** Curated holidays of `region` in `year` (observed substitutes excluded). */
export function holidaysOf(region: string, year: number): HolidayOccasion[] {
  const country = region.slice(0, 2).toUpperCase();
  const curated = CURATED[country];
  if (!curated) return [];
  const ck = `${country}:${year}`;
  let out = cache.get(ck);
  if (!out) {
    out = [];
    const hd = new Holidays(country);
    const seen = new Set<string>();
    for (const h of hd.getHolidays(year) as { date: string; rule: string; type: string; substitute?: boolean }[]) {
      if (h.substitute) continue;
      const c = curated.find((x) => h.rule === x.rule || h.rule.startsWith(`${x.rule} `));
      if (!c || seen.has(c.key)) continue;
      seen.add(c.key);
      out.push({ region: country, occasion: `${country}:${c.key}`, date: h.date.slice(0, 10) });
    }
    cache.set(ck, out);
  }
  return out;
}

/** Holidays on any of `dates` (YYYY-MM-DD) in the given regions. */
export function holidaysOn(regions: string[], dates: string[]): HolidayOccasion[] {
  const years = [...new Set(dates.map((d) => Number(d.slice(0, 4))))];
  const out: HolidayOccasion[] = [];
  for (const r of regions) for (const y of years) for (const h of holidaysOf(r, y)) if (dates.includes(h.date)) out.push(h);
  return out;
}
