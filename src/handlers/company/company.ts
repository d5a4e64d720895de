// /virksomhed (/company): the company register (issue 14; seeds 001
// "CRM-registrering", 002 "én indgang … fast kontaktperson").
//   /virksomhed add "<navn>" [cvr:<8 cifre>] [kontakt:@navn] [ny]
//   /virksomhed set "<navn>" [kontakt:@navn] [cvr:<8 cifre>]
//   /virksomhed "<navn>"     running placements, history, wishes, the contact
//   /virksomhed              the whole register
// One register per municipality (= per jobbot instance), shared by all teams:
// a company has one way in ("én indgang"), its fixed contact may be in any
// team, names are matched and CVR numbers are unique across the register
// (see the migration company_register_per_instance). Company facts are not
// citizen data, so any staff member may read a company. The citizens behind
// it are not: they are shown by reference only to those who may open them
// (access.ts: assigned staff, their cover, the team's managers); everyone
// else sees a count.
import { isManager } from '../../domain/access.js';
import { companyKey, matchCompany, parseCvr } from '../../domain/company-names.js';
import { formatShortDateNear } from '../../domain/i18n/format.js';
import { fromDbDate } from '../../domain/local-date.js';
import { listBlock, okReply, type Reply, type ReplyBlock } from '../../domain/reply.js';
import { splitOptions } from '../../domain/command-tokens.js';
import { recordAudit } from '../../db/audit.js';
import { createCompany, registerCompanies, type CompanyRow } from '../../db/company-queries.js';
import { checkOptions, checkTeamMember, fail, ok, type Checked } from '../arguments.js';
import { mayAccessCitizen, requireTeam } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';
import { checkCompanyName } from './company-names-check.js';

const CONTACT_KEYS = ['kontakt', 'contact'];
const SHOWN = 10;

function example(ctx: HandlerContext): string {
  return `${ctx.t.usage.exampleLabel}: ${ctx.t.companies.usage.examples[0] ?? ''}`;
}

function checkCvr(ctx: HandlerContext, raw: string | undefined): Checked<string | undefined> {
  if (raw === undefined) return ok(undefined);
  const cvr = parseCvr(raw);
  return cvr ? ok(cvr) : fail(ctx.t.companies.badCvr(raw));
}

/** One company per CVR number in the whole register. */
async function checkCvrFree(ctx: HandlerContext, cvr: string | undefined, selfId?: string): Promise<Checked<null>> {
  if (!cvr) return ok(null);
  const taken = await ctx.db.company.findFirst({ where: { cvr, ...(selfId ? { id: { not: selfId } } : {}) }, select: { name: true } });
  return taken ? fail(ctx.t.companies.cvrTaken(cvr, taken.name)) : ok(null);
}

async function checkContact(ctx: HandlerContext, options: Map<string, string>): Promise<Checked<{ id: string; handle: string } | undefined>> {
  const raw = CONTACT_KEYS.map((k) => options.get(k)).find((v) => v !== undefined);
  if (raw === undefined) return ok(undefined);
  // The fixed contact may be a consultant of any team: the register is shared.
  const staff = await checkTeamMember(ctx, raw, ['CONSULTANT'], { anyTeam: true });
  return staff.ok ? ok({ id: staff.value.id, handle: staff.value.handle }) : staff;
}

/** add and set share their words: the actor's team, the name (positional) and cvr:/contact: options. */
function companyArgs(ctx: HandlerContext, args: string[]): Checked<{ team: { ok: true; value: string }; positional: string[]; options: Map<string, string> }> {
  const team = requireTeam(ctx);
  if (!team.ok) return team;
  const { positional, options } = splitOptions(args);
  const allowed = checkOptions(ctx.t, options, ['cvr', ...CONTACT_KEYS]);
  if (!allowed.ok) return allowed;
  return ok({ team, positional, options });
}

