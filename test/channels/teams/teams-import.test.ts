// A CSV sent to the bot in the Teams 1:1 chat, through the real endpoint (issue
// 12, item 9): Teams hands the bot a file.download.info attachment with a
// pre-authorised URL (served here by the fake connector); the bot downloads it
// and answers with the import preview, whose button applies it.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_IMPORT_FILE_BYTES } from '../../../src/handlers/import/import-caseload.js';
import { createTeamFixture, MONDAY, type TeamFixture } from '../../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../../helpers/test-database.js';
import { activity, cardText, delivered, isErrorCard, personalChat, startTeamsHarness, TeamsUsers, type TeamsHarness } from './teams-harness.js';

const AAD = { mette: '0a1b2c3d-0000-4000-8000-00000000e911', anne: '0a1b2c3d-0000-4000-8000-00000000a912' } as const;
const FIXTURES = new URL('../../fixtures/csv/', import.meta.url);

let db: Database;
let team: TeamFixture;
let h: TeamsHarness;
let users: TeamsUsers;
let seq = 0;

/** `user` sends files (hosted on the fake connector) in the personal chat or the channel, as Microsoft documents the attachment. */
function sendFiles(user: keyof typeof AAD, files: Array<{ id: string; name: string; fileType: string }>, where: 'personal' | 'channel' = 'personal', text = '') {
  const message = users.message(user, text, where);
  if (where === 'personal') message.text = text;
  message.attachments = files.map((f) => ({
    contentType: 'application/vnd.microsoft.teams.file.download.info',
    contentUrl: `https://kommune-my.sharepoint.com/personal/${user}/Documents/Microsoft%20Teams%20Chat%20Files/${f.name}`,
    name: f.name,
    content: { downloadUrl: h.connector.downloadUrl(f.id), uniqueId: f.id, fileType: f.fileType, etag: `"{${f.id}},1"` },
  }));
  return message;
}

async function host(id: string, fixture: string): Promise<{ id: string; name: string; fileType: string }> {
  h.connector.files.set(id, await readFile(new URL(fixture, FIXTURES)));
  return { id, name: 'sagsstamme.csv', fileType: 'csv' };
}

const cardsIn = (calls: ReturnType<typeof delivered>) => calls.flatMap((c) => (c.body.attachments ?? []).map((a: any) => a.content));

