// Rule changes admins make in chat (issue 13), kept in the RuleChange table:
// a switch to a ready (opt-in) rule set from a date, with the group mapping
// that moves existing citizens once that date has come, and a rule set with
// one rule changed (/jobbot rules set) in force from its date. Every
// instance reads them at start-up and on each scheduler tick.
import type { TargetGroup } from '../domain/enums.js';
import { compareLocalDate, fromDbDate, toDbDate, type LocalDate } from '../domain/local-date.js';
import { useStoredRules, type StoredRuleEntry } from '../domain/rules/rules.js';
import { ruleSetSchema, type RuleSet } from '../domain/rules/schema.js';
import { recordAudit } from './audit.js';
import type { Db } from './types.js';

export type GroupMapping = Partial<Record<TargetGroup, TargetGroup>>;

type RuleChangeRow = Awaited<ReturnType<Db['ruleChange']['findMany']>>[number];

const changeRows = (db: Db) => db.ruleChange.findMany({ orderBy: { createdAt: 'asc' } });

/**
 * Every stored set passed the schema when it was made; one that no longer
 * does (a later jobbot's stricter shape) is skipped, never half-applied.
 */
function entriesOf(rows: readonly RuleChangeRow[]): StoredRuleEntry[] {
  const entries: StoredRuleEntry[] = [];
  for (const r of rows) {
    if (r.kind === 'switch') entries.push({ kind: 'switch', setId: r.setId, effectiveFrom: fromDbDate(r.effectiveFrom) });
    else if (r.kind === 'set') {
      const parsed = ruleSetSchema.safeParse(r.ruleSet);
      if (parsed.success) entries.push({ kind: 'set', set: parsed.data });
    }
  }
  return entries;
}

/** The stored changes as the rules table takes them, oldest first. */
export async function storedRuleEntries(db: Db): Promise<StoredRuleEntry[]> {
  return entriesOf(await changeRows(db));
}

/**
 * Installs the stored changes in this process's rules table; with `today`,
 * also moves citizens by the mappings whose date has come (one read for both).
 */
export async function refreshStoredRules(db: Db, due?: { today: LocalDate; now: Date }): Promise<number> {
  const rows = await changeRows(db);
  useStoredRules(entriesOf(rows));
  if (!due) return 0;
  return applyGroupMappings(db, rows.filter((r) => r.kind === 'switch' && r.appliedAt === null && compareLocalDate(fromDbDate(r.effectiveFrom), due.today) <= 0), due.now);
}

/** Active citizens per mapped group: what a switch would move. */
export async function mappingPreview(db: Db, mapping: GroupMapping): Promise<Array<{ from: TargetGroup; to: TargetGroup; citizens: number }>> {
  const from = Object.keys(mapping) as TargetGroup[];
  if (from.length === 0) return [];
  const counts = await db.citizen.groupBy({ by: ['targetGroup'], where: { status: 'ACTIVE', targetGroup: { in: from } }, _count: { _all: true } });
  return from.map((g) => ({ from: g, to: mapping[g]!, citizens: counts.find((c) => c.targetGroup === g)?._count._all ?? 0 }));
}

export async function recordRuleSwitch(db: Db, change: { setId: string; effectiveFrom: LocalDate; mapping: GroupMapping; createdById: string }): Promise<void> {
  await db.ruleChange.create({ data: { kind: 'switch', setId: change.setId, effectiveFrom: toDbDate(change.effectiveFrom), mapping: change.mapping, createdById: change.createdById } });
}

/** A rule set with one rule changed in chat, in force from its date (src/domain/rules/rule-edits.ts made it). */
export async function recordRuleSet(db: Db, change: { set: RuleSet; createdById: string }): Promise<void> {
  await db.ruleChange.create({ data: { kind: 'set', setId: change.set.id, effectiveFrom: toDbDate(change.set.effectiveFrom), ruleSet: change.set, createdById: change.createdById } });
}

/**
 * Moves existing citizens by each switch's mapping once its date has come,
 * once (appliedAt). Audited per switch with the counts, never per citizen name.
 */
async function applyGroupMappings(db: Db, due: readonly RuleChangeRow[], now: Date): Promise<number> {
  let moved = 0;
  for (const change of due) {
    const mapping = (change.mapping ?? {}) as GroupMapping;
    const counts: Record<string, number> = {};
    for (const [from, to] of Object.entries(mapping) as Array<[TargetGroup, TargetGroup]>) {
      const { count } = await db.citizen.updateMany({ where: { status: 'ACTIVE', targetGroup: from }, data: { targetGroup: to } });
      counts[`${from}->${to}`] = count;
      moved += count;
    }
    await db.ruleChange.update({ where: { id: change.id }, data: { appliedAt: now } });
    await recordAudit(db, { actorId: change.createdById, action: 'rules.mapping.applied', channel: 'CONSOLE' /* the server itself, as retention's rows */, details: { setId: change.setId, ...counts } });
  }
  return moved;
}
