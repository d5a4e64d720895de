// Bulk logging after an absence (issue 9 item 18): one meeting per citizen in
// one command, all or none, each checked for access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type World } from '../helpers/world.js';

describe('/meeting with several citizens', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  const count = (refs: string[]) => w.prisma.meeting.count({ where: { citizen: { ref: { in: refs } } } });

  it('logs one meeting per citizen, each with its own next check-in', async () => {
    const refs = [await w.freshCitizen('B'), await w.freshCitizen('B'), await w.freshCitizen('B')];
    const out = await w.bot.run('anne', `/samtale ${refs.join(' ')} telefon i går 20m ringede rundt`);
    expect(out).toContain('3 samtaler er logget, én pr. borger:');
    for (const ref of refs) expect(out).toContain(`Telefonsamtale med ${ref} søn. 22. nov. er logget.`);
    const meetings = await w.prisma.meeting.findMany({ where: { citizen: { ref: { in: refs } } } });
    expect(meetings).toHaveLength(3);
    for (const m of meetings) expect(m).toMatchObject({ kind: 'PHONE', durationMinutes: 20, note: 'ringede rundt' });
  });

  it('is all or none: a citizen the user may not see stops the whole command', async () => {
    const mine = [await w.freshCitizen('B'), await w.freshCitizen('B')];
    const bos = await w.freshCitizen('B', 'bo');
    const out = await w.bot.run('anne', `/samtale ${mine[0]} ${bos} ${mine[1]} telefon i dag`);
    expect(out).toContain(`Ingen samtaler er logget: ${bos} fejlede, og de andre er ikke gemt.`);
    expect(await count([...mine, bos])).toBe(0);
  });

  it('reads a date or a duration after the reference as such, not as another citizen', async () => {
    const ref = await w.freshCitizen('B');
    await w.bot.run('anne', `/samtale ${ref} 20/11 45m opfølgning`);
    const m = await w.prisma.meeting.findFirstOrThrow({ where: { citizen: { ref } } });
    expect(m.durationMinutes).toBe(45);
    expect(m.heldOn.toISOString().slice(0, 10)).toBe('2026-11-20');
  });
});
