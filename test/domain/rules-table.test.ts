// The rules table as data: the shipped sets pass their own schema, a date picks the set in force,
// and a municipality's rules file is checked before it replaces anything.
import { afterEach, describe, expect, it } from 'vitest';
import { ruleSetsSchema } from '../../src/domain/rules/schema.js';
import { SHIPPED_RULE_SETS } from '../../src/domain/rules/shipped-rules.js';
import {
  checkInCadenceFor,
  defaultPlannedEnd,
  exceededLimit,
  followUpRhythm,
  jobResultKinds,
  lastDayOf,
  openTargetGroups,
  rulesFor,
  targetGroupRule,
  useRuleSets,
  useShippedRules,
} from '../../src/domain/rules/rules.js';
import { parseTargetGroup } from '../../src/domain/vocabulary.js';

afterEach(() => useShippedRules());

describe('shipped rules', () => {
  it('pass the schema, every rule with a source', () => {
    expect(ruleSetsSchema.safeParse(SHIPPED_RULE_SETS).success).toBe(true);
  });

  it('switch on 1 February 2026: ressourceforløb closes to new citizens, with its law', () => {
    expect(rulesFor('2026-01-31').id).toBe('lab-2020');
    expect(targetGroupRule('RESSOURCEFORLOEB', '2026-01-31')?.openToNew).toBe(true);
    expect(rulesFor('2026-02-01').id).toBe('reform-2026');
    expect(targetGroupRule('RESSOURCEFORLOEB', '2026-02-01')).toMatchObject({ openToNew: false, source: { text: expect.stringContaining('Lov nr. 1750 af 29/12/2025'), date: '2026-02-01' } });
    expect(openTargetGroups('2026-02-01')).not.toContain('RESSOURCEFORLOEB');
    expect(openTargetGroups('2026-02-01')).toEqual(expect.arrayContaining(['DAGPENGE', 'LEDIGHEDSYDELSE', 'FLEKSJOB', 'JOBAFKLARING', 'INTEGRATION']));
  });

  it('give sickness-benefit citizens a four-weekly default cadence, the others weekly', () => {
    expect(checkInCadenceFor('SYGEDAGPENGE', '2026-11-30')).toBe(28);
    expect(checkInCadenceFor('JOBPARAT', '2026-11-30')).toBe(7);
  });

  it('cap internships at 4 weeks for dagpenge and job-ready, 13 for others; wage subsidy by LAB § 68', () => {
    const start = '2026-11-23'; // a Monday
    expect(exceededLimit('INTERNSHIP', 'JOBPARAT', start, '2026-12-21')).toBeUndefined(); // 4 weeks end on a Sunday: Monday counts
    expect(exceededLimit('INTERNSHIP', 'JOBPARAT', start, '2026-12-22')?.limit.max).toEqual({ weeks: 4 });
    expect(exceededLimit('INTERNSHIP', 'DAGPENGE', start, '2026-12-22')).toBeDefined();
    expect(exceededLimit('INTERNSHIP', 'AKTIVITETSPARAT', start, '2027-02-22')).toBeUndefined();
    expect(exceededLimit('INTERNSHIP', 'SYGEDAGPENGE', start, '2027-02-23')?.limit.max).toEqual({ weeks: 13 });
    expect(exceededLimit('WAGE_SUBSIDY_PUBLIC', 'DAGPENGE', start, '2027-03-23')?.limit.max).toEqual({ months: 4 });
    // § 68, nr. 1: job-ready as dagpenge, 4 months public and 6 private; § 68, nr. 2: activity-ready 6 months.
    expect(exceededLimit('WAGE_SUBSIDY_PUBLIC', 'JOBPARAT', start, '2027-03-22')).toBeUndefined();
    expect(exceededLimit('WAGE_SUBSIDY_PUBLIC', 'JOBPARAT', start, '2027-05-24')?.limit.max).toEqual({ months: 4 });
    expect(exceededLimit('WAGE_SUBSIDY_PUBLIC', 'AKTIVITETSPARAT', start, '2027-05-24')).toBeUndefined();
    expect(exceededLimit('WAGE_SUBSIDY_PUBLIC', 'AKTIVITETSPARAT', start, '2027-11-22')?.limit.max).toEqual({ months: 6 });
    expect(exceededLimit('WAGE_SUBSIDY_PRIVATE', 'DAGPENGE', start, '2027-05-24')).toBeUndefined();
    expect(exceededLimit('WAGE_SUBSIDY_PRIVATE', 'DAGPENGE', start, '2027-11-22')?.limit.max).toEqual({ months: 6 });
    expect(exceededLimit('WAGE_SUBSIDY_PRIVATE', 'SYGEDAGPENGE', start, '2027-11-22')).toBeUndefined();
  });

  it('default lengths stay within the maximum: 26 weeks of public wage subsidy become 4 months for dagpenge', () => {
    expect(defaultPlannedEnd('INTERNSHIP', 'JOBPARAT', '2026-11-23')).toBe('2026-12-07');
    expect(defaultPlannedEnd('WAGE_SUBSIDY_PUBLIC', 'DAGPENGE', '2026-11-23')).toBe('2027-03-22');
    expect(lastDayOf('2026-01-31', { months: 1 })).toBe('2026-02-27');
  });

  it('follow an internship up a week in, then monthly; other placements monthly', () => {
    expect(followUpRhythm('INTERNSHIP', '2026-11-23')).toEqual({ firstAfterDays: 7, everyDays: 30 });
    expect(followUpRhythm('WAGE_SUBSIDY_PRIVATE', '2026-11-23')).toEqual({ firstAfterDays: 30, everyDays: 30 });
  });

  it('count jobs, hours, flexjobs, education and apprenticeships as job results', () => {
    expect(jobResultKinds('2026-11-30')).toEqual(['ORDINARY_JOB', 'ORDINARY_HOURS', 'FLEXJOB', 'EDUCATION', 'APPRENTICESHIP']);
  });

  it('give the new groups Danish and English words', () => {
    expect(parseTargetGroup('dagpenge')).toBe('DAGPENGE');
    expect(parseTargetGroup('unemployment-benefit')).toBe('DAGPENGE');
    expect(parseTargetGroup('ledighedsydelse')).toBe('LEDIGHEDSYDELSE');
    expect(parseTargetGroup('flexjob')).toBe('FLEKSJOB');
    expect(parseTargetGroup('jobafklaring')).toBe('JOBAFKLARING');
    expect(parseTargetGroup('refugee')).toBe('INTEGRATION');
  });
});

