// The scheduler end to end through the console: :clock, :run-jobs, the
// console OutboundChannel printing [DM @x] / [#Team], commands and buttons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAction } from '../../src/handlers/router.js';
import { toDbDate } from '../../src/domain/local-date.js';
import { findStaffByHandle } from '../../src/db/staff-queries.js';
import { subjectKey } from '../../src/domain/reminder-rules.js';
import { consoleDriver, type ConsoleDriver } from '../helpers/console-driver.js';
import { MONDAY } from '../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { createSchedulerWorld, linesFor, openSchedulerWorld, type SchedulerWorld } from '../helpers/world.js';

describe('console scheduler: a working week', () => {
  let db: Database;
  let bot: ConsoleDriver;
  let world: SchedulerWorld;
  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createSchedulerWorld(db.prisma);
    bot = consoleDriver(db, { now: MONDAY });
  });
  afterAll(async () => db.close());

  it('sends nothing before 08:00 and each morning list once at 08:00', async () => {
    const early = await bot.run('mette', ':clock 2026-11-23 07:59', ':run-jobs');
    expect(early).toContain('0 queued');
    expect(early).not.toContain('[DM');

    const out = await bot.run('mette', ':clock 2026-11-23 08:00', ':run-jobs', ':run-jobs');
    const anne = linesFor(out, '[DM @anne]').join('\n');
    expect(anne).toContain('C-1042: 3 dage over');
    expect(anne).toContain('[Log samtale] [Udsæt 1 dag] [Klaret]');
    expect(anne).toContain('ons. 25. nov.: C-1043'); // Monday: the rest of the week
    expect(linesFor(out, '[DM @bo]').join('\n')).toContain('C-2001: i dag');
    const camilla = linesFor(out, '[DM @camilla]').join('\n');
    expect(camilla).toContain("Forlæng eller afslut? C-1043's praktik hos Netto Nord slutter tir. 24. nov. (1 arbejdsdag tilbage)");
    // Nobody gets an empty message; other teams are untouched.
    expect(out).not.toContain('[DM @ida]');
    expect(out).not.toContain('[DM @olga]');
    expect(out).not.toContain('[DM @mette]');
    expect(out.match(/\[DM @anne\] == /g)).toHaveLength(1);
    expect(out).toContain('0 queued, 0 delivered');
  });

  it('posts the Monday digest at 09:00 with counts only', async () => {
    const out = await bot.run('mette', ':clock 2026-11-23 09:00', ':run-jobs', ':run-jobs');
    const digest = linesFor(out, '[#Vest]');
    expect(digest.join('\n')).toContain('Ugens tal – uge 48');
    expect(digest.join('\n')).toContain('praktikstarter: 2 af 4 ▓▓▓▓▓░░░░░ 50 %');
    expect(digest.join('\n')).toContain('pr. resterende arbejdsdag');
    expect(digest.join('\n')).toContain('@anne: 1');
    expect(digest.some((l) => /C-\d/.test(l))).toBe(false); // never a citizen in a channel
    expect(out.match(/\[#Vest\] == /g)).toHaveLength(1);
  });

  it('skips people on leave and snoozed or done subjects', async () => {
    const awayReply = await bot.run('bo', '/jobbot away until fredag');
    expect(awayReply).toContain('Du får ingen påmindelser til og med fre. 27. nov. – skriv /jobbot back, når du er tilbage.');
    expect(awayReply).not.toContain('..');
    const anne = (await findStaffByHandle(db.prisma, 'anne'))!;
    const snoozed = await routeAction(bot.deps, {
      actionId: 'reminder.snooze',
      value: subjectKey({ kind: 'checkin', citizenId: world.citizens['C-1042']!, due: '2026-11-20' }),
      actor: anne,
      channel: 'CONSOLE',
    });
    expect(snoozed.reply.text).toBe('Opfølgningen med C-1042 er udsat til tir. 24. nov.');

    const tuesday = await bot.run('mette', ':clock 2026-11-24 08:00', ':run-jobs');
    expect(tuesday).not.toContain('[DM @bo]');
    // C-1042 is back on Tuesday (snoozed one day from Monday), C-1043 is not due yet.
    expect(linesFor(tuesday, '[DM @anne]').join('\n')).toContain('C-1042: 4 dage over');

    expect(await bot.run('anne', '/jobbot done C-1042')).toContain('Opfølgningen med C-1042 er markeret som klaret.');
    const wednesday = await bot.run('mette', ':clock 2026-11-25 08:00', ':run-jobs');
    const anneWed = linesFor(wednesday, '[DM @anne]').join('\n');
    expect(anneWed).not.toContain('C-1042');
    expect(anneWed).toContain('C-1043: i dag');
    expect(await bot.run('bo', '/jobbot back')).toContain('Velkommen tilbage');
  });

  it('lets each person choose the time', async () => {
    expect(await bot.run('anne', '/jobbot reminders 7.30')).toContain('kl. 07:30');
    const out = await bot.run('mette', ':clock 2026-11-26 07:30', ':run-jobs');
    expect(out).toContain('[DM @anne]');
    expect(out).not.toContain('[DM @bo]'); // bo keeps 08:00
  });

  it('shows each person their own settings; team settings only to the manager', async () => {
    const anne = await bot.run('anne', '/jobbot reminders');
    expect(anne).toContain('/jobbot away until');
    expect(anne).not.toContain('Teamet: fejringer');
    expect(anne).not.toContain('/jobbot celebrations');
    const mette = await bot.run('mette', '/jobbot reminders');
    expect(mette).toContain('Teamet: fejringer');
    expect(mette).toContain('/jobbot digest');
  });

  it('reports the month to managers and prepares the 1:1s', async () => {
    const morning = await bot.run('mette', ':clock 2026-11-30 08:00', ':run-jobs');
    const prep = linesFor(morning, '[DM @mette]').join('\n');
    expect(prep).toContain('Forberedelse til 1:1 med Anne (@anne) (januar 2027)'.replace('januar 2027', 'december 2026'));
    expect(prep).toContain('Forberedelse til 1:1 med Camilla (@camilla)');
    expect(prep).not.toContain('@olga');
    const afternoon = await bot.run('mette', ':clock 2026-11-30 14:00', ':run-jobs', ':run-jobs');
    const report = linesFor(afternoon, '[DM @mette]').join('\n');
    expect(report).toContain('Månedens milepæle – november 2026');
    expect(report).toContain('Året til dato (2026)');
    expect(afternoon.match(/Månedens milepæle/g)).toHaveLength(1);
  });
});

describe('console scheduler: celebrations, holidays, catch-up, team meeting, summer', () => {
  let db: Database;
  let bot: ConsoleDriver;
  beforeAll(async () => {
    ({ db, bot } = await openSchedulerWorld());
  });
  afterAll(async () => db.close());

  it('celebrates through the outbox exactly once, and not when a manager turned it off', async () => {
    const out = await bot.run('anne', '/outcome C-1042 job hours:37');
    const post = linesFor(out, '[#Vest]').join('\n');
    expect(post).toContain('🎉 En borger er kommet videre!');
    expect(post).not.toMatch(/C-1042/);
    const rows = await db.prisma.delivery.findMany({ where: { kind: 'celebration' } });
    expect(rows.map((r) => [r.status, r.audience])).toEqual([['SENT', 'team']]);
    expect(await bot.run('mette', ':run-jobs')).not.toContain('[#Vest] == 🎉');

    expect(await bot.run('anne', '/jobbot celebrations off')).toContain('Kun ledere');
    expect(await bot.run('mette', '/jobbot celebrations off')).toContain('Fejringer er slået fra for team Vest');
    expect(await bot.run('anne', '/outcome C-1043 uddannelse')).not.toContain('[#Vest]');
  });

  it('sends a missed digest late once, and a missed morning the same day', async () => {
    const out = await bot.run('mette', ':clock 2026-12-01 10:30', ':run-jobs');
    expect(linesFor(out, '[#Vest]').join('\n')).toContain('uge 49');
    expect(out).toContain('[DM @bo]'); // the 08:00 list, caught up at 10:30
    const wednesday = await bot.run('mette', ':clock 2026-12-02 10:30', ':run-jobs');
    expect(wednesday).not.toContain('[#Vest]');
  });

  it('reminds the team of its recurring meeting', async () => {
    expect(await bot.run('mette', '/jobbot teammeeting 14')).toContain('hver 14. dag');
    const out = await bot.run('mette', ':clock 2026-12-14 09:00', ':run-jobs'); // 2 Nov + 6 weeks
    expect(linesFor(out, '[#Vest]').join('\n')).toContain('Husk teammødet');
    expect(linesFor(out, '[#Vest]').join('\n')).toContain('tag jeres sager med'); // Danish: "sager", not "cases"
    const off = await bot.run('mette', ':clock 2026-12-15 09:00', ':run-jobs');
    expect(linesFor(off, '[#Vest]').join('\n')).not.toContain('teammødet');
  });

  it('is silent on 2. påskedag and sends the digest on Tuesday', async () => {
    expect(await bot.run('mette', ':clock 2027-03-29 09:00', ':run-jobs')).toContain('0 queued');
    const out = await bot.run('mette', ':clock 2027-03-30 09:00', ':run-jobs');
    expect(linesFor(out, '[#Vest]').join('\n')).toContain('uge 13');
  });

  it('asks consultants in May to plan placements that run into July', async () => {
    const out = await bot.run('mette', ':clock 2027-05-03 08:00', ':run-jobs');
    const camilla = linesFor(out, '[DM @camilla]').join('\n');
    expect(camilla).toContain('løber ind i juli');
    expect(camilla).toContain('C-2001 hos Netto Nord');
    const later = await bot.run('mette', ':clock 2027-05-04 08:00', ':run-jobs');
    expect(linesFor(later, '[DM @camilla]').join('\n')).not.toContain('juli');
  });

  it('shows the clock and refuses nonsense', async () => {
    const out = await bot.run('mette', ':clock 2026-03-30 08:00', ':clock', ':clock tomorrow');
    expect(out).toContain('(clock: 30. marts 2026 08:00)');
    expect(out).toContain('(not a date and time: tomorrow');
  });
});

describe('console scheduler: placements past their end, the year so far, and the wording', () => {
  let db: Database;
  let bot: ConsoleDriver;
  let world: SchedulerWorld;
  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createSchedulerWorld(db.prisma);
    bot = consoleDriver(db, { now: MONDAY });
  });
  afterAll(async () => db.close());

  it('after the planned end: "sluttede … – registrér forlængelse eller afslutning", once per placement, with the year when it is another', async () => {
    // 14 Dec: C-1043's internship ended 24 Nov and its monthly follow-up (due 11 Dec) is overdue too.
    const december = linesFor(await bot.run('mette', ':clock 2026-12-14 08:00', ':run-jobs'), '[DM @camilla]').join('\n');
    expect(december).toContain("C-1043's praktik hos Netto Nord sluttede tir. 24. nov. – registrér forlængelse eller afslutning");
    expect(december).not.toContain('arbejdsdage tilbage');
    expect(december.match(/C-1043/g)).toHaveLength(1); // not also listed as a monthly follow-up

    const january = linesFor(await bot.run('mette', ':clock 2027-01-05 08:00', ':run-jobs'), '[DM @camilla]').join('\n');
    expect(january).toContain("C-1043's praktik hos Netto Nord sluttede tir. 24. nov. 2026 – registrér forlængelse eller afslutning");

    await db.prisma.staff.update({ where: { id: world.staff.camilla }, data: { locale: 'en' } });
    const english = linesFor(await bot.run('mette', ':clock 2027-01-06 08:00', ':run-jobs'), '[DM @camilla]').join('\n');
    expect(english).toContain("C-1043's internship at Netto Nord ended Tue 24 Nov 2026 – record an extension or the end");
    await db.prisma.staff.update({ where: { id: world.staff.camilla }, data: { locale: 'da' } });
  });

  it('compares the year so far like with like: actuals of the months that had a target against those targets', async () => {
    // An October placement start; only November has targets (4 starts).
    await db.prisma.placement.create({
      data: {
        citizenId: world.citizens['C-1042']!,
        consultantId: null,
        company: 'Bygma',
        type: 'INTERNSHIP',
        startOn: toDbDate('2026-10-05'),
        plannedEndOn: toDbDate('2026-10-18'),
        status: 'ENDED',
        endReason: 'OTHER',
        endedOn: toDbDate('2026-10-18'),
        createdById: world.staff.anne,
        source: 'SEED',
      },
    });
    const report = linesFor(await bot.run('mette', ':clock 2026-11-30 14:00', ':run-jobs'), '[DM @mette]').join('\n');
    expect(report).toContain('Året til dato (2026)');
    expect(report).toContain('praktikstarter: 2 af 4 i den måned, der havde et mål (3 i alt)');
    expect(report).not.toContain('praktikstarter: 3 af 4');
  });

  it('shows the one relevant example under an input error', async () => {
    const time = await bot.run('anne', '/jobbot reminders 25:00');
    expect(time).toContain('"25:00" er ikke et klokkeslæt');
    expect(time).toContain('Eksempel: /jobbot reminders 07:30');
    expect(time).not.toContain('/jobbot teammeeting');
    const away = await bot.run('anne', '/jobbot away until foo');
    expect(away).toContain('Eksempel: /jobbot away until 28/12');
    expect(away).not.toContain('/jobbot reminders');
    const snooze = await bot.run('anne', '/jobbot snooze');
    expect(snooze).toContain('Eksempel: /jobbot snooze C-1042 fredag');
    expect(snooze).not.toContain('/jobbot done');
  });

  it('moves a snooze that lands on a weekend to the next working day, and says so', async () => {
    const out = await bot.run('anne', '/jobbot snooze C-1042 lørdag');
    expect(out).toContain('Opfølgningen med C-1042 er udsat til den næste arbejdsdag, man. 30. nov., da lør. 28. nov. ikke er en arbejdsdag.');
    const subject = subjectKey({ kind: 'checkin', citizenId: world.citizens['C-1042']!, due: '2026-11-20' });
    const state = await db.prisma.reminderState.findUniqueOrThrow({ where: { staffId_subject: { staffId: world.staff.anne, subject } } });
    expect(state.snoozedUntil?.toISOString().slice(0, 10)).toBe('2026-11-30');
  });
});
