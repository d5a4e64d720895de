// Mentor support (issue 14) through both platforms' real endpoints: the same
// text as in the console, as a Slack slash command and as a Teams message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNE_AAD, ANNE_SLACK, startBothPlatforms, type BothPlatforms } from './both-platforms.js';
import { activity } from './teams/teams-harness.js';

describe('/citizen mentor on Slack and Teams', () => {
  let p: BothPlatforms;
  beforeAll(async () => {
    p = await startBothPlatforms();
  });
  afterAll(async () => p?.close());

  const supports = () => p.db.prisma.mentorSupport.findMany({ where: { citizen: { ref: 'C-1043' } }, orderBy: { kind: 'asc' } });

  it('records mentor support from a Slack slash command', async () => {
    await p.slack.command({ user_id: ANNE_SLACK, user_name: 'anne', command: '/borger', text: 'mentor C-1043 virksomhedsmentor org:"Bygma Vest" til:4/12', trigger_id: 'mentor-1', response_url: p.slack.api.responseUrl('mentor-1') });
    expect(JSON.stringify(p.slack.api.callsTo('response_url').at(-1)!.body)).toContain('Mentorstøtte for C-1043 er registreret: virksomhedsmentor (Bygma Vest)');
    expect(await supports()).toMatchObject([{ kind: 'WORKPLACE', organisation: 'Bygma Vest' }]);
  });

  it('records mentor support from a Teams message', async () => {
    const message = activity('personal-message', { serviceUrl: p.teams.connector.url, user: 'anne', aadObjectId: ANNE_AAD, text: 'borger mentor C-1043 uddannelsesmentor org:"VUC Vest"' }, { id: 'mentor-msg-1' });
    expect((await p.teams.post(message)).status).toBe(200);
    expect(JSON.stringify(p.teams.connector.calls.at(-1)!.body)).toContain('Mentorstøtte for C-1043 er registreret: uddannelsesmentor (VUC Vest)');
    expect(await supports()).toMatchObject([{ kind: 'WORKPLACE' }, { kind: 'EDUCATION', organisation: 'VUC Vest' }]);
  });
});
