// /citizen wish <ref> <company> kontaktet [result]: the company a citizen
// wishes for has been contacted for them ("Vi kontakter ALTID", seed 000).
// Until then the company's fixed contact has the wish in their morning list.
// Who may record it: whoever may open the citizen (the ordinary access rule);
// a fixed contact who is not on the case sees only a count and whom to ask.
import { companyKey } from '../../domain/company-names.js';
import { toDbDate } from '../../domain/local-date.js';
import { okReply, type Reply } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import { registerCompanies, syncWishes } from '../../db/company-queries.js';
import { checkRef, fail } from '../arguments.js';
import { loadCitizen } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';
import { MAX_NOTE_LENGTH } from '../meeting/log-meeting.js';

/** Where the word kontaktet/contacted is in `/citizen wish` args (<ref> <company …> kontaktet [result …]), or -1. */
function contactedAt(ctx: HandlerContext, args: readonly string[]): number {
  const i = args.findIndex((a, index) => index >= 2 && ctx.t.companies.contactedWords.includes(a.toLowerCase()));
  return i;
}

/** Whether `/citizen wish` args are a contact record rather than a new list. */
export function isWishContact(ctx: HandlerContext, args: readonly string[]): boolean {
  return contactedAt(ctx, args) >= 2;
}

export async function recordWishContact(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const example = `${t.usage.exampleLabel}: ${t.companies.usage.examples[3] ?? ''}`;
  const ref = checkRef(t, args[0], example);
  if (!ref.ok) return ref.reply;
  const at = contactedAt(ctx, args);
  const typed = args.slice(1, at).join(' ').trim();
  const result = args.slice(at + 1).join(' ').trim() || null;
  if (result && result.length > MAX_NOTE_LENGTH) return fail(t.companies.resultTooLong(MAX_NOTE_LENGTH)).reply;
  if (!ctx.actor.teamId) return fail(t.errors.noTeam).reply;

  const found = await loadCitizen(ctx, ref.value, { action: 'citizen.wishes.contact', requireActive: true });
  if (!found.ok) return found.reply;
  const citizen = found.value;
  const name = citizen.wishCompanies.find((w) => companyKey(w) === companyKey(typed));
  if (name === undefined) return fail(t.correct.wishNotFound(ref.value, typed, citizen.wishCompanies)).reply;
  // A list from before the register has no rows yet: make them, linked where the company is registered.
  await syncWishes(ctx.db, citizen.id, citizen.wishCompanies, await registerCompanies(ctx.db));
  await ctx.db.companyWish.update({
    where: { citizenId_nameKey: { citizenId: citizen.id, nameKey: companyKey(name) } },
    data: { contactedOn: toDbDate(ctx.today), contactedById: ctx.actor.id, contactResult: result },
  });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'citizen.wishes.contact.done', citizenId: citizen.id, channel: ctx.channel });
  return okReply(t.companies.contactedSaved(ref.value, name, result));
}
