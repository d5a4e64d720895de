// /jobbot rules switch (issue 13): an admin previews the ready 2027 rule set and
// the citizens its mapping would move, confirms, and from the date the groups
// change — in the rules table and, on the first working day, for the citizens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rulesFor, targetGroupRule, useShippedRules } from '../../src/domain/rules/rules.js';
import * as ruleSwitches from '../../src/jobs/rule-switches.js';
import { databaseState, openWorld, type World } from '../helpers/world.js';

describe('/jobbot rules switch', () => {
  let w: World;
  let now = new Date('2026-12-14T09:00:00Z');
  beforeAll(async () => {
    useShippedRules();
    w = await openWorld({ now: () => now });
  });
  afterAll(async () => {
    useShippedRules();
    await w.db.close();
  });

  const groupOf = async (ref: string) => (await w.prisma.citizen.findFirstOrThrow({ where: { ref } })).targetGroup;

  it('is for admins, and refuses a date in the past and an unknown set without changing anything', async () => {
    const before = await databaseState(w.prisma);
    expect(await w.bot.run('anne', '/jobbot rules switch reform-2027')).toContain('administrator');
    expect(await w.bot.run('mette', '/jobbot regler skift reform-2027 fra:2026-12-01')).toContain('historikken ændres ikke');
    // A date phrase of two words is read whole, as in every date option.
    expect(await w.bot.run('mette', '/jobbot regler skift reform-2027 fra:i går')).toContain('historikken ændres ikke');
    expect(await w.bot.run('mette', '/jobbot regler skift reform-2099')).toContain('Klar til skift: reform-2027');
    expect(await databaseState(w.prisma)).toEqual(before);
  });

  it('previews the switch with the citizens its mapping moves, and changes nothing', async () => {
    const active = await w.freshCitizen('A', 'anne', 'group:aktivitetsparat');
    const young = await w.freshCitizen('U', 'anne', 'group:uddannelsesparat');
    const before = await databaseState(w.prisma);
    const out = await w.bot.run('mette', '/jobbot regler skift reform-2027');
    expect(out).toContain('Skift til Beskæftigelsesreformen, anden fase (fem målgrupper) fra');
    expect(out).toMatch(/aktivitetsparat → jobparat: \d+ borger/);
    expect(out).toMatch(/uddannelsesparat → jobparat: \d+ borger/);
    expect(out).toContain('Intet er ændret endnu. Skift med: /jobbot rules switch reform-2027 bekræft');
    expect(await databaseState(w.prisma)).toEqual(before);
    expect(await groupOf(active)).toBe('AKTIVITETSPARAT');
    expect(await groupOf(young)).toBe('UDDANNELSESPARAT');
    // An admin may move a group elsewhere than the set's mapping; only to a group of the set.
    const own = await w.bot.run('mette', '/jobbot regler skift reform-2027 uddannelsesparat:dagpenge');
    expect(own).toMatch(/uddannelsesparat → dagpenge: \d+ borger/);
    expect(own).toMatch(/aktivitetsparat → jobparat: \d+ borger/);
    expect(own).toContain('Skift med: /jobbot rules switch reform-2027 uddannelsesparat:dagpenge bekræft');
    expect(await w.bot.run('mette', '/jobbot regler skift reform-2027 aktivitetsparat:aktivitetsparat')).toContain('skriv en målgruppe, der findes i Beskæftigelsesreformen, anden fase');
    expect(await w.bot.run('mette', '/jobbot regler skift reform-2027 aktivitetsparat:pizza bekræft')).toContain('Intet er ændret');
    expect(await databaseState(w.prisma)).toEqual(before);
    // Before the switch the 2027 date changes nothing in the rules.
    expect(targetGroupRule('AKTIVITETSPARAT', '2027-01-04')).toBeDefined();
  });

  it('stores the confirmed switch: the set is in force from its date, and citizens move on the first working day', async () => {
    const active = await w.freshCitizen('B', 'anne', 'group:aktivitetsparat');
    const out = await w.bot.run('mette', '/jobbot regler skift reform-2027 fra:2027-01-01 bekræft');
    expect(out).toContain('✅ Skiftet er gemt');
    expect(rulesFor('2026-12-31').id).toBe('reform-2026');
    expect(rulesFor('2027-01-04').id).toBe('reform-2027');
    expect(targetGroupRule('AKTIVITETSPARAT', '2027-01-04')).toBeUndefined();
    // Until the date, activity-ready is still a group; nobody moved yet.
    expect(await w.bot.run('anne', `/citizen set ${active} group:aktivitetsparat`)).not.toContain('ikke en målgruppe');
    await ruleSwitches.run({ prisma: w.prisma }, now);
    expect(await groupOf(active)).toBe('AKTIVITETSPARAT');
    // 1 January is a holiday; the first tick on 4 January moves them, once.
    now = new Date('2027-01-04T08:00:00Z');
    await ruleSwitches.run({ prisma: w.prisma }, now);
    expect(await groupOf(active)).toBe('JOBPARAT');
    await ruleSwitches.run({ prisma: w.prisma }, now);
    expect(await w.prisma.auditLog.count({ where: { action: 'rules.mapping.applied' } })).toBe(1);
    expect(await w.bot.run('anne', '/citizen add C-9001 group:aktivitetsparat')).toContain('ikke en målgruppe');
    expect(await w.bot.run('mette', '/jobbot rules switch reform-2027')).toContain('allerede skiftet');
  });

  it('another instance installs the stored switch on its scheduler tick', async () => {
    useShippedRules();
    expect(rulesFor('2027-01-04').id).toBe('reform-2026');
    await ruleSwitches.run({ prisma: w.prisma }, now);
    expect(rulesFor('2027-01-04').id).toBe('reform-2027');
  });
});
