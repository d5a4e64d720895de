// The target form (issue 14): a manager sets the month's targets for the team
// and each person in it, every measure, in one submission; saved whole or not
// at all, each change audited. Through submitForm (the path Slack and Teams
// take) against a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { da } from '../../src/domain/i18n/da.js';
import { TARGET_METRICS } from '../../src/domain/enums.js';
import { targetFormContext } from '../../src/handlers/caseload/target-form.js';
import { submitForm } from '../../src/handlers/form-submission.js';
import type { RouterDeps } from '../../src/handlers/context.js';
import { buildForm, MAX_FORM_PEOPLE, targetFieldId } from '../../src/handlers/forms.js';
import { MONDAY } from '../helpers/fixtures.js';
import { databaseState, day, openWorld, type World } from '../helpers/world.js';

describe('the target form', () => {
  let w: World;
  let deps: RouterDeps;
  beforeAll(async () => {
    w = await openWorld();
    deps = { prisma: w.prisma, clock: () => MONDAY, adminEmails: [] };
    await w.bot.run('mette', '/måltal samtaler 40', '/måltal delmål 6 @anne');
  });
  afterAll(async () => w.db.close());

  const submit = async (handle: string, values: Record<string, string>) => submitForm(deps, { formId: 'target', values, actor: await w.actor(handle), channel: 'SLACK' });
  const id = (handle: keyof World['fixture']['staff']) => w.fixture.staff[handle];

  it("opens with every measure for the team and for each person with a caseload, filled in with this month's targets", async () => {
    const context = await targetFormContext(w.prisma, await w.actor('mette'), '2026-11-23');
    expect(context.people.map((p) => p.handle)).toEqual(['anne', 'bo', 'camilla', 'ida']);
    const form = buildForm('target', { t: da, today: '2026-11-23', citizens: [], ...context });
    expect(form.fields).toHaveLength(1 + 7 * 5);
    expect(form.fields[0]).toMatchObject({ id: 'month', initial: '2026-11' });
    const team = form.fields.filter((f) => f.section === 'Teamet');
    expect(team.map((f) => f.id)).toEqual(TARGET_METRICS.map((m) => `team:${m}`));
    expect(team.map((f) => f.label)).toContain('Borgere rykket op');
    expect(form.fields.find((f) => f.id === 'team:MEETINGS')?.initial).toBe('40');
    const anneSubGoals = form.fields.find((f) => f.id === targetFieldId('SUB_GOALS_REACHED', id('anne')));
    expect(anneSubGoals).toMatchObject({ section: '@anne', label: 'Delmål nået (@anne)', initial: '6' });
    expect(form.fields.find((f) => f.id === targetFieldId('PLACEMENTS_RETAINED', id('camilla')))?.label).toBe('Forløb fastholdt 3 mdr. (@camilla)');
    expect(form.intro).toContain('Felterne viser måltallene for november 2026');
    // A caseworker gets no one's figures.
    expect(await targetFormContext(w.prisma, await w.actor('anne'), '2026-11-23')).toEqual({ people: [], prefill: {} });
  });

  it('names the people a large team leaves out of the form', () => {
    const people = Array.from({ length: MAX_FORM_PEOPLE + 2 }, (_, i) => ({ id: `id-${i}`, handle: `p${String(i).padStart(2, '0')}` }));
    const form = buildForm('target', { t: da, today: '2026-11-23', citizens: [], people });
    expect(form.fields).toHaveLength(1 + 7 * (1 + MAX_FORM_PEOPLE));
    expect(form.intro).toContain('sæt mål for @p10, @p11 med /måltal');
  });

  it("saves the team's and several people's targets in one go, each change audited, what is unchanged left alone", async () => {
    const audits = () => w.prisma.auditLog.count({ where: { action: 'target.set' } });
    const before = await audits();
    const outcome = await submit('mette', {
      month: '2026-11',
      [targetFieldId('MEETINGS')]: '40', // as it was
      [targetFieldId('READINESS_MOVES')]: '5',
      [targetFieldId('SUB_GOALS_REACHED', id('anne'))]: '8',
      [targetFieldId('PLACEMENTS_RETAINED', id('camilla'))]: '2',
      [targetFieldId('JOB_OUTCOMES', id('bo'))]: '',
    });
    expect(outcome.kind).toBe('routed');
    if (outcome.kind !== 'routed') return;
    expect(outcome.routed.reply.text).toContain('Måltal for november 2026 er gemt: 3 ændringer, 1 uændret.');
    expect(outcome.routed.reply.text).toContain('borgere rykket op: 5 (nyt)');
    expect(outcome.routed.reply.text).toContain('delmål nået (@anne): 8 (erstatter 6)');
    expect(outcome.routed.reply.text).toContain('forløb fastholdt 3 mdr. (@camilla): 2 (nyt)');
    expect(await audits()).toBe(before + 3);
    const team = await w.prisma.monthlyTarget.findFirstOrThrow({ where: { teamId: w.fixture.teamId, metric: 'READINESS_MOVES' } });
    expect([team.target, day(team.month), team.setById]).toEqual([5, '2026-11-01', id('mette')]);
    const people = await w.prisma.staffMonthlyTarget.findMany({ where: { teamId: w.fixture.teamId }, orderBy: { target: 'asc' } });
    expect(people.map((p) => [p.staffId, p.metric, p.target])).toEqual([
      [id('camilla'), 'PLACEMENTS_RETAINED', 2],
      [id('anne'), 'SUB_GOALS_REACHED', 8],
    ]);
    // /targets shows them, the team's and each person's.
    const shown = await w.bot.run('mette', '/mål');
    expect(shown).toContain('borgere rykket op: 0 af 5');
    expect(shown).toContain('forløb fastholdt 3 mdr. (@camilla): 0 af 2');
  });

  it("sets next month's targets from the same form", async () => {
    expect((await submit('mette', { month: '2026-12', [targetFieldId('MEETINGS', id('bo'))]: '12' })).kind).toBe('routed');
    const row = await w.prisma.staffMonthlyTarget.findFirstOrThrow({ where: { staffId: id('bo') } });
    expect([row.metric, row.target, day(row.month)]).toEqual(['MEETINGS', 12, '2026-12-01']);
  });

  it('saves nothing when one person is not in the team any more, or from another team; nor for a caseworker or an empty form', async () => {
    const before = await databaseState(w.prisma);
    const withOlga = await submit('mette', { month: '2026-11', [targetFieldId('MEETINGS')]: '50', [targetFieldId('MEETINGS', id('olga'))]: '3' });
    expect(withOlga).toMatchObject({ kind: 'rejected', field: 'month', message: da.targets.formPersonGone });
    const unknown = await submit('mette', { month: '2026-11', [targetFieldId('MEETINGS', '00000000-0000-4000-8000-000000000000')]: '3' });
    expect(unknown).toMatchObject({ kind: 'rejected', message: da.targets.formPersonGone });
    expect(await submit('mette', { month: '2026-11', [targetFieldId('MEETINGS')]: '' })).toMatchObject({ kind: 'rejected', message: da.targets.formNothing });
    expect(await submit('anne', { month: '2026-11', [targetFieldId('MEETINGS')]: '50' })).toMatchObject({ kind: 'rejected', message: expect.stringContaining('Kun ledere') });
    // Only the refused attempt is audited (databaseState leaves it out): nothing changed.
    expect(await databaseState(w.prisma)).toEqual(before);
  });

  it('puts a wrong number beside its field, for a person too, and runs nothing', async () => {
    const field = targetFieldId('JOB_OUTCOMES', id('anne'));
    const outcome = await submit('mette', { month: '2026-11', [targetFieldId('MEETINGS')]: '2,5', [field]: '-1' });
    expect(outcome).toMatchObject({ kind: 'invalid', errors: { 'team:MEETINGS': da.forms.errors.wholeNumber(0, 10_000), [field]: da.forms.errors.wholeNumber(0, 10_000) } });
    expect(await submit('mette', { month: '2026-10', [targetFieldId('MEETINGS')]: '5' })).toMatchObject({ kind: 'invalid', errors: { month: da.forms.errors.choose } });
  });
});
