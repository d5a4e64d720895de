// The readiness pipeline and the pipeline's monthly measures (issue 14), one
// definition for every view: /caseload, the digest, the 1:1 summary, /targets
// and the month-end report all count through these functions (the pipeline's
// monthly measures: scope-actuals.ts).
import type { LocalDate } from '../domain/local-date.js';
import { emptyPipeline, type PipelineCounts } from '../domain/pipeline.js';
import { Prisma } from '../generated/prisma/client.js';
import type { CaseloadScope } from './caseload-queries.js';
import { actualsForScopes, countPerScope, inScopes, scopeKey, scopeSets, type ScopeKey } from './scope-actuals.js';
import type { Db } from './types.js';

export interface Pipeline {
  /** Active citizens in the scope by their current readiness. */
  counts: PipelineCounts;
  /** Citizens in the scope who moved up in the month so far (the READINESS_MOVES measure). */
  movedUp: number;
}

/** The scope's pipeline today, and how many moved up in `month` (its first day) up to `today`. */
export async function pipelineOf(db: Db, scope: CaseloadScope, month: LocalDate, today: LocalDate): Promise<Pipeline> {
  return (await pipelinesOf(db, [scope], month, today))(scope);
}

/** Each scope's pipeline (as pipelineOf), for any number of scopes in two statements. */
export async function pipelinesOf(db: Db, scopes: readonly CaseloadScope[], month: LocalDate, today: LocalDate): Promise<(scope: CaseloadScope) => Pipeline> {
  const sets = scopeSets(scopes);
  // The newest row is the current readiness, as on the card and for recordReadiness.
  const counted = await countPerScope(
    db,
    sets,
    Prisma.sql`
      SELECT c."teamId", c."caseworkerId", c."consultantId", c.id AS k, 0 AS tp,
             coalesce((SELECT rc.readiness::text FROM "ReadinessChange" rc WHERE rc."citizenId" = c.id ORDER BY rc."createdAt" DESC LIMIT 1), 'unset') AS bucket
      FROM "Citizen" c WHERE c.status = 'ACTIVE' AND ${inScopes('c', sets)}`,
    { unique: true }, // one row per citizen
  );
  const counts = new Map<ScopeKey, PipelineCounts>();
  for (const r of counted) {
    const entry = counts.get(r.key) ?? emptyPipeline();
    entry[r.bucket as keyof PipelineCounts] += r.all;
    counts.set(r.key, entry);
  }
  const moved = await actualsForScopes(db, scopes, ['READINESS_MOVES'], month, month, today);
  return (scope) => ({ counts: counts.get(scopeKey(scope)) ?? emptyPipeline(), movedUp: moved(scope, 'READINESS_MOVES').get(month.slice(0, 7)) ?? 0 });
}
