// The Teams channel through its real HTTP endpoint (TEAMS_AUTH=off) against a
// real database and a local fake Bot Connector: what the bot stores and what
// it sends.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { okReply } from '../../../src/domain/reply.js';
import { createTeamFixture, MONDAY, type TeamFixture } from '../../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../../helpers/test-database.js';
import { activity, cardText, isErrorCard, startTeamsHarness, type TeamsHarness } from './teams-harness.js';

const AAD = {
  mette: '0a1b2c3d-0000-4000-8000-00000000e777',
  anne: '0a1b2c3d-0000-4000-8000-0000000a0001',
  bo: '0a1b2c3d-0000-4000-8000-0000000b0002',
  camilla: '0a1b2c3d-0000-4000-8000-0000000c0003',
  ida: '0a1b2c3d-0000-4000-8000-0000000d0004',
} as const;
type User = keyof typeof AAD;

const CHANNEL = '19:vest-channel@thread.tacv2';
const personal = (user: User) => `a:1personal-${user}`;

let db: Database;
let team: TeamFixture;
let h: TeamsHarness;
let seq = 0;

function say(user: User, text: string, where: 'personal' | 'channel' = 'personal', overrides: Record<string, unknown> = {}) {
  seq++;
  const fixture = where === 'personal' ? 'personal-message' : 'channel-mention';
  const id = `17323524${String(seq).padStart(5, '0')}`;
  const extra = where === 'channel' ? { conversation: { isGroup: true, conversationType: 'channel', tenantId: '8f0c6f1e-2a4b-4c1d-9e3f-5a6b7c8d9e0f', id: `${CHANNEL};messageid=${id}` } } : {};
  return activity(fixture, { serviceUrl: h.connector.url, user, aadObjectId: AAD[user], text }, { id, ...extra, ...overrides });
}

async function send(user: User, text: string, where: 'personal' | 'channel' = 'personal') {
  const before = h.connector.calls.length;
  const res = await h.post(say(user, text, where));
  expect(res.status).toBe(200);
  return h.connector.calls.slice(before);
}

/** The one card the bot sent back for a command in the user's personal chat. */
async function ask(user: User, text: string) {
  const calls = await send(user, text);
  const cards = calls.filter((c) => ['send', 'reply'].includes(c.kind) && c.status === 200 && c.conversationId === personal(user)).flatMap((c) => c.body.attachments.map((a: any) => a.content));
  expect(cards).toHaveLength(1);
  return cards[0];
}

beforeAll(async () => {
  db = await createTestDatabase();
  team = await createTeamFixture(db.prisma);
  for (const user of ['mette', 'anne', 'bo', 'camilla'] as const) {
    await db.prisma.staff.update({ where: { id: team.staff[user] }, data: { teamsAadObjectId: AAD[user] } });
  }
  h = await startTeamsHarness(db, { clock: () => MONDAY, adminEmails: [] });
});

afterAll(async () => {
  await h?.close();
  await db?.close();
});

beforeEach(() => h.connector.reset());

