// One reading of a month name for commands and questions: a bare name means
// the nearest occurrence, so at 15 December "januar" is January 2027 both in
// /target and in a plain-chat question.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMonth } from '../../src/domain/month-words.js';
import { day, openWorld, type World } from '../helpers/world.js';

const DEC_15 = new Date('2026-12-15T09:00:00Z');

describe('month names at 2026-12-15', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld({ now: DEC_15 });
  });
  afterAll(async () => w.db.close());

  it('/target takes "januar" as January 2027 and stores it there', async () => {
    const out = await w.bot.run('mette', '/target møder 100 januar');
    expect(out).not.toContain('er slut');
    expect(out).toContain('januar 2027');
    const stored = await w.prisma.monthlyTarget.findMany();
    expect(stored.map((t) => [day(t.month), t.metric, t.target])).toEqual([['2027-01-01', 'MEETINGS', 100]]);
  });

  it('/target takes a month that is over as next year\'s: "november" in December is November 2027', async () => {
    const out = await w.bot.run('mette', '/target job 4 november');
    expect(out).toContain('november 2027');
    const stored = await w.prisma.monthlyTarget.findFirstOrThrow({ where: { metric: 'JOB_OUTCOMES' } });
    expect(day(stored.month)).toBe('2027-11-01');
  });

  it('a question about the targets "i januar" reads the same month', async () => {
    const out = await w.bot.run('mette', 'hvor langt er vi med målene i januar');
    expect(out).toContain('januar 2027');
    expect(out).not.toContain('januar 2026');
  });

  it('the short forms the commands took are understood in questions too', async () => {
    expect(await w.bot.run('mette', 'hvor langt er vi med målene i jan')).toContain('januar 2027');
  });
});

describe('parseMonth', () => {
  const today = '2026-12-15';
  it.each([
    ['januar', 'nearest', '2027-01-01'],
    ['jan', 'nearest', '2027-01-01'],
    ['november', 'nearest', '2026-11-01'],
    ['december', 'nearest', '2026-12-01'],
    ['jul', 'nearest', '2026-07-01'],
    ['mar', 'nearest', '2027-03-01'],
    ['november', 'upcoming', '2027-11-01'],
    ['december', 'upcoming', '2026-12-01'],
    ['januar', 'upcoming', '2027-01-01'],
  ] as const)('%s (%s) → %s', (word, prefer, expected) => {
    expect(parseMonth(word, today, prefer)).toBe(expected);
  });

  it('in January, a bare "december" is last December', () => {
    expect(parseMonth('december', '2027-01-10')).toBe('2026-12-01');
  });
});
