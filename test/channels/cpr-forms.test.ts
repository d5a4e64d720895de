// The CPR guard on the platforms' form paths (issue 10): every shape in the
// case table typed into a Slack modal field or a Teams card input is refused
// on the form, and the database is unchanged afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CPR_SHAPES } from '../helpers/cpr-cases.js';
import type { Database } from '../helpers/test-database.js';
import { ANNE_AAD, ANNE_SLACK, startBothPlatforms, type BothPlatforms } from './both-platforms.js';
import { cprShapedValuesStored, databaseState } from '../helpers/world.js';
import { fixture, type SlackHarness } from './slack/slack-harness.js';
import { activity, cardText, isErrorCard, type TeamsHarness } from './teams/teams-harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('CPR numbers in platform forms', () => {
  let p: BothPlatforms;
  let db: Database;
  let slack: SlackHarness;
  let teams: TeamsHarness;
  let seq = 0;

  beforeAll(async () => {
    p = await startBothPlatforms();
    ({ db, slack, teams } = p);
  });
  afterAll(async () => p?.close());

  /** The database apart from the audit log, which records refused attempts. */
  const state = async () => {
    const { counts, ...rows } = (await databaseState(db.prisma)) as { counts: Record<string, number> };
    const { audit: _audit, ...rest } = counts;
    return { counts: rest, ...rows };
  };

  describe('a Slack modal (view_submission)', () => {
    let privateMetadata = '';
    beforeAll(async () => {
      await slack.command({ user_id: ANNE_SLACK, user_name: 'anne', command: '/samtale', text: '', trigger_id: 'cpr-modal', response_url: slack.api.responseUrl('cpr-modal') });
      privateMetadata = String((slack.api.callsTo('views.open')[0]!.body.view as Json).private_metadata);
    });

    it.each(CPR_SHAPES)('refuses %s in the note, on the field, storing nothing', async (_why, shape) => {
      const before = await state();
      const submission = fixture<Json>('view-submission');
      const res = await slack.interaction({
        ...submission,
        user: { ...submission.user, id: ANNE_SLACK },
        view: {
          ...submission.view,
          id: `V0CPR${++seq}`,
          hash: `h${seq}`,
          private_metadata: privateMetadata,
          state: {
            values: {
              citizen: { citizen: { type: 'static_select', selected_option: { value: 'C-1043' } } },
              kind: { kind: { type: 'static_select', selected_option: { value: 'PHONE' } } },
              date: { date: { type: 'datepicker', selected_date: '2026-11-23' } },
              note: { note: { type: 'plain_text_input', value: `ring ${shape}` } },
            },
          },
        },
      });
      expect(res.status).toBe(200);
      const answer = JSON.parse(res.body) as Json;
      expect(answer.response_action).toBe('errors');
      expect(answer.errors.note).toContain('CPR-nummer');
      expect(await state()).toEqual(before);
    });
  });

  describe('a Teams card (Action.Execute invoke)', () => {
    it.each(CPR_SHAPES)('refuses %s in the note, on the card, storing nothing', async (_why, shape) => {
      const before = await state();
      const invoke = activity('card-execute-invoke', { serviceUrl: teams.connector.url, user: 'anne', aadObjectId: ANNE_AAD, replyToId: `form-${++seq}` }, {
        id: `cpr-exec-${seq}`,
        value: { action: { type: 'Action.Execute', verb: 'form.meeting', data: { jobbot: 'form', form: 'meeting', citizen: 'C-1043', kind: 'PHONE', date: '2026-11-23', note: `ring ${shape}` } }, trigger: 'manual' },
      });
      const res = await teams.post(invoke);
      expect(res.status).toBe(200);
      expect(isErrorCard(res.body.value)).toBe(true);
      expect(cardText(res.body.value)).toContain('CPR-nummer');
      expect(await state()).toEqual(before);
    });
  });

  it('nothing CPR-shaped is stored anywhere afterwards', async () => {
    expect(await cprShapedValuesStored(db.prisma)).toEqual([]);
  });
});
