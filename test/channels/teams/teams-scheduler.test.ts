// Reminders, digests and celebrations (issue 5) delivered through the Teams
// channel: conversation references stored by installing the app (personal
// chat for anne, the team channel linked by the manager), the bot restarted,
// then the scheduler's real tick (runTick with the Teams outbound) at fixed
// times, and the reminder buttons pressed through /api/messages. Asserts on
// what the fake Bot Connector received and on the database.
// The scheduler world (test/helpers/world.ts), Monday 23 November 2026: anne's C-1042 is
// 3 days overdue, C-1043 due Wednesday; bo's C-2001 due today (bo has no
// Teams chat); camilla's reminders (no Teams chat either); November targets.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runTick } from '../../../src/jobs/schedule.js';
import { ChannelPacer } from '../../../src/delivery/pacer.js';
import { MONDAY } from '../../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../../helpers/test-database.js';
import { createSchedulerWorld, type SchedulerWorld } from '../../helpers/world.js';
import { activity, CHANNEL, cardText, delivered, FakeConnector, isErrorCard, personalChat, startTeamsHarness, TeamsUsers, type TeamsHarness } from './teams-harness.js';

const AAD = {
  mette: '0a1b2c3d-0000-4000-8000-00000000e777',
  anne: '0a1b2c3d-0000-4000-8000-0000000a0001',
  bo: '0a1b2c3d-0000-4000-8000-0000000b0002',
} as const;
const ANNE = personalChat('anne');

let db: Database;
let world: SchedulerWorld;
let connector: FakeConnector;
let h: TeamsHarness;
let users: TeamsUsers;
let now = MONDAY;
/** The reminder card anne got on Monday morning. */
let mondayCard: any;
const jobLogs: Array<{ event: string; fields: Record<string, unknown> }> = [];

/** 08:00 in Copenhagen (CET, UTC+1) on a day of that week. */
const at = (date: string, time: string) => new Date(`${date}T${time}:00+01:00`);

/** One scheduler pass through the Teams channel alone; returns the connector calls it made. */
async function tick(when: Date) {
  now = when;
  const before = connector.calls.length;
  const result = await runTick({ prisma: db.prisma, channels: [h.teams.outbound], log: (event, fields) => void jobLogs.push({ event, fields: fields ?? {} }), pacer: new ChannelPacer() }, when);
  return { result, calls: connector.calls.slice(before) };
}

function cardsOf(calls: ReturnType<typeof delivered>) {
  return calls.flatMap((c) => (c.body.attachments ?? []).map((a: any) => a.content));
}

/** The data of the reminder card's button with this action id, for the item about `ref`. */
function buttonData(card: any, actionId: string, ref: string): { jobbot: 'action'; actionId: string; value: string } {
  const body: any[] = card.body;
  const line = body.findIndex((e) => e.type === 'TextBlock' && e.text.includes(`${ref}:`));
  const set = body.slice(line).find((e) => e.type === 'ActionSet');
  const action = set?.actions.find((a: any) => a.data.actionId === actionId);
  if (!action) throw new Error(`no ${actionId} button for ${ref}`);
  return action.data;
}

async function reminderActivityId(date: string): Promise<string> {
  const row = await db.prisma.delivery.findFirstOrThrow({ where: { kind: 'checkins', recipientId: world.staff.anne, key: { contains: date } } });
  expect(row.status).toBe('SENT');
  return (row.messageRef as Record<string, string>).activityId!;
}

beforeAll(async () => {
  db = await createTestDatabase();
  world = await createSchedulerWorld(db.prisma);
  for (const user of Object.keys(AAD) as Array<keyof typeof AAD>) {
    await db.prisma.staff.update({ where: { id: world.staff[user] }, data: { teamsAadObjectId: AAD[user] } });
  }
  connector = new FakeConnector();
  await connector.start();

  // Install: anne adds the app personally; the app is added to the team channel and mette links it.
  const first = await startTeamsHarness(db, { clock: () => now, adminEmails: [] }, { connector });
  expect((await first.post(activity('install-personal', { serviceUrl: connector.url, user: 'anne', aadObjectId: AAD.anne }))).status).toBe(200);
  expect((await first.post(activity('install-channel', { serviceUrl: connector.url, user: 'mette', aadObjectId: AAD.mette }))).status).toBe(200);
  await new TeamsUsers(first, AAD, 'install').send('mette', 'jobbot teams-channel', 'channel');
  expect((await db.prisma.team.findUniqueOrThrow({ where: { id: world.teamId } })).teamsChannelId).toBe(CHANNEL);
  // A restart: proactive messages must work from the stored references alone.
  await first.close();
  h = await startTeamsHarness(db, { clock: () => now, adminEmails: [] }, { connector });
  users = new TeamsUsers(h, AAD, 'sched');
});

