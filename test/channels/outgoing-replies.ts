// Every kind of Reply and form the bot sends, for the contract tests that
// check each platform renderer's output against the platform's own
// validators (adaptive-card-contract.test.ts, block-kit-contract.test.ts).
// Pure: the shared Reply fixtures plus replies built by the real job code
// (check-in and consultant reminders, with stand-in groups and more items
// than get buttons) and edge cases at the renderers' limits.
import { readFileSync } from 'node:fs';
import { da } from '../../src/domain/i18n/da.js';
import { en } from '../../src/domain/i18n/en.js';
import { planCheckIns, planConsultantItems, type CheckInFact, type PlacementFact, type SubjectState } from '../../src/domain/reminder-rules.js';
import type { Reply } from '../../src/domain/reply.js';
import { buildForm, FORM_IDS, MAX_FORM_SUB_GOALS, subGoalFieldId, validateForm, type FormDefinition } from '../../src/handlers/forms.js';
import { checkInReply } from '../../src/jobs/checkin-reminders.js';
import { consultantReply } from '../../src/jobs/consultant-reminders.js';

export const TODAY = '2026-11-23';
/** A 1×1 PNG, standing in for the team chart where a real one is not needed. */
export const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==';
const none = new Map<string, SubjectState>();
const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

function checkInFacts(count: number): CheckInFact[] {
  return Array.from({ length: count }, (_, i) => ({
    citizenId: uuid(i),
    ref: `C-${1000 + i}`,
    due: i % 3 === 0 ? '2026-11-20' : i % 3 === 1 ? TODAY : '2026-11-26',
    ...(i % 4 === 3 ? { onBehalfOf: { handle: 'camilla', reason: 'left' as const } } : {}),
  }));
}

function placementFacts(count: number): PlacementFact[] {
  return Array.from({ length: count }, (_, i) => ({
    placementId: uuid(100 + i),
    citizenId: uuid(i),
    ref: `C-${2000 + i}`,
    company: i === 0 ? '[Klik her](https://evil.example) *Netto* <!channel>' : `Virksomhed ${i}`,
    type: i % 2 ? 'WAGE_SUBSIDY' : 'INTERNSHIP',
    startOn: '2026-11-09',
    plannedEndOn: i % 2 ? '2027-03-01' : '2026-11-24',
    followUpCadenceDays: 7,
    hasThreeParty: i % 3 !== 0,
  }));
}

/** Replies as the renderers get them: fixtures, real reminders, and replies at the limits. */
export function outgoingReplies(): Array<[string, Reply]> {
  const fixtures = JSON.parse(readFileSync(new URL('../fixtures/replies/replies.json', import.meta.url), 'utf8')) as Record<string, Reply | string>;
  const out = Object.entries(fixtures).filter((e): e is [string, Reply] => typeof e[1] !== 'string');
  for (const n of [1, 4, 40]) {
    out.push([`check-in reminder (${n})`, checkInReply(planCheckIns(TODAY, checkInFacts(n), none), 'da', TODAY)]);
    out.push([`consultant reminder (${n})`, consultantReply(planConsultantItems(TODAY, placementFacts(n), none), 'en', TODAY)]);
  }
  const long = 'Lang note om forløbet. '.repeat(250); // ~5,750 characters
  out.push([
    'over-long values',
    {
      text: long,
      blocks: [
        { type: 'header', text: long },
        { type: 'text', text: long },
        { type: 'fields', fields: Array.from({ length: 12 }, (_, i) => ({ label: `Felt ${i}`, value: long })) },
        { type: 'list', title: long, items: [long, 'kort'], moreText: long },
        { type: 'actions', actions: Array.from({ length: 30 }, (_, i) => ({ id: 'meeting.log', label: `Log samtale med ${long}`, value: `C-${i}` })) },
        { type: 'context', text: long },
      ],
      visibility: 'private',
      status: 'error',
    },
  ]);
  // A post with the team chart (issue 14): the PNG rides as base64 and becomes an Image in the card.
  out.push([
    'post with a chart',
    {
      text: 'Ugens tal – uge 48',
      blocks: [
        { type: 'header', text: '📊 Ugens tal – uge 48' },
        { type: 'list', title: 'Måltal for november 2026', items: ['praktikstarter: 2 af 4 ▓▓▓▓▓░░░░░ 50 %'] },
        { type: 'actions', actions: [{ id: 'milestone.post', label: 'Send til teamkanalen', value: 'Flot uge', style: 'primary' }] },
      ],
      visibility: 'channel',
      status: 'ok',
      attachment: { filename: 'maaltal-2026-11.png', contentType: 'image/png', encoding: 'base64', content: TINY_PNG, altText: 'Diagram over måltal og resultater for november 2026 og de seks måneder før: Praktikstarter: 2 af 4 (maj 0, jun 1).' },
    },
  ]);
  out.push(['many blocks', { text: 'x', blocks: Array.from({ length: 160 }, (_, i) => ({ type: 'text' as const, text: `Linje ${i}` })), visibility: 'private', status: 'ok' }]);
  return out;
}

