// The demo team a fresh install starts with, so the console shows a living
// caseload: a manager, two caseworkers, two consultants, 30 citizens with a
// few weeks of meetings, active internships and two job outcomes, a readiness
// pipeline with sub-goals and pipeline targets, six earlier months of results
// (closed cases) for the team chart (issue 14), a consultant change and mentor
// support; and a second small team ("Demo Syd") that uses the same companies
// from the shared register. Runs once, only into an empty database; deterministic, so demos
// look the same each time.
import { addDays, fromDbDate, maxLocalDate, startOfMonth, todayIn, toDbDate, type LocalDate } from '../domain/local-date.js';
import { addWorkingDays, onOrBeforeWorkingDay } from '../domain/danish-calendar.js';
import type { MeetingKind, Readiness, TargetGroup } from '../domain/enums.js';
import { addMonths } from '../domain/pipeline.js';
import type { Db, PrismaClient } from './types.js';
import { createCompany } from './company-queries.js';

export const DEMO_TEAM = 'Demo';
/** A second team sharing the company register: its citizen is in a placement at Bygma (contact @dennis of Demo), another wishes for Netto Nord. */
export const DEMO_SECOND_TEAM = 'Demo Syd';
export const DEMO_MANAGER = 'mette';

const STAFF = [
  { handle: 'mette', displayName: 'Mette Madsen', role: 'MANAGER', email: 'mette@demo.jobbot.local', isAdmin: true },
  { handle: 'anne', displayName: 'Anne Andersen', role: 'CASEWORKER', email: 'anne@demo.jobbot.local', isAdmin: false },
  { handle: 'bo', displayName: 'Bo Berg', role: 'CASEWORKER', email: 'bo@demo.jobbot.local', isAdmin: false },
  { handle: 'camilla', displayName: 'Camilla Holm', role: 'CONSULTANT', email: 'camilla@demo.jobbot.local', isAdmin: false },
  { handle: 'dennis', displayName: 'Dennis Dahl', role: 'CONSULTANT', email: 'dennis@demo.jobbot.local', isAdmin: false },
] as const;

const GROUPS: TargetGroup[] = ['JOBPARAT', 'JOBPARAT', 'AKTIVITETSPARAT', 'UDDANNELSESPARAT', 'JOBPARAT', 'SYGEDAGPENGE', 'RESSOURCEFORLOEB'];
const KINDS: MeetingKind[] = ['INDIVIDUAL', 'PHONE', 'WALK_AND_TALK', 'INDIVIDUAL', 'VIDEO'];
const COMPANIES = ['Netto Nord', 'Bygma', 'Danish Crown', 'Plejecenter Solgården', 'Jysk', 'Føtex', 'Lidl', 'Kommunens Park og Vej'];
const LETTERS = 'ABDEFGHJKLMNPRSTV';

