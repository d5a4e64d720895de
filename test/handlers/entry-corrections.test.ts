// Correcting entries later than Fortryd's ten minutes (issue 9 item 10; the
// citizen's right to rectification, issue 10): edit and delete meetings,
// placements, follow-ups, outcomes and wish-list entries, by whoever logged
// them or their manager, audited with field names only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { day, openWorld, type World } from '../helpers/world.js';

describe('correcting entries', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  const meetings = (ref: string) => w.prisma.meeting.findMany({ where: { citizen: { ref } }, orderBy: { heldOn: 'asc' } });
  const lastAudit = () => w.prisma.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' } });

  it('edits the latest meeting, or the one on a date, and audits the field names, not the old note', async () => {
    const ref = await w.freshCitizen('K');
    await w.bot.run('anne', `/samtale ${ref} telefon 2026-11-18 hemmelig gammel note`, `/samtale ${ref} video i dag`);
    const out = await w.bot.run('anne', `/samtale ret ${ref} on:18/11 kind:trepart duration:45m note:"rettet note"`);
    expect(out).toContain(`Samtalen med ${ref} ons. 18. nov. er rettet (type, varighed, note).`);
    const [first, latest] = await meetings(ref);
    expect(first).toMatchObject({ kind: 'THREE_PARTY', durationMinutes: 45, note: 'rettet note' });
    expect(latest?.kind).toBe('VIDEO');
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'meeting.edit', actorId: w.fixture.staff.anne, details: { fields: 'kind,duration,note' } });
    expect(JSON.stringify(audit.details)).not.toContain('hemmelig');

    // Without on: the latest meeting (today's video call) is the one corrected.
    await w.bot.run('anne', `/meeting edit ${ref} date:20/11`);
    expect((await meetings(ref)).map((m) => [day(m.heldOn), m.kind])).toEqual([['2026-11-18', 'THREE_PARTY'], ['2026-11-20', 'VIDEO']]);
  });

  it('deletes a meeting; refuses bad input, other people and nothing to change, changing nothing', async () => {
    const ref = await w.freshCitizen('K');
    await w.bot.run('anne', `/samtale ${ref} telefon i dag`);
    expect(await w.bot.run('anne', `/samtale ret ${ref}`)).toContain('Skriv, hvad der skal rettes');
    expect(await w.bot.run('anne', `/samtale ret ${ref} kind:trepar`)).toContain('"trepar" er ikke en samtaletype');
    expect(await w.bot.run('anne', `/samtale slet ${ref} on:20/11`)).toContain(`Jeg finder ingen samtale med ${ref} den`);
    expect(await w.bot.run('bo', `/samtale slet ${ref}`)).toMatch(/⚠/);
    expect(await meetings(ref)).toHaveLength(1);
    expect(await w.bot.run('anne', `/samtale slet ${ref}`)).toContain(`Telefonsamtale med ${ref} man. 23. nov. er slettet.`);
    expect(await meetings(ref)).toHaveLength(0);
    expect((await lastAudit()).action).toBe('meeting.delete');
  });

  it('the manager may correct what a caseworker logged', async () => {
    const ref = await w.freshCitizen('K');
    await w.bot.run('anne', `/samtale ${ref} telefon i dag`);
    expect(await w.bot.run('mette', `/samtale ret ${ref} kind:video`)).toContain('er rettet (type)');
    expect((await meetings(ref))[0]?.kind).toBe('VIDEO');
  });

  it('edits and deletes a placement and its latest follow-up', async () => {
    const ref = await w.freshCitizen('K', 'anne', 'consultant:@camilla');
    await w.bot.run('camilla', `/praktik start ${ref} Bygma praktik`);
    const out = await w.bot.run('camilla', `/praktik ret ${ref} company:"Bygma Vest" until:2026-12-11 hours:20`);
    expect(out).toContain(`Forløbet hos Bygma Vest for ${ref} er rettet (virksomhed, planlagt slut, timer).`);
    const placement = await w.prisma.placement.findFirstOrThrow({ where: { citizen: { ref } } });
    expect(placement).toMatchObject({ company: 'Bygma Vest' });
    expect(day(placement.plannedEndOn)).toBe('2026-12-11');
    expect(Number(placement.weeklyHours)).toBe(20);
    expect(await w.bot.run('camilla', `/praktik ret ${ref} until:2026-11-01`)).toContain('Slutdatoen skal ligge efter startdatoen.');

    await w.bot.run('camilla', `/praktik opfølgning ${ref} fortsæt går godt`);
    expect(await w.prisma.placementFollowUp.count({ where: { placementId: placement.id } })).toBe(1);
    expect(await w.bot.run('camilla', `/praktik opfølgning slet ${ref}`)).toContain(`Praktikopfølgningen for ${ref}`);
    expect(await w.prisma.placementFollowUp.count({ where: { placementId: placement.id } })).toBe(0);

    expect(await w.bot.run('camilla', `/praktik slet ${ref}`)).toContain(`Forløbet hos Bygma Vest for ${ref} er slettet`);
    expect(await w.prisma.placement.count({ where: { citizen: { ref } } })).toBe(0);
  });

  it('deletes a wrong outcome: the tally drops, and the reply says the case is still closed', async () => {
    const ref = await w.freshCitizen('K');
    await w.bot.run('anne', `/resultat ${ref} job hours:37`);
    const jobs = () => w.prisma.outcome.count({ where: { citizen: { ref } } });
    expect(await jobs()).toBe(1);
    expect(await w.bot.run('anne', `/resultat ret ${ref} hours:30 employer:Netto`)).toContain('er rettet (timer, arbejdsgiver)');
    expect(await w.prisma.outcome.findFirstOrThrow({ where: { citizen: { ref } } })).toMatchObject({ employer: 'Netto' });
    const out = await w.bot.run('anne', `/resultat slet ${ref}`);
    expect(out).toContain('er slettet; månedens tal og kugler er rettet.');
    expect(out).toContain(`Sagen er stadig afsluttet. Skulle den ikke være det, så genåbn den med /borger genåbn ${ref}.`);
    expect(await jobs()).toBe(0);
  });

  it('removes one company from the wish-list', async () => {
    const ref = await w.freshCitizen('K');
    await w.bot.run('anne', `/borger ønsker ${ref} Netto Bygma "Fakta Syd"`);
    expect(await w.bot.run('anne', `/borger ønsker ${ref} fjern bygma`)).toContain(`bygma er fjernet fra ${ref}'s ønskevirksomheder.`);
    expect((await w.prisma.citizen.findFirstOrThrow({ where: { ref } })).wishCompanies).toEqual(['Netto', 'Fakta Syd']);
    expect(await w.bot.run('anne', `/borger ønsker ${ref} fjern Irma`)).toContain(`Irma er ikke på ${ref}'s ønskeliste (Netto, Fakta Syd).`);
  });
});
