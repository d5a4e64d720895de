// Which registered company a typed name means, for every command that names
// one (/virksomhed, /placement start, /citizen wish): the same company (case
// and æ/ae folded), a "mente du …?" question when it is close to one, or a new
// company added to the register (no fixed contact yet) when it is unlike all.
// The register is the whole instance's (every team's companies).
import { companyKey, matchCompany, MAX_COMPANY_NAME_LENGTH } from '../../domain/company-names.js';
import { createCompany, registerCompanies, type CompanyRow } from '../../db/company-queries.js';
import { fail, ok, type Checked } from '../arguments.js';
import type { HandlerContext } from '../context.js';

export function checkCompanyName(ctx: HandlerContext, raw: string | undefined): Checked<string> {
  const name = (raw ?? '').trim().replace(/\s+/g, ' ');
  if (!name || companyKey(name) === '') return fail(ctx.t.companies.nameMissing, `${ctx.t.usage.exampleLabel}: ${ctx.t.companies.usage.examples[0] ?? ''}`);
  if (name.length > MAX_COMPANY_NAME_LENGTH) return fail(ctx.t.companies.nameTooLong(MAX_COMPANY_NAME_LENGTH));
  return ok(name);
}

export interface ResolvedCompany {
  company: CompanyRow;
  /** Added to the register by this command. */
  created: boolean;
}

/**
 * The register's company for a name typed in an entry (a placement, a wish):
 * found, asked about ("mente du …?", nothing changes), or added. `known`
 * saves re-reading the register when one command names several companies.
 */
export async function resolveCompany(ctx: HandlerContext, typed: string, known?: CompanyRow[]): Promise<Checked<ResolvedCompany>> {
  const name = checkCompanyName(ctx, typed);
  if (!name.ok) return name;
  const companies = known ?? (await registerCompanies(ctx.db));
  const match = matchCompany(name.value, companies);
  if (match.kind === 'same') return ok({ company: match.company, created: false });
  if (match.kind === 'near') return fail(ctx.t.companies.nearAsk(name.value, match.company.name));
  const { company } = await createCompany(ctx.db, { name: name.value, createdById: ctx.actor.id, source: ctx.channel });
  companies.push(company);
  return ok({ company, created: true });
}
