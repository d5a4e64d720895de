// Slack's markup (should_escape: true) undone before parsing: the pure
// function over Slack's documented shapes, then the two failures users saw,
// through the real endpoint: an e-mail in /jobbot staff add and a company
// name that Slack had turned into a link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrapSlackMarkup } from '../../../src/channels/slack/slack-markup.js';
import { createTeamFixture, MONDAY, type TeamFixture } from '../../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../../helpers/test-database.js';
import { startSlackHarness, type SlackHarness } from './slack-harness.js';

describe('unwrapSlackMarkup', () => {
  it.each([
    ['staff add ida sagsbehandler email:<mailto:ida@kommune.dk|ida@kommune.dk>', 'staff add ida sagsbehandler email:ida@kommune.dk'],
    ['email:<mailto:IDA@Kommune.dk>', 'email:IDA@Kommune.dk'],
    ['start C-1042 <http://Jobindex.dk|Jobindex.dk> praktik', 'start C-1042 Jobindex.dk praktik'],
    ['start C-1042 "<http://netto.dk|netto.dk> Nord"', 'start C-1042 "netto.dk Nord"'],
    ['se <https://www.jobnet.dk/cv?id=1&amp;x=2>', 'se https://www.jobnet.dk/cv?id=1&x=2'],
    ['ring <tel:+4512345678|12 34 56 78>', 'ring 12 34 56 78'],
    ['link <#C0VEST|vest>', 'link #vest'],
    ['<!here> og <!channel> og <!subteam^S0TEAM|@vest-team>', '@here og @channel og @vest-team'],
    ['Netto &amp; Co &lt;Nord&gt;', 'Netto & Co <Nord>'],
    ['&lt;http://x.dk|x&gt; as typed', '<http://x.dk|x> as typed'],
    ['5 &lt; 7', '5 < 7'],
    ['no markup at all', 'no markup at all'],
  ])('%s', (input, expected) => {
    expect(unwrapSlackMarkup(input)).toBe(expected);
  });

  it('keeps user mentions for the handlers (they name a Slack user id)', () => {
    expect(unwrapSlackMarkup('flyt C-1 <@U0123|anne> og <@U0456>')).toBe('flyt C-1 <@U0123|anne> og <@U0456>');
  });
});

describe('Slack markup through the endpoint', () => {
  let db: Database;
  let team: TeamFixture;
  let h: SlackHarness;
  let trigger = 0;
  const command = (user: string, name: string, text: string) => {
    const id = `markup-${++trigger}`;
    return h.command({ user_id: user, command: name, text, trigger_id: id, response_url: h.api.responseUrl(id) });
  };
  const lastText = () => {
    const body = h.api.callsTo('response_url').at(-1)?.body ?? {};
    return JSON.stringify(body.blocks ?? []) + String(body.text ?? '');
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    team = await createTeamFixture(db.prisma);
    await db.prisma.staff.update({ where: { id: team.staff.mette }, data: { slackUserId: 'U0METTE', isAdmin: true } });
    await db.prisma.staff.update({ where: { id: team.staff.anne }, data: { slackUserId: 'U0ANNE' } });
    await db.prisma.citizen.create({ data: { teamId: team.teamId, ref: 'C-4242', caseworkerId: team.staff.anne } });
    await db.prisma.citizen.create({ data: { teamId: team.teamId, ref: 'C-4243', caseworkerId: team.staff.anne } });
    h = await startSlackHarness(db, { now: MONDAY });
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  it('/jobbot staff add with an e-mail Slack wrapped in mailto markup stores the plain address', async () => {
    await command('U0METTE', '/jobbot', 'staff add ulla sagsbehandler email:<mailto:ulla@kommune.dk|ulla@kommune.dk>');
    const ulla = await db.prisma.staff.findUnique({ where: { handle: 'ulla' } });
    expect(ulla, lastText()).not.toBeNull();
    expect(lastText()).not.toContain('e-mailadresse');
    expect(ulla!.email).toBe('ulla@kommune.dk');
  });

  it('/praktik start with a company Slack turned into a link stores and shows the name as typed', async () => {
    await command('U0ANNE', '/praktik', 'start C-4242 <http://Jobindex.dk|Jobindex.dk> praktik');
    const placement = await db.prisma.placement.findFirst({ where: { citizen: { ref: 'C-4242' } } });
    expect(placement, lastText()).not.toBeNull();
    expect(placement!.company).toBe('Jobindex.dk');
    expect(lastText()).toContain('Jobindex.dk');
    expect(lastText()).not.toMatch(/&lt;|http:\/\/Jobindex/);
  });

  it('a direct message gets the same unwrapping (Slack links there too)', async () => {
    await h.dm('U0ANNE', 'praktik start C-4243 <http://netto.dk|netto.dk> praktik');
    const placement = await db.prisma.placement.findFirst({ where: { citizen: { ref: 'C-4243' } } });
    expect(placement?.company).toBe('netto.dk');
  });

  describe('a colleague picked from Slack\'s autocomplete (<@U…|name>) wherever a handle is accepted', () => {
    it('/sager <@U…|anne> shows Anne\'s caseload to her manager', async () => {
      await command('U0METTE', '/sager', '<@U0ANNE|anne>');
      expect(lastText()).toContain('Sagsstamme: Anne');
      expect(lastText()).not.toContain('Jeg kender ingen');
    });

    it('/borger flyt C-4242 <@U0METTE|mette> moves the citizen to the linked staff member', async () => {
      await command('U0ANNE', '/borger', 'flyt C-4242 <@U0METTE|mette>');
      const citizen = await db.prisma.citizen.findUniqueOrThrow({ where: { teamId_ref: { teamId: team.teamId, ref: 'C-4242' } } });
      expect(citizen.caseworkerId, lastText()).toBe(team.staff.mette);
    });

    it('says clearly when that Slack user is not linked to anyone, and changes nothing', async () => {
      await command('U0METTE', '/borger', 'opret C-4250 caseworker:<@U0NOBODY|kim>');
      expect(lastText()).toContain('Slack-brugeren @kim er ikke koblet til nogen medarbejder');
      expect(await db.prisma.citizen.count({ where: { ref: 'C-4250' } })).toBe(0);
    });
  });
});
