// /jobbot team add, /jobbot staff add|list|role|leave: administration by admins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDriver } from '../helpers/console-driver.js';
import { databaseState, openWorld, type World } from '../helpers/world.js';

describe('/jobbot administration', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  const staff = (handle: string) => w.prisma.staff.findUniqueOrThrow({ where: { handle }, include: { team: true } });

  it('adds a team', async () => {
    expect(await w.bot.run('mette', '/jobbot team add Nord')).toContain('Teamet "Nord" er oprettet.');
    expect(await w.prisma.team.findUnique({ where: { name: 'Nord' } })).not.toBeNull();
    expect(await w.bot.run('mette', '/jobbot team opret Syd Jylland')).toContain('Teamet "Syd Jylland" er oprettet.');
    expect(await w.prisma.team.count()).toBe(4);
  });

  it('adds staff to a named team, with e-mail, name and locale', async () => {
    const out = await w.bot.run('mette', '/jobbot staff add per sagsbehandler email:Per@Kommune.dk team:Nord name:"Per Hansen" locale:en');
    expect(out).toContain('@per er oprettet som sagsbehandler i team Nord.');
    expect(await staff('per')).toMatchObject({ role: 'CASEWORKER', email: 'per@kommune.dk', displayName: 'Per Hansen', locale: 'en', active: true, team: { name: 'Nord' } });
  });

  it('adds staff to the admin\'s own team by default, with English role words', async () => {
    expect(await w.bot.run('mette', '/jobbot medarbejder opret @lars consultant')).toContain('@lars er oprettet som virksomhedskonsulent i team Vest.');
    expect(await staff('lars')).toMatchObject({ role: 'CONSULTANT', displayName: 'Lars', email: null, locale: 'da', teamId: w.fixture.teamId });
    // The new colleague can act at once.
    expect(await w.bot.run('lars', '/citizen add A-1')).toContain('A-1 er oprettet på Lars');
  });

  it('lists the team\'s staff, and everyone with "all"', async () => {
    const out = await w.bot.run('mette', '/jobbot staff list');
    expect(out).toContain('== Medarbejdere i Vest ==');
    expect(out).toContain('• @anne (Anne): sagsbehandler');
    expect(out).toContain('• @camilla (Camilla): virksomhedskonsulent');
    expect(out).toContain('• @mette (Mette): leder');
    expect(out).not.toContain('@olga');
    const all = await w.bot.run('mette', '/jobbot staff liste all');
    expect(all).toContain('== Alle medarbejdere ==');
    expect(all).toContain('• @olga (Olga): sagsbehandler, Øst');
    expect(all).toContain('• @per (Per Hansen): sagsbehandler, Nord');
    expect(await w.bot.run('mette', '/jobbot staff')).toContain('== Medarbejdere i Vest ==');
  });

  it('changes a role', async () => {
    await w.bot.run('mette', '/jobbot staff add kim sagsbehandler');
    expect(await w.bot.run('mette', '/jobbot staff role kim konsulent')).toContain('@kim er nu virksomhedskonsulent.');
    expect((await staff('kim')).role).toBe('CONSULTANT');
    expect(await w.bot.run('mette', '/jobbot staff rolle @kim manager')).toContain('@kim er nu leder.');
    expect((await staff('kim')).role).toBe('MANAGER');
  });

  it('marks a leaver and lists the citizens that need a new caseworker or consultant, moving nothing', async () => {
    await w.bot.run('mette', '/jobbot staff add jens sagsbehandler', '/jobbot staff add sofie konsulent');
    await w.bot.run('mette', '/citizen add L-2 caseworker:@jens consultant:@sofie', '/citizen add L-1 caseworker:@jens', '/citizen add L-3 caseworker:@jens', '/citizen close L-3 andet');
    const out = await w.bot.run('mette', '/jobbot staff leave jens');
    expect(out).toContain('@jens er markeret som fratrådt og får ikke flere påmindelser.');
    expect(out).toContain('2 borgere mangler en ny sagsbehandler (flyt dem med /citizen transfer):\n  • L-1\n  • L-2');
    expect(out).not.toContain('L-3');
    const jens = await staff('jens');
    expect(jens.active).toBe(false);
    expect(jens.leftAt).not.toBeNull();
    const citizens = await w.prisma.citizen.findMany({ where: { ref: { in: ['L-1', 'L-2'] } } });
    expect(citizens.every((c) => c.caseworkerId === jens.id)).toBe(true);

    const consultant = await w.bot.run('mette', '/jobbot staff fratræd sofie');
    expect(consultant).toContain('1 borger mangler en ny virksomhedskonsulent:\n  • L-2');
    expect(await w.bot.run('mette', '/jobbot staff list')).toContain('• @jens (Jens): sagsbehandler – fratrådt');
  });

  it('does not let a leaver act, nor be given citizens', async () => {
    const before = await databaseState(w.prisma);
    expect(await w.bot.run('jens', '/citizen add L-9')).toContain('⚠ Du er markeret som fratrådt i jobbot. Kontakt din leder, hvis det er en fejl.');
    expect(await w.bot.run('mette', '/citizen transfer L-1 @jens')).toContain('⚠ @jens er fratrådt og kan ikke få nye opgaver.');
    expect(await w.bot.run('mette', '/jobbot staff leave jens')).toContain('⚠ @jens er allerede fratrådt.');
    expect(await databaseState(w.prisma)).toEqual(before);
  });

  it('keeps the team\'s last manager', async () => {
    const before = await databaseState(w.prisma);
    // Vest has mette and kim as managers now: make kim leave first, then mette is the last one.
    await w.bot.run('mette', '/jobbot staff leave kim');
    const mid = await databaseState(w.prisma);
    expect(mid).not.toEqual(before);
    const out = await w.bot.run('mette', '/jobbot staff role mette sagsbehandler', '/jobbot staff leave mette');
    expect(out.match(/⚠ Du kan ikke fjerne teamets sidste leder\./g)).toHaveLength(2);
    expect(await databaseState(w.prisma)).toEqual(mid);
    expect((await staff('mette')).role).toBe('MANAGER');
  });

  it('treats the addresses in JOBBOT_ADMIN_EMAILS as admins', async () => {
    const bot = consoleDriver(w.db, { now: new Date('2026-11-23T09:00:00Z'), adminEmails: ['bo@kommune.dk'] });
    expect(await bot.run('bo', '/jobbot team add Bo-teamet')).toContain('Teamet "Bo-teamet" er oprettet.');
    expect(await w.prisma.team.findUnique({ where: { name: 'Bo-teamet' } })).not.toBeNull();
  });

  const refusals: Array<[string, string, string, string]> = [
    ['a caseworker adds staff', 'anne', '/jobbot staff add x sagsbehandler', '⚠ Kun administratorer kan gøre det.'],
    ['a caseworker adds a team', 'anne', '/jobbot team add Hemmelig', '⚠ Kun administratorer kan gøre det.'],
    ['a caseworker changes a role', 'anne', '/jobbot staff role anne leder', '⚠ Kun administratorer kan gøre det.'],
    ['a caseworker marks a leaver', 'bo', '/jobbot staff leave anne', '⚠ Kun administratorer kan gøre det.'],
    ['a caseworker lists staff', 'anne', '/jobbot staff list', '⚠ Det har du ikke adgang til.'],
    ['ida adds staff', 'ida', '/jobbot staff add x caseworker', '⚠ Only administrators can do that.'],
    ['an existing team', 'mette', '/jobbot team add Nord', '⚠ Teamet "Nord" findes allerede.'],
    ['a team name of symbols', 'mette', '/jobbot team add !!!', '⚠ "!!!" er ikke et teamnavn.'],
    ['a missing team name', 'mette', '/jobbot team add', '⚠ Der mangler et teamnavn.'],
    ['an existing handle', 'mette', '/jobbot staff add anne sagsbehandler', '⚠ Der er allerede en medarbejder med @anne.'],
    ['an e-mail in use', 'mette', '/jobbot staff add ny sagsbehandler email:anne@kommune.dk', '⚠ E-mailadressen anne@kommune.dk bruges allerede af en anden medarbejder.'],
    ['a bad e-mail', 'mette', '/jobbot staff add ny sagsbehandler email:ny-at-kommune', '⚠ "ny-at-kommune" er ikke en e-mailadresse.'],
    ['an unknown role', 'mette', '/jobbot staff add ny chef', '⚠ "chef" er ikke en rolle. Vælg en af: sagsbehandler, virksomhedskonsulent, leder, admin.'],
    ['a missing role', 'mette', '/jobbot staff add ny', '⚠ Der mangler en rolle.'],
    ['a missing handle', 'mette', '/jobbot staff add', '⚠ Der mangler en medarbejder (@navn).'],
    ['an unknown team', 'mette', '/jobbot staff add ny sagsbehandler team:Atlantis', '⚠ Jeg kender intet team, der hedder "Atlantis".'],
    ['an unknown locale', 'mette', '/jobbot staff add ny sagsbehandler locale:fr', '⚠ "fr" er ikke et sprog. Vælg en af: da, en.'],
    ['an unknown option', 'mette', '/jobbot staff add ny sagsbehandler tlf:12345678', '⚠ Ukendt tilvalg "tlf:". Mulige: email: team: name: locale:'],
    ['a role for an unknown colleague', 'mette', '/jobbot staff role nobody leder', '⚠ Jeg kender ingen medarbejder med @nobody.'],
  ];
  it.each(refusals)('refuses when %s, writing nothing', async (_name, handle, line, expected) => {
    const before = await databaseState(w.prisma);
    expect(await w.bot.run(handle, line)).toContain(expected);
    expect(await databaseState(w.prisma)).toEqual(before);
  });

  it('shows the administration help for an unknown subcommand', async () => {
    const out = await w.bot.run('mette', '/jobbot staff fyr anne');
    expect(out).toContain('/jobbot staff add <handle> <rolle>');
  });
});