describe('install', () => {
  it('stores the personal conversation reference and welcomes the user', async () => {
    const res = await h.post(activity('install-personal', { serviceUrl: h.connector.url, user: 'anne', aadObjectId: AAD.anne }));
    expect(res.status).toBe(200);
    const ref = await db.prisma.conversationRef.findUnique({ where: { platform_conversationId: { platform: 'teams', conversationId: personal('anne') } } });
    expect(ref).toMatchObject({ scope: 'personal', staffId: team.staff.anne, installed: true });
    expect((ref?.reference as any).serviceUrl).toBe(h.connector.url);
    expect((ref?.reference as any).activityId).toBeUndefined();
    expect(cardText(h.connector.cards(personal('anne'))[0])).toContain('jobbot');
  });

  it('stores a team channel reference on install in a channel', async () => {
    const res = await h.post(activity('install-channel', { serviceUrl: h.connector.url, user: 'mette', aadObjectId: AAD.mette }));
    expect(res.status).toBe(200);
    const ref = await db.prisma.conversationRef.findUnique({ where: { platform_conversationId: { platform: 'teams', conversationId: CHANNEL } } });
    expect(ref).toMatchObject({ scope: 'channel', installed: true, staffId: null });
    expect(h.connector.cards(CHANNEL)).toHaveLength(1);
  });

  it('links the channel to the team with /jobbot teams-channel said there by the manager', async () => {
    await send('mette', '/jobbot teams-channel', 'channel');
    const vest = await db.prisma.team.findUniqueOrThrow({ where: { id: team.teamId } });
    expect(vest.teamsChannelId).toBe(CHANNEL);
    const ref = await db.prisma.conversationRef.findUniqueOrThrow({ where: { platform_conversationId: { platform: 'teams', conversationId: CHANNEL } } });
    expect(ref.teamId).toBe(team.teamId);
    // Channel visibility: answered in the channel thread.
    const [card] = h.connector.cards(`${CHANNEL};messageid=17323524${String(seq).padStart(5, '0')}`);
    expect(cardText(card)).toContain('Vest');
  });

  it('refuses the channel link from a caseworker and outside a channel', async () => {
    await send('anne', 'jobbot teams-channel', 'channel');
    expect(h.connector.calls.some((c) => c.kind === 'create' || c.conversationId === personal('anne'))).toBe(true); // private error → 1:1
    const card = await ask('mette', 'jobbot teams-channel conversation:made-up');
    expect(isErrorCard(card)).toBe(true);
    // A typed conversation, quoted or not, is not where it was said.
    const ref = await db.prisma.conversationRef.findFirstOrThrow({ where: { platform: 'teams', conversationId: CHANNEL } });
    expect(isErrorCard(await ask('mette', `jobbot teams-channel "conversation:${ref.id}"`))).toBe(true);
    expect(isErrorCard(await ask('mette', `jobbot teams-channel conversation:${ref.id}`))).toBe(true);
    const vest = await db.prisma.team.findUniqueOrThrow({ where: { id: team.teamId } });
    expect(vest.teamsChannelId).toBe(CHANNEL);
  });
});

