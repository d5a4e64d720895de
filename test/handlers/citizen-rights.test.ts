// The citizen's rights (GDPR art. 15 and 17): /citizen export and /citizen
// forget, through the console and the router, against a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetToken } from '../../src/handlers/citizen/citizen-rights.js';
import { routeAction, routeCommand } from '../../src/handlers/router.js';
import { readCsv } from '../../src/handlers/import/csv-files.js';
import type { PrismaClient } from '../../src/db/types.js';
import { databaseState, openWorld, type World } from '../helpers/world.js';

/** Every row of every table, as one JSON string to search. */
async function everyTable(prisma: PrismaClient): Promise<string> {
  const rows = [
    await prisma.team.findMany(),
    await prisma.staff.findMany(),
    await prisma.citizen.findMany(),
    await prisma.meeting.findMany({ include: { participants: { select: { id: true } } } }),
    await prisma.placement.findMany(),
    await prisma.placementFollowUp.findMany(),
    await prisma.outcome.findMany(),
    await prisma.monthlyTarget.findMany(),
    await prisma.caseworkerChange.findMany(),
    await prisma.auditLog.findMany(),
    await prisma.delivery.findMany(),
    await prisma.reminderState.findMany(),
    await prisma.schedulerCursor.findMany(),
    await prisma.conversationRef.findMany(),
    await prisma.importBatch.findMany(),
    await prisma.processedRequest.findMany(),
    await prisma.undoableChange.findMany(),
  ];
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

describe('the citizen\'s rights', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
    // A manager of the other team who is not an administrator.
    await w.prisma.staff.create({ data: { handle: 'ove', displayName: 'Ove', role: 'MANAGER', teamId: w.fixture.otherTeamId, email: 'ove@kommune.dk' } });
  });
  afterAll(async () => w.db.close());

  let deliveryCounter = 0;
  /** A citizen with something in every table that can name it; returns its ref, id and placement ids. */
  async function fullCitizen(ref: string) {
    const out = [
      await w.bot.run('mette', `/citizen add ${ref} initials:AB caseworker:@anne consultant:@camilla`, `/citizen wish ${ref} Netto Føtex "Irma Syd"`),
      await w.bot.run('anne', `/samtale ${ref} trepart i dag 45m with:@bo aftalt praktik`, `/praktik start ${ref} "Netto Nord" praktik hours:20`),
      await w.bot.run('camilla', `/praktik opfølgning ${ref} fortsæt går fint`),
      await w.bot.run('mette', `/citizen transfer ${ref} @bo`),
      await w.bot.run('bo', `/resultat ${ref} timer hours:8`, `/jobbot snooze ${ref}`, `/citizen ${ref}`),
    ].join('\n');
    expect(out).not.toContain('⚠');
    const citizen = await w.prisma.citizen.findFirstOrThrow({ where: { ref }, include: { placements: true } });
    // A reminder button pressed in Slack: the stored request key holds the subject, with the citizen's id.
    const subject = `checkin:${citizen.id}:2026-11-30`;
    const pressed = await routeAction(w.bot.deps, { actionId: 'reminder.done', value: subject, actor: await w.actor('bo'), channel: 'SLACK', requestKey: `slack:action:D1:1.${ref}:reminder.done:${subject}` });
    expect(pressed.reply.status).toBe('ok');
    // …also when the stored answer itself names nothing.
    await w.prisma.processedRequest.create({ data: { key: `slack:action:D1:2.${ref}:reminder.snooze:${subject}`, channel: 'SLACK', response: { text: 'ok', blocks: [], visibility: 'private', status: 'ok' } } });
    // A reply kept for a retried Slack request, outbox messages and an import preview that name it.
    await routeCommand(w.bot.deps, { text: `/citizen ${ref}`, actor: await w.actor('mette'), channel: 'SLACK', requestKey: `rq-${ref}` });
    const payload = (text: string) => ({ text, blocks: [{ type: 'text', text }], visibility: 'private', status: 'ok', auditCitizenIds: [citizen.id] });
    await w.prisma.delivery.createMany({
      data: [
        { key: `checkins|daily|sent|${++deliveryCounter}`, kind: 'checkins', audience: 'dm', channel: 'auto', status: 'SENT', payload: payload(`${ref} mangler opfølgning`) },
        { key: `checkins|daily|pending|${deliveryCounter}`, kind: 'checkins', audience: 'dm', channel: 'auto', status: 'PENDING', payload: payload(`${ref} mangler opfølgning`) },
      ],
    });
    await w.prisma.importBatch.create({ data: { teamId: citizen.teamId, createdById: w.fixture.staff.mette, fileHash: ref, preview: { lines: [{ ref, kind: 'changed' }] } } });
    // An anonymous row that names the reference (a lookup that found nothing, say).
    await w.prisma.auditLog.create({ data: { actorId: w.fixture.staff.anne, action: 'citizen.lookup', channel: 'CONSOLE', details: { ref } } });
    // The ids of its meetings, follow-ups and outcomes (a celebration's outbox key holds the outcome's).
    const otherIds = [
      ...(await w.prisma.meeting.findMany({ where: { citizenId: citizen.id } })).map((m) => m.id),
      ...(await w.prisma.outcome.findMany({ where: { citizenId: citizen.id } })).map((o) => o.id),
      ...(await w.prisma.placementFollowUp.findMany({ where: { placement: { citizenId: citizen.id } } })).map((f) => f.id),
    ];
    expect(await w.prisma.delivery.count({ where: { key: { contains: otherIds.at(-2)! } } })).toBe(1);
    return { ref, id: citizen.id, placementIds: citizen.placements.map((p) => p.id), otherIds, sentKey: `checkins|daily|sent|${deliveryCounter}`, pendingKey: `checkins|daily|pending|${deliveryCounter}` };
  }

  describe('export', () => {
    it('gives the team\'s manager a file with every section, and logs the export', async () => {
      const c = await fullCitizen('GDPR-10');
      const routed = await routeCommand(w.bot.deps, { text: '/borger eksport GDPR-10', actor: await w.actor('mette'), channel: 'CONSOLE' });
      expect(routed.reply.status).toBe('ok');
      expect(routed.reply.text).toContain('GDPR-10');
      const file = routed.reply.attachment!;
      expect(file.filename).toBe('borgerindsigt-gdpr-10-2026-11-23.csv');
      expect(file.content.startsWith('\uFEFF')).toBe(true);
      const records = readCsv(file.content)!.map((r) => r.cells);
      expect(records[0]).toEqual(['Sektion', 'Dato', 'Hvad', 'Detaljer', 'Note', 'Af']);
      const section = (name: string) => records.filter((r) => r[0] === name);
      expect(section('Borger')).toContainEqual(['Borger', '', 'Sagsreference', 'GDPR-10', '', '']);
      expect(section('Borger')).toContainEqual(['Borger', '', 'Initialer', 'AB', '', '']);
      expect(section('Ønskevirksomhed').map((r) => r[2])).toEqual(['Netto', 'Føtex', 'Irma Syd']);
      expect(section('Samtale')).toEqual([['Samtale', '23-11-2026', 'trepartssamtale', expect.stringContaining('45 min.'), 'aftalt praktik', 'Anne (@anne)']]);
      expect(section('Forløb')[0]?.[3]).toContain('Netto Nord');
      expect(section('Forløbsopfølgning')).toEqual([['Forløbsopfølgning', '23-11-2026', expect.any(String), 'forløb hos Netto Nord', 'går fint', 'Camilla (@camilla)']]);
      expect(section('Resultat')).toHaveLength(1);
      expect(section('Sagsbehandlerskift')).toEqual([['Sagsbehandlerskift', '23-11-2026', '', 'Anne (@anne) → Bo (@bo)', '', 'Mette (@mette)']]);
      const access = section('Adgang (log)');
      expect(access.map((r) => r[2])).toEqual(expect.arrayContaining(['citizen.add', 'meeting.create', 'citizen.view', 'citizen.export']));
      // When: the database's clock (audit rows are stamped by the database), in Copenhagen time.
      expect(access.find((r) => r[2] === 'citizen.view')).toEqual(['Adgang (log)', expect.stringMatching(/^\d\d-\d\d-\d{4} \d\d:\d\d$/), 'citizen.view', 'CONSOLE', '', 'Bo (@bo)']);
      expect(await w.prisma.auditLog.count({ where: { action: 'citizen.export', citizenId: c.id, actorId: w.fixture.staff.mette } })).toBe(1);
    });

    it('answers an English-speaking manager in English, file included', async () => {
      await w.prisma.staff.create({ data: { handle: 'eve', displayName: 'Eve', role: 'MANAGER', teamId: w.fixture.teamId, email: 'eve@kommune.dk', locale: 'en' } });
      const routed = await routeCommand(w.bot.deps, { text: '/citizen export GDPR-10', actor: await w.actor('eve'), channel: 'CONSOLE' });
      expect(routed.reply.text).toBe('Everything jobbot holds on GDPR-10 is in the file (for a data-access request). The export is logged.');
      expect(routed.reply.attachment?.filename).toBe('citizen-data-gdpr-10-2026-11-23.csv');
      const records = readCsv(routed.reply.attachment!.content)!.map((r) => r.cells);
      expect(records[0]).toEqual(['Section', 'Date', 'What', 'Details', 'Note', 'By']);
      expect(records.map((r) => r[0])).toEqual(expect.arrayContaining(['Citizen', 'Wished-for company', 'Meeting', 'Placement', 'Placement follow-up', 'Outcome', 'Change of caseworker', 'Access (log)']));
    });

    it('is refused, kindly, to the citizen\'s own caseworker and consultant, and changes nothing', async () => {
      await fullCitizen('GDPR-11');
      const before = await databaseState(w.prisma);
      for (const who of ['bo', 'camilla']) {
        const out = await w.bot.run(who, '/citizen export GDPR-11');
        expect(out).toContain('⚠ Kun teamets ledere og jobbots administratorer kan udlevere eller slette alt om en borger.');
        expect(out).not.toContain('📎');
      }
      expect(await databaseState(w.prisma)).toEqual(before);
    });

    it('is refused to a manager of another team; an administrator may name the team', async () => {
      await w.bot.run('olga', '/citizen add OST-12');
      expect(await w.bot.run('ove', '/citizen export GDPR-11')).toContain('⚠ Jeg kan ikke finde borgeren GDPR-11 i dit team.');
      expect(await w.bot.run('ove', '/citizen export GDPR-11 team:Vest')).toContain('⚠ Kun teamets ledere');
      const routed = await routeCommand(w.bot.deps, { text: '/citizen export OST-12 team:Øst', actor: await w.actor('mette'), channel: 'CONSOLE' });
      expect(routed.reply.attachment?.content).toContain('OST-12');
      // Found without team: too, when the reference is in one team only.
      expect((await routeCommand(w.bot.deps, { text: '/citizen export OST-12', actor: await w.actor('mette'), channel: 'CONSOLE' })).reply.status).toBe('ok');
    });
  });

  describe('forget', () => {
    it('first says what will be erased, with a button, and changes nothing', async () => {
      const c = await fullCitizen('GDPR-20');
      const before = await databaseState(w.prisma);
      const stored = await everyTable(w.prisma);
      const routed = await routeCommand(w.bot.deps, { text: '/borger slet GDPR-20', actor: await w.actor('mette'), channel: 'CONSOLE' });
      expect(routed.reply.status).toBe('ok');
      const text = JSON.stringify(routed.reply.blocks);
      expect(text).toContain('Slet GDPR-20 og alt om borgeren?');
      expect(text).toContain('1 samtale');
      expect(text).toContain('1 forløb med 1 opfølgning');
      expect(text).toContain('1 resultat');
      expect(text).toContain('1 sagsbehandlerskift');
      expect(text).toContain('tidligere måneders mål og kugler');
      expect(routed.reply.blocks).toContainEqual({ type: 'actions', actions: [{ id: 'citizen.forget', label: 'Slet borgeren for altid', value: forgetToken(c.id), style: 'danger' }] });
      expect(await databaseState(w.prisma)).toEqual(before);
      expect(await everyTable(w.prisma)).toEqual(stored);
    });

    it('erases with "confirm" typed: no row anywhere names the citizen, and one anonymous audit row remains', async () => {
      const c = await fullCitizen('GDPR-21');
      const keep = await fullCitizen('GDPR-22');
      // Rows about a longer reference that starts the same way are not about it.
      const lookalike = await w.prisma.auditLog.create({ data: { actorId: w.fixture.staff.anne, action: 'citizen.lookup', channel: 'CONSOLE', details: { ref: 'GDPR-21-B' } } });
      await w.prisma.processedRequest.create({ data: { key: 'rq-lookalike', channel: 'SLACK', response: { text: 'GDPR-21-B og GDPR-21.5 er opdateret.' } } });
      const erasedBefore = await w.prisma.auditLog.count({ where: { action: 'citizen.erased' } });
      const out = await w.bot.run('mette', '/borger slet GDPR-21 bekræft');
      expect(out).toContain('Borgeren og alle data om borgeren er slettet');
      expect(out).not.toContain('GDPR-21');

      const everything = await everyTable(w.prisma);
      expect(everything).not.toMatch(/GDPR-21(?![0-9]|-B|\.5)/);
      for (const id of [c.id, ...c.placementIds, ...c.otherIds]) expect(everything).not.toContain(id);
      // The sent message keeps its key (never sent twice) without its content; the unsent one is gone.
      expect((await w.prisma.delivery.findUniqueOrThrow({ where: { key: c.sentKey } })).payload).toEqual({ erased: true });
      expect(await w.prisma.delivery.count({ where: { key: c.pendingKey } })).toBe(0);

      const erased = await w.prisma.auditLog.findMany({ where: { action: 'citizen.erased' }, orderBy: { id: 'desc' } });
      expect(erased).toHaveLength(erasedBefore + 1);
      expect(erased[0]).toMatchObject({ actorId: w.fixture.staff.mette, citizenId: null, channel: 'CONSOLE' });
      expect(erased[0]?.details).toMatchObject({ reason: 'request', teamId: w.fixture.teamId, meetings: 1, placements: 1, outcomes: 1 });

      expect(await w.prisma.auditLog.count({ where: { id: lookalike.id } })).toBe(1);
      expect(await w.prisma.processedRequest.count({ where: { key: 'rq-lookalike' } })).toBe(1);
      // The other citizen, and its rows, are untouched.
      expect(everything).toContain(keep.id);
      expect(await w.prisma.meeting.count({ where: { citizenId: keep.id } })).toBe(1);
      expect(await w.prisma.processedRequest.count({ where: { key: 'rq-GDPR-22' } })).toBe(1);
      expect(await w.prisma.importBatch.count({ where: { fileHash: 'GDPR-22' } })).toBe(1);
    });

    it('erases with the button, for the team\'s manager only', async () => {
      const c = await fullCitizen('GDPR-23');
      const before = await databaseState(w.prisma);
      for (const who of ['bo', 'ove']) {
        const refused = await routeAction(w.bot.deps, { actionId: 'citizen.forget', value: forgetToken(c.id), actor: await w.actor(who), channel: 'SLACK' });
        expect(refused.reply.status).toBe('error');
      }
      expect(await databaseState(w.prisma)).toEqual(before);
      // The request key Slack's channel builds holds the button's value: it must not name the citizen either.
      const value = forgetToken(c.id);
      const pressed = await routeAction(w.bot.deps, { actionId: 'citizen.forget', value, actor: await w.actor('mette'), channel: 'SLACK', requestKey: `slack:action:D1:1700000000.1:citizen.forget:${value}` });
      expect(pressed.reply.status).toBe('ok');
      expect(await w.prisma.citizen.count({ where: { id: c.id } })).toBe(0);
      const everything = await everyTable(w.prisma);
      expect(everything).not.toContain(c.id);
      expect(everything).not.toMatch(/GDPR-23(?![0-9])/);
      // Pressed again (another message, a stale card): nothing left to erase.
      const again = await routeAction(w.bot.deps, { actionId: 'citizen.forget', value: forgetToken(c.id), actor: await w.actor('mette'), channel: 'SLACK' });
      expect(again.reply.text).toContain('findes ikke længere');
    });

    it('is refused to caseworkers, typed or confirmed, and changes nothing', async () => {
      await fullCitizen('GDPR-24');
      const before = await databaseState(w.prisma);
      const out = await w.bot.run('bo', '/citizen forget GDPR-24', '/citizen forget GDPR-24 confirm');
      expect(out.match(/⚠ Kun teamets ledere/g)).toHaveLength(2);
      expect(await databaseState(w.prisma)).toEqual(before);
    });
  });
});
