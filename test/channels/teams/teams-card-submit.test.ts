// Pressing a card in Teams, through the real endpoint: a form sent twice from
// the same card is handled once (each click is a new activity), and the
// invoke is answered before the celebration it caused is posted.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RouterDeps } from '../../../src/handlers/context.js';
import { createTeamFixture, MONDAY, type TeamFixture } from '../../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../../helpers/test-database.js';
import { activity, cardText, isErrorCard, personalChat, startTeamsHarness, TeamsUsers, type TeamsHarness } from './teams-harness.js';

const AAD = { anne: '0a1b2c3d-0000-4000-8000-0000000a0101', mette: '0a1b2c3d-0000-4000-8000-0000000a0102' } as const;

let db: Database;
let team: TeamFixture;
let h: TeamsHarness;
let users: TeamsUsers;
/** Post-commit work (celebrations) waits for this gate; opened by default. */
let gate: Promise<void> = Promise.resolve();
const afterCommitCalls: Array<Parameters<NonNullable<RouterDeps['afterCommit']>>[0]> = [];
let seq = 0;

/** An Action.Execute invoke from anne (or another user) on the card with activity id `cardId`. */
function execute(cardId: string, data: Record<string, unknown>, user: keyof typeof AAD = 'anne') {
  return activity('card-execute-invoke', { serviceUrl: h.connector.url, user, aadObjectId: AAD[user], replyToId: cardId }, {
    id: `f:click-${++seq}`,
    value: { action: { type: 'Action.Execute', verb: 'form', data }, trigger: 'manual' },
  });
}

/** An Action.Submit message from anne (or another user) on the card with activity id `cardId`. */
function submit(cardId: string, data: Record<string, unknown>, user: keyof typeof AAD = 'anne') {
  return activity('card-submit', { serviceUrl: h.connector.url, user, aadObjectId: AAD[user], replyToId: cardId }, { id: `click-${++seq}`, value: data });
}

const meetings = () => db.prisma.meeting.count({ where: { citizen: { ref: 'C-5001' } } });

beforeAll(async () => {
  db = await createTestDatabase();
  team = await createTeamFixture(db.prisma);
  await db.prisma.staff.update({ where: { id: team.staff.anne }, data: { teamsAadObjectId: AAD.anne } });
  await db.prisma.staff.update({ where: { id: team.staff.mette }, data: { teamsAadObjectId: AAD.mette } });
  h = await startTeamsHarness(db, {
    clock: () => MONDAY,
    adminEmails: [],
    afterCommit: async (routed) => {
      afterCommitCalls.push(routed);
      await gate;
    },
  });
  users = new TeamsUsers(h, AAD, 'cs');
  for (const ref of ['C-5001', 'C-5002']) expect(isErrorCard(await users.ask('anne', `citizen add ${ref} initials:AB`))).toBe(false);
});

afterAll(async () => {
  await h?.close();
  await db?.close();
});

beforeEach(() => h.connector.reset());

describe('a card form sent twice', () => {
  const meeting = { jobbot: 'form', form: 'meeting', citizen: 'C-5001', kind: 'PHONE', date: '2026-11-20' };

  it('logs the meeting once when the same Action.Execute card is sent twice with the same data, and answers both alike', async () => {
    const before = await meetings();
    const first = await h.post(execute('form-card-1', meeting));
    const second = await h.post(execute('form-card-1', meeting));
    expect(first.status).toBe(200);
    expect(isErrorCard(first.body.value)).toBe(false);
    expect(second.body.value).toEqual(first.body.value);
    expect(await meetings()).toBe(before + 1);
    expect(h.logs.filter((l) => l.event === 'teams.redelivery')).toHaveLength(0); // an invoke answers; nothing is logged as a redelivery
  });

  it('logs the meeting once from a double Action.Submit, and replaces the card only once', async () => {
    const before = await meetings();
    const data = { ...meeting, date: '2026-11-19' };
    expect((await h.post(submit('form-card-2', data))).status).toBe(200);
    expect((await h.post(submit('form-card-2', data))).status).toBe(200);
    expect(await meetings()).toBe(before + 1);
    expect(h.connector.calls.filter((c) => c.kind === 'update' && c.activityId === 'form-card-2')).toHaveLength(1);
  });

  it('still handles what differs: other data on the same card is logged, the same data on another card is asked about anew', async () => {
    const before = await meetings();
    const answers: string[] = [];
    for (const [card, date] of [['form-card-3', '2026-11-18'], ['form-card-3', '2026-11-17'], ['form-card-4', '2026-11-18']] as const) {
      answers.push(cardText((await h.post(execute(card, { ...meeting, date }))).body.value));
    }
    expect(await meetings()).toBe(before + 2);
    // Not a replay of the first answer: the meeting handler's own question about a meeting logged twice.
    expect(answers[2]).not.toBe(answers[0]);
    expect(answers[2]).toContain('Log igen');
  });
});