afterAll(async () => {
  await h?.close();
  await connector?.stop();
  await db?.close();
});

beforeEach(() => connector.reset());

describe('Monday morning through Teams', () => {
  it('08:00: exactly one 1:1 reminder card to the caseworker, with buttons and the rest of the week; nothing in the channel', async () => {
    const { calls } = await tick(at('2026-11-23', '08:00'));
    expect(delivered(calls, ANNE)).toHaveLength(1);
    expect(delivered(calls, CHANNEL)).toHaveLength(0);
    expect(delivered(calls)).toHaveLength(1); // bo and camilla have no Teams chat: skipped, not sent elsewhere
    const [card] = cardsOf(delivered(calls, ANNE));
    mondayCard = card;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const text = cardText(card);
    expect(text).toContain('C-1042: 3 dage over');
    expect(text).toContain('ons. 25. nov.: C-1043');
    expect(buttonData(card, 'reminder.done', 'C-1042').value).toMatch(/^checkin:/);
    expect(buttonData(card, 'reminder.snooze', 'C-1042').value).toMatch(/^checkin:/);
    // A proactive message is a new post in the stored conversation, not a reply.
    expect(calls.find((c) => c.conversationId === ANNE)?.kind).toBe('send');

    const rows = await db.prisma.delivery.findMany({ where: { kind: 'checkins' } });
    expect(rows.find((r) => r.recipientId === world.staff.anne)).toMatchObject({ status: 'SENT', channel: 'teams', attempts: 1 });
    expect(rows.find((r) => r.recipientId === world.staff.bo)).toMatchObject({ status: 'SKIPPED' });
  });

  it('08:00 again: nothing more', async () => {
    const { calls } = await tick(at('2026-11-23', '08:00'));
    expect(calls).toHaveLength(0);
    expect((await tick(at('2026-11-23', '08:30'))).calls).toHaveLength(0);
  });

  it('09:00: exactly one digest card in the team channel, counts only, no citizen; nothing more on a second tick', async () => {
    const { calls } = await tick(at('2026-11-23', '09:00'));
    expect(delivered(calls)).toHaveLength(1);
    const [post] = delivered(calls, CHANNEL);
    expect(post?.kind).toBe('send'); // a new post in the channel, not a reply in a thread
    const text = cardText(cardsOf([post!])[0]);
    expect(text).toContain('Ugens tal – uge 48');
    expect(text).toContain('praktikstarter: 2 af 4');
    expect(text).toContain('@anne: 1');
    // The readiness pipeline (issue 14): counts only; no readiness is set in this world.
    expect(text).toContain('Parathed (aktive borgere)');
    expect(text).toContain('klar 0 · tæt på 0 · længere fra 0 · ikke vurderet 3');
    expect(text).not.toMatch(/C-\d/);
    expect(JSON.stringify(post!.body)).not.toMatch(/C-\d/); // not in button data or fallback text either
    // The chart (issue 14): an Image in the same card, the PNG inline, its numbers in the alt text.
    const image = cardsOf([post!])[0].body.find((e: any) => e.type === 'Image');
    expect(image.url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(Buffer.from(image.url.split(',')[1], 'base64').length).toBeGreaterThan(5_000);
    expect(image.altText).toContain('Diagram over måltal og resultater for november 2026');
    expect(image.altText).toContain('Praktikstarter: 2 af 4');
    expect((await tick(at('2026-11-23', '09:01'))).calls).toHaveLength(0);
    expect(await db.prisma.delivery.count({ where: { kind: 'digest', status: 'SENT', channel: 'teams' } })).toBe(1);
  });
});

describe('reminder buttons update the card in place', () => {
  it('Snooze (Action.Submit from a client without Universal Actions) replaces the card and stores the snooze', async () => {
    now = at('2026-11-23', '10:15');
    const activityId = await reminderActivityId('2026-11-23');
    const data = buttonData(mondayCard, 'reminder.snooze', 'C-1042');
    const submit = activity('card-submit', { serviceUrl: connector.url, user: 'anne', aadObjectId: AAD.anne, replyToId: activityId }, { id: 'snooze-1', value: data });
    const calls = await users.post(submit);
    const updates = calls.filter((c) => c.kind === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ conversationId: ANNE, activityId, status: 200 });
    expect(delivered(calls)).toHaveLength(1); // replaced, no new message
    const replaced = updates[0]!.body.attachments[0].content;
    expect(cardText(replaced)).toBe('Opfølgningen med C-1042 er udsat til tir. 24. nov.');
    expect(JSON.stringify(replaced)).not.toContain('Action.');
    const state = await db.prisma.reminderState.findFirstOrThrow({ where: { staffId: world.staff.anne, subject: data.value } });
    expect(state.snoozedUntil?.toISOString().slice(0, 10)).toBe('2026-11-24');
    expect(state.doneAt).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: 'reminder.snooze', actorId: world.staff.anne, channel: 'TEAMS' } })).toBe(1);
  });

  it('Tuesday 08:00: the snoozed check-in is back, and Done (Action.Execute) answers with the replacing card', async () => {
    const { calls } = await tick(at('2026-11-24', '08:00'));
    const cards = cardsOf(delivered(calls, ANNE));
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0])).toContain('C-1042: 4 dage over');
    now = at('2026-11-24', '08:05');
    const activityId = await reminderActivityId('2026-11-24');
    const data = buttonData(cards[0], 'reminder.done', 'C-1042');
    const invoke = activity('card-execute-invoke', { serviceUrl: connector.url, user: 'anne', aadObjectId: AAD.anne, replyToId: activityId }, {
      id: 'done-1',
      value: { action: { type: 'Action.Execute', verb: 'reminder.done', data }, trigger: 'manual' },
    });
    const before = connector.calls.length;
    const res = await h.post(invoke);
    expect(res.status).toBe(200);
    // Universal Actions: the invoke response carries the card that replaces the pressed one.
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardText(res.body.value)).toBe('Opfølgningen med C-1042 er markeret som klaret.');
    expect(isErrorCard(res.body.value)).toBe(false);
    expect(connector.calls.slice(before).filter((c) => c.kind !== 'member')).toHaveLength(0); // no extra message
    const state = await db.prisma.reminderState.findFirstOrThrow({ where: { staffId: world.staff.anne, subject: data.value } });
    expect(state.doneAt).not.toBeNull();

    // A redelivered invoke changes nothing and answers the same card.
    const again = await h.post(invoke);
    expect(again.body.value).toEqual(res.body.value);
    expect(await db.prisma.auditLog.count({ where: { action: 'reminder.done', actorId: world.staff.anne } })).toBe(1);
  });

  it('Wednesday 08:00: the done check-in stays away; only what is due is reminded; Log meeting opens the form', async () => {
    const { calls } = await tick(at('2026-11-25', '08:00'));
    const cards = cardsOf(delivered(calls, ANNE));
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0])).not.toContain('C-1042');
    expect(cardText(cards[0])).toContain('C-1043: i dag');

    // Log meeting on the reminder opens the meeting form for that citizen in place of the card.
    const press = activity('card-execute-invoke', { serviceUrl: connector.url, user: 'anne', aadObjectId: AAD.anne, replyToId: await reminderActivityId('2026-11-25') }, {
      id: 'log-1',
      value: { action: { type: 'Action.Execute', verb: 'meeting.log', data: buttonData(cards[0], 'meeting.log', 'C-1043') }, trigger: 'manual' },
    });
    const res = await h.post(press);
    expect(res.body.value.body.find((e: any) => e.id === 'citizen').value).toBe('C-1043');
  });
});

