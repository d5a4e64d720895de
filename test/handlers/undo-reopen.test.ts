// Fortryd (undo) and reopening a closed case (issue 9, items 9 and 11): a
// change can be taken back exactly, by its author, for ten minutes, and a
// citizen who comes back is reopened instead of leaving the user stuck.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAction, routeCommand } from '../../src/handlers/router.js';
import { UNDO_ACTION } from '../../src/handlers/entries/undo-change.js';
import { MONDAY } from '../helpers/fixtures.js';
import { day, openWorld, type World } from '../helpers/world.js';

describe('undo and reopen', () => {
  let w: World;
  let now = MONDAY;
  beforeAll(async () => {
    w = await openWorld({ now: () => now });
  });
  afterAll(async () => w.db.close());

  const citizen = (ref: string) => w.prisma.citizen.findFirstOrThrow({ where: { ref } });
  /** Runs a command through the router as Slack would, returning the reply and the undo button's value. */
  const command = async (handle: string, text: string) => {
    const routed = await routeCommand(w.bot.deps, { text, actor: await w.actor(handle), channel: 'SLACK' });
    const button = routed.reply.blocks.flatMap((b) => (b.type === 'actions' ? b.actions : [])).find((a) => a.id === UNDO_ACTION);
    return { reply: routed.reply, undo: button?.value };
  };
  const press = async (handle: string, value: string) =>
    (await routeAction(w.bot.deps, { actionId: UNDO_ACTION, value, actor: await w.actor(handle), channel: 'SLACK' })).reply;

  it('a logged meeting carries Fortryd, which removes it and puts the next check-in back', async () => {
    const ref = await w.freshCitizen('U');
    const before = await citizen(ref);
    const logged = await command('anne', `/samtale ${ref} telefon i dag next:2026-12-02 ringede`);
    expect(logged.reply.status).toBe('ok');
    expect(logged.undo).toBeDefined();
    expect(logged.reply.text).toContain(`med ${ref}`);
    expect(JSON.stringify(logged.reply.blocks)).toContain('Fortryd virker i 10 minutter');
    expect(day((await citizen(ref)).nextCheckInOn)).not.toBe(day(before.nextCheckInOn));

    const undone = await press('anne', logged.undo!);
    expect(undone.status).toBe('ok');
    expect(undone.text).toContain('Fortrudt: din ændring med /samtale er taget tilbage.');
    expect(await w.prisma.meeting.count({ where: { citizen: { ref } } })).toBe(0);
    expect(day((await citizen(ref)).nextCheckInOn)).toBe(day(before.nextCheckInOn));
    const audit = await w.prisma.auditLog.findFirstOrThrow({ where: { action: 'change.undone' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ actorId: w.fixture.staff.anne, citizenId: before.id });

    // Pressed again: nothing more happens.
    expect((await press('anne', logged.undo!)).text).toContain('allerede fortrudt');
  });

  it('/jobbot fortryd in the console undoes the latest change; reads carry no button', async () => {
    const ref = await w.freshCitizen('U');
    const out = await w.bot.run('anne', `/praktik start ${ref} Bygma praktik`, `/borger ${ref}`);
    expect(out.match(/\[Fortryd\]/g)).toHaveLength(1); // the placement, not the card
    expect(await w.prisma.placement.count({ where: { citizen: { ref } } })).toBe(1);
    const undo = await w.bot.run('anne', '/jobbot fortryd');
    expect(undo).toContain('Fortrudt: din ændring med /praktik er taget tilbage.');
    expect(await w.prisma.placement.count({ where: { citizen: { ref } } })).toBe(0);
    expect(await w.bot.run('anne', '/jobbot fortryd')).toContain('Fortrudt: din ændring med /citizen er taget tilbage.');
    expect(await w.prisma.citizen.count({ where: { ref } })).toBe(0);
    expect(await w.bot.run('camilla', '/jobbot undo')).toContain('ingen ændring fra de sidste 10 minutter');
  });

  it('an outcome is undone with its case closing, and the tally no longer counts it', async () => {
    const ref = await w.freshCitizen('U');
    const tally = () => w.prisma.outcome.count({ where: { teamId: w.fixture.teamId, kind: 'ORDINARY_JOB' } });
    const jobsBefore = await tally();
    const logged = await command('anne', `/resultat ${ref} job hours:37`);
    expect((await citizen(ref)).status).toBe('CLOSED');
    expect(await tally()).toBe(jobsBefore + 1);
    const undone = await press('anne', logged.undo!);
    expect(undone.status).toBe('ok');
    expect((await citizen(ref)).status).toBe('ACTIVE');
    expect((await citizen(ref)).closedAt).toBeNull();
    expect(await tally()).toBe(jobsBefore);
  });

  it('a celebration still in the outbox is withdrawn with the outcome', async () => {
    const ref = await w.freshCitizen('U');
    const logged = await command('anne', `/resultat ${ref} uddannelse`);
    const pending = await w.prisma.delivery.count({ where: { kind: 'celebration', status: 'PENDING' } });
    expect(pending).toBeGreaterThan(0);
    const undone = await press('anne', logged.undo!);
    expect(undone.text).not.toContain('allerede sendt');
    expect(await w.prisma.delivery.count({ where: { kind: 'celebration', status: 'PENDING' } })).toBe(pending - 1);
  });

  it('only the author may undo, only for ten minutes, and never over a later change', async () => {
    const ref = await w.freshCitizen('U');
    const first = await command('anne', `/samtale ${ref} telefon i dag next:2026-12-02 første`);
    expect((await press('bo', first.undo!)).text).toContain('Kun den, der lavede ændringen, kan fortryde den.');

    // A new cadence moves the same next check-in again: undoing the meeting would overwrite it.
    await command('anne', `/citizen set ${ref} cadence:14`);
    const conflict = await press('anne', first.undo!);
    expect(conflict.status).toBe('error');
    expect(conflict.text).toContain('ændret igen siden');
    expect(await w.prisma.meeting.count({ where: { citizen: { ref } } })).toBe(1);

    const later = await command('anne', `/samtale ${ref} video i dag anden`);
    now = new Date(MONDAY.getTime() + 11 * 60_000);
    try {
      expect((await press('anne', later.undo!)).text).toContain('over 10 minutter gammel');
      expect(await w.prisma.meeting.count({ where: { citizen: { ref } } })).toBe(2);
    } finally {
      now = MONDAY;
    }
  });

  describe('reopen', () => {
    it('a closed citizen who comes back is reopened, not stuck', async () => {
      const ref = await w.freshCitizen('R');
      await w.bot.run('anne', `/borger afslut ${ref} fraflyttet`);
      expect(await w.bot.run('anne', `/borger opret ${ref}`)).toContain(`sagen er afsluttet. Genåbn den med /borger genåbn ${ref}.`);
      expect(await w.bot.run('anne', `/samtale ${ref} telefon i dag`)).toContain(`/borger genåbn ${ref}`);
      const out = await w.bot.run('anne', `/borger genåbn ${ref}`);
      expect(out).toContain(`${ref} er genåbnet på Annes sagsstamme.`);
      const reopened = await citizen(ref);
      expect(reopened).toMatchObject({ status: 'ACTIVE', closeReason: null, closedAt: null, caseworkerId: w.fixture.staff.anne });
      expect(reopened.nextCheckInOn).not.toBeNull();
      expect(await w.bot.run('anne', `/borger genåbn ${ref}`)).toContain(`${ref} er ikke afsluttet`);
      expect(await w.bot.run('ida', `/citizen reopen ${ref}`)).not.toContain('reopened');
    });

    it('a manager may reopen on another caseworker, which counts as a caseworker change', async () => {
      const ref = await w.freshCitizen('R');
      await w.bot.run('anne', `/borger afslut ${ref} andet`);
      await w.bot.run('mette', `/borger genåbn ${ref} caseworker:@bo`);
      const reopened = await citizen(ref);
      expect(reopened.caseworkerId).toBe(w.fixture.staff.bo);
      expect(await w.prisma.caseworkerChange.count({ where: { citizenId: reopened.id } })).toBe(1);
    });
  });
});
