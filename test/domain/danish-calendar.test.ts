import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  firstWorkingDayOfMonth,
  holidayName,
  isWorkingDay,
  lastWorkingDayOfMonth,
  nextWorkingDay,
  NON_WORKING_OBSERVANCES,
  onOrAfterWorkingDay,
  onOrBeforeWorkingDay,
  previousWorkingDay,
  workingDaysBetween,
} from '../../src/domain/danish-calendar.js';

describe('isWorkingDay / holidayName', () => {
  it.each([
    // date, working?, da name, en name
    ['2026-01-01', false, 'Nytårsdag', "New Year's Day"],
    ['2026-04-01', true, undefined, undefined],
    ['2026-04-02', false, 'Skærtorsdag', 'Maundy Thursday'],
    ['2026-04-03', false, 'Langfredag', 'Good Friday'],
    ['2026-04-05', false, 'Påskedag', 'Easter Sunday'],
    ['2026-04-06', false, 'Anden påskedag', 'Easter Monday'],
    ['2026-04-07', true, undefined, undefined],
    ['2026-05-01', true, undefined, undefined], // 1. maj is not a legal holiday
    ['2026-05-14', false, 'Kristi Himmelfartsdag', 'Ascension Day'],
    ['2026-05-15', true, undefined, undefined], // common bridge day, but a working day
    ['2026-05-25', false, 'Anden Pinsedag', 'Whit Monday'],
    ['2026-06-05', false, 'Grundlovsdag', 'Constitution Day'],
    ['2026-12-24', false, 'Juleaftensdag', 'Christmas Eve'],
    ['2026-12-25', false, 'Juledag', 'Christmas Day'],
    ['2026-12-28', true, undefined, undefined],
    ['2026-12-31', false, 'Nytårsaftensdag', "New Year's Eve"],
    ['2023-05-05', false, 'Store Bededag', 'Prayer Day'],
    ['2024-04-26', true, undefined, undefined], // Store Bededag abolished from 2024
    ['2026-05-01', true, undefined, undefined],
    ['2026-03-28', false, undefined, undefined], // Saturday
    ['2026-03-29', false, undefined, undefined], // Sunday
    ['2026-11-20', true, undefined, undefined],
  ])('%s working=%s', (d, working, da, en) => {
    expect(isWorkingDay(d)).toBe(working);
    expect(holidayName(d, 'da')).toBe(da);
    expect(holidayName(d, 'en')).toBe(en);
  });

  it('exports the extra observances', () => {
    expect(NON_WORKING_OBSERVANCES.map((o) => o.monthDay)).toEqual(['06-05', '12-24', '12-31']);
  });
});

describe('previous / next working day', () => {
  it.each([
    // d, previous (strict), onOrBefore, next (strict), onOrAfter
    ['2026-04-06', '2026-04-01', '2026-04-01', '2026-04-07', '2026-04-07'], // Monday after Easter
    ['2026-04-07', '2026-04-01', '2026-04-07', '2026-04-08', '2026-04-07'],
    ['2026-04-02', '2026-04-01', '2026-04-01', '2026-04-07', '2026-04-07'],
    ['2026-05-16', '2026-05-15', '2026-05-15', '2026-05-18', '2026-05-18'], // Saturday
    ['2026-05-25', '2026-05-22', '2026-05-22', '2026-05-26', '2026-05-26'],
    ['2026-06-05', '2026-06-04', '2026-06-04', '2026-06-08', '2026-06-08'],
    ['2026-12-24', '2026-12-23', '2026-12-23', '2026-12-28', '2026-12-28'],
    ['2026-12-31', '2026-12-30', '2026-12-30', '2027-01-04', '2027-01-04'],
    ['2026-11-20', '2026-11-19', '2026-11-20', '2026-11-23', '2026-11-20'],
  ])('%s', (d, prev, onOrBefore, next, onOrAfter) => {
    expect(previousWorkingDay(d)).toBe(prev);
    expect(onOrBeforeWorkingDay(d)).toBe(onOrBefore);
    expect(nextWorkingDay(d)).toBe(next);
    expect(onOrAfterWorkingDay(d)).toBe(onOrAfter);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-04-01', 1, '2026-04-07'],
    ['2026-04-07', -1, '2026-04-01'],
    ['2026-03-30', 5, '2026-04-09'], // 31 Mar, 1, 7, 8, 9 Apr
    ['2026-11-20', 0, '2026-11-20'],
    ['2026-11-20', 5, '2026-11-27'],
    ['2026-12-23', 1, '2026-12-28'],
    ['2026-12-23', 3, '2026-12-30'],
    ['2026-12-23', 4, '2027-01-04'], // skips 31 Dec and 1 Jan
    ['2026-05-13', 1, '2026-05-15'],
    ['2026-11-20', -10, '2026-11-06'],
  ])('%s + %i -> %s', (d, n, expected) => {
    expect(addWorkingDays(d, n)).toBe(expected);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2026-11-16', '2026-11-20', 5],
    ['2026-11-16', '2026-11-22', 5],
    ['2026-11-20', '2026-11-20', 1],
    ['2026-11-21', '2026-11-21', 0],
    ['2026-11-20', '2026-11-19', 0],
    ['2026-03-30', '2026-04-10', 7], // Easter week: 3 holidays
    ['2026-12-01', '2026-12-31', 20], // 23 weekdays minus 24, 25, 31 Dec
    ['2026-01-01', '2026-12-31', 251], // 261 weekdays minus 10 holidays on weekdays
  ])('[%s, %s] -> %i', (from, to, n) => {
    expect(workingDaysBetween(from, to)).toBe(n);
  });
});

describe('first / last working day of month', () => {
  it.each([
    ['2026-01-15', '2026-01-02', '2026-01-30'],
    ['2026-02-10', '2026-02-02', '2026-02-27'],
    ['2026-04-30', '2026-04-01', '2026-04-30'],
    ['2026-05-01', '2026-05-01', '2026-05-29'],
    ['2026-12-31', '2026-12-01', '2026-12-30'],
    ['2027-01-01', '2027-01-04', '2027-01-29'],
  ])('%s -> %s .. %s', (d, first, last) => {
    expect(firstWorkingDayOfMonth(d)).toBe(first);
    expect(lastWorkingDayOfMonth(d)).toBe(last);
  });
});
