// The company register (issue 14): one per municipality (= per jobbot
// instance), shared by all teams, as the seeds' "én indgang" asks. Companies,
// their link to placements and wish-list entries, and the wishes waiting for
// a company's contact.
import { companyKey } from '../domain/company-names.js';
import { fromDbDate, toDbDate, type LocalDate } from '../domain/local-date.js';
import { companyContactRoute, type OnBehalfOf } from '../domain/reminder-rules.js';
import { ASSIGNEE_AWAY, deliverRouted, managerTeams, type Recipient } from './reminder-queries.js';
import type { Db, SourceChannel } from './types.js';

export interface CompanyRow {
  id: string;
  name: string;
  /** Other names it was registered under (merged from another team's register). */
  aliases: string[];
  cvr: string | null;
  contactId: string | null;
}

const COMPANY_SELECT = { id: true, name: true, aliases: true, cvr: true, contactId: true } as const;

/** The whole register (every team's companies): names are matched across it. */
export function registerCompanies(db: Db): Promise<CompanyRow[]> {
  return db.company.findMany({ select: COMPANY_SELECT, orderBy: { name: 'asc' } });
}

export interface NewCompany {
  name: string;
  cvr?: string | null;
  contactId?: string | null;
  createdById: string;
  source: SourceChannel;
}

/**
 * Registers a company and links the rows of every team that already name it
 * (by the comparable name): placements and wish-list entries written before
 * the register, or before this company was in it. Returns the company and how many
 * placements and wishes were linked.
 */
export async function createCompany(db: Db, entry: NewCompany): Promise<{ company: CompanyRow; placements: number; wishes: number }> {
  const key = companyKey(entry.name);
  const company = await db.company.create({
    data: { name: entry.name, nameKey: key, cvr: entry.cvr ?? null, contactId: entry.contactId ?? null, createdById: entry.createdById, source: entry.source },
    select: COMPANY_SELECT,
  });
  const unlinked = await db.placement.findMany({ where: { companyId: null }, select: { id: true, company: true } });
  const placementIds = unlinked.filter((p) => companyKey(p.company) === key).map((p) => p.id);
  for (const id of placementIds) await db.placement.update({ where: { id }, data: { companyId: company.id } });
  // Wishes: the rows that exist, and wish lists from before the register (no row yet).
  const citizens = await db.citizen.findMany({ where: { wishCompanies: { isEmpty: false } }, select: { id: true, wishCompanies: true } });
  let wishes = 0;
  for (const c of citizens) {
    const name = c.wishCompanies.find((w) => companyKey(w) === key);
    if (name === undefined) continue;
    await db.companyWish.upsert({
      where: { citizenId_nameKey: { citizenId: c.id, nameKey: key } },
      create: { citizenId: c.id, name, nameKey: key, companyId: company.id },
      update: { companyId: company.id },
    });
    wishes++;
  }
  return { company, placements: placementIds.length, wishes };
}

/**
 * Makes the citizen's wish-list entries match the list: one row per name,
 * linked to the register where the company is in it. Rows for names that left
 * the list are kept (with their contact record), so a company that comes back
 * on the list is not asked about twice; every read goes through the list.
 * A row keeps its link when no company has its name (merged into a company
 * of another name, see the migration company_register_per_instance).
 */
export async function syncWishes(db: Db, citizenId: string, names: readonly string[], companies: readonly CompanyRow[]): Promise<void> {
  const byKey = new Map(companies.flatMap((c) => [c.name, ...c.aliases].map((n) => [companyKey(n), c.id] as const)));
  for (const name of names) {
    const key = companyKey(name);
    const existing = await db.companyWish.findUnique({ where: { citizenId_nameKey: { citizenId, nameKey: key } }, select: { id: true, companyId: true, name: true } });
    const companyId = byKey.get(key) ?? existing?.companyId ?? null;
    if (!existing) await db.companyWish.create({ data: { citizenId, name, nameKey: key, companyId } });
    else if (existing.companyId !== companyId || existing.name !== name) await db.companyWish.update({ where: { id: existing.id }, data: { companyId, name } });
  }
}

