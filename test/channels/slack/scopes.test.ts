// manifest.json asks for exactly the bot scopes the app uses. Each test below
// drives one kind of flow through the real HTTP endpoint (slash commands, a
// modal, reminders and their buttons, the App Home, DMs, a CSV import and an
// export); the fake Web API records every method called. The last test maps
// the methods called to the scopes they need and compares with the manifest.
// It runs first whichever flows have not run yet (each runs once), so it
// holds alone, in any order, and under a test filter. What the app can call
// is what the fake Slack API answers (fake.webApiMethods; any other method
// fails every Slack test with unknown_method): every one must be called here.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTick } from '../../../src/jobs/schedule.js';
import { MONDAY } from '../../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../../helpers/test-database.js';
import { createSchedulerWorld, type SchedulerWorld } from '../../helpers/world.js';
import { fixture, startSlackHarness, type SlackHarness } from './slack-harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Manifest {
  features: { slash_commands: unknown[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] } };
}

const manifest = JSON.parse(readFileSync(new URL('../../../manifest.json', import.meta.url), 'utf8')) as Manifest;

/** Bot scopes per Web API method (and the non-API calls the fake records). */
const SCOPES_FOR_METHOD: Record<string, readonly string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'conversations.open': ['im:write'],
  // The e-mail on the profile (how a first-time user is linked: the first flow) needs users:read.email too.
  'users.info': ['users:read', 'users:read.email'],
  'files.info': ['files:read'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'views.open': [],
  'views.update': [],
  'views.publish': [],
  /** url_private with the bot token. */
  file_download: ['files:read'],
  /** The upload URL files.getUploadURLExternal handed out. */
  file_upload: [],
  response_url: [],
};

/** Bot scopes per subscribed event. */
const SCOPES_FOR_EVENT: Record<string, readonly string[]> = {
  'message.im': ['im:history'],
  app_home_opened: [],
};

const USERS = { anne: 'U0ANNE', bo: 'U0BO', mette: 'U0METTE' } as const;
const DM = { anne: 'D0ANNE', bo: 'D0BO', mette: 'D0METTE' } as const;
/** 08:00 in Copenhagen on Monday 23 November 2026. */
const MORNING = new Date('2026-11-23T07:00:00Z');