const citizens = (n: number) => Array.from({ length: n }, (_, i) => ({ ref: `C-${1000 + i}`, initials: i % 2 ? 'AB' : null }));

/** Every form, empty and shown again with values and validation messages, for a small and a large caseload, in both languages. */
export function outgoingForms(): Array<{ name: string; form: FormDefinition; values?: Record<string, string>; errors?: Record<string, string> | null; notice?: string }> {
  const out: ReturnType<typeof outgoingForms> = [];
  for (const t of [da, en]) {
    for (const caseload of [0, 2, 150]) {
      for (const id of FORM_IDS) {
        const form = buildForm(id, { t, today: TODAY, citizens: citizens(caseload) });
        out.push({ name: `${id} (${caseload}, ${t === da ? 'da' : 'en'})`, form });
        const values = { citizen: 'C-1000', date: '2026-12-24', duration: 'en time', days: '14', hours: '7,5', cadence: '30', company: 'Netto' };
        out.push({ name: `${id} invalid (${caseload}, ${t === da ? 'da' : 'en'})`, form, values, errors: validateForm(form, values, t, TODAY), notice: t.teams.form.fixFields });
      }
    }
    // The target form with the team's people (more than it shows), their targets filled in, and errors beside a person's field.
    const people = Array.from({ length: 12 }, (_, i) => ({ id: `0a1b2c3d-0000-4000-8000-${String(i).padStart(12, '0')}`, handle: `medarbejder${i}` }));
    const prefill = { 'team:MEETINGS': '40', [`person:${people[0]!.id}:SUB_GOALS_REACHED`]: '6' };
    const form = buildForm('target', { t, today: TODAY, citizens: [], people, prefill });
    out.push({ name: `target with people (${t === da ? 'da' : 'en'})`, form });
    const values = { month: 'nope', 'team:MEETINGS': '2,5', [`person:${people[1]!.id}:JOB_OUTCOMES`]: '-3' };
    out.push({ name: `target with people invalid (${t === da ? 'da' : 'en'})`, form, values, errors: validateForm(form, values, t, TODAY), notice: t.teams.form.fixFields });
    // The meeting form opened for a citizen with the most open sub-goals it shows, at the longest text.
    const goals = Array.from({ length: MAX_FORM_SUB_GOALS + 2 }, (_, i) => ({ number: i + 1, text: `${i + 1} ${'ø'.repeat(198)}`, ...(i % 2 ? { deadline: '2026-12-18' } : {}) }));
    const withGoals = buildForm('meeting', { t, today: TODAY, citizens: citizens(2), prefill: { citizen: 'C-1000' }, subGoals: { ref: 'C-1000', goals } });
    out.push({ name: `meeting with sub-goals (${t === da ? 'da' : 'en'})`, form: withGoals });
    const ticked = { citizen: 'C-1000', kind: 'PHONE', date: TODAY, [subGoalFieldId('C-1000', 1)]: 'REACHED', [subGoalFieldId('C-1000', 2)]: 'MAYBE' };
    out.push({ name: `meeting with sub-goals invalid (${t === da ? 'da' : 'en'})`, form: withGoals, values: ticked, errors: validateForm(withGoals, ticked, t, TODAY), notice: t.teams.form.fixFields });
  }
  return out;
}
