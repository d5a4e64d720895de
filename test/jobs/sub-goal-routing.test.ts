// Overdue sub-goals follow the reminder routing (issue 14): the cover while the
// caseworker is away, the team's managers without one, and after the team's
// number of reminders they are passed on to the managers and then come weekly.
// MONDAY is Monday 23 November 2026; the sub-goals' deadline is Tuesday the 24th.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type World } from '../helpers/world.js';
import { localDateTimeToInstant } from '../../src/domain/local-date.js';
import type { Reply } from '../../src/domain/reply.js';
import { renderText } from '../../src/channels/console/render-text.js';
import * as checkins from '../../src/jobs/checkin-reminders.js';
import { ESCALATION_KIND } from '../../src/jobs/repetition.js';

describe('overdue sub-goals in the reminder routing', () => {
  let w: World;
  let refs: { anne: string; bo: string; ida: string };
  beforeAll(async () => {
    w = await openWorld();
    refs = { anne: await w.freshCitizen('S', 'anne'), bo: await w.freshCitizen('S', 'bo'), ida: await w.freshCitizen('S', 'ida') };
    await w.bot.run('anne', `/delmål ${refs.anne} "Opdatere CV" frist:tirsdag`, '/jobbot away until 2026-11-26 cover:@bo');
    await w.bot.run('bo', `/delmål ${refs.bo} "Søge 3 stillinger" frist:tirsdag`);
    await w.bot.run('ida', `/goal ${refs.ida} "Get a forklift licence" deadline:tuesday`, '/jobbot away until 2026-11-25');
  });
  afterAll(async () => w.db.close());

  type Handle = 'anne' | 'bo' | 'ida' | 'mette';
  const runMorning = (day: string) => checkins.run({ prisma: w.prisma }, localDateTimeToInstant(day, '08:00'));
  const dm = async (handle: Handle, day: string, kind = checkins.KIND) => {
    const rows = await w.prisma.delivery.findMany({ where: { kind, recipientId: w.fixture.staff[handle], status: { not: 'SKIPPED' } } });
    return rows.filter((r) => r.key.includes(day)).map((r) => renderText(r.payload as unknown as Reply)).join('\n');
  };

  it('while the caseworker is away, the cover gets them labelled, and without a cover the manager does', async () => {
    await runMorning('2026-11-25');
    expect(await dm('anne', '2026-11-25')).toBe('');
    const bo = await dm('bo', '2026-11-25');
    expect(bo).toContain('For @anne (fraværende):');
    expect(bo).toContain(`${refs.anne}: delmål 1, 1 dag over fristen`);
    expect(bo).toContain(`${refs.bo}: delmål 1, 1 dag over fristen`);
    const mette = await dm('mette', '2026-11-25');
    expect(mette).toContain('For @ida (fraværende):');
    expect(mette).toContain(`${refs.ida}: delmål 1, 1 dag over fristen`);
    expect(mette).not.toContain(refs.anne);
  });

  it('back from leave, the caseworker has their own again', async () => {
    await runMorning('2026-11-26');
    await runMorning('2026-11-27');
    const anne = await dm('anne', '2026-11-27');
    expect(anne).toContain(`${refs.anne}: delmål 1, 3 dage over fristen`);
    expect(anne).not.toContain('fraværende');
    expect(await dm('bo', '2026-11-27')).not.toContain(refs.anne);
    expect(await dm('ida', '2026-11-27')).toContain(`${refs.ida}: sub-goal 1, 3 days past the deadline`);
  });

  it('reminded the team\'s number of times, a sub-goal goes to the manager once and then comes weekly', async () => {
    // Bo was reminded of his own on Wednesday, Thursday and Friday (3 = the team's setting).
    await runMorning('2026-11-30');
    const escalated = await dm('mette', '2026-11-30', ESCALATION_KIND);
    expect(escalated).toContain('@bo');
    expect(escalated).toContain(`${refs.bo}: delmål 1, 6 dage over fristen`);
    expect(escalated).not.toContain(refs.anne);
    // Monday is the week's first working day: the repeated one is in Bo's weekly line, not the daily list.
    const bo = await dm('bo', '2026-11-30');
    expect(bo).toContain(`${refs.bo}: delmål 1, 6 dage over fristen`);
    expect(bo).not.toContain('Delmål over fristen');
    await runMorning('2026-12-01');
    expect(await dm('bo', '2026-12-01')).not.toContain(`${refs.bo}: delmål`);
    // Passed on once: Tuesday's escalation is Ida's (reminded Thursday, Friday and Monday), not Bo's again.
    const tuesday = await dm('mette', '2026-12-01', ESCALATION_KIND);
    expect(tuesday).toContain(`For @ida (påmindet 3 gange):`);
    expect(tuesday).not.toContain(refs.bo);
  });
});