describe('bot scopes: what the app calls, and nothing more', () => {
  let db: Database;
  let world: SchedulerWorld;
  let h: SlackHarness;
  let triggers = 0;
  const command = (user: keyof typeof USERS, name: string, text: string) => {
    const trigger = `scope-trigger-${++triggers}`;
    return h.command({ user_id: USERS[user], user_name: user, command: name, text, trigger_id: trigger, response_url: h.api.responseUrl(trigger) });
  };
  const textOf = (message: Json): string => JSON.stringify(message.blocks ?? []) + (message.text ?? '');

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createSchedulerWorld(db.prisma);
    // Anne and Bo are linked already; Mette is linked by the e-mail on her Slack profile on first use.
    await db.prisma.staff.update({ where: { id: world.staff.anne }, data: { slackUserId: USERS.anne } });
    await db.prisma.staff.update({ where: { id: world.staff.bo }, data: { slackUserId: USERS.bo } });
    h = await startSlackHarness(db, { now: MONDAY, adminEmails: ['mette@kommune.dk'] });
    h.api.users.set(USERS.mette, 'mette@kommune.dk');
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  /**
   * Each flow sets up what it needs, starts from a fake with no calls
   * recorded (methodsUsed() keeps every method across resets) and runs once:
   * its own test runs it, and the scope test runs whichever have not run yet.
   */
  const flows = new Map<string, () => Promise<void>>();
  const ran = new Map<string, Promise<void>>();
  const runFlow = (name: string): Promise<void> => {
    let run = ran.get(name);
    if (!run) {
      h.api.reset();
      run = flows.get(name)!();
      ran.set(name, run);
    }
    return run;
  };
  const flow = (name: string, body: () => Promise<void>) => {
    flows.set(name, body);
    it(name, () => runFlow(name));
  };

  flow('a slash command from someone linked by e-mail on first use, answered through response_url', async () => {
    await db.prisma.staff.update({ where: { id: world.staff.mette }, data: { slackUserId: null } });
    await command('mette', '/sager', '');
    expect(h.api.callsTo('users.info')).toHaveLength(1);
    expect(textOf(h.api.callsTo('response_url').at(-1)!.body)).toContain('Sagsstamme');
    expect((await db.prisma.staff.findUniqueOrThrow({ where: { id: world.staff.mette } })).slackUserId).toBe(USERS.mette);
  });

  flow('a modal from a bare command; its answer goes as an ephemeral message when the response_url has expired', async () => {
    await command('anne', '/samtale', '');
    const view = h.api.callsTo('views.open').at(-1)!.body.view as Json;
    // Picking the citizen rebuilds the modal with their sub-goals (views.update).
    const pick = fixture<Json>('block-actions-view-select');
    await h.interaction({ ...pick, user: { ...pick.user, id: USERS.anne }, view: { ...pick.view, private_metadata: view.private_metadata } });
    expect(h.api.callsTo('views.update')).toHaveLength(1);
    h.api.failWith('response_url', 'expired_url');
    const submission = fixture<Json>('view-submission');
    const res = await h.interaction({
      ...submission,
      user: { ...submission.user, id: USERS.anne },
      view: {
        ...submission.view,
        id: 'V0SCOPE1',
        hash: 's1',
        private_metadata: view.private_metadata,
        state: {
          values: {
            citizen: { citizen: { type: 'static_select', selected_option: { value: 'C-1042' } } },
            kind: { kind: { type: 'static_select', selected_option: { value: 'PHONE' } } },
            date: { date: { type: 'datepicker', selected_date: '2026-11-23' } },
          },
        },
      },
    });
    h.api.failWith('response_url', undefined);
    expect(res.body).toBe('');
    const ephemeral = h.api.callsTo('chat.postEphemeral').at(-1)!.body;
    expect(ephemeral).toMatchObject({ channel: 'C0VEST01', user: USERS.anne });
    expect(textOf(ephemeral)).toContain('C-1042');
  });

  flow('morning reminders open the DM and post there; "Done" updates the reminder in place', async () => {
    await db.prisma.meeting.deleteMany({ where: { citizenId: world.citizens['C-2001']!, source: 'SLACK' } });
    await runTick({ prisma: db.prisma, channels: [h.slack.outbound] }, MORNING);
    expect(h.api.callsTo('conversations.open').map((c) => c.body.users)).toContain(USERS.bo);
    const reminder = h.api.callsTo('chat.postMessage').find((c) => c.body.channel === DM.bo)!;
    const blocks = (reminder.body.blocks as Json[]).map((b, i): Json => ({ ...b, block_id: `rb${i}` }));
    const row = blocks.find((b) => b.type === 'actions' && (b.elements as Json[]).some((e) => e.action_id === 'reminder.done'))!;
    const done = (row.elements as Json[]).find((e) => e.action_id === 'reminder.done')!;
    const base = fixture<Json>('block-actions');
    const ts = String(reminder.response?.ts);
    await h.interaction({
      ...base,
      user: { ...base.user, id: USERS.bo, username: 'bo' },
      container: { type: 'message', message_ts: ts, channel_id: DM.bo, is_ephemeral: false },
      channel: { id: DM.bo, name: 'directmessage' },
      message: { type: 'message', user: 'U0JOBBOT', bot_id: 'B0JOBBOT', ts, text: reminder.body.text, blocks },
      response_url: h.api.responseUrl('scope-done'),
      actions: [{ type: 'button', action_id: 'reminder.done', block_id: row.block_id, value: done.value, text: done.text, action_ts: '1700020000.000100' }],
    });
    expect(h.api.callsTo('chat.update').at(-1)!.body).toMatchObject({ channel: DM.bo, ts });
  });

  flow('the App Home', async () => {
    const base = fixture<Json>('app-home-opened');
    await h.event({ ...base, event_id: 'Ev0SCOPEHOME', event: { ...base.event, user: USERS.anne } });
    expect(h.api.callsTo('views.publish').at(-1)!.body.user_id).toBe(USERS.anne);
  });

  flow('a question in the DM, answered there (message.im)', async () => {
    await h.dm(USERS.anne, 'hvem mangler opfølgning?');
    const answer = h.api.callsTo('chat.postMessage').at(-1)!.body;
    expect(answer.channel).toBe(DM.anne);
    expect(textOf(answer)).toContain('Overskredne opfølgninger for dig');
  });

  flow('a CSV file shared in the DM: files.info, then the file with the bot token', async () => {
    await db.prisma.staff.update({ where: { id: world.staff.mette }, data: { slackUserId: USERS.mette } });
    const file = h.api.hostFile({ id: 'F0SCOPE1', name: 'sagsstamme.csv', content: 'reference;initialer;målgruppe;sagsbehandler\nC-6001;AB;jobparat;bo\n' });
    await h.dm(USERS.mette, '', { event: { subtype: 'file_share', files: [{ id: file.id, file_access: 'check_file_info' }], upload: true } });
    expect(h.api.callsTo('files.info')).toHaveLength(1);
    expect(h.api.callsTo('file_download')).toHaveLength(1);
    expect(textOf(h.api.callsTo('chat.postMessage').at(-1)!.body)).toContain('C-6001');
  });

  flow('an export, uploaded into the DM', async () => {
    await db.prisma.staff.update({ where: { id: world.staff.mette }, data: { slackUserId: USERS.mette } });
    await command('mette', '/caseload', 'export');
    expect(h.api.uploads().map((u) => u.channel)).toContain(DM.mette);
  });

  it('the manifest asks for the scopes those calls need, plus commands and im:history, and no more', async () => {
    for (const name of flows.keys()) await runFlow(name);
    const used = h.api.methodsUsed();
    expect([...used].filter((m) => !(m in SCOPES_FOR_METHOD)), 'methods with no scope mapping').toEqual([]);
    // Every Web API method the app can call (what the fake answers) was called above.
    expect(h.api.webApiMethods.length).toBeGreaterThan(5);
    expect(h.api.webApiMethods.filter((m) => !used.has(m)), 'answered by the fake Slack API but not called here').toEqual([]);

    const needed = new Set([...used].flatMap((m) => SCOPES_FOR_METHOD[m] ?? []));
    if (manifest.features.slash_commands.length) needed.add('commands');
    for (const event of manifest.settings.event_subscriptions.bot_events) {
      expect(SCOPES_FOR_EVENT[event], `scope mapping for the ${event} event`).toBeDefined();
      for (const scope of SCOPES_FOR_EVENT[event] ?? []) needed.add(scope);
    }
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });
});