export async function addCompany(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const parsed = companyArgs(ctx, args);
  if (!parsed.ok) return parsed.reply;
  const { positional, options } = parsed.value;
  // "ny"/"new" as the last word: a new company even though its name is close to one in the register.
  const last = positional[positional.length - 1]?.toLowerCase();
  const confirmed = positional.length > 1 && last !== undefined && t.companies.newWord.includes(last);
  const words = confirmed ? positional.slice(0, -1) : positional;
  if (words.length > 1) return fail(t.errors.tooManyWords(words.slice(1).join(' ')), example(ctx)).reply;
  const name = checkCompanyName(ctx, words[0]);
  if (!name.ok) return name.reply;
  const cvr = checkCvr(ctx, options.get('cvr'));
  if (!cvr.ok) return cvr.reply;
  const contact = await checkContact(ctx, options);
  if (!contact.ok) return contact.reply;

  const companies = await registerCompanies(ctx.db);
  const match = matchCompany(name.value, companies);
  if (match.kind === 'same') return fail(t.companies.exists(match.company.name)).reply;
  if (match.kind === 'near' && !confirmed) return fail(t.companies.nearAsk(name.value, match.company.name)).reply;
  const free = await checkCvrFree(ctx, cvr.value);
  if (!free.ok) return free.reply;

  const created = await createCompany(ctx.db, { name: name.value, cvr: cvr.value, contactId: contact.value?.id, createdById: ctx.actor.id, source: ctx.channel });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'company.create', channel: ctx.channel, details: { companyId: created.company.id, placementsLinked: created.placements, wishesLinked: created.wishes } });
  const lines = [t.companies.added(name.value), contact.value ? t.companies.contactLine(contact.value.handle) : t.companies.noContactYet(name.value)];
  if (created.placements || created.wishes) lines.push(t.companies.linked(created.placements, created.wishes));
  return okReply(lines.join('\n'));
}

/** The registered company a typed name means; a close name is answered with "mente du …?". */
async function findCompany(ctx: HandlerContext, typed: string): Promise<Checked<CompanyRow>> {
  const match = matchCompany(typed, await registerCompanies(ctx.db));
  if (match.kind === 'same') return ok(match.company);
  return fail(match.kind === 'near' ? ctx.t.companies.notFoundNear(typed, match.company.name) : ctx.t.companies.notFound(typed));
}

export async function setCompany(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const parsed = companyArgs(ctx, args);
  if (!parsed.ok) return parsed.reply;
  const { positional, options } = parsed.value;
  if (positional.length > 1) return fail(t.errors.tooManyWords(positional.slice(1).join(' ')), example(ctx)).reply;
  const name = checkCompanyName(ctx, positional[0]);
  if (!name.ok) return name.reply;
  if (options.size === 0) return fail(t.companies.nothingToSet).reply;
  const found = await findCompany(ctx, name.value);
  if (!found.ok) return found.reply;
  const company = found.value;
  const cvr = checkCvr(ctx, options.get('cvr'));
  if (!cvr.ok) return cvr.reply;
  const contact = await checkContact(ctx, options);
  if (!contact.ok) return contact.reply;
  // One fixed contact: once set, only that person or a manager of their team hands the company on
  // (any manager once the contact has left or has no team).
  if (contact.value && company.contactId && company.contactId !== ctx.actor.id) {
    const current = await ctx.db.staff.findUnique({ where: { id: company.contactId }, select: { handle: true, teamId: true, active: true } });
    const managerMay = isManager(ctx.actor) && (!current || !current.active || current.teamId === null || current.teamId === ctx.actor.teamId);
    if (!managerMay) return fail(t.companies.contactOnly(company.name, current?.handle ?? '?')).reply;
  }
  const free = await checkCvrFree(ctx, cvr.value, company.id);
  if (!free.ok) return free.reply;
  await ctx.db.company.update({
    where: { id: company.id },
    data: { ...(cvr.value ? { cvr: cvr.value } : {}), ...(contact.value ? { contactId: contact.value.id } : {}) },
  });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'company.update', channel: ctx.channel, details: { companyId: company.id, fields: [...options.keys()].join(',') } });
  const lines = [t.companies.updated(company.name)];
  if (contact.value) lines.push(t.companies.contactLine(contact.value.handle));
  return okReply(lines.join('\n'));
}

/** /virksomhed without a name: the register's companies with their contact and what is going on (counts only). */
export async function listCompanies(ctx: HandlerContext): Promise<Reply> {
  const { t } = ctx;
  const companies = await ctx.db.company.findMany({
    orderBy: { name: 'asc' },
    select: {
      name: true,
      contact: { select: { handle: true } },
      placements: { where: { status: 'ACTIVE' }, select: { id: true } },
      wishes: { select: { nameKey: true, citizen: { select: { status: true, wishCompanies: true } } } },
    },
  });
  if (companies.length === 0) return okReply(t.companies.listEmpty);
  const lines = companies.map((c) => {
    const wishes = c.wishes.filter((w) => w.citizen.status === 'ACTIVE' && w.citizen.wishCompanies.some((n) => companyKey(n) === w.nameKey)).length;
    return t.companies.listLine(c.name, c.contact ? `@${c.contact.handle}` : t.companies.noContact, c.placements.length, wishes);
  });
  return okReply([t.companies.listTitle, ...lines].join('\n'), [{ type: 'header', text: t.companies.listTitle }, listBlock(lines, 50, t.common.andMore)]);
}

