import { describe, expect, it } from 'vitest';
import {
  checkInRoute,
  dailySlot,
  defaultSnoozeUntil,
  endReminderDate,
  firstWorkingDayOfWeek,
  isAway,
  isSlotOpen,
  isSuppressed,
  isWeekStart,
  monthEndSlot,
  normalizeTime,
  parseSubject,
  placementRoute,
  planCheckIns,
  planConsultantItems,
  preOneOnOneSlot,
  reminderDateFor,
  runsIntoJuly,
  slotWindow,
  snoozeUntilWorkingDay,
  subjectKey,
  summerSlot,
  teamMeetingOccurrence,
  weeklyDigestSlot,
  yearToDate,
  type AssigneeRef,
  type PlacementFact,
  type SubjectState,
} from '../../src/domain/reminder-rules.js';
import { pacePerWorkingDay } from '../../src/domain/target-progress.js';

const CITIZEN = '11111111-1111-4111-8111-111111111111';
const PLACEMENT = '22222222-2222-4222-8222-222222222222';
const none = new Map<string, SubjectState>();

describe('slots on working days only', () => {
  it.each([
    ['2026-11-23', true], // Monday
    ['2026-11-28', false], // Saturday
    ['2027-03-29', false], // 2. påskedag
    ['2027-03-30', true],
    ['2026-06-05', false], // Grundlovsdag: policy, off
    ['2026-12-24', false], // Juleaftensdag: policy, off
    ['2026-12-31', false], // Nytårsaftensdag: policy, off
  ])('%s has a morning slot: %s', (day, expected) => {
    expect(dailySlot(day, '08:00') !== undefined).toBe(expected);
  });

  it('the Monday after Easter moves the week start and the digest to Tuesday', () => {
    expect(isWeekStart('2027-03-29')).toBe(false);
    expect(firstWorkingDayOfWeek('2027-04-01')).toBe('2027-03-30');
    expect(isWeekStart('2027-03-30')).toBe(true);
    const slot = weeklyDigestSlot('2027-03-31', '09:00');
    expect(slot?.date).toBe('2027-03-30');
    expect(slot?.at.toISOString()).toBe('2027-03-30T07:00:00.000Z'); // 09:00 CEST
    // A digest missed on Tuesday is still open (late) until the week ends.
    expect(isSlotOpen(slot!, new Date('2027-04-02T10:00:00Z'))).toBe(true);
    expect(isSlotOpen(slot!, new Date('2027-04-05T07:30:00Z'))).toBe(false);
  });
});

describe('DST: 08:00 is 08:00 local', () => {
  it.each([
    ['2026-03-29', '2026-03-29T06:00:00.000Z'], // spring forward (CEST)
    ['2026-03-27', '2026-03-27T07:00:00.000Z'], // Friday before, still CET
    ['2026-03-30', '2026-03-30T06:00:00.000Z'],
    ['2026-10-25', '2026-10-25T07:00:00.000Z'], // fall back (CET)
    ['2026-10-23', '2026-10-23T06:00:00.000Z'], // Friday before, still CEST
    ['2026-10-26', '2026-10-26T07:00:00.000Z'],
  ])('%s 08:00 → %s', (day, iso) => {
    expect(slotWindow(day, '08:00').at.toISOString()).toBe(iso);
  });

  it('the slot opens at 08:00 local, not a minute before, and closes at local midnight', () => {
    const slot = dailySlot('2026-03-30', '08:00')!;
    expect(isSlotOpen(slot, new Date('2026-03-30T05:59:00Z'))).toBe(false);
    expect(isSlotOpen(slot, new Date('2026-03-30T06:00:00Z'))).toBe(true);
    expect(isSlotOpen(slot, new Date('2026-03-30T21:59:59Z'))).toBe(true);
    expect(isSlotOpen(slot, new Date('2026-03-30T22:00:00Z'))).toBe(false);
    const october = dailySlot('2026-10-26', '08:00')!;
    expect(isSlotOpen(october, new Date('2026-10-26T06:59:00Z'))).toBe(false);
    expect(isSlotOpen(october, new Date('2026-10-26T07:00:00Z'))).toBe(true);
  });
});