export interface WishRow {
  id: string;
  name: string;
  nameKey: string;
  companyId: string | null;
  contactedOn: LocalDate | null;
  contactResult: string | null;
}

/** The citizen's wish-list entries, in the list's order (names without a row yet have none). */
export async function wishesOf(db: Db, citizen: { id: string; wishCompanies: readonly string[] }): Promise<Array<{ name: string; wish?: WishRow }>> {
  const rows = await db.companyWish.findMany({ where: { citizenId: citizen.id } });
  const byKey = new Map(rows.map((r) => [r.nameKey, r]));
  return citizen.wishCompanies.map((name) => {
    const r = byKey.get(companyKey(name));
    return {
      name,
      wish: r && { id: r.id, name: r.name, nameKey: r.nameKey, companyId: r.companyId, contactedOn: r.contactedOn ? fromDbDate(r.contactedOn) : null, contactResult: r.contactResult },
    };
  });
}

export interface WishToContact {
  citizenId: string;
  ref: string;
  company: string;
  /** Who may open the citizen (the access rule's facts), and whom to ask about it. */
  citizen: { teamId: string; caseworkerId: string | null; consultantId: string | null; mentorId: string | null };
  /** The citizen's consultant, else caseworker: the colleague to talk to when the recipient may not open the citizen. */
  askHandle: string | null;
  /** Set when the recipient stands in for the company's contact (away: their cover or managers; left: the managers). */
  onBehalfOf?: OnBehalfOf;
}

/**
 * Per recipient of the morning list: the active citizens (of any team) who
 * wish for a company and for whom it has not been contacted yet. They go to
 * the company's fixed contact, routed like every reminder (companyContactRoute):
 * while the contact is away to their cover, else the managers of the
 * contact's team; if the contact left, to those managers. The caller decides
 * what each recipient may see of each citizen (src/jobs/consultant-reminders.ts).
 */
export async function wishesToContactByRecipient(db: Db, recipients: readonly Recipient[], today: LocalDate): Promise<Map<string, WishToContact[]>> {
  if (recipients.length === 0) return new Map();
  const teams = managerTeams(recipients);
  const rows = await db.companyWish.findMany({
    where: {
      contactedOn: null,
      citizen: { status: 'ACTIVE' },
      company: {
        contact: {
          OR: [
            { id: { in: recipients.map((r) => r.id) } },
            // Away today: their cover (or managers) may be among the recipients.
            { awayUntil: { gte: toDbDate(today) } },
            // A manager's teams: contacts who left (routing decides in memory).
            ...(teams.length ? [{ teamId: { in: teams } }] : []),
          ],
        },
      },
    },
    select: {
      nameKey: true,
      citizen: {
        select: {
          id: true, ref: true, teamId: true, wishCompanies: true, caseworkerId: true, consultantId: true, mentorId: true,
          caseworker: { select: { handle: true } }, consultant: { select: { handle: true } },
        },
      },
      company: { select: { name: true, contact: ASSIGNEE_AWAY } },
    },
  });
  const routed = rows.flatMap((r) => {
    const contact = r.company?.contact;
    const c = r.citizen;
    // Only what is on the list today, of companies whose contact belongs to a team.
    if (!contact?.teamId || !c.wishCompanies.some((w) => companyKey(w) === r.nameKey)) return [];
    const wish: WishToContact = {
      citizenId: c.id,
      ref: c.ref,
      company: r.company!.name,
      citizen: { teamId: c.teamId, caseworkerId: c.caseworkerId, consultantId: c.consultantId, mentorId: c.mentorId },
      askHandle: c.consultant?.handle ?? c.caseworker?.handle ?? null,
    };
    return [{ assignee: contact, route: companyContactRoute, item: (onBehalfOf?: OnBehalfOf) => (onBehalfOf ? { ...wish, onBehalfOf } : wish) }];
  });
  const out = await deliverRouted(db, recipients, today, routed);
  for (const list of out.values()) list.sort((a, b) => a.company.localeCompare(b.company, 'da') || a.ref.localeCompare(b.ref));
  return out;
}
