import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareLocalDate,
  daysBetween,
  endOfMonth,
  fromDbDate,
  isoWeekOf,
  isValidLocalDate,
  localDateTimeToInstant,
  maxLocalDate,
  minLocalDate,
  monthKey,
  startOfIsoWeek,
  startOfMonth,
  TIME_ZONE,
  toDbDate,
  todayIn,
  weekdayOf,
} from '../../src/domain/local-date.js';

describe('TIME_ZONE', () => {
  it('is Copenhagen', () => expect(TIME_ZONE).toBe('Europe/Copenhagen'));
});

describe('todayIn', () => {
  it.each([
    // winter, UTC+1
    ['2026-01-15T22:59:59Z', '2026-01-15'],
    ['2026-01-15T23:00:00Z', '2026-01-16'],
    // summer, UTC+2
    ['2026-07-01T21:59:59Z', '2026-07-01'],
    ['2026-07-01T22:00:00Z', '2026-07-02'],
    // spring-forward day: midnight before is still CET (UTC+1)
    ['2026-03-28T23:00:00Z', '2026-03-29'],
    ['2026-03-29T21:59:59Z', '2026-03-29'],
    ['2026-03-29T22:00:00Z', '2026-03-30'],
    // fall-back day: midnight before is still CEST (UTC+2)
    ['2026-10-24T21:59:59Z', '2026-10-24'],
    ['2026-10-24T22:00:00Z', '2026-10-25'],
    ['2026-10-25T22:59:59Z', '2026-10-25'],
    ['2026-10-25T23:00:00Z', '2026-10-26'],
    // New Year in Copenhagen is still the old year in UTC
    ['2026-12-31T23:30:00Z', '2027-01-01'],
  ])('%s -> %s', (iso, expected) => {
    expect(todayIn(new Date(iso))).toBe(expected);
  });
});

describe('localDateTimeToInstant', () => {
  it.each([
    ['2026-01-15', '08:00', '2026-01-15T07:00:00.000Z'],
    ['2026-07-01', '08:00', '2026-07-01T06:00:00.000Z'],
    ['2026-03-28', '08:00', '2026-03-28T07:00:00.000Z'],
    ['2026-03-29', '08:00', '2026-03-29T06:00:00.000Z'], // DST starts 02:00 -> 03:00
    ['2026-03-29', '01:30', '2026-03-29T00:30:00.000Z'],
    ['2026-10-25', '08:00', '2026-10-25T07:00:00.000Z'], // DST ends 03:00 -> 02:00
    ['2026-10-25', '00:30', '2026-10-24T22:30:00.000Z'],
    ['2026-10-26', '08:00', '2026-10-26T07:00:00.000Z'],
    ['2026-06-05', '8.15', '2026-06-05T06:15:00.000Z'],
    ['2026-12-31', '23:59', '2026-12-31T22:59:00.000Z'],
  ])('%s %s -> %s', (d, hhmm, expected) => {
    expect(localDateTimeToInstant(d, hhmm).toISOString()).toBe(expected);
  });

  it('round-trips with todayIn', () => {
    expect(todayIn(localDateTimeToInstant('2026-10-25', '00:00'))).toBe('2026-10-25');
    expect(todayIn(localDateTimeToInstant('2026-03-29', '23:59'))).toBe('2026-03-29');
  });

  it.each(['24:00', '8', '08:60', 'x'])('rejects time %s', (hhmm) => {
    expect(() => localDateTimeToInstant('2026-01-15', hhmm)).toThrow(RangeError);
  });
});

describe('addDays / daysBetween', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-28', 2, '2026-03-30'], // across DST
    ['2026-10-24', 2, '2026-10-26'],
    ['2026-05-10', 0, '2026-05-10'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('%s + %i = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
    expect(daysBetween(d, expected)).toBe(n);
  });
});

describe('weekdayOf / startOfIsoWeek / isoWeekOf', () => {
  it.each([
    ['2026-04-06', 1, '2026-04-06', 2026, 15], // Monday after Easter
    ['2026-03-29', 7, '2026-03-23', 2026, 13],
    ['2026-11-26', 4, '2026-11-23', 2026, 48],
    ['2026-12-31', 4, '2026-12-28', 2026, 53], // 2026 has 53 ISO weeks
    ['2027-01-03', 7, '2026-12-28', 2026, 53],
    ['2027-01-04', 1, '2027-01-04', 2027, 1],
    ['2026-01-01', 4, '2025-12-29', 2026, 1],
    ['2024-12-30', 1, '2024-12-30', 2025, 1],
    ['2021-01-03', 7, '2020-12-28', 2020, 53],
  ])('%s: weekday %i, week starts %s, week %i-%i', (d, weekday, start, year, week) => {
    expect(weekdayOf(d)).toBe(weekday);
    expect(startOfIsoWeek(d)).toBe(start);
    expect(isoWeekOf(d)).toEqual({ year, week });
  });
});

describe('months', () => {
  it.each([
    ['2026-02-14', '2026-02-01', '2026-02-28', '2026-02'],
    ['2024-02-14', '2024-02-01', '2024-02-29', '2024-02'],
    ['2026-12-31', '2026-12-01', '2026-12-31', '2026-12'],
    ['2026-04-01', '2026-04-01', '2026-04-30', '2026-04'],
  ])('%s', (d, start, end, key) => {
    expect(startOfMonth(d)).toBe(start);
    expect(endOfMonth(d)).toBe(end);
    expect(monthKey(d)).toBe(key);
  });
});

describe('db dates', () => {
  it.each(['2026-03-29', '2026-10-25', '2024-02-29', '2026-12-31'])('%s round-trips as UTC midnight', (d) => {
    const db = toDbDate(d);
    expect(db.toISOString()).toBe(`${d}T00:00:00.000Z`);
    expect(fromDbDate(db)).toBe(d);
  });
});

describe('isValidLocalDate', () => {
  it.each([
    ['2026-11-20', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-04-31', false],
    ['2026-00-10', false],
    ['2026-1-5', false],
    ['20-11-2026', false],
    ['', false],
  ])('%s -> %s', (s, ok) => {
    expect(isValidLocalDate(s)).toBe(ok);
  });
});

describe('compare / min / max', () => {
  it('orders chronologically', () => {
    expect(compareLocalDate('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compareLocalDate('2026-01-10', '2026-01-10')).toBe(0);
    expect(compareLocalDate('2027-01-01', '2026-12-31')).toBe(1);
    expect(['2026-12-01', '2026-01-10', '2025-06-30'].sort(compareLocalDate)).toEqual([
      '2025-06-30',
      '2026-01-10',
      '2026-12-01',
    ]);
    expect(minLocalDate('2026-05-01', '2026-04-30', '2026-06-01')).toBe('2026-04-30');
    expect(maxLocalDate('2026-05-01', '2026-04-30', '2026-06-01')).toBe('2026-06-01');
    expect(minLocalDate('2026-05-01')).toBe('2026-05-01');
  });
});
