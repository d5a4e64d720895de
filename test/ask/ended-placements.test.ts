// A placement past its planned end needs an extension or an end registered,
// not a monthly follow-up: the answers say so in the morning list's words
// (issue 9, item 13 and smaller things).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type World } from '../helpers/world.js';

describe('placements past their planned end in the answers', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  it('are named as ended, with what to register, in "hvem mangler opfølgning?" and /caseload', async () => {
    const ref = await w.freshCitizen('E');
    await w.bot.run('anne', `/praktik start ${ref} Bygma from:2026-11-02 days:10`);
    const answer = await w.bot.run('anne', 'hvem mangler opfølgning?');
    expect(answer).toContain(`${ref}, Bygma: sluttede ons. 11. nov. – registrér forlængelse eller afslutning`);
    const caseload = await w.bot.run('anne', '/sager');
    expect(caseload).toContain(`${ref}, Bygma: sluttede ons. 11. nov.`);
    expect(await w.bot.run('ida', 'who needs follow-up?')).not.toContain(ref);
  });
});
