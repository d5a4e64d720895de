// A colleague picked from the Teams mention picker, through the real endpoint:
// the entity names a Teams user id (29:…), the bot reads her profile from the
// (fake) connector and the command gets her handle (issue 12, item 10). Before,
// the mention was deleted from the text and a manager silently got the team.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTeamFixture, MONDAY, type TeamFixture } from '../../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../../helpers/test-database.js';
import { cardText, delivered, isErrorCard, personalChat, startTeamsHarness, TeamsUsers, type TeamsHarness } from './teams-harness.js';

const AAD = {
  mette: '0a1b2c3d-0000-4000-8000-00000000e901',
  anne: '0a1b2c3d-0000-4000-8000-00000000a902',
  bo: '0a1b2c3d-0000-4000-8000-00000000b903',
  camilla: '0a1b2c3d-0000-4000-8000-00000000c904',
  pia: '0a1b2c3d-0000-4000-8000-00000000f905',
  ida: '0a1b2c3d-0000-4000-8000-00000000d906',
} as const;

/** Teams user ids (29:…) as the mention picker puts them into entities[].mentioned.id. */
const TEAMS_ID = { anne: '29:1anne-picked', bo: '29:1bo-picked', camilla: '29:1camilla-picked', pia: '29:1pia-picked' } as const;
const NAME = { anne: 'Anne Andersen', bo: 'Bo Berg', camilla: 'Camilla Carlsen', pia: 'Pia Petersen' } as const;
type Picked = keyof typeof TEAMS_ID;

let db: Database;
let team: TeamFixture;
let h: TeamsHarness;
let users: TeamsUsers;

/** `text` with {anne}, {bo}, … as Teams sends a mention: <at>Name</at> in the text and a mention entity. */
function withMentions(text: string, where: 'personal' | 'channel' = 'personal', from = 'mette') {
  const picked = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as Picked);
  const message = users.message(
    from,
    text.replace(/\{(\w+)\}/g, (_, who: Picked) => `<at>${NAME[who]}</at>`),
    where,
  );
  const mentions = [...new Set(picked)].map((who) => ({ type: 'mention', mentioned: { id: TEAMS_ID[who], name: NAME[who] }, text: `<at>${NAME[who]}</at>` }));
  return { ...message, entities: [...(message.entities ?? []), ...mentions] };
}

/** The one card answering a message in mette's personal chat. */
async function answer(text: string, where: 'personal' | 'channel' = 'personal'): Promise<any> {
  const calls = await users.post(withMentions(text, where));
  const cards = delivered(calls, personalChat('mette')).flatMap((c) => (c.body.attachments ?? []).map((a: any) => a.content));
  expect(cards).toHaveLength(1);
  return cards[0];
}

const caseworkerOf = async (ref: string) => (await db.prisma.citizen.findFirstOrThrow({ where: { ref }, include: { caseworker: true } })).caseworker?.handle;

beforeAll(async () => {
  db = await createTestDatabase();
  team = await createTeamFixture(db.prisma);
  for (const user of ['mette', 'anne', 'bo', 'ida'] as const) await db.prisma.staff.update({ where: { id: team.staff[user] }, data: { teamsAadObjectId: AAD[user] } });
  h = await startTeamsHarness(db, { clock: () => MONDAY, adminEmails: [] });
  users = new TeamsUsers(h, AAD, 'mn');
  // Profiles as TeamsInfo.getMember reads them. Camilla is not linked yet (her e-mail is on her staff
  // record); Pia is in the tenant but not in jobbot.
  for (const who of ['anne', 'bo', 'camilla', 'pia'] as const) {
    h.connector.members.set(TEAMS_ID[who], { id: TEAMS_ID[who], name: NAME[who], aadObjectId: AAD[who], email: `${who}@kommune.dk`, userPrincipalName: `${who}@kommune.dk` });
  }
  h.connector.members.set(TEAMS_ID.pia, { id: TEAMS_ID.pia, name: NAME.pia, aadObjectId: AAD.pia, email: 'pia@andet-firma.dk', userPrincipalName: 'pia@andet-firma.dk' });
  expect(isErrorCard(await users.ask('anne', 'citizen add C-6001 initials:AB'))).toBe(false);
  expect(isErrorCard(await users.ask('bo', 'citizen add C-6002 initials:CD'))).toBe(false);
});

