// /meeting C-1005 C-1017 C-1023 telefon i dag: one meeting per citizen, all or
// none (bulk logging after an absence, issue 9 item 18). Every citizen goes
// through the same /meeting handler, with its access check; an error for one
// is the answer for all, and the router rolls the others back.
import { takeDate } from '../../domain/date-words.js';
import { parseDuration } from '../../domain/duration.js';
import { okReply, type Reply } from '../../domain/reply.js';
import type { HandlerContext } from '../context.js';
import { logMeeting } from './log-meeting.js';

/** At most this many citizens in one command: a screenful of answers. */
export const MAX_BULK_CITIZENS = 20;

export async function logMeetings(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const refs = [args[0] ?? ''];
  let i = 1;
  while (i < args.length && (await isAnotherCitizen(ctx, args, i))) refs.push(args[i++] ?? '');
  if (refs.length === 1) return logMeeting(ctx, args);
  if (refs.length > MAX_BULK_CITIZENS) return okError(ctx.t.meetingBulk.tooMany(MAX_BULK_CITIZENS));
  const rest = args.slice(i);
  const lines: string[] = [];
  for (const ref of refs) {
    const reply = await logMeeting(ctx, [ref, ...rest]);
    if (reply.status === 'error') return { ...reply, text: `${ref}: ${reply.text}`, blocks: [{ type: 'text', text: ctx.t.meetingBulk.noneLogged(ref) }, ...reply.blocks] };
    lines.push(reply.text.replace(/\n/g, ' · '));
  }
  return okReply(ctx.t.meetingBulk.logged(refs.length), [
    { type: 'text', text: ctx.t.meetingBulk.logged(refs.length) },
    { type: 'list', items: lines },
  ]);
}

function okError(text: string): Reply {
  return { text, blocks: [{ type: 'text', text }], visibility: 'private', status: 'error' };
}

/**
 * A word right after the reference is another citizen only if it is a case
 * reference of the actor's team and cannot be read as a date or a duration
 * ("20/11" and "45m" look like references too).
 */
async function isAnotherCitizen(ctx: HandlerContext, args: string[], i: number): Promise<boolean> {
  const word = args[i] ?? '';
  if (!/[0-9]/.test(word) || !/[A-Za-z]/.test(word) || word.includes(':')) return false;
  if (parseDuration(word) !== undefined || takeDate(args, i, ctx.today, 'past')) return false;
  if (!ctx.actor.teamId) return false;
  const citizen = await ctx.db.citizen.findUnique({ where: { teamId_ref: { teamId: ctx.actor.teamId, ref: word.toUpperCase() } }, select: { id: true } });
  return citizen !== null;
}
