// CSV exports in Teams through the FileConsentCard flow: the real endpoint
// (TEAMS_AUTH=off), a real database and the fake Bot Connector, which also
// serves the OneDrive upload URL a fileConsent/invoke carries. The file
// waits in memory only, for its owner only, for a limited time.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FILE_CONSENT_CONTENT_TYPE, FILE_INFO_CONTENT_TYPE } from '../../../src/channels/teams/file-consent.js';
import { toDbDate } from '../../../src/domain/local-date.js';
import { readCsv } from '../../../src/handlers/import/csv-files.js';
import { createTeamFixture, MONDAY, type TeamFixture } from '../../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../../helpers/test-database.js';
import { activity, CHANNEL, cardText, delivered, isErrorCard, personalChat, startTeamsHarness, TeamsUsers, type ConnectorCall, type TeamsHarness } from './teams-harness.js';

const AAD = {
  mette: '0a1b2c3d-0000-4000-8000-00000000e777',
  anne: '0a1b2c3d-0000-4000-8000-0000000a0001',
} as const;
type User = keyof typeof AAD;
const METTE = personalChat('mette');
const FILENAME = 'sagsstamme-vest-2026-11-23.csv';

let db: Database;
let f: TeamFixture;
let h: TeamsHarness;
let users: TeamsUsers;
let invokes = 0;

/** The file consent card among these calls, with the id of the activity that carried it. */
function consentIn(calls: readonly ConnectorCall[], conversationId = METTE): { activityId: string; attachment: any } {
  const found = delivered(calls, conversationId).filter((c) => c.body.attachments?.some((a: any) => a.contentType === FILE_CONSENT_CONTENT_TYPE));
  expect(found).toHaveLength(1);
  const call = found[0]!;
  // Teams echoes the consent card's activity id as the invoke's replyToId.
  return { activityId: call.responseId!, attachment: call.body.attachments.find((a: any) => a.contentType === FILE_CONSENT_CONTENT_TYPE) };
}

/** Allow or Decline pressed on the consent card. */
function consentInvoke(user: User, action: 'accept' | 'decline', fileId: string, uploadId: string, extra: Record<string, unknown> = {}) {
  const vars = { serviceUrl: h.connector.url, user, aadObjectId: AAD[user], replyToId: 'consent-card-1', fileId, fileName: FILENAME, uploadUrl: h.connector.uploadUrl(uploadId), uniqueId: `unique-${uploadId}` };
  const invoke = activity('file-consent-invoke', vars, { id: `f:consent-${++invokes}`, ...extra });
  if (action === 'decline') invoke.value = { type: 'fileUpload', action: 'decline', context: { jobbotFile: fileId } };
  return invoke;
}

async function pressConsent(invoke: Record<string, any>) {
  const before = h.connector.calls.length;
  const res = await h.post(invoke);
  expect(res.status).toBe(200);
  return h.connector.calls.slice(before);
}

async function exportInPersonalChat(user: User = 'mette', command = 'caseload export') {
  const calls = await users.send(user, command);
  return { calls, consent: consentIn(calls, personalChat(user)) };
}

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createTeamFixture(db.prisma);
  for (const user of Object.keys(AAD) as User[]) await db.prisma.staff.update({ where: { id: f.staff[user] }, data: { teamsAadObjectId: AAD[user] } });
  const citizen = (teamId: string, ref: string, caseworkerId: string, initials?: string) =>
    db.prisma.citizen.create({ data: { teamId, ref, caseworkerId, initials, nextCheckInOn: toDbDate('2026-11-20') } });
  await citizen(f.teamId, 'C-1042', f.staff.anne, 'AB');
  await citizen(f.teamId, 'C-1043', f.staff.bo);
  await citizen(f.otherTeamId, 'C-900', f.staff.olga);
  h = await startTeamsHarness(db, { clock: () => MONDAY, adminEmails: [] });
  users = new TeamsUsers(h, AAD, 'files');
});

afterAll(async () => {
  await h?.close();
  await db?.close();
});

beforeEach(() => h.connector.reset());

