// Target metrics' actuals per month for many scopes at once (issue 15): the
// teams' and their people's, one statement per kind of row whatever the
// number of teams, counted per scope in SQL or in memory. The one definition
// of every actual: actualsPerMonthFor (target-queries.ts) asks it for a
// single scope. Counts only.
//
// A scope's citizens are those of citizenWhere (a team's, a caseworker's, a
// consultant's), its results those of outcomeCreditWhere: each row carries
// its team, caseworker and consultant, and counts for each requested scope
// it names.
import type { Readiness, TargetMetric } from '../domain/enums.js';
import { compareLocalDate, endOfMonth, minLocalDate, startOfMonth, type LocalDate } from '../domain/local-date.js';
import { addMonths, movedUpIn, retainedOn } from '../domain/pipeline.js';
import { celebratedOutcomes } from '../domain/vocabulary.js';
import type { CaseloadScope } from './caseload-queries.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Db } from './types.js';

/** 'team:<id>', 'caseworker:<id>' or 'consultant:<id>'. */
export type ScopeKey = string;

export function scopeKey(scope: CaseloadScope): ScopeKey {
  return 'teamId' in scope ? `team:${scope.teamId}` : `${scope.as}:${scope.staffId}`;
}

/** The requested scopes by kind: what the SQL's WHERE and the in-memory split need. */
export interface ScopeSets {
  teams: string[];
  caseworkers: string[];
  consultants: string[];
  keys: Set<ScopeKey>;
}

export function scopeSets(scopes: readonly CaseloadScope[]): ScopeSets {
  const sets: ScopeSets = { teams: [], caseworkers: [], consultants: [], keys: new Set() };
  for (const scope of scopes) {
    const key = scopeKey(scope);
    if (sets.keys.has(key)) continue;
    sets.keys.add(key);
    if ('teamId' in scope) sets.teams.push(scope.teamId);
    else (scope.as === 'consultant' ? sets.consultants : sets.caseworkers).push(scope.staffId);
  }
  return sets;
}

/** The requested scopes a row counts for. */
export function keysOf(sets: ScopeSets, row: { teamId: string | null; caseworkerId: string | null; consultantId: string | null }): ScopeKey[] {
  const out: ScopeKey[] = [];
  for (const key of [`team:${row.teamId}`, `caseworker:${row.caseworkerId}`, `consultant:${row.consultantId}`]) if (sets.keys.has(key)) out.push(key);
  return out;
}

/** Per scope, per metric: 'YYYY-MM' -> count (a month with nothing is absent). */
export type ScopeActuals = (scope: CaseloadScope, metric: TargetMetric) => Map<string, number>;

type Row = { teamId: string | null; caseworkerId: string | null; consultantId: string | null };

/**
 * `metrics`' actuals for every scope in `scopes`, per month from `fromMonth`
 * to `toMonth` (first days, inclusive); `today` bounds what has happened yet
 * (a move, a retention day). At most one statement per kind of row (meetings,
 * placement starts, results, moves, sub-goals, retentions).
 */
export async function actualsForScopes(db: Db, scopes: readonly CaseloadScope[], metrics: readonly TargetMetric[], fromMonth: LocalDate, toMonth: LocalDate, today: LocalDate): Promise<ScopeActuals> {
  const sets = scopeSets(scopes);
  const found = new Map<string, Map<string, number>>();
  const add = (key: ScopeKey, metric: TargetMetric, month: string, count: number) => {
    const id = `${key}|${metric}`;
    const months = found.get(id) ?? new Map<string, number>();
    months.set(month, (months.get(month) ?? 0) + count);
    found.set(id, months);
  };
  const wanted = new Set(metrics);
  if (sets.keys.size > 0) {
    const from = startOfMonth(fromMonth);
    const to = endOfMonth(toMonth);
    if (wanted.has('MEETINGS') || wanted.has('THREE_PARTY_MEETINGS')) {
      for (const r of await groupedCounts(db, sets, 'meetings', from, to)) {
        if (wanted.has('MEETINGS')) add(r.key, 'MEETINGS', r.month, r.all);
        if (wanted.has('THREE_PARTY_MEETINGS') && r.threeParty > 0) add(r.key, 'THREE_PARTY_MEETINGS', r.month, r.threeParty);
      }
    }
    if (wanted.has('PLACEMENT_STARTS')) for (const r of await groupedCounts(db, sets, 'starts', from, to)) add(r.key, 'PLACEMENT_STARTS', r.month, r.all);
    if (wanted.has('SUB_GOALS_REACHED')) for (const r of await groupedCounts(db, sets, 'subGoals', from, to)) add(r.key, 'SUB_GOALS_REACHED', r.month, r.all);
    // Each citizen once per kind of result and month (countedOnce), by the rules in force at the period's end.
    if (wanted.has('JOB_OUTCOMES')) for (const r of await groupedCounts(db, sets, 'results', from, to, celebratedOutcomes(to))) add(r.key, 'JOB_OUTCOMES', r.month, r.all);
    if (wanted.has('READINESS_MOVES')) for (const [key, months] of await movesPerMonth(db, sets, fromMonth, toMonth, today)) for (const [m, n] of months) add(key, 'READINESS_MOVES', m, n);
    if (wanted.has('PLACEMENTS_RETAINED')) for (const [key, m] of await retentions(db, sets, from, minLocalDate(to, today))) add(key, 'PLACEMENTS_RETAINED', m, 1);
  }
  return (scope, metric) => found.get(`${scopeKey(scope)}|${metric}`) ?? new Map();
}