/** The data of a card's button with this action id (Action.Execute, with an Action.Submit fallback). */
function buttonData(card: unknown, actionId: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const data = (node as { data?: Record<string, unknown> }).data;
      if (data?.actionId === actionId) found ??= data;
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

const imported = () => db.prisma.citizen.count({ where: { ref: { startsWith: 'C-100' } } });

beforeAll(async () => {
  db = await createTestDatabase();
  team = await createTeamFixture(db.prisma);
  for (const user of ['mette', 'anne'] as const) await db.prisma.staff.update({ where: { id: team.staff[user] }, data: { teamsAadObjectId: AAD[user] } });
  h = await startTeamsHarness(db, { clock: () => MONDAY, adminEmails: [] });
  users = new TeamsUsers(h, AAD, 'im');
});

afterAll(async () => {
  await h?.close();
  await db?.close();
});

beforeEach(() => h.connector.reset());

describe('a CSV sent in the 1:1 chat', () => {
  it('is downloaded (no token sent along) and previewed; the button applies it once; a redelivered activity previews nothing twice', async () => {
    const message = sendFiles('mette', [await host('file-valid-1', 'caseload-valid.csv')]);
    const calls = await users.post(message);
    const download = calls.find((c) => c.kind === 'download');
    expect(download?.status).toBe(200);
    expect(download?.headers?.authorization).toBeUndefined();
    const sent = delivered(calls, personalChat('mette'));
    expect(sent).toHaveLength(1);
    const [preview] = cardsIn(sent);
    expect(cardText(preview)).toContain('Import, forhåndsvisning: 5 linjer');
    expect(cardText(preview)).toContain('Linje 2: C-1001 oprettes');
    expect(await imported()).toBe(0);
    const batches = await db.prisma.importBatch.count();

    // Teams delivers the same activity again (no answer within 15 s): one preview, one batch.
    const again = await users.post(message);
    expect(delivered(again)).toHaveLength(0);
    expect(await db.prisma.importBatch.count()).toBe(batches);
    expect(h.logs.some((l) => l.event === 'teams.redelivery' && l.fields.type === 'file')).toBe(true);

    // Pressing apply (Action.Submit on the preview card, as older clients and the Emulator send it).
    const data = buttonData(preview, 'import.apply');
    expect(data).toMatchObject({ jobbot: 'action', actionId: 'import.apply' });
    const press = () => activity('card-submit', { serviceUrl: h.connector.url, user: 'mette', aadObjectId: AAD.mette, replyToId: sent[0]!.responseId! }, { id: `apply-${++seq}`, value: data });
    const applied = await users.post(press());
    expect(await imported()).toBe(5);
    const update = applied.find((c) => c.kind === 'update' && c.activityId === sent[0]!.responseId);
    expect(cardText(update?.body.attachments[0].content)).toContain('Importen er gennemført: 5 borgere oprettet, 0 ændret.');
    // A second press changes nothing.
    await users.post(press());
    expect(await imported()).toBe(5);
  });

  it('reads a file Danish Excel saved as Windows-1252', async () => {
    const text = 'reference;initialer;målgruppe;sagsbehandler;virksomhedskonsulent;kadence_dage;forløb_virksomhed;forløb_type;forløb_start;forløb_slut\nC-7001;ØÅ;jobparat;anne;;7;Søstrene Grene;praktik;16-11-2026;29-11-2026\n';
    h.connector.files.set('file-ansi', Buffer.from(text, 'latin1'));
    const [preview] = cardsIn(delivered(await users.post(sendFiles('mette', [{ id: 'file-ansi', name: 'sagsstamme.csv', fileType: 'csv' }])), personalChat('mette')));
    expect(cardText(preview)).toContain('Import, forhåndsvisning: 1 linje');
    expect(cardText(preview)).not.toContain('\uFFFD');
  });

  it('is for managers and admins only, one CSV at a time; other files and failed downloads get a friendly answer', async () => {
    const batches = await db.prisma.importBatch.count();
    const ask = async (message: Record<string, unknown>, user: keyof typeof AAD = 'mette') => {
      const cards = cardsIn(delivered(await users.post(message), personalChat(user)));
      expect(cards).toHaveLength(1);
      expect(isErrorCard(cards[0])).toBe(true);
      return cardText(cards[0]);
    };
    expect(await ask(sendFiles('anne', [await host('file-anne', 'caseload-valid.csv')]), 'anne')).toContain('Kun administratorer og teamets leder kan importere');
    h.connector.files.set('png', Buffer.from('not a csv'));
    expect(await ask(sendFiles('mette', [{ id: 'png', name: 'skærmbillede.png', fileType: 'png' }]))).toContain('skærmbillede.png er ikke en CSV-fil');
    expect(await ask(sendFiles('mette', [await host('two-a', 'caseload-valid.csv'), await host('two-b', 'caseload-changes.csv')]))).toContain('Send én CSV-fil ad gangen');
    h.connector.files.set('big', Buffer.alloc(MAX_IMPORT_FILE_BYTES + 1, 'a'));
    expect(await ask(sendFiles('mette', [{ id: 'big', name: 'sagsstamme.csv', fileType: 'csv' }]))).toContain('Filen er for stor');
    // The pre-authorised URL has expired (OneDrive answers 401/404).
    expect(await ask(sendFiles('mette', [{ id: 'expired', name: 'sagsstamme.csv', fileType: 'csv' }]))).toContain('Jeg kunne ikke hente filen fra Teams');
    expect(await db.prisma.importBatch.count()).toBe(batches);
  });

  it('in a channel: says that files work in the 1:1 chat, and downloads nothing', async () => {
    const calls = await users.post(sendFiles('mette', [await host('in-channel', 'caseload-valid.csv')], 'channel'));
    expect(calls.some((c) => c.kind === 'download')).toBe(false);
    const text = cardsIn(delivered(calls)).map(cardText).join('\n');
    expect(text).toContain('Filer kan jeg kun læse i din 1:1-chat med jobbot');
  });
});