/** Seeds the demo team unless any team exists. Returns whether it seeded. */
export async function seedDemoIfEmpty(prisma: PrismaClient, now: Date): Promise<boolean> {
  if ((await prisma.team.count()) > 0) return false;
  await prisma.$transaction(async (db) => {
    const today = todayIn(now);
    const team = await db.team.create({ data: { name: DEMO_TEAM } });
    const ids: Record<string, string> = {};
    for (const s of STAFF) {
      const row = await db.staff.create({ data: { ...s, teamId: team.id } });
      ids[s.handle] = row.id;
    }
    const staffId = (handle: string) => ids[handle] ?? '';
    const day = (offset: number): Date => toDbDate(onOrBeforeWorkingDay(addDays(today, offset)));

    for (let i = 0; i < 30; i++) {
      const ref = `C-${1001 + i}`;
      const caseworker = i % 2 === 0 ? 'anne' : 'bo';
      const hasPlacement = i % 4 === 1 || i === 2;
      // Every citizen in a placement has a consultant, and the placement's consultant is the citizen's:
      // reminders and access both follow the citizen's consultant.
      const consultant = i % 3 === 0 ? 'camilla' : i % 3 === 1 ? 'dennis' : hasPlacement ? 'camilla' : null;
      // Most citizens were met last week; every fifth is overdue, to give the reminders something to say.
      const lastMet = i % 5 === 0 ? -(10 + (i % 7)) : -(1 + (i % 6));
      const cadence = i % 10 === 9 ? 14 : 7;
      const meetings: Array<{ offset: number; kind: MeetingKind }> = [];
      for (let w = 3; w >= 0; w--) meetings.push({ offset: lastMet - w * cadence, kind: KINDS[(i + w) % KINDS.length] ?? 'INDIVIDUAL' });
      if (hasPlacement) meetings.push({ offset: lastMet - 1, kind: 'THREE_PARTY' });
      const citizen = await db.citizen.create({
        data: {
          teamId: team.id,
          ref,
          initials: `${LETTERS[i % LETTERS.length]}${LETTERS[(i * 7 + 3) % LETTERS.length]}`,
          targetGroup: GROUPS[i % GROUPS.length] ?? 'JOBPARAT',
          caseworkerId: staffId(caseworker),
          consultantId: consultant ? staffId(consultant) : null,
          cadenceDays: cadence,
          nextCheckInOn: toDbDate(addDays(onOrBeforeWorkingDay(addDays(today, lastMet)), cadence)),
          wishCompanies: i % 3 === 0 ? [COMPANIES[i % 8] ?? '', COMPANIES[(i + 3) % 8] ?? '', COMPANIES[(i + 5) % 8] ?? ''] : [],
          createdAt: new Date(now.getTime() - 60 * 86_400_000),
        },
      });
      for (const m of meetings) {
        await db.meeting.create({
          data: {
            citizenId: citizen.id,
            kind: m.kind,
            heldOn: day(m.offset),
            durationMinutes: m.kind === 'PHONE' ? 15 : 45,
            loggedById: staffId(caseworker),
            participants: { connect: [{ id: staffId(caseworker) }] },
            source: 'SEED',
          },
        });
      }
      if (hasPlacement) {
        // Starts spread so that some internships near day 14 and some follow-ups are due.
        const startOffset = -[3, 11, 12, 26, 33, 40, 8, 20][i % 8]!;
        const start = onOrBeforeWorkingDay(addDays(today, startOffset));
        const internship = i % 8 !== 5;
        await db.placement.create({
          data: {
            citizenId: citizen.id,
            consultantId: staffId(consultant ?? 'camilla'),
            company: COMPANIES[i % COMPANIES.length] ?? 'Netto Nord',
            type: internship ? 'INTERNSHIP' : 'WAGE_SUBSIDY_PRIVATE',
            startOn: toDbDate(start),
            plannedEndOn: toDbDate(addDays(start, internship ? (startOffset < -14 ? 55 : 13) : 181)),
            weeklyHours: internship ? 20 : 37,
            createdById: staffId(consultant ?? 'camilla'),
            source: 'SEED',
          },
        });
      }
    }

    // Two citizens got a job this month: the marble jar starts at two.
    for (const [ref, kind, hours] of [['C-1029', 'ORDINARY_JOB', 37], ['C-1030', 'ORDINARY_JOB', 25]] as const) {
      const citizen = await db.citizen.findUniqueOrThrow({ where: { teamId_ref: { teamId: team.id, ref } } });
      const occurredOn: LocalDate = onOrBeforeWorkingDay(addDays(today, ref === 'C-1029' ? -2 : -1));
      await db.outcome.create({
        data: {
          citizenId: citizen.id,
          teamId: team.id,
          kind,
          occurredOn: toDbDate(occurredOn < startOfMonth(today) ? today : occurredOn),
          weeklyHours: hours,
          loggedById: citizen.caseworkerId ?? staffId('anne'),
          caseworkerId: citizen.caseworkerId,
          consultantId: citizen.consultantId,
          source: 'SEED',
        },
      });
      await db.citizen.update({ where: { id: citizen.id }, data: { status: 'CLOSED', closeReason: 'JOB', closedAt: now, nextCheckInOn: null } });
      await db.placement.updateMany({ where: { citizenId: citizen.id, status: 'ACTIVE' }, data: { status: 'ENDED', endReason: 'JOB', endedOn: toDbDate(occurredOn) } });
    }

    // Continuity (issue 14): C-1004 changed consultant three weeks ago (counted on the card), and two
    // citizens have mentor support, by kind and organisation only; C-1002's ends within two working days.
    const cit = async (ref: string) => db.citizen.findUniqueOrThrow({ where: { teamId_ref: { teamId: team.id, ref } } });
    const c1004 = await cit('C-1004');
    await db.consultantChange.create({
      data: { citizenId: c1004.id, fromStaffId: staffId('dennis'), toStaffId: c1004.consultantId, changedById: staffId(DEMO_MANAGER), changedAt: new Date(now.getTime() - 21 * 86_400_000) },
    });
    await db.mentorSupport.create({
      data: { citizenId: (await cit('C-1002')).id, kind: 'WORKPLACE', organisation: 'Bygma', startOn: day(-11), endOn: toDbDate(addWorkingDays(today, 2)), createdById: staffId('bo'), source: 'SEED' },
    });
    await db.mentorSupport.create({
      data: { citizenId: (await cit('C-1007')).id, kind: 'EDUCATION', organisation: 'VUC Vest', startOn: day(-30), createdById: staffId('anne'), source: 'SEED' },
    });
    // A second, small team uses the same companies: the register is the municipality's (one way in).
    await seedSecondTeam(db, { today, now, day });
    // The company register (issue 14): the companies above with a fixed contact each; registering
    // links the placements and wishes of both teams that already name them. One wish has been contacted.
    const contacts: Array<[string, string | null, string | null]> = [
      ['Netto Nord', 'camilla', null], ['Bygma', 'dennis', '12345674'], ['Danish Crown', 'camilla', null], ['Jysk', 'dennis', null],
      ['Føtex', 'camilla', null], ['Plejecenter Solgården', 'dennis', null], ['Lidl', null, null], ['Kommunens Park og Vej', null, null],
    ];
    for (const [name, contact, cvr] of contacts) {
      await createCompany(db, { name, cvr, contactId: contact ? staffId(contact) : null, createdById: staffId(DEMO_MANAGER), source: 'SEED' });
    }
    const contacted = await db.companyWish.findFirst({ where: { citizen: { ref: 'C-1001', teamId: team.id } }, orderBy: { name: 'asc' } });
    if (contacted) {
      await db.companyWish.update({ where: { id: contacted.id }, data: { contactedOn: day(-3), contactedById: staffId('camilla'), contactResult: 'Praktiksamtale aftalt' } });
    }

    const month = toDbDate(startOfMonth(today));
    for (const [metric, target] of [['PLACEMENT_STARTS', 8], ['JOB_OUTCOMES', 4], ['MEETINGS', 120], ['THREE_PARTY_MEETINGS', 10]] as const) {
      await db.monthlyTarget.create({ data: { teamId: team.id, metric, month, target, setById: staffId(DEMO_MANAGER) } });
    }
    await seedPipeline(db, { teamId: team.id, today, now, month, staffId });

    // Six months of history for the team chart (issue 14): in each earlier month a few citizens
    // started an internship and got a job or began an education (closed cases, refs C-09xx), against
    // that month's targets. Late in the year that makes 25 or more this year: a milestone post.
    let past = startOfMonth(today);
    for (let k = 1; k <= 6; k++) {
      past = startOfMonth(addDays(past, -1));
      await db.monthlyTarget.createMany({
        data: [
          { teamId: team.id, metric: 'PLACEMENT_STARTS', month: toDbDate(past), target: 6, setById: staffId(DEMO_MANAGER) },
          { teamId: team.id, metric: 'JOB_OUTCOMES', month: toDbDate(past), target: 4, setById: staffId(DEMO_MANAGER) },
        ],
      });
      for (let j = 0; j < 3 + ((k * 2) % 3); j++) {
        const on = toDbDate(onOrBeforeWorkingDay(addDays(past, 4 + j * 5)));
        const caseworker = j % 2 === 0 ? 'anne' : 'bo';
        const citizen = await db.citizen.create({
          data: {
            teamId: team.id,
            ref: `C-09${String(k * 10 + j).padStart(2, '0')}`,
            caseworkerId: staffId(caseworker),
            consultantId: staffId('camilla'),
            status: 'CLOSED',
            closeReason: j % 3 === 2 ? 'EDUCATION' : 'JOB',
            // Closed at the result, but inside the retention period (6 months by default), so that
            // housekeeping does not erase the chart's oldest month on the demo's first day.
            closedAt: toDbDate(maxLocalDate(fromDbDate(on), addDays(today, -150))),
            createdAt: new Date(now.getTime() - 240 * 86_400_000),
          },
        });
        await db.placement.create({
          data: { citizenId: citizen.id, consultantId: staffId('camilla'), company: COMPANIES[(k + j) % COMPANIES.length] ?? 'Jysk', type: 'INTERNSHIP', startOn: on, plannedEndOn: on, status: 'ENDED', endReason: 'JOB', endedOn: on, weeklyHours: 20, createdById: staffId('camilla'), source: 'SEED' },
        });
        await db.outcome.create({
          data: { citizenId: citizen.id, teamId: team.id, kind: j % 3 === 2 ? 'EDUCATION' : 'ORDINARY_JOB', occurredOn: on, loggedById: staffId(caseworker), caseworkerId: staffId(caseworker), consultantId: staffId('camilla'), source: 'SEED' },
        });
      }
    }
  }, { timeout: 60_000 });
  return true;
}

