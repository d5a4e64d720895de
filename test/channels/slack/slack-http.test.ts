// The Slack channel end to end over HTTP: signed Slack-format requests in,
// database rows and recorded Web API / response_url calls out.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { okReply } from '../../../src/domain/reply.js';
import { createTeamFixture, MONDAY, type TeamFixture } from '../../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../../helpers/test-database.js';
import { fixture, sign, startSlackHarness, type SlackHarness } from './slack-harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const USERS = { anne: 'U0ANNE', bo: 'U0BO', mette: 'U0METTE', camilla: 'U0CAMILLA', ida: 'U0IDA', karl: 'U0KARL', stranger: 'U0STRANGER' } as const;

describe('Slack over HTTP', () => {
  let db: Database;
  let team: TeamFixture;
  let h: SlackHarness;
  let triggers = 0;

  /** A slash command as Slack sends it; the response_url points at the fake. */
  const command = (user: keyof typeof USERS, name: string, text: string, extra: Record<string, string> = {}, options = {}) => {
    const trigger = extra.trigger_id ?? `trigger-${++triggers}`;
    return h.command({ user_id: USERS[user], user_name: user, command: name, text, trigger_id: trigger, response_url: h.api.responseUrl(trigger), ...extra }, options);
  };
  /** What the last response_url post said, as plain text (section and field texts). */
  const lastResponse = (): Json => {
    const posts = h.api.callsTo('response_url');
    return posts[posts.length - 1]?.body ?? {};
  };
  const textOf = (message: Json): string => JSON.stringify(message.blocks ?? []) + (message.text ?? '');
  /** A view_submission of the jobbot form, as Slack posts it when the user presses the submit button. */
  const submitView = (user: keyof typeof USERS, view: { id: string; hash: string; privateMetadata: string }, values: Json) => {
    const submission = fixture<Json>('view-submission');
    return h.interaction({
      ...submission,
      user: { ...submission.user, id: USERS[user], username: user, name: user },
      view: { ...submission.view, id: view.id, hash: view.hash, private_metadata: view.privateMetadata, state: { values } },
    });
  };
  const meetingValues = (ref: string, type = 'static_select'): Json => ({
    citizen: { citizen: { type, selected_option: { value: ref } } },
    kind: { kind: { type: 'static_select', selected_option: { value: 'PHONE' } } },
    date: { date: { type: 'datepicker', selected_date: '2026-11-23' } },
    note: { note: { type: 'plain_text_input', value: 'ringede om praktik' } },
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    team = await createTeamFixture(db.prisma);
    await db.prisma.staff.update({ where: { id: team.staff.anne }, data: { slackUserId: USERS.anne } });
    await db.prisma.staff.update({ where: { id: team.staff.bo }, data: { slackUserId: USERS.bo } });
    await db.prisma.staff.update({ where: { id: team.staff.camilla }, data: { slackUserId: USERS.camilla } });
    await db.prisma.team.update({ where: { id: team.teamId }, data: { slackChannelId: 'C0VEST01' } });
    h = await startSlackHarness(db, { now: MONDAY, adminEmails: ['mette@kommune.dk'] });
    // Mette and Ida are linked on first use by the e-mail on their Slack profile.
    h.api.users.set(USERS.mette, 'Mette@Kommune.dk');
    h.api.users.set(USERS.ida, 'ida@kommune.dk');
    h.api.users.set(USERS.stranger, 'someone@elsewhere.dk');
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });
  beforeEach(() => h.api.reset());

  it('checks the bot token once at start (auth.test) and answers /healthz', async () => {
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
    const get = await fetch(`${h.url}/slack/events`);
    expect(get.status).toBe(405);
  });

  describe('signatures', () => {
    it('rejects a bad signature with 401 and changes nothing', async () => {
      const before = await db.prisma.citizen.count();
      const res = await command('anne', '/borger', 'opret C-9001', {}, { signature: sign('wrong-secret', Math.floor(Date.now() / 1000), 'x') });
      expect(res.status).toBe(401);
      expect(await db.prisma.citizen.count()).toBe(before);
      expect(h.api.calls).toHaveLength(0);
    });

    it('rejects a timestamp older than 5 minutes with 401, even when correctly signed', async () => {
      const before = await db.prisma.citizen.count();
      const res = await command('anne', '/borger', 'opret C-9002', {}, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
      expect(res.status).toBe(401);
      expect(await db.prisma.citizen.count()).toBe(before);
      expect(h.api.calls).toHaveLength(0);
    });
  });

  describe('identity', () => {
    it('tells an unknown Slack user whom to ask, and does nothing else', async () => {
      const before = { citizens: await db.prisma.citizen.count(), audit: await db.prisma.auditLog.count() };
      const res = await command('stranger', '/borger', 'opret C-9003');
      expect(res.status).toBe(200);
      expect(h.api.callsTo('users.info')).toHaveLength(1);
      const reply = lastResponse();
      expect(reply.text).toContain('ikke oprettet i jobbot');
      expect(reply.text).toContain('mette@kommune.dk');
      expect(reply.response_type).toBe('ephemeral');
      expect(await db.prisma.citizen.count()).toBe(before.citizens);
      expect(await db.prisma.auditLog.count()).toBe(before.audit);
      expect(h.api.callsTo('views.publish')).toHaveLength(0);
    });

    it('links a staff member by the e-mail on their Slack profile on first use', async () => {
      await command('mette', '/sager', '');
      const mette = await db.prisma.staff.findUniqueOrThrow({ where: { id: team.staff.mette } });
      expect(mette.slackUserId).toBe(USERS.mette);
      expect(textOf(lastResponse())).toContain('Sagsstamme: team Vest');
      // Second time: no users.info, the link is in the database.
      h.api.reset();
      await command('mette', '/sager', '');
      expect(h.api.callsTo('users.info')).toHaveLength(0);
    });

    it('lets an admin link a Slack user by hand with /jobbot link', async () => {
      const olga = await db.prisma.staff.findUniqueOrThrow({ where: { handle: 'olga' } });
      expect(olga.slackUserId).toBeNull();
      await command('mette', '/jobbot', 'link <@U0OLGA|olga> olga');
      expect(lastResponse().text).toContain('@olga er nu forbundet');
      expect((await db.prisma.staff.findUniqueOrThrow({ where: { handle: 'olga' } })).slackUserId).toBe('U0OLGA');
      // Not for caseworkers.
      await command('anne', '/jobbot', 'link <@U0OTHER|x> bo');
      expect(lastResponse().text).toContain('Kun administratorer');
      expect((await db.prisma.staff.findUniqueOrThrow({ where: { id: team.staff.bo } })).slackUserId).toBe(USERS.bo);
    });
  });

  describe('every slash command', () => {
    it('/citizen and /borger add and show citizens', async () => {
      await command('anne', '/citizen', 'add C-1042 initials:AB');
      expect(lastResponse().text).toContain('C-1042 er oprettet');
      await command('anne', '/borger', 'opret C-1043 initials:CD group:aktivitetsparat');
      await command('bo', '/borger', 'opret C-2001 initials:EF');
      expect(await db.prisma.citizen.count({ where: { teamId: team.teamId } })).toBeGreaterThanOrEqual(3);
      await command('anne', '/borger', 'C-1042');
      const card = lastResponse();
      expect(textOf(card)).toContain('Borger C-1042 (AB)');
      // The card's button carries the action id from the Reply model.
      expect(JSON.stringify(card.blocks)).toContain('"action_id":"meeting.log"');
    });

    it('/meeting and /samtale log meetings', async () => {
      await command('anne', '/meeting', 'C-1042 phone yesterday');
      expect(lastResponse().text).toContain('C-1042');
      await command('anne', '/samtale', 'C-1043 trepart i dag 45m aftalt praktik');
      expect(lastResponse().text).toContain('Trepartssamtale med C-1043');
      const meetings = await db.prisma.meeting.findMany({ where: { citizen: { ref: { in: ['C-1042', 'C-1043'] } } } });
      expect(meetings.map((m) => m.source)).toEqual(['SLACK', 'SLACK']);
      // The App Home is refreshed after each logged action.
      expect(h.api.callsTo('views.publish').map((c) => c.body.user_id)).toContain(USERS.anne);
    });

    it('/placement and /praktik start, follow up and end placements', async () => {
      await command('anne', '/placement', 'start C-1042 "Netto Nord" praktik');
      expect(lastResponse().text).toContain('Netto Nord');
      await command('anne', '/praktik', 'opfølgning C-1042 fortsæt');
      expect(lastResponse().text).toContain('Forløbsopfølgning for C-1042');
      await command('anne', '/praktik', 'afslut C-1042 gennemført');
      expect((await db.prisma.placement.findFirstOrThrow({ where: { company: 'Netto Nord' } })).status).toBe('ENDED');
    });

    it('/virksomhed and /company add a company with its fixed contact (a Slack mention), show it, and ask "mente du"', async () => {
      await command('camilla', '/virksomhed', 'add "Bygma Vest" cvr:12345674 kontakt:<@U0CAMILLA|camilla>');
      expect(textOf(lastResponse())).toContain('Bygma Vest er oprettet i virksomhedsregisteret.');
      expect(await db.prisma.company.findFirst({ where: { name: 'Bygma Vest' } })).toMatchObject({ contactId: team.staff.camilla, cvr: '12345674', source: 'SLACK' });
      await command('camilla', '/company', '"bygma vest"');
      expect(textOf(lastResponse())).toContain('Camilla (@camilla)');
      await command('camilla', '/virksomhed', 'add "Bygma Vset"');
      expect(textOf(lastResponse())).toContain('Mente du Bygma Vest?');
      expect(await db.prisma.company.count({ where: { name: { startsWith: 'Bygma' } } })).toBe(1);
    });

    it('/outcome and /resultat record outcomes; a job is celebrated in the team channel without citizen details', async () => {
      await command('anne', '/outcome', 'C-1043 hours 12');
      expect(lastResponse().text).toContain('C-1043');
      h.api.reset();
      await command('anne', '/resultat', 'C-1042 job hours:37 "Netto Nord"');
      expect(lastResponse().text).toContain('C-1042');
      const posts = h.api.callsTo('chat.postMessage');
      expect(posts).toHaveLength(1);
      expect(posts[0]!.body.channel).toBe('C0VEST01');
      expect(JSON.stringify(posts[0]!.body)).not.toContain('C-1042');
      expect(JSON.stringify(posts[0]!.body)).not.toContain('Netto');
      expect(await db.prisma.outcome.count()).toBe(2);
    });

    it('/caseload and /sager show the caseload', async () => {
      await command('bo', '/caseload', '');
      expect(textOf(lastResponse())).toContain('Sagsstamme: Bo (@bo)');
      await command('bo', '/sager', '');
      expect(textOf(lastResponse())).toContain('Aktive borgere');
      expect(textOf(lastResponse())).toContain('Parathed');
    });

    it('/target and /targets set and show monthly targets', async () => {
      await command('mette', '/target', 'praktikstarter 12');
      expect(lastResponse().text).toContain('12');
      await command('anne', '/targets', '');
      expect(textOf(lastResponse())).toContain('praktikstarter');
      expect(await db.prisma.monthlyTarget.count()).toBe(1);
      // A person's own target on a pipeline measure (issue 14).
      await command('mette', '/måltal', 'delmål 3 @anne');
      expect(lastResponse().text).toContain('Målet for delmål nået for @anne');
      await command('anne', '/targets', '');
      expect(textOf(lastResponse())).toContain('delmål nået (@anne): 0 af 3');
    });

    it('/jobbot help answers with its usage', async () => {
      await command('anne', '/jobbot', 'help');
      expect(textOf(lastResponse())).toContain('/jobbot staff list');
      await command('anne', '/jobbot', '');
      expect(textOf(lastResponse())).toContain('/jobbot staff list');
      expect(h.api.callsTo('views.open')).toHaveLength(0);
    });

    it('refuses a CPR number without storing or echoing it', async () => {
      const before = await db.prisma.meeting.count();
      await command('anne', '/samtale', 'C-1042 i dag 010190-1234');
      expect(lastResponse().text).toContain('CPR');
      expect(JSON.stringify(lastResponse())).not.toContain('010190');
      expect(await db.prisma.meeting.count()).toBe(before);
    });
  });

  describe('retries and double clicks', () => {
    it('a retried command (same trigger_id, X-Slack-Retry-Num) creates nothing twice', async () => {
      const before = await db.prisma.meeting.count();
      const fields = { trigger_id: 'retry-trigger-1' };
      await command('bo', '/samtale', 'C-2001 telefon i dag', fields);
      await command('bo', '/samtale', 'C-2001 telefon i dag', fields, { retryNum: 1 });
      await command('bo', '/samtale', 'C-2001 telefon i dag', fields, { retryNum: 2 });
      expect(await db.prisma.meeting.count()).toBe(before + 1);
      // Each delivery still gets the answer (the original one, replayed).
      const answers = h.api.callsTo('response_url').map((c) => c.body.text as string);
      expect(answers).toHaveLength(3);
      expect(new Set(answers).size).toBe(1);
    });
  });

  describe('modals', () => {
    it('a command without arguments opens a modal with only the own caseload, dates default to today', async () => {
      await command('anne', '/samtale', '', { trigger_id: 'modal-trigger-1' });
      const opened = h.api.callsTo('views.open');
      expect(opened).toHaveLength(1);
      expect(opened[0]!.body.trigger_id).toBe('modal-trigger-1');
      const view = opened[0]!.body.view as Json;
      expect(view.type).toBe('modal');
      expect(view.callback_id).toBe('jobbot.form');
      const citizen = view.blocks.find((b: Json) => b.block_id === 'citizen');
      const refs = citizen.element.options.map((o: Json) => o.value);
      expect(refs).toContain('C-1043');
      expect(refs).not.toContain('C-2001'); // Bo's citizen
      const date = view.blocks.find((b: Json) => b.block_id === 'date');
      expect(date.element).toMatchObject({ type: 'datepicker', initial_date: '2026-11-23' });
      expect(h.api.callsTo('response_url')).toHaveLength(0);
    });

    it('round trip: field errors come back on the field, a valid submission logs the meeting once', async () => {
      await command('anne', '/samtale', '', { trigger_id: 'modal-trigger-2' });
      const view = h.api.callsTo('views.open')[0]!.body.view as Json;
      const submission = fixture<Json>('view-submission');
      const submit = (values: Json, hash: string) =>
        h.interaction({
          ...submission,
          user: { ...submission.user, id: USERS.anne },
          view: { ...submission.view, id: 'V0MODAL2', hash, private_metadata: view.private_metadata, state: { values } },
        });
      const values = (date: string, note?: string): Json => ({
        citizen: { citizen: { type: 'static_select', selected_option: { value: 'C-1043' } } },
        kind: { kind: { type: 'static_select', selected_option: { value: 'THREE_PARTY' } } },
        date: { date: { type: 'datepicker', selected_date: date } },
        duration: { duration: { type: 'number_input', value: '30' } },
        next: { next: { type: 'datepicker', selected_date: null } },
        note: { note: { type: 'plain_text_input', value: note ?? null } },
      });
      const before = await db.prisma.meeting.count({ where: { citizen: { ref: 'C-1043' } } });

      const bad = await submit(values('2026-11-30', 'aftale: ok'), 'hash-1');
      expect(bad.status).toBe(200);
      const errors = JSON.parse(bad.body) as Json;
      expect(errors.response_action).toBe('errors');
      expect(Object.keys(errors.errors).sort()).toEqual(['date']);
      expect(errors.errors.date).toContain('fremtiden');
      expect(await db.prisma.meeting.count({ where: { citizen: { ref: 'C-1043' } } })).toBe(before);

      // A note is stored exactly as typed: a "word:", a leading number and quotes are no problem for a form.
      const note = 'aftale: 3 ting hos "Netto" – «praktik»';
      const good = await submit(values('2026-11-20', note), 'hash-2');
      expect(good.status).toBe(200);
      expect(good.body).toBe('');
      const again = await submit(values('2026-11-20', note), 'hash-2');
      expect(again.status).toBe(200);
      const meetings = await db.prisma.meeting.findMany({ where: { citizen: { ref: 'C-1043' } }, orderBy: { createdAt: 'desc' } });
      expect(meetings).toHaveLength(before + 1);
      expect(meetings[0]).toMatchObject({ kind: 'THREE_PARTY', durationMinutes: 30, note, source: 'SLACK' });
      expect(meetings[0]!.heldOn.toISOString().slice(0, 10)).toBe('2026-11-20');
      // The answer goes to the command's response_url, kept in the modal's metadata.
      const answer = h.api.callsTo('response_url').at(-1)!;
      expect(answer.path).toBe('/response/modal-trigger-2');
      expect(answer.body.text).toContain('Trepartssamtale med C-1043');
    });

    it('every form command opens its modal: /praktik, /resultat, /borger, /target, /praktik opfølgning', async () => {
      await command('anne', '/praktik', '');
      await command('anne', '/resultat', '');
      await command('anne', '/borger', '');
      await command('mette', '/target', '');
      await command('anne', '/praktik', 'opfølgning');
      const titles = h.api.callsTo('views.open').map((c) => (c.body.view as Json).title.text);
      expect(titles).toEqual(['Start forløb', 'Registrér resultat', 'Opret borger', 'Sæt måltal', 'Forløbsopfølgning']);
    });

    it('a placement form submission starts the placement', async () => {
      await command('anne', '/praktik', '', { trigger_id: 'modal-trigger-3' });
      const view = h.api.callsTo('views.open')[0]!.body.view as Json;
      const submission = fixture<Json>('view-submission');
      await h.interaction({
        ...submission,
        user: { ...submission.user, id: USERS.anne },
        view: {
          ...submission.view,
          id: 'V0MODAL3',
          hash: 'h3',
          private_metadata: view.private_metadata,
          state: {
            values: {
              citizen: { citizen: { type: 'static_select', selected_option: { value: 'C-1043' } } },
              company: { company: { type: 'plain_text_input', value: 'Fakta "Syd" A/S' } },
              type: { type: { type: 'static_select', selected_option: { value: 'WAGE_SUBSIDY_PRIVATE' } } },
              from: { from: { type: 'datepicker', selected_date: '2026-11-23' } },
              days: { days: { type: 'number_input', value: null } },
              hours: { hours: { type: 'number_input', value: '25,5' } },
            },
          },
        },
      });
      const placement = await db.prisma.placement.findFirstOrThrow({ where: { company: 'Fakta "Syd" A/S' } });
      expect(placement.type).toBe('WAGE_SUBSIDY_PRIVATE');
      expect(Number(placement.weeklyHours)).toBe(25.5);
    });

    it("the target form: the team's and each person's measures in one modal, saved together from Slack's view_submission", async () => {
      await command('mette', '/måltal', '', { trigger_id: 'modal-trigger-targets' });
      const view = h.api.callsTo('views.open')[0]!.body.view as Json;
      const blocks = view.blocks as Json[];
      expect(blocks.length).toBeLessThanOrEqual(100);
      // A heading per section, then a number input per measure: the team's, then Anne's, Bo's, …
      expect(blocks.filter((b) => b.type === 'header').map((b) => b.text.text)).toEqual(['Teamet', '@anne', '@bo', '@camilla', '@ida']);
      const anneField = `person:${team.staff.anne}:SUB_GOALS_REACHED`;
      const anne = blocks.find((b) => b.block_id === anneField)!;
      expect(anne).toMatchObject({ type: 'input', optional: true, label: { text: 'Delmål nået (@anne)' }, element: { type: 'number_input', action_id: anneField, is_decimal_allowed: false } });
      h.api.reset();

      // What Slack posts back: every input block in state.values, blank number inputs as null.
      const number = (id: string, value: string | null) => ({ [id]: { [id]: { type: 'number_input', value } } });
      const values = {
        month: { month: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'December 2026' }, value: '2026-12' } } },
        ...number('team:PLACEMENT_STARTS', '6'),
        ...number('team:MEETINGS', null),
        ...number(anneField, '4'),
        ...number(`person:${team.staff.camilla}:PLACEMENTS_RETAINED`, '2'),
        ...number(`person:${team.staff.bo}:READINESS_MOVES`, null),
      };
      const res = await submitView('mette', { id: 'V0TARGETS', hash: 'hash-t1', privateMetadata: String(view.private_metadata) }, values);
      expect(res.body).toBe('');
      expect(await db.prisma.monthlyTarget.findMany({ where: { teamId: team.teamId, month: new Date('2026-12-01T00:00:00Z') }, select: { metric: true, target: true } })).toEqual([{ metric: 'PLACEMENT_STARTS', target: 6 }]);
      const people = await db.prisma.staffMonthlyTarget.findMany({ where: { month: new Date('2026-12-01T00:00:00Z') }, orderBy: { target: 'asc' }, select: { staffId: true, metric: true, target: true } });
      expect(people).toEqual([
        { staffId: team.staff.camilla, metric: 'PLACEMENTS_RETAINED', target: 2 },
        { staffId: team.staff.anne, metric: 'SUB_GOALS_REACHED', target: 4 },
      ]);
      expect(lastResponse().text).toContain('Måltal for december 2026 er gemt: 3 ændringer.');

      // A wrong number stays on the modal beside its field; nothing is saved.
      const wrong = JSON.parse((await submitView('mette', { id: 'V0TARGETS', hash: 'hash-t2', privateMetadata: String(view.private_metadata) }, { ...values, ...number(anneField, '4.5') })).body) as Json;
      expect(wrong).toMatchObject({ response_action: 'errors', errors: { [anneField]: expect.stringContaining('helt tal') } });
    });

    it("a citizen on someone else's caseload keeps the modal open with the error on the citizen field and writes nothing", async () => {
      await command('anne', '/samtale', '', { trigger_id: 'modal-trigger-4' });
      const privateMetadata = String((h.api.callsTo('views.open')[0]!.body.view as Json).private_metadata);
      h.api.reset();
      const before = { meetings: await db.prisma.meeting.count(), audit: await db.prisma.auditLog.count({ where: { NOT: { action: { endsWith: '.refused' } } } }) };

      // C-2001 is Bo's: the router refuses it. The modal stays open with what Anne typed, the error beside the citizen.
      const refused = await submitView('anne', { id: 'V0MODAL4', hash: 'hash-4a', privateMetadata }, meetingValues('C-2001'));
      expect(refused.status).toBe(200);
      const body = JSON.parse(refused.body) as Json;
      expect(body.response_action).toBe('errors');
      expect(Object.keys(body.errors)).toEqual(['citizen']);
      expect(body.errors.citizen).toContain('C-2001 er ikke på din sagsstamme');
      // No separate private message, no meeting, no trace of a change.
      expect(h.api.calls.map((c) => c.method)).toEqual([]);
      expect(await db.prisma.meeting.count()).toBe(before.meetings);
      // Only the refused attempt is recorded (who, which citizen, why).
      expect(await db.prisma.auditLog.count({ where: { NOT: { action: { endsWith: '.refused' } } } })).toBe(before.audit);

      // A citizen that does not exist: the same, with its own message.
      const unknown = JSON.parse((await submitView('anne', { id: 'V0MODAL4', hash: 'hash-4b', privateMetadata }, meetingValues('C-9999'))).body) as Json;
      expect(unknown).toMatchObject({ response_action: 'errors', errors: { citizen: expect.stringContaining('C-9999') } });
      expect(await db.prisma.meeting.count()).toBe(before.meetings);

      // Fixed: the modal closes (empty ack), the meeting is logged once, the answer comes privately.
      const fixed = await submitView('anne', { id: 'V0MODAL4', hash: 'hash-4c', privateMetadata }, meetingValues('C-1043'));
      expect(fixed.body).toBe('');
      expect(await db.prisma.meeting.count()).toBe(before.meetings + 1);
      expect(await db.prisma.meeting.count({ where: { citizen: { ref: 'C-1043' }, kind: 'PHONE', note: 'ringede om praktik' } })).toBe(1);
      const answer = h.api.callsTo('response_url').at(-1)!;
      expect(answer.path).toBe('/response/modal-trigger-4');
      expect(answer.body.text).toContain('C-1043');
    });

    it('an unknown Slack user submitting a modal is told whom to ask, on the modal, and nothing is written', async () => {
      const before = { meetings: await db.prisma.meeting.count(), audit: await db.prisma.auditLog.count() };
      const privateMetadata = JSON.stringify({ form: 'meeting', locale: 'da', responseUrl: h.api.responseUrl('stranger-form') });
      const res = await submitView('stranger', { id: 'V0STRANGER', hash: 'hash-s1', privateMetadata }, meetingValues('C-1043'));
      expect(res.status).toBe(200);
      const body = JSON.parse(res.body) as Json;
      expect(body.response_action).toBe('errors');
      const message = Object.values(body.errors as Record<string, string>).join(' ');
      expect(message).toContain('ikke oprettet i jobbot');
      expect(message).toContain('mette@kommune.dk');
      expect(await db.prisma.meeting.count()).toBe(before.meetings);
      expect(await db.prisma.auditLog.count()).toBe(before.audit);
      expect(h.api.callsTo('views.publish')).toHaveLength(0);
    });
  });

  describe('buttons', () => {
    it('"Log meeting" on a reminder opens the meeting modal pre-filled with the citizen', async () => {
      const payload = fixture<Json>('block-actions');
      await h.interaction({ ...payload, actions: [{ ...payload.actions[0], action_id: 'meeting.log', value: 'C-1043' }] });
      const view = h.api.callsTo('views.open')[0]!.body.view as Json;
      expect(view.title.text).toBe('Log samtale');
      const citizen = view.blocks.find((b: Json) => b.block_id === 'citizen');
      expect(citizen.element.initial_option.value).toBe('C-1043');
    });

    it('an unknown action answers privately and leaves the reminder alone', async () => {
      const payload = fixture<Json>('block-actions');
      await h.interaction({ ...payload, response_url: h.api.responseUrl('unknown-action'), actions: [{ ...payload.actions[0], action_id: 'no.such.action' }] });
      expect(h.api.callsTo('chat.update')).toHaveLength(0);
      expect(h.api.callsTo('response_url')[0]!.body.replace_original).toBe(false);
    });
  });

  describe('App Home', () => {
    it('shows the dashboard on app_home_opened', async () => {
      await h.event(fixture('app-home-opened'));
      const published = h.api.callsTo('views.publish');
      expect(published).toHaveLength(1);
      expect(published[0]!.body.user_id).toBe(USERS.anne);
      const view = published[0]!.body.view as Json;
      expect(view.type).toBe('home');
      const text = JSON.stringify(view.blocks);
      expect(text).toContain('jobbot – dit overblik');
      expect(text).toContain('Opfølgninger denne uge');
      expect(text).toContain('Overskredne opfølgninger');
      expect(text).toContain('Aktive forløb');
      expect(text).toContain('Resultater denne måned');
      expect(text).toContain('Norm');
      expect(text).not.toContain('Teamets mål');
      expect(view.blocks.length).toBeLessThanOrEqual(100);
    });

    it("shows managers the team's target progress", async () => {
      const base = fixture<Json>('app-home-opened');
      await h.event({ ...base, event_id: 'Ev0HOME0002', event: { ...base.event, user: USERS.mette } });
      const text = JSON.stringify((h.api.callsTo('views.publish')[0]!.body.view as Json).blocks);
      expect(text).toContain('Teamets mål');
      expect(text).toContain('praktikstarter');
    });

    it('shows an unknown user whom to ask', async () => {
      const base = fixture<Json>('app-home-opened');
      await h.event({ ...base, event_id: 'Ev0HOME0003', event: { ...base.event, user: USERS.stranger } });
      expect(JSON.stringify(h.api.callsTo('views.publish')[0]!.body.view)).toContain('ikke oprettet i jobbot');
    });

    it('waits out a 429 Retry-After from the Web API and retries', async () => {
      h.api.rateLimitNext('views.publish', 1);
      const started = Date.now();
      await h.event(fixture('app-home-opened'));
      const attempts = h.api.calls.filter((c) => c.method === 'views.publish');
      expect(attempts.map((c) => c.status)).toEqual([429, 200]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });
  });

  describe('outbound (for the scheduler)', () => {
    it('opens a DM once and caches the channel id', async () => {
      const destination = { audience: 'dm' as const, staffId: team.staff.bo };
      expect(await h.slack.outbound.canReach(destination)).toBe(true);
      const first = await h.slack.outbound.send(destination, okReply('Påmindelse'));
      const second = await h.slack.outbound.send(destination, okReply('Påmindelse 2'));
      expect(first).toMatchObject({ ok: true, messageRef: { channel: 'D0BO' } });
      expect(second.ok).toBe(true);
      expect(h.api.callsTo('conversations.open')).toHaveLength(1);
      expect((await db.prisma.staff.findUniqueOrThrow({ where: { id: team.staff.bo } })).slackDmChannelId).toBe('D0BO');
      const ref = first.ok ? first.messageRef! : {};
      expect(await h.slack.outbound.update!(ref, okReply('Klaret'))).toMatchObject({ ok: true });
      expect(h.api.callsTo('chat.update')[0]!.body).toMatchObject({ channel: 'D0BO', ts: ref.ts });
    });

    it('cannot reach unlinked staff and reports Slack errors as permanent', async () => {
      expect(await h.slack.outbound.canReach({ audience: 'dm', staffId: (await db.prisma.staff.findUniqueOrThrow({ where: { handle: 'ida' } })).id })).toBe(false);
      h.api.failWith('chat.postMessage', 'not_in_channel');
      const sent = await h.slack.outbound.send({ audience: 'team', teamId: team.teamId }, okReply('Hej team'));
      expect(sent).toMatchObject({ ok: false, error: 'not_in_channel', permanent: true });
    });
  });

  describe('a caseload over 100 citizens', () => {
    beforeAll(async () => {
      // Karl (caseworker, team Vest) has 120 citizens: more than a static select can hold.
      const karl = await db.prisma.staff.create({ data: { handle: 'karl', displayName: 'Karl', role: 'CASEWORKER', teamId: team.teamId, email: 'karl@kommune.dk', slackUserId: USERS.karl } });
      await db.prisma.citizen.createMany({ data: Array.from({ length: 120 }, (_, i) => ({ teamId: team.teamId, ref: `K-${1000 + i}`, initials: i === 42 ? 'KL' : null, caseworkerId: karl.id })) });
    });

    /** The options load Slack sends while the user types in the citizen picker (signed like every request). */
    const suggest = async (user: keyof typeof USERS, typed: string, privateMetadata: string): Promise<string[]> => {
      const res = await h.interaction({
        type: 'block_suggestion',
        user: { id: USERS[user], username: user, name: user, team_id: 'T0JOBCTR' },
        container: { type: 'view', view_id: 'V0BIG1' },
        api_app_id: 'A0JOBBOT',
        token: 'gIkuvaNzQIHg97ATvDxqgjtO',
        action_id: 'citizen',
        block_id: 'citizen',
        value: typed,
        team: { id: 'T0JOBCTR', domain: 'jobcenter' },
        enterprise: null,
        is_enterprise_install: false,
        view: { id: 'V0BIG1', team_id: 'T0JOBCTR', type: 'modal', callback_id: 'jobbot.form', private_metadata: privateMetadata, hash: 'big-1', state: { values: {} } },
      });
      expect(res.status).toBe(200);
      const options = (JSON.parse(res.body) as { options: Json[] }).options;
      for (const o of options) expect(o.text).toMatchObject({ type: 'plain_text' });
      return options.map((o) => String(o.value));
    };

    it('the citizen picker searches the own caseload as the user types, and the picked citizen is logged', async () => {
      await command('karl', '/samtale', '', { trigger_id: 'big-trigger-1' });
      const view = h.api.callsTo('views.open')[0]!.body.view as Json;
      const picker = view.blocks.find((b: Json) => b.block_id === 'citizen').element as Json;
      expect(picker).toMatchObject({ type: 'external_select', action_id: 'citizen' });
      expect(picker.options).toBeUndefined();
      const privateMetadata = String(view.private_metadata);
      // The picker's read is audited once, when the modal opened; the searches as Karl types are not.
      const pickerReads = () => db.prisma.auditLog.count({ where: { action: 'caseload.picker' } });
      const opened = await pickerReads();

      // What Karl typed, in any case, in the reference or the initials; only his citizens.
      expect(await suggest('karl', '104', privateMetadata)).toEqual([...Array.from({ length: 10 }, (_, i) => `K-${1040 + i}`), 'K-1104']);
      expect(await suggest('karl', 'k-111', privateMetadata)).toEqual(Array.from({ length: 10 }, (_, i) => `K-${1110 + i}`));
      expect(await suggest('karl', 'kl', privateMetadata)).toEqual(['K-1042']);
      // At most 100 options (Slack's limit).
      expect(await suggest('karl', 'K-', privateMetadata)).toHaveLength(100);
      // Anne typing the same sees her own citizens (C-1042 …), never Karl's; a stranger sees nothing.
      const anne = await suggest('anne', '104', privateMetadata);
      expect(anne).toContain('C-1043');
      expect(anne.filter((ref) => ref.startsWith('K-'))).toEqual([]);
      expect(await suggest('stranger', '104', privateMetadata)).toEqual([]);
      expect(await pickerReads()).toBe(opened);

      // Submitting the picked citizen logs the meeting.
      const res = await submitView('karl', { id: 'V0BIG1', hash: 'big-2', privateMetadata }, meetingValues('K-1042', 'external_select'));
      expect(res.body).toBe('');
      const meetings = await db.prisma.meeting.findMany({ where: { citizen: { ref: 'K-1042' } } });
      expect(meetings).toHaveLength(1);
      expect(meetings[0]).toMatchObject({ kind: 'PHONE', source: 'SLACK' });
      expect(h.api.callsTo('response_url').at(-1)!.body.text).toContain('K-1042');
    });

    it('an options load with a bad signature is refused', async () => {
      const body = new URLSearchParams({ payload: JSON.stringify({ type: 'block_suggestion', action_id: 'citizen', value: '104', user: { id: USERS.karl } }) }).toString();
      const res = await h.post(body, 'application/x-www-form-urlencoded', { signature: sign('wrong-secret', Math.floor(Date.now() / 1000), body) });
      expect(res.status).toBe(401);
    });
  });
});