afterAll(async () => {
  await h?.close();
  await db?.close();
});

beforeEach(() => h.connector.reset());

describe('a colleague picked from the mention picker', () => {
  it("gives a manager Anne's caseload for `caseload <at>Anne Andersen</at>`, not the team's", async () => {
    expect(cardText(await users.ask('mette', 'caseload'))).toContain('Sagsstamme: team Vest'); // without a mention: the team
    const text = cardText(await answer('caseload {anne}'));
    expect(text).toContain('Sagsstamme: Anne (@anne)');
    expect(text).not.toContain('team Vest');
    expect(h.connector.calls.filter((c) => c.kind === 'member').map((c) => c.status)).toEqual([200]);
  });

  it('works for a mention in a channel (answered privately) and inside an option', async () => {
    const calls = await users.post(withMentions('caseload {bo}', 'channel'));
    const privately = delivered(calls, personalChat('mette')).flatMap((c) => (c.body.attachments ?? []).map((a: any) => cardText(a.content)));
    expect(privately.join('\n')).toContain('Sagsstamme: Bo (@bo)');

    // Camilla is found by her profile's e-mail (and linked, as when she writes herself).
    expect(isErrorCard(await answer('citizen add C-6003 initials:EF consultant:{camilla}'))).toBe(false);
    const added = await db.prisma.citizen.findFirstOrThrow({ where: { ref: 'C-6003' }, include: { consultant: true } });
    expect(added.consultant?.handle).toBe('camilla');
    expect((await db.prisma.staff.findUniqueOrThrow({ where: { id: team.staff.camilla } })).teamsAadObjectId).toBe(AAD.camilla);
  });

  it('moves a citizen to the colleague picked', async () => {
    const card = await answer('citizen transfer C-6001 {bo}');
    expect(isErrorCard(card)).toBe(false);
    expect(await caseworkerOf('C-6001')).toBe('bo');
    await answer('citizen transfer C-6001 {anne}');
    expect(await caseworkerOf('C-6001')).toBe('anne');
  });

  it('answers a plain question about the colleague picked', async () => {
    const text = cardText(await answer('hvem mangler opfølgning {anne}?'));
    expect(text).toContain('@anne');
    expect(text).not.toContain('team Vest');
  });

  it('refuses someone who is not in jobbot, naming them, and changes nothing', async () => {
    const refused = await answer('citizen transfer C-6001 {pia}');
    expect(isErrorCard(refused)).toBe(true);
    expect(cardText(refused)).toContain('Pia Petersen er ikke koblet til nogen aktiv medarbejder i jobbot');
    expect(cardText(refused)).toContain(`/jobbot link teams:${AAD.pia}`);
    expect(await caseworkerOf('C-6001')).toBe('anne');
    // Nor does a read fall back to the whole team.
    const caseload = await answer('caseload {pia}');
    expect(isErrorCard(caseload)).toBe(true);
    expect(cardText(caseload)).not.toContain('Sagsstamme');
  });

  it("answers in the asker's language", async () => {
    const calls = await users.post(withMentions('caseload {pia}', 'personal', 'ida'));
    const [card] = delivered(calls, personalChat('ida')).map((c) => c.body.attachments[0].content);
    expect(cardText(card)).toContain('Pia Petersen is not linked to any active staff member in jobbot, so I did nothing.');
  });

  it('refuses a mention whose profile Teams does not give (not in this conversation)', async () => {
    const message = withMentions('caseload {anne}');
    message.entities = message.entities.map((e: any) => (e.mentioned?.id === TEAMS_ID.anne ? { ...e, mentioned: { id: '29:1gone', name: 'Gammel Kollega' }, text: '<at>Anne Andersen</at>' } : e));
    const calls = await users.post(message);
    const [card] = delivered(calls, personalChat('mette')).map((c) => c.body.attachments[0].content);
    expect(isErrorCard(card)).toBe(true);
    expect(cardText(card)).toContain('Gammel Kollega er ikke koblet');
    expect(cardText(card)).not.toContain('Sagsstamme');
  });
});