describe('due on a non-working day is reminded on the previous working day', () => {
  it.each([
    ['2026-11-28', '2026-11-27'], // Saturday → Friday
    ['2026-06-05', '2026-06-04'], // Grundlovsdag → Thursday
    ['2027-03-29', '2027-03-24'], // 2. påskedag → Wednesday before Maundy Thursday
    ['2026-12-24', '2026-12-23'],
  ])('%s → %s', (due, remind) => expect(reminderDateFor(due)).toBe(remind));
});

describe('caseworker check-ins', () => {
  const facts = [
    { citizenId: CITIZEN, ref: 'C-1', due: '2026-11-20' }, // overdue 3
    { citizenId: '33333333-3333-4333-8333-333333333333', ref: 'C-2', due: '2026-11-23' }, // today
    { citizenId: '44444444-4444-4444-8444-444444444444', ref: 'C-3', due: '2026-11-25' },
    { citizenId: '55555555-5555-4555-8555-555555555555', ref: 'C-4', due: '2026-11-29' }, // Sunday → Friday
    { citizenId: '66666666-6666-4666-8666-666666666666', ref: 'C-5', due: '2026-12-02' }, // next week
  ];

  it('Monday: due and overdue oldest first, the rest of the week by day', () => {
    const plan = planCheckIns('2026-11-23', facts, none);
    expect(plan.due.map((d) => [d.ref, d.daysOverdue])).toEqual([['C-1', 3], ['C-2', 0]]);
    expect(plan.week.map((w) => [w.day, w.items.map((i) => i.ref)])).toEqual([
      ['2026-11-25', ['C-3']],
      ['2026-11-27', ['C-4']],
    ]);
  });

  it('Tuesday: no week list; Friday includes what falls due on Sunday', () => {
    expect(planCheckIns('2026-11-24', facts, none).week).toEqual([]);
    expect(planCheckIns('2026-11-27', facts, none).due.map((d) => d.ref)).toEqual(['C-1', 'C-2', 'C-3', 'C-4']);
  });

  it('the Monday list moves to Tuesday after 2. påskedag', () => {
    const easter = [{ citizenId: CITIZEN, ref: 'C-9', due: '2027-04-01' }];
    expect(planCheckIns('2027-03-30', easter, none).week.map((w) => w.day)).toEqual(['2027-04-01']);
  });

  it('snoozed and done subjects are left out; snooze ends on its date', () => {
    const subject = subjectKey({ kind: 'checkin', citizenId: CITIZEN, due: '2026-11-20' });
    const snoozed = new Map([[subject, { snoozedUntil: '2026-11-24', doneAt: null }]]);
    expect(planCheckIns('2026-11-23', facts, snoozed).due.map((d) => d.ref)).toEqual(['C-2']);
    expect(planCheckIns('2026-11-24', facts, snoozed).due.map((d) => d.ref)).toContain('C-1');
    const done = new Map([[subject, { snoozedUntil: null, doneAt: new Date('2026-11-23T08:00:00Z') }]]);
    expect(planCheckIns('2026-11-26', facts, done).due.map((d) => d.ref)).not.toContain('C-1');
  });

  it('nothing due and no week list is an empty plan (no message)', () => {
    const plan = planCheckIns('2026-11-24', [{ citizenId: CITIZEN, ref: 'C-1', due: '2026-12-10' }], none);
    expect(plan).toEqual({ due: [], week: [] });
  });
});

