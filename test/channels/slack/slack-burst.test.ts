// A burst of slash commands: each is acked at once, but the work after the ack
// is bounded (here 3 at a time, 6 more waiting) so a burst cannot open a
// database transaction per request. The router is held, as a slow database
// would, so every job that gets a slot stays in flight until the test lets go:
// without the bound all of them would be inside the router together.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { messagesFor } from '../../../src/domain/i18n/messages.js';
import { createTeamFixture, MONDAY, type TeamFixture } from '../../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../../helpers/test-database.js';
import { startSlackHarness, type SlackHarness } from './slack-harness.js';

const ANNE = 'U0ANNE';
const LIMITS = { concurrency: 3, maxWaiting: 6 };
const refs = (from: number, count: number) => Array.from({ length: count }, (_, i) => `C-${4001 + from + i}`);

describe('a burst of Slack commands after the ack', () => {
  let db: Database;
  let team: TeamFixture;
  let h: SlackHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    team = await createTeamFixture(db.prisma);
    await db.prisma.staff.update({ where: { id: team.staff.anne }, data: { slackUserId: ANNE } });
    await db.prisma.citizen.createMany({ data: refs(0, 27).map((ref) => ({ teamId: team.teamId, ref, initials: 'AB', caseworkerId: team.staff.anne })) });
    h = await startSlackHarness(db, { now: MONDAY, adminEmails: ['mette@kommune.dk'], afterAck: LIMITS });
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });
  beforeEach(() => {
    h.api.reset();
    h.transactions.max = 0;
  });

  const meetingsFor = (batch: string[]) => db.prisma.meeting.count({ where: { citizen: { ref: { in: batch } } } });

  /** Sends one /samtale per citizen at once, all while the router is held; returns after every ack. */
  async function burst(batch: string[]) {
    const hold = h.holdRouter();
    try {
      const acks = await Promise.all(
        batch.map((ref) =>
          h.command(
            { user_id: ANNE, user_name: 'anne', command: '/samtale', text: `${ref} telefon i dag`, trigger_id: `burst-${ref}`, response_url: h.api.responseUrl(ref) },
            { awaitWork: false },
          ),
        ),
      );
      expect(acks.map((a) => a.status)).toEqual(batch.map(() => 200));
      // The bound's worth of jobs reaches the router; give the rest every chance to follow.
      await vi.waitFor(() => expect(h.transactions.running).toBe(LIMITS.concurrency));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(h.transactions.running).toBe(LIMITS.concurrency);
    } finally {
      hold.release();
    }
    await h.slack.idle();
    expect(h.transactions.max).toBe(LIMITS.concurrency);
    return new Map(h.api.callsTo('response_url').map((call) => [call.path.replace('/response/', ''), String(call.body.text)]));
  }

  it('answers every request of a burst in full, never more than the bound in flight', async () => {
    const batch = refs(0, 9); // 3 running and 6 waiting: the queue's whole length
    const answers = await burst(batch);
    expect([...answers.keys()].sort()).toEqual(batch);
    for (const ref of batch) expect(answers.get(ref)).toContain(ref);
    expect(await meetingsFor(batch)).toBe(batch.length);
  });

  it('refuses politely what does not fit in the queue: told to try again, nothing written', async () => {
    const batch = refs(9, 12); // 3 running, 6 waiting, 3 refused
    const answers = await burst(batch);
    expect(answers.size).toBe(batch.length);
    const busy = batch.filter((ref) => answers.get(ref) === messagesFor('da').errors.busy);
    expect(busy).toHaveLength(3);
    for (const ref of batch.filter((r) => !busy.includes(r))) expect(answers.get(ref)).toContain(ref);
    expect(await meetingsFor(busy)).toBe(0);
    expect(await meetingsFor(batch)).toBe(9);
  });

  it("refreshes one person's App Home once per wave of changes, not once per change", async () => {
    const batch = refs(21, 6);
    await burst(batch);
    const homes = h.api.callsTo('views.publish').filter((call) => call.body.user_id === ANNE);
    // Six changes by anne; refreshes asked for while one is being built share the next pass.
    expect(homes.length).toBeGreaterThan(0);
    expect(homes.length).toBeLessThan(batch.length);
    expect(await meetingsFor(batch)).toBe(batch.length);
  });
});