describe('every command by message', () => {
  it('runs each command in a personal chat (leading slash optional) and answers with a card', async () => {
    const steps: Array<[User, string]> = [
      ['mette', 'jobbot team add Nord'],
      ['mette', 'jobbot staff add pia caseworker email:pia@kommune.dk team:Vest'],
      ['mette', '/jobbot staff list'],
      ['mette', 'jobbot staff role pia consultant'],
      ['mette', 'jobbot staff leave pia'],
      ['anne', '/citizen add C-1042 initials:AB group:job-ready consultant:@camilla'],
      ['anne', 'citizen C-1042'],
      ['anne', 'citizen set C-1042 cadence:14'],
      ['anne', 'citizen wish C-1042 Netto Føtex Bilka'],
      ['anne', '/meeting C-1042 three-party today 45m agreed internship'],
      ['camilla', 'placement start C-1042 "Netto Nord" internship hours:20'],
      ['camilla', 'placement extend C-1042 14 "offer of 10 hours"'],
      ['camilla', 'placement followup C-1042 continue'],
      ['camilla', 'placement end C-1042 completed'],
      ['anne', 'caseload'],
      ['mette', 'target placements 12'],
      ['mette', 'targets'],
      ['anne', 'citizen transfer C-1042 @bo'],
      ['bo', 'outcome C-1042 job hours:37 "Netto Nord"'],
      ['mette', 'jobbot link teams:0a1b2c3d-0000-4000-8000-0000000d0004 ida'],
      ['anne', 'help'],
      ['anne', 'meeting help'],
    ];
    for (const [user, text] of steps) {
      const card = await ask(user, text);
      expect(card.type, text).toBe('AdaptiveCard');
      expect(card.version, text).toBe('1.5');
      expect(isErrorCard(card), `${text}: ${cardText(card)}`).toBe(false);
    }
    const citizen = await db.prisma.citizen.findFirstOrThrow({ where: { ref: 'C-1042' }, include: { meetings: true, placements: true, outcomes: true } });
    expect(citizen).toMatchObject({ cadenceDays: 14, caseworkerId: team.staff.bo, wishCompanies: ['Netto', 'Føtex', 'Bilka'] });
    expect(citizen.meetings).toHaveLength(1);
    expect(citizen.meetings[0]).toMatchObject({ kind: 'THREE_PARTY', source: 'TEAMS', durationMinutes: 45 });
    expect(citizen.placements[0]).toMatchObject({ company: 'Netto Nord', status: 'ENDED', source: 'TEAMS' });
    expect(citizen.outcomes).toHaveLength(1);
    expect(await db.prisma.staff.findUnique({ where: { handle: 'pia' } })).toMatchObject({ role: 'CONSULTANT', active: false });
    expect(await db.prisma.team.findUnique({ where: { name: 'Nord' } })).not.toBeNull();
    expect((await db.prisma.staff.findUniqueOrThrow({ where: { id: team.staff.ida } })).teamsAadObjectId).toBe(AAD.ida);
    expect(await db.prisma.monthlyTarget.count({ where: { teamId: team.teamId } })).toBe(1);

    // The job outcome was celebrated in the team's linked channel, anonymously.
    const celebration = h.connector.cards(CHANNEL);
    expect(celebration).toHaveLength(1);
    expect(cardText(celebration[0])).not.toContain('C-1042');

    // Closing afterwards (a job outcome may already close the case; either way the command answers).
    const close = await ask('bo', 'citizen close C-1042 moved');
    expect(close.type).toBe('AdaptiveCard');
  });

  it('runs the company register: company add with a fixed contact, the company card, "mente du"', async () => {
    const added = await ask('camilla', 'virksomhed add "Lemvig Tømrer" cvr:12345674 kontakt:@camilla');
    expect(cardText(added)).toContain('Lemvig Tømrer er oprettet i virksomhedsregisteret.');
    expect(await db.prisma.company.findFirst({ where: { name: 'Lemvig Tømrer' } })).toMatchObject({ contactId: team.staff.camilla, source: 'TEAMS' });
    const card = await ask('camilla', 'company Lemvig Tømrer');
    expect(isErrorCard(card)).toBe(false);
    expect(cardText(card)).toContain('Camilla (@camilla)');
    const near = await ask('camilla', 'company add "Lemvig Tømer"');
    expect(isErrorCard(near)).toBe(true);
    expect(cardText(near)).toContain('Mente du Lemvig Tømrer?');
  });

  it('answers an unknown command with a suggestion, and a CPR number with a refusal that stores nothing', async () => {
    expect(isErrorCard(await ask('anne', 'meetnig C-1'))).toBe(true);
    const before = await db.prisma.auditLog.count();
    const card = await ask('anne', 'citizen add 010190-1234');
    expect(cardText(card)).toMatch(/CPR/);
    // Only the refused attempt is recorded, without its text.
    expect(await db.prisma.auditLog.count()).toBe(before + 1);
    expect(JSON.stringify(await db.prisma.auditLog.findMany({ select: { action: true, details: true } }))).not.toContain('010190');
  });

  it('keeps private answers out of the channel: the caseload goes 1:1, the channel gets a notice', async () => {
    const calls = await send('anne', 'caseload', 'channel');
    const inChannel = calls.filter((c) => c.conversationId?.startsWith(CHANNEL));
    expect(inChannel).toHaveLength(1);
    expect(cardText(inChannel[0]!.body.attachments[0].content)).not.toMatch(/C-\d/);
    // anne has a stored personal chat (install test): the answer went there.
    expect(calls.some((c) => c.conversationId === personal('anne') && c.status === 200)).toBe(true);
  });

  it('creates a 1:1 chat for a private answer when none is stored', async () => {
    // ida was linked by the admin above and has never written to the bot 1:1.
    const calls = await send('ida', 'caseload', 'channel');
    const create = calls.find((c) => c.kind === 'create');
    expect(create?.body.members[0].id).toBe('29:1ida-teams-user-id');
    expect(calls.some((c) => c.conversationId === 'a:created-1' || c.conversationId?.startsWith('a:created-'))).toBe(true);
    expect(calls.filter((c) => c.conversationId?.startsWith('a:created-')).map((c) => c.kind)).toEqual(['send']);
    const ref = await db.prisma.conversationRef.findFirst({ where: { platform: 'teams', staffId: team.staff.ida, scope: 'personal' } });
    expect(ref?.conversationId).toMatch(/^a:created-/);
  });
});