describe('consultant placements', () => {
  const internship = (over: Partial<PlacementFact> = {}): PlacementFact => ({
    placementId: PLACEMENT,
    citizenId: CITIZEN,
    ref: 'C-7',
    company: 'Netto',
    type: 'INTERNSHIP',
    startOn: '2026-11-11',
    plannedEndOn: '2026-11-24',
    followUpCadenceDays: 30,
    hasThreeParty: true,
    ...over,
  });

  it('day-14 decision from two working days before the end', () => {
    expect(endReminderDate('2026-11-24')).toBe('2026-11-20');
    expect(planConsultantItems('2026-11-19', [internship()], none)).toEqual([]);
    const items = planConsultantItems('2026-11-20', [internship()], none);
    expect(items.map((i) => i.kind)).toEqual(['decision']);
    expect(items[0]).toMatchObject({ due: '2026-11-24', workingDaysLeft: 2 });
  });

  it('a placement ending on a holiday: two working days before it (24 Dec → 22 Dec)', () => {
    const p = internship({ type: 'WAGE_SUBSIDY_PRIVATE', startOn: '2026-07-01', plannedEndOn: '2026-12-24', latestFollowUpOn: '2026-12-01' });
    expect(endReminderDate('2026-12-24')).toBe('2026-12-22');
    expect(planConsultantItems('2026-12-21', [p], none)).toEqual([]);
    expect(planConsultantItems('2026-12-22', [p], none).map((i) => i.kind)).toEqual(['end']);
    // Ending on 2. påskedag 2027: Easter takes Thursday and Friday, so it shows from Tuesday 23 March.
    expect(endReminderDate('2027-03-29')).toBe('2027-03-23');
  });

  it('an extended internship gets the planned-end reminder, not the day-14 decision', () => {
    const p = internship({ plannedEndOn: '2026-12-08', latestFollowUpOn: '2026-11-20' });
    expect(planConsultantItems('2026-12-04', [p], none).map((i) => i.kind)).toEqual(['end']);
  });

  it('monthly follow-up due 30 days after the start or the last follow-up, earlier when that is a weekend', () => {
    const p = internship({ type: 'WAGE_SUBSIDY_PRIVATE', startOn: '2026-10-30', plannedEndOn: '2027-04-30' }); // due Sun 29 Nov
    expect(planConsultantItems('2026-11-26', [p], none)).toEqual([]);
    expect(planConsultantItems('2026-11-27', [p], none).map((i) => [i.kind, 'due' in i ? i.due : ''])).toEqual([['followup', '2026-11-29']]);
    expect(planConsultantItems('2026-11-27', [{ ...p, latestFollowUpOn: '2026-11-20' }], none)).toEqual([]);
  });

  it('after the planned end: one "ended" item per placement, not also a monthly follow-up', () => {
    // Started 11 Nov, ended 24 Nov, no follow-up logged: by 14 Dec the follow-up (due 11 Dec) is overdue too.
    const items = planConsultantItems('2026-12-14', [internship()], none);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'decision', ended: true, due: '2026-11-24' });
    // On the end day itself it is not ended yet; the day after it is.
    expect(planConsultantItems('2026-11-24', [internship()], none)[0]).toMatchObject({ kind: 'decision', ended: false, workingDaysLeft: 0 });
    expect(planConsultantItems('2026-11-25', [internship()], none)[0]).toMatchObject({ kind: 'decision', ended: true });
    // Done on the decision: the follow-up takes its place (still one item).
    const done = new Map([[subjectKey({ kind: 'decision', placementId: PLACEMENT, due: '2026-11-24' }), { snoozedUntil: null, doneAt: new Date() }]]);
    expect(planConsultantItems('2026-12-14', [internship()], done).map((i) => i.kind)).toEqual(['followup']);
  });

  it('folds a missing three-party meeting into the more pressing item of the same placement', () => {
    const items = planConsultantItems('2026-11-20', [internship({ hasThreeParty: false })], none);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'decision', noThreeParty: true });
  });

  it('three-party nudge while missing, for the first 30 days', () => {
    const p = internship({ hasThreeParty: false, plannedEndOn: '2027-01-30', type: 'WAGE_SUBSIDY_PUBLIC' });
    expect(planConsultantItems('2026-11-12', [p], none).map((i) => i.kind)).toEqual(['threeparty']);
    expect(planConsultantItems('2026-12-14', [{ ...p, latestFollowUpOn: '2026-12-10' }], none).map((i) => i.kind)).toEqual([]);
    const done = new Map([[subjectKey({ kind: 'threeparty', placementId: PLACEMENT }), { snoozedUntil: null, doneAt: new Date() }]]);
    expect(planConsultantItems('2026-11-12', [p], done)).toEqual([]);
  });
});

