// Finds the placement a command means: the citizen's only active one, or the
// one named with company:"…" when there are several.
import type { Citizen, Placement } from '../../db/types.js';
import { fail, ok, type Checked } from '../arguments.js';
import type { HandlerContext } from '../context.js';

export async function pickActivePlacement(ctx: HandlerContext, citizen: Citizen, company: string | undefined): Promise<Checked<Placement>> {
  const active = await ctx.db.placement.findMany({ where: { citizenId: citizen.id, status: 'ACTIVE' }, orderBy: [{ startOn: 'asc' }, { createdAt: 'asc' }] });
  const matching = company ? active.filter((p) => p.company.toLowerCase() === company.toLowerCase()) : active;
  const only = matching[0];
  if (only && matching.length === 1) return ok(only);
  if (matching.length === 0) return fail(ctx.t.errors.noActivePlacement(citizen.ref));
  return fail(ctx.t.errors.severalActivePlacements(citizen.ref, matching.map((p) => p.company)));
}
