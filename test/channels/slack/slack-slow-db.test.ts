// Slack's 3-second acknowledgement with a slow database: the harness holds
// every router transaction until the test releases it. The HTTP answer (the
// ack) must come back while the handler is still blocked; the real answer
// follows through response_url once the database lets go, and the row is
// there. Proved by order (ack received, then release), not by timing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTeamFixture, MONDAY, type TeamFixture } from '../../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../../helpers/test-database.js';
import { fixture, startSlackHarness, type SlackHarness } from './slack-harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ANNE = 'U0ANNE';

describe('Slack with a slow database', () => {
  let db: Database;
  let team: TeamFixture;
  let h: SlackHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    team = await createTeamFixture(db.prisma);
    await db.prisma.staff.update({ where: { id: team.staff.anne }, data: { slackUserId: ANNE } });
    await db.prisma.citizen.create({ data: { teamId: team.teamId, ref: 'C-3001', initials: 'AB', caseworkerId: team.staff.anne } });
    // A short budget for answering a form inside its ack, so the held database is "too slow" at once.
    h = await startSlackHarness(db, { now: MONDAY, adminEmails: ['mette@kommune.dk'], formAckBudgetMs: 50 });
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });
  beforeEach(() => h.api.reset());

  const meetings = () => db.prisma.meeting.count({ where: { citizen: { ref: 'C-3001' } } });

  it('acknowledges a slash command while the handler is blocked on the database, then answers through response_url', async () => {
    const before = await meetings();
    const hold = h.holdRouter();
    try {
      const ack = await h.command(
        { user_id: ANNE, user_name: 'anne', command: '/samtale', text: 'C-3001 telefon i dag', trigger_id: 'slow-trigger-1', response_url: h.api.responseUrl('slow-1') },
        { awaitWork: false },
      );
      // The ack is in …
      expect(ack.status).toBe(200);
      expect(ack.body).toBe('');
      // … and the handler is inside the router, waiting for the database: nothing answered, nothing written.
      await hold.reached;
      expect(h.api.callsTo('response_url')).toHaveLength(0);
      expect(await meetings()).toBe(before);
    } finally {
      hold.release();
    }
    await h.slack.idle();
    const answers = h.api.callsTo('response_url');
    expect(answers).toHaveLength(1);
    expect(answers[0]!.path).toBe('/response/slow-1');
    expect(answers[0]!.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(answers[0]!.body.text)).toContain('C-3001');
    expect(await meetings()).toBe(before + 1);
    const meeting = await db.prisma.meeting.findFirstOrThrow({ where: { citizen: { ref: 'C-3001' } }, orderBy: { createdAt: 'desc' } });
    expect(meeting).toMatchObject({ kind: 'PHONE', source: 'SLACK' });
  });

  it('a form submission routed too slowly closes the modal first and answers privately when the database is done', async () => {
    const before = await meetings();
    const privateMetadata = JSON.stringify({ form: 'meeting', locale: 'da', responseUrl: h.api.responseUrl('slow-form') });
    const submission = fixture<Json>('view-submission');
    const hold = h.holdRouter();
    try {
      const ack = await h.interaction(
        {
          ...submission,
          user: { ...submission.user, id: ANNE },
          view: {
            ...submission.view,
            id: 'V0SLOW1',
            hash: 'slow-h1',
            private_metadata: privateMetadata,
            state: {
              values: {
                citizen: { citizen: { type: 'static_select', selected_option: { value: 'C-3001' } } },
                kind: { kind: { type: 'static_select', selected_option: { value: 'VIDEO' } } },
                date: { date: { type: 'datepicker', selected_date: '2026-11-23' } },
              },
            },
          },
        },
        { awaitWork: false },
      );
      // An empty ack closes the modal while the router still waits.
      expect(ack.status).toBe(200);
      expect(ack.body).toBe('');
      await hold.reached;
      expect(h.api.callsTo('response_url')).toHaveLength(0);
      expect(await meetings()).toBe(before);
    } finally {
      hold.release();
    }
    await h.slack.idle();
    const answer = h.api.callsTo('response_url').at(-1)!;
    expect(answer.path).toBe('/response/slow-form');
    expect(String(answer.body.text)).toContain('C-3001');
    expect(await db.prisma.meeting.count({ where: { citizen: { ref: 'C-3001' }, kind: 'VIDEO' } })).toBe(1);
    expect(await meetings()).toBe(before + 1);
  });
});