describe('identity', () => {
  it('links an unknown Teams user by the e-mail on the staff record on first use', async () => {
    await db.prisma.staff.update({ where: { id: team.staff.ida }, data: { teamsAadObjectId: null } });
    h.connector.members.set('29:1ida-teams-user-id', { id: '29:1ida-teams-user-id', aadObjectId: AAD.ida, email: 'IDA@kommune.dk', userPrincipalName: 'ida@kommune.onmicrosoft.com' });
    const card = await ask('ida', 'caseload');
    expect(isErrorCard(card)).toBe(false);
    expect((await db.prisma.staff.findUniqueOrThrow({ where: { id: team.staff.ida } })).teamsAadObjectId).toBe(AAD.ida);
  });

  it('takes the Emulator user id as the object id (TEAMS_AUTH=off only)', async () => {
    const emulator = activity('personal-message', { serviceUrl: h.connector.url, user: 'emu', aadObjectId: '', text: 'targets' }, { id: 'emu-1', channelId: 'emulator', from: { id: AAD.mette, name: 'User' } });
    expect((await h.post(emulator)).status).toBe(200);
    const [card] = h.connector.cards('a:1personal-emu');
    expect(isErrorCard(card)).toBe(false);
  });

  it('tells an unknown user whom to ask, with the id an admin can link', async () => {
    const stranger = activity('personal-message', { serviceUrl: h.connector.url, user: 'x', aadObjectId: '9e9e9e9e-0000-4000-8000-000000000009', text: 'caseload' }, { id: 'stranger-1' });
    const res = await h.post(stranger);
    expect(res.status).toBe(200);
    const text = cardText(h.connector.cards('a:1personal-x')[0]);
    expect(text).toContain('/jobbot link teams:9e9e9e9e-0000-4000-8000-000000000009');
    expect(text).toMatch(/leder|administrator/);
  });
});

describe('staff who have left', () => {
  const JENS = '0a1b2c3d-0000-4000-8000-0000000e0005';
  const written = async () => ({
    audit: await db.prisma.auditLog.count(),
    meetings: await db.prisma.meeting.count(),
    requests: await db.prisma.processedRequest.count(),
    refs: await db.prisma.conversationRef.count(),
    staff: await db.prisma.staff.findMany({ orderBy: { id: 'asc' } }),
  });

  beforeAll(async () => {
    await db.prisma.staff.create({ data: { handle: 'jens', displayName: 'Jens', role: 'CASEWORKER', teamId: team.teamId, email: 'jens@kommune.dk', active: false, teamsAadObjectId: JENS } });
    await db.prisma.staff.create({ data: { handle: 'karl', displayName: 'Karl', role: 'CASEWORKER', teamId: team.teamId, email: 'karl@kommune.dk', active: false } });
  });

  it('answers a message, a form and a card button with "fratrådt" and writes nothing', async () => {
    const before = await written();
    const message = activity('personal-message', { serviceUrl: h.connector.url, user: 'jens', aadObjectId: JENS, text: 'meeting C-3001 phone today' }, { id: 'jens-1' });
    const form = activity('card-submit', { serviceUrl: h.connector.url, user: 'jens', aadObjectId: JENS, replyToId: 'jens-form' }, {
      id: 'jens-2',
      value: { jobbot: 'form', form: 'meeting', citizen: 'C-3001', kind: 'PHONE', date: '2026-11-20', duration: '30' },
    });
    const button = activity('card-execute-invoke', { serviceUrl: h.connector.url, user: 'jens', aadObjectId: JENS, replyToId: 'jens-card' }, {
      id: 'jens-3',
      value: { action: { type: 'Action.Execute', verb: 'meeting.log', data: { jobbot: 'action', actionId: 'meeting.log', value: 'C-3001' } }, trigger: 'manual' },
    });
    expect((await h.post(message)).status).toBe(200);
    expect((await h.post(form)).status).toBe(200);
    const pressed = await h.post(button);
    const cards = [...h.connector.cards('a:1personal-jens'), pressed.body.value];
    expect(cards).toHaveLength(3);
    for (const card of cards) expect(cardText(card)).toContain('fratrådt');
    expect(h.connector.calls.filter((c) => c.kind === 'update')).toHaveLength(0);
    expect(await written()).toEqual(before);
  });

  it('does not link a Teams user whose e-mail belongs to someone who has left', async () => {
    const KARL = '0a1b2c3d-0000-4000-8000-0000000f0006';
    h.connector.members.set('29:1karl-teams-user-id', { id: '29:1karl-teams-user-id', aadObjectId: KARL, email: 'karl@kommune.dk' });
    const before = await written();
    await h.post(activity('personal-message', { serviceUrl: h.connector.url, user: 'karl', aadObjectId: KARL, text: 'caseload' }, { id: 'karl-1' }));
    expect(cardText(h.connector.cards('a:1personal-karl')[0])).toContain('fratrådt');
    expect(await written()).toEqual(before);
  });
});

describe('redelivery', () => {
  it('answers a redelivered activity once and logs the meeting once', async () => {
    await ask('anne', 'citizen add C-2001');
    const message = say('anne', 'meeting C-2001 phone today');
    const first = await h.post(message);
    const second = await h.post(message);
    expect([first.status, second.status]).toEqual([200, 200]);
    const citizen = await db.prisma.citizen.findFirstOrThrow({ where: { ref: 'C-2001' }, include: { meetings: true } });
    expect(citizen.meetings).toHaveLength(1);
    const replies = h.connector.delivered(personal('anne')).filter((c) => c.activityId === message.id || c.kind === 'send');
    expect(replies.filter((c) => c.activityId === message.id)).toHaveLength(1);
    expect(await db.prisma.processedRequest.count({ where: { key: { contains: message.id } } })).toBe(1);
  });
});

