// /jobbot rules set (issue 13): an admin changes one rule in chat — previewed,
// confirmed, stored for every instance, in force from its date with its source —
// and the places that use the rule follow it from that date, not before.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { editRule, parseRuleKey } from '../../src/domain/rules/rule-edits.js';
import { checkInCadenceFor, exceededLimit, placementLimit, rulesFor, useShippedRules } from '../../src/domain/rules/rules.js';
import { SHIPPED_RULE_SETS } from '../../src/domain/rules/shipped-rules.js';
import * as ruleSwitches from '../../src/jobs/rule-switches.js';
import { databaseState, openWorld, type World } from '../helpers/world.js';

const SOURCE = { text: 'Byrådet 12/11', date: '2026-12-01' };
const lab2026 = SHIPPED_RULE_SETS.find((s) => s.id === 'reform-2026')!;

describe('one rule changed (the pure edit)', () => {
  it('reads keys in Danish and English, and a word that is both a group and a type by its setting', () => {
    expect(parseRuleKey('praktik.max.jobparat')).toEqual({ rule: 'max', type: 'INTERNSHIP', group: 'JOBPARAT' });
    expect(parseRuleKey('internship.exceed.others')).toEqual({ rule: 'onExceed', type: 'INTERNSHIP', group: 'others' });
    expect(parseRuleKey('fleksjob.kadence')).toEqual({ rule: 'cadence', group: 'FLEKSJOB' });
    expect(parseRuleKey('fleksjob.længde')).toEqual({ rule: 'defaultLength', type: 'FLEXJOB' });
    expect(parseRuleKey('norm.konsulent')).toEqual({ rule: 'norm', role: 'CONSULTANT' });
    expect(parseRuleKey('praktik.max')).toBeUndefined();
    expect(parseRuleKey('praktikk.længde')).toBeUndefined();
  });

  it('changes only the group named when a limit is shared, and carries the new source there', () => {
    const edit = editRule(lab2026, 'praktik.max.dagpenge', '6 uger', '2026-12-01', SOURCE);
    if (!edit.ok) throw new Error(edit.problem);
    expect(edit.before).toEqual({ kind: 'length', length: { weeks: 4 } });
    expect(edit.set.id).toBe('chat-2026-12-01');
    const limits = edit.set.placementTypes.INTERNSHIP.limits;
    expect(limits.find((l) => Array.isArray(l.groups) && l.groups.includes('JOBPARAT'))).toMatchObject({ groups: ['JOBPARAT'], max: { weeks: 4 } });
    expect(limits.find((l) => Array.isArray(l.groups) && l.groups.includes('DAGPENGE'))).toMatchObject({ groups: ['DAGPENGE'], max: { weeks: 6 }, source: SOURCE });
    // The set it was made from is untouched.
    expect(lab2026.placementTypes.INTERNSHIP.limits[0]).toMatchObject({ groups: ['DAGPENGE', 'JOBPARAT'], max: { weeks: 4 } });
  });

  it('adds a maximum where a type had none, and refuses what would say nothing or the wrong thing', () => {
    const added = editRule(lab2026, 'ordinære-timer.max.jobparat', '26u', '2026-12-01', SOURCE);
    expect(added.ok && added.before).toBe(undefined);
    expect(added.ok && added.set.placementTypes.ORDINARY_HOURS.limits).toEqual([{ groups: ['JOBPARAT'], max: { weeks: 26 }, onExceed: 'refuse', source: SOURCE }]);
    expect(editRule(lab2026, 'ordinære-timer.over.jobparat', 'advar', '2026-12-01', SOURCE)).toMatchObject({ ok: false, problem: 'notInForce' });
    expect(editRule(lab2026, 'praktik.max.jobparat', '4 uger', '2026-12-01', SOURCE)).toMatchObject({ ok: false, problem: 'unchanged' });
    expect(editRule(lab2026, 'praktik.max.jobparat', 'fire uger', '2026-12-01', SOURCE)).toMatchObject({ ok: false, problem: 'badValue', expected: 'length' });
    expect(editRule(lab2026, 'norm.sagsbehandler', '50-40', '2026-12-01', SOURCE)).toMatchObject({ ok: false, problem: 'badValue' });
    expect(editRule(lab2026, 'jobresultat', 'job,pizza', '2026-12-01', SOURCE)).toMatchObject({ ok: false, problem: 'badValue' });
    // A group of the set's year only: activity-ready is not a group in the 2027 set.
    const reform = SHIPPED_RULE_SETS.find((s) => s.id === 'reform-2027')!;
    expect(editRule(reform, 'aktivitetsparat.kadence', '14', '2027-01-04', SOURCE)).toMatchObject({ ok: false, problem: 'notInForce' });
  });
});

