// Issue 9, item 16: a reminder nobody acts on is not repeated every working
// day for weeks. After the team's number of morning lists (default 3) the
// item goes once to the managers, labelled like a leaver's citizens, and then
// appears only in a weekly line to its recipient. A new occurrence (a meeting
// logged, so a new due date) starts counting afresh. Simulated clock through
// the console (:clock, :run-jobs), team Vest from test/helpers/world.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleDriver } from '../helpers/console-driver.js';
import type { Database } from '../helpers/test-database.js';
import { linesFor, openSchedulerWorld } from '../helpers/world.js';

const ESCALATED = 'Påmindelser uden handling';

describe('repeated reminders: escalated once after N, then weekly', () => {
  let db: Database;
  let bot: ConsoleDriver;
  const morning = async (date: string) => bot.run('mette', `:clock ${date} 08:00`, ':run-jobs');
  const dm = (out: string, handle: string) => linesFor(out, `[DM @${handle}]`).join('\n');
  beforeAll(async () => {
    ({ db, bot } = await openSchedulerWorld());
  });
  afterAll(async () => db.close());

  it('reminds an overdue check-in and a passed placement end on three mornings, telling nobody else', async () => {
    for (const date of ['2026-11-23', '2026-11-24', '2026-11-25']) {
      const out = await morning(date);
      expect(dm(out, 'anne')).toContain('C-1042:');
      expect(dm(out, 'camilla')).toContain("C-1043's praktik hos Netto Nord");
      expect(dm(out, 'mette')).not.toContain(ESCALATED);
    }
  });

  it('on the fourth morning passes each item on to the manager once, labelled, and leaves it out of the daily list', async () => {
    const out = await morning('2026-11-26');
    const mette = dm(out, 'mette');
    expect(mette).toContain(ESCALATED);
    expect(mette).toContain('For @anne (påmindet 3 gange):');
    expect(mette).toContain('• C-1042: 6 dage over');
    expect(mette).toContain('For @camilla (påmindet 3 gange):');
    expect(mette).toContain("• C-1043's praktik hos Netto Nord sluttede tir. 24. nov. – registrér forlængelse eller afslutning");
    expect(dm(out, 'anne')).not.toContain('C-1042');
    expect(dm(out, 'anne')).toContain('C-1043: 1 dag over'); // due 25 Nov: reminded for the second time only
    expect(dm(out, 'camilla')).toBe('');
    // The escalation names citizens: audited like any reminder once delivered.
    expect(await db.prisma.auditLog.count({ where: { action: 'reminder.delivered', actorId: (await db.prisma.staff.findFirstOrThrow({ where: { handle: 'mette' } })).id } })).toBeGreaterThan(0);
  });

  it('does not escalate the same item again, and shows it to its recipient only on the week\'s first working day', async () => {
    const friday = await morning('2026-11-27');
    expect(dm(friday, 'mette')).not.toContain('@camilla');
    expect(dm(friday, 'mette')).not.toContain('C-1042');
    expect(dm(friday, 'anne')).not.toContain('C-1042');
    expect(dm(friday, 'camilla')).toBe('');

    const monday = await morning('2026-11-30');
    expect(dm(monday, 'anne')).toContain('Sendt videre til lederen efter 3 påmindelser (vises nu kun ugens første arbejdsdag):');
    expect(dm(monday, 'anne')).toContain('• C-1042: 10 dage over');
    expect(dm(monday, 'anne')).not.toContain('Ingen opfølgninger forfalder i dag');
    expect(dm(monday, 'camilla')).toContain("• C-1043's praktik hos Netto Nord sluttede");
    expect(dm(monday, 'mette')).not.toContain('For @camilla (påmindet');

    const tuesday = await morning('2026-12-01');
    expect(dm(tuesday, 'anne')).not.toContain('C-1042');
    expect(dm(tuesday, 'camilla')).toBe('');
  });

  it('a new occurrence (a meeting logged: a new due date) is reminded daily again', async () => {
    await bot.run('anne', ':clock 2026-12-01 10:00', '/samtale C-1042 telefon i dag next:2026-12-02');
    const out = await morning('2026-12-02');
    expect(dm(out, 'anne')).toContain('C-1042: i dag');
    expect(dm(out, 'anne')).toContain('[Klaret]');
  });
});

