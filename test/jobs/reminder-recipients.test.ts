// Who the personal reminders go to, on the demo team: only people who may
// open every citizen their message names (access is by the citizen's
// caseworker/consultant/mentor and the team's managers, never by a
// placement's own consultantId); nothing lost when someone leaves; every
// item listed; every disclosure audit-logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Destination, OutboundChannel, SendResult } from '../../src/delivery/outbound-channel.js';
import { renderText } from '../../src/channels/console/render-text.js';
import { canAccessCitizen } from '../../src/domain/access.js';
import { localDateTimeToInstant } from '../../src/domain/local-date.js';
import type { Reply } from '../../src/domain/reply.js';
import { seedDemoIfEmpty } from '../../src/db/seed-demo.js';
import { ChannelPacer } from '../../src/delivery/pacer.js';
import { runTick } from '../../src/jobs/schedule.js';
import { consoleDriver, type ConsoleDriver } from '../helpers/console-driver.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';

type Sent = { destination: Destination; reply: Reply; text: string };

/** A channel that reaches everyone and keeps what it was given. */
function recorder(name: OutboundChannel['name'] = 'slack'): OutboundChannel & { sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    name,
    sent,
    async canReach() {
      return true;
    },
    async send(destination: Destination, reply: Reply): Promise<SendResult> {
      sent.push({ destination, reply, text: renderText(reply) });
      return { ok: true };
    },
  };
}

/** Seeded on Monday 23 November 2026 at 07:00 Copenhagen time. */
const SEEDED = new Date('2026-11-23T06:00:00Z');
const REF = /C-\d{4}/g;

async function demo(): Promise<{ db: Database; bot: ConsoleDriver; handleOf: (id: string) => Promise<string> }> {
  const db = await createTestDatabase();
  await seedDemoIfEmpty(db.prisma, SEEDED);
  const bot = consoleDriver(db, { now: SEEDED });
  const handleOf = async (id: string) => (await db.prisma.staff.findUniqueOrThrow({ where: { id } })).handle;
  return { db, bot, handleOf };
}

/** Runs every job and the outbox at a Copenhagen wall-clock time, through a recording channel. */
async function tick(db: Database, day: string, time: string, channel = recorder()): Promise<Sent[]> {
  let clock = 0;
  const pacer = new ChannelPacer({ monotonic: () => clock, sleep: async (ms) => void (clock += ms) });
  const before = channel.sent.length;
  await runTick({ prisma: db.prisma, channels: [channel], pacer }, localDateTimeToInstant(day, time));
  return channel.sent.slice(before);
}

function dmsTo(sent: Sent[], staffId: string): string {
  return sent
    .filter((s) => s.destination.audience === 'dm' && s.destination.staffId === staffId)
    .map((s) => s.text)
    .join('\n');
}

/** Every ref in every DM must be a citizen the recipient may open; team posts name nobody. */
async function expectOnlyAccessibleCitizens(db: Database, sent: Sent[]): Promise<number> {
  let checked = 0;
  for (const s of sent) {
    const refs = [...new Set(`${s.reply.text}\n${s.text}`.match(REF) ?? [])];
    if (s.destination.audience === 'team') {
      expect(refs).toEqual([]);
      continue;
    }
    const staff = await db.prisma.staff.findUniqueOrThrow({ where: { id: s.destination.staffId } });
    for (const ref of refs) {
      const citizen = await db.prisma.citizen.findFirstOrThrow({ where: { ref } });
      const allowed = canAccessCitizen({ id: staff.id, role: staff.role, teamId: staff.teamId, isAdmin: false }, citizen);
      expect(allowed, `@${staff.handle} was reminded about ${ref}, which they cannot open`).toBe(true);
      checked++;
    }
  }
  return checked;
}

