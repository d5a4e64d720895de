// The demo team a fresh install starts with, so the console shows a living
// caseload: a manager, two caseworkers, two consultants, 30 citizens with a
// few weeks of meetings, active internships, two job outcomes and a company
// register with fixed contacts linked to the placements and wish lists. Runs once,
// only into an empty database; deterministic, so demos look the same each time.
import { addDays, startOfMonth, todayIn, toDbDate, type LocalDate } from '../domain/local-date.js';
import { onOrBeforeWorkingDay } from '../domain/danish-calendar.js';
import type { MeetingKind, TargetGroup } from '../domain/enums.js';
import type { PrismaClient } from './types.js';
import { createCompany } from './company-queries.js';

export const DEMO_TEAM = 'Demo';
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

    // The company register (issue 14): the companies above with a fixed contact each; registering
    // links the placements and wishes that already name them. One wish has been contacted.
    const contacts: Array<[string, string | null, string | null]> = [
      ['Netto Nord', 'camilla', null], ['Bygma', 'dennis', '12345674'], ['Danish Crown', 'camilla', null], ['Jysk', 'dennis', null],
      ['Føtex', 'camilla', null], ['Plejecenter Solgården', 'dennis', null], ['Lidl', null, null], ['Kommunens Park og Vej', null, null],
    ];
    for (const [name, contact, cvr] of contacts) {
      await createCompany(db, { teamId: team.id, name, cvr, contactId: contact ? staffId(contact) : null, createdById: staffId(DEMO_MANAGER), source: 'SEED' });
    }
    const contacted = await db.companyWish.findFirst({ where: { citizen: { ref: 'C-1001', teamId: team.id } }, orderBy: { name: 'asc' } });
    if (contacted) {
      await db.companyWish.update({ where: { id: contacted.id }, data: { contactedOn: day(-3), contactedById: staffId('camilla'), contactResult: 'Praktiksamtale aftalt' } });
    }

    const month = toDbDate(startOfMonth(today));
    for (const [metric, target] of [['PLACEMENT_STARTS', 8], ['JOB_OUTCOMES', 4], ['MEETINGS', 120], ['THREE_PARTY_MEETINGS', 10]] as const) {
      await db.monthlyTarget.create({ data: { teamId: team.id, metric, month, target, setById: staffId(DEMO_MANAGER) } });
    }
  }, { timeout: 60_000 });
  return true;
}
