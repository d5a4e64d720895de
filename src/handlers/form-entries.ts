// What each form's values become: the entry a typed command would have
// produced, handed to the same record function (recordMeeting, …). Used by
// form-submission.ts and by the "Log igen" button after a form's duplicate.
import {
  FOLLOW_UP_OUTCOMES,
  MEETING_KINDS,
  OUTCOME_KINDS,
  PLACEMENT_END_REASONS,
  PLACEMENT_TYPES,
  TARGET_GROUPS,
} from '../domain/enums.js';
import { errorReply, type Reply } from '../domain/reply.js';
import { fail, ok, type Checked } from './arguments.js';
import type { SubGoalMarks } from './goals/sub-goal-marks.js';
import { recordTargets } from './caseload/target-form.js';
import { recordCitizenAdd } from './citizen/citizen-add.js';
import type { HandlerContext } from './context.js';
import { buildForm, parseSubGoalFieldId, parseTargetFieldId, subGoalsInValues, validateForm, type FormId, type FormValues } from './forms.js';
import { recordMeeting } from './meeting/log-meeting.js';
import { recordOutcome } from './outcome/log-outcome.js';
import { recordFollowUp, recordPlacementEnd } from './placement/placement-change.js';
import { recordPlacementStart } from './placement/placement-start.js';

/**
 * "Log igen" after a form's likely duplicate: the values came back from a
 * client, so every field is checked again before the entry is saved.
 */
export async function repeatFormEntry(ctx: HandlerContext, formId: FormId, submitted: FormValues): Promise<Reply> {
  const values = trimmed(submitted);
  const form = buildForm(formId, { t: ctx.t, today: ctx.today, citizens: [], subGoals: subGoalsInValues(values) });
  const errors = validateForm(form, values, ctx.t, ctx.today);
  if (errors) return errorReply(Object.values(errors).join(' '));
  return FORM_ENTRIES[formId].run(ctx, values, true);
}

export type Values = Readonly<Record<string, string | undefined>>;

interface FormEntry {
  /** The command the entry stands for, as named in the undo journal. */
  command: string;
  run(ctx: HandlerContext, values: Values, again: boolean): Promise<Reply>;
}

/** The form's values as the record functions take them; validateForm has checked every shape already. */
export const FORM_ENTRIES: Record<FormId, FormEntry> = {
  meeting: {
    command: 'meeting',
    run: (ctx, v, again) => {
      const marks = subGoalMarks(ctx, v);
      if (!marks.ok) return Promise.resolve(marks.reply);
      return recordMeeting(
        ctx,
        {
          ref: ref(v),
          kind: oneOf(MEETING_KINDS, v.kind, 'INDIVIDUAL'),
          heldOn: v.date ?? ctx.today,
          heldOnTyped: true,
          durationMinutes: number(v.duration) === undefined ? undefined : Math.round(number(v.duration) ?? 0),
          next: v.next,
          withHandles: [],
          note: v.note ?? null,
          again,
          subGoals: marks.value,
        },
        { form: 'meeting', values: v },
      );
    },
  },
  placement: {
    command: 'placement',
    run: (ctx, v) => {
      const days = number(v.days);
      return recordPlacementStart(ctx, {
        ref: ref(v),
        company: v.company ?? '',
        type: oneOf(PLACEMENT_TYPES, v.type, 'INTERNSHIP'),
        startOn: v.from ?? ctx.today,
        startTyped: true,
        length: days === undefined ? undefined : { days },
        weeklyHours: number(v.hours) ?? null,
      });
    },
  },
  followup: {
    command: 'placement',
    run: (ctx, v) =>
      recordFollowUp(ctx, {
        ref: ref(v),
        outcome: oneOf(FOLLOW_UP_OUTCOMES, v.outcome, 'CONTINUE'),
        endReason: v.reason === undefined ? undefined : oneOf(PLACEMENT_END_REASONS, v.reason, 'OTHER'),
        extendTo: v.until ? { until: v.until } : undefined,
        note: v.note ?? null,
        heldOn: v.date ?? ctx.today,
        ordinaryHours: number(v.hours),
      }),
  },
  'placement-end': {
    command: 'placement',
    run: (ctx, v) =>
      recordPlacementEnd(ctx, { ref: ref(v), reason: oneOf(PLACEMENT_END_REASONS, v.reason, 'OTHER'), endedOn: v.date ?? ctx.today, endedOnTyped: true }),
  },
  outcome: {
    command: 'outcome',
    run: (ctx, v, again) =>
      recordOutcome(
        ctx,
        {
          ref: ref(v),
          kind: oneOf(OUTCOME_KINDS, v.kind, 'ORDINARY_JOB'),
          weeklyHours: number(v.hours) ?? null,
          occurredOn: ctx.today,
          occurredOnTyped: false,
          employer: v.employer ?? null,
          again,
        },
        { form: 'outcome', values: v },
      ),
  },
  citizen: {
    command: 'citizen',
    run: (ctx, v) =>
      recordCitizenAdd(ctx, {
        ref: (v.ref ?? '').toUpperCase(),
        initials: v.initials?.toUpperCase() ?? null,
        group: oneOf(TARGET_GROUPS, v.group, 'JOBPARAT'),
        // Blank: the group's default cadence in the rules table.
        cadence: number(v.cadence),
      }),
  },
  target: {
    command: 'target',
    // Every filled-in measure, the team's and each person's; blank fields are left as they are.
    run: (ctx, v) =>
      recordTargets(ctx, {
        month: v.month ? `${v.month}-01` : ctx.today,
        targets: Object.entries(v).flatMap(([id, raw]) => {
          const field = parseTargetFieldId(id);
          const target = number(raw);
          return field && target !== undefined ? [{ ...field, target }] : [];
        }),
      }),
  },
};

export function trimmed(values: FormValues): Values {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(values)) {
    const v = value?.trim();
    out[key] = v ? v : undefined;
  }
  return out;
}

const ref = (v: Values): string => (v.citizen ?? '').toUpperCase();

/**
 * The sub-goals ticked off in a meeting form: reached and dropped, by number.
 * Choices for another citizen than the one picked (the picker was changed
 * after the form opened) are refused rather than applied to the wrong person.
 */
function subGoalMarks(ctx: HandlerContext, v: Values): Checked<SubGoalMarks[]> {
  const byStatus: Record<SubGoalMarks['status'], number[]> = { REACHED: [], DROPPED: [] };
  for (const [key, value] of Object.entries(v)) {
    const field = parseSubGoalFieldId(key);
    if (!field || (value !== 'REACHED' && value !== 'DROPPED')) continue;
    if (field.ref.toUpperCase() !== ref(v)) return fail(ctx.t.forms.subGoalsOtherCitizen(field.ref));
    byStatus[value].push(field.number);
  }
  return ok((['REACHED', 'DROPPED'] as const).flatMap((status) => (byStatus[status].length ? [{ status, numbers: byStatus[status].sort((a, b) => a - b) }] : [])));
}


/** A validated number field ("7,5" allowed). */
function number(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : Number(raw.replace(',', '.'));
}

function oneOf<T extends string>(allowed: readonly T[], raw: string | undefined, fallback: T): T {
  return allowed.find((v) => v === raw) ?? fallback;
}
