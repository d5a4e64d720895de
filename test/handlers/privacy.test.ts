// Privacy: CPR numbers are refused and never stored anywhere; celebrations
// carry no citizen identifier; every read and write of a citizen is audit-logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeCommand } from '../../src/handlers/router.js';
import { channelLines, databaseState, everythingStored, openWorld, type World } from '../helpers/world.js';

describe('privacy', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
    await w.bot.run('mette', '/citizen add R-1 initials:QX caseworker:@anne consultant:@camilla');
    await w.bot.run('camilla', '/placement start R-1 Bygma');
  });
  afterAll(async () => w.db.close());

  describe('CPR numbers', () => {
    const attempts: Array<[string, string]> = [
      ['ten digits in a meeting note', '/meeting R-1 trepart i dag borgerens cpr 0101901234'],
      ['DDMMYY-XXXX in a meeting note', '/samtale R-1 telefon i går ring til 010190-1234 senere'],
      ['with a space', '/meeting R-1 010190 1234'],
      ['with a Word dash', '/meeting R-1 note 010190–1234'],
      ['glued to letters', '/meeting R-1 cpr:0101901234'],
      ['as the reference', '/citizen add 0101901234'],
      ['inside a reference', '/citizen add C-0101901234'],
      ['in a company name', '/placement start R-1 "Firma 010190-1234" praktik'],
      ['in an employer', '/outcome R-1 job "ApS 0101901234"'],
      ['in a wish-list', '/citizen wish R-1 Netto 0101901234'],
      ['in a follow-up note', '/placement followup R-1 ok 010190-1234'],
      ['in a close reason', '/citizen close R-1 0101901234'],
      ['in a target', '/target job 0101901234'],
      ['in an unknown command', '/0101901234'],
      ['in a staff name', '/jobbot staff add ny sagsbehandler name:"Ny 010190-1234"'],
    ];
    it.each(attempts)('refuses one %s and stores nothing', async (_name, line) => {
      const handle = line.startsWith('/target') || line.startsWith('/jobbot') ? 'mette' : 'anne';
      const before = await databaseState(w.prisma);
      const refusals = await w.prisma.auditLog.count({ where: { action: 'cpr.refused' } });
      const out = await w.bot.run(handle, line);
      expect(out).toContain('⚠ Det ligner et CPR-nummer. jobbot gemmer aldrig CPR-numre, så intet er gemt. Brug borgerens sagsreference (fx C-1042).');
      // Nothing changed but one audit row recording the refused attempt (without its text).
      expect(await databaseState(w.prisma)).toEqual(before);
      expect(await w.prisma.auditLog.count({ where: { action: 'cpr.refused' } })).toBe(refusals + 1);
      const stored = await everythingStored(w.prisma);
      expect(stored).not.toContain('0101901234');
      expect(stored).not.toContain('010190');
    });

    it('refuses in English for ida', async () => {
      expect(await w.bot.run('ida', '/citizen add 3112991234')).toContain('⚠ That looks like a CPR number. jobbot never stores CPR numbers, so nothing was saved.');
    });

    it('is refused before the idempotency record too', async () => {
      const actor = await w.actor('anne');
      const routed = await routeCommand(w.bot.deps, { text: 'meeting R-1 0101901234', actor, channel: 'SLACK', requestKey: 'cpr-1' });
      expect(routed.reply.status).toBe('error');
      expect(await w.prisma.processedRequest.findUnique({ where: { key: 'cpr-1' } })).toBeNull();
      expect(await everythingStored(w.prisma)).not.toContain('0101901234');
    });

    it('lets numbers through that cannot be a CPR number', async () => {
      // 32/13 is no date, and a 12-digit journal number is not a CPR number.
      const out = await w.bot.run('anne', '/meeting R-1 i går journal 3213901234 og 123456789012');
      expect(out).toContain('Individuel samtale med R-1');
      const m = await w.prisma.meeting.findFirstOrThrow({ where: { note: { contains: 'journal' } } });
      expect(m.note).toBe('journal 3213901234 og 123456789012');
    });
  });

  describe('celebrations', () => {
    it('never carry the reference, the initials or the employer', async () => {
      const actor = await w.actor('anne');
      const routed = await routeCommand(w.bot.deps, { text: 'outcome R-1 job hours:30 employer:Bygma', actor, channel: 'SLACK' });
      expect(routed.reply.text).toContain('R-1: ordinært job er registreret.');
      expect(routed.announcements).toHaveLength(1);
      const post = JSON.stringify(routed.announcements[0]);
      expect(post).toContain('En borger er gået i ordinært job (30 timer om ugen).');
      for (const secret of ['R-1', 'QX', 'Bygma', w.fixture.staff.anne]) expect(post).not.toContain(secret);
      expect(routed.announcements[0]?.reply.visibility).toBe('channel');
      expect(routed.announcements[0]?.teamId).toBe(w.fixture.teamId);
    });

    it('in the console too', async () => {
      await w.bot.run('mette', '/citizen add R-2 initials:ZV caseworker:@bo');
      const out = await w.bot.run('bo', '/outcome R-2 uddannelse "Aarhus Tech"');
      const posted = channelLines(out);
      expect(posted.length).toBeGreaterThan(0);
      for (const line of posted) {
        expect(line).toMatch(/^\[#Vest\] /);
        for (const secret of ['R-2', 'ZV', 'Aarhus']) expect(line).not.toContain(secret);
      }
    });
  });

  describe('audit log', () => {
    const steps: Array<[string, string, string[]]> = [
      ['anne', '/citizen add A-1 initials:AB', ['citizen.add']],
      ['anne', '/citizen A-1', ['citizen.view']],
      ['anne', '/borger vis A-1', ['citizen.view']],
      ['anne', '/citizen set A-1 cadence:14', ['citizen.update', 'citizen.update.done']],
      ['anne', '/citizen wish A-1 Netto Jysk Lidl', ['citizen.wishes']],
      ['anne', '/meeting A-1 trepart i dag hemmelig note', ['meeting.log', 'meeting.create']],
      ['anne', '/placement start A-1 Jysk', ['placement.start', 'placement.create']],
      ['anne', '/placement extend A-1 7 "tilbud om timer"', ['placement.extend', 'placement.extend']],
      ['anne', '/placement followup A-1 ok fortroligt', ['placement.followup', 'placement.followup.create']],
      ['anne', '/placement end A-1 completed', ['placement.end', 'placement.end']],
      ['mette', '/citizen A-1', ['citizen.view']],
      ['anne', '/citizen transfer A-1 @bo', ['citizen.transfer', 'citizen.transfer.done']],
      ['bo', '/outcome A-1 timer hours:5', ['outcome.log', 'outcome.create']],
      ['bo', '/citizen close A-1 job', ['citizen.close']],
    ];
    it('records every read and write of a citizen with who, what and where', async () => {
      for (const [handle, line, actions] of steps) {
        const last = (await w.prisma.auditLog.findFirst({ orderBy: { id: 'desc' } }))?.id ?? 0n;
        const out = await w.bot.run(handle, line);
        expect(out.trim().startsWith('⚠'), `${line}: ${out}`).toBe(false);
        const rows = await w.prisma.auditLog.findMany({ where: { id: { gt: last } }, orderBy: { id: 'asc' } });
        const citizen = await w.prisma.citizen.findFirstOrThrow({ where: { ref: 'A-1' } });
        expect(rows.map((r) => r.action), line).toEqual(actions);
        for (const row of rows) {
          expect(row).toMatchObject({ citizenId: citizen.id, actorId: (await w.actor(handle)).id, channel: 'CONSOLE' });
        }
      }
    });

    it('never copies free text into the audit details', async () => {
      const details = JSON.stringify((await w.prisma.auditLog.findMany()).map((r) => r.details));
      for (const text of ['hemmelig', 'fortroligt', 'Netto', 'Jysk', 'AB']) expect(details).not.toContain(text);
    });

    it('a refused read leaves one audit row saying so (who, which citizen, why), and no other', async () => {
      const before = await w.prisma.auditLog.count();
      expect(await w.bot.run('anne', '/citizen R-2')).toContain('⚠ R-2 er ikke på din sagsstamme.');
      const rows = await w.prisma.auditLog.findMany({ where: {}, orderBy: { id: 'desc' }, take: (await w.prisma.auditLog.count()) - before });
      const citizen = await w.prisma.citizen.findFirstOrThrow({ where: { ref: 'R-2' } });
      expect(rows.map((r) => ({ actorId: r.actorId, action: r.action, citizenId: r.citizenId, details: r.details }))).toEqual([
        { actorId: w.fixture.staff.anne, action: 'citizen.view.refused', citizenId: citizen.id, details: { reason: 'access' } },
      ]);
    });
  });
});
