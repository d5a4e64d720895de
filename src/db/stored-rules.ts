// Rule changes admins make in chat (issue 13), kept in the RuleChange table:
// today a switch to a ready (opt-in) rule set from a date, with the group
// mapping that moves existing citizens once that date has come. Every
// instance reads them at start-up and on each scheduler tick.
import type { TargetGroup } from '../domain/enums.js';
import { compareLocalDate, fromDbDate, toDbDate, type LocalDate } from '../domain/local-date.js';
import { useStoredRules, type StoredRuleEntry } from '../domain/rules/rules.js';
import { recordAudit } from './audit.js';
import type { Db } from './types.js';

export type GroupMapping = Partial<Record<TargetGroup, TargetGroup>>;

type RuleChangeRow = Awaited<ReturnType<Db['ruleChange']['findMany']>>[number];

const switchRows = (db: Db) => db.ruleChange.findMany({ where: { kind: 'switch' }, orderBy: { createdAt: 'asc' } });
const entriesOf = (rows: readonly RuleChangeRow[]): StoredRuleEntry[] =>
  rows.map((r) => ({ kind: 'switch', setId: r.setId, effectiveFrom: fromDbDate(r.effectiveFrom) }));

/** The stored changes as the rules table takes them, oldest first. */
export async function storedRuleEntries(db: Db): Promise<StoredRuleEntry[]> {
  return entriesOf(await switchRows(db));
}

/**
 * Installs the stored changes in this process's rules table; with `today`,
 * also moves citizens by the mappings whose date has come (one read for both).
 */
export async function refreshStoredRules(db: Db, due?: { today: LocalDate; now: Date }): Promise<number> {
  const rows = await switchRows(db);
  useStoredRules(entriesOf(rows));
  if (!due) return 0;
  return applyGroupMappings(db, rows.filter((r) => r.appliedAt === null && compareLocalDate(fromDbDate(r.effectiveFrom), due.today) <= 0), due.now);
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
