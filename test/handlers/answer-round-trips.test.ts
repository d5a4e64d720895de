// The answer path in SQL statements (issue 15): what /caseload, /caseload
// team, /citizen and /meeting send to the database inside their transaction,
// counted at the PGlite driver. The ceilings are today's counts: a change that
// adds a round trip to an answer has to raise them here, on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeCommand } from '../../src/handlers/router.js';
import { MONDAY } from '../helpers/fixtures.js';
import { countStatements } from '../helpers/statement-counter.js';
import { openWorld, type World } from '../helpers/world.js';

describe('answer round trips', () => {
  let w: World;
  let ref: string;
  beforeAll(async () => {
    w = await openWorld();
    ref = await w.freshCitizen('C');
    await w.freshCitizen('C');
    await w.bot.run('anne', `/meeting ${ref} individuel 2026-11-16`);
    await w.bot.run('camilla', `/placement ${ref} praktik Netto 2026-11-02 2026-11-20`);
  });
  afterAll(async () => w.db.close());

  const cases: Array<[string, string, number]> = [
    // The caseload read (citizens, placements, follow-ups, Klaret marks), the month's results, one audit insert;
    // then the readiness pipeline (issue 14: active citizens' readiness, changes in the month): 7 + 4.
    ['anne', '/caseload', 11],
    // The same for the team and its staff, read once for the summary and the per-person lines; then the pipeline: 9 + 4.
    ['mette', '/caseload team', 13],
    // Access check, audit, the card (meetings, placements with follow-ups, results, sub-goals, readiness), its people in one read,
    // Klaret marks; then mentor support and the wish list's company contacts (issue 14): 12 + 2.
    ['anne', '/citizen REF', 14],
    // Access check, audit, duplicate check, latest meeting, insert with participants, the check-in update (journaled for undo), audit, undo entry.
    ['anne', '/meeting REF trepart i dag 45m aftalt praktik', 13],
  ];

  for (const [handle, command, ceiling] of cases) it(`@${handle} ${command} stays within ${ceiling} statements`, async ({ skip }) => {
    const text = command.replace('REF', ref);
    const actor = await w.actor(handle);
    const counter = countStatements(w.db);
    if (!counter.supported) skip(); // counted at the PGlite driver
    const routed = await routeCommand({ prisma: w.prisma, clock: () => MONDAY, adminEmails: [] }, { text: text.slice(1), actor, channel: 'CONSOLE' });
    counter.stop();
    expect(routed.reply.status, JSON.stringify(routed.reply)).toBe('ok');
    expect(counter.count, counter.statements.join('\n')).toBeLessThanOrEqual(ceiling);
  });
});
