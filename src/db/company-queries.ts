// The team's company register (issue 14): companies, their link to placements
// and wish-list entries, and the wishes waiting for a company's contact.
import { companyKey } from '../domain/company-names.js';
import { fromDbDate, type LocalDate } from '../domain/local-date.js';
import type { Db, SourceChannel } from './types.js';

export interface CompanyRow {
  id: string;
  teamId: string;
  name: string;
  cvr: string | null;
  contactId: string | null;
}

const COMPANY_SELECT = { id: true, teamId: true, name: true, cvr: true, contactId: true } as const;

export function teamCompanies(db: Db, teamId: string): Promise<CompanyRow[]> {
  return db.company.findMany({ where: { teamId }, select: COMPANY_SELECT, orderBy: { name: 'asc' } });
}

export interface NewCompany {
  teamId: string;
  name: string;
  cvr?: string | null;
  contactId?: string | null;
  createdById: string;
  source: SourceChannel;
}

/**
 * Registers a company and links the team's rows that already name it (by the
 * comparable name): placements and wish-list entries written before the
 * register, or before this company was in it. Returns the company and how many
 * placements and wishes were linked.
 */
export async function createCompany(db: Db, entry: NewCompany): Promise<{ company: CompanyRow; placements: number; wishes: number }> {
  const key = companyKey(entry.name);
  const company = await db.company.create({
    data: { teamId: entry.teamId, name: entry.name, nameKey: key, cvr: entry.cvr ?? null, contactId: entry.contactId ?? null, createdById: entry.createdById, source: entry.source },
    select: COMPANY_SELECT,
  });
  const unlinked = await db.placement.findMany({ where: { companyId: null, citizen: { teamId: entry.teamId } }, select: { id: true, company: true } });
  const placementIds = unlinked.filter((p) => companyKey(p.company) === key).map((p) => p.id);
  for (const id of placementIds) await db.placement.update({ where: { id }, data: { companyId: company.id } });
  // Wishes: the rows that exist, and wish lists from before the register (no row yet).
  const citizens = await db.citizen.findMany({ where: { teamId: entry.teamId, wishCompanies: { isEmpty: false } }, select: { id: true, wishCompanies: true } });
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
 */
export async function syncWishes(db: Db, citizenId: string, names: readonly string[], companies: readonly CompanyRow[]): Promise<void> {
  const byKey = new Map(companies.map((c) => [companyKey(c.name), c.id]));
  for (const name of names) {
    const key = companyKey(name);
    const companyId = byKey.get(key) ?? null;
    const existing = await db.companyWish.findUnique({ where: { citizenId_nameKey: { citizenId, nameKey: key } }, select: { id: true, companyId: true, name: true } });
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
  /** The citizen's consultant, else caseworker: the colleague to talk to when the contact may not open the citizen. */
  askHandle: string | null;
}

/**
 * Per contact consultant: the active citizens (of the contact's own team) who
 * wish for one of their companies and for whom it has not been contacted yet.
 * The caller decides what the contact may see of each (src/jobs/consultant-reminders.ts).
 */
export async function wishesToContactByContact(db: Db, contactIds: readonly string[]): Promise<Map<string, WishToContact[]>> {
  const out = new Map<string, WishToContact[]>();
  if (contactIds.length === 0) return out;
  const rows = await db.companyWish.findMany({
    where: { contactedOn: null, company: { contactId: { in: [...contactIds] } }, citizen: { status: 'ACTIVE' } },
    select: {
      nameKey: true,
      citizen: {
        select: {
          id: true, ref: true, teamId: true, wishCompanies: true, caseworkerId: true, consultantId: true, mentorId: true,
          caseworker: { select: { handle: true } }, consultant: { select: { handle: true } },
        },
      },
      company: { select: { name: true, contactId: true, teamId: true } },
    },
  });
  for (const r of rows) {
    const company = r.company;
    const c = r.citizen;
    if (!company?.contactId || company.teamId !== c.teamId) continue;
    // Only what is on the list today.
    if (!c.wishCompanies.some((w) => companyKey(w) === r.nameKey)) continue;
    const list = out.get(company.contactId) ?? [];
    list.push({
      citizenId: c.id,
      ref: c.ref,
      company: company.name,
      citizen: { teamId: c.teamId, caseworkerId: c.caseworkerId, consultantId: c.consultantId, mentorId: c.mentorId },
      askHandle: c.consultant?.handle ?? c.caseworker?.handle ?? null,
    });
    out.set(company.contactId, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.company.localeCompare(b.company, 'da') || a.ref.localeCompare(b.ref));
  return out;
}
