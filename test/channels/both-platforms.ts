// Slack and Teams harnesses on one database, with caseworker Anne linked on
// both platforms and her citizen C-1043: for tests that check one behaviour
// through both platforms' real endpoints.
import { createTeamFixture, MONDAY, type TeamFixture } from '../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';
import { startSlackHarness, type SlackHarness } from './slack/slack-harness.js';
import { startTeamsHarness, type TeamsHarness } from './teams/teams-harness.js';

export const ANNE_SLACK = 'U0ANNE';
export const ANNE_AAD = '0a1b2c3d-0000-4000-8000-0000000a0001';

export interface BothPlatforms {
  db: Database;
  team: TeamFixture;
  slack: SlackHarness;
  teams: TeamsHarness;
  close(): Promise<void>;
}

export async function startBothPlatforms(): Promise<BothPlatforms> {
  const db = await createTestDatabase();
  const team = await createTeamFixture(db.prisma);
  await db.prisma.staff.update({ where: { id: team.staff.anne }, data: { slackUserId: ANNE_SLACK, teamsAadObjectId: ANNE_AAD } });
  await db.prisma.citizen.create({ data: { teamId: team.teamId, ref: 'C-1043', caseworkerId: team.staff.anne, nextCheckInOn: new Date('2026-11-30') } });
  const slack = await startSlackHarness(db, { now: MONDAY, adminEmails: [] });
  const teams = await startTeamsHarness(db, { clock: () => MONDAY, adminEmails: [] });
  return {
    db,
    team,
    slack,
    teams,
    async close() {
      await slack.close();
      await teams.close();
      await db.close();
    },
  };
}
