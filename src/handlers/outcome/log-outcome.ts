// /outcome <ref> <kind> [hours:<n>] [date:<date>] [employer]. A likely duplicate is asked about first. Job-type outcomes are
// celebrated in the team channel (seed 002: the marble jar), without any
// citizen identifier; case endings are recorded quietly.
import { capitalize } from '../../domain/i18n/format.js';
import { splitOptions } from '../../domain/command-tokens.js';
import type { CloseReason, OutcomeKind } from '../../domain/enums.js';
import { compareLocalDate, endOfMonth, fromDbDate, startOfMonth, toDbDate, type LocalDate } from '../../domain/local-date.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { isCelebrated, OUTCOME_KIND_WORDS, parseOutcomeKind, wordsFor } from '../../domain/vocabulary.js';
import { messagesFor } from '../../domain/i18n/messages.js';
import { countJobResults } from '../../db/job-result-queries.js';
import { recordAudit } from '../../db/audit.js';
import { checkDate, checkHours, checkOptions, checkRef, checkWord, fail, joinDateOptions } from '../arguments.js';
import { loadCitizen } from '../citizen/citizen-access.js';
import { closeCase } from '../citizen/citizen-close.js';
import type { HandlerContext } from '../context.js';
import { dayOffNote, duplicateQuestion, isAgainWord, whenText, type Repeat } from '../entries/entry-checks.js';
import { exampleFor } from '../usage-example.js';

/** Outcomes that end the case, and why. Ordinary hours keep the case open (småjob beside support). */
const CLOSES_CASE: Partial<Record<OutcomeKind, CloseReason>> = {
  ORDINARY_JOB: 'JOB',
  FLEXJOB: 'JOB',
  EDUCATION: 'EDUCATION',
  APPRENTICESHIP: 'EDUCATION',
  MOVED: 'MOVED',
  RETIREMENT: 'RETIREMENT',
  SELF_SUPPORTING: 'SELF_SUPPORTING',
  OTHER_ENDING: 'OTHER',
};
const MAX_EMPLOYER_LENGTH = 100;

export async function logOutcome(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = exampleFor(t, 'outcome');
  const { positional, options } = splitOptions(joinDateOptions(args, ['date'], ctx.today));
  const allowed = checkOptions(t, options, ['hours', 'employer', 'date']);
  if (!allowed.ok) return allowed.reply;
  // `igen` right after the reference or the kind confirms a likely duplicate.
  const againAt = [1, 2].find((index) => isAgainWord(positional[index]));
  if (againAt !== undefined) positional.splice(againAt, 1);
  const ref = checkRef(t, positional[0], example);
  if (!ref.ok) return ref.reply;
  const kind = checkWord(t, t.what.outcomeKind, positional[1], parseOutcomeKind, wordsFor(OUTCOME_KIND_WORDS, t.locale), example);
  if (!kind.ok) return kind.reply;
  let hours: number | null = null;
  const rawHours = options.get('hours');
  if (rawHours !== undefined) {
    const checked = checkHours(t, rawHours);
    if (!checked.ok) return checked.reply;
    hours = checked.value;
  }
  let occurredOn = ctx.today;
  const rawDate = options.get('date');
  if (rawDate !== undefined) {
    const checked = checkDate(t, rawDate, ctx.today, 'past');
    if (!checked.ok) return checked.reply;
    occurredOn = checked.value;
  }
  const employer = (options.get('employer') ?? positional.slice(2).join(' ')).trim() || null;
  const entry: OutcomeEntry = { ref: ref.value, kind: kind.value, weeklyHours: hours, occurredOn, occurredOnTyped: rawDate !== undefined, employer, again: againAt !== undefined };
  return recordOutcome(ctx, entry, { command: 'outcome', args });
}

/** A result as meant, from typed words (logOutcome) or a form's values (form-submission.ts). */
export interface OutcomeEntry {
  ref: string;
  kind: OutcomeKind;
  weeklyHours: number | null;
  occurredOn: LocalDate;
  /** The date was given, so a weekend or holiday is named in the reply. */
  occurredOnTyped: boolean;
  employer: string | null;
  /** Confirmed after the likely-duplicate question. */
  again: boolean;
}