describe('celebrations through Teams', () => {
  it('posts a job outcome logged in Teams to the team channel at once, anonymously, and only once', async () => {
    now = at('2026-11-25', '11:00');
    const calls = await users.send('bo', 'outcome C-2001 job hours:37 "Netto Nord"');
    const [answer] = cardsOf(delivered(calls, personalChat('bo')));
    expect(isErrorCard(answer)).toBe(false);
    const posts = delivered(calls, CHANNEL);
    expect(posts).toHaveLength(1);
    const text = cardText(cardsOf(posts)[0]);
    expect(text).toContain('En borger er kommet videre!');
    expect(text).toContain('Stor tak til Bo & Camilla!');
    expect(text).toContain('Kuglerne i glasset: 1 denne måned, 1 i år.');
    expect(JSON.stringify(posts[0]!.body)).not.toMatch(/C-2001|Netto/);
    expect(await db.prisma.delivery.count({ where: { kind: 'celebration', status: 'SENT', channel: 'teams' } })).toBe(1);
    // The scheduler's worker finds it delivered.
    expect(delivered((await tick(at('2026-11-25', '11:01'))).calls, CHANNEL)).toHaveLength(0);
  });
});

describe('throttling by the Bot Connector', () => {
  it('a 429 during a proactive send is retried and the reminder goes out once', async () => {
    connector.failNext(429, 1, { retryAfter: '0' });
    const { calls } = await tick(at('2026-11-26', '08:00'));
    expect(calls.filter((c) => c.conversationId === ANNE).map((c) => c.status)).toEqual([429, 200]);
    expect(cardsOf(delivered(calls, ANNE))).toHaveLength(1);
    const row = await db.prisma.delivery.findFirstOrThrow({ where: { kind: 'checkins', recipientId: world.staff.anne, key: { contains: '2026-11-26' } } });
    expect(row).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(h.logs.some((l) => l.event === 'teams.connector.retry' && l.fields.status === 429)).toBe(true);
    expect((await tick(at('2026-11-26', '08:01'))).calls).toHaveLength(0);
  });

  it('a 429 that outlasts the inline retries leaves the reminder in the outbox; the next tick sends it once', async () => {
    connector.failNext(429, 4, { retryAfter: '0' });
    const first = await tick(at('2026-11-27', '08:00'));
    expect(first.calls.filter((c) => c.conversationId === ANNE).map((c) => c.status)).toEqual([429, 429, 429, 429]);
    expect(first.result.outbox).toMatchObject({ sent: 0, retrying: 1 });
    const pending = await db.prisma.delivery.findFirstOrThrow({ where: { kind: 'checkins', recipientId: world.staff.anne, key: { contains: '2026-11-27' } } });
    // Throttling is not a failure: the attempt is given back.
    expect(pending).toMatchObject({ status: 'PENDING', attempts: 0 });

    const second = await tick(at('2026-11-27', '08:01'));
    expect(cardsOf(delivered(second.calls, ANNE))).toHaveLength(1);
    expect((await db.prisma.delivery.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe('SENT');
    expect(delivered((await tick(at('2026-11-27', '08:02'))).calls)).toHaveLength(0);
  });
});

describe('a long Retry-After', () => {
  it('is never retried early: the outbox waits as asked, then sends the reminder once', async () => {
    const monday = at('2026-11-30', '08:00');
    connector.failNext(429, 1, { retryAfter: '30' });
    const first = await tick(monday);
    expect(first.calls.filter((c) => c.conversationId === ANNE).map((c) => c.status)).toEqual([429]);
    const row = await db.prisma.delivery.findFirstOrThrow({ where: { kind: 'checkins', recipientId: world.staff.anne, key: { contains: '2026-11-30' } } });
    expect(row).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(row.nextAttemptAt.getTime()).toBe(monday.getTime() + 30_000);

    const early = await tick(new Date(monday.getTime() + 20_000));
    expect(early.calls.filter((c) => c.conversationId === ANNE)).toHaveLength(0);
    const later = await tick(new Date(monday.getTime() + 31_000));
    expect(cardsOf(delivered(later.calls, ANNE))).toHaveLength(1);
    expect(cardsOf(delivered((await tick(new Date(monday.getTime() + 90_000))).calls, ANNE))).toHaveLength(0);
  });
});

describe('privacy', () => {
  it('logs no citizen and no message text', () => {
    const logged = JSON.stringify([...h.logs, ...jobLogs]);
    expect(logged).not.toMatch(/C-\d/);
    expect(logged).not.toContain('Netto');
  });
});
