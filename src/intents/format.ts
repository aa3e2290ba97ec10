// Short, human dates and numbers in the user's language and time zone.
import type { Locale } from '../domain/shared/errors.ts';
import { dateTimeFormat as fmt } from '../domain/shared/time.ts';

const DAY = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;
const dayKey = (d: Date, tz: string) => fmt('en-CA', tz, DAY).format(d);

/** "today 15:00", "tomorrow 09:00", "Tue 1 Dec 10:00" / "今天 15:00", "12月1日 周二 10:00". */
export function formatWhen(date: Date, tz: string, locale: Locale, now = new Date()): string {
  const time = fmt('en-GB', tz, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
  const day = dayKey(date, tz);
  const today = dayKey(now, tz);
  const tomorrow = dayKey(new Date(now.getTime() + 86_400_000), tz);
  const yesterday = dayKey(new Date(now.getTime() - 86_400_000), tz);
  const rel = { [today]: ['today', '今天'], [tomorrow]: ['tomorrow', '明天'], [yesterday]: ['yesterday', '昨天'] }[day];
  if (rel) return `${locale === 'zh' ? rel[1] : rel[0]} ${time}`;
  if (locale === 'zh') {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const [ty] = today.split('-').map(Number) as [number];
    const wd = fmt('zh-CN', tz, { weekday: 'short' }).format(date);
    return `${y !== ty ? `${y}年` : ''}${m}月${d}日 ${wd} ${time}`;
  }
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  const parts = fmt('en-GB', tz, { weekday: 'short', day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(date);
  return `${parts.replace(',', '')} ${time}`;
}

/** A date without time: "1 Dec 2026" / "2026年12月1日". */
export function formatDate(date: Date, tz: string, locale: Locale): string {
  return fmt(locale === 'zh' ? 'zh-CN' : 'en-GB', tz, { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

export function formatMoney(amount: number, currency: string, locale: Locale): string {
  try {
    return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${amount.toLocaleString()} ${currency}`;
  }
}

export const pct = (x: number) => `${Math.round(x * 100)}%`;

export const daysAgo = (d: Date, now: Date) => Math.max(0, Math.floor((now.getTime() - d.getTime()) / 86_400_000));