/**
 * The pipeline (issue 14): a readiness spread (some moved up this month, some
 * never assessed), sub-goals open, reached and past their deadline, two wage subsidies that have run
 * three months, and targets for the new measures for the team and per person.
 */
async function seedPipeline(db: Db, d: { teamId: string; today: LocalDate; now: Date; month: Date; staffId: (handle: string) => string }): Promise<void> {
  const { teamId, today, now, month, staffId } = d;
  const earlier = toDbDate(addDays(today, -40));
  const citizens = await db.citizen.findMany({ where: { teamId, status: 'ACTIVE' }, orderBy: { ref: 'asc' } });
  for (const [i, c] of citizens.entries()) {
    const by = c.caseworkerId ?? staffId('anne');
    // One in five moves up today; one in five was never assessed; the rest keep the readiness assessed 40 days ago.
    const steps: Array<{ readiness: Readiness; setOn: Date }> =
      i % 5 === 0 ? [{ readiness: i % 10 === 0 ? 'FURTHER' : 'CLOSE', setOn: earlier }, { readiness: i % 10 === 0 ? 'CLOSE' : 'READY', setOn: toDbDate(today) }]
      : i % 5 === 4 ? []
      : [{ readiness: (['READY', 'CLOSE', 'CLOSE', 'FURTHER'] as const)[i % 4] ?? 'CLOSE', setOn: earlier }];
    for (const [n, step] of steps.entries()) {
      await db.readinessChange.create({ data: { citizenId: c.id, ...step, setById: by, source: 'SEED', createdAt: new Date(now.getTime() - (steps.length - n) * 60_000) } });
    }
    if (i % 3 === 0) {
      await db.subGoal.create({ data: { citizenId: c.id, number: 1, text: 'Opdatere CV', status: 'REACHED', closedOn: toDbDate(today), createdById: by, source: 'SEED' } });
      await db.subGoal.create({ data: { citizenId: c.id, number: 2, text: 'Søge 3 stillinger om ugen', deadlineOn: toDbDate(addDays(today, 14)), createdById: by, source: 'SEED' } });
      // Every other one also has a sub-goal past its deadline: in the caseworker's morning list and ready to tick off in the meeting form.
      if (i % 6 === 0) await db.subGoal.create({ data: { citizenId: c.id, number: 3, text: 'Tage truckcertifikat', deadlineOn: toDbDate(addDays(today, -3)), createdById: by, source: 'SEED' } });
    }
  }
  // Two wage subsidies that started three months before this month began: retained this month.
  for (const ref of ['C-1005', 'C-1008']) {
    const c = await db.citizen.findUniqueOrThrow({ where: { teamId_ref: { teamId, ref } } });
    const consultantId = c.consultantId ?? staffId('dennis');
    const start = addMonths(startOfMonth(today), -3);
    const placement = await db.placement.create({
      data: { citizenId: c.id, consultantId, company: 'Danish Crown', type: 'WAGE_SUBSIDY_PRIVATE', startOn: toDbDate(start), plannedEndOn: toDbDate(addDays(start, 181)), weeklyHours: 37, createdById: consultantId, source: 'SEED' },
    });
    await db.placementFollowUp.create({ data: { placementId: placement.id, heldOn: toDbDate(onOrBeforeWorkingDay(addDays(today, -5))), outcome: 'CONTINUE', loggedById: consultantId, source: 'SEED' } });
  }
  const setById = staffId(DEMO_MANAGER);
  for (const [metric, target] of [['READINESS_MOVES', 10], ['SUB_GOALS_REACHED', 12], ['PLACEMENTS_RETAINED', 3]] as const) {
    await db.monthlyTarget.create({ data: { teamId, metric, month, target, setById } });
  }
  for (const [handle, metric, target] of [['anne', 'READINESS_MOVES', 4], ['bo', 'READINESS_MOVES', 5], ['anne', 'SUB_GOALS_REACHED', 6], ['dennis', 'PLACEMENTS_RETAINED', 2]] as const) {
    await db.staffMonthlyTarget.create({ data: { teamId, staffId: staffId(handle), metric, month, target, setById } });
  }
}

