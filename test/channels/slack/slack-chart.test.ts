// The team chart through Slack (issue 14): the weekly digest is posted to the
// team channel with the chart uploaded right under it (files.getUploadURLExternal,
// upload, files.completeUploadExternal into the same channel, with alt text), and
// a manager's /milestone goes from a private preview to a channel post with
// the chart by pressing its button. Over HTTP against the fake Web API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runTick } from '../../../src/jobs/schedule.js';
import { MONDAY } from '../../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../../helpers/test-database.js';
import { createSchedulerWorld, type SchedulerWorld } from '../../helpers/world.js';
import { fixture, startSlackHarness, type SlackHarness } from './slack-harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const USERS = { anne: 'U0ANNE', mette: 'U0METTE' } as const;
const CHANNEL = 'C0VEST01';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('Slack: the team chart in the digest and in milestone posts', () => {
  let db: Database;
  let world: SchedulerWorld;
  let h: SlackHarness;
  const postsTo = (channel: string): Json[] => h.api.callsTo('chat.postMessage').filter((c) => c.body.channel === channel).map((c) => c.body);
  /** The team channel's post and the upload steps, in the order they were called (DMs left out). */
  const uploadSteps = () =>
    h.api.calls
      .filter((c) => (c.method === 'chat.postMessage' && c.body.channel === CHANNEL) || ['files.getUploadURLExternal', 'file_upload', 'files.completeUploadExternal'].includes(c.method))
      .map((c) => c.method);

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createSchedulerWorld(db.prisma);
    for (const who of ['anne', 'mette'] as const) await db.prisma.staff.update({ where: { id: world.staff[who] }, data: { slackUserId: USERS[who] } });
    await db.prisma.team.update({ where: { id: world.teamId }, data: { slackChannelId: CHANNEL } });
    h = await startSlackHarness(db, { now: MONDAY, adminEmails: [] });
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });
  beforeEach(() => h.api.reset());

  it('posts the digest to the team channel and uploads the chart PNG under it, with alt text', async () => {
    await runTick({ prisma: db.prisma, channels: [h.slack.outbound] }, new Date('2026-11-23T08:00:00Z'));
    const [digest, ...more] = postsTo(CHANNEL);
    expect(more).toEqual([]);
    expect(JSON.stringify(digest)).toContain('Ugens tal');
    // The post first, then the picture into the same channel.
    expect(uploadSteps()).toEqual(['chat.postMessage', 'files.getUploadURLExternal', 'file_upload', 'files.completeUploadExternal']);
    const [chart, ...others] = h.api.uploads();
    expect(others).toEqual([]);
    expect(chart).toMatchObject({ filename: 'maaltal-2026-11.png', channel: CHANNEL });
    expect(chart!.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(chart!.bytes.length).toBeGreaterThan(5_000);
    const requested = h.api.callsTo('files.getUploadURLExternal')[0]!.body;
    expect(String(requested.alt_txt ?? requested.alt_text)).toContain('Praktikstarter: 2 af 4');
    expect(await db.prisma.delivery.count({ where: { kind: 'digest', status: 'SENT', channel: 'slack' } })).toBe(1);
  });

  it("previews /milestone privately and posts it with the chart when the manager presses the button", async () => {
    await h.command({ user_id: USERS.mette, user_name: 'mette', command: '/milestone', text: 'Flot uge, alle sammen', channel_id: CHANNEL, channel_name: 'vest', trigger_id: 'ms-1', response_url: h.api.responseUrl('ms-1') });
    const preview = h.api.callsTo('response_url').at(-1)!.body;
    expect(preview.response_type).toBe('ephemeral');
    expect(JSON.stringify(preview)).toContain('Forhåndsvisning');
    expect(postsTo(CHANNEL)).toEqual([]);
    expect(h.api.uploads()).toEqual([]);
    const button = (preview.blocks as Json[]).flatMap((b) => (b.type === 'actions' ? (b.elements as Json[]).map((e): Json => ({ ...e, block_id: 'ms-actions' })) : []))[0]!;
    expect(button.action_id).toBe('milestone.post');

    const base = fixture<Json>('block-actions');
    await h.interaction({
      ...base,
      user: { ...base.user, id: USERS.mette, username: 'mette' },
      trigger_id: 'ms-press-1',
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: CHANNEL, is_ephemeral: true },
      channel: { id: CHANNEL, name: 'vest' },
      response_url: h.api.responseUrl('ms-press-1'),
      actions: [{ type: 'button', action_id: button.action_id, block_id: button.block_id, value: button.value, text: button.text, action_ts: '1700000001.000200' }],
    });
    const [post, ...more] = postsTo(CHANNEL);
    expect(more).toEqual([]);
    expect(JSON.stringify(post)).toContain('„Flot uge, alle sammen“ – Mette');
    expect(JSON.stringify(post)).not.toMatch(/C-\d/);
    const [chart] = h.api.uploads();
    expect(chart).toMatchObject({ filename: 'maaltal-2026-11.png', channel: CHANNEL });
    expect(await db.prisma.delivery.count({ where: { kind: 'milestone', status: 'SENT' } })).toBe(1);
  });
});