describe('/jobbot rules set', () => {
  let w: World;
  beforeAll(async () => {
    useShippedRules();
    w = await openWorld();
  });
  beforeEach(() => useShippedRules());
  afterAll(async () => {
    useShippedRules();
    await w.db.close();
  });

  it('is for admins, and a wrong rule, value, date or source changes nothing and says what to write', async () => {
    const before = await databaseState(w.prisma);
    expect(await w.bot.run('anne', '/jobbot rules set praktik.max.jobparat 6u')).toContain('administrator');
    expect(await w.bot.run('mette', '/jobbot regler sæt praktik.maks 6u')).toContain('Jeg kender ikke reglen "praktik.maks"');
    expect(await w.bot.run('mette', '/jobbot regler sæt praktik.max.jobparat seks uger')).toContain('"seks uger" passer ikke til praktik.max.jobparat: skriv en længde, fx 14d, 4u eller 6mdr');
    expect(await w.bot.run('mette', '/jobbot regler sæt sygedagpenge.kadence 14 fra:2026-11-01')).toContain('historikken ændres ikke');
    expect(await w.bot.run('mette', '/jobbot regler sæt sygedagpenge.kadence 14 kilde:"borger 010203-1234"')).toContain('CPR-nummer');
    expect(await w.bot.run('mette', '/jobbot regler sæt praktik.max.jobparat 4u')).toContain('er allerede 4u');
    expect(await databaseState(w.prisma)).toEqual(before);
  });

  it('previews the rule before and after with its source, and changes nothing until confirmed', async () => {
    const before = await databaseState(w.prisma);
    const out = await w.bot.run('mette', '/jobbot regler sæt praktik.max.jobparat 6u fra:2026-12-07');
    expect(out).toContain('Ændring af reglerne fra');
    expect(out).toContain('• længste virksomhedspraktik for jobparat: 4 uger → 6 uger');
    expect(out).toContain('Kilde: Lokal beslutning, ændret i chat (gælder fra 2026-12-07)');
    expect(out).toContain('Intet er ændret endnu. Gem med: /jobbot rules set praktik.max.jobparat 6u fra:2026-12-07 bekræft');
    expect(await databaseState(w.prisma)).toEqual(before);
    expect(placementLimit('INTERNSHIP', 'JOBPARAT', '2026-12-07')?.max).toEqual({ weeks: 4 });
  });

  it('stores the confirmed change: placements from its date follow it, earlier ones keep the old rule', async () => {
    const out = await w.bot.run('mette', '/jobbot regler sæt praktik.max.jobparat 6u fra:2026-12-07 kilde:"Byrådsbeslutning 12/11 2026" bekræft');
    expect(out).toContain('✅ Ændringen er gemt');
    expect(await w.prisma.ruleChange.count({ where: { kind: 'set' } })).toBe(1);
    expect(await w.prisma.auditLog.count({ where: { action: 'rules.set' } })).toBe(1);
    expect(exceededLimit('INTERNSHIP', 'JOBPARAT', '2026-11-30', '2027-01-01')).toBeDefined();
    expect(exceededLimit('INTERNSHIP', 'JOBPARAT', '2026-12-07', '2027-01-15')).toBeUndefined();
    expect(placementLimit('INTERNSHIP', 'JOBPARAT', '2026-12-07')?.source.text).toBe('Byrådsbeslutning 12/11 2026');
    // Through the command a citizen sees: a 5-week internship from 7 December passes, from today it is refused.
    const ref = await w.freshCitizen('R');
    expect(await w.bot.run('anne', `/praktik start ${ref} Netto weeks:5`)).toContain('højst vare 4 uger');
    expect(await w.bot.run('anne', `/praktik start ${ref} Netto from:2026-12-07 weeks:5`)).toContain('starter virksomhedspraktik hos Netto');
  });

  it('another instance installs the stored change on its scheduler tick; a later change on the same day builds on it', async () => {
    expect(placementLimit('INTERNSHIP', 'JOBPARAT', '2026-12-07')?.max).toEqual({ weeks: 4 });
    await ruleSwitches.run({ prisma: w.prisma }, new Date('2026-11-23T09:00:00Z'));
    expect(placementLimit('INTERNSHIP', 'JOBPARAT', '2026-12-07')?.max).toEqual({ weeks: 6 });
    expect(await w.bot.run('mette', '/jobbot regler sæt sygedagpenge.kadence 14 fra:2026-12-07 bekræft')).toContain('✅');
    expect(checkInCadenceFor('SYGEDAGPENGE', '2026-12-07')).toBe(14);
    expect(placementLimit('INTERNSHIP', 'JOBPARAT', '2026-12-07')?.max).toEqual({ weeks: 6 });
    expect(rulesFor('2026-12-07').title).toBe('Beskæftigelsesreformen, første fase med lokale ændringer');
    expect(await w.bot.run('anne', '/jobbot regler vis')).toContain('Næste regelsæt: Beskæftigelsesreformen, første fase med lokale ændringer fra man. 7. dec.');
  });

  it('a change of today applies at once: a new sickness-benefit citizen gets the new cadence', async () => {
    await ruleSwitches.run({ prisma: w.prisma }, new Date('2026-11-23T09:00:00Z'));
    const out = await w.bot.run('mette', '/jobbot rules set sick.cadence 21 bekræft');
    expect(out).toContain('• standard-kadence for sygedagpenge: 28 dage → 21 dage');
    expect(out).toContain('Gælder til man. 7. dec., hvor Beskæftigelsesreformen, første fase med lokale ændringer træder i kraft uden denne ændring.');
    const ref = await w.freshCitizen('S', 'anne', 'group:sygedagpenge');
    expect((await w.prisma.citizen.findFirstOrThrow({ where: { ref } })).cadenceDays).toBe(21);
  });

  it('answers in English for an English-speaking admin', async () => {
    await w.prisma.staff.update({ where: { id: w.fixture.staff.mette }, data: { locale: 'en' } });
    const out = await w.bot.run('mette', '/jobbot rules set wage-subsidy-public.exceed.activity-ready warn');
    expect(out).toContain('• wage subsidy (public) beyond the maximum for activity-ready: refused → saved with a warning');
    expect(out).toContain('Nothing has been changed yet');
    await w.prisma.staff.update({ where: { id: w.fixture.staff.mette }, data: { locale: 'da' } });
  });
});
