// /citizen add <ref> [initials:] [group:] [cadence:] [caseworker:@] [consultant:@]
import { isManager } from '../../domain/access.js';
import { splitOptions } from '../../domain/command-tokens.js';
import { checkInAfter } from '../../domain/due-dates.js';
import { toDbDate } from '../../domain/local-date.js';
import { formatShortDate } from '../../domain/i18n/format.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { parseTargetGroup, TARGET_GROUP_WORDS, wordsFor } from '../../domain/vocabulary.js';
import type { TargetGroup } from '../../domain/enums.js';
import { checkInCadenceFor } from '../../domain/rules/rules.js';
import { checkGroupOpenToNew } from './target-group-rules.js';
import { recordAudit } from '../../db/audit.js';
import type { StaffMember } from '../../db/staff-queries.js';
import { checkInitials, checkInteger, checkOptions, checkRef, checkTeamMember, checkWord, fail } from '../arguments.js';
import { requireTeam } from './citizen-access.js';
import type { HandlerContext } from '../context.js';
import { exampleFor } from '../usage-example.js';

export const CADENCE_RANGE = { min: 1, max: 180 } as const;

export async function addCitizen(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = exampleFor(t, 'citizen');
  const { positional, options } = splitOptions(args);
  const team = requireTeam(ctx);
  if (!team.ok) return team.reply;
  const allowed = checkOptions(t, options, ['initials', 'group', 'cadence', 'caseworker', 'consultant']);
  if (!allowed.ok) return allowed.reply;
  const ref = checkRef(t, positional[0], example);
  if (!ref.ok) return ref.reply;
  if (positional.length > 1) return fail(t.errors.tooManyWords(positional.slice(1).join(' ')), example).reply;

  let initials: string | null = null;
  if (options.has('initials')) {
    const checked = checkInitials(t, options.get('initials') ?? '');
    if (!checked.ok) return checked.reply;
    initials = checked.value;
  }
  let group: TargetGroup = 'JOBPARAT';
  if (options.has('group')) {
    const checked = checkWord(t, t.what.targetGroup, options.get('group'), parseTargetGroup, wordsFor(TARGET_GROUP_WORDS, t.locale));
    if (!checked.ok) return checked.reply;
    group = checked.value;
  }
  let cadence: number | undefined;
  if (options.has('cadence')) {
    const checked = checkInteger(t, t.what.cadence, options.get('cadence') ?? '', CADENCE_RANGE.min, CADENCE_RANGE.max);
    if (!checked.ok) return checked.reply;
    cadence = checked.value;
  }

  return recordCitizenAdd(ctx, { ref: ref.value, initials, group, cadence, caseworkerHandle: options.get('caseworker'), consultantHandle: options.get('consultant') });
}

/** A new citizen as meant, from typed words (addCitizen) or a form's values (form-submission.ts). */
export interface CitizenAddEntry {
  ref: string;
  initials: string | null;
  group: TargetGroup;
  /** Days between check-ins; default: the group's cadence in the rules table. */
  cadence?: number;
  caseworkerHandle?: string;
  consultantHandle?: string;
}

/** Adds the citizen to the actor's team: the same rules for typed text and forms. */
export async function recordCitizenAdd(ctx: HandlerContext, entry: CitizenAddEntry): Promise<Reply> {
  const { t } = ctx;
  const team = requireTeam(ctx);
  if (!team.ok) return team.reply;
  const ref = { value: entry.ref };
  const { initials, group } = entry;
  const open = checkGroupOpenToNew(ctx, group);
  if (!open.ok) return open.reply;
  const cadence = entry.cadence ?? checkInCadenceFor(group, ctx.today);
  const checkedCadence = checkInteger(t, t.what.cadence, String(cadence), CADENCE_RANGE.min, CADENCE_RANGE.max);
  if (!checkedCadence.ok) return checkedCadence.reply;
  // Without caseworker: the citizen lands on the adder's own caseload (as consultant, for consultants).
  let caseworker: StaffMember | null = ctx.actor.role === 'CONSULTANT' ? null : ctx.actor;
  let consultant: StaffMember | null = ctx.actor.role === 'CONSULTANT' ? ctx.actor : null;
  const manager = isManager(ctx.actor);
  for (const key of ['caseworker', 'consultant'] as const) {
    const raw = key === 'caseworker' ? entry.caseworkerHandle : entry.consultantHandle;
    if (raw === undefined) continue;
    const checked = await checkTeamMember(ctx, raw, key === 'caseworker' ? ['CASEWORKER', 'MANAGER'] : ['CONSULTANT']);
    if (!checked.ok) return checked.reply;
    // Only managers put citizens on someone else's caseload.
    if (checked.value.id !== ctx.actor.id && !manager && key === 'caseworker') return fail(t.errors.managerOnly).reply;
    if (key === 'caseworker') caseworker = checked.value;
    else consultant = checked.value;
  }

  const existing = await ctx.db.citizen.findUnique({ where: { teamId_ref: { teamId: team.value, ref: ref.value } } });
  if (existing) return fail(existing.status === 'CLOSED' ? t.errors.citizenExistsClosed(ref.value) : t.errors.citizenExists(ref.value)).reply;

  const firstCheckIn = checkInAfter(ctx.today, cadence);
  const citizen = await ctx.db.citizen.create({
    data: {
      teamId: team.value,
      ref: ref.value,
      initials,
      targetGroup: group,
      caseworkerId: caseworker?.id ?? null,
      consultantId: consultant?.id ?? null,
      cadenceDays: cadence,
      nextCheckInOn: toDbDate(firstCheckIn),
      // The bot's clock, not the database's: "no consultant since" (issue 14) and the timeline count from it.
      createdAt: ctx.now,
    },
  });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'citizen.add', citizenId: citizen.id, channel: ctx.channel });
  const owner = caseworker ?? consultant ?? ctx.actor;
  const lines = [t.citizen.added(ref.value, owner.displayName, formatShortDate(firstCheckIn, t.locale))];
  if (open.value.note) lines.push(open.value.note[t.locale]);
  return okReply(lines.join('\n'));
}
