// submitForm (src/handlers/form-submission.ts): the one path every channel's
// forms take. Values reach the record functions as values, so what a user
// typed in a field is stored exactly, and the rules are the typed command's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAction } from '../../src/handlers/router.js';
import { submitForm, type FormSubmission } from '../../src/handlers/form-submission.js';
import type { RouterDeps } from '../../src/handlers/context.js';
import { MONDAY } from '../helpers/fixtures.js';
import { databaseState, day, openWorld, type World } from '../helpers/world.js';

describe('submitForm', () => {
  let w: World;
  let deps: RouterDeps;
  beforeAll(async () => {
    w = await openWorld();
    deps = { prisma: w.prisma, clock: () => MONDAY, adminEmails: [] };
  });
  afterAll(async () => w.db.close());

  const submit = async (handle: string, formId: FormSubmission['formId'], values: Record<string, string>, requestKey?: string) =>
    submitForm(deps, { formId, values, actor: await w.actor(handle), channel: 'SLACK', ...(requestKey ? { requestKey } : {}) });
  const meetingsOf = async (ref: string) => (await w.prisma.citizen.findFirstOrThrow({ where: { ref }, include: { meetings: true } })).meetings;

  it('stores a note exactly as typed, whatever quotes, numbers or "word:" it holds', async () => {
    const ref = await w.freshCitizen('F');
    // Every quote pair the old text round trip could use, a leading number, and an option-like word.
    const note = '3 ting: «praktik» hos "Netto" og \'Føtex\' – „ok“ kl:10';
    const outcome = await submit('anne', 'meeting', { citizen: ref.toLowerCase(), kind: 'THREE_PARTY', date: '2026-11-20', duration: '45', note });
    expect(outcome.kind).toBe('routed');
    expect(await meetingsOf(ref)).toMatchObject([{ kind: 'THREE_PARTY', durationMinutes: 45, note }]);
  });

  it('stores a company that reads like a date or a type word as the company', async () => {
    const ref = await w.freshCitizen('F');
    const outcome = await submit('anne', 'placement', { citizen: ref, company: 'I dag løntilskud ApS', type: 'INTERNSHIP', from: '2026-11-23', days: '10' });
    expect(outcome.kind).toBe('routed');
    const [placement] = await w.prisma.placement.findMany({ where: { citizen: { ref } } });
    expect(placement).toMatchObject({ company: 'I dag løntilskud ApS', type: 'INTERNSHIP' });
    expect(day(placement?.plannedEndOn)).toBe('2026-12-02');
  });

  it('puts a field error beside the field and runs nothing', async () => {
    const before = await databaseState(w.prisma);
    const outcome = await submit('anne', 'meeting', { citizen: 'C-1', kind: 'PHONE', date: '2026-11-30' });
    expect(outcome).toMatchObject({ kind: 'invalid', errors: { date: expect.stringContaining('fremtiden') } });
    expect(await databaseState(w.prisma)).toEqual(before);
  });

  it('hands a rule the form could not check back for the right field, and saves nothing', async () => {
    const ref = await w.freshCitizen('F', 'bo');
    const before = await databaseState(w.prisma);
    const outcome = await submit('anne', 'meeting', { citizen: ref, kind: 'PHONE', date: '2026-11-23' });
    expect(outcome).toMatchObject({ kind: 'rejected', field: 'citizen' });
    expect(await databaseState(w.prisma)).toEqual(before);
  });

  it('answers a re-submitted form once, from the first time', async () => {
    const ref = await w.freshCitizen('F');
    const first = await submit('anne', 'meeting', { citizen: ref, kind: 'PHONE', date: '2026-11-23' }, 'test:view:1');
    const again = await submit('anne', 'meeting', { citizen: ref, kind: 'PHONE', date: '2026-11-23' }, 'test:view:1');
    expect(first.kind).toBe('routed');
    expect(again).toMatchObject({ kind: 'routed', routed: { replayed: true } });
    expect(await meetingsOf(ref)).toHaveLength(1);
  });

  it('asks before a likely duplicate, and "Log igen" saves the form\'s values, checked again', async () => {
    const ref = await w.freshCitizen('F');
    const values = { citizen: ref, kind: 'PHONE', date: '2026-11-23', note: '"citat" og 5 min' };
    await submit('anne', 'meeting', values);
    const asked = await submit('anne', 'meeting', values);
    if (asked.kind !== 'routed') throw new Error(`expected a question, got ${asked.kind}`);
    expect(asked.routed.reply.text).toContain('log igen?');
    expect(await meetingsOf(ref)).toHaveLength(1);
    const button = asked.routed.reply.blocks.flatMap((b) => (b.type === 'actions' ? b.actions : [])).find((a) => a.id === 'entry.again');
    if (!button) throw new Error('no Log igen button');
    const actor = await w.actor('anne');
    await routeAction(deps, { actionId: button.id, value: button.value, actor, channel: 'SLACK' });
    expect((await meetingsOf(ref)).map((m) => m.note)).toEqual([values.note, values.note]);
    // A forged value is checked like a submission: a date in the future is refused, nothing saved.
    const forged = JSON.stringify({ form: 'meeting', values: { ...values, date: '2027-01-01' } });
    const refused = await routeAction(deps, { actionId: button.id, value: forged, actor, channel: 'SLACK' });
    expect(refused.reply.status).toBe('error');
    expect(await meetingsOf(ref)).toHaveLength(2);
  });

  it('undoes a form entry with Fortryd like a typed one', async () => {
    const ref = await w.freshCitizen('F');
    const outcome = await submit('anne', 'outcome', { citizen: ref, kind: 'ORDINARY_JOB', hours: '37', employer: 'Lidl: "Nord"' });
    if (outcome.kind !== 'routed') throw new Error(outcome.kind);
    const [saved] = await w.prisma.outcome.findMany({ where: { citizen: { ref } } });
    expect(saved?.employer).toBe('Lidl: "Nord"');
    expect(Number(saved?.weeklyHours)).toBe(37);
    const undo = outcome.routed.reply.blocks.flatMap((b) => (b.type === 'actions' ? b.actions : [])).find((a) => a.id.includes('undo'));
    if (!undo) throw new Error('no undo button');
    await routeAction(deps, { actionId: undo.id, value: undo.value, actor: await w.actor('anne'), channel: 'SLACK' });
    expect(await w.prisma.outcome.count({ where: { citizen: { ref } } })).toBe(0);
  });

  it('a follow-up form that ends or extends the placement does it, asking for the reason or the new end beside the field', async () => {
    const ref = await w.freshCitizen('F');
    await w.bot.run('anne', `/placement start ${ref} Bageren from:2026-11-16`);
    const placement = () => w.prisma.placement.findFirstOrThrow({ where: { citizen: { ref } } });
    expect(await submit('anne', 'followup', { citizen: ref, outcome: 'END', date: '2026-11-23' })).toMatchObject({ kind: 'invalid', errors: { reason: expect.stringContaining('Afsluttes') } });
    expect(await submit('anne', 'followup', { citizen: ref, outcome: 'EXTEND', date: '2026-11-23' })).toMatchObject({ kind: 'invalid', errors: { until: expect.stringContaining('Forlænges') } });
    expect(await w.prisma.placementFollowUp.count({ where: { placement: { citizen: { ref } } } })).toBe(0);

    // An internship is extended only with a reason (the rules table): the note gives it.
    expect(await submit('anne', 'followup', { citizen: ref, outcome: 'EXTEND', date: '2026-11-23', until: '2026-12-11' })).toMatchObject({ kind: 'rejected', message: expect.stringContaining('forlænges kun med et reelt jobperspektiv') });
    expect(await w.prisma.placementFollowUp.count({ where: { placement: { citizen: { ref } } } })).toBe(0);
    expect((await submit('anne', 'followup', { citizen: ref, outcome: 'EXTEND', date: '2026-11-23', until: '2026-12-11', note: 'tilbud om 10 timer' })).kind).toBe('routed');
    expect(await placement()).toMatchObject({ extensionReason: 'tilbud om 10 timer' });
    expect(day((await placement()).plannedEndOn)).toBe('2026-12-11');
    expect((await submit('anne', 'followup', { citizen: ref, outcome: 'END', date: '2026-11-23', reason: 'JOB' })).kind).toBe('routed');
    expect(await placement()).toMatchObject({ status: 'ENDED', endReason: 'JOB' });
  });

  it('ends a placement, adds a citizen and sets a target from their forms', async () => {
    const ref = await w.freshCitizen('F');
    await w.bot.run('anne', `/placement start ${ref} "Netto Nord" from:2026-11-16`);
    expect((await submit('anne', 'placement-end', { citizen: ref, reason: 'COMPANY_WONT_PAY', date: '2026-11-20' })).kind).toBe('routed');
    const placement = await w.prisma.placement.findFirstOrThrow({ where: { citizen: { ref } } });
    expect(placement).toMatchObject({ status: 'ENDED', endReason: 'COMPANY_WONT_PAY' });
    expect(day(placement.endedOn)).toBe('2026-11-20');

    expect((await submit('anne', 'citizen', { ref: 'f-900', initials: 'ef', group: 'AKTIVITETSPARAT', cadence: '14' })).kind).toBe('routed');
    expect(await w.prisma.citizen.findFirstOrThrow({ where: { ref: 'F-900' } })).toMatchObject({ initials: 'EF', targetGroup: 'AKTIVITETSPARAT', cadenceDays: 14 });

    expect(await submit('anne', 'target', { 'team:JOB_OUTCOMES': '5', month: '2026-12' })).toMatchObject({ kind: 'rejected' });
    expect((await submit('mette', 'target', { 'team:JOB_OUTCOMES': '5', month: '2026-12' })).kind).toBe('routed');
    const [target] = await w.prisma.monthlyTarget.findMany({ where: { metric: 'JOB_OUTCOMES' } });
    expect(target?.target).toBe(5);
    expect(day(target?.month)).toBe('2026-12-01');
  });
});