describe('card forms', () => {
  it('opens a form for a command without arguments, with the caseload as choices', async () => {
    await ask('anne', 'citizen add C-3001 initials:CD');
    const card = await ask('anne', 'meeting');
    const citizen = card.body.find((e: any) => e.id === 'citizen');
    expect(citizen.type).toBe('Input.ChoiceSet');
    expect(citizen.choices.map((c: any) => c.value)).toContain('C-3001');
    expect(card.body.find((e: any) => e.id === 'date').type).toBe('Input.Date');
    expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', data: { jobbot: 'form', form: 'meeting' } });
  });

  it('logs a meeting from an Action.Submit and replaces the form card in place', async () => {
    const submit = activity(
      'card-submit',
      { serviceUrl: h.connector.url, user: 'anne', aadObjectId: AAD.anne, replyToId: 'activity-form-1' },
      { id: 'submit-1', value: { jobbot: 'form', form: 'meeting', citizen: 'C-3001', kind: 'WALK_AND_TALK', date: '2026-11-23', duration: '30' } },
    );
    expect((await h.post(submit)).status).toBe(200);
    const update = h.connector.calls.find((c) => c.kind === 'update');
    expect(update?.activityId).toBe('activity-form-1');
    expect(isErrorCard(update?.body.attachments[0].content)).toBe(false);
    const meetings = await db.prisma.meeting.findMany({ where: { citizen: { ref: 'C-3001' } } });
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({ kind: 'WALK_AND_TALK', durationMinutes: 30, source: 'TEAMS' });
  });

  it('answers an Action.Execute with validation messages on the card, then with the result', async () => {
    const invoke = (id: string, data: Record<string, unknown>) =>
      activity('card-execute-invoke', { serviceUrl: h.connector.url, user: 'anne', aadObjectId: AAD.anne, replyToId: 'activity-form-2' }, {
        id,
        value: { action: { type: 'Action.Execute', verb: 'form.meeting', data: { jobbot: 'form', form: 'meeting', ...data } }, trigger: 'manual' },
      });
    const invalid = await h.post(invoke('exec-1', { citizen: 'C-3001', kind: 'PHONE', date: '2026-12-24' }));
    expect(invalid.status).toBe(200);
    expect(invalid.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(isErrorCard(invalid.body.value)).toBe(true);
    expect(invalid.body.value.body.find((e: any) => e.id === 'date').value).toBe('2026-12-24');
    expect(await db.prisma.meeting.count({ where: { citizen: { ref: 'C-3001' } } })).toBe(1);

    const valid = await h.post(invoke('exec-2', { citizen: 'C-3001', kind: 'PHONE', date: '2026-11-20' }));
    expect(isErrorCard(valid.body.value)).toBe(false);
    expect(await db.prisma.meeting.count({ where: { citizen: { ref: 'C-3001' } } })).toBe(2);
    // Redelivered invoke: the same card, nothing logged twice.
    const again = await h.post(invoke('exec-2', { citizen: 'C-3001', kind: 'PHONE', date: '2026-11-20' }));
    expect(again.body.value).toEqual(valid.body.value);
    expect(await db.prisma.meeting.count({ where: { citizen: { ref: 'C-3001' } } })).toBe(2);
  });

  it('opens the meeting form pre-filled from a "log meeting" button', async () => {
    const press = activity('card-execute-invoke', { serviceUrl: h.connector.url, user: 'anne', aadObjectId: AAD.anne, replyToId: 'x' }, {
      id: 'exec-3',
      value: { action: { type: 'Action.Execute', verb: 'meeting.log', data: { jobbot: 'action', actionId: 'meeting.log', value: 'C-3001' } }, trigger: 'manual' },
    });
    const res = await h.post(press);
    expect(res.body.value.body.find((e: any) => e.id === 'citizen').value).toBe('C-3001');
  });
});

describe('proactive messages through the OutboundChannel', () => {
  it('sends a 1:1 reminder from the stored reference (as after a restart) and updates it in place', async () => {
    const outbound = h.teams.outbound;
    expect(await outbound.canReach({ audience: 'dm', staffId: team.staff.anne })).toBe(true);
    expect(await outbound.canReach({ audience: 'dm', staffId: team.staff.olga })).toBe(false);
    const sent = await outbound.send({ audience: 'dm', staffId: team.staff.anne }, okReply('Påmindelse: C-3001'));
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    expect(sent.messageRef).toMatchObject({ conversationId: personal('anne') });
    expect(cardText(h.connector.cards(personal('anne'))[0])).toContain('C-3001');

    const updated = await outbound.update!(sent.messageRef!, okReply('Klaret'));
    expect(updated.ok).toBe(true);
    const update = h.connector.calls.find((c) => c.kind === 'update');
    expect(update?.activityId).toBe(sent.messageRef!.activityId);
  });

  it('posts a team digest to the linked channel as a new post', async () => {
    const sent = await h.teams.outbound.send({ audience: 'team', teamId: team.teamId }, okReply('Ugeoversigt', [], 'channel'));
    expect(sent.ok).toBe(true);
    expect(h.connector.cards(CHANNEL)).toHaveLength(1);
    // sendToConversation, not a reply to the continuation turn's made-up activity id.
    expect(h.connector.delivered(CHANNEL).map((c) => c.kind)).toEqual(['send']);
    expect(await h.teams.outbound.canReach({ audience: 'team', teamId: team.otherTeamId })).toBe(false);
  });

  it('retries 429, 412 (transient conflict) and 502 with backoff and delivers', async () => {
    h.connector.failNext(429, 1, { retryAfter: '0' });
    h.connector.failNext(412, 1, { code: 'PreconditionFailed' });
    h.connector.failNext(502, 1);
    const sent = await h.teams.outbound.send({ audience: 'dm', staffId: team.staff.anne }, okReply('Påmindelse'));
    expect(sent.ok).toBe(true);
    const attempts = h.connector.calls.filter((c) => c.conversationId === personal('anne'));
    expect(attempts.map((c) => c.status)).toEqual([429, 412, 502, 200]);
    expect(h.logs.filter((l) => l.event === 'teams.connector.retry').length).toBeGreaterThanOrEqual(3);
  });

  it('gives up after the retries with a retryable error for the outbox', async () => {
    h.connector.failNext(504, 4);
    const sent = await h.teams.outbound.send({ audience: 'dm', staffId: team.staff.anne }, okReply('Påmindelse'));
    expect(sent).toMatchObject({ ok: false });
    expect(sent.ok === false && sent.permanent).toBeFalsy();
    expect(h.connector.calls.filter((c) => c.conversationId === personal('anne'))).toHaveLength(4);
  });

  it('marks the reference uninstalled on 403 "bot not in conversation roster" and stops sending there', async () => {
    h.connector.failNext(403, 1, { code: 'BotNotInConversationRoster' });
    const sent = await h.teams.outbound.send({ audience: 'dm', staffId: team.staff.bo }, okReply('Påmindelse'));
    // bo has a personal reference from his messages above.
    expect(sent).toMatchObject({ ok: false, permanent: true });
    const ref = await db.prisma.conversationRef.findUniqueOrThrow({ where: { platform_conversationId: { platform: 'teams', conversationId: personal('bo') } } });
    expect(ref.installed).toBe(false);
    expect(await h.teams.outbound.canReach({ audience: 'dm', staffId: team.staff.bo })).toBe(false);
    const before = h.connector.calls.length;
    const again = await h.teams.outbound.send({ audience: 'dm', staffId: team.staff.bo }, okReply('Påmindelse'));
    expect(again).toMatchObject({ ok: false, permanent: true });
    expect(h.connector.calls.length).toBe(before);

    // Writing to the bot again reinstates the reference.
    await ask('bo', 'caseload');
    expect(await h.teams.outbound.canReach({ audience: 'dm', staffId: team.staff.bo })).toBe(true);
  });

  it('marks a personal reference uninstalled when the app is removed', async () => {
    const res = await h.post(activity('uninstall-personal', { serviceUrl: h.connector.url, user: 'camilla', aadObjectId: AAD.camilla }));
    expect(res.status).toBe(200);
    const refs = await db.prisma.conversationRef.findMany({ where: { platform: 'teams', conversationId: personal('camilla') } });
    expect(refs.every((r) => !r.installed)).toBe(true);
  });
});

describe('privacy', () => {
  it('never logs message text', () => {
    const logged = JSON.stringify(h.logs);
    expect(logged).not.toContain('C-1042');
    expect(logged).not.toContain('Netto');
  });
});