/** Saves the result, closes the case when it ends it, and announces a celebration; the same rules for text and forms. */
export async function recordOutcome(ctx: HandlerContext, entry: OutcomeEntry, repeat: Repeat): Promise<Reply> {
  const { t } = ctx;
  const { occurredOn, employer } = entry;
  const hours = entry.weeklyHours;
  const kind = { value: entry.kind };
  const ref = { value: entry.ref };
  if (compareLocalDate(occurredOn, ctx.today) > 0) return fail(t.errors.futureOutcome).reply;
  if (employer && employer.length > MAX_EMPLOYER_LENGTH) return fail(t.errors.noteTooLong(MAX_EMPLOYER_LENGTH)).reply;

  const found = await loadCitizen(ctx, ref.value, { action: 'outcome.log', requireActive: true });
  if (!found.ok) return found.reply;
  const citizen = found.value;
  // The same result for the same citizen in the same month is most likely typed twice (two marbles).
  if (!entry.again) {
    const same = await ctx.db.outcome.findFirst({
      where: { citizenId: citizen.id, kind: kind.value, occurredOn: { gte: toDbDate(startOfMonth(occurredOn)), lte: toDbDate(endOfMonth(occurredOn)) } },
      orderBy: { occurredOn: 'desc' },
    });
    if (same) {
      const when = whenText(ctx, fromDbDate(same.occurredOn));
      return duplicateQuestion(ctx, repeat, (command) => t.entries.outcomeDuplicate(capitalize(t.labels.outcomeKind[kind.value]), ref.value, when, command));
    }
  }
  const outcome = await ctx.db.outcome.create({
    data: {
      citizenId: citizen.id,
      teamId: citizen.teamId,
      kind: kind.value,
      occurredOn: toDbDate(occurredOn),
      weeklyHours: hours,
      employer,
      loggedById: ctx.actor.id,
      caseworkerId: citizen.caseworkerId,
      consultantId: citizen.consultantId,
      source: ctx.channel,
    },
  });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'outcome.create', citizenId: citizen.id, channel: ctx.channel, details: { outcomeId: outcome.id, kind: kind.value } });

  const lines = [t.outcome.logged(ref.value, t.labels.outcomeKind[kind.value])];
  const dayOff = entry.occurredOnTyped ? dayOffNote(ctx, occurredOn) : undefined;
  if (dayOff) lines.push(dayOff);
  const closeReason = CLOSES_CASE[kind.value];
  if (closeReason) {
    const ended = await closeCase(ctx.db, citizen.id, closeReason, ctx);
    lines.push(t.outcome.caseClosed(ref.value));
    if (ended > 0) lines.push(t.citizen.placementsEnded(ended));
  }
  if (isCelebrated(kind.value, occurredOn)) {
    const team = await ctx.db.team.findUniqueOrThrow({ where: { id: citizen.teamId } });
    if (team.celebrationsEnabled) {
      lines.push(t.outcome.celebrateHint);
      ctx.announce({ kind: 'celebration', teamId: team.id, subjectId: outcome.id, reply: await celebration(ctx, citizen, { id: outcome.id, kind: kind.value, occurredOn }, hours) });
    }
  }
  return okReply(lines.join('\n'));
}

/** The channel post: credit to the people, the kind, the tally. No reference, no initials, no employer. */
async function celebration(
  ctx: HandlerContext,
  citizen: { id: string; teamId: string; caseworkerId: string | null; consultantId: string | null },
  outcome: { id: string; kind: OutcomeKind; occurredOn: LocalDate },
  hours: number | null,
): Promise<Reply> {
  const kind = outcome.kind;
  const t = messagesFor('da'); // team channels speak the team's language: Danish
  const people = await ctx.db.staff.findMany({ where: { id: { in: [citizen.caseworkerId, citizen.consultantId].filter((x): x is string => !!x) } } });
  // Caseworker first, then consultant: the same order every time.
  people.sort((a, b) => (a.id === citizen.caseworkerId ? -1 : b.id === citizen.caseworkerId ? 1 : 0));
  const credit = people.map((p) => p.displayName).join(' & ') || ctx.actor.displayName;
  const year = ctx.today.slice(0, 4);
  // A second result of the same kind for the citizen in the month (more hours agreed) is progression:
  // its own small post, without a new marble (each citizen counts once per kind and month).
  const earlier = await ctx.db.outcome.count({
    where: { citizenId: citizen.id, kind, id: { not: outcome.id }, occurredOn: { gte: toDbDate(startOfMonth(outcome.occurredOn)), lte: toDbDate(outcome.occurredOn) } },
  });
  if (earlier > 0) {
    const more = kind === 'ORDINARY_HOURS' ? t.hours.moreHours(credit, hours ?? undefined) : t.hours.again(t.labels.outcomeKind[kind], credit);
    return okReply(`👏 ${more}`, [{ type: 'text', text: `👏 ${more}` }], 'channel');
  }
  // Sequential on purpose: queries inside one interactive transaction share a connection.
  const month = await countJobResults(ctx.db, { teamId: citizen.teamId }, startOfMonth(ctx.today), endOfMonth(ctx.today));
  const ofYear = await countJobResults(ctx.db, { teamId: citizen.teamId }, `${year}-01-01`, `${year}-12-31`);
  const text = t.outcome.celebrationText(t.labels.outcomeKind[kind], credit, hours ?? undefined);
  return okReply(`🎉 ${t.outcome.celebrationTitle} ${text}`, [
    { type: 'header', text: `🎉 ${t.outcome.celebrationTitle}` },
    { type: 'text', text },
    { type: 'context', text: `🫙 ${t.outcome.marbles(month, ofYear)}` },
  ], 'channel');
}