/** /virksomhed "<navn>": the company card, for any staff member; its citizens only as far as the reader may open them. */
export async function showCompany(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  if (args.length === 0) return listCompanies(ctx);
  const name = checkCompanyName(ctx, args.join(' '));
  if (!name.ok) return name.reply;
  const found = await findCompany(ctx, name.value);
  if (!found.ok) return found.reply;
  const company = found.value;
  const citizenSelect = { id: true, ref: true, teamId: true, caseworkerId: true, consultantId: true, mentorId: true, status: true, wishCompanies: true } as const;
  const contact = company.contactId ? await ctx.db.staff.findUnique({ where: { id: company.contactId }, select: { handle: true, displayName: true, team: { select: { name: true } } } }) : null;
  const placements = await ctx.db.placement.findMany({ where: { companyId: company.id }, orderBy: [{ startOn: 'desc' }], include: { citizen: { select: citizenSelect } } });
  const wishes = await ctx.db.companyWish.findMany({ where: { companyId: company.id }, include: { citizen: { select: citizenSelect } }, orderBy: { createdAt: 'asc' } });
  const seen = new Map<string, boolean>();
  const may = async (c: (typeof placements)[number]['citizen']): Promise<boolean> => {
    const cached = seen.get(c.id);
    if (cached !== undefined) return cached;
    // The ordinary access rule (same team, assigned, cover, managers): citizens of other teams are counts.
    const allowed = await mayAccessCitizen(ctx, c);
    seen.set(c.id, allowed);
    return allowed;
  };
  const date = (d: Date) => formatShortDateNear(fromDbDate(d), t.locale, ctx.today);
  const shownIds = new Set<string>();
  const section = async <T>(rows: readonly T[], citizenOf: (r: T) => (typeof placements)[number]['citizen'], line: (r: T) => string, title: string): Promise<ReplyBlock | undefined> => {
    const lines: string[] = [];
    let hidden = 0;
    for (const r of rows) {
      const c = citizenOf(r);
      if (await may(c)) {
        lines.push(line(r));
        shownIds.add(c.id);
      } else hidden++;
    }
    if (hidden) lines.push(t.companies.othersHidden(hidden));
    return lines.length ? listBlock(lines, SHOWN, t.common.andMore, title) : undefined;
  };
  const running = placements.filter((p) => p.status === 'ACTIVE');
  const ended = placements.filter((p) => p.status === 'ENDED');
  // Only wishes on the citizen's list today, of active citizens.
  const wishing = wishes.filter((w) => w.citizen.status === 'ACTIVE' && w.citizen.wishCompanies.some((n) => companyKey(n) === w.nameKey));

  const blocks: ReplyBlock[] = [
    { type: 'header', text: t.companies.cardTitle(company.name) },
    {
      type: 'fields',
      fields: [
        { label: t.companies.contactLabel, value: contact ? t.companies.contactValue(contact.displayName, contact.handle, contact.team?.name ?? null) : t.companies.noContact },
        ...(company.cvr ? [{ label: t.companies.cvrLabel, value: company.cvr }] : []),
        ...(company.aliases.length ? [{ label: t.companies.aliasesLabel, value: company.aliases.join(', ') }] : []),
      ],
    },
  ];
  const runningBlock = await section(running, (p) => p.citizen, (p) => t.companies.placementLine(p.citizen.ref, t.labels.placementType[p.type], date(p.startOn), date(p.plannedEndOn)), t.companies.runningTitle);
  blocks.push(runningBlock ?? { type: 'text', text: t.companies.noneRunning });
  const historyBlock = await section(
    ended,
    (p) => p.citizen,
    (p) => t.companies.historyLine(p.citizen.ref, t.labels.placementType[p.type], date(p.startOn), date(p.endedOn ?? p.plannedEndOn), t.labels.endReason[p.endReason ?? 'OTHER']),
    t.companies.historyTitle,
  );
  if (historyBlock) blocks.push(historyBlock);
  const wishBlock = await section(
    wishing,
    (w) => w.citizen,
    (w) => t.companies.wishLine(w.citizen.ref, w.contactedOn ? t.companies.contacted(date(w.contactedOn), w.contactResult) : t.companies.notContacted),
    t.companies.wishersTitle,
  );
  if (wishBlock) blocks.push(wishBlock);
  // Reading a citizen's reference in a company card is a read of that citizen's data.
  for (const citizenId of shownIds) await recordAudit(ctx.db, { actorId: ctx.actor.id, action: 'company.show', citizenId, channel: ctx.channel, details: { companyId: company.id } });
  return okReply(t.companies.cardTitle(company.name), blocks);
}