describe('CSV export in a personal chat', () => {
  it('answers with the summary card and a file consent card: name, size, a warning, only an id as context', async () => {
    const { calls, consent } = await exportInPersonalChat();
    const cards = delivered(calls, METTE).flatMap((c) => c.body.attachments).filter((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0].content)).toContain('Sagsstamme: 2 rækker som CSV');
    expect(consent.attachment.name).toBe(FILENAME);
    expect(consent.attachment.content.sizeInBytes).toBeGreaterThan(100);
    expect(consent.attachment.content.description).toContain('borgeroplysninger');
    expect(consent.attachment.content.acceptContext).toEqual({ jobbotFile: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(consent.attachment.content.declineContext).toEqual(consent.attachment.content.acceptContext);
    // The bytes stay with the bot until the user allows the upload.
    expect(JSON.stringify(calls.map((c) => c.body))).not.toMatch(/C-1042|AB;/);
    expect(calls.some((c) => c.kind === 'upload')).toBe(false);
  });

  it('on Allow: PUTs the exact CSV bytes to the upload URL, replaces the consent card and sends a file info card', async () => {
    const { consent } = await exportInPersonalChat();
    const fileId = consent.attachment.content.acceptContext.jobbotFile;
    const calls = await pressConsent(consentInvoke('mette', 'accept', fileId, 'u-1', { replyToId: consent.activityId }));

    const upload = h.connector.uploads.get('u-1');
    expect(upload).toBeDefined();
    const bytes = upload!.bytes;
    expect(bytes.length).toBe(consent.attachment.content.sizeInBytes);
    expect(upload!.headers['content-range']).toBe(`bytes 0-${bytes.length - 1}/${bytes.length}`);
    expect(upload!.headers['content-length']).toBe(String(bytes.length));
    // Excel-friendly: UTF-8 with a byte-order mark, semicolons; it reads back.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = readCsv(bytes.toString('utf8'))!;
    expect(rows.map((r) => r.cells[0])).toEqual(['reference', 'C-1042', 'C-1043']);
    expect(rows[1]!.cells[1]).toBe('AB');

    const update = calls.find((c) => c.kind === 'update');
    expect(update).toMatchObject({ conversationId: METTE, activityId: consent.activityId, status: 200 });
    expect(cardText(update!.body.attachments[0].content)).toBe(`Filen ${FILENAME} ligger nu i din OneDrive (mappen Microsoft Teams Chat Files).`);
    const info = delivered(calls, METTE).flatMap((c) => c.body.attachments).find((a: any) => a.contentType === FILE_INFO_CONTENT_TYPE);
    expect(info).toEqual({
      contentType: FILE_INFO_CONTENT_TYPE,
      contentUrl: `https://kommune-my.sharepoint.com/personal/mette_kommune_dk/Documents/Microsoft%20Teams%20Chat%20Files/${FILENAME}`,
      name: FILENAME,
      content: { uniqueId: 'unique-u-1', fileType: 'csv' },
    });
    // The order a user sees: uploaded, then the card says so, then the file.
    expect(calls.map((c) => c.kind).filter((k) => k !== 'member')).toEqual(['upload', 'update', 'reply']);
    const audit = await db.prisma.auditLog.findMany({ where: { action: 'export.file.delivered', actorId: f.staff.mette } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ channel: 'TEAMS', details: { bytes: bytes.length } });
  });

  it('uploads once: Allow pressed again (or the invoke redelivered) finds the file gone', async () => {
    const { consent } = await exportInPersonalChat();
    const fileId = consent.attachment.content.acceptContext.jobbotFile;
    await pressConsent(consentInvoke('mette', 'accept', fileId, 'u-2'));
    const again = await pressConsent(consentInvoke('mette', 'accept', fileId, 'u-3'));
    expect(h.connector.uploads.has('u-3')).toBe(false);
    const update = again.find((c) => c.kind === 'update');
    expect(isErrorCard(update!.body.attachments[0].content)).toBe(true);
    expect(cardText(update!.body.attachments[0].content)).toContain('Filen er ikke længere klar');
  });

  it('on Decline: says so in place of the consent card, uploads nothing and forgets the file', async () => {
    const { consent } = await exportInPersonalChat();
    const fileId = consent.attachment.content.declineContext.jobbotFile;
    const calls = await pressConsent(consentInvoke('mette', 'decline', fileId, 'u-4', { replyToId: consent.activityId }));
    expect(calls.some((c) => c.kind === 'upload')).toBe(false);
    const update = calls.find((c) => c.kind === 'update');
    expect(update?.activityId).toBe(consent.activityId);
    expect(cardText(update!.body.attachments[0].content)).toBe(`Du sagde nej tak, så ${FILENAME} er kasseret og ikke gemt nogen steder. Skriv kommandoen igen, hvis du får brug for filen.`);
    // Allow after Decline: nothing left to upload.
    await pressConsent(consentInvoke('mette', 'accept', fileId, 'u-5'));
    expect(h.connector.uploads.size).toBe(0);
    expect(h.logs.some((l) => l.event === 'teams.file.declined')).toBe(true);
  });

  it('a failed upload keeps the file for another Allow, and it then goes up once', async () => {
    const { consent } = await exportInPersonalChat();
    const fileId = consent.attachment.content.acceptContext.jobbotFile;
    h.connector.failNextUpload(503);
    const failed = await pressConsent(consentInvoke('mette', 'accept', fileId, 'u-6'));
    expect(h.connector.uploads.size).toBe(0);
    const [card] = delivered(failed, METTE).map((c) => c.body.attachments[0].content);
    expect(isErrorCard(card)).toBe(true);
    expect(cardText(card)).toContain('Jeg kunne ikke lægge filen i din OneDrive');
    expect(h.logs.some((l) => l.event === 'teams.file.upload-failed' && l.fields.status === 503)).toBe(true);

    await pressConsent(consentInvoke('mette', 'accept', fileId, 'u-7'));
    expect([...h.connector.uploads.keys()]).toEqual(['u-7']);
  });

  it('only the person who asked can accept the file', async () => {
    const { consent } = await exportInPersonalChat();
    const fileId = consent.attachment.content.acceptContext.jobbotFile;
    const calls = await pressConsent(consentInvoke('anne', 'accept', fileId, 'u-8'));
    expect(h.connector.uploads.size).toBe(0);
    expect(cardText(calls.find((c) => c.kind === 'update')!.body.attachments[0].content)).toContain('Filen er ikke længere klar');
    // Still there for mette.
    await pressConsent(consentInvoke('mette', 'accept', fileId, 'u-9'));
    expect([...h.connector.uploads.keys()]).toEqual(['u-9']);
  });

  it('targets export is offered the same way', async () => {
    const { consent } = await exportInPersonalChat('mette', 'targets export');
    expect(consent.attachment.name).toBe('maal-vest-2026-11-23.csv');
  });

  it('a caseworker gets the refusal and no file', async () => {
    const calls = await users.send('anne', 'caseload export');
    const attachments = delivered(calls).flatMap((c) => c.body.attachments);
    expect(attachments).toHaveLength(1);
    expect(isErrorCard(attachments[0].content)).toBe(true);
    expect(cardText(attachments[0].content)).toContain('Kun ledere');
  });
});

describe('CSV export asked for in a team channel', () => {
  it('offers the file only in the asker\'s 1:1 chat; the channel gets a notice without citizen data', async () => {
    const calls = await users.send('mette', 'caseload export', 'channel');
    const inChannel = calls.filter((c) => c.conversationId?.startsWith(CHANNEL));
    expect(inChannel).toHaveLength(1);
    expect(inChannel[0]!.body.attachments.map((a: any) => a.contentType)).toEqual(['application/vnd.microsoft.card.adaptive']);
    expect(cardText(inChannel[0]!.body.attachments[0].content)).toContain('privat');
    expect(JSON.stringify(inChannel[0]!.body)).not.toMatch(/C-10|\.csv/);
    // The summary and the consent card in the stored personal chat, as new posts.
    const consent = consentIn(calls, METTE);
    expect(consent.attachment.name).toBe(FILENAME);
    expect(delivered(calls, METTE).map((c) => c.kind)).toEqual(['send', 'send']);
    const fileId = consent.attachment.content.acceptContext.jobbotFile;
    await pressConsent(consentInvoke('mette', 'accept', fileId, 'u-10'));
    expect(h.connector.uploads.has('u-10')).toBe(true);
  });
});

describe('the pending file expires', () => {
  it('is gone after its time to live', async () => {
    let now = 0;
    const short = await startTeamsHarness(db, { clock: () => MONDAY, adminEmails: [] }, { connector: h.connector, files: { ttlMs: 60_000, now: () => now } });
    try {
      const send = new TeamsUsers(short, AAD, 'ttl');
      const calls = await send.send('mette', 'caseload export');
      const fileId = consentIn(calls).attachment.content.acceptContext.jobbotFile;
      now = 60_001;
      const res = await short.post(consentInvoke('mette', 'accept', fileId, 'u-11'));
      expect(res.status).toBe(200);
      expect(h.connector.uploads.size).toBe(0);
      const update = h.connector.calls.find((c) => c.kind === 'update');
      expect(cardText(update!.body.attachments[0].content)).toBe(
        'Filen er ikke længere klar: jobbot gemmer den kun i 1 minut og aldrig på disk. Skriv kommandoen igen for at få en ny.',
      );
    } finally {
      await short.close();
    }
  });

  it('a consent card from before a restart (another process) has expired too', async () => {
    const calls = await users.send('mette', 'caseload export');
    const fileId = consentIn(calls).attachment.content.acceptContext.jobbotFile;
    const restarted = await startTeamsHarness(db, { clock: () => MONDAY, adminEmails: [] }, { connector: h.connector });
    try {
      expect((await restarted.post(consentInvoke('mette', 'accept', fileId, 'u-12'))).status).toBe(200);
      expect(h.connector.uploads.size).toBe(0);
    } finally {
      await restarted.close();
    }
  });
});

describe('privacy', () => {
  it('never logs file contents, names or citizen data', () => {
    const logged = JSON.stringify(h.logs);
    expect(logged).not.toContain('C-1042');
    expect(logged).not.toContain('sagsstamme');
    expect(logged).not.toContain('reference;');
  });
});