describe('the target form card', () => {
  const december = new Date('2026-12-01T00:00:00Z');

  it("offers every measure for the team and each person, and saves a submitted card's targets together", async () => {
    const card = await users.ask('mette', 'måltal');
    const inputs = (card.body as Array<Record<string, any>>).filter((e) => e.type === 'Input.Number');
    expect(inputs).toHaveLength(7 * 5);
    const anneField = `person:${team.staff.anne}:SUB_GOALS_REACHED`;
    expect(inputs.find((i) => i.id === anneField)).toMatchObject({ label: 'Delmål nået (@anne)', min: 0, max: 10000 });
    expect((card.body as Array<Record<string, any>>).filter((e) => e.type === 'TextBlock' && e.weight === 'Bolder' && e.size === 'Medium').map((e) => e.text)).toEqual(['Teamet', '@anne', '@bo', '@camilla', '@ida']);

    // Action.Execute as Teams sends it: the inputs' values in data (numbers as typed, blanks as empty strings).
    const data = { jobbot: 'form', form: 'target', month: '2026-12', 'team:JOB_OUTCOMES': '3', 'team:MEETINGS': '', [anneField]: 5, [`person:${team.staff.bo}:READINESS_MOVES`]: '2' };
    const answer = await h.post(execute('target-card-1', data, 'mette'));
    expect(isErrorCard(answer.body.value)).toBe(false);
    expect(cardText(answer.body.value)).toContain('Måltal for december 2026 er gemt: 3 ændringer.');
    expect(await db.prisma.monthlyTarget.findMany({ where: { month: december }, select: { metric: true, target: true } })).toEqual([{ metric: 'JOB_OUTCOMES', target: 3 }]);
    expect(await db.prisma.staffMonthlyTarget.count({ where: { month: december } })).toBe(2);

    // A wrong number comes back on the card beside its field, with what was typed; nothing is saved.
    const wrong = await h.post(execute('target-card-2', { ...data, [anneField]: '-2' }, 'mette'));
    const body = wrong.body.value.body as Array<Record<string, any>>;
    const at = body.findIndex((e) => e.id === anneField);
    expect(body[at]).toMatchObject({ value: -2 });
    expect(body[at + 1]).toMatchObject({ type: 'TextBlock', color: 'Attention' });
    expect(await db.prisma.staffMonthlyTarget.findFirstOrThrow({ where: { staffId: team.staff.anne, month: december } })).toMatchObject({ target: 5 });
  });
});

describe('answer first, celebrate after', () => {
  it('answers an Action.Execute that logs a job while the celebration is still being posted', async () => {
    let open!: () => void;
    gate = new Promise<void>((resolve) => (open = resolve));
    const calls = afterCommitCalls.length;
    try {
      const response = h.post(execute('outcome-card-1', { jobbot: 'form', form: 'outcome', citizen: 'C-5002', kind: 'ORDINARY_JOB', hours: '37' }));
      const first = await Promise.race([response, new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 3_000))]);
      expect(first, 'the invoke response waited for the celebration').not.toBe('waiting');
      if (first === 'waiting') return;
      expect(first.status).toBe(200);
      expect(isErrorCard(first.body.value)).toBe(false);
      expect(afterCommitCalls.length).toBe(calls + 1); // the celebration has started, and is still waiting
      expect(await db.prisma.outcome.count({ where: { citizen: { ref: 'C-5002' } } })).toBe(1);
      // The channel waits for the celebration before it stops.
      let idle = false;
      const idled = h.teams.idle().then(() => void (idle = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(idle).toBe(false);
      open();
      await idled;
    } finally {
      open();
      gate = Promise.resolve();
    }
  });

  it('answers a message in the chat before the celebration is posted', async () => {
    let open!: () => void;
    gate = new Promise<void>((resolve) => (open = resolve));
    const calls = afterCommitCalls.length;
    const answered = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (h.connector.delivered(personalChat('anne')).length > 0) {
          clearInterval(poll);
          resolve();
        }
      }, 10);
    });
    const response = h.post(users.message('anne', 'outcome C-5001 job hours:30'));
    try {
      await answered; // the answer is out while the celebration waits
      expect(afterCommitCalls.length).toBe(calls + 1);
    } finally {
      open();
      gate = Promise.resolve();
    }
    expect((await response).status).toBe(200);
  });
});