describe('a municipality\'s rule sets', () => {
  it('refuse a file with a typo and keep the rules in force', () => {
    const bad = [{ ...SHIPPED_RULE_SETS[0], caseloadNorms: { CASEWORKER: { min: 50, max: 40, source: { text: 'lokalt', date: '2026-01-01' } }, CONSULTANT: SHIPPED_RULE_SETS[0]!.caseloadNorms.CONSULTANT } }];
    const result = useRuleSets(bad);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain('min must not exceed max');
    expect(useRuleSets([{ ...SHIPPED_RULE_SETS[0], effectiveFrom: '2026-13-01' }]).ok).toBe(false);
    expect(useRuleSets([{ ...SHIPPED_RULE_SETS[0], surprise: true }]).ok).toBe(false);
    expect(rulesFor('2026-11-30').id).toBe('reform-2026');
  });

  it('take effect on their own date without rewriting what came before', () => {
    const local = { ...SHIPPED_RULE_SETS[1]!, id: 'kommune-2027', title: 'Kommunens regler 2027', effectiveFrom: '2027-01-01', caseloadNorms: { ...SHIPPED_RULE_SETS[1]!.caseloadNorms, CASEWORKER: { min: 35, max: 45, source: { text: 'Byrådsbeslutning', date: '2026-12-01' } } } };
    expect(useRuleSets([...SHIPPED_RULE_SETS, local])).toEqual({ ok: true });
    expect(rulesFor('2026-12-31').caseloadNorms.CASEWORKER.max).toBe(50);
    expect(rulesFor('2027-01-01').caseloadNorms.CASEWORKER.max).toBe(45);
  });
});
