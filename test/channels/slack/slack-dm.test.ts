// Slack beyond slash commands, end to end over HTTP with the fake Web API:
// direct messages to the bot (message.im: commands without the slash and
// plain-chat questions), linking the team channel with /jobbot slack-channel,
// CSV exports uploaded to the DM, and CSV imports from a file shared in the DM.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toDbDate } from '../../../src/domain/local-date.js';
import { MONDAY } from '../../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../../helpers/test-database.js';
import { createSchedulerWorld, type SchedulerWorld } from '../../helpers/world.js';
import { startSlackHarness, type SlackHarness } from './slack-harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const USERS = { anne: 'U0ANNE', bo: 'U0BO', mette: 'U0METTE', camilla: 'U0CAMILLA', ida: 'U0IDA', stranger: 'U0STRANGER' } as const;
const DM = { anne: 'D0ANNE', bo: 'D0BO', mette: 'D0METTE', camilla: 'D0CAMILLA', ida: 'D0IDA', stranger: 'D0STRANGER' } as const;
const FIXTURES = new URL('../../fixtures/csv/', import.meta.url);

describe('Slack: direct messages, team channel, CSV files', () => {
  let db: Database;
  let world: SchedulerWorld;
  let h: SlackHarness;
  const logLines: string[] = [];
  let triggers = 0;

  const command = (user: keyof typeof USERS, name: string, text: string, extra: Record<string, string> = {}) => {
    const trigger = extra.trigger_id ?? `dm-trigger-${++triggers}`;
    return h.command({ user_id: USERS[user], user_name: user, command: name, text, trigger_id: trigger, response_url: h.api.responseUrl(trigger), ...extra });
  };
  const lastResponse = (): Json => h.api.callsTo('response_url').at(-1)?.body ?? {};
  const textOf = (message: Json): string => JSON.stringify(message.blocks ?? []) + (message.text ?? '');
  /** The messages the bot posted into a conversation. */
  const postsTo = (channel: string): Json[] => h.api.callsTo('chat.postMessage').filter((c) => c.body.channel === channel).map((c) => c.body);
  /** Asks in the DM and returns the one answer posted there. */
  const ask = async (user: keyof typeof USERS, text: string): Promise<string> => {
    h.api.reset();
    await h.dm(USERS[user], text);
    const posts = postsTo(DM[user]);
    expect(posts, `answers to "${text}"`).toHaveLength(1);
    return textOf(posts[0]!);
  };
  /** A file shared in the DM (message subtype file_share). */
  const shareFile = (user: keyof typeof USERS, file: Record<string, unknown>, text = '') =>
    h.dm(USERS[user], text, { event: { subtype: 'file_share', files: [file], upload: true } });
  const hostFixture = async (id: string, name: string) => h.api.hostFile({ id, name, content: await readFile(new URL(name, FIXTURES)) });

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createSchedulerWorld(db.prisma);
    for (const who of ['anne', 'bo', 'mette', 'camilla', 'ida'] as const) {
      await db.prisma.staff.update({ where: { id: world.staff[who] }, data: { slackUserId: USERS[who] } });
    }
    await db.prisma.citizen.update({ where: { id: world.citizens['C-1042']! }, data: { initials: 'QX' } });
    await db.prisma.citizen.create({ data: { teamId: world.teamId, ref: 'C-3001', caseworkerId: world.staff.ida, nextCheckInOn: toDbDate('2026-11-16') } });
    h = await startSlackHarness(db, { now: MONDAY, adminEmails: ['mette@kommune.dk'], log: (event, fields) => logLines.push(JSON.stringify({ event, ...fields })) });
    h.api.users.set(USERS.stranger, 'someone@elsewhere.dk');
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });
  beforeEach(() => h.api.reset());

  describe('direct messages (message.im)', () => {
    it('answers plain-chat questions in the DM from live data, in Danish and English', async () => {
      const overdue = await ask('anne', 'hvem mangler opfølgning?');
      expect(overdue).toContain('Overskredne opfølgninger for dig');
      expect(overdue).toContain('C-1042');
      expect(overdue).not.toContain('C-2001'); // Bo's

      const english = await ask('ida', 'who is overdue?');
      expect(english).toContain('Overdue follow-ups for you');
      expect(english).toContain('C-3001');
      expect(english).not.toContain('C-1042');

      const timeline = await ask('anne', 'C-1042');
      expect(timeline).toContain('Tidslinje for C-1042');
      expect(await ask('anne', 'hvad skete der med C-1043?')).toContain('Tidslinje for C-1043');

      // A period alone narrows the own caseload to it.
      const week = await ask('anne', 'uge 48');
      expect(week).toContain('Aktivitet i uge 48');
      expect(week).toContain('Sagsstamme: Anne (@anne)');

      const internships = await ask('camilla', 'how many are in an internship?');
      expect(internships).toContain('C-1043');
      expect(internships).toContain('C-2001');

      const caseload = await ask('anne', 'hvordan ser min sagsstamme ud?');
      expect(caseload).toContain('Sagsstamme: Anne (@anne)');
      expect(await ask('mette', 'hvordan går det i teamet?')).toContain('Sagsstamme: team Vest');
    });

    it("keeps the access rules: a caseworker can't see another caseworker's citizen", async () => {
      const answer = await ask('bo', 'C-1042');
      expect(answer).toContain('C-1042 er ikke på din sagsstamme');
      expect(answer).not.toContain('Tidslinje');
      expect(answer).not.toContain('QX');
      expect(await ask('bo', 'hvad skete der med C-1043?')).not.toContain('Tidslinje');
      expect(await ask('anne', 'Bos sager')).toContain('Kun ledere kan gøre det.');
    });

    it('runs commands typed without the slash, and offers the form for a bare command', async () => {
      const before = await db.prisma.meeting.count({ where: { citizenId: world.citizens['C-1043']! } });
      expect(await ask('anne', 'samtale C-1043 telefon i dag')).toContain('C-1043');
      const meetings = await db.prisma.meeting.findMany({ where: { citizenId: world.citizens['C-1043']! }, orderBy: { createdAt: 'desc' } });
      expect(meetings).toHaveLength(before + 1);
      expect(meetings[0]).toMatchObject({ kind: 'PHONE', source: 'SLACK' });
      // The App Home is refreshed after a logged action, as for slash commands.
      expect(h.api.callsTo('views.publish').map((c) => c.body.user_id)).toContain(USERS.anne);

      expect(await ask('bo', 'sager')).toContain('Sagsstamme: Bo (@bo)');

      const prompt = await ask('anne', 'samtale');
      expect(prompt).toContain('"action_id":"meeting.log"');
      expect(h.api.callsTo('views.open')).toHaveLength(0);
    });

    it('is idempotent on the event id: a redelivered message logs and answers once', async () => {
      const before = await db.prisma.meeting.count();
      const first = await h.dm(USERS.bo, 'samtale C-2001 telefon i dag', { eventId: 'Ev0RETRY0001' });
      await h.dm(USERS.bo, 'samtale C-2001 telefon i dag', { eventId: 'Ev0RETRY0001' }, { retryNum: 1 });
      await h.dm(USERS.bo, 'samtale C-2001 telefon i dag', { eventId: first.eventId }, { retryNum: 2 });
      expect(await db.prisma.meeting.count()).toBe(before + 1);
      expect(postsTo(DM.bo)).toHaveLength(1);
    });

    it('ignores bot messages, edits, other subtypes and messages outside the DM', async () => {
      const calls = () => h.api.calls.map((c) => `${c.method} ${JSON.stringify(c.body).slice(0, 80)}`);
      await h.dm(USERS.anne, 'hvem mangler opfølgning?', { event: { bot_id: 'B0OTHER' } });
      await h.dm('U0JOBBOT', 'Dagens opfølgninger', { event: { channel: DM.anne } });
      await h.dm(USERS.anne, 'hvem mangler opfølgning?', { event: { subtype: 'message_changed' } });
      await h.dm(USERS.anne, '', { event: { subtype: 'message_deleted' } });
      await h.dm(USERS.anne, 'hvem mangler opfølgning?', { event: { channel: 'C0VEST01', channel_type: 'channel' } });
      expect(calls()).toEqual([]);
    });

    it('tells an unknown user whom to ask, in the DM', async () => {
      await h.dm(USERS.stranger, 'hvem mangler opfølgning?');
      const posts = postsTo(DM.stranger);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.text).toContain('ikke oprettet i jobbot');
      expect(posts[0]!.text).toContain('mette@kommune.dk');
    });

    it('refuses a CPR number without storing or echoing it, and never logs what was written', async () => {
      const before = await db.prisma.meeting.count();
      const answer = await ask('anne', 'samtale C-1042 i dag 010190-1234');
      expect(answer).toContain('CPR');
      expect(answer).not.toContain('010190');
      expect(await db.prisma.meeting.count()).toBe(before);
      const logged = logLines.join('\n');
      expect(logged).not.toContain('010190');
      expect(logged).not.toContain('hvem mangler');
      expect(logged).not.toContain('C-1042');
    });
  });

  describe('/jobbot slack-channel', () => {
    it('links the team channel where a manager types it; not for caseworkers, not in a DM, not by a typed id', async () => {
      await db.prisma.team.update({ where: { id: world.teamId }, data: { slackChannelId: null } });
      await command('anne', '/jobbot', 'slack-channel', { channel_id: 'C0VEST01', channel_name: 'team-vest' });
      expect(lastResponse().text).toContain('Kun teamets leder eller en administrator');
      await command('mette', '/jobbot', 'slack-channel', { channel_id: DM.mette, channel_name: 'directmessage' });
      expect(lastResponse().text).toContain('Skriv `/jobbot slack-channel` i den Slack-kanal');
      await h.dm(USERS.mette, 'jobbot slack-channel channel:C0EVIL01');
      expect(postsTo(DM.mette)[0]!.text).toContain('Skriv `/jobbot slack-channel` i den Slack-kanal');
      expect((await db.prisma.team.findUniqueOrThrow({ where: { id: world.teamId } })).slackChannelId).toBeNull();

      // A channel id the user types, quoted or not, is never a channel: only the one it was said in counts.
      await h.dm(USERS.mette, 'jobbot slack-channel "channel:C0EVIL01"');
      await command('mette', '/jobbot', 'slack-channel "channel:C0EVIL01"', { channel_id: DM.mette, channel_name: 'directmessage' });
      await command('mette', '/jobbot', 'slack-channel "channel:C0EVIL01"', { channel_id: 'C0VEST01', channel_name: 'team-vest' });
      await command('mette', '/jobbot', 'slack-channel channel:C0EVIL01', { channel_id: 'C0VEST01', channel_name: 'team-vest' });
      expect((await db.prisma.team.findMany({ where: { slackChannelId: 'C0EVIL01' } }))).toHaveLength(0);
      expect((await db.prisma.team.findUniqueOrThrow({ where: { id: world.teamId } })).slackChannelId).toBeNull();

      await command('mette', '/jobbot', 'slack-channel', { channel_id: 'C0VEST01', channel_name: 'team-vest' });
      const linked = lastResponse();
      expect(linked.response_type).toBe('in_channel');
      expect(linked.text).toContain('Denne kanal får nu team Vests ugeoversigt og fejringer');
      expect((await db.prisma.team.findUniqueOrThrow({ where: { id: world.teamId } })).slackChannelId).toBe('C0VEST01');
      expect(await db.prisma.auditLog.count({ where: { action: 'team.slack-channel' } })).toBe(1);
    });

    it('then a job outcome logged by slash command posts exactly one anonymous celebration there', async () => {
      await command('anne', '/resultat', 'C-1042 job hours:37 "Netto Nord"', { channel_id: DM.anne, channel_name: 'directmessage' });
      expect(lastResponse().text).toContain('C-1042');
      const posts = postsTo('C0VEST01');
      expect(posts).toHaveLength(1);
      expect(h.api.callsTo('chat.postMessage')).toHaveLength(1);
      const celebration = JSON.stringify(posts[0]);
      expect(celebration).not.toContain('C-1042');
      expect(celebration).not.toContain('QX');
      expect(celebration).not.toContain('Netto');
      expect(await db.prisma.delivery.count({ where: { kind: 'celebration' } })).toBe(1);
    });
  });

  describe('App Home', () => {
    const audit = async () => (await db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } })).map((a) => a.action);

    it('is not republished, and nothing is audited on its behalf, after commands that change nothing', async () => {
      const before = await audit();
      await command('anne', '/jobbot', 'help', { channel_id: DM.anne, channel_name: 'directmessage' });
      expect(h.api.callsTo('views.publish')).toHaveLength(0);
      expect(await audit()).toEqual(before);

      await command('anne', '/sager', '', { channel_id: DM.anne, channel_name: 'directmessage' });
      expect(textOf(lastResponse())).toContain('Sagsstamme: Anne (@anne)');
      expect(h.api.callsTo('views.publish')).toHaveLength(0);
      // The user's own view of the caseload, and nothing else.
      expect((await audit()).slice(before.length)).toEqual(['caseload.view']);
    });

    it('is refreshed once after a logged meeting, without a caseload view in the audit', async () => {
      const before = await audit();
      await command('ida', '/meeting', 'C-3001 phone today', { channel_id: DM.ida, channel_name: 'directmessage' });
      expect(lastResponse().text).toMatch(/C-3001.*logged/);
      expect(h.api.callsTo('views.publish').map((c) => c.body.user_id)).toEqual([USERS.ida]);
      expect((await audit()).slice(before.length)).not.toContain('caseload.view');
    });

    it('audits an opened App Home once, as dashboard.view', async () => {
      const before = await audit();
      await h.event({ token: 'x', team_id: 'T0JOBCTR', api_app_id: 'A0JOBBOT', type: 'event_callback', event_id: 'Ev0HOME1', event_time: 1700000004, event: { type: 'app_home_opened', user: USERS.anne, channel: DM.anne, tab: 'home', event_ts: '1700000004.000500' } });
      expect(h.api.callsTo('views.publish').map((c) => c.body.user_id)).toEqual([USERS.anne]);
      // One summary row, plus one per citizen the Home names (all under the same action).
      expect(new Set((await audit()).slice(before.length))).toEqual(new Set(['dashboard.view']));
      expect(await db.prisma.auditLog.count({ where: { action: 'dashboard.view', citizenId: null, actorId: { not: null } } })).toBeGreaterThan(0);
    });
  });

  describe('CSV exports', () => {
    const uploadCalls = () => h.api.calls.filter((c) => ['files.getUploadURLExternal', 'file_upload', 'files.completeUploadExternal'].includes(c.method)).map((c) => c.method);

    it('/caseload export: the file goes to the DM only, the channel gets an ephemeral note', async () => {
      await command('mette', '/caseload', 'export', { channel_id: 'C0VEST01', channel_name: 'team-vest' });
      expect(uploadCalls()).toEqual(['files.getUploadURLExternal', 'file_upload', 'files.completeUploadExternal']);
      const [file, ...more] = h.api.uploads();
      expect(more).toHaveLength(0);
      expect(file!.channel).toBe(DM.mette);
      expect(file!.filename).toBe('sagsstamme-vest-2026-11-23.csv');
      expect(file!.initialComment).toContain('Sagsstamme');
      const text = file!.bytes.toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const rows = parse(text, { bom: true, delimiter: ';' }) as string[][];
      expect(rows[0]).toContain('reference');
      // C-1042 went into a job (and so left the caseload) in the test before.
      expect(rows.map((r) => r[0])).toEqual(['reference', 'C-1043', 'C-2001', 'C-3001']);

      const note = lastResponse();
      expect(note.response_type).toBe('ephemeral');
      expect(textOf(note)).toContain('Filen sagsstamme-vest-2026-11-23.csv ligger i din direkte besked med jobbot');
      expect(JSON.stringify(note)).not.toContain('C-1042');
      expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);
    });

    it('/targets export, and "sager eksport" asked in the DM', async () => {
      await command('mette', '/targets', 'export', { channel_id: 'C0VEST01', channel_name: 'team-vest' });
      const [targets] = h.api.uploads();
      expect(targets).toMatchObject({ channel: DM.mette });
      expect(targets!.filename).toMatch(/\.csv$/);
      const rows = parse(targets!.bytes.toString('utf8'), { bom: true, delimiter: ';' }) as string[][];
      expect(rows[0]).toEqual(expect.arrayContaining(['måned', 'måltal', 'mål', 'resultat']));
      expect(textOf(lastResponse())).toContain('ligger i din direkte besked');

      h.api.reset();
      await h.dm(USERS.mette, 'sager eksport');
      const [inDm] = h.api.uploads();
      expect(inDm).toMatchObject({ channel: DM.mette, filename: 'sagsstamme-vest-2026-11-23.csv' });
      expect(postsTo(DM.mette)).toHaveLength(0); // the answer is the file's comment
    });

    it('says so when the upload fails, and a caseworker gets no team export', async () => {
      h.api.failWith('files.getUploadURLExternal', 'not_allowed_token_type');
      await command('mette', '/caseload', 'export', { channel_id: 'C0VEST01', channel_name: 'team-vest' });
      expect(lastResponse().text).toContain('Filen kunne ikke sendes til dig i Slack');
      h.api.failWith('files.getUploadURLExternal', undefined);
      h.api.reset();
      await command('anne', '/caseload', 'export');
      expect(h.api.uploads().every((u) => u.channel === DM.anne)).toBe(true);
    });
  });

  describe('CSV import from a file shared in the DM', () => {
    const batchId = (message: Json): string | undefined => {
      for (const block of message.blocks ?? []) for (const e of block.elements ?? []) if (e.action_id === 'import.apply') return e.value as string;
      return undefined;
    };
    /** Presses the apply button on the preview message, as Slack sends it. */
    const pressApply = (user: keyof typeof USERS, preview: Json, ts: string) => {
      const blocks: Json[] = (preview.blocks as Json[]).map((b, i) => ({ ...b, block_id: `b${i}` }));
      const block = blocks.find((b) => b.type === 'actions')!;
      const button = block.elements[0];
      return h.interaction({
        type: 'block_actions',
        user: { id: USERS[user], username: user, team_id: 'T0JOBCTR' },
        api_app_id: 'A0JOBBOT',
        team: { id: 'T0JOBCTR', domain: 'jobcenter' },
        trigger_id: `apply-trigger-${ts}`,
        container: { type: 'message', message_ts: ts, channel_id: DM[user], is_ephemeral: false },
        channel: { id: DM[user], name: 'directmessage' },
        message: { type: 'message', user: 'U0JOBBOT', bot_id: 'B0JOBBOT', ts, text: preview.text, blocks },
        response_url: h.api.responseUrl(`apply-${ts}`),
        actions: [{ type: 'button', action_id: button.action_id, block_id: block.block_id, value: button.value, text: button.text, action_ts: `${ts}9` }],
      });
    };
    /** The ts Slack gave the last message posted to a conversation. */
    const postedTs = (channel: string) => String(h.api.callsTo('chat.postMessage').filter((c) => c.body.channel === channel).at(-1)?.response?.ts);

    it('previews an uploaded file (downloaded with the bot token), applies it with the button, and a re-upload changes nothing', async () => {
      const file = await hostFixture('F0VALID1', 'caseload-valid.csv');
      await shareFile('mette', file);
      const download = h.api.calls.find((c) => c.method === 'file_download')!;
      expect(download).toMatchObject({ status: 200, body: { authorized: true } });
      const [preview] = postsTo(DM.mette);
      expect(textOf(preview!)).toContain('Import, forhåndsvisning: 5 linjer');
      expect(textOf(preview!)).toContain('Linje 2: C-1001 oprettes');
      expect(await db.prisma.citizen.count({ where: { ref: { startsWith: 'C-100' } } })).toBe(0);
      const id = batchId(preview!);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);

      const ts = postedTs(DM.mette);
      await pressApply('mette', preview!, ts);
      expect(await db.prisma.citizen.count({ where: { ref: { startsWith: 'C-100' } } })).toBe(5);
      const update = h.api.callsTo('chat.update')[0]!.body;
      expect(update).toMatchObject({ channel: DM.mette, ts });
      // In place: the preview stays, the button row now says what happened.
      expect(textOf(update)).toContain('Import, forhåndsvisning: 5 linjer');
      expect(textOf(update)).toContain('Importen er gennemført: 5 borgere oprettet, 0 ændret.');
      expect(JSON.stringify(update.blocks)).not.toContain('import.apply');
      // A double click applies nothing twice.
      await pressApply('mette', preview!, ts);
      expect(await db.prisma.citizen.count({ where: { ref: { startsWith: 'C-100' } } })).toBe(5);

      // The same file again (an event with only the file id: files.info has the rest).
      h.api.reset();
      const before = JSON.stringify(await db.prisma.citizen.findMany({ where: { ref: { startsWith: 'C-100' } }, orderBy: { ref: 'asc' }, include: { placements: true } }));
      await hostFixture('F0VALID2', 'caseload-valid.csv');
      await shareFile('mette', { id: 'F0VALID2', file_access: 'check_file_info' });
      expect(h.api.callsTo('files.info')).toHaveLength(1);
      const [again] = postsTo(DM.mette);
      expect(textOf(again!)).toContain('Uændrede');
      expect(textOf(again!)).toContain('Filen ændrer intet');
      expect(textOf(again!)).toContain('Samme fil blev importeret');
      expect(batchId(again!)).toBeUndefined();
      const second = await db.prisma.importBatch.findFirstOrThrow({ where: { appliedAt: null }, orderBy: { createdAt: 'desc' } });
      await h.dm(USERS.mette, `jobbot import apply ${second.id}`);
      expect(textOf(postsTo(DM.mette).at(-1)!)).toContain('0 borgere oprettet, 0 ændret');
      expect(JSON.stringify(await db.prisma.citizen.findMany({ where: { ref: { startsWith: 'C-100' } }, orderBy: { ref: 'asc' }, include: { placements: true } }))).toBe(before);
    });

    it('rejects a file with a CPR number whole, naming the line, storing and logging nothing of it', async () => {
      const batches = await db.prisma.importBatch.count();
      await shareFile('mette', await hostFixture('F0CPR001', 'caseload-cpr.csv'));
      const [answer] = postsTo(DM.mette);
      expect(textOf(answer!)).toContain('Filen er afvist: linje 3');
      expect(textOf(answer!)).not.toContain('010190');
      expect(await db.prisma.importBatch.count()).toBe(batches);
      expect(await db.prisma.citizen.count({ where: { ref: { startsWith: 'C-400' } } })).toBe(0);
      expect(logLines.join('\n')).not.toContain('010190');
    });

    it('reads a file Danish Excel saved as Windows-1252 ("CSV (semikolonsepareret)")', async () => {
      const text = 'reference;initialer;målgruppe;sagsbehandler\r\nC-5001;ØK;ressourceforløb;bo\r\n';
      await shareFile('mette', h.api.hostFile({ id: 'F0ANSI01', name: 'sagsstamme.csv', content: Buffer.from(text, 'latin1') }));
      const preview = textOf(postsTo(DM.mette)[0]!);
      expect(preview).toContain('Import, forhåndsvisning: 1 linje');
      expect(preview).toContain('Linje 2: C-5001 oprettes');
      expect(preview).toContain('ressourceforløb');
    });

    it('only for managers and admins; one CSV file at a time; other files are not imported', async () => {
      await shareFile('anne', await hostFixture('F0ANNE01', 'caseload-valid.csv'));
      expect(textOf(postsTo(DM.anne)[0]!)).toContain('Kun administratorer og teamets leder kan importere');

      h.api.reset();
      await shareFile('mette', h.api.hostFile({ id: 'F0PNG001', name: 'skærmbillede.png', content: 'png', filetype: 'png', mimetype: 'image/png' }));
      expect(textOf(postsTo(DM.mette)[0]!)).toContain('skærmbillede.png er ikke en CSV-fil');
      expect(h.api.calls.some((c) => c.method === 'file_download')).toBe(false);

      h.api.reset();
      const a = await hostFixture('F0TWO001', 'caseload-valid.csv');
      const b = await hostFixture('F0TWO002', 'caseload-changes.csv');
      await h.dm(USERS.mette, '', { event: { subtype: 'file_share', files: [a, b] } });
      expect(textOf(postsTo(DM.mette)[0]!)).toContain('Upload én CSV-fil ad gangen');

      // /jobbot import as a slash command says where to put the file.
      await command('mette', '/jobbot', 'import');
      expect(lastResponse().text).toContain('Upload CSV-filen til jobbot i en direkte besked');
    });
  });
});
