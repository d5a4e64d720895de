// /milepæl (issue 14, part 4): a manager previews the team's progress with a
// few words of their own, then posts it to the team channel (with the chart),
// once. Counts only: the words pass the CPR and length checks and may not name
// a case. Through the console and the router, against a real database.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAction } from '../../src/handlers/router.js';
import { consoleDriver, type ConsoleDriver } from '../helpers/console-driver.js';
import { MONDAY } from '../helpers/fixtures.js';
import { channelLines, databaseState, openWorld, type World } from '../helpers/world.js';

describe('/milepæl: milestones managers post', () => {
  let w: World;
  let bot: ConsoleDriver;
  const exportDir = mkdtempSync(join(tmpdir(), 'jobbot-milestone-'));
  const milestoneRows = () => w.prisma.delivery.findMany({ where: { kind: 'milestone' } });

  beforeAll(async () => {
    w = await openWorld();
    bot = consoleDriver(w.db, { now: MONDAY, exportDir });
    await bot.run('mette', '/target praktikstarter 4', '/target job 2');
    await bot.run('anne', '/citizen add C-7001', '/praktik start C-7001 Netto praktik');
    // Assessed further away, then close: one citizen moved up this month.
    await bot.run('anne', '/borger C-7001 parat:længere', '/borger C-7001 parat:tæt');
  });
  afterAll(async () => w.db.close());

  it('shows the manager a preview with the targets, the pace and their words, and posts nothing yet', async () => {
    const before = await databaseState(w.prisma);
    const out = await bot.run('mette', '/milepæl Flot november – vi er godt på vej!');
    expect(out).toContain('Forhåndsvisning – kun du kan se den');
    expect(out).toContain('== 📣 Milepæl for Vest ==');
    expect(out).toContain('„Flot november – vi er godt på vej!“ – Mette');
    expect(out).toContain('Måltal for november 2026:');
    expect(out).toMatch(/praktikstarter: 1 af 4/);
    expect(out).toContain('i job eller uddannelse i 2026');
    // The pipeline, counts only, as the weekly digest shows it.
    expect(out).toMatch(/Parathed \(aktive borgere\): klar \d+ · tæt på 1 · længere fra 0 · ikke vurderet \d+/);
    expect(out).toContain('Rykket op i parathed i november 2026: 1');
    expect(out.split('Send til teamkanalen')[0]).not.toContain('C-7001');
    expect(out).toContain('Diagrammet over måltal og de seks måneder før kommer med i opslaget');
    expect(out).toContain('/milepæl send Flot november – vi er godt på vej!');
    expect(out).toContain('[Send til teamkanalen]');
    expect(channelLines(out)).toEqual([]);
    expect(await databaseState(w.prisma)).toEqual(before);
  });

  it('posts to the team channel with the chart, saved as a PNG in the console; the same post twice is one post', async () => {
    const out = await bot.run('mette', '/milepæl send Flot november – vi er godt på vej!');
    expect(out).toContain('Milepælen er sendt til teamkanalen for Vest.');
    // It is in the channel at once: nothing to take back.
    expect(out).not.toContain('[Fortryd]');
    const channel = channelLines(out).join('\n');
    expect(channel).toContain('[#Vest] == 📣 Milepæl for Vest ==');
    expect(channel).toContain('„Flot november – vi er godt på vej!“ – Mette');
    expect(channel).not.toContain('C-7001');
    expect(channel).toContain('Parathed (aktive borgere): klar');
    expect(channel).toContain('Rykket op i parathed i november 2026: 1');
    // The chart: described in words, then written to disk like a CSV export.
    expect(channel).toContain('📊 Diagram over måltal og resultater for november 2026');
    const path = /→ (\S+maaltal-2026-11\.png)/.exec(channel)?.[1];
    expect(path && existsSync(path)).toBe(true);
    expect(await milestoneRows()).toHaveLength(1);

    const again = await bot.run('mette', '/milepæl send Flot november – vi er godt på vej!');
    expect(again).toContain('Den milepæl er allerede sendt i dag.');
    expect(channelLines(again)).toEqual([]);
    expect(await milestoneRows()).toHaveLength(1);
  });

  it("posts with the preview's button, its text checked again", async () => {
    const mette = await w.actor('mette');
    const routed = await routeAction(bot.deps, { actionId: 'milestone.post', value: 'Tak for en god uge', actor: mette, channel: 'CONSOLE' });
    expect(routed.reply.status).toBe('ok');
    expect(routed.reply.text).toContain('Milepælen er sendt til teamkanalen for Vest.');
    expect(routed.announcements).toHaveLength(1);
    expect(routed.announcements[0]!.reply.text).toContain('„Tak for en god uge“ – Mette');
    expect(routed.announcements[0]!.reply.attachment).toMatchObject({ contentType: 'image/png', encoding: 'base64' });
    const refused = await routeAction(bot.deps, { actionId: 'milestone.post', value: 'Godt gået med C-7001', actor: mette, channel: 'CONSOLE' });
    expect(refused.reply.status).toBe('error');
    expect(refused.announcements).toEqual([]);
  });

  it('refuses caseworkers, a case reference, a CPR number and a long text, and changes nothing', async () => {
    const before = await databaseState(w.prisma);
    expect(await bot.run('anne', '/milepæl send Godt gået')).toContain('⚠ Kun ledere');
    expect(await bot.run('mette', '/milepæl send Godt gået med c-7001')).toContain('⚠ Teksten nævner C-7001.');
    expect(await bot.run('mette', '/milepæl send Tak til 010190-1234')).toContain('⚠');
    expect(await bot.run('mette', `/milepæl send ${'a'.repeat(201)}`)).toContain('⚠ Din tekst må højst være 200 tegn.');
    expect(await databaseState(w.prisma)).toEqual(before);
    expect((await milestoneRows()).length).toBe(2);
  });

  it('speaks English to an English-speaking manager, and has help', async () => {
    await w.prisma.staff.update({ where: { id: w.fixture.staff.mette }, data: { locale: 'en' } });
    const out = await bot.run('mette', '/milestone');
    expect(out).toContain('Preview – only you can see it');
    expect(out).toContain('/milestone send');
    expect(await bot.run('mette', '/milestone help')).toContain('/milestone send [text]');
    expect(await bot.run('mette', 'help')).toContain('/milestone [text] (preview)');
    await w.prisma.staff.update({ where: { id: w.fixture.staff.mette }, data: { locale: 'da' } });
  });
});
