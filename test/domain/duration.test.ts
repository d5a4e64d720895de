import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, takeDuration } from '../../src/domain/duration.js';

describe('parseDuration', () => {
  it.each<[string, number | undefined]>([
    ['45m', 45],
    ['45min', 45],
    ['45MIN', 45],
    ['90m', 90],
    ['30minutter', 30],
    ['1t', 60],
    ['1h', 60],
    ['2timer', 120],
    ['1t30m', 90],
    ['1t30', 90],
    ['1h30', 90],
    ['1h30min', 90],
    ['1h05', 65],
    ['1:30', 90],
    ['0:45', 45],
    ['1,5t', 90],
    ['1.5h', 90],
    ['0,75t', 45],
    ['24h', 1440],
    ['24:00', 1440],
    // rejected
    ['0m', undefined],
    ['0t', undefined],
    ['0:00', undefined],
    ['25h', undefined],
    ['1441m', undefined],
    ['24:01', undefined],
    ['1t75', undefined],
    ['1:75', undefined],
    ['45', undefined],
    ['45 min', undefined],
    ['min', undefined],
    ['t', undefined],
    ['', undefined],
    ['1.5m', undefined],
    ['-5m', undefined],
    ['20/11', undefined],
  ])('%j -> %s', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each<[number, string, string]>([
    [45, '45 min', '45 min'],
    [60, '1 t', '1 h'],
    [90, '1 t 30 min', '1 h 30 min'],
    [125, '2 t 5 min', '2 h 5 min'],
    [1440, '24 t', '24 h'],
  ])('%i', (minutes, da, en) => {
    expect(formatDuration(minutes, 'da')).toBe(da);
    expect(formatDuration(minutes, 'en')).toBe(en);
  });
});

describe('takeDuration: durations typed in several words', () => {
  it.each<[string, { minutes: number; consumed: number } | undefined]>([
    ['20 min aftalt', { minutes: 20, consumed: 2 }],
    ['1,5 time', { minutes: 90, consumed: 2 }],
    ['1½ time', { minutes: 90, consumed: 2 }],
    ['½ time', { minutes: 30, consumed: 2 }],
    ['1 t 30 m', { minutes: 90, consumed: 4 }],
    ['1 time 30 min cv', { minutes: 90, consumed: 4 }],
    ['45m aftalt', { minutes: 45, consumed: 1 }],
    ['45', undefined],
    ['45 aftalt', undefined],
    ['aftalt 45m', undefined],
  ])('%s', (text, expected) => {
    expect(takeDuration(text.split(' '), 0)).toEqual(expected);
  });
});
