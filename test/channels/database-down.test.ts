// The database goes away after the bot has started: every request Slack or
// Teams sends is still answered ("jobbot kan ikke nå databasen lige nu – intet
// er gemt"), not acknowledged and then dropped. The identity lookup is the
// first query, outside any handler's error handling, so it is what fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { da } from '../../src/domain/i18n/da.js';
import { en } from '../../src/domain/i18n/en.js';
import { createTeamFixture, MONDAY } from '../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { fixture, startSlackHarness, type SlackHarness } from './slack/slack-harness.js';
import { activity, cardText, delivered, isErrorCard, personalChat, startTeamsHarness, type TeamsHarness } from './teams/teams-harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ANNE_SLACK = 'U0ANNE';
const ANNE_AAD = '0a1b2c3d-0000-4000-8000-0000000a0001';
const DOWN_DA = da.outage.database;

let db: Database;
let slack: SlackHarness;
let teams: TeamsHarness;

beforeAll(async () => {
  db = await createTestDatabase();
  const f = await createTeamFixture(db.prisma);
  await db.prisma.staff.update({ where: { id: f.staff.anne }, data: { slackUserId: ANNE_SLACK, teamsAadObjectId: ANNE_AAD } });
  slack = await startSlackHarness(db, { now: MONDAY });
  teams = await startTeamsHarness(db, { clock: () => MONDAY, adminEmails: [] });
  // Both channels are up; now the database goes away.
  await db.close();
});

afterAll(async () => {
  await slack?.close();
  await teams?.close();
});

describe('Slack with the database down', () => {
  it('a slash command is acknowledged and then answered through response_url', async () => {
    const ack = await slack.command({ user_id: ANNE_SLACK, command: '/sager', text: '', trigger_id: 'down-1', response_url: slack.api.responseUrl('down-1') });
    expect(ack.status).toBe(200);
    const answers = slack.api.callsTo('response_url');
    expect(answers).toHaveLength(1);
    expect(answers[0]!.body).toMatchObject({ response_type: 'ephemeral', text: DOWN_DA });
  });

  it('a direct message is answered in the DM', async () => {
    slack.api.reset();
    await slack.dm(ANNE_SLACK, 'hvem mangler opfølgning?');
    const posts = slack.api.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toMatchObject({ channel: 'D0ANNE', text: DOWN_DA });
  });

  it('a button is answered privately through its response_url', async () => {
    slack.api.reset();
    const payload = fixture<Json>('block-actions');
    await slack.interaction({ ...payload, response_url: slack.api.responseUrl('down-button') });
    const answers = slack.api.callsTo('response_url');
    expect(answers).toHaveLength(1);
    expect(answers[0]!.path).toBe('/response/down-button');
    expect(answers[0]!.body.text).toBe(DOWN_DA);
  });

  it('a form submission keeps the modal open with the message beside a field', async () => {
    slack.api.reset();
    const submission = fixture<Json>('view-submission');
    const metadata = JSON.stringify({ form: 'meeting', locale: 'da', responseUrl: slack.api.responseUrl('down-form') });
    const values = {
      citizen: { citizen: { type: 'static_select', selected_option: { value: 'C-1043' } } },
      kind: { kind: { type: 'static_select', selected_option: { value: 'PHONE' } } },
      date: { date: { type: 'datepicker', selected_date: '2026-11-20' } },
      duration: { duration: { type: 'number_input', value: null } },
      next: { next: { type: 'datepicker', selected_date: null } },
      note: { note: { type: 'plain_text_input', value: null } },
    };
    const res = await slack.interaction({ ...submission, view: { ...submission.view, private_metadata: metadata, state: { values } } });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as Json;
    expect(body.response_action).toBe('errors');
    expect(Object.values(body.errors)).toEqual([DOWN_DA]);
  });

  it('opening the App Home shows the message instead of a blank tab', async () => {
    slack.api.reset();
    await slack.event(fixture('app-home-opened'));
    const published = slack.api.callsTo('views.publish');
    expect(published).toHaveLength(1);
    expect(JSON.stringify(published[0]!.body.view)).toContain(DOWN_DA);
  });
});

describe('Teams with the database down', () => {
  it('a message is answered with an error card, in the user\'s language', async () => {
    const message = (id: string, locale: string) =>
      activity('personal-message', { serviceUrl: teams.connector.url, user: 'anne', aadObjectId: ANNE_AAD, text: 'caseload' }, { id, locale });
    expect((await teams.post(message('down-da', 'da-DK'))).status).toBe(200);
    expect((await teams.post(message('down-en', 'en-US'))).status).toBe(200);
    const cards = delivered(teams.connector.calls, personalChat('anne')).flatMap((c) => c.body.attachments.map((a: Json) => a.content));
    expect(cards).toHaveLength(2);
    expect(cards.every(isErrorCard)).toBe(true);
    expect(cardText(cards[0])).toContain(DOWN_DA);
    expect(cardText(cards[1])).toContain(en.outage.database);
  });

  it('a card button (Action.Execute) is answered with an error card in the invoke response', async () => {
    const invoke = activity('card-execute-invoke', { serviceUrl: teams.connector.url, user: 'anne', aadObjectId: ANNE_AAD, replyToId: 'card-1' }, {
      id: 'down-exec',
      value: { action: { type: 'Action.Execute', verb: 'form.meeting', data: { jobbot: 'form', form: 'meeting', citizen: 'C-1043', kind: 'PHONE', date: '2026-11-20' } }, trigger: 'manual' },
    });
    const res = await teams.post(invoke);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(isErrorCard(res.body.value)).toBe(true);
    expect(cardText(res.body.value)).toContain(DOWN_DA);
  });
});
