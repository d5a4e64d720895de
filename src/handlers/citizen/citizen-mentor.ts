// /citizen mentor <ref> <kind> [org:"…"] [from:<date>] [until:<date>] (/borger mentor … fra: til:):
// mentor support as a role, never a name (issue 14). The kind (jobcentermentor,
// virksomhedsmentor, uddannelsesmentor, privat mentor, anden) and the
// organisation that provides it, from a date and until a date. The same kind
// while it runs is updated rather than recorded twice. The end is a reminder
// in the morning list of the citizen's caseworker (else consultant) from two
// working days before (jobs/checkin-reminders.ts). /citizen mentor <ref> lists.
// The organisation is free text: the length guard here, the CPR guard on the
// write like every note. The project has no check for a person's name, so the
// help and the replies say that the organisation is named, not the person.
import { splitOptions } from '../../domain/command-tokens.js';
import type { MentorKind } from '../../domain/enums.js';
import { formatShortDate } from '../../domain/i18n/format.js';
import type { Messages } from '../../domain/i18n/messages.js';
import { compareLocalDate, fromDbDate, toDbDate, type LocalDate } from '../../domain/local-date.js';
import { listBlock, okReply, type Reply } from '../../domain/reply.js';
import { MENTOR_KIND_WORDS, parseMentorKind, wordsFor } from '../../domain/vocabulary.js';
import { recordAudit } from '../../db/audit.js';
import { checkDate, checkOptions, checkRef, checkWord, fail, joinDateOptions } from '../arguments.js';
import type { HandlerContext } from '../context.js';
import { loadCitizen } from './citizen-access.js';

export const MAX_ORGANISATION_LENGTH = 80;
const ORG_KEYS = ['org', 'organisation', 'organization'];
const FROM_KEYS = ['fra', 'from'];
const UNTIL_KEYS = ['til', 'until'];

const example = (t: Messages) => `${t.usage.exampleLabel}: ${t.continuity.usage.example}`;

/** One line per mentor support: kind, organisation, from, until, and whether it has ended. */
export function mentorSupportLine(t: Messages, m: { kind: MentorKind; organisation: string | null; startOn: Date; endOn: Date | null }, today: LocalDate): string {
  const end = m.endOn ? fromDbDate(m.endOn) : null;
  const ended = end !== null && compareLocalDate(end, today) < 0;
  return t.continuity.mentorLine(t.continuity.mentorKind[m.kind], m.organisation, formatShortDate(fromDbDate(m.startOn), t.locale), end ? formatShortDate(end, t.locale) : null, ended);
}

const option = (options: Map<string, string>, keys: readonly string[]) => keys.map((k) => options.get(k)).find((v) => v !== undefined);

export async function citizenMentor(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const { positional, options } = splitOptions(joinDateOptions(args, [...FROM_KEYS, ...UNTIL_KEYS], ctx.today));
  const allowed = checkOptions(t, options, [...ORG_KEYS, ...FROM_KEYS, ...UNTIL_KEYS]);
  if (!allowed.ok) return allowed.reply;
  const ref = checkRef(t, positional[0], example(t));
  if (!ref.ok) return ref.reply;
  const kindWords = positional.slice(1).join(' ').trim();
  if (!kindWords) return options.size ? fail(t.errors.missing(t.continuity.mentorWhat), example(t)).reply : listMentorSupport(ctx, ref.value);
  const kind = checkWord(t, t.continuity.mentorWhat, kindWords, parseMentorKind, wordsFor(MENTOR_KIND_WORDS, t.locale), `${t.continuity.mentorNoNames} ${example(t)}`);
  if (!kind.ok) return kind.reply;

  const rawOrg = option(options, ORG_KEYS);
  const organisation = rawOrg?.trim() || undefined;
  if (organisation && organisation.length > MAX_ORGANISATION_LENGTH) return fail(`${t.continuity.mentorOrgTooLong(MAX_ORGANISATION_LENGTH)} ${t.continuity.mentorNoNames}`).reply;
  let from: LocalDate | undefined;
  const rawFrom = option(options, FROM_KEYS);
  if (rawFrom !== undefined) {
    const checked = checkDate(t, rawFrom, ctx.today, 'any');
    if (!checked.ok) return checked.reply;
    from = checked.value;
  }
  let until: LocalDate | undefined;
  const rawUntil = option(options, UNTIL_KEYS);
  if (rawUntil !== undefined) {
    const checked = checkDate(t, rawUntil, from ?? ctx.today, 'future');
    if (!checked.ok) return checked.reply;
    until = checked.value;
  }

  const found = await loadCitizen(ctx, ref.value, { action: 'mentor.update', requireActive: true });
  if (!found.ok) return found.reply;
  const citizen = found.value;
  // The same kind while it runs (no end, or an end from today on) is the same support: updated, not doubled.
  const running = await ctx.db.mentorSupport.findFirst({
    where: { citizenId: citizen.id, kind: kind.value, OR: [{ endOn: null }, { endOn: { gte: toDbDate(ctx.today) } }] },
    orderBy: { startOn: 'desc' },
  });
  const startOn = from ?? (running ? fromDbDate(running.startOn) : ctx.today);
  const endOn = until ?? (running?.endOn ? fromDbDate(running.endOn) : undefined);
  if (endOn && compareLocalDate(endOn, startOn) < 0) return fail(t.continuity.mentorEndBeforeStart, example(t)).reply;

  const data = {
    kind: kind.value,
    organisation: organisation ?? running?.organisation ?? null,
    startOn: toDbDate(startOn),
    endOn: endOn ? toDbDate(endOn) : null,
  };
  const row = running
    ? await ctx.db.mentorSupport.update({ where: { id: running.id }, data })
    : await ctx.db.mentorSupport.create({ data: { ...data, citizenId: citizen.id, createdById: ctx.actor.id, source: ctx.channel } });
  // The audit names the row and the kind, never the organisation's text.
  await recordAudit(ctx.db, {
    actorId: ctx.actor.id,
    action: running ? 'mentor.update' : 'mentor.create',
    citizenId: citizen.id,
    channel: ctx.channel,
    details: { mentorSupportId: row.id, kind: kind.value },
  });
  const line = mentorSupportLine(t, row, ctx.today);
  const lines = [running ? t.continuity.mentorUpdated(ref.value, line) : t.continuity.mentorCreated(ref.value, line)];
  if (endOn && compareLocalDate(endOn, ctx.today) >= 0) lines.push(t.continuity.mentorEndReminder);
  return okReply(lines.join('\n'));
}

async function listMentorSupport(ctx: HandlerContext, ref: string): Promise<Reply> {
  const { t } = ctx;
  const found = await loadCitizen(ctx, ref, { action: 'citizen.view' });
  if (!found.ok) return found.reply;
  const rows = await ctx.db.mentorSupport.findMany({ where: { citizenId: found.value.id }, orderBy: [{ startOn: 'desc' }, { createdAt: 'desc' }] });
  if (rows.length === 0) return okReply(t.continuity.mentorNone(ref));
  const lines = rows.map((m) => mentorSupportLine(t, m, ctx.today));
  return okReply([t.continuity.mentorListTitle(ref), ...lines].join('\n'), [{ type: 'header', text: t.continuity.mentorListTitle(ref) }, listBlock(lines, 20, t.common.andMore)]);
}