describe('leave, snooze, subjects, settings', () => {
  it('away up to and including awayUntil', () => {
    expect(isAway('2026-11-27', '2026-11-27')).toBe(true);
    expect(isAway('2026-11-27', '2026-11-30')).toBe(false);
    expect(isAway(null, '2026-11-30')).toBe(false);
  });

  it('snooze 1 day means back on the next working day', () => {
    expect(defaultSnoozeUntil('2026-11-23')).toBe('2026-11-24');
    expect(defaultSnoozeUntil('2026-11-27')).toBe('2026-11-30');
    expect(defaultSnoozeUntil('2027-03-24')).toBe('2027-03-30');
    expect(isSuppressed({ snoozedUntil: '2026-11-24', doneAt: null }, '2026-11-23')).toBe(true);
    expect(isSuppressed({ snoozedUntil: '2026-11-24', doneAt: null }, '2026-11-24')).toBe(false);
  });

  it('subjects round-trip and reject anything else', () => {
    for (const s of [
      { kind: 'checkin', citizenId: CITIZEN, due: '2026-11-23' },
      { kind: 'decision', placementId: PLACEMENT, due: '2026-11-24' },
      { kind: 'threeparty', placementId: PLACEMENT },
    ] as const) {
      expect(parseSubject(subjectKey(s))).toEqual(s);
    }
    expect(parseSubject('checkin:C-1042:2026-11-23')).toBeUndefined();
    expect(parseSubject(`checkin:${CITIZEN}`)).toBeUndefined();
  });

  it('times of day', () => {
    expect(normalizeTime('7.30')).toBe('07:30');
    expect(normalizeTime('08:00')).toBe('08:00');
    expect(normalizeTime('24:00')).toBeUndefined();
    expect(normalizeTime('otte')).toBeUndefined();
  });

  it('pace per remaining working day', () => {
    expect(pacePerWorkingDay(5, 8, 6)).toBe(0.5);
    expect(pacePerWorkingDay(8, 8, 6)).toBe(0);
    expect(pacePerWorkingDay(0, 3, 0)).toBe(3);
  });
});

describe('monthly, seasonal and team slots', () => {
  it('month-end report on the last working day (30 Dec, as 31 Dec is off), late until the next working day', () => {
    const { month, slot } = monthEndSlot('2026-12-30');
    expect(month).toBe('2026-12');
    expect(slot.date).toBe('2026-12-30');
    expect(slot.at.toISOString()).toBe('2026-12-30T13:00:00.000Z');
    expect(isSlotOpen(slot, new Date('2027-01-04T10:00:00Z'))).toBe(true); // 1 Jan is a holiday, so Monday 4 Jan
    expect(monthEndSlot('2027-01-05').month).toBe('2026-12');
    expect(isSlotOpen(monthEndSlot('2027-01-05').slot, new Date('2027-01-05T10:00:00Z'))).toBe(false);
    // Before this month's last working day the candidate is last month's report, long closed.
    expect(monthEndSlot('2026-11-27').slot.date).toBe('2026-10-30');
    expect(isSlotOpen(monthEndSlot('2026-11-27').slot, new Date('2026-11-27T14:00:00Z'))).toBe(false);
    expect(monthEndSlot('2026-11-30').slot.date).toBe('2026-11-30');
  });

  it('pre-1:1 summaries on the working day before the month’s first working day', () => {
    const dec = preOneOnOneSlot('2026-12-30', '08:00');
    expect(dec.month).toBe('2027-01');
    expect(dec.slot.date).toBe('2026-12-30');
    const jan = preOneOnOneSlot('2027-01-04', '08:00');
    expect(jan.month).toBe('2027-01');
    expect(isSlotOpen(jan.slot, new Date('2027-01-04T12:00:00Z'))).toBe(true);
    expect(preOneOnOneSlot('2026-11-10', '08:00').slot.date).toBe('2026-11-30');
  });

  it('summer reminder in May, from the first working day', () => {
    expect(summerSlot('2027-04-30', '08:00')).toBeUndefined();
    expect(summerSlot('2027-05-12', '08:00')?.slot.date).toBe('2027-05-03'); // 1 May 2027 is a Saturday
    expect(runsIntoJuly({ startOn: '2027-05-01', plannedEndOn: '2027-07-15' }, 2027)).toBe(true);
    expect(runsIntoJuly({ startOn: '2027-05-01', plannedEndOn: '2027-06-30' }, 2027)).toBe(false);
  });

  it('team meeting every 14 days; a Saturday meeting is reminded on Friday', () => {
    expect(teamMeetingOccurrence('2026-11-16', '2026-11-02', 14)).toBe('2026-11-16');
    expect(teamMeetingOccurrence('2026-11-23', '2026-11-02', 14)).toBeUndefined();
    expect(teamMeetingOccurrence('2026-11-13', '2026-11-07', 7)).toBe('2026-11-14');
    expect(teamMeetingOccurrence('2026-11-14', '2026-11-07', 7)).toBeUndefined();
  });
});