describe('/jobbot escalate (team setting, managers)', () => {
  let db: Database;
  let bot: ConsoleDriver;
  beforeAll(async () => {
    ({ db, bot } = await openSchedulerWorld());
  });
  afterAll(async () => db.close());
  const setting = async () => (await db.prisma.team.findFirstOrThrow({ where: { name: 'Vest' } })).escalateAfterReminders;

  it('is 3 by default, refused to caseworkers and for bad numbers, changing nothing', async () => {
    expect(await setting()).toBe(3);
    expect(await bot.run('anne', '/jobbot escalate 5')).toContain('leder');
    const bad = await bot.run('mette', '/jobbot escalate 0', '/jobbot eskalér tre', '/jobbot escalate');
    expect(bad).toContain('Antal påmindelser');
    expect(bad).toContain('Eksempel: /jobbot escalate 3');
    expect(await setting()).toBe(3);
  });

  it('escalates after the chosen number, shows the setting to managers, and can be turned off', async () => {
    expect(await bot.run('mette', '/jobbot eskalér 1')).toContain('Et punkt går nu til lederen efter 1 påmindelse og vises derefter kun ugentligt.');
    expect(await bot.run('mette', '/jobbot reminders')).toContain('Gentagne påmindelser: til lederen efter 1, derefter ugentligt.');
    expect(await bot.run('anne', '/jobbot reminders')).not.toContain('Gentagne påmindelser');
    await bot.run('mette', ':clock 2026-11-23 08:00', ':run-jobs');
    const second = await bot.run('mette', ':clock 2026-11-24 08:00', ':run-jobs');
    expect(linesFor(second, '[DM @mette]').join('\n')).toContain('For @anne (påmindet 1 gang):');

    expect(await bot.run('mette', '/jobbot escalate off')).toContain('hver dag');
    expect(await setting()).toBeNull();
    const third = await bot.run('mette', ':clock 2026-11-25 08:00', ':run-jobs');
    expect(linesFor(third, '[DM @anne]').join('\n')).toContain('C-1042: 5 dage over');
  });

});

describe('repeated reminders in English', () => {
  let db: Database;
  let bot: ConsoleDriver;
  beforeAll(async () => {
    ({ db, bot } = await openSchedulerWorld());
    await db.prisma.staff.updateMany({ where: { handle: { in: ['mette', 'bo'] } }, data: { locale: 'en' } });
  });
  afterAll(async () => db.close());

  it('escalates and sums up in the reader\'s language', async () => {
    expect(await bot.run('mette', '/jobbot escalate 2')).toContain('An item now goes to the manager after 2 reminders and is then shown weekly only.');
    await bot.run('mette', ':clock 2026-11-23 08:00', ':run-jobs', ':clock 2026-11-24 08:00', ':run-jobs');
    // Bo's C-2001 (due 23 Nov) was in his list on 23 and 24 Nov: on the third morning it goes to Mette.
    const out = await bot.run('mette', ':clock 2026-11-25 08:00', ':run-jobs');
    const mette = linesFor(out, '[DM @mette]').join('\n');
    expect(mette).toContain('Reminders without action');
    expect(mette).toContain('For @bo (reminded 2 times):');
    expect(mette).toContain('For @anne (reminded 2 times):');
    expect(linesFor(out, '[DM @bo]')).toEqual([]);
    const monday = await bot.run('mette', ':clock 2026-11-30 08:00', ':run-jobs');
    expect(linesFor(monday, '[DM @bo]').join('\n')).toContain("Passed on to your manager after 2 reminders (now shown on the week's first working day only):");
    expect(linesFor(monday, '[DM @anne]').join('\n')).toContain('Sendt videre til lederen efter 2 påmindelser');
  });
});
