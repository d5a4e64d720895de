// The company register (issue 14, part 3): /virksomhed add|set|<name>, the
// "mente du …?" question, CVR numbers, placements and wishes linked to a
// company, and wished-for companies in the contact's morning list until they
// have been contacted. MONDAY is Monday 23 November 2026.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState, openWorld, type World } from '../helpers/world.js';
import { localDateTimeToInstant, toDbDate } from '../../src/domain/local-date.js';
import { parseCvr } from '../../src/domain/company-names.js';
import type { Reply } from '../../src/domain/reply.js';
import { renderText } from '../../src/channels/console/render-text.js';
import * as consultants from '../../src/jobs/consultant-reminders.js';
import { routeCommand } from '../../src/handlers/router.js';

describe('company register', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  const company = (name: string) => w.prisma.company.findFirst({ where: { name } });

  it('checks CVR numbers with the modulus-11 rule', () => {
    expect(parseCvr('12345674')).toBe('12345674');
    expect(parseCvr('1234 5674')).toBe('12345674');
    expect(parseCvr('12345678')).toBeUndefined(); // check digit wrong
    expect(parseCvr('1234567')).toBeUndefined();
    expect(parseCvr('02345674')).toBeUndefined();
  });

  it('adds a company with CVR and fixed contact, and refuses a bad CVR changing nothing', async () => {
    const out = await w.bot.run('anne', '/virksomhed add "Bygma Vest" cvr:12345674 kontakt:@camilla');
    expect(out).toContain('Bygma Vest er oprettet i virksomhedsregisteret.');
    expect(out).toContain('Fast kontakt: @camilla.');
    expect(await company('Bygma Vest')).toMatchObject({ cvr: '12345674', contactId: w.fixture.staff.camilla });

    const before = await databaseState(w.prisma);
    expect(await w.bot.run('anne', '/virksomhed add "Bygma Øst" cvr:12345678')).toContain('"12345678" er ikke et gyldigt CVR-nummer');
    expect(await w.bot.run('ida', '/company add "Bygma Øst" cvr:1234')).toContain('"1234" is not a valid CVR number');
    expect(await w.bot.run('anne', '/virksomhed add "Stark" cvr:12345674')).toContain('CVR 12345674 er allerede registreret på Bygma Vest.');
    // The contact is a consultant of the team.
    expect(await w.bot.run('anne', '/virksomhed add "Stark" kontakt:@bo')).toContain('@bo');
    expect(await w.bot.run('anne', '/virksomhed add "Stark" kontakt:@olga')).toContain('@olga');
    expect(await databaseState(w.prisma)).toEqual(before);
  });

  it('asks "mente du …?" for a name close to a registered one, and adds it only when told it is new', async () => {
    await w.bot.run('anne', '/virksomhed add "Lemvig Tømrer"');
    const before = await databaseState(w.prisma);
    expect(await w.bot.run('anne', '/virksomhed add "Lemvig Tømer"')).toContain('Mente du Lemvig Tømrer?');
    expect(await w.bot.run('anne', '/virksomhed add "lemvig tømrer"')).toContain('Lemvig Tømrer findes allerede i registeret.');
    expect(await w.bot.run('ida', '/company add "Lemvig Tømmrer"')).toContain('Did you mean Lemvig Tømrer?');
    // A placement and a wish at a close name ask the same and change nothing.
    const ref = await w.freshCitizen('V');
    const afterCitizen = await databaseState(w.prisma);
    expect(await w.bot.run('anne', `/praktik start ${ref} "Lemvig Tømer"`)).toContain('Mente du Lemvig Tømrer?');
    expect(await w.bot.run('anne', `/borger ønske ${ref} Netto "Lemvig Tømer"`)).toContain('Mente du Lemvig Tømrer?');
    expect(await databaseState(w.prisma)).toEqual(afterCitizen);
    expect(afterCitizen.counts).toMatchObject({ companies: (before.counts as { companies: number }).companies });
    // "ny" at the end: a different company after all.
    expect(await w.bot.run('anne', '/virksomhed add "Lemvig Tømer" ny')).toContain('Lemvig Tømer er oprettet');
    expect(await w.prisma.company.count({ where: { name: { startsWith: 'Lemvig' } } })).toBe(2);
  });

  it('links placements and wishes to the register: same name, new name added, old rows linked when registered', async () => {
    const ref = await w.freshCitizen('V');
    const citizen = await w.prisma.citizen.findFirstOrThrow({ where: { ref } });
    // A placement from before the register: free text, no company.
    await w.prisma.placement.create({
      data: { citizenId: citizen.id, company: 'Føtex Syd', type: 'INTERNSHIP', startOn: toDbDate('2026-09-01'), plannedEndOn: toDbDate('2026-09-14'), status: 'ENDED', endReason: 'NO_JOB_PROSPECT', endedOn: toDbDate('2026-09-14'), createdById: w.fixture.staff.anne, source: 'SEED' },
    });
    const added = await w.bot.run('anne', '/virksomhed add "føtex syd"');
    expect(added).toContain('Koblet til 1 forløb og 0 ønsker');

    const started = await w.bot.run('anne', `/praktik start ${ref} "bygma vest"`);
    expect(started).toContain('Bygma Vest');
    expect(started).not.toContain('ny i virksomhedsregisteret');
    const placement = await w.prisma.placement.findFirstOrThrow({ where: { citizenId: citizen.id, status: 'ACTIVE' } });
    expect(placement).toMatchObject({ company: 'Bygma Vest', companyId: (await company('Bygma Vest'))!.id });

    const wished = await w.bot.run('anne', `/borger ønske ${ref} "Danske Fragtmænd" "Føtex Syd" Bygma-Vest`);
    expect(wished).toContain('Danske Fragtmænd er ny i virksomhedsregisteret');
    const wishes = await w.prisma.companyWish.findMany({ where: { citizenId: citizen.id }, include: { company: true } });
    expect(wishes.map((x) => x.company?.name).sort()).toEqual(['Bygma Vest', 'Danske Fragtmænd', 'føtex syd']);
  });

  it("shows a company: contact, running placements, history and wishes, refs only to who may see them", async () => {
    const mine = await w.freshCitizen('V', 'anne');
    const bos = await w.freshCitizen('V', 'bo');
    await w.bot.run('anne', '/virksomhed add "Tømrerfirma Jensen" kontakt:@camilla');
    await w.bot.run('anne', `/praktik start ${mine} "Tømrerfirma Jensen"`);
    await w.bot.run('bo', `/praktik start ${bos} "Tømrerfirma Jensen"`, `/praktik end ${bos} ingen-jobudsigt`, `/borger ønske ${bos} "Tømrerfirma Jensen"`);

    const anne = await w.bot.run('anne', '/virksomhed "tømrerfirma jensen"');
    expect(anne).toContain('Fast kontakt');
    expect(anne).toContain('Camilla (@camilla), team Vest');
    expect(anne).toContain('Forløb i gang');
    expect(anne).toContain(`${mine}: virksomhedspraktik`);
    expect(anne).not.toContain(bos);
    expect(anne).toContain('+ 1 borger på andres sager');

    const bo = await w.bot.run('bo', '/virksomhed "Tømrerfirma Jensen"');
    expect(bo).toContain('Historik');
    expect(bo).toContain(`${bos}: virksomhedspraktik`);
    expect(bo).toContain(`${bos} (ikke kontaktet endnu)`);
    expect(bo).not.toContain(mine);

    // The manager sees all; the fixed contact, not on these cases, sees counts only.
    const mette = await w.bot.run('mette', '/virksomhed "Tømrerfirma Jensen"');
    expect(mette).toContain(mine);
    expect(mette).toContain(bos);
    const camilla = await w.bot.run('camilla', '/virksomhed "Tømrerfirma Jensen"');
    expect(camilla).not.toContain(bos);
    expect(camilla).not.toContain(mine);
    expect(camilla).toContain('+ 1 borger på andres sager');
    // The register is shared: another team reads the company, its citizens as counts.
    const olga = await w.bot.run('olga', '/virksomhed "Tømrerfirma Jensen"');
    expect(olga).toContain('Camilla (@camilla), team Vest');
    expect(olga).not.toContain(mine);
    expect(olga).not.toContain(bos);
    expect(await w.bot.run('anne', '/virksomhed "Tømrerfirma Jensn"')).toContain('Mente du Tømrerfirma Jensen?');
    expect(await w.bot.run('ida', '/company')).toContain('Tømrerfirma Jensen · @camilla · 1 running · 1 wish');
  });

  it('one fixed contact: only the contact or a manager hands a company on', async () => {
    await w.bot.run('anne', '/virksomhed add "Vestas Lem" kontakt:@camilla');
    const before = await databaseState(w.prisma);
    expect(await w.bot.run('anne', '/virksomhed set "Vestas Lem" kontakt:@camilla')).toContain('Kun @camilla');
    expect(await databaseState(w.prisma)).toEqual(before);
    await w.prisma.staff.create({ data: { handle: 'dorte', displayName: 'Dorte', role: 'CONSULTANT', teamId: w.fixture.teamId } });
    expect(await w.bot.run('mette', '/virksomhed set "Vestas Lem" kontakt:@dorte')).toContain('Fast kontakt: @dorte.');
    expect((await company('Vestas Lem'))?.contactId).toBe((await w.prisma.staff.findUniqueOrThrow({ where: { handle: 'dorte' } })).id);
  });

  it("a wished-for company is in its contact's morning list until it has been contacted, refs only for citizens they may open", async () => {
    await w.bot.run('anne', '/virksomhed add "Netto Lemvig" kontakt:@camilla');
    const shared = await w.freshCitizen('V', 'anne', 'consultant:@camilla');
    const annes = await w.freshCitizen('V', 'anne');
    await w.bot.run('anne', `/borger ønske ${shared} "Netto Lemvig" Jysk "Bygma Vest"`, `/borger ønske ${annes} "Netto Lemvig"`);
    const morning = async (day: string) => {
      await consultants.run({ prisma: w.prisma }, localDateTimeToInstant(day, '08:00'));
      const row = await w.prisma.delivery.findFirst({ where: { kind: consultants.KIND, recipientId: w.fixture.staff.camilla, key: { contains: day } } });
      return row && row.status !== 'SKIPPED' ? renderText(row.payload as unknown as Reply) : '';
    };
    const tuesday = await morning('2026-11-24');
    expect(tuesday).toContain('Ønskevirksomheder at kontakte');
    expect(tuesday).toContain(`${shared} ønsker Netto Lemvig`);
    expect(tuesday).toContain(`${shared} ønsker Bygma Vest`);
    // anne's citizen without a consultant: camilla may not open it, so a count and whom to ask.
    expect(tuesday).not.toContain(annes);
    expect(tuesday).toContain('Netto Lemvig: 1 borger på kollegers sager ønsker virksomheden (spørg @anne)');
    expect(await morning('2026-11-25')).toContain(`${shared} ønsker Netto Lemvig`);

    // Neither bo nor camilla may record it for anne's citizen: refused, nothing stored.
    const before = await databaseState(w.prisma);
    expect(await w.bot.run('bo', `/borger ønske ${annes} "Netto Lemvig" kontaktet`)).toContain(`${annes} er ikke på din sagsstamme`);
    expect(await w.bot.run('camilla', `/borger ønske ${annes} "Netto Lemvig" kontaktet`)).toContain(`${annes} er ikke på din sagsstamme`);
    expect(await w.bot.run('ida', `/citizen wish ${annes} "Netto Lemvig" contacted`)).toContain(`${annes} is not in your caseload`);
    expect(await databaseState(w.prisma)).toEqual(before);

    expect(await w.bot.run('camilla', `/borger ønske ${shared} Netto Lemvig kontaktet Samtale aftalt 2/12`)).toContain(
      `Netto Lemvig er noteret som kontaktet for ${shared}: Samtale aftalt 2/12.`,
    );
    expect(await w.bot.run('anne', `/borger ønske ${annes} netto-lemvig kontaktet`)).toContain(`Netto Lemvig er noteret som kontaktet for ${annes}.`);
    const thursday = await morning('2026-11-26');
    expect(thursday).not.toContain('ønsker Netto Lemvig');
    expect(thursday).not.toContain('Netto Lemvig:');
    expect(thursday).toContain(`${shared} ønsker Bygma Vest`);
    expect(await w.bot.run('anne', `/borger ${shared}`)).toContain('Netto Lemvig (kontaktet man. 23. nov.: Samtale aftalt 2/12)');
    expect(await w.bot.run('camilla', '/virksomhed "Netto Lemvig"')).toContain(`${shared} (kontaktet man. 23. nov.: Samtale aftalt 2/12)`);
    // The result is free text: a CPR number is refused like in every note.
    expect(await w.bot.run('camilla', `/borger ønske ${shared} "Bygma Vest" kontaktet ring 010190-1234`)).toMatch(/CPR/);
    expect((await w.prisma.companyWish.findFirst({ where: { citizen: { ref: shared }, name: 'Bygma Vest' } }))?.contactedOn).toBeNull();
  });

  it('lists the commands in help, undoes an added company, and exports the contact record with the citizen', async () => {
    const help = await w.bot.run('anne', '/virksomhed help');
    expect(help).toContain('/virksomhed add "<navn>" [cvr:<8 cifre>] [kontakt:@navn]');
    expect(await w.bot.run('anne', '/borger help')).toContain('kontaktet [resultat]');
    expect(await w.bot.run('anne', 'help')).toContain('Virksomhedsregisteret');

    await w.bot.run('anne', '/virksomhed add "Fortryd ApS"');
    expect(await company('Fortryd ApS')).not.toBeNull();
    await w.bot.run('anne', '/jobbot fortryd');
    expect(await company('Fortryd ApS')).toBeNull();

    const ref = await w.freshCitizen('V');
    await w.bot.run('anne', `/borger ønske ${ref} "Netto Lemvig"`, `/borger ønske ${ref} "Netto Lemvig" kontaktet Ingen plads lige nu`);
    const routed = await routeCommand(w.bot.deps, { text: `/borger eksport ${ref}`, actor: await w.actor('mette'), channel: 'CONSOLE' });
    expect(routed.reply.attachment?.content).toContain('Ingen plads lige nu');
  });
});
