// Every message the bot posts in Teams carries activity.summary, the text
// notifications and the chat list show; without it they read "sent a card".
// Answers, forms, errors, file consent and file info cards, updates of a card
// and proactive messages, through the real endpoint and the fake connector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_CONSENT_CONTENT_TYPE } from '../../../src/channels/teams/file-consent.js';
import { okReply } from '../../../src/domain/reply.js';
import { toDbDate } from '../../../src/domain/local-date.js';
import { createTeamFixture, MONDAY, type TeamFixture } from '../../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../../helpers/test-database.js';
import { activity, delivered, personalChat, startTeamsHarness, TeamsUsers, type TeamsHarness } from './teams-harness.js';

const AAD = { mette: '0a1b2c3d-0000-4000-8000-00000000e777' } as const;

let db: Database;
let f: TeamFixture;
let h: TeamsHarness;
let users: TeamsUsers;

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createTeamFixture(db.prisma);
  await db.prisma.staff.update({ where: { id: f.staff.mette }, data: { teamsAadObjectId: AAD.mette } });
  await db.prisma.citizen.create({ data: { teamId: f.teamId, ref: 'C-1042', caseworkerId: f.staff.anne, initials: 'AB', nextCheckInOn: toDbDate('2026-11-20') } });
  h = await startTeamsHarness(db, { clock: () => MONDAY, adminEmails: [] });
  users = new TeamsUsers(h, AAD, 'summary');
});

afterAll(async () => {
  await h?.close();
  await db?.close();
});

describe('activity.summary', () => {
  it('is on every answer, form, error, file card, card update and proactive message', async () => {
    await users.send('mette', 'caseload');
    await users.send('mette', 'samtale');
    await users.send('mette', 'nosuchcommand');
    const exported = await users.send('mette', 'caseload export');
    const consentCall = delivered(exported).find((c) => c.body.attachments?.some((a: any) => a.contentType === FILE_CONSENT_CONTENT_TYPE))!;
    const consent = consentCall.body.attachments[0];
    const vars = {
      serviceUrl: h.connector.url,
      user: 'mette',
      aadObjectId: AAD.mette,
      replyToId: consentCall.responseId!,
      fileId: consent.content.acceptContext.jobbotFile,
      fileName: consent.name,
      uploadUrl: h.connector.uploadUrl('summary-1'),
      uniqueId: 'unique-summary-1',
    };
    expect((await h.post(activity('file-consent-invoke', vars, { id: 'summary-consent' }))).status).toBe(200);
    const ref = await db.prisma.conversationRef.findFirstOrThrow({ where: { staffId: f.staff.mette } });
    expect(ref.scope).toBe('personal');
    expect((await h.teams.outbound.send({ audience: 'dm', staffId: f.staff.mette }, okReply('Påmindelse: C-1042 mangler opfølgning'))).ok).toBe(true);

    const posted = delivered(h.connector.calls, personalChat('mette'));
    expect(new Set(posted.map((c) => c.kind))).toEqual(new Set(['reply', 'send', 'update']));
    expect(posted.length).toBeGreaterThanOrEqual(7);
    for (const call of posted) {
      expect(typeof call.body.summary, JSON.stringify(call.body).slice(0, 200)).toBe('string');
      expect(call.body.summary.trim().length).toBeGreaterThan(0);
      expect(call.body.summary.length).toBeLessThanOrEqual(150);
      expect(call.body.summary).not.toContain('\n');
    }
    const summaries = posted.map((c) => c.body.summary as string);
    expect(summaries).toContain(consent.name);
    expect(summaries).toContain('Påmindelse: C-1042 mangler opfølgning');
  });
});
