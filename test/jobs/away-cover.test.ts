// Issue 9, item 15: while someone is away their due reminders go to the
// colleague covering for them, or without one to the team's managers, in a
// labelled group; nothing waits silently until they are back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleDriver } from '../helpers/console-driver.js';
import type { Database } from '../helpers/test-database.js';
import { linesFor, openSchedulerWorld } from '../helpers/world.js';

describe('/jobbot away with cover', () => {
  let db: Database;
  let bot: ConsoleDriver;
  beforeAll(async () => {
    ({ db, bot } = await openSchedulerWorld());
  });
  afterAll(async () => db.close());

  it('refuses an unknown colleague and oneself, storing nothing', async () => {
    const out = await bot.run('anne', ':clock 2026-11-23 07:00', '/jobbot away until 2026-11-27 cover:@nobody', '/jobbot away until 2026-11-27 cover:@anne');
    expect(out).toContain('nobody');
    expect(out).toContain('Du kan ikke dække for dig selv');
    expect((await db.prisma.staff.findFirstOrThrow({ where: { handle: 'anne' } })).awayUntil).toBeNull();
  });

  it("sends the away caseworker's check-ins to the cover, and the away consultant's placements to the manager, labelled", async () => {
    const set = await bot.run('anne', '/jobbot away until 2026-11-27 cover:@bo');
    expect(set).toContain('@bo dækker for dig');
    const alone = await bot.run('camilla', '/jobbot away until 2026-11-27');
    expect(alone).toContain('Du får ingen påmindelser til og med fre. 27. nov. – skriv /jobbot back, når du er tilbage.');
    expect(alone).toContain('teamets leder');

    const out = await bot.run('mette', ':clock 2026-11-23 08:00', ':run-jobs');
    expect(linesFor(out, '[DM @anne]')).toEqual([]);
    expect(linesFor(out, '[DM @camilla]')).toEqual([]);
    const bo = linesFor(out, '[DM @bo]').join('\n');
    expect(bo).toContain('C-2001'); // his own
    expect(bo).toContain('For @anne (fraværende):');
    expect(bo).toContain('C-1042: 3 dage over');
    const mette = linesFor(out, '[DM @mette]').join('\n');
    expect(mette).toContain('For @camilla (fraværende):');
    expect(mette).toContain("C-1043's praktik hos Netto Nord");
    expect(mette).not.toContain('C-1042');

    // The cover may act on what they are reminded of: open the card and log the meeting.
    const acted = await bot.run('bo', ':clock 2026-11-23 09:00', '/borger C-1042', '/samtale C-1042 telefon i dag', '/jobbot fortryd');
    expect(acted).toContain('Borger C-1042');
    expect(acted).toContain('Telefonsamtale med C-1042');
    expect(acted).not.toContain('ikke på din sagsstamme');
    expect(acted).toContain('Fortrudt'); // (taken back again, so the next test sees Anne's own reminders)
  });

  it('after /jobbot back the reminders are their own again', async () => {
    await bot.run('anne', ':clock 2026-11-24 07:00', '/jobbot back');
    const out = await bot.run('mette', ':clock 2026-11-24 08:00', ':run-jobs');
    expect(linesFor(out, '[DM @anne]').join('\n')).toContain('C-1042');
    expect(linesFor(out, '[DM @bo]').join('\n')).not.toContain('@anne');
    // The cover's access ends with the cover.
    expect(await bot.run('bo', ':clock 2026-11-24 09:00', '/borger C-1042')).toContain('C-1042 er ikke på din sagsstamme');
  });
});