describe('reminder recipients can open every citizen their message names', () => {
  let db: Database;
  let bot: ConsoleDriver;
  let staff: Record<string, string>;
  const everything: Sent[] = [];
  beforeAll(async () => {
    ({ db, bot } = await demo());
    staff = Object.fromEntries((await db.prisma.staff.findMany()).map((s) => [s.handle, s.id]));
  });
  afterAll(async () => db.close());

  it('the demo seed gives every placement the consultant of its citizen', async () => {
    const placements = await db.prisma.placement.findMany({ where: { status: 'ACTIVE' }, include: { citizen: true } });
    expect(placements.length).toBeGreaterThan(5);
    for (const p of placements) expect([p.citizen.ref, p.consultantId]).toEqual([p.citizen.ref, p.citizen.consultantId]);
    // C-1003 and C-1018 used to have a placement consultant but no citizen consultant.
    const c1003 = await db.prisma.citizen.findFirstOrThrow({ where: { ref: 'C-1003' } });
    expect(c1003.consultantId).toBe(staff.camilla);
  });

  it('holds for a working fortnight, the month end and the 1:1 summaries', async () => {
    for (const day of ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-30', '2026-12-01', '2026-12-14']) {
      for (const time of ['08:00', '09:00', '14:00']) everything.push(...(await tick(db, day, time)));
    }
    expect(everything.length).toBeGreaterThan(10);
    expect(await expectOnlyAccessibleCitizens(db, everything)).toBeGreaterThan(20);
  });

  it('follows /citizen set consultant: the new consultant gets the reminders and the placement, the old one neither', async () => {
    const before = dmsTo(everything, staff.camilla!);
    expect(before).toContain('C-1022 hos Føtex');
    const out = await bot.run('mette', '/citizen set C-1022 consultant:@dennis');
    expect(out).toContain('C-1022');
    const citizen = await db.prisma.citizen.findFirstOrThrow({ where: { ref: 'C-1022' }, include: { placements: true } });
    expect(citizen.consultantId).toBe(staff.dennis);
    expect(citizen.placements.filter((p) => p.status === 'ACTIVE').map((p) => p.consultantId)).toEqual([staff.dennis]);

    const next = await tick(db, '2026-12-15', '08:00');
    expect(dmsTo(next, staff.camilla!)).not.toContain('C-1022');
    expect(dmsTo(next, staff.dennis!)).toContain('Månedlig opfølgning: C-1022 hos Føtex');
    expect(await expectOnlyAccessibleCitizens(db, next)).toBeGreaterThan(0);
  });
});

describe('nothing lost when someone leaves', () => {
  let db: Database;
  let bot: ConsoleDriver;
  let staff: Record<string, string>;
  beforeAll(async () => {
    ({ db, bot } = await demo());
    staff = Object.fromEntries((await db.prisma.staff.findMany()).map((s) => [s.handle, s.id]));
  });
  afterAll(async () => db.close());

  it("lists the leaver's running placements that need a new consultant", async () => {
    const out = await bot.run('mette', '/jobbot staff leave camilla');
    expect(out).toContain('@camilla er markeret som fratrådt');
    expect(out).toContain('5 aktive forløb mangler en ny virksomhedskonsulent (ret med /citizen set <ref> consultant:@navn):');
    expect(out).toContain('C-1003: virksomhedspraktik hos Danish Crown, planlagt til tir. 24. nov.');
    expect(out).toContain('C-1022: løntilskud (privat) hos Føtex, planlagt til');
    expect(out).toContain('Indtil borgerne har fået en ny medarbejder, går deres påmindelser til teamets leder.');
  });

  it("sends the leavers' check-ins and placement reminders to the manager, labelled, until the citizens are reassigned", async () => {
    await bot.run('mette', '/jobbot staff leave bo');
    const sent = await tick(db, '2026-11-24', '08:00');
    const mette = dmsTo(sent, staff.mette!);
    expect(mette).toContain('Indtil borgerne får en ny medarbejder, kommer deres påmindelser til dig som leder.');
    expect(mette).toContain('For @camilla (fratrådt):');
    expect(mette).toContain("Forlæng eller afslut? C-1003's praktik hos Danish Crown slutter tir. 24. nov.");
    expect(mette).toContain('For @bo (fratrådt):');
    expect(mette).toContain('C-1006: ');
    expect(dmsTo(sent, staff.camilla!)).toBe('');
    expect(dmsTo(sent, staff.bo!)).toBe('');
    // The outbox: the manager's two morning messages, nothing planned for the leavers.
    const rows = await db.prisma.delivery.findMany({ where: { recipientId: { in: [staff.mette!, staff.camilla!, staff.bo!] } } });
    expect(rows.map((r) => [r.recipientId, r.kind]).sort()).toEqual(
      [
        [staff.mette, 'checkins'],
        [staff.mette, 'placements'],
      ].sort(),
    );
    await expectOnlyAccessibleCitizens(db, sent);

    // Reassigned: C-1003 now goes to dennis, and no longer to the manager.
    await bot.run('mette', '/citizen set C-1003 consultant:@dennis');
    const wednesday = await tick(db, '2026-11-25', '08:00');
    expect(dmsTo(wednesday, staff.dennis!)).toContain("C-1003's praktik hos Danish Crown sluttede tir. 24. nov. – registrér forlængelse eller afslutning");
    expect(dmsTo(wednesday, staff.mette!)).not.toContain('C-1003');
  });
});

