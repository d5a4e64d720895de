// The Fortryd (undo) button on the platforms (issue 9, item 9): the button a
// logging reply carries in Slack and in Teams takes that change back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../helpers/test-database.js';
import { ANNE_AAD, ANNE_SLACK, startBothPlatforms, type BothPlatforms } from './both-platforms.js';
import { fixture, type SlackHarness } from './slack/slack-harness.js';
import { activity, cardText, type TeamsHarness } from './teams/teams-harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the Fortryd button', () => {
  let p: BothPlatforms;
  let db: Database;
  let slack: SlackHarness;
  let teams: TeamsHarness;

  beforeAll(async () => {
    p = await startBothPlatforms();
    ({ db, slack, teams } = p);
  });
  afterAll(async () => p?.close());

  const meetings = () => db.prisma.meeting.count({ where: { citizen: { ref: 'C-1043' } } });

  it('in Slack: the ephemeral answer to /samtale carries it; pressing it removes the meeting and says so in place', async () => {
    const before = await meetings();
    await slack.command({ user_id: ANNE_SLACK, user_name: 'anne', command: '/samtale', text: 'C-1043 telefon i dag ringede', trigger_id: 'undo-1', response_url: slack.api.responseUrl('undo-1') });
    expect(await meetings()).toBe(before + 1);
    const answer = slack.api.callsTo('response_url').at(-1)!.body as Json;
    const row = (answer.blocks as Json[]).find((b) => b.type === 'actions' && b.elements.some((e: Json) => e.action_id === 'change.undo'));
    expect(row).toBeDefined();
    const button = (row!.elements as Json[]).find((e) => e.action_id === 'change.undo')!;
    expect(button.text.text).toBe('Fortryd');

    const press = fixture<Json>('block-actions');
    await slack.interaction({
      ...press,
      container: { type: 'message', message_ts: '1700000009.000100', channel_id: 'D0ANNE', is_ephemeral: true },
      message: { ...press.message, ts: '1700000009.000100', text: answer.text, blocks: answer.blocks },
      response_url: slack.api.responseUrl('undo-press-1'),
      actions: [{ ...press.actions[0], action_id: button.action_id, block_id: row!.block_id, value: button.value, text: button.text }],
    });
    expect(await meetings()).toBe(before);
    const settled = slack.api.callsTo('response_url').at(-1)!;
    expect(settled.path).toBe('/response/undo-press-1');
    expect(JSON.stringify(settled.body)).toContain('Fortrudt: din ændring med /samtale er taget tilbage.');
  });

  it('in Teams: the card answering a message carries it; its Action.Execute removes the meeting', async () => {
    const before = await meetings();
    const message = activity('personal-message', { serviceUrl: teams.connector.url, user: 'anne', aadObjectId: ANNE_AAD, text: 'samtale C-1043 video i dag opfølgning' }, { id: 'undo-msg-1' });
    expect((await teams.post(message)).status).toBe(200);
    expect(await meetings()).toBe(before + 1);
    const card = teams.connector.calls.filter((c) => c.body?.attachments).at(-1)!.body.attachments[0].content as Json;
    const actions = JSON.stringify(card);
    const value = /"actionId":"change\.undo","value":"([0-9a-f-]{36})"/.exec(actions)?.[1];
    expect(value).toBeDefined();

    const invoke = activity('card-execute-invoke', { serviceUrl: teams.connector.url, user: 'anne', aadObjectId: ANNE_AAD, replyToId: 'undo-card-1' }, {
      id: 'undo-exec-1',
      value: { action: { type: 'Action.Execute', verb: 'change.undo', data: { jobbot: 'action', actionId: 'change.undo', value } }, trigger: 'manual' },
    });
    const res = await teams.post(invoke);
    expect(res.status).toBe(200);
    expect(await meetings()).toBe(before);
    expect(cardText(res.body.value)).toContain('Fortrudt');
  });
});
