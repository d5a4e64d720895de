// Whose data a plain-chat question is about, with the same rules as the
// commands: your own citizens, or (managers only) the team or a colleague.
// Nothing across teams: a colleague is looked up in the asker's team only.
import type { Period } from '../../domain/questions/period.js';
import type { Question } from '../../domain/questions/understand.js';
import { isManager } from '../../domain/access.js';
import { foldWord } from '../../domain/questions/normalize.js';
import { formatMonth, formatShortDate } from '../../domain/i18n/format.js';
import type { Messages } from '../../domain/i18n/messages.js';
import { recordCitizensShown } from '../../db/audit.js';
import { personScope, type CaseloadScope } from '../../db/caseload-queries.js';
import type { StaffMember } from '../../db/staff-queries.js';
import { fail, ok, type Checked } from '../arguments.js';
import { requireTeam } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';

export interface ResolvedScope {
  scope: CaseloadScope;
  /** "dig", "Anne (@anne)", "team Vest". */
  label: string;
  isTeam: boolean;
  person?: StaffMember;
}

/** One audit row per citizen a question's answer shows, plus the summary row naming whose data it was. */
export async function recordAnswerShown(ctx: HandlerContext, action: string, resolved: ResolvedScope, citizenIds: readonly string[]): Promise<void> {
  const { scope, isTeam } = resolved;
  const details = { scope: isTeam ? 'team' : 'person', staffId: 'staffId' in scope ? scope.staffId : null, shown: citizenIds.length };
  await recordCitizensShown(ctx.db, { actorId: ctx.actor.id, action, channel: ctx.channel, details }, citizenIds);
}

/** The number of lines an answer shows before "… og N mere". */
export const ANSWER_LIST_LIMIT = 15;

/** A colleague in the asker's team by handle or first name ("anne", "Søren" → "soren"). */
export async function findColleague(ctx: HandlerContext, name: string): Promise<StaffMember | undefined> {
  if (!ctx.actor.teamId) return undefined;
  const wanted = foldWord(name.replace(/^@/, ''));
  const staff = await ctx.db.staff.findMany({ where: { teamId: ctx.actor.teamId, active: true }, include: { team: true }, orderBy: { handle: 'asc' } });
  return (
    staff.find((s) => s.handle.toLowerCase() === name.toLowerCase().replace(/^@/, '')) ??
    staff.find((s) => foldWord(s.handle) === wanted) ??
    staff.find((s) => foldWord(s.displayName.split(/\s+/)[0] ?? '') === wanted)
  );
}

export async function resolveScope(ctx: HandlerContext, q: Question): Promise<Checked<ResolvedScope>> {
  const { t, actor } = ctx;
  const team = requireTeam(ctx);
  if (!team.ok) return team;
  const manager = isManager(actor);
  if (q.staff) {
    const person = await findColleague(ctx, q.staff);
    if (!person) return fail(t.ask.unknownColleague(q.staff));
    if (person.id !== actor.id && !manager) return fail(t.errors.managerOnly);
    if (person.id === actor.id && manager) return ok(await teamScope(ctx, team.value));
    return ok({ scope: personScope(person), label: person.id === actor.id ? t.ask.you : `${person.displayName} (@${person.handle})`, isTeam: false, person });
  }
  // A manager's own caseload is the team's, as with /caseload. "vi", "os" and
  // "teamet" mean the team only for a manager: anyone else gets their own
  // citizens (answerQuestion says so under the answer).
  if (manager) return ok(await teamScope(ctx, team.value));
  return ok({ scope: personScope(actor), label: t.ask.you, isTeam: false, person: actor });
}

async function teamScope(ctx: HandlerContext, teamId: string): Promise<ResolvedScope> {
  const team = await ctx.db.team.findUniqueOrThrow({ where: { id: teamId } });
  return { scope: { teamId }, label: ctx.t.ask.teamName(team.name), isTeam: true };
}

/** "i uge 48 (man. 23. nov. – søn. 29. nov.)", "i november 2026", … */
export function periodLabel(t: Messages, period: Period): string {
  switch (period.kind) {
    case 'day':
      return t.ask.periodDay(formatShortDate(period.from, t.locale));
    case 'week':
      return t.ask.periodWeek(period.week ?? 0, formatShortDate(period.from, t.locale), formatShortDate(period.to, t.locale));
    case 'month':
      return t.ask.periodMonth(formatMonth(period.from, t.locale));
    case 'year':
      return t.ask.periodYear(period.from.slice(0, 4));
  }
}

/** "… og N mere", pointing to App Home, or the export for team answers. */
export function moreText(t: Messages, isTeam: boolean): (n: number) => string {
  return isTeam ? t.ask.moreTeam : t.ask.moreMine;
}

/** Staff handles of the asker's team by id, for naming who answers for a line in a team answer. */
export async function handlesOf(ctx: HandlerContext): Promise<Map<string, string>> {
  const staff = await ctx.db.staff.findMany({ where: { teamId: ctx.actor.teamId ?? '' }, select: { id: true, handle: true } });
  return new Map(staff.map((s) => [s.id, s.handle]));
}