/** The rows' citizens (a result's: whom it is credited to) in one of the requested scopes. */
export function inScopes(alias: string, sets: ScopeSets): Prisma.Sql {
  const col = (name: string) => Prisma.raw(`${alias}."${name}"`);
  return Prisma.sql`(${col('teamId')} = ANY(${sets.teams}::text[]) OR ${col('caseworkerId')} = ANY(${sets.caseworkers}::text[]) OR ${col('consultantId')} = ANY(${sets.consultants}::text[]))`;
}

/**
 * Counts per scope and month in one statement: the matching rows once (r:
 * the scope columns, the month, a counting key k and a three-party flag tp),
 * then grouped by team, by caseworker and by consultant.
 */
async function groupedCounts(
  db: Db,
  sets: ScopeSets,
  of: 'meetings' | 'starts' | 'subGoals' | 'results',
  from: LocalDate,
  to: LocalDate,
  kinds: readonly string[] = [],
): Promise<Array<{ key: ScopeKey; month: string; all: number; threeParty: number }>> {
  const scope = Prisma.sql`c."teamId", c."caseworkerId", c."consultantId"`;
  const rowsOf: Record<typeof of, Prisma.Sql> = {
    meetings: Prisma.sql`
      SELECT ${scope}, to_char(m."heldOn", 'YYYY-MM') AS bucket, m.id AS k, (m.kind = 'THREE_PARTY')::int AS tp
      FROM "Meeting" m JOIN "Citizen" c ON c.id = m."citizenId"
      WHERE m."heldOn" BETWEEN ${from}::date AND ${to}::date AND ${inScopes('c', sets)}`,
    starts: Prisma.sql`
      SELECT ${scope}, to_char(p."startOn", 'YYYY-MM') AS bucket, p.id AS k, 0 AS tp
      FROM "Placement" p JOIN "Citizen" c ON c.id = p."citizenId"
      WHERE p."startOn" BETWEEN ${from}::date AND ${to}::date AND ${inScopes('c', sets)}`,
    subGoals: Prisma.sql`
      SELECT ${scope}, to_char(s."closedOn", 'YYYY-MM') AS bucket, s.id AS k, 0 AS tp
      FROM "SubGoal" s JOIN "Citizen" c ON c.id = s."citizenId"
      WHERE s.status = 'REACHED' AND s."closedOn" BETWEEN ${from}::date AND ${to}::date AND ${inScopes('c', sets)}`,
    // Each citizen once per kind of result and month: k is citizen and kind, counted distinct per month.
    results: Prisma.sql`
      SELECT o."teamId", o."caseworkerId", o."consultantId", to_char(o."occurredOn", 'YYYY-MM') AS bucket, o."citizenId" || '|' || o.kind::text AS k, 0 AS tp
      FROM "Outcome" o
      WHERE o."occurredOn" BETWEEN ${from}::date AND ${to}::date AND o.kind::text = ANY(${[...kinds]}::text[]) AND ${inScopes('o', sets)}`,
  };
  // A meeting, start or sub-goal is one row (k its id); a result's k repeats and is counted once.
  return (await countPerScope(db, sets, rowsOf[of], { unique: of !== 'results' })).map((r) => ({ key: r.key, month: r.bucket, all: r.all, threeParty: r.threeParty }));
}

/**
 * Counts per requested scope and bucket in one statement. `rows` selects the
 * scope columns ("teamId", "caseworkerId", "consultantId"), a bucket (a
 * month, a readiness), a key k counted distinct, and tp (summed). `unique`:
 * no two rows share a k, so rows are counted as they are (count(DISTINCT)
 * sorted 55 000 meetings, on disk, for the digest's chart: issue 15).
 */
