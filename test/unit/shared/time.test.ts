// One local wall time → instant conversion (shared/time.ts), used by delivery times, due-day ends
// and KPI periods alike, including across DST changes.
import { describe, expect, it } from 'vitest';
import { isValidTimeZone, safeTimeZone, wallToInstant } from '../../../src/domain/shared/time.ts';
import { zonedTimeToUtc } from '../../../src/domain/delivery/local-time.ts';
import { endOfLocalDay } from '../../../src/domain/tasks/time.ts';
import { localMidnight, resolvePeriod } from '../../../src/domain/kpi/period.ts';
import { isUniqueViolation } from '../../../src/domain/shared/prisma-errors.ts';
import { L } from '../../../src/domain/shared/locale.ts';

describe('shared time kernel', () => {
  it('converts ordinary, gap and repeated wall times in New York', () => {
    expect(wallToInstant(2026, 11, 25, 9, 0, 'America/New_York').toISOString()).toBe('2026-11-25T14:00:00.000Z');
    // 02:30 does not exist on 8 March 2026: moved forward past the gap, to 03:30 EDT.
    expect(wallToInstant(2026, 3, 8, 2, 30, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(zonedTimeToUtc('2026-03-08', 2, 30, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 happens twice on 1 November 2026: the first (EDT).
    expect(wallToInstant(2026, 11, 1, 1, 30, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('ends local days and starts periods at real local midnights', () => {
    expect(endOfLocalDay(new Date('2026-11-25T10:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(endOfLocalDay(new Date('2026-03-07T20:00:00Z'), 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(endOfLocalDay(new Date('2026-11-30T20:00:00Z'), 'America/New_York').toISOString()).toBe('2026-12-01T05:00:00.000Z');
    // Santiago skips 00:00–01:00 on 6 September 2026: that day starts at 01:00 (-03).
    expect(localMidnight({ y: 2026, m: 9, d: 6 }, 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    const week = resolvePeriod('this_week', new Date('2026-11-25T10:00:00Z'), 'Asia/Shanghai');
    expect([week.from.toISOString(), week.to.toISOString()]).toEqual(['2026-11-22T16:00:00.000Z', '2026-11-29T16:00:00.000Z']);
    expect(resolvePeriod('today', new Date('2026-11-25T10:00:00Z'), 'Mars/Base').timezone).toBe('UTC');
  });

  it('checks time zones once, and the other shared helpers', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Base')).toBe(false);
    expect(isValidTimeZone(undefined)).toBe(false);
    expect(safeTimeZone('Mars/Base', 'Europe/Paris')).toBe('Europe/Paris');
    expect(isUniqueViolation({ code: 'P2002' })).toBe(true);
    expect(isUniqueViolation({ meta: { code: '23505' } })).toBe(true);
    expect(isUniqueViolation(new Error('duplicate key value violates unique constraint "x"'))).toBe(true);
    expect(isUniqueViolation(new Error('P2025 record not found'))).toBe(false);
    expect([L('en', 'hi', '你好'), L('zh', 'hi', '你好')]).toEqual(['hi', '你好']);
  });
});
