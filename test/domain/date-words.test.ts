import { describe, expect, it } from 'vitest';
import { looksLikeDateWord, parseDateWord, takeDate, type DateDirection } from '../../src/domain/date-words.js';

// 2026-11-20 is a Friday.
const TODAY = '2026-11-20';

describe('relative words', () => {
  it.each([
    ['i dag', '2026-11-20'],
    ['idag', '2026-11-20'],
    ['I DAG', '2026-11-20'],
    ['  i   dag ', '2026-11-20'],
    ['today', '2026-11-20'],
    ['i går', '2026-11-19'],
    ['igår', '2026-11-19'],
    ['I Går', '2026-11-19'],
    ['igaar', '2026-11-19'],
    ['i gaar', '2026-11-19'],
    ['yesterday', '2026-11-19'],
    ['i forgårs', '2026-11-18'],
    ['i morgen', '2026-11-21'],
    ['imorgen', '2026-11-21'],
    ['tomorrow', '2026-11-21'],
    ['i overmorgen', '2026-11-22'],
  ])('%s -> %s in every direction', (text, expected) => {
    for (const dir of ['past', 'future', 'any'] as const) expect(parseDateWord(text, TODAY, dir)).toBe(expected);
  });

  it('crosses year boundaries', () => {
    expect(parseDateWord('i går', '2027-01-01', 'past')).toBe('2026-12-31');
  });
});

describe('weekday names', () => {
  it.each<[string, DateDirection, string]>([
    // today is Friday 2026-11-20
    ['fredag', 'past', '2026-11-20'],
    ['fredag', 'future', '2026-11-27'],
    ['fredag', 'any', '2026-11-20'],
    ['fre', 'past', '2026-11-20'],
    ['friday', 'future', '2026-11-27'],
    ['mandag', 'past', '2026-11-16'],
    ['man', 'past', '2026-11-16'],
    ['man.', 'past', '2026-11-16'],
    ['Mandag', 'future', '2026-11-23'],
    ['monday', 'any', '2026-11-16'],
    ['mon', 'future', '2026-11-23'],
    ['torsdag', 'past', '2026-11-19'],
    ['tors', 'future', '2026-11-26'],
    ['thursday', 'past', '2026-11-19'],
    ['tirsdag', 'past', '2026-11-17'],
    ['tirs', 'any', '2026-11-17'],
    ['tue', 'future', '2026-11-24'],
    ['onsdag', 'past', '2026-11-18'],
    ['ons', 'future', '2026-11-25'],
    ['wed', 'past', '2026-11-18'],
    ['lørdag', 'past', '2026-11-14'],
    ['LØR', 'future', '2026-11-21'],
    ['saturday', 'any', '2026-11-21'],
    ['søndag', 'past', '2026-11-15'],
    ['søn', 'future', '2026-11-22'],
    ['sunday', 'any', '2026-11-22'],
  ])('%s (%s) -> %s', (text, dir, expected) => {
    expect(parseDateWord(text, TODAY, dir)).toBe(expected);
  });

  it('on a Monday, past "mandag" is today and future "mandag" is next week', () => {
    expect(parseDateWord('mandag', '2026-04-06', 'past')).toBe('2026-04-06');
    expect(parseDateWord('mandag', '2026-04-06', 'future')).toBe('2026-04-13');
    expect(parseDateWord('søndag', '2026-04-06', 'past')).toBe('2026-04-05');
  });
});

describe('numeric dates', () => {
  it.each<[string, DateDirection, string | undefined]>([
    ['20/11', 'any', '2026-11-20'],
    ['20.11', 'past', '2026-11-20'],
    ['20-11', 'future', '2026-11-20'],
    ['20.11.', 'any', '2026-11-20'],
    ['5/1', 'any', '2026-01-05'],
    ['05/01', 'any', '2026-01-05'],
    // without year: past = on or before today, future = on or after today
    ['21/11', 'past', '2025-11-21'],
    ['21/11', 'future', '2026-11-21'],
    ['19/11', 'past', '2026-11-19'],
    ['19/11', 'future', '2027-11-19'],
    ['1/12', 'any', '2026-12-01'],
    ['29/02', 'past', '2024-02-29'],
    ['29/02', 'future', '2028-02-29'],
    ['29/02', 'any', undefined],
    // with year
    ['20/11/2026', 'past', '2026-11-20'],
    ['20.11.26', 'future', '2026-11-20'],
    ['20-11-2027', 'past', '2027-11-20'],
    ['29.02.24', 'any', '2024-02-29'],
    ['2026-11-20', 'any', '2026-11-20'],
    ['2026-03-29', 'future', '2026-03-29'],
    // invalid
    ['31/02', 'any', undefined],
    ['31/02', 'past', undefined],
    ['31/04/2026', 'any', undefined],
    ['32/1', 'any', undefined],
    ['1/13', 'any', undefined],
    ['0/1', 'any', undefined],
    ['2026-02-30', 'any', undefined],
    ['20/11.26', 'any', undefined],
    ['20/11/226', 'any', undefined],
  ])('%s (%s) -> %s', (text, dir, expected) => {
    expect(parseDateWord(text, TODAY, dir)).toBe(expected);
  });
});

describe('not dates', () => {
  it.each(['', ' ', 'C-1042', '45m', '1:30', '20:30', 'anne', 'i', 'dag', 'next monday', '12345'])('%j', (text) => {
    expect(parseDateWord(text, TODAY, 'any')).toBeUndefined();
  });
});

describe('takeDate', () => {
  it.each<[string[], number, { date: string; consumed: number } | undefined]>([
    [['i', 'dag'], 0, { date: '2026-11-20', consumed: 2 }],
    [['C-1042', 'i', 'går', '45m'], 1, { date: '2026-11-19', consumed: 2 }],
    [['I', 'GÅR'], 0, { date: '2026-11-19', consumed: 2 }],
    [['i', 'forgårs', 'x'], 0, { date: '2026-11-18', consumed: 2 }],
    [['day', 'before', 'yesterday'], 0, { date: '2026-11-18', consumed: 3 }],
    [['igår', 'i', 'dag'], 0, { date: '2026-11-19', consumed: 1 }],
    [['mandag', 'i', 'dag'], 0, { date: '2026-11-16', consumed: 1 }],
    [['20/11'], 0, { date: '2026-11-20', consumed: 1 }],
    [['x', '19.11'], 1, { date: '2026-11-19', consumed: 1 }],
    [['i'], 0, undefined],
    [['i', 'x'], 0, undefined],
    [['x'], 0, undefined],
    [[], 0, undefined],
    [['i', 'dag'], 2, undefined],
  ])('%j at %i', (tokens, index, expected) => {
    expect(takeDate(tokens, index, TODAY, 'past')).toEqual(expected);
  });
});

describe('looksLikeDateWord: meant as a date, but none', () => {
  it.each(['forleden', 'Forleden', 'sidst', 'fredga', 'tirsdga', 'yesterdya'])('"%s" is', (word) => {
    expect(looksLikeDateWord(word)).toBe(true);
  });
  it.each(['aftalt', 'forslag', 'ringede', 'cv', 'i', 'praktik'])('"%s" is not', (word) => {
    expect(looksLikeDateWord(word)).toBe(false);
  });
});