export async function countPerScope(db: Db, sets: ScopeSets, rows: Prisma.Sql, { unique = false } = {}): Promise<Array<{ key: ScopeKey; bucket: string; all: number; threeParty: number }>> {
  const count = unique ? 'count(*)' : 'count(DISTINCT k)';
  const grouped = (by: string, column: string) =>
    `SELECT '${by}' AS by, "${column}" AS id, bucket, ${count}::int AS "all", sum(tp)::int AS "threeParty" FROM r WHERE "${column}" IS NOT NULL GROUP BY 2, 3`;
  const parts = [sets.teams.length ? grouped('team', 'teamId') : '', sets.caseworkers.length ? grouped('caseworker', 'caseworkerId') : '', sets.consultants.length ? grouped('consultant', 'consultantId') : ''];
  if (!parts.some(Boolean)) return [];
  const found = await db.$queryRaw<Array<{ by: string; id: string; bucket: string; all: number; threeParty: number }>>(
    Prisma.sql`WITH r AS (${rows}) ${Prisma.raw(parts.filter(Boolean).join(' UNION ALL '))}`,
  );
  const out: Array<{ key: ScopeKey; bucket: string; all: number; threeParty: number }> = [];
  for (const r of found) {
    const key = `${r.by}:${r.id}`;
    if (sets.keys.has(key)) out.push({ key, bucket: r.bucket, all: Number(r.all), threeParty: Number(r.threeParty) });
  }
  return out;
}

/** Citizens (any status) of each scope who moved up, per month 'YYYY-MM' from `fromMonth` to `toMonth`, each month up to `today`. */
async function movesPerMonth(db: Db, sets: ScopeSets, fromMonth: LocalDate, toMonth: LocalDate, today: LocalDate): Promise<Map<ScopeKey, Map<string, number>>> {
  const last = minLocalDate(endOfMonth(toMonth), today);
  // Only citizens with a change in the period can have moved; their whole history up to its end decides.
  const rows = await db.$queryRaw<Array<Row & { citizenId: string; readiness: Readiness; setOn: string }>>`
    SELECT rc."citizenId", rc.readiness::text AS readiness, to_char(rc."setOn", 'YYYY-MM-DD') AS "setOn", c."teamId", c."caseworkerId", c."consultantId"
    FROM "ReadinessChange" rc JOIN "Citizen" c ON c.id = rc."citizenId"
    WHERE rc."setOn" <= ${last}::date AND ${inScopes('c', sets)}
      AND rc."citizenId" IN (SELECT "citizenId" FROM "ReadinessChange" WHERE "setOn" BETWEEN ${fromMonth}::date AND ${last}::date)
    ORDER BY rc."setOn", rc."createdAt"`;
  const byCitizen = new Map<string, { keys: ScopeKey[]; history: Array<{ readiness: Readiness; setOn: LocalDate }> }>();
  for (const r of rows) {
    const entry = byCitizen.get(r.citizenId) ?? { keys: keysOf(sets, r), history: [] };
    entry.history.push({ readiness: r.readiness, setOn: r.setOn });
    byCitizen.set(r.citizenId, entry);
  }
  const out = new Map<ScopeKey, Map<string, number>>();
  for (let m = fromMonth; compareLocalDate(m, toMonth) <= 0; m = addMonths(m, 1)) {
    const to = minLocalDate(endOfMonth(m), today);
    for (const { keys, history } of byCitizen.values()) {
      if (!movedUpIn(history, m, to)) continue;
      for (const key of keys) {
        const months = out.get(key) ?? new Map<string, number>();
        months.set(m.slice(0, 7), (months.get(m.slice(0, 7)) ?? 0) + 1);
        out.set(key, months);
      }
    }
  }
  return out;
}

/** Placements retained (running RETENTION_MONTHS after their start) with their retention day in [from, to] (to: today at the latest): [scope, 'YYYY-MM'] per placement and scope. */
async function retentions(db: Db, sets: ScopeSets, from: LocalDate, to: LocalDate): Promise<Array<[ScopeKey, string]>> {
  // A retention day in [from, to] means a start a few months earlier; read a little wider and let retainedOn decide.
  const rows = await db.$queryRaw<Array<Row & { startOn: string; endedOn: string | null; plannedEndOn: string }>>`
    SELECT to_char(p."startOn", 'YYYY-MM-DD') AS "startOn", to_char(p."endedOn", 'YYYY-MM-DD') AS "endedOn", to_char(p."plannedEndOn", 'YYYY-MM-DD') AS "plannedEndOn",
           c."teamId", c."caseworkerId", c."consultantId"
    FROM "Placement" p JOIN "Citizen" c ON c.id = p."citizenId"
    WHERE p."startOn" BETWEEN ${addMonths(from, -4)}::date AND ${to}::date AND ${inScopes('c', sets)}`;
  const out: Array<[ScopeKey, string]> = [];
  for (const p of rows) {
    const day = retainedOn({ startOn: p.startOn, endedOn: p.endedOn, plannedEndOn: p.plannedEndOn }, to);
    if (!day || compareLocalDate(day, from) < 0) continue;
    for (const key of keysOf(sets, p)) out.push([key, day.slice(0, 7)]);
  }
  return out;
}