describe('every item is listed, and every disclosure is audit-logged', () => {
  let db: Database;
  let staff: Record<string, string>;
  let sent: Sent[];
  beforeAll(async () => {
    ({ db } = await demo());
    staff = Object.fromEntries((await db.prisma.staff.findMany()).map((s) => [s.handle, s.id]));
    sent = await tick(db, '2026-12-15', '08:00', recorder('teams')); // three weeks without a logged meeting
  });
  afterAll(async () => db.close());

  it('lists all 14 overdue check-ins: the first 10 with buttons, the rest as text, no "(… (se /sager))"', async () => {
    const anne = sent.find((s) => s.destination.audience === 'dm' && s.destination.staffId === staff.anne)!;
    const due = await db.prisma.citizen.findMany({ where: { caseworkerId: staff.anne, status: 'ACTIVE' } });
    expect(due).toHaveLength(14);
    for (const c of due) expect(anne.text).toContain(`${c.ref}: `);
    expect(anne.reply.blocks.filter((b) => b.type === 'actions')).toHaveLength(10);
    expect(anne.text).toContain('4 påmindelser uden knapper: brug /jobbot snooze <ref> eller /jobbot done <ref>');
    expect(anne.text).not.toContain('/sager');
    expect(anne.text).not.toMatch(/\([^)]*\(/); // never a bracket inside a bracket
  });

  it('writes one reminder.delivered row per citizen named in a sent DM, with the channel and the recipient', async () => {
    const rows = await db.prisma.auditLog.findMany({ where: { action: 'reminder.delivered' } });
    // Per recipient: the citizens named in the messages they were sent (one row per message and citizen).
    const named = new Map<string, string[]>();
    for (const s of sent) {
      if (s.destination.audience !== 'dm') continue;
      const refs = [...new Set(s.text.match(REF) ?? [])];
      const citizens = await db.prisma.citizen.findMany({ where: { ref: { in: refs } }, select: { id: true } });
      named.set(s.destination.staffId, [...(named.get(s.destination.staffId) ?? []), ...citizens.map((c) => c.id)]);
    }
    let expected = 0;
    for (const [staffId, citizenIds] of named) {
      const mine = rows.filter((r) => r.actorId === staffId);
      expect(mine.map((r) => r.citizenId).sort()).toEqual([...citizenIds].sort());
      expected += citizenIds.length;
    }
    expect(rows).toHaveLength(expected);
    expect(expected).toBeGreaterThan(20);
    expect(rows.every((r) => r.channel === 'TEAMS')).toBe(true);
    expect(rows[0]!.details).toMatchObject({ kind: expect.stringMatching(/^(checkins|placements)$/) });
    // Queried by citizen: the audit trail of C-1021 shows who was told about it: its caseworker, and the
    // manager, since it has had no consultant for more than 14 days (issue 14).
    const c1021 = await db.prisma.citizen.findFirstOrThrow({ where: { ref: 'C-1021' } });
    const told = await db.prisma.auditLog.findMany({ where: { citizenId: c1021.id, action: 'reminder.delivered' }, select: { actorId: true } });
    expect(told.map((r) => r.actorId).sort()).toEqual([staff.anne, staff.mette].sort());
  });

  it('writes nothing for a message that was never sent, or that names nobody', async () => {
    await db.prisma.auditLog.deleteMany({ where: { action: 'reminder.delivered' } });
    const nobody: OutboundChannel = { name: 'slack', canReach: async () => false, send: async () => ({ ok: true }) };
    let clock = 0;
    const pacer = new ChannelPacer({ monotonic: () => clock, sleep: async (ms) => void (clock += ms) });
    await runTick({ prisma: db.prisma, channels: [nobody], pacer }, localDateTimeToInstant('2026-12-16', '08:00'));
    expect(await db.prisma.delivery.count({ where: { status: 'SKIPPED' } })).toBeGreaterThan(0);
    expect(await db.prisma.auditLog.count({ where: { action: 'reminder.delivered' } })).toBe(0);
  });
});
