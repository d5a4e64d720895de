// The pipeline's pure rules (issue 14): who moved up in a month, and when a placement counts as retained.
import { describe, expect, it } from 'vitest';
import { addMonths, movedUpIn, retainedOn } from '../../src/domain/pipeline.js';
import type { Readiness } from '../../src/domain/enums.js';

const h = (...steps: Array<[string, Readiness]>) => steps.map(([setOn, readiness]) => ({ setOn, readiness }));

describe('movedUpIn (November 2026)', () => {
  const cases: Array<[string, ReturnType<typeof h>, boolean]> = [
    ['further → close in the month', h(['2026-10-10', 'FURTHER'], ['2026-11-05', 'CLOSE']), true],
    ['further → ready, two steps, counts once', h(['2026-10-10', 'FURTHER'], ['2026-11-05', 'READY']), true],
    ['first assessment in the month is no move', h(['2026-11-05', 'CLOSE']), false],
    ['first assessed and raised within the month', h(['2026-11-02', 'FURTHER'], ['2026-11-20', 'CLOSE']), true],
    ['up and back down again', h(['2026-10-10', 'CLOSE'], ['2026-11-05', 'READY'], ['2026-11-20', 'CLOSE']), false],
    ['down', h(['2026-10-10', 'READY'], ['2026-11-05', 'CLOSE']), false],
    ['moved up last month, nothing this month', h(['2026-09-10', 'FURTHER'], ['2026-10-05', 'CLOSE']), false],
    ['moved up after the month', h(['2026-10-10', 'FURTHER'], ['2026-12-01', 'CLOSE']), false],
  ];
  it.each(cases)('%s', (_name, history, expected) => {
    expect(movedUpIn(history, '2026-11-01', '2026-11-30')).toBe(expected);
  });
});

describe('addMonths and retainedOn', () => {
  it('adds months, clamping to the month end', () => {
    expect(addMonths('2026-08-20', 3)).toBe('2026-11-20');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', -4)).toBe('2026-08-15');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
  });

  const cases: Array<[string, { startOn: string; endedOn: string | null; plannedEndOn: string }, string, string | undefined]> = [
    ['running and planned past the day', { startOn: '2026-08-20', endedOn: null, plannedEndOn: '2027-02-01' }, '2026-11-23', '2026-11-20'],
    ['the day has not come yet', { startOn: '2026-08-28', endedOn: null, plannedEndOn: '2027-02-01' }, '2026-11-23', undefined],
    ['ended before the day', { startOn: '2026-08-20', endedOn: '2026-11-19', plannedEndOn: '2027-02-01' }, '2026-11-23', undefined],
    ['ended on the day itself', { startOn: '2026-08-20', endedOn: '2026-11-20', plannedEndOn: '2027-02-01' }, '2026-11-23', '2026-11-20'],
    ['open, but its planned end passed before the day', { startOn: '2026-08-20', endedOn: null, plannedEndOn: '2026-09-03' }, '2026-11-23', undefined],
  ];
  it.each(cases)('%s', (_name, p, today, expected) => {
    expect(retainedOn(p, today)).toBe(expected);
  });
});