/**
 * Team "Demo Syd" (manager helle, caseworker frida, consultant gustav) with
 * three citizens C-2001..C-2003: C-2001 is in an internship at Bygma, whose
 * fixed contact (@dennis) is in team Demo; C-2002 wishes for Netto Nord
 * (contact @camilla, Demo), so camilla's morning list counts a citizen on
 * another team's case and says whom to ask (@frida).
 */
async function seedSecondTeam(db: Db, at: { today: LocalDate; now: Date; day: (offset: number) => Date }): Promise<void> {
  const team = await db.team.create({ data: { name: DEMO_SECOND_TEAM } });
  const people = [
    { handle: 'helle', displayName: 'Helle Holt', role: 'MANAGER', email: 'helle@demo.jobbot.local' },
    { handle: 'frida', displayName: 'Frida Falk', role: 'CASEWORKER', email: 'frida@demo.jobbot.local' },
    { handle: 'gustav', displayName: 'Gustav Grøn', role: 'CONSULTANT', email: 'gustav@demo.jobbot.local' },
  ] as const;
  const ids: Record<string, string> = {};
  for (const p of people) ids[p.handle] = (await db.staff.create({ data: { ...p, teamId: team.id } })).id;
  const citizens: Array<{ ref: string; consultant: string | null; wishes: string[]; placement?: string }> = [
    { ref: 'C-2001', consultant: 'gustav', wishes: [], placement: 'Bygma' },
    { ref: 'C-2002', consultant: null, wishes: ['Netto Nord', 'Jysk', 'Lidl'] },
    { ref: 'C-2003', consultant: null, wishes: [] },
  ];
  for (const [i, c] of citizens.entries()) {
    const citizen = await db.citizen.create({
      data: {
        teamId: team.id,
        ref: c.ref,
        initials: ['KL', 'MP', 'RS'][i] ?? 'AB',
        targetGroup: 'UDDANNELSESPARAT',
        caseworkerId: ids.frida,
        consultantId: c.consultant ? ids[c.consultant] : null,
        cadenceDays: 7,
        nextCheckInOn: toDbDate(addDays(fromDbDate(at.day(-2 - i)), 7)),
        wishCompanies: c.wishes,
        createdAt: new Date(at.now.getTime() - 30 * 86_400_000),
      },
    });
    await db.meeting.create({
      data: { citizenId: citizen.id, kind: c.placement ? 'THREE_PARTY' : 'INDIVIDUAL', heldOn: at.day(-2 - i), durationMinutes: 45, loggedById: ids.frida!, participants: { connect: [{ id: ids.frida! }] }, source: 'SEED' },
    });
    if (c.placement) {
      const start = onOrBeforeWorkingDay(addDays(at.today, -5));
      await db.placement.create({
        data: { citizenId: citizen.id, consultantId: ids.gustav, company: c.placement, type: 'INTERNSHIP', startOn: toDbDate(start), plannedEndOn: toDbDate(addDays(start, 13)), weeklyHours: 15, createdById: ids.gustav!, source: 'SEED' },
      });
    }
  }
}