describe('who gets a citizen\'s reminders', () => {
  const TEAM = 'team-vest';
  const person = (handle: string, over: Partial<AssigneeRef> = {}): AssigneeRef => ({ id: `id-${handle}`, handle, active: true, teamId: TEAM, ...over });

  it('check-ins: the caseworker; the managers when the caseworker left, moved team or is missing', () => {
    expect(checkInRoute({ teamId: TEAM, caseworker: person('anne') })).toEqual({ to: 'assignee', staffId: 'id-anne' });
    expect(checkInRoute({ teamId: TEAM, caseworker: person('anne', { active: false }) })).toEqual({
      to: 'managers',
      teamId: TEAM,
      onBehalfOf: { handle: 'anne', reason: 'left' },
    });
    expect(checkInRoute({ teamId: TEAM, caseworker: person('anne', { teamId: 'team-oest' }) })).toMatchObject({ to: 'managers', onBehalfOf: { reason: 'otherTeam' } });
    expect(checkInRoute({ teamId: TEAM, caseworker: null })).toMatchObject({ to: 'managers', onBehalfOf: { handle: null, reason: 'unassigned' } });
  });

  it("placements: the citizen's consultant, else the caseworker; the managers when that person left", () => {
    const anne = person('anne');
    expect(placementRoute({ teamId: TEAM, caseworker: anne, consultant: person('camilla') })).toEqual({ to: 'assignee', staffId: 'id-camilla' });
    expect(placementRoute({ teamId: TEAM, caseworker: anne, consultant: null })).toEqual({ to: 'assignee', staffId: 'id-anne' });
    // A consultant who left is not replaced by the caseworker silently: the managers decide.
    expect(placementRoute({ teamId: TEAM, caseworker: anne, consultant: person('camilla', { active: false }) })).toMatchObject({
      to: 'managers',
      onBehalfOf: { handle: 'camilla', reason: 'left' },
    });
    expect(placementRoute({ teamId: TEAM, caseworker: null, consultant: null })).toMatchObject({ to: 'managers', onBehalfOf: { reason: 'unassigned' } });
  });
});

describe('year to date compares like with like', () => {
  it('sets the targets against the actuals of the months that had one', () => {
    const y = yearToDate([
      { actual: 4, target: undefined },
      { actual: 5, target: 8 },
    ]);
    expect(y).toEqual({ actual: 9, actualInTargetMonths: 5, target: 8, monthsWithTarget: 1, months: 2 });
  });
});

describe('snooze until a chosen date', () => {
  it('a weekend or holiday moves on to the next working day', () => {
    expect(snoozeUntilWorkingDay('2026-11-28')).toBe('2026-11-30'); // Saturday → Monday
    expect(snoozeUntilWorkingDay('2026-12-24')).toBe('2026-12-28'); // Juleaftensdag, 1. and 2. juledag, Sunday
    expect(snoozeUntilWorkingDay('2026-11-26')).toBe('2026-11-26');
  });
});
