// The scheduler delivering through Slack: runTick with the Slack channel's
// outbound sends each morning's reminders as one DM per person (through the
// fake Web API), the buttons on them work over HTTP (Log meeting / Log
// follow-up open pre-filled modals; Snooze and Done update the message in
// place and the reminder state), and the afterMorning hook refreshes every
// linked App Home once per working day.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { subjectKey } from '../../../src/domain/reminder-rules.js';
import { runTick } from '../../../src/jobs/schedule.js';
import { createTestDatabase, type Database } from '../../helpers/test-database.js';
import { MONDAY } from '../../helpers/fixtures.js';
import { createSchedulerWorld, type SchedulerWorld } from '../../helpers/world.js';
import { fixture, startSlackHarness, type SlackHarness } from './slack-harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const USERS = { anne: 'U0ANNE', bo: 'U0BO', camilla: 'U0CAMILLA', mette: 'U0METTE' } as const;
const DM = { anne: 'D0ANNE', bo: 'D0BO', camilla: 'D0CAMILLA', mette: 'D0METTE' } as const;
/** 08:00 in Copenhagen on Monday 23 November 2026. */
const MORNING = new Date('2026-11-23T07:00:00Z');

describe('reminders through Slack', () => {
  let db: Database;
  let world: SchedulerWorld;
  let h: SlackHarness;
  const tick = (now: Date, withHomes = false) =>
    runTick({ prisma: db.prisma, channels: [h.slack.outbound], ...(withHomes ? { afterMorning: h.slack.refreshHomes } : {}) }, now);
  const dmsTo = (channel: string) => h.api.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);
  /** The reminder as Slack would hand it back in a block_actions payload: with block ids. */
  const asDelivered = (call: { body: Json; response?: Json }) => ({
    ts: String(call.response?.ts),
    text: String(call.body.text),
    blocks: (call.body.blocks as Json[]).map((b, i) => ({ ...b, block_id: `rb${i}` })),
  });
  const buttons = (message: { blocks: Json[] }): Json[] =>
    message.blocks.flatMap((b) => (b.type === 'actions' ? (b.elements as Json[]).map((e): Json => ({ ...e, block_id: b.block_id })) : []));
  /** Presses a button on a delivered DM, as Slack posts it to /slack/events. */
  const press = (user: keyof typeof USERS, message: { ts: string; text: string; blocks: Json[] }, button: Json, clickTs = '1700009999.000100') => {
    const base = fixture<Json>('block-actions');
    return h.interaction({
      ...base,
      user: { ...base.user, id: USERS[user], username: user },
      trigger_id: `press-${user}-${button.action_id}-${clickTs}`,
      container: { type: 'message', message_ts: message.ts, channel_id: DM[user], is_ephemeral: false },
      channel: { id: DM[user], name: 'directmessage' },
      message: { type: 'message', user: 'U0JOBBOT', bot_id: 'B0JOBBOT', ts: message.ts, text: message.text, blocks: message.blocks },
      response_url: h.api.responseUrl(`press-${user}-${clickTs}`),
      actions: [{ type: 'button', action_id: button.action_id, block_id: button.block_id, value: button.value, text: button.text, action_ts: clickTs }],
    });
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createSchedulerWorld(db.prisma);
    for (const who of ['anne', 'bo', 'camilla', 'mette'] as const) {
      await db.prisma.staff.update({ where: { id: world.staff[who] }, data: { slackUserId: USERS[who] } });
    }
    h = await startSlackHarness(db, { now: MONDAY, adminEmails: ['mette@kommune.dk'] });
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });
  beforeEach(() => h.api.reset());

  it('sends each caseworker exactly one DM at 08:00, with a working "Log meeting" button; a second tick sends nothing', async () => {
    const early = await tick(new Date('2026-11-23T06:59:00Z'));
    expect(early.outbox.sent ?? 0).toBe(0);
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);

    await tick(MORNING);
    const toAnne = dmsTo(DM.anne);
    expect(toAnne).toHaveLength(1);
    // The DM channel was opened once and cached for the next time.
    expect(h.api.callsTo('conversations.open').map((c) => c.body.users)).toContain(USERS.anne);
    expect((await db.prisma.staff.findUniqueOrThrow({ where: { id: world.staff.anne } })).slackDmChannelId).toBe(DM.anne);
    const reminder = asDelivered(toAnne[0]!);
    expect(JSON.stringify(reminder.blocks)).toContain('C-1042: 3 dage over');
    expect(JSON.stringify(reminder.blocks)).not.toContain('C-2001'); // Bo's citizen, Bo's DM
    expect(dmsTo(DM.bo)).toHaveLength(1);
    expect(dmsTo(DM.mette)).toHaveLength(0); // nothing due, nothing sent

    const again = await tick(new Date('2026-11-23T07:01:00Z'));
    expect(again.jobs.enqueued).toBe(0);
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(3); // anne, bo, camilla: still once each

    // "Log meeting" opens the meeting modal with the citizen filled in; submitting it logs the meeting.
    const logMeeting = buttons(reminder).find((b) => b.action_id === 'meeting.log')!;
    expect(logMeeting.value).toBe('C-1042');
    await press('anne', reminder, logMeeting);
    const view = h.api.callsTo('views.open')[0]!.body.view as Json;
    expect(view.title.text).toBe('Log samtale');
    expect(view.blocks.find((b: Json) => b.block_id === 'citizen').element.initial_option.value).toBe('C-1042');
    const submission = fixture<Json>('view-submission');
    await h.interaction({
      ...submission,
      user: { ...submission.user, id: USERS.anne },
      view: {
        ...submission.view,
        id: 'V0REMINDER1',
        hash: 'r1',
        private_metadata: view.private_metadata,
        state: {
          values: {
            citizen: { citizen: { type: 'static_select', selected_option: { value: 'C-1042' } } },
            kind: { kind: { type: 'static_select', selected_option: { value: 'INDIVIDUAL' } } },
            date: { date: { type: 'datepicker', selected_date: '2026-11-23' } },
          },
        },
      },
    });
    const meetings = await db.prisma.meeting.findMany({ where: { citizenId: world.citizens['C-1042']! } });
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({ kind: 'INDIVIDUAL', source: 'SLACK' });
  });

  it('"Snooze 1 day" and "Done" update the message in place and the reminder state', async () => {
    await db.prisma.delivery.deleteMany({});
    await db.prisma.meeting.deleteMany({ where: { citizenId: world.citizens['C-1042']! } });
    await db.prisma.citizen.update({ where: { id: world.citizens['C-1042']! }, data: { nextCheckInOn: new Date('2026-11-20T00:00:00Z') } });
    await tick(MORNING);
    const anne = asDelivered(dmsTo(DM.anne)[0]!);
    const bo = asDelivered(dmsTo(DM.bo)[0]!);

    const snooze = buttons(anne).find((b) => b.action_id === 'reminder.snooze')!;
    await press('anne', anne, snooze, '1700010000.000100');
    const updated = h.api.callsTo('chat.update').at(-1)!.body;
    expect(updated).toMatchObject({ channel: DM.anne, ts: anne.ts });
    const text = JSON.stringify(updated.blocks);
    expect(text).toContain('Opfølgningen med C-1042 er udsat til tir. 24. nov.');
    expect(text).toContain('Resten af ugen'); // the rest of the message is still there
    expect(text).not.toContain('reminder.snooze'); // that row's buttons are gone
    const subject = subjectKey({ kind: 'checkin', citizenId: world.citizens['C-1042']!, due: '2026-11-20' });
    const snoozed = await db.prisma.reminderState.findUniqueOrThrow({ where: { staffId_subject: { staffId: world.staff.anne, subject } } });
    expect(snoozed.snoozedUntil?.toISOString().slice(0, 10)).toBe('2026-11-24');
    expect(snoozed.doneAt).toBeNull();

    // "Done" (the real reminder.done handler) double-clicked: two deliveries with their own action_ts.
    const done = buttons(bo).find((b) => b.action_id === 'reminder.done')!;
    await press('bo', bo, done, '1700010001.000100');
    await press('bo', bo, done, '1700010002.000100'); // a double click
    // Both clicks update the same message in place with the same answer (the second is the first one replayed) …
    const boUpdates = h.api.callsTo('chat.update').filter((c) => c.body.channel === DM.bo);
    expect(boUpdates).toHaveLength(2);
    for (const update of boUpdates) {
      expect(update.body).toMatchObject({ channel: DM.bo, ts: bo.ts });
      expect(JSON.stringify(update.body.blocks)).toContain('er markeret som klaret');
    }
    // … but the handler ran once: one state, one audit entry.
    const states = await db.prisma.reminderState.findMany({ where: { staffId: world.staff.bo } });
    expect(states).toHaveLength(1);
    expect(states[0]!.doneAt).not.toBeNull();
    expect(await db.prisma.auditLog.count({ where: { actorId: world.staff.bo, action: { contains: 'done' } } })).toBe(1);
  });

  it('gives consultants a "Log follow-up" button that opens the follow-up modal pre-filled', async () => {
    await db.prisma.delivery.deleteMany({ where: { recipientId: world.staff.camilla } });
    await tick(MORNING);
    const camilla = dmsTo(DM.camilla);
    expect(camilla).toHaveLength(1);
    const reminder = asDelivered(camilla[0]!);
    expect(JSON.stringify(reminder.blocks)).toContain("Forlæng eller afslut? C-1043's praktik hos Netto Nord");
    const logFollowUp = buttons(reminder).find((b) => b.action_id === 'followup.log')!;
    expect(logFollowUp).toMatchObject({ value: 'C-1043', text: { text: 'Log opfølgning' } });
    await press('camilla', reminder, logFollowUp, '1700010003.000100');
    const view = h.api.callsTo('views.open')[0]!.body.view as Json;
    expect(view.title.text).toBe('Forløbsopfølgning');
    expect(view.blocks.find((b: Json) => b.block_id === 'citizen').element.initial_option.value).toBe('C-1043');
    expect(h.api.callsTo('chat.update')).toHaveLength(0); // opening a form leaves the reminder alone
  });

  it('refreshes every linked App Home once per working day, after the morning run', async () => {
    const published = () => h.api.callsTo('views.publish').map((c) => c.body.user_id as string).sort();
    await tick(new Date('2026-11-24T06:30:00Z'), true); // Tuesday 07:30: too early
    expect(published()).toEqual([]);
    await tick(new Date('2026-11-24T07:00:00Z'), true);
    expect(published()).toEqual([...Object.values(USERS)].sort());
    const home = h.api.callsTo('views.publish').find((c) => c.body.user_id === USERS.anne)!.body.view as Json;
    expect(home.type).toBe('home');
    expect(JSON.stringify(home.blocks)).toContain('24. nov. 2026'); // as of the tick, not the router's clock
    // Reminders went out before the homes were refreshed.
    const methods = h.api.calls.map((c) => c.method);
    expect(methods.indexOf('chat.postMessage')).toBeLessThan(methods.indexOf('views.publish'));

    h.api.reset();
    await tick(new Date('2026-11-24T07:01:00Z'), true);
    await tick(new Date('2026-11-24T15:00:00Z'), true);
    expect(published()).toEqual([]);
    await tick(new Date('2026-11-28T09:00:00Z'), true); // Saturday
    expect(published()).toEqual([]);
    await tick(new Date('2026-11-30T07:05:00Z'), true); // Monday: again
    expect(published()).toHaveLength(4);
  });
});
