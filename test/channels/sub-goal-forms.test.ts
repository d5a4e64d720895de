// Sub-goals in the meeting form (issue 14): a Slack modal or a Teams card
// opened for a citizen ("Log samtale" on a reminder) lists the citizen's open
// sub-goals, and the submission ticks them off (reached / dropped) with the
// meeting, in one change that Fortryd takes back whole. A bare form shows them
// once the citizen is picked (Slack: the select dispatches, views.update;
// Teams: "Vis delmål"), keeping what was typed. Real payload shapes: Slack
// block_actions (a button, and a select in the modal with its view) and
// view_submission state.values; Teams Action.Execute and Action.Submit data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../helpers/test-database.js';
import { databaseState } from '../helpers/world.js';
import { ANNE_AAD, ANNE_SLACK, startBothPlatforms, type BothPlatforms } from './both-platforms.js';
import { fixture, type SlackHarness } from './slack/slack-harness.js';
import { activity, cardText, isErrorCard, type TeamsHarness } from './teams/teams-harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('sub-goals in the meeting form', () => {
  let p: BothPlatforms;
  let db: Database;
  let slack: SlackHarness;
  let teams: TeamsHarness;
  let seq = 0;

  beforeAll(async () => {
    p = await startBothPlatforms();
    ({ db, slack, teams } = p);
    const citizen = await db.prisma.citizen.findFirstOrThrow({ where: { ref: 'C-1043' } });
    await db.prisma.citizen.create({ data: { teamId: p.team.teamId, ref: 'C-1044', caseworkerId: p.team.staff.anne } });
    const goal = (number: number, text: string, deadlineOn?: string) =>
      db.prisma.subGoal.create({ data: { citizenId: citizen.id, number, text, deadlineOn: deadlineOn ? new Date(deadlineOn) : null, createdById: p.team.staff.anne, source: 'CONSOLE' } });
    await goal(1, 'Opdatere CV', '2026-11-20');
    await goal(2, 'Søge 3 stillinger om ugen');
    await goal(3, 'Tage truckcertifikat');
    await goal(4, 'Møde op til praktikken');
    await db.prisma.subGoal.update({ where: { citizenId_number: { citizenId: citizen.id, number: 4 } }, data: { status: 'REACHED' } });
    // Bo's citizen, with an open sub-goal Anne may not see.
    const bos = await db.prisma.citizen.create({ data: { teamId: p.team.teamId, ref: 'C-2050', caseworkerId: p.team.staff.bo } });
    await db.prisma.subGoal.create({ data: { citizenId: bos.id, number: 1, text: 'Bos delmål', createdById: p.team.staff.bo, source: 'CONSOLE' } });
  });
  afterAll(async () => p?.close());

  const statuses = async () => (await db.prisma.subGoal.findMany({ where: { citizen: { ref: 'C-1043' } }, orderBy: { number: 'asc' } })).map((g) => g.status);
  const meetings = () => db.prisma.meeting.count({ where: { citizen: { ref: 'C-1043' } } });
  const state = async () => {
    const { counts, ...rows } = (await databaseState(db.prisma)) as { counts: Record<string, number> };
    const { audit: _audit, ...rest } = counts;
    return { counts: rest, ...rows };
  };

  describe('Slack', () => {
    let view: Json;
    beforeAll(async () => {
      const base = fixture<Json>('block-actions');
      await slack.interaction({
        ...base,
        trigger_id: 'subgoal-modal',
        response_url: slack.api.responseUrl('subgoal-button'),
        actions: [{ type: 'button', action_id: 'meeting.log', block_id: 'a1', value: 'C-1043', text: { type: 'plain_text', text: 'Log samtale' }, action_ts: '1700000002.000300' }],
      });
      view = slack.api.callsTo('views.open').at(-1)!.body.view as Json;
    });

    it('the modal opened from "Log samtale" lists the open sub-goals, each open until changed', () => {
      const goals = (view.blocks as Json[]).filter((b) => String(b.block_id).startsWith('subgoal-'));
      expect(goals.map((b) => b.block_id)).toEqual(['subgoal-1-C-1043', 'subgoal-2-C-1043', 'subgoal-3-C-1043']);
      expect(goals[0]!.label.text).toBe('Delmål 1: Opdatere CV (frist fre. 20. nov.)');
      expect(goals[0]!.element).toMatchObject({ type: 'static_select', action_id: 'subgoal-1-C-1043', initial_option: { value: 'OPEN' } });
      expect(goals[0]!.element.options.map((o: Json) => o.text.text)).toEqual(['Fortsætter (åbent)', 'Nået', 'Droppet']);
      expect(goals.every((b) => b.optional === true)).toBe(true);
    });

    describe('a bare /samtale: picking the citizen rebuilds the modal', () => {
      let bare: Json;
      beforeAll(async () => {
        await slack.command({ user_id: ANNE_SLACK, user_name: 'anne', command: '/samtale', text: '', trigger_id: 'bare-meeting', response_url: slack.api.responseUrl('bare-meeting') });
        bare = slack.api.callsTo('views.open').at(-1)!.body.view as Json;
      });
      const typed = (citizen: string) => ({
        citizen: { citizen: { type: 'static_select', selected_option: { value: citizen } } },
        kind: { kind: { type: 'static_select', selected_option: { value: 'PHONE' } } },
        date: { date: { type: 'datepicker', selected_date: '2026-11-20' } },
        duration: { duration: { type: 'number_input', value: '45' } },
        next: { next: { type: 'datepicker', selected_date: null } },
        note: { note: { type: 'plain_text_input', value: 'Talte om CV og truckkort' } },
      });
      const pick = async (citizen: string, state: Json = typed(citizen)) => {
        const base = fixture<Json>('block-actions-view-select');
        const before = slack.api.callsTo('views.update').length;
        await slack.interaction({
          ...base,
          user: { ...base.user, id: ANNE_SLACK },
          view: { ...base.view, id: 'V0BARE1', hash: `bare-${++seq}`, private_metadata: bare.private_metadata, blocks: bare.blocks, state: { values: state } },
          actions: [{ ...base.actions[0], selected_option: { text: { type: 'plain_text', text: citizen, emoji: true }, value: citizen } }],
        });
        const updates = slack.api.callsTo('views.update');
        expect(updates).toHaveLength(before + 1);
        return updates.at(-1)!.body as Json;
      };
      const block = (view: Json, id: string) => (view.blocks as Json[]).find((b) => b.block_id === id)!;
      const goalIds = (view: Json) => (view.blocks as Json[]).map((b) => String(b.block_id)).filter((id) => id.startsWith('subgoal-'));

      it('the bare modal shows no sub-goals yet, and its citizen picker dispatches its choice', () => {
        expect(goalIds(bare)).toEqual([]);
        expect(block(bare, 'citizen')).toMatchObject({ type: 'input', dispatch_action: true, element: { type: 'static_select', action_id: 'citizen' } });
      });

      it("picking a citizen updates the modal (its id and hash) with that citizen's open sub-goals and keeps what was typed", async () => {
        const update = await pick('C-1043');
        expect(update.view_id).toBe('V0BARE1');
        expect(update.hash).toBe(`bare-${seq}`);
        const view = update.view as Json;
        expect(goalIds(view)).toEqual(['subgoal-1-C-1043', 'subgoal-2-C-1043', 'subgoal-3-C-1043']);
        expect(block(view, 'subgoal-2-C-1043').label.text).toBe('Delmål 2: Søge 3 stillinger om ugen');
        expect(block(view, 'subgoal-1-C-1043').element.initial_option.value).toBe('OPEN');
        expect(block(view, 'citizen').element.initial_option.value).toBe('C-1043');
        expect(block(view, 'kind').element.initial_option.value).toBe('PHONE');
        expect(block(view, 'date').element.initial_date).toBe('2026-11-20');
        expect(block(view, 'duration').element.initial_value).toBe('45');
        expect(block(view, 'note').element.initial_value).toBe('Talte om CV og truckkort');
        expect(block(view, 'next').element.initial_date).toBeUndefined();
        expect(view.private_metadata).toBe(bare.private_metadata);
        expect(view.callback_id).toBe('jobbot.form');
      });

      it("picking another citizen replaces the first one's sub-goals, keeping the choices made for the same citizen", async () => {
        const chosen = { ...typed('C-1043'), 'subgoal-2-C-1043': { 'subgoal-2-C-1043': { type: 'static_select', selected_option: { value: 'REACHED' } } } };
        const same = (await pick('C-1043', chosen)).view as Json;
        expect(block(same, 'subgoal-2-C-1043').element.initial_option.value).toBe('REACHED');
        const other = (await pick('C-1044', { ...chosen, citizen: { citizen: { type: 'static_select', selected_option: { value: 'C-1044' } } } })).view as Json;
        expect(goalIds(other)).toEqual([]);
        expect(block(other, 'citizen').element.initial_option.value).toBe('C-1044');
      });

      it("a citizen Anne may not open shows no sub-goals (Bo's C-2050)", async () => {
        const view = (await pick('C-2050')).view as Json;
        expect(goalIds(view)).toEqual([]);
        expect(JSON.stringify(view)).not.toContain('Bos delmål');
      });
    });

    const submit = (values: Json) => {
      const submission = fixture<Json>('view-submission');
      return slack.interaction({
        ...submission,
        user: { ...submission.user, id: ANNE_SLACK },
        view: { ...submission.view, id: `V0GOAL${++seq}`, hash: `h${seq}`, private_metadata: view.private_metadata, state: { values } },
      });
    };
    const select = (id: string, value: string) => ({ [id]: { [id]: { type: 'static_select', selected_option: { value } } } });
    const meeting = (date: string) => ({
      citizen: { citizen: { type: 'static_select', selected_option: { value: 'C-1043' } } },
      kind: { kind: { type: 'static_select', selected_option: { value: 'PHONE' } } },
      date: { date: { type: 'datepicker', selected_date: date } },
      note: { note: { type: 'plain_text_input', value: null } },
    });

    it('a submission logs the meeting and closes the ticked sub-goals together; Fortryd takes all of it back', async () => {
      const before = await meetings();
      const res = await submit({ ...meeting('2026-11-23'), ...select('subgoal-1-C-1043', 'REACHED'), ...select('subgoal-2-C-1043', 'DROPPED'), ...select('subgoal-3-C-1043', 'OPEN') });
      expect(res.status).toBe(200);
      expect(res.body === '' || JSON.parse(res.body).response_action !== 'errors').toBe(true);
      expect(await meetings()).toBe(before + 1);
      expect(await statuses()).toEqual(['REACHED', 'DROPPED', 'OPEN', 'REACHED']);
      const answered = JSON.stringify(slack.api.calls.slice(-5).map((c) => c.body));
      expect(answered).toContain('Delmål 1 for C-1043 er nået. Godt gået!');
      expect(answered).toContain('Delmål 2 for C-1043 er droppet.');

      await slack.command({ user_id: ANNE_SLACK, user_name: 'anne', command: '/jobbot', text: 'fortryd', trigger_id: 'undo', response_url: slack.api.responseUrl('undo') });
      expect(await meetings()).toBe(before);
      expect(await statuses()).toEqual(['OPEN', 'OPEN', 'OPEN', 'REACHED']);
    });

    it('a sub-goal closed since the form opened refuses the whole submission on the modal, storing nothing', async () => {
      await db.prisma.subGoal.updateMany({ where: { citizen: { ref: 'C-1043' }, number: 3 }, data: { status: 'DROPPED' } });
      try {
        const before = await state();
        const res = await submit({ ...meeting('2026-11-20'), ...select('subgoal-1-C-1043', 'REACHED'), ...select('subgoal-3-C-1043', 'REACHED') });
        const answer = JSON.parse(res.body) as Json;
        expect(answer.response_action).toBe('errors');
        expect(JSON.stringify(answer.errors)).toContain('Delmål 3 er allerede droppet.');
        expect(await state()).toEqual(before);
      } finally {
        await db.prisma.subGoal.updateMany({ where: { citizen: { ref: 'C-1043' }, number: 3 }, data: { status: 'OPEN' } });
      }
    });
  });

  describe('Teams', () => {
    const execute = (data: Json) =>
      teams.post(activity('card-execute-invoke', { serviceUrl: teams.connector.url, user: 'anne', aadObjectId: ANNE_AAD, replyToId: `goal-card-${++seq}` }, {
        id: `goal-exec-${seq}`,
        value: { action: { type: 'Action.Execute', verb: 'form.meeting', data }, trigger: 'manual' },
      }));
    const inputs = (card: Json): Json[] => (card.body as Json[]).filter((e) => String(e.id ?? '').startsWith('subgoal-'));
    const form = { jobbot: 'form', form: 'meeting', citizen: 'C-1043', kind: 'INDIVIDUAL', date: '2026-11-19' };

    it('the card opened from "Log samtale" lists the open sub-goals as choices', async () => {
      const res = await execute({ jobbot: 'action', actionId: 'meeting.log', value: 'C-1043' });
      const goals = inputs(res.body.value);
      expect(goals.map((g) => g.id)).toEqual(['subgoal-1-C-1043', 'subgoal-2-C-1043', 'subgoal-3-C-1043']);
      expect(goals[1]).toMatchObject({ type: 'Input.ChoiceSet', value: 'OPEN', style: 'compact' });
      expect(goals[1]!.choices.map((c: Json) => c.title)).toEqual(['Fortsætter (åbent)', 'Nået', 'Droppet']);
      expect(JSON.stringify(goals[1]!.label)).toContain('Delmål 2: Søge 3 stillinger om ugen');
    });

    describe('a bare meeting card: "Vis delmål" shows the picked citizen\'s sub-goals', () => {
      const refresh = { jobbot: 'form', form: 'meeting', refresh: true };
      const typed = { citizen: 'C-1043', kind: 'PHONE', date: '2026-11-18', duration: '30', note: 'Talte om truckkort' };
      const actionTitles = (card: Json) => (card.actions as Json[]).map((a) => a.title);

      it('the bare card has no sub-goals, and a secondary "Vis delmål" action next to Gem', async () => {
        const res = await teams.post(activity('personal-message', { serviceUrl: teams.connector.url, user: 'anne', aadObjectId: ANNE_AAD, text: 'samtale' }, { id: `bare-msg-${++seq}` }));
        expect(res.status).toBe(200);
        const sent = teams.connector.cards().at(-1) as Json;
        expect(inputs(sent)).toEqual([]);
        expect(actionTitles(sent)).toEqual(['Gem', 'Vis delmål']);
        const show = (sent.actions as Json[])[1]!;
        expect(show).toMatchObject({ type: 'Action.Execute', data: refresh, fallback: { type: 'Action.Submit', data: refresh } });
      });

      it('Action.Execute "Vis delmål" answers with the card holding the citizen\'s open sub-goals and what was typed, saving nothing', async () => {
        const before = await state();
        const res = await teams.post(activity('card-execute-invoke', { serviceUrl: teams.connector.url, user: 'anne', aadObjectId: ANNE_AAD, replyToId: `goal-card-${++seq}` }, {
          id: `goal-refresh-${seq}`,
          value: { action: { type: 'Action.Execute', verb: 'form.meeting.refresh', data: { ...refresh, ...typed } }, trigger: 'manual' },
        }));
        const card = res.body.value as Json;
        expect(inputs(card).map((g) => g.id)).toEqual(['subgoal-1-C-1043', 'subgoal-2-C-1043', 'subgoal-3-C-1043']);
        expect(inputs(card)[0]).toMatchObject({ type: 'Input.ChoiceSet', value: 'OPEN' });
        const field = (id: string) => (card.body as Json[]).find((e) => e.id === id)!;
        expect(field('citizen').value).toBe('C-1043');
        expect(field('kind').value).toBe('PHONE');
        expect(field('date').value).toBe('2026-11-18');
        expect(field('duration').value).toBe(30);
        expect(field('note').value).toBe('Talte om truckkort');
        expect(actionTitles(card)).toEqual(['Gem', 'Vis delmål']);
        expect(await state()).toEqual(before);
      });

      it('Action.Submit "Vis delmål" (no Universal Actions) replaces the card the same way', async () => {
        const pressed = `goal-card-${++seq}`;
        const res = await teams.post(activity('card-submit', { serviceUrl: teams.connector.url, user: 'anne', aadObjectId: ANNE_AAD, replyToId: pressed }, {
          id: `goal-refresh-${seq}`,
          value: { ...refresh, ...typed, kind: 'INDIVIDUAL' },
        }));
        expect(res.status).toBe(200);
        const updated = teams.connector.delivered().at(-1)!;
        expect(updated).toMatchObject({ kind: 'update', activityId: pressed });
        const card = updated.body.attachments[0].content as Json;
        expect(inputs(card).map((g) => g.id)).toEqual(['subgoal-1-C-1043', 'subgoal-2-C-1043', 'subgoal-3-C-1043']);
      });

      it("a citizen Anne may not open (Bo's C-2050) shows no sub-goals", async () => {
        const res = await execute({ ...refresh, ...typed, citizen: 'C-2050' });
        expect(inputs(res.body.value)).toEqual([]);
        expect(JSON.stringify(res.body.value)).not.toContain('Bos delmål');
      });
    });

    it('an Action.Execute submission reaches and drops sub-goals with the meeting', async () => {
      const before = await meetings();
      const res = await execute({ ...form, 'subgoal-1-C-1043': 'REACHED', 'subgoal-3-C-1043': 'DROPPED', 'subgoal-2-C-1043': 'OPEN' });
      expect(isErrorCard(res.body.value)).toBe(false);
      expect(cardText(res.body.value)).toContain('Delmål 1 for C-1043 er nået.');
      expect(cardText(res.body.value)).toContain('Delmål 3 for C-1043 er droppet.');
      expect(await meetings()).toBe(before + 1);
      expect(await statuses()).toEqual(['REACHED', 'OPEN', 'DROPPED', 'REACHED']);
    });

    it('an Action.Submit from a client without Universal Actions does the same', async () => {
      const before = await meetings();
      const res = await teams.post(activity('card-submit', { serviceUrl: teams.connector.url, user: 'anne', aadObjectId: ANNE_AAD, replyToId: `goal-card-${++seq}` }, {
        id: `goal-submit-${seq}`,
        value: { ...form, kind: 'PHONE', 'subgoal-2-C-1043': 'REACHED' },
      }));
      expect(res.status).toBe(200);
      expect(await meetings()).toBe(before + 1);
      expect(await statuses()).toEqual(['REACHED', 'REACHED', 'DROPPED', 'REACHED']);
    });

    it('choices for another citizen than the one picked, or an unknown choice, are refused on the card, storing nothing', async () => {
      await db.prisma.subGoal.updateMany({ where: { citizen: { ref: 'C-1043' }, number: { in: [1, 2, 3] } }, data: { status: 'OPEN' } });
      const before = await state();
      const other = await execute({ ...form, citizen: 'C-1044', 'subgoal-1-C-1043': 'REACHED' });
      expect(cardText(other.body.value)).toContain('Delmålene i formularen hører til C-1043');
      const invalid = await execute({ ...form, 'subgoal-2-C-1043': 'MAYBE' });
      expect(cardText(invalid.body.value)).toContain('Vælg en af mulighederne.');
      // The card comes back with the sub-goals and what was chosen.
      expect(inputs(invalid.body.value).map((g) => g.id)).toEqual(['subgoal-1-C-1043', 'subgoal-2-C-1043', 'subgoal-3-C-1043']);
      expect(await state()).toEqual(before);
    });
  });
});
